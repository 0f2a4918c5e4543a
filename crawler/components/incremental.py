"""Incremental runs: conditional GETs from the crawl state, and a 304 costs no parsing.

Downloader middleware at 597: its `process_request` runs after the WARC middleware's (595),
which is fine since that one only records at response time (the request it records then carries
our conditional headers); its `process_response` runs before WARC capture and before HTTP
compression (590), so a 304 is dropped here, never captured nor parsed.

- list pages (request kinds start/list/sitemap/feed/dataproxy/unit) carry the validators the last
  *finished* run saw; this run's validators are kept pending and confirmed when it finishes;
- a page requested as an article whose URL proved nothing, read as a list by an earlier finished
  run (the spider's `page_read_as_list`), is revalidated as a list page, whether or not it was
  archived as an article too: never skipped as a known article, or what it lists is missed;
- known articles archived within STATE_REVALIDATE_DAYS carry the validator of their archived
  version: `If-Modified-Since` when the server gave a Last-Modified, else `If-None-Match`. An
  article's ETag changes with every byte of chrome (a sidebar of the latest headlines, so with
  every new article on the site), its Last-Modified with the document; when both are sent the
  server must ignore the date (RFC 9110 13.1.3), so only one is sent. Older known articles are
  not requested at all (`incremental/skipped_known`);
- a 304 to a conditional request becomes `SkipRequest("not_modified")`, counted
  `incremental/not_modified`
  (and `incremental/not_modified/<kind>`), logged at debug.
Whether a fetched article is new, changed or unchanged is decided by `pipelines.state`.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler import defaults
from crawler.components.archive import archive_of
from crawler.components.contract import (
    ARTICLE_KIND,
    CONDITIONAL_META,
    LIST_KINDS,
    VERIFY_META,
    SkipRequest,
    page_read_as_list,
    request_kind,
    response_header,
)
from crawler.components.runid import run_id_for
from crawler.page.record import canonical_url
from crawler.store.state import CrawlState, Validators

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)


class IncrementalMiddleware:
    def __init__(self, crawler: Crawler, state: CrawlState, revalidate_days: float) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.state = state
        self.run_id = run_id_for(crawler)
        self.revalidate_after = _iso_days_ago(revalidate_days)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalMiddleware:
        state = archive_of(crawler).state
        if state is None:
            raise NotConfigured("STATE_ENABLED is off: every run fetches everything")
        days = crawler.settings.getfloat("STATE_REVALIDATE_DAYS", defaults.STATE_REVALIDATE_DAYS)
        mw = cls(crawler, state, days)
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(mw.page_read_as_list, signal=page_read_as_list)
        return mw

    def spider_opened(self, spider: Spider) -> None:
        self.state.forget_pending_list_pages(except_run_id=self.run_id)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if reason == "finished":
            confirmed = self.state.confirm_list_pages(self.run_id)
            self.stats.set_value("incremental/list_pages_confirmed", confirmed)

    def process_request(self, request: Request) -> None:
        kind = request_kind(request.meta)
        validators = self._validators(request, kind)
        if validators is None or _has_conditional(request):
            return
        if validators.etag:
            request.headers[b"If-None-Match"] = validators.etag
        if validators.last_modified:
            request.headers[b"If-Modified-Since"] = validators.last_modified
        request.meta[CONDITIONAL_META] = True
        self.stats.inc_value(f"incremental/conditional/{kind}")

    def process_response(self, request: Request, response: Response) -> Response:
        kind = request_kind(request.meta)
        if response.status == 304 and request.meta.get(CONDITIONAL_META):
            self.stats.inc_value("incremental/not_modified")
            self.stats.inc_value(f"incremental/not_modified/{kind}")
            logger.debug("Not modified since the last run: %s", request.url)
            raise SkipRequest("not_modified", request.url, quiet=True)
        if kind in LIST_KINDS and 200 <= response.status < 300:
            self._save_list_page(request, response)
        return response

    def page_read_as_list(self, request: Request, response: Response, **kwargs: Any) -> None:
        """A page requested as an article that the spider read as a list."""
        self.stats.inc_value("incremental/article_read_as_list")
        self._save_list_page(request, response)

    def _save_list_page(self, request: Request, response: Response) -> None:
        self.state.save_list_page(
            page_key(request), response_header(response, b"ETag"),
            response_header(response, b"Last-Modified"), self.run_id,
        )  # fmt: skip

    def _validators(self, request: Request, kind: Any) -> Validators | None:
        url = request.url
        if kind == ARTICLE_KIND:
            if request.meta.get(VERIFY_META) and (page := self.state.list_page(page_key(request))):
                # read as a list before (an article beside its sub-column's rows, too): a list
                # page's validators, and never skipped, or what it lists would be missed
                return page if page.etag or page.last_modified else None
            article = self.state.article(url)
            if article is None:
                return None
            if (article.archived_at or "") < self.revalidate_after:
                self.stats.inc_value("incremental/skipped_known")
                raise SkipRequest("known_article", f"archived {article.archived_at}", quiet=True)
            if article.last_modified:  # the document's date: sidebars changing leave it alone
                return Validators(None, article.last_modified)
            return Validators(article.etag, None) if article.etag else None
        if kind in LIST_KINDS:
            return self.state.list_validators(page_key(request))
        return None


def page_key(request: Request) -> str:
    """A list page's key in the state: its canonical URL, plus a digest of the body of a POST
    (Hanweb's dataproxy pages may differ only by their form)."""
    key = canonical_url(request.url)
    if request.body:
        key += " body-sha1=" + hashlib.sha1(request.body).hexdigest()
    return key


def _iso_days_ago(days: float) -> str:
    """The `fetched_at` of `days` ago, in the archive's format (compared as text)."""
    return (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _has_conditional(request: Request) -> bool:
    return b"If-None-Match" in request.headers or b"If-Modified-Since" in request.headers
