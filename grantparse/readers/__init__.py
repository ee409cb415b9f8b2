"""Readers: a PDF or DOCX file in, one intermediate :class:`Document` out.

The file's real format is sniffed from its bytes; the safety checks of
:mod:`grantparse.readers.safety` run before any parser library sees it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from grantparse.errors import ReadError
from grantparse.readers.document import Document
from grantparse.readers.safety import check_docx_archive, check_ole, check_pdf_bytes
from grantparse.settings import DEFAULT_LIMITS, Limits

__all__ = ["SUPPORTED_SUFFIXES", "Document", "read_document"]

SUPPORTED_SUFFIXES = (".pdf", ".docx")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(head: bytes) -> str | None:
    """The format the bytes really are, whatever the file's name says."""
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(_OLE_MAGIC):
        return "ole"
    return None


def read_document(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read ``path`` (PDF or DOCX, by content) into a :class:`Document`.

    Raises :class:`ReadError` with a contract code for anything that is not a readable report file.
    """
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise ReadError("unreadable-file", f"unsupported file type '{path.suffix or '(none)'}': expected .pdf or .docx")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:  # read-only: nothing ever writes to an input
            head = handle.read(2048)
    except OSError as exc:
        raise ReadError("unreadable-file", f"cannot open: {exc.strerror or exc}") from exc
    if size == 0:
        raise ReadError("unreadable-file", "empty file")
    if size > limits.max_file_bytes:
        raise ReadError("unreadable-file", f"file is {size} bytes, over the limit of {limits.max_file_bytes}")
    kind = sniff(head)
    if kind == "ole":
        check_ole(path)
    if kind == "pdf":
        check_pdf_bytes(path, size)
        return _read_pdf(path, limits)
    if kind == "docx":
        check_docx_archive(path, limits)
        return _read_docx(path)
    raise ReadError("unreadable-file", f"not a PDF or DOCX file, whatever its name says ({path.suffix})")


def _read_pdf(path: Path, limits: Limits) -> Document:
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    from grantparse.isolate import allow_more_time
    from grantparse.readers.pdf import NoTextLayer, TooManyPages, read_pdf

    def on_ocr(pages: int) -> None:
        allow_more_time(min(pages * limits.ocr_seconds_per_page, limits.max_ocr_seconds))

    try:
        return read_pdf(path, max_pages=limits.max_pages, ocr=limits.ocr, on_ocr=on_ocr)
    except NoTextLayer as exc:
        raise ReadError("no-text-layer", str(exc)) from exc
    except TooManyPages as exc:
        raise ReadError("unreadable-file", str(exc)) from exc
    except (PdfminerException, PDFSyntaxError, PDFPasswordIncorrect) as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect) or "password" in repr(cause).lower():
            raise ReadError("encrypted-file", "password-protected PDF") from exc
        raise ReadError("unreadable-file", f"broken PDF: {cause!r}"[:200]) from exc
    except MemoryError as exc:
        raise ReadError("unreadable-file", "reading the PDF ran over the memory limit") from exc
    except RecursionError as exc:
        raise ReadError("unreadable-file", "the PDF's objects nest without end") from exc
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        raise ReadError("unreadable-file", f"broken PDF: {type(exc).__name__}: {exc}"[:200]) from exc


def _read_docx(path: Path) -> Document:
    from grantparse.readers.docx import read_docx

    try:
        return read_docx(path)
    except zipfile.BadZipFile as exc:
        raise ReadError("unreadable-file", f"broken DOCX (zip): {exc}") from exc
    except KeyError as exc:
        raise ReadError("unreadable-file", f"not a Word document: missing {exc}") from exc
    except MemoryError as exc:
        raise ReadError("unreadable-file", "reading the DOCX ran over the memory limit") from exc
    except Exception as exc:  # python-docx / lxml on damaged XML
        raise ReadError("unreadable-file", f"broken DOCX: {type(exc).__name__}: {exc}"[:200]) from exc
