# ruff: noqa: E501  (real-looking page snippets are long lines)
from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urljoin, urlsplit

import lxml.html
import pytest

from crawler.page.discovery import (
    HanwebPaging,
    classify_page,
    classify_url,
    dataproxy_urls,
    decide_page,
    feed_links,
    hanweb_paging,
    hanweb_record_links,
    is_feed,
    is_sitemap,
    looks_binary,
    page_links,
    read_hanweb_records,
    read_list_page,
    start_kind,
)
from crawler.page.listing import (
    ListItem,
    common_url_pattern,
    find_listing,
    listing_share,
    same_headline,
)
from crawler.page.pager import Postback, find_pager
from crawler.page.profiles import SiteProfile


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://www.a.gov.cn/xwzx/202210/t20221014_123.html", "article"),
        ("http://www.a.gov.cn/art/2020/8/2/art_12_345.html", "article"),
        ("http://www.a.gov.cn/info/1001/2345.htm", "article"),
        ("http://www.a.gov.cn/content/post_123.html", "article"),
        # Hanweb under its column (a real Zhejiang shape), Sudy WebPlus
        (
            "https://a.zj.gov.cn/col/col1229123351/art/2026/art_937add6719f140bdac86d5b97c52.html",
            "article",
        ),
        ("https://news.a.edu.cn/2022/1214/c814a216777/page.htm", "article"),
        ("https://news.a.edu.cn/814/list.htm", "list"),
        ("https://www.gov.cn/zhengce/content/2022-10/14/content_5718.htm", "article"),
        ("http://www.a.gov.cn/xwzx/index.html", "list"),
        ("http://www.a.gov.cn/xwzx/index_3.html", "list"),
        # EasySite keeps an article at its id's folder: no list for sure, its structure decides
        ("http://www.a.gov.cn/web/ztlm/gzdt59/1545021/index.html", "other"),
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


def test_trs_pager_plugin_given_an_object_of_settings() -> None:
    """TRS's pager plugin called with its settings (`size` pages, `current` from 0): the
    next pages are `index_N.html`, and the last page has none."""
    script = "Pager({size:16, current:0, prefix:'index',suffix:'html',visible:5,beforeEnd:2});"
    assert _pager(script, "http://a.gov.cn/xwdt/index.html") == [
        f"http://a.gov.cn/xwdt/index_{n}.html" for n in (1, 2, 3)
    ]
    last = script.replace("current:0", "current:15")
    assert _pager(last, "http://a.gov.cn/xwdt/index_15.html") == []
    assert _pager("function Pager(settings){var cfg={size:1,current:0};}", "http://a.gov.cn/") == []


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


def test_hanweb_records_are_the_rows_jpage_renders_documents_among_them() -> None:
    """A 预决算 column's records: pages and the PDF files themselves, each titled and dated by
    its row; the files are documents to archive, never stray file links."""
    rows = [
        ("/art/2024/8/2/art_12_345.html", "区财政局2024年部门预算公开说明", "2024-08-02"),
        ("/art/2024/8/1/art_12_344.html", "区教育局2024年部门预算公开说明", "2024-08-01"),
        (
            "/module/download/2024/区卫健委2024年部门预算.pdf",
            "区卫健委2024年部门预算",
            "2024-07-30",
        ),
        (
            "/module/download/2024/区民政局2024年部门预算.pdf",
            "区民政局2024年部门预算",
            "2024-07-29",
        ),
        ("/art/2024/7/28/art_12_340.html", "区住建局2024年部门预算公开说明", "2024-07-28"),
    ]
    records = "".join(
        f"<record><![CDATA[<li><a href='{href}' title='{title}' target='_blank'>{title}</a>"
        f"<span>{date}</span></li>]]></record>"
        for href, title, date in rows
    )
    text = (
        f"<script type='text/xml'><datastore><recordset>{records}</recordset></datastore></script>"
    )
    base = "http://a.gov.cn/col/col12/index.html"
    page = read_hanweb_records(text, base)
    assert [(i.url, i.title, i.date) for i in page.items] == [
        (urljoin(base, href), title, date) for href, title, date in rows if href.endswith("html")
    ]
    assert [(d.title, d.date) for d in page.documents] == [(t, d) for h, t, d in rows[2:4]]
    assert page.records == ()  # every record is a row
    root = lxml.html.document_fromstring(f"<html><body>{text}</body></html>")
    whole = read_list_page(base, root, text)  # the column page: the same rows, each once
    assert [i.url for i in whole.items] == [i.url for i in page.items]
    assert len(whole.documents) == 2 and whole.records == ()


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


# --- pagers of every family ---------------------------------------------------------------------
JQUERY_BIRKE = """$("#Pagination").pagination(40, {items_per_page: 10, current_page: 0,
  callback: function(page_index, jq) {
    window.location.href = page_index == 0 ? "index.html" : "index_" + page_index + ".html";
    return false; }});"""
JQUERY_PAGECOUNT = """$('.M-box').pagination({pageCount: 11, current: 1, callback: function(api) {
  window.location.href = api.getCurrent() == 1 ? 'index.html' : 'index_' + (api.getCurrent() - 1) + '.html'; }});"""
COUNT_PAGE = """var currentPage = 0;//所在页从0开始
var nextPage = currentPage+1//下一页
var countPage = 11//共多少页
if(countPage>1&&currentPage!=(countPage-1))
    document.write("<a href=\\"index"+"_" + nextPage + "."+"html\\" >下一页</a>");"""
LAYPAGE = """layui.use('laypage', function(){ var laypage = layui.laypage;
  laypage.render({ elem: 'page', count: 137, limit: 15, curr: 1,
    jump: function(obj, first){ if(!first){ location.href = 'index_' + (obj.curr - 1) + '.html'; } } }); });"""
LAYPAGE_QUERY = """laypage.render({elem:'pager',count:'35',jump:function(obj,first){if(!first){location.href='list.html?page='+obj.curr;}}});"""
RECORD_COUNT = """var totalCount = 245; var pageSize = 20;
function goto(n){ location.href = "index_" + n + ".shtml"; }"""
GO_BOX_FIRST = """$('#go').click(function(){ var page = $('#num').val(); window.location.href="./index_"+(page-1)+".html"; });
var currentPage = 0; var nextPage = currentPage+1; var countPage = 2;
document.write('<a href="index_'+nextPage+'.html">下一页</a>');"""
KKPAGER = """var totalPage = 12; var totalRecords = 178; var pageNo = 1;
kkpager.generPageHtml({ pno : pageNo, total : totalPage, totalRecords : totalRecords,
  hrefFormer : 'index', hrefLatter : '.html' });"""
KKPAGER_LINK = """kkpager.generPageHtml({ pno : '2', total : '4', hrefFormer : 'list.jsp', hrefLatter : '',
  getLink : function(n){ return "list.jsp?pno=" + n; } });"""
EPOINT = """var pageIndex= 0;
$("#page").pagination({ pageIndex:pageIndex, pageSize: 15, total: 110, pageBtnCount:10 });
$("#page").on("pageClicked", function (event, data) {
  if(data.pageIndex==0){ window.location.href="/zjgsfzx/031001/031001002/zjgCity_moreinfo.html"; }
  else if(data.pageIndex<100){ window.location.href="/zjgsfzx/031001/031001002/"+(data.pageIndex+1)+".html"; }
});"""
NTREE = """var purl="../../n3/n13/index_958"
function createUrl(pName){ var uu= purl+"_"+pName+".html"; return uu; }
var maxPageNum = 199;"""


@pytest.mark.parametrize(
    ("script", "page_url", "expected"),
    [
        (  # newer TRS: a quoted first argument, pages counted from 1
            "createPageHTML('page_div', 5, 1, 'fg', 'shtml', 89);",
            "http://a.gov.cn/csrc/c106256/fg.shtml",
            ["fg_2.shtml", "fg_3.shtml", "fg_4.shtml"],
        ),
        (
            'createPageHTML("page_div",84, 83,"dc_list","shtml",1000);',
            "http://a.gov.cn/x/dc_list_83.shtml",
            ["dc_list_84.shtml"],
        ),
        (
            JQUERY_BIRKE,
            "http://a.gov.cn/xwdt/index.html",
            ["index_1.html", "index_2.html", "index_3.html"],
        ),
        (
            JQUERY_BIRKE.replace("current_page: 0", "current_page: 2"),
            "http://a.gov.cn/xwdt/index_2.html",
            ["index_3.html"],
        ),
        (
            JQUERY_PAGECOUNT,
            "http://a.gov.cn/xwdt/index.html",
            ["index_1.html", "index_2.html", "index_3.html"],
        ),
        (
            COUNT_PAGE,
            "http://a.gov.cn/tzgg/index.html",
            ["index_1.html", "index_2.html", "index_3.html"],
        ),
        (  # the count and the page as strings made numbers (`Number("34")`, `parseInt('20')`)
            COUNT_PAGE.replace("= 0;", '= Number("0");').replace("= 11", '= parseInt("11")'),
            "http://a.gov.cn/tzgg/index.html",
            ["index_1.html", "index_2.html", "index_3.html"],
        ),
        (
            NTREE,
            "http://a.gov.cn/n3/n13/index.html",
            ["index_958_1.html", "index_958_2.html", "index_958_3.html"],
        ),
        (  # layui: records and records a page, curr from 1, URL number = curr - 1
            LAYPAGE,
            "http://a.gov.cn/xwdt/index.html",
            ["index_1.html", "index_2.html", "index_3.html"],
        ),
        (  # layui: 10 a page unless told; page 1 is the page itself
            LAYPAGE_QUERY,
            "http://a.gov.cn/xwdt/list.html",
            ["list.html?page=2", "list.html?page=3", "list.html?page=4"],
        ),
        (  # records and records a page as variables, the URL built by a function
            RECORD_COUNT,
            "http://a.gov.cn/xwdt/index.shtml",
            ["index_1.shtml", "index_2.shtml", "index_3.shtml"],
        ),
        (  # a go-to box's template counts pages from 1: the document.write one decides
            GO_BOX_FIRST,
            "http://a.gov.cn/tzgg/index.html",
            ["index_1.html"],
        ),
        (  # kkpager's own link: page n is hrefFormer_n hrefLatter; values in variables
            KKPAGER,
            "http://a.gov.cn/xwdt/index.html",
            ["index_2.html", "index_3.html", "index_4.html"],
        ),
        (  # kkpager with a link of its own, on page 2
            KKPAGER_LINK,
            "http://a.gov.cn/xwdt/list.jsp?pno=2",
            ["list.jsp?pno=3", "list.jsp?pno=4"],
        ),
        (  # Epoint WebBuilder: a pagination plugin given records and records a page, pages
            # from 0, the URL page + 1 (8 pages: 2.html to 8.html)
            EPOINT,
            "http://a.gov.cn/zjgsfzx/031001/031001002/zjgCity_moreinfo.html",
            ["2.html", "3.html", "4.html"],
        ),
    ],
    ids=[
        "trs-quoted-div",
        "trs-double-quoted",
        "jquery-items",
        "jquery-later-page",
        "jquery-pagecount",
        "countpage-document-write",
        "countpage-numbers-from-strings",
        "ntree-variable-prefix",
        "laypage",
        "laypage-query-default-limit",
        "record-count-variables",
        "go-box-before-document-write",
        "kkpager",
        "kkpager-get-link",
        "pagination-options-records",
    ],
)
def test_script_pagers(script: str, page_url: str, expected: list[str]) -> None:
    base = page_url.rsplit("/", 1)[0] + "/"
    assert _pager(script, page_url) == [base + name for name in expected]


def _link_pager(body: str, url: str) -> list[str]:
    page = f"<html><body>{body}</body></html>"
    return find_pager(lxml.html.document_fromstring(page), page, url).next_pages(window=2)


FORM_PAGER = (
    "<form id='pageForm' action='/col/col12/index.jsp' method='{method}'>"
    "<input type='hidden' name='columnId' value='12'><input type='hidden' id='pageNo' "
    "name='pageNo' value='1'><input type='submit' value='跳转'></form>共28页 "
    '<a href="javascript:goPage(2)">下一页</a> <a href="javascript:goPage(28)">尾页</a>'
    "<script>function goPage(p){{document.getElementById('pageNo').value=p;"
    "document.getElementById('pageForm').submit();}}</script>"
)


def test_a_page_function_submitting_a_get_form_builds_the_forms_url() -> None:
    """`goPage(2)` sets the form's `pageNo` and submits it: by GET, page n is the form's action
    with its fields, pageNo=n (the submit button sends nothing); by POST, no URL is one."""
    url = "http://a.gov.cn/col/col12/index.jsp"
    assert _link_pager(FORM_PAGER.format(method="get"), url) == [
        "http://a.gov.cn/col/col12/index.jsp?columnId=12&pageNo=2",
        "http://a.gov.cn/col/col12/index.jsp?columnId=12&pageNo=3",
    ]
    assert _link_pager(FORM_PAGER.format(method="post"), url) == []


GOTO_PAGE = """<a href="javascript:gotoCurrentPage('2')">下一页</a> <a href="javascript:gotoCurrentPage('1367')">尾页</a>
<script>function gotoCurrentPage(pageNo) {
if(pageNo=='1') window.location="Column.shtml?p5=28";
else window.location="Column.shtml?p5=28&p7="+pageNo;
}</script>"""


@pytest.mark.parametrize(
    ("body", "page_url", "expected"),
    [
        (
            GOTO_PAGE,
            "http://a.gov.cn/Column.shtml?p5=28",
            ["Column.shtml?p5=28&p7=2", "Column.shtml?p5=28&p7=3"],
        ),
        (
            '<a href="Index.aspx">首页</a> <span>1</span> <a href="Index_2.aspx">2</a> <a href="Index_3.aspx">3</a> <a href="Index_2.aspx">下一页</a> <a href="Index_9.aspx">尾页</a>',
            "http://a.gov.cn/Category_133/Index.aspx",
            ["Index_2.aspx", "Index_3.aspx", "Index_9.aspx"],
        ),
        ('<a href="list_2.htm">下页</a>', "http://a.gov.cn/x/list.htm", ["list_2.htm"]),
        ('<a href="?page=3">»</a>', "http://a.gov.cn/x/?page=2", ["?page=3"]),
        (
            '<a href="news-2.html">2</a><a href="news-3.html">3</a><a href="news-7.html">末页</a>',
            "http://a.gov.cn/x/news.html",
            ["news-2.html", "news-3.html", "news-7.html"],
        ),
        (
            '<a href="/about.html">关于我们</a><a href="/">首页</a>',
            "http://a.gov.cn/x/news.html",
            [],
        ),
        (
            """<input type="button" value="下一页" onclick="location.href='index_2.html'">""",
            "http://a.gov.cn/x/index_1.html",
            ["index_2.html"],
        ),
        (  # JEECMS: the URL wrapped in encodeURI, the href a bare #
            "共632条记录 1/28页 <a disabled>首页</a> <a disabled>上一页</a>"
            """<a href="#" onclick="location.href=encodeURI('index_2.jhtml');">下一页</a> """
            """<a href="#" onclick="location.href=encodeURI('index_28.jhtml');">尾页</a>""",
            "http://a.gov.cn/dfdt/index.jhtml",
            ["index_2.jhtml", "index_28.jhtml", "index_3.jhtml"],  # and the window on
        ),
        (
            '<span onclick="goPage(3)">下一页</span><script>function goPage(n){ window.location = "list_" + n + ".htm"; }</script>',
            "http://a.gov.cn/x/list_2.htm",
            ["list_3.htm", "list_4.htm"],
        ),
        (  # numbered pages in the path, closed by a slash (/news/page/2/)
            '<span>1</span><a href="/x/page/2/">2</a><a href="/x/page/3/">3</a><a href="/x/page/9/">9</a>',
            "http://a.gov.cn/x/",
            ["page/2/", "page/3/", "page/9/"],
        ),
    ],
    ids=[
        "javascript-goto",
        "poweasy-links",
        "label-xiaye",
        "label-raquo",
        "numbered-run",
        "no-pager",
        "button-onclick-location",
        "onclick-encoded-location",
        "onclick-function",
        "numbered-path-slash",
    ],
)
def test_link_pagers(body: str, page_url: str, expected: list[str]) -> None:
    base = page_url.rsplit("/", 1)[0] + "/"
    assert _link_pager(body, page_url) == [urljoin(base, name) for name in expected]


ASPNET_FORM = (
    '<form name="aspnetForm" method="post" action="List.aspx?cid=12" id="aspnetForm">'
    '<input type="hidden" name="__EVENTTARGET" value="" /><input type="hidden" name="__VIEWSTATE" value="x" />'
)


def _postback_of(pager_html: str, form: str = ASPNET_FORM) -> Postback | None:
    page = f"<html><body>{form}<ul><li><a href='Show.aspx?id=1'>一</a></li></ul>{pager_html}</form></body></html>"
    return find_pager(
        lxml.html.document_fromstring(page), page, "http://a.gov.cn/News/List.aspx?cid=12"
    ).postback


def _post(target: str, argument: str, label: str) -> str:
    return f"<a href=\"javascript:__doPostBack('{target}','{argument}')\">{label}</a>"


@pytest.mark.parametrize(
    ("pager_html", "expected"),
    [
        pytest.param(  # AspNetPager, labelled: the link labelled next wins
            _post("Pager1", "1", "首页")
            + _post("Pager1", "2", "下一页")
            + _post("Pager1", "9", "尾页"),
            Postback("Pager1", "2", 2),
            id="labelled-next",
        ),
        pytest.param(  # numbers only, on page 2: the page's own number is the one not linked
            _post("Pager1", "1", "1")
            + "<span>2</span>"
            + _post("Pager1", "3", "3")
            + _post("Pager1", "4", "4"),
            Postback("Pager1", "3", 3),
            id="numbered-own-gap",
        ),
        pytest.param(  # numbers only, on page 1
            "<span>1</span>" + _post("Pager1", "2", "2") + _post("Pager1", "3", "3"),
            Postback("Pager1", "2", 2),
            id="numbered-first",
        ),
        pytest.param(  # GridView: Page$n arguments
            "<span>1</span>"
            + _post("ctl00$main$gvList", "Page$2", "2")
            + _post("ctl00$main$gvList", "Page$3", "3"),
            Postback("ctl00$main$gvList", "Page$2", 2),
            id="gridview",
        ),
        pytest.param(  # GridView next/previous mode: the argument says no number
            _post("gvList", "Page$Next", "下一页") + _post("gvList", "Page$Last", "末页"),
            Postback("gvList", "Page$Next", None),
            id="gridview-next",
        ),
        pytest.param(  # the last page: numbers before it, nothing after
            _post("Pager1", "1", "1") + _post("Pager1", "2", "2") + "<span>3</span>",
            None,
            id="last-page",
        ),
        pytest.param(  # a postback that is no pager (a search button, a sort link)
            _post("btnSearch", "", "搜索") + _post("lnkSort", "date", "按日期"),
            None,
            id="not-a-pager",
        ),
    ],
)
def test_postback_pagers(pager_html: str, expected: Postback | None) -> None:
    assert _postback_of(pager_html) == expected


def test_a_postback_pager_needs_the_aspnet_form_it_posts() -> None:
    """Without the form (a page saved without it, a pager copied elsewhere) there is nothing to
    post back: no pager, not a request that cannot work."""
    labelled = _post("Pager1", "2", "下一页")
    assert _postback_of(labelled, form="<form action='/search'><input name='q' />") is None
    assert _postback_of(labelled) == Postback("Pager1", "2", 2)


def test_a_url_pager_wins_over_postback_links() -> None:
    """A page whose pager has URLs (some WebForms sites link their pages too) is paged by URL."""
    page = (
        f"<html><body>{ASPNET_FORM}<a href='List.aspx?cid=12&amp;page=2'>下一页</a>"
        f"{_post('Pager1', '2', '2')}{_post('Pager1', '3', '3')}</form></body></html>"
    )
    pager = find_pager(
        lxml.html.document_fromstring(page), page, "http://a.gov.cn/News/List.aspx?cid=12"
    )
    assert pager.postback is None
    assert pager.next_url == "http://a.gov.cn/News/List.aspx?cid=12&page=2"


def test_pager_bomb_gives_a_window_not_a_million_pages() -> None:
    script = 'createPageHTML(1000000, 0, "index", "html");'
    page = f"<script>{script}</script>"
    pager = find_pager(lxml.html.document_fromstring(page), page, "http://a.gov.cn/x/index.html")
    assert pager.last == 999_999 and len(pager.next_pages(window=3)) == 3
    assert pager.ahead(3, after=999_998) == ["http://a.gov.cn/x/index_999999.html"]


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://a.gov.cn/Category_133/Index_2.aspx", "list"),
        ("http://a.gov.cn/Category_133/Index.aspx", "list"),
        ("http://a.gov.cn/module/jpage/dataproxy.jsp", "list"),
        ("http://a.gov.cn/module/jslib/jquery/jpage/dataproxy.jsp", "list"),
    ],
)
def test_list_shapes_whatever_the_case_or_proxy_path(url: str, kind: str) -> None:
    assert classify_url(url) == kind


# --- lists without a CMS pattern -----------------------------------------------------------------
TITLES = [f"区政府召开第{n}次常务会议研究部署重点工作" for n in range(1, 13)]
SIDE_PROSE = (
    "<div class='box'>"
    + "".join(f"<p>{'示范区位于长江下游南岸，区位优势明显，交通便捷。' * 3}</p>" for _ in range(3))
    + "</div>"
)


def _page(body: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(
        f"<html><head><title>t</title></head><body>{body}</body></html>"
    )


def test_a_list_of_linked_paragraphs_beside_prose_is_a_list() -> None:
    rows = "".join(
        f'<div><a href="/news-show-{n}.html"><p>{t}</p></a><p>2023-01-{n:02d}</p></div>'
        for n, t in enumerate(TITLES, start=1)
    )
    root = _page(f"<div id='list'>{rows}</div>{SIDE_PROSE}")
    decision = decide_page("http://a.gov.cn/news-list-yw.html", root)
    assert decision.kind == "list", decision.why
    items = decision.verdict.listing.items if decision.verdict else ()
    assert [i.title for i in items] == TITLES
    assert items[0].url == "http://a.gov.cn/news-show-1.html" and items[0].date == "2023-01-01"


def test_pinned_rows_torn_off_their_table_by_broken_markup_are_listed() -> None:
    """Pinned rows closing their table early (`</tr></table></td></tr>`): libxml2 nests each
    in a table of its own, apart from the list's; the rows are still the list's, and a menu's
    links before it (one cell a row, no date) are not."""

    def row(n: int, title: str) -> str:
        return (
            f"<tr><td></td><td><img src='dot.gif'></td><td><a class='x_title' "
            f"href='articleinfo-{n}.html'>{title}</a></td><td><span>2023-01-{n:02d}</span></td></tr>"
        )

    pinned = "".join(
        row(n, f"置顶：{t}") + "</table></td></tr>" for n, t in enumerate(TITLES[:2], 1)
    )
    rows = "".join(row(n, t) for n, t in enumerate(TITLES[2:], 3))
    menu = "<table><tr><td><a href='/col2/'>工作动态栏目</a></td></tr></table>"
    root = _page(f"{menu}<table><tr><td><table>{pinned}{rows}</table>")
    decision = decide_page("http://a.gov.cn/col1/articlecolumn.html", root)
    items = decision.verdict.listing.items if decision.verdict else ()
    assert [i.url.rsplit("/", 1)[1] for i in items] == [
        f"articleinfo-{n}.html" for n in range(1, len(TITLES) + 1)
    ]
    assert items[0].title == f"置顶：{TITLES[0]}" and items[0].date == "2023-01-01"


def test_a_rows_bracketed_date_leaves_its_title_and_a_badge_stays() -> None:
    """`<h3>[图]标题(2020-12-29)</h3>` in a row: the title is `[图]标题`, neither the date's
    empty brackets nor the badge's opening one stripped."""
    rows = "".join(
        f'<a class="box" href="/contents/1/{n}.html"><img src="/u/{n}.jpg">'
        f"<h3>&#91;图&#93;{t}(2020-12-{n:02d})</h3><p>&#91;图&#93;{t}</p></a>"
        for n, t in enumerate(TITLES, start=1)
    )
    root = _page(f"<ul>{rows}</ul>")
    decision = decide_page("https://www.example.net/channels/18287.html", root)
    items = decision.verdict.listing.items if decision.verdict else ()
    assert [i.title for i in items] == [f"[图]{t}" for t in TITLES]
    assert items[0].date == "2020-12-01"


def test_a_list_inside_a_content_container_is_a_list() -> None:
    rows = "".join(
        f'<li><a href="/n/{n}.html">{t}</a><span>2023-01-{n:02d}</span></li>'
        for n, t in enumerate(TITLES, 1)
    )
    root = _page(f"<div id='content'><ul>{rows}</ul></div>")
    assert classify_page("http://a.gov.cn/n/", root) == "list"
    assert classify_page("http://a.gov.cn/n/list.php?c=3", root) == "list"


def test_an_article_with_a_dated_related_list_stays_an_article() -> None:
    related = "".join(
        f'<li><a href="/n/{n}.html">{t}</a><span>2023-01-{n:02d}</span></li>'
        for n, t in enumerate(TITLES[:6], 1)
    )
    root = _page(
        f"<h1>标题</h1><div class='info'>发布时间：2023-01-13 来源：区政府</div>{LONG_BODY * 2}<ul>{related}</ul>"
    )
    assert classify_page("http://a.gov.cn/n/show.php?id=7", root) == "article"


def test_titles_in_child_elements_and_dates_inside_the_link() -> None:
    rows = "".join(
        f'<li><a href="./2019{n:02d}/t2019{n:02d}01_{n}.html"><span class="tit"><font class="t3">{t}</font><font class="t2">2019-{n:02d}-01</font></span></a></li>'
        for n, t in enumerate(TITLES[:5], 1)
    )
    items = decide_page("http://a.gov.cn/tjsj/", _page(f"<ul>{rows}</ul>")).verdict.listing.items  # type: ignore[union-attr]
    assert [(i.title, i.date) for i in items] == [
        (t, f"2019-{n:02d}-01") for n, t in enumerate(TITLES[:5], 1)
    ]


def test_a_menu_is_not_a_list_of_articles() -> None:
    menu = "".join(
        f'<li><a href="/{c}/">{name}</a></li>'
        for c, name in [("xw", "新闻"), ("gk", "公开"), ("fw", "服务"), ("hd", "互动")]
    )
    decision = decide_page("http://a.gov.cn/", _page(f"<ul class='nav'>{menu}</ul>"))
    assert (
        decision.kind == "list"
        and decision.verdict is not None
        and not decision.verdict.listing.items
    )


def test_a_side_box_title_cut_short_gives_way_to_the_full_title() -> None:
    long = "我县保障性住房公开摇号、405户中低收入家庭喜圆住房梦"
    side = (
        f'<ul class="hot"><li><a href="/Item/1.aspx">{long[:20]}…</a></li>'
        + "".join(f'<li><a href="/Item/{n}.aspx">{t}</a></li>' for n, t in enumerate(TITLES[:3], 2))
        + "</ul>"
    )
    main = (
        f'<ul class="news"><li><span>2017-10-20</span><a href="/Item/1.aspx">{long}</a></li>'
        + "".join(
            f'<li><span>2017-10-1{n}</span><a href="/Item/{n}.aspx">{t}</a></li>'
            for n, t in enumerate(TITLES[:3], 2)
        )
        + "</ul>"
    )
    items = decide_page("http://a.gov.cn/Category_1/", _page(side + main)).verdict.listing.items  # type: ignore[union-attr]
    assert items[0].title == long and items[0].date == "2017-10-20"


# --- Hanweb: the endpoint the page names, parameters as written ---------------------------------
@pytest.mark.parametrize(
    ("script", "endpoint"),
    [
        (
            "$('#1').jpage({proxyUrl: '/module/jslib/jquery/jpage/dataproxy.jsp', totalRecord: 40});",
            "/module/jslib/jquery/jpage/dataproxy.jsp",
        ),
        ("totalRecord: 40", "/module/jpage/dataproxy.jsp"),
    ],
)
def test_hanweb_paging_endpoint_comes_from_the_page(script: str, endpoint: str) -> None:
    nextgroup = '<nextgroup><![CDATA[<a href="/module/jpage/dataproxy.jsp?page=1&columnid=7"></a>]]></nextgroup>'
    text = f"<datastore>{nextgroup}<recordset></recordset></datastore><script>{script}</script>"
    paging = hanweb_paging(text, "http://a.gov.cn/col/col7/index.html")
    assert paging is not None and paging.endpoint == endpoint
    assert all(urlsplit(u).path == endpoint for u in dataproxy_urls(paging, "http://a.gov.cn/"))


def test_hanweb_gbk_webname_is_sent_byte_for_byte() -> None:
    gbk = quote("区政府".encode("gbk"))
    text = f'<datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&columnid=7&webname={gbk}&path=/"></a>]]></nextgroup></datastore>totalRecord: 40'
    (url, *_) = dataproxy_urls(
        hanweb_paging(text, "http://a.gov.cn/") or HanwebPaging(0, 1, 1, 0, ()), "http://a.gov.cn/"
    )
    assert f"webname={gbk}&" in url and "%EF%BF%BD" not in url


def test_hanweb_raw_webname_is_encoded_in_the_pages_encoding() -> None:
    text = '<datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?columnid=7&webname=区政府"></a>]]></nextgroup></datastore>totalRecord: 40'
    paging = hanweb_paging(text, "http://a.gov.cn/")
    assert paging is not None
    assert quote("区政府".encode("gbk")) in dataproxy_urls(paging, "http://a.gov.cn/", "gbk")[0]
    assert quote("区政府".encode()) in dataproxy_urls(paging, "http://a.gov.cn/", "utf-8")[0]


@pytest.mark.parametrize(
    ("urls", "pattern"),
    [
        (["http://a/News.shtml?p5=5000", "http://a/News.shtml?p5=5007"], r"/News\.shtml\?p5=\d+$"),
        (
            ["http://a/n3/n13/c1/content.html", "http://a/n3/n13/c22/content.html"],
            r"/n3/n13/c\d+/content\.html$",
        ),
        (["http://a/a/1.html", "http://a/b.php?x=2", "http://a/c/d/e"], None),
    ],
)
def test_common_url_pattern_for_a_seed_line(urls: list[str], pattern: str | None) -> None:
    assert common_url_pattern(urls) == pattern


def _rows(ids: list[str], titles: list[str], path: str) -> str:
    return "".join(
        f'<li id="{row}"><a href="{path}{n}.htm">{title}</a><span>2021-05-0{n % 9 + 1}</span></li>'
        for n, (row, title) in enumerate(zip(ids, titles, strict=True))
    )


def test_rows_numbered_one_by_one_are_one_list() -> None:
    """VSB numbers every row of a list (``<li id="line_u5_0">``, ``line_u5_1``…): the rows are
    one list, not five lists of one (a real page listed none of its 10 articles)."""
    titles = [f"关于做好第{n}批专项工作的通知公告" for n in range(5)]
    page = f"<html><body><ul>{_rows([f'line_u5_{n}' for n in range(5)], titles, '/info/1039/')}"
    listing = find_listing(lxml.html.document_fromstring(page + "</ul></body></html>"),
                           "http://x.gov.cn/xwzx/tzgg.htm")  # fmt: skip
    assert listing.urls == [f"http://x.gov.cn/info/1039/{n}.htm" for n in range(5)]


def test_rows_styled_first_last_or_alternate_are_rows_of_the_list() -> None:
    """A template marks its list's first and last rows, or every other row, with a class for
    their style (`<li class="first">`, `<tr class="odd">`): they are rows like the others (a
    real PowerEasy list lost its newest and its oldest article)."""
    titles = [f"关于做好第{n}批专项工作的通知公告" for n in range(6)]
    classes = ["first", "", "", "", "alt even", "last"]
    rows = "".join(f'<li{f" class={c!r}" if c else ""}><span>2021-05-0{n + 1}</span>'
                   f'<a href="/Item/{n}.aspx">{t}</a></li>'
                   for n, (c, t) in enumerate(zip(classes, titles, strict=True)))  # fmt: skip
    listing = find_listing(lxml.html.document_fromstring(f"<html><body><ul>{rows}</ul></body></html>"),
                           "http://x.gov.cn/Category_3/Index.aspx")  # fmt: skip
    assert listing.urls == [f"http://x.gov.cn/Item/{n}.aspx" for n in range(6)]


def test_a_title_attribute_listing_the_rows_fields_gives_its_title_field() -> None:
    """PowerEasy's tooltip lists the row's fields a line each (`标题：…&#xD;点击数：74&#xD;发表时间：
    …`): the row's title is the title field's value, not the whole tooltip."""
    titles = [f"关于做好第{n}批专项工作的通知公告" for n in range(4)]
    rows = "".join(f'<li><a href="/Item/{n}.aspx" title="标　题：{t}&#xD;点击数：7{n}&#xD;'
                   f'发表时间：2021年05月0{n + 1}日">{t[:8]}…</a></li>'
                   for n, t in enumerate(titles))  # fmt: skip
    listing = find_listing(lxml.html.document_fromstring(f"<html><body><ul>{rows}</ul></body></html>"),
                           "http://x.gov.cn/Category_3/Index.aspx")  # fmt: skip
    assert [item.title for item in listing.items] == titles


def test_numbered_boxes_stay_apart() -> None:
    """Two boxes numbered alike (``list1``, ``list2``) are not rows of one list: a box of short
    menu links does not join the article list beside it, whose titles it would drown."""
    titles = [f"关于做好第{n}批专项工作的通知公告" for n in range(4)]
    articles = "".join(f'<li><a href="/info/1039/{n}.htm">{t}</a> 2021-05-0{n + 1}</li>'
                       for n, t in enumerate(titles))  # fmt: skip
    menu = "".join(f'<li><a href="/col/{n}.htm">栏目{n}</a></li>' for n in range(9))
    page = (f'<html><body><div id="list1"><ul>{articles}</ul></div>'
            f'<div id="list2"><ul>{menu}</ul></div></body></html>')  # fmt: skip
    listing = find_listing(lxml.html.document_fromstring(page), "http://x.gov.cn/")
    assert listing.urls == [f"http://x.gov.cn/info/1039/{n}.htm" for n in range(4)]


@pytest.mark.parametrize(
    "link",
    [
        '<a href="index_1.html">[下一页]</a>',
        '<a href="index_1.html">下一页 &gt;&gt;</a>',
        '<a href="index_1.html">下页&gt;&gt;</a>',
        '<a href="index_1.html">Next »</a>',
        '<a href="index_1.html">NEXT</a>',
        '<a href="index_1.html"><img src="next.gif" alt="下一页"></a>',
        '<a href="index_1.html" class="page-next"></a>',
        # an image named for the word, no alt (old table layouts): next.gif, 下一页's initials
        '<a href="index_1.html"><img src="/images/page_next.gif"></a>',
        '<a href="index_1.html"><img src="/images/xyy.jpg" border="0"></a>',
        '<input type="button" value="[下一页]" onclick="location.href=\'index_1.html\'">',
    ],
)
def test_a_dressed_up_or_textless_next_link_is_the_next_page(link: str) -> None:
    """Brackets and arrows around a pager word, an image's alt or file name, a text-less
    link's class."""
    page = f"<html><body>{link}</body></html>"
    pager = find_pager(lxml.html.document_fromstring(page), page, "http://a.gov.cn/x/index.html")
    assert pager.next_pages(1) == ["http://a.gov.cn/x/index_1.html"]


def test_a_dressed_up_home_link_is_no_next_page() -> None:
    page = '<html><body><a href="/">[首页]</a><a href="/about.html">关于我们 &gt;&gt;</a></body></html>'
    pager = find_pager(lxml.html.document_fromstring(page), page, "http://a.gov.cn/x/index.html")
    assert pager.next_pages(1) == []


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("href=\"javascript:void(0)\" onclick=\"window.open('/xwzx/detail.jsp?id={i}')\"",
         "http://www.a.gov.cn/xwzx/detail.jsp?id={i}"),
        ("href=\"javascript:openWin('/art/2023/1/5/art_12_{i}.html')\"",
         "http://www.a.gov.cn/art/2023/1/5/art_12_{i}.html"),
        ("href=\"#\" onclick=\"location.href='detail_{i}.html'\"",
         "http://www.a.gov.cn/xwzx/detail_{i}.html"),
        ("href=\"javascript:;\" data-href=\"detail_{i}.html\"",
         "http://www.a.gov.cn/xwzx/detail_{i}.html"),
        ("href=\"javascript:showDetail('{i}2345')\"", None),  # an id: the function makes the URL
    ],
)  # fmt: skip
def test_list_items_that_open_their_page_by_script(link: str, expected: str | None) -> None:
    rows = "".join(
        f"<tr><td><a {link.format(i=i)}>关于开展第{i}批重点工作督查的通知</a></td>"
        f"<td>2023-01-{i:02d}</td></tr>"
        for i in range(1, 11)
    )
    page = f"<html><body><table class='list'>{rows}</table></body></html>"
    url = "http://www.a.gov.cn/xwzx/list.html"
    items = find_listing(lxml.html.document_fromstring(page), url).items
    found = [item.url for item in items]
    assert found == ([expected.format(i=i) for i in range(1, 11)] if expected else [])


@pytest.mark.parametrize(
    ("script", "link", "expected"),
    [
        ("function showDetail(id){ window.open('detail.jsp?id=' + id); }",
         "href=\"javascript:showDetail('{i}2345')\"", "http://www.a.gov.cn/xwzx/detail.jsp?id={i}2345"),
        ('function view(docid) {\n  location.href = "/xwzx/" + docid + ".html";\n}',
         "href=\"#\" onclick=\"view('{i}99');return false;\"", "http://www.a.gov.cn/xwzx/{i}99.html"),
        ("", "href=\"javascript:showDetail('{i}2345')\"", None),  # no function on the page
        ("function showDetail(id){ alert(id); }", "href=\"javascript:showDetail('{i}2345')\"", None),
    ],
)  # fmt: skip
def test_list_items_that_call_a_page_function_with_an_id(
    script: str, link: str, expected: str | None
) -> None:
    """`javascript:showDetail('12345')` and a function that builds the URL from the id by
    concatenation: the page is read as the function would open it; no function, no URL."""
    rows = "".join(
        f"<tr><td><a {link.format(i=i)}>关于开展第{i}批重点工作督查的通知</a></td>"
        f"<td>2023-01-{i:02d}</td></tr>"
        for i in range(1, 11)
    )
    page = f"<html><head><script>{script}</script></head><body><table>{rows}</table></body></html>"
    items = find_listing(
        lxml.html.document_fromstring(page), "http://www.a.gov.cn/xwzx/list.html"
    ).items
    found = [item.url for item in items]
    assert found == ([expected.format(i=i) for i in range(1, 11)] if expected else [])


@pytest.mark.parametrize(
    "link",
    [
        '<a href="javascript:;" data-href="index_2.html">下一页</a>',
        "<a href=\"javascript:window.open('index_2.html','_self')\">下一页</a>",
    ],
)
def test_a_next_link_that_opens_its_page_by_script_or_data_attribute(link: str) -> None:
    page = f"<html><body><div class='pager'>{link}</div></body></html>"
    pager = find_pager(lxml.html.document_fromstring(page), page, "http://a.gov.cn/x/index.html")
    assert pager.next_url == "http://a.gov.cn/x/index_2.html"


def _qq_id(i: int) -> str:
    return f"20200704/20200704A0{chr(65 + i)}H{chr(75 + i)}X00"


def test_rows_keyed_by_their_articles_ids_are_one_list() -> None:
    """``<li id="20200704A04HVX_1" class="item">`` rows, each with a picture, the headline, the
    source and a comment count: the rows are one list of articles, and the comment counts
    linking to another host are no pager."""
    rows = "".join(
        f'<li id="20200704A{i:02d}HV{chr(65 + i)}_{i}" class="item cf">'
        f'<a class="picture" href="https://new.qq.com/omn/{_qq_id(i)}.html"><img alt=""></a>'
        f'<h3><a href="https://new.qq.com/omn/{_qq_id(i)}.html">第{i}条新闻标题在这里</a></h3>'
        f'<a class="source" href="//new.qq.com/omn/author/{i}">某报</a>'
        f'<a class="cmt" href="http://coral.qq.com/55024{i:05d}">{i * 7}</a></li>'
        for i in range(1, 11)
    )
    page = f"<html><body><ul class='list'>{rows}</ul></body></html>"
    url = "https://new.qq.com/ch/top/"
    root = lxml.html.document_fromstring(page)
    found = [item.url for item in find_listing(root, url).items]
    assert found == [f"https://new.qq.com/omn/{_qq_id(i)}.html" for i in range(1, 11)]
    assert find_pager(root, page, url).next_pages(5) == []


def test_a_download_icon_per_row_is_no_hidden_page_list() -> None:
    icons = "".join(
        f"<a href='/downloadContentFile_1954009742{i:02d}.jhtml'><img src='/i.png'></a>"
        for i in range(20)
    )
    page = f"<html><body><div class='list'>{icons}</div></body></html>"
    pager = find_pager(lxml.html.document_fromstring(page), page, "http://a.com/xxpl/index.jhtml")
    assert pager.next_pages(5) == [] and not pager.links


def test_a_link_wrapping_a_whole_row_is_titled_by_its_title_block() -> None:
    rows = "".join(
        f"<a href='/news/detail/{i}' class='news_list'><div class='date'>2024.03.{i:02d}</div>"
        f"<div class='title headline'>第{i}期区域动态通报</div>"
        f"<div class='views'>点阅次数：{i * 9} 次</div></a>"
        for i in range(1, 9)
    )
    page = f"<html><body><div class='list'>{rows}</div></body></html>"
    items = find_listing(lxml.html.document_fromstring(page), "http://a.gov.cn/news/list").items
    assert [item.title for item in items] == [f"第{i}期区域动态通报" for i in range(1, 9)]


@pytest.mark.parametrize(
    "row",
    [
        "<li onclick=\"window.open('/xwzx/202305/t20230511_{i}.html')\"><span>{title}</span>"
        "<span>2023-05-{day}</span></li>",
        "<tr onclick=\"location.href='/xwzx/202305/t20230511_{i}.html'\"><td>{title}</td>"
        "<td>2023-05-{day}</td></tr>",
    ],
    ids=["li-window-open", "tr-location"],
)
def test_rows_that_open_their_article_by_script_are_a_list(row: str) -> None:
    """Rows with no link, each opening its article from `onclick` (`<li onclick="window.open(
    '…')">`, `<tr onclick="location.href='…'">`): the list's rows, titled and dated by their
    words; a pager's button opening the next page is no row."""
    rows = "".join(
        row.format(i=i, title=f"关于开展第{i}批重点项目集中开工活动的通知", day=f"{i + 10:02d}")
        for i in range(1, 9)
    )
    holder = "table" if row.startswith("<tr") else "ul"
    page = (
        f"<html><body><{holder} class='list'>{rows}</{holder}>"
        "<input type='button' value='下一页' onclick=\"location.href='index_1.html'\">"
        "</body></html>"
    )
    items = find_listing(lxml.html.document_fromstring(page), "http://a.gov.cn/xwzx/").items
    assert [(i.url, i.title, i.date) for i in items] == [
        (
            f"http://a.gov.cn/xwzx/202305/t20230511_{i}.html",
            f"关于开展第{i}批重点项目集中开工活动的通知",
            f"2023-05-{i + 10:02d}",
        )
        for i in range(1, 9)
    ]


def _card_rows(n: int) -> str:
    """VSB's card rows: each one link wrapping a picture, a heading, a date and a summary, a
    hidden rule between rows (`<span id="section_u5_0"><hr></span>`)."""
    return "".join(
        f'<li id="line_u5_{i}"><a href="../info/1039/{3200 - i}.htm"><img src="">'
        f"<h4>第{i}号询价公告（劳务派遣）</h4><p class='date'>2025-04-2{i}</p>"
        f"<p>询价公告我校有一个项目，预算金额35000元，现向社会采用询价采购的方式确定项目服务企业{i}</p>"
        f'</a></li><span id="section_u5_{i}" style="display:none;"><hr></span>'
        for i in range(n)
    )


def test_card_rows_apart_by_hidden_rules_are_one_list_titled_by_their_headings() -> None:
    page = f"<html><body><div class='sec-list'>{_card_rows(5)}</div></body></html>"
    items = find_listing(
        lxml.html.document_fromstring(page), "https://a.edu.cn/sylm/zbgg.htm"
    ).items
    assert [(i.url, i.title) for i in items] == [
        (f"https://a.edu.cn/info/1039/{3200 - i}.htm", f"第{i}号询价公告（劳务派遣）")
        for i in range(5)
    ]


def test_a_mega_menus_paragraphs_make_no_article_of_a_short_list() -> None:
    """A site menu whose panels introduce each column in a paragraph (about 900 characters in
    all on a real page) is no article body: five dated rows and a pager are a list page."""
    panel = "学校始建于1948年，现为首批示范学校，开设23个专业，已建成国家级示范专业点1个，" * 3
    menu = "".join(
        f"<div class='sub_menu bind_menu_a' id='layer{i}'><div class='sub_content'><p>{panel}</p>"
        "</div></div>"
        for i in range(7)
    )
    pager = "<div class='pb_sys_common'><a href='zbgg/10.htm'>下页</a><a href='zbgg/1.htm'>尾页</a></div>"
    page = (
        f"<html><body><div class='nav'>{menu}</div><div class='sec-list'>{_card_rows(5)}</div>"
        f"{pager}</body></html>"
    )
    url = "https://a.edu.cn/sylm/zbgg.htm"
    assert decide_page(url, lxml.html.document_fromstring(page), None, page).kind == "list"


def test_rows_that_are_document_files_are_read_as_documents_with_titles_and_dates() -> None:
    """A 信息公开 column whose rows link the PDFs themselves: documents, not page items (a
    row mixing in a page stays an item of the same list)."""
    rows = "".join(
        f'<li><span>PDF</span><h2><a href="/Upload/File/2020042{n}_{n}.pdf">'
        f"华融基金管理有限公司关于旗下基金第{n}次分红的公告</a></h2><i>2020-04-2{n}</i></li>"
        for n in range(1, 5)
    )
    rows += "<li><h2><a href='/news/t20200430_7.html'>公司召开2020年度工作会议纪要</a></h2><i>2020-04-30</i></li>"
    root = lxml.html.document_fromstring(f"<html><body><ul>{rows}</ul></body></html>")
    page = read_list_page("http://a.com.cn/news/information.html", root, "")
    assert [(d.url, d.title, d.date) for d in page.documents] == [
        (f"http://a.com.cn/Upload/File/2020042{n}_{n}.pdf",
         f"华融基金管理有限公司关于旗下基金第{n}次分红的公告", f"2020-04-2{n}")
        for n in range(1, 5)
    ]  # fmt: skip
    assert [i.url for i in page.items] == ["http://a.com.cn/news/t20200430_7.html"]
    assert not set(page.links) & {d.url for d in page.documents}


def test_a_document_rows_download_icon_is_not_fetched_again() -> None:
    """A row of a 信息公开 list links its file twice: the title, and a download icon through an
    endpoint (`download.aspx?id=N`). The file is fetched once, as the row's document."""
    rows = "".join(
        f'<li><h2><a href="/Upload/File/2020042{n}_{n}.pdf">华融基金管理有限公司关于旗下基金第{n}次分红的公告'
        f'</a></h2><i>2020-04-2{n}</i><em><a href="/download.aspx?id={n}"><img src="d.png"></a></em>'
        f'<a href="/news/show.aspx?id={n}">查看</a></li>'
        for n in range(1, 5)
    )
    menu = "<div class='menu'><a href='/about.html'>关于我们</a></div>"
    root = lxml.html.document_fromstring(f"<html><body>{menu}<ul>{rows}</ul></body></html>")
    page = read_list_page("http://a.com.cn/news/information.html", root, "")
    assert len(page.documents) == 4 and page.document_companions == 4
    shown = tuple(f"http://a.com.cn/news/show.aspx?id={n}" for n in range(1, 5))
    assert page.links == ("http://a.com.cn/about.html", *shown)  # a page beside it is followed


def test_an_articles_attachment_list_leaves_it_an_article() -> None:
    """Documents weigh nothing in the verdict: a notice of a few lines (详见附件) listing ten
    attachments with long names is still an article."""
    files = "".join(
        f'<li><a href="/xxgk/P02024{n:02d}.pdf">附件{n}：2024年度部门预算公开表格第{n}部分说明</a></li>'
        for n in range(10)
    )
    body = (
        "<p>根据《中华人民共和国预算法》的规定，现将本部门2024年度部门预算予以公开，详见附件。</p>"
        * 3
    )
    page = (
        "<html><body><h1>关于2024年度部门预算公开的说明</h1>"
        f"<div class='TRS_Editor'>{body}</div><ul class='fj'>{files}</ul></body></html>"
    )
    decision = decide_page("http://a.gov.cn/xxgk/202401/t20240110_1.html", _page(page))
    assert decision.kind == "article"


def test_hanweb_paging_with_a_second_unit_and_a_fallback_function() -> None:
    """Two jpage units (for screens and for phones) carry the same 30 records; beside each
    real call a fallback function says totalRecord:1000. The count is the real call's (138)
    and the page holds 30 records, so the requests fetch 31..138, in four groups."""

    def unit(uid: str) -> str:
        records = "".join(
            f"<record><![CDATA[<li><a href='/art/2026/8/{i}/art_284_{i}.html'>通知{i}</a></li>]]>"
            "</record>"
            for i in range(1, 31)
        )
        nextgroup = (
            f"<nextgroup><![CDATA[<a href='/module/web/jpage/dataproxy.jsp?page=1&webid=3"
            f"&columnid=284&unitid={uid}'></a>]]></nextgroup>"
        )
        options = "groupSize:3,proxyUrl:'/module/web/jpage/dataproxy.jsp',perPage:10"
        return (
            f"<div id='{uid}'><script type='text/xml'><datastore>{nextgroup}<recordset>{records}"
            f"</recordset></datastore></script></div><script>function jpage_{uid}(){{$('#{uid}')"
            f".jpage({{totalRecord:1000,{options}}});}};$(function(){{$('#{uid}').jpage("
            f"{{totalRecord:138,dataStore:$('#{uid}').children('script').html(),{options}}});}});"
            "</script>"
        )

    page = f"<html><body>{unit('423656')}{unit('427101')}</body></html>"
    url = "https://fzggw.example.gov.cn/col/col284/index.html"
    paging = hanweb_paging(page, url)
    assert paging is not None and (paging.total, paging.inline) == (138, 30)
    starts = [parse_qs(urlsplit(u).query)["startrecord"][0] for u in dataproxy_urls(paging, url)]
    assert starts == ["31", "61", "91", "121"]


@pytest.mark.parametrize(
    ("listed", "title", "same"),
    [
        ("关于召开安全生产会议的通知", "关于召开安全生产会议的通知", True),
        ("關於召開安全生產會議的通知", "关于召开安全生产会议的通知", True),  # traditional row
        (
            "华融基金管理有限公司关于旗下基金...",
            "华融基金管理有限公司关于旗下基金参加活动的公告",
            True,
        ),
        ("区政府召开常务会议", "区政府召开常务会议_某某区人民政府", True),  # site around it
        ("通知公告", "通知公告", False),  # a column's name names no article
        ("关于召开安全生产会议的通知", "关于开展消防检查的通知", False),
    ],
)
def test_a_rows_title_names_the_page_it_leads_to(listed: str, title: str, same: bool) -> None:
    assert same_headline(listed, title) is same


def test_a_body_made_of_its_pages_list_is_told_by_the_share_of_row_titles() -> None:
    rows = [ListItem(f"http://a.gov.cn/{n}.html", f"第{n}场宣讲走进企业车间") for n in range(5)]
    listing = "\n".join(f"{row.title} 2024-05-01" for row in rows)
    assert listing_share(listing, rows) > 0.5
    article = "会议传达学习了上级关于安全生产工作的部署要求。" * 5 + rows[0].title
    assert listing_share(article, rows) < 0.2


def test_a_list_in_an_old_table_layout_with_no_class_beside_a_menu_of_the_same_shape() -> None:
    """No class anywhere: the menu's rows and the list's are both `table > tr > td > a`, so
    their links share one place, where the menu's twelve short links drown the list's ten;
    each block holding rows is then judged on its own: the list's rows are found, the menu's
    links are not."""
    menu = "".join(
        f"<tr><td><img src='i.gif'></td><td><a href='/{c}/'>{w}</a></td></tr>"
        for c, w in (("cwgk", "财务公开"), ("zfcg", "政府采购"), ("yjgl", "应急管理"),
                     ("rsxx", "人事信息"), ("jgzn", "机构职能"), ("zcwj", "政策文件"),
                     ("ghjh", "规划计划"), ("tjxx", "统计信息"), ("xzxk", "行政许可"),
                     ("jdhy", "解读回应"), ("jyta", "建议提案"), ("zdly", "重点领域"))
    )  # fmt: skip
    rows = "".join(
        f"<tr><td><img src='i.gif'></td><td><a href='./2020{m:02d}/t2020{m:02d}03_27487{m:02d}.html'>"
        f"鄂尔多斯市2019年第{m}号政府信息公开工作报告</a></td><td>2020-{m:02d}-03</td></tr>"
        for m in range(1, 11)
    )
    page = (
        "<html><body><table><tr><td><table>" + menu + "</table></td><td><table>" + rows
        + "</table></td></tr></table></body></html>"
    )  # fmt: skip
    items = find_listing(lxml.html.document_fromstring(page), "http://egb.x.gov.cn/xxgk/").items
    assert len(items) == 10 and all("t2020" in item.url for item in items)
    assert all(item.date for item in items)
