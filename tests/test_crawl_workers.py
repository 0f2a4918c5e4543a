"""`python -m crawler crawl --workers N`: N Scrapy processes on one archive, one frontier on a
local redis-server the command starts (and keeps in ARCHIVE_DIR/redis) and stops."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from crawling import FAST, records

from crawler.cli.verify import format_report, verify_archive

pytestmark = [pytest.mark.e2e, pytest.mark.redis]


def crawl_workers(seed_file: Path, archive: Path, workers: int, run_id: str) -> int:
    command = [
        sys.executable,
        "-m",
        "crawler",
        "crawl",
        "--workers",
        str(workers),
        "-a",
        f"seeds={seed_file}",
        "-s",
        f"ARCHIVE_DIR={archive}",
        "-s",
        f"RUN_ID={run_id}",
    ]
    for name, value in FAST.items():
        command += ["-s", f"{name}={value}"]
    log = (archive.parent / f"{run_id}.log").open("wb")
    with log:
        return subprocess.run(command, cwd=archive.parent, stdout=log, stderr=subprocess.STDOUT,
                              timeout=240).returncode  # fmt: skip


def test_two_workers_on_one_archive_then_a_second_run(replica_factory, tmp_path: Path) -> None:
    replica = replica_factory(n_articles=90)
    archive = tmp_path / "archive"
    assert crawl_workers(replica.seed_file, archive, 2, "run1") == 0, (
        tmp_path / "run1.log"
    ).read_text()
    urls = Counter(r["url"] for r in records(archive))
    assert set(urls) == {a["url"] for a in replica.truth["articles"]}
    assert max(urls.values()) == 1
    runs = [json.loads(line) for line in (archive / "runs.ndjson").read_text().splitlines()]
    assert sorted(r["run_id"] for r in runs) == ["run1-w1", "run1-w2"]
    manifest = json.loads((archive / "manifest.json").read_text())
    assert manifest["records"] == len(urls)  # the last worker's manifest covers both
    assert (archive / "redis" / "appendonlydir").is_dir()  # the shared state outlives the run
    report = verify_archive(archive, "state.sqlite3")
    assert report.ok, format_report(archive, report)

    trs = replica.site("trs")
    edited = trs.edit_article(0, "补充说明：本文于发布后更新。")
    assert crawl_workers(replica.seed_file, archive, 2, "run2") == 0, (
        tmp_path / "run2.log"
    ).read_text()
    second = [r for r in records(archive) if r["run_id"].startswith("run2")]
    assert [r["url"] for r in second] == [replica.server.url("trs", edited.url_path)]
    assert second[0]["version"] == 2
