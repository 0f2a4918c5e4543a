from __future__ import annotations

import pytest

from crawler.page.bylines import (
    Bylines,
    bylines_in_info_line,
    parse_byline,
    take_lead_byline,
    take_trailer_byline,
)


@pytest.mark.parametrize(
    ("paragraph", "rest", "bylines"),
    [
        ("宜都融媒訊 (記者 鄭振亞)為認真貫徹", "為認真貫徹", Bylines(reporters=["鄭振亞"])),
        (
            "本报讯(记者 张三 通讯员 李四、王五)近日,",
            "近日,",
            Bylines(reporters=["张三", "李四", "王五"]),
        ),
        ("(记者 王乾)近日,市里召开", "近日,市里召开", Bylines(reporters=["王乾"])),
        ("新华社北京10月31日电(记者 赵六)会议", "会议", Bylines(reporters=["赵六"])),
        ("(扩大)会议召开", "(扩大)会议召开", None),
        ("(记者 张三)", "(记者 张三)", None),  # nothing left: not a lead
    ],
)
def test_take_lead_byline(paragraph: str, rest: str, bylines: Bylines | None) -> None:
    assert take_lead_byline(paragraph) == (rest, bylines)


@pytest.mark.parametrize(
    ("line", "bylines"),
    [
        (
            "(責編:李忠益 劉娟 審核:黨艷秋)",
            Bylines(editors=["李忠益", "劉娟"], reviewers=["黨艷秋"]),
        ),
        ("（责任编辑：张三）", Bylines(editors=["张三"])),
        ("责任编辑:张三", Bylines(editors=["张三"])),
        ("编辑:王五 校对:赵六 终审:钱七", Bylines(editors=["王五"], reviewers=["赵六", "钱七"])),
        ("文/图 李四", Bylines(reporters=["李四"])),
        ("【签发:孙八】", Bylines(reviewers=["孙八"])),
        ("编辑部召开会议", None),
        ("(扩大)", None),
        ("记者节座谈会在京召开,与会记者畅谈新闻理想", None),
    ],
)
def test_take_trailer_byline(line: str, bylines: Bylines | None) -> None:
    assert take_trailer_byline(line) == bylines


def test_parse_byline_rejects_non_names() -> None:
    assert parse_byline("编辑:这是一个很长的句子而不是名字") is None


@pytest.mark.parametrize(
    ("line", "bylines"),
    [
        ("来源:人民网 责任编辑:张三 浏览次数:5", Bylines(editors=["张三"])),
        (
            "发布时间:2023-01-13 编辑:李四、王五 审核:赵六",
            Bylines(editors=["李四", "王五"], reviewers=["赵六"]),
        ),
        ("发布时间:2023-01-13 来源:区政府", Bylines()),
        ("责任编辑:区融媒体中心办公室", Bylines()),
    ],
)
def test_bylines_in_info_line(line: str, bylines: Bylines) -> None:
    assert bylines_in_info_line(line) == bylines
