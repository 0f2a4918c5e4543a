"""Article metadata from the page itself: government meta tags, title, the info line
(发布时间 / 来源), breadcrumbs, images, attachments and the 信息公开 disclosure table.

Pure functions over an lxml tree; nothing here modifies the tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from crawler.page import cms
from crawler.page import vocabulary as vocab
from crawler.page.bylines import take_trailer_byline
from crawler.page.dates import (
    BARE_DATE,
    EVENT_TIME_LABEL,
    OTHER_DATE_LABEL,
    RELATED_HEADING,
    STAMP,
    find_dates,
    is_today_widget,
    parse_date,
)

HtmlElement = Any  # lxml.html.HtmlElement; lxml ships no precise stubs

_SPACES = re.compile(r"\s+")
# Title suffixes such as `_南通开发区` or ` - 人民网`.
_MARKUP = re.compile(r"<[^<>]*>")
_SUBTITLE_DASH = re.compile(r"^(?:——|—|--|－－)")
_TITLE_SEPARATORS = re.compile(r"\s*(?:[_|｜]|--|——|\s[-–—»›]\s)\s*")
# the same, and a dash spaced on one side only (`凯里市人民政府-   凯里市教育系统…`)
_DOMAIN = re.compile(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?", re.IGNORECASE)
_TITLE_JOINS = re.compile(r"\s*(?:[_|｜]|--|——)\s*|\s*[-–—»›]\s+|\s+[-–—»›]\s*")
_DATE_IN_TEXT = re.compile(
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|(?:19|20)\d{2}[01]\d[0-3]\d"
)
# (a source label and its value apart by spaces alone, `来源 新华社`, as info lines set without
# colons write them; not 原创 and 出处, which open other words so)
_SPACED_SOURCE_LABELS = tuple(
    w
    for w in vocab.SOURCE_LABELS
    if w not in ("原创", "出处", "供稿")  # `李阳供稿 党政办编辑`
)
# a label a sentence quotes (`转载须注明“稿件来源：某某网”`, a reprint notice), not a field
_CJK = r"[\u3400-\u9fff]"
_UNQUOTED = "".join(rf"(?<![“「『\x22]{_CJK * n})" for n in range(3))
SOURCE_LABEL = (
    rf"(?:(?:{vocab.one_of(vocab.SOURCE_LABELS)})\s*[:：]"
    rf"|{vocab.set_apart(_SPACED_SOURCE_LABELS)})"
)
_SOURCE_VALUE = re.compile(
    # (the lookahead first: the lookbehinds are then tried only where a label may start)
    rf"{vocab.starting(vocab.SOURCE_LABELS)}(?<!图片)(?<!圖片)(?<!图){_UNQUOTED}{SOURCE_LABEL}"
    r"\s*+[【\[［]?\s*+"
    # an empty field: the next label right after it (`来源：  发布日期: 2024-01-29`), or the
    # line's date (`稿源：  2004-08-11 12:51:55`)
    rf"(?!(?:{vocab.one_of(vocab.INFO_LABELS)})\s*[:：]|发布|(?:19|20)\d{{2}}[-/.年])"
    r"(?P<source>.+?)"
    r"(?=[】\]］|]|\s{2,}|\s+(?:19|20)\d{2}|(?:19|20)\d{2}[-/.年]\d|\s+[\u3400-\u9fff]{2,6}\s*[:：]"
    # the next label, run into the value (a table's cells with no space between them)
    rf"|\s*(?:{vocab.one_of((*vocab.INFO_LABELS, *vocab.RECORD_FIELD_NAMES))})\s*[:：]"
    r"|\s+(?:文|图|圖|摄影|攝影|编辑|編輯)\s*[/／|｜]"  # a byline after it: `区融媒体中心 文/张三`
    # the font-size switch's words right after it, unlabelled: `来源：国家能源局 大中小`
    r"|\s*[【\[［(（]?\s*大\s*中\s*小(?![\u3400-\u9fff])"
    r"|\s*(?:发布|时间|日期|作者|撰稿|浏览|点击|阅读|字号|"
    r"字体|【|编辑|责任编辑|访问|次数|分享|打印|下载|选择|举报|调整|纠错|收藏|网友评论|(?:查看|发表|参与|我要)?评论|$))"
)
# `作者： 赵婕`: an author label with a name after it (a line that names its author, undated)
_AUTHOR_VALUE = re.compile(
    rf"(?:{vocab.one_of(vocab.AUTHOR_LABELS)})\s*[:：]\s*[\u3400-\u9fff]"
    rf"|{vocab.set_apart(vocab.AUTHOR_LABELS)}[\u3400-\u9fff]"
)
_MARKUP_FRAGMENT = re.compile(r"[<>]|[\w-]+\s*=\s*[\"']")
_BREADCRUMB_LABEL = re.compile(
    rf"^.*?(?:{vocab.one_of(vocab.BREADCRUMB_LABELS)})\s*(?:是)?\s*[:：]?\s*"
)
_BREADCRUMB_SEPARATOR = re.compile(r"\s*(?:-*>>?|＞|»|›|/|→|\\)\s*|\s{2,}")
_BREADCRUMB_TAIL = frozenset(vocab.BREADCRUMB_PLACEHOLDERS)
# Joins a trail's pieces where links stand side by side with no separator between them.
_TRAIL_JOINT = " > "
_TRAIL_MARKS = " |｜-－—–>＞»›/·"  # separators a trail's piece may carry at its ends
# `<a href="./P0202210.pdf">附件1</a>` inside a script string (TRS appendix lists).
_SCRIPT_ATTACHMENT = re.compile(
    r"""href\s*=\s*\\?["'](?P<href>[^"'\\\s>]+?\."""
    rf"""(?:{vocab.one_of(vocab.DOCUMENT_EXTENSIONS + vocab.ARCHIVE_EXTENSIONS)}))"""
    r"""\\?["'][^>]*>(?P<title>[^<]*)<""",
    re.IGNORECASE,
)

DISCLOSURE_FIELDS: dict[str, str] = {
    "索引号": "index_no",
    "索取号": "index_no",
    "信息索引": "index_no",
    "文件编号": "doc_no",
    "发布机构": "publisher",
    "发文机关": "publisher",
    "发文机构": "publisher",
    "发布单位": "publisher",
    "文号": "doc_no",
    "发文字号": "doc_no",
    "主题分类": "topic",
    "分类": "topic",
    "主题词": "topic",
    "成文日期": "written_at",
    "发文日期": "written_at",
    "生成日期": "written_at",
    "发布日期": "published_at",
}
_OWN_FIELDS = ("index_no", "doc_no", "publisher")  # what only a disclosure table names
# the names of those fields, found in a line's text (spaced or not)
_OWN_FIELD_NAMES = re.compile(
    "|".join(r"\s*".join(name) for name, field in DISCLOSURE_FIELDS.items() if field in _OWN_FIELDS)
)
# any field's name, spaced or not, with its colon; longer names first (`主题分类`, not `分类`)
_DISCLOSURE_LABEL = re.compile(
    "("
    + "|".join(r"\s*".join(name) for name in sorted(DISCLOSURE_FIELDS, key=len, reverse=True))
    + r")\s*[:：]?\s*"
)
_TRAILING_STAMP = re.compile(rf"\s+{STAMP}$")
_DASHES = re.compile(r"[-－—–]+")
# the name a server stores a file under: a hash, or a long number (TRS's `P0…`)
_STORED_FILE_NAME = re.compile(r"(?:[0-9a-fA-F]{16,}|[A-Z]?\d{10,}(?:_\d+)?)\.[A-Za-z0-9]{2,5}")
# the names of a date's field or a disclosure table's, which a headline never holds
_FIELD_NAME = re.compile(vocab.one_of((*vocab.PUBLISHED_LABELS, *DISCLOSURE_FIELDS)))
_FIELD_LABEL = re.compile(rf"(?:{_FIELD_NAME.pattern})[:：]")
_HEADER_FIELDS = 3  # cells of a disclosure table's row of field names
_ROW_LEVELS = 3  # ancestors of a date block or a label looked at for the list item it is in
_ROW_HEADLINE_CHARS = 6  # a link's text long enough to be a list row's headline
_BEFORE_LEVELS = 5  # an info line's cell, its row, its table, the cell and the row holding it
_TABLE_PARTS = frozenset({"td", "th", "tr", "tbody", "thead", "table"})
_SITE_NAMES = (*vocab.SITE_NAME_ENDINGS, "人民政府")
_TITLE_TRAIL = re.compile(r"\s*(?:>>|>|＞|»|›)\s*")  # `世艺网>艺术教育`
_COLUMN_NAME_CHARS = 8
_TITLE_TRAIL_FROM_HOME = re.compile(
    rf"^\s*(?:{vocab.one_of(vocab.BREADCRUMB_HOME_LABELS)})\s*(?:>>|>|＞|»|›)"
)
_MENU_CELLS = frozenset(("td", "th", "li"))
_MENU_LINKS = 3  # linked cells beside a cell that make its row a menu
_NEXT_ROW = etree.XPath("following::tr[1]")
_PREVIOUS_ROW = etree.XPath("preceding::tr[1]")
_MIN_TITLE_CHARS = 4
# a headline the page's position alone vouches for: longer than a section's label (`友情链接`)
_MIN_HEADLINE_CHARS = 6
_MAX_TITLE_CHARS = 120
# words wholly in brackets: an aside (`（原标题：…）`), not a headline
_ASIDE = re.compile(r"[（(].*[）)]")
# an info line opening with the date and time, then words before a space or its end: the
# outlet, as portals set it unlabelled (`2024年05月10日 00:26 每日经济新闻 举报`)
_DATE_THEN_WORDS = re.compile(
    r"^\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?"
    r"\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s+(?P<words>[\u3400-\u9fff]{2,12})(?=\s|$)"
)
_OUTLET_END = re.compile(
    r"(?:网|網|报|報|社|台|刊|新闻|新聞|科技|财经|財經|传媒|傳媒|媒体|媒體|中心|频道|頻道|发布|發布|"
    r"政府|客户端|杂志|雜誌|在线|在線)$"
)
_NOT_AN_OUTLET = re.compile(r"^(?:星期|周[一二三四五六日天]|礼拜|今天|昨天|农历|上午|下午)|[:：]")
_BUTTON_WORDS = frozenset(vocab.BUTTON_LABELS + vocab.FONT_SIZE_LABELS + vocab.PAGER_LABELS)
_MAX_SITE_NAME_CHARS = 24
_COMMENT_LINKS = frozenset(vocab.COMMENT_HEADINGS)  # `发表评论` after an info line's source
_BYLINE_ROLE = re.compile(r"记者|記者|通讯员|通訊員")
_CLAUSE = re.compile(r"[，,：:！!？?|｜]")
_AUTHOR_LINE_CHARS = 80  # an undated author line longer than this is prose or a list
_SOURCE_LINE_CHARS = 80  # a line giving the source alone is short
_SOURCE_ELEMENTS_READ = 3
_MIN_SOURCE_CHARS, _MAX_SOURCE_CHARS = 2, 24
_NOT_A_SOURCE = re.compile(r"[:：|｜。，,!！?？#]|\d{2,}|^(?:来源|來源|出处|原文|原标题)")
_MIN_NAMED_TITLE_CHARS = 6  # a class-named title block holding less is a section label
_LINKED = ".//a[@href] | ancestor::a"
# A heading set by hand in an old table layout (`<td align=center><b><font size=4>…`).
_TEXT_BEFORE = etree.XPath(
    "preceding::text()[normalize-space()][not(parent::script or parent::style)]"
)
_HEADING_SEARCH_NODES = 30
_MAX_HEADING_CHARS = 80
_HEADING_STYLE_LEVELS = 3
_STYLE_MARKS = (
    ("center", re.compile(r"text-align\s*:\s*center", re.IGNORECASE)),
    ("bold", re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)),
    ("large", re.compile(r"font-size\s*:\s*(?:1[6-9]|[2-4]\d)px", re.IGNORECASE)),
)
_HEADING_TAGS = frozenset({"b", "strong", "center", "th", "h1", "h2", "h3", "h4", "h5", "h6"})
_LARGE_FONT_SIZE = re.compile(r"^\s*(?:\+\d|[4-7])")
_HEADING_STYLE = re.compile(
    r"font-weight\s*:\s*(?:bold|[6-9]00)|text-align\s*:\s*center|font-size\s*:\s*(?:1[6-9]|[2-4]\d)px",
    re.IGNORECASE,
)
_COLON = re.compile(r"([:：])")
_LABEL_ALONE = re.compile(r"^[\u3400-\u9fff]{1,4}\s*[:：]\s*$")
# a block holding the headline and its info line (`…BB机送终IT之家发布时间：09-30`): no title
_LABEL_ENDS = ("：", ":")
_INFO_LABEL_IN_TITLE = re.compile(
    rf"(?:{vocab.one_of(vocab.PUBLISHED_LABELS + vocab.SOURCE_LABELS + vocab.EDITOR_LABELS)})"
    rf"\s*[:：]|(?:{vocab.one_of(vocab.PUBLISHED_LABELS)}){vocab.APART}\d"
)
# `首页 - 新闻动态`: a trail from the home page set as a heading, not a headline
_TRAIL_FROM_HOME = re.compile(
    rf"^\s*(?:{vocab.one_of(vocab.BREADCRUMB_HOME_LABELS)})\s*(?:[-–—>＞»›/|｜→]|&gt;)"
)
# the heading of what a page sets after an article (`相关搜索`, `推荐阅读：`): never its title
SECTION_HEADING = re.compile(
    rf"^[【\[]?(?:{vocab.one_of(vocab.SECTION_HEADINGS)})[】\]]?(?:\s|$|[:：(（>»›])"
)
_COLUMN_HEADING = re.compile(rf"[【\[]?(?:{vocab.one_of(vocab.COLUMN_HEADINGS)})[】\]]?")
# a comment section's heading, which may quote the title (`《…》已有1件评论`): never the title
_COMMENTS_HEADING = re.compile(
    rf"{vocab.COMMENT_COUNT.pattern}|^(?:{vocab.one_of(vocab.COMMENT_HEADINGS)})"
)
_URL_TEXT = re.compile(r"://|^www\.", re.IGNORECASE)
# a label opening a line (`来源：`, `作者：`): an info line, not a heading joined by a colon
_LABEL_HEAD = re.compile(rf"^(?:{vocab.one_of(vocab.INFO_LABELS + vocab.BREADCRUMB_LABELS)})$")
# A sentence's end, a label's colon or a bracket of page chrome: not a heading.
_NOT_A_HEADING = re.compile(r"[。！；:：|【】\[\]]|[.!]$")
# a reprint's kicker opening a headline (`【人民日报】中国福彩33年筹措公益资金超6500亿`): the
# headline's, where a widget's brackets (`【打印】【关闭】`) are never followed by one
_KICKER = re.compile(r"^【[^【】]{1,10}】(?=[^【】]{4})")
# a document number's year in brackets (`余政储出【2017】14号`): a title's, not a widget's
_BRACKETED_YEAR = re.compile(r"[【\[［〔](?:19|20)\d{2}[】\]］〕]")
# a heading says something in words: not a bare count or number (`1575` clicks)
_WORD_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z]")
_BARE_DASH = re.compile(r"(?<=\S)[-－—](?=\S)")
_TITLE_TAG_SCORE = {"h1": 300.0, "h2": 200.0, "h3": 100.0}
_ECHOED_SCORE = 900.0  # a heading <title> echoes scores above any tag's score
# A heading inside these is the site's banner, not the article's title.
_PAGE_HEADER_NAME = re.compile("|".join(vocab.PAGE_HEADER_NAMES))
# The element showing a title found only in <title> / og:title (pages with unmarked headings).
_HIDDEN_LEVELS = 4
# (not only under <body>: a broken page's content may stand beside it)
_TEXT_HOLDING = etree.XPath(
    "/descendant::text()[contains(., $opening)][not(parent::title or parent::script)]"
)
# a gap between Chinese characters, or between one and a digit, left by a line break
_CJK_GAP = re.compile(
    r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff0-9])|(?<=[0-9])\s+(?=[\u3400-\u9fff])"
)
# (a <title> a template repeats inside <body> shows nothing)
_ELEMENT_WITH_TEXT = etree.XPath(
    "//body/descendant::*[normalize-space(text()) = $text][not(self::title or self::script)]"
)
_INVISIBLE_TEXT_PARENTS = frozenset({"script", "style", "rt", "rp"})
# Small elements (titles, links, info lines, breadcrumb rows) are read by a Python walk: an XPath
# call's fixed cost is several times the walk; large ones by the XPath.
_PYTHON_WALK_CHILDREN = 8
# Plain strings: smart strings would make a proxy for every text node's parent (slow).
_VISIBLE_TEXT = etree.XPath(
    "descendant-or-self::text()[not(parent::script or parent::style or parent::rt or parent::rp)]",
    smart_strings=False,
)


def clean_space(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


def text_of(element: HtmlElement) -> str:
    """Visible text of an element, whitespace collapsed (scripts and styles skipped)."""
    if len(element) > _PYTHON_WALK_CHILDREN:
        return clean_space("".join(_VISIBLE_TEXT(element)))
    parts: list[str] = []
    _collect_visible_text(element, parts)
    return clean_space("".join(parts))


def _collect_visible_text(element: HtmlElement, parts: list[str]) -> None:
    """What `_VISIBLE_TEXT` selects, in document order: a node's text and its children's tails
    are its own text nodes, hidden when it is a script, style or ruby annotation."""
    visible = element.tag not in _INVISIBLE_TEXT_PARENTS
    if visible and element.text:
        parts.append(element.text)
    for child in element:
        if isinstance(child.tag, str):  # comments and processing instructions hold no text()
            _collect_visible_text(child, parts)
        if visible and child.tail:
            parts.append(child.tail)


def shown_text(element: HtmlElement) -> str:
    """`text_of` a line, without what an inline style hides in it (a `我有话要说` link set
    `display: none` beside an info line's source)."""
    if len(element) > _PYTHON_WALK_CHILDREN or not any(
        cms.styled_hidden(e) for e in element.iterdescendants()
    ):
        return text_of(element)
    parts: list[str] = []
    _collect_shown_text(element, parts)
    return clean_space("".join(parts))


def _collect_shown_text(element: HtmlElement, parts: list[str]) -> None:
    visible = element.tag not in _INVISIBLE_TEXT_PARENTS
    if visible and element.text:
        parts.append(element.text)
    for child in element:
        if isinstance(child.tag, str) and not cms.styled_hidden(child):
            _collect_shown_text(child, parts)
        if visible and child.tail:
            parts.append(child.tail)


def _head_elements(root: HtmlElement, tag: str) -> list[HtmlElement]:
    """Children of <head> with this tag (one short loop), else a search of the whole page
    (broken pages leave meta tags in the body)."""
    head = next(root.iterchildren("head"), None)
    found = list(head.iterchildren(tag)) if head is not None else []
    # `iter` finds what `//tag` would, in document order, without an XPath evaluation's
    # fixed cost (about ten times the whole search on a typical page).
    return found or list(root.getroottree().getroot().iter(tag))


def read_meta_tags(root: HtmlElement) -> dict[str, str]:
    """`<meta name|property=… content=…>` by lower-cased name; the first occurrence wins. A
    head cut short (a `<div>` around some of its tags ends it for the parser, and the rest,
    `<title>` too, lands in the body) is read with the tags that landed in the body."""
    tags: dict[str, str] = {}
    metas = _head_elements(root, "meta")
    head = next(root.iterchildren("head"), None)
    if head is not None and metas and next(head.iterchildren("title"), None) is None:
        metas = list(root.getroottree().getroot().iter("meta"))
    for meta in metas:
        key = (
            meta.get("name") or meta.get("property") or meta.get("itemprop") or ""
        ).strip().lower()  # fmt: skip
        if key and key not in tags and (content := clean_space(meta.get("content"))):
            tags[key] = content
    return tags


def page_title(root: HtmlElement) -> str:
    titles = _head_elements(root, "title")
    return text_of(titles[0]) if titles else ""


def find_title(scan: cms.PageScan, meta: dict[str, str], title_tag: str) -> tuple[str | None, Any]:
    """The article title and the element holding it (None when it came from a tag)."""
    site_name = meta.get("sitename") or meta.get("og:site_name")
    if meta.get("articletitle") and (title := _meta_title(meta["articletitle"])):
        element = _element_with_text(scan.titles, title)
        if element is None and scan.root is not None:
            shown = _shown_part(scan.root, title, site_name)
            if shown is not None:
                return shown
        return title, element
    best: tuple[float, str, Any] | None = None
    for element in scan.titles:
        text, element = _without_info_apart(element, _without_date_apart(element, text_of(element)))
        score = _title_score(text, element, title_tag, site_name)
        if score > 0 and (best is None or score > best[0]) and not is_hidden(element):
            best = (score, text, element)  # never a hidden copy (a share widget's, an SEO block's)
    if best:
        if best[0] < _ECHOED_SCORE and best[2].xpath(_LINKED) and scan.root is not None:
            # a heading that links elsewhere (a sidebar tab's `<h1><a href=…>` teaser) gives way
            # to the headline opening <title>, where the page shows it whole and unlinked
            shown = _shown_unlinked(scan.root, title_tag)
            if shown is not None:
                return shown
        return best[1], best[2]
    core = strip_title_suffix(title_tag)
    fallback = _cut_short_by_a_quote(meta.get("og:title"), core) or core
    if not fallback:
        return None, None
    if scan.root is None:
        return fallback, None
    found = _ELEMENT_WITH_TEXT(scan.root, text=fallback)
    if found:
        return fallback, found[0]
    if (shown_in_lines := _shown_in_lines(scan.root, fallback)) is not None:
        return shown_in_lines
    # `中华人民共和国监察法-纪检`: a site joined by a bare hyphen, which titles also hold
    # (`COVID-19`); the part before it counts only when the page shows it on its own
    # (`…扩大内需战略 -中新网`: spaced on one side only, likewise)
    cuts = {m.start() for m in (*_BARE_DASH.finditer(fallback), *_TITLE_JOINS.finditer(fallback))}
    for cut in sorted(cuts, reverse=True):
        head = fallback[:cut].strip()
        heads = _ELEMENT_WITH_TEXT(scan.root, text=head) if len(head) >= _MIN_TITLE_CHARS else []
        if heads and not heads[0].xpath(_LINKED):  # not a link: a forum's board in its trail
            return head, heads[0]
        if not heads and (shown := _shown_in_lines(scan.root, head)) is not None:
            return shown  # `…动能增强——前4个月…`, which <title> writes `…动能增强-前4个月…`
    # `CCTV.com-变性人首先要尊重自己…`: the site's name first, the headline after it, which the
    # page shows whole and unlinked
    if cuts and len(site := fallback[: min(cuts)].strip()) <= _MAX_SITE_NAME_CHARS:
        after = _TITLE_JOINS.match(fallback, min(cuts)) or _BARE_DASH.match(fallback, min(cuts))
        tail = fallback[after.end() :].strip() if after else ""
        if len(tail) > max(len(site), _COLUMN_NAME_CHARS) and (
            shown := _shown_unlinked(scan.root, tail)
        ):
            return shown
    # <title> names only the site (`北医新闻网_(新闻)`), and the page does not show it: the
    # element the page names a title (`<td class=bt_title>`), when it reads like a headline
    named = _named_title(scan, site_name)
    if named is not None:
        return text_of(named), named
    return fallback, None


def _shown_unlinked(root: HtmlElement, title: str) -> tuple[str, Any] | None:
    """The part opening `title` (<title>'s headline before its site's name, or the part after
    a site's name opening it), longer than a column's name, where the page shows it whole, in
    no link and not hidden."""
    core = next((p for p in _TITLE_SEPARATORS.split(title.strip()) if p), "")
    if len(core) <= _COLUMN_NAME_CHARS or names_a_site(core):  # a column's name (`工作动态`)
        return None
    for element in _ELEMENT_WITH_TEXT(root, text=core):
        if not element.xpath(_LINKED) and not is_hidden(element):
            return core, element
    shown = _shown_in_lines(root, core)  # padded (`…尊重你&nbsp;`)
    if shown is None or text_of(shown[1]) != core:
        return None
    return None if shown[1].xpath(_LINKED) or is_hidden(shown[1]) else (core, shown[1])


def _cut_short_by_a_quote(value: str | None, core: str) -> str | None:
    """A meta tag's title, or <title>'s `core` (its site's name cut) when the value is its
    opening up to a quotation mark: the page wrote the headline's quotes into the attribute
    unescaped (`content="…写"救命啊"纸团…"` ends at `写`)."""
    if not value:
        return value
    if core.startswith(value) and core[len(value) : len(value) + 1] in ('"', "'"):
        return core
    return value


def names_a_site(title: str | None) -> bool:
    """A title that is a site's or a government's name alone (`北京市西城区人民政府`,
    `某某市人民政府门户网站`), or a trail from it to a column (`世艺网>艺术教育`), as
    templates that know no headline leave <title>."""
    if title is None:
        return False
    parts = [p for p in _TITLE_TRAIL.split(title.strip()) if p]
    if len(parts) < 2:
        return title.strip().endswith(_SITE_NAMES)
    site = parts[0]  # a trail's first step: a site's name, a short one ending in 网 too
    return (
        site.endswith(_SITE_NAMES) or (len(site) <= _COLUMN_NAME_CHARS and site[-1] == "网")
    ) and all(len(p) <= _COLUMN_NAME_CHARS for p in parts[1:])


def _without_date_apart(element: HtmlElement, text: str) -> str:
    """A heading that sets its date apart at its end, in an element of its own
    (`<h2>…的通知 <small>( 2024-05-11)</small></h2>`): its words without the date."""
    if not len(element):
        return text
    last = element[-1]
    if (last.tail or "").strip():
        return text
    stamp = text_of(last)
    if stamp and text.endswith(stamp) and BARE_DATE.fullmatch(stamp):
        return text[: -len(stamp)].rstrip()
    return text


def _without_info_apart(element: HtmlElement, text: str) -> tuple[str, HtmlElement]:
    """A title block that holds the headline and, after it, its info line (`<div
    class=text-title><h1>…</h1><div class=article-info>2024-05-13 06:15 发布于：北京市</div>`,
    the heading tag or not): the headline, its first part, and the element holding it."""
    if not len(element) or not _DATE_IN_TEXT.search(text):
        return text, element
    lead = clean_space(element.text or "")
    first = next(element.iterchildren(etree.Element), None)
    head, holder = (lead, element) if lead or first is None else (text_of(first), first)
    if head and text.startswith(head) and len(head) < len(text) and _marked_headline(head):
        return head, holder
    return text, element


def _shown_part(
    root: HtmlElement, title: str, site_name: str | None
) -> tuple[str, HtmlElement] | None:
    """`保定市人民政府网——保定市统筹推动…`: a title field that joins the site's name to the
    headline, which the page shows alone; the longest part shown on its own, never the site's
    name."""
    parts = [p for p in _TITLE_SEPARATORS.split(title) if len(p) >= _MIN_TITLE_CHARS]
    if len(parts) < 2:
        return None
    for part in sorted(parts, key=len, reverse=True):
        if part != site_name and (shown := _ELEMENT_WITH_TEXT(root, text=part)):
            return part, shown[0]
    return None


def shown_title_part(
    root: HtmlElement, title_tag: str, site_name: str | None
) -> tuple[str, HtmlElement] | None:
    """The longest part of a <title> joining the site's name to the headline (`凯里市人民政府-
    凯里市教育系统…实施方案`), when an element of the page shows it whole and is no link: the
    headline, whatever heading elements the page holds."""
    parts = [p.strip() for p in _TITLE_JOINS.split(title_tag)]
    parts = [p for p in parts if len(p) >= _MIN_HEADLINE_CHARS]
    if len(parts) < 2:
        return None
    if any(_DOMAIN.fullmatch(part) for part in parts):
        return None  # `某某门户网站 - www.example.gov.cn`: the site's name and address alone
    return _shown_longest_part(root, parts, site_name)


def shown_dashed_part(
    root: HtmlElement, title_tag: str, site_name: str | None
) -> tuple[str, HtmlElement] | None:
    """A <title> joining the headline to its column and site by bare dashes (`“跨性别”给奥林匹克
    出了道难题-新闻中心-中国宁波网`): its longest part, when an element shows it whole and is
    no link (a headline holding a dash itself, `2021-2025年…`, is shown by none)."""
    parts = [p.strip() for p in _BARE_DASH.split(title_tag)]
    if len(parts) < 2 or len(longest := max(parts, key=len)) < _MIN_HEADLINE_CHARS:
        return None
    return None if names_a_site(longest) else _shown_longest_part(root, parts, site_name)


def _shown_longest_part(
    root: HtmlElement, parts: list[str], site_name: str | None
) -> tuple[str, HtmlElement] | None:
    """The longest of a <title>'s parts and the element showing it whole, in no link; never
    the site's name."""
    longest = max(parts, key=len)
    if longest == site_name or longest.endswith(vocab.SITE_NAME_ENDINGS):
        return None
    for element in _ELEMENT_WITH_TEXT(root, text=longest):
        if element.tag != "a" and next(element.iterancestors("a"), None) is None:
            return longest, element
    return None


def shown_whole_title(
    root: HtmlElement, title_tag: str, site_name: str | None
) -> tuple[str, HtmlElement] | None:
    """A <title> that joins nothing to the headline, shown whole by an element that is no
    link (`<td>理解包容跨性別青少年-以關心陪伴開拓自信人生</td>` under `<h2>焦點新聞</h2>`,
    the column's name): the headline; never the site's name."""
    whole = title_tag.strip()
    if (
        len(whole) < _MIN_HEADLINE_CHARS
        or len(_TITLE_JOINS.split(whole)) > 1
        or whole == site_name
        or names_a_site(whole)
    ):
        return None
    for element in _ELEMENT_WITH_TEXT(root, text=whole):
        if next(element.iterancestors("a"), None) is None and not is_hidden(element):
            return whole, element
    return None


def is_hidden(element: HtmlElement) -> bool:
    """Hidden by its own style or a near ancestor's (an SEO block: `<div style="display:none">
    … <h2>…</h2>`)."""
    for node in (element, *islice(element.iterancestors(), _HIDDEN_LEVELS)):
        if cms.styled_hidden(node):
            return True
    return False


def _shown_in_lines(root: HtmlElement, title: str) -> tuple[str, Any] | None:
    """`…调整2007　年末…` in <title>, which the page shows spaced otherwise, in lines (the body's
    bold opening, `…委员会<br>关于…<br>调整2007年末…`), or with other dashes (`_squeezed`): the
    page's text, the gaps its lines leave between Chinese characters closed up."""
    squeezed = _squeezed(title)
    if len(squeezed) < _MIN_TITLE_CHARS:
        return None
    opening = _SPACES.sub("", title)[: _MIN_TITLE_CHARS * 2]
    opening = _DASHES.split(opening)[0] or opening  # up to a dash, which the page may write so
    for node in _TEXT_HOLDING(root, opening=opening)[:3]:
        element = node.getparent()
        for _ in range(3):
            if element is None:
                break
            text = text_of(element)
            if _squeezed(text) == squeezed and not is_hidden(element):
                return _CJK_GAP.sub("", text), element
            if len(text) > 2 * len(title):
                break
            element = element.getparent()
    return None


def _squeezed(text: str) -> str:
    """Text without its spaces, any run of dashes one hyphen: a <title> writes `-` where the page
    shows `——`."""
    return _DASHES.sub("-", _SPACES.sub("", text))


def _named_title(scan: cms.PageScan, site_name: str | None) -> Any:
    """The first element whose class or id names it a title and that reads like a headline:
    words, no link, not in the page's header."""
    for element in scan.titles:
        if element.tag in _TITLE_TAG_SCORE or element.tag == "a" or element.xpath(_LINKED):
            continue
        text = text_of(element)
        if (
            _MIN_NAMED_TITLE_CHARS <= len(text) <= _MAX_HEADING_CHARS
            and text != site_name
            and _reads_like_heading(text.rstrip("！!"))  # `…出圈的“地气”和“底气”!`
            and not _TRAIL_FROM_HOME.match(text)  # `首页 - 新闻动态`, a trail in a title's block
            and not _in_page_header(element)
            # `div.related-title`: the heading of a box beside the article (`TA的热门作品`)
            and not cms.is_aside_name(f"{element.get('id') or ''} {element.get('class') or ''}")
        ):
            return element
    return None


def headline_above_text(
    root: HtmlElement, scan: cms.PageScan, first: HtmlElement, current: HtmlElement | None
) -> tuple[str, HtmlElement] | None:
    """The heading or title-named element nearest before the text's first paragraph that reads
    like a headline (never a link, the page's banner or a hidden copy), in place of a title
    nothing vouches for: `<title>某某市人民政府</title>` and a sidebar's `<h3>友情链接</h3>` that a
    heading tag ranks first. None when `current`, a page element, already is a headline
    standing before the text."""
    candidates = {id(element) for element in scan.titles}
    opening = text_of(first)
    # the blocks holding the text's first line hold the text, unless that line is all they
    # hold (a run that opens with its own headline)
    node = first.getparent()
    while node is not None and text_of(node) == opening:
        node = node.getparent()
    holding = (
        {id(ancestor) for ancestor in (node, *node.iterancestors())} if node is not None else set()
    )
    before: list[HtmlElement] = []
    current_before = False
    outranked = False  # a heading of the same rank between the current one and the text
    for element in root.iter():
        if element is current:
            current_before = True
        elif current_before and current is not None and element.tag == current.tag:
            outranked = outranked or id(element) in candidates
        if id(element) in candidates and id(element) not in holding:
            before.append(element)
        if element is first:
            break
    if (
        current_before
        and current is not None
        and current.tag != "title"
        and not outranked  # the banner's <h1>北京大学肿瘤医院</h1>, the article's <h1> below
        and _may_be_headline(current)
        and _marked_headline(text_of(current))
    ):
        return None
    for element in reversed(before):
        if not _may_be_headline(element):
            continue
        # a block of the headline and its info line: its first part, when that is the headline
        for part in (element, next(element.iterchildren(etree.Element), None)):
            if part is not None and _marked_headline(text := text_of(part)):
                return text, part
    return None


def _may_be_headline(element: HtmlElement) -> bool:
    """Not a link (a menu's or a list's item), not hidden, not in the page's banner."""
    return not (element.xpath(_LINKED) or is_hidden(element) or _in_page_header(element))


def _marked_headline(text: str) -> bool:
    """Words an element marked as a heading holds that a headline may be: longer than a
    section's label, no label opening them (`来源：…`), no date (an info line), no sentence's
    end; brackets and a colon are a headline's own (`【澎湃新闻】谢贵安：张居正…`)."""
    head = _COLON.split(text, maxsplit=1)[0].strip()
    return (
        _MIN_HEADLINE_CHARS <= len(text) <= _MAX_TITLE_CHARS
        and not _LABEL_HEAD.match(head)
        and not _DATE_IN_TEXT.search(text)
        and not _URL_TEXT.search(text)
        and not _INFO_LABEL_IN_TITLE.search(text)
        and not _TRAIL_FROM_HOME.match(text)
        and not _ASIDE.fullmatch(text)
        and not text.endswith(("。", "：", ":"))
        and len(_WORD_CHAR.findall(text)) >= _MIN_TITLE_CHARS
    )


def stands_for_headline(text: str) -> bool:
    """A line above an article's text that may stand for its headline where nothing else gives
    one: as an element marked as a heading may be (`_marked_headline`), and neither a subtitle
    (`——热烈祝贺…`) nor a table's row of field names (`索取号 发布时间 发布机构 文件编号`)."""
    if not _marked_headline(text) or _SUBTITLE_DASH.match(text):
        return False
    compact = _SPACES.sub("", text)  # `索 引 号：` as `索引号：`
    # a field's label (`索引号：…`), or the names of two fields; one named in words is a
    # headline's (`关于推进生活垃圾分类工作的通知`)
    return not _FIELD_LABEL.search(compact) and len(_FIELD_NAME.findall(compact)) < 2


def _meta_title(value: str) -> str:
    """A title field written with markup (``…力量<div>——热烈祝贺…开幕</div>``): its lines
    joined (a headline set in two lines), up to a line opening with a dash, a subtitle."""
    if "<" not in value:
        return value
    title = ""
    for line in _MARKUP.split(value):
        line = line.strip()
        if title and _SUBTITLE_DASH.match(line):
            break
        title += line
    return title


def heading_before(
    container: HtmlElement, *, joined: bool = False, nodes: int = _HEADING_SEARCH_NODES
) -> tuple[str | None, Any]:
    """A page with no <title> and no heading element: the nearest line before the body, among
    the last `nodes` texts, that is set like a heading (bold, a large font, centered) and reads
    like one (short, no sentence end, no label, no date; with `joined`, two parts joined by a
    colon), with its element."""
    reads = reads_like_post_heading if joined else _reads_like_heading
    texts = [node for node in _TEXT_BEFORE(container) if not node.isspace()]
    for node in reversed(texts[-nodes:]):
        owner = _owner(node)
        if owner is None or owner.tag in _INVISIBLE_TEXT_PARENTS:
            continue
        text = text_of(owner)
        if (
            reads(text)
            and is_set_like_heading(owner)
            and not _shares_dated_line(owner, text)
            and owner.find(".//a[@href]") is None  # a trail's last part, after its links
            and not _in_menu_row(owner)
        ):
            return text, owner
    return None, None


def _in_menu_row(element: HtmlElement) -> bool:
    """A cell or an item holding the element alone among linked ones (a menu's current tab,
    `<td><font>艺术史年表</font></td>` in a row of linked cells): navigation, not a heading."""
    if element.tag in _MENU_CELLS:
        cell: HtmlElement | None = element
    else:
        cell = next((e for e in element.iterancestors() if e.tag in _MENU_CELLS), None)
    row = cell.getparent() if cell is not None else None
    if cell is None or row is None or text_of(cell) != text_of(element):
        return False  # a layout cell holding more than the element (a page laid out in one)
    linked = sum(
        1
        for sibling in row
        if sibling is not cell
        and isinstance(sibling.tag, str)
        and sibling.find(".//a[@href]") is not None
    )
    return linked >= _MENU_LINKS


def _shares_dated_line(element: HtmlElement, text: str) -> bool:
    """The element is part of a line that also carries a date: an info line's source or
    author set apart (`2005年03月31日03:18 <font color=…>北京娱乐信报</font>`), not a headline,
    which stands on a line of its own."""
    line = element
    while line.tag not in cms.BLOCK_TAGS and line.tag not in cms.CELL_TAGS:
        parent = line.getparent()
        if parent is None:
            return False
        line = parent
    return line is not element and bool(_DATE_IN_TEXT.search(text_of(line).replace(text, "", 1)))


def _reads_like_heading(text: str) -> bool:
    return (
        _MIN_TITLE_CHARS <= len(text) <= _MAX_HEADING_CHARS
        and not _NOT_A_HEADING.search(_BRACKETED_YEAR.sub("", _KICKER.sub("", text)))
        and not _DATE_IN_TEXT.search(text)
        and len(_WORD_CHAR.findall(text)) >= _MIN_TITLE_CHARS
    )


def reads_like_post_heading(text: str) -> bool:
    """A heading as posts write them: as `_reads_like_heading`, but a colon may join two parts
    (``评老冒：做最好的和最cool的东西？``) unless a label opens the line (``来源：…``), and it
    may close with an exclamation mark."""
    if _URL_TEXT.search(text):
        return False
    text = text.rstrip("！!")  # `…学术年会成功举行！`
    parts = _COLON.split(text, maxsplit=1)  # [text] or [head, colon, rest]
    if len(parts) == 3:
        head = parts[0].strip()
        if not head or not parts[2].strip() or _LABEL_HEAD.match(head):
            return False  # a label, alone (`当前位置：`) or with its value
        text = head + parts[2]
    return _reads_like_heading(text)


def is_set_like_heading(element: HtmlElement) -> bool:
    """Bold, a large font or centered, by tag or attribute, on the element or just above it
    (never inside a link: a link is navigation)."""
    for node in (element, *list(element.iterancestors())[:_HEADING_STYLE_LEVELS]):
        tag = node.tag
        if tag == "a":
            return False
        if tag in _HEADING_TAGS or (node.get("align") or "").lower() == "center":
            return True
        if tag == "font" and _LARGE_FONT_SIZE.match(node.get("size") or ""):
            return True
        if _HEADING_STYLE.search(node.get("style") or ""):
            return True
    return False


def heading_marks(element: HtmlElement) -> frozenset[str]:
    """How the element or the blocks just above it set it apart: `center`, `bold`, `large`
    (none inside a link)."""
    marks: set[str] = set()
    for node in (element, *list(element.iterancestors())[:_HEADING_STYLE_LEVELS]):
        tag, style = node.tag, node.get("style") or ""
        if tag == "a":
            return frozenset()
        if tag == "center" or (node.get("align") or "").lower() == "center":
            marks.add("center")
        if tag in _HEADING_TAGS and tag != "center":
            marks.add("bold")
        if tag == "font" and _LARGE_FONT_SIZE.match(node.get("size") or ""):
            marks.add("large")
        for mark, pattern in _STYLE_MARKS:
            if pattern.search(style):
                marks.add(mark)
    return frozenset(marks)


def _element_with_text(elements: list[Any], text: str) -> Any:
    return next((e for e in elements if text_of(e) == text), None)


# an outlet's promotion set as a heading (`扫一扫，中国宁波网装进手机` over a QR code,
# `看浙江新闻，关注浙江在线微信`, `下载…客户端`): never a headline
_PROMOTION = re.compile(
    r"(?:扫一扫|扫码|扫描二维码|长按识别|下载[^，,。]{0,10}客户端)"
    r"|看[^，,。]{1,12}[，,]\s*关注[^，,。]{1,12}(?:微信|公众号|微博|客户端)"
)  # matched at the start; or the heading ends `装进手机`


def _title_score(text: str, element: Any, title_tag: str, site_name: str | None) -> float:
    """Headings echoed by <title> win; a page header's logo (the site name) never does."""
    too_long_or_short = not _MIN_TITLE_CHARS <= len(text) <= _MAX_TITLE_CHARS
    if too_long_or_short and not _is_short_title(text, element, title_tag):
        return 0.0
    if (
        text == site_name
        or _is_title_suffix(text, title_tag)
        or _COMMENTS_HEADING.search(text)
        or _TRAIL_FROM_HOME.match(text)
        or _INFO_LABEL_IN_TITLE.search(text)
        or text.endswith(_LABEL_ENDS)  # `索 引 号：`: a label set as a heading, its value apart
        or SECTION_HEADING.match(text)
        or _COLUMN_HEADING.fullmatch(text)
        or names_a_site(text)  # a header's logo heading
        or _PROMOTION.match(text)
        or text.endswith("装进手机")
    ):
        return 0.0
    if text in title_tag and text != title_tag.strip() and _opens_or_closes_a_part(text, title_tag):
        score = _ECHOED_SCORE + 100.0 + len(text)
    elif title_tag and strip_title_suffix(title_tag) in text:
        score = _ECHOED_SCORE + len(text)
    else:
        # a heading not echoed by <title>
        score = _TITLE_TAG_SCORE.get(cms.emptied_heading(element) or element.tag, 0.0)
    if not _in_page_header(element):
        return score
    # in a block named a header: a site's banner (its name, which a <title> may be alone),
    # unless the whole <title> it echoes reads as a headline, not a name: a clause, or long
    # (`div.anci_header_content > h2`, the article's own header)
    if text == title_tag.strip() and (len(text) > _MAX_SITE_NAME_CHARS or _CLAUSE.search(text)):
        return score * 0.5
    return score * 0.1


def _opens_or_closes_a_part(text: str, title_tag: str) -> bool:
    """`设置断点` in `调试 C++ 代码，设置断点，检查变量 - Visual Studio`: words in the middle of a
    part of <title> (a section's heading), not the part a headline would be."""
    return any(
        part.startswith(text) or part.endswith(text) for part in _TITLE_SEPARATORS.split(title_tag)
    )


def _is_short_title(text: str, element: Any, title_tag: str) -> bool:
    """`静夜思`, `春晓`: a main heading of two or three characters that opens <title>."""
    return 2 <= len(text) < _MIN_TITLE_CHARS and element.tag == "h1" and title_tag.startswith(text)


def _is_title_suffix(text: str, title_tag: str) -> bool:
    """`sina.net` in `四年前中500万现穷困潦倒_sina.net`: the site or column part of <title>;
    never its longest part (`香港政府新闻网 - 类别 - 治安 - 跨部门小组研保障变性人法例`, a
    <title> naming the site first and the headline last)."""
    segments = [p for p in _TITLE_SEPARATORS.split(title_tag) if p]
    if len(segments) > 1 and text in segments[1:] and len(text) < max(map(len, segments)):
        return True
    # `…错误性教育-中国教育`: a site joined by a bare hyphen closes <title>, shorter than the rest
    head = title_tag.rstrip()[: -len(text)] if text and title_tag.rstrip().endswith(text) else ""
    return bool(_BARE_DASH.search(head[-2:] + text[:1], 1)) and len(text) < len(head) - 1


def _in_page_header(element: Any) -> bool:
    """In the site's header (its banner, logo, navigation); an <article>'s or <main>'s own
    <header> holds the article's headline."""
    for node in (element, *list(element.iterancestors())[:3]):
        names = f"{node.get('id') or ''} {node.get('class') or ''}".lower()
        if node.tag == "header" or _PAGE_HEADER_NAME.search(names):
            return not any(a.tag in ("article", "main") for a in node.iterancestors())
    return False


def strip_title_suffix(title: str) -> str:
    if _TITLE_TRAIL_FROM_HOME.match(title):  # `首页 > 新闻中心 > 标题`: the trail's last step
        title = _TITLE_TRAIL.split(title)[-1]
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p]
    return max(parts[:2], key=len) if parts else title


def _owner(node: Any) -> Any:
    """The element whose content a text node is (a tail belongs to the parent)."""
    owner = node.getparent()
    return owner.getparent() if node.is_tail else owner


def _page_labels(scan: cms.PageScan) -> list[Any]:
    """The info labels that are the page's: not a list row's, after the headline it links
    (`<li><a>市领导调研…</a><span>来源：某某日报</span></li>` in a sidebar)."""
    return [node for node in scan.info_labels if not _labels_a_row(node)]


def _labels_a_row(node: Any) -> bool:
    """A label in a list item after a link as long as a headline: the row's field."""
    owner = _owner(node)
    around = (owner, *islice(owner.iterancestors(), _ROW_LEVELS))
    row = next((e for e in around if e.tag == "li"), None)
    if row is None:
        return False
    follows = node.getparent() if node.is_tail else owner  # the label stands after / opens it
    for element in row.iter():
        if element is follows:  # links after the label are its values (`来源：<a>新华网</a>`)
            return node.is_tail and any(_links_a_headline(e) for e in element.iter("a"))
        if element.tag == "a" and _links_a_headline(element):
            return True
    return False


def find_info_line(scan: cms.PageScan, title_element: Any = None) -> str | None:
    """The line under the title that carries 发布时间 / 来源; when its labels give no date, a
    bare date line near the title is added to it. A line whose only label is 作者 with a name
    (`02日14:25 作者： 赵婕 出自[人民文学出版社]`) is the last choice."""
    labelled = authored = disclosed = None
    for node in _page_labels(scan):
        for owner, text in _label_owners(node, max_chars=300):
            if _DATE_IN_TEXT.search(text):
                if not may_head_disclosure(text):
                    return _with_source_around(owner, _from_label(text, node))
                # a 信息公开 table's row (`信息索引：… 生成日期：…`) dates the document, not
                # its publication: the info line only when no other labelled line is dated
                disclosed = disclosed or (owner, text)
            if labelled is None and _SOURCE_VALUE.search(text):
                labelled = text
            if authored is None and len(text) <= _AUTHOR_LINE_CHARS and _AUTHOR_VALUE.search(text):
                authored = text
    if disclosed is not None:
        return _with_source_around(*disclosed)
    labelled = labelled or authored
    dated = _date_line_near(title_element)
    if labelled and dated and dated != labelled:
        return f"{dated} {labelled}"
    return dated or labelled


def _from_label(text: str, node: Any) -> str:
    """A line grown around its label to an ancestor that also holds another block's date
    before it (a related box's row over `发布时间 2021-05-19`): the line from its label on,
    when a date follows the label."""
    at = text.find(clean_space(str(node)))
    if at > 0 and _DATE_IN_TEXT.search(text, at) and _DATE_IN_TEXT.search(text[:at]):
        return text[at:]
    return text


def find_source(scan: cms.PageScan) -> str | None:
    """The source a labelled line of its own gives (``来源于：东区办事处`` set apart from the
    dated info line), when the info line names none; else the words of an element the page
    names its source (``<span class="a_source">棱镜</span>``)."""
    for node in _page_labels(scan):
        for _owner_element, text in _label_owners(node, max_chars=_SOURCE_LINE_CHARS):
            if _SOURCE_VALUE.search(text):
                return parse_info_line(text)[1]
    bare: set[str] = set()
    stamped: set[str] = set()
    for element in scan.sources[:_SOURCE_ELEMENTS_READ]:
        text = text_of(element)
        if _SOURCE_VALUE.search(text):
            return parse_info_line(text)[1]
        unstamped = _TRAILING_STAMP.sub("", text)  # `湖北日报客户端 2024-03-12 15:35:47`
        if "来源" in unstamped or "來源" in unstamped:
            unstamped = ""  # `本文来源于北京商报 …`: a sentence, not the name alone
        for found, names in ((text, bare), (unstamped, stamped)):
            if (
                _MIN_SOURCE_CHARS <= len(found) <= _MAX_SOURCE_CHARS
                and _is_bare_source(found)
                and not _in_list_item(element)
            ):
                names.add(found)
    # one name; elements so named that say different things are a list (of other posts); a
    # name with its date only when none stands alone
    for names in (bare, stamped):
        if names:
            return names.pop() if len(names) == 1 else None
    return None


def _in_list_item(element: HtmlElement) -> bool:
    """In an item of a list (related posts, each with its source)."""
    return any(a.tag in ("li", "dd") for a in islice(element.iterancestors(), 3))


def _is_bare_source(text: str) -> bool:
    """Words naming an outlet: no label, no date, no digits-only, one phrase."""
    return (
        _WORD_CHAR.search(text) is not None
        and not _DATE_IN_TEXT.search(text)
        and not _NOT_A_SOURCE.search(text)
    )


def _label_owners(node: Any, max_chars: int, levels: int = 3) -> Iterator[tuple[Any, str]]:
    """The element holding a label text node and up to two ancestors, with their visible text,
    while that text stays short enough to be one line of chrome."""
    owner = _owner(node)
    for _ in range(levels):
        if owner is None:
            return
        text = shown_text(owner)
        if len(text) > max_chars:
            return
        yield owner, text
        owner = owner.getparent()


_FIELD_ROWS = frozenset({"dl", "dt", "dd"})
# the text before a date of an info line read for its label; an event's moments
_DATE_LABEL_REACH = 10
_EVENT_DATE_LABEL = re.compile(rf"(?:(?:开始|结束|截止)\S{{0,4}}|{EVENT_TIME_LABEL})\s*[:：]?\s*$")


def headline_over_info_line(scan: cms.PageScan) -> tuple[str, HtmlElement] | None:
    """The block right before the page's first dated info line (`<div>关于…的通知</div><p>发布
    日期：2023-05-18</p>`), when it reads as a headline and is no link: the headline a template
    sets without a heading tag, wherever the text's container is."""
    for node in _page_labels(scan):
        for owner, text in _label_owners(node, max_chars=300):
            if not _DATE_IN_TEXT.search(text):
                continue
            line = owner
            while line.tag not in cms.BLOCK_TAGS and line.getparent() is not None:
                line = line.getparent()
            before = _shown_before(line)
            if before is None or before.xpath(_LINKED) or before.tag in _FIELD_ROWS:
                return None  # a link; a definition list's field (`<dt>区域：</dt><dd>…`)
            headline = text_of(before)
            if not stands_for_headline(headline) or take_trailer_byline(headline) is not None:
                return None  # a byline over the date (`本报记者 王乐文 方 敏`)
            return headline, before
    return None


def _shown_before(line: Any) -> Any:
    """The nearest element before `line` that shows words: a sibling, else, in a table
    layout, one of a near enclosing cell's, row's or table's (an info line's cell alone in its
    table, the headline's row above it past a row holding only a space: `<tr><td>headline</td>
    </tr><tr><td>&nbsp;</td></tr><tr><td><table><tr><td>发布时间：…`)."""
    node = line
    for _ in range(_BEFORE_LEVELS):
        for element in node.itersiblings(preceding=True):
            if isinstance(element.tag, str) and text_of(element):
                return element
        node = node.getparent()
        if node is None or node.tag not in _TABLE_PARTS:
            return None
    return None


def _with_source_around(owner: Any, text: str) -> str:
    """A dated span whose 来源 sits in a sibling span: the enclosing line holds both."""
    if _SOURCE_VALUE.search(text):
        return text
    parent = owner.getparent()
    if parent is None or parent.tag == "body":
        return text
    line = text_of(parent)
    return line if len(line) <= 250 and _SOURCE_VALUE.search(line) else text


def _date_line_near(title_element: Any) -> str | None:
    """A short line with a date right after the title (pages with no labels at all)."""
    anchor = title_element
    for _ in range(3):
        if anchor is None or anchor.tag == "body":
            return None
        for i, sibling in enumerate(anchor.itersiblings()):
            if i >= 4:
                break
            if not isinstance(sibling.tag, str):
                continue
            text = text_of(sibling)
            if RELATED_HEADING.match(text):
                return None  # a related box opens: the dates after it are its rows'
            if len(text) <= 120 and _DATE_IN_TEXT.search(text) and not _holds_list_row(sibling):
                return text
        anchor = anchor.getparent()
    return None


def find_date_block(scan: cms.PageScan) -> str | None:
    """A short dated text in a block named like a date (`.time`, `#pubdate`, `.info`): the last
    resort, after the URL (such blocks may also be a page header's today's-date widget)."""
    for element in scan.date_blocks:
        text = text_of(element)
        if (
            len(text) <= 120
            and _DATE_IN_TEXT.search(text)
            and not _in_list_row(element)
            and not is_today_widget(text)
        ):
            return text
    return None


def _in_list_row(element: HtmlElement) -> bool:
    """A date beside a linked headline in a list item (`<li><a>图文解读：…</a><span
    class="time">2023-07-12</span></li>`): a related list's row, not the page's date."""
    for row in islice(element.iterancestors(), _ROW_LEVELS):
        if row.tag == "li":
            return _links_a_headline(row)
    return False


def _holds_list_row(element: HtmlElement) -> bool:
    """A block holding a list item that links a headline: a related list, its dates its rows'."""
    return any(_links_a_headline(item) for item in element.iter("li"))


def _links_a_headline(item: HtmlElement) -> bool:
    return any(len(text_of(link)) >= _ROW_HEADLINE_CHARS for link in item.iter("a"))


def parse_info_line(text: str | None) -> tuple[str | None, str | None]:
    """(published_at, source) from an info line such as
    `发布时间:2023-01-13 09:07 来源:新吴区人民政府 选择阅读字号:[ ]`."""
    if not text:
        return None, None
    text = vocab.unpad_labels(text)
    match = _SOURCE_VALUE.search(text)
    source = clean_space(match["source"]).strip("【】[]") if match else None
    if source and source[-1] in ")）" and "(" not in source and "（" not in source:
        source = source[:-1].rstrip()  # the bracket a credit closes (`（来源：上海证券报）`)
    if source is None and (after := _DATE_THEN_WORDS.match(text)) and _is_outlet(after["words"]):
        source = after["words"]  # `2019年09月11日01:53 新浪科技 我有话说`: a portal's outlet
    if source and (
        _LABEL_ALONE.match(source)
        or source in _BUTTON_WORDS
        or source.startswith(vocab.WIDGET_LABELS)  # `来源： 分享到： QQ空间`
    ):
        source = None  # `来源： 点击：`, `来源： 【打印】`: an empty field, then a label, a button
    elif source and " " in source:
        source = _before_run_on_words(source)  # `来源：中国新闻网　发表评论`
    return published_in(text), (source if source and is_plain_value(source) else None)


def _before_run_on_words(source: str) -> str:
    """A source's words up to what runs on after it: a button or a comment link (the value may
    end inside the link's words: `中国新闻网 发表` of `发表评论`), or a byline (`浙江在线
    浙江在线记者 肖菁 通讯员 拱检`, an author's field printed after it with no label)."""
    words = source.split(" ")
    for at, word in enumerate(words[1:], 1):
        if (
            word in _BUTTON_WORDS
            or word.startswith(vocab.WIDGET_LABELS)
            or word.startswith(vocab.PLAYER_LABELS)  # `上观新闻 听新闻`: an audio player's
            or (len(word) > 1 and any(link.startswith(word) for link in _COMMENT_LINKS))
            or _BYLINE_ROLE.search(word)  # an author's field run on, unlabelled
        ):
            return " ".join(words[:at])
    return source


def published_in(text: str | None) -> str | None:
    """The first date of an info line that no other moment's label comes right before; when
    every one is another moment's, the first unless it is an event's (`开始时间：2024-05-08 …
    结束时间：…`: no publication; a 信息公开 line's 成文日期 alone stands for it)."""
    if not text:
        return None
    found = find_dates(text)
    for date in found:
        if not OTHER_DATE_LABEL.search(text[max(0, date.start - _DATE_LABEL_REACH) : date.start]):
            return date.value
    if not found:
        return None
    label = text[max(0, found[0].start - _DATE_LABEL_REACH) : found[0].start]
    return None if _EVENT_DATE_LABEL.search(label) else found[0].value


def _is_outlet(words: str) -> bool:
    """Words named like an outlet (`新浪科技`, `证券时报网`), never a weekday, a button or a
    person."""
    return (
        _OUTLET_END.search(words) is not None
        and not _NOT_AN_OUTLET.search(words)
        and words not in _BUTTON_WORDS
    )


def is_plain_value(value: str) -> bool:
    """Not a fragment of markup (`size="20"`, `<font>`): templates that print an empty field's
    attributes leave those where the value should be."""
    return not _MARKUP_FRAGMENT.search(value)


def find_breadcrumbs(scan: cms.PageScan) -> tuple[list[str], str]:
    """(trail without the 当前位置 label and trailing 正文, the raw breadcrumb text)."""
    for node in scan.breadcrumb_labels:
        for owner, text in _label_owners(node, max_chars=250):
            links = cms.links_in(owner)
            if links or _BREADCRUMB_SEPARATOR.search(_BREADCRUMB_LABEL.sub("", text)):
                return _trail(owner, text, links), text
    for element in scan.breadcrumb_blocks:
        text = text_of(element)
        if 0 < len(text) <= 250 and _BREADCRUMB_SEPARATOR.search(text):
            return _trail(element, text, cms.links_in(element)), text
    return [], ""


def _trail(owner: HtmlElement, text: str, links: list[HtmlElement]) -> list[str]:
    """The trail's entries from its text, or from its links when the text has no separator
    between them (`<a>首页</a> <a>新闻中心</a> <a>新闻发布</a>`)."""
    parts = split_breadcrumbs(text)
    if len(links) < 2 or len(parts) >= len(links):
        return parts
    pieces: list[str] = []
    _collect_trail_pieces(owner, pieces, in_link=False)
    # each link's text one piece, without the separator a template writes beside it (`首页 |`,
    # `- 正文`), and no piece that is only a separator
    kept = [piece for piece in (clean_space(p).strip(_TRAIL_MARKS) for p in pieces) if piece]
    return split_breadcrumbs(_TRAIL_JOINT.join(kept))


def _collect_trail_pieces(element: HtmlElement, pieces: list[str], in_link: bool) -> None:
    """Each link's text as one piece, the text between links as it is (label, separators, the
    unlinked last entry)."""
    if element.tag in _INVISIBLE_TEXT_PARENTS:
        return
    linked = in_link or element.tag == "a"
    text = "".join(_VISIBLE_TEXT(element)) if linked and not in_link else element.text
    if linked and not in_link:
        pieces.append(clean_space(text))
        return
    if text:
        pieces.append(text)
    for child in element:
        if isinstance(child.tag, str):
            _collect_trail_pieces(child, pieces, linked)
        if child.tail:
            pieces.append(child.tail)


def split_breadcrumbs(text: str) -> list[str]:
    trail = _BREADCRUMB_LABEL.sub("", text, count=1)
    parts = [clean_space(p) for p in _BREADCRUMB_SEPARATOR.split(trail)]
    parts = [p for p in parts if p]
    while parts and parts[-1] in _BREADCRUMB_TAIL:
        parts.pop()
    return parts


def base_url(root: HtmlElement, url: str) -> str:
    hrefs = [base.get("href") for base in _head_elements(root, "base") if base.get("href")]
    return urljoin(url, hrefs[0].strip()) if hrefs else url


def image_url(img: HtmlElement, base: str) -> str | None:
    src = img.get("src") or img.get("data-src") or img.get("data-original")
    if not src or src.startswith("data:"):
        return None
    return urljoin(base, src.strip())


def image_alt_caption(img: HtmlElement) -> str | None:
    for attribute in ("alt", "title"):
        text = clean_space(img.get(attribute))
        if text and not vocab.IMAGE_FILE_NAME.match(text) and text not in ("图片", "image", "img"):
            return text
    return None


def collect_attachments(container: HtmlElement, base: str) -> list[dict[str, str]]:
    """Links to documents (PDF, DOC, XLS …) in the body and in the blocks right after it (or
    after its parent), including links TRS pages write with `document.write` in a script."""
    found: dict[str, str] = {}
    for scope in _attachment_scopes(container):
        for link in cms.links_in(scope):
            href = link.get("href", "").strip()
            if vocab.ATTACHMENT_EXTENSION.search(href):
                absolute = urljoin(base, href)
                found.setdefault(absolute, _file_link_title(link) or _file_name(absolute))
            elif vocab.ATTACHMENT_ENDPOINT.search(href) and vocab.ATTACHMENT_EXTENSION.search(
                title := text_of(link)
            ):
                found.setdefault(urljoin(base, href), title)
        for script in cms.scripts_in(scope):
            for match in _SCRIPT_ATTACHMENT.finditer(script.text or ""):
                absolute = urljoin(base, match["href"])
                found.setdefault(absolute, clean_space(match["title"]) or _file_name(absolute))
    return [{"url": url, "title": title} for url, title in found.items()]


def _file_link_title(link: HtmlElement) -> str:
    """A file link's words; its title attribute when the words are only the name the server
    stored the file under (`f95099a0bb51a886d3154f2b6bd33e44.doc`, `P020200828589762468721.pdf`)
    and the attribute names it."""
    text = text_of(link)
    if _STORED_FILE_NAME.fullmatch(text) and (title := clean_space(link.get("title"))):
        return title
    return text


def _attachment_scopes(container: HtmlElement) -> list[HtmlElement]:
    scopes = [container]
    parent = container.getparent()
    for anchor in (container, parent):
        if anchor is None or anchor.tag == "body":
            break
        scopes.extend(s for s in list(anchor.itersiblings())[:4] if isinstance(s.tag, str))
    return scopes


def _file_name(url: str) -> str:
    return unquote(urlsplit(url).path.rsplit("/", 1)[-1])


def find_disclosure(scan: cms.PageScan) -> dict[str, str | None] | None:
    """The 信息公开 table (索引号, 发布机构, 文号, 主题分类, 成文日期, 发布日期), or None."""
    if not scan.disclosure_labels:
        return None
    owner = _owner(scan.disclosure_labels[0])
    for _ in range(5):
        if owner is None or owner.getparent() is None:
            break
        if owner.tag in ("table", "ul", "dl") or len(text_of(owner)) > 60:
            break
        owner = owner.getparent()
    if owner is None:
        return None
    return parse_disclosure_cells(_cell_texts(owner))


def _cell_texts(owner: HtmlElement) -> list[str]:
    """The table's cells in reading order, a row of labels over a row of values (`索取号 发布
    机构 文件编号` above their values) read as label, value, label, value."""
    for row in owner.xpath(".//tr"):
        if is_disclosure_header(row) and (values := next_row(row)) is not None:
            labels, shown = _leaf_cells(row), _leaf_cells(values)
            if len(labels) == len(shown):
                return [text for pair in zip(labels, shown, strict=True) for text in pair]
    return _leaf_cells(owner) or [text_of(owner)]


def next_row(row: HtmlElement) -> HtmlElement | None:
    """The table's row after `row`, past a section's end (`<thead>` rows, then `<tbody>`)."""
    return _row_beside(row, row.getnext(), _NEXT_ROW)


def previous_row(row: HtmlElement) -> HtmlElement | None:
    """The table's row before `row`, past a section's start (a `<thead>` inside `<tbody>`)."""
    return _row_beside(row, row.getprevious(), _PREVIOUS_ROW)


def _row_beside(row: HtmlElement, sibling: HtmlElement | None, search: Any) -> HtmlElement | None:
    if sibling is None or sibling.tag != "tr":
        found = search(row)
        sibling = found[0] if found else None
    return sibling if sibling is not None and sibling.tag == "tr" else None


def _leaf_cells(owner: HtmlElement) -> list[str]:
    cells = owner.xpath(".//td | .//th | .//li | .//dt | .//dd")
    return [text_of(c) for c in cells if not c.xpath(".//td | .//th | .//li")]


def disclosure_key(table: HtmlElement) -> str | None:
    """What tells one 信息公开 table from another: its index number, else its document number
    (a responsive template's two copies of one table, one laid out for phones, share it)."""
    document = parse_disclosure_cells(_cell_texts(table))
    if document is None:
        return None
    return document["index_no"] or document["doc_no"]


def may_head_disclosure(text: str) -> bool:
    """Whether a line's text names a field only a disclosure table has: a cheap look before
    `is_disclosure_header` reads the row's cells."""
    return _OWN_FIELD_NAMES.search(text) is not None


def is_disclosure_header(row: HtmlElement) -> bool:
    """A table row naming a 信息公开 table's fields, their values in the row below: every cell
    a field's name (`索取号`, `发布时间`, `发布机构`, `文件编号`, `备注`), one of them a
    disclosure's own (an index or document number, the issuer)."""
    if row.tag != "tr":
        return False
    names = [_SPACES.sub("", text) for text in _leaf_cells(row)]
    names = [name.rstrip(":：") for name in names if name]
    return (
        len(names) >= _HEADER_FIELDS
        and all(name in DISCLOSURE_FIELDS or name in vocab.RECORD_FIELD_NAMES for name in names)
        and any(DISCLOSURE_FIELDS.get(name) in _OWN_FIELDS for name in names)
    )


def parse_disclosure_cells(cells: list[str]) -> dict[str, str | None] | None:
    document: dict[str, str | None] = dict.fromkeys(
        ("index_no", "publisher", "doc_no", "topic", "written_at", "published_at")
    )
    found = False
    pending: str | None = None
    for cell in cells:
        pieces = _DISCLOSURE_LABEL.split(cell)
        if len(pieces) == 1:
            if pending and cell:
                document[pending] = document[pending] or cell
                found = True
            pending = None
            continue
        pending = None
        for label, value in zip(pieces[1::2], pieces[2::2], strict=True):
            key = DISCLOSURE_FIELDS.get(_SPACES.sub("", label))
            if key is None:
                continue
            value = clean_space(value)
            if value:
                document[key] = document[key] or value
                found = True
            else:
                pending = key
    if not found:
        return None
    for key in ("written_at", "published_at"):
        if document[key]:
            document[key] = parse_date(document[key]) or document[key]
    return document


def footer_text(scan: cms.PageScan) -> str:
    return text_of(scan.footers[-1])[:500] if scan.footers else ""
