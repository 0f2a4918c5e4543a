"""The distributed crawl's Redis client (crawler.store.deferring.DeferringRedis) on a real
redis-server: writes nobody waits for ride with the client's next call."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Callable
from typing import Any

import pytest
import redis
from redis.backoff import ConstantBackoff
from redis.retry import Retry
from redisserver import RedisServer

from crawler.components.redisclient import redis_params
from crawler.store.deferring import DeferringRedis

pytestmark = pytest.mark.redis

_SET_TWICE = "redis.call('SET', KEYS[1], ARGV[1] .. ARGV[1]) return 1"


def reads_of(call: Callable[[], Any], observer: redis.Redis) -> int:
    """The read events (round trips) redis-server processed for `call`: INFO's own is one."""
    before = int(observer.info("stats")["total_reads_processed"])
    call()
    return int(observer.info("stats")["total_reads_processed"]) - before - 1


def test_without_an_event_loop_a_write_is_sent_at_once(redis_server: RedisServer) -> None:
    client, observer = redis_server.client(), redis_server.client()
    client.later("SET", "k", "v")
    assert observer.get("k") == b"v"


def test_a_write_rides_with_the_next_call_in_one_round_trip(redis_server: RedisServer) -> None:
    client, observer = redis_server.client(), redis_server.client()
    client.ping()  # connected

    async def deferred_then_call() -> tuple[bytes | None, bytes | None, int]:
        client.later("HSET", "h", "f", "1")
        unsent = observer.hget("h", "f")  # not sent yet
        reads = reads_of(lambda: client.hget("h", "f"), observer)
        return unsent, observer.hget("h", "f"), reads

    unsent, sent, reads = asyncio.run(deferred_then_call())
    assert unsent is None
    assert sent == b"1"
    assert reads == 1
    # the same two without deferring: two round trips
    assert reads_of(lambda: (client.hset("h", "g", "2"), client.hget("h", "g")), observer) == 2


def test_a_write_with_no_call_after_it_is_sent_within_a_few_ms(
    redis_server: RedisServer,
) -> None:
    client, observer = redis_server.client(), redis_server.client()

    async def alone() -> tuple[bytes | None, bytes | None]:
        client.later("SET", "k", "v")
        before = observer.get("k")
        await asyncio.sleep(DeferringRedis.DEFER_SECONDS * 10)
        return before, observer.get("k")

    assert asyncio.run(alone()) == (None, b"v")


def test_writes_go_in_order_before_the_clients_own_reads_pipelines_and_close(
    redis_server: RedisServer,
) -> None:
    client, observer = redis_server.client(), redis_server.client()

    async def in_order() -> list[Any]:
        client.later("RPUSH", "l", "a")
        client.later("RPUSH", "l", "b")
        seen = [client.lrange("l", 0, -1)]  # the client reads its own writes
        client.later("RPUSH", "l", "c")
        with client.pipeline() as pipe:
            pipe.lrange("l", 0, -1)
            seen += pipe.execute()
        client.later("RPUSH", "l", "d")
        client.close()
        seen.append(observer.lrange("l", 0, -1))
        return seen

    assert asyncio.run(in_order()) == [
        [b"a", b"b"],
        [b"a", b"b", b"c"],
        [b"a", b"b", b"c", b"d"],
    ]


def test_a_deferred_script_redis_forgot_is_loaded_and_run(redis_server: RedisServer) -> None:
    client, observer = redis_server.client(), redis_server.client()
    script = client.register_script(_SET_TWICE)
    script(["k"], ["a"])  # loaded
    observer.script_flush()  # what a restarted Redis knows

    async def deferred() -> None:
        client.later_script(script, ["k"], ["b"])
        client.ping()

    asyncio.run(deferred())
    assert observer.get("k") == b"bb"


def test_a_deferred_scripts_answer_reaches_its_callback_once_its_carrier_is_back(
    redis_server: RedisServer,
) -> None:
    """The answer of a script sent later (a request pushed: queued or seen already) is given
    to its callback when the call that carried it returns, a forgotten script's included."""
    client, observer = redis_server.client(), redis_server.client()
    script = client.register_script("return redis.call('INCR', KEYS[1])")
    script(["n"], [])  # loaded
    answers: list[Any] = []

    async def deferred() -> list[Any]:
        client.later_script(script, ["n"], [], answers.append)
        client.later_script(script, ["n"], [], answers.append)
        before = list(answers)
        client.ping()
        observer.script_flush()  # what a restarted Redis knows
        client.later_script(script, ["n"], [], answers.append)
        client.ping()
        return before

    assert asyncio.run(deferred()) == []
    assert answers == [2, 3, 4]


def test_a_write_whose_carrier_failed_goes_with_the_next_call(
    redis_server: RedisServer,
) -> None:
    """Redis down when the call that carries a write is made: the call raises, the write is
    kept and sent once Redis is back."""
    client = DeferringRedis.from_url(redis_server.url, socket_timeout=1)
    assert isinstance(client, DeferringRedis)
    client.ping()

    async def across_a_restart() -> None:
        client.later("SET", "k", "v")
        redis_server.stop()
        with pytest.raises(redis.ConnectionError):
            client.get("other")
        redis_server.start()
        client.ping()

    asyncio.run(across_a_restart())
    assert redis_server.client().get("k") == b"v"


def test_close_does_not_wait_again_for_a_redis_that_was_unreachable(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    """A worker whose Redis is gone waited its whole retry time on the call that failed: its
    stores' close must not wait that long again to send what was deferred."""
    retry = Retry(ConstantBackoff(1.0), 2)  # a try costs 2 s on a dead Redis
    client = DeferringRedis.from_url(redis_server.url, retry=retry,
                                     retry_on_error=[redis.ConnectionError])  # fmt: skip
    assert isinstance(client, DeferringRedis)
    client.ping()
    redis_server.stop()

    async def redis_gone() -> None:
        with pytest.raises(redis.ConnectionError):
            client.get("k")
        client.later("SET", "k", "v")
        started = time.monotonic()
        client.close()
        assert time.monotonic() - started < 0.5

    asyncio.run(redis_gone())
    assert "1 deferred writes lost at close" in caplog.text


def test_a_refused_connection_is_retried_for_the_configured_wait() -> None:
    """A restarting Redis refuses connections for a moment: the client the crawl makes waits,
    with its backoff, before it raises. redis-py 5 retries no refused connect unless `OSError`
    is among the errors retried: a worker then stopped at once, and the restart fault test
    found articles its run had not archived."""
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = DeferringRedis.from_url(f"redis://127.0.0.1:{port}/0", **redis_params(4.0))
    started = time.monotonic()
    with pytest.raises(redis.ConnectionError):
        client.ping()
    assert time.monotonic() - started >= 0.25  # two retries, backoff 0.1 s then 0.2 s
