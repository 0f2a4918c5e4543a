"""Conditional GETs from the crawl state; a 304 costs no parsing."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler

from crawler.incremental import IncrementalMiddleware
from crawler.record import finalize_record
from crawler.state import CrawlState

ARTICLE = "http://127.0.0.1:8000/news/202401/t20240102_1.html"
LIST = "http://127.0.0.1:8000/news/index.html"


def middleware(archive: Path, run_id: str = "run1"):
    crawler = get_crawler(settings_dict={"ARCHIVE_DIR": str(archive), "RUN_ID": run_id})
    crawler.stats.open_spider()
    mw = IncrementalMiddleware.from_crawler(crawler)
    mw.spider_opened(None)
    return mw, crawler


def archived(archive: Path) -> None:
    rec = finalize_record({"title": "t", "text": "正文。", "http": {"etag": '"a1"'}}, ARTICLE)
    with CrawlState(archive / "state.sqlite3") as state:
        state.record_version(rec)


def test_known_article_gets_validators_and_304_is_ignored(tmp_path: Path) -> None:
    archived(tmp_path)
    mw, crawler = middleware(tmp_path)
    request = Request(ARTICLE, meta={"govnews_kind": "article"})
    mw.process_request(request)
    assert request.headers[b"If-None-Match"] == b'"a1"'
    with pytest.raises(IgnoreRequest):
        mw.process_response(request, Response(ARTICLE, status=304, request=request))
    new = Request(ARTICLE.replace("_1", "_9"), meta={"govnews_kind": "article"})
    mw.process_request(new)
    assert b"If-None-Match" not in new.headers
    mw.spider_closed(None, "finished")
    stats = crawler.stats.get_stats()
    assert stats["incremental/not_modified"] == stats["incremental/not_modified/article"] == 1


def list_response(request: Request) -> HtmlResponse:
    headers = {"ETag": '"l1"', "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"}
    return HtmlResponse(LIST, body=b"<html></html>", headers=headers, request=request)


def test_list_page_validators_only_after_a_finished_run(tmp_path: Path) -> None:
    for run_id, reason in (("killed", "shutdown"), ("run1", "finished")):
        mw, _ = middleware(tmp_path, run_id)
        request = Request(LIST, meta={"govnews_kind": "list"})
        mw.process_request(request)
        assert b"If-None-Match" not in request.headers  # nothing trusted yet
        mw.process_response(request, list_response(request))
        mw.spider_closed(None, reason)
    mw, crawler = middleware(tmp_path, "run2")
    request = Request(LIST, meta={"govnews_kind": "list"})
    mw.process_request(request)
    assert request.headers[b"If-None-Match"] == b'"l1"'
    assert request.headers[b"If-Modified-Since"] == b"Mon, 01 Jan 2024 00:00:00 GMT"
    with pytest.raises(IgnoreRequest):
        mw.process_response(request, Response(LIST, status=304, request=request))
    mw.spider_closed(None, "finished")
    assert crawler.stats.get_value("incremental/not_modified/list") == 1


def test_a_304_to_an_unconditional_request_is_left_alone(tmp_path: Path) -> None:
    mw, _ = middleware(tmp_path)
    request = Request(LIST, meta={"govnews_kind": "list"})
    response = Response(LIST, status=304, request=request)
    assert mw.process_response(request, response) is response
    mw.spider_closed(None, "finished")


def test_articles_archived_long_ago_are_not_requested_again(tmp_path: Path) -> None:
    archived(tmp_path)
    crawler = get_crawler(
        settings_dict={"ARCHIVE_DIR": str(tmp_path), "STATE_REVALIDATE_DAYS": -1}
    )  # "archived before tomorrow": every known article is old
    crawler.stats.open_spider()
    mw = IncrementalMiddleware.from_crawler(crawler)
    with pytest.raises(IgnoreRequest):
        mw.process_request(Request(ARTICLE, meta={"govnews_kind": "article"}))
    mw.spider_closed(None, "finished")
    assert crawler.stats.get_value("incremental/skipped_known") == 1
