"""Words a narrow column cut over two lines, told from two words by geometry and the document's
own vocabulary (``grantparse/readers/layout.py``). The lines are laid out as a PDF gives them:
10 pt text, a column whose text may reach x = 60."""

from __future__ import annotations

import pytest

from grantparse.readers.layout import Line, Vocabulary, join_lines, split_paragraphs

SIZE = 10.0
RIGHT = 60.0
LETTER = 5.5  # points a letter takes


def _line(text: str, top: float, end: float | None = None) -> Line:
    """One line of words starting at x = 0; ``end`` pins where its last word ends."""
    words, x = [], 0.0
    for word in text.split():
        words.append({"text": word, "x0": x, "x1": x + LETTER * len(word), "top": top, "bottom": top + SIZE,
                      "size": SIZE})
        x += LETTER * (len(word) + 1)
    if end is not None:
        words[-1]["x1"] = end
    return Line(words=words)


def _vocabulary(text: str) -> Vocabulary:
    return Vocabulary.of([_line(text, 100.0)])


def test_a_one_letter_tail_is_rejoined() -> None:
    # «тұрғындар|ы»: the line was full (less room than a letter), «ы» is no word — though
    # the same cut happens elsewhere in the document, so «ы» turns up between words too.
    lines = [_line("тұрғындар", 0.0, end=RIGHT - 3.0), _line("ы жобаның", 12.0)]
    assert join_lines(lines, RIGHT, _vocabulary("жобаның ы мақсаты ы жоба")) == "тұрғындары жобаның"


def test_a_one_letter_word_of_a_document_that_uses_it_stays() -> None:
    lines = [_line("обучение", 0.0, end=RIGHT - 3.0), _line("и практика", 12.0)]
    russian = _vocabulary("семинар и тренинг и практика и отчёт и итоги")
    assert join_lines(lines, RIGHT, russian) == "обучение и практика"


def test_a_closing_mark_opening_a_line_is_glued_to_its_word() -> None:
    lines = [_line("«Цифрлы кариялар", 0.0, end=RIGHT - 20.0), _line("» клубы", 12.0)]
    assert join_lines(lines, RIGHT) == "«Цифрлы кариялар» клубы"


def test_a_line_with_room_to_spare_ends_a_word() -> None:
    lines = [_line("жастары", 0.0, end=RIGHT - 25.0), _line("мен", 12.0)]
    assert join_lines(lines, RIGHT, _vocabulary("жастарымен")) == "жастары мен"


# Lines of tokens with no spaces to wrap at (links, numbers), as a narrow column breaks them:
# (first line, where it ends, second line, their text).
NO_SPACES = [
    # «Фотоесеп: https://www.instagram.com/» | «p/C0pL7vXoR3e/»: broken where it did not fit,
    # after other words on the line
    ("Фотоесеп: https://inst.kz/", RIGHT - 8.0, "p/C0pL7/ және", "Фотоесеп: https://inst.kz/p/C0pL7/ және"),
    ("Фото: https://www.inst.", RIGHT - 4.0, "com/p/C0pL7/", "Фото: https://www.inst.com/p/C0pL7/"),
    # the rest of a link whose start stayed on the page before («https://www.inst» | page |
    # «agram.com/p/C0» | «pL7vXoR3e/»): a domain and a path go on as a link does
    ("agram.com/p/C0", RIGHT - 2.0, "pL7/", "agram.com/p/C0pL7/"),
    # a sentence after a link, with room to spare, is no part of it
    ("https://inst.kz/p/C0", RIGHT - 20.0, "Жоба аяқталды.", "https://inst.kz/p/C0 Жоба аяқталды."),
    # the column's room is known to a point: less than a digit and a quarter left is full
    ("12.0", RIGHT - 6.5, "3.2025", "12.03.2025"),
    ("150", RIGHT - 30.0, "2", "150 2"),  # stacked numbers with room after them
]


@pytest.mark.parametrize(("first", "end", "second", "text"), NO_SPACES, ids=[case[3] for case in NO_SPACES])
def test_tokens_with_no_spaces_are_joined_where_the_column_cut_them(first: str, end: float, second: str,
                                                                      text: str) -> None:
    assert join_lines([_line(first, 0.0, end=end), _line(second, 12.0)], RIGHT) == text


def test_a_phone_number_wraps_whole() -> None:
    # «… 57-34-12,» left room for «8» but not for «8 701 482 19 65», typed with no-break spaces:
    # the line did not end a paragraph.
    lines = [_line("тел.: 57-34-12,", 0.0, end=RIGHT - 12.0), _line("8 701 482 19 65", 12.0)]
    assert len(split_paragraphs(lines, RIGHT, 12.0)) == 1
    assert len(split_paragraphs([lines[0], _line("и жоба", 12.0)], RIGHT, 12.0)) == 2  # «и» fitted


def _word(text: str, x0: float, top: float) -> dict[str, object]:
    return {"text": text, "x0": x0, "x1": x0 + LETTER * len(text), "top": top, "bottom": top + SIZE, "size": SIZE}


def test_a_centred_short_word_with_room_on_both_sides_ends_a_word() -> None:
    # «не» | «мене» | «е 20» centred in a column 25 points wide: «не» leaves room on its left
    # as well as on its right, so the column did not cut it; «мене» fills its line, and «е» is
    # its tail.
    right = 25.0
    lines = [Line(words=[_word("не", 8.5, 0.0)]), Line(words=[_word("мене", 1.5, 12.0)]),
             Line(words=[_word("е", 4.0, 24.0), _word("20", 12.0, 24.0)])]
    assert join_lines(lines, right) == "не менее 20"


def test_a_qualifier_cut_into_pieces_of_a_line_each_is_one_word() -> None:
    # A column a dozen points wide: «не» | «ме» | «не» | «е 4 га». «не» is a word of its own,
    # so no single break says «менее»; the pieces together are the form's qualifier.
    lines = [_line("не", 0.0, end=12.0), _line("ме", 12.0, end=13.0), _line("не", 24.0, end=12.0),
             _line("е 4 га", 36.0)]
    assert join_lines(lines, 13.0, _vocabulary("не менее 20 ед. не более 5")) == "не менее 4 га"
    # «не» | «до» | «20»: two words, no qualifier made of them
    words = [_line("не", 0.0, end=12.0), _line("до", 12.0, end=12.0), _line("20", 24.0)]
    assert join_lines(words, 13.0, _vocabulary("не до 20")) == "не до 20"


def test_a_qualifier_cut_at_a_line_start_is_no_tail_of_the_line_above() -> None:
    # Two values stacked in a column 25 points wide: «150» | «адам» | «кемі» | «нде 150» | «дана».
    # «кемі» is a short piece no word of the document, as a cut tail is — but with «нде» it
    # spells «кемінде»: the word begins there, the value above ended at «адам».
    lines = [_line("150", 0.0, end=24.0), _line("адам", 12.0, end=24.0), _line("кемі", 24.0, end=24.0),
             _line("нде 150", 36.0, end=24.0), _line("дана", 48.0, end=24.0)]
    assert join_lines(lines, 25.0, _vocabulary("150 адам 150 дана")) == "150 адам кемінде 150 дана"


def test_a_month_name_a_narrow_column_cut_is_one_word() -> None:
    # Seed 25479: a dates column three letters wide reads «15.05.2024; | ию | нь, | авг | уст 2024»;
    # the form's month names are words wherever they are cut, in a document that says «июнь»
    # nowhere else; two months in a row stay two.
    lines = [_line("ию", 0.0, end=RIGHT - 6.3), _line("нь,", 12.0), _line("авг", 24.0, end=RIGHT - 4.0),
             _line("уст", 36.0)]
    assert join_lines(lines, RIGHT, Vocabulary()) == "июнь, август"
    assert join_lines([_line("апрель", 0.0, end=RIGHT - 6.3), _line("май", 12.0)], RIGHT, Vocabulary()) == "апрель май"
    assert join_lines([_line("сен", 0.0, end=RIGHT - 6.3), _line("тября", 12.0)], RIGHT, Vocabulary()) == "сентября"
