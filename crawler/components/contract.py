"""What a request carries between the spider and the components, and why one was skipped.

Declared once: the request-meta keys, the request kinds, and `SkipRequest`, the typed
`IgnoreRequest` whose `reason` becomes the stats key `skip/<reason>` (never parsed from text).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, get_args

from scrapy.exceptions import IgnoreRequest

if TYPE_CHECKING:
    from scrapy.http import Response

# What the spider asked for: a seed page whose structure decides, a list page, an article, a
# sitemap, a feed, a Hanweb dataproxy.jsp answer, or a JPaaS page unit's (crawler.page.jpaas).
RequestKind = Literal["start", "list", "article", "sitemap", "feed", "dataproxy", "unit"]
REQUEST_KINDS: frozenset[str] = frozenset(get_args(RequestKind))
LIST_KINDS: frozenset[str] = frozenset({"start", "list", "sitemap", "feed", "dataproxy", "unit"})
ARTICLE_KIND: RequestKind = "article"

# request.meta keys
KIND_META = "govnews_kind"  # a RequestKind
SITE_META = "govnews_site"  # the seed profile's name
VERIFY_META = "govnews_verify"  # an "article" whose URL proves nothing: check the page structure
# distance from content: pages of unknown kind followed in a row; a list's pager pages keep it
UNKNOWN_DEPTH_META = "govnews_unknown_depth"
COLUMN_META = "govnews_column"  # the first list page of the column a pager page belongs to
PAGE_NUMBER_META = "govnews_page_number"  # a pager page's number in its column's URL template
# the column's pager URL template as (prefix, suffix, last number or None, step)
PAGER_META = "govnews_pager"
FORCED_ENCODING_META = "govnews_encoding"  # the seed profile's encoding= override
# an "article" that is a document file a list shows as a row: (the row's title, its date or None)
DOCUMENT_META = "govnews_document"
# a page of unknown kind a list showed as a row: (the row's title, its date or None), evidence
# for an article, and the document record's fields when the answer is a file
LISTED_META = "govnews_listed"
# a page continuing an article printed over several (crawler.page.continued): JSON of the
# record read so far (`record`), the article's pages still to read (`pages`, [number, URL]), how
# many were requested (`count`) and this page's number (`number`)
CONTINUED_META = "govnews_continued"
# set on a request whose answer failed (the spider's errback): an item its errback yields (the
# pages of an article read before this one) settles nothing in the frontier, which keeps the
# request to retry when the failure may pass
FAILED_META = "govnews_failed"
WARC_META = "warc"  # the WARC pointer of the captured response (set by WarcCaptureMiddleware)
CONDITIONAL_META = "govnews_conditional"  # the request carries our If-None-Match/-Modified-Since


def request_kind(meta: dict[str, Any]) -> str | None:
    """The kind the spider gave a request (None: a request that is not the spider's own)."""
    kind = meta.get(KIND_META)
    return kind if isinstance(kind, str) else None


def response_header(response: Response, name: bytes) -> str | None:
    """A response header as text (latin-1, as HTTP defines it), None when absent or empty."""
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


class SkipRequest(IgnoreRequest):
    """A request dropped on purpose; counted by the spider as `skip/<reason>`.

    `quiet` skips are expected on every run (a 304, a known article) and logged at DEBUG only.
    """

    def __init__(self, reason: str, detail: str = "", *, quiet: bool = False) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.quiet = quiet


# Signal the spider sends for a request that gave no usable page (`request=`, `reason=` its
# stats key, e.g. "skip/http_500"): the frontier (crawler.components.frontier) records why.
page_skipped = object()
# Signal the spider sends for a page requested as an article (its URL proved nothing) that it
# read as a list (`request=`, `response=`): the crawl state revalidates it as a list page from
# then on (crawler.components.incremental), never skipping it as a known article.
page_read_as_list = object()
