"""Data model of the replica sites: pages as served, and the truth a crawl is checked against."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from html import escape
from typing import Any

# Placeholders in page bodies, replaced by the server with the site's base URL and the URL of a
# port where nothing listens (absolute URLs are needed in sitemaps, feeds and off-site links).
BASE_PLACEHOLDER = b"__REPLICA_BASE__"
DEAD_PLACEHOLDER = b"__REPLICA_DEAD__"
BASE_TOKEN = BASE_PLACEHOLDER.decode()
DEAD_TOKEN = DEAD_PLACEHOLDER.decode()
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Page:
    """One response as the server sends it (before placeholder substitution)."""

    body: bytes
    content_type: str = "text/html; charset=utf-8"
    modified: datetime | None = None
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RawResponse:
    """A response the server does not send as HTTP: `write` gets the connected socket once the
    request is read and may send anything (a reset, a stall, a malformed status line); the
    connection is closed afterwards. Each must end on its own within a bounded time."""

    write: Callable[[socket.socket], None]


@dataclass
class ArticleTruth:
    """What a perfect crawler would archive for one article page (text simplified, no pinyin)."""

    url_path: str
    site: str
    cms: str
    title: str
    published_at: str
    source: str | None
    column: str | None
    breadcrumbs: list[str]
    paragraphs: list[str]
    traditional: bool = False
    encoding: str = "utf-8"
    declared_encoding: str | None = "utf-8"
    images: list[dict[str, str | None]] = field(default_factory=list)  # caption None: none shown
    attachments: list[dict[str, str]] = field(default_factory=list)
    reporters: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    reviewers: list[str] = field(default_factory=list)
    duplicate_group: str | None = None
    disclosure: dict[str, str] | None = None
    site_name: str | None = None
    site_id_code: str | None = None
    flags: list[str] = field(default_factory=list)  # record flags a crawl should raise
    traps: list[str] = field(default_factory=list)  # what the page does to a crawler
    seed: str | None = None
    version: int = 1

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["text"] = self.text
        return data


@dataclass(frozen=True)
class OtherPage:
    """A served path that is not an article: must never appear in the archive.

    kind: list, home, dataproxy, sitemap, feed, robots, disallowed, asset, bad_input.
    """

    url_path: str
    site: str
    kind: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ArticleDoc:
    """An article as a site renders it: its truth plus what only the page shows."""

    truth: ArticleTruth
    doc_id: int
    published: datetime
    modified: datetime
    shown_title: str
    shown_paragraphs: list[str]  # HTML fragments (escaped text, ruby markup ...)
    image_slots: dict[int, list[tuple[str, str | None]]] = field(default_factory=dict)
    column_id: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


class ReplicaSite:
    """A replica site: served pages, article truth, and mutations for incremental-crawl tests.

    Subclasses render pages from `docs`; every mutation re-renders and swaps `pages` under the lock,
    so a server may keep serving while a test mutates the site.
    """

    cms = "static"

    def __init__(self, name: str, label: str, seed: int) -> None:
        self.name = name  # short key: trs, hanweb, vsb, ruby, hijacked, farm
        self.label = label  # the site's own name, e.g. 南通开发区
        self.seed = seed
        self.docs: list[ArticleDoc] = []
        self.static_pages: dict[str, Page] = {}
        self.static_other: list[OtherPage] = []
        self.pages: dict[str, Page] = {}
        self.other_pages: list[OtherPage] = []
        self.lock = threading.RLock()

    # -- public -------------------------------------------------------------------------------
    @property
    def articles(self) -> list[ArticleTruth]:
        return [doc.truth for doc in self.docs]

    def start_paths(self) -> list[str]:
        return ["/index.html"]

    def seed_overrides(self) -> dict[str, str]:
        return {}

    def resolve(self, path: str, query: str) -> Page | None:
        """The page for a request path and query string (exact match, then path alone)."""
        pages = self.pages
        if query and f"{path}?{query}" in pages:
            return pages[f"{path}?{query}"]
        if path.endswith("/") and path != "/":
            path += "index.html"
        return pages.get(path)

    def raw(self, path: str) -> RawResponse | None:
        """A response sent below HTTP for `path` (None: an ordinary page, see `resolve`)."""
        return None

    def add_articles(self, k: int) -> list[ArticleTruth]:
        """Publish k new articles, newer than every existing one; list pages change."""
        with self.lock:
            new = [self.new_article() for _ in range(k)]
            self.rebuild()
            return [doc.truth for doc in new]

    def edit_article(self, index: int, new_paragraph: str) -> ArticleTruth:
        """Append a paragraph to article `index`: new body, new ETag and Last-Modified."""
        with self.lock:
            doc = self.docs[index]
            latest = max(d.modified for d in self.docs)
            doc.modified = max(latest, doc.modified).replace(microsecond=0) + _ONE_DAY
            doc.truth.paragraphs.append(new_paragraph)
            doc.shown_paragraphs.append(self.shown_paragraph(new_paragraph))
            doc.truth.version += 1
            self.rebuild()
            return doc.truth

    def latency(self, path: str) -> float:
        """Seconds the server waits before answering `path` (a test may shuffle answers)."""
        return 0.0

    def rebuild(self) -> None:
        with self.lock:
            pages = dict(self.static_pages)
            other = list(self.static_other)
            self.render(pages, other)
            self.pages = pages
            self.other_pages = other

    # -- for subclasses -----------------------------------------------------------------------
    def render(self, pages: dict[str, Page], other: list[OtherPage]) -> None:
        """Render every article and list page into `pages`, non-articles into `other`."""

    def new_article(self) -> ArticleDoc:
        raise NotImplementedError(f"{self.name} takes no new articles")

    def shown_paragraph(self, text: str) -> str:
        return escape(text, quote=False)
