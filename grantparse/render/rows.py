"""Flat rows of a validation run, shared by the CSV, Excel, HTML and SQLite renderers."""

from __future__ import annotations

from typing import Any

from grantparse.validation import FileResult, ValidationRun

FINDING_COLUMNS = ("file", "status", "organisation", "code", "severity", "message", "section", "page", "row",
                   "task", "activity", "field", "needs_review")
SUMMARY_COLUMNS = ("file", "status", "errors", "warnings", "infos", "organisation", "project", "grant_amount",
                   "period_start", "period_end", "direct_beneficiaries_plan", "direct_beneficiaries_fact",
                   "language", "pages")


def finding_rows(run: ValidationRun) -> list[dict[str, Any]]:
    """One row per finding; a file with none still gets one row, so every file appears."""
    rows: list[dict[str, Any]] = []
    for result in run.results:
        organisation = result.report.header.organization_name if result.report else None
        base = {"file": result.path, "status": result.status, "organisation": organisation}
        if not result.findings:
            rows.append({**base, **dict.fromkeys(FINDING_COLUMNS[3:])})
            continue
        for finding in result.findings:
            loc = finding.location
            rows.append({**base, "code": finding.code, "severity": finding.severity.value,
                         "message": finding.message, "section": loc.section, "page": loc.page, "row": loc.row,
                         "task": loc.task, "activity": loc.activity, "field": loc.field,
                         "needs_review": finding.needs_review})
    return rows


def summary_row(result: FileResult) -> dict[str, Any]:
    report = result.report
    h = report.header if report else None
    direct = report.socio_economic.direct_beneficiaries if report else None
    return {
        "file": result.path, "status": result.status,
        "errors": result.count_code("error"), "warnings": result.count_code("warning"),
        "infos": result.count_code("info"),
        "organisation": h.organization_name if h else None, "project": h.project_title if h else None,
        "grant_amount": h.grant_amount if h else None,
        "period_start": h.period.start.isoformat() if h and h.period else None,
        "period_end": h.period.end.isoformat() if h and h.period else None,
        "direct_beneficiaries_plan": direct.plan if direct else None,
        "direct_beneficiaries_fact": direct.fact if direct else None,
        "language": report.language if report else None,
        "pages": report.source.pages if report else None,
    }


def figure_rows(run: ValidationRun) -> list[dict[str, Any]]:
    """The key extracted numbers of each report, one row per file."""
    rows = []
    for result in run.results:
        r = result.report
        if r is None:
            continue
        row: dict[str, Any] = {"file": result.path, "grant_amount": r.header.grant_amount,
                               "gender_total": r.gender.total, "male": r.gender.male, "female": r.gender.female,
                               "age_total": r.age.total}
        row.update({f"age_{band}": value for band, value in r.age.bands.items()})
        row.update({f"category_{k}": v for k, v in r.social_categories.model_dump().items()})
        for key, value in r.socio_economic:
            if key != "partners":
                row[f"{key}_plan"], row[f"{key}_fact"] = value.plan, value.fact
        row.update({"partners_listed": len(r.partners), "tasks": len(r.tasks),
                    "activities": sum(len(t.activities) for t in r.tasks),
                    "indicators": sum(len(a.indicators) for t in r.tasks for a in t.activities),
                    "declared_pages": r.declared_page_count, "file_pages": r.source.pages})
        rows.append(row)
    return rows
