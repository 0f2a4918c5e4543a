"""Decode a page's bytes, trusting a declared charset only when the bytes agree with it.

Real Chinese government pages declare `gb2312` and are UTF-8, or declare nothing (or a Western
default) and are GBK. The check is cheap: a strict decode of the declared charset and of UTF-8,
both done in C; a full charset detector never runs.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass

# Only the head of a page may declare its charset (HTML spec: the first 1024 bytes; real pages
# put it later, after long comments, so look a little further).
_META_SCAN_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""",
    re.IGNORECASE,
)
_XML_DECLARATION_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding=["']([a-zA-Z0-9_.\-]+)""")
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Simplified-Chinese legacy charsets are all read as their superset.
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "hz", "euc-cn", "x-gbk", "cp936"})
# Charsets that servers and parsers fall back to when nothing is declared; Chinese bytes
# under one of these are GBK far more often than Western text.
_WESTERN_DEFAULTS = frozenset({"ascii", "latin-1", "iso8859-1", "cp1252", "windows-1252"})
# Below this share of replacement characters a page "is" that charset with a few bad bytes.
_MOSTLY_DECODED = 0.01
_ALIASES = {"iso-8859-1": "latin-1", "iso8859_1": "latin-1", "windows-1252": "cp1252"}
# The most frequent Chinese characters, simplified and traditional: real text is about half
# these; Big5 bytes read as GBK (or GBK as Big5) give rare characters, a few percent of these.
_COMMON_HANZI = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
    "子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制"
    "机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正"
    "心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党"
    "程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角期"
    "根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志"
    "世金增争济阶油思术极交受联认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目"
    "至达走积示议声报完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界林律究观越"
    "织装影算低持音众书布复容须际商非验连断深难近千周委素技备半办青省列习响约支般史感劳便团往历市克"
    "何除消构府称太准精值号率族维划选标写存候亲快效院查江型按格养易置派层片始专状育厂京识适属包火住"
    "调满县局照参红细引听该铁价严龙这为个国时来们说产种后发过对会经进着还实现动体机当点从业应开关间"
    "样与数无结问题党员将组见计别论运农区强决战处队给门领导压济阶术极联认权证转单风带场车务万达积议"
    "声报类离华确张马节话况传许广记须际验难办质气线变条统较图头长级资边义社样开"
    "這為個國時來們說產種後發過對會經進著還實現動體機當點從業應開關間樣與數無結問題黨員將組見計別論"
    "運農區強決戰處隊給門領導壓濟階術極聯認權證轉單風帶場車務萬達積議聲報類離華確張馬節話況傳許廣記"
    "須際驗難辦質氣線變條統較圖頭長級資邊義"
)
# (written to open with a character class: the search then skips ASCII in C, four times faster)
_MULTIBYTE_RUN = re.compile(rb"[\x81-\xfe].(?:[\x81-\xfe].)*", re.DOTALL)
# A first look at this many bytes of two-byte runs: GBK's leave over this share undecoded as
# Big5 (0.4% and more on the 54 saved GBK pages), Big5's none or a code page's few extras
_FIRST_LOOK_BYTES = 2_000
_FIRST_LOOK_UNDECODED = 0.003
# Big5 wins over GB18030 when it reads this much better: on the 274 saved pages as GBK the
# ratio is at most 0.13, in traditional characters as Big5 at least 1.9
_BIG5_MARGIN = 1.5
_PLAUSIBLE_SHARE = 0.25  # of a text's Chinese characters in _COMMON_HANZI: real text
_PLAUSIBILITY_SAMPLE = 20_000  # characters looked at


@dataclass(frozen=True)
class DecodedPage:
    text: str
    encoding: str  # the charset actually used (Python codec name)
    declared: str | None  # what the header or page said, normalized; None when nothing
    source: str  # "header", "bom", "meta", "sniffed" or "forced"
    mismatch: bool  # the declaration was contradicted by the bytes and overridden


def normalize_charset(name: str | None) -> str | None:
    """A declared charset as a Python codec name; gb2312/gbk become gb18030; None if unknown."""
    if not name:
        return None
    cleaned = name.strip().strip("\"'").lower()
    cleaned = _ALIASES.get(cleaned, cleaned)
    try:
        codec = codecs.lookup(cleaned).name
    except LookupError:
        return None
    if codec in _GB_FAMILY or cleaned in _GB_FAMILY:
        return "gb18030"
    if codec in ("iso8859-1", "latin-1"):
        return "latin-1"
    return codec


def declared_in_page(body: bytes) -> str | None:
    """The charset an XML declaration or `<meta charset>` in the page's head declares."""
    head = body[:_META_SCAN_BYTES]
    match = _XML_DECLARATION_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def _bom_charset(body: bytes) -> str | None:
    for bom, charset in _BOMS:
        if body.startswith(bom):
            return charset
    return None


def _decodes(body: bytes, charset: str) -> bool:
    try:
        body.decode(charset)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _replacement_ratio(body: bytes, charset: str) -> float:
    text = body.decode(charset, "replace")
    return text.count("\ufffd") / max(1, len(text))


def hanzi_plausibility(text: str) -> float:
    """The share of the Chinese characters of `text` (a sample) that are common ones."""
    sample = text[:_PLAUSIBILITY_SAMPLE]
    hanzi = [c for c in sample if "\u4e00" <= c <= "\u9fff"]
    if not hanzi:
        return 0.0
    return sum(1 for c in hanzi if c in _COMMON_HANZI) / len(hanzi)


def _big5_instead(body: bytes) -> bool:
    """Bytes that decode as GB18030 but are Big5 (a Taiwanese or Hong Kong template, or a
    traditional page declared gb2312): as GB18030 they read as rare characters, as Big5 as
    common ones."""
    runs = _MULTIBYTE_RUN.finditer(body)
    sample = _joined(runs, _FIRST_LOOK_BYTES)
    if _replacement_ratio(sample, "big5hkscs") > _FIRST_LOOK_UNDECODED:
        return False  # GBK's bytes, which Big5 leaves undecoded (a few: a code page's extras)
    sample += b" " + _joined(runs, _PLAUSIBILITY_SAMPLE * 3 - len(sample))
    as_big5 = sample.decode("big5hkscs", "replace")
    if as_big5.count("\ufffd") > _MOSTLY_DECODED * len(as_big5):
        return False
    big5_share = hanzi_plausibility(as_big5)
    as_gb = sample.decode("gb18030", "replace")
    return big5_share >= _PLAUSIBLE_SHARE and big5_share > _BIG5_MARGIN * hanzi_plausibility(as_gb)


def _joined(runs: Iterator[re.Match[bytes]], limit: int) -> bytes:
    """The next runs of two-byte characters (a lead byte, then any byte: GBK's and Big5's
    trail bytes may be ASCII letters), joined by spaces, up to `limit` bytes: the sample is
    where the page's Chinese text is, not its first bytes (a page may open with tens of
    kilobytes of scripts and styles)."""
    taken: list[bytes] = []
    size = 0
    for run in runs:
        taken.append(run.group())
        size += len(taken[-1]) + 1
        if size >= limit:
            break
    return b" ".join(taken)


def _gb_family(body: bytes) -> str:
    """GB18030, unless the bytes read far better as Big5."""
    return "big5hkscs" if _big5_instead(body) else "gb18030"


def sniff_charset(body: bytes) -> str:
    """What the bytes are when nothing trustworthy says so: UTF-8 if valid, else GB18030
    (Big5 when they read far better so), or whichever of UTF-8 and GB18030 leaves fewer
    replacement characters on a damaged page."""
    if body.isascii() or _decodes(body, "utf-8"):
        return "utf-8"
    if _decodes(body, "gb18030"):
        return _gb_family(body)
    utf8_bad = _replacement_ratio(body, "utf-8")
    gb_bad = _replacement_ratio(body, "gb18030")
    return "utf-8" if utf8_bad <= gb_bad else "gb18030"


def check_declared(body: bytes, declared: str | None) -> str | None:
    """The charset to use instead of `declared` when the bytes contradict it, else None.

    A declaration holds when the bytes decode strictly with it, except that a legacy or
    Western declaration over bytes that are valid multi-byte UTF-8 means UTF-8 (GBK text is
    practically never valid UTF-8), and a Western default over bytes that decode as GB18030
    means GBK.
    """
    charset = normalize_charset(declared)
    if charset is None or body.isascii():
        return None
    if charset == "utf-8":
        return None if _decodes(body, "utf-8") else _other_than(body, "utf-8")
    if _decodes(body, "utf-8"):
        return "utf-8"
    if charset in _WESTERN_DEFAULTS:
        # A Western default over Chinese bytes is a guess, not a declaration.
        return _western_instead(body)
    if _decodes(body, charset):
        if charset == "gb18030" and _big5_instead(body):
            return "big5hkscs"
        return None
    return _other_than(body, charset)


def _western_instead(body: bytes) -> str | None:
    if _decodes(body, "gb18030"):
        return _gb_family(body)
    sniffed = sniff_charset(body)
    return sniffed if _replacement_ratio(body, sniffed) < _MOSTLY_DECODED else None


def _other_than(body: bytes, charset: str) -> str | None:
    sniffed = sniff_charset(body)
    if sniffed == charset:
        return None
    if _replacement_ratio(body, sniffed) < _replacement_ratio(body, charset):
        return sniffed
    return None


def decode_page(
    body: bytes, declared: str | None = None, *, force: str | None = None
) -> DecodedPage:
    """Bytes -> text. Order: forced charset, BOM, the declared (HTTP header) charset, the page's
    own `<meta charset>`, then sniffing; a declaration the bytes contradict is overridden."""
    if force and (charset := normalize_charset(force)):
        return DecodedPage(body.decode(charset, "replace"), charset, charset, "forced", False)
    if bom := _bom_charset(body):
        text = body.decode(bom, "replace").lstrip("\ufeff")
        return DecodedPage(text, bom, normalize_charset(declared), "bom", False)
    source = "header"
    claimed = normalize_charset(declared)
    if claimed is None:
        source = "meta"
        claimed = normalize_charset(declared_in_page(body))
    if claimed is None:
        charset = sniff_charset(body)
        return DecodedPage(body.decode(charset, "replace"), charset, None, "sniffed", False)
    instead = check_declared(body, claimed)
    charset = instead or claimed
    return DecodedPage(body.decode(charset, "replace"), charset, claimed, source, bool(instead))
