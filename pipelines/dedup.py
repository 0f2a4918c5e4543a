"""Duplicates across sites and runs (300: after versions 250, before the archive 500).

A record whose text was seen before under another id (exactly, or nearly: MinHash over
character shingles, see `crawler.store.dedup`) gets `duplicate_of` = the first record's id and is
archived, or dropped when DEDUP_DROP is set. Counted `dedup/exact`, `dedup/near`,
`dedup/dropped`. The index lives in ARCHIVE_DIR/DEDUP_FILE and survives runs; the archive owner
(`crawler.components.archive`) opens and closes it. It is committed every DEDUP_COMMIT_EVERY
documents and on close, and on open it reads back archived records it missed (a killed run),
counted `dedup/reconciled`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem, NotConfigured

from crawler import defaults
from crawler.components.archive import archive_of
from crawler.page.record import record_id
from crawler.store.dedup import DedupIndex

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class DedupPipeline:
    def __init__(
        self, crawler: Crawler, index: DedupIndex, drop: bool, near: bool, archive_dir: Path
    ) -> None:
        self.crawler = crawler
        self.archive_dir = archive_dir
        self.stats = crawler.stats
        self.index = index
        self.drop = drop
        self.near = near

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        archive = archive_of(crawler)
        if archive.dedup is None:
            raise NotConfigured("DEDUP_ENABLED is off")
        drop = crawler.settings.getbool("DEDUP_DROP", defaults.DEDUP_DROP)
        near = crawler.settings.getbool("DEDUP_NEAR", defaults.DEDUP_NEAR)
        return cls(crawler, archive.dedup, drop, near, archive.root)

    def open_spider(self) -> None:
        added = self.index.reconcile(self.archive_dir, near=self.near)
        if added:
            self.stats.set_value("dedup/reconciled", added)
            logger.warning("Dedup index missed %d archived records: added back", added)

    def close_spider(self) -> None:
        self.index.commit()
        self.index.mark_reconciled(self.archive_dir)

    def process_item(self, item: Any) -> Any:
        text = item.get("text") or ""
        if not text or "short_body" in (item.get("flags") or ()):
            return item  # 详见附件。 on many documents: their attachments differ, not a copy
        doc_id = item.get("id") or record_id(item["url"])
        match = self.index.check_and_add(doc_id, text, near=self.near)
        if match is None:
            return item
        self.stats.inc_value(f"dedup/{match.kind}")
        logger.debug("%s duplicate of %s (%.2f): %s", match.kind, match.of, match.similarity,
                     item["url"])  # fmt: skip
        if self.drop:
            self.stats.inc_value("dedup/dropped")
            raise DropItem(f"{match.kind} duplicate of {match.of}: {item['url']}", "DEBUG")
        item["duplicate_of"] = match.of
        return item
