"""Every check code: a mutated sample (DOCX and PDF) fires it, the unmutated one does not.

The variants come from ``samples/mutations.py`` and are rendered by the sample builder
exactly like the committed samples; each must change the findings by exactly the codes
its mutation names — nothing new anywhere else.
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pytest

import grantparse
from grantparse.checks import CATALOGUE, run_checks
from grantparse.checks.registry import CheckContext
from grantparse.findings import Finding, Severity
from grantparse.validation import validate_file
from samples.build import LAYOUTS, docx_to_pdfs, load_content, render_docx
from samples.mutations import BY_NAME, MUTATIONS
from tests.conftest import SAMPLES, read_sample
from tests.truth import CONTRACT, CONTRACT_CODES

HAVE_SOFFICE = bool(shutil.which("soffice") or shutil.which("libreoffice"))
REQUIRE_SOFFICE = os.environ.get("GRANTPARSE_REQUIRE_SOFFICE") == "1"

SEED_CODES = {
    "partner-count-mismatch", "payroll-equals-grant", "missing-fill-date", "plan-fact-identical",
    "blank-indicator", "future-tense-narrative", "duplicate-evidence-link", "age-category-inconsistent",
}



def _codes(path: Path) -> set[str]:
    return {f.code for f in validate_file(path).findings}


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """(mutation, format) → file, every variant rendered in the «stacked» layout."""
    out = tmp_path_factory.mktemp("variants")
    content = load_content()
    files: dict[tuple[str, str], Path] = {}
    for mutation in MUTATIONS:
        path = out / f"{mutation.name}.docx"
        render_docx(mutation.apply(content), LAYOUTS["stacked"], path)
        files[(mutation.name, "docx")] = path
    if not HAVE_SOFFICE:
        if REQUIRE_SOFFICE:
            pytest.fail("LibreOffice is required here (GRANTPARSE_REQUIRE_SOFFICE=1)")
        return files
    to_convert = [files[(m.name, "docx")] for m in MUTATIONS if not m.docx_only]
    for pdf in docx_to_pdfs(to_convert, out):
        files[(pdf.stem, "pdf")] = pdf
    return files


def test_catalogue_is_the_documented_one() -> None:
    assert len(CONTRACT_CODES) == 29
    assert set(CATALOGUE) == CONTRACT_CODES
    for code, severity in CONTRACT.items():
        assert CATALOGUE[code].severity_label == severity.replace(" or ", " / "), code
    assert CATALOGUE["gender-total-mismatch"].area == "statistics"


def test_a_check_that_breaks_is_a_finding_and_the_others_still_run(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = CATALOGUE["payroll-equals-grant"]  # one the seed report has

    def broken(ctx: CheckContext) -> Iterable[Finding]:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(CATALOGUE, entry.code, replace(entry, run=broken))
    findings = run_checks(read_sample("report_kk_stacked.docx"), lang="ru")
    failed = [f for f in findings if f.code == "check-failed"]
    assert len(failed) == 1 and failed[0].severity is Severity.error
    assert failed[0].message == "Проверка «payroll-equals-grant» не выполнена: ZeroDivisionError: division by zero"
    assert {f.code for f in findings} - {"check-failed"} == SEED_CODES - {entry.code}


@pytest.mark.parametrize("name", ["report_kk_stacked.docx", "report_kk_rows.docx", "report_kk_shuffled.docx"])
def test_seed_findings_docx(name: str) -> None:
    """The seed report's findings, exactly: the DOCX records no page count to compare."""
    assert {f.code for f in run_checks(read_sample(name))} == SEED_CODES


@pytest.mark.parametrize("name", ["report_kk_stacked.pdf", "report_kk_rows.pdf", "report_kk_shuffled.pdf"])
def test_seed_findings_pdf(name: str) -> None:
    """…and the PDFs, whose page count is not the declared 25."""
    report = read_sample(name)
    assert report.source.pages != 25
    assert {f.code for f in run_checks(report)} == SEED_CODES | {"page-count-mismatch"}


def test_seed_finding_details() -> None:
    findings = run_checks(read_sample("report_kk_stacked.pdf"))
    by_code = Counter(f.code for f in findings)
    assert by_code["blank-indicator"] == 2  # taxes and purchases; «-» for specialists is not blank
    assert {f.location.field for f in findings if f.code == "blank-indicator"} == {"taxes", "economy_contribution"}
    assert by_code["duplicate-evidence-link"] == 2  # the same two posts for tasks 5 and 8
    assert by_code["future-tense-narrative"] >= 3
    partner = next(f for f in findings if f.code == "partner-count-mismatch")
    assert "5" in partner.message and "4" in partner.message
    assert partner.location.page is not None
    age = next(f for f in findings if f.code == "age-category-inconsistent")
    assert "337" in age.message and "13-16" in age.message
    pages = next(f for f in findings if f.code == "page-count-mismatch")
    assert "25" in pages.message


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("mutation", [m.name for m in MUTATIONS])
def test_mutation_changes_exactly_its_codes(variants: dict[tuple[str, str], Path], mutation: str, fmt: str) -> None:
    m = BY_NAME[mutation]
    if (mutation, fmt) not in variants:
        pytest.skip("DOCX-only mutation" if m.docx_only else "LibreOffice is not installed")
    base = SEED_CODES | ({"page-count-mismatch"} if fmt == "pdf" else set())
    assert _codes(variants[(mutation, fmt)]) == (base | m.adds) - m.removes


def test_fact_below_plan_severity(variants: dict[tuple[str, str], Path]) -> None:
    plain = validate_file(variants[("fact_below_plan", "docx")]).findings
    justified = validate_file(variants[("fact_below_plan_justified", "docx")]).findings
    (a,) = [f for f in plain if f.code == "fact-below-plan"]
    (b,) = [f for f in justified if f.code == "fact-below-plan"]
    assert a.severity is Severity.error and b.severity is Severity.warning
    assert "30" in a.message and "35" in a.message
    assert (a.location.task, a.location.activity) == (1, 1)


def test_gender_message_states_the_numbers(variants: dict[tuple[str, str], Path]) -> None:
    path = variants[("gender_sum", "docx")]
    (kk,) = [f for f in validate_file(path).findings if f.code == "gender-total-mismatch"]
    assert kk.message == "Ерлер (330) + Әйелдер (320) = 650, ал барлығы 647"
    (ru,) = [f for f in validate_file(path, lang="ru").findings if f.code == "gender-total-mismatch"]
    assert ru.message == "Мужчины (330) + Женщины (320) = 650, а всего 647"
    (en,) = [f for f in validate_file(path, lang="en").findings if f.code == "gender-total-mismatch"]
    assert en.message == "Men (330) + women (320) = 650, but the total is 647"
    assert kk.location.section == "gender" and kk.severity is Severity.error


def test_prize_message(variants: dict[tuple[str, str], Path]) -> None:
    (finding,) = [f for f in validate_file(variants[("prize_breakdown", "docx")], lang="en").findings
                  if f.code == "prize-fund-mismatch"]
    assert "1 650 000" in finding.message and "1 500 000" in finding.message
    assert (finding.location.task, finding.location.activity) == (4, 2)


def test_event_outside_period_location(variants: dict[tuple[str, str], Path]) -> None:
    if ("event_after_period", "pdf") not in variants:
        pytest.skip("LibreOffice is not installed")
    (finding,) = [f for f in validate_file(variants[("event_after_period", "pdf")]).findings
                  if f.code == "event-outside-period"]
    assert (finding.location.task, finding.location.activity) == (6, 1)
    assert finding.location.page is not None and "16.12.24" in finding.message


def test_right_page_count_is_quiet(tmp_path: Path) -> None:
    if not HAVE_SOFFICE:
        pytest.skip("LibreOffice is not installed")
    pages = read_sample("report_kk_stacked.pdf").source.pages
    content = load_content()
    content["page_count"] = str(pages)
    path = tmp_path / "right_count.docx"
    render_docx(content, LAYOUTS["stacked"], path)
    (pdf,) = docx_to_pdfs([path], tmp_path)
    assert grantparse.read(pdf).source.pages == pages
    assert "page-count-mismatch" not in _codes(pdf)


def test_select_and_ignore() -> None:
    path = SAMPLES / "report_kk_rows.docx"
    assert {f.code for f in validate_file(path, select=["blank-indicator"]).findings} == {"blank-indicator"}
    assert {f.code for f in validate_file(path, select=["payroll"]).findings} == {"payroll-equals-grant"}
    ignored = {f.code for f in validate_file(path, ignore=["future-tense-narrative", "duplicate"]).findings}
    assert ignored == SEED_CODES - {"future-tense-narrative", "duplicate-evidence-link"}


def test_doubtful_values_mark_findings_for_review() -> None:
    """A total that disagrees only through a value read with doubt needs review."""
    from grantparse.model import ExtractionNote

    report = read_sample("report_kk_stacked.docx").model_copy(deep=True)
    report.gender.male = 330
    assert [f.needs_review for f in run_checks(report) if f.code == "gender-total-mismatch"] == [False]
    report.notes.append(ExtractionNote(field="gender.male", reason="low OCR confidence", needs_review=True))
    (finding,) = [f for f in run_checks(report) if f.code == "gender-total-mismatch"]
    assert finding.needs_review and finding.model_dump()["needs_review"] is True


# Same ending, different stems (issue 12): «жарияла-ды» is the past of жариялау, «дайында-л-ады»
# the passive present-future of дайындау. The stem decides, not the ending alone.
_PLANS = ("ұйымдастырылады", "өткізіледі", "дайындалады", "жүктеледі", "жүзеге асырылады", "орналастырылады",
          "тапсырылады", "жарияланады", "тіркеледі", "қаралады", "жасалады", "алынады", "көрсетіледі", "бөлінеді")
_PAST = ("жариялады", "сайлады", "бағалады", "сөйледі", "белгіледі", "әңгімеледі", "хабарлады", "тазалады",
         "талқылады", "жоспарлады", "қорытындылады", "ойнады", "жинады", "болады", "пайдаланады",
         "тамашалады")  # (тамаша-ла-ды, enjoyed: a held-out report's, not a «-ша» verb's passive)


@pytest.mark.parametrize("word", _PLANS)
def test_kazakh_plan_forms_are_found(word: str) -> None:
    from grantparse.checks.text import future_forms

    assert future_forms(f"Іс-шара {word}.") == word.split()[-1:]


@pytest.mark.parametrize("word", _PAST)
def test_kazakh_past_forms_are_not_plans(word: str) -> None:
    from grantparse.checks.text import future_forms

    assert future_forms(f"Жаңалықты газет {word}.") == []


def test_links_keep_the_query_that_names_the_thing() -> None:
    from grantparse.checks.text import links

    # two videos on one page are two links; one post shared with and without a tracking
    # query is one link
    assert links("https://www.youtube.com/watch?v=Rk7sYq2PZ0w, https://youtube.com/watch?v=mD4tZ1sQa8E") == [
        "youtube.com/watch?v=Rk7sYq2PZ0w", "youtube.com/watch?v=mD4tZ1sQa8E"]
    assert links("https://www.instagram.com/p/C5xRt2LoQ7m/?igshid=MzRlODBiNWFlZA== "
                 "http://instagram.com/p/C5xRt2LoQ7m/") == ["instagram.com/p/C5xRt2LoQ7m"] * 2
    assert links("https://www.youtube.com/watch?v=Rk7sYq2PZ0w&si=abc&utm_source=tg") == [
        "youtube.com/watch?v=Rk7sYq2PZ0w"]
