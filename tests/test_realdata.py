"""Real public spreadsheets (../shared/realdata, see its SOURCES.md) imported end to end into a fresh store.

The files are read in place and never copied into the project (their licences do not allow it).

Every expected number below was computed WITHOUT ipdb, by a throwaway script: openpyxl
(``data_only=True``, ``reset_dimensions()``) for .xlsx, python-calamine for the one .xls, the stdlib
csv module for .csv (utf-8-sig, else gb18030); a data row = a non-blank row below the header row
found by eye; an application number is valid when, after NFKC, upper-casing and removing spaces,
hyphens and '·', it fully matches ``(?:CN|ZL)?(\\d{8}|\\d{12})\\.?([0-9X])?`` with a plausible year
and a type digit 1/2/3/8/9 (domain.md §1.6, check character by §1.4); the key is the body.
For every imported patent file the script also compared, patent by patent, the set of stored
keys and each stored number's category (type digit), filing date, holders (当前权利人, else 申请人,
split on ; ； | 、 and line breaks) and legal status with its own reading of the cell: all equal,
except the three holders of the HP case below (test_comma_inside_one_chinese_name_is_not_a_separator).
Unified social credit codes were checked with an own GB 32100 mod-31 implementation (domain.md §2.3).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from ipdb.errors import IpdbError, NoTableFound, UnknownSheetKind
from ipdb.importers.pipeline import ImportOptions, import_file, import_files
from ipdb.importers.report import ImportReport
from ipdb.store import Store, open_store

REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"
pytestmark = pytest.mark.skipif(
    not REALDATA.is_dir(),
    reason=f"../shared/realdata 不存在：{REALDATA} 下没有真实样例表格（CI 需把 shared/ 放在仓库旁边），跳过真实数据测试。",
)

AS_OF = date(2024, 12, 31)
TODAY = date(2026, 1, 1)
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Expect:
    path: str  # relative to REALDATA
    kind: str  # the kind ipdb must detect on its own (kind=None)
    rows: int  # data rows
    rejected: int  # rows not stored (foreign / PCT numbers)
    distinct: int  # distinct patents ("right" rows) or enterprises (company rows) stored
    categories: tuple[int, int, int] = (0, 0, 0)  # invention, utility, design among the distinct patents


# rows - rejected - distinct = rows repeating a patent already in the file (A and B publications, gotcha 5).
# No file has a check-character mismatch or a bad credit code, so every import has 0 warnings.
IMPORTED = [
    # openpyxl: 3816 rows; rejects = 3 PCT numbers (WOCN19082039 …); 10 old 8-digit numbers ok; types = 专利类型
    Expect("patent-container/incopat_iflytek_3816.xlsx", "patents", 3816, 3, 3813, (2509, 652, 652)),
    # openpyxl: 73 rows (file name says 72); rejects TW110132167, TW110123266, WOIT20000045, IT202020000000280
    Expect("patent-container/incopat_openai_72.xlsx", "patents", 73, 4, 69, (67, 0, 2)),
    # openpyxl, sheet Patentics (分析库 empty): 20 rows, all CN, all valid
    Expect("patent-container/patentics_banma_cn21.xlsx", "patents", 20, 0, 20, (19, 1, 0)),
    # openpyxl, sheet Patentics: 20 rows, all CN inventions
    Expect("patent-container/patentics_transfer_learning_cn20.xlsx", "patents", 20, 0, 20, (20, 0, 0)),
    # openpyxl, header on row 2 under the title row: 357 rows, 29 numbers twice (A and B publication) -> 328
    Expect("patent-container/patentics_cambricon_ANN-20210414.xlsx", "patents", 357, 0, 328, (321, 7, 0)),
    # openpyxl: 511 rows; the 3 copies of 申请日/公开/公告日/授权日 are identical in every row
    Expect("patent-container/patentics_thundersoft_cn.xlsx", "patents", 511, 0, 511, (481, 30, 0)),
    # csv (BOM, 24 header fields, 25 per data row): 51 rows, all valid
    Expect("patent-container/patentics_apollo_20220414.csv", "patents", 51, 0, 51, (50, 1, 0)),
    # csv: 4483 rows, all valid CN numbers, no repeats
    Expect("patent-container/patentics_cnapp_ar_20220530.csv", "patents", 4483, 0, 4483, (3735, 748, 0)),
    # openpyxl: 199 rows, all CN utility models (dotted text dates 2012.05.31)
    Expect("naive-bayes-patents/xunlian_wenjian.xlsx", "patents", 199, 0, 199, (0, 199, 0)),
    # openpyxl: 511 rows; 258 foreign/PCT numbers rejected (JP 39, US 34, KR 31, WO… 31, EP 25, …; no CN)
    Expect("build-kg/2.6.2.3_wuji_chuqing-2.xlsx", "patents", 511, 258, 253, (242, 11, 0)),
    # csv: 63 rows, 63 distinct credit codes, all pass the GB 32100 check (62 × 91…, 1 × 93…)
    Expect("enterprise-registration/csv_2018_ningxia.csv", "companies", 63, 0, 63),
    # csv: 2232 rows, 2232 distinct credit codes, all pass (91… 2181, 93… 32, 92… 19)
    Expect("enterprise-registration/csv_2019_xizang.csv", "companies", 2232, 0, 2232),
    # patent-container/derwent_ti.xls (calamine: 68 rows, 23 foreign rejects, 45 patents) has its own test below:
    # test_derwent_export_keeps_its_cn_numbers_and_rejects_its_wo_numbers_as_foreign.
]


@dataclass(frozen=True)
class Refusal:
    path: str
    kind: str | None
    error: type[IpdbError]
    names: str  # text the Chinese message must contain


# Files that genuinely cannot be imported: a clear Chinese error, nothing written.
REFUSED = [
    # calamine: 548 rows × 9, no header row at all (13-digit numbers like 2014100512565 in column B)
    Refusal("patent-container/applicants_500.xls", None, NoTableFound, "没有找到可识别的清单表头"),
    # openpyxl: 1999 rows (1327 CN publications) but only 公开(公告)号 — no cell anywhere looks like an
    # application number, and publication numbers must never stand in for one (gotcha 4)
    Refusal("green-aviation/20240401085613950.xlsx", None, UnknownSheetKind, "缺少必需的列：申请号"),
    # openpyxl: 13086 rows, only 公开公告号 (CN305624945S …); no cell looks like an application number
    Refusal("renyidake-streamlit/2020-2022_zhongzhixin.xlsx", None, UnknownSheetKind, "缺少必需的列：申请号"),
    # openpyxl: 33 rows, CNKI headers (title, author, com, public, sql, quote, …); no application
    # number anywhere (href holds publication numbers such as CN108982325A)
    Refusal("zhiwang-zhuanli/MaterialChemistry_18_19.xlsx", None, NoTableFound, "没有找到可识别的清单表头"),
    Refusal("zhiwang-zhuanli/MaterialChemistry_18_19.xlsx", "patents", NoTableFound, "没有找到可识别的清单表头"),
    # csv (gb18030): 7150 rows (7108 × 6 fields, 42 × 5), first row is data (301, 59068242, 9, …): no header
    Refusal("wkun-trademark/info.csv", None, NoTableFound, "没有找到可识别的清单表头"),
    Refusal("wkun-trademark/info.csv", "trademarks", NoTableFound, "没有找到可识别的清单表头"),
]


# ---------------------------------------------------------------------------------------------- helpers


@dataclass
class Imported:
    store: Store
    report: ImportReport


Load = Callable[[str], Imported]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Load]:
    """imported(path): the file imported once, kind detected by ipdb, into its own fresh store."""
    cache: dict[str, Imported] = {}

    def load(relative: str) -> Imported:
        if relative not in cache:
            store = open_store(tmp_path_factory.mktemp("realdata") / "ipdb.sqlite")
            [report] = import_files(store, [REALDATA / relative], ImportOptions(as_of=AS_OF, today=TODAY))
            cache[relative] = Imported(store, report)
        return cache[relative]

    yield load
    for item in cache.values():
        item.store.close()


def scalar(store: Store, sql: str, **params: object) -> object:
    with store.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def patent(store: Store, key: str) -> dict[str, object]:
    """What the store says of one patent (its one observation), holders in register order."""
    with store.engine.connect() as conn:
        row = conn.execute(text(
            "SELECT r.number, r.category, s.title, s.status_raw, s.status_class, s.filing_date, "
            's.granted_on, s.holders, s.id FROM "right" r JOIN right_observation o ON o.right_id = r.id '
            "JOIN right_state s ON s.id = o.state_id WHERE r.kind = 'patents' AND r.key = :k"),
            {"k": key}).one()
        names = [n for (n,) in conn.execute(text(
            "SELECT h.name FROM right_state_holder l JOIN holder h ON h.id = l.holder_id "
            "WHERE l.state_id = :s ORDER BY l.position"), {"s": row[8]})]
    keys = ("number", "category", "title", "status_raw", "status_class", "filing_date", "granted_on",
            "holders")
    result = dict(zip(keys, row[:8], strict=True))
    result["filing_date"] = str(result["filing_date"]) if result["filing_date"] else None
    result["granted_on"] = str(result["granted_on"]) if result["granted_on"] else None
    result["holder_names"] = names
    return result


def assert_chinese_error(message: str | None, file_name: str) -> None:
    assert message, "expected an error message"
    assert CJK.search(message) and file_name in message, message
    assert "Traceback" not in message and "sqlite" not in message.lower(), message


# ---------------------------------------------------------------------------------------------- counts


@pytest.mark.parametrize("expect", IMPORTED, ids=lambda e: Path(e.path).name)
def test_counts_match_hand_verified_values(expect: Expect, imported: Load) -> None:
    store, report = imported(expect.path).store, imported(expect.path).report
    assert report.error is None, report.error
    assert report.kind == expect.kind
    assert (report.rows, report.rejected, report.warnings) == (expect.rows, expect.rejected, 0)
    assert report.inserted == expect.distinct
    assert report.unchanged == expect.rows - expect.rejected - expect.distinct  # repeats within the file
    assert all(i.severity == "reject" for i in report.issues)
    if expect.kind == "patents":
        assert scalar(store, "SELECT COUNT(*) FROM \"right\" WHERE kind = 'patents'") == expect.distinct
        with store.engine.connect() as conn:
            split = dict(conn.execute(text(
                "SELECT category, COUNT(*) FROM \"right\" WHERE kind = 'patents' GROUP BY category")).all())
        found = tuple(split.get(c, 0) for c in ("invention", "utility", "design"))
        assert found == expect.categories
        # every reject is the application number, and none is a Chinese number
        assert {i.column for i in report.issues} <= {"申请号", "当前权利人、申请人"}
        assert not [i.value for i in report.issues if i.column == "申请号" and i.value.startswith(("CN", "ZL"))]
    else:
        assert scalar(store, "SELECT COUNT(*) FROM company") == expect.distinct
        assert scalar(store, "SELECT COUNT(DISTINCT credit_code) FROM company") == expect.distinct


def test_foreign_and_pct_numbers_are_the_rejects(imported: Load) -> None:
    def rejected(path: str) -> list[str]:
        issues = imported(path).report.issues
        return [i.value for i in issues if i.column == "申请号"]

    assert rejected("patent-container/incopat_iflytek_3816.xlsx") == [
        "WOCN19082039", "WOCN12087999", "WOCN10078223"]
    assert rejected("patent-container/incopat_openai_72.xlsx") == [
        "TW110132167", "TW110123266", "WOIT20000045", "IT202020000000280"]
    build_kg = imported("build-kg/2.6.2.3_wuji_chuqing-2.xlsx").report.issues
    # Excel row 3 is the Russian patent RU2024116714 (row 2 is the first data row, CN202411631700.0)
    assert ("reject", 3, "申请号", "RU2024116714") in [(i.severity, i.row, i.column, i.value) for i in build_kg]
    values = rejected("build-kg/2.6.2.3_wuji_chuqing-2.xlsx")
    prefixes = Counter(re.match(r"[A-Z]+", v).group(0) for v in values)  # type: ignore[union-attr]
    assert (prefixes["JP"], prefixes["US"], prefixes["KR"], prefixes["EP"]) == (39, 34, 31, 25)
    assert sum(n for p, n in prefixes.items() if p.startswith("WO")) == 31  # WOUS 11, WOCN 5, WOEP 5, …


# ---------------------------------------------------------------------------------------------- stored values


def test_incopat_values(imported: Load) -> None:
    store = imported("patent-container/incopat_iflytek_3816.xlsx").store
    # row 2: applicants joined by '; ', real date cell, 专利有效性 有效
    assert patent(store, "201710667329") == {
        "number": "201710667329.7", "category": "invention", "title": "音箱腔体及具有所述音箱腔体的音箱",
        "status_raw": "有效", "status_class": "in_force", "filing_date": "2017-08-07", "granted_on": None,
        "holders": "北京京东尚科信息技术有限公司；科大讯飞股份有限公司",
        "holder_names": ["北京京东尚科信息技术有限公司", "科大讯飞股份有限公司"],
    }
    # row 3806: an old 8-digit number with check X (02108890 -> 186 mod 11 = 10)
    old = patent(store, "02108890")
    assert (old["number"], old["category"], old["filing_date"], old["status_class"]) == (
        "02108890.X", "invention", "2002-04-22", "dead")
    assert old["holder_names"] == ["安徽中科大讯飞信息科技有限公司"]
    assert patent(store, "01322980")["category"] == "design"  # CN01322980.X, 外观设计


def test_build_kg_holder_is_the_current_holder(imported: Load) -> None:
    store = imported("build-kg/2.6.2.3_wuji_chuqing-2.xlsx").store
    first = patent(store, "202411631700")  # row 2: two current holders, real date cells
    assert (first["number"], first["filing_date"], first["status_raw"], first["status_class"]) == (
        "202411631700.0", "2024-11-15", "授权", "in_force")
    assert first["holder_names"] == ["四川大学", "中国东方电气集团有限公司"]
    # row 124: 申请人 贵阳永亮未来新能源发展有限公司, 当前权利人 贵州六维新能源股份有限公司 (transferred)
    assert patent(store, "202211360630")["holder_names"] == ["贵州六维新能源股份有限公司"]
    # row 216: brackets belong to the name, they do not separate holders
    assert patent(store, "202110049661")["holder_names"] == ["齐鲁工业大学(山东省科学院)"]


def test_patentics_values(imported: Load) -> None:
    apollo = imported("patent-container/patentics_apollo_20220414.csv").store
    # CSV line 50, the only granted one: 8-digit text dates, trailing comma after the last field
    assert patent(apollo, "202022781563") == {
        "number": "202022781563.2", "category": "utility", "title": "一种车辆运输用弹簧缓冲板",
        "status_raw": "有效", "status_class": "in_force",
        "filing_date": "2020-11-26", "granted_on": "2021-07-27",
        "holders": "湖南阿波罗智行科技有限公司", "holder_names": ["湖南阿波罗智行科技有限公司"],
    }
    # ' | '-joined applicants with full-width brackets, kept as written
    assert patent(apollo, "202111513510")["holder_names"] == [
        "阿波罗智联（北京）科技有限公司", "阿波罗智行科技（广州）有限公司"]
    cambricon = imported("patent-container/patentics_cambricon_ANN-20210414.xlsx").store
    # rows 137 and 236 (A and B publication): one patent
    both = patent(cambricon, "201911309819")
    assert (both["number"], both["filing_date"], both["status_raw"]) == ("201911309819.5", "2019-12-18", "有效")
    thunder = imported("patent-container/patentics_thundersoft_cn.xlsx").store
    # Patentics' 标准专利权人 is a group-normalised name (the parent 中科创达软件股份有限公司), not the
    # legal holder: the holder stays the 申请人, the subsidiary (domain.md §6.6 "branches and groups").
    assert patent(thunder, "202210836006")["holder_names"] == ["西安中科创达软件有限公司"]
    granted = patent(thunder, "202120434833")  # row 66: the first of the duplicated 授权日 columns
    assert (granted["filing_date"], granted["granted_on"], granted["category"]) == (
        "2021-02-26", "2021-10-15", "utility")


def test_dotted_text_dates(imported: Load) -> None:
    store = imported("naive-bayes-patents/xunlian_wenjian.xlsx").store
    first = patent(store, "201220249767")  # row 2: '2012.05.31', 申请（专利权）人 with full-width brackets
    assert (first["number"], first["category"], first["filing_date"], first["title"]) == (
        "201220249767.4", "utility", "2012-05-31", "一种钢筋混凝土轨枕")
    assert first["holder_names"] == ["海安县建莲商品混凝土有限公司"]


# ---------------------------------------------------------------------------------------------- refusals


@pytest.mark.parametrize("refusal", REFUSED, ids=lambda r: f"{Path(r.path).name}-{r.kind or 'auto'}")
def test_files_that_cannot_be_imported_are_refused_in_chinese(refusal: Refusal, tmp_path: Path) -> None:
    path = REALDATA / refusal.path
    options = ImportOptions(kind=refusal.kind, as_of=AS_OF, today=TODAY)
    store = open_store(tmp_path / "ipdb.sqlite")
    try:
        [report] = import_files(store, [path], options)
        assert_chinese_error(report.error, path.name)
        assert refusal.names in report.error
        assert (report.rows, report.rejected, report.inserted) == (0, 0, 0)
        assert scalar(store, "SELECT COUNT(*) FROM import_batch") == 0
        assert scalar(store, 'SELECT COUNT(*) FROM "right"') == 0
        with pytest.raises(refusal.error):
            import_file(store, path, options)
    finally:
        store.close()


# ------------------------------------------------------------------- bugs these files found (now fixed)


def test_derwent_export_keeps_its_cn_numbers_and_rejects_its_wo_numbers_as_foreign(tmp_path: Path) -> None:
    # calamine: banner row 1 (query cut at 32767 chars), header row 2, 68 rows. 申请号 is Derwent's form:
    # 23 × WO2017CN112861A (PCT, not Chinese) and 45 × CN201711214252A — a CN body followed by Derwent's
    # application-kind letter (A/U) where the check character belongs. The office decided (issue 12): the CN
    # ones are application numbers (said once for the file), the WO ones rejects of their own kind.
    store = open_store(tmp_path / "ipdb.sqlite")
    try:
        [report] = import_files(store, [REALDATA / "patent-container/derwent_ti.xls"],
                                ImportOptions(as_of=AS_OF, today=TODAY))
        assert report.error is None, report.error
        assert (report.kind, report.rows, report.rejected, report.inserted) == ("patents", 68, 23, 45)
        assert {(i.value[:2], i.code, i.reason) for i in report.issues if i.severity == "reject"} == {
            ("WO", "foreign_number", "外国或国际组织专利，不计入本区")}
        assert [n for n in report.notes if "Derwent" in n] == [
            "45 行的申请号是 Derwent 格式（12位数字加类型字母），无校验位可核对，已按申请号导入"]
        assert scalar(store, 'SELECT COUNT(*) FROM "right"') == 45
        assert scalar(store, "SELECT COUNT(*) FROM \"right\" WHERE length(key) = 12") == 45
    finally:
        store.close()


def test_comma_inside_one_chinese_name_is_not_a_separator(imported: Load) -> None:
    store = imported("patent-container/patentics_cnapp_ar_20220530.csv").store
    # CSV lines 1408 (half-width comma), 1480 and 4057 (full-width comma); Patentics' 标准化申请人 says 惠普公司
    for key in ("201780095501", "201780094269", "201380071981"):
        assert len(patent(store, key)["holder_names"]) == 1, key
    assert scalar(store, "SELECT COUNT(*) FROM holder WHERE name = '有限责任合伙企业'") == 0


def test_unpaid_annuity_status_is_dead(imported: Load) -> None:
    store = imported("build-kg/2.6.2.3_wuji_chuqing-2.xlsx").store
    # openpyxl: 21 CN rows have 当前法律状态 '未缴年费'
    with store.engine.connect() as conn:
        classes = Counter(c for (c,) in conn.execute(text(
            "SELECT s.status_class FROM right_state s JOIN right_observation o ON o.state_id = s.id "
            "WHERE s.status_raw = '未缴年费'")))
    assert classes == {"dead": 21}
