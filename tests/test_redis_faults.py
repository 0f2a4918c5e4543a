"""Distributed crawls through faults, on a real redis-server the tests stop and start: Redis
restarted mid-run, Redis gone for good, a worker killed, a whole run killed. Nothing is lost and
nothing archived twice once the next run is over."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from crawling import crawl_log, records, start_crawl
from redisserver import RedisServer

from crawler.components.distributed import REDIS_LOST

pytestmark = [pytest.mark.e2e, pytest.mark.redis]

ADDONS = {"crawler.components.distributed.DistributedAddon": 0}
CRAWL_TIMEOUT = 150
OUTAGE_SECONDS = 5
# slow enough that the faults land mid-run on a loaded machine
SLOW = {"CONCURRENT_REQUESTS_PER_DOMAIN": 1, "DOWNLOAD_DELAY": 0.1}
FAST_REGISTRY = {"DISTRIBUTED_HEARTBEAT": 0.5, "DISTRIBUTED_WORKER_TTL": 4}


def worker(
    replica: Any, tmp_path: Path, redis_server: RedisServer, name: str, run: str, **settings: Any
) -> subprocess.Popen[bytes]:
    merged = {"REDIS_URL": redis_server.url, "ADDONS": json.dumps(ADDONS), "GOVNEWS_JOB": "faults",
              **SLOW, **settings}  # fmt: skip
    return start_crawl(replica.seed_file, tmp_path / f"archive-{name}", RUN_ID=f"{run}-{name}",
                       **merged)  # fmt: skip


def lines(tmp_path: Path) -> int:
    """Complete record lines so far (the workers are writing)."""
    return sum(p.read_bytes().count(b"\n") for p in tmp_path.glob("archive-*/records/*/*.jsonl"))


def archived(tmp_path: Path) -> list[dict[str, Any]]:
    return [rec for archive in sorted(tmp_path.glob("archive-*")) if archive.is_dir()
            for rec in records(archive)]  # fmt: skip


def wait_for_records(tmp_path: Path, count: int, workers: list[subprocess.Popen[bytes]]) -> None:
    deadline = time.monotonic() + CRAWL_TIMEOUT
    while lines(tmp_path) < count:
        assert all(w.poll() is None for w in workers), "a worker ended before the fault"
        assert time.monotonic() < deadline
        time.sleep(0.1)


def finish(tmp_path: Path, name: str, run: str, process: subprocess.Popen[bytes]) -> int:
    with process:
        code = process.wait(timeout=CRAWL_TIMEOUT)
    assert code == 0, crawl_log(tmp_path / f"archive-{name}", f"{run}-{name}")
    return code


def run_log(tmp_path: Path, name: str) -> list[dict[str, Any]]:
    path = tmp_path / f"archive-{name}" / "runs.ndjson"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def assert_every_article_once(replica: Any, tmp_path: Path) -> Counter[str]:
    urls = Counter(rec["url"] for rec in archived(tmp_path))
    assert {url for url, n in urls.items() if n > 1} == set()
    assert set(urls) == {a["url"] for a in replica.truth["articles"]}
    return urls


def test_a_redis_restart_pauses_the_workers_and_they_go_on(
    replica_factory, tmp_path: Path, redis_server: RedisServer
) -> None:
    replica = replica_factory(n_articles=120)
    workers = {name: worker(replica, tmp_path, redis_server, name, "run1") for name in ("a", "b")}
    wait_for_records(tmp_path, 20, list(workers.values()))
    redis_server.stop()
    at_stop = lines(tmp_path)
    time.sleep(OUTAGE_SECONDS)
    redis_server.start()  # appendonly: the queue, dupefilter, registry and state come back
    for name, process in workers.items():
        finish(tmp_path, name, "run1", process)
    urls = assert_every_article_once(replica, tmp_path)
    print(f"\nRedis down {OUTAGE_SECONDS} s after {at_stop} records; {len(urls)} after, once each")
    for name in workers:
        assert [r["finish_reason"] for r in run_log(tmp_path, name)] == ["finished"]


def test_redis_gone_for_good_stops_a_worker_with_one_line_and_loses_nothing(
    replica_factory, tmp_path: Path, redis_server: RedisServer
) -> None:
    replica = replica_factory(n_articles=120)
    process = worker(replica, tmp_path, redis_server, "a", "run1", DISTRIBUTED_REDIS_WAIT=2)
    wait_for_records(tmp_path, 20, [process])
    redis_server.stop()
    started = time.monotonic()
    with process:
        process.wait(timeout=CRAWL_TIMEOUT)
    stopped_in = time.monotonic() - started
    log = crawl_log(tmp_path / "archive-a", "run1-a")
    assert log.count("Redis unreachable") == 1, log
    assert [r["finish_reason"] for r in run_log(tmp_path, "a")] == [REDIS_LOST]
    before = len(archived(tmp_path))

    redis_server.start()
    finish(tmp_path, "a", "run2", worker(replica, tmp_path, redis_server, "a", "run2"))
    urls = assert_every_article_once(replica, tmp_path)
    print(f"\nRedis gone after {before} records: the worker stopped in {stopped_in:.0f} s; "
          f"the next run archived the other {len(urls) - before}")  # fmt: skip


def test_a_killed_worker_loses_nothing_after_the_next_run(
    replica_factory, tmp_path: Path, redis_server: RedisServer
) -> None:
    replica = replica_factory(n_articles=120)
    workers = {name: worker(replica, tmp_path, redis_server, name, "run1", **FAST_REGISTRY)
               for name in ("a", "b")}  # fmt: skip
    wait_for_records(tmp_path, 30, list(workers.values()))
    workers["b"].send_signal(signal.SIGKILL)
    workers["b"].wait()
    finish(tmp_path, "a", "run1", workers["a"])  # after b's registration expired
    after_first = len({rec["url"] for rec in archived(tmp_path)})
    rerun = {name: worker(replica, tmp_path, redis_server, name, "run2") for name in ("b", "a")}
    for name, process in rerun.items():  # the next run, started the other way round
        finish(tmp_path, name, "run2", process)
    urls = assert_every_article_once(replica, tmp_path)
    print(f"\nworker b killed: {after_first} of {len(urls)} archived by the first run, "
          f"the rest by the next, none twice")  # fmt: skip


def test_a_new_run_never_joins_a_dead_one(
    replica_factory, tmp_path: Path, redis_server: RedisServer
) -> None:
    replica = replica_factory(n_articles=120)
    settings = {**FAST_REGISTRY, "DISTRIBUTED_WORKER_TTL": 60}  # registrations outlive the run
    workers = {name: worker(replica, tmp_path, redis_server, name, "run1", **settings)
               for name in ("a", "b")}  # fmt: skip
    wait_for_records(tmp_path, 20, list(workers.values()))
    for process in workers.values():
        process.send_signal(signal.SIGKILL)
        process.wait()
    time.sleep(3)  # longer than five heartbeats, far shorter than the registrations' TTL
    rerun = {name: worker(replica, tmp_path, redis_server, name, "run2", **settings)
             for name in ("a", "b")}  # fmt: skip
    for name, process in rerun.items():
        finish(tmp_path, name, "run2", process)
    logs = [crawl_log(tmp_path / f"archive-{name}", f"run2-{name}") for name in rerun]
    assert sum("started the job" in log for log in logs) == 1
    assert_every_article_once(replica, tmp_path)
