"""The hostile site crawled end to end (bench/hostile.py with faster timeouts): every case ends
as an archived record or a counted, readable skip; no request leaves the seeds' hosts; the
archive verifies; memory and log lines stay bounded; nothing is written outside the archive."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.hostile import MAX_RSS_MB, HostileRun, run_hostile
from testbed.replica.hostile import ARCHIVED, HostileSite

pytestmark = pytest.mark.e2e

# politeness off and a shorter timeout: the stalled cases cost 3 x 8 s instead of 3 x 30 s
FAST = ["AUTOTHROTTLE_ENABLED=0", "DOWNLOAD_DELAY=0", "DOWNLOAD_TIMEOUT=8"]
CASES = {case.name: case for case in HostileSite().cases}
MAX_LOG_LINE = 2_000
_runs: dict[str, HostileRun] = {}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[HostileRun, Path]]:
    workdir = tmp_path_factory.mktemp("hostile")
    yield run_hostile(workdir, FAST), workdir


@pytest.mark.parametrize("name", list(CASES))
def test_every_case_is_archived_or_a_counted_readable_skip(
    hostile: tuple[HostileRun, Path], name: str
) -> None:
    run, _ = hostile
    [outcome] = [o for o in run.outcomes if o.case.name == name]
    expected = CASES[name].expect
    assert (outcome.outcome, outcome.key if expected != ARCHIVED else ARCHIVED) == (
        ARCHIVED if expected == ARCHIVED else "skipped",
        expected,
    ), outcome
    assert set(CASES[name].flags) <= set(outcome.flags)
    if expected != ARCHIVED:
        assert run.stats.get(expected, 0) >= 1  # counted, under the key the log names


def test_no_request_reaches_any_host_but_the_seeds(hostile: tuple[HostileRun, Path]) -> None:
    run, _ = hostile
    assert run.offsite_requests == []


def test_a_start_page_linking_to_itself_is_fetched_once(hostile: tuple[HostileRun, Path]) -> None:
    run, _ = hostile
    assert run.start_page_fetches == 1


def test_the_archive_verifies_and_the_run_is_logged(
    hostile: tuple[HostileRun, Path],
) -> None:
    run, workdir = hostile
    assert run.returncode == 0
    assert run.verify_ok, run.verify_report
    [line] = (workdir / "archive" / "runs.ndjson").read_text("utf-8").splitlines()
    assert json.loads(line)["finish_reason"] == "finished"


def test_memory_and_log_lines_stay_bounded(hostile: tuple[HostileRun, Path]) -> None:
    run, workdir = hostile
    assert run.peak_rss_mb < MAX_RSS_MB
    lines = (workdir / "crawl.log").read_text("utf-8", "replace").splitlines()
    assert max(len(line) for line in lines) < MAX_LOG_LINE


def test_nothing_is_written_outside_the_archive(hostile: tuple[HostileRun, Path]) -> None:
    _, workdir = hostile
    assert {p.name for p in workdir.iterdir()} == {"archive", "crawl.log", "seeds.txt"}
    archive = workdir / "archive"
    for path in archive.rglob("*"):
        assert path.resolve().is_relative_to(archive.resolve())
        assert ".." not in path.name and "passwd" not in path.name
    for path in (archive / "records").rglob("*.jsonl"):
        assert "root:x:0:0" not in path.read_text("utf-8")  # no entity read /etc/passwd
