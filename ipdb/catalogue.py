"""Every reject and warning ipdb reports, by stable code: its severity, Chinese title and message template.

As frictionless keeps its error classes (``type``, ``title``, ``template``): the code is what scripts and the
rejects JSON match on and never changes once released; the title names the problem in a table or a sheet;
the template is the sentence a clerk reads, filled from named fields (``message(code, **fields)``). A parser
may write a more specific sentence of its own under the same code. Light: standard library only, so that
the values layer can raise with these codes (tests/test_catalogue.py checks that every code raised in
``ipdb/`` is listed here).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    code: str
    severity: str  # 'reject' (the row is not stored) | 'warning' (the row is kept)
    title: str
    template: str


# fmt: off
_ENTRIES = (
    # ---- rejects: the row is not stored, and can be exported, fixed and sent back
    Entry("missing_required", "reject", "必填项为空", "「{column}」为空，这一行无法导入"),
    Entry("empty", "reject", "值为空", "{column}为空"),
    Entry("unparseable", "reject", "无法识别", "无法识别的{column}"),
    Entry("row_check", "reject", "行内容不一致", "{reason}"),
    Entry("bad_length", "reject", "位数不对", "申请号位数不对：应为8位或12位数字（可带校验位）"),
    Entry("bad_chars", "reject", "含不允许的字符", "{column}含有不允许的字符"),
    Entry("bad_format", "reject", "格式不对", "{column}的格式不对"),
    Entry("bad_year", "reject", "年份无法识别", "无法识别的年份：应为四位数字（如 2021 或 2021年度）"),
    Entry("year_out_of_range", "reject", "年份超出范围", "年份{year}不在{first}至{last}之间"),
    Entry("bad_date", "reject", "日期无法识别", "无法识别的日期：应为 2021-03-05、2021.3.5、2021年3月5日 等形式"),
    Entry("impossible_date", "reject", "日期不存在", "日期不存在：{year}年{month}月{day}日"),
    Entry("bad_range", "reject", "日期区间无法识别", "无法识别的日期区间：应写成“2021.3.5-2022.3.4”"),
    Entry("bad_quarter", "reject", "季度无法识别", "季度应写成 2021Q3 的形式"),
    Entry("bad_period", "reject", "统计期间无法识别", "无法识别的统计期间"),
    Entry("bad_amount", "reject", "金额无法识别", "无法识别的金额：应为数字，可带单位（如 500、500万元、0.05亿元）"),
    Entry("chinese_numerals", "reject", "金额用了中文数字", "金额用了中文数字：请改写为阿拉伯数字（如 500万元）"),
    Entry("negative", "reject", "金额为负数", "金额不能为负数"),
    Entry("amount_too_large", "reject", "金额超出合理范围", "金额超过 1 万亿元，超出合理范围：请核对数值和单位"),
    Entry("foreign_currency", "reject", "外币金额", "金额是外币（{currency}），不计入本区：请换算成人民币后填写"),
    Entry("scientific_notation", "reject", "科学计数法", "{column}被Excel存成了科学计数法，位数已丢失"),
    Entry("bad_patent_type", "reject", "专利类型无法识别", "无法识别的专利类型：应为发明、实用新型或外观设计"),
    Entry("bad_type_digit", "reject", "申请种类号不对", "申请种类号（第{position}位）为{digit}，应为1、2、3、8或9"),
    Entry("pct_number", "reject", "PCT国际申请号", "这是PCT国际申请号，不是中国申请号"),
    Entry("publication_number", "reject", "公开号", "这是公开号（公告号），不是申请号：请填写申请号"),
    Entry("foreign_number", "reject", "外国或国际组织专利", "外国或国际组织专利，不计入本区"),
    Entry("madrid_number", "reject", "马德里国际注册号", "G开头的是马德里国际注册号，不是国内商标注册号"),
    Entry("bad_class", "reject", "尼斯分类不对", "尼斯分类应为1至45"),
    Entry("bad_yes_no", "reject", "是否无法识别", "应填写“是”或“否”"),
    Entry("bad_level", "reject", "级别无法识别", "级别无法识别：应为 国家级、省级、市级 或 区级"),
    Entry("bad_award_level", "reject", "奖项等级无法识别", "奖项等级无法识别：应为 金奖、银奖 或 优秀奖"),
    Entry("bad_nav_kind", "reject", "导航类别无法识别", "导航类别无法识别：应为 企业、产业 或 区域"),
    Entry("csv_unclosed_quote", "reject", "引号未闭合", "第 {row} 行有一个引号没有闭合，会把其后 {swallowed} 行并进一个单元格"),
    Entry("csv_extra_fields", "reject", "列数多于表头", "第 {row} 行比表头多 {extra} 列，各列已错位"),
    Entry("csv_truncated", "reject", "文件不完整", "文件在第 {row} 行中间就结束了，文件可能不完整"),
    Entry("unconvertible_cell", "reject", "单元格无法转换", "{column}的值「{value}」无法转换（如超出范围的日期）"),
    Entry("bad_collateral", "reject", "质押物无法识别", "质押物「{token}」既不是专利申请号也不是商标注册号"),
    # ---- warnings: the row is kept, and the report says what to check
    Entry("bad_check_char", "warning", "校验位不符", "校验位不符：应为 {expected}，表中为 {found}"),
    Entry("zeros_restored", "warning", "补回开头的0", "申请号开头的0被Excel删掉了，已补回为 {number}"),
    Entry("excel_truncated", "warning", "末位被Excel改动", "{detail}"),
    Entry("duplicate_differs", "warning", "同一权利内容不同", "与第 {first} 行是同一项权利但内容不同，以后出现的行为准"),
    Entry("possible_duplicate", "warning", "疑似重复", "与第 {first} 行的各项内容完全相同，两行都已导入：如确是重复，请删去一行后重新导入"),
    Entry("ignored_column", "warning", "未识别的列", "列 {column}「{header}」不对应任何字段，未导入"),
    Entry("inferred_column", "warning", "按内容识别的列", "列 {column}「{header}」按内容识别为「{field}」"),
    Entry("totals_mismatch", "warning", "合计不符", "合计行为{stated}，导入的行合计{imported}，相差{difference}"),
    Entry("date_after_as_of", "warning", "日期晚于清单日期", "{column}{value}晚于清单截止日{as_of}"),
    Entry("date_after_today", "warning", "日期晚于今天", "{column}{value}晚于今天{today}"),
    Entry("grant_before_filing", "warning", "授权早于申请", "授权日{granted}早于申请日{filed}"),
    Entry("term_mismatch", "warning", "有效期与注册日不符", "专用权期限至{end}，与注册日{registered}起每10年一期不符"),
    Entry("far_cell_ignored", "warning", "远离表格的单元格", "单元格 {column} 远离表格，已忽略"),
    # ---- notes: said once per file, with the number of rows ('note' rows are stored and are not warnings)
    Entry("derwent_number", "note", "Derwent申请号", "{count} 行的申请号是 Derwent 格式（12位数字加类型字母），无校验位可核对，已按申请号导入"),
)
# fmt: on

CATALOGUE: dict[str, Entry] = {entry.code: entry for entry in _ENTRIES}


def entry(code: str) -> Entry:
    return CATALOGUE[code]


def title(code: str) -> str:
    """The Chinese title of a code; an unknown code (from an older database) is shown as it is."""
    found = CATALOGUE.get(code)
    return found.title if found else code


def message(code: str, **fields: object) -> str:
    """The Chinese sentence of ``code``, its template filled from ``fields``."""
    return CATALOGUE[code].template.format(**fields)
