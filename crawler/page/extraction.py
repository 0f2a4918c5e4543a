"""Article page -> record fields (before normalization). Pure: no Scrapy imports.

Fast path: a known CMS body container (see `crawler.page.cms`), walked once into paragraphs,
when it holds a clean body (little link text beside its prose). Other layouts: the page walked
once into lines, the body being the run of lines that evidence scores best
(`crawler.page.candidates`); on pages without prose, the densest text block; trafilatura (on a
copy of the tree) only when all of these find no article.
Metadata: government meta tags, then the page, then the URL (`crawler.page.metadata`).
The tree handed in (`parse_html` of the decoded page, parsed once by the spider) is never
modified.
"""

from __future__ import annotations

import codecs
import copy
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from itertools import islice, pairwise
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from crawler.page import candidates, cms
from crawler.page import metadata as md
from crawler.page import vocabulary as vocab
from crawler.page.bylines import has_common_surname, is_name, take_trailer_byline
from crawler.page.chrome import classify_line, names_the_site
from crawler.page.dates import (
    BADGE_DAY,
    BADGE_YEAR_MONTH,
    STAMP,
    PageDates,
    choose_published_at,
    date_from_url,
    page_dates,
    parse_date,
)
from crawler.page.profiles import SiteProfile

HtmlElement = Any  # lxml.html.HtmlElement

_META_DATE_KEYS = (
    "pubdate", "publishdate", "pubtime", "publishtime", "publish_time", "article:published_time",
    "firstpublishedtime", "og:release_date", "dc.date", "dc.date.issued", "datepublished", "date",
)  # fmt: skip
_SCRIPT_TEXT = etree.XPath("//script[not(@src)]/text()")
_PUBLISH_TIMESTAMP = re.compile(
    r"\b(?:ct|publish_?time|pub_?time|publishTime|pubTime|create_?time|createTime)\s*[=:]\s*"
    r"[\"']?(?P<seconds>1\d{9})\b"
)
_CHINA_TIME = timezone(timedelta(hours=8))
# when the page was last changed: a day all the same, when nothing says when it was published
_META_UPDATE_KEYS = ("dateupdate", "datemodified", "article:modified_time")
_SOURCE_LABEL = re.compile(rf"^\s*{md.SOURCE_LABEL}\s*")
_GENERATED = re.compile(
    r"(?:页面生成时间|頁面生成時間|生成时间|生成時間)\s*[:：]?\s*(\d{4}[-/.年][^,;，；]*)"
)
_CENTERED = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)
_SCRIPT_HOOKS = ("share", "print")  # scripts that mark the article they act on
_HOOKED_PARAGRAPHS = 3
_PRINT_UTILITY = re.compile(r"(?:hidden|visible|hide|show|no|d)[-_]?print")
_HOOKED_CHARS = 200  # a share or print widget's words are a few dozen characters
_VISIBILITY_HIDDEN = re.compile(r"visibility\s*:\s*hidden", re.IGNORECASE)
_HIDING_DECLARATIONS = ("display:none", "display: none", "visibility:hidden", "visibility: hidden")
# an element's own style showing it (`style="display: block;"`, set by a script), which a class
# rule of the page's stylesheet hiding it (`.content{display:none}`) gives way to
_SHOWN_STYLE = re.compile(r"display\s*:\s*(?!none)[a-z]", re.IGNORECASE)
_SIMPLE_SELECTOR = re.compile(r"[.#](?P<name>[\w-]+)(?::not\([^()]*\))?")
_CAPTION_CLASS = re.compile(r"caption|pic_?t|img_?d|imgtxt|pictext|note|desc|tuzhu", re.IGNORECASE)
_CAPTION_START = re.compile(
    r"^[\s\u3000]*(?:图为|图片|圖為|▲|△|[(（]?图[:：\d一二三四五六七八九十]|图/)"
)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Whole lines that are page chrome when they stand alone inside a body container.
_CHROME_LINE = re.compile(
    r"^[▪•·◆■□●►]?\s*[【\[［(（]?\s*(?:"
    rf"(?:{vocab.one_of(vocab.PAGER_LABELS + vocab.SHARE_LABELS)})[:：]?.*"
    rf"|(?:{vocab.one_of(vocab.FONT_SIZE_LABELS)})[:：]?.{{0,12}}|选择阅读字号.{{0,12}}"
    r"|扫一扫.{0,20}|【?纠错】?|大\s*中\s*小|正在加载.{0,3}|自动播放(?:开关)?|查看(?:原图|大图).{0,10}"
    r"|[^。，,]{0,10}加载中[，,.。…\s]*(?:请稍候|请稍等)?[。.…]*|若长时间无响应.{0,12}"
    rf"|{vocab.one_of(vocab.WIDGET_LABELS + vocab.SOCIAL_LABELS + vocab.FOLD_LABELS)}"
    r")\s*[】\]］)）]?$"
)
# an info line's labels set apart by spaces alone (`发布时间 2023-01-13 来源 新华社`)
_SPACED_INFO_LABEL = rf"(?:{vocab.one_of(vocab.PUBLISHED_LABELS)}){vocab.APART}|{md.SOURCE_LABEL}"
_INFO_LINE = re.compile(
    r"^(?:(?:"
    + vocab.one_of(
        vocab.PUBLISHED_LABELS + vocab.TIME_LABELS + vocab.SOURCE_LABELS
        + vocab.COUNTER_LABELS
    )
    + rf")\s*[:：]|{_SPACED_INFO_LABEL})"
)  # fmt: skip
_AUTHOR_LINE = re.compile(rf"^(?:{vocab.one_of(vocab.AUTHOR_LABELS)})\s*[:：]")
_INFO_LABEL_ANYWHERE = re.compile(
    vocab.starting(vocab.PUBLISHED_LABELS, vocab.SOURCE_LABELS, vocab.COUNTER_LABELS)
    + rf"(?:(?:{vocab.one_of(vocab.PUBLISHED_LABELS + vocab.SOURCE_LABELS + vocab.COUNTER_LABELS)})"
    rf"\s*[:：]|{_SPACED_INFO_LABEL})"
)
_DATE_ANYWHERE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
# A line of counters only (`回答量：4932`, `采纳数：152 获赞数：112`, `阅读量：1.2万`): a card's
# figures, wherever it stands in the body.
_COUNTER_ROW = re.compile(
    rf"^(?:(?:{vocab.one_of(vocab.COUNTER_LABELS)})\s*[:：]\s*(?:[\d.,]+\s*[%万千wWkK+]?\s*)?)+$"
)  # the count may be missing: a script writes it (`访问次数：`)
# What a page sets right after its text: how many read it (`阅读 539`, `浏览(1,024)次`), a tag
# field left empty (`标签：`)
_TRAILING_COUNT_OR_TAGS = re.compile(
    rf"^(?:(?:{vocab.one_of(('阅读', '浏览', '点击', '访问', *vocab.COUNTER_LABELS))})\s*[:：]?\s*"
    r"[(（]?\s*[\d.,]+\s*[万千wWkK+]?\s*[)）]?\s*(?:次|人)?"
    rf"|(?:{vocab.one_of(vocab.TAG_LABELS)})\s*[:：]?)$"
)
# A question asking the reader to rate the page, with its buttons (`有用 没用`) after it.
_FEEDBACK_PROMPT = re.compile(
    rf"^[^。！!，,]{{0,16}}(?:{vocab.one_of(vocab.FEEDBACK_PROMPTS)})"
    r"[^。！!，,]{0,4}[？?][^。！!，,]{0,12}$"
)
# `更多回答（2）`, `全部评论(15)`, `查看更多留言`: a fold switch over readers' posts.
_MORE_POSTS = re.compile(r"^(?:查看)?(?:更多|全部)(?:回答|评论|回复|留言)\s*(?:[（(]\d+[)）])?$")
_BREADCRUMB_LINE = re.compile(rf"^(?:{vocab.one_of(vocab.BREADCRUMB_LABELS)})\s*[:：]")
# Separators between links in navigation rows (`新闻 | 体育 | 娱乐`), not counted as text.
_LINK_SEPARATORS = re.compile(r"[\s|｜·•/]+")
# trafilatura's text output draws tables with pipes.
_TABLE_PIPES = re.compile(r"^[\s|]+|[\s|]+$")
# An article's closing editor line; short lines after it are chrome.
_EDITOR_TRAILER = candidates.CLOSING_EDITOR_LINE
_TAIL_WINDOW = 6
_TRAILING_BOILERPLATE = 3  # standing lines (disclaimers, QR prompts) dropped from a text's end
# Nesting the walk follows element by element (two stack frames a level at most); pages nested
# deeper (a hostile page, a broken template) are read flat below it, never a RecursionError.
_MAX_WALK_DEPTH = 150
# A title field's label opening the headline read (`信息名称：`; `标　　题：` once unpadded).
_TITLE_FIELD = re.compile(rf"^\s*(?:{vocab.one_of(vocab.TITLE_FIELD_LABELS)})\s*[:：]\s*")
_BYLINE_LINE_CHARS = 40
_BUTTON_WORDS = frozenset(vocab.BUTTON_LABELS)
_CREDIT_LINE_CHARS = 120  # a credit line closing a reprint is short
_TEXT_BEFORE_BOILERPLATE = 100  # characters of text before a standing notice can end it
# a word of a sentence an ad or keyword script wraps (`<span class=dosight_ad_word>感觉</span>`)
_INLINE_MARKS = frozenset({"span", "a", "font", "b", "strong", "em", "i", "u"})
_MARKED_WORD_CHARS = 8
_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
# a container's id repeated on this many paragraphs, holding this share of their block's text
_REPEATED_ID_PARAGRAPHS = 3
_REPEATED_ID_SHARE = 0.8
_HEADING_ABOVE_LINES = 5  # lines above a run where its heading may stand (past badge, buttons)
_REPEAT_CHARS = 20  # a paragraph this long met twice in that order: the text starts over
_REPEAT_LINES = 3  # paragraphs met again in a row that make a second copy
_TITLE_PIECE_CHARS = 4  # a line of a title set on several lines, dropped atop the text
_HEADING_EXTENSION_CHARS = 4  # a heading this much longer than the <title> it opens with
_BUTTON_FIRST_CHARS = frozenset(word[0] for word in _BUTTON_WORDS)
_BUTTON_SEPARATOR = re.compile(r"[\s|｜·•<>]+")
_BUTTON_ROW_CHARS = 40
_BRACKETED_ROW = re.compile(r"(?:\s*【[^【】]{1,30}】)+\s*")
_BRACKETED_ITEM = re.compile(r"【([^【】]{1,30})】")
_COUNT = re.compile(r"\d+(?:\.\d+)?[万wkK+]?")  # a button's count (`评论 0`, `点赞 1.2万`)
_BOLD_HEADING_CHARS = 20
_SENTENCE_MARK = re.compile(r"[。，,.;；：:、]")
_SHORT_TEXT_CHARS = 60  # a text this short may be a picture's caption: its block's pictures count
_SECTION_WINDOW = 40  # last lines searched for the heading of a section set after the text
_AFTER_ELEMENTS = 3  # elements after a body container read for a byline line
_AFTER_LEVELS = 4  # ancestors of a body container whose next elements may hold that line
_LINES_BEFORE_READ = 4  # lines above a body run read for bylines (reporters, then a dateline)
_AUTHOR_ELEMENTS_READ = 3
# A title element this many lines or fewer above a body run is the run's own heading; one
# farther off (or after the run) may be a sidebar's (`博客导读`, `Blog统计`).
_TITLE_NEAR_LINES = 6
_HEADINGS = frozenset({"h1", "h2", "h3"})
_LIST_ITEM_TAGS = frozenset({"li", "dd", "dt"})
_SHOWN_PREFIX = 8
_HEADING_NEAR_NODES = 3  # texts right before a body searched for the heading a <title> lacks
# a date (and time) alone on a line; a name and its web address (`某某市政府门户网站 www.x.gov.cn`)
_BARE_STAMP = re.compile(
    r"\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?|\s*\d{1,2}\s*时\s*\d{1,2}\s*分(?:\s*\d{1,2}\s*秒)?)?"
    r"\s*(?:星期[一二三四五六日天])?\s*"
)
_NAME_AND_ADDRESS = re.compile(
    r"\s*[^\s，。！？,.]{2,30}\s+(?:https?://|www\.)[\w.-]+\.[a-z]{2,}\S*\s*", re.IGNORECASE
)
_SHOWS_ADDRESS = re.compile(r"\s*(?:https?://|www\.)[\w.-]+\.[a-z]{2,}\S*\s*$", re.IGNORECASE)
_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S*$", re.IGNORECASE)
# a post heading's own stamp: its time (``… (图) 2005-06-14 03:25:55``)
_TRAILING_STAMP = re.compile(rf"\s*{STAMP}\s*$")
_ROLE_WORD = re.compile(r"作者|记者|编辑|通讯员|撰文|文\s*/|[Bb]y\b")
_INVISIBLE = frozenset({"script", "style", "noscript", "template"})
_TAIL_LINE_CHARS = 40
# Whitespace collapses to a space as a browser renders it (a line break in the source too:
# `（责任编辑：\n黄帅\n）` is one line); inside <pre> line breaks stay.
_SPACE_RUN = re.compile(r"[ \t\r\n\f\v\u00a0\u2002\u2003\u2009\u200b\u3000]+")
_SPACE_RUN_IN_PRE = re.compile(r"[ \t\r\f\v\u00a0\u2002\u2003\u2009\u200b\u3000]+")

# Generic layouts: a container must hold this many characters of CJK text to be believed.
_MIN_BODY_CJK = 30
_ENOUGH_CJK = re.compile(
    rf"(?:[^\u3400-\u9fff\uf900-\ufaff]*[\u3400-\u9fff\uf900-\ufaff]){{{_MIN_BODY_CJK}}}"
)
_MIN_PARAGRAPH_CHARS = 8
_LINK_DENSITY_LIMIT = 0.5
_ROW_LINKS = 4  # links of a related box's row (its headline, a column's, a source's)
# A known container whose link text is more than this share of its prose is a page wrapper.
_CLEAN_LINK_SHARE = 0.5
# The best run of lines must hold this much prose to be an article's body.
_MIN_RUN_PROSE = 30.0
# prose elsewhere on a page whose body container holds only pictures that reads as the text
# the container left out (less is a footer's or a dialog's lines)
_TEXT_BESIDE_PICTURES = 150.0
# a picture under the headline of a page with no text: its <img> no smaller than this (where the
# size is given), nor an icon's file
_PICTURE_MIN_SIDE = 200
_BOX_HEADING_ALONE = re.compile(
    rf"^[【\[]?(?:{vocab.one_of(vocab.SECTION_HEADINGS)})[】\]]?\s*[:：>»›]?\s*$"
)
_ICON_FILE = re.compile(r"icon|logo|btn|button|share|qrcode|erweima|arrow|spacer|\.gif\b", re.I)


# How the walk treats an element.
_TEXT, _SKIPPED, _ASIDE = 0, 1, 2

_VISIBLE_TEXT = etree.XPath("descendant::text()[not(parent::script)]", smart_strings=False)
# The page's visible text pieces in order, for `page_dates` (the date line under the headline)
# (`/descendant::`, not `//`: the same nodes, in half the time); a <title> misplaced in the body
# (a head pushed down by an element before it) is not seen
_PAGE_TEXT = etree.XPath(
    "//body/descendant::text()[not(parent::script or parent::style or parent::title)]",
    smart_strings=False,
)
# a text a reader sees holding $opening (a <title> misplaced in the body is not seen)
_SHOWS = etree.XPath(
    "boolean(//body/descendant::text()[contains(., $opening)]"
    "[not(parent::script or parent::style or parent::title)])"
)
_TEXT_LENGTH = etree.XPath("string-length(normalize-space(.))")
# elements a template fills with HTML (AngularJS `ng-bind-html`, Vue `v-html`)
_BOUND_HTML = etree.XPath("//body//*[@ng-bind-html or @v-html or @data-ng-bind-html]")
_MIN_BOUND_CHARS = 200


_ROW_TAGS = frozenset(("tr", "td", "th"))
_AFTER_RUN_LINES = 3  # unlinked lines after a run read for its byline
_LABEL_ALONE = re.compile(r"^\W*[\u3400-\u9fff]{1,6}\s*[:：]?\s*$")  # `作者：`, a field left empty
_FIELDS_ROW_CHARS = 80  # a row of labelled fields read for a byline, at most
_ROLE_LABEL = re.compile(r"(?:作者|记者|编辑|责编|通讯员|撰稿|摄影)\s*[:：]")
_LINKED_VALUE_CHARS = 8  # the links a line read for a byline may hold (an icon, a source),
_LINKED_SHARE = 5  # in a line at least this many times as long (a menu's word is no byline)
_AFTER_RUN_REACH = 10  # lines after a run looked through for them


@dataclass
class _Line:
    text: str
    block: HtmlElement
    images: list[HtmlElement]
    link_chars: int
    link_marks: int = 0
    aside: bool = False


@dataclass
class _Walk:
    """Paragraphs collected while walking a container once."""

    lines: list[_Line] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    images: list[HtmlElement] = field(default_factory=list)
    link_depth: int = 0
    link_chars: int = 0
    link_marks: int = 0
    aside_depth: int = 0
    pre_depth: int = 0
    images_seen: int = 0
    ruby: bool = False
    skip_widgets: bool = True
    hidden: frozenset[str] = frozenset()  # class / id names the page's stylesheet hides
    depth: int = 0  # elements below the container, to bound the recursion
    # the lines of blocks named for the editor (`<div class="zrbj">责任编辑：…`), left out of
    # the text as widgets but read for names
    editor_lines: list[str] = field(default_factory=list)

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)
            if self.link_depth:
                self.link_chars += len(_LINK_SEPARATORS.sub("", text))
                self.link_marks += len(candidates.PROSE_MARKS.findall(text))

    def flush(self, block: HtmlElement) -> None:
        if not self.parts and not self.images:
            return  # most blocks close with nothing gathered since the last one (no links counted)
        spaces = _SPACE_RUN_IN_PRE if self.pre_depth else _SPACE_RUN
        text = spaces.sub(" ", "".join(self.parts)).strip()
        if text or self.images:
            self.lines.append(
                _Line(
                    text, block, self.images, self.link_chars, self.link_marks,
                    self.aside_depth > 0,
                )
            )  # fmt: skip
        self.parts, self.images, self.link_chars, self.link_marks = [], [], 0, 0


def _part_kind(element: HtmlElement, tag: str, walk: _Walk) -> int:
    """_TEXT, _SKIPPED (never text: scripts, hidden blocks, widgets) or _ASIDE (named like a
    sidebar, a stream or a footer: its text weighs against the body)."""
    if tag in cms.SKIPPED_TAGS:
        return _SKIPPED
    style = element.get("style")
    if style and cms.HIDDEN_STYLE.search(style) and not _revealed_prose(element, style):
        return _SKIPPED
    ident, classes = element.get("id"), element.get("class")
    if ident is None and classes is None:
        return _TEXT
    if walk.hidden and _hidden_by_name(ident, classes, style, walk.hidden):
        return _SKIPPED  # `.hide_word{display:none}` in the page's <style>
    names = f"{ident or ''} {classes or ''}"
    kind = cms.name_kind(names)
    if kind == cms.NAMED_WIDGET:
        # a share or print script's hook on the article itself (`<div id=artibody
        # class=BSHARE_POP>`, `<div id=printArea>`) names no widget: a widget holds no prose;
        # nor does an ad script's mark on a word of a sentence (`…让他<span
        # class=dosight_ad_word>感觉</span>自己…`)
        if not walk.skip_widgets or _hooked_prose(element, names) or _word_in_a_sentence(element):
            return _TEXT
        return _SKIPPED
    return _ASIDE if kind == cms.NAMED_BESIDE_BODY else _TEXT


def _word_in_a_sentence(element: HtmlElement) -> bool:
    """An inline element holding a few characters between Chinese characters of its
    paragraph: a word of the sentence that a script marks."""
    if element.tag not in _INLINE_MARKS or len(element):
        return False
    text, tail = element.text or "", element.tail or ""
    previous = element.getprevious()
    before = (previous.tail if previous is not None else element.getparent().text) or ""
    return (
        0 < len(text) <= _MARKED_WORD_CHARS
        and _CJK_CHAR.match(tail[:1]) is not None
        and _CJK_CHAR.match(before[-1:]) is not None
    )


def _names_editor(element: HtmlElement) -> bool:
    names = f"{element.get('id') or ''} {element.get('class') or ''}".lower()
    return any(word in names for word in vocab.EDITOR_NAME_WORDS)


def _revealed_prose(element: HtmlElement, style: str) -> bool:
    """Whether a block hidden only by `visibility: hidden` holds the article, which the page's
    script shows once it has set it up (`<div id="js_content" style="visibility: hidden;">`,
    a reposted WeChat article): paragraphs, or as much text. A block taken off the page
    (`display: none`, text of size 0) stays hidden whatever it holds: a hijacker's links, a
    copy for a share widget."""
    shown = _VISIBILITY_HIDDEN.sub("", style)
    if shown == style or cms.HIDDEN_STYLE.search(shown):
        return False  # hidden by something else than its visibility (or not by it at all)
    return (
        len(element.findall(".//p")) >= _HOOKED_PARAGRAPHS or _TEXT_LENGTH(element) >= _HOOKED_CHARS
    )


def _hooked_prose(element: HtmlElement, names: str) -> bool:
    """Whether a block named for a share or print script holds the article: paragraphs, or
    as much text as lines set apart by <br> make (an old editor's body). A class saying how a
    block prints (`hidden-print`, `noprint`) hooks no script, and a footer is never the text."""
    lowered = _PRINT_UTILITY.sub(" ", names.lower())
    if not any(hook in lowered for hook in _SCRIPT_HOOKS) or "footer" in lowered:
        return False
    return (
        len(element.findall(".//p")) >= _HOOKED_PARAGRAPHS or _TEXT_LENGTH(element) >= _HOOKED_CHARS
    )


def hidden_names(styles: Sequence[HtmlElement]) -> frozenset[str]:
    """The classes and ids a page's own <style> hides outright with a rule of their own
    (`.hide_word{display:none}`, `.a,#b{…;display:none}`); neither a rule for a descendant
    (`.a .b`), which hides less than its names say, nor one inside an @media block (what one
    screen hides, another shows). Found by plain string search: pages carry stylesheets of
    hundreds of kilobytes."""
    names: set[str] = set()
    for style in styles:
        css = style.text or ""
        for declaration in _HIDING_DECLARATIONS:
            at = css.find(declaration)
            while at >= 0:
                names.update(_rule_names(css, at))
                at = css.find(declaration, at + len(declaration))
    return frozenset(names)


def _rule_names(css: str, at: int) -> list[str]:
    """The names a top-level rule holding position `at` hides, when its selectors are plain
    classes and ids."""
    opened = css.rfind("{", 0, at)
    if opened < 0 or css.find("}", opened, at) >= 0:
        return []
    before = max(css.rfind("}", 0, opened), css.rfind("{", 0, opened))
    if before >= 0 and css[before] == "{":
        return []  # inside an @media block
    # each selector of a list hides its own elements: the plain ones are read, the others
    # (`[ng-cloak]`, `.a .b`) left out; `.ng-hide:not(.ng-hide-animate)` hides `.ng-hide`
    selectors = [part.strip() for part in css[before + 1 : opened].split(",")]
    return [m["name"] for part in selectors if (m := _SIMPLE_SELECTOR.fullmatch(part))]


def _walk(element: HtmlElement, walk: _Walk) -> None:
    if walk.depth >= _MAX_WALK_DEPTH:  # deeper than any layout: the rest is read as flat text
        for child in element:
            if isinstance(child.tag, str) and child.tag not in cms.SKIPPED_TAGS:
                walk.add(" ".join(_VISIBLE_TEXT(child)))
            walk.add(child.tail)
        return
    walk.depth += 1
    try:
        _walk_children(element, walk)
    finally:
        walk.depth -= 1


def _walk_children(element: HtmlElement, walk: _Walk) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str):  # comments, processing instructions
            walk.add(child.tail)
            continue
        kind = _part_kind(child, tag, walk)
        if walk.pre_depth and kind != _TEXT and tag not in cms.SKIPPED_TAGS:
            kind = _TEXT  # a highlighter's classes inside code (`hljs-comment`) name no widget
        if kind == _SKIPPED:
            walk.ruby = walk.ruby or tag in ("rt", "rp")
            if tag not in cms.SKIPPED_TAGS and _names_editor(child):
                walk.editor_lines.append(md.text_of(child)[:_BYLINE_LINE_CHARS])
            walk.add(child.tail)
            continue
        aside = kind == _ASIDE
        if tag == "ruby":
            _walk_ruby(child, walk)
        elif tag == "img":
            walk.images.append(child)
            walk.images_seen += 1
        elif tag == "figcaption":
            pass  # read with its image (see _images_of)
        elif tag in cms.BLOCK_TAGS:
            walk.flush(element)
            pre = tag == "pre"
            walk.aside_depth += aside
            walk.pre_depth += pre
            walk.add(child.text)
            _walk(child, walk)
            walk.flush(child)
            walk.aside_depth -= aside
            walk.pre_depth -= pre
        else:
            walk.aside_depth += aside
            _walk_inline(child, tag, walk)
            walk.aside_depth -= aside
        walk.add(child.tail)


def _walk_ruby(ruby: HtmlElement, walk: _Walk) -> None:
    """Base text of a <ruby>: its own text and <rb>s, never <rt>/<rp> (their tails stay)."""
    walk.ruby = True
    walk.add(ruby.text)
    for part in ruby:
        if part.tag == "rb":
            walk.add("".join(_VISIBLE_TEXT(part)))
        walk.add(part.tail)


def _walk_inline(child: HtmlElement, tag: str, walk: _Walk) -> None:
    # a link showing its own address after a label (`网址：<a>https://example.cn</a>`) is text,
    # not navigation
    text = child.text
    is_link = tag == "a" and not (
        text and text.lstrip()[:3].lower() in ("htt", "www")
        and _SHOWS_ADDRESS.match(text) and _after_label(child)
    )  # fmt: skip
    walk.link_depth += is_link
    walk.add(child.text)
    _walk(child, walk)
    walk.link_depth -= is_link
    if tag in cms.CELL_TAGS:
        walk.add(" ")


def _after_label(element: HtmlElement) -> bool:
    """Whether the text right before `element` ends with a colon (`网址：`)."""
    previous = element.getprevious()
    before = previous.tail if previous is not None else element.getparent().text
    return (before or "").rstrip().endswith((":", "："))


def walk_container(
    container: HtmlElement, skip_widgets: bool = True, hidden: frozenset[str] = frozenset()
) -> _Walk:
    walk = _Walk(skip_widgets=skip_widgets, hidden=hidden)
    walk.add(container.text)
    _walk(container, walk)
    walk.flush(container)
    return walk


def _is_centered(line: _Line) -> bool:
    for element in (line.block, line.block.getparent()):
        if element is None:
            continue
        if element.tag == "center" or (element.get("align") or "").lower() == "center":
            return True
        if _CENTERED.search(element.get("style") or ""):
            return True
    return False


def _is_marked_caption(line: _Line) -> bool:
    """A short line marked as a caption, by its class (`caption`) or its opening (`图为`)."""
    if not line.text or len(line.text) > 80:
        return False
    return bool(
        _CAPTION_START.match(line.text) or _CAPTION_CLASS.search(line.block.get("class") or "")
    )


def _is_caption(line: _Line, centered_body: bool) -> bool:
    """A short line after an image: marked as a caption, or centered in a body whose
    paragraphs are not (blogs center everything)."""
    if _is_marked_caption(line):
        return True
    return (
        0 < len(line.text) <= 80
        and not centered_body
        and _is_centered(line)
        and not _is_bold_heading(line)
    )


def _is_bold_heading(line: _Line) -> bool:
    """A short bold line without a sentence's punctuation (``<p align=center><strong>复旦求学
    得益启蒙</strong></p>``): a section's heading under a picture, not the picture's caption."""
    text = line.text
    if len(text) > _BOLD_HEADING_CHARS or _SENTENCE_MARK.search(text) or parse_date(text):
        return False
    bold = [e for e in line.block.iter("strong", "b") if e is not line.block]
    return bool(bold) and sum(len(md.text_of(e)) for e in bold) >= len(text)


def _mostly_centered(lines: list[_Line]) -> bool:
    """Over half of the body's text is centered (counted in characters: captions are short)."""
    centered = sum(len(line.text) for line in lines if line.text and _is_centered(line))
    return centered > 0.5 * sum(len(line.text) for line in lines)


def _is_chrome(text: str, position: int = 0) -> bool:
    """Page chrome standing as a line. A `时间：…` / `来源：…` line counts only at the top of
    the body (further down it is content, e.g. a meeting notice's 时间 and 地点)."""
    if _CHROME_LINE.match(text) or _BREADCRUMB_LINE.match(text):
        return True
    if len(text) <= _BUTTON_ROW_CHARS and _is_button_row(text):
        return True
    if text[0] == "【" and _is_bracketed_buttons(text):
        return True
    if vocab.IMAGE_FILE_NAME.match(text):
        return True
    if len(text) <= _BUTTON_ROW_CHARS and (
        _COUNTER_ROW.match(text)
        or (("？" in text or "?" in text) and _FEEDBACK_PROMPT.match(text))
        or _MORE_POSTS.match(text)
        or any(prompt in text for prompt in vocab.COMMENT_PROMPTS)
    ):
        return True
    if len(text) >= 120:
        return False
    if position < 2 and (_BARE_STAMP.fullmatch(text) or _NAME_AND_ADDRESS.fullmatch(text)):
        return True  # the top's stamp or source, unlabelled (`2022-02-11 09:52`)
    return _is_dated_info(text) or (position < 2 and bool(_INFO_LINE.match(text)))


def _is_button_row(text: str) -> bool:
    """`举报 收起`, `抢首赞 已赞过 已踩过`, `关注`, `评论 0`: buttons, alone or side by side,
    with their counts."""
    if not text or text[0] not in _BUTTON_FIRST_CHARS:  # most lines: no split needed
        return False
    words = [w for w in _BUTTON_SEPARATOR.split(text) if w]
    return bool(words) and all(w in _BUTTON_WORDS or _COUNT.fullmatch(w) for w in words)


def _is_bracketed_buttons(text: str) -> bool:
    """`【信息发布：区退役军人事务局】 【内容纠错】 【打印文章】 【关闭窗口】`: a row of bracketed
    items, most of them buttons."""
    if not _BRACKETED_ROW.fullmatch(text):
        return False
    items = _BRACKETED_ITEM.findall(text)
    return len(items) >= 2 and 2 * sum(item.strip() in _BUTTON_WORDS for item in items) > len(items)


def _is_dated_info(text: str) -> bool:
    """`http://biz.163.com 2005-04-25 08:24:06 来源: 第一财经日报`: a date and a label."""
    return bool(_INFO_LABEL_ANYWHERE.search(text) and _DATE_ANYWHERE.search(text))


@dataclass
class _Body:
    paragraphs: list[str]
    images: list[dict[str, str | None]]
    ruby: bool
    # short unlinked lines just before and after a body chosen by evidence: where a byline the
    # run left out stands (a name under the headline, 来源/编辑 lines after the text)
    lines_before: tuple[str, ...] = ()
    lines_after: tuple[str, ...] = ()
    # the line right above a run whose title element is far off or missing, when it reads like
    # a heading: a post's own title (a blog's permalink above the post)
    heading_above: tuple[str, HtmlElement] | None = None
    # dated info lines dropped after some text: a reprint's credit (`来源：澎湃新闻 2017-02-26
    # 15:18 作者：武汉大学历史学院郭伦`), read for a source and names the page gives nowhere else
    credit_lines: tuple[str, ...] = ()
    # a dated info line dropped at the top of the text, before any of it (`2025年1月20日
    # 来源：中国注册会计师协会` as its first centered paragraph): the article's own info line
    opening_info: str | None = None
    # the blocks of the first two lines kept as paragraphs: where the text opens
    first_block: HtmlElement | None = None
    second_block: HtmlElement | None = None


def _repeated_tables(lines: Sequence[_Line]) -> set[HtmlElement]:
    """The rows of a 信息公开 table the body shows twice (a responsive template's copy for
    phones beside the one for screens, both in the page): every copy's but the one with the
    most text, told apart by the index or document number they share."""
    tables: dict[HtmlElement, list[_Line]] = {}
    for line in lines:
        if (
            line.block.tag in _ROW_TAGS
            and (table := next(line.block.iterancestors("table"), None)) is not None
        ):
            tables.setdefault(table, []).append(line)
    if len(tables) < 2:
        return set()
    copies: dict[str, list[list[_Line]]] = {}
    for table, rows in tables.items():
        if any(md.may_head_disclosure(line.text) for line in rows) and (
            key := md.disclosure_key(table)
        ):
            copies.setdefault(key, []).append(rows)
    repeated: set[HtmlElement] = set()
    for same in copies.values():
        same.sort(key=lambda rows: sum(len(line.text) for line in rows), reverse=True)
        repeated.update(line.block for rows in same[1:] for line in rows)
    return repeated


def body_from_walk(walk: _Walk, base: str) -> _Body:
    """Paragraphs and images; a short line right after an image-only line is its caption."""
    paragraphs: list[str] = []
    images: list[dict[str, str | None]] = []
    credits: list[str] = []
    top_info: str | None = None  # the first dated info line before any text
    waiting: list[dict[str, str | None]] = []  # images of the last image-only line
    opening: list[HtmlElement | None] = []  # the first two paragraphs' blocks
    centered_body = bool(walk.images_seen) and _mostly_centered(walk.lines)
    header: HtmlElement | None = None
    headings = 0  # lines of the headline opening the walk (a top's stamp comes after them)
    after_section = False  # past the heading of a box set after the text (`相关链接>>`)
    repeated = _repeated_tables(walk.lines)
    text_chars = 0  # of the paragraphs so far
    for line in walk.lines:
        if repeated and line.block in repeated:
            continue
        new_images = _images_of(line, walk, base)
        images.extend(new_images)
        if not line.text:
            waiting = new_images
            continue
        if new_images and len(line.text) <= 80 and _CAPTION_START.match(line.text):
            for image in new_images:  # <p><img><span>图为…</span></p>
                image["caption"] = image["caption"] or line.text
            waiting = []
            continue
        if waiting and not new_images and _is_marked_caption(line):
            for image in waiting:  # a visible caption says more than the alt text
                image["caption"] = line.text
            waiting = []
            continue
        untitled = [i for i in waiting if i["caption"] is None]
        if (
            untitled
            and not new_images
            and _is_caption(line, centered_body)
            and not _credits_the_text(line.text)
        ):
            for image in untitled:
                image["caption"] = line.text
            waiting = []
            continue
        waiting = []
        if line.block.tag == "tr":
            if header is None and not paragraphs:  # a run may open below the field names
                above = md.previous_row(line.block)
                header = above if above is not None and md.is_disclosure_header(above) else None
            if header is not None and md.next_row(header) is line.block:
                header = None  # the values under a 信息公开 table's field names
                continue
            if md.may_head_disclosure(line.text) and md.is_disclosure_header(line.block):
                header = line.block
                continue
        if text_chars >= _TEXT_BEFORE_BOILERPLATE and candidates.is_boilerplate(line.text):
            break  # a site's standing notice under the text (`南海网版权声明：`) ends it
        if _is_chrome(line.text, len(paragraphs) - headings):
            if paragraphs and len(line.text) < _CREDIT_LINE_CHARS and _is_dated_info(line.text):
                credits.append(line.text)
            elif not paragraphs and top_info is None and _is_dated_info(line.text):
                top_info = line.text
            continue
        if line.link_chars > _LINK_DENSITY_LIMIT * len(_LINK_SEPARATORS.sub("", line.text)):
            continue
        if line.link_chars and after_section and _links_hold_its_words(line):
            continue
        after_section = after_section or bool(paragraphs and md.SECTION_HEADING.match(line.text))
        if len(opening) < 2:
            opening.append(line.block)
        if not paragraphs or headings == len(paragraphs):
            headings += _in_heading(line.block)  # the headline's lines over the text
        paragraphs.append(line.text)
        text_chars += len(line.text)
    opening += [None, None]
    return _Body(
        paragraphs,
        images,
        walk.ruby,
        credit_lines=tuple(credits),
        opening_info=top_info,
        first_block=opening[0],
        second_block=opening[1],
    )


def _credits_the_text(text: str) -> bool:
    """A line under the last picture crediting the text (`赵豪 文/图`, `（撰稿：…）`), not the
    picture's caption: a byline with a writer or reporter, no photographer's mark alone."""
    found = take_trailer_byline(text) if len(text) <= _CREDIT_LINE_CHARS else None
    return (
        found is not None
        and bool(found.authors or found.reporters)
        and not text.endswith(("摄", "攝", "摄影", "攝影"))
    )


def _in_heading(block: HtmlElement) -> bool:
    """A line of a heading element (or of an element inside one: `<h2><ucaptitle>`)."""
    parent = block.getparent()
    return block.tag in vocab.HEADING_TAGS or (
        parent is not None and parent.tag in vocab.HEADING_TAGS
    )


def _links_hold_its_words(line: _Line) -> bool:
    """A line whose every Chinese word is a link's, beside an identifier, a number or a date
    (`3d71a90c…: <a>杨兴平在凉山州调研时强调…</a>` under a related box's heading): a row of
    links, however long what stands beside it. (In a text, a linked sentence or a table's
    linked place names are the text's.)"""
    links = [a.text_content() for a in islice(line.block.iter("a"), _ROW_LINKS + 1)]
    if len(links) > _ROW_LINKS:  # no row: a block of many lines (and never a long walk)
        return False
    if sum(len(_LINK_SEPARATORS.sub("", text)) for text in links) != line.link_chars:
        return False  # the block's links are not all this line's
    words = _cjk_count(line.text)
    return words > 0 and sum(map(_cjk_count, links)) >= words


def _images_of(line: _Line, walk: _Walk, base: str) -> list[dict[str, str | None]]:
    found = []
    for img in line.images:
        url = md.image_url(img, base)
        if url:
            caption = _figcaption(img) or md.image_alt_caption(img)
            found.append({"url": url, "caption": caption})
    return found


def _figcaption(img: HtmlElement) -> str | None:
    figure = next(img.iterancestors("figure"), None)  # ancestor::figure[1]/figcaption
    caption = next(figure.iterchildren("figcaption"), None) if figure is not None else None
    return (md.text_of(caption) or None) if caption is not None else None


def _cjk_count(text: str) -> int:
    return len(_CJK.findall(text))


def _has_enough_cjk(text: str) -> bool:
    """At least _MIN_BODY_CJK CJK characters (stops counting there)."""
    return bool(_ENOUGH_CJK.match(text))


# --- choosing the body -------------------------------------------------------------------


def find_cms_container(
    root: HtmlElement,
    scan: cms.PageScan,
    profile: SiteProfile | None = None,
    hidden: frozenset[str] = frozenset(),
) -> HtmlElement | None:
    """The profile's body selector, else the best-ranked known CMS container holding text
    (the longest one when a page has several of the same rank), else the element a page
    script fills with the document's HTML (`bound_content`)."""
    if profile is not None and profile.body_selector:
        found = cms.compile_css(profile.body_selector)(root)
        if found:
            return found[0]
    by_rank: dict[int, list[HtmlElement]] = {}
    for rank, element in scan.containers:
        by_rank.setdefault(rank, []).append(element)
    for rank in sorted(by_rank):
        size, best = max((_TEXT_LENGTH(e), i) for i, e in enumerate(by_rank[rank]))
        if size >= 10:
            return _with_its_namesakes(by_rank[rank][best], by_rank[rank])
    return bound_content(root, hidden)


def _with_its_namesakes(chosen: HtmlElement, found: list[HtmlElement]) -> HtmlElement:
    """The block holding every element of the chosen one's id, when a page repeats an id
    meant to be unique once per paragraph (`<p><font id="zoom">…</font></p>` for each, as a
    saved copy or an old editor writes them) and those elements are most of its text;
    else the chosen one."""
    ident = chosen.get("id")
    namesakes = [e for e in found if ident and e.get("id") == ident]
    if len(namesakes) < _REPEATED_ID_PARAGRAPHS:
        return chosen
    holder = candidates.common_ancestor(namesakes[0], namesakes[-1])
    theirs = sum(_TEXT_LENGTH(e) for e in namesakes)
    return holder if theirs >= _REPEATED_ID_SHARE * _TEXT_LENGTH(holder) else chosen


def picture_container(
    scan: cms.PageScan, hidden: frozenset[str] = frozenset()
) -> HtmlElement | None:
    """The best-ranked known CMS container holding a picture and (almost) no text: a photo
    news item's body, when no container holds text."""
    for _rank, element in sorted(scan.containers, key=lambda found: found[0]):
        if (
            _TEXT_LENGTH(element) < 10
            and element.find(".//img") is not None
            and not _hidden_by(element, hidden)
        ):
            return element
    return None


def pictures_under(
    root: HtmlElement, title: HtmlElement | None, hidden: frozenset[str] = frozenset()
) -> HtmlElement | None:
    """The widest block holding the first picture after the headline (an <img> no smaller than
    _PICTURE_MIN_SIDE where its size is given, never an icon's file) inside the headline's
    wrapper, and a caption's words at most: what an article published as pictures shows
    under its headline."""
    if title is None:
        return None
    holding_title = set(title.iterancestors())
    wrappers = _title_neighbourhood(title)  # the article's own wrapper is among them
    after = False
    for element in root.iter():
        if element is title:
            after = True
        if not after or element.tag != "img" or not _is_picture(element):
            continue
        if wrappers.isdisjoint(element.iterancestors()):
            return None  # past the article's wrapper: a footer's badge
        block = element
        for ancestor in element.iterancestors():
            if ancestor in holding_title or len(md.text_of(ancestor)) > _SHORT_TEXT_CHARS:
                break
            block = ancestor
        return None if _hidden_by(block, hidden) else block
    return None


def _is_picture(img: HtmlElement) -> bool:
    sides = [img.get("width") or "", img.get("height") or ""]
    if any(side.isdigit() and int(side) < _PICTURE_MIN_SIDE for side in sides):
        return False
    return not _ICON_FILE.search(img.get("src") or "")


def _is_footer(paragraphs: Sequence[str]) -> bool:
    """Lines of a site's footer, half of them or more (`主办单位：… 承办单位：…`, `版权所有`)."""
    footer = sum(1 for p in paragraphs if classify_line(p) == "footer")
    return 2 * footer >= len(paragraphs)


def bound_content(root: HtmlElement, hidden: frozenset[str] = frozenset()) -> HtmlElement | None:
    """The element an AngularJS or Vue template fills with the document's HTML
    (`ng-bind-html="data.docClob|trustHtml"`, `v-html="article.content"`), as a browser rendered
    it: the longest one shown holding text enough for an article (a bound title or icon is
    not). A page saved before its script ran has none filled."""
    best, size = None, _MIN_BOUND_CHARS - 1
    for element in _BOUND_HTML(root):
        length = int(_TEXT_LENGTH(element))
        if length > size and not _hidden_by(element, hidden):
            best, size = element, length
    return best


def _hidden_by(element: HtmlElement, hidden: frozenset[str]) -> bool:
    """Hidden by its own or an ancestor's style, or by a class or id the page's style hides
    (`ng-hide`)."""
    for node in (element, *element.iterancestors()):
        if cms.styled_hidden(node):
            return True
        if hidden and _hidden_by_name(node.get("id"), node.get("class"), node.get("style"), hidden):
            return True
    return False


def _hidden_by_name(
    ident: str | None, classes: str | None, style: str | None, hidden: frozenset[str]
) -> bool:
    """An id or class the page's style hides (`hidden_names`), unless the element's own style
    shows it (`style="display: block"`, set by a script: it wins over a class rule)."""
    return (ident in hidden or not hidden.isdisjoint((classes or "").split())) and not (
        style and _SHOWN_STYLE.search(style)
    )


def find_dense_container(
    scope: HtmlElement, title: HtmlElement | None = None
) -> HtmlElement | None:
    """Readability-style: the element under `scope` whose paragraphs carry the most unlinked
    CJK text; blocks near the title count more, blocks named like streams/sidebars less."""
    scores: dict[HtmlElement, float] = {}
    for paragraph in cms.PARAGRAPHS(scope):
        score = _paragraph_score(paragraph)
        # A block of <br>-separated lines is a container itself; a paragraph's parent is.
        holds_lines = paragraph.tag != "p" and len(cms.LINE_BREAKS(paragraph)) > 1
        parent = paragraph if holds_lines else paragraph.getparent()
        if score == 0 or parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + score
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] = scores.get(grandparent, 0.0) + score / 2
    if not scores:
        return None
    near_title = _title_neighbourhood(title)
    for element in scores:
        scores[element] *= _placement_weight(element, near_title)
    return max(scores, key=scores.__getitem__)


def _paragraph_score(paragraph: HtmlElement) -> float:
    text = md.text_of(paragraph)
    if len(text) < _MIN_PARAGRAPH_CHARS:
        return 0.0
    linked = sum(len(md.text_of(a)) for a in cms.links_in(paragraph))
    if linked > _LINK_DENSITY_LIMIT * len(text):
        return 0.0
    return _cjk_count(text) + 3 * text.count("，") + 3 * text.count("。") + 1.0


def _title_neighbourhood(title: HtmlElement | None) -> set[HtmlElement]:
    """The title's nearest ancestors below <body>: the article's own wrapper is among them."""
    if title is None:
        return set()
    ancestors = [a for a in title.iterancestors() if a.tag not in ("body", "html")]
    return set(ancestors[:3])


def _placement_weight(element: HtmlElement, near_title: set[HtmlElement]) -> float:
    weight = 1.0
    for depth, ancestor in enumerate(element.iterancestors()):
        if ancestor in near_title:
            weight *= 2.0
            near_title = set()
        if depth < 6:
            names = f"{ancestor.get('id') or ''} {ancestor.get('class') or ''}"
            if names != " " and cms.is_aside_name(names):
                weight *= 0.3
    names = f"{element.get('id') or ''} {element.get('class') or ''}"
    if names != " " and cms.is_aside_name(names):
        weight *= 0.3
    return weight


def trafilatura_text(root: HtmlElement, url: str) -> str:
    """trafilatura on a copy of the tree (it prunes what it is given); ruby annotations out."""
    import trafilatura

    tree = copy.deepcopy(root)
    for annotation in tree.xpath("//rt | //rp"):
        annotation.drop_tree()
    # Default balance: on the real-page corpus it scored above favor_recall and favor_precision.
    text = trafilatura.extract(
        tree,
        url=url,
        include_comments=False,
        include_tables=True,
        with_metadata=False,
        deduplicate=False,
    )
    return text or ""


# --- the record fields ---------------------------------------------------------------------


class _HtmlParser(etree.HTMLParser):
    """lxml.html's parser less its element class lookup, which calls Python for every element
    a walk touches (about 0.25 ms a real page): every element is an `HtmlElement`. Only
    lxml.html's form classes (`FormElement`, `InputElement` …) are lost; nothing here uses them."""

    def __init__(self) -> None:
        super().__init__(recover=True, encoding="utf-8", huge_tree=True)
        self.set_element_class_lookup(_ELEMENT_CLASSES)


_ELEMENT_CLASSES = etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)


def parse_html(text: str, utf8: bytes | None = None) -> HtmlElement:
    """The tree of a decoded page, as Scrapy's selector builds it (the text's UTF-8 bytes, NUL
    characters dropped, `<?xml …?>` and meta charsets ignored), an empty page's `<html/>`.
    `utf8`: the page's own bytes when they are that text in UTF-8, parsed as they are (encoding
    the text again cost 0.2 ms a real page; the trees are the same on all 200 saved UTF-8 pages)."""
    if utf8 is not None:
        body = utf8.removeprefix(codecs.BOM_UTF8).strip() or b"<html/>"
    else:
        body = text.strip().replace("\x00", "").encode("utf-8", "replace") or b"<html/>"
    try:
        root = etree.fromstring(body, parser=_HtmlParser())
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        root = etree.fromstring(b"<html/>", parser=_HtmlParser())
    if root.getnext() is not None:
        _fold_into_body(root)
    return root  # type: ignore[no-any-return]


def _fold_into_body(root: HtmlElement) -> None:
    """What libxml2 leaves after the document's root, moved into the root's <body>, as a browser
    reads it. A template that includes its header as a whole page ends it with `</html>`, and
    the parser then starts a second <html> beside the first: its text (gov.cn's whole article)
    is reached by an XPath over the document, never by a walk of the root's tree."""
    body = next(root.iter("body"), None)
    if body is None:
        body = etree.SubElement(root, "body")
    head = next(root.iter("head"), None)
    for node in list(root.itersiblings()):
        body.append(node)
        if node.tag != "html":
            continue  # a comment after the root
        for part in list(node):
            if part.tag == "head" and head is not None:
                head.extend(list(part))  # its meta tags and <title> with the page's own
            if part.tag in ("head", "body"):
                part.drop_tag()
        node.drop_tag()


def as_tree(page: str | HtmlElement) -> HtmlElement:
    if not isinstance(page, str):
        return page.getroottree().getroot()
    return parse_html(page)


def extract_article(
    page: str | HtmlElement, url: str, profile: SiteProfile | None = None
) -> dict[str, Any]:
    """Record fields of an article page (see docs/ARCHITECTURE.md)."""
    root = as_tree(page)
    scan = cms.scan_page(root)
    meta = md.read_meta_tags(root)
    title_tag = md.page_title(root)
    title, title_element = _title(root, scan, meta, title_tag, profile)
    base = md.base_url(root, url)
    hidden = hidden_names(scan.styles)
    container = find_cms_container(root, scan, profile, hidden)
    cms.scan_labels(scan, container)
    trusted = container is not None and profile is not None and bool(profile.body_selector)
    named = container  # the CMS's own body block, even when too short to be the text's
    body, container = _body(
        root,
        container,
        title_element,
        url,
        base,
        trusted=trusted,
        hidden=hidden,
        pictures=picture_container(scan, hidden) if container is None else None,
    )
    if (
        body.first_block is not None
        and not (profile is not None and profile.title_selector)
        and _is_unvouched(root, scan, title, title_element, title_tag, meta)
    ):
        # the headline <title> joins to the site's name, shown whole; else the one nearest
        # above the text
        site_name = meta.get("sitename") or meta.get("og:site_name")
        if (
            (shown := md.shown_title_part(root, title_tag, site_name)) is not None
            or (
                (shown := md.shown_whole_title(root, title_tag, site_name)) is not None
                and not (title and shown[0] in title)  # the headline's first line alone
                and (title_element is None or _in_order(root, title_element, shown[1]))
            )
            or (shown := md.headline_above_text(root, scan, body.first_block, title_element))
            is not None
            or (
                # above the text: a dashed <title>'s longest part may be the signature's name
                (shown := md.shown_dashed_part(root, title_tag, site_name)) is not None
                and _in_order(root, shown[1], body.first_block)
            )
        ):
            title, title_element = shown
        elif (
            (over := md.headline_over_info_line(scan)) is not None
            and take_trailer_byline(over[0]) is None  # `澎湃新闻记者 贺梨萍` over the date
            and _in_order(root, *_present(title_element, over[1], body.first_block))
        ):
            # a heading far above (a pop-up's `<h3>市直部门</h3>`) and, between it and the
            # text, the headline over the info line
            title, title_element = over
    if body.heading_above is not None and (
        _is_unsupported(title, title_element, title_tag, meta)
        or _extends_title(body.heading_above[0], title, title_element)
    ):
        title, title_element = body.heading_above
    elif (
        not (profile is not None and profile.title_selector)
        and _weak_title(title, title_element, title_tag)
        and (over := _headline_over_info(body, scan)) is not None
        and not (title and over[0] in title)  # a part of it: a headline broken over lines
    ):
        title, title_element = over
    if title is None and container is not None:  # no <title>, no heading element
        title, title_element = md.heading_before(container)
        if title is None:  # a headline of two parts joined by a colon (`茉莉：我是怎样…`)
            title, title_element = md.heading_before(container, joined=True)
    elif container is not None and (
        md.names_a_site(title)
        or ((title_element is None or title_element.tag == "title") and not _shown(root, title))
    ):
        # a <title> the page never shows (`谢谢您访问〖关注中国中心〗`, a greeting): the
        # heading set above the text, when there is one
        heading, element = md.heading_before(container, joined=True, nodes=_HEADING_NEAR_NODES)
        if heading is None and body.first_block is not None:
            # the container holds its heading too: the one right above the text's first line
            heading, element = md.heading_before(
                body.first_block, joined=True, nodes=_HEADING_NEAR_NODES
            )
        if heading is not None:
            title, title_element = heading, element
    if title is None and (opening := _opening_headline(body)) is not None:
        title, title_element = opening
    if (
        md.names_a_site(title)
        and body.heading_above is not None
        and not _LONE_HANDLE.fullmatch(body.heading_above[0])  # a poster's name (`duscha`)
    ):
        title, title_element = body.heading_above  # still the site's name: the line over the text
    if title and (labelled := _TITLE_FIELD.match(unpadded := vocab.unpad_labels(title))):
        title = unpadded[labelled.end() :].strip() or title  # a disclosure table's title row
    info_line = md.find_info_line(scan, title_element)
    info_date, info_source = md.parse_info_line(info_line)
    breadcrumbs, breadcrumb_text = md.find_breadcrumbs(scan)
    if breadcrumbs and breadcrumbs[-1] == title:  # trails that end with the article itself
        breadcrumbs = breadcrumbs[:-1]
    document = md.find_disclosure(scan)
    paragraphs = _without_page_tail(
        _before_repeat(_without_heading(body.paragraphs, title, info_line), title)
    )
    flags = ["ruby_removed"] if body.ruby else []
    meta_date = _meta_date(meta)
    generated = _generated_at(meta)  # a PubDate that is when the page was last generated
    last_resort = meta_date if meta_date is not None and meta_date == generated else None
    if last_resort is None and _another_day(meta_date, info_date):
        last_resort = meta_date  # the page moved, was rebuilt or reprinted, or saved again
    meta_date = None if last_resort else meta_date
    # Only pages without a PubDate meta tag pay for reading every text node.
    page = page_dates(_PAGE_TEXT(root), title) if meta_date is None else PageDates()
    block_date = md.published_in(md.find_date_block(scan))  # `span.date`: read once
    dated = (
        _shown_same_day(info_date or block_date, meta_date),
        meta_date,
        page.under_title,
        info_date,
        (document or {}).get("published_at"),
        date_from_url(url),
        page.labelled,
        block_date,
        # the line right above the text (a post's heading with its time), when nothing
        # labelled or placed dates the page
        _line_date(body.lines_before[-1:]),
    )
    # a CMS's own record of the article, read only when nothing above dates it
    recorded = _property_date(root) if not any(dated) else None
    return {
        "title": title,
        "published_at": choose_published_at(*dated, recorded, last_resort, _meta_update(meta))
        or _script_timestamp(root),
        "source": _shown_source(
            _meta_source(meta, title),
            info_source or md.parse_info_line(body.opening_info)[1],
            meta.get("sitename"),
        )
        or md.find_source(scan)
        or md.parse_info_line(body.credit_lines[-1] if body.credit_lines else None)[1]
        or _source_after(body.lines_after),
        "site": _site(meta, url),
        "column": meta.get("columnname") or (breadcrumbs[-1] if len(breadcrumbs) > 1 else None),
        "breadcrumbs": breadcrumbs,
        "text": "\n".join(paragraphs),
        "images": _images(body, named, base),
        "attachments": _attachments(container if container is not None else named, base),
        "document": document,
        "flags": flags,
        "reporters": [],
        "editors": [],
        "reviewers": [],
        "_signals": {
            "page_title": title_tag,
            "meta_keywords": meta.get("keywords", ""),
            "meta_description": meta.get("description", ""),
            "info_line": info_line or "",
            "breadcrumb_text": breadcrumb_text,
            "site_name_meta": meta.get("sitename", ""),
            "footer_text": md.footer_text(scan),
            "date_line": page.context or "",
            "lines_before": "\n".join(body.lines_before),
            "lines_after": "\n".join(body.lines_after),
            "credit_line": "\n".join(body.credit_lines[-1:]),
            "author_line": _author_line(scan.authors),
        },
    }


def _title(
    root: HtmlElement,
    scan: cms.PageScan,
    meta: dict[str, str],
    title_tag: str,
    profile: SiteProfile | None,
) -> tuple[str | None, HtmlElement | None]:
    if profile is not None and profile.title_selector:
        found = cms.compile_css(profile.title_selector)(root)
        if found and (text := md.text_of(found[0])):
            return text, found[0]
    return md.find_title(scan, meta, title_tag)


def _body(
    root: HtmlElement,
    container: HtmlElement | None,
    title: HtmlElement | None,
    url: str,
    base: str,
    *,
    trusted: bool = False,
    hidden: frozenset[str] = frozenset(),
    pictures: HtmlElement | None = None,
) -> tuple[_Body, HtmlElement | None]:
    """A known container holding a clean body (a profile's whenever it holds text); else the
    run of lines the evidence scores best; the densest text block when the page has no prose;
    trafilatura only when all of these fail. `pictures`: the known container that holds
    pictures and no text (a photo news item's), when no container holds text: the body unless
    the page shows a text elsewhere, as is a known container holding pictures and too few
    words for a text (their caption)."""
    pictured: _Body | None = None  # a known container holding pictures, a caption at most
    short: _Body | None = None  # a known container holding a clean text of a few words
    if container is not None:
        walk = walk_container(container, hidden=hidden)
        body = body_from_walk(walk, base)
        clean = _is_clean_body(walk)
        if (trusted and body.paragraphs) or (clean and _has_enough_cjk("".join(body.paragraphs))):
            return _with_lines_after(body, container, walk), container
        if body.images and sum(map(len, body.paragraphs)) <= _SHORT_TEXT_CHARS:
            pictured = body  # pictures and a caption's words at most
        elif body.paragraphs and (clean or _links_to_files(container)):
            short = body
    elif pictures is not None:
        body = body_from_walk(walk_container(pictures, hidden=hidden), base)
        if body.images and not any(p.strip() for p in body.paragraphs):
            pictured, container = body, pictures
    page = next(root.iter("body"), root)
    for skip_widgets in (True, False):  # utility class names (`r-font-black`) read as widgets
        whole = walk_container(page, skip_widgets=skip_widgets, hidden=hidden)
        start, end, prose = candidates.choose_run(whole.lines, _title_line(whole, title))
        end = _with_closing_pictures(whole.lines, end)
        if pictured is not None and prose < _TEXT_BESIDE_PICTURES:
            # a photo news item, its body the pictures: not a footer's or a notice's lines
            return pictured, container
        if prose >= _MIN_RUN_PROSE:
            run = _Walk(lines=whole.lines[start:end], ruby=whole.ruby)
            run.images_seen = sum(len(line.images) for line in run.lines)
            ours = body_from_walk(run, base)
            if ours.paragraphs:  # a short post is a body too
                title_line = _title_line(whole, title)
                ours.lines_before = _byline_lines(
                    whole.lines[max(start - _LINES_BEFORE_READ, title_line + 1) : start]
                )
                holder = candidates.common_ancestor(run.lines[0].block, run.lines[-1].block)
                if (
                    short is not None
                    and container is not None
                    and holder in container.iterancestors()
                ):
                    # the CMS's own block holds a clean text of a few words, and the run
                    # only adds what stands around it (a 信息公开 table over a one-sentence
                    # notice, its 内容概述 repeating it): the block's text is the article's
                    return _with_lines_after(short, container, walk), container
                # the lines after the run, and those right after its block: an editor's line
                # in a block the walk skips as a widget (`<div class="zrbj">责任编辑：…`)
                after = _byline_lines(_unlinked_after(whole.lines, end))
                ours.lines_after = after + tuple(
                    line
                    for line in (*_lines_after(holder), *whole.editor_lines)
                    if line not in after
                )
                ours.heading_above = _heading_above(whole.lines, start, title_line)
                return ours, holder
    dense = find_dense_container(page, title)
    if dense is not None:
        ours = body_from_walk(walk_container(dense, hidden=hidden), base)
        if _has_enough_cjk("".join(ours.paragraphs)) and not _is_footer(ours.paragraphs):
            return ours, dense
    if container is None and pictured is None:
        # the pictures right under the headline, when no container is known (a report
        # published as images, under its headline and info line)
        under = pictures_under(root, title, hidden)
        if under is not None:
            walk = walk_container(under, hidden=hidden)
            # a box's heading left with nothing under it (`相关附件：`) is no caption
            walk.lines = [line for line in walk.lines if not _BOX_HEADING_ALONE.match(line.text)]
            body = body_from_walk(walk, base)
            if body.images and sum(map(len, body.paragraphs)) <= _SHORT_TEXT_CHARS:
                return body, under  # pictures and a caption's words at most
    if short is not None:  # a page of a few words (详见附件。, an article's last lines)
        return _with_lines_after(short, container, walk), container
    theirs = trafilatura_text(root, url)
    paragraphs = [p for p in (_TABLE_PIPES.sub("", line) for line in theirs.split("\n")) if p]
    ruby = bool(cms.ANY_RUBY(root))
    kept = [p for i, p in enumerate(paragraphs) if not _is_chrome(p, i)]
    return _Body(kept, [], ruby), container  # never the dense block refused above


def _with_lines_after(body: _Body, container: HtmlElement, walk: _Walk) -> _Body:
    """A known container's body with the lines read for bylines after it: the elements right
    after the container, and the editor's lines its walk left out as widgets."""
    body.lines_after = (*_lines_after(container), *walk.editor_lines)
    return body


def _with_closing_pictures(lines: Sequence[_Line], end: int) -> int:
    """The end of a run with the pictures closing the article after its last line, each with
    its caption, centered or marked as one (`<p align=center><img><br>合影</p>`): blocks of
    the last line's tag beside it, so that a box of share icons or a QR code after the text
    stays out."""
    if end == 0 or end >= len(lines):
        return end
    last = lines[end - 1].block
    parent = last.getparent()

    def beside(line: _Line) -> bool:
        return line.block.tag == last.tag and line.block.getparent() is parent

    while end < len(lines) and lines[end].images and not lines[end].text and beside(lines[end]):
        end += 1
        after = lines[end] if end < len(lines) else None
        if (
            after is not None
            and not after.images
            and not after.link_chars
            and 0 < len(after.text) <= _SHORT_TEXT_CHARS
            and beside(after)
            and (_is_marked_caption(after) or _is_centered(after))
        ):
            end += 1  # its caption
    return end


def _images(body: _Body, named: HtmlElement | None, base: str) -> list[dict[str, str | None]]:
    """The body's pictures; for a text too short to be read from the CMS's own body block (a
    photo news item: a picture and its caption), that block's pictures."""
    if body.images or named is None:
        return body.images
    if sum(len(p) for p in body.paragraphs) >= _SHORT_TEXT_CHARS:
        return body.images
    return body_from_walk(walk_container(named), base).images


def _attachments(container: HtmlElement | None, base: str) -> list[dict[str, str]]:
    return md.collect_attachments(container, base) if container is not None else []


_PROPERTY_COMMENTS = etree.XPath("//comment()[starts-with(normalize-space(.), 'enpproperty')]")
_PROPERTY_DATE = re.compile(r"<date>\s*([^<]{8,40}?)\s*</date>")


def _line_date(lines: Sequence[str]) -> str | None:
    """The date a short line holds (``湘菜粤菜 兵分两路 (图) 2005-06-14 03:25:55``)."""
    for line in lines:
        if _DATE_ANYWHERE.search(line) and (day := parse_date(line)):
            return day
    return None


def _author_line(named: list[HtmlElement]) -> str:
    """What the page marks as its author (an id or class naming the author: ``<span
    class="m-from-author__by-label">作者：</span><a class="m-from-author__name">安东尼</a>``),
    read as an info line (``作者：安东尼``); the outermost of nested ones."""
    outermost: list[HtmlElement] = []
    for element in named:
        if not any(o in element.iterancestors() for o in outermost):
            outermost.append(element)
        if len(outermost) > _AUTHOR_ELEMENTS_READ:
            break
    for element in outermost[:_AUTHOR_ELEMENTS_READ]:
        if md.is_hidden(element):  # a hidden block's author (an SEO column's `div.author`)
            continue
        text = md.text_of(element)
        if not 1 < len(text) <= _BYLINE_LINE_CHARS:
            continue
        if _ROLE_WORD.search(text):
            if _LABEL_ALONE.match(text):  # an empty field (`作者：`): the editor's may follow
                continue
            return text
        if is_name(text) and has_common_surname(text):  # a name alone (a link to its page)
            return f"作者：{text}"
    return ""


def _lines_after(container: HtmlElement) -> tuple[str, ...]:
    """The short, unlinked lines of the elements right after a body container (of an
    ancestor's, up to a few levels, when it closes its parent): where an editor line set apart
    from the text stands (``<div id="content">…</div><div align="right">编辑：毛梦囡</div>``);
    of an element holding links, its unlinked children's (``<div><div>责任编辑：崔宁宁</div>
    <div><a>返回首页</a></div></div>``)."""
    node: HtmlElement | None = container
    for _ in range(_AFTER_LEVELS):
        if node is None:
            return ()
        following = list(islice(
            (e for e in node.itersiblings()
             if isinstance(e.tag, str) and e.tag not in _INVISIBLE and not cms.styled_hidden(e)),
            _AFTER_ELEMENTS,
        ))  # fmt: skip
        sizes = [_TEXT_LENGTH(e) for e in following]  # in C: a footer's text is long
        if any(sizes):
            return tuple(_short_unlinked(following, sizes))
        node = node.getparent()
    return ()


def _short_unlinked(elements: list[HtmlElement], sizes: list[float]) -> Iterator[str]:
    for element, size in zip(elements, sizes, strict=True):
        if element.tag == "a" or size <= 1:
            continue
        if not element.xpath(".//a[@href]"):
            text = md.text_of(element) if size <= _BYLINE_LINE_CHARS else ""
            if 1 < len(text) <= _BYLINE_LINE_CHARS:
                yield text
            continue
        for child in element:  # a row of blocks, some linked: the unlinked ones
            if (
                isinstance(child.tag, str)
                and child.tag not in _INVISIBLE
                and child.tag != "a"
                and not cms.styled_hidden(child)
                and 1 < _TEXT_LENGTH(child) <= _BYLINE_LINE_CHARS
            ):
                line = md.text_of(child)
                if 1 < len(line) <= _BYLINE_LINE_CHARS and not child.xpath(".//a[@href]"):
                    yield line
        # its own words beside the links (`<span><a>【我要纠错】</a></span>责任编辑：宋岩`)
        own = md.clean_space(
            " ".join(t for t in (element.text, *(c.tail for c in element)) if t and t.strip())
        )
        if 1 < len(own) <= _BYLINE_LINE_CHARS:
            yield own


def _unlinked_after(lines: Sequence[_Line], end: int) -> list[_Line]:
    """The first `_AFTER_RUN_LINES` unlinked lines after a run, past the rows of a related box
    set between the text and its byline (`相关阅读：`, its linked rows, then `作者：…`), within
    `_AFTER_RUN_REACH` lines. A picture's line holds no words and is not counted (a photo, its
    caption, the unit's line, then `编辑：玉洁`)."""
    window = lines[end : end + _AFTER_RUN_REACH]
    return [line for line in window if _unlinked(line) and line.text][:_AFTER_RUN_LINES]


def _byline_lines(lines: Sequence[Any]) -> tuple[str, ...]:
    """The short, unlinked lines among `lines` (a byline is never a link nor a paragraph); a
    row of labelled fields naming a role may be longer (`来源： 中国网 | 作者： | 责编：胡金
    电子信箱：…`)."""
    return tuple(
        text for line in lines
        if _unlinked(line)
        and len(text := line.text.strip()) > 1
        and (len(text) <= _BYLINE_LINE_CHARS
             or (len(text) <= _FIELDS_ROW_CHARS and _ROLE_LABEL.search(text) is not None))
    )  # fmt: skip


def _unlinked(line: _Line) -> bool:
    """No link, or a short one in a line five times as long: an icon's letter (`<a>N</a>` opening
    the editor's row `N编辑: 温网编辑|责任编辑: 黄作敏`), a linked source's name (`来源：
    <a>中国网</a> | 作者： | 责编：胡金`). A menu's word alone is no byline line."""
    links = line.link_chars
    return not links or (links <= _LINKED_VALUE_CHARS and _LINKED_SHARE * links <= len(line.text))


def _shown(root: HtmlElement, title: str | None) -> bool:
    """Whether a text of the page shows `title`'s opening (up to its first space): a <title>
    may close with what the page never shows (a page number, the forum's name)."""
    opening = title.split()[0][:_SHOWN_PREFIX] if title and title.strip() else ""
    return not opening or bool(_SHOWS(root, opening=opening))


def _opening_headline(body: _Body) -> tuple[str, HtmlElement] | None:
    """Nothing above the text gives a title: a text that opens with its headline, set apart
    from the line after it (`<td align=center>余政储出【2017】14、15号…公告</td>` over the
    text; never the first line of a text set all centered, a poem's)."""
    if body.first_block is None or body.second_block is None:
        return None
    block = _sole_child(body.first_block)  # a table row's one cell
    if not md.reads_like_post_heading(body.paragraphs[0]) or not md.is_set_like_heading(block):
        return None
    if md.heading_marks(block) <= md.heading_marks(_sole_child(body.second_block)):
        return None
    return body.paragraphs[0], block


def _sole_child(element: HtmlElement, levels: int = 2) -> HtmlElement:
    """The element a block holds alone (`<tr><td align=center>…</td></tr>`), else the block."""
    for _ in range(levels):
        children = [child for child in element if isinstance(child.tag, str)]
        if len(children) != 1 or md.text_of(children[0]) != md.text_of(element):
            break
        element = children[0]
    return element


def _is_unvouched(
    root: HtmlElement,
    scan: cms.PageScan,
    title: str | None,
    element: HtmlElement | None,
    title_tag: str,
    meta: dict[str, str],
) -> bool:
    """A title nothing but its tag vouches for: none; a <title> the page never shows; a heading
    element that neither <title> nor a title meta tag echoes (a sidebar's `<h2>友情链接</h2>`
    when <title> names only the site), or that holds <title> as other headings do."""
    if title is None:
        return True
    if title in (meta.get("articletitle"), meta.get("og:title")):
        return False
    if md.names_a_site(title):  # shown in the banner, or echoed by <title>: still no headline
        return True
    if element is None or element.tag == "title":
        return not _shown(root, title)
    tag = title_tag.strip()
    if not tag:
        return True
    if title in tag:
        return False
    core = md.strip_title_suffix(tag)
    if core not in title:
        return True
    # <title> only part of the heading: it vouches unless other headings hold it too (the
    # site's name, `国家金融监督管理总局`, that headlines of related articles open with)
    return any(core in text and text != title for text in map(md.text_of, scan.titles))


_LINES_OVER_TITLE = 6  # lines a container may hold over the headline it repeats
_OVER_TITLE_CHARS = 40
_LONE_HANDLE = re.compile(r"[\w.\-]+", re.ASCII)


def _present(*elements: HtmlElement | None) -> list[HtmlElement]:
    """The elements given, each once, None left out (an element is never tested for truth:
    lxml makes one without children false)."""
    found: list[HtmlElement] = []
    for element in elements:
        if element is not None and all(element is not e for e in found):
            found.append(element)
    return found


def _in_order(root: HtmlElement, *elements: HtmlElement | None) -> bool:
    """The elements stand in this order in the page."""
    wanted = {e: n for n, e in enumerate(elements) if e is not None}  # held: never a reused id
    if len(wanted) < len(elements):
        return False
    seen = [wanted[e] for e in root.iter() if e in wanted]
    return seen == sorted(seen) and len(seen) == len(elements)


def _is_unsupported(
    title: str | None, element: HtmlElement | None, title_tag: str, meta: dict[str, str]
) -> bool:
    """No title, or one only a heading element gives: neither <title> nor a meta tag echoes
    it (a profile's title selector is never questioned: its element is not a heading tag)."""
    if title is None:
        return True
    if element is None or element.tag not in _HEADINGS or title in title_tag:
        return False
    return not any(meta.get(key) for key in ("articletitle", "og:title"))


def _heading_above(lines: Sequence[Any], start: int, title_line: int) -> tuple[str, Any] | None:
    """The line right above a body run (above its stamp: a time, a site's address, an info
    line), when the title element stands far from the run or there is none: a post's own
    heading, its time stripped (``湘菜粤菜 兵分两路 (图) 2005-06-14 03:25:55``), plain or one
    link (a permalink); never a row of links."""
    if title_line >= 0 and 0 < start - title_line <= _TITLE_NEAR_LINES:
        return None
    window = lines[max(0, start - _HEADING_ABOVE_LINES) : start]
    badge = _date_badge(window)
    for line in reversed(window):
        text = _TRAILING_STAMP.sub("", line.text.strip())
        if (
            not text
            or _URL_ONLY.match(text)
            or _is_dated_info(text)
            or _INFO_LINE.match(text)
            or _AUTHOR_LINE.match(text)
            or take_trailer_byline(text) is not None  # `见习记者 庄小琴`
        ):
            continue  # a post's stamp (its time, its site's address), its info or author line
        if any(line is piece for piece in badge) or _is_button_row(text):
            continue  # a date set as a badge (`21` / `2024年02月`), a share button
        if line.link_chars and (
            line.link_chars * 5 < len(text) * 4
            or len(line.block.xpath(".//a[@href]")) != 1
            or _in_list_item(line.block)
        ):
            return None  # a row of links, or an item of a list of them
        return (text, line.block) if md.reads_like_post_heading(text) else None
    return None


def _date_badge(lines: Sequence[Any]) -> list[Any]:
    """The two lines of a date set as a badge: a day alone beside a year and month."""
    for first, second in pairwise(lines):
        pair = (first.text.strip(), second.text.strip())
        if BADGE_DAY.fullmatch(pair[0]) and BADGE_YEAR_MONTH.fullmatch(pair[1]):
            return [first, second]
        if BADGE_YEAR_MONTH.fullmatch(pair[0]) and BADGE_DAY.fullmatch(pair[1]):
            return [first, second]
    return []


def _extends_title(heading: str, title: str | None, element: HtmlElement | None) -> bool:
    """A title only <title> gives that the heading above the text opens with and goes on from:
    the site's name (`浙江省淡水水产研究所`) over its news (`浙江省淡水水产研究所召开…大会`)."""
    if not title or (element is not None and element.tag != "title"):
        return False
    return heading.startswith(title) and len(heading) >= len(title) + _HEADING_EXTENSION_CHARS


def _headline_over_info(body: _Body, scan: cms.PageScan) -> tuple[str, HtmlElement] | None:
    """The headline a template sets without a heading tag, right over the info line (a label
    and a date): the line right above the text, the text's opening line, or the block before
    the page's first dated info line (over a CMS's own container)."""
    opening = None
    if body.first_block is not None and body.paragraphs:  # a block may be left with no line
        opening = (body.paragraphs[0], body.first_block)
    for line in (body.heading_above, opening):
        if line is not None and md.stands_for_headline(line[0]) and _over_info_line(line[1]):
            return line
    return md.headline_over_info_line(scan)


def _weak_title(title: str | None, element: HtmlElement | None, title_tag: str) -> bool:
    """No title; one only <title> gives, which the page shows nowhere as an element of its own
    (the site's name, `China-Pub blog`); or a block named a title that <title> does not echo
    (a footer's `友情链接`): the headline over the info line (`<div>关于…的通知</div><div>发布
    时间：…</div>`, no heading tag) takes its place."""
    if title is None or element is None:
        return True
    return element.tag not in _HEADINGS and title not in title_tag


def _over_info_line(block: HtmlElement) -> bool:
    """The next element after the block that shows words is an info line: a label and a date
    (past an empty subtitle slot, `<div class="z1"><strong></strong></div>`)."""
    for after in block.itersiblings():
        if isinstance(after.tag, str) and (text := md.text_of(after)):
            return _is_dated_info(text)
    return False


def _in_list_item(block: HtmlElement) -> bool:
    node: HtmlElement | None = block
    for _ in range(3):
        if node is None:
            return False
        if node.tag in _LIST_ITEM_TAGS:
            return True
        node = node.getparent()
    return False


def _title_line(walk: _Walk, title: HtmlElement | None) -> int:
    """The index of the first line inside the title element, -1 when none is."""
    if title is None:
        return -1
    inside = set(title.iter())
    return next((i for i, line in enumerate(walk.lines) if line.block in inside), -1)


def _links_to_files(container: HtmlElement) -> bool:
    """Every link in `container` leads to a file (`详见附件。` over the notice's attachments)."""
    links = cms.links_in(container)
    return bool(links) and all(
        vocab.ATTACHMENT_EXTENSION.search(link.get("href", ""))
        or vocab.ATTACHMENT_EXTENSION.search(md.text_of(link))
        for link in links
    )


def _is_clean_body(walk: _Walk) -> bool:
    """A container whose link text is at most half its prose: an article's body, not a page
    wrapper that also holds the navigation, link lists or a player's menus. (Unpunctuated
    lines do not count against it: schedules and tables of names are bodies too.)"""
    prose = 0.0
    linked = 0
    for line in walk.lines:
        prose += max(candidates.line_value(line), 0.0)
        linked += line.link_chars
    return linked <= _CLEAN_LINK_SHARE * prose


def _without_heading(paragraphs: list[str], title: str | None, info_line: str | None) -> list[str]:
    """Drop the title and the info line when a container repeats them at its top; a title set
    on several lines (`教育部办公厅关于举办…` / `宣传教育活动的通知`) goes piece by piece."""
    start = _lines_over_title(paragraphs, title)
    rest = _SPACE_RUN.sub("", title or "")
    for paragraph in paragraphs[start : start + 5]:
        piece = _SPACE_RUN.sub("", paragraph)
        if paragraph == title or (info_line and paragraph == info_line):
            start += 1
        elif len(piece) >= _TITLE_PIECE_CHARS and rest.startswith(piece):
            rest = rest[len(piece) :]  # the title's next line
            start += 1
        elif len(piece) >= _TITLE_PIECE_CHARS and rest.endswith(piece):
            rest = ""  # its last line, the lines before it set apart from the text
            start += 1
        else:
            break
    return paragraphs[start:]


def _lines_over_title(paragraphs: list[str], title: str | None) -> int:
    """Where the title stands when a container holds short lines over it (a box of picture news
    set inside the article's block): the text never opens before its headline. 0 when the
    title is not among the first lines, or a sentence stands over it."""
    found = 0
    for index, paragraph in enumerate(paragraphs[:_LINES_OVER_TITLE]):
        if paragraph == title:
            if not all(_short_unpunctuated(line) for line in paragraphs[:index]):
                break
            found = index  # the last time: a trail's last step, then the headline
    return found


def _short_unpunctuated(line: str) -> bool:
    return len(line) <= _OVER_TITLE_CHARS and not line.endswith(("。", "！", "？", "；"))


def _before_repeat(paragraphs: list[str], title: str | None) -> list[str]:
    """The text up to where it starts over: a page holding the article twice (a reader's mode
    for the elderly, a copy for phones) read as one run. The first long paragraph and those
    after it, met again in that order, open the second copy; the short unpunctuated lines just
    before it that the copy does not hold (the site's footer, the headline over the copy) go
    too, up to the document's closing date."""
    first = next((i for i, p in enumerate(paragraphs) if len(p) >= _REPEAT_CHARS), None)
    if first is None or first + 1 >= len(paragraphs):
        return paragraphs
    opening, following = paragraphs[first], paragraphs[first + 1]
    if opening == following:
        return paragraphs  # one paragraph over and over is no copy of a text
    for again in range(first + 2, len(paragraphs) - 1):
        if paragraphs[again] != opening or paragraphs[again + 1] != following:
            continue
        same = 0
        while (
            again + same < len(paragraphs)
            and first + same < again
            and paragraphs[first + same] == paragraphs[again + same]
        ):
            same += 1
        if same < min(_REPEAT_LINES, again - first):
            continue
        repeated = set(paragraphs[again:])
        cut = again
        while cut > first + 1 and paragraphs[cut - 1] not in repeated:
            line = paragraphs[cut - 1]
            if line != title and (
                len(line) > _TAIL_LINE_CHARS or candidates.PROSE_MARKS.search(line)
            ):
                break
            if candidates.SIGNATURE_DATE.match(line):
                break
            cut -= 1
        return paragraphs[:cut]
    return paragraphs


def _without_standing_lines(paragraphs: list[str]) -> list[str]:
    """A platform's standing lines closing the text, or right above its short trailer
    (`声明：本网转载此文出于传递更多信息之目的…` over `[作者: 刘满仓 责任编辑: 杨丹宇 ]`)."""
    for i in range(len(paragraphs) - 1, max(0, len(paragraphs) - _TRAILING_BOILERPLATE) - 1, -1):
        if (
            i
            and candidates.is_boilerplate(paragraphs[i])
            and all(len(line) < _TAIL_LINE_CHARS for line in paragraphs[i + 1 :])
        ):
            paragraphs = paragraphs[:i] + paragraphs[i + 1 :]
    return paragraphs


def _tail_line(line: str) -> bool:
    """A line of what a page sets after the text: short, and no sentence (a headline, a count;
    `会议还研究了其他事项，…。` under a box set inside the text is the text's)."""
    return len(line) < _TAIL_LINE_CHARS and not (
        line.endswith(("。", "！", "？")) and candidates.PROSE_MARKS.search(line[:-1])
    )


def _without_page_tail(paragraphs: list[str]) -> list[str]:
    """Short lines after the editor trailer (`责任编辑：X`) closing an article are page chrome
    (`新媒体实验室`, `举报邮箱：…`); the trailer itself stays for the byline step. The heading
    of what a page sets after the text (`作者其他文章`, `相关阅读`, `最新评论`) and the short
    lines under it (links, `共 0 条评论`) go too, within the last `_SECTION_WINDOW` lines, and
    a platform's standing lines closing the text (`…仅提供信息发布平台`, `扫描下方二维码…`)."""
    section = paragraphs[-_SECTION_WINDOW:]
    for i, line in enumerate(section):
        if len(section) - i == len(paragraphs):
            continue  # the text's first line is never a heading of what follows the text
        if md.SECTION_HEADING.match(line) and all(_tail_line(x) for x in section[i:]):
            # an editor trailer under it (a related box set between the text and its trailer)
            # stays for the byline step
            trailers = [x for x in section[i + 1 :] if _EDITOR_TRAILER.match(x)]
            paragraphs = paragraphs[: len(paragraphs) - len(section) + i] + trailers
            break
    paragraphs = _without_standing_lines(paragraphs)
    # a count of readers and an empty tag field closing the block (`阅读 539`, `标签：`)
    while len(paragraphs) > 1 and _TRAILING_COUNT_OR_TAGS.match(paragraphs[-1]):
        paragraphs = paragraphs[:-1]
    tail = paragraphs[-_TAIL_WINDOW:]
    for i in range(len(tail) - 2, -1, -1):
        if _EDITOR_TRAILER.match(tail[i]):
            after = tail[i + 1 :]
            if all(len(line) < _TAIL_LINE_CHARS for line in after):
                return _without_standing_lines(paragraphs[: len(paragraphs) - len(after)])
            break
    return paragraphs


def _meta_date(meta: dict[str, str]) -> str | None:
    key = next((k for k in _META_DATE_KEYS if meta.get(k)), None)
    return parse_date(meta[key]) if key else None


def _script_timestamp(root: HtmlElement) -> str | None:
    """The moment a page's script gives its publication as a Unix time (``var ct =
    "1581517074"``, ``publish_time: 1581517074``), when nothing shown or tagged dates it:
    platforms that render the date by script show only 昨天 / 前天."""
    for script in _SCRIPT_TEXT(root):
        if match := _PUBLISH_TIMESTAMP.search(script):
            moment = datetime.fromtimestamp(int(match["seconds"]), tz=_CHINA_TIME)
            return moment.isoformat(timespec="seconds")
    return None


def _property_date(root: HtmlElement) -> str | None:
    """The date a CMS writes into a comment of the article's properties, when nothing the page
    shows or tags dates it: Founder ENP (方正翔宇), many newspaper groups' and some
    governments' CMS, ``<!--enpproperty <articleid>128707</articleid><date>2022-02-13
    00:00:00:0</date><author></author>…/enpproperty-->``."""
    for comment in _PROPERTY_COMMENTS(root):
        if match := _PROPERTY_DATE.search(comment.text or ""):
            return parse_date(match.group(1))
    return None


def _meta_update(meta: dict[str, str]) -> str | None:
    key = next((k for k in _META_UPDATE_KEYS if meta.get(k)), None)
    return parse_date(meta[key]) if key else None


def _generated_at(meta: dict[str, str]) -> str | None:
    """When the page was generated, as a platform's `others` meta tag says (``页面生成时间
    2022-04-24 10:00:43``): a CMS that regenerates its pages writes that moment into PubDate
    too, years after the article was published."""
    match = _GENERATED.search(meta.get("others", ""))
    return parse_date(match.group(1)) if match else None


def _meta_source(meta: dict[str, str], title: str | None) -> str | None:
    """ContentSource, or a `source` tag (`来源：人民网-人民日报`) without its label; never the
    article's own title, which a template may fill the tag with."""
    value = meta.get("contentsource") or meta.get("source")
    source = _SOURCE_LABEL.sub("", value).strip() if value else ""
    if source in (title, meta.get("articletitle")):
        return None
    return source if source and md.is_plain_value(source) else None


def _another_day(meta_date: str | None, shown: str | None) -> bool:
    """Whether a date tag gives another day than the one the info line shows: `PubDate`
    2023-05-12 over `发布时间：2009-09-30` (the day a new site took the page in), 2019-03-19
    over `发布日期：2020-05-22` (the decree's first record, the page its reprint), 2021-04-09
    over `2021-04-07` (the day an editor last saved it). What a reader sees is the date."""
    return bool(meta_date and shown and meta_date[:10] != shown[:10])


def _shown_same_day(shown: str | None, meta_date: str | None) -> str | None:
    """The time the info line shows, when a date tag gives the same day another minute
    (`article:published_time` 19:56:29, the page 19:55): what a reader sees."""
    if shown and meta_date and len(shown) > 10 and shown[:10] == meta_date[:10]:
        return shown if shown[:16] != meta_date[:16] else None  # the tag's seconds are kept
    return None


def _source_after(lines: Sequence[str]) -> str | None:
    """The source a line right after the text gives, labelled (`来源： 温州都市报 作者： 周俊朗
    编辑： 施袭森`, the fields a template prints under the text), when nothing above does."""
    return next((source for line in lines if (source := md.parse_info_line(line)[1])), None)


def _shown_source(
    meta_source: str | None, shown: str | None, site: str | None = None
) -> str | None:
    """The source tag's, unless the page shows it shorter or longer (tag `人民网-文化频道 原创稿`,
    line `来源：人民网-文化频道`; tag `浙江`, line `来源：浙江监管局`): what a reader sees."""
    if (
        meta_source
        and shown
        and shown != meta_source
        and (
            meta_source.startswith(shown)
            or (shown.startswith(meta_source) and not shown[len(meta_source)].isspace())
        )
    ):
        return shown  # the tag's longer, or cut short within a word (`浙江` for `浙江监管局`)
    names_site = meta_source is not None and (
        meta_source.endswith(vocab.SITE_NAME_ENDINGS) or names_the_site(meta_source, site)
    )
    if shown and names_site:
        return shown  # a template's default naming the site (`辽阳网站`), the line the article's
    return meta_source or shown


def _site(meta: dict[str, str], url: str) -> dict[str, str | None]:
    return {
        "name": meta.get("sitename") or meta.get("og:site_name") or None,
        "domain": meta.get("sitedomain") or urlsplit(url).netloc.lower() or None,
        "id_code": meta.get("siteidcode") or None,
    }
