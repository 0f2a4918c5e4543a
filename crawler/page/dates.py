"""Dates as Chinese government pages write them -> ISO 8601 (Asia/Shanghai).

A date with a known time becomes `2023-01-13T09:07:00+08:00`; a date alone stays `2022-10-14`.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")

# 2022-10-14, 2022/10/14, 2022.10.14, 2022年10月14日, 2022-10-14T09:07:00+08:00, 2022-10-14 9:07
_DATE_TIME = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[-/.年])\s*(?P<m>\d{1,2})\s*(?:[-/.月])\s*(?P<d>\d{1,2})"
    r"(?!\d)\s*日?"
    r"(?:\s*(?:T|\s|-)?\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2}))?"
    r"(?:\.\d+)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
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
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/"),
)


def _valid_date(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def _offset(tz: str | None) -> timezone:
    if not tz or tz == "Z":
        return UTC if tz == "Z" else SHANGHAI
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _from_match(match: re.Match[str]) -> str | None:
    day = _valid_date(match["y"], match["m"], match["d"])
    if day is None:
        return None
    hour = match.groupdict().get("H")
    if hour is None:
        return day.isoformat()
    try:
        moment = datetime(
            day.year, day.month, day.day, int(hour), int(match["M"]), int(match["S"] or 0),
            tzinfo=_offset(match["tz"]),
        )  # fmt: skip
    except ValueError:
        return day.isoformat()
    return moment.astimezone(SHANGHAI).isoformat()


def parse_date(text: str | None) -> str | None:
    """The first date (and time, when given) in `text` as ISO 8601, or None."""
    if not text:
        return None
    for match in _DATE_TIME.finditer(text):
        if parsed := _from_match(match):
            return parsed
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
