"""Finding the parts of a page the CMS families name: body containers, titles, info lines,
breadcrumbs, chrome widgets, in one scan. The names and labels themselves are declared in
`crawler.page.vocabulary`; the XPaths and regexes built from them are compiled once, here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import Any

from lxml import etree
from lxml.cssselect import CSSSelector

from crawler.page import vocabulary as vocab


# Simple tag searches run as lxml iterators: an XPath call's fixed cost is about ten times the
# search itself on the small subtrees these look at.
def links_in(scope: Any) -> list[Any]:
    """`<a href>` elements below `scope` (as `.//a[@href]`), in document order."""
    return [a for a in scope.iterdescendants("a") if a.get("href") is not None]


def scripts_in(scope: Any) -> list[Any]:
    """`<script>` elements of `scope`, itself included (as `descendant-or-self::script`)."""
    return list(scope.iter("script"))


ANY_RUBY = etree.XPath("//ruby[1]")
# Text blocks for the density search: paragraphs, and divs/cells holding no other blocks
# (old table layouts put a whole article in one <td>, lines split by <br>).
PARAGRAPHS = etree.XPath(
    "descendant::p | descendant::div[not(.//div or .//p or .//table)]"
    " | descendant::td[not(.//td or .//p or .//div)]"
)
LINE_BREAKS = etree.XPath("br")

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

# An inline style that hides an element: no display, no visibility, or text of size 0
HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font\s*:\s*0(?:px)?\s*/\s*0", re.IGNORECASE
)


def styled_hidden(element: Any) -> bool:
    """Whether the element's own inline style hides it (HIDDEN_STYLE)."""
    style = element.get("style")
    return bool(style and HIDDEN_STYLE.search(style))


# Matching words of a split name (and a few substrings of run-together names) is several times
# faster than a regex here.
_WIDGET_WORDS = frozenset(vocab.WIDGET_NAME_WORDS)
_ASIDE_WORDS = frozenset(vocab.ASIDE_NAME_WORDS)
_BESIDE_BODY_WORDS = frozenset(vocab.BESIDE_BODY_NAME_WORDS)
_NAME_WORD_SEPARATOR = re.compile(r"[\s_\-]+")


def is_widget_name(names: str) -> bool:
    """Whether an element's `id class` names it a page widget rather than content."""
    lowered = names.lower()
    if any(part in lowered for part in vocab.WIDGET_NAME_SUBSTRINGS):
        return True
    return not _WIDGET_WORDS.isdisjoint(_NAME_WORD_SEPARATOR.split(lowered))


def is_aside_name(names: str) -> bool:
    """Whether an element's `id class` names a block beside the article (sidebar, stream)."""
    return not _ASIDE_WORDS.isdisjoint(_NAME_WORD_SEPARATOR.split(names.lower()))


def is_beside_body_name(names: str) -> bool:
    """Whether an element's `id class` names a block that never holds the article."""
    return not _BESIDE_BODY_WORDS.isdisjoint(_NAME_WORD_SEPARATOR.split(names.lower()))


NAMED_TEXT, NAMED_WIDGET, NAMED_BESIDE_BODY = 0, 1, 2


@lru_cache(maxsize=8192)
def name_kind(names: str) -> int:
    """NAMED_WIDGET, NAMED_BESIDE_BODY or NAMED_TEXT for an element's `id class`. Cached: a
    page repeats its class names on many elements, and a site on all its pages."""
    if is_widget_name(names):
        return NAMED_WIDGET
    if is_beside_body_name(names) and not _WIDE_GRID_COLUMN.search(names):
        return NAMED_BESIDE_BODY
    return NAMED_TEXT


# A grid's column two thirds of a row wide or more, from a breakpoint on (`col-lg-9`,
# `col-md-8`): the page's main column, whatever a sticky-sidebar script names it
# (`col-lg-9 sticky-sidebar-wrap`); a sidebar is the narrow column beside it.
_WIDE_GRID_COLUMN = re.compile(r"(?<![\w-])col-(?:sm|md|lg|xl|xxl)-(?:8|9|10|11|12)(?![\w-])")


@lru_cache(maxsize=256)
def compile_css(selector: str) -> CSSSelector:
    """A profile's CSS selector, compiled once per process."""
    return CSSSelector(selector)


# --- one scan of the page ----------------------------------------------------------------
# XPath predicates testing many strings are slow in libxml2 (each `contains` per node); one
# plain scan of the elements carrying an id or class and one of the text nodes, classified
# here in Python, cost a fraction of that.
# (a union of paths: libxml2 answers each faster than one path testing every element's tag)
ELEMENTS_WITH_NAMES = etree.XPath("//*[@id or @class] | //h1 | //h2 | //h3 | //footer | //style")
# Labels are short and never in scripts; libxml2 filters those out far faster than Python.
_SHORT_VISIBLE_TEXT = (
    "[string-length(.) < 400][string-length(normalize-space(.)) > 1]"
    "[string-length(normalize-space(.)) < 160][not(parent::script or parent::style)]"
)
# `//body/descendant::text()`, not `//body//text()`: the same nodes, but libxml2 expands `//`
# into a step over every node of the body first (twice the time on a real page)
LABEL_TEXT_NODES = etree.XPath("//body/descendant::text()" + _SHORT_VISIBLE_TEXT)
# Info lines, breadcrumbs and disclosure tables come before the article body: when the body
# container is known, only the text before it is searched (sidebars and footers are skipped).
LABEL_TEXT_NODES_BEFORE = etree.XPath("preceding::text()[not(parent::title)]" + _SHORT_VISIBLE_TEXT)
LABEL_TEXT_NODES_WITHIN = etree.XPath("descendant::text()" + _SHORT_VISIBLE_TEXT)
LABEL_TEXT_NODES_AFTER = etree.XPath("following::text()" + _SHORT_VISIBLE_TEXT)
_TOP_OF_CONTAINER = 8  # text nodes: an info line inside a container sits at its top
_DISCLOSURE_LOOKAHEAD = 60  # text nodes (blank ones too) where a table at the top shows 索引号
LABEL_TEXT_NODES_TOP = etree.XPath(
    f"(descendant::text(){_SHORT_VISIBLE_TEXT})[position() <= {_TOP_OF_CONTAINER}]"
)

_TITLE_TAGS = frozenset({"div", "p", "span", "td", "strong", "h4", "font", "b"})
# id/class names of title blocks, breadcrumb trails and footers (one search per element).
_PART_NAME = re.compile(
    rf"(?P<title>{'|'.join(vocab.TITLE_NAMES)})"
    rf"|(?P<crumb>{'|'.join(vocab.BREADCRUMB_NAMES)})"
    rf"|(?P<footer>{'|'.join(vocab.FOOTER_NAMES)})"
    rf"|(?P<date>{'|'.join(vocab.DATE_NAMES)})"
    # an editor's element (`<span id="editor_baidu">责任编辑：…`), not a rich-text editor's body
    # block (`TRS_Editor`, `ueditor`)
    r"|(?P<author>author|(?<![\w])editor(?![a-z]))"
    r"|(?P<source>(?:^|[\s_-])source(?:$|[\s_-]))"
)
# Text that labels an info line, a breadcrumb trail or a disclosure table (one search per node).
# Bare time words label a line only with a colon, and 成文日期 belongs to the disclosure table.
_DISCLOSURE = re.compile(r"索\s*[引取]\s*号")
_LABEL_STARTS = vocab.starting(
    vocab.BREADCRUMB_LABELS, ["索"], vocab.PUBLISHED_LABELS + vocab.SOURCE_LABELS,
    vocab.TIME_LABELS + vocab.AUTHOR_LABELS,
)  # fmt: skip
_LABEL = re.compile(
    _LABEL_STARTS + rf"(?:(?P<crumb>{vocab.one_of(vocab.BREADCRUMB_LABELS)})"
    r"|(?P<disclosure>索\s*[引取]\s*号)"
    rf"|(?P<info>{vocab.one_of(vocab.PUBLISHED_LABELS + vocab.SOURCE_LABELS)}"
    # (成文日期 belongs to the disclosure table; 留言时间 / 回复时间 to a comment box)
    r"|(?<!成文)(?<!留言)(?<!回复)(?<!评论)"
    rf"(?:{vocab.one_of(vocab.TIME_LABELS + vocab.AUTHOR_LABELS)})[:：]"
    # an author label set apart by spaces alone (`作者 张三`)
    rf"|{vocab.set_apart(vocab.AUTHOR_LABELS)}(?=[\u3400-\u9fff])))"
)


@dataclass
class PageScan:
    """What one pass over a page finds: candidate containers, titles, breadcrumbs, footers and
    the text nodes that label an info line, a breadcrumb trail or a disclosure table."""

    root: Any = None
    containers: list[tuple[int, Any]] = field(default_factory=list)  # (rank, element)
    titles: list[Any] = field(default_factory=list)
    breadcrumb_blocks: list[Any] = field(default_factory=list)
    footers: list[Any] = field(default_factory=list)
    date_blocks: list[Any] = field(default_factory=list)  # id/class says date, time or info
    info_labels: list[Any] = field(default_factory=list)  # text nodes (lxml smart strings)
    breadcrumb_labels: list[Any] = field(default_factory=list)
    disclosure_labels: list[Any] = field(default_factory=list)
    authors: list[Any] = field(default_factory=list)  # id/class names the author
    styles: list[Any] = field(default_factory=list)  # the page's <style> elements
    sources: list[Any] = field(default_factory=list)  # id/class names the source


def container_rank(element: Any) -> int | None:
    """Rank of a known body container (lower is more specific), None for other elements."""
    return _named_part(element.get("id"), element.get("class"))[0]


@lru_cache(maxsize=8192)
def _named_part(ident: str | None, classes: str | None) -> tuple[int | None, str | None]:
    """(container rank, page part: title, crumb, footer or date) of an `id` and `class`.
    Cached: a page repeats its class names on many elements, and a site on all its pages."""
    rank = vocab.CONTAINER_ID_RANK.get(ident) if ident else None
    if classes:
        for name in classes.split():
            found = vocab.CONTAINER_CLASS_RANK.get(name)
            if found is not None and (rank is None or found < rank):
                rank = found
    if ident is None and classes is None:
        return rank, None
    match = _PART_NAME.search(f"{ident or ''} {classes or ''}".lower())
    return rank, (match.lastgroup if match else None)


# `<body id="detail">` names the page (a template's page type), never the article's block; a
# form's field never holds it either (a comment box, `<textarea id="news_content">`)
_NEVER_CONTAINERS = frozenset({"html", "body", "textarea", "input", "select", "option", "button"})


def body_containers(root: Any) -> list[Any]:
    """Every known body container of a page, in document order."""
    # A walk testing each element's id and classes against the rank dicts: several times
    # faster than an XPath whose predicates test every container name on every element.
    return [
        e
        for e in root.iter(etree.Element)
        if e.tag not in _NEVER_CONTAINERS and container_rank(e) is not None
    ]


def scan_page(root: Any) -> PageScan:
    """Elements by id/class and tag; then `scan_labels` once the body container is known."""
    scan = PageScan(root=root)
    for element in ELEMENTS_WITH_NAMES(root):
        _classify_element(element, scan)
    return scan


def scan_labels(scan: PageScan, container: Any = None) -> PageScan:
    """Text nodes labelling an info line, a breadcrumb trail or a disclosure table: those
    before `container` when given, then the top of the container itself when no info line
    was seen (templates that put it inside), the whole body when nothing was found at all."""
    if container is None:
        for node in LABEL_TEXT_NODES(scan.root):
            _classify_text(node, scan)
        return scan
    for node in LABEL_TEXT_NODES_BEFORE(container):
        _classify_text(node, scan)
    if not scan.info_labels:
        for node in LABEL_TEXT_NODES_TOP(container):
            _classify_text(node, scan)
    elif not scan.disclosure_labels and _opens_with_index_number(container):
        # a 信息公开 table set at the top of the body
        scan.disclosure_labels.extend(
            node for node in LABEL_TEXT_NODES_TOP(container) if _DISCLOSURE.search(node)
        )
    if scan.info_labels or scan.breadcrumb_labels or scan.disclosure_labels:
        return scan
    # Nothing before the container nor at its top: the rest of the page (what is before was
    # searched already).
    within = LABEL_TEXT_NODES_WITHIN(container)
    for node in (*within[_TOP_OF_CONTAINER:], *LABEL_TEXT_NODES_AFTER(container)):
        _classify_text(node, scan)
    return scan


def _opens_with_index_number(container: Any) -> bool:
    """Whether 索 stands among the container's first text nodes: a cheap look before the
    search for the top's labels (half a millisecond a page)."""
    return any("索" in text for text in islice(container.itertext(), _DISCLOSURE_LOOKAHEAD))


def emptied_heading(element: Any) -> str | None:
    """The heading tag (h1-h3) the HTML parser emptied before `element`, a `<p>`: a template's
    `<h3><p>headline</p></h3>` is parsed `<h3></h3><p>headline</p>` (a heading holds no
    paragraph), so the paragraph is the heading."""
    if element.tag != "p":
        return None
    before = element.getprevious()
    if before is None or before.tag not in ("h1", "h2", "h3") or len(before):
        return None
    return None if (before.text or "").strip() else str(before.tag)


def _classify_element(element: Any, scan: PageScan) -> None:
    tag = element.tag
    if tag in ("h1", "h2", "h3"):
        after = element.getnext()  # an emptied heading stands for the paragraph after it
        scan.titles.append(after if after is not None and emptied_heading(after) else element)
    elif tag == "footer":
        scan.footers.append(element)
    elif tag == "style":
        scan.styles.append(element)
    ident, classes = element.get("id"), element.get("class")
    if ident is None and classes is None:
        return
    rank, part = _named_part(ident, classes)
    if rank is not None and tag not in _NEVER_CONTAINERS:
        scan.containers.append((rank, element))
    if part is None:
        return
    if part == "title":
        if tag in _TITLE_TAGS:
            scan.titles.append(element)
    elif part == "crumb":
        scan.breadcrumb_blocks.append(element)
    elif part == "footer":
        scan.footers.append(element)
    elif part == "author":
        scan.authors.append(element)
    elif part == "source":
        scan.sources.append(element)
    else:
        scan.date_blocks.append(element)


def _classify_text(node: Any, scan: PageScan) -> None:
    match = _LABEL.search(node)
    if match is None:
        return
    if match.lastgroup == "crumb":
        scan.breadcrumb_labels.append(node)
    elif match.lastgroup == "disclosure":
        scan.disclosure_labels.append(node)
    else:
        scan.info_labels.append(node)
