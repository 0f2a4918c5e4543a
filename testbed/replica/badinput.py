"""Bad input a crawler meets on real sites, linked from the TRS replica's list pages.

A redirect loop, a binary file served as text/html, a huge page, a 404, a 500 and a link to a
port where nothing listens. (The page with broken HTML is an article: it must still be archived.)
"""

# ruff: noqa: E501 - page templates keep their HTML lines whole, as the real sites have them

from __future__ import annotations

from html import escape

from testbed.replica.generated import FIRST_DAY
from testbed.replica.model import DEAD_TOKEN, OtherPage, Page

REDIRECT_A = "/hdjl/wsdc/index.html"
REDIRECT_B = "/hdjl/wsdc/index_redirect.html"
BINARY_AS_HTML = "/xxgk/zcwj/202105/P020210520385.html"
HUGE_PAGE = "/xwzx/gzdt/202012/t20201231_huge.html"
MISSING_PAGE = "/xwzx/gzdt/202003/t20200316_404.html"
SERVER_ERROR = "/xwzx/gzdt/202004/t20200420_500.html"
DEAD_LINK = f"{DEAD_TOKEN}/xwzx/index.html"
DEFAULT_HUGE_BYTES = 20_000_000

LINKS = [
    (REDIRECT_A, "网上调查"),
    (BINARY_AS_HTML, "2021年度部门预算公开"),
    (HUGE_PAGE, "2020年全区经济运行情况数据汇编"),
    (MISSING_PAGE, "区领导调研安全生产工作"),
    (SERVER_ERROR, "开发区召开民生实事推进会"),
    (DEAD_LINK, "南通开发区(旧版网站)"),
]


def related_links_html() -> str:
    items = "".join(
        f'<li><a href="{href}" target="_blank">{escape(text)}</a></li>' for href, text in LINKS
    )
    return f'<div class="right_box"><div class="right_title"><h3>相关链接</h3></div><ul>{items}</ul></div>'


def redirect(to: str) -> Page:
    body = f'<html><body>Moved to <a href="{to}">{to}</a></body></html>'.encode()
    return Page(body, status=302, headers=(("Location", to),), modified=FIRST_DAY)


def binary_as_html() -> Page:
    body = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 64 + b"\n%%EOF\n"
    return Page(body, "text/html", FIRST_DAY)


def huge_page(size: int) -> Page:
    head = "<html><head><meta charset='utf-8'><title>数据汇编</title></head><body><table>"
    row = "<tr><td>地区生产总值</td><td>1234.5</td><td>同比增长</td><td>6.7%</td></tr>\n"
    count = max(1, size // len(row.encode()))
    return Page((head + row * count + "</table></body></html>").encode(), modified=FIRST_DAY)


def server_error() -> Page:
    body = b"<html><head><title>500 Internal Server Error</title></head><body><h1>HTTP Status 500</h1><p>java.lang.NullPointerException</p></body></html>"
    return Page(body, status=500, modified=FIRST_DAY)


def bad_input_pages(site: str, huge_bytes: int) -> tuple[dict[str, Page], list[OtherPage]]:
    pages = {
        REDIRECT_A: redirect(REDIRECT_B),
        REDIRECT_B: redirect(REDIRECT_A),
        BINARY_AS_HTML: binary_as_html(),
        HUGE_PAGE: huge_page(huge_bytes),
        SERVER_ERROR: server_error(),
    }
    notes = {
        REDIRECT_A: "redirect_loop",
        REDIRECT_B: "redirect_loop",
        BINARY_AS_HTML: "binary_as_html",
        HUGE_PAGE: "huge_page",
        SERVER_ERROR: "http_500",
        MISSING_PAGE: "http_404",
    }
    other = [OtherPage(path, site, "bad_input", note) for path, note in notes.items()]
    return pages, other


def break_html(body: bytes) -> bytes:
    """Unclosed paragraphs and wrappers; stray bytes (invalid UTF-8) in a script of the head."""
    editor = body.find(b'class="TRS_Editor"')
    close = body.find(b"</div></div>", editor)
    if editor >= 0 and close >= 0:
        body = body[:close] + body[close + len(b"</div></div>") :]
    body = body.replace(b"</p>", b"")
    stray = b'<script type="text/javascript">var sLegacy = "\xff\xfe\x81\xd5";</script>\n</head>'
    return body.replace(b"</head>", stray, 1)
