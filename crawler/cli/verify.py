"""`python -m crawler verify [ARCHIVE_DIR]`: is this archive sound? Exit 0 if so, 1 with a report.

Checks: every JSONL line parses and validates against the record schema; `version_id` is unique
across the archive; the crawl state knows exactly the archived versions; every WARC file reads
to its end (an incomplete last record left by a killed run is reported as a warning: nothing
points at it) and every record's `warc` pointer leads to a response for its URL; the manifest's
sizes and sha256 sums match the files it lists.
Version ids are compared in a temporary SQLite table, not in memory.

While a crawl runs (it holds the archive's lock) the report names that run and checks what is
complete: every record line written so far and its WARC pointer, the crawl state against the
records of the runs that finished (the running one commits its state as it goes), the manifest
of the files it lists; the running run's files are neither in the manifest nor closed yet, which
is no problem. The state is read, never written.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from crawler import defaults
from crawler.cli import add_archive_argument
from crawler.page.record import record_schema
from crawler.store.records import RECORDS_DIR
from crawler.store.runlog import (
    file_digest_and_count,
    lock_holder,
    manifest_files,
    read_manifest,
)
from crawler.store.state import CrawlState
from crawler.store.warc import WARC_DIR, iter_warc_records, read_warc_record

_MAX_SHOWN = 20  # problems listed per kind; the rest only counted


@dataclass
class Report:
    problems: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    running: dict[str, Any] | None = None  # the run holding the archive, if one does

    def problem(self, kind: str, detail: str) -> None:
        self.problems.setdefault(kind, []).append(detail)

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    @property
    def ok(self) -> bool:
        return not self.problems


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_archive_argument(parser)
    parser.add_argument("--state-file", default=defaults.STATE_FILE, help="relative to ARCHIVE")
    parser.add_argument("--no-warc", action="store_true", help="skip the WARC checks")


def run(args: argparse.Namespace) -> int:
    report = verify_archive(args.archive, args.state_file, check_warc=not args.no_warc)
    sys.stdout.write(format_report(args.archive, report))
    return 0 if report.ok else 1


def verify_archive(archive: Path, state_file: str, *, check_warc: bool = True) -> Report:
    report = Report(running=lock_holder(archive))
    if not (archive / RECORDS_DIR).is_dir():
        if report.running is None:
            report.problem("layout", f"no {RECORDS_DIR}/ directory under {archive}")
        return report
    with closing(sqlite3.connect(":memory:", uri=True)) as seen:
        seen.execute("CREATE TABLE v (version_id TEXT PRIMARY KEY, run_id TEXT)")
        for where, rec in _records(archive, report):
            _check_record(archive, where, rec, seen, report, check_warc)
        _check_state(archive / state_file, seen, report)
    if check_warc:
        _check_warc_files(archive, report)
    _check_manifest(archive, report)
    _set_aside_running_files(report)
    return report


def _running_id(report: Report) -> str | None:
    return str(report.running.get("run_id")) if report.running else None


def _set_aside_running_files(report: Report) -> None:
    """The running run's files are still open: not closed, not in the manifest (written when
    the run closes, so a first run has none yet); no warning."""
    run_id = _running_id(report)
    if run_id is None:
        return
    mine = (f"{WARC_DIR}/{run_id}-", f"/{run_id}.jsonl")
    kept = [w for w in report.warnings if not any(m in w.split(":", 1)[0] for m in mine)]
    if len(kept) < len(report.warnings):
        report.count("files still being written", len(report.warnings) - len(kept))
    report.warnings = [w for w in kept if not w.startswith("no manifest.json")]


def _records(archive: Path, report: Report) -> Iterator[tuple[str, dict[str, Any]]]:
    for path in sorted((archive / RECORDS_DIR).glob("**/*.jsonl")):
        report.count("files")
        rel = path.relative_to(archive).as_posix()
        with path.open("rb") as fh:
            for number, line in enumerate(fh, 1):
                where = f"{rel}:{number}"
                if not line.endswith(b"\n"):
                    report.problem("partial line", where)
                try:
                    rec = json.loads(line)
                except ValueError as exc:
                    report.problem("unparsable line", f"{where}: {exc}")
                    continue
                yield where, rec


def _check_record(
    archive: Path, where: str, rec: Any, seen: sqlite3.Connection, report: Report, warc: bool
) -> None:
    report.count("records")
    errors = sorted(_validator().iter_errors(rec), key=lambda e: list(e.path))
    for error in errors[:3]:
        path = "/".join(str(p) for p in error.path) or "(record)"
        report.problem("schema", f"{where}: {path}: {error.message[:160]}")
    if not isinstance(rec, dict) or errors:
        return
    inserted = seen.execute(
        "INSERT OR IGNORE INTO v VALUES (?, ?)", (rec["version_id"], rec["run_id"])
    )
    if inserted.rowcount == 0:
        report.problem("duplicate version_id", f"{where}: {rec['version_id']}")
    if warc and rec.get("warc"):
        _check_pointer(archive, where, rec, report)


def _check_pointer(archive: Path, where: str, rec: dict[str, Any], report: Report) -> None:
    report.count("warc pointers")
    try:
        record = read_warc_record(archive, rec["warc"])
    except Exception as exc:  # any read failure is the finding
        report.problem("warc pointer", f"{where}: {rec['warc']}: {type(exc).__name__}: {exc}")
        return
    if record.rec_type != "response" or record.url != rec["url"]:
        report.problem("warc pointer", f"{where}: {record.rec_type} of {record.url}")


def _check_state(path: Path, seen: sqlite3.Connection, report: Report) -> None:
    if not path.exists():
        if report.running is None:  # a run makes it when it opens its stores
            report.problem("state", f"no crawl state at {path}")
        return
    if report.running is None:
        CrawlState(path).close()  # makes sure the schema exists before attaching
    seen.commit()
    seen.execute("ATTACH DATABASE ? AS st", (f"{path.resolve().as_uri()}?mode=ro",))
    finished = "run_id IS NOT ?"  # the running run's versions are committed as it goes
    running = (_running_id(report),)
    try:
        missing = seen.execute(
            f"SELECT version_id FROM v WHERE {finished}"
            f" EXCEPT SELECT version_id FROM st.versions WHERE {finished}",
            running * 2,
        ).fetchall()
        extra = seen.execute(
            f"SELECT version_id FROM st.versions WHERE {finished}"
            f" EXCEPT SELECT version_id FROM v WHERE {finished}",
            running * 2,
        ).fetchall()
    finally:
        seen.execute("DETACH DATABASE st")
    for (version_id,) in missing:
        report.problem("archived but not in state", version_id)
    for (version_id,) in extra:
        report.problem("in state but not archived", version_id)


def _check_warc_files(archive: Path, report: Report) -> None:
    for path in sorted((archive / WARC_DIR).glob("*.warc.gz")):
        report.count("warc files")
        end = 0
        try:
            for offset, length, _type, _uri in iter_warc_records(path):
                report.count("warc records")
                end = offset + length
        except Exception as exc:  # an incomplete last member of a killed run
            rel = path.relative_to(archive).as_posix()
            report.warnings.append(
                f"{rel}: unreadable after byte {end} ({type(exc).__name__}); no pointer leads there"
            )


def _check_manifest(archive: Path, report: Report) -> None:
    manifest = read_manifest(archive)
    if not manifest:
        report.warnings.append("no manifest.json (written when a run closes)")
        return
    listed = {entry["path"] for entry in manifest.get("files", [])}
    for path in manifest_files(archive):
        if path.relative_to(archive).as_posix() not in listed:
            report.warnings.append(f"{path.relative_to(archive)}: not in the manifest yet")
    for entry in manifest.get("files", []):
        path = archive / entry["path"]
        if not path.exists():
            report.problem("manifest", f"{entry['path']}: listed but missing")
            continue
        if path.stat().st_size != entry["bytes"]:
            report.warnings.append(f"{entry['path']}: grew since the manifest (a later run?)")
            continue
        sha256, _ = file_digest_and_count(path)
        if sha256 != entry["sha256"]:
            report.problem("manifest", f"{entry['path']}: sha256 differs")
        report.count("manifest files checked")


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(record_schema())


def format_report(archive: Path, report: Report) -> str:
    lines = [f"archive {archive}: " + ("OK" if report.ok else "PROBLEMS")]
    if report.running is not None:
        holder = ", ".join(f"{k} {v}" for k, v in report.running.items() if k != "run_id")
        lines.append(
            f"  in use: run {report.running.get('run_id')} is writing it ({holder});"
            " checked what is complete"
        )
    lines += [f"  {key}: {value}" for key, value in sorted(report.counts.items())]
    for kind, details in sorted(report.problems.items()):
        lines.append(f"  {kind}: {len(details)}")
        lines += [f"    {d}" for d in details[:_MAX_SHOWN]]
        if len(details) > _MAX_SHOWN:
            lines.append(f"    ... {len(details) - _MAX_SHOWN} more")
    lines += [f"  warning: {w}" for w in report.warnings]
    return "\n".join(lines) + "\n"
