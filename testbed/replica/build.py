"""`build_replicas`: the bundled replica sites, each seed article placed where it came from."""

from __future__ import annotations

from datetime import datetime

from testbed.replica.badinput import DEFAULT_HUGE_BYTES, bad_input_pages, related_links_html
from testbed.replica.generated import GeneratedSite
from testbed.replica.hanweb import HanwebSite
from testbed.replica.model import ArticleDoc, ReplicaSite
from testbed.replica.oddities import GAMBLING_NAME, ContentFarmSite, HijackedSite
from testbed.replica.ruby import RubySite, to_simplified
from testbed.replica.seedtexts import REPORTER_LEAD, SeedText, seed_texts
from testbed.replica.trs import TrsSite
from testbed.replica.vsb import VsbSite

# Share of the filler articles per site (the rest of n_articles are seed and special articles).
FILLER_SHARES = {"trs": 0.36, "hanweb": 0.26, "vsb": 0.26, "ruby": 0.12}
DISCLOSURES = 4
SPECIAL_ARTICLES = 14  # seed copies, traps and disclosures placed by hand


def build_replicas(
    n_articles: int = 300, seed: int = 7, huge_page_bytes: int = DEFAULT_HUGE_BYTES
) -> list[ReplicaSite]:
    """The replica sites, deterministic for (n_articles, seed); pages rendered."""
    texts = seed_texts()
    filler = max(n_articles - SPECIAL_ARTICLES, 0)
    trs = TrsSite("trs", "南通开发区", seed * 100 + 1)
    hanweb = HanwebSite("hanweb", "恒口示范区", seed * 100 + 2)
    vsb = VsbSite("vsb", "新吴区人民政府", seed * 100 + 3)
    ruby = RubySite("ruby", "宜都融媒", seed * 100 + 4)
    hijacked = HijackedSite("hijacked", GAMBLING_NAME, seed * 100 + 5)
    farm = ContentFarmSite("farm", "百纳范文网", seed * 100 + 6)
    generated: dict[str, GeneratedSite] = {"trs": trs, "hanweb": hanweb, "vsb": vsb, "ruby": ruby}
    counts = {name: round(filler * share) for name, share in FILLER_SHARES.items()}
    counts["trs"] = filler - sum(v for k, v in counts.items() if k != "trs")
    for name, generated_site in generated.items():
        generated_site.generate(counts[name])
    place_trs(trs, texts["000"], huge_page_bytes)
    place_hijacked(hijacked, texts["000"])
    place_hanweb(hanweb, texts["004"], texts["002"])
    place_vsb(vsb, texts["002"])
    place_ruby(ruby, texts["001"], texts["003"])
    place_farm(farm, texts["004"])
    sites: list[ReplicaSite] = [trs, hanweb, vsb, ruby, hijacked, farm]
    for site in sites:
        site.rebuild()
    return sites


def place_trs(site: TrsSite, text: SeedText, huge_page_bytes: int) -> None:
    doc = site.make_doc(
        text.title, text.paragraphs, datetime(2022, 10, 14, 9, 30), "xwzx/ztbd", "专题报道",
        "南通开发区党政办", duplicate_group="seed-000", seed="000",
    )  # fmt: skip
    add_seed_images(site, doc, text, captions=False)
    broken = site.add_filler(datetime(2021, 3, 15, 10, 5))
    broken.extra["broken"] = True
    broken.truth.traps.append("broken_html")
    site.add_disclosures(DISCLOSURES)
    pages, other = bad_input_pages(site.name, huge_page_bytes)
    site.static_pages.update(pages)
    site.static_other.extend(other)
    site.related_html = related_links_html()


def place_hijacked(site: HijackedSite, text: SeedText) -> None:
    doc = site.make_doc(
        text.title, text.paragraphs, datetime(2022, 10, 14, 9, 30), "xwzx/ztbd", "专题报道",
        None, duplicate_group="seed-000", seed="000", flags=["hijacked_site"],
    )  # fmt: skip
    add_seed_images(site, doc, text, captions=True)


def add_seed_images(site: TrsSite, doc: ArticleDoc, text: SeedText, captions: bool) -> None:
    for index, names in text.images.items():
        for name in names:
            src = site.asset_path(doc, f"W0{doc.published:%Y%m%d}{name}")
            # the hijacked page shows the bare file name under the image, as the seed has it;
            # a file name is no caption, so the wanted record has none
            doc.image_slots.setdefault(index, []).append((src, name if captions else None))
            doc.truth.images.append({"url": src, "caption": None})


def place_hanweb(site: HanwebSite, speech: SeedText, republished: SeedText) -> None:
    site.make_doc(
        "示范区党工委理论中心组学习会议讲话", speech.paragraphs[1:], datetime(2020, 3, 27, 16, 0),
        "1451", "示范区要闻", "示范区党工委办公室", duplicate_group="seed-004", seed="004",
    )  # fmt: skip
    first = "无锡高新区在线讯 " + republished.paragraphs[0]
    doc = site.make_doc(
        republished.title, [first, *republished.paragraphs[1:]], datetime(2023, 1, 14, 10, 0),
        "1452", "部门动态", "无锡高新区在线", duplicate_group="seed-002", seed="002",
        encoding="utf-8", declared_encoding="gb2312", editors=["周敏"], reviewers=["钱伟"],
    )  # fmt: skip
    doc.shown_paragraphs.append("(编辑:周敏 审核:钱伟)")
    doc.extra["encoding_trap"] = "utf8_declared_gb2312"
    doc.truth.traps.append("utf8_declared_gb2312")
    undeclared = site.add_filler(datetime(2021, 6, 8, 9, 0))
    undeclared.extra["encoding_trap"] = "undeclared_gbk"
    undeclared.truth.traps.append("undeclared_gbk")
    undeclared.truth.encoding, undeclared.truth.declared_encoding = "gb18030", None


def place_vsb(site: VsbSite, text: SeedText) -> None:
    doc = site.make_doc(
        text.title, text.paragraphs, datetime(2023, 1, 13, 9, 7), "1012", "要闻资讯",
        "新吴区人民政府", duplicate_group="seed-002", seed="002",
    )  # fmt: skip
    doc.shown_paragraphs = ["\u3000\u3000" + p for p in doc.shown_paragraphs]
    doc.extra["trailer"] = text.chrome[-1]


def place_ruby(site: RubySite, yidu: SeedText, pingxiang: SeedText) -> None:
    doc = site.make_traditional(
        yidu.title, yidu.paragraphs, datetime(2023, 11, 1, 8, 45), "宜都融媒", seed="001",
        reporters=["郑振亚"], editors=["李忠益", "刘娟"], reviewers=["党艳秋"],
    )  # fmt: skip
    doc.extra["trailer"] = yidu.chrome[-1]
    doc.truth.paragraphs[0] = to_simplified(REPORTER_LEAD.sub("", yidu.paragraphs[0]))
    site.make_traditional(
        pingxiang.title, pingxiang.paragraphs, datetime(2022, 10, 27, 10, 20), "萍鄉經開區",
        seed="003",
    )  # fmt: skip


def place_farm(site: ContentFarmSite, text: SeedText) -> None:
    doc = site.make_doc(
        text.title, text.paragraphs[1:], datetime(2022, 9, 15, 15, 10, 5), "jianghuagao", "讲话稿",
        "网友投稿", duplicate_group="seed-004", seed="004", flags=["content_farm"],
        site_name="百纳范文网",
    )  # fmt: skip
    doc.extra["subtitle"] = text.paragraphs[0]
    if text.hidden_marker:
        index, offset = text.hidden_marker
        doc.extra["marker"] = (index - 1, offset)  # the subtitle is not a body paragraph
    doc.extra["tags"] = ["示范区", "党工委", "讲话", "示范区党工委理论中心组学习会议讲话"]
