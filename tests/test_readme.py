"""The README's "Reading the archive with other tools" and "Scheduled, incremental runs" sections,
run as written: every `bash` block line by line (a line ending in `&` started in the background,
`cd` and `export` kept), the `python` block, the cron line; the systemd units checked with
systemd-analyze. Only the paths a reader adapts are substituted: /srv/govnews (the project),
/srv/archive, seeds/real.txt (real sites: the loopback replicas instead), and the ports."""

from __future__ import annotations

import csv
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from crawling import PROJECT, clean_archive, project_copy, records

from crawler.store.warc import read_warc_record

pytestmark = pytest.mark.e2e  # crawls, scrapyd, pywb, duckdb and python -m crawler

README = PROJECT / "README.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.M | re.S)
PATH = os.pathsep.join(
    [str(Path(sys.executable).parent), str(PROJECT / ".venv" / "pywb" / "bin"), os.environ["PATH"]]
)


def section(title: str) -> str:
    text = README.read_text("utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def blocks(text: str, language: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(text) if lang == language]


def strip_comment(line: str) -> str:
    """The line without a trailing `# comment` (a `#` outside quotes, after a space)."""
    quote = ""
    for i, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i].rstrip()
    return line.rstrip()


def commands(block: str) -> list[str]:
    lines = block.replace("\\\n", " ").splitlines()
    return [cmd for line in lines if (cmd := strip_comment(line).strip())]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while True:
        assert proc.poll() is None, log.read_text("utf-8", "replace")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            assert time.monotonic() < deadline, f"nothing listens on {port}"
            time.sleep(0.2)


@dataclass
class Shell:
    """Runs README lines as a reader types them into one terminal."""

    cwd: Path
    substitutions: list[tuple[str, str]]
    port: int = 0  # what a background line listens on
    env: dict[str, str] = field(default_factory=lambda: {**os.environ, "PATH": PATH})
    background: list[subprocess.Popen[bytes]] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)

    def run(self, block: str) -> None:
        for command in commands(block):
            for old, new in self.substitutions:
                command = command.replace(old, new)
            self.line(command)

    def line(self, command: str) -> None:
        if command.startswith("cd "):
            self.cwd = Path(shlex.split(command)[1])
        elif command.startswith("export "):
            name, _, value = command.removeprefix("export ").partition("=")
            self.env[name] = value
        elif command.endswith("&"):
            log = self.cwd / f"background-{len(self.background)}.log"
            with log.open("wb") as out:
                proc = subprocess.Popen(
                    ["bash", "-c", command[:-1]], cwd=self.cwd, env=self.env, stdout=out,
                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                )  # fmt: skip
            self.background.append(proc)
            wait_for_port(self.port, proc, log)
        else:
            done = subprocess.run(
                ["bash", "-c", command], cwd=self.cwd, env=self.env, capture_output=True,
                text=True, timeout=300, stdin=subprocess.DEVNULL,
            )  # fmt: skip
            assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
            self.outputs.append(done.stdout)

    def stop(self) -> None:
        for proc in self.background:
            proc.terminate()
            proc.wait(timeout=20)


@pytest.fixture
def shell() -> Iterator[list[Shell]]:
    shells: list[Shell] = []
    try:
        yield shells
    finally:
        for one in shells:
            one.stop()


def test_reading_the_archive_runs_as_written(
    replica: Any, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, shell: list[Shell]
) -> None:
    text = section("Reading the archive with other tools")
    shutil.copytree(clean_archive(replica, tmp_path_factory.mktemp("clean")), tmp_path / "archive")
    port = free_port()
    sh = Shell(tmp_path, [("8080", str(port))], port=port)
    shell.append(sh)
    bash = blocks(text, "bash")
    assert len(bash) == 2
    sh.run(bash[0])
    recs = records(tmp_path / "archive")
    with (tmp_path / "titles.csv").open(encoding="utf-8") as titles:
        assert len(list(csv.DictReader(titles))) == len(recs)
    assert pq.read_table(tmp_path / "articles.parquet").num_rows == len(recs)
    assert "Plotly" in (tmp_path / "report.html").read_text("utf-8")
    assert (tmp_path / "archive.wacz").stat().st_size > 0
    (script,) = blocks(text, "python")
    (tmp_path / "readme_example.py").write_text(script, "utf-8")
    done = subprocess.run(
        [sys.executable, "readme_example.py"], cwd=tmp_path, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    sh.run(bash[1])  # pywb: the shipped indexes, the WACZ, wayback
    for rec in [r for r in recs if r["warc"]][:5]:
        for collection in ("govnews", "fromwacz"):
            url = f"http://127.0.0.1:{port}/{collection}/id_/{rec['url']}"
            with urllib.request.urlopen(url, timeout=20) as response:
                assert response.read() == read_warc_record(tmp_path / "archive", rec["warc"]).body


def test_scheduled_runs_run_as_written(
    replica_factory: Any, tmp_path: Path, shell: list[Shell]
) -> None:
    text = section("Scheduled, incremental runs")
    running = replica_factory(n_articles=20)
    archive = tmp_path / "archive"
    paths = [("seeds=seeds/real.txt", f"seeds={running.seed_file}"),
             ("/srv/govnews/seeds/real.txt", str(running.seed_file)),
             ("/srv/govnews/crawl.log", str(tmp_path / "crawl.log")),
             ("/srv/archive", str(archive))]  # fmt: skip

    (cron,) = blocks(text, "cron")
    command = cron.strip().split(None, 5)[5]  # after the five schedule fields
    for old, new in [*paths, ("/srv/govnews", str(PROJECT))]:
        command = command.replace(old, new)
    done = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, (tmp_path / "crawl.log").read_text("utf-8", "replace")[-3000:]
    first = records(archive)
    assert first and "Run " in (tmp_path / "crawl.log").read_text("utf-8")

    units = PROJECT / "docs" / "systemd"
    for name in ("govnews.service", "govnews.timer"):
        assert f"(docs/systemd/{name})" in text
        unit = (units / name).read_text("utf-8")
        for old, new in [*paths, ("/srv/govnews", str(PROJECT))]:
            unit = unit.replace(old, new)
        (tmp_path / name).write_text(unit, "utf-8")
    checked = subprocess.run(
        ["systemd-analyze", "verify", tmp_path / "govnews.service", tmp_path / "govnews.timer"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert checked.returncode == 0 and not checked.stderr.strip(), checked.stderr
    exec_start = re.search(r"^ExecStart=(.*)$", (units / "govnews.service").read_text(), re.M)
    assert (
        exec_start
        and exec_start.group(1).split()[1:] == (cron.split("&&", 1)[1].split(">>")[0].split()[1:])
    )  # the unit runs the cron line's crawl

    project = project_copy(tmp_path)
    port = free_port()
    (project / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\npoll_interval = 0.2\n"
    )
    sh = Shell(project, [*paths, ("/srv/govnews", str(project)), ("6800", str(port))], port=port)
    shell.append(sh)
    (scrapyd,) = blocks(text, "bash")
    sh.run(scrapyd)
    scheduled = json.loads(next(out for out in sh.outputs if '"jobid"' in out))
    job = wait_for_job(port, scheduled["jobid"])
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{job['log_url']}", timeout=10) as r:
        log = r.read().decode("utf-8")
    # the replica's failing page is retried by every run (durable frontier): Scrapy's retry
    # middleware logs its give-up at ERROR; anything else at ERROR is a failed job
    errors = [
        line for line in log.splitlines() if " ERROR: " in line and "Gave up retrying" not in line
    ]
    assert not errors and "Run " in log, log[-3000:]
    runs = [json.loads(line) for line in (archive / "runs.ndjson").read_text().splitlines()]
    assert len(runs) == 2 and runs[-1]["finish_reason"] == "finished"


def wait_for_job(port: int, job: str, timeout: float = 90) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        url = f"http://127.0.0.1:{port}/listjobs.json?project=govnews"
        with urllib.request.urlopen(url, timeout=10) as response:
            jobs = json.loads(response.read())
        for finished in jobs["finished"]:
            if finished["id"] == job:
                return dict(finished)
        time.sleep(0.3)
    raise TimeoutError(f"job {job} did not finish")
