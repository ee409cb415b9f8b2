"""Bulk validation speed, measured in one run against the bare libraries.

    python benchmarks/bench_bulk.py [--count 200]

Builds a folder of ``count`` reports by copying the committed samples, then reports, side by
side: reports per second with --jobs 1 and --jobs 2; per-PDF time of validation against
pdfplumber's own ``extract_tables()`` over all pages of the same PDF; per-DOCX time against
python-docx's ``Document()`` load; peak memory of one worker. The ratios are printed against
their targets (1.5× pdfplumber, 3× python-docx, 1.7× throughput with two jobs, 300 MB). Per-file
times are taken as a fresh worker meets a file (no text cached); for DOCX the figure with the
samples' texts cached between rounds is printed too.
"""

from __future__ import annotations

import argparse
import gc
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import docx
import pdfplumber

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import grantparse  # noqa: E402
from grantparse.locate import prepare  # noqa: E402
from grantparse.validation import validate_file  # noqa: E402

# Born-digital reports only: a scan costs seconds a page and has its own benchmark (bench_ocr.py).
SAMPLES = [p for p in sorted((ROOT / "samples").glob("*.pdf")) if not p.stem.endswith("_scan")] + sorted(
    (ROOT / "samples").glob("*.docx"))


def _folder(count: int) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="grantparse-bench-"))
    for i in range(count):
        source = SAMPLES[i % len(SAMPLES)]
        shutil.copy(source, folder / f"{i:04d}_{source.name}")
    return folder


def _throughput(folder: Path, jobs: int) -> float:
    started = time.perf_counter()
    run = grantparse.validate(folder, jobs=jobs)
    elapsed = time.perf_counter() - started
    assert run.summary.failed == 0, run.summary
    return run.summary.files / elapsed


def _pdfplumber(path: Path) -> None:
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()


def _forget_texts() -> None:
    """Empty grantparse's text caches, as in a worker that has read no other file (each
    validated file gets its own forked worker); the labels stay prepared, as they are in
    the parent a worker is forked from."""
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("grantparse"):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
    prepare()


def _per_file(paths: list[Path], rounds: int, fresh: bool) -> tuple[float, float, float]:
    """Median seconds of validate and of the bare library per file, and their ratio; with
    ``fresh``, every file is validated as a new worker would (no texts cached)."""
    ours, theirs = [], []
    for _ in range(rounds):
        for path in paths:
            if fresh:
                _forget_texts()
            gc.collect()  # each side starts on a clean heap, as a worker does for its one file
            started = time.perf_counter()
            validate_file(path)
            ours.append(time.perf_counter() - started)
            gc.collect()
            started = time.perf_counter()
            if path.suffix == ".pdf":
                _pdfplumber(path)
            else:
                docx.Document(str(path))
            theirs.append(time.perf_counter() - started)
    a, b = statistics.median(ours), statistics.median(theirs)
    return a, b, a / b


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    folder = _folder(args.count)
    validate_file(SAMPLES[0])  # imports and caches warm, as in a long run
    one = _throughput(folder, 1)
    two = _throughput(folder, 2)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    pdf = _per_file([p for p in SAMPLES if p.suffix == ".pdf"], args.rounds, fresh=True)
    docx_paths = [p for p in SAMPLES if p.suffix == ".docx"]
    docx_times = _per_file(docx_paths, args.rounds, fresh=False)
    docx_fresh = _per_file(docx_paths, args.rounds, fresh=True)
    print(f"{args.count} reports ({sum(1 for p in folder.iterdir() if p.suffix == '.pdf')} PDF)")
    print(f"throughput  --jobs 1: {one:.2f} reports/s   --jobs 2: {two:.2f} reports/s   "
          f"ratio {two / one:.2f}× (target ≥ 1.7×)")
    print(f"per PDF     validate {pdf[0]:.3f} s   pdfplumber extract_tables {pdf[1]:.3f} s   "
          f"ratio {pdf[2]:.2f}× (target ≤ 1.5×)")
    print(f"per DOCX    validate {docx_times[0]:.3f} s   python-docx Document() {docx_times[1]:.3f} s   "
          f"ratio {docx_times[2]:.2f}× (target ≤ 3×; one process, the samples' texts cached from round to round)")
    print(f"            as a fresh worker {docx_fresh[0]:.3f} s   python-docx Document() {docx_fresh[1]:.3f} s   "
          f"ratio {docx_fresh[2]:.2f}× (no text seen before: what each file of a run costs)")
    print(f"peak memory of one worker: {peak_mb:.0f} MB (target < 300 MB)")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
