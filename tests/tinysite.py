"""A small site on 127.0.0.1 whose pages a crawl test writes itself: a threaded HTTP/1.1 server
that counts the requests for each path, and a handler base that sends a page."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from testbed.threaded import served


class TinySite(ThreadingHTTPServer):
    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self.lock = threading.Lock()
        self.hits: dict[str, int] = {}

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def hit(self, path: str) -> int:
        """Count a request for `path`; how many there have been, this one included."""
        with self.lock:
            self.hits[path] = self.hits.get(path, 0) + 1
            return self.hits[path]


class PageHandler(BaseHTTPRequestHandler):
    server: TinySite
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def send_page(
        self, status: int, body: bytes, kind: str = "text/html; charset=utf-8", modified: str = ""
    ) -> None:
        self.send_response(status)
        if modified:
            self.send_header("Last-Modified", modified)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def page(title: str, body: str) -> bytes:
    head = f'<head><meta charset="utf-8"><title>{title}</title></head>'
    return f"<html>{head}<body>{body}</body></html>".encode()


def serving(handler: type[PageHandler]) -> AbstractContextManager[TinySite]:
    return served(TinySite(handler))


def site_fixture(handler: type[PageHandler]) -> Any:
    """A test module's `site` fixture: the tiny site of `handler`, served for one test."""

    @pytest.fixture
    def site() -> Iterator[TinySite]:
        with serving(handler) as running:
            yield running

    return site
