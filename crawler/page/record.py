"""The archive record: its fields (one `Record` TypedDict, held to the JSON Schema by a test)
and its identity. Records are made by `crawler.page.assemble.assemble_record` only.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from datetime import UTC, datetime
from functools import cache, lru_cache
from importlib import resources
from typing import Any, TypedDict
from urllib.parse import urlsplit

from w3lib.url import canonicalize_url


class Site(TypedDict):
    name: str | None
    domain: str
    id_code: str | None


class HttpInfo(TypedDict):
    status: int
    encoding: str | None
    etag: str | None
    last_modified: str | None


class WarcPointer(TypedDict):
    file: str
    offset: int
    length: int


class Record(TypedDict):
    """One archived article version, exactly the fields of `crawler/schema/article.schema.json`
    in its order (a test holds the two together)."""

    id: str
    version: int
    version_id: str
    previous_version_id: str | None
    url: str
    site: Site
    column: str | None
    breadcrumbs: list[str]
    title: str
    published_at: str | None
    source: str | None
    authors: list[str]
    reporters: list[str]
    editors: list[str]
    reviewers: list[str]
    text: str
    text_original: str | None
    images: list[dict[str, str | None]]
    attachments: list[dict[str, str | None]]
    document: dict[str, str | None] | None
    flags: list[str]
    content_sha1: str
    duplicate_of: str | None
    fetched_at: str
    http: HttpInfo
    run_id: str | None
    warc: WarcPointer | None


RECORD_KEYS: tuple[str, ...] = tuple(Record.__annotations__)


def canonical_url(url: str) -> str:
    """The URL an article is known by: fragments dropped, query sorted (w3lib)."""
    return canonicalize_url(url, keep_fragments=False)


def record_id(url: str) -> str:
    return hashlib.sha1(canonical_url(url).encode("utf-8")).hexdigest()


def version_id(article_id: str, version: int) -> str:
    return f"{article_id}-v{version}"


def with_version(rec: Record, version: int, previous_version_id: str | None) -> Record:
    """The record as version `version` of its article (the crawl state decides which)."""
    rec["version"] = version
    rec["version_id"] = version_id(rec["id"], version)
    rec["previous_version_id"] = previous_version_id
    return rec


# Characters of Chinese text that NFKC changes, by far the most frequent: full-width ASCII forms
# (，：；（）！？％ and digits), the ideographic space, the ellipsis and the no-break space.
_COMPAT_FORMS = re.compile("[\uff01-\uff5e\u3000\u2026\u00a0]")
_CACHED_TEXT_CHARS = 100_000  # longer texts' keys are not kept (`text_key`)


@cache
def _compat_form(char: str) -> str:
    return unicodedata.normalize("NFKD", char)


def text_key(text: str) -> str:
    """Comparison key of a body: NFKC, no whitespace (never stored, only hashed).

    NFKC on Chinese text costs about 0.1 ms per 1,000 characters, nearly all of it spent on
    the full-width punctuation that every sentence holds. Those characters are first replaced
    by their compatibility decomposition, which leaves NFKC's result unchanged (NFKC is the
    canonical composition of the full decomposition, and a character's decomposition
    decomposes to itself); the rest is usually normalized already, which Python checks at
    once, so the full algorithm only runs on the rare text that still needs it. Dedup asks
    for a record's key again, on the same text: the last few keys are kept, of texts up to
    _CACHED_TEXT_CHARS (a huge page's text is not held on to).
    """
    if len(text) <= _CACHED_TEXT_CHARS:
        return _cached_text_key(text)
    return _text_key(text)


def _text_key(text: str) -> str:
    folded = _COMPAT_FORMS.sub(lambda match: _compat_form(match.group()), text)
    if not unicodedata.is_normalized("NFKC", folded):
        folded = unicodedata.normalize("NFKC", folded)
    return "".join(folded.split())


_cached_text_key = lru_cache(maxsize=8)(_text_key)


def content_sha1(text: str) -> str:
    return hashlib.sha1(text_key(text).encode("utf-8")).hexdigest()


def utc_now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def finalize_record(fields: dict[str, Any], url: str | None = None) -> Record:
    """Identity (`id`, `content_sha1`, first `version_id`) and defaults of the final fields:
    exactly the record's keys, in order; whatever else `fields` holds is left behind."""
    rec: dict[str, Any] = {key: fields.get(key) for key in RECORD_KEYS}
    rec["url"] = url or rec["url"]
    rec["id"] = record_id(rec["url"])
    with_version(rec, rec["version"] or 1, rec["previous_version_id"])  # type: ignore[arg-type]
    site = rec["site"] or {}
    rec["site"] = {
        "name": site.get("name"),
        "domain": site.get("domain") or urlsplit(rec["url"]).netloc.lower(),
        "id_code": site.get("id_code"),
    }
    for key in (
        "breadcrumbs",
        "authors",
        "reporters",
        "editors",
        "reviewers",
        "images",
        "attachments",
    ):
        rec[key] = list(rec[key] or [])
    rec["flags"] = sorted(set(rec["flags"] or []))
    rec["text"] = rec["text"] or ""
    rec["content_sha1"] = content_sha1(rec["text"])
    rec["fetched_at"] = rec["fetched_at"] or utc_now_iso()
    http = rec["http"] or {}
    rec["http"] = {
        "status": int(http.get("status") or 200),
        "encoding": http.get("encoding"),
        "etag": http.get("etag"),
        "last_modified": http.get("last_modified"),
    }
    return rec  # type: ignore[return-value]


def to_json_line(rec: Record | dict[str, Any]) -> str:
    """One archive line: the record's fields in schema order, UTF-8 text (no `\\u` escapes)."""
    view = {key: rec.get(key) for key in RECORD_KEYS}
    return json.dumps(view, ensure_ascii=False, separators=(",", ":")) + "\n"


@cache
def record_schema() -> dict[str, Any]:
    text = resources.files("crawler").joinpath("schema/article.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
