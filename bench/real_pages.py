"""CPU per archived article on real pages: the 74 real article pages kept in `tests/eval`
(origin and licence in its README) served on 127.0.0.1 as one site, each under --copies URLs
(4 by default), with their bytes as saved, and crawled end to end by a real `scrapy crawl`
subprocess with the default settings (state, dedup, WARC, frontier on; politeness off).

    .venv/bin/python bench/crawl_bench.py --mode real [--repeat 3] [--copies 4]

Copies make the figure steadier (with each page once, repeats differed by up to 3 ms per
article). A copy is archived like any page, as an exact duplicate of the first (`duplicate_of`),
so dedup's near-duplicate lookup, a few SQLite reads, is skipped for it.

The replica sites' pages are small: bare trafilatura spends about 3.3 ms on one, while Scrapy's
cost per request does not grow with the page. Real pages are larger. Each repeat crawls the site
twice: once listing every page, and once listing the first BASE_PAGES. The marginal CPU per
archived article is (CPU_all - CPU_base) / (articles_all - articles_base). Start-up is left out,
and so are one-off costs of the first articles: lazy imports (trafilatura), patterns compiled on
first use, Scrapy's check of each callback's source. A baseline that lists no page at all
would count these against the articles, about 5 ms each. It is compared with bare
`trafilatura.extract` on the text of the pages the crawl archived. The medians of the repeats
are printed.
"""

from __future__ import annotations

import re
import statistics
import tempfile
from contextlib import AbstractContextManager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from testbed.threaded import served

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "eval"
# the two sets the figures in docs/scale.md were measured on (tests/eval/found is not among them)
SETS = ("eval", "eval-wide")
ARTICLE_PATH = "/xwzx/202301/t20230101_{n}.html"
ARTICLE_PATTERN = r"/xwzx/\d{6}/t\d{8}_\d+\.html$"
_SERVED_PATH = re.compile(r"/xwzx/202301/t20230101_(\d+)\.html")  # ARTICLE_PATH's n
BASE_PAGES = 8  # the baseline crawl's pages: it pays the one-off costs of a first article


def real_pages() -> list[bytes]:
    """The saved real article pages, as their bytes."""
    return [
        path.read_bytes() for name in SETS for path in sorted((PAGES / name).glob("*/page.html"))
    ]


class RealSite(ThreadingHTTPServer):
    """One site on 127.0.0.1: an index listing `listed` pages, and the pages. Page n is
    `pages[n % len(pages)]`: listing more than there are serves each again under a new URL."""

    def __init__(self, pages: list[bytes], listed: int) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.pages = pages
        self.listed = listed
        self.requested: list[str] = []  # paths, in the order asked for

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def index(self) -> bytes:
        links = "".join(f'<li><a href="{ARTICLE_PATH.format(n=n)}">第{n}篇</a></li>'
                        for n in range(self.listed))  # fmt: skip
        return (f'<html><head><meta charset="utf-8"><title>新闻中心</title></head><body>'
                f"<ul class=\"list\">{links}</ul></body></html>").encode()  # fmt: skip


class _Handler(BaseHTTPRequestHandler):
    server: RealSite
    # keep-alive, as real government servers and the replica sites do (every response has a
    # Content-Length): with HTTP/1.0 each page cost the crawl a new connection
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        site = self.server
        site.requested.append(self.path)
        body, kind = b"", "text/html"
        if self.path == "/xwzx/index.html":
            body = site.index()
        elif self.path == "/robots.txt":
            body, kind = b"User-agent: *\nAllow: /\n", "text/plain"
        else:
            match = _SERVED_PATH.fullmatch(self.path)
            if match and int(match[1]) < site.listed:
                body = site.pages[int(match[1]) % len(site.pages)]
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", kind)  # no charset: the pages' own meta or bytes say
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


def serving(pages: list[bytes], listed: int) -> AbstractContextManager[RealSite]:
    return served(RealSite(pages, listed))


@dataclass
class RealRun:
    articles: int  # archived by the crawl of every page
    base_articles: int  # archived by the baseline crawl
    cpu_all: float
    cpu_base: float
    bare_s: float  # bare trafilatura CPU seconds per page archived by the crawl of every page
    floor_all: float = 0.0  # a no-op Scrapy spider on the same URLs (`scrapy_floor_cpu`)
    floor_base: float = 0.0

    def _per_extra_ms(self, cpu_all: float, cpu_base: float) -> float:
        return 1000 * (cpu_all - cpu_base) / max(self.articles - self.base_articles, 1)

    @property
    def marginal_ms(self) -> float:
        return self._per_extra_ms(self.cpu_all, self.cpu_base)

    @property
    def floor_marginal_ms(self) -> float:
        return self._per_extra_ms(self.floor_all, self.floor_base)

    @property
    def total_ms(self) -> float:
        return 1000 * self.cpu_all / max(self.articles, 1)


def real_bench(
    repeat: int, settings: list[str], profile: Path | None = None, copies: int = 1
) -> int:
    from bench.crawl_bench import crawl, scrapy_floor_cpu, trafilatura_cpu_per_page

    pages = real_pages()
    listed_all = len(pages) * max(copies, 1)
    runs = []
    for _ in range(max(repeat, 1)):
        cpu, archived, floor = {}, {}, {}
        bare_s = 0.0
        for listed in (listed_all, BASE_PAGES):
            with serving(pages, listed) as site, tempfile.TemporaryDirectory() as tmp:
                seed_file = Path(tmp) / "seeds.txt"
                seed_file.write_text(f"{site.base}/xwzx/index.html article={ARTICLE_PATTERN}\n",
                                     encoding="utf-8")  # fmt: skip
                profiled = profile if listed == listed_all else None
                result = crawl(seed_file, Path(tmp) / "archive", settings, profiled)
                cpu[listed], archived[listed] = result.cpu_s, result.articles
                floor[listed] = scrapy_floor_cpu(result.urls)
                if listed == listed_all:
                    bare_s = trafilatura_cpu_per_page(result.urls)[0]
        runs.append(RealRun(archived[listed_all], archived[BASE_PAGES], cpu[listed_all],
                            cpu[BASE_PAGES], bare_s, floor[listed_all],
                            floor[BASE_PAGES]))  # fmt: skip
    report_real(len(pages), copies, runs)
    return 0


def report_real(n_pages: int, copies: int, runs: list[RealRun]) -> None:
    from bench.crawl_bench import MARGINAL_TARGET, TOTAL_TARGET, ratio_verdict

    marginal = statistics.median(run.marginal_ms for run in runs)
    bare = statistics.median(1000 * run.bare_s for run in runs)
    served = f", each under {copies} URLs" if copies > 1 else ""
    print(f"\n== real pages: {n_pages} saved real article pages (tests/eval){served}, one site, "
          f"default settings, politeness off")  # fmt: skip
    print(f"repeat  archived  CPU all s  baseline ({BASE_PAGES} pages)  marginal ms/article  "
          "trafilatura ms/page  Scrapy alone ms/page")  # fmt: skip
    for i, run in enumerate(runs, 1):
        base = f"{run.cpu_base:.2f} s, {run.base_articles} archived"
        print(f"{i:>6}  {run.articles:>8}  {run.cpu_all:>9.2f}  {base:>20}  "
              f"{run.marginal_ms:>19.2f}  {1000 * run.bare_s:>19.2f}  "
              f"{run.floor_marginal_ms:>20.2f}")  # fmt: skip
    floor = statistics.median(run.floor_marginal_ms for run in runs)
    verdict = ratio_verdict(marginal, bare, MARGINAL_TARGET)
    print(f"median marginal CPU per archived article: {marginal:.2f} ms; bare trafilatura "
          f"{bare:.2f} ms per page; ratio {verdict}")  # fmt: skip
    print(f"Scrapy alone (a no-op spider on the same URLs): {floor:.2f} ms per page; ours above "
          f"it: {marginal - floor:.2f} ms")  # fmt: skip
    total = statistics.median(run.total_ms for run in runs)
    articles = runs[0].articles
    print(f"median total CPU per archived article, start-up included, {articles} articles: "
          f"{total:.2f} ms; ratio {ratio_verdict(total, bare, TOTAL_TARGET)} (the target is "
          f"for 600 articles)")  # fmt: skip
