"""Every default and limit in one place; options from grantparse.toml / [tool.grantparse]."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MB = 1024 * 1024


OCR_MODES = ("auto", "always", "never")


@dataclass(frozen=True)
class Limits:
    """Safety limits and reading options for one input file. Real reports are a few MB and
    under 100 pages; the defaults leave ample room for them and none for zip bombs or
    runaway parsers."""

    max_file_bytes: int = 100 * MB
    max_pages: int = 500
    max_unzipped_bytes: int = 300 * MB  # all DOCX members together, as their headers declare
    max_compression_ratio: float = 150.0  # one member; Word's XML compresses about 5–20×
    max_zip_members: int = 5_000
    max_xml_prolog_bytes: int = 64 * 1024  # before the root element: where a DTD would hide
    timeout_seconds: float = 120.0  # wall clock per file, enforced by killing its worker
    max_memory_bytes: int = 2048 * MB  # address space of a file's worker process
    # Scanned pages: "auto" reads them by OCR when tesseract is installed, "always" reads
    # every page by OCR, "never" refuses a scan (no-text-layer). OCR takes seconds a page,
    # so a worker about to OCR gets this much more time per page, up to max_ocr_seconds.
    ocr: str = "auto"
    ocr_seconds_per_page: float = 30.0
    max_ocr_seconds: float = 1800.0

    def __post_init__(self) -> None:
        if self.ocr not in OCR_MODES:
            raise ValueError(f"ocr must be one of {', '.join(OCR_MODES)}, not {self.ocr!r}")


DEFAULT_LIMITS = Limits()

CONFIG_FILES = ("grantparse.toml", "pyproject.toml")
CONFIG_KEYS = ("select", "ignore", "lang")


def load_config(folder: Path | None = None) -> dict[str, Any]:
    """Options from ``grantparse.toml`` or ``[tool.grantparse]`` in ``pyproject.toml`` in the
    current folder (as ruff reads its own), the first file that has them."""
    folder = folder or Path.cwd()
    for name in CONFIG_FILES:
        path = folder / name
        if not path.is_file():
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"{path}: {exc}") from exc
        table = data if name == "grantparse.toml" else data.get("tool", {}).get("grantparse")
        if table is None:
            continue
        if "grantparse" in table and isinstance(table["grantparse"], dict):
            table = table["grantparse"]  # [grantparse] inside grantparse.toml also works
        unknown = set(table) - set(CONFIG_KEYS)
        if unknown:
            raise ValueError(f"{path}: unknown option(s): {', '.join(sorted(unknown))}")
        return {k: table[k] for k in CONFIG_KEYS if k in table}
    return {}
