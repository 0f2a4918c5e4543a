"""Crawl benchmark: a replica of >= 2,000 articles crawled end to end by a real `scrapy crawl`
subprocess (politeness off), against bare `trafilatura.extract` on the same article pages.

    .venv/bin/python bench/crawl_bench.py [--articles 2000] [--marginal 200] [--config both]
                                          [--profile out.prof] [-s KEY=VALUE ...]

For each configuration, `full` (the default settings: state, dedup, WARC, archive) and `core`
(state, dedup and WARC off), it prints articles/second, peak RSS and CPU ms per article:
user+sys of the crawl process, everything included (interpreter start, imports, Scrapy,
discovery of list pages, extraction, normalization, the pipelines), and its ratio to the CPU
`trafilatura.extract` alone takes on the same article pages (fetched and decoded untimed, measured
right after that crawl). Unless --marginal 0, it also crawls an N-article replica first and
reports the steady-state cost per article ((CPU_big - CPU_small) / (articles_big -
articles_small)), start-up left out, and its ratio. The replica server runs in this process, so
its CPU is not counted; the crawl runs in a child process. --articles 5000 amortizes start-up.
"""

from __future__ import annotations

import argparse
import json
import os
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

from crawler.components.runid import new_run_id  # noqa: E402
from testbed.replica import ReplicaServer, build_replicas  # noqa: E402
from testbed.replica.model import ReplicaSite  # noqa: E402

NO_POLITENESS = (
    "AUTOTHROTTLE_ENABLED=0",
    "DOWNLOAD_DELAY=0",
    "CONCURRENT_REQUESTS=64",
    "CONCURRENT_REQUESTS_PER_DOMAIN=16",
    "LOG_LEVEL=WARNING",
)
TARGET_RATIO = 0.8
CONFIGS: dict[str, tuple[str, ...]] = {
    "full": (),
    "core": ("STATE_ENABLED=0", "DEDUP_ENABLED=0", "WARC_ENABLED=0"),
}
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
    started = time.perf_counter()
    usage = run_child(command)
    wall = time.perf_counter() - started
    cpu = usage.ru_utime + usage.ru_stime
    urls = [
        json.loads(line)["url"]
        for path in sorted(archive.glob(f"records/*/{run_id}.jsonl"))
        for line in path.read_text("utf-8").splitlines()
    ]
    stats = json.loads((archive / "runs" / f"{run_id}.stats.json").read_text("utf-8"))
    skipped = {k: v for k, v in stats.items() if k.startswith(SKIP_PREFIXES)}
    return CrawlResult(len(urls), wall, cpu, usage.ru_maxrss / 1024, urls, skipped)


def run_child(command: list[str]) -> resource.struct_rusage:
    """Run the crawl and return its own resource usage (CPU, peak RSS): this child only."""
    process = subprocess.Popen(command, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    return usage


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
    from crawler.page.encoding import decode_page

    return decode_page(body, charset).text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument(
        "--marginal", type=int, default=200, metavar="N",
        help="also crawl N articles first, for the steady-state cost per article (0: no)",
    )  # fmt: skip
    parser.add_argument("--config", choices=(*CONFIGS, "both"), default="both")
    parser.add_argument("--profile", type=Path, help="cProfile the (last) crawl into this file")
    parser.add_argument("-s", dest="settings", action="append", default=[], help="KEY=VALUE")
    args = parser.parse_args(argv)
    names = list(CONFIGS) if args.config == "both" else [args.config]
    big_sites = build_replicas(n_articles=args.articles)
    small_sites = build_replicas(n_articles=args.marginal) if args.marginal else None
    print(f"settings: {' '.join(NO_POLITENESS + tuple(args.settings))}")
    for name in names:
        settings = [*CONFIGS[name], *args.settings]
        small = bench_crawl(small_sites, settings, None)[0] if small_sites else None
        result, bare_s, extracted = bench_crawl(big_sites, settings, args.profile)
        report(name, result, bare_s, extracted, small)
    return 0


def bench_crawl(
    sites: list[ReplicaSite], settings: list[str], profile: Path | None
) -> tuple[CrawlResult, float, int]:
    with tempfile.TemporaryDirectory(prefix="crawl-bench-") as tmp, ReplicaServer(sites) as server:
        seed_file = server.write_seed_file(Path(tmp) / "seeds.txt")
        result = crawl(seed_file, Path(tmp) / "archive", settings, profile)
        bare, extracted = trafilatura_cpu_per_page(result.urls)
    return result, bare, extracted


def report(
    name: str,
    result: CrawlResult,
    bare_s: float,
    extracted: int,
    small: CrawlResult | None,
) -> None:
    bare_ms = 1000 * bare_s
    total_ms = 1000 * result.cpu_s / max(result.articles, 1)
    print(f"\n== {name} ({' '.join(CONFIGS[name]) or 'default settings'})")
    print(f"articles archived:          {result.articles}")
    print(f"wall time:                  {result.wall_s:.1f} s")
    print(f"articles/second:            {result.articles / result.wall_s:.1f}")
    print(f"crawl peak RSS:             {result.peak_rss_mb:.0f} MB")
    print(f"trafilatura.extract alone:  {bare_ms:.2f} ms CPU per page ({extracted} with text)")
    print(f"CPU per article, total:     {total_ms:.2f} ms (whole crawl process, start-up included)")
    print(f"ratio total/trafilatura:    {_ratio(total_ms, bare_ms)}")
    if small is not None:
        extra = max(result.articles - small.articles, 1)
        marginal_ms = 1000 * (result.cpu_s - small.cpu_s) / extra
        fixed_ms = 1000 * small.cpu_s - marginal_ms * small.articles
        print(f"start-up (fixed) CPU:       ~{fixed_ms:.0f} ms")
        print(
            f"CPU per article, marginal:  {marginal_ms:.2f} ms "
            f"({small.articles} -> {result.articles} articles)"
        )
        print(f"ratio marginal/trafilatura: {_ratio(marginal_ms, bare_ms)}")
    print(f"skipped / dropped:          {json.dumps(result.skipped, sort_keys=True)}")


def _ratio(ours_ms: float, bare_ms: float) -> str:
    ratio = ours_ms / bare_ms if bare_ms else float("inf")
    verdict = "ok" if ratio <= TARGET_RATIO else f"over the {TARGET_RATIO} target"
    return f"{ratio:.2f} ({verdict})"


if __name__ == "__main__":
    sys.exit(main())
