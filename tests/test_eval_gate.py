"""Eval gate: our extraction over every golden page must not fall below pinned floors.

Raise the floors as extraction improves; never lower them silently.
Measured when pinned: golden pages (12) mean bigram F1 1.000, 0 chrome leaks; replica
articles (120) F1 1.000, 0 leaks, titles/dates/sources 100%.
"""

from __future__ import annotations

from pathlib import Path

from bench import extraction_eval as bench

ROOT = Path(__file__).resolve().parent.parent
F1_FLOOR = 0.995
LEAKS_CEILING = 0
MIN_PAGES = 12
REPLICA_ARTICLES = 120


def test_golden_pages_stay_above_the_floors() -> None:
    cases = list(bench.golden_cases(ROOT / "tests" / "golden"))
    scored = [case for case in cases if case.text is not None]
    assert len(scored) >= MIN_PAGES
    result = bench.summary(scored)
    assert result["f1"] >= F1_FLOOR, f"mean F1 {result['f1']:.4f} fell below {F1_FLOOR}"
    assert result["leaks"] <= LEAKS_CEILING, f"{result['leaks']} chrome strings leaked"


def test_replica_articles_stay_above_the_floors() -> None:
    result = bench.summary(list(bench.replica_cases(REPLICA_ARTICLES)))
    assert result["f1"] >= F1_FLOOR
    assert result["leaks"] <= LEAKS_CEILING
    assert (result["title"], result["date"], result["source"]) == (1.0, 1.0, 1.0)


def test_bigram_f1_is_a_real_measure() -> None:
    assert bench.bigram_f1("会议强调要落实", "会议强调要落实") == 1.0
    assert bench.bigram_f1("會議強調", "会议强调") == 1.0  # both sides simplified
    assert bench.bigram_f1("完全不同的文字", "会议强调要落实") == 0.0
    assert 0.0 < bench.bigram_f1("会议强调要落实工作", "会议强调") < 1.0
