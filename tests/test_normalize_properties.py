"""Property tests: normalizing is idempotent and never loses body characters it should keep."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from crawler.page.flags import flag_record
from crawler.page.normalize import normalize_record

SIMPLIFIED = "的一是了人在有会议发展经济建设党委工作学习区市县新时代推进全面"
TRADITIONAL = "會議發展經濟建設黨學習區縣時代進於乾後與為"
SPACES = [" ", "\u3000", "\u00a0", "\t", "\n", "\n\n", "\r\n"]
NOISE = [
    "(shí)", "(huì )", " (cháng)", "(扩大)", "(2022)", "(WTO)", "?shù)母咚刭|(zhì)", "?jīng)_",
    "xx", "***", "555.jpg", "当前位置:首页 > 新闻 > 正文", "发布时间:2023-01-13 09:07 来源:区政府",
    "(責編:李忠益 劉娟 審核:黨艷秋)", "宜都融媒訊 (記者 鄭振亞)", "来源:无锡高新区在线", " |",
    "打印本页 关闭窗口", "当前隐藏内容免费查看", "下面是小编为大家整理的", "。", ",", ":", "●",
]  # fmt: skip
CJK = re.compile(r"[\u3400-\u9fff]")

fragments = st.one_of(
    st.text(alphabet=SIMPLIFIED + TRADITIONAL, min_size=1, max_size=30),
    st.sampled_from(SPACES),
    st.sampled_from(NOISE),
)
noisy_texts = st.lists(fragments, max_size=40).map("".join)
titles = st.one_of(st.none(), st.text(alphabet=SIMPLIFIED + TRADITIONAL + " ", max_size=20))


@settings(max_examples=300, deadline=None)
@given(text=noisy_texts, title=titles)
# a name line in traditional characters whose surname is common only once converted (於 -> 于)
@example(text="於一\n一一一一一一一濟", title=None)
def test_normalize_is_idempotent(text: str, title: str | None) -> None:
    once = normalize_record({"text": text, "title": title, "flags": []})
    assert normalize_record(once) == once


@settings(max_examples=200, deadline=None)
@given(text=noisy_texts, title=titles)
def test_flag_record_is_idempotent(text: str, title: str | None) -> None:
    once = flag_record(normalize_record({"text": text, "title": title, "flags": []}))
    assert flag_record(once) == once


sentences = st.text(alphabet=SIMPLIFIED + TRADITIONAL, min_size=1, max_size=60).map(
    lambda s: s + "。"
)
plain_bodies = st.lists(st.tuples(sentences, st.sampled_from(SPACES)), min_size=1, max_size=12).map(
    lambda parts: "".join(s + sep for s, sep in parts)
)


@settings(max_examples=300, deadline=None)
@given(text=plain_bodies)
def test_body_characters_are_kept(text: str) -> None:
    rec = normalize_record({"text": text, "title": None, "flags": []})
    kept = rec["text_original"] if rec["text_original"] is not None else rec["text"]
    assert CJK.findall(kept) == CJK.findall(text)
    assert len(CJK.findall(rec["text"])) == len(CJK.findall(text))
