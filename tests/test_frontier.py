"""The durable frontier: every request recorded until settled; what a run leaves is retried by the
next one, whatever its list pages answer."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from archives import archive_crawler, stop_engine
from crawling import crawl, crawl_log, records, run_stats
from scrapy import Request, Spider, signals
from scrapy.http import HtmlResponse

from crawler.components import frontier as frontier_module
from crawler.components.contract import FAILED_META, page_skipped
from crawler.components.frontier import (
    QUEUE_DIR,
    TRANSIENT_REASON,
    UNSENT_REASONS,
    FrontierMiddleware,
    FrontierScheduler,
    origin_url,
    request_from_entry,
    request_spec,
)
from crawler.store.state import CrawlState, FrontierEntry
from testbed.replica.model import Page

URL = "http://127.0.0.1:8000/news/202401/t20240102_1.html"
LIST = "http://127.0.0.1:8000/news/index.html"
PAGER = ("http://127.0.0.1:8000/news/index_", ".html", 9, 1)


# --- the store ---


def failed(state: CrawlState, url: str, reason: str, transient: bool, now: float) -> None:
    state.frontier_failed(url, reason, transient=transient, now=now, backoff=100.0, max_attempts=3)


def due(state: CrawlState, now: float, run_id: str = "next") -> list[str]:
    return [entry.url for entry in state.frontier_due(now, run_id)]


def test_a_failure_that_may_pass_is_retried_next_run_then_after_a_growing_backoff(
    tmp_path: Path,
) -> None:
    with CrawlState(tmp_path / "state.sqlite3") as state:
        state.frontier_add(URL, "{}", "run1")
        assert due(state, 0) == [URL]  # pending: no answer yet
        assert due(state, 0, "run1") == []  # but not the run's own
        failed(state, URL, "skip/timeout", True, now=1000)
        assert due(state, 1000) == [URL]  # the first failure: the very next run
        state.frontier_add(URL, "{}", "run2")
        failed(state, URL, "skip/timeout", True, now=2000)
        assert (due(state, 2099), due(state, 2100)) == ([], [URL])  # then backoff x 1
        state.frontier_add(URL, "{}", "run3")
        failed(state, URL, "skip/http_503", True, now=3000)
        entry = state.frontier_entry(URL)
        assert entry is not None
        assert (entry.status, entry.attempts, entry.reason) == ("failed", 3, "skip/http_503")
        assert due(state, 10**9) == []  # the budget (3) is spent
        assert state.frontier_counts() == {"pending": 0, "retry": 0, "failed": 1}


def test_a_lasting_failure_is_not_retried_and_a_settled_request_leaves(tmp_path: Path) -> None:
    other = URL.replace("_1", "_2")
    with CrawlState(tmp_path / "state.sqlite3") as state:
        state.frontier_add(URL, "{}", "run1")
        state.frontier_add(other, "{}", "run1")
        failed(state, URL, "skip/http_404", False, now=0)
        state.frontier_done(other)
        assert due(state, 10**9) == []
        entry = state.frontier_entry(URL)
        assert entry is not None and (entry.status, entry.attempts) == ("failed", 1)
        assert state.frontier_entry(other) is None
        state.frontier_add(URL, "{}", "run2")  # found again by a list: pending, attempts kept
        entry = state.frontier_entry(URL)
        assert entry is not None and (entry.status, entry.attempts) == ("pending", 1)


def test_reading_settles_only_what_is_still_pending(tmp_path: Path) -> None:
    with CrawlState(tmp_path / "state.sqlite3") as state:
        state.frontier_add(URL, "{}", "run1")
        failed(state, URL, "extract/empty_body", False, now=0)
        state.frontier_read(URL)
        assert state.frontier_counts()["failed"] == 1
        state.frontier_add(LIST, "{}", "run1")
        state.frontier_read(LIST)
        assert state.frontier_entry(LIST) is None


def test_due_requests_are_listed_a_page_at_a_time_while_written(tmp_path: Path) -> None:
    urls = [f"{URL}?n={n}" for n in range(2500)]
    with CrawlState(tmp_path / "state.sqlite3") as state:
        for url in urls:
            state.frontier_add(url, "{}", "run1")
        listed = []
        for entry in state.frontier_due(0, "run2"):
            state.frontier_add(entry.url, "{}", "run2")  # what retrying does
            listed.append(entry.url)
        assert listed == urls


# --- the middleware ---


class FrontierSpider(Spider):
    name = "frontier-test"

    def parse(self, response: Any) -> Iterator[Any]:
        yield from ()

    def failed(self, failure: Any) -> None:
        """The errback a retried request must find again."""


def frontier(
    archive: Path, run_id: str = "run1", **settings: Any
) -> tuple[FrontierMiddleware, Any]:
    crawler = archive_crawler(archive, RUN_ID=run_id, **settings)
    crawler.spider = FrontierSpider.from_crawler(crawler)
    return FrontierMiddleware.from_crawler(crawler), crawler


def close(mw: FrontierMiddleware, reason: str = "finished") -> None:
    mw.frontier.spider_closed(mw.crawler.spider, reason)
    stop_engine(mw.crawler)


def state_of(archive: Path) -> CrawlState:
    return CrawlState(archive / "state.sqlite3")


def run_start(mw: FrontierMiddleware, requests: list[Request]) -> list[Request]:
    async def start() -> AsyncIterator[Any]:
        for request in requests:
            yield request

    async def collect() -> list[Request]:
        return [r async for r in mw.process_start(start())]

    return asyncio.run(collect())


def spider_request(url: str, **meta: Any) -> Request:
    spider = FrontierSpider()
    return Request(url, callback=spider.parse, errback=spider.failed, meta=meta)


def test_a_request_left_by_a_run_comes_back_as_it_was_made(tmp_path: Path) -> None:
    mw, _ = frontier(tmp_path, "killed")
    list_page = spider_request(LIST, govnews_kind="start")
    article = spider_request(URL, govnews_kind="list", govnews_pager=PAGER, govnews_page=2)
    assert run_start(mw, [list_page]) == [list_page]
    mw.frontier.scheduled(list_page)
    mw.frontier.scheduled(article)
    response = HtmlResponse(LIST, body=b"<html></html>", request=list_page)
    assert list(mw.process_spider_output(response, iter([article]))) == [article]
    close(mw, "shutdown")  # the article was never answered

    mw, crawler = frontier(tmp_path, "run2")
    start = spider_request(LIST, govnews_kind="start")
    (_, retried) = run_start(mw, [start])
    assert (retried.url, retried.method) == (URL, "GET")
    assert retried.callback == crawler.spider.parse and retried.errback == crawler.spider.failed
    assert retried.meta["govnews_pager"] == PAGER  # a tuple again
    assert retried.meta["govnews_page"] == 2
    assert crawler.stats.get_value("frontier/retried/pending") == 1
    close(mw)


def test_a_backlog_of_earlier_runs_gives_the_event_loop_a_turn_per_request(
    tmp_path: Path,
) -> None:
    """While its downloads are full, Scrapy's engine takes start requests without waiting: a
    backlog read in one go kept the reactor (downloads and the worker's heartbeat) for seconds."""
    mw, _ = frontier(tmp_path, "killed")
    for n in range(300):
        mw.frontier.scheduled(spider_request(f"{URL}?n={n}"))
    close(mw)
    mw, _ = frontier(tmp_path, "next")

    async def collect() -> list[int]:
        loop = asyncio.get_running_loop()
        turns = 0

        def turn() -> None:  # counts the loop's iterations while the backlog is read
            nonlocal turns
            turns += 1
            loop.call_soon(turn)

        loop.call_soon(turn)
        return [turns async for _ in mw.process_start(_no_start())]

    seen = asyncio.run(collect())
    assert len(seen) == 300
    assert all(later > earlier for earlier, later in pairwise(seen))
    close(mw)


async def _no_start() -> AsyncIterator[Any]:
    return
    yield


def test_outcomes_settle_or_keep_a_request(tmp_path: Path) -> None:
    mw, crawler = frontier(tmp_path)
    urls = {name: f"{URL}?{name}" for name in ("read", "item", "500", "404", "304", "dropped")}
    requests = {name: spider_request(url) for name, url in urls.items()}
    for request in requests.values():
        mw.frontier.scheduled(request)
    read = HtmlResponse(urls["read"], body=b"", request=requests["read"])
    list(mw.process_spider_output(read, iter([])))
    item = HtmlResponse(urls["item"], body=b"", request=requests["item"])
    assert list(mw.process_spider_output(item, iter([{"url": urls["item"]}])))
    for name, reason in (("500", "skip/http_500"), ("404", "skip/http_404"),
                         ("304", "skip/not_modified")):  # fmt: skip
        crawler.signals.send_catch_log(page_skipped, request=requests[name], reason=reason)
    dropped = HtmlResponse(urls["dropped"], body=b"", request=requests["dropped"])
    crawler.signals.send_catch_log(
        signals.item_dropped, item={}, response=dropped, exception=Exception(), spider=None
    )
    close(mw)
    with state_of(tmp_path) as state:
        left = {name: state.frontier_entry(url) for name, url in urls.items()}
    statuses = {name: entry.status if entry else None for name, entry in left.items()}
    # the item was never archived nor dropped: its request waits for the next run
    assert statuses == {"read": None, "item": "pending", "500": "retry", "404": "failed",
                        "304": None, "dropped": None}  # fmt: skip
    assert crawler.stats.get_value("frontier/left/retry") == 1


def test_an_item_an_errback_yields_leaves_the_failed_request_to_retry(tmp_path: Path) -> None:
    """The pages of an article read before its next page answered 503 are archived from the
    errback; that page is still retried by the next run (FAILED_META on the failed request)."""
    mw, crawler = frontier(tmp_path)
    request = spider_request(URL)
    mw.frontier.scheduled(request)
    request.meta[FAILED_META] = True  # the spider's errback (GovnewsSpider.failed)
    crawler.signals.send_catch_log(page_skipped, request=request, reason="skip/http_503")
    answer = HtmlResponse(URL, status=503, body=b"", request=request)
    crawler.signals.send_catch_log(
        signals.item_scraped, item={"url": URL}, response=answer, spider=None
    )
    close(mw)
    with state_of(tmp_path) as state:
        entry = state.frontier_entry(URL)
    assert entry is not None and (entry.status, entry.reason) == ("retry", "skip/http_503")


def test_a_redirected_request_is_settled_under_the_url_asked_for(tmp_path: Path) -> None:
    mw, crawler = frontier(tmp_path)
    asked = spider_request(URL)
    mw.frontier.scheduled(asked)
    moved = asked.replace(url=URL + "?moved")
    moved.meta["redirect_urls"] = [URL]
    assert origin_url(moved) == URL
    mw.frontier.scheduled(moved)  # the follow-up is not recorded
    crawler.signals.send_catch_log(page_skipped, request=moved, reason="skip/timeout")
    close(mw)
    with state_of(tmp_path) as state:
        entry = state.frontier_entry(URL)
        assert state.frontier_entry(URL + "?moved") is None
    assert entry is not None and (entry.status, entry.reason) == ("retry", "skip/timeout")


def test_a_request_that_cannot_be_recorded_is_crawled_unrecorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A request the frontier cannot write down never stalls the scheduler: counted, logged."""

    def unwritable(request: Request) -> str:
        raise TypeError("Object of type CaseInsensitiveDict is not JSON serializable")

    mw, crawler = frontier(tmp_path)
    monkeypatch.setattr(frontier_module, "request_spec", unwritable)
    mw.frontier.scheduled(spider_request(URL, govnews_kind="article"))
    assert crawler.stats.get_value("frontier/unrecorded") == 1
    close(mw)
    with state_of(tmp_path) as state:
        assert state.frontier_entry(URL) is None


def test_a_request_spec_keeps_what_json_can_hold() -> None:
    request = spider_request(URL, govnews_kind="article", handle=object())
    spec = json.loads(request_spec(request))
    assert spec == {"meta": {"govnews_kind": "article"}, "callback": "parse", "errback": "failed"}
    entry = FrontierEntry(URL, "not json", "pending", 0, None)
    assert request_from_entry(entry, FrontierSpider()) is None


def test_a_request_spec_leaves_one_attempts_meta_behind() -> None:
    """A request that used its retries in one run has them all again in the next."""
    request = spider_request(URL, govnews_kind="article")
    request.meta.update(retry_times=2, download_slot="127.0.0.1", download_latency=0.1)
    request.meta.update({"is_start_request": True, FAILED_META: True})
    assert json.loads(request_spec(request))["meta"] == {"govnews_kind": "article"}


def test_a_posted_form_is_remade_as_posted() -> None:
    """A list page that is a form posted back (an ASP.NET pager's page 2) is re-made with its
    method, body and encoding: without `Content-Type` the server reads no form field."""
    asked = spider_request(URL + "#postback=Pager1:2", govnews_kind="list").replace(
        method="POST", body=b"__EVENTTARGET=Pager1&__EVENTARGUMENT=2",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )  # fmt: skip
    entry = FrontierEntry(asked.url, request_spec(asked), "pending", 0, None)
    again = request_from_entry(entry, FrontierSpider())
    assert again is not None
    assert (again.url, again.method, again.body) == (asked.url, "POST", asked.body)
    assert again.headers.get("Content-Type") == b"application/x-www-form-urlencoded"
    old = json.loads(entry.request)  # an entry written before the headers were kept whole
    old["content_type"] = old.pop("headers")["Content-Type"]
    again = request_from_entry(replace(entry, request=json.dumps(old)), FrontierSpider())
    assert again is not None and again.headers.get("Content-Type") == asked.headers["Content-Type"]


def test_a_page_units_request_is_remade_with_the_headers_its_gateway_wants() -> None:
    asked = spider_request(URL + "?pageId=7", govnews_kind="unit")
    asked.headers.update({"X-Requested-With": "XMLHttpRequest", "Referer": LIST})
    entry = FrontierEntry(asked.url, request_spec(asked), "pending", 0, None)
    again = request_from_entry(entry, FrontierSpider())
    assert again is not None and again.method == "GET"
    assert again.headers.get("X-Requested-With") == b"XMLHttpRequest"
    assert again.headers.get("Referer") == LIST.encode()


def scheduler(archive: Path, **settings: Any) -> FrontierScheduler:
    priority_queue = "scrapy.pqueues.ScrapyPriorityQueue"  # no downloader needed
    _, crawler = frontier(archive, SCHEDULER_PRIORITY_QUEUE=priority_queue, **settings)
    scheduler = FrontierScheduler.from_crawler(crawler)
    scheduler.open(crawler.spider)
    return scheduler


def test_the_scheduler_queues_on_disk_and_records_what_it_accepts(tmp_path: Path) -> None:
    stale = tmp_path / QUEUE_DIR / "requests.queue"
    stale.mkdir(parents=True)
    (stale / "active.json").write_text("[0]")  # a killed run's queue
    queue = scheduler(tmp_path)
    assert not (stale / "active.json").exists()
    requests = [spider_request(URL, govnews_kind="article", govnews_pager=PAGER),
                spider_request(URL), spider_request(LIST)]  # fmt: skip
    accepted = [queue.enqueue_request(r) for r in requests]
    assert accepted == [True, False, True]  # the second is the first again
    stats = queue.crawler.stats
    assert stats.get_value("scheduler/enqueued/disk") == 2
    assert not stats.get_value("scheduler/enqueued/memory")
    popped = [queue.next_request(), queue.next_request()]
    assert {r.url for r in popped if r is not None} == {URL, LIST}
    assert any(r is not None and r.meta.get("govnews_pager") == PAGER for r in popped)
    queue.close("finished")
    assert not (tmp_path / QUEUE_DIR).exists()
    assert queue.frontier is not None
    queue.frontier.spider_closed(queue.crawler.spider, "finished")
    stop_engine(queue.crawler)
    with state_of(tmp_path) as state:
        assert state.frontier_counts()["pending"] == 2


def test_the_queue_in_memory_when_asked(tmp_path: Path) -> None:
    queue = scheduler(tmp_path, FRONTIER_DISK_QUEUE=False)
    assert queue.enqueue_request(spider_request(URL))
    assert queue.crawler.stats.get_value("scheduler/enqueued/memory") == 1
    assert not (tmp_path / QUEUE_DIR).exists()
    queue.close("finished")
    stop_engine(queue.crawler)


def test_switched_off_with_the_state(tmp_path: Path) -> None:
    from scrapy.exceptions import NotConfigured

    crawler = archive_crawler(tmp_path, STATE_ENABLED=False)
    with pytest.raises(NotConfigured):
        FrontierMiddleware.from_crawler(crawler)
    stop_engine(crawler)


# --- end to end ---


_BUSY = (
    "<html><head><title>提示</title></head><body><div class='tip'><p>您的访问过于频繁，请稍后再试。"
    "</p><a href='/'>返回首页</a></div></body></html>"
).encode()


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (Page(b"<html><body>busy</body></html>", status=503), "skip/http_503"),
        # a server that says it is busy in a page answered 200: no article, and it may pass
        (Page(_BUSY), "extract/busy_page"),
    ],
)
def test_an_article_that_fails_once_is_archived_by_the_next_run_behind_a_304_list(
    replica_factory, tmp_path: Path, failure: Page, reason: str
) -> None:
    running = replica_factory(n_articles=60)
    trs = running.site("trs")
    path = trs.articles[0].url_path
    url = running.server.url("trs", path)
    with trs.lock:
        served = trs.pages[path]
        trs.pages[path] = failure
    archive = tmp_path / "archive"
    assert crawl(running.seed_file, archive, RUN_ID="run1") == 0, crawl_log(archive, "run1")
    assert url not in {r["url"] for r in records(archive, "run1")}
    with state_of(archive) as state:
        entry = state.frontier_entry(url)
        to_retry = state.frontier_counts()["retry"]  # the replica's page that always fails too
    assert entry is not None
    assert (entry.status, entry.attempts, entry.reason) == ("retry", 1, reason)

    with trs.lock:
        trs.pages[path] = served  # the server is well again; no list page changed
    running.server.clear_log()
    assert crawl(running.seed_file, archive, RUN_ID="run2") == 0, crawl_log(archive, "run2")
    assert [r["url"] for r in records(archive, "run2")] == [url]
    log = running.server.request_log()
    article_answers = [r.status for r in log if r.site == "trs" and r.path == path]
    assert article_answers == [200]
    start_paths = {urlsplit(u).path for u in running.seed_file.read_text().split() if "://" in u}
    assert {r.status for r in log if r.path in start_paths} == {304}  # lists unchanged
    stats = run_stats(archive, "run2")
    assert stats["frontier/retried/retry"] == to_retry
    with state_of(archive) as state:
        assert state.frontier_entry(url) is None


@pytest.mark.parametrize(
    ("reason", "transient"),
    [
        ("skip/dns_or_connection", True),
        ("skip/connection_lost", True),
        ("skip/timeout", True),
        ("skip/truncated_response", True),
        ("skip/download_failed", True),
        ("skip/http_503", True),
        ("skip/http_429", True),
        ("skip/http_404", False),
        ("skip/too_large", False),
        ("skip/robots_forbidden", False),
        ("extract/empty_body", False),
        ("extract/busy_page", True),
        ("extract/error_page", False),
    ],
)
def test_which_skips_a_later_run_retries(reason: str, transient: bool) -> None:
    assert bool(TRANSIENT_REASON.fullmatch(reason)) is transient


def test_a_request_a_stopped_crawl_never_sent_stays_pending() -> None:
    assert "skip/stopped" in UNSENT_REASONS and not TRANSIENT_REASON.fullmatch("skip/stopped")
