"""Scrapy's log messages for pages and items: bounded in length, and built only when shown.

- Bounded: Scrapy's LogFormatter writes a whole item into its "Scraped", "Dropped" and "Error
  processing" lines (one 5 MB page made a 5.3 MB line). Here an item is named by its URL and
  title, cut short, and a drop's reason is cut too.
- Built only when shown: Scrapy asks for a "Crawled (200) …" message for every response and a
  "Scraped from …" one for every item (DEBUG), and the logging machinery creates the record and
  drops it when LOG_LEVEL is above DEBUG: about a tenth of a millisecond a page. A message below
  LOG_LEVEL is None here, which Scrapy documents as "do not log". A handler of your own that
  wants these DEBUG messages needs LOG_LEVEL=DEBUG.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.logformatter import LogFormatter, LogFormatterResult

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure

ITEM_SUMMARY_CHARS = 200  # what a log line says of an item, at most
REASON_CHARS = 300


def item_summary(item: Any) -> str:
    """`<url> "title"` for a record-like dict, else the start of its repr; never long."""
    if isinstance(item, dict) and "url" in item:
        title = str(item.get("title") or "")[:80]
        text = f'{item["url"]} "{title}"'
    else:
        text = repr(item)
    return text if len(text) <= ITEM_SUMMARY_CHARS else text[:ITEM_SUMMARY_CHARS] + "…"


def _cut(value: object) -> str:
    text = str(value)
    return text if len(text) <= REASON_CHARS else text[:REASON_CHARS] + "…"


class BoundedLogFormatter(LogFormatter):
    """Scrapy's messages, items summarized, none built below LOG_LEVEL (LOG_FORMATTER)."""

    def __init__(self, level: int = logging.DEBUG) -> None:
        self.level = level

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BoundedLogFormatter:
        level = crawler.settings.get("LOG_LEVEL", "DEBUG")
        number = level if isinstance(level, int) else logging.getLevelName(str(level).upper())
        return cls(number if isinstance(number, int) else logging.DEBUG)

    def crawled(  # type: ignore[override]
        self, request: Request, response: Response, spider: Spider
    ) -> LogFormatterResult | None:
        return self._shown(super().crawled(request, response, spider))

    def scraped(  # type: ignore[override]
        self, item: Any, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult | None:
        result = super().scraped(item, response, spider)
        if result["level"] < self.level:
            return None
        result["args"] = {**result["args"], "item": item_summary(item)}  # type: ignore[dict-item]
        return result

    def dropped(  # type: ignore[override]
        self, item: Any, exception: BaseException, response: Response | Failure | None,
        spider: Spider,
    ) -> LogFormatterResult | None:  # fmt: skip
        result = super().dropped(item, exception, response, spider)
        if result["level"] < self.level:
            return None
        result["args"] = {"exception": _cut(exception), "item": item_summary(item)}
        return result

    def item_error(
        self, item: Any, exception: BaseException, response: Response | Failure | None,
        spider: Spider,
    ) -> LogFormatterResult:  # fmt: skip
        result = super().item_error(item, exception, response, spider)
        result["args"] = {**result["args"], "item": item_summary(item)}  # type: ignore[dict-item]
        return result

    def _shown(self, result: LogFormatterResult) -> LogFormatterResult | None:
        return result if result["level"] >= self.level else None
