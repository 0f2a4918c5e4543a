"""Conditional GETs from the crawl state; a 304 costs no parsing."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from archives import archive_crawler, stop_engine
from crawling import crawl, crawl_log, records, run_stats, start_crawl
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from tinysite import PageHandler, TinySite, site_fixture
from tinysite import page as tiny_page

from crawler.components.incremental import IncrementalMiddleware, page_key
from crawler.page.record import finalize_record
from crawler.store.state import CrawlState

ARTICLE = "http://127.0.0.1:8000/news/202401/t20240102_1.html"
LIST = "http://127.0.0.1:8000/news/index.html"


def middleware(archive: Path, run_id: str = "run1"):
    crawler = archive_crawler(archive, RUN_ID=run_id)
    mw = IncrementalMiddleware.from_crawler(crawler)
    mw.spider_opened(None)
    return mw, crawler


def close(mw: IncrementalMiddleware, reason: str = "finished") -> None:
    """The spider closes, then the engine stops (the archive is closed, its lock released)."""
    mw.spider_closed(None, reason)
    stop_engine(mw.crawler)


def archived(archive: Path, last_modified: str | None = None) -> None:
    http = {"etag": '"a1"', "last_modified": last_modified}
    rec = finalize_record({"title": "t", "text": "正文。", "http": http}, ARTICLE)
    with CrawlState(archive / "state.sqlite3") as state:
        state.record_version(rec)


def test_known_article_gets_validators_and_304_is_ignored(tmp_path: Path) -> None:
    archived(tmp_path)
    mw, crawler = middleware(tmp_path)
    request = Request(ARTICLE, meta={"govnews_kind": "article"})
    mw.process_request(request)
    assert request.headers[b"If-None-Match"] == b'"a1"'  # no Last-Modified was archived
    with pytest.raises(IgnoreRequest):
        mw.process_response(request, Response(ARTICLE, status=304, request=request))
    new = Request(ARTICLE.replace("_1", "_9"), meta={"govnews_kind": "article"})
    mw.process_request(new)
    assert b"If-None-Match" not in new.headers
    close(mw)
    stats = crawler.stats.get_stats()
    assert stats["incremental/not_modified"] == stats["incremental/not_modified/article"] == 1


def test_an_article_is_revalidated_by_its_date_when_it_has_one(tmp_path: Path) -> None:
    archived(tmp_path, "Tue, 05 May 2020 06:16:00 GMT")
    mw, _ = middleware(tmp_path)
    request = Request(ARTICLE, meta={"govnews_kind": "article"})
    mw.process_request(request)
    assert request.headers[b"If-Modified-Since"] == b"Tue, 05 May 2020 06:16:00 GMT"
    assert b"If-None-Match" not in request.headers
    close(mw)


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
        close(mw, reason)
    mw, crawler = middleware(tmp_path, "run2")
    request = Request(LIST, meta={"govnews_kind": "list"})
    mw.process_request(request)
    assert request.headers[b"If-None-Match"] == b'"l1"'
    assert request.headers[b"If-Modified-Since"] == b"Mon, 01 Jan 2024 00:00:00 GMT"
    with pytest.raises(IgnoreRequest):
        mw.process_response(request, Response(LIST, status=304, request=request))
    close(mw)
    assert crawler.stats.get_value("incremental/not_modified/list") == 1


def test_post_list_pages_are_told_apart_by_their_form(tmp_path: Path) -> None:
    one = Request(LIST, method="POST", body=b"startrecord=1", meta={"govnews_kind": "dataproxy"})
    two = Request(LIST, method="POST", body=b"startrecord=16")
    assert page_key(one) != page_key(two) != page_key(Request(LIST))
    mw, _ = middleware(tmp_path, "run1")
    mw.process_response(one, list_response(one))
    close(mw)
    mw, _ = middleware(tmp_path, "run2")
    again = Request(LIST, method="POST", body=b"startrecord=1", meta={"govnews_kind": "dataproxy"})
    other = Request(LIST, method="POST", body=b"startrecord=16", meta={"govnews_kind": "dataproxy"})
    mw.process_request(again)
    mw.process_request(other)
    close(mw)
    assert b"If-None-Match" in again.headers and b"If-None-Match" not in other.headers


def test_a_304_to_an_unconditional_request_is_left_alone(tmp_path: Path) -> None:
    mw, _ = middleware(tmp_path)
    request = Request(LIST, meta={"govnews_kind": "list"})
    response = Response(LIST, status=304, request=request)
    assert mw.process_response(request, response) is response
    close(mw)


def test_articles_archived_long_ago_are_not_requested_again(tmp_path: Path) -> None:
    archived(tmp_path)
    # "archived before tomorrow": every known article is old
    crawler = archive_crawler(tmp_path, STATE_REVALIDATE_DAYS=-1)
    mw = IncrementalMiddleware.from_crawler(crawler)
    with pytest.raises(IgnoreRequest):
        mw.process_request(Request(ARTICLE, meta={"govnews_kind": "article"}))
    close(mw)
    assert crawler.stats.get_value("incremental/skipped_known") == 1


# --- end to end: a replica that changes between two real crawls ---


def article_paths_fetched(log: list[Any], articles: set[str], status: int) -> set[str]:
    return {r.path for r in log if r.path in articles and r.status == status}


@pytest.mark.e2e
def test_second_run_fetches_only_new_and_edited_articles(replica_factory, tmp_path: Path) -> None:
    running = replica_factory(n_articles=60)
    archive = tmp_path / "archive"
    assert crawl(running.seed_file, archive, RUN_ID="run1") == 0, crawl_log(archive, "run1")
    first = records(archive, "run1")
    assert first and run_stats(archive, "run1")["incremental/new"] == len(first)

    trs = running.site("trs")
    archived_paths = {urlsplit(r["url"]).path for r in first}
    index = next(i for i, a in enumerate(trs.articles) if a.url_path in archived_paths)
    edited = trs.edit_article(index, "补充说明:本文于发布后更新了一段内容,特此说明。")
    added = trs.add_articles(3)
    running.server.clear_log()
    assert crawl(running.seed_file, archive, RUN_ID="run2") == 0, crawl_log(archive, "run2")

    expected = {a.url_path for a in added} | {edited.url_path}
    truth_paths = {urlsplit(a["url"]).path for a in running.truth["articles"]}
    log = running.server.request_log()
    fetched = article_paths_fetched(log, truth_paths, 200)
    print(
        f"\nrun 2: {len(log)} requests, articles fetched (200): {len(fetched)} of "
        f"{len(truth_paths)}; 304: {len(article_paths_fetched(log, truth_paths, 304))}"
    )
    assert fetched == expected
    second = records(archive, "run2")
    assert {urlsplit(r["url"]).path for r in second} == expected
    (v2,) = [r for r in second if urlsplit(r["url"]).path == edited.url_path]
    (v1,) = [r for r in first if r["id"] == v2["id"]]
    assert (v2["version"], v2["previous_version_id"]) == (2, v1["version_id"])
    assert "补充说明" in v2["text"] and "补充说明" not in v1["text"]
    stats = run_stats(archive, "run2")
    assert (stats["incremental/new"], stats["incremental/changed"]) == (3, 1)
    assert stats["archive/written"] == 4
    assert stats["incremental/not_modified/article"] > 0


@pytest.mark.e2e
def test_a_second_run_on_a_locked_archive_refuses_or_waits(replica_factory, tmp_path: Path) -> None:
    running = replica_factory(n_articles=150)
    archive = tmp_path / "archive"
    # held to a delay so that it outlasts the refused run's start-up on a loaded machine (at
    # full speed it once finished 150 articles first)
    first = start_crawl(running.seed_file, archive, RUN_ID="first", DOWNLOAD_DELAY=0.05)
    try:
        deadline = time.monotonic() + 30
        while b"first" not in _read(archive / ".lock") and time.monotonic() < deadline:
            time.sleep(0.05)
        refused = crawl(running.seed_file, archive, RUN_ID="refused")
        assert first.poll() is None, "the first run should still be running"
        waited = start_crawl(running.seed_file, archive, RUN_ID="waited", STATE_LOCK_WAIT=60)
        assert first.wait(timeout=90) == 0
        assert waited.wait(timeout=90) == 0
    finally:
        first.kill()
        first.wait()
    assert refused == 1
    assert "is locked by another run" in crawl_log(archive, "refused")
    assert not records(archive, "refused")
    runs = [json.loads(line) for line in (archive / "runs.ndjson").read_text().splitlines()]
    assert [r["run_id"] for r in runs] == ["first", "waited"]
    assert records(archive, "first") and not records(archive, "waited")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""


gone = threading.Event()  # the article deleted: the server answers its URL 200 with an error page


class _DeletingHandler(PageHandler):
    ARTICLE = "/xwzx/202403/t20240301_11.html"

    def do_GET(self) -> None:
        self.server.hit(self.path)
        if self.path == "/xwzx/":
            row = f"<li><a href='{self.ARTICLE}'>区政府召开常务会议</a><span>2024-03-01</span></li>"
            self.send_page(200, tiny_page("新闻中心", f"<ul class='list'>{row}</ul>"))
        elif self.path == self.ARTICLE and gone.is_set():
            message = (
                "<p>对不起，您访问的页面不存在或已被删除！</p><p>可能的原因：网址输入有误，"
                "或者该页面已经过期。</p><a href='/'>返回首页</a>"
            )
            self.send_page(200, tiny_page("某某区人民政府", message))
        elif self.path == self.ARTICLE:
            text = "".join(
                f"<p>会议研究了第{k}项工作，要求各部门抓好落实，确保取得实效。</p>"
                for k in "一二三"
            )
            body = f"<h1>区政府召开常务会议</h1><div class='TRS_Editor'>{text}</div>"
            self.send_page(200, tiny_page("区政府召开常务会议", body))
        else:
            self.send_page(404, b"not found", "text/plain")


deleting_site = site_fixture(_DeletingHandler)


def test_an_article_deleted_behind_an_error_page_keeps_its_archived_version(
    deleting_site: TinySite, tmp_path: Path
) -> None:
    """A site that answers a deleted article's URL 200 with its error page (a soft 404): the
    next run archives no new version of it, counts `extract/error_page` and logs it once."""
    gone.clear()
    seeds = tmp_path / "seeds.txt"
    seeds.write_text(f"{deleting_site.base}/xwzx/\n", "utf-8")
    archive = tmp_path / "archive"
    assert crawl(seeds, archive, RUN_ID="one") == 0, crawl_log(archive, "one")
    (kept,) = records(archive, "one")
    assert kept["title"] == "区政府召开常务会议" and "第三项工作" in kept["text"]
    gone.set()
    assert crawl(seeds, archive, RUN_ID="two") == 0, crawl_log(archive, "two")
    assert deleting_site.hits[_DeletingHandler.ARTICLE] == 2  # asked again, answered 200
    assert records(archive, "two") == [] and records(archive) == [kept]
    assert run_stats(archive, "two")["extract/error_page"] == 1
    assert "Skipped (extract/error_page)" in crawl_log(archive, "two")


class _RedirectingHandler(PageHandler):
    """A column of two articles; the second was deleted and its URL sends readers to the home
    page, which lists the site's newest articles."""

    KEPT = "/xwzx/202403/t20240301_11.html"
    DELETED = "/xwzx/202403/t20240302_12.html"
    NEWEST = "/xwzx/202403/t20240305_15.html"

    def do_GET(self) -> None:
        self.server.hit(self.path)
        if self.path == "/xwzx/":
            rows = "".join(
                f"<li><a href='{href}'>{title}</a><span>2024-03-0{n}</span></li>"
                for n, (href, title) in enumerate(
                    ((self.KEPT, "区政府召开常务会议"), (self.DELETED, "区长调研重点项目")), 1
                )
            )
            self.send_page(200, tiny_page("新闻中心", f"<ul class='list'>{rows}</ul>"))
        elif self.path == self.DELETED:
            self.send_response(302)
            self.send_header("Location", "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/":
            intro = (
                "<div class='intro'><p>某某区位于某某市东部，总面积120平方公里，辖6个街道，"
                "常住人口35万人。近年来，全区坚持高质量发展，各项事业取得长足进步。</p></div>"
            )
            row = f"<li><a href='{self.NEWEST}'>全区经济运行情况分析会召开</a></li>"
            body = f"<div class='nav'><a href='/xwzx/'>新闻中心</a></div>{intro}<ul>{row}</ul>"
            self.send_page(200, tiny_page("某某区人民政府门户网站", body))
        elif self.path in (self.KEPT, self.NEWEST):
            title = "区政府召开常务会议" if self.path == self.KEPT else "全区经济运行情况分析会召开"
            text = "".join(f"<p>{title}，研究了第{k}项工作，要求抓好落实。</p>" for k in "一二三")
            body = f"<h1>{title}</h1><div class='TRS_Editor'>{text}</div>"
            self.send_page(200, tiny_page(title, body))
        else:
            self.send_page(404, b"not found", "text/plain")


redirecting_site = site_fixture(_RedirectingHandler)


def test_an_article_redirected_to_the_home_page_is_not_archived_as_the_home_page(
    redirecting_site: TinySite, tmp_path: Path
) -> None:
    """A deleted article whose URL redirects to the home page: the home page is read as what it
    is (a list: its articles followed), never archived as the article nor under its own URL."""
    seeds = tmp_path / "seeds.txt"
    seeds.write_text(f"{redirecting_site.base}/xwzx/\n", "utf-8")
    archive = tmp_path / "archive"
    assert crawl(seeds, archive, RUN_ID="one") == 0, crawl_log(archive, "one")
    base = redirecting_site.base
    archived = {str(r["url"]): r["title"] for r in records(archive, "one")}
    assert archived == {
        base + _RedirectingHandler.KEPT: "区政府召开常务会议",
        base + _RedirectingHandler.NEWEST: "全区经济运行情况分析会召开",
    }
    assert run_stats(archive, "one")["discovery/articles_redirected"] == 1
