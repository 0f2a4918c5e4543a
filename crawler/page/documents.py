"""The text of a document file a list shows as a row of its own (a 信息公开 column's PDF or Word
file): a PDF's text layer, read by pdfium (pypdfium2), a Word 2007+ file's paragraphs, a Word
97-2003 file's text pieces (olefile opens its streams), an Excel workbook's rows (2007+ from its
XML, 97-2003 through xlrd), and an OFD document's text (GB/T 33190, read from its page XML).

Pure: the file's bytes in, its text out. A PDF's lines are joined back into paragraphs (a line
that fills the page's width and ends without a full stop goes on in the next one), and lines
that are only a page number (`- 3 -`, `第 3 页 共 9 页`) are dropped. A scanned PDF has no text
layer: its text is empty; a file no reader opens (encrypted, broken) has none. At most
MAX_PAGES pages and MAX_CHARS characters are read.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from crawler.page.vocabulary import DOCUMENT_URL

MAX_PAGES = 500
MAX_CHARS = 1_000_000
MAX_OFFICE_XML_BYTES = 64 * 1024 * 1024  # a part of a .docx or .xlsx, unpacked
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
# OFD: runs whose baselines differ by this many millimetres or less stand on one line
OFD_LINE_TOLERANCE = 1.0
USUAL_LINE = 0.8  # the usual line length: this quantile of the page's (most lines fill the width)

# Word 97-2003 (.doc; Kingsoft WPS Writer's .wps is the same format, and its spreadsheet .et
# holds a BIFF8 Workbook stream, read as an .xls):
# an OLE compound file whose WordDocument stream holds the text as pieces ([MS-DOC] 2.4.1, the
# piece table in the Clx of the 0Table or 1Table stream); the FIB gives where
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FIB_FLAGS, FIB_CCP_TEXT, FIB_FC_CLX = 0x000A, 0x004C, 0x01A2
F_ENCRYPTED, F_WHICH_TABLE = 0x0100, 0x0200
F_COMPRESSED = 0x40000000  # a piece stored as 8-bit cp1252 text, not UTF-16
# a field's code (`HYPERLINK "…"`) runs from \x13 to \x14 (its result follows) or \x15
FIELD_CODE = re.compile(r"\x13[^\x13\x14\x15]*(?:\x14|\x15)")
# paragraph, line and page breaks; a table cell's end (two in a row: the row's end)
WORD_CONTROL = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x07": "\t", "\x15": None})

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


# an attachment's label before its name: 附件1：, 附件二、, 附件 3.
ATTACHMENT_LABEL = re.compile(r"附件\s*[0-9一二三四五六七八九十]*\s*[:：.．、\-—]?\s*")
# a name that tells what the file is: two Chinese characters, or two words
TELLING_NAME = re.compile(r"[\u4e00-\u9fff]{2}|[A-Za-z]{3,}\s+[A-Za-z]{3,}")


def attachment_title(link_text: str | None, article_title: str, number: int) -> str:
    """An attachment's document title: its link's text less its file type and a leading
    `附件1：`; when nothing telling is left (`附件1`, `P020240601385.pdf`), the article's title
    with the attachment's label (`…的通知（附件1）`)."""
    text = DOCUMENT_URL.sub("", (link_text or "").strip()).strip()
    label = ATTACHMENT_LABEL.match(text)
    named = text[label.end() :].strip() if label else text
    if TELLING_NAME.search(named):
        return named
    shown = label.group(0).strip(" :：.．、-—") if label else ""
    return f"{article_title}（{shown if shown != '附件' and shown else f'附件{number}'}）"


@dataclass(frozen=True)
class DocumentText:
    text: str
    kind: str  # "pdf", "docx", "doc", "xlsx", "xls" or "ofd"
    pages: int | None = None  # a PDF's or an OFD document's pages
    truncated: bool = False  # more than MAX_PAGES pages or MAX_CHARS characters


def document_text(body: bytes) -> DocumentText | None:
    """The file's text, or None when it is no PDF, Word, Excel 2007+ or OFD file, or none that
    opens."""
    if b"%PDF-" in body[:PDF_MAGIC_WITHIN]:
        return _pdf_text(body)
    if body[:4] == b"PK\x03\x04":
        return _office_text(body)
    if body[:8] == OLE_MAGIC:
        return _doc_text(body)
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


def _office_text(body: bytes) -> DocumentText | None:
    """A Word 2007+ file's paragraphs, an Excel 2007+ file's rows (cells joined by tabs, each
    sheet's rows after its name), or an OFD document's text; None for another zip (a .zip of
    scans) or a broken one."""
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return _docx_text(_xml(archive, "word/document.xml"))
            if "xl/workbook.xml" in names:
                return _xlsx_text(archive, names)
            if "OFD.xml" in names:
                return _ofd_text(archive, names)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, etree.XMLSyntaxError):
        return None
    return None


def _ofd_text(archive: zipfile.ZipFile, names: set[str]) -> DocumentText:
    """An OFD document's text (GB/T 33190, the format of Chinese electronic official documents):
    the first document the package names (`OFD.xml` DocRoot), its pages in their order
    (`Document.xml` Pages), each page's TextCode runs placed at their positions (a TextObject's
    Boundary plus the code's X and Y, in millimetres) and read as lines, top to bottom, left to
    right; the lines joined into paragraphs as a PDF's are. Text drawn as glyphs only (no
    characters in its TextCode) gives nothing."""
    root = _xml(archive, "OFD.xml")
    doc_root = next((e.text for e in root.iter() if _local(e.tag) == "DocRoot" and e.text), None)
    if doc_root is None:
        return DocumentText("", "ofd", 0)
    document_path = _ofd_path(doc_root, "")
    document = _xml(archive, document_path)
    folder = document_path.rsplit("/", 1)[0] + "/" if "/" in document_path else ""
    pages = [
        _ofd_path(page.get("BaseLoc") or "", folder)
        for page in document.iter()
        if _local(page.tag) == "Page" and page.get("BaseLoc")
    ]
    lines: list[str] = []
    read = chars = 0
    for path in pages[:MAX_PAGES]:
        if chars > MAX_CHARS:
            break
        if path in names:
            page_lines = _ofd_page_lines(_xml(archive, path))
            lines += page_lines
            chars += sum(map(len, page_lines))
        read += 1
    text = "\n".join(_paragraphs(lines))
    truncated = len(pages) > read or len(text) > MAX_CHARS
    return DocumentText(text[:MAX_CHARS], "ofd", len(pages), truncated)


def _ofd_path(location: str, folder: str) -> str:
    """A part's name in the package: `/Doc_0/Document.xml` from the root, `Pages/Page_0/
    Content.xml` from the document's folder."""
    location = location.strip().replace("\\", "/")
    return location.lstrip("/") if location.startswith("/") else folder + location


def _ofd_page_lines(page: etree._Element) -> list[str]:
    runs: list[tuple[float, float, str]] = []  # (y, x, text)
    for text_object in page.iter():
        if _local(text_object.tag) != "TextObject":
            continue
        left, top = _boundary_origin(text_object.get("Boundary") or "")
        x = y = 0.0
        for code in text_object:
            if _local(code.tag) != "TextCode":
                continue
            x = _number(code.get("X"), x)  # a code without X or Y goes on from the last one
            y = _number(code.get("Y"), y)
            if code.text and code.text.strip():
                runs.append((top + y, left + x, code.text))
    runs.sort()
    lines: list[list[tuple[float, str]]] = []
    line_y = None
    for y, x, text in runs:
        if line_y is None or abs(y - line_y) > OFD_LINE_TOLERANCE:
            lines.append([])
            line_y = y
        lines[-1].append((x, text))
    return ["".join(text for _, text in sorted(line)) for line in lines]


def _boundary_origin(boundary: str) -> tuple[float, float]:
    parts = boundary.split()
    return (_number(parts[0], 0.0), _number(parts[1], 0.0)) if len(parts) >= 2 else (0.0, 0.0)


def _number(value: str | None, default: float) -> float:
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default


def _local(tag: object) -> str:
    """An element's name without its namespace (OFD parts are written with and without one)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    info = archive.getinfo(name)
    if info.file_size > MAX_OFFICE_XML_BYTES:  # unpacked: a zip bomb stops here
        raise ValueError(f"{name}: {info.file_size} bytes unpacked")
    return etree.fromstring(archive.read(info), parser=_XML)


def _docx_text(root: etree._Element) -> DocumentText:
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


def _xlsx_text(archive: zipfile.ZipFile, names: set[str]) -> DocumentText:
    shared: list[str] = []
    if "xl/sharedStrings.xml" in names:
        shared = ["".join(si.itertext()) for si in _xml(archive, "xl/sharedStrings.xml")]
    lines: list[str] = []
    for name, path in _sheets(archive, names):
        if sum(map(len, lines)) > MAX_CHARS:
            break  # truncated below
        rows = []
        for row in _xml(archive, path).iter(f"{_S}row"):
            cells = [_cell(cell, shared) for cell in row.iter(f"{_S}c")]
            if any(cells):
                rows.append("\t".join(cells).rstrip("\t"))
        if rows:
            lines += [name, *rows]
    text = "\n".join(lines)
    return DocumentText(text[:MAX_CHARS], "xlsx", truncated=len(text) > MAX_CHARS)


def _sheets(archive: zipfile.ZipFile, names: set[str]) -> list[tuple[str, str]]:
    """The workbook's sheets in its order: (name, part), through the workbook's relationships."""
    targets = {}
    if "xl/_rels/workbook.xml.rels" in names:
        for rel in _xml(archive, "xl/_rels/workbook.xml.rels"):
            target = str(rel.get("Target") or "").removeprefix("/xl/").removeprefix("/")
            targets[rel.get("Id")] = target if target.startswith("xl/") else f"xl/{target}"
    sheets = []
    for sheet in _xml(archive, "xl/workbook.xml").iter(f"{_S}sheet"):
        path = targets.get(sheet.get(f"{_R}id"))
        if path in names:
            sheets.append((str(sheet.get("name") or ""), path))
    return sheets


def _cell(cell: etree._Element, shared: list[str]) -> str:
    kind, value = cell.get("t"), cell.find(f"{_S}v")
    if kind == "inlineStr":
        return " ".join("".join(cell.itertext()).split())
    text = value.text or "" if value is not None else ""
    if kind == "s":
        text = shared[int(text)] if text.isdigit() and int(text) < len(shared) else ""
    return " ".join(text.split())


def _doc_text(body: bytes) -> DocumentText | None:
    import olefile  # read only for Word 97-2003 files

    try:
        with olefile.OleFileIO(body) as ole:
            if ole.exists("Workbook") or ole.exists("Book"):
                return _xls_text(body)
            if not ole.exists("WordDocument"):
                return None  # another OLE file: a .ppt
            word = ole.openstream("WordDocument").read()
            flags = _u16(word, FIB_FLAGS)
            table = "1Table" if flags & F_WHICH_TABLE else "0Table"
            if flags & F_ENCRYPTED or not ole.exists(table):
                return None
            pieces = _pieces(word, ole.openstream(table).read())
    except (OSError, ValueError, IndexError):  # olefile raises OSError for a broken file
        return None
    if pieces is None:
        return None
    text = "".join(pieces)[: _u32(word, FIB_CCP_TEXT)]  # the main text; notes, headers follow
    text = FIELD_CODE.sub("", text).replace("\x07\x07", "\n").translate(WORD_CONTROL)
    lines = (" ".join(line.replace("\t", " ").split()) for line in text.split("\n"))
    text = "\n".join(line for line in lines if line and line.isprintable())
    return DocumentText(text[:MAX_CHARS], "doc", truncated=len(text) > MAX_CHARS)


def _xls_text(body: bytes) -> DocumentText | None:
    """An Excel 97-2003 workbook's rows as an Excel 2007+ one's: each sheet's name, then a row
    a line, cells joined by tabs (a whole number without its `.0`, a date as ISO); xlrd reads
    the BIFF records. None for one xlrd cannot open (encrypted, broken)."""
    import xlrd  # read only for Excel 97-2003 files

    try:
        book = xlrd.open_workbook(file_contents=body, on_demand=True)
    except Exception:  # xlrd raises XLRDError, CompDocError, struct.error … on a broken file
        return None
    lines: list[str] = []
    try:
        for index in range(book.nsheets):
            if sum(map(len, lines)) > MAX_CHARS:
                break  # truncated below
            sheet = book.sheet_by_index(index)
            rows = []
            for number in range(sheet.nrows):
                cells = [_xls_cell(cell, book.datemode) for cell in sheet.row(number)]
                if any(cells):
                    rows.append("\t".join(cells).rstrip("\t"))
            if rows:
                lines += [sheet.name, *rows]
            book.unload_sheet(index)
    except Exception:  # a sheet's records broken past the workbook's
        return None
    finally:
        book.release_resources()
    text = "\n".join(lines)
    return DocumentText(text[:MAX_CHARS], "xls", truncated=len(text) > MAX_CHARS)


def _xls_cell(cell: object, datemode: int) -> str:
    import xlrd

    kind, value = getattr(cell, "ctype", 0), getattr(cell, "value", "")
    if kind == xlrd.XL_CELL_NUMBER:
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if kind == xlrd.XL_CELL_DATE:
        try:
            moment = xlrd.xldate_as_datetime(value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return str(value)
        return moment.date().isoformat() if moment.time() == moment.min.time() else str(moment)
    if kind == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if value else "FALSE"
    if kind in (xlrd.XL_CELL_TEXT,):
        return " ".join(str(value).split())
    return ""  # empty, blank, an error code


def _pieces(word: bytes, table: bytes) -> list[str] | None:
    """The text of each piece of the piece table, in order."""
    start, size = _u32(word, FIB_FC_CLX), _u32(word, FIB_FC_CLX + 4)
    pos, end = start, start + size
    while pos < end and table[pos] == 0x01:  # Prc: formatting, skipped
        pos += 3 + _u16(table, pos + 1)
    if pos >= end or table[pos] != 0x02:
        return None
    plc = table[pos + 5 : pos + 5 + _u32(table, pos + 1)]
    count = (len(plc) - 4) // 12
    cps = [_u32(plc, 4 * i) for i in range(count + 1)]
    pieces = []
    for i in range(count):
        fc, chars = _u32(plc, 4 * (count + 1) + 8 * i + 2), cps[i + 1] - cps[i]
        if fc & F_COMPRESSED:
            offset = (fc & ~F_COMPRESSED) // 2
            pieces.append(word[offset : offset + chars].decode("cp1252", "replace"))
        else:
            pieces.append(word[fc : fc + 2 * chars].decode("utf-16-le", "replace"))
    return pieces


def _u16(data: bytes, offset: int) -> int:
    return int.from_bytes(data[offset : offset + 2], "little")


def _u32(data: bytes, offset: int) -> int:
    return int.from_bytes(data[offset : offset + 4], "little")
