"""The archive in DuckDB: the typed `records` view (types from the JSON Schema) gives every value,
also where a field is null in the first 40 files (read_json_auto samples 32 and types it NULL);
from Python, from `python -m crawler sql`, and from the real DuckDB CLI."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from crawling import PROJECT
from synthetic import late_field_archive, read_lines

from crawler.cli.table import TYPED_COLUMNS, column_types, connect, view_sql
from crawler.page.record import RECORD_KEYS, record_schema

DUCKDB_CLI = Path(sys.executable).parent / "duckdb"  # the duckdb-cli package's command
# the record columns of the view, as one JSON object per row
AS_JSON = (
    "SELECT to_json(r) AS line FROM (SELECT "
    + ", ".join(f'"{k}"' for k in RECORD_KEYS)
    + " FROM records) r ORDER BY r.published_at, r.id"
)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    late_field_archive(tmp_path / "archive", files=45, plain=40)
    return tmp_path / "archive"


def expected(archive: Path) -> list[dict[str, Any]]:
    return sorted(read_lines(archive), key=lambda r: (r["published_at"], r["id"]))


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crawler", *args], cwd=PROJECT, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip


def test_every_schema_field_has_a_column_type_of_its_json_kind() -> None:
    properties = record_schema()["properties"]
    types = column_types()
    assert list(types) == list(RECORD_KEYS) == list(properties)
    for key, sql_type in types.items():
        kinds = properties[key].get("type", "string")
        if "object" in kinds:
            assert sql_type.startswith("STRUCT(")
            assert all(f'"{name}"' in sql_type for name in properties[key]["properties"])
        elif "array" in kinds or ("$ref" in properties[key] and key in ("breadcrumbs", "flags")):
            assert sql_type.endswith("[]")
        elif "integer" in kinds:
            assert sql_type == "BIGINT"


def test_the_view_gives_every_value_where_fields_appear_after_40_files(archive: Path) -> None:
    want = expected(archive)
    assert sum(r["document"] is not None for r in want) == 5
    with connect(archive) as con:
        got = [json.loads(line) for (line,) in con.sql(AS_JSON).fetchall()]
        typed = con.sql(
            "SELECT published_at, published_date, published_time, fetched_at, fetched_time"
            " FROM records"
        ).fetchall()
    assert got == want
    for published_at, day, time, fetched_at, fetched in typed:
        assert day.isoformat() == published_at[:10]
        assert (time is None) == (len(published_at) == 10)
        if time is not None:
            assert time.isoformat(timespec="seconds").replace("+00:00", "Z") == (_utc(published_at))
        assert fetched.strftime("%Y-%m-%dT%H:%M:%SZ") == fetched_at


def _id(rec: dict[str, Any]) -> str:
    return str(rec["id"])


def _utc(iso: str) -> str:
    from datetime import UTC, datetime

    return datetime.fromisoformat(iso).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.e2e
def test_the_duckdb_cli_reads_every_value_through_the_shipped_view(archive: Path) -> None:
    view = cli("sql", str(archive), "--view")
    assert view.returncode == 0, view.stderr
    assert view.stdout == view_sql(archive) + "\n"
    done = subprocess.run(
        [str(DUCKDB_CLI), "-json", "-c", view.stdout + AS_JSON], capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = [row["line"] for row in json.loads(done.stdout)]  # -json: the objects themselves
    got = [json.loads(line) if isinstance(line, str) else line for line in lines]
    assert got == expected(archive)


@pytest.mark.e2e
def test_sql_command_runs_a_query_on_the_typed_view(archive: Path) -> None:
    done = cli(
        "sql", str(archive), "--csv", "-c",
        "SELECT id, previous_version_id, document.doc_no AS doc_no, text_original FROM records"
        " WHERE previous_version_id IS NOT NULL ORDER BY id",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    late = sorted((r for r in read_lines(archive) if r["previous_version_id"]), key=_id)
    assert [(r["id"], r["previous_version_id"], r["doc_no"], r["text_original"]) for r in rows] == [
        (r["id"], r["previous_version_id"], r["document"]["doc_no"], r["text_original"])
        for r in late
    ]
    table = cli("sql", str(archive), "-c", "SELECT count(document) AS documents FROM records")
    assert table.returncode == 0 and "documents" in table.stdout and " 5 " in table.stdout


@pytest.mark.e2e
def test_export_keeps_every_value_and_adds_typed_dates(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.parquet"
    done = cli("export", str(archive), "--out", str(out))
    assert done.returncode == 0, done.stderr
    table = pq.read_table(out)
    assert table.column_names == [*RECORD_KEYS, *TYPED_COLUMNS]
    assert str(table.schema.field("published_date").type) == "date32[day]"
    assert str(table.schema.field("fetched_time").type) == "timestamp[us, tz=UTC]"
    rows = table.select(list(RECORD_KEYS)).to_pylist()
    assert sorted(rows, key=lambda r: (r["published_at"], r["id"])) == expected(archive)


@pytest.mark.e2e
@pytest.mark.parametrize("args", [["--since", "notadate"], ["--since", "2023-13-01"]])
def test_export_refuses_a_bad_date(archive: Path, tmp_path: Path, args: list[str]) -> None:
    done = cli("export", str(archive), "--out", str(tmp_path / "x.parquet"), *args)
    assert done.returncode == 2
    assert "not a date" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "x.parquet").exists()
