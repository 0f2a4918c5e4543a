"""Exact and near duplicates: MinHash LSH with its buckets in SQLite."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from archives import archive_crawler, stop_engine
from scrapy.exceptions import DropItem

from crawler.store.dedup import (
    EXACT,
    NEAR,
    DedupIndex,
    banding,
    shingle_hashes,
    shingles,
    signature,
)
from pipelines.dedup import DedupPipeline


def seed_text(prefix: str) -> str:
    folder = resources.files("testbed.replica").joinpath("texts")
    name = next(p.name for p in folder.iterdir() if p.name.startswith(prefix))
    return folder.joinpath(name).read_text("utf-8")


def body(prefix: str) -> str:
    """The seed text minus its page chrome (the lines before the first long paragraph)."""
    lines = [line for line in seed_text(prefix).splitlines() if len(line) > 40]
    return "\n".join(lines[:12])


@pytest.fixture
def index(tmp_path: Path):
    with DedupIndex(tmp_path / "dedup.sqlite3") as idx:
        yield idx


def test_banding_matches_threshold() -> None:
    bands, rows = banding(0.8, 128)
    assert bands * rows <= 128
    assert 0.6 < (1 / bands) ** (1 / rows) < 0.9  # the S-curve's midpoint near the threshold


def test_shingles_ignore_whitespace_and_width() -> None:
    assert shingles("ＡＢ CDE", 5) == shingles("ABCDE", 5)


@pytest.mark.parametrize(
    "text", ["", "ab", "ABCDE", "ABCDEF", "一二三四五 六七八一二三四五六", body("002")]
)
def test_shingle_hashes_one_per_distinct_shingle(text: str) -> None:
    assert len(shingle_hashes(text, 5)) == len(shingles(text, 5))
    assert list(shingle_hashes("ＡＢ CDE", 5)) == list(shingle_hashes("ABCDE", 5))


def test_a_new_version_replaces_its_buckets(index: DedupIndex) -> None:
    index.check_and_add("a" * 40, body("002"))
    index.check_and_add("a" * 40, body("003"))
    rows = index.db.execute("SELECT count(*) FROM dedup_buckets").fetchone()[0]
    assert rows == index.bands
    assert index.check_and_add("b" * 40, body("002")) is None  # the old text is gone


def archive_line(tmp_path: Path, doc_id: str, text: str, duplicate_of: str | None = None) -> None:
    path = tmp_path / "records/2024-01/run.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": doc_id, "text": text, "duplicate_of": duplicate_of}) + "\n")


def test_records_a_killed_run_archived_are_read_back(tmp_path: Path) -> None:
    archive_line(tmp_path, "a" * 40, body("001"))
    archive_line(tmp_path, "b" * 40, body("001") + "\n编辑:李四", duplicate_of="a" * 40)
    with DedupIndex(tmp_path / "dedup.sqlite3") as idx:
        assert idx.reconcile(tmp_path) == 2
        assert idx.reconcile(tmp_path) == 0  # read up to where it stopped
        match = idx.check_and_add("c" * 40, body("001") + "\n来源:某县")
        assert match is not None and match.of == "a" * 40
        root = idx.db.execute("SELECT root_id FROM dedup_docs WHERE doc_id = ?", ("b" * 40,))
        assert root.fetchone()[0] == "a" * 40


def test_an_index_with_an_older_shingle_hash_is_rebuilt(tmp_path: Path) -> None:
    with DedupIndex(tmp_path / "d.sqlite3") as idx:
        idx.check_and_add("a" * 40, body("000"))
        idx.db.execute("DELETE FROM dedup_params WHERE key = 'shingle_hash'")
    with DedupIndex(tmp_path / "d.sqlite3") as idx:
        assert len(idx) == 0


def test_exact_near_and_distinct(index: DedupIndex) -> None:
    original = body("002")
    assert index.check_and_add("a" * 40, original) is None
    exact = index.check_and_add("b" * 40, original.replace("\n", "\n\n"))
    assert exact is not None and (exact.kind, exact.of) == (EXACT, "a" * 40)
    lines = original.splitlines()
    republished = "\n".join(["(转载自某区政府网)", *lines[1:], "责任编辑:王五"])
    near = index.check_and_add("c" * 40, republished)
    assert near is not None and (near.kind, near.of) == (NEAR, "a" * 40)
    assert index.check_and_add("d" * 40, body("003")) is None


def test_new_version_of_same_url_is_not_its_own_duplicate(index: DedupIndex) -> None:
    original = body("002")
    assert index.check_and_add("a" * 40, original) is None
    assert index.check_and_add("a" * 40, original + "\n更正:补充一段说明文字。") is None
    assert index.check_and_add("a" * 40, original) is None


def test_index_survives_reopening(tmp_path: Path) -> None:
    with DedupIndex(tmp_path / "d.sqlite3") as idx:
        idx.check_and_add("a" * 40, body("000"))
    with DedupIndex(tmp_path / "d.sqlite3") as idx:
        match = idx.check_and_add("b" * 40, body("000") + "\n(编辑:张三)")
        assert match is not None and match.of == "a" * 40
        assert len(idx) == 2


def test_copies_of_a_copy_point_at_the_original(index: DedupIndex) -> None:
    original = body("001")
    index.check_and_add("a" * 40, original)
    index.check_and_add("b" * 40, original + "\n来源:某县融媒体中心")
    third = index.check_and_add("c" * 40, original + "\n来源:某县融媒体中心\n编辑:李四")
    assert third is not None and third.of == "a" * 40


def test_commits_are_batched_and_made_on_close(tmp_path: Path) -> None:
    idx = DedupIndex(tmp_path / "d.sqlite3", commit_every=3)
    for i, prefix in enumerate(("000", "001")):
        idx.check_and_add(str(i) * 40, body(prefix))
    assert idx.db.in_transaction
    idx.check_and_add("2" * 40, body("002"))
    assert not idx.db.in_transaction
    idx.check_and_add("3" * 40, body("003"))
    idx.close()
    with DedupIndex(tmp_path / "d.sqlite3") as again:
        assert len(again) == 4


def test_other_parameters_are_refused(tmp_path: Path) -> None:
    with DedupIndex(tmp_path / "d.sqlite3") as idx:
        idx.check_and_add("a" * 40, body("000"))
    with pytest.raises(ValueError, match="num_perm"):
        DedupIndex(tmp_path / "d.sqlite3", num_perm=64)


def pipeline_items(tmp_path: Path, **settings: object) -> tuple[list[object], dict]:
    crawler = archive_crawler(tmp_path, **settings)
    pipeline = DedupPipeline.from_crawler(crawler)
    text = body("002")
    out: list[object] = []
    try:
        for n, page in enumerate((text, text, text + "\n(责任编辑:王五)", body("003"))):
            item = {"id": f"{n}" * 40, "url": f"http://127.0.0.1:8000/{n}.html", "text": page,
                    "duplicate_of": None}  # fmt: skip
            try:
                out.append(pipeline.process_item(item)["duplicate_of"])
            except DropItem:
                out.append("dropped")
    finally:
        pipeline.close_spider()
        stop_engine(crawler)
    return out, crawler.stats.get_stats()


def test_pipeline_marks_duplicates_and_counts_them(tmp_path: Path) -> None:
    marks, stats = pipeline_items(tmp_path)
    assert marks == [None, "0" * 40, "0" * 40, None]
    assert (stats["dedup/exact"], stats["dedup/near"]) == (1, 1)


def test_documents_published_as_their_attachments_are_no_copies(tmp_path: Path) -> None:
    """``详见附件。`` on many documents (short_body): their attachments differ, their texts do
    not; none is marked nor, with DEDUP_DROP, dropped as a copy of another."""
    crawler = archive_crawler(tmp_path, DEDUP_DROP=True)
    pipeline = DedupPipeline.from_crawler(crawler)
    try:
        for n in range(3):
            item = {"id": f"{n}" * 40, "url": f"http://127.0.0.1:8000/{n}.html",
                    "text": "详见附件。", "flags": ["short_body"],
                    "duplicate_of": None}  # fmt: skip
            assert pipeline.process_item(item)["duplicate_of"] is None
    finally:
        pipeline.close_spider()
        stop_engine(crawler)


def test_pipeline_drops_duplicates_when_asked(tmp_path: Path) -> None:
    marks, stats = pipeline_items(tmp_path, DEDUP_DROP=True)
    assert marks == [None, "dropped", "dropped", None]
    assert stats["dedup/dropped"] == 2


@pytest.mark.parametrize(
    "text",
    ["", "短文", "啊" * 12, "国务院办公厅关于印发全国一体化政务服务平台建设指南的通知。" * 5,
     "第一段文字。\n第二段：新闻内容 2024 年 3 月。\n" * 20],
)  # fmt: skip
def test_signature_equals_datasketch_minhash(text: str) -> None:
    """The vectorized signature is datasketch's affine32 MinHash of the same shingle hashes."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=128, scheme="affine32", hashfunc=int)
    minhash.update_batch(shingle_hashes(text, 5).tolist())
    assert signature(text, 128, 5).tolist() == minhash.hashvalues.tolist()


@pytest.mark.parametrize("num_perm", [16, 128, 256])
def test_permutations_are_datasketchs(num_perm: int) -> None:
    """Drawn without importing datasketch (and scipy), they are datasketch's own."""
    from datasketch import MinHash

    from crawler.store.dedup import _permutations

    expected = MinHash(num_perm=num_perm, scheme="affine32").permutations
    assert _permutations(num_perm).tolist() == expected.tolist()


def test_a_signature_imports_neither_datasketch_nor_scipy() -> None:
    code = ("import sys; from crawler.store.dedup import signature; signature('正文' * 30, 128, 5);"
            "print(sorted(m for m in ('datasketch', 'scipy') if m in sys.modules))")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
