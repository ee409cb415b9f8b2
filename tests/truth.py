"""Ground truth for the samples: the content the sample builder rendered.

The builder writes ``samples/content/report_kk.json`` into every layout, so what a
perfect parser returns is known exactly. Comparisons are on normalised text. The check
codes and severities users are promised are read from ``docs/CONTRACT.md``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from grantparse.model import Report
from grantparse.normalise import normalise

CONTENT = Path(__file__).resolve().parents[1] / "samples" / "content" / "report_kk.json"

# The documented check catalogue (docs/CONTRACT.md, the table under «Checks»): code → severity.
_CONTRACT_ROW = re.compile(r"^\| `([a-z-]+)` \| (error or warning|error|warning|info) \|", re.MULTILINE)
CONTRACT: dict[str, str] = dict(_CONTRACT_ROW.findall(
    (Path(__file__).resolve().parents[1] / "docs" / "CONTRACT.md").read_text(encoding="utf-8")))
CONTRACT_CODES = set(CONTRACT)


def content() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CONTENT.read_text(encoding="utf-8"))
    return data


def expected_indicators() -> list[tuple[int, str, str, str]]:
    """(task index, name, plan, fact) of every indicator, in table order."""
    out = []
    for t, task in enumerate(content()["tasks"]):
        for act in task["activities"]:
            for ind in act["indicators"]:
                out.append((t, normalise(ind["name"]), normalise(ind["plan"]), normalise(ind["fact"])))
    return out


def extracted_indicators(report: Report) -> list[tuple[int, str, str, str]]:
    return [
        (t, ind.name, ind.plan_raw or "", ind.fact_raw or "")
        for t, task in enumerate(report.tasks)
        for act in task.activities
        for ind in act.indicators
    ]


def _squash(text: str) -> str:
    return "".join(normalise(text).split())


def indicator_recall(report: Report) -> float:
    """Share of the true (name, plan, fact) triples found exactly (spacing aside)."""
    truth = [(t, _squash(n), _squash(p), _squash(f)) for t, n, p, f in expected_indicators()]
    got = [(t, _squash(n), _squash(p), _squash(f)) for t, n, p, f in extracted_indicators(report)]
    remaining = list(got)
    hits = 0
    for item in truth:
        if item in remaining:
            remaining.remove(item)
            hits += 1
    return hits / len(truth)


def flatten(value: object, prefix: str = "") -> dict[str, object]:
    """A model dump as {dotted.path: leaf}, for field-by-field comparison."""
    out: dict[str, object] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out.update(flatten(item, f"{prefix}[{i}]"))
        if not value:
            out[prefix] = []
    else:
        out[prefix] = value
    return out


def field_agreement(report: Report, reference: Report) -> tuple[float, list[str]]:
    """Share of the reference's fields that ``report`` reproduces (spacing aside), and the misses."""
    skip = ("source", "notes", "sections_found")
    ref = flatten(reference.model_dump(mode="json", exclude=set(skip)))
    got = flatten(report.model_dump(mode="json", exclude=set(skip)))

    def same(a: object, b: object) -> bool:
        if isinstance(a, str) and isinstance(b, str):
            return _squash(a) == _squash(b)
        return a == b

    misses = [path for path, value in ref.items() if not same(got.get(path), value)]
    return 1 - len(misses) / len(ref), misses


def _is_measure(path: str, value: object) -> bool:
    """Numbers, dates, amounts, counts and flags: what every rendering must give alike."""
    if isinstance(value, bool) or value is None:
        return not path.endswith(("_raw", "name", "title", "unit")) and not path.startswith("narrative")
    if isinstance(value, int | float):
        return True
    return isinstance(value, str) and bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}|\+\d{11}", value))


def measures(report: Report) -> dict[str, object]:
    """The report's numeric and date leaves (and E.164 phones), keyed by path."""
    skip = {"source", "notes", "sections_found", "narrative", "language"}
    flat = flatten(report.model_dump(mode="json", exclude=skip))
    return {path: value for path, value in flat.items() if _is_measure(path, value)}


def folded_text(report: Report) -> dict[str, object]:
    """Every text leaf folded as label matching folds it (stand-in letters, case, spacing)."""
    from grantparse.normalise import fold

    skip = {"source", "notes", "sections_found", "narrative"}
    flat = flatten(report.model_dump(mode="json", exclude=skip))
    return {p: fold(v).replace(" ", "") if isinstance(v, str) else v for p, v in flat.items()}
