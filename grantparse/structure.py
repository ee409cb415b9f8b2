"""The form's parts found in the reader's tables by their structure: row ranges, not tables.

A reader's table is not always one part of the form. A PDF draws the goal table touching the
task table as one ruled grid; LibreOffice saves two adjacent tables as one; an author types the
header fields, the goal and the task table into one big table, or breaks the task table into
one table per page. So every row of every table is asked what it is:

* a **header row** of a part with column headings (tasks, socio-economic, partners, the
  statistics tables laid across) — several of that part's column labels in one row;
* a **label row** of a part written label-per-row (header fields, goal and achieved result,
  socio-economic rows, statistics laid down) — its leading cells begin with such a label;
* or neither: a data row, which belongs to the part above it.

A table is cut where a row starts a part of another kind, and a part that goes on in the next
table (nothing but blank lines between, the same columns, no heading of its own) is joined to
it. Every part is a new :class:`Table` that remembers which reader's table, row and column
each of its cells came from; the reader's document is never changed, so locating twice gives
the same parts.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import regex

from grantparse import labels
from grantparse.locate import LABEL_THRESHOLD, _body, _prefix_matrix, _whole_matrix
from grantparse.readers.document import Document, Paragraph, Row, Table

# Column headings are short; a longer cell is a value and is never scored as one.
MAX_HEADING_CHARS = 200
# A row's label is in its first cells (a «№» cell, the label, perhaps a unit before it).
LEADING_CELLS = 3
# A plan/fact sub-heading must be near-exact: «жоспар» also begins values («1 жоспар»).
PLAN_FACT_THRESHOLD = 90.0

_DIGIT = regex.compile(r"\d")
_AGE_BAND = regex.compile(r"^\s*(\d{2})\s*[-–—]\s*(\d{2})(?!\d)|^\s*(\d{2})\s*(?:\+|\s*\p{L})")


@dataclass(frozen=True)
class _ColumnKind:
    """A part with column headings: its label sets and how many must share one row."""

    kind: str
    sets: tuple[tuple[str, ...], ...]
    needed: int


@dataclass(frozen=True)
class _RowKind:
    """A part written label-per-row: the labels its rows begin with."""

    kind: str
    sets: tuple[tuple[str, ...], ...]
    prefix: bool  # the label begins the cell («Label: value», «Label (unit)»)


def _sets(values: Sequence[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(v) for v in values)


@functools.lru_cache(maxsize=1)
def _column_kinds() -> tuple[_ColumnKind, ...]:
    task_sets = [v for k, v in labels.TASK_COLUMNS.items() if k != "number"]
    return (
        _ColumnKind("tasks", _sets(task_sets), 4),
        _ColumnKind("socio", _sets(list(labels.SOCIO_COLUMNS.values())), 2),
        _ColumnKind("partners", _sets(list(labels.PARTNER_COLUMNS.values())), 2),
        _ColumnKind("gender", _sets([labels.GENDER["male"], labels.GENDER["female"]]), 2),
        _ColumnKind("categories", _sets([v for k, v in labels.CATEGORIES.items() if k != "total"]), 4),
    )


@functools.lru_cache(maxsize=1)
def _row_kinds() -> tuple[_RowKind, ...]:
    return (
        _RowKind("header", _sets(list(labels.HEADER_FIELDS.values())), prefix=True),
        _RowKind("goal", _sets([labels.GOAL, labels.ACHIEVED]), prefix=True),
        _RowKind("socio", _sets(list(labels.SOCIO_ROWS.values())), prefix=True),
        _RowKind("gender", _sets([labels.GENDER["male"], labels.GENDER["female"]]), prefix=False),
        _RowKind("categories", _sets([v for k, v in labels.CATEGORIES.items() if k != "total"]), prefix=False),
    )


# Parts whose data rows are free text: inside them a cell that happens to begin like another
# part's row label («Жастар» as an indicator) is data, and only a header row ends the part.
_FREE_TEXT_KINDS = frozenset({"tasks", "partners"})
# Parts laid across: one header row, then value rows; a label row after them is a new part.
_TOTAL_KINDS = ("gender", "categories", "age")


@dataclass
class _RowClaim:
    """What one row says it is."""

    kind: str | None = None
    header: bool = False  # a header row (column headings), not a label row
    strength: float = 0.0
    sub_heading: bool = False  # only plan/fact headings: the second row of the task header
    total: bool = False  # a leading «барлығы / всего» cell (a statistics row laid down)


def _age_bands(texts: Sequence[str]) -> int:
    found = set()
    for text in texts:
        match = _AGE_BAND.match(text)
        if match:
            found.add(match.group(0).strip())
    return len(found)


def _row_hits(owners: list[int], hits: np.ndarray, n_rows: int) -> np.ndarray:
    """Per row: which label sets any of its texts hit (texts come grouped by row, in order)."""
    out = np.zeros((n_rows, hits.shape[1]), dtype=bool)
    if not owners:
        return out
    starts = [i for i in range(len(owners)) if i == 0 or owners[i] != owners[i - 1]]
    out[[owners[i] for i in starts]] = np.logical_or.reduceat(hits, starts, axis=0)
    return out


def _group_counts(hits: np.ndarray, sizes: Sequence[int]) -> np.ndarray:
    """Per row and group of consecutive label sets: how many sets of the group it hits."""
    if not sizes:
        return np.zeros((hits.shape[0], 0))
    edges = np.cumsum([0, *sizes])[:-1]
    return np.add.reduceat(hits.astype(np.int32), edges, axis=1) if hits.shape[1] else np.zeros((hits.shape[0], 0))


def _claims(tables: Sequence[Table]) -> list[list[_RowClaim]]:
    """Every row of every table: what it claims to be (all texts scored in a few matrices)."""
    heading_texts: list[str] = []
    heading_owner: list[int] = []
    leading_texts: list[str] = []
    leading_owner: list[int] = []
    row_texts: list[list[str]] = []
    for table in tables:
        for row in table.rows:
            texts = [text for cell in row if cell is not None and (text := cell.text)]
            index = len(row_texts)
            row_texts.append(texts)
            for text in texts:
                if len(text) <= MAX_HEADING_CHARS:
                    heading_texts.append(text)
                    heading_owner.append(index)
            for text in texts[:LEADING_CELLS]:
                leading_texts.append(text)
                leading_owner.append(index)
    n_rows = len(row_texts)
    column_kinds, row_kinds = _column_kinds(), _row_kinds()
    heading_sets = [s for kind in column_kinds for s in kind.sets]
    n_heading = len(heading_sets)
    whole = _whole_matrix([_body(text) for text in heading_texts],
                          [*heading_sets, tuple(labels.PLAN), tuple(labels.FACT)], LABEL_THRESHOLD)
    heading = whole >= LABEL_THRESHOLD
    # A plan/fact sub-heading must be near-exact and hold no digit («1 жоспар» is a value).
    digits = np.array([bool(_DIGIT.search(text)) for text in heading_texts], dtype=bool)[:, None]
    heading[:, n_heading:] = (whole[:, n_heading:] >= PLAN_FACT_THRESHOLD) & ~digits
    header_hits = _row_hits(heading_owner, heading, n_rows)
    kind_counts = _group_counts(header_hits[:, :n_heading], [len(kind.sets) for kind in column_kinds])
    strengths = kind_counts / np.array([kind.needed for kind in column_kinds], dtype=float)
    sub_heading: np.ndarray = np.asarray(header_hits[:, n_heading:].all(axis=1), dtype=bool)

    prefix_kinds = [kind for kind in row_kinds if kind.prefix]
    whole_kinds = [kind for kind in row_kinds if not kind.prefix]
    leading_bodies = [_body(text) for text in leading_texts]
    lead = np.concatenate([
        _prefix_matrix(leading_bodies, [s for kind in prefix_kinds for s in kind.sets], LABEL_THRESHOLD),
        _whole_matrix(leading_bodies, [*(s for kind in whole_kinds for s in kind.sets), tuple(labels.TOTAL)],
                      LABEL_THRESHOLD),
    ], axis=1) >= LABEL_THRESHOLD
    lead_hits = _row_hits(leading_owner, lead, n_rows)
    label_kinds = [*prefix_kinds, *whole_kinds]
    label_counts = _group_counts(lead_hits[:, :-1], [len(kind.sets) for kind in label_kinds])
    totals: np.ndarray = np.asarray(lead_hits[:, -1], dtype=bool)

    claims: list[list[_RowClaim]] = []
    index = 0
    for table in tables:
        table_claims = []
        for _ in table.rows:
            table_claims.append(_row_claim(index, row_texts[index], strengths, sub_heading, label_counts, totals,
                                           column_kinds, label_kinds))
            index += 1
        claims.append(table_claims)
    return claims


def _row_claim(i: int, texts: list[str], strengths: np.ndarray, sub_heading: np.ndarray, label_counts: np.ndarray,
               totals: np.ndarray, column_kinds: Sequence[_ColumnKind], label_kinds: Sequence[_RowKind]) -> _RowClaim:
    """One row's claim from its scores: a header row of the strongest kind, else a label row."""
    claim = _RowClaim()
    if strengths.shape[1]:
        best = int(strengths[i].argmax())
        if strengths[i, best] >= 1.0:
            claim = _RowClaim(column_kinds[best].kind, header=True, strength=float(strengths[i, best]))
    if claim.kind is None and sub_heading[i]:
        claim.sub_heading = True
    bands = _age_bands(texts) if len(texts) >= 4 else 0
    if bands >= 4 and bands / 4 > claim.strength:
        return _RowClaim("age", header=True, strength=bands / 4)
    if claim.kind is not None:
        return claim
    if label_counts.shape[1]:
        best = int(label_counts[i].argmax())
        if label_counts[i, best] > 0:
            return _RowClaim(label_kinds[best].kind, strength=float(label_counts[i, best]))
    if totals[i]:
        claim.total = True
    if texts and len(texts) <= LEADING_CELLS and _AGE_BAND.match(texts[0]):
        return _RowClaim("age", strength=1.0)
    return claim


@dataclass
class _Segment:
    kind: str | None
    rows: list[int] = field(default_factory=list)
    has_data: bool = False
    header_rows: int = 0


def _segments(claims: Sequence[_RowClaim]) -> list[_Segment]:
    """Cut one table's rows into parts where a row starts a part of another kind."""
    segments: list[_Segment] = []
    pending_total: int | None = None  # a «барлығы» row waits for the kind of the rows after it
    for r, claim in enumerate(claims):
        current = segments[-1] if segments else None
        if claim.header and claim.kind is not None:
            if current is not None and current.kind == claim.kind:
                if current.has_data:
                    continue  # the header repeated inside the part (copied, or a page's)
                current.rows.append(r)
                current.header_rows += 1
                continue
            segments.append(_Segment(claim.kind, [r], header_rows=1))
            pending_total = None
            continue
        if current is not None and claim.sub_heading and current.kind == "tasks" and not current.has_data:
            current.rows.append(r)
            current.header_rows += 1
            continue
        if current is not None and current.kind == "tasks" and current.has_data and claim.sub_heading:
            continue  # the second row of a repeated task header
        free_text = current is not None and current.kind in _FREE_TEXT_KINDS
        if claim.kind is not None and not claim.header and not free_text:
            if current is not None and current.kind == claim.kind:
                current.rows.append(r)
                current.has_data = True
                continue
            segment = _Segment(claim.kind, [r], has_data=True)
            if pending_total is not None and claim.kind in _TOTAL_KINDS and current is not None \
                    and current.rows and current.rows[-1] == pending_total:
                current.rows.pop()
                segment.rows.insert(0, pending_total)
                if not current.rows:
                    segments.pop()
            segments.append(segment)
            pending_total = None
            continue
        # A total row after a statistics part's own rows opens the next one (laid down, the
        # statistics tables may come as one table, each opened by its total).
        if claim.total and not free_text and (current is None or current.kind not in _TOTAL_KINDS
                                               or current.header_rows or current.has_data):
            pending_total = r
        if current is None:
            segments.append(_Segment(None, [r], has_data=True))
        else:
            current.rows.append(r)
            current.has_data = True
    return segments


def _part(table: Table, ordinal: int, rows: Sequence[int]) -> Table:
    """Rows of a reader's table as a new table, without the columns that no cell of them
    starts in (a grid drawn for another part's columns)."""
    kept = [c for c in range(table.n_cols)
            if any(c < len(table.rows[r]) and table.rows[r][c] is not None for r in rows)]
    new_rows: list[Row] = [[table.rows[r][c] if c < len(table.rows[r]) else None for c in kept] for r in rows]
    breaks = [table.page_break_before[r] if r < len(table.page_break_before) else False for r in rows]
    origins = [(ordinal, r, tuple(kept)) for r in rows]
    if table.origins is not None:  # already a part: keep pointing at the reader's table
        origins = [(table.origins[r][0], table.origins[r][1], tuple(table.origins[r][2][c] for c in kept))
                   for r in rows]
    return Table(rows=new_rows, index=table.index, page=table.page, page_break_before=breaks, origins=origins)


def _joined(first: Table, second: Table) -> Table:
    """``second`` continuing ``first`` (a part that went on in the next table)."""
    return Table(rows=[*first.rows, *second.rows], index=first.index, page=first.page,
                 page_break_before=[*first.page_break_before, True, *second.page_break_before[1:]],
                 origins=[*(first.origins or []), *(second.origins or [])])


@dataclass
class Layout:
    """Where each part of the form was found in one document: the parts of each kind in
    document order, and the parts every reader's table was cut into."""

    tables: dict[str, list[Table]] = field(default_factory=dict)
    parts_of_block: dict[int, list[tuple[str | None, Table]]] = field(default_factory=dict)

    def first(self, kind: str) -> Table | None:
        found = self.tables.get(kind)
        return found[0] if found else None


def _only_blank_between(document: Document, a: int, b: int) -> bool:
    return all(isinstance(block, Paragraph) and not block.text.strip() for block in document.blocks[a + 1: b])


# Parts that may be cut by a page or typed as several tables: a headless table right after
# one of them, with the same columns, is its continuation.
_CONTINUED_KINDS = frozenset({"tasks", "socio", "partners", "header"})


def locate_tables(document: Document) -> Layout:
    """Cut every table into parts of the form, join parts continued in the next table, and
    list the parts by kind (see the module docstring)."""
    tables = document.tables
    layout = Layout()
    previous: tuple[str | None, Table] | None = None
    for ordinal, (table, claims) in enumerate(zip(tables, _claims(tables), strict=True)):
        parts: list[tuple[str | None, Table]] = []
        for segment in _segments(claims):
            part = _part(table, ordinal, segment.rows)
            kind = segment.kind
            if (kind is None and not parts and previous is not None and previous[0] in _CONTINUED_KINDS
                    and previous[1].n_cols == part.n_cols
                    and _only_blank_between(document, previous[1].index, table.index)):
                kind = previous[0]
                joined = _joined(previous[1], part)
                found = layout.tables[kind]
                found[found.index(previous[1])] = joined
                owner = layout.parts_of_block[previous[1].index]
                owner[[id(p) for _, p in owner].index(id(previous[1]))] = (kind, joined)
                parts.append((kind, joined))
                previous = (kind, joined)
                continue
            if kind is not None:
                layout.tables.setdefault(kind, []).append(part)
            parts.append((kind, part))
            previous = (kind, part)
        layout.parts_of_block[table.index] = parts
    return layout


def cells_before(layout: Layout, document: Document, kind: str) -> int:
    """The block index of the first part of ``kind`` (the end of the blocks before it)."""
    found = layout.first(kind)
    return found.index if found is not None else len(document.blocks)


__all__ = ["Layout", "cells_before", "locate_tables"]

