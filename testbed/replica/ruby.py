"""Traditional-character county media centre (宜都融媒 style) whose pages annotate pinyin in <ruby>.

List `/news/index.html`, `/news/index_2.html` … with plain links; articles
`/content/post_<id>.html`; UTF-8; `落<ruby>實<rp>(</rp><rt>shí</rt><rp>)</rp></ruby>`.
The truth is simplified (OpenCC t2s) and free of pinyin.
"""

# ruff: noqa: E501 - page templates keep their HTML lines whole, as the real sites have them

from __future__ import annotations

from functools import cache
from html import escape
from typing import ClassVar

import opencc

from testbed.replica.generated import FIRST_DAY, GeneratedSite, attachments_html, paragraphs_html
from testbed.replica.model import ArticleDoc, OtherPage, Page
from testbed.replica.seedtexts import pinyin_readings

PER_PAGE = 12
# Where plain t2s keeps a character that simplified text writes otherwise (著力點 -> 着力点).
T2S_FIXES = {"著力": "着力"}


@cache
def converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_traditional(text: str) -> str:
    return str(converter("s2t").convert(text))


def to_simplified(text: str) -> str:
    simplified = str(converter("t2s").convert(text))
    for kept, meant in T2S_FIXES.items():
        simplified = simplified.replace(kept, meant)
    return simplified


def annotate_ruby(text: str) -> str:
    """Escape `text` and wrap each character with a known reading in ruby markup."""
    readings = pinyin_readings()
    return "".join(
        f"<ruby>{char}<rp>(</rp><rt>{readings[char]}</rt><rp>)</rp></ruby>"
        if char in readings
        else escape(char, quote=False)
        for char in text
    )


class RubySite(GeneratedSite):
    cms = "ruby"
    domain = "www.yidu.gov.cn"
    columns: ClassVar[list[tuple[str, str]]] = [("news", "宜都要聞")]

    def article_path(self, doc: ArticleDoc) -> str:
        return f"/content/post_{doc.doc_id}.html"

    def asset_path(self, doc: ArticleDoc, name: str) -> str:
        return f"/uploads/{doc.published:%Y%m}/{name}"

    def start_paths(self) -> list[str]:
        return ["/news/index.html"]

    def breadcrumbs(self, column: str) -> list[str]:
        return ["首页", "新闻中心", to_simplified(column)]

    def shown_paragraph(self, text: str) -> str:
        return annotate_ruby(text)

    def make_traditional(
        self, title: str, paragraphs: list[str], published: object, source: str, **fields: object
    ) -> ArticleDoc:
        """An article whose page shows `title`/`paragraphs` (traditional) with ruby pinyin."""
        doc = self.make_doc(
            to_simplified(title),
            [to_simplified(p) for p in paragraphs],
            published,  # type: ignore[arg-type]
            "news",
            to_simplified(self.columns[0][1]),
            to_simplified(source),
            traditional=True,
            **fields,
        )
        doc.shown_title = title
        doc.shown_paragraphs = [annotate_ruby(p) for p in paragraphs]
        return doc

    def add_filler(self, published: object) -> ArticleDoc:
        art = self.filler.article(published.year, published.month, published.day)  # type: ignore[attr-defined]
        title = to_traditional(art.title.replace("区", "市"))
        paragraphs = [to_traditional(p.replace("区", "市")) for p in art.paragraphs]
        doc = self.make_traditional(title, paragraphs, published, "宜都融媒")
        self.add_media(doc)
        return doc

    # -- chrome --------------------------------------------------------------------------------------
    def head(self, title: str) -> str:
        return f"""<!DOCTYPE html>
<html lang="zh-Hant">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(title)}</title>
<meta name="keywords" content="宜都,宜都融媒,宜都新聞">
<link rel="stylesheet" href="/static/css/main.css">
</head>
<body>
<header class="site-header"><a class="logo" href="/news/index.html"><img src="/static/img/logo.png" alt="宜都融媒"></a>
<nav><a href="/news/index.html">宜都要聞</a></nav></header>"""

    def footer(self) -> str:
        return """<footer class="site-footer"><p>宜都市融媒體中心 版權所有 未經授權禁止複製或建立鏡像</p>
<p><a href="https://beian.miit.gov.cn/" target="_blank">鄂ICP備2021012345號-1</a> 鄂公網安備 42058102000123號</p></footer>
</body>
</html>"""

    def article_html(self, doc: ArticleDoc) -> str:
        t = doc.truth
        trailer = doc.extra.get("trailer", "")
        trailer_html = f'<p class="editor">{escape(trailer)}</p>' if trailer else ""
        return f"""{self.head(f"{doc.shown_title} - 宜都融媒")}
<div class="container">
<div class="crumb">當前位置:<a href="/news/index.html">首頁</a> &gt; <a href="/news/index.html">新聞中心</a> &gt; <a href="/news/index.html">宜都要聞</a></div>
<article class="article">
<h1 class="article-title">{escape(doc.shown_title)}</h1>
<div class="article-meta"><span>發佈時間:{doc.published:%Y-%m-%d %H:%M}</span><span>來源:{escape(to_traditional(t.source or ""))}</span><span class="font">字號:<a href="javascript:;">大</a> <a href="javascript:;">中</a> <a href="javascript:;">小</a></span></div>
<div class="article-content">
{paragraphs_html(doc, caption_class="img-caption")}
{trailer_html}
</div>
{attachments_html(doc)}
<div class="share">分享到:<a href="javascript:;" class="wx">微信</a><a href="javascript:;" class="wb">微博</a></div>
</article>
</div>
{self.footer()}"""

    def list_path(self, page: int) -> str:
        return "/news/index.html" if page == 1 else f"/news/index_{page}.html"

    def list_html(self, docs: list[ArticleDoc], page: int, count: int) -> str:
        items = "\n".join(
            f'<li><a href="/content/post_{d.doc_id}.html">{escape(d.shown_title)}</a>'
            f"<time>{d.published:%Y-%m-%d}</time></li>"
            for d in docs
        )
        pager = " ".join(
            f'<a href="{self.list_path(n)}"{" class=active" if n == page else ""}>{n}</a>'
            for n in range(1, count + 1)
        )
        if page < count:
            pager += f' <a href="{self.list_path(page + 1)}">下一頁</a>'
        return f"""{self.head("宜都要聞 - 宜都融媒")}
<div class="container"><ul class="news-list">
{items}
</ul><div class="pagination">{pager}</div></div>
{self.footer()}"""

    def render(self, pages: dict[str, Page], other: list[OtherPage]) -> None:
        for doc in self.docs:
            pages[doc.truth.url_path] = Page(self.article_html(doc).encode(), modified=doc.modified)
        docs = self.sorted_docs()
        count = max(1, -(-len(docs) // PER_PAGE))
        for page in range(1, count + 1):
            chunk = docs[(page - 1) * PER_PAGE : page * PER_PAGE]
            path = self.list_path(page)
            pages[path] = Page(
                self.list_html(chunk, page, count).encode(), modified=self.newest(chunk)
            )
            other.append(OtherPage(path, self.name, "list", f"page {page}/{count}"))
        pages["/"] = pages["/news/index.html"]
        pages["/robots.txt"] = Page(b"User-agent: *\nDisallow:\n", "text/plain", FIRST_DAY)
        other.append(OtherPage("/robots.txt", self.name, "robots"))
        self.add_assets(pages, other)
