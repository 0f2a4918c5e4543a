"""Quality flags of an article item (hijacked site, content farm, redacted, ...)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.exceptions import NotConfigured

from crawler import defaults
from crawler.flags import flag_record
from crawler.record import finalize_record

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector


class FlagPipeline:
    """`crawler.flags.flag_record`; every flag an item carries is counted as `flags/<name>`."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FlagPipeline:
        if not crawler.settings.getbool("FLAGS_ENABLED", defaults.FLAGS_ENABLED):
            raise NotConfigured("FLAGS_ENABLED is off")
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        # flag_record may strip content-farm chrome: finalize again so content_sha1 follows
        flagged = finalize_record(flag_record(dict(item)))
        for flag in flagged["flags"]:
            self.stats.inc_value(f"flags/{flag}")
        return flagged
