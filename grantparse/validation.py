"""Validate files: read each one, run the checks, and report — never stop on a bad file."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from grantparse.checks import CATALOGUE, run_checks, selected
from grantparse.checks.messages import render
from grantparse.errors import ReadError
from grantparse.findings import Finding, Location, Severity
from grantparse.isolate import map_isolated
from grantparse.model import Report
from grantparse.settings import DEFAULT_LIMITS, Limits

REPORT_SUFFIXES = (".pdf", ".docx")
# A file that could not be read has no language of its own; most reports are in Russian.
FALLBACK_LANG = "ru"


class FileResult(BaseModel):
    """One file's outcome, in the contract's shape."""

    path: str
    status: Literal["ok", "findings", "failed"]
    findings: list[Finding] = Field(default_factory=list)
    report: Report | None = None

    seconds: float = Field(default=0.0, exclude=True)  # wall time of this file, for the run summary

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def count_code(self, severity: str) -> int:
        return self.count(Severity(severity))


class Summary(BaseModel):
    files: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    failed: int = 0


class ValidationRun(BaseModel):
    results: list[FileResult] = Field(default_factory=list)
    summary: Summary = Field(default_factory=Summary)

    @property
    def has_errors(self) -> bool:
        return self.summary.errors > 0

    def to_json_dict(self) -> dict[str, object]:
        return {
            "results": [
                {"path": r.path, "status": r.status, "findings": [f.model_dump() for f in r.findings],
                 "report": r.report.to_json_dict() if r.report is not None else None}
                for r in self.results
            ],
            "summary": self.summary.model_dump(),
        }


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and every .pdf/.docx under each folder, in a stable order, once each."""
    seen: dict[Path, None] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES
                           and not p.name.startswith("~$"))
            for p in found:
                seen.setdefault(p, None)
        else:
            seen.setdefault(path, None)
    return list(seen)


def _failure(path: Path, error: ReadError, lang: str) -> FileResult:
    entry = CATALOGUE[error.code]
    finding = Finding(code=error.code, severity=entry.severity,
                      message=render(error.code, lang, {"reason": error.reason}),
                      location=Location(section="document"))
    return FileResult(path=str(path), status="failed", findings=[finding])


def validate_file(path: str | Path, lang: str | None = None, select: Sequence[str] | None = None,
                  ignore: Sequence[str] | None = None, limits: Limits = DEFAULT_LIMITS) -> FileResult:
    """Read one file and run the selected checks on it."""
    from grantparse import read

    path = Path(path)
    try:
        report = read(path, limits)
    except ReadError as error:
        result = _failure(path, error, lang or FALLBACK_LANG)
        if not selected(error.code, select, ignore):
            result.findings = []
        return result
    except Exception as error:  # a parser library bug must not stop the batch
        return _failure(path, ReadError("unreadable-file", f"{type(error).__name__}: {error}"[:300]),
                        lang or FALLBACK_LANG)
    findings = run_checks(report, lang=lang, select=select, ignore=ignore)
    order = {Severity.error: 0, Severity.warning: 1, Severity.info: 2}
    findings.sort(key=lambda f: order[f.severity])
    return FileResult(path=str(path), status="findings" if findings else "ok", findings=findings, report=report)


def preload_parsers() -> None:
    """Import the readers and extractors (and pdfplumber, lxml, … under them) here, once:
    isolated workers are forked from this process and would otherwise each import them
    again — about 150 ms, several times the whole work on a DOCX."""
    import grantparse.extract
    import grantparse.readers.docx
    import grantparse.readers.pdf  # noqa: F401
    from grantparse.parse.phones import find_phones

    find_phones("тел: 8 701 000 00 00")  # phonenumbers loads the KZ metadata on first use


def summarise(results: Sequence[FileResult]) -> Summary:
    return Summary(
        files=len(results),
        errors=sum(r.count(Severity.error) for r in results),
        warnings=sum(r.count(Severity.warning) for r in results),
        infos=sum(r.count(Severity.info) for r in results),
        failed=sum(1 for r in results if r.status == "failed"),
    )


def iter_validate(files: Sequence[Path], lang: str | None = None, select: Sequence[str] | None = None,
                  ignore: Sequence[str] | None = None, limits: Limits = DEFAULT_LIMITS, jobs: int = 1,
                  isolate: bool = True) -> Iterator[tuple[int, FileResult]]:
    """``(index, result)`` for each file as it finishes. With ``isolate`` every file runs in
    its own worker process under ``limits`` (time, memory), so a hang or crash inside a
    parser library costs that file only."""
    one = partial(validate_file, lang=lang, select=select, ignore=ignore, limits=limits)
    if not isolate:
        for index, path in enumerate(files):
            yield index, one(path)
        return
    preload_parsers()
    for index, outcome in map_isolated(one, files, limits, jobs=jobs):
        if outcome.value is not None:
            outcome.value.seconds = outcome.seconds
            yield index, outcome.value
        else:
            assert outcome.error is not None
            result = _failure(files[index], outcome.error, lang or FALLBACK_LANG)
            result.seconds = outcome.seconds
            if not selected(outcome.error.code, select, ignore):
                result.findings = []
            yield index, result
