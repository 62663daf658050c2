"""The README of imports/demo and its import manifest 导入说明.csv, written from the model and the facts."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from demo.data import MANIFEST, MANIFEST_NAME
from demo.model import Demo


def write_readme(demo: Demo, out: Path, facts: dict):
    F = facts["files"]
    q3 = F["专利清单_2026Q3.xlsx"]
    rej = "；".join(f"第{r['row']}行（{r['reason_zh']}）" for r in q3["rejects"])
    warn = q3["warnings"][0]
    dup = q3["duplicates"][0]
    legacy_warn = F["专利清单_补充_老系统导出.xls"]["warnings"][0]
    tmp = F["商标清单_2026Q3.xlsx"]["planted_rows"]
    pl = F["质押融资台账_2026.xlsx"]
    text = f"""# 演示数据：云溪区（虚构）

本目录是一个虚构的“云溪区市场监督管理局知识产权科”收到的全部表格，用于演示 ipdb：
导入整个目录，计算 2026年第三季度（截至2026年9月30日）与第二季度（截至2026年6月30日）的
主要指标和企业排名，并生成简报。所有企业、专利、商标均为虚构；统一社会信用代码和专利申请号
的校验位按国家标准计算，因此能通过校验，但与真实主体无关。

由 `tools/make_demo.py` 生成（固定随机种子，可重复生成）；生成器自己的“标准答案”见
`tools/demo_facts.json`。

## 文件一览

| 文件 | 内容 | 截至日期 | 是否完整快照 |
| --- | --- | --- | --- |
| 企业名录_2026Q2.xlsx | 企业名录（{F['企业名录_2026Q2.xlsx']['data_rows']}家） | 2026-06-30 | 名录 |
| 企业名录_2026Q3.xlsx | 企业名录（{F['企业名录_2026Q3.xlsx']['data_rows']}家；1家更名，2家新增） | 2026-09-30 | 名录 |
| 专利清单_2026Q2.xlsx | 全区专利（含审中、失效），{F['专利清单_2026Q2.xlsx']['data_rows']}行 | 2026-06-30 | **是**（`--snapshot`） |
| 专利清单_2026Q3.xlsx | 全区专利（含审中、失效），{q3['data_rows']}行 | 2026-09-30 | **是**（`--snapshot`） |
| 专利清单_补充_老系统导出.xls | 老系统导出的20件老专利（无标题行，表头为“专利号”“权利人”） | 2025-12-31 | 否（只补充，不因缺失而结束任何专利） |
| 商标清单_2026Q3.xlsx | 全区注册商标及申请中商标，{F['商标清单_2026Q3.xlsx']['data_rows']}行 | 2026-09-30 | **是**（`--snapshot`） |
| 马德里国际商标_2026.xlsx | 马德里国际注册，{F['马德里国际商标_2026.xlsx']['data_rows']}行（含1行后期指定） | 2026-09-30 | 否 |
| 驰名商标名单.xlsx | 中国驰名商标认定记录，5行（1件商标两次认定） | 2026-09-30 | 否 |
| 知识产权荣誉企业名单.xlsx | “示范优势企业”“贯标企业”两张表 + “说明”（文字） | 2026-09-30 | 否 |
| 贯标企业名单_无类别列.xlsx | 与上表“贯标企业”相同，但没有“类别”列（演示 `--set 类别=贯标`） | 2026-09-30 | 否 |
| 中国专利奖获奖名单.xlsx | 中国专利奖，6行 | 2026-09-30 | 否 |
| 专利导航及高价值专利培育项目.xlsx | 项目，{F['专利导航及高价值专利培育项目.xlsx']['data_rows']}行（“推荐”“拟立项”不算立项） | 2026-09-30 | 否 |
| 质押融资台账_2026.xlsx | 2026年质押融资，{pl['data_rows']}笔，末行为“合计” | 2026-09-30 | 否 |
| 专项资金申报_2026年度.xlsx | 2026年度专项资金拟资助名单（无日期列，年度取自标题） | 2026（标题） | 否 |
| 商标违法案件_2026.csv | 商标违法案件（GBK编码） | 2026-09-30 | 否 |

“完整快照”的意思是：该文件就是截至该日全区此类权利的全部清单——上一份快照里有、这一份里
没有的专利，视为在这一天离开本区（转出）；这一份里第一次出现的，视为在这一天进入本区（转入）。

## 故意埋下的问题（导入报告里应能看到）

专利清单_2026Q3.xlsx（表头在第3行，数据从第4行开始）：

* 拒收（不入库）：{rej}。
* 警告（保留该行）：第{warn['row']}行申请号 `{warn['value']}` 校验位错误（应为 {warn['reason'].split('computed ')[1][0]}）。
* 重复行：第{dup['row']}行与第{dup['duplicate_of_row']}行完全相同。
* 其他“正常的乱”：申请号写成 `CN…`、`ZL…`、`ZL 2018 1 0119917.1` 式带空格、无小数点、不带校验位、
  全角数字（第{q3['other_mess_rows']['fullwidth_application_no'][0]}行）、数值型单元格；日期列混有 Excel 日期、`2019.3.5`、
  `2019年3月5日`、`20190305` 和日期序列号；多个专利权人用“；”或“; ”分隔；部分企业名称用半角括号；
  杭州海澄微电子股份有限公司的3件专利仍登记在曾用名“杭州海澄电子科技有限公司”下；8位老申请号
  （2001—2003年申请，均已届满终止）。

两季之间的变化（对照 Q2 与 Q3 两份专利清单）：约10件新授权；2件在Q3显示“失效”但没有失效日
（Q2仍计为有效）；1件在季度内失效并给出失效日；1件转出（Q3清单中消失）；1件老专利转入；
1件在两家区内企业之间转让；“杭州数策软件技术有限公司”更名为“杭州数策智能科技有限公司”
（信用代码不变，Q3名录的“曾用名”列记录旧名，Q3专利清单已显示新名）。

专利清单_补充_老系统导出.xls：第{legacy_warn['row']}行专利号是数值单元格，丢了开头的0（警告）；
有1件1988年的专利号没有校验位（合法）。

商标清单_2026Q3.xlsx：专用权期限在第三季度内届满且未续展（第{'、'.join(map(str, tmp['term_ended_in_q3']))}行，
Q2计入、Q3不计）；期限恰好到2026年9月30日（第{tmp['term_ends_on_q3'][0]}行，Q3仍计入）；期限到2026年6月29日
（第{tmp['term_ended_before_q2'][0]}行，Q2已不计）；续展后新期限在Q3开始（第{'、'.join(map(str, tmp['renewal_starts_in_q3']))}行，两季都计入）；
“无效”但无日期（第{'、'.join(map(str, tmp['invalidated_no_date']))}行）；国际分类写成 `9`、`09`、`第9类`、`第三十五类`。

质押融资台账_2026.xlsx：第{pl['other_mess_rows']['amount_written_with_unit'][0]['row']}行金额写作“500万元”，第{pl['other_mess_rows']['amount_written_with_unit'][1]['row']}行写作“0.12亿元”；
第{pl['first_data_row']}行质押登记日在2025年12月（不计入2026年）；第{pl['other_mess_rows']['five_patents_one_loan'][0]}行一笔贷款质押5件专利（金额只算一次）；
第{pl['total_row']}行为“合计”。

## 建议的导入方式

各文件的截至日期见上表（多数可从标题“截至……”读出）。两份专利清单和商标清单按完整快照导入；
老系统导出的 .xls 没有标题行，请指定截至日期 2025-12-31，且不要按快照导入。

## 导入说明.csv

`ipdb run imports/demo` 按本目录的 `{MANIFEST_NAME}` 逐个导入：它为每个文件写明类型、截至日期、
是否完整快照，以及需要补充的列（如 `类别=贯标`）。没有列在其中的文件按表头自动识别、日期从标题读取。
本季度的真实收件夹也可以照此写一份。
"""
    (out / "README.md").write_text(text, encoding="utf-8")


def write_manifest(out: Path) -> None:
    """导入说明.csv: how `ipdb run` imports each file (UTF-8 without BOM, LF line ends)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["文件", "类型", "截止日", "完整快照", "补充列", "表头映射"])
    for name, kind, as_of, snapshot, extra in MANIFEST:
        w.writerow([name, kind, as_of.isoformat() if as_of else "", "是" if snapshot else "", extra, ""])
    (out / MANIFEST_NAME).write_text(buf.getvalue(), encoding="utf-8")
