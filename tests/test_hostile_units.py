"""The hostile web, one piece at a time: the pure checks and the components that the hostile
site's endpoints exercise end to end (tests/test_hostile.py)."""

from __future__ import annotations

import asyncio
import gzip
import logging
from pathlib import Path

import brotli
import numpy as np
import pytest
from archives import archive_crawler, stop_engine
from scrapy import Request
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler
from twisted.internet.defer import Deferred
from twisted.internet.error import ConnectionLost
from twisted.python.failure import Failure
from twisted.web._newclient import ParseError, ResponseNeverReceived

from crawler.components.contract import SkipRequest
from crawler.components.logformat import ITEM_SUMMARY_CHARS, BoundedLogFormatter
from crawler.components.middlewares import (
    LimitedMetaRefreshMiddleware,
    OffsiteRedirectMiddleware,
    RedirectLoopMiddleware,
    RobotsUnreachableMiddleware,
    TypedHttpCompressionMiddleware,
)
from crawler.components.warc import WarcCaptureMiddleware
from crawler.page.assemble import FetchedPage, assemble_record
from crawler.page.discovery import looks_binary, page_links, read_list_page
from crawler.page.encoding import decode_page
from crawler.page.links import MAX_PAGE_LINKS, absolute_url, is_broken_href, links_cut
from crawler.page.redirects import offsite_redirect
from crawler.page.sites import registrable_domain, same_site
from crawler.store.dedup import SIGNATURE_BLOCK, _permutations, fmix32, key_signature
from crawler.store.warc import read_warc_record
from spiders.govnews import failure_reason, sitemap_urls, xml_start
from testbed.replica.hostile import PHP_WARNING, article_html, filler_article, traditional

SITE = "http://127.0.0.1:8001"
OTHER = "http://127.0.0.2:8002"
ARTICLE_URL = f"{SITE}/case/001/t20240110_1.html"


# --- sites and redirects (pure) ------------------------------------------------------------
@pytest.mark.parametrize(
    ("host", "domain"),
    [("www.example.gov.cn", "example.gov.cn"), ("m.example.gov.cn", "example.gov.cn"),
     ("www.gov.cn", "www.gov.cn"), ("127.0.0.1", "127.0.0.1"), ("localhost", "localhost")],
)  # fmt: skip
def test_registrable_domain(host: str, domain: str) -> None:
    assert registrable_domain(host) == domain


@pytest.mark.parametrize(
    ("url", "other", "same"),
    [("http://www.a.gov.cn/x", "https://a.gov.cn/y", True),
     ("http://www.a.gov.cn/x", "http://www.b.gov.cn/y", False),
     (f"{SITE}/x", f"{SITE.replace('8001', '9')}/y", True),  # ports aside
     (f"{SITE}/x", f"{OTHER}/y", False),
     (f"{SITE}/x", "http://[::1/y", False)],
)  # fmt: skip
def test_same_site(url: str, other: str, same: bool) -> None:
    assert same_site(url, other) is same


@pytest.mark.parametrize(
    ("head", "target"),
    [(f'<meta http-equiv="refresh" content="0;url={OTHER}/">', f"{OTHER}/"),
     (f"<script>window.location.href='{OTHER}/?a=1';</script>", f"{OTHER}/?a=1"),
     (f'<script>location.replace("{OTHER}/x")</script>', f"{OTHER}/x"),
     ('<script>location.href="http://www.new.gov.cn/"</script>', None),  # a site that moved
     ('<meta http-equiv="refresh" content="0;url=/other.html">', None),  # on the site
     ("<script>location.href='javascript:void(0)'</script>", None),
     (f"<script>top.location = '{OTHER}/t'</script>", f"{OTHER}/t"),
     (f"<script>document.location.assign('{OTHER}/d')</script>", f"{OTHER}/d"),
     (f"<script>var mylocation = '{OTHER}/x';</script>", None),  # another variable
     (f"<script>$location.href = '{OTHER}/x';</script>", None),
     (f"<script>LOCATION.href = '{OTHER}/x';</script>", None),  # JavaScript is case-sensitive
     ('<meta http-equiv="refresh" content="300">', None),  # an auto-reload
     # a search engine is no casino (an anti-devtools trick: window.location = baidu)
     ('<script>window.location = "https://www.baidu.com";</script>', None),
     ("<script>location.href='https://www.google.com/'</script>", None),
     ("<script>location.href='https://www.baidu.com.casino.cc/'</script>",
      "https://www.baidu.com.casino.cc/")],
)  # fmt: skip
def test_offsite_redirect_of_a_page(head: str, target: str | None) -> None:
    assert offsite_redirect(f"<html><head>{head}</head><body></body></html>", ARTICLE_URL) == target


def test_an_article_sending_readers_off_site_is_archived_flagged_hijacked() -> None:
    page = article_html(1, head=f'<meta http-equiv="refresh" content="0;url={OTHER}/">')
    assembled = assemble_record(FetchedPage(ARTICLE_URL, page.encode()))
    assert assembled.dropped is None and assembled.record is not None
    assert "hijacked_site" in assembled.record["flags"]
    plain = assemble_record(FetchedPage(ARTICLE_URL, article_html(1).encode())).record
    assert plain is not None and "hijacked_site" not in plain["flags"]


# --- links (pure) --------------------------------------------------------------------------
@pytest.mark.parametrize("href", ["http://[::1/x.html", "http://[zz]:80/x", "http://h:99999/x"])
def test_a_link_that_is_no_url_is_none_and_broken(href: str) -> None:
    assert absolute_url(href, f"{SITE}/list/index.html") is None
    assert is_broken_href(href, f"{SITE}/list/index.html")


def test_a_list_page_keeps_its_good_links_beside_broken_ones() -> None:
    from lxml import html

    body = '<a href="http://[::1/x.html">bad</a><a href="http://h:99999/x">bad</a>'
    body += '<a href="/case/001/t20240110_1.html">good</a><a href="javascript:go()">js</a>'
    root = html.fromstring(f"<html><body>{body}</body></html>")
    page = read_list_page(f"{SITE}/list/index.html", root, body)
    assert page.bad_links == 2
    assert ARTICLE_URL in page.links


def test_a_link_farm_is_read_to_its_cap() -> None:
    from lxml import html

    body = "".join(f'<a href="{OTHER}/{i}.html">娱乐城{i}</a>' for i in range(MAX_PAGE_LINKS + 50))
    root = html.fromstring(f"<html><body><div>{body}</div></body></html>")
    assert len(page_links(root, f"{SITE}/")) == MAX_PAGE_LINKS
    assert read_list_page(f"{SITE}/list/index.html", root, body).links_capped


# --- bytes (pure) --------------------------------------------------------------------------
@pytest.mark.parametrize(("bom", "codec"), [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")])
def test_utf16_with_a_bom_is_text_and_decodes(bom: bytes, codec: str) -> None:
    body = bom + article_html(2, charset="").encode(codec)
    assert not looks_binary(body)
    assert filler_article(2)[1][0] in decode_page(body).text
    assert looks_binary(b"%PDF-1.5" + bytes(range(256)))
    assert looks_binary(bytes(range(256)))  # NULs without a BOM


@pytest.mark.parametrize("declared", ["gb2312", None])
def test_big5_bytes_declared_gb2312_or_nothing_read_as_big5(declared: str | None) -> None:
    body = traditional(article_html(3, charset="")).encode("big5", errors="xmlcharrefreplace")
    decoded = decode_page(body, declared)
    assert decoded.encoding == "big5hkscs"
    assert traditional(filler_article(3)[1][0])[:12] in decoded.text


def test_gbk_stays_gbk() -> None:
    body = article_html(4, charset="").encode("gbk")
    assert decode_page(body, "gb2312").encoding == "gb18030"
    assert decode_page(body).encoding == "gb18030"


# --- sitemaps ------------------------------------------------------------------------------
SITEMAP = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://127.0.0.1:8001/a.html</loc></url></urlset>'


@pytest.mark.parametrize("junk", [PHP_WARNING, b"\xef\xbb\xbf\r\n  ", b""])
def test_a_sitemap_is_read_after_junk_before_its_declaration(junk: bytes) -> None:
    from scrapy.utils.sitemap import Sitemap

    assert list(sitemap_urls(Sitemap(xml_start(junk + SITEMAP)))) == [f"{SITE}/a.html"]


def test_an_unreadable_sitemap_gives_no_urls_and_no_error() -> None:
    from scrapy.utils.sitemap import Sitemap

    assert list(sitemap_urls(Sitemap(PHP_WARNING + SITEMAP))) == []


# --- failure reasons -----------------------------------------------------------------------
def _failure(exc: BaseException) -> Failure:
    try:
        raise exc
    except BaseException:
        return Failure()


@pytest.mark.parametrize(
    ("reasons", "key"),
    [([ParseError("non-integer status code", b"HTTP/1.1 OK-ish")], "malformed_response"),
     ([ConnectionLost()], "connection_lost")],
)  # fmt: skip
def test_wrapped_wire_failures_are_named_by_their_cause(reasons: list[Exception], key: str) -> None:
    from scrapy.exceptions import DownloadFailedError

    inner = ResponseNeverReceived([Failure(r) for r in reasons])
    try:
        try:
            raise inner
        except ResponseNeverReceived as exc:
            raise DownloadFailedError("failed") from exc
    except DownloadFailedError:
        failure = Failure()
    assert failure_reason(failure) == key
    assert failure_reason(_failure(inner)) == key


# --- redirects (components) ----------------------------------------------------------------
class _Spider:
    def __init__(self) -> None:
        self.site_netlocs = {"127.0.0.1:8001"}


def _crawler(**settings: object):  # type: ignore[no-untyped-def]
    crawler = get_crawler(settings_dict=settings)
    crawler.stats.open_spider()
    crawler.spider = _Spider()  # type: ignore[assignment]
    crawler.spider.crawler = crawler  # type: ignore[attr-defined]
    return crawler


def _redirect(location: str, kind: str = "article") -> tuple[Request, Response]:
    request = Request(ARTICLE_URL, meta={"govnews_kind": kind})
    return request, Response(
        ARTICLE_URL, status=302, headers={"Location": location}, request=request
    )


@pytest.mark.parametrize("location", [f"{OTHER}/x.html", "//127.0.0.2:8002/y.html"])
def test_a_3xx_off_site_is_skipped_before_any_request(location: str) -> None:
    mw = RedirectLoopMiddleware.from_crawler(_crawler())
    with pytest.raises(SkipRequest) as raised:
        mw.process_response(*_redirect(location))
    assert raised.value.reason == "offsite_redirect"


def test_a_start_page_may_move_within_its_domain() -> None:
    crawler = _crawler()
    crawler.spider.site_netlocs = {"example.gov.cn"}
    mw = RedirectLoopMiddleware.from_crawler(crawler)
    request = Request("http://example.gov.cn/", meta={"govnews_kind": "start"})
    moved = Response(request.url, status=301, headers={"Location": "http://www.example.gov.cn/"},
                     request=request)  # fmt: skip
    assert mw.process_response(request, moved) is moved
    elsewhere = Response(
        request.url, status=301, headers={"Location": f"{OTHER}/"}, request=request
    )
    with pytest.raises(SkipRequest, match="offsite_redirect"):
        mw.process_response(request, elsewhere)


@pytest.mark.parametrize("location", ["http://[::1/x.html", "javascript:alert(1)"])
def test_a_location_that_is_no_url_is_a_typed_skip(location: str) -> None:
    mw = RedirectLoopMiddleware.from_crawler(_crawler())
    with pytest.raises(SkipRequest) as raised:
        mw.process_response(*_redirect(location))
    assert raised.value.reason == "bad_redirect"


def test_a_redirected_request_off_site_never_reaches_the_downloader() -> None:
    mw = OffsiteRedirectMiddleware.from_crawler(_crawler())
    redirected = Request(f"{OTHER}/x.html", meta={"redirect_urls": [ARTICLE_URL]})
    with pytest.raises(SkipRequest, match="offsite_redirect"):
        mw.process_request(redirected)
    assert (
        mw.process_request(Request(f"{SITE}/y.html", meta={"redirect_urls": [ARTICLE_URL]})) is None
    )
    assert mw.process_request(Request(f"{OTHER}/seed.html")) is None  # not a redirect


def _refresh(to: str, chain: list[str] | None = None) -> tuple[Request, HtmlResponse]:
    request = Request(ARTICLE_URL, meta={"redirect_urls": chain or []})
    body = f'<html><head><meta http-equiv="refresh" content="0;url={to}"></head></html>'.encode()
    return request, HtmlResponse(ARTICLE_URL, body=body, request=request)


def test_a_meta_refresh_off_site_keeps_the_page() -> None:
    crawler = _crawler()
    mw = LimitedMetaRefreshMiddleware.from_crawler(crawler)
    request, response = _refresh(f"{OTHER}/")
    assert mw.process_response(request, response) is response
    assert crawler.stats.get_value("redirect/offsite_refresh_kept") == 1


def test_a_meta_refresh_to_itself_keeps_the_page_and_a_loop_is_a_skip() -> None:
    mw = LimitedMetaRefreshMiddleware.from_crawler(_crawler())
    request, response = _refresh(ARTICLE_URL)
    assert mw.process_response(request, response) is response
    request, response = _refresh(f"{SITE}/a.html", chain=[f"{SITE}/a.html"])
    with pytest.raises(SkipRequest, match="redirect_loop"):
        mw.process_response(request, response)
    request, response = _refresh(f"{SITE}/b.html")
    followed = mw.process_response(request, response)
    assert isinstance(followed, Request) and followed.url == f"{SITE}/b.html"


# --- robots.txt answering 5xx --------------------------------------------------------------
@pytest.mark.parametrize(("allow", "key"), [(False, "robots_server_error"), (True, None)])
def test_robots_txt_answering_5xx_forbids_the_site(allow: bool, key: str | None) -> None:
    crawler = _crawler(ROBOTSTXT_OBEY=True, ROBOTSTXT_SERVER_ERROR_ALLOW=allow)
    mw = RobotsUnreachableMiddleware.from_crawler(crawler)
    netloc = "127.0.0.1:8001"
    mw._parsers[netloc] = Deferred()
    request = Request(ARTICLE_URL)
    robots = Response(f"{SITE}/robots.txt", status=503, body=b"busy")
    asyncio.run(mw._parse_robots(robots, netloc, request))
    parser = mw._parsers[netloc]
    if key is None:
        mw.process_request_2(parser, request)  # allowed: an empty robots.txt
        return
    with pytest.raises(SkipRequest) as raised:
        mw.process_request_2(parser, request)
    assert raised.value.reason == key


# --- compression ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "key"),
    [(gzip.compress(b"\0" * (2 * 1024 * 1024)), "decompressed_too_large"),
     (b"<html>not gzip</html>", "corrupt_compression")],
)  # fmt: skip
def test_undecodable_or_exploding_bodies_are_typed_skips(body: bytes, key: str) -> None:
    crawler = _crawler(DOWNLOAD_MAXSIZE=1024 * 1024, DOWNLOAD_WARNSIZE=0)
    mw = TypedHttpCompressionMiddleware.from_crawler(crawler)
    mw.open_spider(crawler.spider)  # type: ignore[arg-type]
    request = Request(ARTICLE_URL)
    response = Response(
        ARTICLE_URL, body=body, headers={"Content-Encoding": "gzip"}, request=request
    )
    with pytest.raises(SkipRequest) as raised:
        mw.process_response(request, response)
    assert raised.value.reason == key


# --- brotli in the WARC --------------------------------------------------------------------
def test_a_brotli_response_reads_back_from_the_warc(tmp_path: Path) -> None:
    crawler = archive_crawler(tmp_path, RUN_ID="run1")
    mw = WarcCaptureMiddleware.from_crawler(crawler)
    page = article_html(5).encode()
    request = Request(ARTICLE_URL, meta={"govnews_kind": "article"})
    headers = {"Content-Type": "text/html", "Content-Encoding": "br"}
    mw.process_response(
        request, HtmlResponse(ARTICLE_URL, body=brotli.compress(page), headers=headers)
    )
    stop_engine(crawler)
    assert read_warc_record(tmp_path, request.meta["warc"]).body == page


# --- memory of a signature -----------------------------------------------------------------
def test_a_signature_in_blocks_equals_the_signature_at_once() -> None:
    key = "".join(filler_article(n)[1][0] for n in range(1, 60)) * 20
    assert len(key) > 2 * SIGNATURE_BLOCK
    a, b = _permutations(128)
    codes = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    from crawler.store.dedup import _rolling_hashes

    hashes = fmix32(_rolling_hashes(key, 5))
    at_once = (np.multiply.outer(hashes, a) + b).min(axis=0)
    assert len(codes) == len(key)
    assert np.array_equal(key_signature(key, 128, 5), at_once)


# --- log lines -----------------------------------------------------------------------------
def test_a_dropped_item_is_one_short_line() -> None:
    from scrapy.exceptions import DropItem

    crawler = _crawler()
    formatter = BoundedLogFormatter.from_crawler(crawler)
    item = {"url": ARTICLE_URL, "title": "标题", "text": "字" * 5_000_000}
    result = formatter.dropped(item, DropItem("unchanged"), None, crawler.spider)  # type: ignore[arg-type]
    line = result["msg"] % result["args"]
    assert ARTICLE_URL in line and len(line) < ITEM_SUMMARY_CHARS + 100
    assert result["level"] in (logging.INFO, logging.WARNING, logging.DEBUG)


def test_a_link_farm_is_cut_after_its_last_link_read() -> None:
    links = "".join(f'<a href="/{i}.html">{i}</a>' for i in range(20))
    body = f"<html><body><p>正文</p>{links}</body></html>".encode()
    cut = links_cut(body, limit=5)
    assert cut is not None and body[:cut].count(b"<a ") == 5
    assert links_cut(body, limit=20) is None
    assert links_cut(body.replace(b"<a ", b"<A "), limit=5) == cut


def test_a_base_href_that_is_no_url_leaves_links_resolved_against_the_page() -> None:
    from lxml import html

    body = '<a href="/case/001/t20240110_1.html">一</a>'
    root = html.fromstring(
        f'<html><head><base href="http://[::1/"></head><body>{body}</body></html>'
    )
    assert read_list_page(f"{SITE}/list/index.html", root, body).links == (ARTICLE_URL,)


def test_a_page_whose_base_is_no_url_passes_the_refresh_check() -> None:
    mw = LimitedMetaRefreshMiddleware.from_crawler(_crawler())
    request = Request(ARTICLE_URL)
    body = b'<html><head><base href="http://[::1/"><meta http-equiv="refresh" content="0;url=/b">'
    response = HtmlResponse(ARTICLE_URL, body=body, request=request)
    assert mw.process_response(request, response) is response
