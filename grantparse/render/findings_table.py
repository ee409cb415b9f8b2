"""Validation results for a terminal: one block per file, findings sorted by severity."""

from __future__ import annotations

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from grantparse.checks import CATALOGUE
from grantparse.findings import Finding
from grantparse.validation import ValidationRun

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def describe_location(finding: Finding) -> str:
    """«socio_economic p.13 row 6 payroll»: where a finding points, in one short line."""
    loc = finding.location
    parts = [loc.section]
    if loc.page is not None:
        parts.append(f"p.{loc.page}")
    if loc.task is not None:
        parts.append(f"task {loc.task}" + (f".{loc.activity}" if loc.activity is not None else ""))
    if loc.row is not None:
        parts.append(f"row {loc.row}")
    if loc.field and loc.field != loc.section:
        parts.append(loc.field)
    return " ".join(parts)


def print_run(run: ValidationRun, console: Console | None = None) -> None:
    console = console or Console()
    for result in run.results:
        status = {"ok": "[green]ok[/]", "findings": "[yellow]findings[/]", "failed": "[red]failed[/]"}[result.status]
        console.print(Text.from_markup(f"[bold]{result.path}[/]  {status}"))
        if not result.findings:
            continue
        table = Table(show_edge=False, pad_edge=False, box=None, expand=False)
        table.add_column("severity", no_wrap=True)
        table.add_column("code", no_wrap=True)  # codes are what auditors grep and --select
        table.add_column("where", overflow="fold")
        table.add_column("message", overflow="fold", ratio=1)
        for finding in result.findings:
            severity = finding.severity.value + (" ?" if finding.needs_review else "")
            table.add_row(Text(severity, style=_STYLE[finding.severity.value]), finding.code,
                          describe_location(finding), finding.message)
        console.print(table)
        console.print()
    s = run.summary
    console.print(f"files {s.files}, errors {s.errors}, warnings {s.warnings}, infos {s.infos}, failed {s.failed}"
                  + ("   (? = rests on a doubtful value: look before blaming the author)"
                     if any(f.needs_review for r in run.results for f in r.findings) else ""))


def print_catalogue(console: Console | None = None) -> None:
    console = console or Console()
    if console.width < 100:  # too narrow for four columns: one check per line, summary indented
        for entry in CATALOGUE.values():
            console.print(f"[bold]{entry.code}[/]  {entry.severity_label}  ({entry.area})", highlight=False)
            console.print(Padding(entry.summary, (0, 0, 0, 4)), highlight=False)  # wrapped lines stay indented
        return
    table = Table(title="grantparse checks")
    for column in ("code", "severity", "area"):
        table.add_column(column, no_wrap=True)
    table.add_column("fires when", overflow="fold", ratio=1)
    for entry in CATALOGUE.values():
        table.add_row(entry.code, entry.severity_label, entry.area, entry.summary)
    console.print(table)
