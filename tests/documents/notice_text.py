"""The notice the document fixtures hold (notice.pdf, notice.ofd), its paragraphs wrapped at
28 characters a line; imported by the scripts that made them (run by hand, not by the tests)."""

from __future__ import annotations

TITLE = "关于开展2024年度安全生产大检查的通知"
PARAGRAPHS = [
    "各乡镇人民政府、街道办事处，县政府各部门：",
    "为深入贯彻落实上级关于安全生产工作的决策部署，切实防范化解重大安全风险，坚决遏制重特大事故发生，"
    "经县政府同意，决定在全县范围内开展2024年度安全生产大检查。现将有关事项通知如下。",
    "一、检查范围",
    "全县各类生产经营单位，重点是危险化学品、矿山、建筑施工、道路交通、消防、燃气等行业领域。",
    "二、工作要求",
    "（一）各乡镇、各部门要高度重视，主要负责同志要亲自部署、亲自督促，确保检查工作不走过场、取得实效。",
    "（二）对检查发现的问题隐患，要建立台账，明确整改责任、措施、资金、时限和预案，实行闭环管理。",
    "附件：安全生产大检查工作台账",
]
WIDTH = 28


def wrapped() -> list[str]:
    """The paragraphs' lines, wrapped at `WIDTH` characters."""
    out: list[str] = []
    for paragraph in PARAGRAPHS:
        out += [paragraph[i : i + WIDTH] for i in range(0, len(paragraph), WIDTH)]
    return out
