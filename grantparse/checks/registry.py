"""The catalogue of checks: one small unit per code, found by code, grouped by area.

A check is a function that takes a :class:`CheckContext` and yields findings; it is
registered with :func:`check`. Codes that only a reader can raise (``unreadable-file`` …)
are registered too, without a function, so the catalogue is complete.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from grantparse.checks.messages import render
from grantparse.checks.text import names_spending
from grantparse.findings import Finding, Location, Severity
from grantparse.model import Report

AREAS = ("document", "header", "statistics", "socio_economic", "tasks", "cross")


@dataclass
class CheckContext:
    """What a check sees: the report, the message language and the doubtful fields."""

    report: Report
    lang: str

    @functools.cached_property
    def names_spending(self) -> bool:
        """Does the report name prizes, purchases, catering or rented venues? (read once)"""
        return names_spending(self.report)

    def page(self, *paths: str) -> int | None:
        """The page the first of ``paths`` that has a source was read on."""
        for path in paths:
            source = self.report.sources.get(path)
            if source is not None and source.page is not None:
                return source.page
        return None

    def doubtful(self, *prefixes: str) -> bool:
        """True when a value under any of ``prefixes`` was read with doubt."""
        return any(
            note.needs_review and any(note.field.startswith(p) for p in prefixes)
            for note in self.report.notes
        )

    def finding(self, code: str, location: Location, params: dict[str, object] | None = None,
                milder: bool = False, needs_review: bool = False) -> Finding:
        """A finding of check ``code``, at its registered severity (its milder one when
        ``milder``), with the message in the context's language."""
        entry = CATALOGUE[code]
        return Finding(
            code=code,
            severity=entry.milder if milder and entry.milder else entry.severity,
            message=render(code, self.lang, params or {}),
            location=location,
            needs_review=needs_review,
        )


CheckFunction = Callable[[CheckContext], Iterable[Finding]]


@dataclass(frozen=True)
class Check:
    code: str
    severity: Severity
    area: str
    summary: str
    run: CheckFunction | None = field(default=None, compare=False)
    milder: Severity | None = None  # the severity it takes where the report explains itself

    @property
    def severity_label(self) -> str:
        """How the catalogue shows the severity: «error / warning» for a check that has two."""
        return f"{self.severity.value} / {self.milder.value}" if self.milder else self.severity.value


CATALOGUE: dict[str, Check] = {}


def check(code: str, severity: Severity, area: str, summary: str,
          milder: Severity | None = None) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function under its contract code (``milder``: the severity it gives
    instead of ``severity`` in the cases its summary names)."""
    if area not in AREAS:
        raise ValueError(f"unknown area {area!r}")

    def register(fn: CheckFunction) -> CheckFunction:
        if code in CATALOGUE:
            raise ValueError(f"check {code!r} registered twice")
        CATALOGUE[code] = Check(code, severity, area, summary, fn, milder)
        return fn

    return register


def file_code(code: str, summary: str) -> None:
    """Register an error code no check function raises itself: a reader's (the file could
    not become a report) or the runner's (a check that could not run)."""
    CATALOGUE[code] = Check(code, Severity.error, "document", summary)


def runnable() -> Iterator[Check]:
    yield from (c for c in CATALOGUE.values() if c.run is not None)


def matches(code: str, patterns: Iterable[str]) -> bool:
    """A code matches a selector when they are equal or the selector is a prefix ending
    at a dash («payroll» selects payroll-exceeds-grant and payroll-equals-grant)."""
    return any(code == p or code.startswith(p.rstrip("-") + "-") for p in patterns)
