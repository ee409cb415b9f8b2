"""A layout the parser was never tuned on, built afresh by the sample builder.

The «holdout» layout (landscape task table, one indicator per row, header in a table,
statistics before the socio-economic table, DejaVu Serif, wider margins) must give the same
report as the committed samples — field for field.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import grantparse
from grantparse.checks import run_checks
from grantparse.model import Report
from samples.build import build_pairs
from tests.conftest import read_sample
from tests.truth import field_agreement, indicator_recall, measures

HAVE_SOFFICE = bool(shutil.which("soffice") or shutil.which("libreoffice"))
REQUIRE_SOFFICE = os.environ.get("GRANTPARSE_REQUIRE_SOFFICE") == "1"


@pytest.fixture(scope="module")
def holdout(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Report]:
    """«kk.docx», «ru.pdf», … — the holdout layout in every language rendering."""
    out = tmp_path_factory.mktemp("holdout")
    if not HAVE_SOFFICE and REQUIRE_SOFFICE:
        pytest.fail("LibreOffice is required here (GRANTPARSE_REQUIRE_SOFFICE=1)")
    pairs = [("kk", "holdout"), ("ru", "holdout"), ("kktyped", "holdout"), ("ru", "breaks"), ("kk", "centred"),
             ("ru", "centred")]
    paths = build_pairs(out, pairs, pdf=HAVE_SOFFICE)
    return {f"{p.stem.split('_', 1)[1].replace('_holdout', '')}.{p.suffix.lstrip('.')}": grantparse.read(p)
            for p in paths}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_holdout_layout_matches_reference(holdout: dict[str, Report], fmt: str) -> None:
    if f"kk.{fmt}" not in holdout:
        pytest.skip("LibreOffice is not installed: no PDF rendering")
    report = holdout[f"kk.{fmt}"]
    reference = read_sample("report_kk_stacked.docx")
    agreement, misses = field_agreement(report, reference)
    assert agreement >= 0.99, misses[:20]
    assert indicator_recall(report) == 1.0
    assert report.header.grant_amount == 10_125_000
    assert report.gender.male == 327 and report.age.bands["13-16"] == 337


@pytest.mark.parametrize("key", ["ru.docx", "ru.pdf", "kktyped.docx", "kktyped.pdf"])
def test_holdout_layout_in_russian_and_typed_kazakh(holdout: dict[str, Report], key: str) -> None:
    if key not in holdout:
        pytest.skip("LibreOffice is not installed: no PDF rendering")
    reference = read_sample("report_kk_stacked.docx")
    assert measures(holdout[key]) == measures(reference)
    expected = {f.code for f in run_checks(read_sample("report_kk_stacked." + key.split(".")[1]))}
    assert {f.code for f in run_checks(holdout[key])} - {"page-count-mismatch"} == expected - {"page-count-mismatch"}


def test_indicators_stacked_with_line_breaks(holdout: dict[str, Report]) -> None:
    """Stacked indicators typed with Shift+Enter (one paragraph, manual breaks) pair up in a
    DOCX. (In its PDF, with no paragraph spacing, a wrapped name and a new one look alike:
    see the closing note of the hostile-files issue — pairings that do not add up are marked
    for review.)"""
    assert measures(holdout["ru_breaks.docx"]) == measures(read_sample("report_kk_stacked.docx"))


@pytest.mark.parametrize("key", ["kk_centred.docx", "kk_centred.pdf", "ru_centred.docx", "ru_centred.pdf"])
def test_centred_cells_and_clipped_repeated_headers(holdout: dict[str, Report], key: str) -> None:
    if key not in holdout:
        pytest.skip("LibreOffice is not installed: no PDF rendering")
    assert measures(holdout[key]) == measures(read_sample("report_kk_stacked.docx"))


def test_committed_samples_agree_with_each_other() -> None:
    reference = read_sample("report_kk_stacked.docx")
    for name in ("report_kk_stacked.pdf", "report_kk_rows.docx", "report_kk_rows.pdf",
                 "report_kk_shuffled.docx", "report_kk_shuffled.pdf"):
        agreement, misses = field_agreement(read_sample(name), reference)
        assert agreement >= 0.99, (name, misses[:20])


def test_builder_writes_real_documents(tmp_path: Path) -> None:
    import docx

    (path,) = build_pairs(tmp_path, [("kk", "rows")], pdf=False)
    document = docx.Document(str(path))
    task_table = max(document.tables, key=lambda t: len(t.rows))
    assert len(task_table.columns) == 10
    assert task_table.cell(1, 7).text == "жоспар" and task_table.cell(1, 8).text == "факт"
