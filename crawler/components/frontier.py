"""The durable frontier: every request the crawl schedules stays in the crawl state until it is
settled, and the next run retries what was left, whatever the list pages answer; the queue of
a run on disk.

`Frontier` (one per crawl, `frontier_of(crawler)`) over the crawl state's `frontier` table
(`crawler.store.state`):
- every request the scheduler accepts (its dupefilter passed it: a link the crawl already had
  leaves no row) is recorded `pending` (`FrontierScheduler`, and the distributed scheduler);
- a response read by its callback settles its request (`FrontierMiddleware`, a spider
  middleware), unless the callback yielded an item: then the item settles it when the pipelines
  are done with it (archived, or dropped as unchanged or as a duplicate); a pipeline error leaves
  it to retry;
- a request that gave no usable page (`page_skipped`, sent by the spider with the request and
  its stats key) is `retry` when the reason may pass (connection, timeout, 5xx, 429: retried
  after a backoff, within FRONTIER_MAX_ATTEMPTS runs), `failed` for good otherwise (404,
  robots.txt, too large, no body); a 304 or a known article settles it;
- when the spider's start requests are done, the requests an earlier run left pending (killed,
  or claimed by a worker that died) and the failed ones whose backoff has passed are yielded
  again (`frontier/retried`), so a list page answering 304 never hides an article that was never
  archived.
A redirected request is settled under the URL the spider asked for (`redirect_urls[0]`), and
its follow-up is not recorded. When the spider closes, the requests left per status go to the
stats (`frontier/left/<status>`).

`FrontierScheduler` is Scrapy's scheduler with its disk queues (`SCHEDULER_DISK_QUEUE`, pickled
requests) in ARCHIVE_DIR/.queue, made empty when the run opens the archive (it holds the lock; a
killed run's queue is of no use, its requests are pending in the frontier) and removed when
the run ends: the requests waiting for a download take no memory (FRONTIER_DISK_QUEUE).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import shutil
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import Request, signals
from scrapy.core.scheduler import Scheduler
from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import build_from_crawler, load_object
from scrapy.utils.request import request_from_dict

from crawler import defaults
from crawler.components.archive import archive_of
from crawler.components.contract import FAILED_META, page_skipped
from crawler.components.redisclient import joined_running_job
from crawler.components.runid import run_id_for

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure

    from crawler.store.state import CrawlState, FrontierEntry

logger = logging.getLogger(__name__)

_ATTR = "_govnews_frontier"
QUEUE_DIR = ".queue"  # in ARCHIVE_DIR: the run's disk queues
# skips a later run may not meet again: the connection, a timeout, the server's own error or
# its throttling, an exception nobody typed
TRANSIENT_REASON = re.compile(
    r"skip/(?:dns_or_connection|connection_lost|timeout|truncated_response|malformed_response"
    r"|download_failed|http_(?:5\d\d|408|429))"
    r"|extract/busy_page"  # a page saying the server is busy or limits the rate, answered 200
)
# skips of requests never sent (a stopped crawl dropped them from its queues): left pending, so
# the next run fetches them at once, no attempt counted, no backoff
UNSENT_REASONS = frozenset({"skip/stopped"})
# skips that settle a request: nothing changed since the archived version
SETTLED_REASONS = frozenset({"skip/not_modified", "skip/known_article"})
# what Scrapy and the spider write in a request's meta of one attempt, never carried to the next
# run's: a request that used its retries in one run has them all again in the next
_ATTEMPT_META = frozenset({
    "retry_times", "download_slot", "download_latency", "is_start_request", "redirect_times",
    "redirect_ttl", "redirect_urls", "redirect_reasons", FAILED_META,
})  # fmt: skip
ITEM_ERROR = "item_error"  # a pipeline raised: the page is fetched again
SPIDER_ERROR = "spider_error"  # the callback raised


class Frontier:
    """The crawl's requests in the crawl state, from scheduled to settled."""

    def __init__(
        self, crawler: Crawler, state: CrawlState, max_attempts: int, backoff: float
    ) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.state = state
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.run_id = run_id_for(crawler)
        self._failed_once = False

    def _safely(self, call: Any, *args: Any, **kwargs: Any) -> Any:
        """A store call that may fail (a shared store whose Redis is gone): the request keeps
        the row it had, so it is retried rather than lost; logged once, counted."""
        try:
            return call(*args, **kwargs)
        except Exception as exc:
            self.stats.inc_value("frontier/store_errors")
            if not self._failed_once:
                self._failed_once = True
                logger.warning("Frontier: the crawl state did not answer (%s); requests keep "
                               "their last recorded status", exc)  # fmt: skip
            return None

    def connect(self) -> None:
        connect = self.crawler.signals.connect
        connect(self.item_settled, signal=signals.item_scraped)
        connect(self.item_settled, signal=signals.item_dropped)
        connect(self.item_error, signal=signals.item_error)
        connect(self.page_skipped, signal=page_skipped)
        connect(self.spider_closed, signal=signals.spider_closed)

    # --- requests in ---
    def scheduled(self, request: Request) -> None:
        """Accepted by the scheduler: pending until settled (a redirect's follow-up is settled
        under the URL the spider asked for, already pending)."""
        if "redirect_urls" not in request.meta:
            try:
                spec = request_spec(request)
            except (TypeError, ValueError) as exc:  # never stall the scheduler: crawl it unrecorded
                self.stats.inc_value("frontier/unrecorded")
                logger.warning("Frontier: %s not recorded: %s", request.url, exc)
                return
            self._safely(self.state.frontier_add, request.url, spec, self.run_id)

    def due_requests(self, spider: Spider | None) -> Iterator[Request]:
        """What earlier runs left: pending, and failed requests whose backoff has passed. A
        worker that joined a running job retries nothing: the worker that started it did, and
        what the frontier holds pending now is the other workers' (the shared dupefilter
        dropped them again, one Redis round trip each)."""
        if joined_running_job(self.crawler):
            return
        retried = 0
        for entry in self.state.frontier_due(time.time(), self.run_id):
            request = request_from_entry(entry, spider)
            if request is None:
                continue
            retried += 1
            self.stats.inc_value("frontier/retried")
            self.stats.inc_value(f"frontier/retried/{entry.status}")
            yield request
        if retried:
            logger.info("Frontier: %d requests of earlier runs retried", retried)

    # --- outcomes ---
    def read(self, request: Request | None) -> None:
        """Its callback read the response and yielded no item."""
        self._safely(self.state.frontier_read, origin_url(request))

    def item_settled(self, item: Any, response: Response | Failure, **kwargs: Any) -> None:
        """An item archived or dropped settles the request its callback read. An item an
        errback yielded (the pages of an article read before its next page failed) settles
        nothing: the failure was recorded, and a page that may answer later is retried with the
        record it carries (`FAILED_META`)."""
        request = getattr(response, "request", None)
        if request is not None and not request.meta.get(FAILED_META):
            self._safely(self.state.frontier_done, origin_url(request))

    def item_error(self, item: Any, response: Response, failure: Failure, **kwargs: Any) -> None:
        self.failed(response.request, ITEM_ERROR)

    def page_skipped(self, request: Request, reason: str, **kwargs: Any) -> None:
        if reason in SETTLED_REASONS:
            self._safely(self.state.frontier_done, origin_url(request))
        elif reason not in UNSENT_REASONS:
            self.failed(request, reason)

    def failed(self, request: Request | None, reason: str) -> None:
        transient = reason in (ITEM_ERROR, SPIDER_ERROR) or bool(TRANSIENT_REASON.fullmatch(reason))
        self._safely(
            self.state.frontier_failed, origin_url(request), reason, transient=transient,
            now=time.time(), backoff=self.backoff, max_attempts=self.max_attempts,
        )  # fmt: skip

    def spider_closed(self, spider: Spider, reason: str) -> None:
        counts = self._safely(self.state.frontier_counts)
        if counts is None:
            return
        for status, count in counts.items():
            self.stats.set_value(f"frontier/left/{status}", count)
        if counts["pending"] or counts["retry"]:
            logger.info(
                "Frontier: %d requests pending, %d to retry, %d failed for good (crawl state)",
                counts["pending"], counts["retry"], counts["failed"],
            )  # fmt: skip


def frontier_of(crawler: Crawler) -> Frontier | None:
    """The crawl's frontier, made on the first call (None: FRONTIER_ENABLED or STATE_ENABLED
    is off)."""
    if hasattr(crawler, _ATTR):
        frontier: Frontier | None = getattr(crawler, _ATTR)
        return frontier
    settings = crawler.settings
    # scrapy shell / fetch / parse never open the archive: no frontier then
    archive_open = settings.getbool("ARCHIVE_OPEN", defaults.ARCHIVE_OPEN)
    state = archive_of(crawler).state if archive_open else None
    frontier = None
    if state is not None and settings.getbool("FRONTIER_ENABLED", defaults.FRONTIER_ENABLED):
        frontier = Frontier(
            crawler, state,
            settings.getint("FRONTIER_MAX_ATTEMPTS", defaults.FRONTIER_MAX_ATTEMPTS),
            settings.getfloat("FRONTIER_RETRY_BACKOFF", defaults.FRONTIER_RETRY_BACKOFF),
        )  # fmt: skip
        frontier.connect()
    setattr(crawler, _ATTR, frontier)
    return frontier


class FrontierMiddleware:
    """Spider middleware: what earlier runs left after the start requests; a response read
    without an item settles its request; a callback error leaves it to retry."""

    def __init__(self, crawler: Crawler, frontier: Frontier) -> None:
        self.crawler = crawler
        self.frontier = frontier

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierMiddleware:
        frontier = frontier_of(crawler)
        if frontier is None:
            raise NotConfigured("FRONTIER_ENABLED or STATE_ENABLED is off: no durable frontier")
        return cls(crawler, frontier)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for item_or_request in start:
            yield item_or_request
        for request in self.frontier.due_requests(self.crawler.spider):
            yield request
            # the event loop's turn after each one: while its downloads are full, Scrapy's
            # engine takes start requests without waiting, and a backlog of thousands kept
            # the reactor for seconds (6,000 took over 3 s): no download went on (and the
            # worker's heartbeat, then in the reactor, stopped: a worker joining took the job
            # for a dead run's and cleared its queue and dupefilter)
            await asyncio.sleep(0)

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        settles = True
        for item_or_request in result:
            if not isinstance(item_or_request, Request):
                settles = False  # the item settles the request (Frontier.item_settled)
            yield item_or_request
        if settles:
            self.frontier.read(response.request)

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        settles = True
        async for item_or_request in result:
            if not isinstance(item_or_request, Request):
                settles = False
            yield item_or_request
        if settles:
            self.frontier.read(response.request)

    def process_spider_exception(self, response: Response, exception: Exception) -> None:
        self.frontier.failed(response.request, SPIDER_ERROR)


class FrontierScheduler(Scheduler):
    """Scrapy's scheduler, its disk queues in ARCHIVE_DIR/.queue for the run (FRONTIER_DISK_QUEUE
    off: memory queues); every request it accepts is recorded in the frontier."""

    frontier: Frontier | None
    queue_dir: Path | None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierScheduler:
        settings = crawler.settings
        jobdir = None
        archive_open = settings.getbool("ARCHIVE_OPEN", defaults.ARCHIVE_OPEN)
        if archive_open and settings.getbool("FRONTIER_DISK_QUEUE", defaults.FRONTIER_DISK_QUEUE):
            jobdir = archive_of(crawler).root / QUEUE_DIR
            shutil.rmtree(jobdir, ignore_errors=True)  # a killed run's (we hold the lock)
        scheduler = cls(
            dupefilter=build_from_crawler(load_object(settings["DUPEFILTER_CLASS"]), crawler),
            jobdir=str(jobdir) if jobdir else None,
            dqclass=load_object(settings["SCHEDULER_DISK_QUEUE"]),
            mqclass=load_object(settings["SCHEDULER_MEMORY_QUEUE"]),
            logunser=settings.getbool("SCHEDULER_DEBUG"),
            stats=crawler.stats,
            pqclass=load_object(settings["SCHEDULER_PRIORITY_QUEUE"]),
            crawler=crawler,
        )
        scheduler.frontier = frontier_of(crawler)
        scheduler.queue_dir = jobdir
        return scheduler

    def enqueue_request(self, request: Request) -> bool:
        accepted = super().enqueue_request(request)
        if accepted and self.frontier is not None:
            self.frontier.scheduled(request)
        return accepted

    def close(self, reason: str) -> Any:
        result = super().close(reason)
        if self.queue_dir is not None:  # requests left are pending in the frontier
            shutil.rmtree(self.queue_dir, ignore_errors=True)
        return result


def origin_url(request: Request | None) -> str:
    """The URL the spider asked for (a redirect changes the request's URL)."""
    if request is None:
        return ""
    redirected = request.meta.get("redirect_urls")
    return str(redirected[0]) if redirected else request.url


def request_spec(request: Request) -> str:
    """What re-makes `request` in a later run, as JSON: its callback and errback names, the
    meta the spider gave it (values that JSON can hold) and the headers it carries when
    scheduled (a form's Content-Type, a page unit's X-Requested-With, the Referer)."""
    meta = request.meta.items()
    spec: dict[str, Any] = {"meta": {k: v for k, v in meta if k not in _ATTEMPT_META and _plain(v)}}
    for role in ("callback", "errback"):
        function = getattr(request, role)
        if function is not None:
            spec[role] = function.__name__
    if request.method != "GET":
        spec["method"] = request.method
        spec["body"] = request.body.decode("latin-1")
    if request.headers:
        spec["headers"] = dict(request.headers.to_unicode_dict())
    return json.dumps(spec, ensure_ascii=False, separators=(",", ":"))


def request_from_entry(entry: FrontierEntry, spider: Spider | None) -> Request | None:
    """The request `request_spec` described (None: unreadable, or a callback that is gone)."""
    try:
        spec = json.loads(entry.request)
        meta = {k: tuple(v) if isinstance(v, list) else v for k, v in spec["meta"].items()}
        fields = {"url": entry.url, "meta": meta, "callback": spec.get("callback"),
                  "errback": spec.get("errback"), "method": spec.get("method", "GET"),
                  "body": spec.get("body", "").encode("latin-1")}  # fmt: skip
        if "headers" in spec:
            fields["headers"] = spec["headers"]
        elif "content_type" in spec:  # written before the headers were kept whole
            fields["headers"] = {"Content-Type": spec["content_type"]}
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
