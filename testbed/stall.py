"""Fault injection for tests: an extension that holds a crawl's reactor, as a huge page, a long
garbage collection or a swapping machine would, until the test lets it go.

    EXTENSIONS={"testbed.stall.StallReactor": 0}
    STALL_AFTER_RESPONSES=5           # holds the reactor when the 5th response is received
    STALL_MARKER=/tmp/x/stalled       # written when the hold begins
    STALL_RELEASE=/tmp/x/release      # the hold ends when this file exists ...
    STALL_SECONDS=30                  # ... or after this long
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured


class StallReactor:
    def __init__(self, after: int, marker: Path, release: Path, seconds: float) -> None:
        self.after = after
        self.marker = marker
        self.release = release
        self.seconds = seconds
        self.responses = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StallReactor:
        settings = crawler.settings
        if not settings.get("STALL_MARKER") or not settings.get("STALL_RELEASE"):
            raise NotConfigured("STALL_MARKER and STALL_RELEASE are needed")
        stall = cls(
            settings.getint("STALL_AFTER_RESPONSES", 1),
            Path(settings["STALL_MARKER"]),
            Path(settings["STALL_RELEASE"]),
            settings.getfloat("STALL_SECONDS", 30.0),
        )
        crawler.signals.connect(stall.response_received, signal=signals.response_received)
        return stall

    def response_received(self, **kwargs: Any) -> None:
        self.responses += 1
        if self.responses != self.after:
            return
        self.marker.write_text("stalled")
        deadline = time.monotonic() + self.seconds
        while not self.release.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
