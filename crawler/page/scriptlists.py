"""Article rows a list page carries as data for a script to render.

Some CMS templates ship a column's newest records inside the page, as a JavaScript object a
template engine turns into rows in the browser (`var listData = {articleList: [{"title": …,
"pubDate": …, "urls": "{\"pc\": \"/col/col42150/content/content_195….html\"}"}, …]}`), and the
static HTML has no row at all. A crawler that reads only links sees an empty list.

Pure: the page's inline scripts in, `ListItem`s out. A record is a run of `"key": "string"` pairs
holding a title key and a URL key (`vocabulary.RECORD_*_KEYS`); a key seen again starts the next
record. Only records of the page's own site whose URL may be an article count, and only when a
script holds several of them (a list, not one share widget's title and link); a URL that says
nothing of what it is counts only with a date (a menu's entries have none).

Other templates write a column's rows, and the pager's script call, inside an HTML comment
that fills an otherwise empty list (`<ul class="list"><!-- <li><a href=…>…</a><b>date</b></li>
… <script>createPageHTML('page_div', 10, 1, 'list', 'shtml', 200);</script> --></ul>`) for a
script to render. `held_rows` gives each such comment's content as a document of its own, read
as any list is; only a comment that is all its container holds and has links for several rows
counts (a commented-out banner link beside live markup does not).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from xml.sax.saxutils import quoteattr

from lxml import etree, html

from crawler.page import vocabulary as vocab
from crawler.page.dates import parse_date
from crawler.page.links import absolute_url, classify_url, is_page_url, page_base
from crawler.page.listing import ListItem
from crawler.page.sites import same_site

MIN_RECORDS = 3  # fewer titled links in a script are a widget's, not a list
MAX_SCRIPT_CHARS = 2_000_000  # a script longer than this is read up to here
_PAIR = re.compile(r'"(?P<key>[A-Za-z_]\w{0,30})"\s*:\s*"(?P<value>(?:[^"\\\n]|\\.){0,2000})"')
# a URL inside a value, itself JSON written as a string (`{\"pc\":\"/a/b.html\"}` unescaped)
_URL_IN_VALUE = re.compile(r"""(?:https?://|\.{0,2}/)[^"'\s<>\\{}]+""")
_TAGS = re.compile(r"<[^>]+>")
_SPACE_OR_QUOTE = re.compile(r"""[\s"'<>]""")
_TITLE_KEYS = frozenset(vocab.RECORD_TITLE_KEYS)
_INLINE_SCRIPTS = "//script[not(@src)]/text()"
_LINK_OPENING = re.compile(r"<a\s", re.IGNORECASE)
# a container whose rows must be parsed inside their own kind of parent to stay rows
_ROW_PARENTS = {"tbody": "<table><tbody>{}</tbody></table>", "table": "<table>{}</table>",
                "thead": "<table><thead>{}</thead></table>"}  # fmt: skip


def script_records(root: html.HtmlElement, page_url: str) -> list[ListItem]:
    """The article rows the page's inline scripts carry as data, in their order, each URL once."""
    items: dict[str, ListItem] = {}
    base = page_base(root, page_url)
    for script in root.xpath(_INLINE_SCRIPTS):
        code = str(script)[:MAX_SCRIPT_CHARS]
        if '"' not in code or not any(f'"{key}"' in code for key in _TITLE_KEYS):
            continue
        found = []
        for title, link, date in _records(code):
            url = absolute_url(link, base)
            if url is None or url in items or not same_site(url, page_url) or not is_page_url(url):
                continue
            day = parse_date(date) if date else None
            kind = classify_url(url)
            # a URL that says nothing counts with a date (a menu's entries have none)
            if kind == "article" or (kind == "other" and day is not None):
                found.append(ListItem(url, title, day))
        if len({item.url for item in found}) >= MIN_RECORDS:
            items.update((item.url, item) for item in found if item.url not in items)
    return list(items.values())


def _records(code: str) -> Iterator[tuple[str, str, str | None]]:
    """(title, URL as written, date as written) of each record holding a title and a URL."""
    record: dict[str, str] = {}
    for match in _PAIR.finditer(code):
        key = match["key"]
        if key in record:
            yield from _complete(record)
            record = {}
        record[key] = match["value"]
    yield from _complete(record)


def _complete(record: dict[str, str]) -> Iterator[tuple[str, str, str | None]]:
    title = next((_text(record[k]) for k in vocab.RECORD_TITLE_KEYS if k in record), "")
    link = next((_link(record[k]) for k in vocab.RECORD_URL_KEYS if k in record), None)
    if title and link:
        date = next((_text(record[k]) for k in vocab.RECORD_DATE_KEYS if k in record), None)
        yield title, link, date


def _text(value: str) -> str:
    try:
        text = json.loads(f'"{value}"')
    except ValueError:
        text = value
    return " ".join(_TAGS.sub("", str(text)).split())


def _link(value: str) -> str | None:
    """The URL a value holds: itself (`content_1.html`, `./a.html`, `/a.html`), or the first
    one inside it when it is data written as a string (`{\"pc\":\"/a/b.html\"}`)."""
    text = _text(value) if "\\" in value else value.strip()
    if text and text[0] not in "{[" and not _SPACE_OR_QUOTE.search(text):
        return text
    found = _URL_IN_VALUE.search(text)
    return found.group(0) if found else None


def held_rows(root: html.HtmlElement) -> list[html.HtmlElement]:
    """The content of each comment that is all its container holds (but other comments and
    scripts) and has links for several rows, parsed as a document in a container of the same
    kind (`<ul>`'s `<li>` rows stay rows), with the page's `<base>`."""
    held = []
    head: str | None = None
    for comment in root.iter(etree.Comment):
        code = comment.text or ""
        parent = comment.getparent()
        if parent is None or len(_LINK_OPENING.findall(code)) < MIN_RECORDS:
            continue
        if not _holds_nothing_else(parent):
            continue
        if head is None:  # the page's <base>, read once
            base = root.find(".//base[@href]")
            head = "" if base is None else f"<head><base href={quoteattr(base.get('href'))}></head>"
        tag = str(parent.tag)
        inner = _ROW_PARENTS.get(tag, f"<{tag}>{{}}</{tag}>").format(code)
        held.append(html.document_fromstring(f"<html>{head}<body>{inner}</body></html>"))
    return held


def _holds_nothing_else(parent: html.HtmlElement) -> bool:
    """No text and no element but comments and scripts in `parent`."""
    if (parent.text or "").strip():
        return False
    for child in parent:
        if (child.tail or "").strip():
            return False
        if child.tag is not etree.Comment and child.tag != "script":
            return False
    return True
