"""Helpers for component tests on an archive directory: a crawler on it, and the engine's stop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure


def archive_crawler(archive: Path, **settings: Any) -> Crawler:
    crawler = get_crawler(settings_dict={"ARCHIVE_DIR": str(archive), **settings})
    assert crawler.stats is not None
    crawler.stats.open_spider()
    return crawler


def stop_engine(crawler: Crawler) -> None:
    """What the engine's stop does to the archive (stores closed, manifest written, lock
    released), through the signal the archive listens to; a failure of one of our receivers
    fails the test (Scrapy's own extensions fail without an engine that started)."""
    for receiver, result in crawler.signals.send_catch_log(signals.engine_stopped):
        if isinstance(result, Failure) and receiver.__module__.startswith("crawler."):
            result.raiseException()
