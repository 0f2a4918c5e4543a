"""The vocabulary is the one place page knowledge lives: the page classifier and extraction both
read its body containers, and every CMS family's article page is found through them."""

from __future__ import annotations

import re
from functools import cache
from html import escape

import lxml.html
import pytest

from crawler.page import cms, discovery, metadata
from crawler.page import vocabulary as vocab
from crawler.page.chrome import BREADCRUMB_LABEL, classify_line
from crawler.page.discovery import (
    ARTICLE_MIN_BODY_CHARS,
    ARTICLE_MIN_PARAGRAPH_CHARS,
    classify_page,
)
from crawler.page.encoding import decode_page
from crawler.page.extraction import extract_article, find_cms_container
from crawler.page.vocabulary import (
    BODY_CONTAINERS,
    BREADCRUMB_LABELS,
    CONTAINER_RANK,
    IMAGE_FILE_NAME,
    ContainerKind,
    one_of,
)
from testbed.replica import ReplicaSite, build_replicas
from testbed.replica.model import BASE_PLACEHOLDER, DEAD_PLACEHOLDER

# A URL no pattern knows: the page's structure alone decides what it is.
NEUTRAL_URL = "http://www.example.gov.cn/p/a-page"
# Enough text for a body container, too little for the bare-paragraph rule (see the first test).
SHORT_STORY = (
    "区政府召开常务会议，研究部署下一阶段经济运行、安全生产和民生保障等重点工作任务。",
    "会议指出，要坚持稳中求进工作总基调，统筹发展和安全，扎实推进各项工作落地见效。",
    "会议要求，各部门要压实责任，强化协同配合，确保年度目标任务全面完成，让群众满意。",
    "会议还研究了其他事项，听取了有关部门关于近期重点项目建设进展情况的汇报和说明。",
)
DECOY_STORY = tuple(
    f"公告栏第{i}条：本周开展城市环境综合整治行动，请广大市民积极支持配合。" for i in range(8)
)
_SPACES = re.compile(r"\s+")
CONTAINER_IDS = [f"{kind}={name}" for kind, name in BODY_CONTAINERS]


def container_attributes(kind: ContainerKind, name: str) -> str:
    # a second class word shows that classes are matched as words of the attribute
    return f'id="{name}"' if kind == "id" else f'class="{name} clearfix"'


def article_page(container: str, paragraphs: tuple[str, ...], aside: str = "") -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<html><head><title>区政府召开常务会议_示范区</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/xwzx/">新闻中心</a></div>
<h1>区政府召开常务会议</h1>
<div class="info">发布时间：2023-01-13 09:07 来源：区政府办公室</div>
<div {container}>{body}</div>{aside}
<div class="footer">版权所有：示范区管委会 网站标识码：3201000001</div>
</body></html>"""


@pytest.mark.parametrize(("kind", "name"), BODY_CONTAINERS, ids=CONTAINER_IDS)
def test_the_classifier_knows_every_container(kind: ContainerKind, name: str) -> None:
    known = lxml.html.document_fromstring(
        article_page(container_attributes(kind, name), SHORT_STORY)
    )
    unknown = lxml.html.document_fromstring(article_page('class="unnamed"', SHORT_STORY))
    story_chars = len("".join(SHORT_STORY))
    assert ARTICLE_MIN_BODY_CHARS <= story_chars < ARTICLE_MIN_PARAGRAPH_CHARS
    assert classify_page(NEUTRAL_URL, known) == "article"
    assert classify_page(NEUTRAL_URL, unknown) == "list"  # the container alone made it one


@pytest.mark.parametrize(("kind", "name"), BODY_CONTAINERS, ids=CONTAINER_IDS)
def test_extraction_takes_the_body_from_every_container(kind: ContainerKind, name: str) -> None:
    # Beside the container, a longer block of plain paragraphs: the densest text on the page.
    aside = "<div>" + "".join(f"<p>{p}</p>" for p in DECOY_STORY) + "</div>"
    page = article_page(container_attributes(kind, name), SHORT_STORY, aside)
    fields = extract_article(page, NEUTRAL_URL)
    assert fields["text"] == "\n".join(SHORT_STORY)
    assert fields["title"] == "区政府召开常务会议"


def test_classifier_and_extraction_read_one_ranked_list() -> None:
    elements = "".join(
        f"<div {container_attributes(kind, name)}>x</div>" for kind, name in BODY_CONTAINERS
    )
    root = lxml.html.document_fromstring(f"<html><body>{elements}</body></html>")
    found = cms.body_containers(root)
    assert [cms.container_rank(e) for e in found] == list(range(len(BODY_CONTAINERS)))
    assert [cms.container_rank(e) for _, e in cms.scan_page(root).containers] == list(
        range(len(BODY_CONTAINERS))
    )
    assert discovery.body_containers is cms.body_containers  # the classifier's own search


def test_every_container_is_declared_once() -> None:
    assert len(set(BODY_CONTAINERS)) == len(BODY_CONTAINERS) == len(CONTAINER_RANK)
    assert all(re.fullmatch(r"[\w-]+", name) for _, name in BODY_CONTAINERS)


def test_a_more_specific_container_wins() -> None:
    inner = container_attributes(*BODY_CONTAINERS[0])
    outer = container_attributes(*BODY_CONTAINERS[-1])
    story = "".join(f"<p>{p}</p>" for p in SHORT_STORY)
    page = f"<html><body><div {outer}><p>导语。</p><div {inner}>{story}</div></div></body></html>"
    root = lxml.html.document_fromstring(page)
    chosen = find_cms_container(root, cms.scan_page(root))
    assert chosen is not None and cms.container_rank(chosen) == 0


# --- the CMS families ------------------------------------------------------------------------
REPLICA_FAMILIES = {
    "trs": ("class", "TRS_Editor"),
    "hanweb": ("id", "zoom"),
    "vsb": ("class", "v_news_content"),
}
GENERIC_PAGE = """<html><head><meta charset="utf-8"><title>关于开展安全生产检查的通知</title></head>
<body><div class="top"><a href="/">首页</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a></div>
<h2>关于开展安全生产检查的通知</h2><p class="time">2023-03-01</p>
<div id="content">{paragraphs}</div><div class="copyright">版权所有 ICP备12345678号</div>
</body></html>"""


@cache
def replica_sites() -> list[ReplicaSite]:
    return build_replicas(n_articles=20)


def replica_article(site_name: str) -> tuple[str, bytes, str | None, list[str]]:
    """URL, body, declared charset and truth paragraphs of a plain article of a replica site."""
    site = next(s for s in replica_sites() if s.name == site_name)
    truth = next(a for a in site.articles if not a.traps and not a.traditional)
    page = site.pages[truth.url_path]
    body = page.body.replace(BASE_PLACEHOLDER, b"http://replica.test")
    body = body.replace(DEAD_PLACEHOLDER, b"http://dead.replica.test/")
    charset = page.content_type.partition("charset=")[2] or None
    return "http://replica.test" + truth.url_path, body, charset, truth.paragraphs


def family_page(family: str) -> tuple[str, str, list[str]]:
    if family == "generic":
        paragraphs = [p + "各单位要认真落实。" for p in SHORT_STORY]
        html = GENERIC_PAGE.format(paragraphs="".join(f"<p>{p}</p>" for p in paragraphs))
        return "http://www.example.gov.cn/tzgg/2023/0301.html", html, paragraphs
    url, body, charset, paragraphs = replica_article(family)
    return url, decode_page(body, charset).text, paragraphs


@pytest.mark.parametrize("family", [*REPLICA_FAMILIES, "generic"])
def test_each_cms_family_is_an_article_read_from_its_container(family: str) -> None:
    url, html, paragraphs = family_page(family)
    root = lxml.html.document_fromstring(html)
    assert classify_page(NEUTRAL_URL, root) == "article"  # by structure, not by the URL
    container = find_cms_container(root, cms.scan_page(root))
    expected = REPLICA_FAMILIES.get(family, ("id", "content"))
    assert container is not None and cms.container_rank(container) == CONTAINER_RANK[expected]
    text = extract_article(html, url)["text"]
    held = _SPACES.sub("", metadata.text_of(container))
    assert all(_SPACES.sub("", line) in held for line in text.split("\n"))
    assert paragraphs[0] in text and paragraphs[-1] in text


# --- labels and patterns built from the word tuples ------------------------------------------
@pytest.mark.parametrize("label", BREADCRUMB_LABELS)
def test_every_breadcrumb_label_opens_a_breadcrumb(label: str) -> None:
    line = f"{label}：首页 > 新闻中心 > 工作动态"
    assert classify_line(line) == "breadcrumb"
    assert metadata.split_breadcrumbs(line) == ["首页", "新闻中心", "工作动态"]
    assert BREADCRUMB_LABEL.match(line)


@pytest.mark.parametrize(
    ("text", "is_file_name"),
    [
        ("IMG_20221014.JPEG", True),
        ("微信图片_20230101(2).png", True),
        ("scan-001.tif", True),
        ("会议现场", False),
        ("见附件.pdf", False),
    ],
)
def test_one_image_file_name_pattern(text: str, is_file_name: bool) -> None:
    assert bool(IMAGE_FILE_NAME.match(text)) is is_file_name
    assert (classify_line(text) == "image") is is_file_name


@pytest.mark.parametrize(
    ("words", "text", "matched"),
    [
        (("打印", "打印本页"), "打印本页", "打印本页"),  # the longest word wins
        (("a.b", "c"), "axb", None),  # words are literal
        (("来源", "来源", "出处"), "出处", "出处"),
    ],
)
def test_one_of_builds_a_literal_longest_first_alternation(
    words: tuple[str, ...], text: str, matched: str | None
) -> None:
    found = re.match(one_of(words), text)
    assert (found.group() if found else None) == matched


def test_a_lookahead_of_first_characters_finds_what_the_alternation_finds() -> None:
    words = ["来源", "信息来源", "稿源", "发布时间"]
    assert vocab.starting(words, ["索"]) == "(?=[信发来稿索])"
    plain = re.compile(vocab.one_of(words))
    ahead = re.compile(vocab.starting(words) + f"(?:{vocab.one_of(words)})")
    for text in ("本文信息来源：市政府", "稿源 新华社", "发布时间：2024-01-02", "无", ""):
        found, fast = plain.search(text), ahead.search(text)
        assert (found and found.span()) == (fast and fast.span())
