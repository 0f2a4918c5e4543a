"""Exact and near-duplicate detection over article texts, with the index in SQLite.

Pure (no Scrapy): `DedupIndex(path).check_and_add(doc_id, text)` answers whether an earlier
document had the same text (exact: `crawler.record.content_sha1`) or nearly the same text
(datasketch `MinHash` over character shingles of the comparison key, Jaccard >= threshold).

Near-duplicate candidates come from LSH banding: the signature is cut into `bands` bands of
`rows` values; each band's hash is a bucket row in SQLite (indexed), so two documents are
compared only when they share a bucket, and memory stays flat however large the index grows.
Every document points at the root of its group (the first document seen), so a chain of
republications all point at the original. A document is never a duplicate of itself (a new
version of the same URL has the same `doc_id`).
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from datasketch import MinHash

from crawler.record import content_sha1, text_key

EXACT = "exact"
NEAR = "near"
_SCHEME = "affine32"  # datasketch's default; stored signatures must be read back with it

_SCHEMA = """
CREATE TABLE IF NOT EXISTS dedup_docs (
    doc_id TEXT PRIMARY KEY, root_id TEXT NOT NULL, content_sha1 TEXT NOT NULL,
    signature BLOB);
CREATE INDEX IF NOT EXISTS dedup_docs_sha1 ON dedup_docs (content_sha1);
CREATE TABLE IF NOT EXISTS dedup_buckets (
    band INTEGER NOT NULL, bucket INTEGER NOT NULL, doc_id TEXT NOT NULL,
    PRIMARY KEY (band, bucket, doc_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dedup_params (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class Match:
    kind: str  # EXACT or NEAR
    of: str  # root document id
    similarity: float


def shingles(text: str, size: int) -> list[bytes]:
    """Character shingles of the comparison key (NFKC, no whitespace), as UTF-8 bytes."""
    key = text_key(text)
    if len(key) <= size:
        return [key.encode("utf-8")] if key else []
    return list({key[i : i + size].encode("utf-8") for i in range(len(key) - size + 1)})


def signature(text: str, num_perm: int, size: int) -> np.ndarray:
    minhash = MinHash(num_perm=num_perm, scheme=_SCHEME)
    minhash.update_batch(shingles(text, size))
    return np.asarray(minhash.hashvalues)


@cache
def banding(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) minimising false positives + false negatives around `threshold`,
    the trade-off datasketch's MinHashLSH makes, integrated here with the trapezoid rule."""
    grid = np.linspace(0.0, 1.0, 201)
    below, above = grid <= threshold, grid >= threshold
    best, best_error = (1, num_perm), float("inf")
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            p = 1.0 - (1.0 - grid**rows) ** bands
            error = np.trapezoid(p[below], grid[below]) + np.trapezoid(1 - p[above], grid[above])
            if error < best_error:
                best, best_error = (bands, rows), float(error)
    return best


def band_buckets(sig: np.ndarray, bands: int, rows: int) -> list[tuple[int, int]]:
    """(band, bucket) pairs: a 63-bit hash of each band's values."""
    out = []
    for band in range(bands):
        chunk = sig[band * rows : (band + 1) * rows].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        out.append((band, int.from_bytes(digest, "big") >> 1))
    return out


class DedupIndex:
    """The on-disk index; one connection, close it (or use it as a context manager)."""

    def __init__(
        self, path: str | Path, *, threshold: float = 0.8, num_perm: int = 128, shingle: int = 5
    ) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=60)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)
        self.threshold, self.num_perm, self.shingle = threshold, num_perm, shingle
        self.bands, self.rows = banding(threshold, num_perm)
        self._check_params()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> DedupIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check_and_add(self, doc_id: str, text: str, *, near: bool = True) -> Match | None:
        """The match of `text` among earlier documents (None when original), then index it."""
        sha1 = content_sha1(text)
        match = self._exact(doc_id, sha1)
        sig = signature(text, self.num_perm, self.shingle) if near else None
        if match is None and sig is not None:
            match = self._near(doc_id, sig)
        self._add(doc_id, match.of if match else doc_id, sha1, sig)
        return match

    def __len__(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM dedup_docs").fetchone()[0])

    def _exact(self, doc_id: str, sha1: str) -> Match | None:
        row = self.db.execute(
            "SELECT root_id FROM dedup_docs WHERE content_sha1 = ? AND doc_id != ?"
            " AND root_id != ? ORDER BY rowid LIMIT 1",
            (sha1, doc_id, doc_id),
        ).fetchone()
        return Match(EXACT, row[0], 1.0) if row else None

    def _near(self, doc_id: str, sig: np.ndarray) -> Match | None:
        best: Match | None = None
        for _doc, root_id, blob in self._candidates(doc_id, sig):
            if root_id == doc_id:
                continue  # an earlier copy that points at us: we are its original
            other = np.frombuffer(blob, dtype=sig.dtype)
            similarity = float(np.mean(other == sig))
            if similarity >= self.threshold and (best is None or similarity > best.similarity):
                best = Match(NEAR, root_id, similarity)
        return best

    def _candidates(self, doc_id: str, sig: np.ndarray) -> list[tuple[str, str, bytes]]:
        buckets = band_buckets(sig, self.bands, self.rows)
        where = " OR ".join(["(b.band = ? AND b.bucket = ?)"] * len(buckets))
        params: list[object] = [v for pair in buckets for v in pair]
        rows = self.db.execute(
            "SELECT DISTINCT d.doc_id, d.root_id, d.signature FROM dedup_buckets b"
            f" JOIN dedup_docs d ON d.doc_id = b.doc_id WHERE ({where}) AND d.doc_id != ?"
            " AND d.signature IS NOT NULL",
            [*params, doc_id],
        ).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

    def _add(self, doc_id: str, root_id: str, sha1: str, sig: np.ndarray | None) -> None:
        existing = self.db.execute(
            "SELECT root_id FROM dedup_docs WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        if existing is not None and existing[0] != doc_id and root_id == doc_id:
            root_id = existing[0]  # a new version of a known duplicate stays in its group
        self.db.execute(
            "INSERT OR REPLACE INTO dedup_docs (doc_id, root_id, content_sha1, signature)"
            " VALUES (?, ?, ?, ?)",
            (doc_id, root_id, sha1, sig.tobytes() if sig is not None else None),
        )
        self.db.execute("DELETE FROM dedup_buckets WHERE doc_id = ?", (doc_id,))
        if sig is not None:
            self.db.executemany(
                "INSERT OR IGNORE INTO dedup_buckets (band, bucket, doc_id) VALUES (?, ?, ?)",
                [
                    (band, bucket, doc_id)
                    for band, bucket in band_buckets(sig, self.bands, self.rows)
                ],
            )
        self.db.commit()

    def _check_params(self) -> None:
        """Signatures made with other parameters cannot be compared: refuse to mix them."""
        wanted = {"num_perm": str(self.num_perm), "shingle": str(self.shingle),
                  "bands": str(self.bands), "rows": str(self.rows), "scheme": _SCHEME}  # fmt: skip
        stored = dict(self.db.execute("SELECT key, value FROM dedup_params").fetchall())
        if stored and stored != wanted:
            self.db.close()
            raise ValueError(f"dedup index was built with {stored}, not {wanted}")
        self.db.executemany(
            "INSERT OR IGNORE INTO dedup_params (key, value) VALUES (?, ?)", wanted.items()
        )
        self.db.commit()
