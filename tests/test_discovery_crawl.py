"""Discovery over HTTP: real `scrapy crawl govnews` runs over the shape replicas on 127.0.0.1
(testbed.replica.shapes: one column of three list pages per CMS shape no other replica has),
the pager bomb, and the same crawl five times with answers in a shuffled order."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from crawling import crawl, crawl_log, records, run_stats

from testbed.replica.model import ReplicaSite
from testbed.replica.server import ReplicaServer
from testbed.replica.shapes import PAGES, SHAPES, ShapeSite, build_shape_replicas

pytestmark = pytest.mark.e2e  # real scrapy crawls over HTTP

FAST = {"CONCURRENT_REQUESTS_PER_DOMAIN": 16, "ARCHIVE_FSYNC": 0, "WARC_ENABLED": 0}
BOMB_CAP = 25
RUNS = 5
DETERMINISM_SITES = ("newslist", "columnshtml", "ntree")


@dataclass
class Shapes:
    server: ReplicaServer
    sites: dict[str, ReplicaSite]

    def seed_file(self, path: Path, names: list[str]) -> Path:
        lines = [
            line
            for line in self.server.seed_lines()
            if any(f"name={self.sites[n].label}" in line for n in names)
        ]
        path.write_text("\n".join(lines) + "\n", "utf-8")
        return path

    def main_articles(self, name: str) -> set[str]:
        site = self.sites[name]
        return {self.server.url(name, d.truth.url_path) for d in site.docs if d.column_id == "main"}

    def requested(self, name: str) -> set[str]:
        return {r.path for r in self.server.request_log() if r.site == name and r.status == 200}


@pytest.fixture(scope="module")
def shapes() -> Iterator[Shapes]:
    sites = build_shape_replicas()
    with ReplicaServer(sites) as server:
        yield Shapes(server, {site.name: site for site in sites})


def test_every_shape_column_is_crawled_to_its_last_page(shapes: Shapes, tmp_path: Path) -> None:
    names = [name for name, _, _ in SHAPES]
    archive = tmp_path / "archive"
    shapes.server.clear_log()
    code = crawl(shapes.seed_file(tmp_path / "seeds.txt", names), archive, RUN_ID="shapes", **FAST)
    assert code == 0, crawl_log(archive, "shapes")
    archived = {r["url"] for r in records(archive)}
    for name in names:
        site = shapes.sites[name]
        assert isinstance(site, ShapeSite)
        assert shapes.main_articles(name) <= archived, name  # every article of every page
        if name != "hanwebgbk":  # one column page, the rest comes through the paging proxy
            pages = {site.list_path(n) for n in range(1, site.pages_count + 1)}
            assert pages <= shapes.requested(name), name  # the pager followed to the last page
    # the ASP.NET column's pages 2 and 3 are its form posted back, each once
    posted = [r for r in shapes.server.request_log() if r.site == "webforms" and r.method == "POST"]
    assert [(r.path, r.status) for r in posted] == [("/News/List.aspx?cid=12", 200)] * (PAGES - 1)
    proxied = {p for p in shapes.requested("hanwebgbk") if "dataproxy.jsp" in p}
    assert len(proxied) == 2  # records 7-12 and 13-18, the GBK webname sent byte for byte
    stats = run_stats(archive, "shapes")
    assert stats["discovery/pager_pages"] >= 2 * (len(names) - 1)
    assert stats["discovery/postback_pages"] == PAGES - 1
    assert "discovery/list_pages_capped" not in stats


def test_the_pager_bomb_is_capped_and_the_crawl_ends(shapes: Shapes, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shapes.server.clear_log()
    settings = {**FAST, "SPIDER_MAX_LIST_PAGES_PER_COLUMN": BOMB_CAP, "RUN_ID": "bomb"}
    code = crawl(
        shapes.seed_file(tmp_path / "seeds.txt", ["bomb"]), archive, timeout=90, **settings
    )
    assert code == 0, crawl_log(archive, "bomb")
    pages = {p for p in shapes.requested("bomb") if p.startswith("/bomb/")}
    assert len(pages) == BOMB_CAP  # the first page and the pages the cap let through
    assert run_stats(archive, "bomb")["discovery/list_pages_capped"] >= 1


def test_the_same_crawl_five_times_finds_the_same_set(shapes: Shapes, tmp_path: Path) -> None:
    seeds = shapes.seed_file(tmp_path / "seeds.txt", list(DETERMINISM_SITES))
    found: list[frozenset[str]] = []
    for run in range(RUNS):
        for name in DETERMINISM_SITES:
            site = shapes.sites[name]
            assert isinstance(site, ShapeSite)
            site.jitter = random.Random(run)  # answers arrive in another order each run
        archive = tmp_path / f"archive-{run}"
        try:
            assert crawl(seeds, archive, RUN_ID=f"run{run}", **FAST) == 0, crawl_log(
                archive, f"run{run}"
            )
        finally:
            for name in DETERMINISM_SITES:
                shapes.sites[name].jitter = None  # type: ignore[attr-defined]
        found.append(frozenset(r["url"] for r in records(archive)))
    assert all(run == found[0] for run in found), [sorted(run ^ found[0]) for run in found]
    assert all(shapes.main_articles(name) <= found[0] for name in DETERMINISM_SITES)
