"""Kazakh and Russian text normalisation, exactly as CONTRACT.md ("Normalisation") says.

Two levels:

* :func:`normalise` — what every text value in the model goes through: Unicode NFC,
  Latin look-alikes inside Cyrillic words mapped to Cyrillic, white space folded, soft
  hyphens dropped, legacy KZ-1048 mojibake repaired. The author's letters are kept.
* :func:`fold` — for *matching* labels only: additionally lower-cased, Kazakh letters
  folded to their Russian-keyboard stand-ins (ә→а, ғ→г, қ→к, ң→н, ө→о, ұ/ү→у, һ→х, і→и),
  ё→е, punctuation dropped — so «Актау каласы» finds «Ақтау қаласы».
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

import regex

# Latin letters that look like Cyrillic ones; folded only inside otherwise-Cyrillic words.
_LATIN_TO_CYRILLIC = str.maketrans({
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О",
    "P": "Р", "T": "Т", "X": "Х", "Y": "У", "a": "а", "c": "с", "e": "е", "o": "о",
    "p": "р", "x": "х", "y": "у", "i": "і", "I": "І", "h": "һ",
    "\u0259": "ә", "\u018f": "Ә", "\u0275": "ө", "\u019f": "Ө",
})

# Kazakh letters and their Russian-keyboard stand-ins (for matching only).
_STAND_INS = str.maketrans({
    "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х",
    "і": "и", "ё": "е", "i": "и",
})

_STAND_IN_PAIRS = tuple((chr(k), v) for k, v in _STAND_INS.items())

# Bytes of KZ-1048 text decoded as cp1251 show up as these letters inside Kazakh words.
_KZ1048_MOJIBAKE = set("ЈјЄєЌќЅѕҐґЎўЇїЋћ")

# Simple character classes use the standard library's re: on every cell of a report it is
# several times faster than regex, which is kept for what needs Unicode properties.
# White space is what str.split() splits on (every Unicode space, NBSP and the thin ones
# included) plus two invisible characters it does not know: split/join is several times
# faster than a regex over a whole report.
_INVISIBLE_SPACES = ("\u200b", "\ufeff")  # zero-width space, byte-order mark
_WORD = regex.compile(r"[\p{L}\p{M}]+")
_CYRILLIC = regex.compile(r"\p{Script=Cyrillic}")
_LATIN = regex.compile(r"[\p{Script=Latin}\u0259\u018f\u0275\u019f]")
_FOLD_TOKENS = re.compile(r"[\w%]+")  # runs of letters, digits and «%» (underscores replaced first)
# A Latin letter touching a Cyrillic one: the sign of a mixed word, the only place look-alikes
# are folded (a link or a Latin name beside Cyrillic words is left alone).
_LATIN_LETTER = "A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0259\u018f\u0275\u019f\uff21-\uff3a\uff41-\uff5a"
_MARKS = "\u0300-\u036f"  # combining accents
# A run of Latin letters (with any accents on them); mixed when a Cyrillic letter touches it.
_LATIN_RUN = re.compile(f"[{_LATIN_LETTER}][{_LATIN_LETTER}{_MARKS}]*")
_MOJIBAKE = re.compile("[" + "".join(sorted(_KZ1048_MOJIBAKE)) + "]")
_FILLER = regex.compile(r"[\s\-–—_.]+")


def _fix_mixed_word(match: regex.Match[str]) -> str:
    word = str(match.group(0))
    if _CYRILLIC.search(word) and _LATIN.search(word):
        return word.translate(_LATIN_TO_CYRILLIC)
    return word


def _in_word(char: str) -> bool:
    return char.isalpha() or unicodedata.category(char)[0] == "M"  # [\p{L}\p{M}]


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u052f"  # Cyrillic and its Supplement (the Kazakh letters)


def _touches_cyrillic(text: str, start: int, end: int) -> bool:
    """Is the Latin run text[start:end] next to a Cyrillic letter (accents between allowed)?
    The run already holds the accents after it; those before it belong to the letter before."""
    before = start - 1
    while before >= 0 and "\u0300" <= text[before] <= "\u036f":  # _MARKS
        before -= 1
    return (before >= 0 and _is_cyrillic(text[before])) or (end < len(text) and _is_cyrillic(text[end]))


def _fix_mixed_words(text: str) -> str:
    """Map look-alikes to Cyrillic in the words where a Latin letter touches a Cyrillic one.
    Only the runs of Latin letters are looked at (a Kazakh text has few: links, names)."""
    pieces: list[str] = []
    last = 0
    for run in _LATIN_RUN.finditer(text):
        if run.start() < last or not _touches_cyrillic(text, run.start(), run.end()):
            continue  # inside a word already fixed, or a Latin word of its own
        start = run.start()
        while start > 0 and _in_word(text[start - 1]):
            start -= 1
        word = _WORD.match(text, start)
        assert word is not None  # the run itself is letters
        pieces += [text[last:start], _fix_mixed_word(word)]
        last = word.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _repair_kz1048(text: str) -> str:
    """Undo KZ-1048 bytes read as cp1251 (ќ→қ, ј→ә, …), word by word."""
    if not _MOJIBAKE.search(text):
        return text

    def repair(match: regex.Match[str]) -> str:
        word = str(match.group(0))
        if not _KZ1048_MOJIBAKE.intersection(word):
            return word
        try:
            return word.encode("cp1251").decode("kz1048")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return word

    result: str = _WORD.sub(repair, text)
    return result


@functools.lru_cache(maxsize=65536)
def normalise(text: str | None) -> str:
    """Normalise one text value (NFC, look-alikes, white space, soft hyphens)."""
    if not text:
        return ""
    if not text.isascii():  # ASCII (numbers, links) has no accents, KZ-1048 or Cyrillic to mend
        text = unicodedata.normalize("NFC", text.replace("\u00ad", ""))
        text = _fix_mixed_words(_repair_kz1048(text))
    for invisible in _INVISIBLE_SPACES:
        if invisible in text:
            text = text.replace(invisible, " ")
    return " ".join(text.split())


@functools.lru_cache(maxsize=65536)
def fold_letters(text: str) -> str:
    """Lower case, Latin look-alikes and stand-in letters only, one letter for one (offsets into
    the text hold): for finding a label inside a longer text."""
    return text.translate(_LATIN_TO_CYRILLIC).lower().translate(_STAND_INS)


def fold(text: str | None) -> str:
    """Fold text for label matching: normalised, lower-case, stand-ins, no punctuation."""
    text = normalise(text).lower().replace("_", " ")
    for letter, stand_in in _STAND_IN_PAIRS:  # str.replace: far faster than translate here
        if letter in text:
            text = text.replace(letter, stand_in)
    return " ".join(_FOLD_TOKENS.findall(text))


def fold_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern that finds any of ``words`` in a *normalised* text exactly where the folded
    text would contain it (each letter also as the Kazakh letters that fold to it, any run
    of punctuation or spaces as a word gap) — one scan, without folding the whole text."""
    letters: dict[str, set[str]] = {}
    for letter, stand_in in _STAND_IN_PAIRS:
        letters.setdefault(stand_in, {stand_in}).add(letter)
    alternatives = []
    for word in dict.fromkeys(fold(w) for w in words):
        parts = []
        for char in word:
            if char == " ":
                parts.append(r"(?:[^\w%]|_)+")
            else:
                parts.append("[" + "".join(sorted(re.escape(c) for c in letters.get(char, {char}))) + "]")
        alternatives.append("".join(parts))
    return re.compile("|".join(alternatives), re.IGNORECASE)


def blank(text: str | None) -> bool:
    """True for a cell that holds nothing, a dash or a line of underscores."""
    return not _FILLER.sub("", text or "")


_HYPHEN_END = regex.compile(r"[\p{L}\p{N}]-$")
_WORD_START = regex.compile(r"[\p{L}\p{N}]")


def join_fragments(first: str, second: str) -> str:
    """Join two pieces of text cut apart by a line or page break.

    A word split at a hyphen («кофе-» / «брейк», «2-» / «3.11.24») is closed up; everything else gets one
    space. Callers decide *whether* the pieces belong together.
    """
    first, second = first.rstrip(), second.lstrip()
    if not first:
        return second
    if not second:
        return first
    if _HYPHEN_END.search(first) and _WORD_START.match(second):
        return first + second
    return f"{first} {second}"
