"""`scrapy fetch`: Scrapy's, leaving the archive alone (ARCHIVE_OPEN off: nothing is written)."""

from __future__ import annotations

from typing import Any, ClassVar

from scrapy.commands.fetch import Command as ScrapyFetch

from crawler.commands import LEAVE_ARCHIVE_ALONE


class Command(ScrapyFetch):
    default_settings: ClassVar[dict[str, Any]] = {
        **ScrapyFetch.default_settings,
        **LEAVE_ARCHIVE_ALONE,
    }
