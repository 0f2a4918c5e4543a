"""Shared machinery of the generated replica sites: filler articles, images, attachments, lists."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape
from typing import ClassVar

from testbed.replica.filler import Filler
from testbed.replica.model import ArticleDoc, ArticleTruth, OtherPage, Page, ReplicaSite

TZ_NOTE = "+08:00"  # every replica page speaks Beijing time
FIRST_DAY = datetime(2020, 1, 2, 8, 0)
DAYS_SPAN = 4 * 365 - 3
TINY_JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")
TINY_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
ATTACHMENT_KINDS = {
    "pdf": ("application/pdf", TINY_PDF),
    "doc": ("application/msword", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 56),
    "xls": ("application/vnd.ms-excel", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 56),
}
ATTACHMENT_TITLES = [
    "申报指南", "项目清单", "政策解读", "报名表", "实施细则", "统计表", "公示名单", "评分标准",
]  # fmt: skip
CAPTIONS = ["会议现场", "调研现场", "项目建设现场", "活动现场", "签约仪式现场", "培训现场"]


def iso_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:00") + TZ_NOTE


def iso_date(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d")


def http_date(moment: datetime) -> str:
    return (moment - timedelta(hours=8)).strftime("%a, %d %b %Y %H:%M:%S GMT")


def html_page(text: str, charset: str = "utf-8", header_charset: bool = True) -> Page:
    content_type = f"text/html; charset={charset}" if header_charset else "text/html"
    return Page(text.encode("gb18030" if charset.startswith("gb") else charset), content_type)


def paragraphs_html(doc: ArticleDoc, para_tag: str = "p", caption_class: str = "caption") -> str:
    parts: list[str] = []
    for index, shown in enumerate(doc.shown_paragraphs):
        parts.extend(
            image_html(src, cap, caption_class) for src, cap in doc.image_slots.get(index, [])
        )
        parts.append(f"<{para_tag}>{shown}</{para_tag}>")
    tail = doc.image_slots.get(len(doc.shown_paragraphs), [])
    parts.extend(image_html(src, cap, caption_class) for src, cap in tail)
    return "\n".join(parts)


def image_html(src: str, caption: str | None, caption_class: str) -> str:
    img = f'<p style="text-align: center;"><img src="{escape(src)}" border="0" alt="" /></p>'
    if not caption:
        return img
    return f'{img}\n<p class="{caption_class}" style="text-align: center;">{escape(caption)}</p>'


def attachments_html(doc: ArticleDoc) -> str:
    if not doc.truth.attachments:
        return ""
    links = "<br/>".join(
        f'<a href="{escape(a["url"])}" target="_blank">{escape(a["title"])}</a>'
        for a in doc.truth.attachments
    )
    return f'<div class="fujian">附件:{links}</div>'


class GeneratedSite(ReplicaSite):
    """A site of filler articles (plus seed articles placed by the builder)."""

    columns: ClassVar[list[tuple[str, str]]] = []  # (column id or path, column name)
    domain = "www.example.gov.cn"
    id_code: str | None = None
    image_prefix = "W"
    encoding = "utf-8"  # what the bytes are
    declared_encoding: str | None = "utf-8"  # what the page says they are

    def __init__(self, name: str, label: str, seed: int) -> None:
        super().__init__(name, label, seed)
        self.filler = Filler(seed)
        self.next_id = 1000 + seed % 97 * 10

    # -- generation ---------------------------------------------------------------------------
    def random_moment(self) -> datetime:
        day = FIRST_DAY + timedelta(days=self.filler.randint(0, DAYS_SPAN))
        return day.replace(hour=self.filler.randint(8, 18), minute=self.filler.randint(0, 59))

    def generate(self, count: int) -> None:
        for _ in range(count):
            self.add_filler(self.random_moment())

    def new_article(self) -> ArticleDoc:
        latest = max((d.published for d in self.docs), default=FIRST_DAY)
        return self.add_filler(latest + timedelta(days=1, minutes=7))

    def add_filler(self, published: datetime) -> ArticleDoc:
        column_id, column = self.columns[self.filler.randint(0, len(self.columns) - 1)]
        art = self.filler.article(published.year, published.month, published.day)
        doc = self.make_doc(art.title, art.paragraphs, published, column_id, column, art.source)
        self.add_media(doc)
        return doc

    def take_id(self) -> int:
        self.next_id += self.filler.randint(1, 9)
        return self.next_id

    def make_doc(
        self,
        title: str,
        paragraphs: list[str],
        published: datetime,
        column_id: str,
        column: str,
        source: str | None,
        **truth_fields: object,
    ) -> ArticleDoc:
        doc_id = self.take_id()
        truth = ArticleTruth(
            url_path="",
            site=self.name,
            cms=self.cms,
            title=title,
            published_at=self.shown_time(published),
            source=source,
            column=column,
            breadcrumbs=self.breadcrumbs(column),
            paragraphs=list(paragraphs),
            site_name=self.label,
            site_id_code=self.id_code,
            encoding=self.encoding,
            declared_encoding=self.declared_encoding,
        )
        for key, value in truth_fields.items():
            setattr(truth, key, value)
        doc = ArticleDoc(
            truth=truth,
            doc_id=doc_id,
            published=published,
            modified=published,
            shown_title=title,
            shown_paragraphs=[self.shown_paragraph(p) for p in paragraphs],
            column_id=column_id,
        )
        truth.url_path = self.article_path(doc)
        self.docs.append(doc)
        return doc

    def add_media(self, doc: ArticleDoc) -> None:
        if self.filler.randint(0, 9) < 3:
            src = self.asset_path(
                doc, f"{self.image_prefix}0{doc.doc_id}{doc.published:%Y%m%d}.jpg"
            )
            caption = self.filler.choice(CAPTIONS)
            doc.image_slots.setdefault(1, []).append((src, caption))
            doc.truth.images.append({"url": src, "caption": caption})
        if self.filler.randint(0, 9) < 2:
            ext = self.filler.choice(["pdf", "doc", "xls"])
            name = f"P0{doc.published:%Y%m%d}{doc.doc_id}.{ext}"
            title = f"{self.filler.choice(ATTACHMENT_TITLES)}.{ext}"
            doc.truth.attachments.append({"url": self.asset_path(doc, name), "title": title})

    # -- rendering helpers --------------------------------------------------------------------
    def shown_time(self, published: datetime) -> str:
        return iso_time(published)

    def breadcrumbs(self, column: str) -> list[str]:
        return ["首页", column]

    def article_path(self, doc: ArticleDoc) -> str:
        raise NotImplementedError

    def asset_path(self, doc: ArticleDoc, name: str) -> str:
        return "/" + name

    def sorted_docs(self, column_id: str | None = None) -> list[ArticleDoc]:
        docs = [d for d in self.docs if column_id is None or d.column_id == column_id]
        return sorted(docs, key=lambda d: (d.published, d.doc_id), reverse=True)

    def add_assets(self, pages: dict[str, Page], other: list[OtherPage]) -> None:
        """Serve every image and attachment the articles link to."""
        for doc in self.docs:
            for image in doc.truth.images:
                pages[str(image["url"])] = Page(TINY_JPEG, "image/jpeg", doc.published)
            for attachment in doc.truth.attachments:
                content_type, body = ATTACHMENT_KINDS[attachment["title"].rsplit(".", 1)[1]]
                pages[attachment["url"]] = Page(body, content_type, doc.published)
                other.append(OtherPage(attachment["url"], self.name, "asset", "attachment"))

    def newest(self, docs: list[ArticleDoc]) -> datetime:
        return max((d.modified for d in docs), default=FIRST_DAY)

    def headlines(self, count: int = 6) -> list[ArticleDoc]:
        return self.sorted_docs()[:count]
