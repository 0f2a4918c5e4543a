"""A deliberately hostile site: one endpoint per way a server can hurt a crawler.

Every case is generated in memory when it is requested (nothing large is stored) and says what
a sound crawl makes of it: `archived` (its probe URL is in the archive) or the stats key of the
counted skip its probe URL ends as. A probe is the case's own URL, or for a case that is a list,
a sitemap or a redirect, the page the crawl reaches through it.

Three hosts: the hostile site itself (on 127.0.0.1), `robots5xx` whose robots.txt answers 503
(RFC 9309: crawl nothing there), and `offsite` on 127.0.0.2, the gambling host redirects and
links point to: a sound crawl sends it no request at all.

    running = start_hostile(tmp_dir)       # the three servers, seeds.txt written
    running.cases                          # HostileCase(name, path, what, expect, ...)
    running.offsite_requests()             # what the off-site host received
"""

# ruff: noqa: E501 - page templates keep their HTML lines whole

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache, partial
from html import escape
from pathlib import Path

import brotli
from opencc import OpenCC

from testbed.replica.filler import Filler
from testbed.replica.generated import FIRST_DAY
from testbed.replica.model import BASE_TOKEN, OtherPage, Page, RawResponse, ReplicaSite
from testbed.replica.server import ReplicaServer

OFFSITE_HOST = "127.0.0.2"
OFFSITE_TOKEN = "__HOSTILE_OFFSITE__"  # replaced with the off-site host's base URL when served
ARCHIVED = "archived"
DAY = datetime(2024, 1, 10, 9, 30)
SPAM_LINKS = 99_003
BOMB_BYTES = 200 * 1024 * 1024  # what the gzip bombs unpack to (DOWNLOAD_MAXSIZE is 16 MB)
BIG_ARTICLE_BYTES = 5 * 1024 * 1024
OVER_EXTRACT_LIMIT_BYTES = 9 * 1024 * 1024  # over EXTRACT_MAX_PAGE_BYTES, under DOWNLOAD_MAXSIZE
STREAMED_BYTES = 20 * 1024 * 1024  # over DOWNLOAD_MAXSIZE, sent without a Content-Length
STALL_SECONDS = 40.0  # longer than DOWNLOAD_TIMEOUT (30 s); a stalled handler gives up then
DRIP_SECONDS = 4.0
BURST_FAILURES = 2  # the 5xx burst answers 503 this many times, then the page
REDIRECT_CHAIN = 12  # hops: more than REDIRECT_MAX_TIMES (10)
COMMON = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"


@dataclass(frozen=True)
class HostileCase:
    """One endpoint: what it does, and what a sound crawl makes of it."""

    name: str
    path: str  # the endpoint, linked from the start page (or a seed URL: `seed`)
    what: str
    expect: str  # ARCHIVED, or the stats key of the counted skip its probe ends as
    probe: str = ""  # the path whose outcome tells ("" : `path` itself)
    flags: tuple[str, ...] = ()  # flags the archived record must carry
    seed: bool = False  # requested as a seed URL (sitemaps, feeds), not linked
    site: str = "hostile"  # the replica site serving it

    @property
    def probe_path(self) -> str:
        return self.probe or self.path


def article_path(number: int) -> str:
    return f"/case/{number:03d}/t{DAY:%Y%m%d}_{number}.html"


def list_path(name: str) -> str:
    return f"/case/{name}/index.html"


@cache
def filler_article(number: int) -> tuple[str, tuple[str, ...]]:
    """A distinct, deterministic article for case `number` (title, paragraphs)."""
    moment = DAY - timedelta(days=number)
    article = Filler(9000 + number).article(moment.year, moment.month, moment.day)
    return f"{article.title}（{number}）", tuple(article.paragraphs)


def article_html(
    number: int, *, head: str = "", before: str = "", after: str = "", charset: str = "utf-8",
    extra_paragraphs: str = "",
) -> str:  # fmt: skip
    title, paragraphs = filler_article(number)
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs) + extra_paragraphs
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        if charset
        else ""
    )
    return f"""<!DOCTYPE html><html><head>{meta}<title>{escape(title)}_测试区人民政府</title>{head}</head>
<body>{before}<div class="position">当前位置：<a href="/index.html">首页</a> &gt; <a href="/index.html">工作动态</a></div>
<h1>{escape(title)}</h1><div class="info">发布时间：{DAY:%Y-%m-%d %H:%M} 来源：测试区融媒体中心</div>
<div class="TRS_Editor">{body}</div>{after}
<div class="footer">主办：测试区人民政府 版权所有</div></body></html>"""


def html_bytes(text: str, charset: str = "utf-8") -> bytes:
    return text.encode(charset, errors="xmlcharrefreplace")


def page(body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200,
         headers: tuple[tuple[str, str], ...] = ()) -> Page:  # fmt: skip
    return Page(body, content_type, FIRST_DAY, status, headers)


def redirect(to: str, status: int = 302) -> Page:
    return page(b"<html><body>moved</body></html>", status=status, headers=(("Location", to),))


# --- raw socket behaviours -----------------------------------------------------------------


def _reset(sock: socket.socket) -> None:
    """Close with an RST instead of a FIN (SO_LINGER with a zero timeout)."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _headers(status: str, fields: list[tuple[str, str]]) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in fields), "", ""]
    return "\r\n".join(lines).encode("latin-1")


class Raw:
    """Raw behaviours, bounded in time by `closing` (set when the servers stop)."""

    def __init__(self, closing: threading.Event) -> None:
        self.closing = closing

    def reset_at_once(self) -> RawResponse:
        return RawResponse(_reset)

    def reset_mid_body(self, body: bytes) -> RawResponse:
        def write(sock: socket.socket) -> None:
            sock.sendall(_headers("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                             ("Content-Length", str(len(body)))]))  # fmt: skip
            sock.sendall(body[: len(body) // 3])
            time.sleep(0.2)
            _reset(sock)

        return RawResponse(write)

    def short_body(self, body: bytes) -> RawResponse:
        """Announces more than it sends, then closes cleanly."""

        def write(sock: socket.socket) -> None:
            sock.sendall(_headers("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                             ("Content-Length", str(len(body) * 2))]))  # fmt: skip
            sock.sendall(body)
            sock.shutdown(socket.SHUT_WR)

        return RawResponse(write)

    def stall(self, prefix: bytes = b"") -> RawResponse:
        """Sends `prefix` (maybe nothing), then nothing more until the client gives up."""

        def write(sock: socket.socket) -> None:
            if prefix:
                sock.sendall(prefix)
            self.closing.wait(STALL_SECONDS)

        return RawResponse(write)

    def drip(self, body: bytes, seconds: float = DRIP_SECONDS) -> RawResponse:
        """The whole page, a few bytes at a time over `seconds`."""

        def write(sock: socket.socket) -> None:
            sock.sendall(_headers("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                             ("Content-Length", str(len(body)))]))  # fmt: skip
            pieces = 40
            step = max(1, len(body) // pieces + 1)
            for start in range(0, len(body), step):
                if self.closing.wait(seconds / pieces):
                    return
                sock.sendall(body[start : start + step])

        return RawResponse(write)

    def drip_headers(self, body: bytes) -> RawResponse:
        """The status line and headers a byte at a time, then the page."""

        def write(sock: socket.socket) -> None:
            head = _headers("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                       ("Content-Length", str(len(body)))])  # fmt: skip
            step = max(1, len(head) // 30)
            for start in range(0, len(head), step):
                if self.closing.wait(0.1):
                    return
                sock.sendall(head[start : start + step])
            sock.sendall(body)

        return RawResponse(write)

    def send(self, data: bytes) -> RawResponse:
        """Exactly `data`, then a clean close (malformed responses)."""

        def write(sock: socket.socket) -> None:
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)

        return RawResponse(write)

    def streamed(self, size: int) -> RawResponse:
        """A page of `size` bytes with no Content-Length, ended by closing the connection."""

        def write(sock: socket.socket) -> None:
            sock.sendall(_headers("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                             ("Connection", "close")]))  # fmt: skip
            sock.sendall(b"<html><body><table>")
            row = b"<tr><td>" + "数据".encode() * 50 + b"</td></tr>\n"
            sent = 0
            while sent < size and not self.closing.is_set():
                sock.sendall(row * 100)
                sent += len(row) * 100
            sock.shutdown(socket.SHUT_WR)

        return RawResponse(write)


# --- generated bodies ----------------------------------------------------------------------


@cache
def gzip_bomb() -> bytes:
    """BOMB_BYTES of zeros, gzipped (about 200 KB)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"\0" * (1024 * 1024)
    parts = [compressor.compress(chunk) for _ in range(BOMB_BYTES // len(chunk))]
    return b"".join(parts) + compressor.flush()


@cache
def big_article(number: int) -> bytes:
    """An article whose body holds BIG_ARTICLE_BYTES of distinct sentences."""
    filler = Filler(number)
    paragraphs: list[str] = []
    size = 0
    while size < BIG_ARTICLE_BYTES:
        paragraph = filler.paragraph(2024, 1, 10)
        paragraphs.append(f"<p>{escape(paragraph)}</p>")
        size += len(paragraph.encode()) + 7
    return html_bytes(article_html(number, extra_paragraphs="".join(paragraphs)))


def spam_list(number: int) -> bytes:
    links = "".join(
        f'<a href="{OFFSITE_TOKEN}/spam/{i}.html">娱乐城{i}</a>\n' for i in range(SPAM_LINKS)
    )
    title, _ = filler_article(number)
    items = f'<ul class="list"><li><a href="{article_path(number)}">{escape(title)}</a><span>{DAY:%Y-%m-%d}</span></li></ul>'
    return html_bytes(list_html("友情链接", items + f'<div style="display:none">{links}</div>'))


def list_html(name: str, body: str, head: str = "") -> str:
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(name)}_测试区人民政府</title>{head}</head>
<body><div class="nav"><a href="/index.html">首页</a></div>{body}</body></html>"""


def list_items(numbers: list[int], hrefs: list[str] | None = None) -> str:
    rows = []
    for index, number in enumerate(numbers):
        title, _ = filler_article(number)
        href = hrefs[index] if hrefs else article_path(number)
        rows.append(
            f'<li><a href="{href}" target="_blank">{escape(title)}</a><span>{DAY:%Y-%m-%d}</span></li>'
        )
    return '<ul class="list">' + "".join(rows) + "</ul>"


def sitemap(urls: list[str], prefix: bytes = b"", doctype: str = "") -> bytes:
    entries = "".join(f"<url><loc>{url}</loc><lastmod>2024-01-10</lastmod></url>" for url in urls)
    xml = f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    return prefix + xml.encode()


BILLION_LAUGHS = """<!DOCTYPE urlset [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>"""
XXE = '<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
PHP_WARNING = b"<br />\n<b>Warning</b>:  Cannot modify header information - headers already sent by (output started at /var/www/html/sitemap.php:2) in <b>/var/www/html/sitemap.php</b> on line <b>3</b><br />\n"


# --- the site ------------------------------------------------------------------------------

Responder = Callable[["HostileSite"], Page | RawResponse]


@dataclass
class _Endpoint:
    case: HostileCase | None
    respond: Responder
    extra: dict[str, Responder] = field(default_factory=dict)


class HostileSite(ReplicaSite):
    """The hostile endpoints: `cases` in order, each answering from `resolve` or `raw`."""

    cms = "hostile"

    def __init__(
        self, name: str = "hostile", label: str = "测试区人民政府", seed: int = 13
    ) -> None:
        super().__init__(name, label, seed)
        self.closing = threading.Event()
        self.raws = Raw(self.closing)
        self.offsite_base = f"http://{OFFSITE_HOST}:9"  # set once the off-site host serves
        self.base_url = BASE_TOKEN  # set once served (a gzipped body cannot hold a placeholder)
        self.hits: dict[str, int] = {}
        self.cases: list[HostileCase] = []
        self.routes: dict[str, Responder] = {}
        self.raw_routes: dict[str, Callable[[HostileSite], RawResponse]] = {}
        build_cases(self)

    # -- declaring cases --------------------------------------------------------------------
    def add(
        self, case: HostileCase, respond: Responder, more: dict[str, Responder] | None = None
    ) -> None:
        """A case answering at its path (and the pages it leads to: `more`)."""
        self.cases.append(case)
        self.routes[case.path] = respond
        self.routes.update(more or {})

    def add_raw(self, case: HostileCase, respond: Callable[[HostileSite], RawResponse]) -> None:
        self.cases.append(case)
        self.raw_routes[case.path] = respond

    # -- serving ----------------------------------------------------------------------------
    def start_paths(self) -> list[str]:
        # the start page as people write it, without the slash its own links add
        return ["", *(c.path for c in self.cases if c.seed and c.site == self.name)]

    def render(self, pages: dict[str, Page], other: list[OtherPage]) -> None:
        other.append(OtherPage("/index.html", self.name, "list"))
        other.append(OtherPage("/robots.txt", self.name, "robots"))

    def raw(self, path: str) -> RawResponse | None:
        respond = self.raw_routes.get(path)
        return respond(self) if respond is not None else None

    def resolve(self, path: str, query: str) -> Page | None:
        with self.lock:
            self.hits[path] = self.hits.get(path, 0) + 1
        if path in ("/index.html", "/"):
            return self.start_page()
        if path == "/robots.txt":
            return page(ROBOTS_TXT.encode(), "text/plain")
        respond = self.routes.get(path)
        if respond is None:
            return None
        answer = respond(self)
        if isinstance(answer, RawResponse):  # pragma: no cover - raw cases answer from `raw`
            raise TypeError(path)
        return self.offsite(answer)

    def offsite(self, answer: Page) -> Page:
        if OFFSITE_TOKEN.encode() not in answer.body and not any(
            OFFSITE_TOKEN in v for _, v in answer.headers
        ):
            return answer
        base = self.offsite_base
        headers = tuple((k, v.replace(OFFSITE_TOKEN, base)) for k, v in answer.headers)
        body = answer.body.replace(OFFSITE_TOKEN.encode(), base.encode())
        return Page(body, answer.content_type, answer.modified, answer.status, headers)

    def start_page(self) -> Page:
        linked = [c for c in self.cases if not c.seed and c.site == self.name]
        rows = "".join(
            f'<li><a href="{c.path}" target="_blank">{escape(c.what)}（{index}）</a><span>{DAY:%Y-%m-%d}</span></li>'
            for index, c in enumerate(linked)
        )
        # the page links to itself in every spelling a template uses
        selves = "".join(
            f'<a href="{href}">首页</a> '
            for href in ("/index.html", "index.html", "./index.html", "/index.html#top",
                         "/index.html?", f"{BASE_TOKEN}/index.html", "/", "")
        )  # fmt: skip
        return page(
            html_bytes(
                list_html(
                    "工作动态", f'<div class="nav">{selves}</div><ul class="list">{rows}</ul>'
                )
            )
        )

    def case_path(self, name: str) -> str:
        return next(c.path for c in self.cases if c.name == name)

    def burst(self, path: str, n: int) -> Page:
        """503 for the first BURST_FAILURES requests of `path`, then the article."""
        if self.hits.get(path, 0) <= BURST_FAILURES:
            return page(b"<h1>503</h1>", status=503)
        return page(html_bytes(article_html(n)))

    def stop(self) -> None:
        self.closing.set()


ROBOTS_TXT = """User-agent: *
Disallow: /private/
\x00\x01 garbage line that is no directive
Crawl-delay: abc
Sitemap: /sitemap-index-self.xml
"""


class RobotsErrorSite(ReplicaSite):
    """A site whose robots.txt answers 503: RFC 9309 says crawl none of it."""

    cms = "hostile"

    def start_paths(self) -> list[str]:
        return ["/index.html"]

    def resolve(self, path: str, query: str) -> Page | None:
        if path == "/robots.txt":
            return page(b"<html><body>503 Service Unavailable</body></html>", status=503)
        if path == "/index.html":
            return page(html_bytes(article_html(99)))
        return None


class OffsiteHost(ReplicaSite):
    """The gambling host everything hostile points at; it must never be asked anything."""

    cms = "offsite"

    def start_paths(self) -> list[str]:
        return []

    def resolve(self, path: str, query: str) -> Page | None:
        return page(html_bytes(list_html("娱乐城", "<p>百家乐 真人荷官</p>")))


# --- the cases -----------------------------------------------------------------------------


def build_cases(site: HostileSite) -> None:
    """Every case, in the order the start page lists them."""
    number = iter(range(1, 1000))

    def art(name: str, what: str, respond: Callable[[int], Page], expect: str = ARCHIVED,
            flags: tuple[str, ...] = ()) -> None:  # fmt: skip
        n = next(number)
        site.add(
            HostileCase(name, article_path(n), what, expect, flags=flags), lambda s: respond(n)
        )

    def raw(name: str, what: str, respond: Callable[[int], RawResponse], expect: str) -> None:
        n = next(number)
        site.add_raw(HostileCase(name, article_path(n), what, expect), lambda s: respond(n))

    def text(n: int, **kwargs: str) -> str:
        return article_html(n, **kwargs)

    R = site.raws

    # charsets: every one archived, read right
    art(
        "charset_header_lies",
        "header says UTF-8, the bytes are GBK",
        lambda n: page(html_bytes(text(n, charset=""), "gbk"), "text/html; charset=utf-8"),
    )
    art(
        "charset_meta_lies",
        "meta says gb2312, the bytes are UTF-8",
        lambda n: page(html_bytes(text(n, charset="gb2312")), "text/html"),
    )
    art(
        "charset_latin1_header",
        "header says ISO-8859-1, the bytes are GBK",
        lambda n: page(html_bytes(text(n, charset=""), "gbk"), "text/html; charset=iso-8859-1"),
    )
    art(
        "charset_undeclared_gbk",
        "GBK declared nowhere",
        lambda n: page(html_bytes(text(n, charset=""), "gbk"), "text/html"),
    )
    art(
        "charset_unknown_name",
        "a charset no codec has",
        lambda n: page(
            html_bytes(text(n, charset="x-unknown-42")), "text/html; charset=x-unknown-42"
        ),
    )
    art(
        "charset_header_meta_conflict",
        "header GBK, meta UTF-8, bytes UTF-8",
        lambda n: page(html_bytes(text(n)), "text/html; charset=gbk"),
    )
    art(
        "utf8_bom",
        "UTF-8 with a BOM, the header says GBK",
        lambda n: page(b"\xef\xbb\xbf" + html_bytes(text(n, charset="")), "text/html; charset=gbk"),
    )
    art(
        "utf16le_bom",
        "UTF-16LE with a BOM",
        lambda n: page(b"\xff\xfe" + text(n, charset="").encode("utf-16-le"), "text/html"),
    )
    art(
        "utf16be_bom",
        "UTF-16BE with a BOM",
        lambda n: page(b"\xfe\xff" + text(n, charset="").encode("utf-16-be"), "text/html"),
    )
    art(
        "big5_declared_gb2312",
        "Big5 bytes declared gb2312",
        lambda n: page(
            html_bytes(traditional(text(n, charset="gb2312")), "big5"), "text/html; charset=gb2312"
        ),
    )
    art(
        "big5_undeclared",
        "Big5 bytes declared nowhere",
        lambda n: page(html_bytes(traditional(text(n, charset="")), "big5"), "text/html"),
    )
    art(
        "mixed_encodings",
        "a UTF-8 page with a GBK sentence inside",
        lambda n: page(
            html_bytes(text(n)).replace(
                b"</h1>", b"</h1><p>" + "旧系统遗留的一段文字".encode("gbk") + b"</p>"
            ),
            "text/html; charset=utf-8",
        ),
    )
    art(
        "invalid_utf8",
        "stray bytes that are no UTF-8",
        lambda n: page(html_bytes(text(n)).replace(b"<h1>", b"<h1>\xff\xfe\x80", 1)),
    )
    art(
        "nul_after_head",
        "a NUL byte deep in the page",
        lambda n: page(
            html_bytes(text(n)).replace(
                b'</div>\n<div class="footer">', b'\x00</div>\n<div class="footer">'
            )
        ),
    )

    # files served as pages: counted, never archived
    art(
        "pdf_as_html",
        "a PDF served as text/html",
        lambda n: page(
            b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 32 + b"%%EOF\n", "text/html"
        ),
        "extract/not_html",
    )
    art(
        "png_as_html",
        "a PNG served as text/html",
        lambda n: page(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16, "text/html"),
        "extract/not_html",
    )
    art(
        "zip_as_html",
        "a ZIP served as text/html",
        lambda n: page(b"PK\x03\x04" + bytes(range(256)) * 16, "text/html"),
        "extract/not_html",
    )
    art(
        "binary_no_magic",
        "random bytes with NULs, no file signature",
        lambda n: page(bytes((i * 7919) % 256 for i in range(4096)), "text/html"),
        "extract/not_html",
    )
    art("empty_body", "200 with no body", lambda n: page(b""), "extract/empty_page")
    art(
        "whitespace_body",
        "200 with only whitespace",
        lambda n: page(b" \r\n\t " * 100),
        "extract/empty_page",
    )
    art(
        "json_as_html",
        "JSON served as text/html",
        lambda n: page(b'{"code": 0, "data": {"list": []}}'),
        "extract/no_title",
    )
    art(
        "script_only",
        "a page that writes itself with script",
        lambda n: page(
            b"<html><head><title>x</title></head><body><script>document.write('<p>' + atob('x') + '</p>')</script></body></html>"
        ),
        "extract/empty_body",
    )
    art(
        "soft_404",
        "200 with the site's error page in place of an article",
        lambda n: page(
            html_bytes(
                "<html><head><title>提示信息</title></head><body><div class='main'>"
                "<p>对不起，您访问的页面不存在或已被删除！</p><p>可能的原因：网址输入有误，"
                "或者该页面已经过期。</p><a href='/'>返回首页</a></div></body></html>"
            )
        ),
        "extract/error_page",
    )
    art(
        "busy_200",
        "200 with a page saying the server is busy, in place of an article",
        lambda n: page(
            html_bytes(
                "<html><head><title>提示</title></head><body><div class='tip'>"
                "<p>您的访问过于频繁，请稍后再试。</p><a href='/'>返回首页</a></div></body></html>"
            )
        ),
        "extract/busy_page",
    )
    art(
        "html_as_octet_stream",
        "an article served as application/octet-stream",
        lambda n: page(html_bytes(text(n)), "application/octet-stream"),
    )
    art(
        "no_content_type",
        "an article with no Content-Type at all",
        lambda n: page(html_bytes(text(n)), ""),
    )

    # compression
    art(
        "gzip_article",
        "Content-Encoding: gzip",
        lambda n: page(gzip.compress(html_bytes(text(n))), headers=(("Content-Encoding", "gzip"),)),
    )
    art(
        "deflate_article",
        "Content-Encoding: deflate",
        lambda n: page(
            zlib.compress(html_bytes(text(n))), headers=(("Content-Encoding", "deflate"),)
        ),
    )
    art(
        "brotli_article",
        "Content-Encoding: br",
        lambda n: page(brotli.compress(html_bytes(text(n))), headers=(("Content-Encoding", "br"),)),
    )
    art(
        "gzip_bomb",
        f"{BOMB_BYTES // 2**20} MB of zeros in a 200 KB gzip",
        lambda n: page(gzip_bomb(), headers=(("Content-Encoding", "gzip"),)),
        "skip/decompressed_too_large",
    )
    art(
        "corrupt_gzip",
        "Content-Encoding: gzip over bytes that are not gzip",
        lambda n: page(
            b"\x1f\x8b\x08\x00garbage" + html_bytes(text(n))[:2000],
            headers=(("Content-Encoding", "gzip"),),
        ),
        "skip/corrupt_compression",
    )
    art(
        "gzip_plain_body",
        "Content-Encoding: gzip over a plain page",
        lambda n: page(html_bytes(text(n)), headers=(("Content-Encoding", "gzip"),)),
        "skip/corrupt_compression",
    )
    art(
        "unknown_encoding",
        "Content-Encoding: x-custom over a plain page",
        lambda n: page(html_bytes(text(n)), headers=(("Content-Encoding", "x-custom"),)),
    )

    # sizes
    art(
        "big_article",
        f"an article of {BIG_ARTICLE_BYTES // 2**20} MB",
        lambda n: page(big_article(n)),
    )
    art(
        "over_extract_limit",
        f"a {OVER_EXTRACT_LIMIT_BYTES // 2**20} MB page",
        lambda n: page(
            b"<html><body>"
            + (b"<p>" + "数据".encode() * 100 + b"</p>\n") * (OVER_EXTRACT_LIMIT_BYTES // 608)
        ),
        "skip/too_large",
    )
    raw(
        "streamed_oversize",
        f"{STREAMED_BYTES // 2**20} MB with no Content-Length",
        lambda n: R.streamed(STREAMED_BYTES),
        "skip/too_large",
    )
    raw(
        "declared_huge_length",
        "Content-Length: 2 GB",
        lambda n: R.send(
            _headers("200 OK", [("Content-Type", "text/html"), ("Content-Length", str(2**31))])
            + b"<html>"
        ),
        "skip/too_large",
    )

    # HTTP status
    art(
        "http_404",
        "404",
        lambda n: page(b"<html><body>404</body></html>", status=404),
        "skip/http_404",
    )
    art("http_410", "410 Gone", lambda n: page(b"gone", status=410), "skip/http_410")
    art("http_403", "403", lambda n: page(b"forbidden", status=403), "skip/http_403")
    art("http_500", "500 always", lambda n: page(b"<h1>500</h1>", status=500), "skip/http_500")
    art("http_502", "502 always", lambda n: page(b"bad gateway", status=502), "skip/http_502")
    art(
        "http_429",
        "429 with Retry-After",
        lambda n: page(b"slow down", status=429, headers=(("Retry-After", "1"),)),
        "skip/http_429",
    )
    art("http_999", "a status no RFC has", lambda n: page(b"?", status=999), "skip/http_999")
    art("http_204", "204 No Content", lambda n: page(b"", status=204), "extract/empty_page")
    n_burst = next(number)
    site.add(
        HostileCase(
            "http_5xx_burst",
            article_path(n_burst),
            f"503 {BURST_FAILURES} times, then the page",
            ARCHIVED,
        ),
        lambda s: s.burst(article_path(n_burst), n_burst),
    )

    # redirects
    add_redirects(site, number)

    # the wire
    raw(
        "reset_at_once",
        "the connection reset before any answer",
        lambda n: R.reset_at_once(),
        "skip/connection_lost",
    )
    raw(
        "reset_mid_body",
        "the connection reset in the middle of the page",
        lambda n: R.reset_mid_body(html_bytes(text(n))),
        "skip/truncated_response",
    )
    raw(
        "short_body",
        "less body than Content-Length, then a clean close",
        lambda n: R.short_body(html_bytes(text(n))),
        "skip/truncated_response",
    )
    raw("stall_no_answer", "reads the request, never answers", lambda n: R.stall(), "skip/timeout")
    raw(
        "stall_mid_body",
        "half the page, then silence",
        lambda n: R.stall(
            _headers("200 OK", [("Content-Type", "text/html"), ("Content-Length", "100000")])
            + b"<html><body>"
        ),
        "skip/timeout",
    )
    raw(
        "slow_drip",
        f"the page a few bytes at a time over {DRIP_SECONDS:.0f} s",
        lambda n: R.drip(html_bytes(text(n))),
        ARCHIVED,
    )
    raw(
        "slow_headers",
        "the headers a byte at a time",
        lambda n: R.drip_headers(html_bytes(text(n))),
        ARCHIVED,
    )
    raw(
        "garbage_status_line",
        "a status line that is no HTTP",
        lambda n: R.send(b"HTTP/1.1 OK-ish maybe\r\nContent-Length: 5\r\n\r\nhello"),
        "skip/malformed_response",
    )
    raw(
        "no_status_line",
        "a page with no status line and no headers (HTTP/0.9)",
        lambda n: R.send(html_bytes(text(n))),
        "skip/malformed_response",
    )
    raw(
        "huge_header",
        "a 200 KB header line",
        lambda n: R.send(
            _headers(
                "200 OK",
                [("Content-Type", "text/html"), ("X-Junk", "a" * 200_000), ("Content-Length", "5")],
            )
            + b"hello"
        ),
        "skip/connection_lost",
    )
    raw(
        "bad_chunked",
        "chunked encoding with a chunk size that is no number",
        lambda n: R.send(
            _headers("200 OK", [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")])
            + b"zz\r\nhello\r\n0\r\n\r\n"
        ),
        "skip/truncated_response",
    )

    # pages that attack parsers
    art(
        "deep_nesting",
        "an article inside 20,000 nested <div>s",
        lambda n: page(html_bytes(text(n, before="<div>" * 20_000, after="</div>" * 20_000))),
        # libxml2 stops nesting at 256 levels (lxml's huge_tree lifts it to 2048): the text is
        # not in the tree Scrapy parsed; a counted skip, not a crash
        "extract/empty_body",
    )
    art(
        "huge_attribute",
        "a 2 MB class attribute",
        lambda n: page(html_bytes(text(n, before=f'<div class="{"x" * 2_000_000}"></div>'))),
    )
    art(
        "html_entity_bomb",
        "billion laughs in an HTML doctype",
        lambda n: page(
            html_bytes(text(n)).replace(
                b"<!DOCTYPE html>", BILLION_LAUGHS.replace("urlset", "html").encode()
            )
        ),
    )
    art(
        "comment_flood",
        "5 MB of comments around the article",
        lambda n: page(html_bytes(text(n, before="<!--" + "注释" * 1_300_000 + "-->"))),
    )
    art(
        "many_images",
        "20,000 images in the body",
        lambda n: page(
            html_bytes(
                text(
                    n, extra_paragraphs="".join(f'<img src="/img/{i}.jpg">' for i in range(20_000))
                )
            )
        ),
    )
    art(
        "broken_html",
        "unclosed tags everywhere",
        lambda n: page(html_bytes(text(n)).replace(b"</p>", b"").replace(b"</div>", b"", 2)),
    )

    # lists that attack discovery
    add_lists(site, number)

    # robots
    n_private = next(number)
    site.add(
        HostileCase(
            "robots_disallowed",
            f"/private/t{DAY:%Y%m%d}_{n_private}.html",
            "a page robots.txt forbids (robots.txt full of junk)",
            "skip/robots_forbidden",
        ),
        lambda s: page(html_bytes(article_html(n_private))),
    )
    site.cases.append(
        HostileCase(
            "robots_server_error",
            "/index.html",
            "robots.txt answers 503 (another host)",
            "skip/robots_server_error",
            seed=True,
            site="robots5xx",
        )
    )

    # sitemaps and feeds (seed URLs)
    add_sitemaps(site, number)


def traditional(text: str) -> str:
    """Simplified -> traditional for the Big5 cases (Big5 has no simplified characters)."""
    return _s2t().convert(text)


@cache
def _s2t() -> OpenCC:
    return OpenCC("s2t")


def add_redirects(site: HostileSite, numbers: Iterator[int]) -> None:

    def case(name: str, what: str, expect: str, respond: Responder, probe: str = "",
             flags: tuple[str, ...] = (), more: dict[str, Responder] | None = None) -> str:  # fmt: skip
        n = next(numbers)
        path = article_path(n)
        site.add(HostileCase(name, path, what, expect, probe=probe, flags=flags), respond, more)
        return path

    def n_of(path: str) -> int:
        return int(path.rsplit("_", 1)[1].split(".")[0])

    loop_b = "/case/loop/b.html"
    case(
        "redirect_loop",
        "A -> B -> A",
        "skip/redirect_loop",
        lambda s: redirect(loop_b),
        more={loop_b: lambda s: redirect(s.case_path("redirect_loop"))},
    )
    case(
        "redirect_self",
        "redirects to itself",
        "skip/redirect_loop",
        lambda s: redirect(s.case_path("redirect_self")),
    )
    chain = [f"/case/chain/{i}.html" for i in range(REDIRECT_CHAIN)]
    case(
        "redirect_chain_long",
        f"{REDIRECT_CHAIN} hops",
        "skip/too_many_redirects",
        lambda s: redirect(chain[0]),
        more={
            p: partial(_hop, to=to)
            for p, to in zip(chain, [*chain[1:], "/index.html"], strict=True)
        },
    )
    target = "/case/hops/t20240110_501.html"
    case(
        "redirect_chain_short",
        "3 hops to an article",
        ARCHIVED,
        lambda s: redirect("/case/hops/1.html"),
        probe=target,
        more={
            "/case/hops/1.html": lambda s: redirect("/case/hops/2.html", 301),
            "/case/hops/2.html": lambda s: redirect(target, 307),
            target: lambda s: page(html_bytes(article_html(501))),
        },
    )
    case(
        "redirect_offsite",
        "302 to another host",
        "skip/offsite_redirect",
        lambda s: redirect(f"{OFFSITE_TOKEN}/index.html"),
    )
    case(
        "redirect_offsite_later",
        "an on-site hop, then another host",
        "skip/offsite_redirect",
        lambda s: redirect("/case/hop-out.html"),
        more={"/case/hop-out.html": lambda s: redirect(f"{OFFSITE_TOKEN}/x.html", 301)},
    )
    case(
        "redirect_protocol_relative",
        "302 to //another-host/",
        "skip/offsite_redirect",
        lambda s: redirect(f"{OFFSITE_TOKEN}/y.html".replace("http:", "")),
    )
    case(
        "redirect_no_location",
        "302 without Location",
        "skip/http_302",
        lambda s: page(b"moved", status=302),
    )
    case(
        "redirect_bad_location",
        "Location: http://[::1/ (no URL)",
        "skip/bad_redirect",
        lambda s: redirect("http://[::1/x.html"),
    )
    case(
        "redirect_javascript_scheme",
        "Location: javascript:",
        "skip/bad_redirect",
        lambda s: redirect("javascript:alert(1)"),
    )
    hijacked = case(
        "meta_refresh_offsite",
        "an article whose meta refresh sends readers to a gambling host",
        ARCHIVED,
        lambda s: page(
            html_bytes(
                article_html(
                    n_of(s.case_path("meta_refresh_offsite")),
                    head=f'<meta http-equiv="refresh" content="0;url={OFFSITE_TOKEN}/">',
                )
            )
        ),
        flags=("hijacked_site",),
    )
    del hijacked
    case(
        "js_redirect_offsite",
        "an article whose script sends readers to a gambling host",
        ARCHIVED,
        lambda s: page(
            html_bytes(
                article_html(
                    n_of(s.case_path("js_redirect_offsite")),
                    head=f'<script>window.location.href="{OFFSITE_TOKEN}/?from=gov";</script>',
                )
            )
        ),
        flags=("hijacked_site",),
    )
    refresh_b = "/case/refresh/b.html"
    case(
        "meta_refresh_loop",
        "meta refresh A -> B -> A",
        "skip/redirect_loop",
        lambda s: page(
            f'<html><head><meta http-equiv="refresh" content="0;url={refresh_b}"></head><body>wait</body></html>'.encode()
        ),
        more={
            refresh_b: lambda s: page(
                f'<html><head><meta http-equiv="refresh" content="0;url={s.case_path("meta_refresh_loop")}"></head><body>wait</body></html>'.encode()
            )
        },
    )
    onsite = "/case/refresh/t20240110_502.html"
    case(
        "meta_refresh_onsite",
        "meta refresh to an article of the site",
        ARCHIVED,
        lambda s: page(
            f'<html><head><meta http-equiv="refresh" content="0;url={onsite}"></head><body>正在跳转</body></html>'.encode()
        ),
        probe=onsite,
        more={onsite: lambda s: page(html_bytes(article_html(502)))},
    )
    case(
        "meta_refresh_self",
        "an article that refreshes itself",
        ARCHIVED,
        lambda s: page(
            html_bytes(
                article_html(
                    n_of(s.case_path("meta_refresh_self")),
                    head=f'<meta http-equiv="refresh" content="0;url={s.case_path("meta_refresh_self")}">',
                )
            )
        ),
    )


def add_lists(site: HostileSite, numbers: Iterator[int]) -> None:

    def case(name: str, what: str, body: Callable[[int], bytes]) -> None:
        n = next(numbers)
        path = list_path(name)
        site.add(
            HostileCase(name, path, what, ARCHIVED, probe=article_path(n)),
            lambda s: page(body(n)),
            more={article_path(n): lambda s: page(html_bytes(article_html(n)))},
        )

    case("link_spam", f"{SPAM_LINKS:,} links to a gambling host", spam_list)
    case(
        "base_href_offsite",
        "<base href> pointing at another host",
        lambda n: html_bytes(
            list_html(
                "通知",
                f'{list_items([n], [f"{BASE_TOKEN}{article_path(n)}"])}<ul><li><a href="/a.html">A</a></li><li><a href="b/t20240110_900.html">B</a></li></ul>',
                head=f'<base href="{OFFSITE_TOKEN}/">',
            )
        ),
    )
    case(
        "bad_ipv6_links",
        "links that are no URL (http://[::1/...) among good ones",
        lambda n: html_bytes(
            list_html(
                "通知",
                '<ul><li><a href="http://[::1/t20240110_1.html">坏链接一</a></li><li><a href="http://[zz]:80/x">坏链接二</a></li><li><a href="http://host:99999/x">坏链接三</a></li></ul>'
                + list_items([n]),
            )
        ),
    )
    case(
        "long_url_links",
        "links of 5,000 characters",
        lambda n: html_bytes(
            list_html(
                "通知",
                "".join(
                    f'<a href="/case/long/{"x" * 5000}{i}/t20240110_{i}.html">长链接</a>'
                    for i in range(50)
                )
                + list_items([n]),
            )
        ),
    )
    case(
        "scheme_links",
        "javascript:, mailto:, data:, file: and ftp: links",
        lambda n: html_bytes(
            list_html(
                "通知",
                '<a href="javascript:void(0)">a</a><a href="mailto:x@y">b</a><a href="data:text/html,hi">c</a><a href="file:///etc/passwd">d</a><a href="ftp://h/x">e</a>'
                + list_items([n]),
            )
        ),
    )
    case(
        "path_traversal_links",
        "links whose names climb out of the site (../../etc/passwd)",
        lambda n: html_bytes(
            list_html(
                "通知",
                '<a href="../../../../../../etc/passwd">p</a><a href="/..%2f..%2f..%2fetc%2fpasswd">q</a><a href="/case/%2e%2e/%2e%2e/t20240110_3.html">r</a>'
                + list_items([n], [f"/case/x/../../../../{article_path(n).lstrip('/')}"]),
            )
        ),
    )
    case(
        "bad_base_href",
        "a <base href> that is no URL (http://[::1/)",
        lambda n: html_bytes(list_html("通知", list_items([n]), head='<base href="http://[::1/">')),
    )
    case(
        "calendar_trap",
        "an endless calendar: every day links the next",
        lambda n: html_bytes(
            list_html("日历", '<a href="/calendar?d=1">下一天</a>' + list_items([n]))
        ),
    )
    site.routes["/calendar"] = lambda s: page(
        html_bytes(list_html("日历", '<a href="/calendar?d=2">下一天</a>'))
    )


def add_sitemaps(site: HostileSite, numbers: Iterator[int]) -> None:

    def case(
        name: str, path: str, what: str, body: Callable[[int, str], Page], expect: str = ARCHIVED
    ) -> None:
        n = next(numbers)
        target = article_path(n)
        probe = target if expect == ARCHIVED else path
        site.add(
            HostileCase(name, path, what, expect, probe=probe, seed=True),
            lambda s: body(n, f"{s.base_url}{target}"),
            more={target: lambda s: page(html_bytes(article_html(n)))},
        )

    def xml(data: bytes, content_type: str = "application/xml") -> Page:
        return page(data, content_type)

    case(
        "sitemap_php_warning",
        "/sitemap-php.xml",
        "a PHP warning before <?xml",
        lambda n, url: xml(sitemap([url], prefix=PHP_WARNING)),
    )
    case(
        "sitemap_bom_blank",
        "/sitemap-bom.xml",
        "a BOM and blank lines before <?xml",
        lambda n, url: xml(sitemap([url], prefix=b"\xef\xbb\xbf\r\n\r\n  ")),
    )
    case(
        "sitemap_gz",
        "/sitemap-gz.xml.gz",
        "a gzipped sitemap file",
        lambda n, url: xml(gzip.compress(sitemap([url])), "application/x-gzip"),
    )
    case(
        "sitemap_gz_bomb",
        "/sitemap-bomb.xml.gz",
        f"a sitemap.xml.gz of {BOMB_BYTES // 2**20} MB",
        lambda n, url: xml(gzip_bomb(), "application/x-gzip"),
        "skip/decompressed_too_large",
    )
    case(
        "sitemap_billion_laughs",
        "/sitemap-laughs.xml",
        "billion laughs in a sitemap",
        lambda n, url: xml(sitemap([url, "&lol9;"], doctype=BILLION_LAUGHS)),
    )
    case(
        "sitemap_xxe",
        "/sitemap-xxe.xml",
        "an external entity reading /etc/passwd",
        lambda n, url: xml(sitemap([url, "&xxe;"], doctype=XXE)),
    )
    case(
        "sitemap_index_offsite",
        "/sitemap-index-offsite.xml",
        "a sitemap index naming another host's sitemaps",
        lambda n, url: xml(
            sitemap_index(
                [f"{OFFSITE_TOKEN}/sitemap.xml", f"{BASE_TOKEN}/case/sitemaps/child-{n}.xml"]
            )
        ),
    )
    case(
        "sitemap_index_self",
        "/sitemap-index-self.xml",
        "a sitemap index naming itself",
        lambda n, url: xml(
            sitemap_index(
                [
                    f"{BASE_TOKEN}/sitemap-index-self.xml",
                    f"{BASE_TOKEN}/case/sitemaps/child-{n}.xml",
                ]
            )
        ),
    )
    case(
        "feed_xxe",
        "/feed-xxe/rss.xml",
        "an RSS feed with an external entity",
        lambda n, url: xml(
            f'<?xml version="1.0"?>{XXE.replace("urlset", "rss")}<rss version="2.0"><channel><title>&xxe;</title><item><title>t</title><link>{url}</link></item></channel></rss>'.encode()
        ),
    )
    for case_ in list(site.cases):
        if case_.name.startswith("sitemap_index"):
            n = int(case_.probe_path.rsplit("_", 1)[1].split(".")[0])
            child = f"/case/sitemaps/child-{n}.xml"
            site.routes[child] = partial(_child_sitemap, n=n)


def _hop(site: HostileSite, to: str) -> Page:
    return redirect(to)


def _child_sitemap(site: HostileSite, n: int) -> Page:
    return page(sitemap([f"{BASE_TOKEN}{article_path(n)}"]), "application/xml")


def sitemap_index(urls: list[str]) -> bytes:
    entries = "".join(f"<sitemap><loc>{url}</loc></sitemap>" for url in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>'.encode()


# --- running it ----------------------------------------------------------------------------


@dataclass
class RunningHostile:
    server: ReplicaServer
    offsite: ReplicaServer
    site: HostileSite
    seed_file: Path

    @property
    def cases(self) -> list[HostileCase]:
        return self.site.cases

    def url(self, case: HostileCase) -> str:
        return self.server.url(case.site, case.probe_path)

    def offsite_requests(self) -> list[str]:
        return [r.path for r in self.offsite.request_log()]

    def stop(self) -> None:
        self.site.stop()
        self.server.stop()
        self.offsite.stop()


def start_hostile(directory: Path) -> RunningHostile:
    """Serve the hostile site, the robots-5xx site and the off-site host; write seeds.txt."""
    offsite = ReplicaServer(
        [OffsiteHost("offsite", "娱乐城", 0)], ports=[(OFFSITE_HOST, 0)]
    ).start()
    site = HostileSite()
    robots = RobotsErrorSite("robots5xx", "测试二区人民政府", 0)
    server = ReplicaServer([site, robots]).start()
    site.offsite_base = offsite.base_url("offsite")
    site.base_url = server.base_url(site.name)
    seed_file = server.write_seed_file(Path(directory) / "seeds.txt")
    return RunningHostile(server, offsite, site, seed_file)
