"""Decode a page's bytes, trusting a declared charset only when the bytes agree with it.

Real Chinese government pages declare `gb2312` and are UTF-8, or declare nothing (or a Western
default) and are GBK. The check is cheap: a strict decode of the declared charset and of UTF-8,
both done in C; a full charset detector never runs.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# Only the head of a page may declare its charset (HTML spec: the first 1024 bytes; real pages
# put it later, after long comments, so look a little further).
_META_SCAN_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""",
    re.IGNORECASE,
)
_XML_DECLARATION_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding=["']([a-zA-Z0-9_.\-]+)""")
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Simplified-Chinese legacy charsets are all read as their superset.
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "hz", "euc-cn", "x-gbk", "cp936"})
# Charsets that servers and parsers fall back to when nothing is declared; Chinese bytes
# under one of these are GBK far more often than Western text.
_WESTERN_DEFAULTS = frozenset({"ascii", "latin-1", "iso8859-1", "cp1252", "windows-1252"})
# Below this share of replacement characters a page "is" that charset with a few bad bytes.
_MOSTLY_DECODED = 0.01
_ALIASES = {"iso-8859-1": "latin-1", "iso8859_1": "latin-1", "windows-1252": "cp1252"}


@dataclass(frozen=True)
class DecodedPage:
    text: str
    encoding: str  # the charset actually used (Python codec name)
    declared: str | None  # what the header or page said, normalized; None when nothing
    source: str  # "header", "bom", "meta", "sniffed" or "forced"
    mismatch: bool  # the declaration was contradicted by the bytes and overridden


def normalize_charset(name: str | None) -> str | None:
    """A declared charset as a Python codec name; gb2312/gbk become gb18030; None if unknown."""
    if not name:
        return None
    cleaned = name.strip().strip("\"'").lower()
    cleaned = _ALIASES.get(cleaned, cleaned)
    try:
        codec = codecs.lookup(cleaned).name
    except LookupError:
        return None
    if codec in _GB_FAMILY or cleaned in _GB_FAMILY:
        return "gb18030"
    if codec in ("iso8859-1", "latin-1"):
        return "latin-1"
    return codec


def declared_in_page(body: bytes) -> str | None:
    """The charset an XML declaration or `<meta charset>` in the page's head declares."""
    head = body[:_META_SCAN_BYTES]
    match = _XML_DECLARATION_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def _bom_charset(body: bytes) -> str | None:
    for bom, charset in _BOMS:
        if body.startswith(bom):
            return charset
    return None


def _decodes(body: bytes, charset: str) -> bool:
    try:
        body.decode(charset)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _replacement_ratio(body: bytes, charset: str) -> float:
    text = body.decode(charset, "replace")
    return text.count("\ufffd") / max(1, len(text))


def sniff_charset(body: bytes) -> str:
    """What the bytes are when nothing trustworthy says so: UTF-8 if valid, else GB18030
    (or whichever of the two leaves fewer replacement characters on a damaged page)."""
    if body.isascii() or _decodes(body, "utf-8"):
        return "utf-8"
    if _decodes(body, "gb18030"):
        return "gb18030"
    utf8_bad = _replacement_ratio(body, "utf-8")
    gb_bad = _replacement_ratio(body, "gb18030")
    return "utf-8" if utf8_bad <= gb_bad else "gb18030"


def check_declared(body: bytes, declared: str | None) -> str | None:
    """The charset to use instead of `declared` when the bytes contradict it, else None.

    A declaration holds when the bytes decode strictly with it, except that a legacy or
    Western declaration over bytes that are valid multi-byte UTF-8 means UTF-8 (GBK text is
    practically never valid UTF-8), and a Western default over bytes that decode as GB18030
    means GBK.
    """
    charset = normalize_charset(declared)
    if charset is None or body.isascii():
        return None
    if charset == "utf-8":
        return None if _decodes(body, "utf-8") else _other_than(body, "utf-8")
    if _decodes(body, "utf-8"):
        return "utf-8"
    if charset in _WESTERN_DEFAULTS:
        # A Western default over Chinese bytes is a guess, not a declaration.
        return _western_instead(body)
    if _decodes(body, charset):
        return None
    return _other_than(body, charset)


def _western_instead(body: bytes) -> str | None:
    if _decodes(body, "gb18030"):
        return "gb18030"
    sniffed = sniff_charset(body)
    return sniffed if _replacement_ratio(body, sniffed) < _MOSTLY_DECODED else None


def _other_than(body: bytes, charset: str) -> str | None:
    sniffed = sniff_charset(body)
    if sniffed == charset:
        return None
    if _replacement_ratio(body, sniffed) < _replacement_ratio(body, charset):
        return sniffed
    return None


def decode_page(
    body: bytes, declared: str | None = None, *, force: str | None = None
) -> DecodedPage:
    """Bytes -> text. Order: forced charset, BOM, the declared (HTTP header) charset, the page's
    own `<meta charset>`, then sniffing; a declaration the bytes contradict is overridden."""
    if force and (charset := normalize_charset(force)):
        return DecodedPage(body.decode(charset, "replace"), charset, charset, "forced", False)
    if bom := _bom_charset(body):
        text = body.decode(bom, "replace").lstrip("\ufeff")
        return DecodedPage(text, bom, normalize_charset(declared), "bom", False)
    source = "header"
    claimed = normalize_charset(declared)
    if claimed is None:
        source = "meta"
        claimed = normalize_charset(declared_in_page(body))
    if claimed is None:
        charset = sniff_charset(body)
        return DecodedPage(body.decode(charset, "replace"), charset, None, "sniffed", False)
    instead = check_declared(body, claimed)
    charset = instead or claimed
    return DecodedPage(body.decode(charset, "replace"), charset, claimed, source, bool(instead))
