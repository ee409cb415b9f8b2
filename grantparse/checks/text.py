"""What the report's free text says: prize breakdowns and funds, spending, plans, links.

Shared by the checks; each function reads normalised text and returns plain values.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

import regex

from grantparse.model import Report
from grantparse.normalise import fold, fold_pattern, normalise
from grantparse.parse.numbers import parse_amount

# «1 орын - 2 (80 000тг)», «Үздік спикер - 3 (50 000 тг)», «2 место – 1 (100 тыс. тг)»
_PRIZE_ITEM = regex.compile(
    r"(?P<label>(?:\d\s*(?:-?\s*)?(?:орын|место)|[\p{L}][\p{L}\s-]{2,30}?))\s*[-–—:]\s*(?P<count>\d{1,3})\s*"
    r"\(\s*(?P<amount>\d[\d\s\u00a0.,]*(?:\s*(?:мың|тыс\.?|млн))?)\s*(?:тг|тенге|теңге|₸|kzt)?\.?\s*\)",
    regex.IGNORECASE,
)
# An amount followed closely by a word for a prize fund: «420 мың теңгеге сай жүлде», «1 500 000 жүлде қоры».
_AMOUNT = regex.compile(r"(?<![\d])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|(?<![\d\s])\d+(?:[,.]\d+)?\s*(?:мың|тыс|млн)")
_PRIZE_WORDS = ("жулде", "приз", "сыйакы", "сыйлык", "премия")
_SPENDING = fold_pattern(("жулде", "приз", "сатып ал", "закуп", "кофе брейк", "сыйлык", "подар", "баннер",
                          "кубок", "жалга", "аренд", "тамактан", "питани"))  # a word gap matches «кофе-брейк» too


@dataclass(frozen=True)
class PrizeBreakdown:
    items: tuple[tuple[str, int, int], ...]  # (label, count, amount each)

    @property
    def total(self) -> int:
        return sum(count * amount for _, count, amount in self.items)

    def describe(self) -> str:
        return " + ".join(f"{count}×{amount:,}".replace(",", " ") for _, count, amount in self.items)


@functools.lru_cache(maxsize=4096)  # plan and fact often repeat the same text
def prize_breakdown(text: str | None) -> PrizeBreakdown | None:
    """Places × count × amount, when the text lists at least two prizes with amounts."""
    if not text:
        return None
    items = []
    for match in _PRIZE_ITEM.finditer(normalise(text)):
        amount = parse_amount(match.group("amount"))
        if amount:
            items.append((normalise(match.group("label")), int(match.group("count")), amount))
    return PrizeBreakdown(tuple(items)) if len(items) >= 2 else None


def prize_funds(text: str | None) -> list[int]:
    """Amounts the text names as a prize fund («420 мың теңгеге сай жүлде»)."""
    if not text:
        return []
    text = normalise(text)
    funds = []
    for match in _AMOUNT.finditer(text):
        after = fold(text[match.end(): match.end() + 40])
        if any(w in after for w in _PRIZE_WORDS):
            amount = parse_amount(text[match.start(): match.end() + 12].split("жүлде")[0].split("жұлде")[0])
            if amount is None:
                amount = parse_amount(match.group(0))
            if amount:
                funds.append(amount)
    return funds


def activity_texts(report: Report) -> Iterator[tuple[int, int, str]]:
    """(task, activity, text) for every piece of free text in the task table."""
    for t, task in enumerate(report.tasks):
        for a, act in enumerate(task.activities):
            parts = [act.title, act.short_term_results]
            parts += [f"{i.name} {i.plan_raw or ''} {i.fact_raw or ''}" for i in act.indicators]
            yield t, a, " ".join(p for p in parts if p)


def names_spending(report: Report) -> bool:
    """Does the report name prizes, purchases, catering or rented venues?"""
    if report.socio_economic.economy_contribution.fact:
        return True
    texts = [text for _, _, text in activity_texts(report)] + report.narrative.activities_description
    return _SPENDING.search("\n".join(texts)) is not None  # the model's texts are normalised


# Kazakh plans are written in the passive present-future: stem + passive marker + «-ады/-еді»
# («ұйымдастыр-ыл-ады», «өткіз-іл-еді», «ал-ын-ады», «жарияла-н-ады», «дайында-л-ады»). The
# simple past of the many verbs made from nouns with «-ла/-ле» ends the same way
# («жария-ла-ды» published, «баға-ла-ды» assessed, «сөй-ле-ді» spoke): the stem decides, so
# a form counts as a plan only when what stands before the passive marker can be a verb stem.
# Matched on folded words (і→и, ғ→г, …), so stand-in letters fold alike.
_VOWELS = frozenset("аеыиоуэюяё")
_FUTURE_ENDINGS = ("ады", "еди", "йды", "йди")
# Nouns and adjectives that take «-ла/-ле» to make a verb: «X-лады» is that verb's past.
_PAST_LA_STEMS = frozenset({
    "жария", "бага", "таза", "белги", "корытынды", "сипатта", "нактыла", "ангиме", "талкы", "сарапта", "кор",
    "сара", "мадак", "тусиник", "мерей", "сый", "сой", "ой", "сай", "хабар", "жоспар", "кеңес", "кенес",
    "тан", "ту", "айыпта", "тура", "кыска", "уста", "кайта", "жана", "баста", "ана", "ата", "ера", "бере",
    "эке", "шеге", "тексере",
})
# Verb stems ending in a vowel that take the passive «-л» (the other vowel stems end in a
# verb-forming suffix, see _VERB_SUFFIXES): «қара-л-ады», «жаса-л-ады», «тірке-л-еді».
_VOWEL_VERB_STEMS = frozenset({"кара", "жаса", "жина", "тирке", "сына", "ойна", "куре", "тоге", "сайла", "тала"})
# («-ла/-ле» verbs take the passive «-н», never «-л»: «жарияла-н-ады»; so «…ла-л-ады» is no
# plan. «-ша/-ше» makes adverbs and nouns far more than verbs: «тамаша-ла-ды» enjoyed.)
_VERB_SUFFIXES = ("да", "де", "та", "те", "ка", "ке")
_WORD_GAP = re.compile(r"[ %]")  # folded text: words joined by spaces, «%» kept
_RU_FUTURE = regex.compile(
    r"\b(?:будет|будут|будем|планируется|планируются|запланировано|запланирован[аы]?|предполагается|"
    r"состоится|состоятся)\b"
)
# Forms with a plan's ending that are not plans.
_NOT_FUTURE = {"пайдаланады", "болады", "табылады", "саналады", "жатады"}


_WORDS = regex.compile(r"\p{L}+")


def _is_kk_future(word: str) -> bool:
    """Is the folded word a passive present-future form (a plan), by its stem?"""
    if not word.isalpha() or not word.endswith(_FUTURE_ENDINGS) or word in _NOT_FUTURE:
        return False
    stem = word[:-3]
    if len(stem) < 3:
        return False
    if word.endswith(("лады", "леди", "нады", "неди")):
        before = word[:-4]
        if before in _PAST_LA_STEMS or (before and before[-1] not in _VOWELS and before[-1] not in "лн"):
            return False  # the past of a «-ла/-ле» verb («хабар-ла-ды», «жария-ла-ды»)
    if stem.endswith(("ыл", "ил")) and stem[-3] not in _VOWELS and stem[-3] != "л":
        return True  # «айт-ыл-ады», «өткіз-іл-еді»
    if stem.endswith(("ын", "ин")) and stem[-3] == "л":
        return True  # «ал-ын-ады», «бөл-ін-еді»
    if stem.endswith(("лан", "лен")):
        return True  # «жарияла-н-ады», «белгіле-н-еді»
    if stem.endswith("л") and stem[-2] in _VOWELS:
        base = stem[:-1]  # «дайында», «жүкте» — or a noun («баға», «жария»), which is the past
        return base in _VOWEL_VERB_STEMS or (base.endswith(_VERB_SUFFIXES) and base not in _PAST_LA_STEMS)
    return False


def future_forms(text: str | None) -> list[str]:
    """Verb forms that describe plans rather than results, as written in ``text``."""
    if not text:
        return []
    text = normalise(text)
    # Find the forms on the whole text at once, then name them as the author wrote them.
    kazakh = {word for word in _WORD_GAP.split(fold(text)) if _is_kk_future(word)} - _NOT_FUTURE
    russian = {m.group(0) for m in _RU_FUTURE.finditer(text.lower())}
    if not kazakh and not russian:
        return []
    # Folding keeps a word's length, so only words as long as a found form are folded.
    lengths = {len(form) for form in kazakh}
    return [word for word in _WORDS.findall(text)
            if word.lower() in russian or (len(word) in lengths and fold(word) in kazakh)]



_URL = regex.compile(r"(?:https?://|www\.)[^\s<>«»\"',;]+", regex.IGNORECASE)
_SCHEME = regex.compile(r"^(?:https?://)?(?:www\.)?", regex.IGNORECASE)


# Query keys that only say who shared a link or from where, not what it shows; every other key
# names the thing («youtube.com/watch?v=…», «facebook.com/permalink.php?story_fbid=…»).
_TRACKING_KEYS = frozenset({"igshid", "igsh", "fbclid", "gclid", "si", "feature", "ref", "ref_src", "mibextid",
                            "share", "rdid", "img_index", "utm"})


def _canonical_query(query: str) -> str:
    kept = [(key, value) for key, value in parse_qsl(query, keep_blank_values=True)
            if key.lower() not in _TRACKING_KEYS and not key.lower().startswith("utm_")]
    return urlencode(kept)


def links(text: str | None) -> list[str]:
    """Evidence links in ``text``, each in a canonical form (no scheme, no www, no tracking
    query: the same post shared twice is one link, two videos on one page are two)."""
    if not text:
        return []
    out = []
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(").,")
        url = _SCHEME.sub("", url).split("#", 1)[0]
        url, _, query = url.partition("?")
        url = url.rstrip("/")
        if "/" in url:
            host, path = url.split("/", 1)
            query = _canonical_query(query)
            out.append(f"{host.lower()}/{path}" + (f"?{query}" if query else ""))
    return out


_LIST_SEPARATOR = regex.compile(r"[,;\n]|\s\d+[.)]\s")  # commas, lines, «1) … 2) …»


def partner_names(text: str | None) -> list[str]:
    """Names listed in the socio-economic partners row (««Адвер» баспасы, Ақкетік газеті, …»)."""
    if not text:
        return []
    parts = _LIST_SEPARATOR.split(normalise(text))
    return [p.strip(" .«»\"") for p in parts if p.strip(" .«»\"-")]
