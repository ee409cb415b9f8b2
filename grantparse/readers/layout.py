"""Geometry for PDF text: words into lines, lines into paragraphs, tables across pages.

Kept apart from :mod:`grantparse.readers.pdf` so the rules can be read (and tested) on their
own: a reader of this module finds *why* two lines were judged one paragraph.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex
from rapidfuzz import fuzz

from grantparse.normalise import fold, join_fragments
from grantparse.readers.document import BBox, Cell, Table, TextItem


@dataclass
class Line:
    """Words that share a baseline, left to right."""

    words: list[dict[str, Any]] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return min(float(w["x0"]) for w in self.words)

    @property
    def x1(self) -> float:
        return max(float(w["x1"]) for w in self.words)

    @property
    def top(self) -> float:
        return min(float(w["top"]) for w in self.words)

    @property
    def bottom(self) -> float:
        return max(float(w["bottom"]) for w in self.words)

    @property
    def baseline(self) -> float:
        """Where the line sits, for line pitches: a word in a taller fallback font (a browser
        takes Kazakh letters from another font) raises the line's top, never its baseline.
        The top stands in when the words carry no baseline (OCR)."""
        if all("baseline" in w for w in self.words):
            return float(statistics.median(float(w["baseline"]) for w in self.words))
        return self.top

    @property
    def size(self) -> float:
        return float(self.words[0].get("size") or (self.bottom - self.top) or 10.0)

    @property
    def text(self) -> str:
        return " ".join(str(w["text"]) for w in self.words)

    @property
    def confidence(self) -> float | None:
        """OCR only: the lowest word confidence on the line."""
        found = [float(w["conf"]) for w in self.words if "conf" in w]
        return min(found) if found else None

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


def _covers(line: Line, word: dict[str, Any]) -> bool:
    x0, x1 = float(word["x0"]), float(word["x1"])
    return any(min(x1, float(w["x1"])) - max(x0, float(w["x0"])) > 0.4 * min(x1 - x0, float(w["x1"]) - float(w["x0"]))
               for w in line.words)


def group_lines(words: Iterable[dict[str, Any]]) -> list[Line]:
    """Group words into lines by vertical overlap, each line sorted left to right."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (float(w["top"]), float(w["x0"]))):
        size = float(word.get("size") or 10.0)
        # The nearest line at this height whose words this one does not cover (two lines drawn
        # over each other stay two lines).
        home = next((line for line in reversed(lines[-3:])
                     if abs(float(word["top"]) - line.top) <= 0.4 * size and not _covers(line, word)), None)
        if home is not None:
            home.words.append(word)
        else:
            lines.append(Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: float(w["x0"]))
    return lines


def typical_pitch(line_groups: Iterable[Sequence[Line]]) -> float | None:
    """The most common distance between consecutive baselines: the line spacing *inside* a
    paragraph, since most line pairs in a report are within one paragraph."""
    pitches = [
        round(b.baseline - a.baseline, 1)
        for lines in line_groups
        for a, b in itertools.pairwise(lines)
        if 0 < b.baseline - a.baseline < 3 * a.size
    ]
    if not pitches:
        return None
    return float(statistics.median_low(pitches))


# An OCR'd word box is off by a point or two either way: room at the end of a scanned line
# counts as room (a paragraph's end) only beyond that.
OCR_SLACK = 3.0


def _wraps_mid_phrase(before: str, after: str) -> bool:
    """A line that ends on a letter or a hyphen, followed by one that starts in lower case
    (and not with a word that opens a new value, «кемінде 20»): a wrapped phrase."""
    first = regex.match(r"\p{Ll}+", after)
    return bool(first and regex.search(r"[\p{L}\-–]$", before)) and first.group(0).lower() not in _VALUE_OPENERS


def _ends_paragraph(prev: Line, nxt: Line, right_limit: float, pitch: float | None,
                    left_limit: float | None = None, centred: bool = False) -> bool:
    """Would a word-wrapping layout have put ``nxt`` on a new line only because a paragraph
    ended? Two independent signs: extra space above ``nxt`` (paragraph spacing), or room
    left on ``prev`` for the first word of ``nxt`` (the line was not full). Room is measured
    both at the right edge and as the line's width against the column's, so centred text
    (room on both sides) and indented first lines (less room) are both judged right."""
    gap = nxt.baseline - prev.baseline
    if pitch and gap > pitch + max(1.0, 0.08 * pitch):
        return True
    # Line breaking never separates a word from closing punctuation or a slash that follows
    # it after a space («фото /»), so the unit that did not fit may be longer than a word.
    unit_end = 0
    following = [str(w["text"]) for w in nxt.words[1:]]
    while unit_end < len(following) and regex.fullmatch(r"[)\]!?,.:;/%»]+", following[unit_end]):
        unit_end += 1
    first_width = float(nxt.words[unit_end]["x1"]) - float(nxt.words[0]["x0"])
    space = 0.3 * prev.size
    if prev.confidence is not None and _wraps_mid_phrase(prev.text, nxt.text):
        return False  # scanned: room at a line's end is too rough a sign to cut a phrase
    slack = 1.0 if prev.confidence is None else OCR_SLACK
    room_at_right = prev.x1 + space + first_width < right_limit - slack
    if left_limit is None:
        return room_at_right
    room_in_width = (prev.x1 - prev.x0) + space + first_width < (right_limit - left_limit) - slack
    if centred:
        return room_in_width  # a centred line has room at its right whether or not it was full
    return room_at_right and room_in_width


# Centred lines share a centre within this and their left edges differ by more.
CENTRE_TOLERANCE = 1.5
LEFT_EDGE_SPREAD = 3.0


def is_centred(lines: Sequence[Line]) -> bool:
    """Are the lines of a cell centred (their middles line up, their left edges do not)?"""
    if len(lines) < 2:
        return False
    middles = [(line.x0 + line.x1) / 2 for line in lines]
    lefts = [line.x0 for line in lines]
    return max(middles) - min(middles) <= 2 * CENTRE_TOLERANCE and max(lefts) - min(lefts) > LEFT_EDGE_SPREAD


def split_paragraphs(lines: Sequence[Line], right_limit: float, pitch: float | None,
                     left_limit: float | None = None) -> list[list[Line]]:
    """Split a column of lines into paragraphs."""
    paragraphs: list[list[Line]] = []
    centred = left_limit is not None and is_centred(lines)
    for line in lines:
        if paragraphs and not _ends_paragraph(paragraphs[-1][-1], line, right_limit, pitch, left_limit, centred):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return paragraphs


# Short words that stand alone (Kazakh and Russian conjunctions, particles, prepositions):
# a line that starts with one of them is an ordinary wrap, not the tail of a cut word.
_SHORT_WORDS = frozenset(
    "мен пен бен да де та те ма ме ба бе па пе не әр ал ол ғой и в во на по с со к ко о об у "  # noqa: SIM905
    "за до из от а но для без при про что как или ли же бы "
    # the words of the form's quantities: «100-ден | кем емес», «50-ге | дейін», «5 | дана»
    "кем емес дейін астам артық жуық кем дана адам ед шт га тг мың млн тыс млрд сағат сабақ бойы бойына".split()
)


def _core(word: str) -> str:
    return str(regex.sub(r"^\W+|\W+$", "", word)).lower()


@dataclass(frozen=True)
class Vocabulary:
    """The document's own words (with counts) and their prefixes of five letters or more:
    the evidence for telling a word cut by a narrow column from two words."""

    counts: Counter[str] = field(default_factory=Counter)  # words seen inside a line
    words: frozenset[str] = frozenset()  # every word, line-initial ones too
    prefixes: frozenset[str] = frozenset()

    @classmethod
    def of(cls, lines: Iterable[Line]) -> Vocabulary:
        """Count words that do not begin a line: a cut word's tail always begins one, so
        only real words are counted; every word still lends its prefixes."""
        counts: Counter[str] = Counter()
        everything: set[str] = set()
        for line in lines:
            words = [_core(str(w["text"])) for w in line.words]
            counts.update(words[1:])
            everything.update(words)
        prefixes = frozenset(word[:n] for word in everything for n in range(5, len(word)))
        return cls(counts, frozenset(everything), prefixes)

    def merged(self, other: Vocabulary) -> Vocabulary:
        return Vocabulary(self.counts + other.counts, self.words | other.words, self.prefixes | other.prefixes)

    def is_word(self, word: str) -> bool:
        return word in self.words

    def starts_word(self, piece: str) -> bool:
        return piece in self.prefixes


EMPTY_VOCABULARY = Vocabulary()


# A one-letter short word is in use in a document where it stands between words this often
# (Russian «и», «в», «с»: dozens of times); in a Kazakh report «у» or «а» on a line of its own
# is the tail of a cut word.
IN_USE = 3
# Marks that close what goes before them: a line never begins with one by choice.
_CLOSING = regex.compile(r"[»”)\]},.;:!?%]")


def _link_goes_on(before: str, after: str) -> bool:
    """Does ``after`` (a line's or a page's first word) go on the link ``before`` ends in? A link
    has no spaces, so where it did not fit it was broken anywhere («…instagram.com/» | «p/C0p…»)."""
    token = before.rsplit(" ", 1)[-1]
    return bool(regex.match(r"(?:https?://|www\.)\S*[^,;]$", token)
                and regex.fullmatch(r"[\w\-/?=&%.#~:+]+[,;).]*", after.split(" ", 1)[0], flags=regex.ASCII))


def _cut_word(prev: Line, nxt: Line, right_limit: float, vocab: Vocabulary, text_so_far: str = "") -> bool:
    """Was a word too wide for its column broken between ``prev`` and ``nxt``?

    A forced break fills the line: less room is left than the next character needs.
    Geometry cannot tell that from a natural wrap before a long word, so the document's
    own words decide: the joined word (or a longer word it begins) occurs elsewhere
    («Маңғыста|у» → «Маңғыстау»); failing that, only a short piece that is no word of its
    own is taken for a cut tail («Тапсырыл|ған»), never a word («жастары|мен»).
    """
    first = nxt.words[0]
    head = str(first["text"])
    if _CLOSING.match(head) and regex.search(r"[\p{L}\p{N}]$", str(prev.words[-1]["text"])):
        return True  # no line starts with a closing mark unless the word before it did not fit
    tail_word = str(prev.words[-1]["text"])
    room = right_limit - prev.x1
    last_token = text_so_far.rsplit(" ", 1)[-1] if text_so_far else tail_word
    link = _link_goes_on(last_token, head)
    if link and (room < prev.size or room < float(first["x1"]) - float(first["x0"]) + 0.3 * prev.size):
        # A link has no spaces: broken where it did not fit («…instagram.com/» | «p/C0p…/»),
        # after words on its line too.
        return True
    if len(prev.words) != 1:
        return False  # a word is only cut when it cannot fit on a line of its own
    char_width = (float(first["x1"]) - float(first["x0"])) / max(1, len(head))
    tight = room <= max(char_width, 0.55 * prev.size) + 0.5
    number = regex.search(r"\d[\d.\-/]*$", tail_word) and regex.match(r"\d", head)
    if number and tight:
        return True  # a number («2-3.11.2|4») has no spaces to wrap at
    if not (room < prev.size and regex.search(r"\p{L}$", tail_word) and regex.match(r"\p{Ll}", head)):
        return False
    joined, piece = _core(tail_word + head), _core(head)
    if joined in _VALUE_OPENERS:
        return True  # «кемін|де 10»: the form's own qualifiers are words wherever they are cut
    if vocab.is_word(joined) or (vocab.starts_word(joined) and piece not in _SHORT_WORDS):
        return True
    if not tight or (piece in _SHORT_WORDS and not (len(piece) == 1 and vocab.counts[piece] < IN_USE)):
        return False  # a one-letter word («и», «у») is one only in a document that uses it
    # A letter on its own is no word unless it is one of the short words above (the tails of
    # words cut by a narrow column recur, so their count says nothing).
    return len(piece) == 1 or (len(piece) <= 4 and vocab.counts[piece] < 2)


def join_lines(lines: Sequence[Line], right_limit: float, vocab: Vocabulary = EMPTY_VOCABULARY) -> str:
    """The text of wrapped lines; a word cut in two by a narrow column is rejoined."""
    text = ""
    for i, line in enumerate(lines):
        if i and _cut_word(lines[i - 1], line, right_limit, vocab, text):
            text += line.text
        else:
            text = join_fragments(text, line.text)
    return text


def cut_words(lines: Sequence[Line], right_limit: float, vocab: Vocabulary = EMPTY_VOCABULARY) -> list[bool]:
    """Per line: does it begin with the rest of a word the line above was too narrow for?"""
    flags = [False] * len(lines)
    text = ""
    for i, line in enumerate(lines):
        flags[i] = bool(i) and _cut_word(lines[i - 1], line, right_limit, vocab, text)
        text = text + line.text if flags[i] else join_fragments(text, line.text)
    return flags


def to_items(paragraphs: Sequence[Sequence[Line]], page: int, right_limit: float,
             vocab: Vocabulary = EMPTY_VOCABULARY) -> list[TextItem]:
    items = []
    for para in paragraphs:
        x0 = min(line.x0 for line in para)
        x1 = max(line.x1 for line in para)
        confidences = [c for c in (line.confidence for line in para) if c is not None]
        items.append(TextItem(join_lines(para, right_limit, vocab), page, (x0, para[0].top, x1, para[-1].bottom),
                              confidence=min(confidences) if confidences else None))
    return items


# --------------------------------------------------------------------------- tables


def column_edges(table: Table) -> list[float]:
    """Left edge of each grid column, from the first cell that starts in it."""
    edges: list[float] = []
    for col in range(table.n_cols):
        boxes = [cell.bbox for row in table.rows if col < len(row) and (cell := row[col]) is not None and cell.bbox]
        edges.append(boxes[0][0] if boxes else float("nan"))
    return edges


# Rules drawn by one table on two pages land within a few points of each other; the column
# lines found for a table ruled only across move with the text beside them, as far as
# pdf_columns.SNAP.
COLUMN_TOLERANCE = 6.0


def column_map(a: Table, b: Table, tolerance: float = COLUMN_TOLERANCE) -> list[int] | None:
    """For each column of ``b``, the column of ``a`` with the same left edge — or None when
    ``b``'s columns are not among ``a``'s. ``a`` may have more: a grid that also holds the
    goal table's rows has the goal table's column lines too."""
    edges_a, edges_b = column_edges(a), column_edges(b)
    if not any(x == x for x in edges_b):
        return None
    mapping: list[int] = []
    for j, x in enumerate(edges_b):
        if x != x:  # a column no cell of ``b`` starts in: keep its place if ``a`` has one there
            if len(edges_a) != len(edges_b):
                return None
            mapping.append(j)
            continue
        start = mapping[-1] + 1 if mapping else 0
        near = [i for i in range(start, len(edges_a)) if abs(edges_a[i] - x) <= tolerance]
        if not near:
            return None
        match = min(near, key=lambda i: abs(edges_a[i] - x))  # a goal table's line may be close by
        mapping.append(match)
    return mapping


# Parts of one table share most of their column lines (a part may lack a line that only a
# spanning cell crossed on its page, or have the goal table's own).
SHARED_COLUMNS = 0.7


def _common_edges(a: Table, b: Table, tolerance: float = COLUMN_TOLERANCE) -> list[float] | None:
    """The column lines of both parts together, when they are mostly the same lines."""
    edges_a = [x for x in column_edges(a) if x == x]
    edges_b = [x for x in column_edges(b) if x == x]
    if not edges_a or not edges_b or len(edges_a) != a.n_cols or len(edges_b) != b.n_cols:
        return None
    shared = sum(1 for x in edges_b if any(abs(x - y) <= tolerance for y in edges_a))
    if shared < max(2, SHARED_COLUMNS * len(edges_b)) or shared < SHARED_COLUMNS * min(len(edges_a), len(edges_b)):
        return None
    # Each part's own lines stay apart however close (a goal table's line beside a task
    # table's); a line of one part within the tolerance of the other's is that line.
    return sorted([*edges_a, *(x for x in edges_b if all(abs(x - y) > tolerance for y in edges_a))])


def same_columns(a: Table, b: Table, tolerance: float = COLUMN_TOLERANCE) -> bool:
    """Two table parts continue one another when their columns line up."""
    return column_map(a, b, tolerance) is not None or _common_edges(a, b, tolerance) is not None


def _laid(table: Table, edges: list[float]) -> list[list[Cell | None]]:
    """``table``'s rows on the columns ``edges`` (each of its own on the nearest): a column it
    lacks is covered (None) there."""
    places = [min(range(len(edges)), key=lambda i: abs(edges[i] - own)) for own in column_edges(table)]
    rows: list[list[Cell | None]] = []
    for row in table.rows:
        laid: list[Cell | None] = [None] * len(edges)
        for j, cell in enumerate(row):
            if j < len(places):
                laid[places[j]] = cell
        rows.append(laid)
    return rows


def _aligned(first: Table, second: Table) -> Table:
    """``second``'s rows laid on ``first``'s columns (see :func:`column_map`); when each part
    lacks a line the other has, both are laid on the lines of both (``first`` in place)."""
    mapping = column_map(first, second)
    if mapping is None:
        edges = _common_edges(first, second)
        if edges is None:
            return second
        first.rows = _laid(first, edges)
        return Table(rows=_laid(second, edges), index=second.index, page=second.page,
                     page_break_before=list(second.page_break_before))
    if mapping == list(range(first.n_cols)):
        return second
    rows: list[list[Cell | None]] = []
    for row in second.rows:
        laid: list[Cell | None] = [None] * first.n_cols
        for j, cell in enumerate(row):
            if j < len(mapping):
                laid[mapping[j]] = cell
        rows.append(laid)
    return Table(rows=rows, index=second.index, page=second.page, page_break_before=list(second.page_break_before))


def _same_header_cell(a: Cell | None, b: Cell | None) -> bool:
    """Header cells repeated on a new page may be clipped or wrapped differently."""
    ta, tb = (fold(c.text).replace(" ", "") if c else "" for c in (a, b))
    if not ta or not tb:
        return ta == tb
    return ta.startswith(tb) or tb.startswith(ta) or fuzz.ratio(ta, tb) >= 85


def _repeats_header_row(first: Sequence[Cell | None], second: Sequence[Cell | None]) -> bool:
    """Does ``second`` repeat the header row ``first``? Every cell with text agrees — or, in
    a row of at least three agreeing cells, all but a few: OCR may miss a word in a narrow
    header cell or read a clipped one differently on another page."""
    pairs = list(zip(first, second, strict=False))
    if not any(b is not None and b.text for _, b in pairs):
        return False
    agree = differ = 0
    for a, b in pairs:
        has_a, has_b = bool(a is not None and a.text), bool(b is not None and b.text)
        if has_a and has_b and _same_header_cell(a, b):
            agree += 1
        elif has_a or has_b:
            differ += 1
    return differ == 0 or (agree >= 3 and differ <= agree // 3)


def _repeated_header_rows(first: Table, second: Table) -> int:
    """How many leading rows of ``second`` repeat the header rows of ``first``."""
    count = 0
    for i in range(min(3, len(first.rows), len(second.rows))):
        if not _repeats_header_row(first.rows[i], second.rows[i]):
            break
        count += 1
    return count


# Words that begin a new value in lower case («кемінде 1», «не менее 20»): no sign of a cut.
_VALUE_OPENERS = frozenset({
    "кемінде", "кеминде", "шамамен", "барлығы", "барлыгы", "не", "до", "около", "более", "свыше", "примерно", "всего",
})


# Abbreviations written before a name («г. Алматы», «ул. Абая», «им. Естая»): a cell ending in
# one goes on. «2024 г.» (a year) ends a value.
_NAME_FOLLOWS = regex.compile(r"(?:(?<!\d\s?)\bг|\b(?:ул|пр|просп|им|мкр|пос|пл))\.$")


def _continuation_strength(before: str, after: str) -> int:
    """How surely text at the top of a new page continues text cut at the foot of the last:
    2 — surely (an open bracket or comma above, a bracket or lower-case word below);
    1 — perhaps (a lower-case value such as «кемінде 1», which also starts new values);
    0 — no sign."""
    if regex.search(r"[,;\-–(«]$", before) or before.count("(") > before.count(")"):
        return 2
    if regex.search(r"(?i)(?:кемінде|кеминде|менее|меньше|более|свыше|около|шамамен|примерно)$", before):
        return 2  # a qualifier waits for its number («не менее» | «20»)
    if _NAME_FOLLOWS.search(before):
        return 2  # «районов г.» | «Алматы»
    if regex.match(r"[(\-–,;)]", after) and not regex.fullmatch(r"\s*[-–—]\s*", after):
        return 2  # (a lone dash is a value, «none», not a sign of anything cut)
    # a word in lower case throughout («жасақтау»), not a name that starts so («eGov.kz»)
    first = regex.match(r"\p{Ll}+(?![\p{Lu}\d])", after)
    if first:
        return 1 if first.group(0).lower() in _VALUE_OPENERS else 2
    return 0


def _fills_to_bottom(cell: Cell, lines: float = 1.6) -> bool:
    """Does the cell's text run to its bottom edge (within ``lines`` line heights)? Only then
    can it go on over the page; a short value with empty space under it («сәуір-қараша») was
    complete."""
    page, bbox = cell.last_part()  # a cell continued over pages is judged by its last part
    boxes = [line.bbox for line in cell.lines if line.bbox is not None and (page is None or line.page == page)]
    if bbox is None:
        return True  # no geometry (DOCX): do not rule it out
    if not boxes:
        return not cell.text  # nothing on this part's page: an empty part fills nothing
    last = max(boxes, key=lambda b: b[3])
    height = last[3] - last[1]
    if lines > 1.6:  # room for orphaned lines only in a cell tall enough to have had them
        lines = max(1.6, min(lines, ORPHAN_SHARE * (bbox[3] - bbox[1]) / max(height, 1.0)))
    return bbox[3] - last[3] <= lines * height + 2.0


# Widow and orphan control moves a paragraph's last two lines to the next page together, so
# a cell whose text goes on may end up to this many lines above its foot — in a cell tall
# enough that such a gap is a small part of it.
ORPHAN_LINES = 3.5
ORPHAN_SHARE = 0.25


def _merged_goes_on(before: str, after: str) -> bool:
    """A merged cell whose text reached the foot of the page goes on at the top of the next
    unless it had ended a sentence and the new text starts one («… 4 районов» | «Мангистауской
    области» goes on: a capital is also a name)."""
    if not before.strip():
        return False  # an empty cell has nothing to go on with
    if _looks_continued(before, after):
        return True
    return not (regex.search(r"[.!?;]\s*$", before) and regex.match(r"[\p{Lu}«\"\d]", after))


def _looks_continued(before: str, after: str) -> bool:
    """Text on the new page reads as the rest of the text cut off on the old one."""
    return _continuation_strength(before, after) > 0


def _phone_goes_on(before: str, after: str) -> bool:
    """Is ``after`` the last digits of a phone number ``before`` was cut in («… 215 66» | «09»)?"""
    last = regex.split(r"[,;]", before)[-1]
    return len(regex.findall(r"\d", last)) >= PHONE_DIGITS_SEEN and bool(regex.search(r"\d$", last)) \
        and bool(regex.match(r"\d{1,4}(?:\s*$|[,;])", after))


# A phone's last item cut by a page has at least this many of its (10–11) digits above.
PHONE_DIGITS_SEEN = 6


def _starts_afresh(before: str, after: str) -> bool:
    """Text on the new page starts a new entry: a capital after text that was complete."""
    return bool(regex.match(r"[\p{Lu}«\"]", after)) and not _looks_continued(before, after)


def _cell_above(table: Table, row_index: int, col: int) -> Cell | None:
    """The cell that covers (row_index - 1, col): itself, or a merged cell further up."""
    for r in range(row_index - 1, -1, -1):
        if col < len(table.rows[r]) and table.rows[r][col] is not None:
            return table.rows[r][col]
    return None


def _join_words(before: str, after: str, vocab: Vocabulary) -> str:
    """Join text cut by a page break; a word cut in two is closed up when the document
    uses the whole word elsewhere."""
    tail = regex.search(r"(\p{L}+)$", before)
    head = regex.match(r"(\p{Ll}+)", after)
    if tail and head and vocab.is_word(_core(tail.group(1) + head.group(1))):
        return before + after
    return join_fragments(before, after)


# Cell padding is a few points; a larger gap before the text means it is centred, not padded.
MAX_CELL_PADDING = 8.0


def _cut_at_page_end(above: Cell, below_text: str) -> bool:
    """The last line of ``above`` is one token filling the cell, and the text on the next
    page goes on without a break: a word or number was cut by the page («1-2.06.2|4»)."""
    _, box = above.last_part()
    if not above.lines or box is None or above.lines[-1].bbox is None:
        return False
    last = above.lines[-1]
    assert last.bbox is not None
    pad = min(MAX_CELL_PADDING, min(line.bbox[0] for line in above.lines if line.bbox) - box[0])
    room = box[2] - pad - last.bbox[2]
    height = last.bbox[3] - last.bbox[1]
    fills_line = (last.bbox[2] - last.bbox[0]) >= 0.6 * (box[2] - box[0] - 2 * pad)  # not centred
    return (len(last.text.split()) == 1 and room < height and fills_line
            and bool(regex.search(r"[\p{L}\d]$", last.text)) and bool(regex.match(r"[\p{Ll}\d]", below_text)))


def _take_confidence(item: TextItem, joined: TextItem) -> None:
    """An item joined with OCR'd text is only as sure as the less sure of the two."""
    found = [c for c in (item.confidence, joined.confidence) if c is not None]
    item.confidence = min(found) if found else None


def _merge_cells(above: Cell, below: Cell, vocab: Vocabulary) -> None:
    """Append the part of a cell that ran onto the next page to the part above it."""
    if not below.items:
        return
    first = below.items[0].text.strip()
    if above.items and (_cut_at_page_end(above, first) or _link_goes_on(above.items[-1].text.rstrip(), first)):
        above.items[-1].text += first
        _take_confidence(above.items[-1], below.items[0])
        above.items.extend(below.items[1:])
    elif above.items and _continuation_strength(above.items[-1].text, first) == 2:
        head = above.items[-1]
        head.text = _join_words(head.text, below.items[0].text, vocab)
        _take_confidence(head, below.items[0])
        above.items.extend(below.items[1:])
    else:
        above.items.extend(below.items)
    above.lines.extend(below.lines)
    above.continued.extend([(below.page, below.bbox), *below.continued])


_HYPHENATED = regex.compile(r"[\p{L}\d][-–]$")
_YEAR_CUT = regex.compile(r"\b\d{1,2}\.\d{1,2}\.(?:19|20)$")  # the century written, the rest cut

# A table's first rows are its head (column labels over two rows at most, «Индикаторлар» over
# «жоспар | факт»): each label is complete, so a column empty in the row under it is no sign
# of a row cut in two.
HEAD_ROWS = 2

# A value that ended: closing punctuation, or a bare number («6.», «12»).
_COMPLETE_VALUE = regex.compile(r"[.!?;:»)]\s*$|^\s*\d{1,3}[.)]?\s*$")


def _complete_value(text: str) -> bool:
    return bool(_COMPLETE_VALUE.search(text)) and not _NAME_FOLLOWS.search(text)


def merge_cut_row(table: Table, row_index: int, vocab: Vocabulary = EMPTY_VOCABULARY, sure_only: bool = False) -> bool:
    """Repair the row at the top of a new page (``rows[row_index]``).

    * If a cell of the row above it continues there (text cut mid-sentence in the same
      row), the whole row is the rest of the row above: glue every cell and drop the row.
    * Otherwise the row is a new row, but a cell merged down from above may still spill
      its text into it: that text goes back to the merged cell.
    Returns True when the row was dropped. ``sure_only``: glue the row only on a sure sign.
    """
    last, first = table.rows[row_index - 1], table.rows[row_index]
    strongest, fresh, new_row, full_and_sure, phone_cut = 0, False, False, False, False
    # Columns whose value was complete above and have nothing below: a row cut by the page
    # leaves such columns empty on the new page; a new row has a value of its own there.
    left_behind = any(
        below is not None and not below.text and col < len(last) and (above := last[col]) is not None and above.text
        for col, below in enumerate(first))
    # …unless the row's leading cell has a value of its own after a complete one («6.» | «7.»);
    # a title that stopped mid-phrase («… в» | «Павлодарской области») goes on.
    if row_index <= HEAD_ROWS and any(cell is not None and cell.text for cell in first):
        left_behind = False  # under a table's head (every column labelled) the data begins
    lead = next((col for col, above in enumerate(last) if above is not None and above.text), None)
    lead_above = last[lead] if lead is not None else None
    if lead is not None and lead_above is not None and lead < len(first) and (cell := first[lead]) is not None \
            and cell.text and _continuation_strength(lead_above.text, cell.text) < 2 \
            and _complete_value(lead_above.text):
        left_behind = False
    for col, below in enumerate(first):
        if below is None or not below.text:
            continue
        above = last[col] if col < len(last) else None
        if above is None:
            continue
        if not above.text or not _fills_to_bottom(above, ORPHAN_LINES):
            # New text under an empty cell, or under text that ended with room to spare in its
            # cell (text flows on before it moves to the next page): a new row — unless it is
            # the rest of a phone number and a cell that ran to the page's foot surely goes on
            # (the page took the number's last line along: «… 215 66» | «09» beside
            # «… сабақтарға» | «алаң беру»).
            new_row = new_row or not _phone_goes_on(above.text, below.text)
            phone_cut = True
            continue
        if below.text != above.text:  # the same value again («тенге» | «тенге») is a new row's
            strength = _continuation_strength(above.text, below.text)
            strongest = max(strongest, strength)
            full_and_sure = full_and_sure or (strength == 2 and _fills_to_bottom(above))
        fresh = fresh or _starts_afresh(above.text, below.text)
    new_row = new_row or (phone_cut and not full_and_sure)
    # A sure continuation anywhere wins; a doubtful one only when no column starts afresh.
    cut_in_row = not new_row and (strongest == 2 or (not sure_only and ((strongest == 1 and not fresh) or left_behind)))
    if cut_in_row:
        for col, below in enumerate(first):
            above = _cell_above(table, row_index, col)
            if below is not None and above is not None:
                _merge_cells(above, below, vocab)
        del table.rows[row_index]
        del table.page_break_before[row_index]
        return True
    # Columns merged down across the break, left to right (task, then activity, …): text
    # that continues the merged cell goes back to it; the first column that starts afresh
    # starts a new row, and so does every column to its right — but for a cell merged down
    # over the whole of it (long-term results, merged over a task's rows, stand at the right)
    # whose text surely goes on.
    afresh = False
    for col, below in enumerate(first):
        if below is None or not below.text:
            continue
        covering = _cell_above(table, row_index, col)
        # A sure sign (lower case, an open bracket) allows for orphaned lines; a capital only
        # goes on from text that ran right to the foot of the page.
        sure = covering is not None and _looks_continued(covering.text, below.text)
        covered = col >= len(last) or last[col] is None
        # A word cut at a hyphen («қазан-» | «мамыр») or a date cut in its year («27.04.20» |
        # «24») goes on wherever the page cut the cell: LibreOffice splits a cell merged over
        # rows at the row the page begins with, room or not.
        cut = covering is not None and (
            (bool(_HYPHENATED.search(covering.text)) and bool(regex.match(r"[\p{Ll}\d]", below.text)))
            or (bool(_YEAR_CUT.search(covering.text)) and bool(regex.match(r"\d{2}\b", below.text))))
        if covering is None or not (cut or _fills_to_bottom(covering, ORPHAN_LINES if sure else 1.6)) \
                or not _merged_goes_on(covering.text, below.text):
            # the row's own cell: a column merged down may still be further right
            afresh = afresh or covered
            continue
        if afresh and not (sure and covered):
            continue
        if col < len(last) and last[col] is not None and not cut \
                and _continuation_strength(covering.text, below.text) < 2:
            continue  # the row above's own cell, full to its bottom: only a sure sign says it goes on
        _merge_cells(covering, below, vocab)
        first[col] = None  # the cell is the merged cell's continuation: covered, like above
    return False


def _column_text(rows: Sequence[Sequence[Cell | None]], col: int) -> str:
    return " ".join(row[col].text for row in rows if col < len(row) and row[col] is not None and row[col].text)  # type: ignore[union-attr]


def _drop_header_spill(first: Table, second: Table, drop: int) -> None:
    """A repeated header row cut short on a new page lets its last letters spill into the
    first data row («Қатысушылард|ың саны» leaves «ң» above «175»). Remove leading lines of
    that row which are exactly the rest of the header cell above them."""
    if not drop or len(second.rows) <= drop:
        return
    row = second.rows[drop]
    for col, cell in enumerate(row):
        if cell is None or not cell.lines:
            continue
        full = fold(_column_text(first.rows[:drop], col)).replace(" ", "")
        clipped = fold(_column_text(second.rows[:drop], col)).replace(" ", "")
        if not full or not full.startswith(clipped) or full == clipped:
            continue
        rest = full[len(clipped):]
        while cell.lines:
            piece = fold(cell.lines[0].text).replace(" ", "")
            if not piece or not rest.startswith(piece):
                break
            rest = rest[len(piece):]
            spilled = cell.lines.pop(0).text.strip()
            if cell.items:
                head = cell.items[0]
                text = head.text.strip()
                head.text = text[len(spilled):].strip() if text.startswith(spilled) else head.text
                if not head.text:
                    cell.items.pop(0)


def stitch(first: Table, second: Table, vocab: Vocabulary = EMPTY_VOCABULARY) -> None:
    """Append ``second`` (the same table continued on the next page) to ``first``."""
    second = _aligned(first, second)
    drop = _repeated_header_rows(first, second)
    _drop_header_spill(first, second, drop)
    rows = second.rows[drop:]
    if not rows:
        return
    start = len(first.rows)
    first.rows.extend(rows)
    first.page_break_before.extend([True] + [False] * (len(rows) - 1))
    # A blank part of the cut row (a browser's: its rules only, or the places under cells
    # merged down) may open the page: when it goes, the row under it is judged too — on sure
    # signs only, as an empty row of the table opens pages as well.
    sure_only = False
    while start < len(first.rows):
        blank = not any(cell is not None and cell.text for cell in first.rows[start])
        if not merge_cut_row(first, start, vocab, sure_only=sure_only) or not blank:
            break
        sure_only = True
        if start < len(first.page_break_before):
            first.page_break_before[start] = True
