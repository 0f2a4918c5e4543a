"""`scrapy crawl govnews -a seeds=seeds/demo.txt` or `-a start_urls=URL1,URL2`.

Without seeds the spider looks at single pages only (`scrapy parse URL`, `scrapy shell URL`,
which leave the archive alone): a page with no seed profile gets one made from its URL; a crawl
without seeds is refused (`SpiderArgumentError`).

Thin: seeds in (crawler.seeds), requests out (crawler.page.discovery decides what a page is and
what it links to), article items from crawler.page.extraction. Every page that yields nothing is
counted in the crawl stats under a readable reason and logged once.
"""

from __future__ import annotations

import json
import logging
import re
import zlib
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import suppress
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from scrapy import FormRequest, Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils._compression import _DecompressionMaxSizeExceeded
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

from crawler import defaults
from crawler.components.contract import (
    COLUMN_META,
    CONTINUED_META,
    DOCUMENT_META,
    FAILED_META,
    FORCED_ENCODING_META,
    KIND_META,
    LISTED_META,
    PAGE_NUMBER_META,
    PAGER_META,
    SITE_META,
    UNKNOWN_DEPTH_META,
    VERIFY_META,
    WARC_META,
    RequestKind,
    SkipRequest,
    page_read_as_list,
    page_skipped,
    response_header,
)
from crawler.components.runid import run_id_for
from crawler.page.assemble import (
    Assembled,
    FetchedPage,
    assemble_document,
    assemble_record,
    unusable_reason,
)
from crawler.page.continued import article_pages, continues, joined
from crawler.page.discovery import (
    ListItem,
    ListPage,
    PageDecision,
    classify_url,
    dataproxy_urls,
    decide_page,
    feed_links,
    hanweb_paging,
    is_feed,
    is_page_url,
    is_sitemap,
    looks_binary,
    read_hanweb_records,
    read_list_page,
    start_kind,
)
from crawler.page.documents import attachment_title
from crawler.page.extraction import parse_html
from crawler.page.jpaas import UNIT_MARK, XHR_HEADERS, read_unit_answer, unit_requests
from crawler.page.links import MAX_PAGE_LINKS, links_cut
from crawler.page.listing import is_listed_article
from crawler.page.metadata import base_url
from crawler.page.pager import POSTBACK_FORM_XPATH, Pager, pages_to_schedule
from crawler.page.profiles import SiteProfile
from crawler.page.record import Record, utc_now_iso
from crawler.page.vocabulary import DOCUMENT_URL
from crawler.seeds import SeedFileError, load_seeds, profiles_from_urls, site_netloc

logger = logging.getLogger(__name__)

# Scrapy's default; the spider applies it to discovered links (UrlLengthMiddleware is off)
URLLENGTH_LIMIT = 2083

# download failures by exception class name -> stats reason (skip/<reason>); README lists them
FAILURE_REASONS = {
    "DNSLookupError": "dns_or_connection",
    "CannotResolveHostError": "dns_or_connection",
    "ConnectionRefusedError": "dns_or_connection",
    "DownloadConnectionRefusedError": "dns_or_connection",
    "ConnectError": "dns_or_connection",
    # the server reset or closed the connection before a whole answer
    "ConnectionLost": "connection_lost",
    "ConnectionDone": "connection_lost",
    "ResponseNeverReceived": "connection_lost",
    "ResponseFailed": "connection_lost",
    "ParseError": "malformed_response",  # no HTTP status line / headers twisted can read
    "BadHttpResponse": "malformed_response",
    "TCPTimedOutError": "timeout",
    "TimeoutError": "timeout",
    "DownloadTimeoutError": "timeout",
    "DownloadCancelledError": "too_large",  # DOWNLOAD_MAXSIZE cancels the download
    "CancelledError": "too_large",
    "ResponseDataLossError": "truncated_response",  # less body than Content-Length announced
    "_DataLoss": "truncated_response",
}
# when a failure wraps several (Scrapy's DownloadFailedError over twisted's errors), the first
# of these found names it
REASON_PRIORITY = ("malformed_response", "truncated_response", "too_large", "timeout",
                   "dns_or_connection", "connection_lost")  # fmt: skip
_UTF8_NAMES = frozenset({"utf-8", "utf8", "UTF-8"})
LOGGED_TEXT_CHARS = 300  # a URL or detail in a log line is cut here: a line stays readable
BASE_ELEMENT = re.compile(rb"<base\b[^>]*>", re.IGNORECASE)
XML_KINDS = frozenset({"start", "sitemap", "feed"})  # may be sitemaps: DOWNLOAD_MAXSIZE holds
XML_JUNK_BYTES = 4096  # a sitemap may carry this much junk (a PHP warning, a BOM) before <?xml


class SpiderArgumentError(ValueError):
    """A spider argument (-a) that cannot be used; the message names it."""


class SpiderRequest(Request):
    """A request whose callback and errback are the spider's own methods, serialized (disk
    queue, Redis queue) with their names: Scrapy's `Request.to_dict` finds the names among every
    member of the spider (`inspect.getmembers`, twice a request), which cost more than a tenth
    of a millisecond per request."""

    def to_dict(self, *, spider: Spider | None = None) -> dict[str, Any]:
        methods = (self.callback, self.errback)
        if spider is None or not all(_method_of(m, spider) for m in methods):
            return super().to_dict(spider=spider)
        data: dict[str, Any] = {
            "url": self.url,
            "callback": getattr(self.callback, "__name__", None),
            "errback": getattr(self.errback, "__name__", None),
            "headers": dict(self.headers),
        }
        for attr in self.attributes:
            data.setdefault(attr, getattr(self, attr))
        data["_class"] = f"{type(self).__module__}.{type(self).__qualname__}"
        return data


def _method_of(function: Any, spider: Spider) -> bool:
    return function is None or getattr(function, "__self__", None) is spider


class GovnewsSpider(Spider):
    name = "govnews"

    def __init__(self, seeds: str | None = None, start_urls: str | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        if seeds:
            profiles = load_seeds(seeds)
        elif start_urls:
            try:
                profiles = profiles_from_urls(start_urls.split(","))
            except SeedFileError as exc:
                reason = str(exc).removeprefix(f"{exc.path}:{exc.line}: ")
                raise SpiderArgumentError(f"-a start_urls: {reason}") from None
        else:
            profiles = []  # single pages only (scrapy parse / shell); a crawl refuses this
        self.profiles: dict[str, SiteProfile] = {p.name: p for p in profiles}
        self.site_netlocs = {site_netloc(u) for p in profiles for u in p.start_urls}
        # bounded (SPIDER_REMEMBERED_URLS, oldest forgotten first), so memory does not grow with
        # the crawl: a link scheduled longer ago goes to the scheduler's dupefilter, which drops it
        self.remembered_urls = defaults.SPIDER_REMEMBERED_URLS
        self._logged_reasons: OrderedDict[tuple[str, str], None] = OrderedDict()
        # URLs scheduled, with the depth they were scheduled at: list pages repeat the same links
        # (nav, sidebars, pagers); dropping them here spares each one Scrapy's middleware chain
        # and fingerprinting. A URL is entered only when it is scheduled, and a list page seen
        # again nearer to content is read at that depth: the crawl's set does not depend on
        # which copy of a link answered first.
        self._requested: OrderedDict[str, int] = OrderedDict()
        self._listed_at: OrderedDict[str, int] = OrderedDict()  # list pages read, at that depth
        self._column_pages: dict[str, int] = {}  # list pages scheduled per column
        self._capped_columns: set[str] = set()
        self.unknown_depth = defaults.SPIDER_UNKNOWN_PAGE_DEPTH
        self.max_list_pages = defaults.SPIDER_MAX_LIST_PAGES_PER_COLUMN
        self.pager_window = defaults.SPIDER_PAGER_WINDOW
        self.article_pages = defaults.SPIDER_ARTICLE_PAGES
        self.follow_sitemaps = defaults.SPIDER_FOLLOW_SITEMAPS
        self.follow_feeds = defaults.SPIDER_FOLLOW_FEEDS
        self.follow_attachments = defaults.SPIDER_FOLLOW_ATTACHMENTS
        self.max_url_length = URLLENGTH_LIMIT
        self.max_page_bytes = defaults.EXTRACT_MAX_PAGE_BYTES
        self.min_body_chars = defaults.EXTRACT_MIN_BODY_CHARS
        self.page_download_limit = defaults.EXTRACT_MAX_PAGE_BYTES
        self.document_download_limit = defaults.EXTRACT_MAX_PAGE_BYTES

    @classmethod
    def handles_request(cls, request: Request) -> bool:
        """The project's one spider reads any page: `scrapy parse URL` needs no --spider."""
        return True

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> GovnewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        if not spider.profiles and settings.getbool("ARCHIVE_OPEN", defaults.ARCHIVE_OPEN):
            raise SpiderArgumentError("give -a seeds=FILE or -a start_urls=URL1,URL2")
        spider.unknown_depth = settings.getint(
            "SPIDER_UNKNOWN_PAGE_DEPTH", defaults.SPIDER_UNKNOWN_PAGE_DEPTH
        )
        spider.follow_sitemaps = settings.getbool(
            "SPIDER_FOLLOW_SITEMAPS", defaults.SPIDER_FOLLOW_SITEMAPS
        )
        spider.follow_feeds = settings.getbool("SPIDER_FOLLOW_FEEDS", defaults.SPIDER_FOLLOW_FEEDS)
        policy = str(settings.get("SPIDER_FOLLOW_ATTACHMENTS", defaults.SPIDER_FOLLOW_ATTACHMENTS))
        if policy.lower() not in defaults.ATTACHMENT_POLICIES:
            raise SpiderArgumentError(
                f"SPIDER_FOLLOW_ATTACHMENTS={policy!r}: give short, all or none"
            )
        spider.follow_attachments = defaults.ATTACHMENT_POLICIES[policy.lower()]
        spider.max_list_pages = settings.getint(
            "SPIDER_MAX_LIST_PAGES_PER_COLUMN", defaults.SPIDER_MAX_LIST_PAGES_PER_COLUMN
        )
        spider.pager_window = settings.getint("SPIDER_PAGER_WINDOW", defaults.SPIDER_PAGER_WINDOW)
        spider.article_pages = max(
            settings.getint("SPIDER_ARTICLE_PAGES", defaults.SPIDER_ARTICLE_PAGES), 0
        )
        spider.remembered_urls = max(
            settings.getint("SPIDER_REMEMBERED_URLS", defaults.SPIDER_REMEMBERED_URLS), 1
        )
        spider.max_url_length = settings.getint("URLLENGTH_LIMIT", URLLENGTH_LIMIT)
        spider.max_page_bytes = settings.getint(
            "EXTRACT_MAX_PAGE_BYTES", defaults.EXTRACT_MAX_PAGE_BYTES
        )
        spider.min_body_chars = settings.getint(
            "EXTRACT_MIN_BODY_CHARS", defaults.EXTRACT_MIN_BODY_CHARS
        )
        download_max = settings.getint("DOWNLOAD_MAXSIZE")
        spider.page_download_limit = min(
            spider.max_page_bytes, download_max or spider.max_page_bytes
        )
        spider.document_download_limit = download_max or spider.max_page_bytes
        return spider

    async def start(self) -> AsyncIterator[Request]:
        for profile in self.profiles.values():
            for url in profile.start_urls:
                request = self._request(url, start_kind(url, profile), profile, dont_filter=True)
                self._mark_start(url, request.url)
                yield request

    def _mark_start(self, *urls: str) -> None:
        """A start page in every spelling its own links give it (`http://h` is `http://h/`):
        a start request bypasses the duplicate filter, so a self-link must stop here."""
        for url in urls:
            self._remember(self._requested, url, 0)
            with suppress(ValueError):
                self._remember(self._requested, canonicalize_url(url), 0)

    # --- responses ---

    def parse(self, response: Response) -> Iterator[Any]:
        profile = self._profile_of(response)
        kind = response.meta.get(KIND_META, "start")  # no kind: a page given by hand
        if kind == "start":
            self.site_netlocs.add(site_netloc(response.url))  # the site may redirect to www.
            self._mark_start(response.url)
        elif site_netloc(response.url) not in self.site_netlocs:
            self._skip(
                "spider/offsite", response.url, "redirected off the seeds' sites",
                request=response.request,
            )  # fmt: skip
            return
        try:
            xml = self._xml_body(response, kind)  # before the binary check: a .xml.gz is gzip
        except SkipRequest as skipped:
            self._skip(f"skip/{skipped.reason}", response.url, str(skipped))
            return
        if xml is not None:
            yield from self._follow_xml(xml, response, profile)
            return
        # a list's row that is a file: by its URL (whatever type the answer declares), or a
        # download link no URL tells whose answer declares a file's type (bytes a server sends
        # as text/html there are bad input: extract/not_html)
        row = response.meta.get(DOCUMENT_META)
        is_file = not isinstance(response, TextResponse)
        if row is None and is_file:
            row = response.meta.get(LISTED_META)
        if row and (is_file or looks_binary(response.body)):
            if document := self._document(response, profile, row):
                yield document
            return
        if reason := unusable_reason(response.body, self.max_page_bytes):
            size = f"{len(response.body)} bytes"
            self._skip(reason, response.url, size, request=response.request)
            return
        if kind == "dataproxy":  # its records, read as the rows jpage renders
            page = read_hanweb_records(_text(response), response.url, profile)
            yield from self._follow_list_page(page, response, profile, self._depth(response))
        elif kind == "unit":
            yield from self._unit_answer(response, profile)
        elif not isinstance(response, TextResponse):
            self._skip(
                "extract/not_html", response.url, "not a text response", request=response.request
            )
        else:
            yield from self._parse_page(response, profile)

    def _parse_page(self, response: TextResponse, profile: SiteProfile) -> Iterator[Any]:
        kind = response.meta.get(KIND_META, "start")
        verify = bool(response.meta.get(VERIFY_META)) or self._redirected_away(response, profile)
        if kind != "article" or verify:
            response = self._first_links_only(response)
        root = _tree(response)  # parsed once; extraction reuses this tree
        try:
            base_url(root, response.url)
        except ValueError:  # a <base href> that is no URL is dropped
            self.crawler.stats.inc_value("discovery/bad_links")
            response = response.replace(body=BASE_ELEMENT.sub(b"", response.body))
            root = _tree(response)
        decision = None
        if kind == "article" and not verify:
            page_kind = "article"
        else:
            decision = decide_page(response.url, root, profile, _text(response))
            page_kind = decision.kind
        if page_kind == "article":
            if item := self._article(response, root, profile):
                yield from self._whole(item, response, root, profile)
                yield from self._follow_attachments(item, profile)
            return
        if (
            kind == "article"
            and decision is not None
            and (listed := self._listed_article(response, root, profile, decision))
        ):
            # and its lists are read all the same: nothing they lead to is lost
            yield from self._whole(listed, response, root, profile)
            yield from self._follow_attachments(listed, profile)
        if kind == "article":  # the crawl state revalidates it as a list from now on
            self.crawler.signals.send_catch_log(
                page_read_as_list, request=response.request, response=response
            )
        self.crawler.stats.inc_value("discovery/list_pages")
        depth = self._depth(response)
        self._remember(self._listed_at, _request_url(response), depth)
        page = read_list_page(response.url, root, _text(response), profile, decision)
        if page.links_capped:
            self._skip(
                "discovery/links_capped",
                response.url,
                f"only its first {MAX_PAGE_LINKS} links read",
            )
        if page.bad_links:
            self.crawler.stats.inc_value("discovery/bad_links", page.bad_links)
        if page.document_companions:
            self.crawler.stats.inc_value("discovery/document_companions", page.document_companions)
        yield from self._follow_list_page(page, response, profile, depth)
        yield from self._hanweb_proxy_requests(response, profile, depth)
        yield from self._unit_requests(root, response, profile, depth)

    def _redirected_away(self, response: TextResponse, profile: SiteProfile) -> bool:
        """An article's request answered from a URL that names no article (a deleted article
        sent to the home page or its column): the page is read as what its structure says,
        never archived as the article (`discovery/articles_redirected`)."""
        redirected = response.meta.get("redirect_urls")
        if response.meta.get(KIND_META) != "article" or not redirected:
            return False
        if (
            not _elsewhere(redirected[0], response.url)
            or classify_url(response.url, profile) == "article"
        ):
            return False  # http -> https, a new host name, an article moved to its new URL
        self.crawler.stats.inc_value("discovery/articles_redirected")
        logger.info("Article %s redirected to %s: read as the page it is", _cut(redirected[0]),
                    _cut(response.url))  # fmt: skip
        return True

    def _first_links_only(self, response: TextResponse) -> TextResponse:
        """A page of more than MAX_PAGE_LINKS links (a link farm) is read up to its last one
        read: its tree is built from that much of the page only."""
        cut = links_cut(response.body)
        if cut is None:
            return response
        self._skip("discovery/links_capped", response.url, f"first {MAX_PAGE_LINKS} links read")
        return response.replace(body=response.body[:cut], encoding=response.encoding)

    def _follow_list_page(
        self, page: ListPage, response: Response, profile: SiteProfile, depth: int
    ) -> Iterator[Request]:
        """Items and records one step from content, pager pages at the list's own depth, the
        remaining links (navigation, side boxes) as any other link."""
        self.crawler.stats.inc_value("discovery/list_items", len(page.items))
        if page.script_rows:
            self.crawler.stats.inc_value("discovery/script_rows", page.script_rows)
        for item in page.items:
            yield from self._follow_one(item.url, profile, depth, listed=(item.title, item.date))
        yield from self._follow_documents(page.documents, profile)
        yield from self._follow(page.records, profile, depth)
        column = response.meta.get(COLUMN_META) or _request_url(response)
        yield from self._follow_pager(page.pager, response, profile, depth, column)
        yield from self._follow(page.links, profile, depth)

    def _follow_attachments(self, record: Record, profile: SiteProfile) -> Iterator[Request]:
        """SPIDER_FOLLOW_ATTACHMENTS: the article's attachments that are documents (by their
        URL, or a download endpoint whose URL names no file type), each archived as a document
        record titled as the article shows it and dated as the article; by default only for an
        article published as its attachments (short_body)."""
        if self.follow_attachments == "none" or (
            self.follow_attachments == "short" and "short_body" not in record["flags"]
        ):
            return
        files = [  # numbered as the page lists its attachments
            (n, url, attachment["title"])
            for n, attachment in enumerate(record["attachments"], 1)
            if (url := attachment["url"])
            and (DOCUMENT_URL.search(urlsplit(url).path) or is_page_url(url))
        ]
        documents = [  # `工作方案.pdf` titles the document 工作方案; `附件1`, the article
            ListItem(url, attachment_title(text, record["title"] or "", n), record["published_at"])
            for n, url, text in files
        ]
        yield from self._follow_documents(documents, profile, "discovery/attachments")

    def _follow_documents(
        self, documents: Iterable[ListItem], profile: SiteProfile, stat: str = "discovery/documents"
    ) -> Iterator[Request]:
        """Rows that are document files (a 信息公开 column's PDFs): fetched as articles, each
        archived as a document record (`_document`), up to DOWNLOAD_MAXSIZE."""
        for item in documents:
            if not self._needs_request(item.url, 0) or not self._allowed(item.url, profile):
                continue
            self.crawler.stats.inc_value(stat)
            request = self._schedule(
                item.url, "article", profile, 0, meta={DOCUMENT_META: (item.title, item.date)}
            )
            request.meta["download_maxsize"] = self.document_download_limit
            yield request

    def _follow_pager(
        self, pager: Pager, response: Response, profile: SiteProfile, depth: int, column: str
    ) -> Iterator[Request]:
        carried, number = response.meta.get(PAGER_META), response.meta.get(PAGE_NUMBER_META)
        for page in pages_to_schedule(pager, self.pager_window, carried, number):
            if not self._needs_request(page.url, depth) or not self._allowed(page.url, profile):
                continue
            if self._column_full(column):
                continue
            meta: dict[str, Any] = {COLUMN_META: column, UNKNOWN_DEPTH_META: depth}
            if page.spec is not None:
                meta.update({PAGER_META: page.spec, PAGE_NUMBER_META: page.number})
            self.crawler.stats.inc_value("discovery/pager_pages")
            yield self._schedule(page.url, "list", profile, depth, meta=meta)
        if pager.postback is not None and isinstance(response, TextResponse):
            yield from self._postback(pager, response, profile, depth, column)

    def _postback(
        self, pager: Pager, response: TextResponse, profile: SiteProfile, depth: int, column: str
    ) -> Iterator[Request]:
        """The next page of an ASP.NET pager: this page's form posted back, as a browser does
        it (every field of the form, `__EVENTTARGET` and `__EVENTARGUMENT` set). Its request is
        known by the form's URL and a fragment naming the page (`#postback=<target>:<n>`), so
        that it is requested once and settled on its own in the crawl state."""
        postback = pager.postback
        assert postback is not None
        number = postback.number or int(response.meta.get(PAGE_NUMBER_META) or 1) + 1
        try:
            form = FormRequest.from_response(
                response, formxpath=POSTBACK_FORM_XPATH, dont_click=True,
                formdata={"__EVENTTARGET": postback.target, "__EVENTARGUMENT": postback.argument},
            )  # fmt: skip
        except ValueError as exc:  # no such form after all, or an action that is no URL
            self._skip("discovery/postback_unusable", response.url, str(exc))
            return
        url = f"{form.url.split('#', 1)[0]}#postback={postback.target}:{number}"
        if not self._needs_request(url, depth) or not self._allowed(url, profile):
            return
        if self._column_full(column):
            return
        request = self._schedule(url, "list", profile, depth, meta={
            COLUMN_META: column, UNKNOWN_DEPTH_META: depth, PAGE_NUMBER_META: number,
        })  # fmt: skip
        self.crawler.stats.inc_value("discovery/pager_pages")
        self.crawler.stats.inc_value("discovery/postback_pages")
        yield request.replace(method="POST", body=form.body, headers=form.headers)

    def _column_full(self, column: str) -> bool:
        """Count one more list page for the column, or refuse it past the cap."""
        scheduled = self._column_pages.get(column, 1)  # the column's first page counts
        if scheduled < self.max_list_pages:
            self._column_pages[column] = scheduled + 1
            return False
        self.crawler.stats.inc_value("discovery/list_pages_capped")
        if column not in self._capped_columns:
            self._capped_columns.add(column)
            logger.info("List pages capped at %d for column %s", self.max_list_pages, column)
        return True

    def _article(self, response: TextResponse, root: Any, profile: SiteProfile) -> Record | None:
        return self._archived(self._assembled(response, root, profile), response)

    # --- an article printed over several pages (crawler.page.continued) ---

    def _whole(
        self, record: Record, response: TextResponse, root: Any, profile: SiteProfile
    ) -> Iterator[Any]:
        """The record, or the request for the next page of an article printed over several,
        carrying the record (`parse_continued` reads the rest). Its pages are remembered as
        scheduled: a page read as a list too (`_listed_article`) never follows them as pages of
        its own, which could archive one apart from the record it joins."""
        pages = self._pages_of(record, response, root)
        for _, url in pages:
            self._remember(self._requested, url, 0)
        yield from self._next_page(record, pages, profile, 0)

    def _pages_of(self, record: Record, response: TextResponse, root: Any) -> list[list[Any]]:
        if not self.article_pages:
            return []
        found = article_pages(
            root, _text(response), response.url, record["url"], self.article_pages
        )
        return [[number, url] for number, url in found]

    def _next_page(
        self, record: Record, pages: list[list[Any]], profile: SiteProfile, count: int,
        after: int = 0,
    ) -> Iterator[Any]:  # fmt: skip
        """The request for the first of `pages` numbered past `after` (the page just read), or
        the record when none is left or SPIDER_ARTICLE_PAGES were read. Never filtered as a
        duplicate: a request dropped there would lose the record it carries."""
        for at, (number, url) in enumerate(pages):
            if count >= self.article_pages:
                break
            if number <= after or not self._allowed(url, profile):
                continue
            state = {
                "record": record,
                "pages": pages[at + 1 :],
                "count": count + 1,
                "number": number,
            }
            request = self._schedule(
                url, "article", profile, 0, meta={CONTINUED_META: json.dumps(state)}
            )
            self.crawler.stats.inc_value("discovery/article_pages")
            yield request.replace(
                callback=self.parse_continued, errback=self.continued_failed, dont_filter=True
            )
            return
        yield self._kept(record)

    def parse_continued(self, response: Response) -> Iterator[Any]:
        """A page continuing an article: its text after the record's, then the next page or the
        record. A page with text joins it however short (an article's last lines, under
        EXTRACT_MIN_BODY_CHARS, or no title of its own); a page with none archives the record as
        read so far (`pages_missing`)."""
        state = json.loads(response.meta[CONTINUED_META])
        record: Record = state["record"]
        profile = self._profile_of(response)
        reason, detail = "extract/not_html", "not a text response"
        if isinstance(response, TextResponse):
            reason = unusable_reason(response.body, self.max_page_bytes) or ""
            detail = f"{len(response.body)} bytes"
        if (asked := response.meta.get("redirect_urls")) and _elsewhere(asked[0], response.url):
            reason, detail = "skip/redirected_away", f"redirected to {_cut(response.url)}"
        if isinstance(response, TextResponse) and not reason:
            root = _tree(response)
            assembled = self._assembled(response, root, profile)
            if (more := continues(assembled)) is not None:
                record = joined(record, more, self.min_body_chars)
                yield from self._follow_attachments(record, profile)  # this page's files too
                pages = _later_pages(state["pages"], self._pages_of(record, response, root))
                yield from self._next_page(record, pages, profile, state["count"], state["number"])
                return
            reason, detail = assembled.dropped or "extract/empty_body", assembled.detail
        self._skip(reason, response.url, detail, request=response.request)
        yield self._partial(record)

    def continued_failed(self, failure: Failure) -> Iterator[Record]:
        """errback of a page continuing an article: counted as any failed request, and the
        record archived as read so far (`pages_missing`): the pages read are never lost."""
        self.failed(failure)
        request = failure.request  # type: ignore[attr-defined]
        yield self._partial(json.loads(request.meta[CONTINUED_META])["record"])

    def _partial(self, record: Record) -> Record:
        record["flags"] = sorted({*record["flags"], "pages_missing"})
        return self._kept(record)

    def _document(
        self, response: Response, profile: SiteProfile, row: tuple[str, str | None]
    ) -> Record | None:
        title, date = row
        assembled = assemble_document(
            _fetched(response), title, date, profile, run_id=run_id_for(self.crawler)
        )
        return self._archived(assembled, response)

    def _archived(self, assembled: Assembled, response: Response) -> Record | None:
        """The record to archive, or None with its drop counted and logged."""
        if assembled.dropped is not None or assembled.record is None:
            reason = assembled.dropped or "extract/error"
            self._skip(reason, response.url, assembled.detail, request=response.request)
            return None
        return self._kept(assembled.record)

    def _listed_article(
        self, response: TextResponse, root: Any, profile: SiteProfile, decision: PageDecision
    ) -> Record | None:
        """A page a list showed as a row, whose structure says list (an article beside long
        related-news boxes): an article all the same when its record has the row's title and a
        body that is not the page's own list (a sub-column's rows), `discovery/listed_articles`."""
        row = response.meta.get(LISTED_META)
        if not row or decision.verdict is None:
            return None
        assembled = self._assembled(response, root, profile)
        record, listing = assembled.record, decision.verdict.listing
        rows = (*listing.items, *listing.documents)
        if assembled.dropped or record is None or not is_listed_article(record, row[0], rows):
            return None  # a page no URL would archive (no body, no title) is none here either
        self.crawler.stats.inc_value("discovery/listed_articles")
        return self._kept(record)

    def _assembled(self, response: TextResponse, root: Any, profile: SiteProfile) -> Assembled:
        return assemble_record(
            _fetched(response, root), profile, min_body_chars=self.min_body_chars,
            max_page_bytes=self.max_page_bytes, run_id=run_id_for(self.crawler),
        )  # fmt: skip

    def _kept(self, record: Record) -> Record:
        # the run that archives it: an article whose later page failed carries its record to
        # the run that reads that page (through the frontier), which archives it
        record["run_id"] = run_id_for(self.crawler)
        for flag in record["flags"]:
            self.crawler.stats.inc_value(f"flags/{flag}")
        return record

    def _follow_xml(self, body: bytes, response: Response, profile: SiteProfile) -> Iterator[Any]:
        if is_sitemap(body):
            if self.follow_sitemaps:
                yield from self._sitemap_requests(body, profile)
        elif is_feed(body):
            if not self.follow_feeds:
                return
            for url in feed_links(body):
                yield from self._follow_one(url, profile, 0)
        else:
            self._skip(
                "extract/not_html", response.url, "XML that is neither sitemap nor feed",
                request=response.request,
            )  # fmt: skip

    def _sitemap_requests(self, body: bytes, profile: SiteProfile) -> Iterator[Request]:
        sitemap = Sitemap(body)
        for url in sitemap_urls(sitemap):
            if not self._allowed(url, profile):
                continue
            if sitemap.type == "sitemapindex":
                if self._needs_request(url, 0):
                    yield self._schedule(url, "sitemap", profile, 0)
            else:
                yield from self._follow_one(url, profile, 0)

    def _hanweb_proxy_requests(
        self, response: TextResponse, profile: SiteProfile, depth: int
    ) -> Iterator[Any]:
        text = _text(response)
        paging = hanweb_paging(text, response.url) if "datastore" in text else None
        if paging is not None:
            for url in dataproxy_urls(paging, response.url, response.encoding):
                if self._needs_request(url, depth):
                    yield self._schedule(url, "dataproxy", profile, depth)

    def _unit_requests(
        self, root: Any, response: TextResponse, profile: SiteProfile, depth: int
    ) -> Iterator[Request]:
        """The JPaaS page units the page's scripts load its rows from, asked for as the
        script does; their rows stand in this page (COLUMN_META)."""
        if UNIT_MARK in _text(response):
            urls = unit_requests(root, response.url)  # rows resolve against the page's URL
            yield from self._schedule_units(urls, profile, depth, response.url)

    def _unit_answer(self, response: Response, profile: SiteProfile) -> Iterator[Request]:
        """A page unit's rows, read as a list standing in its page, and the unit's later pages
        (from its first page's answer, up to SPIDER_MAX_LIST_PAGES_PER_COLUMN pages)."""
        column = response.meta.get(COLUMN_META) or response.url
        answer = read_unit_answer(response.body, response.url, self.max_list_pages)
        if answer is None:
            reason = "extract/not_a_unit_answer"
            self._skip(reason, response.url, "no data.html in the answer", request=response.request)
            return
        depth = self._depth(response)
        self.crawler.stats.inc_value("discovery/unit_pages")
        page = read_list_page(column, parse_html(answer.fragment), answer.fragment, profile)
        yield from self._follow_list_page(page, response, profile, depth)
        yield from self._schedule_units(answer.later_pages, profile, depth, column)

    def _schedule_units(
        self, urls: Iterable[str], profile: SiteProfile, depth: int, column: str
    ) -> Iterator[Request]:
        for url in urls:
            if self._needs_request(url, depth) and self._allowed(url, profile):
                self.crawler.stats.inc_value("discovery/unit_requests")
                request = self._schedule(url, "unit", profile, depth, meta={COLUMN_META: column})
                request.headers.update(XHR_HEADERS)
                yield request

    def _profile_of(self, response: Response) -> SiteProfile:
        """The seed profile the request was made for; for a page given by hand (scrapy parse),
        the seed whose site it is on, else a profile made from its URL."""
        if SITE_META in response.meta:
            return self.profiles[response.meta[SITE_META]]
        netloc = site_netloc(response.url)
        for profile in self.profiles.values():
            if any(site_netloc(url) == netloc for url in profile.start_urls):
                return profile
        (profile,) = profiles_from_urls([response.url])
        self.profiles.setdefault(profile.name, profile)
        return self.profiles[profile.name]

    # --- requests ---

    def _follow(self, urls: Iterable[str], profile: SiteProfile, depth: int) -> Iterator[Request]:
        for url in urls:
            yield from self._follow_one(url, profile, depth)

    def _follow_one(
        self,
        url: str,
        profile: SiteProfile,
        depth: int,
        listed: tuple[str, str | None] | None = None,
    ) -> Iterator[Request]:
        """Articles and lists by URL; a page of unknown kind is fetched as an article to be
        verified by its structure, at most SPIDER_UNKNOWN_PAGE_DEPTH such pages in a row
        (`listed`: the title and date a list's row gave it, evidence for an article)."""
        kind = classify_url(url, profile)
        if kind != "other":
            if self._needs_request(url, 0) and self._allowed(url, profile):
                yield self._schedule(url, kind, profile, 0)
            return
        if not is_page_url(url):  # a file (a PDF, an image, an archive): archived pages only
            self.crawler.stats.inc_value("discovery/file_links")
            return
        # a list's row is followed one step past the limit: a column no pattern knows, reached
        # as a page of unknown kind, still leads to its articles
        beyond = listed is not None and 0 < self.unknown_depth == depth
        if depth >= self.unknown_depth and not beyond:
            self.crawler.stats.inc_value("discovery/depth_limited")
            return
        if self._needs_request(url, depth + 1) and self._allowed(url, profile):
            self.crawler.stats.inc_value("discovery/unknown_pages")
            meta = {LISTED_META: listed} if listed is not None else None
            yield self._schedule(url, "article", profile, depth + 1, verify=True, meta=meta)

    def _needs_request(self, url: str, depth: int) -> bool:
        """Not scheduled yet, or scheduled farther from content: then a list page already read
        is read again at this depth (an answer still on its way is read at the lower depth)."""
        scheduled = self._requested.get(url)
        if scheduled is not None and depth >= scheduled:
            return False
        if scheduled is not None:
            self._requested[url] = depth
            read = self._listed_at.get(url)
            return read is not None and read > depth
        return True

    def _schedule(
        self,
        url: str,
        kind: RequestKind,
        profile: SiteProfile,
        depth: int,
        *,
        verify: bool = False,
        meta: dict[str, Any] | None = None,
    ) -> Request:
        again = url in self._requested  # a list page read again nearer to content
        self._remember(self._requested, url, depth)
        request = self._request(
            url, kind, profile, verify=verify, unknown_depth=depth, dont_filter=again
        )
        request.meta.update(meta or {})
        return request

    def _remember(self, recent: OrderedDict[Any, Any], key: Any, value: Any) -> None:
        """Keep `key` in a bounded memory of the spider, forgetting the oldest entry past
        SPIDER_REMEMBERED_URLS."""
        recent[key] = value
        if len(recent) > self.remembered_urls:
            recent.popitem(last=False)

    def _depth(self, response: Response) -> int:
        """The response's distance from content: its request's, or less when a link nearer to
        content reached it while it was on its way."""
        depth = int(response.meta.get(UNKNOWN_DEPTH_META, 0))
        return min(depth, self._requested.get(_request_url(response), depth))

    def _allowed(self, url: str, profile: SiteProfile) -> bool:
        if site_netloc(url) not in self.site_netlocs:
            self.crawler.stats.inc_value("discovery/offsite_links")
            return False
        if self.max_url_length and len(url) > self.max_url_length:
            self._skip("discovery/url_too_long", url, f"{len(url)} characters")
            return False
        return profile.allow_pattern is None or bool(profile.allow_pattern.search(url))

    def _request(
        self,
        url: str,
        kind: RequestKind,
        profile: SiteProfile,
        *,
        verify: bool = False,
        unknown_depth: int = 0,
        **kwargs: Any,
    ) -> Request:
        meta: dict[str, Any] = {KIND_META: kind, SITE_META: profile.name}
        if verify:
            meta[VERIFY_META] = True
        if unknown_depth:
            meta[UNKNOWN_DEPTH_META] = unknown_depth
        if profile.encoding:
            meta[FORCED_ENCODING_META] = profile.encoding
        if kind not in XML_KINDS:
            # a page past EXTRACT_MAX_PAGE_BYTES is skipped anyway: stop its download there
            # (skip/too_large) rather than hold up to DOWNLOAD_MAXSIZE of it in memory
            meta["download_maxsize"] = self.page_download_limit
        return SpiderRequest(url, callback=self.parse, errback=self.failed, meta=meta, **kwargs)

    # --- what could not be used ---

    def _xml_body(self, response: Response, kind: str) -> bytes | None:
        """The sitemap or feed body when this response is one (a seed may point to either):
        gunzipped (`sitemap.xml.gz`), read from its XML declaration on (a PHP warning or a
        BOM before `<?xml` is skipped, as search engines do). A gzip that unpacks past
        DOWNLOAD_MAXSIZE or does not unpack raises a typed SkipRequest."""
        if kind not in XML_KINDS:
            return None
        body = response.body
        if body[:2] == b"\x1f\x8b":
            max_size = self.settings.getint("DOWNLOAD_MAXSIZE")
            try:
                body = gunzip(body, max_size=max_size)
            except _DecompressionMaxSizeExceeded:
                raise SkipRequest("decompressed_too_large", f"{len(response.body)} bytes") from None
            except (OSError, EOFError, zlib.error) as exc:
                raise SkipRequest("corrupt_compression", f"{type(exc).__name__}") from None
        body = xml_start(body)
        return body if is_sitemap(body) or is_feed(body) else None

    def failed(self, failure: Failure) -> None:
        """errback: a download that produced no usable response; counted by cause, under the
        URL the spider asked for (the first of a redirect chain)."""
        request = failure.request  # type: ignore[attr-defined]
        request.meta[FAILED_META] = True
        quiet = isinstance(failure.value, SkipRequest) and failure.value.quiet
        key = f"skip/{failure_reason(failure)}"
        url = (request.meta.get("redirect_urls") or [request.url])[0]
        self._skip(key, url, failure.getErrorMessage(), quiet=quiet, request=request)

    def _skip(
        self, key: str, url: str, detail: str = "", *, quiet: bool = False,
        request: Request | None = None,
    ) -> None:  # fmt: skip
        """Count and log a skip; a request that gave no usable page is told to the frontier
        (crawler.components.frontier), which records why."""
        self.crawler.stats.inc_value(key)
        if request is not None:
            self.crawler.signals.send_catch_log(page_skipped, request=request, reason=key)
        if (key, url) not in self._logged_reasons:
            self._remember(self._logged_reasons, (key, url), None)
            level = logging.DEBUG if quiet else logging.INFO
            logger.log(level, "Skipped (%s) %s %s", key, _cut(url), _cut(detail))


def failure_reason(failure: Failure) -> str:
    """`http_404`, `redirect_loop`, `dns_or_connection`, ... for a failed request: a name a
    user reads without the source (README: "Why a page was skipped")."""
    exc = failure.value
    if isinstance(exc, HttpError):
        return f"http_{exc.response.status}"
    if isinstance(exc, SkipRequest):
        return exc.reason
    if isinstance(exc, IgnoreRequest):
        return "dropped_by_middleware"
    # Scrapy and twisted wrap what went wrong on the wire (DownloadFailedError caused by
    # ResponseNeverReceived of a ParseError): the most telling reason in the chain wins
    found = {FAILURE_REASONS.get(type(e).__name__) for e in _causes(exc)}
    return next((reason for reason in REASON_PRIORITY if reason in found), "download_failed")


def _causes(exc: BaseException, depth: int = 0) -> Iterator[BaseException]:
    """The exception, what it wraps (`__cause__`, twisted's `reasons`), and so on down."""
    yield exc
    if depth > 4:
        return
    inner: list[Any] = [exc.__cause__, *(getattr(exc, "reasons", None) or [])]
    for item in inner:
        value = getattr(item, "value", item)  # a twisted Failure holds its exception
        if isinstance(value, BaseException):
            yield from _causes(value, depth + 1)


def sitemap_urls(sitemap: Sitemap) -> Iterator[str]:
    """The `<loc>`s of a sitemap; an entry or a document lxml cannot read ends the list
    (Scrapy's iterator raises from inside its generator)."""
    try:
        for entry in sitemap:
            url = str(entry.get("loc", "")).strip()
            if url:
                yield url
    except (RuntimeError, ValueError, etree.LxmlError):
        return


def xml_start(body: bytes) -> bytes:
    """The body from its XML declaration (or root) on: junk before it is skipped."""
    head = body[:XML_JUNK_BYTES]
    for mark in (b"<?xml", b"<urlset", b"<sitemapindex", b"<rss", b"<feed", b"<rdf:RDF"):
        start = head.find(mark)
        if start > 0:
            return body[start:]
        if start == 0:
            return body
    return body


def _later_pages(pages: list[list[Any]], found: list[list[Any]]) -> list[list[Any]]:
    """The article's pages still to read: those known, and those a page's pager adds, in order
    (a pager of 下一页 links shows one page ahead at a time)."""
    known = {url: number for number, url in pages}
    for number, url in found:
        known.setdefault(url, number)
    return sorted(([n, url] for url, n in known.items()), key=lambda pair: pair[0])


def _cut(text: str) -> str:
    return text if len(text) <= LOGGED_TEXT_CHARS else text[:LOGGED_TEXT_CHARS] + "…"


def _elsewhere(asked: str, answered: str) -> bool:
    """A redirect that leads to another page than the one asked for (not only to another
    scheme or host name): a page of an article sent to its first page, or to the home page."""
    one, other = urlsplit(asked), urlsplit(answered)
    return (one.path, one.query) != (other.path, other.query)


def _request_url(response: Response) -> str:
    """The URL the spider scheduled (a redirect may have changed `response.url`)."""
    request = getattr(response, "request", None)
    return request.url if request is not None else response.url


def _tree(response: TextResponse) -> Any:
    """The page's tree, from its own bytes when they are its text in UTF-8 (no replacement
    character in the text, no NUL in the bytes), else from its text."""
    text = response.text
    utf8 = response.encoding in _UTF8_NAMES and b"\x00" not in response.body
    return parse_html(text, response.body if utf8 and "\ufffd" not in text else None)


def _fetched(response: Response, root: Any = None) -> FetchedPage:
    """A response as the page its record is assembled from (its text and tree when read)."""
    text = encoding = None
    if root is not None and isinstance(response, TextResponse):
        text, encoding = response.text, response.encoding
    return FetchedPage(
        response.url, response.body, status=response.status,
        etag=response_header(response, b"ETag"),
        last_modified=response_header(response, b"Last-Modified"),
        fetched_at=utc_now_iso(), warc=response.meta.get(WARC_META),
        text=text, encoding=encoding, tree=root,
    )  # fmt: skip


def _text(response: Response) -> str:
    return response.text if isinstance(response, TextResponse) else ""
