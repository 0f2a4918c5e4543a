"""Documents a list shows as rows of their own (a 信息公开 column of PDFs, a Word file), crawled
for real over HTTP on 127.0.0.1: each archived once as a document record (the row's title and
date, the file as its attachment and in the WARC), a file that failed once archived by the next
run, and none archived twice."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from crawling import crawl, crawl_log, records, run_stats
from tinysite import PageHandler, TinySite, page, serving, site_fixture
from wordfiles import docx_bytes

from crawler.store.warc import read_warc_record

pytestmark = pytest.mark.e2e

# (file, title as the row shows it, date)
DOCUMENTS = [
    (
        f"/Upload/File/202004/2020042{n}_{n}.pdf",
        f"华融基金管理有限公司关于旗下基金第{n}次分红的公告",
        f"2020-04-2{n}",
    )
    for n in range(1, 5)
] + [
    (
        "/Upload/File/202004/20200420_9.docx",
        "华融基金管理有限公司2020年第一季度报告全文",
        "2020-04-20",
    )
]
FLAKY = DOCUMENTS[1][0]  # answers 500 on its first request
# a row whose link is a download endpoint: no URL says it is a file, its answer does
DOWNLOAD = (
    "/module/download/downfile.jsp?classid=0&id=7",
    "华融基金管理有限公司2019年年度报告",
    "2020-03-30",
)
ARTICLE = "/news/202004/t20200430_7.html"
ARTICLE_TITLE = "华融基金管理有限公司召开2020年度工作会议"
MODIFIED = "Wed, 29 Apr 2020 09:53:29 GMT"  # the files' Last-Modified: a later run asks with it
PARAGRAPH = "<p>公司召开年度工作会议，总结上一年度的工作，部署本年度的重点任务和具体措施。</p>"


def _rows() -> str:
    """The column's rows: the files themselves (each with a download icon for the same file),
    then one article page."""
    rows = [*DOCUMENTS, DOWNLOAD]
    rows.append((ARTICLE, ARTICLE_TITLE, "2020-04-30"))
    html = []
    for n, (path, title, date) in enumerate(rows):
        icon = f'<em><a href="/download.aspx?id={n}">下载</a></em>' if path.endswith("pdf") else ""
        html.append(f'<li><div class="inner"><h2><a href="{path}">{title}</a></h2><i>{date}</i>'
                    f"{icon}</div></li>")  # fmt: skip
    return "".join(html)


NOTICE = Path(__file__).parent / "documents" / "notice.pdf"  # a PDF with a text layer
WORD = docx_bytes(
    [["第一季度报告全文"], ["本基金", "报告期内运作合规，", "未发生损害持有人利益的行为。"]]
)
READABLE = {  # the files a reader opens, and a phrase of their text; the others are no PDF
    DOCUMENTS[0][0]: (NOTICE.read_bytes(), "决定在全县范围内开展2024年度安全生产大检查"),
    DOCUMENTS[-1][0]: (WORD, "报告期内运作合规，未发生损害持有人利益的行为。"),
}


def _file_bytes(path: str) -> bytes:
    if path in READABLE:
        return READABLE[path][0]
    return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + path.encode() + bytes(range(256)) * 4


class _Handler(PageHandler):
    def do_GET(self) -> None:
        hits = self.server.hit(self.path)
        files = {path for path, _, _ in DOCUMENTS}
        if self.path == "/robots.txt":
            self.send_page(200, b"User-agent: *\nAllow: /\n", "text/plain")
        elif self.path == "/news/information.html":
            self.send_page(
                200, page("信息披露", f'<div class="infor-con"><ul>{_rows()}</ul></div>')
            )
        elif self.path == ARTICLE:
            body = f"<h1>{ARTICLE_TITLE}</h1><div class='TRS_Editor'>{PARAGRAPH * 4}</div>"
            self.send_page(200, page("年度工作会议", body))
        elif self.path == FLAKY and hits == 1:
            self.send_page(500, b"busy", "text/plain")
        elif self.path == DOWNLOAD[0]:
            self.send_page(200, _file_bytes(self.path), "application/pdf")
        elif self.path in files and self.headers.get("If-Modified-Since") == MODIFIED:
            self.send_page(304, b"")
        elif self.path in files:
            kind = "application/pdf" if self.path.endswith(".pdf") else "application/msword"
            self.send_page(200, _file_bytes(self.path), kind, MODIFIED)
        else:
            self.send_page(404, b"not found", "text/plain")


site = site_fixture(_Handler)


def test_documents_listed_alone_are_archived_once_with_their_rows_title_and_date(
    site: TinySite, tmp_path: Path
) -> None:
    seeds = tmp_path / "seeds.txt"
    seeds.write_text(f"{site.base}/news/information.html\n", "utf-8")
    archive = tmp_path / "archive"
    settings = {"RETRY_ENABLED": 0, "ARCHIVE_FSYNC": 0}
    assert crawl(seeds, archive, RUN_ID="one", **settings) == 0, crawl_log(archive, "one")
    first = {r["url"]: r for r in records(archive)}
    wanted = {f"{site.base}{path}": (title, date) for path, title, date in [*DOCUMENTS, DOWNLOAD]}
    flaky = f"{site.base}{FLAKY}"
    assert set(first) == set(wanted) - {flaky} | {f"{site.base}{ARTICLE}"}
    for url, (title, date) in wanted.items():
        if url == flaky:
            continue
        record = first[url]
        assert (record["title"], record["published_at"]) == (title, date)
        readable = READABLE.get(url.removeprefix(site.base))
        if readable is None:
            assert record["text"] == ""  # no reader opens it: the row's fields and the file
        else:
            assert readable[1] in record["text"]  # the file's own text
        assert record["attachments"] == [{"url": url, "title": title}]
        assert "document" in record["flags"]
        body = _file_bytes(url.removeprefix(site.base))
        assert record["content_sha1"] == hashlib.sha1(body).hexdigest()
        assert read_warc_record(archive, record["warc"]).body == body  # the file itself, kept
    assert "document" not in first[f"{site.base}{ARTICLE}"]["flags"]
    stats = run_stats(archive, "one")
    assert stats["discovery/documents"] == len(DOCUMENTS)
    assert stats["flags/document"] == len(DOCUMENTS)  # the one that failed, less; the download
    assert "discovery/file_links" not in stats  # the rows are documents, not stray file links
    pdfs = sum(1 for path, _, _ in DOCUMENTS if path.endswith("pdf"))
    assert stats["discovery/document_companions"] == pdfs
    assert not [path for path in site.hits if path.startswith("/download.aspx")]  # once, not twice

    assert crawl(seeds, archive, RUN_ID="two", **settings) == 0, crawl_log(archive, "two")
    second = records(archive, "two")
    assert [r["url"] for r in second] == [flaky]  # the failed one, and nothing twice
    assert second[0]["title"] == wanted[flaky][0] and second[0]["published_at"] == wanted[flaky][1]
    stats = run_stats(archive, "two")  # the others asked with If-Modified-Since: unchanged
    assert stats["incremental/not_modified/article"] == len(DOCUMENTS) - 1
    verified = subprocess.run(
        [sys.executable, "-m", "crawler", "verify", str(archive)], capture_output=True, text=True
    )  # schema, WARC pointers, crawl state and manifest agree
    assert verified.returncode == 0, verified.stdout + verified.stderr


ATTACHED = {  # an article's attachments: path -> (the link's text, fetched as a document)
    "/xxgk/202406/P020240601_1.pdf": ("安全生产大检查工作方案.pdf", True),
    "/xxgk/202406/P020240601_2.docx": ("检查工作台账.docx", True),
    "/xxgk/202406/P020240601_3.zip": ("现场照片.zip", False),  # an archive: no document
    "/module/download/downfile.jsp?classid=0&filename=P020240601_4.pdf": ("检查标准.pdf", True),
    "/xxgk/202406/P020240601_6.doc": ("防汛工作通知.doc", True),  # Word 97-2003
    "/xxgk/202406/P020240601_7.pdf": ("P020240601_7.pdf", True),  # a link showing the file's name
    "/xxgk/202406/P020240601_8.ofd": ("安全生产大检查通知.ofd", True),  # OFD, GB/T 33190
    "/xxgk/202406/P020240601_9.xls": ("部门预算表.xls", True),  # Excel 97-2003
}
BUDGET_XLS = Path(__file__).parent / "documents" / "budget.xls"  # made by make_notice_doc.sh
OFD = Path(__file__).parent / "documents" / "notice.ofd"  # made by make_notice_ofd.py
WORD97 = Path(__file__).parent / "documents" / "notice.doc"
POLICY = "/xxgk/202406/t20240601_100.html"
POLICY_TITLE = "关于开展2024年度安全生产大检查的通知"
# an article published as its attachment: its text is 详见附件 (flag short_body)
BARE = "/xxgk/202406/t20240602_101.html"
BARE_TITLE = "关于公布2024年度安全生产检查结果的通知"
BARE_FILE = "/xxgk/202406/P020240602_5.pdf"


class _AttachmentsHandler(PageHandler):
    def do_GET(self) -> None:
        self.server.hit(self.path)
        if self.path == "/robots.txt":
            self.send_page(200, b"User-agent: *\nAllow: /\n", "text/plain")
        elif self.path == "/xxgk/index.html":
            rows = "".join(
                f'<li><a href="{path}">{title}</a><span>2024-06-0{n}</span></li>'
                for n, (path, title) in enumerate([(POLICY, POLICY_TITLE), (BARE, BARE_TITLE)], 1)
            )
            self.send_page(200, page("通知公告", f"<ul class='list'>{rows}</ul>"))
        elif self.path == POLICY:
            links = "".join(
                f'<p><a href="{path}">{text}</a></p>' for path, (text, _) in ATTACHED.items()
            )
            links += '<p><a href="http://127.0.0.2:9/other/P1.pdf">外站文件.pdf</a></p>'
            body = (
                f"<h1>{POLICY_TITLE}</h1><div class='TRS_Editor'>{PARAGRAPH * 3}"
                f"<p>附件：</p>{links}</div>"
            )
            self.send_page(200, page(POLICY_TITLE, body))
        elif self.path == BARE:
            body = (
                f"<h1>{BARE_TITLE}</h1><div class='TRS_Editor'><p>详见附件。</p>"
                f'<p>附件：<a href="{BARE_FILE}">检查结果.pdf</a></p></div>'
            )
            self.send_page(200, page(BARE_TITLE, body))
        elif self.path.endswith(".pdf"):
            self.send_page(200, NOTICE.read_bytes(), "application/pdf")
        elif self.path.endswith(".docx"):
            kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            self.send_page(200, WORD, kind)
        elif self.path.endswith(".doc"):
            self.send_page(200, WORD97.read_bytes(), "application/msword")
        elif self.path.endswith(".ofd"):
            self.send_page(200, OFD.read_bytes(), "application/ofd")
        elif self.path.endswith(".xls"):
            self.send_page(200, BUDGET_XLS.read_bytes(), "application/vnd.ms-excel")
        elif self.path.endswith(".zip"):
            self.send_page(200, b"PK\x05\x06" + b"\0" * 18, "application/zip")
        else:
            self.send_page(404, b"not found", "text/plain")


@pytest.mark.parametrize("policy", ["default", "none", "all"])
def test_an_articles_document_attachments_are_archived_as_asked(
    tmp_path: Path, policy: str
) -> None:
    """SPIDER_FOLLOW_ATTACHMENTS: by default only the attachments of an article published as
    them (详见附件), with `all` every article's documents, with `none` no attachment."""
    seeds = tmp_path / "seeds.txt"
    archive = tmp_path / "archive"
    settings: dict[str, object] = {"ARCHIVE_FSYNC": 0}
    if policy != "default":
        settings["SPIDER_FOLLOW_ATTACHMENTS"] = policy
    with serving(_AttachmentsHandler) as site:
        seeds.write_text(f"{site.base}/xxgk/index.html\n", "utf-8")
        assert crawl(seeds, archive, RUN_ID="one", **settings) == 0, crawl_log(archive, "one")
        hits = dict(site.hits)
    archived = {r["url"]: r for r in records(archive)}
    article = archived.pop(f"{site.base}{POLICY}")
    bare = archived.pop(f"{site.base}{BARE}")
    assert "short_body" in bare["flags"]
    assert {a["url"] for a in article["attachments"]} >= {site.base + p for p in ATTACHED}
    wanted = {site.base + BARE_FILE: "检查结果"} if policy != "none" else {}
    if policy == "all":
        wanted |= {site.base + p: text for p, (text, fetched) in ATTACHED.items() if fetched}
    assert set(archived) == set(wanted)  # no archive file, nothing off the site
    for url, text in wanted.items():
        record = archived[url]
        if text.startswith("P0"):  # nothing telling: the article's, and which attachment
            number = list(ATTACHED).index(url.removeprefix(site.base)) + 1
            assert record["title"] == f"{POLICY_TITLE}（附件{number}）"
        else:
            assert record["title"] == text.rsplit(".", 1)[0]  # less the file's type
        dated = bare if url == site.base + BARE_FILE else article
        assert record["published_at"] == dated["published_at"]
        assert "document" in record["flags"] and record["text"]
    if policy == "all":
        pdf = archived[site.base + next(iter(ATTACHED))]
        assert "决定在全县范围内开展2024年度安全生产大检查" in pdf["text"]
        doc = archived[site.base + "/xxgk/202406/P020240601_6.doc"]
        assert "为切实做好今年防汛工作" in doc["text"]
        ofd = archived[site.base + "/xxgk/202406/P020240601_8.ofd"]
        assert "决定在全县范围内开展2024年度安全生产大检查。现将有关事项通知如下。" in ofd["text"]
        xls = archived[site.base + "/xxgk/202406/P020240601_9.xls"]
        assert "一般公共预算拨款收入 1250.5 含上年结转" in xls["text"]  # cells, one space apart
    fetched = {path for path in hits if path not in ("/robots.txt", "/xxgk/index.html")}
    assert fetched == {POLICY, BARE} | {url.removeprefix(site.base) for url in wanted}
    assert run_stats(archive, "one").get("discovery/attachments", 0) == len(wanted)


def test_a_mistyped_attachment_policy_is_one_clear_error(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds.txt"
    seeds.write_text("http://127.0.0.1:9/xxgk/index.html\n", "utf-8")
    archive = tmp_path / "archive"
    assert crawl(seeds, archive, RUN_ID="one", SPIDER_FOLLOW_ATTACHMENTS="sometimes") != 0
    log = crawl_log(archive, "one")
    assert "SPIDER_FOLLOW_ATTACHMENTS='sometimes': give short, all or none" in log
