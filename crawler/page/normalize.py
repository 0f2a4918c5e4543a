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
    DATED_DATELINE,
    NAME_FIELDS,
    ROLE_LABEL_ALONE,
    Bylines,
    bylines_in_info_line,
    has_common_surname,
    is_name,
    labelled_credit,
    photo_credit,
    take_lead_byline,
    take_name_line,
    take_post_stamp,
    take_trailer_byline,
)
from crawler.page.chinese import has_traditional, to_simplified, to_simplified_name
from crawler.page.dates import parse_date
from crawler.page.garble import repair_garbled
from crawler.page.pinyin import strip_pinyin_annotations
from crawler.page.vocabulary import APART, CLOSING_EDITOR_LABELS, one_of

LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
ODD_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
SPACE_RUN = re.compile(r" {2,}")
# Paragraphs flattened into one line by a page: a sentence end (or a colon closing a lead-in such
# as 杨博强调:) followed by spaces and more text. Only applied to lines too long to be chrome.
RUN_TOGETHER_BREAK = re.compile(r"(?:(?<=[。！？!?:：])|(?<=[。！？!?][”’」』)）]))[ ]+(?=[^\s\d])")
END_BYLINE = re.compile(
    r"[(（【\[][^()（）【】\[\]]{2,78}[)）】\]]$"
    # a reporter's credit run on after the last sentence, unbracketed (`…参加会议。记者 李秋晨`)
    r"|(?<=[。！？])\s*(?:本报)?(?:记者|通讯员|記者|通訊員)[^。！？，,()（）]{2,40}$"
)
# Bylines stand on their own line among the first lines (after a kicker such as 【新春走基层】
# or a deck).
LEAD_LINES = 3
# a note in brackets, a sentence (`(为保护患者隐私，文中所有人名均为化名)`), set between the
# closing credit lines (`通讯员…` above it, `制图 陶刚` below)
BRACKETED_NOTE = re.compile(r"^[(（][^()（）]{4,60}[，,。][^()（）]{0,60}[)）]$")
# A byline line marked with a box (`□ 本报记者 赵 丽`, as newspapers set theirs under the lead's
# bullet points): read as one among this many first lines.
MARKED_LEAD_LINES = 8
MARKED_BYLINE = re.compile(r"^[□■]\s*")
# A headline-like first line (short, no sentence punctuation) that a bare name line may follow.
HEADING_LINE = re.compile(r"^[^。，；！？.,;!?]{2,40}$")
MIN_LINE_AFTER_NAME = 8
# ``作者：…`` opening the body is byline chrome even when what follows is no name (an office).
AUTHOR_LINE = re.compile(rf"^(?:作者|作\s+者|撰稿|撰文)(?:\s*[:：]|{APART}(?=[\u3400-\u9fff]))")
AUTHOR_LINE_LINES = 2
MAX_AUTHOR_LINE = 60
# ``（责任编辑：系统管理员）`` closing the body: an editor line naming an account or an office,
# no person, is chrome all the same.
EDITOR_LINE = re.compile(
    rf"^[(（【\[]?\s*(?:{one_of(CLOSING_EDITOR_LABELS)})\s*[:：]\s*[^。！？!?，,]{{1,16}}?\s*[)）】\]]?$"
)
# Signals read like info lines for names: the info line, and the page's date line with the cells
# around it (`crawler.page.dates.PageDates.context`), where a forum or blog names the poster.
# The lines just outside a body chosen by evidence (`lines_before` / `lines_after`): each is read
# like an info line, and one before the body may be a bare name under the headline.
BYLINE_SIGNALS = (
    "info_line", "date_line", "lines_before", "lines_after", "author_line", "credit_line",
)  # fmt: skip


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
    fields. A byline right after a 来源 line (``来源：新闻晨报`` / ``编辑：山石``) goes with it."""
    kept: list[str] = []
    signals = _signals(rec)
    after_source = False
    for line in lines:
        kind = chrome.classify_line(line)
        if kind is None:
            byline = take_trailer_byline(line) if after_source else None
            if byline:
                _add_names(rec, byline)
            else:
                kept.append(line)
        elif kind == "breadcrumb":
            rec["breadcrumbs"] = rec.get("breadcrumbs") or chrome.breadcrumb_parts(line)
            signals["breadcrumb_text"] = signals.get("breadcrumb_text") or line
        elif kind in ("info", "source"):
            if kind == "info":
                signals["info_line"] = signals.get("info_line") or line
                rec["published_at"] = rec.get("published_at") or parse_date(line)
                _add_names(rec, bylines_in_info_line(line))
            shown = chrome.clean_source(chrome.source_of(line))
            if (
                not rec.get("source")
                or (shown and kind == "source" and _tag_of_publisher(rec))
                or (shown and _tag_of_site(rec))
            ):
                rec["source"] = shown or rec.get("source")
        after_source = kind == "source"
    return kept


def _tag_of_publisher(rec: dict[str, Any]) -> bool:
    """The record's source only repeats the disclosure table's issuing body (`发文机关`), as a
    CMS's source tag does: a `稿源：`/`来源：` line in the text names the article's own source."""
    document = rec.get("document")
    return isinstance(document, dict) and rec.get("source") == document.get("publisher")


def _tag_of_site(rec: dict[str, Any]) -> bool:
    """The record's source names the site (`chrome.names_the_site`): a 来源 line in the text
    names the article's."""
    return chrome.names_the_site(rec.get("source"), (rec.get("site") or {}).get("name"))


def _add_names(rec: dict[str, Any], bylines: Bylines) -> None:
    # Names read after t2s ran (an info line in `_signals` on a second pass) are converted too.
    converted = "converted_t2s" in (rec.get("flags") or [])
    for name in NAME_FIELDS:
        names = list(rec.get(name) or [])
        found = getattr(bylines, name)
        if converted:
            found = [to_simplified_name(n) for n in found]
        names += [n for n in found if n not in names]
        rec[name] = names


def take_bylines(lines: list[str], title: str | None = None) -> tuple[list[str], Bylines]:
    found = Bylines()
    lines = _take_lead_bylines(lines, found, title)
    for index, line in enumerate(lines[:LEAD_LINES]):
        # the text's first line, a credit in square brackets opening a later one (after a
        # column's 开栏语 and a sub-heading: `【供稿/管理学院 黄翔】面对…`), or a wire's dated
        # dateline opening one (under a lead picture's caption)
        if index and not line.startswith("【") and not DATED_DATELINE.match(line):
            continue
        first, lead = take_lead_byline(line)
        if lead:
            lines = [*lines[:index], first, *lines[index + 1 :]]
            found.merge(lead)
            break
    note: list[str] = []  # a bracketed note set among the closing credits stays the text's
    while lines:
        if trailer := take_trailer_byline(lines[-1], bare=True):
            lines = lines[:-1]
            found.merge(trailer)
        elif (
            not note
            and len(lines) > 1
            and BRACKETED_NOTE.match(lines[-1])
            and take_trailer_byline(lines[-2], bare=True)
        ):
            note, lines = lines[-1:], lines[:-1]
        else:
            break
    lines += note
    if lines and EDITOR_LINE.match(lines[-1]):
        lines = lines[:-1]
    while lines and (end := END_BYLINE.search(lines[-1])):
        trailer = take_trailer_byline(end[0], bare=True)
        if not trailer or not lines[-1][: end.start()].strip():
            break
        if photo_credit(lines[-1]):  # a caption's credit (新华社发（X摄）) is part of the caption
            break
        lines = [*lines[:-1], lines[-1][: end.start()].rstrip()]
        found.merge(trailer)
    kept = []
    for line in lines:
        if credit := labelled_credit(line):
            found.merge(credit)  # `（撰稿：…；摄影：…）` before the pictures closing a report
            continue
        if credit := photo_credit(line):
            found.merge(credit)
        kept.append(line)
    return kept, found


def _take_lead_bylines(lines: list[str], found: Bylines, title: str | None) -> list[str]:
    """Byline lines among the first few (``(记者 张三 通讯员 李四)``, ``光明日报记者 王建宏``)
    and a bare name line under the headline (``犬儒病(上)`` / ``胡平`` / the essay)."""
    kept: list[str] = []
    # a reprint's headline block (引题, 主题, 副题: short lines, no sentence) before its byline
    heads = next((i for i, line in enumerate(lines[:MARKED_LEAD_LINES])
                  if not HEADING_LINE.match(line)), min(len(lines), MARKED_LEAD_LINES))  # fmt: skip
    for index, line in enumerate(lines):
        if index < AUTHOR_LINE_LINES and len(line) <= MAX_AUTHOR_LINE and AUTHOR_LINE.match(line):
            found.merge(bylines_in_info_line(line))
            continue
        lead = index < max(LEAD_LINES, heads) or (
            index < MARKED_LEAD_LINES and MARKED_BYLINE.match(line)
        )
        if lead and index < len(lines) - 1:
            byline = take_trailer_byline(line) or _name_line(lines, index, title)
            if byline:
                found.merge(byline)
                continue
        kept.append(line)
    return kept


def _name_line(lines: list[str], index: int, title: str | None) -> Bylines | None:
    if index > 1 or len(lines[index + 1]) < MIN_LINE_AFTER_NAME:
        return None
    if index == 1 and not HEADING_LINE.match(lines[0]):
        return None
    return take_name_line(lines[index], title)


def take_post_stamps(rec: dict[str, Any], lines: list[str]) -> list[str]:
    """``发表于 2004年12月27日 12:40 - (阅读:3727)`` lines leave the text; the first one's date
    fills an empty `published_at` and its poster goes to `authors` (later ones are replies)."""
    kept: list[str] = []
    first = True
    for line in lines:
        poster = take_post_stamp(line)
        stamped = poster is not None and (day := parse_date(line)) is not None
        if not stamped:
            kept.append(line)
            continue
        if first and poster is not None:
            rec["published_at"] = rec.get("published_at") or day
            _add_names(rec, poster)
        first = False
    return kept


# a cap, not the usual count: real pages settle in two passes (the last one changes nothing)
MAX_LINE_PASSES = 16


def clean_lines(rec: dict[str, Any], lines: list[str]) -> list[str]:
    """Chrome, repeated title, bylines, stray ``|``: repeated until nothing changes, because
    removing one (a trailer) can expose another (an image name before it)."""
    for _ in range(MAX_LINE_PASSES):
        before = lines
        lines = strip_chrome(rec, lines)
        lines = chrome.drop_title_lines(lines, rec.get("title"))
        lines = chrome.drop_column_lines(lines, rec.get("breadcrumbs"))
        lines = chrome.drop_trailing_tags(lines)
        lines = take_post_stamps(rec, lines)
        lines, bylines = take_bylines(lines, rec.get("title"))
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
        # dict: a name read again in its traditional form (an info line) is one name
        rec[name] = list(dict.fromkeys(to_simplified_name(n) for n in rec.get(name) or []))
    clean_media(rec, to_simplified)
    if rec["text"] != before["text"]:
        rec["text_original"] = before["text"]
    changed = any(rec[k] != v for k, v in before.items())
    if changed:
        rec["flags"] = sorted({*rec.get("flags", []), "converted_t2s"})


def with_originals(rec: dict[str, Any], restore: Callable[[str], str]) -> dict[str, Any]:
    """A record read from a page's simplified shadow, its strings given back in the page's own
    characters by `restore` and then converted as any traditional page's are (a new dict)."""
    rec = dict(rec)
    rec["flags"] = [f for f in rec.get("flags") or [] if f != "converted_t2s"]
    for key in ("text", "title", "source", "column", "breadcrumbs"):
        rec[key] = _convert(rec.get(key), restore)
    for name in NAME_FIELDS:
        rec[name] = [restore(n) for n in rec.get(name) or []]
    # the page's own words and addresses: a file's name in an image's or attachment's URL
    # (`/upload/會議通知.doc`), a disclosure table's publisher, the site's name
    for key in ("images", "attachments"):
        items = rec.get(key) or []
        rec[key] = [{k: _convert(v, restore) for k, v in item.items()} for item in items]
    for key in ("document", "site"):
        if isinstance(rec.get(key), dict):
            rec[key] = {k: _convert(v, restore) for k, v in rec[key].items()}
    # a garbled span is re-paired from its GBK bytes: the page's characters, not the shadow's
    report = repair_garbled(rec.get("text") or "")
    if report.repaired:
        rec["text"] = report.text
        rec["flags"] = sorted({*rec.get("flags", []), "garbled_repaired"})
    convert_to_simplified(rec)
    return rec


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


def _names_from_signals(rec: dict[str, Any]) -> None:
    signals = rec.get("_signals") or {}
    # a photo's credit closing its caption (``图为…启动仪式。（刘通摄）``), the caption moved
    # out of the text into `images`
    for image in rec.get("images") or []:
        if image.get("caption") and (credit := photo_credit(image["caption"])):
            _add_names(rec, credit)
    for signal in BYLINE_SIGNALS:
        for line in (signals.get(signal) or "").split("\n"):
            if line:
                _add_names(rec, bylines_in_info_line(line))
    # a line of its own beside the body that is a byline whole (``记者 刘涛`` under the last
    # paragraph): an info line's labels need a colon, a byline's role word does not
    for signal in ("lines_before", "lines_after"):
        for index, line in enumerate(_labels_joined((signals.get(signal) or "").split("\n"))):
            # right after the text, a bracketed name alone closes it (``（袁源）``)
            bare = signal == "lines_after" and index == 0
            if line and (byline := take_trailer_byline(line, bare=bare)):
                _add_names(rec, byline)
    for line in (signals.get("lines_before") or "").split("\n"):
        if line and (named := take_name_line(line, rec.get("title"))):
            _add_names(rec, named)


def _labels_joined(lines: list[str]) -> list[str]:
    """A role's label alone on a line joined to the name on the line after it (`编辑：` / `杜寅`:
    the label in its own <b>, the name beside the row's links); not to a button's words after
    a field a script fills (`责任编辑：` / `首赞`)."""
    joined: list[str] = []
    for line in lines:
        if (
            joined
            and ROLE_LABEL_ALONE.match(joined[-1])
            and is_name(line)
            and has_common_surname(line)
        ):
            joined[-1] += line
        else:
            joined.append(line)
    return joined


def normalize_record(fields: dict[str, Any]) -> dict[str, Any]:
    """Return a new, normalized record (idempotent: normalizing it again changes nothing)."""
    rec = dict(fields)
    rec.setdefault("text_original", None)
    rec["title"] = chrome.without_picture_counter(clean_line(rec.get("title")))
    rec["source"] = chrome.clean_source(clean_line(rec.get("source")))
    rec["text"] = clean_text(rec)
    _names_from_signals(rec)
    clean_trail(rec)
    clean_media(rec)
    # Converted once: t2s is not idempotent itself (乾縣 -> 乾县 by phrase, 乾县 -> 干县 by char).
    if "converted_t2s" not in rec["flags"] and _needs_conversion(rec):
        convert_to_simplified(rec)
    rec["flags"] = sorted(set(rec.get("flags") or []))
    return rec
