"""`python -m crawler probe URL [--pages N] [--save DIR]`: what the crawler sees on a start page.

Fetches one start URL (and follows its pager a few pages), then prints what the crawl would do:
the page kind and why, the article links with titles and dates, the pager and the next URLs,
the URL patterns it will use, and a seed line with profile overrides where the heuristics are
unsure (article links or pager pages no built-in pattern knows). `--save DIR` keeps the fetched
pages as a test fixture in the tests/realpages layout: page.html, origin.json, a draft
truth.json to review, and the pager pages under pages/.

The one command here that reaches the network (the URL given); the crawl's settings do not apply.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from crawler.page.discovery import ListPage, PageDecision, classify_url, decide_page, read_list_page
from crawler.page.encoding import decode_page
from crawler.page.listing import common_url_pattern
from crawler.settings import USER_AGENT

DEFAULT_PAGES = 3
TIMEOUT = 20.0
MAX_BYTES = 8 * 1024 * 1024
SHOWN_ITEMS = 40
_LOOPBACK = ("127.", "localhost", "[::1]")


@dataclass
class Fetched:
    url: str
    status: int
    content_type: str
    body: bytes


@dataclass
class Probed:
    fetched: Fetched
    decision: PageDecision
    page: ListPage | None  # None: an article


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("url", help="a column (list) page to start a crawl from")
    parser.add_argument(
        "--pages", type=int, default=DEFAULT_PAGES, help="list pages to read along the pager"
    )
    parser.add_argument("--save", type=Path, help="keep the fetched pages here as a fixture")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per request")


def run(args: argparse.Namespace) -> int:
    try:
        probed = probe(args.url, max(args.pages, 1), args.timeout)
    except OSError as exc:
        print(f"cannot fetch {args.url}: {exc}", file=sys.stderr)
        return 1
    report(probed, sys.stdout)
    if args.save:
        save_fixture(probed, args.save)
        print(f"\nsaved {len(probed)} page(s) to {args.save}")
    return 0


def probe(url: str, pages: int, timeout: float = TIMEOUT) -> list[Probed]:
    """The start page, then its pager's next pages while they are list pages."""
    found = [read(fetch(url, timeout))]
    while len(found) < pages:
        page = found[-1].page
        if page is None:
            break
        ahead = [u for u in page.pager.next_pages(1) if u not in {p.fetched.url for p in found}]
        if not ahead:
            break
        found.append(read(fetch(ahead[0], timeout)))
    return found


def fetch(url: str, timeout: float) -> Fetched:
    handlers = [urllib.request.ProxyHandler({})] if _is_loopback(url) else []
    opener = urllib.request.build_opener(*handlers)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with opener.open(request, timeout=timeout) as answer:
        body = answer.read(MAX_BYTES)
        content_type = answer.headers.get("Content-Type", "")
        return Fetched(answer.geturl(), answer.status, content_type, body)


def read(fetched: Fetched) -> Probed:
    declared = fetched.content_type.partition("charset=")[2].strip() or None
    text = decode_page(fetched.body, declared).text
    try:
        root = lxml.html.document_fromstring(text or "<html></html>")
    except (etree.ParserError, ValueError):
        root = lxml.html.document_fromstring("<html></html>")
    decision = decide_page(fetched.url, root, None, text)
    if decision.kind == "article":
        return Probed(fetched, decision, None)
    return Probed(fetched, decision, read_list_page(fetched.url, root, text, None, decision))


# --- the report ------------------------------------------------------------------------------
def report(probed: list[Probed], out: TextIO) -> None:
    first = probed[0]
    _page_report(first, out)
    for number, later in enumerate(probed[1:], start=2):
        out.write(f"\n--- page {number} ---\n")
        _page_report(later, out, brief=True)
    seed = suggested_seed_line(probed)
    out.write("\nseed line:\n  " + seed.line + "\n")
    for note in seed.notes:
        out.write(f"  # {note}\n")


def _page_report(probed: Probed, out: TextIO, brief: bool = False) -> None:
    fetched, decision, page = probed.fetched, probed.decision, probed.page
    out.write(f"URL     {fetched.url} (HTTP {fetched.status})\n")
    out.write(f"kind    {decision.why}\n")
    if page is None:
        return
    urls = [item.url for item in page.items] + list(page.records)
    out.write(f"articles {len(urls)}\n")
    for item in page.items[: 5 if brief else SHOWN_ITEMS]:
        shape = "article URL" if classify_url(item.url) == "article" else "verified by structure"
        out.write(f"  {item.date or '          '}  {item.title}\n      {item.url}  [{shape}]\n")
    for record in page.records[: 0 if brief else SHOWN_ITEMS]:
        out.write(f"  (datastore record) {record}\n")
    pager = page.pager
    out.write(f"pager   {pager.source or 'none'}\n")
    for line in pager.why:
        out.write(f"  {line}\n")
    nexts = pager.next_pages()
    out.write(f"  next: {', '.join(nexts[:5]) if nexts else 'none'}\n")
    if pager.template is not None:
        last = f", last {pager.last}" if pager.last is not None else ""
        out.write(f"  URL template: {pager.template.shown()}{last}\n")
    out.write(f"other links {len(page.links)} (navigation, side boxes: judged by their URL)\n")


@dataclass
class SeedLine:
    line: str
    notes: list[str]


def suggested_seed_line(probed: list[Probed]) -> SeedLine:
    """The start URL and the overrides the heuristics need on this site."""
    first = probed[0]
    host = urlsplit(first.fetched.url).hostname or "site"
    parts, notes = [first.fetched.url, f"name={host}"], []
    items = [item.url for p in probed if p.page for item in p.page.items]
    unknown = [u for u in items if classify_url(u) != "article"]
    if unknown and (pattern := common_url_pattern(unknown)):
        parts.append(f'article="{pattern}"')
        notes.append(
            f"{len(unknown)} article links match no built-in pattern: article= skips verifying them"
        )
    pagers = [p.page.pager for p in probed if p.page and p.page.pager.template]
    if pagers:
        template = pagers[0].template
        assert template is not None
        probe_url = template.url(2)
        if classify_url(probe_url) != "list":
            parts.append(f'list="{template.pattern()}"')
            notes.append("pager pages match no built-in list pattern: list= marks them")
    if first.decision.kind == "article":
        notes.append("the start page reads as an article: give a column page, or body= / list=")
    elif first.page is not None and not first.page.items and not first.page.records:
        notes.append("no list of articles recognized on the start page: check the URL")
    if not notes:
        notes.append("the built-in heuristics read this column; no overrides needed")
    return SeedLine(" ".join(parts), notes)


# --- the fixture -----------------------------------------------------------------------------
def save_fixture(probed: list[Probed], directory: Path) -> None:
    """tests/realpages layout: page.html + origin.json + a draft truth.json, pager pages in
    pages/ (NN.html and pages.json)."""
    directory.mkdir(parents=True, exist_ok=True)
    first = probed[0]
    (directory / "page.html").write_bytes(first.fetched.body)
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    origin = {
        "original_url": first.fetched.url, "fetched_at": now,
        "content_type": first.fetched.content_type, "found_with": "python -m crawler probe",
    }  # fmt: skip
    _write_json(directory / "origin.json", origin)
    page = first.page
    truth = {
        "url": first.fetched.url,
        "articles": [item.url for item in page.items] + list(page.records) if page else [],
        "titles": [item.title for item in page.items] if page else [],
        "next_pages": page.pager.next_pages(1) if page else [],
        "reviewed": False,  # a draft from the probe: check it against the page before use
    }
    _write_json(directory / "truth.json", truth)
    pages_dir = directory / "pages"
    pages_dir.mkdir(exist_ok=True)
    index = []
    for number, item in enumerate(probed, start=1):
        name = f"{number:02d}.html"
        (pages_dir / name).write_bytes(item.fetched.body)
        content_type = item.fetched.content_type
        index.append({"url": item.fetched.url, "file": name, "content_type": content_type})
    _write_json(pages_dir / "pages.json", index)


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")


def _is_loopback(url: str) -> bool:
    return urlsplit(url).netloc.startswith(_LOOPBACK)
