"""Dates and date ranges in Kazakh and Russian, as reports write them.

Handles «16.11.24», «2-3.11.24», «02.11.2024 - 03.11.2024», «2024 жылғы «30» сәуір»,
««30» апреля 2024 г.», «сәуір-қараша», «Сәуір -қараша 2024 жыл», «апрель–ноябрь 2024 г.»,
«с 1 по 30 апреля 2024». A month alone spans the whole month. Month names are matched by
stem on folded text, so stand-in spellings («сауир», «кыркуйек») work too.
"""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass
from datetime import date

import regex

from grantparse.normalise import fold, normalise

# Stems on folded text (see normalise.fold), longest first where one prefixes another.
_MONTH_STEMS: list[tuple[str, int]] = [
    ("кантар", 1), ("акпан", 2), ("наурыз", 3), ("сауир", 4), ("мамыр", 5), ("маусым", 6),
    ("шилде", 7), ("тамыз", 8), ("кыркуйек", 9), ("казан", 10), ("караша", 11), ("желтоксан", 12),
    ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("мая", 5), ("май", 5), ("мае", 5),
    ("июн", 6), ("июл", 7), ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11),
    ("декабр", 12),
    # Short forms, only as whole words.
    ("янв", 1), ("фев", 2), ("мар", 3), ("апр", 4), ("авг", 8), ("сен", 9), ("сент", 9),
    ("окт", 10), ("ноя", 11), ("нояб", 11), ("дек", 12),
]
# Abbreviations (and «май» forms) match only as whole words: «сен» must not take «сенім».
_SHORT = {"янв", "фев", "мар", "апр", "авг", "сен", "сент", "окт", "ноя", "нояб", "дек", "мая", "май", "мае"}


@dataclass(frozen=True)
class DateSpan:
    """A closed interval of days; a single day has ``start == end``."""

    start: date
    end: date


def month_of(word: str) -> int | None:
    """The month a (folded or raw) word names, or None."""
    word = fold(word)
    if not word:
        return None
    for stem, month in _MONTH_STEMS:
        if stem in _SHORT:
            if word == stem:
                return month
        elif word.startswith(stem):
            return month
    return None


def _year(text: str) -> int:
    value = int(text)
    return value + 2000 if value < 100 else value


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_span(year: int, first: int, last: int) -> DateSpan | None:
    if not (1 <= first <= 12 and 1 <= last <= 12):
        return None
    end_year = year + 1 if last < first else year
    end_day = calendar.monthrange(end_year, last)[1]
    return DateSpan(date(year, first, 1), date(end_year, last, end_day))


# Spaces around the dots appear when a narrow PDF column cuts «16.11.24» into «16.11 .24».
_NUM_DATE = r"(\d{1,2})\s?[./]\s?(\d{1,2})\s?[./]\s?(\d{4}|\d{2})(?!\d)"
_DAY_RANGE = regex.compile(r"(?<!\d)(\d{1,2})\s*[-–—]\s*" + _NUM_DATE)
# «01.04.2024 - 30.11.2024», «с 01.04.2024 по 30.11.2024», «01.04.2024ж. – 30.11.2024ж.»
_FULL_RANGE = regex.compile(r"(?<!\d)" + _NUM_DATE + r"\s*(?:ж\.?|г\.?)?\s*(?:[-–—]|по|до|дейін)\s*" + _NUM_DATE)
_SINGLE = regex.compile(r"(?<![\d./])" + _NUM_DATE)
_WORD_DATE = regex.compile(r"(?<!\d)(\d{1,2})\s*»?\s+(\p{L}+)\.?,?\s+(\d{4})")
# «2024 жылғы «30» сәуір», also typed «жылгы»; the year word is any ж-word or «ж.».
_YEAR_FIRST = regex.compile(r"(\d{4})\s*(?:ж\p{L}*\.?)?\s*«?\s*(\d{1,2})\s*»?\s+(\p{L}+)")
_FROM_TO = regex.compile(r"(?:с|from)\s+(\d{1,2})\s+(?:по|to|до)\s+(\d{1,2})\s+(\p{L}+)\s+(\d{4})?")
_YEAR = regex.compile(r"(?<!\d)(20\d{2})(?!\d)")


def parse_date(text: str | None) -> date | None:
    """One calendar day: «16.11.24», «30.04.2024», «2024 жылғы «30» сәуір», «30 апреля 2024 г.»."""
    if not text:
        return None
    text = normalise(text).replace("«", " ").replace("»", " ")
    match = _SINGLE.search(text)
    if match:
        return _safe_date(_year(match.group(3)), int(match.group(2)), int(match.group(1)))
    match = _YEAR_FIRST.search(text)
    if match and (month := month_of(match.group(3))):
        return _safe_date(int(match.group(1)), month, int(match.group(2)))
    match = _WORD_DATE.search(text)
    if match and (month := month_of(match.group(2))):
        return _safe_date(int(match.group(3)), month, int(match.group(1)))
    return None


_LETTERS = regex.compile(r"\p{L}+")
_SMUDGE = regex.compile(r"[\s=~_]*")  # what a scan leaves of a lost dash
_DAY_RANGE_MONTH = regex.compile(r"(?<!\d)(\d{1,2})\s*[-–—]\s*(\d{1,2})\s+(\p{L}+)")  # «2-3 қараша»
_DAY_MONTH = regex.compile(r"(?<!\d)(\d{1,2})\s+(\p{L}+)")  # «16 ноября»
_DAYS_RANGE_WORD = regex.compile(r"[-–—]|дейін|\bпо\b|\bдо\b|аралығ")
_MONTHS_RANGE_WORD = regex.compile(r"[-–—]|\bдейін\b|\bпо\b|\bаралығ")


def _month_words(text: str) -> list[tuple[int, int]]:
    """(position, month) of every month name in the text."""
    found = []
    for match in _LETTERS.finditer(text):
        month = month_of(match.group(0))
        if month:
            found.append((match.start(), month))
    return found


def _only_a_dash_between(text: str, months: list[tuple[int, int]]) -> bool:
    first_end = _LETTERS.match(text[months[0][0]:])
    assert first_end is not None
    between = text[months[0][0] + first_end.end(): months[1][0]]
    return bool(_SMUDGE.fullmatch(between))


def parse_spans(text: str | None, default_year: int | None = None) -> list[DateSpan]:
    """Every date or range in a cell such as «2-3.11.24» or «сәуір-қараша».

    A month name without a year takes ``default_year`` (the project's year); without one
    it is not a date. Returns an empty list when nothing is understood.
    """
    return list(_spans(text, default_year)) if text else []


@functools.lru_cache(maxsize=4096)  # date cells repeat («сәуір-қараша» in every row)
def _spans(text: str, default_year: int | None) -> tuple[DateSpan, ...]:
    return tuple(_parse_spans(text, default_year))


def _parse_spans(text: str, default_year: int | None) -> list[DateSpan]:
    text = normalise(text).replace("«", " ").replace("»", " ")
    spans: list[DateSpan] = []
    consumed = text
    for match in _FULL_RANGE.finditer(text):
        start = _safe_date(_year(match.group(3)), int(match.group(2)), int(match.group(1)))
        end = _safe_date(_year(match.group(6)), int(match.group(5)), int(match.group(4)))
        if start and end:
            spans.append(DateSpan(start, end))
        consumed = consumed.replace(match.group(0), " ")
    for match in _DAY_RANGE.finditer(consumed):
        range_year, month = _year(match.group(4)), int(match.group(3))
        start = _safe_date(range_year, month, int(match.group(1)))
        end = _safe_date(range_year, month, int(match.group(2)))
        if start and end:
            spans.append(DateSpan(start, end))
        consumed = consumed.replace(match.group(0), " ")
    for match in _SINGLE.finditer(consumed):
        day = _safe_date(_year(match.group(3)), int(match.group(2)), int(match.group(1)))
        if day:
            spans.append(DateSpan(day, day))
        consumed = consumed.replace(match.group(0), " ")
    if spans:
        return sorted(spans, key=lambda s: s.start)

    year_match = _YEAR.search(text)
    year: int | None = int(year_match.group(1)) if year_match else default_year
    match = _FROM_TO.search(text)
    if match and (named := month_of(match.group(3))):
        y: int | None = int(match.group(4)) if match.group(4) else year
        if y:
            start, end = _safe_date(y, named, int(match.group(1))), _safe_date(y, named, int(match.group(2)))
            if start and end:
                return [DateSpan(start, end)]
    # «2-3 қараша 2024», «16-17 ноября»: a day range before a month name.
    match = _DAY_RANGE_MONTH.search(text)
    if match and year and (range_month := month_of(match.group(3))):
        start = _safe_date(year, range_month, int(match.group(1)))
        end = _safe_date(year, range_month, int(match.group(2)))
        if start and end:
            return [DateSpan(start, end)]
    if year:
        days = [
            d for m in _DAY_MONTH.finditer(text)
            if (word_month := month_of(m.group(2))) and (d := _safe_date(year, word_month, int(m.group(1))))
        ]
        if len(days) >= 2 and _DAYS_RANGE_WORD.search(text):
            return [DateSpan(days[0], days[-1])]
    single = parse_date(text)
    if single:
        return [DateSpan(single, single)]
    months = _month_words(text)
    if not months or year is None:
        return []
    if len(months) >= 2 and _MONTHS_RANGE_WORD.search(text):
        span = _month_span(year, months[0][1], months[-1][1])
        return [span] if span else []
    if len(months) == 2 and _only_a_dash_between(text, months):
        # «сәуір қараша»: two months with nothing but space (or a smudge) between are a range
        # whose dash was lost — a list of months is written with a comma or «және»/«и».
        span = _month_span(year, months[0][1], months[1][1])
        return [span] if span else []
    return [s for _, m in months if (s := _month_span(year, m, m))]


def parse_period(text: str | None) -> DateSpan | None:
    """The project period: one span from the first start to the last end."""
    spans = parse_spans(text)
    if not spans:
        return None
    return DateSpan(min(s.start for s in spans), max(s.end for s in spans))
