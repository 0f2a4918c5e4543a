"""Crawl state between runs: one SQLite database (WAL) under ARCHIVE_DIR.

Tables (all lookups go through on-disk indexes; nothing is loaded wholesale into memory):
- `articles`: latest archived version per article id (sha1 of the canonical URL) with its
  content hash and HTTP validators (ETag / Last-Modified) for conditional GETs.
- `versions`: every archived version_id, so state and JSONL archive can be compared.
- `list_pages`: validators of list pages, only from runs that finished (a killed run's list
  pages must be parsed again, or the articles it had not reached yet would never be found).
- `list_pages_pending`: validators seen by the current run, promoted when it finishes.
- `captures`: payload digest and WARC pointer of the last full capture per URL (revisits).
- `runs`: one row per run (start, end, finish reason, counts).
- `reconciled`: how far each JSONL file of the archive has been read back into state.
- `frontier`: the durable frontier, every request of the crawl not settled yet: `pending`
  (scheduled, no answer yet: a killed run's, or one that never came back), `retry` (failed for
  a reason that may pass, retried by a later run once `retry_at` is reached) or `failed` (for
  good: a 404, robots.txt, the retry budget spent), each with its attempts and last reason.
  A settled request (read, archived, unchanged) leaves the table, which so holds only what
  is left to do and what went wrong.

One `CrawlState` per crawl, opened by the archive's owner (`crawler.components.archive`) and
handed to every component that needs it: one SQLite connection, so no component holding a batch of
uncommitted writes locks the others out (SQLite has one writer at a time). Writes are committed
every `commit_every` writes and on close; a run killed in between loses nothing that matters:
archived versions are read back from the JSONL archive (`reconcile`), and validators or capture
digests missed only cost a full fetch or capture next time.

The incremental middleware looks an article up when it requests it and the version pipeline
when its item comes back: the state keeps the last `_RECENT_ARTICLES` lookups, and every write to
an article through it drops that article's entry (the archive lock keeps other processes from
writing meanwhile), so the second lookup costs no query.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from crawler.page.record import canonical_url, utc_now_iso
from crawler.store.records import archived_lines, record_files
from crawler.store.sqlite import connect_wal

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, url TEXT NOT NULL, version INTEGER NOT NULL,
    version_id TEXT NOT NULL, content_sha1 TEXT NOT NULL, etag TEXT, last_modified TEXT,
    archived_at TEXT, run_id TEXT);
CREATE TABLE IF NOT EXISTS versions (
    version_id TEXT PRIMARY KEY, id TEXT NOT NULL, version INTEGER NOT NULL,
    content_sha1 TEXT NOT NULL, run_id TEXT);
CREATE TABLE IF NOT EXISTS list_pages (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, run_id TEXT);
CREATE TABLE IF NOT EXISTS list_pages_pending (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, run_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS captures (
    url TEXT PRIMARY KEY, payload_digest TEXT NOT NULL, warc_record_id TEXT NOT NULL,
    warc_date TEXT NOT NULL, file TEXT NOT NULL, "offset" INTEGER NOT NULL,
    length INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY, started_at TEXT, finished_at TEXT, finish_reason TEXT,
    counts TEXT);
CREATE TABLE IF NOT EXISTS reconciled (file TEXT PRIMARY KEY, "offset" INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS frontier (
    url TEXT PRIMARY KEY, status TEXT NOT NULL, request TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, reason TEXT, retry_at REAL, run_id TEXT);
"""

# a scheduled request is pending again, whatever an earlier run made of it (attempts are kept)
_FRONTIER_ADD = """
INSERT INTO frontier (url, status, request, run_id) VALUES (?, 'pending', ?, ?)
ON CONFLICT(url) DO UPDATE SET status = 'pending', request = excluded.request,
    run_id = excluded.run_id
"""
# one more failed attempt: retried after `backoff * (2 ** (attempts - 1) - 1)` seconds (the first
# failure by the next run, then after backoff, 3 x backoff, 7 x backoff ...) while the reason may
# pass and the budget lasts; `attempts` on the right-hand side is the count before this one
_FRONTIER_FAILED = """
UPDATE frontier SET attempts = attempts + 1, reason = :reason,
    status = CASE WHEN :transient AND attempts + 1 < :max_attempts THEN 'retry' ELSE 'failed' END,
    retry_at = :now + :backoff * ((1 << attempts) - 1)
WHERE url = :url
"""
FRONTIER_STATUSES = ("pending", "retry", "failed")
_FRONTIER_PAGE = 1000  # rows read at a time when the due requests are listed

_UPSERT_ARTICLE = """
INSERT INTO articles (id, url, version, version_id, content_sha1, etag, last_modified,
                      archived_at, run_id)
VALUES (:id, :url, :version, :version_id, :content_sha1, :etag, :last_modified,
        :archived_at, :run_id)
ON CONFLICT(id) DO UPDATE SET
    url = excluded.url, version = excluded.version, version_id = excluded.version_id,
    content_sha1 = excluded.content_sha1, etag = excluded.etag,
    last_modified = excluded.last_modified, archived_at = excluded.archived_at,
    run_id = excluded.run_id
WHERE excluded.version >= articles.version
"""

_INSERT_VERSION = """
INSERT OR IGNORE INTO versions (version_id, id, version, content_sha1, run_id)
VALUES (:version_id, :id, :version, :content_sha1, :run_id)
"""

_UPDATE_VALIDATORS = "UPDATE articles SET etag = ?, last_modified = ? WHERE id = ?"

_SAVE_CAPTURE = """
INSERT OR REPLACE INTO captures (url, payload_digest, warc_record_id, warc_date, file, "offset",
                                 length)
VALUES (?, ?, ?, ?, ?, ?, ?)
"""

_BATCH = 1000  # reconcile commits every this many lines
# a record line's version_id, found without parsing the line: a quote inside a JSON string is
# escaped, so `"version_id":` can only be the key
_VERSION_ID = re.compile(rb'"version_id":\s*"([0-9a-f]{40}-v\d+)"')
_SHA1_HEX = re.compile(r"[0-9a-f]{40}")
_RECENT_ARTICLES = 4096  # article lookups the state remembers (see the module docstring)


@lru_cache(maxsize=4096)
def _canonical(url: str) -> str:
    """`canonical_url`, remembered: an article's URL is canonicalized when it is requested,
    when its id is computed and when its version is recorded."""
    return canonical_url(url)


@dataclass(frozen=True)
class ArchivedArticle:
    id: str
    url: str
    version: int
    version_id: str
    content_sha1: str
    etag: str | None
    last_modified: str | None
    archived_at: str | None


@dataclass(frozen=True)
class Validators:
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class Capture:
    payload_digest: str
    warc_record_id: str
    warc_date: str
    file: str
    offset: int
    length: int

    def pointer(self) -> dict[str, Any]:
        return {"file": self.file, "offset": self.offset, "length": self.length}


@dataclass(frozen=True)
class FrontierEntry:
    url: str  # as requested
    request: str  # what re-makes the request (JSON of the component's own making)
    status: str  # one of FRONTIER_STATUSES
    attempts: int  # runs in which it failed
    reason: str | None  # why it failed last


@dataclass
class ReconcileResult:
    lines: int = 0  # complete lines read
    added: int = 0  # versions that were in the archive but not in state
    unparsable: int = 0  # lines that are not a JSON record (reported, skipped)


class CrawlState:
    """The connection to the state database; close it (or use it as a context manager)."""

    def __init__(self, path: str | Path, *, commit_every: int = 1) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = connect_wal(self.path)
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)
        self.db.commit()
        self.commit_every = max(commit_every, 1)
        self._pending = 0  # writes not committed yet
        # the latest lookups by article id (None: not archived), oldest first
        self._recent: dict[str, ArchivedArticle | None] = {}
        self._closed = False

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.commit()
        self.db.close()

    def commit(self) -> None:
        self.db.commit()
        self._pending = 0

    def _wrote(self) -> None:
        """Count a write; commit once `commit_every` are pending."""
        self._pending += 1
        if self._pending >= self.commit_every:
            self.commit()

    def _remember(self, article_id: str, article: ArchivedArticle | None) -> None:
        if len(self._recent) >= _RECENT_ARTICLES:
            del self._recent[next(iter(self._recent))]
        self._recent[article_id] = article

    def __enter__(self) -> CrawlState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- articles ---
    def article(self, url_or_id: str) -> ArchivedArticle | None:
        article_id = url_or_id if _is_sha1(url_or_id) else _record_id(url_or_id)
        recent = self._recent
        if article_id in recent:
            return recent[article_id]
        row = self.db.execute(
            "SELECT id, url, version, version_id, content_sha1, etag, last_modified, archived_at"
            " FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        article = ArchivedArticle(*row) if row else None
        self._remember(article_id, article)
        return article

    def record_version(self, rec: dict[str, Any], *, commit: bool = True) -> bool:
        """Remember an archived record; True when its version was not known yet."""
        params = _version_params(rec)
        added = self.db.execute(_INSERT_VERSION, params).rowcount > 0
        self.db.execute(_UPSERT_ARTICLE, params)
        self._recent.pop(params["id"], None)
        if commit:
            self._wrote()
        return added

    def record_archived(self, rec: dict[str, Any], recorded: Callable[[], None]) -> None:
        """`record_version` for a record the archive just wrote; `recorded` is called if its
        version was not known yet. A shared store may send it with its next call."""
        if self.record_version(rec):
            recorded()

    def update_validators(
        self, article_id: str, etag: str | None, last_modified: str | None
    ) -> None:
        """An unchanged article came back with new validators: keep them for the next run."""
        self.db.execute(_UPDATE_VALIDATORS, (etag, last_modified, article_id))
        self._recent.pop(article_id, None)
        self._wrote()

    def count_versions(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM versions").fetchone()[0])

    def count_articles(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    # --- list pages ---
    def list_validators(self, page_key: str) -> Validators | None:
        """Validators of a list page by its key (`crawler.components.incremental.page_key`)."""
        page = self.list_page(page_key)
        return page if page is not None and (page.etag or page.last_modified) else None

    def list_page(self, page_key: str) -> Validators | None:
        """A list page a finished run read, with the validators it gave (both may be None);
        None for a page no finished run read as a list."""
        row = self.db.execute(
            "SELECT etag, last_modified FROM list_pages WHERE url = ?", (page_key,)
        ).fetchone()
        return Validators(*row) if row else None

    def save_list_page(
        self, page_key: str, etag: str | None, last_modified: str | None, run_id: str
    ) -> None:
        """Pending until `confirm_list_pages(run_id)`: only a finished run's pages are trusted."""
        self.db.execute(
            "INSERT OR REPLACE INTO list_pages_pending (url, etag, last_modified, run_id)"
            " VALUES (?, ?, ?, ?)",
            (page_key, etag, last_modified, run_id),
        )
        self._wrote()

    def confirm_list_pages(self, run_id: str) -> int:
        cur = self.db.execute(
            "INSERT OR REPLACE INTO list_pages (url, etag, last_modified, run_id)"
            " SELECT url, etag, last_modified, run_id FROM list_pages_pending WHERE run_id = ?",
            (run_id,),
        )
        self.db.execute("DELETE FROM list_pages_pending WHERE run_id = ?", (run_id,))
        self.commit()
        return cur.rowcount

    def forget_pending_list_pages(self, except_run_id: str) -> None:
        """Pending rows of runs that never finished (killed) are of no use."""
        self.db.execute("DELETE FROM list_pages_pending WHERE run_id != ?", (except_run_id,))
        self.commit()

    # --- the durable frontier ---
    def frontier_add(self, url: str, request: str, run_id: str) -> None:
        """A request scheduled: pending until settled."""
        self.db.execute(_FRONTIER_ADD, (url, request, run_id))
        self._wrote()

    def frontier_done(self, url: str) -> None:
        """Settled: answered and archived, unchanged or read."""
        self.db.execute("DELETE FROM frontier WHERE url = ?", (url,))
        self._wrote()

    def frontier_read(self, url: str) -> None:
        """Answered and read, unless it was settled otherwise meanwhile (failed, or an item
        that the pipelines settle)."""
        self.db.execute("DELETE FROM frontier WHERE url = ? AND status = 'pending'", (url,))
        self._wrote()

    def frontier_failed(
        self, url: str, reason: str, *, transient: bool, now: float, backoff: float,
        max_attempts: int,
    ) -> None:  # fmt: skip
        """One more failed attempt: `retry` when the reason may pass and attempts are left,
        else `failed` for good."""
        params = {"url": url, "reason": reason, "transient": transient, "now": now,
                  "backoff": backoff, "max_attempts": max_attempts}  # fmt: skip
        self.db.execute(_FRONTIER_FAILED, params)
        self._wrote()

    def frontier_due(self, now: float, run_id: str) -> Iterator[FrontierEntry]:
        """Requests earlier runs left pending (no answer) and failed ones due for a retry, in
        the order they were first scheduled; `run_id`'s own are not. Read a page at a time, so
        the caller may write to the frontier meanwhile."""
        last = 0
        while True:
            rows = self.db.execute(
                "SELECT rowid, url, request, status, attempts, reason FROM frontier"
                " WHERE rowid > ? AND run_id IS NOT ?"
                " AND (status = 'pending' OR (status = 'retry' AND retry_at <= ?))"
                " ORDER BY rowid LIMIT ?",
                (last, run_id, now, _FRONTIER_PAGE),
            ).fetchall()
            for row in rows:
                yield FrontierEntry(*row[1:])
            if len(rows) < _FRONTIER_PAGE:
                return
            last = rows[-1][0]

    def frontier_entry(self, url: str) -> FrontierEntry | None:
        row = self.db.execute(
            "SELECT url, request, status, attempts, reason FROM frontier WHERE url = ?", (url,)
        ).fetchone()
        return FrontierEntry(*row) if row else None

    def frontier_counts(self) -> dict[str, int]:
        """Requests left per status (every status present, 0 when none)."""
        counts = dict.fromkeys(FRONTIER_STATUSES, 0)
        for status, count in self.db.execute(
            "SELECT status, count(*) FROM frontier GROUP BY status"
        ):
            counts[status] = int(count)
        return counts

    # --- WARC captures ---
    def capture(self, url: str) -> Capture | None:
        row = self.db.execute(
            'SELECT payload_digest, warc_record_id, warc_date, file, "offset", length'
            " FROM captures WHERE url = ?",
            (url,),
        ).fetchone()
        return Capture(*row) if row else None

    def save_capture(self, url: str, capture: Capture) -> None:
        self.db.execute(_SAVE_CAPTURE, _capture_params(url, capture))
        self._wrote()

    # --- runs ---
    def start_run(self, run_id: str, started_at: str) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO runs (run_id, started_at) VALUES (?, ?)", (run_id, started_at)
        )
        self.commit()

    def finish_run(
        self, run_id: str, finished_at: str, reason: str, counts: dict[str, Any]
    ) -> None:
        self.db.execute(
            "UPDATE runs SET finished_at = ?, finish_reason = ?, counts = ? WHERE run_id = ?",
            (finished_at, reason, json.dumps(counts, sort_keys=True), run_id),
        )
        self.commit()

    def last_run(self) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT run_id, started_at, finished_at, finish_reason, counts FROM runs"
            " ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        keys = ("run_id", "started_at", "finished_at", "finish_reason", "counts")
        run = dict(zip(keys, row, strict=True))
        run["counts"] = json.loads(run["counts"]) if run["counts"] else None
        return run

    # --- reconciliation with the JSONL archive ---
    def reconcile(self, archive_dir: str | Path) -> ReconcileResult:
        """Read back archive lines state does not know yet (a crash between the archive's
        write and state's), from where the previous reconciliation stopped in each file."""
        result = ReconcileResult()
        root = Path(archive_dir)
        for path in record_files(root):
            self._reconcile_file(path, path.relative_to(root).as_posix(), result)
        self.commit()
        return result

    def _reconcile_file(self, path: Path, rel: str, result: ReconcileResult) -> None:
        row = self.db.execute('SELECT "offset" FROM reconciled WHERE file = ?', (rel,)).fetchone()
        offset = int(row[0]) if row else 0
        size = path.stat().st_size
        if size < offset:  # the file was replaced: read it again from the start
            offset = 0
        if size == offset:
            return
        for line, end in archived_lines(path, offset):
            offset = end
            self._reconcile_line(line, result)
            if result.lines % _BATCH == 0:
                self._save_offset(rel, offset)
                self.commit()
        self._save_offset(rel, offset)

    def _reconcile_line(self, line: bytes, result: ReconcileResult) -> None:
        result.lines += 1
        known = _VERSION_ID.search(line)
        if known and self._has_version(known.group(1).decode("ascii")):
            return  # recorded when it was archived: no need to parse it
        try:
            rec = json.loads(line)
            added = self.record_version(rec, commit=False)
        except (ValueError, KeyError, TypeError):
            result.unparsable += 1
            return
        result.added += int(added)

    def _has_version(self, version_id: str) -> bool:
        row = self.db.execute("SELECT 1 FROM versions WHERE version_id = ?", (version_id,))
        return row.fetchone() is not None

    def _save_offset(self, rel: str, offset: int) -> None:
        self.db.execute(
            'INSERT OR REPLACE INTO reconciled (file, "offset") VALUES (?, ?)', (rel, offset)
        )


def _version_params(rec: dict[str, Any]) -> dict[str, Any]:
    """The row values of an archived record's version (`_INSERT_VERSION`, `_UPSERT_ARTICLE`)."""
    http = rec.get("http") or {}
    return {
        "id": rec["id"],
        "url": _canonical(rec["url"]),
        "version": int(rec.get("version") or 1),
        "version_id": rec["version_id"],
        "content_sha1": rec["content_sha1"],
        "etag": http.get("etag"),
        "last_modified": http.get("last_modified"),
        "archived_at": rec.get("fetched_at") or utc_now_iso(),
        "run_id": rec.get("run_id"),
    }


def _capture_params(url: str, capture: Capture) -> tuple[Any, ...]:
    return (url, capture.payload_digest, capture.warc_record_id, capture.warc_date,
            capture.file, capture.offset, capture.length)  # fmt: skip


def _is_sha1(value: str) -> bool:
    return _SHA1_HEX.fullmatch(value) is not None


def _record_id(url: str) -> str:
    """`crawler.page.record.record_id`, through the remembered canonical URL."""
    return hashlib.sha1(_canonical(url).encode("utf-8")).hexdigest()
