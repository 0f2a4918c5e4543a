"""`python -m crawler stats [ARCHIVE_DIR]`: articles per site per month, duplicates, flags, last
run.

Read with DuckDB straight from the JSONL files (the typed view of `crawler.cli.table`); the last
run from ARCHIVE_DIR/runs.ndjson.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import duckdb

from crawler.cli import add_archive_argument
from crawler.cli.table import connect
from crawler.store.runlog import RUN_LOG

_QUERIES = {
    "articles per site per month": """
        SELECT site.domain AS site, coalesce(substr(published_at, 1, 7), 'undated') AS month,
               count(DISTINCT id) AS articles, count(*) AS versions
        FROM records GROUP BY ALL ORDER BY site, month""",
    "duplicates per site": """
        SELECT site.domain AS site, count(*) FILTER (duplicate_of IS NOT NULL) AS duplicates,
               count(*) AS records
        FROM records GROUP BY ALL ORDER BY site""",
    "flags": """
        SELECT flag, count(*) AS records FROM (SELECT unnest(flags) AS flag FROM records)
        GROUP BY ALL ORDER BY records DESC, flag""",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_archive_argument(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")


def run(args: argparse.Namespace) -> int:
    tables = archive_stats(args.archive)
    last = last_run(args.archive)
    if args.json:
        sys.stdout.write(json.dumps({**tables, "last run": last}, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(format_stats(tables, last))
    return 0


def archive_stats(archive: Path) -> dict[str, list[dict[str, Any]]]:
    with connect(archive) as con:
        return {name: _rows(con, query) for name, query in _QUERIES.items()}


def _rows(con: duckdb.DuckDBPyConnection, query: str) -> list[dict[str, Any]]:
    cursor = con.execute(query)
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def last_run(archive: Path) -> dict[str, Any] | None:
    path = archive / RUN_LOG
    if not path.exists():
        return None
    last = None
    with path.open("rb") as fh:
        for line in fh:
            if line.endswith(b"\n"):
                last = line
    return json.loads(last) if last else None


def format_stats(tables: dict[str, list[dict[str, Any]]], last: dict[str, Any] | None) -> str:
    out: list[str] = []
    for name, rows in tables.items():
        out.append(f"== {name}")
        if rows:
            out.append("  " + "\t".join(rows[0]))
        out += ["  " + "\t".join(str(v) for v in row.values()) for row in rows]
    out.append("== last run")
    out.append("  " + (json.dumps(last, ensure_ascii=False, sort_keys=True) if last else "none"))
    return "\n".join(out) + "\n"
