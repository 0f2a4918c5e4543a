"""Hanweb (大汉) replica: a GBK-encoded government site with jpage datastore lists.

Column pages `/col/col<id>/index.html` carry the first records inline in
`<script type="text/xml"><datastore>…</datastore></script>`; later records come from
`/module/web/jpage/dataproxy.jsp?startrecord=…&endrecord=…&perpage=…&columnid=…`.
Articles `/art/YYYY/M/D/art_<col>_<doc>.html`, body in `div#zoom`. Pages are gb18030 bytes that
declare only `<meta … charset=gb2312>`; the HTTP Content-Type carries no charset.
"""

# ruff: noqa: E501 - page templates keep their HTML lines whole, as the real sites have them

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import ClassVar
from urllib.parse import parse_qs, quote

from testbed.replica.generated import (
    FIRST_DAY,
    GeneratedSite,
    attachments_html,
    iso_date,
    paragraphs_html,
)
from testbed.replica.model import ArticleDoc, OtherPage, Page

INLINE_RECORDS = 15
PER_PAGE = 15
DATAPROXY = "/module/web/jpage/dataproxy.jsp"
UNIT_ID = "7219"
WEB_ID = "46"
HTML_TYPE = "text/html"  # no charset: the page's <meta> is all a client gets


class HanwebSite(GeneratedSite):
    cms = "hanweb"
    domain = "www.hkq.gov.cn"
    id_code = "6109000012"
    columns: ClassVar[list[tuple[str, str]]] = [
        ("1451", "示范区要闻"),
        ("1452", "部门动态"),
        ("1460", "基层动态"),
    ]
    icp = "陕ICP备12003421号-1"
    encoding = "gb18030"
    declared_encoding = "gb2312"
    police = "陕公网安备 61090202000112号"

    def article_path(self, doc: ArticleDoc) -> str:
        p = doc.published
        return f"/art/{p.year}/{p.month}/{p.day}/art_{doc.column_id}_{doc.doc_id}.html"

    def asset_path(self, doc: ArticleDoc, name: str) -> str:
        return (
            f"/picture/0/{name}"
            if name.endswith(".jpg")
            else f"/module/download/downfile.jsp/{name}"
        )

    def start_paths(self) -> list[str]:
        return ["/index.html"]

    def breadcrumbs(self, column: str) -> list[str]:
        return ["首页", "新闻动态", column]

    def shown_time(self, published: datetime) -> str:
        return iso_date(published)  # Hanweb pages show the date only

    # -- chrome ------------------------------------------------------------------------------------
    def head(self, title: str, metas: str = "", charset_meta: bool = True) -> str:
        charset = (
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n'
            if charset_meta
            else ""
        )
        return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
{charset}<title>{escape(title)}</title>
{metas}
<link rel="stylesheet" type="text/css" href="/images/1/style.css">
<script language="javascript" src="/module/jslib/jquery/jquery.js"></script>
</head>
<body>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0"><tr><td class="top-bg"><img src="/images/1/banner.jpg" width="1000" height="160"></td></tr></table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="nav"><tr>
<td><a href="/index.html">首页</a></td>{"".join(f'<td><a href="/col/col{cid}/index.html">{escape(name)}</a></td>' for cid, name in self.columns)}</tr></table>"""

    def footer(self) -> str:
        return f"""<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="foot"><tr><td align="center">
主办:{escape(self.label)}管理委员会&nbsp;&nbsp;承办:{escape(self.label)}党政办<br>
网站标识码:{self.id_code}&nbsp;&nbsp;<a href="https://beian.miit.gov.cn" target="_blank">{self.icp}</a>&nbsp;&nbsp;{self.police}<br>
<script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E%3Cscript src='/images/conac.js'%3E%3C/script%3E"));</script>
</td></tr></table>
</body>
</html>"""

    def position(self, column_id: str, column: str) -> str:
        return (
            '<table width="100%" border="0" cellspacing="0" cellpadding="0" class="bt-position"><tr>'
            '<td>您当前所在的位置:<a href="/index.html">首页</a>&nbsp;&gt;&nbsp;'
            '<a href="/col/col1450/index.html">新闻动态</a>&nbsp;&gt;&nbsp;'
            f'<a href="/col/col{column_id}/index.html">{escape(column)}</a></td></tr></table>'
        )

    # -- article ------------------------------------------------------------------------------------
    def metas(self, doc: ArticleDoc) -> str:
        t = doc.truth
        if doc.doc_id % 2:
            pubdate = f'<meta name="pubdate" content="{doc.published:%Y年%m月%d日}">'
        else:
            pubdate = f'<meta name="PubDate" content="{iso_date(doc.published)}">'
        return f"""<meta name="sitename" content="{escape(self.label)}">
<meta name="siteid" content="{WEB_ID}">
<meta name="siteidcode" content="{self.id_code}">
<meta name="columnname" content="{escape(t.column or "")}">
<meta name="columnid" content="{doc.column_id}">
<meta name="ArticleTitle" content="{escape(doc.shown_title)}">
{pubdate}
<meta name="contentsource" content="{escape(t.source or "")}">
<meta name="keywords" content="">
<meta name="description" content="{escape(doc.shown_title)}">"""

    def article_html(self, doc: ArticleDoc, charset_meta: bool = True) -> str:
        t = doc.truth
        return f"""{self.head(f"{self.label} {t.column} {doc.shown_title}", self.metas(doc), charset_meta)}
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="main"><tr><td>
{self.position(doc.column_id, t.column or "")}
<table width="100%" border="0" cellspacing="0" cellpadding="0" class="article">
<tr><td class="title" align="center"><!--<$[标题名称]>begin-->{escape(doc.shown_title)}<!--<$[标题名称]>end--></td></tr>
<tr><td class="info" align="center">发布日期:{iso_date(doc.published)}&nbsp;&nbsp;&nbsp;信息来源:{escape(t.source or "")}&nbsp;&nbsp;&nbsp;浏览次数:<script language="javascript" src="/module/visitcount/articlehits.jsp?colid={doc.column_id}&artid={doc.doc_id}"></script>&nbsp;&nbsp;&nbsp;字体:[<a href="javascript:doZoom(20)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(12)">小</a>]</td></tr>
<tr><td><div id="zoom"><!--<$[信息内容]>begin-->
{paragraphs_html(doc)}
<!--<$[信息内容]>end--></div>
{attachments_html(doc)}</td></tr>
<tr><td align="right"><a href="javascript:window.print()">【打印本页】</a>&nbsp;<a href="javascript:window.close()">【关闭窗口】</a></td></tr>
</table></td></tr></table>
{self.footer()}"""

    # -- lists --------------------------------------------------------------------------------------
    def record(self, doc: ArticleDoc) -> str:
        title = escape(doc.shown_title)
        return (
            f'<record><![CDATA[<li><a href="{doc.truth.url_path}" title="{title}" target="_blank">'
            f"{title}</a><span>{iso_date(doc.published)}</span></li>]]></record>"
        )

    def nextgroup(self, column_id: str) -> str:
        webname = quote(self.label, encoding="gb18030")
        return (
            f'<nextgroup><![CDATA[<a href="{DATAPROXY}?page=1&appid=1&webid={WEB_ID}&path=/'
            f"&columnid={column_id}&unitid={UNIT_ID}&webname={webname}"
            '&permissiontype=0"></a>]]></nextgroup>'
        )

    def column_html(self, column_id: str, column: str, docs: list[ArticleDoc]) -> str:
        records = "\n".join(self.record(d) for d in docs[:INLINE_RECORDS])
        return f"""{self.head(f"{self.label} {column}")}
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="main"><tr><td>
{self.position(column_id, column)}
<div class="lm-title">{escape(column)}</div>
<div id="{UNIT_ID}"><script type="text/xml"><datastore>
{self.nextgroup(column_id)}
<recordset>
{records}
</recordset>
</datastore></script></div>
<script language="javascript" src="/module/jslib/jquery/jpage/jquery.jpage.js"></script>
<script>
$(document).ready(function(){{
  $("#{UNIT_ID}").jpage({{
    dataStore: $("#{UNIT_ID} datastore"), proxyUrl: "{DATAPROXY}", dataBefore: "<ul class='list'>",
    dataAfter: "</ul>", perPage: {PER_PAGE}, totalRecord: {len(docs)}, groupSize: 3,
    barPosition: "bottom", showMode: "full", isShowPageCount: false
  }});
}});
</script>
</td></tr></table>
{self.footer()}"""

    def dataproxy_xml(self, column_id: str, start: int, end: int, per_page: int) -> str:
        docs = self.sorted_docs(column_id)
        chosen = docs[max(start, 1) - 1 : max(end, 0)]
        total_pages = max(1, -(-len(docs) // max(per_page, 1)))
        records = "\n".join(self.record(d) for d in chosen)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<datastore>\n'
            f"{self.nextgroup(column_id)}\n<totalrecord>{len(docs)}</totalrecord>\n"
            f"<totalpage>{total_pages}</totalpage>\n<recordset>\n{records}\n</recordset>\n</datastore>\n"
        )

    def resolve(self, path: str, query: str) -> Page | None:
        if path != DATAPROXY:
            return super().resolve(path, query)
        params = {k: v[-1] for k, v in parse_qs(query).items()}
        column_id = params.get("columnid", "")
        if column_id not in dict(self.columns):
            return Page(b"<datastore></datastore>", "text/xml; charset=UTF-8", FIRST_DAY)
        with self.lock:
            start, end, per_page = (
                _int(params, key, 0) for key in ("startrecord", "endrecord", "perpage")
            )
            body = self.dataproxy_xml(column_id, start, end, per_page or PER_PAGE).encode()
            newest = self.newest(self.sorted_docs(column_id))
        return Page(body, "text/xml; charset=UTF-8", newest)

    def dataproxy_query(self, column_id: str, start: int) -> str:
        end = start + PER_PAGE - 1
        return f"startrecord={start}&endrecord={end}&perpage={PER_PAGE}&columnid={column_id}"

    def home_html(self) -> str:
        blocks = []
        for cid, name in self.columns:
            items = "".join(
                f'<li><a href="{d.truth.url_path}" target="_blank">{escape(d.shown_title)}</a></li>'
                for d in self.sorted_docs(cid)[:7]
            )
            blocks.append(
                f'<div class="box"><h3><a href="/col/col{cid}/index.html">{escape(name)}</a></h3><ul>{items}</ul></div>'
            )
        return f"{self.head(self.label)}\n{''.join(blocks)}\n{self.footer()}"

    def encode(self, text: str) -> bytes:
        return text.encode("gb18030")

    def render_article(self, doc: ArticleDoc) -> bytes:
        trap = doc.extra.get("encoding_trap")
        if trap == "utf8_declared_gb2312":
            return self.article_html(doc).encode("utf-8")
        if trap == "undeclared_gbk":
            return self.encode(self.article_html(doc, charset_meta=False))
        return self.encode(self.article_html(doc))

    def render(self, pages: dict[str, Page], other: list[OtherPage]) -> None:
        newest = self.newest(self.docs)
        for doc in self.docs:
            pages[doc.truth.url_path] = Page(self.render_article(doc), HTML_TYPE, doc.modified)
        for column_id, column in self.columns:
            docs = self.sorted_docs(column_id)
            path = f"/col/col{column_id}/index.html"
            body = self.encode(self.column_html(column_id, column, docs))
            pages[path] = Page(body, HTML_TYPE, self.newest(docs))
            other.append(OtherPage(path, self.name, "list", column))
            for start in range(INLINE_RECORDS + 1, len(docs) + 1, PER_PAGE):
                query = self.dataproxy_query(column_id, start)
                other.append(OtherPage(f"{DATAPROXY}?{query}", self.name, "dataproxy", column))
        channel = f"{self.head(self.label)}\n{self.position('1450', '')}\n{self.footer()}"
        pages["/col/col1450/index.html"] = Page(self.encode(channel), HTML_TYPE, newest)
        other.append(OtherPage("/col/col1450/index.html", self.name, "list", "新闻动态"))
        home = Page(self.encode(self.home_html()), HTML_TYPE, newest)
        pages["/index.html"] = pages["/"] = home
        other.append(OtherPage("/index.html", self.name, "home"))
        pages["/robots.txt"] = Page(
            b"User-agent: *\nDisallow: /module/visitcount/\n", "text/plain", FIRST_DAY
        )
        other.append(OtherPage("/robots.txt", self.name, "robots"))
        self.add_assets(pages, other)


def _int(params: dict[str, str], key: str, default: int) -> int:
    value = params.get(key, "")
    return int(value) if value.isdigit() else default
