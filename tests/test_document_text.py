"""The text of document files (crawler.page.documents): a PDF's text layer joined back into
paragraphs without its page numbers, a Word file's paragraphs, and nothing from a file no
reader opens."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from wordfiles import docx_bytes

from crawler.page import assemble, documents
from crawler.page.assemble import FetchedPage, assemble_document
from crawler.page.documents import attachment_title, document_text

NOTICE = Path(__file__).parent / "documents" / "notice.pdf"  # made by make_notice_pdf.py


def test_a_pdfs_lines_are_its_paragraphs_again_without_page_numbers() -> None:
    read = document_text(NOTICE.read_bytes())
    assert read is not None and (read.kind, read.pages, read.truncated) == ("pdf", 2, False)
    paragraphs = read.text.split("\n")
    assert paragraphs[0] == "关于开展2024年度安全生产大检查的通知"  # the title keeps its line
    # a paragraph set over three lines is one again; so is one that goes on over the next page
    assert (
        "为深入贯彻落实上级关于安全生产工作的决策部署，切实防范化解重大安全风险，坚决遏制重特大"
        "事故发生，经县政府同意，决定在全县范围内开展2024年度安全生产大检查。现将有关事项通知如下。"
    ) in paragraphs
    assert any(
        p.endswith("明确整改责任、措施、资金、时限和预案，实行闭环管理。") for p in paragraphs
    )
    # headings stand alone, never run into the line before
    assert "一、检查范围" in paragraphs and "二、工作要求" in paragraphs
    assert paragraphs[-1] == "附件：安全生产大检查工作台账"
    assert not any(p.strip("- ").isdigit() for p in paragraphs)  # `- 1 -`, `- 2 -` dropped
    assert "- 1 -" not in read.text


def test_a_word_files_paragraphs_are_its_text() -> None:
    body = docx_bytes([
        ["关于印发", "《开发区优化营商环境若干措施》", "的通知"],
        ["各有关单位：", "\n", "现将措施印发给你们，请认真贯彻执行。"],
        ["附件", "\t", "若干措施"],
        [],
    ])  # fmt: skip
    read = document_text(body)
    assert read is not None and read.kind == "docx"
    assert read.text == (
        "关于印发《开发区优化营商环境若干措施》的通知\n"
        "各有关单位：\n现将措施印发给你们，请认真贯彻执行。\n附件\t若干措施"
    )


WORD97 = Path(__file__).parent / "documents" / "notice.doc"  # made by make_notice_doc.sh


def test_a_word_97_files_text_is_read_from_its_pieces() -> None:
    """A Word 97-2003 file LibreOffice wrote: its paragraphs, a table's rows one to a line, a
    hyperlink field's text without its code, and nothing of the notes or headers after it."""
    read = document_text(WORD97.read_bytes())
    assert read is not None and read.kind == "doc"
    assert read.text.split("\n") == [
        "关于做好2024年防汛工作的通知",
        "各乡镇人民政府、街道办事处，县直各部门：",
        "为切实做好今年防汛工作，确保人民群众生命财产安全，现就有关事项通知如下。",
        "一、压实防汛责任。各地要落实以行政首长负责制为核心的防汛责任制，详见防汛专栏。",
        "乡镇 责任人",
        "城关镇 张三",
        "二、加强隐患排查。",
        "对水库、堤防等重点部位开展拉网式排查。",
        "县防汛抗旱指挥部办公室",
        "2024年5月20日",
    ]


def test_a_workbooks_rows_are_its_text() -> None:
    """An Excel 2007+ workbook LibreOffice wrote (a 预决算 table): its sheet's name, then a row
    a line, cells joined by tabs, shared strings and numbers alike."""
    read = document_text((Path(__file__).parent / "documents" / "budget.xlsx").read_bytes())
    assert read is not None and read.kind == "xlsx"
    assert read.text.split("\n") == [
        "budget",
        "项目\t预算数（万元）\t说明",
        "一般公共预算拨款收入\t1250.5\t含上年结转",
        "政府性基金预算拨款收入\t80",
        "合计\t1330.5",
    ]


def test_an_ofd_documents_runs_are_read_as_lines_then_paragraphs() -> None:
    """An OFD package (tests/documents/make_notice_ofd.py): each line drawn as two text
    objects, the right half first; the title's characters spaced by DeltaX; page numbers
    closing each of its two pages. Read top to bottom, left to right, lines joined into
    paragraphs, page numbers dropped."""
    read = document_text((Path(__file__).parent / "documents" / "notice.ofd").read_bytes())
    assert read is not None and (read.kind, read.pages, read.truncated) == ("ofd", 2, False)
    lines = read.text.split("\n")
    assert lines[0] == "关于开展2024年度安全生产大检查的通知"
    assert lines[1] == "各乡镇人民政府、街道办事处，县政府各部门："
    assert lines[2].startswith("为深入贯彻落实上级关于安全生产工作的决策部署")
    assert lines[2].endswith("决定在全县范围内开展2024年度安全生产大检查。现将有关事项通知如下。")
    assert lines[-1] == "附件：安全生产大检查工作台账" and "- 1 -" not in read.text
    assert len(lines) == 9  # one line a paragraph


REAL_OFD = Path(__file__).parent / "documents" / "real"  # real files; see origin.json there


def test_real_ofd_official_documents_read_as_their_paragraphs() -> None:
    """Two real OFD 公文 (ofdrw's test resources): a 函 whose lines are many small text objects,
    digits apart from the Chinese runs; a two-page 批复 with its number, addressee, body,
    signature and date."""
    letter = document_text((REAL_OFD / "bengshan-han.ofd").read_bytes())
    assert letter is not None and (letter.kind, letter.pages) == ("ofd", 1)
    lines = letter.text.split("\n")
    assert lines[:2] == ["关于加快南货场铁路涵洞下穿建设的函", "蚌山区政府："]
    assert lines[2].startswith("根据我市2023年房地产用地供应计划，蚌山区东海大道北侧、解放路西侧")
    assert "按照7月7日张铭副市长主持召开市自然资源和规划委员会审查会2023年第7次会议要求" in lines[2]
    assert lines[-2:] == ["此函。", "2023年7月12日"]
    reply = document_text((REAL_OFD / "luqiao-pifu.ofd").read_bytes())
    assert reply is not None and (reply.kind, reply.pages) == ("ofd", 2)
    lines = reply.text.split("\n")
    assert lines[1:4] == ["路卫发〔2011〕76号", "关于同意张阿三同志辞职的批复", "区中医院："]
    assert "经研究，同意张阿三同志辞职。" in reply.text and "2011年3月10日" in lines


def test_real_kingsoft_wps_files_read_as_the_word_and_excel_files_they_are_inside() -> None:
    """A Kingsoft Writer .wps and a Kingsoft spreadsheet .et, real (tests/documents/real): OLE
    compound files holding Word 97 and BIFF8 streams, read by the same readers."""
    writer = document_text((REAL_OFD / "qixing-xuqiu.wps").read_bytes())
    assert writer is not None and writer.kind == "doc"
    lines = writer.text.split("\n")
    assert lines[:4] == [
        "需求文档说明书",
        "修订记录",
        "日期 版本 修改描述 作者 审核",
        "2015-12-09 V1.0 简化 第一稿 刘志",
    ]
    assert "游记：骑行者的骑行轨迹+随想+图片+评论" in lines
    sheet = document_text((REAL_OFD / "testcases.et").read_bytes())
    assert sheet is not None and sheet.kind == "xls"
    rows = sheet.text.split("\n")
    assert rows[0] == "测试用例" and rows[1].startswith("应用系统简称\t测试用例编号*\t关联需求ID")
    assert rows[2].startswith("RDM\t2\t\t效验迁移过程\t高")


NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
OFD_ROOT = f"<ofd:OFD {NS}><ofd:DocBody><ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot>"
OFD_PAGES = '<ofd:Pages><ofd:Page BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages>'
GLYPHS_ONLY = (  # text drawn by glyph ids, its TextCode holding no character
    '<ofd:TextObject Boundary="0 0 10 10"><ofd:CGTransform GlyphCount="2"/>'
    '<ofd:TextCode X="0" Y="5"> </ofd:TextCode></ofd:TextObject>'
)


def _package(parts: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as ofd:
        for name, text in parts.items():
            ofd.writestr(name, text)
    return out.getvalue()


def test_an_ofd_package_naming_no_document_or_glyphs_only_gives_no_text() -> None:
    no_root = _package({"OFD.xml": f"<ofd:OFD {NS}><ofd:DocBody/></ofd:OFD>"})
    glyphs = _package({
        "OFD.xml": f"{OFD_ROOT}</ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": f"<ofd:Document {NS}>{OFD_PAGES}</ofd:Document>",
        "Doc_0/Pages/Page_0/Content.xml": (
            f"<ofd:Page {NS}><ofd:Content><ofd:Layer>{GLYPHS_ONLY}</ofd:Layer></ofd:Content>"
            "</ofd:Page>"
        ),
    })  # fmt: skip
    for body in (no_root, glyphs):
        read = document_text(body)
        assert read is not None and read.kind == "ofd" and read.text == ""
    assert document_text(_package({"OFD.xml": "<not xml"})) is None


def test_an_excel_97_workbooks_rows_are_read_as_a_2007_ones() -> None:
    """The same budget table saved by LibreOffice as Excel 97-2003 (BIFF8, read by xlrd): the
    same text as the .xlsx, whole numbers without `.0`; cut short, it gives none."""
    folder = Path(__file__).parent / "documents"
    old = document_text((folder / "budget.xls").read_bytes())
    new = document_text((folder / "budget.xlsx").read_bytes())
    assert old is not None and new is not None and old.kind == "xls"
    assert old.text == new.text
    assert document_text((folder / "budget.xls").read_bytes()[:3000]) is None


def test_an_encrypted_word_97_file_gives_no_text() -> None:
    body = bytearray(WORD97.read_bytes())
    fib = next(k for k in range(512, len(body), 512) if body[k : k + 2] == b"\xec\xa5")
    body[fib + 0x0B] |= 0x01  # fEncrypted: 0x0100 of the flags word at 0x0A, little-endian
    assert document_text(bytes(body)) is None


def test_files_no_reader_opens_give_no_text() -> None:
    pdf = NOTICE.read_bytes()
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as package:
        package.writestr("scan-1.jpg", b"\xff\xd8\xff")  # a zip of scans: no document
    for body in (
        pdf[: len(pdf) // 3],  # cut short
        b"%PDF-1.4\n" + bytes(range(256)) * 4,  # the signature and nothing of a PDF
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,  # an OLE signature, no OLE file
        WORD97.read_bytes()[:3000],  # a Word 97 file cut short
        other_zip.getvalue(),
        b"PK\x03\x04broken",
        b"<html>not a file</html>",
    ):
        assert document_text(body) is None


def test_a_document_record_carries_its_files_text() -> None:
    fetched = FetchedPage("http://127.0.0.1/xxgk/notice.pdf", NOTICE.read_bytes(), None)
    title = "关于开展2024年度安全生产大检查的通知"
    record = assemble_document(fetched, title, "2024-05-06").record
    assert record is not None and "document" in record["flags"]
    assert record["title"] == title and record["published_at"] == "2024-05-06"
    assert record["text"].startswith(
        "各乡镇人民政府、街道办事处，县政府各部门："
    )  # the title: a field
    assert "text_truncated" not in record["flags"]


def test_a_long_document_is_read_up_to_the_page_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_PAGES", 1)
    read = document_text(NOTICE.read_bytes())
    assert read is not None and (read.pages, read.truncated) == (2, True)
    assert "一、检查范围" in read.text and "实行闭环管理" not in read.text  # page 2's text
    fetched = FetchedPage("http://127.0.0.1/xxgk/notice.pdf", NOTICE.read_bytes(), None)
    record = assemble_document(fetched, "通知", None).record
    assert record is not None and {"document", "text_truncated"} <= set(record["flags"])


def test_extract_gives_a_document_files_record() -> None:
    """`python -m crawler extract FILE.pdf`: the record a list's row would give the file."""
    done = subprocess.run(
        [sys.executable, "-m", "crawler", "extract", str(NOTICE), "--title", "安全生产大检查通知",
         "--date", "2024-05-06", "--url", "http://127.0.0.1/xxgk/notice.pdf"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert (record["title"], record["published_at"]) == ("安全生产大检查通知", "2024-05-06")
    assert "document" in record["flags"] and "开展2024年度安全生产大检查" in record["text"]


def test_a_reader_failing_on_a_file_keeps_its_record(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(body: bytes) -> None:
        raise RuntimeError("a reader's bug")

    monkeypatch.setattr(assemble, "document_text", broken)
    fetched = FetchedPage("http://127.0.0.1/xxgk/notice.pdf", NOTICE.read_bytes(), None)
    assembled = assemble_document(fetched, "通知", "2024-05-06")
    assert assembled.dropped is None and assembled.record is not None
    assert {"document", "text_unreadable"} <= set(assembled.record["flags"])
    assert assembled.record["text"] == ""


@pytest.mark.parametrize(
    ("link_text", "title"),
    [
        ("安全生产大检查工作方案.pdf", "安全生产大检查工作方案"),  # the file's own name
        ("附件1：检查标准.docx", "检查标准"),
        ("附件二、工作台账.xls", "工作台账"),
        ("Annual Report 2024.pdf", "Annual Report 2024"),
        # nothing telling: the article's title and the attachment's label
        ("附件1", "关于开展安全生产大检查的通知（附件1）"),
        ("附件2.pdf", "关于开展安全生产大检查的通知（附件2）"),
        ("附件", "关于开展安全生产大检查的通知（附件3）"),
        ("P020240601385.pdf", "关于开展安全生产大检查的通知（附件3）"),
        (None, "关于开展安全生产大检查的通知（附件3）"),
    ],
)
def test_an_attachments_document_is_titled_by_what_its_link_tells(
    link_text: str | None, title: str
) -> None:
    assert attachment_title(link_text, "关于开展安全生产大检查的通知", 3) == title
