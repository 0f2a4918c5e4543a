"""Saved real pages of hijacked official sites (tests/realhijacked/<case>/): the page as its
source stored it, where it comes from (`origin.json`, with how it was hijacked) and what the
hijacker put on it (`truth.json`). The record of such a page is flagged `hijacked_site`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crawler.page.assemble import build_record

REAL_HIJACKED = Path(__file__).parent / "realhijacked"
CASES = sorted(p.parent.name for p in REAL_HIJACKED.glob("*/page.html"))


def _load(case: str, name: str) -> Any:
    return json.loads((REAL_HIJACKED / case / name).read_text("utf-8"))


def test_every_case_says_where_it_comes_from() -> None:
    assert CASES
    for case in CASES:
        origin, truth = _load(case, "origin.json"), _load(case, "truth.json")
        assert origin["index_file_id"] and origin["excerpt"] and origin["how_hijacked"], case
        assert truth["hijacked"] and truth["spam_strings"], case
        page = (REAL_HIJACKED / case / "page.html").read_text("utf-8")
        assert all(spam in page for spam in truth["spam_strings"]), case


@pytest.mark.parametrize("case", CASES)
def test_a_hijacked_page_is_flagged(case: str) -> None:
    origin = _load(case, "origin.json")
    url = origin["original_url"] or origin["site_url"]
    record = build_record((REAL_HIJACKED / case / "page.html").read_bytes(), url)
    assert "hijacked_site" in record["flags"]
