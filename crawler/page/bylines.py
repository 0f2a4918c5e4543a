"""Bylines: who wrote, reported, photographed, edited and reviewed an article, taken out of the
body into name lists.

Forms, traditional and simplified role words alike:
- a role and names: ``记者 张三 通讯员 李四、王五``, ``責編:李忠益 劉娟 審核:黨艷秋``,
  ``作者：张三``; an outlet may stand before the role (``光明日报记者 王建宏 张文攀``,
  ``本报实习生 李四 本报记者 王五``, ``（总台记者 张倩）``) and a place after the names
  (``新京报记者 彭冲 山东冠县报道``, ``本报记者罗科苏盈发自北京``);
- names then a mark: ``蔡雪婧/摄``, ``李梦馨 摄``, ``马俊峰/文``, ``（姚峰 上海报道）``;
- names alone in brackets closing an article (``（袁源）``, ``[ 黄宇 ]``) or on a line of their own
  under the headline: these need a common surname (or the name in the title), so that
  ``（扩大）`` or ``（未完待续）`` stay text;
- a post's stamp: ``ggjjzhzz 发表于 2005-9-15 11:46``, ``本贴由 X 于2005年8月12日…``, ``… by X``.

Where they stand in the body (lead, trailer, a line of their own) is decided by
`crawler.page.normalize`; this module reads one piece of text at a time. Names never include a
place, an outlet or a verb: ``报道``, ``山东冠县``, ``光明日报`` are not names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crawler.page.chinese import to_simplified, to_simplified_name
from crawler.page.dates import STAMP
from crawler.page.vocabulary import (
    APART,
    INFO_LABELS,
    PUBLISHED_LABELS,
    SOURCE_LABELS,
    one_of,
    starting,
    unpad_labels,
)

ROLE_FIELDS: dict[str, str] = {
    "记者": "reporters", "記者": "reporters", "见习记者": "reporters", "見習記者": "reporters",
    "实习记者": "reporters", "實習記者": "reporters", "特约记者": "reporters",
    "特約記者": "reporters", "摄影记者": "reporters", "攝影記者": "reporters",
    "通讯员": "reporters", "通訊員": "reporters", "实习生": "reporters", "實習生": "reporters",
    "特约通讯员": "reporters", "特約通訊員": "reporters", "职工通讯员": "reporters",
    "職工通訊員": "reporters",
    "摄影": "reporters", "攝影": "reporters", "摄像": "reporters", "攝像": "reporters",
    "制图": "reporters", "製圖": "reporters",  # who drew the report's chart (`制图 陶刚`)
    # who translated a foreign report (`(实习编译：董悦 审稿：郭文静)`)
    "编译": "authors", "編譯": "authors", "实习编译": "authors", "實習編譯": "authors",
    "文/图": "reporters", "文/圖": "reporters", "图/文": "reporters", "圖/文": "reporters",
    "文图": "reporters", "文圖": "reporters",
    "作者": "authors", "撰稿": "authors", "撰文": "authors", "执笔": "authors", "執筆": "authors",
    "拟稿": "authors", "擬稿": "authors",  # who drafted an office's notice (`拟稿:兰加规 审核:…`)
    "执笔人": "authors", "執筆人": "authors", "文字": "authors", "整理": "authors",
    "采访": "reporters", "採訪": "reporters", "采写": "reporters", "採寫": "reporters",
    "责任编辑": "editors", "責任編輯": "editors", "责编": "editors", "責編": "editors",
    "编辑": "editors", "編輯": "editors", "值班编辑": "editors", "值班編輯": "editors",
    "编发": "editors", "編發": "editors",
    "审核": "reviewers", "審核": "reviewers", "校对": "reviewers", "校對": "reviewers",
    "终审": "reviewers", "終審": "reviewers", "签发": "reviewers", "簽發": "reviewers",
    "审校": "reviewers", "審校": "reviewers", "初审": "reviewers", "复审": "reviewers",
    "初審": "reviewers", "復審": "reviewers", "审批": "reviewers", "審批": "reviewers",
    "审稿": "reviewers", "審稿": "reviewers",
    # who put the article on the site (`发布者：季彦斐`, a university CMS's info line); an
    # account (`信息发布人：管理员`) or an office (`发布者：团委`) names nobody
    "发布者": "editors", "發布者": "editors", "发布人": "editors", "發布人": "editors",
}  # fmt: skip
# who put the article on the site: a person's name, never a login (`发布人：rlzyb`)
_POSTING_ROLES = frozenset({"发布者", "發布者", "发布人", "發布人"})
# Words that are a role only with a slash or a bar right after them and no character of a word
# before them: ``文/栗思``, ``图｜李四`` (``中文/繁体`` is no byline).
SLASH_ROLE_FIELDS: dict[str, str] = {"文": "authors", "图": "reporters", "圖": "reporters"}
# `文/图` (or `图/文`) after the names: the text and the pictures, a reporter's, as `文/图：`
_TEXT_AND_PICTURES = ({"文", "图"}, {"文", "圖"}, {"文", "摄"}, {"文", "攝"})
# The marks after names: ``张三/摄``, ``张三 摄``, ``张三 摄影``, ``张三/文``.
MARK_FIELDS: dict[str, str] = {
    "摄": "reporters", "攝": "reporters", "摄影": "reporters", "攝影": "reporters",
    "图": "reporters", "圖": "reporters", "文": "authors",
}  # fmt: skip
NAME_FIELDS = ("authors", "reporters", "editors", "reviewers")
# tokens no name is: the verb after a reporter's names, set apart (`（记者 李娜 报道）`,
# `记者 李娜/报道 赵毅亮/摄`), and the empty ones a split leaves
_REPORTED = frozenset({"", "报道", "報道"})

# Chinese characters, those of the supplementary planes too: the simplified forms Unicode added
# late are there (`王𬱖`, whose traditional name character 頔 is in the main plane)
_CJK = r"\u3400-\u9fff\U00020000-\U0003134f"
_ROLES = "|".join(sorted(map(re.escape, ROLE_FIELDS), key=len, reverse=True)) + (
    rf"|(?<![{_CJK}])(?:{'|'.join(SLASH_ROLE_FIELDS)})(?=[/／|｜])"
)
# a bracketed credit naming its roles with colons (`（撰稿：巨秉刚、刘怡；摄影：刘怡、王盛芳）`)
_LABELLED_CREDIT = re.compile(rf"^[(（]\s*(?:{_ROLES})\s*[:：]")
# An outlet as bylines name it: 本报, 光明日报, 新华社, 总台, 新华网黑龙江频道, 新华日报·交汇点.
_OUTLET = (
    rf"[{_CJK}·•A-Za-z]{{0,14}}?(?:报|報|社|台|网|網|刊|频道|頻道|新闻|新聞|客户端|中心|融媒|媒体|媒體|"
    r"传媒|傳媒|杂志|雜誌|点|點|电视|電視|广播|廣播)"
    rf"|《[{_CJK}A-Za-z·]{{1,12}}》"  # a title in book marks: a magazine, a column (《棱镜》作者)
)
OUTLET = re.compile(_OUTLET)
# A role, with the outlet written right before it (``光明日报记者``, ``本报实习生``).
ROLE = re.compile(rf"(?P<outlet>{_OUTLET})?(?P<role>{_ROLES})\s*[:：/|｜]?\s*")
# Roles joined before one colon (``采访、文字：王信宇``): the names are the last role's.
ROLE_GROUP = re.compile(rf"(?:{_ROLES})\s*[、/&和]\s*(?=(?:{_ROLES})\s*[:：])")
NAME = re.compile(rf"^(?:[{_CJK}]{{2,4}}|[{_CJK}]{{1,6}}[·•][{_CJK}]{{1,8}})$")
NAME_SEPARATOR = re.compile(r"[\s\u00a0\u3000、,，;；/]+")
# a body people work for, before their names (`东北林业大学马克思主义学院`)
_AFFILIATION_END = (
    r"(?:大学|学院|研究所|研究院|研究中心|中心|委员会|办公室|公司|医院|学校|局|厅|馆|部|处)"
)
AFFILIATION = re.compile(_AFFILIATION_END)
AFFILIATION_THEN_NAME = re.compile(rf"^.{{2,30}}?{_AFFILIATION_END}(?P<name>[{_CJK}]{{2,3}})$")
# a CMS account's code standing for an editor (`NF050`, `HN666`)
ACCOUNT_CODE_ALONE = re.compile(r"^[A-Z]{1,4}\d{2,}$")
# a CMS's built-in account, standing for nobody (`作者：admin`, `发布：webmaster`)
DEFAULT_ACCOUNT = re.compile(
    r"^(?:(?:web|sys|super)?admin(?:istrator)?|webmaster|root|system|guest|test|user|editor)"
    r"\d*$",
    re.IGNORECASE,
)
# a CMS account's code after an editor's name (`罗崇纬_NB12082`)
ACCOUNT_CODE = re.compile(r"_[A-Za-z]*\d+[A-Za-z0-9]*$")
# Words that a name-shaped token can be but a name is not: outlets, places, chrome, verbs.
NOT_NAME = re.compile(
    r"(?:报|報|社|台|网|網|刊|频道|頻道|新闻|新聞|客户端|中心|融媒|媒体|传媒|杂志|"
    r"省|市|县|縣|区|區|州|乡|鄉|村|街道|报道|報道|综合|綜合|整理|整合|编译|编辑|编辑部|记者|大学|中学|小学|学校|"
    r"初中|高中|附中|职中|幼儿园|"  # a school's short name (`作者：上师初中`)
    r"佚名|匿名|"  # no name: the author unknown (`作者：佚名`)
    r"部|局|厅|委|办|院|所|处|会|组|队|完|续|待续|稿|图|摄|讯|訊|电|電|"
    r"日期|时间|時間|文号|编号|分类|类别|有效|管理员|管理員|办公室|辦公室|简介|簡介|"
    r"部长|局长|主任|书记|研究员|教授|专家|作家|学者|院士|主席|总裁|经理|董事长|校长|"
    r"[会院所处科社台站队组县市省乡镇村厅行]长)$"
    r"|^(?:本报|本台|本网|本刊|新华|记者|通讯|实习|图片|视频|来源|作者|编辑|责任|打印|关闭|收藏|返回|"
    r"分享|关注|点赞|订阅|登录|注册|相关|评论|纠错|推荐|字号|字体|放大|缩小|默认|更多|转发|复制|链接|投稿|举报|下载|未完|全文|"
    r"扩大|试行|草案|上午|下午|今天|昨天|明天|目前|近日|日前|此外|同时|其中|另外|据悉|据了解)"
)
# ``山东冠县报道``, ``上海报道``, ``罗科苏盈发自北京``: where the report was filed (a name may
# run into 发自).
PLACE_TAIL = re.compile(
    rf"^(?P<name>[{_CJK}·•]*?)(?:发自|發自)[{_CJK}]{{2,8}}$|^[{_CJK}]{{2,8}}(?:报道|報道)$"
)
# Surnames a bare name (no role word) must start with. Common ones only: a bare two-character
# line or bracket is more often a word than a name.
COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘"
    "祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟"
    "艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞"
    "姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储栗燕楚"
    "鄢劳谌奚皮粟冼蔺楼闻厉伊仝郜阚权帅屠朴盖练廉禹井祖漆巴丰支卿狄计索宣晋相初云容敬扈晁芮都"
)
COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文",
    "司徒", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "申屠", "太史", "万俟", "闻人", "澹台",
)  # fmt: skip
# A forum or blog handle after an explicit label (作者：, by, 发表于): a short CJK pen name
# (芊草凡凡; a job title is longer), or letters and digits with CJK and ``._-&`` (放飞&心情).
HANDLE = re.compile(
    rf"^(?:[{_CJK}]{{2,6}}|(?=.*[A-Za-z0-9_&])(?=.*[A-Za-z{_CJK}])[A-Za-z0-9_{_CJK}][\w.\-&{_CJK}]{{1,19}})$"
)  # a letter or a character at least: ``2023-12-01`` after an empty 作者： is a date
# Words before 发表于 / 于 that are not a poster: 本文发表于…, 文章发表于…
NOT_POSTER = re.compile(
    r"^(?:本文|文章|此文|该文|原文|本帖|本贴|帖子|最后|最新|已|于|在|曾|首次|首发)"
)
_DATE_AHEAD = r"(?=\s*(?:(?:19|20)\d{2}|\d{1,2}/\d{1,2}/))"
POSTER = re.compile(
    rf"(?:^|[\s|｜〓])(?P<who>[^\s|｜〓:：]{{2,20}})\s*(?:发表于|發表於|发布于|發佈於|发表在){_DATE_AHEAD}"
    rf"|本[贴帖貼](?:最后|最後)?由\s*(?P<by_cn>[^\s:：]{{2,20}}?)\s*于{_DATE_AHEAD}"
    r"|\b(?:by|By|BY)\s+(?P<by_en>[^\s〓|｜]{2,20})"
)
# A line that is only a post's stamp: ``发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)``.
POST_STAMP_LINE = re.compile(
    r"^(?:(?P<who>[^\s:：]{2,20})\s*)?(?:发表于|發表於|发布于|發佈於)\s*(?:(?:19|20)\d{2}|\d{1,2}/)"
    r"|^本[贴帖貼](?:最后|最後)?由\s*\S{2,20}?\s*于\s*(?:19|20)\d{2}"
)
MAX_POST_STAMP = 80
_BYLINE_CHARS = rf"[{_CJK}·•\s\u00a0\u3000、,，;；/]"
_BYLINE_BODY = rf"(?:(?:{_OUTLET})?(?:{_ROLES})\s*[:：]?\s*{_BYLINE_CHARS}{{2,40}}?)+"
# `党委组织部黄玲玲供稿`, `李阳供稿`: a name (after its unit) and 供稿, run together
CONTRIBUTED = re.compile(
    rf"(?:^|[\s\u3000]|(?<=部|处|办|室|系|科|组|站|所|院|馆|心|局|会))(?P<name>[{_CJK}]{{2,3}})(?:供稿|供图)"
)
LEAD_CREDIT = re.compile(
    r"^[(（【](?P<body>[^()（）【】]{0,60}(?:供稿|供图)[^()（）【】]{0,40})[)）】][\s\u3000]*"
)
# `供稿/管理学院 黄翔`, `供稿：党委宣传部 李阳`: the label first, then the unit and who wrote it
CONTRIBUTED_AFTER = re.compile(r"^(?:供稿|供图)\s*[/／:：]\s*(?P<rest>\S.*)$")
LEAD_BYLINE = re.compile(
    # a dateline, or the outlet's name alone (`楚天都市报（见习记者陈文君 通讯员涂晓晨）`)
    r"^(?P<dateline>[\u3400-\u9fff0-9]{2,24}(?:讯|訊|电|電|报道|報道)"
    rf"|[\u3400-\u9fff]{{2,12}}(?:报|報|社|台|网|網))?[\s\u00a0\u3000]*"
    rf"[(（【]\s*(?P<body>{_BYLINE_BODY})\s*[)）】][\s\u00a0\u3000]*"
)
# A wire's dateline and the reporters' names alone in brackets after it (``中新网上海11月4日电
# (陈静 奚晓蕾)``, ``新华社北京5月19日电（刘艺、杨吉）``, ``本报讯（张三）``): a dated dateline
# or the outlet's own 讯, so that a bracket after any other opening is never read as names.
DATED_DATELINE = re.compile(r"^[\u3400-\u9fff]{0,12}\d{1,2}月\d{1,2}日(?:电|電|讯|訊)")
LEAD_DATELINE_NAMES = re.compile(
    rf"^(?:{DATED_DATELINE.pattern[1:]}|本(?:报|報|网|網|台|刊)(?:讯|訊))"
    r"[\s\u00a0\u3000]*[(（]\s*(?P<body>[^()（）]{2,24}?)\s*[)）][\s\u00a0\u3000]*"
)
# A reporter's credit opening the text unbracketed, closed by 报道 (``记者梁爽报道 6月10日，…``,
# ``本报记者 王强 通讯员 李明 报道：``): the names between the role and 报道.
LEAD_REPORTED = re.compile(
    r"^(?P<body>(?:本(?:报|報|台|网|網)|[\u3400-\u9fff]{2,10}?(?:日报|日報|晚报|晚報|电视台|電視台|社))?"
    r"(?:记者|記者|通讯员|通訊員)[\u3400-\u9fff·\s\u00a0\u3000、]{2,30}?)"
    r"\s*(?:报道|報道|报导|報導)(?:[:：][\s\u00a0\u3000]*|[\s\u00a0\u3000]+)"
)
# A role word standing after an info line's label, before the names (`作者: 记者 郑晨子`).
_ROLE_WORDS = frozenset(
    {"记者", "記者", "本报记者", "本報記者", "通讯员", "通訊員", "实习生", "實習生", "特约记者"}
)
# A mark some sites set before a byline line: ``□ 本报记者 葛灵丹``, ``■ 记者 张三``.
LEAD_MARK = re.compile(r"^[□■◆◇●○◎★☆▲△▼▽※]+[\s\u00a0\u3000]*")
OWN_OUTLET = re.compile(r"本(?:报|報|台|网|網|刊)")
# A date closing a byline line (``…本报记者 王燕平 方云凤 柏建斌2003-7-24``).
TRAILING_DATE = re.compile(rf"[\s\u00a0\u3000]*{STAMP}$")
BRACKETS = {"(": ")", "（": "）", "【": "】", "[": "]", "［": "］"}
_MIXED = frozenset({"(）", "（)"})  # a pair typed in two widths (`(图书馆 魏乐禹）`)
MAX_TRAILER = 80
# What may stand around a byline line and is no name: a compiling verb before it (``整合
# 新华日报·交汇点记者 徐睿翔``, ``综合 新华社记者 张三``) and the interviewee's photo credit
# after it (``记者马俊峰/文受访者供图``).
BYLINE_VERB = re.compile(
    r"^(?:(?:综合|綜合|整合|整理|编译|編譯)|[^\s\u3000]{2,30}?(?:供稿|供圖|供图))[\s\u3000]+"
)
INTERVIEWEE_PHOTOS = re.compile(r"[\s\u3000]*(?:受访者|受訪者|受访单位|受訪單位)供(?:图|圖)$")
# The mark closing a photo credit: ``蔡雪婧/摄``, ``李梦馨 摄``, ``（刘满仓摄）``; out of brackets
# it is set off by a slash or a space (``他去拍摄`` is a sentence).
PHOTO_MARK = re.compile(r"(?P<sep>\s*/\s*|\s+|)(?:摄|攝)(?P<close>\s*[)）])?$")
# How many space-separated words before the mark a credit may take (``新华社记者 李梦馨``).
MAX_CREDIT_WORDS = 4
_RUN_IN_NAME_CHARS = (2, 3)  # a name run into the mark (`雷平摄`), its surname's length included


@dataclass
class Bylines:
    reporters: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    reviewers: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)

    def add(self, role_field: str, names: list[str]) -> None:
        target: list[str] = getattr(self, role_field)
        target.extend(n for n in names if n not in target)

    def merge(self, other: Bylines) -> None:
        for name in NAME_FIELDS:
            self.add(name, getattr(other, name))

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in NAME_FIELDS)


# 会 ends many words (委员会, 大会) and many given names (刘会, 王会): a surname and 会 is a name
# but for the few words a surname character starts.
SURNAME_HUI_WORDS = frozenset({"商会", "全会", "都会", "盛会", "相会", "农会", "党会"})


def role_field(role: str) -> str:
    """The name list a role word's names go to."""
    return ROLE_FIELDS.get(role) or SLASH_ROLE_FIELDS[role]


def is_name(token: str) -> bool:
    if not NAME.match(token):
        return False
    if len(token) == 2 and token[1] in "会會" and to_simplified_name(token[0]) in COMMON_SURNAMES:
        return to_simplified_name(token) not in SURNAME_HUI_WORDS
    return not NOT_NAME.search(token)


def has_common_surname(name: str) -> bool:
    """Whether the name starts with a common surname, read as a name (於 stays 於) or as the
    text will read once converted (於一 -> 于一): a name found only after the conversion would
    make normalizing a record twice differ from normalizing it once."""
    for simplified in dict.fromkeys((to_simplified_name(name), to_simplified(name))):
        if simplified[:2] in COMPOUND_SURNAMES or simplified[0] in COMMON_SURNAMES:
            return True
    return False


def _names(chunk: str, *, last: bool) -> tuple[list[str], str] | None:
    """Names in the text after a role: (names, mark), the mark being ``摄``/``文``/``图`` or
    ``报道`` when the last chunk closes with one or with a place (``山东冠县报道``,
    ``发自北京``); None when a token is not a name."""
    tokens = _padded_names_joined(
        [ACCOUNT_CODE.sub("", t) for t in NAME_SEPARATOR.split(chunk) if t not in _REPORTED]
    )
    mark = ""
    if last and tokens and tokens[-1] in MARK_FIELDS:
        mark = tokens.pop()
        if tokens and {tokens[-1], mark} in _TEXT_AND_PICTURES:
            tokens.pop()  # `赵豪 文/图`: wrote and photographed it, a reporter
            mark = "图"
    elif last and tokens and (place := PLACE_TAIL.match(tokens[-1])):
        tokens.pop()
        mark = "报道"
        if place["name"]:
            tokens.append(place["name"])
    elif last and tokens and len(tokens[-1]) > 2 and tokens[-1][-1] in "摄攝":
        tokens[-1], mark = tokens[-1][:-1], tokens[-1][-1]
    if not tokens or not all(is_name(t) for t in tokens):
        return None
    return tokens, mark


def _padded_names_joined(tokens: list[str]) -> list[str]:
    """A two-character name padded to the width of three-character ones (`王乐文 方 敏`): a
    common surname standing alone and the one character after it are one name."""
    joined: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if (
            len(token) == 1
            and len(following) == 1
            and following not in MARK_FIELDS
            and to_simplified_name(token) in COMMON_SURNAMES
        ):
            joined.append(token + following)
            index += 2
            continue
        joined.append(token)
        index += 1
    return joined


def _outlet_ok(outlet: str | None, leading: str) -> bool:
    """What stands before the first role: nothing, or one outlet (``光明日报记者``,
    ``新华网黑龙江频道 记者``)."""
    return not leading or (not outlet and OUTLET.fullmatch(leading) is not None)


def _unseparated(role: re.Match[str]) -> bool:
    """A role word run into the next word with no outlet before it: ``编辑部召开…``."""
    return not role["outlet"] and len(role[0]) == len(role["role"])


def parse_byline(body: str, *, separated: bool = False) -> Bylines | None:
    """``責編:李忠益 劉娟 審核:黨艷秋`` -> editors [李忠益, 劉娟], reviewers [黨艷秋];
    ``光明日报记者 王建宏 张文攀`` -> reporters [王建宏, 张文攀].

    ``separated``: every role word must be followed by a colon or a space, or be written after
    an outlet (a bare line such as ``编辑部召开会议`` is body text, not a byline)."""
    body = ROLE_GROUP.sub("", body)
    roles = list(ROLE.finditer(body))
    if not roles:
        return None
    leading = body[: roles[0].start()].strip()
    if not _outlet_ok(roles[0]["outlet"], leading):
        return None
    if separated and any(_unseparated(r) for r in roles):
        return None
    starts = [roles[0].start(), *(_role_start(r) for r in roles[1:])]
    bylines = Bylines()
    for role, end in zip(roles, [*starts[1:], len(body)], strict=True):
        parsed = _names(body[role.end() : end], last=end == len(body))
        if parsed is None:
            return None
        names, mark = parsed
        bylines.add("authors" if mark == "文" else role_field(role["role"]), names)
    return bylines


def _role_start(role: re.Match[str]) -> int:
    """Where a role after the first starts: at its own outlet's 本报/本台/本网/本刊 when a name
    ran into it (``刘国栋 周炜本报记者 王燕平``: 周炜 is the last name of the role before)."""
    outlet = role["outlet"] or ""
    own = OWN_OUTLET.search(outlet, 1)
    return role.start() + own.start() if own else role.start()


def parse_name_credit(body: str, *, bare: bool = False) -> Bylines | None:
    """Names without a role word: ``蔡雪婧/摄``, ``马俊峰/文``, ``姚峰 上海报道``; with ``bare``,
    names alone (``袁源``), which must start with a common surname."""
    parsed = _names(body, last=True)
    if parsed is None:
        return None
    names, mark = parsed
    if mark:
        return Bylines(**{MARK_FIELDS.get(mark, "reporters"): names})
    if bare and all(has_common_surname(n) for n in names):
        return Bylines(authors=names)
    return None


def take_lead_byline(paragraph: str) -> tuple[str, Bylines | None]:
    match = LEAD_BYLINE.match(paragraph)
    bylines = parse_byline(match["body"]) if match else None
    if bylines is None and (match := LEAD_DATELINE_NAMES.match(paragraph)):
        bylines = parse_name_credit(match["body"], bare=True)
        if bylines is not None and bylines.authors and not bylines.reporters:
            bylines = Bylines(reporters=bylines.authors)  # names alone: the wire's reporters
    if bylines is None and (match := LEAD_CREDIT.match(paragraph)):
        bylines = _contributed(match["body"])
    if bylines is None and (match := LEAD_REPORTED.match(paragraph)):
        bylines = _reported(match["body"])
    if match is None or bylines is None or not paragraph[match.end() :].strip():
        return paragraph, None
    return paragraph[match.end() :], bylines


def _reported(body: str) -> Bylines | None:
    """An unbracketed credit's names, each with a common surname (`记者会上报道` is a sentence)."""
    bylines = parse_byline(body)
    if bylines is None or not all(has_common_surname(name) for name in bylines.reporters):
        return None
    return bylines


def _contributed(body: str) -> Bylines | None:
    """A lead credit naming who contributed the text (``（李阳供稿 党政办编辑）``,
    ``（新闻中心讯 党委组织部黄玲玲供稿 校党委宣传部报道）``, ``【供稿/管理学院 黄翔】``): the names
    before 供稿, after the unit they work in, or after the label and the unit, each with a
    common surname."""
    names = [m["name"] for m in CONTRIBUTED.finditer(body)]
    if not names and (after := CONTRIBUTED_AFTER.match(body.strip())) is not None:
        names = _after_affiliation(after["rest"].split())
    if names and all(is_name(n) and has_common_surname(n) for n in names):
        return Bylines(authors=names)
    return None


def _unbracket(line: str) -> tuple[str, bool]:
    """The line without its brackets, and whether it had a matching pair. A lone bracket left
    by a split line (``责编：杨煜 ]``) goes too."""
    if len(line) > 2 and (BRACKETS.get(line[0]) == line[-1] or line[0] + line[-1] in _MIXED):
        return line[1:-1].strip(), True
    return line.lstrip("(（【[［").rstrip(")）】]］").strip(), False


def labelled_credit(line: str) -> Bylines | None:
    """The names of a bracketed credit line naming its roles with colons (`（撰稿：巨秉刚、刘怡；
    摄影：刘怡、王盛芳）`), wherever it stands in a text: a report's credit may come before the
    pictures that close it."""
    if not line.endswith((")", "）")) or not _LABELLED_CREDIT.match(line):
        return None
    return take_trailer_byline(line)


def take_trailer_byline(line: str, *, bare: bool = False) -> Bylines | None:
    """The names when the whole line is a byline, else None. ``bare``: a bracketed line of
    names alone counts too (``（袁源）``, the last line of an article)."""
    line = TRAILING_DATE.sub("", LEAD_MARK.sub("", line.strip()))
    if len(line) > MAX_TRAILER or not line:
        return None
    body, bracketed = _unbracket(line)
    body = INTERVIEWEE_PHOTOS.sub("", BYLINE_VERB.sub("", body))
    found = parse_byline(body, separated=not bracketed)
    if found is None and not bracketed and (run_on := _role_run_into_name(body)) is not None:
        found = run_on
    if found is None and (bracketed or "/" in body or body.endswith(("摄", "攝"))):
        found = parse_name_credit(body, bare=bare and bracketed)
    if found is None and bare and bracketed and (names := _after_affiliation(body.split())):
        found = Bylines(authors=names)  # `（图书馆 魏乐禹）`: the office, then who wrote it
    return found


# a role's label alone on its line (`编辑：`, set in its own <b> before the name)
ROLE_LABEL_ALONE = re.compile(rf"^[\[【(（]?\s*(?:{_ROLES})\s*[:：]$")
# a line that is a role and names, the first run into it (`记者王恺凝`, `通讯员杜巍巍 邹亚琴`)
_ROLE_THEN_NAMES = re.compile(
    rf"^(?P<role>{_ROLES})(?P<names>[{_CJK}]{{2,4}}(?:[ \u3000]+[{_CJK}]{{2,4}}){{0,5}})$"
)


def _role_run_into_name(body: str) -> Bylines | None:
    """``记者王恺凝`` as a line of its own: the role, then names of common surnames (a
    sentence opening so, `记者获悉`, is longer or names nobody)."""
    match = _ROLE_THEN_NAMES.match(body)
    if match is None:
        return None
    names = match["names"].split()
    if not all(is_name(n) and has_common_surname(n) for n in names):
        return None
    return Bylines(**{role_field(match["role"]): names})


def photo_credit(line: str) -> Bylines | None:
    """The names of a photo credit closing a line (``…留条后路 蔡雪婧/摄``); names without a role
    word need a common surname. The caller keeps the line: a caption's credit is part of it."""
    mark = PHOTO_MARK.search(line) if line.endswith(("摄", "攝", ")", "）")) else None
    if mark is None:
        return None
    head = line[: mark.start()]
    if mark["close"]:
        opening = max(head.rfind("("), head.rfind("（"))
        candidates = [head[opening + 1 :]] if opening >= 0 else []
    elif mark["sep"]:
        words = head.split()
        candidates = [" ".join(words[-n:]) for n in range(min(MAX_CREDIT_WORDS, len(words)), 0, -1)]
    else:
        # `…熊征宇 雷平摄`: a name of a common surname run into the mark, set apart before it
        words = head.split()
        name = words[-1] if len(words) > 1 else ""
        candidates = (
            [name]
            if _RUN_IN_NAME_CHARS[0] <= len(name) <= _RUN_IN_NAME_CHARS[1]
            and has_common_surname(name)
            else []
        )
    for credit in candidates:
        if found := _credit(credit.strip() + " 摄"):
            return found
    return None


def _credit(credit: str) -> Bylines | None:
    found = parse_byline(credit)
    if found is None:
        found = parse_name_credit(credit)
        if found and not all(has_common_surname(n) for n in found.reporters):
            found = None
    return found or None


def take_name_line(line: str, title: str | None = None) -> Bylines | None:
    """A line holding a name and nothing else, under a headline: the author, when the name has
    a common surname or the title shows it (``茉莉：我是怎样…``)."""
    names = [t for t in NAME_SEPARATOR.split(line.strip()) if t]
    if not names or len(names) > 3 or not all(is_name(n) for n in names):
        return None
    if all(has_common_surname(n) or (title and n in title) for n in names):
        return Bylines(authors=names)
    if len(names) > 1 and any(has_common_surname(n) for n in names):  # 赵延东、风笑天
        return Bylines(authors=names)
    return None


def poster_of(text: str) -> str | None:
    """The poster named by a post's stamp (``X 发表于 2005-9-15``, ``本贴由 X 于…``, ``by X``)."""
    for match in POSTER.finditer(text):
        who = (match["who"] or match["by_cn"] or match["by_en"] or "").strip("[]【】()（）")
        if HANDLE.match(who) and not NOT_POSTER.match(who) and not NOT_NAME.search(who):
            return who
    return None


def take_post_stamp(line: str) -> Bylines | None:
    """When the line is only a post's stamp (a poster, 发表于, the time, a read count): the
    poster (none when unnamed), else None. The caller reads the date from the line."""
    if len(line) > MAX_POST_STAMP or ("于" not in line and "於" not in line):
        return None  # every stamp's verb ends in 于 / 於 (`发表于`, `本帖由…于`)
    match = POST_STAMP_LINE.match(line.strip())
    if match is None:
        return None
    who = poster_of(line)
    if match["who"] and who is None:
        return None  # 本文发表于…: a note on where the text first appeared
    return Bylines(authors=[who] if who else [])


# A label's role, its colon (or slash) or spaces alone after it (``作者：张三``, ``摄影/李四``,
# ``作者 张三 来源 某某网``: an info line set without colons)
INFO_LINE_ROLE = re.compile(rf"(?P<role>{_ROLES})(?:\s*[:：/／|｜]\s*|{APART}(?=[\u3400-\u9fff]))")
NEXT_LABEL = re.compile(r"[\u3400-\u9fff]{2,6}\s*[:：]")
# A known label run into the value before it (``作者：医技药剂党支部时间：…``: the label is
# 时间, not 剂党支部时间), or set apart by spaces (``谷慧文来源 海洋生命学院``).
KNOWN_NEXT_LABEL = re.compile(rf"(?:{one_of(INFO_LABELS + tuple(ROLE_FIELDS))})\s*[:：]")
# a role and its slash run into the value before it (``文/栗思编辑/倪家宁``, ``文/张三 摄影/李四``)
SLASHED_NEXT_ROLE = re.compile(rf"(?:{_ROLES})[/／|｜]")
SPACED_NEXT_LABEL = re.compile(
    rf"(?:{one_of(PUBLISHED_LABELS + SOURCE_LABELS + tuple(ROLE_FIELDS))}){APART}"
)
# ``[ 黄宇 ]`` in an info line: a name in brackets that no label introduces.
BRACKETED_NAME = re.compile(
    r"(?<![:：\s])\s*[\[［【]\s*(?P<name>[^\[\]［］【】]{2,12}?)\s*[\]］】]"
)


def _info_names(chunk: str, role: str) -> list[str]:
    tokens = [
        ACCOUNT_CODE.sub("", n) for n in NAME_SEPARATOR.split(chunk.strip("()（）[]【】 ")) if n
    ]
    if len(tokens) > 1 and tokens[0] in _ROLE_WORDS:
        tokens = tokens[1:]  # `作者: 记者 郑晨子`: the label, then the author's role
    if tokens and all(is_name(n) for n in tokens):
        return tokens
    if affiliated := _after_affiliation(tokens):
        return affiliated
    if (
        role_field(role) in ("authors", "editors")
        and role not in _POSTING_ROLES
        and tokens
        and HANDLE.match(tokens[0])
    ):
        # a forum handle (放飞&心情), an editor's account name (责任编辑：alonliu); a CMS
        # account's code alone (责任编辑：NF050) names nobody, nor does the login that put an
        # article on the site (发布人：rlzyb)
        if (
            NOT_NAME.search(tokens[0])
            or ACCOUNT_CODE_ALONE.match(tokens[0])
            or DEFAULT_ACCOUNT.match(tokens[0])
        ):
            return []
        return tokens[:1]
    return []


def _after_affiliation(tokens: list[str]) -> list[str]:
    """Names after the body they work for (``东北林业大学马克思主义学院 汪金英 张明月``,
    ``武汉大学历史学院郭伦``): each with a common surname."""
    if not tokens or not AFFILIATION.search(tokens[0]):
        return []
    head = AFFILIATION_THEN_NAME.match(tokens[0])
    names = ([head["name"]] if head else []) + tokens[1:]
    if names and all(is_name(n) and has_common_surname(n) for n in names):
        return names
    return []


# a role run into the name after it, set apart before it (`编辑：卢东勃 实习生张玮婷`)
_ROLE_RUN_INTO_NAME = re.compile(
    # (the lookahead first: the lookbehind and the roles are then tried only where one may start)
    rf"{starting(ROLE_FIELDS)}(?<=[\s\[【(（|｜])(?P<role>{_ROLES})(?P<name>[{_CJK}]{{2,3}})"
    r"(?=[\s\]】)）|｜]|$)"
)


def _role_apart(match: re.Match[str]) -> str:
    name = match["name"]
    if is_name(name) and has_common_surname(name):
        return f"{match['role']}：{name}"
    return match[0]


def bylines_in_info_line(line: str) -> Bylines:
    """``来源:人民网 责任编辑:张三 浏览次数:5`` -> editors [张三]: names up to the next label;
    ``作者：张三``, ``[ 黄宇 ]``, ``… by duscha``, ``ggjjzhzz 发表于 2005-9-15`` -> authors."""
    found = Bylines()
    line = unpad_labels(line)  # `作　　者：张三`
    line = _ROLE_RUN_INTO_NAME.sub(_role_apart, line)  # `实习生张玮婷`
    taken = 0  # where the last role's value ends: a role word inside it is part of it
    for role in INFO_LINE_ROLE.finditer(line):
        if role.start() < taken:
            continue  # `作者: 记者 郑晨子`: the author's role, not a label of its own
        # (a label set apart by spaces ends the value only after one of its characters)
        ends = [
            found_label.start()
            for found_label in (
                KNOWN_NEXT_LABEL.search(line, role.end()) or NEXT_LABEL.search(line, role.end()),
                SPACED_NEXT_LABEL.search(line, role.end() + 1),
                SLASHED_NEXT_ROLE.search(line, role.end() + 1),
            )
            if found_label is not None
        ]
        taken = min(ends, default=len(line))
        chunk = line[role.end() : taken]
        found.add(role_field(role["role"]), _info_names(chunk, role["role"]))
    for match in BRACKETED_NAME.finditer(line):
        before = line[: match.start()].rstrip()
        if before.endswith((":", "：")):
            continue  # 来源：[ 国际金融报 ]
        name = match["name"].strip()
        if is_name(name) and has_common_surname(name):
            found.add("authors", [name])
    if poster := poster_of(line):
        found.add("authors", [poster])
    return found
