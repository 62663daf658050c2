"""Every other kind of list: a small messy file each, asserting exact stored values, rejects and warnings."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from support import TODAY, one, query, run, write_sheet

from ipdb.importers import KINDS


def test_enterprise_list_links_holders_by_code_name_and_former_name(db, tmp_path):
    patents = write_sheet(tmp_path / "p.xlsx", ["申请号", "专利权人", "统一社会信用代码", "授权公告日"], [
        ["201610311380.X", "云溪（杭州）科技有限公司", "", "2018-03-02"],  # full-width brackets: name match
        ["201710117081.7", "旧名称有限公司", "", "2019-01-01"],  # a former name
        ["201910349801.1", "代码公司", "914403001922038216", "2020-01-01"],  # credit code beats the name
        ["201810431317.9", "某大学", "", "2020-01-01"],  # unmatched
    ])
    one(db, patents, as_of=date(2026, 6, 30))
    assert query(db, "SELECT COUNT(*) FROM holder WHERE company_id IS NOT NULL") == [(0,)]
    companies = write_sheet(tmp_path / "c.xlsx", ["序号", "企业名称", "统一社会信用代码", "曾用名", "所属街道", "行业"], [
        [1, "云溪(杭州)科技有限公司", "91110108551385082Q", "", "城东街道", "软件和信息技术服务业"],
        [2, "新名称有限公司", "91110000600037341L", "旧名称有限公司", "城西街道", "专用设备制造业"],
        [3, "华为技术有限公司", "914403001922038216", "", "滨江街道", "计算机、通信和其他电子设备制造业"],
    ], title="云溪区重点企业名录（截至2026年6月30日）")
    report = one(db, companies)
    assert (report.kind, report.inserted, report.as_of) == ("companies", 3, date(2026, 6, 30))
    linked = query(db, "SELECT h.name, c.credit_code FROM holder h LEFT JOIN company c ON c.id = h.company_id "
                       "ORDER BY h.id")
    assert linked == [("云溪（杭州）科技有限公司", "91110108551385082Q"), ("旧名称有限公司", "91110000600037341L"),
                      ("代码公司", "914403001922038216"), ("某大学", None)]
    assert query(db, "SELECT COUNT(DISTINCT company_id) FROM holding_fact") == [(3,)]


def test_registers_imported_after_the_enterprise_list_are_linked_too(db, tmp_path):
    one(db, write_sheet(tmp_path / "c.xlsx", ["企业名称", "统一社会信用代码"], [["甲科技有限公司", "91110108551385082Q"]]),
        as_of=date(2026, 6, 30))
    one(db, write_sheet(tmp_path / "p.xlsx", ["申请号", "专利权人", "授权公告日"], [["201610311380.X", "甲科技有限公司", "2018-03-02"]]),
        as_of=date(2026, 6, 30))
    assert query(db, "SELECT COUNT(*) FROM holding_fact") == [(1,)]


def test_a_renamed_enterprise_keeps_one_identity(db, tmp_path):
    headers = ["企业名称", "统一社会信用代码", "曾用名", "所属街道"]
    one(db, write_sheet(tmp_path / "q2.xlsx", headers, [["旧名称有限公司", "91110000600037341L", "", "城西街道"]]),
        as_of=date(2026, 6, 30))
    q3 = one(db, write_sheet(tmp_path / "q3.xlsx", headers, [
        ["新名称有限公司", "91110000600037341L", "旧名称有限公司", "城西街道"],
        ["乙有限公司", "914403001922038216", "", "城东街道"],
        ["乙有限公司", "914403001922038216", "", "城东街道"]]), as_of=date(2026, 9, 30))
    assert (q3.updated, q3.inserted, q3.unchanged) == (1, 1, 1)
    again = one(db, write_sheet(tmp_path / "q4.xlsx", headers, [["新名称有限公司", "91110000600037341L", "旧名称有限公司",
                                                                  "城西街道"]]), as_of=date(2026, 12, 31))
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 1)
    assert query(db, "SELECT COUNT(*) FROM company") == [(2,)]
    assert query(db, "SELECT lo, hi, name FROM company_fact WHERE name LIKE '%名称%' ORDER BY lo") == [
        ("0001-01-01", "2026-09-30", "旧名称有限公司"), ("2026-09-30", "2026-12-31", "新名称有限公司"),
        ("2026-12-31", "9999-12-31", "新名称有限公司")]


def test_trademarks_parse_classes_terms_and_statuses(db, tmp_path):
    headers = ["注册号", "国际分类", "商标名称", "注册人", "注册公告日期", "专用权期限", "商标状态"]
    rows = [
        ["9023455", "第39类", "云溪", "甲公司", "2012-07-14", "2012年07月14日 至 2022年07月13日", "已注册"],
        ["9023455", "09", "云溪", "甲公司", "2012-07-14", "2012.7.14-2032.7.13", "已注册"],
        ["12345678", "第三十五类", "乙", "乙公司", "", "2016年07月14日 至 2026年07月13日", "注销"],
        ["7654321", "46", "丙", "丙公司", "2015-01-01", "", "已注册"],
    ]
    report = one(db, write_sheet(tmp_path / "t.xlsx", headers, rows), as_of=date(2026, 9, 30))
    assert (report.kind, report.inserted, report.rejected) == ("trademarks", 3, 1)
    assert [(i.row, i.column, i.value) for i in report.issues] == [(5, "国际分类", "46")]
    stored = query(db, "SELECT r.key, s.granted_on, s.ends_on, s.status_class FROM right r "
                       "JOIN right_observation o ON o.right_id = r.id JOIN right_state s ON s.id = o.state_id ORDER BY r.key")
    assert stored == [
        ("12345678/35", "2016-07-14", "2026-07-14", "dead"),
        ("9023455/39", "2012-07-14", "2022-07-14", "in_force"),  # term ends 07-13 inclusive: first day out is 07-14
        ("9023455/9", "2012-07-14", "2032-07-14", "in_force"),
    ]


def test_madrid_subsequent_designation_is_not_a_new_registration(db, tmp_path):
    headers = ["国际注册号", "商标名称", "注册人", "国际注册日期", "到期日期", "指定国家", "状态"]
    rows = [["1234567", "YUNXI", "甲公司", "2019-04-02", "2029-04-02", "美国；日本", "有效"],
            ["1234567", "YUNXI", "甲公司", "2019-04-02", "2029-04-02", "德国（后期指定）", "有效"],
            ["G7654321", "ABC", "乙公司", "2010-01-01", "2020-01-01", "法国", "有效"]]
    report = one(db, write_sheet(tmp_path / "m.xlsx", headers, rows), as_of=date(2026, 9, 30))
    assert (report.kind, report.rows, report.inserted, report.unchanged) == ("madrid", 3, 2, 1)
    assert query(db, "SELECT key, number FROM right ORDER BY key") == [("1234567", "1234567"), ("7654321", "7654321")]


def test_well_known_marks_keep_each_recognition(db, tmp_path):
    headers = ["商标名称", "注册号", "企业名称", "认定年份", "认定途径"]
    rows = [["云溪", "9023455", "甲公司", "2015", "行政认定"], ["云溪", "9023455", "甲公司", "2021年", "司法认定"],
            ["", "", "乙公司", "2020", "行政认定"]]
    report = one(db, write_sheet(tmp_path / "w.xlsx", headers, rows), as_of=date(2026, 9, 30))
    assert (report.kind, report.inserted, report.rejected) == ("well-known", 2, 1)
    assert query(db, "SELECT mark_key, recognized_on FROM well_known_mark ORDER BY recognized_on") == [
        ("9023455", "2015-12-31"), ("9023455", "2021-12-31")]


def test_standard_list_without_category_needs_set(db, tmp_path):
    headers = ["企业名称", "统一社会信用代码", "证书编号", "发证日期", "有效期至"]
    path = write_sheet(tmp_path / "贯标.xlsx", headers, [
        ["甲公司", "91110108551385082Q", "CERT-1", "2024-03-01", "2027-02-28"],
        ["乙公司", "", "CERT-2", "2021.5.6", "2024.5.5"]])
    (failed,) = run(db, path)
    assert failed.error and "类别" in failed.error and "--set" in failed.error
    report = one(db, path, sets={"类别": "贯标"}, as_of=date(2026, 9, 30))
    assert (report.kind, report.inserted) == ("designations", 2)
    assert query(db, "SELECT category, level, designated_on, valid_until FROM designation ORDER BY designated_on") == [
        ("standard", "national", "2021-05-06", "2024-05-05"), ("standard", "national", "2024-03-01", "2027-02-28")]


def test_awards_keep_year_and_session_apart(db, tmp_path):
    headers = ["专利号", "专利名称", "专利权人", "奖项等级", "届次", "获奖年度"]
    rows = [["ZL201610311380.X", "检测装置", "甲公司", "中国专利银奖", "第二十五届", "2024"],
            ["201710117081.7", "方法", "乙公司；丙大学", "优秀奖", "第二十五届", "2024年"],
            ["201710117081.7", "方法", "乙公司", "特等奖", "第二十六届", "2025"]]
    report = one(db, write_sheet(tmp_path / "a.xlsx", headers, rows), as_of=date(2026, 9, 30))
    assert (report.kind, report.inserted, report.rejected) == ("awards", 2, 1)
    assert query(db, "SELECT patent_key, level, award_year, session FROM patent_award ORDER BY patent_key") == [
        ("201610311380", "silver", 2024, "第二十五届"), ("201710117081", "excellence", 2024, "第二十五届")]


def test_projects_store_status_classes(db, tmp_path):
    headers = ["项目名称", "项目类型", "导航类别", "级别", "承担单位", "立项年度", "项目状态", "资助金额（万元）"]
    rows = [["智能装备产业专利导航", "专利导航", "产业", "省级", "甲公司", "2026", "立项", "50"],
            ["甲公司企业专利导航", "专利导航", "企业", "区级", "甲公司", "2026", "拟立项", "10"],
            ["高价值组合", "高价值专利组合培育", "", "市级", "乙公司", "2025", "已验收", "100"]]
    report = one(db, write_sheet(tmp_path / "pr.xlsx", headers, rows), as_of=date(2026, 9, 30))
    assert (report.kind, report.inserted) == ("projects", 3)
    assert query(db, "SELECT program, nav_kind, level, approval_year, status_class, amount_yuan FROM project "
                     "ORDER BY amount_yuan") == [("navigation", "enterprise", "district", 2026, "not_approved", 100000),
                                                 ("navigation", "industry", "provincial", 2026, "approved", 500000),
                                                 ("high_value", None, "city", 2025, "approved", 1000000)]


def test_pledges_count_a_loan_once_with_units_from_header_and_cell(db, tmp_path):
    headers = ["序号", "出质人", "统一社会信用代码", "质权人", "融资金额（万元）", "质押登记日", "质押登记号", "质押期限", "质押物"]
    rows = [[1, "甲公司", "91110108551385082Q", "云溪银行城东支行", "500", "2026-03-05", "Y2026001",
             "2026.3.5-2027.3.4", "201610311380.X；201710117081.7；ZL201910349801.1"],
            [2, "乙公司", "", "云溪银行城西支行", "0.12亿元", "2026/8/1", "Y2026002", "", "9023455"],
            [3, "丙公司", "", "云溪银行", "伍佰万元", "2026-08-02", "Y2026003", "", ""]]
    report = one(db, write_sheet(tmp_path / "质押.xlsx", headers, rows, bottom=[["合计", "", "", "", "1700"]]),
                 as_of=date(2026, 9, 30))
    assert (report.kind, report.inserted, report.rejected, report.skipped) == ("pledges", 2, 1, 1)
    assert query(db, "SELECT registration_no, amount_yuan, registered_on, term_end FROM pledge_loan ORDER BY id") == [
        ("Y2026001", 5_000_000, "2026-03-05", "2027-03-04"), ("Y2026002", 12_000_000, "2026-08-01", None)]
    assert query(db, "SELECT right_kind, COUNT(*) FROM pledged_right GROUP BY right_kind") == [
        ("patents", 3), ("trademarks", 1)]


def test_fund_list_without_dates_takes_the_year_in_its_title(db, tmp_path):
    rows = [["甲公司", "贯标补助", "10"], ["乙公司", "质押融资贴息", "3.5"]]
    path = write_sheet(tmp_path / "资金.xlsx", ["企业名称", "项目类别", "申报金额（万元）"], rows,
                       title="2021年度云溪区知识产权专项资金拟资助名单")
    report = one(db, path)
    assert (report.kind, report.as_of, report.as_of_source) == ("funds", date(2021, 12, 31), "title")
    assert query(db, "SELECT amount_yuan, dated_on FROM fund_application ORDER BY amount_yuan") == [
        (35000, "2021-12-31"), (100000, "2021-12-31")]


def test_cases_from_a_gbk_csv(db, tmp_path):
    path = tmp_path / "案件.csv"
    with path.open("w", encoding="gbk", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["案件编号", "案件名称", "当事人", "案件类型", "立案日期", "结案日期", "案值（万元）", "罚没款（万元）"])
        writer.writerow(["云市监〔2026〕1号", "销售假冒商品案", "某商行", "侵权假冒", "2026-05-01", "2026-08-20", "1.5", "3"])
        writer.writerow(["云市监〔2026〕2号", "标注违法案", "某公司", "一般违法", "2026-07-01", "", "", ""])
    report = one(db, path, as_of=date(2026, 9, 30))
    assert (report.kind, report.inserted) == ("cases", 2)
    assert query(db, "SELECT case_type, closed_on, value_yuan, fine_yuan FROM trademark_case ORDER BY case_key") == [
        ("侵权假冒", "2026-08-20", 15000, 30000), ("一般违法", None, None, None)]


def test_legacy_xls_with_other_header_words(db, tmp_path):
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("专利")
    for col, header in enumerate(["专利号", "专利名称", "权利人", "申请日", "授权公告日", "法律状态"]):
        sheet.write(0, col, header)
    for col, value in enumerate(["00814037.5", "旧专利", "甲公司", "2000-08-01", "2003-01-01", "有效"]):
        sheet.write(1, col, value)
    for col, value in enumerate(["814037.5", "旧专利", "甲公司", "2000-08-01", "2003-01-01", "有效"]):
        sheet.write(2, col, value)
    path = tmp_path / "老系统导出.xls"
    book.save(str(path))
    report = one(db, path, as_of=date(2026, 9, 30))
    assert (report.kind, report.inserted, report.unchanged, report.warnings) == ("patents", 1, 1, 1)
    assert query(db, "SELECT key, number, category FROM right") == [("00814037", "00814037.5", "invention")]


def test_unknown_header_mapped_with_map(db, tmp_path):
    path = write_sheet(tmp_path / "x.xlsx", ["专利号码", "所有人"], [["201610311380.X", "甲公司"]])
    (failed,) = run(db, path)
    assert failed.error
    report = one(db, path, maps={"专利号码": "申请号", "所有人": "专利权人"}, as_of=TODAY)
    assert (report.kind, report.inserted) == ("patents", 1)


def test_ambiguous_headers_are_a_question_not_a_guess(db, tmp_path):
    # 企业名称 + 金额 fits the fund list and, with --set 类别, a designation list as well
    path = write_sheet(tmp_path / "x.xlsx", ["企业名称", "统一社会信用代码"], [["甲公司", "91110108551385082Q"]])
    report = one(db, path, as_of=TODAY)
    assert report.kind == "companies"
    (failed,) = run(db, write_sheet(tmp_path / "y.xlsx", ["名称", "年度"], [["甲", "2021"]]))
    assert failed.error and "--kind" in failed.error


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_template_header_is_detected_as_its_own_kind(kind):
    from ipdb.importers.binding import Options, detect

    spec = KINDS[kind]
    headers = tuple(c.header for c in spec.columns)
    assert detect(list(KINDS.values()), headers, Options({}, {}), "模板") is spec
