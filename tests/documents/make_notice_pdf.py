"""How tests/documents/notice.pdf was made (run by hand, not by the tests; needs reportlab):
a two-page notice set as a government office's Word export is, in a CID font (STSong-Light,
Adobe-GB1, not embedded), its paragraphs wrapped at 28 characters a line, with a page number
line (`- 1 -`) closing each page."""

from __future__ import annotations

import sys

from notice_text import TITLE, wrapped  # beside this script
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas


def lines() -> list[str]:
    return [TITLE, "", *wrapped()]


def main(path: str) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(path)
    pdf.setTitle(TITLE)
    page, y = 1, 780
    for line in lines():
        if y < 100:
            pdf.drawCentredString(300, 50, f"- {page} -")
            pdf.showPage()
            page, y = page + 1, 780
        pdf.setFont("STSong-Light", 15)
        pdf.drawString(70, y, line)
        y -= 52
    pdf.drawCentredString(300, 50, f"- {page} -")
    pdf.save()


if __name__ == "__main__":
    main(sys.argv[1])
