"""Tables ruled only across (a Word table style with no vertical borders): the PDF reader finds
their columns from the text (``grantparse/readers/pdf_columns.py``).

Renderings of scored contents with every table so ruled, printed by LibreOffice, must give
the content's expected model, and the same model as their fully ruled twins; the gap finder's
rules on their own: a header merged over two columns, a paragraph between two tables, a
table cut by a page whose part on the next page leaves columns empty."""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

import numpy as np
import pdfplumber
import pytest

import grantparse
from grantparse.readers.document import Cell, Table
from grantparse.readers.pdf_columns import (
    STEP,
    Band,
    _beyond,
    _column_rule,
    _cut_row_floor,
    _edges_of_merged_cells,
    _Gaps,
    _marked,
    _Part,
    _snapped,
)
from grantparse.readers.stitch import column_map
from samples.build import docx_to_pdfs, layout_named
from samples.content import load_content
from samples.expected import score
from samples.render_docx import render_docx
from samples.soak import plan, render

HAVE_SOFFICE = bool(shutil.which("soffice") or shutil.which("libreoffice"))
REQUIRE_SOFFICE = os.environ.get("GRANTPARSE_REQUIRE_SOFFICE") == "1"
needs_soffice = pytest.mark.skipif(not HAVE_SOFFICE and not REQUIRE_SOFFICE, reason="LibreOffice is not installed")

# (content, randomiser seed): three contents, both languages of labels, different layouts;
# the Russian one has its statistics laid down, drawn as one run of rules with their captions
# («Возрастной показатель:») between them. The last two pad their cells by a point: the text
# of two columns comes within two points of each other, and a task table of ten pages with
# its head drawn once (13002, centred indicators) or a two-column header table whose first
# label nearly meets its value (13027) is read right only from all its rows together. In the
# last, the gender table ends a page with its caption under it, and the categories table
# starts the next one: two tables, not one cut by the page. 18002 (a point of padding again)
# centres its plan and fact values: only the head's «жоспа(р) | факт» under «Индикаторлар»
# show the edge between those columns. 18001 ends a page with the categories table's head
# (its values open the next page, over the caption «Жас көрсеткіші» and the age table);
# 18025 centres its plan and fact values and sets the head's labels left. 21045 centres
# copies of one value («1» under «1») next to a narrow gap, and sets «нақты» left a point
# into the strip between the plan and fact values; 21065 puts one row on each page, each too
# tall for it, its last line spilling over the page's last rule. 24934 (Liberation Sans
# Narrow, a point of padding) puts a row of two centred values alone under «Индикаторлар»
# (only the head runs over their one gap) three rows into the table, whose head alone shows
# the plan|fact edge where «факт» starts; 25009 leaves the last category's value empty, its
# edge shown by the head alone, «Другие» 3.9 pt after «бизнес-».
RENDERINGS = [("kk_turkistan_women_2025", 106), ("kk_oskemen_elderly_2024", 119), ("ru_pavlodar_inclusion_2024", 107),
              ("kk_turkistan_women_2025", 13002), ("kk_turkistan_women_2025", 13027), ("ru_almaty_eco_2023", 16008),
              ("kk_turkistan_women_2025", 18002), ("kk_oskemen_elderly_2024", 18001), ("kk_astana_sport_2023", 18025),
              ("kk_astana_sport_2023", 21045), ("kk_astana_sport_2023", 21065), ("kk_astana_sport_2023", 24934),
              ("ru_karaganda_youth_2025", 25009)]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int, str], Path]:
    """(content, seed, rules) → PDF, for rules «horizontal» and «grid»."""
    if not HAVE_SOFFICE:
        pytest.fail("LibreOffice is required here (GRANTPARSE_REQUIRE_SOFFICE=1)")
    out = tmp_path_factory.mktemp("across")
    docx: dict[tuple[str, int, str], Path] = {}
    for content, seed in RENDERINGS:
        for rules in ("horizontal", "grid"):
            path = out / f"{content}_{seed}_{rules}.docx"
            render_docx(load_content(content), dataclasses.replace(layout_named(f"random{seed}"), rules=rules), path)
            docx[(content, seed, rules)] = path
    pdfs = docx_to_pdfs(list(docx.values()), out)
    return dict(zip(docx, pdfs, strict=True))


@needs_soffice
@pytest.mark.parametrize(("content", "seed"), RENDERINGS)
def test_the_pdf_draws_no_column_rule(rendered: dict[tuple[str, int, str], Path], content: str, seed: int) -> None:
    with pdfplumber.open(rendered[(content, seed, "horizontal")]) as pdf:
        assert not any(e["orientation"] == "v" for page in pdf.pages for e in page.edges)
        assert sum(len(page.find_tables()) for page in pdf.pages) == 0  # pdfplumber alone finds nothing


@needs_soffice
@pytest.mark.parametrize(("content", "seed"), RENDERINGS)
def test_a_table_ruled_only_across_gives_the_expected_model(rendered: dict[tuple[str, int, str], Path],
                                                            content: str, seed: int) -> None:
    result = score(grantparse.read(rendered[(content, seed, "horizontal")]), load_content(content))
    assert not result.missed, result.missed[:12]
    assert result.pairs_right == result.pairs > 0 and result.activities_right == result.activities > 0
    assert result.findings_equal, result.findings_diff()


@needs_soffice
@pytest.mark.parametrize(("content", "seed"), RENDERINGS)
def test_ruled_across_and_ruled_grid_give_one_model(rendered: dict[tuple[str, int, str], Path],
                                                   content: str, seed: int) -> None:
    def model(rules: str) -> dict[str, object]:
        report = grantparse.read(rendered[(content, seed, rules)])
        return report.model_dump(mode="json", exclude={"source", "locations", "notes"})

    assert model("horizontal") == model("grid")


@needs_soffice
def test_a_row_cut_under_its_indicators_only_keeps_the_table_going(tmp_path: Path) -> None:
    # Soak seed 25102 ruled across: page 9 ends with an activity's last indicator row, closed
    # only under the indicators; its activity goes on at page 10's top. LibreOffice drops a
    # few of the activity's lines at the cut on some builds (not in the PDF), but the cut row and
    # every row after it stay in the task table: once, the whole rest of task 9 and tasks 10–12
    # were lost.
    (rendering,) = plan(1, 25102, rules="horizontal")
    ((_, path),) = render([rendering], tmp_path, {"pdf"})
    report = grantparse.read(path)
    content = load_content(rendering.content)
    result = score(report, content)
    assert result.findings_equal, result.findings_diff()
    cut = [a for a in report.tasks[8].activities if a.indicators and a.indicators[-1].plan_raw == "85 %"]
    facts = [i.fact_raw for a in cut for i in a.indicators]
    written = [i["fact"] for i in content["tasks"][8]["activities"][0]["indicators"]]
    assert facts and facts == written[-len(facts):] and facts[-1] == "100 %"  # the cut row, with its values
    after = [a for task in report.tasks[8:] for a in task.activities]
    assert [a.dates_raw for a in after[-4:]] == [a["dates"] for task in load_content(rendering.content)["tasks"][8:]
                                                 for a in task["activities"]][-4:]


# --------------------------------------------------------------------------- the gap finder alone

WIDTH = 200.0  # points across the made-up page
SIZE = 10.0  # the text's font size


def _band(*cells: tuple[float, float], lines: int = 2) -> Band:
    """A band whose text covers the given (x0, x1) spans, each a cell of ``lines`` lines
    starting at x0."""
    covered = np.zeros(int(WIDTH / STEP) + 1, dtype=bool)
    starts = np.zeros_like(covered, dtype=np.int32)
    for x0, x1 in cells:
        covered[int(x0 / STEP): int(x1 / STEP)] = True
        starts[int(x0 / STEP)] += lines
    return Band(covered, starts)


def _columns(bands: list[Band]) -> list[float]:
    return [round(g * STEP) for g in _Gaps(SIZE).of(bands)]


def test_columns_are_the_strips_no_row_crosses() -> None:
    rows = [_band((5, 60), (75, 120), (135, 190)), _band((5, 40), (75, 110), (135, 160))]
    assert _columns(rows) == [68, 128]


def test_a_header_over_two_columns_keeps_the_gap_between_them() -> None:
    header = dataclasses.replace(_band((5, 60), (90, 170), lines=1), head=True)  # «Индикаторлар» over plan and fact
    rows = [_band((5, 60), (75, 110), (135, 170)), _band((5, 50), (75, 100), (135, 160))]
    assert _columns([header, *rows]) == [68, 122]


def test_word_spaces_that_line_up_by_chance_are_no_column() -> None:
    # Two one-line cells whose words leave a space (a third of an em or so) at the same
    # place, with no line starting right after it: no column there.
    rows = [_band((5, 60), (62, 120), lines=1), _band((5, 57), (60.5, 110), lines=1)]
    assert _columns(rows) == []


def test_a_narrow_way_through_the_head_with_a_value_after_it_is_a_column() -> None:
    # Cells padded a point: the head's labels «…барлығы | Ерлер» leave two points between
    # them (and word spaces elsewhere); the one value row leaves a wide gap, and its «236»
    # starts right after the way between the labels.
    head = dataclasses.replace(_band((5, 30), (32, 58), (60, 98), (100, 130), lines=1), head=True)
    values = _band((5, 15), (100, 110), lines=1)
    assert _columns([head, values]) == [99]
    # No value starts after the way: a word space of the head.
    assert _columns([head, _band((5, 15), (104, 110), lines=1)]) == []


def test_labels_under_one_label_over_two_columns_mark_the_edge_between_them() -> None:
    # «Индикаторлар» over «жоспа(р) | факт» in cells padded a point: the body's centred values
    # leave only two points free between the plan and the fact columns, and no line starts at
    # the fact column's edge; the head's lower labels come up to that strip from both sides.
    def head(*lines: tuple[float, list[tuple[float, float]]]) -> Band:
        band = _band(*(span for _, spans in lines for span in spans), lines=1)
        return dataclasses.replace(band, head=True, lines=list(lines))

    values = [_band((104, 118.5), (123, 135), lines=1), _band((101, 119), (121.5, 138), lines=1),
              _band((106, 117), (125, 133), lines=1)]
    labels = head((10.0, [(100, 140)]), (22.0, [(101, 119), (121.5, 139)]), (34.0, [(106, 108)]))
    assert _columns([labels, *values]) == [120]
    # one line of a spanning value over the lines of its own text, with a word space there: no
    # labels of two cells (the space is narrower than two paddings)
    prose = head((10.0, [(100, 140)]), (22.0, [(101, 119.6), (120.4, 139)]))
    assert _columns([prose, _band((101, 119.6), (120.4, 139), lines=1)]) == []
    # the lower line's words stop far from the strip: no labels that nearly fill their cells
    apart = head((10.0, [(100, 140)]), (22.0, [(101, 110), (130, 139)]))
    assert _columns([apart, *values]) == []


def test_a_paragraph_between_two_tables_cuts_them_apart() -> None:
    gaps = _Gaps(SIZE)
    table = [_band((5, 60), (75, 120), (135, 190)), _band((5, 40), (75, 110), (135, 160))]
    paragraph = _band((5, 150), lines=1)
    assert not gaps.goes_on(table, paragraph)
    assert gaps.tables([*table, paragraph, *table]) == [(0, 2), (2, 3), (3, 5)]


def test_a_row_with_empty_cells_belongs_to_its_table() -> None:
    gaps = _Gaps(SIZE)
    table = [_band((5, 60), (75, 120), (135, 190)), _band((5, 40), (75, 110), (135, 160))]
    assert gaps.goes_on(table, _band((135, 150)))
    assert gaps.tables([*table, _band((135, 150))]) == [(0, 3)]


def test_a_label_that_nearly_fills_its_cell_is_no_caption() -> None:
    # A two-column table (label | value): a label runs to a point short of the value, past
    # the middle of the gap the rows around it show; a caption runs over that gap and stops.
    gaps = _Gaps(SIZE)
    rows = [_band((5, 70), (100, 190)), _band((5, 60), (100, 180))]
    label_row = _band((5, 98), (100, 190))
    assert gaps.tables([*rows, label_row, *rows]) == [(0, 5)]
    caption = _band((5, 97), lines=1)
    assert gaps.tables([*rows, caption, *rows]) == [(0, 2), (2, 3), (3, 5)]


def test_a_cells_rest_wrapped_in_its_column_is_no_caption() -> None:
    # The task's text carried over a page, alone between the repeated head and the next row:
    # five lines set in the first column, each ending a point short of the head's next label.
    # A caption that stops so near a column's edge is one line; this is a cell's rest.
    gaps = _Gaps(SIZE)
    head = _band((5, 30), (75, 120), (135, 190), lines=1)
    rest = dataclasses.replace(_band((5, 73), lines=5),
                               lines=[(float(12 * k), [(5.0, 73.0)]) for k in range(5)])
    rows = [_band((5, 60), (75, 120), (135, 190)), _band((5, 40), (75, 110), (135, 160))]
    assert gaps.tables([head, rest, *rows]) == [(0, 4)]
    one_line = dataclasses.replace(rest, lines=rest.lines[:1])
    assert gaps.tables([head, one_line, *rows]) == [(0, 1), (1, 2), (2, 4)]


def test_only_the_head_may_run_over_a_rows_one_gap() -> None:
    # «Индикаторлар» over «жоспар | нақты»: a row with only the two centred values (under an
    # activity merged down beside them) has that one gap alone, and the head runs over it.
    gaps = _Gaps(SIZE)
    head = _band((5, 60), (90, 170), lines=1)
    rows = [_band((5, 60), (92, 118), (140, 168)), _band((5, 50), (95, 115), (145, 160))]
    values = _band((96, 116), (142, 162))
    assert gaps.tables([head, *rows, values]) == [(0, 4)]
    # a row of the body running over it is another table's
    wide_row = _band((5, 60), (90, 170))
    assert gaps.tables([head, *rows, wide_row, values]) == [(0, 3), (3, 4), (4, 5)]


def test_a_long_label_over_an_empty_value_is_no_caption() -> None:
    # A table of statistics laid down (label | value): «Балалар (оның ішінде мүгедек
    # балалар)» runs past the middle of the wide strip the short labels around it leave, and
    # stops far short of the values.
    gaps = _Gaps(SIZE)
    rows = [_band((5, 40), (150, 170)), _band((5, 45), (150, 165))]
    assert gaps.tables([rows[0], _band((5, 110), lines=1), rows[1]]) == [(0, 3)]


def test_the_first_band_of_a_run_is_no_caption() -> None:
    # The rule over it is a table's border (a paragraph above a table has none): the rest of a
    # label cut by the page, at the top of the next one.
    gaps = _Gaps(SIZE)
    rows = [_band((5, 70), (100, 190)), _band((5, 60), (100, 180))]
    assert gaps.tables([_band((20, 95), lines=1), *rows]) == [(0, 3)]


def test_a_short_caption_where_two_tables_meet_stands_alone() -> None:
    # «Жас көрсеткіші:» between the categories table (head, values) and the age table: too
    # short to run over a gap, it goes on with either; right before another table's head (or
    # right after the last table, opening the next) it is the caption between them.
    gaps = _Gaps(SIZE)
    categories = [_band((5, 30), (40, 70), (80, 110), (120, 150), lines=2), _band((5, 12), (40, 46), (120, 126), lines=1)]
    caption = _band((5, 28), lines=1)
    age = [_band((5, 25), (60, 85), (100, 130), (160, 190), lines=1), _band((5, 12), (60, 66), (160, 166), lines=1)]
    assert gaps.tables([*categories, caption, *age]) == [(0, 2), (2, 3), (3, 5)]
    # a table's last row with one cell filled, with no table after it, stays a row
    assert gaps.tables([*categories, caption]) == [(0, 3)]


def test_a_caption_whose_word_space_falls_on_a_narrow_strip_still_stands_alone() -> None:
    # «Социальный статус по категориям:» between the gender table (three cells, wide strips)
    # and the categories table, whose cells a point of padding sets two points apart: the
    # space after «Социальный» falls right on the strip after «Количество». The line's text
    # goes on across that strip: a caption, not a row of either table.
    gaps = _Gaps(SIZE)
    gender = [_band((5, 40), (100, 130), (150, 180), lines=1), _band((5, 15), (100, 110), (150, 160), lines=1)]
    caption = dataclasses.replace(_band((5, 40), (42, 60), (62, 75), lines=0), starts=_band((5, 75), lines=1).starts)
    categories = [_band((5, 40), (42, 80), (82, 128), (132, 148), (152, 195)),
                  _band((5, 12), (42, 50), (82, 90), (132, 140), (152, 160), lines=1)]
    assert gaps.tables([*gender, caption, *categories]) == [(0, 2), (2, 3), (3, 5)]
    # a word space a little wider than the strip, text on both its sides: the same
    wider = dataclasses.replace(caption, covered=_band((5, 39.5), (42.5, 60), (62, 75)).covered)
    assert gaps.tables([*gender, wider, *categories]) == [(0, 2), (2, 3), (3, 5)]
    # a one-line row whose text stops at the strip goes on with its table
    row = _band((5, 40), lines=1)
    assert gaps.tables([*categories, row]) == [(0, 3)]


def test_a_row_crossing_the_one_gap_of_a_two_column_table_starts_another_table() -> None:
    gaps = _Gaps(SIZE)
    goal = [_band((5, 60), (75, 190)), _band((5, 55), (75, 185))]
    tasks_head = _band((5, 40), (50, 90), (100, 140), (150, 190), lines=1)
    assert gaps.tables([*goal, tasks_head]) == [(0, 2), (2, 3)]


def _part(page: int, *bands: Band) -> _Part:
    return _Part(page, round(WIDTH), 0.0, 100.0, 0.0, WIDTH, SIZE, list(bands), [])


def test_a_table_over_pages_finds_its_columns_from_all_its_rows() -> None:
    # Cells padded a point: on each page the gap at 68 is narrower than a word space, and only
    # one line starts after it; the rows of both pages together start two lines there.
    first = _part(1, _band((5, 67), (69, 120), lines=1))
    second = _part(2, _band((5, 66), (69, 100), lines=1))
    assert _columns(first.bands) == [] and _columns(second.bands) == []
    assert _columns(_marked([first, second])) == [68]


def test_a_head_drawn_again_on_the_next_page_is_marked_as_head() -> None:
    head = _band((5, 60), (90, 170), lines=1)  # «Индикаторлар» over plan and fact
    first = _part(1, head, _band((5, 60), (75, 110), (135, 170)), _band((5, 50), (75, 100), (135, 160)))
    second = _part(2, _band((5, 60), (90, 170), lines=1), _band((5, 40), (75, 105), (135, 150)))
    marked = _marked([first, second])
    assert [band.head for band in marked] == [True, False, False, True, False]
    assert _columns(marked) == [68, 122]  # the middle of the strip only the heads cross


def test_rules_inside_a_table_that_end_together_end_on_a_column_edge() -> None:
    # Indicators one per row: the rules between them run from the indicator column to the
    # fact column and stop at the short-term results merged down beside them (at 100), where
    # no text stands; one rule ending alone, or an end where text stands, makes no edge.
    rows = [_band((5, 60), (75, 95), (105, 190)), _band((5, 40), (75, 90), (105, 180))]
    assert _edges_of_merged_cells([100.2, 99.8, 100.0, 150.0], [68.0], rows) == [100.0]
    assert _edges_of_merged_cells([100.0, 100.5], [98.0], rows) == []  # a rule drawn there already
    assert _edges_of_merged_cells([85.0, 85.0], [68.0], rows) == []


def test_rules_snap_onto_where_a_rule_inside_the_table_ends() -> None:
    part = [_band((5, 60), (75, 95), (135, 190))]
    # The gap's middle (100) lies in the same empty strip as the end of the rule under a
    # merged header (128): the rule goes there.
    assert _snapped([0.0, 67.0, 100.0, 200.0], [68.0, 128.0], part) == [0.0, 68.0, 128.0, 200.0]
    # Text runs over the end: the rule stays where the gap is.
    crossing = [_band((5, 60), (75, 131), (135, 190))]
    assert _snapped([0.0, 67.0, 133.0, 200.0], [68.0, 128.0], crossing) == [0.0, 68.0, 133.0, 200.0]


def _table(edges: list[float]) -> Table:
    cells = [Cell(page=1, bbox=(x0, 0.0, x1, 10.0)) for x0, x1 in zip(edges, [*edges[1:], edges[-1] + 50], strict=True)]
    return Table(rows=[list(cells)], page=1)


def test_a_continued_part_maps_each_column_onto_the_nearest_line() -> None:
    # The goal table's line at 106 beside the task table's at 112, on the page the two touch.
    first = _table([42.0, 60.0, 106.0, 112.0, 177.0])
    assert column_map(first, _table([42.0, 60.0, 110.0, 177.0])) == [0, 1, 3, 4]


def test_copies_of_one_centred_value_are_no_column_edge() -> None:
    # «1» centred under «1» in three rows starts at one place wherever the column's edge is;
    # the strip before them is narrow (values of the column beside come within two points).
    def band(*pieces: tuple[float, float]) -> Band:
        plain = _band(*pieces, lines=1)
        return dataclasses.replace(plain, pieces=[(round(a / STEP), round(b / STEP)) for a, b in pieces])

    copies = [band((5, 60), (62, 66)), band((5, 61), (62, 66)), band((5, 58), (62, 66))]
    assert _columns(copies) == []
    # lines of different lengths that start together are set left at the column's edge
    left = [band((5, 60), (62, 66)), band((5, 61), (62, 90)), band((5, 58), (62, 75))]
    assert _columns(left) == [62]
    # ...and every one of them counts, copies too (a column of «1 ед.» with a few longer values)
    assert _columns([*copies, *copies, band((5, 60), (62, 90))]) == [62]


def test_a_lower_label_set_left_a_point_into_the_bodys_strip_still_marks_the_edge() -> None:
    # «Индикаторлар» over «жоспар | нақты»: «нақты» is set left and starts a point into the
    # strip the body's values leave (689–691.5); the strip between the labels holds it.
    def head(*lines: tuple[float, list[tuple[float, float]]]) -> Band:
        band = _band(*(span for _, spans in lines for span in spans), lines=1)
        return dataclasses.replace(band, head=True, lines=list(lines))

    labels = head((10.0, [(100, 170)]), (22.0, [(101, 127), (130.8, 150)]))
    # «нақты» is closer to «жоспар» than a wide gap: it starts no piece of its line
    labels.starts[:] = 0
    labels.starts[[int(100 / STEP), int(101 / STEP)]] = 1
    values = [_band((101, 129), (131.5, 168), lines=1), _band((104, 128.5), (134, 165), lines=1),
              _band((101, 127), (136.5, 163), lines=1)]  # centred: no two start together
    assert _columns([labels, *values]) == [130]


def test_a_lower_label_set_left_where_the_right_columns_values_begin_marks_the_edge() -> None:
    # «нақты» set left at its cell's edge; the plan's values are centred, one only comes up
    # to it, but the fact's long values, centred too, nearly fill their cell in several rows.
    labels = dataclasses.replace(_band((100, 170), lines=1), head=True,
                                 lines=[(10.0, [(100, 170)]), (22.0, [(101, 115), (131, 150)])])
    labels.starts[:] = 0
    labels.starts[[int(100 / STEP), int(131 / STEP)]] = 1
    values = [_band((108, 118), (132, 168), lines=1), _band((109, 117), (133.5, 166), lines=1),
              _band((107, 119), (135, 165), lines=1), _band((108, 118), (145, 155), lines=1),
              _band((101, 129), (145, 155), lines=1)]  # one long plan leaves a strip narrower than a wide gap
    assert _columns([labels, *values]) == [130]


def test_label_lines_starting_together_after_a_narrow_strip_part_two_head_cells() -> None:
    # The categories' head in cells padded a point: «… бизнес-» | «Другие» stand 3.9 pt apart
    # (less than a wide gap), and the last column's value is empty, so only the head shows its
    # edge: «Другие» and «категории» start together right after the strip.
    def head(*lines: list[tuple[float, float]]) -> Band:
        band = _band(*(span for spans in lines for span in spans), lines=1)
        band.starts[:] = 0  # pieces start after a wide gap only: here, at each line's start
        band.starts[int(5 / STEP)] = len(lines)
        return dataclasses.replace(band, head=True, lines=[(10.0 * (k + 1), spans) for k, spans in enumerate(lines)])

    values = [_band((5, 15), (47, 60), lines=1)]
    labels = head([(5, 60), (62, 90), (93.9, 120)], [(5, 75), (93.9, 140)])
    assert 92 in _columns([labels, *values])
    # one line starting there (the other ends short of it) may be a word after a space
    assert 92 not in _columns([head([(5, 60), (62, 90), (93.9, 120)], [(5, 88)]), *values])


class _Page:
    """A made-up page: pdfplumber's edges and characters."""

    def __init__(self, rules: list[tuple[float, float, float]], words: list[tuple[float, float, str]]) -> None:
        self.edges = [{"orientation": "h", "top": top, "x0": x0, "x1": x1} for top, x0, x1 in rules]
        self.chars = [{"top": top, "bottom": top + 11.0, "x0": x0, "x1": x0 + 6.0 * len(text), "text": text,
                       "size": 11.0} for top, x0, text in words]


def test_a_row_cut_at_a_pages_foot_ends_at_the_rule_under_its_indicators() -> None:
    # 25102: an activity merged down beside its indicators goes on at the next page's top, so
    # LibreOffice closes its last row only under the indicators (509.5–727.9, as under the
    # indicators above it); the words of the row under the last long rule are the table's.
    run = [(57.0, 56.7, 785.2), (461.5, 56.7, 785.2)]
    inner = [(122.4, 509.5, 727.9), (415.1, 509.5, 727.9)]
    row = [(463.0, 140.0, "жаттығу"), (461.0, 518.0, "Ата-аналардың"), (463.0, 729.0, "спорт")]
    closing = (533.5, 509.5, 727.9)
    page = _Page([*run, *inner, closing], row)
    assert _cut_row_floor(page, run, page.chars) == 533.5
    # a paragraph under it: the rule is no row's (and the text above it no cut row)
    below = _Page([*run, *inner, closing], [*row, (540.0, 57.0, "Жобаның")])
    assert _cut_row_floor(below, run, below.chars) is None
    # a rule ending where no rule inside the table ends: a link's underline
    underline = _Page([*run, *inner, (475.0, 140.0, 300.0)], row)
    assert _cut_row_floor(underline, run, underline.chars) is None
    # nothing between the last long rule and it: no row to close
    empty = _Page([*run, *inner, closing], [])
    assert _cut_row_floor(empty, run, empty.chars) is None


def test_a_label_over_two_columns_is_one_cell_down_to_the_rule_under_it() -> None:
    # «Индикаторлар» centred over «жоспар | факт»: the plan|fact column rule at 100 runs
    # through the word. As a grid draws it, the rule starts at the short rule under the label
    # (at 30); where the page cut the head under the label, there is none, and the rule starts
    # at the head's foot. Rows under the head get the whole rule; a word space is no word.
    label = dataclasses.replace(_band((80, 99.8), (100.1, 120), lines=1),
                                lines=[(12.0, [(80.0, 90.0), (90.0, 99.8), (100.1, 110.0), (110.0, 120.0)])], head=True)
    row = _band((80, 95), (105, 115))
    part = dataclasses.replace(_part(1, label, row), tops=[0.0, 50.0, 100.0], inner=[(30.0, 60.0, 140.0)])
    assert _column_rule(part, [True, False], 100.0) == [(30.0, 100.0)]
    assert _column_rule(dataclasses.replace(part, inner=[]), [True, False], 100.0) == [(50.0, 100.0)]
    assert _column_rule(part, [True, False], 140.0) == [(0.0, 100.0)]
    spaced = dataclasses.replace(label, lines=[(12.0, [(80.0, 90.0), (90.0, 98.0), (101.0, 110.0)])])
    assert _column_rule(dataclasses.replace(part, bands=[spaced, row]), [True, False], 100.0) == [(0.0, 100.0)]


def test_a_line_a_rule_runs_through_is_a_rows_spill_not_a_word_below() -> None:
    # A row too tall for its page spills its last line over the table's foot rule (at 525):
    # the line reaches a third of its height above the rule. A caption under a rule set
    # tight reaches over it by a hair.
    assert not _beyond({"top": 521.0, "bottom": 533.0, "size": 12.0}, 525.0, 1)
    assert _beyond({"top": 732.5, "bottom": 744.5, "size": 12.0}, 733.2, 1)
    assert _beyond({"top": 20.0, "bottom": 32.0, "size": 12.0}, 33.0, -1)
