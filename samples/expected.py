"""What a perfect reader returns for a content (schema 2), and how close a report comes.

The expected model is built from the content alone: its texts as written (normalised) and
the typed values its author stated in ``expect`` / ``expected`` — never from grantparse's
output. A report is then scored leaf by leaf: fields, indicator pairs, activities, findings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from grantparse.checks import run_checks
from grantparse.model import Report
from grantparse.normalise import normalise
from samples.content import SOCIO_KEYS, Content

# Findings that depend on the rendering, not the content: the page count of a PDF.
RENDERING_FINDINGS = frozenset({"page-count-mismatch"})
_CATEGORY_KEYS = ("total", "children", "youth", "civil_servants", "public_sector_workers", "disabled", "elderly",
                  "unemployed", "ngo_representatives", "business", "other")
_AGE_BANDS = ("13-16", "17-22", "23-27", "28-32", "33-45", "46-58", "59+")


def _text(value: str | None) -> str | None:
    text = normalise(value) if value else ""
    return text or None


def _quantity(prefix: str, stated: dict[str, Any]) -> dict[str, Any]:
    out = {f"{prefix}.value": stated.get("value"), f"{prefix}.at_least": bool(stated.get("at_least", False))}
    if "at_most" in stated:
        out[f"{prefix}.at_most"] = bool(stated["at_most"])
    if "unit" in stated:
        out[f"{prefix}.unit"] = stated["unit"]
    return out


def expected_fields(content: Content) -> dict[str, Any]:
    """The expected model as {dotted.path: leaf}, the shape :func:`report_fields` gives."""
    exp = content["expected"]
    out: dict[str, Any] = {"language": content["language"]}
    header = exp["header"]
    for key in ("organization_name", "leader_name", "address", "project_title"):
        out[f"header.{key}"] = _text(header.get(key))
    out["header.phones"] = list(header.get("phones", []))
    period = header.get("period")
    out["header.period.start"] = period["start"] if period else None
    out["header.period.end"] = period["end"] if period else None
    for key in ("grant_amount", "agreement_number", "agreement_date"):
        out[f"header.{key}"] = header.get(key)
    for t, task in enumerate(content["tasks"]):
        out[f"tasks[{t}].title"] = _text(task["title"])
        for a, act in enumerate(task["activities"]):
            base = f"tasks[{t}].activities[{a}]"
            expect = act.get("expect", {})
            out[f"{base}.title"] = _text(act["title"])
            out[f"{base}.place"] = _text(act["place"])
            out[f"{base}.short_term_results"] = _text(act["short_term"])
            out[f"{base}.long_term_results"] = _text(task["long_term"])
            out[f"{base}.dates_raw"] = _text(act["dates"])
            out[f"{base}.participants"] = expect.get("participants")
            spans = expect.get("dates", [])
            out[f"{base}.dates"] = [(s["start"], s["end"]) for s in spans]
            for i, ind in enumerate(act["indicators"]):
                path = f"{base}.indicators[{i}]"
                out[f"{path}.name"] = _text(ind["name"])
                out[f"{path}.plan_raw"] = _text(ind["plan"])
                out[f"{path}.fact_raw"] = _text(ind["fact"])
                stated = ind.get("expect", {})
                out.update(_quantity(f"{path}.plan", stated.get("plan", {})))
                out.update(_quantity(f"{path}.fact", stated.get("fact", {})))
    out["deviation_justification"] = _text(exp.get("deviation_justification"))
    out["narrative.goal"] = _text(content["goal"])
    out["narrative.achieved_result"] = _text(content["achieved"])
    socio = exp["socio_economic"]
    for key in SOCIO_KEYS:
        row = socio.get(key, {})
        for side in ("plan", "fact"):
            value = row.get(side)
            out[f"socio_economic.{key}.{side}"] = _text(value) if key == "partners" else value
    for key in ("total", "male", "female"):
        out[f"gender.{key}"] = exp["gender"].get(key)
    for key in _CATEGORY_KEYS:
        out[f"social_categories.{key}"] = exp["social_categories"].get(key)
    out["age.total"] = exp["age"].get("total")
    for band in _AGE_BANDS:
        out[f"age.bands.{band}"] = exp["age"]["bands"].get(band)
    for p, partner in enumerate(exp["partners"]):
        for key in ("name", "role", "contact"):
            out[f"partners[{p}].{key}"] = _text(partner.get(key))
    out["partners.count"] = len(exp["partners"])
    out["declared_page_count"] = exp.get("declared_page_count")
    signatory = exp.get("signatory") or {}
    out["signatory.position"] = _text(signatory.get("position"))
    out["signatory.name"] = _text(signatory.get("name"))
    out["fill_date"] = exp.get("fill_date")
    return out


def report_fields(report: Report, like: dict[str, Any]) -> dict[str, Any]:
    """The report's values at the paths of ``like`` (an expected model)."""
    data = report.model_dump(mode="json")
    out: dict[str, Any] = {}
    for path in like:
        if path == "partners.count":
            out[path] = len(report.partners)
        elif path.endswith(".dates"):
            spans = _get(data, path) or []
            out[path] = [(s["start"], s["end"]) for s in spans]
        else:
            out[path] = _get(data, path)
    return out


def _get(data: Any, path: str) -> Any:
    node = data
    for part in path.replace("]", "").replace("[", ".").split("."):
        if node is None:
            return None
        if isinstance(node, list):
            index = int(part)
            node = node[index] if index < len(node) else None
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return "".join(a.split()) == "".join(b.split())
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        return float(a) == float(b)
    return bool(a == b)


@dataclass
class Counts:
    """Leaves compared and leaves right: fields, indicator pairs, activities. Text is compared
    with its spaces left out (a PDF does not always say where a line break was a space);
    ``texts_spaced`` counts the text fields also right word for word, spaces where they belong."""

    fields: int = 0
    fields_right: int = 0
    texts: int = 0
    texts_spaced: int = 0
    pairs: int = 0
    pairs_right: int = 0
    activities: int = 0
    activities_right: int = 0


@dataclass
class Score(Counts):
    """How one report compares with its content's expected model."""

    missed: list[str] = field(default_factory=list)
    findings_expected: Counter[str] = field(default_factory=Counter)
    findings_got: Counter[str] = field(default_factory=Counter)

    @property
    def findings_equal(self) -> bool:
        return self.findings_expected == self.findings_got

    def findings_diff(self) -> str:
        extra = self.findings_got - self.findings_expected
        lost = self.findings_expected - self.findings_got
        return ", ".join([*(f"+{c}×{n}" for c, n in extra.items()), *(f"-{c}×{n}" for c, n in lost.items())])


def _pair_key(fields: dict[str, Any], path: str) -> tuple[str, ...]:
    return tuple("".join((fields.get(f"{path}.{k}") or "").split()) for k in ("name", "plan_raw", "fact_raw"))


def score(report: Report, content: Content) -> Score:
    """Field, indicator-pair, activity and finding agreement of ``report`` with ``content``."""
    want = expected_fields(content)
    got = report_fields(report, want)
    result = Score()
    for path, value in want.items():
        result.fields += 1
        if _same(got[path], value):
            result.fields_right += 1
            if isinstance(value, str):
                result.texts += 1
                result.texts_spaced += " ".join(str(got[path]).split()) == " ".join(value.split())
        else:
            result.missed.append(path)
    # Indicator pairs: (task, name, plan, fact) found anywhere in the task (order aside).
    truth, found = [], []
    for path in want:
        if path.endswith(".name") and ".indicators[" in path:
            base = path[: -len(".name")]
            task = base.split("]")[0]
            truth.append((task, *_pair_key(want, base)))
    data = report.model_dump(mode="json")
    for t, task_data in enumerate(data["tasks"]):
        for act in task_data["activities"]:
            for ind in act["indicators"]:
                found.append((f"tasks[{t}", *("".join((ind.get(k) or "").split())
                                             for k in ("name", "plan_raw", "fact_raw"))))
    remaining = Counter(found)
    for item in truth:
        result.pairs += 1
        if remaining[item] > 0:
            remaining[item] -= 1
            result.pairs_right += 1
    for path in want:
        if path.endswith(".dates_raw"):
            base = path[: -len(".dates_raw")]
            result.activities += 1
            keys = (f"{base}.dates", f"{base}.participants", f"{base}.place")
            if all(_same(got[k], want[k]) for k in keys):
                result.activities_right += 1
    result.findings_expected = Counter(content["expected"].get("findings", {}))
    result.findings_got = Counter(f.code for f in run_checks(report) if f.code not in RENDERING_FINDINGS)
    return result
