"""The command line: thin — parse options, call the API, render, set the exit code."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
import yaml

import grantparse
from grantparse.errors import ReadError
from grantparse.isolate import run_isolated
from grantparse.model import Report
from grantparse.settings import DEFAULT_LIMITS, MB, Limits

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


def _limits(timeout: float, max_size_mb: float, max_pages: int, max_memory_mb: float) -> Limits:
    return Limits(timeout_seconds=timeout, max_file_bytes=int(max_size_mb * MB), max_pages=max_pages,
                  max_memory_bytes=int(max_memory_mb * MB))


TimeoutOpt = Annotated[float, typer.Option("--timeout", min=1, help="Seconds a file may take before it is stopped.")]
MaxSizeOpt = Annotated[float, typer.Option("--max-size", min=0.001, help="Largest file to read, in MB.")]
MaxPagesOpt = Annotated[int, typer.Option("--max-pages", min=1, help="Most pages a PDF may have.")]
MaxMemoryOpt = Annotated[float, typer.Option("--max-memory", min=64, help="Memory one file may use, in MB.")]


def _fail(path: Path, error: ReadError) -> None:
    typer.echo(f"grantparse: {path}: {error.code}: {error.reason}", err=True)
    raise typer.Exit(2)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A report, PDF or DOCX.")],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f")] = ExtractFormat.json,
    ocr: Annotated[OcrMode, typer.Option(help="OCR for scanned pages (not yet available).")] = OcrMode.auto,
    with_sources: Annotated[bool, typer.Option("--with-sources", help="Add where each value came from.")] = False,
    timeout: TimeoutOpt = DEFAULT_LIMITS.timeout_seconds,
    max_size: MaxSizeOpt = DEFAULT_LIMITS.max_file_bytes / MB,
    max_pages: MaxPagesOpt = DEFAULT_LIMITS.max_pages,
    max_memory: MaxMemoryOpt = DEFAULT_LIMITS.max_memory_bytes / MB,
) -> None:
    """Extract one report into the typed model."""
    if not file.is_file():
        typer.echo(f"grantparse: {file}: no such file", err=True)
        raise typer.Exit(2)
    limits = _limits(timeout, max_size, max_pages, max_memory)
    try:
        report = run_isolated(partial(grantparse.read, limits=limits), file, limits)
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


class ValidateFormat(StrEnum):
    table = "table"
    json = "json"


class Lang(StrEnum):
    kk = "kk"
    ru = "ru"
    en = "en"


def _codes(values: list[str] | None) -> list[str]:
    """``--select a,b --select c`` → [a, b, c]; unknown codes are a usage error."""
    from grantparse.checks import CATALOGUE

    codes = [c.strip() for v in values or [] for c in v.split(",") if c.strip()]
    for code in codes:
        if not any(known == code or known.startswith(code.rstrip("-") + "-") for known in CATALOGUE):
            raise typer.BadParameter(f"no check code or prefix {code!r} (see `grantparse checks`)")
    return codes


def _write_atomically(path: Path, text: str) -> None:
    """Temporary file, then rename: an interrupted run never leaves half a report."""
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Report files and/or folders (searched for .pdf and .docx).")],
    format: Annotated[ValidateFormat, typer.Option("--format", "-f")] = ValidateFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    lang: Annotated[Lang | None, typer.Option(help="Message language (default: each report's own).")] = None,
    select: Annotated[list[str] | None, typer.Option(help="Only these codes or prefixes (comma-separated).")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Skip these codes or prefixes (comma-separated).")] = None,
    jobs: Annotated[int, typer.Option(min=1, help="Files validated at once.")] = 1,
    ocr: Annotated[OcrMode, typer.Option(help="OCR for scanned pages (not yet available).")] = OcrMode.auto,
    timeout: TimeoutOpt = DEFAULT_LIMITS.timeout_seconds,
    max_size: MaxSizeOpt = DEFAULT_LIMITS.max_file_bytes / MB,
    max_pages: MaxPagesOpt = DEFAULT_LIMITS.max_pages,
    max_memory: MaxMemoryOpt = DEFAULT_LIMITS.max_memory_bytes / MB,
) -> None:
    """Check reports against the form's rules; exit 1 when any finding is an error."""
    from grantparse.settings import load_config
    from grantparse.validate import validate as run_validation

    missing = [p for p in paths if not p.exists()]
    if missing:
        typer.echo(f"grantparse: {missing[0]}: no such file or folder", err=True)
        raise typer.Exit(2)
    try:
        config = load_config()
    except ValueError as exc:
        typer.echo(f"grantparse: {exc}", err=True)
        raise typer.Exit(2) from exc
    chosen_select = _codes(select) or _codes(config.get("select"))
    chosen_ignore = _codes(ignore) or _codes(config.get("ignore"))
    chosen_lang = lang.value if lang else config.get("lang")
    run = run_validation(paths, lang=chosen_lang, select=chosen_select, ignore=chosen_ignore,
                         limits=_limits(timeout, max_size, max_pages, max_memory), jobs=jobs)
    if format is ValidateFormat.json:
        text = json.dumps(run.to_json_dict(), ensure_ascii=False, indent=2) + "\n"
        if output:
            _write_atomically(output, text)
        else:
            sys.stdout.write(text)
    else:
        from rich.console import Console

        from grantparse.render.findings_table import print_run

        if output:
            import io

            buffer = io.StringIO()
            print_run(run, Console(file=buffer, width=160, no_color=True))
            _write_atomically(output, buffer.getvalue())
        else:
            print_run(run)
    raise typer.Exit(1 if run.has_errors else 0)


@app.command()
def checks(format: Annotated[ValidateFormat, typer.Option("--format", "-f")] = ValidateFormat.table) -> None:
    """List every check: code, severity, area, and when it fires."""
    from grantparse.checks import CATALOGUE

    if format is ValidateFormat.json:
        rows = [{"code": c.code, "severity": "error / warning" if c.code == "fact-below-plan" else c.severity.value,
                 "area": c.area, "summary": c.summary} for c in CATALOGUE.values()]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    from grantparse.render.findings_table import print_catalogue

    print_catalogue()


@app.command()
def schema() -> None:
    """Print the JSON Schema of the extracted report."""
    sys.stdout.write(json.dumps(Report.model_json_schema(), ensure_ascii=False, indent=2) + "\n")


def main() -> None:  # pragma: no cover - console-script entry
    app()
