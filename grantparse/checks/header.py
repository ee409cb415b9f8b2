"""Header checks: empty fields, phones, period, amount, signature and fill date."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from rapidfuzz import fuzz

from grantparse import labels
from grantparse.checks.registry import CheckContext, check
from grantparse.findings import Finding, Location, Severity
from grantparse.normalise import fold
from grantparse.parse.phones import find_phones

# Which model value answers each header field (the raw one where parsing may fail).
_FIELD_VALUES = {
    "organization_name": "organization_name",
    "leader_name": "leader_name",
    "address": "address",
    "project_title": "project_title",
    "period": "period_raw",
    "grant_amount": "grant_amount_raw",
}


def _label(key: str, lang: str) -> str:
    kk, ru = labels.HEADER_FIELDS[key][:2]
    return ru if lang == "ru" else kk


@check("missing-field", Severity.error, "header", "a header field is empty (location.field names it)")
def missing_field(ctx: CheckContext) -> Iterator[Finding]:
    header = ctx.report.header
    if "header" not in ctx.report.sections_found:
        return  # the whole header is missing: missing-section says so once
    for key, attr in _FIELD_VALUES.items():
        value = getattr(header, attr)
        if key == "address" and not value and header.phones_raw:
            continue  # a phone alone still answers «address, phone»
        if not value:
            yield ctx.finding("missing-field",
                              Location(section="header", page=ctx.page(f"header.{key}"), field=key),
                              {"label": _label(key, ctx.lang)})


@check("invalid-phone", Severity.warning, "header", "a phone that is not a Kazakhstan number")
def invalid_phone(ctx: CheckContext) -> Iterator[Finding]:
    for raw in ctx.report.header.phones_raw:
        parsed = find_phones(raw, phone_field=True)
        if not parsed or not parsed[0].kazakh:
            yield ctx.finding("invalid-phone",
                              Location(section="header", page=ctx.page("header.address"), field="phones"),
                              {"phone": raw, "where": _label("address", ctx.lang)})
    for i, partner in enumerate(ctx.report.partners):
        for phone in find_phones(partner.contact, phone_field=True):
            if not phone.kazakh:
                yield ctx.finding("invalid-phone",
                                  Location(section="partners", page=ctx.page(f"partners[{i}].contact"),
                                           row=i + 1, field="contact"),
                                  {"phone": phone.raw, "where": partner.name or ""})


@check("invalid-period", Severity.error, "header", "period not understood, or its end before its start")
def invalid_period(ctx: CheckContext) -> Iterator[Finding]:
    header = ctx.report.header
    if not header.period_raw:
        return  # empty: missing-field
    if header.period is None or header.period.end < header.period.start:
        yield ctx.finding("invalid-period",
                          Location(section="header", page=ctx.page("header.period"), field="period"),
                          {"raw": header.period_raw})


@check("invalid-amount", Severity.error, "header", "the grant amount not understood")
def invalid_amount(ctx: CheckContext) -> Iterator[Finding]:
    header = ctx.report.header
    if header.grant_amount_raw and (header.grant_amount is None or header.grant_amount <= 0):
        yield ctx.finding("invalid-amount",
                          Location(section="header", page=ctx.page("header.grant_amount"), field="grant_amount"),
                          {"raw": header.grant_amount_raw})


_NAME_PART = regex.compile(r"\p{L}+(?:-\p{L}+)?")


def _surname_and_initials(name: str, initials_given: bool) -> tuple[str, str] | None:
    """«Кушанова Гулнур Джексембаевна» → (кушанова, гд); «Кушанова Г.Д.» / «Г.Д. Кушанова» → same."""
    parts = _NAME_PART.findall(name)
    if not parts:
        return None
    if initials_given:
        long_parts = [p for p in parts if len(p) > 1]
        short_parts = [p for p in parts if len(p) == 1]
        if not long_parts:
            return None
        return fold(long_parts[0]), fold("".join(short_parts))
    return fold(parts[0]), fold("".join(p[0] for p in parts[1:3]))


@check("signature-mismatch", Severity.warning, "header",
       "the signer's surname/initials do not match the leader's name")
def signature_mismatch(ctx: CheckContext) -> Iterator[Finding]:
    leader, signer = ctx.report.header.leader_name, ctx.report.signatory.name
    if not leader or not signer:
        return
    a = _surname_and_initials(leader, initials_given=False)
    b = _surname_and_initials(signer, initials_given=True)
    if a is None or b is None:
        return
    same_surname = fuzz.ratio(a[0], b[0]) >= 85
    same_initials = not b[1] or a[1].startswith(b[1][:2])
    if not (same_surname and same_initials):
        yield ctx.finding("signature-mismatch",
                          Location(section="signature", page=ctx.page("signatory"), field="signatory"),
                          {"signer": signer, "leader": leader})


@check("missing-fill-date", Severity.warning, "header", "the «Толтыру күні» / «Дата заполнения» line is blank")
def missing_fill_date(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.report.fill_date is None:
        yield ctx.finding("missing-fill-date",
                          Location(section="signature", page=ctx.page("fill_date"), field="fill_date"),
                          needs_review=bool(ctx.report.fill_date_raw and ctx.report.fill_date_raw.strip("_ ")))
