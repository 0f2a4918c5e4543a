from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crawler.page.chinese import has_traditional, to_simplified, to_simplified_name
from crawler.page.flags import flag_record
from crawler.page.normalize import normalize_record, normalize_whitespace


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u3000\u3000第一段。\n\n\n\u3000\u3000第二段。", "第一段。\n第二段。"),
        ("发布时间:2023\u00a0\u00a0来源", "发布时间:2023 来源"),
        ("  缩进\t文字  \r\n\r\n结尾", "缩进 文字\n结尾"),
        ("零\u200b宽\ufeff字符", "零宽字符"),
        ("全角标点，保留。“引号”！", "全角标点，保留。“引号”！"),
        ("e\u0301", "\u00e9"),  # NFC
        ("", ""),
    ],
)
def test_normalize_whitespace(raw: str, expected: str) -> None:
    assert normalize_whitespace(raw) == expected


def test_run_together_paragraphs_are_split() -> None:
    long = "甲" * 170
    raw = f"{long}。 区领导出席。 杨博强调: 要领会核心要义。"
    assert normalize_whitespace(raw).split("\n") == [
        f"{long}。",
        "区领导出席。",
        "杨博强调:",
        "要领会核心要义。",
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("鄭振亞", "郑振亚"),
        ("黨艷秋", "党艳秋"),
        ("於明", "於明"),  # the surname 於 is itself simplified
        ("王乾", "王乾"),  # 乾 (qián) in a name is not 干
        ("乾坤", "乾坤"),
        ("後宏", "后宏"),  # 後 -> 后 also in names
        ("劉娟", "刘娟"),
    ],
)
def test_to_simplified_name(name: str, expected: str) -> None:
    assert to_simplified_name(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("乾淨擔當", "干净担当"),
        ("於是", "于是"),
        ("後來", "后来"),
        ("讀原著", "读原著"),
        ("發展經濟的著力點", "发展经济的着力点"),
        ("隨著會議召開,效果顯著", "随着会议召开,效果显著"),
        ("著名的著作", "著名的著作"),
        ("著力点", "著力点"),  # already simplified: left as the author wrote it
    ],
)
def test_to_simplified_text(text: str, expected: str) -> None:
    assert to_simplified(text) == expected


def test_has_traditional_is_cheap_and_exact() -> None:
    assert not has_traditional("全部是简体字的新闻稿。")
    assert has_traditional("會議")
    assert not has_traditional("")
    assert not has_traditional("王乾、於明和乾隆年间的故事")  # GB2312 characters: simplified too


def test_simplified_page_with_ambiguous_characters_is_not_converted() -> None:
    rec = _normalized(title="王乾同志调研", text="於明、王乾到乾县调研。", editors=["王乾"])
    assert (rec["title"], rec["text"], rec["editors"]) == (
        "王乾同志调研",
        "於明、王乾到乾县调研。",
        ["王乾"],
    )
    assert (rec["text_original"], rec["flags"]) == (None, [])


def _normalized(**fields: Any) -> dict[str, Any]:
    return normalize_record({"flags": [], **fields})


def test_traditional_record_is_converted_with_original_kept() -> None:
    rec = _normalized(
        title="宜都市召開會(huì )議",
        source="宜都市融媒體中心",
        text=(
            "宜都融媒訊 (記者 鄭振亞)為認真貫徹落實(shí)黨中央部署\n"
            "會(huì )議強調\n(責編:李忠益 劉娟 審核:黨艷秋)"
        ),
    )
    assert rec["title"] == "宜都市召开会议"
    assert rec["source"] == "宜都市融媒体中心"
    assert rec["text"] == "为认真贯彻落实党中央部署\n会议强调"
    assert rec["text_original"] == "為認真貫徹落實黨中央部署\n會議強調"
    assert (rec["reporters"], rec["editors"], rec["reviewers"]) == (
        ["郑振亚"],
        ["李忠益", "刘娟"],
        ["党艳秋"],
    )
    assert rec["flags"] == ["converted_t2s"]
    assert normalize_record(rec) == rec


def test_simplified_record_is_left_alone() -> None:
    rec = _normalized(title="标题", text="第一段。\n第二段。", source="新吴区人民政府")
    assert rec["text"] == "第一段。\n第二段。"
    assert rec["text_original"] is None
    assert rec["flags"] == []


def test_input_is_not_mutated() -> None:
    fields = {"title": "標題", "text": "會議", "flags": ["ruby_removed"], "reporters": []}
    normalize_record(fields)
    assert fields == {"title": "標題", "text": "會議", "flags": ["ruby_removed"], "reporters": []}


def test_chrome_lines_fill_only_empty_fields() -> None:
    text = (
        "当前位置:网站首页 > 新闻中心 > 正文\n"
        "发布时间:2023-01-13 09:07 来源:新吴区人民政府 选择阅读字号:[ ]\n"
        "正文第一段。\n555.jpg\n打印本页 关闭窗口\n来源:无锡高新区在线"
    )
    rec = _normalized(title="标题", text=text)
    assert rec["text"] == "正文第一段。"
    assert rec["source"] == "新吴区人民政府"
    assert rec["published_at"] == "2023-01-13T09:07:00+08:00"
    assert rec["breadcrumbs"] == ["网站首页", "新闻中心"]  # 正文 is the page itself
    kept = _normalized(title="标题", text=text, source="已有来源", breadcrumbs=["首页"])
    assert (kept["source"], kept["breadcrumbs"]) == ("已有来源", ["首页"])


def test_captions_file_names_dropped_and_converted() -> None:
    images = [
        {"url": "http://a/W0555.jpg", "caption": "555.jpg"},
        {"url": "http://a/2.jpg", "caption": "\u3000會議現場\u00a0"},
        {"url": "http://a/3.jpg", "caption": None},
    ]
    attachments = [{"url": "http://a/f.pdf", "title": "附件1:實施方案.pdf"}]
    rec = _normalized(title="會議", text="會議召開。", images=images, attachments=attachments)
    assert [i["caption"] for i in rec["images"]] == [None, "会议现场", None]
    assert rec["attachments"] == [{"url": "http://a/f.pdf", "title": "附件1:实施方案.pdf"}]
    assert images[1]["caption"] == "\u3000會議現場\u00a0"


def test_info_line_editor_is_kept_as_a_name() -> None:
    rec = _normalized(title="标题", text="来源:人民网 责任编辑:张三 浏览次数:5\n正文。")
    assert (rec["text"], rec["source"], rec["editors"]) == ("正文。", "人民网", ["张三"])


def test_trailing_source_line_moves_to_empty_source() -> None:
    rec = _normalized(title="标题", text="正文。\n来源:无锡高新区在线")
    assert (rec["text"], rec["source"]) == ("正文。", "无锡高新区在线")


def test_a_source_line_wins_over_a_source_that_only_repeats_the_issuing_body() -> None:
    """A disclosure page's source tag copies its 发文机关 (`江西省市场监督管理局`); the text's
    own `稿源：省消保委秘书处` names the article's source. Any other source stays the record's."""
    document = {"publisher": "江西省市场监督管理局", "index_no": "014501068/2020-01382"}
    text = "正文第一段。\n稿源：省消保委秘书处\n通讯员：章熊"
    rec = _normalized(title="标题", text=text, source="江西省市场监督管理局", document=document)
    assert (rec["text"], rec["source"], rec["reporters"]) == (
        "正文第一段。",
        "省消保委秘书处",
        ["章熊"],
    )
    other = _normalized(title="标题", text=text, source="江西日报", document=document)
    assert other["source"] == "江西日报"


def test_a_source_line_wins_over_a_source_tag_naming_the_site() -> None:
    """A ministry's site tags every page's source with its own short name (`财政部` on the site
    中华人民共和国财政部); a 来源 line in the text names the article's. Another site's tag
    stays."""
    text = "正文第一段。\n来源：中国注册会计师协会"
    site = {"name": "中华人民共和国财政部"}
    rec = _normalized(title="标题", text=text, source="财政部", site=site)
    assert (rec["text"], rec["source"]) == ("正文第一段。", "中国注册会计师协会")
    other = _normalized(title="标题", text=text, source="财政部", site={"name": "某某市人民政府"})
    assert other["source"] == "财政部"


def test_byline_alone_on_the_first_line() -> None:
    rec = _normalized(title="标题", text="(记者 张三 通讯员 李四)\n近日,会议召开。")
    assert (rec["text"], rec["reporters"]) == ("近日,会议召开。", ["张三", "李四"])


def test_byline_appended_to_last_paragraph() -> None:
    rec = _normalized(title="标题", text="正文结束。(责任编辑:张三)")
    assert (rec["text"], rec["editors"]) == ("正文结束。", ["张三"])


def test_a_line_naming_a_column_of_the_trail_next_to_the_body_leaves_it() -> None:
    """A sidebar's heading after the body (`我院要闻`, the column the trail names) is no line of
    the article; a line naming it inside the body stays."""
    crumbs = ["主页", "我院要闻"]
    rec = _normalized(
        title="标题", breadcrumbs=crumbs, text="正文第一段。\n我院要闻\n正文。\n我院要闻"
    )
    assert rec["text"] == "正文第一段。\n我院要闻\n正文。"
    rec = _normalized(title="标题", breadcrumbs=crumbs, text="我院要闻\n正文。")
    assert rec["text"] == "正文。"


def test_repeated_title_and_stray_bar() -> None:
    rec = _normalized(title="会议召开", text="会议召开\n正文。 |")
    assert rec["text"] == "正文。"


GOLDEN = Path(__file__).parent / "golden"
SEED_CASES = sorted(GOLDEN.glob("seed_*/seed.txt"))


@pytest.mark.parametrize("seed", SEED_CASES, ids=lambda p: p.parent.name)
def test_seed_text_alone_gives_the_wanted_body(seed: Path) -> None:
    """normalize + flags on the flattened seed text (no HTML): the golden body, names, flags."""
    expected = json.loads((seed.parent / "case" / "expected.json").read_text("utf-8"))
    fields = {"text": seed.read_text("utf-8"), "title": expected["title"], "flags": []}
    rec = flag_record(normalize_record(fields))
    assert rec["text"] == expected["text"]
    assert rec["text_original"] == expected["text_original"]
    for name in ("authors", "reporters", "editors", "reviewers"):
        assert rec[name] == expected[name]
    assert rec["flags"] == sorted(set(expected["flags"]) - {"ruby_removed"})


def test_trailers_stacked_at_the_end_all_leave_in_one_normalization() -> None:
    """Hypothesis found it: four `(責編…)` trailers after the body; removing them one per pass
    ran out of passes, so a second normalization still changed the record."""
    trailer = "(責編:李忠益 劉娟 審核:黨艷秋)"
    once = normalize_record({"text": "一" + trailer * 4, "title": "一", "flags": []})
    assert once["editors"] == ["李忠益", "刘娟"] and once["reviewers"] == ["党艳秋"]
    assert trailer not in (once["text_original"] or "") and "責編" not in once["text"]
    assert normalize_record(once) == once


PROSE = "近年来，当地积极推行数字农机服务工作，促进农业增效、农民增收，群众纷纷点赞。"


def test_a_caption_keeps_its_photo_credit_and_the_name_is_taken() -> None:
    rec = normalize_record({"title": "标题", "text": f"{PROSE}\n新华社发（刘满仓摄）", "flags": []})
    assert rec["text"].endswith("新华社发（刘满仓摄）")
    assert "刘满仓" in rec["reporters"]


def test_a_bracketed_byline_alone_still_leaves_the_text() -> None:
    rec = normalize_record({"title": "标题", "text": f"{PROSE}\n（记者 张倩）", "flags": []})
    assert rec["text"] == PROSE and rec["reporters"] == ["张倩"]


@pytest.mark.parametrize(
    ("signals", "field", "names"),
    [
        ({"lines_before": "胡平"}, "authors", ["胡平"]),
        ({"lines_after": "来源：新闻晨报\n编辑：山石"}, "editors", ["山石"]),
        ({"lines_before": "首页\n新闻中心"}, "authors", []),  # no surname: no name
        ({"lines_after": "胡平"}, "authors", []),  # a bare name after the text is not a byline
        # a byline line of its own under the last paragraph: a role word, no colon
        ({"lines_after": "记者 刘涛\n最新动态"}, "reporters", ["刘涛"]),
        ({"lines_after": "整合 新华日报·交汇点记者 徐睿翔"}, "reporters", ["徐睿翔"]),
        ({"lines_before": "本报记者 张三 李四"}, "reporters", ["张三", "李四"]),
        ({"lines_after": "记者节座谈会在京召开"}, "reporters", []),
    ],
)
def test_names_in_the_lines_just_outside_the_body(
    signals: dict[str, str], field: str, names: list[str]
) -> None:
    rec = normalize_record({"title": "犬儒病", "text": PROSE, "flags": [], "_signals": signals})
    assert rec[field] == names
    assert rec["text"] == PROSE  # read, never added to the text


def test_an_editor_line_naming_an_account_closes_no_body() -> None:
    for line in ("（责任编辑：系统管理员）", "[责任编辑：alonliu]"):
        rec = normalize_record({"title": "标题", "text": f"{PROSE}\n{line}", "flags": []})
        assert rec["text"] == PROSE and rec["editors"] == []


def test_a_photo_credit_in_a_caption_names_the_photographer() -> None:
    images = [{"src": "http://x.gov.cn/1.jpg", "caption": "图为启动仪式现场。（刘通摄）"}]
    rec = normalize_record({"title": "标题", "text": PROSE, "flags": [], "images": images})
    assert rec["reporters"] == ["刘通"]
    assert rec["images"][0]["caption"] == "图为启动仪式现场。（刘通摄）"


def test_a_source_line_in_the_text_names_the_editor_it_gives() -> None:
    rec = _normalized(title="标题", text="正文第一段。\n来源：中国网 | 作者：| 责编：胡金")
    assert (rec["text"], rec["editors"], rec["source"]) == ("正文第一段。", ["胡金"], "中国网")
