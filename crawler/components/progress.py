"""A progress line for long crawls: every PROGRESS_INTERVAL seconds (0: off) one INFO line with
articles archived (per second over the last interval and over the run), pages crawled, requests
waiting in the scheduler, and errors and skips so far:

    Progress: 1234 articles (3.1/s now, 2.8/s overall), 5678 pages, queue 910, errors 2, skipped 41
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call

from crawler import defaults

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

_SKIP_PREFIXES = ("skip/", "extract/", "spider/")  # pages that gave no record, by reason


class Progress:
    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.task: Any = None
        self.started = self.last_time = time.monotonic()
        self.last_articles = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        interval = crawler.settings.getfloat("PROGRESS_INTERVAL", defaults.PROGRESS_INTERVAL)
        if interval <= 0:
            raise NotConfigured
        progress = cls(crawler, interval)
        crawler.signals.connect(progress.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(progress.spider_closed, signal=signals.spider_closed)
        return progress

    def spider_opened(self) -> None:
        self.started = self.last_time = time.monotonic()
        self.task = create_looping_call(self.log)
        self.task.start(self.interval, now=False)

    def spider_closed(self) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()

    def log(self) -> None:
        logger.info("Progress: %s", self.line(time.monotonic()))

    def line(self, now: float) -> str:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        articles = int(stats.get("archive/written", 0))
        recent = (articles - self.last_articles) / max(now - self.last_time, 1e-9)
        overall = articles / max(now - self.started, 1e-9)
        self.last_articles, self.last_time = articles, now
        skipped = sum(int(v) for k, v in stats.items() if k.startswith(_SKIP_PREFIXES))
        return (
            f"{articles} articles ({recent:.1f}/s now, {overall:.1f}/s overall), "
            f"{int(stats.get('response_received_count', 0))} pages, queue {self._queue()}, "
            f"errors {int(stats.get('log_count/ERROR', 0))}, skipped {skipped}"
        )

    def _queue(self) -> int:
        """Requests the scheduler holds (0 before the engine runs or when it cannot say)."""
        try:
            scheduler = self.crawler.engine.scheduler
            return len(scheduler) if scheduler is not None else 0  # type: ignore[arg-type]
        except (RuntimeError, TypeError):  # no engine yet; a scheduler without a length
            return 0
