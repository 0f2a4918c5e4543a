"""A Word 2007+ file (.docx) a test writes itself: the parts Word saves that a reader needs
([Content_Types].xml, the package relationships, word/document.xml), each paragraph a <w:p>
whose text may be split over several runs, with tabs and line breaks as Word writes them."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels"'
    ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def _run(piece: str) -> str:
    if piece == "\t":
        return "<w:r><w:tab/></w:r>"
    if piece == "\n":
        return "<w:r><w:br/></w:r>"
    text = f'<w:t xml:space="preserve">{escape(piece)}</w:t>'
    return f'<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>{text}</w:r>'


def docx_bytes(paragraphs: list[list[str]]) -> bytes:
    """A .docx of these paragraphs, each given as its runs ("\\t" a tab, "\\n" a line break)."""
    body = "".join(f"<w:p>{''.join(_run(piece) for piece in runs)}</w:p>" for runs in paragraphs)
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}">'
        f"<w:body>{body}<w:sectPr/></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", RELS)
        package.writestr("word/document.xml", document)
    return buffer.getvalue()
