"""Crawl benchmark: a replica of >= 2,000 articles crawled end to end by a real `scrapy crawl`
subprocess (politeness off), against bare `trafilatura.extract` on the same article pages.

    .venv/bin/python bench/crawl_bench.py [--articles 2000] [--profile out.prof] [-s KEY=VALUE ...]

Prints articles/second, CPU ms per article (user+sys of the crawl process, everything included:
Scrapy, discovery of list pages, extraction, normalization, dedup, WARC, archive), peak RSS of
the crawl process, the CPU ms trafilatura alone takes per article page, and the ratio. With
--marginal N it also crawls an N-article replica first and reports the marginal cost per
article ((CPU_big - CPU_small) / (articles_big - articles_small)): the process start, imports
and component set-up left out.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.replica import ReplicaServer, build_replicas  # noqa: E402
from crawler.replica.server import _SiteHTTPServer  # noqa: E402
from crawler.runid import new_run_id  # noqa: E402

NO_POLITENESS = (
    "AUTOTHROTTLE_ENABLED=0",
    "DOWNLOAD_DELAY=0",
    "CONCURRENT_REQUESTS=64",
    "CONCURRENT_REQUESTS_PER_DOMAIN=16",
    "LOG_LEVEL=WARNING",
)
TARGET_RATIO = 0.8
# socketserver's default listen backlog (5) drops connections under 16 concurrent requests per
# site, and each drop costs a 1 s SYN retransmit: the benchmark would measure that, not us
LISTEN_BACKLOG = 128
SKIP_PREFIXES = ("skip/", "extract/", "spider/", "item_dropped_reasons_count/", "dedup/")


@dataclass
class CrawlResult:
    articles: int
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    urls: list[str]
    skipped: dict[str, int]


def crawl(seed_file: Path, archive: Path, settings: list[str], profile: Path | None) -> CrawlResult:
    run_id = new_run_id()
    prefix = [sys.executable]
    if profile is not None:
        prefix += ["-m", "cProfile", "-o", str(profile)]
    command = [*prefix, "-m", "scrapy", "crawl", "govnews", "-a", f"seeds={seed_file}"]
    for setting in (f"ARCHIVE_DIR={archive}", f"RUN_ID={run_id}", *NO_POLITENESS, *settings):
        command += ["-s", setting]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    urls = [
        json.loads(line)["url"]
        for path in sorted(archive.glob(f"records/*/{run_id}.jsonl"))
        for line in path.read_text("utf-8").splitlines()
    ]
    stats = json.loads((archive / "runs" / f"{run_id}.stats.json").read_text("utf-8"))
    skipped = {k: v for k, v in stats.items() if k.startswith(SKIP_PREFIXES)}
    return CrawlResult(len(urls), wall, cpu, after.ru_maxrss / 1024, urls, skipped)


def trafilatura_cpu_per_page(urls: list[str]) -> tuple[float, int]:
    """CPU seconds per page of bare trafilatura.extract on the pages' text (fetch and decode
    not timed), and how many pages it returned text for."""
    pages = [_fetch_text(url) for url in urls]
    extracted = 0
    started = time.process_time()
    for page in pages:
        if trafilatura.extract(page):
            extracted += 1
    return (time.process_time() - started) / max(len(pages), 1), extracted


def _fetch_text(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # loopback replica only
        body: bytes = response.read()
        charset = response.headers.get_content_charset()
    from crawler.encoding import decode_page

    return decode_page(body, charset).text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--profile", type=Path, help="cProfile the crawl process into this file")
    parser.add_argument("-s", dest="settings", action="append", default=[], help="KEY=VALUE")
    parser.add_argument("--marginal", type=int, metavar="N", help="also crawl N articles first")
    args = parser.parse_args(argv)
    _SiteHTTPServer.request_queue_size = max(_SiteHTTPServer.request_queue_size, LISTEN_BACKLOG)
    small = bench_crawl(args.marginal, args.settings, None)[0] if args.marginal else None
    result, bare, extracted = bench_crawl(args.articles, args.settings, args.profile)
    report(result, bare, extracted, args.settings)
    if small is not None:
        report_marginal(small, result, bare)
    return 0


def bench_crawl(
    articles: int, settings: list[str], profile: Path | None
) -> tuple[CrawlResult, float, int]:
    sites = build_replicas(n_articles=articles)
    with tempfile.TemporaryDirectory(prefix="crawl-bench-") as tmp, ReplicaServer(sites) as server:
        seed_file = server.write_seed_file(Path(tmp) / "seeds.txt")
        result = crawl(seed_file, Path(tmp) / "archive", settings, profile)
        bare, extracted = trafilatura_cpu_per_page(result.urls)
    return result, bare, extracted


def report_marginal(small: CrawlResult, big: CrawlResult, bare_s: float) -> None:
    extra = max(big.articles - small.articles, 1)
    marginal_ms = 1000 * (big.cpu_s - small.cpu_s) / extra
    fixed_ms = 1000 * small.cpu_s - marginal_ms * small.articles
    print(f"fixed cost (start, imports):~{fixed_ms:.0f} ms")
    print(f"marginal CPU per article:   {marginal_ms:.2f} ms ({small.articles} -> {big.articles})")
    print(f"marginal ratio:             {marginal_ms / (1000 * bare_s):.2f}")


def report(result: CrawlResult, bare_s: float, extracted: int, settings: list[str]) -> None:
    ours_ms = 1000 * result.cpu_s / max(result.articles, 1)
    bare_ms = 1000 * bare_s
    print(f"settings: {' '.join(NO_POLITENESS + tuple(settings))}")
    print(f"articles archived:          {result.articles}")
    print(f"wall time:                  {result.wall_s:.1f} s")
    print(f"articles/second:            {result.articles / result.wall_s:.1f}")
    print(f"crawl CPU per article:      {ours_ms:.2f} ms (user+sys, whole crawl process)")
    print(f"crawl peak RSS:             {result.peak_rss_mb:.0f} MB")
    print(f"trafilatura.extract alone:  {bare_ms:.2f} ms CPU per page ({extracted} with text)")
    ratio = ours_ms / bare_ms if bare_ms else float("inf")
    verdict = "ok" if ratio <= TARGET_RATIO else f"over the {TARGET_RATIO} target"
    print(f"ratio ours/trafilatura:     {ratio:.2f} ({verdict})")
    print(f"skipped / dropped:          {json.dumps(result.skipped, sort_keys=True)}")


if __name__ == "__main__":
    sys.exit(main())
