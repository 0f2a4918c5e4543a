"""verify, export, stats, WARC pointers and dedup on a real crawled archive of the replicas."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import sys
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import duckdb
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from crawling import PROJECT, clean_archive, records

from crawler.cli.verify import verify_archive
from crawler.store.warc import read_warc_record

pytestmark = pytest.mark.e2e  # every test reads a real crawled archive and runs `python -m crawler`


@pytest.fixture(scope="module")
def archive(replica, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    return clean_archive(replica, tmp_path_factory.mktemp("clean"))


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crawler", *args], cwd=PROJECT, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


def test_verify_passes_on_a_crawled_archive(archive: Path) -> None:
    done = cli("verify", str(archive))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "OK" in done.stdout.splitlines()[0]


def test_verify_reports_a_bad_line_a_doubled_version_and_a_bad_pointer(
    archive: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(archive, broken)
    path = next((broken / "records").glob("**/*.jsonl"))
    lines = path.read_text("utf-8").splitlines(keepends=True)
    rec = json.loads(lines[0])
    rec["warc"] = {**rec["warc"], "offset": rec["warc"]["offset"] + 1}
    path.write_text("".join([json.dumps(rec, ensure_ascii=False) + "\n", *lines, "{oops\n"]))
    done = cli("verify", str(broken))
    assert done.returncode == 1
    for finding in ("unparsable line", "duplicate version_id", "warc pointer", "manifest"):
        assert finding in done.stdout


def test_warc_pointers_round_trip(archive: Path) -> None:
    recs = [r for r in records(archive) if r["warc"]]
    sample = recs[:: max(1, len(recs) // 50)]
    for rec in sample:
        got = read_warc_record(archive, rec["warc"])
        assert (got.rec_type, got.url, got.status) == ("response", rec["url"], 200)
        with urllib.request.urlopen(rec["url"], timeout=10) as served:  # loopback replica
            assert got.body == served.read()
    print(f"\nWARC pointer round-trips: {len(sample)}/{len(sample)} (of {len(recs)} records)")
    assert len(recs) == len(records(archive))


def test_warc_and_jsonl_size_per_thousand_articles(archive: Path) -> None:
    n = len(records(archive))
    jsonl = sum(p.stat().st_size for p in (archive / "records").glob("**/*.jsonl"))
    warc = sum(p.stat().st_size for p in (archive / "warc").glob("*.warc.gz"))
    print(f"\nper 1,000 articles: JSONL {jsonl / n / 1e3:.2f} MB, WARC.gz {warc / n / 1e3:.2f} MB "
          f"(articles + list pages), {n} articles")  # fmt: skip
    assert warc > 0 and jsonl > 0


def test_export_parquet_and_csv_with_filters(archive: Path, tmp_path: Path) -> None:
    recs = records(archive)
    out = tmp_path / "all.parquet"
    assert cli("export", str(archive), "--out", str(out)).returncode == 0
    table = pq.read_table(out)
    assert table.num_rows == len(recs)
    assert table.schema.field("site").type.num_fields == 3
    domain = recs[0]["site"]["domain"]
    since = "2022-01-01"
    expected = [r for r in recs if r["site"]["domain"] == domain
                and (r["published_at"] or "") >= since]  # fmt: skip
    csv_out = tmp_path / "some.csv"
    done = cli("export", str(archive), "--format", "csv", "--out", str(csv_out),
               "--site", domain, "--since", since)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert pacsv.read_csv(csv_out).num_rows == len(expected)


def test_export_site_matches_the_crawled_host_too(archive: Path, tmp_path: Path) -> None:
    recs = records(archive)
    # a site whose pages name another domain than the host they were crawled from
    netloc = next(
        netloc for r in recs if (netloc := urlsplit(r["url"]).netloc) != r["site"]["domain"]
    )
    crawled = [r for r in recs if urlsplit(r["url"]).netloc == netloc]
    for site in (netloc, netloc.upper()):
        out = tmp_path / "site.parquet"
        done = cli("export", str(archive), "--out", str(out), "--site", site)
        assert done.returncode == 0, done.stderr
        assert sorted(pq.read_table(out).column("id").to_pylist()) == sorted(
            r["id"] for r in crawled
        )


def test_stats_lists_sites_months_duplicates_flags_and_last_run(archive: Path) -> None:
    done = cli("stats", str(archive), "--json")
    assert done.returncode == 0, done.stderr
    stats = json.loads(done.stdout)
    per_month = stats["articles per site per month"]
    assert sum(row["articles"] for row in per_month) == len(records(archive))
    assert stats["last run"]["run_id"] == "clean"
    assert any(row["duplicates"] for row in stats["duplicates per site"])
    assert stats["flags"]
    assert cli("stats", str(archive)).stdout.startswith("== articles per site per month")


def pairs(clusters: dict[str, list[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for ids in clusters.values() for p in itertools.combinations(ids, 2)}


def test_dedup_precision_and_recall_on_the_replica_truth(archive: Path, replica: Any) -> None:
    truth = {a["url"]: a for a in replica.truth["articles"]}
    recs = records(archive)
    predicted, expected = defaultdict(list), defaultdict(list)
    for rec in recs:
        predicted[rec["duplicate_of"] or rec["id"]].append(rec["id"])
        group = truth.get(rec["url"], {}).get("duplicate_group")
        expected[group or rec["id"]].append(rec["id"])
    found, wanted = pairs(predicted), pairs(expected)
    precision = len(found & wanted) / len(found) if found else 1.0
    recall = len(found & wanted) / len(wanted) if wanted else 1.0
    print(f"\ndedup on {len(recs)} replica articles: {len(wanted)} duplicate pairs in the truth, "
          f"{len(found)} found; precision {precision:.2f}, recall {recall:.2f}")  # fmt: skip
    assert precision == 1.0
    assert recall == 1.0
    for rec in recs:  # every copy points at the first record, which is itself no duplicate
        if rec["duplicate_of"]:
            original = next(r for r in recs if r["id"] == rec["duplicate_of"])
            assert original["duplicate_of"] is None


def test_duckdb_reads_the_archive_and_its_duplicates_with_the_plain_glob(archive: Path) -> None:
    """The issue's exact query: only records match `**/*.jsonl` (not the run log), and every
    `duplicate_of` comes through."""
    with duckdb.connect() as con:
        rows = con.execute(
            f"select id, duplicate_of from read_json_auto('{archive}/**/*.jsonl')"
        ).fetchall()
    recs = records(archive)
    assert sorted(rows, key=str) == sorted(((r["id"], r["duplicate_of"]) for r in recs), key=str)
    assert any(duplicate_of for _, duplicate_of in rows)
    assert not list(archive.glob("*.jsonl"))


def test_archive_state_agrees_after_the_crawl(archive: Path) -> None:
    assert verify_archive(archive, "state.sqlite3").ok
    manifest = json.loads((archive / "manifest.json").read_text())
    assert manifest["records"] == len(records(archive))
