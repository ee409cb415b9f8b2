"""Many files at once: isolated workers or any ``concurrent.futures.Executor``, progress,
results stored as they arrive (so an interrupted run keeps what it finished)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, as_completed
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from grantparse.settings import DEFAULT_LIMITS, Limits
from grantparse.validation import FileResult, iter_validate, validate_file


@dataclass
class BatchOptions:
    lang: str | None = None
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    limits: Limits = DEFAULT_LIMITS
    jobs: int = 1
    executor: Executor | None = None  # e.g. a Dask or Ray client's executor: runs files there
    isolate: bool = True


@dataclass
class BatchStats:
    started: float = field(default_factory=time.monotonic)
    slowest: list[tuple[float, str]] = field(default_factory=list)

    def add(self, result: FileResult) -> None:
        self.slowest = sorted([*self.slowest, (result.seconds, result.path)], reverse=True)[:5]


def run_batch(files: Sequence[Path], options: BatchOptions,
              on_result: Callable[[int, FileResult], None] | None = None) -> list[FileResult]:
    """Validate ``files``; results come back in input order, each file exactly once."""
    results: list[FileResult | None] = [None] * len(files)
    for index, result in _iter(files, options):
        results[index] = result
        if on_result is not None:
            on_result(index, result)
    return [r for r in results if r is not None]


def _iter(files: Sequence[Path], options: BatchOptions) -> Iterator[tuple[int, FileResult]]:
    if options.executor is None:
        yield from iter_validate(files, options.lang, list(options.select), list(options.ignore), options.limits,
                                 options.jobs, options.isolate)
        return
    one = partial(_timed_validate, lang=options.lang, select=list(options.select), ignore=list(options.ignore),
                  limits=options.limits)
    futures = {options.executor.submit(one, path): index for index, path in enumerate(files)}
    for future in as_completed(futures):
        yield futures[future], future.result()


def _timed_validate(path: Path, **kwargs: object) -> FileResult:
    started = time.monotonic()
    result = validate_file(path, **kwargs)  # type: ignore[arg-type]
    result.seconds = time.monotonic() - started
    return result
