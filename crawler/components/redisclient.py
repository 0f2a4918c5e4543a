"""Redis clients of the distributed crawl (queue, registry, shared state) that ride out a
Redis restart: each call retries with a growing wait for DISTRIBUTED_REDIS_WAIT seconds (the
worker pauses) before it raises, and a Redis that hangs counts as down after a few seconds."""

from __future__ import annotations

import os
import secrets
import socket
from typing import Any

from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry
from scrapy.settings import BaseSettings

from crawler import defaults
from crawler.store.deferring import DeferringRedis

# a worker's liveness key, `<prefix><worker id>`: set while its registration lives (the
# distributed scheduler's scripts), read by the site tokens to free a dead worker's leases
ALIVE_PREFIX = "govnews:alive:"
_WORKER_ATTR = "_govnews_worker_id"
_LIVE_ATTR = "_govnews_live_workers"
_JOINED_ATTR = "_govnews_joined_running_job"
_CLIENT_ATTR = "_govnews_redis_client"
_REDIS_SOCKET_TIMEOUT = 5.0  # seconds: a Redis that hangs counts as down
_REDIS_BACKOFF_CAP = 2.0  # seconds between attempts while Redis is down


def redis_client(settings: BaseSettings) -> DeferringRedis:
    """The crawl's client on REDIS_URL, one for its `settings`: the shared state, the dedup
    index, the site tokens and the queue share it, so a write one of them defers rides with
    the next call of any (a claim, a site's token, a dedup lookup). When Redis stops answering
    it retries with a growing wait for DISTRIBUTED_REDIS_WAIT seconds (the worker pauses)
    before raising. Not for another thread (the heartbeat has scrapy-redis's own client)."""
    client: DeferringRedis | None = getattr(settings, _CLIENT_ATTR, None)
    if client is None:
        wait = settings.getfloat("DISTRIBUTED_REDIS_WAIT", defaults.DISTRIBUTED_REDIS_WAIT)
        made = DeferringRedis.from_url(settings["REDIS_URL"], **redis_params(wait))
        assert isinstance(made, DeferringRedis)
        client = made
        setattr(settings, _CLIENT_ATTR, client)
    return client


def redis_params(wait: float) -> dict[str, Any]:
    """Client options: timeouts, and retries spread over `wait` seconds (backoff capped at 2 s)."""
    retries = max(int(wait / _REDIS_BACKOFF_CAP), 1)
    return {
        "socket_timeout": _REDIS_SOCKET_TIMEOUT,
        "socket_connect_timeout": _REDIS_SOCKET_TIMEOUT,
        "retry": Retry(ExponentialBackoff(cap=_REDIS_BACKOFF_CAP, base=0.05), retries),
        "retry_on_error": [RedisConnectionError, RedisTimeoutError, OSError],
        "health_check_interval": 10,
    }


def worker_id_of(crawler: Any) -> str:
    """This worker's id in Redis (host, pid and a random tail), one per crawler."""
    worker_id: str | None = getattr(crawler, _WORKER_ATTR, None)
    if worker_id is None:
        worker_id = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        setattr(crawler, _WORKER_ATTR, worker_id)
    return worker_id


def live_workers_of(crawler: Any) -> int:
    """The job's live workers, as this worker's last heartbeat counted them (1 before any)."""
    return max(int(getattr(crawler, _LIVE_ATTR, 1)), 1)


def set_live_workers(crawler: Any, count: int) -> None:
    setattr(crawler, _LIVE_ATTR, max(int(count), 1))


def joined_running_job(crawler: Any) -> bool:
    """Did this worker join a job other workers had started (False: it started it)?"""
    return bool(getattr(crawler, _JOINED_ATTR, False))


def set_joined_running_job(crawler: Any, joined: bool) -> None:
    setattr(crawler, _JOINED_ATTR, joined)
