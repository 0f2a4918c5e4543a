# ruff: noqa: E501  (real-looking page snippets are long lines)
from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response, XmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.internet.error import ConnectionRefusedError, DNSLookupError
from twisted.python.failure import Failure

from crawler.components.contract import (
    COLUMN_META,
    KIND_META,
    LISTED_META,
    PAGE_NUMBER_META,
    SITE_META,
    UNKNOWN_DEPTH_META,
    VERIFY_META,
    SkipRequest,
)
from crawler.page.record import RECORD_KEYS
from spiders.govnews import GovnewsSpider, failure_reason

SITE = "http://127.0.0.1:8001"
BODY = "".join(
    f"<p>第{i}段：区党工委召开理论学习中心组集体学习会议，深入学习贯彻党的二十大精神。</p>"
    for i in range(8)
)
ARTICLE = f"""<html><head><meta name="ArticleTitle" content="区党工委召开学习会"><meta name="PubDate" content="2022-10-14 09:30">
<title>区党工委召开学习会_新闻中心</title></head><body><h1>区党工委召开学习会</h1>
<div class="info">发布时间：2022-10-14 09:30 来源：区融媒体中心</div><div class="TRS_Editor">{BODY}</div></body></html>"""
TRS_LIST = """<html><body><ul>
<li><a href="./202210/t20221014_1.html">一</a></li><li><a href="/xwzx/202210/t20221013_2.html">二</a></li>
<li><a href="http://www.gov.cn/xinwen/index.htm">中国政府网</a></li><li><a href="/files/a.pdf">附件</a></li>
<li><a href="/about/contact.html">联系我们</a></li></ul>
<script>createPageHTML(3, 0, "index", "html");</script></body></html>"""
HANWEB_LIST = """<html><body><div id="4567"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=3&columnid=12&unitid=4567"></a>]]></nextgroup>
<recordset><record><![CDATA[<li><a href="/art/2020/8/2/art_12_345.html">标题</a></li>]]></record></recordset>
</datastore></script></div><script>$('#4567').jpage({totalRecord: 50, perPage: 10, groupSize: 2});</script></body></html>"""


def _spider(**settings: Any) -> GovnewsSpider:
    crawler = get_crawler(GovnewsSpider, settings_dict={"RUN_ID": "test-run", **settings})
    spider = GovnewsSpider.from_crawler(
        crawler, start_urls=f"{SITE}/xwzx/index.html,{SITE}/xwzx/202210/t20221012_9.html"
    )
    crawler.spider = spider
    crawler.stats.open_spider()
    return spider


def _response(
    url: str, body: str | bytes, kind: str, cls: type[Response] = HtmlResponse, **kw: Any
) -> Response:
    request = Request(url, meta={KIND_META: kind, SITE_META: "127.0.0.1:8001"})
    if isinstance(body, str):
        body = body.encode("utf-8")
        kw.setdefault("headers", {"Content-Type": "text/html; charset=utf-8"})
    return cls(url, body=body, request=request, **kw)


def _stats(spider: GovnewsSpider) -> dict[str, Any]:
    return spider.crawler.stats.get_stats()


def _kinds(results: list[Any]) -> dict[str, str]:
    return {r.url: r.meta[KIND_META] for r in results if isinstance(r, Request)}


def test_start_tags_seed_urls() -> None:
    spider = _spider()

    async def collect() -> list[Request]:
        return [request async for request in spider.start()]

    requests = asyncio.run(collect())
    assert _kinds(requests) == {
        f"{SITE}/xwzx/index.html": "start",
        f"{SITE}/xwzx/202210/t20221012_9.html": "article",
    }
    assert all(r.meta[SITE_META] == "127.0.0.1:8001" for r in requests)


def test_missing_seeds_is_an_error() -> None:
    with pytest.raises(ValueError, match="seeds=FILE"):
        GovnewsSpider.from_crawler(get_crawler(GovnewsSpider))


def test_seed_file_argument(tmp_path: Path) -> None:
    seeds = tmp_path / "s.txt"
    seeds.write_text(f"{SITE}/col/col12/index.html name=hanweb encoding=gbk\n", "utf-8")
    spider = GovnewsSpider.from_crawler(get_crawler(GovnewsSpider), seeds=str(seeds))
    assert list(spider.profiles) == ["hanweb"]
    assert spider.site_netlocs == {"127.0.0.1:8001"}


def test_trs_list_page_follows_articles_and_js_pager_only_on_site() -> None:
    spider = _spider()
    results = list(spider.parse(_response(f"{SITE}/xwzx/index.html", TRS_LIST, "start")))
    assert _kinds(results) == {
        f"{SITE}/xwzx/202210/t20221014_1.html": "article",
        f"{SITE}/xwzx/202210/t20221013_2.html": "article",
        f"{SITE}/xwzx/index_1.html": "list",
        f"{SITE}/xwzx/index_2.html": "list",
        f"{SITE}/about/contact.html": "article",  # unknown: fetched, its structure decides
    }
    unknown = next(r for r in results if r.url.endswith("contact.html"))
    assert unknown.meta[VERIFY_META] and unknown.meta[UNKNOWN_DEPTH_META] == 1
    assert not any(isinstance(r, dict) for r in results)
    assert _stats(spider)["discovery/offsite_links"] == 1
    assert _stats(spider)["discovery/list_pages"] == 1


def test_unknown_pages_are_not_followed_from_unknown_pages() -> None:
    spider = _spider()
    response = _response(f"{SITE}/about/us.html", TRS_LIST, "article")
    response.request.meta.update({VERIFY_META: True, UNKNOWN_DEPTH_META: 1})  # type: ignore[union-attr]
    urls = {r.url for r in spider.parse(response)}
    assert f"{SITE}/about/contact.html" not in urls
    assert f"{SITE}/xwzx/202210/t20221013_2.html" in urls


def test_article_page_becomes_an_item() -> None:
    spider = _spider()
    url = f"{SITE}/xwzx/202210/t20221014_1.html"
    (item,) = spider.parse(
        _response(
            url,
            ARTICLE,
            "article",
            headers={"Content-Type": "text/html; charset=utf-8", "ETag": '"abc"'},
        )
    )
    assert item["url"] == url
    assert item["title"] == "区党工委召开学习会"
    assert item["published_at"].startswith("2022-10-14")
    assert "第7段" in item["text"]
    assert item["http"] == {
        "status": 200,
        "encoding": "utf-8",
        "etag": '"abc"',
        "last_modified": None,
    }
    assert item["run_id"] == "test-run"
    assert tuple(item) == RECORD_KEYS  # the record as archived, nothing private
    assert item["warc"] is None
    assert item["fetched_at"].endswith("Z")


def test_start_page_with_article_structure_is_archived() -> None:
    spider = _spider()
    results = list(spider.parse(_response(f"{SITE}/news/show.html", ARTICLE, "start")))
    assert len(results) == 1 and results[0]["title"] == "区党工委召开学习会"


def test_hanweb_column_yields_records_and_dataproxy_groups() -> None:
    spider = _spider()
    results = list(spider.parse(_response(f"{SITE}/col/col12/index.html", HANWEB_LIST, "list")))
    kinds = _kinds(results)
    assert kinds.pop(f"{SITE}/art/2020/8/2/art_12_345.html") == "article"
    # 1 record inline, 50 in all, groups of 2 x 10: 2-21, 22-41, 42-50
    assert sorted(kinds.values()) == ["dataproxy"] * 3
    assert all("startrecord=" in url and "columnid=12" in url for url in kinds)


def test_dataproxy_answer_yields_articles() -> None:
    spider = _spider()
    xml = """<?xml version="1.0" encoding="UTF-8"?><datastore><recordset>
    <record><![CDATA[<li><a href="/art/2020/7/30/art_12_300.html">旧闻</a></li>]]></record>
    </recordset></datastore>"""
    url = (
        f"{SITE}/module/web/jpage/dataproxy.jsp?startrecord=21&endrecord=40&perpage=10&columnid=12"
    )
    results = list(spider.parse(_response(url, xml.encode(), "dataproxy", XmlResponse)))
    assert _kinds(results) == {f"{SITE}/art/2020/7/30/art_12_300.html": "article"}


def test_sitemap_entries_are_followed() -> None:
    spider = _spider()
    xml = f"""<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url><loc>{SITE}/content/post_1.html</loc></url><url><loc>{SITE}/news/show_2.html</loc></url>
    <url><loc>{SITE}/xwzx/index.html</loc></url><url><loc>http://elsewhere.gov.cn/content/post_3.html</loc></url>
    </urlset>"""
    results = list(
        spider.parse(_response(f"{SITE}/sitemap.xml", xml.encode(), "sitemap", XmlResponse))
    )
    assert _kinds(results) == {
        f"{SITE}/content/post_1.html": "article",
        f"{SITE}/news/show_2.html": "article",
        f"{SITE}/xwzx/index.html": "list",
    }
    unknown = next(r for r in results if r.url.endswith("show_2.html"))
    assert unknown.meta["govnews_verify"] is True


@pytest.mark.parametrize(
    ("body", "key"),
    [
        (b"%PDF-1.4 binary", "extract/not_html"),
        (b"\x00\x01\x02\x03" * 100, "extract/not_html"),
        (b"   ", "extract/empty_page"),
        (b"<html>" + b"x" * 5000 + b"</html>", "skip/too_large"),
    ],
)
def test_unusable_responses_are_counted(body: bytes, key: str) -> None:
    spider = _spider(EXTRACT_MAX_PAGE_BYTES=4096)
    url = f"{SITE}/xwzx/202210/t20221014_1.html"
    assert (
        list(spider.parse(_response(url, body, "article", headers={"Content-Type": "text/html"})))
        == []
    )
    assert _stats(spider)[key] == 1


def test_redirect_off_site_is_counted() -> None:
    spider = _spider()
    response = _response("http://127.0.0.1:9999/xwzx/202210/t20221014_1.html", ARTICLE, "article")
    assert list(spider.parse(response)) == []
    assert _stats(spider)["spider/offsite"] == 1


def _failure(exc: Exception) -> Failure:
    try:
        raise exc
    except Exception:
        return Failure()


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (HttpError(HtmlResponse(f"{SITE}/x", status=404)), "http_404"),
        (HttpError(HtmlResponse(f"{SITE}/x", status=500)), "http_500"),
        (SkipRequest("too_many_redirects"), "too_many_redirects"),
        (SkipRequest("robots_forbidden", f"{SITE}/x"), "robots_forbidden"),
        (SkipRequest("not_modified", f"{SITE}/x", quiet=True), "not_modified"),
        (IgnoreRequest("not modified, said by no SkipRequest"), "dropped_by_middleware"),
        (DNSLookupError("nope"), "dns_or_connection"),
        (ConnectionRefusedError("nope"), "dns_or_connection"),
        (ZeroDivisionError("odd"), "download_failed"),
    ],
)
def test_failure_reasons(exc: Exception, reason: str) -> None:
    assert failure_reason(_failure(exc)) == reason


def test_errback_counts_and_goes_on() -> None:
    spider = _spider()
    failure = _failure(HttpError(HtmlResponse(f"{SITE}/gone.html", status=404)))
    failure.request = Request(f"{SITE}/gone.html")  # type: ignore[attr-defined]
    spider.failed(failure)
    assert _stats(spider)["skip/http_404"] == 1


def test_unknown_pages_can_be_switched_off() -> None:
    spider = _spider(SPIDER_UNKNOWN_PAGE_DEPTH=0)
    results = list(spider.parse(_response(f"{SITE}/xwzx/index.html", TRS_LIST, "start")))
    assert f"{SITE}/about/contact.html" not in _kinds(results)
    assert f"{SITE}/xwzx/202210/t20221014_1.html" in _kinds(results)


def test_incremental_skips_are_counted_and_logged_at_debug_only(
    caplog: pytest.LogCaptureFixture,
) -> None:
    spider = _spider()
    failure = _failure(SkipRequest("not_modified", f"{SITE}/x.html", quiet=True))
    failure.request = Request(f"{SITE}/x.html")  # type: ignore[attr-defined]
    with caplog.at_level(logging.DEBUG, logger="spiders.govnews"):
        spider.failed(failure)
    assert _stats(spider)["skip/not_modified"] == 1
    assert [r.levelno for r in caplog.records] == [logging.DEBUG]


def test_overlong_links_are_not_followed() -> None:
    spider = _spider(URLLENGTH_LIMIT=60)
    long_link = f"/xwzx/202210/t20221015_{'9' * 40}.html"
    page = TRS_LIST.replace("/xwzx/202210/t20221013_2.html", long_link)
    results = list(spider.parse(_response(f"{SITE}/xwzx/index.html", page, "start")))
    assert f"{SITE}{long_link}" not in _kinds(results)
    assert f"{SITE}/xwzx/202210/t20221014_1.html" in _kinds(results)
    assert _stats(spider)["discovery/url_too_long"] == 1


# --- depth is distance from content ---------------------------------------------------------------
def _column_page(number: int, pages: int = 5) -> str:
    """A column of a CMS no pattern knows: items and pager pages of unknown URL shapes."""
    rows = "".join(
        f'<li><a href="/news-show-{number}{n}.html">区政府召开第{number}{n}次常务会议研究部署重点工作</a><span>2023-01-0{n}</span></li>'
        for n in range(1, 7)
    )
    nxt = f'<a href="/news-list-yw-{number + 1}.html">下一页</a>' if number < pages else ""
    return f"""<html><body><div class="nav"><a href="/about/us.html">关于我们</a></div><ul>{rows}</ul>
<div class="pager"><a href="/news-list-yw-1.html">首页</a>{nxt}<a href="/news-list-yw-{pages}.html">尾页</a></div></body></html>"""


def _requests(results: list[Any]) -> dict[str, Request]:
    return {r.url: r for r in results if isinstance(r, Request)}


def test_pager_pages_keep_the_lists_depth_and_items_add_one() -> None:
    spider = _spider()
    requests = _requests(
        list(spider.parse(_response(f"{SITE}/news-list-yw.html", _column_page(1), "start")))
    )
    page2 = requests[f"{SITE}/news-list-yw-2.html"]
    assert page2.meta[KIND_META] == "list" and page2.meta.get(UNKNOWN_DEPTH_META, 0) == 0
    assert page2.meta[COLUMN_META] == f"{SITE}/news-list-yw.html"
    item = requests[f"{SITE}/news-show-11.html"]
    assert item.meta[VERIFY_META] and item.meta[UNKNOWN_DEPTH_META] == 1
    # page 2 answers: its articles are followed too (depth 1, within the limit)
    response = _response(page2.url, _column_page(2), "list")
    response.request.meta.update(page2.meta)  # type: ignore[union-attr]
    later = _requests(list(spider.parse(response)))
    assert {f"{SITE}/news-show-2{n}.html" for n in range(1, 7)} <= set(later)
    assert {f"{SITE}/news-list-yw-{n}.html" for n in range(2, 6)} <= {*requests, *later}
    assert _stats(spider)["discovery/pager_pages"] >= 2


def test_a_link_dropped_at_the_depth_limit_is_not_marked_requested() -> None:
    spider = _spider()
    deep = _response(f"{SITE}/about/us.html", TRS_LIST, "article")
    deep.request.meta.update({VERIFY_META: True, UNKNOWN_DEPTH_META: 1})  # type: ignore[union-attr]
    assert f"{SITE}/about/contact.html" not in _requests(list(spider.parse(deep)))
    assert _stats(spider)["discovery/depth_limited"] >= 1
    near = list(spider.parse(_response(f"{SITE}/xwzx/index.html", TRS_LIST, "start")))
    assert f"{SITE}/about/contact.html" in _requests(near)  # a nearer copy of the link still counts


def test_a_lists_rows_are_followed_one_step_past_the_depth_limit() -> None:
    """A column no pattern knows, reached as a page of unknown kind (depth 1, the limit): its
    rows, whose URLs say nothing either, are still its articles; its menu links are not."""
    spider = _spider()
    column = _response(f"{SITE}/news-list-yw.html", _column_page(1), "article")
    column.request.meta.update({VERIFY_META: True, UNKNOWN_DEPTH_META: 1})  # type: ignore[union-attr]
    requests = _requests(list(spider.parse(column)))
    item = requests[f"{SITE}/news-show-11.html"]
    assert item.meta[VERIFY_META] and item.meta[UNKNOWN_DEPTH_META] == 2
    assert item.meta[LISTED_META] == ("区政府召开第11次常务会议研究部署重点工作", "2023-01-01")
    assert f"{SITE}/about/us.html" not in requests
    # the row's page, read as a list in turn, leads no further
    deeper = _response(item.url, _column_page(2), "article")
    deeper.request.meta.update(item.meta)  # type: ignore[union-attr]
    assert f"{SITE}/news-show-21.html" not in _requests(list(spider.parse(deeper)))


def test_a_list_read_far_from_content_is_read_again_nearer() -> None:
    spider = _spider()
    nav = '<html><body><a href="/news-list-yw-2.html">要闻</a></body></html>'
    first = _requests(list(spider.parse(_response(f"{SITE}/index.html", nav, "start"))))
    far = first[f"{SITE}/news-list-yw-2.html"]
    assert far.meta[UNKNOWN_DEPTH_META] == 1
    response = _response(far.url, _column_page(2), "article")
    response.request.meta.update(far.meta)  # type: ignore[union-attr]
    read_far = _requests(list(spider.parse(response)))
    shown = [r for url, r in read_far.items() if "news-show" in url]  # one step past the limit
    assert shown and all(r.meta[UNKNOWN_DEPTH_META] == 2 for r in shown)
    again = _requests(
        list(spider.parse(_response(f"{SITE}/news-list-yw.html", _column_page(1), "start")))
    )
    near = again[f"{SITE}/news-list-yw-2.html"]
    assert near.dont_filter and near.meta.get(UNKNOWN_DEPTH_META, 0) == 0


def test_list_pages_per_column_are_capped_and_counted() -> None:
    spider = _spider(SPIDER_MAX_LIST_PAGES_PER_COLUMN=2)
    page = '<html><body><script>createPageHTML(1000000, 0, "index", "html");</script></body></html>'
    requests = _requests(list(spider.parse(_response(f"{SITE}/xwzx/index.html", page, "start"))))
    assert [u for u in requests if "/xwzx/index_" in u] == [f"{SITE}/xwzx/index_1.html"]
    assert _stats(spider)["discovery/list_pages_capped"] == 2  # index_2 and index_3 of the window


def test_pager_window_moves_as_pages_answer() -> None:
    spider = _spider(SPIDER_PAGER_WINDOW=2)
    page = '<html><body><script>createPageHTML(50, {n}, "index", "html");</script></body></html>'
    first = _requests(
        list(spider.parse(_response(f"{SITE}/xwzx/index.html", page.format(n=0), "start")))
    )
    assert sorted(u for u in first if "index_" in u) == [
        f"{SITE}/xwzx/index_{n}.html" for n in (1, 2)
    ]
    page2 = first[f"{SITE}/xwzx/index_2.html"]
    assert page2.meta[PAGE_NUMBER_META] == 2
    # the answer carries the window on, even when the page itself shows no pager
    response = _response(page2.url, "<html><body><p>第3页</p></body></html>", "list")
    response.request.meta.update(page2.meta)  # type: ignore[union-attr]
    later = _requests(list(spider.parse(response)))
    assert sorted(u for u in later if "index_" in u) == [
        f"{SITE}/xwzx/index_{n}.html" for n in (3, 4)
    ]


def test_hanweb_dataproxy_keeps_a_gbk_webname_and_the_pages_endpoint() -> None:
    spider = _spider()
    webname = "%C7%F8%D5%FE%B8%AE"
    page = HANWEB_LIST.replace("/module/web/jpage/", "/module/jslib/jquery/jpage/").replace(
        "unitid=4567", f"unitid=4567&webname={webname}"
    )
    body = page.encode("gb18030")
    response = _response(
        f"{SITE}/col/col12/index.html",
        body,
        "list",
        headers={"Content-Type": "text/html; charset=gbk"},
    )
    proxied = [
        r.url
        for r in spider.parse(response)
        if isinstance(r, Request) and r.meta[KIND_META] == "dataproxy"
    ]
    assert proxied and all("/module/jslib/jquery/jpage/dataproxy.jsp?" in u for u in proxied)
    assert all(f"webname={webname}" in u for u in proxied)


def test_links_to_files_are_counted_not_fetched() -> None:
    """A column listing a PDF alone: the link is counted (`discovery/file_links`), not fetched."""
    spider = _spider()
    page = TRS_LIST.replace("</body>", "<a href='/xxgk/2023budget.pdf'>2023年预算公开</a></body>")
    requests = _requests(list(spider.parse(_response(f"{SITE}/xwzx/index.html", page, "start"))))
    assert f"{SITE}/xxgk/2023budget.pdf" not in requests
    assert _stats(spider)["discovery/file_links"] >= 1
