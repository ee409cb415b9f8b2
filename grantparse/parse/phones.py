"""Phone numbers to E.164 with libphonenumber's Kazakhstan metadata."""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
import regex

from grantparse.normalise import normalise

# Digit runs that look like a phone: 10–11 digits, or 6-7 with separators (a local number).
_CANDIDATE = regex.compile(r"(?<![\d])(?:\+?\d[\d\s\-()\u00a0]{5,18}\d)(?![\d])")


@dataclass(frozen=True)
class Phone:
    """A phone as written and, when it is a valid number, its E.164 form."""

    raw: str
    e164: str | None
    kazakh: bool


def parse_phone(text: str) -> Phone:
    """One phone number written any common way («87023233790», «+7 (702) 323-37-90»)."""
    raw = normalise(text)
    try:
        number = phonenumbers.parse(raw, "KZ")
    except phonenumbers.NumberParseException:
        return Phone(raw, None, False)
    if not phonenumbers.is_valid_number(number):
        return Phone(raw, None, False)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    region = phonenumbers.region_code_for_number(number)
    # +7 800 … is a toll-free number shared with Russia: valid for a Kazakh report.
    kazakh = region == "KZ" or (number.country_code == 7 and str(number.national_number).startswith("800"))
    return Phone(raw, e164, kazakh)


_SHORT_CANDIDATE = regex.compile(r"(?<![\d])\+?\d[\d\s\-()\u00a0]{2,18}\d(?![\d])")
_PHONE_MARKER = regex.compile(r"(?i)\b(?:тел|телефон|байланыс|моб|сот|phone|tel)\b\.?:?")


_NOT_DIGIT = regex.compile(r"\D")
_SPACED = regex.compile(r"[\s\-()]")  # a number written in groups


def find_phones(text: str | None, phone_field: bool = False) -> list[Phone]:
    """Every phone-like run of digits in ``text``, in order, parsed.

    In an address, a bare short number is a house or a flat, not a phone — unless it comes
    after «тел:». In a field that holds only phones (``phone_field``), every run of four or
    more digits is meant as one, so a malformed one is reported rather than passed over.
    """
    if not text:
        return []
    text = normalise(text)
    marker = _PHONE_MARKER.search(text)
    phones = []
    for match in _CANDIDATE.finditer(text):
        candidate = match.group(0).strip()
        digits = _NOT_DIGIT.sub("", candidate)
        after_marker = marker is not None and match.start() >= marker.end()
        if len(digits) < 10 and not _SPACED.search(candidate) and not (after_marker or phone_field):
            continue  # a bare short number is a house or flat number, not a phone
        if len(digits) < 6 and not (after_marker or phone_field):
            continue
        phones.append(parse_phone(candidate))
    if (phone_field or marker is not None) and not phones:
        region = text[marker.end():] if marker is not None else text
        phones = [parse_phone(m.group(0)) for m in _SHORT_CANDIDATE.finditer(region)
                  if len(_NOT_DIGIT.sub("", m.group(0))) >= 4]
    return phones
