"""What every extractor shares: the document, its located parts, and a recorder for
where each value came from and why a value is missing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter

from grantparse.model import ExtractionNote, Provenance
from grantparse.readers.document import Cell, Document, Paragraph, Table, TextItem
from grantparse.readers.ocr_words import LOW_CONFIDENCE
from grantparse.structure import Layout

# Where each value was read, as plain dicts while extracting; validated into Provenance
# records in one call at the end (hundreds per report: one pydantic call each cost more).
_SOURCES = TypeAdapter(dict[str, Provenance])


@dataclass
class Context:
    document: Document
    layout: Layout
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: list[ExtractionNote] = field(default_factory=list)
    _table_numbers: dict[int, int] = field(default_factory=dict)
    # A cell's text by id(cell): the document is read and no longer changes, and a task table's
    # big cells are recorded as the source of several fields (each a join and a normalisation).
    _cell_texts: dict[int, str] = field(default_factory=dict)

    def table_number(self, table: Table) -> int:
        """The table's ordinal in the document (0-based), as a reader counts tables."""
        if not self._table_numbers:
            self._table_numbers = {id(t): i for i, t in enumerate(self.document.tables)}
        return self._table_numbers.get(id(table), -1)

    def from_cell(self, path: str, table: Table, row: int, col: int, cell: Cell | None,
                  item: TextItem | None = None) -> None:
        """Remember that ``path`` was read from a table cell (or one paragraph of it)."""
        if cell is None:
            return
        where = item or cell
        raw = item.text if item is not None else self._cell_text(cell)
        number, row, col = table.where(row, col, self.table_number(table))  # the reader's table, row, column
        self.sources[path] = {
            "page": where.page if where.page is not None else cell.page,
            "bbox": where.bbox if where.bbox is not None else cell.bbox,
            "table": number, "row": row, "column": col, "raw": raw,
        }
        self._flag_ocr_doubt(path, item.confidence if item else cell.confidence, raw)

    def _cell_text(self, cell: Cell) -> str:
        text = self._cell_texts.get(id(cell))
        if text is None:
            text = self._cell_texts[id(cell)] = cell.text
        return text

    def from_paragraph(self, path: str, paragraph: Paragraph, raw: str | None = None) -> None:
        self.sources[path] = {
            "page": paragraph.page, "bbox": paragraph.item.bbox, "raw": raw if raw is not None else paragraph.text,
        }
        self._flag_ocr_doubt(path, paragraph.item.confidence, raw if raw is not None else paragraph.text)

    def provenance(self) -> dict[str, Provenance]:
        """Every recorded source as the model's Provenance records."""
        return _SOURCES.validate_python(self.sources)

    def _flag_ocr_doubt(self, path: str, confidence: float | None, raw: str | None) -> None:
        """A value read by OCR with low confidence is kept but marked: findings that rest on
        it say so (needs_review), and the note says how sure the reading was."""
        if confidence is not None and confidence < LOW_CONFIDENCE and raw and raw.strip():
            self.note(path, f"read by OCR with low confidence ({confidence:.0f}%)", raw, needs_review=True)

    def note(self, path: str, reason: str, raw: str | None = None, needs_review: bool = False) -> None:
        """Record why ``path`` is null or doubtful."""
        self.notes.append(ExtractionNote(field=path, reason=reason, raw=raw, needs_review=needs_review))
