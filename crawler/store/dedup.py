"""Exact and near-duplicate detection over article texts, with the index in SQLite.

Pure (no Scrapy): `DedupIndex(path).check_and_add(doc_id, text)` answers whether an earlier
document had the same text (exact: `crawler.page.record.content_sha1`) or nearly the same text
(datasketch `MinHash` over character shingles of the comparison key, Jaccard >= threshold).

Near-duplicate candidates come from LSH banding: the signature is cut into `bands` bands of
`rows` values; each band's hash is a bucket row in SQLite (indexed), so two documents are
compared only when they share a bucket, and memory stays flat however large the index grows.
Every document points at the root of its group (the first document seen), so a chain of
republications all point at the original. A document is never a duplicate of itself (a new
version of the same URL has the same `doc_id`).

Cost per document is kept to a fraction of a millisecond: shingles are hashed all at once in
numpy (a 64-bit polynomial hash of the code points, folded to 32 bits: stable across processes,
unlike Python's salted `hash()`), the MinHash permutations are drawn once per process as
datasketch draws them, the signature is datasketch's `affine32` MinHash computed on the whole
shingle array at once (`update_batch` goes through a Python list of ints, about 0.08 ms a
document; the tests pin both to the same values), and writes are committed in batches
(`commit_every`) and on close. datasketch itself is not imported by the crawl: its package
imports scipy (about 0.4 s and 40 MB). A run killed between two commits loses nothing:
`reconcile(archive_dir)` reads back the archive lines the index has not seen yet, as the crawl
state does.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from crawler.page.record import content_sha1, text_key
from crawler.store.records import archived_lines, record_files
from crawler.store.sqlite import connect_wal

EXACT = "exact"
NEAR = "near"
# shingles a signature block permutes at once: 16 Ki x 128 permutations x 4 bytes = 8 MB
SIGNATURE_BLOCK = 16_384
_SCHEME = "affine32"  # datasketch's default; stored signatures must be read back with it
_SEED = 1  # datasketch's default seed of the permutations
_SHINGLE_HASH = "poly64-fold32"  # `shingle_hashes`; a stored index made otherwise is rebuilt
_POLY = np.uint64(0x100000001B3)  # the 64-bit FNV prime: an odd multiplier that mixes well
# MurmurHash3's 32-bit finalizer (shift, multiplier, shift, multiplier, shift): datasketch's
# affine32 scheme mixes every input hash with it before the permutations
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35),
           np.uint32(16))  # fmt: skip

_SCHEMA = """
CREATE TABLE IF NOT EXISTS dedup_docs (
    doc_id TEXT PRIMARY KEY, root_id TEXT NOT NULL, content_sha1 TEXT NOT NULL,
    signature BLOB);
CREATE INDEX IF NOT EXISTS dedup_docs_sha1 ON dedup_docs (content_sha1);
CREATE TABLE IF NOT EXISTS dedup_buckets (
    band INTEGER NOT NULL, bucket INTEGER NOT NULL, doc_id TEXT NOT NULL,
    PRIMARY KEY (band, bucket, doc_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dedup_params (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dedup_reconciled (file TEXT PRIMARY KEY, "offset" INTEGER NOT NULL);
"""
_TABLES = ("dedup_docs", "dedup_buckets", "dedup_params", "dedup_reconciled")


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


def shingle_hashes(text: str, size: int) -> np.ndarray:
    """The distinct 32-bit hashes of `shingles(text, size)`, computed in numpy at once."""
    return key_shingle_hashes(text_key(text), size)


def key_shingle_hashes(key: str, size: int) -> np.ndarray:
    """`shingle_hashes` of an already computed comparison key (`text_key`)."""
    return np.unique(_rolling_hashes(key, size))


def _rolling_hashes(key: str, size: int) -> np.ndarray:
    """The 32-bit hash of every shingle of `key`, in order, repeats included."""
    codes = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    count = max(len(codes) - size + 1, 1) if len(codes) else 0
    hashes = codes[:count].copy()
    for j in range(1, min(size, len(codes))):
        hashes *= _POLY
        hashes += codes[j : j + count]
    hashes ^= hashes >> np.uint64(32)
    return hashes.astype(np.uint32)


@cache
def _permutations(num_perm: int) -> np.ndarray:
    """datasketch's affine32 permutations for `num_perm` (its default seed, 1), drawn once, not
    per document, as datasketch draws them: from numpy's RandomState, `a` odd below 2**32 and
    `b` below 2**32 (tests compare them with datasketch's own). Drawn here rather than by
    datasketch: its package imports scipy, 40 MB of a worker's resident memory for nothing."""
    gen = np.random.RandomState(_SEED)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return np.array([a, b])


def fmix32(hashes: np.ndarray) -> np.ndarray:
    """MurmurHash3's finalizer on uint32 values (a bijection; multiplication wraps)."""
    s1, m1, s2, m2, s3 = _FMIX32
    hashes = hashes ^ (hashes >> s1)
    hashes = hashes * m1
    hashes = hashes ^ (hashes >> s2)
    hashes = hashes * m2
    return hashes ^ (hashes >> s3)


def signature(text: str, num_perm: int, size: int) -> np.ndarray:
    """datasketch's affine32 MinHash of the shingle hashes (`hashfunc=int`): the minimum of
    `a * fmix32(h) + b` (mod 2**32) over the shingles, per permutation (a, b)."""
    return key_signature(text_key(text), num_perm, size)


def key_signature(key: str, num_perm: int, size: int) -> np.ndarray:
    """`signature` of an already computed comparison key (`text_key`)."""
    a, b = _permutations(num_perm)
    hashes = fmix32(_rolling_hashes(key, size))  # a minimum needs no de-duplication (no sort)
    result = np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    # Every shingle at once would be 512 bytes a shingle (870 MB for a 5 MB page): the minimum is
    # taken over blocks of SIGNATURE_BLOCK shingles, the same signature in 8 MB. A block is
    # (permutations, shingles), so each permutation's minimum runs along a contiguous row: twice
    # as fast as down the columns of (shingles, permutations)
    b_column = b[:, np.newaxis]
    for start in range(0, len(hashes), SIGNATURE_BLOCK):
        permuted = np.multiply.outer(a, hashes[start : start + SIGNATURE_BLOCK])  # uint32 wraps
        permuted += b_column
        np.minimum(result, permuted.min(axis=1), out=result)
    return result


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
        self, path: str | Path, *, threshold: float = 0.8, num_perm: int = 128, shingle: int = 5,
        commit_every: int = 1,
    ) -> None:  # fmt: skip
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.db = connect_wal(path)
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)
        self.threshold, self.num_perm, self.shingle = threshold, num_perm, shingle
        self.bands, self.rows = banding(threshold, num_perm)
        self.commit_every = max(commit_every, 1)
        self._uncommitted = 0
        self._check_params()

    def close(self) -> None:
        self.db.commit()
        self.db.close()

    def commit(self) -> None:
        self.db.commit()
        self._uncommitted = 0

    def __enter__(self) -> DedupIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check_and_add(self, doc_id: str, text: str, *, near: bool = True) -> Match | None:
        """The match of `text` among earlier documents (None when original), then index it."""
        key = text_key(text)  # `content_sha1` and the shingles both start from it
        sha1 = hashlib.sha1(key.encode("utf-8")).hexdigest()
        match = self._exact(doc_id, sha1)
        sig = key_signature(key, self.num_perm, self.shingle) if near else None
        buckets = band_buckets(sig, self.bands, self.rows) if sig is not None else []
        if match is None and sig is not None:
            match = self._near(doc_id, sig, buckets)
        self._add(doc_id, match.of if match else doc_id, sha1, sig, buckets)
        return match

    def reconcile(self, archive_dir: str | Path, *, near: bool = True) -> int:
        """Index archived records the index does not know (a run killed between two commits,
        or an index rebuilt), keeping the archive's own `duplicate_of`; the number added."""
        added = 0
        root = Path(archive_dir)
        for path in record_files(root):
            added += self._reconcile_file(path, path.relative_to(root).as_posix(), near)
        self.commit()
        return added

    def mark_reconciled(self, archive_dir: str | Path) -> None:
        """Every record file as read up to its end: call it once this run's documents are
        committed (everything the archive holds went through `check_and_add` or `reconcile`)."""
        root = Path(archive_dir)
        self.db.executemany(
            'INSERT OR REPLACE INTO dedup_reconciled (file, "offset") VALUES (?, ?)',
            [(p.relative_to(root).as_posix(), p.stat().st_size) for p in record_files(root)],
        )
        self.commit()

    def _reconcile_file(self, path: Path, rel: str, near: bool) -> int:
        row = self.db.execute(
            'SELECT "offset" FROM dedup_reconciled WHERE file = ?', (rel,)
        ).fetchone()
        offset = int(row[0]) if row and row[0] <= path.stat().st_size else 0
        added = 0
        for line, end in archived_lines(path, offset):
            added += self._reconcile_line(line, near)
            offset = end
        self.db.execute(
            'INSERT OR REPLACE INTO dedup_reconciled (file, "offset") VALUES (?, ?)', (rel, offset)
        )
        return added

    def _reconcile_line(self, line: bytes, near: bool) -> int:
        try:
            rec = json.loads(line)
            doc_id, text = rec["id"], rec.get("text") or ""
        except (ValueError, KeyError, TypeError):
            return 0  # not a record: `crawler verify` reports it
        known = self.db.execute("SELECT 1 FROM dedup_docs WHERE doc_id = ?", (doc_id,)).fetchone()
        if not text or known:
            return 0
        sig = signature(text, self.num_perm, self.shingle) if near else None
        buckets = band_buckets(sig, self.bands, self.rows) if sig is not None else []
        self._add(doc_id, rec.get("duplicate_of") or doc_id, content_sha1(text), sig, buckets)
        return 1

    def __len__(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM dedup_docs").fetchone()[0])

    def _exact(self, doc_id: str, sha1: str) -> Match | None:
        row = self.db.execute(
            "SELECT root_id FROM dedup_docs WHERE content_sha1 = ? AND doc_id != ?"
            " AND root_id != ? ORDER BY rowid LIMIT 1",
            (sha1, doc_id, doc_id),
        ).fetchone()
        return Match(EXACT, row[0], 1.0) if row else None

    def _near(self, doc_id: str, sig: np.ndarray, buckets: list[tuple[int, int]]) -> Match | None:
        best: Match | None = None
        for _doc, root_id, blob in self._candidates(doc_id, buckets):
            if root_id == doc_id:
                continue  # an earlier copy that points at us: we are its original
            other = np.frombuffer(blob, dtype=sig.dtype)
            similarity = float(np.mean(other == sig))
            if similarity >= self.threshold and (best is None or similarity > best.similarity):
                best = Match(NEAR, root_id, similarity)
        return best

    def _candidates(
        self, doc_id: str, buckets: list[tuple[int, int]]
    ) -> list[tuple[str, str, bytes]]:
        """Documents sharing a bucket: the bucket rows first, by primary key, and the documents
        only when there are any (most documents share none; a join with DISTINCT over the
        bands cost three times as much for them)."""
        where = " OR ".join(["(band = ? AND bucket = ?)"] * len(buckets))
        params = [v for pair in buckets for v in pair]
        sql = f"SELECT doc_id FROM dedup_buckets WHERE {where}"
        others = {row[0] for row in self.db.execute(sql, params)} - {doc_id}
        if not others:
            return []
        rows = self.db.execute(
            "SELECT doc_id, root_id, signature FROM dedup_docs"
            f" WHERE doc_id IN ({', '.join('?' * len(others))}) AND signature IS NOT NULL"
            " ORDER BY rowid",
            sorted(others),
        ).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

    def _add(
        self, doc_id: str, root_id: str, sha1: str, sig: np.ndarray | None,
        buckets: list[tuple[int, int]],
    ) -> None:  # fmt: skip
        """Index a document; `buckets` are its signature's (`band_buckets`), [] without one."""
        existing = self.db.execute(
            "SELECT root_id, signature FROM dedup_docs WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        if existing is not None:
            if existing[0] != doc_id and root_id == doc_id:
                root_id = existing[0]  # a new version of a known duplicate stays in its group
            self._delete_buckets(doc_id, existing[1])
        self.db.execute(
            "INSERT OR REPLACE INTO dedup_docs (doc_id, root_id, content_sha1, signature)"
            " VALUES (?, ?, ?, ?)",
            (doc_id, root_id, sha1, sig.tobytes() if sig is not None else None),
        )
        if buckets:
            self.db.executemany(
                "INSERT OR IGNORE INTO dedup_buckets (band, bucket, doc_id) VALUES (?, ?, ?)",
                [(band, bucket, doc_id) for band, bucket in buckets],
            )
        self._uncommitted += 1
        if self._uncommitted >= self.commit_every:
            self.commit()

    def _delete_buckets(self, doc_id: str, old_signature: bytes | None) -> None:
        """The bucket rows of a document's previous signature, by their primary key (the
        table has no index on doc_id alone: a scan per document would grow with the index)."""
        if old_signature is None:
            return
        old = np.frombuffer(old_signature, dtype=np.uint32)
        self.db.executemany(
            "DELETE FROM dedup_buckets WHERE band = ? AND bucket = ? AND doc_id = ?",
            [(band, bucket, doc_id) for band, bucket in band_buckets(old, self.bands, self.rows)],
        )

    def _check_params(self) -> None:
        """Signatures made with other parameters cannot be compared: refuse to mix them. An
        index whose only difference is an older shingle hash is emptied, to be rebuilt from the
        archive by `reconcile`."""
        wanted = {"num_perm": str(self.num_perm), "shingle": str(self.shingle),
                  "bands": str(self.bands), "rows": str(self.rows), "scheme": _SCHEME,
                  "shingle_hash": _SHINGLE_HASH}  # fmt: skip
        stored = dict(self.db.execute("SELECT key, value FROM dedup_params").fetchall())
        if stored and stored.get("shingle_hash") != _SHINGLE_HASH:
            others = {k: v for k, v in wanted.items() if k != "shingle_hash"}
            if {k: v for k, v in stored.items() if k != "shingle_hash"} == others:
                for table in _TABLES:
                    self.db.execute(f"DELETE FROM {table}")  # constant table names
                stored = {}
        if stored and stored != wanted:
            self.db.close()
            raise ValueError(f"dedup index was built with {stored}, not {wanted}")
        self.db.executemany(
            "INSERT OR IGNORE INTO dedup_params (key, value) VALUES (?, ?)", wanted.items()
        )
        self.db.commit()
