"""Lists a page carries as data for a script to render (`var listData = {articleList: […]}`):
the pure reading of the records (crawler.page.scriptlists), and a crawl over HTTP on 127.0.0.1
of a column whose HTML holds no row at all, whose articles are all archived."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
from crawling import crawl, crawl_log, records, run_stats
from tinysite import PageHandler, TinySite, page, site_fixture

from crawler.page.scriptlists import script_records

BASE = "https://sthjt.example.gov.cn/site/col/col42150/index.html"


def _records(rows: list[dict[str, object]], name: str = "articleList") -> str:
    return f"<script>var listData = {{ {name}: {json.dumps(rows, ensure_ascii=False)} }};</script>"


def _page(*scripts: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(
        f"<html><head>{''.join(scripts)}</head><body><div id='380055'></div></body></html>"
    )


def _row(n: int, **extra: object) -> dict[str, object]:
    urls = json.dumps({"pc": f"/site/col/col42150/content/content_{n}.html"})
    return {
        "images": [{"cover": f"/site/col42150/{n}/cover.png"}],
        "relationUrl": f"/site/col42150/relation/{n}-RelationArticle.json",
        "title": f"第{n}号政策文件解读",
        "pubDate": "2025-07-29 16:59",
        "urls": urls,
        "showTitle": f"<p>第{n}号政策文件解读</p>",
        "articleFiles": [{"fileName": f"{n}.pdf", "url": f"/doc/{n}.pdf"}],
        **extra,
    }


def test_records_a_script_carries_are_rows_with_their_titles_and_dates() -> None:
    root = _page(_records([_row(n) for n in range(1, 6)]))
    items = script_records(root, BASE)
    assert [i.url for i in items] == [
        f"https://sthjt.example.gov.cn/site/col/col42150/content/content_{n}.html"
        for n in range(1, 6)
    ]
    assert items[0].title == "第1号政策文件解读"
    assert items[0].date == "2025-07-29T16:59:00+08:00"


def test_a_record_whose_link_comes_before_its_title_and_relative_links_are_read() -> None:
    rows = [{"link": f"./202405/t20240501_{n}.html", "title": f"第{n}期工作简报"} for n in range(3)]
    items = script_records(_page(_records(rows)), BASE)
    assert [i.title for i in items] == ["第0期工作简报", "第1期工作简报", "第2期工作简报"]
    assert items[2].url.endswith("/site/col/col42150/202405/t20240501_2.html")
    bare = [{"title": f"第{n}期", "url": f"202405/t20240501_{n}.html"} for n in range(3)]
    assert script_records(_page(_records(bare)), BASE)[0].url == (
        "https://sthjt.example.gov.cn/site/col/col42150/202405/t20240501_0.html"
    )


def test_menus_widgets_and_other_sites_records_are_no_rows() -> None:
    menu = [{"title": t, "url": f"/site/col/col{n}/index.html"} for n, t in enumerate("ABCD")]
    undated = [
        {"title": f"栏目{n}", "url": f"/site/about{n}.html"} for n in range(4)
    ]  # says nothing
    share = [_row(1), _row(2)]  # fewer than three: a widget's
    offsite = [{**_row(n), "urls": f"https://other.example.com/a/t2024_{n}.html"} for n in range(4)]
    for rows in (menu, undated, share, offsite):
        assert script_records(_page(_records(rows)), BASE) == [], rows
    dated = [{**r, "date": "2024-05-01"} for r in undated]  # a date makes them rows
    assert len(script_records(_page(_records(dated)), BASE)) == 4
    external = "<script src='/utils.js'></script>"
    assert script_records(_page(external), BASE) == []


def test_the_real_column_page_gives_the_fifty_records_it_carries() -> None:
    case = Path(__file__).parent / "realpages" / "hanweb" / "jiangxi-sthjt-col42150"
    root = lxml.html.document_fromstring((case / "page.html").read_text("utf-8"))
    truth = json.loads((case / "truth.json").read_text("utf-8"))
    items = script_records(root, truth["url"])
    assert len(items) == 50 and len({i.url for i in items}) == 50
    assert [i.url for i in items[:15]] == truth["articles"]
    assert all("/col/col42150/content/content_" in i.url and i.date for i in items)


# --- a crawl ---

ROWS = {n: f"生态环境第{n}号政策文件解读" for n in range(1, 13)}


def _article(n: int) -> bytes:
    prose = "".join(
        f"<p>第{n}号文件第{k}段：文件明确了生态环境分类执法监管的适用范围、分类标准和监管措施，"
        f"要求各级生态环境部门按照第{k}项要求落实。</p>"
        for k in range(1, 8)
    )
    return page(ROWS[n], f"<h1>{ROWS[n]}</h1><div id='zoom'>{prose}</div>")


class _Handler(PageHandler):
    def do_GET(self) -> None:
        prefix = "/site/col/col42150/content/content_"
        if self.path == "/robots.txt":
            self.send_page(200, b"User-agent: *\nAllow: /\n", "text/plain")
        elif self.path == "/site/col/col42150/index.html":
            rows = [
                {"title": t, "pubDate": f"2025-07-{n:02d} 10:00",
                 "urls": json.dumps({"pc": f"{prefix}{n}.html"})}
                for n, t in ROWS.items()
            ]  # fmt: skip
            template = "<script id='div380055' type='text/x-handlebars-template'><ul>{{#each data}}<li><a href='{{pcUrl}}'>{{title}}</a></li>{{/each}}</ul></script>"  # noqa: E501
            body = f"<h2>政策法规解读</h2><div id='380055'></div>{template}{_records(rows)}"
            self.send_page(200, page("政策法规解读", body))
        elif self.path.startswith(prefix) and self.path.removeprefix(prefix)[:-5].isdigit():
            n = int(self.path.removeprefix(prefix)[:-5])
            if n in ROWS:
                self.send_page(200, _article(n))
            else:
                self.send_page(404, b"not found", "text/plain")
        else:
            self.send_page(404, b"not found", "text/plain")


site = site_fixture(_Handler)


@pytest.mark.e2e
def test_a_column_whose_rows_are_script_data_has_every_article_archived(
    site: TinySite, tmp_path: Path
) -> None:
    seeds = tmp_path / "seeds.txt"
    seeds.write_text(f"{site.base}/site/col/col42150/index.html\n", "utf-8")
    archive = tmp_path / "archive"
    assert crawl(seeds, archive, RUN_ID="one", ARCHIVE_FSYNC=0) == 0, crawl_log(archive, "one")
    archived = {r["url"]: r for r in records(archive)}
    wanted = {f"{site.base}/site/col/col42150/content/content_{n}.html": t for n, t in ROWS.items()}
    assert set(wanted) == set(archived)
    for url, title in wanted.items():
        assert archived[url]["title"] == title and "分类执法监管" in archived[url]["text"]
    stats = run_stats(archive, "one")
    assert stats["discovery/script_rows"] == len(ROWS) <= stats["discovery/list_items"]
