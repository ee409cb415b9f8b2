"""Every output format, opened with its own reader: the rows an auditor will sort and filter."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grantparse.cli import app
from tests.conftest import SAMPLES

runner = CliRunner()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    shutil.copy(SAMPLES / "report_kk_rows.docx", folder / "a.docx")
    shutil.copy(SAMPLES / "report_ru_stacked.docx", folder / "b.docx")
    (folder / "c.pdf").write_bytes(b"%PDF-1.4 broken")
    return folder


def _run(*args: str) -> None:
    result = runner.invoke(app, ["validate", *args, "--quiet"])
    assert result.exit_code in (0, 1), result.output


def test_csv(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    _run(str(folder), "-f", "csv", "-o", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {Path(r["file"]).name for r in rows} == {"a.docx", "b.docx", "c.pdf"}
    partner = [r for r in rows if r["code"] == "partner-count-mismatch" and r["file"].endswith("b.docx")]
    assert partner and partner[0]["organisation"] == "Общественный фонд «Рухтан»"
    assert partner[0]["severity"] == "warning" and partner[0]["section"] == "partners" and partner[0]["row"] == "9"
    assert [r["code"] for r in rows if r["file"].endswith("c.pdf")] == ["unreadable-file"]


def test_xlsx(folder: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "out.xlsx"
    _run(str(folder), "-f", "xlsx", "-o", str(out))
    book = load_workbook(out)
    assert book.sheetnames == ["Summary", "Findings", "Figures"]
    summary = book["Summary"]
    header = [c.value for c in summary[1]]
    rows = [dict(zip(header, [c.value for c in row], strict=True)) for row in summary.iter_rows(min_row=2)]
    assert [Path(r["file"]).name for r in rows] == ["a.docx", "b.docx", "c.pdf"]
    assert rows[0]["grant_amount"] == 10_125_000 and rows[0]["direct_beneficiaries_fact"] == 647
    assert rows[2]["status"] == "failed"
    assert summary.freeze_panes == "A2" and summary.auto_filter.ref
    figures = book["Figures"]
    fig_header = [c.value for c in figures[1]]
    first = dict(zip(fig_header, [c.value for c in figures[2]], strict=True))
    assert (first["gender_total"], first["male"], first["female"], first["age_13-16"]) == (647, 327, 320, 337)


def test_json_and_sqlite_with_resume(folder: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "results.db"
    _run(str(folder), "-f", "sqlite", "-o", str(db_path))
    db = sqlite3.connect(db_path)
    assert db.execute("SELECT COUNT(*) FROM reports").fetchone() == (3,)
    (grant,) = db.execute("SELECT grant_amount FROM reports WHERE path LIKE '%a.docx'").fetchone()
    assert grant == 10_125_000
    assert db.execute("SELECT COUNT(*) FROM indicators WHERE sha256 = "
                      "(SELECT sha256 FROM reports WHERE path LIKE '%a.docx')").fetchone() == (101,)
    assert db.execute("SELECT value FROM statistics WHERE tbl='gender' AND key='male' LIMIT 1").fetchone() == (327,)
    findings = db.execute("SELECT COUNT(*) FROM findings").fetchone()[0]
    # Again: rows are replaced, not added; with --resume nothing is read again.
    _run(str(folder), "-f", "sqlite", "-o", str(db_path))
    _run(str(folder), "-f", "sqlite", "-o", str(db_path), "--resume")
    assert db.execute("SELECT COUNT(*) FROM reports").fetchone() == (3,)
    assert db.execute("SELECT COUNT(*) FROM findings").fetchone()[0] == findings
    out = tmp_path / "out.json"
    _run(str(folder), "-f", "json", "-o", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [Path(r["path"]).name for r in data["results"]] == ["a.docx", "b.docx", "c.pdf"]


def test_html_is_self_contained(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.html"
    _run(str(folder), "-f", "html", "-o", str(out), "--lang", "ru")
    html = out.read_text(encoding="utf-8")
    assert "Проверка отчётов по грантам" in html and "Общественный фонд «Рухтан»" in html
    assert "http://" not in html.replace("http://www.w3.org", "") and "<script src" not in html
    assert html.count('<tr class="') == 3  # one summary row per file


def test_binary_formats_need_an_output_file(folder: Path) -> None:
    assert runner.invoke(app, ["validate", str(folder), "-f", "xlsx"]).exit_code == 2
    assert runner.invoke(app, ["validate", str(folder), "--resume"]).exit_code == 2


def test_killed_run_resumes_with_every_file_once(tmp_path: Path) -> None:
    """Kill a sqlite run halfway, resume it: every file is stored exactly once."""
    import os
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    names = ["report_kk_stacked.pdf", "report_kk_rows.pdf", "report_ru_rows.pdf", "report_kk_shuffled.pdf",
             "report_kktyped_stacked.pdf", "report_ru_stacked.pdf"]
    for i, name in enumerate(names):
        shutil.copy(SAMPLES / name, folder / f"{i}_{name}")
    db_path = tmp_path / "run.db"
    command = [sys.executable, "-m", "grantparse", "validate", str(folder), "-f", "sqlite", "-o", str(db_path),
               "--jobs", "1", "--quiet"]
    process = subprocess.Popen(command, start_new_session=True)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        if db_path.exists():
            try:
                stored = sqlite3.connect(db_path).execute("SELECT COUNT(*) FROM reports").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 2:
                break
    os.killpg(process.pid, signal.SIGKILL)  # the run and its worker, mid-file
    process.wait()
    assert 2 <= stored < len(names)
    subprocess.run([*command, "--resume"], check=False, timeout=300)
    rows = sqlite3.connect(db_path).execute("SELECT path FROM reports").fetchall()
    assert sorted(Path(p).name for (p,) in rows) == sorted(p.name for p in folder.iterdir())
    assert len(rows) == len(names)
