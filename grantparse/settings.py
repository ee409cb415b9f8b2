"""Every default and limit in one place."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Limits:
    """Safety limits for one input file (real reports are a few MB and under 100 pages)."""

    max_file_bytes: int = 100 * 1024 * 1024
    max_pages: int = 500


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
