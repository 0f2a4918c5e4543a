"""`scrapy view`: Scrapy's, leaving the archive alone (ARCHIVE_OPEN off: nothing is written)."""

from __future__ import annotations

from typing import Any, ClassVar

from scrapy.commands.view import Command as ScrapyView

from crawler.commands import LEAVE_ARCHIVE_ALONE


class Command(ScrapyView):
    default_settings: ClassVar[dict[str, Any]] = {
        **ScrapyView.default_settings,
        **LEAVE_ARCHIVE_ALONE,
    }
