"""Every check of CONTRACT.md's catalogue, by area; :func:`run_checks` runs them on a report."""

from __future__ import annotations

from collections.abc import Iterable

from grantparse.checks import document, header, socio, stats, tasks  # noqa: F401  (registers the checks)
from grantparse.checks.registry import CATALOGUE, Check, CheckContext, file_code, matches, runnable
from grantparse.findings import Finding, Location
from grantparse.model import Report

__all__ = ["CATALOGUE", "Check", "run_checks", "selected"]

file_code("check-failed", "a check could not run on this report (a defect of grantparse, reported instead of "
                          "stopping the run)")


def selected(code: str, select: Iterable[str] | None, ignore: Iterable[str] | None) -> bool:
    """Is ``code`` chosen by ``--select`` / ``--ignore`` (codes or code prefixes)?"""
    if select and not matches(code, select):
        return False
    return not (ignore and matches(code, ignore))


def run_checks(report: Report, lang: str | None = None, select: Iterable[str] | None = None,
               ignore: Iterable[str] | None = None) -> list[Finding]:
    """All selected checks on one report, in catalogue order; a check that crashes becomes a
    finding of its own instead of stopping the others."""
    ctx = CheckContext(report=report, lang=lang or report.language)
    select, ignore = list(select or []), list(ignore or [])
    findings: list[Finding] = []
    for entry in runnable():
        if not selected(entry.code, select, ignore):
            continue
        assert entry.run is not None
        try:
            findings.extend(entry.run(ctx))
        except Exception as exc:  # one broken rule must not hide the others' findings
            findings.append(ctx.finding("check-failed", Location(section="document"),
                                        {"check": entry.code, "reason": f"{type(exc).__name__}: {exc}"}))
    return findings
