"""The five seed articles shipped in `testbed/replica/texts/`, split into title, chrome and body.

The seed texts are what real pages looked like after a naive text dump: seeds 001 and 003 still
carry the pinyin of `<ruby>` annotations (`落實(shí)`), which is how we know where the real page put
ruby markup; seed 000 is a hijacked page, seed 004 a content-farm copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

# A character followed by its pinyin in parentheses: `實(shí)` (some dumps keep a trailing space).
PINYIN_AFTER_CHAR = re.compile(r"([\u3400-\u9fff])\(([a-z\u00e0-\u01dc]+) ?\)")
# Two spots where the seed dump itself is mangled (mojibake, lost characters): restored by hand
# so that page and truth agree.
DUMP_REPAIRS = {"?shù)母咚刭|": "的高素質", "?jīng)_刺": "沖刺"}
FARM_MARKER = " 当前隐藏内容免费查看"
# The reporter lead of a county media centre: `宜都融媒訊 (記者 鄭振亞)`.
REPORTER_LEAD = re.compile(r"^\S+訊 \(記者 [^)]+\)")
HAS_CJK = re.compile(r"[\u3400-\u9fff]")
IMAGE_FILE_LINE = re.compile(r"^\d+\.jpg$")
# Seed 003 is one line; its paragraphs were joined by a space after the full stop or colon.
JOINED_PARAGRAPH_BREAK = re.compile(r"(?<=[。:]) (?=\S)")

TEXT_FILES = {
    "000": "000_hijacked_trs.txt",
    "001": "001_yidu_ruby.txt",
    "002": "002_xinwu_vsb.txt",
    "003": "003_pingxiang_ruby.txt",
    "004": "004_content_farm.txt",
}


@dataclass
class SeedText:
    key: str
    title: str
    paragraphs: list[str]  # body paragraphs; pinyin already removed (traditional seeds stay so)
    images: dict[int, list[str]] = field(default_factory=dict)  # paragraph index -> file names
    chrome: list[str] = field(default_factory=list)
    pinyin: dict[str, str] = field(default_factory=dict)
    hidden_marker: tuple[int, int] | None = None  # (paragraph, offset) of the farm's marker


def read_text(key: str) -> str:
    return resources.files("testbed.replica").joinpath("texts", TEXT_FILES[key]).read_text("utf-8")


def strip_pinyin(text: str) -> tuple[str, dict[str, str]]:
    """`落實(shí)` -> `落實`, with the readings found ({'實': 'shí'})."""
    for broken, repaired in DUMP_REPAIRS.items():
        text = text.replace(broken, repaired)
    readings = {char: sound for char, sound in PINYIN_AFTER_CHAR.findall(text)}
    return PINYIN_AFTER_CHAR.sub(r"\1", text), readings


def _lines(key: str) -> list[str]:
    return [line.strip() for line in read_text(key).splitlines() if line.strip()]


def _hijacked() -> SeedText:
    lines = _lines("000")
    paragraphs: list[str] = []
    images: dict[int, list[str]] = {}
    for line in lines[3:]:
        if IMAGE_FILE_LINE.match(line):
            images.setdefault(len(paragraphs), []).append(line)
        else:
            paragraphs.append(line)
    return SeedText("000", lines[1], paragraphs, images, chrome=[lines[0], lines[2]])


def _yidu() -> SeedText:
    text, readings = strip_pinyin(read_text("001"))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return SeedText(
        "001", "宜昌市縣處級領導幹部專題培訓班舉行首場專題交流", lines[:-1], chrome=lines[-1:],
        pinyin=readings,
    )  # fmt: skip


def _xinwu() -> SeedText:
    lines = _lines("002")
    return SeedText("002", lines[1], lines[3:-1], chrome=[lines[0], lines[2], lines[-1]])


def _pingxiang() -> SeedText:
    text, readings = strip_pinyin(read_text("003").strip())
    paragraphs = [part.strip() for part in JOINED_PARAGRAPH_BREAK.split(text)]
    paragraphs = [part for part in paragraphs if HAS_CJK.search(part)]
    return SeedText("003", "萍鄉經開區召開全區領導幹部會議", paragraphs, pinyin=readings)


def _farm() -> SeedText:
    lines = _lines("004")
    body_end = next(i for i, line in enumerate(lines) if line.startswith("推荐访问"))
    paragraphs = lines[5:body_end]
    index = next(i for i, line in enumerate(paragraphs) if FARM_MARKER in line)
    offset = paragraphs[index].index(FARM_MARKER)
    paragraphs[index] = paragraphs[index].replace(FARM_MARKER, "")
    chrome = lines[:5] + lines[body_end:]
    return SeedText("004", lines[1], paragraphs, chrome=chrome, hidden_marker=(index, offset))


@cache
def seed_texts() -> dict[str, SeedText]:
    return {s.key: s for s in (_hijacked(), _yidu(), _xinwu(), _pingxiang(), _farm())}


@cache
def pinyin_readings() -> dict[str, str]:
    """Readings of traditional characters as the seed pages annotated them."""
    texts = seed_texts()
    return {**texts["001"].pinyin, **texts["003"].pinyin}
