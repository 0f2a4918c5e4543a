"""Lists a script loads: Hanweb JPaaS page units (大汉 JPaaS, `unitbuild.js`).

A column page of this CMS (Zhejiang's provincial and county sites, several ministries) may hold
no row at all: an element such as

    <script src="/cms_files/default/script/AuthorizedRead/unitbuild.js"
            url="/api-gateway/jpaas-publish-server/front/page/build/unit"
            queryData="{'webId':'3185','pageId':'1229565788','tagId':'信息列表',…}"></script>

makes the reader's browser GET `url?webId=3185&pageId=…` and insert the answer's `data.html`
(the rows, then a pager table) in the page. The pager table names the unit again with its row
count and page size (`count="388" rows="15" pageNo="1" unitUrl=… queryData=…`); a later page
is the same request with `paramJson={"pageNo":N,"pageSize":15}`.

Pure: an lxml tree or an answer's bytes in, URLs and the rows' HTML out. The crawl asks for a
unit as its page's script does (`XHR_HEADERS`; Scrapy sends the page as its Referer).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin, urlsplit

from lxml import html

# the page-unit endpoint of JPaaS's publish server (its path on every site seen), and the part
# of it a page naming a unit holds (a cheap test before its tree is searched)
UNIT_PATH = re.compile(r"/front/page/build/unit/?$")
UNIT_MARK = "page/build/unit"
# queryData is written as a JavaScript object literal: {'webId':'3185','pageId':'…'}
QUERY_PAIR = re.compile(r"""['"]?(\w+)['"]?\s*:\s*(?:'([^']*)'|"([^"]*)"|(\w+))""")
MAX_UNITS = 8  # units read on one page (a column page holds one to three)
# what the page's script sends: some gateways refuse a unit request without them
XHR_HEADERS = {"X-Requested-With": "XMLHttpRequest",
               "Accept": "application/json, text/javascript, */*; q=0.01"}  # fmt: skip


@dataclass(frozen=True)
class UnitAnswer:
    """What a unit's answer holds: its rows as an HTML fragment, and the unit's later pages
    (only on the answer to its first page)."""

    fragment: str
    later_pages: tuple[str, ...] = ()


def unit_requests(root: html.HtmlElement, page_url: str) -> list[str]:
    """The unit requests a page's scripts make: one GET each, with the unit's queryData as its
    query, in page order, each once."""
    urls: list[str] = []
    for element in root.xpath("//*[@querydata and @url]"):
        endpoint = str(element.get("url")).strip()
        params = query_params(str(element.get("querydata")))
        if not UNIT_PATH.search(urlsplit(endpoint).path) or not params:
            continue
        url = _unit_url(page_url, endpoint, params)
        if url not in urls:
            urls.append(url)
        if len(urls) == MAX_UNITS:
            break
    return urls


def query_params(query_data: str) -> list[tuple[str, str]]:
    """queryData's pairs in their order; a value written `null` or a number is kept as text,
    as the script sends it."""
    pairs = []
    for match in QUERY_PAIR.finditer(query_data):
        key, *values = match.groups()
        pairs.append((key, next(value for value in values if value is not None)))
    return pairs


def read_unit_answer(body: bytes, answer_url: str, max_pages: int) -> UnitAnswer | None:
    """A unit's JSON answer: None when it is not one (no `data.html`). The later pages are
    those after the first, up to `max_pages` pages in all, when the answer is the first page."""
    try:
        answer = json.loads(body)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested past the stack
        return None
    data = answer.get("data") if isinstance(answer, dict) else None
    fragment = data.get("html") if isinstance(data, dict) else None
    if not isinstance(fragment, str):
        return None
    return UnitAnswer(fragment, _later_pages(fragment, answer_url, max_pages))


def _later_pages(fragment: str, answer_url: str, max_pages: int) -> tuple[str, ...]:
    if "uniturl" not in fragment.lower() or not fragment.strip():
        return ()
    root = html.fragment_fromstring(fragment, create_parent="div")
    for pager in root.xpath(".//*[@uniturl and @querydata and @count and @rows]"):
        count, rows, number = (_int(pager.get(name)) for name in ("count", "rows", "pageno"))
        params = query_params(str(pager.get("querydata")))
        endpoint = str(pager.get("uniturl")).strip()
        if not count or not rows or (number or 1) != 1 or not params:
            continue
        last = min(math.ceil(count / rows), max_pages)
        return tuple(
            _unit_url(answer_url, endpoint, params, page=(n, rows)) for n in range(2, last + 1)
        )
    return ()


def _unit_url(
    base: str, endpoint: str, params: list[tuple[str, str]], page: tuple[int, int] | None = None
) -> str:
    query = [(k, v) for k, v in params if k != "paramJson"]
    if page is not None:
        paging = {"pageNo": page[0], "pageSize": page[1]}
        query.append(("paramJson", json.dumps(paging, separators=(",", ":"))))
    return urljoin(base, endpoint) + "?" + urlencode(query)


def _int(value: str | None) -> int | None:
    try:
        return int(str(value).strip())
    except ValueError:
        return None
