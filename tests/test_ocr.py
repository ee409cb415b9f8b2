"""Scanned reports: the committed scan (the stacked PDF rasterised at 200 dpi into an
image-only PDF by the sample builder) read by OCR against its born-digital twin; OCR modes;
a scanned page among text pages; the pixel rules and reading fixes on their own."""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pytest

import grantparse
from grantparse.checks import run_checks
from grantparse.errors import ReadError
from grantparse.extract.context import Context
from grantparse.extract.tasks import _same_text
from grantparse.model import Report
from grantparse.readers import ocr, ocr_words
from grantparse.readers.document import Cell, Document, Table, TextItem
from grantparse.readers.scan_rules import erase_rules, estimate_skew, find_rules
from grantparse.settings import Limits
from grantparse.structure import Layout
from tests.conftest import SAMPLES, read_sample
from tests.truth import field_agreement

SCAN = SAMPLES / "report_kk_stacked_scan.pdf"
TWIN = "report_kk_stacked.pdf"
HAVE_TESSERACT = ocr.available()
REQUIRE_TESSERACT = os.environ.get("GRANTPARSE_REQUIRE_TESSERACT") == "1"

needs_tesseract = pytest.mark.skipif(not HAVE_TESSERACT and not REQUIRE_TESSERACT,
                                     reason="tesseract with kaz/rus models is not installed")


@pytest.fixture(scope="module")
def scanned() -> Report:
    if not HAVE_TESSERACT:
        pytest.fail("tesseract with the kaz and rus models is required (GRANTPARSE_REQUIRE_TESSERACT=1)")
    return grantparse.read(SCAN)


@pytest.fixture(scope="module")
def twin() -> Report:
    return read_sample(TWIN)


# --------------------------------------------------------------------------- the scanned sample


def test_sample_is_a_scan() -> None:
    import pdfplumber

    with pdfplumber.open(SCAN) as pdf:
        assert len(pdf.pages) == 15
        assert not any(page.chars for page in pdf.pages)  # no text layer at all


@needs_tesseract
def test_scan_is_read_by_ocr(scanned: Report, twin: Report) -> None:
    assert scanned.source.ocr is True and twin.source.ocr is False
    assert scanned.source.pages == 15
    assert scanned.language == "kk"


@needs_tesseract
def test_scan_header(scanned: Report, twin: Report) -> None:
    header = scanned.header
    assert header.organization_name == "«Рухтан» қоғамдық қоры"
    assert header.leader_name == "Кушанова Гулнур Джексембаевна"
    assert header.phones == ["+77023233790"]
    assert header.project_title == "Маңғыстау облысында пікірсайыс қозғалысын дамыту"
    assert header.grant_amount == 10_125_000
    assert header.agreement_number == "56"
    assert str(header.agreement_date) == "2024-04-30"
    assert header.period is not None and (str(header.period.start), str(header.period.end)) == ("2024-04-01",
                                                                                                 "2024-11-30")
    assert header.model_dump(exclude={"period_raw"}) == twin.header.model_dump(exclude={"period_raw"})


@needs_tesseract
def test_scan_statistics_tables(scanned: Report, twin: Report) -> None:
    assert (scanned.gender.male, scanned.gender.female, scanned.gender.total) == (327, 320, 647)
    assert scanned.gender == twin.gender
    assert scanned.social_categories == twin.social_categories
    assert scanned.age == twin.age


@needs_tesseract
def test_scan_socio_economic_table(scanned: Report, twin: Report) -> None:
    socio, reference = scanned.socio_economic, twin.socio_economic
    assert (socio.direct_beneficiaries.plan, socio.direct_beneficiaries.fact) == (560, 647)
    assert (socio.payroll.plan, socio.payroll.fact) == (10_125_000, 10_125_000)
    for key in ("direct_beneficiaries", "indirect_beneficiaries", "staff", "specialists", "ngos_covered",
                "payroll", "taxes", "economy_contribution"):
        got, want = getattr(socio, key), getattr(reference, key)
        assert (got.plan, got.fact) == (want.plan, want.fact), key
    assert socio.partners.plan is not None and "Адвер" in socio.partners.plan


@needs_tesseract
def test_scan_agrees_with_its_twin_on_nine_fields_in_ten(scanned: Report, twin: Report) -> None:
    share, misses = field_agreement(scanned, twin)
    assert share >= 0.90, misses[:40]
    assert len(scanned.tasks) == len(twin.tasks)
    assert [len(t.activities) for t in scanned.tasks] == [len(t.activities) for t in twin.tasks]


@needs_tesseract
def test_scan_gives_the_findings_of_its_twin(scanned: Report, twin: Report) -> None:
    def codes(report: Report) -> list[str]:
        return sorted(f.code for f in run_checks(report))

    assert codes(scanned) == codes(twin)
    identical = [f for f in run_checks(scanned) if f.code == "plan-fact-identical"]
    assert identical and identical[0].needs_review  # OCR cannot show "character for character"


@needs_tesseract
def test_doubtful_readings_are_marked(scanned: Report) -> None:
    doubtful = [n for n in scanned.notes if n.reason.startswith("read by OCR with low confidence")]
    assert doubtful and all(n.needs_review and n.raw for n in doubtful)
    assert all(not n.reason.startswith("read by OCR") for n in read_sample(TWIN).notes)


# --------------------------------------------------------------------------- modes and mixed files


def test_ocr_never_refuses_a_scan() -> None:
    with pytest.raises(ReadError) as caught:
        grantparse.read(SCAN, Limits(ocr="never"))
    assert caught.value.code == "no-text-layer" and "OCR is off" in caught.value.reason


def test_without_tesseract_a_scan_is_no_text_layer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("grantparse.readers.pdf.ocr_available", lambda: False)
    with pytest.raises(ReadError) as caught:
        grantparse.read(SCAN)
    assert caught.value.code == "no-text-layer" and "tesseract" in caught.value.reason


def test_unknown_ocr_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="ocr must be one of"):
        Limits(ocr="sometimes")


def _with_pages_scanned(tmp_path: Path, scanned: set[int], scan_path: Path = SCAN) -> Path:
    """The stacked PDF with the given pages (0-based) taken from a scan of it instead."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    digital, scan = PdfReader(SAMPLES / TWIN), PdfReader(scan_path)
    for index, page in enumerate(digital.pages):
        writer.add_page(scan.pages[index] if index in scanned else page)
    path = tmp_path / "partly_scanned.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


@needs_tesseract
def test_a_scanned_page_among_text_pages_is_read(tmp_path: Path, twin: Report) -> None:
    """Page 14 (age table, partners, page count, signature) signed and scanned, the rest text."""
    path = _with_pages_scanned(tmp_path, {13})
    report = grantparse.read(path)
    assert report.source.ocr is True
    assert report.signatory == twin.signatory and report.signatory is not None
    assert report.declared_page_count == twin.declared_page_count == 25
    assert report.age == twin.age
    assert len(report.partners) == len(twin.partners) == 4
    assert report.header == twin.header  # the text pages are read as text
    never = grantparse.read(path, Limits(ocr="never"))
    assert never.source.ocr is False and never.partners == [] and never.declared_page_count is None


@needs_tesseract
def test_a_seal_and_a_signature_over_a_scanned_page(tmp_path: Path, twin: Report) -> None:
    """The signed page scanned in colour with a blue seal and a pen stroke across its text."""
    from samples.build import scan_pdf

    sealed = scan_pdf(SAMPLES / TWIN, tmp_path / "sealed.pdf", sealed_pages=frozenset({13}))
    report = grantparse.read(_with_pages_scanned(tmp_path, {13}, sealed))
    assert report.source.ocr is True
    assert report.signatory == twin.signatory
    assert report.declared_page_count == twin.declared_page_count
    assert report.age == twin.age
    assert [p.name for p in report.partners] == [p.name for p in twin.partners]


@needs_tesseract
def test_a_searchable_scan_is_read_by_ocr(tmp_path: Path, twin: Report) -> None:
    """Scanner software often adds an invisible text layer to the image: the page has words
    but its tables are pixels, so in ``auto`` it is read by OCR like any scan."""
    import pdfplumber
    import pytesseract
    from pypdf import PdfReader, PdfWriter

    with pdfplumber.open(SCAN) as pdf:  # page 13: the statistics tables
        image = pdf.pages[12].to_image(resolution=200).original.convert("L")
    searchable = tmp_path / "searchable.pdf"
    searchable.write_bytes(pytesseract.image_to_pdf_or_hocr(image, lang="kaz+rus", extension="pdf",
                                                             config="--dpi 200"))
    writer = PdfWriter()
    for index, page in enumerate(PdfReader(SAMPLES / TWIN).pages):
        writer.add_page(PdfReader(searchable).pages[0] if index == 12 else page)
    path = tmp_path / "with_searchable_page.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pdfplumber.open(path) as pdf:
        assert pdf.pages[12].chars and not pdf.pages[12].edges  # words, but no drawn table
    report = grantparse.read(path)
    assert report.source.ocr is True
    assert (report.gender, report.social_categories) == (twin.gender, twin.social_categories)
    as_text = grantparse.read(path, Limits(ocr="never"))  # its text layer alone finds no table
    assert as_text.source.ocr is False and as_text.gender.total is None


@needs_tesseract
def test_a_worker_gets_more_time_for_ocr(tmp_path: Path) -> None:
    """Four seconds do not read three scanned pages; the worker asks for the time OCR takes."""
    from functools import partial

    from grantparse.isolate import run_isolated
    from grantparse.validation import validate_file

    path = _with_pages_scanned(tmp_path, {0, 1, 2})
    for per_page, fails in ((60.0, False), (0.0, True)):
        limits = Limits(timeout_seconds=4.0, ocr_seconds_per_page=per_page)
        if fails:
            with pytest.raises(ReadError, match="no result within"):
                run_isolated(partial(validate_file, limits=limits), path, limits)
        else:
            result = run_isolated(partial(validate_file, limits=limits), path, limits)
            assert result.report is not None and result.report.source.ocr


# --------------------------------------------------------------------------- pixels and readings


def _grid_page() -> np.ndarray:
    """A white 300-dpi page with a 3×2 ruled table, an underline and a filled block."""
    page = np.full((1200, 1600), 255, dtype=np.uint8)
    for y in (100, 300, 500):  # rows, 3 px thick
        page[y:y + 3, 100:1300] = 0
    for x in (100, 700, 1297):  # columns
        page[100:503, x:x + 3] = 0
    page[800:802, 200:900] = 0  # an underline: no rule meets it
    page[950:1100, 200:600] = 0  # a filled block (a logo): too thick to be a rule
    page[200:230, 300:312] = 0  # a letter-sized mark inside a cell
    return page


def test_rules_are_found_from_pixels() -> None:
    horizontal, vertical = find_rules(_grid_page(), dpi=300)
    assert sorted(round(r.position) for r in horizontal) == [101, 301, 501]
    assert sorted(round(r.position) for r in vertical) == [101, 701, 1298]
    assert all(r.start <= 101 and r.end >= 1296 for r in horizontal)


def test_erased_rules_leave_the_text() -> None:
    page = _grid_page()
    horizontal, vertical = find_rules(page, dpi=300)
    clean = erase_rules(page, horizontal + vertical)
    assert (clean[95:110, 100:1300] == 255).all() and (clean[100:503, 695:710] == 255).all()
    assert (clean[200:230, 300:312] == 0).all()  # the mark inside the cell stays
    assert (clean[800:802, 200:900] == 0).all()  # so does the underline


def test_a_turned_page_is_straightened() -> None:
    from PIL import Image

    page = _grid_page()
    page[600:640, 150:1250] = np.where(np.arange(1100) % 40 < 25, 0, 255)  # a line of "text"
    turned = np.asarray(Image.fromarray(page).rotate(0.7, fillcolor=255))
    assert estimate_skew(turned < 160) == pytest.approx(-0.7, abs=0.1)
    assert abs(estimate_skew(page < 160)) < 0.1


@pytest.mark.parametrize(("text", "number"), [
    ("З", "3"), ("т", "1"), ("1О0", "100"), ("Кеміндеі", "Кемінде 1"), ("кемінде1", "кемінде 1"),
    ("20І4", "2014"), ("б", None), ("о", None), ("сот", None), ("10", None), ("т.б.", None),
])
def test_digits_read_as_letters(text: str, number: str | None) -> None:
    assert ocr_words.numeric_reading(text) == number


def test_low_confidence_values_are_noted_for_review() -> None:
    sure, unsure = TextItem("647", confidence=96.0), TextItem("З30", confidence=41.0)
    table = Table(rows=[[Cell(items=[sure]), Cell(items=[unsure])]])
    ctx = Context(document=Document(blocks=[table], format="pdf"), layout=Layout())
    ctx.from_cell("gender.total", table, 0, 0, table.rows[0][0])
    ctx.from_cell("gender.male", table, 0, 1, table.rows[0][1])
    assert [(n.field, n.needs_review, n.raw) for n in ctx.notes] == [("gender.male", True, "З30")]
    assert "41%" in ctx.notes[0].reason


def test_hocr_words_share_their_line() -> None:
    hocr = io.BytesIO("""<html xmlns="http://www.w3.org/1999/xhtml"><body>
      <span class='ocr_line' title="bbox 100 100 400 140; baseline 0 -8; x_size 40; x_descenders 8">
        <span class='ocrx_word' title='bbox 100 100 200 132; x_wconf 91'>Жоспар</span>
        <span class='ocrx_word' title='bbox 220 104 400 140; x_wconf 55'>бойынша</span>
      </span></body></html>""".encode()).getvalue()
    readings, size = ocr_words.parse_hocr(hocr)
    assert [(r.text, r.conf, r.line) for r in readings] == [("Жоспар", 91.0, 0), ("бойынша", 55.0, 0)]
    assert size == 40.0 and readings[0].line_baseline == 132.0


def test_a_task_repeated_on_every_row_is_one_task_as_ocr_reads_it_again() -> None:
    # A task's title written on each of its rows, read by OCR a letter (or a speck read as a
    # digit) differently each time: still one task; another task's title is not.
    first = "Жоба туралы ақпаратты кеңінен тарату және балаларды тегін спорт секцияларына 3 тіркеу"
    again = "Жоба туралы акпаратты кеңінен тарату және балаларды тегін спорт секцияларына 1 тіркеу"
    other = "Астана қаласының үш ауданында футбол, волейбол және дзюдо бойынша тегін спорт секцияларын ашу"
    assert _same_text(first, again, read_by_ocr=True)
    assert not _same_text(first, again)  # a text layer says exactly what it says
    assert not _same_text(first, other, read_by_ocr=True)
