"""Russian, keyboard-typed Kazakh and re-laid-out renderings of the same report give the
same numbers, dates, amounts and counts as the Kazakh original — and the same findings."""

from __future__ import annotations

import pytest

from grantparse.checks import run_checks
from grantparse.normalise import fold
from tests.conftest import read_sample
from tests.test_checks import SEED_CODES
from tests.truth import folded_text, indicator_recall, measures

RENDERINGS = [
    f"report_{name}.{ext}"
    for name in ("ru_stacked", "ru_rows", "kktyped_shuffled", "kktyped_stacked", "kk_numbered")
    for ext in ("docx", "pdf")
]
REFERENCE = "report_kk_stacked.docx"


@pytest.mark.parametrize("name", RENDERINGS)
def test_same_measures_as_the_original(name: str) -> None:
    reference, report = measures(read_sample(REFERENCE)), measures(read_sample(name))
    assert len(reference) > 500  # every count, amount, date, phone and indicator value
    assert report == reference


@pytest.mark.parametrize("name", RENDERINGS)
def test_same_findings_as_the_original(name: str) -> None:
    report = read_sample(name)
    expected = SEED_CODES | ({"page-count-mismatch"} if name.endswith(".pdf") else set())
    assert {f.code for f in run_checks(report)} == expected


@pytest.mark.parametrize("name", [n for n in RENDERINGS if "ru_" in n])
def test_russian_is_detected_and_read(name: str) -> None:
    report = read_sample(name)
    assert report.language == "ru"
    assert report.header.organization_name == "Общественный фонд «Рухтан»"
    assert report.header.phones == ["+77023233790"]
    assert report.tasks[0].activities[0].indicators[4].name == "Количество дебатеров"
    plan = report.tasks[0].activities[0].indicators[4].plan
    assert (plan.value, plan.at_least) == (500, True)  # «Не менее 500»
    assert report.signatory.name == "Кушанова Г.Д."
    findings = run_checks(report)
    partner = next(f for f in findings if f.code == "partner-count-mismatch")
    assert partner.message == "В социально-экономической таблице названо партнёров: 5, а в таблице партнёров: 4"


@pytest.mark.parametrize("name", [n for n in RENDERINGS if "kktyped" in n])
def test_keyboard_typed_kazakh_keeps_the_authors_letters(name: str) -> None:
    report = read_sample(name)
    assert report.language == "kk"
    assert report.header.organization_name == "«Рухтан» когамдык коры"  # as typed, not «corrected»
    assert folded_text(report) == folded_text(read_sample(REFERENCE))
    assert fold(report.header.project_title) == fold("Маңғыстау облысында пікірсайыс қозғалысын дамыту")


@pytest.mark.parametrize("name", ["report_kk_numbered.docx", "report_kk_numbered.pdf"])
def test_extra_number_column_and_reordered_columns(name: str) -> None:
    report = read_sample(name)
    assert indicator_recall(report) == 1.0
    act = report.tasks[5].activities[0]
    assert (act.place, act.participants, act.dates_raw) == ("Renasans school ғимараты", 120, "16.11.24")
