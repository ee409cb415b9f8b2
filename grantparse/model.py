"""The typed report model (CONTRACT.md, "Report model").

Every value can say where it came from: :attr:`Report.sources` maps a dotted path
(``"header.grant_amount"``, ``"tasks[0].activities[1].indicators[2].plan"``) to a
:class:`Provenance`. A value that could not be read is ``None`` and has a
:class:`ExtractionNote` in :attr:`Report.notes` saying why — never a guess.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Provenance(_Model):
    """Where a value was read: page, box, table cell and the raw text."""

    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    raw: str | None = None


class ExtractionNote(_Model):
    """Why a field is null or doubtful."""

    field: str
    reason: str
    raw: str | None = None
    needs_review: bool = False


class Period(_Model):
    start: date
    end: date


class Quantity(_Model):
    value: float | int | None = None
    unit: str | None = None
    at_least: bool = False
    at_most: bool = False  # «не более N», «N-нен аспайды»: a ceiling, met by anything up to N


class Indicator(_Model):
    name: str
    plan_raw: str | None = None
    fact_raw: str | None = None
    plan: Quantity = Field(default_factory=Quantity)
    fact: Quantity = Field(default_factory=Quantity)


class Activity(_Model):
    title: str | None = None
    place: str | None = None
    participants: int | None = None
    short_term_results: str | None = None
    long_term_results: str | None = None
    dates: list[Period] = Field(default_factory=list)
    dates_raw: str | None = None
    indicators: list[Indicator] = Field(default_factory=list)


class Task(_Model):
    title: str | None = None
    activities: list[Activity] = Field(default_factory=list)


class Header(_Model):
    organization_name: str | None = None
    leader_name: str | None = None
    address: str | None = None
    phones: list[str] = Field(default_factory=list)
    phones_raw: list[str] = Field(default_factory=list)
    project_title: str | None = None
    period: Period | None = None
    period_raw: str | None = None
    grant_amount: int | None = None
    grant_amount_raw: str | None = None
    agreement_number: str | None = None
    agreement_date: date | None = None


class PlanFact(_Model):
    plan: int | None = None
    fact: int | None = None
    plan_raw: str | None = None
    fact_raw: str | None = None


class PlanFactText(_Model):
    """The partners row: a count or a list of names."""

    plan: str | None = None
    fact: str | None = None


class SocioEconomic(_Model):
    direct_beneficiaries: PlanFact = Field(default_factory=PlanFact)
    indirect_beneficiaries: PlanFact = Field(default_factory=PlanFact)
    staff: PlanFact = Field(default_factory=PlanFact)
    specialists: PlanFact = Field(default_factory=PlanFact)
    ngos_covered: PlanFact = Field(default_factory=PlanFact)
    payroll: PlanFact = Field(default_factory=PlanFact)
    taxes: PlanFact = Field(default_factory=PlanFact)
    economy_contribution: PlanFact = Field(default_factory=PlanFact)
    partners: PlanFactText = Field(default_factory=PlanFactText)


class Gender(_Model):
    total: int | None = None
    male: int | None = None
    female: int | None = None


class SocialCategories(_Model):
    total: int | None = None
    children: int | None = None
    youth: int | None = None
    civil_servants: int | None = None
    public_sector_workers: int | None = None
    disabled: int | None = None
    elderly: int | None = None
    unemployed: int | None = None
    ngo_representatives: int | None = None
    business: int | None = None
    other: int | None = None


AGE_BANDS = ("13-16", "17-22", "23-27", "28-32", "33-45", "46-58", "59+")


class Age(_Model):
    total: int | None = None
    bands: dict[str, int | None] = Field(default_factory=lambda: dict.fromkeys(AGE_BANDS))


class Partner(_Model):
    name: str | None = None
    role: str | None = None
    contact: str | None = None
    note: str | None = None


class Signatory(_Model):
    position: str | None = None
    name: str | None = None


class Source(_Model):
    format: Literal["pdf", "docx"]
    pages: int | None = None
    ocr: bool = False


class Narrative(_Model):
    """Free text around the tables; later checks read it (future tense, links, prizes)."""

    goal: str | None = None
    achieved_result: str | None = None
    activities_description: list[str] = Field(default_factory=list)
    goal_achievement: str | None = None
    social_changes: str | None = None
    results: str | None = None
    partner_analysis: str | None = None


class Report(_Model):
    """One final report on a state grant, as extracted."""

    language: Literal["kk", "ru"] = "kk"
    header: Header = Field(default_factory=Header)
    tasks: list[Task] = Field(default_factory=list)
    deviation_justification: str | None = None
    socio_economic: SocioEconomic = Field(default_factory=SocioEconomic)
    gender: Gender = Field(default_factory=Gender)
    social_categories: SocialCategories = Field(default_factory=SocialCategories)
    age: Age = Field(default_factory=Age)
    partners: list[Partner] = Field(default_factory=list)
    declared_page_count: int | None = None
    signatory: Signatory = Field(default_factory=Signatory)
    fill_date: date | None = None
    fill_date_raw: str | None = None
    source: Source
    narrative: Narrative = Field(default_factory=Narrative)
    sections_found: list[str] = Field(default_factory=list)
    notes: list[ExtractionNote] = Field(default_factory=list)
    sources: dict[str, Provenance] = Field(default_factory=dict, exclude=True)

    def to_json_dict(self, with_sources: bool = False) -> dict[str, object]:
        """The contract's JSON object; ``with_sources`` adds every value's provenance."""
        data = self.model_dump(mode="json")
        if with_sources:
            data["sources"] = {k: v.model_dump(mode="json", exclude_none=True) for k, v in self.sources.items()}
        return data
