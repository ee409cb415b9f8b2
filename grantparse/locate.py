"""Find the form's parts by their labels — fuzzily, on folded text, never by position.

Other reports move sections around, add a «№» column, split a table over pages or put
the header in a table; everything here asks "which block *says* it is X?".
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import regex
from rapidfuzz import fuzz, process

from grantparse import labels
from grantparse.normalise import fold, normalise
from grantparse.readers.document import Document, Paragraph, Table

LABEL_THRESHOLD = 82.0


@functools.lru_cache(maxsize=8192)
def squash(text: str | None) -> str:
    """Folded text without spaces: PDF extraction splits and joins words unpredictably."""
    return fold(text).replace(" ", "")


_NUMBERING = regex.compile(r"^\s*(?:\d{1,2}[.)]|[-–•*])\s*")


# Labels are at most ~125 letters. A text is compared by its first _HEAD characters: a label
# can only *begin* a longer text, and no ratio against a label can reach LABEL_THRESHOLD
# once the text is more than half again as long — so folding the rest is wasted work.
_HEAD = 320


@functools.lru_cache(maxsize=16384)
def _body(text: str | None) -> str:
    """What a text is compared as: normalised, list numbering dropped, squashed (its head)."""
    return squash(str(_NUMBERING.sub("", normalise(text[:_HEAD] if text else text))))


@functools.lru_cache(maxsize=1024)
def _targets(candidates: tuple[str, ...]) -> tuple[str, ...]:
    """The labels squashed once per label set (sets are module constants, so few)."""
    return tuple(squash(label) for label in candidates)


def prepare() -> None:
    """Squash every label of the form ahead of time. A worker forked after this inherits
    them; without it each worker would squash the labels again for its one file."""
    for value in vars(labels).values():
        sets = value.values() if isinstance(value, dict) else [value]
        for labs in sets:
            if isinstance(labs, list | tuple) and labs and all(isinstance(x, str) for x in labs):
                _targets(tuple(labs))
    _signatures()


def label_score(text: str | None, candidates: Iterable[str]) -> float:
    """How well ``text`` *is* one of the labels (0–100)."""
    body = _body(text)
    if not body:
        return 0.0
    best = process.extractOne(body, _targets(tuple(candidates)), scorer=fuzz.ratio)
    return float(best[1]) if best else 0.0


def prefix_score(text: str | None, candidates: Iterable[str], cutoff: float = 0.0) -> float:
    """How well ``text`` *starts with* one of the labels (0–100); 0 below ``cutoff``
    (callers that only compare against a threshold pass it, and short texts are skipped)."""
    body = _body(text)
    best = 0.0
    if not body:
        return best
    # ratio(a, t) ≥ c needs len(a) ≥ c/(200 − c)·len(t): 2·len(a) / (len(a) + len(t)) bounds it.
    shortest = cutoff / (200.0 - cutoff)
    for target in _targets(tuple(candidates)):
        n = len(target)
        if target and len(body) >= shortest * n:
            best = max(best, fuzz.ratio(body[: n + 2], target, score_cutoff=cutoff),
                       fuzz.ratio(body[:n], target, score_cutoff=cutoff))
    return best


def _column_best(bodies: list[str], groups: dict[int, list[tuple[int, str]]], columns: int) -> np.ndarray:
    """For texts × label sets: the best ratio of each body (cut to the group's length; 0 for
    no cut) against the targets of each set, one rapidfuzz ``cdist`` call per group."""
    best = np.zeros((len(bodies), columns))
    for cut, pairs in groups.items():
        heads = [body[:cut] for body in bodies] if cut else bodies
        scores = process.cdist(heads, [t for _, t in pairs], scorer=fuzz.ratio)
        for j, (column, _) in enumerate(pairs):
            best[:, column] = np.maximum(best[:, column], scores[:, j])
    best[[i for i, body in enumerate(bodies) if not body], :] = 0.0
    return best


def label_scores(texts: Sequence[str], label_sets: Sequence[Sequence[str]]) -> np.ndarray:
    """:func:`label_score` of every text against every label set, as a matrix (one ``cdist``)."""
    whole = [(column, t) for column, labs in enumerate(label_sets) for t in _targets(tuple(labs)) if t]
    return _column_best([_body(text) for text in texts], {0: whole} if whole else {}, len(label_sets))


def prefix_scores(texts: Sequence[str], label_sets: Sequence[Sequence[str]]) -> np.ndarray:
    """:func:`prefix_score` of every text against every label set, as a matrix — in one
    rapidfuzz ``cdist`` call per label length instead of one call per pair."""
    by_cut: dict[int, list[tuple[int, str]]] = {}
    for column, labs in enumerate(label_sets):
        for target in _targets(tuple(labs)):
            if target:
                for cut in (len(target), len(target) + 2):
                    by_cut.setdefault(cut, []).append((column, target))
    return _column_best([_body(text) for text in texts], by_cut, len(label_sets))


# A text whose start is not even half like a label cannot split into one: a prefix scoring
# 82 keeps the start above 50 whatever the cut (most texts stop at this cheap test).
SPLIT_GUARD = 50.0


def split_label(text: str, candidates: Sequence[str], guarded: bool = False) -> tuple[float, str] | None:
    """Split «Label: value» into (score, value) when ``text`` starts with a label.

    Tries every colon first (the usual separator; values may hold colons too, as in
    «тел: 8702…»), then falls back to cutting after as many words as the label has.
    ``guarded``: the caller has already seen the text's prefix score reach SPLIT_GUARD.
    """
    if not guarded and not prefix_score(text, candidates, SPLIT_GUARD):
        return None
    text = normalise(text)
    body = str(_NUMBERING.sub("", text))
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
    # The first k words, squashed, are the squashed text cut where word k ends (squashing
    # works letter by letter): one slice per cut instead of one normalisation.
    ends = list(itertools.accumulate(len(squash(word)) for word in words))
    squashed = squash(" ".join(words))
    for label, target in zip(candidates, _targets(tuple(candidates)), strict=True):
        n = len(label.split())
        for k in range(max(1, n - 2), min(len(words), n + 2) + 1):
            head = squashed[: ends[k - 1]]
            score = fuzz.ratio(head, target) if head and target else 0.0
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


@dataclass(frozen=True)
class _Signature:
    """The label sets that say a table is of one kind, and how many of them must be there."""

    kind: str
    label_sets: tuple[tuple[str, ...], ...]
    needed: int
    prefix: bool = False  # the label only begins the cell («Label (unit)», «Label: value»)


@functools.lru_cache(maxsize=1)
def _signatures() -> tuple[_Signature, ...]:
    def sets(values: Iterable[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(v) for v in values)

    return (
        _Signature("tasks", sets(v for k, v in labels.TASK_COLUMNS.items() if k != "number"), 5),
        _Signature("socio", sets(labels.SOCIO_ROWS.values()), 4, prefix=True),
        _Signature("gender", sets([labels.GENDER["male"], labels.GENDER["female"]]), 2),
        _Signature("categories", sets(v for k, v in labels.CATEGORIES.items() if k != "total"), 4),
        _Signature("age", sets(v for k, v in labels.AGE.items() if k != "total"), 4),
        _Signature("partners", sets(labels.PARTNER_COLUMNS.values()), 3),
        _Signature("header", sets(labels.HEADER_FIELDS.values()), 3, prefix=True),
        _Signature("goal", sets([labels.GOAL, labels.ACHIEVED]), 1, prefix=True),
    )


def _sets_found(bodies: list[str], label_sets: Sequence[tuple[str, ...]], prefix: bool) -> int:
    """How many label sets have a label among ``bodies`` (score ≥ LABEL_THRESHOLD).

    Whole-text labels go through one rapidfuzz ``cdist`` call; prefix labels are tried pair
    by pair, skipping bodies too short to reach the threshold whatever their letters.
    """
    flat = [(i, t) for i, labs in enumerate(label_sets) for t in _targets(labs) if t]
    if not flat or not bodies:
        return 0
    hit = [False] * len(label_sets)
    if prefix:
        shortest = LABEL_THRESHOLD / (200.0 - LABEL_THRESHOLD)  # as in prefix_score, inlined for speed
        for i, target in flat:
            n = len(target)
            hit[i] = hit[i] or any(
                fuzz.ratio(body[: n + 2], target, score_cutoff=LABEL_THRESHOLD)
                or fuzz.ratio(body[:n], target, score_cutoff=LABEL_THRESHOLD)
                for body in bodies if len(body) >= shortest * n
            )
    else:
        matrix = process.cdist(bodies, [t for _, t in flat], scorer=fuzz.ratio)
        for column, (i, _) in zip(matrix.max(axis=0), flat, strict=True):
            hit[i] = hit[i] or float(column) >= LABEL_THRESHOLD
    return sum(hit)


def classify_table(table: Table) -> str | None:
    """Which part of the form a table is, from the labels in its first rows/column."""
    bodies = [_body(t) for t in _cells_text(table)]
    scores: dict[str, float] = {}
    for signature in _signatures():
        scores[signature.kind] = _sets_found(bodies, signature.label_sets, signature.prefix) / signature.needed
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
    paragraphs = [b for b in document.blocks[start:] if isinstance(b, Paragraph) and b.text.strip()]
    best: tuple[float, Paragraph] | None = None
    scores = prefix_scores([p.text for p in paragraphs], [candidates])[:, 0].tolist()
    for score, block in zip(scores, paragraphs, strict=True):
        if score >= LABEL_THRESHOLD and (best is None or score > best[0] + 5):
            best = (score, block)
            if score >= 95:
                break
    return best[1] if best else None


@functools.lru_cache(maxsize=16384)
def any_label_score(text: str) -> float:
    """How much a paragraph looks like *some* label of the form (to stop free-text runs);
    0 when it is not one (below LABEL_THRESHOLD)."""
    sets = list(labels.PARAGRAPHS.values()) + list(labels.HEADER_FIELDS.values())
    return max(prefix_score(text, s, LABEL_THRESHOLD) for s in sets)


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


prepare()  # at import: every worker process forked later starts with the labels squashed
