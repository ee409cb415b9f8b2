"""Shared fixtures: the committed sample files and their extracted reports (read once)."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

import grantparse
from grantparse.model import Report

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
LAYOUTS = ("stacked", "rows", "shuffled")
SAMPLE_FILES = [SAMPLES / f"report_kk_{layout}.{ext}" for layout in LAYOUTS for ext in ("docx", "pdf")]


@functools.cache
def read_sample(name: str) -> Report:
    return grantparse.read(SAMPLES / name)


@pytest.fixture(params=[p.name for p in SAMPLE_FILES])
def sample(request: pytest.FixtureRequest) -> tuple[str, Report]:
    """(file name, extracted report) for every committed sample."""
    return request.param, read_sample(request.param)
