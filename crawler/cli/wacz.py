"""`python -m crawler wacz [ARCHIVE_DIR] -o out.wacz`: the archive's WARC files as one WACZ
(py-wacz: the WARCs, a CDX index of them, datapackage.json with sha256 sums), whose
`pages/pages.jsonl` lists the archived articles from the records: one page per capture (`url`,
`ts` the capture's WARC-Date, `title`), so a replay tool (ReplayWeb.page, pywb) opens on the
articles rather than on every list page.

A capture's time is read from the CDXJ index the writer saved next to each WARC file (the line
at the record's `warc.offset`).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from wacz.main import main as wacz_main

from crawler.cli import add_archive_argument
from crawler.store.records import RECORDS_DIR
from crawler.store.warc import WARC_DIR

PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "Archived articles"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_archive_argument(parser)
    parser.add_argument("-o", "--out", type=Path, default=Path("archive.wacz"), help="the WACZ")
    parser.add_argument("--title", default="govnews archive", help="the WACZ's title")


def run(args: argparse.Namespace) -> int:
    warcs = sorted((args.archive / WARC_DIR).glob("*.warc.gz"))
    if not warcs:
        sys.stderr.write(f"wacz: no WARC files under {args.archive / WARC_DIR}\n")
        return 1
    pages = list(archived_pages(args.archive))
    with tempfile.TemporaryDirectory() as tmp:
        pages_file = Path(tmp) / "pages.jsonl"
        write_pages(pages_file, pages)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        said = io.StringIO()
        with contextlib.redirect_stdout(said):  # py-wacz reports every step on stdout
            code = wacz_main(
                ["create", "-o", str(args.out), "-p", str(pages_file), "--copy-pages",
                 "--title", args.title, *map(str, warcs)]
            )  # fmt: skip
    if code:
        sys.stderr.write(said.getvalue())
        sys.stderr.write(f"wacz: py-wacz failed ({code})\n")
        return 1
    sys.stdout.write(f"{len(warcs)} WARC files, {len(pages)} pages -> {args.out}\n")
    return 0


def archived_pages(archive: Path) -> Iterator[dict[str, Any]]:
    """One page per capture the records point at, in record order."""
    stamps = capture_times(archive)
    seen: set[tuple[str, str]] = set()
    for path in sorted((archive / RECORDS_DIR).glob("**/*.jsonl")):
        with path.open("rb") as fh:
            for line in fh:
                rec = json.loads(line)
                pointer = rec.get("warc")
                if not pointer:
                    continue
                ts = stamps.get((Path(pointer["file"]).name, int(pointer["offset"])))
                if ts is None or (rec["url"], ts) in seen:
                    continue
                seen.add((rec["url"], ts))
                yield {"id": rec["version_id"], "url": rec["url"], "ts": ts, "title": rec["title"]}


def capture_times(archive: Path) -> dict[tuple[str, int], str]:
    """(WARC file name, offset) -> the capture's time (ISO 8601, UTC), from the CDXJ indexes."""
    times = {}
    for index in sorted((archive / WARC_DIR).glob("*.warc.gz.cdxj")):
        with index.open("r", encoding="utf-8") as fh:
            for line in fh:
                _key, stamp, fields = line.split(" ", 2)
                data = json.loads(fields)
                times[(data["filename"], int(data["offset"]))] = _iso(stamp)
    return times


def write_pages(path: Path, pages: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for page in [PAGES_HEADER, *pages]:
            fh.write(json.dumps(page, ensure_ascii=False) + "\n")


def _iso(stamp: str) -> str:
    """`20240101093000` -> `2024-01-01T09:30:00Z`."""
    s = stamp.ljust(14, "0")
    return f"{s[:4]}-{s[4:6]}-{s[6:8]}T{s[8:10]}:{s[10:12]}:{s[12:14]}Z"
