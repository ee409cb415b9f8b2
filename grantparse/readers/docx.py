"""DOCX → :class:`Document`: paragraphs and tables in body order, merged cells resolved."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import docx
import regex
from docx.oxml.ns import qn
from docx.table import Table as DocxTable

from grantparse.readers.document import Block, Cell, Document, Paragraph, Row, Table, TextItem

_T, _TAB, _BR, _CR, _HYPHEN = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:noBreakHyphen")


def _paragraph_text(p_element: Any, parent: Any) -> str:
    """A paragraph's text straight from its XML (python-docx's ``.text`` is slow in bulk):
    text runs, tabs as tabs, line breaks as newlines — the same as python-docx gives."""
    parts = []
    for element in p_element.iter(_T, _TAB, _BR, _CR, _HYPHEN):
        tag = element.tag
        if tag == _T:
            parts.append(element.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _HYPHEN:
            parts.append("-")
        elif element.get(qn("w:type")) in (None, "textWrapping"):
            parts.append("\n")
    return "".join(parts)


def _cell_items(tc: Any, parent: Any) -> list[TextItem]:
    """Every paragraph inside the cell, nested tables flattened, in document order."""
    return [TextItem(_paragraph_text(p, parent)) for p in tc.iter(qn("w:p"))]


_TR, _TC, _TC_PR, _TR_PR = qn("w:tr"), qn("w:tc"), qn("w:tcPr"), qn("w:trPr")
_GRID_SPAN, _V_MERGE, _GRID_BEFORE, _VAL = qn("w:gridSpan"), qn("w:vMerge"), qn("w:gridBefore"), qn("w:val")


def _int_val(element: Any, default: int) -> int:
    try:
        return int(element.get(_VAL)) if element is not None else default
    except (TypeError, ValueError):
        return default


def _grid(table: DocxTable) -> list[Row]:
    """Lay the table's cells on its grid: spans and vertical merges become ``None``.

    Reads the XML directly (python-docx's per-cell properties are slow on large tables).
    """
    rows: list[Row] = []
    origin_in_column: dict[int, Cell] = {}
    for tr in table._tbl.iterchildren(_TR):
        row: Row = []
        tr_pr = tr.find(_TR_PR)
        before = _int_val(tr_pr.find(_GRID_BEFORE), 0) if tr_pr is not None else 0
        row.extend([None] * max(0, min(before, 64)))
        for tc in tr.iterchildren(_TC):
            tc_pr = tc.find(_TC_PR)
            span = max(1, min(_int_val(tc_pr.find(_GRID_SPAN), 1), 64)) if tc_pr is not None else 1
            v_merge = tc_pr.find(_V_MERGE) if tc_pr is not None else None
            continued = v_merge is not None and v_merge.get(_VAL, "continue") == "continue"
            col = len(row)
            if continued and col in origin_in_column:
                # The text (normally none) of a continued cell belongs to the merged cell.
                origin_in_column[col].items.extend(i for i in _cell_items(tc, table) if i.text.strip())
                row.append(None)
            else:
                cell = Cell(items=_cell_items(tc, table))
                origin_in_column[col] = cell
                row.append(cell)
            row.extend([None] * (span - 1))
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    for row in rows:
        row.extend([None] * (width - len(row)))
    return rows


def _declared_pages(path: Path) -> int | None:
    """The page count Word stores in docProps/app.xml, when it is there and plausible."""
    try:
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("docProps/app.xml").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError):
        return None
    # python-docx's template ships a stale <Pages>1</Pages> with <Words>0</Words>: a count is
    # trusted only when the word processor that saved the file also counted the words.
    pages = regex.search(r"<Pages>(\d+)</Pages>", xml)
    words = regex.search(r"<Words>(\d+)</Words>", xml)
    if not pages or not words or int(words.group(1)) == 0:
        return None
    return int(pages.group(1))


def read_docx(path: Path) -> Document:
    """Read a DOCX file into the intermediate form."""
    document = docx.Document(str(path))
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, DocxTable):
            blocks.append(Table(rows=_grid(item), index=len(blocks)))
        else:
            blocks.append(Paragraph(TextItem(_paragraph_text(item._p, item)), index=len(blocks)))
    for i, block in enumerate(blocks):
        if isinstance(block, Table):
            block.page_break_before = [False] * len(block.rows)
        block.index = i
    return Document(blocks=blocks, format="docx", pages=_declared_pages(path))
