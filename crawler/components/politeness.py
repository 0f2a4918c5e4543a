"""Politeness per site, not per worker: in distributed mode the delay and the concurrency a site
sees are DOWNLOAD_DELAY and CONCURRENT_REQUESTS_PER_DOMAIN however many workers crawl it.

Scrapy applies both per process: two workers send a site twice the request rate. So when a
request leaves (`PoliteDownloadHandler`, Scrapy's HTTP download handler that first waits for the
site's token, inside the worker's own slot) it takes the site's token in Redis with one Lua
script: a lease among at most
CONCURRENT_REQUESTS_PER_DOMAIN (each named after its worker: a lease of a worker whose
registration is gone, killed or expired, is freed at the next take; each also expires after
DOWNLOAD_TIMEOUT + a minute) and the site's next free moment, DOWNLOAD_DELAY after the last
one any worker reserved. The request waits (asyncio, the reactor goes on) until its moment; the
lease is given back when its response or error comes back. The add-on moves DOWNLOAD_DELAY to
the token (DISTRIBUTED_SITE_DELAY) and sets the workers' own slot delay to 0 (a slot delay on top
would only slow a site more). AutoThrottle still adapts each worker's slot: it may slow a site
further, never raise its rate or concurrency past the configured ones. Keys
`govnews:polite:<host>:next|leases`, shared by every job on the Redis: a site is one site.
DISTRIBUTED_POLITENESS=False leaves politeness per worker.
Counted: `politeness/waits`, `politeness/waited_ms`.

The handler is the project's for http and https in every mode (crawler/settings.py). Without
Redis it only holds a site's downloads to CONCURRENT_REQUESTS_PER_DOMAIN: Scrapy 2.19's
downloader starts every queued request of a slot at once when the slot has no delay
(`_process_queue` counts a download only once its coroutine runs), so with DOWNLOAD_DELAY=0 and
2 per site a site saw 25 requests at once.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from typing import TYPE_CHECKING, Any

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.utils.httpobj import urlparse_cached

from crawler import defaults
from crawler.components.redisclient import (
    ALIVE_PREFIX,
    live_workers_of,
    redis_client,
    worker_id_of,
)
from crawler.store.deferring import DeferringRedis

if TYPE_CHECKING:
    from collections.abc import Callable

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

_LEASE_MARGIN = 60.0  # seconds a lease outlives DOWNLOAD_TIMEOUT
_FULL_WAIT = 0.05  # seconds between attempts while the site's leases are all taken
# KEYS leases next; ARGV token limit delay lease_ttl -> seconds to wait, or -1: no lease free.
# A lease is `<worker id>|<token>`: when every lease is out, those whose worker's liveness key is
# gone are freed (looked for only then: an EXISTS per lease at every take cost Redis 72-93 us a
# take, against 55-73 us, with 16 leases a site)
_TAKE = (
    """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1e6
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local limit = tonumber(ARGV[2])
if redis.call('ZCARD', KEYS[1]) >= limit then
  for _, lease in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
    local worker = string.match(lease, '^(.*)|')
    if worker and redis.call('EXISTS', '"""
    + ALIVE_PREFIX
    + """' .. worker) == 0 then
      redis.call('ZREM', KEYS[1], lease)
    end
  end
  if redis.call('ZCARD', KEYS[1]) >= limit then return '-1' end
end
local slot = math.max(now, tonumber(redis.call('GET', KEYS[2]) or '0'))
local delay = tonumber(ARGV[3])
local keep = math.ceil((slot - now + delay) * 1000) + 60000
redis.call('SET', KEYS[2], tostring(slot + delay), 'PX', keep)
redis.call('ZADD', KEYS[1], slot + tonumber(ARGV[4]), ARGV[1])
redis.call('EXPIRE', KEYS[1], math.ceil(slot - now + tonumber(ARGV[4])))
return tostring(slot - now)
"""
)


class SiteTokens:
    """A site's delay and concurrency across workers, in Redis."""

    def __init__(
        self,
        stats: Any,
        client: DeferringRedis,
        delay: float,
        concurrency: int,
        lease_ttl: float,
        worker_id: str,
    ) -> None:
        self.stats = stats
        self.worker_id = worker_id
        self.client = client
        self.script = client.register_script(_TAKE)
        self.delay = delay
        self.concurrency = max(concurrency, 1)
        self.lease_ttl = lease_ttl

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteTokens | None:
        """The tokens of a distributed crawl (None: REDIS_URL unset or DISTRIBUTED_POLITENESS
        off)."""
        settings = crawler.settings
        if not settings.get("REDIS_URL"):
            return None
        if not settings.getbool("DISTRIBUTED_POLITENESS", defaults.DISTRIBUTED_POLITENESS):
            return None
        return cls(
            crawler.stats, redis_client(settings), settings.getfloat("DISTRIBUTED_SITE_DELAY"),
            settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"),
            settings.getfloat("DOWNLOAD_TIMEOUT") + _LEASE_MARGIN, worker_id_of(crawler),
        )  # fmt: skip

    async def take(self, request: Request) -> tuple[str, str]:
        """Wait for a lease and the site's next turn; the lease to give back."""
        site = urlparse_cached(request).netloc  # host and port
        keys = [f"govnews:polite:{site}:leases", f"govnews:polite:{site}:next"]
        token = f"{self.worker_id}|{secrets.token_hex(8)}"
        args: list[Any] = [token, self.concurrency, self.delay, self.lease_ttl]
        waited = 0.0
        while (wait := float(self.script(keys, args))) < 0:  # every lease is out: wait for one
            await asyncio.sleep(_FULL_WAIT)
            waited += _FULL_WAIT
        if wait > 0:
            await asyncio.sleep(wait)
            waited += wait
        if waited:
            self.stats.inc_value("politeness/waits")
            self.stats.inc_value("politeness/waited_ms", round(waited * 1000))
        return keys[0], token

    def give_back(self, lease: tuple[str, str]) -> None:
        """Sent with the worker's next take (or within a few ms): a lease held that much
        longer only keeps the site a little further below its concurrency."""
        self.client.later("ZREM", *lease)


class SiteShare:
    """A site's downloads in this worker: at most `limit()` at once, the limit read anew each
    time one waits (it follows the number of live workers)."""

    def __init__(self, limit: Callable[[], int]) -> None:
        self.limit = limit
        self.busy = 0
        self.turn = asyncio.Condition()

    async def __aenter__(self) -> None:
        async with self.turn:
            await self.turn.wait_for(lambda: self.busy < self.limit())
            self.busy += 1

    async def __aexit__(self, *exc: object) -> None:
        async with self.turn:
            self.busy -= 1
            self.turn.notify_all()  # each waiter checks the limit again: it may have grown


class PoliteDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP handler, each download waiting for its site's token first: the wait is at
    departure, inside the worker's own slot, so a request never leaves later than its turn.

    A worker first holds at most its share of a site's downloads itself: CONCURRENT_REQUESTS_
    PER_DOMAIN divided among the job's live workers (at least 1; the count comes with each
    heartbeat; the whole of it in one process). Scrapy's own slot does not hold them when
    there is no delay (see the module): without a limit of its own, one worker polled Redis
    for leases it held itself every 50 ms (1,296 waits, 110 s in all, on 2,000 articles); and
    two workers that each held the whole concurrency polled for the leases the other held
    (972 waits, 86 s in all, on 3,000 articles; with the share: 1 wait). The leases in Redis
    stay the rule; the share keeps workers from queueing on them."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.crawler = crawler
        self.tokens = SiteTokens.from_crawler(crawler)
        self.concurrency = max(crawler.settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"), 1)
        self.own: dict[str, SiteShare] = {}  # a site's downloads in this worker

    def share(self) -> int:
        """This worker's part of a site's concurrency."""
        return max(self.concurrency // live_workers_of(self.crawler), 1)

    async def close(self) -> None:
        if self.tokens is not None:
            self.tokens.client.close()  # the leases given back last are sent first
        await super().close()

    async def download_request(self, request: Request) -> Response:
        site = urlparse_cached(request).netloc
        own = self.own.get(site)
        if own is None:
            own = self.own[site] = SiteShare(self.share)
        async with own:
            if self.tokens is None:  # one process: the share is the whole concurrency
                return await super().download_request(request)
            lease = await self.tokens.take(request)
            try:
                return await super().download_request(request)
            finally:
                self.tokens.give_back(lease)
