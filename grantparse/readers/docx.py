"""DOCX → :class:`Document`: paragraphs and tables in body order, merged cells resolved.

The main part's XML is read straight with lxml: the reader needs only paragraphs, tables
and their merges, and skipping python-docx's load of every part (styles, numbering,
settings, theme) makes a DOCX several times cheaper. The safety checks have already
refused DTDs and oversized parts; the parser is still told not to resolve entities.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import Any

import regex
from lxml import etree

from grantparse.readers.document import Block, Cell, Document, Paragraph, Row, Table, TextItem

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _SDT, _SDT_CONTENT, _BODY = f"{_W}p", f"{_W}tbl", f"{_W}sdt", f"{_W}sdtContent", f"{_W}body"
_T, _TAB, _BR, _CR, _HYPHEN = f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}noBreakHyphen"
_TR, _TC = f"{_W}tr", f"{_W}tc"
_GRID_SPAN, _V_MERGE, _GRID_BEFORE = f"{_W}gridSpan", f"{_W}vMerge", f"{_W}gridBefore"
_VAL, _TYPE = f"{_W}val", f"{_W}type"
_OFFICE_DOCUMENT = regex.compile(
    r'<Relationship\b[^>]*?Type="[^"]*/officeDocument"[^>]*?Target="([^"]+)"'
    r'|<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Type="[^"]*/officeDocument"')

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          remove_comments=True, remove_pis=True,
                          collect_ids=False)  # Word writes no xml:id; indexing them costs a tenth of the parse


def _paragraph_text(p_element: Any) -> str:
    """A paragraph's text: text runs, tabs as tabs, line breaks (not page breaks) as newlines."""
    parts = []
    for element in p_element.iter(_T, _TAB, _BR, _CR, _HYPHEN):
        tag = element.tag
        if tag == _T:
            parts.append(element.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _HYPHEN:
            parts.append("-")
        elif element.get(_TYPE) in (None, "textWrapping"):
            parts.append("\n")
    return "".join(parts)


def _int_val(element: Any, default: int) -> int:
    try:
        return max(0, min(int(element.get(_VAL)), 64))
    except (TypeError, ValueError):
        return default


_TABLE_TAGS = (_TR, _TC, _P, _T, _TAB, _BR, _CR, _HYPHEN, _GRID_SPAN, _V_MERGE, _GRID_BEFORE)


def _grid(tbl: Any) -> list[Row]:
    """Lay a table's cells on its grid in one walk over the table's elements: spans and
    vertical merges become ``None``; a nested table's text joins its cell.

    One walk, not a walk per row, cell and paragraph, with its state in local variables: a
    large form has a thousand mostly empty cells, and visiting elements from Python is what
    reading a DOCX costs.
    """
    rows: list[Row] = []
    origin_in_column: dict[int, Cell] = {}  # the cell a vertical merge continues, by column
    tr: Any = None
    tc: Any = None
    items: list[TextItem] = []
    parts: list[str] | None = None  # the open paragraph's text, inside a cell
    span, continued = 1, False

    def end_cell() -> None:
        nonlocal tc, items, parts
        if tc is None:
            return
        if parts is not None:
            items.append(TextItem("".join(parts)))
            parts = None
        row, col = rows[-1], len(rows[-1])
        if continued and col in origin_in_column:
            # The text (normally none) of a continued cell belongs to the merged cell.
            origin_in_column[col].items.extend(i for i in items if i.text.strip())
            row.append(None)
        else:
            cell = Cell(items=items)
            origin_in_column[col] = cell
            row.append(cell)
        if span > 1:
            row.extend([None] * (span - 1))
        tc, items = None, []

    for element in tbl.iter(*_TABLE_TAGS):
        tag = element.tag
        if tag == _T:
            if parts is not None:
                parts.append(element.text or "")
        elif tag == _P:
            if tc is not None:
                if parts is not None:
                    items.append(TextItem("".join(parts)))
                parts = []
        elif tag == _TC:
            if element.getparent() is tr:
                end_cell()
                tc, span, continued = element, 1, False
        elif tag == _V_MERGE:
            if element.getparent().getparent() is tc:
                continued = element.get(_VAL, "continue") == "continue"
        elif tag == _TR:
            if element.getparent() is tbl:
                end_cell()
                tr = element
                rows.append([])
        elif tag == _GRID_SPAN:
            if element.getparent().getparent() is tc:
                span = _int_val(element, 1)
        elif tag == _GRID_BEFORE:
            if element.getparent().getparent() is tr and tc is None:
                rows[-1].extend([None] * _int_val(element, 0))
        elif parts is not None:
            if tag == _TAB:
                parts.append("\t")
            elif tag == _HYPHEN:
                parts.append("-")
            elif element.get(_TYPE) in (None, "textWrapping"):  # w:br, w:cr; not page breaks
                parts.append("\n")
    end_cell()
    width = max((len(r) for r in rows), default=0)
    for row in rows:
        row.extend([None] * (width - len(row)))
    return rows


def _body_blocks(container: Any) -> list[Block]:
    """Paragraphs and tables in reading order; content controls (w:sdt) are looked into."""
    blocks: list[Block] = []
    for child in container.iterchildren(_P, _TBL, _SDT):
        if child.tag == _P:
            blocks.append(Paragraph(TextItem(_paragraph_text(child))))
        elif child.tag == _TBL:
            blocks.append(Table(rows=_grid(child)))
        else:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                blocks.extend(_body_blocks(content))
    return blocks


def _main_part(archive: zipfile.ZipFile) -> str:
    """The main document part's name, as the package's relationships declare it."""
    try:
        rels = archive.read("_rels/.rels").decode("utf-8", "replace")
    except KeyError:
        return "word/document.xml"
    match = _OFFICE_DOCUMENT.search(rels)
    target = (match.group(1) or match.group(2)) if match else "word/document.xml"
    return posixpath.normpath(target.lstrip("/"))


_PAGES = regex.compile(r"<Pages>(\d+)</Pages>")
_WORDS = regex.compile(r"<Words>(\d+)</Words>")


def _declared_pages(archive: zipfile.ZipFile) -> int | None:
    """The page count Word stores in docProps/app.xml, when it is there and plausible."""
    try:
        xml = archive.read("docProps/app.xml").decode("utf-8", "replace")
    except KeyError:
        return None
    # python-docx's template ships a stale <Pages>1</Pages> with <Words>0</Words>: a count is
    # trusted only when the word processor that saved the file also counted the words.
    pages = _PAGES.search(xml)
    words = _WORDS.search(xml)
    if not pages or not words or int(words.group(1)) == 0:
        return None
    return int(pages.group(1))


# What Word keeps in the file but does not show: hidden text (w:vanish), deleted text and
# text moved away under tracked changes. Removed before the walk; insertions stay (they are
# the final text), and a field's shown result stays while its code (w:instrText) is no w:t.
# A drawing's text box is written twice (mc:Choice and a VML mc:Fallback): the fallback goes.
_NOT_SHOWN = etree.XPath(
    ".//w:tr[w:trPr/w:del] | .//w:r[w:rPr/w:vanish[not(@w:val) or (@w:val != '0' and @w:val != 'false')]]"
    " | .//w:del | .//w:moveFrom | .//mc:Fallback",
    namespaces={"w": _W[1:-1], "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"})


def _drop_what_is_not_shown(root: Any) -> None:
    for element in _NOT_SHOWN(root):
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


def read_docx(path: Path) -> Document:
    """Read a DOCX file into the intermediate form."""
    with zipfile.ZipFile(path) as archive:
        part = _main_part(archive)
        if part not in archive.namelist():
            part = "word/document.xml"
        root = etree.fromstring(archive.read(part), _PARSER)
        pages = _declared_pages(archive)
    _drop_what_is_not_shown(root)
    body = root.find(_BODY)
    blocks = _body_blocks(body) if body is not None else []
    for i, block in enumerate(blocks):
        block.index = i
        if isinstance(block, Table):
            block.page_break_before = [False] * len(block.rows)
    return Document(blocks=blocks, format="docx", pages=pages)
