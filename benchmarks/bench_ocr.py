"""Time per scanned page: grantparse reading a scan, against bare tesseract on the same pages.

    python benchmarks/bench_ocr.py [--rounds 1]

For every committed scan (``samples/*_scan.pdf``): seconds per page of ``grantparse.read``
(render at 300 dpi, find and erase the table rules, tesseract kaz+rus on the page around the
tables and on the cells stacked, the second passes for missed marks and links, then the usual
extraction), and of tesseract alone reading the same
rendered pages (``image_to_string``, kaz+rus, one thread) — measured in the same run, since
machines differ. The ratio is the number to watch.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import pdfplumber
import pytesseract

import grantparse

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _bare_tesseract(path: Path) -> int:
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            image = page.to_image(resolution=300).original.convert("L")
            pytesseract.image_to_string(image, lang="kaz+rus", config="--dpi 300")
            page.close()
        return len(pdf.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # as grantparse runs it: one thread a file
    print(f"{'file':32} {'pages':>5} {'grantparse s/page':>18} {'tesseract s/page':>17} {'ratio':>6}")
    for path in sorted(SAMPLES.glob("*_scan.pdf")):
        ours, theirs = [], []
        for _ in range(args.rounds):
            start = time.perf_counter()
            report = grantparse.read(path)
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            pages = _bare_tesseract(path)
            theirs.append(time.perf_counter() - start)
        assert report.source.ocr and report.source.pages == pages
        ours_s, theirs_s = statistics.median(ours) / pages, statistics.median(theirs) / pages
        print(f"{path.name:32} {pages:5d} {ours_s:18.2f} {theirs_s:17.2f} {ours_s / theirs_s:6.2f}")


if __name__ == "__main__":
    main()
