"""Report contents: loading them, typing them as a Russian keyboard would, and resolving one
into the page's words for a layout.

A content (``samples/content/*.json``, see its README) holds what the author typed. To print
it, the form's wordings are filled in from the form profile of its language
(``samples/forms.py``) in the wording the layout chose; a schema-1 content (the seed) brings
its own wordings and keeps them.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from samples.forms import wording
from samples.layouts import Layout

CONTENT = Path(__file__).resolve().parent / "content"

Content = dict[str, Any]

SOCIO_KEYS = ("direct_beneficiaries", "indirect_beneficiaries", "staff", "specialists", "ngos_covered", "payroll",
              "taxes", "economy_contribution", "partners")
HEADER_KEYS = ("organization_name", "leader_name", "address", "project_title", "period", "grant_amount")
TASK_LABEL_KEYS = ("task", "activity", "dates", "place", "participants", "short_term", "indicator",
                   "indicators_group", "long_term")


def content_names() -> list[str]:
    """Every content under samples/content/, by name («kk», «ru_almaty_eco_2023», …)."""
    return sorted(p.stem.removeprefix("report_") for p in CONTENT.glob("report_*.json"))


def scored_contents() -> list[str]:
    """The contents that carry their expected model (schema 2)."""
    return [name for name in content_names() if load_content(name).get("schema") == 2]


def load_content(name: str = "kk") -> Content:
    """One content by name; «kktyped» is the seed typed on a Russian keyboard, and any
    Kazakh name with a «_typed» suffix is that content typed so."""
    if name == "kktyped":
        return keyboard_typed(load_content("kk"))
    if name.endswith("_typed"):
        return keyboard_typed(load_content(name.removesuffix("_typed")))
    data: Content = json.loads((CONTENT / f"report_{name}.json").read_text(encoding="utf-8"))
    data.setdefault("name", name)
    return data


# --------------------------------------------------------------------------- typing


_KEYBOARD = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")
_LATIN_LOOKALIKES = str.maketrans("аеорсхАЕОРСХ", "aeopcxAEOPCX")
_LABEL_KEYS = ("title", "section1_heading", "table_intro", "deviation_label", "socio_heading", "gender_heading",
               "category_heading", "age_heading", "partners_heading", "page_count_label", "fill_date_label",
               "grantee_label", "signatory_label")


def _map_strings(value: Any, fn: Any) -> Any:
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, list):
        return [_map_strings(v, fn) for v in value]
    if isinstance(value, dict):
        return {k: _map_strings(v, fn) for k, v in value.items()}
    return value


def _latin_in_every_other_word(text: str) -> str:
    """Latin look-alikes typed inside Cyrillic words («Гендерлiк» with a Latin i, «кoрсеткиш»)."""
    words = text.split(" ")
    return " ".join(w.translate(_LATIN_LOOKALIKES) if i % 2 else w for i, w in enumerate(words))


def _noisy_number(text: str) -> str:
    """Digit groups separated by no-break and thin spaces, as Word's auto-format leaves them."""
    return re.sub(r"(?<=\d) (?=\d{3}\b)", lambda m: "\u00a0" if m.start() % 2 else "\u202f", text)


def keyboard_typed(content: Content) -> Content:
    """The same report typed on a Russian keyboard: every Kazakh letter as its stand-in, Latin
    look-alikes inside the headings' words, odd spaces in numbers, soft hyphens in long words.
    The expected model follows: values keep the letters the author typed."""
    expected = content.get("expected")
    typed: Content = _map_strings({k: v for k, v in content.items() if k != "expected"},
                                  lambda s: _noisy_number(s.translate(_KEYBOARD)))
    if expected is not None:
        typed["expected"] = _map_strings(expected, lambda s: s.translate(_KEYBOARD))
    typed["typed"] = True
    for key in _LABEL_KEYS:
        if key in typed:
            typed[key] = _latin_in_every_other_word(typed[key])
    if isinstance(typed.get("header"), list):
        typed["header"] = [[_latin_in_every_other_word(label), value] for label, value in typed["header"]]
    if "task_columns" in typed:
        typed["task_columns"] = [_latin_in_every_other_word(c) for c in typed["task_columns"]]
    typed["narrative"] = [re.sub(r"(\w{6})(\w{5,})", "\\1\u00ad\\2", p) for p in typed["narrative"]]
    if "name" in content:
        typed["name"] = f"{content['name']}_typed"
    return typed


# --------------------------------------------------------------------------- resolving


def _colon(label: str, layout: Layout) -> str:
    label = label.rstrip().rstrip(":")
    return f"{label}:" if layout.label_colons else label


def resolve(content: Content, layout: Layout) -> Content:
    """The words one rendering prints: the content's values with the form's wordings filled
    in (schema 2) or kept (schema 1), as one flat dict the renderer reads."""
    if content.get("schema") != 2:
        return _resolve_v1(content, layout)
    lang = content["language"]

    def w(family: str) -> Any:
        return wording(lang, family, layout.word(family))

    typed = bool(content.get("typed"))

    def label(text: str) -> str:
        return _latin_in_every_other_word(text.translate(_KEYBOARD)) if typed else text

    plan_fact = w("plan_fact")
    sheet: Content = {
        "language": lang,
        "agreement_line": content["agreement_line"],
        "title": label(w("title")),
        "header": [[label(w(f"header_labels.{key}")), content["header"][key]] for key in HEADER_KEYS],
        "section1_heading": label(w("section1_heading")),
        "section1_intro": w("section1_intro"),
        "narrative": content["narrative"],
        "table_intro": label(w("table_intro")),
        "goal": [label(w("goal_label")), content["goal"]],
        "achieved": [label(w("achieved_label")), content["achieved"]],
        "task_labels": {key: label(w(f"task_columns.{key}")) for key in (*TASK_LABEL_KEYS, "number")},
        "plan_fact": list(plan_fact),
        "tasks": content["tasks"],
        "deviation_label": label(w("deviation_label")),
        "deviation": content["deviation"],
        "socio_heading": label(w("socio_heading")),
        "socio_columns": [w(f"socio_columns.{key}") for key in ("number", "indicator", "unit", "plan", "fact")],
        "socio_rows": [[w(f"socio_rows.{key}"), content["socio"][key]["unit"], content["socio"][key]["plan"],
                        content["socio"][key]["fact"]] for key in SOCIO_KEYS],
        "section4_heading": w("section4_heading"),
        "gender_heading": label(w("gender_heading")),
        "gender_columns": [w("total"), *w("gender_columns")],
        "gender_values": content["gender_values"],
        "category_heading": label(w("category_heading")),
        "category_columns": [w("total"), *w("category_columns")],
        "category_values": content["category_values"],
        "age_heading": label(w("age_heading")),
        "age_columns": [w("total"), *w("age_columns")],
        "age_values": content.get("age_values"),
        "partners_heading": label(w("partners_heading")),
        "partners_note": w("partners_note"),
        "partners_columns": list(w("partners_columns")),
        "partners": content["partners"],
        "page_count_label": label(w("page_count_label")),
        "page_count": content["page_count"],
        "grantee_label": label(w("grantee_label")),
        "signatory_label": label(w("signatory_label")),
        "signatory_position": content["signatory_position"],
        "signatory_name": content["signatory_name"],
        "fill_date_label": label(w("fill_date_label")),
        "fill_date": content["fill_date"],
        "seal": w("seal"),
    }
    for section in ("section2", "section3", "section5", "section6"):
        heading = w(f"section_headings.{section}")
        sheet[section] = _section(heading, content[section], layout)
    return sheet


def _section(heading: str, body: list[str], layout: Layout) -> list[str]:
    if layout.heading_with_body and body:
        return [f"{heading} {body[0]}", *body[1:]]
    return [heading, *body]


def _resolve_v1(content: Content, layout: Layout) -> Content:
    """A schema-1 content already holds its wordings; only the task labels are keyed."""
    sheet = copy.copy(content)
    columns = content["task_columns"]
    sheet["task_labels"] = dict(zip(TASK_LABEL_KEYS, columns, strict=True)) | {"number": "№"}
    return sheet
