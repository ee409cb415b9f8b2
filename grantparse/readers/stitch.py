"""Tables continued over pages: their parts matched column by column, a repeated head dropped,
a row the page cut in two joined again, text of a cell merged down given back to it.

The page-by-page geometry of lines and words is :mod:`grantparse.readers.layout`'s; this
module works on the reader's cells and their lines' boxes.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from typing import NamedTuple

import regex
from rapidfuzz import fuzz

from grantparse.normalise import fold, join_fragments, normalise
from grantparse.readers.document import Cell, Table, TextItem
from grantparse.readers.layout import (
    EMPTY_VOCABULARY,
    LINKING_WORDS,
    MAX_CELL_PADDING,
    VALUE_OPENERS,
    Vocabulary,
    is_cut_word,
    link_goes_on,
    word_core,
)


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


def _repeated_header_rows(first: Table, second: Table, skip: int = 0) -> int:
    """How many leading rows of ``second`` (after its first ``skip``) repeat the header rows of
    ``first``."""
    count = 0
    for i in range(min(3, len(first.rows), len(second.rows) - skip)):
        if not _repeats_header_row(first.rows[i], second.rows[skip + i]):
            break
        count += 1
    return count


def _is_blank(row: Sequence[Cell | None]) -> bool:
    """A row without text (its cells empty, or merged from elsewhere)."""
    return not any(cell is not None and cell.text for cell in row)


def _blank_rows(table: Table) -> int:
    """How many rows without text ``table`` begins with."""
    blank = 0
    while blank < len(table.rows) and _is_blank(table.rows[blank]):
        blank += 1
    return blank



# Abbreviations written before a name («г. Алматы», «гг. Караганда, Темиртау», «ул. Абая», «им.
# Естая», «с. Коктал», «р. Есентай»): a cell ending in one goes on. «2024 г.», «2024–2025 гг.»
# (years) end a value.
_PLACE_WORDS = "ул|пр|просп|им|мкр|пос|пл|пер|с|р"  # street, avenue, «имени», district, village, river …
# («им. С.», «имени А.С.»: the initials after «named after» wait for the surname too — after a
# word the reader ran into it as well, «библиотекиим. С.»)
_INITIALS_AFTER_NAMED = r"(?:им\.|имени)\s*(?:\p{Lu}\.\s?)*\p{Lu}"
_NAME_FOLLOWS = regex.compile(rf"(?:(?<!\d\s?)\bгг?|\b(?:{_PLACE_WORDS})|{_INITIALS_AFTER_NAMED})\.$")


# The same abbreviations opening a text, before their name: a value of its own may begin so.
_NAME_OPENS = regex.compile(rf"(?:гг?|{_PLACE_WORDS})\.\s*\p{{Lu}}")
_EMAIL = regex.compile(r"[\w.+-]+@[\w-]+\.\w", flags=regex.ASCII)


def _unclosed(text: str) -> bool:
    """Does ``text`` leave a bracket or a quote open («… адамдар (50 жастан», «… мини-футболдан
    «Жас»), end in a comma («… (50 жастан жоғары),») or in a preposition or a conjunction
    («Письмо о поддержке от»)? It cannot have ended there."""
    words = text.split()
    return text.count("(") > text.count(")") or text.count("«") > text.count("»") or text.rstrip().endswith(",") \
        or (bool(words) and words[-1].lower() in LINKING_WORDS)


def _continuation_strength(before: str, after: str) -> int:
    """How surely text at the top of a new page continues text cut at the foot of the last:
    2 — surely (an open bracket or comma above, a bracket or lower-case word below);
    1 — perhaps (a lower-case value such as «кемінде 1», which also starts new values);
    0 — no sign."""
    if regex.search(r"[,;\-–(«]$", before) or _unclosed(before):
        return 2
    if regex.search(r"(?i)(?:кемінде|кеминде|менее|меньше|более|свыше|около|шамамен|примерно)$", before):
        return 2  # a qualifier waits for its number («не менее» | «20»)
    if _NAME_FOLLOWS.search(before):
        return 2  # «районов г.» | «Алматы»
    if _DATE_CUT.search(before) and regex.match(r"(?:19|20)\d{2}\b", after):
        return 2  # a date the page cut before its year («26.09.» | «2025»)
    if regex.match(r"[(\-–,;.»)]", after) and not regex.fullmatch(r"\s*[-–—]\s*", after):
        return 2  # (a lone dash is a value, «none», not a sign of anything cut; no value opens with a full stop)
    if _EMAIL.match(after):
        return 0  # an e-mail is a value of its own («…, 87772104488» | «aqshamy@mail.kz»); a link
        # is often the evidence that ends a cell's text («Бейнежазба:» | «https://…»)
    if _NAME_OPENS.match(after):
        return 1  # «г. Караганда, …»: a place opens so as often as it goes on so
    # a word in lower case throughout («жасақтау»), not a name that starts so («eGov.kz»)
    first = regex.match(r"\p{Ll}+(?![\p{Lu}\d])", after)
    if first:
        return 1 if first.group(0).lower() in VALUE_OPENERS else 2
    return 0


def _cell_strength(above: Cell, below: str, column_values: frozenset[str] = frozenset()) -> int:
    """:func:`_continuation_strength` of a cell's text and the text under it on the next page;
    a word under a word («адам» | «ұйым») is only perhaps cut: two units are as likely. Nor is
    a lower-case word surely the rest of a value that stands whole in rows of the column
    before (``column_values``, :func:`_plain`): «тенге» | «организаций/ человек» is a unit
    under a unit, «тенге» being how the rows above ended too."""
    strength = _continuation_strength(above.text, below)
    one_word_each = len(above.text.split()) == 1 and len(below.split()) == 1
    if strength == 2 and one_word_each and not _cut_at_page_end(above, below):
        return 1
    if strength == 2 and _plain(above.text) in column_values and _continuation_strength(above.text, "") < 2 \
            and not _cut_at_page_end(above, below):
        return 1  # (a sign in the text above itself — a comma, a bracket left open — still holds)
    return strength


def _column_values(table: Table, before_row: int) -> list[frozenset[str]]:
    """Each column's values (:func:`_plain`) in the rows above ``before_row``."""
    width = max((len(row) for row in table.rows), default=0)
    return [frozenset(_plain(cell.text) for row in table.rows[:before_row]
                      if col < len(row) and (cell := row[col]) is not None and cell.text) for col in range(width)]


# The room left on a line must exceed the next word by this many of the line's heights: a
# space, and the slack of a word's width estimated from its line's average letter.
ROOM_SLACK_LINES = 0.6


def _had_room_for(above: Cell, below: Cell) -> bool:
    """Did the last line of ``above`` leave room for the first word of ``below``? Text wraps
    to a new line only when its next word does not fit, so then ``below`` is no rest of it.
    Measured on the lines' boxes; with none (DOCX) there is no telling: no."""
    measured = _last_line_room(above)
    first = below.lines[0] if below.lines else None
    if measured is None or first is None or first.bbox is None or not first.text.split():
        return False
    last, room, _ = measured
    assert last.bbox is not None
    word = first.text.split()[0]
    word_width = (first.bbox[2] - first.bbox[0]) * len(word) / len(first.text.strip())
    return room >= word_width + ROOM_SLACK_LINES * (last.bbox[3] - last.bbox[1])


def _last_line_room(cell: Cell) -> tuple[TextItem, float, float] | None:
    """The cell's last line, the room it left before the cell's right padding, and the width
    inside the paddings (a padding: the lines' nearest start to the cell's left edge, at most
    MAX_CELL_PADDING); None without geometry."""
    _, box = cell.last_part()
    if box is None or not cell.lines or cell.lines[-1].bbox is None:
        return None
    last = cell.lines[-1]
    assert last.bbox is not None
    pad = min(MAX_CELL_PADDING, min(line.bbox[0] for line in cell.lines if line.bbox) - box[0])
    return last, box[2] - pad - last.bbox[2], box[2] - box[0] - 2 * pad


def _fills_to_bottom(cell: Cell, lines: float = 1.6, pitch: float = 0.0) -> bool:
    """Does the cell's text run to its bottom edge (within ``lines`` line heights, a line being
    at least ``pitch`` high: its row's line spacing)? Only then can it go on over the page; a
    short value with empty space under it («сәуір-қараша») was complete."""
    page, bbox = cell.last_part()  # a cell continued over pages is judged by its last part
    boxes = [line.bbox for line in cell.lines if line.bbox is not None and (page is None or line.page == page)]
    if bbox is None:
        return True  # no geometry (DOCX): do not rule it out
    if not boxes:
        return not cell.text  # nothing on this part's page: an empty part fills nothing
    last = max(boxes, key=lambda b: b[3])
    height = max(last[3] - last[1], pitch)
    if lines > 1.6:  # room for orphaned lines only in a cell tall enough to have had them
        lines = max(1.6, min(lines, ORPHAN_SHARE * (bbox[3] - bbox[1]) / max(height, 1.0)))
    return bbox[3] - last[3] <= lines * height + 2.0


# Widow and orphan control moves a paragraph's last two lines to the next page together, so
# a cell whose text goes on may end up to this many lines above its foot — in a cell tall
# enough that such a gap is a small part of it.
ORPHAN_LINES = 3.5
ORPHAN_SHARE = 0.25


def _line_pitch(row: Sequence[Cell | None]) -> float:
    """The distance between lines in the row's cells on their last page (0 when no cell there
    has two): with wide line spacing, a line left empty at a cell's foot is that high."""
    gaps: list[float] = []
    for cell in row:
        if cell is None:
            continue
        page = cell.last_part()[0]
        tops = sorted(line.bbox[1] for line in cell.lines
                      if line.bbox is not None and (page is None or line.page == page))
        gaps.extend(b - a for a, b in itertools.pairwise(tops) if b > a)
    return statistics.median(gaps) if gaps else 0.0


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


# A table's first row goes on over the page when the next page's first row goes on with every
# label it has text under, and surely with at least this many of them.
MIN_SURE_LABELS = 3
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
    if tail and head and vocab.is_word(word_core(tail.group(1) + head.group(1))):
        return before + after
    return join_fragments(before, after)



def _cut_at_page_end(above: Cell, below_text: str) -> bool:
    """The last line of ``above`` is one token filling the cell, and the text on the next
    page goes on without a break: a word or number was cut by the page («1-2.06.2|4»)."""
    measured = _last_line_room(above)
    if measured is None:
        return False
    last, room, inner = measured
    assert last.bbox is not None
    height = last.bbox[3] - last.bbox[1]
    fills_line = (last.bbox[2] - last.bbox[0]) >= 0.6 * inner  # not centred
    return (len(last.text.split()) == 1 and room < height and fills_line
            and bool(regex.search(r"[\p{L}\d]$", last.text)) and bool(regex.match(r"[\p{Ll}\d]", below_text)))


def _word_cut_by_page(before: str, after: str, vocab: Vocabulary) -> bool:
    """A full last line cut where the page ended: is its last word one with the first word on
    the new page? A number has no spaces to wrap at («1-2.06.2» | «4»); a word is judged as a
    line too narrow for it is («кемінд» | «е 40» is, «15-тен» | «кем емес» and «12 сағат» |
    «онлайн» are not)."""
    tail, head = regex.search(r"\S+$", before), regex.match(r"\S+", after)
    if tail is None or head is None:
        return False
    if regex.search(r"\d$", tail.group(0)):
        return bool(regex.match(r"\d", head.group(0)))
    return bool(regex.search(r"\p{L}$", tail.group(0)) and regex.match(r"\p{Ll}", head.group(0))) \
        and is_cut_word(tail.group(0), head.group(0), vocab)


def _take_confidence(item: TextItem, joined: TextItem) -> None:
    """An item joined with OCR'd text is only as sure as the less sure of the two."""
    found = [c for c in (item.confidence, joined.confidence) if c is not None]
    item.confidence = min(found) if found else None


def _merge_cells(above: Cell, below: Cell, vocab: Vocabulary) -> None:
    """Append the part of a cell that ran onto the next page to the part above it."""
    if not below.items:
        return
    first = below.items[0].text.strip()
    closed_up = False  # the page cut a word: the lines say so too, for whoever reads them
    if above.items and ((_cut_at_page_end(above, first) and _word_cut_by_page(above.items[-1].text, first, vocab))
                        or link_goes_on(above.items[-1].text.rstrip(), first)):
        above.items[-1].text += first
        _take_confidence(above.items[-1], below.items[0])
        above.items.extend(below.items[1:])
        closed_up = True
    elif above.items and _continuation_strength(above.items[-1].text, first) == 2:
        head = above.items[-1]
        joined = _join_words(head.text, below.items[0].text, vocab)
        closed_up = joined == head.text + below.items[0].text
        head.text = joined
        _take_confidence(head, below.items[0])
        above.items.extend(below.items[1:])
    else:
        above.items.extend(below.items)
    if closed_up and below.lines:
        below.lines[0].continues_word = True
    above.lines.extend(below.lines)
    above.continued.extend([(below.page, below.bbox), *below.continued])


_HYPHENATED = regex.compile(r"[\p{L}\d][-–]$")
_DATE_CUT = regex.compile(r"\b\d{1,2}\.\d{1,2}\.$")  # a day and a month, the year to come
_YEAR_CUT = regex.compile(r"\b\d{1,2}\.\d{1,2}\.(?:19|20)$")  # the century written, the rest cut

# A row's number in a «№» column: «4.», «1.2», «7)».
_ROW_NUMBER = regex.compile(r"\s*\d{1,3}(?:\.\d{1,3})*[.)]?\s*")

# A value that ended: closing punctuation, or a bare number («6.», «12»).
_COMPLETE_VALUE = regex.compile(r"[.!?;:»)]\s*$|^\s*\d{1,3}[.)]?\s*$")


def _complete_value(text: str) -> bool:
    return bool(_COMPLETE_VALUE.search(text)) and not _NAME_FOLLOWS.search(text)


def _ended_as_value(text: str) -> bool:
    """A value that ended, and announces nothing more (a colon does: «… проекта:» | «…»)."""
    return _complete_value(text) and not text.rstrip().endswith(":")


# A label of a head's second row is a word or two («план», «жоспар | нақты», «ерлер»).
SUB_HEAD_WORDS = 2
# A head's second row is among a table's first rows: the goal table's two rows may stand over
# the head in the same grid.
SUB_HEAD_LAST_ROW = 3


def _is_sub_head(table: Table, r: int) -> bool:
    """Is row ``r`` the second row of a two-row head: under cells merged down over it, a few
    cells of a short label each, words with no digit («Индикаторы» over «план | факт»)?"""
    if not 1 <= r <= SUB_HEAD_LAST_ROW:
        return False  # further down, short words are values («бар | бар»)
    row = table.rows[r]
    texts = [cell.text for cell in row if cell is not None and cell.text]
    covered = any(cell is None and _cell_above(table, r, col) is not None for col, cell in enumerate(row))
    return covered and _short_labels(texts)


def _label_goes_on(table: Table, row_index: int) -> bool:
    """Does the page's first row hold the rest of a head label the page clipped — text that
    closes what the label above left open («… (по задач» | «ам)»)? A value opening with a
    capital or a digit is no label's rest, whatever the label seems to leave open: a column
    so narrow that it cut «показател|и», «участни|ко|в» leaves a piece that reads as «и», «в»
    over «Обследованные …», «14»."""
    for col, below in enumerate(table.rows[row_index]):
        above = _cell_above(table, row_index, col)
        if below is not None and below.text and above is not None and above.text \
                and ((_unclosed(above.text) and not regex.match(r"\s*[\p{Lu}\d]", below.text))
                     or regex.match(r"[)»,;.]", below.text)):
            return True
    return False


def _short_labels(texts: Sequence[str]) -> bool:
    return len(texts) >= 2 and all(
        len(text.split()) <= SUB_HEAD_WORDS and regex.search(r"\p{L}", text) and not regex.search(r"\d", text)
        for text in texts)


def merge_cut_row(table: Table, row_index: int, vocab: Vocabulary = EMPTY_VOCABULARY, sure_only: bool = False) -> bool:
    """Repair the row at the top of a new page (``rows[row_index]``).

    * If a cell of the row above it continues there (text cut mid-sentence in the same
      row), the whole row is the rest of the row above: glue every cell and drop the row.
    * Otherwise the row is a new row, but a cell merged down from above may still spill
      its text into it: that text goes back to the merged cell.
    Returns True when the row was dropped. ``sure_only``: glue the row only on a sure sign.
    """
    last, first = table.rows[row_index - 1], table.rows[row_index]
    strongest, fresh, new_row, full_and_sure, tail_cut = 0, False, False, False, False
    # Columns whose value was complete above and have nothing below: a row cut by the page
    # leaves such columns empty on the new page; a new row has a value of its own there.
    left_behind = any(
        below is not None and not below.text and col < len(last) and (above := last[col]) is not None and above.text
        for col, below in enumerate(first))
    pairs = [(above.text, below.text) for above, below in zip(last, first, strict=False)
             if above is not None and above.text and below is not None and below.text]
    strengths = [_continuation_strength(above, below) for above, below in pairs]
    # Under it, the rest of every label it has text under, most of them surely: a head the
    # page cut after its labels' first lines, however much room one of them left (the goal
    # table's rows may stand over it in the same grid, its short labels then read as a head's
    # second row).
    head_goes_on = row_index <= SUB_HEAD_LAST_ROW and all(strengths) \
        and sum(s == 2 for s in strengths) >= MIN_SURE_LABELS
    if _is_sub_head(table, row_index - 1) and not head_goes_on and not _label_goes_on(table, row_index):
        return False  # a head ends at the page's foot: nothing of it goes on
    if row_index == 1 and not left_behind and all(below is not None for below in first) and len(pairs) >= 2 \
            and not all(strengths):
        # Under a table's first row of labels, its head: a head the page cut leaves its short
        # labels behind, or goes on in every column («13-16» | «жас»); a row with a value under
        # every label, some of them new («1.», «Тікелей …», «180»), is a row of its own
        # («Өлшем бірлігі» | «адам» is a unit under its label, not the label's rest).
        return False
    # …unless the row's leading cell has a value of its own after a complete one («6.» | «7.»);
    # a title that stopped mid-phrase («… в» | «Павлодарской области») goes on.
    # A table's first row is its head, with a second row of short labels under cells merged
    # down, if any («Индикаторлар» over «жоспар | факт»): each label is complete, so a column
    # empty in the row under it is no sign of a row cut in two.
    if (row_index == 1 or _is_sub_head(table, row_index - 1)) and any(cell is not None and cell.text for cell in first):
        left_behind = False  # under a table's head (every column labelled) the data begins
    lead = next((col for col, above in enumerate(last) if above is not None and above.text), None)
    lead_above = last[lead] if lead is not None else None
    if lead is not None and lead_above is not None and lead < len(first) and (cell := first[lead]) is not None \
            and cell.text and _continuation_strength(lead_above.text, cell.text) < 2 \
            and (_complete_value(lead_above.text) or _had_room_for(lead_above, cell)):
        # (a label that had room on its last line for the next page's first word ended there:
        # «Представители бизнес-сектора» | «Другие категории» beside «31» | «», a row whose
        # value is left empty)
        left_behind = False
        # A row number after a row number («4.» | «5.»): a new row, whatever a unit's lower-case
        # word in another column («человек» | «организаций») seems to say.
        # («11.» | «1» is one number the column cut: the two must be written alike)
        new_row = bool(_ROW_NUMBER.fullmatch(lead_above.text) and _ROW_NUMBER.fullmatch(cell.text)
                       and lead_above.text.strip().endswith(".") == cell.text.strip().endswith("."))
    # Text in the new row only where the text above surely goes on, every other column left
    # behind: the rest of a row the page cut, however much room the browser left under it
    # («Төрешілерді тарту, жарыстарды» | «ұйымдастыруға …» beside a name and a phone that ended).
    seen = _column_values(table, row_index - 1)
    written = [(col, last[col] if col < len(last) else None, below) for col, below in enumerate(first)
               if below is not None and below.text]
    rest_only = left_behind and bool(written) and all(
        above is not None and above.text and _cell_strength(above, below.text, seen[col]) == 2
        for col, above, below in written)
    pitch = _line_pitch(last)
    for col, below in enumerate(first):
        if below is None or not below.text:
            continue
        above = last[col] if col < len(last) else None
        if above is None:
            # Covered by a cell merged down: its text goes on (judged below, column by column)
            # unless it ended with room to spare — a label of a two-row head at the page's
            # foot («Дата проведения» over «с 5 по 9 февраля») — then it is judged as the
            # row's own cell.
            covering = _cell_above(table, row_index, col)
            if covering is None or not covering.text or _fills_to_bottom(covering, ORPHAN_LINES):
                continue
            above = covering
        if not above.text or (not _fills_to_bottom(above, ORPHAN_LINES, pitch) and not _unclosed(above.text)):
            # New text under an empty cell, or under text that ended with room to spare in its
            # cell (text flows on before it moves to the next page): a new row — unless it is
            # the rest of a phone number or of a word cut where it filled its line, and a cell
            # that ran to the page's foot surely goes on (the page took that last line along:
            # «… 215 66» | «09», «Другие катего» | «рии» beside «… сабақтарға» | «алаң беру»).
            new_row = new_row or not (_phone_goes_on(above.text, below.text) or _cut_at_page_end(above, below.text))
            tail_cut = True
            continue
        if below.text != above.text:  # the same value again («тенге» | «тенге») is a new row's
            strength = _cell_strength(above, below.text, seen[col])
            strongest = max(strongest, strength)
            # (a text left open has not ended, however much room it left: «(старше 50» | «лет)»)
            full_and_sure = full_and_sure or (strength == 2 and (_fills_to_bottom(above, pitch=pitch)
                                                                 or _unclosed(above.text)))
        fresh = fresh or _starts_afresh(above.text, below.text)
    new_row = new_row or (tail_cut and not full_and_sure)
    # A sure continuation anywhere wins; a doubtful one only when no column starts afresh.
    cut_in_row = head_goes_on or rest_only or (
        not new_row and (strongest == 2 or (not sure_only and ((strongest == 1 and not fresh) or left_behind))))
    if cut_in_row:
        # (a head's labels side by side under one label over them are its second row, kept)
        second_row = _side_by_side_under_one(last, first) if head_goes_on else set()
        for col, below in enumerate(first):
            above = _cell_above(table, row_index, col)
            # (the same text again is no rest of itself: a task typed on every row, said once)
            repeated = below is not None and above is not None and bool(below.text) \
                and _plain(above.text) == _plain(below.text)
            if below is not None and above is not None and not repeated and col not in second_row:
                _merge_cells(above, below, vocab)
        if second_row:
            table.rows[row_index] = [cell if col in second_row else None for col, cell in enumerate(first)]
            return False
        del table.rows[row_index]
        del table.page_break_before[row_index]
        return True
    # Columns merged down across the break, left to right (task, then activity, …): text
    # that continues the merged cell goes back to it; the first column that starts afresh
    # starts a new row, and so does every column to its right — but for a cell merged down
    # over the whole of it (long-term results, merged over a task's rows, stand at the right)
    # whose text surely goes on.
    afresh = False
    sure_rests = _sure_rests(table, row_index, seen)
    # The page the row above reached last: a cell whose text ended on a page before it (its
    # siblings went on over a page without it, «шілде 2024» under a long title) has ended.
    reached = max((page for cell in last if cell is not None and (page := cell.last_part()[0]) is not None),
                  default=None)
    for col, below in enumerate(first):
        if below is None or not below.text:
            continue
        covering, covered, sure, cut, spans_task, goes_on = _merged_rest(table, row_index, col, below)
        ended_before = covering is not None and reached is not None \
            and (covering.last_part()[0] or reached) < reached
        goes_on = goes_on and not ended_before
        if covering is not None and _plain(covering.text) == _plain(below.text):
            afresh = afresh or covered
            continue  # the same text again: a cell repeated on every row (the task), the row's own
        # Cells merged over the same rows end together: when one of them starts afresh under
        # its value (a new date under «12.05.2023»), the row is new, and a title beside it
        # that reached the foot («… по согласованию с КСК и ОСИ» | «Проведение …») is the
        # new row's own, unless it surely goes on.
        if goes_on and covered and not (sure or cut or spans_task) and covering is not None \
                and _a_sibling_starts_afresh(table, row_index, covering, col):
            goes_on = False
        if covering is None or not goes_on:
            # the row's own cell: a column merged down may still be further right
            afresh = afresh or covered
            continue
        if afresh and not (spans_task or (sure and covered)):
            continue
        if col < len(last) and last[col] is not None and not cut and not spans_task \
                and not _most_siblings_go_on(sure_rests, col, covering, below) \
                and (_cell_strength(covering, below.text, seen[col]) < 2
                     or _ended_as_value(covering.text)):
            # the row above's own cell, full to its bottom: only a sure sign says it goes on —
            # its own, or a cell's beside it merged over the same rows («… учащихся» | «9–11
            # классов …» beside «КГУ «Общ» | «еобразовательная …»: such cells end together) —
            # and not after a value that ended («… (ул. Рыскулова, 103)» | «берега р. Есентай»;
            # a colon announces more: «… проекта:» | «публикации …»)
            continue
        _merge_cells(covering, below, vocab)
        first[col] = None  # the cell is the merged cell's continuation: covered, like above
    return False


def _side_by_side_under_one(last: Sequence[Cell | None], first: Sequence[Cell | None]) -> set[int]:
    """Columns of a head's rest on the new page whose labels stand side by side under one
    cell of the row above that spans them («Индикаторлар» over «жоспар | факт»): the head's
    second row, not the rest of the label over them."""
    found: set[int] = set()
    for above in last:
        if above is None or above.bbox is None:
            continue
        x0, x1 = above.bbox[0] - SAME_SPAN, above.bbox[2] + SAME_SPAN
        under = [col for col, below in enumerate(first) if below is not None and below.text
                 and below.bbox is not None and x0 <= below.bbox[0] and below.bbox[2] <= x1]
        if len(under) >= 2:
            found.update(under)
    return found


class _MergedRest(NamedTuple):
    """How a new page's cell stands to the cell above it."""

    covering: Cell | None  # the cell above it, or the cell merged down over its place
    covered: bool  # that cell is merged down over the row above
    sure: bool  # a sure sign of going on (lower case, an open bracket)
    cut: bool  # a word cut at a hyphen or a date cut in its year
    spans_task: bool  # merged over the ongoing task beside it
    goes_on: bool  # the text below is the covering cell's rest


def _merged_rest(table: Table, row_index: int, col: int, below: Cell) -> _MergedRest:
    """How the new page's cell ``below`` at ``col`` stands to the cell above it."""
    last = table.rows[row_index - 1]
    covering = _cell_above(table, row_index, col)
    covered = col >= len(last) or last[col] is None
    # A sure sign (lower case, an open bracket) allows for orphaned lines; a capital only
    # goes on from text that ran right to the foot of the page.
    sure = covering is not None and _looks_continued(covering.text, below.text)
    # A word cut at a hyphen («қазан-» | «мамыр») or a date cut in its year («27.04.20» |
    # «24») goes on wherever the page cut the cell: LibreOffice splits a cell merged over
    # rows at the row the page begins with, room or not.
    # So does an abbreviation written before a name, over the name («…; г.» | «Экибастуз, …»): a
    # browser moves a cell's last lines to the next page with its row's, room or not.
    cut = covering is not None and (
        (bool(_HYPHENATED.search(covering.text)) and bool(regex.match(r"[\p{Ll}\d]", below.text)))
        or (bool(_YEAR_CUT.search(covering.text)) and bool(regex.match(r"\d{2}\b", below.text)))
        or (bool(_NAME_FOLLOWS.search(covering.text)) and bool(regex.match(r"\p{Lu}", below.text))))
    # merged over the task beside it, which goes on: the task's own cell, whatever its text
    spans_task = covering is not None and _beside_an_ongoing_cell(table, row_index, col)
    # (a sure sign is judged by the cell's own line spacing: «… бейімделген» | «спортқа тарту»
    # stopped a line and a half of 12 pt lines above the foot, more than one and a half glyphs)
    surely = covering is not None and _continuation_strength(covering.text, below.text) == 2
    goes_on = spans_task or (covering is not None and _merged_goes_on(covering.text, below.text) and (
        cut or _fills_to_bottom(covering, ORPHAN_LINES if sure else 1.6, _own_pitch(covering) if surely else 0.0)))
    return _MergedRest(covering, covered, sure, cut, spans_task, goes_on)


def _sure_rests(table: Table, row_index: int, seen: Sequence[frozenset[str]]) -> list[tuple[int, Cell, Cell, bool]]:
    """(column, cell above, cell below, surely) of the new page's cells that may go on with the
    row above's own cell, judged before any is joined: surely when a sure sign says so and the
    text above had not ended as a value does."""
    last, found = table.rows[row_index - 1], []
    for col, below in enumerate(table.rows[row_index]):
        if below is None or not below.text or col >= len(last) or (above := last[col]) is None:
            continue
        rest = _merged_rest(table, row_index, col, below)
        if rest.goes_on and rest.covering is above:
            surely = _cell_strength(above, below.text, seen[col]) == 2 and not _ended_as_value(above.text)
            found.append((col, above, below, surely))
    return found


def _most_siblings_go_on(rests: Sequence[tuple[int, Cell, Cell, bool]], col: int, above: Cell, below: Cell) -> bool:
    """Do most of the cells merged over the same rows as ``above`` and ``below`` (on both
    pages: an activity's title, dates, place and results over its indicators) surely go on at
    the new page's top? Such cells end together, so the rest of them go on too. (Most, not
    one: a task's long-term results merged over the new activity's rows as well go on alone.)"""
    siblings = [surely for other, other_above, other_below, surely in rests
                if other == col or (_same_span(other_above, above) and _same_span(other_below, below))]
    return 2 * sum(siblings) > len(siblings)


def _same_span(one: Cell, other: Cell) -> bool:
    """Do two cells stand over the same rows (tops and bottoms within SAME_SPAN)?"""
    return one.bbox is not None and other.bbox is not None and abs(one.bbox[1] - other.bbox[1]) <= SAME_SPAN \
        and abs(one.bbox[3] - other.bbox[3]) <= SAME_SPAN


def _own_pitch(cell: Cell) -> float:
    """The distance from one line of the cell's last part to the next (0 for a single line)."""
    page, _ = cell.last_part()
    bottoms = sorted(line.bbox[3] for line in cell.lines if line.bbox is not None and line.page == page)
    steps = [b - a for a, b in itertools.pairwise(bottoms) if b > a]
    return min(steps, default=0.0)


def _a_sibling_starts_afresh(table: Table, row_index: int, covering: Cell, col: int) -> bool:
    """Does another cell merged down over the same rows as ``covering`` have text of its own on
    the new page (text that does not go on)?"""
    if covering.bbox is None:
        return False
    for other, below in enumerate(table.rows[row_index]):
        if other == col or below is None or not below.text:
            continue
        rest = _merged_rest(table, row_index, other, below)
        cell = rest.covering
        if cell is None or cell is covering or not rest.covered or rest.goes_on:
            continue
        if _same_span(cell, covering):
            return True
    return False


def _beside_an_ongoing_cell(table: Table, row_index: int, col: int) -> bool:
    """Is the new page's cell at ``col`` merged down further than the row that starts afresh
    there (some cells with text to its left end above it, none with it), and exactly as far as
    a cell to its left that holds nothing and continues a merged cell with text (a task's cell
    the page cut, all of its text above)? Then it spans that task too:
    long-term results merged over the whole task, cut mid-sentence at the foot of the page, go
    on even under a capital («… Қордың жанынан» | «„Цифрлы кариялар“ клубы …») while the
    task's activities start afresh."""
    first = table.rows[row_index]
    cell = first[col]
    if cell is None or cell.bbox is None:
        return False
    # merged over other rows than the row that starts afresh: no cell with text left of it ends
    # with it, and some end above it (that row is shorter)
    written = [own for own in first[:col] if own is not None and own.text]
    if any(own.bbox is None or abs(own.bbox[3] - cell.bbox[3]) <= SAME_SPAN for own in written) \
            or not any(own.bbox is not None and own.bbox[3] < cell.bbox[3] for own in written):
        return False
    for left in range(col):
        lead = first[left]
        if lead is None or lead.text or lead.bbox is None or not (above := _cell_above(table, row_index, left)) \
                or not above.text:
            continue
        if abs(lead.bbox[1] - cell.bbox[1]) <= SAME_SPAN and abs(lead.bbox[3] - cell.bbox[3]) <= SAME_SPAN:
            return True
    return False


# Two cells merged down over the same rows have the same top and bottom within this (points).
SAME_SPAN = 1.0


def _column_text(rows: Sequence[Sequence[Cell | None]], col: int) -> str:
    return " ".join(row[col].text for row in rows if col < len(row) and row[col] is not None and row[col].text)  # type: ignore[union-attr]


def _finishes_cut_word(above: Cell, text: str, vocab: Vocabulary) -> bool:
    """Does ``text`` finish the word the page cut at the end of ``above`` («нәт» | «ижелері»),
    a word the document uses?"""
    if not above.items or not _cut_at_page_end(above, text):
        return False
    joined = word_core(above.items[-1].text.rsplit(" ", 1)[-1] + text.split(" ", 1)[0])
    return vocab.is_word(joined) or vocab.starts_word(joined)


def _plain(text: str) -> str:
    """Letters and digits only, in lower case — Kazakh letters kept: the head drawn again is
    the same text, and «ң» must not pass for the «н» of the label's rest."""
    return str(regex.sub(r"[\W_]+", "", normalise(text).lower()))


def _drop_header_spill(first: Table, second: Table, drop: int, vocab: Vocabulary = EMPTY_VOCABULARY) -> None:
    """A repeated header row cut short on a new page lets its last letters spill into the
    first data row («Қатысушылард|ың саны» leaves «ң» above «175»). Remove leading lines of
    that row which are exactly the rest of the header cell above them."""
    if not drop or len(second.rows) <= drop:
        return
    row = second.rows[drop]
    for col, cell in enumerate(row):
        if cell is None or not cell.lines:
            continue
        full = _plain(_column_text(first.rows[:drop], col))
        clipped = _plain(_column_text(second.rows[:drop], col))
        if not full or not full.startswith(clipped) or full == clipped:
            continue
        rest = full[len(clipped):]
        above = _cell_above(first, len(first.rows), col)
        if above is not None and above is not first.rows[drop - 1][col] and cell.lines \
                and _finishes_cut_word(above, cell.lines[0].text, vocab):
            continue  # the rest of a word the page cut in the row above, not the head's letters
        while cell.lines:
            piece = _plain(cell.lines[0].text)
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


# Points above the page's top edge: a cell that begins further up was drawn from off the page.
OFF_PAGE = 1.0


def _off_page(row: Sequence[Cell | None]) -> bool:
    """Is ``row`` only blank cells that begin above the page?"""
    cells = [cell for cell in row if cell is not None]
    return bool(cells) and all(not cell.text and cell.bbox is not None and cell.bbox[1] < -OFF_PAGE for cell in cells)


def stitch(first: Table, second: Table, vocab: Vocabulary = EMPTY_VOCABULARY) -> None:
    """Append ``second`` (the same table continued on the next page) to ``first``."""
    second = _aligned(first, second)
    # the foot of a box a browser drew from above the page (a cell merged down, cut by it): no
    # row, though its sides told the columns apart
    while second.rows and _off_page(second.rows[0]):
        del second.rows[0]
        del second.page_break_before[0]
    # a browser draws a sliver of the row the page cut over the head it repeats: nothing of it
    blank = _blank_rows(second)
    if blank and _repeated_header_rows(first, second, skip=blank):
        del second.rows[:blank]
        del second.page_break_before[:blank]
    drop = _repeated_header_rows(first, second)
    _drop_header_spill(first, second, drop, vocab)
    rows = second.rows[drop:]
    if not rows:
        return
    # ...and leaves the part of a row it moved to the next page blank at the old one's foot:
    # the row is judged against the row above it (those blank cells are merged down over
    # nothing, and one blank cell across several columns covers them from the left).
    while len(first.rows) > 1 and _is_blank(first.rows[-1]):
        first.rows.pop()
    del first.page_break_before[len(first.rows):]
    start = len(first.rows)
    first.rows.extend(rows)
    first.page_break_before.extend([True] + [False] * (len(rows) - 1))
    # A blank part of the cut row (a browser's: its rules only, or the places under cells
    # merged down) may open the page: when it goes, the row under it is judged too — on sure
    # signs only, as an empty row of the table opens pages as well.
    sure_only = False
    while start < len(first.rows):
        blank = _is_blank(first.rows[start])
        if not merge_cut_row(first, start, vocab, sure_only=sure_only) or not blank:
            break
        sure_only = True
        if start < len(first.page_break_before):
            first.page_break_before[start] = True
