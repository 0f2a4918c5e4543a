"""Replica government sites (TRS WCM, Hanweb, VSB, a traditional-ruby media centre, a hijacked
page and a content farm), their truth, and a loopback HTTP server: the test bed and the demo.

    sites = build_replicas(n_articles=300, seed=7)
    with ReplicaServer(sites) as server:
        server.write_seed_file("seeds.txt")
        truth = server.truth()   # absolute URLs
"""

from __future__ import annotations

from crawler.replica.build import build_replicas
from crawler.replica.model import ArticleTruth, OtherPage, Page, ReplicaSite
from crawler.replica.server import (
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
