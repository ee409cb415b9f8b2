"""Time ``grantparse.read`` against the bare libraries on the same files, in one run.

    python benchmarks/bench_extract.py [--rounds 5]

For every committed sample: PDF — grantparse against pdfplumber's own ``extract_tables()``
over all pages; DOCX — grantparse against python-docx's ``Document()`` load. Rounds are
interleaved so machine noise hits both sides alike; the medians and their ratio are
printed. The ratio is the number to watch (absolute times vary between machines).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import docx
import pdfplumber

import grantparse
from grantparse.locate import squash
from grantparse.normalise import fold_letters, normalise

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _pdfplumber_tables(path: Path) -> None:
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()


def _python_docx(path: Path) -> None:
    docx.Document(str(path))


def _cold_read(path: Path) -> object:
    """grantparse.read with its text caches emptied, as for a file never seen before."""
    normalise.cache_clear()
    fold_letters.cache_clear()
    squash.cache_clear()
    return grantparse.read(path)


def _median_seconds(fn: Callable[[Path], object], path: Path, times: list[float]) -> None:
    start = time.perf_counter()
    fn(path)
    times.append(time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    rows = []
    born_digital = [p for p in sorted(SAMPLES.glob("*.pdf")) if not p.stem.endswith("_scan")]  # scans: bench_ocr.py
    for path in born_digital + sorted(SAMPLES.glob("*.docx")):
        baseline = _pdfplumber_tables if path.suffix == ".pdf" else _python_docx
        ours: list[float] = []
        theirs: list[float] = []
        grantparse.read(path)  # warm imports and caches once
        for _ in range(args.rounds):
            _median_seconds(_cold_read, path, ours)
            _median_seconds(baseline, path, theirs)
        ours_s, theirs_s = statistics.median(ours), statistics.median(theirs)
        rows.append((path.name, baseline.__name__.strip("_"), ours_s, theirs_s, ours_s / theirs_s))
    print(f"{'file':32} {'baseline':18} {'grantparse s':>12} {'baseline s':>11} {'ratio':>6}")
    for name, base, ours_s, theirs_s, ratio in rows:
        print(f"{name:32} {base:18} {ours_s:12.3f} {theirs_s:11.3f} {ratio:6.2f}")
    for kind in ("pdf", "docx"):
        ratios = [r[4] for r in rows if r[0].endswith(kind)]
        if ratios:
            print(f"median ratio {kind}: {statistics.median(ratios):.2f}x the bare library")


if __name__ == "__main__":
    main()
