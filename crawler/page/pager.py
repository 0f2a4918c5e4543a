"""A list page's pager: which list pages follow this one, without a CMS pattern.

Pure: an lxml tree, the page's text and its URL in; a `Pager` out. What the pager says is read
from, strongest first:

- script pager calls whose URLs are known: TRS `createPageHTML(total, current, "index", "html")`
  (0-based, page n is `index_n.html`) and the newer `createPageHTML('page_div', total, current,
  'fg', 'shtml', records)` (1-based, page n > 1 is `fg_n.shtml`);
- `javascript:go('2')` links labelled 下一页 / 尾页 whose function builds the URL by string
  concatenation (`window.location = "Column.shtml?p5=28&p7=" + pageNo`);
- script templates with a page count: `var countPage = 11` + `document.write('<a href="index_' +
  nextPage + '.html">')`, jQuery `pagination(total, {callback: ... "index_" + page + ".html"})`;
- links and `<option>` values: labelled 下一页 / 下页 / » (the next page), 尾页 / 末页 (the last),
  and runs of links whose URLs differ by one number (numbered pages, hidden page lists);
- ASP.NET WebForms pagers (AspNetPager, GridView), whose pages have no URL of their own: the
  page's form posted back, `javascript:__doPostBack('ctl00$main$AspNetPager1','2')`; the pager
  then names the next page's `Postback` (one page at a time: each needs the form of the last).

A pager's total is a claim, not a proof: `Pager.ahead(window)` gives only the next `window` pages
after this one; each page that answers carries the window further (see spiders/govnews.py).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import html

from crawler.page import vocabulary as vocab
from crawler.page.links import MAX_PAGE_LINKS, absolute_url, anchor_href, page_base

# TRS: createPageHTML(12, 0, "index", "html"), createPageHTML('page_div', 5, 1, 'fg', 'shtml', 89)
TRS_PAGER = re.compile(
    r"""createPageHTML\(\s*(?P<div>(["'])[\w-]*\2\s*,\s*)?(?P<total>\w+)\s*,\s*(?P<current>\w+)"""
    r"""\s*,\s*["'](?P<prefix>[\w-]+)["']\s*,\s*["'](?P<ext>\w+)["']"""
)
# TRS's pager plugin, given its settings as an object (`Pager({size:16, current:0,
# prefix:'index', suffix:'html', visible:5})`): size the page count, current 0-based, as above
_OBJECT_PAGER = re.compile(r"\bPager\s*\(\s*\{(?P<settings>[^{}]*)\}\s*\)")
_SETTING = re.compile(r"""(\w+)\s*:\s*(?:(["'])([\w.-]*)\2|(\w+))""")
# a number assigned in script, as a literal or a string made one (`var countPage = Number("34")`,
# `pageSize: parseInt('20')`)
_JS_NUMBER = r"""\s*[:=]\s*(?:(?:Number|parseInt)\s*\(\s*)?["']?(\d+)"""
JS_INT_ASSIGNMENT = r"\b{name}" + _JS_NUMBER
# script page counts and current pages, by the names pagers give them
PAGE_COUNT_NAMES = (
    "countPage", "pageCount", "totalPage", "totalPages", "pageTotal", "maxPage", "maxPageNum",
    "page_count", "pagecount", "total_page", "pages", "num_pages",
)  # fmt: skip
CURRENT_PAGE_NAMES = ("currentPage", "curPage", "current_page", "pageIndex", "current", "curr")
_PAGE_COUNT = re.compile(r"\b(?:" + "|".join(PAGE_COUNT_NAMES) + ")" + _JS_NUMBER, re.IGNORECASE)
_CURRENT_PAGE = re.compile(r"\b(?:" + "|".join(CURRENT_PAGE_NAMES) + ")" + _JS_NUMBER)
_ITEMS_PER_PAGE = re.compile(
    r"\b(?:items_per_page|pageSize|perPage|page_size|showData)" + _JS_NUMBER, re.I
)
# what a pager counts when it counts records, not pages (`var totalCount = 245`, `totalData: 120`)
ITEM_COUNT_NAMES = (
    "totalCount", "totalRecord", "totalRecords", "recordCount", "totalData", "totalNum",
    "total_count", "total_record", "totalRow", "totalRows",
)  # fmt: skip
_ITEM_COUNT = re.compile(r"\b(?:" + "|".join(ITEM_COUNT_NAMES) + ")" + _JS_NUMBER)
# jQuery pagination(213, {...}): the first argument counts items
_PAGINATION_CALL = re.compile(r"\.pagination\(\s*(\d+)?")
# a pagination plugin given its options (mricode.pagination, as Epoint WebBuilder's lists call
# it: `$("#page").pagination({pageIndex: 0, pageSize: 15, total: 110})`): records, not pages
_PAGINATION_OPTIONS = re.compile(r"\.pagination\(\s*\{(?P<args>.{0,2000}?)\}\s*\)", re.S)
_OPTION_TOTAL = re.compile(r"\btotal" + _JS_NUMBER)
# layui's laypage.render({count: 137, limit: 15, curr: 1, jump: …}) (`laypage({pages: 9})` in
# layui 1): records and records a page (10 unless told) inside its call
_LAYPAGE_CALL = re.compile(r"laypage(?:\.render)?\s*\(\s*\{(?P<args>.{0,2000}?)\}\s*\)", re.S)
_LAYPAGE_COUNT = re.compile(r"""\bcount\s*:\s*["']?(\d+)""")
_LAYPAGE_LIMIT = re.compile(r"""\blimit\s*:\s*["']?(\d+)""")
LAYPAGE_DEFAULT_LIMIT = 10
_KKPAGER_CALL = re.compile(
    r"kkpager\.(?:generPageHtml|init)\s*\(\s*\{(?P<args>.{0,3000}?)\}\s*\)", re.S
)
JS_STRING = r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'"""
_ADJACENT_DOUBLE = re.compile(r'"\s*\+\s*"')
_ADJACENT_SINGLE = re.compile(r"'\s*\+\s*'")
# "index_" + (page - 1) + ".html": a literal, an expression of one variable, a literal
SCRIPT_TEMPLATE = re.compile(
    rf"""(?P<left>{JS_STRING})\s*\+\s*(?P<expr>\(?\s*(?P<var>[A-Za-z_$][\w.$]*(?:\(\s*\))?)"""
    rf"""\s*(?:(?P<sign>[-+])\s*(?P<offset>\d+))?\s*\)?)\s*(?:\+\s*(?P<right>{JS_STRING}))?"""
)
_URL_START = re.compile(r"""^.*?(?:href\s*=\s*\\?["']?|location(?:\.href)?\s*=\s*)""", re.I)
_URL_END = re.compile(r"""[\\"'\s>].*$""", re.DOTALL)
_PAGE_SUFFIX = re.compile(r"^\.(?:s?html?|aspx?|jsp|php|do)$", re.IGNORECASE)
_JS_CALL_HREF = re.compile(r"""^javascript:\s*([A-Za-z_$][\w$]*)\(\s*['"]?(\d+)['"]?\s*\)""", re.I)
_JS_FUNCTION = r"""function\s+{name}\s*\(\s*(\w+)\s*\)\s*\{{(.*?)\n?\}}"""
_JS_STRING_ASSIGNMENT = rf"""\b{{name}}\s*=\s*({JS_STRING})"""
_TRAILING_NAME = re.compile(r"([A-Za-z_$][\w$]*)$")
_DIGITS = re.compile(r"\d+")
_NAMED = re.compile(r"[A-Za-z0-9]")
_URL_LIKE = re.compile(r"[./]")
# `location.href='index_2.html'`, or wrapped (JEECMS: `location.href=encodeURI('index_2.jhtml')`)
_ONCLICK_LOCATION = re.compile(
    rf"""location(?:\.href)?\s*=\s*(?:encodeURI(?:Component)?\(\s*)?({JS_STRING})"""
)
_PAGE_NUMBER_TEXT = re.compile(r"^\[?\s*(\d{1,6})\s*\]?$")
# ASP.NET: javascript:__doPostBack('ctl00$main$AspNetPager1','2'); GridView pages 'Page$2'
_POSTBACK_HREF = re.compile(
    r"""^javascript:\s*(?:void\(0\);?\s*)?__doPostBack\(\s*(["'])(?P<target>[^"']+)\1\s*,"""
    r"""\s*(["'])(?P<argument>[^"']*)\3\s*\)""",
    re.IGNORECASE,
)
_POSTBACK_NUMBER = re.compile(r"^(?:Page\$)?(\d{1,6})$", re.IGNORECASE)
# the fields that make a form an ASP.NET one (the postback needs them sent back)
POSTBACK_FORM_XPATH = "//form[.//input[@name='__VIEWSTATE' or @name='__EVENTTARGET']]"

NEXT_LABELS = frozenset(vocab.NEXT_PAGE_LABELS)
LAST_LABELS = frozenset(vocab.LAST_PAGE_LABELS)
PAGER_LABELS = (
    NEXT_LABELS
    | LAST_LABELS
    | frozenset(vocab.FIRST_PAGE_LABELS)
    | frozenset(vocab.PREVIOUS_PAGE_LABELS)
)
# what dresses a pager word up: brackets, arrows, spaces (``[下一页]``, ``下一页 >>``, ``Next »``)
_LABEL_DRESSING = " \u00a0\u3000[]【】()（）<>«»‹›"
_PAGER_WORDS = {word.lower(): word for word in PAGER_LABELS}
# class names of text-less pager links, by the word they stand for
_CLASS_WORDS = (("next", "下一页"), ("prev", "上一页"), ("last", "尾页"), ("first", "首页"))
# the words of a pager button's image file name (`/images/page_next.gif`, `xyy.jpg`: 下一页's
# initials), split at `_`, `-` and digits
_IMAGE_WORDS = {
    "next": "下一页", "xyy": "下一页", "xiayiye": "下一页", "prev": "上一页", "previous": "上一页",
    "syy": "上一页", "shangyiye": "上一页", "last": "尾页", "weiye": "尾页", "first": "首页",
}  # fmt: skip
_IMAGE_NAME_PARTS = re.compile(r"[_\-\d]+")
# 首页 is also every site's home link: only these say "pager"
STEP_LABELS = NEXT_LABELS | LAST_LABELS | frozenset(vocab.PREVIOUS_PAGE_LABELS)
MIN_RUN = 2  # numbered links differing by one number that make a run of page links
MIN_UNLABELLED_RUN = 5  # the same for links without text (hidden page lists, image links)
MAX_PAGE_NUMBER = 100_000  # a larger number in an unlabelled run is a record's id, not a page
DEFAULT_WINDOW = 3


@dataclass(frozen=True)
class PagerTemplate:
    """Page n of a column is `prefix + n + suffix` (absolute URLs)."""

    prefix: str
    suffix: str

    def url(self, number: int) -> str:
        return f"{self.prefix}{number}{self.suffix}"

    def number(self, url: str) -> int | None:
        if url.startswith(self.prefix) and url.endswith(self.suffix):
            middle = url[len(self.prefix) : len(url) - len(self.suffix)]
            if middle.isdigit():
                return int(middle)
        return None

    def shown(self) -> str:
        return f"{self.prefix}{{n}}{self.suffix}"

    def pattern(self) -> str:
        """A regex matching every page of the column (for a seed line's `list=`)."""
        return re.escape(_path_and_query(self.prefix)) + r"\d+" + re.escape(self.suffix) + "$"


@dataclass(frozen=True)
class Pager:
    """What a list page's pager says. `links`: pager pages the page names itself (next, numbered,
    last); `template` + `current` + `last`: the column's page URLs, for `ahead`."""

    source: str = ""
    links: tuple[str, ...] = ()
    next_url: str | None = None
    template: PagerTemplate | None = None
    current: int | None = None  # this page's number (a first page without one: the number before)
    last: int | None = None  # the last number the pager claims
    step: int = 1  # -1: a pager counting down
    why: tuple[str, ...] = field(default=())
    postback: Postback | None = None  # the next page, when it is a form posted back

    @property
    def found(self) -> bool:
        return bool(self.source)

    def ahead(self, window: int, after: int | None = None) -> list[str]:
        """The template's next `window` pages after number `after` (default: this page)."""
        start = self.current if after is None else after
        if self.template is None or start is None or window <= 0:
            return []
        urls = []
        for k in range(1, window + 1):
            number = start + k * self.step
            if number < 0 or (self.last is not None and (number - self.last) * self.step > 0):
                break
            urls.append(self.template.url(number))
        return urls

    def next_pages(self, window: int = DEFAULT_WINDOW) -> list[str]:
        """Every list page this page leads to: its own pager links, then the template window."""
        found = dict.fromkeys(([self.next_url] if self.next_url else []) + list(self.links))
        found.update(dict.fromkeys(self.ahead(window)))
        return list(found)


@dataclass(frozen=True)
class Postback:
    """The next list page of an ASP.NET WebForms pager: the page's own form posted back with
    `__EVENTTARGET=target` and `__EVENTARGUMENT=argument` (page `number` when it says one)."""

    target: str
    argument: str
    number: int | None


# What a pager page carries to its own answer: the column's template, last number and step
PagerSpec = tuple[str, str, int | None, int]


@dataclass(frozen=True)
class PagerPage:
    """A list page to schedule from a pager, with what its request carries along."""

    url: str
    spec: PagerSpec | None
    number: int | None


def pages_to_schedule(
    pager: Pager, window: int, carried: PagerSpec | None = None, number: int | None = None
) -> list[PagerPage]:
    """The pager pages a list page leads to: its own pager's (`Pager.next_pages`), and, when the
    page was itself reached through a column's template (`carried`, its `number`), the next
    `window` pages of that template: the window moves on with every page that answers, even one
    that shows no pager of its own."""
    urls = pager.next_pages(window)
    if carried is not None and number is not None:
        prefix, suffix, last, step = carried
        column = Pager(template=PagerTemplate(prefix, suffix), last=last, step=step)
        urls += column.ahead(window, after=number)
    template = pager.template
    spec = (template.prefix, template.suffix, pager.last, pager.step) if template else carried
    pages = []
    for url in dict.fromkeys(urls):
        found = PagerTemplate(spec[0], spec[1]).number(url) if spec is not None else None
        pages.append(PagerPage(url, spec if found is not None else None, found))
    return pages


def find_pager(root: html.HtmlElement, text: str, page_url: str) -> Pager:
    """The pager of a list page (an empty `Pager` when it has none)."""
    links = list(_page_links(root, page_base(root, page_url)))
    scripts = _scripts(root) or text
    for reader in (_trs_pager, _kkpager, _js_call_pager, _script_count_pager):
        pager = reader(scripts, links, page_url)
        if pager is not None:
            return _with_link_pages(pager, links, page_url)
    if (pager := _form_call_pager(root, scripts, links, page_url)) is not None:
        return _with_link_pages(pager, links, page_url)
    pager = _link_pager(links, page_url)
    if not pager.found and (postback := _postback(links)) is not None and _has_postback_form(root):
        why = (f"__doPostBack({postback.target!r}, {postback.argument!r}) posts the next page",)
        return Pager(source="__doPostBack", postback=postback, why=why)
    return pager


# --- links calling a page function with an id ------------------------------------------------
_ID_CALL = re.compile(
    r"""^(?:javascript:)?\s*([A-Za-z_$][\w$]*)\(\s*(["'])([\w.-]{1,64})\2\s*\)\s*;?"""
    r"""\s*(?:return\s+false\s*;?)?\s*$""",
    re.IGNORECASE,
)


@dataclass
class ScriptCalls:
    """The page URLs of links that call a page function with an id (`javascript:showDetail
    ('123')`, `onclick="view('123')"`) whose body builds the URL by concatenation
    (`window.open("detail.jsp?id=" + id)`); functions are read once per page."""

    root: html.HtmlElement
    page_url: str
    _scripts: str | None = None
    _templates: dict[str, PagerTemplate | None] = field(default_factory=dict)

    def url(self, anchor: html.HtmlElement) -> str | None:
        for code in (anchor.get("href") or "", anchor.get("onclick") or ""):
            call = _ID_CALL.match(code.strip())
            if call is None:
                continue
            template = self._template(call.group(1))
            if template is not None:
                return template.prefix + call.group(3) + template.suffix
        return None

    def _template(self, function: str) -> PagerTemplate | None:
        if function not in self._templates:
            if self._scripts is None:
                self._scripts = _scripts(self.root)
            body = re.search(
                _JS_FUNCTION.format(name=re.escape(function)), self._scripts, re.DOTALL
            )
            found = _template_for(body.group(2), self.page_url, body.group(1)) if body else None
            self._templates[function] = found[0] if found else None
        return self._templates[function]


# --- ASP.NET postback pagers -----------------------------------------------------------------
def _postback(links: list[_Link]) -> Postback | None:
    """The next page of a postback pager: the link labelled next, else the number after the
    page's own among a run of numbered links (see `_own_number`)."""
    calls = [(link, m) for link in links if (m := _POSTBACK_HREF.match(link.href))]
    for link, match in calls:
        if link.label in NEXT_LABELS:
            number = _POSTBACK_NUMBER.match(match["argument"])
            return Postback(match["target"], match["argument"], int(number[1]) if number else None)
    numbered: dict[str, dict[int, str]] = {}
    for link, match in calls:
        shown = _PAGE_NUMBER_TEXT.match(link.label)
        number = _POSTBACK_NUMBER.match(match["argument"])
        if shown and number and int(shown[1]) == int(number[1]):
            numbered.setdefault(match["target"], {})[int(number[1])] = match["argument"]
    for target, arguments in numbered.items():
        if len(arguments) >= MIN_RUN and (after := _own_number(set(arguments)) + 1) in arguments:
            return Postback(target, arguments[after], after)
    return None


def _own_number(linked: set[int]) -> int:
    """A numbered pager links every shown page but the page itself: the gap in the run (page 2
    links 1, 3, 4), else the number before the run (page 1 links 2, 3), else the one after."""
    low, high = min(linked), max(linked)
    gap = next((n for n in range(low, high) if n not in linked), None)
    if gap is not None:
        return gap
    return low - 1 if low > 1 else high + 1


def _has_postback_form(root: html.HtmlElement) -> bool:
    return bool(root.xpath(POSTBACK_FORM_XPATH))


# --- script pagers ---------------------------------------------------------------------------
def _trs_pager(scripts: str, links: list[_Link], page_url: str) -> Pager | None:
    match = TRS_PAGER.search(scripts)
    if match is None:
        return _object_pager(scripts, page_url)
    total = _js_int(match.group("total"), scripts)
    current = _js_int(match.group("current"), scripts) or 0
    if total is None:
        return None
    one_based = match.group("div") is not None  # the newer call numbers pages from 1
    prefix, ext = match.group("prefix"), match.group("ext")
    template = PagerTemplate(urljoin(page_url, f"{prefix}_"), f".{ext}")
    last = total if one_based else total - 1
    source = "createPageHTML('div', total, current, ...)" if one_based else "createPageHTML"
    why = (f"{source}: {total} pages, this is page {current + (0 if one_based else 1)}",)
    return Pager(source=source, template=template, current=current, last=last, why=why)


def _object_pager(scripts: str, page_url: str) -> Pager | None:
    """TRS's `Pager({size:16, current:0, prefix:'index', suffix:'html'})`: page n is
    `index_n.html`, the first `index.html`."""
    for match in _OBJECT_PAGER.finditer(scripts):
        settings = {m[1]: m[3] if m[2] else m[4] for m in _SETTING.finditer(match["settings"])}
        if not {"size", "current", "prefix", "suffix"} <= settings.keys():
            continue
        total = _js_int(settings["size"], scripts)
        current = _js_int(settings["current"], scripts) or 0
        if total is None:
            continue
        template = PagerTemplate(
            urljoin(page_url, f"{settings['prefix']}_"), f".{settings['suffix']}"
        )
        why = (
            f"Pager({{size, current, prefix, suffix}}): {total} pages, this is page {current + 1}",
        )
        return Pager(
            source="Pager({...})", template=template, current=current, last=total - 1, why=why
        )
    return None


def _js_calls(links: list[_Link]) -> dict[str, list[tuple[_Link, re.Match[str]]]]:
    """The links calling a page function with a number (`javascript:goPage(2)`), by function."""
    calls_by_function: dict[str, list[tuple[_Link, re.Match[str]]]] = {}
    for link in links:
        if match := _JS_CALL_HREF.match(link.href):
            calls_by_function.setdefault(match.group(1), []).append((link, match))
    return calls_by_function


def _js_call_pager(scripts: str, links: list[_Link], page_url: str) -> Pager | None:
    """`<a href="javascript:gotoPage('2')">下一页</a>` and a function building the URL."""
    for function, calls in _js_calls(links).items():
        body = re.search(_JS_FUNCTION.format(name=re.escape(function)), scripts, re.DOTALL)
        if body is None:
            continue
        template, offset = _template_for(body.group(2), page_url, variable=body.group(1))
        if template is not None:
            return _js_call_result(function, calls, template, offset, page_url)
    return None


# a page function that sets a form's field to its number and submits the form: `function
# goPage(p){document.getElementById('pageNo').value=p; document.forms[0].submit();}`, or
# `document.pageForm.pageNo.value = p`, or `$("#pageNo").val(p)`
_FIELD_SET = (
    r"""(?:getElementById\(\s*["'](?P<id>[\w-]+)["']\s*\)|\.(?P<name>[A-Za-z_][\w]*))"""
    r"""\.value\s*=\s*{var}\b|\$\(\s*["']#(?P<jq>[\w-]+)["']\s*\)\.val\(\s*{var}\s*\)"""
)
_UNSENT_INPUTS = frozenset({"submit", "button", "image", "reset", "file"})


def _form_call_pager(
    root: html.HtmlElement, scripts: str, links: list[_Link], page_url: str
) -> Pager | None:
    """`<a href="javascript:goPage(2)">下一页</a>` whose function puts the number in a form's
    field and submits the form by GET (its method, or none): page n is the form's URL with its
    fields, that one set to n. A form sent by POST is no URL (left alone)."""
    for function, calls in _js_calls(links).items():
        body = re.search(_JS_FUNCTION.format(name=re.escape(function)), scripts, re.DOTALL)
        if body is None or "submit(" not in body.group(2):
            continue
        setting = re.search(_FIELD_SET.format(var=re.escape(body.group(1))), body.group(2))
        if setting is None:
            continue
        field = setting["id"] or setting["name"] or setting["jq"]
        found = root.xpath(
            "//form[.//input[@id=$f or @name=$f]]//input[@id=$f or @name=$f]", f=field
        )
        if not found or not found[0].get("name"):
            continue
        form = next(found[0].iterancestors("form"))
        if (form.get("method") or "get").strip().lower() != "get":
            continue
        action = urljoin(page_base(root, page_url), (form.get("action") or "").strip() or page_url)
        parts = urlsplit(action)
        fields = parse_qsl(parts.query, keep_blank_values=True) + [
            (element.get("name"), element.get("value") or "")
            for element in form.iter("input")
            if element.get("name")
            and element is not found[0]
            and (element.get("type") or "text").lower() not in _UNSENT_INPUTS
        ]
        query = urlencode([*fields, (found[0].get("name"), "")])
        template = PagerTemplate(urlunsplit(parts._replace(query=query, fragment="")), "")
        return _js_call_result(function, calls, template, 0, page_url)
    return None


def _js_call_result(
    function: str,
    calls: list[tuple[_Link, re.Match[str]]],
    template: PagerTemplate,
    offset: int,
    page_url: str,
) -> Pager:
    numbers = {int(m.group(2)) + offset: link for link, m in calls}
    next_number = next((n for n, link in numbers.items() if link.label in NEXT_LABELS), None)
    last = next((n for n, link in numbers.items() if link.label in LAST_LABELS), None)
    current = template.number(page_url)
    if current is None and next_number is not None:
        current = next_number - 1
    step = 1 if next_number is None or current is None or next_number >= current else -1
    next_url = template.url(next_number) if next_number is not None else None
    why = (f"javascript:{function}(n) builds {template.shown()}",)
    return Pager(
        source=f"javascript:{function}()", next_url=next_url, template=template,
        current=current, last=last, step=step, why=why,
    )  # fmt: skip


def _script_count_pager(scripts: str, links: list[_Link], page_url: str) -> Pager | None:
    """A page count in script and a URL template built by string concatenation (document.write
    pagers, jQuery pagination callbacks)."""
    collapsed = _collapse_literals(scripts)
    template, offset = _template_for(collapsed, page_url)
    if template is None:
        return None
    total = _first_int(_PAGE_COUNT, collapsed)
    call = _PAGINATION_CALL.search(collapsed)
    if total is None and call is not None and call.group(1):
        per_page = _first_int(_ITEMS_PER_PAGE, collapsed) or 1
        total = math.ceil(int(call.group(1)) / per_page)
    options = _PAGINATION_OPTIONS.search(collapsed) if call is not None else None
    if total is None and options is not None:  # `.pagination({pageSize: 15, total: 110})`
        items = _first_int(_OPTION_TOTAL, options["args"])
        size = _first_int(_ITEMS_PER_PAGE, options["args"])
        total = math.ceil(items / size) if items is not None and size else None
    laypage = _LAYPAGE_CALL.search(collapsed) if "laypage" in collapsed else None
    if total is None and laypage is not None:
        items = _first_int(_LAYPAGE_COUNT, laypage["args"])
        per_page = _first_int(_LAYPAGE_LIMIT, laypage["args"]) or LAYPAGE_DEFAULT_LIMIT
        total = math.ceil(items / per_page) if items is not None else None
    if total is None and (items := _first_int(_ITEM_COUNT, collapsed)) is not None:
        shown_per_page = _first_int(_ITEMS_PER_PAGE, collapsed)  # records alone: no page count
        total = math.ceil(items / shown_per_page) if shown_per_page else None
    if total is None:
        return None
    shown = _first_int(_CURRENT_PAGE, collapsed) or 0  # the pager's own page number
    if laypage is not None and total is not None:  # laypage counts from 1 (`curr`, 1 unless told)
        shown = _first_int(_CURRENT_PAGE, laypage["args"]) or 1
    number = template.number(page_url)
    base = 0 if shown == 0 or (number is not None and offset == 0) else 1
    current = number if number is not None else shown + offset
    last = base + total - 1 + offset
    source = "pagination()" if call is not None else "laypage" if laypage else "script page count"
    why = (f"{source}: {total} pages, URL {template.shown()}",)
    return Pager(source=source, template=template, current=current, last=last, why=why)


def _kkpager(scripts: str, links: list[_Link], page_url: str) -> Pager | None:
    """kkpager (`kkpager.generPageHtml({pno: 1, total: 20, hrefFormer: 'index', hrefLatter:
    '.html'})`): `total` pages, page 1 `hrefFormer + hrefLatter`, page n `hrefFormer + '_' + n +
    hrefLatter` (its default link), unless the call builds its own (`getLink: function(n)
    {return "list.jsp?pno=" + n}`). Values may be the page's variables (`total: totalPage`)."""
    if "kkpager" not in scripts:
        return None
    call = _KKPAGER_CALL.search(scripts)
    if call is None:
        return None
    args = call["args"]
    total, former = _kk_value(args, "total", scripts), _kk_value(args, "hrefFormer", scripts)
    if total is None or not total.isdigit():
        return None
    if "getLink" in args:  # a link of its own: `return "list.jsp?pno=" + n`
        template, offset = _template_for(args, page_url)
        if template is None or offset:
            return None
    elif former is not None:
        latter = _kk_value(args, "hrefLatter", scripts) or ""
        template = PagerTemplate(urljoin(page_url, former + "_"), latter)
    else:
        return None  # a click pager (mode: 'click'): its pages come from a script's request
    current = _kk_value(args, "pno", scripts)
    number = template.number(page_url)
    shown = int(current) if current and current.isdigit() else (number or 1)
    why = (f"kkpager: {total} pages, URL {template.shown()}",)
    return Pager(source="kkpager", template=template, current=shown, last=int(total), why=why)


def _kk_value(args: str, name: str, scripts: str) -> str | None:
    """A kkpager option's value: a literal, or the literal a variable of that name holds."""
    found = re.search(
        rf"""\b{name}\s*:\s*(?:(?P<literal>{JS_STRING}|\d+)|(?P<var>[A-Za-z_$][\w$]*))""", args
    )
    if found is None:
        return None
    if found["literal"] is not None:
        literal = found["literal"]
        return literal if literal.isdigit() else _unquote(literal)
    assigned = re.search(
        rf"""\b{re.escape(found["var"])}\s*=\s*(?P<value>{JS_STRING}|\d+)""", scripts
    )
    if assigned is None:
        return None
    value = assigned["value"]
    return value if value.isdigit() else _unquote(value)


def _template_for(
    code: str, page_url: str, variable: str | None = None
) -> tuple[PagerTemplate | None, int]:
    """The first `"literal" + var + "literal"` in `code` that builds a page URL; one adding
    nothing to its variable first (`"index_" + nextPage + ".html"` over a go-to box's
    `"./index_" + (page - 1) + ".html"`, whose variable counts pages otherwise than the
    script's current page)."""
    code = _collapse_literals(code)
    found: list[tuple[PagerTemplate, int]] = []
    for match in SCRIPT_TEMPLATE.finditer(code):
        if variable is not None and match.group("var") != variable:
            continue
        head = _head_variable(code, match.start())
        if head == "":
            continue  # the literal continues an expression whose start is unknown
        left = (head or "") + _unquote(match.group("left"))
        prefix = _URL_END.sub("", _URL_START.sub("", left))
        right = match.group("right")
        suffix = _URL_END.sub("", _unquote(right)) if right else ""
        if not _is_page_template(prefix, suffix):
            continue
        offset = int(match.group("offset") or 0) * (-1 if match.group("sign") == "-" else 1)
        template = PagerTemplate(urljoin(page_url, prefix), suffix)
        if offset == 0:
            return template, 0
        found.append((template, offset))
    return found[0] if found else (None, 0)


def _head_variable(code: str, start: int) -> str | None:
    """What precedes a literal in a `+` chain: None (nothing), the string a variable was
    assigned (`purl + "_" + n` with `var purl = "../index_958"`), or "" (unknown)."""
    before = code[:start].rstrip()
    if not before.endswith("+"):
        return None
    name = _TRAILING_NAME.search(before[:-1].rstrip())
    if name is None:
        return ""
    assigned = re.search(_JS_STRING_ASSIGNMENT.format(name=re.escape(name.group(1))), code)
    return _unquote(assigned.group(1)) if assigned else ""


def _is_page_template(prefix: str, suffix: str) -> bool:
    if "<" in prefix or " " in prefix or not _NAMED.search(prefix[:-1]):
        return False
    if suffix:
        return bool(_PAGE_SUFFIX.match(suffix)) and prefix[-1] in "_-/=."
    return prefix.endswith("=") and "?" in prefix


def _collapse_literals(code: str) -> str:
    """`"index" + "_"` -> `"index_"`: literals joined by `+` become one."""
    return _ADJACENT_SINGLE.sub("", _ADJACENT_DOUBLE.sub("", code))


def _unquote(literal: str) -> str:
    return literal[1:-1].replace('\\"', '"').replace("\\'", "'").replace("\\/", "/")


# --- links -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Link:
    href: str  # as written
    url: str | None  # absolute, fragment dropped (None: javascript:, mailto: ...)
    label: str  # text, or the title attribute of an empty link


def _page_links(root: html.HtmlElement, page_url: str) -> Iterator[_Link]:
    yield from _href_links(root, page_url)
    yield from _onclick_links(root, page_url)


def _onclick_links(root: html.HtmlElement, page_url: str) -> Iterator[_Link]:
    """Buttons and links whose onclick goes to a page: `location.href='index_2.html'` (a URL)
    or `goPage(2)` (read as a `javascript:` link)."""
    for element in root.xpath("//*[@onclick]"):
        words = " ".join(((element.text_content() or "") or element.get("value", "")).split())
        if not words and element.tag == "a":
            words = _unlabelled_link_word(element)  # a button image (`<img src="next.gif">`)
        label = _pager_word(words)
        if label not in STEP_LABELS:
            continue
        onclick = element.get("onclick", "").strip()
        target = _ONCLICK_LOCATION.search(onclick)
        href = _unquote(target.group(1)) if target else f"javascript:{onclick}"
        yield _Link(href, _absolute(href, page_url), label)


def _href_links(root: html.HtmlElement, page_url: str) -> Iterator[_Link]:
    for element in islice(root.iter("a", "option"), MAX_PAGE_LINKS):
        href = anchor_href(element) if element.tag == "a" else element.get("value")
        if href is None or (element.tag == "option" and not _URL_LIKE.search(href)):
            continue  # an <option> value is a page number as often as a URL
        href = href.strip()
        label = " ".join((element.text_content() or "").split())
        if not label and element.tag == "a":
            label = _unlabelled_link_word(element)
        yield _Link(href, _absolute(href, page_url), _pager_word(label))


def _pager_word(label: str) -> str:
    """A pager word dressed up (``[下一页]``, ``下一页 >>``, ``Next »``, ``<上一页``) as the
    word itself; any other label as it is."""
    if label in PAGER_LABELS or not label:
        return label
    core = label.strip(_LABEL_DRESSING)
    if not core:
        return label  # arrows alone (», >>) are pager words of their own
    return _PAGER_WORDS.get(core.lower(), label)


def _unlabelled_link_word(element: html.HtmlElement) -> str:
    """A link with no text: its title, its image's alt or title (``<img alt="下一页">``), else
    the pager word its class names (``<a class="next">``)."""
    for found in (element.get("title"), *element.xpath(".//img/@alt | .//img/@title")):
        if found and found.strip():
            return found.strip()
    for name in (element.get("class") or "").lower().split():
        for marker, word in _CLASS_WORDS:
            if marker in name:
                return word
    for src in element.xpath(".//img/@src"):  # an image named for the word: next.gif, xyy.png
        stem = src.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()
        for part in _IMAGE_NAME_PARTS.split(stem):
            if named := _IMAGE_WORDS.get(part):
                return named
    return ""


def _link_pager(links: list[_Link], page_url: str) -> Pager:
    return _with_link_pages(Pager(), links, page_url)


def _with_link_pages(pager: Pager, links: list[_Link], page_url: str) -> Pager:
    """Add the pages the page links to itself: labelled next/last links and numbered runs."""
    own = _strip_fragment(page_url)
    next_link = next(
        (link.url for link in links if link.label in NEXT_LABELS and link.url and link.url != own),
        None,
    )
    last_link = next((link.url for link in links if link.label in LAST_LABELS and link.url), None)
    run_template, run = _numbered_run(links, own, next_link)
    found = [u for u in (next_link, *run, last_link) if u and u != own]
    # a last page links to its first and to itself: still a pager, with nothing ahead
    labelled = any(link.url and link.label in STEP_LABELS for link in links)
    why = list(pager.why)
    if next_link:
        why.append(f"link labelled next: {next_link}")
    if run:
        why.append(f"{len(run)} numbered page links")
    template = pager.template or run_template
    current, last, step = pager.current, pager.last, pager.step
    if pager.template is None and run_template is not None:
        current = run_template.number(own)
        numbers = [n for n in (run_template.number(u) for u in run) if n is not None]
        next_number = run_template.number(next_link) if next_link else None
        if current is None and next_number is not None:
            current = next_number - 1
        if next_number is not None and current is not None and next_number < current:
            step = -1
        if last_link is not None and (n := run_template.number(last_link)) is not None:
            last = n
        elif numbers and current is not None and step == 1 and last is None:
            last = max(numbers)
    return Pager(
        source=pager.source or ("links" if found or labelled else ""),
        links=tuple(dict.fromkeys(found)),
        next_url=pager.next_url or next_link,
        template=template, current=current, last=last, step=step, why=tuple(why),
    )  # fmt: skip


def _numbered_run(
    links: list[_Link], own: str, next_link: str | None
) -> tuple[PagerTemplate | None, list[str]]:
    """Links whose URLs differ only by one number: numbered page links, hidden page lists,
    page-jump `<option>`s. The run holding the next link wins, else the longest."""
    groups: dict[tuple[str, str], dict[int, str]] = {}
    labelled: dict[tuple[str, str], int] = {}
    host = urlsplit(own).netloc.lower()
    for link in links:
        if link.url is None or link.url == own or not _looks_like_pager_link(link):
            continue
        if urlsplit(link.url).netloc.lower() != host:
            continue  # a column's pages are on its own host (comment counts link elsewhere)
        for key, number in _number_slots(link.url):
            groups.setdefault(key, {})[number] = link.url
            labelled[key] = labelled.get(key, 0) + (1 if link.label else 0)
    runs = {
        key: found
        for key, found in groups.items()
        if labelled[key] >= MIN_RUN or (len(found) >= MIN_UNLABELLED_RUN and _page_numbers(found))
    }
    if not runs:
        return None, []
    if next_link is not None:
        holding = [key for key, found in runs.items() if next_link in found.values()]
        if holding:
            key = max(holding, key=lambda k: len(runs[k]))
            return PagerTemplate(*key), [runs[key][n] for n in sorted(runs[key])]
    key = max(runs, key=lambda k: (len(runs[k]), k))
    return PagerTemplate(*key), [runs[key][n] for n in sorted(runs[key])]


def _page_numbers(found: dict[int, str]) -> bool:
    """Numbers a pager counts with: small ones, not records' ids (a download icon per row,
    `downloadContentFile_195400974278.jhtml`, is no hidden page list)."""
    return max(found) <= MAX_PAGE_NUMBER


def _looks_like_pager_link(link: _Link) -> bool:
    """Numbered page links carry a page number, a pager word, or nothing at all (hidden lists)."""
    label = link.label
    return not label or label in PAGER_LABELS or bool(_PAGE_NUMBER_TEXT.match(label))


def _number_slots(url: str) -> Iterable[tuple[tuple[str, str], int]]:
    """(prefix, suffix) around each number of the URL's last path segment and query (the
    segment before a closing slash: ``/news/page/2/``)."""
    cut = url.rfind("/", 0, len(url) - 1 if url.endswith("/") else len(url)) + 1
    for match in _DIGITS.finditer(url, cut):
        yield (url[: match.start()], url[match.end() :]), int(match.group())


# --- helpers ---------------------------------------------------------------------------------
def _scripts(root: html.HtmlElement) -> str:
    return "\n".join(script.text or "" for script in root.iter("script"))


def _absolute(href: str, base: str) -> str | None:
    return absolute_url(href, base)


def _strip_fragment(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(fragment=""))


def _path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _js_int(token: str, text: str) -> int | None:
    if token.isdigit():
        return int(token)
    match = re.search(JS_INT_ASSIGNMENT.format(name=re.escape(token)), text)
    return int(match.group(1)) if match else None


def _first_int(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.search(text)
    return int(match.group(1)) if match else None
