"""Findings as CSV: one row per finding (file, organisation, code, severity, message, location)."""

from __future__ import annotations

import csv
import io

from grantparse.render.rows import FINDING_COLUMNS, finding_rows
from grantparse.validation import ValidationRun


def render_csv(run: ValidationRun) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FINDING_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in finding_rows(run):
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return buffer.getvalue()
