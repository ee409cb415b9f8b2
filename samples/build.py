"""Render the report content in ``samples/content/`` as real DOCX files, then PDFs.

The documents are shaped like appendix 7 of the grant agreement: agreement line, title,
six header fields, the section-1 narrative, the ten-column task table with a two-row
header, the socio-economic table, the three statistics tables, partners, page count and
signature block. Several *layouts* render the same content differently so that the
parser is tested on more than one arrangement:

* ``stacked``  — landscape task table, indicators stacked as paragraphs in one cell,
  header as numbered paragraphs, header rows repeated on every page (DejaVu Sans).
* ``rows``     — portrait pages, one indicator per table row with the task and activity
  cells merged down, header fields in a two-column table (Liberation Serif).
* ``shuffled`` — landscape, stacked indicators, a smaller font, the statistics before
  the socio-economic table and the header fields as label/value paragraphs without
  numbers (Liberation Sans Narrow); kept as the check that nothing is keyed to one order.

A *scanned* rendering (``report_kk_stacked_scan.pdf``) rasterises a PDF at 200 dpi into an
image-only PDF, as a scanner would: no text layer, so it is read by OCR.

Run ``python samples/build.py`` (LibreOffice's ``soffice`` makes the PDFs; without it
only the DOCX files are rebuilt).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell

HERE = Path(__file__).resolve().parent
CONTENT = HERE / "content"


TASK_COLUMN_ORDER = ("task", "activity", "dates", "place", "participants", "short_term", "indicator", "plan", "fact",
                     "long_term")


@dataclass(frozen=True)
class Layout:
    """How one sample arranges the same content."""

    name: str
    font: str
    font_size: float
    landscape_tasks: bool
    stacked_indicators: bool
    header_as_table: bool
    numbered_header: bool = True
    stats_before_socio: bool = False
    repeat_table_header: bool = True
    margins_cm: float = 1.5
    task_columns: tuple[str, ...] = TASK_COLUMN_ORDER
    line_breaks: bool = False  # stacked indicators separated by Shift+Enter, not paragraphs
    centred_indicators: bool = False  # indicator names and values centred in their cells
    space_after_pt: float = 2.0


LAYOUTS = {
    "stacked": Layout("stacked", "DejaVu Sans", 9, landscape_tasks=True, stacked_indicators=True,
                      header_as_table=False),
    "rows": Layout("rows", "Liberation Serif", 10, landscape_tasks=False, stacked_indicators=False,
                   header_as_table=True, repeat_table_header=False),
    "shuffled": Layout("shuffled", "Liberation Sans Narrow", 8.5, landscape_tasks=True,
                       stacked_indicators=True, header_as_table=False, numbered_header=False,
                       stats_before_socio=True),
    # A «№» column first, place before date, one indicator per row, statistics first.
    "numbered": Layout("numbered", "Liberation Sans", 9, landscape_tasks=True, stacked_indicators=False,
                       header_as_table=False, stats_before_socio=True,
                       task_columns=("number", "task", "activity", "place", "dates", "participants", "short_term",
                                     "indicator", "plan", "fact", "long_term")),
    # Not committed: built by the tests. Stacked indicators typed with manual line breaks.
    "breaks": Layout("breaks", "Liberation Serif", 10, landscape_tasks=True, stacked_indicators=True,
                     header_as_table=True, line_breaks=True, margins_cm=2.0),
    # Not committed: built by the tests. Centred indicator cells and 6 pt paragraph spacing
    # (LibreOffice then clips repeated header rows, whose last letters spill into a data row).
    "centred": Layout("centred", "DejaVu Sans", 9, landscape_tasks=True, stacked_indicators=True,
                      header_as_table=False, centred_indicators=True, space_after_pt=6.0),
    # Not committed: the tests build it afresh as a layout the parser was never tuned on.
    "holdout": Layout("holdout", "DejaVu Serif", 10.5, landscape_tasks=True, stacked_indicators=False,
                      header_as_table=True, repeat_table_header=False, stats_before_socio=True,
                      margins_cm=2.5),
}
# Scanned renderings: PDFs rasterised as a scanner would, committed as ``<stem>_scan.pdf``.
SCANNED = ("report_kk_stacked",)
SCAN_DPI = 200

# (content, layout) pairs whose files are committed under samples/.
COMMITTED = (
    ("kk", "stacked"), ("kk", "rows"), ("kk", "shuffled"), ("kk", "numbered"),
    ("ru", "stacked"), ("ru", "rows"),
    ("kktyped", "shuffled"), ("kktyped", "stacked"),
)


# --------------------------------------------------------------------------- helpers


def _set_cell_text(cell: _Cell, text: str | list[str], bold: bool = False, breaks: bool = False) -> None:
    """Write one paragraph per item into a cell (the first reuses the empty paragraph), or
    with ``breaks`` one paragraph whose items are separated by manual line breaks."""
    items = [text] if isinstance(text, str) else text
    first = cell.paragraphs[0]
    for i, item in enumerate(items or [""]):
        para = first if i == 0 or breaks else cell.add_paragraph()
        run = para.add_run(item)
        run.bold = bold
        if breaks and i < len(items) - 1:
            run.add_break(WD_BREAK.LINE)


def _borders(table: Table) -> None:
    """Give every cell a single black border, as the real form has."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    tbl_pr.append(borders)


def _repeat_header(table: Table, rows: int) -> None:
    for row in table.rows[:rows]:
        tr_pr = row._tr.get_or_add_trPr()
        el = OxmlElement("w:tblHeader")
        el.set(qn("w:val"), "true")
        tr_pr.append(el)


def _widths(table: Table, widths_cm: list[float]) -> None:
    """Set column widths on the grid (LibreOffice reads it) and on every cell (Word does)."""
    table.autofit = False
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths_cm, strict=False):
        grid_col.w = Cm(width)
    for row in table.rows:
        for idx, width in enumerate(widths_cm):
            if idx < len(row.cells):
                row.cells[idx].width = Cm(width)


def _new_section(doc: Any, landscape: bool, margins_cm: float) -> None:
    section = doc.add_section()
    _orient(section, landscape, margins_cm)


def _orient(section: Any, landscape: bool, margins_cm: float = 1.5) -> None:
    width, height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = height, width
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = width, height
    section.left_margin = section.right_margin = Cm(margins_cm)
    section.top_margin = section.bottom_margin = Cm(margins_cm)


def _usable_width_cm(landscape: bool, margins_cm: float) -> float:
    return (29.7 if landscape else 21.0) - 2 * margins_cm


def _scale(widths: list[float], total: float) -> list[float]:
    factor = total / sum(widths)
    return [w * factor for w in widths]


# --------------------------------------------------------------------------- sections


def _header(doc: Any, c: dict[str, Any], layout: Layout) -> None:
    for line in c["agreement_line"]:
        para = doc.add_paragraph(line)
        para.alignment = 2  # right, as printed in the form
    title = doc.add_paragraph()
    title.alignment = 1
    title.add_run(c["title"]).bold = True
    if layout.header_as_table:
        table = doc.add_table(rows=len(c["header"]), cols=2)
        _borders(table)
        for i, (label, value) in enumerate(c["header"]):
            _set_cell_text(table.rows[i].cells[0], f"{i + 1}. {label}")
            _set_cell_text(table.rows[i].cells[1], value)
        _widths(table, [8.0, 10.0])
        return
    for i, (label, value) in enumerate(c["header"]):
        if layout.numbered_header:
            doc.add_paragraph(f"{i + 1}. {label}: {value}")
        else:
            doc.add_paragraph().add_run(f"{label}:").bold = True
            doc.add_paragraph(value)


def _narrative(doc: Any, c: dict[str, Any]) -> None:
    doc.add_paragraph().add_run(c["section1_heading"]).bold = True
    doc.add_paragraph(c["section1_intro"])
    for line in c["narrative"]:
        doc.add_paragraph(line)
    doc.add_paragraph(c["table_intro"])
    table = doc.add_table(rows=2, cols=2)
    _borders(table)
    for i, (label, value) in enumerate((c["goal"], c["achieved"])):
        _set_cell_text(table.rows[i].cells[0], label, bold=True)
        _set_cell_text(table.rows[i].cells[1], value)


_WIDTHS = {"number": 0.9, "task": 3.0, "activity": 3.4, "dates": 1.8, "place": 2.2, "participants": 1.6,
           "short_term": 4.6, "indicator": 3.6, "plan": 2.2, "fact": 2.2, "long_term": 2.1}


def _task_table(doc: Any, c: dict[str, Any], layout: Layout) -> None:
    """The task table: «Индикаторлар» spans «жоспар» and «факт» in a two-row header; the task
    cell is merged down over its activities, each activity's cells over its indicator rows."""
    order = list(layout.task_columns)
    col = {key: i for i, key in enumerate(order)}
    labels = dict(zip(("task", "activity", "dates", "place", "participants", "short_term", "indicator"),
                      c["task_columns"][:7], strict=True))
    labels["long_term"] = c["task_columns"][8]
    labels["number"] = "№"
    table = doc.add_table(rows=2, cols=len(order))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borders(table)
    top, sub = table.rows[0].cells, table.rows[1].cells
    for key in order:
        if key in ("plan", "fact"):
            continue
        _set_cell_text(top[col[key]], labels[key], bold=True)
        top[col[key]].merge(sub[col[key]])
    _set_cell_text(top[col["plan"]], c["task_columns"][7], bold=True)
    top[col["plan"]].merge(top[col["fact"]])
    _set_cell_text(sub[col["plan"]], c["plan_fact"][0], bold=True)
    _set_cell_text(sub[col["fact"]], c["plan_fact"][1], bold=True)
    if layout.repeat_table_header:
        _repeat_header(table, 2)

    for t, task in enumerate(c["tasks"], start=1):
        task_first = len(table.rows)
        for a, act in enumerate(task["activities"], start=1):
            inds = act["indicators"]
            groups = [inds] if layout.stacked_indicators else [[i] for i in inds]
            act_first = len(table.rows)
            for group in groups:
                cells = table.add_row().cells
                breaks = layout.line_breaks
                _set_cell_text(cells[col["indicator"]], [i["name"] for i in group], breaks=breaks)
                _set_cell_text(cells[col["plan"]], [i["plan"] for i in group], breaks=breaks)
                _set_cell_text(cells[col["fact"]], [i["fact"] for i in group], breaks=breaks)
                if layout.centred_indicators:
                    for key in ("indicator", "plan", "fact"):
                        for para in cells[col[key]].paragraphs:
                            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            first = table.rows[act_first].cells
            values = {"activity": act["title"], "dates": act["dates"], "place": act["place"],
                      "participants": act["participants"], "short_term": act["short_term"], "number": f"{t}.{a}"}
            for key, value in values.items():
                if key in col:
                    _set_cell_text(first[col[key]], value)
            last = len(table.rows) - 1
            if last > act_first:
                for key in values:
                    if key in col:
                        table.cell(act_first, col[key]).merge(table.cell(last, col[key]))
        _set_cell_text(table.rows[task_first].cells[col["task"]], task["title"])
        _set_cell_text(table.rows[task_first].cells[col["long_term"]], task["long_term"])
        last = len(table.rows) - 1
        if last > task_first:
            table.cell(task_first, col["task"]).merge(table.cell(last, col["task"]))
            table.cell(task_first, col["long_term"]).merge(table.cell(last, col["long_term"]))
    widths = [_WIDTHS[key] for key in order]
    _widths(table, _scale(widths, _usable_width_cm(layout.landscape_tasks, layout.margins_cm)))
    doc.add_paragraph(c["deviation_label"])
    doc.add_paragraph(c["deviation"])


def _simple_table(doc: Any, columns: list[str], rows: list[list[str]], widths: list[float]) -> None:
    table = doc.add_table(rows=1 + len(rows), cols=len(columns))
    _borders(table)
    for idx, label in enumerate(columns):
        _set_cell_text(table.rows[0].cells[idx], label, bold=True)
    for r, row in enumerate(rows, start=1):
        for idx, value in enumerate(row):
            _set_cell_text(table.rows[r].cells[idx], value)
    _widths(table, widths)


def _socio(doc: Any, c: dict[str, Any]) -> None:
    doc.add_paragraph().add_run(c["socio_heading"]).bold = True
    rows = [[f"{i}.", *row] for i, row in enumerate(c["socio_rows"], start=1)]
    _simple_table(doc, c["socio_columns"], rows, [1.0, 6.5, 2.5, 4.0, 4.0])


def _statistics(doc: Any, c: dict[str, Any]) -> None:
    doc.add_paragraph(c["section4_heading"])
    doc.add_paragraph(c["gender_heading"])
    _simple_table(doc, c["gender_columns"], [c["gender_values"]], [8.0, 5.0, 5.0])
    doc.add_paragraph(c["category_heading"])
    _simple_table(doc, c["category_columns"], [c["category_values"]], [1.64] * 11)
    if c.get("age_values") is not None:  # a mutation may drop the table
        doc.add_paragraph(c["age_heading"])
        _simple_table(doc, c["age_columns"], [c["age_values"]], [2.25] * 8)


def _closing(doc: Any, c: dict[str, Any]) -> None:
    for line in c["section5"] + c["section6"]:
        doc.add_paragraph(line)
    doc.add_paragraph().add_run(c["partners_heading"]).bold = True
    doc.add_paragraph(c["partners_note"])
    _simple_table(doc, c["partners_columns"], c["partners"], [6.0, 4.0, 5.0, 3.0])
    doc.add_paragraph(f'{c["page_count_label"]} {c["page_count"]}')
    doc.add_paragraph(c["grantee_label"])
    doc.add_paragraph(c["signatory_label"])
    doc.add_paragraph(f'{c["signatory_position"]}\t\t{c["signatory_name"]}')
    fill = c["fill_date"] or "_____"
    doc.add_paragraph(f'{c["fill_date_label"]} {fill}')
    doc.add_paragraph(c["seal"])


def render_docx(content: dict[str, Any], layout: Layout, path: Path) -> None:
    """Write one DOCX rendering of ``content`` in ``layout``."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = layout.font
    style.font.size = Pt(layout.font_size)
    style.paragraph_format.space_after = Pt(layout.space_after_pt)
    r_fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    r_fonts.set(qn("w:cs"), layout.font)
    r_fonts.set(qn("w:eastAsia"), layout.font)
    _orient(doc.sections[0], landscape=False, margins_cm=layout.margins_cm)

    _header(doc, content, layout)
    _narrative(doc, content)
    _new_section(doc, layout.landscape_tasks, layout.margins_cm)
    _task_table(doc, content, layout)
    _new_section(doc, landscape=False, margins_cm=layout.margins_cm)
    if layout.stats_before_socio:
        _statistics(doc, content)
        for line in content["section2"] + content["section3"]:
            doc.add_paragraph(line)
        _socio(doc, content)
    else:
        _socio(doc, content)
        for line in content["section2"] + content["section3"]:
            doc.add_paragraph(line)
        _statistics(doc, content)
    _closing(doc, content)
    doc.save(str(path))
    if content.get("docx_page_metadata"):
        _write_page_metadata(path, int(content["docx_page_metadata"]))


def _write_page_metadata(path: Path, pages: int) -> None:
    """Record a page count in docProps/app.xml, as Word does when it saves a file."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    app = members["docProps/app.xml"].decode("utf-8")
    app = app.replace("<Pages>1</Pages>", f"<Pages>{pages}</Pages>").replace("<Words>0</Words>", "<Words>5000</Words>")
    members["docProps/app.xml"] = app.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def docx_to_pdf(docx_path: Path, out_dir: Path) -> Path:
    """Convert one DOCX with LibreOffice."""
    return docx_to_pdfs([docx_path], out_dir)[0]


def docx_to_pdfs(docx_paths: list[Path], out_dir: Path) -> list[Path]:
    """Convert DOCX files in one LibreOffice run (its start-up dominates), in a private
    profile so parallel runs do not collide."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, docx_paths)],
            check=True, capture_output=True, timeout=600,
        )
    return [out_dir / (p.stem + ".pdf") for p in docx_paths]


_KEYBOARD = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")
_LATIN_LOOKALIKES = str.maketrans("аеорсхАЕОРСХ", "aeopcxAEOPCX")
_LABEL_KEYS = ("title", "section1_heading", "table_intro", "deviation_label", "socio_heading", "gender_heading",
               "category_heading", "age_heading", "partners_heading", "page_count_label", "fill_date_label",
               "grantee_label", "signatory_label")


def _map_strings(value: Any, fn: Any) -> Any:
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, list):
        return [_map_strings(v, fn) for v in value]
    if isinstance(value, dict):
        return {k: _map_strings(v, fn) for k, v in value.items()}
    return value


def _latin_in_every_other_word(text: str) -> str:
    """Latin look-alikes typed inside Cyrillic words («Гендерлiк» with a Latin i, «кoрсеткиш»)."""
    words = text.split(" ")
    return " ".join(w.translate(_LATIN_LOOKALIKES) if i % 2 else w for i, w in enumerate(words))


def _noisy_number(text: str) -> str:
    """Digit groups separated by no-break and thin spaces, as Word's auto-format leaves them."""
    return re.sub(r"(?<=\d) (?=\d{3}\b)", lambda m: "\u00a0" if m.start() % 2 else "\u202f", text)


def keyboard_typed(content: dict[str, Any]) -> dict[str, Any]:
    """The same report typed on a Russian keyboard: every Kazakh letter as its stand-in, Latin
    look-alikes inside the headings' words, odd spaces in numbers, soft hyphens in long words."""
    typed: dict[str, Any] = _map_strings(content, lambda s: _noisy_number(s.translate(_KEYBOARD)))
    for key in _LABEL_KEYS:
        typed[key] = _latin_in_every_other_word(typed[key])
    typed["header"] = [[_latin_in_every_other_word(label), value] for label, value in typed["header"]]
    typed["task_columns"] = [_latin_in_every_other_word(c) for c in typed["task_columns"]]
    typed["narrative"] = [re.sub(r"(\w{6})(\w{5,})", "\\1\u00ad\\2", p) for p in typed["narrative"]]
    return typed


def load_content(name: str = "kk") -> dict[str, Any]:
    """The structured content of one rendering: «kk» (the seed report), «ru» (translated,
    names kept) or «kktyped» (the Kazakh report typed on a Russian keyboard)."""
    if name == "kktyped":
        return keyboard_typed(load_content("kk"))
    data: dict[str, Any] = json.loads((CONTENT / f"report_{name}.json").read_text(encoding="utf-8"))
    return data


def build(out_dir: Path, layouts: list[str], pdf: bool = True, content_name: str = "kk") -> list[Path]:
    """Build every requested layout of one content into ``out_dir``; returns the files written."""
    return build_pairs(out_dir, [(content_name, layout) for layout in layouts], pdf=pdf)


def build_pairs(out_dir: Path, pairs: list[tuple[str, str]], pdf: bool = True) -> list[Path]:
    """Render (content, layout) pairs as DOCX, then all PDFs in one LibreOffice run."""
    out_dir.mkdir(parents=True, exist_ok=True)
    docx_paths = []
    for content_name, layout in pairs:
        path = out_dir / f"report_{content_name}_{layout}.docx"
        render_docx(load_content(content_name), LAYOUTS[layout], path)
        docx_paths.append(path)
    written: list[Path] = list(docx_paths)
    if pdf:
        written += docx_to_pdfs(docx_paths, out_dir)
    return written


def _stamp(image: Any, dpi: int) -> Any:
    """A round blue seal with text, pressed over the lower half of the page, as on a signed
    page: ink of another colour lying over the text and the table."""
    from PIL import ImageDraw

    image = image.convert("RGB")
    draw = ImageDraw.Draw(image)
    radius = int(0.8 * dpi)
    cx, cy = image.width // 3, int(image.height * 0.62)
    ink = (40, 60, 190)
    for width in range(0, 10, 3):
        draw.ellipse((cx - radius + width, cy - radius + width, cx + radius - width, cy + radius - width),
                     outline=ink, width=2)
    draw.ellipse((cx - radius // 2, cy - radius // 2, cx + radius // 2, cy + radius // 2), outline=ink, width=3)
    draw.text((cx - radius // 2, cy - 10), "«РУХТАН» ҚОҒАМДЫҚ ҚОРЫ", fill=ink)
    draw.line((cx - radius, cy + radius // 3, cx + 2 * radius, cy - radius // 4), fill=ink, width=4)  # a signature
    return image


def scan_pdf(pdf_path: Path, out_path: Path, dpi: int = SCAN_DPI, skew_degrees: float = 0.0,
             noise: float = 0.0, seed: int = 0, sealed_pages: frozenset[int] = frozenset()) -> Path:
    """An image-only PDF of ``pdf_path``, as a scanner makes one: every page rasterised at
    ``dpi`` in grey, no text layer; optionally turned a little, speckled with noise, and with
    a blue seal and signature on the given pages (0-based; those pages are in colour)."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    rng = np.random.default_rng(seed)
    pages = []
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        for index in range(len(document)):
            image = document[index].render(scale=dpi / 72).to_pil()
            image = _stamp(image, dpi) if index in sealed_pages else image.convert("L")
            if skew_degrees:
                image = image.rotate(skew_degrees, resample=Image.Resampling.BICUBIC,
                                     fillcolor=255 if image.mode == "L" else (255, 255, 255))
            if noise:
                pixels = np.asarray(image, dtype=np.float64) + rng.normal(0, noise, np.asarray(image).shape)
                image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
            pages.append(image)
    finally:
        document.close()
    pages[0].save(out_path, save_all=True, append_images=pages[1:], resolution=float(dpi), quality=60)
    return out_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE)
    parser.add_argument("--layout", action="append", choices=sorted(LAYOUTS))
    parser.add_argument("--content", default=None, choices=["kk", "ru", "kktyped"])
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args(argv)
    if args.layout or args.content:
        pairs = [(args.content or "kk", layout) for layout in args.layout or ["stacked"]]
    else:
        pairs = list(COMMITTED)
    for path in build_pairs(args.out, pairs, pdf=not args.no_pdf):
        print(path)
    if not args.no_pdf and not (args.layout or args.content):
        for stem in SCANNED:
            print(scan_pdf(args.out / f"{stem}.pdf", args.out / f"{stem}_scan.pdf"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
