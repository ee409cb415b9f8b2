"""Severity, Location, Finding — small and plain, like flake8's six-field tuple."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, model_serializer


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


class Location(BaseModel):
    """Where a finding points: the section and, where known, page, row, task, activity, field."""

    model_config = ConfigDict(extra="forbid")

    section: str
    page: int | None = None
    row: int | None = None
    task: int | None = None  # 1-based, as an auditor counts
    activity: int | None = None  # 1-based
    field: str | None = None

    @model_serializer
    def _without_nulls(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


class Finding(BaseModel):
    """One thing that does not add up, or a file that could not be read."""

    model_config = ConfigDict(extra="forbid")

    code: str
    severity: Severity
    message: str
    location: Location
    needs_review: bool = False

    @model_serializer
    def _contract_shape(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code, "severity": self.severity.value, "message": self.message,
            "location": self.location.model_dump(),
        }
        if self.needs_review:
            data["needs_review"] = True
        return data
