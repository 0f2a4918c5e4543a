"""Per-site profile: what a seed list may say about a site when heuristics are not enough.

Pure data, no Scrapy imports. Parsed from `seeds/*.txt` by `crawler.seeds`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SiteProfile:
    """One site of a seed list.

    start_urls: where the crawl begins (column pages, sitemaps, feeds or articles).
    name: a human label (defaults to the first start URL's host).
    site_name: the seed line's explicit `name=`, the record's `site.name` when the page itself
        carries no SiteName meta tag (None when the line names no site).
    body_selector: CSS selector of the article body container, overriding CMS heuristics.
    title_selector: CSS selector of the title, overriding heuristics.
    article_pattern: regex (searched in the URL) that marks article pages.
    list_pattern: regex that marks list pages worth following.
    allow_pattern: regex a URL must match to be followed at all (besides staying on-site).
    encoding: force this charset for every page of the site (last resort for broken sites).
    """

    start_urls: tuple[str, ...]
    name: str = ""
    site_name: str | None = None
    body_selector: str | None = None
    title_selector: str | None = None
    article_pattern: re.Pattern[str] | None = None
    list_pattern: re.Pattern[str] | None = None
    allow_pattern: re.Pattern[str] | None = None
    encoding: str | None = None
    line: int = 0  # line number in the seed file, for error messages
    extra: dict[str, str] = field(default_factory=dict)
