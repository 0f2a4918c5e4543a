"""Scheduling the Scrapy way: scrapyd on loopback, the project deployed with scrapyd-deploy
(scrapy.cfg's [deploy:env] target, SCRAPYD_URL naming our port), a job scheduled through the
API, run to the end, archived; a job given a seed list that does not exist fails visibly."""

from __future__ import annotations

import json
import os
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
from crawling import project_copy, records

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
    """scrapyd on a free loopback port; its own log in tmp_path/scrapyd/scrapyd.out."""
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
    """`SCRAPYD_URL=http://127.0.0.1:PORT/ scrapyd-deploy env` from a copy of the project."""
    env = {**os.environ, "SCRAPYD_URL": f"http://127.0.0.1:{port}/"}
    done = subprocess.run(
        [BIN / "scrapyd-deploy", "env"], cwd=project_copy(workdir), capture_output=True,
        text=True, timeout=60, env=env,
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


def test_a_job_with_a_missing_seed_list_fails_visibly(scrapyd: int, tmp_path: Path) -> None:
    """scrapyd lists every ended job as finished: the failure shows as the process's exit
    status in scrapyd's log and as one ERROR line in the job's log."""
    deploy(scrapyd, tmp_path)
    missing = tmp_path / "no-such-seeds.txt"
    form = [("project", "govnews"), ("spider", "govnews"), ("seeds", str(missing)),
            ("setting", f"ARCHIVE_DIR={tmp_path / 'archive'}")]  # fmt: skip
    scheduled = api(scrapyd, "schedule.json", form)
    job = wait_for_job(scrapyd, scheduled["jobid"])
    with urllib.request.urlopen(f"http://127.0.0.1:{scrapyd}{job['log_url']}", timeout=10) as r:
        log = r.read().decode("utf-8")
    errors = [line for line in log.splitlines() if " ERROR: " in line]
    assert len(errors) == 1 and f"{missing}:0: cannot read seed list" in errors[0], log
    assert "Traceback" not in log
    scrapyd_log = (tmp_path / "scrapyd" / "scrapyd.out").read_text("utf-8")
    died = [line for line in scrapyd_log.splitlines() if scheduled["jobid"] in line]
    assert any("Process died: exitstatus=1" in line for line in died), scrapyd_log
    assert not (tmp_path / "archive" / "records").exists()
