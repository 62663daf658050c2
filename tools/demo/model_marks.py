"""Builders of the model (a mixin of demo.model.Demo): trademarks, Madrid, well-known marks."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from demo.data import BRAND_OVERRIDE, NEW_IN_Q3, PINYIN, Q3, TM_CLASSES
from demo.entities import Trademark
from demo.values import DATE_STYLES, add_years, halfwidth_brackets, rand_date


class MarkBuilder:
    """Builders of the model (a mixin of demo.model.Demo): trademarks, Madrid, well-known marks."""

    # ------------------------------------------------------------------ trademarks
    def brand(self, key: str) -> str:
        if key in BRAND_OVERRIDE:
            return BRAND_OVERRIDE[key]
        name = self.ents[key].name_q2 or self.ents[key].name_q3
        for pre in ("杭州", "浙江"):
            if name.startswith(pre):
                name = name[len(pre):]
        return name[:2]

    def tm_number(self, year: int) -> str:
        year = max(1998, min(2026, year))
        anchors = [(1998, 1_300_000), (2003, 3_500_000), (2006, 5_000_000), (2008, 6_500_000),
                   (2010, 8_000_000), (2011, 9_500_000), (2012, 10_500_000), (2014, 14_000_000),
                   (2016, 19_000_000), (2018, 28_000_000), (2020, 45_000_000), (2022, 62_000_000),
                   (2024, 78_000_000), (2026, 88_000_000)]
        for (y0, n0), (y1, n1) in pairwise(anchors):
            if y0 <= year <= y1:
                lo = n0 + (n1 - n0) * (year - y0) // (y1 - y0)
                hi = n0 + (n1 - n0) * (year + 1 - y0) // (y1 - y0)
                break
        while True:
            n = str(self.rng.randint(lo, max(lo + 1000, hi)))
            if n not in self.used_tm:
                self.used_tm.add(n)
                return n

    def add_tm(self, holder: str, cls: int, name: str, registered: date | None, status: str,
               renewals: int = 0, tag: str = "", applied: date | None = None, term_end: date | None = None):
        rng = self.rng
        if registered:
            applied = applied or registered - timedelta(days=rng.randint(240, 420) if registered.year >= 2016
                                                        else rng.randint(400, 900))
            term_start = add_years(registered, 10 * renewals)
            term_end = term_end or add_years(term_start, 10) - timedelta(days=1)
        else:
            term_start = None
        t = Trademark(regno=self.tm_number(applied.year), cls=cls, name=name, holder=holder, applied=applied,
                      registered=registered, term_start=term_start, term_end=term_end, status=status, tag=tag)
        t.cls_style = rng.choices(["int", "text2", "di", "cn"], weights=[60, 15, 15, 10])[0]
        t.date_styles = tuple(rng.choice(DATE_STYLES) for _ in range(2))
        t.term_style = "dots" if rng.random() < 0.06 else "cn"
        self.trademarks.append(t)
        return t

    def tm_names(self, key: str) -> list[str]:
        b = self.brand(key)
        names = [b]
        if b in PINYIN:
            names += [PINYIN[b], f"{b}{PINYIN[b]}"]
        names += [f"{b}及图", "图形"]
        return names

    def build_trademarks(self):
        rng = self.rng
        S = self.story
        # normal registered marks, in force at both dates
        counts = {"E01": 9, "E02": 6, "E03": 7, "E04": 5, "E05": 5, "E06": 4, "E07": 5, "E08": 5, "E19": 8,
                  "E55": 7, "E11": 6, "E23": 5, "E72": 5, "E46": 4, "E58": 4}
        for key in sorted(self.ents):
            if key in NEW_IN_Q3:
                continue
            n = counts.get(key, rng.choices([0, 1, 2, 3, 4], weights=[25, 20, 25, 18, 12])[0])
            classes = TM_CLASSES[self.ents[key].group]
            names = self.tm_names(key)
            young = self.ents[key].code[8:10] == "MA"
            for i in range(n):
                cls = classes[i % len(classes)] if i < len(classes) else rng.choice(classes)
                name = names[(i // len(classes)) % len(names)] if i >= len(classes) else names[0] if i < 2 else rng.choice(names)
                if rng.random() < 0.25 and not young:       # an older mark, renewed (current term shown)
                    while True:
                        reg = rand_date(rng, date(2000, 1, 5), date(2016, 5, 31))
                        k = 1 if add_years(reg, 20) > date(2026, 10, 31) else 2
                        end = add_years(reg, 10 * (k + 1)) - timedelta(days=1)
                        if not (date(2026, 5, 1) <= add_years(reg, 10 * k) <= date(2026, 11, 30)) and end > date(2026, 11, 30):
                            break
                    self.add_tm(key, cls, name, reg, "已注册", renewals=k)
                else:
                    reg = rand_date(rng, date(2016, 11, 15), date(2026, 5, 31))
                    self.add_tm(key, cls, name, reg, "已注册")
        for who in ("王海峰", "李娜"):
            self.add_tm(f"U:{who}", rng.choice([25, 30, 35]), f"{who[0]}记", rand_date(rng, date(2018, 1, 1), date(2024, 12, 31)), "已注册")

        # planted cases
        def plant(k, key, cls, reg, status, renewals=0, name=None, term_end=None):
            t = self.add_tm(key, cls, name or self.brand(key), reg, status, renewals=renewals, tag=k,
                            term_end=term_end)
            t.term_style = "cn"
            S.setdefault("tm_" + k, []).append(t)
            return t

        plant("term_ended_in_q3", "E06", 7, date(2016, 7, 14), "已注册")
        plant("term_ended_in_q3", "E29", 1, date(2016, 8, 3), "已注册")
        plant("term_ended_in_q3", "E61", 7, date(2006, 9, 5), "已注册", renewals=1)
        plant("term_ends_on_q3", "E11", 30, date(2016, 10, 1), "已注册")
        plant("term_ended_before_q2", "E20", 6, date(2016, 6, 30), "已注册")       # term ends 2026-06-29
        plant("term_ended_before_q2", "E25", 17, date(2016, 2, 16), "已注册")
        plant("renewal_starts_in_q3", "E19", 30, date(2016, 8, 20), "已注册", renewals=1)
        plant("renewal_starts_in_q3", "E07", 9, date(2006, 7, 25), "已注册", renewals=2)
        plant("invalidated_no_date", "E42", 3, date(2019, 4, 21), "无效", name="美琪")
        plant("invalidated_no_date", "E46", 29, date(2021, 11, 7), "无效")
        for key, cls, reg in (("E31", 16, date(2009, 3, 7)), ("E50", 9, date(2012, 5, 28)), ("E23", 25, date(2013, 1, 14)),
                              ("E53", 11, date(2011, 10, 21)), ("E67", 31, date(2014, 6, 7)), ("E11", 29, date(2008, 12, 14)),
                              ("E76", 16, date(2010, 2, 28)), ("E35", 44, date(2014, 9, 21))):
            plant("cancelled", key, cls, reg, "注销")
        for key in ("E01", "E03", "E05", "E10", "E16", "E24", "E81", "E82"):
            reg = rand_date(rng, date(2026, 7, 6), date(2026, 9, 27))
            plant("registered_in_q3", key, rng.choice(TM_CLASSES[self.ents[key].group]), reg, "已注册",
                  name=self.tm_names(key)[0])
        for _ in range(26):
            key = rng.choice(sorted(self.ents))
            appl = rand_date(rng, date(2025, 3, 1), date(2026, 8, 31))
            t = self.add_tm(key, rng.choice(TM_CLASSES[self.ents[key].group]), rng.choice(self.tm_names(key)),
                            None, rng.choice(["申请中", "等待实质审查", "等待实质审查"]), applied=appl, tag="pending")
            S.setdefault("tm_pending", []).append(t)
        # E05's marks: the register still shows the old name on half of them (linked via 曾用名)
        e05 = [t for t in self.trademarks if t.holder == "E05"]
        for t in e05[::2]:
            t.holder_written = self.ents["E05"].name_q2
        for t in self.trademarks:
            if t.holder == "E03" and rng.random() < 0.5:
                t.holder_written = halfwidth_brackets(self.ents["E03"].name_q3)
        self.trademarks.sort(key=lambda t: (t.holder, t.registered or date(2100, 1, 1), t.regno))

    def tm_in_force(self, t: Trademark, d: date) -> bool:
        """Part I: registered on or before D, term (as last known) not ended before D, not cancelled/invalidated
        on or before D (dead without a date = ended on the snapshot date 2026-09-30)."""
        if t.status in ("申请中", "等待实质审查") or t.registered is None or t.registered > d:
            return False
        if t.term_end < d:
            return False
        if t.status in ("注销", "无效") and Q3 <= d:
            return False
        return True

    # ------------------------------------------------------------------ Madrid, well-known
    def build_madrid(self):
        rows = [  # IR no, holder, mark, IR date, countries, status, note  (renewed IRs: see RENEWED below)
            ("1238417", "E01", "YUNXI", date(2014, 11, 20), "美国；欧盟；日本；俄罗斯联邦", "有效", "2024年续展"),
            ("1238417", "E01", "YUNXI", date(2014, 11, 20), "越南；泰国；印度尼西亚", "有效",
             "后期指定（2026年5月12日）"),
            ("1307752", "E02", "QINGSHAN", date(2016, 3, 2), "德国；意大利；韩国", "有效", "2026年续展"),
            ("1276031", "E19", "XIGU", date(2015, 4, 9), "日本；韩国；新加坡；马来西亚", "有效", "2025年续展"),
            ("1244906", "E23", "XINGHE", date(2015, 3, 10), "美国；英国", "已失效", "期满未续展"),
            ("1421388", "E03", "XIKANG", date(2018, 6, 15), "美国；欧盟；澳大利亚", "有效", ""),
            ("1465103", "E04", "HAICHENG", date(2019, 1, 24), "美国；日本；韩国；印度", "有效", ""),
            ("1529877", "E05", "SHUCE", date(2020, 4, 30), "新加坡；马来西亚；泰国", "有效", ""),
            ("1580214", "E08", "HUBIN", date(2021, 2, 8), "欧盟；英国；土耳其", "有效", ""),
            ("1612945", "E06", "LINGANG", date(2021, 9, 16), "俄罗斯联邦；哈萨克斯坦；乌兹别克斯坦", "有效", ""),
            ("1702336", "E44", "JUNENG", date(2023, 3, 3), "美国；墨西哥；巴西", "有效", ""),
            ("1856019", "E55", "YUNXIFANG", date(2026, 8, 18), "日本；新加坡；澳大利亚；新西兰", "有效", "2026年新注册"),
        ]
        for irn, key, mark, ird, ctry, status, note in rows:
            expiry = add_years(ird, 20 if irn in ("1238417", "1307752", "1276031") else 10)   # renewed IRs
            self.madrid.append(dict(irn=irn, holder=key, mark=mark, ir_date=ird, expiry=expiry,
                                    countries=ctry, status=status, note=note))

    def madrid_in_force(self, d: date) -> list[str]:
        out = set()
        for m in self.madrid:
            if m["ir_date"] <= d and m["expiry"] > d and m["status"] == "有效":
                out.add(m["irn"])
        # the expired row's own dates: expiry 2025-03-10 <= both dates, so status and dates agree
        return sorted(out)

    def build_wellknown(self):
        """Recognised marks are old, renewed registrations (recognition years after registration)."""
        bases = {  # holder: (class, registration date, renewals)
            "E01": (7, date(2003, 6, 14), 2), "E19": (30, date(2004, 9, 7), 2),
            "E02": (1, date(2008, 3, 21), 1), "E55": (33, date(2005, 4, 14), 2)}
        marks = {}
        for key, (cls, reg, k) in bases.items():
            marks[key] = self.add_tm(key, cls, self.brand(key), reg, "已注册", renewals=k, tag="well-known mark")
        self.trademarks.sort(key=lambda t: (t.holder, t.registered or date(2100, 1, 1), t.regno))
        rows = [("E01", 2015, "行政认定"), ("E19", 2012, "行政认定"), ("E02", 2018, "司法认定"),
                ("E01", 2023, "司法认定"), ("E55", 2020, "行政认定")]
        for key, year, route in rows:
            t = marks[key]
            assert t.registered.year < year
            self.wellknown.append(dict(mark=t.name, regno=t.regno, holder=key, year=year, route=route))
