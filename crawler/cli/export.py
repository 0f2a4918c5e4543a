"""`python -m crawler export [ARCHIVE_DIR] --format parquet|csv [--since DATE] [--site SITE]`:
the archive as one table, read with DuckDB from the JSONL files through the typed view of
`crawler.cli.table` (nothing of ours needed to read it back).

Columns: every record field as the JSONL has it (dates as ISO strings), then the typed
`published_date` (DATE), `published_time` and `fetched_time` (TIMESTAMP WITH TIME ZONE, UTC in
Parquet; `published_time` is empty when the page gives only a date). Parquet keeps nested
fields as structs and lists; CSV writes them as JSON text.

`--since` keeps records published on or after DATE (YYYY-MM-DD; an undated record is left
out); `--site` keeps one site: its `site.domain`, or the host (with or without port) it was
crawled from.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import duckdb

from crawler.cli import add_archive_argument
from crawler.cli.table import TYPED_COLUMNS, literal, quote_name, read_records_sql
from crawler.page.record import RECORD_KEYS

NESTED = frozenset({"site", "breadcrumbs", "authors", "reporters", "editors", "reviewers",
                    "images", "attachments", "document", "flags", "http", "warc"})  # fmt: skip
COLUMNS = (*RECORD_KEYS, *TYPED_COLUMNS)
# the host[:port] of a record's URL, lower case
_URL_NETLOC_SQL = r"lower(regexp_extract(url, '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]+)', 1))"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_archive_argument(parser)
    parser.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    parser.add_argument("--since", type=iso_date, help="published on or after (YYYY-MM-DD)")
    parser.add_argument(
        "--site", help="one site: its domain (site.domain) or the host it was crawled from"
    )
    parser.add_argument("--out", "-o", type=Path, help="output file (default: export.<format>)")


def iso_date(value: str) -> str:
    """argparse type: a YYYY-MM-DD date, refused otherwise."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def run(args: argparse.Namespace) -> int:
    out = args.out or Path(f"export.{args.format}")
    count = export(args.archive, out, args.format, since=args.since, site=args.site)
    sys.stdout.write(f"{count} records -> {out}\n")
    return 0


def select_sql(archive: Path, fmt: str, since: str | None, site: str | None) -> str:
    """The export's query (values quoted as SQL literals: COPY takes no parameters)."""
    columns = [
        f"to_json({quote_name(key)}) AS {quote_name(key)}"
        if fmt == "csv" and key in NESTED
        else quote_name(key)
        for key in COLUMNS
    ]
    where = ["TRUE"]
    if since:
        where.append(f"published_date >= DATE {literal(since)}")
    if site:
        site = site.lower()
        netloc = _URL_NETLOC_SQL
        where.append(
            f"(lower(site.domain) = {literal(site)} OR {netloc} = {literal(site)}"
            f" OR split_part({netloc}, ':', 1) = {literal(site)})"
        )
    return (
        f"SELECT {', '.join(columns)} FROM ({read_records_sql(archive)})"
        f" WHERE {' AND '.join(where)} ORDER BY published_at, id, version"
    )


def export(
    archive: Path, out: Path, fmt: str, *, since: str | None = None, site: str | None = None
) -> int:
    sql = select_sql(archive, fmt, since, site)
    options = "FORMAT parquet, COMPRESSION zstd" if fmt == "parquet" else "FORMAT csv, HEADER"
    out.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect() as con:
        con.execute("SET TimeZone = 'UTC'")  # CSV writes the typed times in UTC
        con.execute(f"COPY ({sql}) TO {literal(str(out))} ({options})")
        count = con.fetchone()
    return int(count[0]) if count else 0
