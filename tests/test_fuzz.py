"""Property tests: mutated sample bytes always give a report or a finding — never an
uncaught exception, a hang or a crash. A bounded number of examples runs in CI; the long
runs live in fuzz/ (see fuzz/README.md)."""

from __future__ import annotations

import os
import random
import tempfile
from dataclasses import replace
from pathlib import Path

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import grantparse
from fuzz.mutate import MUTATORS, mutate
from grantparse.checks import CATALOGUE
from grantparse.errors import ReadError
from grantparse.isolate import map_isolated
from grantparse.settings import DEFAULT_LIMITS
from tests.conftest import SAMPLES

LIMITS = replace(DEFAULT_LIMITS, timeout_seconds=30.0, max_memory_bytes=1024 * 1024 * 1024)
DOCX_SEEDS = [p.read_bytes() for p in sorted(SAMPLES.glob("*.docx"))[:4]]
PDF_SEEDS = [p.read_bytes() for p in sorted(SAMPLES.glob("*.pdf"))[:2]]
# Our own bugs surface as a bare exception name; library failures are wrapped («broken PDF: …»).
OUR_BUG = regex.compile(r"^(?:AssertionError|TypeError|AttributeError|IndexError|KeyError|ValueError|"
                        r"ZeroDivisionError|UnboundLocalError|NameError|RecursionError)\b")


def _read_outcome(path: Path) -> str:
    try:
        grantparse.read(path, LIMITS)
    except ReadError as error:
        assert error.code in CATALOGUE, error
        return error.code
    return "report"


@settings(max_examples=int(os.environ.get("GRANTPARSE_FUZZ_EXAMPLES", "30")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), how=st.sampled_from(MUTATORS), which=st.integers(0, len(DOCX_SEEDS) - 1))
def test_mutated_docx(seed: int, how: str, which: int) -> None:
    _, data = mutate(DOCX_SEEDS[which], random.Random(seed), how)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutant.docx"
        path.write_bytes(data)
        assert _read_outcome(path) in CATALOGUE.keys() | {"report"}


@settings(max_examples=int(os.environ.get("GRANTPARSE_FUZZ_EXAMPLES", "8")) // 4 + 6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), how=st.sampled_from(MUTATORS), which=st.integers(0, len(PDF_SEEDS) - 1))
def test_mutated_pdf_in_a_worker(seed: int, how: str, which: int) -> None:
    """PDFs run isolated, as `validate` runs them: a pdfminer loop would be cut off."""
    _, data = mutate(PDF_SEEDS[which], random.Random(seed), how)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutant.pdf"
        path.write_bytes(data)
        ((_, outcome),) = list(map_isolated(_read_outcome, [path], LIMITS))
    if outcome.error is not None:
        assert outcome.error.code in CATALOGUE
        assert not OUR_BUG.match(outcome.error.reason), outcome.error.reason
        assert "no result within" not in outcome.error.reason and "crashed" not in outcome.error.reason
    assert outcome.seconds < LIMITS.timeout_seconds
