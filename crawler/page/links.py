"""An `href` as an absolute page URL: resolved once per (href, base), shared by the readers of
a list page (its lists, its pager and its other links each look at every link)."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urljoin, urlsplit, urlunsplit

SKIPPED_SCHEMES = frozenset({"javascript", "mailto", "tel", "data", "ftp", "file"})


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
    parts = urlsplit(urljoin(base, href))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return urlunsplit(parts._replace(fragment=""))
