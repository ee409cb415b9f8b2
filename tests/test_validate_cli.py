"""`grantparse validate` and `grantparse checks` as an auditor runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import grantparse
from grantparse import cli, validate
from grantparse.cli import app
from tests.conftest import SAMPLES
from tests.truth import CONTRACT_CODES

runner = CliRunner()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of reports as NGOs send them: good ones, a broken one, a letter, in sub-folders."""
    (tmp_path / "2024" / "q4").mkdir(parents=True)
    shutil.copy(SAMPLES / "report_kk_rows.docx", tmp_path / "2024" / "a.docx")
    shutil.copy(SAMPLES / "report_kk_stacked.pdf", tmp_path / "2024" / "q4" / "b.pdf")
    (tmp_path / "2024" / "q4" / "broken.pdf").write_bytes(b"%PDF-1.7\n garbage")
    (tmp_path / "notes.txt").write_text("not a report")
    return tmp_path


def test_validate_folder_json(folder: Path) -> None:
    result = runner.invoke(app, ["validate", str(folder), "--format", "json"])
    assert result.exit_code == 1, result.output  # the broken file is an error finding
    data = json.loads(result.stdout)
    paths = [Path(r["path"]).name for r in data["results"]]
    assert paths == ["a.docx", "b.pdf", "broken.pdf"]  # recursive, stable order, .txt skipped
    by_name = {Path(r["path"]).name: r for r in data["results"]}
    assert by_name["broken.pdf"]["status"] == "failed" and by_name["broken.pdf"]["report"] is None
    assert by_name["broken.pdf"]["findings"][0]["code"] == "unreadable-file"
    assert by_name["a.docx"]["status"] == "findings"
    assert by_name["b.pdf"]["report"]["header"]["grant_amount"] == 10_125_000
    summary = data["summary"]
    assert summary["files"] == 3 and summary["failed"] == 1 and summary["errors"] == 1
    assert summary["warnings"] > 0 and summary["infos"] > 0
    finding = by_name["b.pdf"]["findings"][0]
    assert set(finding) >= {"code", "severity", "message", "location"}


def test_exit_zero_without_errors() -> None:
    result = runner.invoke(app, ["validate", str(SAMPLES / "report_kk_shuffled.docx")])
    assert result.exit_code == 0
    assert "partner-count-mismatch" in result.stdout and "report_kk_shuffled.docx" in result.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["validate", str(tmp_path / "missing.pdf")]).exit_code == 2
    assert runner.invoke(app, ["validate", str(SAMPLES), "--lang", "de"]).exit_code == 2
    assert runner.invoke(app, ["validate", str(SAMPLES), "--select", "no-such-check"]).exit_code == 2


def test_select_lang_and_output(tmp_path: Path) -> None:
    out = tmp_path / "out" / "result.json"
    result = runner.invoke(app, ["validate", str(SAMPLES / "report_kk_rows.pdf"), "--format", "json",
                                 "--select", "partner-count-mismatch,page-count-mismatch", "--lang", "ru",
                                 "--output", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    codes = [f["code"] for f in data["results"][0]["findings"]]
    assert sorted(codes) == ["page-count-mismatch", "partner-count-mismatch"]
    assert "В социально-экономической таблице названо партнёров: 5" in json.dumps(data, ensure_ascii=False)
    assert not list(out.parent.glob(".*.tmp"))  # written atomically, nothing left behind


def test_config_file_selects_like_ruff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.grantparse]\nignore = ["future-tense-narrative"]\nlang = "en"\n')
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", str(SAMPLES / "report_kk_rows.docx"), "--format", "json"])
    findings = json.loads(result.stdout)["results"][0]["findings"]
    assert findings and "future-tense-narrative" not in {f["code"] for f in findings}
    assert any(f["message"].startswith("The socio-economic table names 5 partners") for f in findings)
    (tmp_path / "grantparse.toml").write_text('select = ["gender"]\n')
    result = runner.invoke(app, ["validate", str(SAMPLES / "report_kk_rows.docx"), "--format", "json"])
    assert json.loads(result.stdout)["results"][0]["findings"] == []


def test_bad_config_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "grantparse.toml").write_text('selekt = ["gender"]\n')
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["validate", str(SAMPLES / "report_kk_rows.docx")]).exit_code == 2


def test_parallel_jobs_give_the_same_results(folder: Path) -> None:
    one = json.loads(runner.invoke(app, ["validate", str(folder), "-f", "json"]).stdout)
    two = json.loads(runner.invoke(app, ["validate", str(folder), "-f", "json", "--jobs", "2"]).stdout)
    assert one == two


def test_checks_catalogue() -> None:
    result = runner.invoke(app, ["checks", "--format", "json"])
    rows = json.loads(result.stdout)
    codes = {r["code"]: r for r in rows}
    assert codes["fact-below-plan"]["severity"] == "error / warning"
    assert codes["gender-total-mismatch"]["area"] == "statistics"
    table = runner.invoke(app, ["checks"])
    listed = {line.split()[0] for line in table.stdout.splitlines() if line.strip() and not line[0].isspace()}
    assert listed == set(codes) == CONTRACT_CODES  # every documented code, check-failed too
    assert codes["check-failed"]["severity"] == "error"


def test_an_output_that_cannot_be_written_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    result = runner.invoke(app, ["validate", str(SAMPLES / "report_kk_rows.docx"), "--format", "json",
                                 "--output", str(tmp_path / "a-file" / "out.json")])
    assert result.exit_code == 2 and "cannot be written" in result.stderr


def test_grantparse_failing_itself_exits_3(monkeypatch: pytest.MonkeyPatch) -> None:
    def fails(*args: object) -> None:
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(cli, "_emit", fails)
    result = runner.invoke(app, ["validate", str(SAMPLES / "report_kk_rows.docx"), "-q"])
    assert result.exit_code == 3
    assert result.stderr.strip() == "grantparse: internal error, output incomplete: RuntimeError: renderer broke"


def test_python_api_returns_findings_with_the_model() -> None:
    run = validate(SAMPLES / "report_kk_stacked.docx", lang="en")
    (result,) = run.results
    assert result.report is not None and result.report.gender.total == 647
    assert {f.code for f in result.findings} >= {"payroll-equals-grant", "missing-fill-date"}
    assert isinstance(grantparse.read(SAMPLES / "report_kk_stacked.docx"), grantparse.Report)
