"""`python -m crawler extract PAGE.html [--url URL]`: a saved page -> its record (JSON line).

The same assembly as the crawl (`crawler.page.assemble.assemble_record`): a page the crawl would
not archive prints no record but the reason on stderr and exits 1 (`--keep-dropped` prints the
record anyway). A document file (`.pdf`, `.doc`, `.xlsx` … by its name or URL, or any file
given a `--title`) gives the document record a list's row would (`assemble_document`), titled
`--title` or by its file name, dated `--date`; other binary bytes are dropped as the crawl
drops a page made of them (`extract/not_html`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

from crawler.page.assemble import FetchedPage, assemble_document, assemble_record
from crawler.page.discovery import looks_binary
from crawler.page.profiles import SiteProfile
from crawler.page.record import to_json_line
from crawler.page.vocabulary import DOCUMENT_URL
from crawler.seeds import load_seeds, site_netloc

EXIT_DROPPED = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("page", type=Path, help="a saved page: raw bytes, any encoding")
    parser.add_argument("--url", help="the page's URL (default: file:// URL of PAGE)")
    parser.add_argument("--encoding", help="the charset an HTTP header declared, if any")
    parser.add_argument(
        "--seeds",
        type=Path,
        help="a seed list: its line for the URL's site applies",
    )
    parser.add_argument(
        "--keep-dropped", action="store_true", help="print the record of a page the crawl drops"
    )
    parser.add_argument("--title", help="a document file's title (default: its file name)")
    parser.add_argument("--date", help="a document file's date, as its list row shows it")


def run(args: argparse.Namespace) -> int:
    body = args.page.read_bytes()
    url = args.url or args.page.resolve().as_uri()
    profile = _profile_for(url, args.seeds) if getattr(args, "seeds", None) else None
    page = FetchedPage(url, body, args.encoding)
    named = DOCUMENT_URL.search(args.page.name) or DOCUMENT_URL.search(urlsplit(url).path)
    if looks_binary(body) and (named or getattr(args, "title", None)):
        # a document file, as a list's row leads to it (bytes served as a page are dropped)
        title = getattr(args, "title", None) or args.page.stem
        assembled = assemble_document(page, title, getattr(args, "date", None), profile)
    else:
        assembled = assemble_record(page, profile)
    if assembled.dropped is not None:
        print(f"dropped ({assembled.dropped}): {url} {assembled.detail}".rstrip(), file=sys.stderr)
        if not (args.keep_dropped and assembled.record is not None):
            return EXIT_DROPPED
    assert assembled.record is not None
    sys.stdout.write(to_json_line(assembled.record))
    return 0


def _profile_for(url: str, seeds: Path) -> SiteProfile | None:
    """The seed line whose start URLs are on the URL's site, as the crawl would apply it."""
    netloc = site_netloc(url)
    return next(
        (p for p in load_seeds(seeds) if any(site_netloc(u) == netloc for u in p.start_urls)),
        None,
    )
