"""crawler.page.dates: every date form government pages use -> ISO 8601, Asia/Shanghai."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from crawler.page.dates import date_from_url, parse_date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2022-10-14", "2022-10-14"),
        ("2022/10/14", "2022-10-14"),
        ("2022.10.14", "2022-10-14"),
        ("2022年10月14日", "2022-10-14"),
        ("2020年08月02日", "2020-08-02"),
        ("2022年10月14日 09:07", "2022-10-14T09:07:00+08:00"),
        ("2022年10月14日09时07分", "2022-10-14T09:07:00+08:00"),
        ("2023-01-13 09:07:00", "2023-01-13T09:07:00+08:00"),
        ("2023-01-13 9:07", "2023-01-13T09:07:00+08:00"),
        ("发布时间:2023-01-13 09:07 来源:新吴区人民政府", "2023-01-13T09:07:00+08:00"),
        ("发布日期：2022-10-14", "2022-10-14"),
        ("时间:2022-09-15 15:10:05 来源:网友投稿", "2022-09-15T15:10:05+08:00"),
        ("97国际游戏官网:2022-10-14 【字体:", "2022-10-14"),
        ("2022-10-14T09:07:00+08:00", "2022-10-14T09:07:00+08:00"),
        ("2022-10-14T01:07:00Z", "2022-10-14T09:07:00+08:00"),
        ("20221014", "2022-10-14"),
    ],
)
def test_parse_date_forms(raw: str, expected: str) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["", "无日期", "2022-13-01", "2022-02-30", "浏览次数：1326", None])
def test_parse_date_rejects_non_dates(raw: str | None) -> None:
    assert parse_date(raw) is None


def test_parse_date_offset_is_shanghai() -> None:
    parsed = datetime.fromisoformat(parse_date("2023-01-13 09:07") or "")
    assert parsed.utcoffset() == timedelta(hours=8)
    assert parsed.tzname() == "UTC+08:00"


def test_parse_date_only_stays_date_only() -> None:
    assert "T" not in (parse_date("2022年10月14日") or "T")


def test_parse_date_invalid_time_keeps_the_date() -> None:
    assert parse_date("2022-10-14 25:61") == "2022-10-14"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://www.gov.cn/xinwen/202210/t20221014_123456.html", "2022-10-14"),
        ("http://www.qingshan.gov.cn/art/2020/8/2/art_1235_567890.html", "2020-08-02"),
        ("http://politics.gmw.cn/2024-05/13/content_37319243.htm", "2024-05-13"),
        ("http://health.people.com.cn/n1/2024/0517/c14739-40237861.html", "2024-05-17"),
        ("http://finance.sina.com.cn/roll/2016-05-25/doc-ifxsktkp9337164.shtml", "2016-05-25"),
        ("http://www.he.news.cn/20240515/d59c39d4/c.html", "2024-05-15"),
        ("http://www.nanhu.gov.cn/info/1102/1102.htm", None),
        ("http://www.gov.cn/xinwen/202210/", None),
        ("http://x.gov.cn/a/202213/t20221399_1.html", None),
    ],
)
def test_date_from_url(url: str, expected: str | None) -> None:
    assert date_from_url(url) == expected


def test_parse_date_with_a_dash_before_the_time() -> None:
    assert parse_date("2024-04-24-23:52:17") == "2024-04-24T23:52:17+08:00"
