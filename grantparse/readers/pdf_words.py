"""Words from a PDF page's characters, whoever produced the file.

Producers write text very differently: LibreOffice one run per line with real space glyphs,
Chromium many short runs and no space glyphs, a fallback font for the letters the first
font lacks («Қ», «ң» drawn after the rest of the word). So words are built from positions,
not from the content stream:

* characters are assigned to the table cell their centre falls in *before* words are
  formed, so a word never runs over a column rule («и» at the end of one cell glued to
  «12.05.2023» at the start of the next);
* inside a cell (or outside every table) characters are grouped into lines by vertical
  overlap and ordered left to right;
* a word ends at a space glyph or at a gap wider than :data:`WORD_GAP_EM` of the font size —
  measured against the font, not a fixed tolerance, so an 8 pt cell and a 14 pt title are
  split alike, and a change of font inside a word is no gap.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from pdfplumber.utils.text import extract_words

# A space is about a quarter to a third of an em wide; letters of one word sit closer than a
# fifth of an em even when a fallback font supplies some of them (measured on LibreOffice and
# Chromium PDFs of this form).
WORD_GAP_EM = 0.2
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "ft", "ﬆ": "st"}

Char = dict[str, Any]
Word = dict[str, Any]


# A letter may stick out of its cell by a hair (a word wider than a narrow column, a table
# pushed past the page edge): it still belongs to the cell it touches within this margin.
EDGE_SLACK = 3.0


def assign(chars: Sequence[Char], boxes: Sequence[Sequence[float]]) -> list[int]:
    """For each character, the index of the box its centre lies in (-1: none), the smallest
    box when boxes nest; a character just outside every box goes to the box it sticks out of."""
    if not chars or not boxes:
        return [-1] * len(chars)
    cx = np.array([(float(c["x0"]) + float(c["x1"])) / 2 for c in chars])[:, None]
    cy = np.array([(float(c["top"]) + float(c["bottom"])) / 2 for c in chars])[:, None]
    b = np.array(boxes, dtype=float)
    area = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    found = np.full(len(chars), -1)
    for slack in (0.0, EDGE_SLACK):
        inside = (cx >= b[:, 0] - slack) & (cx <= b[:, 2] + slack) & (cy >= b[:, 1] - slack / 3) \
            & (cy <= b[:, 3] + slack / 3)
        best = np.where(inside, area[None, :], np.inf).argmin(axis=1)
        hit = inside[np.arange(len(chars)), best] & (found < 0)
        found[hit] = best[hit]
    return [int(i) for i in found]


def assign_overflow(chars: Sequence[Char], boxes: Sequence[Sequence[float]], found: list[int]) -> list[int]:
    """``found`` (from :func:`assign` on one table's cells) with the characters in no cell
    given to the nearest cell above them that they stand under: a browser paints the last line
    of a cell merged down that a page cut below its box, where no cell of the grid is (the rows
    it spanned were sized before it broke its text)."""
    out = list(found)
    for i, char in enumerate(chars):
        if out[i] >= 0:
            continue
        cx = (float(char["x0"]) + float(char["x1"])) / 2
        top = float(char["top"])
        above = [(abs(top - float(box[3])), k) for k, box in enumerate(boxes)
                 if float(box[0]) <= cx <= float(box[2]) and float(box[1]) < top <= float(box[3]) + OVERFLOW_REACH]
        if above:
            out[i] = min(above)[1]
    return out


# A line painted under its cell starts within this many points of the cell's foot.
OVERFLOW_REACH = 3.0


def _baseline(char: Char) -> float:
    """Where the character sits (top-down), from its text matrix when the file gives one."""
    matrix = char.get("matrix")
    if matrix is not None and char.get("upright", True) and "y1" in char and "bottom" in char:
        # pdfminer's y values run bottom-up; top-down = bottom + (y0 - baseline)
        return float(char["bottom"]) - (float(matrix[5]) - float(char["y0"]))
    return float(char["bottom"])


# Letters of one line share a baseline to within this share of the font size (superscripts
# and a fallback font's slightly different metrics stay inside it); two lines never do.
BASELINE_TOLERANCE = 0.3


def _lines(chars: Sequence[Char]) -> list[list[Char]]:
    lines: list[list[Char]] = []
    bases: list[float] = []
    for char in sorted(chars, key=lambda c: (_baseline(c), float(c["x0"]))):
        base = _baseline(char)
        size = float(char.get("size") or 0.0) or (float(char["bottom"]) - float(char["top"])) or 10.0
        if bases and abs(base - bases[-1]) <= BASELINE_TOLERANCE * size:
            lines[-1].append(char)
            continue
        lines.append([char])
        bases.append(base)
    out: list[list[Char]] = []
    for line in lines:
        out.extend(_layers(sorted(line, key=lambda c: float(c["x0"]))))
    return out


# Letters of one run of text share their baseline to a few hundredths of a point.
SAME_BASELINE = 0.3
# Letters of one line never overlap by more than this share of the narrower one (kerning);
# a full stop or a comma is kerned deeper under the letter before it («г.» in Chromium's
# PDFs overlaps by 0.44).
OVERLAP_SHARE = 0.4
PUNCTUATION_OVERLAP_SHARE = 0.75
_TUCKED = frozenset(".,;:")


def _layers(line: list[Char]) -> list[list[Char]]:
    """A line whose letters overlap is two lines drawn over each other — text a table cell
    clipped (LibreOffice draws a row's hidden last line under the next row's first): each
    letter goes to the first layer it does not overlap."""
    layers: list[list[Char]] = []
    for char in line:
        x0, x1 = float(char["x0"]), float(char["x1"])
        share = PUNCTUATION_OVERLAP_SHARE if str(char["text"]) in _TUCKED else OVERLAP_SHARE
        fits = [layer for layer in layers
                if float(layer[-1]["x1"]) - x0 <= share * min(x1 - x0, float(layer[-1]["x1"]) - float(layer[-1]["x0"]))]
        if fits:  # the layer on this letter's own baseline, else whose last letter ends nearest it
            base = _baseline(char)
            min(fits, key=lambda layer: (abs(_baseline(layer[-1]) - base) > SAME_BASELINE,
                                         abs(x0 - float(layer[-1]["x1"])))).append(char)
        else:
            layers.append([char])
    return layers


def _word(chars: list[Char]) -> Word:
    text = "".join(_LIGATURES.get(str(c["text"]), str(c["text"])) for c in chars)
    return {"text": text, "x0": min(float(c["x0"]) for c in chars), "x1": max(float(c["x1"]) for c in chars),
            "top": min(float(c["top"]) for c in chars), "bottom": max(float(c["bottom"]) for c in chars),
            "size": float(chars[0].get("size") or 0.0) or None, "font": chars[0].get("fontname"),
            # the middle letter's: letters of a word share a baseline (np.median is slow on a
            # handful of values, and this runs for every word of a document)
            "baseline": sorted(_baseline(c) for c in chars)[len(chars) // 2]}


def words_of(chars: Sequence[Char]) -> list[Word]:
    """The words of one cell's (or the loose text's) characters, in reading order."""
    if any(not c.get("upright", True) for c in chars):  # turned text: pdfplumber knows its directions
        return list(extract_words(list(chars), extra_attrs=["size"]))
    words: list[Word] = []
    for line in _lines(chars):
        current: list[Char] = []
        for char in line:
            if not str(char["text"]).strip():
                if current:
                    words.append(_word(current))
                current = []
                continue
            if current:
                previous = current[-1]
                size = max(float(previous.get("size") or 0.0), float(char.get("size") or 0.0)) or 10.0
                if float(char["x0"]) - float(previous["x1"]) > WORD_GAP_EM * size:
                    words.append(_word(current))
                    current = []
            current.append(char)
        if current:
            words.append(_word(current))
    return words


# A browser paints a table line that a page break cuts through on both pages, each copy
# clipped to its own page: the next page keeps only the glyphs that reach past the cut (the
# descenders of «р», «у»), at the very x they had on the page before. Matched to this much
# of a point (both copies come from one text run).
SAME_X = 0.3


def lines_across(chars: Sequence[Char], edges: Sequence[float]) -> list[list[Char]]:
    """The letters a table's bottom edge runs through (the page cut them), by lines."""
    crossed = [c for c in chars if str(c["text"]).strip()
               and any(float(c["top"]) < edge < float(c["bottom"]) for edge in edges)]
    return _lines(crossed) if crossed else []


def cut_line_remnants(chars: Sequence[Char], cut: Sequence[Sequence[Char]]) -> set[int]:
    """Indexes of the characters that are pieces of a line the last page's foot cut through
    (``cut``: :func:`lines_across` of that page): the page's first lines, while their letters
    all repeat, at the same x, some but not all of one cut line's."""
    if not cut:
        return set()
    shown = [i for i, c in enumerate(chars) if str(c["text"]).strip()]
    index = {id(chars[i]): i for i in shown}
    drop: set[int] = set()
    for line in sorted(_lines([chars[i] for i in shown]), key=lambda line: min(float(c["top"]) for c in line)):
        if not any(len(line) < len(whole) and all(
                any(o["text"] == c["text"] and abs(float(o["x0"]) - float(c["x0"])) <= SAME_X for o in whole)
                for c in line) for whole in cut):
            break
        drop.update(index[id(c)] for c in line)
    return drop
