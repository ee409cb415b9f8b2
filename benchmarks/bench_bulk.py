"""Bulk validation speed, measured in one run against the bare libraries.

    python benchmarks/bench_bulk.py [--count 200]

Builds a folder of ``count`` reports by copying the committed samples, then reports, side by
side: reports per second with --jobs 1 and --jobs 2; per-PDF time of validation against
pdfplumber's own ``extract_tables()`` over all pages of the same PDF; per-DOCX time against
python-docx's ``Document()`` load; peak memory of one worker. The ratios are printed against
their targets (1.5× pdfplumber, 3× python-docx, 1.7× throughput with two jobs, 300 MB).

Per-file times are each file's best over ``--rounds``, then the median over the files, both
sides alike. Per-PDF times are taken as a worker's first file (no text cached). The per-DOCX
time is taken on distinct reports (built from the samples with every free text made unique)
validated one after another, as a worker meets the files of a folder; a worker's first file
(nothing cached but the labels) and a file seen before (everything cached) are printed beside.
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
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import docx
import pdfplumber

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import grantparse  # noqa: E402
from grantparse.locate import prepare  # noqa: E402
from grantparse.validation import validate_file  # noqa: E402
from samples.build import COMMITTED, LAYOUTS, load_content, render_docx  # noqa: E402

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


def _vary(value: Any, mark: str) -> Any:
    """Every free text of a report made its own (a word added), numbers and dates untouched."""
    if isinstance(value, str):
        return f"{value} {mark}" if len(value) >= 20 and not value.rstrip().endswith(":") else value
    if isinstance(value, list):
        return [_vary(v, mark) for v in value]
    if isinstance(value, dict):
        return {k: _vary(v, mark) for k, v in value.items()}
    return value


def _distinct_docx(count: int) -> list[Path]:
    """``count`` DOCX reports whose texts all differ (the form's labels aside): in a real
    folder no two reports share their free texts, so nothing of one is cached for the next."""
    folder = Path(tempfile.mkdtemp(prefix="grantparse-distinct-"))
    pairs = [(name, layout) for name, layout in COMMITTED]
    paths = []
    for i in range(count):
        name, layout = pairs[i % len(pairs)]
        content = load_content(name)
        mark = f"жоба{i:03d}"
        for key in ("narrative", "tasks", "partners"):
            content[key] = _vary(content[key], mark)
        for key in ("goal", "achieved", "section2", "section3", "section5", "section6"):
            content[key] = content[key][:1] + _vary(content[key][1:], mark)
        content["header"] = [[label, _vary(value, mark)] for label, value in content["header"]]
        path = folder / f"{i:03d}_{name}_{layout}.docx"
        render_docx(content, LAYOUTS[layout], path)
        paths.append(path)
    return paths


def _time(fn: Callable[[], object]) -> float:
    gc.collect()  # each side starts on a clean heap
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _bare(path: Path) -> None:
    """What the bare library does with the file: pdfplumber's tables, python-docx's load."""
    if path.suffix == ".pdf":
        _pdfplumber(path)
    else:
        docx.Document(str(path))


def _ratio(ours: dict[Path, list[float]], theirs: dict[Path, list[float]]) -> tuple[float, float, float]:
    """Each file's best time over the rounds (the others carry this machine's noise, as timeit
    says), then the median over the files, for both sides; and their ratio."""
    a = statistics.median(min(times) for times in ours.values())
    b = statistics.median(min(times) for times in theirs.values())
    return a, b, a / b


def _in_a_run(paths: list[Path], rounds: int) -> tuple[float, float, float]:
    """Seconds per file of validating distinct files one after another in one process, as a
    worker does (the form's labels cached, no text of the file seen before), against
    python-docx's ``Document()`` on the same files. Each round starts with the texts forgotten."""
    ours: dict[Path, list[float]] = {path: [] for path in paths}
    theirs: dict[Path, list[float]] = {path: [] for path in paths}
    for _ in range(rounds):
        _forget_texts()
        validate_file(SAMPLES[-1])  # the worker's first file
        for path in paths:
            ours[path].append(_time(partial(validate_file, path)))
            theirs[path].append(_time(partial(_bare, path)))
    return _ratio(ours, theirs)


def _forget_texts() -> None:
    """Empty grantparse's text caches, as in a worker that has read no other file; the labels
    stay prepared, as they are in the parent a worker is forked from."""
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("grantparse"):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
    prepare()


def _per_file(paths: list[Path], rounds: int, fresh: bool) -> tuple[float, float, float]:
    """Seconds of validate and of the bare library per file, and their ratio; with ``fresh``,
    every file is validated as a worker's first file (no texts cached)."""
    ours: dict[Path, list[float]] = {path: [] for path in paths}
    theirs: dict[Path, list[float]] = {path: [] for path in paths}
    for _ in range(rounds):
        for path in paths:
            if fresh:
                _forget_texts()
            ours[path].append(_time(partial(validate_file, path)))
            theirs[path].append(_time(partial(_bare, path)))
    return _ratio(ours, theirs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3, help="rounds per file; each file's best counts")
    parser.add_argument("--distinct", type=int, default=32, help="distinct DOCX reports built for the per-DOCX time")
    args = parser.parse_args()
    folder = _folder(args.count)
    # Throughput first, while this process is as lean as the parent of a real run: workers are
    # forked from it, and their memory would count whatever the per-file rounds left here.
    one = _throughput(folder, 1)
    two = _throughput(folder, 2)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    validate_file(SAMPLES[0])  # imports and caches warm, as in a worker
    pdf = _per_file([p for p in SAMPLES if p.suffix == ".pdf"], args.rounds, fresh=True)
    docx_paths = [p for p in SAMPLES if p.suffix == ".docx"]
    distinct = _distinct_docx(args.distinct)
    docx_run = _in_a_run(distinct, args.rounds)
    docx_times = _per_file(docx_paths, args.rounds, fresh=False)
    docx_fresh = _per_file(docx_paths, args.rounds, fresh=True)
    shutil.rmtree(distinct[0].parent)
    print(f"{args.count} reports ({sum(1 for p in folder.iterdir() if p.suffix == '.pdf')} PDF)")
    print(f"throughput  --jobs 1: {one:.2f} reports/s   --jobs 2: {two:.2f} reports/s   "
          f"ratio {two / one:.2f}× (target ≥ 1.7×)")
    print(f"per PDF     validate {pdf[0]:.3f} s   pdfplumber extract_tables {pdf[1]:.3f} s   "
          f"ratio {pdf[2]:.2f}× (target ≤ 1.5×)")
    print(f"per DOCX    validate {docx_run[0]:.3f} s   python-docx Document() {docx_run[1]:.3f} s   "
          f"ratio {docx_run[2]:.2f}× (target ≤ 3×; {len(distinct)} distinct reports one after another, "
          "as a worker meets them)")
    print(f"            a worker's first file {docx_fresh[0]:.3f} s   python-docx {docx_fresh[1]:.3f} s   "
          f"ratio {docx_fresh[2]:.2f}× (nothing cached but the labels)")
    print(f"            a file seen before {docx_times[0]:.3f} s   python-docx {docx_times[1]:.3f} s   "
          f"ratio {docx_times[2]:.2f}× (every text cached: the floor)")
    print(f"peak memory of one worker: {peak_mb:.0f} MB (target < 300 MB)")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
