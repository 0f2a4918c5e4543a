"""crawler.page.dates: every date form government pages use -> ISO 8601, Asia/Shanghai."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from crawler.page.dates import (
    PageDates,
    choose_published_at,
    date_from_url,
    find_dates,
    page_dates,
    parse_date,
)


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


@pytest.mark.parametrize(
    "raw",
    [
        "", "无日期", "2022-13-01", "2022-02-30", "浏览次数：1326", None,
        # a two-digit year above 30 may be 19yy or a Republic of China year written without
        # its era (`94年` is 2005 on a Taiwanese page); a duration is no date
        "94年6月13日", "共有12年5个月",
    ],
)  # fmt: skip
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
        ("http://blog.example.com/someone/archive/2005/07/31/41810.aspx", "2005-07-31"),
        ("http://blog.example.com/someone/archive/2005/7/31/41810.aspx", "2005-07-31"),
    ],
)
def test_date_from_url(url: str, expected: str | None) -> None:
    assert date_from_url(url) == expected


def test_parse_date_with_a_dash_before_the_time() -> None:
    assert parse_date("2024-04-24-23:52:17") == "2024-04-24T23:52:17+08:00"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2006年12月27日（京港台时间）", "2006-12-27"),
        ("2003年11月12日16:36 金羊网", "2003-11-12T16:36:00+08:00"),
        ("AUTO.EXAMPLE.COM 2003年11月12日16:36　 金羊网—新快报", "2003-11-12T16:36:00+08:00"),
        ("9/17/2004 5:54:13 AM", "2004-09-17T05:54:13+08:00"),
        ("发布日期： 7/5/2005 9:23:57 PM", "2005-07-05T21:23:57+08:00"),
        ("12/1/2005 12:05:00 AM", "2005-12-01T00:05:00+08:00"),
        ("17/9/2004", "2004-09-17"),  # a first number above 12 can only be the day
        ("2003-5-29 09:07", "2003-05-29T09:07:00+08:00"),
        ("2003-7-24 钱江晚报", "2003-07-24"),
        ("ggjjzhzz 发表于 2005-9-15 11:46:00", "2005-09-15T11:46:00+08:00"),
        ("本贴由 芊草凡凡 于2005年8月12日10:20发表", "2005-08-12T10:20:00+08:00"),
        ("2005-04-03 05:19PM", "2005-04-03T17:19:00+08:00"),
        ("2005-04-03 17:19PM", "2005-04-03T17:19:00+08:00"),  # already past noon
        ("2005年8月12日 下午3:20", "2005-08-12T15:20:00+08:00"),
        ("2005年8月12日 上午9:05", "2005-08-12T09:05:00+08:00"),
        ("二〇二二年二月十三日", "2022-02-13"),
        ("二○二一年十二月三十一日", "2021-12-31"),
        ("二〇二〇年十月一日印发", "2020-10-01"),
        ("2022-10-14 10:30 GMT+8", "2022-10-14T10:30:00+08:00"),
        # a CMS's two-digit year with 年, 月 and 日 (its `yy年MM月dd日 HH:mm` stamp)
        ("www.txnews.com.cn 07年08月24日 08:58", "2007-08-24T08:58:00+08:00"),
        ("民國99年6月13日", "2010-06-13"),  # the era names another calendar
        # a zone of UTC+8 named before the time
        ("2023-02-06 HKT 19:39", "2023-02-06T19:39:00+08:00"),
        ("2023年2月6日 北京时间19:39", "2023-02-06T19:39:00+08:00"),
        ("2022-10-14 02:30 UTC+0", "2022-10-14T10:30:00+08:00"),
        ("2022-10-14T01:07:00-05:00", "2022-10-14T14:07:00+08:00"),
        ("〓 明星话题 发布时间 2005/03/15 22:36:13 by duscha 〓", "2005-03-15T22:36:13+08:00"),
    ],
)
def test_parse_date_wider_forms(raw: str, expected: str) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "2003年11月12日16:36 金羊网",
        "9/17/2004 5:54:13 AM",
        "2003-5-29 09:07",
        "2005年8月12日 下午3:20",
        "2022-10-14T01:07:00-05:00",
    ],
)
def test_a_given_time_is_written_with_the_shanghai_offset(raw: str) -> None:
    parsed = parse_date(raw) or ""
    assert parsed.endswith("+08:00")
    assert datetime.fromisoformat(parsed).utcoffset() == timedelta(hours=8)


@pytest.mark.parametrize(
    "raw", ["13/13/2004", "2/30/2005", "二〇二二年十三月一日", "Copyright 2004-2008", "1/2/345"]
)
def test_wider_forms_reject_non_dates(raw: str) -> None:
    assert parse_date(raw) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Taiwan's pages print the Republic of China year (year 1 = 1912)
        ("上版日期：112-06-13", "2023-06-13"),
        ("資料更新：111-05-17 08:57", "2022-05-17T08:57:00+08:00"),
        ("日期：109-08-03", "2020-08-03"),
        ("發稿日期：111年5月17日", "2022-05-17"),
        ("发布日期: 113/10/21", "2024-10-21"),
        ("中華民國99年5月17日", "2010-05-17"),
        ("民国112年6月13日 上午10:05", "2023-06-13T10:05:00+08:00"),
    ],
)
def test_republic_of_china_dates(raw: str, expected: str) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "112-06-13",  # no label, no era: a number, a code, a phone
        "编号：112-06-13",  # a label, but not a date's
        "日期：23-05-12",  # a two-digit year may be a Gregorian one
        "电话：110-12-31",
        "第112-3-4号",
        "民國0年1月1日",
        "日期：112-13-01",
    ],
)
def test_republic_of_china_dates_need_a_label_or_the_era(raw: str) -> None:
    assert parse_date(raw) is None


def test_a_republic_of_china_date_line_is_the_page_date() -> None:
    pieces = ["首頁", "活動報導", "我國多元性別者生活狀況調查報告", "報告全文如附件。",
              "上版日期：112-06-13", "修改時間：112-06-13", "更新日期：", "113-10-29"]  # fmt: skip
    assert page_dates(pieces, "我國多元性別者生活狀況調查報告").labelled == "2023-06-13"


def test_find_dates_lists_every_date_in_order() -> None:
    found = find_dates("成文日期：二〇二二年一月二十七日 发布日期：2022-01-28 09:00")
    assert [f.value for f in found] == ["2022-01-27", "2022-01-28T09:00:00+08:00"]
    assert found[0].start < found[1].start


TITLE = "土豆不“土” 土豆无“土”"


@pytest.mark.parametrize(
    ("pieces", "title", "expected"),
    [
        (  # the date line under the headline, not the header's today's date
            ["2024年5月20日 星期一", "首页", TITLE, "2022-02-13 09:57", "光明网", "土豆，听名字"],
            TITLE,
            PageDates("2022-02-13T09:57:00+08:00", None, "2022-02-13 09:57 光明网 土豆，听名字"),
        ),
        (  # a comment's 发表时间 far below the body does not beat the date under the headline
            [TITLE, "2004-12-10", "阅读10544次", "正文" * 200, "发表时间：2004-12-11 9:51:00"],
            TITLE,
            PageDates("2004-12-10", "2004-12-11T09:51:00+08:00", "2004-12-10 阅读10544次"),
        ),
        (  # no headline found: the labelled date; the poster stays in the context
            ["[湖湘文化]", "ggjjzhzz", " 发表于 2005-9-15 11:46:00 ", "警世钟"],
            "China-Pub blog",
            PageDates(
                None, "2005-09-15T11:46:00+08:00", "ggjjzhzz 发表于 2005-9-15 11:46:00 警世钟"
            ),
        ),
        (  # a reply quoting the title and a previous-article link are other pages' dates
            ["re: 很高兴入住博客堂", "2004-12-27 12:46", "上一篇：旧文 2004-12-01", "很高兴入住"],
            "很高兴入住博客堂",
            PageDates(),
        ),
        (  # under the headline a 成文日期 is skipped for the 发布日期 after it
            [TITLE, "成文日期：", "2022年01月27日", "发布日期：", "2022年01月28日"],
            TITLE,
            PageDates("2022-01-28", "2022-01-28", "发布日期： 2022年01月28日"),
        ),
        (  # dates inside body sentences and copyright years are no publication dates
            [
                "版权所有 Copyright 2004-2024",
                "记者从上海昆剧团获悉，沈斌同志因病医治无效，于2022年2月12日23时16分在上海逝世，"
                "享年74岁。沈斌1947年生于上海，1959年进入上海市戏曲学校学习，后成为导演。",
            ],
            "著名戏曲导演沈斌去世 享年74岁",
            PageDates(),
        ),
        (  # related articles after the body: far from the headline, unlabelled
            [TITLE, "正文" * 100, "·另一篇新闻（2005-04-03 17:19PM）"],
            TITLE,
            PageDates(),
        ),
        (  # a related box under the headline, one row naming the article: its rows' dates
            [TITLE, "访问量：", "1632", "关联稿件：", f"图文解读：《{TITLE}》", "2023-07-12"],
            TITLE,
            PageDates(),
        ),
        (  # the same of a box of other articles
            [TITLE, "相关新闻", "另一篇新闻的标题", "2023-07-12", "正文" * 50],
            TITLE,
            PageDates(),
        ),
        (  # a header's today's-date widget under a trail naming the article, above its headline
            [
                f"首页 > 新闻 > {TITLE}",
                "今天是：2001年2月3日 星期六",
                TITLE,
                "2019-09-11 10:00 来源：某某网",
                "正文",
            ],
            TITLE,
            PageDates("2019-09-11T10:00:00+08:00", None, "2019-09-11 10:00 来源：某某网 正文"),
        ),
        (  # a sidebar's dated rows under a trail naming the article, above its headline
            [
                f"首页 > 新闻 > {TITLE}",
                "最新动态",
                "市领导调研重点项目建设工作进展",
                "2001-02-03",
                "全市安全生产工作会议召开",
                "[2001-02-04]",
                TITLE,
                "2019-09-11 10:00 来源：某某网",
                "正文",
            ],
            TITLE,
            PageDates("2019-09-11T10:00:00+08:00", None, "2019-09-11 10:00 来源：某某网 正文"),
        ),
        (  # a reader's comment under the comments' heading is not the page's
            [TITLE, "正文" * 50, "网友评论", "网友张三", "发表于 2001-02-03 10:00", "写得很好"],
            TITLE,
            PageDates(),
        ),
        (  # a sidebar's latest comments above the headline are a widget: the post's 发表于
            ["最新评论", "回复:岳麓书院", TITLE, "正文" * 100, "发表于 2005-9-15 11:46:00"],
            TITLE,
            PageDates(None, "2005-09-15T11:46:00+08:00", "发表于 2005-9-15 11:46:00"),
        ),
        (  # a notice bar's row right over the headline, under a sticky header naming it
            [
                "正在阅读：",
                TITLE,
                "通知公告：",
                "关于开展2001年度全市统计执法检查工作的通知",
                "2001-02-05",
                TITLE,
                "正文" * 50,
            ],
            TITLE,
            PageDates(),
        ),
        (  # previous/next links after a short text: their rows' dates
            [TITLE, "正文" * 20, "上一篇：", "全市春季植树造林工作动员会召开", "2001-02-06"],
            TITLE,
            PageDates(),
        ),
        (  # a site footer's update stamp after a short text
            [TITLE, "正文" * 20, "网站标识码：1234000001", "最后更新：2001年2月8日"],
            TITLE,
            PageDates(),
        ),
        (  # a date under the headline with the footer close after it is still the page's
            [TITLE, "更新时间：2022-02-13", "正文" * 20, "赣ICP备05001234号"],
            TITLE,
            PageDates("2022-02-13", "2022-02-13", "更新时间：2022-02-13"),
        ),
        (  # an empty box the text's own headline and date line follow
            [TITLE, "访问量：", "关联稿件：", TITLE[:6], TITLE[6:], "（2023年4月12日）"],
            TITLE,
            PageDates("2023-04-12", None, "土豆无“土” （2023年4月12日）"),
        ),
        (  # a related box under the headline ends its reach; a document's attachment line
            # quoting the headline's main part near the end, over the signature's date, is no
            # headline of its own: the page shows the whole one
            [
                "财政部印发《独立性准则第1号——审计和审阅业务对独立性的要求》",
                "相关新闻：",
                "市领导调研重点项目",
                "2001-02-03",
                "2025-01-20 15:04",
                "正文" * 20,
                "附件：",
                "独立性准则第1号——审计和审阅业务对独立性的要求",
                "财政部",
                "2024年12月31日",
            ],
            "财政部印发《独立性准则第1号——审计和审阅业务对独立性的要求》",
            PageDates(),
        ),
        (  # a headline broken over two lines, no piece holding it whole: its parts count
            ["财政部印发《独立性准则第1号", "——审计和审阅业务对独立性的要求》", "2025-01-20 15:04"],
            "财政部印发《独立性准则第1号——审计和审阅业务对独立性的要求》",
            PageDates(
                "2025-01-20T15:04:00+08:00",
                None,
                "2025-01-20 15:04",
            ),
        ),
    ],
)
def test_page_dates_prefers_the_article_over_page_chrome(
    pieces: list[str], title: str, expected: PageDates
) -> None:
    assert page_dates(pieces, title) == expected


@pytest.mark.parametrize(
    ("candidates", "expected"),
    [
        (("2022-10-14", None, "2022-10-15"), "2022-10-14"),
        ((None, "2022-10-14", "2022-10-14T09:07:00+08:00"), "2022-10-14T09:07:00+08:00"),
        (("2022-10-14T00:00:00+08:00", "2022-10-15T09:00:00+08:00"), "2022-10-14"),
        (("2022-10-14T00:00:00+08:00", "2022-10-14T09:00:00+08:00"), "2022-10-14T09:00:00+08:00"),
        ((None, None), None),
    ],
)
def test_choose_published_at_takes_the_first_and_refines_the_time(
    candidates: tuple[str | None, ...], expected: str | None
) -> None:
    assert choose_published_at(*candidates) == expected


def test_page_dates_context_holds_the_cells_around_the_date() -> None:
    """A forum post's header cells: the poster's label and name follow the date."""
    pieces = ["主题: 太行山上", "楼层： 第 1 楼 时间：2005-08-28 20:56:20", "分数：100", "作者：",
              "放飞&心情", "振威将军(从一品)", "◎译　　名　太行山上" * 5]  # fmt: skip
    found = page_dates(pieces, "太行山上 电影")
    assert found.labelled == "2005-08-28T20:56:20+08:00"
    assert found.context == (
        "主题: 太行山上 楼层： 第 1 楼 时间：2005-08-28 20:56:20 分数：100 作者： 放飞&心情 "
        "振威将军(从一品)"
    )


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        (["21", "2024年02月", "分享"], "2024-02-21"),  # the day large over the year and month
        (["2024-02", "21日", "分享"], "2024-02-21"),
        (["2019", "09/07", "19:02", "扬眼"], "2019-09-07T19:02:00+08:00"),  # a left rail
        (["阅读", "21", "次"], None),  # a count is no day
        (["2003年5月", "为了贯彻落实规划"], None),  # a month alone is no day
    ],
)
def test_a_date_set_as_a_badge_under_the_headline(pieces: list[str], expected: str | None) -> None:
    title = "浙江省淡水水产研究所召开干部职工大会"
    assert page_dates([title, *pieces, "正文第一段。"], title).under_title == expected
