"""Redis clients of the distributed crawl (queue, registry, shared state) that ride out a
Redis restart: each call retries with a growing wait for DISTRIBUTED_REDIS_WAIT seconds (the
worker pauses) before it raises, and a Redis that hangs counts as down after a few seconds."""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from typing import TYPE_CHECKING, Any

import redis
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import NoScriptError, RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry
from scrapy.settings import BaseSettings

from crawler import defaults

if TYPE_CHECKING:
    from redis.commands.core import Script

logger = logging.getLogger(__name__)

# a worker's liveness key, `<prefix><worker id>`: set while its registration lives (the
# distributed scheduler's scripts), read by the site tokens to free a dead worker's leases
ALIVE_PREFIX = "govnews:alive:"
_WORKER_ATTR = "_govnews_worker_id"
_LIVE_ATTR = "_govnews_live_workers"
_JOINED_ATTR = "_govnews_joined_running_job"
_REDIS_SOCKET_TIMEOUT = 5.0  # seconds: a Redis that hangs counts as down
_REDIS_BACKOFF_CAP = 2.0  # seconds between attempts while Redis is down


def redis_client(settings: BaseSettings) -> DeferringRedis:
    """A client on REDIS_URL that, when Redis stops answering, retries with a growing wait for
    DISTRIBUTED_REDIS_WAIT seconds (the worker pauses) before raising."""
    wait = settings.getfloat("DISTRIBUTED_REDIS_WAIT", defaults.DISTRIBUTED_REDIS_WAIT)
    client = DeferringRedis.from_url(settings["REDIS_URL"], **redis_params(wait))
    assert isinstance(client, DeferringRedis)
    return client


class DeferringRedis(redis.Redis):
    """A client whose writes that nobody waits for (a site's lease given back, a request
    settled, a duplicate's group) ride with its next call, in one round trip with it. A round
    trip of its own costs a worker about 60 us more CPU than a write carried along (redis-py
    8, hiredis, loopback), and a worker made about ten round trips per article.

    A write waits at most DEFER_SECONDS (the event loop sends what is left then), and goes
    before any pipeline of the client's own and before close, in the order it was made. With
    no event loop running it is sent at once. A write that fails with its carrier (Redis
    down) is sent again with the next call; a script Redis no longer knows (restarted) is
    loaded and run again."""

    DEFER_SECONDS = 0.005

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._later: list[tuple[tuple[Any, ...], Script | None]] = []
        self._timer: asyncio.TimerHandle | None = None
        self._timer_loop: asyncio.AbstractEventLoop | None = None

    def later(self, *command: Any) -> None:
        """Send `command` (a Redis command and its arguments) with the next call."""
        self._defer(command, None)

    def later_script(self, script: Script, keys: list[Any], args: list[Any]) -> None:
        """Run `script` (registered on this client) with the next call."""
        self._defer(("EVALSHA", script.sha, len(keys), *keys, *args), script)

    def _defer(self, command: tuple[Any, ...], script: Script | None) -> None:
        self._later.append((command, script))
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop: nothing would send it
            self.flush()
            return
        if self._timer is None or self._timer_loop is not loop:  # none, or a finished loop's
            self._timer = loop.call_later(self.DEFER_SECONDS, self._flush_on_time)
            self._timer_loop = loop

    def _flush_on_time(self) -> None:
        self._timer = None
        try:
            self.flush()
        except RedisError as exc:  # kept for the next call
            logger.warning("Redis: %d deferred writes not sent yet: %s", len(self._later), exc)

    def flush(self) -> None:
        """Send the deferred writes now."""
        if self._later:
            self._send([])

    def execute_command(self, *args: Any, **options: Any) -> Any:
        if not self._later:
            return super().execute_command(*args, **options)
        return self._send([(args, options)])[-1]

    def _send(self, calls: list[tuple[tuple[Any, ...], dict[str, Any]]]) -> list[Any]:
        """The deferred writes, then `calls`, in one pipeline: the calls' answers."""
        later, self._later = self._later, []
        pipe = super().pipeline(transaction=False)
        try:
            for command, _ in later:
                pipe.execute_command(*command)
            for args, options in calls:
                pipe.execute_command(*args, **options)
            answers = pipe.execute(raise_on_error=False)
        except RedisError:
            self._later = later + self._later
            raise
        finally:
            pipe.reset()
        for (command, script), answer in zip(later, answers, strict=False):
            if isinstance(answer, NoScriptError) and script is not None:
                script(list(command[3 : 3 + command[2]]), list(command[3 + command[2] :]))
            elif isinstance(answer, Exception):
                logger.warning("Redis: a deferred %s failed: %s", command[0], answer)
        results = answers[len(later) :]
        for answer in results:
            if isinstance(answer, Exception):
                raise answer
        return results

    def pipeline(self, transaction: bool = True, shard_hint: Any = None) -> Any:
        self.flush()
        return super().pipeline(transaction, shard_hint)

    def close(self) -> None:
        try:
            self.flush()
        except RedisError as exc:
            logger.warning("Redis: %d deferred writes lost at close: %s", len(self._later), exc)
        super().close()


def redis_params(wait: float) -> dict[str, Any]:
    """Client options: timeouts, and retries spread over `wait` seconds (backoff capped at 2 s)."""
    retries = max(int(wait / _REDIS_BACKOFF_CAP), 1)
    return {
        "socket_timeout": _REDIS_SOCKET_TIMEOUT,
        "socket_connect_timeout": _REDIS_SOCKET_TIMEOUT,
        "retry": Retry(ExponentialBackoff(cap=_REDIS_BACKOFF_CAP, base=0.05), retries),
        "retry_on_error": [RedisConnectionError, RedisTimeoutError],
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
