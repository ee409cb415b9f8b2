"""An Excel workbook: Summary (one row per file), Findings, Figures — frozen headers, filters on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from grantparse.render.rows import FINDING_COLUMNS, SUMMARY_COLUMNS, figure_rows, finding_rows, summary_row
from grantparse.validation import ValidationRun


def _sheet(workbook: Any, title: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row.get(column) for column in columns])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, column in enumerate(columns, start=1):
        longest = max([len(str(column))] + [len(str(row.get(column) or "")) for row in rows[:500]])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, longest + 2))


def write_xlsx(run: ValidationRun, path: Path) -> None:
    """Write the workbook to ``path`` (the caller makes the write atomic)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, "Summary", list(SUMMARY_COLUMNS), [summary_row(r) for r in run.results])
    _sheet(workbook, "Findings", list(FINDING_COLUMNS), finding_rows(run))
    figures = figure_rows(run)
    columns = list(dict.fromkeys(k for row in figures for k in row)) or ["file"]
    _sheet(workbook, "Figures", columns, figures)
    workbook.save(str(path))
