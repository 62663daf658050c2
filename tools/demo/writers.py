"""The writers of imports/demo: enterprise lists, patent lists and the old-system .xls here, the other lists in demo.writers_lists."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import xlwt

from demo.data import BUREAU, DISTRICT, FORMER_NAMES, LEGACY_ASOF, PATENT_TYPE_NAME, Q2, Q3, TOWNS
from demo.entities import Patent
from demo.model import Demo
from demo.sheets import cn_date, new_wb, save_wb, write_sheet
from demo.values import Fmt, date_value, to_fullwidth
from demo.writers_lists import ListWriter


class Writer(ListWriter):
    """Writes every spreadsheet of imports/demo from the model; records what it planted in ``demo.files``."""

    def __init__(self, demo: Demo, out: Path):
        self.d = demo
        self.out = out
        self.facts = demo.files

    # ------------------------------------------------------------------ enterprise lists
    def enterprise_list(self, export: str):
        d = self.d
        asof = Q2 if export == "Q2" else Q3
        fname = f"企业名录_2026{export}.xlsx"
        ents = [e for e in d.ents.values() if export == "Q3" or e.name_q2]
        ents.sort(key=lambda e: (TOWNS.index(e.town), e.key))
        rows = []
        for i, e in enumerate(ents, 1):
            name = e.name_q2 if export == "Q2" else e.name_q3
            former = [f for f in e.former if f != name] if export == "Q3" else \
                [FORMER_NAMES[e.key]] if e.key in FORMER_NAMES else []
            rows.append([i, name, e.code, "；".join(former) or None, e.town, e.industry])
        wb = new_wb()
        ws = wb.active
        ws.title = "企业名录"
        write_sheet(ws, ["序号", "企业名称", "统一社会信用代码", "曾用名", "所属街道", "行业"], rows,
                    title=f"{DISTRICT}知识产权重点企业名录（截至{cn_date(asof)}）",
                    unit_line=f"填报单位：{BUREAU}（知识产权科）",
                    notes=["注：1.所属街道按企业实际经营地址划分；2.行业按《国民经济行业分类》（GB/T 4754-2017）大类填写。"],
                    widths={2: 36, 3: 22, 4: 30, 5: 12, 6: 34})
        save_wb(wb, self.out / fname)
        self.facts[fname] = {"sheet": "企业名录", "as_of": asof.isoformat(), "header_row": 3, "first_data_row": 4,
                             "data_rows": len(rows), "rejects": [], "warnings": []}

    # ------------------------------------------------------------------ patent lists
    def app_no_text(self, p: Patent, export: str):
        b, c = p.body, p.chk
        st = p.no_style
        if export == "LEGACY":
            if st == "nocheck88":
                return b
            if st == "float_lost_zero":
                return float(f"{b}.{c}")            # 01xxxxxx.c stored as a number -> 1xxxxxx.c
            if st == "zl":
                return f"ZL{b}.{c}"
            return f"{b}.{c}"
        if st == "cn":
            return f"CN{b}.{c}"
        if st == "zl":
            return f"ZL{b}.{c}"
        if st == "zl_spaced":
            return f"ZL {b[:4]} {b[4]} {b[5:]}.{c}"
        if st == "nocheck":
            return b
        if st == "nodot":
            return f"{b}{c}"
        if st == "float":
            return Fmt(float(f"{b}.{c}"), "0.0")
        return f"{b}.{c}"

    def patent_row(self, p: Patent, export: str):
        v = p.views[export]
        names = [self.d.holder_name(h, export, p) for h in v.holders]
        first = v.holders[0]
        code = self.d.ents[first].code if (p.show_code and not first.startswith("U:")) else None
        ds = p.date_styles
        lapse = date_value(v.lapse, ds[2]) if (v.lapse and v.lapse_shown) else None
        return [self.app_no_text(p, export), p.title, PATENT_TYPE_NAME[p.ptype], date_value(p.filed, ds[0]),
                date_value(v.granted, ds[1]), v.status, lapse, p.sep.join(names), code]

    def patent_list(self, export: str):
        d = self.d
        asof = Q2 if export == "Q2" else Q3
        fname = f"专利清单_2026{export}.xlsx"
        pats = sorted([p for p in d.patents if export in p.views], key=lambda p: (p.filed.year, p.body))
        rows, meta = [], []
        for p in pats:
            rows.append(self.patent_row(p, export))
            meta.append(("patent", p))
        rejects, warnings, dups = [], [], []
        if export == "Q3":
            S = d.story
            # wrong check char on one row
            wp = S["wrong_check_q3"][0]
            i = meta.index(("patent", wp))
            good = wp.chk
            bad = str((int(good) + 3) % 10) if good != "X" else "4"
            rows[i][0] = f"{wp.body}.{bad}"
            # full-width digits on one row
            fp = S["fullwidth_q3"][0]
            i = meta.index(("patent", fp))
            rows[i][0] = to_fullwidth(f"{fp.body}.{fp.chk}")
            # duplicate row right after an E01 invention
            dp = next(p for p in pats if p.is_invention and p.views["Q3"].holders == ["E01"] and not p.tag
                      and p.no_style == "plain")
            i = meta.index(("patent", dp))
            rows.insert(i + 1, list(rows[i]))
            meta.insert(i + 1, ("duplicate", dp))
            # letters inside the number (reject)
            i = next(k for k, (t, p) in enumerate(meta) if t == "patent" and p.filed.year == 2021) + 3
            rows.insert(i, ["CN2021A0123456", "一种基于多模态数据的用户意图识别方法", "发明",
                            Fmt(date(2021, 6, 17), "yyyy-mm-dd"), Fmt(date(2023, 11, 3), "yyyy-mm-dd"), "有效", None,
                            d.ents["E14"].name_q3, d.ents["E14"].code])
            meta.insert(i, ("reject_letters", None))
            # empty application number (reject)
            i = len(rows) - 7
            rows.insert(i, [None, "一种电池包液冷板及其加工方法", "发明", Fmt(date(2024, 3, 8), "yyyy-mm-dd"), None,
                            "实质审查", None, d.ents["E44"].name_q3, d.ents["E44"].code])
            meta.insert(i, ("reject_empty", None))
        header_row = 3 if export == "Q3" else 2
        first = header_row + 1
        for k, (t, p) in enumerate(meta):
            excel_row = first + k
            if t == "reject_letters":
                rejects.append({"row": excel_row, "column": "申请号", "value": "CN2021A0123456",
                                "reason": "letters where digits belong: not an application number",
                                "reason_zh": "申请号中含字母，不是合法申请号"})
            elif t == "reject_empty":
                rejects.append({"row": excel_row, "column": "申请号", "value": "",
                                "reason": "empty application number (other cells filled)",
                                "reason_zh": "申请号为空（其他单元格有内容）"})
            elif t == "duplicate":
                dups.append({"row": excel_row, "duplicate_of_row": excel_row - 1, "application_no": f"{p.body}.{p.chk}"})
            elif p in d.story.get("wrong_check_q3", []) and export == "Q3":
                warnings.append({"row": excel_row, "column": "申请号", "value": rows[k][0],
                                 "reason": f"check character mismatch (computed {p.chk}); row kept"})
        rows = [[k + 1, *r] for k, r in enumerate(rows)]
        wb = new_wb()
        ws = wb.active
        ws.title = "专利清单" if export == "Q3" else "Sheet1"
        write_sheet(ws, ["序号", "申请号", "专利名称", "专利类型", "申请日", "授权公告日", "法律状态", "失效日", "专利权人",
                         "统一社会信用代码"], rows,
                    title=f"{DISTRICT}专利清单（截至{cn_date(asof)}）",
                    unit_line=f"填报单位：{BUREAU}　　　　单位：件" if export == "Q3" else None,
                    notes=[f"注：1.数据来源于国家知识产权局中国专利数据库，由市知识产权局下发；"
                           f"2.本表为截至{cn_date(asof)}专利权人（申请人）地址在{DISTRICT}的全部专利，含审中及失效专利。",
                           "制表：区市场监管局知识产权科"],
                    widths={2: 24, 3: 44, 4: 10, 5: 12, 6: 12, 7: 18, 8: 12, 9: 48, 10: 22})
        save_wb(wb, self.out / fname)
        note_rows = lambda ps: [first + k for k, (t, p) in enumerate(meta) if t == "patent" and p in ps]  # noqa: E731
        self.facts[fname] = {
            "sheet": ws.title, "as_of": asof.isoformat(), "complete_snapshot": True,
            "header_row": header_row, "first_data_row": first, "data_rows": len(rows),
            "stored_rows": len(rows) - len(rejects), "distinct_patents": len(pats),
            "rejects": rejects, "warnings": warnings, "duplicates": dups,
            "other_mess_rows": {
                "application_no_without_check_char": note_rows(d.story["nocheck"]),
                "application_no_as_number_cell": note_rows(d.story["float_cell"]),
                "holder_with_halfwidth_brackets": note_rows(d.story.get("halfwidth_names", [])),
                "holder_under_former_name": note_rows(d.story["former_name"]),
                "old_8digit_numbers": note_rows(d.story["old_8digit"]),
                **({"fullwidth_application_no": note_rows(d.story["fullwidth_q3"])} if export == "Q3" else {}),
            },
        }

    def legacy_xls(self):
        d = self.d
        fname = "专利清单_补充_老系统导出.xls"
        pats = d.story["legacy_overlap"] + d.story["legacy_only"]
        pats = sorted(pats, key=lambda p: (p.filed, p.body))
        wb = xlwt.Workbook(encoding="utf-8")
        ws = wb.add_sheet("导出数据")
        hdr = xlwt.easyxf("font: bold on; align: horiz center")
        dstyle = xlwt.easyxf(num_format_str="YYYY-MM-DD")
        headers = ["序号", "专利号", "专利名称", "专利类型", "申请日", "授权公告日", "法律状态", "失效日", "权利人",
                   "统一社会信用代码"]
        for j, h in enumerate(headers):
            ws.write(0, j, h, hdr)
            ws.col(j).width = 256 * (40 if h in ("专利名称", "权利人") else 16)
        warnings, notes = [], {}
        for i, p in enumerate(pats, 1):
            v = p.views["LEGACY"]
            first = v.holders[0]
            code = d.ents[first].code if (p.show_code and not first.startswith("U:")) else ""
            vals = [i, self.app_no_text(p, "LEGACY"), p.title, PATENT_TYPE_NAME[p.ptype]]
            for j, dd in enumerate([p.filed, v.granted]):
                vals.append(self.xls_date(dd, p.date_styles[j]))
            vals.append(v.status)
            vals.append(self.xls_date(v.lapse, p.date_styles[2]) if v.lapse_shown else None)
            vals.append("；".join(d.holder_name(h, "LEGACY", p) for h in v.holders))
            vals.append(code)
            for j, val in enumerate(vals):
                if isinstance(val, Fmt):
                    ws.write(i, j, val.value, dstyle)
                elif val is not None:
                    ws.write(i, j, val)
            if p.no_style == "float_lost_zero":
                warnings.append({"row": i + 1, "column": "专利号", "value": vals[1],
                                 "reason": f"number cell lost its leading zero: {vals[1]} is {p.body}.{p.chk} "
                                           "(pad to 8 digits: year 01, type 1, passes the check) - flag"})
            if p.no_style == "nocheck88":
                notes["1988_number_without_check_char"] = [i + 1]
        buf = io.BytesIO()
        wb.save(buf)
        (self.out / fname).write_bytes(buf.getvalue())
        self.facts[fname] = {
            "sheet": "导出数据", "as_of": LEGACY_ASOF.isoformat(), "complete_snapshot": False,
            "header_row": 1, "first_data_row": 2, "data_rows": len(pats), "rejects": [], "warnings": warnings,
            "other_mess_rows": notes,
            "note": ("no title row; 专利号 / 权利人 headers; 12 rows repeat patents of the snapshots with identical "
                     "status/holders/dates, 8 rows are old patents found only here, all expired (失效日 given) before "
                     "2026, so this file changes no figure at 2026-06-30 / 2026-09-30 whatever as-of it is given"),
        }

    @staticmethod
    def xls_date(dd, style):
        if dd is None:
            return None
        if style in ("date", "date_slash"):
            return Fmt(dd, "")
        if style == "iso":
            return dd.isoformat()
        if style == "int8":
            return int(dd.strftime("%Y%m%d"))
        return Fmt(dd, "")
