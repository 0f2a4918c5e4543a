from __future__ import annotations

import pytest

from crawler.page.chrome import (
    breadcrumb_parts,
    classify_line,
    clean_breadcrumbs,
    clean_source,
    drop_title_lines,
    drop_trailing_tags,
    source_of,
    strip_stray_trailer,
    without_picture_counter,
)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("当前位置:97国际游戏官网 > 新闻中心 > 专题报道>详情", "breadcrumb"),
        ("您的位置:首页 » 新闻 » 正文", "breadcrumb"),
        ("首页 > 政务公开 > 通知公告", "breadcrumb"),
        ("97国际游戏官网:2022-10-14 【字体:", "info"),
        ("发布时间:2023-01-13 09:07 来源:新吴区人民政府 选择阅读字号:[ ]", "info"),
        ("时间:2022-09-15 15:10:05 来源:网友投稿", "info"),
        ("作者:张三 浏览次数:123", "info"),
        ("点击数:1024", "info"),
        ("【字体:大 中 小】", "info"),
        ("发布日期:2022年10月14日", "info"),
        ("555.jpg", "image"),
        ("IMG_20221014.JPEG", "image"),
        ("来源:无锡高新区在线", "source"),
        ("打印本页 关闭窗口", "widget"),
        ("【打印】【关闭】", "widget"),
        ("分享到:", "widget"),
        ("上一篇:关于开展安全检查的通知", "widget"),
        ("相关链接", "widget"),
        ("听新闻 00:00/03:12", "widget"),  # an audio player over the text, with its clock
        ("语音播报", "widget"),
        ("全文朗读 | 暂停", "widget"),
        ("您的浏览器不支持 HTML5 video 标签。", "widget"),  # a player's fallback words
        # the dialog before a link off the site, its site's name left out (not yet filled)
        ("您访问的链接即将离开“”门户网站 是否继续？", "widget"),
        ("您即将离开本站，是否继续访问？", "widget"),
        # a subscription by text message; a box's heading left alone (its links gone)
        ("温州手机报，移动发送wzsjb到10658000 联通发送821到106557877", "widget"),
        ("推荐阅读", "widget"),
        ("【相关新闻】：", "widget"),
        ("网站标识码:3206000001", "footer"),
        ("苏ICP备05012345号", "footer"),
        ("苏公网安备 32020502000001号", "footer"),
        ("Copyright©2012-2024 百纳范文网版权所有 备案号:鲁ICP备12014506号-1", "footer"),
        ("主办单位:南通经济技术开发区管理委员会 承办单位:党政办公室", "footer"),
        # a district's footer naming who keeps the site running (运维) beside its support line
        (
            "政府各机构联系电话 | 网站技术支持：027-87678380 | 网站运维邮箱：htfw@example.gov.cn",
            "footer",
        ),
        ("维护单位：某某区政务服务数据管理局 联系电话：027-12345678", "footer"),
        # body text stays
        ("主办单位:市文化广电和旅游局", None),
        ("会议指出", None),
        ("● 要把握政治方向。", None),
        ("同志们:", None),
        ("返回家乡后他很高兴", None),
        ("推荐阅读这本书的理由有三。", None),
        ("他发送短信到12345热线反映问题。", None),
        ("时间:2022年10月1日 地点:会议室", None),
        ("xx市长在疫情防控工作会议上讲到:xx在", None),
        ("一、以改革创新的精神,破解发展中的困难问题", None),
        ("他说,发展是第一要务 > 一切", None),
        ("申请→受理→审核→办结", None),
        ("收听广播节目很方便", None),
        ("他即将离开工作了三十年的岗位。", None),
        ("市民反映部分老旧手机的浏览器不支持新版政务服务平台，相关部门已着手适配。", None),
        ("10:30", None),
        ("", None),
        # the sizes the other way round after a label naming them
        ("字体大小：小 中 大", "info"),
        # a template's fields left unrendered, alone on their line
        ("{{brTitle}}", "widget"),
        ("[!--class--]", "widget"),
        ("标题：{{title}}", None),
        # a date in the Republic of China calendar after a date's label (Taiwan's pages)
        ("资料更新时间：112-08-22 13:50", "info"),
        ("上版日期：112-06-13", "info"),
        ("电话：110-12-31", None),
        ("编号：112-06-13", None),
    ],
)
def test_classify_line(line: str, kind: str | None) -> None:
    assert classify_line(line) == kind


def test_breadcrumb_parts() -> None:
    line = "当前位置:网站首页 > 新闻中心 > 要闻资讯 > 正文"
    assert breadcrumb_parts(line) == ["网站首页", "新闻中心", "要闻资讯", "正文"]


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("来源:无锡高新区在线", "无锡高新区在线"),
        ("发布时间:2023-01-13 09:07 来源:新吴区人民政府 选择阅读字号:[ ]", "新吴区人民政府"),
        ("点击数:12", None),
    ],
)
def test_source_of(line: str, source: str | None) -> None:
    assert source_of(line) == source


@pytest.mark.parametrize(
    ("text", "expected"),
    [("会议精神。 |", "会议精神。"), ("结尾｜", "结尾"), ("a|b", "a|b"), ("无", "无")],
)
def test_strip_stray_trailer(text: str, expected: str) -> None:
    assert strip_stray_trailer(text) == expected


def test_drop_title_lines_keeps_body() -> None:
    title = "2022年示范区党工委理论中心组学习会议讲话(全文)"
    lines = [title, "示范区党工委理论中心组学习会议讲话", "同志们:", title]
    assert drop_title_lines(lines, title) == ["同志们:", title]
    assert drop_title_lines(["讲话", "正文"], title) == ["讲话", "正文"]
    assert drop_title_lines(["正文"], None) == ["正文"]


@pytest.mark.parametrize(
    ("crumbs", "expected"),
    [
        (["网站首页", "新闻中心", "要闻资讯", "正文"], ["网站首页", "新闻中心", "要闻资讯"]),
        (["首页", "专题报道", "详情"], ["首页", "专题报道"]),
        (["百纳范文网", "讲话稿", "会议讲话(全文)"], ["百纳范文网", "讲话稿"]),
        (["首页", "通知公告"], ["首页", "通知公告"]),
    ],
)
def test_clean_breadcrumbs(crumbs: list[str], expected: list[str]) -> None:
    assert clean_breadcrumbs(crumbs, "会议讲话(全文)") == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("经开区党政办 浏览次数:386", "经开区党政办"),
        ("【新吴区人民政府】", "新吴区人民政府"),
        ("新华社", "新华社"),
        ("21世纪经济报道(广州)", "21世纪经济报道"),  # the city it reported from
        ("县政府（办公室）", "县政府（办公室）"),  # an office, part of the name
        ("", None),
        (None, None),
    ],
)
def test_clean_source(source: str | None, expected: str | None) -> None:
    assert clean_source(source) == expected


def test_a_tag_field_closing_the_text_leaves_it() -> None:
    body = ["案件源自年逾30岁的W，欲与男友共谐连理。", "W争议《婚姻条例》中“女人”二字。"]
    assert drop_trailing_tags([*body, "关键词：变性人 大律师 出生证明 注册处 公立医院"]) == body
    assert drop_trailing_tags([*body, "标签：扶贫，就业"]) == body
    kept = [*body, "关键词：要把握政治方向，坚持以人民为中心的发展思想。"]  # a sentence
    assert drop_trailing_tags(kept) == kept
    assert drop_trailing_tags(["关键词：变性人"]) == ["关键词：变性人"]  # never the text's all


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "起底黄海波嫖娼案女主：20岁变性 全身整形(1/16)",
            "起底黄海波嫖娼案女主：20岁变性 全身整形",
        ),
        ("市领导调研重点项目（2/5）", "市领导调研重点项目"),
        ("揭秘泰国变性手术旅游背后的秘密(图)", "揭秘泰国变性手术旅游背后的秘密(图)"),
        ("2024年第一季度经济运行情况（1/4季度）", "2024年第一季度经济运行情况（1/4季度）"),
        (None, None),
    ],
)
def test_a_gallerys_picture_counter_leaves_the_headline(
    title: str | None, expected: str | None
) -> None:
    assert without_picture_counter(title) == expected
