"""Distributed crawling on scrapy-redis: `scrapy crawl govnews -s REDIS_URL=redis://host:6379/0`
on several machines, each with its own ARCHIVE_DIR, shares one request queue and one dupefilter.

Off unless REDIS_URL is set (`DistributedAddon` raises NotConfigured). See docs/DISTRIBUTED.md.

What scrapy-redis 0.9.1 lacks for us, added here by subclassing (not forking) its scheduler:
- job-scoped keys: `<spider>:<job>:requests|dupefilter|workers|idle`, the job from GOVNEWS_JOB
  or a digest of the spider's start URLs, so workers given the same seeds join the same job;
- a worker registry (sorted set of worker ids scored by heartbeat expiry) so that the *last*
  worker to leave clears the queue and dupefilter (the next scheduled run starts fresh and its
  list pages are not filtered as seen) and the *first* to join clears a crashed run's leftovers;
  scrapy-redis's own close() would flush the queue under the feet of workers still running;
- an idle rule: a worker whose queue is empty stays while another live worker is busy (it may
  still produce requests), instead of quitting at once (SCHEDULER_IDLE_BEFORE_CLOSE would block
  the reactor in a Redis BRPOP, and the priority queue ignores it anyway);
- stats without the `spider=` argument Scrapy 2.19 deprecates.
SCHEDULER_PERSIST=True keeps a job's keys after its last worker; SCHEDULER_FLUSH_ON_START and
SCHEDULER_IDLE_BEFORE_CLOSE are not used (the first worker clears; idling is the rule above).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import deque
from collections.abc import AsyncIterator
from typing import Any

from redis.exceptions import RedisError
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.misc import load_object
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import LoopingCall

from crawler import defaults
from crawler.components.frontier import Frontier, frontier_of, request_spec
from crawler.components.redisclient import (
    ALIVE_PREFIX,
    redis_params,
    set_joined_running_job,
    set_live_workers,
    worker_id_of,
)
from crawler.store.deferring import DeferringRedis
from crawler.store.shared import SharedCrawlState, frontier_add_lua

logger = logging.getLogger(__name__)

# a registry whose newest heartbeat is older than this many intervals is a dead run's, and a
# worker joining fresher ones waits as many for one of their heartbeats. A worker heartbeats
# from a thread of its own, so a reactor held by one step (an 8-MB page's extraction alone
# takes 0.7 s) does not delay it. The wait costs only a worker that finds a run killed less than
# this many intervals ago
_FRESH_HEARTBEATS = 5
_LIVENESS_WAIT = 5.0
REDIS_LOST = "redis_unavailable"  # the close reason of a worker whose Redis did not come back


# every script first forgets workers whose heartbeat expired (KEYS[1] workers, KEYS[2] idle);
# times to the microsecond: a joining worker watches heartbeats advance within an interval
_PRUNE = (
    """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1e6
for _, w in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
  redis.call('SREM', KEYS[2], w)
  redis.call('DEL', '"""
    + ALIVE_PREFIX
    + """' .. w)
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
"""
)
# a worker's liveness key (the site tokens it holds are freed as soon as it is gone, see
# crawler.components.politeness): set with the registration, dropped with it
_ALIVE = (
    """
redis.call('SET', '"""
    + ALIVE_PREFIX
    + """' .. ARGV[1], '1', 'PX',
           math.ceil(tonumber(ARGV[2]) * 1000))
"""
)
# the registered workers of a dead run are gone: their liveness keys too
_FORGET_ALL = (
    """
for _, w in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  redis.call('DEL', '"""
    + ALIVE_PREFIX
    + """' .. w)
end
"""
)
# KEYS workers idle queue dupefilter; ARGV id ttl clear fresh -> 1 when this worker starts the
# job. Workers whose last heartbeat (expiry - ttl) is older than `fresh` seconds are a dead run's
# (killed all at once, their registrations not expired yet): a new run never joins them
_JOIN = (
    _PRUNE
    + """
local since = now + tonumber(ARGV[2]) - tonumber(ARGV[4])
local alive = redis.call('ZRANGEBYSCORE', KEYS[1], since, '+inf')
local first = #alive == 0
if first then
  if ARGV[3] == '1' then redis.call('DEL', KEYS[2], KEYS[3], KEYS[4]) end
"""
    + _FORGET_ALL
    + """
  redis.call('DEL', KEYS[1], KEYS[5])
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
"""
    + _ALIVE
    + """
return first and 1 or 0
"""
)
# KEYS workers idle queue dupefilter; ARGV id ttl clear -> 1: a dead run's keys cleared, this
# worker starts the job
_RESTART = (
    """
if ARGV[3] == '1' then redis.call('DEL', KEYS[2], KEYS[3], KEYS[4]) end
"""
    + _FORGET_ALL
    + """
redis.call('DEL', KEYS[1], KEYS[5])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1e6
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
"""
    + _ALIVE
    + """
return 1
"""
)
# KEYS workers idle; ARGV id ttl -> the live workers, this one included
_HEARTBEAT = (
    _PRUNE
    + """
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
"""
    + _ALIVE
    + """
return redis.call('ZCARD', KEYS[1])
"""
)
# KEYS workers idle queue dupefilter; ARGV id clear -> workers still live
_LEAVE = (
    _PRUNE
    + """
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('DEL', '"""
    + ALIVE_PREFIX
    + """' .. ARGV[1])
redis.call('HDEL', KEYS[5], ARGV[1])
local live = redis.call('ZCARD', KEYS[1])
if live == 0 and ARGV[2] == '1' then
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
end
return live
"""
)
# KEYS workers idle queue; ARGV id -> 1 while there is work or a live worker still busy
_IDLE = (
    _PRUNE
    + """
redis.call('SADD', KEYS[2], ARGV[1])
if redis.call('ZCARD', KEYS[3]) > 0 then return 1 end
for _, w in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if redis.call('SISMEMBER', KEYS[2], w) == 0 then return 1 end
end
return 0
"""
)
# KEYS dupefilter queue; ARGV fingerprint ('' for dont_filter) score data -> 1 queued, 0 seen
_PUSH_STEP = """
if ARGV[1] ~= '' and redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
"""
_PUSH = _PUSH_STEP + "return 1"
# the push, and the request recorded pending in the shared frontier in the same step (one round
# trip less per request; a request queued is always in the frontier, its run gone or not):
# KEYS dupefilter queue frontier due; ARGV fingerprint score data url request run_id
_PUSH_RECORDED = (
    _PUSH_STEP + frontier_add_lua("KEYS[3]", "KEYS[4]", "ARGV[4]", "ARGV[5]", "ARGV[6]")
    + "return 1"
)  # fmt: skip
# KEYS queue idle claims; ARGV id token -> the best request, the worker marked busy in the same
# step, so no other worker ever sees an empty queue and no busy worker while a request is in
# flight. Each claim is kept under the worker with its token: a claim Redis ran but whose answer
# never came (Redis stopped; the client sends the call again, the same token) gets the request
# it took, not the next one, which would leave the first claimed by no one until the next run
_CLAIM_STEP = """
local held = redis.call('HGET', KEYS[3], ARGV[1])
local top
if held and string.sub(held, 1, #ARGV[2]) == ARGV[2] then
  top = {string.sub(held, #ARGV[2] + 1)}
else
  top = redis.call('ZRANGE', KEYS[1], 0, 0)
  if #top == 0 then
    if held then redis.call('HDEL', KEYS[3], ARGV[1]) end
    return false
  end
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
  redis.call('HSET', KEYS[3], ARGV[1], ARGV[2] .. top[1])
end
redis.call('SREM', KEYS[2], ARGV[1])
"""
_CLAIM = _CLAIM_STEP + "return top[1]"
# a queued request's member when the shared state lives on the queue's Redis: this, the article
# id (40 hex digits), a newline, the request; its claim returns the article's last version too
QUEUED_ID = b"govnews-id:"
# KEYS queue idle claims articles workers; ARGV id token prefix most -> {request, its article's
# row or false, …}: up to `most` of the best requests in one round trip (a claim a request made
# about one more each), never more than half a live worker's share of the queue (a short queue
# is shared out, not taken by the first to ask), each with its article's last version (the
# lookup before its fetch, conditional GET or known article, costs no round trip). Held under
# the worker with the token, as one claim is: a call Redis ran but whose answer never came gets
# the same requests again
_CLAIM_BATCH = """
local held = redis.call('HGET', KEYS[3], ARGV[1])
local top
if held and string.sub(held, 1, #ARGV[2]) == ARGV[2] then
  top = cmsgpack.unpack(string.sub(held, #ARGV[2] + 1))
else
  local live = math.max(redis.call('ZCARD', KEYS[5]), 1)
  local share = math.floor(redis.call('ZCARD', KEYS[1]) / (2 * live))
  local n = math.max(1, math.min(tonumber(ARGV[4]), share))
  top = redis.call('ZRANGE', KEYS[1], 0, n - 1)
  if #top == 0 then
    if held then redis.call('HDEL', KEYS[3], ARGV[1]) end
    return {}
  end
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, #top - 1)
  redis.call('HSET', KEYS[3], ARGV[1], ARGV[2] .. cmsgpack.pack(top))
end
redis.call('SREM', KEYS[2], ARGV[1])
local out = {}
for _, m in ipairs(top) do
  table.insert(out, m)
  local row = false
  if string.sub(m, 1, #ARGV[3]) == ARGV[3] then
    row = redis.call('HGET', KEYS[4], string.sub(m, #ARGV[3] + 1, #ARGV[3] + 40)) or false
  end
  table.insert(out, row)
end
return out
"""


class DistributedAddon:
    """`ADDONS = {"crawler.components.distributed.DistributedAddon": 0}`: inert until REDIS_URL
    is set."""

    def update_settings(self, settings: BaseSettings) -> None:
        if not settings.get("REDIS_URL"):
            # bare: Scrapy logs a NotConfigured reason as a WARNING, and off is the normal case
            raise NotConfigured
        # over the project's FrontierScheduler (crawler/settings.py), not over a command line's
        project = SETTINGS_PRIORITIES["project"]
        settings.set("SCHEDULER", "crawler.components.distributed.DistributedScheduler", project)
        settings.set("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter", "addon")
        wait = settings.getfloat("DISTRIBUTED_REDIS_WAIT", defaults.DISTRIBUTED_REDIS_WAIT)
        params = {**redis_params(wait), **settings.getdict("REDIS_PARAMS")}
        settings.set("REDIS_PARAMS", params, "addon")
        settings.set("SCHEDULER_QUEUE_CLASS", "scrapy_redis.queue.PriorityQueue", "addon")
        settings.set_in_component_priority_dict("SPIDER_MIDDLEWARES", SharedStartMiddleware, 50)
        # a site's delay and concurrency across workers: its download handler waits for the
        # site's token in Redis; the delay is the token's alone. The handler is the project's
        # already (crawler/settings.py): set again so that DOWNLOAD_HANDLERS of the user's own
        # cannot leave the workers' politeness per worker
        if settings.getbool("DISTRIBUTED_POLITENESS", defaults.DISTRIBUTED_POLITENESS):
            handlers = settings.getdict("DOWNLOAD_HANDLERS")
            handler = "crawler.components.politeness.PoliteDownloadHandler"
            settings.set("DOWNLOAD_HANDLERS", {**handlers, "http": handler, "https": handler},
                         "addon")  # fmt: skip
            delay = settings.getfloat("DOWNLOAD_DELAY")
            settings.set("DISTRIBUTED_SITE_DELAY", delay, "cmdline")
            settings.set("DOWNLOAD_DELAY", 0, "cmdline")


class SharedStartMiddleware:
    """Start requests through the shared dupefilter: the spider marks them dont_filter, so
    without this every worker would fetch (and archive) every start URL."""

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for item_or_request in start:
            if isinstance(item_or_request, Request) and item_or_request.dont_filter:
                item_or_request = item_or_request.replace(dont_filter=False)
            yield item_or_request


def job_for(spider: Spider) -> str:
    """The job shared by workers given the same seeds: a digest of the spider's start URLs."""
    profiles = getattr(spider, "profiles", None) or {}
    urls = sorted({url for p in profiles.values() for url in p.start_urls})
    urls = urls or sorted(getattr(spider, "start_urls", []) or [])
    return hashlib.sha1("\n".join(urls).encode()).hexdigest()[:16]


class DistributedScheduler(Scheduler):
    """scrapy-redis's scheduler with job-scoped keys, a worker registry and an idle rule."""

    crawler: Crawler
    spider: Spider
    server: Any  # scrapy-redis's client, then the shared state's when there is one
    queue: PriorityQueue
    df: RFPDupeFilter
    job: str
    worker_id: str
    worker_ttl: float
    heartbeat_interval: float
    heartbeat: Heartbeat
    redis_wait: float
    idle_poll: float
    lost: bool  # Redis did not come back: the worker is stopping
    frontier: Frontier | None
    shared_frontier: SharedCrawlState | None  # the frontier's store, on this Redis
    keys: list[str]  # workers, idle, queue, dupefilter, claims
    claims: int  # claims made: each call's token
    claim_batch: int  # requests one claim takes at most (the frontier on the queue's Redis)
    claimed: deque[Request]  # taken by the last claim, not handed to the engine yet
    scripts: dict[str, Any]  # redis Script objects by name

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DistributedScheduler:
        scheduler: DistributedScheduler = super().from_crawler(crawler)
        settings = crawler.settings
        scheduler.crawler = crawler
        scheduler.job = settings.get("GOVNEWS_JOB") or ""
        scheduler.heartbeat_interval = settings.getfloat(
            "DISTRIBUTED_HEARTBEAT", defaults.DISTRIBUTED_HEARTBEAT
        )
        scheduler.worker_ttl = settings.getfloat(
            "DISTRIBUTED_WORKER_TTL", defaults.DISTRIBUTED_WORKER_TTL
        )
        scheduler.redis_wait = settings.getfloat(
            "DISTRIBUTED_REDIS_WAIT", defaults.DISTRIBUTED_REDIS_WAIT
        )
        scheduler.idle_poll = settings.getfloat(
            "DISTRIBUTED_IDLE_POLL", defaults.DISTRIBUTED_IDLE_POLL
        )
        scheduler.lost = False
        scheduler.claims = 0
        scheduler.claim_batch = max(
            settings.getint("DISTRIBUTED_CLAIM_BATCH", defaults.DISTRIBUTED_CLAIM_BATCH), 1
        )
        scheduler.claimed = deque()
        scheduler.frontier = frontier_of(crawler)
        scheduler.worker_id = worker_id_of(crawler)
        scheduler.heartbeat = Heartbeat(
            scheduler._heartbeat, scheduler.heartbeat_interval, scheduler.worker_ttl
        )
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        return scheduler

    def open(self, spider: Spider) -> None:
        self.spider = spider
        self.job = self.job or job_for(spider)
        prefix = f"{spider.name}:{self.job}"
        # not super().open(): it logs through the deprecated Spider.log(), and its dupefilter
        # key would not be job-scoped; the queue formats its key with `%`, hence the escape
        self.queue = load_object(self.queue_cls)(
            server=self.server,
            spider=spider,
            key=prefix.replace("%", "%%") + ":requests",
            serializer=self.serializer,
        )
        if not isinstance(self.queue, PriorityQueue):
            raise NotConfigured("DistributedScheduler needs scrapy_redis.queue.PriorityQueue")
        debug = spider.settings.getbool("DUPEFILTER_DEBUG")
        self.df = RFPDupeFilter(self.server, key=f"{prefix}:dupefilter", debug=debug)
        self.keys = [f"{prefix}:workers", f"{prefix}:idle", self.queue.key, self.df.key,
                     f"{prefix}:claims"]  # fmt: skip
        # the heartbeat keeps scrapy-redis's client: it beats from a thread of its own
        heartbeat = self.server.register_script(_HEARTBEAT)
        self.shared_frontier = self._shared_frontier()
        if self.shared_frontier is not None:
            # the queue on the shared state's client: a request's push rides with the worker's
            # next call, and the settle of the page that found it after it (one client, one
            # order); every call of the queue carries the pushes before it
            self.server = self.queue.server = self.df.server = self.shared_frontier.client
        self.scripts = {
            name: self.server.register_script(source)
            for name, source in [
                ("join", _JOIN),
                ("leave", _LEAVE),
                ("idle", _IDLE),
                ("claim", _CLAIM),
                ("claim_batch", _CLAIM_BATCH),
                ("restart", _RESTART),
                ("push", _PUSH),
                ("push_recorded", _PUSH_RECORDED),
            ]
        }
        self.scripts["heartbeat"] = heartbeat
        fresh = _FRESH_HEARTBEATS * self.heartbeat_interval
        join = [self.worker_id, self.worker_ttl, self._clear, fresh]
        first = self.scripts["join"](self.keys, join)
        if not first and not self._others_beating():
            # their heartbeats were recent but none came since: a run that died (killed, or
            # stopped while Redis was down) and that this worker must not join
            first = self.scripts["restart"](self.keys, [self.worker_id, self.worker_ttl,
                                                        self._clear])  # fmt: skip
        set_joined_running_job(self.crawler, not first)
        set_live_workers(self.crawler, self.server.zcard(self.keys[0]))
        self.heartbeat.start()
        self._poll_when_idle()
        logger.info(
            "Distributed job %s: worker %s %s, %d requests queued (redis keys %s:*)",
            self.job,
            self.worker_id,
            "started the job" if first else "joined running workers",
            len(self.queue),
            prefix,
        )

    def close(self, reason: str) -> None:
        if not self.heartbeat.stop(timeout=self.redis_wait + self.heartbeat_interval):
            logger.warning("Distributed job %s: worker %s's heartbeat did not stop", self.job,
                           self.worker_id)  # fmt: skip
        try:
            live = self.scripts["leave"](self.keys, [self.worker_id, self._clear])
        except RedisError as exc:  # its registration expires by itself
            logger.warning("Distributed job %s: worker %s left without Redis (%s)", self.job,
                           self.worker_id, exc)  # fmt: skip
            return
        logger.info(
            "Distributed job %s: worker %s left (%s); %d workers still live%s",
            self.job,
            self.worker_id,
            reason,
            live,
            "" if live or not self._clear else "; job keys cleared",
        )
        self.server.close()

    def _poll_when_idle(self) -> None:
        """An idle worker asks the shared queue again every DISTRIBUTED_IDLE_POLL seconds, not
        every 5. Scrapy's engine retries a spider kept open (DontCloseSpider) only at its
        slot heartbeat, `ExecutionEngine._SLOT_HEARTBEAT_INTERVAL`, 5 s: a worker that found
        the queue empty for a moment (the other worker still reading the list pages that fill
        it) slept that long, and the last worker closed up to 5 s after the job's end."""
        try:
            engine = self.crawler.engine
        except RuntimeError:  # opened outside a crawl (Scrapy 2.19 raises): nothing to poll
            return
        interval = "_SLOT_HEARTBEAT_INTERVAL"
        if engine is None or not hasattr(engine, interval):  # another Scrapy: its own interval
            logger.warning("Distributed job %s: Scrapy's engine has no %s; idle workers poll "
                           "at Scrapy's own pace", self.job, interval)  # fmt: skip
            return
        setattr(engine, interval, self.idle_poll)

    def _others_beating(self) -> bool:
        """Whether another registered worker heartbeats within LIVENESS_WAIT intervals."""
        me = self.worker_id.encode()
        before = {w: t for w, t in self.server.zrange(self.keys[0], 0, -1, withscores=True)
                  if w != me}  # fmt: skip
        deadline = time.monotonic() + _LIVENESS_WAIT * self.heartbeat_interval
        while time.monotonic() < deadline:
            time.sleep(min(0.2, self.heartbeat_interval / 4))
            now = dict(self.server.zrange(self.keys[0], 0, -1, withscores=True))
            if any(now.get(w, 0) > t for w, t in before.items()):
                return True
        return False

    @property
    def _clear(self) -> int:
        """1 when the job's keys go with its last worker (SCHEDULER_PERSIST keeps them)."""
        return 0 if self.persist else 1

    def _heartbeat(self) -> None:
        """One heartbeat, from the heartbeat's thread (the client's pool is thread-safe); what
        it learns goes to the reactor's thread."""
        from twisted.internet import reactor  # installed by Scrapy before any crawl

        try:
            live = self.scripts["heartbeat"](self.keys[:2], [self.worker_id, self.worker_ttl])
        except RedisError as exc:  # the next beat tries again
            reactor.callFromThread(self.crawler.stats.inc_value, "distributed/heartbeat_failed")
            logger.warning("Distributed job %s: heartbeat failed: %s", self.job, exc)
            return
        reactor.callFromThread(set_live_workers, self.crawler, live)

    def _shared_frontier(self) -> SharedCrawlState | None:
        """The frontier's store when it lives on the queue's Redis: the push records requests
        in it too (`push_recorded`)."""
        state = self.frontier.state if self.frontier is not None else None
        if not isinstance(state, SharedCrawlState):
            return None
        ours, theirs = (client.connection_pool.connection_kwargs for client in
                        (self.server, state.client))  # fmt: skip
        where = ("host", "port", "db", "path", "unix_socket_path")
        return state if all(ours.get(k) == theirs.get(k) for k in where) else None

    def enqueue_request(self, request: Request) -> bool:
        # scrapy-redis's dupefilter check and queue push, and the frontier's record of the
        # request, in one round trip
        fingerprint = "" if request.dont_filter else self.df.request_fingerprint(request)
        keys = [self.df.key, self.queue.key]
        data = self.queue._encode_request(request)
        if self.shared_frontier is not None:
            article_id = self.shared_frontier.article_id(request.url)
            data = QUEUED_ID + article_id.encode() + b"\n" + data
        args = [fingerprint, -request.priority, data]
        script = "push"
        # a redirect's follow-up is settled under the URL asked for, already pending
        if self.shared_frontier is not None and "redirect_urls" not in request.meta:
            assert self.frontier is not None
            keys += self.shared_frontier.frontier_keys()
            args += [request.url, request_spec(request), self.frontier.run_id]
            script = "push_recorded"
        if script == "push_recorded" and isinstance(self.server, DeferringRedis):
            # sent with the next call (a claim, within a few ms); taken as queued until then,
            # as Scrapy's own schedulers take a request they will drop later
            self.server.later_script(
                self.scripts[script], keys, args, lambda pushed: self._pushed(request, pushed)
            )
            return True
        try:
            pushed = self.scripts[script](keys, args)
        except RedisError as exc:  # not queued, not in the frontier: its list page is read again
            self._redis_lost(exc)
            return False
        if not self._pushed(request, pushed):
            return False
        if self.frontier is not None and script == "push":
            self.frontier.scheduled(request)
        return True

    def _pushed(self, request: Request, pushed: Any) -> bool:
        """Count the push's answer: queued (1), or a request seen already (0)."""
        if isinstance(pushed, Exception):  # logged by the client
            return False
        if not pushed:
            self.df.log(request, self.spider)
            self.crawler.stats.inc_value("dupefilter/filtered")
            return False
        self.crawler.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        if self.claimed:
            self.crawler.stats.inc_value("scheduler/dequeued/redis")
            return self.claimed.popleft()
        state = self.shared_frontier
        self.claims += 1
        token = f"{self.claims:016x}"  # the same in the client's retries of this call
        keys = [self.queue.key, self.keys[1], self.keys[4]]
        try:
            if state is None:
                data = self.scripts["claim"](keys, [self.worker_id, token])
            else:
                keys += [state.articles_key(), self.keys[0]]
                args = [self.worker_id, token, QUEUED_ID, self.claim_batch]
                data = self.scripts["claim_batch"](keys, args)
        except RedisError as exc:
            self._redis_lost(exc)
            return None
        if not data:
            return None
        if state is None:
            self.crawler.stats.inc_value("scheduler/dequeued/redis")
            request: Request = self.queue._decode_request(data)
            return request
        for member, row in zip(data[::2], data[1::2], strict=True):
            if member.startswith(QUEUED_ID):
                start = len(QUEUED_ID)
                state.remember_article(member[start : start + 40].decode(), row)
                member = member[start + 41 :]
            self.claimed.append(self.queue._decode_request(member))
        self.crawler.stats.inc_value("scheduler/dequeued/redis")
        return self.claimed.popleft()

    def has_pending_requests(self) -> bool:
        if self.claimed:
            return True
        try:
            return super().has_pending_requests()
        except RedisError as exc:
            self._redis_lost(exc)
            return False

    def spider_idle(self, spider: Spider) -> None:
        """Stay while the shared queue has requests or another live worker is busy."""
        try:
            waiting = self.scripts["idle"](self.keys[:3], [self.worker_id])
        except RedisError as exc:
            self._redis_lost(exc)
            return
        if waiting:
            self.crawler.stats.inc_value("distributed/idle_waits")
            raise DontCloseSpider

    def _redis_lost(self, exc: RedisError) -> None:
        """Redis did not answer for DISTRIBUTED_REDIS_WAIT seconds (the client retried all that
        time, the worker paused): stop the worker, once, with one line; the run is logged and
        its requests not archived are pending in the frontier."""
        if self.lost:
            return
        self.lost = True
        self.crawler.stats.inc_value("distributed/redis_lost")
        logger.error(
            "Distributed job %s: Redis unreachable for %g s (%s): worker %s stops; what it had "
            "not archived is pending in the frontier for the next run",
            self.job, self.redis_wait, exc, self.worker_id,
        )  # fmt: skip
        engine = self.crawler.engine
        if engine is not None:
            deferred_from_coro(engine.close_spider_async(reason=REDIS_LOST))


class Heartbeat:
    """A worker's heartbeat, every `interval` seconds from a thread of its own while the
    reactor turns.

    From the reactor it waited for whatever held the reactor: a backlog of requests taken in
    one go, a huge page, a long garbage collection. A worker joining the job then saw heartbeats
    stand still for five intervals, took the job for a dead run's and cleared its queue and
    dupefilter: pages fetched again, and an article in flight in both workers archived twice.
    A reactor that has not turned for `ttl` seconds (a worker hung, not busy) gets no more
    beats, so its registration expires `ttl` later and the other workers stop waiting for it."""

    def __init__(self, beat: Any, interval: float, ttl: float, clock: Any = None) -> None:
        """`clock`: the reactor whose turns count (Twisted's global one by default)."""
        self.beat = beat
        self.interval = interval
        self.ttl = ttl
        self.turned = time.monotonic()  # when the reactor last turned
        self.withheld = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="govnews-heartbeat", daemon=True)
        self._turns = LoopingCall(self._turn)
        if clock is not None:
            self._turns.clock = clock

    def start(self) -> None:
        self._turns.start(self.interval, now=True)
        self._thread.start()

    def stop(self, timeout: float) -> bool:
        """Stop beating; False when a beat still in flight (Redis away) did not end in time."""
        if self._turns.running:
            self._turns.stop()
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def _turn(self) -> None:
        self.turned = time.monotonic()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            held = time.monotonic() - self.turned
            if held > self.ttl:
                if not self.withheld:
                    logger.warning("The reactor has not turned for %.0f s: no more heartbeats "
                                   "until it does", held)  # fmt: skip
                self.withheld = True
                continue
            self.withheld = False
            try:
                self.beat()
            except Exception:  # the thread goes on: the next beat may succeed
                logger.exception("Heartbeat failed")
