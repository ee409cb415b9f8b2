"""One report content, one layout → a real DOCX written with python-docx.

The document is shaped like appendix 7 of the grant agreement: agreement line, title, six
header fields, the section-1 narrative, the goal table, the task table («Индикаторлар»
spanning plan and fact in a two-row header), the socio-economic table, the three statistics
tables, partners, page count and signature block. Every way it can be laid out is a field of
:class:`samples.layouts.Layout`.
"""

from __future__ import annotations

import random
import zipfile
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

from samples.content import Content, resolve
from samples.layouts import Layout

# Column widths of the task table in cm, before scaling to the page (the form's proportions).
_WIDTHS = {"number": 0.9, "task": 3.0, "activity": 3.4, "dates": 1.8, "place": 2.2, "participants": 1.6,
           "short_term": 4.6, "indicator": 3.6, "plan": 2.2, "fact": 2.2, "long_term": 2.1}
_ACTIVITY_KEYS = ("activity", "dates", "place", "participants", "short_term", "number")


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


def _borders(table: Table, value: str = "single", rules: str = "grid") -> None:
    """Give every cell a single black border, as the real form has (``nil``: none at all;
    ``rules="horizontal"``: only the rules across — a common Word table style)."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        drawn = value if rules == "grid" or edge in ("top", "bottom", "insideH") else "nil"
        el.set(qn("w:val"), drawn)
        if drawn != "nil":
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    tbl_pr.append(borders)


def _cell_padding(table: Table, points: float | None) -> None:
    if points is None:
        return
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(round(points * 20)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    table._tbl.tblPr.append(margins)


def _row_property(table: Table, rows: range, name: str) -> None:
    for index in rows:
        tr_pr = table.rows[index]._tr.get_or_add_trPr()
        el = OxmlElement(f"w:{name}")
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


def _orient(section: Any, landscape: bool, margins_cm: float) -> None:
    width, height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = height, width
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = width, height
    section.left_margin = section.right_margin = Cm(margins_cm)
    section.top_margin = section.bottom_margin = Cm(margins_cm)
    # The header and footer sit inside the margin (LibreOffice drops a section's page size
    # when they reach past it, python-docx's template puts them at 1.27 cm).
    section.header_distance = section.footer_distance = Cm(min(1.25, margins_cm / 2))


def _usable_width_cm(landscape: bool, margins_cm: float) -> float:
    return (29.7 if landscape else 21.0) - 2 * margins_cm


def _scale(widths: list[float], total: float, jitter: float, rng: random.Random) -> list[float]:
    """Widths scaled to the page, each first moved by up to ± ``jitter`` of itself (authors
    drag column borders)."""
    moved = [w * (1 + rng.uniform(-jitter, jitter)) for w in widths] if jitter else widths
    factor = total / sum(moved)
    return [w * factor for w in moved]


class _Writer:
    """The document being written and the layout it follows."""

    def __init__(self, sheet: Content, layout: Layout) -> None:
        self.c = sheet
        self.layout = layout
        self.rng = random.Random(layout.seed)
        self.doc: Any = Document()  # python-docx is untyped
        style = self.doc.styles["Normal"]
        style.font.name = layout.font
        style.font.size = Pt(layout.font_size)
        style.paragraph_format.space_after = Pt(layout.space_after_pt)
        if layout.line_spacing is not None:
            style.paragraph_format.line_spacing = layout.line_spacing
        r_fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        r_fonts.set(qn("w:cs"), layout.font)
        r_fonts.set(qn("w:eastAsia"), layout.font)
        _orient(self.doc.sections[0], landscape=False, margins_cm=layout.margins_cm)
        self._page_numbers(self.doc.sections[0])

    # -- small pieces

    def para(self, text: str = "", bold: bool = False, align: Any = None) -> Any:
        paragraph = self.doc.add_paragraph()
        if text:
            paragraph.add_run(text).bold = bold
        if align is not None:
            paragraph.alignment = align
        return paragraph

    def label(self, text: str) -> str:
        text = text.rstrip().rstrip(":")
        return f"{text}:" if self.layout.label_colons else text

    def gap(self) -> None:
        """Empty paragraphs some authors type between a heading and its table."""
        if self.layout.blank_between_tables:
            self.para()

    def table(self, rows: int, cols: int) -> Table:
        table: Table = self.doc.add_table(rows=rows, cols=cols)
        _borders(table, rules=self.layout.rules)
        _cell_padding(table, self.layout.cell_padding_pt)
        return table

    def new_section(self, landscape: bool) -> None:
        section = self.doc.add_section()
        _orient(section, landscape, self.layout.margins_cm)
        self._page_numbers(section)

    def _page_numbers(self, section: Any) -> None:
        """A PAGE field in the footer: «3» or «- 3 -»."""
        style = self.layout.page_numbers
        if not style:
            return
        section.footer.is_linked_to_previous = False
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if style == "dashes":
            paragraph.add_run("- ")
        run = paragraph.add_run()
        for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            elif text == "PAGE":
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = " PAGE "
            else:
                el = OxmlElement("w:t")
                el.text = text
            run._r.append(el)
        if style == "dashes":
            paragraph.add_run(" -")

    # -- the form's parts

    def header(self) -> None:
        c, layout = self.c, self.layout
        for line in c["agreement_line"]:
            self.para(line, align=2)  # right, as printed in the form
        self.para(c["title"], bold=True, align=1)
        fields = c["header"]
        if layout.header in ("table", "table_numbered"):
            numbered = layout.header == "table_numbered"
            table = self.table(len(fields), 3 if numbered else 2)
            for i, (label, value) in enumerate(fields):
                cells = table.rows[i].cells
                if numbered:
                    _set_cell_text(cells[0], f"{i + 1}.")
                    _set_cell_text(cells[1], self.label(label), bold=layout.bold_labels)
                else:
                    _set_cell_text(cells[0], f"{i + 1}. {self.label(label)}", bold=layout.bold_labels)
                _set_cell_text(cells[-1], value)
            _widths(table, [1.0, 7.0, 10.0] if numbered else [8.0, 10.0])
            return
        for i, (label, value) in enumerate(fields):
            if layout.header == "lines":
                self.para(self.label(label), bold=layout.bold_labels)
                self.para(value)
                continue
            number = f"{i + 1}. " if layout.header == "numbered" else ""
            paragraph = self.para()
            paragraph.add_run(f"{number}{self.label(label)}").bold = layout.bold_labels
            paragraph.add_run(f" {value}")

    def narrative(self) -> None:
        c = self.c
        self.para(c["section1_heading"], bold=True)
        self.para(c["section1_intro"])
        for line in c["narrative"]:
            self.para(line)
        if self.layout.goal == "separate":
            self.para(c["table_intro"])
            self.gap()
            self.goal_table()

    def goal_table(self) -> None:
        table = self.table(2, 2)
        for i, (label, value) in enumerate((self.c["goal"], self.c["achieved"])):
            _set_cell_text(table.rows[i].cells[0], self.label(label), bold=True)
            _set_cell_text(table.rows[i].cells[1], value)
        _widths(table, [5.0, 13.0])

    def task_section(self) -> None:
        """The task table on its own page (landscape or not), the goal table before it when it
        touches it, the deviation line after it."""
        c, layout = self.c, self.layout
        self.new_section(layout.landscape_tasks)
        if layout.goal != "separate":
            self.para(c["table_intro"])
            self.gap()
        else:
            # LibreOffice loses a section's page size when a table opens the section (the
            # size rides on the table's own break): a paragraph opens it, as in Word files.
            self.para()
        if layout.goal == "touching":
            self.goal_table()
        self.task_table()
        self.para(self.label(c["deviation_label"]))
        self.para(c["deviation"])

    def task_table(self) -> None:
        c, layout = self.c, self.layout
        order = list(layout.task_columns)
        col = {key: i for i, key in enumerate(order)}
        labels = c["task_labels"]
        table = self.table(2, len(order))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        lead = 0
        if layout.goal == "merged":
            lead = self._goal_rows(table, len(order))
        top, sub = table.rows[lead].cells, table.rows[lead + 1].cells
        for key in order:
            if key in ("plan", "fact"):
                continue
            _set_cell_text(top[col[key]], labels[key], bold=True)
            top[col[key]].merge(sub[col[key]])
        _set_cell_text(top[col["plan"]], labels["indicators_group"], bold=True)
        top[col["plan"]].merge(top[col["fact"]])
        _set_cell_text(sub[col["plan"]], c["plan_fact"][0], bold=True)
        _set_cell_text(sub[col["fact"]], c["plan_fact"][1], bold=True)
        if layout.repeat_table_header and lead == 0:  # header rows must open the table to repeat
            _row_property(table, range(2), "tblHeader")
        for t, task in enumerate(c["tasks"], start=1):
            self._task_rows(table, col, t, task)
        if not layout.rows_can_split:
            _row_property(table, range(len(table.rows)), "cantSplit")
        widths = [_WIDTHS[key] for key in order]
        _widths(table, _scale(widths, _usable_width_cm(layout.landscape_tasks, layout.margins_cm),
                              layout.column_jitter, self.rng))

    def _goal_rows(self, table: Any, width: int) -> int:
        """Goal and achieved result as the task table's first rows: label over two columns,
        value over the rest (the seed's PDF shows the «achieved» row so)."""
        first = table.rows[0]._tr
        for _ in range(2):
            first.addprevious(table.add_row()._tr)
        for i, (label, value) in enumerate((self.c["goal"], self.c["achieved"])):
            cells = table.rows[i].cells
            cells[0].merge(cells[1])
            cells[2].merge(cells[width - 1])
            _set_cell_text(table.cell(i, 0), self.label(label), bold=True)
            _set_cell_text(table.cell(i, 2), value)
        return 2

    def _groups(self, activity: dict[str, Any], index: int) -> list[list[dict[str, str]]]:
        mode = self.layout.indicators
        if mode == "mixed":
            mode = random.Random(self.layout.seed * 1000 + index).choice(("stacked", "rows"))
        indicators = activity["indicators"]
        if mode in ("stacked", "breaks"):
            return [indicators]
        return [[i] for i in indicators] or [[]]

    def _task_rows(self, table: Any, col: dict[str, int], t: int, task: dict[str, Any]) -> None:
        layout = self.layout
        task_first = len(table.rows)
        breaks = layout.indicators == "breaks"
        for a, act in enumerate(task["activities"], start=1):
            act_first = len(table.rows)
            for group in self._groups(act, t * 100 + a):
                cells = table.add_row().cells
                _set_cell_text(cells[col["indicator"]], [i["name"] for i in group], breaks=breaks)
                _set_cell_text(cells[col["plan"]], [i["plan"] for i in group], breaks=breaks)
                _set_cell_text(cells[col["fact"]], [i["fact"] for i in group], breaks=breaks)
                if layout.centred_indicators:
                    for key in ("indicator", "plan", "fact"):
                        for para in cells[col[key]].paragraphs:
                            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            values = {"activity": act["title"], "dates": act["dates"], "place": act["place"],
                      "participants": act["participants"], "short_term": act["short_term"], "number": f"{t}.{a}"}
            self._spread(table, col, range(act_first, len(table.rows)), values, layout.activity_cell)
        rows = range(task_first, len(table.rows))
        self._spread(table, col, rows, {"task": task["title"]}, layout.task_cell)
        # The long-term results are the task's too, but an author who repeats the task's name on
        # every row still writes its long text once.
        self._spread(table, col, rows, {"long_term": task["long_term"]},
                     "first" if layout.task_cell == "repeated" else layout.task_cell)

    @staticmethod
    def _spread(table: Table, col: dict[str, int], rows: range, values: dict[str, str], mode: str) -> None:
        """Write values over a run of rows: merged down, repeated on every row, or on the first."""
        for key, value in values.items():
            if key not in col:
                continue
            targets = rows if mode == "repeated" else rows[:1]
            for r in targets:
                _set_cell_text(table.rows[r].cells[col[key]], value)
            if mode == "merged" and len(rows) > 1:
                table.cell(rows[0], col[key]).merge(table.cell(rows[-1], col[key]))

    def simple_table(self, columns: list[str], rows: list[list[str]], widths: list[float]) -> None:
        table = self.table(1 + len(rows), len(columns))
        for idx, label in enumerate(columns):
            _set_cell_text(table.rows[0].cells[idx], label, bold=True)
        for r, row in enumerate(rows, start=1):
            for idx, value in enumerate(row):
                _set_cell_text(table.rows[r].cells[idx], value)
        _widths(table, widths)

    def socio(self) -> None:
        c, layout = self.c, self.layout
        self.para(c["socio_heading"], bold=True)
        self.gap()
        keep = [layout.socio_number_column, True, layout.socio_unit_column, True, True]
        columns = [label for label, kept in zip(c["socio_columns"], keep, strict=True) if kept]
        rows = [[value for value, kept in zip([f"{i}.", *row], keep, strict=True) if kept]
                for i, row in enumerate(c["socio_rows"], start=1)]
        widths = [w for w, kept in zip([1.0, 6.5, 2.5, 4.0, 4.0], keep, strict=True) if kept]
        self.simple_table(columns, rows, widths)

    def counts_table(self, heading: str, columns: list[str], values: list[str], widths: list[float]) -> None:
        self.para(self.label(heading))
        self.gap()
        if self.layout.stats_orientation == "down":  # a label column and a value column, no header row
            table = self.table(len(columns), 2)
            for r, (label, value) in enumerate(zip(columns, values, strict=True)):
                _set_cell_text(table.rows[r].cells[0], label)
                _set_cell_text(table.rows[r].cells[1], value)
            _widths(table, [11.0, 4.0])
            return
        self.simple_table(columns, [values], widths)

    def statistics(self) -> None:
        c = self.c
        self.para(c["section4_heading"])
        self.counts_table(c["gender_heading"], c["gender_columns"], c["gender_values"], [8.0, 5.0, 5.0])
        self.counts_table(c["category_heading"], c["category_columns"], c["category_values"], [1.64] * 11)
        if c.get("age_values") is not None:  # a mutation may drop the table
            self.counts_table(c["age_heading"], c["age_columns"], c["age_values"], [2.25] * 8)

    def sections(self, *names: str) -> None:
        for name in names:
            for line in self.c[name]:
                self.para(line)

    def closing(self) -> None:
        c = self.c
        self.sections("section5", "section6")
        self.para(c["partners_heading"], bold=True)
        self.para(c["partners_note"])
        self.gap()
        self.simple_table(c["partners_columns"], c["partners"], [6.0, 4.0, 5.0, 3.0])
        self.para(f'{self.label(c["page_count_label"])} {c["page_count"]}')
        self.signature()
        fill = c["fill_date"] or "_____"
        self.para(f'{self.label(c["fill_date_label"])} {fill}')
        self.para(c["seal"])

    def signature(self) -> None:
        c, style = self.c, self.layout.signature
        grantee, caption = self.label(c["grantee_label"]), c["signatory_label"]
        position, name = c["signatory_position"], c["signatory_name"]
        if style == "one_line":
            self.para(f"{grantee} {position} __________ {name}")
            self.para(f"({caption})")
        elif style == "table":
            self.para(grantee)
            table = self.doc.add_table(rows=2, cols=2)
            _borders(table, "nil")  # a layout table: no lines drawn
            _set_cell_text(table.rows[0].cells[0], position)
            _set_cell_text(table.rows[0].cells[1], f"__________ {name}")
            merged = table.rows[1].cells[0].merge(table.rows[1].cells[1])
            _set_cell_text(merged, caption)
            _widths(table, [8.0, 8.0])
        elif style == "caption_below":
            self.para(grantee)
            self.para(f"{position}\t__________\t{name}")
            self.para(caption)
        else:
            self.para(grantee)
            self.para(caption)
            self.para(f"{position}\t\t{name}")

    def write(self, path: Path) -> None:
        self.header()
        self.narrative()
        self.task_section()
        self.new_section(landscape=False)
        if self.layout.stats_before_socio:
            self.statistics()
            self.sections("section2", "section3")
            self.socio()
        else:
            self.socio()
            self.sections("section2", "section3")
            self.statistics()
        self.closing()
        self.doc.save(str(path))


def render_docx(content: Content, layout: Layout, path: Path) -> None:
    """Write one DOCX rendering of ``content`` in ``layout``."""
    _Writer(resolve(content, layout), layout).write(path)
    if content.get("docx_page_metadata"):
        _write_page_metadata(path, int(content["docx_page_metadata"]))


def _write_page_metadata(path: Path, pages: int) -> None:
    """Record a page count in docProps/app.xml, as Word does when it saves a file."""
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    app = members["docProps/app.xml"].decode("utf-8")
    app = app.replace("<Pages>1</Pages>", f"<Pages>{pages}</Pages>").replace("<Words>0</Words>", "<Words>5000</Words>")
    members["docProps/app.xml"] = app.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
