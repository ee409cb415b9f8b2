"""The command line, run as a user would: real files in, exit codes and output checked."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml
from typer.testing import CliRunner

from grantparse.cli import app
from tests.conftest import SAMPLES

runner = CliRunner()


def test_extract_json() -> None:
    result = runner.invoke(app, ["extract", str(SAMPLES / "report_kk_rows.pdf")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["header"]["grant_amount"] == 10_125_000
    assert data["gender"] == {"total": 647, "male": 327, "female": 320}
    assert data["source"] == {"format": "pdf", "pages": data["source"]["pages"], "ocr": False}
    assert "sources" not in data


def test_extract_with_sources_points_at_pages() -> None:
    result = runner.invoke(app, ["extract", str(SAMPLES / "report_kk_stacked.pdf"), "--with-sources"])
    data = json.loads(result.stdout)
    source = data["sources"]["gender.total"]
    assert source["raw"] == "647" and source["page"] >= 1 and len(source["bbox"]) == 4


def test_extract_yaml_and_table() -> None:
    result = runner.invoke(app, ["extract", str(SAMPLES / "report_kk_shuffled.docx"), "--format", "yaml"])
    assert yaml.safe_load(result.stdout)["declared_page_count"] == 25
    result = runner.invoke(app, ["extract", str(SAMPLES / "report_kk_shuffled.docx"), "--format", "table"])
    assert result.exit_code == 0 and "Кушанова Г.Д." in result.stdout and "10125000" in result.stdout


def test_extract_bad_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"hello, this is not a PDF")
    result = subprocess.run([sys.executable, "-m", "grantparse", "extract", str(letter)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(letter) in lines[0] and "unreadable-file" in lines[0]


def test_extract_missing_file() -> None:
    result = runner.invoke(app, ["extract", "no/such/file.pdf"])
    assert result.exit_code == 2


def test_schema_describes_the_contract_keys() -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    for key in ("language", "header", "tasks", "deviation_justification", "socio_economic", "gender",
                "social_categories", "age", "partners", "declared_page_count", "signatory", "fill_date", "source"):
        assert key in schema["properties"]
