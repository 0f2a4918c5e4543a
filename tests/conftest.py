"""Shared fixtures: the replica government sites served on loopback (see testbed.replica), and a
real redis-server (tests/redisserver.py)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from redisserver import RedisServer

from testbed.replica.running import RunningReplica, start_replica

# The property tests draw the same examples every run, so that a failure is the code's, not
# the draw's; HYPOTHESIS_EXPLORE=1 draws new ones each run (to look for new counterexamples).
settings.register_profile("fixed", derandomize=True)
if not os.environ.get("HYPOTHESIS_EXPLORE"):
    settings.load_profile("fixed")


@pytest.fixture(scope="session")
def replica(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningReplica]:
    """The default replicas (300 articles), read-only: never mutate these sites."""
    running = start_replica(tmp_path_factory.mktemp("replica"))
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def replica_factory(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., RunningReplica]]:
    """Start independent replicas (e.g. to mutate them): `replica_factory(n_articles=60)`."""
    started: list[RunningReplica] = []

    def start(n_articles: int = 60, seed: int = 11, **kwargs: object) -> RunningReplica:
        running = start_replica(tmp_path_factory.mktemp("replica"), n_articles, seed, **kwargs)  # type: ignore[arg-type]
        started.append(running)
        return running

    try:
        yield start
    finally:
        for running in started:
            running.stop()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        default=False,
        help="write expected.actual.json next to each golden expected.json (never overwrites it)",
    )


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """A real redis-server on a free loopback port (append-only file in tmp_path), which a test
    may stop and start again; stopped at the end."""
    running = RedisServer(tmp_path).start()
    try:
        yield running
    finally:
        running.stop()
