"""Soak: render many random layouts of every scored content, read them, and measure.

    python -m samples.soak --seeds 300            # 300 renderings, DOCX and PDF of each
    python -m samples.soak --seeds 40 --start 1000 --keep /tmp/soak --formats pdf

Rendering N (seed N picks the content and :func:`samples.layouts.random_layout` the layout;
every fourth round a Kazakh content is typed on a Russian keyboard) is written as DOCX by
python-docx and printed to PDF by LibreOffice (``--formats docx,pdf,lodocx`` also has LibreOffice
save the DOCX again), each is read by grantparse and scored
against the content's expected model (``samples/expected.py``). Prints agreement per format —
fields, indicator pairs, activities (dates, participants, place), renderings whose findings
equal the expected ones — and every failure with its layout and what differed.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samples.content import Content, load_content, scored_contents
from samples.expected import Counts, Score, score
from samples.forms import family_sizes
from samples.layouts import Layout, describe, random_layout
from samples.render_docx import render_docx

# LibreOffice converts a batch of files per start-up (its start costs seconds).
CONVERT_BATCH = 25
# Every TYPED_EVERY-th round over the contents types the Kazakh ones on a Russian keyboard.
TYPED_EVERY = 4


@dataclass(frozen=True)
class Rendering:
    seed: int
    content: str
    layout: Layout

    @property
    def stem(self) -> str:
        return f"report_{self.content}_random{self.seed}"


def plan(seeds: int, start: int = 0, contents: list[str] | None = None, rules: str | None = None) -> list[Rendering]:
    """Which content and layout each seed renders (``rules``: every table ruled so, «grid» or
    «horizontal», instead of as the seed draws it)."""
    names = contents or scored_contents()
    sizes = {lang: family_sizes(lang) for lang in ("kk", "ru")}
    out = []
    for seed in range(start, start + seeds):
        name = names[seed % len(names)]
        content = load_content(name)
        if content["language"] == "kk" and (seed // len(names)) % TYPED_EVERY == TYPED_EVERY - 1:
            name = f"{name}_typed"
        layout = random_layout(seed, sizes[content["language"]])
        out.append(Rendering(seed, name, dataclasses.replace(layout, rules=rules) if rules else layout))
    return out


def file_format(path: Path) -> str:
    """«docx», «pdf», «lodocx» for a DOCX that LibreOffice saved again, «browser» for a PDF
    Chromium printed."""
    return {RESAVED: "lodocx", PRINTED: "browser"}.get(path.parent.name, path.suffix.lstrip("."))


RESAVED = "libreoffice"  # the folder LibreOffice's re-saved DOCX files go to
PRINTED = "chromium"  # the folder Chromium's PDFs go to


def render(renderings: list[Rendering], out_dir: Path, formats: set[str]) -> list[tuple[Rendering, Path]]:
    """Write every rendering as DOCX (and PDF, and DOCX re-saved by LibreOffice: «lodocx»);
    returns (rendering, file) pairs."""
    from samples.build import docx_to_browser_pdfs, docx_to_pdfs, resave_docx

    files: list[tuple[Rendering, Path]] = []
    docx_files: list[tuple[Rendering, Path]] = []
    for rendering in renderings:
        path = out_dir / f"{rendering.stem}.docx"
        render_docx(load_content(rendering.content), rendering.layout, path)
        docx_files.append((rendering, path))
    if "docx" in formats:
        files += docx_files
    for fmt, convert, folder in (("pdf", docx_to_pdfs, out_dir), ("lodocx", resave_docx, out_dir / RESAVED),
                                 ("browser", docx_to_browser_pdfs, out_dir / PRINTED)):
        if fmt not in formats:
            continue
        for i in range(0, len(docx_files), CONVERT_BATCH):
            batch = docx_files[i: i + CONVERT_BATCH]
            converted = convert([p for _, p in batch], folder)
            files += [(r, path) for (r, _), path in zip(batch, converted, strict=True)]
    return files


def _letters(texts: list[str]) -> Counter[str]:
    return Counter(ch for text in texts for ch in text.lower() if ch.isalpha())


def letters_lost(pdf: Path, docx: Path) -> int:
    """How many letters of the DOCX its PDF does not hold: a row that may not break and is
    taller than a page is clipped by the word processor, and the text under the page's foot is
    in no part of the PDF (no reader can return it; the soak says so beside the failure)."""
    import pdfplumber

    from grantparse.readers.document import Table
    from grantparse.readers.docx import read_docx

    texts: list[str] = []
    for block in read_docx(docx).blocks:
        if isinstance(block, Table):
            texts += [cell.text for row in block.rows for cell in row if cell is not None]
        else:
            texts.append(block.text)
    with pdfplumber.open(pdf) as document:
        printed = _letters(["".join(str(c["text"]) for c in page.chars) for page in document.pages])
    wanted = _letters(texts)
    return sum(max(0, n - printed[ch]) for ch, n in wanted.items())


# Fewer letters lost than this are a seal's or a symbol's glyphs drawn as pictures, no clipping.
CLIPPED_LETTERS = 20


def _score_file(args: tuple[str, str]) -> tuple[Score | None, str, int]:
    import grantparse

    content_name, path = args
    content: Content = load_content(content_name)
    result: Score | None = None
    error = ""
    try:
        result = score(grantparse.read(path), content)
    except Exception as exc:  # a rendering the reader refuses is a failure to report, not a stop
        error = f"{type(exc).__name__}: {exc}"
    if result is not None and not result.missed and result.findings_equal:
        return result, "", 0  # (only a failure is asked whether its producer clipped it)
    return result, error, _letters_lost_of(Path(path))


def _letters_lost_of(path: Path) -> int:
    """:func:`letters_lost` of a PDF rendering against the DOCX it was printed from."""
    source = path.with_suffix(".docx")
    if not source.exists():
        source = path.parent.parent / source.name  # Chromium's PDFs are a folder further down
    return letters_lost(path, source) if path.suffix == ".pdf" and source.exists() else 0


@dataclass
class Tally(Counts):
    """The counts of many renderings of one format, summed."""

    files: int = 0
    findings_equal: int = 0

    def add(self, result: Score) -> None:
        self.files += 1
        for name in vars(Counts()):
            setattr(self, name, getattr(self, name) + getattr(result, name))
        self.findings_equal += result.findings_equal

    def row(self) -> dict[str, Any]:
        def share(a: int, b: int) -> float:
            return round(100.0 * a / b, 2) if b else 100.0

        return {"files": self.files, "fields %": share(self.fields_right, self.fields),
                "indicator pairs %": share(self.pairs_right, self.pairs),
                "activities %": share(self.activities_right, self.activities),
                "findings equal %": share(self.findings_equal, self.files),
                "texts spaced right %": share(self.texts_spaced, self.texts)}


def soak(seeds: int, start: int = 0, formats: set[str] | None = None, keep: Path | None = None,
         jobs: int = 2, contents: list[str] | None = None, rules: str | None = None) -> dict[str, Any]:
    """Render, read and score; returns the per-format tallies and the failures."""
    formats = formats or {"docx", "pdf"}
    renderings = plan(seeds, start, contents, rules)
    with tempfile.TemporaryDirectory() as scratch:
        out_dir = keep or Path(scratch)
        out_dir.mkdir(parents=True, exist_ok=True)
        files = render(renderings, out_dir, formats)
        with ProcessPoolExecutor(jobs) as pool:
            results = list(pool.map(_score_file, [(r.content, str(p)) for r, p in files]))
    tallies: dict[str, Tally] = defaultdict(Tally)
    failures: list[dict[str, Any]] = []
    for (rendering, path), (result, error, lost) in zip(files, results, strict=True):
        fmt = file_format(path)
        clipped = {"letters not in the PDF": lost} if lost >= CLIPPED_LETTERS else {}
        if result is None:
            tallies[fmt].files += 1
            failures.append({"file": f"{path.name} ({fmt})", "layout": describe(rendering.layout), "error": error,
                             **clipped})
            continue
        tallies[fmt].add(result)
        if result.missed or not result.findings_equal:
            failures.append({"file": f"{path.name} ({fmt})", "layout": describe(rendering.layout),
                             "missed": result.missed, "findings": result.findings_diff(), **clipped})
    return {"tallies": {fmt: t.row() for fmt, t in sorted(tallies.items())}, "failures": failures}


def _print(summary: dict[str, Any], seconds: float) -> None:
    print(f"{'format':8} {'files':>6} {'fields %':>9} {'pairs %':>8} {'activities %':>13} {'findings equal %':>17}"
          f" {'spaced %':>9}")
    for fmt, row in summary["tallies"].items():
        print(f"{fmt:8} {row['files']:>6} {row['fields %']:>9} {row['indicator pairs %']:>8} "
              f"{row['activities %']:>13} {row['findings equal %']:>17} {row['texts spaced right %']:>9}")
    failures = summary["failures"]
    print(f"\n{len(failures)} rendering(s) not perfect ({seconds:.0f} s):")
    for failure in failures:
        print(f"- {failure['file']}: {failure['layout']}")
        if "letters not in the PDF" in failure:
            lost = failure["letters not in the PDF"]
            print(f"    clipped by its producer: {lost} letters of the DOCX are not in the PDF")
        if "error" in failure:
            print(f"    error: {failure['error']}")
            continue
        if failure["missed"]:
            shown = ", ".join(failure["missed"][:8])
            more = f" (+{len(failure['missed']) - 8} more)" if len(failure["missed"]) > 8 else ""
            print(f"    fields: {shown}{more}")
        if failure["findings"]:
            print(f"    findings: {failure['findings']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=40, help="how many renderings (each in every format)")
    parser.add_argument("--start", type=int, default=0, help="the first seed")
    parser.add_argument("--formats", default="docx,pdf",
                        help="docx, pdf, lodocx (DOCX re-saved by LibreOffice), browser (printed by Chromium)")
    parser.add_argument("--content", action="append", help="only these contents (default: every scored one)")
    parser.add_argument("--keep", type=Path, help="write the renderings here and keep them")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write the summary as JSON")
    parser.add_argument("--rules", choices=("grid", "horizontal"),
                        help="rule every table so (horizontal: a table style with no vertical rules)")
    args = parser.parse_args(argv)
    began = time.monotonic()
    summary = soak(args.seeds, args.start, set(args.formats.split(",")), args.keep, args.jobs, args.content,
                   args.rules)
    _print(summary, time.monotonic() - began)
    if args.json:
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
