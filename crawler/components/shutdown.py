"""A stop that ends in seconds: SIGINT/SIGTERM (Scrapy's graceful stop) with a deadline.

Scrapy's graceful stop waits for every request already handed to the downloader: each waiting
its turn behind DOWNLOAD_DELAY / AutoThrottle in a slot queue (a runaway pager fills them), and
each in flight until it answers or DOWNLOAD_TIMEOUT (30 s) passes. `ShutdownDeadline` watches
for the stop (the engine no longer running while its spider is open):
- at once, the requests waiting in the downloader's slot queues are dropped, each counted as
  `skip/stopped` (logged at DEBUG): they were never sent;
- after SHUTDOWN_DEADLINE seconds, requests still in flight are let go (they answer too late
  to be read), and Scrapy's closing goes on as usual: pipelines closed, run logged, stats
  dumped, the archive's stores, manifest and lock closed. Everything archived before the stop is
  in the archive, and the run log says `shutdown`.

It reaches into the engine's and downloader's slots (Scrapy 2.19, pinned in pyproject):
`tests/test_shutdown.py` stops a real crawl with a stalled request and a full queue.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.utils.asyncio import AsyncioLoopingCall, call_later, create_looping_call
from twisted.internet.task import LoopingCall
from twisted.python.failure import Failure

from crawler import defaults
from crawler.components.contract import SkipRequest

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

WATCH_INTERVAL = 0.25  # seconds between looks at the engine


class ShutdownDeadline:
    def __init__(self, crawler: Crawler, deadline: float) -> None:
        self.crawler = crawler
        self.deadline = deadline
        self.watch: AsyncioLoopingCall | LoopingCall | None = None
        self.stopping = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ShutdownDeadline:
        deadline = crawler.settings.getfloat("SHUTDOWN_DEADLINE", defaults.SHUTDOWN_DEADLINE)
        extension = cls(crawler, deadline)
        crawler.signals.connect(extension.engine_started, signal=signals.engine_started)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def engine_started(self) -> None:
        self.watch = create_looping_call(self.look)
        self.watch.start(WATCH_INTERVAL, now=False)

    def spider_closed(self) -> None:
        if self.watch is not None and self.watch.running:
            self.watch.stop()

    def look(self) -> None:
        engine = self.crawler.engine
        if self.stopping or engine is None or engine.running or engine.spider is None:
            return
        self.stopping = True
        dropped = drop_queued(engine)
        logger.info(
            "Stopping: %d queued requests dropped, in-flight ones get %.0f s more",
            dropped, self.deadline,
        )  # fmt: skip
        call_later(self.deadline, self.let_go)

    def let_go(self) -> None:
        """Stop waiting for requests still in flight: the engine's closing goes on."""
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is None or slot.closing is None or slot.closing.called:
            return
        left = len(slot.inprogress)
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("skip/stopped", left)
        logger.info("Stopping: %d requests still in flight let go", left)
        slot.inprogress.clear()
        slot._maybe_fire_closing()


def drop_queued(engine: Any) -> int:
    """Errback every request waiting in a downloader slot queue with `skip/stopped`."""
    dropped = 0
    for slot in list(engine.downloader.slots.values()):
        if slot.latercall is not None:
            slot.latercall.cancel()
            slot.latercall = None
        while slot.queue:
            request, waiting = slot.queue.popleft()
            waiting.errback(Failure(SkipRequest("stopped", request.url, quiet=True)))
            dropped += 1
    return dropped
