"""Politeness per site, not per worker: two workers on one Redis send each site requests
DOWNLOAD_DELAY apart, as one worker would (crawler.components.politeness)."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections import defaultdict
from pathlib import Path

import pytest
from crawling import crawl_log, records, run_stats, start_crawl
from redisserver import RedisServer
from scrapy import Request

from crawler.components.politeness import SiteShare, SiteTokens
from crawler.components.redisclient import ALIVE_PREFIX

pytestmark = [pytest.mark.e2e, pytest.mark.redis]

ADDONS = {"crawler.components.distributed.DistributedAddon": 0}
DELAY = 0.25
TOLERANCE = 0.5  # of the delay: requests arrive a little later or earlier than they leave


def test_two_workers_keep_one_delay_per_site(replica_factory, tmp_path: Path) -> None:
    replica = replica_factory(n_articles=40)
    server = RedisServer(tmp_path).start()
    try:
        settings = {"REDIS_URL": server.url, "ADDONS": json.dumps(ADDONS), "GOVNEWS_JOB": "delays",
                    "DOWNLOAD_DELAY": DELAY, "CONCURRENT_REQUESTS_PER_DOMAIN": 1}  # fmt: skip
        archives = {name: tmp_path / f"archive-{name}" for name in ("a", "b")}
        workers = {name: start_crawl(replica.seed_file, archive, RUN_ID=name, **settings)
                   for name, archive in archives.items()}  # fmt: skip
        for name, process in workers.items():
            with process:
                assert process.wait(timeout=180) == 0, crawl_log(archives[name], name)
    finally:
        server.stop()
    archived = [r["url"] for archive in archives.values() for r in records(archive)]
    assert sorted(archived) == sorted(a["url"] for a in replica.truth["articles"])
    answered: dict[str, list[float]] = defaultdict(list)
    for request in replica.server.request_log():
        answered[request.site].append(request.at)

    for site, times in answered.items():
        times.sort()
        gaps = [b - a for a, b in itertools.pairwise(times)]
        if len(gaps) < 5:
            continue
        # two workers each keeping the delay on their own would give the site half of it
        assert sum(gaps) / len(gaps) >= DELAY * 0.9, (site, len(times))
        # the server stamps a request when its thread gets to it: on a loaded machine a stamp
        # comes late now and then, and the next gap looks short
        short = [round(g, 3) for g in gaps if g < DELAY * TOLERANCE]
        assert len(short) <= len(gaps) // 10, (site, short, len(times))


class _Stats:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


def _take_now(tokens: SiteTokens, request: Request) -> tuple[str, str] | None:
    """A lease if one is free at once (None: the site's leases are all out)."""
    try:
        return asyncio.run(asyncio.wait_for(tokens.take(request), timeout=1.0))
    except TimeoutError:
        return None


def test_a_dead_workers_leases_are_freed_at_once(tmp_path: Path) -> None:
    """A killed worker's leases hold a site only while its registration lives, not for the
    lease's own DOWNLOAD_TIMEOUT + a minute."""
    server = RedisServer(tmp_path).start()
    try:
        client = server.client()
        request = Request("http://127.0.0.1:9/a.html")

        def tokens(worker: str) -> SiteTokens:
            return SiteTokens(_Stats(), client, 0.0, 2, 300.0, worker)

        client.set(ALIVE_PREFIX + "dead", 1)
        client.set(ALIVE_PREFIX + "live", 1)
        dead = tokens("dead")
        assert _take_now(dead, request) is not None
        assert _take_now(dead, request) is not None
        live = tokens("live")
        assert _take_now(live, request) is None  # both leases are out, their worker alive
        client.delete(ALIVE_PREFIX + "dead")  # its registration expired, or a new run cleared it
        first = _take_now(live, request)
        assert first is not None and first[1].startswith("live|")
        assert _take_now(live, request) is not None
        assert _take_now(live, request) is None  # the limit still holds for the live worker
        client.close()
    finally:
        server.stop()


def test_a_lone_worker_never_waits_for_its_own_leases(replica_factory, tmp_path: Path) -> None:
    """No delay, 4 per site: the worker holds at most 4 of a site's downloads itself, so it
    never polls Redis for a lease it holds (Scrapy's downloader starts more than a slot's
    concurrency when the slot has no delay)."""
    replica = replica_factory(n_articles=60)
    server = RedisServer(tmp_path).start()
    try:
        archive = tmp_path / "archive"
        process = start_crawl(
            replica.seed_file, archive, RUN_ID="alone", REDIS_URL=server.url,
            ADDONS=json.dumps(ADDONS), GOVNEWS_JOB="alone", DOWNLOAD_DELAY=0,
            CONCURRENT_REQUESTS=32, CONCURRENT_REQUESTS_PER_DOMAIN=4,
        )  # fmt: skip
        with process:
            assert process.wait(timeout=180) == 0, crawl_log(archive, "alone")
    finally:
        server.stop()
    assert len(records(archive)) == len(replica.truth["articles"])
    stats = run_stats(archive, "alone")
    assert stats["downloader/request_count"] > 60
    assert stats.get("politeness/waits", 0) == 0, stats.get("politeness/waited_ms")


def test_a_worker_holds_its_share_of_a_sites_concurrency() -> None:
    """Four per site and two live workers: this worker starts two of the site's downloads at
    once, the third when one of those ends; once it is the only live worker, all four."""
    live = {"workers": 2}
    share = SiteShare(lambda: max(4 // live["workers"], 1))
    started: list[int] = []

    async def download(n: int, gate: asyncio.Event) -> None:
        async with share:
            started.append(n)
            await gate.wait()

    async def scenario() -> list[list[int]]:
        gates = [asyncio.Event() for _ in range(6)]
        tasks = [asyncio.create_task(download(n, gates[n])) for n in range(6)]
        seen = []
        await asyncio.sleep(0.01)
        seen.append(list(started))
        gates[0].set()
        await asyncio.sleep(0.01)
        seen.append(list(started))
        live["workers"] = 1  # the other worker left: the share grows at the next turn
        gates[1].set()
        await asyncio.sleep(0.01)
        seen.append(list(started))
        for gate in gates:
            gate.set()
        await asyncio.gather(*tasks)
        return seen

    assert asyncio.run(scenario()) == [[0, 1], [0, 1, 2], [0, 1, 2, 3, 4, 5]]
