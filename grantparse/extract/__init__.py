"""Intermediate :class:`Document` → typed :class:`Report`. Never looks at the file format."""

from __future__ import annotations

from grantparse.extract.closing import (
    extract_deviation,
    extract_fill_date,
    extract_narrative,
    extract_page_count,
    extract_partners,
    extract_signatory,
)
from grantparse.extract.context import Context
from grantparse.extract.header import detect_language, extract_header, has_title
from grantparse.extract.stats import extract_age, extract_categories, extract_gender, extract_socio
from grantparse.extract.tasks import extract_tasks
from grantparse.model import Report, Source
from grantparse.readers.document import Document
from grantparse.structure import Layout, locate_tables

__all__ = ["extract_report", "recognise"]

_SECTION_TABLES = {"tasks": "tasks", "socio": "socio_economic", "gender": "gender",
                   "categories": "social_categories", "age": "age", "partners": "partners"}


def extract_report(document: Document, layout: Layout | None = None) -> Report:
    """Every field of the contract's report model, with provenance and notes."""
    ctx = Context(document=document, layout=layout or locate_tables(document))
    header = extract_header(ctx)
    year = header.period.start.year if header.period else (
        header.agreement_date.year if header.agreement_date else None)
    fill_date, fill_raw = extract_fill_date(ctx)
    report = Report(
        language=detect_language(ctx),  # type: ignore[arg-type]
        header=header,
        tasks=extract_tasks(ctx, year, header.period),
        deviation_justification=extract_deviation(ctx),
        socio_economic=extract_socio(ctx),
        gender=extract_gender(ctx),
        social_categories=extract_categories(ctx),
        age=extract_age(ctx),
        partners=extract_partners(ctx),
        declared_page_count=extract_page_count(ctx),
        signatory=extract_signatory(ctx),
        fill_date=fill_date,
        fill_date_raw=fill_raw,
        source=Source(format=document.format, pages=document.pages, ocr=document.ocr),  # type: ignore[arg-type]
        narrative=extract_narrative(ctx),
    )
    found = [name for kind, name in _SECTION_TABLES.items() if ctx.layout.first(kind) is not None]
    header_fields = sum(1 for k in ("organization_name", "leader_name", "project_title", "period_raw",
                                    "grant_amount_raw", "address") if getattr(header, k))
    if header_fields >= 3:
        found.insert(0, "header")
    report.sections_found = found
    report.notes = ctx.notes
    report.sources = ctx.provenance()
    return report


def recognise(document: Document) -> Layout | None:
    """Where the form's parts are, or None when this is not the form: the form's title,
    or at least three of its tables, must be there."""
    ctx = Context(document=document, layout=locate_tables(document))
    return ctx.layout if has_title(ctx) or len(ctx.layout.tables) >= 3 else None
