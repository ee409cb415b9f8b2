"""Scanned pages → words with boxes and confidences, and the table's ruling lines.

A scanned report is an image per page. The table rules come from the pixels
(:mod:`grantparse.readers.scan_rules`); they are erased before the text is read — a border
glued to a letter is the commonest OCR error in tables — and handed to pdfplumber's table
finder as explicit lines, so a scanned table becomes the same grid a born-digital one does.
Tesseract (its Kazakh and Russian models) reads the words in two passes: the page, then
whatever ink inside a table cell the first pass left unread — tesseract's page layout
drops lone short marks, and on this form those are the «1»s of plans and facts.

Words come back in PDF points, shaped like pdfplumber's words plus ``conf`` (0–100), so
the rest of the PDF reader does not know the page was a scan.
"""

from __future__ import annotations

import functools
import os
import shutil
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import regex
from lxml import etree

from grantparse.errors import ReadError
from grantparse.readers.scan_rules import DARK, erase_rules, estimate_skew, find_rules, rule_in_points

DPI = 300  # tesseract reads best at 300 dpi; a 200 dpi scan is upsampled by the renderer
LANGUAGES = ("kaz", "rus")
# Words read with doubt are read again in English: links and Latin names («Renasans school»)
# come out as Cyrillic garbage from the Cyrillic models, and a lone «1» as «т» or «і».
SECOND_OPINION = "eng"
DOUBTFUL = 65.0  # below this confidence a word gets a second opinion
LOW_CONFIDENCE = 70.0  # tesseract word confidence below which a value is flagged for review
COLOURED_INK = 40  # how much one channel must outshine the others for ink to be coloured
MIN_SKEW_DEGREES = 0.2  # a page turned less than this is read as it is
MIN_RECOVERED_CONFIDENCE = 70.0  # a second-pass reading below this is a speck or a clipped letter

_HOCR_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True)
_TITLE_FIELD = regex.compile(r"(\w+)\s+([^;]+)")


@dataclass
class OcrPage:
    """One scanned page read: words and ruling lines, all in PDF points."""

    words: list[dict[str, Any]] = field(default_factory=list)
    horizontal: list[dict[str, Any]] = field(default_factory=list)
    vertical: list[dict[str, Any]] = field(default_factory=list)


@functools.lru_cache(maxsize=1)
def tesseract_languages() -> frozenset[str]:
    """The tesseract models installed; empty when tesseract itself is not."""
    if shutil.which("tesseract") is None:
        return frozenset()
    import pytesseract

    try:
        return frozenset(pytesseract.get_languages(config=""))
    except Exception:  # a broken install is the same as none
        return frozenset()


def available() -> bool:
    """Tesseract with at least one of the form's languages."""
    return bool(tesseract_languages() & set(LANGUAGES))


# --------------------------------------------------------------------------- words


def _title(element: Any) -> dict[str, str]:
    return {m.group(1): m.group(2).strip() for m in _TITLE_FIELD.finditer(element.get("title", ""))}


def _numbers(value: str) -> list[float]:
    return [float(v) for v in value.split()]


@dataclass
class _Reading:
    """A word as tesseract gave it, in pixels, with its line's geometry."""

    text: str
    box: tuple[float, float, float, float]
    conf: float
    line: int  # tesseract's line number on the page
    line_baseline: float  # the line's baseline under this word
    ink_baseline: float | None = None  # measured from the word's own pixels

    def own_baseline(self) -> float | None:
        """The baseline the word's pixels show; None for marks that float (dashes, quotes)."""
        return self.ink_baseline


def measure_baselines(readings: list[_Reading], ink: np.ndarray, size: float) -> None:
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
        bottoms = []
        for a, b in _spans(np.asarray(region.any(axis=0)), max_gap=0):
            counts = region[:, a:b].sum(axis=1)
            rows = np.nonzero(counts)[0]
            if rows[-1] - rows[0] + 1 < 0.3 * size:
                continue  # a dash, a dot, a quote
            if b - a > 0.8 * size:
                # Letters that touch: the lowest row still as inked as their bodies (a
                # descender is a thin stroke below the row the letters stand on).
                rows = np.nonzero(counts >= 0.3 * counts.max())[0]
            bottoms.append(int(rows[-1]))
        if bottoms:
            reading.ink_baseline = float(top + min(bottoms) + 1)


def parse_hocr(hocr: bytes) -> tuple[list[_Reading], float]:
    """Tesseract's hOCR → its words (in pixels) and the page's typical line size."""
    root = etree.fromstring(hocr, _HOCR_PARSER)
    if root is None:
        return [], 0.0
    readings: list[_Reading] = []
    sizes: list[float] = []
    for number, line in enumerate(s for s in root.iter("{*}span") if s.get("class") in _LINE_CLASSES):
        info = _title(line)
        lx0, ly0, _, ly1 = _numbers(info["bbox"])
        slope, offset = _numbers(info.get("baseline", "0 0"))
        sizes.append(float(info.get("x_size", "0") or 0) or (ly1 - ly0))
        for word in line.iter("{*}span"):
            text = "".join(str(t) for t in word.itertext()).strip()
            if word.get("class") != "ocrx_word" or not text:
                continue
            word_info = _title(word)
            x0, y0, x1, y1 = _numbers(word_info["bbox"])
            readings.append(_Reading(text, (x0, y0, x1, y1), float(word_info.get("x_wconf", "0")), number,
                                     ly1 + offset + slope * ((x0 + x1) / 2 - lx0)))
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


def place_words(readings: list[_Reading], cells: list[Box], size: float) -> list[dict[str, Any]]:
    """Words with the top and bottom a born-digital PDF would give them: one baseline per
    line *within a cell* (tesseract's lines may run across cells whose rows do not align,
    and a single word's box may be off), the median of what its words' boxes show; every
    top and bottom from that baseline and the page's line size, so the lines of a
    paragraph keep the even pitch paragraph breaks are told from."""
    groups: dict[tuple[int, int], list[_Reading]] = {}
    for reading in readings:
        groups.setdefault((reading.line, _cell_of(reading.box, cells)), []).append(reading)
    words: list[dict[str, Any]] = []
    for group in groups.values():
        group = [r for r in group if not _RESIDUE.fullmatch(r.text)]
        if not group:
            continue
        shown = [b for b in (r.own_baseline() for r in group) if b is not None]
        baseline = float(np.median(shown)) if shown else float(np.median([r.line_baseline for r in group]))
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


Box = tuple[int, int, int, int]  # x0, top, x1, bottom in image pixels


def scanned_tables(page: Any, horizontal: list[dict[str, Any]], vertical: list[dict[str, Any]]) -> list[Any]:
    """pdfplumber's tables drawn by a scan's rules (explicit lines, in points)."""
    if len(horizontal) < 2 or len(vertical) < 2:
        return []
    return list(page.find_tables({
        "vertical_strategy": "explicit", "horizontal_strategy": "explicit",
        "explicit_vertical_lines": vertical, "explicit_horizontal_lines": horizontal,
    }))


def _spans(filled: np.ndarray, max_gap: int) -> list[tuple[int, int]]:
    """Runs of True in a 1-D mask, runs closer than ``max_gap`` joined: [(start, end)]."""
    padded = np.concatenate(([False], filled, [False])).astype(np.int8)
    step = np.diff(padded)
    starts, ends = np.nonzero(step == 1)[0].tolist(), np.nonzero(step == -1)[0].tolist()
    spans: list[tuple[int, int]] = []
    for start, end in zip(starts, ends, strict=True):
        if spans and start - spans[-1][1] <= max_gap:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def missed_ink(ink: np.ndarray, words: list[dict[str, Any]], cells: list[Box], size: float) -> list[Box]:
    """Boxes of text-sized ink inside table cells that no read word covers."""
    covered = np.zeros_like(ink)
    pad = max(2, int(0.15 * size))
    for word in words:
        covered[max(0, int(word["top"]) - pad): int(word["bottom"]) + pad,
                max(0, int(word["x0"]) - pad): int(word["x1"]) + pad] = True
    left = ink & ~covered
    found: list[Box] = []
    inset = max(3, int(0.1 * size))  # a cell's border and its grey fringe
    for x0, top, x1, bottom in cells:
        region = left[top + inset: bottom - inset, x0 + inset: x1 - inset]
        if region.size == 0 or not region.any():
            continue
        for a, b in _spans(region.any(axis=1), max_gap=1):
            if not 0.35 * size <= b - a <= 1.6 * size:
                continue  # a speck or a stroke, not a line of text
            for c, d in _spans(region[a:b].any(axis=0), max_gap=int(0.4 * size)):
                if d - c >= 0.1 * size:
                    found.append((x0 + inset + c, top + inset + a, x0 + inset + d, top + inset + b))
    return found


def _characters(hocr: bytes) -> list[tuple[str, float, float, float]]:
    """(letter, x0, x1, confidence) of every character in hOCR made with hocr_char_boxes."""
    root = etree.fromstring(hocr, _HOCR_PARSER)
    found = []
    for span in root.iter("{*}span") if root is not None else ():
        if span.get("class") == "ocrx_cinfo" and span.text:
            info = _title(span)
            x0, _, x1, _ = _numbers(info.get("x_bboxes", "0 0 0 0"))
            found.append((span.text, x0, x1, float(info.get("x_conf", "0"))))
    return found


def read_boxes(gray: np.ndarray, boxes: list[Box], size: float, lang: str, dpi: int) -> list[tuple[str, float] | None]:
    """Read many small boxes in one tesseract call: pasted side by side on one line, read as
    a single text line (no page layout to drop them); each character is mapped back to its
    box by position (tesseract may join neighbouring boxes into one word). Per box: its
    text and lowest character confidence, or None when nothing was read there."""
    import pytesseract
    from PIL import Image

    if not boxes:
        return []
    gap, margin = int(2.5 * size), int(0.5 * size)
    height = max(b - t for _, t, _, b in boxes) + 2 * margin
    width = sum(x1 - x0 for x0, _, x1, _ in boxes) + gap * len(boxes) + 2 * margin
    strip = np.full((height, width), 255, dtype=np.uint8)
    placed: list[tuple[int, int]] = []  # where each box went on the strip
    x = margin
    for x0, top, x1, bottom in boxes:
        row = height - margin - (bottom - top)  # aligned at the bottom, like a baseline
        strip[row: row + bottom - top, x: x + x1 - x0] = gray[top:bottom, x0:x1]
        placed.append((x, x + x1 - x0))
        x += x1 - x0 + gap
    hocr = pytesseract.image_to_pdf_or_hocr(Image.fromarray(strip), lang=lang, extension="hocr",
                                            config=f"--dpi {dpi} --psm 7 -c hocr_char_boxes=1")
    # A character belongs to the box its left edge falls in, else the one its centre does:
    # tesseract now and then gives a character a box that runs into the next gap.
    slot: dict[int, list[tuple[str, float, float, float]]] = {}
    for char in _characters(hocr):
        for point in (char[1], (char[1] + char[2]) / 2):
            index = next((i for i, (a, b) in enumerate(placed) if a - margin / 2 <= point <= b + margin / 2), None)
            if index is not None:
                slot.setdefault(index, []).append(char)
                break
    found: list[tuple[str, float] | None] = []
    for index in range(len(placed)):
        mine = slot.get(index, [])
        text = ""
        for i, (letter, left, _, _) in enumerate(mine):
            text += (" " if i and left - mine[i - 1][2] > 0.25 * size else "") + letter
        text = regex.sub(r"\s+(?=[,.;:)!?])", "", text)  # letters spaced wide still end a word
        found.append((text, round(min(c[3] for c in mine), 1)) if mine else None)
    return found


def read_missed(gray: np.ndarray, boxes: list[Box], size: float, lang: str, dpi: int) -> list[_Reading]:
    """The missed boxes read: the text-like readings a confident second look gives."""
    readings: list[_Reading] = []
    for (x0, top, x1, bottom), found in zip(boxes, read_boxes(gray, boxes, size, lang, dpi), strict=True):
        if found is None or not regex.search(r"[\p{L}\p{N}]", found[0]) or found[1] < MIN_RECOVERED_CONFIDENCE:
            continue
        readings.append(_Reading(found[0], (float(x0), float(top), float(x1), float(bottom)), found[1],
                                 -1 - len(readings), float(bottom)))
    measure_baselines(readings, gray < DARK, size)
    return readings


_LINK_LIKE = regex.compile(r"[:/]{2}|\.(?:com|сот|сом|kz|кz|ru|be|бе)\b|www|[?=_@$<>]", regex.IGNORECASE)
_LINK = regex.compile(r"^(?:https?:/|www\.)|\.(?:com|kz|ru|be|org|net)\b", regex.IGNORECASE)
_NUMBER = regex.compile(r"^[\d.,%()/+-]+$")
_LATIN_JUNK = regex.compile(r"[$<>!|\\]")  # what Latin letters become when read as Cyrillic


def _better_in_english(first: str, english: str) -> bool:
    """Is the English reading the right one? Only where English is what the text would be:
    a link, a number where the first reading was a letter or two («т», «il» for «1»), or a
    Latin word the Cyrillic models turned into junk («Вепазап$ <сһоо1!»)."""
    if _LINK.search(english):
        return True
    if _NUMBER.match(english) and len(first) <= 3:
        return True
    return bool(_LATIN_JUNK.search(first)) and bool(regex.fullmatch(r"[A-Za-z][A-Za-z .'-]*", english))


def second_opinion(gray: np.ndarray, readings: list[_Reading], size: float, dpi: int) -> None:
    """Words read with doubt, anything that looks like a link or a piece of one (the word
    after a link, a token with a slash and digits: a link cut at the end of a line), read
    again in English; the English reading replaces the first when it is more confident and
    is the kind of text English models read better (see :func:`_better_in_english`)."""
    # Before this pass a link is still Cyrillic garbage («һЕрв://іпзіадгат.сот/р/О»): known by its «//».
    link_piece = {i + 1 for i, r in enumerate(readings[:-1]) if _LINK.search(r.text) or "//" in r.text}
    link_piece |= {i for i, r in enumerate(readings) if "/" in r.text and regex.search(r"\d", r.text)}
    chosen = [i for i, r in enumerate(readings) if r.conf < DOUBTFUL or _LINK_LIKE.search(r.text) or i in link_piece]
    if SECOND_OPINION not in tesseract_languages() or not chosen:
        return
    height, width = gray.shape
    boxes = [(max(0, int(readings[i].box[0]) - 2), max(0, int(readings[i].box[1]) - 2),
              min(width, int(readings[i].box[2]) + 2), min(height, int(readings[i].box[3]) + 2)) for i in chosen]
    for i, found in zip(chosen, read_boxes(gray, boxes, size, SECOND_OPINION, dpi), strict=True):
        reading = readings[i]
        if found is None or not found[0].strip():
            continue
        english, confidence = found[0].strip(), found[1]
        piece = (i in link_piece and _LINK_TAIL.fullmatch(english) is not None
                 and regex.search(r"[A-Za-z]", english) is not None and regex.search(r"\d", english) is not None)
        if confidence > reading.conf + (0 if piece else 10) and (piece or _better_in_english(reading.text, english)):
            reading.text, reading.conf = english, confidence


_LINK_TAIL = regex.compile(r"[A-Za-z0-9/_.?=&%#:+~-]+[,.;)]?")


def _already_read(found: dict[str, Any], words: list[dict[str, Any]], size: float) -> bool:
    """Tesseract sometimes reads a character but leaves it out of its word's box («7видео»
    boxed from «в»): a recovered reading that a word right beside it already begins or ends
    with is that character again."""
    for word in words:
        if abs(word["top"] - found["top"]) >= 0.5 * size:
            continue  # not on the same line
        if word["text"] == found["text"] and abs(word["x0"] - found["x0"]) < 1.5 * size:
            return True  # the same reading, the word's box a little off
        if 0 <= word["x0"] - found["x1"] < 1.5 * size and word["text"].startswith(found["text"]):
            return True
        if 0 <= found["x0"] - word["x1"] < 1.5 * size and word["text"].endswith(found["text"]):
            return True
    return False


def _in_points(word: dict[str, Any], scale: float) -> dict[str, Any]:
    return {**word, **{k: float(word[k]) * scale for k in ("x0", "x1", "top", "bottom", "size")}}


def without_coloured_ink(image: Any) -> Any:
    """The page in grey with its coloured ink taken out: a seal or a signature in blue or
    violet ink lies over the text and the table of a signed page, and is neither. Printed
    text and rules are black or grey, so a pixel much bluer (or redder) than it is green
    is ink of a stamp or a pen."""
    from PIL import Image

    if image.mode not in ("RGB", "RGBA"):
        return image.convert("L")
    rgb = np.asarray(image.convert("RGB"), dtype=np.int16)
    red, green, blue = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    coloured = (blue - np.maximum(red, green) > COLOURED_INK) | (red - np.maximum(green, blue) > COLOURED_INK)
    gray = np.asarray(image.convert("L")).copy()
    gray[coloured] = 255
    return Image.fromarray(gray)


def ocr_page(page: Any, dpi: int = DPI, languages: tuple[str, ...] = LANGUAGES) -> OcrPage:
    """Render one pdfplumber page, find its rules, erase them, read its words (two passes)."""
    import pytesseract
    from PIL import Image

    lang = "+".join(code for code in languages if code in tesseract_languages())
    if not lang:
        raise ReadError("no-text-layer", "tesseract has neither the Kazakh nor the Russian model")
    # Parallelism comes from --jobs, one file per worker; tesseract's OpenMP threads would
    # only spin against each other (five times slower on two cores).
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    image = without_coloured_ink(page.to_image(resolution=dpi).original)
    gray = np.asarray(image)
    skew = estimate_skew(gray < DARK)
    if abs(skew) >= MIN_SKEW_DEGREES:  # straighten it: a turned rule is no rule
        image = image.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
        gray = np.asarray(image)
    scale = float(page.width) / image.width  # pixels → points, through the page's own size
    horizontal, vertical = find_rules(gray, dpi)
    clean = erase_rules(gray, horizontal + vertical)
    hocr = pytesseract.image_to_pdf_or_hocr(Image.fromarray(clean), lang=lang, extension="hocr",
                                            config=f"--dpi {dpi} --psm 3")
    readings, size = parse_hocr(hocr)
    second_opinion(clean, readings, size, dpi)
    measure_baselines(readings, clean < DARK, size)
    h_lines = [rule_in_points(r, scale) for r in horizontal]
    v_lines = [rule_in_points(r, scale) for r in vertical]
    cells = [
        (int(x0 / scale), int(top / scale), int(x1 / scale), int(bottom / scale))
        for table in scanned_tables(page, h_lines, v_lines)
        for row in table.rows for cell in row.cells if cell is not None
        for x0, top, x1, bottom in [cell]
    ]
    words = place_words(readings, cells, size)
    if cells and words:
        missed = read_missed(clean, missed_ink(clean < DARK, words, cells, size), size, lang, dpi)
        words += [w for w in place_words(missed, [], size) if not _already_read(w, words, size)]
    return OcrPage(words=[_in_points(w, scale) for w in words], horizontal=h_lines, vertical=v_lines)
