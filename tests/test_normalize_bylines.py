"""Bylines in a record's text and signals: where they stand, which field they fill, what leaves
the text; every normalized record stays a fixed point of normalization."""

from __future__ import annotations

from typing import Any

import pytest

from crawler.page.normalize import normalize_record

BODY = "土豆，听名字就“土”得掉渣。可这几天，记者却看到了另外一番景致。"


def _normalized(**fields: Any) -> dict[str, Any]:
    rec = normalize_record({"flags": [], "title": "标题", **fields})
    assert normalize_record(rec) == rec
    return rec


@pytest.mark.parametrize(
    ("text", "field", "names", "kept"),
    [
        (  # a kicker, then the byline standing on its own line
            f"【新春走基层】\n光明日报记者 王建宏 张文攀\n{BODY}",
            "reporters",
            ["王建宏", "张文攀"],
            f"【新春走基层】\n{BODY}",
        ),
        (  # a deck, then the byline
            f"宏观政策应该相对稳定，但是改革一定要加快\n本报记者罗科苏盈发自北京\n{BODY}",
            "reporters",
            ["罗科苏盈"],
            f"宏观政策应该相对稳定，但是改革一定要加快\n{BODY}",
        ),
        (
            f"本报实习生 李四 本报记者 王五\n{BODY}",
            "reporters",
            ["李四", "王五"],
            BODY,
        ),
        (f"作者：张三\n{BODY}", "authors", ["张三"], BODY),
        (f"新京报记者 彭冲 山东冠县报道\n{BODY}", "reporters", ["彭冲"], BODY),
        (f"{BODY}\n（总台记者 张倩）", "reporters", ["张倩"], BODY),
        (f"{BODY}（袁源）", "authors", ["袁源"], BODY),
        (f"{BODY}\n（袁源）", "authors", ["袁源"], BODY),
        (f"{BODY}（姚峰 上海报道）", "reporters", ["姚峰"], BODY),
        (f"{BODY}\n[ 黄宇 ]", "authors", ["黄宇"], BODY),
        (f"{BODY}\n赵豪 文/图", "reporters", ["赵豪"], BODY),  # wrote it and took its pictures
        # the verb after the reporters' names, set apart (`报道`), and their roles by slashes
        (f"{BODY}\n（记者 李娜 报道）", "reporters", ["李娜"], BODY),
        (f"{BODY}\n(记者 李娜/报道 赵毅亮/摄)", "reporters", ["李娜", "赵毅亮"], BODY),
        (f"{BODY}\n叶雄伟 文/摄", "reporters", ["叶雄伟"], BODY),  # wrote it and took its photos
        (  # the outlet's name alone before the lead's bracketed credit
            f"楚天都市报（见习记者陈文君 通讯员涂晓晨）{BODY}",
            "reporters",
            ["陈文君", "涂晓晨"],
            BODY,
        ),
        (  # a bracketed credit naming its roles, wherever it stands (before what closes a report)
            f"{BODY}\n（撰稿：巨秉刚、刘怡；摄影：刘怡、王盛芳）\n新闻来源：http://www.example.cn/1.html",
            "authors",
            ["巨秉刚", "刘怡"],
            f"{BODY}\n新闻来源：http://www.example.cn/1.html",
        ),
        # a reporter's credit run on after the last sentence, unbracketed
        (
            f"{BODY}\n区领导参加会议。记者 李秋晨",
            "reporters",
            ["李秋晨"],
            f"{BODY}\n区领导参加会议。",
        ),
        (f"{BODY}\n来源：新闻晨报\n编辑：山石", "editors", ["山石"], BODY),
        (  # an editor after 来源 even when page chrome follows it
            f"{BODY}\n来源：新闻晨报\n编辑：山石\n幻灯欣赏：",
            "editors",
            ["山石"],
            f"{BODY}\n幻灯欣赏：",
        ),
        (  # a bare name line under the headline
            f"犬儒病(上)\n胡平\n——当代中国的精神危机 (上)\n{BODY}",
            "authors",
            ["胡平"],
            f"犬儒病(上)\n——当代中国的精神危机 (上)\n{BODY}",
        ),
        (f"胡平\n{BODY}", "authors", ["胡平"], BODY),
        (  # a caption's photo credit: the name is kept, the caption too
            f"为今后养老留条后路 蔡雪婧/摄\n{BODY}",
            "reporters",
            ["蔡雪婧"],
            f"为今后养老留条后路 蔡雪婧/摄\n{BODY}",
        ),
    ],
)
def test_bylines_leave_the_text_into_their_field(
    text: str, field: str, names: list[str], kept: str
) -> None:
    rec = _normalized(text=text)
    assert (rec[field], rec["text"]) == (names, kept)


@pytest.mark.parametrize(
    "text",
    [
        f"一、总体要求\n主要目标\n{BODY}",  # a subheading, not a name
        f"{BODY}（扩大）",
        f"{BODY}\n（未完待续）",
        f"人物画像\n{BODY}",
        f"{BODY}\n编辑部召开会议",
        f"{BODY}\n会后召开座谈会。记者从市农业农村局了解到这一情况",  # a sentence, no credit
    ],
)
def test_text_that_only_looks_like_a_byline_stays(text: str) -> None:
    rec = _normalized(text=text)
    assert rec["text"] == text
    assert rec["authors"] == rec["reporters"] == rec["editors"] == []


def test_a_post_stamp_leaves_the_text_and_fills_an_empty_date() -> None:
    stamp = "发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)"
    rec = _normalized(text=f"{BODY}\n{stamp}\nPost Comment\n记住我的信息")
    assert rec["text"] == f"{BODY}\nPost Comment\n记住我的信息"
    assert rec["published_at"] == "2004-12-27T12:40:00+08:00"
    kept = _normalized(text=f"{BODY}\n{stamp}", published_at="2004-12-28")
    assert kept["published_at"] == "2004-12-28"


def test_the_first_post_stamp_names_the_poster_replies_do_not() -> None:
    text = f"ggjjzhzz 发表于 2005-9-15 11:46:00\n{BODY}\n路人甲 发表于 2005-9-16 08:00:00\n好文。"
    rec = _normalized(text=text)
    assert rec["authors"] == ["ggjjzhzz"]
    assert rec["published_at"] == "2005-09-15T11:46:00+08:00"
    assert rec["text"] == f"{BODY}\n好文。"


@pytest.mark.parametrize(
    ("info_line", "field", "names"),
    [
        ("2004年7月16日08:19 [ 黄宇 ] 来源：[ 国际金融报 ]", "authors", ["黄宇"]),
        ("作者：芊草凡凡 时间：2005-08-22 19:13:18", "authors", ["芊草凡凡"]),
        ("发布时间 2005/03/15 22:36:13 by duscha", "authors", ["duscha"]),
        ("ggjjzhzz 发表于 2005-9-15 11:46:00", "authors", ["ggjjzhzz"]),
        ("来源：人民网 责任编辑：张三", "editors", ["张三"]),
    ],
)
def test_names_in_the_info_line_signal(info_line: str, field: str, names: list[str]) -> None:
    rec = _normalized(text=BODY, _signals={"info_line": info_line})
    assert rec[field] == names


def test_traditional_names_in_the_info_line_stay_converted_on_a_second_pass() -> None:
    rec = _normalized(text="會議發展經濟。", _signals={"info_line": "作者：鄭振亞 責任編輯：劉娟"})
    assert (rec["authors"], rec["editors"]) == (["郑振亚"], ["刘娟"])


def test_authors_is_always_present() -> None:
    assert _normalized(text=BODY)["authors"] == []


def test_an_info_line_name_read_again_in_traditional_form_is_one_name() -> None:
    """Hypothesis found it: only names were converted (no `converted_t2s` flag), so a second
    pass read 劉娟 again from the info line and kept 刘娟 twice."""
    rec = _normalized(text="(責編:李忠益 劉娟 審核:黨艷秋)来源:无锡高新区在线来源:无锡高新区在线")
    assert (rec["editors"], rec["reviewers"]) == (["李忠益", "刘娟"], ["党艳秋"])


def test_names_in_the_date_line_signal() -> None:
    date_line = "楼层： 第 1 楼 时间：2005-08-28 20:56:20 作者： 放飞&心情 振威将军(从一品)"
    rec = _normalized(text=BODY, _signals={"date_line": date_line})
    assert rec["authors"] == ["放飞&心情"]


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        (f"作者：张三\n{BODY}", ["张三"]),
        (f"作者：张三 来源：人民网\n{BODY}", ["张三"]),
        (f"作者：市发展和改革委员会\n{BODY}", []),  # no name, still byline chrome
        (f"撰稿：放飞&心情\n{BODY}", ["放飞&心情"]),
    ],
)
def test_an_author_line_opening_the_body_leaves_it(text: str, authors: list[str]) -> None:
    rec = _normalized(text=text)
    assert (rec["authors"], rec["text"]) == (authors, BODY)


def test_a_bracketed_lead_credit_after_a_columns_opening_words() -> None:
    """`【供稿/管理学院 黄翔】` opening the third line, after a column's 开栏语 and the issue's
    sub-heading: the credit leaves the text and names its author. A later line that opens with
    anything but 【 is never read so, nor a bracketed kicker naming nobody (`【重要提示】`)."""
    opening = "开栏语：从本期起，我们特别策划推出“大家谈”专栏，邀请党员领导干部分享学习心得。"
    heading = "第一期：职业教育要为人人皆可成才创造条件"
    rec = _normalized(text=f"{opening}\n{heading}\n【供稿/管理学院 黄翔】{BODY}")
    assert rec["authors"] == ["黄翔"]
    assert rec["text"] == f"{opening}\n{heading}\n{BODY}"
    for third in (f"供稿/管理学院 黄翔 {BODY}", f"【重要提示】{BODY}"):
        rec = _normalized(text=f"{opening}\n{heading}\n{third}")
        assert rec["authors"] == [] and rec["text"].endswith(third)


def test_a_wires_dateline_naming_its_reporters_under_a_lead_caption() -> None:
    """`中新网上海11月4日电 (陈静 奚晓蕾)` opening the line under a lead picture's caption: the
    reporters, out of the text with the dateline. A later line opening otherwise stays."""
    caption = (
        "复旦大学附属儿科医院跨性别多学科门诊由内分泌遗传代谢科发起。 复旦大学附属儿科医院供图"
    )
    rec = _normalized(text=f"{caption}\n中新网上海11月4日电 (陈静 奚晓蕾){BODY}")
    assert rec["reporters"] == ["陈静", "奚晓蕾"]
    assert rec["text"] == f"{caption}\n{BODY}"
    rec = _normalized(text=f"{caption}\n市民来电（陈静）{BODY}")
    assert rec["reporters"] == [] and rec["text"].endswith(f"市民来电（陈静）{BODY}")


def test_a_reprints_byline_under_its_headline_block() -> None:
    """A newspaper's report pasted whole: its 引题, subheading and headline on lines of their
    own, then `记者 殷俊 通讯员 朱水军`: the names, out of the text. A byline-shaped line after
    a sentence stays."""
    heads = "学生叫她“灵魂有趣的小姐姐”\n她上的语文课“非常有意思”\n张洁慧老师获全国青教赛冠军"
    rec = _normalized(text=f"{heads}\n记者 殷俊 通讯员 朱水军\n{BODY}")
    assert rec["reporters"] == ["殷俊", "朱水军"]
    assert rec["text"] == f"{heads}\n{BODY}"
    sentence = "9月3日，第二届全国中小学青年教师教学竞赛结果公布。"
    rec = _normalized(text=f"{sentence}\n{heads}\n记者 殷俊 通讯员 朱水军\n{BODY}")
    assert rec["reporters"] == [] and "记者 殷俊 通讯员 朱水军" in rec["text"]


def test_closing_credits_around_a_bracketed_note() -> None:
    """A report closing with `记者王恺凝`, `通讯员…`, a note in brackets and `制图 陶刚`: every
    credit leaves the text, the note stays. A bracketed note with no credit above it stays
    where it is, and the credit under it leaves."""
    credits = "记者王恺凝\n通讯员杜巍巍 邹亚琴 汤尚飞"
    note = "(为保护患者隐私，文中所有人名均为化名)"
    rec = _normalized(text=f"{BODY}\n{credits}\n{note}\n制图 陶刚")
    assert rec["reporters"] == ["王恺凝", "杜巍巍", "邹亚琴", "汤尚飞", "陶刚"]
    assert rec["text"] == f"{BODY}\n{note}"
    rec = _normalized(text=f"{BODY}\n{note}\n制图 陶刚")
    assert rec["reporters"] == ["陶刚"] and rec["text"] == f"{BODY}\n{note}"


def test_box_marked_byline_lines_under_the_leads_bullet_points() -> None:
    """A newspaper's feature opens with three bullet points, then `□ 本报记者 赵 丽` and `□
    本报见习记者 邹星宇` on lines of their own: the reporters, out of the text. A line opening
    with a box that names nobody stays."""
    points = "\n".join(
        f"● 第{i}个要点：跨性别人群面临的失业风险约为社会普通人群的3倍" for i in range(3)
    )
    rec = _normalized(text=f"{points}\n□ 本报记者 赵 丽\n□ 本报见习记者 邹星宇\n{BODY}")
    assert rec["reporters"] == ["赵丽", "邹星宇"]
    assert rec["text"] == f"{points}\n{BODY}"
    kept = _normalized(text=f"{points}\n□ 本期导读：专家解读新规\n{BODY}")
    assert kept["reporters"] == [] and "□ 本期导读：专家解读新规" in kept["text"]
