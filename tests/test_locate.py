"""Labels are found by what they say, however they were typed or extracted."""

from __future__ import annotations

from grantparse import labels
from grantparse.locate import LABEL_THRESHOLD, label_score, prefix_score, split_label


def test_stray_spaces_latin_look_alikes_and_stand_ins() -> None:
    gender = labels.PARAGRAPHS["gender"]
    for text in ("Гендерлік көрсеткіш:", "Гендерлик корсеткиш", "Гендерлiк кoрсеткiш", "Гендерлі к көрсеткіш",
                 "ГЕНДЕРЛІК КӨРСЕТКІШ", "Гендерный показатель:"):
        assert label_score(text.rstrip(":"), gender) >= LABEL_THRESHOLD, text


def test_similar_labels_are_told_apart() -> None:
    assert label_score("Ерлер", labels.GENDER["female"]) < LABEL_THRESHOLD
    assert label_score("Міндет", labels.TASK_COLUMNS["activity"]) < LABEL_THRESHOLD
    assert label_score("Жоспарланған деңгейі", labels.SOCIO_COLUMNS["fact"]) < LABEL_THRESHOLD


def test_split_label_from_value() -> None:
    org = labels.HEADER_FIELDS["organization_name"]
    assert split_label("1. Үкіметтік емес ұйымның толық атауы: «Рухтан» қоғамдық қоры", org) is not None
    _, value = split_label("1. Укиметтик емес уйымнын толык атауы: «Рухтан» когамдык коры", org) or (0, "")
    assert value == "«Рухтан» когамдык коры"
    address = labels.HEADER_FIELDS["address"]
    _, value = split_label("3. Заңды мекенжайы, байланыс телефоны: Ақтау қ., тел: 87023233790", address) or (0, "")
    assert value == "Ақтау қ., тел: 87023233790"  # the colon inside the value stays


def test_prefix_of_a_long_row_label() -> None:
    row = labels.SOCIO_ROWS["indirect_beneficiaries"]
    assert prefix_score("2. Жанама бенефициарлардың саны (БАҚ-та жарықтандыру есебінен)", row) >= LABEL_THRESHOLD
    assert prefix_score("Количество косвенных бенефициаров (за счет освещения в СМИ)", row) >= LABEL_THRESHOLD
