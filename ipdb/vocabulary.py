"""The one vocabulary: every code the store keeps, its Chinese word, the sentinel dates and the text folding.

Module-level tables (as beets keeps ``TYPE_BY_FIELD``), so that a label is changed in one place and every
table, sheet and sentence that shows it follows. Dictionaries keep the display order. The words a bureau
may *write* for a code (their synonyms) stay beside the parser that reads them (``ipdb/values``,
``ipdb/importers/kinds/common.py``); this module is what ipdb itself writes. Light: no imports beyond the
standard library, so the CLI can check ``--kind`` at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date

# Spreadsheet kinds, by code, named as the list's title (equal to each spec's ``title``: tests/test_vocabulary.py).
KIND_ZH = {
    "companies": "企业名录",
    "patents": "专利清单",
    "trademarks": "商标清单",
    "madrid": "马德里国际商标",
    "well-known": "驰名商标名单",
    "designations": "知识产权示范/优势/贯标企业名单",
    "awards": "专利奖获奖名单",
    "projects": "专利导航及高价值专利培育项目",
    "pledges": "知识产权质押融资台账",
    "funds": "知识产权专项资金申报",
    "cases": "商标违法案件",
}
# Chinese words accepted for --kind and in 导入说明.csv.
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
# The registers: kept as observations, imported as snapshots (right.kind, right_fact.kind).
REGISTER_KINDS = ("patents", "trademarks", "madrid")
REGISTER_ZH = {"patents": "专利", "trademarks": "商标", "madrid": "马德里国际商标"}  # the word inside a sentence
# What a pledge's collateral is (pledged_right.right_kind): the register it is found in.
PLEDGED_KINDS = ("patents", "trademarks")

CATEGORY_ZH = {"invention": "发明", "utility": "实用新型", "design": "外观设计"}  # patent types (right.category)
LEVEL_ZH = {"national": "国家级", "provincial": "省级", "city": "市级", "district": "区级"}
AWARD_LEVEL_ZH = {"gold": "金奖", "silver": "银奖", "excellence": "优秀奖"}
NAV_KIND_ZH = {"enterprise": "企业经营类", "industry": "产业规划类", "regional": "区域规划类"}
PROGRAM_ZH = {"navigation": "专利导航", "high_value": "高价值专利组合培育"}
PROJECT_STATUS_ZH = {"approved": "已立项", "not_approved": "未立项"}
DESIGNATION_ZH = {
    "demo": "知识产权示范企业",
    "advantage": "知识产权优势企业",
    "standard": "贯标认证（GB/T 29490）",
}
# What a ranking groups by (rank --by), and the word for it in headers.
GROUP_ZH = {"enterprise": "企业", "town": "街道/镇", "industry": "行业"}
# The same in one word, where "/" cannot stand (a file name) or a column is narrow (export and table headers).
GROUP_SHORT_ZH = {"enterprise": "企业", "town": "街道", "industry": "行业"}

# What a table shows for a figure whose kind, date or period no import covers (a figure without data is not 0).
NOT_IMPORTED_ZH = "未导入"

# Holder groups (domain.md Part I "Holder groups and reconciliation"): a holder linked to the enterprise list is
# 名录内企业; else its name decides, the first group whose words it contains (so 浙江大学科技园有限公司 is an
# enterprise); else a name of 2-4 Han characters (or one carrying INDIVIDUAL_WORDS) is a person; else 其他.
# The words are data, reviewed by the office.
HOLDER_GROUP_ZH = {
    "listed": "名录内企业",
    "enterprise": "其他企业",
    "institute": "高校及科研院所",
    "individual": "个人",
    "other": "其他",
}
HOLDER_GROUP_WORDS = (
    (
        "enterprise",
        (
            "有限公司",
            "股份有限公司",
            "有限责任公司",
            "合伙企业",
            "集团",
            "公司",
            "厂",
            "企业",
            "商行",
            "合作社",
            "INC",
            "LTD",
            "LLC",
            "GMBH",
            "CORP",
        ),
    ),
    ("institute", ("大学", "学院", "学校", "研究院", "研究所", "研究中心", "实验室", "医院")),
)
INDIVIDUAL_WORDS = ("个人",)
# Why a row is or is not in a figure (ipdb explain: ``reason``); the codes are stable, the words may be reviewed.
NEAR_MISS_ZH = {
    "counted": "计入",
    "pending": "审中",
    "dead_without_date": "失效无日期",  # the register says dead without a date: ended on the register's date
    "left_snapshot": "快照中已离开",
    "holder_not_linked": "权利人不在名录",
    "under_10_years": "一年内满10年",
    "granted_after_d": "截止日后授权",
    "outside_period": "期间前后一月",
}
_PERSON = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")

# Open-ended spans use these sentinels so that range tests stay plain comparisons.
BEGINNING = date(1, 1, 1)
END_OF_TIME = date(9999, 12, 31)
BEGINNING_ISO, END_OF_TIME_ISO = BEGINNING.isoformat(), END_OF_TIME.isoformat()  # as SQLite stores dates

_SPACE = re.compile(r"\s")


def fold(text: str) -> str:
    """Text as ipdb compares it: NFKC (full-width letters, digits and signs to ASCII), no whitespace at all.

    The one normaliser; a caller that compares case-blind adds ``.upper()`` or ``.lower()``."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def holder_group(name: str, linked: bool = False) -> str:
    """The HOLDER_GROUP_ZH code of one holder (rule above)."""
    if linked:
        return "listed"
    text = fold(name).upper()  # Latin words are listed in capitals
    for group, words in HOLDER_GROUP_WORDS:
        if any(word in text for word in words):
            return group
    if _PERSON.match(text) or any(word in text for word in INDIVIDUAL_WORDS):
        return "individual"
    return "other"


def closest(text: str, choices: Iterable[str], n: int = 3) -> str:
    """ "（最接近的：A、B）" for a mistyped name (difflib, on folded text), else ""."""
    import difflib

    by_key = {fold(c).lower(): c for c in choices}
    found = difflib.get_close_matches(fold(text).lower(), list(by_key), n=n, cutoff=0.4)
    return f"（最接近的：{'、'.join(by_key[f] for f in found)}）" if found else ""
