"""`python -m crawler verify` while a crawl writes the archive: it names the run holding the
archive and checks what is complete, reporting no problem for what is still being written."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from crawling import PROJECT, records, start_crawl
from crawling import crawl as crawl_to_end

pytestmark = pytest.mark.e2e  # a real crawl and `python -m crawler verify`


def verify(archive: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crawler", "verify", str(archive)], cwd=PROJECT,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_verify_during_a_crawl_names_the_run_and_checks_what_is_complete(
    replica_factory: Any, tmp_path: Path
) -> None:
    archive = tmp_path / "archive"
    earlier = replica_factory(n_articles=20, seed=3)  # a finished run: state, manifest
    assert crawl_to_end(earlier.seed_file, archive, RUN_ID="done") == 0
    running = replica_factory(n_articles=80)
    crawl = start_crawl(running.seed_file, archive, RUN_ID="busy", DOWNLOAD_DELAY=0.2,
                        CONCURRENT_REQUESTS_PER_DOMAIN=1)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while len(records(archive, "busy")) < 5:
            assert crawl.poll() is None and time.monotonic() < deadline, "no records yet"
            time.sleep(0.2)
        during = verify(archive)
        assert crawl.poll() is None, "the crawl should still be running"
    finally:
        crawl.terminate()
        crawl.wait(timeout=60)
    assert during.returncode == 0, during.stdout
    lines = during.stdout.splitlines()
    assert lines[0].endswith(": OK")
    assert lines[1].startswith("  in use: run busy is writing it (pid ")
    assert json.loads((archive / ".lock").read_text())["run_id"] == "busy"
    assert not [line for line in lines if "warning" in line], during.stdout
    checked = dict(line.strip().split(": ", 1) for line in lines[2:] if ": " in line)
    assert int(checked["records"]) >= len(records(archive, "done")) + 5
    assert int(checked["files still being written"]) >= 2  # its records and WARC file
    after = verify(archive)  # the stopped crawl closed its files and wrote the manifest
    assert after.returncode == 0, after.stdout
    assert "in use" not in after.stdout
