"""crawler.page.extraction / crawler.page.metadata: page -> record fields, on hand-made snippets
and on the CMS-family golden pages (tests/golden/cms_*, tests/golden/generic)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from crawler.page import cms
from crawler.page import metadata as md
from crawler.page.assemble import build_record
from crawler.page.encoding import decode_page
from crawler.page.extraction import (
    _Body,
    _headline_over_info,
    _without_page_tail,
    extract_article,
    hidden_names,
    parse_html,
    walk_container,
)
from crawler.page.metadata import (
    find_title,
    heading_before,
    parse_disclosure_cells,
    parse_info_line,
    reads_like_post_heading,
    split_breadcrumbs,
)
from crawler.page.normalize import normalize_record
from crawler.page.profiles import SiteProfile
from crawler.page.vocabulary import unpad_labels

GOLDEN = Path(__file__).parent / "golden"
CMS_CASES = sorted(
    p.parent
    for pattern in ("cms_*/*/page.html", "generic/*/page.html")
    for p in GOLDEN.glob(pattern)
)
URL = "http://www.example.gov.cn/xwzx/202210/t20221014_3871234.html"

TRS_PAGE = """<html><head><title>南通开发区召开会议_南通开发区</title>
<meta name="sitename" content="南通经济技术开发区"><meta name="SiteIDCode" content="3206000001">
<meta name="ArticleTitle" content="南通开发区召开会议">
<meta name="pubdate" content="2022-10-14 09:07">
<meta name="ContentSource" content="开发区党政办"><meta name="ColumnName" content="新闻中心"></head>
<body><div class="position">当前位置：<a href="/">首页</a> &gt;
<a href="/xwzx/">新闻中心</a> &gt; 正文</div>
<h1>南通开发区召开会议</h1><div class="info">发布时间：2022-10-15 10:00 来源：别的来源</div>
<div id="zoom"><div class="TRS_Editor"><p style="text-align:center"><img src="W0201.jpg"></p>
<p style="text-align:center">图为会议现场</p>
<p>　　第一段<ruby>落實<rp>(</rp><rt>luò shí</rt><rp>)</rp></ruby>新思想，推动高质量发展。</p>
<p>第二段：会议要求各部门抓好贯彻落实工作。</p><script>var a = "脚本";</script>
<div class="bdsharebuttonbox">分享到：<a>微信</a></div><p>打印本页</p></div>
<p>附件：<a href="/u/1.pdf">通知.pdf</a> <a href="/u/2.docx">表格</a></p></div>
<div class="footer">网站标识码：3206000001 苏ICP备123号</div></body></html>"""


def _fields(html: str = TRS_PAGE, url: str = URL, **kwargs: Any) -> dict[str, Any]:
    return extract_article(html, url, **kwargs)


def test_record_fields_are_all_there() -> None:
    fields = _fields()
    assert set(fields) >= {
        "title", "published_at", "source", "site", "column", "breadcrumbs", "text", "images",
        "attachments", "document", "flags", "reporters", "editors", "reviewers", "_signals",
    }  # fmt: skip
    assert set(fields["_signals"]) == {
        "page_title", "meta_keywords", "meta_description", "info_line", "breadcrumb_text",
        "site_name_meta", "footer_text", "date_line", "lines_before", "lines_after", "author_line",
        "credit_line",
    }  # fmt: skip
    assert (fields["reporters"], fields["editors"], fields["reviewers"]) == ([], [], [])


def test_government_meta_tags_win_over_the_page() -> None:
    fields = _fields()
    assert fields["title"] == "南通开发区召开会议"
    # but not the PubDate of another day (09:07 on the 14th) over the date shown: what a reader
    # sees (test_a_date_tag_on_another_day_than_the_date_shown_gives_way_to_it)
    assert fields["published_at"] == "2022-10-15T10:00:00+08:00"
    assert fields["source"] == "开发区党政办"
    assert fields["column"] == "新闻中心"
    assert fields["site"] == {
        "name": "南通经济技术开发区",
        "domain": "www.example.gov.cn",
        "id_code": "3206000001",
    }


def test_body_from_trs_container_without_chrome() -> None:
    text = _fields()["text"]
    assert text == "第一段落實新思想，推动高质量发展。\n第二段：会议要求各部门抓好贯彻落实工作。"


def test_ruby_annotations_removed_and_flagged() -> None:
    fields = _fields()
    assert "luò" not in fields["text"] and "(" not in fields["text"]
    assert fields["flags"] == ["ruby_removed"]


def test_images_recorded_with_caption_kept_out_of_text() -> None:
    fields = _fields()
    assert fields["images"] == [
        {"url": "http://www.example.gov.cn/xwzx/202210/W0201.jpg", "caption": "图为会议现场"}
    ]
    assert "会议现场" not in fields["text"]


def test_attachments_after_the_body_are_absolute() -> None:
    assert _fields()["attachments"] == [
        {"url": "http://www.example.gov.cn/u/1.pdf", "title": "通知.pdf"},
        {"url": "http://www.example.gov.cn/u/2.docx", "title": "表格"},
    ]


def test_signals_for_the_flags_step() -> None:
    signals = _fields()["_signals"]
    assert signals["page_title"] == "南通开发区召开会议_南通开发区"
    assert signals["breadcrumb_text"].startswith("当前位置")
    assert "网站标识码" in signals["footer_text"]
    assert signals["site_name_meta"] == "南通经济技术开发区"


def test_page_metadata_when_no_meta_tags() -> None:
    html = """<html><head><title>县里召开会议 - 青山县人民政府</title></head><body>
    <div class="crumb">您的位置：<a>首页</a> » <a>政务公开</a> » <a>部门动态</a> » 详情</div>
    <h2 class="article_title">县里召开会议</h2>
    <div class="article_info"><span>發布時間:2023-11-01 08:45</span>
    <span>來源:宜都市融媒體中心</span></div>
    <div id="zoom">
    <p>会议要求，各乡镇、各部门落实防汛责任，加强监测预警，做好人员转移避险准备工作。</p></div>
    </body></html>"""
    fields = _fields(html, "http://www.qingshan.gov.cn/art/2021/6/3/art_1_2.html")
    assert fields["title"] == "县里召开会议"
    assert fields["published_at"] == "2023-11-01T08:45:00+08:00"
    assert fields["source"] == "宜都市融媒體中心"
    assert fields["breadcrumbs"] == ["首页", "政务公开", "部门动态"]
    assert fields["column"] == "部门动态"
    assert fields["site"]["name"] is None


def test_date_from_url_when_the_page_has_none() -> None:
    html = (
        "<html><body><h1>标题</h1><div id='zoom'><p>" + "正文内容" * 10 + "</p></div></body></html>"
    )
    assert _fields(html, URL)["published_at"] == "2022-10-14"


def test_bare_date_line_under_the_title() -> None:
    html = """<html><head><title>镇里召开会议</title></head><body><table>
    <tr><td class="newstitle"><b>镇里召开会议</b></td></tr><tr><td>2019-11-05</td></tr>
    <tr><td>11月4日上午，镇政府召开安全生产工作会议。<br>会议要求，各村、各单位深入开展安全隐患大排查大整治。<br>会议强调，要严格落实值班值守制度。</td></tr>
    </table></body></html>"""
    fields = _fields(html, "http://www.shiqiao.gov.cn/news/show.asp?id=1")
    assert fields["published_at"] == "2019-11-05"
    assert fields["text"].splitlines()[0] == "11月4日上午，镇政府召开安全生产工作会议。"


def test_midnight_means_date_only() -> None:
    html = TRS_PAGE.replace("2022-10-14 09:07", "2022-10-14 00:00:00")
    html = html.replace("发布时间：2022-10-15 10:00 ", "")  # the tag's the only date
    assert _fields(html)["published_at"] == "2022-10-14"


def test_accepts_a_parsed_tree_and_leaves_it_intact() -> None:
    tree = lxml.html.document_fromstring(TRS_PAGE)
    before = lxml.html.tostring(tree)
    from_tree = extract_article(tree, URL)
    assert lxml.html.tostring(tree) == before
    assert from_tree == _fields()


def test_unknown_layout_prefers_the_block_near_the_title() -> None:
    story = "".join(
        f"<p>正文第{i}段，记者从省林业局获悉，全省已完成春季造林八十六万亩。</p>" for i in range(4)
    )
    sidebar = "".join(
        f"<li><p>侧栏第{i}条，全省高速公路五一假期车流量创新高，多地出台措施保障群众出行安全顺畅。</p></li>"
        for i in range(6)
    )
    html = f"""<html><head><title>全省春季造林全面展开 - 山河日报</title></head><body>
    <div class="main"><div class="story"><h1>全省春季造林全面展开</h1>
    <div class="txt">{story}</div></div></div>
    <div class="sidebar"><ul>{sidebar}</ul></div></body></html>"""
    text = _fields(html, "https://news.example.cn/a/1.html")["text"]
    assert text.count("正文第") == 4
    assert "侧栏" not in text


def test_link_rows_dropped_from_the_body() -> None:
    html = """<html><body><h1>标题</h1><div class="article-content">
    <p>这是正文的第一段，内容足够长，足以构成一篇文章的主体部分，记录了会议的主要精神。</p>
    <p><a href="/1">新闻</a> | <a href="/2">体育</a> |
    <a href="/3">娱乐</a> | <a href="/4">财经</a></p>
    <p>上一篇：<a href="/p">另一篇文章</a></p></div></body></html>"""
    text = _fields(html)["text"]
    assert (
        text == "这是正文的第一段，内容足够长，足以构成一篇文章的主体部分，记录了会议的主要精神。"
    )


def test_profile_selectors_override_heuristics() -> None:
    html = """<html><body><h1>网站名称</h1><div class="ttl">真正的标题</div>
    <div id="zoom"><p>这不是正文，这是一段很长的导读文字，用来检验站点配置的选择器优先。</p></div>
    <div class="body-x"><p>这才是正文，站点配置指定了这个容器，用来检验选择器优先生效。</p></div>
    </body></html>"""
    profile = SiteProfile(
        start_urls=("http://a.gov.cn/",), body_selector="div.body-x", title_selector=".ttl"
    )
    fields = _fields(html, profile=profile)
    assert fields["title"] == "真正的标题"
    assert fields["text"].startswith("这才是正文")


def test_empty_page_gives_empty_fields() -> None:
    fields = _fields("", URL)
    assert (fields["text"], fields["title"], fields["images"]) == ("", None, [])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "发布时间:2023-01-13 09:07 来源:新吴区人民政府 选择阅读字号:[ ]",
            ("2023-01-13T09:07:00+08:00", "新吴区人民政府"),
        ),
        (
            "发布日期：2020-08-02 10:30   信息来源：县农业农村局   浏览次数：4321",
            ("2020-08-02T10:30:00+08:00", "县农业农村局"),
        ),
        ("时间:2022-09-15 15:10:05 来源:网友投稿", ("2022-09-15T15:10:05+08:00", "网友投稿")),
        ("2024年04月24日23:52 | 来源：新华网", ("2024-04-24T23:52:00+08:00", "新华网")),
        ("来源：【人民日报】 2022-10-14", ("2022-10-14", "人民日报")),
        ("97国际游戏官网:2022-10-14 【字体:", ("2022-10-14", None)),
        # fields run together, older CMSs' labels: the next label ends the source
        ("作者：谷慧文来源：海洋生命学院录入时间：2024-09-25", ("2024-09-25", "海洋生命学院")),
        ("稿源：某某日报刊登日期：2024-05-01", ("2024-05-01", "某某日报")),
        # labels set apart by spaces alone; a word ending in a label's characters is none
        ("发布时间 2023-01-13 来源 新华社 字体:大 中 小", ("2023-01-13", "新华社")),
        ("来源　某某日报　　发布日期 2024-01-01", ("2024-01-01", "某某日报")),
        ("CS1美国英语来源 (en-us)", (None, None)),
        # an empty source field: the next label is no source (`发布` was taken for one)
        ("来源：\xa0\xa0 发布日期: 2024-01-29", ("2024-01-29", None)),
        ("来源： 发布时间：2024-01-29 浏览次数：12", ("2024-01-29", None)),
        ("来源：  作者：张三  日期：2024-01-29", ("2024-01-29", None)),
        # or the line's date right after the label
        ("稿源： 2004-08-11 12:51:55", ("2004-08-11T12:51:55+08:00", None)),
        # a label a sentence quotes: a reprint notice asking for the site's name, no field
        ("转载时必须注明“稿件来源：中国教育和科研计算机网”，违者必究。", (None, None)),
        # a button or a comment link run on after the source
        (
            "2009年06月16日 11:45 来源：中国新闻网 发表评论 【字体：↑大 ↓小】",
            ("2009-06-16T11:45:00+08:00", "中国新闻网"),
        ),
        ("来源：人民网 打印", (None, "人民网")),
        # an audio player's button after it
        ("来源：上观新闻 听新闻", (None, "上观新闻")),
        # a comment link's words run into it, no space (adjacent spans)
        (
            "2013年04月11日 15:04:34来源：中国新闻网查看评论",
            ("2013-04-11T15:04:34+08:00", "中国新闻网"),
        ),
        # an author's field printed after it with no label; the bracket a credit closes
        (
            "2018年08月30日 07:21:21 来源： 浙江在线 浙江在线记者 肖菁 通讯员 拱检",
            ("2018-08-30T07:21:21+08:00", "浙江在线"),
        ),
        ("2005年8月25日（来源：上海证券报）", ("2005-08-25", "上海证券报")),
        ('凡本网注明"来源：某某网"的所有作品', (None, None)),
        # an event's fields date no publication; a 信息公开 line's dates: its 发布日期
        ("开始时间：2024-05-08 结束时间：2024-05-10 来源：北京市商务局", (None, "北京市商务局")),
        ("开始时间：2024-05-08 发布时间：2024-03-01", ("2024-03-01", None)),
        ("成文日期：2023-05-01 发布日期：2023-05-03", ("2023-05-03", None)),
        ("成文日期：2023-05-01", ("2023-05-01", None)),
        (None, (None, None)),
    ],
)
def test_parse_info_line(line: str | None, expected: tuple[str | None, str | None]) -> None:
    assert parse_info_line(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "当前位置:97国际游戏官网 > 新闻中心 > 专题报道>详情",
            ["97国际游戏官网", "新闻中心", "专题报道"],
        ),
        ("当前位置：网站首页 > 新闻中心 > 要闻资讯 > 正文", ["网站首页", "新闻中心", "要闻资讯"]),
        ("您的位置：首页 >> 政务公开 >> 部门动态", ["首页", "政务公开", "部门动态"]),
        ("您现在的位置是：首页 » 新闻 » 本地", ["首页", "新闻", "本地"]),
        ("首页 / 政务公开 / 通知公告", ["首页", "政务公开", "通知公告"]),
        ("首页＞新闻中心＞图片新闻", ["首页", "新闻中心", "图片新闻"]),
        ("网易 --> 商业频道 -->   --> 经济热度", ["网易", "商业频道", "经济热度"]),
    ],
)
def test_split_breadcrumbs(text: str, expected: list[str]) -> None:
    assert split_breadcrumbs(text) == expected


def test_disclosure_cells_label_value_and_inline() -> None:
    cells = ["索引号：", "11330200002569874X/2020-00123", "发布机构：", "滨江市人民政府",
             "文号：滨政发〔2020〕15号", "成文日期：", "2020年07月28日", "发布日期：2020-08-02",
             "主题分类：", "城乡建设"]  # fmt: skip
    assert parse_disclosure_cells(cells) == {
        "index_no": "11330200002569874X/2020-00123",
        "publisher": "滨江市人民政府",
        "doc_no": "滨政发〔2020〕15号",
        "topic": "城乡建设",
        "written_at": "2020-07-28",
        "published_at": "2020-08-02",
    }
    assert parse_disclosure_cells(["标题", "没有公开信息"]) is None


def test_every_disclosure_field_name_is_a_label_within_a_cell() -> None:
    """Each name DISCLOSURE_FIELDS knows is a label inside a cell too (`生成日期: 2024-10-21`),
    spaced or not, and the longer name wins over the shorter it ends with (`主题分类`, `分类`)."""
    cells = ["信息索引：002482082/2024-00332", "发 文 机 构：省教育厅", "生成日期: 2024-10-21",
             "主题分类：教育"]  # fmt: skip
    assert parse_disclosure_cells(cells) == {
        "index_no": "002482082/2024-00332",
        "publisher": "省教育厅",
        "doc_no": None,
        "topic": "教育",
        "written_at": "2024-10-21",
        "published_at": None,
    }


def test_a_disclosure_table_of_field_names_over_their_values_is_read_and_left_out() -> None:
    """`索取号 | 发布时间 | 发布机构 | 文件编号 | 备注` over a row of values, at the top of the
    text (a `<thead>` inside `<tbody>`, as a template wrote it): the record's document fields,
    and neither row in the text. A data table of other headings stays."""
    table = (
        "<table><tbody><thead><tr><td>索取号</td><td>发布时间</td><td>发布机构</td>"
        "<td>文件编号</td><td>备注</td></tr></thead><tr><td>0764Q/2024-00112</td><td></td>"
        "<td>某某市卫生健康委员会</td><td>某卫基层〔2024〕5号</td><td></td></tr></tbody></table>"
    )
    data = (
        "<table><tr><td>序号</td><td>单位名称</td><td>联系电话</td></tr>"
        "<tr><td>1</td><td>某某社区卫生服务中心</td><td>62181513</td></tr></table>"
    )
    page = (
        "<html><head><title>关于开展主题宣传活动的通知</title></head><body>"
        f"<h2>关于开展主题宣传活动的通知</h2><div>{table}{_PROSE}{data}</div></body></html>"
    )
    record = build_record(page.encode(), "http://example.gov.cn/a.html")
    assert record["document"]["index_no"] == "0764Q/2024-00112"
    assert record["document"]["doc_no"] == "某卫基层〔2024〕5号"
    assert record["document"]["publisher"] == "某某市卫生健康委员会"
    assert "0764Q" not in record["text"] and "索取号" not in record["text"]
    assert "某某社区卫生服务中心" in record["text"] and "第5段" in record["text"]


# --- golden pages of the CMS families ---------------------------------------------------------

EXACT_FIELDS = (
    "title",
    "published_at",
    "breadcrumbs",
    "column",
    "document",
    "images",
    "attachments",
)


def _golden(case: Path) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    meta = json.loads((case / "meta.json").read_text("utf-8"))
    page = decode_page((case / "page.html").read_bytes(), meta.get("declared_encoding")).text
    expected = json.loads((case / "expected.json").read_text("utf-8"))
    snippets = json.loads((case / "snippets.json").read_text("utf-8"))
    return extract_article(page, meta["url"]), expected, snippets


def test_cms_golden_pages_exist() -> None:
    families = {case.parent.name for case in CMS_CASES}
    assert families >= {"cms_trs", "cms_hanweb", "cms_vsb", "generic"}


@pytest.mark.parametrize("case", CMS_CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_cms_golden_fields(case: Path) -> None:
    fields, expected, _ = _golden(case)
    assert {key: fields[key] for key in EXACT_FIELDS} == {
        key: expected[key] for key in EXACT_FIELDS
    }
    assert fields["source"] == expected["source"]
    assert {key: fields["site"][key] for key in ("name", "id_code")} == {
        key: expected["site"][key] for key in ("name", "id_code")
    }


@pytest.mark.parametrize("case", CMS_CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_cms_golden_snippets(case: Path) -> None:
    fields, _, snippets = _golden(case)
    for wanted in snippets["must_contain"]:
        assert wanted in fields["text"]
    for unwanted in snippets["must_not_contain"]:
        assert unwanted not in fields["text"]
        assert unwanted not in (fields["title"] or "")


def test_wrapper_named_like_a_container_is_narrowed_to_the_article() -> None:
    links = "".join(
        f'<li><a href="/c/{i}.html">栏目链接第{i}条新闻标题文字</a></li>' for i in range(30)
    )
    story = "".join(
        f"<p>第{i}段，区政府召开常务会议，研究部署下一阶段重点工作任务。</p>" for i in range(3)
    )
    html = f"""<html><head><title>区政府召开常务会议</title></head><body><div id="content">
    <ul class="menu">{links}</ul><h1>区政府召开常务会议</h1><div class="wz">{story}</div>
    </div></body></html>"""
    text = _fields(html)["text"]
    assert text.count("区政府召开常务会议，研究部署") == 3
    assert "栏目链接" not in text


def test_a_word_an_ad_script_marks_stays_in_its_sentence() -> None:
    """`…让他<span class="dosight_ad_word">感觉</span>自己…`: named like an ad, but a word of
    the sentence; a widget set apart (a share bar) is still left out."""
    marked = '<span class="dosight_ad_word" onmouseover="AdWindow.show(event)">感觉</span>'
    story = "".join(
        f"<p>第{i}段，刚记事时，他就经常穿姐姐的衣服，花花绿绿的裙子让他{marked}自己变漂亮了。</p>"
        for i in range(3)
    )
    html = f"""<html><head><title>武汉一硕士生的故事</title></head><body>
    <h1>武汉一硕士生的故事</h1><div class="content">{story}
    <div class="share_ad">分享到：微信 微博</div></div></body></html>"""
    text = _fields(html)["text"]
    assert text.count("裙子让他感觉自己变漂亮了") == 3 and "分享到" not in text


def test_a_container_id_repeated_on_every_paragraph_gives_their_block() -> None:
    """`<p><font id="zoom">…</font></p>` for each paragraph (an id meant to be unique, as a
    saved copy or an old editor repeats it): the text is all of them, not the longest one."""
    story = "".join(
        f'<p><font id="zoom">第{i}段，区政府召开常务会议，研究部署下一阶段重点工作任务。</font></p>'
        for i in range(4)
    )
    html = f"""<html><head><title>区政府召开常务会议</title></head><body>
    <h1>区政府召开常务会议</h1><table><tr><td class="text">{story}</td></tr></table>
    <div class="footer">版权所有：某某区人民政府</div></body></html>"""
    text = _fields(html)["text"]
    assert text.count("区政府召开常务会议，研究部署") == 4 and "版权所有" not in text


@pytest.mark.parametrize("case", CMS_CASES[:5], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_known_containers_never_run_trafilatura(
    case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trafilatura

    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("trafilatura ran on a known-CMS page")

    monkeypatch.setattr(trafilatura, "extract", refuse)
    fields, _, _ = _golden(case)
    assert fields["text"]


def test_attachments_written_by_script_and_after_the_parent() -> None:
    html = """<html><body><h1>关于印发实施方案的通知</h1><div class="article"><div id="zoom">
    <div class="TRS_Editor">
    <p>现将实施方案印发给你们，请结合实际认真贯彻执行，确保各项任务落到实处。</p></div>
    </div><div class="fujian"><a href="./P020221014.xlsx">任务分工表</a></div>
    <script>var file_appendix='<a href="./P020221014391528125678.pdf">实施方案.pdf</a>';
    document.write(file_appendix);</script></div></body></html>"""
    attachments = _fields(html)["attachments"]
    assert attachments == [
        {"url": "http://www.example.gov.cn/xwzx/202210/P020221014.xlsx", "title": "任务分工表"},
        {
            "url": "http://www.example.gov.cn/xwzx/202210/P020221014391528125678.pdf",
            "title": "实施方案.pdf",
        },
    ]


def test_other_meta_conventions_for_date_and_source() -> None:
    html = """<html><head><meta name="firstpublishedtime" content="2024-04-24-23:52:17">
    <meta name="source" content="来源：人民网-人民日报"></head><body><h1>标题</h1>
    <div class="article-content">
    <p>正文内容足够长，用来确认正文容器被识别，并且不会触发其他抽取路径。</p></div>
    </body></html>"""
    fields = _fields(html, "http://health.people.com.cn/n1/2024/0424/c1-1.html")
    assert fields["published_at"] == "2024-04-24T23:52:17+08:00"
    assert fields["source"] == "人民网-人民日报"


@pytest.mark.parametrize(
    ("body", "caption"),
    [
        ('<p><img src="a.jpg"></p><p align="center">会议现场</p>', "会议现场"),
        ('<figure><img src="a.jpg"><figcaption>会议现场</figcaption></figure>', "会议现场"),
        ('<p><img src="a.jpg"><span>图为会议现场</span></p>', "图为会议现场"),
        ('<p><img src="a.jpg" alt="会议现场"></p>', "会议现场"),
        ('<p><img src="a.jpg" alt="a.jpg"></p>', None),
    ],
)
def test_image_captions(body: str, caption: str | None) -> None:
    text = "<p>区政府召开常务会议，研究部署下一阶段重点工作任务，会议由区长主持。</p>"
    html = f"<html><body><h1>标题</h1><div class='TRS_Editor'>{body}{text}</div></body></html>"
    fields = _fields(html)
    assert fields["images"] == [
        {"url": "http://www.example.gov.cn/xwzx/202210/a.jpg", "caption": caption}
    ]
    assert fields["text"] == "区政府召开常务会议，研究部署下一阶段重点工作任务，会议由区长主持。"


def test_centered_lines_in_a_centered_body_are_text_not_captions() -> None:
    lines = "".join(
        f'<p style="text-align:center"><img src="{i}.jpg"></p>'
        f'<p style="text-align:center">第{i}行诗句，山间的枫叶已经红了</p>'
        for i in range(4)
    )
    html = f"<html><body><h1>标题</h1><div class='article-content'>{lines}</div></body></html>"
    fields = _fields(html)
    assert fields["text"].count("山间的枫叶已经红了") == 4
    assert all(image["caption"] is None for image in fields["images"])


def test_time_and_place_lines_of_a_notice_stay_in_the_text() -> None:
    body = "".join(
        f"<p>{line}</p>"
        for line in (
            "发布时间：2022-10-14 09:07",
            "各有关单位：经研究，决定召开全区安全生产工作会议，现将有关事项通知如下。",
            "一、会议安排",
            "时间：2022年10月20日（星期四）上午9:00",
            "地点：区政府三楼会议室",
        )
    )
    title = "<h1>关于召开安全生产工作会议的通知</h1>"
    html = f"<html><body>{title}<div id='zoom'>{body}</div></body></html>"
    text = _fields(html)["text"]
    assert "发布时间" not in text
    assert "时间：2022年10月20日（星期四）上午9:00" in text
    assert text.endswith("地点：区政府三楼会议室")


def test_short_lines_after_the_editor_trailer_are_dropped() -> None:
    body = "".join(
        f"<p>{line}</p>"
        for line in (
            "沈阳浑南新区的现代有轨电车，作为国内第一个一次性成网的有轨电车网络，运营里程102.6公里。",
            "责任编辑：刘德宾",
            "新媒体实验室",
            "举报邮箱：jubao@example.com",
        )
    )
    html = f"<html><body><h1>标题</h1><div class='article-content'>{body}</div></body></html>"
    assert _fields(html)["text"].splitlines()[-1] == "责任编辑：刘德宾"


@pytest.mark.parametrize(
    "line",
    ["【打印本页】", "[关闭窗口]", "分享到：", "字体：大 中 小", "上一篇：区政府召开常务会议",
     "555.jpg", "点击查看更多", "正在加载...", "当前位置：首页 > 新闻"],
)  # fmt: skip
def test_chrome_lines_inside_a_container_are_dropped(line: str) -> None:
    text = "区政府召开常务会议，研究部署下一阶段重点工作任务，会议由区长主持。"
    html = f"<html><body><div class='TRS_Editor'><p>{text}</p><p>{line}</p></div></body></html>"
    assert _fields(html)["text"] == text


def test_title_when_the_page_title_is_only_the_site_name() -> None:
    html = """<html><head><title>滨江市人民政府</title></head><body>
    <div class="header"><h1 class="logo">滨江市人民政府</h1></div>
    <div class="main"><h2>全市秋冬季大气污染防治工作推进会召开</h2>
    <div id="zoom">
    <p>会议要求，各地各部门要聚焦细颗粒物和臭氧协同控制，确保完成全年空气质量目标任务。</p></div>
    </div></body></html>"""
    assert _fields(html)["title"] == "全市秋冬季大气污染防治工作推进会召开"


def test_breadcrumb_ending_with_the_article_title_drops_it() -> None:
    html = """<html><head><title>区政府召开常务会议</title></head><body>
    <div class="crumb">当前位置：<a>首页</a> &gt; <a>政务动态</a> &gt;
    <a>区政府召开常务会议</a></div>
    <h1>区政府召开常务会议</h1><div id="zoom">
    <p>区政府召开常务会议，研究部署下一阶段重点工作任务，会议由区长主持。</p></div></body></html>"""
    fields = _fields(html)
    assert (fields["breadcrumbs"], fields["column"]) == (["首页", "政务动态"], "政务动态")


def test_info_line_inside_the_container_after_a_breadcrumb() -> None:
    html = """<html><body><div class="crumb">当前位置：<a>首页</a> &gt; <a>工作动态</a></div>
    <div class="article-content"><h1>区政府召开常务会议</h1>
    <p>发布时间：2023-03-21 16:45 来源：区政府办公室</p>
    <p>区政府召开常务会议，研究部署下一阶段重点工作任务，会议由区长主持。</p></div></body></html>"""
    fields = _fields(html, "http://www.example.gov.cn/info/1102/1102.htm")
    assert (fields["published_at"], fields["source"]) == (
        "2023-03-21T16:45:00+08:00",
        "区政府办公室",
    )
    assert fields["text"] == "区政府召开常务会议，研究部署下一阶段重点工作任务，会议由区长主持。"


def test_source_is_never_a_fragment_of_markup() -> None:
    # A template that prints an empty field's attribute where the value belongs.
    line = '作者： size="20"  来源： size="20"  发布日期： 2005-07-05 21:23'
    assert parse_info_line(line) == ("2005-07-05T21:23:00+08:00", None)
    html = """<html><head><meta name="source" content='<font size="2">'></head><body>
    <h1>标题标题</h1><div id="zoom">
    <p>正文内容足够长，用来确认正文容器被识别，并且不会触发其他抽取路径。</p></div></body></html>"""
    assert _fields(html)["source"] is None


def test_breadcrumb_links_without_separators_are_entries() -> None:
    html = """<html><body><div class="position">当前位置：<a href="/">首页</a>
    <a href="/xwzx/">新闻中心</a> <a href="/xwzx/xwfb/">新闻发布</a></div><h1>标题标题</h1>
    <div id="zoom"><p>正文内容足够长，用来确认正文容器被识别，并且不会触发其他抽取路径。</p></div>
    </body></html>"""
    fields = _fields(html)
    assert fields["breadcrumbs"] == ["首页", "新闻中心", "新闻发布"]
    assert fields["column"] == "新闻发布"


@pytest.mark.parametrize(
    ("trail", "crumbs"),
    [
        # the label in a span of its own, a bar after each link, the unlinked 正文 last
        (
            '<span class="local">当前位置：</span>\n<a href="/">首页 |</a>\n'
            '<a href="/xw/">校园新闻 |</a>\n正文',
            ["首页", "校园新闻"],
        ),
        # a VSB template's dashes between the links, and before 正文
        (
            '<span>您当前位置:\n<a href="/">首页</a>\n-\n<a href="/xw/">新闻中心</a>\n-\n'
            '<a href="/xw/xx/">学校新闻</a>\n-\n正文</span>',
            ["首页", "新闻中心", "学校新闻"],
        ),
        ('你现在的位置：<a href="/">首页</a>&gt;<a href="/xw/">要闻</a>', ["首页", "要闻"]),
    ],
)
def test_a_trails_labels_and_separators_are_no_entries(trail: str, crumbs: list[str]) -> None:
    html = f"""<html><body><div class="breadCrumbNav">{trail}</div><h1>标题标题</h1>
    <div id="zoom"><p>正文内容足够长，用来确认正文容器被识别，并且不会触发其他抽取路径。</p></div>
    </body></html>"""
    fields = _fields(html)
    assert fields["breadcrumbs"] == crumbs
    assert fields["column"] == crumbs[-1]


def test_title_in_a_table_cell_of_a_page_without_head() -> None:
    html = """<table width=760 align=center><tr><td><a href=/>首页</a></td></tr>
    <tr><td align=center><b><font size=4 color=red>关于开展安全生产大检查的通知</font></b></td></tr>
    <tr><td>2005-03-15 发布 浏览：123</td></tr>
    <tr><td><p>各镇人民政府、街道办事处：</p><p>为切实做好当前安全生产工作，经研究，决定在全区范围内开展
    安全生产大检查，现将有关事项通知如下。</p></td></tr>
    <tr><td align=center>版权所有 某某区人民政府</td></tr></table>"""
    fields = _fields(html, "http://www.example.gov.cn/news/2005/1.htm")
    assert fields["title"] == "关于开展安全生产大检查的通知"
    assert fields["text"].startswith("各镇人民政府、街道办事处：")


def test_line_breaks_in_the_source_are_spaces_except_in_pre() -> None:
    story = "<p>区政府召开常务会议，研究部署下一阶段重点工作任务，会议由区长主持。</p>"
    html = f"""<html><body><h1>标题标题</h1><div id="zoom">{story}
    <pre>第一行代码
第二行代码</pre><div>（责任编辑：
        黄帅
      ）</div></div></body></html>"""
    lines = _fields(html)["text"].split("\n")
    assert lines[1:] == ["第一行代码", "第二行代码", "（责任编辑： 黄帅 ）"]


def test_a_visible_caption_wins_over_the_alt_text() -> None:
    text = "<p>区政府召开常务会议，研究部署下一阶段重点工作任务，会议由区长主持。</p>"
    body = '<div><img src="a.jpg" alt="a photo"><p class="caption">会议现场</p></div>'
    html = f"<html><body><h1>标题</h1><div class='TRS_Editor'>{body}{text}</div></body></html>"
    fields = _fields(html)
    assert [image["caption"] for image in fields["images"]] == ["会议现场"]
    assert "会议现场" not in fields["text"]


def test_byline_lines_just_outside_a_body_chosen_by_evidence_are_kept_as_signals() -> None:
    prose = "".join(
        f"<p>第{i}段，当地积极推行数字农机服务工作，促进农业增效、农民增收。</p>" for i in range(6)
    )
    page = (
        "<html><body><div class='nav'><a href='/'>首页</a></div>"
        "<p align='center'><strong>犬儒病(上)</strong></p><p>胡平</p>"
        f"<div>{prose}</div><p>来源：新闻晨报</p><p>编辑：山石</p>"
        "<div><a href='/a'>上一篇</a> <a href='/b'>下一篇</a></div></body></html>"
    )
    fields = extract_article(page, "http://example.com/a.html")
    assert "胡平" in fields["_signals"]["lines_before"].split("\n")
    assert "编辑：山石" in fields["_signals"]["lines_after"].split("\n")
    assert "胡平" not in fields["text"]


def test_a_body_nested_deeper_than_the_walk_is_read_flat_not_a_recursion_error() -> None:
    sentence = "深层嵌套的文章正文，解析器仍然读到每一句话。"
    page = (
        "<html><body><h1>深层嵌套</h1>" + "<div>" * 240
        + "".join(f"<p>{sentence}</p>" for _ in range(4)) + "</div>" * 240 + "</body></html>"
    )  # fmt: skip
    fields = extract_article(page, "http://example.com/a.html")
    assert fields["text"].count(sentence) == 4


def test_a_heading_is_words_not_a_count_and_may_hold_a_document_number() -> None:
    """A page without head: the click count set centered under the title is no title, and a
    title holding its document number's year in brackets (`【2017】`) is one."""
    html = """<table width=760 align=center><tr><td><a href=/>首页</a></td></tr>
    <tr><td align=center>余政储出【2017】14号国有建设用地使用权挂牌出让公告</td></tr>
    <tr><td align=center>发布日期：2017-08-02 点击率：<span>1575</span></td></tr>
    <tr><td><p>经余杭区人民政府批准，余杭区国土资源局决定以挂牌方式出让一宗国有建设用地使用权，
    现将有关事项公告如下。</p><p>本次挂牌出让地块的基本情况和规划指标要求详见附表。</p></td></tr>
    </table>"""
    fields = _fields(html, "http://www.example.gov.cn/xxgk/201708/t20170803_1.html")
    assert fields["title"] == "余政储出【2017】14号国有建设用地使用权挂牌出让公告"


@pytest.mark.parametrize(
    ("title_tag", "shown", "title"),
    [
        ("中华人民共和国监察法-纪检", "中华人民共和国监察法", "中华人民共和国监察法"),
        # the page never shows the part before the hyphen alone: the whole <title> stays
        ("新冠COVID-19疫苗接种安排", "新冠COVID-19疫苗接种安排说明", "新冠COVID-19疫苗接种安排"),
    ],
)
def test_a_title_tag_joined_by_a_bare_hyphen(title_tag: str, shown: str, title: str) -> None:
    html = f"""<html><head><title>{title_tag}</title></head><body>
    <table><tr><td align=center><span class=STYLE8>{shown}</span></td></tr>
    <tr><td><div id=vsb_content><p>为了深化国家监察体制改革，加强对所有行使公权力的公职人员的监督，
    实现国家监察全面覆盖，深入开展反腐败工作，推进国家治理体系和治理能力现代化，根据宪法，
    制定本法。</p></div></td></tr></table></body></html>"""
    assert _fields(html, "http://www.example.edu.cn/info/1/1.htm")["title"] == title


def test_a_pubdate_that_is_the_pages_generation_time_comes_last() -> None:
    """A platform that regenerates its pages writes that moment into PubDate and says so in its
    `others` tag: the date the page shows wins."""
    html = """<html><head><meta name="PubDate" content="2022-04-24 10:00:43">
    <meta name="others" content="页面生成时间 2022-04-24 10:00:43"><title>统计公报</title></head>
    <body><h1>万载县2015年国民经济和社会发展统计公报</h1>
    <div class=info>发布日期：2017-05-15 10:49</div>
    <div id=zoom><p>2015年，全县上下紧紧围绕县委、县政府的决策部署，主动适应经济发展新常态，
    全县经济社会保持了平稳健康发展的良好态势。</p></div></body></html>"""
    url = "http://www.example.gov.cn/tjgb/201705/abc.shtml"
    assert _fields(html, url)["published_at"] == "2017-05-15T10:49:00+08:00"
    alone = html.replace("<div class=info>发布日期：2017-05-15 10:49</div>", "")
    alone = alone.replace("/201705/", "/")
    assert _fields(alone, url.replace("/201705/", "/"))["published_at"].startswith("2022-04-24")


_PROSE = "".join(
    f"<p>第{i}段：这是正文的一段话，讲述了本次会议的主要内容和有关部署要求，内容较为充实。</p>"
    for i in range(6)
)


@pytest.mark.parametrize(
    ("pubdate", "expected"),
    [
        ("2023-05-12 23:20", "2009-09-30"),
        ("2009-10-02 10:00", "2009-09-30"),
        ("2009-09-30 10:15", "2009-09-30T10:15:00+08:00"),
    ],
    ids=["a-tag-years-later", "a-tag-days-off", "a-tag-of-the-day-gives-the-time"],
)
def test_a_date_tag_on_another_day_than_the_date_shown_gives_way_to_it(
    pubdate: str, expected: str
) -> None:
    """`PubDate` 2023 over `发布时间：2009-09-30` (a ministry's 2009 notice taken into its new
    site in 2023), or two days after it (the day an editor saved it again): the date a reader
    sees. A tag of the same day gives the time of day the line does not."""
    page = (
        f"<html><head><meta name='PubDate' content='{pubdate}'><title>会议召开</title></head>"
        f"<body><h1>会议召开</h1><div class='info'>发布时间：2009-09-30</div>"
        f"<div id='content'>{_PROSE}</div></body></html>"
    )
    assert (_fields(page)["published_at"] or "").startswith(expected)


def test_a_source_tag_naming_the_site_gives_way_to_the_source_shown() -> None:
    """`ContentSource` the template fills with the site's name (`SiteName`, or `…网站`),
    `来源：北京市援青微信公众号` on the page: the line's."""
    for tag in ("北京市发展和改革委员会", "辽阳网站"):
        page = (
            f"<html><head><meta name='SiteName' content='北京市发展和改革委员会'>"
            f"<meta name='ContentSource' content='{tag}'><title>会议召开</title></head>"
            "<body><h1>会议召开</h1><p><span>日期：2024-07-22</span>"
            "<span>来源：北京市援青微信公众号</span></p>"
            f"<div id='content'>{_PROSE}</div></body></html>"
        )
        assert _fields(page)["source"] == "北京市援青微信公众号"


def test_a_row_of_bracketed_buttons_closing_the_text_is_chrome() -> None:
    """`【信息发布：区退役军人事务局】 【内容纠错】 【打印文章】 【关闭窗口】` and `▪ 下一篇：`
    standing in the body container when no class names them."""
    tail = (
        "<p>【信息发布：区退役军人事务局】 【内容纠错】 【打印文章】 【关闭窗口】</p>"
        "<p>▪ 上一篇：</p><p>▪ 下一篇：</p>"
    )
    page = (
        "<html><head><title>会议召开</title></head><body><h1>会议召开</h1>"
        f"<div id='content'>{_PROSE}{tail}</div></body></html>"
    )
    text = build_record(page.encode(), "http://example.gov.cn/a.html")["text"]
    assert "第5段" in text and "打印文章" not in text and "下一篇" not in text


@pytest.mark.parametrize("counter", ["访问次数：", "浏览次数：", "访问次数：12 阅读量：3"])
def test_a_counter_whose_number_a_script_writes_is_chrome(counter: str) -> None:
    """`访问次数：` standing alone at the top of the text: its count comes from a script the
    page runs, never read here."""
    page = (
        "<html><head><title>会议召开</title></head><body><h1>会议召开</h1>"
        f"<div id='content'><p>{counter}</p>{_PROSE}</div></body></html>"
    )
    text = build_record(page.encode(), "http://example.gov.cn/a.html")["text"]
    assert "第5段" in text and "次数" not in text and "阅读量" not in text


def test_an_events_times_date_no_publication() -> None:
    """An event's page (展会, 报名) shows when it happens, in fields and in its text: none of
    those dates is when the page was published."""
    page = (
        "<html><head><title>第八届医疗生态展会</title></head><body><h1>第八届医疗生态展会</h1>"
        "<div class='date'><dl><dt>开始时间：</dt><dd>2024-05-08</dd></dl><dl><dt>结束时间："
        "</dt><dd>2024-05-10</dd></dl></div>"
        f"<div id='content'><p>展会时间：2024年5月8日至5月10日</p>{_PROSE}"
        "<p>报名时间：2024年4月1日至4月30日</p></div></body></html>"
    )
    assert build_record(page.encode(), "http://example.gov.cn/a.html")["published_at"] is None


def test_a_page_holding_the_article_twice_gives_it_once() -> None:
    """A copy for elderly readers after the article, the site's footer between, read as one
    run: the text stops where it starts over, the footer lines before the copy go too."""
    footer = "<p>主办：某某市人民政府办公室</p><p>地址：某某市南湖东路30号</p>"
    page = (
        "<html><head><title>关于举办培训班的通知</title></head><body><h1>关于举办培训班的通知</h1>"
        f"<div>{_PROSE}<p>某某市文化艺术学校</p><p>2024年3月1日</p></div><div>{footer}</div>"
        f"<div><p>关于举办培训班的通知</p>{_PROSE}<p>某某市文化艺术学校</p></div></body></html>"
    )
    text = build_record(page.encode(), "http://example.gov.cn/a.html")["text"]
    assert text.count("第0段") == 1 and "第5段" in text and "2024年3月1日" in text
    assert "主办：" not in text and "南湖东路" not in text


def test_a_hidden_pair_of_editors_after_the_text_is_no_byline() -> None:
    """`<div class="tr tr2" style="display:none">责任编辑：许晓彤</div>` after the editor shown:
    only the one shown is the record's."""
    after = (
        "<div>责任编辑：赵奚赟</div><div style='display:none'>责任编辑：许晓彤</div>"
        "<div><a href='/'>返回首页</a></div>"
    )
    page = (
        "<html><head><title>会议召开</title></head><body><h1>会议召开</h1>"
        f"<div><div id='content'>{_PROSE}</div>{after}</div></body></html>"
    )
    assert build_record(page.encode(), "http://example.gov.cn/a.html")["editors"] == ["赵奚赟"]


def test_an_element_named_source_with_the_date_after_the_name() -> None:
    """`<div class="source"><span>湖北日报客户端</span><span>2024-03-12 15:35:47</span></div>`:
    the name, when no element so named holds a name alone."""
    page = (
        "<html><head><title>这场音乐节，出圈的“地气”和“底气”!</title></head><body>"
        "<div class='news-title'>这场音乐节，出圈的“地气”和“底气”!</div><div class='source'>"
        "<span>湖北日报客户端</span> <span>2024-03-12 15:35:47</span></div>"
        f"<div id='content'>{_PROSE}</div></body></html>"
    )
    assert _fields(page)["source"] == "湖北日报客户端"
    # the headline the page names a title, closing with `!`, when <title> names only a site
    site_only = page.replace(
        "<title>这场音乐节，出圈的“地气”和“底气”!</title>", "<title>某某网</title>"
    )
    assert _fields(site_only)["title"] == "这场音乐节，出圈的“地气”和“底气”!"


def test_a_comment_section_after_the_article_is_left_out() -> None:
    page = (
        "<html><head><title>会议召开_某某网</title></head><body><h1>会议召开</h1>"
        f"<div id='content'>{_PROSE}<p>最新评论</p><p>更多评论 共 0 条评论</p>"
        "<p>参与评论</p><p>您的评论将在5分钟内被审核，请耐心等待</p></div></body></html>"
    )
    text = build_record(page.encode(), "http://example.com/a.html")["text"]
    assert "第5段" in text and "最新评论" not in text and "参与评论" not in text


def test_a_comment_section_under_a_bare_heading_is_left_out_however_long() -> None:
    """``<h3>评论</h3>`` and sixty comments after a post, in blocks with no class or id to
    name them: the heading closes the text (the bare word only as a heading element; a
    section's own name, `网友评论（3）`, on any line of its own)."""
    comments = "".join(
        f"<h4><a href='#c{i}'>#</a> re: 会议召开 <span>2004-12-27 12:{i:02d}</span>"
        f"<a href='/u/{i}'>网友{i}</a></h4><p>这篇写得很好，学习了，感谢分享，期待更多第{i}条。</p>"
        for i in range(60)
    )
    for heading in ("<h3>评论</h3>", "<p>网友评论（60）</p>"):
        page = (
            "<html><head><title>会议召开_某某网</title></head><body><div><h2>会议召开</h2>"
            f"{_PROSE}<p>发表于 2004年12月27日 12:40</p></div><div>{heading}{comments}</div>"
            "</body></html>"
        )
        text = build_record(page.encode(), "http://example.com/a.html")["text"]
        assert "第5段" in text and "评论" not in text and "第3条" not in text
    # the word as a line of the text is no heading: the text goes on after it
    page = (
        "<html><head><title>会议召开_某某网</title></head><body><h1>会议召开</h1><div>"
        f"{_PROSE}<p>评论</p>{_PROSE.replace('第', '后')}</div></body></html>"
    )
    assert "后5段" in build_record(page.encode(), "http://example.com/a.html")["text"]


def test_the_editor_in_a_block_named_for_the_editor_is_read_not_kept() -> None:
    """`<div class="zrbj">责任编辑：雷晓琦</div>` inside the article's container, or after
    the run a page's evidence chose: left out of the text as a widget, its name read."""
    for wrap in ("<div id='content'>{}</div>", "<div>{}</div><div><a href='/'>首页</a></div>"):
        inner = f"{_PROSE}<div class='zrbj'>责任编辑： 雷晓琦</div><p>扫一扫在手机打开当前页</p>"
        page = (
            "<html><head><title>会议召开_某某网</title></head><body><h1>会议召开</h1>"
            f"{wrap.format(inner)}</body></html>"
        )
        record = build_record(page.encode(), "http://example.gov.cn/a.html")
        assert record["editors"] == ["雷晓琦"] and "雷晓琦" not in record["text"]


def test_a_share_hook_holding_lines_set_apart_by_br_is_the_text() -> None:
    """An old editor's body: lines in one block, opened by <br>, no <p>, in the block a share
    script marks (``<div id=artibody class=BSHARE_POP>``): the text, not a share widget."""
    lines = _PROSE.replace("<p>", "<br>").replace("</p>", "")
    page = (
        "<html><head><title>会议召开_某某网</title></head><body><h1>会议召开</h1>"
        f"<div id='artibody' class='BSHARE_POP'>{lines}</div>"
        "<div class='bshare-custom'><a>分享到</a><a>微博</a><a>微信</a></div></body></html>"
    )
    text = build_record(page.encode(), "http://example.com/a.html")["text"]
    assert "第0段" in text and "第5段" in text and "分享到" not in text
    # the walk reads the block as text (the fallbacks found it here; on a page of more
    # prose elsewhere they found another block)
    body = parse_html(page).find("body")
    assert any("第3段" in line.text for line in walk_container(body).lines)
    # a class saying how a block prints names no script: a footer so marked is no text
    footer = f"<div class='footer hidden-print'>{_PROSE}</div>"
    walked = walk_container(parse_html(f"<html><body>{footer}</body></html>").find("body"))
    assert not any("第3段" in line.text for line in walked.lines)


def test_the_element_a_page_marks_as_its_author_names_it() -> None:
    """``<span class="by-label">作者：</span><a class="author__name">安东尼</a>`` apart from any
    info line; an element so marked that holds no name gives nothing."""
    author = (
        "<div class='m-from-author'><span class='m-from-author__by-label'>作者：</span>"
        "<a class='m-from-author__name' href='/author/1'>安东尼</a></div>"
    )
    page = f"<html><body><h1>会议召开</h1>{author}<div id='content'>{_PROSE}</div></body></html>"
    record = build_record(page.encode(), "http://example.com/a.html")
    assert record["authors"] == ["安东尼"]
    unnamed = page.replace(author, "<div class='author-box'>关注我们 扫码下载</div>")
    assert build_record(unnamed.encode(), "http://example.com/a.html")["authors"] == []


def test_an_editor_line_right_after_the_body_container_names_the_editor() -> None:
    page = (
        "<html><body><h1>会议召开</h1><div class='info'>来源：新华社</div>"
        f"<div id='content'>{_PROSE}</div><div style='text-align:right'>编辑：毛梦囡</div>"
        "<div class='footer'><a href='/'>网站首页</a></div></body></html>"
    )
    assert build_record(page.encode(), "http://example.com/a.html")["editors"] == ["毛梦囡"]


def test_a_disclosure_table_at_the_top_of_the_body_gives_its_fields() -> None:
    """Labels spaced out (``索 &nbsp;引 号``, ``分&nbsp;&nbsp;类``) in a table inside the body
    container, on a page whose info line stands before it."""
    table = (
        "<table><tr><td>索 &nbsp;引 号：</td><td>11220000013544357T/2022-00426</td>"
        "<td>分&nbsp;&nbsp;类：</td><td>环境监测、保护与治理;通告</td></tr>"
        "<tr><td>发文机关：</td><td>吉林省人民政府</td><td>成文日期：</td><td>2022年01月27日</td></tr></table>"
    )
    page = (
        "<html><body><h1>关于某事的通告</h1><div class='info'>发布时间：2022-01-28</div>"
        f"<div id='zoom'>{table}{_PROSE}</div></body></html>"
    )
    document = build_record(page.encode(), "http://example.com/a.html")["document"]
    assert document["index_no"] == "11220000013544357T/2022-00426"
    assert document["topic"] == "环境监测、保护与治理;通告"
    assert document["written_at"] == "2022-01-27"


@pytest.mark.parametrize("label", ["标\u3000\u3000题：", "信息名称：", "名&nbsp;&nbsp;称:"])
def test_a_headline_read_from_a_disclosure_tables_title_row_leaves_its_label(label: str) -> None:
    """A <title> naming only the site, no heading element: the headline is the 信息公开 table's
    title row, read without the row's label (`标　　题：`, `信息名称：`)."""
    table = (
        "<table><tr><td>索引号：</td><td>000014349/2021-00070</td>"
        "<td>发文机关：</td><td>某某省人民政府办公厅</td></tr>"
        f"<tr><td><b>{label}</b></td>"
        "<td colspan='3'>某某省人民政府办公厅关于规范某事的意见</td></tr>"
        "<tr><td>发文字号：</td><td>某政办发〔2021〕30号</td><td>发布日期：</td>"
        "<td>2021年08月02日</td></tr></table>"
    )
    page = (
        "<html><head><title>某某省人民政府门户网站</title></head><body>"
        f"<div class='top'>{table}</div><div id='zoom'>{_PROSE}</div></body></html>"
    )
    record = build_record(page.encode(), "http://example.com/a.html")
    assert record["title"] == "某某省人民政府办公厅关于规范某事的意见"


def test_a_disclosure_table_shown_twice_is_kept_once() -> None:
    """A responsive template's two copies of one 信息公开 table in the body, one row a field
    for phones and two fields a row for screens: the text keeps the copy with the most text,
    once; tables of other index numbers both stay."""

    def table(index_no: str, per_row: int) -> str:
        cells = [
            ("索 &nbsp;引 号：", index_no),
            ("分&nbsp;&nbsp;类：", "通告"),
            ("发文机关：", "某某省人民政府"),
            ("标&nbsp;&nbsp;题：", "关于某事的通告"),
        ]
        rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
        return (
            "<table>"
            + "".join(
                "<tr>" + "".join(f"<td>{k}</td><td>{v}</td>" for k, v in row) + "</tr>"
                for row in rows
            )
            + "</table>"
        )

    def text(first: str, second: str) -> str:
        page = (
            "<html><body><h1>关于某事的通告</h1>"
            f"<div id='zoom'>{table(first, 1)}<div>{table(second, 2)}</div>{_PROSE}</div>"
            "</body></html>"
        )
        return str(build_record(page.encode(), "http://example.gov.cn/a.html")["text"])

    once = text("11220000013544357T/2022-00426", "11220000013544357T/2022-00426")
    assert once.count("11220000013544357T/2022-00426") == 1
    assert "11220000013544357T/2022-00426 分 类： 通告" in once  # the copy for screens
    assert "第5段" in once
    both = text("11220000013544357T/2022-00426", "11220000013544357T/2022-00427")
    assert "2022-00426" in both and "2022-00427" in both


def test_a_list_rows_date_block_is_not_the_pages_date() -> None:
    """A block named for a date in a list item beside a linked headline (a related list's
    `<li><a>…</a><span class="time">`) dates that row, not the page; such a block alone
    stays the page's last resort."""

    def published(after_body: str) -> str | None:
        page = (
            "<html><body><h1>关于开展主题宣传活动的通知</h1>"
            f"<div id='zoom'>{_PROSE}</div>{after_body}</body></html>"
        )
        return build_record(page.encode(), "http://example.gov.cn/a.html")["published_at"]

    row = "<ul><li><a href='/b.html'>另一篇新闻的标题</a>{}</li></ul>"
    assert published(row.format("<span class='time'>2023-07-12</span>")) is None
    assert published("<div><span class='time'>2023-05-11</span></div>") == "2023-05-11"


def test_a_date_block_with_a_weekday_is_a_todays_date_widget() -> None:
    """A block named for a date that shows a weekday or 今天 (`2001年2月3日 星期六` in the
    header) is today's date, not the page's."""
    for widget in ("2001年2月3日 星期六", "今天是：2001年2月3日"):
        page = (
            f"<html><body><div class='date'>{widget}</div><h1>关于开展主题宣传活动的通知</h1>"
            f"<div id='zoom'>{_PROSE}</div></body></html>"
        )
        assert build_record(page.encode(), "http://example.gov.cn/a.html")["published_at"] is None


def test_a_title_pushed_into_the_body_is_no_headline_over_the_header_date() -> None:
    """An element before <head> (a saved page's injected `<iframe>`) puts the head in the body:
    <title> (`某某新闻网 - headline`) is then the body's first text, and the header's date
    widget right after it is not the date under the headline; the one under the <h1> is. A
    `<meta name="date">` gives the time of day."""
    page = (
        "<!DOCTYPE html><html><iframe src='https://td.example.com/' style='display:none'>"
        "</iframe><head><meta charset='utf-8'><title>某某政府新闻网 - 更改证件记项政策修订</title>"
        "</head><body><nav><span id='information-date'>2024年11月02日 (星期六)</span>"
        "<a href='/weather'>天文台 26°C</a></nav><ul class='menu'>"
        + "".join(f"<li><a href='/c/{i}'>栏目{i}</a></li>" for i in range(12))
        + "</ul>"
        "<h1 class='news-title'>更改证件记项政策修订</h1>"
        "<div><span class='news-date'>2024年4月3日</span></div>"
        f"<div class='newsdetail-content'>{_PROSE}</div></body></html>"
    )
    url = "http://www.example.gov.hk/chi/2024/04/20240403/20240403_114508_470.html"
    assert build_record(page.encode(), url)["published_at"] == "2024-04-03"
    tagged = page.replace(
        "<meta charset='utf-8'>",
        "<meta charset='utf-8'><meta name='date' content='2024-04-03T13:21:55+08:00'>",
    )
    assert build_record(tagged.encode(), url)["published_at"] == "2024-04-03T13:21:55+08:00"


def test_a_list_rows_labels_are_not_the_pages() -> None:
    """A sidebar's rows that label their own source and author after the headline they link
    (`<li><a>…</a><span>来源：某某日报</span></li>`, or the label in the row's own text) give
    the page neither; a label whose link is its value (`来源：<a>…</a>`) still does."""
    rows = (
        "<ul><li><a href='/1.html'>市领导调研重点项目建设工作进展</a>"
        "<span>来源：某某日报</span></li>"
        "<li><a href='/2.html'>全市安全生产工作会议召开</a> 作者：王小明</li></ul>"
    )
    info = "<li>来源：<a href='/'>某某市卫生健康委员会</a></li>"
    for sidebar, source in ((rows, None), (f"<ul>{info}</ul>", "某某市卫生健康委员会")):
        page = (
            f"<html><body><div class='left'>{sidebar}</div><h1>关于开展主题宣传活动的通知</h1>"
            f"<div>发布时间：2023-05-11</div><div id='zoom'>{_PROSE}</div></body></html>"
        )
        record = build_record(page.encode(), "http://example.gov.cn/a.html")
        assert record["source"] == source
        assert "王小明" not in record["authors"] + record["reporters"] + record["editors"]


def test_a_byline_after_a_related_box_under_the_text_is_read() -> None:
    """A text found as a run of lines (no container named), with a related box between it and
    its byline (`相关阅读：` over linked rows, then `责任编辑：…`): the byline is still read."""
    prose = "".join(
        f"<div>第{i}段：这是正文的一段话，讲述了本次会议的主要内容和有关部署要求，内容较为充实。</div>"
        for i in range(6)
    )
    related = (
        "<div>相关阅读：</div><div><a href='/1.html'>市领导调研重点项目建设工作进展</a></div>"
        "<div><a href='/2.html'>全市安全生产工作会议召开</a></div>"
        "<div><a href='/3.html'>我市召开优化营商环境推进会</a></div>"
    )
    page = (
        f"<html><body><h1>关于开展主题宣传活动的通知</h1><div>{prose}{related}"
        "<div>责任编辑：王小明</div></div></body></html>"
    )
    record = build_record(page.encode(), "http://example.gov.cn/a.html")
    assert record["editors"] == ["王小明"]
    assert "市领导调研" not in record["text"]


def test_an_editor_trailer_under_a_related_box_in_the_container_is_read() -> None:
    """A related box inside the body's container between the text and its editor trailer
    (`相关阅读：`, its rows, then `（责任编辑：…）`): the box goes, the trailer is read."""
    page = (
        "<html><body><h1>关于开展主题宣传活动的通知</h1><div id='zoom'>"
        f"{_PROSE}<p>相关阅读：</p><p><a href='/1.html'>市领导调研重点项目建设工作进展</a></p>"
        "<p><a href='/2.html'>全市安全生产工作会议召开</a></p><p>（责任编辑：王小明）</p>"
        "</div></body></html>"
    )
    record = build_record(page.encode(), "http://example.gov.cn/a.html")
    assert record["editors"] == ["王小明"]
    assert "市领导调研" not in record["text"] and "相关阅读" not in record["text"]


def test_a_related_box_under_the_headline_does_not_date_the_page() -> None:
    """A box of related links between the headline and the text (`相关阅读` over a dated row,
    no list item): its row's date is not the page's; the page's own date line after it is."""

    def published(under_headline: str) -> str | None:
        page = (
            f"<html><body><h1>关于开展主题宣传活动的通知</h1>{under_headline}"
            f"<div id='zoom'>{_PROSE}</div></body></html>"
        )
        return build_record(page.encode(), "http://example.gov.cn/a.html")["published_at"]

    box = "<div>相关阅读</div><div><a href='/b.html'>另一篇新闻</a> 2023-07-12</div>"
    assert published(box) is None
    assert published(box + "<div>发布时间：2023-05-11</div>") == "2023-05-11"


def test_a_title_field_written_with_markup_is_read_as_lines() -> None:
    """A CMS title field with markup: a second line opening with a dash is a subtitle, another
    line is the headline's second half."""
    sub = '<meta name="ArticleTitle" content="为建设凝聚力量<div>——热烈祝贺大会开幕</div>">'
    two = '<meta name="ArticleTitle" content="减税降费助企纾困<div>预计减负180亿元</div>">'
    empty = '<meta name="ArticleTitle" content="<b> </b>"><title>会议召开_某某网</title>'
    for meta, title in (
        (sub, "为建设凝聚力量"), (two, "减税降费助企纾困预计减负180亿元"), (empty, "会议召开"),
    ):  # fmt: skip
        page = f"<html><head>{meta}</head><body><div id='content'>{_PROSE}</div></body></html>"
        assert build_record(page.encode(), "http://example.com/a.html")["title"] == title


def test_what_a_page_sets_after_the_text_is_left_out() -> None:
    """A heading of more by the author, related reading or videos after the text, and the short
    link lines under it; an image's `查看原图` widget; a survey loading."""
    after = (
        "<p>来源 | 综合本报记者</p><p>查看原图 264K</p><p>调查问题加载中，请稍候。</p>"
        "<p>作者其他文章</p><p>中方将继续为维护地区和平稳定发挥建设性作用</p><p>2024-05-24</p>"
        "<p>精选视频</p><p>凯尔特人众将发力打出一波13-0的进攻波不断扩大分差</p>"
    )
    page = (
        "<html><head><title>会议召开_某某网</title></head><body><h1>会议召开</h1>"
        f"<div id='content'>{_PROSE}{after}</div></body></html>"
    )
    text = build_record(page.encode(), "http://example.com/a.html")["text"]
    assert "第5段" in text and "来源 | 综合本报记者" in text
    for chrome in ("查看原图", "加载中", "作者其他文章", "中方将继续", "精选视频", "凯尔特人"):
        assert chrome not in text, chrome


def test_a_related_heading_followed_by_text_stays() -> None:
    """A heading word followed by paragraphs of text is part of the article (a 相关链接 box
    whose lines are long is not the page's tail)."""
    long_line = "相关阅读材料显示，" + "这一政策在全国多个地区推广实施并取得了良好的社会效果。" * 2
    page = (
        "<html><body><h1>会议召开</h1>"
        f"<div id='content'>{_PROSE}<p>相关阅读</p><p>{long_line}</p></div></body></html>"
    )
    assert long_line in build_record(page.encode(), "http://example.com/a.html")["text"]


def test_a_title_block_named_so_wins_over_a_title_tag_naming_only_the_site() -> None:
    """`<title>北医新闻网_(新闻)</title>` names the site only; the page shows the headline in
    `<td class=bt_title>`. A named block that reads like a section label or is a link does not
    count."""
    page = (
        "<html><head><title>北医新闻网_(新闻)</title></head><body><table>"
        "<tr><td class='nav_title'><a href='/'>首页</a></td></tr>"
        "<tr><td class=bt_title>李简——新外科运动向我们走来</td></tr>"
        f"<tr><td><div class=bt_content>{_PROSE}<div align=right>（袁源）</div></div></td></tr>"
        "</table></body></html>"
    )
    record = build_record(page.encode(), "http://example.com/a.html")
    assert record["title"] == "李简——新外科运动向我们走来"
    assert record["authors"] == ["袁源"]  # a bracketed name alone right after the text
    shown = page.replace("<td class=bt_title>李简——新外科运动向我们走来</td>", "<td>x</td>")
    assert build_record(shown.encode(), "http://example.com/a.html")["title"] == "北医新闻网"


def test_an_articles_own_header_holds_its_headline() -> None:
    """`<article><header><h1>…` is the article's header, not the site's banner: its h1 echoed
    by <title> wins over a feature box's h2."""
    page = (
        "<html><head><title>義大利公開賽 茲韋列夫封王</title></head><body>"
        "<header class='site'><a href='/'>新闻网</a></header><article><header>"
        "<h1>義大利公開賽 茲韋列夫封王</h1></header>"
        f"<div class='body'>{_PROSE}</div></article>"
        "<h2>《新聞》報道 一個專頁睇晒</h2></body></html>"
    )
    assert (
        build_record(page.encode(), "http://example.com/a.html")["title"]
        == "义大利公开赛 兹韦列夫封王"
    )


def test_an_undated_line_whose_only_label_is_author_names_the_author() -> None:
    """``02日14:25 作者： 赵婕 出自[人民文学出版社]``: no full date, no 来源, yet the line names its
    author; a long text holding 作者： (prose, a list) names nobody."""
    line = "<div class='date'>02日14:25 作者： 赵婕 出自[人民文学出版社]</div>"
    page = f"<html><body><h1>纯棉婚姻书摘</h1>{line}<div id='content'>{_PROSE}</div></body></html>"
    assert build_record(page.encode(), "http://example.com/a.html")["authors"] == ["赵婕"]
    long_line = "<div>" + "读者来信，" * 20 + "作者：赵婕，谢谢。</div>"
    prose = page.replace(line, long_line)
    assert build_record(prose.encode(), "http://example.com/a.html")["authors"] == []


def test_reporters_three_lines_above_a_body_chosen_by_evidence_are_read() -> None:
    """Title, the reporters' line, a dateline with the paper, an editor's-note heading, then the
    text: the byline stands three lines above where the body starts."""
    page = (
        "<html><body><div class='nav'><a href='/'>首页</a></div>"
        "<p align='center'><strong>谁来为无序拆房埋单</strong></p>"
        "<p align='center'>本报记者 王燕平 方云凤</p><p>2003-7-24 钱江晚报</p><p>编者按</p>"
        f"<div>{_PROSE}</div></body></html>"
    )
    record = build_record(page.encode(), "http://example.com/a.html")
    assert record["reporters"] == ["王燕平", "方云凤"]


def _blog_page(sidebar: str, above: str, title_tag: str = "海姑娘 | blog.example.com") -> str:
    links = "".join(f"<li><a href='/p/{i}'>第{i}篇文章目录</a></li>" for i in range(12))
    return (
        f"<html><head><title>{title_tag}</title></head><body>"
        f"<div class='side'>{sidebar}<ul>{links}</ul></div>"
        f"<table><tr><td>{above}</td></tr><tr><td>{_PROSE}</td></tr></table></body></html>"
    )


@pytest.mark.parametrize(
    ("above", "title"),
    [
        # the post's heading with its time, in cells of one row
        (
            "<span class='post-title'>湘菜粤菜 兵分两路 (图)</span>"
            " <nobr>2005-06-14 03:25:55</nobr>",
            "湘菜粤菜 兵分两路 (图)",
        ),
        # a permalink, a colon joining its two parts, above the post's stamp
        (
            "<a href='/p/77'>评老冒：做最好的和最cool的东西？</a>"
            "<br>http://blog.example.com/ 2005-09-07",
            "评老冒：做最好的和最cool的东西？",
        ),
    ],
)
def test_a_posts_own_heading_beats_a_sidebar_heading_far_from_the_text(
    above: str, title: str
) -> None:
    """A blog whose <title> names the blog: its sidebar's heading (`博客导读`), twelve lines
    above the text, is not the post's title; the heading right above the post is."""
    page = _blog_page("<h2>博客导读</h2>", above)
    assert _fields(page, "http://blog.example.com/p/1.html")["title"] == title


def test_a_row_of_links_or_a_label_above_the_text_is_no_title() -> None:
    for above in (
        "<a href='/1'>控制面板</a> <a href='/2'>发表文章</a> <a href='/3'>评论管理</a>",
        "来源：新华社",
    ):
        page = _blog_page("<h2>博客导读</h2>", above)
        assert _fields(page, "http://blog.example.com/p/1.html")["title"] == "博客导读"


def test_a_comment_sections_heading_quoting_the_title_is_not_the_title() -> None:
    """``《…》已有1件评论`` holds the title <title> gives after the blog's name and ``»``."""
    page = (
        "<html><head><title>多维博客 » 播客热潮迅速蔓延 挑逗传统传媒业</title></head><body>"
        f"<div id='content'>{_PROSE}</div>"
        "<h3 id='comments'>《播客热潮迅速蔓延 挑逗传统传媒业》已有1件评论</h3></body></html>"
    )
    assert (
        _fields(page, "http://blog.example.com/p/1.html")["title"]
        == "播客热潮迅速蔓延 挑逗传统传媒业"
    )


def test_a_heading_counting_the_comments_ends_the_text_whatever_it_quotes() -> None:
    """A blog whose blocks carry no names: the heading that counts the comments
    (``《…》已有1件评论``, longer than a bare section label) opens the readers' part, and
    the comments under it, prose too, are not the article's text."""
    comment = (
        "<p>播客：10分钟拥有私人声音平台。花10分钟时间，就能拥有一个自己的私人声音平台，"
        "这在以前是无法想象的，如今已成现实，网友纷纷转载了这篇报道的全文内容。</p>"
    )
    page = (
        "<html><head><title>多维博客 » 播客热潮迅速蔓延</title></head><body>"
        f"<div><h2>播客热潮迅速蔓延</h2>{_PROSE}</div>"
        "<h3>《播客热潮迅速蔓延 挑逗传统传媒业》已有1件评论</h3>"
        f"<ol><li><cite>新宠</cite> 的评论 <small>September 19th, 2005</small>{comment}</li></ol>"
        "</body></html>"
    )
    text = build_record(page.encode(), "http://blog.example.com/p/1.html")["text"]
    assert "第5段" in text
    assert "已有1件评论" not in text and "私人声音平台" not in text


def test_a_title_tag_the_page_never_shows_gives_way_to_the_heading_above_the_text() -> None:
    """``<title>谢谢您访问…</title>``, a greeting; the bold centered line right above the text,
    a name and a title joined by a colon, is the title (and its name the author's, shown
    alone under it). A <title> whose opening the page shows stays."""
    page = (
        "<html><head><title>谢谢您访问〖关注中国中心〗</title></head><body>"
        "<table><tr><td><a href='/'>首页</a> <a href='/c'>个人专栏</a></td></tr>"
        "<tr><td align='center'><b>茉莉：我是怎样卷入八九民运的</b></td></tr>"
        f"<tr><td><p>我是怎样卷入八九民运的</p><p>茉莉</p>{_PROSE}</td></tr></table></body></html>"
    )
    record = build_record(page.encode(), "http://www.example.org/a.asp?id=1")
    assert record["title"] == "茉莉：我是怎样卷入八九民运的"
    assert record["authors"] == ["茉莉"]
    shown = page.replace("谢谢您访问〖关注中国中心〗", "茉莉：我是怎样卷入八九民运 - 专栏")
    assert _fields(shown, "http://www.example.org/a.asp?id=1")["title"] != (
        "茉莉：我是怎样卷入八九民运的"
    )


def test_an_editor_line_after_the_body_s_ancestors_beside_a_linked_row_names_the_editor() -> None:
    """The body closes three blocks; after them a block holds the editor's line and a row of
    links (return home, share): the unlinked line names the editor."""
    page = (
        "<html><body><h1>会议召开</h1><div class='info'>来源：新华社</div>"
        f"<div class='main'><div class='box'><div id='content'>{_PROSE}</div></div></div>"
        "<div class='tail'><div class='nav'></div><div><span>责任编辑：崔宁宁</span></div>"
        "<div><a href='/'>返回首页</a> <a href='/share'>分享</a></div></div>"
        "<div class='footer'><a href='/'>网站首页</a></div></body></html>"
    )
    assert build_record(page.encode(), "http://example.com/a.html")["editors"] == ["崔宁宁"]


def test_a_code_highlighters_comment_spans_inside_pre_are_code_not_a_comment_section() -> None:
    code = (
        "<pre><code><span class='hljs-keyword'>const</span> v = computed(fn) "
        "<span class='hljs-comment'>// 如果lazy不置为true的话，每次都会重新计算</span>\n"
        "console.log(v.value) <span class='hljs-comment'>// 1</span></code></pre>"
    )
    page = (
        f"<html><body><h1>计算属性的实现</h1><div id='content'>{_PROSE}{code}</div></body></html>"
    )
    text = build_record(page.encode(), "http://example.com/a.html")["text"]
    assert "// 如果lazy不置为true的话，每次都会重新计算" in text and "// 1" in text


def test_buttons_alone_or_side_by_side_on_a_line_are_chrome() -> None:
    buttons = "<p>关注</p><p>展开全部</p><p>抢首赞 已赞过 已踩过</p><p>举报 收起</p>"
    words = "<p>请广大市民关注天气变化，注意防寒保暖。</p>"
    body = f"<div id='content'>{buttons}{words}{_PROSE}</div>"
    page = f"<html><body><h1>会议召开</h1>{body}</body></html>"
    text = build_record(page.encode(), "http://example.com/a.html")["text"]
    assert "请广大市民关注天气变化" in text
    for button in ("关注\n", "展开全部", "已赞过", "举报"):
        assert button not in text


def test_a_cards_counters_a_rating_question_and_a_fold_over_posts_are_chrome_anywhere() -> None:
    """An answerer's card between two answers (`回答量：4932` / `采纳率：95%`), the question
    under each answer asking for a rating, the switch opening more answers: chrome in the middle
    of the body too. Figures with their own words and questions in the text stay."""
    card = (
        "<p>回答量：4932</p><p>采纳率：95%</p><p>采纳数：152 获赞数：112</p><p>帮助的人：37.3万</p>"
    )
    chrome = f"{card}<p>你对这个回答的评价是？</p><p>本页信息对您是否有帮助？ 有用 没用</p>"
    kept = (
        "<p>全年接待游客数量：35万人次，同比增长12%。</p><p>完成率：98%</p>"
        "<p>这项政策对您有帮助吗？请看以下解读。</p>"
    )
    later = _PROSE.replace("第", "后")
    body = f"<div id='content'>{_PROSE}{chrome}{kept}{later}<p>更多回答（2）</p></div>"
    page = f"<html><body><h1>会议召开</h1>{body}</body></html>"
    text = build_record(page.encode(), "http://example.com/a.html")["text"]
    for line in ("全年接待游客数量：35万人次", "完成率：98%", "这项政策对您有帮助吗？请看以下解读"):
        assert line in text
    for line in ("回答量", "采纳率", "获赞数", "帮助的人", "评价是", "是否有帮助", "更多回答"):
        assert line not in text


def test_a_section_heading_whose_words_sit_inside_a_part_of_the_title_tag_is_no_title() -> None:
    """``设置断点`` is words in the middle of <title>'s first part, a section's heading; the
    page's main heading is the title. A heading that opens or closes a part still wins."""
    head = "<title>调试 C++ 代码，设置断点，检查变量 - Visual Studio | Microsoft Learn</title>"
    page = (
        f"<html><head>{head}</head><body><h1>快速入门：使用调试器调试 C++</h1>"
        f"<div id='content'>{_PROSE}<h2>设置断点</h2>{_PROSE}</div></body></html>"
    )
    assert _fields(page)["title"] == "快速入门：使用调试器调试 C++"
    opening = page.replace("<h2>设置断点</h2>", "<h2>调试 C++ 代码</h2>")
    assert _fields(opening)["title"] == "调试 C++ 代码"


def test_a_trail_heading_and_a_footer_heading_give_way_to_the_headline_above_the_info_line() -> (
    None
):
    """`<h3>首页 - 新闻动态</h3>` (a trail from home) is no headline; nor is a footer's
    `<h3>友情链接</h3>`: the line above the info line over the text is, its `！` kept; the
    source stands on a line of its own (``来源于：``) apart from the dated line."""
    page = (
        "<html><head><title>新闻动态--某学会官网</title></head><body>"
        "<div class='nav'><h3>首页 - 新闻动态</h3></div>"
        "<div class='news'><h5>2019年人文地理学术年会在重庆成功举行！</h5>"
        "<div class='ly'>发布时间：2019-05-18</div>"
        f"<div class='con'>{_PROSE}</div><font color='red'>来源于：东区办事处</font></div>"
        "<div class='foot'><h3>友情链接</h3><a href='/1'>中国科学院</a></div></body></html>"
    )
    record = build_record(page.encode(), "http://www.example.org/content.aspx?id=1")
    assert record["title"] == "2019年人文地理学术年会在重庆成功举行！"
    assert record["source"] == "东区办事处"


def test_a_title_the_body_sets_in_lines_is_read_as_the_page_shows_it() -> None:
    """<title> spaces `2007　年末`; a hidden share widget repeats it; the body's bold opening
    sets it in three lines: the title is the page's, its line breaks closed up."""
    title = "全国人民代表大会常务委员会关于批准发行特别国债及调整2007\u3000年末国债余额限额的决议"
    page = (
        f"<html><head><title>{title}__国务院公报_中国政府网</title></head><body>"
        f"<div class='share-title' style='display:none'>{title}</div>"
        "<div id='UCAP-CONTENT'><p align='center'><strong>全国人民代表大会常务委员会<br>"
        "关于批准发行特别国债及<br>调整2007年末国债余额限额的决议</strong></p>"
        f"{_PROSE}</div></body></html>"
    )
    assert _fields(page)["title"] == (
        "全国人民代表大会常务委员会关于批准发行特别国债及调整2007年末国债余额限额的决议"
    )


def test_a_bold_section_heading_under_a_picture_is_text_not_its_caption() -> None:
    """A centered bold short line after a picture, without a sentence's marks, heads the next
    section; a centered plain line there is still the picture's caption."""
    picture = "<p><img src='/a.jpg'></p>"
    heading = "<p style='text-align:center'><strong>复旦求学 得益启蒙</strong></p>"
    caption = "<p style='text-align:center'>王信宇在实验室工作</p>"
    page = (
        f"<html><body><h1>校友访谈</h1><div id='content'>{_PROSE}{picture}{heading}"
        f"{_PROSE.replace('第', '次')}{picture}{caption}{_PROSE.replace('第', '后')}</div>"
        "</body></html>"
    )
    record = build_record(page.encode(), "http://example.com/a.html")
    assert "复旦求学 得益启蒙" in record["text"]
    assert "王信宇在实验室工作" not in record["text"]
    assert [i["caption"] for i in record["images"]] == [None, "王信宇在实验室工作"]


def test_a_link_showing_its_own_address_after_a_label_is_text() -> None:
    """``1号防红网：<a>https://fhno1.cn</a>`` opens a post: the address is what it says, not a
    link away."""
    page = (
        "<html><body><h1>分享短链接工具</h1><div id='content'>"
        "<p>1号防红网：<a href='https://fhno1.cn'>https://fhno1.cn</a></p>"
        f"{_PROSE}</div></body></html>"
    )
    text = build_record(page.encode(), "http://example.com/a.html")["text"]
    assert "1号防红网：https://fhno1.cn" in text


def test_text_the_pages_stylesheet_hides_is_left_out_and_a_share_hook_is_no_widget() -> None:
    """``.hide_word{display:none}`` in the page's <style> hides a block as an inline style
    would (a rule for a descendant or one inside @media hides nothing here); the article
    block itself carrying a share script's class (``BSHARE_POP``) is the text."""
    style = (
        "<style>.nav a{color:red} .hide_word,#seo{display:none;} .box .tip{display:none}"
        "@media (max-width:600px){.wide{display:none}}</style>"
    )
    page = (
        f"<html><head>{style}</head><body><h1>会议召开</h1>"
        f"<div id='artibody' class='BSHARE_POP clearfix'>{_PROSE}"
        "<div class='hide_word'>本文来自某某新闻，未经授权不得转载</div>"
        "<p class='wide'>宽屏之外的读者也读得到这一段说明文字。</p></div></body></html>"
    )
    text = build_record(page.encode(), "http://example.com/a.html")["text"]
    assert "第5段" in text and "宽屏之外的读者也读得到这一段说明文字。" in text
    assert "本文来自某某新闻" not in text


@pytest.mark.parametrize(
    ("info", "field", "name"),
    [
        ("发布时间：2023-05-11　　来　　源：市教育局　　作　　者：张三", "authors", "张三"),
        ("发布日期: 2023-05-11 来 源: 市教育局 作 者: 张三", "authors", "张三"),
        ("时　　间：2023-05-11　　来　　源：市教育局　　编　　辑：张三", "editors", "张三"),
        ("日　期：2023-05-11 来　源：市教育局 记　者：张三 点　击：12", "reporters", "张三"),
    ],
    ids=["full-width", "ascii", "editor", "reporter-and-counter"],
)
def test_labels_padded_to_line_up_are_read_as_the_labels(info: str, field: str, name: str) -> None:
    """Templates pad two-character labels to the width of four-character ones (`来　　源：`,
    `作　　者：`): the source, the date and the name are read as with `来源：`."""
    page = (
        "<html><head><title>会议召开</title></head><body><h1>会议召开</h1>"
        f"<div class='info'>{info}</div><div id='content'>{_PROSE}</div></body></html>"
    )
    record = build_record(page.encode(), "http://www.example.gov.cn/a/1.html")
    assert record["published_at"] == "2023-05-11"
    assert record["source"] == "市教育局"
    assert record[field] == [name]
    assert record["text"].startswith("第0段")


def test_a_source_unit_label_names_the_source_and_a_publishing_unit_does_not() -> None:
    """`来源单位：` labels the article's source as `来源：` does; `发布机构：` names the office
    that put the page up (a disclosure table's publisher), not a source."""

    def source(label: str) -> str | None:
        page = (
            "<html><head><title>会议召开</title></head><body><h1>会议召开</h1>"
            f"<div class='info'>发布时间：2023-05-11　{label}：市教育局</div>"
            f"<div id='content'>{_PROSE}</div></body></html>"
        )
        return build_record(page.encode(), "http://www.example.gov.cn/a/1.html")["source"]

    assert source("来源单位") == "市教育局"
    assert source("发布机构") is None


def test_only_known_labels_are_unpadded() -> None:
    assert unpad_labels("来　　源：新华社　编　辑：王五") == "来源：新华社　编辑：王五"
    assert unpad_labels("我们 说：好") == "我们 说：好"  # a sentence's words stay apart
    assert unpad_labels("县　长：张三") == "县　长：张三"  # no label of ours


@pytest.mark.parametrize(
    ("info", "source"),
    [
        ("来源：华龙网 举报", "华龙网"),
        ("来源：长江网 调整字体", "长江网"),
        ("来源：第一财经日报 网友评论 0 条", "第一财经日报"),
        ("来源：区融媒体中心 文/张三 图/李四", "区融媒体中心"),  # the bylines after it
        ("来源：县委宣传部 摄影/李四", "县委宣传部"),
    ],
)
def test_a_source_stops_before_the_widgets_after_it(info: str, source: str) -> None:
    page = (
        f"<html><body><h1>会议召开</h1><div class='info'>2020-05-06 10:00 {info}</div>"
        f"<div id='content'>{_PROSE}</div></body></html>"
    )
    assert build_record(page.encode(), "http://example.com/a.html")["source"] == source


def test_the_source_a_page_shows_beats_a_longer_source_tag() -> None:
    meta = '<meta name="source" content="来源：人民网-文化频道 原创稿">'
    page = (
        f"<html><head>{meta}</head><body><h1>会议召开</h1>"
        f"<div class='info'>2020-05-06 10:00 来源：人民网-文化频道</div>"
        f"<div id='content'>{_PROSE}</div></body></html>"
    )
    assert build_record(page.encode(), "http://example.com/a.html")["source"] == "人民网-文化频道"


def test_the_articles_own_header_echoing_the_whole_title_tag_gives_the_title() -> None:
    """``<div class="anci_header_content"><h2>…</h2>`` under a wrapper named a title that also
    holds the author and time: the heading is the title, never the wrapper's run-on text; a
    site's banner named a header, a link home, is still no title."""
    headline = "日本最后一家传呼机公司停止服务，殡仪馆为BB机送终"
    page = (
        f"<html><head><title>{headline}</title></head><body>"
        "<div class='header'><a href='/'><h1>某某号</h1></a></div>"
        f"<div class='title_border'><div class='anci_header_content'><h2>{headline}</h2>"
        "<p>IT之家<span>发布时间：09-30</span><span>22:46</span></p></div></div>"
        f"<div class='article-content'>{_PROSE}</div>"
        "<div class='side'><h3>作者最新文章</h3><h3>相关搜索</h3></div></body></html>"
    )
    assert _fields(page)["title"] == headline


def test_the_time_the_info_line_shows_beats_a_tag_of_the_same_day() -> None:
    meta = '<meta property="article:published_time" content="2019-10-23T09:10:42+08:00">'
    page = (
        f"<html><head>{meta}</head><body><h1>会议召开</h1>"
        f"<div class='date-source'><span class='date'>2019年10月23日 09:05</span></div>"
        f"<div id='content'>{_PROSE}</div></body></html>"
    )
    assert _fields(page)["published_at"] == "2019-10-23T09:05:00+08:00"
    same_minute = page.replace("09:05", "09:10")
    assert _fields(same_minute)["published_at"] == "2019-10-23T09:10:42+08:00"


def test_an_element_the_page_names_its_source_gives_the_source() -> None:
    """``<span class="a_source">棱镜</span>`` with no 来源 label anywhere; elements so named
    in a list of related posts give none."""
    page = (
        "<html><body><h1>会议召开</h1><div class='a_src'><span class='a_source'>棱镜</span>"
        f"<span class='a_time'>2019-09-11 01:53</span></div><div id='content'>{_PROSE}</div>"
        "</body></html>"
    )
    assert build_record(page.encode(), "http://example.com/a.html")["source"] == "棱镜"
    related = page.replace(
        "<span class='a_source'>棱镜</span>",
        "<ul><li><a class='source-x' href='/p/1'>秀峦玉峰道路</a></li></ul>",
    )
    assert build_record(related.encode(), "http://example.com/a.html")["source"] is None


def test_a_disclaimer_block_a_recommended_list_and_a_qr_prompt_are_left_out() -> None:
    """After the text: a block named a disclaimer (``div.shenming``), a 本站推荐 heading with
    its counters, a 扫描下方二维码 prompt; the bracketed credit closing the text is read."""
    page = (
        f"<html><body><h1>会议召开</h1><div id='content'>{_PROSE}"
        "<p>活动让金融知识走进社区。(文/图 刘玺东 易赛楠)</p>"
        "<p>专注本地新闻报道，扫描下方二维码关注官方微信。</p>"
        "<p>本站推荐</p><p>阅读284</p><p>0</p><p>分类目录</p></div>"
        "<div class='shenming'>声明：本网力求信息真实、准确，文章提及内容仅供参考。</div>"
        "</body></html>"
    )
    record = build_record(page.encode(), "http://example.com/a.html")
    assert record["text"].endswith("活动让金融知识走进社区。")
    assert record["reporters"] == ["刘玺东", "易赛楠"]


def test_editor_lines_with_a_pipe_close_the_text() -> None:
    tail = "<p>编辑|禤志杰</p><p>责编|陈梦莹</p><p>点击菜单栏解锁更多服务！</p>"
    page = f"<html><body><h1>会议召开</h1><div id='content'>{_PROSE}{tail}</div></body></html>"
    record = build_record(page.encode(), "http://example.com/a.html")
    assert sorted(record["editors"]) == sorted(["禤志杰", "陈梦莹"])
    assert "解锁更多服务" not in record["text"]


def test_the_time_a_date_block_shows_beats_a_tag_of_the_same_day() -> None:
    meta = '<meta property="article:published_time" content="2018-12-28T19:56:29+08:00">'
    page = (
        f"<html><head>{meta}</head><body><h1>会议召开</h1><p class='intro'>导读</p>"
        f"<div class='top-bar'><span class='date'>2018年12月28日 19:55</span></div>"
        f"<div id='content'>{_PROSE}</div></body></html>"
    )
    assert _fields(page)["published_at"] == "2018-12-28T19:55:00+08:00"


def test_schema_org_dates_published_and_last_updated() -> None:
    """``itemprop=datePublished`` dates the page; ``dateUpdate`` only when nothing else does
    (a shown date without its year: ``发布时间：09-30 22:46``)."""
    body = f"<h1>会议召开</h1><p>发布时间：09-30 22:46</p><div id='content'>{_PROSE}</div>"
    update = '<meta itemprop="dateUpdate" content="2019-09-30 22:46:13">'
    published = '<meta itemprop="datePublished" content="2019-09-29T08:00:00+08:00">'
    alone = f"<html><head>{update}</head><body>{body}</body></html>"
    url = "http://example.com/a.html"
    assert _fields(alone, url)["published_at"] == "2019-09-30T22:46:13+08:00"
    both = f"<html><head>{update}{published}</head><body>{body}</body></html>"
    assert _fields(both, url)["published_at"] == "2019-09-29T08:00:00+08:00"


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("2019年09月11日01:53 新浪科技 我有话说(1307人参与) 收藏本文", "新浪科技"),
        ("2024-05-13 08:30\u3000山河日报", "山河日报"),
        ("2020-05-06 10:00 星期三", None),
        ("2020-05-06 10:00 叨叨姐 胡一刀", None),  # people, not an outlet
        ("2020-05-06 10:00 收藏", None),
    ],
)
def test_an_outlet_set_unlabelled_after_the_date(line: str, source: str | None) -> None:
    assert parse_info_line(line)[1] == source


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("发布时间：2026-09-09 来源：国家能源局 大中小", "国家能源局"),
        ("来源：国家能源局 大 中 小", "国家能源局"),
        ("来源：国家能源局【大 中 小】", "国家能源局"),
        ("来源：新华社 大中小 打印", "新华社"),
    ],
)
def test_the_font_size_switch_after_a_source_is_no_part_of_it(line: str, source: str) -> None:
    """`<span>来源：国家能源局</span> <span class="switchsize"><b>大</b><b>中</b><b>小</b>
    </span>`: the switch's words run into the info line, unlabelled."""
    assert parse_info_line(line)[1] == source


def test_pictures_under_the_headline_are_the_body_of_a_page_without_text() -> None:
    """A report published as pictures under its headline and info line, in a block no CMS names:
    the record is the pictures, not the footer's lines (the densest text left on the page) nor
    its police badge; a box heading with nothing under it (`相关附件：`) is no caption."""
    pictures = "".join(
        f"<img src='/img/1/{n}/4844955.png' alt='图层 {n}.png' width='700' height='1110'/>"
        for n in (1, 2, 3)
    )
    footer = (
        "<div class='foot-txt'><p>主办单位：某某省发展和改革委员会 承办单位：某某省信用中心</p>"
        "<p>地址：某某市东风中路305号5号楼（邮编：510031）业务咨询电话：020-12345</p>"
        "<p>版权所有：某某省发展和改革委员会 未经书面授权禁止复制或建立镜像</p>"
        "<img src='/images/gajgbah2018.png'></div>"
    )
    page = (
        "<html><head><title>门户网站工作年度报表（2025年度）</title></head><body>"
        "<div class='mbx'>您所在的位置：<a href='/'>首页</a> &gt; <a href='/gg/'>公告</a></div>"
        "<div class='xl-cont'><h4>门户网站工作年度报表（2025年度）</h4><div class='jbxx'>"
        "<span>信息来源：本网</span><span>时间：2026-01-19 15:42:56</span></div>"
        f"<div id='content1'><p style='text-align: center;'>{pictures}</p><div class='fjlis'>"
        f"<p>相关附件：</p></div></div></div>{footer}</body></html>"
    )
    record = build_record(page.encode(), "https://drc.example.gov.cn/ywgg/content/post_1.html")
    assert [image["url"].rsplit("/", 2)[-2] for image in record["images"]] == ["1", "2", "3"]
    assert record["text"] == "" and "short_body" in record["flags"]
    assert record["title"] == "门户网站工作年度报表（2025年度）"
    icons = pictures.replace("width='700' height='1110'", "width='16' height='16'")
    record = build_record(page.replace(pictures, icons).encode(), "https://drc.example.gov.cn/1")
    assert all("gajgbah" not in image["url"] for image in record["images"])  # not the badge


def test_a_scripts_unix_publication_time_dates_a_page_nothing_else_dates() -> None:
    script = '<script>var ct = "1581517074"; var nick = "某号";</script>'
    page = f"<html><body><h1>会议召开</h1><em>昨天</em><div id='content'>{_PROSE}</div>{script}"
    url = "http://example.com/s/abc"
    assert _fields(page + "</body></html>", url)["published_at"] == "2020-02-12T22:17:54+08:00"
    dated = page.replace("<em>昨天</em>", "<div class='info'>发布时间：2020-02-13 08:00</div>")
    assert _fields(dated + "</body></html>", url)["published_at"] == "2020-02-13T08:00:00+08:00"


def test_a_photo_credit_is_no_source_and_a_city_after_the_outlet_is_left_out() -> None:
    page = (
        "<html><body><h1>会议召开</h1>"
        "<div class='info'>2015-06-01 08:00 来源: <a href='/'>21世纪经济报道</a>(广州)</div>"
        f"<div id='content'><p>图片来源：东方IC 版权作品 请勿转载</p>{_PROSE}</div></body></html>"
    )
    assert build_record(page.encode(), "http://example.com/a.html")["source"] == "21世纪经济报道"
    alone = page.replace("来源: <a href='/'>21世纪经济报道</a>(广州)", "")
    assert build_record(alone.encode(), "http://example.com/a.html")["source"] is None


def test_a_hidden_blocks_heading_and_author_are_not_the_articles() -> None:
    """An SEO column hidden by its parent's style, with its own <h2> and author: neither is the
    article's; a source labelled 原创 run into its date is read up to the date."""
    hidden = (
        "<div style='display:none'><div class='col'><h2>房地产开发商的房价操控术</h2>"
        "<div class='author'>吴晓波</div></div></div>"
    )
    page = (
        "<html><head><title>人民币中间价创逾五年新低_新浪财经</title></head><body>"
        f"{hidden}<h1 id='artibodyTitle'>人民币中间价创逾五年新低</h1>"
        "<h4><span>原创：</span><span>39健康网</span><span>2024-04-23 12:27:25</span></h4>"
        f"<div id='content'>{_PROSE}</div></body></html>"
    )
    record = build_record(page.encode(), "http://example.com/a.html")
    assert record["title"] == "人民币中间价创逾五年新低"
    assert record["authors"] == [] and record["source"] == "39健康网"


def test_a_source_tag_cut_short_gives_way_to_the_shown_source() -> None:
    meta = '<meta name="ContentSource" content="浙江">'
    page = (
        f"<html><head>{meta}</head><body><h1>行政处罚信息公开表</h1>"
        "<div class='info'>发布时间：2024-05-06 来源：浙江监管局</div>"
        f"<div id='content'>{_PROSE}</div></body></html>"
    )
    assert build_record(page.encode(), "http://example.com/a.html")["source"] == "浙江监管局"


def test_a_documents_title_and_number_opening_the_text_are_kept() -> None:
    """A body found by its prose, opening with the document's bold title and its number on
    lines of their own, which have no sentence marks: both are the document's."""
    page = (
        "<html><body><div class='nav'><a href='/'>首页</a> <a href='/zc'>政策</a></div>"
        "<h1>“互联网+”行动指导意见公布</h1><div>2015-07-04 10:16:00 来源: 中国政府网</div>"
        "<div class='text'><p><strong>国务院关于积极推进“互联网+”行动的指导意见</strong></p>"
        "<p>国发 〔2015〕40号</p><p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p>"
        f"{_PROSE}</div></body></html>"
    )
    text = build_record(page.encode(), "http://example.com/a.html")["text"]
    assert text.startswith("国务院关于积极推进“互联网+”行动的指导意见\n国发 〔2015〕40号\n各省")


def test_a_comment_boxs_time_is_no_info_line_and_a_source_stops_at_the_next_label() -> None:
    page = (
        "<html><body><div class='comment'>留言时间： 2025-04-27</div><h1>行政处罚信息公开表</h1>"
        "<div class='pages-date'>2024-05-06 来源：浙江监管局 文章类型：原创</div>"
        f"<div id='content'>{_PROSE}</div></body></html>"
    )
    record = build_record(page.encode(), "http://example.com/a.html")
    assert record["source"] == "浙江监管局"
    assert record["published_at"].startswith("2024-05-06")


def test_a_notices_contacts_and_attachment_list_before_its_signature_are_kept() -> None:
    """A notice found by its prose closes with 五、联系方式, short label lines (an email link
    among them), the attachment list, then the issuer and the date: all the notice's."""
    tail = (
        "<p>五、联系方式</p><p>联系人：张启新</p>"
        "<p>电子邮箱：<a href='mailto:a@b.cn'>a@b.cn</a></p><p>联系电话：0315-2059278</p>"
        "<p>联系地址：唐山市路北区建设北路92号</p><p>邮编：063000</p>"
        "<p>附件：社区教育专家库申报、推荐表</p><p>唐山市社区教育指导中心</p><p>2018年6月10日</p>"
    )
    page = (
        "<html><body><div class='nav'><a href='/'>首页</a> <a href='/tz'>通知公告</a></div>"
        f"<h1>关于建立社区教育专家库的通知</h1><div class='text'>{_PROSE}{tail}</div>"
        "<div class='foot'>版权所有 某某网</div></body></html>"
    )
    text = build_record(page.encode(), "http://example.com/a.html")["text"]
    assert "联系人：张启新" in text and "附件：社区教育专家库申报、推荐表" in text
    assert text.rstrip().endswith("2018年6月10日")


def test_an_office_its_contact_and_a_padded_attachment_label_before_the_signature() -> None:
    """A province's notice: an office, whom to ask there and the number (`…（综合性业务咨询）：
    司圣奇 020-83163838`), then `附 件：` (padded to line up) and its linked items, then the
    issuer and the date: all the notice's text but the attachment links."""
    tail = (
        "<p>五、联系人及电话</p><p>1.高新技术处（专题业务咨询）：020-83163483-804、83163877</p>"
        "<p>2.资源配置与管理处（综合性业务咨询）：司圣奇 020-83163838</p><p><br></p>"
        "<p>附 件：<a href='/att/1.pdf'>1.重大专项申报指南</a></p>"
        "<p><a href='/att/2.pdf'>2.技术就绪度评价标准及细则</a></p>"
        "<p style='text-align: right;'>省科技厅</p><p style='text-align: right;'>2020年11月4日</p>"
    )
    page = (
        "<html><body><div class='nav'><a href='/'>首页</a> <a href='/tz'>通知公告</a></div>"
        f"<h1>关于组织申报重大专项项目的通知</h1><div class='text'>{_PROSE}{tail}</div>"
        "<div class='foot'>版权所有 某某网</div></body></html>"
    )
    record = build_record(page.encode(), "http://example.gov.cn/a.html")
    assert "司圣奇 020-83163838" in record["text"]
    assert record["text"].rstrip().endswith("省科技厅\n2020年11月4日")
    assert [a["title"] for a in record["attachments"]] == [
        "1.重大专项申报指南",
        "2.技术就绪度评价标准及细则",
    ]


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("发布时间：2017-03-20 来源：河北新闻网16.12 浏览次数：", "河北新闻网"),
        ("发布时间：2023-12-26 来源： 点击：", None),
    ],
)
def test_an_issue_code_after_a_source_and_an_empty_source(line: str, source: str | None) -> None:
    page = (
        f"<html><body><h1>会议召开</h1><div class='info'>{line}</div>"
        f"<div id='content'>{_PROSE}</div></body></html>"
    )
    assert build_record(page.encode(), "http://example.com/a.html")["source"] == source


def test_a_heading_above_the_text_that_goes_on_from_the_title_tag_is_the_title() -> None:
    """<title> is the site's name alone; the heading above the text (past a date badge and a
    share button) opens with it and goes on: the heading is the headline."""
    body = (
        "<p>为贯彻落实省农业农村厅干部职工大会精神，研究所召开干部职工大会暨党风廉政建设大会。</p>"
        * 4
    )
    page = (
        "<html><head><title>浙江省淡水水产研究所</title></head><body>"
        "<div class='logo'><img src='/logo.png' alt='浙江省淡水水产研究所'></div>"
        "<div class='crumb'><a href='/'>首页</a> >重要信息</div>"
        "<h5>浙江省淡水水产研究所召开干部职工大会暨党风廉政建设大会</h5>"
        "<div class='data'><div class='day'>21</div><div class='year'>2024年02月</div></div>"
        f"<div class='tit'>分享</div><div class='word'>{body}</div>"
        "<div class='foot'>浙江省淡水水产研究所 版权所有</div></body></html>"
    )
    fields = extract_article(page, "https://www.zjfish.org/Talent/Detail/1/2")
    assert fields["title"] == "浙江省淡水水产研究所召开干部职工大会暨党风廉政建设大会"
    assert fields["published_at"] == "2024-02-21"


def test_a_reprints_credit_line_closing_the_text_gives_its_source_and_author() -> None:
    """`来源：澎湃新闻 2017-02-26 15:18 作者：武汉大学历史学院郭伦` after the text: an info line,
    left out of the text, read for the source and the author the page gives nowhere else."""
    body = "<p>武汉大学历史学院的谢贵安教授做客湖北国学大讲堂，做了题为帝师张居正的讲座。</p>" * 4
    page = (
        "<html><head><title>谢贵安：张居正对万历皇帝的儒学教育</title></head><body>"
        "<h1>谢贵安：张居正对万历皇帝的儒学教育</h1><p>发布时间：2017-04-06 17:46</p>"
        f"<div class='v_news_content'>{body}"
        "<p>来源：澎湃新闻 2017-02-26 15:18 作者：武汉大学历史学院郭伦</p>"
        "<p>（本文经澎湃新闻授权转载）</p></div></body></html>"
    )
    record = build_record(page, "http://guoxue.whu.edu.cn/info/1012/1873.htm")
    assert (record["source"], record["authors"]) == ("澎湃新闻", ["郭伦"])
    assert "来源：澎湃新闻" not in record["text"]
    assert record["published_at"] == "2017-04-06T17:46:00+08:00"  # the page's, not the credit's


def test_a_page_parsed_from_its_utf8_bytes_is_the_tree_of_its_text() -> None:
    """The spider hands a UTF-8 page's own bytes to the parser (no second encoding); the tree
    is the one its text gives, a BOM and surrounding blank lines included."""
    from lxml import etree

    from crawler.page.extraction import parse_html

    pages = sorted((Path(__file__).parent / "realarticles").glob("*/*/page.html"))
    compared = 0
    for path in pages:
        raw = path.read_bytes()
        decoded = decode_page(raw, None)
        if decoded.encoding != "utf-8" or b"\x00" in raw or "\ufffd" in decoded.text:
            continue
        for body in (raw, b"\xef\xbb\xbf\n" + raw + b"\n\n"):
            ours = etree.tostring(parse_html("", body))  # the bytes alone are read
            assert ours == etree.tostring(parse_html(decoded.text)), path
        compared += 1
    assert compared >= 50


def test_a_one_sentence_notice_in_its_container_under_a_disclosure_table() -> None:
    """A 信息公开 page whose notice is one sentence in the CMS's body block (#Zoom), under a
    table of the record's fields whose 内容概述 repeats it: the text is the block's sentence,
    not the table's rows; the issuer's office keeps its bracketed part."""
    sentence = "经本单位核实，我县2020年第二季度无投诉处理情况，特此说明。"
    fields = (
        "<table><tr><td>索 引 号：</td><td>003173986/202007-00106</td><td>关 键 词：</td>"
        "<td>关于我县2020年第二季度投诉处理情况的说明</td></tr>"
        "<tr><td>发布机构：</td><td>县政府（办公室）</td><td>生成日期：</td>"
        "<td>2020-07-03 18:42:39</td></tr>"
        "<tr><td>信息来源：</td><td>县政府（办公室）</td><td>组配分类：</td><td>投诉与监督检查</td></tr>"
        f"<tr><td>内容概述：</td><td colspan='3'>{sentence}</td></tr></table>"
    )
    page = (
        "<html><head><title>关于我县2020年第二季度投诉处理情况的说明-某某县人民政府</title></head>"
        f"<body><div class='content'>{fields}<table><tr><td><h3>关于我县2020年第二季度投诉处理"
        f"情况的说明</h3></td></tr><tr><td id='Zoom'><div><p>{sentence}</p></div></td></tr>"
        "</table></div></body></html>"
    )
    fields_read = _fields(page)
    assert fields_read["text"] == sentence
    assert fields_read["title"] == "关于我县2020年第二季度投诉处理情况的说明"
    assert fields_read["source"] == "县政府（办公室）"


def test_a_file_link_showing_its_stored_name_is_titled_by_its_title_attribute() -> None:
    """A CMS showing the name it stored a file under (`f95099a0….doc`) with the file's own in
    the link's title: the attachment is titled by the title; a link's own words stay."""
    links = (
        "<p><a href='/d/file/f95099a0bb51a886d3154f2b6bd33e44.doc' title='附件：实施方案.doc'>"
        "f95099a0bb51a886d3154f2b6bd33e44.doc</a></p>"
        "<p><a href='/d/file/P020200828589762468721.pdf'>P020200828589762468721.pdf</a></p>"
        "<p><a href='/d/file/2.xls' title='别的名字'>工作台账.xls</a></p>"
    )
    html = f"<html><body><h1>标题</h1><div id='content'>{_PROSE}{links}</div></body></html>"
    assert [a["title"] for a in _fields(html)["attachments"]] == [
        "附件：实施方案.doc", "P020200828589762468721.pdf", "工作台账.xls",
    ]  # fmt: skip


def test_a_credit_under_the_last_picture_is_no_caption() -> None:
    """`赵豪 文/图` centred under a report's last picture credits the text (its reporter), not
    the picture; a caption there stays the picture's."""
    pictures = "".join(
        f"<p style='text-align:center'><img src='/u/{n}.jpg'></p>"
        f"<p style='text-align:center'>{caption}</p>"
        for n, caption in enumerate(("大会现场", "\u2002\u2002赵豪\u2002\u2002文/图"), 1)
    )
    html = (
        f"<html><body><h1>我院第一次团代会胜利召开</h1><div>{_PROSE}{pictures}</div></body></html>"
    )
    fields = _fields(html)
    assert [image["caption"] for image in fields["images"]] == ["大会现场", None]
    record = normalize_record(fields)
    assert record["reporters"] == ["赵豪"] and "文/图" not in record["text"]


def test_a_headline_opening_with_a_reprints_kicker_reads_as_one() -> None:
    """`【人民日报】中国福彩33年筹措公益资金超6500亿`: a kicker in brackets opening a headline
    is the headline's; a row of bracketed widgets is none."""
    assert md.reads_like_post_heading("【人民日报】中国福彩33年筹措公益资金超6500亿")
    assert not md.reads_like_post_heading("【打印本页】【关闭窗口】")
    assert not md.reads_like_post_heading("【字体：大 中 小】")


def test_a_headline_naming_a_field_in_words_stands_for_one() -> None:
    """A line naming a disclosure field in words (`…垃圾分类…`, `…文号…`) may be a headline;
    a field's label (`索 引 号：…`) or a row of field names may not."""
    assert md.stands_for_headline("关于推进生活垃圾分类工作的通知")
    assert md.stands_for_headline("关于规范行政规范性文件文号的通知")
    assert not md.stands_for_headline("索 引 号： 003173986/202007-00106 关 键 词： 关于…的说明")
    assert not md.stands_for_headline("索取号 发布时间 发布机构 文件编号")


def test_what_follows_an_included_headers_closing_html_is_in_the_body() -> None:
    """An included header closing `</html>` mid-page: libxml2 starts a second <html> beside
    the root; the tree has one root, its <body> holding the article after the header as a
    browser shows it, its <head> the second page's meta tags."""
    from crawler.page.extraction import parse_html

    page = (
        "<html><head><title>标题</title></head><body><div class='nav'>首页</div></body></html>"
        "<!--end header--><html><head><meta name='ArticleTitle' content='标题'></head>"
        f"<body><div id='content'>{_PROSE}</div></body></html><div class='footer'>页脚</div>"
    )
    root = parse_html(page)
    assert root.getnext() is None
    body = root.find("body")
    assert body is not None and "".join(body.itertext()).startswith("首页")
    assert "第5段" in "".join(body.itertext()) and "页脚" in "".join(body.itertext())
    assert root.find("head/meta[@name='ArticleTitle']") is not None
    assert [e.tag for e in root.iter("html", "head", "body")] == ["html", "head", "body"]


def test_a_title_field_joining_the_sites_name_gives_the_headline_the_page_shows() -> None:
    """`ArticleTitle` = `保定市人民政府网——<headline>`, the page showing the headline alone in a
    cell: the headline. The trail's bold label above it (`当前位置：`) is never a heading."""
    head = (
        "<meta name='SiteName' content='保定市人民政府网'>"
        "<meta name='ArticleTitle' content='保定市人民政府网——全市优化招商引资环境情况发布'>"
        "<title>保定市人民政府网——全市优化招商引资环境情况发布</title>"
    )
    trail = (
        "<table><tr><td><font style='font-weight:bold'>当前位置：</font>"
        "<a href='.'>首页</a> >> 发布会</td></tr></table>"
    )
    headline = "<table class='sj_bt'><tr><td>全市优化招商引资环境情况发布</td></tr></table>"
    page = (
        f"<html><head>{head}</head><body>{trail}{headline}"
        f"<table><tr><td>发布时间：2021-04-07</td></tr></table><div id='content'>{_PROSE}</div>"
        "</body></html>"
    )
    assert _fields(page)["title"] == "全市优化招商引资环境情况发布"
    for label in ("当前位置：", "您的位置:", "来源：", "发布时间："):
        assert not reads_like_post_heading(label), label
    assert reads_like_post_heading("评老冒：做最好的和最cool的东西？")


_ANGULAR_STYLE = (
    '<style>@charset "UTF-8";[ng\\:cloak],[ng-cloak],.ng-cloak,'
    ".ng-hide:not(.ng-hide-animate){display:none !important;}</style>"
    "<style>.content{display:none}</style>"
)


def test_the_block_a_template_fills_with_the_document_is_its_body() -> None:
    """An AngularJS page saved as rendered: the document's HTML bound into a block
    (`ng-bind-html`) of tiny table cells with no punctuation, a hidden second copy, a prose
    panel of the site's menu beside it, and `.content{display:none}` in the page's style that
    the block's own `display: block` overrides."""
    menu = "".join(
        f"<p>{n}、依法对金融业实行统一监督管理，强化机构监管、行为监管、功能监管，维护金融业合法稳健运行。</p>"
        for n in "一二三四"
    )
    cells = "".join(
        f"<tr><td>{n}</td><td>某某保险股份有限公司第{n}分公司</td><td>编制虚假的报告报表</td>"
        f"<td>罚款{n}0万元</td></tr>"
        for n in range(1, 9)
    )
    bound = f"<div ng-bind-html='data.docClob|trustHtml'><table>{cells}</table></div>"
    page = (
        f"<html><head>{_ANGULAR_STYLE}<title>行政处罚信息公开表</title></head><body>"
        f"<div class='nav'><div class='panel active'>{menu}</div></div>"
        f"<div class='content' style='display: block;'><h1>行政处罚信息公开表</h1>{bound}</div>"
        f"<div class='content ng-hide'>{bound.replace('某某', '另一')}</div>"
        "</body></html>"
    )
    text = _fields(page)["text"]
    assert "某某保险股份有限公司第8分公司" in text and "罚款80万元" in text
    assert "另一保险" not in text and "依法对金融业实行统一监督管理" not in text
    assert {"ng-hide", "ng-cloak", "content"} <= hidden_names(
        lxml.html.fromstring(page).xpath("//style")
    )


def test_a_block_whose_own_style_shows_it_is_read_though_a_class_rule_hides_its_class() -> None:
    """`.content{display:none}` in the page's style, `<section class=content
    style="display:block">` (a script showed it): the article is read, not only the blurb below."""
    prose = "".join(
        f"<p>会议指出，第{n}项重点工作进展顺利，各部门要进一步压实责任，确保任务按期完成。</p>"
        for n in range(1, 6)
    )
    page = (
        f"<html><head>{_ANGULAR_STYLE}<title>全市重点工作推进会召开</title></head><body>"
        f"<h1>全市重点工作推进会召开</h1><section class='content' style='display:block'>{prose}"
        "</section><div class='about'><p>本网站由市政府办公室主办，提供政务信息公开、"
        "办事服务和互动交流，欢迎社会各界监督。</p></div></body></html>"
    )
    assert "第5项重点工作进展顺利" in _fields(page)["text"]


def test_a_body_element_named_like_a_container_names_the_page_not_the_article() -> None:
    """`<body id="detail">` (the template's page type): the site's header slogan above the
    article is no body; an empty 来源 before the 【打印】 button gives no source."""
    prose = "".join(
        f"<p>某某项目管理公司受采购人委托，就第{n}标段项目组织竞争性谈判，现将成交结果公告如下。</p>"
        for n in range(1, 5)
    )
    page = (
        "<html><head><title>某县第一标段成交公告</title></head><body id='detail'>"
        "<div class='top'><p>财政部唯一指定政府采购信息网络发布媒体 国家级政府采购专业网站"
        "</p></div>"
        "<h2>某县第一标段成交公告</h2><p>2021年06月10日 17:35 来源：<span></span> "
        f"【<span>打印</span>】</p><div class='notice'>{prose}</div></body></html>"
    )
    fields = _fields(page)
    assert "第4标段项目组织竞争性谈判" in fields["text"]
    assert "唯一指定" not in fields["text"] and fields["source"] is None
    assert parse_info_line("2021年06月10日 17:35 来源： 【打印】")[1] is None


_TEXT = "<p>" + "区政府召开常务会议，研究部署下一阶段的重点工作，要求各部门抓好落实。" * 3 + "</p>"


@pytest.mark.parametrize(
    "sidebar_first",
    [True, False],
    ids=["sidebar-before-the-headline", "sidebar-after-the-text"],
)
def test_a_title_tag_naming_only_the_site_gives_way_to_the_headline_above_the_text(
    sidebar_first: bool,
) -> None:
    """<title> names only the site and a sidebar's heading tag (`<h3>友情链接</h3>`) outranks
    the title-named block by its tag: the headline is the title-named block nearest above the
    text, wherever the sidebar stands."""
    sidebar = '<div class="side"><h3>友情链接</h3><ul><li><a href="/a">省政府</a></li></ul></div>'
    html = (
        "<html><head><title>某某区人民政府</title></head><body>"
        + (sidebar if sidebar_first else "")
        + '<div class="main"><div class="title">区政府召开第十二次常务会议研究部署重点工作</div>'
        + f'<div class="content">{_TEXT}</div></div>'
        + ("" if sidebar_first else sidebar)
        + "</body></html>"
    )
    record = extract_article(html, URL)
    assert record["title"] == "区政府召开第十二次常务会议研究部署重点工作"
    assert "友情链接" not in record["text"]


@pytest.mark.parametrize(
    ("title_tag", "above", "headline"),
    [
        # an <h2> headline above the text stays the title when a summary table's label cells,
        # named `title` by the CMS (`<td class="title">采购项目名称</td>`), stand nearer the text
        (
            "中国政府采购网",
            "<h2>某县公路建设养护中心安防工程十标段成交公告</h2>"
            '<table><tr><td class="title">采购项目名称</td><td>安防工程十标</td></tr></table>',
            "某县公路建设养护中心安防工程十标段成交公告",
        ),
        # a title-named block holding the headline and its info line, with a <title> the page
        # never shows: the block's first part
        (
            "某某科普网",
            '<div class="news-title"><div>习近平主持召开深入推进长三角一体化发展座谈会</div>'
            "<span>来源：新华社</span></div>",
            "习近平主持召开深入推进长三角一体化发展座谈会",
        ),
        # a tab menu's heading (`<h3>市直部门镇（街道）</h3>`) and a <title> joining the site's
        # name to the headline by a dash spaced on one side: the part the page shows whole
        (
            "某某市人民政府-\t\t\t某某市教育系统2024年公开招聘事业单位工作人员实施方案",
            "<h3><span>市直部门</span>镇（街道）</h3>"
            "<div>某某市教育系统2024年公开招聘事业单位工作人员实施方案</div>",
            "某某市教育系统2024年公开招聘事业单位工作人员实施方案",
        ),
        # a <title> of the site's name and address alone shows no headline: the heading above
        (
            "某某自治区人民政府门户网站 - www.example.gov.cn",
            "<div>某某自治区人民政府门户网站</div><h1>下六甲灌区工程重要节点全面开工</h1>",
            "下六甲灌区工程重要节点全面开工",
        ),
    ],
    ids=[
        "h2-over-a-nearer-table-label",
        "a-title-block-with-its-info-line",
        "the-titles-headline-shown-whole-over-a-tab-heading",
        "a-title-of-the-sites-name-and-address",
    ],
)
def test_the_headline_above_the_text_when_title_tag_names_the_site(
    title_tag: str, above: str, headline: str
) -> None:
    html = (
        f"<html><head><title>{title_tag}</title></head><body>{above}"
        f'<div class="content">{_TEXT}</div></body></html>'
    )
    assert extract_article(html, URL)["title"] == headline


def test_reaction_buttons_with_counts_a_sign_in_prompt_and_a_copyright_notice_end_no_text() -> None:
    """A page of class names no CMS uses, so the run of text decides: the digg buttons (`顶`,
    `踩 3`), `评论 0`, a prompt to sign in before commenting and a newspaper's copyright notice
    (`反侵权公告：` and its clauses) after the text are left out; words about comments and
    copyright in the text stay."""
    kept = (
        "<p>本报评论员文章指出，保护著作权就是保护创新，应当依法打击侵权转载行为。</p>"
        "<p>评论 区内的网友留言一律先审后发。</p>"
    )
    tail = (
        "<div class='x7'><span>顶</span></div><div class='x7'><span>踩 3</span></div>"
        "<div class='x8'>评论 0</div>"
        "<div class='x9'>请先<a href='/login'>登录</a>后发表评论～</div>"
        "<div class='x10'><p>反侵权公告：</p><p>根据《中华人民共和国著作权法》等法律法规，未经书面"
        "许可，擅自转载本报社作品的，将涉嫌侵犯著作权人合法权益。本报社郑重公告：</p>"
        "<p>一、任何单位或个人使用本报社的原创内容，必须事先取得本报社书面授权；</p></div>"
    )
    page = (
        "<html><head><title>某市召开会议_某某日报</title></head><body>"
        f"<div class='x1'><h1>某市召开会议</h1><div class='x2'>{_PROSE}{kept}</div>{tail}</div>"
        "</body></html>"
    )
    text = build_record(page.encode(), "http://example.com/a.html")["text"]
    assert "第5段" in text and "保护著作权就是保护创新" in text and "评论 区内的网友留言" in text
    for line in ("顶\n", "踩", "评论 0", "发表评论", "反侵权公告", "郑重公告", "书面授权"):
        assert line not in text, line


def test_a_page_without_title_tag_whose_text_opens_with_a_centered_headline_has_that_title() -> (
    None
):
    """No <title>, no heading element, class names no CMS uses: the text's run opens with the
    headline in a centered cell, which is the title (a record without one would be dropped)
    and not a line of the text."""
    headline = "余政储出【2017】14、15号国有建设用地使用权挂牌出让公告"
    page = (
        "<html><body><table class='q1'><tr><td>当前位置：<a href='/'>首页</a> &gt; 公告公示"
        "</td></tr></table><table class='q2'>"
        f"<tr><td class='q3' align='center'>{headline}</td></tr>"
        f"<tr><td class='q4'>{_PROSE}</td></tr></table></body></html>"
    )
    record = build_record(page.encode(), "http://example.gov.cn/gggs/t20170803_1.html")
    assert record["title"] == headline
    assert record["text"].startswith("第0段")


def test_a_title_tag_every_heading_opens_with_is_the_sites_name_not_the_headline() -> None:
    """<title> is the site's name, which the headlines of a menu's linked items open with too:
    none of them is the title because it holds <title>; the headline above the text is."""
    menu = "".join(
        f'<li><span class="title"><a href="/{i}.html">国家金融监督管理总局{words}</a></span></li>'
        for i, words in enumerate(
            ("有关司局负责人就《银行保险机构资产管理产品信息披露管理办法（征求意见稿）》答记者问",
             "等八部门联合印发《支持小微企业融资的若干措施》")
        )
    )  # fmt: skip
    headline = "国家金融监督管理总局浙江监管局行政处罚信息公开表（浙金罚决字〔2024〕52号）"
    page = (
        "<html><head><title>国家金融监督管理总局</title></head><body>"
        f"<div class='menu'><ul>{menu}</ul></div>"
        f"<div class='wenzhang-title'>{headline}</div>"
        f"<div class='wenzhang-content'>{_PROSE}</div></body></html>"
    )
    assert extract_article(page, URL)["title"] == headline


def test_a_notices_addressees_stay_and_an_unlabelled_stamp_and_source_at_the_top_go() -> None:
    """Class names no CMS uses, so the run of text decides: the addressees a notice opens with
    (`各二级学院学生会：`) are its first line; the site's name with its address and the bare
    time above them are the top's stamp, not text."""
    page = (
        "<html><head><title>关于开展优秀学生会评选的通知</title></head><body><div class='k1'>"
        "<h1>关于开展优秀学生会评选的通知</h1><div class='k2'>"
        "<p>某某市政府门户网站 www.example.gov.cn</p><p>2022-02-11 09:52</p>"
        f"<p>各二级学院学生会：</p>{_PROSE}</div></div></body></html>"
    )
    text = build_record(page.encode(), "http://example.gov.cn/tzgg/a.html")["text"]
    assert text.startswith("各二级学院学生会：\n第0段")
    assert "www.example.gov.cn" not in text and "09:52" not in text


@pytest.mark.parametrize("title_tag", ["<title>某某市人民政府门户网站</title>", ""])
def test_a_headline_in_a_header_cell_stands_above_a_date_line_that_sets_its_source_apart(
    title_tag: str,
) -> None:
    """An old table layout with no <title> to go by (or one naming only the site): the
    headline is a header cell (`<th>`, bold and centered as browsers draw it), and the line
    under it holds the date and a source set apart in a coloured font, centered like the
    cell. The coloured source is part of a dated line, no headline; a trail's last part
    after its links is none either."""
    headline = "拿出10万元投资房产 小两口尝试以钱生钱"
    page = (
        f"<html><head>{title_tag}</head><body><center>"
        "<div class='q0' style='font-weight:bold'><a href='/'>某某论坛</a> <b>&raquo;</b> "
        f"<a href='/f'>学术前沿</a> <b>&raquo;</b> {headline}</div>"
        "<table class='q1'><tr><th class='q2'><font color='#05006C'>"
        f"{headline}</font></th></tr><tr><td align='center'>http://house.example.com "
        "2005年03月31日03:18 <font color='#A20010'>北京娱乐信报 </font></td></tr>"
        f"<tr><td class='q3'>{_PROSE}</td></tr></table></center></body></html>"
    )
    record = build_record(page.encode(), "http://house.example.com/p/31/068306.html")
    assert record["title"] == headline
    assert record["published_at"] == "2005-03-31T03:18:00+08:00"
    assert "北京娱乐信报" not in record["text"]


def test_neither_a_trail_nor_a_posters_name_beside_the_time_is_a_headline() -> None:
    """A forum's archived thread with no <title>: above the post stand the trail (bold, its
    last part the thread's name after two links) and the poster's bold name beside the time.
    Neither is the title: the poster's name shares a dated line, the trail's words follow
    its links."""
    page = (
        "<html><head></head><body><center>"
        "<div class='q0' style='font-weight:bold'><a href='/'>某某论坛</a> <b>&raquo;</b> "
        "<a href='/f'>学术前沿</a> <b>&raquo;</b> 社会资本与下岗职工的再就业</div>"
        "<div class='q1'><span class='q2'>2003-5-29 09:07</span><b>高山流水</b></div>"
        f"<div class='q3'>{_PROSE}</div></center></body></html>"
    )
    record = build_record(page.encode(), "http://bbs.example.com/archiver/?tid-1011.html")
    assert record["title"] not in ("高山流水", "社会资本与下岗职工的再就业")
    assert "学术前沿" not in (record["title"] or "")
    assert record["published_at"] == "2003-05-29T09:07:00+08:00"


def test_a_notice_keeps_its_closing_formula_and_a_signature_dated_in_words() -> None:
    """A county site's notice pasted from a word processor, in a block no CMS names: after
    its one paragraph come a number to call written with a long dash (`0377—65157888`),
    `特此公告！`, and the signature, the issuer's name over a date in figures of words
    (`二〇一八年四月十九日`). All are the notice's; the editor's line under it is not."""
    page = (
        "<html><head><title>景区开漂公告-某某县人民政府</title></head><body>"
        "<div class='q1'><h1 class='title'>某某峡谷漂流景区开漂公告</h1>"
        "<p class='q2'><span>2018-04-19 17:32:17</span> <span>来源：某某县政府网站</span></p>"
        "<div class='q3'><p><b>某某峡谷漂流兹定于2018年5月1日正式对外开漂运营，热诚欢迎社会各界"
        "新老朋友前来激情漂流，体验大自然赋予的鬼斧神工，也给您炎热夏季开一个好兆头。</b></p>"
        "<p><b>详情请咨询：13733127888 &nbsp;&nbsp;0377—65157888</b></p>"
        "<p><b>特此公告！</b></p><p>&nbsp;</p>"
        "<p align='right'><b>某某峡谷漂流有限公司</b></p>"
        "<p align='right'><b>二〇一八年四月十九日</b></p></div>"
        "<p class='q4'>责任编辑：管理员</p></div></body></html>"
    )
    text = build_record(page.encode(), "http://www.example.gov.cn/a/1.html")["text"]
    for line in ("0377—65157888", "特此公告！", "某某峡谷漂流有限公司", "二〇一八年四月十九日"):
        assert line in text, line
    assert "责任编辑" not in text


def test_a_disclosure_rows_generation_date_gives_way_to_the_date_published() -> None:
    """No meta tags: under the headline a 信息公开 table dates the document (`生成日期`,
    among `信息索引` and `发文机构`), and the info line below gives when it was published
    (`发布日期`) and its source, followed by a download link. The date published and the
    source without the link's word are the record's."""
    page = (
        "<html><head><title>关于举办宣传教育活动的通知 - 某某部门户网站</title></head><body>"
        "<table class='q1'><tr><td colspan='6'>关于举办宣传教育活动的通知</td></tr>"
        "<tr><td>信息索引：</td><td>360A12-07-2024-0008-1</td><td>生成日期：</td>"
        "<td>2024-06-04</td><td>发文机构：</td><td>某某部办公厅</td></tr></table>"
        "<h1>关于举办宣传教育活动的通知</h1>"
        "<div class='q2'>发布日期：2024-06-13 来源：某某部 <a href='javascript:;'>下载</a> "
        "<span>收藏</span></div>"
        f"<div class='q3'>{_PROSE}</div></body></html>"
    )
    record = build_record(page.encode(), "http://www.example.gov.cn/srcsite/a.html")
    assert record["published_at"] == "2024-06-13"
    assert record["source"] == "某某部"


def test_a_headline_that_sets_its_date_apart_in_a_child_is_the_title_without_it() -> None:
    """No meta tags; the heading holds the headline and, at its end, the date in an element of
    its own (`<small>( 2024-05-11)</small>`): the title is the words alone."""
    headline = "关于开展2024年“世界家庭医生日”主题宣传活动的通知"
    page = (
        f"<html><head><title>{headline}__某某市卫生健康委员会</title></head><body>"
        f"<div class='q1'><h2 class='q2'>{headline} <small class='q3'>( 2024-05-11)</small>"
        f"</h2><div class='q4'>{_PROSE}</div></div></body></html>"
    )
    record = build_record(page.encode(), "http://wsjkw.example.gov.cn/jcws2/20240511/a.html")
    assert record["title"] == headline
    assert record["published_at"] == "2024-05-11"


def test_a_title_tag_naming_a_government_the_page_also_shows_gives_way_to_the_headline() -> None:
    """<title> is the government's name alone, which the banner shows too (so the page
    "shows" it); no meta tags, no heading element: the headline is the large centered line
    right above the text."""
    headline = "“学书法晒快乐”书法培训"
    page = (
        "<html><head><title>北京市某某区人民政府\n    </title></head><body>"
        "<div class='q0'><span>北京市某某区人民政府</span></div>"
        "<div class='q1'><div style='text-align: center;font-size: 28px'>"
        f"{headline}</div><div class='q2'>{_PROSE}</div></div></body></html>"
    )
    record = build_record(page.encode(), "http://www.example.gov.cn/fw/a.html")
    assert record["title"] == headline


def test_contact_lines_closing_a_notice_and_a_note_under_its_signature_are_kept() -> None:
    """Blocks no CMS names. A recruitment plan closes with two numbers to call, beside its last
    paragraph, and then its attachment's link: both numbers are the text's, signature or not.
    A notice signed and dated closes with a note in brackets (`（本文有删减）`), the text's too;
    the attachment's link and the page's footer are not."""
    plan = (
        "<html><head><title>招聘实施方案</title></head><body><div class='q1'>"
        f"<h1>招聘实施方案</h1><div class='q2'>{_PROSE}"
        "<p><strong>咨询电话：0855-8225253、0855-8223107 </strong></p>"
        "<p><strong>监督电话：0855-8222559</strong></p>"
        "<p><a href='./P0202406.xlsx'>附件1：岗位及要求一览表.xlsx</a></p></div></div>"
        "<div class='q9'>地址：某某市某某路1号 电话：0855-8000000</div></body></html>"
    )
    text = build_record(plan.encode(), "http://www.example.gov.cn/a/1.html")["text"]
    assert "咨询电话：0855-8225253" in text and "监督电话：0855-8222559" in text
    assert "一览表" not in text and "0855-8000000" not in text
    notice = (
        "<html><head><title>关于印发实施方案的通知</title></head><body><div class='q1'>"
        f"<h1>关于印发实施方案的通知</h1><div class='q2'>{_PROSE}"
        "<div style='text-align: center;'><span>国家发展改革委</span></div>"
        "<div style='text-align: center;'><span>2026年8月18日</span></div><br>"
        "<span>（本文有删减）</span><br></div></div>"
        "<div class='q9'>（网站维护：某某中心）</div></body></html>"
    )
    text = build_record(notice.encode(), "http://www.example.gov.cn/a/2.html")["text"]
    assert text.endswith("2026年8月18日\n（本文有删减）")


def test_an_article_hidden_until_its_script_shows_it_is_the_text_a_hidden_block_is_not() -> None:
    """A reposted WeChat article whose block carries no name we know: the page hides it with
    `visibility: hidden` until its script has set it up, so the paragraphs in it are the text.
    A block taken off the page (`display: none`), prose or not, stays out."""
    page = (
        "<html><head><title>绥德：33名退役军人被表彰</title></head><body>"
        "<div class='q1'><h1 class='q2'>绥德：33名退役军人被表彰</h1>"
        "<div class='q3'><span>绥德县退役军人事务局</span> <em>2022-07-30 18:02</em></div>"
        f"<div class='q4' style='visibility: hidden;'>{_PROSE}</div>"
        "<div class='q5' style='display:none'><p>澳门葡京赌场官网，在线注册即送彩金，"
        "真人百家乐、老虎机天天返水，是您最好的娱乐选择。</p>"
        "<p>澳门葡京赌场官网，在线注册即送彩金，真人百家乐、老虎机天天返水。</p>"
        "<p>澳门葡京赌场官网，在线注册即送彩金，真人百家乐、老虎机天天返水。</p></div>"
        "<p class='q6'>会议强调，要大力开展最美退役军人评选表彰活动。</p></div></body></html>"
    )
    text = build_record(page.encode(), "https://mp.weixin.qq.com/s/abc")["text"]
    assert "第0段" in text and "第5段" in text
    assert "葡京" not in text


def test_a_readers_count_and_an_empty_tag_field_after_the_text_are_left_out() -> None:
    """The page's lines that a run may take in after the text (`阅读 539` in the footer's
    row, an empty `标签：`) go, so that the credit closing the last paragraph is the text's
    last words again; a line of the text that speaks of reading stays."""
    last = "本次活动面向广大网民，宣传基础金融知识和风险防范技能。(文/图 刘玺东 易赛楠)"
    for tail in (["阅读 539", "标签："], ["浏览(1,024)次"], ["阅读数：12", "关键词"]):
        assert _without_page_tail(["第一段。", last, *tail]) == ["第一段。", last]
    kept = ["第一段。", "阅读 539 次后，他写下了读后感。"]
    assert _without_page_tail(kept) == kept


def test_a_financial_outlets_disclaimer_closing_the_text_is_left_out() -> None:
    """Blocks no CMS names; under the article the outlet's standing disclaimer, with a label
    no 免责 word opens (`声明：…不构成实质性投资建议，据此操作风险自担。`), is no line of it."""
    page = (
        "<html><head><title>两市成交额突破万亿</title></head><body><div>"
        f"<h1>两市成交额突破万亿</h1><div>{_PROSE}</div>"
        "<div><p>声明：某某时报力求信息真实、准确，文章提及内容仅供参考，不构成实质性投资建议，"
        "据此操作风险自担。</p></div></div></body></html>"
    )
    text = build_record(page.encode(), "http://www.example.com/news/1.html")["text"]
    assert "第5段" in text and "声明" not in text


def test_a_reprint_disclaimer_over_the_closing_byline_is_left_out() -> None:
    """A site's standing reprint disclaimer (`声明：本网转载此文出于传递更多信息之目的…`) goes
    though the short byline closing the article stands under it; the byline stays."""
    page = (
        "<html><head><title>两市成交额突破万亿</title></head><body><div>"
        f"<h1>两市成交额突破万亿</h1><div>{_PROSE}<p>声明：本网转载此文出于传递更多信息之目的，"
        "并不意味着赞同其观点或证实其描述。</p><p>[作者: 刘满仓 责任编辑: 杨丹宇 ]</p></div>"
        "</div></body></html>"
    )
    record = build_record(page.encode(), "http://www.example.com/news/1.html")
    assert "第5段" in record["text"] and "声明" not in record["text"]
    assert "刘满仓" in record["authors"]


def test_a_pictures_rights_note_inside_the_text_does_not_end_it() -> None:
    """`（图片来源网络，版权归原作者所有）` under a picture in the middle of a text is no
    disclaimer closing it: the paragraphs after it stay."""
    page = (
        "<html><head><title>两市成交额突破万亿</title></head><body><h1>两市成交额突破万亿</h1>"
        f"<div class='article'>{_PROSE}<p><img src='/a.jpg'></p><p>（图片来源网络，版权归原作者"
        f"所有）</p>{_PROSE.replace('第', '后')}</div></body></html>"
    )
    text = build_record(page.encode(), "http://www.example.com/news/1.html")["text"]
    assert "第5段" in text and "后5段" in text


def test_an_author_label_set_apart_by_a_space_names_the_author() -> None:
    """`《棱镜》作者 周纯` in a line of its own under the summary that opens the text, no colon
    after the label: the author's name is read."""
    summary = "".join(
        f"<li>第{i}条摘要：数据公司很容易触碰法律红线，触及侵犯公民个人信息罪的问题。</li>"
        for i in range(3)
    )
    page = (
        "<html><head><title>两市成交额突破万亿</title></head><body><h1>两市成交额突破万亿</h1>"
        f"<div class='article'><ol>{summary}</ol><p>《棱镜》作者 周纯</p>{_PROSE}</div>"
        "</body></html>"
    )
    assert build_record(page.encode(), "http://www.example.com/news/1.html")["authors"] == ["周纯"]


def test_a_menus_current_tab_is_no_heading_before_the_text() -> None:
    """Before a text with no <title> over it: a menu's current tab (an unlinked cell, centered,
    among linked cells) is no heading; a headline of two parts joined by a colon is, when
    joined headlines are read."""
    root = lxml.html.fromstring(
        "<html><body><table><tr align='center'><td><a href='/1'>艺术通史</a></td>"
        "<td><a href='/2'>作品赏析</a></td><td><font color='#FFFFFF'>艺术史年表</font></td>"
        "<td><a href='/3'>相关专题</a></td></tr></table><table><tr><td align='center'><b>"
        "<font size='3'>茉莉：我是怎样卷入八九民运的</font></b></td></tr>"
        f"<tr><td id='text'>{_PROSE}</td></tr></table></body></html>"
    )
    container = root.get_element_by_id("text")
    assert heading_before(container)[0] is None
    assert heading_before(container, joined=True)[0] == "茉莉：我是怎样卷入八九民运的"


_SITE_BANNER = (
    "<div class='logo'><img src='/images/logo.png' alt='唐山教育网'></div>"
    "<p>您现在的位置： 首页 &gt;&gt; 通知公告</p>"
)


@pytest.mark.parametrize(
    "byline",
    ["", "<div>作者：东北林业大学马克思主义学院 汪金英</div>"],
)
def test_a_headline_no_heading_tag_marks_set_over_its_info_line_is_the_title(byline: str) -> None:
    """<title> names only the site (`唐山教育网`, which no site-name ending marks), and the
    headline is a plain block right above the info line (an author's line may follow it): the
    headline is the title, the info line no part of the text."""
    page = (
        "<html><head><title>唐山教育网</title></head><body>"
        f"{_SITE_BANNER}<div class='content'><div>关于组建唐山市社区教育专家库的通知</div>"
        "<div class='time'>浏览次数：2355 发布时间：2018年07月02日</div>"
        f"{byline}<div class='ct'>{_PROSE}</div></div></body></html>"
    )
    record = build_record(page.encode(), "http://www.example.com/tzgg/2018/0702/1.html")
    assert record["title"] == "关于组建唐山市社区教育专家库的通知"
    assert record["published_at"].startswith("2018-07-02")
    assert "专家库的通知" not in record["text"] and "浏览次数" not in record["text"]


def test_a_title_block_of_the_headline_and_its_info_line_gives_the_headline() -> None:
    """`<div class=text-title>` holds the headline (no heading tag) and the info line after
    it: the title is the headline alone, and the info line still gives the date and source."""
    page = (
        "<html><head><title>中法经贸合作广度深度不断拓展_中国_法国</title>"
        "<meta property='og:title' content='中法经贸合作广度深度不断拓展_中国_法国'></head><body>"
        "<div class='text-title'><div>中法经贸合作广度深度不断拓展</div><div class='article-info'>"
        "<span>2024-05-13 06:15</span> <span>来源：经济日报</span></div></div>"
        f"<article>{_PROSE}</article></body></html>"
    )
    record = build_record(page.encode(), "http://www.example.com/a/790000.html")
    assert record["title"] == "中法经贸合作广度深度不断拓展"
    assert record["published_at"].startswith("2024-05-13T06:15")
    assert record["source"] == "经济日报"


def test_neither_a_trail_nor_a_footers_named_title_is_the_headline_over_the_info_line() -> None:
    """<title> gives a column and the site (`新闻动态--中国地理学会官网`); blocks named titles
    hold a trail from the home page and a footer's `友情链接`: the headline is the block over
    the info line, though no heading tag marks it."""
    page = (
        "<html><head><title>新闻动态--中国地理学会官网</title></head><body>"
        "<div class='title_la'><div>首页 - 新闻动态</div></div>"
        "<div class='xq_fonts'><div>2019年中国人文地理学术年会在重庆•西南大学成功举行！</div>"
        "<div class='ly'><b>发布时间：2019-05-18</b> <i>来源：中国地理学会</i></div>"
        f"<div class='detailCon'>{_PROSE}</div></div>"
        "<div class='foot'><div class='title_yq'>友情链接 / Friendship link</div>"
        "<a href='http://www.example.org/'>某某学会</a></div></body></html>"
    )
    record = build_record(page.encode(), "http://www.example.org/news/1.html")
    assert record["title"] == "2019年中国人文地理学术年会在重庆•西南大学成功举行！"
    assert record["source"] == "中国地理学会"


def test_the_headline_over_the_info_line_past_an_empty_subtitle_slot() -> None:
    """A hospital's table layout: <title> is the site's name, the headline a `div` whose next
    element is an empty subtitle slot (`<div class="z1"><strong></strong></div>`), then the
    info line; the slot shows nothing, so the headline still stands over the info line."""
    page = (
        "<html><head><title>某某大学附属医院</title></head><body>"
        "<table><tr><td><div class='w'>医院开设国内首个跨学科联合门诊</div>"
        "<div class='z1'><strong></strong></div>"
        "<div><div>发布时间：2021-11-09&nbsp;&nbsp; 发布人：内分泌科</div></div></td></tr></table>"
        f"<table><tr><td>{_PROSE}</td></tr></table>"
        "<div>版权所有：某某大学附属医院</div></body></html>"
    )
    record = build_record(page.encode(), "http://www.example.org.cn/news/1.html")
    assert record["title"] == "医院开设国内首个跨学科联合门诊"
    assert record["published_at"] == "2021-11-09"


def test_a_title_tag_shown_whole_under_a_heading_naming_the_column_is_the_headline() -> None:
    """`<h2>焦點新聞</h2>` (the column) over a `<td>` showing the whole <title>, a headline
    with a dash of its own and no site's name: the <title> is the headline. A <title> that is
    only the headline's first line, or the site's name, shown alone, never replaces it."""
    page = (
        "<html><head><title>理解包容跨性別青少年-以關心陪伴開拓自信人生</title></head><body>"
        "<div class='title'><h2>焦點新聞</h2></div>"
        "<table><tr><td>理解包容跨性別青少年-以關心陪伴開拓自信人生</td>"
        "<td><a href='#'>列印</a></td></tr></table>"
        f"<div class='data_midlle_news_box02'>{_PROSE}</div></body></html>"
    )
    record = build_record(page.encode(), "https://www.example.gov.tw/News_Content.aspx?n=1")
    assert record["title"] == "理解包容跨性别青少年-以关心陪伴开拓自信人生"
    first_line = (
        "<html><head><title>“厕所革命”改善农牧区人居环境</title></head><body>"
        "<div class='totalTitle'><h2 id='Title'>“厕所革命”改善农牧区人居环境</h2>\n"
        "<p class='subtitle' id='SubTitle'>去年改造户用卫生厕所4.66万座</p></div>"
        f"<div id='content'>{_PROSE}</div></body></html>"
    )
    record = build_record(first_line.encode(), "http://www.example.gov.cn/a/1.html")
    assert record["title"] == "“厕所革命”改善农牧区人居环境 去年改造户用卫生厕所4.66万座"


def test_a_main_column_a_sticky_sidebar_script_names_a_sidebar_is_the_body() -> None:
    """A Bootstrap theme whose sticky-column script names both columns (`col-lg-9
    sticky-sidebar-wrap`, the wide one holding the article): a grid column two thirds wide is
    the main column, so its text is the body, not a translate widget's sentence elsewhere. The
    container's trail to the headline, the headline and its bare date over the text are not."""
    lines = "".join(
        f"<div><span style='font-size:24px'>{text}</span></div>"
        for text in (
            "跨性别荷尔蒙治疗的关键原则是尽可能地达到与个人所认同之性别环境，以减缓性别不安。",
            "女性荷尔蒙经常会跟抗男性荷尔蒙一起使用，外源性女性荷尔蒙会对脑下垂体产生负回馈。",
            "每次回诊均需要追踪雌二醇及睾固酮浓度，第一年每三个月监测一次有无不良反应。",
            "根据全民健保的使用适应症尚未纳入于相关治疗当中，因此目前药物的使用上仍需自费。",
        )
    )
    page = (
        "<html><head><title>跨性别女性化荷尔蒙疗法</title></head><body>"
        "<span style='font-size:15px'>To translate the website, click the Google Translate "
        "button at the top.</span>"
        "<section id='content'><ol class='breadcrumb'><li><a href='/'>首页</a></li>"
        "<li><a href='/news'>医疗新闻</a></li><li class='active'>跨性别女性化荷尔蒙疗法</li></ol>"
        "<div class='row'><div class='col-lg-3 sidebar'><h3>医疗新闻</h3>"
        "<ul><li><a href='/video'>影片专区</a></li></ul></div>"
        "<div class='col-lg-9 col-12 sticky-sidebar-wrap'>"
        "<div class='main_title'><h2>跨性别女性化荷尔蒙疗法</h2></div>"
        "<div class='article_top_div'><span class='article_time'>2021/12/7</span></div>"
        f"<div class='main_content size'>{lines}</div></div></div></section></body></html>"
    )
    record = build_record(page.encode(), "https://www.example.org.tw/NewsInfo/NewsArticle?no=2176")
    assert record["title"] == "跨性别女性化荷尔蒙疗法"
    assert record["published_at"] == "2021-12-07"
    assert record["text"].startswith("跨性别荷尔蒙治疗的关键原则")
    assert record["text"].endswith("因此目前药物的使用上仍需自费。")
    assert "Translate" not in record["text"] and "医疗新闻" not in record["text"]


def test_a_reporters_line_over_the_text_is_never_the_headline() -> None:
    """A reprinted newspaper page: the <h1> over its info line (`发布时间：…`) is the headline
    though <title> names only the site; the centred `见习记者 庄小琴` right above the text,
    under the paper's furniture, is its byline, not a heading above the text."""
    story = "".join(
        f"<p style='text-indent: 2em;'>第{i}段：很多人以为青春期才有性意识，却发生在孩子身上。</p>"
        for i in range(5)
    )
    page = (
        "<html><head><title>某某市人民政府门户网站</title></head><body>"
        "<div class='crumb'><a href='/'>首页</a> &gt; <a href='/news/list/100'>媒体聚焦</a></div>"
        "<div class='m-newsxq'><h1>啥事不懂的“小屁孩”也会有性意识？</h1>"
        "<div class='info'><span>发布时间：2012-04-26 10:23:27</span> <span>浏览量：38</span>"
        "</div>"
        "<div class='txt'><p style='text-align:center;'>研究发现，儿童很早就会意识到男女有别</p>"
        "<p style='text-align:center;'>2010-07-28</p>"
        "<p style='text-align:center;'>Mental Health 2010年7月28日 星期三 编辑：王越</p>"
        "<p style='text-align:center;'>【欢迎登录城市周刊频道发表您的看法】</p>"
        "<p style='text-align:center;'>见习记者 庄小琴</p>"
        f"{story}</div></div></body></html>"
    )
    record = build_record(page.encode(), "http://www.example.cn/news/default/id/3224/cid/100")
    assert record["title"] == "啥事不懂的“小屁孩”也会有性意识？"
    assert record["reporters"] == ["庄小琴"]


def test_the_headline_row_over_an_info_line_alone_in_its_table() -> None:
    """An old VSB table template: the headline's cell in one row, a row holding only a space,
    then a row whose own table holds the info line alone. With <title> naming only the site,
    the headline is the row above; a byline there (`本报记者 王乐文 方 敏`) never is."""

    def page(headline: str) -> bytes:
        return (
            "<html><head><title>某某市人民政府门户网站</title></head><body><table>"
            f"<tr><td>&nbsp;</td><td class='t'>{headline}</td><td>&nbsp;</td></tr>"
            "<tr><td>&nbsp;</td></tr>"
            "<tr><td><table><tr><td>文章来源：管理学院　发布时间：2020-12-22 09:34:45</td></tr>"
            f"</table></td></tr></table><div class='v_news_content'>{_PROSE}</div></body></html>"
        ).encode()

    headline = "【五中全会·大家谈】第一期：职业教育要为人人尽展其才创造条件"
    record = build_record(page(headline), "http://www.example.cn/info/1024/12857.htm")
    assert record["title"] == headline
    byline = build_record(page("本报记者 王乐文 方 敏"), "http://www.example.cn/info/1.htm")
    assert byline["title"] != "本报记者 王乐文 方 敏"


def test_a_second_heading_of_the_banners_rank_over_the_text_is_the_headline() -> None:
    """A hospital's banner sets its name in an <h1> and the article's headline is a second <h1>
    over the text; with <title> naming only a site, the nearer <h1> is the headline."""
    page = (
        "<html><head><title>某某市人民政府门户网站</title></head><body>"
        "<div class='MobileNav'><span class='menu-icon'></span><h1>北京大学肿瘤医院</h1></div>"
        "<div class='MobileMenu'><ul><li><a href='/'>首 页</a></li>"
        "<li><a href='/Html/News/Main/101.html'>院所概况</a></li></ul></div>"
        "<h1 class='title4'><div>全球肿瘤快讯</div></h1>"
        "<ul id='leftNav'><li><a href='/Html/News/Columns/623/Index.html'>血液系统肿瘤</a></li>"
        "<li><a href='/Html/News/Columns/625/Index.html'>其他肿瘤</a></li></ul>"
        "<div id='content'><div class='contentName'>追踪•新进展</div>"
        "<div class='title'><h1>变性为女性的人群 前列腺癌发病并非以往报道般罕见</h1></div>"
        "<div class='fontSize'><h6><span>发表时间：2023-05-29</span></h6></div>"
        f"<div id='zoom' class='contentText'>{_PROSE}</div></div></body></html>"
    )
    record = build_record(page.encode(), "https://www.example.org/Html/News/Articles/16804.html")
    assert record["title"] == "变性为女性的人群 前列腺癌发病并非以往报道般罕见"


def test_the_headline_over_the_info_line_above_a_cms_container() -> None:
    """A VSB page whose headline is a plain block over `发布日期：…`, outside the CMS's own
    body block (`div.v_news_content`), and a <title> that leaves out its prefix."""
    page = (
        "<html><head><title>“绅派杯”大学生职业生涯规划大赛顺利举办-对外合作部-某某职业学院</title>"
        "</head><body><div class='title'><div>校决赛|“绅派杯”大学生职业生涯规划大赛顺利举办</div>"
        "<p>发布日期：2023-05-18&nbsp;&nbsp;浏览次数：</p></div>"
        f"<div id='vsb_content'><div class='v_news_content'>{_PROSE}</div></div></body></html>"
    )
    record = build_record(page.encode(), "http://www.example.edu.cn/info/1024/5123.htm")
    assert record["title"] == "校决赛|“绅派杯”大学生职业生涯规划大赛顺利举办"
    assert record["published_at"].startswith("2023-05-18")


def test_a_title_tag_writing_a_hyphen_for_the_pages_long_dash_is_the_headline_shown() -> None:
    """<title> writes `-` where the page shows `——` and adds the site after another `-`; the
    headline is what the page shows, and a box beside the article named a title
    (`div.related-title`, `TA的热门作品`) is never it."""
    page = (
        "<html><head><title>积极因素不断增多 “质升量稳”动能增强-前4个月我国外贸向好态势进一步巩固"
        "-今日头条</title></head><body><div class='article-content'>"
        "<div>积极因素不断增多 “质升量稳”动能增强——前4个月我国外贸向好态势进一步巩固</div>"
        "<div class='article-meta'><span>2024-05-09 22:30</span> · <span>新华社</span></div>"
        f"<article>{_PROSE}</article></div><div class='related-title'>TA的热门作品</div>"
        "<ul><li><a href='/a/1'>某某作品标题一</a></li></ul></body></html>"
    )
    record = build_record(page.encode(), "http://www.example.com/article/7366/")
    assert (
        record["title"] == "积极因素不断增多 “质升量稳”动能增强——前4个月我国外贸向好态势进一步巩固"
    )
    assert record["published_at"].startswith("2024-05-09T22:30")


def test_the_heading_of_a_section_after_the_article_is_never_the_title() -> None:
    """No <title>; the headline is a heading in a block named a header (which weighs against
    it: banners are), and another heading heads the related searches set after the text
    (`<h2>相关搜索</h2>`): the headline is the title."""
    page = (
        "<html><head></head><body><div class='anci_header_content'><h2>一袭汉服一架古筝，"
        f"她在异国他乡传播中华文化</h2></div><div class='article'>{_PROSE}</div>"
        "<div class='search-diversion'><h2>相关搜索</h2><ul><li><a href='/s?wd=1'>汉服</a></li>"
        "</ul></div></body></html>"
    )
    record = build_record(page.encode(), "http://www.example.com/s?id=1656")
    assert record["title"] == "一袭汉服一架古筝，她在异国他乡传播中华文化"
    # the headings' own ranking, before what the text's place says
    title, _ = find_title(cms.scan_page(parse_html(page)), {}, "")
    assert title == "一袭汉服一架古筝，她在异国他乡传播中华文化"


# Titles as templates we had not met write them, each (page, its address, the title) with what
# it checks: the rules read what a page shows, not a heading tag alone.
TITLE_CASES = [
    pytest.param(
        "<html><head><title>唐山教育网</title></head><body>"
        f"{_SITE_BANNER}<div class='content'><div>关于组建唐山市社区教育专家库的通知</div>"
        f"<div class='ct'>{_PROSE}</div></div></body></html>",
        "http://www.example.com/tzgg/2018/0702/1.html",
        "唐山教育网",
        # with no info line under it, the line above the text may be anything (a column's
        # name, a poster's): <title> stays the title
        id="no-info-line-no-headline",
    ),
    pytest.param(
        "<html><head><script>var a = 1;</script></head><body><!DOCTYPE html><html><head>"
        "<title>我校邀请胡国胜教授作党史学习教育专题宣讲报告-广东轻工职业技术学院</title></head><body>"
        "<div class='title'><div>我校邀请胡国胜教授作党史学习教育专题宣讲报告</div> "
        f"发布时间&nbsp;2021-05-19 10:41:27</div><div class='content'>{_PROSE}</div>"
        "</body></html></body></html>",
        "http://www.example.edu.cn/info/1021/5.htm",
        "我校邀请胡国胜教授作党史学习教育专题宣讲报告",
        # a page saved inside another: its <title> lands in <body> but shows nothing, so the
        # site's name after a bare hyphen is cut where the page shows the headline alone
        id="title-tag-inside-body",
    ),
    pytest.param(
        '<html><head><title>男孩因不想上补习班 写"救命啊"纸团抛出引来警察_网易新闻</title>'
        '<meta property="og:title" content="男孩因不想上补习班 写"救命啊"纸团抛出引来警察">'
        f"</head><body><div class='post_body'>{_PROSE}</div></body></html>",
        "http://www.example.com/19/0520/10/EFU1.html",
        '男孩因不想上补习班 写"救命啊"纸团抛出引来警察',
        # the attribute ends at the headline's own unescaped quote: og:title is the <title>'s
        # opening up to it, and the <title> (its site's name cut) is the title
        id="meta-title-cut-by-a-quote",
    ),
    pytest.param(
        "<html><head><title>【中国稳健前行】坚定实施扩大内需战略 -中新网</title></head><body>"
        "<div class='content_left'><div>【中国稳健前行】坚定实施扩大内需战略</div></div>"
        f"<div class='left_zw'>{_PROSE}</div></body></html>",
        "http://www.example.com/gn/2020/07-04/92292.shtml",
        "【中国稳健前行】坚定实施扩大内需战略",
        id="site-after-a-dash-spaced-on-one-side",
    ),
    pytest.param(
        "<html><head><title>某某资讯网</title></head><body>"
        f"<div class='article'>{_PROSE}</div><div class='related-title'>TA的热门作品推荐</div>"
        "<ul><li><a href='/a/1'>某某作品标题一</a></li></ul></body></html>",
        "http://www.example.com/article/7366/",
        "某某资讯网",
        # the heading of a box beside the article is no named title
        id="related-box-heading",
    ),
    pytest.param(
        "<html><head><title>青春心向党 启航新征程——河北青年优秀美术作品展启幕 _ 某某省文化和旅游厅"
        "</title></head><body><div class='content'>"
        "<div>青春心向党 启航新征程——河北青年优秀美术作品展启幕</div>"
        "<div class='post_source'>2022-05-07 00:00　来源：某某省文化和旅游厅机关党委</div>"
        f"<div class='text' id='content'>{_PROSE}</div></div></body></html>",
        "http://www.example.gov.cn/a/2022/05/07/1.html",
        "青春心向党 启航新征程——河北青年优秀美术作品展启幕",
        # <title> joins a two-part headline with `——`, and cutting it keeps the second part;
        # the block over the info line shows the whole headline
        id="headline-over-info-goes-on-from-a-cut-title",
    ),
    pytest.param(
        "<html><head><title>某艺网&gt;艺术教育</title></head><body><table><tr><td>您的位置：<a "
        "href='/'>主页</a>&gt;<a href='/edu/'>艺术教育</a></td></tr><tr><td align='center'>"
        "<p><strong>中国艺术研究院2004年博士生招生简章</strong></p></td></tr><tr><td>&nbsp;</td>"
        f"</tr><tr><td>&nbsp;</td></tr><tr><td>&nbsp;</td></tr><tr><td>{_PROSE}</td></tr>"
        "</table></body></html>",
        "http://www.example.com/edu/2004/1.shtml",
        "中国艺术研究院2004年博士生招生简章",
        # <title> is a trail from the site to a column; the bold centered line over the text,
        # past cells holding only a no-break space, in the table that holds the text too
        id="title-tag-a-trail-headline-in-the-texts-table",
    ),
    pytest.param(
        "<html><head><title>首页 &gt; 新闻中心 &gt; 浙江省淡水水产研究所召开干部职工大会</title>"
        "</head><body><p>您的位置：首页 &gt; 新闻中心</p><div class='main'>"
        f"<p>浙江省淡水水产研究所召开干部职工大会</p><div>{_PROSE}</div></div></body></html>",
        "http://www.example.org.cn/news/2024/1.html",
        "浙江省淡水水产研究所召开干部职工大会",
        # <title> is the trail from the home page to the article: its last step
        id="title-tag-a-trail-to-the-headline",
    ),
]


@pytest.mark.parametrize(("page", "url", "title"), TITLE_CASES)
def test_titles_templates_we_had_not_met_write(page: str, url: str, title: str) -> None:
    assert build_record(page.encode(), url)["title"] == title


@pytest.mark.parametrize(
    ("info", "source"),
    [
        ("发布时间：2024-03-01 供稿：区农业农村局", "区农业农村局"),
        ("发布时间：2024-03-01 供稿单位：县应急管理局 浏览次数：", "县应急管理局"),
        ("（党委组织部黄玲玲供稿 校党委宣传部报道）", None),  # a credit: no label, no colon
    ],
)
def test_the_office_that_supplied_the_article_is_its_source(info: str, source: str | None) -> None:
    """`供稿：` / `供稿单位：` name the office the article came from, as `来源：` does."""
    page = (
        f"<html><body><h1>会议召开</h1><div class='info'>{info}</div>"
        f"<div id='content'>{_PROSE}</div></body></html>"
    )
    assert build_record(page.encode(), "http://example.com/a.html")["source"] == source


def test_a_cms_comment_of_the_articles_properties_dates_a_page_nothing_else_dates() -> None:
    """Founder ENP writes the article's properties into a comment beside its text; read only when
    nothing the page shows or tags dates it."""
    props = (
        "<!--enpproperty <articleid>128707</articleid><date>2022-02-13 00:00:00:0</date>"
        "<author></author><title>会议召开</title><nodename>要闻</nodename>/enpproperty-->"
    )
    page = f"<html><body><h1>会议召开</h1><div id='content'>{_PROSE}{props}</div></body></html>"
    assert build_record(page.encode(), "http://example.com/a.html")["published_at"] == "2022-02-13"
    shown = page.replace("<h1>会议召开</h1>", "<h1>会议召开</h1><p>发布时间：2022-02-14 09:30</p>")
    dated = build_record(shown.encode(), "http://example.com/a.html")["published_at"]
    assert dated == "2022-02-14T09:30:00+08:00"  # the date shown wins


def test_a_headline_in_a_paragraph_inside_a_heading_is_found_when_title_names_the_site() -> None:
    """`<h3><p>headline</p></h3>` is parsed `<h3></h3><p>headline</p>`: the paragraph is the
    heading. With <title> naming only the site and a pop-up's `<h3>` far above, the headline over
    the info line is the title."""
    page = (
        "<html><head><title>某某市人民政府门户网站</title></head><body>"
        "<div class='popup'><h3><span>市直部门</span><span>镇（街道）</span></h3></div>"
        "<div class='cont'><h3><p>凯里市教育系统2024年公开招聘事业单位工作人员实施方案</p></h3>"
        "<div class='fb'><span>来源：市人社局</span><span>发布时间：2024-06-27 16:18</span></div>"
        f"<div class='mainbox'>{_PROSE}</div></div></body></html>"
    )
    record = build_record(page.encode(), "http://example.gov.cn/art/2024/6/27/art_1_2.html")
    assert record["title"] == "凯里市教育系统2024年公开招聘事业单位工作人员实施方案"
    assert record["published_at"] == "2024-06-27T16:18:00+08:00"


def test_a_title_still_naming_the_site_gives_way_to_the_line_over_the_text() -> None:
    """A blog post (tests/eval/eval-wide/c38e2b2d) with its <title> made to name only a site: no
    heading the page marks echoes it, so the line over the text is the title (and under it the
    post's stamp dates it); a poster's name alone over a text never is."""
    case = Path(__file__).parent / "eval" / "eval-wide" / "c38e2b2d"
    url = "http://example.invalid/c38e2b2d.html"  # the dataset keeps no URL
    text = decode_page((case / "page.html").read_bytes(), None).text
    site_titled = re.sub(
        r"<title>.*?</title>", "<title>某某市人民政府门户网站</title>", text, flags=re.I | re.S
    )
    record = build_record(site_titled, url)
    assert (record["title"], record["published_at"]) == (
        "陈天华《警世钟》",
        "2005-09-15T11:46:00+08:00",
    )
    handle = (
        "<html><head><title>某某市人民政府门户网站</title></head><body><table><tr><td>duscha</td></tr>"
        f"<tr><td>{_PROSE}</td></tr></table></body></html>"
    )
    assert build_record(handle, "http://example.com/a.html")["title"] != "duscha"


def test_short_lines_over_the_headline_a_container_repeats_are_no_text() -> None:
    """A box of picture news set inside the article's block, over its headline: the text never
    opens before its headline. A sentence over the headline keeps it all (a title quoted
    inside a text is no headline)."""
    box = (
        "<h3>图片新闻</h3><ul><li><a href='/x/2.html'>全市安全生产工作会议召开</a>"
        " 2001-02-04</li></ul>"
    )
    page = (
        "<html><head><title>区政府召开常务会议_某某区</title></head><body><div id='content'>"
        f"{box}<h1>区政府召开常务会议</h1><p>2024-05-20 14:33 来源：区政府办</p>{_PROSE}"
        "</div></body></html>"
    )
    text = build_record(page.encode(), "http://example.com/a.html")["text"]
    assert text.startswith("第0段：") and "图片新闻" not in text and "安全生产" not in text
    told = page.replace(box, "<p>本报讯 记者从会议上获悉，区政府召开常务会议研究部署重点工作。</p>")
    text = build_record(told.encode(), "http://example.com/a.html")["text"]
    assert text.startswith("本报讯 记者从会议上获悉")


_MEETING = (
    "<p>3月1日，区政府召开常务会议，研究部署今年重点工作，区长出席会议并讲话。</p>",
    "<p>会议指出，要坚持稳中求进工作总基调，全力以赴抓项目、促投资、稳增长，确保完成全年目标任务。</p>",
    "<p>会议还研究了其他事项，要求各部门按照职责分工抓好落实，及时报告工作进展情况。</p>",
)
_RELATED_BOX = (
    "<div class='xgyd'><h4>相关阅读</h4><ul>"
    + "".join(
        f"<li><a href='/a/{i}.html'>全区第{i}季度重点项目建设推进会召开</a></li>" for i in range(4)
    )
    + "</ul></div>"
)


@pytest.mark.parametrize("at", [1, 2])
def test_a_box_of_links_inside_a_short_text_cuts_nothing(at: int) -> None:
    """`相关阅读` and its headlines set between two paragraphs of a short text: the text on
    both sides is the article's, the box's lines are not."""
    body = "".join(_MEETING[:at]) + _RELATED_BOX + "".join(_MEETING[at:])
    page = (
        "<html><head><title>区政府召开常务会议_某某区</title></head><body>"
        "<h1>区政府召开常务会议</h1><div class='info'>发布时间：2024-03-01</div>"
        f"<div class='TRS_Editor'>{body}</div></body></html>"
    )
    text = build_record(page, "http://www.x.gov.cn/art/2024/3/1/art_1_2.html")["text"]
    assert text.split("\n") == [lxml.html.fromstring(p).text_content() for p in _MEETING]


def test_prose_past_a_box_outside_the_articles_block_or_under_comments_is_not_joined() -> None:
    """Past the box, a sidebar's prose beside the article's block, or readers' comments: not
    the article's."""
    text = "".join(_MEETING[:2])
    side = (
        "<div class='box'><p>区委书记到乡镇调研时强调，"
        + "要扎实做好春耕生产各项工作，确保粮食安全。</p></div>"
    )
    nav = "<div class='links'>" + "".join(f"<a href='/n/{i}.html'>栏目{i}</a>" for i in range(30))
    comments = "<h4>网友评论</h4><p>写得很好，这个政策非常及时，希望尽快落实到位。</p>"
    for after in (
        f"</div>{_RELATED_BOX}{side}{nav}</div>",
        f"{_RELATED_BOX}{comments}</div>{nav}</div>",
    ):
        page = (
            "<html><head><title>区政府召开常务会议_某某区</title></head><body><div class='main'>"
            f"<h1>区政府召开常务会议</h1><div>{text}</div>{after}"
            "<div class='footer'>主办：某某区人民政府</div></body></html>"
        )
        record = build_record(page, "http://www.x.gov.cn/art/2024/3/1/art_1_2.html")
        assert record["text"].endswith("确保完成全年目标任务。"), after


@pytest.mark.parametrize(
    ("block", "text"),
    [
        ("<p>会议要求各部门抓好落实。</p>", "会议要求各部门抓好落实。"),
        (
            "<p>详见附件。</p><p>附件：<a href='/x/P020240301.pdf'>实施方案.pdf</a></p>",
            "详见附件。",
        ),
    ],
)
def test_a_text_of_a_few_words_in_the_articles_block_is_the_text(block: str, text: str) -> None:
    """A page of a few words (an article's last page, a notice published as its attachment):
    the article's block holds them; the 上一篇 / 下一篇 titles and the column's links under it
    are no text."""
    page = (
        "<html><head><title>全区冬季安全生产检查部署会召开_新闻中心</title></head><body>"
        "<div class='nav'>当前位置：首页 &gt; 新闻中心 &gt; 正文</div>"
        "<h1>全区冬季安全生产检查部署会召开</h1><div class='info'>发布时间：2024-03-01</div>"
        f"<div class='TRS_Editor'>{block}</div>"
        "<div class='prevnext'>上一篇：<a href='/x/t20240229_9.html'>上月工作回顾</a> "
        "下一篇：<a href='/x/t20240307_10.html'>下月工作安排</a></div>"
        "<ul class='list'><li><a href='/x/1.html'>区长调研重点项目建设</a></li>"
        "<li><a href='/x/2.html'>全区召开防汛工作会议</a></li></ul></body></html>"
    )
    assert build_record(page.encode(), "http://example.com/x/t20240308_19.html")["text"] == text


def test_a_source_tag_holding_the_articles_title_is_no_source() -> None:
    """A template that fills ContentSource with the article's title (a city bureau's copy of a
    national law): no source, rather than the title twice."""
    title = "中华人民共和国反不正当竞争法"
    page = (
        f"<html><head><title>政务公开信息内容页</title><meta name='ArticleTitle' content='{title}'>"
        f"<meta name='ContentSource' content='{title}'></head><body><h1>{title}</h1>"
        f"<div class='TRS_Editor'>{_PROSE}</div></body></html>"
    )
    assert build_record(page.encode(), "http://example.com/t20180314_1.html")["source"] is None
    other = page.replace(f"content='{title}'></head>", "content='武汉市市场监督管理局'></head>")
    assert build_record(other.encode(), "http://example.com/t20180314_1.html")["source"] == (
        "武汉市市场监督管理局"
    )


def test_meta_tags_after_a_head_cut_short_are_read() -> None:
    """A template that wraps some head tags in `<div>`s (`<div data="datasource:…"><meta
    name="ContentSource" content="国家能源局"></div>`): the parser ends the head there and puts
    the rest, `<title>` too, in the body. Those tags are the page's still: its ContentSource
    is the source, not the generic `source` tag of the CMS's vendor above the cut."""
    wrapped = "".join(
        f"<div data='datasource:1'><meta name='{name}' content='{value}'></div>"
        for name, value in (("ArticleTitle", "关于披露负责人薪酬情况的通知"),
                            ("PubDate", "2026-09-16 00:00:00"), ("ContentSource", "国家能源局"))
    )  # fmt: skip
    page = (
        "<html><head><meta name='source' content='新华网'>"
        f"<meta name='SiteName' content='国家能源局'>{wrapped}"
        "<title>关于披露负责人薪酬情况的通知-国家能源局</title></head><body>"
        f"<h1>关于披露负责人薪酬情况的通知</h1><div id='detail'>{_PROSE}</div></body></html>"
    )
    record = build_record(page.encode(), "http://www.example.gov.cn/20260928/ab/c.html")
    assert record["source"] == "国家能源局"
    assert (record["published_at"] or "").startswith("2026-09-16")
    unwrapped = page.replace("<div data='datasource:1'>", "").replace("'></div>", "'>")
    assert "div" not in unwrapped.split("<body>")[0]  # the same page, its head whole
    record = build_record(unwrapped.encode(), "http://www.example.gov.cn/20260928/ab/c.html")
    assert record["source"] == "国家能源局"


def test_a_label_set_as_a_heading_is_no_headline() -> None:
    """`<h2>索  引  号：</h2><p>000014349/2021-00071</p>`: a document table laid out for phones
    with its labels in headings; the headline is the one the page shows whole."""
    title = "国务院办公厅关于进一步规范财务审计秩序促进注册会计师行业健康发展的意见"
    labels = "".join(
        f"<h2>{label}</h2><p>{value}</p>"
        for label, value in (("索  引  号：", "000014349/2021-00071"), ("标　　题：", title))
    )
    page = (
        f"<html><head><title>{title}_财政_中国政府网</title></head><body>"
        f"<div class='abstract'>{labels}</div><div id='content'>{_PROSE}</div></body></html>"
    )
    assert build_record(page.encode(), "http://example.com/content_1.htm")["title"] == title


def test_the_block_a_print_button_prints_holds_a_notice_that_is_a_table() -> None:
    """`div#PrintArea` (jQuery PrintArea) holding a notice that is a table and its files, no
    line of prose: the table is the text and the files its attachments (the files were lost
    when no block was known to hold them)."""
    rows = "".join(
        f"<tr><td><p>{n}</p></td><td><p>{name}</p></td><td><p>某某生物科技有限公司</p></td>"
        f"<td><p>食健备G2021621010{n}</p></td></tr>"
        for n, name in enumerate(("维生素D片", "钙镁片", "叶酸片", "硒片"), 1)
    )
    files = "".join(f"<a href='files/{n}.pdf'>备案凭证{n}</a>" for n in range(1, 5))
    page = (
        "<html><head><title>业务公告_国产保健食品备案信息</title></head><body>"
        "<div class=nav><a href=/>首页</a> > <a href=/ywgg/>业务公告</a></div>"
        "<div class=info>发布时间：2022-05-06 15:16</div><div id=PrintArea>"
        f"<table><tr><td>序号</td><td>产品名称</td><td>备案人</td><td>备案号</td></tr>{rows}"
        f"</table>{files}</div><div class=footer><center><p><a>版权所有：某某省市场监督管理局</a>"
        "<a href='https://beian.miit.gov.cn'>甘公网安备 62010202000690号</a></p></center></div>"
        "</body></html>"
    )
    record = build_record(page.encode(), "http://a.gov.cn/ywgg/202205/2032457.shtml")
    assert [a["title"] for a in record["attachments"]] == [f"备案凭证{n}" for n in range(1, 5)]
    assert "食健备G20216210104" in record["text"] and "版权所有" not in record["text"]


def test_a_body_block_left_with_no_line_gives_no_opening_headline() -> None:
    """A body whose first block is known but whose lines were all left out (a box heading with
    nothing under it): no opening line to read as a headline, and no IndexError either."""
    root = parse_html("<html><body><div><p>相关附件：</p><h2>某某报表</h2></div></body></html>")
    body = _Body([], [], False, first_block=root.find(".//p"))
    assert _headline_over_info(body, cms.scan_page(root)) is None


def test_the_pictures_closing_an_article_are_its_own_with_their_captions() -> None:
    """Pictures after the text's last paragraph, each a centered paragraph with its caption
    under a <br>: the record's pictures, captioned; a QR code in a block of its own after
    them is not."""
    story = "".join(
        f"<p>合唱团在夏威夷进行了第{i}场交流演出，全场轰动，演出后获颁艺术奖，观众们流连忘返。</p>"
        for i in range(4)
    )
    closing = "".join(
        f"<p align='center'><img src='/files/{name}.jpg'><br>{caption}</p>"
        for name, caption in (("a1", "前州长前来观看演出"), ("a2", "合唱团与政府官员合影"))
    )
    html = (
        "<html><body><div class='nav'><a href='/'>首页</a></div><div class='newsDetail'>"
        f"<h3>校合唱团获奖</h3>{story}{closing}<div class='ewm'><img src='/qr.png'></div>"
        "</div></body></html>"
    )
    record = build_record(html.encode(), URL)
    captions = {image["url"].rsplit("/", 1)[-1]: image["caption"] for image in record["images"]}
    assert captions == {"a1.jpg": "前州长前来观看演出", "a2.jpg": "合唱团与政府官员合影"}
    assert "合影" not in record["text"] and record["text"].count("交流演出") == 4


def test_a_dated_info_line_opening_the_text_names_the_source_over_the_sites_tag() -> None:
    """A ministry's page whose source tag is the site's short name (`财政部`), its info line
    above the text giving only the date, and the text's first centered line `2025年1月20日
    来源：中国注册会计师协会`: that line leaves the text and names the source."""
    html = (
        "<html><head><meta name='SiteName' content='中华人民共和国财政部'>"
        "<meta name='ContentSource' content='财政部'><title>有关负责人答记者问</title></head>"
        "<body><h2>有关负责人答记者问</h2><div class='info'>发布日期：2025年01月20日</div>"
        "<div class='TRS_Editor'><p align='center'>2025年1月20日 来源：中国注册会计师协会</p>"
        f"{_PROSE}</div></body></html>"
    )
    record = build_record(html.encode(), URL)
    assert record["source"] == "中国注册会计师协会"
    assert "来源" not in record["text"]
    tagged = html.replace("content='财政部'", "content='某某日报'")
    assert build_record(tagged.encode(), URL)["source"] == "某某日报"


def test_a_title_tag_naming_the_site_first_and_the_headline_last() -> None:
    """`香港政府新闻网 - 类别 - 治安 - 跨部门小组研保障变性人法例`: the headline is <title>'s last
    and longest part, which the page's <h1> shows; a links box headed 连结及资源 after the text
    is no text."""
    headline = "跨部门小组研保障变性人法例"
    html = (
        f"<html><head><title>某某政府新闻网 - 类别 - 治安 - {headline}</title></head><body>"
        "<div id='banner'><a href='/'>某某政府新闻网</a></div>"
        f"<div class='news'><h1 id='newsTitle'>{headline}</h1><div id='date'>2014年01月13日</div>"
        f"<div id='content1'>{_PROSE}</div></div>"
        "<div class='right'><div id='linksTitle'>连结及资源</div><ul><li><a href='/a'>律政司</a>"
        "</li><li><a href='/b'>保安局</a></li></ul></div></body></html>"
    )
    record = build_record(html.encode(), URL)
    assert record["title"] == headline
    assert headline not in record["text"] and "连结及资源" not in record["text"]


def test_a_forms_field_named_as_a_body_is_never_the_body() -> None:
    """A comment box under the text whose `<textarea id="news_content">` bears a CMS body's
    name: its words (`只有注册用户可以发表评论`) are no article (a real page's whole text was
    them), the text is the paragraphs above it."""
    page = (
        "<html><body><div class='article'><h1>欲与男友结连理 香港变性人聘大律师争婚姻权</h1>"
        "<div><p>中新网4月11日电据香港《明报》报道，香港变性人W小姐被婚姻注册处拒绝其结婚申请，"
        "提出司法复核后连败两仗。</p><p>W本为男性，2005至2008年在香港公立医院施手术变为女儿身。"
        "</p></div><div class='allcomment'><form><ul><li><textarea id='news_content'>"
        "只有注册用户可以发表评论，未注册用户请登录论坛注册......</textarea></li>"
        "<li>用户名：<input name='nick'></li></ul></form></div></div></body></html>"
    )
    assert cms.scan_page(lxml.html.document_fromstring(page)).containers == []
    text = _fields(page)["text"]
    assert "连败两仗" in text and "发表评论" not in text


_STORY = "".join(
    f"<p>第{i}段，当地时间8月1日，巴黎奥运会拳击女子66公斤级16强赛再次引发了人们的讨论。</p>"
    for i in range(5)
)


def test_a_headline_a_dashed_title_names_shown_above_the_text_over_a_promotion() -> None:
    """<title> `“跨性别”给奥林匹克出了道难题-新闻中心-中国宁波网` (bare dashes), the headline in a
    plain `div.heading`; a QR code's promotion in an <h2> (`扫一扫，中国宁波网装进手机`) scores
    as no headline. (A part shown only below the text, a notice's signing body, is none: the
    two cicpa real pages; extract_article asks for the part above the text.)"""
    tag = "“跨性别”给奥林匹克出了道难题-新闻中心-中国宁波网"
    page = (
        f"<html><head><title>{tag}</title></head><body><div class='heading'>“跨性别”给奥林匹克出了"
        f"道难题</div><div class='text'>{_STORY}</div><h2>扫一扫，中国宁波网装进手机</h2>"
        "</body></html>"
    )
    root = lxml.html.document_fromstring(page)
    shown = md.shown_dashed_part(root, tag, None)
    assert shown is not None and shown[0] == "“跨性别”给奥林匹克出了道难题"
    assert shown[1].get("class") == "heading"
    assert md.shown_dashed_part(root, "2021-2025年", None) is None  # a dash of its own
    promotion = root.xpath("//h2")[0]
    for text in ("扫一扫，中国宁波网装进手机", "看浙江新闻，关注浙江在线微信", "下载新闻客户端"):
        assert md._title_score(text, promotion, tag, None) == 0.0
    assert md._title_score("关注民生实事 推进项目落地见效", promotion, tag, None) > 0


def test_an_element_named_for_the_editor_names_them_past_an_empty_author_field() -> None:
    """`<span id="author_baidu">作者：</span>` (left empty) then, in a table far below the text,
    `<span id="editor_baidu">责任编辑：甘晨卉</span>`: the editor. A rich-text editor's body block
    (`TRS_Editor`) names nobody."""
    page = (
        "<html><body><h1>印度变性人群体生活现状</h1><div>来源：网易 <span id='author_baidu'>作者："
        f"</span> 时间：2015-04-01 13:53:58</div><div class='TRS_Editor'>{_STORY}</div>"
        "<div><img src='/sep.jpg'></div><table><tr><td><a href='http://share'>分享到</a></td>"
        "<td><span id='editor_baidu'>责任编辑：甘晨卉</span></td></tr></table></body></html>"
    )
    rec = build_record(page.encode(), URL)
    assert rec["editors"] == ["甘晨卉"] and rec["authors"] == []


def test_a_source_row_after_the_text_names_its_editor() -> None:
    """`来源： <a>中国网</a> | 作者： | 责编：胡金 电子信箱：…` under the text: a row of labelled
    fields whose only link is the source's name, longer than a byline line; `编辑：` and the
    name on lines of their own beside the row's links; not a button's words after a field a
    script fills (`责任编辑：` / `首赞`)."""
    row = (
        "<p class='rexian'>来源： <a href='http://'>中国网</a> | 作者： | 责编：胡金 "
        "<span>电子信箱：184042016@qq.com</span></p>"
    )
    page = f"<html><body><h1>变性手术技术管理规范</h1><div>{_STORY}{row}</div></body></html>"
    assert build_record(page.encode(), URL)["editors"] == ["胡金"]
    split = (
        "<p class='right'><b>编辑：</b> 杜寅<span>纠错：<a href='mailto:171964650@qq.com'>"
        "171964650@qq.com</a></span></p>"
    )
    page = f"<html><body><h1>变性手术技术管理规范</h1><div>{_STORY}</div>{split}</body></html>"
    assert build_record(page.encode(), URL)["editors"] == ["杜寅"]
    button = "<div><span>责任编辑：</span><span>首赞</span><a href='#'>+1</a></div>"
    page = f"<html><body><h1>变性手术技术管理规范</h1><div>{_STORY}</div>{button}</body></html>"
    assert build_record(page.encode(), URL)["editors"] == []
