"""`scrapy parse`: Scrapy's, leaving the archive alone (ARCHIVE_OPEN off: nothing is written)."""

from __future__ import annotations

from typing import Any, ClassVar

from scrapy.commands.parse import Command as ScrapyParse

from crawler.commands import LEAVE_ARCHIVE_ALONE


class Command(ScrapyParse):
    default_settings: ClassVar[dict[str, Any]] = {
        **ScrapyParse.default_settings,
        **LEAVE_ARCHIVE_ALONE,
    }
