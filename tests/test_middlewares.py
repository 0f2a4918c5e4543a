from __future__ import annotations

import logging

import pytest
from scrapy.downloadermiddlewares.robotstxt import logger as robots_logger
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.test import get_crawler
from twisted.internet.defer import Deferred

from crawler.components.contract import FORCED_ENCODING_META, SkipRequest
from crawler.components.middlewares import (
    EncodingCheckMiddleware,
    LimitedMetaRefreshMiddleware,
    LimitedRedirectMiddleware,
    RedirectLoopMiddleware,
    RobotsUnreachableMiddleware,
)

TEXT = "区党工委召开理论学习中心组集体学习会议"


def _middleware(**settings: object) -> tuple[EncodingCheckMiddleware, object]:
    crawler = get_crawler(settings_dict=settings)
    crawler.stats.open_spider()
    return EncodingCheckMiddleware.from_crawler(crawler), crawler.stats


def _page(body: bytes, headers: dict[str, str] | None = None, **meta: object) -> HtmlResponse:
    url = "http://127.0.0.1:8001/x/t20221014_1.html"
    return HtmlResponse(url, body=body, headers=headers, request=Request(url, meta=meta))


def test_utf8_page_declaring_gb2312_is_read_as_utf8() -> None:
    mw, stats = _middleware()
    body = f'<html><head><meta charset="gb2312"></head><body>{TEXT}</body></html>'.encode()
    response = _page(body)
    checked = mw.process_response(response.request, response)
    assert checked.encoding == "utf-8"
    assert TEXT in checked.text
    assert stats.get_value("encoding/declared_mismatch") == 1


def test_gbk_page_without_any_declaration_is_read_as_gb18030() -> None:
    mw, stats = _middleware()
    body = f"<html><body>{TEXT}</body></html>".encode("gbk")
    response = _page(body, headers={"Content-Type": "text/html; charset=iso-8859-1"})
    checked = mw.process_response(response.request, response)
    assert checked.encoding == "gb18030"
    assert TEXT in checked.text
    assert stats.get_value("encoding/declared_mismatch") == 1


def test_page_declaring_nothing_is_sniffed_without_a_charset_detector(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No header, BOM or meta: the bytes decide (GBK here), and Scrapy's charset_normalizer
    fallback, about 10 ms a real page, is never reached."""

    def detector(_: bytes) -> None:
        raise AssertionError("charset_normalizer ran")

    monkeypatch.setattr("scrapy.http.response.text.from_bytes", detector)
    mw, stats = _middleware()
    response = _page(f"<html><body><p>{TEXT}</p></body></html>".encode("gbk"))
    checked = mw.process_response(response.request, response)
    assert checked.encoding == "gb18030"
    assert TEXT in checked.text
    assert stats.get_value("encoding/sniffed") == 1
    assert stats.get_value("encoding/declared_mismatch") is None
    utf8 = _page(f"<html><body><p>{TEXT}</p></body></html>".encode())
    assert mw.process_response(utf8.request, utf8).text.count(TEXT) == 1
    assert stats.get_value("encoding/sniffed") == 2


def test_gbk_page_declaring_gb2312_is_kept_as_gb18030() -> None:
    mw, stats = _middleware()
    body = f'<html><head><meta charset="gb2312"></head><body>{TEXT}</body></html>'.encode("gbk")
    response = _page(body)
    checked = mw.process_response(response.request, response)
    assert checked.encoding == "gb18030"
    assert TEXT in checked.text
    assert stats.get_value("encoding/declared_mismatch") is None


def test_correct_utf8_declaration_is_left_alone() -> None:
    mw, stats = _middleware()
    response = _page(
        f"<html><body>{TEXT}</body></html>".encode(), {"Content-Type": "text/html; charset=utf-8"}
    )
    assert mw.process_response(response.request, response) is response
    assert stats.get_value("encoding/declared_mismatch") is None


def test_profile_encoding_is_forced() -> None:
    mw, stats = _middleware()
    body = f"<html><body>{TEXT}</body></html>".encode("gbk")
    response = _page(
        body, {"Content-Type": "text/html; charset=utf-8"}, **{FORCED_ENCODING_META: "gbk"}
    )
    checked = mw.process_response(response.request, response)
    assert checked.encoding == "gb18030" and TEXT in checked.text
    assert stats.get_value("encoding/forced_by_profile") == 1


def test_binary_responses_pass_through() -> None:
    mw, _ = _middleware()
    response = Response(
        "http://127.0.0.1:8001/a.pdf",
        body=b"%PDF-1.7",
        request=Request("http://127.0.0.1:8001/a.pdf"),
    )
    assert mw.process_response(response.request, response) is response


def test_switched_off() -> None:
    with pytest.raises(NotConfigured):
        _middleware(ENCODING_CHECK_ENABLED=False)


def _redirect(url: str, location: str, chain: list[str]) -> tuple[Request, Response]:
    request = Request(url, meta={"redirect_urls": chain})
    return request, Response(url, status=302, headers={"Location": location}, request=request)


def test_redirect_back_into_the_chain_is_a_loop() -> None:
    mw = RedirectLoopMiddleware.from_crawler(get_crawler())
    request, response = _redirect(
        "http://127.0.0.1:8001/b.html", "/a.html", ["http://127.0.0.1:8001/a.html"]
    )
    with pytest.raises(SkipRequest, match="redirect_loop") as raised:
        mw.process_response(request, response)
    assert raised.value.reason == "redirect_loop"


def test_self_redirect_is_a_loop() -> None:
    mw = RedirectLoopMiddleware.from_crawler(get_crawler())
    request, response = _redirect("http://127.0.0.1:8001/a.html", "a.html", [])
    with pytest.raises(IgnoreRequest):
        mw.process_response(request, response)


def test_ordinary_redirect_passes() -> None:
    mw = RedirectLoopMiddleware.from_crawler(get_crawler())
    request, response = _redirect("http://127.0.0.1:8001/a.html", "/b.html", [])
    assert mw.process_response(request, response) is response


def test_unreachable_robots_txt_is_one_counted_warning(caplog: pytest.LogCaptureFixture) -> None:
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True})
    crawler.stats.open_spider()
    mw = RobotsUnreachableMiddleware.from_crawler(crawler)
    request = Request("http://127.0.0.1:9/x/index.html")
    error = ConnectionRefusedError("Connection was refused by other side")
    with caplog.at_level(logging.INFO, logger=robots_logger.name):
        mw._parsers["127.0.0.1:9"] = Deferred()
        robots_logger.error(
            "Error downloading %(request)s: %(f_exception)s",
            {"request": request, "f_exception": error},
            exc_info=(type(error), error, None),
        )
        mw._robots_error(error, "127.0.0.1:9")
    assert crawler.stats.get_value("skip/robots_unreachable") == 1
    [record] = caplog.records
    assert record.levelno == logging.WARNING and record.exc_info is None
    assert "robots.txt unreachable" in record.getMessage()
    assert "\n" not in caplog.text.strip()


def test_a_chain_past_the_redirect_limit_is_a_typed_skip() -> None:
    crawler = get_crawler(settings_dict={"REDIRECT_MAX_TIMES": 2})
    mw = LimitedRedirectMiddleware.from_crawler(crawler)
    chain = [f"http://127.0.0.1:8001/{n}.html" for n in range(2)]
    request, response = _redirect("http://127.0.0.1:8001/2.html", "/3.html", chain)
    request.meta["redirect_times"] = 2
    with pytest.raises(SkipRequest) as raised:
        mw.process_response(request, response)
    assert raised.value.reason == "too_many_redirects"
    _, ordinary = _redirect("http://127.0.0.1:8001/a.html", "/b.html", [])
    followed = mw.process_response(ordinary.request, ordinary)  # type: ignore[arg-type]
    assert isinstance(followed, Request) and followed.url.endswith("/b.html")


def test_meta_refresh_past_the_limit_is_a_typed_skip() -> None:
    crawler = get_crawler(settings_dict={"REDIRECT_MAX_TIMES": 1})
    mw = LimitedMetaRefreshMiddleware.from_crawler(crawler)
    url = "http://127.0.0.1:8001/a.html"
    request = Request(url, meta={"redirect_times": 1, "redirect_ttl": 0})
    body = b'<html><head><meta http-equiv="refresh" content="0;url=/b.html"></head></html>'
    with pytest.raises(SkipRequest) as raised:
        mw.process_response(request, HtmlResponse(url, body=body, request=request))
    assert raised.value.reason == "too_many_redirects"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16-le"])
def test_a_meta_refresh_is_followed_in_any_encoding_and_a_page_without_one_passes(
    encoding: str,
) -> None:
    """The look for the word `refresh` in the body's bytes that spares pages without one
    Scrapy's decoding and tag stripping: a refresh written in a case of its own, in GB18030
    or in UTF-16 (whose letters are not bytes of their own), is still followed."""
    mw = LimitedMetaRefreshMiddleware.from_crawler(get_crawler())
    url = "http://127.0.0.1:8001/a.html"
    page = '<html><head><meta http-equiv="Refresh" content="0;url=/b.html"><title>新闻</title>'
    headers = {"Content-Type": f"text/html; charset={encoding}"}
    for head, followed in ((page, True), (page.replace("Refresh", "expires"), False)):
        request = Request(url)
        body = (head + "</head><body>正文</body></html>").encode(encoding)
        result = mw.process_response(
            request, HtmlResponse(url, body=body, headers=headers, request=request)
        )
        assert isinstance(result, Request) is followed, (encoding, head)
        if followed:
            assert isinstance(result, Request) and result.url.endswith("/b.html")


def test_robots_forbidden_is_a_typed_skip() -> None:
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True})
    crawler.stats.open_spider()
    mw = RobotsUnreachableMiddleware.from_crawler(crawler)
    from protego import Protego

    parser = _ProtegoParser(Protego.parse("User-agent: *\nDisallow: /private/"))
    with pytest.raises(SkipRequest) as raised:
        mw.process_request_2(parser, Request("http://127.0.0.1:8001/private/a.html"))
    assert raised.value.reason == "robots_forbidden"
    mw.process_request_2(parser, Request("http://127.0.0.1:8001/public/a.html"))


class _ProtegoParser:
    """The RobotParser interface over a parsed robots.txt."""

    def __init__(self, rules: object) -> None:
        self.rules = rules

    def allowed(self, url: str, user_agent: str) -> bool:
        return bool(self.rules.can_fetch(url, user_agent))  # type: ignore[attr-defined]
