"""Lists a page carries as data for a script to render (`var listData = {articleList: […]}`,
or rows and the pager's call inside a comment that fills an empty list): the pure reading of
them (crawler.page.scriptlists), and crawls over HTTP on 127.0.0.1 of columns whose HTML holds
no row at all, whose articles are all archived."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
from crawling import crawl, crawl_log, records, run_stats
from tinysite import PageHandler, TinySite, page, site_fixture

from crawler.page.discovery import decide_page, read_list_page
from crawler.page.scriptlists import held_rows, script_records

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


# --- rows a comment holds ---

HELD_URL = "https://jyt.example.gov.cn/jyt/c110634/zwgklist.shtml"


def _held_rows(first: int, last: int) -> str:
    return "".join(
        f'<li><a target="_blank" href="/jyt/c110634/202511/{n}.shtml" title="关于第{n}项工作的'
        f'通知">关于第{n}项工作的通知</a><b>2025-11-{n % 28 + 1:02d}</b></li>'
        for n in range(first, last + 1)
    )


def _held_page(rows: str, pager: str = "", live: str = "") -> str:
    nav = "".join(f'<li><a href="/jyt/c{n}/list.shtml">栏目{n}</a></li>' for n in range(8))
    return (
        f"<html><head><title>文件通知</title></head><body><ul class='nav'>{nav}</ul>"
        f"<div class='main'><input id='page' type='hidden' value='1'><ul class='list'>{live}"
        f"<!--{rows}{pager}--></ul><div id='page_div'></div></div></body></html>"
    )


def _read(text: str, url: str = HELD_URL) -> tuple[list[str], list[str]]:
    root = lxml.html.document_fromstring(text)
    page = read_list_page(url, root, text, None, decide_page(url, root, None, text))
    return [item.url for item in page.items], page.pager.next_pages(5)


def test_rows_and_the_pager_call_a_comment_holds_are_read() -> None:
    pager = "<script>createPageHTML('page_div',10, 1,'zwgklist','shtml',200);</script>"
    items, nexts = _read(_held_page(_held_rows(1, 6), pager))
    assert items == [
        f"https://jyt.example.gov.cn/jyt/c110634/202511/{n}.shtml" for n in range(1, 7)
    ]
    assert "https://jyt.example.gov.cn/jyt/c110634/zwgklist_2.shtml" in nexts
    root = lxml.html.document_fromstring(_held_page(_held_rows(1, 6), pager))
    assert len(held_rows(root)) == 1


def test_table_rows_a_comment_holds_stay_rows() -> None:
    rows = "".join(
        f"<tr><td><a href='/jyt/c110634/202511/{n}.shtml'>关于第{n}项工作的通知</a></td>"
        f"<td>2025-11-{n:02d}</td></tr>"
        for n in range(1, 6)
    )
    text = f"<html><body><table class='list'><tbody><!--{rows}--></tbody></table></body></html>"
    items, _ = _read(text)
    assert len(items) == 5


def test_rows_a_comment_holds_resolve_against_the_pages_base() -> None:
    rows = "".join(
        f"<li><a href='202511/{n}.shtml'>关于第{n}项工作的通知</a><b>2025-11-0{n}</b></li>"
        for n in range(1, 5)
    )
    text = (
        "<html><head><base href='https://jyt.example.gov.cn/jyt/c110634/'></head><body>"
        f"<ul class='list'><!--{rows}--></ul></body></html>"
    )
    items, _ = _read(text, "https://jyt.example.gov.cn/jyt/c110634/list/zwgklist.shtml")
    base = "https://jyt.example.gov.cn/jyt/c110634/"
    assert items == [f"{base}202511/{n}.shtml" for n in range(1, 5)]


def test_a_comment_beside_live_markup_or_with_few_links_is_not_read() -> None:
    live = (
        "<li><a href='/jyt/c110634/202510/90.shtml'>关于第90项工作的通知</a><b>2025-10-01</b></li>"
    )
    # a commented-out block inside a list that shows rows of its own: old markup, not rows
    assert (
        len(held_rows(lxml.html.document_fromstring(_held_page(_held_rows(1, 6), live=live)))) == 0
    )
    # a commented-out banner or two links: not a list
    assert held_rows(lxml.html.document_fromstring(_held_page(_held_rows(1, 2)))) == []
    banner = "<div class='top'><!--<a class='ztlink' href='/zt/index.shtml'></a>--></div>"
    assert held_rows(lxml.html.document_fromstring(f"<html><body>{banner}</body></html>")) == []


# --- crawls ---

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
        elif self.path in ("/jyt/c110634/zwgklist.shtml", "/jyt/c110634/zwgklist_2.shtml"):
            second = self.path.endswith("_2.shtml")
            pager = "<script>createPageHTML('page_div',2, {},'zwgklist','shtml',12);</script>"
            rows = _held_rows(7, 12) if second else _held_rows(1, 6)
            self.send_page(200, _held_page(rows, pager.format(2 if second else 1)).encode())
        elif self.path.startswith("/jyt/c110634/202511/") and self.path.endswith(".shtml"):
            n = int(self.path.removeprefix("/jyt/c110634/202511/").removesuffix(".shtml") or 0)
            title = f"关于第{n}项工作的通知"
            prose = "".join(
                f"<p>为做好第{n}项工作，现就第{k}条有关事项通知如下，请各地各单位认真组织实施，"
                f"按期报送材料。</p>"
                for k in range(1, 8)
            )
            self.send_page(200, page(title, f"<h1>{title}</h1><div id='zoom'>{prose}</div>"))
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


@pytest.mark.e2e
def test_a_column_whose_rows_a_comment_holds_has_every_article_archived(
    site: TinySite, tmp_path: Path
) -> None:
    """Two pages of a column whose rows and pager call sit in a comment: all 12 archived."""
    seeds = tmp_path / "seeds.txt"
    seeds.write_text(f"{site.base}/jyt/c110634/zwgklist.shtml\n", "utf-8")
    archive = tmp_path / "archive"
    assert crawl(seeds, archive, RUN_ID="one", ARCHIVE_FSYNC=0) == 0, crawl_log(archive, "one")
    archived = {r["url"]: r for r in records(archive)}
    wanted = {f"{site.base}/jyt/c110634/202511/{n}.shtml" for n in range(1, 13)}
    assert set(archived) == wanted
    assert all("认真组织实施" in r["text"] for r in archived.values())
    assert run_stats(archive, "one")["discovery/script_rows"] == 12
