"""Rules a producer left out where a table is cut by a page.

A browser (Chromium's Skia) splits a table row over two pages without drawing the rule that
would close the cut row: the column rules run on to the foot of the page's text (or start at
its top) and stop, with no rule across. Without it pdfplumber finds no cell there, and the
row's text falls out of the table as a paragraph — which then also keeps the table's two
parts from being joined. Where three or more column rules end at one height and no rule runs
across there at all, this module gives back the missing one, from the first of them to the
last.
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
            x0, x1 = min(r[0] for r in group), max(r[0] for r in group)
            if any(abs(top - y) <= CLOSED and a < x1 and b > x0 for top, a, b in horizontals):
                continue  # some rule runs across there: a row's own border, gaps and all
            added.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0,
                          "orientation": "h", "object_type": "line_edge"})
    return added
