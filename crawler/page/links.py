"""An `href` as an absolute page URL: resolved once per (href, base), shared by the readers of
a list page (its lists, its pager and its other links each look at every link)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml.html import HtmlElement

from crawler.page.metadata import base_url
from crawler.page.profiles import SiteProfile
from crawler.page.vocabulary import (
    ARTICLE_URL_PATTERNS,
    LIKELY_LIST_URL_PATTERNS,
    LIST_URL_PATTERNS,
    NON_PAGE_EXTENSION,
)

PageKind = Literal["article", "list", "other"]

SKIPPED_SCHEMES = frozenset({"javascript", "mailto", "tel", "data", "ftp", "file"})
# A page's first this many links are read (its lists, pager and other links); a list page holds
# a few hundred, a hacked page tens of thousands of spam links that would cost seconds of CPU
MAX_PAGE_LINKS = 5_000
# A link that opens its page by script: `onclick="window.open('/xwzx/detail.jsp?id=1')"`,
# `href="javascript:openWin('/art/2023/1/5/art_12_345.html')"`, `location.href='…'`: the quoted
# string when it reads like a page's path (a slash, a page suffix or a query), not an id or a
# page number (`goPage('2')`, `showDetail('12345')`).
_SCRIPT_TARGET = re.compile(
    r"""(?:window\.open|location(?:\.href)?\s*=|location\.(?:assign|replace)|[A-Za-z_$][\w$.]*)"""
    r"""\s*\(?\s*(["'])(?P<target>[^"'\s]{2,300})\1"""
)
_PATH_LIKE = re.compile(r"/|\.(?:s?html?|jsp|aspx?|php|do)(?:$|\?)|\?\w+=", re.IGNORECASE)


def classify_url(url: str, profile: SiteProfile | None = None) -> PageKind:
    """By URL alone: "article", "list", or "other" (not a page, or nothing says what it is)."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if profile is not None:
        if profile.article_pattern is not None and profile.article_pattern.search(url):
            return "article"
        if profile.list_pattern is not None and profile.list_pattern.search(url):
            return "list"
    if NON_PAGE_EXTENSION.search(path):
        return "other"
    if any(pattern.search(path) for pattern in ARTICLE_URL_PATTERNS):
        return "article"
    if any(pattern.search(path) for pattern in LIST_URL_PATTERNS + LIKELY_LIST_URL_PATTERNS):
        return "list"
    return "other"


def is_page_url(url: str) -> bool:
    """Could be an HTML page (not an attachment, image, script ...)."""
    return not NON_PAGE_EXTENSION.search(urlsplit(url).path)


def page_base(root: HtmlElement, url: str) -> str:
    """The base links resolve against: the page's `<base href>`, or its URL when it has none
    or one that is no URL (`<base href="http://[::1/">` must not cost the page its links)."""
    try:
        return base_url(root, url)
    except ValueError:
        return url


_LINK_OPENING = b"<a "


def links_cut(body: bytes, limit: int = MAX_PAGE_LINKS) -> int | None:
    """Where a page's links past the first `limit` start (a byte offset), or None when it has
    no more: a link farm is parsed only that far, so its tree stays small (99,003 links made a
    tree of 60 MB). Counts `<a ` openings as written, in any case."""
    if body.count(_LINK_OPENING) + body.count(b"<A ") <= limit:
        return None
    lowered = body.lower() if body.count(b"<A ") else body
    position = -1
    for _ in range(limit + 1):
        position = lowered.find(_LINK_OPENING, position + 1)
    return position


@lru_cache(maxsize=8192)
def absolute_url(href: str, base: str) -> str | None:
    """The absolute http(s) URL of `href` on a page at `base`, fragment dropped; None for
    `javascript:`, `mailto:`, a bare `#` and anything not http(s)."""
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    scheme = href.split(":", 1)[0].lower() if ":" in href else ""
    if scheme in SKIPPED_SCHEMES:
        return None
    try:
        parts = urlsplit(urljoin(base, href))
        parts.port  # noqa: B018 - raises on a port that is no number or out of range
    except ValueError:  # `http://[::1/`: no URL at all (`is_broken_href` tells them apart)
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return urlunsplit(parts._replace(fragment=""))


_DATA_HREF_ATTRIBUTES = ("data-href", "data-url", "data-link")


def anchor_href(anchor: HtmlElement) -> str | None:
    """The href of a link, or for a link that opens its page by script (a `javascript:` or
    bare `#` href), the page its script names, or its `data-href` / `data-url`."""
    href = anchor.get("href")
    stripped = (href or "").strip()
    if stripped and stripped != "#" and not stripped[:11].lower().startswith("javascript:"):
        return href
    for code in (stripped, anchor.get("onclick") or ""):
        for match in _SCRIPT_TARGET.finditer(code):
            target = match["target"]
            if _PATH_LIKE.search(target) and not target.lower().startswith("javascript:"):
                return target
    for attribute in _DATA_HREF_ATTRIBUTES:  # `<a href="javascript:;" data-href="index_2.html">`
        target = (anchor.get(attribute) or "").strip()
        if target and _PATH_LIKE.search(target) and not target.lower().startswith("javascript:"):
            return target
    return href


def is_broken_href(href: str, base: str) -> bool:
    """An href that is no URL at all (`http://[::1/x`, a port of 99999): a broken link, not
    one left out on purpose (`javascript:`, `mailto:`)."""
    try:
        urlsplit(urljoin(base, href.strip())).port  # noqa: B018 - the check is the parse
    except ValueError:
        return True
    return False
