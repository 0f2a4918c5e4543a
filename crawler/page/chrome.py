"""Page chrome that survived extraction as whole lines of text: breadcrumbs, info lines, widgets,
image file names, footers. Each test is one compiled pattern, applied to one stripped line."""

from __future__ import annotations

import re

from crawler.page import vocabulary as vocab

MAX_CHROME_LINE = 160
BREADCRUMB_LABEL = re.compile(rf"^(?:{vocab.one_of(vocab.BREADCRUMB_LABELS)})\s*[:：]?")
BREADCRUMB_SEPARATOR = re.compile(r"\s*(?:>>|>|»|›)\s*")  # not →: process flows use it
BREADCRUMB_HOME = re.compile(rf"^(?:{vocab.one_of(vocab.BREADCRUMB_HOME_LABELS)})\s*(?:>>|>|»|›|→)")
INFO_LABEL = re.compile(rf"(?:{vocab.one_of(vocab.INFO_LABELS)})\s*[:：]")
PUBLISHING_LABEL = re.compile(
    rf"^(?:{vocab.one_of(vocab.PUBLISHED_LABELS + vocab.COUNTER_LABELS)})\s*[:：]"
)
FONT_WIDGET = re.compile(
    # (the lookahead first: the branches are tried only where one may start, on every line)
    r"(?=[【字选\[大小])(?:"
    r"【\s*字体|【\s*字號|字号\s*[:：]|选择阅读字号|\[\s*大\s*中\s*小\s*\]|【\s*大\s*中\s*小\s*】"
    r"|字体\s*[:：]\s*大\s*中\s*小|^大\s*中\s*小$"
    # the sizes the other way round, after a label naming them (`字体大小：小 中 大`)
    r"|(?:字体|字号|字號)大小\s*[:：]|^小\s*中\s*大$)"
)
# a label and a date alone (`发布日期：2023-06-13`; `上版日期：112-06-13`, a Republic of China year
# after a date's label, see `dates`)
INFO_DATE = re.compile(
    rf"^(?:\S{{0,16}}[:：]\s*(?:19|20)\d{{2}}|\S{{0,14}}(?:{vocab.one_of(vocab.ROC_DATE_LABELS)})[:：]\s*1\d\d)"
    r"[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
)
_WIDGET_TOKEN = rf"(?:{vocab.one_of(vocab.WIDGET_LABELS)}|【|】|\[|\]|[|｜/])"
WIDGET_LINE = re.compile(rf"(?:\s*{_WIDGET_TOKEN}\s*)+")
# an audio player's line: labels and its clock (`听新闻 00:00/03:12`)
PLAYER_LINE = re.compile(
    rf"(?:\s*(?:{vocab.one_of(vocab.PLAYER_LABELS)}|\d{{1,2}}:\d{{2}}|/|[|｜]))*"
    rf"\s*(?:{vocab.one_of(vocab.PLAYER_LABELS)})"
    rf"(?:\s*(?:{vocab.one_of(vocab.PLAYER_LABELS)}|\d{{1,2}}:\d{{2}}|/|[|｜]))*\s*"
)
PLAYER_FALLBACK = re.compile(rf"^(?:{vocab.one_of(vocab.PLAYER_FALLBACKS)})")
_PLAYER_FALLBACK_CHARS = 60
EXIT_NOTICE = re.compile(rf"^(?:{vocab.one_of(vocab.EXIT_NOTICES)})")
_EXIT_NOTICE_CHARS = 80
# a box's heading alone on its line (`推荐阅读`, `【相关链接】：`): its links left the text, in
# it (an editor's box set between two paragraphs) or after it
SECTION_ALONE = re.compile(
    rf"^[【\[]?(?:{vocab.one_of(vocab.SECTION_HEADINGS)})[】\]]?\s*[:：>»›]*$"
)
_SECTION_ALONE_CHARS = 12
# a subscription by text message, its code and short number (`温州手机报，移动发送wzsjb到10658000
# 联通发送821到106557877`): an outlet's promotion wherever the template puts it
SMS_PROMOTION = re.compile(r"发送\s*[\w-]{1,16}\s*(?:到|至)\s*1(?:06|2)\d{4,}")
_SMS_PROMOTION_CHARS = 80
NAVIGATION_LINE = re.compile(rf"^(?:{vocab.one_of(vocab.NAVIGATION_LABELS)})\s*[:：]?")
IMAGE_FILE_NAME = vocab.IMAGE_FILE_NAME  # normalize.py reads it from here
FOOTER_LINE = re.compile("|".join(vocab.FOOTER_MARKS))
# A footer only with two labels (主办单位 alone also opens event notices in bodies).
FOOTER_LABEL = re.compile(rf"(?:{vocab.one_of(vocab.FOOTER_LABELS)})\s*[:：]")
SOURCE_LINE = re.compile(
    rf"^[(（]?\s*(?:{vocab.one_of(vocab.SOURCE_LABELS)})\s*[:：]\s*"
    r"(?P<source>[^\s:：()（）]{2,30})\s*[)）]?$"
)
INFO_SOURCE = re.compile(
    rf"(?:{vocab.one_of(vocab.SOURCE_LABELS)})\s*[:：]\s*(?P<source>[^\s\u00a0\u3000|:：]{{2,30}})"
)
STRAY_TRAILER = re.compile(r"[\s\u00a0\u3000]*[|｜]+[\s\u00a0\u3000]*$")


# a template's field left unrendered (`{{brTitle}}`, EmpireCMS's `[!--class--]`, `${title}`)
_PLACEHOLDER = re.compile(r"\{\{[^{}]{1,40}\}\}|\[!--[\w.]{1,40}--\]|\$\{[\w.]{1,40}\}")
_BREADCRUMB_SEPARATOR_CHARS = (">", "»", "›")
_COLONS = (":", "：")


def _has_any(line: str, chars: tuple[str, ...]) -> bool:
    return any(char in line for char in chars)


def is_breadcrumb(line: str) -> bool:
    if BREADCRUMB_LABEL.match(line) or BREADCRUMB_HOME.match(line):
        return True
    if not _has_any(line, _BREADCRUMB_SEPARATOR_CHARS):  # no trail without a separator
        return False
    parts = [p for p in BREADCRUMB_SEPARATOR.split(line) if p]
    return len(parts) >= 3 and all(len(p) <= 24 for p in parts)


def is_info_line(line: str) -> bool:
    if not _has_any(line, _COLONS):  # every test but the font widget's needs a label colon
        return FONT_WIDGET.search(line) is not None
    return (
        len(INFO_LABEL.findall(line)) >= 2
        or FONT_WIDGET.search(line) is not None
        or INFO_DATE.match(line) is not None
        or (PUBLISHING_LABEL.match(line) is not None and len(line) <= 60)
    )


def classify_line(line: str) -> str | None:
    """The kind of chrome a stripped line is, or None for body text."""
    if not line or len(line) > MAX_CHROME_LINE:
        return None
    colon = _has_any(line, _COLONS)
    if colon:
        line = vocab.unpad_labels(line)  # `来　　源：市教育局`
    if "." in line and IMAGE_FILE_NAME.match(line):
        return "image"
    if ("{" in line or "[!--" in line) and not _PLACEHOLDER.sub("", line).strip(" :：|"):
        return "widget"  # a template's fields, unrendered: nothing a reader can read
    if colon and SOURCE_LINE.match(line):
        return "source"
    if is_breadcrumb(line):
        return "breadcrumb"
    if is_info_line(line):
        return "info"
    if (
        WIDGET_LINE.fullmatch(line)
        or (len(line) <= 60 and NAVIGATION_LINE.match(line))
        or PLAYER_LINE.fullmatch(line)
        or (len(line) <= _PLAYER_FALLBACK_CHARS and PLAYER_FALLBACK.match(line))
        or (len(line) <= _EXIT_NOTICE_CHARS and EXIT_NOTICE.match(line))
        or (len(line) <= _SMS_PROMOTION_CHARS and "发送" in line and SMS_PROMOTION.search(line))
        or (len(line) <= _SECTION_ALONE_CHARS and SECTION_ALONE.match(line))
    ):
        return "widget"
    if len(line) <= 120 and (
        FOOTER_LINE.search(line) or (colon and len(FOOTER_LABEL.findall(line)) >= 2)
    ):
        return "footer"
    return None


def breadcrumb_parts(line: str) -> list[str]:
    line = BREADCRUMB_LABEL.sub("", line).strip()
    return [p.strip() for p in BREADCRUMB_SEPARATOR.split(line) if p.strip()]


def source_of(line: str) -> str | None:
    match = SOURCE_LINE.match(line) or INFO_SOURCE.search(line)
    return match["source"] if match else None


def strip_stray_trailer(text: str) -> str:
    """A ``|`` left at the very end of the body by a flattened page footer."""
    return STRAY_TRAILER.sub("", text) if "|" in text or "｜" in text else text


TITLE_NOISE = re.compile(r"[\s\u00a0\u3000]+")
MIN_TITLE_FRAGMENT = 6


def is_title_line(line: str, title: str | None) -> bool:
    """The title repeated in the body, whole or as its main part.

    ``示范区…讲话`` is the main part of ``2022年示范区…讲话(全文)``."""
    if not title:
        return False
    line, title = TITLE_NOISE.sub("", line), TITLE_NOISE.sub("", title)
    if not line:
        return False
    if line == title:
        return True
    return len(line) >= MIN_TITLE_FRAGMENT and 2 * len(line) >= len(title) and line in title


def drop_title_lines(lines: list[str], title: str | None) -> list[str]:
    """Remove the title (and its fragments) repeated at the top of the body."""
    start = 0
    while start < len(lines) and is_title_line(lines[start], title):
        start += 1
    return lines[start:]


# a tag field closing the text, its words apart (`关键词：变性人 大律师`, `标签：扶贫，就业`)
TAG_LINE = re.compile(
    rf"^(?:{vocab.one_of(vocab.TAG_LABELS)})\s*[:：]"
    r"(?:\s*[^\s。，,；;：:！？!?]{1,12}(?:\s+|\s*[,，、;；]\s*|$)){1,12}$"
)


# a gallery's count of its pictures closing the headline (`…全身整形(1/16)`): the viewer's place
_PICTURE_COUNTER = re.compile(r"\s*[(（]\s*\d{1,3}\s*/\s*\d{1,3}\s*[)）]$")


def without_picture_counter(title: str | None) -> str | None:
    """The headline without a gallery's picture counter after it."""
    if not title or not title.endswith((")", "）")):
        return title
    return _PICTURE_COUNTER.sub("", title) or title


def drop_trailing_tags(lines: list[str]) -> list[str]:
    """Remove the tag field closing the text (a line naming the article's keywords)."""
    while len(lines) > 1 and TAG_LINE.match(lines[-1]):
        lines = lines[:-1]
    return lines


def drop_column_lines(lines: list[str], crumbs: list[str] | None) -> list[str]:
    """Remove a first or last line that only names a column of the page's trail (a sidebar's
    or a box's heading, ``我院要闻``, next to the body): the body's own lines say more."""
    if not crumbs or len(lines) < 2:
        return lines
    names = {" ".join(crumb.split()) for crumb in crumbs}
    while len(lines) > 1 and " ".join(lines[-1].split()) in names:
        lines = lines[:-1]
    while len(lines) > 1 and " ".join(lines[0].split()) in names:
        lines = lines[1:]
    return lines


BREADCRUMB_PLACEHOLDER = re.compile(rf"^(?:{vocab.one_of(vocab.BREADCRUMB_PLACEHOLDERS)})$")


def clean_breadcrumbs(crumbs: list[str], title: str | None) -> list[str]:
    """The trail without its last entry when that is the page itself (``正文``, the title)."""
    while crumbs and (BREADCRUMB_PLACEHOLDER.match(crumbs[-1]) or is_title_line(crumbs[-1], title)):
        crumbs = crumbs[:-1]
    return crumbs


# a city in brackets after an outlet's name: where it reported from, not part of the name
_PLACE_AFTER_OUTLET = re.compile(
    # a place, never an office (`县政府（办公室）`)
    rf"(?<=\S)\s*[(（](?![\u3400-\u9fff]*(?:{vocab.one_of(vocab.OFFICE_ENDINGS)})[)）])"
    r"[\u3400-\u9fff]{2,4}[)）]$"
    r"|(?<=[\u3400-\u9fff])\d{1,4}(?:\.\d{1,4})*$"  # an issue code run into it: `河北新闻网16.12`
)


def names_the_site(source: str | None, site: str | None) -> bool:
    """A source that is the site's own name or its short name (a CMS's source tag `财政部` on
    the site 中华人民共和国财政部), not the article's."""
    return bool(source and site and len(source) >= 2 and site.endswith(source))


def clean_source(source: str | None) -> str | None:
    """``经开区党政办 浏览次数:386`` -> ``经开区党政办``: the next info label ends a source."""
    if not source:
        return None
    label = INFO_LABEL.search(source)
    if label:
        source = source[: label.start()]
    source = _PLACE_AFTER_OUTLET.sub("", source.strip())  # `21世纪经济报道(广州)`
    return source.strip(" []【】|｜") or None
