"""The record files: ARCHIVE_DIR/records/<partition>/<run_id>.jsonl, one JSON line per record.

Partitions are publication months (`YYYY-MM`, `undated`). Duplicates (`duplicate_of` set) go to
`0-duplicates-<YYYY-MM>/`, which sorts before every month: readers that infer the schema from
the first files only (DuckDB's `read_json_auto` samples 32) would otherwise type `duplicate_of`
as NULL, and read it as null everywhere, when the oldest months hold no duplicate.

`RecordWriter` appends each line with a single `os.write` on an `O_APPEND` descriptor. Once
`write` returns the line is in the kernel's page cache: a killed process (`kill -9`, an
exception) loses nothing. A `kill -9` that lands during a write longer than a page can still cut
it short (Linux checks for fatal signals between pages): `remove_partial_lines`, called when a
run opens the archive (holding its lock), cuts such a partial last line off; `archived_lines`
never yields one. `fsync` only guards against the machine losing power, and costs about a
millisecond a line, so the writer syncs every `fsync_seconds` and on close (`fsync`: after every
line instead).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

RECORDS_DIR = "records"
PUBLICATION_MONTH = re.compile(r"^(\d{4})-(\d{2})")
UNDATED_PARTITION = "undated"
DUPLICATES_PREFIX = "0-duplicates-"  # sorts before "2024-01" and "undated": see above
_OPEN_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0)


def partition_of(item: dict[str, Any]) -> str:
    """`YYYY-MM` of the publication date, or `undated`; prefixed for a duplicate."""
    match = PUBLICATION_MONTH.match(item.get("published_at") or "")
    month = f"{match.group(1)}-{match.group(2)}" if match else UNDATED_PARTITION
    return DUPLICATES_PREFIX + month if item.get("duplicate_of") else month


class RecordWriter:
    """Whole-line appends to `<archive_dir>/records/<partition>/<run_id>.jsonl`."""

    def __init__(
        self, archive_dir: Path, run_id: str, *, fsync: bool = False, fsync_seconds: float = 0.0
    ) -> None:
        self.archive_dir = archive_dir
        self.run_id = run_id
        self.fsync = fsync
        self.fsync_seconds = fsync_seconds
        self._fds: dict[str, int] = {}
        self._dirty: set[int] = set()
        self._synced_at = time.monotonic()

    def append(self, partition: str, line: bytes) -> None:
        """Write one complete line (ending in a newline) to the partition's file."""
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

    def close(self) -> None:
        """Sync what was written since the last sync, close the files."""
        self._sync()
        for fd in self._fds.values():
            os.close(fd)
        self._fds.clear()

    def _sync(self) -> None:
        for fd in self._dirty:
            os.fsync(fd)
        self._dirty.clear()
        self._synced_at = time.monotonic()

    def _open(self, partition: str) -> int:
        directory = self.archive_dir / RECORDS_DIR / partition
        directory.mkdir(parents=True, exist_ok=True)
        return os.open(directory / f"{self.run_id}.jsonl", _OPEN_FLAGS, 0o644)


def record_files(archive_dir: Path) -> list[Path]:
    """Every record file of the archive, sorted."""
    return sorted((archive_dir / RECORDS_DIR).glob("**/*.jsonl"))


def archived_lines(path: Path, offset: int = 0) -> Iterator[tuple[bytes, int]]:
    """The complete lines of a record file from byte `offset` on, each with the offset just
    past it; a partial last line (a writer killed mid-line) is not a record and is left out."""
    with path.open("rb") as fh:
        fh.seek(offset)
        for line in fh:
            if not line.endswith(b"\n"):
                return
            offset += len(line)
            yield line, offset


def remove_partial_lines(archive_dir: Path) -> list[Path]:
    """Cut a partial last line (no newline at the end: its writer was killed mid-write) off
    every record file; the files that had one."""
    cut = []
    for path in sorted((archive_dir / RECORDS_DIR).glob("*/*.jsonl")):
        with path.open("r+b") as fh:
            size = fh.seek(0, os.SEEK_END)
            if size == 0 or _last_byte(fh, size) == b"\n":
                continue
            fh.truncate(_end_of_last_line(fh, size))
        cut.append(path)
    return cut


def _last_byte(fh: BinaryIO, size: int) -> bytes:
    fh.seek(size - 1)
    return fh.read(1)


def _end_of_last_line(fh: BinaryIO, size: int, block: int = 1 << 16) -> int:
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
