"""Nothing lost, nothing doubled: a crawl killed with SIGKILL midway, then run again."""

from __future__ import annotations

import json
import signal
import time
from collections import Counter
from pathlib import Path

import pytest
from crawling import crawl, crawl_log, records, start_crawl

from crawler.cli.verify import format_report, verify_archive

pytestmark = pytest.mark.e2e  # real `scrapy crawl` subprocesses, one killed

KILL_AFTER_LINES = 40


def archived_lines(archive: Path) -> int:
    return sum(p.read_bytes().count(b"\n") for p in (archive / "records").glob("**/*.jsonl"))


def kill_midway(seed_file: Path, archive: Path) -> int:
    proc = start_crawl(seed_file, archive, RUN_ID="killed")
    try:
        deadline = time.monotonic() + 60
        while archived_lines(archive) < KILL_AFTER_LINES and time.monotonic() < deadline:
            assert proc.poll() is None, "the crawl ended before it could be killed"
            time.sleep(0.02)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    return archived_lines(archive)


def test_kill_9_midway_then_rerun_archives_every_article_exactly_once(
    replica_factory, tmp_path: Path
) -> None:
    running = replica_factory(n_articles=150)
    reference_archive = tmp_path / "reference"
    reference = start_crawl(running.seed_file, reference_archive, RUN_ID="reference")
    archive = tmp_path / "archive"
    try:
        at_kill = kill_midway(running.seed_file, archive)
        assert not (archive / "runs.ndjson").exists()  # the killed run never closed
        rerun = crawl(running.seed_file, archive, RUN_ID="rerun")
        assert reference.wait(timeout=120) == 0, crawl_log(reference_archive, "reference")
    finally:
        reference.kill()
        reference.wait()
    assert rerun == 0, crawl_log(archive, "rerun")

    for path in (archive / "records").glob("**/*.jsonl"):
        data = path.read_bytes()
        # no partial line; a file is empty when the killed run's only line in it was cut off
        assert not data or data.endswith(b"\n"), path
        for line in data.splitlines():
            json.loads(line)
    urls = Counter(r["url"] for r in records(archive))
    expected = {r["url"] for r in records(reference_archive)}
    print(f"\nkill -9 after {at_kill} lines; after the re-run {sum(urls.values())} lines,"
          f" {len(urls)} articles; a clean crawl archives {len(expected)}")  # fmt: skip
    assert max(urls.values()) == 1
    assert set(urls) == expected
    assert records(archive, "killed") and records(archive, "rerun")
    report = verify_archive(archive, "state.sqlite3")
    assert report.ok, format_report(archive, report)
    runs = [json.loads(line) for line in (archive / "runs.ndjson").read_text().splitlines()]
    assert [(r["run_id"], r["finish_reason"]) for r in runs] == [("rerun", "finished")]
