"""`python -m crawler extract PAGE.html [--url URL]`: a saved page -> its record (JSON line)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.page.record import build_record, to_json_line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("page", type=Path, help="a saved page: raw bytes, any encoding")
    parser.add_argument("--url", help="the page's URL (default: file:// URL of PAGE)")
    parser.add_argument("--encoding", help="the charset an HTTP header declared, if any")


def run(args: argparse.Namespace) -> int:
    body = args.page.read_bytes()
    url = args.url or args.page.resolve().as_uri()
    record = build_record(body, url, declared_encoding=args.encoding)
    sys.stdout.write(to_json_line(record))
    return 0
