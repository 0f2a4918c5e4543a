"""`scrapy shell`: Scrapy's, leaving the archive alone (ARCHIVE_OPEN off: nothing is written)."""

from __future__ import annotations

from typing import Any, ClassVar

from scrapy.commands.shell import Command as ScrapyShell

from crawler.commands import LEAVE_ARCHIVE_ALONE


class Command(ScrapyShell):
    default_settings: ClassVar[dict[str, Any]] = {
        **ScrapyShell.default_settings,
        **LEAVE_ARCHIVE_ALONE,
    }
