"""`scrapy crawl`: Scrapy's, with a user's mistakes reported in one line (see the package)."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from crawler.components.archive import ArchiveDirError
from crawler.seeds import SeedFileError
from crawler.store.runlog import ArchiveLocked
from spiders.govnews import SpiderArgumentError

if TYPE_CHECKING:
    import argparse

logger = logging.getLogger(__name__)

# mistakes a user makes and fixes; their message says what and where
USER_ERRORS = (SeedFileError, SpiderArgumentError, ArchiveDirError, ArchiveLocked)


class Command(ScrapyCrawl):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError(
                ""
                if not args
                else "running 'scrapy crawl' with more than one spider is not supported"
            )
        assert self.crawler_process is not None
        started = self.crawler_process.crawl(self._create_crawler(args[0]), **opts.spargs)
        if isinstance(started, Deferred):  # CrawlerProcess
            started.addErrback(self._report)
        elif isinstance(started, asyncio.Future):  # AsyncCrawlerProcess: a task
            started.add_done_callback(self._report_task)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1

    def _report_task(self, task: asyncio.Future[Any]) -> None:
        if task.cancelled():
            return
        exc = task.exception()  # retrieved: asyncio does not log it again
        if exc is not None and not self._reported(exc):
            logger.error("Crawl failed to start", exc_info=exc)

    def _report(self, failure: Failure) -> Failure | None:
        return None if self._reported(failure.value) else failure

    def _reported(self, exc: BaseException) -> bool:
        """Log a user's mistake in one line (with its traceback at DEBUG); False otherwise."""
        if not isinstance(exc, USER_ERRORS):
            return False
        logger.error("%s", exc, exc_info=exc if self._debug() else None)
        self.exitcode = 1
        return True

    def _debug(self) -> bool:
        level = self.settings.get("LOG_LEVEL") if self.settings else None
        number = level if isinstance(level, int) else logging.getLevelName(str(level).upper())
        return isinstance(number, int) and number <= logging.DEBUG
