"""Deterministic filler news: titles and paragraphs of Chinese government news from phrase pools.

Every sentence is drawn from a large template pool with several slots, so two articles of one
site on one day share few 5-character shingles (the dedup tests rely on no false positives).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = "建国志强海涛晓明文华立新卫东秀英国庆红梅永刚丽娟俊杰春燕振华玉兰德胜桂芳宏伟雪松晨阳思远佳怡子涵浩然明轩嘉欣雨涵"  # noqa: E501
POSTS = [
    "党工委书记", "管委会主任", "区委副书记", "副区长", "党工委委员", "纪工委书记", "区长",
    "区政协主席", "人大工委主任", "宣传部部长", "组织部部长", "统战部部长", "政法委书记",
]  # fmt: skip
DEPARTMENTS = [
    "区发展改革局", "区科技局", "区工业和信息化局", "区财政局", "区人力资源和社会保障局",
    "区自然资源和规划分局", "区生态环境局", "区住房和城乡建设局", "区交通运输局", "区农业农村局",
    "区商务局", "区文化广电和旅游局", "区卫生健康委", "区应急管理局", "区市场监管局", "区统计局",
    "区医疗保障局", "区城管局", "区行政审批局", "区教育局", "区民政局", "区司法局", "区水利局",
    "区退役军人事务局", "区数据局", "区投资促进中心", "区融媒体中心", "区税务局",
]  # fmt: skip
TOWNS = [
    "城东街道", "城西街道", "新桥镇", "竹林镇", "金港街道", "临江镇", "白鹭洲街道", "梅村街道",
    "江海街道", "中兴街道", "小海街道", "旺庄街道", "硕放街道", "鸿山街道", "新安街道", "红旗镇",
    "青龙镇", "石门镇", "高坝洲镇", "枝城镇", "陆城街道", "姚家店镇", "五眼泉镇", "潘家湾乡",
]  # fmt: skip
TOPICS = [
    "优化营商环境", "安全生产", "乡村振兴", "生态环境保护", "招商引资", "重大项目建设",
    "民生实事", "疫情防控", "防汛抗旱", "文明城市创建", "数字政府建设", "科技创新",
    "人才引进", "基层治理", "信访维稳", "森林防火", "食品安全", "消防安全", "垃圾分类",
    "河长制", "老旧小区改造", "农村人居环境整治", "高标准农田建设", "就业创业", "养老服务",
    "义务教育", "医疗卫生", "社会救助", "平安建设", "法治政府建设", "耕地保护", "节能降碳",
    "工业经济运行", "外贸稳增长", "消费提振", "文旅融合", "党风廉政建设", "作风建设",
]  # fmt: skip
EVENTS = [
    "推进会", "调度会", "工作会议", "专题会议", "现场会", "座谈会", "部署会", "培训会",
    "督查会", "联席会议", "动员大会", "观摩活动", "集中签约仪式", "专题学习会", "新闻发布会",
]  # fmt: skip
PROJECTS = [
    "智能制造产业园", "新能源电池项目", "生物医药孵化器", "冷链物流中心", "数据中心", "污水处理厂",
    "综合管廊", "城市更新片区", "滨江生态廊道", "人才公寓", "邻里中心", "保障性租赁住房",
    "集成电路封测基地", "高端装备产业园", "跨境电商产业园", "农产品加工园", "智慧停车场",
    "全民健身中心", "区域医疗中心", "九年一贯制学校", "口袋公园", "文化客厅", "物流枢纽",
]  # fmt: skip
GOALS = [
    "抢抓机遇、乘势而上", "真抓实干、埋头苦干", "守正创新、勇毅前行", "对标找差、争先进位",
    "压实责任、细化措施", "聚焦重点、精准发力", "统筹兼顾、协同推进", "立足实际、因地制宜",
    "底线思维、防范风险", "问题导向、靶向施策", "久久为功、善作善成", "主动作为、担当尽责",
]  # fmt: skip
VERBS = ["召开", "举行", "组织开展", "部署", "推进", "启动", "调研", "督导", "观摩", "召开专题"]
UNITS = ["家", "个", "项", "户", "处", "所", "条", "名"]

SENTENCES = [
    "{date},{who}{verb}{topic}{event},{man}出席会议并讲话。",
    "会议听取了{dept}关于{topic}工作情况的汇报,{man}对下一步工作作出具体部署。",
    "{man}强调,要坚持{goal},推动{topic}各项任务落地见效。",
    "今年以来,{town}累计完成{topic}相关投入{money}亿元,同比增长{pct}%。",
    "截至{month}底,全区{project}已完成投资{money}亿元,占年度计划的{pct}%。",
    "{dept}相关负责人介绍,目前已排查整改各类问题{num}{unit},整改完成率{pct}%。",
    "{man}一行先后来到{town}、{town2}等地,实地察看{project}建设进展。",
    "在{project}施工现场,{man}详细询问工程进度、安全管理和要素保障等情况。",
    "会上,{town}、{dept}等{num}个单位作交流发言,分享{topic}经验做法。",
    "据统计,{year}年以来,{dept}共受理{topic}相关事项{bignum}件,办结率达{pct}%。",
    "{town}党工委把{topic}作为“一把手”工程,建立周调度、月通报、季考核工作机制。",
    "要进一步压紧压实属地责任、部门监管责任和企业主体责任,坚决守住{topic}底线。",
    "{man}指出,{topic}事关群众切身利益,各级各部门要以{goal}的劲头抓好落实。",
    "活动现场,{dept}工作人员通过发放宣传册、设置咨询台等方式,向群众普及{topic}知识。",
    "此次活动共发放宣传资料{bignum}余份,接受群众咨询{num}人次。",
    "{project}总投资{money}亿元,建成后预计年产值可达{money2}亿元,新增就业岗位{bignum}个。",
    "签约仪式上,{num}个项目集中签约,涉及{project}、{project2}等领域,总投资{money}亿元。",
    "{dept}将持续聚焦{topic},梳理形成{num}项重点任务清单,逐项明确责任单位和完成时限。",
    "{man}要求,要把{topic}与{topic2}统筹起来,确保两手抓、两不误。",
    "与会人员还观摩了{town}{project}和{town2}{project2},现场交流学习先进经验。",
    "{town}创新推行“{slogan}”工作法,打通服务群众“最后一公里”。",
    "下一步,{dept}将围绕{topic},在{goal}上持续用力,不断提升群众获得感、幸福感、安全感。",
    "{month}{day}日上午,{who}组织{num}名干部职工赴{town}开展{topic}主题党日活动。",
    "培训邀请{org}专家围绕{topic}政策解读、典型案例分析等内容进行授课。",
    "全区共检查企业{num}家,发现隐患{bignum}处,下达整改通知书{num2}份。",
    "{year}年,全区{topic}工作在全市年度考核中位列第{rank}名,获评优秀等次。",
    "会议审议通过了《{doc}》,并研究了{topic}等方面的其他事项。",
    "{man}表示,将以此次{event}为契机,进一步完善{topic}长效机制。",
    "{town}通过“{slogan}”模式,带动{bignum}户群众户均增收{money3}元。",
    "{dept}联合{dept2}开展{topic}专项行动,出动执法人员{bignum}人次,检查场所{num}处。",
    "在{event}上,{org}与{town}签订合作协议,共建{project}。",
    "针对群众反映的{topic}问题,{dept}建立台账、挂图作战,已解决{num}个,其余正在推进。",
    "{man}、{man2}等区领导参加{event}。",
    "据悉,{project}于{year}年{month}开工建设,计划{year2}年底建成投用。",
    "各{unit_org}要认真对照{event}部署要求,结合自身实际,抓好贯彻落实。",
    "{dept}还将开通{topic}服务热线,安排专人{hours}小时值守,及时回应群众诉求。",
    "{org}调研组一行来到{town},围绕{topic}开展专题调研,{man}陪同调研。",
    "调研组对{town}在{topic}方面取得的成效给予充分肯定,认为其做法{praise}。",
    "{man}就做好{topic}提出{cn_num}点要求:一要{goal},二要{goal2},三要{goal3}。",
    "当天,{town}还举行了{project}揭牌仪式,{man}和{man2}共同为其揭牌。",
]  # fmt: skip
SLOGANS = [
    "网格+党建", "一站式服务", "企业吹哨、部门报到", "马上办、网上办、就近办", "周末不打烊",
    "专班+专员", "村企联建", "五心服务", "红色物业", "积分制管理", "一码通办", "帮办代办",
]  # fmt: skip
ORGS = [
    "省委党校", "市委党校", "省发展改革委", "市生态环境局", "市应急管理局", "南京大学",
    "武汉大学", "江南大学", "市住建局", "省商务厅", "市科技局", "中国信通院", "市农业农村局",
]  # fmt: skip
DOCS = [
    "关于进一步优化营商环境的若干措施", "区级重大项目管理办法", "安全生产专项整治实施方案",
    "乡村振兴示范村建设三年行动计划", "政府投资项目审批流程再造方案", "人才引进专项政策",
    "农村人居环境整治提升行动方案", "数字政府建设实施意见", "民生实事项目推进方案",
]  # fmt: skip
PRAISES = [
    "务实管用、可复制可推广",
    "思路清晰、成效明显",
    "特色鲜明、亮点突出",
    "机制健全、落实有力",
]
UNIT_ORGS = ["街道", "部门", "单位", "园区", "镇"]
CN_NUMS = ["三", "三"]
TITLE_PATTERNS = [
    "{who}{verb}{topic}{event}",
    "{man}到{town}调研{topic}工作",
    "{town}扎实推进{topic}工作",
    "{project}项目建设跑出“加速度”",
    "{dept}开展{topic}专项行动",
    "{who}召开{year}年{topic}工作会议",
    "{org}来我区调研{topic}",
    "{town}{project}正式开工",
    "{num}个重大项目集中签约 总投资{money}亿元",
    "{dept}举办{topic}专题培训班",
    "我区{topic}工作获全市通报表扬",
    "{town}:以“{slogan}”提升{topic}水平",
]  # fmt: skip


@dataclass
class FillerArticle:
    title: str
    paragraphs: list[str]
    source: str
    leader: str


class Filler:
    """Draws filler articles from one seeded random generator (same seed, same articles)."""

    def __init__(self, seed: int, area: str = "区") -> None:
        self.rng = random.Random(seed)
        self.area = area

    def person(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.sample(GIVEN, self.rng.choice((1, 2))))

    def slots(self, year: int, month: int, day: int) -> dict[str, str]:
        r = self.rng
        who = r.choice(["区委", "区政府", "管委会", "区委区政府", "党工委", *DEPARTMENTS[:8]])
        return {
            "who": who, "verb": r.choice(VERBS), "event": r.choice(EVENTS),
            "topic": r.choice(TOPICS), "topic2": r.choice(TOPICS),
            "dept": r.choice(DEPARTMENTS), "dept2": r.choice(DEPARTMENTS),
            "town": r.choice(TOWNS), "town2": r.choice(TOWNS),
            "project": r.choice(PROJECTS), "project2": r.choice(PROJECTS),
            "man": r.choice(POSTS) + self.person(), "man2": r.choice(POSTS) + self.person(),
            "goal": r.choice(GOALS), "goal2": r.choice(GOALS), "goal3": r.choice(GOALS),
            "slogan": r.choice(SLOGANS), "org": r.choice(ORGS), "doc": r.choice(DOCS),
            "praise": r.choice(PRAISES), "unit_org": r.choice(UNIT_ORGS), "cn_num": "三",
            "date": f"{month}月{day}日" + r.choice(["上午", "下午", ""]),
            "month": f"{month}月", "day": str(day), "year": str(year), "year2": str(year + 1),
            "pct": f"{r.randint(12, 99)}.{r.randint(0, 9)}", "num": str(r.randint(3, 68)),
            "num2": str(r.randint(2, 40)), "bignum": str(r.randint(120, 9800)),
            "money": f"{r.randint(1, 98)}.{r.randint(1, 9)}", "money2": str(r.randint(5, 300)),
            "money3": str(r.randint(800, 12000)), "unit": r.choice(UNITS),
            "rank": str(r.randint(1, 5)), "hours": r.choice(["24", "12"]),
        }  # fmt: skip

    def paragraph(self, year: int, month: int, day: int) -> str:
        count = self.rng.randint(2, 4)
        return "".join(
            self.rng.choice(SENTENCES).format(**self.slots(year, month, day)) for _ in range(count)
        )

    def article(self, year: int, month: int, day: int) -> FillerArticle:
        title = self.rng.choice(TITLE_PATTERNS).format(**self.slots(year, month, day))
        paragraphs = [self.paragraph(year, month, day) for _ in range(self.rng.randint(3, 7))]
        source = self.rng.choice(["区融媒体中心", "区政府办公室", *DEPARTMENTS[:10], "本网"])
        return FillerArticle(title, paragraphs, source, self.person())

    def choice(self, options: list[str]) -> str:
        return self.rng.choice(options)

    def randint(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)
