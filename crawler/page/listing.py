"""The article links a list page shows a reader, found without a CMS pattern.

Pure: an lxml tree and the page's URL in, `ListItem`s out. A list is a run of repeated sibling
items each holding a link: the links share one place in the page (the same chain of tags and
classes up to the page root), their texts read as titles (in the link or in an element inside
it), and most items carry a date or link to an article-shaped URL. Navigation menus repeat too,
but their texts are short names without dates.

`page_verdict` weighs such a list against the page's prose (text outside links): a column page
with a long list and a little prose in side boxes is a list, an article with a related-links
box is an article.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from statistics import median
from typing import Any, Literal
from urllib.parse import urlsplit

from lxml import etree, html

from crawler.page.chinese import has_traditional, to_simplified
from crawler.page.cms import body_containers, compile_css
from crawler.page.links import MAX_PAGE_LINKS, absolute_url, anchor_href, page_base
from crawler.page.pager import ScriptCalls
from crawler.page.profiles import SiteProfile
from crawler.page.vocabulary import (
    ARTICLE_URL_PATTERNS,
    ATTACHMENT_ENDPOINT,
    DOCUMENT_URL,
    HEADING_TAGS,
    LIKELY_ARTICLE_URL_PATTERNS,
    LIST_URL_PATTERNS,
    NON_PAGE_EXTENSION,
    PUBLISHED_LABELS,
    SOURCE_LABELS,
    TITLE_FIELD_LABELS,
    one_of,
    unpad_labels,
)

Verdict = Literal["article", "list"]

# 2017-10-13, 2017/10/13, 2017.10.13, 2017年10月13日 (also in brackets), and 10-13 alone
FULL_DATE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*[01]?\d\s*[-/.月]\s*[0-3]?\d(?:\s*日)?")
ITEM_DATE = re.compile(FULL_DATE.pattern + r"|(?<![\d-])[01]\d-[0-3]\d(?![\d-])")
# A row's date inside its link, left out of the title; a date in words run into the words after
# it (`2026年6月13日全国大学英语四、六级考试考前通知`) is the headline's own.
_LISTED_DATE = re.compile(
    r"[(（\[【]?\s*(?:(?:19|20)\d{2}\s*[-/.]\s*[01]?\d\s*[-/.]\s*[0-3]?\d"
    r"|(?:19|20)\d{2}\s*年\s*[01]?\d\s*月\s*[0-3]?\d(?!\d)(?:\s*日)?(?![\u3400-\u9fff]))"
    r"\s*[)）\]】]?"  # with its brackets (`…推进会(2020-12-29)`), a badge's (`[图]`) kept
)
# a listed page whose body is more than this share its own list's titles is a sub-column
LISTED_BODY_ROWS_SHARE = 0.5
_HEADLINE_MATCH_CHARS = 6  # a row's title this long names its article when the page's holds it
_NOT_A_WORD = re.compile(r"[\W_]+")
_TITLE_CLASS = re.compile(r"(?:^|[\s_-])(?:title|tit)(?:$|[\s_-])", re.IGNORECASE)
ELLIPSIS = re.compile(r"(\.{2,}|…+)$")
MIN_ITEMS = 3  # repeated links that make a list
_TORN_ROWS = 5  # rows torn off a list by its broken markup, read at most (pinned rows: a few)
_ROW_LINKS = 2  # links a row of a list holds at most (its article, perhaps its column)
# a row named by its own id among siblings of one class may also link its source, comments
_ROW_ID_LINKS = 6
_ROW_SEPARATORS = 1  # elements of another tag between two rows (a rule, a hidden spacer)
_ID_WORD = re.compile(r"[A-Za-z0-9]*\d[A-Za-z0-9]*")
MIN_TITLE_CHARS = 8  # median title length of an article list (menus hold 2-6 character names)
LONG_TITLE_CHARS = 12  # titles this long need neither dates nor article-shaped URLs
MIN_EVIDENCE_SHARE = 0.5  # share of items with a date or an article-shaped URL
LIST_MIN_ITEMS = 8  # a list this long outweighs prose shorter than its titles
PAGED_LIST_MIN_ITEMS = 5  # a dated list this long with a pager makes a list page
# an article's info line: a publication or source label and a colon
INFO_LINE = re.compile(rf"(?:{one_of(PUBLISHED_LABELS + SOURCE_LABELS)})\s*[:：]")
ARTICLE_MIN_BODY_CHARS = 150  # a body container with less prose is a teaser, not an article
ARTICLE_MIN_PARAGRAPH_CHARS = 300  # no known container: this much prose in <p> outside links
PARAGRAPH_MIN_CHARS = 20
_MENU_NAME = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|submenu)(?:$|[\s_\d-])", re.IGNORECASE)
_PARAGRAPHS = etree.XPath("//body/descendant::p[not(ancestor::a)]")
_SKIPPED_TEXT = frozenset({"script", "style", "noscript", "a", "option", "select", "textarea"})
_DIGIT_RUN = re.compile(r"\d+")
# a link's title attribute that lists the row's fields a line each, the title among them
# (`标题：…&#xD;点击数：74&#xD;发表时间：…`, `文章标题：…\n作者：…\n更新时间：…`): its value
_TITLE_FIELD = re.compile(rf"\s*(?:{one_of(TITLE_FIELD_LABELS)})\s*[:：]\s*(.*)")
_FIELD_LINES = re.compile(r"[\r\n]+")
# class words a template puts on a list's first, last or every other row for its styling
# (`<li class="first">`, `<tr class="odd">`): such a row is still one of the list's rows
_ROW_STYLE_WORDS = re.compile(
    r"(?:^|\s)(?:first|last|odd|even|alt|first-child|last-child)(?=\s|$)", re.IGNORECASE
)


@dataclass(frozen=True)
class ListItem:
    """One entry of a list as a reader sees it."""

    url: str
    title: str
    date: str | None = None


@dataclass(frozen=True)
class Listing:
    """The article lists of a page: their items (page order, each URL once) and size."""

    items: tuple[ListItem, ...] = ()
    blocks: int = 0
    title_chars: int = 0  # of the longest list
    dated: int = 0  # items showing a date
    # rows that are document files themselves (`<a href="/Upload/File/2020….pdf">…公告</a>`)
    documents: tuple[ListItem, ...] = ()

    @property
    def urls(self) -> list[str]:
        return [item.url for item in self.items]


@dataclass(frozen=True)
class PageVerdict:
    kind: Verdict
    why: str
    listing: Listing


def find_listing(root: html.HtmlElement, page_url: str) -> Listing:
    """The article links of a page's repeated lists."""
    base = page_base(root, page_url)
    groups: dict[tuple[str, ...], list[tuple[Any, str, int]]] = {}
    places: dict[Any, tuple[str, ...]] = {}  # each ancestor's place, worked out once
    anchors = islice(root.iter("a"), MAX_PAGE_LINKS)
    calls = ScriptCalls(root, base)
    for order, anchor in enumerate(anchors):  # document order, counted once
        href = anchor_href(anchor)
        url = _listed_url(href, base)
        if url is None and (anchor.get("onclick") or (href or "").startswith("javascript")):
            url = _listed_url(calls.url(anchor), base)
        if url is not None:
            groups.setdefault(_place(anchor, places), []).append((anchor, url, order))
    # rows that open their article by script, with no link in them (`<li onclick="window.open(
    # '/xwzx/202305/t20230511_1.html')">`): read as links, after every <a>
    for order, row in enumerate(_CLICKED_ROWS(root), start=MAX_PAGE_LINKS):
        if next(row.iter("a"), None) is not None:
            continue  # its link is read
        url = _listed_url(anchor_href(row), base)
        if url is not None:
            groups.setdefault(_place(row, places), []).append((row, url, order))
    lists = [
        _with_rows_torn_off(found, members, groups)
        for members in groups.values()
        for found in _article_lists(members)
        if found
    ]
    if not lists:
        return Listing()
    items: dict[str, ListItem] = {}
    for _, item in sorted((i for found in lists for i in found), key=lambda i: i[0]):
        seen = items.get(item.url)
        if seen is None or (len(item.title), bool(item.date)) > (len(seen.title), bool(seen.date)):
            items[item.url] = item  # a side box repeats a list's links with shortened titles
    # documents are rows too, but only pages weigh in the verdict: an article's attachment list
    # must not make it a list page
    pages = tuple(i for i in items.values() if not _is_document(i.url))
    documents = tuple(i for i in items.values() if _is_document(i.url))
    longest = max(lists, key=lambda found: sum(not _is_document(i.url) for _, i in found))
    return Listing(
        pages, len(lists), sum(len(i.title) for _, i in longest if not _is_document(i.url)),
        sum(1 for i in pages if i.date), documents,
    )  # fmt: skip


def document_companions(
    root: html.HtmlElement, page_url: str, documents: Iterable[str]
) -> set[str]:
    """The download links beside a list's documents in their rows: an icon for the same file
    (`download.aspx?id=N`, `downloadContentFile_<id>.jhtml`), which is not fetched again. A page
    link beside a document (`查看详情`) is no companion: it is followed."""
    wanted = set(documents)
    if not wanted:
        return set()
    base = page_base(root, page_url)
    anchors = [a for a in islice(root.iter("a"), MAX_PAGE_LINKS)
               if _listed_url(anchor_href(a), base) in wanted]  # fmt: skip
    shared = _ancestor_counts(iter(anchors))
    companions: set[str] = set()
    for anchor in anchors:
        row = _row(anchor, shared)
        for other in row.iter("a"):
            url = absolute_url(anchor_href(other), base) if other is not anchor else None
            if url is not None and url not in wanted and _is_download(url):
                companions.add(url)
    return companions


def page_verdict(
    url: str, root: html.HtmlElement, profile: SiteProfile | None = None, paged: bool = False
) -> PageVerdict:
    """Article or list by structure, and why (for `python -m crawler probe`). `paged`: the page
    has a pager; with a dated list it is a list page whatever prose its side boxes hold."""
    listing = find_listing(root, url)
    containers = _profile_bodies(root, profile) or body_containers(root)
    if containers:
        prose, threshold, where = max(_prose(c) for c in containers), ARTICLE_MIN_BODY_CHARS, "body"
    else:
        prose, threshold, where = _paragraph_prose(root), ARTICLE_MIN_PARAGRAPH_CHARS, "<p>"
    items = len(listing.items)
    outweighed = items >= LIST_MIN_ITEMS and listing.title_chars > prose
    # a dated list and either a pager or no article info line (发布时间：…, 来源：…)
    dated_list = items >= PAGED_LIST_MIN_ITEMS and 2 * listing.dated >= items
    unlabelled = dated_list and not INFO_LINE.search(root.text_content() or "")
    if prose >= threshold and not (outweighed or (dated_list and paged) or unlabelled):
        why = f"article: {prose} characters of prose in {where}"
        why += f" beside a list of {items}" if items else ""
        return PageVerdict("article", why, listing)
    if items:
        why = f"list: {items} items in {listing.blocks} repeated block(s), {listing.dated} dated"
        why += ", and a pager" if paged else ""
    else:
        why = "list: no article body and no repeated list (a menu or index page)"
    return PageVerdict("list", f"{why}; {prose} characters of prose in {where}", listing)


def is_certainly_list(url: str, profile: SiteProfile | None = None) -> bool:
    if profile is not None and profile.list_pattern and profile.list_pattern.search(url):
        return True
    path = urlsplit(url).path or "/"
    return any(pattern.search(path) for pattern in LIST_URL_PATTERNS)


def article_shaped(url: str) -> bool:
    parts = urlsplit(url)
    tail = parts.path + (f"?{parts.query}" if parts.query else "")
    return any(p.search(parts.path) for p in ARTICLE_URL_PATTERNS) or any(
        p.search(tail) for p in LIKELY_ARTICLE_URL_PATTERNS
    )


def common_url_pattern(urls: list[str], share: float = 0.8) -> str | None:
    """A regex (path and query) that `share` of the URLs match, for a seed line's `article=`:
    their common text, with `\\d+` where their numbers differ; None when they have no common
    shape."""
    shapes: dict[tuple[str, ...], list[list[str]]] = {}
    for url in urls:
        parts = urlsplit(url)
        tail = parts.path + (f"?{parts.query}" if parts.query else "")
        shapes.setdefault(tuple(_DIGIT_RUN.split(tail)), []).append(_DIGIT_RUN.findall(tail))
    if not shapes:
        return None
    text, numbers = max(shapes.items(), key=lambda kv: (len(kv[1]), kv[0]))
    if len(numbers) < share * len(urls):
        return None
    columns = list(zip(*numbers, strict=True))
    pattern = re.escape(text[0])
    for chunk, values in zip(text[1:], columns, strict=True):
        pattern += (re.escape(values[0]) if len(set(values)) == 1 else r"\d+") + re.escape(chunk)
    return pattern + "$"


# --- groups of links -------------------------------------------------------------------------
def _place(anchor: Any, places: dict[Any, tuple[str, ...]]) -> tuple[str, ...]:
    """Where a link sits: tag, class and id of every ancestor (not their positions), so the
    links of one list's rows share it and a menu's links share another. Rows numbered one by
    one (``<li id="line_u5_0">``, ``line_u5_1``…: VSB's lists) count as one row shape.
    `places` remembers each ancestor's (the links of a page share most of theirs)."""
    climbed = []
    node = anchor.getparent()
    while node is not None and isinstance(node.tag, str) and node not in places:
        climbed.append(node)
        node = node.getparent()
    place = places.get(node, ()) if node is not None and isinstance(node.tag, str) else ()
    for node in reversed(climbed):
        place = (f"{node.tag}.{_label(node, 'class')}#{_label(node, 'id')}", *place)
        places[node] = place
    return place


def _label(node: Any, name: str) -> str:
    """The node's class or id, its numbers folded when it is one of a run of numbered rows: a
    sibling of the same tag carries the same label but for its numbers, and the node holds at
    most `_ROW_LINKS` links (two boxes ``list1`` and ``list2`` stay apart)."""
    value: str = node.get(name, "")
    if name == "class" and value and _ROW_STYLE_WORDS.search(value):
        value = " ".join(_ROW_STYLE_WORDS.sub(" ", value).split())
    if not value or not _DIGIT_RUN.search(value):
        return value
    # a row's own id among rows of one class (`li#20200704A04HVX_1`): any word with a digit
    row_id = name == "id" and bool(node.get("class"))
    fold = _ID_WORD if row_id else _DIGIT_RUN
    shape = fold.sub("#", value)
    links = _ROW_ID_LINKS if row_id else _ROW_LINKS
    for sibling in (_row_sibling(node, preceding=True), _row_sibling(node, preceding=False)):
        if sibling is None:
            continue
        if row_id and sibling.get("class") != node.get("class"):
            continue
        if fold.sub("#", sibling.get(name, "")) == shape:
            linked = (a for a in node.iter("a") if a.get("href"))
            if sum(1 for _ in islice(linked, links + 1)) <= links:
                return shape
            break
    return value


def _row_sibling(node: Any, preceding: bool) -> Any:
    """The nearest sibling of the node's tag, past at most `_ROW_SEPARATORS` elements of other
    tags between rows (`<span id="section_u5_0"><hr></span>` after `<li id="line_u5_0">`)."""
    for sibling in islice(node.itersiblings(preceding=preceding), _ROW_SEPARATORS + 1):
        if sibling.tag == node.tag:
            return sibling
    return None


def _with_rows_torn_off(
    found: list[tuple[int, ListItem]],
    members: list[tuple[Any, str, int]],
    groups: dict[tuple[str, ...], list[tuple[Any, str, int]]],
) -> list[tuple[int, ListItem]]:
    """A list's items and the rows right before or after it that the parser tore off into
    tables of their own: a template whose pinned rows (置顶) close their table early
    (`</tr></table></td></tr>`) has libxml2 nest each inside the next, so their links sit
    elsewhere than the list's. Such a row is a link next to the list in document order, of
    its links' class, in a row of the list's rows' shape (the same cells, the link's place
    up to the row the same), dated when the list's rows are."""
    listed = {order: anchor for anchor, _, order in members}
    first = listed[found[0][0]]
    row = _row(first, _ancestor_counts(anchor for anchor, _, _ in members))
    if row is first:
        return found  # links standing alone, no row to tell a torn one by
    depth = list(first.iterancestors()).index(row) + 1  # the row's level over the link
    shape = (_place(first, {})[:depth], [cell.tag for cell in row])
    dated = sum(1 for _, item in found if item.date) * 2 > len(found)
    others = {order: (anchor, url) for group in groups.values() for anchor, url, order in group}
    orders = [order for order, _ in found]
    torn: list[tuple[int, ListItem]] = []
    for order, step in ((min(orders) - 1, -1), (max(orders) + 1, 1)):
        while order in others and order not in listed and len(torn) < _TORN_ROWS:
            anchor, url = others[order]
            own_row = next(islice(anchor.iterancestors(), depth - 1, None), None)
            if (
                own_row is None
                or anchor.get("class") != first.get("class")
                or (_place(anchor, {})[:depth], [cell.tag for cell in own_row]) != shape
            ):
                break
            item = _row_item(anchor, url, own_row)
            if len(item.title) < MIN_TITLE_CHARS or (dated and not item.date):
                break
            torn.append((order, item))
            order += step
    return found + torn if torn else found


def _article_lists(members: list[tuple[Any, str, int]]) -> list[list[tuple[int, ListItem]]]:
    """The group's items when it reads as a list of articles; else, for links whose blocks
    carry no class to tell them apart (a menu's table rows and a list's, `tr > td > a` alike),
    the items of each block holding their rows that reads as one."""
    found = _article_list(members)
    if found or len(members) < 2 * MIN_ITEMS:
        return [found]
    shared = _ancestor_counts(anchor for anchor, _, _ in members)
    blocks: dict[Any, list[tuple[Any, str, int]]] = {}
    for member in members:
        blocks.setdefault(_row(member[0], shared).getparent(), []).append(member)
    if len(blocks) < 2:
        return [found]
    return [_article_list(block) for block in blocks.values()]


def _article_list(members: list[tuple[Any, str, int]]) -> list[tuple[int, ListItem]]:
    """The group's items when it reads as a list of articles, else []."""
    unique = {url: (anchor, order) for anchor, url, order in members}
    if len(unique) < MIN_ITEMS:
        return []
    shared = _ancestor_counts(anchor for anchor, _, _ in members)
    rows = [(order, _item(anchor, url, shared)) for url, (anchor, order) in unique.items()]
    titles = [len(item.title) for _, item in rows]
    if median(titles) < MIN_TITLE_CHARS:
        return []
    evidence = sum(1 for _, item in rows if item.date or article_shaped(item.url))
    if median(titles) < LONG_TITLE_CHARS and evidence < MIN_EVIDENCE_SHARE * len(rows):
        return []
    return [(order, item) for order, item in rows if item.title]


def _item(anchor: Any, url: str, shared: dict[Any, int]) -> ListItem:
    return _row_item(anchor, url, _row(anchor, shared))


def _row_item(anchor: Any, url: str, row: Any) -> ListItem:
    date_match = ITEM_DATE.search(" ".join(_texts(row, skip_links=False)))
    date = date_match.group(0) if date_match else None
    return ListItem(url, _title(anchor), date)


def _ancestor_counts(anchors: Iterator[Any]) -> dict[Any, int]:
    """How many links of a group each ancestor holds (one pass up from each link)."""
    counts: dict[Any, int] = {}
    for anchor in anchors:
        for node in anchor.iterancestors():
            counts[node] = counts.get(node, 0) + 1
    return counts


def _row(anchor: Any, shared: dict[Any, int]) -> Any:
    """The highest ancestor of a link holding no other link of its list: the list's row."""
    node = anchor
    for parent in anchor.iterancestors():
        if shared.get(parent, 0) > 1:
            break
        node = parent
    return node


def _title(anchor: Any) -> str:
    """The link's text without dates; its title attribute when the text is cut short; of a
    link wrapping a whole row (`<a><div class=date>…</div><div class=title>…</div><div
    class=views>點閱次數：97 次</div></a>`), the block it names a title, else its heading
    (`<a><img><h4>询价公告</h4><p class=date>…</p><p>summary</p></a>`)."""
    named = next(
        (e for e in anchor.iterdescendants() if _TITLE_CLASS.search(e.get("class") or "")), None
    )
    if named is None and len(anchor):
        named = next(anchor.iterdescendants(*HEADING_TAGS), None)
    source = named if named is not None and (named.text_content() or "").strip() else anchor
    text = " ".join(_LISTED_DATE.sub(" ", source.text_content() or "").split()).strip("·• ")
    full = anchor.get("title") or ""
    if full and (field := _TITLE_FIELD.match(unpad_labels(_FIELD_LINES.split(full, 1)[0]))):
        full = field[1]
    full = " ".join(full.split())
    if full and (not text or ELLIPSIS.search(text) or len(full) > len(text)):
        return full
    return text


def same_headline(listed: str, title: str | None) -> bool:
    """Whether a list row's title and a page's title name one article: the same words (spaces,
    punctuation and case aside, either side in traditional characters), or one holding the other
    (a row cut short with `...`, a page title with its column or site around it); both at least
    `_HEADLINE_MATCH_CHARS` long (a column's name, 通知公告, names no article)."""
    row = _headline_key(ELLIPSIS.sub("", listed))
    page = _headline_key(title or "")
    if len(row) < _HEADLINE_MATCH_CHARS or len(page) < _HEADLINE_MATCH_CHARS:
        return False
    return row == page or row in page or page in row


def is_listed_article(record: Mapping[str, Any], listed: str, rows: Iterable[ListItem]) -> bool:
    """Whether a page a list's row led to, whose structure reads as a list (`rows`: its own
    list's rows, documents included), is the article the row named: its record has the row's
    title and a body that is not mostly its own list's titles (a sub-column's rows). A list page
    kept wrongly costs a record; an article left out is lost."""
    if "short_body" in record["flags"] or not same_headline(listed, record["title"]):
        return False
    return listing_share(record["text"], rows) <= LISTED_BODY_ROWS_SHARE


def listing_share(text: str, items: Iterable[ListItem]) -> float:
    """The share of `text` that is the titles of a list's items (a body made of a list), its
    dates and spaces left out."""
    words = "".join(ITEM_DATE.sub("", text).split())
    if not words:
        return 0.0
    titles = ("".join(item.title.split()) for item in items)
    return sum(len(title) for title in titles if title and title in words) / len(words)


def _headline_key(text: str) -> str:
    text = to_simplified(text) if has_traditional(text) else text
    return _NOT_A_WORD.sub("", unicodedata.normalize("NFKC", text)).lower()


# --- prose -----------------------------------------------------------------------------------
def _prose(node: Any) -> int:
    """Characters of text outside links, dates removed (a list's dates are not prose)."""
    return len(ITEM_DATE.sub("", "".join(_texts(node, skip_links=True))))


def _paragraph_prose(root: html.HtmlElement) -> int:
    """Prose in <p> outside links and menus (a mega-menu's panels introduce each column of the
    site in a paragraph: on a list page of five rows they outweighed the rows)."""
    total = 0
    for paragraph in _PARAGRAPHS(root):
        size = _prose(paragraph)
        if size >= PARAGRAPH_MIN_CHARS and not _in_menu(paragraph):
            total += size
    return total


def _in_menu(node: Any) -> bool:
    return any(
        parent.tag == "nav"
        or _MENU_NAME.search(f"{parent.get('class', '')} {parent.get('id', '')}")
        for parent in node.iterancestors()
    )


def _texts(node: Any, skip_links: bool) -> Iterator[str]:
    skipped = _SKIPPED_TEXT if skip_links else _SKIPPED_TEXT - {"a"}
    if isinstance(node.tag, str) and node.tag not in skipped:
        if node.text:
            yield node.text.strip()
        for child in node:
            yield from _texts(child, skip_links)
            if child.tail:
                yield child.tail.strip()


def _profile_bodies(root: html.HtmlElement, profile: SiteProfile | None) -> list[Any]:
    if profile is None or not profile.body_selector:
        return []
    return list(compile_css(profile.body_selector)(root))


_CLICKED_ROWS = etree.XPath(
    "//body/descendant::*[@onclick][not(self::a or self::input or self::button)]"
    "[contains(@onclick, 'open') or contains(@onclick, 'location')]"
)


def _listed_url(href: str | None, base: str) -> str | None:
    """A link's URL when it leads to a page or to a document file."""
    url = absolute_url(href, base) if href else None
    if url is None:
        return None
    path = urlsplit(url).path
    if NON_PAGE_EXTENSION.search(path) and not DOCUMENT_URL.search(path):
        return None
    return url


def _is_download(url: str) -> bool:
    """A file's URL, or a download endpoint's (`download.aspx?id=N`, `downfile.jsp?…`)."""
    path = urlsplit(url).path
    return bool(NON_PAGE_EXTENSION.search(path) or ATTACHMENT_ENDPOINT.search(path))


def _is_document(url: str) -> bool:
    return bool(DOCUMENT_URL.search(urlsplit(url).path))
