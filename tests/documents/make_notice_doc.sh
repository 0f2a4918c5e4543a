#!/usr/bin/env bash
# How tests/documents/notice.doc and budget.xlsx were made (run by hand, not by the tests;
# needs LibreOffice: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui): the
# notice in notice.html (paragraphs, a hyperlink field, a two-row table, a line break) saved by
# LibreOffice 7.4 as a Word 97-2003 file, and the budget table in budget.csv as an Excel 2007+
# workbook and as an Excel 97-2003 one.
set -euo pipefail
cd "$(dirname "$0")"
soffice --headless --convert-to 'doc:MS Word 97' notice.html
soffice --headless --infilter="CSV:44,34,76,1" --convert-to 'xlsx:Calc MS Excel 2007 XML' budget.csv
soffice --headless --infilter="CSV:44,34,76,1" --convert-to 'xls:MS Excel 97' budget.csv
