"""Geometry for PDF text: words into lines, lines into paragraphs, words a column cut rejoined.

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

from grantparse.normalise import fold, join_fragments
from grantparse.parse.dates import month_by_stem, month_of
from grantparse.readers.document import BBox, TextItem


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
    return bool(first and regex.search(r"[\p{L}\-–]$", before)) and first.group(0).lower() not in VALUE_OPENERS


_NUMBER_GROUP = regex.compile(r"[+(]?\d{1,4}[)\-–]?(?:\d{1,4})?")


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
    # A phone number's groups are typed with no-break spaces as often as not, so they wrap as
    # one («8 701 482 19 65» moves to the next line whole).
    if _NUMBER_GROUP.fullmatch(str(nxt.words[0]["text"])):
        while unit_end < len(following) and _NUMBER_GROUP.fullmatch(following[unit_end].rstrip(",;.")):
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


# Words after which a line never ends a value: prepositions and conjunctions of both languages.
_LINKING = ("в во на по с со к ко о об от до из за для при без про и или а но что как и/или "  # noqa: SIM905
            "среди между через "
            "және мен пен бен не немесе үшін бойынша арқылы туралы атындағы "
            # a Kazakh postposition: «ата-аналар арасында» | «… фестивалін ұйымдастыру» — what
            # happens among them comes after it
            "арасында арасындағы").split()
# (as written, and as typed on a Russian keyboard: «ушин», «аркылы», «атындагы»)
LINKING_WORDS = frozenset(_LINKING) | frozenset(fold(word) for word in _LINKING)

# Words that begin a new value in lower case («кемінде 1», «не менее 20»): no sign of a cut.
VALUE_OPENERS = frozenset({
    "кемінде", "кеминде", "шамамен", "барлығы", "барлыгы", "не", "до", "около", "более", "свыше", "примерно", "всего",
})

# Qualifiers that follow another word («не менее», «не меньше»): no value opens with them.
_QUALIFIER_WORDS = frozenset({"менее", "меньше"})

# Cell padding is a few points; a larger gap before the text means it is centred, not padded.
MAX_CELL_PADDING = 8.0


def word_core(word: str) -> str:
    """A word without the punctuation around it, in lower case."""
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
            words = [word_core(str(w["text"])) for w in line.words]
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


# A number is cut where less than this many of its characters' widths were left on the line.
NUMBER_ROOM = 1.25


def link_goes_on(before: str, after: str) -> bool:
    """Does ``after`` (a line's or a page's first word) go on the link ``before`` ends in? A link
    has no spaces, so where it did not fit it was broken anywhere («…instagram.com/» | «p/C0p…»)."""
    token = before.rsplit(" ", 1)[-1]
    return bool((regex.match(r"(?:https?://|www\.)\S*[^,;]$", token) or _LINK_MIDDLE.match(token))
                and regex.fullmatch(r"[\w\-/?=&%.#~:+]+[,;).]*", after.split(" ", 1)[0], flags=regex.ASCII))


# The endings of the sites reports link to as evidence (social networks, Kazakh and Russian media).
LINK_DOMAINS = "com|kz|ru|org|net|be|me|io"
# The rest of a link whose start stayed on the page before: a domain and a path, no scheme.
_LINK_MIDDLE = regex.compile(rf"[\w.\-]+\.(?:{LINK_DOMAINS})/\S*[^,;.]$", flags=regex.ASCII)


def is_short_word(piece: str, vocab: Vocabulary) -> bool:
    """Is ``piece`` (a line's first word, :func:`word_core`) a short word of its own — a
    preposition, a unit, «кем» — rather than the tail of a word cut in two? A one-letter word
    («и», «у») is one only in a document that uses it."""
    return piece in _SHORT_WORDS and not (len(piece) == 1 and vocab.counts[piece] < IN_USE)


def _cut_word(prev: Line, nxt: Line, right_limit: float, vocab: Vocabulary, text_so_far: str = "",
              left_limit: float | None = None) -> bool:
    """Was a word too wide for its column broken between ``prev`` and ``nxt``?

    A forced break fills the line: less room is left than the next character needs — on both
    sides of a centred line (``left_limit``: where the widest of its lines starts).
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
    room = right_limit - prev.x1 + (max(0.0, prev.x0 - left_limit) if left_limit is not None else 0.0)
    last_token = text_so_far.rsplit(" ", 1)[-1] if text_so_far else tail_word
    link = link_goes_on(last_token, head)
    if link and (room < prev.size or room < float(first["x1"]) - float(first["x0"]) + 0.3 * prev.size):
        # A link has no spaces: broken where it did not fit («…instagram.com/» | «p/C0p…/»),
        # after words on its line too.
        return True
    if len(prev.words) != 1:
        return False  # a word is only cut when it cannot fit on a line of its own
    char_width = (float(first["x1"]) - float(first["x0"])) / max(1, len(head))
    tight = room <= max(char_width, 0.55 * prev.size) + 0.5
    number = regex.search(r"\d[\d.\-/]*$", tail_word) and regex.match(r"\d", head)
    if number and room <= NUMBER_ROOM * max(char_width, 0.55 * prev.size) + 0.5:
        # A number («2-3.11.2|4», «12.0|3.2025») has no spaces to wrap at; the room a column
        # leaves is known to a point (its padding is guessed from where lines start).
        return True
    if not (room < prev.size and regex.search(r"\p{L}$", tail_word) and regex.match(r"\p{Ll}", head)):
        return False
    return is_cut_word(tail_word, head, vocab, tight)


def is_cut_word(tail_word: str, head: str, vocab: Vocabulary, tight: bool = True) -> bool:
    """Are ``tail_word`` (a line's last word) and ``head`` (the next line's first) the two
    pieces of one word — given that the line was full (``tight``: less room was left than the
    next letter needs)? The document's own words decide; failing that, only a short piece
    that is no word of its own is a cut tail."""
    joined, piece = word_core(tail_word + head), word_core(head)
    if joined in VALUE_OPENERS:
        return True  # «кемін|де 10»: the form's own qualifiers are words wherever they are cut
    if month_by_stem(joined) and not month_by_stem(tail_word) and month_of(piece) is None:
        return True  # «ию|нь»: so are its month names («апрель» | «май» are two)
    if vocab.is_word(joined) or (vocab.starts_word(joined) and piece not in _SHORT_WORDS):
        return True
    if not tight or is_short_word(piece, vocab):
        return False
    # A letter on its own is no word unless it is one of the short words above (the tails of
    # words cut by a narrow column recur, so their count says nothing).
    return len(piece) == 1 or (len(piece) <= 4 and vocab.counts[piece] < 2)


def join_lines(lines: Sequence[Line], right_limit: float, vocab: Vocabulary = EMPTY_VOCABULARY) -> str:
    """The text of wrapped lines; a word cut in two by a narrow column is rejoined."""
    text = ""
    for line, cut in zip(lines, cut_words(lines, right_limit, vocab), strict=True):
        text = text + line.text if cut else join_fragments(text, line.text)
    return text


def cut_words(lines: Sequence[Line], right_limit: float, vocab: Vocabulary = EMPTY_VOCABULARY) -> list[bool]:
    """Per line: does it begin with the rest of a word the line above was too narrow for?"""
    flags = [False] * len(lines)
    text = ""
    left = min((line.x0 for line in lines), default=None)
    for i, line in enumerate(lines):
        flags[i] = bool(i) and _cut_word(lines[i - 1], line, right_limit, vocab, text, left)
        text = text + line.text if flags[i] else join_fragments(text, line.text)
    _mend_qualifiers(lines, flags)
    return flags


def _mend_qualifiers(lines: Sequence[Line], flags: list[bool]) -> None:
    """A column too narrow for a qualifier breaks it into pieces a line each, some of them
    words of their own («ме» | «не» | «е 20» for «менее 20»): lines of one piece each (the last
    may go on) that together make one of the form's qualifiers are one word — a word that
    begins on its first line: no tail of the line above («адам» | «кемі» | «нде 150»)."""
    inside = 0  # lines before this one are pieces of a qualifier already mended
    for i in range(len(lines)):
        pieces = ""
        for j in range(i, min(len(lines), i + MAX_QUALIFIER_PIECES)):
            pieces += word_core(str(lines[j].words[0]["text"]))  # the last piece may begin a line
            if j > i and (pieces in VALUE_OPENERS or pieces in _QUALIFIER_WORDS) and len(pieces) > SHORTEST_QUALIFIER:
                flags[i + 1: j + 1] = [True] * (j - i)
                if i >= inside:
                    flags[i] = False
                inside = j + 1
                break
            if len(lines[j].words) != 1:
                break


# A qualifier is cut into at most this many pieces (a letter or two each in the narrowest column).
MAX_QUALIFIER_PIECES = 4
# Qualifiers mended from pieces are longer than this («не», «до» are words of their own).
SHORTEST_QUALIFIER = 3


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
