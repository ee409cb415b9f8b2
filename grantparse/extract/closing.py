"""Free text, the partners table and the closing block: page count, signatory, fill date."""

from __future__ import annotations

from datetime import date

import regex

from grantparse import labels
from grantparse.extract.context import Context
from grantparse.locate import LABEL_THRESHOLD, find_paragraph, label_score, split_label, text_after
from grantparse.model import Narrative, Partner, Signatory
from grantparse.normalise import blank, normalise
from grantparse.parse.dates import parse_date
from grantparse.parse.phones import find_phones
from grantparse.readers.document import Paragraph, Table

_DIGITS = regex.compile(r"\d+")
_FILL_LINE = regex.compile(r"[_\t]+")  # the line a signature is written on


def _labelled_text(ctx: Context, key: str) -> tuple[Paragraph, str | None] | None:
    paragraph = find_paragraph(ctx.document, labels.PARAGRAPHS[key])
    if paragraph is None:
        return None
    split = split_label(paragraph.text, labels.PARAGRAPHS[key])
    on_line = split[1] if split else ""
    return paragraph, text_after(ctx.document, paragraph, on_line)


def extract_deviation(ctx: Context) -> str | None:
    found = _labelled_text(ctx, "deviation")
    if found is None:
        return None
    paragraph, text = found
    ctx.from_paragraph("deviation_justification", paragraph, text)
    return None if text is None or blank(text) else text


def extract_narrative(ctx: Context) -> Narrative:
    narrative = Narrative()
    goal = ctx.layout.first("goal")
    if goal is not None:
        for row in goal.rows:
            cells = [c for c in row if c is not None and c.text]
            if len(cells) < 2:
                continue
            if label_score(cells[0].text.rstrip(":"), labels.GOAL) >= LABEL_THRESHOLD:
                narrative.goal = cells[1].text
            elif label_score(cells[0].text.rstrip(":"), labels.ACHIEVED) >= LABEL_THRESHOLD:
                narrative.achieved_result = cells[1].text
    for key, attr in (("section2", "goal_achievement"), ("section3", "social_changes"),
                      ("section5", "results"), ("section6", "partner_analysis")):
        found = _labelled_text(ctx, key)
        if found is not None:
            setattr(narrative, attr, found[1])
    narrative.activities_description = _activities_description(ctx)
    return narrative


def _activities_description(ctx: Context) -> list[str]:
    """Paragraphs between the section-1 heading and the table it introduces."""
    start = find_paragraph(ctx.document, labels.PARAGRAPHS["section1"])
    if start is None:
        return []
    out = []
    for block in ctx.document.blocks[start.index + 1:]:
        if not isinstance(block, Paragraph):
            break
        text = normalise(block.text)
        if not text:
            continue
        if label_score(text[:200], labels.PARAGRAPHS["table_intro"]) >= LABEL_THRESHOLD:
            break
        if label_score(text[:120], labels.PARAGRAPHS["section1_intro"]) >= 60:
            continue
        out.append(text)
    return out


def extract_partners(ctx: Context) -> list[Partner]:
    table = ctx.layout.first("partners")
    if table is None:
        return []
    columns: dict[str, int] = {}
    header_rows = 0
    for r, row in enumerate(table.rows[:2]):
        for c, cell in enumerate(row):
            for key, labs in labels.PARTNER_COLUMNS.items():
                if cell is not None and key not in columns and label_score(cell.text, labs) >= LABEL_THRESHOLD:
                    columns[key] = c
                    header_rows = r + 1
    columns.setdefault("name", 0)
    partners: list[Partner] = []
    for r in range(header_rows, len(table.rows)):
        values: dict[str, str | None] = {}
        for key, c in columns.items():
            cell = table.cell(r, c)
            values[key] = None if cell is None or blank(cell.text) else cell.text
        if not any(values.values()):
            continue
        path = f"partners[{len(partners)}]"
        for key, c in columns.items():
            ctx.from_cell(f"{path}.{key}", table, r, c, table.cell(r, c))
        contact = values.get("contact")
        if contact:
            phones = find_phones(contact)
            if phones and all(p.e164 for p in phones):
                contact = ", ".join(p.e164 for p in phones if p.e164)
        partners.append(Partner(name=values.get("name"), role=values.get("role"), contact=contact,
                                note=values.get("note")))
    return partners


def extract_page_count(ctx: Context) -> int | None:
    paragraph = find_paragraph(ctx.document, labels.PARAGRAPHS["page_count"])
    if paragraph is None:
        ctx.note("declared_page_count", "label not found")
        return None
    split = split_label(paragraph.text, labels.PARAGRAPHS["page_count"])
    value = split[1] if split else ""
    ctx.from_paragraph("declared_page_count", paragraph, value)
    match = _DIGITS.search(value)
    if not match:
        ctx.note("declared_page_count", "no number after the label", value)
        return None
    return int(match.group(0))


_UPPER = r"[\p{Lu}]"
_NAME_WORD = r"\p{Lu}[\p{Ll}]+(?:-\p{Lu}[\p{Ll}]+)?"
_SURNAME_INITIALS = regex.compile(rf"({_NAME_WORD})\s+({_UPPER})\.\s*(?:({_UPPER})\.?)?")
_INITIALS_SURNAME = regex.compile(rf"({_UPPER})\.\s*(?:({_UPPER})\.\s*)?({_NAME_WORD})")


def _signature_in(text: str) -> Signatory | None:
    text = normalise(text)
    for label_set in (labels.PARAGRAPHS["grantee"], labels.PARAGRAPHS["signatory"]):
        split = split_label(text, label_set)
        if split:
            text = split[1]
    text = _FILL_LINE.sub(" ", text).strip()
    for pattern in (_SURNAME_INITIALS, _INITIALS_SURNAME):
        match = pattern.search(text)
        if match:
            position = normalise(text[: match.start()]).strip(" ,:;/") or None
            return Signatory(position=position, name=normalise(match.group(0)))
    return None


# A signature block typed as a table has a row or two (position and name, the caption).
SIGNATURE_TABLE_ROWS = 4


def _is_caption(text: str) -> bool:
    """The form's own caption «Басшының лауазымы, Т.А.Ә.» (perhaps in brackets)."""
    return label_score(text.strip(" ()"), labels.PARAGRAPHS["signatory"]) >= LABEL_THRESHOLD


def extract_signatory(ctx: Context) -> Signatory:
    """Position and name written next to «Грант алушы» / «Басшының лауазымы, Т.А.Ә.»."""
    anchors = [p for key in ("grantee", "signatory", "fill_date", "page_count")
               if (p := find_paragraph(ctx.document, labels.PARAGRAPHS[key])) is not None]
    if not anchors:
        return Signatory()
    lo = max(0, min(p.index for p in anchors) - 3)
    hi = max(p.index for p in anchors) + 4
    centre = anchors[0].index  # the grantee line when there is one: the name is next to it
    nearest_first = sorted(ctx.document.blocks[lo:hi], key=lambda b: (abs(b.index - centre), b.index < centre))
    for block in nearest_first:
        if isinstance(block, Table):  # the block laid out as a small table: position | ____ name
            if any(kind is not None for kind, _ in ctx.layout.parts_of_block.get(block.index, [])):
                continue  # a part of the form (the partners table above it), not the signature
            for r, row in enumerate(block.rows[:SIGNATURE_TABLE_ROWS]):
                cells = [(c, cell) for c, cell in enumerate(row) if cell is not None and cell.text]
                text = " ".join(cell.text for _, cell in cells)
                found = _signature_in(text) if text and not _is_caption(text) else None
                if found is not None:
                    c, cell = cells[-1]
                    ctx.from_cell("signatory", block, r, c, cell)
                    return found
            continue
        if not block.text.strip() or _is_caption(block.text):
            continue
        found = _signature_in(block.text)
        if found is not None:
            ctx.from_paragraph("signatory", block)
            return found
    ctx.note("signatory", "no name with initials near the signature block")
    return Signatory()


def extract_fill_date(ctx: Context) -> tuple[date | None, str | None]:
    paragraph = find_paragraph(ctx.document, labels.PARAGRAPHS["fill_date"])
    if paragraph is None:
        ctx.note("fill_date", "label not found")
        return None, None
    split = split_label(paragraph.text, labels.PARAGRAPHS["fill_date"])
    raw = normalise(split[1]) if split else ""
    ctx.from_paragraph("fill_date", paragraph, raw)
    if blank(raw):
        return None, raw
    value = parse_date(raw)
    if value is None:
        ctx.note("fill_date", "date not understood", raw)
    return value, raw

