"""The benchmarks' on-the-fly site: pages are functions of the article number, nothing stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from crawling import crawl, crawl_log, records

from testbed.replica.onthefly import COLUMNS, OnTheFlySite
from testbed.replica.server import ReplicaServer
from testbed.replica.trs import PER_PAGE

ARTICLES = 95


def site(n_articles: int = ARTICLES) -> OnTheFlySite:
    built = OnTheFlySite("bulk", "南通开发区", seed=7, n_articles=n_articles)
    built.rebuild()
    return built


def test_every_article_is_listed_once_and_served_the_same_each_time() -> None:
    bulk = site()
    listed = []
    for column_id, _ in bulk.columns:
        page = 0
        while found := bulk.resolve(
            f"/{column_id}/" + (f"index_{page}.html" if page else "index.html"), ""
        ):
            listed += [line for line in found.body.decode().split('href="./')[1:]]
            page += 1
    paths = {bulk.doc(n).truth.url_path for n in range(ARTICLES)}
    assert len(listed) == ARTICLES == len(paths)
    one = bulk.doc(42).truth.url_path
    first, again = bulk.resolve(one, ""), site().resolve(one, "")
    assert first is not None and again is not None and first.body == again.body
    assert bulk.resolve(one.replace("_100042", "_100095"), "") is None  # past the last article
    assert len(bulk.pages) < 10  # only the fixed pages are kept


def test_columns_page_newest_first() -> None:
    bulk = site(COLUMNS * PER_PAGE * 2 + 3)
    newest = bulk.column_docs(0, 0)
    assert len(newest) == PER_PAGE
    assert [d.published for d in newest] == sorted((d.published for d in newest), reverse=True)
    # three articles past two full pages per column: the first three columns have a third page
    assert [len(bulk.column_docs(c, 2)) for c in range(COLUMNS)] == [1, 1, 1] + [0] * (COLUMNS - 3)


@pytest.mark.e2e
def test_a_crawl_archives_every_article(tmp_path: Path) -> None:
    bulk = site()
    with ReplicaServer([bulk], log_requests=False) as server:
        seeds = server.write_seed_file(tmp_path / "seeds.txt")
        archive = tmp_path / "archive"
        assert crawl(seeds, archive, RUN_ID="bulk") == 0, crawl_log(archive, "bulk")
        expected = {server.url("bulk", bulk.doc(n).truth.url_path) for n in range(ARTICLES)}
    assert {r["url"] for r in records(archive)} == expected
    assert server.request_log() == []  # not kept when asked not to
