"""Document-level checks: files that are not reports, missing sections, page count."""

from __future__ import annotations

from collections.abc import Iterator

from grantparse.checks.messages import SECTION_NAMES
from grantparse.checks.registry import CheckContext, check, file_code
from grantparse.findings import Finding, Location, Severity

file_code("unreadable-file", "not a PDF/DOCX, truncated, corrupt, or over the safety limits")
file_code("encrypted-file", "password-protected PDF/DOCX")
file_code("no-text-layer", "a scanned PDF with no text and OCR off or not installed")
file_code("not-a-grant-report", "readable, but not the grant final-report form")

REQUIRED_SECTIONS = ("header", "tasks", "socio_economic", "gender", "social_categories", "age")


@check("missing-section", Severity.error, "document",
       "a required section is absent: header, tasks, socio_economic, gender, social_categories, age")
def missing_section(ctx: CheckContext) -> Iterator[Finding]:
    for section in REQUIRED_SECTIONS:
        if section not in ctx.report.sections_found:
            yield ctx.finding("missing-section", Location(section=section),
                              {"section_name": SECTION_NAMES[section][ctx.lang]})


@check("page-count-mismatch", Severity.warning, "document",
       "declared page count ≠ the file's page count (PDF, or DOCX with page metadata)")
def page_count_mismatch(ctx: CheckContext) -> Iterator[Finding]:
    declared, actual = ctx.report.declared_page_count, ctx.report.source.pages
    if declared is not None and actual is not None and declared != actual:
        yield ctx.finding("page-count-mismatch",
                          Location(section="closing", page=ctx.page("declared_page_count"),
                                   field="declared_page_count"),
                          {"declared": declared, "actual": actual})
