"""Scanned pages → words with boxes and confidences, and the table's ruling lines.

A scanned report is an image per page. The table rules come from the pixels
(:mod:`grantparse.readers.scan_rules`); they are erased before the text is read — a border
glued to a letter is the commonest OCR error in tables — and handed to pdfplumber's table
finder as explicit lines, so a scanned table becomes the same grid a born-digital one does.
Tesseract (its Kazakh and Russian models) reads the text around the tables as a page, each
table cell as a block of its own (:func:`read_cells`), then whatever ink inside a cell was
left unread — tesseract drops lone short marks, and on this form those are the «1»s of plans
and facts. Links come out of the Cyrillic models in pieces and are read again in English.

Words are placed (baselines, digit look-alikes) by :mod:`grantparse.readers.ocr_words` and
come back in PDF points, shaped like pdfplumber's words plus ``conf`` (0–100), so the rest
of the PDF reader does not know the page was a scan.
"""

from __future__ import annotations

import bisect
import functools
import os
import shutil
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import regex
from lxml import etree

from grantparse.errors import ReadError
from grantparse.readers.layout import LINK_DOMAINS
from grantparse.readers.ocr_words import (
    FLAT_MARK,
    HOCR_PARSER,
    MIN_DASH_WIDTH,
    Box,
    Reading,
    digits_by_the_page_font,
    hocr_numbers,
    hocr_title,
    measure_baselines,
    mend_dashes,
    mend_letter_case,
    mend_marks_above,
    parse_hocr,
    place_words,
    restore_spaces,
    spans,
    tall_letters_from,
)
from grantparse.readers.scan_rules import DARK, erase_rules, estimate_skew, find_rules, rule_in_points

DPI = 300  # tesseract reads best at 300 dpi; a 200 dpi scan is upsampled by the renderer
LANGUAGES = ("kaz", "rus")
# Words read with doubt are read again in English: links and Latin names («Renasans school»)
# come out as Cyrillic garbage from the Cyrillic models, and a lone «1» as «т» or «і».
SECOND_OPINION = "eng"
DOUBTFUL = 65.0  # below this confidence a word gets a second opinion
COLOURED_INK = 40  # how much one channel must outshine the others for ink to be coloured
MIN_SKEW_DEGREES = 0.2  # a page turned less than this is read as it is
MIN_RECOVERED_CONFIDENCE = 70.0  # a second-pass reading below this is a speck or a clipped letter
# White between two table cells stacked for reading (inches): more than a line's spacing, so
# tesseract never takes the last line of one cell and the first of the next for one line.
CELL_GAP_INCHES = 0.2
MAX_STRIP_PIXELS = 30000  # tesseract refuses an image taller than 32767 pixels
# A dash found alone in a cell by its shape, not read: sure enough to state, not certain.
LONE_DASH_CONFIDENCE = 80.0
DASH_HEIGHT = 0.25  # how far above the baseline a dash's foot stands, in the line's size



@dataclass
class OcrPage:
    """One scanned page read: its words (in PDF points) and the tables its rules draw
    (pdfplumber tables, found from the rules as explicit lines)."""

    words: list[dict[str, Any]] = field(default_factory=list)
    tables: list[Any] = field(default_factory=list)


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


def scanned_tables(page: Any, horizontal: list[dict[str, Any]], vertical: list[dict[str, Any]]) -> list[Any]:
    """pdfplumber's tables drawn by a scan's rules (explicit lines, in points)."""
    if len(horizontal) < 2 or len(vertical) < 2:
        return []
    return list(page.find_tables({
        "vertical_strategy": "explicit", "horizontal_strategy": "explicit",
        "explicit_vertical_lines": vertical, "explicit_horizontal_lines": horizontal,
    }))


def _cell_inset(size: float) -> int:
    """Pixels inside a cell's edge left out when looking for ink: its border and grey fringe."""
    return max(3, int(0.1 * size))


def missed_ink(ink: np.ndarray, words: list[dict[str, Any]], cells: list[Box], size: float) -> list[Box]:
    """Boxes of text-sized ink inside table cells that no read word covers."""
    covered = np.zeros_like(ink)
    pad = max(2, int(0.15 * size))
    for word in words:
        covered[max(0, int(word["top"]) - pad): int(word["bottom"]) + pad,
                max(0, int(word["x0"]) - pad): int(word["x1"]) + pad] = True
    left = ink & ~covered
    found: list[Box] = []
    inset = _cell_inset(size)
    for x0, top, x1, bottom in cells:
        region = left[top + inset: bottom - inset, x0 + inset: x1 - inset]
        if region.size == 0 or not region.any():
            continue
        for a, b in spans(region.any(axis=1), max_gap=1):
            if not 0.35 * size <= b - a <= 1.6 * size:
                continue  # a speck or a stroke, not a line of text
            for c, d in spans(region[a:b].any(axis=0), max_gap=int(0.4 * size)):
                if d - c >= 0.1 * size:
                    found.append((x0 + inset + c, top + inset + a, x0 + inset + d, top + inset + b))
    return found


def read_cells(clean: np.ndarray, cells: list[Box], lang: str, dpi: int, first_line: int) -> list[Reading]:
    """Every table cell's text, each cell read as a block of its own: the cells are cut out,
    stacked one under another with white between them and read as a single block (psm 6),
    each line mapped back to its cell. Read as a page, a table's cells side by side become
    lines running across columns whose rows do not align, and short values in narrow cells
    come out garbled («ыменее 300» for «не менее 300»): on scanned task tables a third fewer
    words are misread this way. Line numbers start at ``first_line``."""
    gap = int(CELL_GAP_INCHES * dpi)
    inked = [(x0, top, x1, bottom) for x0, top, x1, bottom in cells
             if bottom > top and x1 > x0 and (clean[top:bottom, x0:x1] < DARK).any()]
    readings: list[Reading] = []
    batch: list[Box] = []
    height = gap
    for index, cell in enumerate(inked):
        batch.append(cell)
        height += cell[3] - cell[1] + gap
        following = inked[index + 1][3] - inked[index + 1][1] + gap if index + 1 < len(inked) else None
        if following is None or height + following > MAX_STRIP_PIXELS:
            readings += _read_stacked(clean, batch, lang, dpi, gap,
                                      max((r.line for r in readings), default=first_line - 1) + 1)
            batch, height = [], gap
    return readings


def _read_stacked(clean: np.ndarray, cells: list[Box], lang: str, dpi: int, gap: int,
                  first_line: int) -> list[Reading]:
    """One tesseract call on ``cells`` stacked; readings placed back on the page."""
    import pytesseract
    from PIL import Image

    height = sum(bottom - top for _, top, _, bottom in cells) + gap * (len(cells) + 1)
    width = max(x1 - x0 for x0, _, x1, _ in cells) + 2 * gap
    strip = np.full((height, width), 255, dtype=np.uint8)
    placed: list[int] = []  # where each cell starts on the strip
    y = gap
    for x0, top, x1, bottom in cells:
        strip[y: y + bottom - top, gap: gap + x1 - x0] = clean[top:bottom, x0:x1]
        placed.append(y)
        y += bottom - top + gap
    hocr = pytesseract.image_to_pdf_or_hocr(Image.fromarray(strip), lang=lang, extension="hocr",
                                            config=f"--dpi {dpi} --psm 6")
    readings, _ = parse_hocr(hocr)
    for reading in readings:
        middle = (reading.box[1] + reading.box[3]) / 2
        index = max(0, bisect.bisect_right(placed, middle) - 1)
        dx, dy = cells[index][0] - gap, cells[index][1] - placed[index]
        left, upper, right, lower = reading.box
        reading.box = (left + dx, upper + dy, right + dx, lower + dy)
        reading.line_baseline += dy
        reading.line += first_line
    return readings


def lone_dashes(ink: np.ndarray, words: list[dict[str, Any]], cells: list[Box], size: float) -> list[Reading]:
    """A dash alone in a cell («-»: nothing to report), which no reading took: too flat for a
    line of text, it is dropped by tesseract's layout and by the second look alike. A cell
    with no word in it whose only ink is one flat, dash-wide mark holds a dash."""
    inset = _cell_inset(size)
    found: list[Reading] = []
    for x0, top, x1, bottom in cells:
        if any(w["x0"] < x1 and w["x1"] > x0 and w["top"] < bottom and w["bottom"] > top for w in words):
            continue
        region = ink[top + inset: bottom - inset, x0 + inset: x1 - inset]
        if region.size == 0 or not region.any():
            continue
        rows = spans(np.asarray(region.any(axis=1)), max_gap=1)
        cols = spans(np.asarray(region.any(axis=0)), max_gap=1)
        if len(rows) != 1 or len(cols) != 1:
            continue
        (a, b), (c, d) = rows[0], cols[0]
        if b - a <= FLAT_MARK * size and d - c >= MIN_DASH_WIDTH * size:
            box = (float(x0 + inset + c), float(top + inset + a), float(x0 + inset + d), float(top + inset + b))
            # A dash stands a third of the way up the small letters: the baseline is below it.
            found.append(Reading("-", box, LONE_DASH_CONFIDENCE, -10_000 - len(found), box[3] + DASH_HEIGHT * size))
    return found


def _characters(hocr: bytes) -> list[tuple[str, float, float, float]]:
    """(letter, x0, x1, confidence) of every character in hOCR made with hocr_char_boxes."""
    root = etree.fromstring(hocr, HOCR_PARSER)
    found = []
    for span in root.iter("{*}span") if root is not None else ():
        if span.get("class") == "ocrx_cinfo" and span.text:
            info = hocr_title(span)
            x0, _, x1, _ = hocr_numbers(info.get("x_bboxes", "0 0 0 0"))
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


def read_missed(gray: np.ndarray, ink: np.ndarray, boxes: list[Box], size: float, lang: str,
                dpi: int) -> list[Reading]:
    """The missed boxes read: the text-like readings a confident second look gives."""
    readings: list[Reading] = []
    for (x0, top, x1, bottom), found in zip(boxes, read_boxes(gray, boxes, size, lang, dpi), strict=True):
        if found is None or not regex.search(r"[\p{L}\p{N}]", found[0]) or found[1] < MIN_RECOVERED_CONFIDENCE:
            continue
        readings.append(Reading(found[0], (float(x0), float(top), float(x1), float(bottom)), found[1],
                                 -1 - len(readings), float(bottom)))
    measure_baselines(readings, ink, size)
    return readings


_LINK_LIKE = regex.compile(r"[:/]{2}|\.(?:com|сот|сом|kz|кz|ru|be|бе)\b|www|[?=_@$<>]", regex.IGNORECASE)
_LINK = regex.compile(rf"^(?:https?:/|www\.)|\.(?:{LINK_DOMAINS})\b", regex.IGNORECASE)
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


def second_opinion(gray: np.ndarray, readings: list[Reading], size: float, dpi: int) -> None:
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


def whole_links(gray: np.ndarray, readings: list[Reading], size: float, dpi: int) -> list[Reading]:
    """A link the Cyrillic models cut into words («һЕрс://муум/» «іп<бадгат.»: its dots read
    as word breaks) is read again in English as one piece, from its start to the end of its
    line's run of words, and so is each line it goes on to in a narrow column («сот/р/СОрі
    7vXoR3e/»). An English reading with no space in it is the link (a continuation: with a
    slash in it), and the pieces give way to it; links have no spaces, so a reading with one
    is left to the word-by-word second opinion."""
    if SECOND_OPINION not in tesseract_languages():
        return readings
    starts = [i for i, r in enumerate(readings) if "//" in r.text or _LINK.search(r.text)]
    dropped: set[int] = set()
    for line_of_link in range(MAX_LINK_LINES):
        runs = [_run_from(readings, i, size) for i in starts]
        fixed = _read_links(gray, readings, runs, size, dpi, continuation=line_of_link > 0)
        for run in fixed:
            dropped.update(run[1:])
        # The next line of a link that was read whole may go on with it.
        starts = [run[-1] + 1 for run in fixed
                  if run[-1] + 1 < len(readings) and readings[run[-1] + 1].line != readings[run[0]].line]
        if not starts:
            break
    return [r for j, r in enumerate(readings) if j not in dropped]


def _run_from(readings: list[Reading], i: int, size: float) -> list[int]:
    """``i`` and the readings after it on its line, each close to the one before."""
    run = [i]
    while (run[-1] + 1 < len(readings) and readings[run[-1] + 1].line == readings[i].line
           and readings[run[-1] + 1].box[0] - readings[run[-1]].box[2] < LINK_PIECE_GAP * size):
        run.append(run[-1] + 1)
    return run


def _read_links(gray: np.ndarray, readings: list[Reading], runs: list[list[int]], size: float, dpi: int,
                continuation: bool) -> list[list[int]]:
    """Each run read in English as one box; the runs that read as a link (a continuation:
    with a slash) take that reading on their first word. Returns those runs."""
    height, width = gray.shape
    boxes = []
    for run in runs:
        x0, top = min(readings[j].box[0] for j in run), min(readings[j].box[1] for j in run)
        x1, bottom = max(readings[j].box[2] for j in run), max(readings[j].box[3] for j in run)
        boxes.append((max(0, int(x0) - 2), max(0, int(top) - 2), min(width, int(x1) + 2), min(height, int(bottom) + 2)))
    fixed = []
    for run, box, found in zip(runs, boxes, read_boxes(gray, boxes, size, SECOND_OPINION, dpi), strict=True):
        if found is None:
            continue
        text = found[0].strip()
        if not text or " " in text or not _LINK_TAIL.fullmatch(text) or (continuation and "/" not in text):
            continue
        if len(run) == 1 and not continuation:
            continue  # one word: the second opinion reads it
        first = readings[run[0]]
        first.text, first.conf = text, found[1]
        first.box = (float(box[0] + 2), float(box[1] + 2), float(box[2] - 2), float(box[3] - 2))
        fixed.append(run)
    return fixed


# Pieces of one link on a line lie closer than this (in the line's size): a dot read as a
# word break leaves a gap of a third of the size.
LINK_PIECE_GAP = 0.6
MAX_LINK_LINES = 4  # a link in the narrowest column runs over this many lines at most

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
    tables = scanned_tables(page, [rule_in_points(r, scale) for r in horizontal],
                            [rule_in_points(r, scale) for r in vertical])
    cells = [
        (int(x0 / scale), int(top / scale), int(x1 / scale), int(bottom / scale))
        for table in tables for row in table.rows for cell in row.cells if cell is not None
        for x0, top, x1, bottom in [cell]
    ]
    # The page's text outside its tables, read with tesseract's page layout; the cells are
    # read one by one (see read_cells), so they are blanked here.
    # Paper lighter than ink is made white: on a page whose tables are blanked, tesseract's
    # threshold, set for a page of little ink, would take a scan's speckle for letters.
    outside = np.where(clean < DARK, clean, 255).astype(np.uint8)
    for x0, top, x1, bottom in cells:
        outside[top:bottom, x0:x1] = 255
    hocr = pytesseract.image_to_pdf_or_hocr(Image.fromarray(outside), lang=lang, extension="hocr",
                                            config=f"--dpi {dpi} --psm 3")
    readings, _ = parse_hocr(hocr)
    readings += read_cells(clean, cells, lang, dpi, first_line=max((r.line for r in readings), default=0) + 1)
    sizes = [r.line_size for r in readings if r.line_size > 0]
    size = float(np.median(sizes)) if sizes else 0.0
    readings = whole_links(clean, readings, size, dpi)
    second_opinion(clean, readings, size, dpi)
    ink = clean < DARK
    measure_baselines(readings, ink, size)
    between = tall_letters_from(readings)  # the page's small letters from its capitals
    if between is not None:
        mend_letter_case(readings, between)
        mend_marks_above(readings, ink, between)
    mend_dashes(readings, ink, size)
    digits_by_the_page_font(readings, ink)
    restore_spaces(readings, ink, size)
    words = place_words(readings, cells, size)
    if cells and words:
        missed = read_missed(clean, ink, missed_ink(ink, words, cells, size), size, lang, dpi)
        dashes = lone_dashes(ink, words, cells, size)
        mend_dashes(dashes, ink, size)
        words += [w for w in place_words(missed + dashes, [], size) if not _already_read(w, words, size)]
    return OcrPage(words=[_in_points(w, scale) for w in words], tables=tables)
