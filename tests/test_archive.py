"""The archive's one owner: the lock always taken, each store opened once, shared, closed."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from archives import archive_crawler, stop_engine
from crawling import crawl, crawl_log, records, start_crawl
from scrapy import Request
from scrapy.core.downloader.middleware import DownloaderMiddlewareManager
from scrapy.http import HtmlResponse
from scrapy.pipelines import ItemPipelineManager

import crawler.settings as project_settings
from crawler.components import archive as archive_module
from crawler.components.archive import ArchiveOwner, archive_of
from crawler.store.dedup import DedupIndex
from crawler.store.runlog import ArchiveLocked, read_manifest
from crawler.store.state import CrawlState

STORES_OFF = {"STATE_ENABLED": False, "DEDUP_ENABLED": False, "WARC_ENABLED": False}


def project_crawler(archive: Path, **settings: Any) -> Any:
    """A crawler with the project's own settings (extensions, middlewares, pipelines)."""
    names = {name: getattr(project_settings, name) for name in dir(project_settings)}
    ours = {name: value for name, value in names.items() if name.isupper()}
    return archive_crawler(archive, **ours, **settings)


def test_the_lock_is_taken_with_every_store_off_and_released_when_the_engine_stops(
    tmp_path: Path,
) -> None:
    first = archive_crawler(tmp_path, RUN_ID="first", **STORES_OFF)
    archive = archive_of(first)
    assert (archive.state, archive.dedup, archive.warc) == (None, None, None)
    assert json.loads((tmp_path / ".lock").read_text())["run_id"] == "first"
    with pytest.raises(ArchiveLocked, match="is locked by another run"):
        archive_of(archive_crawler(tmp_path, RUN_ID="second", **STORES_OFF))
    stop_engine(first)
    third = archive_crawler(tmp_path, RUN_ID="third", **STORES_OFF)
    assert archive_of(third).run_id == "third"
    stop_engine(third)


@pytest.mark.e2e
def test_a_second_crawl_with_state_off_is_refused(replica: Any, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    off = {**STORES_OFF, "DOWNLOAD_DELAY": 0.5}  # the first crawl is still running
    first = start_crawl(replica.seed_file, archive, RUN_ID="first", **off)
    try:
        deadline = time.monotonic() + 30
        while b"first" not in _read(archive / ".lock") and time.monotonic() < deadline:
            time.sleep(0.05)
        refused = crawl(replica.seed_file, archive, RUN_ID="refused", **off)
        assert first.poll() is None, "the first crawl should still be running"
    finally:
        first.kill()
        first.wait()
    assert refused == 1
    log = crawl_log(archive, "refused")
    assert "is locked by another run" in log and "STATE_LOCK_WAIT" in log
    assert not records(archive, "refused")


def test_every_component_of_a_crawl_shares_one_state_opened_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[CrawlState] = []

    class CountedState(CrawlState):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            opened.append(self)

    monkeypatch.setattr(archive_module, "CrawlState", CountedState)
    crawler = project_crawler(tmp_path)
    # pipelines before middlewares: creation order does not matter
    pipelines = ItemPipelineManager.from_crawler(crawler).middlewares
    middlewares = DownloaderMiddlewareManager.from_crawler(crawler).middlewares
    try:
        (state,) = opened
        archive = archive_of(crawler)
        assert archive.state is state and archive.warc is not None
        holders = [c for c in (*pipelines, *middlewares) if hasattr(c, "state")]
        names = {type(c).__name__ for c in holders}
        assert names == {"VersionPipeline", "StatePipeline", "IncrementalMiddleware"}
        assert all(c.state is state for c in holders)
        assert archive.warc.captures is state
        (dedup,) = [c.index for c in pipelines if hasattr(c, "index")]
        assert dedup is archive.dedup
        owners = [e for e in crawler.extensions.middlewares if isinstance(e, ArchiveOwner)]
        assert len(owners) == 1 and owners[0].archive is archive
    finally:
        stop_engine(crawler)


def test_stores_are_closed_before_the_manifest_and_the_lock_released_last(tmp_path: Path) -> None:
    from crawler.components.warc import WarcCaptureMiddleware

    crawler = archive_crawler(tmp_path, RUN_ID="run1")
    mw = WarcCaptureMiddleware.from_crawler(crawler)
    url = "http://127.0.0.1:8000/a/t20240101_1.html"
    request = Request(url, meta={"govnews_kind": "article"})
    mw.process_response(request, HtmlResponse(url, body=b"<html><p>x</p></html>"))
    archive = archive_of(crawler)
    stop_engine(crawler)
    assert archive.closed and archive.lock.fd is None
    entries = {e["path"]: e for e in read_manifest(tmp_path)["files"]}
    # the WARC file was closed (its CDXJ index saved) before the manifest counted its records:
    # warcinfo, response, request
    assert entries["warc/run1-00000.warc.gz"]["records"] == 3
    assert "warc/run1-00000.warc.gz.cdxj" in entries
    with pytest.raises(Exception, match="closed"):
        archive.state.db.execute("SELECT 1")  # type: ignore[union-attr]


def test_a_store_that_fails_to_open_leaves_the_archive_unlocked(tmp_path: Path) -> None:
    with DedupIndex(tmp_path / "dedup.sqlite3", num_perm=64):
        pass  # an index built with other parameters: opening it with the defaults fails
    with pytest.raises(ValueError, match="num_perm"):
        archive_of(archive_crawler(tmp_path))
    other = archive_crawler(tmp_path, DEDUP_ENABLED=False)
    assert archive_of(other).dedup is None
    stop_engine(other)


def test_the_run_log_is_written_by_the_owner(tmp_path: Path) -> None:
    crawler = archive_crawler(tmp_path, RUN_ID="run1")
    owner = ArchiveOwner.from_crawler(crawler)
    owner.spider_opened()
    crawler.stats.inc_value("archive/written", 3)
    crawler.stats.inc_value("skip/http_404")
    owner.spider_closed("finished")
    state = owner.archive.state
    assert state is not None
    last = state.last_run()
    stop_engine(crawler)
    (run,) = [json.loads(line) for line in (tmp_path / "runs.ndjson").read_text().splitlines()]
    assert (run["run_id"], run["finish_reason"]) == ("run1", "finished")
    assert run["counts"]["archived"] == 3 and run["counts"]["skipped"] == {"skip/http_404": 1}
    assert last is not None and last["counts"] == run["counts"]


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""
