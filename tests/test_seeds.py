# ruff: noqa: E501  (real-looking page snippets are long lines)
from __future__ import annotations

from pathlib import Path

import pytest

from crawler.seeds import SeedFileError, load_seeds, parse_seeds, profiles_from_urls

SEED_LIST = """\
# a comment line, then a blank line

http://127.0.0.1:8001/xwzx/index.html   # TRS site, comment after the URL
http://127.0.0.1:8002/col/col12/index.html http://127.0.0.1:8002/col/col13/index.html name=hanweb
http://127.0.0.1:8003/ body="div.main .text" title=h1.t article=/info/\\d+/ list=/xw\\.htm allow=^http encoding=gb2312
"""


def test_load_seeds_reads_sites_urls_and_overrides(tmp_path: Path) -> None:
    path = tmp_path / "seeds.txt"
    path.write_text(SEED_LIST, "utf-8")
    trs, hanweb, vsb = load_seeds(path)
    assert trs.start_urls == ("http://127.0.0.1:8001/xwzx/index.html",)
    assert trs.name == "127.0.0.1:8001"
    assert trs.line == 3
    assert hanweb.name == "hanweb"
    assert len(hanweb.start_urls) == 2
    assert vsb.body_selector == "div.main .text"
    assert vsb.title_selector == "h1.t"
    assert vsb.article_pattern is not None and vsb.article_pattern.search("/info/1001/2.htm")
    assert vsb.list_pattern is not None and vsb.list_pattern.search("/xw.htm")
    assert vsb.allow_pattern is not None
    assert vsb.encoding == "gb18030"


def test_fragment_in_url_is_not_a_comment() -> None:
    (profile,) = parse_seeds("http://a.gov.cn/#/news name=a\n")
    assert profile.start_urls == ("http://a.gov.cn/#/news",)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("ftp://a.gov.cn/x", "not an http(s) URL"),
        ("www.gov.cn/index.htm", "not an http(s) URL"),
        ("http://a.gov.cn/ colour=red", "unknown key 'colour'"),
        ("http://a.gov.cn/ article=(unclosed", "bad regex for article"),
        ("http://a.gov.cn/ encoding=klingon", "unknown encoding"),
        ('http://a.gov.cn/ body="div.main', "bad CSS selector for body"),
        ("http://a.gov.cn/ title=a:nth-child(x)", "bad CSS selector for title"),
        ("name=only-options", "no start URL"),
    ],
)
def test_bad_lines_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(f"# header\n\n{line}\n", "utf-8")
    with pytest.raises(SeedFileError) as caught:
        load_seeds(path)
    assert str(caught.value).startswith(f"{path}:3: ")
    assert message in str(caught.value)
    assert caught.value.line == 3


def test_missing_file_is_a_seed_file_error(tmp_path: Path) -> None:
    with pytest.raises(SeedFileError, match="cannot read"):
        load_seeds(tmp_path / "nope.txt")


def test_profiles_from_urls_groups_by_host_and_port() -> None:
    profiles = profiles_from_urls(
        ["http://127.0.0.1:8001/a/", "http://127.0.0.1:8002/b/", "http://127.0.0.1:8001/c/", ""]
    )
    assert [(p.name, p.start_urls) for p in profiles] == [
        ("127.0.0.1:8001", ("http://127.0.0.1:8001/a/", "http://127.0.0.1:8001/c/")),
        ("127.0.0.1:8002", ("http://127.0.0.1:8002/b/",)),
    ]


def test_shipped_seed_lists_parse() -> None:
    for path in sorted(Path(__file__).parent.parent.joinpath("seeds").glob("*.txt")):
        assert load_seeds(path), path


def test_only_an_explicit_name_names_the_site() -> None:
    named, unnamed = parse_seeds("http://a.gov.cn/ name=示例区人民政府\nhttp://b.gov.cn/\n")
    assert (named.name, named.site_name) == ("示例区人民政府", "示例区人民政府")
    assert (unnamed.name, unnamed.site_name) == ("b.gov.cn", None)
