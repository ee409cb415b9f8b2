"""Numbers, dates and phones: worked examples from real reports plus property tests."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from grantparse.parse.dates import DateSpan, month_of, parse_date, parse_period, parse_spans
from grantparse.parse.numbers import parse_amount, parse_count, parse_quantity
from grantparse.parse.phones import find_phones, parse_phone

# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(("text", "amount"), [
    ("10 125 000 тг", 10_125_000),
    ("10\u00a0125\u00a0000 теңге", 10_125_000),
    ("10\u202f125\u202f000 ₸", 10_125_000),
    ("420 мың теңге", 420_000),
    ("420 тыс. тенге", 420_000),
    ("1,5 млн", 1_500_000),
    ("1 500 000", 1_500_000),
    ("1.500.000 KZT", 1_500_000),
    ("-", None),
    ("", None),
    ("жоқ", None),
    ("10 125 000 тг және 5 000 000 тг", None),  # two amounts: not one clear value
])
def test_amounts(text: str, amount: int | None) -> None:
    assert parse_amount(text) == amount


@pytest.mark.parametrize(("text", "value", "unit", "at_least"), [
    ("Кемінде 500", 500, None, True),
    ("кемінде 30 клуб", 30, "клуб", True),
    ("не менее 30 клубов", 30, "клубов", True),
    ("100-ден кем емес", 100, None, True),
    ("1 жоспар", 1, "жоспар", False),
    ("2 байланыс тетігі", 2, "байланыс тетігі", False),
    ("80 %", 80, "%", False),
    ("80%", 80, "%", False),
    ("80 пайыз", 80, "%", False),
    ("100 пайыз (1 - есебі)", 100, "%", False),
    ("7 (5-аудан, 2-қала)", 7, None, False),
    ("21 фото (әр аумақтан -3) 7 видео", 21, "фото", False),
    ("Кемінде 50 жас маман және 100 жастар", 50, "жас маман", True),
    ("Диплом – 7, Сертификат – 175.", None, None, False),
    ("1 орын - 2 (80 000тг) 2 орын - 2 (60 000тг)", None, None, False),
    ("", None, None, False),
])
def test_quantities(text: str, value: float | None, unit: str | None, at_least: bool) -> None:
    q = parse_quantity(text)
    assert (q.value, q.unit, q.at_least) == (value, unit, at_least)


@pytest.mark.parametrize(("text", "value"), [
    ("не более 25 человек", 25), ("Не более 3 шт.", 3), ("25-тен аспайды", 25), ("максимум 10", 10),
])
def test_ceilings(text: str, value: int) -> None:
    q = parse_quantity(text)
    assert (q.value, q.at_least, q.at_most) == (value, False, True)


def test_counts() -> None:
    assert parse_count("647") == 647
    assert parse_count("1 000") == 1000
    assert parse_count("647 адам") == 647
    assert parse_count("-") is None
    assert parse_count("көп") is None


def _grouped(n: int, sep: str) -> str:
    text = f"{n:,}".replace(",", sep)
    return text


@given(st.integers(min_value=0, max_value=10**10), st.sampled_from([" ", "\u00a0", "\u202f", ""]),
       st.sampled_from(["", " тг", " теңге", " тенге", " ₸", "тг"]))
def test_amount_roundtrip(n: int, sep: str, currency: str) -> None:
    assert parse_amount(_grouped(n, sep) + currency) == n


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["мың", "тыс.", "тысяч"]))
def test_thousands_words(n: int, word: str) -> None:
    assert parse_amount(f"{n} {word} теңге") == n * 1000


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["кемінде", "Кемінде", "не менее", "КЕМІНДЕ"]))
def test_at_least_property(n: int, word: str) -> None:
    q = parse_quantity(f"{word} {n}")
    assert q.value == n and q.at_least


@given(st.text(max_size=60))
@example("\U00016d70")  # a Kirat Rai digit: \\d to the regex module, unknown to int() on Python 3.11
def test_parsers_never_raise(text: str) -> None:
    parse_amount(text)
    parse_count(text)
    parse_quantity(text)
    parse_spans(text, 2024)
    parse_date(text)
    find_phones(text)


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Сәуір -қараша 2024 жыл", date(2024, 4, 1), date(2024, 11, 30)),
    ("сауир-караша 2024 ж.", date(2024, 4, 1), date(2024, 11, 30)),  # keyboard-typed Kazakh
    ("апрель–ноябрь 2024 г.", date(2024, 4, 1), date(2024, 11, 30)),
    ("с 1 по 30 апреля 2024", date(2024, 4, 1), date(2024, 4, 30)),
    ("01.04.2024 - 30.11.2024", date(2024, 4, 1), date(2024, 11, 30)),
    ("2024 жылғы 1 сәуірден 30 қарашаға дейін", date(2024, 4, 1), date(2024, 11, 30)),
    ("с 1 апреля по 30 ноября 2024 года", date(2024, 4, 1), date(2024, 11, 30)),
    ("ақпан 2024", date(2024, 2, 1), date(2024, 2, 29)),  # a month alone spans the month
])
def test_periods(text: str, start: date, end: date) -> None:
    assert parse_period(text) == DateSpan(start, end)


@pytest.mark.parametrize(("text", "spans"), [
    ("2-3.11.24", [(date(2024, 11, 2), date(2024, 11, 3))]),
    ("16.11.24", [(date(2024, 11, 16), date(2024, 11, 16))]),
    ("16.11 .24", [(date(2024, 11, 16), date(2024, 11, 16))]),  # cut by a narrow PDF column
    ("2024 жылғы 2 қыркүйе к", [(date(2024, 9, 2), date(2024, 9, 2))]),  # a month name cut in two
    ("сәуір-қара ша", [(date(2024, 4, 1), date(2024, 11, 30))]),
    ("1-2.06.24", [(date(2024, 6, 1), date(2024, 6, 2))]),
    ("сәуір-қараша", [(date(2024, 4, 1), date(2024, 11, 30))]),
    ("02.11.2024, 16.11.2024", [(date(2024, 11, 2), date(2024, 11, 2)), (date(2024, 11, 16), date(2024, 11, 16))]),
    ("31.02.2024", []),
    ("", []),
])
def test_activity_dates(text: str, spans: list[tuple[date, date]]) -> None:
    assert [(s.start, s.end) for s in parse_spans(text, 2024)] == spans


def test_month_without_year_needs_context() -> None:
    assert parse_spans("сәуір-қараша", None) == []


_SCHOOL_YEAR = DateSpan(date(2023, 9, 1), date(2024, 5, 31))


@pytest.mark.parametrize(("text", "period", "spans"), [
    # quarters and half-years, both languages
    ("II квартал 2023 г.", None, [(date(2023, 4, 1), date(2023, 6, 30))]),
    ("2-й квартал 2024 г.", None, [(date(2024, 4, 1), date(2024, 6, 30))]),
    ("III тоқсан", DateSpan(date(2025, 3, 1), date(2025, 11, 30)), [(date(2025, 7, 1), date(2025, 9, 30))]),
    ("I тоқсан 2024", _SCHOOL_YEAR, [(date(2024, 1, 1), date(2024, 3, 31))]),
    ("второе полугодие 2024 г.", None, [(date(2024, 7, 1), date(2024, 12, 31))]),
    ("I жартыжылдық 2025", None, [(date(2025, 1, 1), date(2025, 6, 30))]),
    # the whole project period
    ("жыл бойы", _SCHOOL_YEAR, [(date(2023, 9, 1), date(2024, 5, 31))]),
    ("в течение года", _SCHOOL_YEAR, [(date(2023, 9, 1), date(2024, 5, 31))]),
    ("жобабойы", _SCHOOL_YEAR, [(date(2023, 9, 1), date(2024, 5, 31))]),  # a narrow column ate the space
    # a year left out is the one that puts the date inside the period
    ("ақпан", _SCHOOL_YEAR, [(date(2024, 2, 1), date(2024, 2, 29))]),
    ("қазан-мамыр", _SCHOOL_YEAR, [(date(2023, 10, 1), date(2024, 5, 31))]),
    ("қараша-желтоқсан", _SCHOOL_YEAR, [(date(2023, 11, 1), date(2023, 12, 31))]),
    # lists: days share the month and year written after them; a year written first serves
    # the dates after it (Kazakh order)
    ("3, 10 и 17 июня 2023 г.", None, [(date(2023, 6, 3), date(2023, 6, 3)), (date(2023, 6, 10), date(2023, 6, 10)),
                                     (date(2023, 6, 17), date(2023, 6, 17))]),
    ("15.05.2024; июнь, август 2024", None, [(date(2024, 5, 15), date(2024, 5, 15)),
                                             (date(2024, 6, 1), date(2024, 6, 30)),
                                             (date(2024, 8, 1), date(2024, 8, 31))]),
    ("2024 ж. 15-19 сәуір", None, [(date(2024, 4, 15), date(2024, 4, 19))]),
    ("2024 жылғы 15 ақпан", None, [(date(2024, 2, 15), date(2024, 2, 15))]),
    ("с 5 по 9 февраля 2024 г.", None, [(date(2024, 2, 5), date(2024, 2, 9))]),
    ("мамыр, маусым", DateSpan(date(2024, 4, 1), date(2024, 10, 31)),
     [(date(2024, 5, 1), date(2024, 5, 31)), (date(2024, 6, 1), date(2024, 6, 30))]),
])
def test_dates_as_reports_write_them(text: str, period: DateSpan | None, spans: list[tuple[date, date]]) -> None:
    assert [(s.start, s.end) for s in parse_spans(text, 2024, period)] == spans


def test_period_across_two_years() -> None:
    assert parse_period("2023 жылғы 1 қыркүйек – 2024 жылғы 31 мамыр") == _SCHOOL_YEAR


@pytest.mark.parametrize(("text", "day"), [
    ("2024 жылғы «30» сәуір №56", date(2024, 4, 30)),
    ("от «30» апреля 2024 года № 56", date(2024, 4, 30)),
    ("30.04.2024", date(2024, 4, 30)),
    ("30 сәуір 2024 ж.", date(2024, 4, 30)),
    ("2022 жылғы 26 қыркүйектегі № 406", date(2022, 9, 26)),
])
def test_single_dates(text: str, day: date) -> None:
    assert parse_date(text) == day


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_numeric_date_roundtrip(day: date) -> None:
    assert parse_date(day.strftime("%d.%m.%Y")) == day
    assert parse_date(day.strftime("%d.%m.%y")) == day


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(["kk", "ru"]))
def test_word_date_roundtrip(day: date, lang: str) -> None:
    kk = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
          "қараша", "желтоқсан"]
    ru = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
          "ноября", "декабря"]
    if lang == "kk":
        text = f"{day.year} жылғы «{day.day}» {kk[day.month - 1]}"
    else:
        text = f"«{day.day}» {ru[day.month - 1]} {day.year} г."
    assert parse_date(text) == day


@given(st.integers(min_value=1, max_value=12))
def test_every_month_stem(month: int) -> None:
    kk = ["қаңтарда", "ақпандағы", "наурыздан", "сәуірдегі", "мамырда", "маусымда", "шілдеде", "тамызда",
          "қыркүйектегі", "қазанда", "қарашада", "желтоқсанда"]
    assert month_of(kk[month - 1]) == month


# --------------------------------------------------------------------------- phones


@pytest.mark.parametrize(("text", "e164"), [
    ("87023233790", "+77023233790"),
    ("8 702 323 37 90", "+77023233790"),
    ("+7 (702) 323-37-90", "+77023233790"),
    ("7023233790", "+77023233790"),
    ("8 (7292) 50-12-34", "+77292501234"),
])
def test_phones(text: str, e164: str) -> None:
    phone = parse_phone(text)
    assert phone.e164 == e164 and phone.kazakh


def test_phone_in_address() -> None:
    phones = find_phones("Актау каласы, 22 мкр 29 дом 55 кв. тел: 87023233790")
    assert [p.e164 for p in phones] == ["+77023233790"]


def test_foreign_and_local_numbers() -> None:
    assert parse_phone("+7 916 123 45 67").kazakh is False  # a Russian mobile
    assert parse_phone("50-12-34").e164 is None  # no area code: not guessed
    assert parse_phone("8 800 080 77 50").kazakh  # toll-free, shared with Russia


@given(st.sampled_from(["700", "701", "702", "705", "707", "747", "771", "775", "776", "777", "778"]),
       st.integers(min_value=0, max_value=9_999_999),
       st.sampled_from(["8{op}{n}", "+7 ({op}) {n}", "8 {op} {n}", "+7{op}{n}"]))
def test_kazakh_mobiles_roundtrip(operator: str, number: int, template: str) -> None:
    digits = f"{number:07d}"
    if digits.startswith("0"):
        digits = "1" + digits[1:]
    phone = parse_phone(template.format(op=operator, n=digits))
    assert phone.e164 == f"+7{operator}{digits}"
    assert phone.kazakh
