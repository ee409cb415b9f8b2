"""Indicators stacked in one cell of a PDF, told apart line by line
(``grantparse/extract/tasks.py``): a prize breakdown is one value however a narrow column
wraps it, and the rest of a row the page cut goes on with the value it cut."""

from __future__ import annotations

from grantparse.extract.tasks import (
    _NAME_START,
    _VALUE_START,
    _balance_by_line_starts,
    _begins_item,
    _carried_over,
    _items_begun,
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


def _narrow(texts: list[str], x0: float, width: float) -> tuple[Cell, list[_Piece]]:
    """One cell of a narrow column (``width`` points, 5 of padding each side) whose lines the
    reader took for one paragraph; its pieces."""
    lines = [TextItem(text, 3, (x0 + 5.0, 244.0 + k * 11.5, x0 + 5.0 + 5.5 * len(text), 254.0 + k * 11.5))
             for k, text in enumerate(texts)]
    cell = Cell(items=[TextItem(" ".join(texts), 3)], page=3, bbox=(x0, 244.0, x0 + width, 400.0), lines=lines)
    return cell, [_Piece(cell.items[0].text, cell.items[0], cell, 2, 0)]


def test_a_number_alone_on_a_full_line_over_three_digits_is_two_values_when_the_names_say_so() -> None:
    # Seeds 25452 and 25466, ruled across: a column too narrow for «24 100 %» on one line reads
    # either «24» | «100 %» or one number cut at its group space; three names, three plans
    # decide it: three facts. Without the names' word a cut number stays one number.
    _, names = _narrow(["Сабаққа", "қатысқан", "балалар", "Өткізілген", "сабақтар", "Ата-", "аналардың",
                        "қанағаттану", "деңгейі"], 349.0, 57.0)
    _, plans = _narrow(["15", "адам", "24", "85 %"], 406.0, 35.0)
    facts_cell, facts = _narrow(["18", "адам", "24", "100 %"], 441.0, 35.0)
    assert not _begins_item(facts_cell.lines, 3, _VALUE_START, 25.0)  # («24» | «100 %»: perhaps one number)
    row = _LogicalRow(row=2, names=names, plans=plans, facts=facts)
    split = _balance_by_line_starts(row)
    assert split is not None
    assert [[p.text for p in column] for column in split] == [
        ["Сабаққа қатысқан балалар", "Өткізілген сабақтар", "Ата-аналардың қанағаттану деңгейі"],
        ["15 адам", "24", "85 %"], ["18 адам", "24", "100 %"]]
    # two names: the number stays one («24 100 адам»)
    two_names = _LogicalRow(row=2, names=_narrow(["Сабаққа", "қатысқан", "Өткізілген", "сабақтар"], 349.0, 57.0)[1],
                            plans=_narrow(["15", "адам", "24 100", "адам"], 406.0, 35.0)[1], facts=facts)
    split = _balance_by_line_starts(two_names)
    assert split is not None and [p.text for p in split[2]] == ["18 адам", "24 100 %"]


def test_a_value_the_reader_cut_after_its_qualifier_begins_no_item() -> None:
    # Seed 25430, ruled across: the reader saw «не менее» | «45 человек 24 ед.» as two paragraphs;
    # that is one value waiting for its number, not two items (so the cells' own paragraphs
    # no longer outnumber what the line starts agree on).
    pieces = [_Piece(text, None, None, 5, 8) for text in ["не менее", "45 человек 24 ед.", "не менее", "40 шт.", "10 шт."]]
    assert _items_begun(pieces, _VALUE_START) == 3
    assert _items_begun([_Piece(t, None, None, 5, 7) for t in ["Количество слушателей", "Проведённые занятия"]],
                        _NAME_START) == 2
