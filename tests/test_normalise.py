"""Normalisation as CONTRACT.md says: values keep the author's letters, matching folds them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from grantparse.normalise import blank, fold, fold_pattern, join_fragments, normalise


def test_latin_look_alikes_inside_cyrillic_words() -> None:
    assert normalise("Мөрдiң орны") == "Мөрдің орны"  # Latin i in the seed's «Мөрдiң»
    assert normalise("Pікірсайыс") == "Рікірсайыс"
    assert normalise("Telegram және Mangystau TV") == "Telegram және Mangystau TV"
    # every mixed word of a long text, and only those; a stress mark between does not hide one
    text = "www.akorda.kz сайтында " * 200 + "Мөрдiң орны, за\u0301мoк"
    assert normalise(text).endswith("Мөрдің орны, за\u0301мок") and normalise(text).startswith("www.akorda.kz сайтында")
    assert normalise("ба\u0301c") == "ба\u0301с"  # Cyrillic а, an accent, Latin c


def test_white_space_and_soft_hyphens() -> None:
    assert normalise("10\u00a0125\u202f000\tтг\n") == "10 125 000 тг"
    assert normalise("пікір\u00adсайыс") == "пікірсайыс"


def test_nfc_recomposes_decomposed_letters() -> None:
    assert normalise("и\u0306") == "й"


def test_kz1048_mojibake_repaired() -> None:
    broken = "Ақтау қаласы".encode("kz1048").decode("cp1251")
    assert broken != "Ақтау қаласы"
    assert normalise(broken) == "Ақтау қаласы"


def test_fold_matches_stand_ins_and_case() -> None:
    assert fold("Ақтау қаласы") == fold("АКТАУ КАЛАСЫ") == "актау каласы"
    assert fold("Әйелдер") == fold("Айелдер")
    assert fold("Гендерлік көрсеткіш:") == "гендерлик корсеткиш"


def test_values_keep_author_letters() -> None:
    assert normalise("Актау каласы") == "Актау каласы"  # not «corrected» to Ақтау


def test_blank() -> None:
    assert blank("") and blank("-") and blank(" _____ ") and blank("—")
    assert not blank("0")


def test_join_fragments() -> None:
    assert join_fragments("кофе-", "брейк") == "кофе-брейк"
    assert join_fragments("2-", "3.11.24") == "2-3.11.24"
    assert join_fragments("Ақтау", "қаласы") == "Ақтау қаласы"


@given(st.text(max_size=80))
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert fold(once) == fold(text)


KAZAKH = "әғқңөұүһі"
RUSSIAN = "агкноуухи"


@given(st.text(alphabet="абвгдежзиклмнопрстуфхцчшыэюя" + KAZAKH, min_size=1, max_size=30))
def test_keyboard_typed_kazakh_folds_to_the_same(word: str) -> None:
    typed = word.translate(str.maketrans(KAZAKH, RUSSIAN))
    assert fold(word) == fold(typed)


_SOUGHT = ["кофе брейк", "жүлде", "сатып ал", "приз"]


@given(st.text(alphabet="кофебрейжүлдсатыпалризӘҚҮЖКОФ -–_,.%\n1", max_size=40))
def test_fold_pattern_finds_what_folding_would(text: str) -> None:
    """One scan of the normalised text finds a word exactly where the folded text has it."""
    text = normalise(text)
    expected = any(fold(word) in fold(text) for word in _SOUGHT)
    assert (fold_pattern(_SOUGHT).search(text) is not None) == expected
    assert fold_pattern(_SOUGHT).search("Жеңімпаздарға ЖҮЛДЕ табысталды, кофе–брейк")
