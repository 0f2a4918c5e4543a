"""What the CMS families of Chinese government sites call their parts: body containers,
titles, info lines, breadcrumbs, chrome widgets. XPaths are compiled once, here.

TRS WCM writes the body into `div.TRS_Editor` (often inside `#zoom` / `.pages_content`),
Hanweb (大汉) into `#zoom` or `#UCAP-CONTENT`, VSB (博达) into `.v_news_content` / `#vsb_content`,
WebPlus into `.wp_articlecontent`; many hand-made templates use `#content`, `.article-content`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree
from lxml.cssselect import CSSSelector

# Body containers, most specific first: (kind, value) where kind is "id" or "class".
# The rank decides between several containers found on one page.
BODY_CONTAINERS: tuple[tuple[str, str], ...] = (
    ("id", "UCAP-CONTENT"),
    ("class", "TRS_Editor"),
    ("class", "TRS_UEDITOR"),
    ("class", "v_news_content"),
    ("id", "vsb_content"),
    ("id", "vsb_content_2"),
    ("class", "wp_articlecontent"),
    ("id", "js_content"),
    ("id", "ozoomn"),
    ("id", "zoom"),
    ("id", "Zoom"),
    ("id", "zoomcon"),
    ("class", "zoom"),
    ("class", "pages_content"),
    ("class", "article-content"),
    ("class", "article_content"),
    ("id", "article_content"),
    ("class", "article-body"),
    ("class", "art_con"),
    ("class", "news_content"),
    ("id", "news_content"),
    ("class", "content_text"),
    ("id", "artibody"),
    ("class", "rm_txt_con"),
    ("id", "detail"),
    ("class", "TRS_PreAppend"),
    ("id", "content"),
)
CONTAINER_RANK: dict[tuple[str, str], int] = {key: i for i, key in enumerate(BODY_CONTAINERS)}
CONTAINER_IDS = frozenset(value for kind, value in BODY_CONTAINERS if kind == "id")
CONTAINER_CLASSES = frozenset(value for kind, value in BODY_CONTAINERS if kind == "class")


def _class_test(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# One scan of the document finds every candidate container; ranking happens in Python.
BODY_CONTAINER_CANDIDATES = etree.XPath(
    "//*[" + " or ".join(
        [f"@id='{value}'" for kind, value in BODY_CONTAINERS if kind == "id"]
        + [_class_test(value) for kind, value in BODY_CONTAINERS if kind == "class"]
    ) + "]"
)  # fmt: skip

META_TAGS = etree.XPath("//meta[@content][@name or @property or @itemprop or @http-equiv]")
PAGE_TITLE = etree.XPath("//title")
BASE_HREF = etree.XPath("//base/@href")
# Elements that may carry the article's title: headings and title-classed blocks.
TITLE_CANDIDATES = etree.XPath(
    "//h1 | //h2 | //h3 | //*[self::div or self::p or self::span or self::td or self::strong]"
    "[contains(@class, 'title') or contains(@class, 'Title') or contains(@id, 'title')"
    " or contains(@class, 'tit') or contains(@class, 'headline') or contains(@id, 'Title')]"
)
# Text nodes that label an info line (publication time / source).
INFO_LABEL_TEXTS = etree.XPath(
    "//body//text()[contains(., '发布时间') or contains(., '发布日期') or contains(., '发稿时间')"
    " or contains(., '来源') or contains(., '來源')"
    " or contains(., '时间：') or contains(., '时间:')"
    " or contains(., '日期：') or contains(., '日期:') or contains(., '發布時間')]"
    "[not(ancestor::script)][not(ancestor::style)]"
)
# Text nodes that label a breadcrumb trail.
BREADCRUMB_LABEL_TEXTS = etree.XPath(
    "//body//text()[contains(., '当前位置') or contains(., '您的位置') or contains(., '所在位置')"
    " or contains(., '当前的位置') or contains(., '您现在的位置') or contains(., '現在位置')"
    " or contains(., '目前位置') or contains(., '當前位置')][not(ancestor::script)]"
)
BREADCRUMB_CONTAINERS = etree.XPath(
    "//*[contains(@class, 'crumb') or contains(@class, 'Crumb') or contains(@class, 'position')"
    " or contains(@id, 'position') or contains(@class, 'location') or contains(@id, 'crumb')"
    " or contains(@class, 'dqwz') or contains(@id, 'dqwz') or contains(@class, 'weizhi')]"
)
# 信息公开 disclosure tables begin with 索引号.
DISCLOSURE_LABEL_TEXTS = etree.XPath(
    "//body//text()[contains(., '索引号') or contains(., '索 引 号')][not(ancestor::script)]"
)
ANY_RUBY = etree.XPath("descendant-or-self::ruby[1]")
LINKS = etree.XPath(".//a[@href]")
PARAGRAPHS = etree.XPath("//p | //body//div[not(*) or not(.//div or .//p or .//table)]")
BODY = etree.XPath("//body")

# Elements never part of an article's text.
SKIPPED_TAGS = frozenset(
    {
        "script", "style", "noscript", "rt", "rp", "iframe", "button", "select", "option",
        "input", "textarea", "template", "svg", "object", "embed", "video", "audio", "canvas",
        "map", "head", "title", "meta", "link",
    }
)  # fmt: skip
BLOCK_TAGS = frozenset(
    {
        "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dd",
        "dt", "tr", "table", "tbody", "thead", "tfoot", "section", "article", "blockquote",
        "center", "figure", "figcaption", "pre", "hr", "header", "footer", "main", "aside",
        "nav", "form", "fieldset", "address", "caption",
    }
)  # fmt: skip
CELL_TAGS = frozenset({"td", "th"})

# class/id of widgets inside containers: share bars, print/close buttons, font-size switches,
# QR codes, prev/next links.
CHROME_WIDGET = re.compile(
    r"share|bdshare|jiathis|bshare|print|close|fontsize|font-size|font_size|zihao|qrcode|"
    r"erweima|ewm|toolbar|prev|next|sxp|pagebar|page_bar|related|xgwz|xglj|comment|editor_name|"
    r"bianji|footer|copyright|statement|advert|\bad\b|recommend",
    re.IGNORECASE,
)

ATTACHMENT_EXTENSION = re.compile(
    r"\.(pdf|docx?|xlsx?|pptx?|wps|et|ofd|zip|rar|7z|txt|csv|tif|tiff)(?:$|[?#])", re.IGNORECASE
)


@lru_cache(maxsize=256)
def compile_css(selector: str) -> CSSSelector:
    """A profile's CSS selector, compiled once per process."""
    return CSSSelector(selector)
