"""WARC capture: request + response records, pointers that read back, revisits, rotation."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from archives import archive_crawler, stop_engine
from cdxj_indexer.main import CDXJIndexer
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse
from warcio.archiveiterator import ArchiveIterator

from crawler.components.warc import WarcCaptureMiddleware
from crawler.store.warc import (
    _EMPTY_DIGEST,
    iter_warc_records,
    payload_digest,
    read_warc_record,
    surt_key,
    write_cdxj,
)

BODY = "<html><body><div class=TRS_Editor><p>正文第一段。</p></div></body></html>".encode()


def middleware(archive: Path, **settings: object) -> tuple[WarcCaptureMiddleware, Crawler]:
    crawler = archive_crawler(archive, **{"RUN_ID": "run1", **settings})
    return WarcCaptureMiddleware.from_crawler(crawler), crawler


def fetch(mw: WarcCaptureMiddleware, url: str, body: bytes = BODY, kind: str = "article"):
    request = Request(url, meta={"govnews_kind": kind}, headers={"User-Agent": "test"})
    response = HtmlResponse(
        url, body=body,
        headers={"Content-Type": "text/html; charset=utf-8", "Transfer-Encoding": "chunked"},
    )  # fmt: skip
    mw.process_response(request, response)
    return request


def test_pointer_reads_back_url_and_body(tmp_path: Path) -> None:
    mw, crawler = middleware(tmp_path)
    url = "http://127.0.0.1:8000/a/t20240101_1.html"
    pointer = fetch(mw, url).meta["warc"]
    other = fetch(mw, url.replace("_1", "_2"), BODY + b"<!-- 2 -->").meta["warc"]
    stop_engine(crawler)
    assert pointer["file"] == "warc/run1-00000.warc.gz"
    record = read_warc_record(tmp_path, pointer)
    assert (record.rec_type, record.url, record.status, record.body) == ("response", url, 200, BODY)
    assert record.payload_digest == payload_digest(BODY)
    assert read_warc_record(tmp_path, other).body.endswith(b"<!-- 2 -->")
    types = [t for _, _, t, _ in iter_warc_records(tmp_path / pointer["file"])]
    assert types == ["warcinfo", "response", "request", "response", "request"]


def test_unchanged_refetch_is_a_revisit_pointing_at_the_original(tmp_path: Path) -> None:
    mw, crawler = middleware(tmp_path)
    url = "http://127.0.0.1:8000/a/t20240101_1.html"
    first = fetch(mw, url).meta["warc"]
    stop_engine(crawler)
    mw, crawler = middleware(tmp_path, RUN_ID="run2")
    again = fetch(mw, url).meta["warc"]
    stop_engine(crawler)
    assert again == first
    assert crawler.stats.get_value("warc/revisit") == 1
    types = [t for _, _, t, _ in iter_warc_records(tmp_path / "warc/run2-00000.warc.gz")]
    assert types == ["warcinfo", "revisit", "request"]


def test_list_pages_optional_and_errors_not_captured(tmp_path: Path) -> None:
    mw, crawler = middleware(tmp_path, WARC_LIST_PAGES=False)
    assert "warc" not in fetch(mw, "http://127.0.0.1:8000/a/index.html", kind="list").meta
    request = Request("http://127.0.0.1:8000/x.html", meta={"govnews_kind": "article"})
    mw.process_response(request, HtmlResponse(request.url, status=404, body=b""))
    assert "warc" not in request.meta
    stop_engine(crawler)
    assert crawler.stats.get_value("warc/skipped/status_404") == 1


def test_files_rotate_and_each_is_gzip(tmp_path: Path) -> None:
    mw, crawler = middleware(tmp_path, WARC_MAX_BYTES=1)
    pointers = [fetch(mw, f"http://127.0.0.1:8000/a/t_{i}.html").meta["warc"] for i in range(3)]
    stop_engine(crawler)
    assert [p["file"][-13:-8] for p in pointers] == ["00000", "00001", "00002"]
    for p in pointers:
        assert gzip.decompress((tmp_path / p["file"]).read_bytes()).startswith(b"WARC/1.")


@pytest.mark.parametrize("level", [-1, 6])
def test_gzip_level_outside_isa_l_range_is_refused(tmp_path: Path, level: int) -> None:
    with pytest.raises(ValueError, match="WARC_GZIP_LEVEL"):
        middleware(tmp_path, WARC_GZIP_LEVEL=level)


def test_closing_a_file_writes_its_sorted_cdxj_index(tmp_path: Path) -> None:
    mw, crawler = middleware(tmp_path)
    pointers = {
        url: fetch(mw, url, BODY + url.encode()).meta["warc"]
        for url in ("http://127.0.0.1:8000/b/t_2.html", "http://127.0.0.1:8000/a/t_1.html")
    }
    stop_engine(crawler)
    lines = (tmp_path / "warc/run1-00000.warc.gz.cdxj").read_text().splitlines()
    assert lines == sorted(lines) and len(lines) == 2
    assert lines[0].startswith("1,0,0,127:8000)/a/t_1.html 20")
    for line in lines:
        fields = json.loads(line.split(" ", 2)[2])
        pointer = pointers[fields["url"]]
        assert fields["offset"] == str(pointer["offset"])
        assert fields["length"] == str(pointer["length"])
        assert (fields["status"], fields["mime"]) == ("200", "text/html")
        assert fields["filename"] == "run1-00000.warc.gz"


def test_index_built_while_writing_equals_cdxj_indexers(tmp_path: Path) -> None:
    """The index written with the file is the one pywb's own indexer makes of it, line for line."""
    mw, crawler = middleware(tmp_path)
    urls = ["http://127.0.0.1:8000/a/t_0.html", "http://www.Example.gov.cn/b/?z=1&a=2",
            "http://10.1.2.3/c/", "http://example.gov.cn/新闻/t_1.html"]  # fmt: skip
    for i, url in enumerate(urls):
        fetch(mw, url, BODY + bytes([65 + i]))
    fetch(mw, urls[0], BODY + b"A")  # a revisit
    stop_engine(crawler)
    warc = tmp_path / "warc/run1-00000.warc.gz"
    written = (tmp_path / "warc/run1-00000.warc.gz.cdxj").read_text()
    assert written.count("\n") == 5 and "warc/revisit" in written
    assert write_cdxj(warc).read_text() == written
    with warc.open("rb") as fh:
        indexed = io.StringIO()
        CDXJIndexer(indexed, [fh], sort=True, filename=warc.name).process_all()
    assert indexed.getvalue() == written


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("http://www.Example.gov.cn/a/B.html?x=1", "cn,gov,example)/a/b.html?x=1"),
        ("http://127.0.0.1:8001/a/", "1,0,0,127:8001)/a"),  # IP reversed, no trailing slash
        ("http://example.gov.cn/list?page=2&col=5", "cn,gov,example)/list?col=5&page=2"),
        ("https://example.gov.cn/", "cn,gov,example)/"),
    ],
)
def test_surt_key_is_pywbs(url: str, key: str) -> None:
    assert surt_key(url) == key


def test_every_file_starts_with_a_warcinfo_record(tmp_path: Path) -> None:
    mw, crawler = middleware(tmp_path, WARC_MAX_BYTES=1, USER_AGENT="tester/1")
    for i in range(2):
        fetch(mw, f"http://127.0.0.1:8000/a/t_{i}.html")
    stop_engine(crawler)
    files = sorted((tmp_path / "warc").glob("*.warc.gz"))
    assert len(files) == 2
    for path in files:
        with path.open("rb") as fh:
            first = next(iter(ArchiveIterator(fh)))
            assert first.rec_type == "warcinfo"
            assert first.rec_headers.get_header("WARC-Filename") == path.name
            info = dict(
                line.split(": ", 1) for line in first.content_stream().read().decode().splitlines()
            )
        assert info["software"].startswith("govnews-archive/")
        assert "Scrapy/" in info["software"]
        assert info["format"] == "WARC File Format 1.0"
        assert (info["isPartOf"], info["http-header-user-agent"]) == ("run1", "tester/1")
        assert json.loads(info["settings"])["WARC_MAX_BYTES"] == 1


def test_a_compressed_response_is_kept_as_sent_and_read_back_decoded(tmp_path: Path) -> None:
    mw, crawler = middleware(tmp_path)
    url = "http://127.0.0.1:8000/a/t_gz.html"
    request = Request(url, meta={"govnews_kind": "article"})
    sent = gzip.compress(BODY)
    headers = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
    mw.process_response(request, HtmlResponse(url, body=sent, headers=headers))
    stop_engine(crawler)
    got = read_warc_record(tmp_path, request.meta["warc"])
    assert got.body == BODY
    assert got.payload_digest == payload_digest(sent)


def test_the_empty_body_digest_is_the_computed_one() -> None:
    assert payload_digest(b"") == _EMPTY_DIGEST
