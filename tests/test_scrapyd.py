"""Scheduling the Scrapy way: scrapyd on loopback, the project deployed with scrapyd-deploy
(scrapy.cfg's [deploy] target), a job scheduled through the API, run to the end, archived."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from crawling import PROJECT, records

pytestmark = pytest.mark.e2e  # scrapyd and scrapyd-deploy subprocesses running a crawl

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def api(port: int, endpoint: str, data: list[tuple[str, str]] | None = None) -> Any:
    url = f"http://127.0.0.1:{port}/{endpoint}"
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(url, data=body, timeout=10) as response:
        return json.loads(response.read())


def wait_until_up(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        assert proc.poll() is None, "scrapyd exited"
        try:
            if api(port, "daemonstatus.json")["status"] == "ok":
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError("scrapyd did not start")


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[int]:
    port = free_port()
    home = tmp_path / "scrapyd"
    home.mkdir()
    (home / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\npoll_interval = 0.2\n"
        f"eggs_dir = {home}/eggs\nlogs_dir = {home}/logs\ndbs_dir = {home}/dbs\nitems_dir =\n"
    )
    with (home / "scrapyd.out").open("wb") as out:
        proc = subprocess.Popen([BIN / "scrapyd"], cwd=home, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_up(port, proc)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def deploy(port: int, workdir: Path) -> dict[str, Any]:
    """`scrapyd-deploy` from a copy of the project whose [deploy] url names our port."""
    project = workdir / "project"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in ("crawler", "spiders", "pipelines"):
        shutil.copytree(PROJECT / package, project / package, ignore=ignore)
    cfg = (
        (PROJECT / "scrapy.cfg")
        .read_text()
        .replace("http://127.0.0.1:6800/", f"http://127.0.0.1:{port}/")
    )
    (project / "scrapy.cfg").write_text(cfg)
    for name in ("setup.py", "pyproject.toml"):  # the egg gets our package data and entry point
        shutil.copy(PROJECT / name, project / name)
    done = subprocess.run(
        [BIN / "scrapyd-deploy", "-p", "govnews"], cwd=project, capture_output=True,
        text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    response: dict[str, Any] = json.loads(done.stdout[done.stdout.index("{") :])
    return response


def wait_for_job(port: int, job: str, timeout: float = 45) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        jobs = api(port, "listjobs.json?project=govnews")
        finished = [j for j in jobs["finished"] if j["id"] == job]
        if finished:
            return dict(finished[0])
        time.sleep(0.3)
    raise TimeoutError(f"job {job} did not finish in {timeout} s")


def test_scrapyd_deploys_schedules_and_runs_a_crawl(scrapyd: int, replica_factory, tmp_path):  # type: ignore[no-untyped-def]
    running = replica_factory(n_articles=20)
    deployed = deploy(scrapyd, tmp_path)
    assert (deployed["status"], deployed["spiders"]) == ("ok", 1)
    archive = tmp_path / "archive"
    settings = {"ARCHIVE_DIR": str(archive), "AUTOTHROTTLE_ENABLED": "0", "DOWNLOAD_DELAY": "0"}
    form = [("project", "govnews"), ("spider", "govnews"), ("seeds", str(running.seed_file))]
    form += [("setting", f"{key}={value}") for key, value in settings.items()]
    scheduled = api(scrapyd, "schedule.json", form)
    assert scheduled["status"] == "ok"
    job = wait_for_job(scrapyd, scheduled["jobid"])
    assert job["spider"] == "govnews"
    archived = records(archive)
    assert archived and all(r["run_id"] for r in archived)
    (run,) = [json.loads(line) for line in (archive / "runs.ndjson").read_text().splitlines()]
    assert run["finish_reason"] == "finished"
    assert run["counts"]["new"] == len(archived)
