"""The spider's own bookkeeping stays bounded, and its requests serialize by method name."""

from __future__ import annotations

from typing import Any

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.request import request_from_dict
from scrapy.utils.test import get_crawler

from crawler.components.contract import KIND_META, SITE_META
from spiders.govnews import GovnewsSpider, SpiderRequest

SITE = "http://127.0.0.1:8001"


def spider(**settings: Any) -> GovnewsSpider:
    crawler = get_crawler(GovnewsSpider, settings_dict={"RUN_ID": "test-run", **settings})
    built = GovnewsSpider.from_crawler(crawler, start_urls=f"{SITE}/xwzx/index.html")
    crawler.spider = built
    crawler.stats.open_spider()
    return built


def list_page(spider: GovnewsSpider, first: int, count: int) -> list[Any]:
    title = "区党工委召开理论学习中心组集体学习会议"
    links = "".join(
        f'<li><a href="./202210/t20221014_{n}.html">{title}{n}</a><span>2022-10-14</span></li>'
        for n in range(first, first + count)
    )
    url = f"{SITE}/xwzx/index_{first}.html"
    meta = {KIND_META: "list", SITE_META: next(iter(spider.profiles))}
    request = Request(url, meta=meta)
    return list(spider.parse(HtmlResponse(url, body=f"<ul>{links}</ul>".encode(), request=request)))


def test_the_links_remembered_are_bounded_oldest_forgotten_first() -> None:
    bounded = spider(SPIDER_REMEMBERED_URLS=10)
    first = [r.url for r in list_page(bounded, 0, 8) if isinstance(r, Request)]
    assert len(first) == 8
    list_page(bounded, 100, 8)
    assert len(bounded._requested) == 10
    assert first[0] not in bounded._requested and first[-1] in bounded._requested
    again = [r for r in list_page(bounded, 0, 8) if isinstance(r, Request)]
    # forgotten links are requested again, without dont_filter: the dupefilter drops them
    assert again and not any(r.dont_filter for r in again)


def test_its_requests_are_serialized_by_method_name() -> None:
    built = spider()
    (request, *_) = [r for r in list_page(built, 0, 2) if isinstance(r, Request)]
    assert isinstance(request, SpiderRequest)
    data = request.to_dict(spider=built)
    assert (data["callback"], data["errback"]) == ("parse", "failed")
    assert data == Request.to_dict(request, spider=built)  # what Scrapy's own lookup gives
    back = request_from_dict(data, spider=built)
    assert isinstance(back, SpiderRequest)
    assert (back.callback, back.errback, back.meta) == (built.parse, built.failed, request.meta)
    # a method bound to another spider object: Scrapy's own lookup, by function
    foreign = SpiderRequest(request.url, callback=spider().parse)
    assert foreign.to_dict(spider=built)["callback"] == "parse"
    with pytest.raises(ValueError, match="not an instance method"):
        SpiderRequest(request.url, callback=print).to_dict(spider=built)
