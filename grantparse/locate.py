"""Find the form's parts by their labels — fuzzily, on folded text, never by position.

Other reports move sections around, add a «№» column, split a table over pages or put
the header in a table; everything here asks "which block *says* it is X?".
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import regex
from rapidfuzz import fuzz

from grantparse import labels
from grantparse.normalise import fold, normalise
from grantparse.readers.document import Document, Paragraph, Table

LABEL_THRESHOLD = 82.0


@functools.lru_cache(maxsize=8192)
def squash(text: str | None) -> str:
    """Folded text without spaces: PDF extraction splits and joins words unpredictably."""
    return fold(text).replace(" ", "")


_NUMBERING = regex.compile(r"^\s*(?:\d{1,2}[.)]|[-–•*])\s*")


def _strip_number(text: str) -> str:
    return str(_NUMBERING.sub("", text))


def label_score(text: str | None, candidates: Iterable[str]) -> float:
    """How well ``text`` *is* one of the labels (0–100)."""
    body = squash(_strip_number(normalise(text)))
    if not body:
        return 0.0
    best = 0.0
    for label in candidates:
        target = squash(label)
        if len(body) > 2 * len(target) + 8 or len(target) > 2 * len(body) + 8:
            continue  # too different in length to reach the threshold
        best = max(best, fuzz.ratio(body, target))
    return best


def prefix_score(text: str | None, candidates: Iterable[str]) -> float:
    """How well ``text`` *starts with* one of the labels (0–100)."""
    body = squash(_strip_number(normalise(text)))
    best = 0.0
    for label in candidates:
        target = squash(label)
        if not body or not target:
            continue
        head = body[: len(target) + 2]
        best = max(best, fuzz.ratio(head, target), fuzz.ratio(body[: len(target)], target))
    return best


def split_label(text: str, candidates: Sequence[str]) -> tuple[float, str] | None:
    """Split «Label: value» into (score, value) when ``text`` starts with a label.

    Tries every colon first (the usual separator; values may hold colons too, as in
    «тел: 8702…»), then falls back to cutting after as many words as the label has.
    """
    text = normalise(text)
    body = _strip_number(text)
    best: tuple[float, str] | None = None
    colon = body.find(":")
    while colon != -1:
        score = label_score(body[:colon], candidates)
        if score >= LABEL_THRESHOLD and (best is None or score > best[0]):
            best = (score, body[colon + 1:].strip())
        colon = body.find(":", colon + 1)
    if best:
        return best
    words = body.split()
    for label in candidates:
        n = len(label.split())
        for k in range(max(1, n - 2), min(len(words), n + 2) + 1):
            score = label_score(" ".join(words[:k]), [label])
            if score >= LABEL_THRESHOLD and (best is None or score > best[0]):
                best = (score, " ".join(words[k:]).strip(" :"))
    return best


# --------------------------------------------------------------------------- tables


TABLE_KINDS = ("header", "goal", "tasks", "socio", "gender", "categories", "age", "partners")


def _cells_text(table: Table, max_rows: int = 3, label_rows: int = 15) -> list[str]:
    """Texts that may be labels: the first rows (a header) and, for a table written
    label-per-row, the first two columns of its first rows."""
    texts: list[str] = []
    for row in table.rows[:max_rows]:
        texts.extend(c.text for c in row if c is not None and c.text)
    for row in table.rows[max_rows:label_rows]:
        texts.extend(c.text for c in row[:2] if c is not None and c.text)
    return texts


def _hits(texts: Sequence[str], label_sets: Iterable[Sequence[str]], prefix: bool = False) -> int:
    score = prefix_score if prefix else label_score
    return sum(1 for labs in label_sets if any(score(t, labs) >= LABEL_THRESHOLD for t in texts))


def classify_table(table: Table) -> str | None:
    """Which part of the form a table is, from the labels in its first rows/column."""
    texts = _cells_text(table)
    scores = {
        "tasks": _hits(texts, [v for k, v in labels.TASK_COLUMNS.items() if k != "number"]) / 5,
        "socio": _hits(texts, labels.SOCIO_ROWS.values(), prefix=True) / 4,
        "gender": _hits(texts, [labels.GENDER["male"], labels.GENDER["female"]]) / 2,
        "categories": _hits(texts, [v for k, v in labels.CATEGORIES.items() if k != "total"]) / 4,
        "age": _hits(texts, [v for k, v in labels.AGE.items() if k != "total"]) / 4,
        "partners": _hits(texts, labels.PARTNER_COLUMNS.values()) / 3,
        "header": _hits(texts, labels.HEADER_FIELDS.values(), prefix=True) / 3,
        "goal": _hits(texts, [labels.GOAL, labels.ACHIEVED], prefix=True) / 1,
    }
    kind, best = max(scores.items(), key=lambda kv: kv[1])
    return kind if best >= 1.0 else None


@dataclass
class Layout:
    """Where each part of the form was found in one document."""

    tables: dict[str, list[Table]] = field(default_factory=dict)

    def first(self, kind: str) -> Table | None:
        found = self.tables.get(kind)
        return found[0] if found else None


def _only_blank_between(document: Document, a: Table, b: Table) -> bool:
    return all(
        isinstance(block, Paragraph) and not block.text.strip()
        for block in document.blocks[a.index + 1: b.index]
    )


def locate_tables(document: Document) -> Layout:
    """Classify every table; an unlabelled table right after a task table with the same
    columns is its continuation (a page break the reader could not see) and is appended."""
    layout = Layout()
    previous: tuple[str | None, Table] | None = None
    for table in document.tables:
        kind = classify_table(table)
        if (
            kind is None
            and previous is not None
            and previous[0] == "tasks"
            and previous[1].n_cols == table.n_cols
            and _only_blank_between(document, previous[1], table)
        ):
            previous[1].rows.extend(table.rows)
            previous[1].page_break_before.extend([True] + [False] * (len(table.rows) - 1))
            continue
        if kind is not None:
            layout.tables.setdefault(kind, []).append(table)
        previous = (kind, table)
    return layout


# --------------------------------------------------------------------------- paragraphs


def find_paragraph(document: Document, candidates: Sequence[str], start: int = 0) -> Paragraph | None:
    """The first paragraph (from block ``start`` on) that begins with one of the labels."""
    best: tuple[float, Paragraph] | None = None
    for block in document.blocks[start:]:
        if not isinstance(block, Paragraph) or not block.text.strip():
            continue
        score = prefix_score(block.text, candidates)
        if score >= LABEL_THRESHOLD and (best is None or score > best[0] + 5):
            best = (score, block)
            if score >= 95:
                break
    return best[1] if best else None


def any_label_score(text: str) -> float:
    """How much a paragraph looks like *some* label of the form (to stop free-text runs)."""
    sets = list(labels.PARAGRAPHS.values()) + list(labels.HEADER_FIELDS.values())
    return max(prefix_score(text, s) for s in sets)


def text_after(document: Document, paragraph: Paragraph, value_on_line: str) -> str | None:
    """The free text that answers a label: what follows the colon, else the following
    paragraphs up to the next table or the next label of the form."""
    if value_on_line.strip():
        return normalise(value_on_line)
    parts: list[str] = []
    for block in document.blocks[paragraph.index + 1:]:
        if not isinstance(block, Paragraph):
            break
        if not block.text.strip():
            if parts:
                break
            continue
        if any_label_score(block.text) >= LABEL_THRESHOLD:
            break
        parts.append(block.text)
    text = normalise(" ".join(parts))
    return text or None
