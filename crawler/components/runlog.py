"""Run log, archive lock and manifest (a Scrapy extension).

- Lock: `fcntl.flock` on ARCHIVE_DIR/.lock, taken when the crawler is built (before any
  pipeline or middleware opens a file of the archive) and held until the spider closes. A
  second run on the same archive waits STATE_LOCK_WAIT seconds, then refuses: `ArchiveLocked`
  names the holder, the crawl does not start and `scrapy crawl` exits 1.
- Run log: one JSON line per run appended to ARCHIVE_DIR/runs.ndjson (run id, start, end,
  finish reason, counts: new, changed, unchanged, not modified, archived, duplicates, skipped by
  reason) and the same row in the crawl state's `runs` table. Not `.jsonl`: a reader globbing
  `ARCHIVE_DIR/**/*.jsonl` gets the records only (an older archive's runs.jsonl is renamed).
  The full final stats go to ARCHIVE_DIR/runs/<run_id>.stats.json (the archive pipeline).
- Manifest: ARCHIVE_DIR/manifest.json lists the record files, WARC files and their CDXJ
  indexes with sizes, record counts (lines; WARC records) and sha256 sums; rewritten (tmp +
  rename) when the engine stops (after every component closed its files), unchanged files
  not re-hashed; the lock is released after it. A WARC file's records are counted from its
  CDXJ index (two records, response or revisit and request, per line) when the writer closed
  it, and read back only when it did not (a killed run).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler import defaults
from crawler.components.runid import run_id_for
from crawler.components.warc import WARC_DIR, iter_warc_records
from crawler.page.record import utc_now_iso
from crawler.store.state import RECORDS_DIR, CrawlState, state_path

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

LOCK_FILE = ".lock"
RUN_LOG = "runs.ndjson"
OLD_RUN_LOG = "runs.jsonl"  # before the records' `**/*.jsonl` glob had to exclude it
MANIFEST = "manifest.json"
_LOCK_POLL = 0.2  # seconds between attempts while waiting for the lock
# stats keys that count something skipped or dropped, reported per reason in the run log
_SKIP_PREFIXES = ("skip/", "spider/", "extract/", "item_dropped_reasons_count/",
                  "warc/skipped/", "encoding/")  # fmt: skip


class ArchiveLocked(RuntimeError):
    """Another run holds the archive."""


class ArchiveLock:
    def __init__(self, archive_dir: Path) -> None:
        self.path = archive_dir / LOCK_FILE
        self.fd: int | None = None

    def acquire(self, wait: float, holder: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise ArchiveLocked(self._refusal(wait)) from None
                time.sleep(_LOCK_POLL)
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps(holder).encode("utf-8"))
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None

    def _refusal(self, wait: float) -> str:
        try:
            holder = self.path.read_text("utf-8") or "unknown"
        except OSError:
            holder = "unknown"
        return (
            f"archive {self.path.parent} is locked by another run ({holder}); waited {wait:g} s "
            "(STATE_LOCK_WAIT): refusing to start, so the archive is not written by two runs"
        )


class RunLog:
    def __init__(self, crawler: Crawler, archive_dir: Path, state_file: str, lock: ArchiveLock):
        self.crawler = crawler
        self.archive_dir = archive_dir
        self.state_file = state_file
        self.lock = lock
        self.run_id = run_id_for(crawler)
        self.started_at = utc_now_iso()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunLog:
        settings = crawler.settings
        if not settings.getbool("STATE_ENABLED", defaults.STATE_ENABLED):
            raise NotConfigured("STATE_ENABLED is off: no run log, no lock")
        archive_dir = Path(settings.get("ARCHIVE_DIR", defaults.ARCHIVE_DIR))
        wait = settings.getfloat("STATE_LOCK_WAIT", defaults.STATE_LOCK_WAIT)
        state_file = settings.get("STATE_FILE", defaults.STATE_FILE)
        ext = cls(crawler, archive_dir, state_file, ArchiveLock(archive_dir))
        holder = {"run_id": ext.run_id, "pid": os.getpid(), "since": ext.started_at}
        try:
            ext.lock.acquire(wait, holder)
        except ArchiveLocked as exc:
            logger.error("%s", exc)
            raise
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        with CrawlState(state_path(self.archive_dir, self.state_file)) as state:
            state.start_run(self.run_id, self.started_at)
        logger.info("Run %s on archive %s", self.run_id, self.archive_dir)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        self._write_run(reason)

    def engine_stopped(self) -> None:
        try:
            write_manifest(self.archive_dir)
        finally:
            self.lock.release()

    def _write_run(self, reason: str) -> None:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        finished_at = utc_now_iso()
        counts = run_counts(stats)
        with CrawlState(state_path(self.archive_dir, self.state_file)) as state:
            state.finish_run(self.run_id, finished_at, reason, counts)
        entry = {"run_id": self.run_id, "started_at": self.started_at,
                 "finished_at": finished_at, "finish_reason": reason, "counts": counts}  # fmt: skip
        line = json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
        _rename_old_run_log(self.archive_dir)
        fd = os.open(self.archive_dir / RUN_LOG, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)
        logger.info("Run %s %s: %s", self.run_id, reason, json.dumps(counts, sort_keys=True))


def _rename_old_run_log(archive_dir: Path) -> None:
    old, new = archive_dir / OLD_RUN_LOG, archive_dir / RUN_LOG
    if old.exists() and not new.exists():
        old.replace(new)


def run_counts(stats: dict[str, Any]) -> dict[str, Any]:
    """The run log's counts, from the crawl stats."""
    not_modified_articles = int(stats.get("incremental/not_modified/article", 0))
    return {
        "new": int(stats.get("incremental/new", 0)),
        "changed": int(stats.get("incremental/changed", 0)),
        "unchanged": int(stats.get("incremental/unchanged", 0)) + not_modified_articles,
        "not_modified": int(stats.get("incremental/not_modified", 0)),
        "archived": int(stats.get("archive/written", 0)),
        "duplicates": {"exact": stats.get("dedup/exact", 0), "near": stats.get("dedup/near", 0)},
        "requests": int(stats.get("downloader/request_count", 0)),
        "skipped": {k: v for k, v in sorted(stats.items()) if k.startswith(_SKIP_PREFIXES)},
    }


# --- manifest ---


def manifest_files(archive_dir: Path) -> list[Path]:
    records = sorted((archive_dir / RECORDS_DIR).glob("**/*.jsonl"))
    warcs = sorted((archive_dir / WARC_DIR).glob("*.warc.gz"))
    indexes = sorted((archive_dir / WARC_DIR).glob("*.warc.gz.cdxj"))
    return records + warcs + indexes


def write_manifest(archive_dir: Path) -> dict[str, Any]:
    previous = {entry["path"]: entry for entry in read_manifest(archive_dir).get("files", [])}
    entries = [_manifest_entry(archive_dir, path, previous) for path in manifest_files(archive_dir)]
    manifest = {
        "written_at": utc_now_iso(),
        "files": entries,
        "records": sum(e["records"] for e in entries if e["path"].endswith(".jsonl")),
    }
    path = archive_dir / MANIFEST
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    tmp.replace(path)
    return manifest


def read_manifest(archive_dir: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((archive_dir / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest


def _manifest_entry(root: Path, path: Path, previous: dict[str, Any]) -> dict[str, Any]:
    rel = path.relative_to(root).as_posix()
    st = path.stat()
    old = previous.get(rel)
    if old and old.get("bytes") == st.st_size and old.get("mtime_ns") == st.st_mtime_ns:
        return dict(old)
    sha256, records = _digest_and_count(path)
    modified = datetime.fromtimestamp(st.st_mtime, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"path": rel, "bytes": st.st_size, "records": records, "sha256": sha256,
            "modified": modified, "mtime_ns": st.st_mtime_ns}  # fmt: skip


def file_digest_and_count(path: Path) -> tuple[str, int]:
    """sha256 of the file; its record count (lines of a JSONL, records of a WARC)."""
    digest = hashlib.sha256()
    lines = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            lines += chunk.count(b"\n")
    if path.name.endswith(".warc.gz"):
        lines = count_warc_records(path)
    return digest.hexdigest(), lines


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _digest_and_count(path: Path) -> tuple[str, int]:
    """`file_digest_and_count`, a closed WARC file's records counted from its CDXJ index."""
    index = path.with_name(path.name + ".cdxj")
    if path.name.endswith(".warc.gz") and _closed_with_index(path, index):
        with index.open("rb") as fh:
            captures = sum(1 for _ in fh)
        return file_digest(path), 2 * captures
    return file_digest_and_count(path)


def _closed_with_index(warc: Path, index: Path) -> bool:
    """The writer saves the index when it closes the WARC file, never before."""
    try:
        return index.stat().st_mtime_ns >= warc.stat().st_mtime_ns
    except OSError:
        return False


def count_warc_records(path: Path) -> int:
    """Readable records of a WARC file (a killed run may have left an incomplete last one)."""
    count = 0
    try:
        for _ in iter_warc_records(path):
            count += 1
    except Exception:  # warcio raises several kinds on a truncated gzip member
        logger.warning("WARC file %s ends with an incomplete record", path)
    return count
