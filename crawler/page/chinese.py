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
from functools import cache

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


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC(T2S_CONFIG)


@cache
def traditional_chars() -> frozenset[str]:
    """Every CJK character that t2s changes on its own (built once, a few milliseconds)."""
    chars = [chr(code) for low, high in _CJK_RANGES for code in range(low, high + 1)]
    converted = _converter().convert("\n".join(chars)).split("\n")
    return frozenset(c for c, s in zip(chars, converted, strict=True) if c != s)


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
