"""Tesseract's hOCR → words placed as a born-digital PDF would place them.

A word's box from OCR depends on its letters, and tesseract's line baselines are off by a
point or two — the size of a paragraph's spacing, from which paragraph breaks are told. So
each word's baseline is measured from its own ink, and the words of one line within one
table cell share a baseline. Letters read in place of digits are put right here, and
marked doubtful.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import regex
from lxml import etree

LOW_CONFIDENCE = 70.0  # tesseract word confidence below which a value is flagged for review
# How far below the baseline a descending letter (р, у, д) reaches, in the line's size: 0.21
# (Liberation, Arial) to 0.24 (DejaVu) of the em.
DESCENDER_DEPTH = 0.22
# Letters whose ink goes below the baseline, in the form's languages (and Latin).
_DESCENDING = frozenset("рудфцщүұДЦЩpqgjy")
# Kazakh letters with a tail under the baseline (қ, ң): it reaches 0.15 of the em.
_TAILED = frozenset("қңҚҢ")
TAIL_DEPTH = 0.15

Box = tuple[int, int, int, int]  # x0, top, x1, bottom in image pixels

HOCR_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True)
_TITLE_FIELD = regex.compile(r"(\w+)\s+([^;]+)")


def hocr_title(element: Any) -> dict[str, str]:
    """The fields of an hOCR element's title («bbox 1 2 3 4; x_wconf 91»)."""
    return {m.group(1): m.group(2).strip() for m in _TITLE_FIELD.finditer(element.get("title", ""))}


def hocr_numbers(value: str) -> list[float]:
    """The numbers of one hOCR field («1 2 3 4»)."""
    return [float(v) for v in value.split()]


@dataclass
class Reading:
    """A word as tesseract gave it, in pixels, with its line's geometry."""

    text: str
    box: tuple[float, float, float, float]
    conf: float
    line: int  # tesseract's line number on the page
    line_baseline: float  # the line's baseline under this word
    line_size: float = 0.0  # the line's size as tesseract measured it (x_size)
    ink_baseline: float | None = None  # measured from the word's own pixels
    ink_top: float | None = None  # the top of its letters' ink (dots and marks left out)

    def own_baseline(self) -> float | None:
        """The baseline the word's pixels show; None for marks that float (dashes, quotes)."""
        return self.ink_baseline


def measure_baselines(readings: list[Reading], ink: np.ndarray, size: float) -> None:
    """Each word's baseline from its pixels: the highest bottom among its letters (told apart
    by the blank columns between them; letters that touch are measured by their inked
    rows), leaving out marks too short to be letters (dashes, dots, quotes). Every letter
    and digit reaches the baseline and only some go below it
    (р, у, қ's tail, brackets); tesseract's own line baselines are off by a point or two,
    the size of a paragraph's spacing."""
    height, width = ink.shape
    for reading in readings:
        x0, top, x1, bottom = (int(v) for v in reading.box)
        top, x0 = max(0, top), max(0, x0)
        region = ink[top:min(height, bottom + 1), x0:min(width, x1 + 1)]
        if region.size == 0 or not region.any():
            continue
        if not regex.search(r"[\p{L}\p{N}]", reading.text):
            if regex.search(r"[()\[\]]", reading.text):  # a bracket alone: it descends a fifth of a line
                reading.ink_baseline = float(top + np.nonzero(region.any(axis=1))[0][-1] + 1 - 0.2 * size)
            continue
        bottoms, tops = [], []
        for a, b in spans(np.asarray(region.any(axis=0)), max_gap=0):
            counts = region[:, a:b].sum(axis=1)
            rows = np.nonzero(counts)[0]
            if rows[-1] - rows[0] + 1 < 0.3 * size:
                continue  # a dash, a dot, a quote
            tops.append(int(rows[0]))
            if b - a > 0.8 * size:
                # Letters that touch: the lowest row still as inked as their bodies (a
                # descender is a thin stroke below the row the letters stand on). Bodies
                # are judged in the blob's lower half: the bars atop «тт» outweigh their stems.
                lower = counts[(rows[0] + rows[-1]) // 2:]
                rows = np.nonzero(counts >= 0.3 * lower.max())[0]
            bottoms.append(int(rows[-1]))
        if bottoms:
            reading.ink_baseline = float(top + min(bottoms) + 1)
            reading.ink_top = float(top + min(tops))
            letters = [c for c in reading.text if c.isalpha()]
            if letters and all(c in _DESCENDING or c in _TAILED for c in letters):
                # Every letter reaches below the line («р,», «қ»: the tail of a word a narrow
                # column cut): the baseline is a descender's depth above their bottoms.
                shallow = any(c in _TAILED for c in letters)
                reading.ink_baseline -= (TAIL_DEPTH if shallow else DESCENDER_DEPTH) * size


def ink_in(ink: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """The ink inside ``box`` (pixels; its right and bottom edges included), cut to the page."""
    height, width = ink.shape
    x0, top, x1, bottom = (int(v) for v in box)
    return ink[max(0, top):min(height, bottom + 1), max(0, x0):min(width, x1 + 1)]


def blobs_of(region: np.ndarray) -> list[tuple[int, int]]:
    """The column spans of ``region`` with ink, split at every blank column: one per character
    where the characters stand apart."""
    return spans(np.asarray(region.any(axis=0)), max_gap=0) if region.size else []


# Letters whose small form is the capital made smaller (Cyrillic, Kazakh): OCR tells them
# apart only by height, and on a short word often gets it wrong («В Павлодарской», «ЛИЦ С»).
_SAME_SHAPE = frozenset("ВГДЖЗИКЛМНОПСТХЦЧШЩЪЫЬЭЮЯҒҚҢӨҮҰӘ")
# Small letters that reach above the others (a stem, a dot, a breve): no x-height sample.
_TALL_SMALL = frozenset("бйёіїһфbdfhklti")
MIN_HEIGHT_SAMPLES = 5  # words of each kind a page needs before heights tell case


def _ink_height(reading: Reading) -> float | None:
    if reading.ink_baseline is None or reading.ink_top is None:
        return None
    return reading.ink_baseline - reading.ink_top


def tall_letters_from(readings: list[Reading]) -> float | None:
    """The height (from the baseline) halfway between the page's small letters and its
    capitals, from its own words — x-height from words of small letters without a stem or
    a dot, cap height from words that begin with a capital; None on a page of few words."""
    small, capital = [], []
    for reading in readings:
        letters = [c for c in reading.text if c.isalpha()]
        height = _ink_height(reading)
        if height is None or len(letters) < 2:
            continue
        if all(c.islower() and "\u0400" <= c <= "\u04ff" and c not in _TALL_SMALL for c in letters):
            small.append(height)
        elif letters[0].isupper() and all(c.islower() for c in letters[1:]):
            capital.append(height)
    if len(small) < MIN_HEIGHT_SAMPLES or len(capital) < MIN_HEIGHT_SAMPLES:
        return None
    return (float(np.median(small)) + float(np.median(capital))) / 2


def mend_letter_case(readings: list[Reading], between: float) -> None:
    """Words read with capitals whose letters are no taller than the page's small letters
    (``between``: see :func:`tall_letters_from`) are small letters («ЛИЦ С» → «лиц с», «200
    Дана»): only where each capital read is a letter whose two forms differ in size alone."""
    for reading in readings:
        letters = [c for c in reading.text if c.isalpha()]
        height = _ink_height(reading)
        capitals = [c for c in letters if c.isupper()]
        if capitals and height is not None and height < between and all(c in _SAME_SHAPE for c in capitals):
            reading.text = reading.text.lower()


# Small letters OCR reads without the marks above them: е for ё, и for й.
_MARKED = {"е": "ё", "и": "й"}


def mend_marks_above(readings: list[Reading], ink: np.ndarray, between: float) -> None:
    """«е» and «и» whose ink reaches above the small letters (``between``) are «ё» and «й»
    (their dots and breve are what OCR of a small font loses: «Проведенные» for
    «Проведённые»). Only in words whose characters each stand apart, so the n-th blob of ink
    is the n-th character."""
    for reading in readings:
        if reading.ink_baseline is None or not any(c in _MARKED for c in reading.text):
            continue
        region = ink_in(ink, reading.box)
        blobs = blobs_of(region)
        if not _one_blob_each(reading.text, blobs):
            continue
        letters = list(reading.text)
        for i, (a, b) in enumerate(blobs):
            if letters[i] in _MARKED:
                ink_top = max(0, int(reading.box[1])) + int(np.nonzero(region[:, a:b].any(axis=1))[0][0])
                if reading.ink_baseline - ink_top > between:
                    letters[i] = _MARKED[letters[i]]
        reading.text = "".join(letters)


# A dash told by the width of its ink, in the line's size: a hyphen's is 0.27–0.28 of the
# em, an en dash's 0.36–0.39, an em dash's nearly a whole em. OCR reads all three as «-».
EN_DASH_WIDTH = 0.31
EM_DASH_WIDTH = 0.75
FLAT_MARK = 0.15  # a dash is a flat mark: no taller than this share of the line's size
MIN_DASH_WIDTH = 0.15  # narrower flat ink is a dot or a speck
# A scan blurs a mark's ends by about a pixel: at 8 pt a hyphen shows 0.33 of the em, not 0.27.
BLUR_PIXELS = 1
_DASHES = frozenset("-‐‒–—")


def mend_dashes(readings: list[Reading], ink: np.ndarray, size: float) -> None:
    """Each dash in a word told by its ink's width: the flat marks among the word's letters
    («Кубок–3», «сәуір - қазан», «қарттық – белсенді»), when there are as many as the word
    has dashes; otherwise the word is left as read."""
    for reading in readings:
        count = sum(c in _DASHES for c in reading.text)
        if not count:
            continue
        region = ink_in(ink, reading.box)
        widths = []
        for a, b in blobs_of(region):
            rows = np.nonzero(region[:, a:b].any(axis=1))[0]
            if rows[-1] - rows[0] + 1 <= FLAT_MARK * size and b - a >= MIN_DASH_WIDTH * size:
                widths.append((b - a - BLUR_PIXELS) / size)
        if len(widths) != count:
            continue
        marks = iter("—" if w >= EM_DASH_WIDTH else "–" if w >= EN_DASH_WIDTH else "-" for w in widths)
        reading.text = "".join(next(marks) if c in _DASHES else c for c in reading.text)


# A glyph is compared with the page's own digits at this size (rows, columns), as ink.
GLYPH_SHAPE = (24, 16)
SURE_DIGIT = 90.0  # a digit read this confidently is a sample of the page's font
DOUBTFUL_DIGIT = 65.0  # a lone digit read less confidently is compared with those samples
MIN_LIKENESS = 0.85  # correlation with the best sample for the glyph to be that digit
MIN_LIKENESS_LEAD = 0.05  # and this far ahead of the next digit's samples
MAX_LIKENESS_CONFIDENCE = 95.0  # a glyph matched is sure, not as sure as read with certainty


def _glyph(ink: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray | None:
    """The ink of one character in ``box``, cut to its extent and scaled to GLYPH_SHAPE,
    centred and of unit length (for correlation); None when the box holds no single glyph."""
    region = ink_in(ink, box)
    if len(blobs_of(region)) != 1:
        return None
    rows, cols = np.nonzero(region.any(axis=1))[0], np.nonzero(region.any(axis=0))[0]
    region = region[rows[0]: rows[-1] + 1, cols[0]: cols[-1] + 1]
    picked = region[np.linspace(0, region.shape[0] - 1, GLYPH_SHAPE[0]).round().astype(int)][
        :, np.linspace(0, region.shape[1] - 1, GLYPH_SHAPE[1]).round().astype(int)].astype(np.float64)
    picked -= picked.mean()
    norm = float(np.linalg.norm(picked))
    return picked / norm if norm else None


def digits_by_the_page_font(readings: list[Reading], ink: np.ndarray) -> None:
    """A lone digit read with doubt («2» at 57 % for a clear «7»: tesseract reads one glyph
    alone poorly) is compared with the digits the same page read surely, in its own font;
    when it is much likelier one of them, it is that digit (its confidence then the likeness)."""
    samples: dict[str, list[np.ndarray]] = {}
    for reading in readings:
        if len(reading.text) == 1 and reading.text.isdigit() and reading.conf >= SURE_DIGIT:
            glyph = _glyph(ink, reading.box)
            if glyph is not None:
                samples.setdefault(reading.text, []).append(glyph)
    if len(samples) < 2:
        return
    for reading in readings:
        if not (len(reading.text) == 1 and reading.text.isdigit() and reading.conf < DOUBTFUL_DIGIT):
            continue
        glyph = _glyph(ink, reading.box)
        if glyph is None:
            continue
        likeness = sorted(((max(float((glyph * s).sum()) for s in shapes), digit) for digit, shapes in samples.items()),
                          reverse=True)
        best, digit = likeness[0]
        lead = best - likeness[1][0]
        if best >= MIN_LIKENESS and lead >= MIN_LIKENESS_LEAD:
            reading.text, reading.conf = digit, round(min(MAX_LIKENESS_CONFIDENCE, 100 * best), 1)


# A space's width is a quarter of the em; letters of one word stand under a tenth apart.
SPACE_GAP = 0.18
# Characters whose ink is two blobs side by side: a word with one cannot be matched blob by
# blob (with two letters touching, the counts would agree by chance).
_TWO_BLOBS = frozenset("ыЫ«»\"%№")


def _one_blob_each(text: str, blobs: list[tuple[int, int]]) -> bool:
    """Does each character of ``text`` stand apart as one blob of ink, the n-th blob the n-th
    character?"""
    return len(blobs) == len(text) and not any(c in _TWO_BLOBS for c in text)


def restore_spaces(readings: list[Reading], ink: np.ndarray, size: float) -> None:
    """A space tesseract left out between a word and a number («е30» for «е 30», the end of
    «кемінд|е 30» in a narrow column), put back where the ink shows one: when the word's
    characters each stand apart (one blob each, so the n-th blob is the n-th character),
    a gap as wide as a space where letters give way to digits, or digits to letters."""
    for reading in readings:
        text = reading.text
        if " " in text or len(text) < 2 or not regex.search(r"\p{L}", text) or not regex.search(r"\d", text):
            continue
        blobs = blobs_of(ink_in(ink, reading.box))
        if not _one_blob_each(text, blobs):
            continue
        out = text[0]
        for i in range(1, len(text)):
            switch = (text[i - 1].isalpha() and text[i].isdigit()) or (text[i - 1].isdigit() and text[i].isalpha())
            out += (" " if switch and blobs[i][0] - blobs[i - 1][1] >= SPACE_GAP * size else "") + text[i]
        reading.text = out


def parse_hocr(hocr: bytes) -> tuple[list[Reading], float]:
    """Tesseract's hOCR → its words (in pixels) and the page's typical line size."""
    root = etree.fromstring(hocr, HOCR_PARSER)
    if root is None:
        return [], 0.0
    readings: list[Reading] = []
    sizes: list[float] = []
    for number, line in enumerate(s for s in root.iter("{*}span") if s.get("class") in _LINE_CLASSES):
        info = hocr_title(line)
        lx0, ly0, _, ly1 = hocr_numbers(info["bbox"])
        slope, offset = hocr_numbers(info.get("baseline", "0 0"))
        line_size = float(info.get("x_size", "0") or 0) or (ly1 - ly0)
        sizes.append(line_size)
        for word in line.iter("{*}span"):
            text = "".join(str(t) for t in word.itertext()).strip()
            if word.get("class") != "ocrx_word" or not text:
                continue
            word_info = hocr_title(word)
            x0, y0, x1, y1 = hocr_numbers(word_info["bbox"])
            readings.append(Reading(text, (x0, y0, x1, y1), float(word_info.get("x_wconf", "0")), number,
                                     ly1 + offset + slope * ((x0 + x1) / 2 - lx0), line_size))
    return readings, float(np.median(sizes)) if sizes else 0.0


_LINE_CLASSES = ("ocr_line", "ocr_caption", "ocr_header", "ocr_textfloat")


def _cell_of(box: tuple[float, float, float, float], cells: list[Box]) -> int:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return next((i for i, (x0, top, x1, bottom) in enumerate(cells) if x0 <= cx <= x1 and top <= cy <= bottom), -1)


_RESIDUE = regex.compile(r"[|¦]+")  # what is left of an erased rule, read as a bar

# Letters OCR reads in place of digits. A single letter of the first kind is never a word
# of the form; the second kind (о, б) are read as digits only beside real digits.
_LONE_AS_DIGIT = {"З": "3", "з": "3", "т": "1", "Т": "1", "і": "1", "І": "1", "l": "1", "I": "1", "|": "1"}
_AS_DIGIT = str.maketrans({**_LONE_AS_DIGIT, "О": "0", "о": "0", "O": "0", "o": "0", "б": "6"})
_NUMERIC = regex.compile(r"[(\[]?\d+(?:[.,]\d+)*[)\].,;:%]*")
_QUALIFIER_GLUED = regex.compile(r"(?i)^(кемінде|кеминде)([\dтТіІlI|З]+)$")


def numeric_reading(text: str) -> str | None:
    """The number a token stands for when OCR put letters for some of its digits («З» → 3,
    «т» → 1, «1О0» → 100, «Кеміндеі» → «Кемінде 1»); None when it is not such a token."""
    glued = _QUALIFIER_GLUED.match(text)
    if glued:
        return f"{glued.group(1)} {glued.group(2).translate(_AS_DIGIT)}"
    if text in _LONE_AS_DIGIT:
        return _LONE_AS_DIGIT[text]
    if not regex.search(r"\d", text):
        return None
    mapped = text.translate(_AS_DIGIT)
    return mapped if mapped != text and _NUMERIC.fullmatch(mapped) else None


def place_words(readings: list[Reading], cells: list[Box], size: float) -> list[dict[str, Any]]:
    """Words with the top and bottom a born-digital PDF would give them: one baseline per
    line *within a cell* (tesseract's lines may run across cells whose rows do not align,
    and a single word's box may be off), the median of what its words' boxes show; every
    top and bottom from that baseline and the page's line size, so the lines of a
    paragraph keep the even pitch paragraph breaks are told from."""
    groups: dict[tuple[int, int], list[Reading]] = {}
    for reading in readings:
        groups.setdefault((reading.line, _cell_of(reading.box, cells)), []).append(reading)
    words: list[dict[str, Any]] = []
    for (_, cell), group in groups.items():
        group = [r for r in group if not _RESIDUE.fullmatch(r.text)]
        if not group:
            continue
        shown = [b for b in (r.own_baseline() for r in group) if b is not None]
        baseline = float(np.median(shown)) if shown else float(np.median([r.line_baseline for r in group]))
        if cell >= 0 and not cells[cell][1] <= baseline - 0.3 * size <= cells[cell][3]:
            # The line's baseline lies in another cell (tesseract ran a clipped line's
            # remains into the line below the rule): the words stay where their ink is.
            baseline = min(float(cells[cell][3]), float(np.median([r.box[3] for r in group])))
        for r in group:
            text, conf = r.text, r.conf
            number = numeric_reading(text)
            if number is not None:
                if text.translate(_AS_DIGIT) != text:  # a letter read as a digit: doubtful
                    conf = min(conf, LOW_CONFIDENCE - 1)
                text = number
            words.append({"text": text, "x0": r.box[0], "x1": r.box[2], "top": baseline - 0.8 * size,
                          "bottom": baseline + 0.2 * size, "size": size, "conf": conf})
    return words


def spans(filled: np.ndarray, max_gap: int) -> list[tuple[int, int]]:
    """Runs of True in a 1-D mask, runs closer than ``max_gap`` joined: [(start, end)]."""
    padded = np.concatenate(([False], filled, [False])).astype(np.int8)
    step = np.diff(padded)
    starts, ends = np.nonzero(step == 1)[0].tolist(), np.nonzero(step == -1)[0].tolist()
    found: list[tuple[int, int]] = []
    for start, end in zip(starts, ends, strict=True):
        if found and start - found[-1][1] <= max_gap:
            found[-1] = (found[-1][0], end)
        else:
            found.append((start, end))
    return found
