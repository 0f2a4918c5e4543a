from __future__ import annotations

import pytest

from crawler.page.pinyin import is_pinyin_syllable, strip_pinyin_annotations


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("落實(shí)黨中央", "落實黨中央"),
        ("社會(huì )主義", "社會主義"),
        ("長(cháng)江", "長江"),
        ("素質(zhì)專業", "素質專業"),
        ("關(guān)于", "關于"),
        ("經(jīng)開區(qū)", "經開區"),
        ("領(lǐng)導(dǎo)", "領導"),
        ("綠(lǜ)色", "綠色"),
        ("中国(zhong)人", "中国人"),
        ("会（huì）议", "会议"),
        ("會 (huì) 議", "會 議"),
        # real parentheses stay
        ("中心组学习(扩大)会议", "中心组学习(扩大)会议"),
        ("宜都融媒訊 (記者 鄭振亞)為", "宜都融媒訊 (記者 鄭振亞)為"),
        ("年度报告(2022)", "年度报告(2022)"),
        ("世界贸易组织(WTO)", "世界贸易组织(WTO)"),
        ("Beijing (capital) city", "Beijing (capital) city"),
        ("see (shi) here", "see (shi) here"),
        ("条款(a)项", "条款(a)项"),
        ("新区(new)", "新区(new)"),
        ("编号(abc)", "编号(abc)"),
        ("没有括号的文本", "没有括号的文本"),
    ],
)
def test_strip_pinyin_annotations(raw: str, expected: str) -> None:
    assert strip_pinyin_annotations(raw) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("shí", True), ("huì", True), ("cháng", True), ("zhuān", True), ("lǜ", True),
        ("de", True), ("zhong", True), ("ā", True),
        ("a", False), ("abc", False), ("new", False), ("wto", False), ("x", False),
    ],
)  # fmt: skip
def test_is_pinyin_syllable(word: str, expected: bool) -> None:
    assert is_pinyin_syllable(word) is expected
