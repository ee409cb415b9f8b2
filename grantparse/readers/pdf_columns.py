"""Columns of tables ruled only across (a common Word table style: no vertical borders).

Such a table draws its rows' rules but no column rules, so pdfplumber's line strategy finds no
cells. Its columns are still plain in its text: every cell's text keeps inside its column, so
between two columns runs a strip that no character of any row crosses, and the lines of a
column's cells start at its left edge. This module finds those strips and gives them back as
vertical rules, drawn into the page with the real ones — the table then becomes the grid a
fully ruled one gives.

* Runs of long horizontal rules, each overlapping the next, outside every ruled table, make a
  table's *bands* (its rows: the space between consecutive rules).
* *Coverage* counts, for every point across the page, how many bands have a character there.
  A column gap is a strip no band covers, wide enough to be more than a word space: either
  clearly wider than one, or with lines of text starting right at its end (the next column's
  left edge — spaces that happen to line up in a few lines are followed by words starting
  anywhere). A header merged over two columns («Индикаторлар» above «жоспар | факт») crosses
  the gap between them: a strip covered by one of the table's first bands only, between
  strips covered by more, is a gap too.
* A run may hold several tables drawn one below the other (the goal table directly above the
  task table) or a paragraph between two tables. Bands are cut into tables where a band's
  text runs over the gaps of the bands before it, or theirs over its own: rows of one table
  keep to its columns. Text with no gap of its own that runs over a neighbour's gap (a
  caption such as «Жас көрсеткіші:», a paragraph) stands alone. Each table takes its sides
  from its own rules.
* A table cut by a page goes on at the top of the next one, often with only a row or two
  there and some columns empty: that part is read together with the bands of the part before
  it and drawn on the same rules — wherever its own text leaves them free, even far from the
  middle of its own gap, and also where its rows show no gap at all (centred values can close
  one to less than a word space); when the two show columns the part before did not, that
  page is laid out again on the rules of the part that continued it. Rules are moved onto
  where a rule inside the table ends (under a merged header, beside a cell merged down),
  where one ends within a few points.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

Edge = dict[str, Any]

# A rule shorter than this share of the page's width is an underline or a cell's part rule,
# not a row of a table.
MIN_RULE_SHARE = 0.3
# Rules this close in height are one rule (a thin filled rectangle gives two edges).
SAME_RULE = 1.5
# Two rules belong to one table when they overlap by this share of the shorter.
MIN_OVERLAP = 0.5
# The narrowest gap between two columns, in ems of the text: cells padded a point on each side
# leave a fifth of an em and more; narrower is a letter gap.
COLUMN_GAP_EM = 0.2
# A gap this wide (in ems) is no word space (a space is a quarter to a third of an em).
WIDE_GAP_EM = 0.6
# Lines starting this close (points) to a gap's end start at a column's edge.
START_SLACK = 0.75
# How many lines must start at a gap's end to make it a column edge: at least two, and about
# one for every other band (a column's lines start at its edge in every band that fills it;
# word starts line up by chance in two or three lines).
MIN_STARTS = 2
START_SHARE = 0.5
# A table's text may run over this many of the wide gaps a new band of it shows (a header
# merged over two columns runs over the one between them); the new band itself runs over
# none of the table's.
LOST_GAPS = 1
# A rule within this many points of the rule the same table's part on the page before got is
# that rule (the gap's middle moves with the text beside it).
SNAP = 6.0
# A table's head is its first bands (on every page it is cut over: the head may be repeated):
# only there may a cell span two columns.
HEAD_BANDS = 2
# Coverage is measured on this grid, in points.
STEP = 0.5
# Characters whose tops differ by less than this (points) are on one line.
SAME_LINE = 1.0


@dataclass
class Band:
    """One band's text across the page: where its characters are, where its lines start."""

    covered: np.ndarray  # bool per grid point
    starts: np.ndarray  # lines (or pieces of a line after a wide gap) starting at each grid point
    head: bool = False  # one of the first bands of a table's part on a page

    @staticmethod
    def merged(bands: Sequence[Band]) -> Band:
        return Band(np.any([b.covered for b in bands], axis=0), np.sum([b.starts for b in bands], axis=0))


def _long_rules(page: Any, ruled: Sequence[Sequence[float]]) -> list[tuple[float, float, float]]:
    """(top, x0, x1) of every long horizontal rule outside the ruled tables, one per height."""
    width = float(page.width)
    found: list[tuple[float, float, float]] = []
    for edge in page.edges:
        if edge["orientation"] != "h":
            continue
        x0, x1, top = float(edge["x0"]), float(edge["x1"]), float(edge["top"])
        if x1 - x0 < MIN_RULE_SHARE * width:
            continue
        if any(b[0] - SAME_RULE <= x0 and x1 <= b[2] + SAME_RULE and b[1] - SAME_RULE <= top <= b[3] + SAME_RULE
               for b in ruled):
            continue
        found.append((top, x0, x1))
    found.sort()
    merged: list[tuple[float, float, float]] = []
    for rule in found:
        if merged and rule[0] - merged[-1][0] <= SAME_RULE:
            top, x0, x1 = merged[-1]
            merged[-1] = (top, min(x0, rule[1]), max(x1, rule[2]))
        else:
            merged.append(rule)
    return merged


def _runs(rules: list[tuple[float, float, float]]) -> list[list[tuple[float, float, float]]]:
    """Rules grouped into runs, each rule overlapping the one before it."""
    runs: list[list[tuple[float, float, float]]] = []
    for rule in rules:
        if runs:
            _, x0, x1 = runs[-1][-1]
            overlap = min(x1, rule[2]) - max(x0, rule[1])
            if overlap >= MIN_OVERLAP * min(x1 - x0, rule[2] - rule[1]):
                runs[-1].append(rule)
                continue
        runs.append([rule])
    return [run for run in runs if len(run) >= 2]


def _bands(chars: Sequence[dict[str, Any]], tops: list[float], cells: int, gap: float) -> list[Band]:
    """The bands between consecutive rules at ``tops``, from the characters inside them."""
    bands = [Band(np.zeros(cells, dtype=bool), np.zeros(cells, dtype=np.int32)) for _ in tops[:-1]]
    lines: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for char in chars:
        top, bottom = float(char["top"]), float(char["bottom"])
        band = int(np.searchsorted(tops, (top + bottom) / 2)) - 1
        if not 0 <= band < len(bands):
            continue
        x0, x1 = float(char["x0"]), float(char["x1"])
        bands[band].covered[max(0, int(x0 / STEP)): max(0, min(cells, int(np.ceil(x1 / STEP))))] = True
        lines.setdefault((band, round(top / SAME_LINE)), []).append((x0, x1))
    for (band, _), spans in lines.items():
        spans.sort()
        reach = -np.inf
        for x0, x1 in spans:
            if x0 - reach >= gap:
                bands[band].starts[min(cells - 1, max(0, round(x0 / STEP)))] += 1
            reach = max(reach, x1)
    return bands


def _strips(free: np.ndarray) -> list[tuple[int, int]]:
    """Runs of True in a 1-D mask: [(start, end)]."""
    padded = np.concatenate(([False], free, [False]))
    change = np.flatnonzero(padded[1:] != padded[:-1])
    return list(zip(change[::2].tolist(), change[1::2].tolist(), strict=True))


def _gaps(bands: Sequence[Band], gap: int, wide: int) -> list[float]:
    """Grid positions of the column gaps of one table's bands, between its text."""
    if not bands:
        return []
    coverage = np.sum([b.covered for b in bands], axis=0)
    marked = any(b.head for b in bands)
    rows = [b.covered for i, b in enumerate(bands) if not (b.head if marked else i < HEAD_BANDS)]
    body = np.sum(rows, axis=0) if rows else np.zeros_like(coverage)
    starts = np.sum([b.starts for b in bands], axis=0)
    used = np.flatnonzero(coverage)
    if used.size == 0:
        return []
    first, last = int(used[0]), int(used[-1]) + 1
    slack = max(1, round(START_SLACK / STEP))
    found: list[float] = []
    for a, b in _strips(coverage[first:last] <= 1):
        a, b = a + first, b + first
        zero = [(a + s, a + e) for s, e in _strips(coverage[a:b] == 0) if e - s >= gap]
        need = max(MIN_STARTS, round(START_SHARE * len(bands)))
        edges = [(s, e) for s, e in zero if e - s >= wide or starts[e - slack: e + slack + 1].sum() >= need]
        if edges:
            found.extend((s + e) / 2 for s, e in edges)
        elif (not zero and b - a >= gap and coverage[a - 1] >= 2 and coverage[b] >= 2
              and not body[a:b].any() and (b - a >= wide or starts[b - slack: b + slack + 1].sum() >= need)):
            found.append((a + b) / 2)  # crossed by the head only: a header over two columns
    return found


class _Gaps:
    """Gap finding with one page's thresholds."""

    def __init__(self, size: float) -> None:
        self.gap = max(1, round(COLUMN_GAP_EM * size / STEP))
        self.wide = max(self.gap, round(WIDE_GAP_EM * size / STEP))
        self.slack = max(1, round(START_SLACK / STEP))

    def of(self, bands: Sequence[Band]) -> list[float]:
        return _gaps(bands, self.gap, self.wide)

    def belongs(self, table: Sequence[Band], band: Band) -> bool:
        """Is ``band`` another row of ``table``? It keeps every gap the table shows, and the
        table's text leaves a way through (nearly) every gap of its own that is wide or where
        its lines start; a row of another table, or a paragraph, runs its text over them."""
        if len(self.of([*table, band])) < len(self.of(table)):
            return False
        covered = np.any([b.covered for b in table], axis=0)
        text = np.flatnonzero(band.covered)
        if text.size == 0:
            return True
        crossed = 0
        for a, b in _strips(~band.covered[text[0]: text[-1] + 1]):
            a, b = a + int(text[0]), b + int(text[0])
            edge = b - a >= self.gap and band.starts[max(0, b - self.slack): b + self.slack + 1].sum() >= MIN_STARTS
            if (b - a >= self.wide or edge) and not any(e - s >= self.gap for s, e in _strips(~covered[a:b])):
                crossed += 1
        return crossed <= LOST_GAPS

    def continues(self, foot: Sequence[Band], part: Sequence[Band]) -> bool:
        """Is ``part`` (at the top of a page) the rest of the table ``foot`` ended the page
        before with? Each keeps to the other's columns: together they keep (nearly) the gaps
        the part shows alone, and the part's rows run over none of the foot's."""
        together = len(self.of([*foot, *part]))
        together = len(self.of([*foot, *part]))
        return together >= len(self.of(part)) and self.belongs(foot, Band.merged(part))

    def is_caption(self, bands: list[Band], i: int) -> bool:
        """Text between rules with no gap of its own that runs over a gap of the band above or
        below it: a paragraph between two tables («Жас көрсеткіші:»), or a row merged across,
        never a row of cells."""
        band = bands[i]
        if self.of([band]):
            return False
        neighbours = [bands[j] for j in (i - 1, i + 1) if 0 <= j < len(bands)]
        return any(band.covered[int(g)] for other in neighbours for g in self.of([other]))

    def tables(self, bands: list[Band]) -> list[tuple[int, int]]:
        """The run's bands cut into tables: [(first band, end band)]; a caption between two
        tables stands alone."""
        found: list[tuple[int, int]] = []
        start = 0
        for i in range(len(bands)):
            if self.is_caption(bands, i):
                if i > start:
                    found.append((start, i))
                found.append((i, i + 1))
                start = i + 1
            elif i > start and not self.belongs(bands[start:i], bands[i]):
                found.append((start, i))
                start = i
        if start < len(bands):
            found.append((start, len(bands)))
        return found


@dataclass
class _Foot:
    """The last table on a page, which the next page may continue."""

    page: int
    width: int
    left: float
    right: float
    bands: list[Band]
    xs: list[float]  # the rules drawn for it


def _snapped(xs: list[float], before: list[float], part: Sequence[Band]) -> list[float]:
    """``xs`` moved onto the rules a table's part on the page before got, where this part's text
    leaves them free: a gap's middle moves with the text beside it, and the parts of one
    table must get one set of rules to be joined."""
    covered = np.any([b.covered for b in part], axis=0)

    def free(a: float, b: float) -> bool:
        return not covered[max(0, round(min(a, b) / STEP)): round(max(a, b) / STEP) + 1].any()

    out: list[float] = [xs[0]]  # the sides are the table's own rules' ends
    for x in xs[1:-1]:
        # Near enough and free here, or anywhere in the same empty strip (a wide gap's middle
        # moves far with the rows a part happens to hold; anywhere in it reads the same).
        near = [r for r in before if (abs(r - x) <= SNAP and free(r, r)) or free(x, r)]
        out.append(min(near, key=lambda r: abs(r - x)) if near else x)
    return sorted({*out, xs[-1]})


def _kept(xs: list[float], before: list[float], part: Sequence[Band]) -> list[float]:
    """``xs`` with the rules of the part before that this part shows no gap at but leaves free:
    the part goes on in the same columns, and a gap between centred or short values can close
    to less than a word space over a page's rows."""
    if len(xs) >= len(before):
        return xs
    covered = np.any([b.covered for b in part], axis=0)
    extra = [r for r in before
             if all(abs(r - x) > SNAP for x in xs)
             and not covered[max(0, round(r / STEP) - 1): round(r / STEP) + 2].any()]
    return sorted([*xs, *extra])


def _rule_ends(page: Any, top: float, bottom: float, left: float, right: float) -> list[float]:
    """Where rules inside a table stop short of its sides: a rule under a header merged over
    some columns («Индикаторлар») or broken by a cell merged down ends on a column line."""
    ends: list[float] = []
    for edge in page.edges:
        if edge["orientation"] == "h" and top - SAME_RULE <= float(edge["top"]) <= bottom + SAME_RULE:
            ends.extend(x for x in (float(edge["x0"]), float(edge["x1"])) if left + SNAP < x < right - SNAP)
    return ends


class AcrossRuledColumns:
    """Finds the columns of tables ruled only across, page after page of one document: a part
    at the top of a page is read with the part at the foot of the page before, and drawn on its
    rules. When the two together show columns the part before did not (a page holding only a
    table's header), that page is named in :attr:`revisit`, to be laid out again with them."""

    def __init__(self) -> None:
        self._foot: _Foot | None = None
        self._learnt: dict[int, list[Band]] = {}  # page → the bands its foot is read with
        # page → the rules its foot is drawn on when it is laid out again: those of the part
        # that continued it (the two are joined only when their rules agree)
        self._drawn: dict[int, list[float]] = {}
        self.revisit: int | None = None

    def columns(self, page: Any, ruled: Sequence[Sequence[float]], number: int) -> list[Edge]:
        """Vertical rules for the tables on page ``number`` ruled only across; ``ruled`` are the
        boxes of the tables its own rules make. Empty when there are none."""
        again = number in self._learnt
        foot = None if again else self._foot
        if not again:
            self._foot, self.revisit = None, None
        rules = _long_rules(page, ruled)
        if len(rules) < 2:
            return []  # most pages: nothing ruled only across, and no pass over the characters
        chars = [c for c in page.chars if str(c["text"]).strip()]
        if not chars:
            return []
        gaps = _Gaps(float(np.median([float(c["size"]) for c in chars])))
        width = round(float(page.width))
        cells = int(np.ceil(float(page.width) / STEP)) + 1
        tables: list[tuple[list[float], float, float, int, int, list[Band]]] = []
        for run in _runs(rules):
            tops = [rule[0] for rule in run]
            bands = _bands(chars, tops, cells, gaps.wide * STEP)
            for start, end in gaps.tables(bands):
                # Its own sides: tables one below the other may differ in width.
                own = run[start: end + 1]
                tables.append((tops, min(r[1] for r in own), max(r[2] for r in own), start, end, bands[start:end]))
        edges: list[Edge] = []
        for i, (tops, left, right, start, end, part) in enumerate(tables):
            part = [dataclasses.replace(b, head=k < HEAD_BANDS) for k, b in enumerate(part)]
            evidence, before, teaches = part, None, None
            if (i == 0 and foot is not None and foot.width == width and abs(foot.left - left) <= SAME_RULE
                    and abs(foot.right - right) <= SAME_RULE and gaps.continues(foot.bands, part)):
                evidence, before = [*foot.bands, *part], foot.xs
                if len(gaps.of(evidence)) > len(gaps.of(foot.bands)):
                    self._learnt[foot.page], self.revisit, teaches = evidence, foot.page, foot.page
            last = i == len(tables) - 1
            if again and last:
                evidence, before = self._learnt.pop(number), self._drawn.get(number)
            xs = [left, *(x for x in (g * STEP for g in gaps.of(evidence)) if left < x < right), right]
            xs = _snapped(xs, _rule_ends(page, tops[start], tops[end], left, right), part)
            if before:
                xs = _kept(_snapped(xs, before, part), before, part)
            if teaches is not None:
                self._drawn[teaches] = xs  # the page laid out again takes this part's rules
            if not again:
                # The next page is read with this part alone: a long table's whole run of
                # bands would let one overflowing letter anywhere close a gap.
                self._foot = _Foot(number, width, left, right, part, xs)
            if len(xs) > 2:
                edges.extend({"x0": x, "x1": x, "top": tops[start], "bottom": tops[end], "width": 0.0,
                              "height": tops[end] - tops[start], "orientation": "v", "object_type": "line_edge"}
                             for x in xs)
        return edges
