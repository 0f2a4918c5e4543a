"""Archive lock, run log and manifest.

- Lock: `fcntl.flock` on ARCHIVE_DIR/.lock, held by the running crawl. A second run waits up to
  `wait` seconds, then gets `ArchiveLocked`, naming the holder written into the lock file.
- Run log: one JSON line per run appended to ARCHIVE_DIR/runs.ndjson (`append_run`). Not
  `.jsonl`: a reader globbing `ARCHIVE_DIR/**/*.jsonl` gets the records only. The run's full
  stats go to ARCHIVE_DIR/runs/<run_id>.stats.json (`write_run_stats`).
- Manifest: ARCHIVE_DIR/manifest.json lists the record files, WARC files and their CDXJ
  indexes with sizes, record counts (lines; WARC records) and sha256 sums; rewritten (tmp +
  rename) once every store is closed, unchanged files not re-hashed. A WARC file's records are
  counted from its CDXJ index (the warcinfo record that opens the file, then two records,
  response or revisit and request, per line) when the writer closed it, and read back only when
  it did not (a killed run).
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
from typing import Any

from crawler.page.record import utc_now_iso
from crawler.store.records import record_files
from crawler.store.warc import WARC_DIR, iter_warc_records

logger = logging.getLogger(__name__)

LOCK_FILE = ".lock"
RUN_LOG = "runs.ndjson"
RUNS_DIR = "runs"
MANIFEST = "manifest.json"
_LOCK_POLL = 0.2  # seconds between attempts while waiting for the lock


class ArchiveLocked(RuntimeError):
    """Another run holds the archive."""


class ArchiveLock:
    def __init__(self, archive_dir: Path) -> None:
        self.path = archive_dir / LOCK_FILE
        self.fd: int | None = None
        self.shared = False

    def acquire(self, wait: float, holder: dict[str, Any], *, shared: bool = False) -> None:
        """Take the lock, waiting up to `wait` seconds; `holder` is what a refused run reads.
        `shared`: the workers of one distributed crawl hold it together (each writes its own
        files), any other run is kept out as before."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        deadline = time.monotonic() + wait
        self.shared = shared
        while True:
            try:
                fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise ArchiveLocked(self._refusal(wait)) from None
                time.sleep(_LOCK_POLL)
        if not shared:
            os.ftruncate(fd, 0)
            os.write(fd, json.dumps(holder).encode("utf-8"))
        elif os.fstat(fd).st_size == 0:
            os.write(fd, json.dumps({**holder, "shared": True}).encode("utf-8"))
        self.fd = fd

    def last_holder(self) -> bool:
        """Whether no other worker holds the shared lock any more (then this one holds it
        alone, exclusively): the last worker to leave writes the manifest of them all."""
        if self.fd is None:
            return False
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        os.ftruncate(self.fd, 0)
        return True

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
            "(-s STATE_LOCK_WAIT=SECONDS waits longer): refusing to start, so the archive is "
            "not written by two runs"
        )


def lock_holder(archive_dir: Path) -> dict[str, Any] | None:
    """The run holding the archive's lock (what it wrote into the lock file), or None when no
    run holds it. Probed with a shared lock taken and dropped at once, never waited for."""
    try:
        fd = os.open(archive_dir / LOCK_FILE, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            text = os.read(fd, 1 << 16).decode("utf-8", "replace")
            try:
                holder = json.loads(text)
            except ValueError:
                holder = None
            return holder if isinstance(holder, dict) else {"run_id": None, "lock": text}
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


# --- run log ---


def append_run(archive_dir: Path, entry: dict[str, Any]) -> None:
    """One run's line, appended whole to ARCHIVE_DIR/runs.ndjson."""
    line = json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
    fd = os.open(archive_dir / RUN_LOG, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, line.encode("utf-8"))
    finally:
        os.close(fd)


def write_run_stats(archive_dir: Path, run_id: str, stats: dict[str, Any]) -> Path:
    """ARCHIVE_DIR/runs/<run_id>.stats.json, written whole (tmp + rename)."""
    path = archive_dir / RUNS_DIR / f"{run_id}.stats.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(stats, ensure_ascii=False, indent=1, default=str), "utf-8")
    tmp.replace(path)
    return path


# --- manifest ---


def manifest_files(archive_dir: Path) -> list[Path]:
    warcs = sorted((archive_dir / WARC_DIR).glob("*.warc.gz"))
    indexes = sorted((archive_dir / WARC_DIR).glob("*.warc.gz.cdxj"))
    return record_files(archive_dir) + warcs + indexes


def write_manifest(archive_dir: Path) -> dict[str, Any]:
    previous = {entry["path"]: entry for entry in read_manifest(archive_dir).get("files", [])}
    entries = [_manifest_entry(archive_dir, path, previous) for path in manifest_files(archive_dir)]
    manifest = {
        "written_at": utc_now_iso(),
        "files": entries,
        "records": sum(e["records"] for e in entries if e["path"].endswith(".jsonl")),
    }
    path = archive_dir / MANIFEST
    tmp = path.with_suffix(f".{os.getpid()}.tmp")  # workers sharing the archive never share it
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
        return file_digest(path), 1 + 2 * captures
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
