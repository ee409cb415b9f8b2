"""grantparse — read Kazakhstan NGO state-grant final reports into validated data.

>>> import grantparse
>>> report = grantparse.read("samples/report_kk_stacked.pdf")
>>> report.header.grant_amount
10125000
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from grantparse.errors import ReadError
from grantparse.model import Report
from grantparse.settings import DEFAULT_LIMITS, Limits

try:
    __version__ = version("grantparse")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

__all__ = ["Limits", "ReadError", "Report", "__version__", "read"]


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
