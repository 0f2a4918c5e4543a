"""Articles printed over several pages, crawled for real over HTTP on 127.0.0.1: each is archived
once, under its first page's URL, its text read page after page (a TRS `createPageHTML` pager, a
pager of links followed one 下一页 at a time, a page parameter in the query); a page that fails
(a 404, a page with no text) leaves the pages read archived, flagged `pages_missing`; a crawl
killed while a page was on its way archives the whole article on the next run, once; prev/next
article links join nothing."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from crawling import FAST, crawl, crawl_log, records, run_stats, start_crawl
from redisserver import RedisServer
from tinysite import PageHandler, TinySite, page, site_fixture

from crawler.page.continued import article_pages, joined, page_number
from crawler.page.encoding import decode_page
from crawler.page.extraction import parse_html
from crawler.page.record import finalize_record

pytestmark = pytest.mark.e2e

TITLES = {
    "trs": "全区召开经济工作会议部署全年任务",
    "links": "开发区重点项目集中开工仪式举行",
    "query": "县政府常务会议研究乡村振兴工作",
    "broken": "全区安全生产工作推进会召开",
    "empty": "区人大常委会视察民生实事项目",
    "listed": "开发区召开安全生产专题会议",
    "single": "区领导调研企业复工复产情况",
    "slow": "全市营商环境优化提升大会召开",
    "tail": "全区冬季安全生产检查部署会召开",
}
PATHS = {
    "trs": "/xwzx/202403/t20240301_11.html",
    "links": "/xwzx/202403/20240302_12.shtml",
    "query": "/content.jsp?id=13",
    "broken": "/xwzx/202403/t20240304_14.html",
    "empty": "/xwzx/202403/t20240304_17.html",
    "listed": "/post/18.html",  # a URL that says nothing, a short page: read as a list too
    "single": "/xwzx/202403/t20240305_15.html",
    "slow": "/xwzx/202403/t20240306_16.html",
    "tail": "/xwzx/202403/t20240308_19.html",
}
PAGES = {
    "trs": 3,
    "links": 3,
    "query": 2,
    "broken": 3,
    "empty": 2,
    "listed": 3,
    "single": 1,
    "slow": 2,
    "tail": 2,
}
ZERO_BASED = ("trs", "broken", "empty", "slow", "tail")  # TRS numbering: page n + 1 is stem_n.html
FAILING = {("broken", 2): "answers 404", ("empty", 2): "holds no text"}
LINES = range(1, 7)  # paragraphs a page


def lines(name: str, number: int = 1) -> range:
    """A page's paragraphs: `listed` has too little prose for an article's structure; the last
    page of `tail` holds one short line."""
    if (name, number) == ("tail", 2):
        return range(1, 2)
    return range(1, 3) if name == "listed" else LINES


release_slow = threading.Event()  # page 2 of `slow` answers once set


def paragraph(name: str, number: int, k: int) -> str:
    if (name, number) == ("tail", 2):  # a last page of one line, under EXTRACT_MIN_BODY_CHARS
        return "会议要求各部门抓好落实。"
    return (
        f"{name}第{number}页第{k}段：全区上下认真贯彻落实会议精神，扎实推进各项工作任务落地见效。"
    )


def page_url(name: str, number: int) -> str:
    """Page `number` (1-based) of article `name`."""
    path = PATHS[name]
    if number == 1:
        return path
    if name == "query":
        return f"{path}&page={number}"
    stem, ext = path.rsplit(".", 1)
    return f"{stem}_{number - 1 if name in ZERO_BASED else number}.{ext}"


def pager(name: str, number: int) -> str:
    total = PAGES[name]
    if total == 1:
        return ""
    if name in ZERO_BASED:
        stem = PATHS[name].rsplit("/", 1)[1].rsplit(".", 1)[0]
        call = f'createPageHTML({total}, {number - 1}, "{stem}", "html");'
        return f"<div class='page'><script>{call}</script></div>"
    links = " ".join(f"<a href='{page_url(name, n)}'>{n}</a>" for n in range(1, total + 1))
    if number < total:  # each page names the next one
        links += f" <a href='{page_url(name, number + 1)}'>下一页</a>"
    return f"<div class='pages'>{links}</div>"


def attachment(number: int) -> str:
    return f"/files/query-{number}.pdf"


def article(name: str, number: int) -> bytes:
    title = TITLES[name]
    text = "".join(f"<p>{paragraph(name, number, k)}</p>" for k in lines(name, number))
    if (name, number) == ("empty", 2):
        text = ""
    neighbours = (
        "<div class='prevnext'>上一篇：<a href='/xwzx/202402/t20240229_9.html'>上月工作回顾</a>"
        " 下一篇：<a href='/xwzx/202403/t20240307_10.html'>下月工作安排</a></div>"
    )
    files = ""
    if name == "query":  # each page has a file of its own under its text
        files = f"<div class='attach'><a href='{attachment(number)}'>附件{number}.pdf</a></div>"
    body = (
        "<div class='nav'>当前位置：首页 &gt; 新闻中心 &gt; 正文</div>"
        f"<h1>{title}</h1><div class='info'>发布时间：2024-03-01 来源：区政府办</div>"
        f"<div class='TRS_Editor'>{text}</div>{files}{pager(name, number)}{neighbours}"
    )
    return page(f"{title}_新闻中心", body)


class _Handler(PageHandler):
    def do_GET(self) -> None:
        self.server.hit(self.path)
        pages = {page_url(name, n): (name, n) for name in PATHS for n in range(1, PAGES[name] + 1)}
        if self.path == "/robots.txt":
            self.send_page(200, b"User-agent: *\nAllow: /\n", "text/plain")
        elif self.path == "/xwzx/":
            rows = "".join(
                f"<li><a href='{PATHS[name]}'>{title}</a><span>2024-03-0{i + 1}</span></li>"
                for i, (name, title) in enumerate(TITLES.items())
            )
            self.send_page(200, page("新闻中心", f"<ul class='list'>{rows}</ul>"))
        elif self.path in pages and pages[self.path] == ("broken", 2):
            self.send_page(404, b"not found", "text/plain")
        elif self.path in pages:
            if pages[self.path] == ("slow", 2):
                release_slow.wait(60)
            self.send_page(200, article(*pages[self.path]))
        else:
            self.send_page(404, b"not found", "text/plain")


trs_page_up = threading.Event()  # page 2 of `trs` answers 503 until set


class _FlakyHandler(_Handler):
    """The site as a server with validators serves it: each answer carries an ETag, and a
    request that names it is answered 304, list pages and articles alike."""

    def send_page(
        self, status: int, body: bytes, kind: str = "text/html; charset=utf-8", modified: str = ""
    ) -> None:
        etag = f'"{hashlib.sha1(body).hexdigest()}"'
        if status == 200 and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(status)
        self.send_header("ETag", etag)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == page_url("trs", 2) and not trs_page_up.is_set():
            self.server.hit(self.path)
            self.send_page(503, b"busy", "text/plain")
        else:
            super().do_GET()


class _BouncingHandler(_Handler):
    """Page 2 of `trs` redirects to the article's first page (a CMS that sends a page it does not
    have to the article)."""

    def do_GET(self) -> None:
        if self.path == page_url("trs", 2):
            self.server.hit(self.path)
            self.send_response(302)
            self.send_header("Location", PATHS["trs"])
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            super().do_GET()


site = site_fixture(_Handler)
flaky_site = site_fixture(_FlakyHandler)
bouncing_site = site_fixture(_BouncingHandler)


def _crawl(
    site: TinySite, tmp_path: Path, archive: Path, run: str, **settings: object
) -> list[dict[str, object]]:
    seeds = tmp_path / "seeds.txt"
    seeds.write_text(f"{site.base}/xwzx/\n", "utf-8")
    assert crawl(seeds, archive, RUN_ID=run, **FAST, **settings) == 0, crawl_log(archive, run)
    return records(archive)


def test_an_article_over_several_pages_is_one_record_read_page_after_page(
    site: TinySite, tmp_path: Path
) -> None:
    release_slow.set()
    archive = tmp_path / "archive"
    archived = _crawl(site, tmp_path, archive, "one")
    by_url = {str(r["url"]): r for r in archived}
    assert len(by_url) == len(archived) == len(PATHS)  # each article once, no page of its own
    for name, path in PATHS.items():
        record = by_url[site.base + path]
        text = str(record["text"])
        read = 1 if (name, 2) in FAILING else PAGES[name]
        wanted = [paragraph(name, n, k) for n in range(1, read + 1) for k in lines(name, n)]
        assert [line for line in text.split("\n") if line] == wanted, name
        assert record["title"] == TITLES[name]
        assert ("pages_missing" in record["flags"]) == ((name, 2) in FAILING)  # type: ignore[operator]
        assert "下一页" not in text and "下月工作安排" not in text
    for name in PATHS:  # each page once: a page read as a list too follows no page of it
        read = 2 if (name, 2) in FAILING else PAGES[name]
        assert [site.hits.get(page_url(name, n)) for n in range(1, read + 1)] == [1] * read, name
    for name, _ in FAILING:  # the chain stops at the page that failed
        assert site.hits.get(page_url(name, 3)) is None
    stats = run_stats(archive, "one")
    assert stats["discovery/article_pages"] == sum(PAGES.values()) - len(PAGES) - 1  # broken
    assert stats["skip/http_404"] >= 1 and stats["extract/empty_body"] >= 1
    assert stats["flags/pages_missing"] == len(FAILING)
    assert stats["discovery/listed_articles"] >= 1  # `listed`, read as a list and an article
    # the next run: every article known, nothing archived again
    again = _crawl(site, tmp_path, archive, "two")
    assert len(again) == len(archived)


def test_a_crawl_killed_while_a_page_was_on_its_way_archives_the_article_next_run(
    site: TinySite, tmp_path: Path
) -> None:
    release_slow.clear()
    seeds = tmp_path / "seeds.txt"
    seeds.write_text(f"{site.base}/xwzx/\n", "utf-8")
    archive = tmp_path / "archive"
    # every write of the crawl state committed at once: the kill finds the frontier as it was
    proc = start_crawl(seeds, archive, RUN_ID="killed", STATE_COMMIT_EVERY=1, **FAST)
    deadline = time.monotonic() + 60
    while not site.hits.get(page_url("slow", 2)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert site.hits.get(page_url("slow", 2)), crawl_log(archive, "killed")
    time.sleep(1)  # the other articles archived meanwhile
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    release_slow.set()
    archived = _crawl(site, tmp_path, archive, "next")
    urls = [str(r["url"]) for r in archived]
    assert sorted(urls) == sorted(set(urls)) and set(urls) == {
        site.base + p for p in PATHS.values()
    }
    (slow,) = [r for r in archived if r["url"] == site.base + PATHS["slow"]]
    assert str(slow["text"]).split("\n") == [paragraph("slow", n, k) for n in (1, 2) for k in LINES]
    assert "pages_missing" not in slow["flags"]  # type: ignore[operator]
    # the page that was on its way is retried from the frontier with the record read so far
    # (the list, read again after a killed run, leads to the article too: one record all the same)
    assert run_stats(archive, "next")["frontier/retried/pending"] >= 1


def test_a_page_that_failed_for_a_while_completes_the_article_next_run(
    flaky_site: TinySite, tmp_path: Path
) -> None:
    """A page of an article that answers 503 (after the retries of the run): the pages read are
    archived, flagged `pages_missing`, and the page stays in the frontier to retry with the
    record read so far, whatever the list answers. A run in which it fails again archives nothing
    again; the run in which it answers archives the whole article as the URL's next version; the
    run after that has nothing left to complete."""
    release_slow.set()
    trs_page_up.clear()
    no_backoff = {"FRONTIER_RETRY_BACKOFF": 0}  # a second failure waits no hour here
    archive = tmp_path / "archive"
    url = flaky_site.base + PATHS["trs"]
    first = [
        r for r in _crawl(flaky_site, tmp_path, archive, "one", **no_backoff) if r["url"] == url
    ]
    assert [(r["version"], r["flags"]) for r in first] == [(1, ["pages_missing"])]
    assert str(first[0]["text"]).split("\n") == [paragraph("trs", 1, k) for k in LINES]
    assert flaky_site.hits[page_url("trs", 2)] == 3  # RETRY_TIMES = 2
    # still down: retried (the list answers 304), the same pages read, nothing archived again
    _crawl(flaky_site, tmp_path, archive, "still", **no_backoff)
    assert records(archive, "still") == [] and flaky_site.hits[page_url("trs", 2)] == 6
    assert run_stats(archive, "still")["frontier/retried/retry"] == 1
    trs_page_up.set()
    _crawl(flaky_site, tmp_path, archive, "two", **no_backoff)
    second = [r for r in records(archive, "two") if r["url"] == url]
    assert [(r["version"], r["flags"]) for r in second] == [(2, [])]
    wanted = [paragraph("trs", n, k) for n in range(1, PAGES["trs"] + 1) for k in LINES]
    assert str(second[0]["text"]).split("\n") == wanted
    assert second[0]["previous_version_id"] == first[0]["version_id"]
    assert (first[0]["run_id"], second[0]["run_id"]) == ("one", "two")  # the runs archiving them
    assert run_stats(archive, "two")["frontier/retried/retry"] == 1
    _crawl(flaky_site, tmp_path, archive, "three", **no_backoff)
    assert records(archive, "three") == []
    # the whole version, written by run two from pages of runs one and two, points into run
    # one's WARC at its first page: the archive checks out
    checked = subprocess.run(
        [sys.executable, "-m", "crawler", "verify", str(archive)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert flaky_site.hits[page_url("trs", 2)] == 7 and flaky_site.hits[page_url("trs", 3)] == 1


def test_a_page_redirected_to_another_page_joins_nothing(
    bouncing_site: TinySite, tmp_path: Path
) -> None:
    """A page of the article that redirects elsewhere (here to the article's first page): its
    answer is not the page asked for, so the record is the pages read, `pages_missing`."""
    release_slow.set()
    archive = tmp_path / "archive"
    url = bouncing_site.base + PATHS["trs"]
    (record,) = [r for r in _crawl(bouncing_site, tmp_path, archive, "one") if r["url"] == url]
    assert str(record["text"]).split("\n") == [paragraph("trs", 1, k) for k in LINES]
    assert record["flags"] == ["pages_missing"]
    assert run_stats(archive, "one")["skip/redirected_away"] == 1


def test_the_files_of_every_page_are_the_articles_and_followed(
    site: TinySite, tmp_path: Path
) -> None:
    """SPIDER_FOLLOW_ATTACHMENTS=all: the files each page of the article links are its
    attachments, each requested once (this site answers them 404: counted skips)."""
    release_slow.set()
    archive = tmp_path / "archive"
    seeds = tmp_path / "seeds.txt"
    seeds.write_text(f"{site.base}/xwzx/\n", "utf-8")
    assert crawl(seeds, archive, RUN_ID="all", SPIDER_FOLLOW_ATTACHMENTS="all", **FAST) == 0
    (record,) = [r for r in records(archive) if r["url"] == site.base + PATHS["query"]]
    files = [site.base + attachment(n) for n in range(1, PAGES["query"] + 1)]
    assert [a["url"] for a in record["attachments"]] == files
    assert [site.hits.get(attachment(n)) for n in range(1, PAGES["query"] + 1)] == [1, 1]
    assert run_stats(archive, "all")["discovery/attachments"] == len(files)


@pytest.mark.parametrize(
    ("article_url", "url", "number"),
    [
        ("http://a.gov.cn/x/t20240301_11.html", "http://a.gov.cn/x/t20240301_11_1.html", 1),
        ("http://a.gov.cn/x/20240302_12.shtml", "http://a.gov.cn/x/20240302_12_3.shtml", 3),
        ("http://a.gov.cn/c.jsp?id=5", "http://a.gov.cn/c.jsp?id=5&page=2", 2),
        ("http://a.gov.cn/c.jsp?id=5&page=1", "http://a.gov.cn/c.jsp?id=5&page=3", 3),
        ("http://a.gov.cn/x/t20240301_11.html", "http://a.gov.cn/x/t20240301_12.html", None),
        ("http://a.gov.cn/x/t20240301_11.html", "http://b.gov.cn/x/t20240301_11_1.html", None),
        ("http://a.gov.cn/c.jsp?id=5", "http://a.gov.cn/c.jsp?id=6", None),  # another article
        ("http://a.gov.cn/c.jsp?id=5", "http://a.gov.cn/c.jsp?id=5&page=1", None),  # itself
        ("http://a.gov.cn/x/index.html", "http://a.gov.cn/x/index_1.htm", None),
    ],
)
def test_a_page_of_the_article_is_its_url_with_a_page_number(
    article_url: str, url: str, number: int | None
) -> None:
    assert page_number(article_url, url) == number


def test_prev_and_next_article_links_are_no_pages_of_it() -> None:
    """上一篇/下一篇 and a column's pager on an article page lead to other pages."""
    html = article("single", 1).decode() + (
        "<div class='pages'><a href='/xwzx/index_1.html'>下一页</a>"
        "<a href='/xwzx/index_2.html'>3</a></div>"
    )
    url = "http://127.0.0.1/xwzx/202403/t20240305_15.html"
    assert article_pages(parse_html(html), html, url, url, 30) == []


def test_a_joined_record_keeps_the_first_pages_fields_and_every_pages_text() -> None:
    first = finalize_record(
        {"title": "题", "text": "甲", "flags": ["short_body"], "authors": ["张三"],
         "images": [{"url": "http://a/1.jpg", "alt": None}]},
        "http://a.gov.cn/t1.html",
    )  # fmt: skip
    more = finalize_record(
        {"title": "题", "text": "乙" * 40, "editors": ["李四"], "authors": ["张三"],
         "images": [{"url": f"http://a/{n}.jpg", "alt": None} for n in (1, 2)]},
        "http://a.gov.cn/t1_1.html",
    )  # fmt: skip
    record = joined(first, more, min_body_chars=30)
    assert record["url"] == "http://a.gov.cn/t1.html" and record["id"] == first["id"]
    assert record["text"] == "甲\n" + "乙" * 40 and record["content_sha1"] != first["content_sha1"]
    assert record["authors"] == ["张三"] and record["editors"] == ["李四"]
    assert [i["url"] for i in record["images"]] == ["http://a/1.jpg", "http://a/2.jpg"]
    assert "short_body" not in record["flags"]  # long enough once joined
    assert "short_body" in joined(first, first, min_body_chars=30)["flags"]


def test_a_real_article_in_seven_parts_leads_to_its_six_other_pages() -> None:
    """网易财经, 2015 (tests/realarticles/news/cx-163-62, origin.json): part 1 of 7, a pager of
    links `< 1 2 3 4 5 6 7 >` to …_2.html … _7.html under the text."""
    saved = Path(__file__).parent / "realarticles" / "news" / "cx-163-62" / "page.html"
    text = decode_page(saved.read_bytes(), None).text
    url = "http://money.163.com/15/0704/10/ATM2AF3B00253B0H.html"
    pages = article_pages(parse_html(text), text, url, url, 30)
    assert pages == [(n, url.replace(".html", f"_{n}.html")) for n in range(2, 8)]
    assert article_pages(parse_html(text), text, url, url, 3) == pages[:3]  # SPIDER_ARTICLE_PAGES


@pytest.mark.redis
def test_paged_articles_in_distributed_mode_are_archived_once_and_whole(
    site: TinySite, redis_server: RedisServer, tmp_path: Path
) -> None:
    """Distributed mode: a page continuing an article goes through the shared queue in Redis
    like any other request (its callback a spider method, the record so far a JSON string in its
    meta), so the worker that claims it can read it. Two workers start on one Redis; each
    article is archived once, whole, by whichever of them read it. (On this one-site crawl the
    worker that starts second has found nothing left to claim in the runs made so far.)"""
    release_slow.set()
    seeds = tmp_path / "seeds.txt"
    seeds.write_text(f"{site.base}/xwzx/\n", "utf-8")
    settings = {
        "REDIS_URL": redis_server.url,
        "ADDONS": json.dumps({"crawler.components.distributed.DistributedAddon": 0}),
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "DOWNLOAD_DELAY": 0.05,
    }
    archives = {name: tmp_path / f"archive-{name}" for name in ("a", "b")}
    workers = [start_crawl(seeds, archives[n], RUN_ID=n, **settings) for n in archives]
    for name, worker in zip(archives, workers, strict=True):
        with worker:
            assert worker.wait(timeout=120) == 0, crawl_log(archives[name], name)
    archived = [r for name in archives for r in records(archives[name])]
    urls = [str(r["url"]) for r in archived]
    assert sorted(urls) == sorted(set(urls)) and set(urls) == {
        site.base + p for p in PATHS.values()
    }
    for record in archived:
        name = next(n for n, p in PATHS.items() if site.base + p == record["url"])
        read = 1 if (name, 2) in FAILING else PAGES[name]
        wanted = [paragraph(name, n, k) for n in range(1, read + 1) for k in lines(name, n)]
        assert str(record["text"]).split("\n") == wanted, name
    stats = [run_stats(archives[n], n) for n in archives]
    dequeued = sum(s.get("scheduler/dequeued/redis", 0) for s in stats)
    continued = sum(s.get("discovery/article_pages", 0) for s in stats)
    assert continued == sum(PAGES.values()) - len(PAGES) - 1
    assert dequeued >= continued + len(PATHS)  # every page came out of the shared queue
