"""locate_table: header rows, two-level headers, titles, and the rows that are not data."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from ipdb.importers.read import RawSheet, read_file
from ipdb.importers.table import (
    SKIP_NOTE,
    SKIP_REPEATED_HEADER,
    SKIP_SECTION,
    SKIP_TOTAL,
    DataRow,
    SkippedRow,
    Table,
    locate_table,
)

REALDATA = Path(__file__).resolve().parents[3] / "shared" / "realdata"
KNOWN = frozenset(
    {
        "序号",
        "企业名称",
        "统一社会信用代码",
        "申请号",
        "申请人",
        "申请日",
        "公开号",
        "标题",
        "名称",
        "专利名称",
        "专利类型",
        "注册号",
        "地区",
        "排名",
        "常住人口",
        "法律状态",
    }
)


def is_known(label: str) -> bool:
    return label in KNOWN


def raw(
    rows: list[list[object]], merged: tuple[tuple[int, int, int, int], ...] = (), first: int = 1
) -> RawSheet:
    """A RawSheet as read_file returns it: rectangular, '' and None both meaning an empty cell."""
    width = max(len(row) for row in rows)
    cells = [
        tuple(str(c) if c not in (None, "") else None for c in row) + (None,) * (width - len(row))
        for row in rows
    ]
    return RawSheet("表", cells, list(range(first, first + len(rows))), merged)


def located(sheet: RawSheet, **options: int) -> Table:
    table = locate_table(sheet, is_known, **options)
    assert table is not None
    return table


# ------------------------------------------------------------------ a bureau workbook end to end


def write_bureau_xlsx(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "专利清单"
    ws.append(["2024年第三季度XX区企业专利清单"])
    ws.merge_cells("A1:H1")
    ws.append(["填报单位：XX区市场监督管理局", None, None, None, None, None, "单位：件、万元"])
    ws.append([])
    ws.append(["序号", "企业名称", "专利信息", None, None, None, "申请日", "备注"])
    ws.append([None, None, "申请号", "专利\n名称", "专利类型", "金额（万元）"])
    for col in "ABGH":
        ws.merge_cells(f"{col}4:{col}5")
    ws.merge_cells("C4:F4")
    ws.append([1, "甲科技有限公司", "CN201710117081.7", "一种装置", "发明", 12.5, date(2017, 3, 1)])
    ws.append([2, "乙公司", 201710117081.7, "装置二", "实用新型", 3, date(2018, 1, 2), "补报"])
    ws.append([])
    ws.append([None, "小计", None, None, None, 15.5])
    ws.append([3, "丙公司", "2013106997442", "装置三", "外观设计", 0, date(2019, 5, 6)])
    ws.append(["合 计", None, None, None, None, 15.5])
    ws.append(["注：1.数据来源于国家知识产权局。"])
    ws.merge_cells("A12:H12")
    ws.append(["制表人：张三", None, None, "审核人：李四"])
    book.create_sheet("说明").append(["本表由各街道于每季度末报送。"])
    book.save(path)
    return path


def test_bureau_workbook(tmp_path: Path) -> None:
    patents, prose = read_file(write_bureau_xlsx(tmp_path / "专利清单.xlsx"))
    assert locate_table(patents, is_known) == Table(
        sheet="专利清单",
        headers=(
            "序号",
            "企业名称",
            "专利信息/申请号",
            "专利信息/专利名称",
            "专利信息/专利类型",
            "专利信息/金额（万元）",
            "申请日",
            "备注",
        ),
        header_rows=(4, 5),
        title="2024年第三季度XX区企业专利清单 填报单位：XX区市场监督管理局 单位：件、万元",
        rows=(
            DataRow(
                6, ("1", "甲科技有限公司", "CN201710117081.7", "一种装置", "发明", "12.5", "2017-03-01", None)
            ),
            DataRow(7, ("2", "乙公司", "201710117081.7", "装置二", "实用新型", "3", "2018-01-02", "补报")),
            DataRow(10, ("3", "丙公司", "2013106997442", "装置三", "外观设计", "0", "2019-05-06", None)),
        ),
        skipped=(
            SkippedRow(9, SKIP_TOTAL),
            SkippedRow(11, SKIP_TOTAL),
            SkippedRow(12, SKIP_NOTE),
            SkippedRow(13, SKIP_NOTE),
        ),
    )
    assert locate_table(prose, is_known) is None


# ------------------------------------------------------------------ finding the header row


def test_header_below_title_lines_and_blank_rows() -> None:
    table = located(
        raw(
            [["企业专利统计表"], [], ["单位：件"], [], ["序号", "申请号", "申请人"], [1, "CN1", "甲"]],
            first=3,
        )
    )
    assert table.header_rows == (7,)
    assert table.title == "企业专利统计表 单位：件"
    assert table.rows == (DataRow(8, ("1", "CN1", "甲")),)


def test_header_is_the_row_with_most_known_labels_and_the_upper_one_on_a_tie() -> None:
    best = raw([["申请号", "说明"], ["序号", "申请号", "申请人"], ["1", "CN1", "甲"]])
    assert located(best).header_rows == (2,)
    tie = raw([["申请号", "申请人"], ["序号", "申请号"], ["1", "CN1"]])
    assert located(tie).header_rows == (1,)


def test_no_header_when_too_few_labels_are_known_or_it_is_too_far_down() -> None:
    assert locate_table(raw([["申请号", "甲"], ["CN1", "乙"]]), is_known) is None
    assert locate_table(raw([["申请号", "甲"], ["CN1", "乙"]]), is_known, min_known=1) is not None
    far = raw([[f"第{i}行"] for i in range(20)] + [["序号", "申请号"], ["1", "CN1"]])
    assert locate_table(far, is_known) is None
    assert located(far, scan_rows=25).header_rows == (21,)


def test_empty_sheet_has_no_table() -> None:
    assert locate_table(RawSheet("空", [], []), is_known) is None


def test_header_labels_lose_inner_whitespace_and_keep_duplicates() -> None:
    long_label = "公开（公告）日\n（如专利类型为“发明授权”的，此项为授权公告日）"
    table = located(
        raw([["申请号", "申 请 日", long_label, "申请日"], ["CN1", "2020-01-01", "2021-01-01", "x"]])
    )
    assert table.headers == (
        "申请号",
        "申请日",
        "公开（公告）日（如专利类型为“发明授权”的，此项为授权公告日）",
        "申请日",
    )


def test_is_known_receives_cleaned_labels() -> None:
    seen: list[str] = []
    locate_table(raw([["申 请\n号", "序号"]]), lambda label: seen.append(label) or True)
    assert seen == ["申请号", "序号"]


# ------------------------------------------------------------------ two-level headers


HUNAN = [
    ["2020年11月湖南省有效发明专利统计表"],
    ["地区", "2020年11月", "职务", "", "", "", "", "非职务", "常住人口", "专利密度", "排名"],
    ["", "", "大专院校", "科研单位", "工矿企业", "机关团体", "职务总计", "个人", "(万人)", "(件/万人)", ""],
    ["长沙市", "32981", "13463", "1100", "17144", "77", "31784", "1197", "839.45", "39.29", "1"],
    ["其他", "2", "0", "0", "2", "0", "2", "0", "-", "-", ""],
    ["全省", "55313", "16000", "2000", "30000", "300", "48300", "6918", "6918.40", "8.00", ""],
]


def test_two_level_header_without_merge_information_domain_6_5() -> None:
    table = located(raw(HUNAN))
    assert table.header_rows == (2, 3)
    assert table.title == "2020年11月湖南省有效发明专利统计表"
    assert table.headers == (
        "地区",
        "2020年11月",
        "职务/大专院校",
        "职务/科研单位",
        "职务/工矿企业",
        "职务/机关团体",
        "职务/职务总计",
        "非职务/个人",
        "常住人口/(万人)",
        "专利密度/(件/万人)",
        "排名",
    )
    assert [row.cells[0] for row in table.rows] == ["长沙市", "其他"]
    assert table.rows[1].cells[8] == "-"
    assert table.skipped == (SkippedRow(6, SKIP_TOTAL),)


SCORES = [
    ["", "技术价值", "", "", "法律价值", "", "总分值"],
    ["申请号", "专利同\n族数量", "专利被\n引数量", "技术成熟度", "专利类型", "权利稳定性", ""],
    ["CN1", "3", "4", "5", "发明", "6", "80"],
]
SCORE_MERGES = ((0, 1, 0, 3), (0, 4, 0, 5), (0, 6, 1, 6))
SCORE_HEADERS = (
    "申请号",
    "技术价值/专利同族数量",
    "技术价值/专利被引数量",
    "技术价值/技术成熟度",
    "法律价值/专利类型",
    "法律价值/权利稳定性",
    "总分值",
)


def test_super_header_above_the_detected_row_with_merges() -> None:
    # the known labels (申请号, 专利类型) are on the lower row, as in realdata pingfenbiao2.xlsx
    table = located(raw(SCORES, SCORE_MERGES))
    assert (table.header_rows, table.headers) == ((1, 2), SCORE_HEADERS)
    assert table.rows == (DataRow(3, ("CN1", "3", "4", "5", "发明", "6", "80")),)


def test_super_header_above_without_merges() -> None:
    assert located(raw(SCORES)).headers == SCORE_HEADERS


def test_a_merged_title_above_the_header_is_not_a_super_header() -> None:
    rows = [["企业名录"], ["序号", "企业名称", "申请号"], ["1", "甲", "CN1"]]
    for merged in ((), ((0, 0, 0, 2),)):
        table = located(raw(rows, merged))
        assert (table.header_rows, table.headers, table.title) == (
            (2,),
            ("序号", "企业名称", "申请号"),
            "企业名录",
        )


def test_title_cells_merged_into_groups_are_not_a_super_header() -> None:
    rows = [
        ["填报单位：XX区", "", "单位：件", ""],
        ["序号", "企业名称", "申请号", "申请人"],
        ["1", "甲", "CN1", "乙"],
    ]
    table = located(raw(rows, ((0, 0, 0, 1), (0, 2, 0, 3))))
    assert table.header_rows == (2,)
    assert table.title == "填报单位：XX区 单位：件"


def test_a_first_data_row_is_not_taken_for_a_sub_header() -> None:
    # an unlabelled column after 企业名称 looks like a group, but the row below fills the other columns too
    table = located(
        raw([["序号", "企业名称", "", "申请号"], ["1", "华为", "补报", "CN1"], ["2", "中兴", "", "CN2"]])
    )
    assert table.headers == ("序号", "企业名称", "", "申请号")
    assert [row.number for row in table.rows] == [2, 3]


def test_numbers_under_a_merged_header_are_data() -> None:
    rows = [["企业名称", "申请号", "金额", ""], ["甲", "", "12", "5"]]
    table = located(raw(rows, ((0, 2, 0, 3),)), min_known=2)
    assert table.headers == ("企业名称", "申请号", "金额", "金额")
    assert table.rows == (DataRow(2, ("甲", None, "12", "5")),)


# ------------------------------------------------------------------ data rows and skipped rows


def test_blank_rows_are_dropped_and_data_beyond_the_labels_gets_an_empty_header() -> None:
    # the trailing-comma CSV case: a value right of the last label must not be lost
    rows = [["申请号", "申请人", "", ""], ["CN1", "甲", "", ""], ["", "", "", ""], ["CN2", "乙", "多余", ""]]
    table = located(raw(rows))
    assert table.headers == ("申请号", "申请人", "")
    assert table.rows == (DataRow(2, ("CN1", "甲", None)), DataRow(4, ("CN2", "乙", "多余")))


def test_unused_columns_right_of_the_table_are_trimmed() -> None:
    table = located(raw([["申请号", "申请人", "", "", ""], ["CN1", "甲", "", "", ""]]))
    assert table.headers == ("申请号", "申请人")
    assert table.rows == (DataRow(2, ("CN1", "甲")),)


def test_columns_left_of_the_table_keep_excel_positions() -> None:
    table = located(raw([["", "", "序号", "申请号"], ["", "", "1", "CN1"], ["", "", "合计", ""]]))
    assert table.headers == ("", "", "序号", "申请号")
    assert table.rows == (DataRow(2, (None, None, "1", "CN1")),)
    assert table.skipped == (SkippedRow(3, SKIP_TOTAL),)


@pytest.mark.parametrize(
    "row",
    [
        ["合计", "", "", "30"],
        ["", "合 计", "", "30"],
        ["", "", "总计：", "30"],
        ["全区", "", "", "30"],
        ["", "全区合计", "", "30"],
        ["", "城关街道小计", "", "30"],
        ["本页小计", "", "", ""],
    ],
)
def test_total_rows(row: list[object]) -> None:
    table = located(raw([["序号", "企业名称", "地区", "数量"], ["1", "甲", "城关", "30"], row]))
    assert table.skipped == (SkippedRow(3, SKIP_TOTAL),)
    assert len(table.rows) == 1


@pytest.mark.parametrize(
    "row",
    [
        ["2", "合计科技有限公司合计", "城关", "1"],  # long text ending in 合计 is a name, not a label
        ["2", "甲", "城关", "合计"],  # beyond the first three columns
        ["2", "全区域网络有限公司", "城关", "1"],
    ],
)
def test_rows_that_only_resemble_totals_are_data(row: list[object]) -> None:
    table = located(raw([["序号", "企业名称", "地区", "数量"], ["1", "甲", "城关", "30"], row]))
    assert table.skipped == ()
    assert len(table.rows) == 2


@pytest.mark.parametrize(
    "row",
    [
        ["注：1.数据来源于国家知识产权局。"],
        ["注 : 本表不含港澳台"],
        ["说明：企业名称以营业执照为准"],
        ["数据来源：区市场监管局"],
        ["制表人：张三", "", "审核人：李四", "填报日期：2024-10-08"],
        ["制表人：", "张三", "审核人：", "李四"],
    ],
)
def test_note_rows(row: list[object]) -> None:
    table = located(raw([["序号", "企业名称", "地区", "数量"], ["1", "甲", "城关", "30"], row]))
    assert table.skipped == (SkippedRow(3, SKIP_NOTE),)


def test_repeated_headers_and_section_titles_of_a_multi_block_sheet() -> None:
    # the layout of realdata green-credit-policy/data01.xlsx, sheet 绿色产品名单
    header = ["序号", "企业名称", "产品名称", "产品型号", "推荐单位"]
    rows = [
        ["1.家用洗涤剂（79种）"] * 5,
        ["适用评价标准：《生态设计产品评价规范》"] * 5,
        ["绿色设计亮点："] + ["不使用易造成污染的原料"] * 4,
        header,
        ["1", "甲公司", "香皂", "60*105g", "安徽省经信厅"],
        ["2.可降解塑料（3种）"] * 5,
        ["绿色设计亮点："] + ["可降解"] * 4,
        [" 序号", "企业\n名称", "产品名称", "产品型号", "推荐单位"],
        ["1", "乙公司", "地膜", "A1", "广东省工信厅"],
        ["\u2003序号", "企业名称", "产品名称", "产品型号", "推荐单位"],  # an em space: str.split drops it
    ]
    table = located(raw(rows))
    assert table.header_rows == (4,)
    assert table.title.startswith(
        "1.家用洗涤剂（79种） 适用评价标准：《生态设计产品评价规范》 绿色设计亮点："
    )
    assert [row.number for row in table.rows] == [5, 9]
    assert table.skipped == (
        SkippedRow(6, SKIP_SECTION),
        SkippedRow(7, SKIP_SECTION),
        SkippedRow(8, SKIP_REPEATED_HEADER),
        SkippedRow(10, SKIP_REPEATED_HEADER),
    )


def test_a_repeated_two_level_header_is_skipped_whole() -> None:
    rows = HUNAN[1:4] + HUNAN[1:3] + HUNAN[3:4]
    table = located(raw(rows))
    assert table.skipped == (SkippedRow(4, SKIP_REPEATED_HEADER), SkippedRow(5, SKIP_REPEATED_HEADER))
    assert len(table.rows) == 2


def test_a_merged_one_cell_row_is_a_section_title_but_an_unmerged_one_is_data() -> None:
    rows = [["序号", "企业名称", "地区"], ["一、高新技术企业"], ["1", "甲", "城关"], ["二、其他企业"]]
    table = located(raw(rows, ((1, 0, 1, 2),)))
    assert table.skipped == (SkippedRow(2, SKIP_SECTION),)
    assert [row.number for row in table.rows] == [3, 4]


@pytest.mark.parametrize(
    "row",
    [
        ["甲公司", "是", "是", "是"],  # yes/no flags of one enterprise
        ["", "0", "0", "0"],  # a row of zeros without a name
        ["乙公司", "-", "-", "-"],
        ["甲公司", "是", "否", "甲公司"],  # first and last agree, the middle does not
        ["类别：", "甲", "乙", "丙"],  # a label with a colon, different texts after it
        ["类别：", "甲", "甲", "乙"],
    ],
)
def test_rows_with_repeated_values_are_data(row: list[object]) -> None:
    table = located(raw([["企业名称", "是否高新", "是否规上", "是否专精特新"], row]), min_known=1)
    assert table.skipped == ()
    assert len(table.rows) == 1


# ------------------------------------------------------------------ the public samples


needs_realdata = pytest.mark.skipif(
    not REALDATA.is_dir(), reason=f"public sample folder {REALDATA} is absent"
)


def sheet_of(relative: str, name: str) -> RawSheet:
    return {sheet.name: sheet for sheet in read_file(REALDATA / relative)}[name]


@needs_realdata
@pytest.mark.parametrize(
    ("relative", "sheet", "header_rows", "data_rows", "title"),
    [
        ("patent-container/incopat_iflytek_3816.xlsx", "下载的著录项1", (1,), 3816, ""),
        ("patent-container/patentics_cambricon_ANN-20210414.xlsx", "Patentics", (2,), 357, "Patentics"),
        ("patent-container/derwent_ti.xls", "Sheet1", (2,), 68, "Derwent Innovation Patent Export"),
        ("patent-container/patentics_apollo_20220414.csv", "patentics_apollo_20220414", (1,), 51, ""),
        ("build-kg/2.6.2.3_wuji_chuqing-2.xlsx", "2.6.2.3 无机储氢-2", (1,), 511, ""),
        ("enterprise-registration/csv_2019_xizang.csv", "csv_2019_xizang", (1,), 2232, ""),
    ],
)
def test_public_sample_tables(
    relative: str, sheet: str, header_rows: tuple[int, ...], data_rows: int, title: str
) -> None:
    table = located(sheet_of(relative, sheet))
    assert (table.header_rows, len(table.rows), table.skipped) == (header_rows, data_rows, ())
    assert table.title.startswith(title)


@needs_realdata
def test_public_multi_block_sheet() -> None:
    table = located(sheet_of("green-credit-policy/data01.xlsx", "绿色产品名单"))
    assert table.header_rows == (4,)
    assert len(table.rows) == 989
    assert Counter(row.reason for row in table.skipped) == {SKIP_REPEATED_HEADER: 124, SKIP_SECTION: 372}


@needs_realdata
def test_public_two_level_header_with_merges() -> None:
    table = located(sheet_of("renyidake-streamlit/pingfenbiao2.xlsx", "既有专利"))
    assert table.header_rows == (1, 2)
    assert table.headers[:3] == ("申请号", "技术价值/专利同族数量", "技术价值/专利被引数量")
    assert table.headers[15:] == ("技术价值分值", "法律价值分值", "经济价值分值", "总分值")


@needs_realdata
def test_public_list_without_header_has_no_table() -> None:
    assert locate_table(sheet_of("wkun-trademark/info.csv", "info"), is_known) is None
