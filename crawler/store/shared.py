"""The archive's decisions shared by every worker of a distributed crawl, in Redis.

Workers on several machines (or several processes on one) archive one collection. What decides
"already archived" must be seen by all of them at once, or each re-fetches and re-archives what
another one did (431 records for 300 URLs, measured before): so with REDIS_URL the archive owner
opens these stores instead of the SQLite ones, on the same Redis the request queue lives in.

`SharedCrawlState` (a `CrawlState`): the latest version of every article (version, content hash,
ETag, Last-Modified), the set of archived version ids, the list pages' validators and the durable
frontier live in Redis under `<prefix>:…`; writes that decide something are Lua scripts (one
atomic step, no lost update between workers). The local SQLite file keeps what belongs to this
archive directory only: WARC captures (a revisit record must point at this archive's WARC
files), the run rows, how far the JSONL files were read back, and a copy of the versions this
archive holds (`crawler verify` compares the archive with it). Reconciliation at open reads this
archive's JSONL lines the local copy misses and records them in Redis too.

`SharedDedupIndex` (a `DedupIndex`): the exact-hash and MinHash-LSH index in Redis. One Lua
script per document looks up the exact hash and the LSH buckets and adds the document to them in
the same step: of two near-duplicates processed at the same moment by two workers, the second
script to run sees the first one (with lookups and inserts apart, both could see nothing and be
kept as originals). The candidates' signatures are then compared in Python (Jaccard estimate >=
threshold), as the SQLite index does. Buckets are one Redis hash per band (bucket -> the ids in
it), signatures one hash (id -> 4 * num_perm bytes): about 1 KB of Redis memory per article with
the defaults. The local SQLite file only keeps how far the JSONL files were read back.

Keys: `<prefix>:articles` (hash id -> JSON), `:versions` (set), `:lists` (hash page -> JSON),
`:lists:pending:<run>` (hash, expires), `:frontier` (hash url -> JSON) and `:frontier:due` (zset
url -> when it may be retried: 0 for pending), `:dedup:sha1`, `:dedup:root`, `:dedup:sig`,
`:dedup:band:<n>`. Redis must keep them: run it with persistence (appendonly) for a collection.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from crawler.page.record import text_key
from crawler.store import state as local
from crawler.store.dedup import EXACT, NEAR, DedupIndex, Match, band_buckets, key_signature
from crawler.store.state import (
    FRONTIER_STATUSES,
    ArchivedArticle,
    Capture,
    CrawlState,
    FrontierEntry,
    Validators,
    _is_sha1,
    _record_id,
)

if TYPE_CHECKING:
    from crawler.store.deferring import DeferringRedis

# writes to this archive's SQLite copy held in memory, then applied in one short transaction
_LOCAL_WRITES = 128
PENDING_LIST_TTL = 7 * 24 * 3600  # a run's list validators not confirmed (killed) expire
_DUE_PAGE = 1000

# KEYS articles versions; ARGV id json version version_id -> 1 when the version is new
_UPSERT_ARTICLE = """
local added = redis.call('SADD', KEYS[2], ARGV[4])
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if (not cur) or tonumber(cjson.decode(cur)[2]) <= tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
return added
"""
# KEYS articles; ARGV id etag last_modified (JSON null for none)
_VALIDATORS = """
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if not cur then return 0 end
local a = cjson.decode(cur)
a[5] = cjson.decode(ARGV[2]); a[6] = cjson.decode(ARGV[3])
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(a))
return 1
"""


def frontier_add_lua(frontier: str, due: str, url: str, request: str, run_id: str) -> str:
    """Lua that records a request pending again (its attempts kept), the keys and values given
    as Lua expressions: the distributed scheduler's push does it in the same step."""
    return f"""
local cur = redis.call('HGET', {frontier}, {url})
local e = cur and cjson.decode(cur) or {{a = 0}}
e.s = 'pending'; e.q = {request}; e.run = {run_id}
redis.call('HSET', {frontier}, {url}, cjson.encode(e))
redis.call('ZADD', {due}, 0, {url})
"""


# KEYS frontier due; ARGV url request run_id
_FRONTIER_ADD = frontier_add_lua("KEYS[1]", "KEYS[2]", "ARGV[1]", "ARGV[2]", "ARGV[3]") + "return 1"
# KEYS frontier due; ARGV url only_pending
_FRONTIER_DONE = """
if ARGV[2] == '1' then
  local cur = redis.call('HGET', KEYS[1], ARGV[1])
  if (not cur) or cjson.decode(cur).s ~= 'pending' then return 0 end
end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
"""
# KEYS frontier due; ARGV url reason transient now backoff max_attempts (see state.py's SQL)
_FRONTIER_FAILED = """
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if not cur then return 0 end
local e = cjson.decode(cur)
local before = e.a or 0
e.a = before + 1; e.r = ARGV[2]
if ARGV[3] == '1' and e.a < tonumber(ARGV[6]) then
  e.s = 'retry'; e.t = tonumber(ARGV[4]) + tonumber(ARGV[5]) * (2 ^ before - 1)
  redis.call('ZADD', KEYS[2], e.t, ARGV[1])
else
  e.s = 'failed'; e.t = cjson.null
  redis.call('ZREM', KEYS[2], ARGV[1])
end
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(e))
return 1
"""
# KEYS lists pending; ARGV: -> validators moved
_CONFIRM_LISTS = """
local pending = redis.call('HGETALL', KEYS[2])
for i = 1, #pending, 2 do redis.call('HSET', KEYS[1], pending[i], pending[i + 1]) end
redis.call('DEL', KEYS[2])
return #pending / 2
"""
# KEYS sha1 root sig band_1 .. band_n; ARGV id sha1 signature bucket_1 .. bucket_n
# -> {root of the first document with this exact text ('' when none or ourselves),
#     our root before this call ('' when new), the ids found in our buckets (concatenated)}
_DEDUP_CHECK_ADD = """
local id = ARGV[1]
local first = redis.call('HGET', KEYS[1], ARGV[2])
if not first then redis.call('HSET', KEYS[1], ARGV[2], id) end
local found = {}
for i = 4, #KEYS do
  local bucket = ARGV[i]
  local ids = redis.call('HGET', KEYS[i], bucket) or ''
  if ids ~= '' then table.insert(found, ids) end
  if not string.find(ids, id, 1, true) then redis.call('HSET', KEYS[i], bucket, ids .. id) end
end
if ARGV[3] ~= '' then redis.call('HSET', KEYS[3], id, ARGV[3]) end
local root = redis.call('HGET', KEYS[2], id)
if not root then redis.call('HSET', KEYS[2], id, id) end
local exact = ''
if first and first ~= id then
  exact = redis.call('HGET', KEYS[2], first) or first
  if exact == id then exact = '' end
end
return {exact, root or '', table.concat(found)}
"""


class _Scripts:
    """The Lua scripts, registered once on a client."""

    def __init__(self, client: Any) -> None:
        self.upsert_article = client.register_script(_UPSERT_ARTICLE)
        self.validators = client.register_script(_VALIDATORS)
        self.frontier_add = client.register_script(_FRONTIER_ADD)
        self.frontier_done = client.register_script(_FRONTIER_DONE)
        self.frontier_failed = client.register_script(_FRONTIER_FAILED)
        self.confirm_lists = client.register_script(_CONFIRM_LISTS)
        self.dedup = client.register_script(_DEDUP_CHECK_ADD)


class SharedCrawlState(CrawlState):
    """`CrawlState` whose shared decisions live in Redis (`client`, keys under `prefix`)."""

    def __init__(
        self, path: str | Path, client: DeferringRedis, prefix: str, *, commit_every: int = 1
    ) -> None:
        # several workers may share this archive directory's SQLite file, which has one writer at
        # a time: a worker holding a transaction open across writes would stop the others, and
        # a commit per write cost about 0.1 ms of CPU per article. Its writes are held here and
        # applied in one short transaction every `_LOCAL_WRITES` writes and on commit or close.
        super().__init__(path, commit_every=1)
        self._held: list[tuple[str, Any]] = []  # (statement, parameters), in order
        self._held_captures: dict[str, Capture] = {}  # what `capture` must see meanwhile
        self.client = client
        self.prefix = prefix
        self.scripts = _Scripts(client)
        self._keys = {name: f"{prefix}:{name}" for name in
                      ("articles", "versions", "lists", "frontier", "frontier:due")}  # fmt: skip

    def close(self) -> None:
        self.client.close()  # the settles still deferred are sent first
        super().close()  # the held local writes are applied (`commit`)

    def commit(self) -> None:
        """Apply the held writes to the local copy, in one transaction. A worker killed before
        loses only copies: the versions come back from the JSONL archive at the next open
        (`reconcile`), and a capture missed costs one full capture instead of a revisit."""
        held, self._held = self._held, []
        for statement, params in held:
            self.db.execute(statement, params)
        self._held_captures.clear()
        super().commit()

    def _hold(self, statement: str, params: Any) -> None:
        self._held.append((statement, params))
        if len(self._held) >= _LOCAL_WRITES:
            self.commit()

    # what reads the local copy sees the held writes
    def count_versions(self) -> int:
        self.commit()
        return super().count_versions()

    def count_articles(self) -> int:
        self.commit()
        return super().count_articles()

    def reconcile(self, archive_dir: str | Path) -> local.ReconcileResult:
        self.commit()
        return super().reconcile(archive_dir)

    # --- articles ---
    def article(self, url_or_id: str) -> ArchivedArticle | None:
        article_id = url_or_id if _is_sha1(url_or_id) else _record_id(url_or_id)
        if article_id in self._recent:
            return self._recent[article_id]
        raw = self.client.hget(self._keys["articles"], article_id)
        return self.remember_article(article_id, raw)

    def remember_article(self, article_id: str, raw: bytes | str | None) -> ArchivedArticle | None:
        """The article's row as Redis holds it (None: never archived), remembered: looked up
        when requested (or given with the request's claim) and again when its item comes back
        (a URL is fetched by one worker in a run, so no other archives it in between)."""
        article = ArchivedArticle(article_id, *json.loads(raw)) if raw else None
        self._remember(article_id, article)
        return article

    def article_id(self, url: str) -> str:
        return _record_id(url)

    def articles_key(self) -> str:
        """The hash of every article's latest version (id -> JSON row)."""
        return self._keys["articles"]

    def record_version(self, rec: dict[str, Any], *, commit: bool = True) -> bool:
        """Redis first, then this archive's copy (crawler verify): a version Redis missed (it
        was down) is not in the copy either, so the next reconciliation records it there."""
        keys, args, params = self._upsert(rec)
        added = self.scripts.upsert_article(keys, args)
        self._hold_version(params)
        return bool(added)

    def record_archived(self, rec: dict[str, Any], recorded: Callable[[], None]) -> None:
        """Sent with the worker's next call (within a few ms; every call of this client carries
        it first), this archive's copy once Redis has it. A worker killed before leaves the
        version in its JSONL file only: the next open's reconciliation records it."""
        keys, args, params = self._upsert(rec)

        def answered(added: Any) -> None:
            if isinstance(added, Exception):  # logged by the client; reconciliation retries
                return
            self._hold_version(params)
            if added == 1:
                recorded()

        self.client.later_script(self.scripts.upsert_article, keys, args, answered)

    def _upsert(self, rec: dict[str, Any]) -> tuple[list[str], list[Any], dict[str, Any]]:
        """The upsert script's keys and arguments, and the local copy's row values."""
        params = local._version_params(rec)
        row = [params["url"], params["version"], params["version_id"], params["content_sha1"],
               params["etag"], params["last_modified"], rec.get("fetched_at")]  # fmt: skip
        self._recent.pop(rec["id"], None)
        keys = [self._keys["articles"], self._keys["versions"]]
        args = [rec["id"], json.dumps(row, ensure_ascii=False), params["version"],
                params["version_id"]]  # fmt: skip
        return keys, args, params

    def _hold_version(self, params: dict[str, Any]) -> None:
        self._hold(local._INSERT_VERSION, params)
        self._hold(local._UPSERT_ARTICLE, params)

    def update_validators(
        self, article_id: str, etag: str | None, last_modified: str | None
    ) -> None:
        self._recent.pop(article_id, None)
        self._hold(local._UPDATE_VALIDATORS, (etag, last_modified, article_id))
        self.scripts.validators(
            [self._keys["articles"]], [article_id, json.dumps(etag), json.dumps(last_modified)]
        )

    # --- WARC captures (this archive's own) ---
    def capture(self, url: str) -> Capture | None:
        return self._held_captures.get(url) or super().capture(url)

    def save_capture(self, url: str, capture: Capture) -> None:
        self._held_captures[url] = capture
        self._hold(local._SAVE_CAPTURE, local._capture_params(url, capture))

    def count_shared_articles(self) -> int:
        return int(self.client.hlen(self._keys["articles"]))

    # --- list pages ---
    def list_page(self, page_key: str) -> Validators | None:
        raw = self.client.hget(self._keys["lists"], page_key)
        if not raw:
            return None
        etag, last_modified = json.loads(raw)
        return Validators(etag, last_modified)

    def save_list_page(
        self, page_key: str, etag: str | None, last_modified: str | None, run_id: str
    ) -> None:
        key = f"{self._keys['lists']}:pending:{run_id}"
        with self.client.pipeline() as pipe:
            pipe.hset(key, page_key, json.dumps([etag, last_modified]))
            pipe.expire(key, PENDING_LIST_TTL)
            pipe.execute()

    def confirm_list_pages(self, run_id: str) -> int:
        pending = f"{self._keys['lists']}:pending:{run_id}"
        return int(self.scripts.confirm_lists([self._keys["lists"], pending], []))

    def forget_pending_list_pages(self, except_run_id: str) -> None:
        """Other runs' pending validators expire in Redis (a co-worker's run is live)."""

    # --- the durable frontier ---
    def frontier_add(self, url: str, request: str, run_id: str) -> None:
        self.scripts.frontier_add(self.frontier_keys(), [url, request, run_id])

    # a request is settled with the worker's next call to Redis (within a few ms): a worker
    # killed before leaves it pending, and the next run finds it archived or reads it again
    def frontier_done(self, url: str) -> None:
        self.client.later_script(self.scripts.frontier_done, self.frontier_keys(), [url, 0])

    def frontier_read(self, url: str) -> None:
        self.client.later_script(self.scripts.frontier_done, self.frontier_keys(), [url, 1])

    def frontier_failed(
        self, url: str, reason: str, *, transient: bool, now: float, backoff: float,
        max_attempts: int,
    ) -> None:  # fmt: skip
        self.scripts.frontier_failed(
            self.frontier_keys(), [url, reason, int(transient), now, backoff, max_attempts]
        )

    def frontier_due(self, now: float, run_id: str) -> Iterator[FrontierEntry]:
        """Due entries as they stood when asked (a snapshot of the due set, read a page at a
        time), except `run_id`'s own."""
        snapshot = f"{self._keys['frontier:due']}:snapshot:{run_id}"
        self.client.zrangestore(snapshot, self._keys["frontier:due"], "-inf", now, byscore=True)
        try:
            start = 0
            while urls := cast(
                "list[bytes]", self.client.zrange(snapshot, start, start + _DUE_PAGE - 1)
            ):
                start += len(urls)
                values: list[bytes | str | None] = self.client.hmget(self._keys["frontier"], urls)
                for url, raw in zip(urls, values, strict=True):
                    entry = _frontier_entry(url, raw)
                    if entry is not None and raw and json.loads(raw).get("run") != run_id:
                        yield entry
        finally:
            self.client.delete(snapshot)

    def frontier_entry(self, url: str) -> FrontierEntry | None:
        return _frontier_entry(url, self.client.hget(self._keys["frontier"], url))

    def frontier_counts(self) -> dict[str, int]:
        due = self._keys["frontier:due"]
        with self.client.pipeline() as pipe:
            pipe.zcount(due, 0, 0)
            pipe.zcount(due, "(0", "+inf")
            pipe.zcard(due)
            pipe.hlen(self._keys["frontier"])
            pending, retry, open_, total = pipe.execute()
        counts = dict.fromkeys(FRONTIER_STATUSES, 0)
        counts.update(pending=int(pending), retry=int(retry), failed=int(total) - int(open_))
        return counts

    def frontier_keys(self) -> list[str]:
        """The frontier's keys (entries, due set), for a script that records requests."""
        return [self._keys["frontier"], self._keys["frontier:due"]]


def _frontier_entry(url: bytes | str, raw: bytes | str | None) -> FrontierEntry | None:
    if not raw:
        return None
    entry = json.loads(raw)
    text = url.decode() if isinstance(url, bytes) else url
    return FrontierEntry(text, entry["q"], entry["s"], int(entry.get("a") or 0), entry.get("r"))


class SharedDedupIndex(DedupIndex):
    """`DedupIndex` over Redis (`client`, keys under `prefix`); the SQLite file at `path` only
    keeps how far this archive's JSONL files were read back."""

    def __init__(
        self, path: str | Path, client: DeferringRedis, prefix: str, *, threshold: float = 0.8,
        num_perm: int = 128, shingle: int = 5, commit_every: int = 1,
    ) -> None:  # fmt: skip
        super().__init__(
            path, threshold=threshold, num_perm=num_perm, shingle=shingle,
            commit_every=commit_every,
        )  # fmt: skip
        self.client = client
        self.script = client.register_script(_DEDUP_CHECK_ADD)
        key = f"{prefix}:dedup"
        self.sha1_key, self.root_key, self.sig_key = f"{key}:sha1", f"{key}:root", f"{key}:sig"
        self.band_keys = [f"{key}:band:{band}" for band in range(self.bands)]

    def close(self) -> None:
        self.client.close()  # the groups still deferred are sent first
        super().close()

    def check_and_add(self, doc_id: str, text: str, *, near: bool = True) -> Match | None:
        key = text_key(text)
        sha1 = _sha1(key)
        sig = key_signature(key, self.num_perm, self.shingle) if near else None
        exact, root, found = self._add_shared(doc_id, sha1, sig)
        match = Match(EXACT, exact, 1.0) if exact else None
        if match is None and sig is not None and found:
            match = self._near_shared(doc_id, sig, found)
        group = match.of if match else (root if root and root != doc_id else doc_id)
        if group != (root or doc_id):  # sent with the next call (within a few ms)
            self.client.later("HSET", self.root_key, doc_id, group)
        return match

    def _add_shared(self, doc_id: str, sha1: str, sig: np.ndarray | None) -> tuple[str, str, str]:
        buckets = band_buckets(sig, self.bands, self.rows) if sig is not None else []
        keys = [self.sha1_key, self.root_key, self.sig_key, *self.band_keys[: len(buckets)]]
        args: list[Any] = [doc_id, sha1, sig.tobytes() if sig is not None else b""]
        args += [bucket.to_bytes(8, "big") for _, bucket in buckets]
        exact, root, found = self.script(keys, args)
        return _text(exact), _text(root), _text(found)

    def _near_shared(self, doc_id: str, sig: np.ndarray, found: str) -> Match | None:
        width = len(doc_id)
        others = sorted({found[i : i + width] for i in range(0, len(found), width)} - {doc_id})
        if not others:
            return None
        with self.client.pipeline() as pipe:
            pipe.hmget(self.sig_key, others)
            pipe.hmget(self.root_key, others)
            signatures, roots = pipe.execute()
        best: Match | None = None
        for other, blob, root in zip(others, signatures, roots, strict=True):
            group = _text(root) or other
            if not blob or group == doc_id:
                continue  # an earlier copy that points at us: we are its original
            similarity = float(np.mean(np.frombuffer(blob, dtype=sig.dtype) == sig))
            if similarity >= self.threshold and (best is None or similarity > best.similarity):
                best = Match(NEAR, group, similarity)
        return best

    def _reconcile_line(self, line: bytes, near: bool) -> int:
        try:
            rec = json.loads(line)
            doc_id, text = rec["id"], rec.get("text") or ""
        except (ValueError, KeyError, TypeError):
            return 0
        if not text or self.client.hexists(self.root_key, doc_id):
            return 0
        key = text_key(text)
        sig = key_signature(key, self.num_perm, self.shingle) if near else None
        self._add_shared(doc_id, _sha1(key), sig)
        if rec.get("duplicate_of"):  # the archive's own answer stands
            self.client.hset(self.root_key, doc_id, rec["duplicate_of"])
        return 1

    def __len__(self) -> int:
        return int(self.client.hlen(self.root_key))


def _sha1(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def _text(value: bytes | str | None) -> str:
    if value is None:
        return ""
    return value.decode() if isinstance(value, bytes) else value
