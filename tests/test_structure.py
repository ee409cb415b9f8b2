"""Parts of the form found by structure: row ranges of the reader's tables, not whole tables.

Each test renders a real document with the sample builder in the one layout choice it is
about and checks the report against the content's expected model (samples/expected.py).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

import grantparse
from grantparse.checks import run_checks
from grantparse.extract.closing import extract_deviation
from grantparse.extract.context import Context
from grantparse.extract.header import _split_runs, extract_header
from grantparse.readers import read_document
from grantparse.readers.document import Document, Paragraph, Table, TextItem
from grantparse.structure import Layout as Parts
from grantparse.structure import locate_tables
from samples.build import docx_to_pdfs, layout_named
from samples.content import load_content
from samples.expected import score
from samples.layouts import LAYOUTS, Layout
from samples.render_docx import render_docx

HAVE_SOFFICE = bool(shutil.which("soffice") or shutil.which("libreoffice"))
REQUIRE_SOFFICE = os.environ.get("GRANTPARSE_REQUIRE_SOFFICE") == "1"
BASE = LAYOUTS["stacked"]


def _docx(tmp_path: Path, content: str, layout: Layout) -> Path:
    path = tmp_path / f"{content}_{layout.name}.docx"
    render_docx(load_content(content), layout, path)
    return path


def _pdf(tmp_path: Path, docx: Path) -> Path:
    if not HAVE_SOFFICE:
        if REQUIRE_SOFFICE:
            pytest.fail("LibreOffice is required here (GRANTPARSE_REQUIRE_SOFFICE=1)")
        pytest.skip("LibreOffice is not installed")
    return docx_to_pdfs([docx], tmp_path)[0]


def _assert_perfect(path: Path, content: str) -> None:
    result = score(grantparse.read(path), load_content(content))
    assert not result.missed, result.missed[:10]
    assert result.findings_equal, result.findings_diff()


@pytest.mark.parametrize("goal", ["touching", "merged"])
def test_goal_table_touching_or_inside_the_task_table(tmp_path: Path, goal: str) -> None:
    """The real form draws the goal and achieved result right on the task table: one ruled
    grid in the PDF (and one table in the DOCX when merged). The task table is still found."""
    layout = replace(BASE, name=goal, goal=goal)
    docx = _docx(tmp_path, "ru_almaty_eco_2023", layout)
    pdf = _pdf(tmp_path, docx)
    document = read_document(pdf)
    grid = next(t for t in document.tables if any("Цель проекта" in (c.text if c else "") for c in t.rows[0]))
    assert any("Задача" in (c.text if c else "") for row in grid.rows[:4] for c in row)  # one grid holds both
    for path in (docx, pdf):
        report = grantparse.read(path)
        assert "tasks" in report.sections_found
        content = load_content("ru_almaty_eco_2023")
        assert (report.narrative.goal, report.narrative.achieved_result) == (content["goal"], content["achieved"])
        _assert_perfect(path, "ru_almaty_eco_2023")


def test_parts_point_at_the_readers_table_row_and_column(tmp_path: Path) -> None:
    docx = _docx(tmp_path, "kk_turkistan_women_2025", replace(BASE, name="merged", goal="merged"))
    report = grantparse.read(docx)
    source = report.sources["tasks[0].title"]
    document = read_document(docx)
    physical = document.tables[source.table or 0]
    assert physical.rows[source.row or 0][source.column or 0] is not None
    assert physical.text(source.row or 0, source.column or 0) == report.tasks[0].title
    assert source.row == 4  # after the goal, the achieved result and the two header rows


def test_locating_twice_gives_the_same_parts(tmp_path: Path) -> None:
    """Parts are new tables; the reader's document is left as it was."""
    document = read_document(_docx(tmp_path, "kk_astana_sport_2023", replace(BASE, name="t", goal="merged")))
    sizes = [len(t.rows) for t in document.tables]
    first, second = locate_tables(document), locate_tables(document)
    assert [len(t.rows) for t in document.tables] == sizes
    assert {k: [len(p.rows) for p in v] for k, v in first.tables.items()} == \
        {k: [len(p.rows) for p in v] for k, v in second.tables.items()}
    tasks = first.first("tasks")
    assert isinstance(tasks, Table) and tasks.origins is not None


@pytest.mark.parametrize(("task_cell", "activity_cell", "indicators"), [
    ("repeated", "repeated", "rows"),
    ("first", "first", "rows"),
    ("repeated", "merged", "stacked"),
])
def test_task_and_activity_cells_merged_repeated_or_written_once(tmp_path: Path, task_cell: str,
                                                                 activity_cell: str, indicators: str) -> None:
    layout = replace(BASE, name=f"{task_cell}-{activity_cell}", task_cell=task_cell, activity_cell=activity_cell,
                     indicators=indicators)
    _assert_perfect(_docx(tmp_path, "ru_pavlodar_inclusion_2024", layout), "ru_pavlodar_inclusion_2024")


@pytest.mark.parametrize("numbered", [True, False])
def test_socio_rows_worded_otherwise_are_placed_by_order_and_unit(tmp_path: Path, numbered: bool) -> None:
    """«Охват прямых получателей услуг» is no wording the labels know: the row still stands
    first in the form's order, in «человек», so it is the direct beneficiaries — and the
    notes say how it was placed."""
    layout = replace(BASE, name="novel", socio_number_column=numbered,
                     wording=(("socio_rows.direct_beneficiaries", 2), ("socio_rows.specialists", 2)))
    docx = _docx(tmp_path, "ru_almaty_eco_2023", layout)
    report = grantparse.read(docx)
    expected = load_content("ru_almaty_eco_2023")["expected"]["socio_economic"]
    assert report.socio_economic.direct_beneficiaries.fact == expected["direct_beneficiaries"]["fact"]
    assert report.socio_economic.specialists.plan == expected["specialists"]["plan"]
    placed = [n for n in report.notes if n.field == "socio_economic.direct_beneficiaries"]
    assert placed and "order" in placed[0].reason


def test_synonym_wording_of_a_socio_row(tmp_path: Path) -> None:
    """«благополучатели» for «бенефициары» is one line in the labels' family."""
    layout = replace(BASE, name="synonym", wording=(("socio_rows.direct_beneficiaries", 1),
                                                    ("socio_rows.indirect_beneficiaries", 1)))
    _assert_perfect(_docx(tmp_path, "ru_pavlodar_inclusion_2024", layout), "ru_pavlodar_inclusion_2024")


@pytest.mark.parametrize("signature", ["table", "one_line", "caption_below"])
def test_signature_block_as_a_small_table_or_on_one_line(tmp_path: Path, signature: str) -> None:
    """Signed by a deputy: found in any layout of the block, so signature-mismatch fires."""
    docx = _docx(tmp_path, "ru_pavlodar_inclusion_2024", replace(BASE, name=signature, signature=signature))
    report = grantparse.read(docx)
    assert report.signatory.name == "Литвиненко О.В."
    assert "signature-mismatch" in {f.code for f in run_checks(report)}


@pytest.mark.parametrize("header", ["lines", "inline", "table_numbered"])
def test_header_laid_out_otherwise_without_colons(tmp_path: Path, header: str) -> None:
    layout = replace(BASE, name=header, header=header, label_colons=False, bold_labels=True)
    _assert_perfect(_docx(tmp_path, "kk_oskemen_elderly_2024", layout), "kk_oskemen_elderly_2024")


def test_header_run_together_in_one_paragraph(tmp_path: Path) -> None:
    """No spacing and full lines: the PDF gives the title and two fields as one paragraph
    («… есеп Үкіметтік емес ұйымның толық атауы: «Ақсу ару» … қоры Үкіметтік емес ұйым
    басшысының …: Жұмабекова …»); it is cut at every label in it."""
    layout = replace(BASE, name="runon", header="inline", space_after_pt=0.0, font="DejaVu Serif", font_size=10.0,
                     margins_cm=1.5, bold_labels=True)
    pdf = _pdf(tmp_path, _docx(tmp_path, "kk_turkistan_women_2025", layout))
    first = read_document(pdf).blocks[0]
    assert isinstance(first, Paragraph) and "Үкіметтік емес ұйым басшысының" in first.text  # the run-on is there
    _assert_perfect(pdf, "kk_turkistan_women_2025")


def test_statistics_laid_down_and_page_numbers(tmp_path: Path) -> None:
    layout = replace(BASE, name="down", stats_orientation="down", page_numbers="dashes", stats_before_socio=True)
    docx = _docx(tmp_path, "kk_astana_sport_2023", layout)
    _assert_perfect(docx, "kk_astana_sport_2023")
    _assert_perfect(_pdf(tmp_path, docx), "kk_astana_sport_2023")


def test_the_last_header_value_run_into_the_next_heading_is_cut_there() -> None:
    """A header typed with its headings in the same style and no spacing: the grant amount's
    line and section 1's heading come as one paragraph; the amount stops where the heading
    begins."""
    text = ("6. Грантты іске асыруға бөлінген қаражаттың жалпы сомасы 9 850 000 теңге "
            "1. Әлеуметтік жоба шеңберіндегі іс-шараларды сипаттаңыз")
    pieces = [b.text for b in _split_runs([Paragraph(TextItem(text, 1))]) if isinstance(b, Paragraph)]
    assert pieces == ["6. Грантты іске асыруға бөлінген қаражаттың жалпы сомасы 9 850 000 теңге",
                      "1. Әлеуметтік жоба шеңберіндегі іс-шараларды сипаттаңыз"]


@pytest.mark.parametrize(("line", "agreed", "number"), [
    ("Приложение № 7 к договору о предоставлении государственного гранта от «20» февраля 2025 года № 19 "
     "Итоговый отчет о результатах реализации социального проекта", "2025-02-20", "19"),
    ("Мемлекеттік грант беру туралы 2024 жылғы «22» ақпан №34 Шарттың № 7 қосымшасы "
     "Әлеуметтік жобаны іске асыру нәтижелері бойынша қорытынды есеп", "2024-02-22", "34"),
], ids=["ru", "kk"])
def test_the_agreement_line_run_into_the_title_gives_its_own_date(line: str, agreed: str, number: str) -> None:
    """No spacing after the appendix line: in the PDF it runs on into the title, and the
    project's period below («01.03.2025 – 30.11.2025») must not lend the agreement its date."""
    period = "5. Дата начала и окончания реализации социального проекта 01.03.2025 г. – 30.11.2025 г."
    blocks = [Paragraph(TextItem(text, 1), index=k) for k, text in enumerate([line, period])]
    header = extract_header(Context(document=Document(blocks=list(blocks), format="pdf"), layout=Parts()))
    assert (str(header.agreement_date), header.agreement_number) == (agreed, number)


def test_a_blank_deviation_label_run_into_the_next_heading_has_no_value() -> None:
    """The deviation label left blank at a page's foot: the PDF joins it with the next page's
    heading, which is no justification; a justification typed after the label is kept."""
    label = "Соответствие запланированных результатов полученным/обоснование отклонения от плана, если есть"
    heading = "Заполните таблицу, отражающую социально-экономический эффект социального проекта"

    def deviation(text: str) -> str | None:
        document = Document(blocks=[Paragraph(TextItem(text, 7), index=0)], format="pdf")
        return extract_deviation(Context(document=document, layout=Parts()))

    assert deviation(f"{label} {heading}") is None
    assert deviation(f"{label}: план выполнен не полностью из-за карантина") == (
        "план выполнен не полностью из-за карантина")


# Randomised layouts (content, seed) the soak found cut by pages in ways the unit tests in
# test_cut_rows.py and test_cut_words.py pin down, each read whole from its real PDF.
CUT_BY_PAGES = [
    # a narrow plan column stacks «1», «кеминде», «3 000»: the value begins at «кеминде»
    ("kk_astana_sport_2023_typed", 15),
    # stacked with Shift+Enter, «(4 парақ …)» a paragraph of its own under «168 дана»
    ("kk_oskemen_elderly_2024", 26),
    # the categories' head row cut by the page, «Другие катего» | «рии»
    ("ru_almaty_eco_2023", 38),
    # the task table's head drawn again cut short, a data line «ң» under it
    ("kk_turkistan_women_2025", 47),
    # socio-economic rows «4.» | «5.», units «человек» | «организаций»
    ("ru_pavlodar_inclusion_2024", 54),
]


@pytest.mark.parametrize(("content", "seed"), CUT_BY_PAGES, ids=[f"{c}-{s}" for c, s in CUT_BY_PAGES])
def test_a_randomised_layout_cut_by_pages_reads_whole(tmp_path: Path, content: str, seed: int) -> None:
    pdf = _pdf(tmp_path, _docx(tmp_path, content, layout_named(f"random{seed}")))
    _assert_perfect(pdf, content)
