"""Archive an item: one whole JSON line appended to ARCHIVE_DIR/records/<YYYY-MM>/<run_id>.jsonl.

The record files, their partitions (duplicates apart, in `records/0-duplicates-<YYYY-MM>/`) and
why a line is never lost nor left half-written: `crawler.store.records`. The archive owner
(`crawler.components.archive`) opens the record writer (ARCHIVE_FSYNC, ARCHIVE_FSYNC_SECONDS)
and closes it, syncing the files, when the crawl ends. When the spider opens (the owner holds
the archive's lock) this pipeline cuts a partial last line left by a killed run off the files of
earlier runs (counted `archive/partial_line_removed`): that article was never recorded in the
crawl state, so this run fetches and archives it again. The final crawl stats are written next
to the records as ARCHIVE_DIR/runs/<run_id>.stats.json.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler import defaults
from crawler.components.archive import archive_of
from crawler.page.record import to_json_line
from crawler.store.records import RecordWriter, partition_of, remove_partial_lines
from crawler.store.runlog import write_run_stats

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class ArchivePipeline:
    """Appends `crawler.page.record.to_json_line(item)`; never the same version_id twice in a
    run."""

    def __init__(self, crawler: Crawler, records: RecordWriter, dump_stats: bool) -> None:
        self.crawler = crawler
        self.records = records
        self.dump_stats = dump_stats
        self._written: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        records = archive_of(crawler).records
        if records is None:
            raise NotConfigured("ARCHIVE_ENABLED is off")
        dump = crawler.settings.getbool("STATS_DUMP_ENABLED", defaults.STATS_DUMP_ENABLED)
        pipeline = cls(crawler, records, dump)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        for path in remove_partial_lines(self.records.archive_dir):
            logger.warning("Removed a partial last line (a killed run) from %s", path)
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("archive/partial_line_removed")

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        stats = self.crawler.stats
        assert stats is not None
        version_id = item["version_id"]
        if version_id in self._written:
            stats.inc_value("archive/same_version_again")
            return item
        self.records.append(partition_of(item), to_json_line(item).encode("utf-8"))
        self._written.add(version_id)
        stats.inc_value("archive/written")
        return item

    def spider_closed(self, reason: str) -> None:
        if self.dump_stats:
            self.write_stats(reason)

    def write_stats(self, reason: str) -> Path:
        """ARCHIVE_DIR/runs/<run_id>.stats.json: the crawl stats."""
        assert self.crawler.stats is not None
        run_id = self.records.run_id
        stats = {"run_id": run_id, "finish_reason": reason, **self.crawler.stats.get_stats()}
        return write_run_stats(self.records.archive_dir, run_id, stats)
