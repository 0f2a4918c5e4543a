"""The record contract: one `Record` TypedDict, held to the JSON Schema; one assembly."""

from __future__ import annotations

import hashlib
import json
import re
import types
import typing
import unicodedata
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from crawler.page.assemble import (
    FetchedPage,
    assemble_document,
    assemble_record,
    build_record,
)
from crawler.page.profiles import SiteProfile
from crawler.page.record import (
    RECORD_KEYS,
    Record,
    record_schema,
    text_key,
    to_json_line,
    with_version,
)

BODY = "".join(
    f"<p>第{i}段：区党工委召开理论学习中心组集体学习会议，深入学习贯彻党的二十大精神。</p>"
    for i in range(6)
)
PAGE = (
    '<html><head><meta name="ArticleTitle" content="區黨工委召開學習會">'
    '<meta name="PubDate" content="2022-10-14 09:30"></head><body><h1>區黨工委召開學習會</h1>'
    f'<div class="TRS_Editor">{BODY}<p>黨***、國務院的一些政策文件。</p></div></body></html>'
)
URL = "http://127.0.0.1:8001/xwzx/202210/t20221014_1.html"
# JSON Schema type names of the Python types a Record field may hold
JSON_TYPES = {str: "string", int: "integer", list: "array", dict: "object", type(None): "null"}


def _json_types(hint: Any) -> set[str]:
    """The JSON types a field's type hint admits (`str | None` -> {"string", "null"})."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return set().union(*(_json_types(arg) for arg in typing.get_args(hint)))
    if typing.is_typeddict(hint):
        return {"object"}
    return {JSON_TYPES[typing.get_origin(hint) or hint]}


def _schema_types(prop: dict[str, Any], schema: dict[str, Any]) -> set[str]:
    if "$ref" in prop:
        prop = schema["$defs"][prop["$ref"].rsplit("/", 1)[1]]
    kind = prop["type"]
    return {kind} if isinstance(kind, str) else set(kind)


def test_record_fields_are_the_schema_fields_in_order() -> None:
    schema = record_schema()
    assert tuple(schema["properties"]) == RECORD_KEYS
    assert set(RECORD_KEYS) == set(schema["required"])
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("key", RECORD_KEYS)
def test_record_field_types_match_the_schema(key: str) -> None:
    schema = record_schema()
    hints = typing.get_type_hints(Record)
    assert _json_types(hints[key]) == _schema_types(schema["properties"][key], schema), key


def _assembled(page: str = PAGE, **kw: Any) -> Any:
    return assemble_record(FetchedPage(URL, page.encode("utf-8"), "utf-8"), **kw)


def test_assembly_gives_a_valid_record_with_exactly_the_schema_fields() -> None:
    assembled = _assembled(run_id="run-1")
    assert assembled.dropped is None
    record = assembled.record
    jsonschema.validate(record, record_schema())
    assert tuple(record) == RECORD_KEYS  # no private keys left for a feed export to leak
    assert record["run_id"] == "run-1"
    assert record["version"] == 1 and record["version_id"] == record["id"] + "-v1"


def test_assembly_normalizes_and_flags_before_identity() -> None:
    record = _assembled().record
    assert record["title"] == "区党工委召开学习会"
    assert "converted_t2s" in record["flags"] and "redacted" in record["flags"]
    assert record["text_original"] is not None and "黨" in record["text_original"]
    assert record["flags"] == sorted(record["flags"])
    # identity follows the final text: a record written from it again hashes the same
    again = _assembled().record
    assert again["content_sha1"] == record["content_sha1"]


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        ('<html><body><h1>标题</h1><div class="TRS_Editor"><p>短。</p></div></body></html>',
         "extract/empty_body"),
        (f"<html><body><div>{BODY}</div></body></html>", "extract/no_title"),
    ],
)  # fmt: skip
def test_assembly_says_why_the_crawl_drops_a_page(page: str, reason: str) -> None:
    assembled = _assembled(page)
    assert assembled.dropped == reason
    assert assembled.record is not None  # still scored by the benchmarks


def test_min_body_chars_is_the_drop_threshold() -> None:
    assert _assembled(min_body_chars=10_000).dropped == "extract/empty_body"


def test_a_new_version_keeps_identity_and_links_the_previous_one() -> None:
    record = _assembled().record
    with_version(record, 3, record["id"] + "-v2")
    assert record["version_id"] == record["id"] + "-v3"
    assert record["previous_version_id"] == record["id"] + "-v2"
    jsonschema.validate(record, record_schema())


def test_json_line_is_the_record_in_schema_order_without_escapes() -> None:
    line = to_json_line(_assembled().record)
    assert line.endswith("\n") and "\\u" not in line and "区党工委" in line
    assert line.startswith('{"id":')


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "extract/empty_page"),
        (b"  \n\t ", "extract/empty_page"),
        (b"%PDF-1.7 binary", "extract/not_html"),
        (b"<html>" + b"x" * 200, "skip/too_large"),
    ],
)
def test_bytes_that_are_no_page_are_dropped_before_extraction(body: bytes, reason: str) -> None:
    assembled = assemble_record(FetchedPage(URL, body), max_page_bytes=100)
    assert (assembled.record, assembled.dropped) == (None, reason)


def test_the_seed_lines_name_names_a_site_whose_pages_do_not() -> None:
    profile = SiteProfile(start_urls=(URL,), name="示例区", site_name="示例区人民政府")
    assert _assembled(profile=profile).record["site"]["name"] == "示例区人民政府"
    assert _assembled().record["site"]["name"] is None
    named_page = PAGE.replace("<head>", '<head><meta name="SiteName" content="页面自称">')
    assert _assembled(named_page, profile=profile).record["site"]["name"] == "页面自称"


def _plain_text_key(text: str) -> str:
    """The comparison key's definition, computed the slow way."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize(
    "text",
    [
        "区党工委召开会议，强调：坚持（一）！１２３％　全文…\u00a0完",
        "Ａ\u0301ｂ\u0308",  # a full-width letter before a combining mark composes with it
        "ｅ\u0301 ℃ ⒑ ⽂ ︱ ﬁ \u1e9b\u0323",  # compatibility forms outside the fast path
        "繁體：臺灣（試行）。",
        "",
        " \t\n\u3000\u2028\x1c",
        "第一段：会议强调，（一）加强领导。\n" * 8_000,  # past the cached length: not kept
    ],
)
def test_text_key_is_nfkc_without_whitespace(text: str) -> None:
    assert text_key(text) == _plain_text_key(text)


def test_text_key_of_every_saved_real_page_is_nfkc_without_whitespace() -> None:
    truths = sorted(Path(__file__).parent.joinpath("eval").glob("*/*/truth.json"))
    assert len(truths) >= 70
    for path in truths:
        text = json.loads(path.read_text("utf-8"))["text"]
        assert text_key(text) == _plain_text_key(text), path


def test_a_document_published_as_its_attachment_is_kept() -> None:
    """A body too short to count (``详见附件。``) beside an attachment: the document is its
    attachment, an article all the same (flagged short_body); without one it is dropped."""
    page = (
        "<html><head><title>关于印发某某管理办法的通知_某某区</title></head><body>"
        "<h1>关于印发某某管理办法的通知</h1><div class='TRS_Editor'><p>详见附件。</p>"
        "<p>附件：<a href='/xxgk/P020230105.pdf'>某某管理办法.pdf</a></p></div></body></html>"
    )
    assembled = _assembled(page)
    assert assembled.dropped is None and assembled.record is not None
    assert "short_body" in assembled.record["flags"]
    assert [a["url"] for a in assembled.record["attachments"]] == [
        "http://127.0.0.1:8001/xxgk/P020230105.pdf"
    ]
    jsonschema.validate(assembled.record, record_schema())
    bare = page.replace("<p>附件：<a href='/xxgk/P020230105.pdf'>某某管理办法.pdf</a></p>", "")
    assert _assembled(bare).dropped == "extract/empty_body"


def test_a_document_listed_alone_gives_a_record_of_its_row_and_file() -> None:
    """A PDF a list shows as a row: the row's title and date, the file as its attachment, no
    text (the schema allows none only here), the file's bytes as its content hash."""
    body = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj"
    url = "http://127.0.0.1:8001/Upload/File/202004/20200429_3226.pdf"
    title = "華融基金管理有限公司關於旗下基金參加費率優惠活動的公告"
    assembled = assemble_document(FetchedPage(url, body), title, "2020-04-29")
    record = assembled.record
    assert assembled.dropped is None and record is not None
    assert record["title"] == "华融基金管理有限公司关于旗下基金参加费率优惠活动的公告"
    assert (record["published_at"], record["text"]) == ("2020-04-29", "")
    assert record["attachments"] == [{"url": url, "title": record["title"]}]
    assert "document" in record["flags"]
    assert record["content_sha1"] == hashlib.sha1(body).hexdigest()
    jsonschema.validate(record, record_schema())
    article = {**record, "flags": ["short_body"]}  # an article never has empty text
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(article, record_schema())
    assert assemble_document(FetchedPage(url, b""), title, None).dropped == "extract/empty_page"


def test_a_photo_news_item_at_an_articles_url_is_kept() -> None:
    """图片新闻: the body is a picture and its caption; at an article's URL it is an article
    (flagged short_body); at a URL that says nothing, it is not taken for one."""
    page = (
        "<html><head><title>春耕时节_某某区</title></head><body><h1>春耕时节</h1>"
        "<div class='TRS_Editor'><p><img src='/xwzx/202210/W020221014.jpg'></p>"
        "<p>图为春耕现场，农民正在田间劳作。</p></div></body></html>"
    )
    assembled = _assembled(page)
    assert assembled.dropped is None and assembled.record is not None
    assert "short_body" in assembled.record["flags"] and assembled.record["images"]
    other_url = "http://127.0.0.1:8001/about/photo"
    other = assemble_record(FetchedPage(other_url, page.encode(), "utf-8"))
    assert other.dropped == "extract/empty_body"


def test_a_page_given_as_text_builds_the_same_record_as_its_bytes() -> None:
    page = (
        "<html><head><title>关于召开会议的通知</title></head><body><h1>关于召开会议的通知</h1>"
        "<div class='TRS_Editor'><p>经研究，定于下周召开全区安全生产工作会议，请准时参加。</p>"
        "</div></body></html>"
    )
    url = "http://127.0.0.1:8001/xwzx/202301/t20230105_1.html"
    text, raw = build_record(page, url), build_record(page.encode("utf-8"), url)
    ignored = ("fetched_at", "http")  # when it was built; text has no encoding of its own
    assert {k: v for k, v in text.items() if k not in ignored} == {
        k: v for k, v in raw.items() if k not in ignored
    }
