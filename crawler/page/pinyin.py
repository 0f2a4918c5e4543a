"""Pinyin that a ruby annotation left in the text: ``落實(shí)``, ``會(huì )``, ``長(cháng)``.

Only a single valid syllable in parentheses right after a CJK character is removed, so real
parentheses survive: ``(扩大)``, ``(記者 鄭振亞)``, ``(2022)``, ``(WTO)``, ``Beijing (capital)``.
A syllable without tone marks must have two letters or more (``(a)`` is an enumeration).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_ANNOTATION = rf"[ \t\u00a0]?[(（][ \t\u00a0]?[a-zü{TONE_VOWELS}]{{1,6}}[ \t\u00a0]?[)）]"
PINYIN_ANNOTATION = re.compile(
    rf"(?P<han>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])(?P<annotations>(?:{_ANNOTATION})+)"
)
# The annotation alone opens with its parenthesis: a scan for it is fast where PINYIN_ANNOTATION,
# which opens with a character class, is tried at every Chinese character of the text.
_ANY_ANNOTATION = re.compile(rf"[(（][ \t\u00a0]?[a-zü{TONE_VOWELS}]{{1,6}}[ \t\u00a0]?[)）]")
ANNOTATION_SYLLABLE = re.compile(rf"[a-zü{TONE_VOWELS}]+")
PINYIN_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|van|ai|ei|ao|ou|an|en|in|un"
    r"|ün|vn|ia|ie|iu|ua|uo|ui|ue|üe|ve|er|a|o|e|i|u|ü|v|ng|n|m)"
)
_TONE_MARK_CHARS = frozenset(TONE_VOWELS)


def strip_tones(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c) or c == "\u0308")
    return unicodedata.normalize("NFC", plain)


@cache  # a page repeats a few hundred syllables
def is_pinyin_syllable(word: str) -> bool:
    toned = not _TONE_MARK_CHARS.isdisjoint(word)
    if not toned and len(word) < 2:
        return False
    return PINYIN_SYLLABLE.fullmatch(strip_tones(word)) is not None


def _keep_han(match: re.Match[str]) -> str:
    syllables = ANNOTATION_SYLLABLE.findall(match["annotations"])
    return match["han"] if all(map(is_pinyin_syllable, syllables)) else match[0]


def strip_pinyin_annotations(text: str) -> str:
    """``落實(shí)`` -> ``落實``; a no-op (one scan for a parenthesised syllable) on most pages."""
    if _ANY_ANNOTATION.search(text) is None:
        return text
    return PINYIN_ANNOTATION.sub(_keep_han, text)
