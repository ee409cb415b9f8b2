"""The task table: tasks → activities → indicators with plan and fact.

Columns are found by their headings (so an extra «№» column or a different order does not
matter). Indicators stacked in one cell are paired with their plan and fact *by position
in the cell*: the k-th indicator with the k-th plan and the k-th fact paragraph. When the
counts disagree (a PDF cell whose paragraphs could not be told apart), the cell's lines are
split again so the counts agree, and the indicators are marked for review.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex
from rapidfuzz import fuzz

from grantparse import labels
from grantparse.extract.context import Context
from grantparse.locate import LABEL_THRESHOLD, label_scores
from grantparse.model import Activity, Indicator, Period, Task
from grantparse.normalise import blank, fold, join_fragments, normalise
from grantparse.parse.dates import DateSpan, parse_spans
from grantparse.parse.numbers import parse_count, parse_quantity
from grantparse.readers.document import Cell, Table, TextItem
from grantparse.readers.layout import LINKING_WORDS

_ROW_FIELDS = ("task", "activity", "dates", "place", "participants", "short_term", "long_term")
_DIGIT = regex.compile(r"\d")


def map_columns(table: Table) -> tuple[dict[str, int], int]:
    """Column index of each field and the number of header rows."""
    places = [(r, c, cell.text) for r, row in enumerate(table.rows[:4])
              for c, cell in enumerate(row) if cell is not None and cell.text]
    keys = [*labels.TASK_COLUMNS, "plan", "fact"]
    label_sets = [*labels.TASK_COLUMNS.values(), labels.PLAN, labels.FACT]
    matrix = label_scores([text for _, _, text in places], label_sets).tolist()  # one rapidfuzz call
    hits: list[tuple[int, float, str, int]] = []
    for (r, c, text), row_scores in zip(places, matrix, strict=True):
        for key, score in zip(keys, row_scores, strict=True):
            # A plan/fact heading must be near-exact, and «1 жоспар» in a data row is a value.
            needed = 90.0 if key in ("plan", "fact") else LABEL_THRESHOLD
            if score >= needed and not (key in ("plan", "fact") and _DIGIT.search(text)):
                hits.append((r, score, key, c))
    header_rows = 0
    for r in range(4):  # header rows run from the top until the first row without a heading
        if any(hit[0] == r for hit in hits):
            header_rows = r + 1
        elif header_rows:
            break
    scores = [(score, key, c) for r, score, key, c in hits if r < header_rows]
    columns: dict[str, int] = {}
    used: set[int] = set()
    for _score, key, col in sorted(scores, reverse=True):
        if key not in columns and col not in used:
            columns[key] = col
            used.add(col)
    group = columns.pop("indicators_group", None)
    if group is not None:
        columns.setdefault("plan", group)
        columns.setdefault("fact", group + 1)
    return columns, header_rows


@dataclass
class _Piece:
    text: str
    item: TextItem | None
    cell: Cell | None
    row: int
    col: int


@dataclass
class _LogicalRow:
    """One row of the table as its author meant it (page-cut halves glued together)."""

    row: int
    fields: dict[str, list[_Piece]] = field(default_factory=dict)
    names: list[_Piece] = field(default_factory=list)
    plans: list[_Piece] = field(default_factory=list)
    facts: list[_Piece] = field(default_factory=list)
    _texts: dict[str, str] = field(default_factory=dict, repr=False)  # asked for again and again

    def text(self, key: str) -> str:
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = normalise(" ".join(p.text for p in self.fields.get(key, [])))
        return text

    def balanced(self) -> bool:
        return len(self.names) == len(self.plans) == len(self.facts)


def _pieces(cell: Cell | None, row: int, col: int, keep_blank: bool) -> list[_Piece]:
    if cell is None:
        return []
    pieces = [_Piece(normalise(i.text), i, cell, row, col) for i in cell.items]
    if not keep_blank:
        return [p for p in pieces if p.text]
    while pieces and not pieces[-1].text:
        pieces.pop()  # trailing empty paragraphs carry no position
    return pieces


def _logical_rows(table: Table, columns: dict[str, int], start: int) -> list[_LogicalRow]:
    rows: list[_LogicalRow] = []
    for r in range(start, len(table.rows)):
        physical = table.rows[r]

        def cell(key: str, row: list[Cell | None] = physical) -> Cell | None:
            col = columns.get(key)
            return row[col] if col is not None and col < len(row) else None

        current = _LogicalRow(row=r)
        for key in _ROW_FIELDS:
            current.fields[key] = _pieces(cell(key), r, columns.get(key, -1), keep_blank=False)
        # Blank paragraphs keep their place in stacked value cells: an indicator with no
        # plan still owns a (blank) paragraph, and pairing must not slide past it.
        current.names = _joined_over_page_cuts(
            _pieces(cell("indicator"), r, columns.get("indicator", -1), keep_blank=True), _NAME_START)
        current.plans = _joined_over_page_cuts(
            _pieces(cell("plan"), r, columns.get("plan", -1), keep_blank=True), _VALUE_START)
        current.facts = _joined_over_page_cuts(
            _pieces(cell("fact"), r, columns.get("fact", -1), keep_blank=True), _VALUE_START)
        if not any(current.fields.values()) and not (current.names or current.plans or current.facts):
            continue
        breaks = table.page_break_before
        if rows and r < len(breaks) and breaks[r] and _is_rest_of(rows[-1], current):
            _absorb(rows[-1], current)
            continue
        rows.append(current)
    return rows


_LOWER_START = regex.compile(r"\p{Ll}+(?![\p{Lu}\d])")  # a lower-case word, not «eGov.kz»
_ITEM_START = regex.compile(r"[\p{Lu}\d«\"]")  # a new indicator usually begins so


def _is_rest_of(previous: _LogicalRow, current: _LogicalRow) -> bool:
    """A row after a page break that the reader left apart is the rest of the row above
    when the stacked cells only add up once both halves are counted."""
    lead = current.text("task") or current.text("activity")
    if current.text("activity") and (current.text("dates") or current.text("participants")):
        return False  # an activity with its own dates or head count starts afresh
    if lead and _LOWER_START.match(lead):
        return True  # a title cut mid-sentence
    if not lead and not any(p.text for p in current.names):
        return True  # no task, activity or indicator of its own: the tails of the cells above
    # (a task cell repeated on every row is no task of the row's own)
    own = current.text("activity") or (current.text("task") if current.text("task") != previous.text("task") else "")
    if not own and not (current.text("dates") or current.text("participants")) \
            and current.text("short_term") and current.text("short_term") != previous.text("short_term"):
        return True  # results of its own but no activity to own them: the rest of the row above
    if previous.balanced() and current.balanced():
        return False
    merged = (len(previous.names) + len(current.names), len(previous.plans) + len(current.plans),
              len(previous.facts) + len(current.facts))
    return len(set(merged)) == 1 or not current.text("task")


def _absorb(previous: _LogicalRow, rest: _LogicalRow) -> None:
    for key, pieces in rest.fields.items():
        if pieces and rest.text(key) != previous.text(key):  # a cell repeated on every row is said once
            previous.fields.setdefault(key, []).extend(pieces)
    previous._texts.clear()
    previous.names = _carried_over(previous.names, rest.names, _NAME_START)
    previous.plans = _carried_over(previous.plans, rest.plans, _VALUE_START)
    previous.facts = _carried_over(previous.facts, rest.facts, _VALUE_START)


def _carried_over(before: list[_Piece], after: list[_Piece], start: regex.Pattern[str]) -> list[_Piece]:
    """A stacked column's pieces with the rest of its row from the next page after them; the
    rest's first piece goes back to the last one above when the page cut that item in two
    (see :func:`_cut_by_the_page`)."""
    after = [p for p in after if p.text]
    if not before or not after:
        return [*before, *after]
    last, first = before[-1], after[0]
    if last.cell is None or first.cell is None or last.cell is first.cell:
        return [*before, *after]
    joined = _cut_by_the_page(last, first, [*last.cell.lines, *first.cell.lines],
                              len(last.cell.lines), start)
    return [*before, *after] if joined is None else [*before[:-1], joined, *after[1:]]


def _joined_over_page_cuts(pieces: list[_Piece], start: regex.Pattern[str]) -> list[_Piece]:
    """A cell the reader carried on over a page keeps the cut as a paragraph break; the
    page's first paragraph goes back to the one above when the page cut an item in two."""
    out: list[_Piece] = []
    for before, piece in zip([None, *pieces], pieces, strict=False):
        last = out[-1] if out else None
        if last is not None and before is not None and last.text and piece.text and piece.cell is not None \
                and piece.cell is last.cell and before.item is not None and piece.item is not None \
                and piece.item.page != before.item.page:
            lines = piece.cell.lines
            cut = _first_line_of(piece.item, lines)
            # (only a piece that opens its page: the one above may have run on over the cut)
            opens_page = cut is not None and cut > 0 and lines[cut - 1].page != piece.item.page
            joined = _cut_by_the_page(last, piece, lines, cut, start) if cut and opens_page else None
            if joined is not None:
                out[-1] = joined
                continue
        out.append(piece)
    return out


def _first_line_of(item: TextItem, lines: Sequence[TextItem]) -> int | None:
    """Which of the cell's lines begins ``item``: the one at its top, or (no boxes) the
    first on its page its text begins with."""
    for i, line in enumerate(lines):
        if line.page != item.page:
            continue
        if item.bbox is not None and line.bbox is not None:
            if abs(line.bbox[1] - item.bbox[1]) < SAME_TOP_POINTS:
                return i
        elif line.text.strip() and normalise(item.text).startswith(normalise(line.text)):
            return i
    return None


# A paragraph's box and its first line's box share their top, but for rounding.
SAME_TOP_POINTS = 0.5


def _cut_by_the_page(last: _Piece, first: _Piece, lines: Sequence[TextItem], cut: int,
                     start: regex.Pattern[str]) -> _Piece | None:
    """``last`` and ``first`` as one piece when ``lines[cut]``, the first line after a page
    break, does not begin like an item after the lines above it («1 орын - 1 (100 000тг)» |
    «2 орын - 1 (70 000тг)», «кемінде» | «30 адам», «Қатысушылар» | «(тізім)»); None when
    it begins one."""
    filled = [i for i, line in enumerate(lines) if line.text.strip()]
    above = [i for i in filled if i < cut]
    below = [i for i in filled if i >= cut]
    if not above or not below:
        return None
    kept = [lines[i] for i in filled]
    # (no width: whether a line had room for more says nothing across a page)
    if _begins_item(kept, len(above), start):
        return None
    text = last.text + first.text if lines[below[0]].continues_word else f"{last.text} {first.text}"
    return _Piece(normalise(text), last.item, last.cell, last.row, last.col)


def _resplit(pieces: list[_Piece], target: int, start: regex.Pattern[str] = _ITEM_START) -> list[_Piece] | None:
    """Split or join a PDF cell's paragraphs so there are ``target`` of them.

    Splits at lines that begin like an item (``start``: a capital letter or a digit, as a new
    indicator usually does; a value may also begin with «кемінде»), never after a line left
    waiting for more («кемінде» | «30 адам»); joins paragraphs whose follower begins in lower
    case. None when impossible.
    """
    if not pieces or pieces[0].cell is None or not pieces[0].cell.lines:
        return None
    cell = pieces[0].cell
    row_pieces = [p for p in pieces if p.cell is cell]
    if len(row_pieces) != len(pieces):
        return None
    lines = cell.lines
    starts = {0} | {i for i, line in enumerate(lines)
                    if i and start.match(line.text) and not _CONTINUED.search(lines[i - 1].text)}
    ordered = sorted(starts)
    if len(ordered) < target:
        return None
    # Keep the strongest starts: the first line, then those after the largest gaps.
    def gap(i: int) -> float:
        a, b = lines[i - 1].bbox, lines[i].bbox
        return (b[1] - a[3]) if a and b else 0.0

    strongest = sorted((i for i in ordered if i), key=gap, reverse=True)[: target - 1]
    chosen = sorted([0, *strongest])
    out = []
    for k, begin in enumerate(chosen):
        end = chosen[k + 1] if k + 1 < len(chosen) else len(lines)
        text = normalise(" ".join(line.text for line in lines[begin:end]))
        out.append(_Piece(text, lines[begin], cell, pieces[0].row, pieces[0].col))
    return out


def _split_breaks(pieces: list[_Piece]) -> list[_Piece]:
    """Paragraphs split at manual line breaks: some authors stack indicators with Shift+Enter.
    Blank paragraphs are dropped."""
    if all(p.text and "\n" not in (p.item.text if p.item is not None else p.text) for p in pieces):
        return list(pieces)  # nothing to split or drop (a piece's text is its paragraph, normalised)
    out: list[_Piece] = []
    for piece in pieces:
        raw = piece.item.text if piece.item is not None else piece.text
        parts = [normalise(part) for part in raw.split("\n")]
        out.extend(_Piece(part, piece.item, piece.cell, piece.row, piece.col) for part in parts if part)
    return out


def _balance_by_breaks(row: _LogicalRow) -> tuple[list[_Piece], list[_Piece], list[_Piece]] | None:
    """Split columns at line breaks when that makes the three counts agree (all three split
    first: a cell of stacked indicators is usually typed the same way in every column)."""
    options = [(column, _split_breaks(column)) for column in (row.names, row.plans, row.facts)]
    if all(len(split) == len(whole) for whole, split in options):
        return None  # no line breaks anywhere
    for mask in (7, 6, 5, 3, 4, 2, 1):
        chosen = [split if mask >> i & 1 else whole for i, (whole, split) in enumerate(options)]
        if len({len(c) for c in chosen}) == 1 and chosen[0]:
            return chosen[0], chosen[1], chosen[2]
    # Two columns agree once split; the third has more pieces because a value itself runs over
    # two lines («168 дана» / «(4 парақ қайтарылды)»): its pieces that do not begin like an
    # item go back to the piece before them.
    splits = [split for _, split in options]
    counts = [len(split) for split in splits]
    for odd in range(3):
        others = [counts[i] for i in range(3) if i != odd]
        if others[0] != others[1] or counts[odd] <= others[0] or not others[0]:
            continue
        start = _NAME_START if odd == 0 else _VALUE_START
        regrouped = _join_continuations(splits[odd], start)
        if len(regrouped) == others[0]:
            splits[odd] = regrouped
            return splits[0], splits[1], splits[2]
    return None


def _join_continuations(pieces: list[_Piece], start: regex.Pattern[str]) -> list[_Piece]:
    """Pieces that do not begin like a new item joined to the one before them."""
    out: list[_Piece] = []
    for piece in pieces:
        if out and not start.match(piece.text):
            last = out[-1]
            out[-1] = _Piece(normalise(f"{last.text} {piece.text}"), last.item, last.cell, last.row, last.col)
        else:
            out.append(piece)
    return out


# A value begins with a capital, a digit, a quote, a qualifier or a yes/no word («бар», «есть»).
_VALUE_START = regex.compile(
    r"[\p{Lu}\d«\"]|(?i:кемінде|кеминде|не менее|не меньше|не более|до|около|более|бар|жоқ|жок|иә|есть|нет|да)\b")
_NAME_START = regex.compile(r"[\p{Lu}«\"]|\p{Ll}+\p{Lu}")  # a capital, or a brand such as «eGov»
# A line that ends so is continued on the next one, whatever that begins with: a qualifier
# waiting for its number («кемінде» | «30 адам»), a hyphen, a comma, an open bracket.
_CONTINUED = regex.compile(r"(?i)(?:кемінде|кеминде|менее|меньше|более|до|около|кем|[-–,;:(/])\s*$")


_PLACE_LINE = regex.compile(r"(?i)\d+\s*(?:-?\s*)?(?:орын|место)")
_PRIZE_LINE = regex.compile(r"(?i)\d+\s*(?:-?\s*)?(?:орын|место)\s*[-–—:]")
_THOUSANDS_CUT = regex.compile(r"(?<![\d.,])\d{1,3}$")
_THOUSANDS_HEAD = regex.compile(r"\d{3}(?!\d)")


def _text_width(cell: Cell) -> float | None:
    """How wide a line of the cell may be: its width less the padding its widest line leaves."""
    boxes = [line.bbox for line in cell.lines if line.bbox is not None]
    if cell.bbox is None or not boxes:
        return None
    return cell.bbox[2] - cell.bbox[0] - 2 * max(0.0, min(box[0] for box in boxes) - cell.bbox[0])


def _room_for(lines: Sequence[TextItem], i: int, width: float | None) -> bool:
    """Was there room on line ``i - 1`` for the first word of line ``i`` (so the break was
    the author's, not the column's)? Judged by width, so centred lines count alike."""
    above, line = lines[i - 1].bbox, lines[i].bbox
    if above is None or line is None or not lines[i].text or width is None:
        return True
    per_char = (line[2] - line[0]) / max(1, len(lines[i].text))
    first = len(lines[i].text.split(" ", 1)[0])
    return (above[2] - above[0]) + (first + 1) * per_char < width


def _begins_item(lines: Sequence[TextItem], i: int, start: regex.Pattern[str], width: float | None = None,
                 join_cut_numbers: bool = True) -> bool:
    """Does line ``i`` of a cell begin an item: it begins like one, and the line above does
    not wait for more (a qualifier, a hyphen, an open bracket)? ``join_cut_numbers``: a
    full line that ends in one to three digits, above three, is one number cut at its group
    space («15» | «000 адам»), not two values («24» | «100 %») — unless told otherwise."""
    text = normalise(lines[i].text)
    following = next((j for j in range(i + 1, len(lines)) if not lines[j].continues_word), None)
    ahead = _word_mended(lines, i) + (" " + _word_mended(lines, following) if following is not None else "")
    if not text or lines[i].continues_word or not start.match(ahead):  # «не» | «менее 20» begins one too
        return False
    if i == 0:
        return True
    above = _mended_above(lines, i)
    before = " ".join(normalise(line.text) for line in lines[:i])
    if _CONTINUED.search(above) or before.count("(") > before.count(")"):
        return False
    if join_cut_numbers and _THOUSANDS_CUT.search(above) and _THOUSANDS_HEAD.match(text) \
            and not _room_for(lines, i, width):
        return False  # «не менее 15» | «000 человек»: a full line cut a number at its group space
    if _PLACE_LINE.match(ahead) and _PRIZE_LINE.search(before):
        return False  # «1 орын - 1 (100 000тг)» | «2 орын - 1 …»: one prize breakdown over lines
    last_word = above.rsplit(" ", 1)[-1].lower()
    # «сюжеты в» | «СМИ»: a name goes on after a preposition (not after a cut word's tail «…|а»
    # alone on its line; «размещённ|ые на» | «YouTube-» ends in a real «на»)
    tail_only = lines[i - 1].continues_word and " " not in normalise(lines[i - 1].text).strip()
    return tail_only or last_word not in LINKING_WORDS


def _mended_above(lines: Sequence[TextItem], i: int) -> str:
    """The line above ``i`` as it reads with a word cut at its start put back («кемін|де»)."""
    j = i - 1
    while j > 0 and lines[j].continues_word:
        j -= 1
    return _word_mended(lines, j) if j < i - 1 else normalise(lines[i - 1].text)


def _word_mended(lines: Sequence[TextItem], i: int) -> str:
    """Line ``i`` with the rest of its last word, when the next line carries it («кемінд|е 100»)."""
    text = normalise(lines[i].text)
    j = i + 1
    while j < len(lines) and lines[j].continues_word:
        text += normalise(lines[j].text)
        j += 1
    return text


def _line_join(text: str, line: TextItem) -> str:
    return text + normalise(line.text) if line.continues_word else join_fragments(text, normalise(line.text))


def _by_line_starts(pieces: list[_Piece], start: regex.Pattern[str],
                    join_cut_numbers: bool = True) -> list[_Piece] | None:
    """A PDF cell's lines grouped afresh: a new item at every line that begins like one. A row
    that went on over a page brings the lines of both its cells, in order."""
    cells: dict[int, Cell] = {}
    for piece in pieces:
        if piece.cell is not None:
            cells.setdefault(id(piece.cell), piece.cell)
    if not cells or any(not cell.lines for cell in cells.values()):
        return None
    owned = [(cell, line) for cell in cells.values() for line in cell.lines]
    lines = [line for _, line in owned]
    width = _text_width(next(iter(cells.values())))
    out: list[_Piece] = []
    for i, (cell, line) in enumerate(owned):
        text = normalise(line.text)
        if not text:
            continue
        if out and not _begins_item(lines, i, start, width, join_cut_numbers):
            out[-1] = _Piece(_line_join(out[-1].text, line), out[-1].item, out[-1].cell, out[-1].row, out[-1].col)
        else:
            out.append(_Piece(text, line, cell, pieces[0].row, pieces[0].col))
    return out


def _items_begun(pieces: list[_Piece], start: regex.Pattern[str]) -> int:
    """How many of a column's paragraphs begin like an item (the first always does) after one
    that does not wait for more («не менее» | «45 человек» is one value the reader cut)."""
    texts = [normalise(p.text) for p in pieces if p.text]
    return sum(1 for k, text in enumerate(texts)
               if k == 0 or (start.match(text) and not _CONTINUED.search(texts[k - 1])))


def _balance_by_line_starts(row: _LogicalRow) -> tuple[list[_Piece], list[_Piece], list[_Piece]] | None:
    """When a PDF shows no paragraph breaks (indicators stacked with Shift+Enter, no spacing),
    names begin with a capital and values with a digit or «кемінде»: regroup the lines that
    way, and take it when all three columns then agree on more indicators than before."""
    names = _by_line_starts(row.names, _NAME_START)
    plans = _by_line_starts(row.plans, _VALUE_START)
    facts = _by_line_starts(row.facts, _VALUE_START)
    if names is None or plans is None or facts is None:
        return None
    # A value column short of the names' count, where a full line ended in a number and the
    # next began with three digits: two values («24» | «100 %»), once the names say so.
    if len(plans) < len(names):
        plans = _by_line_starts(row.plans, _VALUE_START, join_cut_numbers=False) or plans
    if len(facts) < len(names):
        facts = _by_line_starts(row.facts, _VALUE_START, join_cut_numbers=False) or facts
    # (a paragraph of its own that does not begin like an item, «(4 парақ қайтарылды)» under
    # «168 дана», is the rest of the value above it, not an item)
    most = max(_items_begun(row.names, _NAME_START), _items_begun(row.plans, _VALUE_START),
               _items_begun(row.facts, _VALUE_START))
    # Unbalanced cells take any agreement as large as the most items any column shows; cells
    # that looked balanced only a larger one (see _agreed_line_starts).
    if len(names) == len(plans) == len(facts) and (len(names) > most or (len(names) == most and not row.balanced())):
        return names, plans, facts
    return None


def _agreed_line_starts(row: _LogicalRow) -> tuple[list[_Piece], list[_Piece], list[_Piece]] | None:
    """Cells that look balanced but hide several items each (narrow columns, no paragraph
    spacing: every line is full, so no line shows where an item ended): when the lines that
    begin an item give the same larger count in all three columns, that is the count."""
    if not row.balanced() or not row.names or len({id(p.cell) for p in (*row.names, *row.plans, *row.facts)}) != 3:
        return None
    return _balance_by_line_starts(row)


def _item_starts(cell: Cell) -> list[int]:
    """Indexes of the cell's lines that begin one of its items (paragraphs)."""
    starts = []
    for item in cell.items:
        if item.bbox is None:
            continue
        for i, line in enumerate(cell.lines):
            if line.bbox is not None and abs(line.bbox[1] - item.bbox[1]) < 0.5 and line.bbox[0] >= item.bbox[0] - 0.5:
                starts.append(i)
                break
    return sorted(set(starts))


def _split_at(pieces: list[_Piece], target: int, start: regex.Pattern[str]) -> list[_Piece] | None:
    """A PDF cell's lines cut into ``target`` items: at every paragraph start the reader saw,
    and at the lines that begin like an item (a capital, a digit, «кемінде») after the lines
    with the most room left at their end — a full line wraps, a short one ended an item."""
    cells = {id(p.cell): p.cell for p in pieces if p.cell is not None}
    if len(cells) != 1:
        return None
    (cell,) = cells.values()
    if cell is None or not cell.lines or cell.bbox is None or any(line.bbox is None for line in cell.lines):
        return None
    lines = cell.lines
    # A paragraph the reader saw start where the page began is no item when its text does not
    # begin like one: the page cut a value («1 орын - 1 (100 000тг)» | «2 орын - 1 …»).
    starts = {i for i in _item_starts(cell)
              if i > 0 and (lines[i].page == lines[i - 1].page or _begins_item(lines, i, start))} | {0}
    right = max(line.bbox[2] for line in lines if line.bbox is not None)
    limit = _text_width(cell)
    candidates = [i for i in range(1, len(lines)) if i not in starts and _begins_item(lines, i, start, limit)]
    needed = target - len(starts)
    if needed < 0 or len(candidates) < needed:
        return None

    def room(i: int) -> float:
        above = lines[i - 1].bbox
        return right - above[2] if above is not None else 0.0

    chosen = sorted(starts | set(sorted(candidates, key=room, reverse=True)[:needed]))
    out = []
    for k, begin in enumerate(chosen):
        end = chosen[k + 1] if k + 1 < len(chosen) else len(lines)
        text = ""
        for line in lines[begin:end]:
            text = _line_join(text, line) if text else normalise(line.text)
        out.append(_Piece(normalise(text), lines[begin], cell, pieces[0].row, pieces[0].col))
    return out


def _balance_by_item_starts(row: _LogicalRow) -> tuple[list[_Piece], list[_Piece], list[_Piece]] | None:
    """Stacked PDF cells whose items are not all told apart (no paragraph spacing, a nearly full
    line before the next item): the column that shows the most items gives their number, and
    the others are cut at the lines that begin like an item until all three agree."""
    columns = [(row.names, _NAME_START), (row.plans, _VALUE_START), (row.facts, _VALUE_START)]
    # Names begin with a capital more surely than values with a digit (a prize breakdown runs
    # over several lines that begin with digits): the names' line starts may set the count.
    by_names = _by_line_starts(row.names, _NAME_START)
    target = max([len(pieces) for pieces, _ in columns] + ([len(by_names)] if by_names else []))
    out: list[list[_Piece]] = []
    for pieces, start in columns:
        if len(pieces) == target:
            out.append(pieces)
            continue
        split = _split_at(pieces, target, start)
        if split is None or len(split) != target:
            return None
        out.append(split)
    return out[0], out[1], out[2]


def _pair(ctx: Context, row: _LogicalRow, path: str) -> list[tuple[_Piece, _Piece | None, _Piece | None, bool]]:
    """Pair names with plan and fact paragraphs; the bool says the pairing is doubtful."""
    names, plans, facts = row.names, row.plans, row.facts
    doubtful = False
    # DOCX line breaks first; then, in a PDF, the lines that begin an item when all three
    # columns agree on their count; then the column that shows most items sets the count.
    balanced = _balance_by_breaks(row)
    split = None
    if balanced is None:
        split = _balance_by_line_starts(row) if not row.balanced() else _agreed_line_starts(row)
        if split is None and not row.balanced():
            split = _balance_by_item_starts(row)
    if balanced is not None:
        names, plans, facts = balanced
    elif split is not None:
        names, plans, facts = split
        ctx.note(path, f"stacked indicators told apart by where items begin: {len(names)} in cells that showed "
                       f"{len(row.names)}/{len(row.plans)}/{len(row.facts)} paragraphs")
    elif not row.balanced():
        counts = {len(names), len(plans), len(facts)}
        # The count two of the three columns agree on is the number of indicators.
        for target in sorted(counts, reverse=True):
            agree = [len(names), len(plans), len(facts)].count(target)
            if agree >= 2:
                break
        else:
            target = len(names)
        fixed_names = names if len(names) == target else _resplit(names, target)
        fixed_plans = plans if len(plans) == target else _resplit(plans, target, _VALUE_START)
        fixed_facts = facts if len(facts) == target else _resplit(facts, target, _VALUE_START)
        if fixed_names is not None and fixed_plans is not None and fixed_facts is not None:
            names, plans, facts = fixed_names, fixed_plans, fixed_facts
        doubtful = True
        ctx.note(path, f"stacked indicators: {len(row.names)} names, {len(row.plans)} plans, "
                       f"{len(row.facts)} facts; paired by position", needs_review=True)
    pairs = []
    for k, name in enumerate(names):
        if not name.text:
            continue
        plan = plans[k] if k < len(plans) else None
        fact = facts[k] if k < len(facts) else None
        pairs.append((name, plan, fact, doubtful))
    return pairs


def _quantity(text: str | None) -> dict[str, object]:
    """A Quantity's fields, for the indicator's validation to build (one pydantic call, not three)."""
    q = parse_quantity(text)
    return {"value": q.value, "unit": q.unit, "at_least": q.at_least, "at_most": q.at_most}


def _same_text(a: str | None, b: str | None, read_by_ocr: bool = False) -> bool:
    """The same cell text written again (an author repeating a task or activity on every row);
    ``read_by_ocr``: as OCR reads it again, a letter or two otherwise (or a speck read as a
    digit)."""
    if not a or not b:
        return False
    one, other = "".join(str(a).split()), "".join(str(b).split())
    return one == other or (read_by_ocr and fuzz.ratio(fold(one), fold(other)) >= OCR_SAME_RATIO)


# Two readings of one cell text by OCR agree at least this much (rapidfuzz ratio of the folded
# letters): a long title misread in a letter or two scores about 95, another task's far lower.
OCR_SAME_RATIO = 90


def _repeats_activity(lrow: _LogicalRow, activity: Activity | None, read_by_ocr: bool = False) -> bool:
    """Does the row repeat the activity above (its cells copied onto every indicator row)? A
    long cell copied so may be cut short where its row met the page's foot (a row that may not
    break is clipped there): its text is then the start of the activity's."""
    if activity is None or not _same_text(lrow.text("activity"), activity.title, read_by_ocr):
        return False
    details = (("dates", activity.dates_raw), ("place", activity.place), ("short_term", activity.short_term_results))
    return all(not lrow.text(key) or _same_text(lrow.text(key), value, read_by_ocr)
               or _clipped_copy(lrow.text(key), value) for key, value in details)


def _clipped_copy(text: str, whole: str | None) -> bool:
    """Is ``text`` the start of ``whole``, long enough to be no other text («… 31 қатысушы
    сертификатпен» of «… сертификатпен аяқтады.»)?"""
    one, other = "".join(text.split()), "".join(str(whole or "").split())
    return len(one) >= CLIPPED_COPY_CHARS and len(one) < len(other) and other.startswith(one)


# A clipped copy keeps at least this many letters: a sentence or two of results, not a word.
CLIPPED_COPY_CHARS = 60


def _task_parts(ctx: Context) -> list[tuple[Table, dict[str, int], int]]:
    """Every part of the task table with its columns; a part without a header of its own
    (the table typed on as a second table) reads with the columns of the part before it."""
    parts: list[tuple[Table, dict[str, int], int]] = []
    for table in ctx.layout.tables.get("tasks", []):
        columns, header_rows = map_columns(table)
        if not header_rows and parts and parts[-1][0].n_cols == table.n_cols:
            columns = parts[-1][1]
        parts.append((table, columns, header_rows))
    return parts


def extract_tasks(ctx: Context, default_year: int | None, period: Period | None = None) -> list[Task]:
    """The task table's tasks; dates without a year are placed inside ``period``."""
    span = DateSpan(period.start, period.end) if period is not None else None
    parts = _task_parts(ctx)
    if not parts:
        return []
    for needed in ("activity", "indicator", "plan", "fact"):
        if needed not in parts[0][1]:
            ctx.note("tasks", f"task table column not found: {needed}")
    tasks: list[Task] = []
    activity: Activity | None = None
    for table, columns, header_rows in parts:
        for lrow in _logical_rows(table, columns, header_rows):
            activity = _read_row(ctx, table, lrow, tasks, activity, default_year, span)
    # The long-term column belongs to the task: share it with activities that lack one.
    for task in tasks:
        shared = next((a.long_term_results for a in task.activities if a.long_term_results), None)
        for act in task.activities:
            act.long_term_results = act.long_term_results or shared
    return tasks


def _read_row(ctx: Context, table: Table, lrow: _LogicalRow, tasks: list[Task], activity: Activity | None,
              default_year: int | None, period: DateSpan | None) -> Activity:
    """One logical row into the tasks read so far; returns the activity it belongs to."""
    task_title = lrow.text("task")
    if task_title and tasks and _same_text(task_title, tasks[-1].title, ctx.document.ocr):
        task_title = ""  # the task's cell repeated on each of its rows
    if task_title or not tasks:
        tasks.append(Task(title=task_title or None))
        activity = None
        if task_title:
            _source(ctx, f"tasks[{len(tasks) - 1}].title", table, lrow.fields["task"])
    task = tasks[-1]
    t = len(tasks) - 1
    if activity is None or (lrow.text("activity") and not _repeats_activity(lrow, activity, ctx.document.ocr)):
        activity = _new_activity(ctx, table, lrow, default_year, period,
                                 f"tasks[{t}].activities[{len(task.activities)}]")
        task.activities.append(activity)
    a = len(task.activities) - 1
    base = f"tasks[{t}].activities[{a}]"
    short_term = lrow.text("short_term")
    if short_term and not lrow.text("activity") and not _same_text(short_term, activity.short_term_results):
        # the rest of the activity's results, merged down over its rows and cut by the page
        activity.short_term_results = normalise(" ".join(x for x in (activity.short_term_results, short_term) if x))
    long_term = lrow.text("long_term")
    if long_term and not _same_text(long_term, activity.long_term_results) and not any(
            _same_text(long_term, other.long_term_results) for other in task.activities):
        activity.long_term_results = normalise(" ".join(x for x in (activity.long_term_results, long_term) if x))
    for name, plan, fact, doubtful in _pair(ctx, lrow, base):
        i = len(activity.indicators)
        path = f"{base}.indicators[{i}]"
        plan_raw = plan.text if plan and plan.text else None
        fact_raw = fact.text if fact and fact.text else None
        activity.indicators.append(Indicator.model_validate({
            "name": name.text, "plan_raw": plan_raw, "fact_raw": fact_raw,
            "plan": _quantity(plan_raw), "fact": _quantity(fact_raw),
        }))
        for suffix, piece in (("name", name), ("plan", plan), ("fact", fact)):
            if piece is not None:
                ctx.from_cell(f"{path}.{suffix}", table, piece.row, piece.col, piece.cell, piece.item)
                if doubtful:
                    ctx.sources[f"{path}.{suffix}"]["raw"] = piece.text
        for suffix, raw in (("plan", plan_raw), ("fact", fact_raw)):
            if raw and parse_quantity(raw).value is None:
                ctx.note(f"{path}.{suffix}", "no single value in the text", raw)
    return activity


def _source(ctx: Context, path: str, table: Table, pieces: list[_Piece]) -> None:
    if pieces:
        ctx.from_cell(path, table, pieces[0].row, pieces[0].col, pieces[0].cell)


def _new_activity(ctx: Context, table: Table, lrow: _LogicalRow, default_year: int | None,
                  period: DateSpan | None, path: str) -> Activity:
    activity = Activity(
        title=lrow.text("activity") or None,
        place=lrow.text("place") or None,
        short_term_results=lrow.text("short_term") or None,
        dates_raw=lrow.text("dates") or None,
    )
    for key, attr in (("activity", "title"), ("place", "place"), ("short_term", "short_term_results"),
                      ("dates", "dates_raw"), ("participants", "participants")):
        _source(ctx, f"{path}.{attr}", table, lrow.fields.get(key, []))
    participants_raw = lrow.text("participants")
    if participants_raw and not blank(participants_raw):
        activity.participants = parse_count(participants_raw)
        if activity.participants is None:
            ctx.note(f"{path}.participants", "not a whole number", participants_raw)
    if activity.dates_raw and not blank(activity.dates_raw):
        spans = parse_spans(activity.dates_raw, default_year, period)
        activity.dates = [Period(start=s.start, end=s.end) for s in spans]
        if not spans:
            ctx.note(f"{path}.dates", "dates not understood", activity.dates_raw)
    return activity
