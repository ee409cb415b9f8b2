"""grantparse — read Kazakhstan NGO state-grant final reports into validated data.

>>> import grantparse
>>> report = grantparse.read("samples/report_kk_stacked.pdf")
>>> report.header.grant_amount
10125000
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from grantparse.errors import ReadError
from grantparse.model import Report
from grantparse.settings import DEFAULT_LIMITS, Limits

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from grantparse.validation import ValidationRun

try:
    __version__ = version("grantparse")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

__all__ = ["Limits", "ReadError", "Report", "ValidationRun", "__version__", "read", "validate"]


def read(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Report:
    """Read one report (PDF or DOCX) into the typed model.

    Raises :class:`ReadError` (with a contract code such as ``unreadable-file`` or
    ``not-a-grant-report``) when the file cannot be read or is not this form.
    """
    from grantparse.extract import extract_report, recognise
    from grantparse.readers import read_document

    document = read_document(Path(path), limits)
    layout = recognise(document)
    if layout is None:
        raise ReadError("not-a-grant-report", "no report title and fewer than three of the form's tables")
    return extract_report(document, layout)


def validate(paths: str | Path | list[str | Path], lang: str | None = None, select: list[str] | None = None,
             ignore: list[str] | None = None, limits: Limits = DEFAULT_LIMITS, jobs: int = 1,
             isolate: bool = True, executor: Executor | None = None) -> ValidationRun:
    """Validate files and folders: each file's status, findings and extracted report.

    Each file runs in its own worker process under ``limits`` unless ``isolate`` is False.
    Pass any ``concurrent.futures.Executor`` — a process pool, or a Dask or Ray client's
    executor — to run the files there instead; nothing else changes.
    """
    from grantparse.bulk import BatchOptions, run_batch
    from grantparse.validation import ValidationRun, expand_paths, summarise

    files = expand_paths([paths] if isinstance(paths, (str, Path)) else paths)
    options = BatchOptions(lang=lang, select=select or (), ignore=ignore or (), limits=limits, jobs=jobs,
                           executor=executor, isolate=isolate)
    results = run_batch(files, options)
    return ValidationRun(results=results, summary=summarise(results))


def __getattr__(name: str) -> object:
    if name == "ValidationRun":  # imported lazily: the checks load only when validating
        from grantparse.validation import ValidationRun

        return ValidationRun
    raise AttributeError(name)
