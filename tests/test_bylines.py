from __future__ import annotations

import pytest

from crawler.page.bylines import (
    NAME_FIELDS,
    Bylines,
    bylines_in_info_line,
    is_name,
    parse_byline,
    photo_credit,
    poster_of,
    take_lead_byline,
    take_name_line,
    take_post_stamp,
    take_trailer_byline,
)


@pytest.mark.parametrize(
    ("paragraph", "rest", "bylines"),
    [
        ("宜都融媒訊 (記者 鄭振亞)為認真貫徹", "為認真貫徹", Bylines(reporters=["鄭振亞"])),
        (
            "本报讯(记者 张三 通讯员 李四、王五)近日,",
            "近日,",
            Bylines(reporters=["张三", "李四", "王五"]),
        ),
        ("(记者 王乾)近日,市里召开", "近日,市里召开", Bylines(reporters=["王乾"])),
        ("新华社北京10月31日电(记者 赵六)会议", "会议", Bylines(reporters=["赵六"])),
        ("(扩大)会议召开", "(扩大)会议召开", None),
        ("(记者 张三)", "(记者 张三)", None),  # nothing left: not a lead
        # unbracketed, closed by 报道 (a city site's reprint of its daily)
        ("记者梁爽报道\u30006月10日，比赛开幕", "6月10日，比赛开幕", Bylines(reporters=["梁爽"])),
        ("人民日报记者 刘涛 报道：昨天，", "昨天，", Bylines(reporters=["刘涛"])),
        ("记者会上报道 了这件事", "记者会上报道 了这件事", None),  # words, not a name
        # in square brackets, as school and district sites set it
        ("【文/黄翔】面对新的发展契机，", "面对新的发展契机，", Bylines(authors=["黄翔"])),
        ("【记者 张三】近日，市里召开", "近日，市里召开", Bylines(reporters=["张三"])),
        ("【重要提示】近日，市里召开", "【重要提示】近日，市里召开", None),
        # a wire's dated dateline, then the reporters' names alone (中新网, 新华社), or the
        # outlet's own 讯; after any other opening a bracket names nobody
        (
            "中新网上海11月4日电 (陈静 奚晓蕾)记者4日获悉，",
            "记者4日获悉，",
            Bylines(reporters=["陈静", "奚晓蕾"]),
        ),
        (
            "新华社北京5月19日电（刘艺、杨吉）中国科学院",
            "中国科学院",
            Bylines(reporters=["刘艺", "杨吉"]),
        ),
        ("本报讯（张三）昨日，", "昨日，", Bylines(reporters=["张三"])),
        ("中新网11月4日电（上海）今天", "中新网11月4日电（上海）今天", None),
        ("市民来电（李先生）反映", "市民来电（李先生）反映", None),
    ],
)
def test_take_lead_byline(paragraph: str, rest: str, bylines: Bylines | None) -> None:
    assert take_lead_byline(paragraph) == (rest, bylines)


@pytest.mark.parametrize(
    ("line", "bylines"),
    [
        (
            "(責編:李忠益 劉娟 審核:黨艷秋)",
            Bylines(editors=["李忠益", "劉娟"], reviewers=["黨艷秋"]),
        ),
        ("（责任编辑：张三）", Bylines(editors=["张三"])),
        ("责任编辑:张三", Bylines(editors=["张三"])),
        ("编辑:王五 校对:赵六 终审:钱七", Bylines(editors=["王五"], reviewers=["赵六", "钱七"])),
        ("文/图 李四", Bylines(reporters=["李四"])),
        ("【签发:孙八】", Bylines(reviewers=["孙八"])),
        ("编辑部召开会议", None),
        ("(扩大)", None),
        ("记者节座谈会在京召开,与会记者畅谈新闻理想", None),
        # a compiling verb before the byline, the interviewee's photo credit after it
        ("整合 新华日报·交汇点记者 徐睿翔", Bylines(reporters=["徐睿翔"])),
        ("综合 新华社记者 张三 李四", Bylines(reporters=["张三", "李四"])),
        ("顶端新闻·河南商报记者马俊峰/文受访者供图", Bylines(authors=["马俊峰"])),
        ("记者 王五 摄 受访单位供图", Bylines(reporters=["王五"])),
        ("综合整治工作", None),
        ("整理 会议纪要", None),
        ("受访者供图", None),
        # a role followed by a slash; a contributor's 供稿 opening the line
        ("摄影/张艳 编辑/苏芳", Bylines(reporters=["张艳"], editors=["苏芳"])),
        ("医技药剂党支部、药剂科供稿 摄影/张艳", Bylines(reporters=["张艳"])),
        ("（职工通讯员 李琴雯）", Bylines(reporters=["李琴雯"])),
    ],
)
def test_take_trailer_byline(line: str, bylines: Bylines | None) -> None:
    assert take_trailer_byline(line) == bylines


def test_parse_byline_rejects_non_names() -> None:
    assert parse_byline("编辑:这是一个很长的句子而不是名字") is None


@pytest.mark.parametrize(
    ("line", "bylines"),
    [
        ("来源:人民网 责任编辑:张三 浏览次数:5", Bylines(editors=["张三"])),
        (
            "发布时间:2023-01-13 编辑:李四、王五 审核:赵六",
            Bylines(editors=["李四", "王五"], reviewers=["赵六"]),
        ),
        ("发布时间:2023-01-13 来源:区政府", Bylines()),
        ("责任编辑:区融媒体中心办公室", Bylines()),
        # labels set apart by spaces alone; a role word right after a label is the name's
        ("作者 谷慧文 来源 海洋生命学院 发布时间 2024-09-25", Bylines(authors=["谷慧文"])),
        ("作者：谷慧文来源 海洋生命学院", Bylines(authors=["谷慧文"])),
        ("作者: 记者 郑晨子", Bylines(authors=["郑晨子"])),
        ("作者: 发布时间: 2017-05-26 浏览次数:", Bylines()),
        # no name: the author unknown, a school's short name
        ("来源：环球网 作者：佚名", Bylines()),
        ("作者：上师初中 发布时间：2019-04-03", Bylines()),
        # who put it on the site: a person, never a login; an editor's account name is one
        ("日期：2020-09-26 16:02:43 发布人：rlzyb 浏览量：423", Bylines()),
        ("发布者：季彦斐 浏览次数：3", Bylines(editors=["季彦斐"])),
        ("责任编辑：alonliu", Bylines(editors=["alonliu"])),
        # a role run into the name after it, set apart before it
        (
            "[编辑：卢东勃 实习生张玮婷] [责任编辑：单铭捷]",
            Bylines(editors=["卢东勃", "单铭捷"], reporters=["张玮婷"]),
        ),
        ("2020年07月29日 《人民日报》第13版 记者李昌禹", Bylines(reporters=["李昌禹"])),
        ("作者：市委宣传部记者站", Bylines()),
        # a translator and a reviewer in a closing bracket
        ("(实习编译：董悦 审稿：郭文静)", Bylines(authors=["董悦"], reviewers=["郭文静"])),
        # a CMS's built-in account names nobody
        ("作者：admin    时间：2017-04-19", Bylines()),
        ("作者：Administrator 点击数：12", Bylines()),
        ("责任编辑：webmaster", Bylines()),
        # an office's notice closing with its drafter, reviewer and approver
        (
            "拟稿:兰加规 审核:李忻 审批:刘玲",
            Bylines(authors=["兰加规"], reviewers=["李忻", "刘玲"]),
        ),
    ],
)
def test_bylines_in_info_line(line: str, bylines: Bylines) -> None:
    assert bylines_in_info_line(line) == bylines


@pytest.mark.parametrize(
    ("line", "bylines"),
    [
        ("光明日报记者 王建宏 张文攀", Bylines(reporters=["王建宏", "张文攀"])),
        ("本报实习生 李四 本报记者 王五", Bylines(reporters=["李四", "王五"])),
        ("新京报记者 彭冲 山东冠县报道", Bylines(reporters=["彭冲"])),
        ("（总台记者 张倩）", Bylines(reporters=["张倩"])),
        ("(信报记者 蔡雪婧)", Bylines(reporters=["蔡雪婧"])),
        ("（松花江网编辑 孙桂芳）", Bylines(editors=["孙桂芳"])),
        ("新华网黑龙江频道 记者 伊琳 李清芬", Bylines(reporters=["伊琳", "李清芬"])),
        ("本报记者罗科苏盈发自北京", Bylines(reporters=["罗科苏盈"])),
        ("作者：张三", Bylines(authors=["张三"])),
        ("撰稿：张三 编辑：李四", Bylines(authors=["张三"], editors=["李四"])),
        ("执笔人：闵乐夫 赵兰波 刘韬", Bylines(authors=["闵乐夫", "赵兰波", "刘韬"])),
        ("编辑：山石", Bylines(editors=["山石"])),
        ("记者 张三、李四", Bylines(reporters=["张三", "李四"])),
        ("记者 张三，李四", Bylines(reporters=["张三", "李四"])),
        ("蔡雪婧/摄", Bylines(reporters=["蔡雪婧"])),
        ("马俊峰/文", Bylines(authors=["马俊峰"])),
        ("新华社记者 李梦馨 摄", Bylines(reporters=["李梦馨"])),
        ("（姚峰 上海报道）", Bylines(reporters=["姚峰"])),
        ("责编：杨煜 ]", Bylines(editors=["杨煜"])),  # a bracket left by a split line
        ("整合 新华日报 交汇点记者 徐睿翔", None),  # two words between the verb and the role
        ("（上海报道）", None),  # a place, no name
        ("（新华社）", None),
        ("本报记者近日从市教育局获悉", None),
    ],
)
def test_wider_byline_forms(line: str, bylines: Bylines | None) -> None:
    assert take_trailer_byline(line) == bylines


@pytest.mark.parametrize(
    ("line", "bylines"),
    [
        ("（袁源）", Bylines(authors=["袁源"])),
        ("[ 黄宇 ]", Bylines(authors=["黄宇"])),
        ("【欧阳娜娜】", Bylines(authors=["欧阳娜娜"])),
        ("（鄭振亞）", Bylines(authors=["鄭振亞"])),  # the surname checked in simplified form
        ("（扩大）", None),
        ("（未完待续）", None),
        ("（全文完）", None),
        ("（人民网）", None),
        ("袁源", None),  # out of brackets a bare name is no trailer
    ],
)
def test_bare_names_in_brackets_close_an_article(line: str, bylines: Bylines | None) -> None:
    assert take_trailer_byline(line, bare=True) == bylines


@pytest.mark.parametrize(
    ("text", "never"),
    [
        ("新京报记者 彭冲 山东冠县报道", {"山东冠县", "报道", "山东冠县报道", "新京报"}),
        ("光明日报记者 王建宏 张文攀", {"光明日报", "光明日报记者"}),
        ("本报记者罗科苏盈发自北京", {"本报", "北京", "发自北京"}),
        ("（总台记者 张倩）", {"总台"}),
    ],
)
def test_names_are_never_places_outlets_or_verbs(text: str, never: set[str]) -> None:
    found = take_trailer_byline(text)
    assert found is not None
    names = {n for key in NAME_FIELDS for n in getattr(found, key)}
    assert names and not names & never


@pytest.mark.parametrize(
    ("line", "bylines"),
    [
        ("拿出10万元来做房产投资，为今后养老留条后路 蔡雪婧/摄", Bylines(reporters=["蔡雪婧"])),
        ("在竞选总部发表胜选演讲。 新华社记者 李梦馨 摄", Bylines(reporters=["李梦馨"])),
        ("新华社发（刘满仓摄）", Bylines(reporters=["刘满仓"])),
        ("（记者 张三 摄）", Bylines(reporters=["张三"])),
        # a name run into the mark, set apart from the caption by a space
        ("嘉鱼县委书记熊征宇 雷平摄", Bylines(reporters=["雷平"])),
        ("他们一起去拍摄", None),
        ("会场 一角摄", None),  # no common surname
        ("大家说 他去拍 摄", None),  # no common surname, no role
    ],
)
def test_photo_credit(line: str, bylines: Bylines | None) -> None:
    assert photo_credit(line) == bylines


@pytest.mark.parametrize(
    ("line", "title", "bylines"),
    [
        ("胡平", None, Bylines(authors=["胡平"])),
        ("张三 李四", None, Bylines(authors=["张三", "李四"])),
        ("茉莉", "茉莉：我是怎样卷入八九民运的", Bylines(authors=["茉莉"])),
        ("茉莉", None, None),  # a pen name needs the title to show it
        ("人物画像", None, None),
        ("主要目标", None, None),
        ("新华社", None, None),
    ],
)
def test_take_name_line(line: str, title: str | None, bylines: Bylines | None) -> None:
    assert take_name_line(line, title) == bylines


@pytest.mark.parametrize(
    ("text", "poster"),
    [
        ("ggjjzhzz 发表于 2005-9-15 11:46:00", "ggjjzhzz"),
        ("本贴由 芊草凡凡 于2005年8月12日10:20发表", "芊草凡凡"),
        ("本帖最后由 admin 于 2005-8-12 10:20 编辑", "admin"),
        ("发布时间 2005/03/15 22:36:13 by duscha 〓", "duscha"),
        ("本文发表于2005年3月1日《人民日报》", None),
        ("发表于 2004年12月27日 12:40", None),
        ("Powered by Discuz!", None),
    ],
)
def test_poster_of(text: str, poster: str | None) -> None:
    assert poster_of(text) == poster


@pytest.mark.parametrize(
    ("line", "bylines"),
    [
        ("发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)", Bylines()),
        ("ggjjzhzz 发表于 2005-9-15 11:46:00", Bylines(authors=["ggjjzhzz"])),
        ("本贴由 芊草凡凡 于2005年8月12日10:20发表", Bylines(authors=["芊草凡凡"])),
        ("本文发表于2005年3月1日《人民日报》", None),
        ("会议发表了重要讲话。", None),
    ],
)
def test_take_post_stamp(line: str, bylines: Bylines | None) -> None:
    assert take_post_stamp(line) == bylines


@pytest.mark.parametrize(
    ("line", "bylines"),
    [
        ("2004年7月16日08:19 [ 黄宇 ] 来源：[ 国际金融报 ]", Bylines(authors=["黄宇"])),
        ("〓 明星话题 发布时间 2005/03/15 22:36:13 by duscha 〓", Bylines(authors=["duscha"])),
        ("2015-11-05 阅读：8169 来源:转载 作者:孙仲旻", Bylines(authors=["孙仲旻"])),
        ("作者：芊草凡凡 时间：2005-08-22 19:13:18", Bylines(authors=["芊草凡凡"])),
        ("第 1 楼 时间：2005-08-28 20:56:20 作者： 放飞&心情", Bylines(authors=["放飞&心情"])),
        ("ggjjzhzz 发表于 2005-9-15 11:46:00", Bylines(authors=["ggjjzhzz"])),
        ("（本文来源：经济日报 作者：中国国际经济交流中心世界经济研究部部长，研究员）", Bylines()),
        ('作者： size="20" 来源： size="20" 发布日期： 7/5/2005 9:23:57 PM', Bylines()),
        ("[ 打印 ] [ 关闭 ] [ 收藏 ]", Bylines()),
    ],
)
def test_names_in_info_lines(line: str, bylines: Bylines) -> None:
    assert bylines_in_info_line(line) == bylines


def test_a_label_run_into_the_value_before_it_ends_that_value() -> None:
    """``作者：医技药剂党支部时间：…``: the next label is 时间, so the author is the branch (no
    person), not 医技药."""
    assert bylines_in_info_line("作者：医技药剂党支部时间：2019年10月31日") == Bylines()
    assert bylines_in_info_line("作者：张三时间：2019年10月31日") == Bylines(authors=["张三"])


@pytest.mark.parametrize(
    ("line", "bylines"),
    [
        ("记者 刘会 王會", Bylines(reporters=["刘会", "王會"])),
        ("通讯员 李琴雯 刘会", Bylines(reporters=["李琴雯", "刘会"])),
        ("编辑：商会", None),  # a word a surname character starts
        ("编辑：全会", None),
        ("编辑：工会", None),
        ("记者 李会长", None),  # a title, not a name
        ("记者 王市长 张三", None),
    ],
)
def test_a_surname_and_hui_is_a_name_a_title_after_a_surname_is_not(
    line: str, bylines: Bylines | None
) -> None:
    """会 ends many words (委员会, 工会) and many given names (刘会): after a common surname it is
    a name unless the pair is a word; ``李会长`` (President Li) is a title."""
    assert parse_byline(line) == bylines


def test_a_date_after_an_empty_author_label_is_no_author() -> None:
    """``作者：`` left empty, the next item a date: the date is no handle."""
    assert bylines_in_info_line("来源：新华社 作者： 2023-12-01 14:43") == Bylines()
    assert bylines_in_info_line("作者:zboygirl 阅读(1660)") == Bylines(authors=["zboygirl"])


def test_a_mark_before_a_byline_line_is_no_part_of_it() -> None:
    assert take_trailer_byline("□ 本报记者 葛灵丹") == Bylines(reporters=["葛灵丹"])
    assert take_trailer_byline("■记者 张三") == Bylines(reporters=["张三"])


def test_names_under_a_headline_one_of_them_with_a_rarer_surname() -> None:
    """``赵延东、风笑天``: two names, one of a common surname, are the authors; a lone name of a
    rare surname still needs the title to show it."""
    assert take_name_line("赵延东、风笑天", "社会资本、人力资本") == Bylines(
        authors=["赵延东", "风笑天"]
    )
    assert take_name_line("风笑天", "社会资本、人力资本") is None


def test_a_name_run_into_the_next_roles_outlet_and_a_closing_date() -> None:
    """``刘国栋 周炜本报记者 王燕平…柏建斌2003-7-24``: 周炜 is the last name before 本报记者, and
    the date closing the line is no name."""
    line = "本报实习生 刘国栋 周炜本报记者 王燕平 方云凤 柏建斌2003-7-24"
    names = ["刘国栋", "周炜", "王燕平", "方云凤", "柏建斌"]
    assert take_trailer_byline(line) == Bylines(reporters=names)
    assert parse_byline("光明日报记者 王建宏 张文攀") == Bylines(reporters=["王建宏", "张文攀"])


def test_a_role_word_after_the_author_label() -> None:
    """``作者: 记者 郑晨子`` in an info line: the label, the author's role, the name."""
    line = "2019年10月08日 来源: 《廊坊日报》 作者: 记者 郑晨子 字体： 小 大"
    assert bylines_in_info_line(line).authors == ["郑晨子"]


@pytest.mark.parametrize(
    ("line", "editors"),
    [
        ("发布者：季彦斐发布时间：2022-09-30浏览次数：10457", ["季彦斐"]),
        ("发布者：团委 发布时间：2022-09-30", []),  # an office
        ("信息发布人：管理员", []),  # an account
        ("（责任编辑：邢书磊 / 编发：问帼倩 / 图片来源：科研创作处）", ["邢书磊", "问帼倩"]),
    ],
)
def test_who_put_the_article_on_the_site(line: str, editors: list[str]) -> None:
    """A university CMS's `发布者：` names the editor who posted the article, when a person."""
    assert bylines_in_info_line(line).editors == editors


@pytest.mark.parametrize("line", ["（图书馆 魏乐禹）", "(图书馆 魏乐禹）", "（区委宣传部 魏乐禹）"])
def test_an_office_and_a_name_in_brackets_close_the_text(line: str) -> None:
    """A credit closing a district's article: the office, then who wrote it; a pair of
    brackets typed in two widths too."""
    assert take_trailer_byline(line, bare=True) == Bylines(authors=["魏乐禹"])


@pytest.mark.parametrize("word", ["成文日期", "发布时间", "文件编号", "主题分类"])
def test_a_disclosure_tables_field_name_is_no_name(word: str) -> None:
    """``【文　号】…【成文日期】`` read as a 文 credit: 成 is a surname, 成文日期 a field."""
    assert not is_name(word)


@pytest.mark.parametrize("word", ["关注", "点赞", "订阅"])
def test_a_follow_or_like_button_is_no_name(word: str) -> None:
    """``关注`` (follow) above a post's time reads like 关 + a given name; it is a button."""
    assert not is_name(word)
    assert take_name_line(word) is None


@pytest.mark.parametrize(
    ("line", "bylines"),
    [
        ("采访、文字：王信宇", Bylines(authors=["王信宇"])),
        ("整理：单晓玥", Bylines(authors=["单晓玥"])),
        ("采访/文字：王信宇 摄影：李四", Bylines(authors=["王信宇"], reporters=["李四"])),
    ],
)
def test_credits_closing_an_interview_name_their_writers(line: str, bylines: Bylines) -> None:
    """Roles joined before one colon give the names to the last of them."""
    assert take_trailer_byline(line) == bylines


def test_editor_credits_with_an_account_code_or_a_pipe() -> None:
    """The CMS account's code after a name (``罗崇纬_NB12082``); a pipe after the role."""
    assert bylines_in_info_line("责任编辑：罗崇纬_NB12082") == Bylines(editors=["罗崇纬"])
    assert take_trailer_byline("编辑|禤志杰 责编|陈梦莹") == Bylines(editors=["禤志杰", "陈梦莹"])


def test_a_compiling_verb_after_a_name_is_no_name() -> None:
    assert not is_name("整合")


@pytest.mark.parametrize(
    ("line", "bylines"),
    [
        # a role with the first name run into it, a line of its own
        ("记者王恺凝", Bylines(reporters=["王恺凝"])),
        ("通讯员杜巍巍 邹亚琴 汤尚飞", Bylines(reporters=["杜巍巍", "邹亚琴", "汤尚飞"])),
        # who drew the chart
        ("制图 陶刚", Bylines(reporters=["陶刚"])),
        # a sentence opening so, a heading: no byline
        ("记者获悉", None),
        ("记者从市", None),
        ("作者简介", None),
    ],
)
def test_closing_credit_lines(line: str, bylines: Bylines | None) -> None:
    assert take_trailer_byline(line, bare=True) == bylines


def test_an_editors_account_and_a_column_in_book_marks_before_a_role() -> None:
    """``[责任编辑：alonliu]``: an editor's account name is the editor, a CMS account's code
    alone (``（责任编辑： HN666）``) names nobody; ``《棱镜》作者 周纯``: a title in book marks
    stands where an outlet would."""
    assert bylines_in_info_line("[责任编辑：alonliu]") == Bylines(editors=["alonliu"])
    assert bylines_in_info_line("（责任编辑： HN666）") == Bylines()
    assert take_trailer_byline("《棱镜》作者 周纯") == Bylines(authors=["周纯"])


def test_a_related_links_heading_in_brackets_is_no_name() -> None:
    assert not is_name("相关信息")
    assert bylines_in_info_line("【相关信息】") == Bylines()


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("作者：东北林业大学马克思主义学院 汪金英 张明月", ["汪金英", "张明月"]),
        ("作者：武汉大学历史学院郭伦", ["郭伦"]),
        ("作者：北京大学", []),  # a body alone names nobody
    ],
)
def test_authors_after_the_body_they_work_for(line: str, authors: list[str]) -> None:
    assert bylines_in_info_line(line).authors == authors


@pytest.mark.parametrize(
    ("paragraph", "rest", "authors"),
    [
        (
            "（李阳供稿 党政办编辑）2017年5月23日，学院召开会议",
            "2017年5月23日，学院召开会议",
            ["李阳"],
        ),
        (
            "（新闻中心讯 党委组织部黄玲玲供稿 校党委宣传部报道）1月8日下午，学校召开会议",
            "1月8日下午，学校召开会议",
            ["黄玲玲"],
        ),
        ("（宣传部供稿）1月8日下午，学校召开会议", "（宣传部供稿）1月8日下午，学校召开会议", None),
        # the label first, then the unit and who wrote it
        ("【供稿/管理学院 黄翔】面对新的发展契机，", "面对新的发展契机，", ["黄翔"]),
        ("（供稿：党委宣传部 李阳）5月23日，学院召开会议", "5月23日，学院召开会议", ["李阳"]),
        ("【供稿/管理学院】面对新的发展契机，", "【供稿/管理学院】面对新的发展契机，", None),
    ],
)
def test_a_lead_credit_names_who_contributed_the_text(
    paragraph: str, rest: str, authors: list[str] | None
) -> None:
    """``（李阳供稿 …）`` opening the text: the name before 供稿, after its unit when one is run
    into it, or after the label and the unit (``【供稿/管理学院 黄翔】``); a unit alone names
    nobody and the credit stays."""
    text, found = take_lead_byline(paragraph)
    assert text == rest
    assert (found.authors if found else None) == authors


def test_a_name_with_a_character_of_a_supplementary_plane() -> None:
    """`王𬱖`: the simplified form of 頔, which Unicode added late, outside the main plane."""
    assert is_name("王𬱖")
    assert take_trailer_byline("【责任编辑:王𬱖】") == Bylines(editors=["王𬱖"])


@pytest.mark.parametrize(
    ("line", "bylines"),
    [
        ("文/赵六", Bylines(authors=["赵六"])),
        ("（文/赵六）", Bylines(authors=["赵六"])),
        ("文｜赵六", Bylines(authors=["赵六"])),
        ("文/赵六 摄影/钱七", Bylines(authors=["赵六"], reporters=["钱七"])),
        ("文/张三 图/李四", Bylines(authors=["张三"], reporters=["李四"])),
        ("文/栗思编辑/倪家宁", Bylines(authors=["栗思"], editors=["倪家宁"])),
        ("中文/繁体", None),  # a language switch: 文 ends a word there
        ("原文/译文", None),
    ],
)
def test_a_slash_after_wen_or_tu_makes_it_a_role(line: str, bylines: Bylines | None) -> None:
    """``文/张三`` (who wrote), ``图/李四`` (who took the pictures): 文 and 图 are roles only with
    a slash or a bar right after them and no character of a word before them."""
    assert take_trailer_byline(line) == bylines


@pytest.mark.parametrize(
    ("line", "bylines"),
    [
        ("来源：区融媒体中心 文/张三 图/李四", Bylines(authors=["张三"], reporters=["李四"])),
        ("发布时间：2024-03-01 文/赵六 摄影/钱七", Bylines(authors=["赵六"], reporters=["钱七"])),
        ("文/栗思编辑/倪家宁", Bylines(authors=["栗思"], editors=["倪家宁"])),
    ],
)
def test_slashed_roles_in_an_info_line_end_each_others_names(line: str, bylines: Bylines) -> None:
    """Each role and its slash ends the names of the role before it (``摄影/`` after 赵六)."""
    assert bylines_in_info_line(line) == bylines


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("本报记者 王乐文 方 敏", ["王乐文", "方敏"]),
        ("记者 王 平 李 强", ["王平", "李强"]),
        ("记者 方 敏 摄", ["方敏"]),
    ],
)
def test_a_two_character_name_padded_to_three_is_one_name(line: str, names: list[str]) -> None:
    """Newspapers pad two-character names to the width of three-character ones (`方 敏`): a
    common surname standing alone and the character after it are one name."""
    found = take_trailer_byline(line)
    assert found is not None and found.reporters == names
