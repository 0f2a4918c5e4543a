"""`python -m crawler extract PAGE.html [--url URL]`: a saved page -> its record (JSON line).

The same assembly as the crawl (`crawler.page.assemble.assemble_record`): a page the crawl would
not archive prints no record but the reason on stderr and exits 1 (`--keep-dropped` prints the
record anyway).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.page.assemble import FetchedPage, assemble_record
from crawler.page.record import to_json_line

EXIT_DROPPED = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("page", type=Path, help="a saved page: raw bytes, any encoding")
    parser.add_argument("--url", help="the page's URL (default: file:// URL of PAGE)")
    parser.add_argument("--encoding", help="the charset an HTTP header declared, if any")
    parser.add_argument(
        "--keep-dropped", action="store_true", help="print the record of a page the crawl drops"
    )


def run(args: argparse.Namespace) -> int:
    body = args.page.read_bytes()
    url = args.url or args.page.resolve().as_uri()
    assembled = assemble_record(FetchedPage(url, body, args.encoding))
    if assembled.dropped is not None:
        print(f"dropped ({assembled.dropped}): {url} {assembled.detail}".rstrip(), file=sys.stderr)
        if not (args.keep_dropped and assembled.record is not None):
            return EXIT_DROPPED
    assert assembled.record is not None
    sys.stdout.write(to_json_line(assembled.record))
    return 0
