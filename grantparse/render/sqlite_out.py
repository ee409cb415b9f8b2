"""A SQLite database of reports, tasks, activities, indicators, statistics and findings, keyed
by each file's SHA-256: re-running updates a file's rows instead of adding them again."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from grantparse.validation import FileResult

SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
  sha256 TEXT PRIMARY KEY, path TEXT, grantparse_version TEXT, status TEXT, language TEXT,
  organization TEXT, leader TEXT, project TEXT, grant_amount INTEGER, period_start TEXT, period_end TEXT,
  direct_beneficiaries_plan INTEGER, direct_beneficiaries_fact INTEGER, payroll_fact INTEGER,
  declared_pages INTEGER, pages INTEGER, errors INTEGER, warnings INTEGER, infos INTEGER, report_json TEXT);
CREATE TABLE IF NOT EXISTS tasks (sha256 TEXT, task INTEGER, title TEXT, PRIMARY KEY (sha256, task));
CREATE TABLE IF NOT EXISTS activities (
  sha256 TEXT, task INTEGER, activity INTEGER, title TEXT, place TEXT, participants INTEGER,
  dates_raw TEXT, first_date TEXT, last_date TEXT, PRIMARY KEY (sha256, task, activity));
CREATE TABLE IF NOT EXISTS indicators (
  sha256 TEXT, task INTEGER, activity INTEGER, indicator INTEGER, name TEXT, plan_raw TEXT, fact_raw TEXT,
  plan_value REAL, fact_value REAL, unit TEXT, at_least INTEGER, PRIMARY KEY (sha256, task, activity, indicator));
CREATE TABLE IF NOT EXISTS statistics (sha256 TEXT, tbl TEXT, key TEXT, plan INTEGER, value INTEGER,
  PRIMARY KEY (sha256, tbl, key));
CREATE TABLE IF NOT EXISTS findings (
  sha256 TEXT, n INTEGER, code TEXT, severity TEXT, message TEXT, section TEXT, page INTEGER, row INTEGER,
  task INTEGER, activity INTEGER, field TEXT, needs_review INTEGER, PRIMARY KEY (sha256, n));
"""
TABLES = ("reports", "tasks", "activities", "indicators", "statistics", "findings")


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(str(path))
    db.executescript(SCHEMA)
    return db


def known(db: sqlite3.Connection, version: str) -> set[str]:
    """Hashes already stored by this grantparse version: what ``--resume`` may skip."""
    return {row[0] for row in db.execute("SELECT sha256 FROM reports WHERE grantparse_version = ?", (version,))}


def store(db: sqlite3.Connection, result: FileResult, sha256: str, version: str) -> None:
    """Replace everything stored for this file's hash with ``result`` (one transaction)."""
    with db:
        for table in TABLES:
            db.execute(f"DELETE FROM {table} WHERE sha256 = ?", (sha256,))
        r = result.report
        h = r.header if r else None
        db.execute(
            "INSERT INTO reports VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (sha256, result.path, version, result.status, r.language if r else None,
             h.organization_name if h else None, h.leader_name if h else None, h.project_title if h else None,
             h.grant_amount if h else None,
             h.period.start.isoformat() if h and h.period else None,
             h.period.end.isoformat() if h and h.period else None,
             r.socio_economic.direct_beneficiaries.plan if r else None,
             r.socio_economic.direct_beneficiaries.fact if r else None,
             r.socio_economic.payroll.fact if r else None,
             r.declared_page_count if r else None, r.source.pages if r else None,
             result.count_code("error"), result.count_code("warning"), result.count_code("info"),
             json.dumps(r.to_json_dict(), ensure_ascii=False) if r else None))
        if r is not None:
            for t, task in enumerate(r.tasks, start=1):
                db.execute("INSERT INTO tasks VALUES (?,?,?)", (sha256, t, task.title))
                for a, act in enumerate(task.activities, start=1):
                    first = min((d.start for d in act.dates), default=None)
                    last = max((d.end for d in act.dates), default=None)
                    db.execute("INSERT INTO activities VALUES (?,?,?,?,?,?,?,?,?)",
                               (sha256, t, a, act.title, act.place, act.participants, act.dates_raw,
                                first.isoformat() if first else None, last.isoformat() if last else None))
                    for i, ind in enumerate(act.indicators, start=1):
                        db.execute("INSERT INTO indicators VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                                   (sha256, t, a, i, ind.name, ind.plan_raw, ind.fact_raw, ind.plan.value,
                                    ind.fact.value, ind.plan.unit, int(ind.plan.at_least)))
            stats: list[tuple[str, str, int | None, int | None]] = []
            stats += [("gender", k, None, v) for k, v in r.gender.model_dump().items()]
            stats += [("social_categories", k, None, v) for k, v in r.social_categories.model_dump().items()]
            stats += [("age", "total", None, r.age.total)] + [("age", k, None, v) for k, v in r.age.bands.items()]
            stats += [("socio_economic", k, v.plan, v.fact) for k, v in r.socio_economic if k != "partners"]
            db.executemany("INSERT INTO statistics VALUES (?,?,?,?,?)", [(sha256, *s) for s in stats])
        for n, f in enumerate(result.findings, start=1):
            loc = f.location
            db.execute("INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                       (sha256, n, f.code, f.severity.value, f.message, loc.section, loc.page, loc.row, loc.task,
                        loc.activity, loc.field, int(f.needs_review)))


def path_key(path: Path) -> str:
    """A stand-in key for a file that could not be hashed (it vanished or cannot be opened)."""
    return "path:" + hashlib.sha256(str(path).encode("utf-8")).hexdigest()


def load_result(db: sqlite3.Connection, sha256: str, path: str) -> FileResult:
    """A stored file's status and findings (its report stays in the database)."""
    from grantparse.findings import Finding, Location, Severity

    (status,) = db.execute("SELECT status FROM reports WHERE sha256 = ?", (sha256,)).fetchone()
    findings = [
        Finding(code=code, severity=Severity(severity), message=message,
                location=Location(section=section, page=page, row=row, task=task, activity=activity, field=fld),
                needs_review=bool(review))
        for code, severity, message, section, page, row, task, activity, fld, review in db.execute(
            "SELECT code, severity, message, section, page, row, task, activity, field, needs_review "
            "FROM findings WHERE sha256 = ? ORDER BY n", (sha256,))
    ]
    return FileResult(path=path, status=status, findings=findings)
