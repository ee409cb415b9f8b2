"""The command line: thin — parse options, call the API, render, set the exit code."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
import yaml

import grantparse
from grantparse.errors import ReadError
from grantparse.model import Report

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Read and check final reports on Kazakhstan state grants to NGOs.")


class ExtractFormat(StrEnum):
    json = "json"
    yaml = "yaml"
    table = "table"


class OcrMode(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


def _fail(path: Path, error: ReadError) -> None:
    typer.echo(f"grantparse: {path}: {error.code}: {error.reason}", err=True)
    raise typer.Exit(2)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A report, PDF or DOCX.")],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f")] = ExtractFormat.json,
    ocr: Annotated[OcrMode, typer.Option(help="OCR for scanned pages (not yet available).")] = OcrMode.auto,
    with_sources: Annotated[bool, typer.Option("--with-sources", help="Add where each value came from.")] = False,
) -> None:
    """Extract one report into the typed model."""
    if not file.is_file():
        typer.echo(f"grantparse: {file}: no such file", err=True)
        raise typer.Exit(2)
    try:
        report = grantparse.read(file)
    except ReadError as error:
        _fail(file, error)
        return
    data = report.to_json_dict(with_sources=with_sources)
    if format is ExtractFormat.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif format is ExtractFormat.yaml:
        sys.stdout.write(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    else:
        from grantparse.render.report_table import print_report

        print_report(report)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the extracted report."""
    sys.stdout.write(json.dumps(Report.model_json_schema(), ensure_ascii=False, indent=2) + "\n")


def main() -> None:  # pragma: no cover - console-script entry
    app()
