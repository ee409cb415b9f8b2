"""Every committed sample (DOCX and PDF, every layout) gives the seed report's values."""

from __future__ import annotations

from datetime import date

import pytest

from grantparse.model import Report
from tests.truth import content, expected_indicators, extracted_indicators, indicator_recall


def test_header(sample: tuple[str, Report]) -> None:
    _, report = sample
    h = report.header
    assert report.language == "kk"
    assert h.organization_name == "«Рухтан» қоғамдық қоры"
    assert h.leader_name == "Кушанова Гулнур Джексембаевна"
    assert h.address == "Актау каласы, 22 мкр 29 дом 55 кв."
    assert h.phones == ["+77023233790"]
    assert h.project_title == "Маңғыстау облысында пікірсайыс қозғалысын дамыту"
    assert h.period is not None
    assert (h.period.start, h.period.end) == (date(2024, 4, 1), date(2024, 11, 30))
    assert h.grant_amount == 10_125_000
    assert h.agreement_number == "56"
    assert h.agreement_date == date(2024, 4, 30)


def test_statistics(sample: tuple[str, Report]) -> None:
    _, report = sample
    assert report.gender.model_dump() == {"total": 647, "male": 327, "female": 320}
    assert report.social_categories.model_dump() == {
        "total": 647, "children": None, "youth": 647, "civil_servants": None,
        "public_sector_workers": None, "disabled": None, "elderly": None, "unemployed": None,
        "ngo_representatives": None, "business": None, "other": None,
    }
    assert report.age.total == 647
    assert report.age.bands == {"13-16": 337, "17-22": 175, "23-27": 135, "28-32": None,
                                "33-45": 0, "46-58": 0, "59+": 0}


def test_socio_economic(sample: tuple[str, Report]) -> None:
    _, report = sample
    se = report.socio_economic
    pairs = {key: (getattr(se, key).plan, getattr(se, key).fact) for key in (
        "direct_beneficiaries", "indirect_beneficiaries", "staff", "specialists", "ngos_covered",
        "payroll", "taxes", "economy_contribution")}
    assert pairs == {
        "direct_beneficiaries": (560, 647), "indirect_beneficiaries": (1000, 1000), "staff": (3, 3),
        "specialists": (None, None), "ngos_covered": (7, 7), "payroll": (10_125_000, 10_125_000),
        "taxes": (None, None), "economy_contribution": (None, None),
    }
    names = "«Адвер» баспасы, Ақкетік газеті, Рауан газеті, Қазақстан-Маңғыстау телеарнасы, «Отпан нюс» облыстық сайты"
    assert (se.partners.plan, se.partners.fact) == (names, names)


def test_partners_and_closing(sample: tuple[str, Report]) -> None:
    name, report = sample
    assert [(p.name, p.role, p.contact) for p in report.partners] == [
        ("Ақкетік газеті", "Мақала жариялау", "+77786086165"),
        ("Рауан газеті", "Мақала жариялау", "+77780053862"),
        ("Қазақстан-Маңғыстау телеарнасы", "Жаңалықтар", "+77077210063"),
        ("«Отпан нюз» облыстық сайты", "Мақала жариялау", "+77056873781"),
    ]
    assert report.declared_page_count == 25
    assert (report.signatory.position, report.signatory.name) == ("Директор", "Кушанова Г.Д.")
    assert report.fill_date is None  # «Толтыру күні _____»
    assert report.deviation_justification is None
    assert report.source.format == name.rsplit(".", 1)[1]
    if report.source.format == "pdf":
        assert report.source.pages is not None and report.source.pages > 5
    else:
        assert report.source.pages is None  # python-docx records no page count


def test_task_structure(sample: tuple[str, Report]) -> None:
    _, report = sample
    truth = content()["tasks"]
    assert [t.title for t in report.tasks] == [t["title"] for t in truth]
    assert [len(t.activities) for t in report.tasks] == [len(t["activities"]) for t in truth]
    first = report.tasks[1].activities[0]
    assert first.participants == 175
    assert [(d.start, d.end) for d in first.dates] == [(date(2024, 11, 2), date(2024, 11, 3))]
    assert first.place == "Маңғыстау туризм колледжі ғимараты"
    assert report.tasks[5].activities[0].dates[0].start == date(2024, 11, 16)
    assert report.tasks[2].activities[1].dates[0].start == date(2024, 6, 1)
    month_range = report.tasks[0].activities[0].dates
    assert [(d.start, d.end) for d in month_range] == [(date(2024, 4, 1), date(2024, 11, 30))]
    # In the portrait layout this column is 1.4 cm wide and «Тапсырылған» is cut twice
    # («Тапсы|рылға|н»); a five-letter piece seen nowhere else cannot be told from a word,
    # so only the letters are compared there.
    long_term = report.tasks[1].activities[0].long_term_results or ""
    assert long_term.replace(" ", "") == "Тапсырылғанміндеттерорындалды"


# (task, activity, indicator) → (name, plan value, plan unit, at_least) chosen across every task.
PAIRS = [
    ((0, 0, 0), "Жұмыс жоспары", 1, "жоспар", False),
    ((0, 0, 2), "Мессенджерлерде байланыс тетігін дайындау (Телеграм, Whatsap чат-бот)", 2, "байланыс тетігі", False),
    ((0, 0, 4), "Пікірсайысшылар саны", 500, None, True),
    ((0, 0, 5), "Бас қосатын пікірсайысшылар саны", 35, None, False),
    ((1, 0, 3), "Қатысушы оқушыларды тіркеу (оқушы туралы ақпарат, аты-жөні, байланыс нөмірі, оқу орыны)", 175, None, False),
    ((1, 1, 0), "Аумақтық қамту", 7, None, False),
    ((1, 1, 3), "Фото / видео есеп", 21, "фото", False),
    ((1, 1, 10), "Қанағаттану деңгейі (сауалнама)", 80, "%", False),
    ((1, 2, 5), "Фото / видео есеп", 7, "фото", False),
    ((2, 1, 3), "Фото / видео есеп", 19, "фото", False),
    ((2, 1, 7), "Командалар саны (тізім) (команда құрамы туралы ақпарат, аты-жөні, байланыс нөмірі, қолы, оқу орыны)", 20, "команда", True),
    ((3, 0, 3), "Турнир кестесі (тапсырыс берушімен келісу арқылы)", 2, "күн", False),
    ((3, 1, 2), "Қатысушылар саны (тізім) (аты-жөні, байланыс нөмірі, қолы, жұмыс орны немесе оқу орны)", 50, "жас маман", True),
    ((4, 0, 2), "Кеңес алушылар (кеңес алушылар туралы ақпарат, байланыс нөмірі, оқу орны, қандай кеңес берілгендігі туралы мәлімет)", 10, None, True),
    ((4, 0, 5), "Жалпы орта, орта арнаулы және жоғары білім беру ұйымдарының пікірсайыс клубтарын қамту (клубтар тізімі, оқу орыны)", 100, "%", False),
    ((5, 0, 2), "Қатысушылар саны (тізімі) (аты-жөні, байланыс нөмірі, қолы)", 100, None, True),
    ((5, 0, 7), "Пікірсайыс клубының жұмысын ұйымдастыру", 30, "клуб", True),
    ((6, 0, 1), "Маңғыстау облысының пікірсайыс құрамасы", 1, None, False),
    ((7, 4, 0), "Қанағаттану деңгейі", 80, "%", False),
    ((8, 0, 0), "Жобаны іске асыру жөніндегі медиа жоспар", 1, "медиа жоспар", False),
]


@pytest.mark.parametrize(("where", "name", "value", "unit", "at_least"), PAIRS)
def test_indicator_pairs(sample: tuple[str, Report], where: tuple[int, int, int], name: str,
                         value: int, unit: str | None, at_least: bool) -> None:
    _, report = sample
    t, a, i = where
    indicator = report.tasks[t].activities[a].indicators[i]
    # Names are compared without spaces: a name cut by a narrow PDF column into pieces
    # that occur nowhere else keeps a space («Мессенджер|лерде»); its letters must match.
    assert indicator.name.replace(" ", "") == name.replace(" ", "")
    for side in (indicator.plan, indicator.fact):
        assert (side.value, side.unit, side.at_least) == (value, unit, at_least)


def test_every_indicator_paired(sample: tuple[str, Report]) -> None:
    """All 101 (name, plan, fact) triples of the builder's content come back, in order."""
    _, report = sample
    assert len(extracted_indicators(report)) == len(expected_indicators())
    assert indicator_recall(report) == 1.0


def test_breakdowns_are_null_with_a_reason(sample: tuple[str, Report]) -> None:
    """«1 орын - 2 (80 000тг) …» is no single number: null, and a note says why."""
    _, report = sample
    prize = report.tasks[3].activities[1].indicators[5]
    assert prize.plan_raw is not None and prize.plan_raw.startswith("1 орын - 3 (200 000тг)")
    assert prize.plan.value is None
    assert any(n.field == "tasks[3].activities[1].indicators[5].plan" for n in report.notes)


def test_pdf_provenance_points_at_the_cell() -> None:
    from tests.conftest import read_sample

    report = read_sample("report_kk_stacked.pdf")
    src = report.sources["socio_economic.direct_beneficiaries.fact"]
    assert src.raw == "647" and src.page is not None and src.bbox is not None
    assert src.column is not None and src.row is not None
    ind = report.sources["tasks[1].activities[0].indicators[3].plan"]
    assert ind.raw == "175" and ind.page is not None and ind.bbox is not None
    x0, top, x1, bottom = ind.bbox
    assert x0 < x1 and top < bottom
    assert report.sources["header.grant_amount"].raw == "10 125 000 тг"
