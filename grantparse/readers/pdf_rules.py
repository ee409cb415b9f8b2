"""Rules a producer left out where a table is cut by a page.

A browser (Chromium's Skia) splits a table row over two pages without drawing the rule that
would close the cut row: the column rules run on to the foot of the page's text (or start at
its top) and stop, with no rule across. Without it pdfplumber finds no cell there, and the
row's text falls out of the table as a paragraph — which then also keeps the table's two
parts from being joined. Where three or more column rules end at one height and no rule runs
across there at all, this module gives back the missing one, from the first of them to the
last. Where a rule runs there with a gap, over a cell merged down from the page before (or on
to the next), the gap is closed too — unless a column rule runs on through its side: then the
gap is a merged cell's that goes on below, as in every row's rule it crosses.
LibreOffice and Word draw that rule themselves, so their files get nothing added.
"""

from __future__ import annotations

from typing import Any

# Column rules ending within this many points of each other end at one height.
SAME_END = 1.0
# A rule across this close to that height closes them already.
CLOSED = 1.5
# An edge shorter than this is the end of a rule drawn as a thin filled rectangle, not a rule.
MIN_LENGTH = 2.0
# Fewer column rules ending together are a single cell's, not a cut table's.
MIN_RULES = 3

Edge = dict[str, Any]


def _ends(verticals: list[tuple[float, float, float]], index: int) -> list[list[tuple[float, float, float]]]:
    """Vertical rules grouped by where they end (``index`` 1: top, 2: bottom)."""
    groups: list[list[tuple[float, float, float]]] = []
    for rule in sorted(verticals, key=lambda r: r[index]):
        if groups and rule[index] - groups[-1][-1][index] <= SAME_END:
            groups[-1].append(rule)
        else:
            groups.append([rule])
    return groups


def closing_rules(page: Any) -> list[Edge]:
    """Horizontal rules that close table rows a page cut open (see the module docstring)."""
    edges = [e for e in page.edges if max(float(e["width"]), float(e["height"])) >= MIN_LENGTH]
    verticals = [(float(e["x0"]), float(e["top"]), float(e["bottom"])) for e in edges if e["orientation"] == "v"]
    if len(verticals) < MIN_RULES:
        return []
    horizontals = [(float(e["top"]), float(e["x0"]), float(e["x1"])) for e in edges if e["orientation"] == "h"]
    added: list[Edge] = []
    for index in (1, 2):
        for group in _ends(verticals, index):
            if len(group) < MIN_RULES:
                continue
            y = sum(r[index] for r in group) / len(group)
            across = [(a, b) for top, a, b in horizontals if abs(top - y) <= CLOSED]
            xs = sorted(r[0] for r in group)
            if not any(a < xs[-1] and b > xs[0] for a, b in across):
                added.append(_rule(xs[0], xs[-1], y))
                continue
            # A rule runs across there: a row's own border, with gaps where a cell merged down
            # crosses it. A gap between two column rules that both end there, with no rule
            # running on through either side, is no such cell but one cut by the page (the
            # cell merged down over rows cut at a page's top or foot).
            crossing = [x for x, top, bottom in verticals if top < y - CLOSED and bottom > y + CLOSED]
            for left, right in _uncovered(xs[0], xs[-1], across):
                merged_down = any(abs(x - c) <= SAME_END for x in (left, right) for c in crossing)
                if right - left > MIN_LENGTH and not merged_down:
                    added.append(_rule(left, right, y))
    return added


def _uncovered(x0: float, x1: float, spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The parts of [x0, x1] no span covers."""
    parts, reach = [], x0
    for a, b in sorted(spans):
        if a > reach + CLOSED:
            parts.append((reach, min(a, x1)))
        reach = max(reach, b)
    if reach < x1 - CLOSED:
        parts.append((reach, x1))
    return [(a, b) for a, b in parts if b > a]


def _rule(x0: float, x1: float, y: float) -> Edge:
    return {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0,
            "orientation": "h", "object_type": "line_edge"}
