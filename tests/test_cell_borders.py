"""Tables a browser drew cell by cell, ruled only across (``grantparse/readers/pdf_cell_borders.py``):
each cell's top and bottom borders are thin rectangles a cell long; where they meet stand the
cells' sides, which come back as column rules. Pages made up as a browser draws them: borders
0.75 pt thick, apart (the bottom borders of a row right over the top borders of the next)."""

from __future__ import annotations

import itertools
from types import SimpleNamespace
from typing import Any

from grantparse.readers.pdf_cell_borders import OPEN_EDGE, CellBorders

THICK = 0.75  # a pixel's border
COLUMNS = (40.0, 120.0, 200.0, 300.0)  # three cells' sides
WIDTH = 340.0  # the page's


def _rects(y: float, xs: tuple[float, ...], layers: int = 2) -> list[dict[str, float]]:
    """The borders at height ``y`` of cells between ``xs``: the bottom borders of the row
    above (layer one) and the top borders of the row below (layer two)."""
    return [{"x0": a, "x1": b, "top": y + k * THICK, "bottom": y + (k + 1) * THICK}
            for k in range(layers) for a, b in itertools.pairwise(xs)]


def _chars(text: str, x0: float, top: float) -> list[dict[str, Any]]:
    return [{"text": ch, "x0": x0 + 5 * k, "x1": x0 + 5 * (k + 1), "top": top, "bottom": top + 10}
            for k, ch in enumerate(text)]


def _page(rects: list[dict[str, float]], chars: list[dict[str, Any]], number: int = 1,
          edges: list[dict[str, Any]] | None = None) -> SimpleNamespace:
    return SimpleNamespace(rects=rects, lines=[], chars=chars, edges=edges or [], page_number=number, width=WIDTH)


def _downs(rules: list[dict[str, Any]]) -> list[tuple[float, float, float]]:
    return sorted((e["x0"], e["top"], e["bottom"]) for e in rules if e["orientation"] == "v")


def _acrosses(rules: list[dict[str, Any]]) -> list[tuple[float, float, float]]:
    return sorted((e["top"], e["x0"], e["x1"]) for e in rules if e["orientation"] == "h")


def test_the_cells_sides_are_where_their_borders_meet() -> None:
    # Two rows; the text of neighbouring cells touches (no padding), so no gap shows a column.
    rects = [*_rects(100, COLUMNS, layers=1), *_rects(130, COLUMNS), *_rects(160, COLUMNS, layers=1)]
    chars = [*_chars("ab" * 8, 40, 105), *_chars("cd" * 8, 120, 105), *_chars("ef" * 20, 200, 135)]
    rules = CellBorders().rules(_page(rects, chars))
    downs = _downs(rules)
    for x in COLUMNS:
        assert (x, 100, 131.5) in downs  # the first row: from its top border over the next one
        assert (x, 130, 160.75) in downs  # the second: from the rule over it to the one under it
    assert not _acrosses(rules)  # every row is closed


def test_a_header_over_two_columns_stays_one_cell() -> None:
    # «Индикаторлар» over «жоспар | факт»: its top border is one piece over both, the rule
    # under it two; the side between them begins at that rule.
    rects = [*_rects(100, (40.0, 120.0, 300.0), layers=1), {"x0": 120, "x1": 300, "top": 120, "bottom": 120.75},
             *({"x0": a, "x1": b, "top": 120.75, "bottom": 121.5} for a, b in ((120, 200), (200, 300))),
             *_rects(150, COLUMNS, layers=1)]
    chars = [*_chars("Индикаторлар", 150, 105), *_chars("жоспар", 125, 128), *_chars("факт", 205, 128)]
    downs = _downs(CellBorders().rules(_page(rects, chars)))
    assert [d for d in downs if d[0] == 200] == [(200, 120, 150.75)]
    assert (120, 100, 121.5) in downs and (120, 120, 150.75) in downs  # the label's own sides


def test_a_row_cut_by_the_page_is_closed_on_both_pages() -> None:
    # The page's last rule is a row's top borders (with the bottom borders of the row above):
    # the row's text runs to the foot, no rule under it. The next page opens with the rest of
    # it and closes it with its bottom borders — one layer, the table's last row.
    borders = CellBorders()
    first = _page([*_rects(100, COLUMNS, layers=1), *_rects(130, COLUMNS)],
                  [*_chars("row", 45, 105), *_chars("cut" * 3, 45, 140), *_chars("more", 205, 140),
                   *_chars("last", 45, 152)], number=1)
    rules = borders.rules(first)
    foot = 162 + OPEN_EDGE
    assert _acrosses(rules) == [(foot, 40, 300)]
    assert (200, 130, foot) in _downs(rules)
    second = _page(_rects(80, COLUMNS, layers=1), [*_chars("rest", 45, 50), *_chars("end", 205, 62),
                                                    *_chars("A paragraph after the table.", 40, 100)], number=2)
    rules = borders.rules(second)
    head = 50 - OPEN_EDGE
    assert _acrosses(rules) == [(head, 40, 300)]
    assert _downs(rules) == [(x, head, 80.75) for x in COLUMNS]


def test_a_table_that_ends_on_its_page_opens_nothing() -> None:
    # The same first rule on a page after one that ended with a closed row: a caption over a
    # table's top border, not the rest of a row.
    borders = CellBorders()
    closed = _page([*_rects(100, COLUMNS, layers=1), *_rects(130, COLUMNS, layers=1)], _chars("x", 45, 105))
    assert not _acrosses(borders.rules(closed))
    page = _page([*_rects(80, COLUMNS, layers=1), *_rects(110, COLUMNS, layers=1)],
                 [*_chars("Caption", 40, 50), *_chars("cell", 45, 85)], number=2)
    rules = borders.rules(page)
    assert not _acrosses(rules)
    assert all(top >= 80 for _, top, _ in _downs(rules))


def test_whole_rules_or_rules_down_get_nothing() -> None:
    # LibreOffice draws a row's rule in one stroke: no pieces meet, nothing to tell.
    whole = [{"x0": 40, "x1": 300, "top": y, "bottom": y + THICK} for y in (100, 130, 160)]
    assert CellBorders().rules(_page(whole, _chars("text", 45, 105))) == []
    # A page drawing its columns itself is read as drawn.
    sides = [{"x0": x, "x1": x, "top": 100, "bottom": 161, "orientation": "v"} for x in COLUMNS]
    assert CellBorders().rules(_page(_rects(100, COLUMNS) + _rects(160, COLUMNS), [], edges=sides)) == []


def test_a_cell_merged_down_over_a_whole_page_keeps_its_sides() -> None:
    # The task (40–120) merged down over activities cut by two pages: on the middle page no
    # border of it is drawn at all, only the activities' rows beside it; the browser drew no
    # rule under the cut activity row either, so the next row's top borders close it.
    borders = CellBorders()
    borders.rules(_page([*_rects(100, COLUMNS, layers=1), *_rects(130, COLUMNS)],
                        [*_chars("task", 45, 140), *_chars("activity", 125, 140), *_chars("x", 205, 150)]))
    middle = _page(_rects(90, COLUMNS[1:], layers=1),
                   [*_chars("task goes on", 45, 50), *_chars("rest", 125, 60), *_chars("next", 125, 100),
                    *_chars("task still", 45, 112)], number=2)
    rules = borders.rules(middle)
    head, foot = 50 - OPEN_EDGE, 122 + OPEN_EDGE
    downs = _downs(rules)
    assert (40, head, foot) in downs and (120, head, foot) in downs  # the task's sides, top to foot
    assert (200, head, 90.75) in downs  # the cut activity row, closed by the next row's top
    assert _acrosses(rules) == [(head, 40, 300), (foot, 40, 300)]
    last = _page(_rects(80, COLUMNS, layers=1), _chars("task ends", 45, 50), number=3)
    assert (40, head, 80.75) in _downs(borders.rules(last))


def test_a_caption_between_two_tables_gets_no_cells() -> None:
    # One layer under the first table's last row, one over the next table's first: the
    # caption between them stands under pieces of other lengths, so it is no row of either.
    other = (40.0, 90.0, 160.0, 230.0, 300.0)
    rects = [*_rects(100, COLUMNS, layers=1), *_rects(130, COLUMNS, layers=1),
             *_rects(160, other, layers=1), *_rects(190, other, layers=1)]
    chars = [*_chars("first", 45, 105), *_chars("Caption:", 40, 140), *_chars("second", 45, 165)]
    downs = _downs(CellBorders().rules(_page(rects, chars)))
    assert not [d for d in downs if d[1] < 155 < d[2]]  # nothing runs down through the caption
    assert (120, 100, 130.75) in downs and (90, 160, 190.75) in downs


def test_an_underline_is_no_rule() -> None:
    # A link underlined in two runs that meet, inside a cell: its ends are no column's sides.
    rects = [*_rects(100, COLUMNS, layers=1), *_rects(160, COLUMNS, layers=1),
             {"x0": 130, "x1": 150, "top": 120, "bottom": 120.5}, {"x0": 150, "x1": 175, "top": 120, "bottom": 120.5}]
    downs = _downs(CellBorders().rules(_page(rects, _chars("https://example.kz/a", 125, 110))))
    assert {x for x, _, _ in downs} == set(COLUMNS)


def test_a_cell_begun_in_a_single_layer_under_a_closed_one_is_cut_open() -> None:
    # The task cell (40–120) carried from the page before closes at 60; the next task's top
    # border is drawn a little under it, alone; the activities beside it close at 90, but its
    # cell runs on over the page's foot.
    borders = CellBorders()
    borders.rules(_page([*_rects(100, COLUMNS, layers=1), *_rects(130, COLUMNS)],
                        [*_chars("task one", 45, 140), *_chars("x", 125, 140), *_chars("y", 205, 150)]))
    rects = [{"x0": 40, "x1": 120, "top": 60, "bottom": 60.75}, *_rects(60, COLUMNS[1:]),
             {"x0": 40, "x1": 120, "top": 62.5, "bottom": 63.25}, *_rects(90, COLUMNS[1:], layers=1)]
    chars = [*_chars("rest", 45, 45), *_chars("task two", 45, 70), *_chars("z", 125, 70), *_chars("w", 45, 95)]
    rules = borders.rules(_page(rects, chars, number=2))
    assert (40, 62.5, 105 + OPEN_EDGE) in _downs(rules)  # the new task's cell, open at the foot
    assert (105 + OPEN_EDGE, 40, 300) in _acrosses(rules)


def test_a_cell_the_page_before_left_open_goes_on_under_the_head_drawn_again() -> None:
    # The browser draws the table's head again at the page's top, then the rest of the cut row:
    # its first cells end at 90, the last (200–300, merged down) goes on over the foot.
    borders = CellBorders()
    borders.rules(_page([*_rects(100, COLUMNS, layers=1), *_rects(130, COLUMNS)],
                        [*_chars("row", 45, 140), *_chars("cut", 205, 150)]))
    head = [*_rects(40, COLUMNS, layers=1), *_rects(60, COLUMNS, layers=1)]
    chars = [*_chars("Head", 45, 45), *_chars("rest", 205, 65), *_chars("more", 205, 77), *_chars("on", 205, 89)]
    rules = borders.rules(_page([*head, *_rects(80, COLUMNS[:3], layers=1)], chars, number=2))
    downs = _downs(rules)
    assert (300, 60, 99 + OPEN_EDGE) in downs  # under the head's foot, over the page's foot
    assert not [y for y, _, _ in _acrosses(rules) if y < 60]  # no rule cuts the head open


def test_a_paragraph_under_a_tables_last_rule_is_no_cut_row() -> None:
    # The browser paints the last row's bottom borders under the feet of the cells merged
    # down beside it, as if they were a row's top borders; the text under them runs over
    # the columns' sides: a paragraph after the table, which opens nothing.
    rects = [*_rects(100, COLUMNS, layers=1), {"x0": 40, "x1": 120, "top": 130, "bottom": 130.75},
             *({"x0": a, "x1": b, "top": 130.75, "bottom": 131.5} for a, b in ((120, 200), (200, 300)))]
    chars = [*_chars("cell", 45, 105), *_chars("A paragraph after the table, across the page.", 42, 140)]
    rules = CellBorders().rules(_page(rects, chars))
    assert not _acrosses(rules) and all(bottom <= 131.5 for _, _, bottom in _downs(rules))


def test_cells_left_open_end_where_the_next_page_begins_with_a_paragraph() -> None:
    # The task and long-term cells merged down seemed to go on over the foot; the next page
    # holds only the paragraph after the table, its lines running over their sides.
    borders = CellBorders()
    borders.rules(_page([*_rects(100, COLUMNS, layers=1), *_rects(130, COLUMNS)],
                        [*_chars("task", 45, 140), *_chars("y", 205, 150)]))
    text = [*_chars("Everything planned was reached, no deviation.", 42, 50)]
    assert borders.rules(_page([], text, number=2)) == []
