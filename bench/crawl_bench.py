"""Crawl benchmark: a replica of >= 2,000 articles crawled end to end by a real `scrapy crawl`
subprocess (politeness off), against bare `trafilatura.extract` on the same article pages.

    .venv/bin/python bench/crawl_bench.py [--articles 2000] [--marginal 200] [--config both]
                                          [--profile out.prof] [-s KEY=VALUE ...]
    .venv/bin/python bench/crawl_bench.py --mode memory [--articles 100000]
    .venv/bin/python bench/crawl_bench.py --mode workers [--articles 6000] [--workers 1,1r,2]
                                          [--repeat 1]
    .venv/bin/python bench/crawl_bench.py --mode real [--repeat 3] [--copies 4]

For each configuration, `full` (the default settings: state, dedup, WARC, archive) and `core`
(state, dedup and WARC off), it prints articles/second, peak RSS and CPU ms per article:
user+sys of the crawl process, everything included (interpreter start, imports, Scrapy,
discovery of list pages, extraction, normalization, the pipelines), and its ratio to the CPU
`trafilatura.extract` alone takes on the same article pages (fetched and decoded untimed, measured
right after that crawl). Unless --marginal 0, it also crawls an N-article replica first and
reports the steady-state cost per article ((CPU_big - CPU_small) / (articles_big -
articles_small)), start-up left out, and its ratio. The replica server runs in this process, so
its CPU is not counted; the crawl runs in a child process. --articles 5000 amortizes start-up.

`--mode memory` crawls one site of --articles articles (100,000 by default) generated on the fly
(`testbed.replica.onthefly`: no page is stored, by the server or on disk) with the default
settings, and prints the crawl's peak RSS (VmHWM, read from /proc while it runs) when 10%, 50%
and 100% of the articles are archived, and the growth per 1,000 articles between the first and
the last (targets: under 1 MB per 1,000, peak under 400 MB).

`--mode real` crawls the 74 real article pages kept in tests/eval, served as one site, and prints
the marginal CPU per archived article against bare trafilatura on them (bench/real_pages.py).

`--mode workers` crawls the replica sites of --articles articles (6,000 by default) with
`python -m crawler crawl --workers N` for each N of --workers (1: the one-process crawl; more:
processes sharing a frontier, state and dedup index on a local redis-server; `1r`: one such
process on Redis alone), politeness off, and prints articles/second, CPU per article (the
workers and Redis, every child process) and the speed-up over the first N (target: 1.7x for 2
workers on 2 cores, over the one-process crawl). --repeat R runs R rounds of every N, one after
the other, and prints each round's speed-ups and their median: on a shared machine whole crawls
vary by more than a few percent from one run to the next.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.procmem import memory_mb, wait_with_peak  # noqa: E402
from crawler.cli.crawl import LocalRedis  # noqa: E402
from crawler.components.runid import new_run_id  # noqa: E402
from testbed.replica import ReplicaServer, build_replicas  # noqa: E402
from testbed.replica.model import ReplicaSite  # noqa: E402
from testbed.replica.onthefly import OnTheFlySite  # noqa: E402

NO_POLITENESS = (
    "AUTOTHROTTLE_ENABLED=0",
    "DOWNLOAD_DELAY=0",
    "CONCURRENT_REQUESTS=64",
    "CONCURRENT_REQUESTS_PER_DOMAIN=16",
    "LOG_LEVEL=WARNING",
)
MARGINAL_TARGET = 0.6  # marginal CPU per article against bare trafilatura (issue 11)
TOTAL_TARGET = 0.8  # the same, start-up included, at 600 articles
MEMORY_MARKS = (0.1, 0.5, 1.0)  # shares of the articles at which peak RSS is read
MEMORY_GROWTH_TARGET_MB = 1.0  # per 1,000 articles
MEMORY_PEAK_TARGET_MB = 400
POLL_SECONDS = 0.5
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
    floor_cpu_s: float = 0.0  # Scrapy alone on the same article URLs (`scrapy_floor_cpu`)


def crawl(seed_file: Path, archive: Path, settings: list[str], profile: Path | None) -> CrawlResult:
    run_id = new_run_id()
    prefix = [sys.executable]
    if profile is not None:
        prefix += ["-m", "cProfile", "-o", str(profile)]
    command = [*prefix, "-m", "scrapy", "crawl", "govnews", "-a", f"seeds={seed_file}"]
    for setting in (f"ARCHIVE_DIR={archive}", f"RUN_ID={run_id}", *NO_POLITENESS, *settings):
        command += ["-s", setting]
    started = time.perf_counter()
    usage, peak_mb = run_child(command)
    wall = time.perf_counter() - started
    cpu = cpu_seconds(usage)
    urls = [
        json.loads(line)["url"]
        for path in sorted(archive.glob(f"records/*/{run_id}.jsonl"))
        for line in path.read_text("utf-8").splitlines()
    ]
    stats = json.loads((archive / "runs" / f"{run_id}.stats.json").read_text("utf-8"))
    skipped = {k: v for k, v in stats.items() if k.startswith(SKIP_PREFIXES)}
    return CrawlResult(len(urls), wall, cpu, peak_mb, urls, skipped)


def scrapy_floor_cpu(urls: list[str]) -> float:
    """CPU seconds a spider that does nothing takes to fetch `urls` (bench/noop_spider.py, run
    outside the project): what Scrapy itself costs on these pages, before any work of ours."""
    with tempfile.TemporaryDirectory(prefix="crawl-bench-floor-") as tmp:
        url_file = Path(tmp) / "urls.txt"
        url_file.write_text("\n".join(urls) + "\n", encoding="utf-8")
        spider = ROOT / "bench" / "noop_spider.py"
        command = [sys.executable, "-m", "scrapy", "runspider", str(spider)]
        command += ["-a", f"urls={url_file}", "-L", "WARNING"]
        env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
        usage = run_child(command, cwd=Path(tmp), env=env)[0]
    return cpu_seconds(usage)


def cpu_seconds(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def run_child(
    command: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None
) -> tuple[resource.struct_rusage, float]:
    """Run the crawl: its own resource usage (this child only) and peak RSS in MB (VmHWM)."""
    process = subprocess.Popen(command, cwd=cwd, env=env)
    code, usage, peak_mb = wait_with_peak(process)
    if code:
        raise subprocess.CalledProcessError(code, command)
    return usage, peak_mb


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
    parser.add_argument("--mode", choices=("cpu", "memory", "workers", "real"), default="cpu")
    parser.add_argument(
        "--repeat", type=int,
        help="crawls per figure (real mode, 3 by default), rounds (workers mode, 1 by default)",
    )  # fmt: skip
    parser.add_argument(
        "--copies", type=int, default=4,
        help="real mode: each page served under this many URLs (more articles, less noise)",
    )  # fmt: skip
    parser.add_argument(
        "--workers",
        default="1,1r,2",
        help="worker counts compared (workers mode; 1r: one worker on Redis)",
    )
    parser.add_argument("--articles", type=int, help="2,000 (cpu), 100,000 (memory)")
    parser.add_argument(
        "--marginal", type=int, default=200, metavar="N",
        help="also crawl N articles first, for the steady-state cost per article (0: no)",
    )  # fmt: skip
    parser.add_argument("--config", choices=(*CONFIGS, "both"), default="both")
    parser.add_argument("--profile", type=Path, help="cProfile the (last) crawl into this file")
    parser.add_argument("-s", dest="settings", action="append", default=[], help="KEY=VALUE")
    args = parser.parse_args(argv)
    if args.mode == "memory":
        return memory_bench(args.articles or 100_000, args.settings)
    if args.mode == "real":
        from bench.real_pages import real_bench

        return real_bench(args.repeat or 3, args.settings, args.profile, args.copies)
    if args.mode == "workers":
        counts = [n.strip() for n in args.workers.split(",")]
        return workers_bench(args.articles or 6000, counts, args.settings, args.repeat or 1)
    names = list(CONFIGS) if args.config == "both" else [args.config]
    big_sites = build_replicas(n_articles=args.articles or 2000)
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
        result.floor_cpu_s = scrapy_floor_cpu(result.urls)
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
    floor_ms = 1000 * result.floor_cpu_s / max(result.articles, 1)
    print(f"CPU per article, total:     {total_ms:.2f} ms (whole crawl process, start-up included)")
    print(f"ratio total/trafilatura:    {ratio_verdict(total_ms, bare_ms, TOTAL_TARGET)}")
    print(f"Scrapy alone, total:        {floor_ms:.2f} ms (a no-op spider, the same URLs)")
    if small is not None:
        extra = max(result.articles - small.articles, 1)
        marginal_ms = 1000 * (result.cpu_s - small.cpu_s) / extra
        floor_marginal_ms = 1000 * (result.floor_cpu_s - small.floor_cpu_s) / extra
        fixed_ms = 1000 * small.cpu_s - marginal_ms * small.articles
        print(f"start-up (fixed) CPU:       ~{fixed_ms:.0f} ms")
        print(
            f"CPU per article, marginal:  {marginal_ms:.2f} ms "
            f"({small.articles} -> {result.articles} articles)"
        )
        print(f"ratio marginal/trafilatura: {ratio_verdict(marginal_ms, bare_ms, MARGINAL_TARGET)}")
        print(
            f"Scrapy alone, marginal:     {floor_marginal_ms:.2f} ms "
            f"({ratio_verdict(floor_marginal_ms, bare_ms, MARGINAL_TARGET)}); ours above it: "
            f"{marginal_ms - floor_marginal_ms:.2f} ms"
        )
    print(f"skipped / dropped:          {json.dumps(result.skipped, sort_keys=True)}")


# --- memory ---


@dataclass
class MemoryMark:
    articles: int
    seconds: float
    peak_mb: float  # VmHWM: the largest RSS so far
    rss_mb: float


def memory_bench(n_articles: int, settings: list[str]) -> int:
    site = OnTheFlySite("bulk", "南通开发区", seed=7, n_articles=n_articles)
    site.rebuild()
    marks = [round(n_articles * share) for share in MEMORY_MARKS]
    print(f"settings: default, plus {' '.join(NO_POLITENESS + tuple(settings))}")
    with (
        tempfile.TemporaryDirectory(prefix="crawl-bench-") as tmp,
        ReplicaServer([site], log_requests=False) as server,
    ):
        seed_file = server.write_seed_file(Path(tmp) / "seeds.txt")
        archive = Path(tmp) / "archive"
        command = [sys.executable, "-m", "scrapy", "crawl", "govnews", "-a", f"seeds={seed_file}"]
        for setting in (f"ARCHIVE_DIR={archive}", *NO_POLITENESS, *settings):
            command += ["-s", setting]
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT)
        seen, status, usage, peak = watch_memory(process, archive, marks, started)
        wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status):
        print(f"the crawl failed (exit {os.waitstatus_to_exitcode(status)})")
        return 1
    report_memory(n_articles, seen, wall, usage, peak)
    return 0


def watch_memory(
    process: subprocess.Popen[bytes], archive: Path, marks: list[int], started: float
) -> tuple[list[MemoryMark], int, resource.struct_rusage, float]:
    """Poll the crawl: archived lines (read incrementally) and its RSS, until it exits; the
    marks reached, its exit status, its own resource usage and its peak RSS (VmHWM as last
    read: wait4's ru_maxrss counts the RSS of this forking process too)."""
    counter = LineCounter(archive / "records")
    seen: list[MemoryMark] = []
    pending = list(marks)
    highest = 0.0  # the crawl's VmHWM, read last before it exited
    while True:
        time.sleep(POLL_SECONDS)
        peak, rss = memory_mb(process.pid)
        archived = counter.count()
        while pending and archived >= pending[0]:
            seen.append(MemoryMark(archived, time.perf_counter() - started, peak, rss))
            pending.pop(0)
        highest = max(highest, peak)
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            final = counter.count()
            if pending and final > (seen[-1].articles if seen else 0):  # the end, whatever it is
                seen.append(MemoryMark(final, time.perf_counter() - started, highest, 0.0))
            return seen, status, usage, highest


class LineCounter:
    """Lines appended to the JSONL files under a folder, reading only what was added."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.offsets: dict[Path, int] = {}
        self.lines = 0

    def count(self) -> int:
        for path in self.folder.glob("*/*.jsonl"):
            offset = self.offsets.get(path, 0)
            with path.open("rb") as fh:
                fh.seek(offset)
                data = fh.read()
            complete = data.rfind(b"\n") + 1  # a line being written is counted next time
            self.lines += data.count(b"\n", 0, complete)
            self.offsets[path] = offset + complete
        return self.lines


def report_memory(
    n_articles: int,
    seen: list[MemoryMark],
    wall: float,
    usage: resource.struct_rusage,
    peak: float,
) -> None:
    print(f"\n== memory: {n_articles} articles generated on the fly, one site")
    print("archived    time     peak RSS   RSS")
    for mark in seen:
        rss = f"{mark.rss_mb:>5.0f} MB" if mark.rss_mb else "(exited)"
        print(f"{mark.articles:>8}  {mark.seconds:>6.0f} s  {mark.peak_mb:>6.0f} MB  {rss}")
    print(f"whole crawl: {wall:.0f} s, peak RSS {peak:.0f} MB, "
          f"CPU {cpu_seconds(usage):.0f} s")  # fmt: skip
    if len(seen) >= 2:
        first, last = seen[0], seen[-1]
        growth = (last.peak_mb - first.peak_mb) / max(last.articles - first.articles, 1) * 1000
        verdict = "ok" if growth < MEMORY_GROWTH_TARGET_MB else "over the target"
        print(f"peak RSS growth: {growth:.2f} MB per 1,000 articles "
              f"({first.articles} -> {last.articles}; target < {MEMORY_GROWTH_TARGET_MB}: "
              f"{verdict})")  # fmt: skip
    verdict = "ok" if peak < MEMORY_PEAK_TARGET_MB else "over the target"
    print(f"peak RSS: {peak:.0f} MB (target < {MEMORY_PEAK_TARGET_MB} MB: {verdict})")


# --- workers ---

SPEED_UP_TARGET = 1.7


def workers_bench(n_articles: int, counts: list[str], settings: list[str], rounds: int) -> int:
    """Each round crawls once per count, in order; speed-ups are within a round, so a machine
    whose speed drifts between rounds (a shared host) moves both sides of each ratio."""
    sites = build_replicas(n_articles=n_articles)
    print(f"settings: {' '.join(NO_POLITENESS + tuple(settings))}")
    table = []
    for round_no in range(1, rounds + 1):
        for workers in counts:
            with (
                tempfile.TemporaryDirectory(prefix="crawl-bench-") as tmp,
                ReplicaServer(sites, log_requests=False) as server,
            ):
                seed_file = server.write_seed_file(Path(tmp) / "seeds.txt")
                table.append((round_no, workers, *crawl_workers(
                    seed_file, Path(tmp) / "archive", workers, settings)))  # fmt: skip
    print(
        f"\n== workers: {n_articles} articles, replica sites, python -m crawler crawl --workers N"
    )
    print("round  workers  archived  wall s  articles/s  CPU ms/article  server CPU ms/article  "
          "speed-up")  # fmt: skip
    over_one: list[float] = []
    over_redis: list[float] = []
    for round_no in range(1, rounds + 1):
        rows = [row[1:] for row in table if row[0] == round_no]
        base = rows[0][1] / rows[0][2]
        rates = {row[0]: row[1] / row[2] for row in rows}
        for workers, articles, wall, cpu, server in rows:
            rate = articles / wall
            print(f"{round_no:>5}  {workers:>7}  {articles:>8}  {wall:>6.1f}  {rate:>10.1f}  "
                  f"{1000 * cpu / max(articles, 1):>14.2f}  "
                  f"{1000 * server / max(articles, 1):>20.2f}  {rate / base:>7.2f}x")  # fmt: skip
        if rows[0][0] == "1" and "2" in rates:
            over_one.append(rates["2"] / base)
        if "1r" in rates and "2" in rates:  # how the distributed mode itself scales
            over_redis.append(rates["2"] / rates["1r"])
    print("(the replica server runs in the bench process, on the same cores: its CPU is the "
          "server column, not counted in the workers')")  # fmt: skip
    if over_one:
        median = statistics.median(over_one)
        verdict = "ok" if median >= SPEED_UP_TARGET else f"under the {SPEED_UP_TARGET} target"
        print(f"2 workers over the one-process crawl: {_spread(over_one)}, median "
              f"{median:.2f}x ({verdict})")  # fmt: skip
    if over_redis:
        print(f"2 workers over one worker on Redis: {_spread(over_redis)}, median "
              f"{statistics.median(over_redis):.2f}x")  # fmt: skip
    return 0


def _spread(values: list[float]) -> str:
    return " / ".join(f"{value:.2f}x" for value in values)


def crawl_workers(
    seed_file: Path, archive: Path, workers: str, settings: list[str]
) -> tuple[int, float, float, float]:
    """Articles archived, wall seconds, CPU seconds of every child process (the command, its
    workers and the redis-server it or this bench started) and of this process (the replica
    server). `workers`: a count, or `1r` for one worker on Redis."""
    alone_on_redis = workers == "1r"
    command = [sys.executable, "-m", "crawler", "crawl", "--workers", workers.rstrip("r"),
               "-a", f"seeds={seed_file}"]  # fmt: skip
    for setting in (f"ARCHIVE_DIR={archive}", *NO_POLITENESS, *settings):
        command += ["-s", setting]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    with ExitStack() as stack:  # the redis-server is waited for in here: its CPU is counted
        if alone_on_redis:  # `crawl --workers 1` alone is the one-process crawl
            command += ["--redis", stack.enter_context(LocalRedis(archive))]
        subprocess.run(command, cwd=ROOT, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = cpu_seconds(after) - cpu_seconds(before)
    server = cpu_seconds(server_after) - cpu_seconds(server_before)
    articles = LineCounter(archive / "records").count()
    return articles, wall, cpu, server


def ratio_verdict(ours_ms: float, bare_ms: float, target: float) -> str:
    """`0.58 (ok)` or `1.32 (over the 0.6 target)`."""
    ratio = ours_ms / bare_ms if bare_ms else float("inf")
    verdict = "ok" if ratio <= target else f"over the {target} target"
    return f"{ratio:.2f} ({verdict})"


if __name__ == "__main__":
    sys.exit(main())
