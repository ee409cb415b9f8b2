"""PDFs a browser printed: the builder's DOCX saved as HTML by LibreOffice (merged cells as
``rowspan``/``colspan``) and printed by headless Chromium (Skia) in a font without Kazakh
letters, so the browser takes ә, ғ, қ, ң, ө, ұ, ү from a fallback font inside words; rules
come as thin filled rectangles and a table row cut by a page is left open. Ten renderings
must give their content's expected model."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pdfplumber
import pytest

import grantparse
from samples.build import browser
from samples.content import load_content
from samples.expected import score
from samples.soak import Rendering, plan, render

HAVE_TOOLS = bool(browser() and (shutil.which("soffice") or shutil.which("libreoffice")))
REQUIRE = os.environ.get("GRANTPARSE_REQUIRE_BROWSER") == "1" or os.environ.get("GRANTPARSE_REQUIRE_SOFFICE") == "1"
needs_tools = pytest.mark.skipif(not HAVE_TOOLS and not REQUIRE, reason="Chromium or LibreOffice is not installed")

# Kazakh and Russian contents in layouts the randomiser draws from these seeds; 303 has a title
# cut after «г.» by the page, 314 opens a page with a blank sliver of a row cut in two, 18004
# ends a page with the task table's two-row head (its first row is wholly on the next page),
# 18025 cuts a prize breakdown («1 орын - 1 (100 000тг)» | «2 орын - 1 …») between stacked
# values, 18072 paints the descenders of a line the page cut through at the next page's top,
# 19061 cuts the categories head inside a bracket («(50 жастан» | «жоғары)»), 19079 ends a
# page with a two-row head whose «Сроки проведения» fills its narrow cell; 22041 moves an
# activity to the next page and leaves its row's blank part at the foot, beside long-term
# results merged over the task that go on under a capital; 22056 paints a merged cell's last
# line under its box; 22067 opens a page with a sliver of the cut row over the repeated head;
# 25633 moves a place's last line to the next page after «… Естая; г.», two lines above its foot.
SEEDS = (303, 307, 308, 314, 319, 18004, 18025, 18072, 19061, 19079, 22041, 22056, 22067, 25633)
RENDERINGS = [r for seed in SEEDS for r in plan(1, seed)]
# The same contents in a table style with rules across only (Google Docs', many Word styles):
# the browser draws each cell's border on its own and no rule down (pdf_cell_borders). 303
# cuts activities over pages with no rule at the cut, 313 has a goal table of two columns
# alone on its page, 320 a task merged down over pages; every one was read as text before.
ACROSS_SEEDS = (303, 313, 320)
ACROSS = [r for seed in ACROSS_SEEDS for r in plan(1, seed, rules="horizontal")]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[int, str], Path]:
    """Every rendering's PDF by (seed, rules); each table style in a folder of its own, as one
    seed gives the same file name in both."""
    if not HAVE_TOOLS:
        pytest.fail("Chromium and LibreOffice are required here")
    return {(r.seed, r.layout.rules): path for group in (RENDERINGS, ACROSS)
            for r, path in render(group, tmp_path_factory.mktemp(f"browser-{group[0].layout.rules}"), {"browser"})}


@needs_tools
def test_the_files_are_chromiums_with_a_fallback_font(printed: dict[tuple[int, str], Path]) -> None:
    kazakh = next(r for r in RENDERINGS if load_content(r.content)["language"] == "kk")
    with pdfplumber.open(printed[kazakh.seed, kazakh.layout.rules]) as pdf:
        assert "Skia" in str(pdf.metadata.get("Producer"))
        # Liberation Sans has «і» but none of these: the browser took them from a fallback font.
        fonts = {str(c["fontname"]).split("+")[-1] for page in pdf.pages for c in page.chars if c["text"] in "әғқңөұү"}
        assert fonts and not any("Liberation" in f for f in fonts), \
            f"no fallback: {sorted(fonts)} has the letters (Liberation 2 installed? see the README)"
        assert not any(e["object_type"] == "line" for page in pdf.pages for e in page.edges)  # rules are rectangles


@needs_tools
@pytest.mark.parametrize("rendering", RENDERINGS + ACROSS, ids=lambda r: f"{r.content}-{r.seed}-{r.layout.rules}")
def test_a_browser_pdf_gives_the_expected_model(printed: dict[tuple[int, str], Path], rendering: Rendering) -> None:
    result = score(grantparse.read(printed[rendering.seed, rendering.layout.rules]), load_content(rendering.content))
    assert not result.missed, result.missed[:12]
    assert result.pairs_right == result.pairs > 0 and result.activities_right == result.activities > 0
    assert result.findings_equal, result.findings_diff()
