"""Rows a page cut in two, joined again when the table's parts are stitched
(``grantparse/readers/stitch.py``): cells laid out as a PDF gives them, 10 pt lines in columns
60 pt wide, the first part at the foot of page 1 and the rest at the top of page 2. Also the
rules a browser leaves out at a cut (``pdf_rules.py``) and the lines a clipped row paints
under the table (``pdf.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace

from grantparse.readers.document import Cell, Table, TextItem
from grantparse.readers.layout import Line, Vocabulary
from grantparse.readers.pdf import Grid, _return_overflow, _return_spill_below
from grantparse.readers.pdf_rules import closing_rules
from grantparse.readers.pdf_words import assign, assign_overflow, cut_line_remnants, lines_across
from grantparse.readers.stitch import _continuation_strength, _unclosed, stitch

LINE = 12.0  # points from one line's top to the next
WIDTH = 60.0
FOOT = 500.0  # where the part on page 1 ends
LETTER = 4.0  # points a letter takes


def _cell(page: int, column: int, top: float, bottom: float, lines: list[str]) -> Cell:
    """A cell of ``column`` from ``top`` to ``bottom`` whose lines start at its top."""
    x0 = column * WIDTH
    items = [TextItem(text, page, (x0 + 2, top + 2 + k * LINE, min(x0 + WIDTH - 2, x0 + 2 + LETTER * len(text)),
                                   top + 2 + k * LINE + 10))
             for k, text in enumerate(lines)]
    return Cell(items=[TextItem(" ".join(lines), page, (x0, top, x0 + WIDTH, bottom))] if lines else [],
                page=page, bbox=(x0, top, x0 + WIDTH, bottom), lines=items)


def _foot_row(texts: list[list[str]]) -> list[Cell | None]:
    """A row at the foot of page 1, each cell's lines ending at the page's foot when it has
    three of them (text that goes on), a short value with room under it otherwise."""
    return [_cell(1, col, FOOT - 3 * LINE - 4, FOOT, lines) for col, lines in enumerate(texts)]


def _table(page: int, rows: Sequence[Sequence[Cell | None]]) -> Table:
    return Table(rows=[list(row) for row in rows], page=page, page_break_before=[False] * len(rows))


def test_a_title_cut_after_an_abbreviation_before_a_name_goes_on() -> None:
    # «… районов г.» | «Алматы с участием жителей»: «г.» is written before a city's name, so
    # the title was not complete at the foot of the page, though it ends with a full stop.
    above = _foot_row([["Озеленение", "дворов районов", "г."], ["не менее 150"], ["186 человек"]])
    below = [_cell(2, 0, 40, 80, ["Алматы с участием", "жителей"]), _cell(2, 1, 40, 80, []),
             _cell(2, 2, 40, 80, [])]
    first = _table(1, [above])
    stitch(first, _table(2, [below]))
    assert len(first.rows) == 1
    assert first.rows[0][0] is not None
    assert first.rows[0][0].text == "Озеленение дворов районов г. Алматы с участием жителей"


def test_a_year_ends_a_value() -> None:
    # «… 2024 г.» is a date, complete: the row under it on the next page is a row of its own.
    above = _foot_row([["Семинар", "в марте", "2024 г."], ["не менее 20"], ["25 человек"]])
    below = [_cell(2, 0, 40, 80, ["Конференция"]), _cell(2, 1, 40, 80, ["100 человек"]),
             _cell(2, 2, 40, 80, ["120 человек"])]
    first = _table(1, [above])
    stitch(first, _table(2, [below]))
    assert len(first.rows) == 2


def test_a_blank_sliver_of_a_cut_row_does_not_hide_the_rest_of_the_row() -> None:
    # A browser opens the page with a few points of the cut row's rules and no text, then the
    # row's rest: «… Экибастуз и» | «Аксу, сопровождение».
    above = _foot_row([["Ярмарка вакансий", "в городах", "Экибастуз и"], ["Соискатели", "прошли", "беседы"],
                       ["не менее 150"]])
    sliver = [_cell(2, col, 40, 44, []) for col in range(3)]
    rest = [_cell(2, 0, 44, 80, ["Аксу, сопровождение"]), _cell(2, 1, 44, 80, ["прямо на площадке."]),
            _cell(2, 2, 44, 80, [])]
    first = _table(1, [above])
    stitch(first, _table(2, [sliver, rest]))
    assert len(first.rows) == 1
    assert [c.text for c in first.rows[0] if c is not None] == [
        "Ярмарка вакансий в городах Экибастуз и Аксу, сопровождение",
        "Соискатели прошли беседы прямо на площадке.",
        "не менее 150"]


class _Page:
    """What closing_rules reads of a page: its edges."""

    def __init__(self, edges: list[dict[str, object]]) -> None:
        self.edges = edges


def _v(x: float, top: float, bottom: float) -> dict[str, object]:
    return {"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top, "orientation": "v"}


def _h(y: float, x0: float, x1: float) -> dict[str, object]:
    return {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0, "orientation": "h"}


def test_a_cell_merged_down_and_cut_by_the_page_gets_its_top_rule() -> None:
    # A browser draws the page's first row with its own top rules, but none over the task
    # cell merged down from the page before (x 75–145): the gap gets a rule, the rest none.
    columns = [_v(x, 40, 300) for x in (40, 75, 145, 230, 300)]
    page = _Page([*columns, _h(40, 40, 75), _h(40, 145, 300), _h(300, 40, 300)])
    assert [(e["x0"], e["x1"], e["top"]) for e in closing_rules(page)] == [(75, 145, 40)]


def test_a_rule_broken_by_a_cell_merged_down_mid_page_is_left_open() -> None:
    # The same gap in a row's rule in the middle of the table: the merged cell's sides run on
    # through it, and the cell goes on below.
    # Each cell's sides are drawn on their own: the rows' cells end at 120, the merged cell's
    # sides (75, 145) run on to 300.
    columns = [*[_v(x, 40, 120) for x in (40, 75, 145, 230, 300)], *[_v(x, 120, 300) for x in (40, 230, 300)],
               _v(75, 40, 300), _v(145, 40, 300)]
    page = _Page([*columns, _h(40, 40, 300), _h(120, 40, 75), _h(120, 145, 300), _h(300, 40, 300)])
    assert closing_rules(page) == []


def _word(text: str, x0: float, top: float) -> dict[str, object]:
    return {"text": text, "x0": x0, "x1": x0 + LETTER * len(text), "top": top, "bottom": top + 10.0, "size": 10.0}


def _lines(x0: float, *tops: float) -> list[Line]:
    return [Line(words=[_word("мәтін", x0, top)]) for top in tops]


def test_lines_a_clipped_row_paints_under_the_table_go_back_to_their_cells() -> None:
    # A row too tall for the page, not allowed to break: LibreOffice paints the next line of
    # two cells under the table's last rule (at 500), on the line of the page number.
    found = SimpleNamespace(bbox=(0.0, 0.0, 180.0, FOOT))
    left, right = (0.0, 300.0, 60.0, FOOT), (60.0, 300.0, 180.0, FOOT)
    grid: Grid = [[(left, _lines(2.0, 464.0, 476.0)), (right, _lines(62.0, 464.0, 476.0, 488.0))]]
    spill = Line(words=[_word("www.site.kz", 62.0, 500.0), _word("5", 140.0, 503.0)])
    left_outside = _return_spill_below([(found, grid)], [spill])
    assert grid[0][1] is not None
    assert [line.text for line in grid[0][1][1]] == ["мәтін", "мәтін", "мәтін", "www.site.kz"]
    assert [line.text for line in left_outside] == ["5"]


def test_a_paragraph_under_a_table_stays_outside() -> None:
    found = SimpleNamespace(bbox=(0.0, 0.0, 180.0, FOOT))
    left, right = (0.0, 300.0, 60.0, FOOT), (60.0, 300.0, 180.0, FOOT)
    grid: Grid = [[(left, _lines(2.0, 464.0, 476.0, 488.0)), (right, _lines(62.0, 464.0, 476.0))]]
    # One pitch under the left cell's text, but its words run across the cells' side.
    paragraph = Line(words=[_word("Жас", 2.0, 500.0), _word("көрсеткіші", 30.0, 500.0)])
    assert _return_spill_below([(found, grid)], [paragraph]) == [paragraph]
    assert grid[0][0] is not None and len(grid[0][0][1]) == 3


def test_the_first_row_under_a_head_at_the_foot_of_a_page_is_a_row_of_its_own() -> None:
    # The partners table's head is the last thing on page 1; its first row, on page 2, leaves
    # the note column empty — which under a row of values would be a sign of a row cut in two.
    head = [_cell(1, col, FOOT - LINE - 4, FOOT, [label])
            for col, label in enumerate(["Ұйымның атауы", "Жобадағы рөлі", "Ескерту"])]
    row = [_cell(2, 0, 40, 80, ["Астана қаласы", "басқармасы"]), _cell(2, 1, 40, 80, ["Төрешілер"]),
           _cell(2, 2, 40, 80, [])]
    first = _table(1, [head])
    stitch(first, _table(2, [row]))
    assert len(first.rows) == 2
    assert first.rows[1][0] is not None and first.rows[1][0].text == "Астана қаласы басқармасы"


def test_a_link_cut_by_the_page_is_one_link() -> None:
    above = _foot_row([["Турнир өтті.", "Фотоесеп:", "https://inst.kz/"], ["16 команда"], ["кемінде 12"]])
    below = [_cell(2, 0, 40, 80, ["p/C0pL7/"]), _cell(2, 1, 40, 80, []), _cell(2, 2, 40, 80, [])]
    first = _table(1, [above])
    stitch(first, _table(2, [below]))
    assert len(first.rows) == 1
    assert first.rows[0][0] is not None and first.rows[0][0].text.endswith("Фотоесеп: https://inst.kz/p/C0pL7/")


def test_a_cell_merged_over_rows_cut_at_a_hyphen_goes_on_though_it_had_room() -> None:
    # Dates merged over an activity's indicator rows; LibreOffice split the merged cell at the
    # row the page begins with, so «қазан-» stands at its top with room under it.
    above = [_cell(1, 0, FOOT - 40, FOOT, ["Футбол", "секциялары"]), _cell(1, 1, FOOT - 40, FOOT, ["қазан-"]),
             _cell(1, 2, FOOT - 40, FOOT, ["Жасақталған", "секциялар"])]
    below = [None, _cell(2, 1, 40, 80, ["мамыр"]), _cell(2, 2, 40, 80, ["Қатысушылар"])]
    first = _table(1, [above])
    stitch(first, _table(2, [below]))
    assert first.rows[0][1] is not None and first.rows[0][1].text == "қазан-мамыр"
    assert len(first.rows) == 2 and first.rows[1][2] is not None and first.rows[1][2].text == "Қатысушылар"


def test_a_phones_last_digits_taken_over_the_page_stay_in_their_row() -> None:
    # The partner's role ran to the page's foot and goes on in lower case; its phone cell had
    # one line, but the page still took that line's last digits along.
    above = [_cell(1, 0, FOOT - 3 * LINE - 4, FOOT, ["«Нұр-Ақсу» шаруа", "қожалығы"]),
             _cell(1, 1, FOOT - 3 * LINE - 4, FOOT, ["Жылыжайда", "практикалық", "сабақтарға"]),
             _cell(1, 2, FOOT - 3 * LINE - 4, FOOT, ["8 775 318 40 96, 8 747 215 66"])]
    below = [_cell(2, 0, 40, 80, []), _cell(2, 1, 40, 80, ["алаң беру"]), _cell(2, 2, 40, 80, ["09"])]
    first = _table(1, [above])
    stitch(first, _table(2, [below]))
    assert len(first.rows) == 1
    assert [c.text for c in first.rows[0] if c is not None][1:] == [
        "Жылыжайда практикалық сабақтарға алаң беру", "8 775 318 40 96, 8 747 215 66 09"]


def _head_and_row(head: str, row: list[str]) -> list[list[Cell | None]]:
    return [[_cell(1, 0, 40, 40 + LINE + 4, [head])], [_cell(1, 0, FOOT - len(row) * LINE - 4, FOOT, row)]]


def test_a_head_drawn_again_shorter_leaves_its_letters_and_nothing_else() -> None:
    # The head is drawn again on page 2 cut short («Нәтижелер» for «Нәтижелері»): the «і»
    # under it is its rest and goes; a Kazakh «ң» opening the data is no «н» of the head.
    first = _table(1, _head_and_row("Нәтижелері", ["Әйелдер", "қолдау алды."]))
    again = [_cell(2, 0, 40, 50, ["Нәтижелер"])]
    stitch(first, _table(2, [again, [_cell(2, 0, 50, 80, ["і", "Жаңа", "кәсіп"])]]))
    assert first.rows[-1][0] is not None and first.rows[-1][0].text == "Жаңа кәсіп"
    first = _table(1, _head_and_row("Нәтиже нұсқасы", ["Әйелдер", "қолдау алды."]))
    stitch(first, _table(2, [[_cell(2, 0, 40, 50, ["Нәтиже"])], [_cell(2, 0, 50, 80, ["ң", "Жаңа"])]]))
    assert first.rows[-1][0] is not None and "ң Жаңа" in first.rows[-1][0].text


def test_the_rest_of_a_word_the_page_cut_is_kept_though_the_head_ends_so() -> None:
    # «… нәт» | «ижелері қала …» under a head «… нәт» | «ижелері» drawn again cut short.
    first = _table(1, _head_and_row("Ұзақ нәтижелері", ["Жоба бойынша", "ұзақ мерзімді", "нәт"]))
    assert first.rows[1][0] is not None
    last = first.rows[1][0].lines[-1]
    assert last.bbox is not None
    first.rows[1][0].lines[-1] = TextItem(last.text, 1, (last.bbox[0], last.bbox[1], WIDTH - 2, last.bbox[3]))
    again = [_cell(2, 0, 40, 50, ["Ұзақ нәт"])]
    vocab = Vocabulary(words=frozenset({"нәтижелері"}))  # the document uses the word elsewhere
    stitch(first, _table(2, [again, [_cell(2, 0, 50, 80, ["ижелері", "қала"])]]), vocab)
    assert len(first.rows) == 2 and first.rows[1][0] is not None
    assert first.rows[1][0].text == "Жоба бойынша ұзақ мерзімді нәтижелері қала"


def _socio_row(page: int, top: float, bottom: float, values: list[list[str]]) -> list[Cell | None]:
    return [_cell(page, col, top, bottom, lines) for col, lines in enumerate(values)]


def test_a_numbered_row_under_a_numbered_row_is_a_row_of_its_own() -> None:
    # The socio-economic table cut after row 4; row 5's unit begins in lower case.
    above = _socio_row(1, FOOT - 2 * LINE - 4, FOOT, [["4."], ["Тартылған", "мамандар"], ["адам"], ["9"]])
    below = _socio_row(2, 40, 70, [["5."], ["Қамтылған", "ҮЕҰ"], ["ұйым"], ["3"]])
    first = _table(1, [above])
    stitch(first, _table(2, [below]))
    assert len(first.rows) == 2


def test_a_unit_under_a_unit_is_no_sign_of_a_cut() -> None:
    above = _socio_row(1, FOOT - 2 * LINE - 4, FOOT, [["Тартылған", "мамандар"], ["адам"], ["9"]])
    below = _socio_row(2, 40, 70, [["Қамтылған", "ҮЕҰ"], ["ұйым"], ["3"]])
    first = _table(1, [above])
    stitch(first, _table(2, [below]))
    assert len(first.rows) == 2


def test_a_row_number_the_column_cut_is_no_new_number() -> None:
    # «11.» | «1» is «11.1» cut by a narrow «№» column, not row 11 followed by row 1.
    # The page cut the row after its first line.
    above = [_cell(1, col, FOOT - LINE - 4, FOOT, lines) for col, lines in enumerate([["11."], ["Турнир және"],
                                                                                    ["мамыр"]])]
    below = [_cell(2, 0, 40, 80, ["1"]), _cell(2, 1, 40, 80, ["марапаттау"]), _cell(2, 2, 40, 80, [])]
    first = _table(1, [above])
    stitch(first, _table(2, [below]))
    assert len(first.rows) == 1


def test_an_address_under_a_phone_list_is_a_row_of_its_own() -> None:
    # «87015553021, 87772104488» at the foot, «aqshamy@mail.kz» at the top of the next page:
    # an e-mail begins in lower case but is a value of its own.
    above = [_cell(1, 0, FOOT - LINE - 4, FOOT, ["№78 мектеп-лицей"]), _cell(1, 1, FOOT - LINE - 4, FOOT, ["87015553021,"])]
    below = [_cell(2, 0, 40, 60, ["«Астана ақшамы» газеті"]), _cell(2, 1, 40, 60, ["aqshamy@mail.kz"])]
    first = _table(1, [above])
    stitch(first, _table(2, [below]))
    assert len(first.rows) == 2


def test_a_link_at_the_top_of_a_page_ends_the_text_above() -> None:
    above = _foot_row([["Сабақтар өтті.", "Бейнежазба:"], ["8 сабақ"]])
    below = [_cell(2, 0, 40, 60, ["https://www.youtube.com/watch?v=kQ3"]), _cell(2, 1, 40, 60, [])]
    first = _table(1, [above])
    stitch(first, _table(2, [below]))
    assert len(first.rows) == 1
    assert first.rows[0][0] is not None and first.rows[0][0].text.endswith("Бейнежазба: https://www.youtube.com/watch?v=kQ3")


def test_a_row_under_a_two_row_head_at_the_foot_of_a_page_is_a_row_of_its_own() -> None:
    # The task table's head ends page 1: «Дата проведения» merged down over both head rows,
    # «Индикаторы» over «план | факт». The first row, wholly on page 2, begins in lower case
    # under «план» («не менее 20»), which alone would read as the rest of a cut row; the label
    # merged down ended with room to spare, so its column starts afresh.
    head = [_cell(1, 0, FOOT - 60, FOOT, ["Дата", "проведения"]), _cell(1, 1, FOOT - 60, FOOT - 30, ["Индикаторы"]),
            None]
    sub = [None, _cell(1, 1, FOOT - 30, FOOT, ["план"]), _cell(1, 2, FOOT - 30, FOOT, ["факт"])]
    row = [_cell(2, 0, 40, 80, ["с 5 по 9", "февраля"]), _cell(2, 1, 40, 80, ["не менее 20", "человек"]),
           _cell(2, 2, 40, 80, ["25 человек"])]
    first = _table(1, [head, sub])
    stitch(first, _table(2, [row]))
    assert len(first.rows) == 3
    assert [c.text for c in first.rows[2] if c is not None] == ["с 5 по 9 февраля", "не менее 20 человек", "25 человек"]
    assert first.rows[1][1] is not None and first.rows[1][1].text == "план"


def test_a_head_cut_after_its_labels_first_lines_under_the_goal_rows_goes_on() -> None:
    # The goal table's two rows stand over the task table's head in one grid (their columns
    # edges differ: «Өткізу» spans two of the grid's columns, one under the goal's value);
    # page 1 ends after the head labels' first lines, «Индикаторлар» (over two columns) whole.
    # Page 2 opens with the labels' rest and, under «Индикаторлар», its second row
    # «жоспар | факт».
    def wide(page: int, top: float, bottom: float, first: int, last: int, lines: list[str]) -> Cell:
        cell = _cell(page, first, top, bottom, lines)
        cell.bbox = (first * WIDTH, top, (last + 1) * WIDTH, bottom)
        return cell

    goal = [[wide(1, 300 + k * 60, 360 + k * 60, 0, 2, ["Жобаның", "мақсаты:"]), None, None,
             wide(1, 300 + k * 60, 360 + k * 60, 3, 6, ["Жастарды өлкетануға тарту"]), None, None, None] for k in range(2)]
    top = FOOT - LINE - 4
    head = [_cell(1, 0, top, FOOT, ["Міндеттер"]), _cell(1, 1, top, FOOT, ["Міндет"]), wide(1, top, FOOT, 2, 3, ["Өткізу"]),
            None, wide(1, top, FOOT, 4, 5, ["Индикаторлар"]), None, _cell(1, 6, top, FOOT, ["Ұзақ"])]
    rest = [_cell(2, 0, 40, 80, []), _cell(2, 1, 40, 80, ["шеңберіндегі", "іс-шаралар"]),
            wide(2, 40, 80, 2, 3, ["мерзімі"]), None, _cell(2, 4, 40, 80, ["жоспар"]), _cell(2, 5, 40, 80, ["факт"]),
            _cell(2, 6, 40, 80, ["мерзімді", "нәтижелер"])]
    row = [_cell(2, 0, 80, 140, ["Топтар құру"]), _cell(2, 1, 80, 140, ["Таныстырылым"]),
           wide(2, 80, 140, 2, 3, ["12.03.2024"]), None, _cell(2, 4, 80, 140, ["кемінде 160"]),
           _cell(2, 5, 80, 140, ["214"]), _cell(2, 6, 80, 140, ["Топтар жұмыс істейді"])]
    first = _table(1, [*goal, head])
    stitch(first, _table(2, [rest, row]))
    assert [c.text if c else None for c in first.rows[2]] == [
        "Міндеттер", "Міндет шеңберіндегі іс-шаралар", "Өткізу мерзімі", None, "Индикаторлар", None,
        "Ұзақ мерзімді нәтижелер"]
    assert [c.text if c else None for c in first.rows[3]] == [None, None, None, None, "жоспар", "факт", None]
    assert len(first.rows) == 5 and first.rows[4][0] is not None and first.rows[4][0].text == "Топтар құру"


def test_a_short_word_of_its_own_opening_the_page_is_no_cut_word() -> None:
    # «15-тен» fills the last line of a narrow cell at the foot of the page and «кем емес»
    # opens the next: «кем» is a word of its own (15-тен кем емес: «no fewer than 15»), while
    # «кемінд» | «е 40» is one word the page cut — and the lines say so to whoever reads them.
    def full(page: int, top: float, bottom: float, lines: list[str]) -> Cell:
        cell = _cell(page, 0, top, bottom, lines)
        box = cell.lines[-1].bbox
        assert box is not None
        cell.lines[-1].bbox = (box[0], box[1], WIDTH - 3.0, box[3])  # the line fills the cell
        return cell

    for last, rest, joined in ((["кемінде 30", "адам", "15-тен"], ["кем емес"], "кемінде 30 адам 15-тен кем емес"),
                               (["36 сабақ", "кемінд"], ["е 40 дана"], "36 сабақ кемінде 40 дана")):
        above = [full(1, FOOT - 3 * LINE - 4, FOOT, last)]
        first = _table(1, [above])
        stitch(first, _table(2, [[_cell(2, 0, 40, 80, rest)]]))
        assert len(first.rows) == 1
        cell = first.rows[0][0]
        assert cell is not None and cell.text == joined
        assert cell.lines[len(last)].continues_word == (joined.count(" ") < " ".join([*last, *rest]).count(" "))


def _chars(text: str, x0: float, top: float, size: float = 9.0) -> list[dict[str, object]]:
    return [{"text": ch, "x0": x0 + 5.0 * k, "x1": x0 + 5.0 * (k + 1), "top": top, "bottom": top + size, "size": size,
             "upright": True} for k, ch in enumerate(text)]


def test_the_pieces_of_a_line_the_page_cut_through_are_left_out_of_the_next_page() -> None:
    # Chromium paints «сабақтарға алаң беру,» across the table's foot (553.5) on page 11 and
    # again on page 12 clipped to the page: only the descenders of «р», «р», «у» survive there,
    # above the page's first row, at the x they had on page 11.
    foot = _chars("сабақтарға алаң беру,", 331.4, 544.9)
    cut = lines_across([*_chars("Жылыжайда", 302.5, 535.9), *foot], [553.5])
    assert ["".join(str(c["text"]) for c in line) for line in cut] == ["сабақтарғаалаңберу,"]
    ghosts = [c for k, c in enumerate(_chars("сабақтарға алаң беру,", 331.4, 34.2)) if k in (7, 18, 19)]
    assert "".join(str(c["text"]) for c in ghosts) == "рру"
    page = [*ghosts, *_chars("қамтамасыз ету", 302.5, 43.2)]
    assert cut_line_remnants(page, cut) == {0, 1, 2}
    # a page that opens with a line of its own keeps it
    assert cut_line_remnants(_chars("қамтамасыз ету", 302.5, 43.2), cut) == set()


def test_a_label_filling_its_head_cell_at_the_foot_of_a_page_takes_nothing_from_the_next() -> None:
    # «Сроки проведения» fills a narrow head cell merged down over «план | факт»; the first
    # row opens the next page in lower case («с 5 по 9 февраля»): still a row of its own, as
    # a head ends where it ends.
    head = [_cell(1, 0, FOOT - 2 * LINE - 4, FOOT, ["Сроки", "проведения"]),
            _cell(1, 1, FOOT - 2 * LINE - 4, FOOT - LINE - 2, ["Индикаторы"]), None]
    sub = [None, _cell(1, 1, FOOT - LINE - 2, FOOT, ["план"]), _cell(1, 2, FOOT - LINE - 2, FOOT, ["факт"])]
    row = [_cell(2, 0, 40, 80, ["с 5 по 9", "февраля"]), _cell(2, 1, 40, 80, ["не менее 20"]),
           _cell(2, 2, 40, 80, ["25 человек"])]
    first = _table(1, [head, sub])
    stitch(first, _table(2, [row]))
    assert len(first.rows) == 3
    assert first.rows[0][0] is not None and first.rows[0][0].text == "Сроки проведения"
    assert first.rows[2][0] is not None and first.rows[2][0].text == "с 5 по 9 февраля"


def test_a_label_the_page_cut_inside_brackets_goes_on_though_it_left_room() -> None:
    # A browser cuts the categories head at a line: «Егде жастағы адамдар (50 жастан» stops
    # short of the row's foot (the tallest label set its height), and «жоғары), оның ішінде»
    # opens the next page. An open bracket has not ended.
    head = [_cell(1, 0, FOOT - 5 * LINE, FOOT, ["Барлығы"]),
            _cell(1, 1, FOOT - 5 * LINE, FOOT, ["Егде жастағы", "адамдар (50", "жастан"])]
    rest = [_cell(2, 0, 40, 60, []), _cell(2, 1, 40, 60, ["жоғары), оның", "ішінде"])]
    values = [_cell(2, 0, 60, 80, ["164"]), _cell(2, 1, 60, 80, ["52"])]
    first = _table(1, [head])
    stitch(first, _table(2, [rest, values]))
    assert len(first.rows) == 2
    assert first.rows[0][1] is not None and first.rows[0][1].text == "Егде жастағы адамдар (50 жастан жоғары), оның ішінде"


def test_a_unit_under_its_label_at_the_top_of_a_page_is_a_row_of_its_own() -> None:
    # The socio-economic table's head ends page 1; «адам» in lower case under «Өлшем бірлігі»
    # would read as the label's rest, but every label has a value under it: a new row.
    head = [_cell(1, col, FOOT - 2 * LINE - 4, FOOT, lines)
            for col, lines in enumerate([["№"], ["Индикатор"], ["Өлшем", "бірлігі"]])]
    row = [_cell(2, col, 40, 80, lines) for col, lines in enumerate([["1."], ["Тікелей", "бенефициарлар"], ["адам"]])]
    first = _table(1, [head])
    stitch(first, _table(2, [row]))
    assert len(first.rows) == 2
    assert [c.text for c in first.rows[0] if c is not None] == ["№", "Индикатор", "Өлшем бірлігі"]


def test_a_place_that_ended_takes_nothing_from_the_next_rows_own() -> None:
    # Each activity fills a page. The new activity's place opens in lower case («берега р.
    # Есентай»), under a place that ended with its bracket closed; the task's long-term
    # results, merged down over its rows and drawn again on every page, go on in lower case.
    above = [_cell(1, 0, FOOT - 3 * LINE - 4, FOOT, []),
             _cell(1, 1, FOOT - 3 * LINE - 4, FOOT, ["Сбор и передача", "вторсырья на", "переработку"]),
             _cell(1, 2, FOOT - 3 * LINE - 4, FOOT, ["пункт приёма", "(ул. Рыскулова,", "103)"]),
             _cell(1, 3, FOOT - 3 * LINE - 4, FOOT, ["38"]),
             _cell(1, 4, FOOT - 3 * LINE - 4, FOOT, ["Модель может", "быть", "перенесена"])]
    below = [_cell(2, 0, 40, 80, []), _cell(2, 1, 40, 80, ["Проведение", "марафона"]),
             _cell(2, 2, 40, 80, ["берега р. Есентай"]), _cell(2, 3, 40, 80, ["312"]),
             _cell(2, 4, 40, 80, ["в другие районы"])]
    head = [_cell(1, col, 40, 60, [label])
            for col, label in enumerate(["Задача", "Мероприятие", "Место", "Участники", "Итоги"])]
    first = _table(1, [head, above])
    stitch(first, _table(2, [below]))
    assert len(first.rows) == 3
    assert [c.text if c is not None else None for c in first.rows[2]][1:3] == ["Проведение марафона", "берега р. Есентай"]
    assert first.rows[1][4] is not None and first.rows[1][4].text == "Модель может быть перенесена в другие районы"


def test_the_clipped_rest_of_a_head_label_goes_back_to_it() -> None:
    # The two-row head ends page 1; the page clipped «Долгосрочные результаты (по задач» and
    # opens page 2 with «ам)» alone: the label's rest, whatever the short labels above say.
    head = [_cell(1, 0, FOOT - 60, FOOT, ["Долгосрочные", "результаты (по", "задач"]),
            _cell(1, 1, FOOT - 60, FOOT - 30, ["Индикаторы"]), None]
    sub = [None, _cell(1, 1, FOOT - 30, FOOT, ["план"]), _cell(1, 2, FOOT - 30, FOOT, ["факт"])]
    sliver = [_cell(2, 0, 40, 50, ["ам)"]), _cell(2, 1, 40, 50, []), _cell(2, 2, 40, 50, [])]
    row = [_cell(2, 0, 50, 90, ["Повышение", "занятости"]), _cell(2, 1, 50, 90, ["не менее 20"]),
           _cell(2, 2, 50, 90, ["25 человек"])]
    first = _table(1, [head, sub])
    stitch(first, _table(2, [sliver, row]))
    label = first.rows[0][0]
    assert label is not None and label.text.replace(" ", "") == "Долгосрочныерезультаты(позадачам)"
    assert [c.text for c in first.rows[-1] if c is not None] == ["Повышение занятости", "не менее 20", "25 человек"]


def test_a_value_ending_in_a_preposition_goes_on_over_the_page() -> None:
    # The partners table's second row at the foot of page 1: its note «Письмо о поддержке от»
    # stops short of the row's foot, and the page opens with «03.04.2023» alone; a text that
    # ends in «от» has not ended. (Under the head's own row, its second, not its first.)
    head = [_cell(1, col, 40, 60, [label]) for col, label in enumerate(["Наименование", "Контакты", "Примечание"])]
    first_row = [_cell(1, col, 60, 100, [text]) for col, text in enumerate(["ГУ «Отдел»", "8 (7182) 32-15-40", "-"])]
    above = [_cell(1, 0, FOOT - 3 * LINE - 4, FOOT, ["КГУ «Управление", "зелёной экономики", "города Алматы»"]),
             _cell(1, 1, FOOT - 3 * LINE - 4, FOOT, ["8 (727) 271-65-40"]),
             _cell(1, 2, FOOT - 3 * LINE - 4, FOOT, ["Письмо о поддержке от"])]
    below = [_cell(2, 0, 40, 60, []), _cell(2, 1, 40, 60, []), _cell(2, 2, 40, 60, ["03.04.2023"])]
    first = _table(1, [head, first_row, above])
    stitch(first, _table(2, [below]))
    assert len(first.rows) == 3
    assert first.rows[2][2] is not None and first.rows[2][2].text == "Письмо о поддержке от 03.04.2023"


def test_the_first_rows_rest_under_a_one_row_head_goes_back_to_it() -> None:
    # Under a head of one row, the first partner's role runs to the page's foot and goes on
    # with «600 саженцев …»; its other columns are empty on the new page — a row cut in two,
    # though only two rows stand above it.
    head = [_cell(1, col, 40, 60, [label]) for col, label in enumerate(["Наименование", "Роль", "Контакты"])]
    above = [_cell(1, 0, FOOT - 3 * LINE - 4, FOOT, ["КГУ «Управление»"]),
             _cell(1, 1, FOOT - 3 * LINE - 4, FOOT, ["Согласование", "участков,", "предоставление"]),
             _cell(1, 2, FOOT - 3 * LINE - 4, FOOT, ["8 (727) 271-65-40"])]
    below = [_cell(2, 0, 40, 60, []), _cell(2, 1, 40, 60, ["600 саженцев"]), _cell(2, 2, 40, 60, [])]
    first = _table(1, [head, above])
    stitch(first, _table(2, [below]))
    assert len(first.rows) == 2
    assert first.rows[1][1] is not None and first.rows[1][1].text == "Согласование участков, предоставление 600 саженцев"


def test_a_head_cut_in_two_labels_goes_on_in_both() -> None:
    # Two labels of the categories head run over the page: one inside brackets with room left
    # («(старше 50» | «лет)»), one at a word the column cut («общественн» | «ых организаций»).
    def full(col: int, lines: list[str]) -> Cell:
        cell = _cell(1, col, FOOT - 5 * LINE, FOOT, lines)
        box = cell.lines[-1].bbox
        assert box is not None
        cell.lines[-1].bbox = (box[0], box[1], (col + 1) * WIDTH - 3.0, box[3])  # the line fills the cell
        return cell

    head = [_cell(1, 0, FOOT - 5 * LINE, FOOT, ["Всего"]), _cell(1, 1, FOOT - 5 * LINE, FOOT, ["Пожилые", "(старше 50"]),
            full(2, ["Представители", "общественн"])]
    rest = [_cell(2, 0, 40, 60, []), _cell(2, 1, 40, 60, ["лет)"]), _cell(2, 2, 40, 60, ["ых организаций"])]
    values = [_cell(2, col, 60, 80, [v]) for col, v in enumerate(["368", "63", "34"])]
    first = _table(1, [head])
    stitch(first, _table(2, [rest, values]))
    assert len(first.rows) == 2
    assert [c.text for c in first.rows[0] if c is not None][1:] == [
        "Пожилые (старше 50 лет)", "Представители общественных организаций"]


def test_long_term_results_merged_over_a_task_go_on_under_a_capital() -> None:
    # A browser: the task's first activity ends mid-page, the next one moves to page 2 and
    # leaves a blank part of its row at page 1's foot, under which the long-term results,
    # merged down over the whole task, run to the foot «… Қордың жанынан». On page 2 the
    # task's cell is empty and as tall as the long-term cell, taller than the new activity's
    # row: that cell is the task's, so ««Цифрлы кариялар» клубы …» goes on with it.
    head = [_cell(1, col, 40, 60, [label]) for col, label in enumerate(["Міндет", "Іс-шара", "Нәтиже"])]
    activity = [_cell(1, 0, 60, FOOT, ["Цифрлық", "сауаттылық"]), _cell(1, 1, 60, 200, ["Ақпарат", "тарату."]),
                _cell(1, 2, 60, FOOT, ["Егде жастағы", *(["адамдар"] * 34), "Қордың жанынан"])]
    blank = [None, Cell(page=1, bbox=(WIDTH, 200, 2 * WIDTH, FOOT)), None]
    below = [_cell(2, 0, 40, 200, []), _cell(2, 1, 40, 120, ["Сабақтар", "өткізу"]),
             _cell(2, 2, 40, 200, ["«Цифрлы кариялар»", "клубы ашылды."])]
    first = _table(1, [head, activity, blank])
    stitch(first, _table(2, [below]))
    assert len(first.rows) == 3
    long_term = first.rows[1][2]
    assert long_term is not None and long_term.text.endswith("Қордың жанынан «Цифрлы кариялар» клубы ашылды.")
    assert first.rows[2][2] is None
    assert first.rows[2][1] is not None and first.rows[2][1].text == "Сабақтар өткізу"


def test_a_cell_as_tall_as_the_new_activity_is_the_activitys_own() -> None:
    # The same, but the new activity's number is merged down as far as the long-term cell:
    # it is one activity's row, and the results under the capital are its own.
    head = [_cell(1, col, 40, 60, [label]) for col, label in enumerate(["Міндет", "№", "Нәтиже"])]
    activity = [_cell(1, 0, 60, FOOT, ["Цифрлық", "сауаттылық"]), _cell(1, 1, 60, 200, ["3.1"]),
                _cell(1, 2, 60, FOOT, ["Егде жастағы", *(["адамдар"] * 34), "меңгерді"])]
    below = [_cell(2, 0, 40, 200, []), _cell(2, 1, 40, 200, ["3.2"]), _cell(2, 2, 40, 200, ["Жаңа", "нәтиже."])]
    first = _table(1, [head, activity])
    stitch(first, _table(2, [below]))
    assert len(first.rows) == 3
    assert first.rows[2][2] is not None and first.rows[2][2].text == "Жаңа нәтиже."


def test_a_full_stop_opening_the_page_goes_on_with_the_text_above() -> None:
    # LibreOffice moved a sentence's full stop to the next page: «… меңгерді» | «. Бұл …».
    head = [_cell(1, col, 40, 60, [label]) for col, label in enumerate(["Іс-шара", "Нәтиже"])]
    above = [_cell(1, 0, FOOT - 3 * LINE - 4, FOOT, ["Семинар."]),
             _cell(1, 1, FOOT - 3 * LINE - 4, FOOT, ["Қатысушылар", "дағдысын", "меңгерді"])]
    below = [_cell(2, 0, 40, 80, ["Практикалық", "сабақтар"]), _cell(2, 1, 40, 80, [". Бұл тәуелділікті", "азайтты."])]
    first = _table(1, [head, above])
    stitch(first, _table(2, [below]))
    result = first.rows[1][1]
    assert result is not None and result.text.replace(" ", "") == "Қатысушылардағдысынмеңгерді.Бұлтәуелділіктіазайтты."


def test_a_head_drawn_again_under_a_sliver_of_the_cut_row_is_dropped() -> None:
    # A browser opens page 2 with a few points of the cut row's rules, then the head again:
    # the head is no row of the table, and none of its labels goes into the row above.
    labels = ["Міндет", "Іс-шара", "Нәтиже"]
    head = [_cell(1, col, 40, 60, [label]) for col, label in enumerate(labels)]
    above = [_cell(1, 0, FOOT - 3 * LINE - 4, FOOT, ["Онлайн", "сауда", "табыс арнасы"]),
             _cell(1, 1, FOOT - 3 * LINE - 4, FOOT, ["Тренинг"]),
             _cell(1, 2, FOOT - 3 * LINE - 4, FOOT, ["Қатысушылар", "сатуды", "үйренді"])]
    sliver = [None, None, _cell(2, 2, 40, 43, [])]
    again = [_cell(2, col, 43, 63, [label]) for col, label in enumerate(labels)]
    rest = [_cell(2, 0, 63, 100, ["на айналды."]), _cell(2, 1, 63, 100, []), _cell(2, 2, 63, 100, ["және сатты."])]
    first = _table(1, [head, above])
    stitch(first, _table(2, [sliver, again, rest]))
    assert len(first.rows) == 2
    assert [c.text for c in first.rows[1] if c is not None] == [
        "Онлайн сауда табыс арнасы на айналды.", "Тренинг", "Қатысушылар сатуды үйренді және сатты."]


def test_a_title_that_leaves_a_quote_open_goes_on() -> None:
    # «Мини-футболдан «Жас» stops with two lines of room in its cell; the quote is closed on
    # the next page («Барыс кубогы» турнирі»): the title had not ended.
    head = [_cell(1, col, 40, 60, [label]) for col, label in enumerate(["Міндет", "Орны", "Саны"])]
    above = [_cell(1, 0, FOOT - 3 * LINE - 4, FOOT, ["Мини-футболдан «Жас"]),
             _cell(1, 1, FOOT - 3 * LINE - 4, FOOT, ["«Жастар»", "спорт", "кешені,"]),
             _cell(1, 2, FOOT - 3 * LINE - 4, FOOT, ["128"])]
    below = [_cell(2, 0, 40, 80, ["Барыс кубогы»", "турнирі"]), _cell(2, 1, 40, 80, ["Астана қаласы"]),
             _cell(2, 2, 40, 80, [])]
    first = _table(1, [head, above])
    stitch(first, _table(2, [below]))
    assert len(first.rows) == 2
    assert [c.text for c in first.rows[1] if c is not None][:2] == [
        "Мини-футболдан «Жас Барыс кубогы» турнирі", "«Жастар» спорт кешені, Астана қаласы"]


def test_a_head_cut_after_its_labels_first_lines_goes_on_in_every_label() -> None:
    # The categories head at page 1's foot shows each label's first line; one («Басқа»)
    # left a line of room. Page 2 opens with every label's rest, then the values.
    def label(col: int, lines: list[str]) -> Cell:
        return _cell(1, col, FOOT - 3 * LINE - 4, FOOT, lines)

    head = [label(0, ["Балалар", "(оның"]), label(1, ["Мүгедектігі", "бар"]), label(2, ["Жастар"]),
            label(3, ["Қоғамдық", "ұйымдар"]), label(4, ["Басқа"])]
    rest = [_cell(2, 0, 40, 60, ["ішінде балалар)"]), _cell(2, 1, 40, 60, ["тұлғалар"]), _cell(2, 2, 40, 60, []),
            _cell(2, 3, 40, 60, ["өкілдері"]), _cell(2, 4, 40, 60, ["санаттар"])]
    values = [_cell(2, col, 60, 80, [v]) for col, v in enumerate(["12", "6", "46", "4", "12"])]
    first = _table(1, [head])
    stitch(first, _table(2, [rest, values]))
    assert len(first.rows) == 2
    assert [c.text for c in first.rows[0] if c is not None] == [
        "Балалар (оның ішінде балалар)", "Мүгедектігі бар тұлғалар", "Жастар", "Қоғамдық ұйымдар өкілдері",
        "Басқа санаттар"]


def test_a_row_cut_after_its_first_line_in_wide_spacing_goes_on() -> None:
    # Lines set a line and a half apart: the page kept one line of each cell; a date cut
    # before its year («26.09.» | «2025») and a number before its unit («30» | «адам») left
    # one empty line at the foot, as every cell of the row did.
    pitch = 17.0

    def spaced(page: int, col: int, top: float, bottom: float, lines: list[str]) -> Cell:
        cell = _cell(page, col, top, bottom, lines)
        for k, item in enumerate(cell.lines):
            box = item.bbox
            assert box is not None
            item.bbox = (box[0], top + 2 + k * pitch, box[2], top + 12 + k * pitch)
        return cell

    head = [_cell(1, col, 40, 60, [label]) for col, label in enumerate(["Іс-шара", "Күні", "Жоспар", "Факт"])]
    top = FOOT - 2 * pitch
    above = [spaced(1, 0, top, FOOT, ["Өз ісін", "ашқан"]), spaced(1, 1, top, FOOT, ["26.09."]),
             spaced(1, 2, top, FOOT, ["кемінде 25", "адам"]), spaced(1, 3, top, FOOT, ["30"])]
    below = [spaced(2, 0, 40, 100, ["әйелдермен кездесу"]), spaced(2, 1, 40, 100, ["2025"]),
             spaced(2, 2, 40, 100, ["10 фото"]), spaced(2, 3, 40, 100, ["адам 12 фото"])]
    first = _table(1, [head, above])
    stitch(first, _table(2, [below]))
    assert len(first.rows) == 2
    date = first.rows[1][1]
    assert date is not None and date.text.replace(" ", "") == "26.09.2025"


def test_a_cells_last_line_painted_under_its_box_stays_in_it() -> None:
    # A browser sized the rows a cell merged down spans before it broke that cell's text: its
    # last line («ы.») stands under the cell's foot (396), where the grid has no cell in that
    # column until the next task's starts (425). The line is the cell's, not lost.
    boxes = [(763.0, 43.0, 794.0, 396.0), (763.0, 425.0, 794.0, 553.0), (700.0, 396.0, 763.0, 425.0)]
    chars = [{"text": "ы", "x0": 765.0, "x1": 770.0, "top": 394.0, "bottom": 403.0},
             {"text": "Ж", "x0": 765.0, "x1": 771.0, "top": 435.0, "bottom": 444.0},
             {"text": "?", "x0": 600.0, "x1": 605.0, "top": 394.0, "bottom": 403.0}]
    assert assign(chars, boxes) == [-1, 1, -1]
    assert assign_overflow(chars, boxes, assign(chars, boxes)) == [0, 1, -1]


def test_a_label_ending_in_a_comma_goes_on_though_it_left_room() -> None:
    # «Егде жастағы адамдар (50 жастан жоғары),» ends the head's line with room in its cell;
    # the page opens with «оның ішінде» alone under it: a comma has not ended the label.
    head = [_cell(1, 0, FOOT - 5 * LINE, FOOT, ["Барлығы"]), _cell(1, 1, FOOT - 5 * LINE, FOOT, ["Егде жастағы", "адамдар,"])]
    rest = [_cell(2, 0, 40, 60, []), _cell(2, 1, 40, 60, ["оның ішінде"])]
    values = [_cell(2, col, 60, 80, [v]) for col, v in enumerate(["96", "11"])]
    first = _table(1, [head])
    stitch(first, _table(2, [rest, values]))
    assert len(first.rows) == 2
    assert first.rows[0][1] is not None and first.rows[0][1].text == "Егде жастағы адамдар, оның ішінде"


def test_the_rest_of_one_cell_beside_columns_that_ended_is_the_rows_rest() -> None:
    # A partner's role «Төрешілерді тарту, жарыстарды» left a line of room (a browser cut the
    # row where it chose); the page opens with «ұйымдастыруға көмек» alone, under a name and
    # a phone that ended: the rest of that row, not a partner of its own.
    head = [_cell(1, col, 40, 60, [label]) for col, label in enumerate(["Атауы", "Рөлі", "Байланыс"])]
    above = [_cell(1, 0, FOOT - 5 * LINE, FOOT, ["Спорт басқармасы"]),
             _cell(1, 1, FOOT - 5 * LINE, FOOT, ["Төрешілерді тарту,", "жарыстарды"]),
             _cell(1, 2, FOOT - 5 * LINE, FOOT, ["8 (7172) 55-68-20"])]
    below = [_cell(2, 0, 40, 60, []), _cell(2, 1, 40, 60, ["ұйымдастыруға көмек"]), _cell(2, 2, 40, 60, [])]
    nxt = [_cell(2, col, 60, 80, [v]) for col, v in enumerate(["№78 мектеп-лицей", "Спорт залы", "87015553021"])]
    first = _table(1, [head, above])
    stitch(first, _table(2, [below, nxt]))
    assert len(first.rows) == 3
    assert first.rows[1][1] is not None and first.rows[1][1].text == "Төрешілерді тарту, жарыстарды ұйымдастыруға көмек"


def test_a_unit_under_a_unit_in_a_new_numbered_row_stays_in_it() -> None:
    # «4.» | «5.»: a new row; its unit «ұйым» under «адам» (the row above's own cell, which a
    # one-line row fills) is the new row's, not the rest of «адам».
    head = [_cell(1, col, 40, 60, [label]) for col, label in enumerate(["№", "Индикатор", "Бірлігі"])]
    above = [_cell(1, 0, FOOT - LINE - 4, FOOT, ["4."]), _cell(1, 1, FOOT - LINE - 4, FOOT, ["Мамандар"]),
             _cell(1, 2, FOOT - LINE - 4, FOOT, ["адам"])]
    below = [_cell(2, 0, 40, 60, ["5."]), _cell(2, 1, 40, 60, ["Ұйымдар"]), _cell(2, 2, 40, 60, ["ұйым"])]
    first = _table(1, [head, above])
    stitch(first, _table(2, [below]))
    assert [c.text if c is not None else None for c in first.rows[1]] == ["4.", "Мамандар", "адам"]
    assert [c.text if c is not None else None for c in first.rows[2]] == ["5.", "Ұйымдар", "ұйым"]


def test_a_name_announced_by_atyndagy_has_not_ended() -> None:
    # «С. Аманжолов атындағы» («named after») always has the name's rest after it, typed on a
    # Russian keyboard too; so do «үшін» and «арқылы» typed as «ушин», «аркылы».
    assert all(_unclosed(text) for text in ("С. Аманжолов атындағы", "С. Аманжолов атындагы", "жастар ушин",
                                            "онлайн аркылы"))
    assert not _unclosed("Шығыс Қазақстан университеті")


def test_a_task_repeated_on_every_row_is_the_new_rows_own_over_the_page() -> None:
    # The task typed again on every indicator's row, in a narrow column; the activity is merged
    # down over its three indicators, and rows may not break, so the third moves to page 2
    # whole. Its task cell is the same text again: the row's own, not the rest of the task
    # above (which would then read twice).
    task = ["Содействие", "социальной", "интеграции", "лиц с", "инвалид-", "ностью и", "работе с", "работодателям и"]
    head = [_cell(1, col, 40, 60, [label]) for col, label in enumerate(["Задача", "Мероприятие", "Индикатор"])]
    tall = 60 + (len(task) + 1) * LINE
    foot = tall + (len(task) + 1) * LINE
    first_row = [_cell(1, 0, 60, tall, task), _cell(1, 1, 60, foot, ["Семинар", "для", "волонтёров"]),
                 _cell(1, 2, 60, tall, ["Обученные", "волонтёры"])]
    second_row = [_cell(1, 0, tall, foot, task), None, _cell(1, 2, tall, foot, ["Методика"])]
    below = [_cell(2, 0, 40, 40 + (len(task) + 1) * LINE, task), _cell(2, 1, 40, 40 + (len(task) + 1) * LINE, []),
             _cell(2, 2, 40, 80, ["Доля", "участников"])]
    first = _table(1, [head, first_row, second_row])
    stitch(first, _table(2, [below]))
    assert [row[0].text if row[0] is not None else None for row in first.rows[1:]] == [" ".join(task)] * 3
    assert first.rows[3][2] is not None and first.rows[3][2].text == "Доля участников"


def test_a_task_cut_after_a_postposition_goes_on_under_a_quote() -> None:
    # «Балалар мен ата-аналар арасында» | ««Қысқы ойындар» фестивалін ұйымдастыру»: the page
    # cut the task after «арасында» (among), which points at what comes after it; the rest
    # opens with a quote, as a new task might, and the indicator beside it ended with room
    # (its next stacked item moved over whole). One row, one task.
    head = [_cell(1, col, 40, 60, [label]) for col, label in enumerate(["Міндет", "Индикатор", "Жоспар"])]
    above = [_cell(1, 0, FOOT - 3 * LINE - 4, FOOT, ["Балалар мен", "ата-аналар", "арасында"]),
             _cell(1, 1, FOOT - 3 * LINE - 4, FOOT, ["Қатысушылар"]), _cell(1, 2, FOOT - 3 * LINE - 4, FOOT, ["150"])]
    below = [_cell(2, 0, 40, 100, ["«Қысқы ойындар»", "фестивалін", "ұйымдастыру"]),
             _cell(2, 1, 40, 100, ["Спорт түрлері"]), _cell(2, 2, 40, 100, ["4"])]
    first = _table(1, [head, above])
    stitch(first, _table(2, [below]))
    assert first.rows[1][0] is not None
    assert first.rows[1][0].text == "Балалар мен ата-аналар арасында «Қысқы ойындар» фестивалін ұйымдастыру"


def test_a_title_beside_a_new_date_is_a_new_rows_own() -> None:
    # An activity merged down over its two indicator rows, its title running to the page's
    # foot without a full stop («… по согласованию с КСК и ОСИ»), its date merged over the same
    # rows. Page 2 opens with «Проведение экологических уроков» beside «3, 10 и 17 июня»: the
    # date is a value of its own, so the row is new and the title is its own.
    head = [_cell(1, col, 40, 60, [label]) for col, label in enumerate(["Мероприятие", "Дата", "Индикатор"])]
    title = ["Установка", "контейнеров", *(["во дворах"] * 33), "с КСК и ОСИ"]  # to the foot
    first_row = [_cell(1, 0, 60, FOOT, title), _cell(1, 1, 60, FOOT, ["12.05.2023"]),
                 _cell(1, 2, 60, 200, ["Контейнеры"])]
    second_row = [None, None, _cell(1, 2, 200, FOOT, ["Площадки"])]
    below = [_cell(2, 0, 40, 100, ["Проведение", "экологических", "уроков"]),
             _cell(2, 1, 40, 100, ["3, 10 и 17", "июня 2023 г."]), _cell(2, 2, 40, 100, ["Уроки"])]
    first = _table(1, [head, first_row, second_row])
    stitch(first, _table(2, [below]))
    assert len(first.rows) == 4
    assert first.rows[1][0] is not None and first.rows[1][0].text == " ".join(title)
    assert [c.text if c is not None else None for c in first.rows[3]] == [
        "Проведение экологических уроков", "3, 10 и 17 июня 2023 г.", "Уроки"]


def test_a_task_repeated_on_the_rest_of_a_cut_row_is_said_once() -> None:
    # The page cut a row whose task is typed on every row: the rest of its activity goes on in
    # lower case under the same task text again. The row is one row, its task said once.
    task = ["Цифрлық", "сауаттылықты", "арттыру"]
    head = [_cell(1, col, 40, 60, [label]) for col, label in enumerate(["Міндет", "Іс-шара", "Индикатор"])]
    above = [_cell(1, 0, FOOT - 3 * LINE - 4, FOOT, task),
             _cell(1, 1, FOOT - 3 * LINE - 4, FOOT, ["Смартфон", "сабақтарын", "өткізу және"]),
             _cell(1, 2, FOOT - 3 * LINE - 4, FOOT, ["Сабақтар"])]
    below = [_cell(2, 0, 40, 80, task), _cell(2, 1, 40, 80, ["қатысушыларды", "тіркеу"]), _cell(2, 2, 40, 80, [])]
    first = _table(1, [head, above])
    stitch(first, _table(2, [below]))
    assert len(first.rows) == 2
    assert [c.text if c is not None else None for c in first.rows[1]] == [
        "Цифрлық сауаттылықты арттыру", "Смартфон сабақтарын өткізу және қатысушыларды тіркеу", "Сабақтар"]


def test_a_task_merged_down_goes_on_in_lower_case_judged_by_its_line_spacing() -> None:
    # A task merged over its activity's indicator rows: LibreOffice stops its text at the row
    # the page cut, «… бейімделген» a line and a half (of 12 pt lines, 10 pt glyphs) above the
    # foot, and the next page opens with «спортқа тарту» beside the third indicator.
    head = [_cell(1, col, 40, 60, [label]) for col, label in enumerate(["Міндет", "Индикатор", "Жоспар"])]
    foot = 60 + 3 * LINE + 2 + 18  # three lines, then a line and a half of room
    first_row = [_cell(1, 0, 60, foot, ["Мүгедектігі", "бар балаларды", "бейімделген"]),
                 _cell(1, 1, 60, 80, ["Балалар"]), _cell(1, 2, 60, 80, ["15 адам"])]
    second_row = [None, _cell(1, 1, 80, foot, ["Сабақтар"]), _cell(1, 2, 80, foot, ["24"])]
    below = [_cell(2, 0, 40, 100, ["спортқа тарту"]), _cell(2, 1, 40, 60, ["Қанағаттану"]), _cell(2, 2, 40, 60, ["85 %"])]
    first = _table(1, [head, first_row, second_row])
    stitch(first, _table(2, [below]))
    assert first.rows[1][0] is not None and first.rows[1][0].text == "Мүгедектігі бар балаларды бейімделген спортқа тарту"
    assert [c.text if c is not None else None for c in first.rows[3]] == [None, "Қанағаттану", "85 %"]


def test_a_unit_the_rows_above_end_with_takes_no_unit_of_two_words_from_the_next_row() -> None:
    # A socio-economic table with no «№» column, cut before its last row: «тенге» (as the two
    # rows above end) | «организаций/ человек» is a unit under a unit, not «тенге организаций».
    rows = [_socio_row(1, 300 + 40 * k, 330 + 40 * k, [[label], ["тенге"], [value]])
            for k, (label, value) in enumerate([("Фонд оплаты труда", "5 280 000"), ("Налоги", "623 040")])]
    above = _socio_row(1, FOOT - LINE - 4, FOOT, [["Вклад в экономику"], ["тенге"], ["5 336 960"]])
    below = _socio_row(2, 40, 70, [["Количество партнеров"], ["организаций/", "человек"], ["4"]])
    first = _table(1, [*rows, above])
    stitch(first, _table(2, [below]))
    assert [c.text if c is not None else None for c in first.rows[-2]] == ["Вклад в экономику", "тенге", "5 336 960"]
    assert [c.text if c is not None else None for c in first.rows[-1]] == [
        "Количество партнеров", "организаций/ человек", "4"]
    # Where no row above ends so, a lower-case word under it is still surely its rest
    people = [_socio_row(1, 300 + 40 * k, 330 + 40 * k, [[label], ["человек"], [value]])
              for k, (label, value) in enumerate([("Штатные сотрудники", "4"), ("Специалисты", "6")])]
    first = _table(1, [*people, above])
    stitch(first, _table(2, [_socio_row(2, 40, 70, [["Количество партнеров"], ["организаций/", "человек"], ["4"]])]))
    assert len(first.rows) == 3
    assert first.rows[-1][1] is not None and first.rows[-1][1].text == "тенге организаций/ человек"


def test_a_title_beside_cells_that_surely_go_on_goes_on_too() -> None:
    # An activity's cells merged over its indicators, cut by the page: its title ended a line
    # with no sign («… учащихся» | «9–11 классов …»), but its place and results beside it
    # surely go on (lower case): cells merged over the same rows end together. The indicator
    # beside them starts afresh, a new row of its own.
    above = [_cell(1, 0, FOOT - 3 * LINE - 4, FOOT, ["Выездное", "тестирование", "учащихся"]),
             _cell(1, 1, FOOT - 3 * LINE - 4, FOOT, ["г. Темиртау,", "КГУ «Общ"]),
             _cell(1, 2, FOOT - 3 * LINE - 4, FOOT, ["Консультанты", "проекта", "протестиров"]),
             _cell(1, 3, FOOT - 3 * LINE - 4, FOOT, ["Прошедшие"])]  # the indicator ended, room under it
    below = [_cell(2, 0, 40, 120, ["9–11 классов школ"]), _cell(2, 1, 40, 120, ["еобразовательная", "школа № 9»"]),
             _cell(2, 2, 40, 120, ["али 212 учащихся"]), _cell(2, 3, 40, 60, ["Заключения"])]
    first = _table(1, [_socio_row(1, 40, 60, [["Мероприятие"], ["Место"], ["Итоги"], ["Индикатор"]]), above])
    stitch(first, _table(2, [below]))
    assert first.rows[1][0] is not None and first.rows[1][0].text == "Выездное тестирование учащихся 9–11 классов школ"
    assert first.rows[2][3] is not None and first.rows[2][3].text == "Заключения"
    # (one cell going on alone, a task's long-term results, carries no title along: see
    # test_a_place_that_ended_takes_nothing_from_the_next_rows_own)


def test_a_label_with_room_for_the_next_word_ended_beside_a_value_left_empty() -> None:
    # The categories laid down (label | value), cut before «Другие категории», whose value is
    # empty: «Представители бизнес-сектора» had room on its line for «Другие», so it ended.
    wide = 200.0
    rows = []
    for page, top, label, value in [(1, FOOT - LINE - 4, "Представители бизнес", "31"), (2, 40, "Другие категории", "")]:
        label_cell = Cell(items=[TextItem(label, page, (0, top, wide, top + LINE + 4))], page=page,
                          bbox=(0, top, wide, top + LINE + 4),
                          lines=[TextItem(label, page, (2, top + 2, 2 + LETTER * len(label), top + 12))])
        value_cell = _cell(page, 4, top, top + LINE + 4, [value] if value else [])
        rows.append([label_cell, value_cell])
    head = [_cell(1, 0, 40, 60, ["Категория"]), _cell(1, 4, 40, 60, ["Саны"])]
    first = _table(1, [head, rows[0]])
    stitch(first, _table(2, [rows[1]]))
    assert [c.text if c is not None else None for c in first.rows[-1]] == ["Другие категории", ""]
    assert first.rows[1][0] is not None and first.rows[1][0].text == "Представители бизнес"


def test_a_piece_of_a_word_a_narrow_head_cell_cut_leaves_no_label_open() -> None:
    # The head ends page 1; a column too narrow for «участников» left «ко | в» on its last
    # lines, and «в» reads as a preposition that never ends a label. The first row on page 2
    # opens with a number and capitals: values of its own, not the label's rest.
    head = [_cell(1, 0, FOOT - 120, FOOT, ["Ко", "ли", "че", "ство", "уч", "аст", "ни", "ко", "в"]),
            _cell(1, 1, FOOT - 120, FOOT - 30, ["Индикаторы"]), None]
    sub = [None, _cell(1, 1, FOOT - 30, FOOT, ["план"]), _cell(1, 2, FOOT - 30, FOOT, ["факт"])]
    row = [_cell(2, 0, 40, 80, ["14"]), _cell(2, 1, 40, 80, ["Не менее 20"]), _cell(2, 2, 40, 80, ["23"])]
    first = _table(1, [head, sub])
    stitch(first, _table(2, [row]))
    assert len(first.rows) == 3
    assert [c.text for c in first.rows[2] if c is not None] == ["14", "Не менее 20", "23"]


def test_a_place_cut_after_an_initial_goes_on_with_the_surname() -> None:
    # Seed 25479 printed by Chromium: «… библиотеки им. С.» at the foot of a page, «Торайгырова»
    # at the top of the next beside the activity's second indicator: the initial after «им.»
    # waits for its surname. A surname's own initials end a name.
    assert _continuation_strength("конференц-зал библиотеки им. С.", "Торайгырова") == 2
    assert _continuation_strength("им. А.С.", "Пушкина") == 2
    assert _continuation_strength("областной библиотекиим. С.", "Торайгырова") == 2  # (words the reader ran together)
    assert _continuation_strength("Руководитель Иванов И.И.", "Проведение") == 0


def test_a_cell_whose_text_ended_a_page_before_takes_nothing_from_the_next() -> None:
    # Seed 25439 printed by Chromium: an activity's row runs from page 1 over page 2 to page 3's
    # top; its date «шілде 2024» ended on page 1, its title went on over page 2. Page 3 opens
    # with the next activity and its own date, «жыл бойы»: no rest of «шілде 2024», which
    # ended a page before the row's last text («2024» | «жыл» reads on, but the page between
    # showed the date's cell empty).
    head = [_cell(1, col, 40, 60, [label]) for col, label in enumerate(["Іс-шара", "Мерзімі", "Орны"])]
    title = _cell(1, 0, 400, FOOT, ["«Ауызша", "тарих»:", "Қызылорда,", "Арал,", "Қазалы", "және", "Жаңақорған"])
    title.continued = [(2, (0.0, 40.0, WIDTH, 300.0))]
    place = _cell(1, 2, 400, FOOT, ["Қатысушылардың", "елді", "мекендері:", "қариялардың", "үйлері,", "аудандық",
                                    "ардагерлер"])
    place.continued = [(2, (2 * WIDTH, 40.0, 3 * WIDTH, 300.0))]
    date = _cell(1, 1, FOOT - 2 * LINE - 4, FOOT, ["шілде", "2024"])  # (its lines near the foot)
    date.bbox = (WIDTH, 400.0, 2 * WIDTH, FOOT)
    row = [title, date, place]
    below = [_cell(3, 0, 40, 100, ["Жиналған", "материалдар", "негізінде"]), _cell(3, 1, 40, 100, ["жыл бойы"]),
             _cell(3, 2, 40, 100, ["Қордың", "кеңсесі"])]
    first = _table(1, [head, row])
    stitch(first, _table(3, [below]))
    assert [c.text if c is not None else None for c in first.rows[-1]] == [
        "Жиналған материалдар негізінде", "жыл бойы", "Қордың кеңсесі"]
    assert first.rows[1][1] is not None and first.rows[1][1].text == "шілде 2024"


def _text_line(text: str, x0: float, top: float, size: float = 11.0) -> Line:
    words, x = [], x0
    for word in text.split():
        words.append({"text": word, "x0": x, "x1": x + 5.5 * len(word), "top": top, "bottom": top + size, "size": size})
        x += 5.5 * (len(word) + 1)
    return Line(words=words)


def test_a_browsers_line_painted_over_the_rule_below_its_cell_goes_back_to_it() -> None:
    # Seeds 25426 and 25461 printed by Chromium: a cell merged over an activity's rows, cut by
    # the page, paints its last line one line pitch under its last, across the rule that closes
    # it, into the next activity's cell («… ретке» | rule | «келтірілді.»; a link
    # «https://www.instagram.» | rule | «com/p/C5xRt2LoQ7m/»). The line goes back; a cell whose
    # text ended («… келтірілді.») keeps the next cell's first line where it is.
    def grid(above_lines: list[str], below_lines: list[str], below_first: float) -> Grid:
        above = [_text_line(text, 404.0, 130.0 + 13.0 * k) for k, text in enumerate(above_lines)]
        below = [_text_line(text, 404.0, below_first + (13.0 * k if k == 0 else 11.0 + 13.0 * (k - 1)))
                 for k, text in enumerate(below_lines)]
        return [[((400.0, 100.0, 520.0, 168.0), above)], [((400.0, 168.0, 520.0, 400.0), below)]]

    def texts(g: Grid) -> list[list[str]]:
        return [[line.text for line in entry[1]] for row in g for entry in row if entry is not None]

    cut = grid(["Мұрагерлік", "құжаттары", "ретке"], ["келтірілді.", "Форумға жобаның", "164 қатысушысы"], 169.0)
    _return_overflow(cut, Vocabulary())
    assert texts(cut) == [["Мұрагерлік", "құжаттары", "ретке", "келтірілді."], ["Форумға жобаның", "164 қатысушысы"]]
    link = grid(["Бейнежазба:", "https://www.instagram."], ["com/p/C5xRt2LoQ7m/", "Әр топпен аптасына", "екі рет"], 156.0)
    _return_overflow(link, Vocabulary())
    assert texts(link)[0] == ["Бейнежазба:", "https://www.instagram.", "com/p/C5xRt2LoQ7m/"]
    # a cell of its own whose lines go on at the pitch (LibreOffice, little padding): its own
    spaced = grid(["Мұрагерлік", "құжаттары", "ретке"], ["келтірілді.", "Форумға жобаның"], 169.0)
    entry = spaced[1][0]
    assert entry is not None
    entry[1][1] = _text_line("Форумға жобаның", 404.0, 182.0)  # (13 under its first line)
    _return_overflow(spaced, Vocabulary())
    assert texts(spaced)[1] == ["келтірілді.", "Форумға жобаның"]
    ended = grid(["Мұрагерлік", "құжаттары", "ретке келтірілді."], ["Форумға жобаның", "164 қатысушысы."], 169.0)
    _return_overflow(ended, Vocabulary())
    assert texts(ended) == [["Мұрагерлік", "құжаттары", "ретке келтірілді."], ["Форумға жобаның", "164 қатысушысы."]]


def test_the_foot_of_a_box_drawn_from_above_the_page_is_no_row() -> None:
    # Seeds 25454 and 25460 printed by Chromium: a task's long-term results, merged down over
    # its activities and cut by the page, are drawn again from far above the next page (the
    # box's top at -288) down to the table's top: pdfplumber makes a blank row of it. That row
    # is none of the table's (its sides still tell the columns apart); once, it opened the
    # page as a row of its own, and the cut row's rest under it («облыстық БАҚ» under «…
    # YouTube арнасы;») was read as a new activity.
    head = [_cell(1, col, 40, 60, [label]) for col, label in enumerate(["Іс-шара", "Орны", "Нәтижелер"])]
    earlier = [_cell(1, 0, 60, 300, ["Байқау"]), _cell(1, 1, 60, 300, ["Қызылорда қ."]),
               _cell(1, 2, 60, FOOT, ["Жастардың", *(["зерттеу"] * 35), "жұмыстары"])]
    row = [*_foot_row([["Медиа жоспар", "бойынша жоба", "барысын"],
                       ["Қордың Instagram,", "парақшалары және", "YouTube арнасы;"]]), None]
    sliver = [None, None, _cell(2, 2, -288, 43, [])]
    rest = [_cell(2, 0, 43, 99, []), _cell(2, 1, 43, 99, ["облыстық БАҚ"]), _cell(2, 2, 43, 345, ["жинақ болып"])]
    first = _table(1, [head, earlier, row])
    stitch(first, _table(2, [sliver, rest]))
    assert len(first.rows) == 3
    assert [c.text if c is not None else None for c in first.rows[2]] == [
        "Медиа жоспар бойынша жоба барысын", "Қордың Instagram, парақшалары және YouTube арнасы; облыстық БАҚ", None]
    assert first.rows[1][2] is not None and first.rows[1][2].text.endswith("жұмыстары жинақ болып")


def test_a_place_cut_after_a_city_abbreviation_goes_on_though_it_left_room() -> None:
    # Seed 25633 printed by Chromium: a place merged down over an activity's indicators ends
    # page 1 with «… им. Естая; г.», two lines above its foot; page 2 opens with the activity's
    # next indicator and, beside it, «Экибастуз, г. Аксу»: «г.» is written before a city's name,
    # so the place goes on wherever the page cut it; the indicator's row is a row of its own.
    head = [_cell(1, col, 40, 60, [label]) for col, label in enumerate(["Место", "Индикатор", "План"])]
    row = [_cell(1, 0, 60, FOOT, ["г. Павлодар,", "Дворец культуры", "им. Естая; г."]),
           _cell(1, 1, 60, FOOT, ["Посетители", "ярмарки"]), _cell(1, 2, 60, FOOT, ["не менее 150"])]
    below = [_cell(2, 0, 40, 100, ["Экибастуз, г.", "Аксу"]), _cell(2, 1, 40, 100, ["Работодатели"]),
             _cell(2, 2, 40, 100, ["не менее 20 ед."])]
    first = _table(1, [head, row])
    stitch(first, _table(2, [below]))
    assert first.rows[1][0] is not None
    assert first.rows[1][0].text == "г. Павлодар, Дворец культуры им. Естая; г. Экибастуз, г. Аксу"
    assert [c.text if c is not None else None for c in first.rows[-1]][1:] == ["Работодатели", "не менее 20 ед."]
