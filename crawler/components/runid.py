"""One id per crawl run, shared by every component of that run (records carry it)."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

_ATTR = "_govnews_run_id"


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def run_id_for(crawler: Any) -> str:
    """The run id of this crawler (setting RUN_ID if given, else made once and kept)."""
    run_id = getattr(crawler, _ATTR, None)
    if run_id is None:
        run_id = crawler.settings.get("RUN_ID") or new_run_id()
        setattr(crawler, _ATTR, run_id)
    return str(run_id)
