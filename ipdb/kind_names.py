"""Kind names and their Chinese words, kept light so the CLI can check --kind without loading the importers."""

from __future__ import annotations

from ipdb.errors import BadOption

KIND_ZH = {
    "companies": "企业名录",
    "patents": "专利清单",
    "trademarks": "商标清单",
    "madrid": "马德里国际商标",
    "well-known": "驰名商标名单",
    "designations": "示范/优势/贯标企业名单",
    "awards": "专利奖获奖名单",
    "projects": "专利导航及高价值专利培育项目",
    "pledges": "知识产权质押融资台账",
    "funds": "专项资金申报",
    "cases": "商标违法案件",
}
KIND_WORDS = {
    "企业": "companies",
    "企业名录": "companies",
    "专利": "patents",
    "商标": "trademarks",
    "马德里": "madrid",
    "驰名商标": "well-known",
    "荣誉": "designations",
    "贯标": "designations",
    "示范企业": "designations",
    "专利奖": "awards",
    "项目": "projects",
    "专利导航": "projects",
    "质押": "pledges",
    "质押融资": "pledges",
    "专项资金": "funds",
    "资金": "funds",
    "案件": "cases",
    "商标案件": "cases",
}
REGISTER_KINDS = ("patents", "trademarks", "madrid")


def resolve_kind(text: str | None) -> str | None:
    if text is None:
        return None
    word = text.strip().lower().replace("_", "-")
    kind = word if word in KIND_ZH else KIND_WORDS.get(text.strip())
    if kind is None:
        raise BadOption(f"不认识的清单类型「{text}」：可用 {', '.join(KIND_ZH)}（或 专利、商标、企业 等中文名）。")
    return kind
