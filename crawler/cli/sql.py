"""`python -m crawler sql [ARCHIVE_DIR] [-c QUERY]`: the archive in DuckDB as the typed view
`records` (column types from the record's JSON Schema: `crawler.cli.table`).

- `-c QUERY` (as DuckDB's own `-c`): runs it and prints the result (`--csv` for CSV);
- without: opens the DuckDB shell (the `duckdb` command of the duckdb-cli package) with the
  view defined;
- `--view`: prints the `CREATE VIEW` statement, for any DuckDB:
  `duckdb -cmd "$(python -m crawler sql archive --view)"`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

import duckdb

from crawler.cli import add_archive_argument
from crawler.cli.table import connect, view_sql


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_archive_argument(parser)
    parser.add_argument("-c", dest="query", metavar="QUERY", help="SQL over the view `records`")
    parser.add_argument("--csv", action="store_true", help="print the result as CSV")
    parser.add_argument("--view", action="store_true", help="print the CREATE VIEW statement")


def run(args: argparse.Namespace) -> int:
    view = view_sql(args.archive)
    if args.view:
        sys.stdout.write(view + "\n")
        return 0
    if args.query is None:
        return _shell(view)
    try:
        with connect(args.archive) as con:
            relation = con.sql(args.query)
            if relation is None:  # a statement without a result
                return 0
            if args.csv:
                relation.write_csv("/dev/stdout")
            else:
                relation.show(max_rows=10_000, max_width=10_000)
    except duckdb.Error as exc:
        sys.stderr.write(f"sql: {exc}\n")
        return 1
    return 0


def _shell(view: str) -> int:
    """Replace this process with the DuckDB shell, the view defined."""
    duckdb_cli = shutil.which("duckdb") or _next_to_python("duckdb")
    if duckdb_cli is None:
        sys.stderr.write("sql: no `duckdb` command (pip install duckdb-cli); give -c QUERY\n")
        return 1
    sys.stdout.flush()
    os.execv(duckdb_cli, [duckdb_cli, "-cmd", view])
    return 0  # not reached


def _next_to_python(name: str) -> str | None:
    """A command installed in this Python's environment, when that is not on PATH."""
    path = Path(sys.executable).parent / name
    return str(path) if path.exists() else None
