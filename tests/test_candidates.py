"""crawler.page.candidates: the body of a layout never seen, chosen on evidence. One test per
kind of failure seen on real pages (hand-made pages of the same shape), and the pieces."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import lxml.html
import pytest

from crawler.page.assemble import build_record
from crawler.page.candidates import best_run, choose_run, line_value
from crawler.page.extraction import extract_article

URL = "https://news.example.com/a/20240510/1.html"
STORY = "记者从市农业农村局获悉，今年全市已完成高标准农田建设十二万亩，带动农民增收效果明显。"


def _text(html: str) -> str:
    return str(extract_article(html, URL)["text"])


PARAGRAPH = lxml.html.fromstring("<p>x</p>")


@dataclass
class Line:
    text: str
    link_chars: int = 0
    link_marks: int = 0
    aside: bool = False
    block: Any = PARAGRAPH


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (Line("会议要求，各部门要抓好落实。"), 14.0),  # prose: its unlinked characters
        (Line("时长：01:45"), -4.0),  # a label: half its characters against
        (Line("首页 | 新闻 | 体育", link_chars=6), -6.0),  # links: all against
        (Line("侧栏第一条新闻，内容很长。", aside=True), -6.5),  # in a block named `sidebar`
        (
            Line("玉峰道路一路上雲氣山嵐滯留山頭 順路下切蜿蜒道路後不久即抵達"),
            29.0,
        ),  # clauses divided by spaces
    ],
)
def test_line_value(line: Line, expected: float) -> None:
    assert line_value(line) == expected


def test_best_run_takes_the_heaviest_stretch_across_small_noise() -> None:
    assert best_run([-5.0, 30.0, -4.0, 20.0, -60.0, 40.0]) == (1, 4, 46.0)
    assert best_run([-1.0, -2.0]) == (0, 0, 0.0)


def test_div_blocks_without_paragraphs_beat_a_search_box_hot_list() -> None:
    hot = "".join(
        f'<div class="item"><span>{i}</span><span>今日热点新闻事件第{i}条持续发酵</span></div>'
        for i in range(12)
    )
    body = "".join(f'<div class="qnt-p">第{i}段，{STORY}</div>' for i in range(3))
    html = f"""<html><body><div class="search-box"><input><div class="words">{hot}</div></div>
    <div class="main"><h1>全市高标准农田建设提速</h1><div class="article">{body}</div></div>
    </body></html>"""
    text = _text(html)
    assert text.count("高标准农田") == 3
    assert "热点" not in text


def test_prose_and_its_table_are_kept_together() -> None:
    rows = "".join(
        f"<tr><td>{i}</td><td>张{i}号</td><td>高级工程师</td><td>第{i}中学</td></tr>"
        for i in range(30)
    )
    html = f"""<html><body><h1>关于2024年职称评审结果的公示</h1><div class="main">
    <p>经个人申报、单位推荐、评委会评审，现将2024年职称评审通过人员名单予以公示。</p>
    <p>公示期为5月10日至5月16日，如有异议，请以书面形式向市人社局反映。</p>
    <table>{rows}</table></div>
    <div class="links"><a href="/1">上一篇：通知一</a><a href="/2">下一篇：通知二</a></div>
    </body></html>"""
    text = _text(html)
    assert "现将2024年职称评审通过人员名单予以公示" in text
    assert "29 张29号 高级工程师 第29中学" in text
    assert "下一篇" not in text


def test_tables_of_names_in_paragraph_cells_between_section_headings_are_kept() -> None:
    """A 公示's sections, each a heading over a table whose cells hold paragraphs (every cell a
    line of its own, unpunctuated), then the closing paragraph and the signature: all of it,
    not the text up to the first table's first cell with a comma in it."""

    def table(section: int) -> str:
        # a few units named with their other names (a comma: prose), the rest bare
        rows = "".join(
            f"<tr><td><p>{i}</p></td><td><p>张{section}{i}</p></td><td><p>某某市第{i}中学"
            f"{'（某某市教育研究院、某某市教师发展中心）' if i < 4 else ''}</p></td>"
            "<td><p>高级教师</p></td></tr>"
            for i in range(1, 25)
        )
        return f"<table>{rows}</table>"

    html = f"""<html><body><h1>关于2024年职称评审结果的公示</h1><div>
    <p>根据职称评审管理办法，经评审委员会评审，现将2024年度评审结果予以公示。</p>
    <p>一、中学教师专业</p>{table(1)}<p>二、小学教师专业</p>{table(2)}
    <p>公示时间：2024年5月10日至5月16日。如有异议，请以书面形式向市人社局反映。</p>
    <p>某某市人力资源和社会保障局</p><p>2024年5月9日</p></div>
    <div class="links"><a href="/1">上一篇：通知一</a><a href="/2">下一篇：通知二</a></div>
    </body></html>"""
    text = _text(html)
    assert "二、小学教师专业" in text and "张224" in text
    assert "如有异议，请以书面形式向市人社局反映" in text and text.endswith("2024年5月9日")
    assert "下一篇" not in text


def test_a_documents_next_numbered_sections_go_with_it() -> None:
    """A notice's last sections, unpunctuated items under a heading and the next numbered
    heading (`七、其它补充事宜`), after the prose: the text's, up to the page's related box."""
    fields = (
        ("项目名称", "乡村基础设施建设二期项目"),
        ("施工范围", "见施工图"),
        ("施工工期", "60天"),
    )
    items = "".join(f"<p>{label}：{value}</p>" for label, value in fields)
    prose = "".join(f"<p>{i}、{STORY}</p>" for i in "一二三四五")
    html = f"""<html><body><h1>成交结果公告</h1><div>{prose}
    <p>六、成交标的名称、规格型号、数量、单价、服务要求：</p>{items}<p>七、其它补充事宜</p>
    <p>九、不是下一节</p></div><div><p>相关公告</p><a href="/1">某某项目成交公告</a></div>
    </body></html>"""
    text = _text(html)
    assert text.endswith("施工范围：见施工图\n施工工期：60天\n七、其它补充事宜")


def test_a_documents_earlier_sections_and_far_next_ones_go_with_it() -> None:
    """A procurement notice set as labelled lines: its first sections, a code and a name under
    their headings (`一、项目编号：`, no punctuation), before the run's `三、`; the sections after
    its last, past a contact block of a dozen short lines (`九、…请按以下方式联系。`, names,
    addresses and phones, then `十、附件`)."""
    contacts = "".join(
        f"<span>{label}：{value}</span><br>"
        for label, value in (
            ("1.采购人信息 名称", "某某县文化广电局本级"), ("地址", "某某县某某镇"),
            ("联系方式", "王某 0314-7566207"), ("2.采购代理机构信息 名称", "某某县政府采购中心"),
            ("地址", "某某县公共资源交易中心三楼313室"), ("联系方式", "李某 0314-7883999"),
            ("3.项目联系方式 项目联系人", "王某"), ("电话", "0314-7566207"),
            ("采购人邮箱", "abc@example.gov.cn"), ("代理机构邮箱", "def@example.gov.cn"),
        )
    )  # fmt: skip
    prose = "".join(f"<span>{n}、{STORY}</span><br>" for n in "三四五六七八")
    html = f"""<html><body><table><tr><td><a href="/">首页</a> &gt; <a href="/zb/">中标公告</a>
    </td></tr><tr><td>某某项目中标公告</td></tr><tr><td>发布时间：2021-10-11</td></tr><tr><td>
    <span><span>一、项目编号：</span><br><span>ZC130800202101632</span><br>
    <span>二、项目名称：</span><br><span>村级信息资源共享中心电脑项目</span><br>{prose}
    <span>九、凡对本次公告内容提出询问，请按以下方式联系。</span><br>{contacts}
    <span>十、附件</span><br></span></td></tr></table>
    <div><p>主办单位：某某省财政厅</p><p>冀ICP备13016076号</p></div></body></html>"""
    text = _text(html)
    assert text.startswith("一、项目编号：\nZC130800202101632\n二、项目名称：")
    assert "某某县公共资源交易中心三楼313室" in text and text.endswith("十、附件")
    assert "ICP" not in text and "首页" not in text


def test_an_attachment_set_out_after_the_signature_goes_with_the_document() -> None:
    """`附件` on a line of its own after a document's signature, its title on two lines, then
    its table of units and quotas in cells of paragraphs: the document's, up to the page's
    footer; a table of links after the same heading is none of it."""
    units = "".join(
        f"<tr><td><p>{n}</p></td><td><p>{unit}</p></td><td><p>1</p></td><td><p>事业</p></td></tr>"
        for n, unit in enumerate(("市粮食储备库", "市白云山生态林场", "丽水学院", "市体彩中心"), 1)
    )
    prose = "".join(f"<p>{STORY}</p>" for _ in range(4))
    closing = (
        "<p>某某市人民政府</p><p>2023年10月16日</p><p>（此件公开发布）</p><p>附件</p>"
        "<p>2023年市区安排工作条件</p><p>退役士兵安置任务</p>"
    )
    table = "<table><tr><td><p>序号</p></td><td><p>安置单位名称</p></td><td><p>任务</p></td>"
    table += f"<td><p>类别</p></td></tr>{units}</table>"
    footer = "<div><p>主办单位：某某市人民政府办公室</p><p>浙ICP备05001234号</p></div>"
    html = f"<html><body><h1>关于下达安置任务的通知</h1><div>{prose}{closing}{table}</div>{footer}"
    text = _text(html + "</body></html>")
    assert "（此件公开发布）\n附件\n2023年市区安排工作条件" in text
    assert "丽水学院" in text and "ICP" not in text
    links = "".join(f"<tr><td><a href='/{n}'>某某市第{n}号文件</a></td><td>2023-10-0{n}</td></tr>"
                    for n in range(1, 5))  # fmt: skip
    linked = f"<html><body><h1>关于下达安置任务的通知</h1><div>{prose}{closing}"
    text = _text(linked + f"<table>{links}</table></div></body></html>")
    assert text.endswith("（此件公开发布）") and "某某市第1号文件" not in text


def test_forum_thread_gives_its_first_post() -> None:
    first = "这是一楼的帖子正文，讲述了我去年在老家种植草莓的经历，从选种、育苗到上市。" * 3
    replies = [f"回复{i}：说得很有道理，我家也种过草莓，收成不错，感谢楼主分享。" for i in (1, 2)]
    longest = "楼主说得对，" + "我们村里家家户户都种草莓，今年价格比去年好一些，" * 6
    posts = "".join(
        f"""<table class="post"><tr><td class="author"><a href="/u/{i}">用户{i}</a></td>
        <td><div class="time">发表于 2024-05-0{i + 1} 10:2{i}</div><div>{message}</div></td>
        </tr></table>"""
        for i, message in enumerate([first, *replies, longest])
    )
    html = f"""<html><body><div class="nav"><a href="/">首页</a> &gt; <a href="/f">种植</a></div>
    <h1>种草莓的经历</h1><div class="thread">{posts}</div></body></html>"""
    assert _text(html) == first


def test_article_followed_by_a_dated_stream_stops_before_it() -> None:
    stream = "".join(
        f"""<li><a href="/n/{i}">其他新闻标题第{i}条</a><div class="src">新闻网·{i}小时前</div>
        <p>这是另一篇新闻的摘要，讲述了另一个地方发生的事情，篇幅比正文还要长一些，{STORY}</p></li>"""
        for i in range(1, 6)
    )
    html = f"""<html><body><h1>全市高标准农田建设提速</h1><div class="story"><p>{STORY}</p></div>
    <div class="feed"><div>你可能还想看</div><ul>{stream}</ul></div></body></html>"""
    assert _text(html) == STORY


def test_video_player_chrome_stays_out() -> None:
    controls = ["时长：01:45", "广告", "正在为您切换到高清 480P,请稍候...", "播放速度：2X", "倍速"]
    player = "".join(f"<div>{word}</div>" for word in controls)
    html = f"""<html><body><div id="content"><h1>《北京影人》5月20日起播出</h1>
    <div class="video-player">{player}</div><div class="desc">
    <p>以光影之名，探寻首都文化魅力。5月20日22点起，栏目将推出系列访谈节目。</p>
    <p>一起期待吧！</p></div></div></body></html>"""
    text = _text(html)
    assert text.startswith("以光影之名")
    assert not any(word in text for word in controls)


def test_unnamed_player_menus_count_against_the_body() -> None:
    menus = "".join(f"<div>{word}</div>" for word in ("直播", "高清", "超清", "标清", "循环播放"))
    html = f"""<html><body><h1>标题</h1><div class="box"><div>{menus}</div>
    <div><p>以光影之名，探寻首都文化魅力。5月20日22点起，栏目将推出系列访谈节目。</p></div></div>
    </body></html>"""
    assert _text(html) == "以光影之名，探寻首都文化魅力。5月20日22点起，栏目将推出系列访谈节目。"


def test_terms_of_sale_do_not_replace_a_short_post() -> None:
    post = "九成新山地自行车，去年购入，骑了不到十次，现低价转让，有意者私信。"
    terms = (
        "付款说明：买家下单后请在24小时内完成付款，逾期订单将自动取消。付款方式支持银行转账，"
        "平台不收取任何手续费。交易完成后，卖家将在三个工作日内发货，如遇节假日顺延。"
    ) * 2
    html = f"""<html><body><h1>二手自行车转让</h1><div class="post"><p>{post}</p></div>
    <div class="seller"><a href="/u/1">卖家：老王</a> <a href="/u/1/items">他的其他宝贝</a></div>
    <div class="terms"><p>{terms}</p></div></body></html>"""
    assert _text(html) == post


def test_disclaimer_after_the_editor_line_stays_out() -> None:
    html = f"""<html><body><h1>标题</h1><div><p>{STORY}</p><p>{STORY}</p>
    <p>（责任编辑：黄帅）</p><p>【推荐】【关闭】</p><p>本网版权与免责声明：</p>
    <p>凡本网注明来源的作品，均转载自其它媒体，转载目的在于传递更多信息，并不代表本网赞同其观点。</p>
    </div></body></html>"""
    assert _text(html) == f"{STORY}\n{STORY}\n（责任编辑：黄帅）"


def test_poem_translation_notes_and_appreciation_are_one_body() -> None:
    html = """<html><head><title>静夜思原文、翻译及赏析</title></head><body><div class="main">
    <h1>静夜思</h1><div class="sons"><div class="poem">床前明月光，疑是地上霜。<br>
    举头望明月，低头思故乡。</div></div>
    <div class="sons"><h2>译文及注释</h2><div class="part"><p><strong>译文</strong><br>
    明亮的月光洒在床前的窗户纸上，好像地上泛起了一层白霜。</p><p><strong>注释</strong><br>
    静夜思：静静的夜里，产生的思绪。</p></div></div>
    <div class="sons"><h2>赏析</h2><div class="part"><p>这首诗写的是在寂静的月夜思念家乡的感受。
    诗的前两句，是写诗人在作客他乡的特定环境中一刹那间所产生的错觉。一个独处他乡的人，白天奔波
    忙碌，倒还能冲淡离愁，然而一到夜深人静的时候，心头就难免泛起阵阵思念故乡的波澜。</p></div>
    </div></div><div class="sidebar"><a href="/a">李白</a><a href="/b">杜甫</a></div>
    </body></html>"""
    fields = extract_article(html, URL)
    assert fields["title"] == "静夜思"
    for part in ("床前明月光", "明亮的月光", "静静的夜里", "这首诗写的是"):
        assert part in fields["text"]
    assert "李白" not in fields["text"]


def test_body_hidden_by_utility_class_names_is_still_found() -> None:
    paragraphs = "".join(f"<p>{STORY}</p>" for _ in range(3))
    html = f"""<html><body><div class="nav"><a href="/">首页</a></div><h1>标题</h1>
    <div class="print pt-64px"><main class="content r-font-black">{paragraphs}</main></div>
    </body></html>"""
    assert _text(html).count(STORY) == 3


def test_a_dateline_on_its_own_line_opens_the_article() -> None:
    html = f"""<html><body><h1>标题</h1><div class="info">2024年4月24日 来源：新华网</div>
    <div><p>新华社北京4月24日电</p><p>新华社记者</p><p>{STORY}</p><p>{STORY}</p></div>
    </body></html>"""
    assert _text(html) == f"新华社北京4月24日电\n新华社记者\n{STORY}\n{STORY}"


def test_questions_closed_by_half_width_marks_open_the_article() -> None:
    """Sentences typed with a half-width `?` after Chinese characters count no mark: beside the
    text, in its paragraphs' tag, they are its opening lines; a dialog's question is not."""
    html = f"""<html><body><h1>标题</h1>
    <div class="dialog"><div>确定要离开本页吗?</div></div>
    <div><p>【活动预告】</p><p>你愿意花10分钟认识一个人的故事吗?</p>
    <p>你觉得这个房间的主人是什么样的人?</p><p>{STORY}</p><p>{STORY}</p></div>
    </body></html>"""
    assert _text(html) == (
        f"你愿意花10分钟认识一个人的故事吗?\n你觉得这个房间的主人是什么样的人?\n{STORY}\n{STORY}"
    )


def test_a_chronicle_of_dated_entries_is_one_article() -> None:
    entries = "".join(
        f"""<div class="entry"><div class="day">2023年{month}月5日</div>
        <p>{month}月，{STORY}</p></div>"""
        for month in range(1, 6)
    )
    html = f"""<html><body><h1>2023年大事记</h1><div class="chronicle">{entries}</div>
    </body></html>"""
    text = _text(html)
    assert all(f"{month}月，记者" in text for month in range(1, 6))


def test_news_of_a_statement_is_not_cut_at_the_statement() -> None:
    html = f"""<html><body><h1>某公司发布声明</h1><div><p>{STORY}</p>
    <p>某公司发布郑重声明：公司从未授权任何机构以公司名义开展培训，请广大群众提高警惕。</p>
    <p>{STORY}</p></div></body></html>"""
    assert _text(html).count(STORY) == 2


def test_a_notice_keeps_its_schedule_and_signature() -> None:
    html = """<html><body><div class="top"><a href="/">首页</a> <a href="/tzgg/">通知公告</a></div>
    <h1>关于召开全区安全生产工作会议的通知</h1><div class="wz">
    <p>各镇人民政府、街道办事处，区直各部门：</p>
    <p>经区政府研究，决定召开全区安全生产工作会议，现将有关事项通知如下。</p>
    <p>一、会议时间</p><p>2023年5月12日上午9:00</p><p>二、会议地点</p><p>区政府三楼会议室</p>
    <p>三、参会人员</p><p>各镇、街道分管负责同志，区直各部门主要负责同志。</p>
    <p>某某区人民政府办公室</p><p>2023年5月10日</p></div>
    <div class="footer"><a href="/about">关于我们</a> <a href="/map">网站地图</a></div>
    </body></html>"""
    text = _text(html)
    assert text.startswith("各镇人民政府、街道办事处，区直各部门：")
    assert "区政府三楼会议室" in text
    assert text.endswith("某某区人民政府办公室\n2023年5月10日")


def test_a_platform_disclaimer_ends_the_article() -> None:
    html = f"""<html><body><h1>标题</h1><div><p>{STORY}</p><p>{STORY}</p>
    <p>以上内容为创作者平台用户上传并发布，本平台仅提供信息存储服务。</p>
    <p>文章不错，点个赞吧</p><div>评论</div><p>这篇文章写得真好，我完全同意作者的观点，支持一下。</p>
    </div></body></html>"""
    assert _text(html) == f"{STORY}\n{STORY}"


@pytest.mark.parametrize(
    "notice",
    [
        '<div><a href="/">南海网</a>版权声明：<br>以上内容由<a href="/">南海网</a>原创生产，'
        "如需转载，请与南海网联系授权。</div>",
        "<p>未经正式授权严禁转载本文，侵权必究。</p>",
    ],
)
def test_a_sites_standing_notice_ends_a_known_containers_text(notice: str) -> None:
    """The block a CMS names the body (`td.content`) may hold the site's notice under the
    text: the text ends before it, as a run of lines does."""
    story = "".join(f"<p>{STORY}</p>" for _ in range(4))
    html = f"""<html><body><h1>标题</h1><table><tr><td class="content">{story}{notice}</td>
    </tr><tr><td><a href="/a">上一篇</a></td></tr></table><div><p>{STORY}</p></div></body></html>"""
    assert _text(html) == "\n".join([STORY] * 4)


def test_an_author_card_blurb_above_the_headline_is_not_the_article() -> None:
    blurb = "由内容质量、互动评论、分享传播等多维度分值决定，勋章级别越高，代表其表现越好。"
    story = "".join(f"<p>{STORY}</p>" for _ in range(5))
    html = f"""<html><head><title>全市高标准农田建设提速_门户</title></head><body>
    <div class="card"><p>{blurb}</p><dl><dd>15万文章</dd></dl></div>
    <h1>全市高标准农田建设提速</h1><div class="meta">2024-05-13 06:15</div>
    <div>{story}</div></body></html>"""
    assert _text(html) == "\n".join([STORY] * 5)


@pytest.mark.parametrize(
    ("line", "taken"),
    [
        ("各二级学院学生会：", True),
        ("各省、自治区、直辖市人民政府，国务院各部委、各直属机构：", True),
        ("女士们、先生们：", True),
        ("尊敬的用户：", True),
        ("划重点：", False),
        ("分享：", False),
        ("来源：新华社", False),
        ("附件1：", False),
    ],
)
def test_a_notices_addressees_open_the_run(line: str, taken: bool) -> None:
    """A line of addressees closed by a colon before the text's first prose opens the run;
    a label, a widget's or a column's words closed by a colon do not."""
    prose = "根据工作安排，现将有关事项通知如下，请各单位认真组织实施，确保各项工作落到实处。"
    texts = ("首页", "通知公告", line, *[prose] * 4, "版权所有")
    lines = [Line(t, link_chars=len(t) if i < 2 else 0) for i, t in enumerate(texts)]
    start, _, _ = choose_run(lines)
    assert (lines[start].text == line) is taken


def test_a_blurb_repeated_under_every_menu_panel_is_no_prose() -> None:
    """A school site's mega-menu: six panels, each a heading, the site's motto as a blurb (a
    long punctuated sentence) and its links, then the article. The motto repeated word for
    word is a box's, not the article's: the text is the article alone."""
    motto = "岁月从她身旁轻轻流过，我们不但未见其龙钟之态，反而欣喜地发现她的生命如同那古木。"
    panels = "".join(
        f"<dl><dt>栏目{i}</dt><dd>{motto}</dd>"
        + "".join(f"<li><a href='/c{i}/{j}.html'>子栏目{i}{j}</a></li>" for j in range(6))
        + "</dl>"
        for i in range(6)
    )
    story = "".join(
        f"<p>2012年9月29日，合唱团师生一行50人从深圳出发，开始了为期7天的第{i}次演出交流。</p>"
        for i in range(5)
    )
    html = (
        f"<html><body><div id='nav'>{panels}</div><div class='newsDetail'>"
        f"<h3>校合唱团获奖</h3><span>深圳中学 2012-10-15</span>{story}</div></body></html>"
    )
    text = _text(html)
    assert motto not in text and "子栏目" not in text
    assert text.startswith("2012年9月29日") and text.count("演出交流") == 5


@pytest.mark.parametrize(
    ("line", "taken"),
    [
        ("财政部关于印发《中国注册会计师独立性准则第1号》的通知", True),
        ("关于进一步规范财务审计秩序促进注册会计师行业健康发展的意见", True),
        ("2025-01-20 15:04", False),
        ("财政部印发《中国注册会计师独立性准则第1号》", False),  # a headline, no document's
    ],
)
def test_a_documents_title_over_its_addressees_opens_the_run(line: str, taken: bool) -> None:
    """An official document reprinted as an article: its title right over its addressees (a
    line too long to be read as a salutation alone) opens the run; a date stamp or a news
    headline there does not."""
    addressees = (
        "中国人民银行、审计署、国务院国资委、海关总署、税务总局、市场监管总局、金融监管总局、"
        "中国证监会、国家外汇局，各省、自治区、直辖市财政厅（局）："
    )
    prose = "根据工作安排，现将有关事项通知如下，请各单位认真组织实施，确保各项工作落到实处。"
    texts = ("首页", "要闻", line, addressees, *[prose] * 3, "版权所有")
    lines = [Line(t, link_chars=len(t) if i < 2 else 0) for i, t in enumerate(texts)]
    start, _, _ = choose_run(lines)
    assert lines[start].text == (line if taken else addressees)


REPORT = (
    "<p>国际在线专稿：据英国《太阳报》11月9日报道，美国一对青年男女在发现彼此都有变性的想法后，"
    "商量一同去做变性手术。手术后虽然男变女，女变男，但是两人却发现已被对方深深吸引。</p>"
    "<p>报道称，凯迪·希尔现年18岁，她之前15年一直是一个男孩，名叫卢克。她的男朋友安德鲁斯，"
    "现年16岁，之前一直是一个女孩。她擅长跳芭蕾，也曾赢得过选美比赛。</p>"
    "<p>两人童年都因性别所扰，遭到别人的嘲讽，他们在协商后同时进行了手术，手术后两人坠入爱河。</p>"
)
STANDING = (
    "<div><h3>本网版权相关声明：</h3>"
    "<p>① 本网欢迎各类媒体、出版社、影视公司等机构与本网进行长期的内容合作。"
    "联系方式：027-88567716</p>"
    "<p>② 在本网转载其他媒体稿件是为传播更多的信息，此类稿件不代表本网观点。如果本网转载的稿件涉及"
    "版权等问题，请作者在两周内速来电或来函联系。</p>"
    "<p>③ 本网原创新闻信息均有明确、明显的标识，本网严正抗议所有以本网稿源的名义转载稿件的行为，"
    "违者本网将依法追究责任。</p>"
    "<p>④ 在本网BBS上发表言论，不代表本网立场，应当理性、文明，遵守相关法律法规。</p></div>"
)


def test_a_box_of_standing_disclaimers_is_no_body_beside_a_short_report() -> None:
    """A site's numbered disclaimers under every article hold more prose than a short report
    (a real page's text was its first disclaimer): their standing sentences count as noise."""
    related = "".join(f"<li><a href='/n/{i}.htm'>美首艘核航母服役半个多世纪后退役第{i}艘</a></li>"
                      for i in range(8))  # fmt: skip
    page = (
        "<html><body><h1>美国一对男女在同时接受变性手术后成为情侣</h1>"
        f"<div class='c1'>{REPORT}</div><h2>相关新闻：</h2><ul>{related}</ul>"
        f"<div class='c2'>{STANDING}</div></body></html>"
    )
    text = _text(page)
    assert "坠入爱河" in text and "本网欢迎" not in text and "不代表本网观点" not in text


def test_an_editors_row_opening_with_an_icons_link_names_the_editor() -> None:
    """`<a>N</a>编辑: 温网编辑|责任编辑: 黄作敏` after the pager and the reprint's note under a
    photo story's page: a letter's link (an icon back to the news centre) leaves it a byline
    line; a menu's word alone (`官博`) is none."""
    pager = "".join(f"<a href='/a_{i}.shtml'>[{i}]</a>" for i in range(2, 8))
    page = (
        "<html><body><div class='nav'><a href='/gb'>官博</a></div>"
        "<h1>泰国军队征收新兵 和尚齐现身</h1><div class='c1'><p>当地时间2015年4月5日，泰国曼谷，"
        "征兵现场。泰国规定，年满21岁的男子必须到军队服役，所以每年4月都会在全国年轻人中展开征兵检查，"
        "不少人都会参与。不过，根据规定，有身体或精神疾患者可以免除兵役。</p>"
        f"<div>{pager}</div><p>本文转自：<a href='/'>温州网</a></p></div>"
        "<div><a href='/news'>N</a><span>编辑: 温网编辑</span>|<span>责任编辑: 黄作敏</span></div>"
        "</body></html>"
    )
    rec = build_record(page.encode(), URL)
    assert rec["editors"] == ["黄作敏"] and rec["authors"] == []
