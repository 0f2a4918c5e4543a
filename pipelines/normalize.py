"""Text normalization of an article item, then its identity (id, content_sha1, defaults)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem, NotConfigured

from crawler import defaults
from crawler.page.normalize import normalize_record
from crawler.page.record import finalize_record

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class NormalizePipeline:
    """`crawler.page.normalize.normalize_record` + `crawler.page.record.finalize_record`; an item
    whose body is (nearly) empty or that has no title is dropped and counted."""

    def __init__(self, crawler: Crawler, min_body_chars: int) -> None:
        self.crawler = crawler
        self.min_body_chars = min_body_chars

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NormalizePipeline:
        settings = crawler.settings
        if not settings.getbool("NORMALIZE_ENABLED", defaults.NORMALIZE_ENABLED):
            raise NotConfigured("NORMALIZE_ENABLED is off")
        min_chars = settings.getint("EXTRACT_MIN_BODY_CHARS", defaults.EXTRACT_MIN_BODY_CHARS)
        return cls(crawler, min_chars)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        fields = normalize_record(dict(item))
        if len((fields.get("text") or "").strip()) < self.min_body_chars:
            self._drop("extract/empty_body", fields["url"])
        if not (fields.get("title") or "").strip():
            self._drop("extract/no_title", fields["url"])
        return finalize_record(fields)

    def _drop(self, key: str, url: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(key)
        raise DropItem(f"{key}: {url}")
