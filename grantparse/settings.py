"""Every default and limit in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Safety limits for one input file (real reports are a few MB and under 100 pages)."""

    max_file_bytes: int = 100 * 1024 * 1024
    max_pages: int = 500


DEFAULT_LIMITS = Limits()
