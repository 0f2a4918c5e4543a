"""Which pages are articles, which are lists, and what a list page links to.

Pure: URLs, lxml trees and text in, URLs out; no Scrapy imports. Covers the CMS families
Chinese government sites are built with:

- TRS WCM: articles `/<col>/<YYYYMM>/t<YYYYMMDD>_<id>.html`, lists `/<col>/index.html`,
  further list pages written by `createPageHTML(total, current, "index", "html")`.
- Hanweb: articles `/art/YYYY/M/D/art_<col>_<doc>.html`, lists `/col/col<id>/index.html`
  whose records sit in `<script type="text/xml"><datastore>`, later records come from
  `/module/web/jpage/dataproxy.jsp?startrecord=..&endrecord=..&perpage=..&columnid=..`.
- VSB: articles `/info/<col>/<id>.htm`, lists `/<col>.htm`, `/<col>/<n>.htm`.
- `/content/post_<id>.html` (and gov.cn's `/content_<id>.htm`) articles.
URL shapes and body containers are declared in `crawler.page.vocabulary`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree, html

from crawler.page import metadata
from crawler.page.cms import body_containers, compile_css
from crawler.page.profiles import SiteProfile
from crawler.page.vocabulary import (
    ARTICLE_URL_PATTERNS,
    LIKELY_LIST_URL_PATTERNS,
    LIST_URL_PATTERNS,
    NON_PAGE_EXTENSION,
)

PageKind = Literal["article", "list", "other"]
StartKind = Literal["article", "sitemap", "feed", "start"]  # how a seed URL is requested

SITEMAP_URL = re.compile(r"sitemap[^/]*\.xml(\.gz)?$")
FEED_URL = re.compile(r"(\.rss|/rss\.xml|/feed|/atom\.xml|/rss)/?$")
BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0",
                b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")  # fmt: skip
BINARY_SNIFF_BYTES = 1024
_SKIPPED_SCHEMES = frozenset({"javascript", "mailto", "tel", "data", "ftp", "file"})

# TRS pager: createPageHTML(12, 0, "index", "html") or createPageHTML(countPage, currentPage, ...)
TRS_PAGER = re.compile(
    r"""createPageHTML\(\s*(\w+)\s*,\s*(\w+)\s*,\s*["']([\w-]+)["']\s*,\s*["'](\w+)["']"""
)
_JS_INT_ASSIGNMENT = r"""\b{name}\s*=\s*["']?(\d+)"""

# Hanweb datastore: records hold escaped list-item HTML in CDATA sections
HANWEB_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.DOTALL | re.I)
HANWEB_NEXTGROUP = re.compile(r"<nextgroup>\s*<!\[CDATA\[(.*?)\]\]>", re.DOTALL | re.IGNORECASE)
HTML_HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
HANWEB_TOTAL = re.compile(r"<totalrecord>\s*(\d+)|totalRecord\s*[:=]\s*['\"]?(\d+)", re.I)
HANWEB_PERPAGE = re.compile(r"<perpage>\s*(\d+)|\bperPage\s*[:=]\s*['\"]?(\d+)", re.I)
HANWEB_GROUPSIZE = re.compile(r"\bgroupSize\s*[:=]\s*['\"]?(\d+)", re.IGNORECASE)
HANWEB_COLUMN_ID = re.compile(r"\bcolumnid\s*[:=]\s*['\"]?(\d+)", re.IGNORECASE)
HANWEB_UNIT_ID = re.compile(r"\bunitid\s*[:=]\s*['\"]?(\d+)", re.IGNORECASE)
HANWEB_COLUMN_IN_URL = re.compile(r"/col/col(\d+)/")
DATAPROXY_PATH = "/module/web/jpage/dataproxy.jsp"
HANWEB_DEFAULT_PERPAGE = 15  # jpage's defaults when a page does not say
HANWEB_DEFAULT_GROUPSIZE = 3

ARTICLE_MIN_BODY_CHARS = 150  # a body container with less text is a teaser, not an article
ARTICLE_MIN_PARAGRAPH_CHARS = 300  # no known container: this much unlinked <p> text
PARAGRAPH_MIN_CHARS = 20
_PARAGRAPHS = etree.XPath("//body//p")
_LINKS_IN = etree.XPath(".//a[@href]")
_LINK_XPATH = etree.XPath("//a[@href]/@href | //area[@href]/@href")

FEED_ITEM_LINKS = etree.XPath(
    "//*[local-name()='item']/*[local-name()='link']/text()"
    " | //*[local-name()='entry']/*[local-name()='link'][not(@rel) or @rel='alternate']/@href"
)


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


def looks_like_article(root: html.HtmlElement, profile: SiteProfile | None = None) -> bool:
    """By structure: a CMS body container (or the profile's) holding a long text; on a page
    without a known container, enough unlinked paragraph text."""
    containers = _profile_bodies(root, profile) or body_containers(root)
    if containers:
        return any(_text_length(node) >= ARTICLE_MIN_BODY_CHARS for node in containers)
    return _unlinked_paragraph_chars(root) >= ARTICLE_MIN_PARAGRAPH_CHARS


def classify_page(url: str, root: html.HtmlElement, profile: SiteProfile | None = None) -> PageKind:
    """URL patterns first; where they are not conclusive, the page's structure decides."""
    kind = classify_url(url, profile)
    if kind == "article" or (kind == "list" and _certainly_list(url, profile)):
        return kind
    return "article" if looks_like_article(root, profile) else "list"


def is_page_url(url: str) -> bool:
    """Could be an HTML page (not an attachment, image, script ...)."""
    return not NON_PAGE_EXTENSION.search(urlsplit(url).path)


def _certainly_list(url: str, profile: SiteProfile | None) -> bool:
    listed = profile is not None and profile.list_pattern is not None
    if listed and profile.list_pattern.search(url):  # type: ignore[union-attr]
        return True
    path = urlsplit(url).path or "/"
    return any(pattern.search(path) for pattern in LIST_URL_PATTERNS)


def page_links(root: html.HtmlElement, base_url: str) -> list[str]:
    """Absolute http(s) URLs of a page's `<a href>` links, fragments dropped, in page order."""
    base = metadata.base_url(root, base_url)
    return _absolute_urls(_LINK_XPATH(root), base)


def trs_pager_links(text: str, page_url: str) -> list[str]:
    """The list pages a TRS `createPageHTML(total, current, prefix, ext)` pager would write.

    Page 0 is `<prefix>.<ext>`, page n is `<prefix>_<n>.<ext>`, in the page's directory.
    """
    match = TRS_PAGER.search(text)
    if match is None:
        return []
    total = _js_int(match.group(1), text)
    if total is None or total <= 1:
        return []
    prefix, ext = match.group(3), match.group(4)
    names = [f"{prefix}.{ext}"] + [f"{prefix}_{n}.{ext}" for n in range(1, total)]
    return [urljoin(page_url, name) for name in names]


@dataclass(frozen=True)
class HanwebPaging:
    """What a jpage list needs to fetch the rest of its records."""

    total: int
    per_page: int
    group_size: int
    inline: int  # records the column page itself carries
    params: tuple[tuple[str, str], ...]  # columnid, unitid, ... as the nextgroup link gives them


def hanweb_record_links(text: str, page_url: str) -> list[str]:
    """Links inside `<datastore><recordset><record><![CDATA[...]]>` (a column page or a
    dataproxy.jsp answer)."""
    hrefs = (_first(m) for record in HANWEB_RECORD.findall(text) for m in HTML_HREF.findall(record))
    return _absolute_urls(hrefs, page_url)


def hanweb_paging(text: str, page_url: str) -> HanwebPaging | None:
    """The jpage settings of a Hanweb column page, or None when it has no datastore paging."""
    if "datastore" not in text:
        return None
    total = _first_int(HANWEB_TOTAL, text)
    if total is None:
        return None
    per_page = _first_int(HANWEB_PERPAGE, text) or HANWEB_DEFAULT_PERPAGE
    group_size = _first_int(HANWEB_GROUPSIZE, text) or HANWEB_DEFAULT_GROUPSIZE
    inline = len(HANWEB_RECORD.findall(text))
    return HanwebPaging(total, per_page, group_size, inline, _hanweb_params(text, page_url))


def dataproxy_urls(paging: HanwebPaging, page_url: str) -> list[str]:
    """The dataproxy.jsp requests that fetch the records a column page does not carry itself.

    jpage shows `perpage` records a page and loads `groupSize` pages per request: records
    k*perpage*groupSize+1 .. (k+1)*perpage*groupSize. Sites inline a full group or only its
    first page, so the requests start after the records the page actually holds.
    """
    step = paging.per_page * paging.group_size
    urls = []
    for start in range(paging.inline + 1, paging.total + 1, step):
        end = min(start + step - 1, paging.total)
        query = [("startrecord", str(start)), ("endrecord", str(end))]
        query += [("perpage", str(paging.per_page)), *paging.params]
        urls.append(urljoin(page_url, DATAPROXY_PATH) + "?" + urlencode(query))
    return urls


def feed_links(body: bytes) -> list[str]:
    """Item links of an RSS 2.0 / RSS 1.0 / Atom feed ([] when the body is not a feed)."""
    try:
        root = etree.fromstring(body, parser=_XML_PARSER)
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    return [link.strip() for link in FEED_ITEM_LINKS(root) if str(link).strip()]


def is_feed(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def is_sitemap(body: bytes) -> bool:
    head = body[:1024].lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def start_kind(url: str, profile: SiteProfile | None = None) -> StartKind:
    """The request kind of a seed URL: an article, a sitemap, a feed, or a start page
    whose structure decides."""
    if classify_url(url, profile) == "article":
        return "article"
    path = urlsplit(url).path.lower()
    if SITEMAP_URL.search(path):
        return "sitemap"
    if FEED_URL.search(path):
        return "feed"
    return "start"


def looks_binary(body: bytes) -> bool:
    """A file (PDF, image, archive, Office document) served as if it were a page."""
    head = body[:BINARY_SNIFF_BYTES]
    return head.startswith(BINARY_MAGIC) or b"\x00" in head


_XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, recover=True, huge_tree=False
)


def _profile_bodies(root: html.HtmlElement, profile: SiteProfile | None) -> list[html.HtmlElement]:
    if profile is None or not profile.body_selector:
        return []
    return list(compile_css(profile.body_selector)(root))


def _unlinked_paragraph_chars(root: html.HtmlElement) -> int:
    total = 0
    for paragraph in _PARAGRAPHS(root):
        size = _text_length(paragraph)
        if size >= PARAGRAPH_MIN_CHARS and not _LINKS_IN(paragraph):
            total += size
    return total


def _text_length(node: html.HtmlElement) -> int:
    return sum(len(chunk.strip()) for chunk in node.itertext())


def _absolute_urls(hrefs: Iterable[object], base: str) -> list[str]:
    seen: dict[str, None] = {}
    for href in hrefs:
        url = _absolute_url(str(href), base)
        if url is not None:
            seen.setdefault(url, None)
    return list(seen)


def _absolute_url(href: str, base: str) -> str | None:
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    scheme = href.split(":", 1)[0].lower() if ":" in href else ""
    if scheme in _SKIPPED_SCHEMES:
        return None
    parts = urlsplit(urljoin(base, href))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return urlunsplit(parts._replace(fragment=""))


def _js_int(token: str, text: str) -> int | None:
    if token.isdigit():
        return int(token)
    match = re.search(_JS_INT_ASSIGNMENT.format(name=re.escape(token)), text)
    return int(match.group(1)) if match else None


def _first(groups: tuple[str, ...]) -> str:
    return next((g for g in groups if g), "")


def _first_int(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.search(text)
    if match is None:
        return None
    return int(next(g for g in match.groups() if g))


def _hanweb_params(text: str, page_url: str) -> tuple[tuple[str, str], ...]:
    """columnid, unitid, ... from the nextgroup link (what jpage posts), else from the page."""
    nextgroup = HANWEB_NEXTGROUP.search(text)
    if nextgroup:
        hrefs = [_first(m) for m in HTML_HREF.findall(nextgroup.group(1))]
        if hrefs and "?" in hrefs[0]:
            skip = {"startrecord", "endrecord", "perpage"}
            query = hrefs[0].split("?", 1)[1].replace("&amp;", "&")
            return tuple((k, v) for k, v in parse_qsl(query) if k.lower() not in skip)
    params = []
    column = _first_int(HANWEB_COLUMN_ID, text)
    if column is None:
        in_url = HANWEB_COLUMN_IN_URL.search(page_url)
        column = int(in_url.group(1)) if in_url else None
    if column is not None:
        params.append(("columnid", str(column)))
    unit = _first_int(HANWEB_UNIT_ID, text)
    if unit is not None:
        params.append(("unitid", str(unit)))
    return tuple(params)
