"""The durable frontier: every request the spider makes stays in the crawl state until it is
settled, and the next run retries what was left, whatever the list pages answer.

`FrontierMiddleware` is a spider middleware over the crawl state's `frontier` table
(`crawler.store.state`):
- every request the spider yields (start requests and callbacks' output) is recorded `pending`;
- a response read by its callback settles its request, unless the callback yielded an item: then
  the item settles it when the pipelines are done with it (archived, or dropped as unchanged or as
  a duplicate); a pipeline error leaves it to retry;
- a request that gave no usable page (`page_skipped`, sent by the spider with the request and
  its stats key) is `retry` when the reason may pass (connection, timeout, 5xx, 429: `retry` after
  a backoff, within FRONTIER_MAX_ATTEMPTS runs), `failed` for good otherwise (404, robots.txt,
  too large, no body); a 304 or a known article settles it;
- when the spider's start requests are done, the requests an earlier run left pending (killed,
  or claimed by a worker that died) and the failed ones whose backoff has passed are yielded
  again (`frontier/retried`), so a list page answering 304 never hides an article that was never
  archived.
A redirected request is settled under the URL the spider asked for (`redirect_urls[0]`).
When the spider closes, the requests left per status go to the stats (`frontier/left/<status>`).
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from scrapy import Request, signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.request import request_from_dict

from crawler import defaults
from crawler.components.archive import archive_of
from crawler.components.contract import page_skipped
from crawler.components.runid import run_id_for

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure

    from crawler.store.state import CrawlState, FrontierEntry

logger = logging.getLogger(__name__)

# skips a later run may not meet again: the connection, a timeout, the server's own error or
# its throttling, an exception nobody typed
TRANSIENT_REASON = re.compile(
    r"skip/(?:dns_or_connection|timeout|data_loss|http_(?:5\d\d|408|429)|error_\w+)"
)
# skips that settle a request: nothing changed since the archived version
SETTLED_REASONS = frozenset({"skip/not_modified", "skip/known_article"})
ITEM_ERROR = "item_error"  # a pipeline raised: the page is fetched again
SPIDER_ERROR = "spider_error"  # the callback raised


class FrontierMiddleware:
    def __init__(
        self, crawler: Crawler, state: CrawlState, max_attempts: int, backoff: float
    ) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.state = state
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.run_id = run_id_for(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierMiddleware:
        settings = crawler.settings
        if not settings.getbool("FRONTIER_ENABLED", defaults.FRONTIER_ENABLED):
            raise NotConfigured("FRONTIER_ENABLED is off: requests left by a run are not retried")
        state = archive_of(crawler).state
        if state is None:
            raise NotConfigured("STATE_ENABLED is off: no durable frontier")
        mw = cls(
            crawler, state,
            settings.getint("FRONTIER_MAX_ATTEMPTS", defaults.FRONTIER_MAX_ATTEMPTS),
            settings.getfloat("FRONTIER_RETRY_BACKOFF", defaults.FRONTIER_RETRY_BACKOFF),
        )  # fmt: skip
        connect = crawler.signals.connect
        connect(mw.item_settled, signal=signals.item_scraped)
        connect(mw.item_settled, signal=signals.item_dropped)
        connect(mw.item_error, signal=signals.item_error)
        connect(mw.page_skipped, signal=page_skipped)
        connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    # --- requests in ---
    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for item_or_request in start:
            if isinstance(item_or_request, Request):
                self._scheduled(item_or_request)
            yield item_or_request
        for request in self._due_requests():
            yield request

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        settles = True
        for item_or_request in result:
            if isinstance(item_or_request, Request):
                self._scheduled(item_or_request)
            else:
                settles = False  # the item settles the request (see item_settled)
            yield item_or_request
        if settles:
            self.state.frontier_read(origin_url(response.request))

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        settles = True
        async for item_or_request in result:
            if isinstance(item_or_request, Request):
                self._scheduled(item_or_request)
            else:
                settles = False
            yield item_or_request
        if settles:
            self.state.frontier_read(origin_url(response.request))

    def process_spider_exception(self, response: Response, exception: Exception) -> None:
        self._failed(origin_url(response.request), SPIDER_ERROR)

    def _scheduled(self, request: Request) -> None:
        self.state.frontier_add(request.url, request_spec(request), self.run_id)

    def _due_requests(self) -> Iterator[Request]:
        spider = self.crawler.spider
        retried = 0
        for entry in self.state.frontier_due(time.time(), self.run_id):
            request = request_from_entry(entry, spider)
            if request is None:
                continue
            self._scheduled(request)
            retried += 1
            self.stats.inc_value("frontier/retried")
            self.stats.inc_value(f"frontier/retried/{entry.status}")
            yield request
        if retried:
            logger.info("Frontier: %d requests of earlier runs retried", retried)

    # --- outcomes ---
    def item_settled(self, item: Any, response: Response, **kwargs: Any) -> None:
        self.state.frontier_done(origin_url(response.request))

    def item_error(self, item: Any, response: Response, failure: Failure, **kwargs: Any) -> None:
        self._failed(origin_url(response.request), ITEM_ERROR)

    def page_skipped(self, request: Request, reason: str, **kwargs: Any) -> None:
        url = origin_url(request)
        if reason in SETTLED_REASONS:
            self.state.frontier_done(url)
        else:
            self._failed(url, reason)

    def _failed(self, url: str, reason: str) -> None:
        transient = reason in (ITEM_ERROR, SPIDER_ERROR) or bool(TRANSIENT_REASON.fullmatch(reason))
        self.state.frontier_failed(
            url, reason, transient=transient, now=time.time(), backoff=self.backoff,
            max_attempts=self.max_attempts,
        )  # fmt: skip

    def spider_closed(self, spider: Spider, reason: str) -> None:
        counts = self.state.frontier_counts()
        for status, count in counts.items():
            self.stats.set_value(f"frontier/left/{status}", count)
        if counts["pending"] or counts["retry"]:
            logger.info(
                "Frontier: %d requests pending, %d to retry, %d failed for good (crawl state)",
                counts["pending"], counts["retry"], counts["failed"],
            )  # fmt: skip


def origin_url(request: Request | None) -> str:
    """The URL the spider asked for (a redirect changes the request's URL)."""
    if request is None:
        return ""
    redirected = request.meta.get("redirect_urls")
    return str(redirected[0]) if redirected else request.url


def request_spec(request: Request) -> str:
    """What re-makes `request` in a later run, as JSON: its callback and errback names and the
    meta the spider gave it (values that JSON can hold)."""
    spec: dict[str, Any] = {"meta": {k: v for k, v in request.meta.items() if _plain(v)}}
    for role in ("callback", "errback"):
        function = getattr(request, role)
        if function is not None:
            spec[role] = function.__name__
    if request.method != "GET":
        spec["method"] = request.method
        spec["body"] = request.body.decode("latin-1")
    return json.dumps(spec, ensure_ascii=False, separators=(",", ":"))


def request_from_entry(entry: FrontierEntry, spider: Spider | None) -> Request | None:
    """The request `request_spec` described (None: unreadable, or a callback that is gone)."""
    try:
        spec = json.loads(entry.request)
        meta = {k: tuple(v) if isinstance(v, list) else v for k, v in spec["meta"].items()}
        fields = {"url": entry.url, "meta": meta, "callback": spec.get("callback"),
                  "errback": spec.get("errback"), "method": spec.get("method", "GET"),
                  "body": spec.get("body", "").encode("latin-1")}  # fmt: skip
        return request_from_dict(fields, spider=spider)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        logger.warning("Frontier: cannot re-make the request for %s: %s", entry.url, exc)
        return None


def _plain(value: Any) -> bool:
    if value is None or isinstance(value, str | int | float | bool):
        return True
    if isinstance(value, list | tuple):
        return all(_plain(v) for v in value)
    return False
