"""Indicators stacked in one cell of a PDF, told apart line by line
(``grantparse/extract/tasks.py``): a prize breakdown is one value however a narrow column
wraps it, and the rest of a row the page cut goes on with the value it cut."""

from __future__ import annotations

from grantparse.extract.tasks import (
    _VALUE_START,
    _begins_item,
    _carried_over,
    _joined_over_page_cuts,
    _LogicalRow,
    _Piece,
    _repeats_activity,
)
from grantparse.model import Activity
from grantparse.readers.document import Cell, TextItem

LINE = 14.0


def _lines(texts: list[str], page: int = 1, top: float = 100.0) -> list[TextItem]:
    return [TextItem(text, page, (682.0, top + k * LINE, 682.0 + 6.0 * len(text), top + k * LINE + 11.0))
            for k, text in enumerate(texts)]


def test_a_prize_breakdown_wrapped_in_a_narrow_column_is_one_value() -> None:
    # «1 | орын - | 1 (100 | 000тг) | 2 | орын - | …»: «2» alone on its line begins no new
    # value — with the line after it, it reads «2 орын -», the breakdown's next place.
    lines = _lines(["16", "команда", "1", "орын -", "1 (100", "000тг)", "2", "орын -", "1 (70", "000тг)", "20", "фото"])
    starts = [i for i in range(len(lines)) if _begins_item(lines, i, _VALUE_START)]
    assert starts == [0, 2, 10]


def test_the_rest_of_a_row_the_page_cut_goes_on_with_the_value_it_cut() -> None:
    # The fact cell ends page 4 with «1 орын - 1 (100 000тг)»; page 5 opens the row's rest with
    # «2 орын - 1 (70 000тг)», «3 орын - 2 (50 000тг)», then the next indicator's «20 фото».
    above = _lines(["16 команда", "1 орын - 1", "(100 000тг)"], page=4)
    below = _lines(["2 орын - 1 (70 000тг)", "3 орын - 2 (50 000тг)", "20 фото"], page=5, top=40.0)
    cell_above = Cell(items=[TextItem("16 команда", 4), TextItem("1 орын - 1 (100 000тг)", 4)], page=4, lines=above)
    cell_below = Cell(items=[TextItem("2 орын - 1 (70 000тг) 3 орын - 2 (50 000тг)", 5), TextItem("20 фото", 5)],
                      page=5, lines=below)
    before = [_Piece(item.text, item, cell_above, 3, 9) for item in cell_above.items]
    after = [_Piece(item.text, item, cell_below, 4, 9) for item in cell_below.items]
    assert [p.text for p in _carried_over(before, after, _VALUE_START)] == [
        "16 команда", "1 орын - 1 (100 000тг) 2 орын - 1 (70 000тг) 3 орын - 2 (50 000тг)", "20 фото"]
    # a value of its own opens the page: nothing to join
    fresh = [_Piece("20 фото", cell_below.items[1], Cell(items=[cell_below.items[1]], page=5, lines=below[2:]), 4, 9)]
    assert [p.text for p in _carried_over(before, fresh, _VALUE_START)] == [
        "16 команда", "1 орын - 1 (100 000тг)", "20 фото"]


def test_a_cell_carried_on_over_the_page_joins_the_value_the_page_cut() -> None:
    # The reader carried the plan cell on from page 22 to 23 as one cell, and a page's end is
    # a paragraph's end to it: «1 орын - 3 (60 000тг) 2 орын - 3 (40 000тг)» | «3 орын - 3
    # (30 000тг)» is one prize breakdown; «264 дана» after it is a value of its own.
    above = _lines(["1 орын", "- 3 (60", "000тг)", "2 орын", "- 3 (40", "000тг)"], page=22)
    below = _lines(["3 орын", "- 3 (30", "000тг)", "264 дана"], page=23, top=40.0)
    items = [TextItem("1 орын - 3 (60 000тг) 2 орын - 3 (40 000тг)", 22), TextItem("3 орын - 3 (30 000тг)", 23),
             TextItem("264 дана", 23)]
    cell = Cell(items=items, page=22, lines=[*above, *below])
    pieces = [_Piece(item.text, item, cell, 37, 7) for item in items]
    assert [p.text for p in _joined_over_page_cuts(pieces, _VALUE_START)] == [
        "1 орын - 3 (60 000тг) 2 орын - 3 (40 000тг) 3 орын - 3 (30 000тг)", "264 дана"]
    # a value that begins afresh on the next page stays apart
    fresh = [pieces[0], _Piece("264 дана", items[2], cell, 37, 7)]
    cell.lines = [*above, *below[3:]]
    assert [p.text for p in _joined_over_page_cuts(fresh, _VALUE_START)] == [
        "1 орын - 3 (60 000тг) 2 орын - 3 (40 000тг)", "264 дана"]

    # the paragraph above ran on over the cut («(2 телеарна, 3» | «сайт)»): the next page's
    # first line is not the start of «1», which is a value of its own
    above = _lines(["5 дана", "(2", "телеарна, 3"], page=6)
    below = _lines(["сайт)", "1"], page=7, top=40.0)
    items = [TextItem("5 дана", 6), TextItem("(2 телеарна, 3 сайт)", 6), TextItem("1", 7)]
    cell = Cell(items=items, page=6, lines=[*above, *below])
    pieces = [_Piece(item.text, item, cell, 12, 9) for item in items]
    assert [p.text for p in _joined_over_page_cuts(pieces, _VALUE_START)] == ["5 дана", "(2 телеарна, 3 сайт)", "1"]


def test_an_activity_copied_onto_its_rows_is_one_though_the_page_clipped_a_copy() -> None:
    # The activity typed again on each indicator's row; a row that may not break, taller than
    # the page, loses its last line at the page's foot: the copy's results stop short.
    results = "Курсқа 32 әйел қатысып, 64 бұйым тікті. Курсты 31 қатысушы сертификатпен аяқтады."
    activity = Activity(title="«Шебер қолдар» курсы", dates_raw="наурыз-мамыр", short_term_results=results)

    def row(short_term: str) -> _LogicalRow:
        texts = {"activity": "«Шебер қолдар» курсы", "dates": "наурыз-мамыр", "short_term": short_term}
        return _LogicalRow(row=7, fields={key: [_Piece(text, None, None, 7, 0)] for key, text in texts.items()})

    assert _repeats_activity(row("Курсқа 32 әйел қатысып, 64 бұйым тікті. Курсты 31 қатысушы сертификатпен"), activity)
    assert _repeats_activity(row(results), activity)
    # results of its own, or only their first words: another activity of the same name
    assert not _repeats_activity(row("Курсқа 20 әйел қатысты."), activity)
    assert not _repeats_activity(row("Курсқа 32 әйел"), activity)
