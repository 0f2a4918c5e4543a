"""bench/real_pages.py serves the saved real pages as one site: what it lists is what it
serves, byte for byte, and nothing else."""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest

from bench.real_pages import ARTICLE_PATH, ARTICLE_PATTERN, real_pages, serving


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # loopback only
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_the_site_lists_and_serves_the_saved_pages() -> None:
    pages = real_pages()
    assert len(pages) == 74  # tests/eval: 33 + 41
    with serving(pages, 3) as site:
        status, index = _get(f"{site.base}/xwzx/index.html")
        assert status == 200
        links = re.findall(r'href="([^"]+)"', index.decode())
        assert links == [ARTICLE_PATH.format(n=n) for n in range(3)]
        assert all(re.search(ARTICLE_PATTERN, link) for link in links)
        assert _get(site.base + links[2]) == (200, pages[2])
        assert _get(site.base + ARTICLE_PATH.format(n=3))[0] == 404  # not listed: not served
        assert _get(f"{site.base}/robots.txt")[0] == 200


@pytest.mark.parametrize("listed", [0, 74])
def test_the_index_lists_exactly_the_pages_asked_for(listed: int) -> None:
    with serving(real_pages(), listed) as site:
        index = _get(f"{site.base}/xwzx/index.html")[1].decode()
    assert len(re.findall(r"<li>", index)) == listed


def test_pages_listed_beyond_the_saved_ones_are_served_again_under_new_urls() -> None:
    pages = real_pages()
    with serving(pages, len(pages) + 2) as site:
        again = _get(site.base + ARTICLE_PATH.format(n=len(pages) + 1))
        beyond = _get(site.base + ARTICLE_PATH.format(n=len(pages) + 2))
    assert again == (200, pages[1])
    assert beyond[0] == 404


def test_the_scrapy_floor_spider_fetches_exactly_the_urls_given() -> None:
    """The floor under a crawl's CPU: a no-op spider, run outside the project, asks for the
    listed URLs and nothing else (no robots.txt, no index, no link followed)."""
    from bench.crawl_bench import scrapy_floor_cpu

    with serving(real_pages(), 74) as site:
        paths = [ARTICLE_PATH.format(n=n) for n in (0, 5, 73)]
        cpu = scrapy_floor_cpu([site.base + path for path in paths])
        assert sorted(site.requested) == sorted(paths)
    assert cpu > 0


def test_a_childs_peak_rss_is_its_own_not_its_parents() -> None:
    """The benches read a crawl's peak RSS from its VmHWM: wait4's ru_maxrss would also count
    the memory of the process that started it (here 200 MB held by this test)."""
    import subprocess
    import sys

    from bench.procmem import wait_with_peak

    held = bytearray(200 * 1024 * 1024)  # touched: resident in this process
    held[::4096] = b"x" * len(held[::4096])
    child = "import time; data = bytearray(40 * 1024 * 1024); time.sleep(1.0)"
    code, usage, peak_mb = wait_with_peak(subprocess.Popen([sys.executable, "-c", child]))
    assert code == 0
    assert 40 <= peak_mb < 150, peak_mb
    assert usage.ru_maxrss / 1024 > 200  # what wait4 alone would have reported
    del held
