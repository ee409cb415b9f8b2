"""Find the form's parts by their labels — fuzzily, on folded text, never by position.

Other reports move sections around, add a «№» column, split a table over pages or put
the header in a table; everything here asks "which block *says* it is X?".
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from grantparse import labels
from grantparse.normalise import fold, normalise
from grantparse.readers.document import Document, Paragraph

LABEL_THRESHOLD = 82.0


@functools.lru_cache(maxsize=8192)
def squash(text: str | None) -> str:
    """Folded text without spaces: PDF extraction splits and joins words unpredictably."""
    return fold(text).replace(" ", "")


_NUMBERING = re.compile(r"^\s*(?:\d{1,2}[.)]|[-–•*])\s*")  # the standard re: simpler, faster here


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


def _whole_matrix(bodies: list[str], label_sets: Sequence[Sequence[str]], cutoff: float) -> np.ndarray:
    """For bodies × label sets: the best ratio of each body against the set's labels, 0
    below ``cutoff`` (one rapidfuzz ``cdist`` call for all of them).

    ratio(a, t) ≥ c needs len(a) ≤ (200 − c)/c · len(t): a body longer than that for the
    longest label cannot reach the cutoff and is not compared at all (free text is).
    """
    best = np.zeros((len(bodies), len(label_sets)))
    flat = [(column, t) for column, labs in enumerate(label_sets) for t in _targets(tuple(labs)) if t]
    longest = max((len(t) for _, t in flat), default=0) * (200.0 - cutoff) / max(cutoff, 1e-9)
    rows = [i for i, body in enumerate(bodies) if body and len(body) <= longest]
    if not flat or not rows:
        return best
    scores = process.cdist([bodies[i] for i in rows], [t for _, t in flat], scorer=fuzz.ratio, score_cutoff=cutoff)
    # A set's labels are neighbours in ``flat``: the best of each run of columns at once.
    columns = [column for column, _ in flat]
    starts = [j for j, column in enumerate(columns) if j == 0 or column != columns[j - 1]]
    best[np.ix_(rows, [columns[j] for j in starts])] = np.maximum.reduceat(scores, starts, axis=1)
    return best


def _length_buckets(targets: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Targets grouped by length, the longest of a group at most twice the shortest: few
    groups (each ``cdist`` call converts every body again), bounds still tight enough."""
    buckets: list[list[tuple[int, str]]] = []
    for pair in sorted(targets, key=lambda p: len(p[1])):
        if buckets and len(pair[1]) <= 2 * len(buckets[-1][0][1]) + 2:
            buckets[-1].append(pair)
        else:
            buckets.append([pair])
    return buckets


def _prefix_matrix(bodies: list[str], label_sets: Sequence[Sequence[str]], cutoff: float) -> np.ndarray:
    """For bodies × label sets: the best :func:`prefix_score` of each body against the set's
    labels, 0 below ``cutoff`` — exactly, but without comparing every pair in Python.

    A body is compared to a label of length n by its first n and n + 2 letters. For a group
    of labels of similar length, one ``cdist`` call compares every body cut at the group's
    longest cut C. Cutting at n ≤ C instead can only lose common letters, so with c = the
    body's length up to C and m its length up to n, the ratio at n is at most s·(c + n)/(m + n)
    for the ratio s at C. Only the pairs whose bound reaches ``cutoff`` are computed exactly
    (a few per document: unrelated texts score far below).
    """
    best = np.zeros((len(bodies), len(label_sets)))
    flat = [(column, t) for column, labs in enumerate(label_sets) for t in _targets(tuple(labs)) if t]
    if not flat or not bodies:
        return best
    lengths = np.array([len(body) for body in bodies], dtype=float)[:, None]
    for bucket in _length_buckets(flat):
        cut = len(bucket[-1][1]) + 2
        scores = process.cdist([body[:cut] for body in bodies], [t for _, t in bucket], scorer=fuzz.ratio)
        n = np.array([len(t) for _, t in bucket], dtype=float)[None, :]
        bound = scores * (np.minimum(lengths, cut) + n) / (np.minimum(lengths, n) + n)
        for i, j in zip(*np.nonzero(bound >= cutoff - 0.01), strict=True):  # float32 scores
            column, target = bucket[j]
            body, width = bodies[i], len(target)
            score = max(fuzz.ratio(body[: width + 2], target, score_cutoff=cutoff),
                        fuzz.ratio(body[:width], target, score_cutoff=cutoff))
            best[i, column] = max(best[i, column], score)
    return best


def label_scores(texts: Sequence[str], label_sets: Sequence[Sequence[str]],
                 cutoff: float = LABEL_THRESHOLD) -> np.ndarray:
    """:func:`label_score` of every text against every label set, as a matrix (one ``cdist``);
    scores below ``cutoff`` are 0."""
    return _whole_matrix([_body(text) for text in texts], label_sets, cutoff)


def prefix_scores(texts: Sequence[str], label_sets: Sequence[Sequence[str]],
                  cutoff: float = LABEL_THRESHOLD) -> np.ndarray:
    """:func:`prefix_score` of every text against every label set, as a matrix; scores
    below ``cutoff`` are 0 (what makes it fast: see :func:`_prefix_matrix`)."""
    return _prefix_matrix([_body(text) for text in texts], label_sets, cutoff)


# How much lower a label ending at an earlier colon may score and still be preferred.
COLON_SLACK = 6.0

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
    scored: list[tuple[float, str]] = []
    while colon != -1:
        score = label_score(body[:colon], candidates)
        if score >= LABEL_THRESHOLD:
            scored.append((score, body[colon + 1:].strip()))
        colon = body.find(":", colon + 1)
    at_colon: tuple[float, str] | None = None
    if scored:
        # The first colon that ends the label about as well as any: a value may hold colons of
        # its own («Жасыл аула»: …), and a label cut there can still score nearly as high.
        top = max(score for score, _ in scored)
        at_colon = next(pair for pair in scored if pair[0] >= top - COLON_SLACK)
        if at_colon[0] >= 100.0:
            return at_colon
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
    # A label written without its colon, and a colon inside the value: the cut after the
    # label's words is then clearly better than the cut at that colon.
    if at_colon is not None and (best is None or best[0] <= at_colon[0] + COLON_SLACK):
        return at_colon
    return best


# --------------------------------------------------------------------------- paragraphs


@dataclass
class _ParagraphScores:
    """A document's non-blank paragraphs scored once against every paragraph label set of
    the form (and the header fields', for telling a label line from a value line)."""

    paragraphs: list[Paragraph]
    by_set: dict[tuple[str, ...], list[float]]
    label_like: dict[int, bool]  # id(paragraph) → it begins with some label of the form


def _paragraph_label_sets() -> list[tuple[str, ...]]:
    """Every label a paragraph of the form can begin with: section headings, header fields."""
    return [tuple(labs) for labs in (*labels.PARAGRAPHS.values(), *labels.HEADER_FIELDS.values())]


def _paragraph_scores(document: Document) -> _ParagraphScores:
    found = document.memo.get("paragraph-scores")
    if found is None:
        paragraphs = [b for b in document.blocks if isinstance(b, Paragraph) and b.text.strip()]
        label_sets = _paragraph_label_sets()
        matrix = prefix_scores([p.text for p in paragraphs], label_sets)
        found = _ParagraphScores(
            paragraphs,
            {labs: matrix[:, j].tolist() for j, labs in enumerate(label_sets)},
            {id(p): bool(best >= LABEL_THRESHOLD) for p, best in zip(paragraphs, matrix.max(axis=1, initial=0.0),
                                                                       strict=True)},
        )
        document.memo["paragraph-scores"] = found
    assert isinstance(found, _ParagraphScores)
    return found


def find_paragraph(document: Document, candidates: Sequence[str], start: int = 0) -> Paragraph | None:
    """The first paragraph (from block ``start`` on) that begins with one of the labels."""
    scored = _paragraph_scores(document)
    paragraphs = scored.paragraphs
    scores = scored.by_set.get(tuple(candidates))
    if scores is None:  # not one of the form's paragraph labels
        scores = prefix_scores([p.text for p in paragraphs], [candidates])[:, 0].tolist()
    best: tuple[float, Paragraph] | None = None
    for score, block in zip(scores, paragraphs, strict=True):
        if block.index < start:
            continue
        if score >= LABEL_THRESHOLD and (best is None or score > best[0] + 5):
            best = (score, block)
            if score >= 95:
                break
    return best[1] if best else None


def looks_like_label(document: Document, paragraph: Paragraph) -> bool:
    """Does a paragraph of ``document`` begin with some label of the form (a section heading
    or a header field)? Such a line ends a run of free text, or is a field left blank."""
    scored = _paragraph_scores(document)
    known = scored.label_like.get(id(paragraph))
    if known is not None:
        return known
    return bool(prefix_scores([paragraph.text], _paragraph_label_sets()).max(initial=0.0) >= LABEL_THRESHOLD)


def text_after(document: Document, paragraph: Paragraph, value_on_line: str) -> str | None:
    """The free text that answers a label: what follows the colon, else the following
    paragraphs up to the next table or the next label of the form. A label run on into the
    next one (a PDF joins a heading at a page's foot with the next page's first line: «…
    обоснование отклонения от плана, если есть Заполните таблицу, …») has no value."""
    if value_on_line.strip():
        if prefix_scores([value_on_line], _paragraph_label_sets()).max(initial=0.0) >= LABEL_THRESHOLD:
            return None
        return normalise(value_on_line)
    parts: list[str] = []
    for block in document.blocks[paragraph.index + 1:]:
        if not isinstance(block, Paragraph):
            break
        if not block.text.strip():
            if parts:
                break
            continue
        if looks_like_label(document, block):
            break
        parts.append(block.text)
    text = normalise(" ".join(parts))
    return text or None


prepare()  # at import: every worker process forked later starts with the labels squashed
