from __future__ import annotations

from typing import Any

import pytest

from crawler.page.assemble import FetchedPage, assemble_record
from crawler.page.flags import flag_record, has_redaction, is_hijacked, strip_content_farm


@pytest.mark.parametrize(
    ("record", "hijacked"),
    [
        (
            {"title": "南通开发区党工委理论学习", "breadcrumbs": ["97国际游戏官网", "新闻中心"]},
            True,
        ),
        ({"title": "区政府常务会议", "_signals": {"info_line": "97国际游戏官网:2022-10-14"}}, True),
        ({"title": "澳门新葡京娱乐城", "site": {"name": "某某县人民政府"}}, True),
        ({"title": "市政府召开会议", "_signals": {"meta_keywords": "百家乐,真人荷官"}}, True),
        # ordinary government news about lotteries and games
        (
            {
                "title": "关于加强彩票市场监管的通知",
                "_signals": {"meta_keywords": "彩票,博彩,监管"},
            },
            False,
        ),
        ({"title": "2023中国国际游戏产业大会在沪开幕", "site": {"name": "上海市人民政府"}}, False),
        ({"title": "严厉打击跨境赌场招揽活动", "site": {"name": "公安局"}}, False),
        # gambling words only in the body never count
        ({"title": "区政府常务会议", "text": "警惕97国际游戏官网等非法网站"}, False),
        # a gambling site that does not pose as a government page
        ({"title": "97国际游戏官网首页", "url": "https://97game.example.com/"}, False),
        # a casino's name straight before 官网, the government only in the footer left alone
        (
            {
                "title": "新葡京官网",
                "_signals": {"footer_text": "主管单位：银川市委宣传部 银川市政府网"},
                "url": "http://www.ycen.com.cn/",
            },
            True,
        ),
        # a county's own site is no casino: 金沙县, 金沙江 and 银河 are places
        ({"title": "金沙县人民政府网站", "site": {"name": "金沙县人民政府"}}, False),
        ({"title": "金沙官网首页", "site": {"name": "金沙县人民政府"}}, False),
    ],
)
def test_is_hijacked(record: dict[str, Any], hijacked: bool) -> None:
    assert is_hijacked(record) is hijacked


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("在这里要特别强 当前隐藏内容免费查看调一下x河水库", "在这里要特别强调一下x河水库"),
        ("下面是小编为大家整理的讲话,供大家参考。\n同志们:", "同志们:"),
        ("正文。\n推荐访问:示范区 党工委 讲话", "正文。"),
        ("正文。\n声明:本网站尊重并保护知识产权,请通知我们。", "正文。"),
    ],
)
def test_strip_content_farm(text: str, expected: str) -> None:
    assert strip_content_farm(text) == (expected, True)


def test_strip_content_farm_leaves_normal_text() -> None:
    text = "全文共三部分。\n下面,我讲三点意见。"
    assert strip_content_farm(text) == (text, False)


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("xx市长在会上讲话", True),
        ("由xxx同志牵头", True),
        ("对党***、国务院", True),
        ("学习******重要讲话", True),
        ("访问 http://xx.gov.cn/xxx/a.html", False),
        ("box 和 3x3 以及 XXL 尺码", False),
        ("X光检查和x射线", False),
        ("***", False),
        ("评分 ***** 五星", False),
    ],
)
def test_has_redaction(text: str, redacted: bool) -> None:
    assert has_redaction(text) is redacted


def test_flag_record_content_farm_drops_repeated_title() -> None:
    title = "2022年示范区党工委理论中心组学习会议讲话(全文)"
    lines = [
        f"下面是小编为大家整理的{title},供大家参考。",
        title,
        "示范区党工委理论中心组学习会议讲话",
    ]
    text = "\n".join([*lines, "同志们:"])
    rec = flag_record({"title": title, "text": text, "flags": []})
    assert rec["text"] == "同志们:"
    assert rec["flags"] == ["content_farm"]
    assert flag_record(rec) == rec


def test_flag_record_keeps_existing_flags_and_input() -> None:
    fields = {"title": "t", "text": "正文", "flags": ["ruby_removed"]}
    rec = flag_record(fields)
    assert rec["flags"] == ["ruby_removed"]
    assert fields["flags"] == ["ruby_removed"]


_SOFT_404_CHROME = (
    "<div class='head'><a href='/'>首页</a><a href='/xwzx/'>新闻中心</a>"
    "<a href='/zwgk/'>政务公开</a></div>{body}"
    "<div class='footer'>主办单位：某某区人民政府办公室 备案号：京ICP备12345678号</div>"
)
_HOME = "<a href='/'>返回首页</a>"


@pytest.mark.parametrize(
    ("title", "body"),
    [  # the shapes of the error pages servers and CMS frameworks answer 200 with
        ("某某区人民政府", f"<div class='main'><p>对不起，您访问的页面不存在！</p>{_HOME}</div>"),
        (
            "404错误 - 页面不存在",
            "<div><h1>404</h1><p>您所请求的页面不存在或已被移除</p>"
            f"<a href='javascript:history.back();'>后退一下</a> {_HOME}</div>",
        ),
        (
            "404错误!",
            "<div><h1>404错误!</h1><h2>此路不通！</h2><p>抱歉，您访问的页面地址有误，"
            "或者该页面不存在。</p><p>请检查输入的网址是否正确。</p></div>",
        ),
        (
            "提示信息 - 某某区人民政府",
            "<div class='msg'>该信息已被删除或不存在。<br>3秒后自动跳转</div>",
        ),
        ("404 Not Found", "<center><h1>404 Not Found</h1></center><hr><center>nginx</center>"),
    ],
)
def test_a_page_answered_in_place_of_an_article_that_is_gone_is_no_article(
    title: str, body: str
) -> None:
    page = f"<html><head><title>{title}</title></head><body>{_SOFT_404_CHROME.format(body=body)}"
    assembled = assemble_record(FetchedPage("http://a.gov.cn/xwzx/t20240301_1.html", page.encode()))
    assert assembled.dropped == "extract/error_page" and assembled.record is None


@pytest.mark.parametrize(
    ("title", "text"),
    [  # articles of a few words, some about things deleted or gone, some with numbers
        ("关于部分政府信息已过期失效的公告", "详见附件。"),
        ("关于清理过期失效文件的通知", "经清理，以下文件已被删除，不再执行。详见附件。"),
        ("全区404名干部参加专题培训", "全区404名干部参加培训，会议要求各部门抓好落实。"),
        ("500强企业座谈会召开", "会议要求各部门抓好落实，推动项目早日落地见效。"),
        ("错误做法专项整治通知", "请各单位对照检查，详见附件。"),
    ],
)
def test_an_article_of_a_few_words_about_something_gone_is_kept(title: str, text: str) -> None:
    body = f"<h1>{title}</h1><div class='TRS_Editor'><p>{text}</p>"
    body += "<p>附件：<a href='/files/1.pdf'>清单.pdf</a></p></div>"
    page = f"<html><head><title>{title}</title></head><body>{_SOFT_404_CHROME.format(body=body)}"
    assembled = assemble_record(FetchedPage("http://a.gov.cn/xwzx/t20240301_1.html", page.encode()))
    assert assembled.dropped is None and assembled.record is not None
    assert assembled.record["text"] == text


@pytest.mark.parametrize(
    ("title", "body", "busy"),
    [
        ("提示", "<div class='tip'><p>您的访问过于频繁，请稍后再试。</p>" + _HOME + "</div>", True),
        ("某某区人民政府", "<p>系统繁忙，请稍后再试！</p>", True),
        ("429 Too Many Requests", "<center><h1>429 Too Many Requests</h1></center>", True),
        # short notices under their own headlines say the same words: articles
        (
            "关于系统繁忙时段办理业务的温馨提示",
            "<h1>关于系统繁忙时段办理业务的温馨提示</h1><div class='TRS_Editor'><p>每月1日至5日"
            "系统繁忙，暂停网上申报服务，请错峰办理。</p></div>",
            False,
        ),
        (
            "关于网上办事大厅系统升级维护的公告",
            "<h1>关于网上办事大厅系统升级维护的公告</h1><div class='TRS_Editor'><p>因系统升级维护，"
            "3月1日8时至12时暂停网上申报服务，请稍后再试。</p></div>",
            False,
        ),
    ],
)
def test_a_page_saying_the_server_is_busy_is_no_article_and_may_pass(
    title: str, body: str, busy: bool
) -> None:
    """A server that answers 200 with `您的访问过于频繁，请稍后再试`: no article, and not a
    lasting drop (`extract/busy_page`, retried by a later run: tests/test_frontier.py)."""
    page = f"<html><head><title>{title}</title></head><body>{_SOFT_404_CHROME.format(body=body)}"
    assembled = assemble_record(FetchedPage("http://a.gov.cn/xwzx/t20240301_1.html", page.encode()))
    assert (assembled.dropped == "extract/busy_page") == busy
    assert busy or (assembled.record is not None and "暂停网上申报服务" in assembled.record["text"])
