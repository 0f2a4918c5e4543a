"""Bylines: who wrote, edited and reviewed an article, taken out of the body into name lists.

Lead form, at the start of the first paragraph: ``宜都融媒訊 (記者 鄭振亞)為認真…`` (the rest of
the paragraph stays). Trailer form, the last line: ``(責編:李忠益 劉娟 審核:黨艷秋)`` or
``责任编辑:张三``. Traditional and simplified role words alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ROLE_FIELDS: dict[str, str] = {
    "记者": "reporters", "記者": "reporters", "见习记者": "reporters", "見習記者": "reporters",
    "通讯员": "reporters", "通訊員": "reporters", "摄影": "reporters", "攝影": "reporters",
    "文/图": "reporters", "文/圖": "reporters", "图/文": "reporters", "圖/文": "reporters",
    "文图": "reporters", "撰稿": "reporters",
    "责任编辑": "editors", "責任編輯": "editors", "责编": "editors", "責編": "editors",
    "编辑": "editors", "編輯": "editors", "值班编辑": "editors",
    "审核": "reviewers", "審核": "reviewers", "校对": "reviewers", "校對": "reviewers",
    "终审": "reviewers", "終審": "reviewers", "签发": "reviewers", "簽發": "reviewers",
    "审校": "reviewers", "審校": "reviewers", "初审": "reviewers", "复审": "reviewers",
}  # fmt: skip
_ROLES = "|".join(sorted(map(re.escape, ROLE_FIELDS), key=len, reverse=True))
ROLE = re.compile(rf"(?P<role>{_ROLES})\s*[:：]?\s*")
NAME = re.compile(r"^(?:[\u3400-\u9fff]{2,4}|[\u3400-\u9fff]{1,6}[·•][\u3400-\u9fff]{1,8})$")
NAME_SEPARATOR = re.compile(r"[\s\u00a0\u3000、,，;；/]+")
_BYLINE_BODY = rf"(?:(?:{_ROLES})\s*[:：]?\s*[\u3400-\u9fff·•\s\u00a0\u3000、,，;；/]{{2,40}}?)+"
LEAD_BYLINE = re.compile(
    r"^(?P<dateline>[\u3400-\u9fff0-9]{2,24}(?:讯|訊|电|電|报道|報道))?[\s\u00a0\u3000]*"
    rf"[(（]\s*(?P<body>{_BYLINE_BODY})\s*[)）][\s\u00a0\u3000]*"
)
TRAILER_BYLINE = re.compile(rf"[(（【\[]?\s*(?P<body>{_BYLINE_BODY})\s*[)）】\]]?")
MAX_TRAILER = 80


@dataclass
class Bylines:
    reporters: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    reviewers: list[str] = field(default_factory=list)

    def add(self, role_field: str, names: list[str]) -> None:
        target: list[str] = getattr(self, role_field)
        target.extend(n for n in names if n not in target)


def parse_byline(body: str, *, separated: bool = False) -> Bylines | None:
    """``責編:李忠益 劉娟 審核:黨艷秋`` -> editors [李忠益, 劉娟], reviewers [黨艷秋].

    ``separated``: every role word must be followed by a colon or a space (a bare line such as
    ``编辑部召开会议`` is body text, not a byline)."""
    roles = list(ROLE.finditer(body))
    if not roles or body[: roles[0].start()].strip():
        return None
    if separated and any(len(r[0]) == len(r["role"]) for r in roles):
        return None
    bylines = Bylines()
    for role, following in zip(roles, [*roles[1:], None], strict=True):
        chunk = body[role.end() : following.start() if following else len(body)]
        names = [n for n in NAME_SEPARATOR.split(chunk) if n]
        if not names or not all(NAME.match(n) for n in names):
            return None
        bylines.add(ROLE_FIELDS[role["role"]], names)
    return bylines


def take_lead_byline(paragraph: str) -> tuple[str, Bylines | None]:
    match = LEAD_BYLINE.match(paragraph)
    bylines = parse_byline(match["body"]) if match else None
    if match is None or bylines is None or not paragraph[match.end() :].strip():
        return paragraph, None
    return paragraph[match.end() :], bylines


def take_trailer_byline(line: str) -> Bylines | None:
    """The names when the whole line is a byline trailer, else None."""
    if len(line) > MAX_TRAILER:
        return None
    line = line.strip()
    match = TRAILER_BYLINE.fullmatch(line)
    if match is None:
        return None
    bracketed = line[0] in "(（【[" and line[-1] in ")）】]"
    return parse_byline(match["body"].strip(), separated=not bracketed)


INFO_LINE_ROLE = re.compile(rf"(?P<role>{_ROLES})\s*[:：]\s*")
NEXT_LABEL = re.compile(r"[\u3400-\u9fff]{2,6}\s*[:：]")


def bylines_in_info_line(line: str) -> Bylines:
    """``来源:人民网 责任编辑:张三 浏览次数:5`` -> editors [张三]: names up to the next label."""
    found = Bylines()
    for role in INFO_LINE_ROLE.finditer(line):
        following = NEXT_LABEL.search(line, role.end())
        chunk = line[role.end() : following.start() if following else len(line)]
        names = [n for n in NAME_SEPARATOR.split(chunk) if n]
        if names and all(NAME.match(n) for n in names):
            found.add(ROLE_FIELDS[role["role"]], names)
    return found
