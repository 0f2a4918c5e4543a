"""A list's rows lead to pages whose URL says nothing (`/post/2740.html`) and whose structure
reads as a list (a short article beside a long related-news box): crawled for real over HTTP on
127.0.0.1, each is archived as the article its row named, and its lists are read all the same;
a row leading to a sub-column stays a list page, whose articles are archived, and so are the
articles of a column no URL pattern knows, reached from the site's menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from crawling import crawl, crawl_log, records, run_stats
from tinysite import PageHandler, TinySite, page, serving, site_fixture

pytestmark = pytest.mark.e2e

POSTS = {n: f"开发区召开第{n}次安全生产工作专题会议" for n in range(1, 6)}
RELATED = {n: f"开发区管委会第{n}季度重点项目建设推进情况通报" for n in range(100, 120)}
TOPIC = "/special/safety"  # a row that is a sub-column: a list of its own
TOPIC_TITLE = "安全生产月专题活动报道汇总"
TOPIC_POSTS = {n: f"安全生产月活动第{n}场宣讲走进企业车间" for n in range(200, 206)}
TOPIC_PATH = "/special/202405/t20240501_{n}.html"  # its articles: a TRS shape, followed as such
COLUMN = "/category/7.html"  # a column no pattern knows, linked from the site's menu
COLUMN_POSTS = {n: f"招商引资项目第{n}批签约仪式在开发区举行" for n in range(300, 306)}
PROSE = "<p>会议传达学习了上级关于安全生产工作的部署要求，分析了当前形势，安排部署重点工作。</p>"


def _rows(titles: dict[int, str], dated: bool = True, path: str = "/post/{n}.html") -> str:
    rows = []
    for n, title in titles.items():
        date = f"<span>2024-05-0{n % 9 + 1}</span>" if dated else ""
        rows.append(f'<li><a href="{path.format(n=n)}">{title}</a>{date}</li>')
    return "".join(rows)


class _Handler(PageHandler):
    def do_GET(self) -> None:
        number = self.path.removeprefix("/post/").removeprefix("/special/202405/t20240501_")
        number = number.removesuffix(".html")
        if self.path == "/robots.txt":
            self.send_page(200, b"User-agent: *\nAllow: /\n", "text/plain")
        elif self.path == "/news/":
            rows = (
                _rows(POSTS)
                + f'<li><a href="{TOPIC}">{TOPIC_TITLE}</a><span>2024-05-01</span></li>'
            )
            menu = f"<div class='menu'><a href='{COLUMN}'>招商引资</a></div>"
            self.send_page(200, page("工作动态", f"{menu}<ul class='list'>{rows}</ul>"))
        elif self.path == COLUMN:
            self.send_page(200, page("招商引资", f"<ul class='list'>{_rows(COLUMN_POSTS)}</ul>"))
        elif self.path == TOPIC:
            rows = _rows(TOPIC_POSTS, path=TOPIC_PATH)
            self.send_page(
                200, page(TOPIC_TITLE, f"<h1>{TOPIC_TITLE}</h1><ul class='list'>{rows}</ul>")
            )
        elif number.isdigit() and int(number) in {
            **POSTS,
            **RELATED,
            **TOPIC_POSTS,
            **COLUMN_POSTS,
        }:
            n = int(number)
            title = {**POSTS, **RELATED, **TOPIC_POSTS, **COLUMN_POSTS}[n]
            box = _rows(RELATED, dated=False)
            related = f"<div class='related'><h3>相关新闻</h3><ul>{box}</ul></div>"
            body = f"<h1>{title}</h1><div>{PROSE * 3}</div>{related}"
            self.send_page(200, page(f"{title}_开发区管委会", body))
        else:
            self.send_page(404, b"not found", "text/plain")


site = site_fixture(_Handler)


def test_a_listed_page_that_reads_as_a_list_is_archived_as_the_row_named_it(
    site: TinySite, tmp_path: Path
) -> None:
    seeds = tmp_path / "seeds.txt"
    seeds.write_text(f"{site.base}/news/\n", "utf-8")
    archive = tmp_path / "archive"
    assert crawl(seeds, archive, RUN_ID="one", ARCHIVE_FSYNC=0) == 0, crawl_log(archive, "one")
    archived = {r["url"]: r for r in records(archive)}
    # the column's rows, whose URLs say nothing either, are followed one step past the depth
    # limit (SPIDER_UNKNOWN_PAGE_DEPTH, 1): the column itself was a page of unknown kind
    listed = {f"{site.base}/post/{n}.html": title for n, title in {**POSTS, **COLUMN_POSTS}.items()}
    listed |= {site.base + TOPIC_PATH.format(n=n): title for n, title in TOPIC_POSTS.items()}
    assert set(listed) <= set(archived)
    for url, title in listed.items():
        record = archived[url]
        assert record["title"] == title and "会议传达学习了上级" in record["text"]
        assert "开发区管委会第100季度" not in record["text"]  # the related box is no body
    assert f"{site.base}{TOPIC}" not in archived  # the sub-column is a list, not an article
    assert f"{site.base}{COLUMN}" not in archived
    # the related box's pages, reached from an article read as a list too, are no row of an
    # article list the crawl read first: they are followed as any link (depth-limited)
    stats = run_stats(archive, "one")
    assert stats["discovery/listed_articles"] >= len(POSTS)
    assert len(archived) == len(set(archived))


INTRO = "/special/intro"  # a topic page: an introduction, then the topic's own reports
INTRO_TITLE = "优化营商环境专项行动工作情况介绍"
INTRO_PROSE = "".join(
    f"<p>专项行动开展以来，开发区围绕第{n}项重点任务，梳理企业诉求，"
    f"落实惠企政策，压缩审批时限，推动政务服务事项网上办理，持续提升企业满意度。</p>"
    for n in range(1, 3)
)
REPORTS = {n: f"营商环境专项行动第{n}期工作简报" for n in range(400, 410)}
REPORT_PATH = "/special/202406/t20240601_{n}.html"
LATER_REPORT = 410  # added to the topic page before the second run


def _article(n: int, title: str) -> bytes:
    prose = "".join(
        f"<p>第{n}号文稿第{k}段：会议传达学习了上级关于营商环境工作的部署要求，分析了当前形势，"
        f"安排部署了下一阶段的{k}项重点工作。</p>"
        for k in range(1, 9)
    )
    return page(title, f"<h1>{title}</h1><div>{prose}</div>")


class _TopicHandler(PageHandler):
    def do_GET(self) -> None:
        number = self.path.removeprefix("/special/202406/t20240601_").removesuffix(".html")
        reports = dict(REPORTS)
        if getattr(self.server, "later", False):
            reports[LATER_REPORT] = f"营商环境专项行动第{LATER_REPORT}期工作简报"
        if self.path == "/robots.txt":
            self.send_page(200, b"User-agent: *\nAllow: /\n", "text/plain")
        elif self.path == "/news/":
            intro = f'<li><a href="{INTRO}">{INTRO_TITLE}</a><span>2024-06-01</span></li>'
            rows = _rows(POSTS) + intro
            self.send_page(200, page("工作动态", f"<ul class='list'>{rows}</ul>"))
        elif self.path == INTRO:
            self.server.hit(INTRO)
            rows = _rows(reports, path=REPORT_PATH)
            body = f"<h1>{INTRO_TITLE}</h1><div>{INTRO_PROSE}</div><ul class='list'>{rows}</ul>"
            self.send_page(200, page(INTRO_TITLE, body))
        elif number.isdigit() and int(number) in reports:
            self.send_page(200, _article(int(number), reports[int(number)]))
        elif self.path.startswith("/post/"):
            n = int(self.path.removeprefix("/post/").removesuffix(".html"))
            self.send_page(200, _article(n, POSTS[n]))
        else:
            self.send_page(404, b"not found", "text/plain")


def test_a_page_kept_as_an_article_and_read_as_a_list_is_read_again_by_later_runs(
    tmp_path: Path,
) -> None:
    """A topic page a row names, kept as the article it names and read as a list: later runs
    revalidate it as a list page, never skip it as a known article (STATE_REVALIDATE_DAYS=0:
    every article is known for longer), so a report added to it later is archived."""
    seeds = tmp_path / "seeds.txt"
    archive = tmp_path / "archive"
    with serving(_TopicHandler) as site:
        seeds.write_text(f"{site.base}/news/\n", "utf-8")
        assert crawl(seeds, archive, RUN_ID="one", ARCHIVE_FSYNC=0) == 0, crawl_log(archive, "one")
        first = [r["url"] for r in records(archive)]
        assert f"{site.base}{INTRO}" in first  # the introduction, kept as the row named it
        assert {site.base + REPORT_PATH.format(n=n) for n in REPORTS} <= set(first)
        site.later = True  # type: ignore[attr-defined]
        assert crawl(seeds, archive, RUN_ID="two", ARCHIVE_FSYNC=0, STATE_REVALIDATE_DAYS=0) == 0, (
            crawl_log(archive, "two")
        )
        hits = dict(site.hits)
    urls = [r["url"] for r in records(archive)]
    assert site.base + REPORT_PATH.format(n=LATER_REPORT) in urls
    assert len(urls) == len(first) + 1  # nothing else archived again
    assert run_stats(archive, "one")["incremental/article_read_as_list"] == 1
    stats = run_stats(archive, "two")
    assert stats["incremental/skipped_known"] >= len(POSTS) + len(REPORTS)
    assert hits[INTRO] == 2  # read by both runs


LIST_PAGE = Path(__file__).parent / "realpages" / "aspnetcore" / "mnd-plaactlist" / "page.html"
# its <title>, as a row shows it
LIST_TITLE = "中華民國國防部 - 全球資訊網 - 新聞與公告 - 區域動態列表"


class _NamedListHandler(PageHandler):
    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            self.send_page(200, b"User-agent: *\nAllow: /\n", "text/plain")
        elif self.path == "/news/":
            named = f'<li><a href="/news/plaactlist">{LIST_TITLE}</a><span>2024-06-01</span></li>'
            self.send_page(200, page("工作动态", f"<ul class='list'>{_rows(POSTS)}{named}</ul>"))
        elif self.path == "/news/plaactlist":  # a real list page: no text outside its rows
            self.send_page(200, LIST_PAGE.read_bytes())
        elif self.path.startswith("/post/"):
            n = int(self.path.removeprefix("/post/").removesuffix(".html"))
            self.send_page(200, _article(n, POSTS[n]))
        else:
            self.send_page(404, b"not found", "text/plain")


def test_a_list_page_a_row_names_is_no_article_without_a_body(tmp_path: Path) -> None:
    """A real list page whose rows are links wrapping their date and title has no text of its
    own: a row naming it by its title does not make it an article (extract/empty_body, as at
    any URL), and its rows are followed all the same."""
    seeds = tmp_path / "seeds.txt"
    archive = tmp_path / "archive"
    with serving(_NamedListHandler) as site:
        seeds.write_text(f"{site.base}/news/\n", "utf-8")
        assert crawl(seeds, archive, RUN_ID="one", ARCHIVE_FSYNC=0) == 0, crawl_log(archive, "one")
    urls = {r["url"] for r in records(archive)}
    assert f"{site.base}/news/plaactlist" not in urls
    assert {f"{site.base}/post/{n}.html" for n in POSTS} <= urls
    stats = run_stats(archive, "one")
    assert "discovery/listed_articles" not in stats
    assert stats["discovery/list_pages"] >= 2  # the column and the named list page
