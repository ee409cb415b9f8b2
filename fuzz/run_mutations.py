"""Batch fuzzing without instrumentation: N mutated inputs, each read in an isolated worker.

    python fuzz/run_mutations.py --count 10000 --jobs 2 --seed 1

Every outcome must be a report or a finding with a contract code, within the limits; the
script prints the tally (codes, mutators, slowest input, failures) and exits 1 if any input
produced anything else. Inputs that broke a rule are kept under fuzz/crashes/ to replay.
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import grantparse  # noqa: E402
from fuzz.mutate import mutate  # noqa: E402
from grantparse.checks import CATALOGUE  # noqa: E402
from grantparse.errors import ReadError  # noqa: E402
from grantparse.isolate import map_isolated  # noqa: E402
from grantparse.settings import DEFAULT_LIMITS  # noqa: E402

SEEDS = sorted((ROOT / "samples").glob("*.docx")) + sorted((ROOT / "samples").glob("*.pdf"))


def read_one(path: Path) -> str:
    """The outcome of reading one input: «report» or the finding's code."""
    try:
        grantparse.read(path, LIMITS)
    except ReadError as error:
        if error.code not in CATALOGUE:
            raise AssertionError(f"unknown code {error.code}") from error
        return error.code
    return "report"


LIMITS = replace(DEFAULT_LIMITS, timeout_seconds=30.0, max_memory_bytes=1024 * 1024 * 1024)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pdf-share", type=float, default=0.15, help="share of inputs mutated from PDFs")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    docx_seeds = [p.read_bytes() for p in SEEDS if p.suffix == ".docx"]
    pdf_seeds = [p.read_bytes() for p in SEEDS if p.suffix == ".pdf"]
    work = Path(tempfile.mkdtemp(prefix="grantparse-fuzz-"))
    crashes = ROOT / "fuzz" / "crashes"
    inputs: list[Path] = []
    mutators: list[str] = []
    for i in range(args.count):
        pdf = rng.random() < args.pdf_share
        how, data = mutate(rng.choice(pdf_seeds if pdf else docx_seeds), rng)
        path = work / f"{i:05d}.{'pdf' if pdf else 'docx'}"
        path.write_bytes(data)
        inputs.append(path)
        mutators.append(how)
    tally: collections.Counter[str] = collections.Counter()
    by_mutator: collections.Counter[tuple[str, str]] = collections.Counter()
    bad: list[tuple[Path, str]] = []
    slowest = (0.0, "")
    started = time.monotonic()
    for index, outcome in map_isolated(read_one, inputs, LIMITS, jobs=args.jobs):
        if outcome.value is not None:
            result = str(outcome.value)
        else:
            assert outcome.error is not None
            result = outcome.error.code
            if "no result within" in outcome.error.reason or "crashed" in outcome.error.reason:
                bad.append((inputs[index], outcome.error.reason))
            elif outcome.error.code not in CATALOGUE or not outcome.error.reason:
                bad.append((inputs[index], f"{outcome.error.code}: {outcome.error.reason}"))
            elif outcome.error.reason.startswith(("AssertionError", "TypeError", "AttributeError", "IndexError",
                                                  "KeyError", "ValueError", "ZeroDivisionError", "error:")):
                bad.append((inputs[index], outcome.error.reason))  # an uncaught bug of ours
        tally[result] += 1
        by_mutator[(mutators[index], result)] += 1
        if outcome.seconds > slowest[0]:
            slowest = (outcome.seconds, inputs[index].name)
    elapsed = time.monotonic() - started
    print(f"inputs: {args.count} in {elapsed:.0f} s with {args.jobs} workers; "
          f"slowest {slowest[0]:.2f} s ({slowest[1]})")
    for result, count in tally.most_common():
        print(f"  {result:22} {count}")
    print("by mutator:")
    for (how, result), count in sorted(by_mutator.items()):
        print(f"  {how:18} {result:22} {count}")
    if bad:
        crashes.mkdir(exist_ok=True)
        for path, reason in bad[:50]:
            (crashes / path.name).write_bytes(path.read_bytes())
            print(f"FAILED {path.name}: {reason}")
        return 1
    print("no uncaught exception, no hang, no crash")
    return 0


if __name__ == "__main__":
    sys.exit(main())
