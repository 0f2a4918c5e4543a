"""The archive as one typed DuckDB view, `records`: what `sql`, `export`, `stats` and `report`
read.

DuckDB's `read_json_auto` guesses column types from the first files it samples: a field that
is null in all of them (`previous_version_id`, `document`, `text_original` early in an archive)
is typed NULL and reads as NULL in every file. The view names every column's type instead,
generated from the record's JSON Schema (`crawler/schema/article.schema.json`), so every value
of every file comes through. Record fields keep their JSON values (dates stay the ISO strings
of the JSONL); typed columns are added beside them:

- `published_date` DATE: the day of `published_at` (whether or not a time is known);
- `published_time` TIMESTAMP WITH TIME ZONE: `published_at` when it has a time, else NULL;
- `fetched_time` TIMESTAMP WITH TIME ZONE: `fetched_at`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from crawler.cli import CommandError
from crawler.page.record import RECORD_KEYS, record_schema
from crawler.store.records import RECORDS_DIR

VIEW = "records"
_SCALARS = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN"}
# typed columns beside the record's own (their SQL over the record columns)
TYPED_COLUMNS: dict[str, str] = {
    "published_date": "TRY_CAST(substr(published_at, 1, 10) AS DATE)",
    "published_time": "CASE WHEN length(published_at) > 10"
    " THEN TRY_CAST(published_at AS TIMESTAMPTZ) END",
    "fetched_time": "TRY_CAST(fetched_at AS TIMESTAMPTZ)",
}


class NoRecords(CommandError, FileNotFoundError):
    """The archive directory holds no record file."""


def duckdb_type(node: dict[str, Any], defs: dict[str, Any]) -> str:
    """The DuckDB type of one JSON Schema node (a null alternative is every column's NULL)."""
    if "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    types = node.get("type", "string")
    kinds = [types] if isinstance(types, str) else [t for t in types if t != "null"]
    (kind,) = kinds
    if kind == "array":
        return duckdb_type(node.get("items", {}), defs) + "[]"
    if kind == "object":
        fields = ", ".join(
            f"{quote_name(name)} {duckdb_type(sub, defs)}"
            for name, sub in node.get("properties", {}).items()
        )
        return f"STRUCT({fields})"
    return _SCALARS[kind]


@cache
def column_types() -> dict[str, str]:
    """Every record field -> its DuckDB type, in record order."""
    schema = record_schema()
    defs = schema.get("$defs", {})
    return {key: duckdb_type(schema["properties"][key], defs) for key in RECORD_KEYS}


def records_glob(archive: Path) -> str:
    """The glob of the archive's record files; `NoRecords` when there is none."""
    records = archive / RECORDS_DIR
    if not any(records.glob("**/*.jsonl")):
        raise NoRecords(f"no records under {records}")
    return str(records / "**" / "*.jsonl")


def read_records_sql(archive: Path) -> str:
    """`SELECT` of every record with typed columns (the view's body)."""
    types = ", ".join(f"{literal(key)}: {literal(t)}" for key, t in column_types().items())
    columns = [quote_name(key) for key in RECORD_KEYS]
    columns += [f"{sql} AS {name}" for name, sql in TYPED_COLUMNS.items()]
    return (
        f"SELECT {', '.join(columns)} FROM read_json({literal(records_glob(archive))},"
        f" format = 'newline_delimited', columns = {{{types}}})"
    )


def view_sql(archive: Path, name: str = VIEW) -> str:
    """`CREATE OR REPLACE VIEW records AS ...;` for any DuckDB (CLI, Python, another tool)."""
    return f"CREATE OR REPLACE VIEW {quote_name(name)} AS {read_records_sql(archive)};"


def connect(
    archive: str | Path = "archive", database: str = ":memory:"
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the archive's `records` view:
    `connect("archive").sql("select count(*) from records")`."""
    con = duckdb.connect(database)
    con.execute(view_sql(Path(archive)))
    return con


def quote_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
