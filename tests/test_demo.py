"""`python -m testbed demo` as a new user runs it (via ./dev demo): serve, crawl, report."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e  # runs `python -m testbed demo`, which runs `scrapy crawl`

PROJECT = Path(__file__).resolve().parent.parent


def _demo(archive: Path, *extra: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "testbed", "demo", "--archive", str(archive), "--articles", "60",
         *extra],
        cwd=PROJECT, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _archived(output: str) -> tuple[int, int]:
    match = re.search(r"\((\d+) records in all\)\n  this run: (\d+) records", output)
    assert match, output
    return int(match[1]), int(match[2])


@pytest.mark.redis
def test_demo_crawls_the_replicas_then_reruns_incrementally(tmp_path: Path) -> None:
    first = _demo(tmp_path / "archive")
    total, this_run = _archived(first)
    assert total == this_run >= 60
    for heading in ("Articles per site:", "Flags:", "Skipped pages and why:"):
        assert heading in first
    for reason in ("http_404", "redirect_loop", "too_large", "robots_forbidden"):
        assert f"skip/{reason}" in first
    assert "南通开发区" in first and "converted_t2s" in first

    second = _demo(tmp_path / "archive")
    assert _archived(second) == (total, 0)  # nothing changed on the sites: nothing new
    assert "incremental/not_modified" in second

    # one test, not two: the demo serves on fixed ports, and two demos at once (pytest -n)
    # would move one of them to other ports
    _with_two_workers(tmp_path / "archive-workers")


def _with_two_workers(archive: Path) -> None:
    """`--workers 2`: two processes on one frontier in a local redis-server the crawl command
    starts; their records and stats reported as one run."""
    output = _demo(archive, "--workers", "2")
    assert "python -m crawler crawl --workers 2" in output
    total, this_run = _archived(output)
    assert total == this_run >= 60
    records = [json.loads(line) for path in archive.glob("records/*/*.jsonl")
               for line in path.read_text("utf-8").splitlines()]  # fmt: skip
    assert len({r["url"] for r in records}) == len(records)  # every article once
    assert len(list(archive.glob("runs/*-w*.stats.json"))) == 2  # two workers
    assert list(archive.glob("records/*/*-w*.jsonl"))  # the workers' own files
    for reason in ("http_404", "redirect_loop", "too_large", "robots_forbidden"):
        assert f"skip/{reason}" in output
