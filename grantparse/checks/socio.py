"""The socio-economic effect table: payroll against the grant, plans, blanks, partners."""

from __future__ import annotations

from collections.abc import Iterator

from grantparse import labels
from grantparse.checks.messages import num, word
from grantparse.checks.registry import CheckContext, check
from grantparse.checks.text import partner_names
from grantparse.findings import Finding, Location, Severity
from grantparse.model import PlanFact
from grantparse.parse.numbers import parse_count

_ROWS = [key for key in labels.SOCIO_ROWS if key != "partners"]


def _row_label(key: str, lang: str) -> str:
    kk, ru = labels.SOCIO_ROWS[key][:2]
    return ru if lang == "ru" else (key.replace("_", " ") if lang == "en" else kk)


def _row_number(ctx: CheckContext, key: str) -> int | None:
    source = ctx.report.sources.get(f"socio_economic.{key}.fact")
    return source.row if source is not None else None


@check("payroll-exceeds-grant", Severity.error, "socio_economic", "payroll fund (actual) > grant amount")
def payroll_exceeds_grant(ctx: CheckContext) -> Iterator[Finding]:
    payroll, grant = ctx.report.socio_economic.payroll.fact, ctx.report.header.grant_amount
    if payroll is not None and grant is not None and payroll > grant:
        yield ctx.finding("payroll-exceeds-grant",
                          Location(section="socio_economic", page=ctx.page("socio_economic.payroll.fact"),
                                   row=_row_number(ctx, "payroll"), field="payroll"),
                          {"payroll": num(payroll), "grant": num(grant)})


@check("payroll-equals-grant", Severity.warning, "socio_economic",
       "payroll fund (actual) = grant amount while the report also names prizes or purchases")
def payroll_equals_grant(ctx: CheckContext) -> Iterator[Finding]:
    payroll, grant = ctx.report.socio_economic.payroll.fact, ctx.report.header.grant_amount
    if payroll is not None and payroll == grant and ctx.names_spending:
        yield ctx.finding("payroll-equals-grant",
                          Location(section="socio_economic", page=ctx.page("socio_economic.payroll.fact"),
                                   row=_row_number(ctx, "payroll"), field="payroll"),
                          {"payroll": num(payroll), "spending": word("spending", ctx.lang)})


@check("indicator-below-plan", Severity.warning, "socio_economic", "a socio-economic indicator's actual < its plan")
def indicator_below_plan(ctx: CheckContext) -> Iterator[Finding]:
    for key in _ROWS:
        row: PlanFact = getattr(ctx.report.socio_economic, key)
        if row.plan is not None and row.fact is not None and row.fact < row.plan:
            yield ctx.finding("indicator-below-plan",
                              Location(section="socio_economic", page=ctx.page(f"socio_economic.{key}.fact"),
                                       row=_row_number(ctx, key), field=key),
                              {"row": _row_label(key, ctx.lang), "plan": num(row.plan), "fact": num(row.fact)},
                              needs_review=ctx.doubtful(f"socio_economic.{key}"))


@check("blank-indicator", Severity.warning, "socio_economic",
       "a socio-economic row left blank (plan or actual) that the form requires, e.g. taxes or purchases")
def blank_indicator(ctx: CheckContext) -> Iterator[Finding]:
    """An empty cell is a blank; a dash («-») is the author saying «none» and is not."""
    se = ctx.report.socio_economic
    if "socio_economic" not in ctx.report.sections_found:
        return
    for key in _ROWS:
        if f"socio_economic.{key}.fact" not in ctx.report.sources:
            continue  # the row itself is missing from this edition of the form
        row: PlanFact = getattr(se, key)
        sides = [side for side in ("plan", "fact") if getattr(row, f"{side}_raw") is None]
        if not sides:
            continue
        side = word("plan_and_fact", ctx.lang) if len(sides) == 2 else word(sides[0], ctx.lang)
        # read from the text only when a blank row needs it
        spent = key in ("taxes", "economy_contribution") and ctx.names_spending
        context = word("prizes_paid", ctx.lang) if spent else ""
        yield ctx.finding("blank-indicator",
                          Location(section="socio_economic", page=ctx.page(f"socio_economic.{key}.fact"),
                                   row=_row_number(ctx, key), field=key),
                          {"row": _row_label(key, ctx.lang), "side": side, "context": context})


@check("partner-count-mismatch", Severity.warning, "cross",
       "partners named in the socio-economic table ≠ those in the partners table")
def partner_count_mismatch(ctx: CheckContext) -> Iterator[Finding]:
    r = ctx.report
    stated = r.socio_economic.partners.fact or r.socio_economic.partners.plan
    if stated is None or "partners" not in r.sections_found:
        return
    count = parse_count(stated)
    named = count if count is not None else len(partner_names(stated))
    listed = len(r.partners)
    if named != listed:
        yield ctx.finding("partner-count-mismatch",
                          Location(section="partners", page=ctx.page("socio_economic.partners.fact"),
                                   row=_row_number(ctx, "partners"), field="partners"),
                          {"named": named, "listed": listed})
