"""Log lines of bounded length: Scrapy's LogFormatter writes a whole item into its "Scraped",
"Dropped" and "Error processing" lines (one 5 MB page made a 5.3 MB line). Here an item is
named by its URL and title, cut short, and a drop's reason is cut too."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.logformatter import LogFormatter

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.http import Response
    from scrapy.logformatter import LogFormatterResult
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
    """Scrapy's messages, with the item summarized (LOG_FORMATTER in crawler/settings.py)."""

    def scraped(
        self, item: Any, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult:
        result = super().scraped(item, response, spider)
        result["args"] = {**result["args"], "item": item_summary(item)}  # type: ignore[dict-item]
        return result

    def dropped(
        self, item: Any, exception: BaseException, response: Response | Failure | None,
        spider: Spider,
    ) -> LogFormatterResult:  # fmt: skip
        result = super().dropped(item, exception, response, spider)
        result["args"] = {"exception": _cut(exception), "item": item_summary(item)}
        return result

    def item_error(
        self, item: Any, exception: BaseException, response: Response | Failure | None,
        spider: Spider,
    ) -> LogFormatterResult:  # fmt: skip
        result = super().item_error(item, exception, response, spider)
        result["args"] = {**result["args"], "item": item_summary(item)}  # type: ignore[dict-item]
        return result
