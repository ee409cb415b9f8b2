"""Readable files that are not reports, misnamed files, scans (hostile files: test_hostile.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import grantparse
from grantparse.errors import ReadError
from tests.conftest import SAMPLES


def _code(path: Path) -> str:
    with pytest.raises(ReadError) as caught:
        grantparse.read(path)
    return caught.value.code


def test_a_letter_is_not_a_report(tmp_path: Path) -> None:
    import docx

    letter = docx.Document()
    letter.add_paragraph("Құрметті әріптестер!")
    letter.add_paragraph("Сізді 2024 жылғы 5 желтоқсанда өтетін кездесуге шақырамыз.")
    path = tmp_path / "letter.docx"
    letter.save(str(path))
    assert _code(path) == "not-a-grant-report"


def test_pdf_named_docx_is_read_by_content(tmp_path: Path) -> None:
    path = tmp_path / "misnamed.docx"
    path.write_bytes((SAMPLES / "report_kk_rows.pdf").read_bytes())
    assert grantparse.read(path).source.format == "pdf"


def test_input_files_are_not_modified() -> None:
    path = SAMPLES / "report_kk_stacked.docx"
    before = path.read_bytes(), path.stat().st_mtime_ns
    grantparse.read(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_scan_without_text_layer(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (1240, 1754), "white")
    ImageDraw.Draw(page).rectangle((100, 100, 1100, 400), outline="black", width=4)
    path = tmp_path / "scan.pdf"
    page.save(path, "PDF", resolution=150)
    assert _code(path) == "no-text-layer"
