"""Golden pages: `tests/golden/<site>/<case>/` holds `page.html` (raw bytes), `meta.json`
{url, declared_encoding}, `expected.json` (the wanted record fields, written by hand) and
`snippets.json` {must_contain, must_not_contain} for the body text.

One test per expected field, one for the snippets, one for the JSON schema; a case without
expected.json or snippets.json fails. `pytest tests/test_golden.py --regen-golden` (or
`GOVNEWS_REGEN_GOLDEN=1`) writes `expected.actual.json` beside each case for review;
expected.json itself is never overwritten.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from crawler.page.assemble import build_record
from crawler.page.record import record_schema

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.parent for p in GOLDEN.glob("*/*/page.html"))
FETCHED_AT = "2024-01-01T00:00:00Z"


def _load(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


@cache
def record_of(case: Path) -> dict[str, Any]:
    meta = _load(case / "meta.json")
    page = (case / "page.html").read_bytes()
    rec = build_record(
        page, meta["url"], declared_encoding=meta.get("declared_encoding"), fetched_at=FETCHED_AT
    )
    return dict(rec)


def _case_id(case: Path) -> str:
    return f"{case.parent.name}/{case.name}"


def _field_params() -> list[Any]:
    params = []
    for case in CASES:
        expected = _load(case / "expected.json")  # a case without one fails collection
        for field in expected:
            params.append(pytest.param(case, field, id=f"{_case_id(case)}:{field}"))
    return params


def _regen_wanted(config: pytest.Config) -> bool:
    option = bool(config.getoption("--regen-golden"))
    return option or os.environ.get("GOVNEWS_REGEN_GOLDEN") == "1"


@pytest.fixture(scope="module", autouse=True)
def regen_golden(request: pytest.FixtureRequest) -> None:
    if not _regen_wanted(request.config):
        return
    for case in CASES:
        actual = {k: v for k, v in record_of(case).items() if k != "fetched_at"}
        text = json.dumps(actual, ensure_ascii=False, indent=2) + "\n"
        (case / "expected.actual.json").write_text(text, "utf-8")


def test_golden_cases_exist() -> None:
    assert {c.parent.name for c in CASES} >= {
        "seed_000_hijacked", "seed_001_ruby", "seed_002_vsb", "seed_003_garbled",
        "seed_004_content_farm",
    }  # fmt: skip


@pytest.mark.parametrize(("case", "field"), _field_params())
def test_golden_field(case: Path, field: str) -> None:
    expected = _load(case / "expected.json")[field]
    actual = record_of(case)[field]
    if field == "flags":
        expected, actual = sorted(expected), sorted(actual)
    assert actual == expected


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_golden_snippets(case: Path) -> None:
    snippets = _load(case / "snippets.json")
    assert snippets["must_contain"] and snippets["must_not_contain"]
    text = record_of(case)["text"]
    missing = [s for s in snippets.get("must_contain", []) if s not in text]
    leaked = [s for s in snippets.get("must_not_contain", []) if s in text]
    assert (missing, leaked) == ([], [])


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_golden_record_matches_schema(case: Path) -> None:
    jsonschema.validate(record_of(case), record_schema())
