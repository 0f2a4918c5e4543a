"""Lists a script loads from a Hanweb JPaaS page unit (`unitbuild.js`): the pure reading of the
unit element and its answers, and a crawl over HTTP on 127.0.0.1 of a column page that holds no
row, whose unit answers three pages of rows (a gateway that refuses a request without the
script's X-Requested-With, as real ones do)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import lxml.html
import pytest
from crawling import crawl, crawl_log, records, run_stats
from tinysite import PageHandler, TinySite, page, site_fixture

from crawler.page.jpaas import query_params, read_unit_answer, unit_requests

REAL = Path(__file__).parent / "realpages" / "hanweb" / "zj-fzggw-xzgfxwj"
UNIT = "/api-gateway/jpaas-publish-server/front/page/build/unit"
QUERY = "{'parseType':'bulidstatic','webId':'3185','pageType':'column','tagId':'信息列表','editType':'null','pageId':'100'}"  # noqa: E501


def test_the_unit_a_real_column_page_names_is_asked_for_with_its_query_as_written() -> None:
    root = lxml.html.document_fromstring((REAL / "page.html").read_text("utf-8"))
    (url,) = unit_requests(root, "https://fzggw.zj.gov.cn/col/col1229565788/index.html")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "fzggw.zj.gov.cn", UNIT)
    assert parse_qsl(parts.query) == [
        ("parseType", "bulidstatic"), ("webId", "3185"), ("tplSetId", "o0YcVHHq5vWtr3uiCp4SY"),
        ("pageType", "column"), ("tagId", "信息列表"), ("editType", "null"),
        ("pageId", "1229565788"),
    ]  # fmt: skip


def test_a_real_units_first_answer_gives_its_rows_and_its_later_pages() -> None:
    first = "https://fzggw.zj.gov.cn" + UNIT + "?pageId=1229565788"
    answer = read_unit_answer((REAL / "unit_api.json").read_bytes(), first, max_pages=100)
    assert answer is not None and answer.fragment.count('class="clearfix"') == 15
    assert len(answer.later_pages) == 25  # 388 rows, 15 a page: pages 2 to 26
    page2 = dict(parse_qsl(urlsplit(answer.later_pages[0]).query))
    assert json.loads(page2["paramJson"]) == {"pageNo": 2, "pageSize": 15}
    assert page2["pageId"] == "1229565788" and page2["tagId"] == "信息列表"
    assert json.loads(dict(parse_qsl(urlsplit(answer.later_pages[-1]).query))["paramJson"]) == {
        "pageNo": 26, "pageSize": 15,
    }  # fmt: skip
    capped = read_unit_answer((REAL / "unit_api.json").read_bytes(), first, max_pages=5)
    assert capped is not None and len(capped.later_pages) == 4


def test_a_later_page_or_a_broken_answer_leads_nowhere_further() -> None:
    later = (REAL / "unit_api.json").read_text("utf-8").replace('pageNo=\\"1\\"', 'pageNo=\\"2\\"')
    answer = read_unit_answer(later.encode(), "https://h/unit", max_pages=100)
    assert answer is not None and answer.later_pages == ()
    nested = b"[" * 100_000 + b"]" * 100_000
    bodies = (b"<html>error</html>", b'{"success":false,"data":null}', b"\xff\xfe", b"[1]", nested)
    for body in bodies:
        assert read_unit_answer(body, "https://h/unit", max_pages=100) is None


def test_query_data_is_read_as_the_script_writes_it() -> None:
    assert query_params("{'a':'1', \"b\": \"x y\", 'c': null,'tagId': '信息列表'}") == [
        ("a", "1"), ("b", "x y"), ("c", "null"), ("tagId", "信息列表"),
    ]  # fmt: skip
    other = lxml.html.fromstring(
        "<div><script url='/api/search' queryData=\"{'q':'1'}\"></script>"
        f"<script url='{UNIT}' queryData=\"{{}}\"></script></div>"
    )
    assert unit_requests(other, "https://h/col/") == []  # no unit endpoint; a unit with no query


# --- a crawl ---

ROWS = {n: f"开发区第{n}批重点项目集中签约仪式举行" for n in range(1, 14)}  # 13 rows, 5 a page
PER_PAGE = 5


def _article(n: int) -> bytes:
    prose = "".join(
        f"<p>第{n}批签约项目第{k}段：项目总投资较上年明显增长，涉及先进制造、数字经济和现代服务业"
        f"等领域，开发区将全力做好要素保障和跟踪服务，推动项目早开工、早投产。</p>"
        for k in range(1, 7)
    )
    return page(ROWS[n], f"<h1>{ROWS[n]}</h1><div class='content'>{prose}</div>")


def _answer(number: int) -> bytes:
    rows = [n for n in ROWS if (number - 1) * PER_PAGE < n <= number * PER_PAGE]
    items = "".join(
        f'<li class="clearfix"><a class="bt-left" title="{ROWS[n]}" '
        f'href="/art/2026/6/{n}/art_100_{n}.html">{ROWS[n][:8]}...</a>'
        f'<span class="bt-right">2026-06-{n:02d}</span></li>'
        for n in rows
    )
    pager = (
        f'<table class="pagination" queryData="{QUERY}" rows="{PER_PAGE}" count="{len(ROWS)}"'
        f' pageNo="{number}" unitUrl="{UNIT}"><tr><td><a title="下页"></a></td></tr></table>'
    )
    html = f'<ul><div class="page-content">{items}</div></ul>{pager}'
    return json.dumps({"success": True, "data": {"html": html}}, ensure_ascii=False).encode()


class _Handler(PageHandler):
    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        self.server.hit(path)
        if path == "/robots.txt":
            self.send_page(200, b"User-agent: *\nAllow: /\n", "text/plain")
        elif path == "/col/col100/index.html":
            units = (
                f'<script src="/cms_files/unitbuild.js" url="{UNIT}" queryData="{QUERY}"></script>'
                f'<script src="/cms_files/unitbuild.js" url="/broken{UNIT}" queryData="{{\'pageId\':\'7\'}}"></script>'  # noqa: E501
            )
            menu = "<div class='nav'><a href='/col/col100/index.html'>通知公告</a></div>"
            self.send_page(200, page("通知公告", f"{menu}<div class='bt-column-cen'>{units}</div>"))
        elif path == UNIT:
            if self.headers.get("X-Requested-With") != "XMLHttpRequest":
                self.send_page(403, b"forbidden", "text/plain")
                return
            params = dict(parse_qsl(query))
            number = json.loads(params.get("paramJson", '{"pageNo": 1}'))["pageNo"]
            self.send_page(200, _answer(number), "application/json;charset=UTF-8")
        elif path == "/broken" + UNIT:
            self.send_page(200, page("登录", "<form>请先登录</form>"))
        elif path.startswith("/art/2026/6/"):
            n = int(path.rsplit("_", 1)[1].removesuffix(".html"))
            self.send_page(200, _article(n))
        else:
            self.send_page(404, b"not found", "text/plain")


site = site_fixture(_Handler)


@pytest.mark.e2e
def test_a_column_whose_rows_a_unit_loads_is_crawled_whole_and_once(
    site: TinySite, tmp_path: Path
) -> None:
    seeds = tmp_path / "seeds.txt"
    seeds.write_text(f"{site.base}/col/col100/index.html\n", "utf-8")
    archive = tmp_path / "archive"
    assert crawl(seeds, archive, RUN_ID="one", ARCHIVE_FSYNC=0) == 0, crawl_log(archive, "one")
    archived = {r["url"]: r for r in records(archive)}
    expected = {f"{site.base}/art/2026/6/{n}/art_100_{n}.html": t for n, t in ROWS.items()}
    assert set(archived) == set(expected)
    assert all(archived[url]["title"] == title for url, title in expected.items())
    assert site.hits[UNIT] == 3  # pages 1, 2 and 3 of the unit, each once
    stats = run_stats(archive, "one")
    assert stats["discovery/unit_pages"] == 3
    assert stats["extract/not_a_unit_answer"] == 1  # the other unit answered a login page
    # a second run reads the unit again and archives nothing twice
    assert crawl(seeds, archive, RUN_ID="two", ARCHIVE_FSYNC=0) == 0, crawl_log(archive, "two")
    assert len(records(archive)) == len(ROWS)
    assert site.hits[UNIT] == 6
