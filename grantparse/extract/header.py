"""The title block and the six header fields; the report's language."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

import regex
from rapidfuzz import fuzz

from grantparse import labels
from grantparse.extract.context import Context
from grantparse.locate import (
    LABEL_THRESHOLD,
    SPLIT_GUARD,
    label_score,
    label_scores,
    looks_like_label,
    prefix_scores,
    split_label,
)
from grantparse.model import Header, Period
from grantparse.normalise import blank, fold, fold_letters, fold_pattern, normalise
from grantparse.parse.dates import parse_date, parse_period
from grantparse.parse.numbers import parse_amount
from grantparse.parse.phones import find_phones
from grantparse.readers.document import Block, Paragraph, Table, TextItem


@dataclass
class _Candidate:
    """A place where a header label might stand, with the value next to it."""

    label_text: str
    value: str | None  # None: the value is in the label text after the label
    paragraph: Paragraph | None = None
    table: Table | None = None
    row: int = 0
    col: int = 0
    whole: bool = False  # the label text must be the whole label (a label line, its value below)


def _header_tables(ctx: Context, block: Table) -> Iterator[Table]:
    """The parts of a table that may hold header fields: everything before the task table
    (a header typed in the same grid as the goal and task tables ends where they begin)."""
    for kind, part in ctx.layout.parts_of_block.get(block.index, [(None, block)]):
        if kind == "tasks":
            return
        if kind in (None, "header", "goal"):
            yield part


# A header label found inside a paragraph (not at its start) this surely begins a field of
# its own: a PDF with no paragraph spacing ran a value and the next label into one paragraph.
EMBEDDED_LABEL_SCORE = 92.0
_SHORTEST_EMBEDDED_LABEL = 20  # shorter wordings («Сумма гранта») occur in values too
_TRAILING_NUMBER = regex.compile(r"(?<=\s)\d{1,2}[.)]\s*$")


@functools.lru_cache(maxsize=1)
def _folded_header_labels() -> tuple[str, ...]:
    # The header's last value may run into the heading that follows the header, too.
    wordings = [*labels.HEADER_FIELDS.values(), labels.PARAGRAPHS["section1"]]
    return tuple(fold_letters(label) for labs in wordings for label in labs if len(label) >= _SHORTEST_EMBEDDED_LABEL)


def _embedded_label(text: str) -> int | None:
    """Where a header label (or the heading after the header) begins inside ``text`` after some
    other text, if it does."""
    folded = fold_letters(text)  # keeps every letter's place
    best: tuple[float, int] | None = None
    for label in _folded_header_labels():
        if len(folded) < len(label) + 3:
            continue
        found = fuzz.partial_ratio_alignment(label, folded, score_cutoff=EMBEDDED_LABEL_SCORE)
        # only after some other text: «2. Label» is the label with its number, not a value
        before = text[: found.dest_start] if found is not None else ""
        if found is not None and regex.search(r"\p{L}{3}", before) and (best is None or found.score > best[0]):
            best = (found.score, found.dest_start)
    if best is None:
        return None
    number = _TRAILING_NUMBER.search(text[: best[1]])  # «… 28 15 4. Наименование»: «4.» is the label's
    return number.start() if number else best[1]


# A paragraph that runs the whole header together holds at most the six fields' labels.
MAX_RUN_LABELS = 6


def _split_runs(blocks: list[Block]) -> list[Block]:
    """Paragraphs that run a value into the next field's label, cut at every such label (the
    lines of a header with no spacing may come as one paragraph, several fields in it)."""
    out: list[Block] = []
    for block in blocks:
        if not isinstance(block, Paragraph) or not block.text.strip():
            out.append(block)
            continue
        pieces = _cut_at_labels(block.text, MAX_RUN_LABELS)
        if len(pieces) == 1:
            out.append(block)
            continue
        for piece in pieces:
            out.append(Paragraph(TextItem(piece.strip(), block.item.page, block.item.bbox, block.item.confidence),
                                 index=block.index))
    return out


def _cut_at_labels(text: str, depth: int) -> list[str]:
    at = _embedded_label(text) if depth else None
    if at is None:
        return [text]
    return [*_cut_at_labels(text[:at], depth - 1), *_cut_at_labels(text[at:], depth - 1)]


def _candidates(ctx: Context, stop: int) -> Iterator[_Candidate]:
    blocks = _split_runs(ctx.document.blocks[: stop + 1])
    for i, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            if not block.text.strip() or block.index >= stop:
                continue
            following = next(
                (b for b in blocks[i + 1:] if isinstance(b, Paragraph) and b.text.strip()), None
            )
            yield _Candidate(block.text, None, paragraph=block)
            # «Label» alone (with or without its colon), value on the next line — unless that
            # line is the next label (a blank field). Only a whole label counts then.
            if following is not None and looks_like_label(ctx.document, block) \
                    and not looks_like_label(ctx.document, following):
                yield _Candidate(block.text.rstrip().rstrip(":"), following.text, paragraph=following, whole=True)
            continue
        for table in _header_tables(ctx, block):
            for r, row in enumerate(table.rows):
                cells = [(c, cell) for c, cell in enumerate(row) if cell is not None and cell.text]
                if len(cells) >= 2:
                    (_, label_cell), (c, value_cell) = cells[0], cells[1]
                    if _NUMBER_CELL.fullmatch(label_cell.text) and len(cells) >= 3:  # a «№» column
                        (_, label_cell), (c, value_cell) = cells[1], cells[2]
                    yield _Candidate(label_cell.text, value_cell.text, table=table, row=r, col=c)


def _header_stop(ctx: Context) -> int:
    """Header fields come before the task table; never look past it."""
    tasks = ctx.layout.first("tasks")
    return tasks.index if tasks is not None else len(ctx.document.blocks)


def _find_fields(ctx: Context) -> dict[str, tuple[str, _Candidate]]:
    # Rank by (has a value, score): «Label:» alone on its line loses to «Label:» + next line.
    found: dict[str, tuple[tuple[bool, float], str, _Candidate]] = {}
    candidates = list(_candidates(ctx, _header_stop(ctx)))
    keys = list(labels.HEADER_FIELDS)
    label_sets = [labels.HEADER_FIELDS[k] for k in keys]
    texts = [c.label_text for c in candidates]
    prefixes = prefix_scores(texts, label_sets, SPLIT_GUARD).tolist()
    wholes = label_scores(texts, label_sets).tolist()
    for cand, prefix_row, whole_row in zip(candidates, prefixes, wholes, strict=True):
        for key, prefix, whole in zip(keys, prefix_row, whole_row, strict=True):
            labs = labels.HEADER_FIELDS[key]
            if cand.value is not None:
                score = whole if cand.whole else max(whole, prefix)
                value = cand.value
            else:
                split = split_label(cand.label_text, labs, guarded=True) if prefix >= SPLIT_GUARD else None
                if split is None:
                    continue
                score, value = split
            rank = (not blank(value), score)
            if score >= LABEL_THRESHOLD and (key not in found or rank > found[key][0]):
                found[key] = (rank, value, cand)
    return {k: (v, c) for k, (_, v, c) in found.items()}


def _record(ctx: Context, path: str, cand: _Candidate, raw: str) -> None:
    if cand.table is not None:
        ctx.from_cell(path, cand.table, cand.row, cand.col, cand.table.cell(cand.row, cand.col))
    elif cand.paragraph is not None:
        ctx.from_paragraph(path, cand.paragraph, raw)


_NUMBER_CELL = regex.compile(r"\d{1,2}[.)]?")
_PHONE_WORD = regex.compile(r"(?i)[,;]?\s*(?:тел(?:ефон)?|байланыс|моб|сот)\b")  # where an address ends
# The title is known by this many of its first words («Итоговый отчет о»), and sought among the
# first paragraphs, where the appendix line above it stands (at most three or four lines).
TITLE_START_WORDS = 3
APPENDIX_PARAGRAPHS = 8
_APPENDIX_KK = regex.compile(r"(?i)№\s*\d+\s*(?=қосымша|косымша)")  # «№ 7 қосымшасы»
_APPENDIX_RU = regex.compile(r"(?i)приложение\s*(?:№\s*)?\d+")  # «Приложение № 7»
_AGREEMENT_NUMBER = regex.compile(r"№\s*([\w/\-]+)")


def _split_address(value: str) -> tuple[str | None, list[str], list[str]]:
    """«Актау каласы, 22 мкр … тел: 87023233790» → address, E.164 phones, raw phones."""
    phones = find_phones(value)
    address = value
    cut = _PHONE_WORD.search(address)
    if cut:
        address = address[: cut.start()]
    for phone in phones:
        address = address.replace(phone.raw, " ")
    address = normalise(address).strip(" ,;:")
    return (address or None), [p.e164 for p in phones if p.e164], [p.raw for p in phones]


def extract_header(ctx: Context) -> Header:
    header = Header()
    fields = _find_fields(ctx)
    for key in labels.HEADER_FIELDS:
        path = f"header.{key}"
        if key not in fields:
            ctx.note(path, "label not found")
            continue
        value, cand = fields[key]
        value = normalise(value)
        _record(ctx, path, cand, value)
        if blank(value):
            ctx.note(path, "empty", value)
            continue
        if key == "address":
            header.address, header.phones, header.phones_raw = _split_address(value)
            ctx.sources["header.phones"] = ctx.sources[path]
        elif key == "period":
            header.period_raw = value
            span = parse_period(value)
            if span is None:
                ctx.note(path, "period not understood", value)
            else:
                header.period = Period(start=span.start, end=span.end)
        elif key == "grant_amount":
            header.grant_amount_raw = value
            header.grant_amount = parse_amount(value)
            if header.grant_amount is None:
                ctx.note(path, "amount not understood", value)
        else:
            setattr(header, key, value)
    _agreement(ctx, header)
    return header


# The title's opening words, wherever they stand: a paragraph with no spacing after it runs
# on into the next in a PDF («… от «20» февраля 2025 года № 19 Итоговый отчет о …»).
_TITLE_START = fold_pattern(" ".join(title.split()[:TITLE_START_WORDS])
                            for title in labels.TITLE["kk"] + labels.TITLE["ru"])


def _title_index(ctx: Context) -> int | None:
    for block in ctx.document.blocks[:40]:
        if isinstance(block, Paragraph) and label_score(block.text, labels.TITLE["kk"] + labels.TITLE["ru"]) >= 80:
            return block.index
    for block in ctx.document.blocks[:APPENDIX_PARAGRAPHS]:
        if isinstance(block, Paragraph) and _TITLE_START.search(normalise(block.text)):
            return block.index
    return None


def has_title(ctx: Context) -> bool:
    return _title_index(ctx) is not None


def _agreement(ctx: Context, header: Header) -> None:
    """Agreement number and date from the appendix line above the title."""
    stop = _title_index(ctx)
    # (the title's own paragraph too: the appendix line may have run on into it)
    blocks = ctx.document.blocks[: stop + 1 if stop is not None else APPENDIX_PARAGRAPHS]
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    text = normalise(" ".join(p.text for p in paragraphs))
    title = _TITLE_START.search(text)
    text = text[: title.start()] if title else text
    if not text:
        return
    # Drop the appendix reference («Шарттың № 7 қосымшасы», «Приложение № 7 к договору»).
    cleaned = _APPENDIX_KK.sub(" ", text)
    cleaned = _APPENDIX_RU.sub(" ", cleaned)
    number = _AGREEMENT_NUMBER.search(cleaned)
    if number and not blank(number.group(1)):
        header.agreement_number = number.group(1)
        ctx.from_paragraph("header.agreement_number", paragraphs[0], number.group(0))
    header.agreement_date = parse_date(cleaned)
    if header.agreement_date:
        ctx.from_paragraph("header.agreement_date", paragraphs[0], text)


_KK_MARKERS = {"есеп", "жобаны", "жобанын", "саны", "миндет", "барлыгы", "жоспар", "атауы", "ус", "бойынша",
               "кызметкерлер", "жастар", "ерлер", "жане", "туралы", "шарттын", "косымшасы"}
_RU_MARKERS = {"отчет", "проекта", "наименование", "количество", "участников", "мероприятия", "задача",
               "всего", "план", "мужчины", "женщины", "молодежь", "организации", "и", "договору", "приложение"}


def _opening_text(ctx: Context, size: int) -> str:
    """The document's first ``size`` characters, paragraphs and cells in reading order."""
    parts: list[str] = []
    length = 0
    for block in ctx.document.blocks:
        texts = [block.text] if isinstance(block, Paragraph) else [c.text for row in block.rows for c in row if c]
        for text in texts:
            parts.append(text)
            length += len(text) + 1
            if length >= size:
                return "\n".join(parts)[:size]
    return "\n".join(parts)[:size]


def detect_language(ctx: Context) -> str:
    """«kk» or «ru» from the words of the form (works on keyboard-typed Kazakh too)."""
    words = fold(_opening_text(ctx, 6000)).split()  # the header and first sections suffice
    kk = sum(1 for w in words if w in _KK_MARKERS)
    ru = sum(1 for w in words if w in _RU_MARKERS)
    return "ru" if ru > kk else "kk"
