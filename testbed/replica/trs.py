"""TRS WCM replica: a development-zone government site (南通开发区 style).

Column pages `/<column>/index.html`, `index_1.html` … paged only by `createPageHTML(...)`;
articles `/<column>/<YYYYMM>/t<YYYYMMDD>_<id>.html` with the body in `div.TRS_Editor`;
government meta tags, 信息公开 table, robots.txt and sitemap.xml.
"""

# ruff: noqa: E501 - page templates keep their HTML lines whole, as the real sites have them

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape
from typing import ClassVar

from testbed.replica.badinput import break_html
from testbed.replica.filler import DOCS as DOC_TITLES
from testbed.replica.generated import (
    FIRST_DAY,
    GeneratedSite,
    attachments_html,
    html_page,
    iso_date,
    paragraphs_html,
)
from testbed.replica.model import BASE_TOKEN, ArticleDoc, OtherPage, Page

PER_PAGE = 15
STATIC_PAGES = {
    "/wza/index.html": "无障碍浏览",
    "/wzdt/index.html": "网站地图",
    "/lxwm/index.html": "联系我们",
    "/sm/index.html": "网站声明",
}
CHANNELS = {"xwzx": "新闻中心", "xxgk": "信息公开"}
PAGER_FUNCTION = """<script type="text/javascript">
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
  if(_nPageCount == null || _nPageCount<=1){ return; }
  var nCurrIndex = _nCurrIndex || 0;
  if(nCurrIndex == 0) document.write("<span>首页</span>&nbsp;");
  else document.write("<a href=\\"" + _sPageName + "." + _sPageExt + "\\">首页</a>&nbsp;");
  if(nCurrIndex > 1) document.write("<a href=\\"" + _sPageName + "_" + (nCurrIndex-1) + "." + _sPageExt + "\\">上一页</a>&nbsp;");
  else if(nCurrIndex == 1) document.write("<a href=\\"" + _sPageName + "." + _sPageExt + "\\">上一页</a>&nbsp;");
  if(nCurrIndex + 1 < _nPageCount) document.write("<a href=\\"" + _sPageName + "_" + (nCurrIndex+1) + "." + _sPageExt + "\\">下一页</a>&nbsp;");
  document.write("<a href=\\"" + _sPageName + "_" + (_nPageCount-1) + "." + _sPageExt + "\\">尾页</a>");
  document.write("&nbsp;共" + _nPageCount + "页");
}
</script>"""
SHARE_WIDGET = """<div class="share bdsharebuttonbox">分享到:<a href="#" class="bds_weixin" data-cmd="weixin" title="分享到微信"></a><a href="#" class="bds_tsina" data-cmd="tsina" title="分享到新浪微博"></a><a href="#" class="bds_qzone" data-cmd="qzone" title="分享到QQ空间"></a></div>"""


class TrsSite(GeneratedSite):
    cms = "trs"
    domain = "www.ntkfq.gov.cn"
    id_code = "3206000001"
    columns: ClassVar[list[tuple[str, str]]] = [
        ("xwzx/gzdt", "工作动态"),
        ("xwzx/ztbd", "专题报道"),
        ("xwzx/tzgg", "通知公告"),
    ]
    disclosure_column = ("xxgk/zcwj", "政策文件")
    organ = "南通经济技术开发区管理委员会"
    icp = "苏ICP备05004386号"
    police = "苏公网安备 32069102000251号"
    disallowed = "/search/"
    related_html = ""

    # -- paths -----------------------------------------------------------------------------------
    def article_path(self, doc: ArticleDoc) -> str:
        return f"/{doc.column_id}/{doc.published:%Y%m}/t{doc.published:%Y%m%d}_{doc.doc_id}.html"

    def asset_path(self, doc: ArticleDoc, name: str) -> str:
        return f"/{doc.column_id}/{doc.published:%Y%m}/{name}"

    def start_paths(self) -> list[str]:
        return ["/index.html", "/sitemap.xml"]

    def breadcrumbs(self, column: str) -> list[str]:
        channel = "信息公开" if column == self.disclosure_column[1] else "新闻中心"
        return ["首页", channel, column]

    def all_columns(self) -> list[tuple[str, str]]:
        return [*self.columns, self.disclosure_column]

    # -- chrome ------------------------------------------------------------------------------------
    def head(self, title: str, metas: str = "") -> str:
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<title>{escape(title)}</title>
{metas}
<link href="/images/index.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/images/jquery-1.8.3.min.js"></script>
</head>
<body>
{self.header()}"""

    def header(self) -> str:
        nav = "".join(
            f'<li><a href="/{cid}/index.html">{escape(name)}</a></li>'
            for cid, name in self.all_columns()
        )
        return f"""<div class="top"><div class="top_con"><span>欢迎访问{escape(self.label)}门户网站</span>
<a href="javascript:void(0)" onclick="SetHome(this,window.location)">设为首页</a> <a href="javascript:void(0)" onclick="AddFavorite()">加入收藏</a> <a href="/wza/index.html">无障碍浏览</a></div></div>
<div class="header"><a href="/index.html"><img src="/images/logo.png" alt="{escape(self.label)}" /></a>
<form name="searchform" action="/search/index.html" method="get" target="_blank"><input type="text" name="searchword" value="请输入关键字" /><input type="submit" value="搜索" /></form>
<a class="gjss" href="/search/index.html?advanced=1">高级搜索</a></div>
<div class="nav"><ul><li><a href="/index.html">首页</a></li>{nav}</ul></div>"""

    def footer(self) -> str:
        return f"""<div class="footer"><div class="footer_links"><a href="/wzdt/index.html">网站地图</a> | <a href="/lxwm/index.html">联系我们</a> | <a href="/sm/index.html">网站声明</a></div>
<p>主办单位:{escape(self.organ)}&nbsp;&nbsp;承办单位:{escape(self.label)}党政办公室</p>
<p>网站标识码:{self.id_code}&nbsp;&nbsp;<a href="https://beian.miit.gov.cn/" target="_blank">{self.icp}</a>&nbsp;&nbsp;<a href="http://www.beian.gov.cn/portal/registerSystemInfo" target="_blank"><img src="/images/gaba.png" />{self.police}</a></p>
<p>建议使用1366×768分辨率 IE9以上版本浏览器</p>
<script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E%3Cscript src='/images/conac.js' type='text/javascript'%3E%3C/script%3E"));</script>
</div>
</body>
</html>"""

    def sidebar(self) -> str:
        items = "".join(
            f'<li><a href="{d.truth.url_path}" title="{escape(d.shown_title)}" target="_blank">'
            f"{escape(d.shown_title[:18])}</a></li>"
            for d in self.headlines()
        )
        return f'<div class="right_box"><div class="right_title"><h3>热点新闻</h3></div><ul>{items}</ul></div>'

    def position(self, crumbs: list[tuple[str, str]]) -> str:
        links = " &gt; ".join(f'<a href="{href}">{escape(name)}</a>' for href, name in crumbs)
        return f'<div class="position">当前位置:{links}</div>'

    def crumb_links(self, column_id: str, column: str) -> list[tuple[str, str]]:
        channel = column_id.split("/")[0]
        return [
            ("/index.html", "首页"),
            (f"/{channel}/index.html", CHANNELS[channel]),
            (f"/{column_id}/index.html", column),
        ]

    # -- article ------------------------------------------------------------------------------------
    def metas(self, doc: ArticleDoc) -> str:
        t = doc.truth
        description = escape(t.paragraphs[0][:60]) if t.paragraphs else ""
        return f"""<meta name="SiteName" content="{escape(self.label)}" />
<meta name="SiteDomain" content="{self.domain}" />
<meta name="SiteIDCode" content="{self.id_code}" />
<meta name="ColumnName" content="{escape(t.column or "")}" />
<meta name="ColumnDescription" content="{escape(t.column or "")}" />
<meta name="ColumnKeywords" content="{escape(t.column or "")}" />
<meta name="ColumnType" content="{escape(t.column or "")}" />
<meta name="ArticleTitle" content="{escape(doc.shown_title)}" />
<meta name="PubDate" content="{doc.published:%Y-%m-%d %H:%M}" />
<meta name="ContentSource" content="{escape(t.source or "")}" />
<meta name="Keywords" content="{escape(t.column or "")}" />
<meta name="Author" content="{escape(t.source or "")}" />
<meta name="Description" content="{description}" />
<meta name="Url" content="{BASE_TOKEN}{t.url_path}" />"""

    def info_line(self, doc: ArticleDoc) -> str:
        return (
            f'<div class="info">发布时间:{doc.published:%Y-%m-%d %H:%M}&nbsp;&nbsp;&nbsp;'
            f"来源:{escape(doc.truth.source or '')}&nbsp;&nbsp;&nbsp;"
            '【字体:<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> '
            '<a href="javascript:doZoom(14)">小</a>】&nbsp;&nbsp;'
            '<a href="javascript:window.print()">打印本页</a>&nbsp;&nbsp;'
            '<a href="javascript:window.opener=null;window.close()">关闭窗口</a></div>'
        )

    def disclosure_table(self, doc: ArticleDoc) -> str:
        d = doc.truth.disclosure
        if not d:
            return ""
        return f"""<table class="xxgk_table" width="100%" border="0" cellspacing="0" cellpadding="0">
<tr><th>索引号:</th><td>{d["index_no"]}</td><th>发布机构:</th><td>{escape(d["publisher"])}</td></tr>
<tr><th>文号:</th><td>{escape(d["doc_no"])}</td><th>主题分类:</th><td>{escape(d["topic"])}</td></tr>
<tr><th>成文日期:</th><td>{d["written_at"]}</td><th>发布日期:</th><td>{d["published_at"]}</td></tr>
<tr><th>名称:</th><td colspan="3">{escape(doc.shown_title)}</td></tr>
</table>"""

    def body_html(self, doc: ArticleDoc) -> str:
        return f"""<div class="article_con" id="zoom"><div class="TRS_Editor"><div class="Custom_UnionStyle">
{paragraphs_html(doc)}
</div></div>
{attachments_html(doc)}
</div>"""

    def article_html(self, doc: ArticleDoc) -> str:
        t = doc.truth
        return f"""{self.head(f"{doc.shown_title}_{t.column}_{self.label}", self.metas(doc))}
<div class="main">
{self.position(self.crumb_links(doc.column_id, t.column or ""))}
<div class="main_left"><div class="article">
<h1 class="article_title">{escape(doc.shown_title)}</h1>
{self.info_line(doc)}
{self.disclosure_table(doc)}
{self.body_html(doc)}
{SHARE_WIDGET}
<div class="article_bottom"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div></div>
<div class="main_right">{self.sidebar()}</div>
</div>
{self.footer()}"""

    # -- lists --------------------------------------------------------------------------------------
    def list_item(self, doc: ArticleDoc) -> str:
        href = f"./{doc.published:%Y%m}/t{doc.published:%Y%m%d}_{doc.doc_id}.html"
        return (
            f'<li><a href="{href}" target="_blank" title="{escape(doc.shown_title)}">'
            f"{escape(doc.shown_title)}</a><span>{iso_date(doc.published)}</span></li>"
        )

    def related_links(self) -> str:
        """Bad input linked from every list page (set by the builder)."""
        return self.related_html

    def list_html(
        self, column_id: str, column: str, docs: list[ArticleDoc], page: int, count: int
    ) -> str:
        items = "\n".join(self.list_item(d) for d in docs)
        return f"""{self.head(f"{column}_{self.label}")}
<div class="main">
{self.position(self.crumb_links(column_id, column))}
<div class="main_left"><div class="list_title"><h2>{escape(column)}</h2></div>
<ul class="list">
{items}
</ul>
{PAGER_FUNCTION}
<div class="page"><script>createPageHTML({count}, {page}, "index", "html");</script></div>
</div>
<div class="main_right">{self.sidebar()}{self.related_links()}</div>
</div>
{self.footer()}"""

    def render_column(
        self, column_id: str, column: str, pages: dict[str, Page], other: list[OtherPage]
    ) -> None:
        docs = self.sorted_docs(column_id)
        count = max(1, -(-len(docs) // PER_PAGE))
        for page in range(count):
            chunk = docs[page * PER_PAGE : (page + 1) * PER_PAGE]
            name = "index.html" if page == 0 else f"index_{page}.html"
            path = f"/{column_id}/{name}"
            body = html_page(self.list_html(column_id, column, chunk, page, count)).body
            pages[path] = Page(body, modified=self.newest(chunk))
            other.append(OtherPage(path, self.name, "list", f"{column} page {page + 1}/{count}"))

    def home_html(self) -> str:
        blocks = []
        for cid, name in self.all_columns():
            items = "\n".join(
                self.list_item(d).replace('href="./', f'href="/{cid}/')
                for d in self.sorted_docs(cid)[:8]
            )
            blocks.append(
                f'<div class="index_box"><div class="index_title"><h3>{escape(name)}</h3><a class="more" href="/{cid}/index.html">更多&gt;&gt;</a></div><ul>{items}</ul></div>'
            )
        return f"""{self.head(self.label)}
<div class="main index_main">
{"".join(blocks)}
</div>
{self.footer()}"""

    def channel_html(self, channel: str) -> str:
        links = "".join(
            f'<li><a href="/{cid}/index.html">{escape(name)}</a></li>'
            for cid, name in self.all_columns()
            if cid.startswith(channel + "/")
        )
        crumbs = [("/index.html", "首页"), (f"/{channel}/index.html", CHANNELS[channel])]
        return f"""{self.head(f"{CHANNELS[channel]}_{self.label}")}
<div class="main">{self.position(crumbs)}<ul class="sub_columns">{links}</ul></div>
{self.footer()}"""

    def sitemap_xml(self) -> str:
        urls = "\n".join(
            f"<url><loc>{BASE_TOKEN}{d.truth.url_path}</loc>"
            f"<lastmod>{iso_date(d.modified)}</lastmod></url>"
            for d in self.sorted_docs()
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{urls}\n</urlset>\n"
        )

    def robots_txt(self) -> str:
        return (
            f"User-agent: *\nDisallow: {self.disallowed}\nDisallow: /cgi-bin/\n\n"
            f"Sitemap: {BASE_TOKEN}/sitemap.xml\n"
        )

    def search_html(self) -> str:
        return f"""{self.head(f"站内搜索_{self.label}")}<div class="main"><p>请输入检索词。</p></div>{self.footer()}"""

    def render(self, pages: dict[str, Page], other: list[OtherPage]) -> None:
        newest = self.newest(self.docs)
        for doc in self.docs:
            body = html_page(self.article_html(doc)).body
            if doc.extra.get("broken"):
                body = break_html(body)
            pages[doc.truth.url_path] = Page(body, modified=doc.modified)
        for column_id, column in self.all_columns():
            self.render_column(column_id, column, pages, other)
        for channel in CHANNELS:
            pages[f"/{channel}/index.html"] = Page(
                html_page(self.channel_html(channel)).body, modified=newest
            )
            other.append(OtherPage(f"/{channel}/index.html", self.name, "list", "channel"))
        home = Page(html_page(self.home_html()).body, modified=newest)
        pages["/index.html"] = pages["/"] = home
        other.append(OtherPage("/index.html", self.name, "home"))
        pages["/sitemap.xml"] = Page(self.sitemap_xml().encode(), "application/xml", newest)
        other.append(OtherPage("/sitemap.xml", self.name, "sitemap"))
        pages["/robots.txt"] = Page(self.robots_txt().encode(), "text/plain", FIRST_DAY)
        other.append(OtherPage("/robots.txt", self.name, "robots"))
        pages["/search/index.html"] = Page(html_page(self.search_html()).body, modified=FIRST_DAY)
        other.append(OtherPage("/search/index.html", self.name, "disallowed", "robots.txt"))
        for path, title in STATIC_PAGES.items():
            pages[path] = Page(html_page(self.static_html(title)).body, modified=FIRST_DAY)
            other.append(OtherPage(path, self.name, "static", title))
        self.add_assets(pages, other)

    def static_html(self, title: str) -> str:
        crumbs = [("/index.html", "首页")]
        return f"""{self.head(f"{title}_{self.label}")}<div class="main">{self.position(crumbs)}<h2>{title}</h2><p>{escape(self.organ)}</p></div>{self.footer()}"""

    def add_disclosures(self, count: int) -> None:
        """信息公开 documents: ordinary articles plus the metadata table."""
        column_id, column = self.disclosure_column
        for number in range(1, count + 1):
            published = self.random_moment()
            art = self.filler.article(published.year, published.month, published.day)
            title = f"关于印发《{self.filler.choice(DOC_TITLES)}》的通知"
            doc = self.make_doc(
                title, art.paragraphs, published, column_id, column, f"{self.label}管委会办公室"
            )
            doc.truth.disclosure = self.disclosure_for(doc, published - timedelta(days=3), number)

    def disclosure_for(self, doc: ArticleDoc, written: datetime, number: int) -> dict[str, str]:
        return {
            "index_no": f"014135853/{doc.published:%Y}-{number:05d}",
            "publisher": f"{self.label}管委会办公室",
            "doc_no": f"通开发管〔{doc.published:%Y}〕{number}号",
            "topic": "综合政务/通知",
            "written_at": iso_date(written),
            "published_at": iso_date(doc.published),
        }
