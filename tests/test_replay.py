"""Replay as a user does it: a real pywb (wayback) on loopback replays archived articles
byte-identical from our WARC files and the CDXJ indexes the crawl shipped next to them, and from
the WACZ `python -m crawler wacz` makes (which `wacz validate` accepts)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from crawling import PROJECT, crawl, crawl_log, records

from crawler.store.warc import read_warc_record

pytestmark = pytest.mark.e2e  # a crawl, pywb's wayback and wb-manager, py-wacz

PYWB = PROJECT / ".venv" / "pywb" / "bin"  # pywb's own venv (./dev setup: it pins redis<3)
BIN = Path(sys.executable).parent
SAMPLE = 12  # articles replayed per collection


@pytest.fixture(scope="module")
def archive(replica_factory_module: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    running = replica_factory_module
    archive = tmp_path_factory.mktemp("replay") / "archive"
    assert crawl(running.seed_file, archive, RUN_ID="replay") == 0, crawl_log(archive, "replay")
    return archive


@pytest.fixture(scope="module")
def replica_factory_module(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from testbed.replica.running import start_replica

    running = start_replica(tmp_path_factory.mktemp("replica"), n_articles=40, seed=5)
    try:
        yield running
    finally:
        running.stop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def wayback(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int]]:
    """pywb serving `<root>/collections/*` on a loopback port."""
    root = tmp_path_factory.mktemp("pywb")
    port = free_port()
    with (root / "wayback.log").open("wb") as log:
        proc = subprocess.Popen(
            [PYWB / "wayback", "-b", "127.0.0.1", "-p", str(port)], cwd=root, stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, (root / "wayback.log").read_text()
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "wayback did not start"
                time.sleep(0.2)
        yield root, port
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def wb_manager(root: Path, *args: str) -> None:
    done = subprocess.run(
        [PYWB / "wb-manager", *args], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


def replayed(port: int, collection: str, url: str) -> bytes:
    """The original bytes of the latest capture of `url` (pywb's `id_` mode: no rewriting)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{collection}/id_/{url}", timeout=20) as r:
        body: bytes = r.read()
        return body


def articles(archive: Path) -> list[dict[str, Any]]:
    """Archived articles with a WARC pointer, sampled across the archive."""
    recs = [r for r in records(archive) if r["warc"]]
    assert len(recs) > SAMPLE
    return recs[:: len(recs) // SAMPLE][:SAMPLE]


def assert_replays(port: int, collection: str, archive: Path) -> None:
    for rec in articles(archive):
        assert replayed(port, collection, rec["url"]) == read_warc_record(archive, rec["warc"]).body


def test_pywb_replays_articles_from_the_shipped_cdxj(archive: Path, wayback: Any) -> None:
    root, port = wayback
    wb_manager(root, "init", "shipped")
    collection = root / "collections" / "shipped"
    for warc in sorted((archive / "warc").glob("*.warc.gz")):
        shutil.copy(warc, collection / "archive" / warc.name)
        index = warc.with_name(warc.name + ".cdxj")  # the index as the crawl wrote it
        shutil.copy(index, collection / "indexes" / index.name)
    assert_replays(port, "shipped", archive)
    with pytest.raises(urllib.error.HTTPError) as missing:
        replayed(port, "shipped", "http://127.0.0.1:9/never-crawled.html")
    missing.value.close()
    assert missing.value.code == 404


def test_wacz_validates_lists_the_articles_and_replays_in_pywb(
    archive: Path, wayback: Any, tmp_path: Path
) -> None:
    out = tmp_path / "govnews.wacz"
    done = subprocess.run(
        [sys.executable, "-m", "crawler", "wacz", str(archive), "-o", str(out)], cwd=PROJECT,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    valid = subprocess.run(
        [BIN / "wacz", "validate", "-f", str(out)], capture_output=True, text=True, timeout=120
    )
    assert valid.returncode == 0 and "is valid" in valid.stdout, valid.stdout + valid.stderr
    with zipfile.ZipFile(out) as wacz:
        header, *pages = [json.loads(line) for line in wacz.read("pages/pages.jsonl").splitlines()]
        names = wacz.namelist()
    assert header["format"] == "json-pages-1.0"
    archived = {r["url"] for r in records(archive) if r["warc"]}
    assert {p["url"] for p in pages} == archived
    assert all(p["ts"].endswith("Z") and p["title"] for p in pages)
    assert {f"archive/{w.name}" for w in (archive / "warc").glob("*.warc.gz")} <= set(names)
    root, port = wayback
    wb_manager(root, "init", "fromwacz")
    wb_manager(root, "add", "--unpack-wacz", "fromwacz", str(out))
    assert_replays(port, "fromwacz", archive)
