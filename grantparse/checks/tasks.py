"""The task table: plan against fact, dates against the period, prize funds, copied facts,
plans written as results, and evidence links cited twice."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rapidfuzz import fuzz

from grantparse.checks.messages import num, word
from grantparse.checks.registry import CheckContext, check
from grantparse.checks.text import future_forms, links, prize_breakdown, prize_funds
from grantparse.findings import Finding, Location, Severity
from grantparse.model import Quantity
from grantparse.normalise import fold


def _location(ctx: CheckContext, t: int, a: int, path: str, field: str | None = None) -> Location:
    source = ctx.report.sources.get(path)
    return Location(section="tasks", page=source.page if source else None,
                    row=source.row if source else None, task=t + 1, activity=a + 1, field=field)


# Units agree when their first letters do: «человек» and «человека», «объект» and «объектов».
UNIT_STEM = 4


def _same_unit(a: str, b: str) -> bool:
    return fold(a).replace(" ", "")[:UNIT_STEM] == fold(b).replace(" ", "")[:UNIT_STEM]


def _comparable(plan: Quantity, fact: Quantity) -> bool:
    if plan.value is None or fact.value is None or plan.at_most:
        return False  # a ceiling («не более 25») is met by anything up to it
    # «80 %» against «5 фото» compares nothing; a missing unit on one side is fine.
    return plan.unit is None or fact.unit is None or _same_unit(plan.unit, fact.unit)


@check("fact-below-plan", Severity.error, "tasks",
       "an activity indicator's fact < plan: error with no deviation justification, warning with one",
       milder=Severity.warning)
def fact_below_plan(ctx: CheckContext) -> Iterator[Finding]:
    justified = bool(ctx.report.deviation_justification)
    for t, task in enumerate(ctx.report.tasks):
        for a, act in enumerate(task.activities):
            for i, ind in enumerate(act.indicators):
                if not _comparable(ind.plan, ind.fact):
                    continue
                assert ind.plan.value is not None and ind.fact.value is not None
                if ind.fact.value >= ind.plan.value:
                    continue  # «кемінде 500» met by 500 or more
                path = f"tasks[{t}].activities[{a}].indicators[{i}]"
                yield ctx.finding(
                    "fact-below-plan", _location(ctx, t, a, f"{path}.fact", "fact"),
                    {"indicator": ind.name, "plan": ind.plan_raw, "fact": ind.fact_raw,
                     "justified": word("justified", ctx.lang) if justified else ""},
                    milder=justified,
                    needs_review=ctx.doubtful(path),
                )


@check("event-outside-period", Severity.error, "tasks", "an activity date outside the project period")
def event_outside_period(ctx: CheckContext) -> Iterator[Finding]:
    period = ctx.report.header.period
    if period is None or period.end < period.start:
        return
    for t, task in enumerate(ctx.report.tasks):
        for a, act in enumerate(task.activities):
            for span in act.dates:
                if span.start < period.start or span.end > period.end:
                    yield ctx.finding(
                        "event-outside-period",
                        _location(ctx, t, a, f"tasks[{t}].activities[{a}].dates_raw", "dates"),
                        {"dates": act.dates_raw or f"{span.start}–{span.end}",
                         "period": f"{period.start.isoformat()} – {period.end.isoformat()}"},
                    )
                    break


@check("prize-fund-mismatch", Severity.error, "tasks",
       "a prize breakdown (places × count × amount) does not add up to the prize fund stated for it")
def prize_fund_mismatch(ctx: CheckContext) -> Iterator[Finding]:
    for t, task in enumerate(ctx.report.tasks):
        for a, act in enumerate(task.activities):
            funds: list[int] | None = None  # read only when a breakdown needs it (rare)
            for i, ind in enumerate(act.indicators):
                for side in ("plan", "fact"):
                    raw = getattr(ind, f"{side}_raw")
                    breakdown = prize_breakdown(raw)
                    if breakdown is None:
                        continue
                    if funds is None:
                        funds = prize_funds(" ".join(x for x in (act.title, act.short_term_results) if x))
                    stated = funds or prize_funds(ind.name)
                    if not stated or breakdown.total in stated:
                        continue
                    yield ctx.finding(
                        "prize-fund-mismatch",
                        _location(ctx, t, a, f"tasks[{t}].activities[{a}].indicators[{i}].{side}", side),
                        {"breakdown": breakdown.describe(), "sum": num(breakdown.total), "fund": num(stated[0])},
                    )
                    break  # plan and fact usually repeat the same breakdown: one finding


@check("plan-fact-identical", Severity.info, "tasks",
       "every fact equals its plan, character for character (copied, not measured)")
def plan_fact_identical(ctx: CheckContext) -> Iterator[Finding]:
    pairs = [
        (ind.plan_raw, ind.fact_raw)
        for task in ctx.report.tasks for act in task.activities for ind in act.indicators
        if ind.plan_raw or ind.fact_raw
    ]
    if len(pairs) < 3:
        return
    exact = sum(1 for plan, fact in pairs if plan == fact)
    # A scan cannot show character-for-character equality: OCR reads the same print a little
    # differently twice, and now and then misreads a cell. There, pairs that agree but for a
    # letter or two count, and nineteen in twenty such pairs are enough — with doubt.
    alike = sum(1 for plan, fact in pairs if plan == fact or _read_alike(plan, fact))
    loose = ctx.report.source.ocr and alike >= 0.95 * len(pairs)
    if exact == len(pairs) or loose:
        yield ctx.finding("plan-fact-identical", Location(section="tasks", page=ctx.page("tasks[0].title")),
                          {"count": len(pairs)}, needs_review=exact < len(pairs))


def _read_alike(a: str | None, b: str | None) -> bool:
    """Two OCR readings of what may be the same text: equal but for spacing and a few letters."""
    if not a or not b:
        return False
    a, b = "".join(a.split()), "".join(b.split())
    return a == b or fuzz.ratio(a, b) >= 90


@check("future-tense-narrative", Severity.warning, "tasks",
       "an activity's results in a final report are written as plans («ұйымдастырылады», «будет проведено»)")
def future_tense_narrative(ctx: CheckContext) -> Iterator[Finding]:
    for t, task in enumerate(ctx.report.tasks):
        for a, act in enumerate(task.activities):
            words = future_forms(act.short_term_results)
            if words:
                yield ctx.finding(
                    "future-tense-narrative",
                    _location(ctx, t, a, f"tasks[{t}].activities[{a}].short_term_results", "short_term_results"),
                    {"words": ", ".join(f"«{w}»" for w in dict.fromkeys(words))},
                )
    for p, paragraph in enumerate(ctx.report.narrative.activities_description):
        words = future_forms(paragraph)
        if words:
            yield ctx.finding(
                "future-tense-narrative",
                Location(section="activities_description", row=p + 1, field="narrative"),
                {"words": ", ".join(f"«{w}»" for w in dict.fromkeys(words))},
            )


@check("duplicate-evidence-link", Severity.info, "tasks",
       "the same evidence link (photo, video, post) is cited for different activities")
def duplicate_evidence_link(ctx: CheckContext) -> Iterator[Finding]:
    cited: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for t, task in enumerate(ctx.report.tasks):
        for a, act in enumerate(task.activities):
            for url in dict.fromkeys(links(act.short_term_results)):
                cited[url].append((t, a))
    for url, places in cited.items():
        if len(places) < 2:
            continue
        t, a = places[1]
        where = "; ".join(word("task_activity", ctx.lang).format(task=pt + 1, activity=pa + 1) for pt, pa in places)
        yield ctx.finding("duplicate-evidence-link",
                          _location(ctx, t, a, f"tasks[{t}].activities[{a}].short_term_results", "short_term_results"),
                          {"url": url, "places": where})
