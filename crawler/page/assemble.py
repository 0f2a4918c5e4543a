"""The one assembly of a fetched page into its record.

`assemble_record(FetchedPage, profile)` is the only way a record is made: decode -> extract ->
normalize -> flag -> identity -> drop rule. The crawl (the spider's article callback) and
`python -m crawler extract` both call it, so they agree on every page, drops included; the
pipelines after it only version, deduplicate and archive the record.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from lxml import etree

from crawler import defaults
from crawler.page.chinese import Originals, mostly_traditional, simplified_shadow
from crawler.page.dates import parse_date
from crawler.page.discovery import classify_url, looks_binary
from crawler.page.documents import document_text
from crawler.page.encoding import decode_page
from crawler.page.extraction import extract_article, parse_html
from crawler.page.flags import flag_record, is_busy_page, is_error_page
from crawler.page.normalize import normalize_record, with_originals
from crawler.page.profiles import SiteProfile
from crawler.page.record import Record, WarcPointer, finalize_record, utc_now_iso
from crawler.page.redirects import offsite_redirect

# Why a page gives no record: the crawl counts each under this stats key.
DropReason = Literal[
    "skip/too_large", "extract/empty_page", "extract/not_html", "extract/error",
    "extract/empty_body", "extract/no_title", "extract/error_page", "extract/busy_page",
]  # fmt: skip


@dataclass(frozen=True)
class FetchedPage:
    """A page as it came off the wire: what the record is assembled from.

    `text`/`encoding`/`tree` may carry work already done (the crawl decodes and parses every
    page once, to classify it); without them the bytes are decoded here.
    """

    url: str
    body: bytes = b""
    declared_encoding: str | None = None  # the charset an HTTP header declared
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: str | None = None
    warc: WarcPointer | None = None
    text: str | None = None
    encoding: str | None = None
    tree: Any = field(default=None, compare=False)


@dataclass(frozen=True)
class Assembled:
    """The record of a page, and why the crawl would not archive it (None: it archives it).

    `record` is None only when extraction itself failed; a dropped page still has its record,
    so benchmarks can score extraction on pages the crawl would skip.
    """

    record: Record | None
    dropped: DropReason | None = None
    detail: str = ""


def assemble_record(
    page: FetchedPage,
    profile: SiteProfile | None = None,
    *,
    min_body_chars: int = defaults.EXTRACT_MIN_BODY_CHARS,
    max_page_bytes: int = defaults.EXTRACT_MAX_PAGE_BYTES,
    run_id: str | None = None,
) -> Assembled:
    """Fetched page -> the record the archive keeps, or the reason it keeps none."""
    if reason := unusable_reason(page.body, max_page_bytes):
        return Assembled(None, reason, f"{len(page.body)} bytes")
    text, encoding = page.text, page.encoding
    if text is None:
        decoded = decode_page(page.body, page.declared_encoding)
        text, encoding = decoded.text, decoded.encoding
    originals: Originals | None = None
    try:
        tree = page.tree if page.tree is not None else parse_html(text)
        fields, originals = _read(tree, text, page.url, profile)
    except Exception as exc:  # one broken page must never stop a crawl
        return Assembled(None, "extract/error", f"{type(exc).__name__}: {exc}")
    if target := offsite_redirect(text, page.url):
        fields["_signals"] = {**(fields.get("_signals") or {}), "redirects_to": target}
    fields = normalize_record(fields)
    if originals is not None:
        fields = with_originals(fields, originals.restore)
    fields = flag_record(fields)
    fields.update(_fetch_fields(page, encoding, run_id))
    if profile is not None and profile.site_name and not (fields.get("site") or {}).get("name"):
        fields["site"] = {**(fields.get("site") or {}), "name": profile.site_name}
    record = finalize_record(fields, page.url)
    if is_busy_page(record["title"], record["text"]):  # retried by a later run (the frontier)
        return Assembled(None, "extract/busy_page", _opening(record["text"]))
    if is_error_page(record["title"], record["text"]):  # a soft 404: no new version of anything
        return Assembled(None, "extract/error_page", _opening(record["text"]))
    if len(record["text"].strip()) < min_body_chars:
        # a document published as its attachments (详见附件。), a photo news item whose body is
        # its pictures (at an article's URL): articles all the same
        pictured = bool(record["images"]) and classify_url(page.url, profile) == "article"
        if not record["attachments"] and not pictured:
            return Assembled(record, "extract/empty_body", f"{len(record['text'])} characters")
        record["flags"] = sorted({*record["flags"], "short_body"})
    if not (record["title"] or "").strip():
        return Assembled(record, "extract/no_title")
    return Assembled(record)


def assemble_document(
    page: FetchedPage,
    title: str,
    listed_date: str | None,
    profile: SiteProfile | None = None,
    *,
    run_id: str | None = None,
) -> Assembled:
    """A document file a list shows as a row of its own (a 信息公开 column's PDF) -> its record:
    the row's title and date, the file's text (a PDF's text layer, a Word file's paragraphs;
    empty for a scan or a format no reader opens), the file as its attachment, the flag
    `document`. Its `content_sha1` is the file's bytes' (a file changed at the same URL is a new
    version); the bytes themselves are in the WARC like any page's."""
    if not page.body:
        return Assembled(None, "extract/empty_page", "0 bytes")
    flags = ["document"]
    try:
        read = document_text(page.body)
    except Exception:  # a reader failing on one file must not lose the file's record
        read, flags = None, [*flags, "text_unreadable"]
    if read is not None and read.truncated:
        flags.append("text_truncated")
    fields: dict[str, Any] = {
        "title": title,
        "published_at": parse_date(listed_date),
        "text": read.text if read is not None else "",
        "attachments": [{"url": page.url, "title": title or None}],
        "flags": flags,
    }
    fields = flag_record(normalize_record(fields))
    fields.update(_fetch_fields(page, None, run_id))
    if profile is not None and profile.site_name:
        fields["site"] = {"name": profile.site_name}
    record = finalize_record(fields, page.url)
    record["content_sha1"] = hashlib.sha1(page.body).hexdigest()
    if not (record["title"] or "").strip():
        return Assembled(record, "extract/no_title")
    return Assembled(record)


# a `<title>` with this many traditional-only characters predicts a traditional page
_TITLE_TRADITIONAL_CHARS = 2


def _read(
    tree: Any, text: str, url: str, profile: SiteProfile | None
) -> tuple[dict[str, Any], Originals | None]:
    """A page's fields, and for a page in traditional characters what gives the shadow's
    strings back in the page's own (`_read_on_shadow`). A page is traditional when what is read
    from it (title and text) is; a page whose `<title>` is (most are, their text too) is read
    on its shadow first, the page itself then read only when the text was not."""
    shadow = _read_on_shadow(tree, text, url, profile) if _titled_traditional(tree) else None
    if shadow is not None and _is_traditional(shadow[0], shadow[1].restore):
        return shadow
    fields = extract_article(tree, url, profile)
    if not _is_traditional(fields):
        return fields, None
    shadow = shadow or _read_on_shadow(tree, text, url, profile)
    return shadow if shadow is not None else (fields, None)


def _titled_traditional(tree: Any) -> bool:
    return mostly_traditional(tree.findtext(".//title") or "", _TITLE_TRADITIONAL_CHARS)


def _is_traditional(fields: dict[str, Any], restore: Callable[[str], str] = str) -> bool:
    return mostly_traditional(restore(f"{fields.get('title') or ''}\n{fields.get('text') or ''}"))


def _read_on_shadow(
    tree: Any, text: str, url: str, profile: SiteProfile | None
) -> tuple[dict[str, Any], Originals] | None:
    """A page in traditional characters (`text`, parsed as `tree`) read again on its simplified
    shadow, where the labels, widget words and name rules written in simplified characters
    apply, and what gives its strings back in the page's own characters (None: the shadow's
    tree is not the page's)."""
    shadow = parse_html(simplified_shadow(text))
    try:
        originals = Originals(_all_text(tree), _all_text(shadow))
    except ValueError:
        return None
    fields = extract_article(shadow, url, profile)
    # in simplified characters already: normalization must not convert it again
    fields["flags"] = sorted({*(fields.get("flags") or []), "converted_t2s"})
    return fields, originals


def _all_text(root: Any) -> str:
    """A tree's text in document order but its scripts' and style sheets', then the attribute
    values a record's strings may come from (a meta tag's title or author, an image's alt, a
    file's address). Scripts and other attributes are most of a large page's (all but a
    hundred of a news portal's 796 thousand characters), and `Originals` goes over what is
    given here twice. A stack, not recursion: a page may nest deeper than Python recurses."""
    parts = [root.text] if root.text else []
    stack: list[tuple[Any, str | None]] = [(iter(root), None)]
    while stack:
        children, tail = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if tail:
                parts.append(tail)
            continue
        tag = child.tag
        if isinstance(tag, str) and tag not in _NO_TEXT_TAGS:  # comments hold none either
            if child.text:
                parts.append(child.text)
            if len(child):
                stack.append((iter(child), child.tail))  # its tail after its descendants'
                continue
        if child.tail:
            parts.append(child.tail)
    return "".join(parts) + "\n" + "\n".join(_VALUE_ATTRIBUTES(root))


_NO_TEXT_TAGS = frozenset({"script", "style"})
_VALUE_ATTRIBUTES = etree.XPath(
    "//@content | //@alt | //@title | //@src | //@href", smart_strings=False
)


def _opening(text: str) -> str:
    """What a page standing in for an article says, on one line, for the skip's log line."""
    return " ".join(text.split())[:80]


def _fetch_fields(page: FetchedPage, encoding: str | None, run_id: str | None) -> dict[str, Any]:
    """What a record says of its fetch: the answer's status and validators, when, its WARC."""
    return {
        "http": {"status": page.status, "encoding": encoding, "etag": page.etag,
                 "last_modified": page.last_modified},
        "fetched_at": page.fetched_at or utc_now_iso(), "warc": page.warc, "run_id": run_id,
    }  # fmt: skip


def unusable_reason(body: bytes, max_page_bytes: int) -> DropReason | None:
    """Why a response's bytes are no page to read at all (every page kind, lists too)."""
    if len(body) > max_page_bytes:
        return "skip/too_large"
    if not body or body.isspace():  # as `not body.strip()`, without copying the page
        return "extract/empty_page"
    if looks_binary(body):
        return "extract/not_html"
    return None


def build_record(
    page: bytes | str,
    url: str,
    *,
    declared_encoding: str | None = None,
    fetched_at: str | None = None,
    profile: SiteProfile | None = None,
) -> Record:
    """A saved page's record, dropped or not (benchmarks and golden tests score extraction on
    every page); `assemble_record` with the page's bytes or text."""
    if isinstance(page, bytes):
        fetched = FetchedPage(url, page, declared_encoding, fetched_at=fetched_at)
    else:
        fetched = FetchedPage(url, page.encode("utf-8"), fetched_at=fetched_at, text=page)
    assembled = assemble_record(fetched, profile)
    if assembled.record is None:
        raise ValueError(f"{assembled.dropped}: {assembled.detail}")
    return assembled.record
