"""PDF → :class:`Document` with pdfplumber: ruled tables as grids, the rest as paragraphs."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pdfplumber
import regex

from grantparse.normalise import join_fragments
from grantparse.readers.document import Block, Cell, Document, Paragraph, Table, TextItem
from grantparse.readers.layout import (
    EMPTY_VOCABULARY,
    MAX_CELL_PADDING,
    Line,
    Vocabulary,
    cut_words,
    group_lines,
    link_goes_on,
    split_paragraphs,
    to_items,
    typical_pitch,
)
from grantparse.readers.ocr import available as ocr_available
from grantparse.readers.ocr import ocr_page
from grantparse.readers.pdf_cell_borders import CellBorders
from grantparse.readers.pdf_columns import AcrossRuledColumns
from grantparse.readers.pdf_rules import closing_rules
from grantparse.readers.pdf_words import assign, assign_overflow, cut_line_remnants, lines_across, words_of
from grantparse.readers.stitch import same_columns, stitch

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}

# pdfminer logs every oddity of a damaged file to the console; the outcome is a finding.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


class NoTextLayer(Exception):
    """The PDF has pages but no extractable text (a scan)."""


class TooManyPages(Exception):
    """The PDF has more pages than the limit allows."""


def _inside(word: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    cx = (float(word["x0"]) + float(word["x1"])) / 2
    cy = (float(word["top"]) + float(word["bottom"])) / 2
    return bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]


def _settings(page: Any) -> dict[str, Any]:
    """pdfplumber's table settings for a page: its vector lines, with the rules a producer left
    out where a page cut a table."""
    closing = closing_rules(page)
    return {**TABLE_SETTINGS, "explicit_horizontal_lines": closing} if closing else TABLE_SETTINGS


def _tables_of(page: Any, drawn: list[dict[str, Any]] | None = None) -> list[Any]:
    """pdfplumber's tables from the page's vector lines, with the rules ``drawn`` in (the
    column rules of tables ruled only across or drawn cell by cell, and the rules across rows
    a page cut open)."""
    settings = _settings(page)
    if not drawn:
        return list(page.find_tables(settings))
    across = [*settings.get("explicit_horizontal_lines", []), *(e for e in drawn if e["orientation"] == "h")]
    columns = [e for e in drawn if e["orientation"] == "v"]
    return list(page.find_tables({**settings, "explicit_horizontal_lines": across, "explicit_vertical_lines": columns}))


Grid = list[list[tuple[Any, list[Line]] | None]]


def _grid(found: Any, lines_of: Callable[[int, Any], list[Line]]) -> Grid:
    """A pdfplumber table's rows of (cell box, lines); ``lines_of(k, box)`` gives the k-th
    cell's lines. A grid place a merged cell covers is None."""
    grid: Grid = []
    k = 0
    for row in found.rows:
        cells: list[tuple[Any, list[Line]] | None] = []
        for bbox in row.cells:
            if bbox is None:
                cells.append(None)
                continue
            cells.append((bbox, lines_of(k, bbox)))
            k += 1
        grid.append(cells)
    return grid


class _PageLayout:
    """One page: its tables (cells with their lines) and the lines outside tables."""

    def __init__(self, page: Any, number: int, found_tables: list[Any],
                 words: list[dict[str, Any]] | None = None, chars: list[dict[str, Any]] | None = None) -> None:
        """A page from its characters (a text layer) or from OCR's words, and its tables."""
        self.number = number
        self.width = round(float(page.width))  # pages of one width share a text column
        self.tables: list[tuple[Any, list[list[tuple[Any, list[Line]] | None]]]] = []
        if chars is not None:
            self._from_chars(found_tables, chars)
        else:
            self._from_words(found_tables, words or [])
        self.vocabulary = Vocabulary.of(line for group in self.line_groups() for line in group)

    def _from_chars(self, found_tables: list[Any], chars: list[dict[str, Any]]) -> None:
        """Characters go to their table cell first, then become words (see pdf_words)."""
        owner = assign(chars, [tuple(float(v) for v in found.bbox) for found in found_tables])
        for t, found in enumerate(found_tables):
            mine = [c for c, o in zip(chars, owner, strict=True) if o == t]
            boxes = [tuple(float(v) for v in bbox) for row in found.rows for bbox in row.cells if bbox is not None]
            in_cell = assign_overflow(mine, boxes, assign(mine, boxes))
            by_cell: dict[int, list[dict[str, Any]]] = {}
            for char, k in zip(mine, in_cell, strict=True):
                by_cell.setdefault(k, []).append(char)
            def cell_lines(k: int, _bbox: Any, cells: dict[int, list[dict[str, Any]]] = by_cell) -> list[Line]:
                return group_lines(words_of(cells.get(k, [])))

            grid = _grid(found, cell_lines)
            _return_clipped_lines(grid)
            self.tables.append((found, grid))
        loose = [c for c, o in zip(chars, owner, strict=True) if o == -1]
        self.loose_lines = _return_spill_below(self.tables, group_lines(words_of(loose)))
        self.has_text = any(str(c["text"]).strip() for c in chars)

    def _from_words(self, found_tables: list[Any], words: list[dict[str, Any]]) -> None:
        remaining = words
        for found in found_tables:
            inside = [w for w in remaining if _inside(w, found.bbox)]
            remaining = [w for w in remaining if not _inside(w, found.bbox)]
            def lines_of(_k: int, bbox: Any, words: list[dict[str, Any]] = inside) -> list[Line]:
                return group_lines(w for w in words if _inside(w, bbox))

            grid = _grid(found, lines_of)
            self.tables.append((found, grid))
        self.loose_lines = group_lines(remaining)
        self.has_text = bool(words)

    def line_groups(self) -> list[list[Line]]:
        groups = [self.loose_lines]
        for _, grid in self.tables:
            groups.extend(cell[1] for row in grid for cell in row if cell is not None)
        return groups


def _above(grid: Grid, r: int, c: int) -> tuple[Any, list[Line]] | None:
    """The nearest cell above row ``r`` in column ``c`` (a merged cell covers the places between)."""
    return next((grid[a][c] for a in range(r - 1, -1, -1) if c < len(grid[a]) and grid[a][c] is not None), None)


def _font(line: Line) -> object:
    return line.words[0].get("font") if line.words else None


def _return_clipped_lines(grid: Grid) -> None:
    """A cell too short for its text hides its last line under the next row's first
    (LibreOffice; a header row repeated on a page is drawn shorter than the first time):
    two lines at one height in a cell. The one that goes on the text above goes back to the
    cell above it: the one in that text's font when the two differ (a bold header over plain
    text), else the one beginning in lower case."""
    for r in range(1, len(grid)):
        for c, entry in enumerate(grid[r]):
            if entry is None or len(entry[1]) < 2:
                continue
            lines = entry[1]
            first, second = lines[0], lines[1]
            if abs(first.top - second.top) > 0.5 * first.size:
                continue
            above = _above(grid, r, c)
            if above is None:
                continue
            font_above = _font(above[1][-1]) if above[1] else None
            same_font = [line for line in (first, second) if _font(line) == font_above]
            if _font(first) != _font(second) and len(same_font) == 1:
                going = same_font[0]
            else:
                lower = [line for line in (first, second) if regex.match(r"\p{Ll}", line.text)]
                if len(lower) != 1:
                    continue
                going = lower[0]
            lines.remove(going)
            above[1].append(going)


# A browser may paint a cell's last line below the cell (its rows were sized before a line
# break it then made): at most this many lines run over into the cell below.
OVERFLOW_LINES = 2
PITCH_SLACK = 0.75  # points an overflowing line's pitch may differ from its cell's
_SENTENCE_END = regex.compile(r"[.!?;»)]\s*$")


def _padding(bbox: Any, lines: list[Line]) -> float:
    """A cell's padding, from where its lines start."""
    starts = sorted(line.x0 for line in lines) or [float(bbox[0]) + 5.0]
    # A scanned line's left edge is noisy (a stray mark, a bracket read wide): the usual
    # start, not the leftmost, gives the cell's padding there.
    start = starts[len(starts) // 2] if any(line.confidence is not None for line in lines) else starts[0]
    return max(1.0, min(MAX_CELL_PADDING, start - float(bbox[0])))


def _return_overflow(grid: Grid, vocab: Vocabulary) -> None:
    """A cell whose text begins with the rest of what the cell above ends in — a cut word
    («…қызығушылығ» | «ы артты.»), a link («…instagram.» | «com/p/…/»), a sentence whose
    text ran to the cell's foot (a browser's cell cut by the page: «…ретке» | rule |
    «келтірілді.») — when that line keeps the pitch of the lines above it across the rule:
    those lines ran over from above and go back, up to the end of their sentence."""
    for r in range(1, len(grid)):
        for c, entry in enumerate(grid[r]):
            if entry is None or not entry[1]:
                continue
            above = _above(grid, r, c)
            if above is None or not above[1]:
                continue
            lines, last = entry[1], above[1][-1]
            tops = [line.top for line in above[1]]
            own = [line.top for line in lines]  # a cell cut by the page may show one line above
            pitch = float(np.median(np.diff(tops if len(tops) > 1 else own))) if max(len(tops), len(own)) > 1 else None
            # An overflowing line keeps the pitch of the lines above it, across the rule; a cell's
            # own first line sits its padding below the rule.
            if pitch is None or abs(lines[0].top - tops[-1] - pitch) > PITCH_SLACK:
                continue
            # (all of the line a link's path: «com/p/…/», not a number that fits the pattern)
            link_rest = link_goes_on(last.text, lines[0].text) and " " not in lines[0].text.strip() \
                and "/" in lines[0].text
            if not link_rest and not regex.search(r"\p{L}$", last.text):
                continue
            cut = cut_words([last, lines[0]], float(above[0][2]) - _padding(above[0], above[1]), vocab)[1]
            # No word cut: only a text that ran to its cell's foot, whose overflow the cell's own
            # first line crowds, closer than a line pitch — two texts painted one over the other.
            unfinished = float(above[0][3]) - last.bottom <= pitch
            if not cut and not ((link_rest or unfinished) and _crowded(lines, pitch)):
                continue
            end = 0 if link_rest else next((i for i in range(min(OVERFLOW_LINES, len(lines)))
                                            if _SENTENCE_END.search(lines[i].text)), None)
            if end is None or end == len(lines) - 1:
                continue  # the whole cell: a cell of its own that happens to go on the text above
            if not cut and lines[end + 1].top - lines[end].top >= pitch - PITCH_SLACK:
                continue  # the cell's own lines go on at its pitch: nothing ran into it
            above[1].extend(lines[: end + 1])
            del lines[: end + 1]


def _crowded(lines: list[Line], pitch: float) -> bool:
    """Do two of the first lines stand closer than a line pitch (a text painted over another)?"""
    return any(b.top - a.top < pitch - PITCH_SLACK for a, b in itertools.pairwise(lines[: OVERFLOW_LINES + 1]))


def _return_spill_below(tables: list[tuple[Any, Grid]], loose: list[Line]) -> list[Line]:
    """A row too tall for the page and not allowed to break is clipped at the page's foot
    (LibreOffice), its cells' next lines painted under the table's last rule. Lines under the
    page's lowest table whose words each keep inside one of its bottom cells, one line pitch
    under that cell's text, go back to those cells; words that are no such cell's (a page
    number on the same line) stay outside. A paragraph's line runs across the cells' sides.
    Returns the lines left outside."""
    if not tables or not loose:
        return loose
    found, grid = max(tables, key=lambda table: float(table[0].bbox[3]))
    bottom = float(found.bbox[3])
    cells = [entry for entry in grid[-1] if entry is not None and len(entry[1]) > 1]
    kept: list[Line] = []
    for line in sorted(loose, key=lambda line: line.top):
        if (line.top + line.bottom) / 2 < bottom or not cells:  # (a clipped line straddles the rule)
            kept.append(line)
            continue
        homes = [next((entry for entry in cells if float(entry[0][0]) <= float(word["x0"])
                       and float(word["x1"]) <= float(entry[0][2])), None) for word in line.words]
        if any(home is None and float(found.bbox[0]) < float(word["x1"]) and float(word["x0"]) < float(found.bbox[2])
               and not _PAGE_NUMBER.fullmatch(str(word["text"])) for word, home in zip(line.words, homes, strict=True)):
            kept.append(line)  # a word across two cells: a line of a paragraph under the table
            continue
        going: dict[int, list[dict[str, Any]]] = {}
        rest = []
        for word, home in zip(line.words, homes, strict=True):
            lines = home[1] if home is not None else []
            pitch = float(np.median(np.diff([other.top for other in lines]))) if len(lines) > 1 else None
            if (home is not None and pitch is not None
                    and abs(float(word["top"]) - lines[-1].top - pitch) <= PITCH_SLACK
                    and float(home[0][3]) - lines[-1].bottom <= pitch  # the cell's text ran to its foot
                    and not _PAGE_NUMBER.fullmatch(str(word["text"]))):  # a page number, a page count
                going.setdefault(id(home), []).append(word)
            else:
                rest.append(word)
        for entry in cells:
            if id(entry) in going:
                entry[1].append(Line(words=going[id(entry)]))
        kept.extend(group_lines(rest))
    return kept


def _cell(bbox: Any, lines: list[Line], page: int, pitch: float | None, vocab: Vocabulary) -> Cell:
    x0, top, x1, bottom = (float(v) for v in bbox)
    pad = _padding(bbox, lines)
    right = x1 - pad
    items = to_items(split_paragraphs(lines, right, pitch, x0 + pad), page, right, vocab)
    line_items = [TextItem(line.text, page, line.bbox, confidence=line.confidence, continues_word=cut)
                  for line, cut in zip(lines, cut_words(lines, right, vocab), strict=True)]
    return Cell(items=items, page=page, bbox=(x0, top, x1, bottom), lines=line_items)


def _page_blocks(layout: _PageLayout, pitch: float | None, vocab: Vocabulary,
                 text_right: dict[int, float] | None = None) -> list[tuple[float, Block]]:
    placed: list[tuple[float, Block]] = []
    for found, grid in layout.tables:
        _return_overflow(grid, vocab)
        rows = [
            [None if c is None else _cell(c[0], c[1], layout.number, pitch, vocab) for c in row]
            for row in grid
        ]
        table = Table(rows=rows, page=layout.number, page_break_before=[False] * len(rows))
        placed.append((float(found.bbox[1]), table))
    if layout.loose_lines:
        # The text column's right edge: the furthest any line reaches on pages as wide as this
        # one (a short last page alone would make its longest line look full).
        right = max(max(line.x1 for line in layout.loose_lines), (text_right or {}).get(layout.width, 0.0))
        for para in split_paragraphs(layout.loose_lines, right, pitch):
            item = to_items([para], layout.number, right, vocab)[0]
            last, first_word = para[-1], para[0].words[0]
            room = None if regex.search(r"[.!?:;»]$", last.text) else right - last.x1
            width = float(first_word["x1"]) - float(first_word["x0"])
            placed.append((para[0].top, Paragraph(item, room_at_end=room, first_word_width=width)))
    placed.sort(key=lambda pair: pair[0])
    return placed


# Text this short between two parts of a table on different pages is a scrap, not content.
SCRAP_CHARS = 12


def _is_scrap(block: Block) -> bool:
    return isinstance(block, Paragraph) and len(block.text.strip()) <= SCRAP_CHARS


def _stitch_tables(blocks: list[Block], vocab: Vocabulary) -> list[Block]:
    """Join a table that runs off the bottom of a page to its continuation on the next."""
    out: list[Block] = []
    for block in blocks:
        # A scrap between the parts (a cell's last letters run out past the table's foot) is
        # passed over; it is too short to say anything.
        scraps = 0
        while scraps < len(out) and _is_scrap(out[-1 - scraps]):
            scraps += 1
        prev = out[-1 - scraps] if scraps < len(out) else None
        if (
            isinstance(block, Table)
            and isinstance(prev, Table)
            and block.page is not None
            and prev.page is not None
            and block.page > prev.page
            and same_columns(prev, block)
        ):
            del out[len(out) - scraps:]
            stitch(prev, block, vocab)
            continue
        out.append(block)
    return out


def _join_paragraphs_over_pages(blocks: list[Block]) -> list[Block]:
    """A paragraph that ends a page without closing punctuation, on a line with no room for
    the next page's first word, goes on in the first paragraph of that page."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            isinstance(block, Paragraph) and isinstance(prev, Paragraph) and prev.room_at_end is not None
            and prev.page is not None and block.page is not None and block.page == prev.page + 1
            and prev.room_at_end < block.first_word_width + 4.0
            and not regex.match(r"https?://|www\.", block.text)  # a link never fits: no evidence
        ):
            prev.item.text = join_fragments(prev.item.text, block.text)
            prev.room_at_end = block.room_at_end
            continue
        out.append(block)
    return out


# A page number as word processors print one: «3», «- 3 -», «3 / 25», «Бет 3», «Стр. 3 из 25».
_PAGE_NUMBER = regex.compile(
    r"(?i)[-–—\s]*(?:(?:бет|стр\.?|страница|page)\s*)?\d{1,3}(?:\s*(?:/|из|-ден|\bof\b)\s*\d{1,3})?[-–—\s]*(?:бет)?")


def _is_page_furniture(block: Block) -> bool:
    """A page number (see where it may stand in :func:`read_pdf`)."""
    return isinstance(block, Paragraph) and len(block.text) <= 20 and bool(_PAGE_NUMBER.fullmatch(block.text.strip()))


def _scanned_with_text(page: Any) -> bool:
    """A scan that a scanner's software gave an invisible text layer: one image covers the
    page and nothing is drawn — its tables are pixels, which only OCR's rule finding sees."""
    area = float(page.width) * float(page.height)
    pictured = max((float(i["x1"] - i["x0"]) * float(i["bottom"] - i["top"]) for i in page.images), default=0.0)
    return pictured >= 0.8 * area and not page.edges and bool(page.chars)


def read_pdf(path: Path, max_pages: int | None = None, ocr: str = "auto",
             on_ocr: Callable[[int], None] | None = None) -> Document:
    """Read a PDF into the intermediate form; pages without a text layer are read by OCR
    when ``ocr`` allows it (``auto``: when tesseract is installed; ``always``: every page,
    whatever its text layer says; ``never``). ``on_ocr(pages)`` is told how many pages are
    about to be read by OCR (the worker asks for the time that takes)."""
    with pdfplumber.open(str(path)) as pdf:
        total = len(pdf.pages)
        if max_pages is not None and total > max_pages:
            raise TooManyPages(f"{total} pages, over the limit of {max_pages}")
        # Pages with a text layer are laid out as they are read (pdfplumber parses a page
        # once); pages without one wait until it is known whether OCR may read them, and pages
        # with tables ruled only across until every page has shown its part of those tables.
        read: list[_PageLayout | None] = []
        across = AcrossRuledColumns()
        borders = CellBorders()
        sides: dict[int, list[dict[str, Any]]] = {}  # per page, the sides of its cells drawn without them
        waiting: list[int] = []
        remnants: dict[int, set[int]] = {}  # per page, the characters that are a cut line's pieces
        cut: list[list[dict[str, Any]]] = []  # the lines the last page's foot cut through
        for number, page in enumerate(pdf.pages, start=1):
            rescan = ocr == "always" or (ocr == "auto" and _scanned_with_text(page) and ocr_available())
            chars = [] if rescan else list(page.chars)
            layout = None
            if any(str(c["text"]).strip() for c in chars):
                sides[number] = borders.rules(page)
                found = _tables_of(page, sides[number])
                boxes = [tuple(float(v) for v in table.bbox) for table in found]
                remnants[number] = cut_line_remnants(chars, cut)
                if remnants[number]:
                    chars = [c for i, c in enumerate(chars) if i not in remnants[number]]
                cut = lines_across(chars, [box[3] for box in boxes])
                if across.observe(page, boxes, number):
                    waiting.append(number)
                else:
                    layout = _PageLayout(page, number, found, chars=chars)
            else:
                cut = []
            read.append(layout)
            page.close()
        across.settle()
        for number in waiting:
            page = pdf.pages[number - 1]
            found = _tables_of(page, [*sides[number], *across.columns(number)])
            chars = [c for i, c in enumerate(page.chars) if i not in remnants[number]] if remnants[number] \
                else list(page.chars)
            read[number - 1] = _PageLayout(page, number, found, chars=chars)
            page.close()
        scans = [i for i, layout in enumerate(read) if layout is None]
        if scans and (ocr == "never" or not ocr_available()):
            if len(scans) == total:
                reason = "OCR is off" if ocr == "never" else "tesseract with the kaz/rus models is not installed"
                raise NoTextLayer(f"{total} page(s) without a text layer ({reason})")
            scans = []  # a scanned page among text pages (a signed last page): read the rest
        if scans and on_ocr is not None:
            on_ocr(len(scans))
        for index in scans:
            page = pdf.pages[index]
            scan = ocr_page(page)
            read[index] = _PageLayout(page, index + 1, scan.tables, scan.words)
            page.close()
    layouts = [layout for layout in read if layout is not None]
    if total and not any(layout.has_text for layout in layouts):
        raise NoTextLayer(f"{total} page(s) without a text layer")
    pitch = typical_pitch(group for layout in layouts for group in layout.line_groups())
    vocab = EMPTY_VOCABULARY
    for layout in layouts:
        vocab = vocab.merged(layout.vocabulary)
    text_right: dict[int, float] = {}
    for layout in layouts:
        if layout.loose_lines:
            reach = max(line.x1 for line in layout.loose_lines)
            text_right[layout.width] = max(text_right.get(layout.width, 0.0), reach)
    blocks: list[Block] = []
    for layout in layouts:
        page_blocks = [block for _, block in _page_blocks(layout, pitch, vocab, text_right)]
        # A page number stands first or last on its page; the same text elsewhere is content.
        edges = {0, len(page_blocks) - 1}
        blocks.extend(b for i, b in enumerate(page_blocks) if i not in edges or not _is_page_furniture(b))
    blocks = _stitch_tables(_join_paragraphs_over_pages(blocks), vocab)
    for i, block in enumerate(blocks):
        block.index = i
    return Document(blocks=blocks, format="pdf", pages=total, ocr=bool(scans))
