"""Column rules of tables a producer drew cell by cell, ruled only across.

A browser (Chromium's Skia) paints every cell's own borders, each a thin filled rectangle as
long as its cell: a table styled with rules across only (Google Docs' and many Word styles)
comes as rules in pieces that meet end to end where two cells meet, and no rule down. So the
cells' sides are plain in the rules even where the text shows none — a browser sets cells
without padding, and the text of two cells touches. This module gives those sides back as
column rules, the ones a fully ruled table would have drawn, and pdfplumber's line strategy
then finds the same grid there.

* A *level* is the pieces at one height. Where borders are drawn apart (``border-collapse:
  separate``: LibreOffice's HTML), a level is mostly two layers touching, the bottom borders
  of the cells above and the top borders of those below; drawn collapsed, one layer. Which
  layer a border is in tells little more: a browser paints a cell merged down afresh at a
  page's top, in the layer of the row beside it.
* A cell draws its top and bottom borders alike, so a piece reaches down to the first level
  that has a piece under it, and is a cell's top when that piece is as long — its ends are
  the cell's sides all that way. A piece of another length there is another table's (a
  single layer under one table's last row, over the next one's first: the caption between
  them is in no cell). A header over two columns («Индикаторлар» over «жоспар | факт») ends
  over its own cell; the columns under it begin at the rule under it.
* Where a page cuts a row, the browser draws no rule: the page ends with a row's top borders
  with nothing under them, or begins with its bottom borders with nothing over them. Such a
  cell runs to the foot (from the top) of the page's text; a rule across is drawn there too,
  so the cut row is a row of the grid, as the stitcher expects. A piece with nothing under
  it is such a top border when it lies under the bottom border of the cell over it, or is no
  bottom border itself (no piece as long over it, no cell left open above it); once a table
  goes on over the foot, so does every cell of the page's last rule.
* The cells a page left open go on at the next one's top, down to the first rule under them
  (the next row's top borders, when the browser drew none under the cut row), or through the
  page (a task merged down over all its activities); under the table's head when the browser
  drew it again at the top.
* A page whose rules are whole (LibreOffice and Word draw a row's rule in one stroke), or
  that draws its rules down itself, gets nothing: its tables are read as they are drawn.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

Edge = dict[str, Any]
Side = tuple[float, float, float]  # (x, top, bottom) of a column rule

# A filled rectangle up to this thick (points) is a rule; thicker, a cell's background.
MAX_RULE_THICKNESS = 2.0
# A piece shorter than this (points) is no cell's border (a corner, a dot).
MIN_PIECE = 2.0
# Pieces whose tops are this close (points) are at one level (a level's two layers are
# 0.75 apart: two borders of a pixel each).
SAME_LEVEL = 1.6
# Pieces of one layer have tops this close (points).
SAME_LAYER = 0.2
# Pieces that stop this short of each other (points) meet: two cells' borders.
MEET = 1.0
# A level whose pieces together run this share of the page's width is a table's rule (as in
# pdf_columns); a shorter one is a rule inside a table only when its every end stands where a
# piece of such a rule ends (under a header over two columns), not an underline.
MIN_RULE_SHARE = 0.3
# A rule down this long (points) is a real one: the page draws its columns itself.
MIN_RULE_DOWN = 3.0
# A piece covers a point of a level below when it reaches this far (points) past it on both
# sides (a neighbour's border meets the piece's end exactly).
COVER = 1.0
# A cell is at least this tall (points): a line of text. Rules closer are one rule drawn in
# pieces at heights a point or two apart (a browser's borders of cells merged down and of the
# row beside them).
MIN_CELL = 4.0
# A letter runs over a cell's side when it reaches this far (points) past it on both sides.
CROSS = 0.5
# A cut row's open side stands this far (points) beyond its text.
OPEN_EDGE = 1.0
# Text further than this many line heights from the line before it is no part of a cut row
# (a page number under it).
FOOTER_GAP = 2.0


@dataclass
class _Level:
    """The pieces at one height, in one layer or two."""

    top: float
    bottom: float
    upper: list[tuple[float, float]] = field(default_factory=list)  # (x0, x1): bottom borders of cells above
    lower: list[tuple[float, float]] = field(default_factory=list)  # top borders of cells below
    apart: bool = False  # two layers: borders drawn apart, so a lone layer tells open from closed

    @property
    def pieces(self) -> list[tuple[float, float]]:
        """Both layers' pieces."""
        return self.upper + self.lower

    @property
    def left(self) -> float:
        return min(x0 for x0, _ in self.pieces)

    @property
    def right(self) -> float:
        return max(x1 for _, x1 in self.pieces)


def _pieces(page: Any) -> list[tuple[float, float, float, float]]:
    """(top, bottom, x0, x1) of the page's thin horizontal rules: rectangles and lines."""
    found = [(float(r["top"]), float(r["bottom"]), float(r["x0"]), float(r["x1"])) for r in page.rects
             if float(r["bottom"]) - float(r["top"]) <= MAX_RULE_THICKNESS]
    found += [(float(line["top"]), float(line["bottom"]), float(line["x0"]), float(line["x1"])) for line in page.lines
              if float(line["bottom"]) - float(line["top"]) <= MAX_RULE_THICKNESS]
    return sorted(piece for piece in found if piece[3] - piece[2] >= MIN_PIECE)


def _levels(pieces: list[tuple[float, float, float, float]]) -> list[_Level]:
    """The pieces grouped by height, each group split into its layers."""
    groups: list[list[tuple[float, float, float, float]]] = []
    for piece in pieces:
        if groups and piece[0] - groups[-1][0][0] <= SAME_LEVEL:
            groups[-1].append(piece)
        else:
            groups.append([piece])
    levels = []
    for group in groups:
        first = group[0][0]
        upper = [(x0, x1) for top, _, x0, x1 in group if top - first <= SAME_LAYER]
        lower = [(x0, x1) for top, _, x0, x1 in group if top - first > SAME_LAYER]
        level = _Level(first, max(bottom for _, bottom, _, _ in group), sorted(upper), sorted(lower or upper),
                       apart=bool(lower))
        levels.append(level)
    return levels


def _meetings(layer: list[tuple[float, float]]) -> int:
    """How many times two pieces of a layer meet end to end."""
    return sum(1 for (_, a1), (b0, _) in itertools.pairwise(layer) if abs(b0 - a1) <= MEET)


def _table_rules(levels: list[_Level], width: float, carried: list[tuple[float, float]]) -> list[_Level]:
    """The levels that are rules of tables (see MIN_RULE_SHARE); the sides of the cells the
    page before left open are columns' sides too (the foot of a task merged down)."""
    def long(level: _Level) -> bool:
        return max(sum(x1 - x0 for x0, x1 in layer) for layer in (level.upper, level.lower)) >= MIN_RULE_SHARE * width

    ends = [x for level in levels if long(level) for piece in level.pieces for x in piece]
    ends += [x for piece in carried for x in piece]
    return [level for level in levels if long(level) or all(
        any(abs(x - end) <= MEET for end in ends) for piece in level.pieces for x in piece)]


def _covers(layer: list[tuple[float, float]], x0: float, x1: float) -> bool:
    """Does a piece of ``layer`` run under (over) a point well inside [x0, x1]?"""
    return any(a < x1 - COVER and b > x0 + COVER for a, b in layer)


def _closes(layer: list[tuple[float, float]], x0: float, x1: float) -> bool:
    """Is a piece of ``layer`` as long as [x0, x1]: the other border of the same cell (a cell
    draws its top and bottom borders alike; a single layer under a table's last row, over the
    next table's first, has other cells' lengths)?"""
    return any(abs(a - x0) <= MEET and abs(b - x1) <= MEET for a, b in layer)


def _a_bottom(above: list[_Level], carried: list[tuple[float, float]], x0: float, x1: float) -> bool:
    """May the piece [x0, x1] of a single layer be a cell's bottom border: a rule above it on the
    page has a piece as long (the cell's top), or the page before left a cell over it open?"""
    over = next((level for level in reversed(above) if _covers(level.pieces, x0, x1)), None)
    if over is not None:
        return _closes(over.lower, x0, x1)  # (a bottom border over it closed the cell there)
    return any(_covers([cell], x0, x1) for cell in carried)


def _runs_over(chars: list[dict[str, Any]], top: float, bottom: float, pieces: list[tuple[float, float]]) -> bool:
    """Does a letter between ``top`` and ``bottom`` run over a side of one of ``pieces`` (a
    rule's)? Then the text under that rule is in no cell (a cell's text keeps inside its
    sides): a paragraph under the table, not the rest of a row."""
    sides = {x for piece in pieces for x in piece}
    return any(top < float(c["top"]) and float(c["bottom"]) < bottom
               and any(float(c["x0"]) < x - CROSS < x + CROSS < float(c["x1"]) for x in sides) for c in chars)


def _rules_down(page: Any) -> list[Side]:
    """(x, top, bottom) of the rules down the page draws itself (pdfplumber builds its edges
    afresh on every call: read once)."""
    return [(float(e["x0"]), float(e["top"]), float(e["bottom"])) for e in page.edges
            if e["orientation"] == "v" and float(e["bottom"]) - float(e["top"]) >= MIN_RULE_DOWN]


def _draws_down(downs: list[Side], level: _Level) -> bool:
    """Does one of the page's own rules down (``downs``) run from (or to) ``level``'s pieces?"""
    return any(level.left - MEET <= x <= level.right + MEET
               and top - SAME_LEVEL <= level.bottom and bottom + SAME_LEVEL >= level.top for x, top, bottom in downs)


def _text_extent(page: Any, left: float, right: float) -> tuple[float, float] | None:
    """(top, bottom) of the page's text between ``left`` and ``right``, a little beyond it: where
    the rows a page cut end. A line further than FOOTER_GAP line heights from the rest at the
    page's top or foot (a running header, a page number) is left out."""
    lines = sorted({(round(float(c["top"]), 1), round(float(c["bottom"]), 1)) for c in page.chars
                    if str(c["text"]).strip() and left - MEET <= float(c["x0"]) <= right + MEET})
    if not lines:
        return None
    if len(lines) > 2 and lines[1][0] - lines[0][1] > FOOTER_GAP * (lines[0][1] - lines[0][0]):
        lines = lines[1:]
    if len(lines) > 2 and lines[-1][0] - lines[-2][1] > FOOTER_GAP * (lines[-1][1] - lines[-1][0]):
        lines = lines[:-1]
    return lines[0][0] - OPEN_EDGE, max(bottom for _, bottom in lines) + OPEN_EDGE


def _carried_on(levels: list[_Level], carried: list[tuple[float, float]], head: float, foot: float,
                chars: list[dict[str, Any]]) -> tuple[list[Side], list[tuple[float, float]], list[tuple[float, float]]]:
    """The sides (x, top, bottom) of the cells the page before left open (``carried``) on this
    page, with those cut open at its top and those it leaves open at its foot: each goes down
    from the page's first text (``head``) to the first rule under it (the next row's top
    borders when the browser drew none under the cut row), or over the page's foot."""
    sides: list[Side] = []
    opened: list[tuple[float, float]] = []
    left_open: list[tuple[float, float]] = []
    for x0, x1 in carried:
        below = next((level for level in levels if _covers(level.upper, x0, x1)), None)
        if below is not None and below.top <= head:
            # A rule over the page's first text: the table's head drawn again; the cell goes
            # on under the head's foot, to its own bottom border (or over this page's foot).
            after = levels[levels.index(below) + 1:]
            under = next((level for level in after if _covers(level.pieces, x0, x1)), None)
            if under is None:
                continue
            rest = next((level for level in after[after.index(under) + 1:] if _covers(level.upper, x0, x1)), None)
            if rest is None and _runs_over(chars, under.bottom, foot, under.pieces):
                continue  # no head over it: the cut row's bottom borders, a paragraph under the table
            end = rest.bottom if rest else foot
            sides += [(x0, under.top, end), (x1, under.top, end)]
            if rest is None:
                left_open.append((x0, x1))
            continue
        sides += [(x0, head, below.bottom if below else foot), (x1, head, below.bottom if below else foot)]
        opened.append((x0, x1))
        if below is None:
            left_open.append((x0, x1))
    return sides, opened, left_open


class CellBorders:
    """The column rules of tables drawn cell by cell without sides, page after page: the cells
    a page left open at its foot go on at the next page's top, down to the first rule under
    them there (the next row's top borders when the browser drew none under the cut row), or
    through the whole page (a task merged down over all its activities)."""

    def __init__(self) -> None:
        self._open_at: int | None = None  # the number of the page that ended in cells it left open
        self._open: list[tuple[float, float]] = []  # those cells' (x0, x1)

    def rules(self, page: Any) -> list[Edge]:
        """Column rules (and rules across cut rows) of the page's tables drawn cell by cell
        without sides (see the module docstring); none on most pages."""
        number = int(page.page_number)
        carried = self._open if self._open_at == number - 1 else []
        self._open_at, self._open = None, []
        levels = _levels(_pieces(page))
        if not carried and not any(_meetings(level.lower) or _meetings(level.upper) for level in levels):
            return []  # (most pages: whole rules, or none; the rules down are not read)
        downs = _rules_down(page)
        levels = _table_rules([level for level in levels if not _draws_down(downs, level)], float(page.width), carried)
        drawn_by_cell = any(_meetings(level.lower) or _meetings(level.upper) for level in levels)
        if not carried and not drawn_by_cell:
            return []
        pieces = [*carried, *(piece for level in levels for piece in level.pieces)]
        extent = _text_extent(page, min(x0 for x0, _ in pieces), max(x1 for _, x1 in pieces))
        head, foot = extent if extent is not None else (0.0, float(page.height))
        chars = [c for c in page.chars if str(c["text"]).strip()]
        if carried and _runs_over(chars, head, levels[0].top if levels else foot, carried):
            carried = []  # the page's first text runs over their sides: the table ended at the last foot
            if not drawn_by_cell:
                return []
        unclosed: list[tuple[float, float, float]] = []  # (x0, x1, top) of the page's last rule, single-layer
        sides, opened, left_open = _carried_on(levels, carried, head, foot, chars)
        for k, level in enumerate(levels):
            for x0, x1 in sorted({*level.upper, *level.lower}):
                # A cell's top border, down to its bottom border: the first piece under it, as
                # long as it. Which layer a border is in tells little: a browser paints a cell
                # merged down afresh at a page's top, over the top borders of the row beside it.
                below = next((other for other in levels[k + 1:]
                              if _covers(other.pieces, x0, x1) and other.top - level.bottom >= MIN_CELL), None)
                if below is not None and not _closes(below.pieces, x0, x1):
                    continue  # under a single layer: another table's, or a caption between them
                if below is not None:
                    sides += [(x0, level.top, below.bottom), (x1, level.top, below.bottom)]
                elif foot > level.bottom and ((level.apart and (x0, x1) in level.lower)
                                              or not _a_bottom(levels[:k], carried, x0, x1)) \
                        and not _runs_over(chars, level.bottom, foot, level.lower):
                    # A row's top borders with no rule under them on the page: cut open. A single
                    # layer may be the bottom borders of a table's last row (its top over it) or
                    # of a cell the page before left open; with neither, it is a top border too.
                    sides += [(x0, level.top, foot), (x1, level.top, foot)]
                    left_open.append((x0, x1))
                elif foot > level.bottom and k == len(levels) - 1:
                    unclosed.append((x0, x1, level.top))
            for x0, x1 in level.upper:  # a cell's bottom border with nothing over it: cut open above
                above = next((other for other in reversed(levels[:k]) if _covers(other.pieces, x0, x1)), None)
                if above is None and level.apart and head < level.top \
                        and not any(_covers([cell], x0, x1) for cell in carried):
                    sides += [(x0, head, level.bottom), (x1, head, level.bottom)]
                    opened.append((x0, x1))
        if left_open:  # the table goes on over the foot: so does every cell not closed on the page
            for x0, x1, top in unclosed:
                if _runs_over(chars, top, foot, levels[-1].lower):
                    break
                sides += [(x0, top, foot), (x1, top, foot)]
                left_open.append((x0, x1))
        across = [_rule(min(x0 for x0, _ in cells), max(x1 for _, x1 in cells), y)
                  for cells, y in ((opened, head), (left_open, foot)) if cells]
        if left_open:
            self._open_at, self._open = number, left_open
        return [*(_down(x, top, bottom) for x, top, bottom in sorted(set(sides))), *across]


def _down(x: float, top: float, bottom: float) -> Edge:
    return {"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
            "orientation": "v", "object_type": "line_edge"}


def _rule(x0: float, x1: float, y: float) -> Edge:
    return {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0,
            "orientation": "h", "object_type": "line_edge"}
