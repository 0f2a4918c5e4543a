"""Pages in traditional characters: a mainland site's 繁體 version (its CMS converts every page),
a Hong Kong or Taiwan outlet. The extractor's words (`来源`, `责任编辑`, `举报`, `关闭窗口`)
are written in simplified characters; such a page is read on its simplified shadow and its record
keeps the page's own characters in `text_original`."""

from __future__ import annotations

import re
from pathlib import Path

import opencc
import pytest

from crawler.page.assemble import build_record
from crawler.page.chinese import Originals, mostly_traditional, simplified_shadow, to_simplified
from crawler.page.encoding import decode_page

REAL_ARTICLES = Path(__file__).parent / "realarticles"
TO_TRADITIONAL = opencc.OpenCC("s2t")
_CHARSET_VALUE = re.compile(r"""(charset\s*=\s*["']?)[\w-]+""", re.IGNORECASE)
# Real pages whose 繁體 version lost a field before the shadow: a source running on into
# `舉報` or `調整字體`, a widget (`關閉窗口`, `關注`, `相關信息`) taken for a name, a byline's
# `記者` or `責任編輯` not seen, a source label not seen
CASES = (
    "news/163-6", "news/cjn-1", "news/cjddsb-1", "news/sina-4", "news/sina-5",
    "news/h39-shx-jialing", "news/thepaper-4", "other/zsnews-dongqu",
    "other/tslnedu-llyj-cnki", "other/tslnedu-xwsd-2020", "other/xafa-xigongda-diaoyan",
    "other/gzns-tongji-hulianwang-peixun", "trs/wuhan-shejishuangnianzhan-bimu",
    "trs/wenming-bj-chaoyang-jichujiaoyu-luntan", "vsb/whu-guoxue-zjz", "gov/liaoyang-bsyw-xdwx",
)  # fmt: skip
FIELDS = ("title", "published_at", "source", "authors", "reporters", "editors")


def as_traditional(page: bytes) -> bytes:
    """The page as a 繁體 version serves it: every character converted, UTF-8 and saying so."""
    text = _CHARSET_VALUE.sub(r"\1utf-8", decode_page(page, None).text)
    return str(TO_TRADITIONAL.convert(text)).encode("utf-8")


def round_trip(value: object) -> object:
    """What converting to traditional and back leaves of a field (复函 comes back 覆函)."""
    if isinstance(value, str):
        return to_simplified(str(TO_TRADITIONAL.convert(value)))
    if isinstance(value, list):
        return [round_trip(v) for v in value]
    return value


@pytest.mark.parametrize("case", CASES)
def test_a_page_in_traditional_characters_gives_the_record_of_the_page_itself(case: str) -> None:
    page = (REAL_ARTICLES / case / "page.html").read_bytes()
    url = "http://example.gov.cn/a/t20240101_1.html"
    simplified = build_record(page, url)
    traditional = build_record(as_traditional(page), url)
    for field in FIELDS:
        assert traditional[field] == round_trip(simplified[field]), field
    assert "converted_t2s" in traditional["flags"]
    assert traditional["text"] == round_trip(simplified["text"])
    # the page's own characters, as it wrote them
    assert traditional["text_original"] == TO_TRADITIONAL.convert(simplified["text"])


def test_a_traditional_pages_labels_widgets_bylines_and_files_are_read() -> None:
    body = "".join(
        f"<p>第{i}段，全區幹部群眾認真學習會議精神，推動各項工作落實見效。</p>" for i in range(8)
    )
    page = (
        "<html><head><meta charset='utf-8'><title>區政府召開常務會議</title></head><body>"
        "<div class='nav'><a href='/'>首頁</a> &gt; <a href='/xw/'>新聞中心</a></div>"
        "<h1>區政府召開常務會議</h1>"
        "<div>發布時間：2024-05-11 10:20 來源：區政府辦公室 <a href='#'>舉報</a></div>"
        f"<div id='content'>{body}<p><img src='/upload/會議現場.jpg' alt='會議現場'></p>"
        "<p>附件：<a href='/upload/會議通知.doc'>會議通知.doc</a></p></div>"
        "<div>記者 王曉明 責任編輯：張麗</div><div><a href='#'>關閉窗口</a></div>"
        "</body></html>"
    )
    record = build_record(page.encode(), "http://example.gov.cn/xw/t20240511_1.html")
    assert record["title"] == "区政府召开常务会议"
    assert record["published_at"].startswith("2024-05-11T10:20")
    assert record["source"] == "区政府办公室"
    assert record["reporters"] == ["王晓明"]
    assert record["editors"] == ["张丽"]
    assert "关闭窗口" not in record["text"] and "举报" not in record["text"]
    assert record["text"].startswith("第0段，全区干部群众认真学习会议精神")
    assert record["text_original"].startswith("第0段，全區幹部群眾認真學習會議精神")
    # addresses are the page's own: a file named in traditional characters
    assert record["images"] == [
        {"url": "http://example.gov.cn/upload/會議現場.jpg", "caption": "会议现场"}
    ]
    assert [a["url"] for a in record["attachments"]] == [
        "http://example.gov.cn/upload/會議通知.doc"
    ]


def test_a_page_after_an_included_headers_closing_html_keeps_its_own_characters() -> None:
    """A template including its header as a whole page (`…</body></html>`), the article after
    it: the text's characters are given back as the page writes them, each where it stands
    (`以後` and `皇后` are both `后` on the shadow)."""
    body = "".join(
        f"<p>第{i}段，以後全區幹部群眾認真學習會議精神，推動各項工作落實見效。</p>"
        for i in range(6)
    )
    page = (
        "<html><head><meta charset='utf-8'><title>區政府召開常務會議</title></head><body>"
        "<div class='nav'><a href='/'>首頁</a></div></body></html>"
        f"<div class='main'><h1>區政府召開常務會議</h1><div id='content'>{body}"
        "<p>會上觀看了話劇《皇后》選段，皇后一角由本區演員出演。</p></div></div>"
    )
    record = build_record(page.encode(), "http://example.gov.cn/xw/t20240511_1.html")
    assert record["text"].startswith("第0段，以后全区干部群众")
    lines = record["text_original"].split("\n")
    assert lines[0] == "第0段，以後全區幹部群眾認真學習會議精神，推動各項工作落實見效。"
    assert lines[-1] == "會上觀看了話劇《皇后》選段，皇后一角由本區演員出演。"


_TITLE_ELEMENT = re.compile(r"<title>(.*?)</title>", re.DOTALL | re.IGNORECASE)


@pytest.mark.parametrize("case", ["news/cjn-1", "trs/wenming-bj-chaoyang-jichujiaoyu-luntan"])
def test_whether_the_page_is_traditional_is_its_texts_not_its_title_elements(case: str) -> None:
    """A page whose `<title>` is traditional is read on its shadow first (most such pages are
    traditional throughout, and are read once); what decides is still its text."""
    page = (REAL_ARTICLES / case / "page.html").read_bytes()
    url = "http://example.gov.cn/a/t20240101_1.html"
    simplified = build_record(page, url)
    text = _CHARSET_VALUE.sub(r"\1utf-8", decode_page(page, None).text)
    assert _TITLE_ELEMENT.search(text)
    # a simplified page under a traditional <title>: the page's own record
    titled = _TITLE_ELEMENT.sub(lambda m: f"<title>{TO_TRADITIONAL.convert(m[1])}</title>", text)
    assert mostly_traditional(_TITLE_ELEMENT.search(titled)[1], 2)  # type: ignore[index]
    record = build_record(titled.encode(), url)
    assert "converted_t2s" not in record["flags"]
    assert record["text"] == simplified["text"]
    assert record.get("text_original") is None
    # a traditional page under a simplified <title>: read on its shadow all the same
    traditional = str(TO_TRADITIONAL.convert(text))
    title_element = _TITLE_ELEMENT.search(traditional)[0]  # type: ignore[index]
    untitled = traditional.replace(title_element, _TITLE_ELEMENT.search(text)[0])  # type: ignore[index]
    record = build_record(untitled.encode(), url)
    assert "converted_t2s" in record["flags"]
    assert record["text"] == round_trip(simplified["text"])


def test_mostly_traditional_is_the_share_of_characters_simplified_never_uses() -> None:
    assert mostly_traditional("發布時間：2020年 來源：新華網 責任編輯：王明")
    # a simplified page with a `繁體` link, or quoting a few traditional names, is simplified
    assert not mostly_traditional("首页 繁體 English " + "全区干部群众认真学习会议精神。" * 20)
    assert not mostly_traditional("")


def test_the_shadow_keeps_the_pages_length_character_for_character() -> None:
    text = "<p title='頭條'>乾隆年間，幹部們在廣場上發佈通知。</p>"
    shadow = simplified_shadow(text)
    assert len(shadow) == len(text)
    assert shadow == "<p title='头条'>乾隆年间，干部们在广场上发布通知。</p>"


def test_originals_give_each_line_back_in_the_pages_characters() -> None:
    page = "首頁 新聞 頭髮 幹部 干預 領<rt>lǐng</rt>導幹部會議 發布時間"
    originals = Originals(page, simplified_shadow(page))
    # found on the page: its characters there, whatever the line's spaces and punctuation
    assert originals.restore("头发 干部  干预") == "頭髮 幹部  干預"
    assert originals.restore("领导干部会议，发布时间") == "領導幹部會議，發布時間"
    assert originals.restore("no Chinese at all") == "no Chinese at all"
    # changed by extraction: a few characters at a time, then what the page writes most
    assert originals.restore("干部干预。发") == "幹部干預。發"
