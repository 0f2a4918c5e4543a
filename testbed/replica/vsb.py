"""VSB (博达) replica: a district government site (新吴区 style) without government meta tags.

Numbered list pages `/list/<col>.htm`, `/list/<col>/2.htm` … linked by plain links (下一页 / 尾页);
articles `/info/<col>/<id>.htm`, body in `div.v_news_content` inside
`<form name="_newscontent_fromname">`; only a <title>; an RSS 2.0 feed at `/rss.xml`.
"""

# ruff: noqa: E501 - page templates keep their HTML lines whole, as the real sites have them

from __future__ import annotations

from datetime import timedelta, timezone
from email.utils import format_datetime
from html import escape
from typing import ClassVar

from testbed.replica.generated import FIRST_DAY, GeneratedSite, paragraphs_html
from testbed.replica.model import BASE_TOKEN, ArticleDoc, OtherPage, Page

PER_PAGE = 15
FEED_ITEMS = 40
DOWNLOAD = "/system/_content/download.jsp"
OWNER = "1632115452"
BEIJING = timezone(timedelta(hours=8))


class VsbSite(GeneratedSite):
    cms = "vsb"
    domain = "www.wnd.gov.cn"
    id_code = None  # no meta tags; the footer still shows one
    footer_id_code = "3202140004"
    columns: ClassVar[list[tuple[str, str]]] = [
        ("1012", "要闻资讯"),
        ("1013", "部门动态"),
        ("1014", "街道动态"),
    ]
    image_prefix = "__local/"

    def article_path(self, doc: ArticleDoc) -> str:
        return f"/info/{doc.column_id}/{doc.doc_id}.htm"

    def asset_path(self, doc: ArticleDoc, name: str) -> str:
        if name.endswith(".jpg"):
            return f"/__local/{doc.doc_id:X}/{name.split('/')[-1]}"
        # VSB attachment URLs carry no file name: only the link text tells PDF from DOC
        return f"{DOWNLOAD}?urltype=news.DownloadAttachUrl&owner={OWNER}&wbfileid={doc.doc_id}{len(name)}"

    def attachments(self, doc: ArticleDoc) -> str:
        items = "".join(
            f'<li>附件【<a href="{escape(a["url"])}" target="_blank">{escape(a["title"])}</a>】已下载'
            f'<span id="nattach{doc.doc_id}">次</span></li>'
            for a in doc.truth.attachments
        )
        return f'<ul style="list-style-type:none;">{items}</ul>' if items else ""

    def start_paths(self) -> list[str]:
        return ["/index.htm", "/rss.xml"]

    def breadcrumbs(self, column: str) -> list[str]:
        return ["网站首页", "新闻中心", column]

    # -- chrome ------------------------------------------------------------------------------------
    def head(self, title: str) -> str:
        nav = "".join(
            f'<li><a href="/list/{cid}.htm">{escape(name)}</a></li>' for cid, name in self.columns
        )
        return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<title>{escape(title)}</title>
<META Name="keywords" Content="{escape(self.label)}" />
<link rel="stylesheet" type="text/css" href="/style/style.css">
<script type="text/javascript" src="/system/resource/js/jquery/jquery-latest.min.js"></script>
</head>
<body>
<div class="head"><div class="logo"><a href="/index.htm"><img src="/images/logo.png" /></a></div>
<div class="search"><form action="/search.jsp?wbtreeid=1001" method="post" name="a224591a"><input type="text" name="showkeycode" /><input type="submit" value="搜索" /></form></div></div>
<div class="nav"><ul><li><a href="/index.htm">网站首页</a></li>{nav}</ul></div>"""

    def footer(self) -> str:
        return f"""<div class="foot"><p>版权所有:无锡市新吴区人民政府&nbsp;&nbsp;地址:无锡市新吴区和风路28号</p>
<p>网站标识码:{self.footer_id_code}&nbsp;&nbsp;<a href="https://beian.miit.gov.cn" target="_blank">苏ICP备2021035544号-1</a>&nbsp;&nbsp;苏公网安备 32021402001234号</p></div>
</body>
</html>"""

    def position(self, column_id: str, column: str) -> str:
        return (
            '<div class="position">当前位置:<a href="/index.htm">网站首页</a> &gt; '
            f'<a href="/list/{self.columns[0][0]}.htm">新闻中心</a> &gt; '
            f'<a href="/list/{column_id}.htm">{escape(column)}</a> &gt; 正文</div>'
        )

    # -- article ------------------------------------------------------------------------------------
    def article_html(self, doc: ArticleDoc) -> str:
        t = doc.truth
        clicks = f"dynclicks_wbnews_{doc.doc_id}_{doc.column_id}"
        trailer = doc.extra.get("trailer", "")
        trailer_html = f'<div class="ly">{escape(trailer)}</div>' if trailer else ""
        return f"""{self.head(f"{doc.shown_title}-{self.label}")}
<div class="main">
{self.position(doc.column_id, t.column or "")}
<div class="content">
<form name="_newscontent_fromname">
<h1 align="center">{escape(doc.shown_title)}</h1>
<div class="info">时间:{doc.published:%Y-%m-%d %H:%M}&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; 来源:{escape(t.source or "")}&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; 选择阅读字号:[<a href="javascript:void(0)" onclick="doZoom(18)">大</a> <a href="javascript:void(0)" onclick="doZoom(16)">中</a> <a href="javascript:void(0)" onclick="doZoom(14)">小</a>]&nbsp;&nbsp;&nbsp;浏览次数:<span id="{clicks}" name="{clicks}"></span></div>
<div id="vsb_content"><div class="v_news_content">
{paragraphs_html(doc, caption_class="vsbcontent_img")}
</div></div>
{self.attachments(doc)}
{trailer_html}
</form>
<script>_showDynClicks("wbnews", {OWNER}, {doc.doc_id})</script>
</div>
</div>
{self.footer()}"""

    # -- lists --------------------------------------------------------------------------------------
    def list_path(self, column_id: str, page: int) -> str:
        return f"/list/{column_id}.htm" if page == 1 else f"/list/{column_id}/{page}.htm"

    def pager(self, column_id: str, page: int, count: int) -> str:
        links = [f"<span>共{count}页&nbsp;&nbsp;{page}/{count}</span>"]
        if page > 1:
            links.append(f'<a href="{self.list_path(column_id, 1)}">首页</a>')
            links.append(f'<a href="{self.list_path(column_id, page - 1)}">上页</a>')
        if page < count:
            links.append(f'<a href="{self.list_path(column_id, page + 1)}" class="Next">下页</a>')
            links.append(f'<a href="{self.list_path(column_id, count)}">尾页</a>')
        return f'<div class="pb_sys_common pb_sys_normal">{"&nbsp;".join(links)}</div>'

    def list_html(
        self, column_id: str, column: str, docs: list[ArticleDoc], page: int, count: int
    ) -> str:
        items = "\n".join(
            f'<li id="line_u8_{i}"><a href="../info/{d.column_id}/{d.doc_id}.htm" title="{escape(d.shown_title)}">'
            f"{escape(d.shown_title)}</a><span>{d.published:%Y-%m-%d}</span></li>"
            for i, d in enumerate(docs)
        )
        if page > 1:
            items = items.replace('href="../info/', 'href="../../info/')
        return f"""{self.head(f"{column}-{self.label}")}
<div class="main">
{self.position(column_id, column).replace(" &gt; 正文", "")}
<div class="list"><ul>
{items}
</ul>
{self.pager(column_id, page, count)}
</div></div>
{self.footer()}"""

    def rss_xml(self) -> str:
        items = "\n".join(
            f"<item><title>{escape(d.shown_title)}</title><link>{BASE_TOKEN}{d.truth.url_path}</link>"
            f"<guid>{BASE_TOKEN}{d.truth.url_path}</guid><pubDate>{format_datetime(d.published.replace(tzinfo=BEIJING))}</pubDate>"
            f"<description>{escape(d.truth.paragraphs[0][:80])}</description></item>"
            for d in self.sorted_docs()[:FEED_ITEMS]
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>\n'
            f"<title>{escape(self.label)}</title><link>{BASE_TOKEN}/index.htm</link>"
            f"<description>{escape(self.label)}新闻</description><language>zh-cn</language>\n"
            f"{items}\n</channel></rss>\n"
        )

    def home_html(self) -> str:
        blocks = "".join(
            f'<div class="box"><h3><a href="/list/{cid}.htm">{escape(name)}</a></h3><ul>'
            + "".join(
                f'<li><a href="/info/{d.column_id}/{d.doc_id}.htm">{escape(d.shown_title)}</a></li>'
                for d in self.sorted_docs(cid)[:6]
            )
            + "</ul></div>"
            for cid, name in self.columns
        )
        return f'{self.head(self.label)}\n<div class="main">{blocks}</div>\n{self.footer()}'

    def render(self, pages: dict[str, Page], other: list[OtherPage]) -> None:
        newest = self.newest(self.docs)
        for doc in self.docs:
            pages[doc.truth.url_path] = Page(self.article_html(doc).encode(), modified=doc.modified)
        for column_id, column in self.columns:
            docs = self.sorted_docs(column_id)
            count = max(1, -(-len(docs) // PER_PAGE))
            for page in range(1, count + 1):
                chunk = docs[(page - 1) * PER_PAGE : page * PER_PAGE]
                path = self.list_path(column_id, page)
                body = self.list_html(column_id, column, chunk, page, count).encode()
                pages[path] = Page(body, modified=self.newest(chunk))
                other.append(OtherPage(path, self.name, "list", f"{column} {page}/{count}"))
        pages["/index.htm"] = pages["/"] = Page(self.home_html().encode(), modified=newest)
        other.append(OtherPage("/index.htm", self.name, "home"))
        pages["/rss.xml"] = Page(
            self.rss_xml().encode(), "application/rss+xml; charset=utf-8", newest
        )
        other.append(OtherPage("/rss.xml", self.name, "feed"))
        pages["/robots.txt"] = Page(b"User-agent: *\nDisallow: /system/\n", "text/plain", FIRST_DAY)
        other.append(OtherPage("/robots.txt", self.name, "robots"))
        self.add_assets(pages, other)
