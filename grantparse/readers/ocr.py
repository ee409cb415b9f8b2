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
from grantparse.readers.scan_rules import DARK, erase_rules, find_rules, rule_in_points

DPI = 300  # tesseract reads best at 300 dpi; a 200 dpi scan is upsampled by the renderer
LANGUAGES = ("kaz", "rus")
LOW_CONFIDENCE = 70.0  # tesseract word confidence below which a value is flagged for review
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


# Letters and marks that reach below the baseline: a word without them sits on its box's bottom.
_DESCENDERS = regex.compile(r"[рудфцщқңұүҗҙҫgjpqy,;()\[\]{}/|]")


@dataclass
class _Reading:
    """A word as tesseract gave it, in pixels, with its line's geometry."""

    text: str
    box: tuple[float, float, float, float]
    conf: float
    line: int  # tesseract's line number on the page
    line_baseline: float  # the line's baseline under this word
    descent: float

    def own_baseline(self) -> float | None:
        """The baseline this word's box shows: its bottom when no letter descends, else its
        bottom less the line's descent; None for marks that float (dashes, quotes)."""
        if not regex.search(r"[\p{L}\p{N}]", self.text):
            return None
        bottom = self.box[3]
        if not _DESCENDERS.search(self.text):
            return bottom
        return bottom - self.descent if self.descent else None


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
        descent = float(info.get("x_descenders", "0") or 0)
        for word in line.iter("{*}span"):
            text = "".join(str(t) for t in word.itertext()).strip()
            if word.get("class") != "ocrx_word" or not text:
                continue
            word_info = _title(word)
            x0, y0, x1, y1 = _numbers(word_info["bbox"])
            readings.append(_Reading(text, (x0, y0, x1, y1), float(word_info.get("x_wconf", "0")), number,
                                     ly1 + offset + slope * ((x0 + x1) / 2 - lx0), descent))
    return readings, float(np.median(sizes)) if sizes else 0.0


_LINE_CLASSES = ("ocr_line", "ocr_caption", "ocr_header", "ocr_textfloat")


def _cell_of(box: tuple[float, float, float, float], cells: list[Box]) -> int:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return next((i for i, (x0, top, x1, bottom) in enumerate(cells) if x0 <= cx <= x1 and top <= cy <= bottom), -1)


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
        shown = [b for b in (r.own_baseline() for r in group) if b is not None]
        baseline = float(np.median(shown)) if shown else float(np.median([r.line_baseline for r in group]))
        for r in group:
            words.append({"text": r.text, "x0": r.box[0], "x1": r.box[2], "top": baseline - 0.8 * size,
                          "bottom": baseline + 0.2 * size, "size": size, "conf": r.conf})
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


def read_missed(gray: np.ndarray, boxes: list[Box], size: float, lang: str, dpi: int) -> list[dict[str, Any]]:
    """Read the missed boxes in one tesseract call: pasted side by side on one line, read as
    a single text line (no page layout to drop them); each character is mapped back to its
    box by position (tesseract may join neighbouring boxes into one word)."""
    import pytesseract
    from PIL import Image

    if not boxes:
        return []
    gap, margin = int(1.5 * size), int(0.5 * size)
    height = max(b - t for _, t, _, b in boxes) + 2 * margin
    width = sum(x1 - x0 for x0, _, x1, _ in boxes) + gap * len(boxes) + 2 * margin
    strip = np.full((height, width), 255, dtype=np.uint8)
    placed: list[tuple[int, int, Box]] = []  # (start, end) on the strip, original box
    x = margin
    for box in boxes:
        x0, top, x1, bottom = box
        row = height - margin - (bottom - top)  # aligned at the bottom, like a baseline
        strip[row: row + bottom - top, x: x + x1 - x0] = gray[top:bottom, x0:x1]
        placed.append((x, x + x1 - x0, box))
        x += x1 - x0 + gap
    hocr = pytesseract.image_to_pdf_or_hocr(Image.fromarray(strip), lang=lang, extension="hocr",
                                            config=f"--dpi {dpi} --psm 7 -c hocr_char_boxes=1")
    characters = _characters(hocr)
    words: list[dict[str, Any]] = []
    for start, end, (x0, _, x1, bottom) in placed:
        mine = [c for c in characters if start - margin / 2 <= (c[1] + c[2]) / 2 <= end + margin / 2]
        text = ""
        for i, (letter, left, _, _) in enumerate(mine):
            text += (" " if i and left - mine[i - 1][2] > 0.25 * size else "") + letter
        if not mine or not regex.search(r"[\p{L}\p{N}]", text):
            continue
        confidence = min(c[3] for c in mine)
        if confidence < MIN_RECOVERED_CONFIDENCE:
            continue
        reading = _Reading(text, (float(x0), float(bottom - size), float(x1), float(bottom)), round(confidence, 1),
                           -1 - len(words), float(bottom), 0.2 * size)
        words.extend(place_words([reading], [], size))
    return words


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
    image = page.to_image(resolution=dpi).original.convert("L")
    gray = np.asarray(image)
    scale = float(page.width) / image.width  # pixels → points, through the page's own size
    horizontal, vertical = find_rules(gray, dpi)
    clean = erase_rules(gray, horizontal + vertical)
    hocr = pytesseract.image_to_pdf_or_hocr(Image.fromarray(clean), lang=lang, extension="hocr",
                                            config=f"--dpi {dpi} --psm 3")
    readings, size = parse_hocr(hocr)
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
        words += [w for w in missed if not _already_read(w, words, size)]
    return OcrPage(words=[_in_points(w, scale) for w in words], horizontal=h_lines, vertical=v_lines)
