"""Columns of tables ruled only across (a common Word table style: no vertical borders).

Such a table draws its rows' rules but no column rules, so pdfplumber's line strategy finds no
cells. Its columns are still plain in its text: every cell's text keeps inside its column, so
between two columns runs a strip that no character of any row crosses, and the lines of a
column's cells start at its left edge. This module finds those strips and gives them back as
vertical rules, drawn into the page with the real ones — the table then becomes the grid a
fully ruled one gives.

* Runs of long horizontal rules, each overlapping the next, outside every ruled table, make a
  table's *bands* (its rows: the space between consecutive rules).
* A table is read whole, over every page it is cut over, before any rule is drawn: with a
  point of cell padding the text of two columns comes within two points of each other, and a
  page or two of rows rarely shows every column; all the table's rows together do.
* *Coverage* counts, for every point across the table, how many of its bands have a character
  there. A column gap is a strip no band covers that is no word space: either wider than one,
  or with lines of text starting right at its end in about every other band that has text
  there (the next column's left edge — spaces that happen to line up are followed by words
  starting anywhere, and a word after a space starts no line). A header merged over two
  columns («Индикаторлар» above «жоспар | факт») crosses the gap between them: a strip only
  the table's head covers is a gap too. Where the body leaves a wide gap and the head only a
  narrow way through it, a value starting right after that way marks the edge between two
  of the head's cells. The head is the table's first band, and the band a later page starts
  with that repeats it.
* A run may hold several tables drawn one below the other (the goal table directly above the
  task table) or a paragraph between two tables. Bands are cut into tables where a band's
  text runs over the gaps of the bands before it, or theirs over its own: rows of one table
  keep to its columns. Text with no gap of its own that runs over a neighbour's gap (a
  caption such as «Жас көрсеткіші:», a paragraph) stands alone. Each table takes its sides
  from its own rules.
* A table cut by a page goes on at the top of the next one, with the same sides and rows
  that run over none of the gaps of the part before (nor it over theirs). Rules are moved
  onto where a rule inside the table ends (under a merged header, beside a cell merged down),
  where one ends within a few points; where several rules inside it end together and no
  text stands, a rule is drawn even where the text shows no gap (indicators one per row stop
  at the short-term results merged down beside them).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
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
# A gap this wide (in ems) is no word space (a space is a quarter to a third of an em).
WIDE_GAP_EM = 0.5
# Lines starting this close (points) to a gap's end start at a column's edge.
START_SLACK = 0.75
# How many lines must start at a gap's end to make it a column edge: at least two, and about
# one for every other band with text right after the gap (a column's lines start at its edge
# in every band that fills it; word starts line up by chance in two or three lines).
MIN_STARTS = 2
START_SHARE = 0.5
# Rows of one table may run over one of each other's gaps, or this share of them (rounded
# down) if more: a header merged over two columns runs over the one between them, and a few
# rows may leave a gap by chance that the next row fills; a table of two columns keeps to its
# one gap.
LOST_SHARE = 0.25
# A rule within this many points of where a rule inside the table ends is that rule (a gap's
# middle is only where the text beside it left room).
SNAP = 6.0
# A table's head is its first band (and the band a later page starts with that repeats it):
# only there may a cell span two columns. Ruled only across, a head of two rows is one band —
# the rule under «Индикаторлар» runs under two columns only, too short to be a row's.
HEAD_BANDS = 1
# Rules inside a table that end together, this many or more, end on a column edge.
MIN_RULE_ENDS = 2
# A band a later part starts with repeats the head when this share of the text either covers
# is covered by both (the same labels at the same places).
SAME_HEAD = 0.9
# Coverage is measured on this grid, in points.
STEP = 0.5
# How far (grid points) either side of a strip a head's label over two columns is followed.
LABEL_REACH = 400
# The narrowest strip (points) two cells padded a point each leave between their texts.
PADDED_GAP = 1.5
# Rows of the body whose text comes up to such a strip from the left, at least, for a head's
# label starting right after it to make it a column edge.
MIN_BESIDE = 3
# A line under (over) a rule may reach over it by this share of its text size (the glyph box
# is taller than the letters); a rule through a third of a line is text spilling past its cell.
LEADING_OVER = 0.2
# Characters whose tops differ by less than this (points) are on one line.
SAME_LINE = 1.0
# Letters of one word stand closer than this (points); a space is two or more.
JOINED = 0.5


@dataclass
class Band:
    """One band's text across the page: where its characters are, where its lines start."""

    covered: np.ndarray  # bool per grid point
    starts: np.ndarray  # lines (or pieces of a line after a wide gap) starting at each grid point
    head: bool = False  # one of the table's head bands
    # (top, its characters' (x0, x1) left to right) of each line: a head's labels over labels
    lines: list[tuple[float, list[tuple[float, float]]]] = field(default_factory=list)
    # (start, end) grid points of each line (or piece) counted in ``starts``; empty when not known
    pieces: list[tuple[int, int]] = field(default_factory=list)


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
    for (band, key), spans in sorted(lines.items()):
        spans.sort()
        bands[band].lines.append((key * SAME_LINE, spans))
        reach, pieces = -np.inf, bands[band].pieces
        for x0, x1 in spans:
            if x0 - reach >= gap:
                at = min(cells - 1, max(0, round(x0 / STEP)))
                bands[band].starts[at] += 1
                pieces.append((at, at))
            reach = max(reach, x1)
            pieces[-1] = (pieces[-1][0], round(reach / STEP))
    return bands


def _strips(free: np.ndarray) -> list[tuple[int, int]]:
    """Runs of True in a 1-D mask: [(start, end)]."""
    padded = np.concatenate(([False], free, [False]))
    change = np.flatnonzero(padded[1:] != padded[:-1])
    return list(zip(change[::2].tolist(), change[1::2].tolist(), strict=True))


def _body(bands: Sequence[Band]) -> list[Band]:
    """The bands that are no head: unmarked, the first HEAD_BANDS are taken for it."""
    marked = any(b.head for b in bands)
    return [b for i, b in enumerate(bands) if not (b.head if marked else i < HEAD_BANDS)]


def _open(bands: Sequence[Band]) -> np.ndarray:
    """Where the rows of ``bands`` leave room: covered by none of their body bands (by none at
    all when they are only a head). A header over two columns may stand in a body's gap."""
    free: np.ndarray = ~np.any([b.covered for b in _body(bands) or bands], axis=0)
    return free


def _strip_around(free: np.ndarray, at: int) -> tuple[int, int]:
    """The run of ``free`` that holds grid point ``at`` (empty when it is not free)."""
    if not 0 <= at < free.size or not free[at]:
        return at, at
    covered = np.flatnonzero(~free)
    a = covered[covered < at]
    b = covered[covered > at]
    return (int(a[-1]) + 1 if a.size else 0), (int(b[0]) if b.size else free.size)


def _gaps(bands: Sequence[Band], wide: int) -> list[float]:
    """Grid positions of the column gaps of one table's bands, between its text."""
    if not bands:
        return []
    coverage = np.sum([b.covered for b in bands], axis=0)
    free_body = _open(bands)
    body_bands = _body(bands)
    used = np.flatnonzero(coverage)
    if used.size == 0:
        return []
    first, last = int(used[0]), int(used[-1]) + 1
    slack = max(1, round(START_SLACK / STEP))
    after = 2 * wide  # the text right after a gap: its next em or so

    def edge(end: int, rows: Sequence[Band]) -> bool:
        """Do lines of ``rows`` start at ``end`` in (about) every other one with text right
        after it?"""
        starts = _starts_at(rows, max(0, end - slack), end + slack + 1, slack)
        near = sum(1 for b in rows if b.covered[end: end + after].any())
        return starts >= max(MIN_STARTS, round(START_SHARE * near))

    body_starts = np.sum([b.starts for b in body_bands] or [np.zeros(coverage.size, dtype=np.int32)], axis=0)
    heads = [band for band in bands if band.head]  # a table's head as known once it is settled

    def begun(end: int) -> bool:
        """Does a line of the body start right at ``end``?"""
        return bool(body_starts[max(0, end - slack): end + slack + 1].any())

    head_starts = np.sum([b.starts for b in heads] or [np.zeros(coverage.size, dtype=np.int32)], axis=0)
    padded = PADDED_GAP / STEP

    def labelled(start: int, end: int) -> bool:
        """A strip the body leaves free, two paddings wide, that a label of the head starts in
        or right after, with the body's text up to it in several rows (from either side): the
        edge of a column whose values are centred (no line of the body starts at it), its label
        set left."""
        beside = max(sum(1 for band in body_bands if band.covered[max(0, start - wide): start].any()),
                     sum(1 for band in body_bands if band.covered[end: end + wide].any()))
        return end - start >= padded and bool(head_starts[start: end + slack + 1].any()) and beside >= MIN_BESIDE

    found: list[float] = []
    for a, b in _strips(free_body[first:last]):
        a, b = a + first, b + first
        zero = [(a + s, a + e) for s, e in _strips(coverage[a:b] == 0)]
        edges = [(s, e) for s, e in zero
                 if e - s >= wide or edge(e, bands) or labelled(s, e) or _labels_start_at(heads, s, e, slack)]
        if edges:
            found.extend((s + e) / 2 for s, e in edges)
        elif not zero and a > first and b < last and (b - a >= wide or edge(b, body_bands) or labelled(a, b)
                                                       or _under_one_label(heads, a, b, wide)):
            # Crossed by the head only: a header over two columns; the body's own lines — or
            # the head's labels under that header — tell.
            found.append((a + b) / 2)
        elif b - a >= wide and a > first and b < last and len(ways := _one_way(zero, begun)) == 1:
            # A wide gap of the body that the head leaves one narrow way through, or one with
            # a value of the body starting right after it: the edge between two of the head's
            # cells (cells padded a point leave two points between them; the head's word
            # spaces are other narrow ways, with no value after them).
            found.append(sum(ways[0]) / 2)
    return found


def _labels_start_at(heads: Sequence[Band], start: int, end: int, slack: int) -> bool:
    """Do lines of the head start right at the end of the strip [start, end) (grid points),
    two paddings wide, in at least MIN_STARTS of them: a label set left in its cell, its
    lines one under the other («Другие» over «категории»), a padding or two after the
    label beside it? In a head cells are padded as tightly as anywhere, so a strip narrower
    than a wide gap may part two labels; a column the body leaves empty shows only there."""
    if end - start < PADDED_GAP / STEP:
        return False
    lo, hi = (end - slack) * STEP, (end + slack + 1) * STEP
    count = 0
    for band in heads:
        for _, spans in band.lines:
            count += any(lo <= x0 < hi and (k == 0 or x0 - spans[k - 1][1] >= PADDED_GAP)
                         for k, (x0, _) in enumerate(spans))
    return count >= MIN_STARTS


def _starts_at(rows: Sequence[Band], lo: int, hi: int, slack: int) -> int:
    """How many lines of ``rows`` start in [lo, hi) — one, when they all end together too:
    copies of one value centred in a column («1» under «1») start at one place wherever the
    column's edge is; lines set left start together however long they are."""
    ends: list[int] = []
    count = 0
    for band in rows:
        if not band.pieces:  # where its lines end is not known: every start counts
            count += int(band.starts[lo:hi].sum())
            continue
        for start, end in band.pieces:
            if lo <= start < hi:
                ends.append(end)
    if ends and max(ends) - min(ends) <= slack:
        return count + 1
    return count + len(ends)


def _span_cover(spans: Sequence[tuple[float, float]], lo: int, hi: int) -> np.ndarray:
    """Which grid points in [lo, hi) the characters ``spans`` cover."""
    out = np.zeros(max(0, hi - lo), dtype=bool)
    for x0, x1 in spans:
        s, e = max(lo, int(x0 / STEP)), min(hi, int(np.ceil(x1 / STEP)))
        if s < e:
            out[s - lo: e - lo] = True
    return out


def _under_one_label(heads: Sequence[Band], a: int, b: int, wide: int) -> bool:
    """Is the strip [a, b) (grid points) the edge between two head cells under one label over
    both («Индикаторлар» over «жоспар | факт»)? In a head band a line runs over the strip, and
    the lines under it, within that label's reach, leave two paddings of the strip free (a
    label set left starts a point into the body's strip) and have text on both sides of it,
    within a wide gap (``wide`` grid points) of it."""
    padded = PADDED_GAP / STEP
    if b - a < padded:
        return False
    for band in heads:
        for k, (top, spans) in enumerate(band.lines):
            if not _span_cover(spans, a, b).all():
                continue
            lo, hi = max(0, a - LABEL_REACH), b + LABEL_REACH
            over = _span_cover(spans, lo, hi)
            left = a - lo - 1
            while left > 0 and over[left - 1]:
                left -= 1
            right = b - lo
            while right < over.size and over[right]:
                right += 1
            reach = (lo + left, lo + right)  # the label's run of letters around the strip
            under = [line for line_top, line in band.lines[k + 1:] if line_top > top]
            cover = np.any([_span_cover(line, *reach) for line in under], axis=0) if under else None
            if cover is None or not any(e - s >= padded for s, e in _strips(~cover[a - reach[0]: b - reach[0]])):
                continue
            # the labels under it come right up to the strip from both sides (a wide gap off:
            # cells padded a point), as centred labels in cells they nearly fill do
            near_a, near_b = max(reach[0], a - wide) - reach[0], min(reach[1], b + wide) - reach[0]
            if cover[near_a: a - reach[0]].any() and cover[b - reach[0]: near_b].any():
                return True
    return False


def _runs_through(covered: np.ndarray, a: int, b: int, wide: int) -> bool:
    """Does one line's text go on across the strip [a, b)? It is left free there only by one
    word space (narrower than a wide gap), with the line's text on both sides of it."""
    inside = _strips(~covered[a:b])
    if len(inside) != 1:
        return False
    start, end = _strip_around(~covered, a + inside[0][0])
    return start > 0 and end < covered.size and end - start < wide


def _one_way(ways: list[tuple[int, int]], begun: Callable[[int], bool]) -> list[tuple[int, int]]:
    """The way the head leaves through a wide gap of the body: the only one, or the only one
    a value of the body starts right after."""
    return ways if len(ways) == 1 else [way for way in ways if begun(way[1])]


def _allowed(gaps: int) -> int:
    """How many of a table's ``gaps`` other rows of it may run over (see LOST_SHARE)."""
    return 0 if gaps <= 1 else max(1, int(LOST_SHARE * gaps))


class _Gaps:
    """Gap finding with one page's thresholds."""

    def __init__(self, size: float) -> None:
        self.wide = max(1, round(WIDE_GAP_EM * size / STEP))

    def of(self, bands: Sequence[Band]) -> list[float]:
        return _gaps(bands, self.wide)

    def crossed(self, text: Sequence[Band], other: Sequence[Band], caption: bool = False) -> int:
        """How many of ``other``'s column gaps the text of ``text`` runs over: it covers the
        whole strip ``other`` leaves free there — or, for a ``caption``, runs on to within a
        wide gap of the strip's end (where ``other``'s next column starts) without starting
        again right there: a label that nearly fills its cell still ends before the value
        beside it, and a long label over an empty value stops far short of the values — or
        runs through it, its text on both sides and only a word space in it (a word space
        can fall right on a narrow strip between tight cells). Text
        of several lines that all stop short of the strip's end is wrapped inside its column:
        a cell's rest carried over a page, not a caption (a caption wraps at the page's width)."""
        free, under_head = ~np.any([b.covered for b in other], axis=0), _open(other)
        covered = np.any([b.covered for b in text], axis=0)
        caption = caption and sum(len(b.lines) for b in text) <= 1  # (not known: one)
        slack = max(1, round(START_SLACK / STEP))
        count = 0
        for gap in self.of(other):
            # The strip no row of ``other`` covers; under a header over two columns, the strip
            # its body leaves.
            a, b = _strip_around(free if free[int(gap)] else under_head, int(gap))
            if b <= a:
                continue
            if covered[a:b].all() or (caption and _runs_through(covered, a, b, self.wide)):
                count += 1
            elif caption and covered[max(a, b - self.wide): b].any():
                way = [(a + s, a + e) for s, e in _strips(~covered[a:b])]
                count += not any(e >= b - slack and covered[b: b + slack + 1].any() for _, e in way)
        return count

    def agree(self, one: Sequence[Band], other: Sequence[Band]) -> bool:
        """Do two sets of rows keep to one set of columns? Neither runs its text over (more
        than a few of) the other's gaps: a header merged over two columns runs over the one
        between them; a row of another table, or a paragraph, runs over many."""
        return self.crossed(one, other) <= _allowed(len(self.of(other))) and \
            self.crossed(other, one) <= _allowed(len(self.of(one)))

    def goes_on(self, table: Sequence[Band], band: Band) -> bool:
        """Is ``band`` the next row of ``table``? It runs over none of the table's gaps (no row
        of a table crosses its column edges) — or, under a head, of the gaps of the rows of
        cells under it: an edge a few rows' head alone shows is only where a label starts
        («факт» set left in its cell); a caption among them, with no gap of its own, says
        nothing of the columns. And the table runs over few of its own gaps (a header merged over two
        columns runs over the one between them — one more than a row's share when only the
        table's first band, its head, runs over it: a row of two centred values under
        «Индикаторлар» has that one gap alone)."""
        body = table[HEAD_BANDS:]
        rows = len(body) > 1 and all(self.of([row]) for row in body)  # (a caption is no row)
        if self.crossed([band], table) != 0 and not (rows and self.crossed([band], body) == 0):
            return False
        allowed, over = _allowed(len(self.of([band]))), self.crossed(table, [band])
        return over <= allowed or (len(table) > 1 and over == allowed + 1 and self.crossed(body, [band]) <= allowed)

    def is_caption(self, bands: list[Band], i: int) -> bool:
        """Text between rules with no gap of its own that runs over a gap of the band above or
        below it: a paragraph between two tables («Жас көрсеткіші:»), never a row of cells.
        Only between two bands: the rule over a run's first band (under its last) is a
        table's own border — a paragraph above a table has no rule over it."""
        band = bands[i]
        if not 0 < i < len(bands) - 1 or self.of([band]):
            return False
        return any(self.crossed([band], [bands[j]], caption=True) for j in (i - 1, i + 1))

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
            elif i > start and not self.goes_on(bands[start:i], bands[i]):
                found.append((start, i))
                start = i
        if start < len(bands):
            found.append((start, len(bands)))
        return self._captions_at_ends(bands, found)

    def _captions_at_ends(self, bands: list[Band], found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Where one table meets another, a band with no gap of its own between a band with
        gaps on either side is the caption between them («Жас көрсеткіші:» over the age
        table): a caption short enough to cross no gap went on with one of the two tables."""
        def gapless(i: int) -> bool:
            return not self.of([bands[i]])

        out: list[tuple[int, int]] = []
        for k, (start, end) in enumerate(found):
            before, after = found[k - 1] if k else None, found[k + 1] if k + 1 < len(found) else None
            if end - start >= 2 and after is not None and after[1] - after[0] >= 2 and gapless(end - 1) \
                    and not gapless(end - 2) and not gapless(after[0]):
                out += [(start, end - 1), (end - 1, end)]  # its last band, right over the next table's head
            elif end - start >= 3 and before is not None and before[1] - before[0] >= 2 and gapless(start) \
                    and not gapless(start + 1) and not gapless(before[1] - 1):
                out += [(start, start + 1), (start + 1, end)]  # its first band, right under the last table
            else:
                out.append((start, end))
        return out


def _snapped(xs: list[float], before: list[float], part: Sequence[Band]) -> list[float]:
    """``xs`` moved onto the rules ``before`` (where rules inside the table end), where the
    part's text leaves them free: a gap's middle is only where the text beside it left room."""
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


def _edges_of_merged_cells(ends: list[float], xs: list[float], bands: Sequence[Band]) -> list[float]:
    """Column edges the text cannot show but the rules do: where several rules inside the
    table end together (the rows of indicators stop at the cell merged down beside them),
    no rule is drawn yet and no row's text stands."""
    free = _open(bands)
    found: list[float] = []
    for group in _close_groups(sorted(ends)):
        x = sum(group) / len(group)
        if (len(group) >= MIN_RULE_ENDS and all(abs(x - other) > SNAP for other in [*xs, *found])
                and free[max(0, round(x / STEP) - 1): round(x / STEP) + 2].all()):
            found.append(x)
    return found


def _cut_row_floor(page: Any, run: list[tuple[float, float, float]], chars: Sequence[dict[str, Any]]) -> float | None:
    """Where the row a page cut at a run's foot ends, when no long rule closes it: the
    producer drew the rule under its cells only where a cell of it ends on this page (the
    indicators beside an activity merged down, which goes on at the next page's top). That
    rule keeps to the table's columns — it ends where rules inside the table end — and the
    page has no words below it (a row of the table, cut: not a paragraph under it)."""
    floor, left, right = run[-1][0], min(r[1] for r in run), max(r[2] for r in run)
    below = sorted((float(e["top"]), float(e["x0"]), float(e["x1"])) for e in page.edges
                   if e["orientation"] == "h" and float(e["top"]) > floor + SAME_RULE
                   and float(e["x0"]) >= left - SAME_RULE and float(e["x1"]) <= right + SAME_RULE)
    if not below:
        return None
    bottom, x0, x1 = below[0]
    inner = _rule_ends(page, run[0][0], floor, left, right)
    if not all(any(abs(x - end) <= SAME_RULE for end in inner) for x in (x0, x1)):
        return None
    inside = [c for c in chars if _beyond(c, floor, 1) and _beyond(c, bottom, -1)]
    if not any(str(c["text"]).isalpha() for c in inside) or \
            any(float(c["x0"]) < left - SAME_RULE or float(c["x1"]) > right + SAME_RULE for c in inside):
        return None
    if any(str(c["text"]).isalpha() for c in chars if _beyond(c, bottom, 1)):
        return None
    return bottom


def _close_groups(values: list[float]) -> list[list[float]]:
    """Sorted values grouped where each is within SAME_RULE of the one before."""
    groups: list[list[float]] = []
    for value in values:
        if groups and value - groups[-1][-1] <= SAME_RULE:
            groups[-1].append(value)
        else:
            groups.append([value])
    return groups


def _rule_ends(page: Any, top: float, bottom: float, left: float, right: float) -> list[float]:
    """Where rules inside a table stop short of its sides: a rule under a header merged over
    some columns («Индикаторлар») or broken by a cell merged down ends on a column line."""
    ends: list[float] = []
    for edge in page.edges:
        if edge["orientation"] == "h" and top - SAME_RULE <= float(edge["top"]) <= bottom + SAME_RULE:
            ends.extend(x for x in (float(edge["x0"]), float(edge["x1"])) if left + SNAP < x < right - SNAP)
    return ends


@dataclass
class _Part:
    """One table's part on one page: its bands and where its rules go."""

    page: int
    width: int
    top: float
    bottom: float
    left: float
    right: float
    size: float  # the page's text size
    bands: list[Band]
    ends: list[float]  # where rules inside it stop short of its sides
    tops: list[float] = field(default_factory=list)  # its rules' heights, a band between each two
    inner: list[tuple[float, float, float]] = field(default_factory=list)  # (top, x0, x1) of rules inside it


def _beyond(char: dict[str, Any], rule: float, side: int) -> bool:
    """Is ``char`` below (``side`` 1) or above (-1) the rule at height ``rule``? A line set
    under a rule may reach over it by a little of its height (its leading); a line the rule runs
    through is a row's own text spilling past its cell."""
    size = float(char["size"])
    if side > 0:
        return float(char["top"]) >= rule - LEADING_OVER * size
    return float(char["bottom"]) <= rule + LEADING_OVER * size


def _repeats(band: Band, head: Sequence[Band], k: int) -> bool:
    """Is ``band``, the ``k``-th of a part, the table's head drawn again?"""
    if k >= len(head):
        return False
    both, either = band.covered & head[k].covered, band.covered | head[k].covered
    return int(both.sum()) >= SAME_HEAD * max(1, int(either.sum()))


def _marked(parts: Sequence[_Part]) -> list[Band]:
    """Every band of one table, its head marked: the first part's first bands, and the bands
    a later part starts with that repeat them (a head drawn again on every page)."""
    head = parts[0].bands[:HEAD_BANDS]
    return [dataclasses.replace(band, head=(j == 0 and k < HEAD_BANDS) or (j > 0 and _repeats(band, head, k)))
            for j, part in enumerate(parts) for k, band in enumerate(part.bands)]


class AcrossRuledColumns:
    """Finds the columns of tables ruled only across, over a whole document: every page is
    first :meth:`observe`-d; a part at the top of a page that keeps to the columns of the part
    that ended the page before is the same table; once every page is seen, :meth:`settle`
    finds each table's gaps from all its rows on every page, and :meth:`columns` gives a page
    the rules of its parts."""

    def __init__(self) -> None:
        self._tables: list[list[_Part]] = []
        self._foot: _Part | None = None  # the last part of the page before, if it ended a page
        self._rules: dict[int, list[Edge]] = {}

    def observe(self, page: Any, ruled: Sequence[Sequence[float]], number: int) -> bool:
        """Read page ``number``'s parts of tables ruled only across; ``ruled`` are the boxes of
        the tables its own rules make. False when it has none (most pages: no pass over the
        characters)."""
        foot, self._foot = self._foot, None
        rules = _long_rules(page, ruled)
        if len(rules) < 2:
            return False
        chars = [c for c in page.chars if str(c["text"]).strip()]
        if not chars:
            return False
        size = float(np.median([float(c["size"]) for c in chars]))
        gaps = _Gaps(size)
        width = round(float(page.width))
        cells = int(np.ceil(float(page.width) / STEP)) + 1
        across = [(float(e["top"]), float(e["x0"]), float(e["x1"])) for e in page.edges if e["orientation"] == "h"]
        parts: list[_Part] = []
        made: list[tuple[list[tuple[float, float, float]], list[Band], int, int]] = []  # what each part is of

        def part_of(run: list[tuple[float, float, float]], bands: list[Band], start: int, end: int) -> _Part:
            tops = [rule[0] for rule in run]
            own = run[start: end + 1]  # its own sides: tables one below the other may differ in width
            left, right = min(r[1] for r in own), max(r[2] for r in own)
            ends = _rule_ends(page, tops[start], tops[end], left, right)
            inner = [rule for rule in across if tops[start] + SAME_RULE < rule[0] < tops[end] - SAME_RULE]
            return _Part(number, width, tops[start], tops[end], left, right, size, bands[start:end], ends,
                         tops[start: end + 1], inner)

        for run in _runs(rules):
            floor = _cut_row_floor(page, run, chars)
            if floor is not None:
                run = [*run, (floor, min(r[1] for r in run), max(r[2] for r in run))]
                self._rules.setdefault(number, []).append(_across(run[-1]))
            bands = _bands(chars, [rule[0] for rule in run], cells, gaps.wide * STEP)
            for start, end in gaps.tables(bands):
                parts.append(part_of(run, bands, start, end))
                made.append((run, bands, start, end))

        def cut(k: int) -> tuple[_Part, _Part]:
            """The page's first part cut in two after its first ``k`` bands; a band with no gap
            of its own that the second begins with is the caption between the two tables
            («Жас көрсеткіші»), no row of either."""
            run, bands, start, end = made[0]
            rest = start + k + 1 if end - start - k > 1 and not gaps.of([bands[start + k]]) else start + k
            return part_of(run, bands, start, start + k), part_of(run, bands, rest, end)

        # A table cut by a page ends its page and goes on at the next one's top: words below
        # the foot's last rule or above this page's first (a caption, a heading; a page number
        # is no word) end it. A line the rule runs through is the row's own text spilling over
        # (a row too tall for its page that may not break).
        if not parts:
            return False
        lead = any(str(c["text"]).isalpha() for c in chars if _beyond(c, parts[0].top, -1))
        if not lead and foot is not None and foot.page == number - 1 and foot.width == width \
                and abs(foot.left - parts[0].left) <= SAME_RULE and abs(foot.right - parts[0].right) <= SAME_RULE:
            self._go_on(gaps, parts[0], cut)
            parts = parts[1:]
        for part in parts:
            self._tables.append([part])
        last = self._tables[-1][-1]
        words_below = any(str(c["text"]).isalpha() for c in chars if _beyond(c, last.bottom, 1))
        self._foot = None if words_below else last
        return True

    def _go_on(self, gaps: _Gaps, first: _Part, cut: Callable[[int], tuple[_Part, _Part]]) -> None:
        """The page's first part goes on with the table the page before ended with — whole, or
        its first rows only when the rest keeps to other columns: a row of values that few
        cells fill agrees with the rows after it by chance (a table's last row cut off by the
        page from its head, and the next table under a caption), not with its own head."""
        if self._goes_on(gaps, first.bands):
            self._tables[-1].append(first)
            return
        for k in range(len(first.bands) - 1, 0, -1):
            if self._goes_on(gaps, first.bands[:k]):
                rows, rest = cut(k)
                self._tables[-1].append(rows)
                self._tables.append([rest])
                return
        self._tables.append([first])

    def _goes_on(self, gaps: _Gaps, bands: Sequence[Band]) -> bool:
        """Do ``bands``, at the top of a page, go on with the table the page before ended
        with? Their rows run over none of that part's gaps (its head drawn again may run over
        one: a header over two columns), and that part's over few of their own."""
        table = self._tables[-1]
        foot, head = table[-1], table[0].bands[:HEAD_BANDS]
        rows = [band for k, band in enumerate(bands) if not _repeats(band, head, k)]
        if not rows:
            return gaps.agree(foot.bands, bands)
        return gaps.crossed(rows, foot.bands) == 0 and gaps.crossed(foot.bands, bands) <= _allowed(len(gaps.of(bands)))

    def settle(self) -> None:
        """Find every table's columns from all its rows, and draw them into its parts."""
        for parts in self._tables:
            gaps = _Gaps(float(np.median([part.size for part in parts])))
            bands = _marked(parts)
            left, right = parts[0].left, parts[0].right
            xs = [x for x in (g * STEP for g in gaps.of(bands)) if left < x < right]
            # Onto where a rule inside the table ends on any of its pages (under a header drawn
            # once): every part gets the same rules.
            ends = [x for part in parts for x in part.ends]
            xs = _snapped([left, *xs, right], ends, bands)[1:-1]
            xs = sorted([*xs, *_edges_of_merged_cells(ends, xs, bands)])
            marked = iter(bands)
            for part in parts:
                heads = [band.head for _, band in zip(part.bands, marked, strict=False)]  # (its own bands' marks)
                drawn = [part.left, *(x for x in xs if part.left < x < part.right), part.right]
                if len(drawn) > 2:
                    self._rules.setdefault(part.page, []).extend(
                        {"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0.0,
                         "height": bottom - top, "orientation": "v", "object_type": "line_edge"}
                        for x in drawn for top, bottom in _column_rule(part, heads, x))

    def columns(self, number: int) -> list[Edge]:
        """The rules drawn into page ``number``'s tables ruled only across (after
        :meth:`settle`): their column rules, and the rule under a row a page cut open."""
        return self._rules.get(number, [])


def _column_rule(part: _Part, heads: Sequence[bool], x: float) -> list[tuple[float, float]]:
    """The (top, bottom) pieces of the column rule at ``x`` in ``part``: from its top to its
    bottom, but for where a label of its head runs over it inside a word («Индикаторлар»
    over «жоспар | факт»): a cell merged over both columns, down to the rule under the label
    (or to the head's foot, the page cut it there), as a grid draws it."""
    if not part.tops or not any(heads):
        return [(part.top, part.bottom)]
    pieces, top = [], part.top
    for band, head, (above, below) in zip(part.bands, heads, itertools.pairwise(part.tops), strict=False):
        crossing = [line_top for line_top, spans in band.lines if _inside_a_word(spans, x)] if head else []
        if not crossing:
            continue
        under = [rule for rule, x0, x1 in part.inner if x0 < x < x1 and min(crossing) < rule < below]
        if above > top:
            pieces.append((top, above))
        top = min(under, default=below)
    if top < part.bottom:
        pieces.append((top, part.bottom))
    return pieces


def _inside_a_word(spans: Sequence[tuple[float, float]], x: float) -> bool:
    """Does ``x`` fall inside a word of a line whose characters are at ``spans`` (sorted):
    through a character, or between two closer than any space?"""
    for (a0, a1), (b0, _) in itertools.pairwise(spans):
        if a0 < x - JOINED < a1 or (a1 <= x + JOINED and x - JOINED <= b0 and b0 - a1 < JOINED):
            return True
    return bool(spans) and spans[-1][0] < x - JOINED < spans[-1][1]


def _across(rule: tuple[float, float, float]) -> Edge:
    """A horizontal rule (top, x0, x1) as pdfplumber's edge."""
    top, x0, x1 = rule
    return {"x0": x0, "x1": x1, "top": top, "bottom": top, "width": x1 - x0, "height": 0.0,
            "orientation": "h", "object_type": "line_edge"}
