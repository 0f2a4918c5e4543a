"""What we know about the pages of Chinese government sites, declared once.

Body containers, labels, chrome words and URL shapes live here; discovery, extraction,
metadata, cms and chrome read them (each may wrap the words in its own regex shape: anchored
at a line start, followed by a colon, searched anywhere). Word lists are tuples; the rank
lookups and regexes made from them are compiled once, at import, here and in each reader.

Adding a CMS variant is a one-line change:
- a body container: add `("id", name)` or `("class", name)` to `BODY_CONTAINERS` at its rank
  (more specific containers first). The page classifier (`discovery.looks_like_article`) and
  extraction (`extraction.find_cms_container`) both know it from then on: both find
  containers through `cms.container_rank`, which reads the ranks derived here;
- a label: add the word to its tuple (`BREADCRUMB_LABELS`, `PUBLISHED_LABELS`,
  `SOURCE_LABELS`, ...); every pattern built from the tuple picks it up;
- a URL shape: add a pattern to `ARTICLE_URL_PATTERNS` or `LIST_URL_PATTERNS` (conclusive), or
  to `LIKELY_ARTICLE_URL_PATTERNS` (evidence for a list item, the page still verified);
- a pager word: add it to `NEXT_PAGE_LABELS`, `LAST_PAGE_LABELS`, ...
Write rules you would expect on a site you have never seen, never one named after a site.

TRS WCM writes the body into `div.TRS_Editor` (often inside `#zoom` / `.pages_content`),
Hanweb (大汉) into `#zoom` or `#UCAP-CONTENT`, VSB (博达) into `.v_news_content` / `#vsb_content`,
WebPlus into `.wp_articlecontent`; many hand-made templates use `#content`, `.article-content`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

ContainerKind = Literal["id", "class"]


# What sets a label apart from its value where no colon does: spaces alone (`来源 新华社`).
APART = r"[ \t\u3000\xa0]+"


def one_of(words: Iterable[str]) -> str:
    """A regex alternation matching any of `words` literally, longest first (so `打印本页` wins
    over `打印` wherever both would match)."""
    unique = dict.fromkeys(words)  # first occurrence order, so the pattern is reproducible
    return "|".join(re.escape(word) for word in sorted(unique, key=len, reverse=True))


def starting(*word_lists: Iterable[str]) -> str:
    """A lookahead for the first characters of `words` (`(?=[来信稿])`), to set before an
    alternation searched for anywhere: Python's regex engine tries every branch at every
    position of the text unless the pattern opens with something this cheap to rule out."""
    firsts = sorted({word[0] for words in word_lists for word in words})
    return f"(?=[{re.escape(''.join(firsts))}])"


def set_apart(words: Iterable[str]) -> str:
    """A regex of one of `words` as a label set apart from its value by spaces alone
    (`作者 张三`), not the end of another word (`英语来源 (en-us)`)."""
    return rf"(?<![\u3400-\u9fff])(?:{one_of(words)}){APART}"


# The heading elements, h1 to h6.
HEADING_TAGS: frozenset[str] = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


# --- body containers ----------------------------------------------------------------------
# Most specific first: the rank decides between several containers found on one page. Names
# are matched exactly (case too: `zoom` and `Zoom` are two entries); a class is one word of
# the element's class attribute.
BODY_CONTAINERS: tuple[tuple[ContainerKind, str], ...] = (
    ("id", "UCAP-CONTENT"),  # Hanweb
    ("class", "TRS_Editor"),  # TRS WCM
    ("class", "TRS_UEDITOR"),  # TRS WCM, UEditor
    ("class", "v_news_content"),  # VSB
    ("id", "vsb_content"),  # VSB
    ("id", "vsb_content_2"),  # VSB
    ("class", "wp_articlecontent"),  # WebPlus
    ("id", "js_content"),  # WeChat article reposted as is
    ("id", "ozoomn"),
    ("id", "zoom"),  # TRS WCM, Hanweb
    ("id", "Zoom"),
    ("id", "zoomcon"),
    ("class", "zoom"),
    ("class", "pages_content"),
    ("class", "article-content"),
    ("class", "article_content"),
    ("id", "article_content"),
    ("class", "article-body"),
    ("class", "art_con"),
    ("class", "news_content"),
    ("id", "news_content"),
    ("class", "content_text"),
    ("id", "detail"),
    ("class", "TRS_PreAppend"),
    ("id", "content"),
    ("id", "PrintArea"),  # the block a print button prints (jQuery PrintArea), text and all
)
CONTAINER_RANK: dict[tuple[ContainerKind, str], int] = {
    key: rank for rank, key in enumerate(BODY_CONTAINERS)
}
CONTAINER_ID_RANK: dict[str, int] = {
    name: rank for (kind, name), rank in CONTAINER_RANK.items() if kind == "id"
}
CONTAINER_CLASS_RANK: dict[str, int] = {
    name: rank for (kind, name), rank in CONTAINER_RANK.items() if kind == "class"
}


# --- labels in the page's text ---------------------------------------------------------------
BREADCRUMB_LABELS: tuple[str, ...] = (
    "当前位置", "您的位置", "你的位置", "您现在的位置", "所在位置", "所在的位置", "当前所在位置",
    "当前所在的位置", "您当前所在位置", "您当前所在的位置", "当前的位置", "目前位置", "當前位置",
    "現在位置", "你现在的位置", "您现在位置", "你现在位置", "现在位置", "您現在的位置",
    "你現在的位置",
)  # fmt: skip
# The first entry of a trail, when no label says what follows.
BREADCRUMB_HOME_LABELS: tuple[str, ...] = ("网站首页", "首页", "首頁", "網站首頁", "主页")
# The trail's last entry when it names the page rather than a column.
BREADCRUMB_PLACEHOLDERS: tuple[str, ...] = (
    "正文", "详情", "詳情", "内容", "內容", "详细内容", "詳細內容", "正文内容", "文章详情",
    "查看内容", "文章", "阅读", "浏览",
)  # fmt: skip

# Info-line labels (`发布时间：2023-01-13 来源：区政府 浏览次数：12 字号：大 中 小`), by meaning.
PUBLISHED_LABELS: tuple[str, ...] = (
    "发布时间", "发布日期", "发稿时间", "发表时间", "更新时间", "發佈時間", "發布時間",
    # older CMSs' words for the same moment
    "发表日期", "更新日期", "录入时间", "添加时间", "上传时间", "刊发时间", "刊登日期",
)  # fmt: skip
# The words a label ends with before a date in the Republic of China calendar, which alone
# make its three-digit year one (`上版日期：112-06-13`, `資料更新：111-05-17 08:57`)
ROC_DATE_LABELS: tuple[str, ...] = (
    "日期", "时间", "時間", "更新", "发稿", "發稿", "发布", "發布", "發佈",
)  # fmt: skip
# Too common in running text to be a label without a colon after them.
TIME_LABELS: tuple[str, ...] = ("时间", "時間", "日期")
SOURCE_LABELS: tuple[str, ...] = (
    "来源", "來源", "来源于", "信息来源", "文章来源", "稿件来源", "新闻来源", "稿源", "出处",
    "原创", "来源单位",
    # the office that supplied the article (`供稿：区农业农村局`, `供稿单位：…`)
    "供稿", "供稿单位",
)  # fmt: skip
AUTHOR_LABELS: tuple[str, ...] = ("作者",)
EDITOR_LABELS: tuple[str, ...] = ("责任编辑",)
# The editor's line that closes an article (`（责任编辑：张三）`); what follows is page chrome.
CLOSING_EDITOR_LABELS: tuple[str, ...] = ("责任编辑", "责编", "编辑", "責任編輯", "責編")
COUNTER_LABELS: tuple[str, ...] = (
    "浏览次数", "瀏覽次數", "浏览量", "阅读次数", "阅读量", "阅读数", "点击数", "点击量", "點擊數",
    "访问量", "访问次数",
    # a poster's or an answerer's card on a forum, a blog or a Q&A page
    "回答量", "回答数", "采纳率", "采纳数", "获赞数", "点赞数", "评论数", "收藏数", "转发数",
    "粉丝数", "关注数", "帮助的人",
)  # fmt: skip
FONT_SIZE_LABELS: tuple[str, ...] = ("字体", "字號", "字号", "字体大小", "字号大小", "字號大小")
INFO_LABELS: tuple[str, ...] = (
    PUBLISHED_LABELS + TIME_LABELS + SOURCE_LABELS + AUTHOR_LABELS + EDITOR_LABELS
    + COUNTER_LABELS + FONT_SIZE_LABELS
)  # fmt: skip

# Two-character labels that templates pad to the width of four-character ones, to line up
# (`来　　源：市教育局`, `作　　者：张三`, `时　　间：`, `编　　辑：`): read as the label itself.
_ROLE_LABELS_PADDED: tuple[str, ...] = (
    "记者", "記者", "编辑", "編輯", "责编", "責編", "摄影", "攝影", "撰稿", "审核", "審核",
    "校对", "校對", "终审", "終審", "签发", "簽發", "整理", "执笔", "執筆",
)  # fmt: skip
# a notice's closing contact and attachment labels, padded likewise (`电　　话：`, `附 件：`)
_CONTACT_LABELS_PADDED: tuple[str, ...] = ("附件", "电话", "手机", "邮箱", "地址", "邮编", "传真")
# a 信息公开 table's title row, padded likewise (`标　　题：`, `名　　称：`)
_TITLE_LABELS_PADDED: tuple[str, ...] = ("标题", "名称", "题名")
PADDED_LABELS: frozenset[str] = frozenset(
    w
    for w in (
        *INFO_LABELS, *_ROLE_LABELS_PADDED, *_CONTACT_LABELS_PADDED, *_TITLE_LABELS_PADDED,
        "点击", "浏览", "阅读",
    )
    if len(w) == 2
)  # fmt: skip
_PADDED_LABEL = re.compile(
    r"(?<![\u3400-\u9fff])([\u3400-\u9fff])[ \t\u3000\xa0]{1,6}([\u3400-\u9fff])"
    r"(?=[ \t\u3000\xa0]*[:：])"
)


def unpad_labels(text: str) -> str:
    """`来　　源：市教育局 作　者：张三` -> `来源：市教育局 作者：张三`: a padded label
    (PADDED_LABELS, a colon after it) written as the label; any other words as they are."""
    if not _PADDED_LABEL.search(text):
        return text
    return _PADDED_LABEL.sub(lambda m: m[1] + m[2] if m[1] + m[2] in PADDED_LABELS else m[0], text)


# --- widgets and footers in the page's text -------------------------------------------------
# Buttons standing alone on a line: print, close, bookmark, back, share, report an error.
WIDGET_LABELS: tuple[str, ...] = (
    "打印本页", "打印此页", "打印文章", "打印", "关闭窗口", "关闭本页", "关闭", "收藏本页",
    "加入收藏", "收藏", "返回顶部", "返回列表", "返回", "分享到", "分享", "扫一扫", "纠错",
    "保存本页", "保存", "内容纠错",
)  # fmt: skip
# An audio player's label over an article (`听新闻 00:00/03:12`, `语音播报`), its clock or not.
PLAYER_LABELS: tuple[str, ...] = (
    "听新闻", "听全文", "听文章", "听本文", "语音播报", "朗读全文", "全文朗读", "点击收听",
    "点击播放", "收听", "播放", "暂停", "停止",
)  # fmt: skip
# What a page shows in place of a player the browser cannot run (`您的浏览器不支持视频播放`):
# the opening words of such a line.
PLAYER_FALLBACKS: tuple[str, ...] = (
    "您的浏览器不支持", "你的浏览器不支持", "您的浏览器版本过低", "当前浏览器不支持",
    "浏览器不支持", "您需要安装Flash", "请安装Flash", "请升级您的浏览器", "您的浏覽器不支援",
)  # fmt: skip
# What an event's moments are named by (`展会时间：`, `报名时间：`, with 时间 or 日期 after them):
# never the page's publication.
EVENT_WORDS: tuple[str, ...] = (
    "展会", "会议", "活动", "报名", "考试", "举办", "演出", "比赛", "开幕", "闭幕",
)  # fmt: skip
# What a page's dialog says before a link off the site (`您访问的链接即将离开“某某市人民政府”门户
# 网站 是否继续？`, the notice government sites must show): the opening words of such a line.
EXIT_NOTICES: tuple[str, ...] = (
    "您访问的链接即将离开", "你访问的链接即将离开", "您即将离开", "你即将离开", "即将离开本站",
    "您将要离开", "您访问的链接将离开", "您訪問的鏈接即將離開",
)  # fmt: skip
# Buttons readers press on a post or an answer: standing alone, or a row of them on a line.
REACTION_LABELS: tuple[str, ...] = (
    "举报", "点赞", "关注", "已关注", "+关注", "取消关注", "已赞过", "已踩过", "抢首赞", "赞同",
    "反对", "回复", "引用", "评论", "收起", "展开全部", "顶", "踩",
)  # fmt: skip
# A prompt to sign in before commenting (`请先登录后发表评论～`), its link's words left out or not.
COMMENT_PROMPTS: tuple[str, ...] = (
    "后发表评论", "后参与评论", "后才能评论", "后才能发表评论", "后可发表评论", "登录后评论",
)  # fmt: skip
# Links to other pages that open a line: previous / next article, related reading, sharing.
PAGER_LABELS: tuple[str, ...] = ("上一篇", "下一篇", "上一条", "下一条")
# Links (or script strings) of a list's pager, by meaning; matched against a link's whole text.
NEXT_PAGE_LABELS: tuple[str, ...] = (
    "下一页", "下页", "后一页", "下一頁", "下頁", "›", "»", ">", ">>", "next", "Next", "下一页>",
    "下一页>>", "下一页 >", "后页", "後頁", "next page", "Next Page",
)  # fmt: skip
LAST_PAGE_LABELS: tuple[str, ...] = (
    "尾页", "末页", "最后一页", "尾頁", "末頁", "last", "Last", "last page", "Last Page",
)  # fmt: skip
FIRST_PAGE_LABELS: tuple[str, ...] = ("首页", "第一页", "首頁")
PREVIOUS_PAGE_LABELS: tuple[str, ...] = (
    "上一页", "上页", "前一页", "上一頁", "‹", "«", "<", "<<", "前页", "前頁", "previous page",
)  # fmt: skip
RELATED_LABELS: tuple[str, ...] = ("相关链接", "相关阅读", "相关文章", "相关新闻")
SHARE_LABELS: tuple[str, ...] = ("分享到",)
# A question asking the reader to rate the page or an answer (`你对这个回答的评价是？`,
# `本页信息对您是否有帮助？`), standing on a line with its buttons.
FEEDBACK_PROMPTS: tuple[str, ...] = (
    "的评价是", "对您有帮助", "对你有帮助", "对您是否有帮助", "对你是否有帮助", "是否对您有帮助",
    "是否有帮助", "对您是否有用", "对你是否有用", "是否有用",
)  # fmt: skip
# How the addressees a notice opens with begin or end (`各有关单位：`, `尊敬的用户：`,
# `女士们、先生们：`, `市直各部门：`), on a line of their own closed by a colon.
SALUTATION_OPENINGS: tuple[str, ...] = ("各", "尊敬的", "亲爱的")
ADDRESSEE_ENDINGS: tuple[str, ...] = (
    "们", "单位", "部门", "部委", "机构", "政府", "委员会", "学院", "学校", "学会", "学生会",
    "公司", "企业", "会员", "用户", "家长", "局", "厅", "办", "处", "室", "街道", "乡镇", "社区",
)  # fmt: skip
# Other names of a document record's fields a 信息公开 table heads its columns with, beside
# its own (metadata.DISCLOSURE_FIELDS): `索取号 | 发布时间 | 发布机构 | 文件编号 | 备注`.
RECORD_FIELD_NAMES: frozenset[str] = frozenset({
    "发布时间", "生成日期", "公开日期", "实施日期", "生效日期", "废止日期", "有效性", "时效",
    "备注", "来源", "信息来源", "公开方式", "公开范围", "公开时限", "体裁分类", "组配分类",
    "主题", "标题", "名称", "文件名称", "发文单位", "责任部门", "内容概述", "内容摘要",
})  # fmt: skip
# A tag field's labels (`关键词：变性人 大律师`, `标签：`), set after a text.
TAG_LABELS: tuple[str, ...] = ("标签", "关键词", "关键字", "Tags", "Tag", "TAGS", "TAG")
# Labels of the row a 信息公开 table gives the document's title in (`标　　题：`, `信息名称：`):
# a headline read from that row is the value after the label.
TITLE_FIELD_LABELS: tuple[str, ...] = ("标题", "题名", "信息名称", "文件名称", "名称", "文章标题")
# What an official document (公文) says it is, closing its title (`…关于…的通知`).
DOCUMENT_GENRES: tuple[str, ...] = (
    "通知", "决定", "意见", "指导意见", "实施意见", "批复", "公告", "通告", "通报", "函", "复函",
    "报告", "请示", "办法", "管理办法", "实施办法", "规定", "方案", "实施方案", "工作方案",
    "决议", "命令", "纪要", "细则", "实施细则", "规划", "指引", "指南", "批示",
)  # fmt: skip
# How a site's own name ends (`辽阳网站`, `某某市人民政府门户网站`, `某某网站群`): a source tag or
# a part of <title> so ending names the site, not the article.
SITE_NAME_ENDINGS: tuple[str, ...] = ("网站", "门户网", "网站群", "官网", "政府网")
# What the name of a government office ends with, as a place's name never does: `县政府（办公室）`
# is the office's source, where `21世纪经济报道(广州)` is the outlet and its city.
OFFICE_ENDINGS: tuple[str, ...] = (
    "办公室", "办", "室", "局", "厅", "处", "科", "委", "部", "中心", "站", "所", "队",
)  # fmt: skip
# Headings of a comment section set after an article (what follows them is readers' or chrome).
COMMENT_HEADINGS: tuple[str, ...] = (
    "最新评论", "网友评论", "发表评论", "参与评论", "我要评论", "评论列表", "相关评论", "热门评论",
    "全部评论", "读者评论", "精彩评论", "文章评论", "网友留言", "读者留言", "评论区",
    "網友評論", "發表評論", "最新評論",
)  # fmt: skip
# The one word a comment section's heading element may hold (`<h3>评论</h3>`): as a line of the
# text it is a button, as a heading after prose it opens the readers' part.
COMMENT_WORDS: tuple[str, ...] = ("评论", "評論", "留言", "回复", "回應")
# A heading that counts the comments (`《…》已有1件评论`, `3 条回复`): the readers' part opens,
# whatever the heading quotes before the count.
COMMENT_COUNT = re.compile(r"\d+\s*(?:件|条|則|篇)?\s*(?:评论|評論|回复|回覆|留言)\s*$")
# Headings of what a page sets after an article: related and recommended reading, more by the
# author, videos; the short lines after them are links, not text.
SECTION_HEADINGS: tuple[str, ...] = (
    *COMMENT_HEADINGS, *RELATED_LABELS, "相关推荐", "推荐阅读",
    "猜你喜欢", "热门推荐", "热点推荐", "精选视频", "作者其他文章", "大家都在看", "热门文章",
    "往期回顾", "为您推荐", "更多精彩", "相關新聞", "相關閱讀", "推薦閱讀", "本站推荐", "精彩推荐",
    "推荐文章", "最新文章", "相关搜索", "相关附件", "关联稿件", "关联文件", "延伸阅读", "图片新闻",
    # Hong Kong's and Taiwan's words for a links box (on the simplified shadow too)
    "连结及资源", "相关连结", "連結及資源", "相關連結",
)  # fmt: skip
# A column's name set as a sidebar's or a box's heading (`<h2>通知公告</h2>`): never a headline.
COLUMN_HEADINGS: tuple[str, ...] = (
    "通知公告", "公示公告", "通知通告", "新闻动态", "工作动态", "政务动态", "最新动态", "部门动态",
    "乡镇动态", "图片新闻", "热点新闻", "今日关注", "媒体聚焦", "政务公开", "信息公开", "专题专栏",
)  # fmt: skip
# What a related box's heading opens with (`相关报道：`, `关联稿件`), whatever its last words.
RELATED_PREFIXES: tuple[str, ...] = ("相关", "关联", "相關", "關聯")
NAVIGATION_LABELS = PAGER_LABELS + RELATED_LABELS + SHARE_LABELS
# Social-network buttons and fold / unfold switches standing alone on a line.
SOCIAL_LABELS: tuple[str, ...] = ("微信", "微博", "QQ空间")
FOLD_LABELS: tuple[str, ...] = (
    "点击查看更多", "查看更多", "点击收起", "收起", "展开全文", "展开全部", "阅读全文", "加载更多",
)  # fmt: skip
# What stands alone on a line as a button (a widget, a fold switch, a share target).
BUTTON_LABELS: tuple[str, ...] = REACTION_LABELS + WIDGET_LABELS + FOLD_LABELS + SOCIAL_LABELS
# A news dateline on a line of its own opens the article (`新华社北京4月24日电`,
# `TNW中文站 10月14日报道`, `本报讯`): what a dated one ends with, and an undated one.
DATELINE_ENDINGS: tuple[str, ...] = ("电", "電", "讯", "訊", "报道", "報道", "消息")
UNDATED_DATELINE_ENDINGS: tuple[str, ...] = ("讯", "訊")
# Labels opening a site's standing text printed under every article: disclaimers, terms of a
# sale or a service (`本网版权与免责声明：`, `付款说明：…`); the article ends before them.
# (Not `郑重声明`, news of a statement; nor `付款方式`, a section of procurement notices.)
BOILERPLATE_LABELS: tuple[str, ...] = (
    "免责声明", "版权声明", "法律声明", "免責聲明", "版權聲明", "交易须知", "购买须知", "购物须知",
    "付款说明", "服务条款", "用户协议", "隐私政策", "侵权公告", "版权公告", "转载声明", "版权说明",
)  # fmt: skip
# Sentences of the same standing text found anywhere in its line (a platform's disclaimer under
# every reposted article).
BOILERPLATE_PHRASES: tuple[str, ...] = (
    "仅提供信息存储服务", "仅提供信息存储空间服务", "不代表本站观点", "不代表本网观点",
    "不代表本平台观点", "不代表本站立场", "不代表本网立场", "不代表本平台立场",
    "仅代表作者本人观点", "仅代表作者个人观点", "如有侵权请联系删除", "如有侵权，请联系删除",
    "仅提供信息发布平台", "扫描下方二维码",
    # a reprint's disclaimer (`本网转载此文出于传递更多信息之目的，并不意味着赞同其观点`; not
    # `版权归原作者所有`, which a picture's caption inside a text also says)
    "出于传递更多信息之目的", "出于传递更多信息的目的", "并不意味着赞同其观点",
    "并不代表赞同其观点",
    # an outlet's claim on its own text (`未经正式授权严禁转载本文，侵权必究`)
    "侵权必究", "未经书面许可",
    # a financial outlet's disclaimer under every article
    "不构成投资建议", "不构成实质性投资建议", "据此操作风险自担", "据此操作，风险自担",
)  # fmt: skip
# Marks of a site footer anywhere in a line (regex fragments: ICP numbers are spaced freely).
FOOTER_MARKS: tuple[str, ...] = (
    "网站标识码", "網站標識碼", r"ICP\s*备", r"ICP\s*證", r"ICP\s*证", "公网安备", "公網安備",
    "公安备案", "京公网", "版权所有", "版權所有", "Copyright", "©",
)  # fmt: skip
# Footer labels; 主办单位 alone also opens event notices in bodies, so a footer needs two.
FOOTER_LABELS: tuple[str, ...] = (
    "主办单位", "承办单位", "主办", "承办", "技术支持", "网站维护", "联系电话", "地址",
    "维护单位", "运维单位", "运维邮箱",
)  # fmt: skip

# What a server answers 200 with in place of an article that is gone (a soft 404): what is gone,
# and the words saying so (`对不起，您访问的页面不存在！`, `该信息已被删除`, `文章不存在或已撤稿`).
GONE_THINGS: tuple[str, ...] = (
    "页面", "网页", "信息", "文章", "内容", "稿件", "新闻", "资源", "链接", "文档", "主题", "帖子",
)  # fmt: skip
GONE_WORDS: tuple[str, ...] = (
    "不存在", "已删除", "已被删除", "已经删除", "被删除", "已撤销", "已撤稿", "已下线", "已过期",
    "已移除", "已被移除", "未找到", "找不到", "无法找到",
)  # fmt: skip
# What a server answers 200 with when it is busy or limits a crawler's rate: the article is
# there, to be asked for again later (`您的访问过于频繁，请稍后再试`, `系统繁忙`).
BUSY_PHRASES: tuple[str, ...] = (
    "访问过于频繁", "访问太频繁", "请求过于频繁", "请求太频繁", "操作过于频繁", "访问频率过快",
    "请稍后再试", "请稍候再试", "请稍后访问", "请稍后重试", "系统繁忙", "服务器繁忙", "服务繁忙",
    "too many requests",
)  # fmt: skip
# a title that is an error and nothing else (`404`, `404 Not Found`, `错误提示`, `出错了`)
ERROR_TITLES: tuple[str, ...] = (
    "404", "403", "500", "not found", "page not found", "error", "错误", "错误提示", "出错了",
    "出错啦", "系统提示", "提示信息", "页面不存在", "页面未找到", "找不到页面",
)  # fmt: skip

# --- keys of article records a page carries as data in a script ---------------------------
# `var listData = {articleList: [{"title": "…", "pubDate": "…", "urls": "{\"pc\": \"/…html\"}"}]}`:
# the rows a script renders, named by the keys list templates give them.
RECORD_TITLE_KEYS: tuple[str, ...] = ("title", "Title", "docTitle", "DOCTITLE", "articleTitle")
RECORD_URL_KEYS: tuple[str, ...] = (
    "urls", "url", "Url", "URL", "pcUrl", "link", "linkUrl", "href", "docUrl", "DOCPUBURL",
    "articleUrl", "detailUrl", "contentUrl",
)  # fmt: skip
RECORD_DATE_KEYS: tuple[str, ...] = (
    "pubDate", "publishDate", "publishTime", "pubTime", "releaseTime", "docRelTime",
    "DOCRELTIME", "date", "time", "createTime",
)  # fmt: skip

# --- id / class names -------------------------------------------------------------------------
# Words of widgets inside containers: share bars, print/close buttons, font-size switches, QR
# codes, prev/next links, related-article boxes. Matched as words of a split name (a set
# lookup, several times faster than a regex), a few also as substrings of run-together names.
WIDGET_NAME_WORDS: tuple[str, ...] = (
    "share", "bdshare", "bshare", "jiathis", "print", "close", "fontsize", "font", "zihao",
    "qrcode", "erweima", "ewm", "toolbar", "tools", "prev", "next", "sxp", "pagebar", "related",
    "xgwz", "xglj", "comment", "comments", "bianji", "footer", "copyright", "statement", "advert",
    "disclaimer", "shenming", "shengming", "mianze",
    "ad", "ads", "recommend", "zrbj", "dayin", "guanbi",
)  # fmt: skip
# Those that name the block of the editor's line (`<div class="zrbj">责任编辑：张三</div>`).
EDITOR_NAME_WORDS: tuple[str, ...] = ("zrbj", "bianji")
WIDGET_NAME_SUBSTRINGS: tuple[str, ...] = (
    "share", "print", "qrcode", "jiathis", "fontsize", "player",  # `mplayer`, `video-player`
)  # fmt: skip
# Words of blocks beside an article: streams of other headlines, sidebars, comments.
ASIDE_NAME_WORDS: tuple[str, ...] = (
    "stream", "sidebar", "side", "aside", "related", "recommend", "comment", "comments", "nav",
    "menu", "footer", "hot", "rank", "ranking", "list", "links", "more", "ad", "ads", "right",
    "left", "xgwz", "xglj", "rmtj", "tuijian",
)  # fmt: skip
# The words of ASIDE_NAME_WORDS that never name an article's own column (`left`, `right`,
# `list`, `more` and `nav` do on some sites): text inside such a block weighs against the body.
BESIDE_BODY_NAME_WORDS: tuple[str, ...] = (
    "stream", "sidebar", "aside", "related", "recommend", "comment", "comments", "hot", "rank",
    "ranking", "xgwz", "xglj", "rmtj", "tuijian", "footer",
)  # fmt: skip
# Name fragments (regex, searched in the lower-cased `id class`) of a page's parts.
TITLE_NAMES: tuple[str, ...] = ("title", r"tit\b", "tit_", r"tit\d", "headline")
BREADCRUMB_NAMES: tuple[str, ...] = (
    "crumb", "position", "location", "dqwz", "weizhi", "daohang", "lujing",
)  # fmt: skip
FOOTER_NAMES: tuple[str, ...] = ("footer", "bottom", r"foot\b", "copyright")
DATE_NAMES: tuple[str, ...] = ("date", "time", "pubtime", "fbsj", "info")
# A heading inside a block named so is the site's banner, not the article's title.
PAGE_HEADER_NAMES: tuple[str, ...] = (
    "logo", "header", "banner", r"\btop\b", "topbar", "masthead", "site-?name", r"\bnav",
)  # fmt: skip

# --- files --------------------------------------------------------------------------------
DOCUMENT_EXTENSIONS: tuple[str, ...] = (
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et", "ofd",
)  # fmt: skip
ARCHIVE_EXTENSIONS: tuple[str, ...] = ("zip", "rar", "7z")
DATA_EXTENSIONS: tuple[str, ...] = ("txt", "csv")
IMAGE_EXTENSIONS: tuple[str, ...] = ("jpg", "jpeg", "png", "gif", "bmp", "webp", "tif", "tiff")
# Never a page either: compressed files, icons, media, scripts and styles, programs.
OTHER_FILE_EXTENSIONS: tuple[str, ...] = (
    "gz", "tar", "svg", "ico", "mp3", "mp4", "avi", "mov", "flv", "wmv", "swf", "css", "js",
    "json", "xml", "exe", "apk",
)  # fmt: skip
ATTACHMENT_EXTENSIONS = DOCUMENT_EXTENSIONS + ARCHIVE_EXTENSIONS + DATA_EXTENSIONS + ("tif", "tiff")
# Download endpoints whose URL has no file extension (VSB `download.jsp?…wbfileid=`, Hanweb
# `downfile.jsp`): an attachment when the link text names a document file.
ATTACHMENT_ENDPOINTS: tuple[str, ...] = ("download", "downfile", "wbfileid", "attach")

ATTACHMENT_EXTENSION = re.compile(
    rf"\.(?:{one_of(ATTACHMENT_EXTENSIONS)})(?:$|[?#])", re.IGNORECASE
)
ATTACHMENT_ENDPOINT = re.compile(
    starting(ATTACHMENT_ENDPOINTS) + f"(?:{one_of(ATTACHMENT_ENDPOINTS)})", re.IGNORECASE
)
# An image's file name as alt text or as a line of its own (`IMG_2051.JPG`, `图片1(2).png`).
IMAGE_FILE_NAME = re.compile(
    rf"^[\w\-.()（）]{{1,80}}\.(?:{one_of(IMAGE_EXTENSIONS)})$", re.IGNORECASE
)

# --- URL shapes -----------------------------------------------------------------------------
ARTICLE_URL_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"/t\d{8}_\d+\.s?html?$"),  # TRS WCM
    re.compile(r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.s?html?$"),  # Hanweb
    # Hanweb's newer shape, under its column: /col/col1229123351/art/2026/art_937add67….html
    re.compile(r"/art/\d{4}/art_[0-9a-f]{16,}\.s?html?$"),
    re.compile(r"/c\d+a\d+/page\.html?$"),  # Sudy WebPlus: /2022/1214/c814a216777/page.htm
    re.compile(r"/info/\d+/\d+\.s?html?$"),  # VSB
    re.compile(r"/content/post_\d+\.s?html?$"),  # "post" CMS (many Guangdong sites)
    re.compile(r"/content_\d+\.s?html?$"),  # gov.cn
    re.compile(r"/\d{4}-?\d{2}/\d{2}/c_?\d+\.s?html?$"),  # Xinhua-style news CMS
)
# List pages beyond doubt: never archived, whatever they contain.
LIST_URL_PATTERNS: tuple[re.Pattern[str], ...] = (
    # not an id's folder's page: EasySite keeps an article at /<column>/1545021/index.html
    re.compile(
        r"^(?!.*/\d{5,}/index\.s?html?$).*/(index|default|list)(_\d+)?\.(s?html?|jsp|php|aspx?)$",
        re.IGNORECASE,
    ),
    re.compile(r"/col/col\d+/"),  # Hanweb column
    re.compile(r"/dataproxy\.jsp$"),  # Hanweb paging proxy (/module/web/jpage/, /module/jpage/ ...)
)
# Probably list pages: followed as lists, but a page with an article's structure is one.
LIKELY_LIST_URL_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"/$"),  # a directory: the column's index
    re.compile(r"^(/[A-Za-z]\w*)+\.htm$"),  # VSB column page /xwzx.htm, /xwzx/tzgg.htm
    re.compile(r"/\w+/\d+\.htm$"),  # VSB numbered list page /xwzx/2.htm, /list/1012.htm
)
# Shapes article URLs often have on sites no pattern above knows: evidence for a list item, never
# proof (the page is still verified by its structure). Searched in the path and query.
LIKELY_ARTICLE_URL_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"/(19|20)\d{2}[-_/]?[01]\d[-_/]?[0-3]\d/"),  # a date path /2017/10/19/, /201710/13/
    re.compile(r"/(19|20)\d{2}[-_]?[01]\d/"),  # a month path /202210/, /2022-10/
    re.compile(r"/t(19|20)\d{6}_\d+"),  # TRS-like t20231014_123
    re.compile(r"art_\d+"),
    re.compile(r"content_\d+|/c\d+/content\.s?html?$"),
    re.compile(r"/info/\d+"),
    re.compile(r"/\d{5,}/index\.s?html?$"),  # an id's folder (EasySite)
    re.compile(r"detail|show|article|view", re.IGNORECASE),
    re.compile(r"/Item/\d+\.aspx$", re.IGNORECASE),  # PowerEasy
    re.compile(r"[?&](id|aid|articleid|newsid|docid|infoid|contentid)=\d+", re.IGNORECASE),
    re.compile(r"/\d{5,}\.s?html?$"),  # a long numeric id as the file name
)
# A document file a list may show as a row of its own (a 信息公开 column's PDF): archived as
# a document record (the file as its attachment, the row's title and date).
DOCUMENT_URL = re.compile(rf"\.(?:{one_of(DOCUMENT_EXTENSIONS)})$", re.IGNORECASE)
# Links that never lead to a page: attachments, media, scripts.
NON_PAGE_EXTENSION = re.compile(
    r"\.(?:"
    + one_of(
        DOCUMENT_EXTENSIONS + ARCHIVE_EXTENSIONS + DATA_EXTENSIONS + IMAGE_EXTENSIONS
        + OTHER_FILE_EXTENSIONS
    )
    + r")$",
    re.IGNORECASE,
)  # fmt: skip
