"""The HTML report in a real browser (headless Chromium): one row per file, sorting and
filtering work, and a screenshot is saved for a person to look at."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grantparse.cli import app
from tests.conftest import SAMPLES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
REQUIRE = os.environ.get("GRANTPARSE_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("html")
    for name in ("report_kk_rows.docx", "report_ru_stacked.docx", "report_kktyped_stacked.docx"):
        shutil.copy(SAMPLES / name, folder / name)
    (folder / "zz_broken.pdf").write_bytes(b"%PDF-1.4 cut")
    out = folder / "audit.html"
    result = CliRunner().invoke(app, ["validate", str(folder), "-f", "html", "-o", str(out), "--lang", "en", "-q"])
    assert result.exit_code == 1, result.output  # the broken file is an error
    return out


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    if not (CHROMIUM and DRIVER):
        if REQUIRE:
            pytest.fail("Chromium and chromedriver are required here (GRANTPARSE_REQUIRE_BROWSER=1)")
        pytest.skip("Chromium is not installed")
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--window-size=1400,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=DRIVER), options=options)
    yield driver
    driver.quit()


def _visible_files(browser) -> list[str]:  # type: ignore[no-untyped-def]
    rows = browser.find_elements("css selector", "#summary tbody tr")
    return [r.find_elements("css selector", "td")[0].text for r in rows if r.is_displayed()]


def test_summary_sorts_and_filters(page: Path, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    browser.get(page.as_uri())
    files = _visible_files(browser)
    assert len(files) == 4 and files == sorted(files)
    # Sort by errors, descending: the broken file (1 error) comes first.
    header = browser.find_elements("css selector", "#summary thead th")[2]
    header.click()
    header.click()
    assert _visible_files(browser)[0].endswith("zz_broken.pdf")
    # Filter by organisation (the Russian rendering's name).
    box = browser.find_element("id", "filter")
    box.send_keys("Общественный")
    assert [Path(f).name for f in _visible_files(browser)] == ["report_ru_stacked.docx"]
    box.clear()
    box.send_keys("x")  # clear() fires no input event; typing does
    box.send_keys("\b")
    assert len(_visible_files(browser)) == 4
    shot = tmp_path / "audit.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    keep = os.environ.get("GRANTPARSE_SCREENSHOT_DIR")
    if keep:
        shutil.copy(shot, Path(keep) / "audit.png")
