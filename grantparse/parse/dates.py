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


def month_by_stem(word: str) -> int | None:
    """The month a word names by a whole stem («маусым», «июня»; no abbreviation), or None."""
    word = fold(word)
    return next((month for stem, month in _MONTH_STEMS if stem not in _SHORT and word.startswith(stem)), None)


def _year(text: str) -> int:
    value = int(text.replace(" ", ""))
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
# A narrow column may also cut the year («12.06.20 25»).
_NUM_DATE = r"([0-9]{1,2})\s?[./]\s?([0-9]{1,2})\s?[./]\s?([0-9]{4}|(?:19|20) [0-9]{2}(?![0-9])|[0-9]{2})(?![0-9])"
_SINGLE = regex.compile(r"(?<![0-9./])" + _NUM_DATE)
_WORD_DATE = regex.compile(r"(?<![0-9])([0-9]{1,2})\s*»?\s+(\p{L}+)\.?,?\s+([0-9]{4})")
# «2024 жылғы «30» сәуір», also typed «жылгы»; the year word is any ж-word or «ж.».
_YEAR_FIRST = regex.compile(r"([0-9]{4})\s*(?:ж\p{L}*\.?)?\s*«?\s*([0-9]{1,2})\s*»?\s+(\p{L}+)")


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


# ----------------------------------------------------------------------------- date cells
#
# A date cell is read as a sequence of tokens — full dates, day.month, days, years, month
# names, quarters, half-years, «the whole project», range words and list separators — and
# the parts a date leaves out are filled in the way both languages write them: days share
# the month named after them («3, 10 и 17 июня», «2-3 қараша»), a year applies to the dates
# before it back to the last year (Russian: «… ноября 2024 г.») or, written first, to the
# dates after it (Kazakh: «2024 жылғы 15 сәуір»); a range takes its start's missing month and
# year from its end («2-3.11.24», «с 1 по 30 апреля»). A date with no year anywhere takes the
# year that puts it inside the project period.

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "і": 1, "іі": 2, "ііі": 3, "іv": 4}
_ORDINALS = {"перв": 1, "втор": 2, "трет": 3, "четв": 4, "бірінші": 1, "екінші": 2, "үшінші": 3, "төртінші": 4}
_TOKENS = regex.compile(
    r"(?P<time>[0-9]{1,2}:[0-9]{2})"
    r"|(?P<full>" + _NUM_DATE + r")"
    r"|(?P<dm>(?<![0-9.])[0-9]{1,2}\s?[./]\s?[0-9]{1,2}(?![0-9./]|\s?[./]\s?[0-9]))"
    r"|(?P<quarter>(?:\b(?:IV|I{1,3}|І{1,3}|[1-4])|\b(?:перв|втор|трет|четв|бірінші|екінші|үшінші|төртінші)\p{L}*)"
    # a narrow column may break the word («кварт ал»): a space between its letters is allowed
    r"\s*(?:-?\s*(?:й|ый|ой|ий|ші|шы|інші|нші|ншы))?\s*(?:т ?о ?[қк] ?с ?а ?н\p{L}*|к ?в ?а ?р ?т ?а ?л\p{L}*|кв\.))"
    r"|(?P<half>(?:\b(?:I{1,2}|І{1,2}|[12])|\b(?:перв|втор|бірінші|екінші)\p{L}*)"
    r"\s*(?:-?\s*(?:е|ое|ое|ші|інші))?\s*(?:полугоди\p{L}*|жарты\s*жылдық\p{L}*|жартыжылдық\p{L}*|жартыжылдык\p{L}*))"
    r"|(?P<whole>жыл\s*бойы\p{L}*|жоба\s*бойы\p{L}*|в\s+течени[еи]\s+(?:всего\s+)?(?:года|проекта|периода)"
    r"|весь\s+период|на\s+протяжении\s+(?:всего\s+)?(?:года|проекта)|жоба\s+барысында)"
    r"|(?P<year>(?<![0-9])(?:19|20)[0-9]{2}(?![0-9]))"
    r"|(?P<num>(?<![0-9])[0-9]{1,2}(?![0-9]))"
    r"|(?P<word>\p{L}+)"
    r"|(?P<range>[-–—])"
    r"|(?P<sep>[,;/])",
    regex.IGNORECASE,
)
_RANGE_WORDS = {"по", "до", "дейін", "дейин", "аралығы", "аралыгы", "аралығында", "аралыгында", "бастап"}
_LIST_WORDS = {"и", "және", "жане", "мен", "пен", "бен", "также"}
_POSTFIX_RANGE = {"дейін", "дейин"}  # «1 сәуірден 30 қарашаға дейін»: the range word comes last


@dataclass
class _Point:
    """A day, month or longer stretch as written, its missing parts filled in later."""

    day: int | None = None
    month: int | None = None
    year: int | None = None
    months: tuple[int, int] | None = None  # a quarter or half-year: first and last month
    whole: bool = False  # the whole project period

    def stretch(self) -> bool:
        return self.day is None


def _tokens(text: str) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup
        value = match.group(0)
        if kind == "full":
            parts = regex.split(r"\s?[./]\s?", value)
            out.append(("point", _Point(int(parts[0]), int(parts[1]), _year(parts[2]))))
        elif kind == "dm":
            day, month = regex.split(r"\s?[./]\s?", value)
            out.append(("point", _Point(int(day), int(month))))
        elif kind == "quarter":
            out.append(("point", _Point(months=_quarter_months(value))))
        elif kind == "half":
            first = 1 if _ordinal(value) == 1 else 7
            out.append(("point", _Point(months=(first, first + 5))))
        elif kind == "whole":
            out.append(("point", _Point(whole=True)))
        elif kind == "year":
            out.append(("year", int(value)))
        elif kind == "num":
            out.append(("day", int(value)))
        elif kind == "range":
            out.append(("range", value))
        elif kind == "sep":
            out.append(("sep", value))
        elif kind == "word":
            word = fold(value)
            if (month := month_of(value)) is not None:
                out.append(("month", month))
            elif word in _RANGE_WORDS or fold(word) in {fold(w) for w in _RANGE_WORDS}:
                out.append(("postfix" if fold(word) in {fold(w) for w in _POSTFIX_RANGE} else "range", word))
            elif word in _LIST_WORDS or word in {fold(w) for w in _LIST_WORDS}:
                out.append(("sep", word))
    return out


def _ordinal(text: str) -> int:
    lowered = fold(text)
    head = regex.match(r"\s*([ivxі]+|[0-9])", text, regex.IGNORECASE)
    if head:
        token = head.group(1).lower()
        return int(token) if token.isdigit() else _ROMAN.get(token, 1)
    for stem, value in _ORDINALS.items():
        if lowered.startswith(fold(stem)):
            return value
    return 1


def _quarter_months(text: str) -> tuple[int, int]:
    first = 3 * (_ordinal(text) - 1) + 1
    return first, first + 2


def _points(tokens: list[tuple[str, object]]) -> list[tuple[_Point, bool]]:
    """Points in order, each with whether a range word joins it to the next one."""
    points: list[_Point] = []
    joined: list[bool] = []
    open_days: list[_Point] = []  # days still waiting for their month
    open_years: list[_Point] = []  # points still waiting for their year
    pending_year: int | None = None
    for kind, value in tokens:
        if kind == "day":
            day = int(str(value))
            if 1 <= day <= 31:
                point = _Point(day=day, year=pending_year)
                points.append(point)
                joined.append(False)
                open_days.append(point)
                if point.year is None:
                    open_years.append(point)
        elif kind == "month":
            month = int(str(value))
            if open_days:
                for point in open_days:
                    point.month = month
                open_days = []
            else:
                point = _Point(month=month, year=pending_year)
                points.append(point)
                joined.append(False)
                if point.year is None:
                    open_years.append(point)
        elif kind == "point":
            assert isinstance(value, _Point)
            if value.month is not None:
                for point in open_days:  # «2-3.11.24»: the range's start takes its end's month and year
                    point.month = value.month
                    point.year = point.year or value.year
                open_days = []
            if value.year is None and not value.whole:
                value.year = pending_year
                if value.year is None:
                    open_years.append(value)
            points.append(value)
            joined.append(False)
        elif kind == "year":
            year = int(str(value))
            if open_years:
                for point in open_years:
                    point.year = year
                open_years = []
            else:
                pending_year = year
        elif kind == "range" and points:
            joined[-1] = True
        elif kind == "postfix" and len(points) >= 2 and not joined[-2]:
            joined[-2] = True
        elif kind == "sep":
            continue
    return [(p, j) for p, j in zip(points, joined, strict=True) if p.month is not None or p.months or p.whole]


def _inside_year(first: int, last: int, period: DateSpan | None, default_year: int | None) -> int | None:
    """The year that puts months ``first``..``last`` inside the project period."""
    if period is not None:
        for year in range(period.start.year, period.end.year + 1):
            span = _month_span(year, first, last)
            if span is not None and span.start >= _first_of(period.start) and span.end <= period.end:
                return year
        for year in range(period.start.year, period.end.year + 1):  # partly inside, at least
            span = _month_span(year, first, last)
            if span is not None and span.start <= period.end and span.end >= period.start:
                return year
        return period.start.year
    return default_year


def _first_of(day: date) -> date:
    return day.replace(day=1)


def _bounds(point: _Point, period: DateSpan | None, default_year: int | None,
            end_month: int | None = None) -> DateSpan | None:
    """The days a point covers (a day, a month, a quarter, the whole period)."""
    if point.whole:
        return period
    first, last = point.months or (point.month or 0, point.month or 0)
    if end_month is not None:
        last = end_month
    year = point.year or _inside_year(first, last, period, default_year)
    if year is None:
        return None
    if point.day is not None and point.month is not None:
        day = _safe_date(year, point.month, point.day)
        return DateSpan(day, day) if day else None
    return _month_span(year, first, last)


# A month name a narrow column cut and a reader left in two pieces: «қыркүйе к».
_CUT_WORD = regex.compile(r"(?<!\p{L})(\p{L}{3,}) (\p{L}{1,4})(?!\p{L})")


def _mend_cut_months(text: str) -> str:
    def mend(match: regex.Match[str]) -> str:
        head, tail = str(match.group(1)), str(match.group(2))
        if month_of(head) is None and month_of(head + tail) is not None:
            return head + tail
        return str(match.group(0))

    return str(_CUT_WORD.sub(mend, text))


def _parse_spans(text: str, default_year: int | None, period: DateSpan | None) -> list[DateSpan]:
    text = _mend_cut_months(normalise(text).replace("«", " ").replace("»", " "))
    points = _points(_tokens(text))
    spans: list[DateSpan] = []
    i = 0
    while i < len(points):
        point, joins = points[i]
        if joins and i + 1 < len(points):
            end_point = points[i + 1][0]
            if point.day is None and end_point.day is None and point.months is None and end_point.months is None \
                    and point.month and end_point.month and not point.whole and not end_point.whole:
                year = point.year or (end_point.year - (end_point.month < point.month) if end_point.year else None)
                start_point = _Point(month=point.month, year=year)
                span = _bounds(start_point, period, default_year, end_month=end_point.month)
            else:
                if end_point.year is not None and point.year is None:
                    point.year = end_point.year - (point.month is not None and end_point.month is not None
                                                   and point.month > end_point.month)
                begin = _bounds(point, period, default_year)
                finish = _bounds(end_point, period, default_year)
                span = DateSpan(begin.start, finish.end) if begin and finish and begin.start <= finish.end else None
            if span:
                spans.append(span)
            i += 2
            continue
        span = _bounds(point, period, default_year)
        if span:
            spans.append(span)
        i += 1
    return sorted(spans, key=lambda s: s.start)


def parse_spans(text: str | None, default_year: int | None = None,
                period: DateSpan | None = None) -> list[DateSpan]:
    """Every date or range in a cell such as «2-3.11.24», «сәуір-қараша», «II тоқсан».

    A date without a year takes the year that puts it inside ``period`` (the project's),
    else ``default_year``; without either it is not a date. «жыл бойы» / «в течение года» is
    the whole ``period``. Returns an empty list when nothing is understood.
    """
    return list(_spans(text, default_year, period)) if text else []


@functools.lru_cache(maxsize=4096)  # date cells repeat («сәуір-қараша» in every row)
def _spans(text: str, default_year: int | None, period: DateSpan | None) -> tuple[DateSpan, ...]:
    return tuple(_parse_spans(text, default_year, period))


def parse_period(text: str | None) -> DateSpan | None:
    """The project period: one span from the first start to the last end."""
    spans = parse_spans(text)
    if not spans:
        return None
    return DateSpan(min(s.start for s in spans), max(s.end for s in spans))
