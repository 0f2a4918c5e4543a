"""Every replica article page, through `build_record`, gives the fields its truth lists.

The end-to-end crawl checks title, date and source over HTTP; this checks the remaining
structured fields page by page, without a crawl, so a failure names the site and the field.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Any

import pytest

from crawler.page.assemble import build_record
from testbed.replica import build_replicas
from testbed.replica.model import ArticleTruth

BASE = "http://127.0.0.1:9/"
FIELDS = ("breadcrumbs", "column", "reporters", "editors", "reviewers", "images", "attachments")


@cache
def _pages() -> list[tuple[str, ArticleTruth, dict[str, Any]]]:
    out = []
    for site in build_replicas(300):
        for truth in site.articles:
            body = site.pages[truth.url_path].body
            out.append((site.name, truth, build_record(body, BASE + truth.url_path.lstrip("/"))))
    return out


def _file_names(items: list[dict[str, Any]], label: str) -> list[tuple[str, Any]]:
    return [(item["url"].rsplit("/", 1)[-1], item[label]) for item in items]


def _wanted_and_got(field: str, truth: ArticleTruth, rec: dict[str, Any]) -> tuple[Any, Any]:
    if field == "images":
        return _file_names(truth.images, "caption"), _file_names(rec["images"], "caption")
    if field == "attachments":
        return _file_names(truth.attachments, "title"), _file_names(rec["attachments"], "title")
    return getattr(truth, field), rec[field]


@pytest.mark.parametrize("field", FIELDS)
def test_replica_articles_give_the_truth(field: str) -> None:
    misses: Counter[str] = Counter()
    first: dict[str, tuple[str, Any, Any]] = {}
    for site, truth, rec in _pages():
        wanted, got = _wanted_and_got(field, truth, rec)
        if wanted != got:
            misses[site] += 1
            first.setdefault(site, (truth.url_path, wanted, got))
    assert not misses, (dict(misses), first)


def test_replica_flags_match_the_truth() -> None:
    checked = {"hijacked_site", "content_farm"}
    wrong = [
        (truth.url_path, truth.flags, rec["flags"])
        for _, truth, rec in _pages()
        if sorted(set(rec["flags"]) & checked) != sorted(truth.flags)
    ]
    assert wrong == []
    assert sum(bool(truth.flags) for _, truth, _ in _pages()) >= 2  # both kinds are present
