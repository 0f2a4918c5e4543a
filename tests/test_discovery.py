# ruff: noqa: E501  (real-looking page snippets are long lines)
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest

from crawler.page.discovery import (
    HanwebPaging,
    classify_page,
    classify_url,
    dataproxy_urls,
    feed_links,
    hanweb_paging,
    hanweb_record_links,
    is_feed,
    is_sitemap,
    looks_binary,
    page_links,
    start_kind,
)
from crawler.page.pager import find_pager
from crawler.page.profiles import SiteProfile


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://www.a.gov.cn/xwzx/202210/t20221014_123.html", "article"),
        ("http://www.a.gov.cn/art/2020/8/2/art_12_345.html", "article"),
        ("http://www.a.gov.cn/info/1001/2345.htm", "article"),
        ("http://www.a.gov.cn/content/post_123.html", "article"),
        ("https://www.gov.cn/zhengce/content/2022-10/14/content_5718.htm", "article"),
        ("http://www.a.gov.cn/xwzx/index.html", "list"),
        ("http://www.a.gov.cn/xwzx/index_3.html", "list"),
        ("http://www.a.gov.cn/col/col12/index.html", "list"),
        ("http://www.a.gov.cn/module/web/jpage/dataproxy.jsp", "list"),
        ("http://www.a.gov.cn/xwzx/", "list"),
        ("http://www.a.gov.cn/", "list"),
        ("http://www.a.gov.cn/xwzx.htm", "list"),
        ("http://www.a.gov.cn/xwzx/2.htm", "list"),
        ("http://www.a.gov.cn/xwzx/202210/P020221014.pdf", "other"),
        ("http://www.a.gov.cn/images/logo.png", "other"),
        ("http://www.a.gov.cn/about/contact.html", "other"),
    ],
)
def test_classify_url_by_cms_patterns(url: str, kind: str) -> None:
    assert classify_url(url) == kind


def test_profile_patterns_come_first() -> None:
    profile = SiteProfile(
        start_urls=("http://a.gov.cn/",),
        article_pattern=re.compile(r"/news/\d+\.html$"),
        list_pattern=re.compile(r"/news/list\d*\.html$"),
    )
    assert classify_url("http://a.gov.cn/news/123.html", profile) == "article"
    assert classify_url("http://a.gov.cn/news/list2.html", profile) == "list"
    assert classify_url("http://a.gov.cn/news/123.html") == "other"


LONG_BODY = "<p>" + "区党工委召开理论学习中心组集体学习会议，深入学习贯彻。" * 10 + "</p>"


def test_classify_page_by_structure_when_the_url_says_nothing() -> None:
    article = lxml.html.fromstring(f"<html><body><div class='TRS_Editor'>{LONG_BODY}</div>")
    teaser = lxml.html.fromstring("<html><body><div id='zoom'><p>短</p></div><a href='x'>x</a>")
    assert classify_page("http://a.gov.cn/news/1.html", article) == "article"
    assert classify_page("http://a.gov.cn/news/1.html", teaser) == "list"
    # the URL wins when it is conclusive
    assert classify_page("http://a.gov.cn/xwzx/index.html", article) == "list"


def test_profile_body_selector_counts_as_structure() -> None:
    page = lxml.html.fromstring(f"<html><body><section class='wz'>{LONG_BODY}</section>")
    profile = SiteProfile(start_urls=("http://a.gov.cn/",), body_selector="section.wz")
    assert classify_page("http://a.gov.cn/n/1.html", page) == "list"
    assert classify_page("http://a.gov.cn/n/1.html", page, profile) == "article"


def test_page_links_are_absolute_unique_and_without_fragments() -> None:
    page = lxml.html.fromstring(
        """<html><body>
        <a href="202210/t20221014_1.html">a</a>
        <a href="/xwzx/202210/t20221014_1.html#top">same</a>
        <a href="javascript:void(0)">js</a><a href="mailto:x@a.gov.cn">mail</a>
        <a href="#">top</a><a href=" http://other.gov.cn/x.html ">other</a>
        </body></html>"""
    )
    assert page_links(page, "http://a.gov.cn/xwzx/index.html") == [
        "http://a.gov.cn/xwzx/202210/t20221014_1.html",
        "http://other.gov.cn/x.html",
    ]


def test_page_links_respect_base_href() -> None:
    page = lxml.html.fromstring('<html><head><base href="/xw/"></head><a href="1.html">x</a>')
    assert page_links(page, "http://a.gov.cn/q/index.html") == ["http://a.gov.cn/xw/1.html"]


def _pager(script: str, url: str) -> list[str]:
    page = f"<html><body><script>{script}</script></body></html>"
    return find_pager(lxml.html.document_fromstring(page), page, url).next_pages(window=3)


def test_trs_pager_schedules_a_window_not_every_page() -> None:
    links = _pager('createPageHTML(12, 0, "index", "html");', "http://a.gov.cn/xwzx/index.html")
    assert links == [f"http://a.gov.cn/xwzx/index_{n}.html" for n in (1, 2, 3)]


def test_trs_pager_with_variables_ends_at_the_last_page() -> None:
    script = "var countPage = 3;var currentPage = 2;createPageHTML(countPage, currentPage, 'index', 'shtml');"
    assert _pager(script, "http://a.gov.cn/tzgg/index_2.shtml") == []
    script = script.replace("currentPage = 2", "currentPage = 1")
    assert _pager(script, "http://a.gov.cn/tzgg/index_1.shtml") == [
        "http://a.gov.cn/tzgg/index_2.shtml"
    ]


@pytest.mark.parametrize("script", ["", 'createPageHTML(1, 0, "index", "html")'])
def test_trs_pager_without_more_pages(script: str) -> None:
    assert _pager(script, "http://a.gov.cn/x/index.html") == []


HANWEB_PAGE = """<div id="4567"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=3&path=/&columnid=12&unitid=4567&webname=%E5%8C%BA&permissiontype=0"></a>]]></nextgroup>
<recordset>
<record><![CDATA[<li><a href="/art/2020/8/2/art_12_345.html" title="t">标题</a><span>2020-08-02</span></li>]]></record>
<record><![CDATA[<li><a href='http://a.gov.cn/art/2020/8/1/art_12_344.html'>标题</a></li>]]></record>
</recordset></datastore></script></div>
<script>$('#4567').jpage({totalRecord: 100, perPage: 15, groupSize: 3, proxyUrl: '/module/web/jpage/dataproxy.jsp'});</script>
"""


def test_hanweb_datastore_records() -> None:
    assert hanweb_record_links(HANWEB_PAGE, "http://a.gov.cn/col/col12/index.html") == [
        "http://a.gov.cn/art/2020/8/2/art_12_345.html",
        "http://a.gov.cn/art/2020/8/1/art_12_344.html",
    ]


def test_hanweb_dataproxy_requests_follow_jpage_groups() -> None:
    paging = hanweb_paging(HANWEB_PAGE, "http://a.gov.cn/col/col12/index.html")
    assert paging is not None
    assert (paging.total, paging.per_page, paging.group_size) == (100, 15, 3)
    urls = dataproxy_urls(paging, "http://a.gov.cn/col/col12/index.html")
    ranges = [parse_qs(urlsplit(u).query) for u in urls]
    # the page carries 2 records: jpage groups of 45 follow from record 3
    assert [(q["startrecord"][0], q["endrecord"][0]) for q in ranges] == [
        ("3", "47"),
        ("48", "92"),
        ("93", "100"),
    ]
    assert all(urlsplit(u).path == "/module/web/jpage/dataproxy.jsp" for u in urls)
    assert ranges[0]["columnid"] == ["12"] and ranges[0]["unitid"] == ["4567"]
    assert ranges[0]["perpage"] == ["15"] and ranges[0]["webid"] == ["3"]


def test_hanweb_paging_from_datastore_tags_and_url() -> None:
    text = "<datastore><totalrecord>31</totalrecord><perpage>10</perpage></datastore>"
    paging = hanweb_paging(text, "http://a.gov.cn/col/col77/index.html")
    assert paging == HanwebPaging(31, 10, 3, 0, (("columnid", "77"),))
    assert len(dataproxy_urls(paging, "http://a.gov.cn/col/col77/index.html")) == 2


def test_hanweb_page_holding_a_full_group() -> None:
    records = "".join(
        f'<record><![CDATA[<a href="/art/2020/1/1/art_1_{n}.html">x</a>]]></record>'
        for n in range(45)
    )
    text = f"<datastore><recordset>{records}</recordset></datastore>totalRecord: 100, perPage: 15"
    paging = hanweb_paging(text, "http://a.gov.cn/col/col1/index.html")
    assert paging is not None
    starts = [
        parse_qs(urlsplit(u).query)["startrecord"][0]
        for u in dataproxy_urls(paging, "http://a.gov.cn/")
    ]
    assert starts == ["46", "91"]


def test_no_hanweb_paging_on_other_pages() -> None:
    assert hanweb_paging("<html>createPageHTML</html>", "http://a.gov.cn/") is None


def test_feed_links_rss_and_atom() -> None:
    rss = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
    <item><title>a</title><link>http://a.gov.cn/art/2020/8/2/art_1_2.html</link></item>
    </channel></rss>"""
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>a</title>
    <link rel="alternate" href="http://a.gov.cn/info/1/2.htm"/><link rel="edit" href="x"/></entry></feed>"""
    assert is_feed(rss) and is_feed(atom) and not is_sitemap(rss)
    assert feed_links(rss) == ["http://a.gov.cn/art/2020/8/2/art_1_2.html"]
    assert feed_links(atom) == ["http://a.gov.cn/info/1/2.htm"]
    assert feed_links(b"not xml at all") == []


def test_sitemap_sniffing() -> None:
    assert is_sitemap(b'<?xml version="1.0"?><urlset xmlns="x"><url><loc>a</loc></url></urlset>')
    assert is_sitemap(b"<sitemapindex>")
    assert not is_sitemap(b"<html>")


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://a.gov.cn/xwzx/202210/t20221014_1.html", "article"),
        ("http://a.gov.cn/sitemap.xml", "sitemap"),
        ("http://a.gov.cn/sitemap_index.xml.gz", "sitemap"),
        ("http://a.gov.cn/rss.xml", "feed"),
        ("http://a.gov.cn/xwzx/index.html", "start"),
    ],
)
def test_start_kind(url: str, kind: str) -> None:
    assert start_kind(url) == kind


@pytest.mark.parametrize(
    ("body", "binary"),
    [
        (b"%PDF-1.7\n...", True),
        (b"PK\x03\x04zipfile", True),
        (b"\x89PNG\r\n", True),
        (b"<html>\x00\x01\x02</html>", True),
        ("<html><body>正文</body></html>".encode("gb18030"), False),
    ],
)
def test_looks_binary(body: bytes, binary: bool) -> None:
    assert looks_binary(body) is binary


def test_page_without_known_container_but_long_unlinked_paragraphs_is_an_article() -> None:
    paragraphs = "".join(
        f"<p>{'今天用了一上午的时间，对一些政策文件组织了领学。' * 3}</p>" for _ in range(6)
    )
    article = lxml.html.fromstring(f"<html><body><div class='article'>{paragraphs}</div>")
    links = "".join(f"<li><a href='/a/{n}.html'>{'标题' * 20}</a></li>" for n in range(40))
    listing = lxml.html.fromstring(f"<html><body><ul class='list'>{links}</ul>")
    assert classify_page("http://a.gov.cn/fanwen/1275.html", article) == "article"
    assert classify_page("http://a.gov.cn/fanwen/", listing) == "list"
