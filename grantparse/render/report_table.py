"""An extracted report as rich tables, for reading in a terminal."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table

from grantparse.model import Report


def _kv(title: str, rows: list[tuple[str, object]]) -> Table:
    table = Table(title=title, show_header=False, title_justify="left")
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    for key, value in rows:
        table.add_row(key, "—" if value is None or value == [] else str(value))
    return table


def report_tables(report: Report) -> Group:
    """Header, statistics, socio-economic effect and indicators, one table each."""
    h = report.header
    period = f"{h.period.start} – {h.period.end}" if h.period else None
    parts: list[Table] = [_kv("Header", [
        ("language", report.language), ("organization", h.organization_name), ("leader", h.leader_name),
        ("address", h.address), ("phones", ", ".join(h.phones)), ("project", h.project_title),
        ("period", period), ("grant amount", h.grant_amount),
        ("agreement", f"№{h.agreement_number} of {h.agreement_date}" if h.agreement_number else None),
        ("declared pages", report.declared_page_count), ("file pages", report.source.pages),
        ("signatory", " ".join(x for x in (report.signatory.position, report.signatory.name) if x) or None),
        ("fill date", report.fill_date),
    ])]
    stats = Table(title="Participants", title_justify="left")
    for col in ("table", "total", "breakdown"):
        stats.add_column(col)
    g, c, a = report.gender, report.social_categories, report.age
    stats.add_row("gender", str(g.total), f"male {g.male}, female {g.female}")
    cats = ", ".join(f"{k} {v}" for k, v in c.model_dump().items() if k != "total" and v is not None)
    stats.add_row("categories", str(c.total), cats)
    stats.add_row("age", str(a.total), ", ".join(f"{k}: {v}" for k, v in a.bands.items()))
    parts.append(stats)
    socio = Table(title="Socio-economic effect", title_justify="left")
    for col in ("row", "plan", "fact"):
        socio.add_column(col)
    for key, value in report.socio_economic:
        socio.add_row(key, str(value.plan), str(value.fact))
    parts.append(socio)
    tasks = Table(title="Indicators", title_justify="left")
    for col in ("task", "activity", "indicator", "plan", "fact"):
        tasks.add_column(col, overflow="fold")
    for t, task in enumerate(report.tasks, start=1):
        for a_i, act in enumerate(task.activities, start=1):
            for ind in act.indicators:
                tasks.add_row(str(t), str(a_i), ind.name, ind.plan_raw or "—", ind.fact_raw or "—")
    parts.append(tasks)
    return Group(*parts)


def print_report(report: Report, console: Console | None = None) -> None:
    (console or Console()).print(report_tables(report))
