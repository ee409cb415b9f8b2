"""Mutations of real sample files: bit flips, truncation, byte noise, zip-member and XML edits.

Shared by the atheris harness (``fuzz_read.py``), the batch runner (``run_mutations.py``)
and the hypothesis tests, so all three break files the same ways.
"""

from __future__ import annotations

import io
import random
import zipfile

MUTATORS = ("flip_bits", "truncate", "insert_noise", "delete_span", "zip_member_xml", "zip_member_drop",
            "zip_member_swap", "duplicate_span")


def flip_bits(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 64)):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def insert_noise(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data))
    return data[:i] + rng.randbytes(rng.randint(1, 512)) + data[i:]


def delete_span(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data))
    return data[:i] + data[i + rng.randint(1, 4096):]


def duplicate_span(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data))
    span = data[i: i + rng.randint(1, 8192)]
    return data[:i] + span * rng.randint(2, 8) + data[i:]


def _rezip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _members(data: bytes) -> dict[str, bytes] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {info.filename: archive.read(info) for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None


_XML_SNIPPETS = [b"<w:tbl>", b"</w:tbl>", b"<w:tr>", b"</w:tc>", b"<w:gridSpan w:val=\"99\"/>", b"<w:vMerge/>",
                 b"&amp;", b"&#0;", b"\x00", b"<w:p><w:r><w:t>999999999999</w:t></w:r></w:p>", b"]]>", b"<!--"]


def zip_member_xml(data: bytes, rng: random.Random) -> bytes:
    """Edit one XML part of a DOCX: cut, duplicate or splice in tags, then zip it again."""
    members = _members(data)
    if not members:
        return flip_bits(data, rng)
    xml_names = [n for n in members if n.endswith((".xml", ".rels"))]
    name = rng.choice(xml_names)
    xml = members[name]
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(max(1, len(xml)))
        action = rng.randrange(3)
        if action == 0:
            xml = xml[:i] + rng.choice(_XML_SNIPPETS) + xml[i:]
        elif action == 1:
            xml = xml[:i] + xml[i + rng.randint(1, 200):]
        else:
            xml = xml[:i] + xml[i: i + rng.randint(1, 2000)] * 2 + xml[i:]
    members[name] = xml
    return _rezip(members)


def zip_member_drop(data: bytes, rng: random.Random) -> bytes:
    members = _members(data)
    if not members:
        return truncate(data, rng)
    members.pop(rng.choice(list(members)))
    return _rezip(members)


def zip_member_swap(data: bytes, rng: random.Random) -> bytes:
    members = _members(data)
    if not members or len(members) < 2:
        return insert_noise(data, rng)
    a, b = rng.sample(list(members), 2)
    members[a], members[b] = members[b], members[a]
    return _rezip(members)


def mutate(data: bytes, rng: random.Random, how: str | None = None) -> tuple[str, bytes]:
    """One mutation of ``data`` (chosen at random unless ``how`` names it)."""
    how = how or rng.choice(MUTATORS)
    fn = globals()[how]
    return how, fn(data, rng)
