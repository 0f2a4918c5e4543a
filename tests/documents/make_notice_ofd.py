"""How tests/documents/notice.ofd was made (run by hand, not by the tests; the standard library
only): the notice of notice.pdf as an OFD package (GB/T 33190: OFD.xml, Doc_0/Document.xml,
Doc_0/Pages/Page_N/Content.xml), its paragraphs wrapped at 28 characters a line. Each line is
drawn as two TextObjects, its right half written before its left (writers order objects as
they please), the title as one TextCode spaced by DeltaX; each page closes with a page number
line (`- 1 -`). Positions are in millimetres on an A4 page."""

from __future__ import annotations

import sys
import zipfile

from notice_text import TITLE, wrapped  # beside this script

NS = "http://www.ofdspec.org/2016"
LINES_PER_PAGE = 12
CHAR_MM = 5.0


def lines() -> list[str]:
    return wrapped()


def text_object(ident: int, x: float, y: float, text: str, spaced: bool = False) -> str:
    delta = f' DeltaX="{" ".join(["5"] * (len(text) - 1))}"' if spaced and len(text) > 1 else ""
    return (
        f'<ofd:TextObject ID="{ident}" Boundary="{x:.2f} {y:.2f} {len(text) * CHAR_MM:.2f} 6" '
        f'Font="1" Size="4.2333"><ofd:TextCode X="0" Y="4.5"{delta}>{text}</ofd:TextCode>'
        "</ofd:TextObject>"
    )


def page(number: int, body: list[str], title: bool) -> str:
    objects, ident, y = [], 100, 30.0
    if title:
        objects.append(text_object(ident, 40.0, y, TITLE, spaced=True))
        ident, y = ident + 1, y + 16
    for line in body:
        half = len(line) // 2
        left, right = line[:half], line[half:]
        objects.append(text_object(ident, 25.0 + half * CHAR_MM, y, right))
        objects.append(text_object(ident + 1, 25.0, y + 0.2, left))  # a hair lower: one line
        ident, y = ident + 2, y + 9
    objects.append(text_object(ident, 100.0, 280.0, f"- {number} -"))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
        f'<ofd:Layer ID="{number}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>'
    )


def main(path: str) -> None:
    all_lines = lines()
    pages = [all_lines[i : i + LINES_PER_PAGE] for i in range(0, len(all_lines), LINES_PER_PAGE)]
    page_refs = "".join(
        f'<ofd:Page ID="{n + 1}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages))
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as ofd:
        ofd.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" '
            'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:Title>'
            f"{TITLE}</ofd:Title></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
            "</ofd:DocBody></ofd:OFD>",
        )
        ofd.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}">'
            "<ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea>"
            "<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData>"
            f"<ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>",
        )
        for n, body in enumerate(pages):
            ofd.writestr(f"Doc_0/Pages/Page_{n}/Content.xml", page(n + 1, body, title=n == 0))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "notice.ofd")
