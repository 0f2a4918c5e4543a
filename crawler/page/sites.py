"""What "the same site" means for a redirect: the registrable domain (public suffix list).

`www.example.gov.cn` and `m.example.gov.cn` are one site (`example.gov.cn`); `www.gov.cn` is
another (`gov.cn` is a public suffix). An IP address or a single-label host is its own site.
The suffix list is the snapshot tldextract ships; it is never fetched.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

import tldextract


@cache
def _extractor() -> tldextract.TLDExtract:
    # no suffix_list_urls: the bundled snapshot, no network; no cache_dir: nothing written
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@cache
def registrable_domain(host: str) -> str:
    """`example.gov.cn` for `www.example.gov.cn`; the host itself for an IP or `localhost`."""
    host = host.lower().rstrip(".")
    found = _extractor()(host).top_domain_under_public_suffix
    return found or host


def url_host(url: str) -> str:
    """The host of a URL, lower-cased, without port ("" when it has none or is no URL)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def same_site(url: str, other: str) -> bool:
    """Both URLs on one registrable domain (ports and schemes aside)."""
    host, other_host = url_host(url), url_host(other)
    if not host or not other_host:
        return False
    return host == other_host or registrable_domain(host) == registrable_domain(other_host)
