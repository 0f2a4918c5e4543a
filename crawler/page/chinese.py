"""Traditional -> simplified Chinese with OpenCC: one converter per process, used only when needed.

Config: ``t2s``. The traditional pages we archive are mainland sites (county media centres,
district governments) whose CMS renders the simplified original through a character converter,
so the text is in OpenCC's standard traditional forms, not in Taiwan or Hong Kong conventions.
``hk2s`` gives the same output on our pages; ``tw2s`` first folds Taiwan variants and so turns
the correct simplified 读原著 into 读原着 (seed 000); ``tw2sp`` rewrites vocabulary (軟體 -> 软件),
which would change the author's words.
Names get one more rule: 乾 and 於 stay as they are, because in names they are the simplified
forms themselves (the surname 於, the given-name character 乾 qián), not 干 / 于.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import islice

import opencc

T2S_CONFIG = "t2s"
NAME_KEPT_CHARS = frozenset("乾於")
# t2s keeps 著 everywhere, but converted mainland text uses it for both zhù (著作, 显著) and
# zhe/zhuó, which simplified writes 着 (接着, 着力点): 著 becomes 着 outside the zhù words.
ZHU_WORD_OR_ZHE = re.compile(
    r"(?P<zhu>著作|著名|名著|显著|原著|土著|专著|巨著|论著|编著|著称|著述|著者|卓著|昭著|遗著|译著|新著"
    r"|拙著|合著|著书|著录|著有|撰著|著文|所著|彰著|著译|著说|著籍)|著"
)
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
# A text in traditional characters: at least this many characters that simplified text never
# uses, and this share of its CJK characters (about a fifth in a traditional article; a simplified
# one quoting a name or a `繁體` link has a few)
_MIN_TRADITIONAL = 5
_TRADITIONAL_SHARE = 0.05
_CJK_CLASS = "\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_NOT_CJK = re.compile(f"[^{_CJK_CLASS}]+")
_CJK_RUN = re.compile(f"[{_CJK_CLASS}]+")
_PIECE_CHARS = 4  # a changed line is looked up this many characters at a time


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC(T2S_CONFIG)


@cache
def _char_conversions() -> dict[str, str]:
    """Every CJK character that t2s changes on its own, and what it makes of it (built once, a
    few milliseconds)."""
    chars = [chr(code) for low, high in _CJK_RANGES for code in range(low, high + 1)]
    converted = _converter().convert("\n".join(chars)).split("\n")
    return {c: s for c, s in zip(chars, converted, strict=True) if c != s}


@cache
def traditional_chars() -> frozenset[str]:
    """Every CJK character that t2s changes on its own."""
    return frozenset(_char_conversions())


@cache
def traditional_only_chars() -> frozenset[str]:
    """Traditional characters that simplified text never uses: the GB2312 ones (乾 於 後 麽 …)
    appear in simplified names and words and must not decide that a page is traditional."""
    return frozenset(c for c in traditional_chars() if not _in_gb2312(c))


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def char_class(chars: frozenset[str]) -> re.Pattern[str]:
    """A regex matching any one of `chars`: searching with it makes no string per character,
    unlike `set.isdisjoint(text)`, and so is over ten times faster on CJK text."""
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


@cache
def _traditional_char() -> re.Pattern[str]:
    return char_class(traditional_chars())


@cache
def _traditional_only_char() -> re.Pattern[str]:
    return char_class(traditional_only_chars())


def has_traditional(text: str | None) -> bool:
    """Cheap check before conversion: most pages are simplified and need no OpenCC pass."""
    return bool(text) and _traditional_only_char().search(text) is not None  # type: ignore[arg-type]


def _zhe(match: re.Match[str]) -> str:
    return match["zhu"] or "着"


def to_simplified(text: str) -> str:
    """t2s (skipped when no character would change)."""
    if _traditional_char().search(text) is None:
        return text
    converted = _converter().convert(text)
    return ZHU_WORD_OR_ZHE.sub(_zhe, converted) if "著" in converted else converted


def to_simplified_name(name: str) -> str:
    converted = to_simplified(name)
    if len(converted) != len(name) or NAME_KEPT_CHARS.isdisjoint(name):
        return converted
    return "".join(o if o in NAME_KEPT_CHARS else s for o, s in zip(name, converted, strict=True))


def mostly_traditional(text: str, min_chars: int = _MIN_TRADITIONAL) -> bool:
    """Whether `text` is written in traditional characters (not simplified quoting a few):
    `min_chars` of them at least (fewer for a short line, a title)."""
    if not has_traditional(text):
        return False
    count = len(_traditional_only_char().findall(text))
    return count >= min_chars and count >= _TRADITIONAL_SHARE * len(_NOT_CJK.sub("", text))


@cache
def _shadow_table() -> dict[int, int]:
    return {ord(t): ord(s) for t, s in _char_conversions().items() if len(s) == 1}


def simplified_shadow(text: str) -> str:
    """`text` in simplified characters, character for character: a page's shadow has the page's
    length and markup, so it parses to the same tree, and the words the extractor knows in
    simplified characters (`来源`, `责任编辑`) are found on it. t2s's phrases keep their length; if
    one did not, the characters are converted one by one."""
    shadow = str(_converter().convert(text))
    return shadow if len(shadow) == len(text) else text.translate(_shadow_table())


class Originals:
    """Strings read from a page's shadow (`simplified_shadow`), given back in the page's own
    characters: a line's Chinese characters are looked up in the shadow's, and the page's at
    that place are taken (what lies between them, spaces, punctuation, a ruby annotation's
    pinyin, extraction may have rewritten); a line extraction changed otherwise is looked up a
    few characters at a time, and what is still not found takes, character by character, what
    the page most often writes for it."""

    def __init__(self, page_text: str, shadow_text: str) -> None:
        """The same text, as the page and as its shadow give it (the trees' text nodes in
        order, then attribute values)."""
        self._original = _NOT_CJK.sub("", page_text)
        self._shadow = _NOT_CJK.sub("", shadow_text)
        if len(self._original) != len(self._shadow):
            raise ValueError("the shadow's text is not the page's, character for character")
        self._by_char: dict[str, str] = {}

    def restore(self, value: str) -> str:
        if value.isascii():
            return value
        return "\n".join(self._restore_line(line) for line in value.split("\n"))

    def _restore_line(self, line: str) -> str:
        compact = _NOT_CJK.sub("", line)
        if not compact:
            return line
        at = self._shadow.find(compact)
        page = iter(self._original[at : at + len(compact)]) if at >= 0 else self._by_pieces(compact)
        return _CJK_RUN.sub(lambda run: "".join(islice(page, len(run[0]))), line)

    def _by_pieces(self, compact: str) -> Iterator[str]:
        """A line extraction changed (a garbled span re-paired): each few characters looked up
        on their own, after the last ones found; those not found, one by one."""
        at = 0
        for start in range(0, len(compact), _PIECE_CHARS):
            piece = compact[start : start + _PIECE_CHARS]
            found = self._shadow.find(piece, at)
            if found < 0:
                found = self._shadow.find(piece)
            if found >= 0:
                yield from self._original[found : found + len(piece)]
                at = found + len(piece)
            else:
                yield from map(self._page_char, piece)

    def _page_char(self, char: str) -> str:
        if char not in self._by_char:
            counts: dict[str, int] = {}
            at = self._shadow.find(char)
            while at >= 0:
                counts[self._original[at]] = counts.get(self._original[at], 0) + 1
                at = self._shadow.find(char, at + 1)
            self._by_char[char] = max(counts, key=counts.__getitem__) if counts else char
        return self._by_char[char]
