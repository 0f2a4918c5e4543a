"""`python -m crawler report`: one self-contained page whose charts carry the archive's numbers
(read back from the page's figure JSON and compared with the records and the run log); the
crawl's progress line."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from archives import archive_crawler
from crawling import PROJECT, clean_archive, crawl, crawl_log, records

from crawler.components.progress import Progress

PROGRESS_LINE = re.compile(
    r"\[crawler\.components\.progress\] INFO: Progress: (\d+) articles \([\d.]+/s now, "
    r"[\d.]+/s overall\), (\d+) pages, queue (\d+), errors (\d+), skipped (\d+)"
)


def charts(page: Path) -> dict[str, dict[str, Any]]:
    tree = lxml.html.parse(str(page)).getroot()
    return {
        node.get("data-chart"): json.loads(node.text)
        for node in tree.iter("script")
        if node.get("data-chart")
    }


def runs_of(archive: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (archive / "runs.ndjson").read_text().splitlines()]


@pytest.mark.e2e
def test_the_report_page_carries_the_archives_numbers(
    replica: Any, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    archive = clean_archive(replica, tmp_path_factory.mktemp("clean"))
    out = tmp_path / "report.html"
    done = subprocess.run(
        [sys.executable, "-m", "crawler", "report", str(archive), "-o", str(out)], cwd=PROJECT,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    page = out.read_text("utf-8")
    tree = lxml.html.fromstring(page)
    # self-contained: plotly.js inline, nothing loaded from elsewhere
    assert not tree.xpath("//script[@src] | //link[@href] | //img[@src]")
    assert any(
        "Plotly" in (s.text or "") and len(s.text or "") > 1_000_000 for s in tree.iter("script")
    )
    got = charts(out)
    recs, runs = records(archive), runs_of(archive)

    per_site_month: Counter[tuple[str, str]] = Counter()
    for rec in {r["id"]: r for r in recs}.values():
        month = rec["published_at"][:7] if rec["published_at"] else "undated"
        per_site_month[(rec["site"]["domain"], month)] += 1
    drawn = Counter(
        {(trace["name"], x): y for trace in got["articles per site per month"]["data"]
         for x, y in zip(trace["x"], trace["y"], strict=True) if y}
    )  # fmt: skip
    assert drawn == per_site_month

    skipped: Counter[str] = Counter()
    for run in runs:
        skipped.update(run["counts"]["skipped"])
    (trace,) = got["skipped pages by reason"]["data"]
    assert dict(zip(trace["y"], trace["x"], strict=True)) == dict(skipped) and skipped

    flags = Counter(flag for rec in recs for flag in rec["flags"])
    (trace,) = got["flags"]["data"]
    assert dict(zip(trace["x"], trace["y"], strict=True)) == dict(flags) and flags

    new, changed = got["new and changed articles per run"]["data"]
    assert (new["name"], changed["name"]) == ("new", "changed")
    assert new["x"] == [r["run_id"] for r in runs] == ["clean"]
    assert new["y"] == [r["counts"]["new"] for r in runs] and new["y"][0] > 0
    assert changed["y"] == [r["counts"]["changed"] for r in runs]

    (trace,) = got["run durations"]["data"]
    seconds = [
        (
            datetime.fromisoformat(r["finished_at"]) - datetime.fromisoformat(r["started_at"])
        ).total_seconds()
        for r in runs
    ]
    assert trace["y"] == seconds and seconds[0] > 0


def test_progress_line_counts_articles_pages_queue_errors_and_skips(tmp_path: Path) -> None:
    crawler = archive_crawler(tmp_path, PROGRESS_INTERVAL=1)
    progress = Progress.from_crawler(crawler)
    stats = crawler.stats
    assert stats is not None
    for key, value in {
        "archive/written": 30,
        "response_received_count": 70,
        "log_count/ERROR": 2,
        "skip/http_404": 3,
        "extract/empty_body": 4,
    }.items():
        stats.set_value(key, value)  # fmt: skip
    progress.started = progress.last_time = 100.0
    line = progress.line(110.0)
    assert line == "30 articles (3.0/s now, 3.0/s overall), 70 pages, queue 0, errors 2, skipped 7"
    stats.set_value("archive/written", 40)
    assert progress.line(115.0).startswith("40 articles (2.0/s now, 2.7/s overall)")


@pytest.mark.e2e
def test_a_crawl_logs_progress_at_a_steady_interval(replica_factory: Any, tmp_path: Path) -> None:
    running = replica_factory(n_articles=60)
    archive = tmp_path / "archive"
    code = crawl(running.seed_file, archive, RUN_ID="slow", PROGRESS_INTERVAL=0.5,
                 DOWNLOAD_DELAY=0.05, CONCURRENT_REQUESTS_PER_DOMAIN=1)  # fmt: skip
    log = crawl_log(archive, "slow")
    assert code == 0, log
    lines = [m for line in log.splitlines() if (m := PROGRESS_LINE.search(line))]
    stamps = [
        datetime.strptime(line[:19], "%Y-%m-%d %H:%M:%S")
        for line in log.splitlines()
        if PROGRESS_LINE.search(line)
    ]
    assert len(lines) >= 4, log[-3000:]
    articles = [int(m.group(1)) for m in lines]
    assert articles == sorted(articles) and articles[-1] > 0
    assert max(int(m.group(3)) for m in lines) > 0  # requests were waiting at some point
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(stamps)]
    assert all(g <= 2 for g in gaps)  # every half second (log stamps have whole seconds)
