"""The archive record: its keys, its identity, and the one composition of the pure steps.

`build_record` is what `python -m crawler extract` and the benchmarks run; the crawl runs the
same steps split over the item pipelines (normalize, flags, dedup, archive), so a page gives
the same record either way (dedup fields aside).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from w3lib.url import canonicalize_url

RECORD_KEYS: tuple[str, ...] = (
    "id", "version", "version_id", "previous_version_id", "url", "site", "column",
    "breadcrumbs", "title", "published_at", "source", "authors", "reporters", "editors",
    "reviewers",
    "text", "text_original", "images", "attachments", "document", "flags", "content_sha1",
    "duplicate_of", "fetched_at", "http", "run_id", "warc",
)  # fmt: skip

_WHITESPACE = re.compile(r"\s+")


def canonical_url(url: str) -> str:
    """The URL an article is known by: fragments dropped, query sorted (w3lib)."""
    return canonicalize_url(url, keep_fragments=False)


def record_id(url: str) -> str:
    return hashlib.sha1(canonical_url(url).encode("utf-8")).hexdigest()


def text_key(text: str) -> str:
    """Comparison key of a body: NFKC, no whitespace (never stored, only hashed)."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text))


def content_sha1(text: str) -> str:
    return hashlib.sha1(text_key(text).encode("utf-8")).hexdigest()


def utc_now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def finalize_record(fields: dict[str, Any], url: str | None = None) -> dict[str, Any]:
    """Fill identity and defaults; idempotent. Private keys (leading `_`) are kept for
    pipelines and dropped only by `archive_view`."""
    rec = dict(fields)
    rec["url"] = url or rec["url"]
    rec["id"] = record_id(rec["url"])
    rec.setdefault("version", 1)
    rec["version_id"] = f"{rec['id']}-v{rec['version']}"
    rec.setdefault("previous_version_id", None)
    site = rec.get("site") or {}
    rec["site"] = {
        "name": site.get("name"),
        "domain": site.get("domain") or _domain(rec["url"]),
        "id_code": site.get("id_code"),
    }
    for key in ("column", "title", "published_at", "source", "text_original", "document",
                "duplicate_of", "run_id", "warc"):  # fmt: skip
        rec.setdefault(key, None)
    for key in ("breadcrumbs", "authors", "reporters", "editors", "reviewers", "images",
                "attachments", "flags"):  # fmt: skip
        rec[key] = list(rec.get(key) or [])
    rec["flags"] = sorted(set(rec["flags"]))
    rec["text"] = rec.get("text") or ""
    rec["content_sha1"] = content_sha1(rec["text"])
    rec.setdefault("fetched_at", utc_now_iso())
    http = rec.get("http") or {}
    rec["http"] = {
        "status": int(http.get("status") or 200),
        "encoding": http.get("encoding"),
        "etag": http.get("etag"),
        "last_modified": http.get("last_modified"),
    }
    return rec


def archive_view(rec: dict[str, Any]) -> dict[str, Any]:
    """Exactly the schema's keys, in schema order."""
    return {key: rec.get(key) for key in RECORD_KEYS}


def to_json_line(rec: dict[str, Any]) -> str:
    return json.dumps(archive_view(rec), ensure_ascii=False, separators=(",", ":")) + "\n"


def archived_lines(path: Path, offset: int = 0) -> Iterator[tuple[bytes, int]]:
    """The complete lines of an archive file from byte `offset` on, each with the offset just
    past it; a partial last line (a writer killed mid-line) is not a record and is left out."""
    with path.open("rb") as fh:
        fh.seek(offset)
        for line in fh:
            if not line.endswith(b"\n"):
                return
            offset += len(line)
            yield line, offset


@cache
def record_schema() -> dict[str, Any]:
    text = resources.files("crawler").joinpath("schema/article.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _domain(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc.lower()


def build_record(
    page: str | bytes,
    url: str,
    *,
    declared_encoding: str | None = None,
    http: dict[str, Any] | None = None,
    fetched_at: str | None = None,
    profile: Any = None,
) -> dict[str, Any]:
    """Raw page (bytes in any encoding, or text) -> the record the crawl would archive.

    Runs the same pure steps as the pipelines: decode, extract, normalize, flag, finalize.
    """
    from crawler.page.encoding import decode_page
    from crawler.page.extraction import extract_article
    from crawler.page.flags import flag_record
    from crawler.page.normalize import normalize_record

    encoding = None
    if isinstance(page, bytes):
        decoded = decode_page(page, declared_encoding)
        page, encoding = decoded.text, decoded.encoding
    fields = extract_article(page, url, profile)
    fields = normalize_record(fields)
    fields = flag_record(fields)
    fields["http"] = {"status": 200, "encoding": encoding, **(http or {})}
    if fetched_at:
        fields["fetched_at"] = fetched_at
    return finalize_record(fields, url)
