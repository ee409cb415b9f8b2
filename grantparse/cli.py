"""The command line: thin — parse options, call the API, render, set the exit code."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
import yaml

import grantparse
from grantparse.errors import ReadError
from grantparse.isolate import run_isolated
from grantparse.model import Report
from grantparse.settings import DEFAULT_LIMITS, MB, Limits

if TYPE_CHECKING:
    from grantparse.bulk import BatchOptions, BatchStats
    from grantparse.validation import FileResult, ValidationRun

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


def _limits(timeout: float, max_size_mb: float, max_pages: int, max_memory_mb: float, ocr: OcrMode) -> Limits:
    return Limits(timeout_seconds=timeout, max_file_bytes=int(max_size_mb * MB), max_pages=max_pages,
                  max_memory_bytes=int(max_memory_mb * MB), ocr=ocr.value)


TimeoutOpt = Annotated[float, typer.Option("--timeout", min=1, help="Seconds a file may take before it is stopped.")]
MaxSizeOpt = Annotated[float, typer.Option("--max-size", min=0.001, help="Largest file to read, in MB.")]
MaxPagesOpt = Annotated[int, typer.Option("--max-pages", min=1, help="Most pages a PDF may have.")]
OcrOpt = Annotated[OcrMode, typer.Option(
    help="Scanned pages: auto = read by OCR when tesseract is installed; always = every page; never.")]
MaxMemoryOpt = Annotated[float, typer.Option("--max-memory", min=64, help="Memory one file may use, in MB.")]


def _fail(path: Path, error: ReadError) -> None:
    typer.echo(f"grantparse: {path}: {error.code}: {error.reason}", err=True)
    raise typer.Exit(2)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A report, PDF or DOCX.")],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f")] = ExtractFormat.json,
    ocr: OcrOpt = OcrMode.auto,
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
    limits = _limits(timeout, max_size, max_pages, max_memory, ocr)
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
    csv = "csv"
    xlsx = "xlsx"
    html = "html"
    sqlite = "sqlite"


class CatalogueFormat(StrEnum):
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
    _write_atomically_with(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Report files and/or folders (searched for .pdf and .docx).")],
    format: Annotated[ValidateFormat, typer.Option("--format", "-f")] = ValidateFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    lang: Annotated[Lang | None, typer.Option(help="Message language (default: each report's own).")] = None,
    select: Annotated[list[str] | None, typer.Option(help="Only these codes or prefixes (comma-separated).")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Skip these codes or prefixes (comma-separated).")] = None,
    jobs: Annotated[int | None, typer.Option(min=1, help="Files validated at once (default: the cores).")] = None,
    resume: Annotated[bool, typer.Option(help="With --format sqlite: skip files already stored.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary on stderr.")] = False,
    ocr: OcrOpt = OcrMode.auto,
    timeout: TimeoutOpt = DEFAULT_LIMITS.timeout_seconds,
    max_size: MaxSizeOpt = DEFAULT_LIMITS.max_file_bytes / MB,
    max_pages: MaxPagesOpt = DEFAULT_LIMITS.max_pages,
    max_memory: MaxMemoryOpt = DEFAULT_LIMITS.max_memory_bytes / MB,
) -> None:
    """Check reports against the form's rules; exit 1 when any finding is an error."""
    import os

    from grantparse.bulk import BatchOptions
    from grantparse.settings import load_config

    missing = [p for p in paths if not p.exists()]
    if missing:
        typer.echo(f"grantparse: {missing[0]}: no such file or folder", err=True)
        raise typer.Exit(2)
    if format in (ValidateFormat.xlsx, ValidateFormat.sqlite) and output is None:
        typer.echo(f"grantparse: --format {format.value} needs --output FILE", err=True)
        raise typer.Exit(2)
    if resume and format is not ValidateFormat.sqlite:
        typer.echo("grantparse: --resume works with --format sqlite", err=True)
        raise typer.Exit(2)
    if output is not None and not _writable(output):
        typer.echo(f"grantparse: {output}: cannot be written", err=True)
        raise typer.Exit(2)
    try:
        config = load_config()
    except ValueError as exc:
        typer.echo(f"grantparse: {exc}", err=True)
        raise typer.Exit(2) from exc
    options = BatchOptions(
        lang=lang.value if lang else config.get("lang"),
        select=_codes(select) or _codes(config.get("select")),
        ignore=_codes(ignore) or _codes(config.get("ignore")),
        limits=_limits(timeout, max_size, max_pages, max_memory, ocr),
        jobs=jobs or os.cpu_count() or 1,
    )
    try:
        run, stats, skipped = _run(paths, options, format, output, resume, quiet)
    except Exception as exc:  # grantparse's own failure: say so, the output is incomplete
        typer.echo(f"grantparse: internal error, output incomplete: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(EXIT_INTERNAL) from exc
    if not quiet:
        _print_summary(run, stats, skipped)
    raise typer.Exit(1 if run.has_errors else 0)


def _writable(output: Path) -> bool:
    """Can ``output`` be written? Its folder is made when missing (checked before a long run)."""
    import os

    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(output.parent, os.W_OK) and not output.is_dir()


# Exit status when grantparse itself failed and the output is incomplete (see docs/CONTRACT.md).
EXIT_INTERNAL = 3


def _run(paths: list[Path], options: BatchOptions, format: ValidateFormat, output: Path | None, resume: bool,
         quiet: bool) -> tuple[ValidationRun, BatchStats, dict[Path, FileResult]]:
    """Validate every file and write the output."""
    from grantparse.bulk import BatchStats, run_batch
    from grantparse.validation import ValidationRun, expand_paths, summarise

    files = expand_paths(paths)
    stats = BatchStats()
    store_result, skipped = _sqlite_sink(output, files, resume) if format is ValidateFormat.sqlite else (None, {})
    todo = [f for f in files if f not in skipped]
    show = not quiet and sys.stderr.isatty()
    with _progress(show, len(todo)) as advance:
        def on_result(index: int, result: FileResult) -> None:
            stats.add(result)
            if store_result is not None:
                store_result(todo[index], result)
            advance(result.path)

        done = run_batch(todo, options, on_result)
    results = _in_input_order(files, done, skipped)
    run = ValidationRun(results=results, summary=summarise(results))
    _emit(run, format, output, options.lang or "en")
    return run, stats, skipped


def _in_input_order(files: list[Path], done: list[FileResult], skipped: dict[Path, FileResult]) -> list[FileResult]:
    by_path = {r.path: r for r in done}
    return [skipped[f] if f in skipped else by_path[str(f)] for f in files]


def _sqlite_sink(output: Path | None, files: list[Path],
                 resume: bool) -> tuple[Callable[[Path, FileResult], None], dict[Path, FileResult]]:
    """Store each result as it arrives; with ``resume``, the files already stored are skipped."""
    from grantparse.render import sqlite_out

    assert output is not None
    db = sqlite_out.connect(output)
    version = grantparse.__version__
    hashes = {f: sqlite_out.file_sha256(f) for f in files if f.is_file()}
    skipped: dict[Path, FileResult] = {}
    if resume:
        stored = sqlite_out.known(db, version)
        skipped = {f: sqlite_out.load_result(db, h, str(f)) for f, h in hashes.items() if h in stored}

    def store(path: Path, result: FileResult) -> None:
        sqlite_out.store(db, result, hashes.get(path) or sqlite_out.path_key(path), version)

    return store, skipped


class _Advance:
    def __init__(self, fn: Callable[[str], None]) -> None:
        self.fn = fn

    def __enter__(self) -> Callable[[str], None]:
        return self.fn

    def __exit__(self, *exc: object) -> None:
        return None


def _progress(show: bool, total: int) -> Any:
    """A progress bar on stderr, or nothing when quiet or not on a terminal."""
    if not show:
        return _Advance(lambda _path: None)
    from contextlib import contextmanager

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    @contextmanager
    def bar() -> Iterator[Callable[[str], None]]:
        with Progress(TextColumn("validating"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      TextColumn("{task.description}"), transient=True,
                      console=_stderr_console()) as progress:
            task = progress.add_task("", total=total)
            yield lambda path: progress.update(task, advance=1, description=Path(path).name)

    return bar()


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def _emit(run: Any, format: ValidateFormat, output: Path | None, lang: str) -> None:
    if format is ValidateFormat.sqlite:
        return  # stored file by file as the run went
    if format is ValidateFormat.xlsx:
        from grantparse.render.xlsx_out import write_xlsx

        assert output is not None
        _write_atomically_with(output, lambda tmp: write_xlsx(run, tmp))
        return
    if format is ValidateFormat.json:
        text = json.dumps(run.to_json_dict(), ensure_ascii=False, indent=2) + "\n"
    elif format is ValidateFormat.csv:
        from grantparse.render.csv_out import render_csv

        text = render_csv(run)
    elif format is ValidateFormat.html:
        from grantparse.render.html_out import render_html

        text = render_html(run, lang)
    else:
        import io

        from rich.console import Console

        from grantparse.render.findings_table import print_run

        if output is None:
            print_run(run)
            return
        buffer = io.StringIO()
        print_run(run, Console(file=buffer, width=160, no_color=True))
        text = buffer.getvalue()
    if output:
        _write_atomically(output, text)
    else:
        sys.stdout.write(text)


def _write_atomically_with(path: Path, write: Callable[[Path], object]) -> None:
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; the result is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _print_summary(run: Any, stats: Any, skipped: dict[Path, Any]) -> None:
    results = run.results
    with_errors = sum(1 for r in results if r.count_code("error") and r.status != "failed")
    with_warnings = sum(1 for r in results if r.count_code("warning") and not r.count_code("error"))
    ok = sum(1 for r in results if r.status == "ok")
    failed = sum(1 for r in results if r.status == "failed")
    line = (f"files {len(results)}: ok {ok}, with errors {with_errors}, with warnings {with_warnings}, "
            f"failed {failed}")
    if skipped:
        line += f", unchanged since the last run {len(skipped)}"
    elapsed = time.monotonic() - stats.started
    line += f" — {elapsed:.1f} s"
    slowest = ", ".join(f"{Path(p).name} {s:.1f} s" for s, p in stats.slowest[:3] if s > 0)
    _stderr_console().print(line + (f"; slowest: {slowest}" if slowest else ""), highlight=False)


@app.command()
def checks(format: Annotated[CatalogueFormat, typer.Option("--format", "-f")] = CatalogueFormat.table) -> None:
    """List every check: code, severity, area, and when it fires."""
    from grantparse.checks import CATALOGUE

    if format is CatalogueFormat.json:
        rows = [{"code": c.code, "severity": c.severity_label,
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
