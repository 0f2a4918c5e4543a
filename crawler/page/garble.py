"""Garbled GBK spans: a lead byte lost, the following bytes re-paired into wrong characters.

Seed 003 shows the damage: ``擔當?shù)母咚刭|(zhì)``. The lost byte left a marker (``?`` plus a
stray syllable and ``)``), then the bytes of ``的高素質`` (b5c4 b8df cbd8 d97c) without their first
byte were read as ``母咚刭`` + ``|``. Re-encoding the span as GBK and dropping the orphan first
byte gives back ``高素質``; the orphan byte (c4) is the tail of the lost character, restored only
when one very frequent character fits it (``的``). A span is repaired only when every re-aligned
character is common. A lone orphan byte (``到?jīng)_刺``: ``_`` is the tail of 沖, 9b5f) is restored
only when exactly one candidate forms, with its neighbour, a pair that the same text contains
elsewhere (``沖刺``). Otherwise the span is left as it is and the record is flagged ``garbled``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from crawler.page.chinese import to_simplified
from crawler.page.pinyin import TONE_VOWELS, is_pinyin_syllable

LOST_BYTE_MARKER = re.compile(
    rf"(?<=[\u3400-\u9fff)）])\?(?P<syllable>[a-zü{TONE_VOWELS}]{{1,6}})\)"
)
REPLACEMENT_MARKS = ("\ufffd", "锟斤拷")
MISALIGNED_RUN = re.compile(r"[\u4e00-\u9fff]{1,24}[\x40-\x7e]?")
# The most frequent characters of modern Chinese, most frequent first (used to name the one
# character whose tail byte survived; a candidate outside this list is never guessed).
FREQUENT_CHARS = (
    "的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后"
    "能对着事其里所去行过家十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此"
)


@dataclass(frozen=True)
class GarbleReport:
    text: str
    found: int
    repaired: int


@cache
def common_chars() -> frozenset[str]:
    """GB2312 level 1: the 3,755 characters of everyday text."""
    chars = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


def is_common(char: str) -> bool:
    return char in common_chars() or to_simplified(char) in common_chars()


def _lost_character(tail: int) -> str | None:
    """The most frequent character whose GBK code ends with the orphan byte ``tail``."""
    best: tuple[int, str] | None = None
    for char in characters_ending_with(tail):
        rank = FREQUENT_CHARS.find(to_simplified(char))
        if rank >= 0 and (best is None or rank < best[0]):
            best = (rank, char)
    return best[1] if best else None


def realign(span: str) -> str | None:
    """``母咚刭|`` -> ``的高素質``, or None when re-aligning does not give common characters."""
    raw = span.encode("gbk", errors="replace")
    if len(raw) < 3 or len(raw) % 2 == 0:
        return None
    try:
        shifted = raw[1:].decode("gbk")
    except UnicodeDecodeError:
        return None
    if len(shifted) != len(raw) // 2 or not all(is_common(c) for c in shifted):
        return None
    lost = _lost_character(raw[0])
    return lost + shifted if lost else None


ORPHAN_TAIL = re.compile(r"[\x40-\x7e](?=[\u4e00-\u9fff])")


def restore_from_context(text: str, before: str, tail: str, after: str) -> str | None:
    """The one character with GBK tail byte ``tail`` that forms, with its neighbour, a pair
    found elsewhere in the same text (``到?jīng)_刺`` -> 沖, because ``沖刺`` occurs later on)."""
    found = {
        c for c in characters_ending_with(ord(tail)) if c + after in text or before + c in text
    }
    return found.pop() if len(found) == 1 else None


@cache
def characters_ending_with(tail: int) -> tuple[str, ...]:
    """Every GBK character whose second byte is ``tail``."""
    chars = []
    for lead in range(0x81, 0xFF):
        try:
            chars.append(bytes((lead, tail)).decode("gbk"))
        except UnicodeDecodeError:
            continue
    return tuple(chars)


def _repair_at(text: str, marker: re.Match[str]) -> tuple[str, int] | None:
    """The replacement for a lost-byte marker and the end of the damage, or None."""
    run = MISALIGNED_RUN.match(text, marker.end())
    fixed = realign(run[0]) if run else None
    if run is not None and fixed is not None:
        return fixed, run.end()
    orphan = ORPHAN_TAIL.match(text, marker.end())
    if orphan is None:
        return None
    before, after = text[marker.start() - 1 : marker.start()], text[orphan.end()]
    char = restore_from_context(text, before, orphan[0], after)
    return (char, orphan.end()) if char else None


def repair_garbled(text: str) -> GarbleReport:
    found = sum(text.count(mark) for mark in REPLACEMENT_MARKS)
    if "?" not in text:
        return GarbleReport(text, found, 0)
    parts: list[str] = []
    position = repaired = 0
    for marker in LOST_BYTE_MARKER.finditer(text):
        if not is_pinyin_syllable(marker["syllable"]):
            continue
        found += 1
        repair = _repair_at(text, marker)
        if repair is None:
            continue
        parts += [text[position : marker.start()], repair[0]]
        position = repair[1]
        repaired += 1
    parts.append(text[position:])
    return GarbleReport("".join(parts), found, repaired)
