"""`python -m crawler export --format parquet|csv [--since DATE] [--site DOMAIN]`: the archive
as one table, read with DuckDB from the JSONL files (nothing of ours needed to read it back).

`--since` keeps records published on or after DATE (YYYY-MM-DD, against `published_at`);
`--site` keeps one domain (`site.domain`). Parquet keeps nested fields as structs and lists;
CSV writes them as JSON text.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from crawler import defaults
from crawler.page.record import RECORD_KEYS
from crawler.store.records import RECORDS_DIR

_TEXT, _TEXTS = "VARCHAR", "VARCHAR[]"
# the record schema as DuckDB types, so every export has the same columns and types
COLUMN_TYPES: dict[str, str] = {
    "id": _TEXT, "version": "BIGINT", "version_id": _TEXT, "previous_version_id": _TEXT,
    "url": _TEXT, "site": "STRUCT(name VARCHAR, domain VARCHAR, id_code VARCHAR)",
    "column": _TEXT, "breadcrumbs": _TEXTS, "title": _TEXT, "published_at": _TEXT,
    "source": _TEXT, "authors": _TEXTS, "reporters": _TEXTS, "editors": _TEXTS,
    "reviewers": _TEXTS,
    "text": _TEXT, "text_original": _TEXT, "images": "STRUCT(url VARCHAR, caption VARCHAR)[]",
    "attachments": "STRUCT(url VARCHAR, title VARCHAR)[]",
    "document": "STRUCT(index_no VARCHAR, publisher VARCHAR, doc_no VARCHAR, topic VARCHAR,"
                " written_at VARCHAR, published_at VARCHAR)",
    "flags": _TEXTS, "content_sha1": _TEXT, "duplicate_of": _TEXT, "fetched_at": _TEXT,
    "http": "STRUCT(status INTEGER, encoding VARCHAR, etag VARCHAR, last_modified VARCHAR)",
    "run_id": _TEXT, "warc": 'STRUCT(file VARCHAR, "offset" BIGINT, length BIGINT)',
}  # fmt: skip
NESTED = frozenset({"site", "breadcrumbs", "authors", "reporters", "editors", "reviewers",
                    "images", "attachments", "document", "flags", "http", "warc"})  # fmt: skip


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    parser.add_argument("--since", help="published on or after this date (YYYY-MM-DD)")
    parser.add_argument("--site", help="only this site domain, e.g. www.example.gov.cn")
    parser.add_argument("--archive", type=Path, default=Path(defaults.ARCHIVE_DIR))
    parser.add_argument("--out", type=Path, help="output file (default: export.<format>)")


def run(args: argparse.Namespace) -> int:
    out = args.out or Path(f"export.{args.format}")
    try:
        count = export(args.archive, out, args.format, since=args.since, site=args.site)
    except FileNotFoundError as exc:
        sys.stderr.write(f"export: {exc}\n")
        return 1
    sys.stdout.write(f"{count} records -> {out}\n")
    return 0


def records_glob(archive: Path) -> str:
    files = list((archive / RECORDS_DIR).glob("**/*.jsonl"))
    if not files:
        raise FileNotFoundError(f"no records under {archive / RECORDS_DIR}")
    return str(archive / RECORDS_DIR / "**" / "*.jsonl")


def select_sql(source: str, fmt: str, since: str | None, site: str | None) -> str:
    """The query over the JSONL glob `source` (values quoted as SQL literals: COPY takes no
    parameters)."""
    columns = [
        f'to_json("{key}") AS "{key}"' if fmt == "csv" and key in NESTED else f'"{key}"'
        for key in RECORD_KEYS
    ]
    where = ["TRUE"]
    if since:
        where.append(f"published_at >= {_literal(since)}")
    if site:
        where.append(f"site.domain = {_literal(site)}")
    return (
        f"SELECT {', '.join(columns)} FROM read_json({_literal(source)},"
        f" format = 'newline_delimited', columns = {_columns_struct()})"
        f" WHERE {' AND '.join(where)} ORDER BY published_at, id, version"
    )


def export(
    archive: Path, out: Path, fmt: str, *, since: str | None = None, site: str | None = None
) -> int:
    sql = select_sql(records_glob(archive), fmt, since, site)
    options = "FORMAT parquet, COMPRESSION zstd" if fmt == "parquet" else "FORMAT csv, HEADER"
    out.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect() as con:
        con.execute(f"COPY ({sql}) TO {_literal(str(out))} ({options})")
        count = con.fetchone()
    return int(count[0]) if count else 0


def _columns_struct() -> str:
    fields = ", ".join(f"{_literal(key)}: {_literal(COLUMN_TYPES[key])}" for key in RECORD_KEYS)
    return "{" + fields + "}"


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
