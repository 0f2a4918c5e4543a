"""A TRS site of any size whose pages are rendered when asked for and never stored: the
benchmarks' 100,000-article site.

Article n (0 <= n < n_articles) is a function of n: its column (n mod the column count), its
date (`MINUTES_APART` minutes after article n - 1), its title and paragraphs (drawn by a random
generator seeded with the site's seed and n from pools of filler titles and paragraphs made once,
so one page costs the server a few tens of microseconds, not the filler's 0.7 ms). Column pages list
their articles newest first, `PER_PAGE` a page, paged by `createPageHTML` as TRS sites are; the
home page links the columns and their newest articles, every page the six newest. Only these
few fixed pages (home, channels, robots.txt, static pages) are kept; memory does not grow with the
site. Five paragraphs of a pool of thousands: no two articles are near-duplicates.
"""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta
from functools import lru_cache
from html import escape

from testbed.replica.filler import TITLE_PATTERNS, Filler
from testbed.replica.generated import FIRST_DAY, html_page
from testbed.replica.model import ArticleDoc, ArticleTruth, OtherPage, Page
from testbed.replica.trs import PER_PAGE, TrsSite

ID_BASE = 100_000  # article n's id in its URL: every id has the same number of digits
MINUTES_APART = 23  # 100,000 articles span about four years
COLUMNS = 40  # 2,500 articles, 167 pages a column: under SPIDER_MAX_LIST_PAGES_PER_COLUMN
PARAGRAPH_POOL = 4096
TITLE_POOL = 4096
SOURCES = ["区融媒体中心", "区政府办公室", "区发展改革局", "区科技局", "本网"]
ARTICLE_PATH = re.compile(r"/xwzx/lm\d\d/\d{6}/t\d{8}_(?P<id>\d+)\.html")
LIST_PATH = re.compile(r"/(?P<column>xwzx/lm\d\d)/index(?:_(?P<page>\d+))?\.html")
_CACHED_DOCS = 1024  # a list page's articles are usually asked for soon after it


class OnTheFlySite(TrsSite):
    """`OnTheFlySite("bulk", "南通开发区", seed=7, n_articles=100_000)`; read-only."""

    columns = [(f"xwzx/lm{c:02d}", f"栏目{c + 1:02d}") for c in range(COLUMNS)]  # noqa: RUF012

    def __init__(self, name: str, label: str, seed: int, n_articles: int) -> None:
        super().__init__(name, label, seed)
        self.n_articles = n_articles
        filler = Filler(seed)
        when = FIRST_DAY
        self.titles = [
            filler.choice(TITLE_PATTERNS).format(**filler.slots(when.year, when.month, when.day))
            for _ in range(TITLE_POOL)
        ]
        self.paragraphs = [filler.paragraph(2021, 6, 18) for _ in range(PARAGRAPH_POOL)]
        self.doc = lru_cache(maxsize=_CACHED_DOCS)(self._doc)
        self._headlines = [self.doc(n) for n in range(n_articles - 1, max(n_articles - 7, -1), -1)]

    # -- article n --------------------------------------------------------------------------
    def published(self, n: int) -> datetime:
        return FIRST_DAY + timedelta(minutes=MINUTES_APART * n)

    def _doc(self, n: int) -> ArticleDoc:
        rng = random.Random(self.seed * 1_000_003 + n)
        picks = rng.sample(range(PARAGRAPH_POOL), rng.randint(3, 7))
        paragraphs = [self.paragraphs[i] for i in picks]
        column_id, column = self.columns[n % COLUMNS]
        published = self.published(n)
        title = self.titles[rng.randrange(TITLE_POOL)]
        truth = ArticleTruth(
            url_path="", site=self.name, cms=self.cms, title=title,
            published_at=self.shown_time(published), source=rng.choice(SOURCES), column=column,
            breadcrumbs=self.breadcrumbs(column), paragraphs=paragraphs, site_name=self.label,
            site_id_code=self.id_code,
        )  # fmt: skip
        doc = ArticleDoc(
            truth=truth, doc_id=ID_BASE + n, published=published, modified=published,
            shown_title=title, shown_paragraphs=[escape(p, quote=False) for p in paragraphs],
            column_id=column_id,
        )  # fmt: skip
        truth.url_path = self.article_path(doc)
        return doc

    def article_count(self, column: int) -> int:
        return max(0, (self.n_articles - column + COLUMNS - 1) // COLUMNS)

    def column_docs(self, column: int, page: int) -> list[ArticleDoc]:
        """Page `page` of a column, newest first."""
        top = self.article_count(column) - 1 - page * PER_PAGE
        ks = range(top, max(top - PER_PAGE, -1), -1)
        return [self.doc(column + COLUMNS * k) for k in ks]

    def headlines(self, count: int = 6) -> list[ArticleDoc]:
        return self._headlines[:count]

    def sorted_docs(self, column_id: str | None = None) -> list[ArticleDoc]:
        """The newest page of a column (of the site when None): all a fixed page shows."""
        if column_id is None:
            return self._headlines
        return self.column_docs(self._column_number(column_id), 0)

    def _column_number(self, column_id: str) -> int:
        return [cid for cid, _ in self.columns].index(column_id)

    # -- serving ----------------------------------------------------------------------------
    def resolve(self, path: str, query: str) -> Page | None:
        if match := ARTICLE_PATH.fullmatch(path):
            n = int(match["id"]) - ID_BASE
            if not 0 <= n < self.n_articles:
                return None
            doc = self.doc(n)
            if doc.truth.url_path != path:
                return None
            return Page(html_page(self.article_html(doc)).body, modified=doc.modified)
        if match := LIST_PATH.fullmatch(path):
            return self._list_page(match["column"], int(match["page"] or 0))
        return super().resolve(path, query)

    def _list_page(self, column_id: str, page: int) -> Page | None:
        try:
            column = self._column_number(column_id)
        except ValueError:
            return None
        count = max(1, -(-self.article_count(column) // PER_PAGE))
        if page >= count:
            return None
        docs = self.column_docs(column, page)
        name = self.columns[column][1]
        body = html_page(self.list_html(column_id, name, docs, page, count)).body
        return Page(body, modified=self.newest(docs))

    def render(self, pages: dict[str, Page], other: list[OtherPage]) -> None:
        """Only the fixed pages; articles and column pages are rendered when asked for."""
        newest = self._headlines[0].modified if self._headlines else FIRST_DAY
        home = Page(html_page(self.home_html()).body, modified=newest)
        pages["/index.html"] = pages["/"] = home
        for channel in ("xwzx",):
            pages[f"/{channel}/index.html"] = Page(
                html_page(self.channel_html(channel)).body, modified=newest
            )
        pages["/robots.txt"] = Page(self.robots_txt().encode(), "text/plain", FIRST_DAY)

    def all_columns(self) -> list[tuple[str, str]]:
        return list(self.columns)

    def robots_txt(self) -> str:
        return f"User-agent: *\nDisallow: {self.disallowed}\n"

    def start_paths(self) -> list[str]:
        return ["/index.html"]

    def new_article(self) -> ArticleDoc:
        raise NotImplementedError("an on-the-fly site is read-only")
