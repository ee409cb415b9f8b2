"""Ruling lines of a scanned table, found from the pixels with numpy alone.

A ruling line is a long straight run of ink, a few pixels thick. Runs on neighbouring
pixel rows that overlap are one rule. Only rules that meet a rule of the other
orientation are kept: an underline or a long dash alone is text, not a table. No OpenCV:
a ruled form needs nothing its morphology would add.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

DARK = 160  # grey level below which a pixel is ink
# A ruling line is a run of ink at least this long (inches): longer than an em dash of
# 14-pt text (horizontal) or a capital letter (vertical), shorter than any table cell.
MIN_RULE_INCHES = {"h": 0.25, "v": 0.17}
MAX_RULE_THICKNESS_INCHES = 0.03  # thicker is a filled area (a logo, a dark photo), not a rule
# Pieces of one slightly slanted rule lie side by side, a pixel or two apart; two rules of a
# table are a cell apart (a double border's lines are 0.02 in apart and stay two).
PIECES_APART_INCHES = 0.007
# A page turned by a third of a degree shows rows of ink 8–11 % sharper straightened (a page
# of table rows as much as one of text); a page that is straight is sharpest unturned, so
# any real gain is a turn. Set well under the least gain a third of a degree gives.
MIN_SHARPNESS_GAIN = 1.03


@dataclass
class Rule:
    """A ruling line in image pixels: along its length [start, end), across it [first, last]."""

    orientation: str  # "h" | "v"
    start: int
    end: int
    first: int
    last: int

    @property
    def position(self) -> float:
        return (self.first + self.last) / 2

    def touches(self, other: Rule, tolerance: float) -> bool:
        """Does this rule cross or meet ``other`` (of the other orientation)?"""
        return (self.start - tolerance <= other.position <= self.end + tolerance
                and other.start - tolerance <= self.position <= other.end + tolerance)


def _runs(ink: np.ndarray, min_length: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Runs of ink along each row at least ``min_length`` long: (row, start, end)."""
    padded = np.pad(ink, ((0, 0), (1, 1))).astype(np.int8)
    step = np.diff(padded, axis=1)
    rows, starts = np.nonzero(step == 1)
    _, ends = np.nonzero(step == -1)  # row-major order pairs each start with its end
    keep = ends - starts >= min_length
    return rows[keep], starts[keep], ends[keep]


def _rules_along_rows(ink: np.ndarray, orientation: str, dpi: int) -> list[Rule]:
    """Runs on neighbouring rows that overlap are one rule, as thick as the rows it covers."""
    rows, starts, ends = _runs(ink, int(MIN_RULE_INCHES[orientation] * dpi))
    open_rules: list[Rule] = []
    done: list[Rule] = []
    for row, start, end in zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True):
        still_open: list[Rule] = []
        for rule in open_rules:
            (still_open if rule.last >= row - 1 else done).append(rule)
        open_rules = still_open
        for rule in open_rules:
            overlap = min(rule.end, end) - max(rule.start, start)
            if rule.last < row and overlap > 0.5 * min(rule.end - rule.start, end - start):
                rule.start, rule.end, rule.last = min(rule.start, start), max(rule.end, end), row
                break
        else:
            open_rules.append(Rule(orientation, start, end, row, row))
    thickest = max(2, int(MAX_RULE_THICKNESS_INCHES * dpi))
    return [r for r in done + open_rules if r.last - r.first + 1 <= thickest]


def join_collinear(rules: list[Rule], across: int) -> list[Rule]:
    """Pieces of one rule made one: a rule a hair off straight (a page straightened to a
    twentieth of a degree) steps from one pixel row to the next along its length, and its
    runs build several overlapping pieces, some of which reach neither end. Pieces within
    ``across`` pixels of each other that overlap or touch along their length are one rule."""
    joined: list[Rule] = []
    for rule in sorted(rules, key=lambda r: (r.first, r.start)):
        for other in joined:
            if (rule.first <= other.last + across and rule.last >= other.first - across
                    and rule.start <= other.end and rule.end >= other.start):
                other.start, other.end = min(other.start, rule.start), max(other.end, rule.end)
                other.first, other.last = min(other.first, rule.first), max(other.last, rule.last)
                break
        else:
            joined.append(Rule(rule.orientation, rule.start, rule.end, rule.first, rule.last))
    return joined


def find_rules(gray: np.ndarray, dpi: int) -> tuple[list[Rule], list[Rule]]:
    """The table rules on a page: horizontal and vertical runs of ink that meet a run of the
    other orientation (an underline or a dash alone is text, not a table)."""
    ink = gray < DARK
    across = max(1, int(PIECES_APART_INCHES * dpi))
    horizontal = join_collinear(_rules_along_rows(ink, "h", dpi), across)
    vertical = join_collinear(_rules_along_rows(np.ascontiguousarray(ink.T), "v", dpi), across)
    tolerance = 0.02 * dpi
    horizontal_kept = [h for h in horizontal if any(h.touches(v, tolerance) for v in vertical)]
    vertical_kept = [v for v in vertical if any(v.touches(h, tolerance) for h in horizontal)]
    return horizontal_kept, vertical_kept


def erase_rules(gray: np.ndarray, rules: list[Rule]) -> np.ndarray:
    """The page with its rules painted white (one pixel of margin takes the grey fringe)."""
    clean = gray.copy()
    for rule in rules:
        across = slice(max(0, rule.first - 1), rule.last + 2)
        along = slice(rule.start, rule.end)
        if rule.orientation == "h":
            clean[across, along] = 255
        else:
            clean[along, across] = 255
    return clean


def rule_in_points(rule: Rule, scale: float) -> dict[str, Any]:
    """A rule as pdfplumber's explicit line object (a zero-width line in PDF points)."""
    at, a, b = rule.position * scale, rule.start * scale, rule.end * scale
    if rule.orientation == "h":
        return {"object_type": "line", "x0": a, "x1": b, "top": at, "bottom": at, "width": b - a, "height": 0.0}
    return {"object_type": "line", "x0": at, "x1": at, "top": a, "bottom": b, "width": 0.0, "height": b - a}


def estimate_skew(ink: np.ndarray, max_degrees: float = 2.0) -> float:
    """The rotation (degrees, as PIL's ``rotate`` takes it) that straightens a scanned page:
    the one under which its rows of ink are sharpest — text lines and rules fall into few
    pixel rows, so the squares of the row counts add up highest. Rows are counted along
    sheared lines (no image is turned, so nothing is blurred), on the page pooled four
    times smaller, coarse to fine: enough for the tenths of a degree a feeder turns a sheet.
    A page with too little ink to tell is left as it is (0)."""
    height, width = (ink.shape[0] // 4) * 4, (ink.shape[1] // 4) * 4
    pooled = ink[:height, :width].reshape(height // 4, 4, width // 4, 4).any(axis=(1, 3))  # thin lines stay
    ys, xs = np.nonzero(pooled)
    if ys.size < 5000:  # a nearly empty page (a signature, a date line) cannot tell
        return 0.0
    xs = xs - pooled.shape[1] / 2

    def sharpness(angle: float) -> float:
        rows = np.round(ys - xs * np.tan(np.radians(angle))).astype(np.int64)
        counts = np.bincount(rows - rows.min()).astype(np.float64)
        return float(np.sum(counts**2))

    best = max(np.arange(-max_degrees, max_degrees + 1e-9, 0.25), key=sharpness)
    fine = max(np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05), key=sharpness)
    return float(round(fine, 2)) if sharpness(fine) > MIN_SHARPNESS_GAIN * sharpness(0.0) else 0.0
