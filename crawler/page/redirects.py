"""Where a page sends its readers on its own: a `<meta http-equiv="refresh">` or a script
assigning `location`. A page that sends them off its site (to another registrable domain) has
been hijacked: the record is archived and flagged `hijacked_site` (`crawler.page.flags`).

A move to another government host (`*.gov.cn`, `*.gov`: a site that changed its domain) and a
mobile redirect within the site's own domain (`m.example.gov.cn`) are no hijack.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from w3lib.html import get_meta_refresh

from crawler.page.sites import same_site, url_host

# the head holds the refresh; real heads run long (comments, inline styles), so look further
# than the HTML spec's 1024 bytes
_REFRESH_SCAN_CHARS = 16_384
# `location = "…"`, `location.href = "…"`, `location.replace("…")`, `location.assign("…")`, on
# its own or after `window.`, `top.`, `self.`, `parent.`, `document.`. Case-sensitive, as
# JavaScript is, and starting with a literal: the engine scans for it (an IGNORECASE pattern
# opening with an optional group tried every position of the page, 9 ms on a real page)
_SCRIPT_LOCATION = re.compile(
    r"""location(?:(?:\.href)?\s*=\s*["']([^"'\s]+)["']"""
    r"""|\.(?:replace|assign)\(\s*["']([^"'\s]+)["']\s*\))"""
)
_REFRESH_WORD = re.compile("refresh", re.IGNORECASE)
_GOVERNMENT_HOST = re.compile(r"(?:^|\.)gov(?:\.cn)?$")
# Search engines: a page that sends readers there (an anti-devtools trick, an old "go search"
# script) is no hijacked page; a hijacker sends them to its own casino.
_SEARCH_ENGINE_HOST = re.compile(r"(?:^|\.)(?:baidu|so|sogou|bing|google|haosou|sm)\.(?:com|cn)$")


def page_redirects(text: str, url: str) -> list[str]:
    """The absolute URLs the page's meta refresh and scripts send readers to."""
    targets = []
    head = text[:_REFRESH_SCAN_CHARS]
    # w3lib strips tags and entities before it looks: only where a refresh may be
    if _REFRESH_WORD.search(head) and (refresh := get_meta_refresh(head, url)[1]):
        targets.append(refresh)
    if "location" in text:
        for match in _SCRIPT_LOCATION.finditer(text):
            before = text[match.start() - 1] if match.start() else ""
            if before.isalnum() or before in ("_", "$"):  # `mylocation = …`: another name
                continue
            target = match.group(1) or match.group(2)
            if not target.lower().startswith(("javascript:", "#")):
                try:
                    targets.append(urljoin(url, target))
                except ValueError:
                    continue
    return targets


def offsite_redirect(text: str, url: str) -> str | None:
    """The first redirect of the page that leaves its site for a host that is no government
    one, or None."""
    for target in page_redirects(text, url):
        host = url_host(target)
        if (
            host
            and not same_site(url, target)
            and not _GOVERNMENT_HOST.search(host)
            and not _SEARCH_ENGINE_HOST.search(host)
        ):
            return target
    return None
