"""WARC files: captures written as gzip WARC records with warcio, their CDXJ indexes, readers.

`WarcWriter.capture` writes a response record followed by its request record
(WARC-Concurrent-To), both built in memory and appended with one `write()` to
`ARCHIVE_DIR/warc/<run_id>-<seq>.warc.gz`, so a crash leaves at most one incomplete record pair
at the end of a file, never referenced. warcio builds and serializes the records; each is then
compressed here as one gzip member in one call with ISA-L (`isal`: standard gzip, about a third
of zlib's CPU on these pages), at `gzip_level` 0-3 (warcio's own gzip writer compresses every
header and body chunk separately with zlib at level 9; see `crawler.defaults` for sizes). The
payload digest is computed once, for the revisit check, and handed to warcio rather than
computed again. Files rotate once they reach `max_bytes`. A re-fetch whose payload digest equals
the one captured for that URL before (the crawl state's `captures`) becomes a `revisit` record;
without a crawl state every capture is a full response.

Every file starts with a `warcinfo` record (WARC-Filename, the software and its version, the
WARC format, the crawl's settings: the `info` fields the archive owner hands the writer).

The CDXJ index of each file (`<file>.cdxj`) is built from the records as they are written and
saved when the file is closed, so no WARC file is read back. Its lines are the ones
cdxj-indexer (pywb's indexer) writes for the file: SURT keys from the `surt` package (host labels
reversed, IP addresses too, no trailing slash, query arguments sorted), the same fields in the
same order, so the index dropped into a pywb collection replays the captures.

A capture's pointer `{"file", "offset", "length"}` leads to the response record (the original
one for a revisit), relative to ARCHIVE_DIR; `read_warc_record` reads it back.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import brotli
import surt
from isal import isal_zlib
from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler.store.state import Capture, CrawlState

WARC_DIR = "warc"
_EMPTY_DIGEST = "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ"  # payload_digest(b"")
_GZIP_WBITS = isal_zlib.MAX_WBITS | 16  # a gzip member (header and trailer), the largest window
WARC_FORMAT = "WARC File Format 1.0"  # what warcio writes (WARC/1.0 records)
# cdxj-indexer's mime field: the Content-Type up to the first `;` or space
_MIME_END = re.compile(r"[;\s]")


@dataclass(frozen=True)
class WarcRecord:
    """What a pointer leads to: enough to check a record against its page."""

    rec_type: str
    url: str
    status: int | None
    body: bytes
    payload_digest: str | None


@dataclass(frozen=True, slots=True)
class Captured:
    """What one `WarcWriter.capture` did."""

    pointer: dict[str, Any]
    revisit: bool
    bytes: int  # written to the WARC file (both records, compressed)


class _Request(NamedTuple):
    url: str
    body: bytes
    headers: StatusAndHeaders


def payload_digest(body: bytes) -> str:
    """The WARC-Payload-Digest warcio writes: `sha1:` + base32 of the body's sha1."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def _body_digest(body: bytes) -> str:
    """`payload_digest`, the empty body's (every GET) computed once."""
    return _EMPTY_DIGEST if not body else payload_digest(body)


def gzip_member(data: bytes, level: int) -> bytes:
    """`data` as one gzip member (ISA-L `level` 0-3): what a `.warc.gz` holds per record."""
    return isal_zlib.compress(data, level, wbits=_GZIP_WBITS)


class WarcFiles:
    """Appends record pairs to `<dir>/<prefix>-<seq>.warc.gz`, rotating at `max_bytes`; a new
    file starts with `header(file name)` (the warcinfo record)."""

    def __init__(
        self, archive_dir: Path, prefix: str, max_bytes: int,
        header: Callable[[str], bytes] | None = None,
    ) -> None:  # fmt: skip
        self.archive_dir = archive_dir
        self.prefix = prefix
        self.max_bytes = max_bytes
        self.header = header
        self.seq = 0
        self.fd: int | None = None
        self.rel = ""
        self.size = 0  # of the current file
        self._index: list[str] = []  # CDXJ lines of the current file

    def append(
        self, data: bytes, index: tuple[str, dict[str, Any], int] | None = None
    ) -> tuple[str, int]:
        """Write `data` whole; return (file relative to the archive, offset it starts at).
        `index`: CDXJ key, fields (but filename and offset) and length of its first record."""
        fd = self._current()
        offset = self.size
        view = memoryview(data)
        while view:  # a short write happens only on a full disk; finish the pair, not half
            view = view[os.write(fd, view) :]
        self.size += len(data)
        if index is not None:
            key, fields, length = index
            fields.update(length=str(length), offset=str(offset), filename=self.name)
            self._index.append(f"{key} {json.dumps(fields)}\n")
        return self.rel, offset

    def close(self) -> None:
        """Close the current file and save its index (`<file>.cdxj` next to it)."""
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
            path = self.archive_dir / (self.rel + ".cdxj")
            path.write_text("".join(sorted(self._index)), "utf-8")
            self._index = []

    def _current(self) -> int:
        if self.fd is not None and self.size >= self.max_bytes:
            self.close()
            self.seq += 1
        if self.fd is None:
            self.rel = f"{WARC_DIR}/{self.prefix}-{self.seq:05d}.warc.gz"
            path = self.archive_dir / self.rel
            path.parent.mkdir(parents=True, exist_ok=True)
            self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
            self.size = os.fstat(self.fd).st_size
            if self.size == 0 and self.header is not None:
                self.append(self.header(self.name))
        return self.fd

    @property
    def name(self) -> str:
        """The current file's name (what a CDXJ line and the warcinfo record call it)."""
        return self.rel.rpartition("/")[2]


class WarcWriter:
    """Captures (response or revisit, then request) into `WarcFiles`; revisits are decided
    from the crawl state's `captures` when there is a state."""

    def __init__(
        self, archive_dir: Path, prefix: str, *, max_bytes: int, gzip_level: int,
        captures: CrawlState | None = None, info: dict[str, str] | None = None,
    ) -> None:  # fmt: skip
        self.files = WarcFiles(archive_dir, prefix, max_bytes, header=self._warcinfo)
        self.captures = captures
        self.gzip_level = gzip_level
        self.info = {"format": WARC_FORMAT, **(info or {})}
        self._buffer = io.BytesIO()  # one record at a time, uncompressed (`_gzip_record`)
        self.writer = WARCWriter(self._buffer, gzip=False)

    def _warcinfo(self, filename: str) -> bytes:
        """The warcinfo record that opens the file `filename`."""
        return self._gzip_record(self.writer.create_warcinfo_record(filename, self.info))

    def close(self) -> None:
        self.files.close()

    def capture(
        self, url: str, body: bytes, headers: StatusAndHeaders, *, request_url: str,
        request_body: bytes, request_headers: StatusAndHeaders,
    ) -> Captured:  # fmt: skip
        """Write the response `url` gave (`body` as it came over the wire, `headers` with its
        status line) and the request that asked for it."""
        request = _Request(request_url, request_body, request_headers)
        digest = payload_digest(body)
        previous = self.captures.capture(url) if self.captures is not None else None
        if previous is not None and previous.payload_digest == digest:
            written = self._write_revisit(url, headers, request, previous)
            return Captured(previous.pointer(), revisit=True, bytes=written)
        capture, written = self._write_response(url, body, headers, request, digest)
        if self.captures is not None:
            self.captures.save_capture(url, capture)
        return Captured(capture.pointer(), revisit=False, bytes=written)

    def _write_response(
        self, url: str, body: bytes, headers: StatusAndHeaders, request: _Request, digest: str
    ) -> tuple[Capture, int]:
        resp = self.writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers,
            warc_headers_dict={"WARC-Payload-Digest": digest},  # not hashed a second time
        )  # fmt: skip
        rel, offset, length, written = self._append_pair(request, resp)
        capture = Capture(
            payload_digest=digest, warc_record_id=resp.rec_headers.get_header("WARC-Record-ID"),
            warc_date=resp.rec_headers.get_header("WARC-Date"), file=rel, offset=offset,
            length=length,
        )  # fmt: skip
        return capture, written

    def _write_revisit(
        self, url: str, headers: StatusAndHeaders, request: _Request, previous: Capture
    ) -> int:
        revisit = self.writer.create_revisit_record(
            url, previous.payload_digest, url, previous.warc_date, http_headers=headers,
            warc_headers_dict={"WARC-Refers-To": previous.warc_record_id},
        )  # fmt: skip
        return self._append_pair(request, revisit)[3]

    def _append_pair(self, request: _Request, resp: Any) -> tuple[str, int, int, int]:
        """Response record then request record, appended in one write: (file, offset and
        length of the response record, bytes written)."""
        req = self.writer.create_warc_record(
            request.url, "request", payload=io.BytesIO(request.body), length=len(request.body),
            http_headers=request.headers,
            warc_headers_dict={
                "WARC-Concurrent-To": resp.rec_headers.get_header("WARC-Record-ID"),
                "WARC-Date": resp.rec_headers.get_header("WARC-Date"),
                "WARC-Payload-Digest": _body_digest(request.body),
            },
        )  # fmt: skip
        response_member = self._gzip_record(resp)
        data = response_member + self._gzip_record(req)
        key, fields = _cdxj_fields(resp)
        rel, offset = self.files.append(data, (key, fields, len(response_member)))
        return rel, offset, len(response_member), len(data)

    def _gzip_record(self, record: Any) -> bytes:
        """One record serialized by warcio, compressed as one gzip member."""
        self._buffer.seek(0)
        self._buffer.truncate()
        self.writer.write_record(record)
        return gzip_member(self._buffer.getvalue(), self.gzip_level)


class _BrotliDecompressor:
    """brotli's Decompressor as warcio's readers use a decompressor: warcio 1.7/1.8 set an
    `unused_data` attribute on brotli's own object, which brotli >= 1.1 refuses, so every
    `Content-Encoding: br` record failed to read. A brotli stream has no data after its end."""

    unused_data = b""

    def __init__(self) -> None:
        self._decompressor = brotli.Decompressor()

    def decompress(self, data: bytes) -> bytes:
        return bytes(self._decompressor.process(data))


# warcio picks the decompressor of a record's Content-Encoding from this table
BufferedReader.DECOMPRESSORS["br"] = _BrotliDecompressor


def read_warc_record(archive_dir: str | Path, pointer: dict[str, Any]) -> WarcRecord:
    """Read the record a JSONL `warc` pointer leads to (decoded body, as a browser sees it)."""
    path = Path(archive_dir) / pointer["file"]
    with path.open("rb") as fh:
        fh.seek(int(pointer["offset"]))
        data = io.BytesIO(fh.read(int(pointer["length"])))
    for record in ArchiveIterator(data):
        status = record.http_headers.get_statuscode() if record.http_headers else None
        return WarcRecord(
            rec_type=record.rec_type,
            url=record.rec_headers.get_header("WARC-Target-URI"),
            status=int(status) if status else None,
            body=record.content_stream().read(),
            payload_digest=record.rec_headers.get_header("WARC-Payload-Digest"),
        )
    raise ValueError(f"no WARC record at {pointer}")


def write_cdxj(warc_path: Path) -> Path:
    """The sorted CDXJ index of one WARC file (`<file>.cdxj`), read back from the file by
    cdxj-indexer: for a file whose run did not close it (the writer indexes its files as it
    writes them, to the same lines)."""
    # imported here: cdxj-indexer imports pyamf and pkg_resources (80 ms, 6 MB), which a
    # crawl that indexes as it writes never needs
    from cdxj_indexer.main import CDXJIndexer

    out = warc_path.with_name(warc_path.name + ".cdxj")
    with out.open("w", encoding="utf-8") as fh:
        CDXJIndexer(fh, [str(warc_path)], sort=True).process_all()
    return out


def surt_key(url: str) -> str:
    """The SURT key pywb and cdxj-indexer look a URL up by."""
    return str(surt.surt(url))


def _cdxj_fields(record: Any) -> tuple[str, dict[str, Any]]:
    """(`<SURT key> <timestamp>`, cdxj-indexer's fields but length, offset, filename) of one
    response or revisit record."""
    headers, http = record.rec_headers, record.http_headers
    url = headers.get_header("WARC-Target-URI")
    fields: dict[str, Any] = {"url": url}
    if record.rec_type == "revisit":
        fields["mime"] = "warc/revisit"
    elif http is not None and (content_type := http.get_header("Content-Type")) is not None:
        fields["mime"] = _MIME_END.split(content_type, maxsplit=1)[0].strip()
    if http is not None:
        fields["status"] = http.get_statuscode()
    fields["digest"] = headers.get_header("WARC-Payload-Digest")
    stamp = "".join(c for c in headers.get_header("WARC-Date") or "" if c.isdigit())[:14]
    return f"{surt_key(url)} {stamp}", fields


def iter_warc_records(path: str | Path) -> Any:
    """(offset, length, record type, target URI) of every record of a WARC file."""
    with Path(path).open("rb") as fh:
        it = ArchiveIterator(fh)
        for record in it:
            uri = record.rec_headers.get_header("WARC-Target-URI")
            it.read_to_end(record)
            yield it.get_record_offset(), it.get_record_length(), record.rec_type, uri
