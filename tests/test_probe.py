"""`python -m crawler probe`: what the crawler sees on a start page, over HTTP on 127.0.0.1 only."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.__main__ import main
from crawler.seeds import parse_seeds
from testbed.replica.server import ReplicaServer
from testbed.replica.shapes import ShapeSite, build_shape_replicas

PROBED = ("columnshtml", "powereasy", "trsnew")


@pytest.fixture(scope="module")
def server() -> Iterator[ReplicaServer]:
    sites = [site for site in build_shape_replicas() if site.name in PROBED]
    with ReplicaServer(sites) as running:
        yield running


def _probe(
    server: ReplicaServer, name: str, capsys: pytest.CaptureFixture[str], *extra: str
) -> str:
    site = server.sites[name]
    assert isinstance(site, ShapeSite)
    assert main(["probe", server.url(name, site.list_path(1)), *extra]) == 0
    return capsys.readouterr().out


def test_probe_shows_kind_articles_pager_and_a_seed_line(
    server: ReplicaServer, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _probe(server, "columnshtml", capsys)
    site = server.sites["columnshtml"]
    assert "kind    list: 6 items in 1 repeated block(s), 6 dated, and a pager" in out
    first = next(d for d in site.docs if d.column_id == "main")
    assert f"{first.published:%Y-%m-%d}  {first.shown_title}" in out
    assert server.url("columnshtml", first.truth.url_path) in out
    assert "pager   javascript:gotoCurrentPage()" in out
    assert f"next: {server.url('columnshtml', '/Column.shtml?p5=28&p7=2')}" in out
    assert "--- page 3 ---" in out  # the pager followed to the column's last page
    seed_line = out.split("seed line:\n", 1)[1].splitlines()[0].strip()
    (profile,) = parse_seeds(seed_line)  # a line the seed list reads as it is
    assert profile.article_pattern is not None and profile.list_pattern is not None
    assert profile.article_pattern.search(server.url("columnshtml", first.truth.url_path))
    assert profile.list_pattern.search(server.url("columnshtml", "/Column.shtml?p5=28&p7=3"))


def test_probe_needs_no_overrides_where_patterns_know_the_site(
    server: ReplicaServer, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _probe(server, "powereasy", capsys, "--pages", "1")
    assert "--- page 2 ---" not in out
    assert "list=" not in out  # Index_2.aspx is a list page by its URL
    assert "article=" in out  # Item/N.aspx is not an article by its URL: verified, or article=


def test_probe_saves_a_fixture_in_the_realpages_layout(
    server: ReplicaServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _probe(server, "trsnew", capsys, "--save", str(tmp_path / "case"))
    case = tmp_path / "case"
    truth = json.loads((case / "truth.json").read_text("utf-8"))
    origin = json.loads((case / "origin.json").read_text("utf-8"))
    site = server.sites["trsnew"]
    assert isinstance(site, ShapeSite)
    assert origin["original_url"] == truth["url"] == server.url("trsnew", site.list_path(1))
    main_docs = [d for d in site.docs if d.column_id == "main"][: site.per_page]
    assert truth["articles"] == [server.url("trsnew", d.truth.url_path) for d in main_docs]
    assert truth["next_pages"] == [server.url("trsnew", site.list_path(2))]
    assert truth["reviewed"] is False
    assert (case / "page.html").read_bytes() == site.pages[site.list_path(1)].body
    pages = json.loads((case / "pages" / "pages.json").read_text("utf-8"))
    assert [p["file"] for p in pages] == ["01.html", "02.html", "03.html"]


def test_probe_reports_an_unreachable_url(capsys: pytest.CaptureFixture[str]) -> None:
    with ReplicaServer([]) as empty:
        dead = empty.dead_url
    assert main(["probe", f"{dead}/index.html", "--timeout", "2"]) == 1
    assert "cannot fetch" in capsys.readouterr().err
