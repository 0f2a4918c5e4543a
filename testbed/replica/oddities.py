"""Sites that should not be trusted: a hijacked TRS government page and a content farm."""

# ruff: noqa: E501 - page templates keep their HTML lines whole, as the real sites have them

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import ClassVar

from testbed.replica.generated import FIRST_DAY, GeneratedSite, iso_date
from testbed.replica.model import ArticleDoc, OtherPage, Page
from testbed.replica.trs import TrsSite

GAMBLING_NAME = "97国际游戏官网"


class HijackedSite(TrsSite):
    """A TRS development-zone site whose templates were rewritten with a gambling site's name."""

    cms = "trs"
    domain = "www.ntkfq-gov.cn"
    columns: ClassVar[list[tuple[str, str]]] = [("xwzx/ztbd", "专题报道")]

    def all_columns(self) -> list[tuple[str, str]]:
        return self.columns

    def start_paths(self) -> list[str]:
        return ["/index.html"]

    def breadcrumbs(self, column: str) -> list[str]:
        return [GAMBLING_NAME, "新闻中心", column]  # the trailing 详情 names the page itself

    def metas(self, doc: ArticleDoc) -> str:
        stamp = f"{doc.published:%Y-%m-%d %H:%M}"
        return super().metas(doc).replace(stamp, iso_date(doc.published))

    def shown_time(self, published: datetime) -> str:
        return iso_date(published)

    def position(self, crumbs: list[tuple[str, str]]) -> str:
        links = " &gt; ".join(f'<a href="{href}">{escape(name)}</a>' for href, name in crumbs[1:])
        return f'<div class="position">当前位置:<a href="/index.html">{GAMBLING_NAME}</a> &gt; {links}&gt;详情</div>'

    def info_line(self, doc: ArticleDoc) -> str:
        return (
            f'<div class="info">{GAMBLING_NAME}:{iso_date(doc.published)} 【字体:'
            '<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> '
            '<a href="javascript:doZoom(14)">小</a>】</div>'
        )

    def render(self, pages: dict[str, Page], other: list[OtherPage]) -> None:
        super().render(pages, other)
        pages.pop("/xxgk/index.html", None)
        pages.pop("/sitemap.xml", None)
        other[:] = [o for o in other if o.url_path not in ("/xxgk/index.html", "/sitemap.xml")]


class ContentFarmSite(GeneratedSite):
    """百纳范文网 style: copies of government texts wrapped in SEO chrome."""

    cms = "farm"
    domain = "www.bainafw.com"
    columns: ClassVar[list[tuple[str, str]]] = [("jianghuagao", "讲话稿")]

    def article_path(self, doc: ArticleDoc) -> str:
        return f"/fanwen/{doc.doc_id}.html"

    def start_paths(self) -> list[str]:
        return [self.docs[0].truth.url_path] if self.docs else ["/index.html"]

    def breadcrumbs(self, column: str) -> list[str]:
        return ["百纳范文网", "专题范文", column]

    def shown_time(self, published: datetime) -> str:
        return published.strftime("%Y-%m-%dT%H:%M:%S+08:00")

    def article_html(self, doc: ArticleDoc) -> str:
        t = doc.truth
        shown = [f"<p>{p}</p>" for p in self.with_marker(doc)]
        tags = " ".join(
            f'<a href="/tag/{i}.html">{w}</a>' for i, w in enumerate(doc.extra.get("tags", []))
        )
        return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{escape(doc.shown_title)}-百纳范文网</title>
<meta name="keywords" content="{escape(doc.shown_title)}"><meta name="description" content="下面是小编为大家整理的{escape(doc.shown_title)},供大家参考。"></head>
<body>
<div class="header"><a href="/index.html">百纳范文网</a> <a href="/jianghuagao/index.html">讲话稿</a> <a href="/fanwen/index.html">工作总结</a></div>
<div class="crumbs">当前位置:<a href="/index.html">百纳范文网</a>&gt;<a href="/jianghuagao/index.html">专题范文</a> &gt; <a href="/jianghuagao/index.html">讲话稿</a> &gt; {escape(doc.shown_title)}</div>
<div class="article">
<h1>{escape(doc.shown_title)}</h1>
<div class="info">时间:{doc.published:%Y-%m-%d %H:%M:%S} 来源:{escape(t.source or "")}</div>
<div class="summary">下面是小编为大家整理的{escape(doc.shown_title)},供大家参考。</div>
<h2 class="art-title">{escape(doc.shown_title)}</h2>
<h3 class="art-subtitle">{escape(doc.extra.get("subtitle", ""))}</h3>
<div class="content" id="article-content" style="max-height:1800px;overflow:hidden">
{"".join(shown)}
</div>
<div class="tags">推荐访问:{tags}</div>
<div class="statement">声明:本网站尊重并保护知识产权,根据《信息网络传播权保护条例》,如果我们转载的作品侵犯了您的权利,请在一个月内通知我们,我们会及时删除。</div>
</div>
<div class="footer">Copyright©2012-2024 百纳范文网版权所有 备案号:<a href="https://beian.miit.gov.cn/">鲁ICP备12014506号-1</a></div>
</body></html>"""

    def with_marker(self, doc: ArticleDoc) -> list[str]:
        """The 当前隐藏内容免费查看 button, inline where the seed page had it."""
        shown = list(doc.shown_paragraphs)
        marker = doc.extra.get("marker")
        if marker:
            index, offset = marker
            button = ' <a href="javascript:;" class="show-hide">当前隐藏内容免费查看</a>'
            shown[index] = shown[index][:offset] + button + shown[index][offset:]
        return shown

    def list_html(self) -> str:
        items = "".join(
            f'<li><a href="{d.truth.url_path}">{escape(d.shown_title)}</a></li>' for d in self.docs
        )
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>讲话稿-百纳范文网</title></head>
<body><ul class="list">{items}</ul><div class="footer">Copyright©2012-2024 百纳范文网版权所有</div></body></html>"""

    def render(self, pages: dict[str, Page], other: list[OtherPage]) -> None:
        for doc in self.docs:
            pages[doc.truth.url_path] = Page(self.article_html(doc).encode(), modified=doc.modified)
        listing = Page(self.list_html().encode(), modified=self.newest(self.docs))
        for path in ("/index.html", "/jianghuagao/index.html", "/fanwen/index.html"):
            pages[path] = listing
            other.append(OtherPage(path, self.name, "list"))
        pages["/"] = listing
        for index, _tag in enumerate(self.docs[0].extra.get("tags", []) if self.docs else []):
            pages[f"/tag/{index}.html"] = listing
            other.append(OtherPage(f"/tag/{index}.html", self.name, "list", "tag"))
        pages["/robots.txt"] = Page(b"User-agent: *\nAllow: /\n", "text/plain", FIRST_DAY)
        other.append(OtherPage("/robots.txt", self.name, "robots"))
