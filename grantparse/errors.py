"""Why a file could not be read: a contract code and a one-line reason."""

from __future__ import annotations


class ReadError(Exception):
    """A file that cannot become a report. ``code`` is a check code from CONTRACT.md."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(code, reason)  # both in args, so the error survives pickling between processes
        self.code = code
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.code}: {self.reason}"
