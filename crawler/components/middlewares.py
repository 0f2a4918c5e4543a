"""Downloader middlewares: a declared charset is only trusted when the bytes agree with it;
a redirect loop is a counted skip, not a silent duplicate; an unreachable robots.txt is one
counted log line, not a traceback."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.downloadermiddlewares.robotstxt import logger as robots_logger
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request, Response, TextResponse
from w3lib.url import canonicalize_url

from crawler import defaults
from crawler.components.contract import FORCED_ENCODING_META, SkipRequest
from crawler.page.encoding import check_declared, normalize_charset

if TYPE_CHECKING:
    from collections.abc import Callable

    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


class EncodingCheckMiddleware:
    """Checks a text response's charset (HTTP header, BOM or `<meta>`, as Scrapy read it)
    against its bytes; a contradicted declaration is replaced by what the bytes are and
    counted as `encoding/declared_mismatch`. gb2312/gbk are read as gb18030."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> EncodingCheckMiddleware:
        if not crawler.settings.getbool("ENCODING_CHECK_ENABLED", defaults.ENCODING_CHECK_ENABLED):
            raise NotConfigured("ENCODING_CHECK_ENABLED is off")
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, TextResponse) or not response.body:
            return response
        forced = normalize_charset(request.meta.get(FORCED_ENCODING_META))
        if forced:
            self.stats.inc_value("encoding/forced_by_profile")
            return response.replace(encoding=forced)
        declared = response.encoding
        charset = check_declared(response.body, declared)
        if charset is None:
            return _gb18030(response)
        self.stats.inc_value("encoding/declared_mismatch")
        logger.info(
            "Declared charset %s contradicted by the bytes, reading %s: %s",
            declared,
            charset,
            response.url,
        )
        return response.replace(encoding=charset)


def _gb18030(response: TextResponse) -> TextResponse:
    """gb2312/gbk declarations are read as their superset gb18030 (Scrapy usually does already)."""
    if normalize_charset(response.encoding) == "gb18030" and response.encoding != "gb18030":
        return response.replace(encoding="gb18030")
    return response


REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class RedirectLoopMiddleware:
    """Stops a redirect that leads back to a URL of its own chain (A -> B -> A).

    Scrapy's RedirectMiddleware would schedule A again and the duplicate filter would drop it
    silently; here the loop becomes a `SkipRequest` the spider's errback counts as
    `skip/redirect_loop`. Sits before RedirectMiddleware (600) in the response chain.
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectLoopMiddleware:
        if not crawler.settings.getbool("REDIRECT_ENABLED", True):
            raise NotConfigured("REDIRECT_ENABLED is off")
        return cls()

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get(b"Location")
        if response.status not in REDIRECT_STATUSES or not location:
            return response
        target = canonicalize_url(urljoin(request.url, location.decode("latin-1")))
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if target in {canonicalize_url(url) for url in chain}:
            raise SkipRequest("redirect_loop", " -> ".join([*chain, target]))
        return response


class RobotsUnreachableMiddleware(RobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware, registered in its place: a robots.txt that cannot be
    downloaded (a dead server, a timeout) is counted as `skip/robots_unreachable` and logged
    as one WARNING line instead of an ERROR with a traceback; the site is then crawled as if
    it had no robots.txt, as Scrapy does."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        if _ROBOTS_ERROR_FILTER not in robots_logger.filters:
            robots_logger.addFilter(_ROBOTS_ERROR_FILTER)

    def process_request_2(self, rp: Any, request: Request) -> None:
        try:
            super().process_request_2(rp, request)
        except SkipRequest:
            raise
        except IgnoreRequest:
            raise SkipRequest("robots_forbidden", request.url) from None

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if not isinstance(exc, IgnoreRequest):
            self._stats.inc_value("skip/robots_unreachable")
        super()._robots_error(exc, netloc)


class _RobotsErrorFilter(logging.Filter):
    """Rewrites Scrapy's "Error downloading <robots.txt request>" record: one line, WARNING."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR and str(record.msg).startswith("Error downloading"):
            record.msg = (
                "robots.txt unreachable for %(request)s, crawling without it: %(f_exception)s"
            )
            record.exc_info = record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


_ROBOTS_ERROR_FILTER = _RobotsErrorFilter()


def _typed_redirect_limit(
    follow: Callable[[Request, Response], Request | Response], request: Request, response: Response
) -> Request | Response:
    """Scrapy's redirect middlewares end a chain longer than REDIRECT_MAX_TIMES with a bare
    `IgnoreRequest`; it leaves here as `skip/too_many_redirects`."""
    try:
        return follow(request, response)
    except SkipRequest:
        raise
    except IgnoreRequest:
        raise SkipRequest("too_many_redirects", request.url) from None


class LimitedRedirectMiddleware(RedirectMiddleware):
    """Scrapy's RedirectMiddleware, registered in its place (see `_typed_redirect_limit`)."""

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        return _typed_redirect_limit(super().process_response, request, response)


class LimitedMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Scrapy's MetaRefreshMiddleware, registered in its place (see `_typed_redirect_limit`)."""

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        return _typed_redirect_limit(super().process_response, request, response)
