"""Variants of the seed report with one thing changed, for the checks' pass/fail tests.

Each mutation edits the content (``samples/content/report_kk.json``) and says which check
codes it must add to, or remove from, the unmutated report's findings. The sample builder
renders each variant as DOCX (and PDF) exactly like the real samples.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Content = dict[str, Any]


@dataclass(frozen=True)
class Mutation:
    name: str
    change: Callable[[Content], None]
    adds: frozenset[str] = field(default_factory=frozenset)
    removes: frozenset[str] = field(default_factory=frozenset)
    docx_only: bool = False

    def apply(self, content: Content) -> Content:
        mutated = copy.deepcopy(content)
        self.change(mutated)
        return mutated


def _indicator(c: Content, t: int, a: int, i: int) -> dict[str, str]:
    ind: dict[str, str] = c["tasks"][t]["activities"][a]["indicators"][i]
    return ind


def _socio(c: Content, row: int, plan: str | None = None, fact: str | None = None) -> None:
    if plan is not None:
        c["socio_rows"][row][2] = plan
    if fact is not None:
        c["socio_rows"][row][3] = fact


def _past_tense(c: Content) -> None:
    """Rewrite Kazakh future passives as past («дайындалады» → «дайындалды»)."""
    def fix(text: str) -> str:
        return re.sub(r"(л|н)(а|е)(ды|ді)\b", r"\1\3", text)

    c["narrative"] = [fix(p) for p in c["narrative"]]
    for task in c["tasks"]:
        for act in task["activities"]:
            act["short_term"] = fix(act["short_term"])


def _unique_links(c: Content) -> None:
    act = c["tasks"][7]["activities"][0]
    act["short_term"] = act["short_term"].replace("DC6RJA8sw6x", "DD1aaaaaaa1").replace("DC6R5Pesca6", "DD2bbbbbbb2")


def _prize(c: Content) -> None:
    ind = _indicator(c, 3, 1, 5)
    ind["plan"] = ind["fact"] = ind["plan"].replace("1 орын - 3 (200 000тг)", "1 орын - 3 (250 000тг)")


def _set(path: str, value: Any) -> Callable[[Content], None]:
    def change(c: Content) -> None:
        keys = path.split("/")
        target: Any = c
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        last = keys[-1]
        target[int(last) if last.isdigit() else last] = value

    return change


def _both(*changes: Callable[[Content], None]) -> Callable[[Content], None]:
    def change(c: Content) -> None:
        for fn in changes:
            fn(c)

    return change


def _add_partner(c: Content) -> None:
    c["partners"].insert(0, ["«Адвер» баспасы", "Кітап басып шығару", "87012345678", ""])


def _fact(t: int, a: int, i: int, value: str) -> Callable[[Content], None]:
    def change(c: Content) -> None:
        _indicator(c, t, a, i)["fact"] = value

    return change


def _fs(*codes: str) -> frozenset[str]:
    return frozenset(codes)


MUTATIONS: list[Mutation] = [
    Mutation("gender_sum", _set("gender_values/1", "330"), adds=_fs("gender-total-mismatch")),
    Mutation("age_sum", _set("age_values/3", "140"), adds=_fs("age-total-mismatch")),
    Mutation("categories_short", _set("category_values/2", "600"), adds=_fs("category-total-mismatch")),
    Mutation("direct_beneficiaries", lambda c: _socio(c, 0, fact="650"), adds=_fs("participant-total-mismatch")),
    Mutation("payroll_over_grant", lambda c: _socio(c, 5, fact="11 000 000"),
             adds=_fs("payroll-exceeds-grant"), removes=_fs("payroll-equals-grant")),
    Mutation("payroll_under_grant", lambda c: _socio(c, 5, plan="9 000 000", fact="9 000 000"),
             removes=_fs("payroll-equals-grant")),
    Mutation("indirect_below_plan", lambda c: _socio(c, 1, fact="900"), adds=_fs("indicator-below-plan")),
    Mutation("fact_below_plan", _fact(0, 0, 5, "30"), adds=_fs("fact-below-plan"), removes=_fs("plan-fact-identical")),
    Mutation("fact_below_plan_justified",
             _both(_fact(0, 0, 5, "30"),
                   _set("deviation", "Бас қосқан пікірсайысшылар 30 болды: 5 адам ауырып қалды.")),
             adds=_fs("fact-below-plan"), removes=_fs("plan-fact-identical")),
    Mutation("fact_measured", _fact(0, 0, 5, "40"), removes=_fs("plan-fact-identical")),
    Mutation("event_after_period", _set("tasks/5/activities/0/dates", "16.12.24"), adds=_fs("event-outside-period")),
    Mutation("prize_breakdown", _prize, adds=_fs("prize-fund-mismatch")),
    Mutation("partners_agree", _add_partner, removes=_fs("partner-count-mismatch")),
    Mutation("taxes_and_purchases_filled",
             _both(lambda c: _socio(c, 6, "1 000 000", "1 000 000"), lambda c: _socio(c, 7, "2 000 000", "2 000 000")),
             removes=_fs("blank-indicator")),
    Mutation("past_tense", _past_tense, removes=_fs("future-tense-narrative")),
    Mutation("links_unique", _unique_links, removes=_fs("duplicate-evidence-link")),
    Mutation("children_counted", _set("category_values/1", "337"), removes=_fs("age-category-inconsistent")),
    Mutation("other_signer", _set("signatory_name", "Ахметов Б.С."), adds=_fs("signature-mismatch")),
    Mutation("fill_date_given", _set("fill_date", "25.11.2024"), removes=_fs("missing-fill-date")),
    Mutation("organisation_blank", _set("header/0/1", ""), adds=_fs("missing-field")),
    Mutation("foreign_phone", _set("header/2/1", "Актау каласы, 22 мкр 29 дом 55 кв. тел: +7 916 123 45 67"),
             adds=_fs("invalid-phone")),
    Mutation("malformed_phone", _set("header/2/1", "Актау каласы, 22 мкр 29 дом 55 кв. тел: 8702323"),
             adds=_fs("invalid-phone")),
    Mutation("partner_phone_malformed", _set("partners/1/2", "12345"), adds=_fs("invalid-phone")),
    Mutation("period_reversed", _set("header/4/1", "30.11.2024 - 01.04.2024"), adds=_fs("invalid-period")),
    Mutation("amount_in_words", _set("header/5/1", "он миллион теңге"),
             adds=_fs("invalid-amount"), removes=_fs("payroll-equals-grant")),
    Mutation("age_table_missing", _set("age_values", None),
             adds=_fs("missing-section"), removes=_fs("age-category-inconsistent")),
    Mutation("docx_page_metadata", _set("docx_page_metadata", 17), adds=_fs("page-count-mismatch"), docx_only=True),
]

BY_NAME = {m.name: m for m in MUTATIONS}
