"""The archive's one owner per crawl: `archive_of(crawler)` and the `ArchiveOwner` extension.

`archive_of(crawler)` opens the crawl's `Archive` on its first call and keeps it on the crawler
(as `run_id_for` keeps the run id), so extensions, middlewares and pipelines get the same one in
their `from_crawler`, whatever order Scrapy builds them in. Opening it:
- resolves ARCHIVE_DIR, once;
- takes the archive lock (ARCHIVE_DIR/.lock), always, whatever STATE_ENABLED, DEDUP_ENABLED or
  WARC_ENABLED say: two runs never write one archive. A second run waits STATE_LOCK_WAIT seconds,
  then refuses: `ArchiveLocked` names the holder, the crawl does not start, `scrapy crawl` exits 1;
- opens each store that is switched on, once: the crawl state (STATE_ENABLED), the dedup index
  (DEDUP_ENABLED), the WARC writer (WARC_ENABLED; revisits need the crawl state) and the record
  writer (ARCHIVE_ENABLED). A store switched off is None, and the component needing it raises
  NotConfigured.
When the engine stops (every pipeline, middleware and extension is done with the stores) the
archive closes the stores, writes the manifest, then releases the lock.

With ARCHIVE_OPEN off (`scrapy shell`, `fetch`, `parse`, `view` set it: they look at single
pages) `archive_of` raises a bare NotConfigured: every component of the archive stays off, no
lock is taken and nothing is written. An ARCHIVE_DIR that cannot be made or written is an
`ArchiveDirError` naming the setting (`scrapy crawl` reports it in one line, as it does
`ArchiveLocked`).

`ArchiveOwner`, first in EXTENSIONS, opens the archive when the crawler is built, before any
other component (so the lock is held before anything of the archive is read, even when every
store is off), and keeps the run log: a row in the crawl state's `runs` table when the spider
opens and closes, and a line in ARCHIVE_DIR/runs.ndjson when it closes (run id, start, end,
finish reason, counts: new, changed, unchanged, not modified, archived, duplicates, skipped by
reason).
"""

from __future__ import annotations

import json
import logging
import os
from contextlib import ExitStack
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from isal import isal_zlib
from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler import defaults
from crawler.components.redisclient import redis_client
from crawler.components.runid import run_id_for
from crawler.page.record import utc_now_iso
from crawler.store.dedup import DedupIndex
from crawler.store.records import RecordWriter
from crawler.store.runlog import ArchiveLock, append_run, write_manifest
from crawler.store.shared import SharedCrawlState, SharedDedupIndex
from crawler.store.state import CrawlState
from crawler.store.warc import WarcWriter

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

_ATTR = "_govnews_archive"
# stats keys that count something skipped or dropped, reported per reason in the run log
_SKIP_PREFIXES = ("skip/", "spider/", "extract/", "item_dropped_reasons_count/",
                  "warc/skipped/", "encoding/")  # fmt: skip
# the crawl settings the warcinfo record of every WARC file names (what shaped the capture)
_WARCINFO_SETTINGS = (
    "BOT_NAME", "CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "DOWNLOAD_DELAY",
    "AUTOTHROTTLE_ENABLED", "DOWNLOAD_TIMEOUT", "DOWNLOAD_MAXSIZE", "REDIRECT_MAX_TIMES",
    "RETRY_TIMES", "ROBOTSTXT_OBEY", "STATE_ENABLED", "STATE_REVALIDATE_DAYS", "DEDUP_ENABLED",
    "WARC_LIST_PAGES", "WARC_MAX_BYTES", "WARC_GZIP_LEVEL", "SPIDER_UNKNOWN_PAGE_DEPTH",
    "SPIDER_FOLLOW_SITEMAPS", "SPIDER_FOLLOW_FEEDS",
)  # fmt: skip


@dataclass(eq=False)  # one per crawl: identity is equality
class Archive:
    """One crawl's archive: its directory, its lock and its stores (None: switched off)."""

    root: Path
    run_id: str
    started_at: str
    lock: ArchiveLock
    state: CrawlState | None = None
    dedup: DedupIndex | None = None
    warc: WarcWriter | None = None
    records: RecordWriter | None = None
    closed: bool = False

    def close(self) -> None:
        """Close the stores, write the manifest, release the lock: in that order, once."""
        if self.closed:
            return
        self.closed = True
        try:
            self._close_stores()
            if not self.lock.shared or self.lock.last_holder():  # workers: the last one
                write_manifest(self.root)
        finally:
            self.lock.release()

    def abandon(self) -> None:
        """Close what was opened and release the lock, without a manifest (opening failed)."""
        self.closed = True
        try:
            self._close_stores()
        finally:
            self.lock.release()

    def _close_stores(self) -> None:
        with ExitStack() as stack:  # every store is closed, even when another one fails to
            for store in (self.state, self.dedup, self.records, self.warc):
                if store is not None:
                    stack.callback(store.close)


class ArchiveDirError(OSError):
    """ARCHIVE_DIR cannot be created or written (a file, a read-only place, no permission)."""


def archive_of(crawler: Crawler) -> Archive:
    """The crawler's archive, opened (lock taken, stores opened) on the first call; a bare
    NotConfigured when ARCHIVE_OPEN is off."""
    archive: Archive | None = getattr(crawler, _ATTR, None)
    if archive is None:
        if not crawler.settings.getbool("ARCHIVE_OPEN", defaults.ARCHIVE_OPEN):
            _log_left_alone(crawler)
            raise NotConfigured
        archive = open_archive(crawler.settings, run_id_for(crawler))
        setattr(crawler, _ATTR, archive)
        crawler.signals.connect(archive.close, signal=signals.engine_stopped)
    return archive


def _log_left_alone(crawler: Crawler) -> None:
    if not getattr(crawler, _ATTR + "_left_alone", False):  # once, not per component
        setattr(crawler, _ATTR + "_left_alone", True)
        logger.info("ARCHIVE_OPEN is off: the archive is left alone (nothing is written)")


def open_archive(settings: BaseSettings, run_id: str) -> Archive:
    """Take the lock on ARCHIVE_DIR, then open the stores switched on; `archive_of` keeps it."""
    root = Path(settings.get("ARCHIVE_DIR", defaults.ARCHIVE_DIR))
    gzip_level = _warc_gzip_level(settings)  # refused before the lock is taken
    started_at = utc_now_iso()
    lock = ArchiveLock(root)
    holder = {"run_id": run_id, "pid": os.getpid(), "since": started_at}
    wait = settings.getfloat("STATE_LOCK_WAIT", defaults.STATE_LOCK_WAIT)
    try:
        lock.acquire(wait, holder, shared=shared_redis_url(settings))  # workers share it
    except OSError as exc:  # the lock file is the first thing written under ARCHIVE_DIR
        reason = "it is a file" if root.is_file() else exc.strerror or str(exc)
        where = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(root) else ""
        raise ArchiveDirError(
            f"ARCHIVE_DIR={root} cannot be created or written: {reason}{where}"
        ) from exc
    archive = Archive(root, run_id, started_at, lock)
    try:
        archive.state = _open_state(settings, root)
        archive.dedup = _open_dedup(settings, root)
        archive.warc = _open_warc(settings, root, run_id, gzip_level, archive.state)
        archive.records = _open_records(settings, root, run_id)
    except BaseException:
        archive.abandon()
        raise
    return archive


def _open_state(settings: BaseSettings, root: Path) -> CrawlState | None:
    if not settings.getbool("STATE_ENABLED", defaults.STATE_ENABLED):
        return None
    every = settings.getint("STATE_COMMIT_EVERY", defaults.STATE_COMMIT_EVERY)
    path = root / settings.get("STATE_FILE", defaults.STATE_FILE)
    if (shared := shared_redis(settings)) is not None:  # distributed: docs/DISTRIBUTED.md
        return SharedCrawlState(path, *shared, commit_every=every)
    return CrawlState(path, commit_every=every)


def _open_dedup(settings: BaseSettings, root: Path) -> DedupIndex | None:
    if not settings.getbool("DEDUP_ENABLED", defaults.DEDUP_ENABLED):
        return None
    path = root / settings.get("DEDUP_FILE", defaults.DEDUP_FILE)
    options: dict[str, Any] = {
        "threshold": settings.getfloat("DEDUP_THRESHOLD", defaults.DEDUP_THRESHOLD),
        "num_perm": settings.getint("DEDUP_NUM_PERM", defaults.DEDUP_NUM_PERM),
        "shingle": settings.getint("DEDUP_SHINGLE", defaults.DEDUP_SHINGLE),
        "commit_every": settings.getint("DEDUP_COMMIT_EVERY", defaults.DEDUP_COMMIT_EVERY),
    }
    if (shared := shared_redis(settings)) is not None:
        return SharedDedupIndex(path, *shared, **options)
    return DedupIndex(path, **options)


def shared_redis_url(settings: BaseSettings) -> bool:
    """Distributed with a shared state: workers may share one ARCHIVE_DIR (their own files)."""
    enabled = settings.getbool("SHARED_STATE_ENABLED", defaults.SHARED_STATE_ENABLED)
    return bool(settings.get("REDIS_URL")) and enabled


def shared_redis(settings: BaseSettings) -> tuple[Any, str] | None:
    """The Redis client and key prefix of the shared crawl state and dedup index (REDIS_URL set
    and SHARED_STATE_ENABLED on), else None."""
    url = settings.get("REDIS_URL")
    if not url or not settings.getbool("SHARED_STATE_ENABLED", defaults.SHARED_STATE_ENABLED):
        return None
    prefix = settings.get("SHARED_STATE_KEY", defaults.SHARED_STATE_KEY)
    return redis_client(settings), prefix


def _open_warc(
    settings: BaseSettings, root: Path, run_id: str, gzip_level: int, state: CrawlState | None
) -> WarcWriter | None:
    if not settings.getbool("WARC_ENABLED", defaults.WARC_ENABLED):
        return None
    max_bytes = settings.getint("WARC_MAX_BYTES", defaults.WARC_MAX_BYTES)
    return WarcWriter(
        root, run_id, max_bytes=max_bytes, gzip_level=gzip_level, captures=state,
        info=warcinfo_fields(settings, run_id),
    )  # fmt: skip


def warcinfo_fields(settings: BaseSettings, run_id: str) -> dict[str, str]:
    """What the warcinfo record opening each WARC file says about the crawl."""
    return {
        "software": f"govnews-archive/{_version('govnews-archive')} "
        f"(Scrapy/{_version('scrapy')}; warcio/{_version('warcio')})",
        "isPartOf": run_id,
        "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
        "http-header-user-agent": str(settings.get("USER_AGENT") or ""),
        "settings": json.dumps(
            {name: settings.get(name) for name in _WARCINFO_SETTINGS}, default=str, sort_keys=True
        ),
    }


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "unknown"


def _open_records(settings: BaseSettings, root: Path, run_id: str) -> RecordWriter | None:
    if not settings.getbool("ARCHIVE_ENABLED", defaults.ARCHIVE_ENABLED):
        return None
    fsync = settings.getbool("ARCHIVE_FSYNC", defaults.ARCHIVE_FSYNC)
    seconds = settings.getfloat("ARCHIVE_FSYNC_SECONDS", defaults.ARCHIVE_FSYNC_SECONDS)
    return RecordWriter(root, run_id, fsync=fsync, fsync_seconds=seconds)


def _warc_gzip_level(settings: BaseSettings) -> int:
    level = settings.getint("WARC_GZIP_LEVEL", defaults.WARC_GZIP_LEVEL)
    if not 0 <= level <= isal_zlib.ISAL_BEST_COMPRESSION:
        raise ValueError(f"WARC_GZIP_LEVEL is an ISA-L level, 0 to 3, not {level}")
    return level


class ArchiveOwner:
    """Opens the crawl's archive before any other component; keeps the run log."""

    def __init__(self, crawler: Crawler, archive: Archive) -> None:
        self.crawler = crawler
        self.archive = archive

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveOwner:
        owner = cls(crawler, archive_of(crawler))
        crawler.signals.connect(owner.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(owner.spider_closed, signal=signals.spider_closed)
        return owner

    def spider_opened(self) -> None:
        archive = self.archive
        if archive.state is not None:
            archive.state.start_run(archive.run_id, archive.started_at)
        logger.info("Run %s on archive %s", archive.run_id, archive.root)

    def spider_closed(self, reason: str) -> None:
        archive = self.archive
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        finished_at = utc_now_iso()
        counts = run_counts(stats)
        if archive.state is not None:
            archive.state.finish_run(archive.run_id, finished_at, reason, counts)
        append_run(archive.root, {"run_id": archive.run_id, "started_at": archive.started_at,
                                  "finished_at": finished_at, "finish_reason": reason,
                                  "counts": counts})  # fmt: skip
        logger.info("Run %s %s: %s", archive.run_id, reason, json.dumps(counts, sort_keys=True))


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
