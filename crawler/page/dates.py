"""Dates as Chinese pages write them -> ISO 8601 (Asia/Shanghai), and which of a page's dates is
the article's own.

A date with a known time becomes `2023-01-13T09:07:00+08:00`; a date alone stays `2022-10-14`.
Forms: `2022-10-14`, `2003-5-29 09:07`, `2022/10/14`, `2022.10.14`, `2022年10月14日09时07分`,
`二〇二二年二月十三日`, `9/17/2004 5:54:13 AM` (month first, as ASP pages print it), ISO 8601
with an offset, `20221014`, the Republic of China calendar (`民國112年6月13日`, `日期：112-06-13`);
`下午3:20` and `PM` move the hour, `GMT+8` / `UTC+8` set the offset.

Choosing among a page's dates (`page_dates`, `choose_published_at`): the date line right under
the headline is the article's; a date after a publication label (发布时间, 发表于, posted) comes
next; a header's today's-date widget (星期一), a 成文日期, dates inside body sentences and the
dates of related-article lists far from the headline are not the article's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from crawler.page import vocabulary as vocab

SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")

# The time after a date: `09:07`, `9:07:13`, `09时07分`, `下午3:20`, `5:54:13 AM`, `T01:07:00Z`,
# `10:30 GMT+8`. `-23:52` (a dash before the time) is a CMS's form too, and a zone of UTC+8
# named before it (`2023-02-06 HKT 19:39`, `北京时间 09:07`).
_TIME = (
    r"(?:\s*(?:T|\s|-)?\s*(?:(?:HKT|BJT|CST|北京时间)\s*)?(?P<half>上午|下午|中午|晚上|凌晨|早上)?\s*"
    r"(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2}))?(?:\.\d+)?"
    r"(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?)(?![A-Za-z]))?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2}|(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?)?)?"
)
# 2022-10-14, 2022/10/14, 2022.10.14, 2022年10月14日, 2003-5-29 09:07, 2022-10-14T09:07:00+08:00
_YEAR_FIRST = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[-/.年])\s*(?P<m>\d{1,2})\s*(?:[-/.月])\s*(?P<d>\d{1,2})"
    r"(?!\d)\s*日?" + _TIME
)
# 9/17/2004 5:54:13 AM: month first (a first number above 12 can only be the day)
_MONTH_FIRST = re.compile(
    r"(?<![\d/.])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d{2})(?![\d/])" + _TIME
)
# 07年08月24日 08:58 (a CMS's `yy年MM月dd日` stamp): a two-digit year only with 年, 月 and 日,
# and only up to _SHORT_YEAR_MAX, read as 20yy (a higher one may be 19yy or a Republic of China
# year written without its era: `94年` is 2005 on a Taiwanese page); never after an era
_SHORT_YEAR = re.compile(
    r"(?<![\d国國])(?P<y>\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日" + _TIME
)
_SHORT_YEAR_MAX = 30
_CN_DIGITS = "〇○零一二三四五六七八九十"
# 二〇二二年二月十三日 (documents' 成文日期 and signatures)
_CHINESE_NUMERALS = re.compile(
    r"(?P<y>[〇○零一二三四五六七八九]{4})\s*年\s*(?P<m>十[一二]?|[一二三四五六七八九])\s*月\s*"
    r"(?P<d>三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])\s*日"
)
# A date written out, and its time of day (`2024-05-11 10:20`, `2024年5月11日10:20:05`): the
# pattern a date stamp standing after other words (a byline's, a source's) or apart in its own
# brackets is built from
STAMP = (
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)
# a date standing alone, bracketed or not (a list row's `[2001-02-04]`, `( 2024-05-11)`)
BARE_DATE = re.compile(rf"[(（\[【]?\s*{STAMP}\s*[)）\]】]?")
# Taiwan's Republic of China calendar (year 1 = 1912): `民國112年6月13日`, or a three-digit year
# right after a date label (`上版日期：112-06-13`, `資料更新：111-05-17 08:57`, `日期：109-08-03`);
# read only so, as a bare `112-06-13` may be anything and a two-digit year a Gregorian one
_ROC_DATE = re.compile(
    r"(?<![\d\-/.])(?:(?P<era>(?:中华|中華)?民[国國])\s*)?(?P<y>\d{2,3})\s*[-/.年]\s*(?P<m>\d{1,2})"
    r"\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?" + _TIME
)
_ROC_LABEL = re.compile(rf"(?:{vocab.one_of(vocab.ROC_DATE_LABELS)})\s*[:：]\s*$")
_ROC_OFFSET = 1911
# what every date `_roc_day` accepts holds: its era, or a label's colon before a year 1xx
_ROC_HINT = re.compile(r"[:：]\s*1\d\d\s*[-/.年]|民[国國]")
_ROC_LABEL_REACH = 8
# 20221014 (compact form, as in `t20221014_123.html` or a meta tag)
_COMPACT_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)")

_URL_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # TRS WCM: /202210/t20221014_3871234.html
    re.compile(r"/t(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)_\d+"),
    # Hanweb: /art/2020/8/2/art_123_456.html
    re.compile(r"/art/(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/"),
    # /2024-05/13/content_…, /2016-05-25/doc-…, /2024/0517/c…, /20240515/…
    re.compile(r"/(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})/(?P<d>\d{1,2})/"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})/"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>[01]\d)(?P<d>[0-3]\d)/"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)/"),
    # blog permalinks: /archive/2005/07/31/123.aspx, /2005/7/31/
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/"),
)


@dataclass(frozen=True)
class FoundDate:
    """A date in a text: where it stands and its ISO 8601 form."""

    start: int
    end: int
    value: str


def _valid_date(y: str | int, m: str | int, d: str | int) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def _offset(tz: str | None) -> timezone:
    if not tz:
        return SHANGHAI
    if tz == "Z":
        return UTC
    tz = tz.replace("GMT", "").replace("UTC", "").replace(" ", "").replace(":", "")
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:]
    hours, minutes = (digits, "0") if len(digits) <= 2 else (digits[:-2], digits[-2:])
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


def _hour(match: re.Match[str]) -> int:
    """24-hour clock from `5 PM`, `下午3`, `12 AM`; an hour already past noon stays."""
    hour = int(match["H"])
    half = (match["ampm"] or "").lower().replace(".", "") or match["half"] or ""
    if hour < 12 and half in ("pm", "下午", "晚上"):
        return hour + 12
    if hour == 12 and half in ("am", "凌晨"):
        return 0
    return hour


def _iso(day: date, match: re.Match[str]) -> str:
    if match["H"] is None:
        return day.isoformat()
    try:
        moment = datetime(
            day.year, day.month, day.day, _hour(match), int(match["M"]), int(match["S"] or 0),
            tzinfo=_offset(match["tz"]),
        )  # fmt: skip
    except ValueError:
        return day.isoformat()
    return moment.astimezone(SHANGHAI).isoformat()


def _month_first_day(match: re.Match[str]) -> date | None:
    month, day = int(match["m"]), int(match["d"])
    if month > 12 >= day:  # 17/9/2004: only the day can be 17
        month, day = day, month
    return _valid_date(match["y"], month, day)


def _chinese_number(text: str) -> int:
    """二〇二二 -> 2022 (digit by digit); 十二 -> 12, 二十七 -> 27, 三十 -> 30 (tens)."""
    values = [_CN_DIGITS.index(c) for c in text]
    values = [0 if v <= 2 else v - 2 for v in values]  # 〇○零 are 0, 一 is 1 …
    if "十" not in text:
        return int("".join(map(str, values)))
    tens, _, units = text.partition("十")
    return (_chinese_number(tens) if tens else 1) * 10 + (_chinese_number(units) if units else 0)


def find_dates(text: str | None) -> list[FoundDate]:
    """Every date in `text` (ISO 8601, with the time when given), in order of position."""
    if not text:
        return []
    found: list[FoundDate] = []
    for match in _YEAR_FIRST.finditer(text):
        if day := _valid_date(match["y"], match["m"], match["d"]):
            found.append(FoundDate(match.start(), match.end(), _iso(day, match)))
    if "/" in text:
        for match in _MONTH_FIRST.finditer(text):
            if day := _month_first_day(match):
                found.append(FoundDate(match.start(), match.end(), _iso(day, match)))
    if _ROC_HINT.search(text):  # a fifth of the cost of looking for the form itself
        for match in _ROC_DATE.finditer(text):
            if day := _roc_day(match, text):
                found.append(FoundDate(match.start(), match.end(), _iso(day, match)))
    if "年" in text:
        for match in _SHORT_YEAR.finditer(text):
            short = int(match["y"])
            if short <= _SHORT_YEAR_MAX and (
                day := _valid_date(2000 + short, match["m"], match["d"])
            ):
                found.append(FoundDate(match.start(), match.end(), _iso(day, match)))
        for match in _CHINESE_NUMERALS.finditer(text):
            parts = (_chinese_number(match[k]) for k in ("y", "m", "d"))
            if day := _valid_date(*parts):
                found.append(FoundDate(match.start(), match.end(), day.isoformat()))
    return sorted(found, key=lambda f: f.start)


def _roc_day(match: re.Match[str], text: str) -> date | None:
    """The Gregorian day of a Republic of China date: named by its era (`民國99年`), or with a
    three-digit year labelled as a date (`上版日期：112-06-13`)."""
    year = int(match["y"])
    if match["era"] is None:
        label = text[max(0, match.start() - _ROC_LABEL_REACH) : match.start()]
        if year < 100 or not _ROC_LABEL.search(label):
            return None
    return _valid_date(year + _ROC_OFFSET, match["m"], match["d"]) if year else None


def parse_date(text: str | None) -> str | None:
    """The first date (and time, when given) in `text` as ISO 8601, or None."""
    if not text:
        return None
    found = find_dates(text)
    if found:
        return found[0].value
    compact = _COMPACT_DATE.search(text)
    if compact and (day := _valid_date(compact["y"], compact["m"], compact["d"])):
        return day.isoformat()
    return None


def date_from_url(url: str) -> str | None:
    """The publication date a CMS wrote into an article URL (date only), or None."""
    for pattern in _URL_DATE_PATTERNS:
        match = pattern.search(url)
        if match and (day := _valid_date(match["y"], match["m"], match["d"])):
            return day.isoformat()
    return None


# --- which date is the article's ------------------------------------------------------------

# Words just before a date that make it the article's publication time.
PUBLISHED_LABEL = re.compile(
    r"(?:发布|发表|发稿|发帖|刊发|刊登|更新|上传|录入|时间|日期|posted|published|updated)"
    r"\s*(?:于|时间|日期|on|at)?\s*[:：]?\s*$",
    re.IGNORECASE,
)
# Labelled dates that are not the publication: a document's signing, a rule's entry into force,
# a deadline, when a blog or an account was opened.
EVENT_TIME_LABEL = rf"(?:{vocab.one_of(vocab.EVENT_WORDS)})(?:时间|日期)"
OTHER_DATE_LABEL = re.compile(
    r"(?:成文|发文|印发|签发|生成|施行|生效|实施|截止|有效期|出生|建立|注册|加入|创建|成立|登录|开始|结束)"
    r"\S{0,4}\s*[:：]?\s*$"
    # an event's moments (`展会时间：`, `报名时间：`), never the page's publication
    rf"|{EVENT_TIME_LABEL}\s*[:：]?\s*$"
)
# A header's today's-date widget: 2024年5月20日 星期一
WEEKDAY = re.compile(
    r"星期[一二三四五六日天]|礼拜[一二三四五六日天]|周[一二三四五六日](?![\u4e00-\u9fff])"
)
_TODAY = re.compile(r"今天|今日")  # `今天是：` before a header's date


def is_today_widget(text: str) -> bool:
    """A header's today's-date widget (`今天是：2024年5月20日 星期一`, `2024年5月20日 星期一`):
    a weekday or a today label beside the date."""
    return WEEKDAY.search(text) is not None or _TODAY.search(text) is not None


# Text before a date that makes it another page's: replies, previous/next and related links.
OTHER_PAGE = re.compile(
    r"^(?:re:|回复|答复)|上一篇|下一篇|上一条|下一条|上篇|下篇|相关", re.IGNORECASE
)
# A section's heading (`关联稿件：`, `相关链接`, `延伸阅读`): the dates after it are its rows'.
RELATED_HEADING = re.compile(
    rf"^[【\[]?(?:{vocab.one_of(vocab.SECTION_HEADINGS)}|(?:{vocab.one_of(vocab.RELATED_PREFIXES)})"
    r"\S{0,4})[】\]]?\s*[:：]?$"
)
# The heading of the readers' comments (`网友评论`, `发表评论：`): every date after it is theirs.
_COMMENT_HEADING = re.compile(
    rf"^[【\[]?(?:{vocab.one_of(vocab.COMMENT_HEADINGS)})[】\]]?\s*[:：]?$"
)
# Where the reach under a headline ends: the previous/next links after a text, a site footer.
_PAST_THE_TEXT = re.compile(
    rf"^(?:上一篇|下一篇|上一条|下一条|上篇|下篇)|{'|'.join(vocab.FOOTER_MARKS)}", re.IGNORECASE
)
# A site's own update stamp (`最后更新：`, `网站更新时间`) in a footer or a header: not a page's.
_SITE_UPDATE_LABEL = re.compile(r"(?:最后|最近|网站|本站|页面)更新\S{0,2}\s*[:：]?\s*$")
_RELATED_REACH = 3  # pieces between a related box's heading and its first row
_LIST_ROW_CHARS = 6  # a list row's headline before its date
_LABEL_REACH = 16
# A piece of page text this long with sentence punctuation is body text: its dates are content.
_SENTENCE_PIECE = 80
_SENTENCE_MARK = re.compile(r"[。，；！？]")
# How far under the headline the article's date line may stand: pieces and characters between.
UNDER_TITLE_PIECES = 12
UNDER_TITLE_CHARS = 160
# The date line's context (where a poster or 作者 stands): a short label piece before the date
# and the short pieces after it (``作者：`` / ``放飞&心情`` in table cells).
CONTEXT_LABEL_CHARS = 16
CONTEXT_PIECE_CHARS = 20
CONTEXT_AFTER_CHARS = 40
# Every date form holds a year (2022, 二〇二二年, `日期：112-`): pieces without one are skipped
# unparsed.
_YEAR_HINT = re.compile(rf"(?=[12年:：民])(?:(?:19|20)\d\d|年|{_ROC_HINT.pattern})")
# a date set as a badge over separate blocks (see `_badge`; extraction reads its pieces too)
_BADGE_PIECE_CHARS = 8
BADGE_YEAR_MONTH = re.compile(r"((?:19|20)\d{2})\s*[年./-]\s*(\d{1,2})\s*月?")
BADGE_DAY = re.compile(r"(\d{1,2})\s*日?")
_BADGE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年?")
_BADGE_MONTH_DAY = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})")
_BADGE_TIME = re.compile(r"(\d{1,2}):(\d{2})")


@dataclass(frozen=True)
class PageDates:
    """The article's date as a page shows it: the date line under the headline, the first
    labelled publication date anywhere, and the text around the chosen one (read like an info
    line: it may name the poster)."""

    under_title: str | None = None
    labelled: str | None = None
    context: str | None = None


@dataclass(frozen=True)
class _Dated:
    index: int
    value: str
    label: str  # the text just before the date (this piece, else the piece before)
    piece: str


def _dated_pieces(pieces: Sequence[str]) -> list[_Dated]:
    dated: list[_Dated] = []
    for index, piece in enumerate(pieces):
        if not _YEAR_HINT.search(piece):
            continue  # no date, nor a badge's year (`2024年02月`, `2019`)
        found = find_dates(piece)
        if not found and len(piece) <= _BADGE_PIECE_CHARS and (badge := _badge(pieces, index)):
            dated.append(_Dated(index, badge, pieces[index - 1].strip() if index else "", piece))
            continue
        if not found or (len(piece) > _SENTENCE_PIECE and _SENTENCE_MARK.search(piece)):
            continue
        before = piece[: found[0].start].strip()
        if OTHER_PAGE.search(before):
            continue
        if not before and index:
            before = pieces[index - 1].strip()
        dated.append(_Dated(index, found[0].value, before[-_LABEL_REACH:], piece))
    return dated


def _badge(pieces: Sequence[str], index: int) -> str | None:
    """A date a page sets as a badge over separate blocks: the day large beside the year and
    month (`21` / `2024年02月`, either order), or the year over the day (`2019` / `09/07`, a
    `19:02` after it). `pieces[index]` is the year's piece."""
    piece = pieces[index]
    if month := BADGE_YEAR_MONTH.fullmatch(piece):
        for i in (index - 1, index + 1):
            if 0 <= i < len(pieces) and (day := BADGE_DAY.fullmatch(pieces[i])):
                return parse_date(f"{month[1]}-{month[2]}-{day[1]}")
        return None
    year = _BADGE_YEAR.fullmatch(piece)
    month_day = _BADGE_MONTH_DAY.fullmatch(pieces[index + 1]) if index + 1 < len(pieces) else None
    if year is None or month_day is None:
        return None
    time = pieces[index + 2] if index + 2 < len(pieces) else ""
    clock = f" {time}" if _BADGE_TIME.fullmatch(time) else ""
    return parse_date(f"{year[1]}-{month_day[1]}-{month_day[2]}{clock}")


def _is_title_piece(piece: str, title: str) -> bool:
    if title in piece:
        holds = len(piece) <= len(title) + 30
    else:
        holds = len(piece) >= max(6, len(title) // 2) and piece in title
    return holds and not OTHER_PAGE.search(piece)


def _opens_related_box(pieces: Sequence[str], index: int, title: str) -> bool:
    """A related box's heading (`关联稿件：`) over its rows, whose dates are theirs; not an empty
    box the text's own headline follows."""
    if not RELATED_HEADING.match(pieces[index]):
        return False
    following = pieces[index + 1] if index + 1 < len(pieces) else ""
    return not (len(following) > 1 and following in title)


def _in_related_box(pieces: Sequence[str], index: int, title: str) -> bool:
    """A related box's row naming the article among other words (`关联稿件：` over `图文解读：
    《…》`), not the text's own headline."""
    return pieces[index] not in title and any(
        _opens_related_box(pieces, i, title) for i in range(max(0, index - _RELATED_REACH), index)
    )


def _headline_follows(pieces: Sequence[str], index: int, title: str) -> bool:
    end = min(len(pieces), index + 1 + UNDER_TITLE_PIECES)
    return any(_is_title_piece(pieces[i], title) for i in range(index + 1, end))


def _in_dated_list(pieces: Sequence[str], index: int, by_index: dict[int, _Dated]) -> bool:
    """A bare date between rows of a list of dated headlines (`市领导调研…` / `2001-02-03` /
    `全市安全生产…` / `[2001-02-04]`): a row's, a neighbour row dated alike."""
    if not BARE_DATE.fullmatch(pieces[index]) or len(pieces[index - 1]) < _LIST_ROW_CHARS:
        return False
    return any(
        0 <= index + 2 * step < len(pieces)
        and index + 2 * step in by_index
        and BARE_DATE.fullmatch(pieces[index + 2 * step]) is not None
        and len(pieces[index + step]) >= _LIST_ROW_CHARS
        for step in (-1, 1)
    )


def _row_over_headline(pieces: Sequence[str], index: int, title: str) -> bool:
    """A bare date after another headline, right over the text's own (a notice bar's row,
    `关于开展…的通知` / `2001-02-05`, under a trail or a sticky header naming the article)."""
    return (
        BARE_DATE.fullmatch(pieces[index]) is not None
        and index + 1 < len(pieces)
        and _is_title_piece(pieces[index + 1], title)
        and len(pieces[index - 1]) >= _LIST_ROW_CHARS
        and not _is_title_piece(pieces[index - 1], title)
    )


def _under_title(pieces: Sequence[str], dated: list[_Dated], title: str | None) -> _Dated | None:
    """The first date within a short reach after an occurrence of the headline."""
    title = " ".join((title or "").split())
    if len(title) < 4:
        return None
    by_index = {d.index: d for d in dated}
    # where the page shows the whole headline, a piece holding a part of it is the text quoting
    # it (`附件：` + the 《…》 part, over the signature's date), not the headline broken over lines
    whole = any(title in piece for piece in pieces)
    for start, piece in enumerate(pieces):
        if not _is_title_piece(piece, title) or _in_related_box(pieces, start, title):
            continue
        if whole and title not in piece:
            continue
        between = 0
        for index in range(start + 1, min(len(pieces), start + 1 + UNDER_TITLE_PIECES)):
            if _opens_related_box(pieces, index, title) or _PAST_THE_TEXT.search(pieces[index]):
                break
            hit = by_index.get(index)
            if hit is not None and not OTHER_DATE_LABEL.search(hit.label):
                if is_today_widget(hit.piece) and _headline_follows(pieces, index, title):
                    break  # a header's date widget above the headline, under a trail naming it
                if _in_dated_list(pieces, index, by_index) or _row_over_headline(
                    pieces, index, title
                ):
                    break  # a list's rows (headline, date, headline, date) under a trail
                return hit
            between += len(pieces[index])
            if between > UNDER_TITLE_CHARS:
                break
    return None


def _in_comments(pieces: Sequence[str], title: str | None) -> Callable[[int], bool]:
    """Whether the piece at an index stands in the readers' comments: a comment heading
    (`网友评论`) opens between it and the headline's last occurrence before it (a sidebar's
    `最新评论` above a post is a widget)."""
    title = " ".join((title or "").split())
    headings = [i for i, p in enumerate(pieces) if _COMMENT_HEADING.match(p)]
    if not headings or len(title) < 4:
        return lambda index: False
    titles = [i for i, p in enumerate(pieces) if _is_title_piece(p, title)]

    def inside(index: int) -> bool:
        above = [t for t in titles if t < index]
        return bool(above) and any(above[-1] < h < index for h in headings)

    return inside


def page_dates(pieces: Sequence[str], title: str | None) -> PageDates:
    """The article's date among a page's visible text pieces (text nodes or lines, in page
    order), given its headline. Pure: the caller collects the pieces."""
    cleaned = [" ".join(p.split()) for p in pieces if p and not p.isspace()]
    dated = _dated_pieces(cleaned)
    if not dated:
        return PageDates()
    under = _under_title(cleaned, dated, title)
    in_comments = _in_comments(cleaned, title)
    labelled = next(
        (
            d
            for d in dated
            if not in_comments(d.index)  # a reader's comment `发表于` is not the page's
            and PUBLISHED_LABEL.search(d.label)
            and not OTHER_DATE_LABEL.search(d.label)
            and not _SITE_UPDATE_LABEL.search(d.label)
            and not WEEKDAY.search(d.piece)
        ),
        None,
    )
    chosen = under or labelled
    return PageDates(
        under.value if under else None,
        labelled.value if labelled else None,
        _context(cleaned, chosen.index, title) if chosen else None,
    )


def _context(pieces: list[str], index: int, title: str | None) -> str:
    before = pieces[index - 1] if index else ""
    parts = [before] if len(before) <= CONTEXT_LABEL_CHARS and before != title else []
    parts.append(pieces[index])
    added = 0
    for piece in pieces[index + 1 :]:
        added += len(piece)
        if len(piece) > CONTEXT_PIECE_CHARS or added > CONTEXT_AFTER_CHARS:
            break
        parts.append(piece)
    return " ".join(p for p in parts if p)


def _day_only(value: str | None) -> str | None:
    """CMSs write 00:00:00 when they know only the day."""
    return value[:10] if value and value[10:19] == "T00:00:00" else value


def choose_published_at(*candidates: str | None) -> str | None:
    """The first candidate given (callers pass them best first); a later one of the same day
    adds the time of day when the chosen one has none."""
    ordered = [_day_only(c) for c in candidates]
    chosen = next((c for c in ordered if c), None)
    if chosen and len(chosen) == 10:
        for candidate in ordered:
            if candidate and len(candidate) > 10 and candidate.startswith(chosen):
                return candidate
    return chosen
