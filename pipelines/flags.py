"""Quality flags of an article item (hijacked site, content farm, redacted, ...)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.exceptions import NotConfigured

from crawler import defaults
from crawler.page.flags import flag_record
from crawler.page.record import finalize_record

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector


class FlagPipeline:
    """`crawler.page.flags.flag_record`; every flag an item carries is counted as `flags/<name>`."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FlagPipeline:
        if not crawler.settings.getbool("FLAGS_ENABLED", defaults.FLAGS_ENABLED):
            raise NotConfigured("FLAGS_ENABLED is off")
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        flagged = flag_record(dict(item))
        if flagged.get("text") != item.get("text"):
            # content-farm chrome stripped: identity and content_sha1 must follow the new text
            flagged = finalize_record(flagged)
        flagged["flags"] = sorted(set(flagged.get("flags") or []))
        for flag in flagged["flags"]:
            self.stats.inc_value(f"flags/{flag}")
        return flagged
