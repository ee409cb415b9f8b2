"""Checks made before a parser library sees the bytes: sizes, zip bombs, XML entity tricks,
truncated PDFs, encrypted Office files. Each failure is a :class:`ReadError` with a code."""

from __future__ import annotations

import zipfile
from pathlib import Path

import regex

from grantparse.errors import ReadError
from grantparse.settings import Limits

_DTD = regex.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", regex.IGNORECASE)
_ROOT_ELEMENT = regex.compile(rb"<[A-Za-z_]")


def check_docx_archive(path: Path, limits: Limits) -> None:
    """Refuse a DOCX whose members would expand too far, or whose XML carries a DTD.

    Sizes come from the zip's own headers, before anything is decompressed; Python's
    zipfile never returns more than a member's declared size, so the check holds even
    when a header lies. Word never writes a DTD into a DOCX: one there is an entity trick
    (billion laughs, external entities) and the file is refused unparsed.
    """
    try:
        archive = zipfile.ZipFile(path)
    except Exception as exc:  # zipfile raises BadZipFile, NotImplementedError, ValueError… on damage
        raise ReadError("unreadable-file", f"broken DOCX (zip): {type(exc).__name__}: {exc}"[:200]) from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_zip_members:
            raise ReadError("unreadable-file",
                            f"DOCX has {len(infos)} parts, over the limit of {limits.max_zip_members}")
        total = sum(info.file_size for info in infos)
        if total > limits.max_unzipped_bytes:
            raise ReadError("unreadable-file", f"DOCX would expand to {total} bytes, over the limit of "
                                               f"{limits.max_unzipped_bytes} (zip bomb?)")
        for info in infos:
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > 1024 * 1024 and ratio > limits.max_compression_ratio:
                raise ReadError("unreadable-file", f"DOCX part {info.filename} expands {ratio:.0f}× "
                                                   f"(limit {limits.max_compression_ratio:.0f}×): zip bomb?")
        names = {info.filename for info in infos}
        if "word/document.xml" not in names:
            raise ReadError("unreadable-file", "a zip file but not a Word document (no word/document.xml)")
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                _check_xml_prolog(archive, info, limits)


def _check_xml_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> None:
    head = b""
    try:
        with archive.open(info) as member:
            while len(head) < limits.max_xml_prolog_bytes:
                chunk = member.read(4096)
                if not chunk:
                    break
                head += chunk
                if _ROOT_ELEMENT.search(head):
                    break
    except Exception as exc:  # zlib.error, BadZipFile, NotImplementedError… on a damaged member
        raise ReadError("unreadable-file", f"broken DOCX part {info.filename}: {exc}"[:200]) from exc
    root = _ROOT_ELEMENT.search(head)
    prolog = head[: root.start()] if root else head
    if _DTD.search(prolog):
        raise ReadError("unreadable-file", f"DOCX part {info.filename} declares a DTD (XML entity trick refused)")
    if root is None and len(head) >= limits.max_xml_prolog_bytes:
        raise ReadError("unreadable-file", f"DOCX part {info.filename} has no XML root within its first bytes")


def check_pdf_bytes(path: Path, size: int) -> None:
    """A PDF ends with %%EOF; without it the file was cut short in transfer."""
    with path.open("rb") as handle:
        handle.seek(max(0, size - 2048))
        tail = handle.read()
    if b"%%EOF" not in tail:
        raise ReadError("unreadable-file", "truncated PDF (no end-of-file marker)")


def check_ole(path: Path) -> None:
    """An OLE container with an encrypted package is a password-protected DOCX; any other
    OLE file is a legacy Word 97–2003 document, which this form's reports are not."""
    with path.open("rb") as handle:
        head = handle.read(1 << 20)
    if "EncryptedPackage".encode("utf-16-le") in head or "EncryptionInfo".encode("utf-16-le") in head:
        raise ReadError("encrypted-file", "password-protected Word document")
    raise ReadError("unreadable-file", "a legacy Word 97–2003 (.doc) or other OLE file, not DOCX")
