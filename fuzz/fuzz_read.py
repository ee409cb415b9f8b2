"""Coverage-guided fuzzing of the readers with atheris (long runs; not part of CI).

    pip install atheris
    python fuzz/fuzz_read.py -max_total_time=3600 -rss_limit_mb=2048 -timeout=60 fuzz/corpus

Each input is written to a temporary .docx or .pdf (by its first bytes) and read with
``grantparse.read``. A :class:`grantparse.ReadError` is the expected way to fail; any other
exception, a timeout or a memory blow-up is reported by libFuzzer with the input saved.
Seed the corpus with the samples: ``mkdir -p fuzz/corpus && cp samples/*.docx samples/*.pdf fuzz/corpus/``.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import grantparse
    from grantparse.errors import ReadError


def test_one_input(data: bytes) -> None:
    suffix = ".pdf" if data[:5] == b"%PDF-" else ".docx"
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        handle.write(data)
        handle.flush()
        with contextlib.suppress(ReadError):  # the expected way to fail
            grantparse.read(Path(handle.name))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
