"""How a report is laid out: every rendering choice real NGOs vary in, and a randomiser.

A :class:`Layout` is plain data; ``samples/render_docx.py`` obeys it. The named layouts in
:data:`LAYOUTS` are the committed samples' (and a few the tests build); :func:`random_layout`
draws every choice from a seed, so ``random_layout(17)`` is the same layout on every machine.
Each choice says in a comment what real reports do that makes it worth varying.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

TASK_COLUMN_ORDER = ("task", "activity", "dates", "place", "participants", "short_term", "indicator", "plan", "fact",
                     "long_term")

# Fonts a DOCX may ask for. LibreOffice renders Times New Roman and Arial (what most NGOs
# type in) with the metric-compatible Liberation fonts; the rest are installed as they are.
FONTS = ("Times New Roman", "Arial", "DejaVu Sans", "DejaVu Serif", "Liberation Serif", "Liberation Sans",
         "Liberation Sans Narrow", "DejaVu Sans Condensed")


@dataclass(frozen=True)
class Layout:
    """One way of rendering a report content (see the module docstring)."""

    name: str
    font: str = "DejaVu Sans"
    font_size: float = 9.0
    # Task table on a landscape page (most reports) or squeezed into portrait.
    landscape_tasks: bool = True
    # Indicators: «stacked» as paragraphs of one cell (the seed), «breaks» stacked with
    # Shift+Enter, «rows» one indicator per table row, «mixed» a choice per activity.
    indicators: str = "stacked"
    # Header fields: «numbered» «1. Label: value» paragraphs (the seed), «inline» the same
    # without numbers, «lines» a bold label line and the value on the next, «table» a
    # two-column table, «table_numbered» a three-column one with a «№» column.
    header: str = "numbered"
    # The goal table: «separate» (a paragraph between it and the task table), «touching»
    # (drawn right above the task table, nothing between), «merged» (goal and achieved result
    # as the task table's first rows — the real form does this).
    goal: str = "separate"
    # The task cell: «merged» down over its rows, «repeated» on every row, «first» written on
    # its first row only with the rows below left empty. Likewise the activity's cells.
    task_cell: str = "merged"
    activity_cell: str = "merged"
    repeat_table_header: bool = True  # Word's «repeat as header row at the top of each page»
    rows_can_split: bool = True  # «allow row to break across pages»
    stats_before_socio: bool = False
    # Statistics tables «across» (labels in a header row, values under them, as the form) or
    # «down» (a label column and a value column).
    stats_orientation: str = "across"
    blank_between_tables: bool = False  # empty paragraphs typed between a heading and its table
    # Signature block: «lines» (grantee, caption, «position<tab>name»), «one_line»
    # («Грант алушы: Директор ____ Name»), «table» (position | ____ name, caption under it),
    # «caption_below» (the position and name line first, the form's caption under it).
    signature: str = "lines"
    bold_labels: bool = False
    label_colons: bool = True
    page_numbers: str = ""  # «» none, «plain» «3», «dashes» «- 3 -» in the footer
    margins_cm: float = 1.5
    line_spacing: float | None = None  # None: the template's (python-docx's is 1.15)
    space_after_pt: float = 2.0
    cell_padding_pt: float | None = None  # None: the word processor's default
    column_jitter: float = 0.0  # each column's width scaled by up to ± this share
    task_columns: tuple[str, ...] = TASK_COLUMN_ORDER
    centred_indicators: bool = False
    socio_number_column: bool = True
    socio_unit_column: bool = True
    # Which wording of each label family (samples/forms.py) is printed: family key → index.
    wording: tuple[tuple[str, int], ...] = ()
    # Tables ruled as a «grid» (the form) or with «horizontal» rules only (a Word table style;
    # `soak --rules horizontal`). Not drawn by the randomiser yet (a new draw would change the
    # layouts the tests' seeds stand for); LibreOffice's and the browser's PDFs of such tables
    # both read right.
    rules: str = "grid"
    # Section headings and their bodies in one paragraph («2. …: text») or two.
    heading_with_body: bool = False
    seed: int = 0
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    def word(self, family: str) -> int:
        """The index of the wording chosen for ``family`` (0, the official one, by default)."""
        return dict(self.wording).get(family, 0)


LAYOUTS: dict[str, Layout] = {
    # Landscape task table, stacked indicators, numbered header, repeated header rows.
    "stacked": Layout("stacked", "DejaVu Sans", 9),
    # Portrait, one indicator per row with merged task/activity cells, header in a table.
    "rows": Layout("rows", "Liberation Serif", 10, landscape_tasks=False, indicators="rows", header="table",
                   repeat_table_header=False),
    # Smaller font, statistics first, header as label/value lines.
    "shuffled": Layout("shuffled", "Liberation Sans Narrow", 8.5, header="lines", stats_before_socio=True,
                       bold_labels=True),
    # A «№» column first, place before date, one indicator per row, statistics first.
    "numbered": Layout("numbered", "Liberation Sans", 9, indicators="rows", stats_before_socio=True,
                       task_columns=("number", "task", "activity", "place", "dates", "participants", "short_term",
                                     "indicator", "plan", "fact", "long_term")),
    # Stacked indicators typed with manual line breaks.
    "breaks": Layout("breaks", "Liberation Serif", 10, indicators="breaks", header="table", margins_cm=2.0),
    # Centred indicator cells and 6 pt paragraph spacing (LibreOffice then clips repeated
    # header rows, whose last letters spill into a data row).
    "centred": Layout("centred", "DejaVu Sans", 9, centred_indicators=True, space_after_pt=6.0),
    # A layout the parser was never tuned on.
    "holdout": Layout("holdout", "DejaVu Serif", 10.5, indicators="rows", header="table", repeat_table_header=False,
                      stats_before_socio=True, margins_cm=2.5),
    # The real form: goal and achieved result drawn as the first rows of the task table.
    "formlike": Layout("formlike", "Times New Roman", 10, goal="merged", header="numbered", signature="table"),
}


def _pick(rng: random.Random, weighted: dict[str, float]) -> str:
    keys = list(weighted)
    return rng.choices(keys, weights=[weighted[k] for k in keys])[0]


def _wording(rng: random.Random, families: dict[str, int]) -> tuple[tuple[str, int], ...]:
    """Mostly the official wording (index 0); now and then another of the family."""
    chosen = []
    for family, count in sorted(families.items()):
        if count > 1 and rng.random() < 0.35:
            chosen.append((family, rng.randrange(1, count)))
    return tuple(chosen)


def random_layout(seed: int, families: dict[str, int] | None = None) -> Layout:
    """Every rendering choice drawn from ``seed`` (``families``: wording family → how many
    wordings it has, from :func:`samples.forms.family_sizes`)."""
    rng = random.Random(seed)
    columns = list(TASK_COLUMN_ORDER)
    if rng.random() < 0.3:  # place before date, as some editions print it
        i, j = columns.index("dates"), columns.index("place")
        columns[i], columns[j] = columns[j], columns[i]
    if rng.random() < 0.3:  # a «№» column: «1.1», «1.2» … numbering the activities
        columns.insert(0, "number")
    landscape = rng.random() < 0.75
    font = rng.choice(FONTS)
    size = rng.choice((8.0, 9.0, 10.0, 11.0, 12.0) if landscape else (8.0, 9.0, 10.0))
    return Layout(
        name=f"random{seed}",
        font=font,
        font_size=size,
        landscape_tasks=landscape,
        indicators=_pick(rng, {"stacked": 0.35, "rows": 0.35, "breaks": 0.1, "mixed": 0.2}),
        header=_pick(rng, {"numbered": 0.35, "inline": 0.15, "lines": 0.15, "table": 0.25, "table_numbered": 0.1}),
        goal=_pick(rng, {"separate": 0.4, "touching": 0.35, "merged": 0.25}),
        task_cell=_pick(rng, {"merged": 0.6, "repeated": 0.2, "first": 0.2}),
        activity_cell=_pick(rng, {"merged": 0.6, "repeated": 0.2, "first": 0.2}),
        repeat_table_header=rng.random() < 0.5,
        rows_can_split=rng.random() < 0.7,
        stats_before_socio=rng.random() < 0.3,
        stats_orientation=_pick(rng, {"across": 0.8, "down": 0.2}),
        blank_between_tables=rng.random() < 0.3,
        signature=_pick(rng, {"lines": 0.4, "one_line": 0.2, "table": 0.25, "caption_below": 0.15}),
        bold_labels=rng.random() < 0.4,
        label_colons=rng.random() < 0.7,
        page_numbers=_pick(rng, {"": 0.5, "plain": 0.35, "dashes": 0.15}),
        margins_cm=rng.choice((1.0, 1.5, 2.0, 2.5, 3.0)),
        line_spacing=rng.choice((None, 1.0, 1.0, 1.5)),
        space_after_pt=rng.choice((0.0, 2.0, 6.0, 8.0)),
        cell_padding_pt=rng.choice((None, 1.0, 3.0, 5.0)),
        # Authors drag column borders; on a portrait page ten columns are already narrow, and
        # a quarter narrower still is more than anyone leaves in a report they submit.
        column_jitter=rng.choice((0.0, 0.15, 0.3) if landscape else (0.0, 0.1, 0.15)),
        task_columns=tuple(columns),
        centred_indicators=rng.random() < 0.15,
        socio_number_column=rng.random() < 0.7,
        socio_unit_column=rng.random() < 0.85,
        wording=_wording(rng, families or {}),
        heading_with_body=rng.random() < 0.3,
        seed=seed,
    )


def describe(layout: Layout) -> str:
    """The choices that differ from the defaults, for a soak's failure list."""
    base = Layout(layout.name)
    changed = {k: v for k, v in vars(layout).items() if k not in ("name", "seed", "extra") and getattr(base, k) != v}
    return ", ".join(f"{k}={v}" for k, v in changed.items())


def with_name(layout: Layout, name: str) -> Layout:
    return replace(layout, name=name)
