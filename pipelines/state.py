"""Versions and crawl state around the archive pipeline (500).

`VersionPipeline` (250, after normalize 100 and flags 200, before dedup 300 and archive 500)
is where `version` is assigned, from the crawl state: an article never archived is version 1
(`incremental/new`); one whose `content_sha1` equals the archived version's is not archived
again (dropped, `incremental/unchanged`; fresh validators kept for the next conditional GET);
otherwise it becomes a NEW version, previous + 1, linked by `previous_version_id`
(`incremental/changed`). Archived versions are never rewritten.

`StatePipeline` (600, after the archive pipeline wrote the line) records what was archived.
On spider open it first reconciles state with the JSONL archive: lines written by a run killed
between the archive's write and state's are read back, so a re-run neither loses nor doubles.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem, NotConfigured

from crawler.components.archive import archive_of
from crawler.page.record import with_version
from crawler.store.state import CrawlState

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


def _state_of(crawler: Crawler) -> tuple[Path, CrawlState]:
    """The archive's directory and crawl state (the archive owner opened and closes it)."""
    archive = archive_of(crawler)
    if archive.state is None:
        raise NotConfigured("STATE_ENABLED is off: no versions, no incremental runs")
    return archive.root, archive.state


class VersionPipeline:
    def __init__(self, crawler: Crawler, state: CrawlState) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.state = state

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> VersionPipeline:
        _, state = _state_of(crawler)
        return cls(crawler, state)

    def process_item(self, item: Any) -> Any:
        article_id = item["id"]
        archived = self.state.article(article_id)
        if archived is None:
            self.stats.inc_value("incremental/new")
        elif archived.content_sha1 == item["content_sha1"]:
            self._keep_validators(article_id, item, archived.etag, archived.last_modified)
            self.stats.inc_value("incremental/unchanged")
            raise DropItem(f"unchanged since {archived.version_id}: {item['url']}", "DEBUG")
        else:
            with_version(item, archived.version + 1, archived.version_id)
            self.stats.inc_value("incremental/changed")
            logger.info("Changed since %s: %s", archived.version_id, item["url"])
        return item

    def _keep_validators(
        self, article_id: str, item: Any, etag: str | None, last_modified: str | None
    ) -> None:
        http = item.get("http") or {}
        new = (http.get("etag"), http.get("last_modified"))
        if any(new) and new != (etag, last_modified):
            self.state.update_validators(article_id, *new)


class StatePipeline:
    def __init__(self, crawler: Crawler, archive_dir: Path, state: CrawlState) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.archive_dir = archive_dir
        self.state = state

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StatePipeline:
        archive_dir, state = _state_of(crawler)
        return cls(crawler, archive_dir, state)

    def open_spider(self) -> None:
        result = self.state.reconcile(self.archive_dir)
        self.stats.set_value("state/reconciled_added", result.added)
        if result.unparsable:
            self.stats.set_value("state/reconcile_unparsable_lines", result.unparsable)
        if result.added:
            logger.warning(
                "State missed %d archived records (an earlier run was killed): added back",
                result.added,
            )

    def close_spider(self) -> None:
        self.state.reconcile(self.archive_dir)  # advances the read offsets past this run

    def process_item(self, item: Any) -> Any:
        self.state.record_archived(item, self._recorded)
        return item

    def _recorded(self) -> None:
        self.stats.inc_value("state/recorded")
