"""Replica columns of the CMS shapes no other replica has, built from saved real pages
(tests/realpages): how each family lays out a column's list and pages it.

- `ntree`: `/n3/n13/index.html`, later pages `index_958_<n>.html` counting down, a pager script
  and a hidden list of every page; articles `/n3/n13/c<id>/content.html`;
- `powereasy`: `/Category_<c>/Index.aspx`, `Index_2.aspx` (capital I), `/Item/<id>.aspx`;
- `newslist`: absolute links `news-list-<col>.html`, `news-list-<col>-2.html`,
  `news-show-<id>.html`; items `<a><p>title</p></a>` beside a side box of prose;
- `columnshtml`: `Column.shtml?p5=<col>`, pages `&p7=<n>` through `javascript:gotoCurrentPage('n')`;
- `jquery`: a jQuery `pagination(total, {callback})` pager building `index_<n>.html`;
- `countpage`: `var countPage = n` and a `document.write` pager (no createPageHTML);
- `laypage`: layui's `laypage.render({count, limit, curr, jump})`, pages `list.html?page=<n>`;
- `kkpager`: `kkpager.generPageHtml({pno, total, hrefFormer, hrefLatter})`, pages `list_<n>.html`;
- `trsnew`: `createPageHTML('page_div', total, current, 'fg', 'shtml', records)`, 1-based;
- `hanwebgbk`: a GBK Hanweb column paging through `/module/jslib/jquery/jpage/dataproxy.jsp`
  with a GBK `webname` the proxy must get byte for byte;
- `webforms`: an ASP.NET WebForms column, `/News/List.aspx?cid=12`, whose later pages have no
  URL: the AspNetPager posts the page's form back (`__doPostBack(target, 'n')`), and the server
  answers page n only with the `__VIEWSTATE` of a page it served;
- `scriptitems`: items `javascript:showDetail('5007')` and a function building the page's URL;
- `bomb`: `createPageHTML(1000000, ...)` on every one of a million list pages.

Every site's articles are the truth; its list pages are `OtherPage(kind="list")`.
"""

# ruff: noqa: E501 - page templates keep their HTML lines whole, as the real sites have them

from __future__ import annotations

import base64
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from html import escape
from urllib.parse import parse_qsl, quote

from testbed.replica.filler import Filler
from testbed.replica.generated import FIRST_DAY, iso_time
from testbed.replica.model import BASE_TOKEN, ArticleDoc, ArticleTruth, OtherPage, Page, ReplicaSite

PAGES = 3  # list pages per column: a pager must be followed twice
PER_PAGE = 6
BOMB_PAGES = 1_000_000
HANWEB_GBK_NAME = "区政府"
CONTACT_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>联系我们_{label}</title></head>
<body><div class="nav"><a href="/">首页</a></div><p>地址：人民路1号 电话：0000-1234567</p></body></html>"""


def build_shape_replicas(
    seed: int = 5, pages: int = PAGES, per_page: int = PER_PAGE
) -> list[ReplicaSite]:
    """One replica site per shape (the pager bomb included), deterministic for `seed`."""
    sites: list[ReplicaSite] = [
        cls(name, label, seed * 100 + n, pages, per_page)
        for n, (name, label, cls) in enumerate(SHAPES, start=1)
    ]
    sites.append(PagerBombSite("bomb", "无尽栏目", seed * 100 + 99))
    for site in sites:
        site.rebuild()
    return sites


class ShapeSite(ReplicaSite):
    """A site with one column of `pages` list pages of `per_page` articles, and a second,
    one-page column its navigation links to (a list the crawl may enter from any page)."""

    cms = "shape"
    column_name = "工作动态"

    def __init__(
        self, name: str, label: str, seed: int, pages: int = PAGES, per_page: int = PER_PAGE
    ) -> None:
        super().__init__(name, label, seed)
        self.pages_count = pages
        self.per_page = per_page
        self.filler = Filler(seed)
        self.jitter: random.Random | None = None  # set by a test: answer in a shuffled order
        day = FIRST_DAY + timedelta(days=900)
        for index in range(pages * per_page + per_page):
            moment = day - timedelta(days=index, hours=index % 5)
            self.docs.append(self.make_doc(index, moment))

    # -- to override --------------------------------------------------------------------------
    def list_path(self, page: int) -> str:  # page counts from 1
        raise NotImplementedError

    def article_path(self, doc_id: int) -> str:
        raise NotImplementedError

    def other_column_path(self) -> str:
        raise NotImplementedError

    def list_body(self, page: int, docs: list[ArticleDoc], column: str) -> str:
        return (
            '<ul class="list">'
            + "".join(
                f'<li><a href="{self.href(d)}" target="_blank">{escape(d.shown_title)}</a><span>{d.published:%Y-%m-%d}</span></li>'
                for d in docs
            )
            + "</ul>"
        )

    def pager_html(self, page: int) -> str:
        return ""

    def href(self, doc: ArticleDoc) -> str:
        return doc.truth.url_path

    # -- rendering ----------------------------------------------------------------------------
    def start_paths(self) -> list[str]:
        return [self.list_path(1)]

    def make_doc(self, index: int, moment: datetime) -> ArticleDoc:
        article = self.filler.article(moment.year, moment.month, moment.day)
        doc_id = 5000 + index * 7
        column = "main" if index < self.pages_count * self.per_page else "other"
        truth = ArticleTruth(
            url_path=self.article_path(doc_id), site=self.name, cms=self.name, title=article.title,
            published_at=iso_time(moment), source=article.source, column=self.column_name,
            breadcrumbs=["首页", self.column_name], paragraphs=article.paragraphs,
        )  # fmt: skip
        return ArticleDoc(
            truth, doc_id, moment, moment, article.title, [escape(p) for p in article.paragraphs],
            column_id=column,
        )  # fmt: skip

    def render(self, pages: dict[str, Page], other: list[OtherPage]) -> None:
        main = [d for d in self.docs if d.column_id == "main"]
        for page in range(1, self.pages_count + 1):
            docs = main[(page - 1) * self.per_page : page * self.per_page]
            self.add_list(pages, other, self.list_path(page), self.list_page(page, docs, "main"))
        second = [d for d in self.docs if d.column_id == "other"]
        self.add_list(pages, other, self.other_column_path(), self.list_page(1, second, "other"))
        for doc in self.docs:
            pages[doc.truth.url_path] = self.page(self.article_page(doc))
        pages["/about/contact.html"] = self.page(CONTACT_PAGE.format(label=escape(self.label)))
        other.append(OtherPage("/about/contact.html", self.name, "static"))

    def add_list(
        self, pages: dict[str, Page], other: list[OtherPage], path: str, body: str
    ) -> None:
        pages[path] = self.page(body)
        other.append(OtherPage(path, self.name, "list"))

    def page(self, text: str) -> Page:
        return Page(text.encode("utf-8"), "text/html; charset=utf-8", modified=FIRST_DAY)

    def nav(self) -> str:
        return (
            f'<div class="nav"><a href="{self.list_path(1)}">{self.column_name}</a> '
            f'<a href="{self.other_column_path()}">通知公告</a> <a href="/about/contact.html">联系我们</a></div>'
        )

    def list_page(self, page: int, docs: list[ArticleDoc], column: str) -> str:
        pager = self.pager_html(page) if column == "main" else ""
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{self.column_name}_{escape(self.label)}</title></head>
<body>{self.nav()}
<div class="position">当前位置：<a href="/">首页</a> &gt; {self.column_name}</div>
<div class="main">{self.list_body(page, docs, column)}
<div class="page">{pager}</div></div>
<div class="footer">主办：{escape(self.label)}人民政府 版权所有</div></body></html>"""

    def article_page(self, doc: ArticleDoc) -> str:
        body = "".join(f"<p>{p}</p>" for p in doc.shown_paragraphs)
        related = "".join(
            f'<li><a href="{self.href(d)}">{escape(d.shown_title)}</a></li>' for d in self.docs[:3]
        )
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(doc.shown_title)}_{escape(self.label)}</title></head>
<body>{self.nav()}
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="{self.list_path(1)}">{self.column_name}</a></div>
<h1>{escape(doc.shown_title)}</h1><div class="info">发布时间：{doc.published:%Y-%m-%d %H:%M} 来源：{escape(doc.truth.source or "")}</div>
<div id="content">{body}</div>
<div class="related"><h3>相关新闻</h3><ul>{related}</ul></div>
<div class="footer">主办：{escape(self.label)}人民政府 版权所有</div></body></html>"""

    def latency(self, path: str) -> float:
        return self.jitter.uniform(0, 0.02) if self.jitter is not None else 0.0


class NtreeSite(ShapeSite):
    """Pages count down: page k > 1 is index_958_<pages - k + 1>.html; a hidden div lists all."""

    def list_path(self, page: int) -> str:
        return (
            "/n3/n13/index.html"
            if page == 1
            else f"/n3/n13/index_958_{self.pages_count - page + 1}.html"
        )

    def article_path(self, doc_id: int) -> str:
        return f"/n3/n13/c{doc_id}/content.html"

    def other_column_path(self) -> str:
        return "/n3/n14/index.html"

    def list_body(self, page: int, docs: list[ArticleDoc], column: str) -> str:
        rows = "".join(
            f'<li><span>[{d.published:%Y-%m-%d}]</span><a href="../../n3/n13/c{d.doc_id}/content.html" class="lst_bg02" target=\'_blank\'>{escape(d.shown_title)}</a></li>'
            for d in docs
        )
        return f'<div id="comp_958"><ul>{rows}</ul></div>'

    def pager_html(self, page: int) -> str:
        last = self.pages_count
        hidden = "".join(
            f"<a href='../../n3/n13/index_958_{n}.html'></a>" for n in range(1, last + 1)
        )
        return f"""<div class="page" id="pag_958"><script>
  var purl="../../n3/n13/index_958"
  function createUrl(pName){{ var uu= purl+"_"+pName+".html"; return "javascript:pageName="+pName+";goPub('"+uu+"')"; }}
  var maxPageNum = {last};
</script></div><div style='display:none'>{hidden}</div>"""

    def render(self, pages: dict[str, Page], other: list[OtherPage]) -> None:
        super().render(pages, other)
        # the hidden list names the first page's own number too: the site serves it as page 1
        pages[f"/n3/n13/index_958_{self.pages_count}.html"] = pages["/n3/n13/index.html"]


class PowerEasySite(ShapeSite):
    def list_path(self, page: int) -> str:
        return "/Category_133/Index.aspx" if page == 1 else f"/Category_133/Index_{page}.aspx"

    def article_path(self, doc_id: int) -> str:
        return f"/Item/{doc_id}.aspx"

    def other_column_path(self) -> str:
        return "/Category_236/Index.aspx"

    def list_body(self, page: int, docs: list[ArticleDoc], column: str) -> str:
        rows = "".join(
            f'<li><span class="date">{d.published:%Y-%m-%d}</span><a href="/Item/{d.doc_id}.aspx" target="_blank">{escape(d.shown_title)}</a></li>'
            for d in docs
        )
        return f'<ul class="newsList infoListA">{rows}</ul>'

    def pager_html(self, page: int) -> str:
        last = self.pages_count
        numbers = " ".join(
            f'<span class="current">{n}</span>'
            if n == page
            else f'<a href="{"Index.aspx" if n == 1 else f"Index_{n}.aspx"}">{n}</a>'
            for n in range(1, last + 1)
        )
        nxt = (
            f'<a href="Index_{page + 1}.aspx">下一页</a>' if page < last else "<span>下一页</span>"
        )
        return f'<div class="pager"><a href="Index.aspx">首页</a> {numbers} {nxt} <a href="Index_{last}.aspx">尾页</a></div>'


class NewsListSite(ShapeSite):
    """Absolute links; items `<a><p>title</p></a><p>date</p>`; a side box of prose."""

    column_name = "要闻动态"

    def base(self) -> str:
        return BASE_TOKEN  # the server writes the site's own base URL here

    def list_path(self, page: int) -> str:
        return "/news-list-yaowen.html" if page == 1 else f"/news-list-yaowen-{page}.html"

    def article_path(self, doc_id: int) -> str:
        return f"/news-show-{doc_id}.html"

    def other_column_path(self) -> str:
        return "/news-list-tongzhi.html"

    def href(self, doc: ArticleDoc) -> str:
        return self.base() + doc.truth.url_path

    def nav(self) -> str:
        b = self.base()
        return (
            f'<div id="nav"><a href="{b}/news-list-yaowen.html">{self.column_name}</a> '
            f'<a href="{b}/news-list-tongzhi.html">通知公告</a> <a href="{b}/about/contact.html">联系我们</a></div>'
        )

    def list_body(self, page: int, docs: list[ArticleDoc], column: str) -> str:
        rows = "".join(
            f'<div class="row"><a href="{self.href(d)}" target="_blank"><p>{escape(d.shown_title)}</p></a><p>{d.published:%Y-%m-%d}</p></div>'
            for d in docs
        )
        intro = "".join(f"<p>{escape(p)}</p>" for p in self.docs[-1].truth.paragraphs[:3])
        return f'<div id="right_con">{rows}</div><div class="box"><h3>领导之窗</h3>{intro}</div>'

    def pager_html(self, page: int) -> str:
        b = self.base()
        nxt = (
            f'<a href="{b}/news-list-yaowen-{page + 1}.html">下一页</a>'
            if page < self.pages_count
            else '<a href="javascript:void(0);">下一页</a>'
        )
        return f'<div id="right_tz"><div>共{self.pages_count}页</div><div><a href="{b}/news-list-yaowen-1.html">首页</a></div><div>{nxt}</div><div><a href="{b}/news-list-yaowen-{self.pages_count}.html">末页</a></div></div>'

    def render(self, pages: dict[str, Page], other: list[OtherPage]) -> None:
        super().render(pages, other)
        pages["/news-list-yaowen-1.html"] = pages["/news-list-yaowen.html"]


class ColumnShtmlSite(ShapeSite):
    def list_path(self, page: int) -> str:
        return "/Column.shtml?p5=28" if page == 1 else f"/Column.shtml?p5=28&p7={page}"

    def article_path(self, doc_id: int) -> str:
        return f"/News.shtml?p5={doc_id}"

    def other_column_path(self) -> str:
        return "/Column.shtml?p5=26"

    def list_body(self, page: int, docs: list[ArticleDoc], column: str) -> str:
        rows = "".join(
            f"<tr><td width=87%><a href='News.shtml?p5={d.doc_id}' title='{escape(d.shown_title)}' target='_blank'><font color='0'>{escape(d.shown_title)}</font></a></td><td width=13%><font color='0'>{d.published:%Y-%m-%d}</font></td></tr>"
            for d in docs
        )
        return f"<table width=100% id=Table>{rows}</table>"

    def pager_html(self, page: int) -> str:
        last = self.pages_count
        nxt = (
            f"<A href=\"javascript:gotoCurrentPage('{page + 1}')\">下一页</A>"
            if page < last
            else "下一页"
        )
        return f"""共&nbsp;{last}页 当前页:&nbsp;{page} {nxt}&nbsp;<A href="javascript:gotoCurrentPage('{last}')">尾页</A>
<script language="javascript">
function gotoCurrentPage(pageNo) {{
if(pageNo=='1')
window.location="Column.shtml?p5=28";
else
window.location="Column.shtml?p5=28&p7="+pageNo;
}}
</script>"""


class JqueryPaginationSite(ShapeSite):
    def list_path(self, page: int) -> str:
        return "/xwdt/index.html" if page == 1 else f"/xwdt/index_{page - 1}.html"

    def article_path(self, doc_id: int) -> str:
        return f"/xwdt/detail/{doc_id}.html"

    def other_column_path(self) -> str:
        return "/tzgg/index.html"

    def pager_html(self, page: int) -> str:
        total = self.pages_count * self.per_page
        return f"""<div id="Pagination"></div><script type="text/javascript">
$(function(){{
  $("#Pagination").pagination({total}, {{
    items_per_page: {self.per_page}, num_display_entries: 5, current_page: {page - 1},
    prev_text: "上一页", next_text: "下一页",
    callback: function(page_index, jq) {{
      window.location.href = page_index == 0 ? "index.html" : "index_" + page_index + ".html";
      return false;
    }}
  }});
}});
</script>"""


class CountPageSite(ShapeSite):
    def list_path(self, page: int) -> str:
        return "/tzgg/index.shtml" if page == 1 else f"/tzgg/index_{page - 1}.shtml"

    def article_path(self, doc_id: int) -> str:
        return f"/tzgg/202301/t20230105_{doc_id}.shtml"

    def other_column_path(self) -> str:
        return "/gzdt/index.shtml"

    def pager_html(self, page: int) -> str:
        return f"""<script>
var currentPage = {page - 1};//所在页从0开始
var prevPage = currentPage-1//上一页
var nextPage = currentPage+1//下一页
var countPage = {self.pages_count}//共多少页
if(countPage>1&&currentPage!=0&&currentPage!=1)
    document.write("<a href=\\"index"+"_" + prevPage + "."+"shtml\\">上一页</a>");
if(countPage>1&&currentPage!=(countPage-1))
    document.write("<a href=\\"index"+"_" + nextPage + "."+"shtml\\" >下一页</a>");
</script>"""


class LaypageSite(ShapeSite):
    """layui's laypage: records and records a page in the call, `curr` from 1, pages
    `?page=<n>` built in its jump callback; no link to a later page in the HTML."""

    def list_path(self, page: int) -> str:
        return "/xwzx/list.html" if page == 1 else f"/xwzx/list.html?page={page}"

    def article_path(self, doc_id: int) -> str:
        return f"/xwzx/detail/{doc_id}.html"

    def other_column_path(self) -> str:
        return "/tzgg/list.html"

    def pager_html(self, page: int) -> str:
        records = self.pages_count * self.per_page
        return f"""<div id="laypage"></div><script>
layui.use(['laypage'], function(){{
  var laypage = layui.laypage;
  laypage.render({{
    elem: 'laypage', count: {records}, limit: {self.per_page}, curr: {page},
    jump: function(obj, first){{ if(!first){{ location.href = "list.html?page=" + obj.curr; }} }}
  }});
}});
</script>"""


class KkpagerSite(ShapeSite):
    """kkpager: `total` pages and `hrefFormer`/`hrefLatter` held in the page's variables; page 1
    `list.html`, page n `list_<n>.html`, no link to a later page in the HTML."""

    def list_path(self, page: int) -> str:
        return "/zwgk/list.html" if page == 1 else f"/zwgk/list_{page}.html"

    def article_path(self, doc_id: int) -> str:
        return f"/zwgk/content/{doc_id}.html"

    def other_column_path(self) -> str:
        return "/bmdt/list.html"

    def pager_html(self, page: int) -> str:
        records = self.pages_count * self.per_page
        return f"""<div id="kkpager"></div><script>
var totalPage = {self.pages_count}; var totalRecords = {records}; var pageNo = {page};
$(function(){{
  kkpager.generPageHtml({{
    pno : pageNo, total : totalPage, totalRecords : totalRecords,
    hrefFormer : 'list', hrefLatter : '.html'
  }});
}});
</script>"""


class TrsNewSite(ShapeSite):
    def list_path(self, page: int) -> str:
        return "/csrc/c101/fg.shtml" if page == 1 else f"/csrc/c101/fg_{page}.shtml"

    def article_path(self, doc_id: int) -> str:
        return f"/csrc/c101/c{doc_id}/content.shtml"

    def other_column_path(self) -> str:
        return "/csrc/c102/fg.shtml"

    def pager_html(self, page: int) -> str:
        records = self.pages_count * self.per_page
        return f"""<div id="page_div"></div><script>createPageHTML('page_div', {self.pages_count}, {page}, 'fg', 'shtml', {records});</script>"""


class HanwebGbkSite(ShapeSite):
    """GBK pages; the nextgroup link names the jslib proxy and a GBK-encoded webname."""

    column_name = "部门动态"
    proxy = "/module/jslib/jquery/jpage/dataproxy.jsp"

    def webname(self) -> str:
        return quote(HANWEB_GBK_NAME.encode("gbk"))

    def list_path(self, page: int) -> str:
        return "/col/col4321/index.html"

    def article_path(self, doc_id: int) -> str:
        p = FIRST_DAY + timedelta(days=doc_id % 300)
        return f"/art/{p.year}/{p.month}/{p.day}/art_4321_{doc_id}.html"

    def other_column_path(self) -> str:
        return "/col/col4322/index.html"

    def page(self, text: str) -> Page:
        text = text.replace('charset="utf-8"', 'charset="gb2312"')
        return Page(text.encode("gb18030"), "text/html", modified=FIRST_DAY)

    def render(self, pages: dict[str, Page], other: list[OtherPage]) -> None:
        main = [d for d in self.docs if d.column_id == "main"]
        inline = main[: self.per_page]
        records = "".join(self.record(d) for d in inline)
        params = f"appid=1&webid=8&path=/&columnid=4321&unitid=9001&webname={self.webname()}&permissiontype=0"
        store = f"""<div id="9001"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="{self.proxy}?page=1&{params}"></a>]]></nextgroup>
<recordset>{records}</recordset></datastore></script></div>
<script>$('#9001').jpage({{proxyUrl: '{self.proxy}', totalRecord: {len(main)}, perPage: {self.per_page}, groupSize: 1}});</script>"""
        page = self.list_page(1, [], "other").replace('<ul class="list"></ul>', store)
        self.add_list(pages, other, self.list_path(1), page)
        second = [d for d in self.docs if d.column_id == "other"]
        self.add_list(pages, other, self.other_column_path(), self.list_page(1, second, "other"))
        for start in range(self.per_page + 1, len(main) + 1, self.per_page):
            end = min(start + self.per_page - 1, len(main))
            chunk = "".join(self.record(d) for d in main[start - 1 : end])
            body = f'<?xml version="1.0" encoding="GBK"?><datastore><recordset>{chunk}</recordset></datastore>'
            path = (
                f"{self.proxy}?startrecord={start}&endrecord={end}&perpage={self.per_page}&{params}"
            )
            pages[self.proxy_key(start)] = Page(
                body.encode("gbk"), "text/xml;charset=GBK", modified=FIRST_DAY
            )
            other.append(OtherPage(path, self.name, "dataproxy"))
        for doc in self.docs:
            pages[doc.truth.url_path] = self.page(self.article_page(doc))
        pages["/about/contact.html"] = self.page(CONTACT_PAGE.format(label=escape(self.label)))

    def record(self, doc: ArticleDoc) -> str:
        return f'<record><![CDATA[<li><a href="{doc.truth.url_path}" target="_blank">{escape(doc.shown_title)}</a><span>{doc.published:%Y-%m-%d}</span></li>]]></record>'

    def proxy_key(self, start: int) -> str:
        return f"{self.proxy}#startrecord={start}"

    def resolve(self, path: str, query: str) -> Page | None:
        if path != self.proxy:
            return super().resolve(path, query)
        # the proxy answers only a webname sent as the page wrote it (GBK bytes)
        sent = dict(parse_qsl(query, encoding="latin-1"))
        if quote(sent.get("webname", ""), safe="", encoding="latin-1") != self.webname():
            return None
        return self.pages.get(self.proxy_key(int(sent.get("startrecord") or 0)))


class WebFormsSite(ShapeSite):
    """ASP.NET WebForms: one form round every page; pages 2.. are the form posted back."""

    column_name = "政务动态"
    target = "ctl00$ContentPlaceHolder1$AspNetPager1"

    def list_path(self, page: int) -> str:
        return "/News/List.aspx?cid=12"

    def article_path(self, doc_id: int) -> str:
        return f"/News/Show.aspx?id={doc_id}"

    def other_column_path(self) -> str:
        return "/News/List.aspx?cid=13"

    def viewstate(self, page: int) -> str:
        return base64.b64encode(f"/wEPDwUKLTQ{page:03d}ZGQ{self.seed}".encode()).decode()

    def list_body(self, page: int, docs: list[ArticleDoc], column: str) -> str:
        rows = "".join(
            f'<tr><td class="title"><a id="ctl00_ContentPlaceHolder1_rptList_ctl{i:02d}_hlTitle" href="Show.aspx?id={d.doc_id}" target="_blank">{escape(d.shown_title)}</a></td><td class="date">{d.published:%Y-%m-%d}</td></tr>'
            for i, d in enumerate(docs)
        )
        return f'<table class="newslist" cellspacing="0">{rows}</table>'

    def pager_html(self, page: int) -> str:
        def post(n: int, label: str) -> str:
            return f'<a href="javascript:__doPostBack(&#39;{self.target}&#39;,&#39;{n}&#39;)">{label}</a>'

        last = self.pages_count
        numbers = "&nbsp;".join(
            f'<span class="current">{n}</span>' if n == page else post(n, str(n))
            for n in range(1, last + 1)
        )
        first = post(1, "首页") if page > 1 else '<a disabled="disabled">首页</a>'
        previous = post(page - 1, "上一页") if page > 1 else '<a disabled="disabled">上一页</a>'
        following = post(page + 1, "下一页") if page < last else '<a disabled="disabled">下一页</a>'
        end = post(last, "尾页") if page < last else '<a disabled="disabled">尾页</a>'
        return f"""<div id="ctl00_ContentPlaceHolder1_AspNetPager1" class="pager">
<div class="pager-info">共{last}页 当前第{page}页</div>
{first}&nbsp;{previous}&nbsp;{numbers}&nbsp;{following}&nbsp;{end}</div>"""

    def list_page(self, page: int, docs: list[ArticleDoc], column: str) -> str:
        text = super().list_page(page, docs, column)
        action = self.list_path(1).rsplit("/", 1)[1] if column == "main" else "List.aspx?cid=13"
        form = f"""<form name="aspnetForm" method="post" action="{escape(action)}" id="aspnetForm">
<div><input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{self.viewstate(page)}" /></div>
<script type="text/javascript">
var theForm = document.forms['aspnetForm'];
function __doPostBack(eventTarget, eventArgument) {{
    if (!theForm.onsubmit || (theForm.onsubmit() != false)) {{
        theForm.__EVENTTARGET.value = eventTarget;
        theForm.__EVENTARGUMENT.value = eventArgument;
        theForm.submit();
    }}
}}
</script>
<div class="search"><input name="ctl00$txtKey" type="text" id="ctl00_txtKey" /><input type="submit" name="ctl00$btnSearch" value="搜索" id="ctl00_btnSearch" /></div>"""
        return text.replace("<body>", "<body>" + form, 1).replace("</body>", "</form></body>", 1)

    def render(self, pages: dict[str, Page], other: list[OtherPage]) -> None:
        super().render(pages, other)  # every page of the column under one path: one is kept
        other[:] = list({page.url_path: page for page in other}.values())
        main = [d for d in self.docs if d.column_id == "main"]
        for page in range(2, self.pages_count + 1):
            docs = main[(page - 1) * self.per_page : page * self.per_page]
            pages[self.posted_key(page)] = self.page(self.list_page(page, docs, "main"))
        pages[self.list_path(1)] = self.page(self.list_page(1, main[: self.per_page], "main"))

    def posted_key(self, page: int) -> str:
        return f"{self.list_path(1)}#page={page}"

    def resolve(self, path: str, query: str) -> Page | None:
        """A GET of the column is page 1; a POST naming the pager is page n, when it sends back
        the view state of a page served (a stale or missing form gets page 1, as ASP.NET's)."""
        sent = dict(parse_qsl(query))
        if path != "/News/List.aspx" or "__EVENTARGUMENT" not in sent:
            return super().resolve(path, query)
        served = {self.viewstate(n) for n in range(1, self.pages_count + 1)}
        argument = sent.get("__EVENTARGUMENT", "")
        if sent.get("__EVENTTARGET") != self.target or sent.get("__VIEWSTATE") not in served:
            return self.pages.get(self.list_path(1))
        if not argument.isdigit() or int(argument) <= 1:
            return self.pages.get(self.list_path(1))
        return self.pages.get(self.posted_key(int(argument)))


class ScriptItemsSite(ShapeSite):
    """Items open their page by script: `javascript:showDetail('5007')` and a function that
    builds the URL from the id; numbered list pages linked by a plain pager."""

    column_name = "通知公告"

    def list_path(self, page: int) -> str:
        return "/tzgg/list.jsp" if page == 1 else f"/tzgg/list.jsp?page={page}"

    def article_path(self, doc_id: int) -> str:
        return f"/tzgg/detail.jsp?id={doc_id}"

    def other_column_path(self) -> str:
        return "/gzdt/list.jsp"

    def list_body(self, page: int, docs: list[ArticleDoc], column: str) -> str:
        rows = "".join(
            f"<tr><td><a href=\"javascript:showDetail('{d.doc_id}')\">{escape(d.shown_title)}</a></td><td>{d.published:%Y-%m-%d}</td></tr>"
            for d in docs
        )
        script = (
            "<script>function showDetail(id){ window.open('/tzgg/detail.jsp?id=' + id); }</script>"
        )
        return f'{script}<table class="list">{rows}</table>'

    def pager_html(self, page: int) -> str:
        if page >= self.pages_count:
            return "<span>下一页</span>"
        return f'<a href="list.jsp?page={page + 1}">下一页</a>'


class PagerBombSite(ReplicaSite):
    """Every list page claims a million pages, and every one of them answers."""

    cms = "shape"

    def start_paths(self) -> list[str]:
        return ["/bomb/index.html"]

    def resolve(self, path: str, query: str) -> Page | None:
        if path == "/bomb/index.html":
            return self.list_page(0)
        if path.startswith("/bomb/index_") and path.endswith(".html"):
            number = path[len("/bomb/index_") : -len(".html")]
            if number.isdigit() and 0 < int(number) < BOMB_PAGES:
                return self.list_page(int(number))
        return None

    def list_page(self, number: int) -> Page:
        text = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>无尽栏目</title></head><body>
<ul class="list"><li><a href="/about/contact.html">联系我们</a></li></ul>
<script>createPageHTML({BOMB_PAGES}, {number}, "index", "html");</script></body></html>"""
        return Page(text.encode("utf-8"), "text/html; charset=utf-8", modified=FIRST_DAY)


SHAPES: list[tuple[str, str, Callable[..., ShapeSite]]] = [
    ("ntree", "丰城样例", NtreeSite),
    ("powereasy", "靖安样例", PowerEasySite),
    ("newslist", "万载样例", NewsListSite),
    ("columnshtml", "旅游样例", ColumnShtmlSite),
    ("jquery", "分页样例", JqueryPaginationSite),
    ("countpage", "计数样例", CountPageSite),
    ("laypage", "分页组件样例", LaypageSite),
    ("kkpager", "翻页控件样例", KkpagerSite),
    ("trsnew", "证监样例", TrsNewSite),
    ("hanwebgbk", "大汉样例", HanwebGbkSite),
    ("webforms", "表单样例", WebFormsSite),
    ("scriptitems", "脚本样例", ScriptItemsSite),
]
