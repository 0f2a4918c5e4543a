"""`python -m crawler crawl [--workers N] -a seeds=FILE [-s NAME=VALUE ...]`: the crawl, on every
core.

One worker is `scrapy crawl govnews` itself. N workers are N `scrapy crawl govnews` processes on
one ARCHIVE_DIR sharing one frontier, one dupefilter, one crawl state and one dedup index in
Redis (docs/DISTRIBUTED.md): each writes its own record and WARC files, the last one to leave
writes the manifest of them all. Redis is the one at `--redis URL` (or `-s REDIS_URL=…`); without
one, a local `redis-server` is started on a free loopback port, its data kept in
ARCHIVE_DIR/redis (append-only file: the frontier and the shared state outlive the run), and
stopped when the workers are done. The workers of a run form one job (GOVNEWS_JOB, the run id).
SIGINT / SIGTERM is passed on to every worker once (they close cleanly). The exit code is the
first non-zero one of the workers.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from types import FrameType

from crawler import defaults
from crawler.components.runid import new_run_id

REDIS_DIR = "redis"  # in ARCHIVE_DIR: the local Redis's append-only file
REDIS_START_TIMEOUT = 10.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workers", type=int, default=1, help="Scrapy processes (default 1)")
    parser.add_argument("--redis", help="Redis URL (default: REDIS_URL, else a local redis-server)")
    parser.add_argument("-a", dest="spider_args", action="append", default=[],
                        metavar="NAME=VALUE", help="spider argument, e.g. seeds=FILE")  # fmt: skip
    parser.add_argument("-s", dest="settings", action="append", default=[],
                        metavar="NAME=VALUE", help="Scrapy setting")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    settings = dict(_pair(text) for text in args.settings)
    if args.workers <= 1 and not args.redis:
        return subprocess.call(_worker_command(args.spider_args, settings), env=_env())
    archive = Path(settings.get("ARCHIVE_DIR", defaults.ARCHIVE_DIR))
    run_id = settings.pop("RUN_ID", None) or new_run_id()
    with ExitStack() as stack:
        url = args.redis or settings.get("REDIS_URL") or stack.enter_context(LocalRedis(archive))
        settings.update(REDIS_URL=url, GOVNEWS_JOB=settings.get("GOVNEWS_JOB", run_id))
        commands = [
            _worker_command(args.spider_args, {**settings, "RUN_ID": f"{run_id}-w{n}"})
            for n in range(1, max(args.workers, 1) + 1)
        ]
        workers = [subprocess.Popen(command, env=_env()) for command in commands]
        print(f"{len(workers)} workers on {archive} (job {settings['GOVNEWS_JOB']}, Redis {url})",
              file=sys.stderr)  # fmt: skip
        return _wait(workers)


def _worker_command(spider_args: list[str], settings: dict[str, str]) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", "govnews"]
    for arg in spider_args:
        command += ["-a", arg]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    return command


def _env() -> dict[str, str]:
    """The workers find the project's settings from any directory."""
    return {**os.environ, "SCRAPY_SETTINGS_MODULE": os.environ.get(
        "SCRAPY_SETTINGS_MODULE", "crawler.settings")}  # fmt: skip


def _wait(workers: list[subprocess.Popen[bytes]]) -> int:
    """Wait for every worker, passing one SIGINT/SIGTERM on to each (a second one: Scrapy's
    forced stop); the first non-zero exit code."""

    def forward(signum: int, frame: FrameType | None) -> None:
        for worker in workers:
            if worker.poll() is None:
                worker.send_signal(signum)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        codes = [worker.wait() for worker in workers]
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return next((code for code in codes if code), 0)


class LocalRedis:
    """A redis-server for this crawl on a free loopback port, its data in ARCHIVE_DIR/redis."""

    def __init__(self, archive: Path) -> None:
        self.directory = archive / REDIS_DIR
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> str:
        binary = shutil.which("redis-server")
        if binary is None:
            raise SystemExit("redis-server is not installed (apt-get install redis-server), "
                             "or give --redis URL")  # fmt: skip
        self.directory.mkdir(parents=True, exist_ok=True)
        port = _free_port()
        self.process = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "yes", "--dir", str(self.directory.resolve())],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )  # fmt: skip
        _wait_for_port(port, self.process)
        return f"redis://127.0.0.1:{port}/0"

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()  # Redis writes its append-only file and exits
            self.process.wait(timeout=30)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + REDIS_START_TIMEOUT
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"redis-server did not start on port {port}") from None
            time.sleep(0.05)


def _pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep:
        raise SystemExit(f"expected NAME=VALUE, not {text!r}")
    return name, value
