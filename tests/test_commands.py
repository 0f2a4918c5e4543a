"""The project's Scrapy commands as a user meets them: a mistake given to `scrapy crawl` is one
ERROR line naming the file:line or setting and exit 1 (the traceback only with -L DEBUG);
`scrapy shell`, `fetch` and `parse URL` work on an article and leave the archive alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from crawling import PROJECT

from crawler.store.runlog import ArchiveLock

pytestmark = pytest.mark.e2e  # real `scrapy` subprocesses


def scrapy(*args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args], cwd=PROJECT, capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip


def error_lines(done: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in (done.stdout + done.stderr).splitlines() if " ERROR: " in line]


@pytest.fixture(scope="module")
def article(replica: Any) -> str:
    """The URL of an article page of the (read-only, session) replica."""
    return next(a["url"] for a in replica.truth["articles"] if "/t20" in a["url"])


MISTAKES = {
    "unknown seed key": ("seeds", "http://127.0.0.1:9/ nmae=x\n", "seeds.txt:1:"),
    "bad seed regex": ("seeds", "# sites\nhttp://127.0.0.1:9/ article=(t\\d+\n", "seeds.txt:2:"),
    "missing seed file": ("missing", "", "missing.txt:0: cannot read seed list"),
    "start_urls not a URL": ("start_urls", "notaurl", "-a start_urls: not an http(s) URL"),
    "no seeds at all": ("none", "", "give -a seeds=FILE or -a start_urls="),
    "ARCHIVE_DIR is a file": ("file", "", "ARCHIVE_DIR="),
    "ARCHIVE_DIR under a file": ("under-file", "", "ARCHIVE_DIR="),
}


def mistaken_crawl(kind: str, text: str, tmp_path: Path, *extra: str) -> list[str]:
    archive = tmp_path / "archive"
    args = ["crawl", "govnews", "-s", f"ARCHIVE_DIR={archive}", *extra]
    if kind == "seeds":
        (tmp_path / "seeds.txt").write_text(text, "utf-8")
        args += ["-a", f"seeds={tmp_path / 'seeds.txt'}"]
    elif kind == "missing":
        args += ["-a", f"seeds={tmp_path / 'missing.txt'}"]
    elif kind == "start_urls":
        args += ["-a", f"start_urls={text}"]
    elif kind in ("file", "under-file"):
        (tmp_path / "a-file").write_text("x")
        target = tmp_path / "a-file" if kind == "file" else tmp_path / "a-file" / "archive"
        args += ["-a", "start_urls=http://127.0.0.1:9/", "-s", f"ARCHIVE_DIR={target}"]
    return args


@pytest.mark.parametrize("mistake", MISTAKES)
def test_a_mistake_is_one_error_line_and_exit_1(mistake: str, tmp_path: Path) -> None:
    kind, text, expected = MISTAKES[mistake]
    done = scrapy(*mistaken_crawl(kind, text, tmp_path))
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    (line,) = error_lines(done)
    assert expected in line, line
    assert "Traceback" not in output
    assert not (tmp_path / "archive" / "records").exists()


def test_debug_level_shows_the_traceback_too(tmp_path: Path) -> None:
    done = scrapy(*mistaken_crawl("start_urls", "notaurl", tmp_path), "-L", "DEBUG")
    assert done.returncode == 1
    assert "-a start_urls: not an http(s) URL" in done.stderr and "Traceback" in done.stderr


def test_a_crawl_on_a_locked_archive_is_one_line_naming_the_holder(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    lock = ArchiveLock(archive)
    lock.acquire(0, {"run_id": "the-other-run", "pid": 1})
    try:
        done = scrapy("crawl", "govnews", "-a", "start_urls=http://127.0.0.1:9/",
                      "-s", f"ARCHIVE_DIR={archive}")  # fmt: skip
    finally:
        lock.release()
    assert done.returncode == 1
    (line,) = error_lines(done)
    assert "is locked by another run" in line and "the-other-run" in line
    assert "STATE_LOCK_WAIT" in line and "Traceback" not in done.stderr


@pytest.fixture
def held_archive(tmp_path: Path) -> Any:
    """An archive a crawl holds: a single-page command must neither wait for nor touch it."""
    archive = tmp_path / "archive"
    lock = ArchiveLock(archive)
    lock.acquire(0, {"run_id": "running", "pid": 1})
    try:
        yield archive
    finally:
        lock.release()
    assert sorted(p.name for p in archive.iterdir()) == [".lock"]


def test_parse_url_yields_the_article_and_writes_nothing(article: str, held_archive: Path) -> None:
    done = scrapy("parse", article, "--pipelines", "-s", f"ARCHIVE_DIR={held_archive}")
    assert done.returncode == 0, done.stderr
    items = done.stdout.split("# Scraped Items", 1)[1].split("# Requests", 1)[0]
    assert f"'url': '{article}'" in items and "'title': " in items
    assert items.count("'version_id': ") == 1
    assert not error_lines(done), error_lines(done)


def test_fetch_prints_the_page_and_writes_nothing(article: str, held_archive: Path) -> None:
    done = scrapy("fetch", "--nolog", article, "-s", f"ARCHIVE_DIR={held_archive}")
    assert done.returncode == 0, done.stderr
    assert "<html" in done.stdout.lower()


def test_shell_fetches_in_its_thread_and_writes_nothing(article: str, held_archive: Path) -> None:
    code = "(response.status, spider.name, len(list(spider.parse(response))))"
    done = scrapy("shell", article, "-c", code, "-s", f"ARCHIVE_DIR={held_archive}")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "(200, 'govnews', 1)"
    assert "Traceback" not in done.stderr
