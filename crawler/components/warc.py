"""Raw capture as evidence: fetched responses handed to the archive's WARC writer.

`WarcCaptureMiddleware` is a downloader middleware at 595: its `process_response` runs after
the redirect middleware (600, so only final responses are kept) and before HTTP decompression
(590), so the WARC holds the payload as it came over the wire, Content-Encoding and all
(warcio's readers decode it again); the incremental middleware (597) has dropped 304s already.
How records are built, compressed, indexed and rotated, and when a capture is a revisit:
`crawler.store.warc`.

`request.meta[WARC_META] = {"file", "offset", "length"}` (the spider's `response.meta`) points
at the response record (the original one for a revisit), relative to ARCHIVE_DIR.
"""

from __future__ import annotations

from functools import cache
from http import HTTPStatus
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured
from warcio.statusandheaders import StatusAndHeaders

from crawler import defaults
from crawler.components.archive import archive_of
from crawler.components.contract import ARTICLE_KIND, LIST_KINDS, WARC_META, request_kind

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from crawler.store.warc import WarcWriter

# hop-by-hop headers describe a transfer Scrapy already undid (the body is de-chunked)
_DROPPED_HEADERS = frozenset({b"transfer-encoding"})


class WarcCaptureMiddleware:
    def __init__(self, crawler: Crawler, warc: WarcWriter, list_pages: bool) -> None:
        self.stats = crawler.stats
        self.warc = warc
        self.kinds = {ARTICLE_KIND} | (LIST_KINDS if list_pages else set())

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcCaptureMiddleware:
        warc = archive_of(crawler).warc
        if warc is None:
            raise NotConfigured("WARC_ENABLED is off: no raw capture")
        list_pages = crawler.settings.getbool("WARC_LIST_PAGES", defaults.WARC_LIST_PAGES)
        return cls(crawler, warc, list_pages)

    def process_response(self, request: Request, response: Response) -> Response:
        kind = request_kind(request.meta)
        if kind not in self.kinds:
            return response
        if not 200 <= response.status < 300:
            self.stats.inc_value(f"warc/skipped/status_{response.status}")
            return response
        captured = self.warc.capture(
            response.url, response.body, _response_headers(response), request_url=request.url,
            request_body=request.body, request_headers=_request_headers(request),
        )  # fmt: skip
        self.stats.inc_value("warc/revisit" if captured.revisit else "warc/response")
        self.stats.inc_value("warc/bytes", captured.bytes)
        # the downloader ties response and request later: response.meta is request.meta then
        request.meta[WARC_META] = captured.pointer
        return response


def _response_headers(response: Response) -> StatusAndHeaders:
    headers = [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in response.headers.items()
        if name.lower() not in _DROPPED_HEADERS
        for value in values
    ]
    status = f"{response.status} {_reason(response.status)}"
    return StatusAndHeaders(status, headers, protocol="HTTP/1.1")


def _request_headers(request: Request) -> StatusAndHeaders:
    parts = urlsplit(request.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = [("Host", parts.netloc)] + [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in request.headers.items()
        for value in values
    ]
    return StatusAndHeaders(
        f"{request.method} {target} HTTP/1.1", headers, protocol="", is_http_request=True
    )


@cache
def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
