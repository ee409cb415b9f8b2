"""Participant statistics: gender, age and category totals, and how they agree.

The rule for "gender totals" lives here, in :func:`gender_total_mismatch`.
"""

from __future__ import annotations

from collections.abc import Iterator

from grantparse import labels
from grantparse.checks.messages import num, word
from grantparse.checks.registry import CheckContext, check
from grantparse.findings import Finding, Location, Severity


@check("gender-total-mismatch", Severity.error, "statistics", "male + female ≠ total")
def gender_total_mismatch(ctx: CheckContext) -> Iterator[Finding]:
    g = ctx.report.gender
    if g.total is None or (g.male is None and g.female is None):
        return
    parts = (g.male or 0) + (g.female or 0)
    if parts != g.total:
        yield ctx.finding("gender-total-mismatch",
                          Location(section="gender", page=ctx.page("gender.total")),
                          {"male": num(g.male), "female": num(g.female), "sum": num(parts), "total": num(g.total)},
                          needs_review=ctx.doubtful("gender."))


@check("age-total-mismatch", Severity.error, "statistics", "sum of the age bands ≠ total")
def age_total_mismatch(ctx: CheckContext) -> Iterator[Finding]:
    age = ctx.report.age
    filled = {band: v for band, v in age.bands.items() if v is not None}
    if age.total is None or not filled:
        return
    total = sum(filled.values())
    if total != age.total:
        bands = " + ".join(f"{band}: {num(v)}" for band, v in filled.items())
        yield ctx.finding("age-total-mismatch", Location(section="age", page=ctx.page("age.total")),
                          {"sum": num(total), "bands": bands, "total": num(age.total)},
                          needs_review=ctx.doubtful("age."))


def _category_label(key: str, lang: str) -> str:
    kk, ru = labels.CATEGORIES[key][:2]
    return ru if lang == "ru" else (key.replace("_", " ") if lang == "en" else kk)


@check("category-total-mismatch", Severity.warning, "statistics",
       "the social categories cannot cover the total: their sum is below it, or one category alone exceeds it")
def category_total_mismatch(ctx: CheckContext) -> Iterator[Finding]:
    cats = ctx.report.social_categories.model_dump()
    total = cats.pop("total")
    values = {k: v for k, v in cats.items() if v is not None}
    if total is None or not values:
        return
    location = Location(section="social_categories", page=ctx.page("social_categories.total"))
    # Categories overlap (a 15-year-old is a child and youth), so only these two are errors.
    if sum(values.values()) < total:
        detail = word("below", ctx.lang).format(sum=num(sum(values.values())))
        yield ctx.finding("category-total-mismatch", location, {"total": num(total), "detail": detail},
                          needs_review=ctx.doubtful("social_categories."))
    for key, value in values.items():
        if value > total:
            detail = word("above", ctx.lang).format(name=_category_label(key, ctx.lang), value=num(value))
            yield ctx.finding("category-total-mismatch", location, {"total": num(total), "detail": detail},
                              needs_review=ctx.doubtful("social_categories."))


@check("participant-total-mismatch", Severity.error, "cross",
       "the totals of the gender, age and category tables and the actual direct beneficiaries do not all agree")
def participant_total_mismatch(ctx: CheckContext) -> Iterator[Finding]:
    r = ctx.report
    totals = {
        "gender": r.gender.total,
        "age": r.age.total,
        "categories": r.social_categories.total,
        "direct": r.socio_economic.direct_beneficiaries.fact,
    }
    known = {k: v for k, v in totals.items() if v is not None}
    if len(known) >= 2 and len(set(known.values())) > 1:
        detail = ", ".join(f"{word(k, ctx.lang)} {num(v)}" for k, v in known.items())
        yield ctx.finding("participant-total-mismatch",
                          Location(section="statistics", page=ctx.page("gender.total", "age.total")),
                          {"detail": detail},
                          needs_review=ctx.doubtful("gender.total", "age.total", "social_categories.total",
                                                    "socio_economic.direct_beneficiaries"))


@check("age-category-inconsistent", Severity.warning, "cross",
       "the age table shows participants under 18 (or over 50) while the children (or elderly) "
       "category is blank or zero")
def age_category_inconsistent(ctx: CheckContext) -> Iterator[Finding]:
    r = ctx.report
    # Only bands wholly inside the group count: 13-16 are all children; 59+ are all over 50.
    for band, category in (("13-16", "children"), ("59+", "elderly")):
        count = r.age.bands.get(band)
        value = getattr(r.social_categories, category)
        if count and not value:
            yield ctx.finding(
                "age-category-inconsistent",
                Location(section="social_categories", page=ctx.page(f"social_categories.{category}"),
                         field=category),
                {"band": band, "count": num(count), "category": word(category, ctx.lang),
                 "value": word("blank", ctx.lang) if value is None else "0"},
            )
