"""A Redis client whose writes that nobody waits for ride with its next call (the distributed
crawl's shared state, politeness tokens)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import NoScriptError, RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

if TYPE_CHECKING:
    from redis.commands.core import Script

logger = logging.getLogger(__name__)

# called with a deferred script's answer (what it returns is not used)
Answered = Callable[[Any], object]


class DeferringRedis(redis.Redis):
    """A client whose writes that nobody waits for (a site's lease given back, a request
    settled, a duplicate's group) ride with its next call, in one round trip with it. A round
    trip of its own costs a worker about 60 us more CPU than a write carried along (redis-py
    8, hiredis, loopback), and a worker made about ten round trips per article.

    A write waits at most DEFER_SECONDS (the event loop sends what is left then), and goes
    before any pipeline of the client's own and before close, in the order it was made. With
    no event loop running it is sent at once. A write that fails with its carrier (Redis
    down) is sent again with the next call; a script Redis no longer knows (restarted) is
    loaded and run again. While Redis is down (the last call could not reach it) the timer,
    pipelines and close do not try to send them: each try waits as long as the client retries
    (DISTRIBUTED_REDIS_WAIT, 120 s), and a worker whose Redis is gone must stop without
    waiting that long again for each; close drops them, with a warning."""

    DEFER_SECONDS = 0.005

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # (command, its script or None, what is called with its answer or None)
        self._later: list[tuple[tuple[Any, ...], Script | None, Answered | None]] = []
        self._timer: asyncio.TimerHandle | None = None
        self._timer_loop: asyncio.AbstractEventLoop | None = None
        self._down = False  # the last call could not reach Redis

    def later(self, *command: Any) -> None:
        """Send `command` (a Redis command and its arguments) with the next call."""
        self._defer(command, None, None)

    def later_script(
        self, script: Script, keys: list[Any], args: list[Any], then: Answered | None = None
    ) -> None:
        """Run `script` (registered on this client) with the next call; `then` is called with
        its answer (an exception when the script failed) once that call is back."""
        self._defer(("EVALSHA", script.sha, len(keys), *keys, *args), script, then)

    def _defer(
        self, command: tuple[Any, ...], script: Script | None, then: Answered | None
    ) -> None:
        self._later.append((command, script, then))
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
        if self._down:  # the next call carries them
            return
        try:
            self.flush()
        except RedisError as exc:  # kept for the next call
            logger.warning("Redis: %d deferred writes not sent yet: %s", len(self._later), exc)

    def flush(self) -> None:
        """Send the deferred writes now."""
        if self._later:
            self._send(None)

    def execute_command(self, *args: Any, **options: Any) -> Any:
        if self._later:
            return self._send((args, options))
        try:
            answer = super().execute_command(*args, **options)
        except (RedisConnectionError, RedisTimeoutError):
            self._down = True
            raise
        self._down = False
        return answer

    def _send(self, call: tuple[tuple[Any, ...], dict[str, Any]] | None) -> Any:
        """The deferred writes, then `call` (a command and its options), in one pipeline: the
        call's answer."""
        later, self._later = self._later, []
        pipe = super().pipeline(transaction=False)
        try:
            for command, _, _ in later:
                pipe.execute_command(*command)
            if call is not None:
                pipe.execute_command(*call[0], **call[1])
            answers = pipe.execute(raise_on_error=False)
        except RedisError as exc:
            self._later = later + self._later
            self._down = isinstance(exc, RedisConnectionError | RedisTimeoutError)
            raise
        finally:
            pipe.reset()
        self._down = False
        for (command, script, then), answer in zip(later, answers, strict=False):
            if isinstance(answer, NoScriptError) and script is not None:
                self._run_again(command, script, then)
                continue
            if isinstance(answer, Exception):
                logger.warning("Redis: a deferred %s failed: %s", command[0], answer)
            if then is not None:
                then(answer)
        if call is None:
            return None
        if isinstance(answers[-1], Exception):
            raise answers[-1]
        return answers[-1]

    def _run_again(self, command: tuple[Any, ...], script: Script, then: Answered | None) -> None:
        """A deferred script Redis no longer knew: loaded and run (kept for later when Redis
        fails again: the call that carried it has its answer already)."""
        keys = list(command[3 : 3 + command[2]])
        try:
            answer = script(keys, list(command[3 + command[2] :]))
        except RedisError:
            self._later.append((command, script, then))
            return
        if then is not None:
            then(answer)

    def pipeline(self, transaction: bool = True, shard_hint: Any = None) -> Any:
        if not self._down:
            self.flush()
        return super().pipeline(transaction, shard_hint)

    def close(self) -> None:
        try:
            if self._down and self._later:
                raise RedisConnectionError("Redis was unreachable at the last call")
            self.flush()
        except RedisError as exc:
            logger.warning("Redis: %d deferred writes lost at close: %s", len(self._later), exc)
            self._later = []
        super().close()
