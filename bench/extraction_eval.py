"""Extraction quality side by side with the extractors people use today.

    .venv/bin/python bench/extraction_eval.py --golden
    .venv/bin/python bench/extraction_eval.py --corpus /path/to/eval   # page.html + truth.json
    .venv/bin/python bench/extraction_eval.py --replica                # every replica article

For every page: our record (`crawler.page.record.build_record` on the raw bytes: our own decoding),
plain `trafilatura.extract` (default settings), GNE, readability-lxml and magic-html (when
installed). Peers are run twice on a corpus: on text decoded by w3lib's usual rules (what a
naive crawler hands them) and on correctly decoded text. Columns: mean character-bigram F1 of
the body (both sides OpenCC t2s, whitespace removed), chrome strings leaked into body or title
(not counting strings the truth itself contains), and title / date / source accuracy over the
pages whose truth has them; authors: the pages whose truth names authors where one of them is
found (ours: among authors, reporters and editors; GNE: in its `author` field; the others give
no names: n/a).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.page.assemble import build_record  # noqa: E402
from crawler.page.dates import parse_date  # noqa: E402
from crawler.page.encoding import decode_page  # noqa: E402

CHROME_STRINGS: tuple[str, ...] = (
    "当前位置", "您的位置", "发布时间", "来源:", "来源：", "字体", "字号", "打印本页", "关闭窗口",
    "分享到", "上一篇", "下一篇", "网站标识码", "ICP备", "公安备案", "浏览次数", "点击数",
    "返回顶部", "扫一扫", "责任编辑", "版权所有", "Copyright", "【打印】", "【关闭】", "相关链接",
)  # fmt: skip
_WHITESPACE = re.compile(r"\s+")
# the site name a <title> appends: "标题--时政--人民网", "标题_新浪网", "标题 - 央视网"
_SITE_SUFFIX = re.compile(r"\s*(?:--|__|_|\s-\s|\||｜).*$")


@dataclass
class Case:
    name: str
    body: bytes
    url: str
    declared: str | None
    text: str | None
    title: str | None = None
    date: str | None = None
    source: str | None = None
    authors: list[str] | None = None


@dataclass
class Output:
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    names: list[str] | None = None  # None: the system gives no names


@dataclass
class Score:
    f1: list[float] = field(default_factory=list)
    leaks: int = 0
    title: list[bool] = field(default_factory=list)
    date: list[bool] = field(default_factory=list)
    source: list[bool] = field(default_factory=list)
    authors: list[bool] = field(default_factory=list)
    seconds: float = 0.0
    worst: list[tuple[float, str]] = field(default_factory=list)


def _t2s() -> Callable[[str], str]:
    import opencc

    converter = opencc.OpenCC("t2s")
    return converter.convert  # type: ignore[no-any-return]


TO_SIMPLIFIED = _t2s()


def comparable(text: str | None) -> str:
    return _WHITESPACE.sub("", TO_SIMPLIFIED(text or ""))


def bigram_f1(ours: str, truth: str) -> float:
    a, b = comparable(ours), comparable(truth)
    if not a and not b:
        return 1.0
    grams_a = Counter(a[i : i + 2] for i in range(len(a) - 1)) or Counter(a)
    grams_b = Counter(b[i : i + 2] for i in range(len(b) - 1)) or Counter(b)
    overlap = sum((grams_a & grams_b).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(grams_a.values())
    recall = overlap / sum(grams_b.values())
    return 2 * precision * recall / (precision + recall)


def leaks(output: Output, truth_text: str | None) -> int:
    truth = TO_SIMPLIFIED(truth_text or "")
    seen = TO_SIMPLIFIED((output.text or "") + "\n" + (output.title or ""))
    return sum(1 for s in CHROME_STRINGS if s in seen and s not in truth)


# --- cases ------------------------------------------------------------------------------


def corpus_cases(folder: Path) -> Iterator[Case]:
    for case_dir in sorted(p for p in folder.iterdir() if (p / "truth.json").exists()):
        truth = json.loads((case_dir / "truth.json").read_text("utf-8"))
        yield Case(
            name=case_dir.name,
            body=(case_dir / "page.html").read_bytes(),
            url=truth.get("url") or f"http://example.invalid/{case_dir.name}.html",
            declared=None,
            text=truth.get("text"),
            title=truth.get("title"),
            date=truth.get("date"),
            source=truth.get("source"),
            authors=truth.get("authors"),
        )


def golden_cases(folder: Path) -> Iterator[Case]:
    for page in sorted(folder.glob("**/page.html")):
        case_dir = page.parent
        meta = json.loads((case_dir / "meta.json").read_text("utf-8"))
        expected = json.loads((case_dir / "expected.json").read_text("utf-8"))
        yield Case(
            name=str(case_dir.relative_to(folder)),
            body=page.read_bytes(),
            url=meta["url"],
            declared=meta.get("declared_encoding"),
            text=expected.get("text"),
            title=expected.get("title"),
            date=expected.get("published_at"),
            source=expected.get("source"),
            authors=_names_of(expected) or None,
        )


def article_cases(folder: Path) -> Iterator[Case]:
    """tests/realarticles: real article pages whose truth a reader wrote (title, date, source,
    names; phrases rather than a whole body, so no F1)."""
    for page in sorted(folder.glob("*/*/page.html")):
        case_dir = page.parent
        truth = json.loads((case_dir / "truth.json").read_text("utf-8"))
        origin = json.loads((case_dir / "origin.json").read_text("utf-8"))
        yield Case(
            name=str(case_dir.relative_to(folder)),
            body=page.read_bytes(),
            url=truth.get("url") or origin.get("site_url") or "http://example.invalid/a.html",
            declared=None,
            text=None,
            title=truth.get("title"),
            date=truth.get("published_at"),
            source=truth.get("source"),
            authors=truth.get("names") or None,
        )


def replica_cases(n_articles: int = 300) -> Iterator[Case]:
    """Every article of the replica sites, as the loopback server would send it."""
    from testbed.replica import build_replicas
    from testbed.replica.model import BASE_PLACEHOLDER, DEAD_PLACEHOLDER

    for site in build_replicas(n_articles):
        base = f"http://{site.name}.replica.test"
        for truth in site.articles:
            page = site.pages[truth.url_path]
            body = page.body.replace(BASE_PLACEHOLDER, base.encode())
            body = body.replace(DEAD_PLACEHOLDER, b"http://dead.replica.test/")
            yield Case(
                name=f"{site.name}{truth.url_path}",
                body=body,
                url=base + truth.url_path,
                declared=_header_charset(page.content_type),
                text=truth.text,
                title=truth.title,
                date=truth.published_at,
                source=truth.source,
                authors=[*truth.reporters, *truth.editors] or None,
            )


def _header_charset(content_type: str) -> str | None:
    _, _, charset = content_type.partition("charset=")
    return charset.strip() or None


# --- systems ------------------------------------------------------------------------------


def _names_of(record: dict[str, Any]) -> list[str]:
    return [n for key in ("authors", "reporters", "editors") for n in record.get(key) or []]


def ours(case: Case) -> Output:
    record = build_record(case.body, case.url, declared_encoding=case.declared)
    return Output(
        record["text"], record["title"], record["published_at"], record["source"], _names_of(record)
    )


def w3lib_text(case: Case) -> str:
    from w3lib.encoding import html_to_unicode

    header = f"text/html; charset={case.declared}" if case.declared else None
    return html_to_unicode(header, case.body)[1]


def correct_text(case: Case) -> str:
    return decode_page(case.body, case.declared).text


def trafilatura_system(html: str, case: Case) -> Output:
    import trafilatura

    text = trafilatura.extract(html, url=case.url) or ""
    meta = trafilatura.extract_metadata(html, default_url=case.url)
    if meta is None:
        return Output(text)
    return Output(text, meta.title, meta.date, None)


def gne_system(html: str, case: Case) -> Output:
    from gne import GeneralNewsExtractor

    result = GeneralNewsExtractor().extract(html)
    author = result.get("author") or ""
    return Output(
        result.get("content") or "", result.get("title"), result.get("publish_time"), None, [author]
    )


def readability_system(html: str, case: Case) -> Output:
    import lxml.html
    from readability import Document

    document = Document(html)
    summary = document.summary()
    text = "\n".join(
        t.strip() for t in lxml.html.fromstring(summary).itertext() if t.strip()
    ) if summary.strip() else ""  # fmt: skip
    return Output(text, document.short_title())


def magic_html_system(html: str, case: Case) -> Output:
    import lxml.html
    from magic_html import GeneralExtractor

    result = GeneralExtractor().extract(html, base_url=case.url)
    body = result.get("html") or ""
    text = "\n".join(
        t.strip() for t in lxml.html.fromstring(body).itertext() if t.strip()
    ) if body.strip() else ""  # fmt: skip
    return Output(text, result.get("title"))


PEERS: dict[str, Callable[[str, Case], Output]] = {
    "trafilatura": trafilatura_system,
    "gne": gne_system,
    "readability": readability_system,
}
# magic-html declares Python >= 3.12 but runs on 3.11: `pip install --ignore-requires-python
# magic-html` there to compare with it too.
if importlib.util.find_spec("magic_html") is not None:
    PEERS["magic-html"] = magic_html_system


def _same_title(ours_title: str | None, truth: str) -> bool:
    """Equal, or equal to the truth's headline when the truth is a <title> with the site's name
    after it (the same rule for every system)."""
    got = comparable(ours_title)
    return bool(got) and got in (comparable(truth), comparable(_SITE_SUFFIX.sub("", truth)))


def _same_date(ours_date: str | None, truth: str) -> bool:
    wanted = parse_date(truth) or truth
    got = parse_date(ours_date or "") if ours_date else None
    return bool(got) and got[:10] == wanted[:10]


def _found_author(names: list[str], truth: list[str]) -> bool:
    """A truth name within one of the names given (GNE gives one string, `记者 张三`)."""
    given = [comparable(n) for n in names if n]
    return any(comparable(a) in g for a in truth if a for g in given)


def score_case(score: Score, case: Case, output: Output) -> None:
    if case.text is not None:
        f1 = bigram_f1(output.text, case.text)
        score.f1.append(f1)
        score.worst.append((f1, case.name))
    score.leaks += leaks(output, case.text)
    if case.title:
        score.title.append(_same_title(output.title, case.title))
    if case.date:
        score.date.append(_same_date(output.date, case.date))
    if case.source:
        score.source.append(comparable(output.source) == comparable(case.source))
    if case.authors and output.names is not None:
        score.authors.append(_found_author(output.names, case.authors))


def run(cases: list[Case], peers: bool, verbose: bool) -> dict[str, Score]:
    systems: dict[str, Callable[[Case], Output]] = {"ours": ours}
    if peers:
        for name, peer in PEERS.items():
            systems[f"{name} (w3lib decoding)"] = lambda c, p=peer: p(w3lib_text(c), c)
            systems[f"{name} (correct decoding)"] = lambda c, p=peer: p(correct_text(c), c)
    scores = {name: Score() for name in systems}
    for case in cases:
        for name, system in systems.items():
            started = time.process_time()
            try:
                output = system(case)
            except Exception as error:  # a peer crashing on a page scores zero there
                print(f"  {name} failed on {case.name}: {error!r}", file=sys.stderr)
                output = Output("")
            scores[name].seconds += time.process_time() - started
            score_case(scores[name], case, output)
    if verbose:
        for f1, name in sorted(scores["ours"].worst)[:12]:
            print(f"  ours F1 {f1:.3f}  {name}")
    return scores


def _percent(values: list[bool]) -> str:
    return (
        f"{100 * sum(values) / len(values):5.1f}% ({sum(values)}/{len(values)})"
        if values
        else "   n/a"
    )


def print_table(title: str, scores: dict[str, Score], pages: int) -> None:
    print(f"\n{title}: {pages} pages")
    header = (
        f"{'system':32} {'mean F1':>8} {'leaks':>6} {'title':>16} {'date':>16} "
        f"{'source':>16} {'authors':>16} {'ms/page':>8}"
    )
    print(header)
    print("-" * len(header))
    for name, score in scores.items():
        mean = sum(score.f1) / len(score.f1) if score.f1 else float("nan")
        ms = 1000 * score.seconds / max(1, pages)
        print(
            f"{name:32} {mean:8.4f} {score.leaks:6d} {_percent(score.title):>16} "
            f"{_percent(score.date):>16} {_percent(score.source):>16} "
            f"{_percent(score.authors):>16} {ms:8.1f}"
        )


def _best_seconds(call: Callable[[], object], repeat: int, rounds: int = 3) -> float:
    """Least CPU seconds per call over a few rounds (the machine's noise only adds)."""
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for _ in range(repeat):
            call()
        best = min(best, (time.process_time() - started) / repeat)
    return best


def speed(title: str, cases: list[Case]) -> None:
    """CPU of `extract_article` on an already-parsed tree (as the spider calls it) against
    plain `trafilatura.extract` on the decoded text, per page, summed over the pages."""
    import lxml.html
    import trafilatura

    from crawler.page.extraction import as_tree, extract_article

    ours_total = theirs_total = 0.0
    for case in cases:
        html = correct_text(case)
        tree: lxml.html.HtmlElement = as_tree(html)
        ours_total += _best_seconds(lambda t=tree, u=case.url: extract_article(t, u), 5)
        theirs_total += _best_seconds(lambda h=html: trafilatura.extract(h), 1)
    n = max(1, len(cases))
    print(
        f"\n{title}: {len(cases)} pages, extract_article on a parsed tree "
        f"{1000 * ours_total / n:.2f} ms/page, trafilatura.extract {1000 * theirs_total / n:.2f} "
        f"ms/page, ratio {ours_total / max(theirs_total, 1e-9):.3f}"
    )


# --- the same pages with what a template may leave out -----------------------------------

_TITLE_TAG = re.compile(rb"<title[^>]*>.*?</title\s*>", re.IGNORECASE | re.DOTALL)
_META_TAG = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(rb"charset", re.IGNORECASE)
SITE_TITLE = "某某市人民政府门户网站"


def _site_title(body: bytes) -> bytes:
    site = SITE_TITLE.encode(decode_page(body, None).encoding, "replace")
    return _TITLE_TAG.sub(b"<title>" + site + b"</title>", body, count=1)


_CLASS_ATTRIBUTE = re.compile(rb"""\sclass\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_ID_ATTRIBUTE = re.compile(rb"""\sid\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_P_OPEN = re.compile(rb"<p\b[^>]*>", re.IGNORECASE)
_P_CLOSE = re.compile(rb"</p\s*>", re.IGNORECASE)


_HEADING_TAG = re.compile(rb"<(/?)h[1-6]\b", re.IGNORECASE)


def _no_headings(body: bytes) -> bytes:
    """Headings as templates that know no heading tag set them: plain blocks (`<div>`)."""
    return _HEADING_TAG.sub(rb"<\1div", body)


def _no_paragraphs(body: bytes) -> bytes:
    """Paragraphs as an old editor writes them: lines in one block, each opened by <br>."""
    return _P_CLOSE.sub(b"", _P_OPEN.sub(b"<br>", body))


_CHARSET_VALUE = re.compile(r"""(charset\s*=\s*["']?)[\w-]+""", re.IGNORECASE)


def _traditional(body: bytes) -> bytes:
    """The page as a mainland site's 繁體 version serves it: every character converted to
    traditional (OpenCC s2t), the page in UTF-8 and saying so."""
    import opencc

    text = _CHARSET_VALUE.sub(r"\1utf-8", decode_page(body, None).text)
    return str(opencc.OpenCC("s2t").convert(text)).encode("utf-8")


# Chrome templates put around a headline, dated as no article here is (2001): a related box
# right under it, a header's today's-date widget or a sidebar right above it, readers' comments
# at the end.
_FIRST_HEADING = re.compile(r"<h[1-3]\b[^>]*>.*?</h[1-3]\s*>", re.IGNORECASE | re.DOTALL)
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)
RELATED_BOX = (
    "<div class='rel'><h3>相关新闻：</h3><ul>"
    "<li><a href='/x/1.html'>市领导调研重点项目建设工作进展</a>"
    "<span class='time'>2001-02-03</span></li>"
    "<li><a href='/x/2.html'>全市安全生产工作会议召开</a><span class='time'>2001-02-04</span></li>"
    "</ul></div>"
)
TODAY_WIDGET = "<div class='top-date'>今天是：2001年2月3日 星期六</div>"
SIDEBAR = (  # rows labelling their own source, author and date
    "<div class='left'><h3>图片新闻</h3><ul>"
    "<li><a href='/x/1.html'>市领导调研重点项目建设工作进展</a><span>来源：某某日报</span></li>"
    "<li><a href='/x/2.html'>全市安全生产工作会议召开</a> 作者：王小明 2001-02-04</li></ul></div>"
)
COMMENTS = (
    "<div class='comments'><h3>网友评论</h3>"
    "<div><span>网友张三</span> 发表于 2001-02-03 10:00<p>写得很好，这个政策非常及时。</p></div>"
    "<div><span>李四</span> 发表于 2001-02-04 11:00<p>请问具体什么时候开始实施？</p></div></div>"
)
NOTICE_BAR = (  # a scrolling notice over the page: a headline-long link and its date
    "<div class='notice'><span>通知公告：</span><marquee>"
    "<a href='/x/3.html'>关于开展2001年度全市统计执法检查工作的通知</a> 2001-02-05</marquee></div>"
)
TOP_BAR = (
    "<div class='top'><span>欢迎访问某某市人民政府门户网站</span><a href='/wza'>无障碍</a>"
    "<a href='/lz'>长者模式</a><a href='/ft'>繁體版</a><a href='/en'>English</a></div>"
)
SHARE_BAR = (
    "<div class='share'>分享到：<a>微信</a><a>微博</a><a>QQ空间</a> 【<a>打印本页</a>】"
    "【<a>关闭窗口</a>】 字号：<a>大</a> <a>中</a> <a>小</a>"
    "<div class='ewm'><img src='/qr.png'><p>扫一扫在手机打开当前页</p></div></div>"
)
PREV_NEXT = (
    "<div class='pn'><p>上一篇：<a href='/x/4.html'>全市春季植树造林工作动员会召开</a> "
    "2001-02-06</p><p>下一篇：<a href='/x/5.html'>市政府召开常务会议研究部署近期重点工作</a> "
    "2001-02-07</p></div>"
)
FOOTER = (
    "<div class='footer'><p>主办单位：某某市人民政府办公室 承办：某某市大数据中心</p>"
    "<p>网站标识码：1234000001 赣ICP备05001234号 赣公网安备 36010202000123号</p>"
    "<p>最后更新：2001年2月8日</p><p>联系电话：0791-88888888</p></div>"
)


def _inserted(body: bytes, pattern: re.Pattern[str], chunk: str, after: bool) -> bytes:
    """`chunk` put after (before) the first match of `pattern` in the decoded page, in the
    page's own encoding; the page unchanged when nothing matches."""
    page = decode_page(body, None)
    found = pattern.search(page.text)
    if found is None:
        return body
    at = found.end() if after else found.start()
    return (page.text[:at] + chunk + page.text[at:]).encode(page.encoding, "xmlcharrefreplace")


PERTURBATIONS: dict[str, Callable[[bytes], bytes]] = {
    "traditional": _traditional,
    "site-title": _site_title,
    "no-class": lambda body: _CLASS_ATTRIBUTE.sub(b"", body),
    "no-title": lambda body: _TITLE_TAG.sub(b"", body),
    "no-id": lambda body: _ID_ATTRIBUTE.sub(b"", body),
    "no-p": _no_paragraphs,
    "no-heading": _no_headings,
    "related-box": lambda body: _inserted(body, _FIRST_HEADING, RELATED_BOX, after=True),
    "today-widget": lambda body: _inserted(body, _FIRST_HEADING, TODAY_WIDGET, after=False),
    "sidebar": lambda body: _inserted(body, _FIRST_HEADING, SIDEBAR, after=False),
    "comments": lambda body: _inserted(body, _BODY_END, COMMENTS, after=False),
    "notice-bar": lambda body: _inserted(body, _FIRST_HEADING, NOTICE_BAR, after=False),
    "top-bar": lambda body: _inserted(body, _FIRST_HEADING, TOP_BAR, after=False),
    "share-bar": lambda body: _inserted(body, _FIRST_HEADING, SHARE_BAR, after=True),
    "prev-next": lambda body: _inserted(body, _BODY_END, PREV_NEXT, after=False),
    "footer": lambda body: _inserted(body, _BODY_END, FOOTER, after=False),
    "no-meta": lambda body: _META_TAG.sub(
        lambda m: m.group(0) if _CHARSET.search(m.group(0)) else b"", body
    ),
}


def perturbed(case: Case, how: str) -> Case:
    """`case` with its page changed by `PERTURBATIONS[how]` (its truth unchanged)."""
    return replace(case, body=PERTURBATIONS[how](case.body))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, action="append", default=[],
        help="folder of cases: page.html + truth.json (repeat for several, side by side)",
    )  # fmt: skip
    parser.add_argument("--golden", action="store_true", help="tests/golden/**")
    parser.add_argument("--replica", action="store_true", help="replica articles (testbed.replica)")
    parser.add_argument(
        "--articles", action="store_true",
        help="tests/realarticles (title, date, source, names; no body F1)",
    )  # fmt: skip
    parser.add_argument("--no-peers", action="store_true", help="only our extractor")
    parser.add_argument("-v", "--verbose", action="store_true", help="list our worst pages")
    parser.add_argument(
        "--speed", action="store_true", help="CPU of extract_article vs trafilatura.extract"
    )
    parser.add_argument(
        "--perturb", choices=sorted(PERTURBATIONS),
        help="score every system on the pages changed so: <title> naming only a site, no "
        "<title>, no <meta> tags but the charset, no class attribute, in traditional characters, "
        "no heading tags; a related box of dated rows under the first heading, a today's-date "
        "widget above it, a sidebar of rows labelled with their source and author above it, "
        "readers' dated comments at the end",
    )  # fmt: skip
    args = parser.parse_args(argv)
    for corpus in args.corpus:
        if not corpus.is_dir():
            parser.error(f"--corpus {corpus}: no such folder")
    warnings.simplefilter("ignore")
    if not (args.corpus or args.golden or args.replica or args.articles):
        args.golden = True
    suites: list[tuple[str, list[Case]]] = []
    if args.golden:
        suites.append(("golden pages", list(golden_cases(ROOT / "tests" / "golden"))))
    for corpus in args.corpus:
        suites.append((f"corpus {corpus}", list(corpus_cases(corpus))))
    if args.replica:
        suites.append(("replica articles", list(replica_cases())))
    if args.articles:
        suites.append(("real article pages", list(article_cases(ROOT / "tests" / "realarticles"))))
    for title, cases in suites:
        if args.perturb:
            title, cases = f"{title}, {args.perturb}", [perturbed(c, args.perturb) for c in cases]
        if args.speed:
            speed(title, cases)
            continue
        scores = run(cases, peers=not args.no_peers, verbose=args.verbose)
        print_table(title, scores, len(cases))
    return 0


def summary(cases: list[Case]) -> dict[str, Any]:
    """Our mean F1, leak count and title/date/source accuracy over `cases` (the eval gate)."""
    score = run(cases, peers=False, verbose=False)["ours"]

    def share(values: list[bool]) -> float:
        return sum(values) / len(values) if values else 1.0

    return {
        "f1": sum(score.f1) / len(score.f1) if score.f1 else 0.0,
        "leaks": score.leaks,
        "title": share(score.title),
        "date": share(score.date),
        "source": share(score.source),
        "authors": share(score.authors),
    }


if __name__ == "__main__":
    raise SystemExit(main())
