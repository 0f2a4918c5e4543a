"""Archive an item: one whole JSON line appended to ARCHIVE_DIR/records/<YYYY-MM>/<run_id>.jsonl.

Duplicates (`duplicate_of` set) go to `records/0-duplicates-<YYYY-MM>/`, which sorts before every
month: readers that infer the schema from the first files only (DuckDB's `read_json_auto`
samples 32) would otherwise type `duplicate_of` as NULL, and read it as null everywhere, when
the oldest months hold no duplicate.

Each line goes out in a single `os.write` on an `O_APPEND` descriptor. Once `write` returns the
line is in the kernel's page cache: a killed process (`kill -9`, an exception) loses nothing.
A `kill -9` that lands during a write longer than a page can still cut it short (Linux checks
for fatal signals between pages), so when a run opens the archive (holding its lock) it cuts
such a partial last line off the files of earlier runs (counted `archive/partial_line_removed`);
that article was never recorded in the crawl state, so this run fetches and archives it again.
`fsync` only guards against the machine losing power, and costs about a millisecond a line,
so the files are synced every ARCHIVE_FSYNC_SECONDS and on close (ARCHIVE_FSYNC: after every
line instead); state and dedup index catch up with the archive on the next open. The final
crawl stats are written next to the records as ARCHIVE_DIR/runs/<run_id>.stats.json.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler import defaults
from crawler.components.runid import run_id_for
from crawler.page.record import to_json_line

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

PUBLICATION_MONTH = re.compile(r"^(\d{4})-(\d{2})")
UNDATED_PARTITION = "undated"
DUPLICATES_PREFIX = "0-duplicates-"  # sorts before "2024-01" and "undated": see above
_OPEN_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0)


def partition_of(item: dict[str, Any]) -> str:
    """`YYYY-MM` of the publication date, or `undated`; prefixed for a duplicate."""
    match = PUBLICATION_MONTH.match(item.get("published_at") or "")
    month = f"{match.group(1)}-{match.group(2)}" if match else UNDATED_PARTITION
    return DUPLICATES_PREFIX + month if item.get("duplicate_of") else month


class ArchivePipeline:
    """Appends `crawler.page.record.to_json_line(item)`; never the same version_id twice in a
    run."""

    def __init__(
        self, crawler: Crawler, archive_dir: Path, fsync: bool, dump_stats: bool,
        fsync_seconds: float = 0.0,
    ) -> None:  # fmt: skip
        self.crawler = crawler
        self.archive_dir = archive_dir
        self.fsync = fsync
        self.fsync_seconds = fsync_seconds
        self._synced_at = time.monotonic()
        self._dirty: set[int] = set()
        self.dump_stats = dump_stats
        self.run_id = run_id_for(crawler)
        self._fds: dict[str, int] = {}
        self._written: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        settings = crawler.settings
        if not settings.getbool("ARCHIVE_ENABLED", defaults.ARCHIVE_ENABLED):
            raise NotConfigured("ARCHIVE_ENABLED is off")
        archive_dir = Path(settings.get("ARCHIVE_DIR", defaults.ARCHIVE_DIR))
        fsync = settings.getbool("ARCHIVE_FSYNC", defaults.ARCHIVE_FSYNC)
        seconds = settings.getfloat("ARCHIVE_FSYNC_SECONDS", defaults.ARCHIVE_FSYNC_SECONDS)
        dump = settings.getbool("STATS_DUMP_ENABLED", defaults.STATS_DUMP_ENABLED)
        pipeline = cls(crawler, archive_dir, fsync, dump, seconds)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        for path in remove_partial_lines(self.archive_dir):
            logger.warning("Removed a partial last line (a killed run) from %s", path)
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("archive/partial_line_removed")

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        stats = self.crawler.stats
        assert stats is not None
        version_id = item["version_id"]
        if version_id in self._written:
            stats.inc_value("archive/same_version_again")
            return item
        self._append(partition_of(item), to_json_line(item).encode("utf-8"))
        self._written.add(version_id)
        stats.inc_value("archive/written")
        return item

    def close_spider(self) -> None:
        self._sync()
        for fd in self._fds.values():
            os.close(fd)
        self._fds.clear()

    def spider_closed(self, reason: str) -> None:
        if self.dump_stats:
            self.write_stats(reason)

    def write_stats(self, reason: str) -> Path:
        """ARCHIVE_DIR/runs/<run_id>.stats.json: the crawl stats, written whole (tmp + rename)."""
        assert self.crawler.stats is not None
        stats = {"run_id": self.run_id, "finish_reason": reason, **self.crawler.stats.get_stats()}
        path = self.archive_dir / "runs" / f"{self.run_id}.stats.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(stats, ensure_ascii=False, indent=1, default=str), "utf-8")
        tmp.replace(path)
        return path

    def _append(self, partition: str, line: bytes) -> None:
        fd = self._fds.get(partition)
        if fd is None:
            fd = self._fds[partition] = self._open(partition)
        view = memoryview(line)
        while view:  # a short write (full disk, a signal): finish the line rather than leave half
            view = view[os.write(fd, view) :]
        if self.fsync:
            os.fsync(fd)
            return
        self._dirty.add(fd)
        if self.fsync_seconds and time.monotonic() - self._synced_at >= self.fsync_seconds:
            self._sync()

    def _sync(self) -> None:
        """fsync the files written since the last sync."""
        for fd in self._dirty:
            os.fsync(fd)
        self._dirty.clear()
        self._synced_at = time.monotonic()

    def _open(self, partition: str) -> int:
        directory = self.archive_dir / "records" / partition
        directory.mkdir(parents=True, exist_ok=True)
        return os.open(directory / f"{self.run_id}.jsonl", _OPEN_FLAGS, 0o644)


def remove_partial_lines(archive_dir: Path) -> list[Path]:
    """Cut a partial last line (no newline at the end: its writer was killed mid-write) off
    every records file; the files that had one."""
    cut = []
    for path in sorted((archive_dir / "records").glob("*/*.jsonl")):
        with path.open("r+b") as fh:
            size = fh.seek(0, os.SEEK_END)
            if size == 0 or _last_byte(fh, size) == b"\n":
                continue
            fh.truncate(_end_of_last_line(fh, size))
        cut.append(path)
    return cut


def _last_byte(fh: Any, size: int) -> bytes:
    fh.seek(size - 1)
    return bytes(fh.read(1))


def _end_of_last_line(fh: Any, size: int, block: int = 1 << 16) -> int:
    """The offset just past the file's last newline (0 when it has none)."""
    end = size
    while end > 0:
        start = max(0, end - block)
        fh.seek(start)
        newline = fh.read(end - start).rfind(b"\n")
        if newline >= 0:
            return start + newline + 1
        end = start
    return 0
