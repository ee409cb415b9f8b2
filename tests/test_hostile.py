"""Hostile and broken files: the exact code, in bounded time and memory, and the batch goes on."""

from __future__ import annotations

import io
import os
import signal
import struct
import sys
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

import grantparse
from grantparse import validate
from grantparse.errors import ReadError
from grantparse.isolate import map_isolated
from grantparse.settings import DEFAULT_LIMITS, Limits
from grantparse.validation import preload_parsers, validate_file
from tests.conftest import SAMPLES

DOCX = SAMPLES / "report_kk_stacked.docx"
PDF = SAMPLES / "report_kk_stacked.pdf"


def _outcome(path: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[str, float, int]:
    """(code, seconds, peak Python allocation in bytes) of reading ``path``."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        grantparse.read(path, limits)
        code = "report"
    except ReadError as error:
        code = error.code
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return code, seconds, peak


def _docx_with(document_xml: bytes) -> bytes:
    """The sample DOCX with its main part replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(DOCX) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = document_xml if info.filename == "word/document.xml" else src.read(info)
            dst.writestr(info.filename, data)
    return out.getvalue()


def test_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    assert _outcome(path)[0] == "unreadable-file"


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_random_bytes(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"noise{suffix}"
    path.write_bytes(os.urandom(50_000))
    code, seconds, _ = _outcome(path)
    assert code == "unreadable-file" and seconds < 2


@pytest.mark.parametrize("source", [PDF, DOCX], ids=["pdf", "docx"])
def test_truncated(tmp_path: Path, source: Path) -> None:
    path = tmp_path / f"cut{source.suffix}"
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.7)])
    code, seconds, _ = _outcome(path)
    assert code == "unreadable-file" and seconds < 1


def test_password_protected_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(PDF).pages[:3]:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert _outcome(path)[0] == "encrypted-file"


def test_password_protected_docx(tmp_path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    path = tmp_path / "locked.docx"
    with DOCX.open("rb") as src, path.open("wb") as out:
        OOXMLFile(src).encrypt("secret", out)
    assert path.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # an OLE container, not a zip
    assert _outcome(path)[0] == "encrypted-file"


def test_legacy_word_file_is_not_called_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    assert _outcome(path)[0] == "unreadable-file"


def test_image_named_pdf(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "photo.pdf"
    Image.new("RGB", (64, 64), "red").save(path, "PNG")
    assert _outcome(path)[0] == "unreadable-file"


def test_other_zip_named_docx(tmp_path: Path) -> None:
    path = tmp_path / "table.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert _outcome(path)[0] == "unreadable-file"


@pytest.mark.parametrize("name", ["report.txt", "report.odt", "report.doc", "report"])
def test_unsupported_extensions(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(DOCX.read_bytes())
    with pytest.raises(ReadError) as caught:
        grantparse.read(path)
    assert caught.value.code == "unreadable-file" and "unsupported file type" in caught.value.reason


def test_zip_bomb_is_refused_before_decompressing(tmp_path: Path) -> None:
    """50 MB of zeros in one member (ratio ≈ 1000×): refused from the headers alone."""
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(DOCX) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        dst.writestr("word/media/padding.bin", b"\0" * (50 * 1024 * 1024))
    code, seconds, peak = _outcome(bomb)
    assert code == "unreadable-file"
    assert seconds < 0.5 and peak < 20 * 1024 * 1024


def _lying_zip(declared: int) -> bytes:
    """A one-member zip whose headers declare ``declared`` bytes for a few compressed ones."""
    name = b"word/document.xml"
    body = zlib.compress(b"<w:document/>")[2:-4]
    crc = zlib.crc32(b"<w:document/>")
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(body), declared & 0xFFFFFFFF,
                        len(name), 0) + name + body
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(body),
                          declared & 0xFFFFFFFF, len(name), 0, 0, 0, 0, 0, 0) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local), 0)
    return local + central + end


def test_gigabyte_zip_bomb_refused_in_well_under_a_second(tmp_path: Path) -> None:
    bomb = tmp_path / "giga.docx"
    bomb.write_bytes(_lying_zip(4_000_000_000))  # declares 4 GB
    code, seconds, peak = _outcome(bomb)
    assert code == "unreadable-file" and seconds < 0.2 and peak < 5 * 1024 * 1024


def test_billion_laughs_is_not_expanded(tmp_path: Path) -> None:
    lol = b'<!ENTITY lol0 "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10))
    xml = (b'<?xml version="1.0"?><!DOCTYPE w:document [' + lol + b']>'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")
    path = tmp_path / "laughs.docx"
    path.write_bytes(_docx_with(xml))
    code, seconds, peak = _outcome(path)
    assert code == "unreadable-file" and seconds < 1 and peak < 20 * 1024 * 1024


def test_external_entity_reads_no_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    xml = (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://'
           + str(secret).encode() + b'">]>'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           b"<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>")
    path = tmp_path / "xxe.docx"
    path.write_bytes(_docx_with(xml))
    run = validate(path, isolate=False)
    assert run.results[0].findings[0].code == "unreadable-file"
    assert "TOP-SECRET-CONTENT" not in run.model_dump_json()


def test_file_size_and_page_limits(tmp_path: Path) -> None:
    assert _outcome(PDF, replace(DEFAULT_LIMITS, max_file_bytes=10_000))[0] == "unreadable-file"
    with pytest.raises(ReadError) as caught:
        grantparse.read(PDF, replace(DEFAULT_LIMITS, max_pages=3))
    assert caught.value.code == "unreadable-file" and "pages" in caught.value.reason


# ----------------------------------------------------------------------------- isolation


def _sleep_forever(path: Path) -> str:
    time.sleep(60)
    return "never"


def _segfault(path: Path) -> str:
    os.kill(os.getpid(), signal.SIGSEGV)
    return "never"


def _eat_memory(path: Path) -> str:
    hoard = [bytearray(50 * 1024 * 1024) for _ in range(100)]  # 5 GB
    return str(len(hoard))


@pytest.mark.parametrize(("fn", "words"), [(_sleep_forever, "no result within"), (_segfault, "crashed"),
                                           (_eat_memory, "memory")])
def test_worker_failures_become_findings(fn: Callable[[Path], str], words: str) -> None:
    limits = replace(DEFAULT_LIMITS, timeout_seconds=2.0, max_memory_bytes=512 * 1024 * 1024)
    started = time.monotonic()
    ((_, outcome),) = list(map_isolated(fn, [PDF], limits))
    assert outcome.error is not None and outcome.error.code == "unreadable-file"
    assert words in outcome.error.reason
    assert time.monotonic() - started < 10


def _pid_or_failure(item: str) -> int:
    """The worker's process id, after doing what ``item`` says."""
    if item == "hang":
        time.sleep(60)
    elif item == "crash":
        os.kill(os.getpid(), signal.SIGSEGV)
    elif item == "memory":
        _eat_memory(PDF)
    elif item == "broken":
        raise RuntimeError("a parser library's own bug")
    elif item == "not-a-report":
        raise ReadError("not-a-grant-report", "expected")
    return os.getpid()


def test_workers_serve_many_files_and_are_replaced_after_a_failure() -> None:
    """A worker reads file after file (no start-up cost per file); one that hung, crashed,
    ran out of memory or met an unexpected error is replaced, and the files after it are
    still read; an expected refusal (not a report) keeps the worker."""
    limits = replace(DEFAULT_LIMITS, timeout_seconds=2.0, max_memory_bytes=512 * 1024 * 1024)
    items = ["a", "b", "not-a-report", "c", "hang", "d", "crash", "e", "memory", "f", "broken", "g", "h"]
    outcomes = dict(map_isolated(_pid_or_failure, items, limits, jobs=1))
    assert len(outcomes) == len(items)
    pid = {items[i]: o.value for i, o in outcomes.items() if o.value is not None}
    failed = {items[i]: o.error.reason for i, o in outcomes.items() if o.error is not None and o.error.code == "unreadable-file"}
    assert set(failed) == {"hang", "crash", "memory", "broken"}
    assert "no result within" in failed["hang"] and "crashed" in failed["crash"]
    assert "memory" in failed["memory"] and "RuntimeError" in failed["broken"]
    refused = outcomes[items.index("not-a-report")].error
    assert refused is not None and refused.code == "not-a-grant-report"
    assert pid["a"] == pid["b"] == pid["c"] != os.getpid()  # one worker, kept after a refusal
    # a new worker after each failure, and it goes on serving
    assert len({pid["c"], pid["d"], pid["e"], pid["f"], pid["g"]}) == 5 and pid["g"] == pid["h"]


def _imported_while_validating(path: Path) -> tuple[list[str], int | None]:
    """The modules a worker imported to validate ``path``, and the grant amount it read."""
    before = set(sys.modules)
    result = validate_file(path)
    return sorted(set(sys.modules) - before), result.report.header.grant_amount if result.report else None


def test_workers_start_with_the_parsers_imported() -> None:
    """Workers are forked from a parent that has imported the readers, extractors and parser
    libraries: importing them again in every worker cost more than reading a DOCX."""
    preload_parsers()
    for _, outcome in map_isolated(_imported_while_validating, [DOCX, PDF], DEFAULT_LIMITS):
        assert outcome.value is not None
        imported, grant_amount = outcome.value
        assert grant_amount == 10_125_000  # the seed report, read in the worker
        heavy = [m for m in imported if m.split(".")[0] in {"grantparse", "pdfplumber", "pdfminer", "docx",
                                                             "lxml", "numpy", "rapidfuzz", "regex", "pydantic"}]
        assert heavy == []


def test_a_worker_is_replaced_after_its_share_of_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("grantparse.isolate.FILES_PER_WORKER", 3)
    outcomes = dict(map_isolated(_pid_or_failure, [str(i) for i in range(7)], DEFAULT_LIMITS, jobs=1))
    pids = [outcomes[i].value for i in range(7)]
    assert pids[0] == pids[1] == pids[2] != pids[3] == pids[4] == pids[5] != pids[6]


def _minimal_pdf(content: bytes) -> bytes:
    """A valid one-page PDF around a content stream."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def test_a_hanging_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    """A PDF drawn with 200 000 ruling lines keeps a table finder busy far past the limit: it
    is stopped and reported, and the good DOCX beside it is still validated."""
    lines = b"".join(b"%d %d m %d %d l S\n" % (i % 595, i % 842, (i * 7) % 595, (i * 13) % 842) for i in range(200_000))
    slow = tmp_path / "slow.pdf"
    slow.write_bytes(_minimal_pdf(lines))
    limits = replace(DEFAULT_LIMITS, timeout_seconds=3.0)
    started = time.monotonic()
    run = validate([slow, DOCX], limits=limits, jobs=2)
    assert time.monotonic() - started < 15
    by_name = {Path(r.path).name: r for r in run.results}
    assert by_name["slow.pdf"].status == "failed"
    assert "no result within 3 s" in by_name["slow.pdf"].findings[0].message
    assert by_name[DOCX.name].report is not None
    assert [Path(r.path).name for r in run.results] == ["slow.pdf", DOCX.name]


def test_every_file_once_in_a_stable_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for name, data in (("z.pdf", b"%PDF-1.4 nothing"), ("b/a.docx", DOCX.read_bytes()), ("m.docx", b"")):
        (tmp_path / name).write_bytes(data)
    first = validate([tmp_path, tmp_path / "m.docx"], jobs=2)
    second = validate([tmp_path], jobs=1)
    names = [Path(r.path).relative_to(tmp_path).as_posix() for r in first.results]
    assert names == ["b/a.docx", "m.docx", "z.pdf"]
    assert [r.status for r in first.results] == [r.status for r in second.results] == ["findings", "failed", "failed"]


def test_inputs_are_opened_read_only(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(DOCX.read_bytes())
    path.chmod(0o444)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    assert validate(path).results[0].report is not None
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
