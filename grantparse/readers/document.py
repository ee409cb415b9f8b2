"""The intermediate form every reader produces, so extraction never knows the file format.

A :class:`Document` is a sequence of blocks in reading order: :class:`Paragraph` and
:class:`Table`. A table is a rectangular grid of :class:`Cell` objects; a grid position
covered by a merged cell (horizontally or vertically) holds ``None``. A cell keeps its
text as *items* — paragraphs in DOCX, groups of lines in PDF — because several indicators
are often stacked in one cell and must be paired item by item.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from grantparse.normalise import normalise

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points


@dataclass
class TextItem:
    """One paragraph of text with where it was found."""

    text: str
    page: int | None = None
    bbox: BBox | None = None
    # OCR only: the lowest word confidence (0–100) of the text; None when it was not read by OCR.
    confidence: float | None = None
    # A line of a PDF cell that begins with the rest of a word cut at the end of the line above.
    continues_word: bool = False


@dataclass
class Paragraph:
    """A paragraph outside any table."""

    item: TextItem
    index: int = 0
    # PDF only, for joining a paragraph cut by a page break: the room left after the last
    # line (None when it ends with closing punctuation) and the width of the first word.
    room_at_end: float | None = None
    first_word_width: float = 0.0

    @property
    def text(self) -> str:
        return self.item.text

    @property
    def page(self) -> int | None:
        return self.item.page


@dataclass
class Cell:
    """A table cell: its paragraphs (items) and its place in the table grid."""

    items: list[TextItem] = field(default_factory=list)
    page: int | None = None
    bbox: BBox | None = None
    # PDF only: the first line of each item could also be split differently; the extractor
    # may re-split a cell's lines when item counts across columns disagree.
    lines: list[TextItem] = field(default_factory=list)
    # PDF only: a cell continued over pages keeps ``page``/``bbox`` of its first part; the
    # parts on later pages are listed here (page, box), the last one last.
    continued: list[tuple[int | None, BBox | None]] = field(default_factory=list)

    def last_part(self) -> tuple[int | None, BBox | None]:
        """Page and box of the cell's last part (its only one unless it went on over pages)."""
        return self.continued[-1] if self.continued else (self.page, self.bbox)

    @property
    def text(self) -> str:
        return normalise(" ".join(item.text for item in self.items))

    @property
    def confidence(self) -> float | None:
        """OCR only: the lowest confidence of the cell's text."""
        found = [item.confidence for item in self.items if item.confidence is not None and item.text.strip()]
        return min(found) if found else None

    @property
    def texts(self) -> list[str]:
        """The non-blank items' normalised texts."""
        return [t for t in (normalise(item.text) for item in self.items) if t]


Row = list[Cell | None]


@dataclass
class Table:
    """A table, already stitched together when it was continued over several pages."""

    rows: list[Row]
    index: int = 0
    page: int | None = None
    # Per row: True when the row starts on a new page and might be the rest of a row cut by
    # the page break (a hint for the extractor; the reader merges the clear cases itself).
    page_break_before: list[bool] = field(default_factory=list)
    # A part of the form cut out of (or joined from) the reader's tables: per row, the reader's
    # table ordinal, its row there and, per column here, the column there. None: a reader's table.
    origins: list[tuple[int, int, tuple[int, ...]]] | None = None

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell(self, row: int, col: int) -> Cell | None:
        if 0 <= row < len(self.rows) and 0 <= col < len(self.rows[row]):
            return self.rows[row][col]
        return None

    def text(self, row: int, col: int) -> str:
        cell = self.cell(row, col)
        return cell.text if cell else ""

    def where(self, row: int, col: int, ordinal: int) -> tuple[int, int, int]:
        """(table, row, column) of a cell in the reader's tables; ``ordinal`` is this table's
        own number when it is one of them."""
        if self.origins is None or not 0 <= row < len(self.origins):
            return ordinal, row, col
        table, physical_row, columns = self.origins[row]
        return table, physical_row, columns[col] if 0 <= col < len(columns) else col


Block = Paragraph | Table


@dataclass
class Document:
    """A report file read into blocks, plus what the file says about itself."""

    blocks: list[Block]
    format: str  # "pdf" | "docx"
    pages: int | None = None
    ocr: bool = False
    # Results of look-ups made once per document and asked for many times (the label scores
    # of its paragraphs); filled by whoever needs them.
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def full_text(self) -> str:
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                parts.append(block.text)
            else:
                for row in block.rows:
                    parts.extend(c.text for c in row if c is not None)
        return "\n".join(parts)
