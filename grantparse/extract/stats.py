"""The socio-economic table and the gender, social-category and age tables."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import regex

from grantparse import labels
from grantparse.extract.context import Context
from grantparse.locate import LABEL_THRESHOLD, label_scores, prefix_scores
from grantparse.model import Age, Gender, PlanFact, PlanFactText, SocialCategories, SocioEconomic
from grantparse.normalise import blank, fold, normalise
from grantparse.parse.numbers import parse_amount, parse_count
from grantparse.readers.document import Cell, Table

Position = tuple[int, int]


# Scores of texts (rows) against keys (columns): one matrix per table, not one call per pair.
Scorer = Callable[[Sequence[str], Sequence[str]], list[list[float]]]


def _best_positions(table: Table, scorer: Scorer, keys: Sequence[str]) -> dict[str, Position]:
    """Each key's label cell, one cell per key, best matches first."""
    places = [((r, c), cell.text) for r, row in enumerate(table.rows)
              for c, cell in enumerate(row) if cell is not None and cell.text]
    scored: list[tuple[float, str, Position]] = []
    for (pos, _), row_scores in zip(places, scorer([text for _, text in places], keys), strict=True):
        for key, score in zip(keys, row_scores, strict=True):
            if score >= LABEL_THRESHOLD:
                scored.append((score, key, pos))
    found: dict[str, Position] = {}
    taken: set[Position] = set()
    for _score, key, pos in sorted(scored, key=lambda s: -s[0]):
        if key not in found and pos not in taken:
            found[key] = pos
            taken.add(pos)
    return found


def _value_cell(table: Table, label: Position, horizontal: bool) -> tuple[Position, Cell | None]:
    """The cell holding a label's value: below it in a header-row table, else to its right."""
    r, c = label
    if horizontal:
        for rr in range(r + 1, len(table.rows)):
            cell = table.cell(rr, c)
            if cell is not None:
                return (rr, c), cell
        return (r + 1, c), None
    for cc in range(c + 1, table.n_cols):
        cell = table.cell(r, cc)
        if cell is not None:
            return (r, cc), cell
    return (r, c + 1), None


def _read_counts(ctx: Context, table: Table, positions: Mapping[str, Position], prefix: str,
                 path_of: Callable[[str], str]) -> dict[str, int | None]:
    rows = [pos[0] for pos in positions.values()]
    horizontal = len(set(rows)) < max(2, len(rows) // 2 + 1)
    values: dict[str, int | None] = {}
    for key, pos in positions.items():
        (vr, vc), cell = _value_cell(table, pos, horizontal)
        path = path_of(key)
        text = cell.text if cell else ""
        ctx.from_cell(path, table, vr, vc, cell)
        if blank(text):
            values[key] = None
            continue
        value = parse_count(text)
        if value is None:
            ctx.note(path, "not a whole number", text)
        values[key] = value
    return values


def _label_scorer(label_map: Mapping[str, Sequence[str]]) -> Scorer:
    return lambda texts, keys: label_scores(texts, [label_map[k] for k in keys]).tolist()


def _counts_table(ctx: Context, kind: str, section: str, label_map: Mapping[str, Sequence[str]],
                  scorer: Scorer, path_of: Callable[[str], str]) -> dict[str, int | None] | None:
    """The counts under (or beside) each label of one statistics table; None when absent."""
    table = ctx.layout.first(kind)
    if table is None:
        return None
    positions = _best_positions(table, scorer, list(label_map))
    values = _read_counts(ctx, table, positions, section, path_of)
    _missing_labels(ctx, section, label_map, positions)
    return values


def extract_gender(ctx: Context) -> Gender:
    values = _counts_table(ctx, "gender", "gender", labels.GENDER, _label_scorer(labels.GENDER),
                           lambda k: f"gender.{k}")
    return Gender(**values) if values is not None else Gender()


def extract_categories(ctx: Context) -> SocialCategories:
    values = _counts_table(ctx, "categories", "social_categories", labels.CATEGORIES,
                           _label_scorer(labels.CATEGORIES), lambda k: f"social_categories.{k}")
    return SocialCategories(**values) if values is not None else SocialCategories()


_BAND = regex.compile(r"(\d{2})\s*[-–—]\s*(\d{2})|(\d{2})\s*(?:\+|\p{L})")


def _age_scorer(texts: Sequence[str], keys: Sequence[str]) -> list[list[float]]:
    """Age bands differ only in their digits, so compare the digits, not the words."""
    totals = label_scores(texts, [labels.TOTAL])[:, 0].tolist()
    rows = []
    for text, total in zip(texts, totals, strict=True):
        match = _BAND.search(normalise(text))
        band = None if not match else (
            f"{match.group(1)}-{match.group(2)}" if match.group(1) else f"{match.group(3)}+")
        rows.append([total if key == "total" else 100.0 if band == key else 0.0 for key in keys])
    return rows


def extract_age(ctx: Context) -> Age:
    values = _counts_table(ctx, "age", "age", labels.AGE, _age_scorer,
                           lambda k: "age.total" if k == "total" else f"age.bands.{k}")
    if values is None:
        return Age()
    age = Age(total=values.pop("total", None))
    age.bands.update(values)
    return age


def _missing_labels(ctx: Context, section: str, label_map: Mapping[str, object], found: Mapping[str, object]) -> None:
    for key in label_map:
        if key not in found:
            ctx.note(f"{section}.{key}", "column not found")


def _socio_columns(table: Table) -> tuple[dict[str, int], int]:
    columns: dict[str, int] = {}
    header_rows = 0
    places = [(r, c, cell.text) for r, row in enumerate(table.rows[:3])
              for c, cell in enumerate(row) if cell is not None]
    keys = list(labels.SOCIO_COLUMNS)
    matrix = label_scores([text for _, _, text in places], list(labels.SOCIO_COLUMNS.values())).tolist()
    for (r, c, _), row_scores in zip(places, matrix, strict=True):
        for key, score in zip(keys, row_scores, strict=True):
            if key not in columns and score >= LABEL_THRESHOLD:
                columns[key] = c
                header_rows = r + 1
    if "plan" not in columns or "fact" not in columns:
        columns.setdefault("plan", table.n_cols - 2)
        columns.setdefault("fact", table.n_cols - 1)
    return columns, header_rows


_ROW_NUMBER = regex.compile(r"\s*(\d{1,2})\s*[.)]?\s*")


def _unit_kind(text: str) -> str | None:
    """What a unit cell measures: people, organisations or money (None: not a known unit)."""
    words = fold(text).replace("/", " ").replace(".", " ").split()
    for kind in ("money", "organisations", "people"):
        if any(fold(w) in words for w in labels.UNIT_WORDS[kind]):
            return kind
    return None


def _place_by_order(ctx: Context, table: Table, columns: dict[str, int], header_rows: int,
                    found: dict[str, tuple[float, int]]) -> None:
    """Rows whose label is worded otherwise, placed by the form's fixed order (1–9) and checked
    against their unit: the «№» cell (or the row's place) says which row of the form it is."""
    missing = [key for key in labels.SOCIO_ORDER if key not in found]
    data = [r for r in range(header_rows, len(table.rows)) if any(c is not None and c.text for c in table.rows[r])]
    if not missing or not data:
        return
    numbers: dict[int, int] = {}
    for r in data:
        first = next((c.text for c in table.rows[r] if c is not None and c.text), "")
        match = _ROW_NUMBER.fullmatch(first)
        if match:
            numbers[r] = int(match.group(1))
    if len(numbers) != len(data):  # no «№» column: the rows' places, when all nine are there
        if len(data) != len(labels.SOCIO_ORDER):
            for key in missing:
                ctx.note(f"socio_economic.{key}", "row not found: its label is not the form's, and the table "
                                                  f"has {len(data)} rows, not the form's nine")
            return
        numbers = {r: i + 1 for i, r in enumerate(data)}
    if any(numbers.get(r) != labels.SOCIO_ORDER.index(key) + 1 for key, (_, r) in found.items()):
        return  # the recognised rows do not stand at their places: the order tells nothing
    by_number = {n: r for r, n in numbers.items()}
    taken = {r for _, r in found.values()}
    unit_col = columns.get("unit")
    for key in missing:
        place = by_number.get(labels.SOCIO_ORDER.index(key) + 1)
        if place is None or place in taken:
            continue
        r = place
        unit = table.text(r, unit_col) if unit_col is not None else ""
        kind = _unit_kind(unit) if unit else None
        if kind is not None and kind != labels.SOCIO_UNITS[key]:
            ctx.note(f"socio_economic.{key}", f"row {numbers[r]} stands where this row belongs, but its unit "
                                              f"«{unit}» does not fit", unit)
            continue
        label = next((c.text for c in table.rows[r][1:] if c is not None and c.text), "")
        found[key] = (0.0, r)
        ctx.note(f"socio_economic.{key}", f"row {numbers[r]} of the table, placed by the form's order"
                                          + (f" and its unit «{unit}»" if kind else "")
                                          + ": its label is not one the form uses", label)


def extract_socio(ctx: Context) -> SocioEconomic:
    table = ctx.layout.first("socio")
    result = SocioEconomic()
    if table is None:
        return result
    columns, header_rows = _socio_columns(table)
    found: dict[str, tuple[float, int]] = {}
    places = [(r, cell.text) for r in range(header_rows, len(table.rows))
              for c, cell in enumerate(table.rows[r])
              if cell is not None and c not in (columns["plan"], columns["fact"])]
    keys = list(labels.SOCIO_ROWS)
    label_sets = [labels.SOCIO_ROWS[k] for k in keys]
    cell_texts = [text for _, text in places]
    # A row's label is the whole cell or begins it («Салықтар (мың теңге)»): the better of both.
    scores = np.maximum(label_scores(cell_texts, label_sets), prefix_scores(cell_texts, label_sets))
    ranked = sorted(((score, key, r) for (r, _), row in zip(places, scores, strict=True)
                     for key, score in zip(keys, row.tolist(), strict=True) if score >= LABEL_THRESHOLD),
                    reverse=True)
    for score, key, r in ranked:  # one row per key, one key per row, best matches first
        if key not in found and all(r != row for _, row in found.values()):
            found[key] = (score, r)
    _place_by_order(ctx, table, columns, header_rows, found)
    for key in labels.SOCIO_ROWS:
        if key not in found:
            ctx.note(f"socio_economic.{key}", "row not found")
            continue
        r = found[key][1]
        texts: dict[str, str | None] = {}
        for side in ("plan", "fact"):
            # Raw text keeps a dash («-»: the author's «none»); only an empty cell is None.
            cell = table.cell(r, columns[side])
            texts[side] = (normalise(cell.text) or None) if cell is not None else None
            ctx.from_cell(f"socio_economic.{key}.{side}", table, r, columns[side], cell)
        if key == "partners":
            result.partners = PlanFactText(
                plan=None if blank(texts["plan"]) else texts["plan"],
                fact=None if blank(texts["fact"]) else texts["fact"],
            )
            continue
        values = {}
        for side in ("plan", "fact"):
            raw = texts[side]
            values[side] = parse_amount(raw) if raw and not blank(raw) else None
            if raw and values[side] is None:
                ctx.note(f"socio_economic.{key}.{side}", "not a number", raw)
        setattr(result, key, PlanFact(plan=values["plan"], fact=values["fact"],
                                      plan_raw=texts["plan"], fact_raw=texts["fact"]))
    return result
