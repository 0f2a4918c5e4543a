"""End to end: a real `scrapy crawl govnews` in a subprocess over the replica sites on 127.0.0.1,
then assertions on the JSONL archive, the crawl stats and the replica server's request log."""

from __future__ import annotations

import argparse
import glob
import json
import operator
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import duckdb
import jsonschema
import opencc
import pytest

from crawler.cli import extract as extract_command
from crawler.page.record import RECORD_KEYS, record_schema
from crawler.store.records import DUPLICATES_PREFIX
from testbed.replica.running import RunningReplica
from testbed.replica.server import RequestRecord

pytestmark = pytest.mark.e2e  # a real `scrapy crawl` subprocess

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FAST_SETTINGS = (
    "AUTOTHROTTLE_ENABLED=0",
    "DOWNLOAD_DELAY=0",
    "CONCURRENT_REQUESTS_PER_DOMAIN=16",
    "ARCHIVE_FSYNC=0",
    "LOG_LEVEL=INFO",
)
CRAWL_TIMEOUT = 120  # seconds; the crawl itself takes a few
# what each kind of bad input must leave in the crawl stats
BAD_INPUT_STATS = {
    "redirect_loop": "skip/redirect_loop",
    "binary_as_html": "extract/not_html",
    "huge_page": "skip/too_large",
    "http_500": "skip/http_500",
    "http_404": "skip/http_404",
}


@dataclass
class Crawl:
    records: list[dict[str, Any]]
    stats: dict[str, Any]
    requests: list[RequestRecord]
    truth: dict[str, Any]
    archive: Path
    log: str
    feed: list[dict[str, Any]]

    def articles(self) -> dict[str, dict[str, Any]]:
        return {a["url"]: a for a in self.truth["articles"]}

    def by_url(self) -> dict[str, dict[str, Any]]:
        return {r["url"]: r for r in self.records}


def run_crawl(seed_file: Path, archive: Path, *settings: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", "govnews", "-a", f"seeds={seed_file}"]
    for setting in (f"ARCHIVE_DIR={archive}", *FAST_SETTINGS, *settings):
        command += ["-s", setting]
    return subprocess.run(
        command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=CRAWL_TIMEOUT
    )


@pytest.fixture(scope="module")
def crawl(replica: RunningReplica, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    work = tmp_path_factory.mktemp("e2e")
    truth = replica.truth
    seeds = work / "seeds.txt"
    # the replica seeds, plus a site whose server is dead
    dead_site = f"{truth['dead_url']}/index.html name=dead-server\n"
    seeds.write_text(replica.seed_file.read_text("utf-8") + dead_site, "utf-8")
    already_logged = len(replica.server.request_log())
    # with a standard feed export beside the archive: it must see exactly the archived records
    done = run_crawl(
        seeds,
        work / "archive",
        "FEEDS=" + json.dumps({str(work / "feed.jsonl"): {"format": "jsonlines"}}),
    )
    assert done.returncode == 0, done.stderr[-4000:]
    archive = work / "archive"
    records = [
        json.loads(line)
        for path in sorted(glob.glob(f"{archive}/records/**/*.jsonl", recursive=True))
        for line in Path(path).read_text("utf-8").splitlines()
    ]
    (stats_file,) = (archive / "runs").glob("*.stats.json")
    stats = json.loads(stats_file.read_text("utf-8"))
    requests = replica.server.request_log()[already_logged:]
    feed = [json.loads(line) for line in (work / "feed.jsonl").read_text("utf-8").splitlines()]
    return Crawl(records, stats, requests, truth, archive, done.stderr, feed)


def test_every_article_archived_exactly_once(crawl: Crawl) -> None:
    counts = Counter(r["url"] for r in crawl.records)
    assert [url for url, n in counts.items() if n > 1] == []
    missing = sorted(set(crawl.articles()) - set(counts))
    assert missing == []
    assert crawl.stats["archive/written"] == len(crawl.articles())


def test_no_list_or_other_page_archived(crawl: Crawl) -> None:
    other = {page["url"] for page in crawl.truth["other_pages"]}
    archived = {r["url"] for r in crawl.records}
    assert archived & other == set()
    assert archived <= set(crawl.articles())


def test_robots_disallowed_paths_never_fetched(crawl: Crawl) -> None:
    disallowed = [p for p in crawl.truth["other_pages"] if p["kind"] == "disallowed"]
    assert disallowed
    for page in disallowed:
        fetched = [r for r in crawl.requests if r.site == page["site"]]
        assert fetched, f"nothing fetched from {page['site']}"
        assert not any(r.path.startswith(page["url_path"]) for r in fetched), page
    assert crawl.stats.get("skip/robots_forbidden", 0) >= 1


def test_every_request_names_the_crawler(crawl: Crawl) -> None:
    agents = {r.headers.get("User-Agent", "") for r in crawl.requests}
    assert agents and all(agent.startswith("govnews-archive/") for agent in agents)


@pytest.mark.parametrize("field", ["title", "published_at", "source"])
def test_metadata_matches_the_replica_truth(crawl: Crawl, field: str) -> None:
    records = crawl.by_url()
    wrong = {
        url: (records[url][field], truth[field])
        for url, truth in crawl.articles().items()
        if url in records and records[url][field] != truth[field]
    }
    assert wrong == {}


def test_gbk_pages_come_out_as_correct_chinese(crawl: Crawl) -> None:
    records = crawl.by_url()
    gbk = [a for a in crawl.articles().values() if a["encoding"] != "utf-8"]
    mislabelled = [a for a in crawl.articles().values() if a["encoding"] != a["declared_encoding"]]
    assert gbk and mislabelled
    for truth in gbk + mislabelled:
        record = records[truth["url"]]
        assert record["title"] == truth["title"]
        assert truth["paragraphs"][0] in record["text"]
        assert "\ufffd" not in record["text"]
    assert crawl.stats.get("encoding/declared_mismatch", 0) >= 1


def test_traditional_pages_come_out_simplified_without_pinyin(crawl: Crawl) -> None:
    records = crawl.by_url()
    to_simplified = opencc.OpenCC("t2s")
    traditional = [a for a in crawl.articles().values() if a["traditional"]]
    assert traditional
    for truth in traditional:
        record = records[truth["url"]]
        assert record["title"] == truth["title"]
        assert to_simplified.convert(record["text"]) == record["text"]
        assert "(shí)" not in record["text"] and "落实(" not in record["text"]
        assert truth["paragraphs"][-1] in record["text"]
        assert record["text_original"] and "converted_t2s" in record["flags"]


def test_every_record_validates_against_the_schema(crawl: Crawl) -> None:
    schema = record_schema()
    for record in crawl.records:
        jsonschema.validate(record, schema)


def test_every_bad_input_has_a_counted_reason(crawl: Crawl) -> None:
    notes = {p["note"] for p in crawl.truth["other_pages"] if p["kind"] == "bad_input"}
    assert notes <= set(BAD_INPUT_STATS)
    for note in notes:
        assert crawl.stats.get(BAD_INPUT_STATS[note], 0) >= 1, note
    assert crawl.stats.get("skip/dns_or_connection", 0) >= 1  # the dead server
    assert crawl.stats["finish_reason"] == "finished"


def test_archive_is_readable_by_duckdb(crawl: Crawl) -> None:
    pattern = f"{crawl.archive}/records/**/*.jsonl"
    with duckdb.connect() as con:
        (count,) = con.execute(f"select count(*) from read_json_auto('{pattern}')").fetchone()  # type: ignore[misc]
    assert count == len(crawl.records)


def test_records_partitioned_by_publication_month(crawl: Crawl) -> None:
    for path in (crawl.archive / "records").glob("*/*.jsonl"):
        month = path.parent.name.removeprefix(DUPLICATES_PREFIX)  # duplicates sort first
        for line in path.read_text("utf-8").splitlines():
            published = json.loads(line)["published_at"]
            assert (published or "undated")[:7] == month[:7] if published else month == "undated"


# record fields that depend on the crawl rather than the page (time, run, dedup, WARC, HTTP)
CRAWL_ONLY_FIELDS = {"fetched_at", "run_id", "warc", "http", "duplicate_of"}


def test_extract_command_prints_the_record_the_crawl_archived(
    crawl: Crawl, replica: RunningReplica, tmp_path: Path
) -> None:
    """`python -m crawler extract PAGE --url URL` on the bytes the server sent gives the same
    record the crawl archived (dedup fields aside), for a page of every site."""
    sample: dict[str, dict[str, Any]] = {}
    for record in crawl.records:
        sample.setdefault(urlsplit(record["url"]).netloc, record)
    assert len(sample) == len(replica.sites)
    sites = {urlsplit(replica.server.base_url(s.name)).netloc: s for s in replica.sites}
    for netloc, record in sample.items():
        site, path = sites[netloc], urlsplit(record["url"]).path
        page = tmp_path / "page.html"
        page.write_bytes(site.pages[path].body)
        done = subprocess.run(
            [sys.executable, "-m", "crawler", "extract", str(page), "--url", record["url"],
             "--seeds", str(replica.seed_file)],
            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        lines = done.stdout.splitlines()
        assert len(lines) == 1
        printed = json.loads(lines[0])
        jsonschema.validate(printed, record_schema())
        for field in set(printed) - CRAWL_ONLY_FIELDS:
            assert printed[field] == record[field], (record["url"], field)


# the spider's one log line for a page it gives no record: "Skipped (<stats key>) <url> ..."
SKIPPED_LINE = re.compile(r"Skipped \((extract/\w+)\) (\S+)")


def test_extract_agrees_with_the_crawl_on_every_article_page_drops_included(
    crawl: Crawl, replica: RunningReplica, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every page the crawl read as an article, run through `python -m crawler extract`'s code
    on the bytes the server sent: the same record when the crawl archived it, the same drop
    reason (exit 1, nothing printed) when it did not."""
    dropped = {url: key for key, url in SKIPPED_LINE.findall(crawl.log)}
    assert dropped, "the replica has pages the crawl drops (teasers, empty bodies)"
    sites = {urlsplit(replica.server.base_url(s.name)).netloc: s for s in replica.sites}
    outcomes = {url: None for url in crawl.by_url()} | dropped
    for url, reason in outcomes.items():
        parts = urlsplit(url)
        served = sites[parts.netloc].resolve(parts.path, parts.query)
        assert served is not None, url
        page = tmp_path / "page.html"
        page.write_bytes(served.body)
        args = argparse.Namespace(
            page=page, url=url, encoding=None, seeds=replica.seed_file, keep_dropped=False
        )
        code = extract_command.run(args)
        out, err = capsys.readouterr()
        if reason is None:
            assert code == 0, (url, err)
            printed, archived = json.loads(out), crawl.by_url()[url]
            for field in set(printed) - CRAWL_ONLY_FIELDS:
                assert printed[field] == archived[field], (url, field)
        else:
            assert (code, out) == (extract_command.EXIT_DROPPED, ""), url
            assert err.startswith(f"dropped ({reason}): {url}"), (url, err)


def test_a_feed_export_gets_exactly_the_archived_records(crawl: Crawl) -> None:
    """`scrapy crawl govnews -O out.jsonl` (here through FEEDS) writes the archive's records:
    the same records, the same fields in the same order, nothing private."""
    key = operator.itemgetter("version_id")
    assert sorted(crawl.feed, key=key) == sorted(crawl.records, key=key)
    assert all(list(item) == list(RECORD_KEYS) for item in crawl.feed)
