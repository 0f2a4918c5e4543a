"""The text of a document file a list shows as a row of its own (a 信息公开 column's PDF or Word
file): a PDF's text layer, read by pdfium (pypdfium2), and a Word 2007+ file's paragraphs.

Pure: the file's bytes in, its text out. A PDF's lines are joined back into paragraphs (a line
that fills the page's width and ends without a full stop goes on in the next one), and lines
that are only a page number (`- 3 -`, `第 3 页 共 9 页`) are dropped. A scanned PDF has no text
layer: its text is empty, and so is that of a file no reader opens (encrypted, broken, a .doc
of the old binary format). At most MAX_PAGES pages and MAX_CHARS characters are read.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

MAX_PAGES = 500
MAX_CHARS = 1_000_000
MAX_DOCX_XML_BYTES = 64 * 1024 * 1024  # word/document.xml unpacked: a zip bomb stops here
PDF_MAGIC_WITHIN = 1024  # `%PDF-` may follow a few bytes of junk, as readers allow

# a line that is only a page number or a page count
PAGE_NUMBER_LINE = re.compile(
    r"[-－—–_\s]*\d{1,4}[-－—–_\s]*|第\s*\d{1,4}\s*页(\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|[Pp]age\s*\d{1,4}(\s*of\s*\d{1,4})?"
)
# where a paragraph may end: a line ending so is never run into the next
PARAGRAPH_END = tuple("。！？；：!?;:」』”》)）")
# a line opening so starts a paragraph of its own: 一、 （一） 1. 第三条 附件
PARAGRAPH_START = re.compile(
    r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|第.{1,4}[条章节]|附件"
)
FULL_LINE = 0.85  # of the page's usual line length: a line this long was wrapped by the layout
USUAL_LINE = 0.8  # the usual line length: this quantile of the page's (most lines fill the width)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass(frozen=True)
class DocumentText:
    text: str
    kind: str  # "pdf" or "docx"
    pages: int | None = None  # a PDF's pages
    truncated: bool = False  # more than MAX_PAGES pages or MAX_CHARS characters


def document_text(body: bytes) -> DocumentText | None:
    """The file's text, or None when it is no PDF or Word 2007+ file, or none that opens."""
    if b"%PDF-" in body[:PDF_MAGIC_WITHIN]:
        return _pdf_text(body)
    if body[:4] == b"PK\x03\x04":
        return _docx_text(body)
    return None


def _pdf_text(body: bytes) -> DocumentText | None:
    import pypdfium2 as pdfium  # its native library loads with the first document

    try:
        pdf = pdfium.PdfDocument(body)
    except pdfium.PdfiumError:
        return None
    try:
        lines: list[str] = []
        read, chars, total = 0, 0, len(pdf)
        while read < min(total, MAX_PAGES) and chars < MAX_CHARS:
            page = pdf[read]
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range()
            finally:
                textpage.close()
                page.close()
            lines += text.replace("\r\n", "\n").split("\n")
            read, chars = read + 1, chars + len(text)
    except pdfium.PdfiumError:
        return None
    finally:
        pdf.close()
    text = "\n".join(_paragraphs(lines))  # a paragraph may go on over the next page
    truncated = total > read or len(text) > MAX_CHARS
    return DocumentText(text[:MAX_CHARS], "pdf", total, truncated)


def _paragraphs(lines: list[str]) -> list[str]:
    """A document's lines as paragraphs: page-number lines dropped, wrapped lines run
    together."""
    kept = [line.strip() for line in lines]
    kept = [line for line in kept if line and not PAGE_NUMBER_LINE.fullmatch(line)]
    if not kept:
        return []
    lengths = sorted(len(line) for line in kept)
    usual = lengths[int(USUAL_LINE * (len(lengths) - 1))]
    out = [kept[0]]
    for line in kept[1:]:
        previous = out[-1]
        wrapped = len(previous.rsplit("\n", 1)[-1]) >= FULL_LINE * usual
        if wrapped and not previous.endswith(PARAGRAPH_END) and not PARAGRAPH_START.match(line):
            out[-1] = (
                previous + (" " if previous[-1:].isascii() and line[:1].isascii() else "") + line
            )
        else:
            out.append(line)
    return out


def _docx_text(body: bytes) -> DocumentText | None:
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_DOCX_XML_BYTES:
                return DocumentText("", "docx", truncated=True)
            root = etree.fromstring(archive.read(info), parser=_XML)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, etree.XMLSyntaxError):
        return None  # no Word file: another zip (an .xlsx, a .zip of scans), or a broken one
    paragraphs = []
    for paragraph in root.iter(f"{_W}p"):
        text = "".join(
            node.text or "" if node.tag == f"{_W}t" else "\t" if node.tag == f"{_W}tab" else "\n"
            for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br")
        ).strip()
        if text:
            paragraphs.append(text)
    text = "\n".join(paragraphs)
    return DocumentText(text[:MAX_CHARS], "docx", truncated=len(text) > MAX_CHARS)
