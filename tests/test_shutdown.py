"""SIGINT / SIGTERM stop a crawl within 10 s whatever its queue holds: a runaway pager keeps
the queue full and a stalled request is in flight; everything archived before the stop stays
in the archive, which verifies, and the run is logged as a shutdown."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from crawling import PROJECT

from testbed.replica.hostile import HostileSite
from testbed.replica.server import ReplicaServer
from testbed.replica.shapes import NtreeSite, PagerBombSite

pytestmark = pytest.mark.e2e

STOP_WITHIN_S = 10.0
RECORDS_BEFORE_STOP = 3


@pytest.fixture
def sites(tmp_path: Path) -> Iterator[tuple[Path, HostileSite]]:
    bomb = PagerBombSite("bomb", "无尽栏目", 1)
    column = NtreeSite("ntree", "丰城样例", 2)
    hostile = HostileSite()
    for site in (bomb, column, hostile):
        site.rebuild()
    server = ReplicaServer([bomb, column, hostile]).start()
    stall = server.url("hostile", hostile.case_path("stall_no_answer"))
    seeds = tmp_path / "seeds.txt"
    seeds.write_text(
        f"{server.url('bomb', '/bomb/index.html')} {stall}  name=bomb\n"
        f"{server.url('ntree', column.list_path(1))}  name=ntree\n",
        "utf-8",
    )
    try:
        yield seeds, hostile
    finally:
        hostile.stop()
        server.stop()


def archived_lines(archive: Path) -> int:
    return sum(
        len(path.read_bytes().splitlines()) for path in (archive / "records").glob("**/*.jsonl")
    )


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_the_crawl_within_seconds(
    sites: tuple[Path, HostileSite], tmp_path: Path, signum: int
) -> None:
    seeds, _ = sites
    archive = tmp_path / "archive"
    command = [sys.executable, "-m", "scrapy", "crawl", "govnews", "-a", f"seeds={seeds}",
               "-s", f"ARCHIVE_DIR={archive}"]  # fmt: skip
    with (tmp_path / "crawl.log").open("wb") as log:
        process = subprocess.Popen(command, cwd=PROJECT, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while (
            archived_lines(archive) < RECORDS_BEFORE_STOP
            if (archive / "records").exists()
            else True
        ):
            assert process.poll() is None, (tmp_path / "crawl.log").read_text("utf-8")
            assert time.monotonic() < deadline, "no records archived in 90 s"
            time.sleep(0.2)
        before = archived_lines(archive)
        stopped_at = time.monotonic()
        process.send_signal(signum)
        process.wait(timeout=30)
        took = time.monotonic() - stopped_at
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    log_text = (tmp_path / "crawl.log").read_text("utf-8", "replace")
    assert took < STOP_WITHIN_S, log_text[-3000:]
    assert "requests still in flight let go" in log_text  # the stalled one did not hold it
    assert process.returncode == 0
    assert archived_lines(archive) >= before
    [run] = [json.loads(line) for line in (archive / "runs.ndjson").read_text().splitlines()]
    assert run["finish_reason"] == "shutdown"
    assert run["counts"]["archived"] == archived_lines(archive)
    verify = subprocess.run(
        [sys.executable, "-m", "crawler", "verify", str(archive)], cwd=PROJECT,
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert verify.returncode == 0, verify.stdout
