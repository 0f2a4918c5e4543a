#!/usr/bin/env bash
# How tests/documents/notice.doc was made (run by hand, not by the tests; needs LibreOffice:
# apt-get install libreoffice-writer-nogui): the notice in notice.html (paragraphs, a hyperlink
# field, a two-row table, a line break) saved by LibreOffice 7.4 as a Word 97-2003 file.
set -euo pipefail
cd "$(dirname "$0")"
soffice --headless --convert-to 'doc:MS Word 97' notice.html
