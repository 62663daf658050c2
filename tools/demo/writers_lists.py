"""Writers of the lists other than the enterprise and patent lists (a mixin of demo.writers.Writer)."""

from __future__ import annotations

import csv
import io

from openpyxl.styles import Font

from demo.data import BUREAU, DISTRICT, Q3
from demo.entities import Patent
from demo.sheets import cn_date, new_wb, put, save_wb, write_sheet
from demo.values import cn_numeral, date_value, halfwidth_brackets


class ListWriter:
    """Trademark, Madrid, well-known, honour, award, project, pledge, fund and case lists (a mixin of Writer)."""

    # ------------------------------------------------------------------ trademarks
    def trademark_list(self):
        d = self.d
        fname = "商标清单_2026Q3.xlsx"
        rows = []
        for i, t in enumerate(d.trademarks, 1):
            cls = {"int": t.cls, "text2": f"{t.cls:02d}", "di": f"第{t.cls}类", "cn": f"第{cn_numeral(t.cls)}类"}[t.cls_style]
            if t.term_start:
                if t.term_style == "dots":
                    term = f"{t.term_start:%Y.%m.%d}-{t.term_end:%Y.%m.%d}"
                else:
                    term = f"{t.term_start:%Y年%m月%d日} 至 {t.term_end:%Y年%m月%d日}"
            else:
                term = None
            holder = t.holder_written or d.holder_name(t.holder, "Q3")
            rows.append([i, t.regno, cls, t.name, holder, date_value(t.applied, t.date_styles[0]),
                         date_value(t.registered, t.date_styles[1]), term, t.status])
        wb = new_wb()
        ws = wb.active
        ws.title = "商标"
        write_sheet(ws, ["序号", "注册号", "国际分类", "商标名称", "注册人", "申请日期", "注册公告日期", "专用权期限", "商标状态"],
                    rows, title=f"{DISTRICT}企业注册商标清单（截至{cn_date(Q3)}）",
                    notes=["注：数据来源于国家知识产权局商标局中国商标网，按注册人地址检索；申请中商标无注册公告日期及专用权期限。"],
                    widths={2: 12, 3: 10, 4: 16, 5: 36, 6: 14, 7: 14, 8: 34, 9: 14})
        save_wb(wb, self.out / fname)
        S = d.story
        rownum = {id(t): 2 + k for k, t in enumerate(d.trademarks, 1)}
        self.facts[fname] = {
            "sheet": "商标", "as_of": Q3.isoformat(), "complete_snapshot": True, "header_row": 2, "first_data_row": 3,
            "data_rows": len(rows), "rejects": [], "warnings": [],
            "planted_rows": {k[3:]: sorted(rownum[id(t)] for t in v) for k, v in S.items()
                             if k.startswith("tm_") and k != "tm_pending"},
            "pending_rows": len(S["tm_pending"]),
            "class_written_as": "9 (number), '09', '第9类', '第三十五类' (Chinese numerals)",
        }

    def madrid_list(self):
        d = self.d
        fname = "马德里国际商标_2026.xlsx"
        rows = []
        for i, m in enumerate(d.madrid, 1):
            rows.append([i, m["irn"], m["mark"], d.ents[m["holder"]].name_q3, date_value(m["ir_date"], "date"),
                         date_value(m["expiry"], "date") if i != 4 else cn_date(m["expiry"]), m["countries"],
                         m["status"], m["note"] or None])
        wb = new_wb()
        ws = wb.active
        ws.title = "马德里"
        write_sheet(ws, ["序号", "国际注册号", "商标名称", "注册人", "国际注册日期", "到期日期", "指定国家", "状态", "备注"], rows,
                    title=f"{DISTRICT}马德里商标国际注册情况（截至{cn_date(Q3)}）",
                    notes=["注：同一国际注册号的后期指定单列一行，不作为新的国际注册。"],
                    widths={4: 34, 7: 40, 9: 24})
        save_wb(wb, self.out / fname)
        self.facts[fname] = {"sheet": "马德里", "as_of": Q3.isoformat(), "complete_snapshot": False,
                             "header_row": 2, "first_data_row": 3, "data_rows": len(rows),
                             "distinct_registrations": len({m["irn"] for m in d.madrid}),
                             "subsequent_designation_row": 4, "rejects": [], "warnings": []}

    def wellknown_list(self):
        d = self.d
        fname = "驰名商标名单.xlsx"
        rows = [[i, w["mark"], w["regno"], d.ents[w["holder"]].name_q3, w["year"], w["route"]]
                for i, w in enumerate(d.wellknown, 1)]
        wb = new_wb()
        ws = wb.active
        ws.title = "驰名商标"
        write_sheet(ws, ["序号", "商标名称", "注册号", "企业名称", "认定年份", "认定途径"], rows,
                    title=f"{DISTRICT}中国驰名商标名单",
                    notes=["注：驰名商标系个案认定、被动保护，同一商标多次认定的分别列示。"], widths={4: 34})
        save_wb(wb, self.out / fname)
        self.facts[fname] = {"sheet": "驰名商标", "header_row": 2, "first_data_row": 3, "data_rows": len(rows),
                             "distinct_marks": len({w["regno"] for w in d.wellknown}), "rejects": [], "warnings": []}

    # ------------------------------------------------------------------ honours
    def honours(self):
        d = self.d
        fname = "知识产权荣誉企业名单.xlsx"
        wb = new_wb()
        ws = wb.active
        ws.title = "示范优势企业"
        rows = [[i, d.ents[k].name_q3, d.ents[k].code, cat, y, date_value(vt, "date") if vt else None]
                for i, (k, cat, y, vt) in enumerate(d.honours, 1)]
        write_sheet(ws, ["序号", "企业名称", "统一社会信用代码", "类别", "认定年度", "有效期至"], rows,
                    title=f"{DISTRICT}国家知识产权示范企业和优势企业名单（截至{cn_date(Q3)}）",
                    notes=["注：有效期为空的，以国家知识产权局公布文件为准。"], widths={2: 36, 3: 22, 4: 24})
        ws2 = wb.create_sheet("贯标企业")
        rows2 = self.ipstd_rows(with_category=True)
        write_sheet(ws2, ["序号", "企业名称", "统一社会信用代码", "类别", "证书编号", "发证日期", "有效期至"], rows2,
                    title=f"{DISTRICT}知识产权贯标（GB/T 29490）认证企业名单（截至{cn_date(Q3)}）",
                    notes=["注：2024年1月1日起新认证执行GB/T 29490-2023，证书有效期三年。"],
                    widths={2: 36, 3: 22, 4: 12, 5: 18})
        ws3 = wb.create_sheet("说明")
        text = [
            "说明",
            "1. 本工作簿汇总云溪区获得国家知识产权示范企业、优势企业称号及通过知识产权管理体系（贯标）认证的企业。",
            "2. 示范企业、优势企业按国家知识产权局公布的批次年度填写“认定年度”，有效期三年，到期须参加复核。",
            "3. 同一企业由优势企业晋升为示范企业的，两条记录均保留。",
            "4. 贯标企业以认证机构颁发的证书为准，证书过期未再认证的企业仍保留在名单中，请以“有效期至”判断。",
            f"5. 联系人：{BUREAU}知识产权科，电话 0571-8888xxxx。",
        ]
        for i, t in enumerate(text, 1):
            put(ws3, i, 1, t).font = Font(bold=(i == 1))
        ws3.column_dimensions["A"].width = 100
        save_wb(wb, self.out / fname)
        self.facts[fname] = {
            "sheets": {"示范优势企业": {"header_row": 2, "first_data_row": 3, "data_rows": len(rows)},
                       "贯标企业": {"header_row": 2, "first_data_row": 3, "data_rows": len(rows2)},
                       "说明": {"data_rows": 0, "note": "prose only; not a table"}},
            "as_of": Q3.isoformat(), "rejects": [], "warnings": []}
        # the same 贯标 list without a 类别 column, for the --set 类别=贯标 demo
        fname2 = "贯标企业名单_无类别列.xlsx"
        wb = new_wb()
        ws = wb.active
        ws.title = "Sheet1"
        write_sheet(ws, ["序号", "企业名称", "统一社会信用代码", "证书编号", "发证日期", "有效期至"],
                    self.ipstd_rows(with_category=False),
                    title=f"{DISTRICT}贯标企业名单（截至{cn_date(Q3)}）", widths={2: 36, 3: 22, 4: 18})
        save_wb(wb, self.out / fname2)
        self.facts[fname2] = {"sheet": "Sheet1", "header_row": 2, "first_data_row": 3, "data_rows": len(rows2),
                              "rejects": [], "warnings": [],
                              "note": "same 25 certificates as sheet 贯标企业 of 知识产权荣誉企业名单.xlsx, no 类别 column "
                                      "(import with --set 类别=贯标); importing both changes no figure"}

    def ipstd_rows(self, with_category: bool):
        d = self.d
        out = []
        for i, r in enumerate(d.ipstd, 1):
            row = [i, d.ents[r["holder"]].name_q3, d.ents[r["holder"]].code]
            if with_category:
                row.append("贯标企业")
            row += [r["certno"], date_value(r["issued"], "date"), date_value(r["valid_to"], "date")]
            out.append(row)
        return out

    # ------------------------------------------------------------------ awards, projects
    def awards(self):
        d = self.d
        fname = "中国专利奖获奖名单.xlsx"
        rows = []
        for i, a in enumerate(d.awards, 1):
            p = a["patent"]
            holders = "；".join(d.holder_name(h, "Q3") for h in p.views["Q3"].holders)
            rows.append([i, f"ZL{p.body}.{p.chk}", p.title, holders, a["level"], a["session"], a["year"]])
        wb = new_wb()
        ws = wb.active
        ws.title = "中国专利奖"
        write_sheet(ws, ["序号", "专利号", "专利名称", "专利权人", "奖项等级", "届次", "获奖年度"], rows,
                    title=f"{DISTRICT}企业获中国专利奖情况", widths={2: 22, 3: 40, 4: 40})
        save_wb(wb, self.out / fname)
        self.facts[fname] = {"sheet": "中国专利奖", "header_row": 2, "first_data_row": 3, "data_rows": len(rows),
                             "rejects": [], "warnings": []}

    def projects(self):
        d = self.d
        fname = "专利导航及高价值专利培育项目.xlsx"
        rows = []
        for i, (name, typ, kind, level, lead, year, appr, status, amt) in enumerate(d.projects, 1):
            rows.append([i, name, typ, kind or None, level, lead, year,
                         date_value(appr, "date") if appr else None, status, amt])
        wb = new_wb()
        ws = wb.active
        ws.title = "项目"
        write_sheet(ws, ["序号", "项目名称", "项目类型", "导航类别", "级别", "承担单位", "立项年度", "立项日期", "项目状态",
                         "资助金额（万元）"], rows,
                    title=f"{DISTRICT}专利导航及高价值专利组合培育项目汇总表",
                    unit_line=f"填报单位：{BUREAU}　　　　金额单位：万元",
                    notes=["注：项目状态为“推荐”“拟立项”的尚未获批。"], widths={2: 44, 3: 18, 6: 40})
        save_wb(wb, self.out / fname)
        self.facts[fname] = {"sheet": "项目", "header_row": 3, "first_data_row": 4, "data_rows": len(rows),
                             "rejects": [], "warnings": []}

    # ------------------------------------------------------------------ pledges
    def pledges(self):
        d = self.d
        fname = "质押融资台账_2026.xlsx"
        rows = []
        for i, ln in enumerate(d.loans, 1):
            items = []
            for it in ln["items"]:
                items.append(f"{it.body}.{it.chk}" if isinstance(it, Patent) else it.regno)
            if ln["start"].day % 3 == 0:
                term = f"{ln['start']:%Y}年{ln['start'].month}月{ln['start'].day}日至{ln['end']:%Y}年{ln['end'].month}月{ln['end'].day}日"
            else:
                term = f"{ln['start'].year}.{ln['start'].month}.{ln['start'].day}-{ln['end'].year}.{ln['end'].month}.{ln['end'].day}"
            style = "dot" if i % 7 == 3 else "date"
            rows.append([i, d.ents[ln["pledgor"]].name_q3, d.ents[ln["pledgor"]].code, ln["bank"],
                         ln.get("amount_written", ln["amount"]), date_value(ln["date"], style), ln["regno"], term,
                         ln["kind"], "；".join(items)])
        total = ["合计", None, None, None, sum(ln["amount"] for ln in d.loans), None, None, None, None,
                 f"共{len(d.loans)}笔"]
        wb = new_wb()
        ws = wb.active
        ws.title = "2026年"
        write_sheet(ws, ["序号", "出质人", "统一社会信用代码", "质权人", "融资金额（万元）", "质押登记日", "质押登记号",
                         "质押期限", "质押物类型", "质押物"], rows, total=total,
                    title=f"{DISTRICT}2026年知识产权质押融资台账（截至{cn_date(Q3)}）",
                    unit_line=f"填报单位：{BUREAU}　　　　金额单位：万元",
                    notes=["注：质押物为专利的填写申请号，为商标的填写注册号；同一笔贷款质押多件的用“；”分隔。"],
                    widths={2: 34, 3: 22, 4: 34, 5: 12, 6: 12, 7: 24, 8: 26, 9: 10, 10: 60})
        save_wb(wb, self.out / fname)
        first = 4
        self.facts[fname] = {
            "sheet": "2026年", "as_of": Q3.isoformat(), "header_row": 3, "first_data_row": first,
            "data_rows": len(rows), "total_row": first + len(rows), "total_row_amount_wan": total[4],
            "rejects": [], "warnings": [],
            "other_mess_rows": {
                "amount_written_with_unit": [{"row": first + 12, "value": "500万元", "wan": 500},
                                             {"row": first + 20, "value": "0.12亿元", "wan": 1200}],
                "five_patents_one_loan": [first + 5],
                "registered_in_2025": [first],
            },
        }

    def funds(self):
        d = self.d
        fname = "专项资金申报_2026年度.xlsx"
        rows = []
        for i, f in enumerate(d.funds, 1):
            name = d.ents[f["holder"]].name_q3
            if f["holder"] == "E03":
                name = halfwidth_brackets(name)
            rows.append([i, name, f["category"], f["amount"]])
        total = ["合计", None, None, sum(f["amount"] for f in d.funds)]
        wb = new_wb()
        ws = wb.active
        ws.title = "拟资助名单"
        write_sheet(ws, ["序号", "企业名称", "项目类别", "申报金额（万元）"], rows, total=total,
                    title=f"2026年度{DISTRICT}知识产权专项资金拟资助名单",
                    unit_line="单位：万元",
                    notes=["注：以上名单公示期为5个工作日，公示无异议后拨付。"], widths={2: 36, 3: 28, 4: 16})
        save_wb(wb, self.out / fname)
        self.facts[fname] = {"sheet": "拟资助名单", "header_row": 3, "first_data_row": 4, "data_rows": len(rows),
                             "total_row": 4 + len(rows), "rejects": [], "warnings": [],
                             "note": "no date column: dated by the year in the title (2026年度) / the as-of given at import"}

    def cases(self):
        d = self.d
        fname = "商标违法案件_2026.csv"
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(["案件编号", "案件名称", "当事人", "案件类型", "立案日期", "结案日期", "案值（万元）", "罚没款（万元）"])
        for c in d.cases:
            st = c["date_style"]
            fmt = (lambda x, st=st: date_value(x, st) if x else "")  # noqa: E731
            w.writerow([c["no"], c["title"], c["party"], c["kind"], fmt(c["opened"]), fmt(c["closed"]),
                        f"{c['value']:.2f}", f"{c['fine']:.2f}" if c["fine"] is not None else ""])
        (self.out / fname).write_bytes(buf.getvalue().encode("gbk"))
        self.facts[fname] = {"encoding": "GBK", "header_row": 1, "first_data_row": 2, "data_rows": len(d.cases),
                             "rejects": [], "warnings": [], "open_cases": sum(1 for c in d.cases if not c["closed"])}
