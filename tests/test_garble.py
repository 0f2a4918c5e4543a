from __future__ import annotations

import pytest

from crawler.page.garble import realign, repair_garbled


def test_realign_recovers_lost_lead_byte() -> None:
    # 的高素質 = b5c4 b8df cbd8 d97c; without b5 the bytes read 母咚刭 + "|"
    assert realign("母咚刭|") == "的高素質"


@pytest.mark.parametrize("span", ["_", "正常文字", "高素質", "ab"])
def test_realign_refuses_when_shift_is_not_common_text(span: str) -> None:
    assert realign(span) is None


def test_repair_seed_003_spans() -> None:
    raw = "忠誠乾淨擔(dān)當(dāng)?shù)母咚刭|(zhì)專業化 集中到?jīng)_刺全年"
    report = repair_garbled(raw)
    assert report.found == 2
    assert report.repaired == 1
    assert "擔(dān)當(dāng)的高素質(zhì)專業化" in report.text
    # one orphan byte, many candidates and no other evidence: left exactly as it was
    assert "集中到?jīng)_刺全年" in report.text


def test_orphan_byte_restored_from_a_pair_elsewhere_in_the_text() -> None:
    raw = "集中到?jīng)_刺全年的目標,全力沖刺拼搏"
    report = repair_garbled(raw)
    assert (report.text, report.found, report.repaired) == (
        "集中到沖刺全年的目標,全力沖刺拼搏",
        1,
        1,
    )


@pytest.mark.parametrize(
    "text",
    ["为什么?a) 选项", "网址 ab?x) 中文", "没有问题的文本。", "Is it?(yes)", "提问?答案)"],
)
def test_no_false_markers(text: str) -> None:
    report = repair_garbled(text)
    assert (report.text, report.found, report.repaired) == (text, 0, 0)


def test_replacement_character_is_reported_not_repaired() -> None:
    report = repair_garbled("文字\ufffd文字")
    assert (report.found, report.repaired, report.text) == (1, 0, "文字\ufffd文字")
