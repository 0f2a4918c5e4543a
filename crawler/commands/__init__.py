"""The project's Scrapy commands (COMMANDS_MODULE): Scrapy's own, with what this archive needs.

- `crawl`: a user's mistake (a seed list with a bad line, a bad `-a` argument, an ARCHIVE_DIR
  that cannot be written, an archive another run holds) ends in one ERROR line naming the file
  and line or the setting, and exit status 1; the traceback only with `-L DEBUG`.
- `shell`, `fetch`, `parse`, `view`: look at single pages and leave the archive alone
  (ARCHIVE_OPEN off: no lock, no store, nothing written).

Imports: Scrapy, crawler.* components and the spiders; no CLI, no test bed.
"""

from __future__ import annotations

from typing import Any

# what the single-page commands add to Scrapy's command settings
LEAVE_ARCHIVE_ALONE: dict[str, Any] = {"ARCHIVE_OPEN": False}
