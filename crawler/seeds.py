"""Seed lists: `seeds/*.txt` -> `SiteProfile`s (format documented in seeds/README.md).

One site per line: one or more start URLs, then optional `key=value` overrides
(`name`, `body`, `title`, `article`, `list`, `allow`, `encoding`). `#` starts a comment,
blank lines are ignored. Values containing spaces are quoted: `body="div.main .text"`.
Pure: no Scrapy imports.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from cssselect import SelectorError

from crawler.page.cms import compile_css
from crawler.page.profiles import SiteProfile

# a token is key="quoted value", key='quoted value', key=value, or a bare word (a URL)
_TOKEN = re.compile(
    r"""(?P<key>[A-Za-z_]+)=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>\S*))|(?P<word>\S+)"""
)
_COMMENT = re.compile(r"(^|\s)#.*$")

_REGEX_KEYS = {"article": "article_pattern", "list": "list_pattern", "allow": "allow_pattern"}
_SELECTOR_KEYS = {"body": "body_selector", "title": "title_selector"}
KNOWN_KEYS = frozenset({*_REGEX_KEYS, *_SELECTOR_KEYS, "name", "encoding"})
_GB_ALIASES = frozenset({"gb2312", "gbk", "x-gbk", "cp936", "euc-cn"})


class SeedFileError(ValueError):
    """A seed list that cannot be read; the message names the file and the line."""

    def __init__(self, path: str | Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = str(path)
        self.line = line


def load_seeds(path: str | Path) -> list[SiteProfile]:
    """Read a seed list; raise `SeedFileError` (file and line) on anything it cannot use."""
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SeedFileError(path, 0, f"cannot read seed list: {exc}") from exc
    return parse_seeds(text, path)


def parse_seeds(text: str, path: str | Path = "<seeds>") -> list[SiteProfile]:
    profiles = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _COMMENT.sub("", raw).strip()
        if line:
            profiles.append(_parse_line(line, path, number))
    return profiles


def profiles_from_urls(urls: Iterable[str]) -> list[SiteProfile]:
    """Start URLs given on the command line -> one profile per site (host:port)."""
    by_site: dict[str, list[str]] = {}
    for url in (u.strip() for u in urls):
        if not url:
            continue
        if not _is_http_url(url):
            raise SeedFileError("start_urls", 0, f"not an http(s) URL: {url!r}")
        by_site.setdefault(site_netloc(url), []).append(url)
    return [SiteProfile(start_urls=tuple(found), name=site) for site, found in by_site.items()]


def site_netloc(url: str) -> str:
    """host:port of a URL, lower-cased: what "the same site" means for a crawl."""
    return urlsplit(url).netloc.lower()


def _parse_line(line: str, path: str | Path, number: int) -> SiteProfile:
    urls: list[str] = []
    options: dict[str, str] = {}
    for match in _TOKEN.finditer(line):
        word = match.group("word")
        if word is not None:
            url = match.group(0)
            if not _is_http_url(url):
                raise SeedFileError(path, number, f"not an http(s) URL: {url!r}")
            urls.append(url)
            continue
        key = match.group("key").lower()
        if key not in KNOWN_KEYS:
            known = ", ".join(sorted(KNOWN_KEYS))
            raise SeedFileError(path, number, f"unknown key {key!r} (known: {known})")
        options[key] = next(v for v in match.group("dq", "sq", "bare") if v is not None)
    if not urls:
        raise SeedFileError(path, number, "no start URL on this line")
    return _profile(tuple(urls), options, path, number)


def _profile(
    urls: tuple[str, ...], options: dict[str, str], path: str | Path, number: int
) -> SiteProfile:
    fields: dict[str, object] = {"start_urls": urls, "line": number}
    fields["name"] = options.get("name") or site_netloc(urls[0])
    fields["site_name"] = options.get("name") or None
    for key, attr in _SELECTOR_KEYS.items():
        if options.get(key):
            fields[attr] = _selector(options[key], key, path, number)
    for key, attr in _REGEX_KEYS.items():
        if options.get(key):
            fields[attr] = _compile(options[key], key, path, number)
    if options.get("encoding"):
        fields["encoding"] = _charset(options["encoding"], path, number)
    return SiteProfile(**fields)  # type: ignore[arg-type]


def _compile(pattern: str, key: str, path: str | Path, number: int) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise SeedFileError(path, number, f"bad regex for {key}={pattern!r}: {exc}") from exc


def _selector(selector: str, key: str, path: str | Path, number: int) -> str:
    """A CSS selector, compiled now so that a typo stops the crawl before it starts."""
    try:
        compile_css(selector)
    except SelectorError as exc:
        raise SeedFileError(
            path, number, f"bad CSS selector for {key}={selector!r}: {exc}"
        ) from exc
    return selector


def _charset(name: str, path: str | Path, number: int) -> str:
    if name.lower() in _GB_ALIASES:
        return "gb18030"  # gb2312/gbk pages use gb18030 characters; it is a superset
    try:
        return codecs.lookup(name).name
    except LookupError as exc:
        raise SeedFileError(path, number, f"unknown encoding {name!r}") from exc


def _is_http_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
