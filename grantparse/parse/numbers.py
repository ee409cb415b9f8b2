"""Numbers as reports write them: amounts, counts, «кемінде 500», «80 %», «420 мың теңге».

Every function returns ``None`` (never a guess) when the text does not say one clear thing.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from grantparse.normalise import blank, fold, normalise

# Digits grouped by space / NBSP / thin space / dot ("10 125 000", "1.500.000"), or plain.
_GROUPED = r"\d{1,3}(?:[ \u00a0\u202f\u2009.](?:\d{3}))+(?!\d)"
_NUMBER_RE = regex.compile(rf"(?<![\d])(?:{_GROUPED}|\d+)(?:,\d+)?(?![\d])")

_MULTIPLIERS = {
    "мын": 1_000, "тыс": 1_000, "тысяч": 1_000, "тысячи": 1_000, "тысяча": 1_000,
    "млн": 1_000_000, "миллион": 1_000_000, "миллиона": 1_000_000, "миллионов": 1_000_000,
    "млрд": 1_000_000_000, "миллиард": 1_000_000_000, "миллиарда": 1_000_000_000,
}
_CURRENCY = regex.compile(r"^(?:тенге|тг|₸|kzt)\b", regex.IGNORECASE)
_AT_LEAST = regex.compile(
    r"\b(?:кеминде|кем\s+дегенде|не\s+менее|минимум|не\s+меньше)(?=\W|\d|$)|"
    r"(?:дан|ден|тан|тен|нан|нен)\s+кем\s+(?:емес|болмауы)"
)
_AT_MOST = regex.compile(
    r"\b(?:не\s+более|не\s+больше|максимум|не\s+выше)(?=\W|\d|$)|"
    r"(?:дан|ден|тан|тен|нан|нен)\s+(?:аспа|артык\s+емес|аспауы|кеп\s+емес|коп\s+емес)"
)
_PERCENT = regex.compile(r"^\s*(?:%|пайыз|процент\w*)", regex.IGNORECASE)
_QUALIFIER_WORDS = {"кеминде", "не", "менее", "минимум", "меньше", "барлыгы", "всего", "кем", "дегенде", "более",
                    "больше", "максимум", "выше"}
_GROUP_SEPARATORS = regex.compile(r"[ \u00a0\u202f\u2009.]")
_WORD_AFTER = regex.compile(r"\s*(\p{L}+)\.?")
_COUNT_UNIT = regex.compile(r"\s*(?:адам|человек|чел\.?|ұйым|организаций)\s*$", regex.IGNORECASE)
_UNIT_WORDS = regex.compile(r"\s+(\p{L}[\p{L}\-]*(?:\s+\p{L}[\p{L}\-]*)?)")
_LABEL_DASH_NUMBER = regex.compile(r"\s*\p{L}+\s*[-–—]\s*\d")
_PLACES = regex.compile(r"\d+\s*орын\s*[-–—]")


@dataclass(frozen=True)
class Quantity:
    """A measured value as a report states it."""

    value: float | int | None
    unit: str | None
    at_least: bool
    at_most: bool = False


def parse_number(token: str) -> float | int | None:
    """«10 125 000» → 10125000, «1,5» → 1.5; None when it is not one number."""
    token = normalise(token)
    if not _NUMBER_RE.fullmatch(token):
        return None
    whole, _, frac = token.partition(",")
    digits = _GROUP_SEPARATORS.sub("", whole)
    try:
        return float(f"{digits}.{frac}") if frac else int(digits)
    except ValueError:  # a digit of a script newer than this Python's Unicode tables
        return None


def _first_number(text: str) -> tuple[float | int, str, str] | None:
    """The first number in ``text`` with the text before and after it."""
    match = _NUMBER_RE.search(text)
    if not match:
        return None
    value = parse_number(match.group(0))
    if value is None:
        return None
    return value, text[: match.start()], text[match.end():]


def _multiplier(rest: str) -> tuple[int, str]:
    word = _WORD_AFTER.match(rest)
    if word:
        key = fold(word.group(1))
        if key in _MULTIPLIERS:
            return _MULTIPLIERS[key], rest[word.end():]
    return 1, rest


def parse_amount(text: str | None) -> int | None:
    """An amount of money in tenge: «10 125 000 тг», «420 мың теңге», «1,5 млн».

    None when the text is blank or holds more than one figure that could be the amount.
    """
    if not text or blank(text):
        return None
    text = normalise(text)
    found = _first_number(text)
    if found is None:
        return None
    value, _, rest = found
    factor, rest = _multiplier(rest)
    rest = _CURRENCY.sub("", rest.strip()).strip(" .,;:)")
    if _NUMBER_RE.search(rest):
        return None  # a second figure: not one clear amount
    amount = value * factor
    if isinstance(amount, float) and not amount.is_integer() and factor == 1:
        return round(amount)
    return round(amount)


def parse_count(text: str | None) -> int | None:
    """A head count or other whole number standing alone in a cell («647», «1 000»)."""
    if not text or blank(text):
        return None
    text = normalise(text)
    text = _COUNT_UNIT.sub("", text)
    value = parse_number(text.strip())
    return value if isinstance(value, int) else None


def _unit(rest: str) -> tuple[str | None, str]:
    """Up to two words right after a number: «2 байланыс тетігі», «1 медиа жоспар»."""
    if _PERCENT.match(rest):
        return "%", rest
    match = _UNIT_WORDS.match(rest)
    if not match:
        return None, rest
    words = match.group(1).split()
    # A unit is a noun phrase; stop at conjunctions so «50 жас маман және 100 жастар» → «жас маман».
    kept: list[str] = []
    for word in words:
        if fold(word) in {"жане", "и", "мен", "пен", "бен"}:
            break
        kept.append(word)
    return (" ".join(kept) or None), rest


@functools.lru_cache(maxsize=16384)  # a pure function of short texts that repeat («1», «100%»)
def parse_quantity(text: str | None) -> Quantity:
    """An indicator's plan or fact: «Кемінде 500», «1 жоспар», «80 %», «100 пайыз (1 - есебі)».

    The value is the first number when the text *starts* with it (after «кемінде»/«не менее»);
    text such as «Диплом – 7, Сертификат – 175» or a prize breakdown has no single value.
    """
    empty = Quantity(None, None, False)
    if not text or blank(text):
        return empty
    text = normalise(text)
    folded = fold(text)
    at_least = bool(_AT_LEAST.search(folded))
    at_most = bool(_AT_MOST.search(folded))
    found = _first_number(text)
    if found is None:
        return Quantity(None, None, at_least, at_most)
    value, before, rest = found
    before_words = [w for w in fold(before).split() if w not in _QUALIFIER_WORDS]
    if before_words:
        return Quantity(None, None, at_least, at_most)
    if _LABEL_DASH_NUMBER.match(rest) or _PLACES.search(text):
        return Quantity(None, None, at_least, at_most)  # a breakdown such as «1 орын - 2 (80 000тг)»
    factor, rest_after = _multiplier(rest)
    unit, _ = _unit(rest_after)
    if factor != 1:
        value = value * factor
    return Quantity(value, unit, at_least, at_most)
