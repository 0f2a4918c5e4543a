"""A spider that fetches the URLs listed in a file and does nothing with them: Scrapy's own CPU
per page (download, HTTP parsing, the default middlewares, scheduling), the floor under any
crawl of the same pages. Run outside the project (`scrapy runspider` in another directory), so
that none of the project's settings or components load. Used by bench/crawl_bench.py.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy.http import Response


class NoopSpider(scrapy.Spider):
    name = "noop"
    custom_settings = {  # noqa: RUF012 (Scrapy's own convention)
        "LOG_LEVEL": "WARNING",
        "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False,
        "CONCURRENT_REQUESTS": 64,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
        "CONCURRENT_ITEMS": 1,  # as the project sets it (Scrapy's 100 costs 1 ms a response)
    }
    urls = ""  # -a urls=<file>: one URL a line

    async def start(self) -> AsyncIterator[Any]:
        for url in Path(self.urls).read_text("utf-8").split():
            yield scrapy.Request(url, callback=self.parse, dont_filter=True)

    def parse(self, response: Response) -> None:
        return None
