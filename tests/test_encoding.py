"""crawler.page.encoding: a declared charset is trusted only when the bytes agree with it."""

from __future__ import annotations

import codecs
import time

import pytest

from crawler.page.encoding import check_declared, declared_in_page, decode_page, normalize_charset

TEXT = "南通开发区党工委理论学习中心组开展集中学习交流研讨，落实“巡学考学赛学评学”。"
DECLARES_GB2312 = (
    '<html><head><meta charset="gb2312"><title>通知</title></head><body>{}</body></html>'
)
DECLARES_NOTHING = "<html><head><title>通知</title></head><body>{}</body></html>"


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        ("gb2312", "gb18030"),
        ("GBK", "gb18030"),
        (" 'GB2312' ", "gb18030"),
        ("utf8", "utf-8"),
        ("UTF-8", "utf-8"),
        ("iso-8859-1", "latin-1"),
        ("windows-1252", "cp1252"),
        ("big5", "big5"),
        ("x-no-such-charset", None),
        (None, None),
    ],
)
def test_normalize_charset(declared: str | None, expected: str | None) -> None:
    assert normalize_charset(declared) == expected


def test_gbk_page_with_meta_gb2312_is_read_as_gb18030() -> None:
    body = DECLARES_GB2312.format(TEXT).encode("gbk")
    page = decode_page(body)
    assert (page.encoding, page.source, page.mismatch) == ("gb18030", "meta", False)
    assert TEXT in page.text


def test_utf8_page_declaring_gb2312_is_read_as_utf8() -> None:
    body = DECLARES_GB2312.format(TEXT).encode("utf-8")
    page = decode_page(body)
    assert (page.encoding, page.declared, page.mismatch) == ("utf-8", "gb18030", True)
    assert TEXT in page.text


def test_gbk_page_declaring_nothing_is_sniffed() -> None:
    page = decode_page(DECLARES_NOTHING.format(TEXT).encode("gbk"))
    assert (page.encoding, page.source, page.declared) == ("gb18030", "sniffed", None)
    assert TEXT in page.text


def test_header_declaration_wins_over_meta_when_bytes_agree() -> None:
    body = DECLARES_GB2312.format(TEXT).encode("utf-8")
    page = decode_page(body, "utf-8")
    assert (page.encoding, page.source, page.mismatch) == ("utf-8", "header", False)


def test_header_contradicted_by_bytes_is_overridden() -> None:
    page = decode_page(DECLARES_NOTHING.format(TEXT).encode("gbk"), "utf-8")
    assert (page.encoding, page.source, page.mismatch) == ("gb18030", "header", True)
    assert TEXT in page.text


def test_bom_wins() -> None:
    page = decode_page(codecs.BOM_UTF8 + DECLARES_GB2312.format(TEXT).encode("utf-8"))
    assert (page.encoding, page.source) == ("utf-8", "bom")
    assert not page.text.startswith("\ufeff")


def test_forced_charset() -> None:
    page = decode_page(DECLARES_NOTHING.format(TEXT).encode("big5", "replace"), force="big5")
    assert (page.encoding, page.source) == ("big5", "forced")


def test_declared_in_page_reads_meta_and_xml_declaration() -> None:
    assert (
        declared_in_page(b'<meta http-equiv="Content-Type" content="text/html; charset=GBK">')
        == "GBK"
    )
    assert declared_in_page(b'<?xml version="1.0" encoding="gb2312"?><html>') == "gb2312"
    assert declared_in_page(b"<html><body>") is None


@pytest.mark.parametrize(
    ("body", "declared", "expected"),
    [
        (TEXT.encode("utf-8"), "gb18030", "utf-8"),  # declares gb2312, is UTF-8
        (TEXT.encode("gbk"), "cp1252", "gb18030"),  # Scrapy's default, is GBK
        (TEXT.encode("gbk"), "utf-8", "gb18030"),
        (TEXT.encode("utf-8"), "utf-8", None),
        (TEXT.encode("gbk"), "gbk", None),
        (b"plain ascii page", "gb2312", None),
        (TEXT.encode("utf-8"), None, None),
    ],
)
def test_check_declared(body: bytes, declared: str | None, expected: str | None) -> None:
    assert check_declared(body, declared) == expected


def test_mostly_utf8_page_with_one_bad_byte_stays_utf8() -> None:
    body = (TEXT * 20).encode("utf-8") + b"\xff" + (TEXT * 20).encode("utf-8")
    page = decode_page(body)
    assert page.encoding == "utf-8"
    assert page.text.count("\ufffd") == 1


def test_check_declared_is_fast() -> None:
    body = DECLARES_GB2312.format(TEXT * 2000).encode("utf-8")  # ~250 KB
    started = time.perf_counter()
    for _ in range(20):
        check_declared(body, "gb2312")
    assert (time.perf_counter() - started) / 20 < 0.01


def test_western_default_over_gbk_with_a_bad_byte_is_gbk() -> None:
    body = (TEXT * 20).encode("gbk") + b"\x81" + (TEXT * 20).encode("gbk")
    assert check_declared(body, "cp1252") == "gb18030"


def test_western_default_over_real_latin1_text_holds() -> None:
    body = "Café au lait, naïve façade — déjà vu.".encode("cp1252")
    assert check_declared(body, "cp1252") is None


_TRADITIONAL_TEXT = (
    "本報訊　市政府昨日召開常務會議，研究部署當前經濟工作和民生實事。會議強調，各部門要"
    "進一步提高認識，加強組織領導，確保各項工作落到實處，推動全市經濟社會持續健康發展。"
)


@pytest.mark.parametrize("declared", [None, "gb2312"])
def test_big5_text_far_below_a_long_head_is_read_as_big5(declared: str | None) -> None:
    """A Big5 page that declares nothing (or gb2312, as a converted template does) and opens
    with tens of kilobytes of scripts before its first Chinese character: sampled where its
    two-byte characters are, it reads as Big5; a code page's extras (`①`, which Big5-HKSCS
    reads otherwise) do not tip it to GB18030."""
    script = "<script>var a = 1;" + "x = x + 1; " * 8000 + "</script>"
    meta = f'<meta charset="{declared}">' if declared else ""
    page = (
        f"<html><head>{meta}{script}<title>會議</title></head><body>"
        f"<p>①{_TRADITIONAL_TEXT}</p><p>{_TRADITIONAL_TEXT}</p></body></html>"
    )
    body = page.encode("big5")
    assert len(script) > 80_000
    decoded = decode_page(body)
    assert decoded.encoding == "big5hkscs"
    assert _TRADITIONAL_TEXT in decoded.text


def test_gbk_text_far_below_a_long_head_stays_gbk() -> None:
    simplified = "本报讯　市政府昨日召开常务会议，研究部署当前经济工作和民生实事。" * 4
    script = "<script>" + "x = x + 1; " * 8000 + "</script>"
    body = f"<html><head>{script}</head><body><p>{simplified}</p></body></html>".encode("gbk")
    decoded = decode_page(body)
    assert decoded.encoding == "gb18030"
    assert simplified in decoded.text
