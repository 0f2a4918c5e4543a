"""One process, no delay: a site never gets more than CONCURRENT_REQUESTS_PER_DOMAIN requests
at once. Scrapy 2.19's downloader starts every queued request of a slot together when the slot
has no delay (with 2 per site the site below saw 25 at once); the project's download handler
holds them (crawler.components.politeness)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from crawling import PROJECT, crawl, crawl_log, records

from testbed.threaded import served

pytestmark = pytest.mark.e2e

ARTICLES = 40
PARAGRAPH = "<p>区党工委召开理论学习中心组集体学习会议，深入学习贯彻党的二十大精神。</p>"


class _Site(ThreadingHTTPServer):
    """A column of ARTICLES articles; each article answers after 50 ms, and the server counts
    how many article requests it is answering at once."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.answering = 0
        self.most = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: _Site
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            self._send(b"User-agent: *\nAllow: /\n", "text/plain")
        elif self.path == "/xwzx/index.html":
            links = "".join(f'<li><a href="/xwzx/202301/t20230105_{n}.html">第{n}篇工作动态</a>'
                            f"<span>2023-01-05</span></li>" for n in range(ARTICLES))  # fmt: skip
            self._send(f'<html><head><meta charset="utf-8"><title>工作动态</title></head>'
                       f"<body><ul>{links}</ul></body></html>".encode())  # fmt: skip
        else:
            site = self.server
            with site.lock:
                site.answering += 1
                site.most = max(site.most, site.answering)
            time.sleep(0.05)
            with site.lock:
                site.answering -= 1
            self._send(f'<html><head><meta charset="utf-8"><title>会议通知</title></head><body>'
                       f'<h1>关于召开会议的通知</h1><div class="TRS_Editor">{PARAGRAPH * 5}'
                       f"</div></body></html>".encode())  # fmt: skip

    def _send(self, body: bytes, kind: str = "text/html; charset=utf-8") -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site() -> Iterator[_Site]:
    with served(_Site()) as server:
        yield server


@pytest.mark.parametrize("per_site", [1, 2])
def test_no_delay_never_means_more_than_the_sites_concurrency(
    site: _Site, per_site: int, tmp_path: Path
) -> None:
    seeds = tmp_path / "seeds.txt"
    seeds.write_text(f"{site.base}/xwzx/index.html\n", encoding="utf-8")
    archive = tmp_path / "archive"
    code = crawl(seeds, archive, DOWNLOAD_DELAY=0, AUTOTHROTTLE_ENABLED=False,
                 CONCURRENT_REQUESTS=32, CONCURRENT_REQUESTS_PER_DOMAIN=per_site)  # fmt: skip
    assert code == 0, crawl_log(archive)
    assert len(records(archive)) == ARTICLES
    assert site.most == per_site


def test_a_crawl_runs_no_control_server(site: _Site, tmp_path: Path) -> None:
    """No telnet console and no remote-control server (Scrapy 2.19 starts one by default: an
    HTTP endpoint that runs the Python code it is sent) in a crawl process."""
    seeds = tmp_path / "seeds.txt"
    seeds.write_text(f"{site.base}/xwzx/index.html\n", encoding="utf-8")
    archive = tmp_path / "archive"
    jobs = tmp_path / "remote-control-jobs"
    assert crawl(seeds, archive, REMOTE_CONTROL_JOBS_DIR=jobs) == 0, crawl_log(archive)
    log = crawl_log(archive)
    assert "Enabled extensions" in log
    assert "RemoteControl" not in log and "TelnetConsole" not in log
    assert not jobs.exists()


def test_the_remote_control_module_is_not_even_imported() -> None:
    """Naming an extension in EXTENSIONS, even as None, makes Scrapy import its module when it
    reads the list; RemoteControl's imports aiohttp, about 0.15 s of a crawl's start-up CPU for
    a server that is off. The project's extension list leaves it out altogether."""
    probe = (
        "import sys; from scrapy.utils.project import get_project_settings; "
        "extensions = get_project_settings().getwithbase('EXTENSIONS'); "
        "print(sorted(extensions), 'aiohttp' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT, capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    assert "crawler.components.archive.ArchiveOwner" in out
    assert "RemoteControl" not in out
    assert out.rstrip().endswith("False")
