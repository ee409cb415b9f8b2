"""Geometry for PDF text: words into lines, lines into paragraphs, tables across pages.

Kept apart from :mod:`grantparse.readers.pdf` so the rules can be read (and tested) on their
own: a reader of this module finds *why* two lines were judged one paragraph.
"""

from __future__ import annotations

import statistics
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
    def size(self) -> float:
        return float(self.words[0].get("size") or (self.bottom - self.top) or 10.0)

    @property
    def text(self) -> str:
        return " ".join(str(w["text"]) for w in self.words)

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


def group_lines(words: Iterable[dict[str, Any]]) -> list[Line]:
    """Group words into lines by vertical overlap, each line sorted left to right."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (float(w["top"]), float(w["x0"]))):
        size = float(word.get("size") or 10.0)
        if lines and abs(float(word["top"]) - lines[-1].top) <= 0.4 * size:
            lines[-1].words.append(word)
        else:
            lines.append(Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: float(w["x0"]))
    return lines


def typical_pitch(line_groups: Iterable[Sequence[Line]]) -> float | None:
    """The most common distance between consecutive baselines: the line spacing *inside* a
    paragraph, since most line pairs in a report are within one paragraph."""
    pitches = [
        round(b.top - a.top, 1)
        for lines in line_groups
        for a, b in zip(lines, lines[1:], strict=False)
        if 0 < b.top - a.top < 3 * a.size
    ]
    if not pitches:
        return None
    return float(statistics.median_low(pitches))


def _ends_paragraph(prev: Line, nxt: Line, right_limit: float, pitch: float | None) -> bool:
    """Would a word-wrapping layout have put ``nxt`` on a new line only because a paragraph
    ended? Two independent signs: extra space above ``nxt`` (paragraph spacing), or room
    left on ``prev`` for the first word of ``nxt`` (the line was not full)."""
    gap = nxt.top - prev.top
    if pitch and gap > pitch + max(1.0, 0.08 * pitch):
        return True
    # Line breaking never separates a word from closing punctuation or a slash that follows
    # it after a space («фото /»), so the unit that did not fit may be longer than a word.
    unit_end = 0
    while unit_end + 1 < len(nxt.words) and regex.fullmatch(r"[)\]!?,.:;/%»]+", str(nxt.words[unit_end + 1]["text"])):
        unit_end += 1
    first_width = float(nxt.words[unit_end]["x1"]) - float(nxt.words[0]["x0"])
    space = 0.3 * prev.size
    return prev.x1 + space + first_width < right_limit - 1.0


def split_paragraphs(lines: Sequence[Line], right_limit: float, pitch: float | None) -> list[list[Line]]:
    """Split a column of lines into paragraphs."""
    paragraphs: list[list[Line]] = []
    for line in lines:
        if paragraphs and not _ends_paragraph(paragraphs[-1][-1], line, right_limit, pitch):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return paragraphs


# Short words that stand alone (Kazakh and Russian conjunctions, particles, prepositions):
# a line that starts with one of them is an ordinary wrap, not the tail of a cut word.
_SHORT_WORDS = frozenset(
    "мен пен бен да де та те ма ме ба бе па пе не әр ал ол ғой и в во на по с со к ко о об у "
    "за до из от а но для без при про что как или ли же бы".split()
)


def _core(word: str) -> str:
    return regex.sub(r"^\W+|\W+$", "", word).lower()


def vocabulary(words: Iterable[dict[str, Any]]) -> frozenset[str]:
    """Every word of the document, lower-cased, and every prefix of five letters or more
    (marked with a trailing «…»): evidence for rejoining words cut by narrow columns."""
    whole = {_core(str(w["text"])) for w in words}
    prefixes = {f"{word[:n]}…" for word in whole for n in range(5, len(word))}
    return frozenset(whole | prefixes)


def _cut_word(prev: Line, nxt: Line, right_limit: float, vocab: frozenset[str]) -> bool:
    """Was a word too wide for its column broken between ``prev`` and ``nxt``?

    Geometry alone cannot tell (a natural wrap also leaves less than a character of room),
    so the words decide: the joined word occurs elsewhere in the document («Маңғыста|у» →
    «Маңғыстау»), or, failing that, the piece on the new line is a short lower-case tail
    that is not a word of its own («Сертифик|ат», but not «жастары|мен»).
    """
    tail_word = str(prev.words[-1]["text"])
    head = str(nxt.words[0]["text"])
    if not (prev.x1 >= right_limit - 0.6 * prev.size and regex.search(r"\p{L}$", tail_word)
            and regex.match(r"\p{Ll}", head)):
        return False
    joined = _core(tail_word + head)
    if joined in vocab or (f"{joined}…" in vocab and _core(head) not in _SHORT_WORDS):
        return True
    if _core(head) in _SHORT_WORDS:
        return False
    return bool(regex.fullmatch(r"\p{Ll}{1,3}[.,;:)]*", head))


def join_lines(lines: Sequence[Line], right_limit: float, vocab: frozenset[str] = frozenset()) -> str:
    """The text of wrapped lines; a word cut in two by a narrow column is rejoined."""
    text = ""
    for i, line in enumerate(lines):
        if i and _cut_word(lines[i - 1], line, right_limit, vocab):
            text += line.text
        else:
            text = join_fragments(text, line.text)
    return text


def to_items(paragraphs: Sequence[Sequence[Line]], page: int, right_limit: float,
             vocab: frozenset[str] = frozenset()) -> list[TextItem]:
    items = []
    for para in paragraphs:
        x0 = min(line.x0 for line in para)
        x1 = max(line.x1 for line in para)
        items.append(TextItem(join_lines(para, right_limit, vocab), page, (x0, para[0].top, x1, para[-1].bottom)))
    return items


# --------------------------------------------------------------------------- tables


def column_edges(table: Table) -> list[float]:
    """Left edge of each grid column, from the first cell that starts in it."""
    edges: list[float] = []
    for col in range(table.n_cols):
        edge = next(
            (row[col].bbox[0] for row in table.rows if col < len(row) and row[col] is not None
             and row[col].bbox is not None),  # type: ignore[union-attr]
            float("nan"),
        )
        edges.append(edge)
    return edges


def same_columns(a: Table, b: Table, tolerance: float = 3.0) -> bool:
    """Two table parts continue one another when their columns line up."""
    if a.n_cols != b.n_cols:
        return False
    pairs = [(x, y) for x, y in zip(column_edges(a), column_edges(b), strict=True) if x == x and y == y]
    return bool(pairs) and all(abs(x - y) <= tolerance for x, y in pairs)


def _same_header_cell(a: Cell | None, b: Cell | None) -> bool:
    """Header cells repeated on a new page may be clipped or wrapped differently."""
    ta, tb = (fold(c.text).replace(" ", "") if c else "" for c in (a, b))
    if not ta or not tb:
        return ta == tb
    return ta.startswith(tb) or tb.startswith(ta) or fuzz.ratio(ta, tb) >= 85


def _repeated_header_rows(first: Table, second: Table) -> int:
    """How many leading rows of ``second`` repeat the header rows of ``first``."""
    count = 0
    for i in range(min(3, len(first.rows), len(second.rows))):
        pairs = list(zip(first.rows[i], second.rows[i], strict=False))
        filled = any(b is not None and b.text for _, b in pairs)
        if filled and all(_same_header_cell(a, b) for a, b in pairs):
            count += 1
        else:
            break
    return count


def _looks_continued(before: str, after: str) -> bool:
    """Text on the new page reads as the rest of the text cut off on the old one."""
    if regex.match(r"[\p{Ll}(\-–,;)]", after):
        return True
    return bool(regex.search(r"[,;\-–(«]$", before)) or before.count("(") > before.count(")")


def _cell_above(table: Table, row_index: int, col: int) -> Cell | None:
    """The cell that covers (row_index - 1, col): itself, or a merged cell further up."""
    for r in range(row_index - 1, -1, -1):
        if col < len(table.rows[r]) and table.rows[r][col] is not None:
            return table.rows[r][col]
    return None


def _join_words(before: str, after: str, vocab: frozenset[str]) -> str:
    """Join text cut by a page break; a word cut in two is closed up when the document
    uses the whole word elsewhere."""
    tail = regex.search(r"(\p{L}+)$", before)
    head = regex.match(r"(\p{Ll}+)", after)
    if tail and head and _core(tail.group(1) + head.group(1)) in vocab:
        return before + after
    return join_fragments(before, after)


def _merge_cells(above: Cell, below: Cell, vocab: frozenset[str]) -> None:
    if not below.items:
        return
    if above.items and _looks_continued(above.items[-1].text, below.items[0].text.strip()):
        head = above.items[-1]
        head.text = _join_words(head.text, below.items[0].text, vocab)
        above.items.extend(below.items[1:])
    else:
        above.items.extend(below.items)
    above.lines.extend(below.lines)


def merge_cut_row(table: Table, row_index: int, vocab: frozenset[str] = frozenset()) -> bool:
    """Repair the row at the top of a new page (``rows[row_index]``).

    * If a cell of the row above it continues there (text cut mid-sentence in the same
      row), the whole row is the rest of the row above: glue every cell and drop the row.
    * Otherwise the row is a new row, but a cell merged down from above may still spill
      its text into it: that text goes back to the merged cell.
    Returns True when the row was dropped.
    """
    last, first = table.rows[row_index - 1], table.rows[row_index]
    cut_in_row = False
    for col, below in enumerate(first):
        if below is None or not below.text:
            continue
        above = last[col] if col < len(last) else None
        if above is not None:
            if not above.text:
                cut_in_row = False  # new text under an empty cell: a new row
                break
            cut_in_row = cut_in_row or _looks_continued(above.text, below.text)
    if cut_in_row:
        for col, below in enumerate(first):
            above = _cell_above(table, row_index, col)
            if below is not None and above is not None:
                _merge_cells(above, below, vocab)
        del table.rows[row_index]
        del table.page_break_before[row_index]
        return True
    for col, below in enumerate(first):
        if below is None or not below.text or (col < len(last) and last[col] is not None):
            continue
        covering = _cell_above(table, row_index, col)
        if covering is not None and _looks_continued(covering.text, below.text):
            _merge_cells(covering, below, vocab)
            below.items, below.lines = [], []
    return False


def stitch(first: Table, second: Table, vocab: frozenset[str] = frozenset()) -> None:
    """Append ``second`` (the same table continued on the next page) to ``first``."""
    drop = _repeated_header_rows(first, second)
    rows = second.rows[drop:]
    if not rows:
        return
    start = len(first.rows)
    first.rows.extend(rows)
    first.page_break_before.extend([True] + [False] * (len(rows) - 1))
    merge_cut_row(first, start, vocab)
