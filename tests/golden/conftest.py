"""`--regen-golden`: write `expected.actual.json` next to each golden case for review."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        default=False,
        help="write expected.actual.json next to each golden expected.json (never overwrites it)",
    )
