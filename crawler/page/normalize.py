"""Text normalization of a record: the entry point the pipeline and `build_record` call.

`normalize_record(fields) -> fields` is pure and idempotent. Steps, each skipped when its trigger
characters are absent: whitespace and paragraphs (NFC), garbled-GBK repair, ruby pinyin left in
the text, chrome lines that survived extraction, bylines, traditional -> simplified.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from crawler.page import chrome
from crawler.page.bylines import (
    Bylines,
    bylines_in_info_line,
    take_lead_byline,
    take_trailer_byline,
)
from crawler.page.chinese import has_traditional, to_simplified, to_simplified_name
from crawler.page.dates import parse_date
from crawler.page.garble import repair_garbled
from crawler.page.pinyin import strip_pinyin_annotations

NAME_FIELDS = ("reporters", "editors", "reviewers")
LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
ODD_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
SPACE_RUN = re.compile(r" {2,}")
# Paragraphs flattened into one line by a page: a sentence end (or a colon closing a lead-in such
# as 杨博强调:) followed by spaces and more text. Only applied to lines too long to be chrome.
RUN_TOGETHER_BREAK = re.compile(r"(?:(?<=[。！？!?:：])|(?<=[。！？!?][”’」』)）]))[ ]+(?=[^\s\d])")
END_BYLINE = re.compile(r"[(（](?P<body>[^()（）]{2,78})[)）]$")


def normalize_whitespace(text: str) -> str:
    """NFC; odd spaces to plain spaces; one paragraph a line, no blank lines."""
    text = unicodedata.normalize("NFC", LINE_BREAKS.sub("\n", text))
    text = ZERO_WIDTH.sub("", ODD_SPACES.sub(" ", text))
    lines: list[str] = []
    for raw in text.split("\n"):
        line = SPACE_RUN.sub(" ", raw).strip()
        if len(line) > chrome.MAX_CHROME_LINE:
            lines += [part.strip() for part in RUN_TOGETHER_BREAK.split(line)]
        elif line:
            lines.append(line)
    return "\n".join(line for line in lines if line)


def clean_line(text: str | None) -> str | None:
    """A one-line field (title, source): whitespace, NFC, no pinyin."""
    if text is None:
        return None
    text = SPACE_RUN.sub(" ", ZERO_WIDTH.sub("", ODD_SPACES.sub(" ", text))).strip()
    return strip_pinyin_annotations(unicodedata.normalize("NFC", text)) or None


def _signals(rec: dict[str, Any]) -> dict[str, Any]:
    signals = dict(rec.get("_signals") or {})
    rec["_signals"] = signals
    return signals


def strip_chrome(rec: dict[str, Any], lines: list[str]) -> list[str]:
    """Drop chrome lines; what they tell (date, source, breadcrumbs, editors) fills only empty
    fields."""
    kept: list[str] = []
    signals = _signals(rec)
    for line in lines:
        kind = chrome.classify_line(line)
        if kind is None:
            kept.append(line)
        elif kind == "breadcrumb":
            rec["breadcrumbs"] = rec.get("breadcrumbs") or chrome.breadcrumb_parts(line)
            signals["breadcrumb_text"] = signals.get("breadcrumb_text") or line
        elif kind in ("info", "source"):
            if kind == "info":
                signals["info_line"] = signals.get("info_line") or line
                rec["published_at"] = rec.get("published_at") or parse_date(line)
                _add_names(rec, bylines_in_info_line(line))
            rec["source"] = rec.get("source") or chrome.clean_source(chrome.source_of(line))
    return kept


def _add_names(rec: dict[str, Any], bylines: Bylines) -> None:
    for name in NAME_FIELDS:
        names = list(rec.get(name) or [])
        names += [n for n in getattr(bylines, name) if n not in names]
        rec[name] = names


def take_bylines(lines: list[str]) -> tuple[list[str], Bylines]:
    found = Bylines()
    while lines and (alone := take_trailer_byline(lines[0])):
        lines = lines[1:]  # a byline standing as the first line: ``(记者 张三 通讯员 李四)``
        _merge(found, alone)
    if lines:
        first, lead = take_lead_byline(lines[0])
        if lead:
            lines = [first, *lines[1:]]
            _merge(found, lead)
    while lines and (trailer := take_trailer_byline(lines[-1])):
        lines = lines[:-1]
        _merge(found, trailer)
    while lines and (end := END_BYLINE.search(lines[-1])):
        trailer = take_trailer_byline(end[0])
        if not trailer or not lines[-1][: end.start()].strip():
            break
        lines = [*lines[:-1], lines[-1][: end.start()].rstrip()]
        _merge(found, trailer)
    return lines, found


def _merge(into: Bylines, other: Bylines) -> None:
    for name in NAME_FIELDS:
        into.add(name, getattr(other, name))


# a cap, not the usual count: real pages settle in two passes (the last one changes nothing)
MAX_LINE_PASSES = 16


def clean_lines(rec: dict[str, Any], lines: list[str]) -> list[str]:
    """Chrome, repeated title, bylines, stray ``|``: repeated until nothing changes, because
    removing one (a trailer) can expose another (an image name before it)."""
    for _ in range(MAX_LINE_PASSES):
        before = lines
        lines = strip_chrome(rec, lines)
        lines = chrome.drop_title_lines(lines, rec.get("title"))
        lines, bylines = take_bylines(lines)
        _add_names(rec, bylines)
        if lines:
            lines[-1] = chrome.strip_stray_trailer(lines[-1])
        lines = [line for line in lines if line]
        if lines == before:
            break
    return lines


def clean_text(rec: dict[str, Any]) -> str:
    text = normalize_whitespace(rec.get("text") or "")
    report = repair_garbled(text)
    flags = set(rec.get("flags") or [])
    if report.found:
        flags.add("garbled")
    if report.repaired:
        flags.add("garbled_repaired")
    rec["flags"] = sorted(flags)
    text = strip_pinyin_annotations(report.text)
    return "\n".join(clean_lines(rec, text.split("\n")))


def clean_trail(rec: dict[str, Any]) -> None:
    """Breadcrumbs without the page itself; a column that named the page falls back to the
    trail's last entry."""
    if rec.get("breadcrumbs"):
        rec["breadcrumbs"] = chrome.clean_breadcrumbs(list(rec["breadcrumbs"]), rec.get("title"))
    column = rec.get("column")
    if column and chrome.clean_breadcrumbs([column], rec.get("title")) == []:
        rec["column"] = rec["breadcrumbs"][-1] if rec.get("breadcrumbs") else None


def _convert(value: Any, convert: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return convert(value)
    if isinstance(value, list):
        return [convert(v) if isinstance(v, str) else v for v in value]
    return value


def convert_to_simplified(rec: dict[str, Any]) -> None:
    """t2s for text, title, source, column, breadcrumbs and names; keeps `text_original`."""
    before = {k: rec.get(k) for k in ("text", "title", "source", "column", "breadcrumbs")}
    for key, value in before.items():
        rec[key] = _convert(value, to_simplified)
    for name in NAME_FIELDS:
        rec[name] = [to_simplified_name(n) for n in rec.get(name) or []]
    clean_media(rec, to_simplified)
    if rec["text"] != before["text"]:
        rec["text_original"] = before["text"]
    changed = any(rec[k] != v for k, v in before.items())
    if changed:
        rec["flags"] = sorted({*rec.get("flags", []), "converted_t2s"})


def clean_media(rec: dict[str, Any], convert: Callable[[str], str] | None = None) -> None:
    """Image captions and attachment titles: one clean line; a caption that is only the image's
    file name (``555.jpg``) is no caption. New dicts: the input record is never mutated."""
    for key, label in (("images", "caption"), ("attachments", "title")):
        items = []
        for item in rec.get(key) or []:
            value = clean_line(item.get(label))
            if value and key == "images" and chrome.IMAGE_FILE_NAME.match(value):
                value = None
            if value and convert:
                value = convert(value)
            items.append({**item, label: value})
        if key in rec:
            rec[key] = items


def _needs_conversion(rec: dict[str, Any]) -> bool:
    fields = [rec.get("text"), rec.get("title"), rec.get("source"), rec.get("column")]
    fields += [*(rec.get("breadcrumbs") or []), *(n for f in NAME_FIELDS for n in rec.get(f) or [])]
    return any(isinstance(f, str) and has_traditional(f) for f in fields)


def normalize_record(fields: dict[str, Any]) -> dict[str, Any]:
    """Return a new, normalized record (idempotent: normalizing it again changes nothing)."""
    rec = dict(fields)
    rec.setdefault("text_original", None)
    rec["title"] = clean_line(rec.get("title"))
    rec["source"] = chrome.clean_source(clean_line(rec.get("source")))
    rec["text"] = clean_text(rec)
    clean_trail(rec)
    clean_media(rec)
    # Converted once: t2s is not idempotent itself (乾縣 -> 乾县 by phrase, 乾县 -> 干县 by char).
    if "converted_t2s" not in rec["flags"] and _needs_conversion(rec):
        convert_to_simplified(rec)
    rec["flags"] = sorted(set(rec.get("flags") or []))
    return rec
