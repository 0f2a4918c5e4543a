"""`python -m testbed demo [--archive DIR] [--articles N] [--workers N]`: serve the replica
government sites on 127.0.0.1, crawl them with a real `scrapy crawl govnews` subprocess (or, with
--workers N, `python -m crawler crawl --workers N`: N processes on one frontier in a local
redis-server), report the archive."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import crawler
from crawler.components.runid import new_run_id
from testbed.replica import ReplicaServer, build_replicas
from testbed.replica.server import demo_addresses

PROJECT_ROOT = Path(crawler.__file__).resolve().parent.parent
# loopback replicas: no need to be polite, and the demo should take seconds
DEMO_SETTINGS = ("AUTOTHROTTLE_ENABLED=0", "DOWNLOAD_DELAY=0", "CONCURRENT_REQUESTS_PER_DOMAIN=16")
# stats keys that say why a page gave no record
SKIP_PREFIXES = ("skip/", "extract/", "spider/", "item_dropped_reasons_count/")
NOTE_KEYS = (
    "encoding/declared_mismatch", "robotstxt/forbidden", "dupefilter/filtered", "dedup/exact",
    "dedup/near", "incremental/new", "incremental/changed", "incremental/unchanged",
    "incremental/not_modified", "incremental/skipped_known",
)  # fmt: skip


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--archive", type=Path, default=Path("archive"), help="ARCHIVE_DIR")
    parser.add_argument("--articles", type=int, default=300, help="replica articles in all")
    parser.add_argument("--seed", type=int, default=7, help="replica generation seed")
    parser.add_argument(
        "--workers", type=int, default=1, help="crawl processes (python -m crawler crawl --workers)"
    )


def run(args: argparse.Namespace) -> int:
    archive: Path = args.archive.resolve()
    archive.mkdir(parents=True, exist_ok=True)
    sites = build_replicas(n_articles=args.articles, seed=args.seed)
    server = start_server(sites)
    try:
        seed_file = server.write_seed_file(archive / "demo-seeds.txt")
        labels = {urlsplit(server.base_url(s.name)).netloc: s.label for s in sites}
        print(f"Serving {len(sites)} replica sites ({args.articles} articles) on 127.0.0.1:")
        for site in sites:
            print(f"  {server.base_url(site.name)}  {site.cms:8} {site.label}")
        run_id = new_run_id()
        how = (f"python -m crawler crawl --workers {args.workers}" if args.workers > 1
               else "scrapy crawl govnews")  # fmt: skip
        print(f"\nCrawling: {how} -a seeds={seed_file} -s ARCHIVE_DIR={archive}\n")
        returncode = crawl(seed_file, archive, run_id, args.workers)
    finally:
        server.stop()
    report(archive, run_id, labels)
    return returncode


def start_server(sites: list[Any]) -> ReplicaServer:
    """The replicas on the demo ports of seeds/demo.txt, so that a second demo run over the
    same archive is an incremental run of the same sites; ephemeral ports when those are taken."""
    try:
        return ReplicaServer(sites, ports=demo_addresses(len(sites))).start()
    except OSError as exc:
        print(
            f"(demo ports busy: {exc}; serving on free ports, so URLs differ from seeds/demo.txt)"
        )
        return ReplicaServer(sites).start()


def crawl(seed_file: Path, archive: Path, run_id: str, workers: int = 1) -> int:
    """One `scrapy crawl`, or N workers (their runs `<run_id>-w<n>`) sharing a frontier."""
    runner = (["-m", "crawler", "crawl", "--workers", str(workers)] if workers > 1
              else ["-m", "scrapy", "crawl", "govnews"])  # fmt: skip
    command = [sys.executable, *runner, "-a", f"seeds={seed_file}"]
    for setting in (f"ARCHIVE_DIR={archive}", f"RUN_ID={run_id}", "LOG_LEVEL=WARNING",
                    *DEMO_SETTINGS):  # fmt: skip
        command += ["-s", setting]
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    return subprocess.run(command, cwd=PROJECT_ROOT, env=env, check=False).returncode


def report(archive: Path, run_id: str, labels: dict[str, str]) -> None:
    records = list(read_records(archive, run_id))
    stats = read_stats(archive, run_id)
    files = sorted({str(p.relative_to(archive)) for p in _run_files(archive, "records/*", run_id,
                                                                    ".jsonl")})  # fmt: skip
    total = sum(_count_lines(path) for path in archive.glob("records/*/*.jsonl"))
    print(f"Archive: {archive} ({total} records in all)")
    print(f"  this run: {len(records)} records in {len(files)} files "
          f"(records/<YYYY-MM>/{run_id}[-w<n>].jsonl)")  # fmt: skip
    print(f"  crawl stats: runs/{run_id}[-w<n>].stats.json")
    _print_counts("Articles per site", Counter(_site_label(r, labels) for r in records))
    _print_counts("Flags", Counter(flag for r in records for flag in r["flags"]))
    skipped = {k: v for k, v in stats.items() if k.startswith(SKIP_PREFIXES)}
    _print_counts("Skipped pages and why", Counter(skipped))
    _print_counts("Also noted", Counter({k: stats[k] for k in NOTE_KEYS if k in stats}))
    print(f"\nRead it: duckdb -c \"select title, published_at from read_json_auto("
          f"'{archive}/records/**/*.jsonl') limit 5\"")  # fmt: skip


def _run_files(archive: Path, folder: str, run_id: str, suffix: str) -> list[Path]:
    """The run's files: `<run_id><suffix>`, or its workers' `<run_id>-w<n><suffix>`."""
    return sorted([*archive.glob(f"{folder}/{run_id}{suffix}"),
                   *archive.glob(f"{folder}/{run_id}-w*{suffix}")])  # fmt: skip


def read_records(archive: Path, run_id: str) -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for path in _run_files(archive, "records/*", run_id, ".jsonl")
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]


def _count_lines(path: Path) -> int:
    with path.open("rb") as f:
        return sum(1 for line in f if line.strip())


def read_stats(archive: Path, run_id: str) -> dict[str, Any]:
    """The run's crawl stats; a run of several workers: their counts added up."""
    paths = _run_files(archive, "runs", run_id, ".stats.json")
    if not paths:
        print(f"(no crawl stats at {archive / 'runs'} for {run_id})")
        return {}
    stats: dict[str, Any] = {}
    for path in paths:
        for key, value in json.loads(path.read_text("utf-8")).items():
            earlier = stats.get(key, 0)
            numbers = all(isinstance(v, int | float) and not isinstance(v, bool)
                          for v in (value, earlier))  # fmt: skip
            if numbers:
                stats[key] = earlier + value
            else:
                stats.setdefault(key, value)
    return stats


def _site_label(record: dict[str, Any], labels: dict[str, str]) -> str:
    domain = record["site"]["domain"]
    return labels.get(domain, record["site"]["name"] or domain)


def _print_counts(heading: str, counts: Counter[str]) -> None:
    print(f"\n{heading}:")
    if not counts:
        print("  (none)")
    for key, value in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {value:6d}  {key}")
