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
On any other site a list page is read without a pattern: its repeated, dated lists of links
(`crawler.page.listing`) and its pager (`crawler.page.pager`). URL shapes, pager words and body
containers are declared in `crawler.page.vocabulary`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from typing import Literal
from urllib.parse import quote, urlencode, urljoin, urlsplit

from lxml import etree, html

from crawler.page.cms import body_containers
from crawler.page.links import (
    MAX_PAGE_LINKS,
    PageKind,
    absolute_url,
    classify_url,
    is_broken_href,
    is_page_url,
    page_base,
)
from crawler.page.listing import (
    ARTICLE_MIN_BODY_CHARS,
    ARTICLE_MIN_PARAGRAPH_CHARS,
    ListItem,
    PageVerdict,
    document_companions,
    is_certainly_list,
    page_verdict,
)
from crawler.page.pager import Pager, find_pager
from crawler.page.profiles import SiteProfile
from crawler.page.scriptlists import held_rows, script_records

__all__ = [
    "ARTICLE_MIN_BODY_CHARS",
    "ARTICLE_MIN_PARAGRAPH_CHARS",
    "HanwebPaging",
    "ListItem",
    "ListPage",
    "PageDecision",
    "Pager",
    "body_containers",
    "classify_page",
    "classify_url",
    "dataproxy_urls",
    "decide_page",
    "feed_links",
    "hanweb_paging",
    "hanweb_record_links",
    "is_page_url",
    "looks_binary",
    "page_links",
    "read_hanweb_records",
    "read_list_page",
    "start_kind",
]

StartKind = Literal["article", "sitemap", "feed", "start"]  # how a seed URL is requested

SITEMAP_URL = re.compile(r"sitemap[^/]*\.xml(\.gz)?$")
FEED_URL = re.compile(r"(\.rss|/rss\.xml|/feed|/atom\.xml|/rss)/?$")
BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0",
                b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")  # fmt: skip
BINARY_SNIFF_BYTES = 1024
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# Hanweb datastore: records hold escaped list-item HTML in CDATA sections
HANWEB_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.DOTALL | re.I)
HANWEB_NEXTGROUP = re.compile(r"<nextgroup>\s*<!\[CDATA\[(.*?)\]\]>", re.DOTALL | re.IGNORECASE)
HTML_HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
HANWEB_DATASTORE = re.compile(r"<datastore>.*?</datastore>", re.DOTALL | re.IGNORECASE)
HANWEB_TOTAL_WITH_STORE = re.compile(
    r"totalRecord\s*:\s*['\"]?(\d+)['\"]?\s*,[^;{}]*?dataStore\s*:"
    r"|dataStore\s*:[^;{}]*?totalRecord\s*:\s*['\"]?(\d+)",
    re.IGNORECASE,
)
HANWEB_TOTAL = re.compile(r"<totalrecord>\s*(\d+)|totalRecord\s*[:=]\s*['\"]?(\d+)", re.I)
HANWEB_PERPAGE = re.compile(r"<perpage>\s*(\d+)|\bperPage\s*[:=]\s*['\"]?(\d+)", re.I)
HANWEB_GROUPSIZE = re.compile(r"\bgroupSize\s*[:=]\s*['\"]?(\d+)", re.IGNORECASE)
HANWEB_COLUMN_ID = re.compile(r"\bcolumnid\s*[:=]\s*['\"]?(\d+)", re.IGNORECASE)
HANWEB_UNIT_ID = re.compile(r"\bunitid\s*[:=]\s*['\"]?(\d+)", re.IGNORECASE)
HANWEB_COLUMN_IN_URL = re.compile(r"/col/col(\d+)/")
# the paging endpoint a page names: jpage's proxyUrl option, or any *dataproxy.jsp path
HANWEB_PROXY_URL = re.compile(r"""proxyUrl\s*[:=]\s*["']([^"'\s]+)["']""", re.IGNORECASE)
HANWEB_PROXY_PATH = re.compile(r"""["'(=]\s*(/[\w./-]*?dataproxy\.jsp)""", re.IGNORECASE)
DATAPROXY_PATH = "/module/web/jpage/dataproxy.jsp"  # when the page names none
HANWEB_DEFAULT_PERPAGE = 15  # jpage's defaults when a page does not say
HANWEB_DEFAULT_GROUPSIZE = 3
_QUERY_SAFE = "%/:=&?~#+!$,;'@()*[]"  # kept as written in a query value: it is already encoded

_LINK_XPATH = etree.XPath("//a[@href]/@href | //area[@href]/@href")

FEED_ITEM_LINKS = etree.XPath(
    "//*[local-name()='item']/*[local-name()='link']/text()"
    " | //*[local-name()='entry']/*[local-name()='link'][not(@rel) or @rel='alternate']/@href"
)


def looks_like_article(
    root: html.HtmlElement, profile: SiteProfile | None = None, url: str = ""
) -> bool:
    """By structure: a CMS body container (or the profile's) holding prose; on a page without
    a known container, enough prose in paragraphs; and no list outweighing that prose."""
    return page_verdict(url, root, profile).kind == "article"


def classify_page(url: str, root: html.HtmlElement, profile: SiteProfile | None = None) -> PageKind:
    """URL patterns first; where they are not conclusive, the page's structure decides."""
    return decide_page(url, root, profile).kind


@dataclass(frozen=True)
class PageDecision:
    """What a fetched page is, why, and (when its structure decided) what was weighed."""

    kind: PageKind
    why: str
    verdict: PageVerdict | None = None
    pager: Pager | None = None


def decide_page(
    url: str, root: html.HtmlElement, profile: SiteProfile | None = None, text: str | None = None
) -> PageDecision:
    """`classify_page` with its reason in words (for the spider's list reading and the probe).
    With the page's `text`, a pager counts as evidence of a list page."""
    kind = classify_url(url, profile)
    if kind == "article":
        return PageDecision(kind, "article: the URL has an article's shape")
    if kind == "list" and is_certainly_list(url, profile):
        return PageDecision(kind, "list: the URL has a list page's shape")
    pager = find_pager(root, text, url) if text is not None else None
    verdict = page_verdict(url, root, profile, paged=pager is not None and pager.found)
    return PageDecision(verdict.kind, verdict.why, verdict, pager)


@dataclass(frozen=True)
class ListPage:
    """What a list page leads to: the article links of its lists (`items`, with titles and
    dates), its pager, Hanweb datastore records, and every other page link (navigation,
    side boxes), each URL once."""

    items: tuple[ListItem, ...]
    pager: Pager
    records: tuple[str, ...]
    links: tuple[str, ...]
    why: str = ""
    links_capped: bool = False  # the page has more than MAX_PAGE_LINKS links: the rest unread
    bad_links: int = 0  # hrefs that are no URL at all (`http://[::1/x`), each skipped
    # rows that are document files (a 信息公开 column's PDFs), with their titles and dates
    documents: tuple[ListItem, ...] = ()
    # other links in those rows (a download icon for the same file): not followed
    document_companions: int = 0
    # items read from records a script renders, or from rows a comment holds for one
    # (crawler.page.scriptlists)
    script_rows: int = 0


def read_list_page(
    url: str,
    root: html.HtmlElement,
    text: str,
    profile: SiteProfile | None = None,
    decision: PageDecision | None = None,
) -> ListPage:
    """A list page's items, pager and remaining links (`decision`: what `decide_page` already
    found out, reused)."""
    decided = decision or PageDecision("list", "")
    verdict = decided.verdict or page_verdict(url, root, profile)
    pager = decided.pager or find_pager(root, text, url)
    pager_urls = set(pager.links) | ({pager.next_url} if pager.next_url else set())
    listing = verdict.listing
    rows = {item.url for item in (*listing.items, *listing.documents)}
    # a Hanweb datastore's records: the rows jpage renders (a page may repeat them for phones)
    stored = read_hanweb_records(text, url, profile)
    items = listing.items + tuple(item for item in stored.items if item.url not in rows)
    # rows a script renders from data the page carries (`var listData = {articleList: …}`)
    seen = rows | {item.url for item in items}
    scripted = tuple(item for item in script_records(root, url) if item.url not in seen)
    items += scripted
    documents = listing.documents + tuple(doc for doc in stored.documents if doc.url not in rows)
    # rows (and the pager's call) a comment holds for a script to render
    held_items: list[ListItem] = []
    for held in held_rows(root):
        found = page_verdict(url, held, profile).listing
        seen = {item.url for item in (*items, *documents, *held_items)}
        held_items += [item for item in found.items if item.url not in seen]
        documents += tuple(doc for doc in found.documents if doc.url not in seen)
        if not pager.found:
            pager = find_pager(held, "", url)
            pager_urls = set(pager.links) | ({pager.next_url} if pager.next_url else set())
    items += tuple(held_items)
    rows |= {item.url for item in (*items, *documents)}
    records = tuple(url for url in stored.records if url not in rows)
    companions = document_companions(root, url, (item.url for item in listing.documents))
    taken = rows | pager_urls | set(records) | companions
    all_links, bad = _page_links_counted(root, url)
    links = tuple(link for link in all_links if link not in taken)
    capped = next(islice(root.iter("a"), MAX_PAGE_LINKS, None), None) is not None
    return ListPage(
        items, pager, records, links, verdict.why, capped, bad, documents,
        len(companions - rows) + stored.document_companions, len(scripted) + len(held_items),
    )  # fmt: skip


def read_hanweb_records(text: str, url: str, profile: SiteProfile | None = None) -> ListPage:
    """The records of a Hanweb datastore (a column page's or a dataproxy.jsp answer's) read as
    the rows jpage renders them: items with their titles and dates, document rows, and the
    links of records no row holds (`records`)."""
    records = HANWEB_RECORD.findall(text) if "<record" in text else []
    if not records:
        return ListPage((), Pager(), (), ())
    links = hanweb_record_links(text, url)
    root = html.document_fromstring(f"<html><body><div>{''.join(records)}</div></body></html>")
    listing = page_verdict(url, root, profile).listing
    rows = {item.url for item in (*listing.items, *listing.documents)}
    companions = document_companions(root, url, (item.url for item in listing.documents))
    leftover = tuple(link for link in links if link not in rows and link not in companions)
    return ListPage(
        listing.items, Pager(), leftover, (), documents=listing.documents,
        document_companions=len(companions - rows),
    )  # fmt: skip


def page_links(root: html.HtmlElement, base_url: str) -> list[str]:
    """Absolute http(s) URLs of a page's `<a href>` links, fragments dropped, in page order."""
    return _page_links_counted(root, base_url)[0]


def _page_links_counted(root: html.HtmlElement, base_url: str) -> tuple[list[str], int]:
    """`page_links` and how many hrefs were no URL at all (skipped one by one)."""
    base = page_base(root, base_url)
    hrefs = [str(href) for href in islice(_LINK_XPATH(root), MAX_PAGE_LINKS)]
    urls = _absolute_urls(hrefs, base)
    bad = sum(
        1 for href in hrefs if "[" in href or (":" in href[6:] and is_broken_href(href, base))
    )
    return urls, bad


@dataclass(frozen=True)
class HanwebPaging:
    """What a jpage list needs to fetch the rest of its records."""

    total: int
    per_page: int
    group_size: int
    inline: int  # records the column page itself carries
    params: tuple[tuple[str, str], ...]  # columnid, unitid, ... as written in the nextgroup link
    endpoint: str = DATAPROXY_PATH  # the paging proxy the page names


def hanweb_record_links(text: str, page_url: str) -> list[str]:
    """Links inside `<datastore><recordset><record><![CDATA[...]]>` (a column page or a
    dataproxy.jsp answer)."""
    hrefs = (_first(m) for record in HANWEB_RECORD.findall(text) for m in HTML_HREF.findall(record))
    return _absolute_urls(hrefs, page_url)


def hanweb_paging(text: str, page_url: str) -> HanwebPaging | None:
    """The jpage settings of a Hanweb column page, or None when it has no datastore paging."""
    if "datastore" not in text:
        return None
    # the call that hands jpage its datastore holds the real count; a fallback function beside
    # it (`jpage_423656(){…totalRecord:1000…}`) does not
    total = _first_int(HANWEB_TOTAL_WITH_STORE, text) or _first_int(HANWEB_TOTAL, text)
    if total is None:
        return None
    per_page = _first_int(HANWEB_PERPAGE, text) or HANWEB_DEFAULT_PERPAGE
    group_size = _first_int(HANWEB_GROUPSIZE, text) or HANWEB_DEFAULT_GROUPSIZE
    # the records of the first datastore, whose unit the paging parameters name (a page may
    # repeat them in a second unit for phones)
    store = HANWEB_DATASTORE.search(text)
    inline = len(HANWEB_RECORD.findall(store.group(0) if store else text))
    params = _hanweb_params(text, page_url)
    return HanwebPaging(total, per_page, group_size, inline, params, _hanweb_endpoint(text))


def dataproxy_urls(paging: HanwebPaging, page_url: str, encoding: str = "utf-8") -> list[str]:
    """The dataproxy.jsp requests that fetch the records a column page does not carry itself.

    jpage shows `perpage` records a page and loads `groupSize` pages per request: records
    k*perpage*groupSize+1 .. (k+1)*perpage*groupSize. Sites inline a full group or only its
    first page, so the requests start after the records the page actually holds. Parameters
    are sent as the page wrote them: `%C7%F8` stays GBK, and text the page left unencoded is
    encoded in the page's own `encoding`, as a browser would.
    """
    step = paging.per_page * paging.group_size
    fixed = "&".join(f"{k}={_encode_query_value(v, encoding)}" for k, v in paging.params)
    urls = []
    for start in range(paging.inline + 1, paging.total + 1, step):
        end = min(start + step - 1, paging.total)
        query = urlencode(
            [("startrecord", str(start)), ("endrecord", str(end)), ("perpage", paging.per_page)]
        )
        query += f"&{fixed}" if fixed else ""
        urls.append(urljoin(page_url, paging.endpoint) + "?" + query)
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
    """A file (PDF, image, archive, Office document) served as if it were a page. UTF-16 text
    with its byte-order mark is text (half its bytes are NULs): `decode_page` reads it."""
    head = body[:BINARY_SNIFF_BYTES]
    if head.startswith(UTF16_BOMS):
        return False
    return head.startswith(BINARY_MAGIC) or b"\x00" in head


_XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, recover=True, huge_tree=False
)


def _absolute_urls(hrefs: Iterable[object], base: str) -> list[str]:
    seen: dict[str, None] = {}
    for href in hrefs:
        url = absolute_url(str(href), base)
        if url is not None:
            seen.setdefault(url, None)
    return list(seen)


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
            pairs = (pair.partition("=") for pair in query.split("&") if pair)
            # as written: decoding and encoding again would turn GBK bytes into U+FFFD
            return tuple((k, v) for k, _, v in pairs if k.lower() not in skip)
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


def _hanweb_endpoint(text: str) -> str:
    """The paging proxy the page uses: jpage's proxyUrl, the nextgroup link's path, or any
    dataproxy.jsp path in its scripts."""
    named = HANWEB_PROXY_URL.search(text)
    if named and "dataproxy" in named.group(1).lower():
        return named.group(1)
    nextgroup = HANWEB_NEXTGROUP.search(text)
    if nextgroup:
        hrefs = [_first(m) for m in HTML_HREF.findall(nextgroup.group(1))]
        if hrefs and "dataproxy" in hrefs[0].lower():
            return hrefs[0].split("?", 1)[0].replace("&amp;", "&")
    path = HANWEB_PROXY_PATH.search(text)
    return path.group(1) if path else DATAPROXY_PATH


def _encode_query_value(value: str, encoding: str) -> str:
    """Percent-encode what a page left raw (in its own encoding); keep `%XX` as written."""
    if value.isascii():
        return quote(value, safe=_QUERY_SAFE)
    return quote(value.encode(encoding, errors="xmlcharrefreplace"), safe=_QUERY_SAFE)
