"""Choosing an article's body on a layout never seen before, from evidence in the page.

The page's visible text, cut into lines at block boundaries (`extraction.walk_container` of
<body>), is weighed line by line: unlinked text shaped like Chinese prose (sentences punctuated
every few dozen characters) counts for the article; link text, lines with no punctuation
(menus, hot lists, labels, player controls) and text in blocks named like sidebars, streams or
footers count against it. The body is the run of
consecutive lines with the greatest sum: it takes in an article's sections, headings and short
captions between paragraphs, and stops where navigation, link lists and sidebars begin.

The run is then fitted to the article: it starts after the headline it holds (an author card
above is not the article) and takes in a dateline standing just before it and a picture above
it; it ends after the editor's line or before a standing disclaimer or terms of sale, and takes
in a document's signature and a data table next to it. A run that takes in repeated items of
one template, each dated and linked (the posts of a forum thread or a blog, comments, a stream
of other headlines with their times), is cut: when the items come after prose, at the first
item; when the run opens with them, to the first item (the first post of a thread).

Pure: no Scrapy; nothing here modifies the tree.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any, Protocol

from crawler.page import vocabulary as vocab

HtmlElement = Any  # lxml.html.HtmlElement

# Marks that end or divide a sentence; the colon is left out (labels: `时长：01:45`). Latin marks
# count in Latin text only: in Chinese text they divide citations, numbers and player labels.
PROSE_MARKS = re.compile(r"[，。！？；、]")
LATIN_MARKS = re.compile(r"[,!?;]|\.(?:\s|$)")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_LETTERS = re.compile(r"[A-Za-z]")
# Separators between links in navigation rows (`新闻 | 体育 | 娱乐`), not counted as text.
_SEPARATORS = re.compile(r"[\s|｜·•/]+")
# A run of prose has at least one mark per this many characters; a longer stretch counts as this.
_CHARS_PER_MARK = 40
# A clause divided by a space instead of a mark: eight or more Chinese characters (quotes aside).
_SPACED_CLAUSE = re.compile(r"^(?:[\u3400-\u9fff\uf900-\ufaff][\"“”「」《》]*){8,}$")
# A heading is never prose, whatever its punctuation (`标题 副标题` reads like a spaced clause).
_HEADINGS = vocab.HEADING_TAGS
# Weight of unpunctuated text against prose (link text weighs 1).
_BARE_WEIGHT = 0.5
# When a post, a comment or a stream item was published: a date (the year may be left out
# when a time of day follows) or a time ago.
_DATED = re.compile(
    r"(?=\d)(?:(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}"
    r"|(?<!\d)\d{1,2}\s*[-/月]\s*\d{1,2}\s*日?\s*\d{1,2}:\d{2}"
    r"|\d+\s*(?:秒|分[钟鐘]|小[时時]|天)前)"
)
_DATED_LINE_CHARS = 120
# a sentence closed by a half-width mark after a Chinese character (`的秘密嗎?`)
_CLOSED_HALF_WIDTH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff][!?]$")
# An item of a repeated template holds at least this many lines (a post: author, text, time).
_ITEM_LINES = 2
# A run starts after the headline it holds when at most this share of its prose is above it.
_BEFORE_TITLE_SHARE = 0.2
# A document's signature: up to this many short lines ending with a date standing alone.
_SIGNATURE_LINES = 3
_CONTACT_LINES = 10
_CONTACT_CHARS = 80
_CONTACT_LINE = re.compile(
    r"^[\s\d一二三四五六七八九十、.．()（）]*"
    r"(?:联系人|联系电话|联系方式|电话|手机|电子邮箱|电子信箱|邮箱|联系地址|通讯地址|地址|邮编|邮政编码|传真|附件)"
    r"\s*\d*\s*[:：]"
)
# a contact given by whom to call and the number (`教育部思想政治工作司：010-66096689`), or an
# attachment list's later items (`2.作品报送要求`) after its `附件：1.…` line
# (`0377—65157888`: any dash)
_PHONE_LINE = re.compile(
    r"^[^:：，。]{2,24}[:：]\s*(?:\+?\d[\d\s()（）\-－—–]{6,}\d[、,，/]?\s*)+$"
)
_LISTED_ITEM = re.compile(r"^\s*\d{1,2}\s*[.．、]\s*\S")
_SIGNATURE_CHARS = 40
# a note in brackets under a document's signature: how it is published, what was left out
_NOTE_LINE = re.compile(r"^\s*[（(]\s*(?:此件|本件|本文|全文|完)[^（）()]{0,12}[）)]\s*$")
_NOTE_SEARCH_LINES = 3
SIGNATURE_DATE = re.compile(
    r"^\s*(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{2}-\d{1,2}-\d{1,2}"
    # a document's date in figures of words (`二〇一八年四月十九日`)
    r"|[一二][〇○Ｏ零一二三四五六七八九]{3}\s*年\s*[一二三四五六七八九十]{1,2}\s*月"
    r"\s*[一二三四五六七八九十]{1,3}\s*日)\s*$"
)
# A data table taken in with the run: this many rows of this many cells at least.
_TABLE_ROWS = 2
# what the lines between and after data tables may take away, headings and notes, before the
# run is over
_BETWEEN_TABLES_NOISE = 30.0
_DATA_TABLE_ROWS = 3
# a document's numbered section heading (`七、其它补充事宜`), and how many lines after the run (or
# the last such heading) the next one may stand
_NUMBERED_HEADING = re.compile(r"^[\s\u3000]*([一二三四五六七八九十]{1,3})[、．]")
_NUMERALS = ("", "一", "二", "三", "四", "五", "六", "七", "八", "九")


def _numeral(number: int) -> str:
    """1 … 99 in Chinese numerals (`七`, `十一`, `二十三`)."""
    tens, units = divmod(number, 10)
    return f"{_NUMERALS[tens] if tens > 1 else ''}{'十' if tens else ''}{_NUMERALS[units]}"


_SECTION_NUMBERS = {_numeral(number): number for number in range(1, 100)}
_SECTION_REACH = 12
# an attachment set out after a document's signature: its label alone on a line, then at most
# this many lines of its title before its table
_ATTACHMENT_HEADING = re.compile(r"^\s*附件\s*[0-9一二三四五六七八九十]{0,3}\s*[:：]?\s*$")
_ATTACHMENT_TITLE_LINES = 3
# A box of links set inside a text (`相关阅读`): its lines at most, its heading's characters at
# most; the prose past it that joins the run at least; how much more than the lines the block
# holding them all may hold (spaces, the box's own links counted in `held` already)
_BOX_LINES = 12
_BOX_HEADING_CHARS = 12
_PROSE_PAST_BOX = 30.0
_BOX_BLOCK_SHARE = 1.3
_BOX_BLOCK_SLACK = 200
_CELLS = frozenset({"td", "th"})
_TABLE_CELLS = 2
# Prose before the first item that makes the items a stream or comments after an article.
_PROSE_BEFORE_ITEMS = 30.0
# A news dateline standing on a line of its own (`新华社北京4月24日电`, `本报讯`).
_DATELINE = re.compile(
    rf"^[^，。！？]{{0,24}}?\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*(?:{vocab.one_of(vocab.DATELINE_ENDINGS)})"
    rf"|^[^，。！？\s]{{1,12}}(?:{vocab.one_of(vocab.UNDATED_DATELINE_ENDINGS)})"
    r"(?=$|[\s(（:：题])"
)
# An addressees' line this long at most opens a notice (`各有关单位：`).
_SALUTATION_CHARS = 60
# a label (`来源：`, `当前位置：`), a figure or a colon inside: not addressees
_LABEL_OR_DIGIT = re.compile(
    rf"{vocab.one_of(vocab.INFO_LABELS + vocab.BREADCRUMB_LABELS)}|\d|[:：]"
)
_ADDRESSEES = re.compile(
    rf"^(?:{vocab.one_of(vocab.SALUTATION_OPENINGS)})|(?:{vocab.one_of(vocab.ADDRESSEE_ENDINGS)})$"
)
# A line this short between a dateline and the article (`新华社记者`) goes with them.
_BYLINE_CHARS = 8
# An article closes with its editor's line, or before a site's standing disclaimer or terms.
CLOSING_EDITOR_LINE = re.compile(
    rf"^[\[【(（]?\s*(?:{vocab.one_of(vocab.CLOSING_EDITOR_LABELS)})\s*[:：|｜]"
)
# The heading of the readers' part after an article (`<h3>评论</h3>`, `网友评论（63）`); a bare
# word only as a heading element.
_COMMENT_HEADING = re.compile(
    rf"^[【\[]?(?:(?P<heading>{vocab.one_of(vocab.COMMENT_HEADINGS)})|{vocab.one_of(vocab.COMMENT_WORDS)})"
    r"[】\]]?\s*(?:[(（]\s*\d+\s*(?:条|則|篇)?\s*[)）])?\s*[:：]?$"
)
_BOILERPLATE_LINE = re.compile(
    rf"^[\[【(（]?\s*\S{{0,12}}?{vocab.starting(vocab.BOILERPLATE_LABELS)}"
    rf"(?:{vocab.one_of(vocab.BOILERPLATE_LABELS)})\s*(?:[:：]|$)"
    # a phrase tried only where one may start (the search is made on every line of a text)
    rf"|{vocab.starting(vocab.BOILERPLATE_PHRASES)}(?:{vocab.one_of(vocab.BOILERPLATE_PHRASES)})"
)
# The name and bracket an editor's line may leave on lines of their own (`（责任编辑：`, `黄帅`).
_TRAILER_REST_CHARS = 8
_TRAILER_REST_LINES = 2
# An editor's line ends the run only past this share of its value (`编辑：` may open a post);
# a disclaimer's label once some prose came before it.
_CLOSING_AFTER_SHARE = 0.5
_PROSE_BEFORE_BOILERPLATE = 10.0
_BOILERPLATE_CHARS = 200
_COMMENT_HEADING_CHARS = 16
_TEASER_CHARS = 20  # Chinese characters: a sentence this long repeated is a box's blurb
_TEASER_REPEATS = 3
_TEASER_SHARE = 0.25  # the rest of the prose against the repeated sentences' at least


class TextLine(Protocol):
    text: str
    block: HtmlElement
    link_chars: int
    link_marks: int
    aside: bool


def line_value(line: TextLine) -> float:
    """Prose minus noise of one line: its unlinked characters, at most _CHARS_PER_MARK per
    punctuation mark, less its link characters and half its unpunctuated characters."""
    size = len(_SEPARATORS.sub("", line.text))
    linked = line.link_chars
    plain = size - linked
    noise = -(linked + _BARE_WEIGHT * max(plain, 0))
    if linked * 2 > size or line.aside or line.block.tag in _HEADINGS:
        return noise
    marks = _marks(line.text) - line.link_marks
    return min(plain, _CHARS_PER_MARK * marks) - linked if marks > 0 else noise


def _marks(text: str) -> int:
    """Punctuation marks, and spaces that stand for them (`山嵐滯留山頭 順路下切`: some writers
    divide clauses by a space; a menu's short words never make a clause)."""
    marks = len(PROSE_MARKS.findall(text))
    if LATIN_MARKS.search(text) and len(_LATIN_LETTERS.findall(text)) > len(_CJK.findall(text)):
        marks += len(LATIN_MARKS.findall(text))
    if " " in text:
        clauses = text.split()
        marks += sum(1 for clause in clauses[:-1] if _SPACED_CLAUSE.match(clause))
    return marks


def best_run(values: Sequence[float]) -> tuple[int, int, float]:
    """The run of consecutive values with the greatest sum: (start, end exclusive, sum)."""
    best = (0, 0, 0.0)
    start, total = 0, 0.0
    for i, value in enumerate(values):
        if total <= 0:
            start, total = i, 0.0
        total += value
        if total > best[2]:
            best = (start, i + 1, total)
    return best


# a document's number on a line of its own: `国发 〔2015〕40号`, `X政办发[2023]12号`
_DOCUMENT_NUMBER = re.compile(
    r"^\S{0,12}\s*[〔\[【(（［]\s*(?:19|20)\d{2}\s*[〕\]】)）］]\s*第?\s*\d{1,4}\s*号$"
)
_DOCUMENT_TITLE_CHARS = 80
# an official document's title: `X关于Y的通知` (its issuer may be left out)
_DOCUMENT_TITLE = re.compile(
    rf"^[^。！？；]{{0,30}}关于[^。！？；]{{2,80}}的(?:{vocab.one_of(vocab.DOCUMENT_GENRES)})$"
)
_SENTENCE_END = re.compile(r"[。！？!?；;]")


def choose_run(lines: Sequence[TextLine], title_line: int = -1) -> tuple[int, int, float]:
    """The body's lines among a page's lines: (start, end exclusive, the prose they hold).
    `title_line`: the index of the article's headline among the lines, -1 when unknown."""
    values = _without_repeated_teasers(lines, [line_value(line) for line in lines])
    start, end, _ = best_run(values)
    if any(values[i] > 0 and is_boilerplate(lines[i].text) for i in range(start, end)):
        # (looked for in the best run only: weighed down elsewhere, it would win all the same)
        values = _without_standing_text(lines, values)
        start, end, _ = best_run(values)
    start = _after_title(values, start, end, title_line)
    start = _with_sentences_before(lines, start)
    start = _with_document_heading(lines, _with_salutation(lines, _with_dateline(lines, start)))
    end = _with_signature(lines, _closed(lines, values, start, end))
    start, end = _with_adjacent_table(lines, start, end)
    if (past := _through_tables(lines, values, start, end)) > end:
        end = _with_signature(lines, past)
    if (past := _through_next_sections(lines, start, end)) > end:
        end = _with_signature(lines, past)
    start = _from_previous_sections(lines, start, title_line)
    end = _through_attached_table(lines, values, start, end)
    start, end = _past_link_boxes(lines, values, start, end, title_line)
    if end - start >= 2 * _ITEM_LINES and (items := _repeated_items(lines, values, start, end)):
        first_start, first_end = items[0]
        if sum(max(value, 0.0) for value in values[start:first_start]) >= _PROSE_BEFORE_ITEMS:
            end = _trimmed(values, start, first_start)  # the article, then comments or a stream
        else:
            inner_start, inner_end, _ = best_run(values[first_start:first_end])
            start, end = first_start + inner_start, first_start + inner_end  # the first post
    start = _with_document_title(lines, start)
    while start > 0 and not lines[start - 1].text:  # a lead picture, its caption in the run
        start -= 1
    return start, end, sum(max(value, 0.0) for value in values[start:end])


def _without_standing_text(lines: Sequence[TextLine], values: list[float]) -> list[float]:
    """Values with a site's standing text weighed as noise (`在本网转载其他媒体稿件是为传播更多的
    信息，此类稿件不代表本网观点`): a box of numbered disclaimers under every article holds more
    prose than a short report, and is no article. Only lines of prose are looked at."""
    standing = [i for i, value in enumerate(values) if value > 0 and is_boilerplate(lines[i].text)]
    if not standing:
        return values
    values = list(values)
    for i in standing:
        values[i] = -_BARE_WEIGHT * len(lines[i].text)
    return values


def _without_repeated_teasers(lines: Sequence[TextLine], values: list[float]) -> list[float]:
    """Values with a sentence the page repeats word for word under every menu panel or box
    (a site's motto as each mega-menu panel's blurb) weighed as noise: an article says a
    sentence once. Not when such lines hold nearly all of the page's prose (a page printing
    its text several times over: its body is still among them)."""
    counts = Counter(line.text for line in lines if len(line.text) >= _TEASER_CHARS)
    teasers = {
        text
        for text, count in counts.items()
        if count >= _TEASER_REPEATS and len(_CJK.findall(text)) >= _TEASER_CHARS
    }
    if not teasers:
        return values
    repeated = sum(
        v for line, v in zip(lines, values, strict=True) if v > 0 and line.text in teasers
    )
    if sum(v for v in values if v > 0) - repeated < _TEASER_SHARE * repeated:
        return values
    return [
        -_BARE_WEIGHT * len(line.text) if line.text in teasers else value
        for line, value in zip(lines, values, strict=True)
    ]


def _after_title(values: Sequence[float], start: int, end: int, title_line: int) -> int:
    """The start of a run that takes in the headline: the first prose after it, when little of
    the run's prose comes before the headline (an author card's blurb above it)."""
    if not start <= title_line < end:
        return start
    before = sum(max(value, 0.0) for value in values[start:title_line])
    if before > _BEFORE_TITLE_SHARE * sum(max(value, 0.0) for value in values[start:end]):
        return start  # much prose above it: the headline found is not the article's
    first = title_line + 1
    while first < end and values[first] <= 0:
        first += 1
    return first


def _with_sentences_before(lines: Sequence[TextLine], start: int) -> int:
    """The run and the short sentences right before it that a half-width mark closes after a
    Chinese character (`你願意花10分鐘擁抱一個人的秘密嗎?`), which `line_value` does not count
    as prose: paragraphs of the run's first line's tag beside it, with no link. (A dialog's
    `确定要删除吗?` never stands beside the text in its own paragraph's tag.)"""
    if start >= len(lines):
        return start
    first = lines[start].block
    parent = first.getparent()
    while start > 0:
        line = lines[start - 1]
        if (
            line.link_chars
            or line.block.tag != first.tag
            or line.block.getparent() is not parent
            or not _CLOSED_HALF_WIDTH.search(line.text)
        ):
            break
        start -= 1
    return start


def _with_dateline(lines: Sequence[TextLine], start: int) -> int:
    """The run and the dateline standing on a line before it (`新华社北京4月24日电`), with the
    short line that may stand between them (`新华社记者`)."""
    for before in (start - 1, start - 2):
        if before < 0 or lines[before].link_chars:
            return start
        if _DATELINE.match(lines[before].text):
            return before
        if len(lines[before].text) > _BYLINE_CHARS:
            return start
    return start


def _with_salutation(lines: Sequence[TextLine], start: int) -> int:
    """The run and the addressees a notice opens with on a line of their own (`各二级学院学生
    会：`, `各省、自治区、直辖市人民政府，国务院各部委：`, `女士们、先生们：`): words closed by a
    colon that open or end as addressees do, no link, no label of the page's (`来源：`)."""
    before = start - 1
    if before < 0 or lines[before].link_chars:
        return start
    text = lines[before].text.strip()
    if not 2 < len(text) <= _SALUTATION_CHARS or text[-1] not in "：:":
        return start
    words = text[:-1].strip()
    if _LABEL_OR_DIGIT.search(words) or not _ADDRESSEES.search(words):
        return start
    return before


def _with_document_heading(lines: Sequence[TextLine], start: int) -> int:
    """The run and the heading of the document it opens, on the lines before it: its number
    (`国发〔2015〕40号`) and, above the number, its title (`国务院关于积极推进…的指导意见`)."""
    number = start - 1
    if number < 0 or lines[number].link_chars or not _DOCUMENT_NUMBER.match(lines[number].text):
        return start
    title = number - 1
    if (
        title >= 0
        and not lines[title].link_chars
        and 0 < len(lines[title].text) <= _DOCUMENT_TITLE_CHARS
        and not _SENTENCE_END.search(lines[title].text)
    ):
        return title
    return number


def _with_document_title(lines: Sequence[TextLine], start: int) -> int:
    """The run and the title of the document it opens with its addressees (`财政部关于印发…的
    通知` over `中国人民银行、审计署…：`): an official document's title, unlinked, on the line
    right before."""
    title = start - 1
    if title < 0 or start >= len(lines) or lines[title].link_chars:
        return start
    opens_with_addressees = lines[start].text.rstrip().endswith(("：", ":"))
    return title if opens_with_addressees and _DOCUMENT_TITLE.match(lines[title].text) else start


def _trimmed(values: Sequence[float], start: int, end: int) -> int:
    """The end of a cut run without the noise left before the cut (`你可能还想看`)."""
    while end > start and values[end - 1] <= 0:
        end -= 1
    return end


def _closed(lines: Sequence[TextLine], values: Sequence[float], start: int, end: int) -> int:
    """The end of the run at the article's closing: after its editor's line (and the name or
    bracket left on the next lines), or before a standing disclaimer or terms of sale."""
    prose = sum(max(value, 0.0) for value in values[start:end])
    before = 0.0  # prose of the run before line i
    for i in range(start, end):
        text = lines[i].text
        if before >= _PROSE_BEFORE_BOILERPLATE and (
            is_boilerplate(text) or _opens_comments(lines[i])
        ):
            return _trimmed(values, start, i)
        if before >= _CLOSING_AFTER_SHARE * prose and CLOSING_EDITOR_LINE.match(text):
            last = i + 1
            while (
                last < min(end, i + 1 + _TRAILER_REST_LINES)
                and len(lines[last].text) <= _TRAILER_REST_CHARS
                and not lines[last].link_chars
            ):
                last += 1
            return last
        before += max(values[i], 0.0)
    return end


def _opens_comments(line: TextLine) -> bool:
    """A comment section's heading: one of its names on a line of its own, or the bare word
    (`评论`) as a heading element, or a heading element counting them (`《…》已有1件评论`)."""
    if line.link_chars:
        return False
    if len(line.text) > _COMMENT_HEADING_CHARS:
        return line.block.tag in _HEADINGS and vocab.COMMENT_COUNT.search(line.text) is not None
    match = _COMMENT_HEADING.match(line.text)
    return match is not None and (match["heading"] is not None or line.block.tag in _HEADINGS)


@lru_cache(maxsize=2048)
def is_boilerplate(text: str) -> bool:
    """A site's standing text (a disclaimer, a copyright claim). Cached: a page's lines are
    asked about while its run is chosen, then again while its body is read."""
    return len(text) <= _BOILERPLATE_CHARS and bool(_BOILERPLATE_LINE.search(text))


def _with_signature(lines: Sequence[TextLine], end: int) -> int:
    """The run and the signature closing a document below it: the issuer's name and the date
    standing alone (`某某市人民政府办公室` / `2023年5月10日`), unpunctuated but the document's;
    with the contact lines and the attachment list a notice sets before them (`联系人：…`,
    `电子邮箱：<a>…</a>`, `附件：…`). Contact lines right after the run, beside its last line
    in one block, are the text's even with no signature below (`监督电话：0855-8222559`); a
    note in brackets under the signature's date too (`（此件公开发布）`, `（本文有删减）`)."""
    budget, contacts = _SIGNATURE_LINES, _CONTACT_LINES
    attachments = False  # an attachment list's first line came: its numbered items follow
    kept = end
    adjoining = end > 0  # no other line since the run's last
    for last in range(end, len(lines)):
        line = lines[last]
        if not line.text:
            continue
        text = vocab.unpad_labels(line.text)  # `附 件：`, `电　　话：`, padded to line up
        if (
            contacts
            and len(text) <= _CONTACT_CHARS
            and (
                _CONTACT_LINE.match(text)
                or _PHONE_LINE.match(text)
                or (attachments and _LISTED_ITEM.match(text))
            )
        ):
            contacts -= 1  # a notice's contacts and attachment list before it are its own
            attachments = attachments or text.lstrip().startswith("附件")
            adjoining = adjoining and _same_parent(line.block, lines[end - 1].block)
            kept = last + 1 if adjoining else kept
            continue
        adjoining = False
        if line.link_chars or len(line.text) > _SIGNATURE_CHARS or not budget:
            return kept
        if SIGNATURE_DATE.match(line.text):
            return _with_note(lines, last + 1)
        budget -= 1
    return kept


def _same_parent(first: HtmlElement, second: HtmlElement) -> bool:
    return first.getparent() is second.getparent()


def _with_note(lines: Sequence[TextLine], end: int) -> int:
    """The signature and the note in brackets under it (`（此件公开发布）`), when one follows."""
    for last in range(end, min(len(lines), end + _NOTE_SEARCH_LINES)):
        text = lines[last].text
        if text:
            return last + 1 if _NOTE_LINE.match(text) and not lines[last].link_chars else end
    return end


def _with_adjacent_table(lines: Sequence[TextLine], start: int, end: int) -> tuple[int, int]:
    """The run and a data table right before or after it: rows of two or more cells and no
    links (a list of names, a schedule) have no punctuation but belong to the article."""
    after = _table_rows(lines, range(end, len(lines)))
    before = _table_rows(lines, range(start - 1, -1, -1))
    return start - before, end + after


def _through_tables(
    lines: Sequence[TextLine], values: Sequence[float], start: int, end: int
) -> int:
    """The end of a run that stops in a data table, or right before one, the text outside
    (`一、文物博物专业` over a table of names in cells of paragraphs, then the next section's
    heading and table, then the closing lines): past the tables' lines, which count nothing
    (a table's unpunctuated cells are data, not noise), while what lies between them and after
    them adds up, up to the first link (the page's own chrome again)."""
    if not start < end < len(lines):
        return end
    # a table holding the run's first line (a layout's, holding the whole page) is no data
    # table; the elements are held (keys, not ids: lxml makes a new proxy for an element whose
    # proxy was freed, and a freed proxy's id is used again)
    judged: dict[HtmlElement, bool] = dict.fromkeys(
        lines[start].block.iterancestors("table"), False
    )

    def in_data_table(line: TextLine) -> bool:
        table = next(line.block.iterancestors("table"), None)
        if table is None:
            return False
        if table not in judged:
            judged[table] = _is_data_table(table)
        return judged[table]

    if not (in_data_table(lines[end - 1]) or in_data_table(lines[end])):
        return end
    best_end, best, total = end, 0.0, 0.0
    for i in range(end, len(lines)):
        line = lines[i]
        if line.link_chars or line.aside:
            break
        if not in_data_table(line):
            total += values[i]
        if total < -_BETWEEN_TABLES_NOISE:
            break
        if total >= best:
            best_end, best = i + 1, total
    return best_end


def _through_attached_table(
    lines: Sequence[TextLine], values: Sequence[float], start: int, end: int
) -> int:
    """The end of a document's run past the attachment it sets out after its signature:
    `附件` (or `附件2：`) on a line of its own, the attachment's title on a few short lines,
    then its data table (units and their quotas, cells of paragraphs)."""
    if end >= len(lines) or lines[end].link_chars or not _ATTACHMENT_HEADING.match(lines[end].text):
        return end
    for first in range(end + 1, min(len(lines), end + 2 + _ATTACHMENT_TITLE_LINES)):
        line = lines[first]
        if line.link_chars or line.aside or len(line.text) > _DOCUMENT_TITLE_CHARS:
            return end
        if next(line.block.iterancestors("table"), None) is not None:
            past = _through_tables(lines, values, start, first)
            return past if past > first else end
    return end


def _through_next_sections(lines: Sequence[TextLine], start: int, end: int) -> int:
    """The end of a document's run past the next sections' headings (`七、其它补充事宜` after
    the run's `六、…`), numbered on from the run's last, a few lines apart, with the unlinked
    lines between them (a section's items, `施工范围：见施工图`, unpunctuated)."""
    number = max(
        (n for n in map(_section_number, (x.text for x in lines[start:end])) if n), default=0
    )
    if not number:
        return end
    last, reach = end, end + _SECTION_REACH
    for i in range(end, min(reach, len(lines))):
        line = lines[i]
        if line.link_chars or line.aside:
            break
        if _section_number(line.text) == number + 1:
            number, last, reach = number + 1, i + 1, i + 1 + _SECTION_REACH
    return last


def _past_link_boxes(
    lines: Sequence[TextLine], values: Sequence[float], start: int, end: int, title_line: int
) -> tuple[int, int]:
    """The run, and the text on the far side of a box of links set inside it (`相关阅读` and
    its headlines between two paragraphs), after it and before it: prose that shares the run's
    own block, past the box. (The box's lines are left out of the text as any run's links.)"""
    after = _box_end(lines, range(end, len(lines)))
    prose = _prose_from(lines, values, range(after, len(lines))) if after is not None else None
    if prose is not None and _holds_little_else(lines, start, prose):
        end = prose
    before = _box_end(lines, range(start - 1, max(title_line, -1), -1))
    if before is not None:
        prose = _prose_from(lines, values, range(before, max(title_line, -1), -1))
        if prose is not None and _holds_little_else(lines, prose, end):
            start = prose
    return start, end


def _box_end(lines: Sequence[TextLine], order: range) -> int | None:
    """Where a box of links met in `order` ends (the index of the first line past it): its
    heading, then lines mostly linked, at most _BOX_LINES; None when no box stands there or a
    comment section opens."""
    seen_links = False
    for count, i in enumerate(order):
        line = lines[i]
        size = len(_SEPARATORS.sub("", line.text))
        if count >= _BOX_LINES or _opens_comments(line):
            return None
        if size and line.link_chars * 2 > size:
            seen_links = True
        elif size > _BOX_HEADING_CHARS or PROSE_MARKS.search(line.text):
            return i if seen_links else None
    return None


def _prose_from(lines: Sequence[TextLine], values: Sequence[float], order: range) -> int | None:
    """The far end of the unlinked prose met in `order`, when it holds at least
    _PROSE_PAST_BOX (going on: the index past its last line; going back: its first line's);
    None otherwise."""
    total, last = 0.0, None
    for i in order:
        if values[i] <= 0 or lines[i].link_chars or lines[i].aside:
            break
        total, last = total + values[i], i
    if last is None or total < _PROSE_PAST_BOX:
        return None
    return last + 1 if order.step > 0 else last


def _holds_little_else(lines: Sequence[TextLine], start: int, end: int) -> bool:
    """The block holding lines start..end-1 holds about them alone: the article's own block,
    not a page's column holding a sidebar and a footer's prose too."""
    block = common_ancestor(lines[start].block, lines[end - 1].block)
    if block.tag in ("body", "html"):
        return False
    held = sum(len(line.text) for line in lines[start:end])
    return len(block.text_content()) <= _BOX_BLOCK_SHARE * held + _BOX_BLOCK_SLACK


def _from_previous_sections(lines: Sequence[TextLine], start: int, title_line: int) -> int:
    """The start of a document's run that opens at a later section's heading (`三、中标信息`)
    before the earlier ones (`一、项目编号：` over a code, `二、项目名称：` over a name, no
    punctuation to count), numbered down to `一、`, a few lines apart, below the headline, with
    the unlinked lines between them."""
    number = _section_number(lines[start].text) if start < len(lines) else 0
    if number <= 1:
        return start
    first, floor = start, max(title_line + 1, 0)
    for i in range(start - 1, floor - 1, -1):
        line = lines[i]
        if line.link_chars or line.aside or first - i > _SECTION_REACH:
            break
        if _section_number(line.text) == number - 1:
            number, first = number - 1, i
            if number == 1:
                return first
    return start


def _section_number(text: str) -> int:
    """The number of a section's heading written in Chinese numerals (`七、其它补充事宜` -> 7)."""
    match = _NUMBERED_HEADING.match(text)
    return _SECTION_NUMBERS.get(match[1], 0) if match is not None else 0


def _is_data_table(table: HtmlElement) -> bool:
    """Rows of cells and no link: a table of names or figures, not a layout's."""
    if next(table.iter("a"), None) is not None:
        return False
    rows = (row for row in table.iter("tr") if sum(1 for c in row if c.tag in _CELLS) >= 2)
    return sum(1 for _ in islice(rows, _DATA_TABLE_ROWS)) >= _DATA_TABLE_ROWS


def _table_rows(lines: Sequence[TextLine], order: range) -> int:
    """How many lines, in `order`, are data rows of one table (none when fewer than two)."""
    table = None
    count = 0
    for i in order:
        line = lines[i]
        row = line.block
        if row.tag != "tr" or line.link_chars or line.aside or len(row) < _TABLE_CELLS:
            break
        owner = next(row.iterancestors("table"), None)
        if table is None:
            table = owner
        elif owner is not table:
            break
        count += 1
    return count if count >= _TABLE_ROWS else 0


@dataclass(slots=True)
class _Span:
    """The lines of the run inside one element."""

    first: int
    last: int
    dated: bool
    prose: bool
    linked: bool


def _repeated_items(
    lines: Sequence[TextLine], values: Sequence[float], start: int, end: int
) -> list[tuple[int, int]]:
    """Line ranges of the earliest group of sibling blocks of one template in the run, each
    dated, holding some prose of its own and a link (the author, the headline): posts,
    comments, a stream. (Dated entries without links are a chronicle's, one article.)"""
    holder = common_ancestor(lines[start].block, lines[end - 1].block)
    spans: dict[HtmlElement, _Span] = {}
    for i in range(start, end):
        line = lines[i]
        dated = len(line.text) <= _DATED_LINE_CHARS and bool(_DATED.search(line.text))
        prose = values[i] > 0
        linked = line.link_chars > 0
        element = line.block
        while element is not None and element is not holder:
            span = spans.get(element)
            if span is None:
                spans[element] = _Span(i, i, dated, prose, linked)
            else:
                span.last = i
                span.dated, span.prose = span.dated or dated, span.prose or prose
                span.linked = span.linked or linked
            element = element.getparent()
    groups: dict[tuple[Any, ...], list[tuple[int, int]]] = {}
    for element, span in spans.items():
        if span.dated and span.prose and span.linked and span.last - span.first + 1 >= _ITEM_LINES:
            key = (element.getparent(), element.tag, element.get("class"))
            groups.setdefault(key, []).append((span.first, span.last + 1))
    repeated = [sorted(group) for group in groups.values() if len(group) > 1]
    return min(repeated, default=[])


def common_ancestor(first: HtmlElement, last: HtmlElement) -> HtmlElement:
    """The innermost element holding both (either one itself when it holds the other)."""
    if first is last:
        return first
    ancestors = {first, *first.iterancestors()}
    if last in ancestors:
        return last
    return next(a for a in last.iterancestors() if a in ancestors)
