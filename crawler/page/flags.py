"""Record flags from text, title and page signals; content-farm chrome stripped from the text.

- ``hijacked_site``: a gambling brand (``97国际游戏官网``, ``娱乐城``, ``百家乐``, ``新葡京官网``)
  where a page names itself (title, breadcrumb, info line, page title, site name, meta keywords)
  on a page that otherwise looks governmental (those, its URL or its footer, which a hijacker
  rewriting the title and keywords seldom touches); or a page whose meta refresh or script
  sends its readers off its site (`_signals["redirects_to"]`, found by
  `crawler.page.redirects`). Words such as 彩票 or 博彩 alone never count: government news
  reports on lottery regulation, and the body is never searched.
- ``content_farm``: a 范文网-style copy (``下面是小编为大家整理的…``, ``当前隐藏内容免费查看``,
  ``推荐访问:``, ``声明:本网站…``); those lines and markers are removed from the text.
- ``redacted``: masks standing for names and places (``xx市长``, ``党***``), never inside Latin
  words, numbers or URLs.
"""

from __future__ import annotations

import re
from typing import Any

from crawler.page import vocabulary as vocab
from crawler.page.chrome import drop_title_lines
from crawler.page.metadata import names_a_site

GAMBLING_BRAND = re.compile(
    r"(?:[0-9A-Za-z]{2,}|澳门|澳門|新葡京|葡京|威尼斯人|金沙|太阳城|皇冠|永利|银河|新濠)"
    r"[\u4e00-\u9fff]{0,6}?(?:国际|娱乐|游戏|彩票|棋牌|体育|真人|电子|博彩|赌场|casino)"
    r"[\u4e00-\u9fff]{0,4}?(?:官网|官方网站|平台|网址|登录|注册|下载|入口|app|APP)"
    r"|娱乐城|娛樂城|百家乐|百家樂|真人荷官|真人视讯|老虎机|时时彩|六合彩|博彩官网|赌场官网|棋牌官网"
    r"|彩票官网|彩票平台|体育投注|网上赌场|线上赌场|开元棋牌|澳门新葡京|bet365"
    # a casino's own name straight before 官网 / 网址 (``新葡京官网_新葡京网站_新葡京网址``);
    # only names no town or office bears (not 金沙, 银河, 皇冠)
    r"|(?:新葡京|葡京|威尼斯人|太阳城|亚洲城|新濠|永利)(?:国际|娱乐)?(?:官网|官方网站|网址|网站|开户|注册|登录|入口)",
    re.IGNORECASE,
)
GOVERNMENT_HINT = re.compile(
    r"gov\.cn|政府|人民|管委会|管理委员会|开发区|高新区|党工委|党委|委员会|融媒|新闻中心|局|厅|街道|镇"
)
CONTENT_FARM_LINE = re.compile(
    r"^(?:下面是小编为大家|以下是小编为大家|下面是小编|以下是小编|小编为大家|推荐访问|相关热词搜索|热门推荐"
    r"|声明[:：]本网站|免责声明|本文来源于网络|文章来源于网络|本站文章均来自网络|版权归原作者"
    r"|本文已影响|【?温馨提示|更多范文)"
)
CONTENT_FARM_SITE = re.compile(
    r"范文网|范文大全|范文网站|文库|百纳范文|写作网|文秘网|公文网|网友投稿"
)
PAYWALL_MARKER = re.compile(
    r"[ \u3000]*(?:当前隐藏内容免费查看|隐藏内容免费查看|剩余\d*字未读|展开阅读全文)[ \u3000]*"
)
REDACTION_MASK = re.compile(
    r"(?<![A-Za-z0-9@._/=%&:#\-])(?:[xX×]{2,3}|\*{3,}|[Ｘｘ]{2,3})(?![A-Za-z0-9@/.=%&_\-])"
)
CJK = re.compile(r"[\u3400-\u9fff]")
_GONE = re.compile(
    rf"(?:{vocab.one_of(vocab.GONE_THINGS)})(?:{vocab.one_of(vocab.GONE_WORDS)})"
    rf"|(?:找不到|未找到|无法找到)[您你]?[要所]?(?:访问|请求|查找|浏览)?的?(?:{vocab.one_of(vocab.GONE_THINGS)})"
    r"|\b404\b\s*(?:not\s*found|error|错误|页面)|\bpage\s+not\s+found\b|\bnot\s+found\b",
    re.IGNORECASE,
)
_ERROR_TITLE = re.compile(
    rf"^\W*(?:{vocab.one_of(vocab.ERROR_TITLES)})(?:\W|$)|^\W*\d{{3}}\W*$", re.IGNORECASE
)
_BUSY = re.compile(vocab.one_of(vocab.BUSY_PHRASES), re.IGNORECASE)
# the most a soft 404's text holds: its message, 返回首页, a countdown (a real article of a few
# words that says something is deleted is no longer than this either: the title decides then)
ERROR_PAGE_TEXT_CHARS = 80
ERROR_TITLED_TEXT_CHARS = 200
_NO_HEADLINE_CHARS = 8  # `提示`, `温馨提示`, `系统提示信息`: no article's headline
IDENTITY_SIGNALS = (
    "page_title", "meta_keywords", "info_line", "breadcrumb_text", "site_name_meta"
)  # fmt: skip


def _identity_texts(rec: dict[str, Any]) -> list[str]:
    signals = rec.get("_signals") or {}
    site = rec.get("site") or {}
    texts = [rec.get("title"), site.get("name"), *(rec.get("breadcrumbs") or [])]
    texts += [signals.get(key) for key in IDENTITY_SIGNALS]
    return [t for t in texts if isinstance(t, str) and t]


def is_hijacked(rec: dict[str, Any]) -> bool:
    if (rec.get("_signals") or {}).get("redirects_to"):
        return True
    identity = _identity_texts(rec)
    if not any(GAMBLING_BRAND.search(t) for t in identity):
        return False
    site = rec.get("site") or {}
    # the footer too: a hijacker rewrites the title and keywords, seldom the 主办单位 line
    footer = (rec.get("_signals") or {}).get("footer_text") or ""
    looks_governmental = [*identity, rec.get("url") or "", site.get("domain") or "", footer]
    return any(GOVERNMENT_HINT.search(t) for t in looks_governmental)


def strip_content_farm(text: str) -> tuple[str, bool]:
    """Remove content-farm lines and the paywall marker; report whether any were found."""
    found = False
    if "查看" in text or "未读" in text or "全文" in text:
        text, count = PAYWALL_MARKER.subn("", text)
        found = count > 0
    lines = text.split("\n")
    kept = [line for line in lines if not CONTENT_FARM_LINE.match(line)]
    found = found or len(kept) != len(lines)
    return "\n".join(line.strip() for line in kept if line.strip()), found


def has_redaction(text: str) -> bool:
    """A mask next to a CJK character: ``xx市长``, ``由xxx同志``, ``党***、``."""
    for match in REDACTION_MASK.finditer(text):
        before = text[match.start() - 1 : match.start()]
        after = text[match.end() : match.end() + 1]
        if CJK.match(before) or CJK.match(after):
            return True
    return False


def is_busy_page(title: str | None, text: str) -> bool:
    """A page a server answered 200 in place of an article while busy or limiting the rate of
    requests (`您的访问过于频繁，请稍后再试。`): a short text, or a title, saying so, under no
    headline of an article's (a title that says it, a few words such as 提示, an error's, a
    site's name). The article is there, to be asked for again. A short notice under its own
    headline (`关于系统维护的公告`: `…暂停服务，请稍后再试。`) is an article."""
    if len(text.strip()) > ERROR_PAGE_TEXT_CHARS:
        return False
    said = _BUSY.search(title or "")
    if said and len(title or "") - len(said.group()) <= _NO_HEADLINE_CHARS // 2:
        return True  # the title says it and little else (`429 Too Many Requests`, `系统繁忙`)
    if not said and not _BUSY.search(text):
        return False
    return (
        not title
        or len(title) <= _NO_HEADLINE_CHARS
        or names_a_site(title)
        or bool(_ERROR_TITLE.search(title))
    )


def is_error_page(title: str | None, text: str) -> bool:
    """A page a server answered 200 in place of an article that is gone (a soft 404): a short
    text saying what is gone (`对不起，您访问的页面不存在！`), or an error for a title (`404`,
    `错误提示`) over a short text. An article of a few words that reports a deletion under its
    own title (`关于部分政府信息已过期失效的公告`, `详见附件。`) is none."""
    words = len(text.strip())
    if words <= ERROR_PAGE_TEXT_CHARS and _GONE.search(text):
        return True
    return words <= ERROR_TITLED_TEXT_CHARS and bool(_ERROR_TITLE.search(title or ""))


def flag_record(fields: dict[str, Any]) -> dict[str, Any]:
    """Return a new record with flags added and content-farm chrome stripped (idempotent)."""
    rec = dict(fields)
    flags = set(rec.get("flags") or [])
    text = rec.get("text") or ""
    if is_hijacked(rec):
        flags.add("hijacked_site")
    text, farmed = strip_content_farm(text)
    if farmed or any(CONTENT_FARM_SITE.search(t) for t in _identity_texts(rec)):
        flags.add("content_farm")
    if farmed:
        text = "\n".join(drop_title_lines(text.split("\n"), rec.get("title")))
    if ("x" in text or "X" in text or "*" in text or "×" in text) and has_redaction(text):
        flags.add("redacted")
    rec["text"] = text
    rec["flags"] = sorted(flags)
    return rec
