"""Replica government sites served on loopback: the test bed and the demo.

    sites = build_replicas(n_articles=300, seed=7)      # deterministic
    with ReplicaServer(sites) as server:                 # one server per site, ephemeral ports
        server.write_seed_file("seeds.txt")
        truth = server.truth()                           # absolute URLs, JSON-able
        sites[0].add_articles(2); sites[1].edit_article(3, "新段落。")   # while serving

Sites (`ReplicaSite.name`, `.cms`):
- `trs`: TRS WCM (南通开发区): JS pager, 信息公开 table, robots.txt, sitemap.xml, bad-input links;
- `hanweb`: 大汉, GBK with a meta-only charset, datastore + dataproxy.jsp, two encoding traps;
- `vsb`: VSB, no government meta tags, RSS feed;
- `ruby`: traditional characters with <ruby> pinyin;
- `hijacked`: a TRS page under a gambling site's name; `farm`: a content farm.

`server.truth()` is JSON-able:
- "articles": `ArticleTruth.to_dict()` plus "url" (absolute);
- "other_pages": `OtherPage.to_dict()` plus "url";
- "sites": {name: {base_url, label, cms}}; "dead_url": a loopback URL whose port refuses.
An article's text fields are simplified Chinese without pinyin; bylines and trailers are in
reporters/editors/reviewers, not in `paragraphs`. `duplicate_group` joins copies of one seed
article (seed-000: trs + hijacked, seed-002: vsb + hanweb, seed-004: hanweb + farm). Other pages'
`kind`: list, home, dataproxy, sitemap, feed, robots, disallowed, static, asset, bad_input
(`note`: redirect_loop, binary_as_html, huge_page, http_404, http_500).
"""

from __future__ import annotations

from testbed.replica.build import build_replicas
from testbed.replica.model import ArticleTruth, OtherPage, Page, ReplicaSite
from testbed.replica.server import (
    DEMO_FIRST_PORT,
    DEMO_HOST,
    ReplicaServer,
    RequestRecord,
    demo_addresses,
)

__all__ = [
    "DEMO_FIRST_PORT",
    "DEMO_HOST",
    "ArticleTruth",
    "OtherPage",
    "Page",
    "ReplicaServer",
    "ReplicaSite",
    "RequestRecord",
    "build_replicas",
    "demo_addresses",
]
