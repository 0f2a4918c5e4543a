# ruff: noqa: E501  (real-looking records are long lines)
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import duckdb
import jsonschema
import pytest
from archives import stop_engine
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from crawler.page.flags import flag_record
from crawler.page.normalize import normalize_record
from crawler.page.record import Record, finalize_record, record_id, record_schema
from crawler.store.records import partition_of, remove_partial_lines
from pipelines.archive import ArchivePipeline

TEXT = "10月13日下午，南通开发区召开党工委理论学习中心组集体学习会议，深入学习贯彻新思想。\n区党工委副书记领学。"


def _crawler(**settings: Any) -> Any:
    crawler = get_crawler(settings_dict={"RUN_ID": "run-1", **settings})
    crawler.stats.open_spider()
    return crawler


def _item(**fields: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "url": "http://127.0.0.1:8001/xwzx/202210/t20221014_1.html",
        "title": "南通开发区党工委理论学习中心组开展集中学习",
        "published_at": "2022-10-14T09:30:00+08:00",
        "source": "南通开发区",
        "site": {"name": "南通开发区", "domain": "127.0.0.1:8001", "id_code": None},
        "text": TEXT,
        "flags": [],
        "http": {"status": 200, "encoding": "utf-8", "etag": None, "last_modified": None},
        "fetched_at": "2026-11-22T17:00:00Z",
        "run_id": "run-1",
        "warc": None,
    }
    item.update(fields)
    return item


def _process(*pipelines: Any, item: dict[str, Any]) -> dict[str, Any]:
    for pipeline in pipelines:
        item = pipeline.process_item(item)
    return item


class _Assembly:
    """The steps `assemble_record` runs after extraction, on hand-made fields."""

    @staticmethod
    def process_item(item: dict[str, Any]) -> Record:
        return finalize_record(flag_record(normalize_record(item)))


@pytest.mark.parametrize(
    ("setting", "cls"),
    [
        ("ARCHIVE_ENABLED", ArchivePipeline),
    ],
)
def test_switched_off(tmp_path: Path, setting: str, cls: Any) -> None:
    crawler = _crawler(ARCHIVE_DIR=str(tmp_path), **{setting: False})
    with pytest.raises(NotConfigured):
        cls.from_crawler(crawler)
    stop_engine(crawler)


@pytest.mark.parametrize(
    ("published_at", "partition"),
    [
        ("2022-10-14T09:30:00+08:00", "2022-10"),
        ("2023-01-13", "2023-01"),
        (None, "undated"),
        ("", "undated"),
    ],
)
def test_partition_by_publication_month(published_at: str | None, partition: str) -> None:
    assert partition_of({"published_at": published_at}) == partition
    duplicate = {"published_at": published_at, "duplicate_of": "a" * 40}
    assert partition_of(duplicate) == "0-duplicates-" + partition


def _archive(tmp_path: Path, **settings: Any) -> tuple[Any, ArchivePipeline, _Assembly]:
    crawler = _crawler(ARCHIVE_DIR=str(tmp_path), **settings)
    return crawler, ArchivePipeline.from_crawler(crawler), _Assembly()


def _close(archive: ArchivePipeline) -> None:
    """The crawl ends: the archive owner closes (and syncs) the record files."""
    stop_engine(archive.crawler)


def test_archive_writes_whole_valid_lines_by_month(tmp_path: Path) -> None:
    crawler, archive, normalize = _archive(tmp_path)
    items = [
        _item(),
        _item(url="http://127.0.0.1:8001/xwzx/202301/t20230113_2.html", published_at="2023-01-13"),
        _item(url="http://127.0.0.1:8001/news/3.html", published_at=None),
    ]
    for item in items:
        archive.process_item(normalize.process_item(item))
    _close(archive)
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.jsonl"))
    assert files == [
        "records/2022-10/run-1.jsonl",
        "records/2023-01/run-1.jsonl",
        "records/undated/run-1.jsonl",
    ]
    raw = (tmp_path / "records/2022-10/run-1.jsonl").read_bytes()
    assert raw.endswith(b"\n") and raw.count(b"\n") == 1
    assert b"\\u" not in raw and "南通开发区".encode() in raw
    record = json.loads(raw)
    jsonschema.validate(record, record_schema())
    assert not any(key.startswith("_") for key in record)
    assert crawler.stats.get_value("archive/written") == 3


def test_archive_never_writes_a_version_twice_in_a_run(tmp_path: Path) -> None:
    crawler, archive, normalize = _archive(tmp_path, ARCHIVE_FSYNC=False)
    for _ in range(3):
        archive.process_item(normalize.process_item(_item()))
    _close(archive)
    (path,) = tmp_path.rglob("*.jsonl")
    assert len(path.read_text("utf-8").splitlines()) == 1
    assert crawler.stats.get_value("archive/written") == 1
    assert crawler.stats.get_value("archive/same_version_again") == 2


@pytest.mark.parametrize(
    ("settings", "while_writing", "in_all"),
    [({"ARCHIVE_FSYNC": True}, 3, 3), ({"ARCHIVE_FSYNC_SECONDS": 0}, 0, 1),
     ({"ARCHIVE_FSYNC_SECONDS": 1e-9}, 3, 3)],
)  # fmt: skip
def test_archive_fsyncs_per_line_periodically_or_on_close(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: dict, while_writing: int, in_all: int
) -> None:
    synced: list[int] = []
    monkeypatch.setattr("crawler.store.records.os.fsync", synced.append)
    _, archive, normalize = _archive(tmp_path, **settings)
    for n in range(3):
        archive.process_item(normalize.process_item(_item(url=f"http://127.0.0.1:8001/a/{n}.html")))
    assert len(synced) == while_writing
    _close(archive)
    assert len(synced) == in_all  # whatever was written since the last sync is synced on close


def test_archive_appends_to_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "records/2022-10/run-1.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text('{"earlier": 1}\n', "utf-8")
    _, archive, normalize = _archive(tmp_path)
    archive.process_item(normalize.process_item(_item()))
    _close(archive)
    lines = path.read_text("utf-8").splitlines()
    assert lines[0] == '{"earlier": 1}' and len(lines) == 2


def test_archive_is_readable_by_duckdb(tmp_path: Path) -> None:
    _, archive, normalize = _archive(tmp_path, ARCHIVE_FSYNC=False)
    for n in range(5):
        month = f"2022-{n + 1:02d}-0{n + 1}"
        archive.process_item(
            normalize.process_item(
                _item(url=f"http://127.0.0.1:8001/a/{n}.html", published_at=month)
            )
        )
    _close(archive)
    with duckdb.connect() as con:
        rows = con.execute(
            f"select title, site.domain, http.status from read_json_auto('{tmp_path}/**/*.jsonl')"
        ).fetchall()
    assert len(rows) == 5 and rows[0][1:] == ("127.0.0.1:8001", 200)


def test_duckdb_reads_duplicate_of_when_only_a_late_month_has_duplicates(tmp_path: Path) -> None:
    """DuckDB infers the schema from the first 32 files: 40 months without a duplicate, then
    one with, must still read `duplicate_of` (the issue's exact query, no union_by_name)."""
    _, archive, normalize = _archive(tmp_path, ARCHIVE_FSYNC=False)
    for n in range(40):
        published = f"{2000 + n // 12}-{n % 12 + 1:02d}-01"
        url = f"http://127.0.0.1:8001/a/{n}.html"
        archive.process_item(normalize.process_item(_item(url=url, published_at=published)))
    original = record_id("http://127.0.0.1:8001/a/0.html")
    late = _item(url="http://127.0.0.1:8002/copy.html", published_at="2024-05-01")
    archive.process_item({**normalize.process_item(late), "duplicate_of": original})
    _close(archive)
    assert len(list(tmp_path.rglob("*.jsonl"))) == 41
    with duckdb.connect() as con:
        rows = con.execute(
            f"select url, duplicate_of from read_json_auto('{tmp_path}/**/*.jsonl')"
        ).fetchall()
    assert len(rows) == 41
    assert [r for r in rows if r[1] is not None] == [("http://127.0.0.1:8002/copy.html", original)]


def test_stats_are_dumped_next_to_the_records(tmp_path: Path) -> None:
    crawler, archive, _ = _archive(tmp_path)
    crawler.stats.inc_value("skip/http_404")
    path = archive.write_stats("finished")
    assert path == tmp_path / "runs/run-1.stats.json"
    stats = json.loads(path.read_text("utf-8"))
    assert stats["skip/http_404"] == 1 and stats["finish_reason"] == "finished"
    assert not any(name.endswith(".tmp") for name in os.listdir(path.parent))
    _close(archive)


def test_opening_the_archive_cuts_a_killed_writers_partial_last_line(tmp_path: Path) -> None:
    records = tmp_path / "records"
    cut, whole, only_partial = (
        records / "2023-01/r1.jsonl",
        records / "2023-02/r1.jsonl",
        (records / "undated/r2.jsonl"),
    )
    for path in (cut, whole, only_partial):
        path.parent.mkdir(parents=True, exist_ok=True)
    complete = b'{"id":"a"}\n{"id":"b"}\n'
    cut.write_bytes(complete + b'{"id":"c","text":"\xe5\x8d\x8a')  # killed between pages
    whole.write_bytes(complete)
    only_partial.write_bytes(b'{"id":"d"')
    crawler, archive, _ = _archive(tmp_path)
    archive.open_spider()
    assert cut.read_bytes() == complete
    assert whole.read_bytes() == complete
    assert only_partial.read_bytes() == b""
    assert crawler.stats.get_value("archive/partial_line_removed") == 2
    archive.open_spider()  # nothing left to cut
    assert crawler.stats.get_value("archive/partial_line_removed") == 2
    _close(archive)


def test_a_partial_line_longer_than_the_read_block_is_cut_whole(tmp_path: Path) -> None:
    path = tmp_path / "records" / "2023-01" / "r1.jsonl"
    path.parent.mkdir(parents=True)
    path.write_bytes(b'{"id":"a"}\n' + b'{"text":"' + "长".encode() * 100_000)
    assert remove_partial_lines(tmp_path) == [path]
    assert path.read_bytes() == b'{"id":"a"}\n'
