"""The replica sites over loopback HTTP: CMS structure, encodings, caching, mutation, truth."""

from __future__ import annotations

import html
import http.client
import re
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from testbed.replica import build_replicas, demo_addresses
from testbed.replica.ruby import to_simplified
from testbed.replica.running import RunningReplica

HREF = re.compile(r"""href=["']([^"']+)["']""")
LOC = re.compile(r"<(?:loc|link)>([^<]+)</(?:loc|link)>")
TAG = re.compile(r"<[^>]+>")
RUBY_READING = re.compile(r"<rp>\(</rp><rt>[^<]*</rt><rp>\)</rp>")
META_CHARSET = re.compile(rb"charset\s*=", re.I)
GOV_META = re.compile(r"<meta\s+name=[\"'](?:SiteName|ArticleTitle|PubDate)[\"']", re.I)
CJK_SHINGLE = 5
FARM_MARKER = " 当前隐藏内容免费查看"


def fetch(
    url: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, http.client.HTTPMessage, bytes]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request(method, target, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def page_text(body: str) -> str:
    text = html.unescape(TAG.sub("", RUBY_READING.sub("", body)))
    return text.replace(FARM_MARKER, "")


def articles_of(replica: RunningReplica, site: str) -> list[dict]:
    return [a for a in replica.truth["articles"] if a["site"] == site]


def shingles(text: str) -> set[str]:
    return {text[i : i + CJK_SHINGLE] for i in range(len(text) - CJK_SHINGLE + 1)}


# -- TRS WCM ---------------------------------------------------------------------------------
def test_trs_list_pages_are_paged_only_by_script(replica: RunningReplica) -> None:
    base = replica.server.base_url("trs")
    status, _, body = fetch(base + "/xwzx/gzdt/index.html")
    text = body.decode()
    assert status == 200
    match = re.search(r'createPageHTML\((\d+), 0, "index", "html"\)', text)
    assert match and int(match.group(1)) >= 2
    assert "index_1.html" not in text
    assert fetch(base + "/xwzx/gzdt/index_1.html")[0] == 200


def test_trs_article_has_government_meta_and_chrome(replica: RunningReplica) -> None:
    seed = next(a for a in articles_of(replica, "trs") if a["seed"] == "000")
    text = fetch(seed["url"])[2].decode()
    for snippet in (
        '<meta name="SiteName" content="南通开发区" />',
        '<meta name="SiteIDCode" content="3206000001" />',
        '<meta name="PubDate" content="2022-10-14 09:30" />',
        '<div class="TRS_Editor">',
        "发布时间:2022-10-14 09:30",
        "分享到:",
        "网站标识码:3206000001",
        "苏ICP备",
        "公安备",
    ):
        assert snippet in text or snippet.replace("公安备", "公网安备") in text, snippet
    assert re.search(r"/xwzx/ztbd/202210/t20221014_\d+\.html$", seed["url"])
    assert seed["published_at"] == "2022-10-14T09:30:00+08:00"


def test_trs_disclosure_articles_carry_the_table(replica: RunningReplica) -> None:
    documents = [a for a in articles_of(replica, "trs") if a["disclosure"]]
    assert len(documents) >= 3
    text = fetch(documents[0]["url"])[2].decode()
    for label in ("索引号", "发布机构", "文号", "主题分类", "成文日期", "发布日期"):
        assert label in text
    assert documents[0]["disclosure"]["index_no"] in text


def test_robots_disallows_a_linked_path(replica: RunningReplica) -> None:
    base = replica.server.base_url("trs")
    robots = fetch(base + "/robots.txt")[2].decode()
    assert "Disallow: /search/" in robots
    assert f"Sitemap: {base}/sitemap.xml" in robots
    assert 'href="/search/index.html' in fetch(base + "/index.html")[2].decode()
    pages = replica.truth["other_pages"]
    disallowed = [p for p in pages if p["kind"] == "disallowed" and p["site"] == "trs"]
    assert [urlsplit(p["url"]).path for p in disallowed] == ["/search/index.html"]


def test_sitemap_lists_every_trs_article(replica: RunningReplica) -> None:
    sitemap = fetch(replica.server.base_url("trs") + "/sitemap.xml")[2].decode()
    assert set(LOC.findall(sitemap)) == {a["url"] for a in articles_of(replica, "trs")}


# -- Hanweb ----------------------------------------------------------------------------------
def test_hanweb_datastore_holds_first_records_and_dataproxy_the_rest(
    replica: RunningReplica,
) -> None:
    base = replica.server.base_url("hanweb")
    page = fetch(base + "/col/col1451/index.html")[2].decode("gb18030")
    inline = re.findall(r"<record><!\[CDATA\[.*?href=\"([^\"]+)\"", page)
    assert "<datastore>" in page and "<nextgroup>" in page and len(inline) == 15
    query = "startrecord=16&endrecord=30&perpage=15&columnid=1451"
    status, _, body = fetch(f"{base}/module/web/jpage/dataproxy.jsp?{query}")
    xml = body.decode()
    column = [a for a in articles_of(replica, "hanweb") if "/art_1451_" in a["url"]]
    assert status == 200 and f"<totalrecord>{len(column)}</totalrecord>" in xml
    more = re.findall(r"<record><!\[CDATA\[.*?href=\"([^\"]+)\"", xml)
    assert 0 < len(more) <= 15 and not set(more) & set(inline)
    column_paths = {urlsplit(a["url"]).path for a in column}
    assert set(inline) | set(more) <= column_paths


def test_hanweb_pages_are_gbk_with_meta_only(replica: RunningReplica) -> None:
    article = next(
        a
        for a in articles_of(replica, "hanweb")
        if a["declared_encoding"] == "gb2312" and a["encoding"] == "gb18030"
    )
    status, headers, body = fetch(article["url"])
    assert status == 200 and headers["Content-Type"] == "text/html"
    assert b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">' in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert article["title"] in body.decode("gb18030")
    assert re.search(r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html$", article["url"])


def test_encoding_traps(replica: RunningReplica) -> None:
    hanweb = articles_of(replica, "hanweb")
    lying = next(a for a in hanweb if a["encoding"] == "utf-8")
    body = fetch(lying["url"])[2]
    assert b"charset=gb2312" in body and lying["title"] in body.decode("utf-8")
    silent = next(a for a in hanweb if a["declared_encoding"] is None)
    _, headers, body = fetch(silent["url"])
    assert not META_CHARSET.search(body) and "charset" not in headers["Content-Type"]
    assert silent["title"] in body.decode("gb18030")


# -- VSB, ruby, oddities ---------------------------------------------------------------------
def test_vsb_has_no_government_meta_and_a_feed(replica: RunningReplica) -> None:
    seed = next(a for a in articles_of(replica, "vsb") if a["seed"] == "002")
    text = fetch(seed["url"])[2].decode()
    assert not GOV_META.search(text)
    assert '<form name="_newscontent_fromname">' in text and 'class="v_news_content"' in text
    assert "时间:2023-01-13 09:07" in text and seed["published_at"] == "2023-01-13T09:07:00+08:00"
    feed = fetch(replica.server.base_url("vsb") + "/rss.xml")[2].decode()
    assert '<rss version="2.0">' in feed and seed["url"] in LOC.findall(feed)
    listing = fetch(replica.server.base_url("vsb") + "/list/1012.htm")[2].decode()
    assert 'href="/list/1012/2.htm" class="Next">下页</a>' in listing


def test_ruby_site_annotates_traditional_text(replica: RunningReplica) -> None:
    seed = next(a for a in articles_of(replica, "ruby") if a["seed"] == "001")
    text = fetch(seed["url"])[2].decode()
    assert "<ruby>實<rp>(</rp><rt>shí</rt><rp>)</rp></ruby>" in text
    assert "(記者 鄭振亞)" in text and "(責編:李忠益 劉娟 審核:黨艷秋)" in text
    assert seed["traditional"] and seed["reporters"] == ["郑振亚"]
    assert "落实" in seed["text"] and "shí" not in seed["text"]


def test_hijacked_and_farm_copies_share_a_duplicate_group(replica: RunningReplica) -> None:
    groups: dict[str, set[str]] = defaultdict(set)
    for article in replica.truth["articles"]:
        if article["duplicate_group"]:
            groups[article["duplicate_group"]].add(article["site"])
    assert groups == {
        "seed-000": {"trs", "hijacked"},
        "seed-002": {"vsb", "hanweb"},
        "seed-004": {"hanweb", "farm"},
    }
    hijacked = articles_of(replica, "hijacked")[0]
    text = fetch(hijacked["url"])[2].decode()
    assert "97国际游戏官网:2022-10-14" in text and ">555.jpg<" in text
    farm_article = articles_of(replica, "farm")[0]
    farm = fetch(farm_article["url"])[2].decode()
    chrome = ("下面是小编为大家整理的", "当前隐藏内容免费查看", "推荐访问:", "声明:", "备案号")
    assert all(snippet in farm for snippet in chrome)
    assert "强 <a" in farm and "当前隐藏内容免费查看" not in farm_article["text"]
    original = next(a for a in articles_of(replica, "hanweb") if a["seed"] == "004")
    assert original["paragraphs"] == farm_article["paragraphs"]


def test_bad_input_responses(replica: RunningReplica) -> None:
    bad = {p["note"]: p["url"] for p in replica.truth["other_pages"] if p["kind"] == "bad_input"}
    status, headers, _ = fetch(bad["redirect_loop"])
    assert status == 302 and fetch(urljoin(bad["redirect_loop"], headers["Location"]))[0] == 302
    assert fetch(bad["http_404"])[0] == 404
    assert fetch(bad["http_500"])[0] == 500
    status, headers, body = fetch(bad["binary_as_html"])
    assert headers["Content-Type"] == "text/html" and body.startswith(b"%PDF")
    status, headers, _ = fetch(bad["huge_page"], method="HEAD")
    assert int(headers["Content-Length"]) >= 19_000_000
    with pytest.raises(OSError):
        fetch(replica.truth["dead_url"] + "/")


def test_vsb_attachments_are_named_only_by_link_text(replica: RunningReplica) -> None:
    article = next(a for a in articles_of(replica, "vsb") if a["attachments"])
    attachment = article["attachments"][0]
    assert "download.jsp?urltype=news.DownloadAttachUrl" in attachment["url"]
    assert f">{attachment['title']}</a>】已下载" in fetch(article["url"])[2].decode()


def test_broken_html_article_still_carries_its_text(replica: RunningReplica) -> None:
    (article,) = [a for a in replica.truth["articles"] if "broken_html" in a["traps"]]
    body = fetch(article["url"])[2]
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert b"</p>" not in body
    assert article["paragraphs"][0] in body.decode("utf-8", errors="replace")


# -- caching and the request log -------------------------------------------------------------
def test_conditional_get_answers_304(replica: RunningReplica) -> None:
    url = replica.truth["articles"][0]["url"]
    _, headers, _ = fetch(url)
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert fetch(url, {"If-None-Match": etag})[0] == 304
    assert fetch(url, {"If-Modified-Since": modified})[0] == 304
    assert fetch(url, {"If-None-Match": '"other"'})[0] == 200


def test_connections_are_kept_alive(replica: RunningReplica) -> None:
    """HTTP/1.1 keep-alive, as real servers: a crawler reuses one connection for many pages."""
    first, second = (a["url"] for a in replica.truth["articles"][:2])
    missing = first.rsplit("/", 1)[0] + "/no_such_page.html"
    parts = urlsplit(first)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        for url, status in ((first, 200), (missing, 404), (second, 200)):
            conn.request("GET", urlsplit(url).path)
            response = conn.getresponse()
            assert (response.status, response.version) == (status, 11)
            assert response.read()
            assert not response.will_close
    finally:
        conn.close()


def test_request_log(replica_factory) -> None:  # type: ignore[no-untyped-def]
    running = replica_factory(n_articles=20)
    running.server.clear_log()
    fetch(running.server.base_url("vsb") + "/robots.txt", {"User-Agent": "probe"})
    (entry,) = running.server.request_log()
    assert (entry.site, entry.method, entry.path, entry.status) == (
        "vsb",
        "GET",
        "/robots.txt",
        200,
    )
    assert entry.headers["User-Agent"] == "probe"


# -- mutation --------------------------------------------------------------------------------
def test_added_articles_appear_on_list_pages(replica_factory) -> None:  # type: ignore[no-untyped-def]
    running = replica_factory(n_articles=40)
    base = running.server.base_url("trs")
    _, before_headers, before = fetch(base + "/sitemap.xml")
    (new,) = running.site("trs").add_articles(1)
    _, after_headers, after = fetch(base + "/sitemap.xml")
    assert after != before and after_headers["ETag"] != before_headers["ETag"]
    column_page = fetch(
        f"{base}/{new.url_path.split('/')[1]}/{new.url_path.split('/')[2]}/index.html"
    )[2]
    assert new.url_path.rsplit("/", 1)[1] in column_page.decode()
    assert fetch(base + new.url_path)[0] == 200


def test_edited_article_has_new_body_and_validators(replica_factory) -> None:  # type: ignore[no-untyped-def]
    running = replica_factory(n_articles=40)
    article = running.site("hanweb").articles[3]
    url = running.server.base_url("hanweb") + article.url_path
    _, headers, body = fetch(url)
    running.site("hanweb").edit_article(3, "本文已于近日更新补充相关内容。")
    status, new_headers, new_body = fetch(url, {"If-None-Match": headers["ETag"]})
    assert status == 200 and new_body != body
    assert "本文已于近日更新补充相关内容" in new_body.decode("gb18030")
    assert new_headers["ETag"] != headers["ETag"]
    assert new_headers["Last-Modified"] != headers["Last-Modified"]
    assert running.site("hanweb").articles[3].version == 2


@pytest.mark.parametrize("site_name", ["trs", "hanweb", "vsb", "ruby"])
def test_added_articles_are_served_linked_and_true(replica_factory, site_name: str) -> None:  # type: ignore[no-untyped-def]
    running = replica_factory(n_articles=40, huge_page_bytes=1000)
    site = running.site(site_name)
    expected_encoding = site.articles[-1].encoding
    added = site.add_articles(2)
    truth = {a["url"]: a for a in running.truth["articles"]}
    linked = linked_urls(running)
    for article in added:
        url = running.server.base_url(site_name) + article.url_path
        assert url in truth and url in linked
        assert article.encoding == expected_encoding
        body = fetch(url)[2].decode(article.encoding)
        text = to_simplified(page_text(body)) if article.traditional else page_text(body)
        assert article.title in text and article.paragraphs[-1] in text


# -- truth -----------------------------------------------------------------------------------
def test_every_truth_url_is_served_with_its_text(replica: RunningReplica) -> None:
    for article in replica.truth["articles"]:
        status, _, body = fetch(article["url"])
        assert status == 200, article["url"]
        text = page_text(body.decode(article["encoding"], errors="replace"))
        if article["traditional"]:
            text = to_simplified(text)
        assert article["title"] in text
        for paragraph in article["paragraphs"]:
            assert paragraph in text, (article["url"], paragraph[:30])


def linked_urls(replica: RunningReplica) -> set[str]:
    """Every URL linked from a list, home, sitemap, feed or dataproxy page, plus the seeds."""
    linked: set[str] = set()
    hubs = ("list", "home", "sitemap", "feed", "dataproxy")
    for page in replica.truth["other_pages"]:
        if page["kind"] in hubs:
            _, headers, raw = fetch(page["url"])
            body = raw.decode("utf-8" if "charset=" in headers["Content-Type"] else "gb18030")
            found = HREF.findall(body) + LOC.findall(body)
            linked.update(urljoin(page["url"], html.unescape(href)) for href in found)
    seeds = replica.seed_file.read_text("utf-8").split()
    return linked | {url for url in seeds if url.startswith("http")}


def test_every_article_is_reachable_from_lists(replica: RunningReplica) -> None:
    missing = {a["url"] for a in replica.truth["articles"]} - linked_urls(replica)
    assert not missing


def test_same_day_articles_are_not_near_duplicates(replica: RunningReplica) -> None:
    by_day: dict[tuple[str, str], list[set[str]]] = defaultdict(list)
    for article in replica.truth["articles"]:
        if not article["duplicate_group"]:
            by_day[(article["site"], article["published_at"][:10])].append(
                shingles(article["text"])
            )
    pairs = [pair for group in by_day.values() for pair in combinations(group, 2)]
    assert pairs
    assert max(len(a & b) / len(a | b) for a, b in pairs) < 0.3


def test_build_is_deterministic_and_sized() -> None:
    first = build_replicas(n_articles=80, seed=3, huge_page_bytes=1000)
    second = build_replicas(n_articles=80, seed=3, huge_page_bytes=1000)
    assert sum(len(site.articles) for site in first) == 80
    for a, b in zip(first, second, strict=True):
        assert a.pages.keys() == b.pages.keys()
        assert all(a.pages[path].body == b.pages[path].body for path in a.pages)


def test_seed_file_lists_every_site(replica: RunningReplica) -> None:
    lines = [ln for ln in replica.seed_file.read_text("utf-8").splitlines() if ln and ln[0] != "#"]
    assert len(lines) == len(replica.sites)
    for line, site in zip(lines, replica.sites, strict=True):
        assert line.startswith(replica.server.base_url(site.name)) and f"name={site.label}" in line


def test_demo_seed_list_matches_the_demo_ports() -> None:
    demo = Path(__file__).parents[1] / "seeds" / "demo.txt"
    lines = [ln for ln in demo.read_text("utf-8").splitlines() if ln and not ln.startswith("#")]
    sites = build_replicas(huge_page_bytes=1000)
    expected = [
        " ".join(f"http://{host}:{port}{path}" for path in site.start_paths())
        + f"  name={site.label}"
        for (host, port), site in zip(demo_addresses(len(sites)), sites, strict=True)
    ]
    assert lines == expected
