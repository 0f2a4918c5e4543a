"""An article printed over several pages: which pages continue it, and its record joined.

Pure: an lxml tree, the page's text and URLs in; URLs or a record out. A long article in TRS
WCM is cut into pages by the CMS (`createPageHTML(3, 0, "t20240301_123", "html")` under the
text: page n is `t20240301_123_n.html`); news CMSs do the same with a pager of links (`1 2 3
下一页`, `…_2.shtml`, `?page=2`). The archive keeps such an article as one record, its text
read page after page.

A page continues the article only when its URL is the article's own with a page number added
(`_2` before the file type, or a page parameter in the query); the pager's other links
(上一篇 / 下一篇, the column's list) are other pages. The pager is read as a list page's is
(`crawler.page.pager.find_pager`).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from crawler.page.assemble import Assembled
from crawler.page.bylines import NAME_FIELDS
from crawler.page.candidates import PROSE_MARKS
from crawler.page.pager import find_pager
from crawler.page.record import Record, finalize_record

# query parameters that number an article's pages (`?page=2`, `&pageNo=3`)
_PAGE_PARAMETERS = r"(?:page|p|pg|pn|pageno|page_no|pagenum|pageindex|curpage|currentpage|cp)"
_PAGE_PARAMETER = re.compile(rf"^{_PAGE_PARAMETERS}$", re.IGNORECASE)
_PAGE_IN_QUERY = re.compile(rf"[?&]{_PAGE_PARAMETERS}=\d", re.IGNORECASE)
_NUMBER = re.compile(r"\d{1,4}")
_WORD = re.compile(r"[\w-]")
_MERGED_LISTS = ("images", "attachments")
_JOINED_ANYWAY = ("extract/empty_body", "extract/no_title")  # drops of a page of its own only


def page_number(article_url: str, url: str) -> int | None:
    """The number `url` gives a page of the article at `article_url` (None: not one of its
    pages): `t20240301_123_2.html` or `content.jsp?id=5&page=2` for `t20240301_123.html` or
    `content.jsp?id=5`."""
    first, other = urlsplit(article_url), urlsplit(url)
    if (first.scheme, first.netloc.lower()) != (other.scheme, other.netloc.lower()):
        return None
    if first.path == other.path:
        return _query_page(first.query, other.query)
    if first.query != other.query:
        return None
    stem, dot, ext = first.path.rpartition(".")
    if not dot or "/" in ext:
        return None
    if not (other.path.startswith(f"{stem}_") and other.path.endswith(f".{ext}")):
        return None
    middle = other.path[len(stem) + 1 : len(other.path) - len(ext) - 1]
    return int(middle) if _NUMBER.fullmatch(middle) else None


def _query_page(first: str, other: str) -> int | None:
    """The page parameter `other` adds to (or changes in) the query `first`, all else equal."""
    before, after = dict(parse_qsl(first)), dict(parse_qsl(other))
    changed = [key for key in after if before.get(key) != after[key]]
    if len(changed) != 1 or set(before) - set(after):
        return None
    (key,) = changed
    if not _PAGE_PARAMETER.match(key) or not _NUMBER.fullmatch(after[key]):
        return None
    number = int(after[key])
    return number if number >= 2 or key in before else None


def article_pages(
    root: Any, text: str, page_url: str, article_url: str, limit: int
) -> list[tuple[int, str]]:
    """The pages of the article at `article_url` that the page at `page_url` (the article's
    first page, or one continuing it) leads to through its pager: (number, URL) in page
    order, at most `limit` of them, the page's own URL left out."""
    if not _may_continue(text, article_url):
        return []
    pager = find_pager(root, text, page_url)
    if not pager.found:
        return []
    urls = list(pager.links)
    if pager.next_url:
        urls.append(pager.next_url)
    if pager.template is not None and pager.current is not None and pager.last is not None:
        stop = min(pager.last, pager.current + limit)
        urls.extend(pager.template.url(n) for n in range(pager.current + 1, stop + 1))
    found: dict[str, int] = {}
    for url in urls:
        number = page_number(article_url, url)
        if number is not None and url not in (page_url, article_url):
            found.setdefault(url, number)
    return sorted(((n, url) for url, n in found.items()), key=lambda pair: pair[0])[:limit]


def _may_continue(text: str, article_url: str) -> bool:
    """Whether the page's source names a page of the article at all (its file name numbered,
    a TRS call naming the file, a page parameter): most articles are one page, and reading a
    pager costs a fifth of an article's extraction."""
    parts = urlsplit(article_url)
    stem, _, ext = parts.path.rsplit("/", 1)[-1].rpartition(".")
    if stem and f"{stem}_" in text:  # `1245_2.htm`, not `dynclicks_wbnews_1245_1013`
        numbered = re.compile(rf"{re.escape(stem)}_\d{{1,4}}\.{re.escape(ext)}")
        for found in numbered.finditer(text):
            if found.start() == 0 or not _WORD.match(text[found.start() - 1]):
                return True
    if stem and "createPageHTML" in text and re.search(rf"""["']{re.escape(stem)}["']""", text):
        return True
    return bool(parts.query) and _PAGE_IN_QUERY.search(text) is not None


def continues(assembled: Assembled) -> Record | None:
    """The record of a page read as an article's next page, when it joins the article: a page
    read as an article would be, or one with prose however short (an article's last lines are
    often under EXTRACT_MIN_BODY_CHARS) or untitled. None: a page that could not be read, read to
    no text, or to a few lines of no prose (an emptied page whose 上一篇 / 下一篇 titles were
    all there was to read)."""
    record = assembled.record
    if record is None or assembled.dropped not in (None, *_JOINED_ANYWAY):
        return None
    if assembled.dropped is not None and not PROSE_MARKS.search(record["text"]):
        return None
    return record


def joined(first: Record, more: Record, min_body_chars: int) -> Record:
    """The article's record with the text of a page continuing it (`more`) after its own: its
    text and original text, pictures and attachments (each once), names, flags (`short_body`
    only while the text joined is shorter than `min_body_chars`); the first page's fields
    otherwise (title, date, source, fetch)."""
    fields: dict[str, Any] = dict(first)
    extra: dict[str, Any] = dict(more)
    fields["text"] = _join(first["text"], more["text"])
    if first["text_original"] is not None or more["text_original"] is not None:
        fields["text_original"] = _join(
            first["text_original"] or first["text"], more["text_original"] or more["text"]
        )
    for key in _MERGED_LISTS:
        entries: list[dict[str, Any]] = fields[key]
        seen = {entry.get("url") for entry in entries}
        fields[key] = [*entries, *(e for e in extra[key] if e.get("url") not in seen)]
    for key in NAME_FIELDS:
        fields[key] = list(dict.fromkeys([*fields[key], *extra[key]]))
    flags = set(first["flags"]) | set(more["flags"])
    if len(fields["text"].strip()) >= min_body_chars:
        flags.discard("short_body")
    fields["flags"] = sorted(flags)
    return finalize_record(fields, first["url"])


def _join(text: str, more: str) -> str:
    return f"{text}\n{more}" if text and more else text or more
