"""Downloader middlewares: a declared charset is only trusted when the bytes agree with it;
a redirect loop is a counted skip, not a silent duplicate; a redirect never leaves the seeds'
sites; an unreachable robots.txt is one counted log line, not a traceback, and one answering a
server error forbids the site (RFC 9309); a response that cannot be decompressed is a typed
skip."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.downloadermiddlewares.robotstxt import logger as robots_logger
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import HtmlResponse, Request, Response, TextResponse
from scrapy.robotstxt import RobotParser
from scrapy.utils.response import get_meta_refresh
from twisted.internet.defer import Deferred
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom
from w3lib.url import canonicalize_url

from crawler import defaults
from crawler.components.contract import FORCED_ENCODING_META, KIND_META, SkipRequest
from crawler.page.encoding import check_declared, normalize_charset, sniff_charset
from crawler.page.sites import same_site

if TYPE_CHECKING:
    from collections.abc import Callable

    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


class EncodingCheckMiddleware:
    """Checks a text response's charset (HTTP header, BOM or `<meta>`, as Scrapy read it)
    against its bytes; a contradicted declaration is replaced by what the bytes are and
    counted as `encoding/declared_mismatch`. gb2312/gbk are read as gb18030. A page that
    declares nothing gets the charset its bytes are (`sniff_charset`: UTF-8, else GB18030 or
    Big5), counted as `encoding/sniffed`: Scrapy would otherwise run charset_normalizer on
    it, about 10 ms on a real GBK page, and guess no better."""

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
            return with_encoding(response, forced)
        if not _declares_charset(response):
            self.stats.inc_value("encoding/sniffed")
            return with_encoding(response, sniff_charset(response.body))
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
        return with_encoding(response, charset)


def with_encoding(response: TextResponse, encoding: str) -> TextResponse:
    """`response.replace(encoding=...)` without its cost: Scrapy's `replace` reads every
    attribute first, `encoding` included, so it infers the old charset (charset_normalizer on a
    page that declares none) only to throw it away."""
    kwargs = {name: getattr(response, name) for name in response.attributes if name != "encoding"}
    return type(response)(encoding=encoding, **kwargs)


def _declares_charset(response: TextResponse) -> bool:
    """Does the response say its charset (a BOM, the Content-Type header, or the page's own
    `<meta>` / XML declaration), read as Scrapy reads them?"""
    content_type = response.headers.get(b"Content-Type") or b""
    return bool(
        read_bom(response.body)[0]
        or http_content_type_encoding(content_type.decode("latin-1"))
        or html_body_declared_encoding(response.body)
    )


def _gb18030(response: TextResponse) -> TextResponse:
    """gb2312/gbk declarations are read as their superset gb18030 (Scrapy usually does already)."""
    if normalize_charset(response.encoding) == "gb18030" and response.encoding != "gb18030":
        return with_encoding(response, "gb18030")
    return response


REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class RedirectLoopMiddleware:
    """Checks a 3xx before Scrapy's RedirectMiddleware (600) follows it: a redirect that leads
    back to a URL of its own chain (A -> B -> A) is `skip/redirect_loop` (Scrapy would schedule
    A again and the duplicate filter drop it silently), one off the seeds' sites
    `skip/offsite_redirect` (that host gets no request at all), a Location that is no URL
    `skip/bad_redirect`. Sits at 610 in the response chain."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectLoopMiddleware:
        if not crawler.settings.getbool("REDIRECT_ENABLED", True):
            raise NotConfigured("REDIRECT_ENABLED is off")
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get(b"Location")
        if response.status not in REDIRECT_STATUSES or not location:
            return response
        target = redirect_target(request, location.decode("latin-1"))
        raise_on_loop(request, target)
        if offsite_redirect(self.crawler, request, target):
            raise SkipRequest("offsite_redirect", f"{request.url} -> {target}")
        return response


def redirect_target(request: Request, location: str) -> str:
    """The absolute URL a redirect sends `request` to; a Location that is no http(s) URL
    (`http://[::1/`, `javascript:`) is a typed skip, not a traceback."""
    try:
        target = urljoin(request.url, location.strip())
        canonicalize_url(target)  # raises on what no request could be made of
    except ValueError:
        raise SkipRequest("bad_redirect", location[:200]) from None
    if urlsplit(target).scheme not in ("http", "https"):
        raise SkipRequest("bad_redirect", location[:200])
    return target


def raise_on_loop(request: Request, target: str) -> None:
    chain = [*request.meta.get("redirect_urls", []), request.url]
    if canonicalize_url(target) in {canonicalize_url(url) for url in chain}:
        raise SkipRequest("redirect_loop", " -> ".join([*chain, target]))


def offsite_redirect(crawler: Crawler, request: Request, target: str) -> bool:
    """Would following the redirect leave the crawl's sites? The spider's sites (its seeds'
    hosts) are the bound; a seed page may also move within its registrable domain
    (example.gov.cn -> www.example.gov.cn), as sites do."""
    netlocs = getattr(crawler.spider, "site_netlocs", None)
    first = (request.meta.get("redirect_urls") or [request.url])[0]
    if netlocs is None:
        return not same_site(first, target)
    if urlsplit(target).netloc.lower() in netlocs:
        return False
    return request.meta.get(KIND_META) != "start" or not same_site(first, target)


class OffsiteRedirectMiddleware:
    """The last guard: a redirected request (a 3xx or a meta refresh followed) whose URL is off
    the seeds' sites is dropped as `skip/offsite_redirect` before it reaches robots.txt (100)
    or the downloader. RedirectLoopMiddleware and LimitedMetaRefreshMiddleware stop such
    redirects before they become requests; this catches any other component's."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OffsiteRedirectMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        chain = request.meta.get("redirect_urls")
        if chain and offsite_redirect(self.crawler, request, request.url):
            raise SkipRequest("offsite_redirect", f"{chain[-1]} -> {request.url}")


class _ServerErrorRobots(RobotParser):
    """The parser of a robots.txt that answered 5xx: RFC 9309 (2.3.1.4) reads it as
    "disallow everything" for this crawl."""

    @classmethod
    def from_crawler(cls, crawler: Crawler, robotstxt_body: bytes) -> _ServerErrorRobots:
        return cls()

    def allowed(self, url: str | bytes, user_agent: str | bytes | None) -> bool:
        return False


class RobotsUnreachableMiddleware(RobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware, registered in its place: a robots.txt that cannot be
    downloaded (a dead server, a timeout) is counted as `skip/robots_unreachable` and logged
    as one WARNING line instead of an ERROR with a traceback; the site is then crawled as if
    it had no robots.txt, as Scrapy does. A robots.txt answering a server error (5xx, after
    Scrapy's retries) forbids the whole site, as RFC 9309 says: its pages are
    `skip/robots_server_error` (ROBOTSTXT_SERVER_ERROR_ALLOW: crawl it as Scrapy would)."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.server_error_allow = crawler.settings.getbool(
            "ROBOTSTXT_SERVER_ERROR_ALLOW", defaults.ROBOTSTXT_SERVER_ERROR_ALLOW
        )
        if _ROBOTS_ERROR_FILTER not in robots_logger.filters:
            robots_logger.addFilter(_ROBOTS_ERROR_FILTER)

    def process_request_2(self, rp: Any, request: Request) -> None:
        if isinstance(rp, _ServerErrorRobots):
            raise SkipRequest("robots_server_error", request.url)
        try:
            super().process_request_2(rp, request)
        except SkipRequest:
            raise
        except IgnoreRequest:
            raise SkipRequest("robots_forbidden", request.url) from None

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status < 500 or self.server_error_allow:
            await super()._parse_robots(response, netloc, request)
            return
        self._stats.inc_value("robotstxt/response_count")
        self._stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        logger.warning(
            "robots.txt answered %d for %s: nothing there is crawled (RFC 9309; "
            "ROBOTSTXT_SERVER_ERROR_ALLOW=1 to crawl it anyway)", response.status, netloc,
        )  # fmt: skip
        waiting, forbidding = self._parsers[netloc], _ServerErrorRobots()
        self._parsers[netloc] = forbidding
        if isinstance(waiting, Deferred):
            waiting.callback(forbidding)

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


# Scrapy looks for a refresh in the first 4,096 characters of the page's text: at most this
# many bytes in an encoding whose ASCII letters are bytes of their own (UTF-16 and UTF-32 are not)
_REFRESH_SCAN_BYTES = 4 * 4096
_REFRESH_WORD = re.compile(rb"refresh", re.IGNORECASE)


def _may_refresh(response: HtmlResponse) -> bool:
    """Whether the page's head may hold `<meta http-equiv="refresh">`: Scrapy's look decodes
    the whole body, finds its base URL and strips tags and entities first, a quarter of a
    millisecond a page, for the few pages that hold the word."""
    if response.encoding.lower().replace("-", "").startswith(("utf16", "utf32")):
        return True
    return _REFRESH_WORD.search(response.body, 0, _REFRESH_SCAN_BYTES) is not None


class LimitedMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Scrapy's MetaRefreshMiddleware, registered in its place (see `_typed_redirect_limit`).

    A page whose `<meta http-equiv="refresh">` leads off the seeds' sites is kept as it is (a
    hijacked article is archived, flagged by the page core), and one refreshing to itself too;
    a refresh back into its own chain is a `skip/redirect_loop`, not a silent duplicate."""

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        if isinstance(response, HtmlResponse) and not _may_refresh(response):
            return response  # no refresh in its head: nothing for Scrapy's middleware to follow
        if isinstance(response, HtmlResponse) and not request.meta.get("dont_redirect"):
            try:
                target = get_meta_refresh(response, ignore_tags=self._ignore_tags)[1]
            except ValueError:  # a <base href> that is no URL: no refresh can be followed
                return response
            if target and urlsplit(target).scheme in ("http", "https"):
                if canonicalize_url(target) == canonicalize_url(request.url):
                    return response  # an auto-reloading page: the page is this one
                if offsite_redirect(self.crawler, request, target):
                    self.crawler.stats.inc_value("redirect/offsite_refresh_kept")  # type: ignore[union-attr]
                    return response
                raise_on_loop(request, target)
        return _typed_redirect_limit(super().process_response, request, response)


class TypedHttpCompressionMiddleware(HttpCompressionMiddleware):
    """Scrapy's HttpCompressionMiddleware, registered in its place: a body that unpacks past
    DOWNLOAD_MAXSIZE (a decompression bomb) is `skip/decompressed_too_large`, one that does not
    decompress at all (not gzip under `Content-Encoding: gzip`, a truncated brotli stream) is
    `skip/corrupt_compression`, instead of a bare IgnoreRequest or a spider error."""

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        try:
            return super().process_response(request, response)
        except IgnoreRequest as exc:
            raise SkipRequest("decompressed_too_large", f"{len(response.body)} bytes") from exc
        except Exception as exc:  # whatever a decoder raises on bytes that are not its format
            raise SkipRequest("corrupt_compression", f"{type(exc).__name__}: {exc}"[:200]) from exc
