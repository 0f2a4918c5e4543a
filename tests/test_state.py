"""Crawl state: versions, validators, list pages of finished runs, reconciliation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from archives import archive_crawler, stop_engine
from scrapy.exceptions import DropItem

from crawler.page.record import finalize_record, to_json_line
from crawler.store.state import CrawlState, Validators
from pipelines.state import StatePipeline, VersionPipeline

URL = "http://127.0.0.1:8000/news/202401/t20240102_1.html"


def record(url: str = URL, text: str = "第一段。\n第二段。", **extra: object) -> dict:
    fields = {"title": "标题", "text": text, "http": {"etag": '"e1"', "last_modified": None}}
    return finalize_record({**fields, **extra}, url)


def write_archive(archive: Path, lines: list[str], name: str = "r1.jsonl") -> Path:
    path = archive / "records" / "2024-01" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.writelines(lines)
    return path


@pytest.fixture
def state(tmp_path: Path):
    with CrawlState(tmp_path / "state.sqlite3") as st:
        yield st


def test_record_version_keeps_latest_and_every_version(state: CrawlState) -> None:
    v1 = record()
    v2 = {**record(text="改过的正文。"), "version": 2, "version_id": f"{v1['id']}-v2"}
    assert state.record_version(v1)
    assert state.record_version(v2)
    assert not state.record_version(v1)  # already known; does not roll back to v1
    article = state.article(URL)
    assert article is not None
    assert (article.version, article.etag) == (2, '"e1"')
    assert state.count_versions() == 2
    assert state.count_articles() == 1


def test_list_pages_are_trusted_only_once_their_run_finished(state: CrawlState) -> None:
    key = "http://127.0.0.1:8000/news/index.html"
    state.save_list_page(key, '"l1"', None, "run-a")
    assert state.list_validators(key) is None
    assert state.confirm_list_pages("run-a") == 1
    validators = state.list_validators(key)
    assert validators is not None and validators.etag == '"l1"'


def test_a_list_page_without_validators_is_known_all_the_same(state: CrawlState) -> None:
    key = "http://127.0.0.1:8000/special/intro"
    state.save_list_page(key, None, None, "run-a")
    assert state.list_page(key) is None  # pending
    state.confirm_list_pages("run-a")
    assert state.list_page(key) == Validators(None, None)
    assert state.list_validators(key) is None  # nothing to send
    assert state.list_page("http://127.0.0.1:8000/other") is None


def test_reconcile_adds_archived_lines_state_missed_and_skips_a_partial_line(
    tmp_path: Path, state: CrawlState
) -> None:
    a, b = record(), record(URL.replace("_1", "_2"))
    path = write_archive(tmp_path, [to_json_line(a), to_json_line(b), '{"id": "trunc'])
    state.record_version(a)
    result = state.reconcile(tmp_path)
    assert (result.lines, result.added, result.unparsable) == (2, 1, 0)
    assert state.article(b["url"]) is not None
    with path.open("a", encoding="utf-8") as fh:  # the partial line completed later: read once
        fh.write('"}\n')
    again = state.reconcile(tmp_path)
    assert (again.lines, again.added, again.unparsable) == (1, 0, 1)
    assert state.reconcile(tmp_path).lines == 0


def test_writes_are_committed_in_batches_and_on_close(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    state = CrawlState(path, commit_every=3)
    state.record_version(record())
    state.update_validators(record()["id"], '"e2"', None)
    assert state.db.in_transaction
    state.save_list_page("http://127.0.0.1:8000/news/index.html", '"l1"', None, "run-a")
    assert not state.db.in_transaction  # the third write committed the batch
    state.record_version(record(URL.replace("_1", "_2")))
    state.close()  # commits the rest
    with CrawlState(path) as again:
        assert again.count_articles() == 2


def test_reconcile_parses_only_lines_of_versions_it_does_not_know(
    tmp_path: Path, state: CrawlState
) -> None:
    a, b = record(), record(URL.replace("_1", "_2"))
    write_archive(tmp_path, [to_json_line(a), to_json_line(b)])
    state.record_version(a)
    known = {**a, "text": "正文与状态不同:这一行不会被读", "version": 1}
    write_archive(tmp_path, [to_json_line(known)], name="r2.jsonl")
    result = state.reconcile(tmp_path)
    assert (result.lines, result.added) == (3, 1)
    stored = state.article(URL)
    assert stored is not None and stored.content_sha1 == a["content_sha1"]


def test_runs_are_recorded(state: CrawlState) -> None:
    state.start_run("r1", "2024-01-01T00:00:00Z")
    state.finish_run("r1", "2024-01-01T00:01:00Z", "finished", {"new": 3})
    last = state.last_run()
    assert last is not None
    assert (last["finish_reason"], last["counts"]) == ("finished", {"new": 3})


def test_version_pipeline_new_unchanged_changed(tmp_path: Path) -> None:
    crawler = archive_crawler(tmp_path)
    versions = VersionPipeline.from_crawler(crawler)
    recorder = StatePipeline.from_crawler(crawler)
    recorder.open_spider()
    try:
        first = recorder.process_item(versions.process_item(record()))
        assert (first["version"], first["previous_version_id"]) == (1, None)
        with pytest.raises(DropItem):
            versions.process_item(record())
        edited = recorder.process_item(versions.process_item(record(text="第一段。\n新增一段。")))
        assert (edited["version"], edited["version_id"]) == (2, f"{first['id']}-v2")
        assert edited["previous_version_id"] == first["version_id"]
    finally:
        recorder.close_spider()
        stop_engine(crawler)
    stats = crawler.stats.get_stats()
    assert [stats.get(f"incremental/{k}") for k in ("new", "unchanged", "changed")] == [1, 1, 1]
    assert stats["state/recorded"] == 2


def test_state_pipeline_reconciles_on_open(tmp_path: Path) -> None:
    write_archive(tmp_path, [to_json_line(record())])
    crawler = archive_crawler(tmp_path)
    recorder = StatePipeline.from_crawler(crawler)
    recorder.open_spider()
    recorder.close_spider()
    stop_engine(crawler)
    assert crawler.stats.get_value("state/reconciled_added") == 1
    with CrawlState(tmp_path / "state.sqlite3") as state:
        assert json.dumps(state.article(URL) is not None) == "true"


def test_a_remembered_lookup_follows_every_write_to_the_article(state: CrawlState) -> None:
    """The second lookup of an article (the version pipeline's) costs no query, and is never
    stale: recording a version or new validators drops what was remembered."""
    assert state.article(URL) is None  # the incremental middleware's lookup, remembered
    v1 = record()
    state.record_version(v1)
    archived = state.article(v1["id"])
    assert archived is not None and archived.version == 1
    state.update_validators(v1["id"], '"e2"', None)
    refreshed = state.article(URL)
    assert refreshed is not None and refreshed.etag == '"e2"'
    state.record_version({**record(text="改过的正文。"), "version": 2,
                          "version_id": f"{v1['id']}-v2"})  # fmt: skip
    latest = state.article(URL)
    assert latest is not None and latest.version == 2


@pytest.mark.parametrize("url", [URL, "http://127.0.0.1:8000/a?b=2&a=1#top", "http://例子.cn/新闻"])
def test_state_ids_are_record_ids(url: str) -> None:
    from crawler.page.record import record_id
    from crawler.store.state import _record_id

    assert _record_id(url) == record_id(url)
