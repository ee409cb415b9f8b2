"""Labels are found by what they say, however they were typed or extracted."""

from __future__ import annotations

import random

import pytest

from grantparse import labels
from grantparse.locate import (
    LABEL_THRESHOLD,
    SPLIT_GUARD,
    label_score,
    label_scores,
    prefix_score,
    prefix_scores,
    split_label,
)
from grantparse.readers import read_document
from tests.conftest import SAMPLES


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


def _typed_badly(text: str, rng: random.Random) -> str:
    """A label as a report might carry it: letters dropped, doubled or swapped, a tail added."""
    letters = list(text)
    for _ in range(rng.randint(0, 6)):
        i = rng.randrange(len(letters))
        action = rng.choice("drop double swap")
        if action == "drop" and len(letters) > 1:
            del letters[i]
        elif action == "double":
            letters.insert(i, letters[i])
        elif i + 1 < len(letters):
            letters[i], letters[i + 1] = letters[i + 1], letters[i]
    return "".join(letters) + rng.choice(["", ":", " (мың теңге)", ": 2023 жыл", " жобаның барлық кезеңінде"])


@pytest.mark.parametrize("cutoff", [LABEL_THRESHOLD, SPLIT_GUARD, 65.0])
def test_score_matrices_equal_pair_by_pair_scores(cutoff: float) -> None:
    """The matrices skip most pairs by a bound; they must still give every pair's exact score."""
    rng = random.Random(int(cutoff))
    label_sets = [*labels.PARAGRAPHS.values(), *labels.HEADER_FIELDS.values(), *labels.SOCIO_ROWS.values(),
                  labels.PLAN, labels.FACT, labels.TOTAL]
    document = read_document(SAMPLES / "report_ru_rows.docx")
    texts = [*(b.text for b in document.paragraphs[:40]), "", "-", "1", "Барлығы"]
    texts += [_typed_badly(rng.choice(labs), rng) for labs in label_sets for _ in range(2)]
    prefixes = prefix_scores(texts, label_sets, cutoff)
    wholes = label_scores(texts, label_sets, cutoff)
    for i, text in enumerate(texts):
        for j, labs in enumerate(label_sets):
            assert prefixes[i, j] == prefix_score(text, labs, cutoff), (text, labs)
            whole = label_score(text, labs)
            assert abs(wholes[i, j] - (whole if whole >= cutoff else 0.0)) < 1e-3, (text, labs)
    assert (prefixes >= LABEL_THRESHOLD).sum() >= len(label_sets)  # the badly typed labels are found
