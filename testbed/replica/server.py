"""`ReplicaServer`: one loopback HTTP server per replica site, with a request log.

GET/HEAD (and POST for Hanweb's dataproxy), ETag and Last-Modified on every 200 page, 304 on
`If-None-Match` / `If-Modified-Since`, placeholders in bodies replaced with absolute URLs.
"""

from __future__ import annotations

import contextlib
import hashlib
import socket
import threading
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import unquote, urlsplit

from testbed.replica.generated import FIRST_DAY, http_date
from testbed.replica.model import (
    BASE_PLACEHOLDER,
    DEAD_PLACEHOLDER,
    Page,
    RawResponse,
    ReplicaSite,
)

NOT_FOUND = Page(
    b"<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>",
    status=404,
)
DEMO_HOST = "127.0.0.1"
DEMO_FIRST_PORT = 8801
SERVER_NAME = "replica-gov/1.0"
KEEPALIVE_TIMEOUT = 30.0


@dataclass(frozen=True)
class RequestRecord:
    site: str
    method: str
    path: str  # path plus query string, as requested
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)  # when the request arrived


class _SiteHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = True
    # socketserver's default backlog (5) drops connections under a crawler's concurrency, and
    # each drop costs the client a 1 s SYN retransmit
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], owner: ReplicaServer, site: ReplicaSite) -> None:
        self.owner = owner
        self.site = site
        super().__init__(address, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up mid-response are normal here; stay quiet."""


class _Handler(BaseHTTPRequestHandler):
    server: _SiteHTTPServer
    server_version = SERVER_NAME
    sys_version = ""
    # keep-alive, as real government servers do: every response carries Content-Length (or is
    # a 304); an idle connection is closed after KEEPALIVE_TIMEOUT seconds
    protocol_version = "HTTP/1.1"
    timeout = KEEPALIVE_TIMEOUT

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the owner keeps a structured request log instead."""

    def do_GET(self) -> None:
        self.respond(send_body=True)

    def do_HEAD(self) -> None:
        self.respond(send_body=False)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = self.rfile.read(length).decode("latin-1") if length else ""
        self.respond(send_body=True, extra_query=form)

    def respond(self, send_body: bool, extra_query: str = "") -> None:
        arrived = time.monotonic()
        parts = urlsplit(self.path)
        query = "&".join(q for q in (parts.query, extra_query) if q)
        site = self.server.site
        if delay := site.latency(parts.path):
            time.sleep(delay)
        if (raw := site.raw(unquote(parts.path))) is not None:
            self.send_raw(raw)
            return
        with site.lock:
            page = site.resolve(unquote(parts.path), query) or NOT_FOUND
        body = self.server.owner.substitute(site.name, page.body)
        status = page.status
        etag = f'"{hashlib.sha1(body).hexdigest()[:20]}"'
        modified = http_date(page.modified or FIRST_DAY)
        if status == 200 and self.not_modified(etag, page):
            status, body = 304, b""
        self.server.owner.log(
            site.name, self.command, self.path, status, dict(self.headers), at=arrived
        )
        self.send_response(status)
        self.send_header("Content-Type", page.content_type)
        if page.status == 200:
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", modified)
        for name, value in page.headers:
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and body:
            with contextlib.suppress(OSError):  # the client gave up (a size limit, a timeout)
                self.wfile.write(body)

    def send_raw(self, raw: RawResponse) -> None:
        self.server.owner.log(self.server.site.name, self.command, self.path, 0, dict(self.headers))
        self.close_connection = True
        with contextlib.suppress(OSError):  # the client gave up, or the page reset it
            raw.write(self.connection)

    def not_modified(self, etag: str, page: Page) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            return etag in {tag.strip() for tag in if_none_match.split(",")} or if_none_match == "*"
        since = self.headers.get("If-Modified-Since")
        if not since or page.modified is None:
            return False
        try:
            return parsedate_to_datetime(since).timestamp() >= _modified_ts(page)
        except (TypeError, ValueError):
            return False


def _modified_ts(page: Page) -> float:
    return parsedate_to_datetime(http_date(page.modified or FIRST_DAY)).timestamp()


class ReplicaServer:
    """Serve `sites` on loopback, one server per site; a context manager.

    ports: None for ephemeral ports on `host`, or one `(host, port)` per site (in order);
    log_requests: keep the request log (`request_log()`).
    """

    def __init__(
        self,
        sites: list[ReplicaSite],
        host: str = "127.0.0.1",
        ports: list[tuple[str, int]] | None = None,
        *,
        log_requests: bool = True,
    ) -> None:
        self.sites = {site.name: site for site in sites}
        self.host = host
        self.ports = ports
        self.log_requests = log_requests  # off: a long benchmark's log would only grow
        self.requests: list[RequestRecord] = []
        self._log_lock = threading.Lock()
        self._servers: dict[str, _SiteHTTPServer] = {}
        self._threads: list[threading.Thread] = []
        self._bases: dict[str, bytes] = {}
        self._dead_socket: socket.socket | None = None
        self.dead_url = ""

    # -- lifecycle ----------------------------------------------------------------------------
    def start(self) -> ReplicaServer:
        addresses = self.ports or [(self.host, 0)] * len(self.sites)
        if len(addresses) != len(self.sites):
            raise ValueError(f"{len(self.sites)} sites need {len(self.sites)} addresses")
        try:
            self._dead_socket = dead_socket(self.host)
            self.dead_url = f"http://{self.host}:{self._dead_socket.getsockname()[1]}"
            for address, site in zip(addresses, self.sites.values(), strict=True):
                self._serve(address, site)
        except BaseException:
            self.stop()
            raise
        return self

    def _serve(self, address: tuple[str, int], site: ReplicaSite) -> None:
        server = _SiteHTTPServer(address, self, site)
        self._servers[site.name] = server
        self._bases[site.name] = self.base_url(site.name).encode()
        thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05},
            name=f"replica-{site.name}", daemon=True,
        )  # fmt: skip
        thread.start()
        self._threads.append(thread)

    def stop(self) -> None:
        for server in self._servers.values():
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers.clear()
        self._threads.clear()
        if self._dead_socket is not None:
            self._dead_socket.close()
            self._dead_socket = None

    def __enter__(self) -> ReplicaServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- addresses and bodies -----------------------------------------------------------------
    def base_url(self, site_name: str) -> str:
        host, port = self._servers[site_name].server_address[:2]
        host_text = host.decode() if isinstance(host, bytes) else host
        return f"http://{host_text}:{port}"

    def url(self, site_name: str, path: str) -> str:
        return self.base_url(site_name) + path

    def substitute(self, site_name: str, body: bytes) -> bytes:
        if b"__REPLICA_" not in body:
            return body
        body = body.replace(BASE_PLACEHOLDER, self._bases[site_name])
        return body.replace(DEAD_PLACEHOLDER, self.dead_url.encode())

    # -- request log --------------------------------------------------------------------------
    def log(
        self, site: str, method: str, path: str, status: int, headers: dict[str, str],
        at: float | None = None,
    ) -> None:  # fmt: skip
        if not self.log_requests:
            return
        record = RequestRecord(site, method, path, status, headers, at or time.monotonic())
        with self._log_lock:
            self.requests.append(record)

    def clear_log(self) -> None:
        with self._log_lock:
            self.requests.clear()

    def request_log(self) -> list[RequestRecord]:
        with self._log_lock:
            return list(self.requests)

    # -- seeds and truth ----------------------------------------------------------------------
    def seed_lines(self) -> list[str]:
        lines = []
        for name, site in self.sites.items():
            urls = " ".join(self.url(name, path) for path in site.start_paths())
            overrides = "".join(f" {k}={v}" for k, v in site.seed_overrides().items())
            lines.append(f"{urls}  name={site.label}{overrides}")
        return lines

    def write_seed_file(self, path: str | Path) -> Path:
        target = Path(path)
        header = "# Replica government sites served by testbed.replica.ReplicaServer\n"
        target.write_text(header + "\n".join(self.seed_lines()) + "\n", encoding="utf-8")
        return target

    def truth(self) -> dict[str, Any]:
        """Absolute-URL truth: {'articles': [...], 'other_pages': [...], 'sites': {...}}."""
        articles, other = [], []
        for name, site in self.sites.items():
            with site.lock:
                for truth in site.articles:
                    articles.append(self._absolute(name, truth.to_dict()))
                for page in site.other_pages:
                    other.append(self._absolute(name, page.to_dict()))
        sites = {
            name: {"base_url": self.base_url(name), "label": s.label, "cms": s.cms}
            for name, s in self.sites.items()
        }
        return {
            "articles": articles,
            "other_pages": other,
            "sites": sites,
            "dead_url": self.dead_url,
        }

    def _absolute(self, site_name: str, data: dict[str, Any]) -> dict[str, Any]:
        base = self.base_url(site_name)
        path = data["url_path"]
        data["url"] = (
            path.replace("__REPLICA_DEAD__", self.dead_url)
            if path.startswith("__")
            else base + path
        )
        for key in ("images", "attachments"):
            for item in data.get(key, []):
                item["url"] = base + item["url"]
        return data


def dead_socket(host: str) -> socket.socket:
    """A socket bound to a port on `host` but not listening: connections there are refused,
    and no other server takes the port while we hold it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((host, 0))
    return sock


def demo_addresses(count: int) -> list[tuple[str, int]]:
    return [(DEMO_HOST, DEMO_FIRST_PORT + i) for i in range(count)]
