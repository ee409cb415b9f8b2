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


def _claims(tables: Sequence[Table]) -> list[list[_RowClaim]]:
    """Every row of every table: what it claims to be (all texts scored in a few matrices)."""
    heading_texts: list[str] = []
    heading_owner: list[tuple[int, int]] = []
    leading_texts: list[str] = []
    leading_owner: list[tuple[int, int]] = []
    row_texts: dict[tuple[int, int], list[str]] = {}
    for t, table in enumerate(tables):
        for r, row in enumerate(table.rows):
            texts = [cell.text for cell in row if cell is not None and cell.text]
            row_texts[(t, r)] = texts
            for text in texts:
                if len(text) <= MAX_HEADING_CHARS:
                    heading_texts.append(text)
                    heading_owner.append((t, r))
            for text in texts[:LEADING_CELLS]:
                leading_texts.append(text)
                leading_owner.append((t, r))
    column_kinds, row_kinds = _column_kinds(), _row_kinds()
    heading_sets = [s for kind in column_kinds for s in kind.sets]
    heading_bodies = [_body(text) for text in heading_texts]
    whole = _whole_matrix(heading_bodies, [*heading_sets, tuple(labels.PLAN), tuple(labels.FACT),
                                           tuple(labels.TOTAL)], LABEL_THRESHOLD)
    leading_bodies = [_body(text) for text in leading_texts]
    prefix_sets = [s for kind in row_kinds if kind.prefix for s in kind.sets]
    whole_sets = [s for kind in row_kinds if not kind.prefix for s in kind.sets]
    lead_prefix = _prefix_matrix(leading_bodies, prefix_sets, LABEL_THRESHOLD)
    lead_whole = _whole_matrix(leading_bodies, [*whole_sets, tuple(labels.TOTAL)], LABEL_THRESHOLD)

    heading_hits: dict[tuple[int, int], np.ndarray] = {}
    for i, owner in enumerate(heading_owner):
        hits = whole[i] >= LABEL_THRESHOLD
        digit = bool(_DIGIT.search(heading_texts[i]))
        plan_fact = whole[i, len(heading_sets):len(heading_sets) + 2] >= PLAN_FACT_THRESHOLD
        hits[len(heading_sets):len(heading_sets) + 2] = plan_fact & (not digit)
        heading_hits[owner] = heading_hits[owner] | hits if owner in heading_hits else hits
    lead_hits: dict[tuple[int, int], np.ndarray] = {}
    for i, owner in enumerate(leading_owner):
        hits = np.concatenate([lead_prefix[i] >= LABEL_THRESHOLD, lead_whole[i] >= LABEL_THRESHOLD])
        lead_hits[owner] = lead_hits[owner] | hits if owner in lead_hits else hits

    claims: list[list[_RowClaim]] = []
    n_heading = len(heading_sets)
    for t, table in enumerate(tables):
        table_claims = []
        for r in range(len(table.rows)):
            claim = _RowClaim()
            hits = heading_hits.get((t, r))
            if hits is not None:
                start = 0
                for kind in column_kinds:
                    count = int(hits[start:start + len(kind.sets)].sum())
                    start += len(kind.sets)
                    strength = count / kind.needed
                    if strength >= 1.0 and strength > claim.strength:
                        claim = _RowClaim(kind.kind, header=True, strength=strength)
                if claim.kind is None and hits[n_heading:n_heading + 2].all():
                    claim.sub_heading = True
            bands = _age_bands(row_texts[(t, r)])
            if bands >= 4 and bands / 4 > claim.strength:
                claim = _RowClaim("age", header=True, strength=bands / 4)
            if claim.kind is None:
                claim = _label_claim(lead_hits.get((t, r)), row_kinds, claim)
                texts = row_texts[(t, r)]
                if claim.kind is None and texts and _AGE_BAND.match(texts[0]) and len(texts) <= LEADING_CELLS:
                    claim = _RowClaim("age", strength=1.0)
            table_claims.append(claim)
        claims.append(table_claims)
    return claims


def _label_claim(hits: np.ndarray | None, row_kinds: Sequence[_RowKind], claim: _RowClaim) -> _RowClaim:
    if hits is None:
        return claim
    prefix_kinds = [k for k in row_kinds if k.prefix]
    whole_kinds = [k for k in row_kinds if not k.prefix]
    start = 0
    for kind in [*prefix_kinds, *whole_kinds]:
        count = int(hits[start:start + len(kind.sets)].sum())
        start += len(kind.sets)
        if count and count > claim.strength:
            claim = _RowClaim(kind.kind, strength=float(count))
    if claim.kind is None and hits[start:].any():
        claim.total = True
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
        if claim.total and not free_text and (current is None or current.kind not in _TOTAL_KINDS
                                               or current.header_rows):
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

