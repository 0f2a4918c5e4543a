"""Distributed mode (crawler.components.distributed) on a real redis-server: two
`scrapy crawl govnews` workers share one queue and dupefilter, each writing its own archive."""

from __future__ import annotations

import asyncio
import json
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import redis
from archives import archive_crawler, stop_engine
from crawling import crawl_log, records, run_stats, start_crawl
from redisserver import RedisServer
from scrapy import Request, Spider
from scrapy.utils.test import get_crawler
from twisted.internet.task import Clock

from crawler.components.archive import archive_of
from crawler.components.distributed import DistributedAddon, DistributedScheduler, Heartbeat
from crawler.page.record import record_id
from crawler.store.shared import SharedCrawlState
from testbed.replica.running import RunningReplica

ADDONS = {"crawler.components.distributed.DistributedAddon": 0}
WORKERS = ("a", "b")
CRAWL_TIMEOUT = 60
# a worker of the job that stops heartbeating, and how long its last heartbeat keeps it live
SILENT_WORKER = "killed:1:000000"
SILENT_WORKER_TTL = 2


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    return redis_server.url


@pytest.mark.e2e
@pytest.mark.redis
def test_two_workers_share_the_crawl(
    replica: RunningReplica, redis_url: str, tmp_path: Path
) -> None:
    already_logged = len(replica.server.request_log())
    archives = {name: tmp_path / f"archive-{name}" for name in WORKERS}
    settings = {
        "REDIS_URL": redis_url,
        "ADDONS": json.dumps(ADDONS),
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        # slow enough (several seconds alone) that a worker starting a second or two late on a
        # loaded machine still finds work in the shared queue
        "DOWNLOAD_DELAY": 0.05,
    }
    workers = [
        start_crawl(replica.seed_file, archives[name], RUN_ID=name, **settings) for name in WORKERS
    ]
    for name, worker in zip(WORKERS, workers, strict=True):
        with worker:
            assert worker.wait(timeout=CRAWL_TIMEOUT) == 0, crawl_log(archives[name], name)

    articles = {a["url"] for a in replica.truth["articles"]}
    archived = {name: [r["url"] for r in records(archives[name])] for name in WORKERS}
    union = Counter(url for urls in archived.values() for url in urls)
    assert [url for url, n in union.items() if n > 1] == []
    assert set(union) == articles
    assert all(archived.values()), {name: len(urls) for name, urls in archived.items()}
    for name in WORKERS:
        stats = run_stats(archives[name], name)
        assert stats.get("scheduler/dequeued/redis", 0) > 0, name
        # no earlier run left anything: what the frontier held pending when the second worker
        # joined was the first one's, not to be retried (the dupefilter would drop it again)
        assert stats.get("frontier/retried", 0) == 0, (name, stats.get("frontier/retried"))
    # the worker left idle looks at the shared queue every DISTRIBUTED_IDLE_POLL (0.25 s), not
    # at Scrapy's 5-s heartbeat: both see the job end at about the same moment
    ends = [datetime.fromisoformat(run_stats(archives[name], name)["finish_time"])
            for name in WORKERS]  # fmt: skip
    assert abs((ends[0] - ends[1]).total_seconds()) < 2.5, ends

    log = replica.server.request_log()[already_logged:]
    fetched = Counter(replica.server.url(r.site, r.path) for r in log if r.method == "GET")
    assert {url: fetched[url] for url in articles if fetched[url] != 1} == {}
    with redis.Redis.from_url(redis_url) as client:
        assert job_keys(client) == []  # the last worker cleared the job


@pytest.mark.e2e
@pytest.mark.redis
def test_a_silent_busy_worker_holds_the_job_only_until_its_heartbeat_expires(
    replica: RunningReplica, redis_url: str, tmp_path: Path
) -> None:
    """A worker killed mid-crawl looks busy (it may still queue requests) until its heartbeat
    expires; the others wait for it, then finish, and the last one clears the job's keys.

    The test plays that worker in the job's registry itself, so the outcome does not depend on
    how long the crawl takes: live (its heartbeat beyond any deadline here) until the crawling
    worker has drained the queue and waits for it, then killed right after one last heartbeat."""
    job = "killed-worker"
    workers, idle = f"govnews:{job}:workers", f"govnews:{job}:idle"
    settings = {"REDIS_URL": redis_url, "ADDONS": json.dumps(ADDONS), "GOVNEWS_JOB": job}
    archive = tmp_path / "archive"
    with redis.Redis.from_url(redis_url) as client:
        client.zadd(workers, {SILENT_WORKER: client.time()[0] + 2 * CRAWL_TIMEOUT})
        with start_crawl(replica.seed_file, archive, RUN_ID="alone", **settings) as worker:
            try:
                _wait_until_idle(client, idle, worker, archive)
                expires = client.time()[0] + SILENT_WORKER_TTL
                client.zadd(workers, {SILENT_WORKER: expires})  # its last heartbeat
                assert worker.wait(timeout=CRAWL_TIMEOUT) == 0, crawl_log(archive, "alone")
            finally:
                worker.kill()  # no-op once it has left; one that never leaves must not hang the run
        assert client.time()[0] >= expires
        assert job_keys(client) == []
    stats = run_stats(archive, "alone")
    assert stats["distributed/idle_waits"] >= 1
    assert len(records(archive)) == len(replica.truth["articles"])


def job_keys(client: redis.Redis) -> list[bytes]:
    """The keys of jobs (queue, dupefilter, registry), not the collection's shared state nor
    the sites' politeness tokens."""
    shared = (b"govnews:archive:", b"govnews:polite:")
    return [k for k in client.keys("govnews:*") if not k.startswith(shared)]


def _wait_until_idle(
    client: redis.Redis, idle: str, worker: subprocess.Popen[bytes], archive: Path
) -> None:
    """Until the crawling worker marks itself idle: Scrapy signals spider_idle only once the
    start requests, the queue and the downloads are all done, and the silent worker is live,
    so from then on the crawling worker is waiting for it."""
    deadline = time.monotonic() + CRAWL_TIMEOUT
    workers = idle.replace(":idle", ":workers")
    while client.scard(idle) == 0:
        assert worker.poll() is None, crawl_log(archive, "alone")
        assert time.monotonic() < deadline, crawl_log(archive, "alone")
        # the silent worker heartbeats until then: a registry whose heartbeats stand still is a
        # dead run's, which the crawling worker would not join
        client.zadd(workers, {SILENT_WORKER: client.time()[0] + 2 * CRAWL_TIMEOUT})
        time.sleep(0.1)


def test_inert_without_redis_url() -> None:
    crawler = get_crawler(settings_dict={"ADDONS": ADDONS})
    assert crawler.settings["SCHEDULER"] == "scrapy.core.scheduler.Scheduler"
    assert crawler.settings["DUPEFILTER_CLASS"] == "scrapy.dupefilters.RFPDupeFilter"
    assert not crawler.addons.addons


def test_switched_on_by_redis_url() -> None:
    crawler = get_crawler(settings_dict={"ADDONS": ADDONS, "REDIS_URL": "redis://127.0.0.1:1/0"})
    assert crawler.settings["SCHEDULER"] == "crawler.components.distributed.DistributedScheduler"
    assert crawler.settings["DUPEFILTER_CLASS"] == "scrapy_redis.dupefilter.RFPDupeFilter"
    assert "crawler.components.distributed.SharedStartMiddleware" in {
        f"{c.__module__}.{c.__qualname__}" if isinstance(c, type) else c
        for c in crawler.settings.getdict("SPIDER_MIDDLEWARES")
    }
    assert isinstance(crawler.addons.addons[0], DistributedAddon)
    assert DistributedScheduler.__mro__[1].__module__ == "scrapy_redis.scheduler"


class _PushSpider(Spider):
    name = "push-test"
    start_urls = ("http://127.0.0.1:9/index.html",)

    def parse(self, response: Any) -> None:
        """The callback the frontier records."""


@pytest.mark.redis
def test_a_queued_request_is_in_the_shared_frontier_in_the_same_round_trip(
    redis_url: str, tmp_path: Path
) -> None:
    """The push and the frontier's record are one script: one round trip per request, and no
    moment when a request is queued but not pending in the frontier."""
    with opened_scheduler(redis_url, tmp_path, "push") as (scheduler, spider, state):
        url, redirected = "http://127.0.0.1:9/a.html", "http://127.0.0.1:9/b.html"
        with redis.Redis.from_url(redis_url) as client:
            # the script's first run loads it (NOSCRIPT, then EVALSHA again): counted after it
            assert scheduler.enqueue_request(Request(url + "?first", callback=spider.parse))
            calls = _evalsha_calls(client)
            assert scheduler.enqueue_request(Request(url, callback=spider.parse))
            assert _evalsha_calls(client) == calls + 1
            entry = state.frontier_entry(url)
            assert entry is not None and entry.status == "pending"
            assert json.loads(entry.request)["callback"] == "parse"
            # seen already: neither queued nor recorded again (taken as queued until the
            # answer, as a push riding with the next call is; the answer counts it)
            stats = scheduler.crawler.stats
            assert stats.get_value("scheduler/enqueued/redis") == 2
            scheduler.enqueue_request(Request(url, callback=spider.parse))
            assert _evalsha_calls(client) == calls + 2
            assert stats.get_value("dupefilter/filtered") == 1
            assert stats.get_value("scheduler/enqueued/redis") == 2
            # a redirect's follow-up is settled under the URL asked for: not recorded itself
            follow = Request(redirected, meta={"redirect_urls": [url]}, callback=spider.parse)
            assert scheduler.enqueue_request(follow)
            assert state.frontier_entry(redirected) is None
            assert len(scheduler.queue) == 3


@contextmanager
def opened_scheduler(
    redis_url: str, tmp_path: Path, job: str
) -> Iterator[tuple[DistributedScheduler, _PushSpider, SharedCrawlState]]:
    """A worker's scheduler opened on the job, outside a crawl, and its shared state."""
    crawler = archive_crawler(tmp_path / "archive", REDIS_URL=redis_url, ADDONS=ADDONS,
                              RUN_ID=job, GOVNEWS_JOB=job)  # fmt: skip
    spider = _PushSpider.from_crawler(crawler)
    scheduler = DistributedScheduler.from_crawler(crawler)
    scheduler.open(spider)
    try:
        state = archive_of(crawler).state
        assert isinstance(state, SharedCrawlState)
        yield scheduler, spider, state
    finally:
        scheduler.close("finished")
        stop_engine(crawler)


def _evalsha_calls(client: redis.Redis) -> int:
    return _calls(client, "evalsha")


@pytest.mark.redis
def test_pushes_and_a_version_written_ride_with_the_next_claim(
    redis_url: str, tmp_path: Path
) -> None:
    """In a crawl (an event loop turning) the requests a page yields, the page's settle and
    the version the archive wrote go to Redis with the worker's next call, in the order they
    were made: a claim after three pushes is one round trip, and finds them queued."""
    with opened_scheduler(redis_url, tmp_path, "ride") as (scheduler, spider, state):
        urls = [f"http://127.0.0.1:9/{i}.html" for i in range(3)]
        observer = redis.Redis.from_url(redis_url)
        article = {"id": record_id(urls[0]), "url": urls[0], "version": 1, "version_id": "v1",
                   "content_sha1": "0" * 40, "fetched_at": "2026-01-01"}  # fmt: skip
        recorded: list[bool] = []
        # the scripts' first runs load them (NOSCRIPT, then each again): made before, no event
        # loop turning, so sent at once
        assert scheduler.enqueue_request(Request(urls[0] + "?first", callback=spider.parse))
        state.record_archived(
            {**article, "id": record_id(urls[0] + "?first"), "version_id": "v0"}, lambda: None
        )
        state.frontier_read(urls[0] + "?first")
        assert scheduler.next_request() is not None

        async def a_page_then_a_claim() -> tuple[int, int, Request | None]:
            for url in urls:
                assert scheduler.enqueue_request(Request(url, callback=spider.parse))
            state.record_archived(article, lambda: recorded.append(True))
            state.frontier_read("http://127.0.0.1:9/list.html")
            before = int(observer.info("stats")["total_reads_processed"])
            queued = observer.zcard(scheduler.queue.key)  # nothing sent yet
            claimed = scheduler.next_request()
            reads = int(observer.info("stats")["total_reads_processed"]) - before - 2
            return queued, reads, claimed

        queued, reads, claimed = asyncio.run(a_page_then_a_claim())
        assert queued == 0
        assert reads == 1
        assert claimed is not None and claimed.url in urls
        assert len(scheduler.queue) == 2
        assert all(state.frontier_entry(url).status == "pending" for url in urls)  # type: ignore[union-attr]
        assert recorded == [True]
        known = state.article(urls[0])
        assert known is not None and known.version_id == "v1"
        assert scheduler.crawler.stats.get_value("scheduler/enqueued/redis") == 1 + 3


@pytest.mark.redis
def test_a_claimed_request_comes_with_its_articles_last_version(
    redis_url: str, tmp_path: Path
) -> None:
    """The claim returns the article's row with the request: the lookup before its fetch
    (conditional GET, known article) makes no round trip of its own."""
    with opened_scheduler(redis_url, tmp_path, "claim") as (scheduler, spider, state):
        known, new = "http://127.0.0.1:9/known.html", "http://127.0.0.1:9/new.html"
        state.record_version({
            "id": record_id(known), "url": known, "version": 1, "version_id": "v1",
            "content_sha1": "0" * 40, "http": {"etag": '"e1"'}, "fetched_at": "2026-01-01",
        })  # fmt: skip
        for url in (known, new):
            assert scheduler.enqueue_request(Request(url, callback=spider.parse))
        with redis.Redis.from_url(redis_url) as client:
            claimed = [scheduler.next_request(), scheduler.next_request()]
            hgets = _calls(client, "hget")
            assert {r.url for r in claimed if r is not None} == {known, new}
            assert all(r is not None and r.callback == spider.parse for r in claimed)
            article = state.article(known)
            assert article is not None and (article.version, article.etag) == (1, '"e1"')
            assert state.article(new) is None
            assert _calls(client, "hget") == hgets  # both answered by the claims


@pytest.mark.redis
@pytest.mark.parametrize("shared", [True, False], ids=["frontier on Redis", "queue alone"])
def test_a_claim_sent_again_after_its_answer_was_lost_gets_the_same_request(
    redis_url: str, tmp_path: Path, shared: bool
) -> None:
    """Redis ran a claim, then stopped before its answer reached the worker; the client sends
    the call again when Redis is back. The second run of the script must hand over the request
    the first one took from the queue, not the next one: that would leave the first claimed
    by no worker, archived only by the next run. A new claim takes the next request."""
    with opened_scheduler(redis_url, tmp_path, "retried") as (scheduler, spider, _state):
        urls = [f"http://127.0.0.1:9/{i}.html" for i in range(3)]
        if not shared:
            scheduler.shared_frontier = None
        for url in urls:
            assert scheduler.enqueue_request(Request(url, callback=spider.parse))
        real = scheduler.scripts["claim_batch" if shared else "claim"]
        answers: list[Any] = []

        def sent_twice(keys: list[str], args: list[Any]) -> Any:
            answers.append(real(keys, args))  # Redis ran it; its answer is lost
            answers.append(real(keys, args))  # the client's retry, the same call
            return answers[-1]

        scheduler.scripts["claim_batch" if shared else "claim"] = sent_twice
        first = scheduler.next_request()
        assert first is not None and answers[0] == answers[1]
        assert len(scheduler.queue) == 2  # one request taken, not two
        scheduler.scripts["claim_batch" if shared else "claim"] = real
        rest = [scheduler.next_request(), scheduler.next_request(), scheduler.next_request()]
        assert sorted(r.url for r in [first, *rest] if r is not None) == urls
        assert rest[-1] is None and len(scheduler.queue) == 0


@pytest.mark.redis
def test_a_claim_takes_several_requests_of_a_long_queue_in_one_round_trip(
    redis_url: str, tmp_path: Path
) -> None:
    """With the frontier on the queue's Redis a claim takes up to DISTRIBUTED_CLAIM_BATCH of the
    best requests (8), never more than half a live worker's share of the queue: 20 queued, one
    worker: 8 in one round trip, handed out one by one with none; of the 12 left, 6. A claim
    whose answer was lost, sent again, gets the same ones; every request is handed out once."""
    with opened_scheduler(redis_url, tmp_path, "batch") as (scheduler, spider, _state):
        urls = [f"http://127.0.0.1:9/{i:02d}.html" for i in range(20)]
        for url in urls:
            assert scheduler.enqueue_request(Request(url, callback=spider.parse))
        observer = redis.Redis.from_url(redis_url)
        observer.script_load(scheduler.scripts["claim_batch"].script)  # no NOSCRIPT first
        batch = _calls(observer, "evalsha")
        first = [scheduler.next_request() for _ in range(8)]
        assert _calls(observer, "evalsha") == batch + 1
        assert len(scheduler.queue) == 12 and not scheduler.claimed
        real = scheduler.scripts["claim_batch"]
        answers: list[Any] = []

        def sent_twice(keys: list[str], args: list[Any]) -> Any:
            answers.append(real(keys, args))  # Redis ran it; its answer is lost
            answers.append(real(keys, args))  # the client's retry, the same call
            return answers[-1]

        scheduler.scripts["claim_batch"] = sent_twice
        second = scheduler.next_request()
        scheduler.scripts["claim_batch"] = real
        assert answers[0] == answers[1] and len(answers[0]) == 2 * 6  # half of 12
        assert len(scheduler.queue) == 6
        rest = []
        while (request := scheduler.next_request()) is not None:
            rest.append(request)
        got = [r.url for r in [*first, second, *rest] if r is not None]
        assert sorted(got) == urls and len(got) == 20


def _calls(client: redis.Redis, command: str) -> int:
    stats = client.info("commandstats").get(f"cmdstat_{command}", {})
    return int(stats.get("calls", 0))


@pytest.mark.e2e
@pytest.mark.redis
def test_a_worker_whose_heartbeats_come_seconds_apart_is_joined_not_taken_for_dead(
    replica: RunningReplica, redis_url: str, tmp_path: Path
) -> None:
    """A live worker's heartbeat waits for its reactor, which one page may hold for seconds:
    a worker joining then must not take the job for a dead run's (that clears its queue and
    dupefilter). The test plays a worker whose last heartbeat is always 4 intervals old (the
    limit was 3 before): it joins it."""
    job, interval, ttl = "late-heartbeat", 0.5, 30.0
    workers = f"govnews:{job}:workers"
    settings = {"REDIS_URL": redis_url, "ADDONS": json.dumps(ADDONS), "GOVNEWS_JOB": job,
                "DISTRIBUTED_HEARTBEAT": interval, "DISTRIBUTED_WORKER_TTL": ttl}  # fmt: skip
    archive = tmp_path / "archive"
    with (
        redis.Redis.from_url(redis_url) as client,
        start_crawl(replica.seed_file, archive, RUN_ID="joiner", **settings) as worker,
    ):
        try:
            deadline = time.monotonic() + CRAWL_TIMEOUT
            while "Distributed job" not in crawl_log(archive, "joiner"):
                assert worker.poll() is None, crawl_log(archive, "joiner")
                assert time.monotonic() < deadline, crawl_log(archive, "joiner")
                seconds, micro = client.time()
                beat = seconds + micro / 1e6 - 4 * interval  # its last heartbeat
                client.zadd(workers, {SILENT_WORKER: beat + ttl})
                time.sleep(0.05)
        finally:
            worker.kill()
            worker.wait()
    log = crawl_log(archive, "joiner")
    assert "joined running workers" in log and "started the job" not in log, log


@pytest.mark.e2e
@pytest.mark.redis
def test_a_worker_whose_reactor_is_held_keeps_heartbeating_and_is_joined(
    replica_factory: Any, redis_url: str, tmp_path: Path
) -> None:
    """A worker whose reactor is held (a huge page, a long collection, a swapping machine) is
    busy, not dead: its heartbeat goes on from its own thread, so a worker joining then joins
    the job. From the reactor, the heartbeats stood still, the joining worker took the job for a
    dead run's, cleared its queue and dupefilter and fetched the pages again. Worker a's reactor
    is held from its 5th response until worker b has joined (or restarted) the job."""
    replica = replica_factory(n_articles=40)
    already_logged = len(replica.server.request_log())
    job, interval = "held-reactor", 0.2
    marker, release = tmp_path / "stalled", tmp_path / "release"
    settings: dict[str, Any] = {
        "REDIS_URL": redis_url, "ADDONS": json.dumps(ADDONS), "GOVNEWS_JOB": job,
        "DISTRIBUTED_HEARTBEAT": interval, "DOWNLOAD_DELAY": 0.05,
    }  # fmt: skip
    archives = {name: tmp_path / f"archive-{name}" for name in WORKERS}
    stall = {
        "EXTENSIONS": json.dumps({"testbed.stall.StallReactor": 0}),
        "STALL_AFTER_RESPONSES": 5,
        "STALL_MARKER": marker,
        "STALL_RELEASE": release,
    }
    first = start_crawl(replica.seed_file, archives["a"], RUN_ID="a", **settings, **stall)
    with first:
        deadline = time.monotonic() + CRAWL_TIMEOUT
        while not marker.exists():
            assert first.poll() is None, crawl_log(archives["a"], "a")
            assert time.monotonic() < deadline, crawl_log(archives["a"], "a")
            time.sleep(0.05)
        # worker b looks only once the hold has lasted longer than the five intervals after
        # which a registry that stands still is a dead run's (b's own start-up adds to it)
        while time.time() - marker.stat().st_mtime <= 6 * interval:
            time.sleep(0.05)
        second = start_crawl(replica.seed_file, archives["b"], RUN_ID="b", **settings)
        with second:
            while "Distributed job" not in crawl_log(archives["b"], "b"):
                assert second.poll() is None, crawl_log(archives["b"], "b")
                assert time.monotonic() < deadline, crawl_log(archives["b"], "b")
                time.sleep(0.05)
            release.write_text("go")
            for name, worker in (("a", first), ("b", second)):
                assert worker.wait(timeout=CRAWL_TIMEOUT) == 0, crawl_log(archives[name], name)
    log = crawl_log(archives["b"], "b")
    assert "joined running workers" in log and "started the job" not in log, log
    articles = {a["url"] for a in replica.truth["articles"]}
    union = Counter(r["url"] for name in WORKERS for r in records(archives[name]))
    assert set(union) == articles
    assert [url for url, n in union.items() if n > 1] == []
    log_lines = replica.server.request_log()[already_logged:]
    fetched = Counter(replica.server.url(r.site, r.path) for r in log_lines if r.method == "GET")
    assert {url: fetched[url] for url in articles if fetched[url] != 1} == {}


def test_a_reactor_that_stops_turning_gets_no_more_heartbeats_until_it_turns_again() -> None:
    """A hung worker (its reactor stopped for longer than the registration's TTL) stops
    heartbeating, so its registration expires and the other workers stop waiting for it; a
    held reactor that turns again gets its heartbeats back. The reactor here is a Twisted
    Clock the test advances: each advance is a turn."""
    beats: list[float] = []
    clock = Clock()
    heartbeat = Heartbeat(lambda: beats.append(time.monotonic()), 0.02, 0.3, clock=clock)
    heartbeat.start()
    try:
        turning = time.monotonic() + 0.5
        while time.monotonic() < turning:
            clock.advance(0.02)
            time.sleep(0.02)
        assert len(beats) >= 5 and not heartbeat.withheld
        hung = time.monotonic()
        time.sleep(0.8)  # no turn: beats go on for the TTL (0.3 s), then none
        assert heartbeat.withheld
        assert any(hung < t < hung + 0.2 for t in beats)
        assert not any(hung + 0.45 < t for t in beats), [t - hung for t in beats if t > hung]
        back = time.monotonic()
        clock.advance(0.02)
        time.sleep(0.3)
        assert any(t > back for t in beats) and not heartbeat.withheld
    finally:
        assert heartbeat.stop(timeout=1.0)
    stopped = len(beats)
    time.sleep(0.1)
    assert len(beats) == stopped
