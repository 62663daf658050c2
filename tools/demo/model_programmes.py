"""Builders of the model (a mixin of demo.model.Demo): honours, awards, projects, loans, funds, cases."""

from __future__ import annotations

from datetime import date, timedelta

from demo.data import BANKS, BUREAU, IN_FORCE_STATUSES, NEW_IN_Q3, Q2
from demo.values import add_years, rand_date


class ProgrammeBuilder:
    """Builders of the model (a mixin of demo.model.Demo): honours, awards, projects, loans, funds, cases."""

    # ------------------------------------------------------------------ programmes
    def build_honours(self):
        self.honours = [  # key, category, year, valid_to
            ("E01", "国家知识产权优势企业", 2020, date(2023, 7, 31)),
            ("E01", "国家知识产权示范企业", 2024, date(2027, 7, 31)),
            ("E04", "国家知识产权示范企业", 2025, date(2028, 7, 31)),
            ("E02", "国家知识产权优势企业", 2023, date(2026, 7, 31)),
            ("E03", "国家知识产权优势企业", 2024, date(2027, 7, 31)),
            ("E05", "国家知识产权优势企业", 2025, None),
            ("E06", "国家知识产权优势企业", 2024, date(2027, 7, 31)),
            ("E08", "国家知识产权优势企业", 2022, date(2025, 7, 31)),
        ]
        rng = self.rng
        keys = ["E01", "E02", "E03", "E04", "E05", "E06", "E07", "E08", "E09", "E10", "E12", "E13", "E14",
                "E16", "E21", "E22", "E24", "E26", "E30", "E34", "E36", "E44", "E56", "E64", "E77"]
        special = {"E64": date(2026, 8, 18),          # certified in Q3
                   "E30": date(2023, 8, 15),          # expires 2026-08-14 (in Q3)
                   "E36": date(2022, 3, 10), "E13": date(2022, 5, 26)}   # expired in 2025, not renewed
        serial = 1200
        for key in keys:
            issued = special.get(key)
            while issued is None:
                d = rand_date(rng, date(2023, 11, 1), date(2026, 6, 15))
                issued = d
            valid_to = add_years(issued, 3) - timedelta(days=1)
            serial += rng.randint(3, 60)
            version = "2023" if issued >= date(2024, 1, 1) else "2013"
            certno = f"165IP{issued.year % 100:02d}{serial:04d}R{0 if version == '2013' else 1}M"
            self.ipstd.append(dict(holder=key, certno=certno, issued=issued, valid_to=valid_to))
        self.ipstd.sort(key=lambda r: r["issued"])

    def build_awards(self):
        def pick(key, year):
            for p in self.patents:
                v = p.views.get("Q3")
                if v and p.is_invention and not p.tag and v.holders[0] == key and v.status in IN_FORCE_STATUSES \
                        and v.granted and v.granted.year <= year - 2:
                    return p
            raise LookupError(key)
        util06 = next(p for p in self.patents if p.ptype == "2" and not p.tag and p.views.get("Q3")
                      and p.views["Q3"].holders == ["E06"] and p.views["Q3"].status in IN_FORCE_STATUSES
                      and p.views["Q3"].granted.year <= 2020)
        rows = [("E06", "优秀奖", "第二十三届", 2022, util06), ("E04", "优秀奖", "第二十四届", 2023, pick("E04", 2023)),
                ("E01", "金奖", "第二十五届", 2024, pick("E01", 2024)), ("E03", "优秀奖", "第二十五届", 2024, pick("E03", 2024)),
                ("E05", "银奖", "第二十六届", 2025, pick("E05", 2025)), ("E02", "优秀奖", "第二十六届", 2025, pick("E02", 2025))]
        for key, level, session, year, p in rows:
            self.awards.append(dict(holder=key, level=level, session=session, year=year, patent=p))

    def build_projects(self):
        E = self.ents
        self.projects = [  # name, type, kind, level, lead, year, approval date, status, amount
            ("云溪区智能装备产业专利导航", "专利导航", "产业", "区级", BUREAU, 2026, date(2026, 4, 15), "立项", 30),
            (f"{E['E01'].name_q3}企业运营类专利导航", "专利导航", "企业", "省级", E["E01"].name_q3, 2026,
             date(2026, 7, 8), "在建", 50),
            (f"{E['E04'].name_q3}企业运营类专利导航", "专利导航", "企业", "市级", E["E04"].name_q3, 2026, None, "立项", 20),
            ("云溪区生物医药产业专利导航", "专利导航", "产业", "市级", BUREAU, 2025, date(2025, 6, 20), "已验收", 40),
            ("云溪区区域规划类专利导航", "专利导航", "区域", "省级", "云溪区人民政府", 2026, date(2026, 9, 12), "立项", 60),
            (f"{E['E02'].name_q3}企业专利导航", "专利导航", "企业", "区级", E["E02"].name_q3, 2026, None, "推荐", None),
            (f"{E['E06'].name_q3}企业专利导航", "专利导航", "企业", "区级", E["E06"].name_q3, 2026, None, "拟立项", 10),
            (f"{E['E08'].name_q3}企业专利导航", "专利导航", "企业", "区级", E["E08"].name_q3, 2024, date(2024, 5, 30),
             "已验收", 15),
            ("高端智能装备高价值专利组合培育", "高价值专利组合培育", "", "省级", f"{E['E01'].name_q3}；浙江大学", 2026,
             date(2026, 5, 20), "立项", 100),
            ("创新药物高价值专利组合培育", "高价值专利组合培育", "", "市级", E["E03"].name_q3, 2025, None, "在建", 50),
            ("新型显示器件高价值专利组合培育", "高价值专利组合培育", "", "市级", E["E08"].name_q3, 2026, None, "推荐", None),
        ]

    def build_loans(self):
        rng = self.rng
        # pledgors and their in-force patents at the time
        def own_patents(key, d):
            out = []
            for p in self.patents:
                v = p.views.get("Q2") or p.views.get("Q3")
                if v and key in v.holders and v.status in IN_FORCE_STATUSES and v.granted and v.granted < d \
                        and p.views.get("Q3") and p.views["Q3"].status in IN_FORCE_STATUSES and not p.tag:
                    out.append(p)
            return out

        def own_marks(key):
            return [t for t in self.trademarks if t.holder == key and not t.tag and self.tm_in_force(t, Q2)]

        candidates = [k for k in sorted(self.ents) if k not in NEW_IN_Q3 and len(own_patents(k, date(2026, 1, 1))) >= 2]
        amounts = [100, 150, 200, 300, 300, 500, 500, 600, 800, 1000, 1000, 1200, 1500]
        dates = ([rand_date(rng, date(2026, 1, 6), date(2026, 3, 30)) for _ in range(9)] +
                 [rand_date(rng, date(2026, 4, 2), date(2026, 6, 29)) for _ in range(10)] +
                 [rand_date(rng, date(2026, 7, 2), date(2026, 9, 29)) for _ in range(11)])
        dates.sort()
        dates.insert(0, date(2025, 12, 26))      # booked in the 2026 ledger, registered in 2025
        pledgors = [rng.choice(candidates[:12]) if rng.random() < 0.5 else rng.choice(candidates) for _ in dates]
        pledgors[5] = "E01"                       # the 5-patent loan
        serial = 0
        for i, (d, key) in enumerate(zip(dates, pledgors, strict=False)):
            serial += rng.randint(3, 40)
            amt = rng.choice(amounts)
            pats = own_patents(key, d)
            marks = own_marks(key)
            if i == 5:
                kind, items = "专利", rng.sample(pats, 5)
                amt = 3000
            else:
                kind = rng.choices(["专利", "商标", "专利+商标"], weights=[70, 15, 15])[0]
                if kind != "专利" and not marks:
                    kind = "专利"
                items = []
                if kind in ("专利", "专利+商标"):
                    items += rng.sample(pats, min(len(pats), rng.choice([1, 1, 2, 2, 3])))
                if kind in ("商标", "专利+商标"):
                    items += rng.sample(marks, min(len(marks), rng.choice([1, 2])))
            years = rng.choice([1, 1, 1, 2, 3])
            end = add_years(d, years) - timedelta(days=1)
            regno = (f"Y{d.year}330000{serial:04d}" if kind != "商标" else f"{d.year}商质登字第{serial:04d}号")
            self.loans.append(dict(pledgor=key, bank=rng.choice(BANKS), amount=amt, date=d, regno=regno,
                                   start=d, end=end, kind=kind, items=items))
        self.loans[12]["amount_written"] = "500万元"
        self.loans[12]["amount"] = 500
        self.loans[20]["amount_written"] = "0.12亿元"
        self.loans[20]["amount"] = 1200

    def build_funds(self):
        rng = self.rng
        rows = [("E01", "国家知识产权示范企业奖励", 50), ("E04", "国家知识产权示范企业奖励", 50),
                ("E03", "国家知识产权优势企业奖励", 20), ("E06", "国家知识产权优势企业奖励", 20),
                ("E05", "国家知识产权优势企业奖励", 20), ("E64", "贯标补助", 8), ("E22", "贯标补助", 8),
                ("E24", "贯标补助", 8), ("E01", "专利导航项目资助", 25), ("E04", "专利导航项目资助", 10),
                ("E01", "高价值专利组合培育资助", 50), ("E19", "马德里商标国际注册资助", 3),
                ("E55", "马德里商标国际注册资助", 3), ("E02", "中国专利奖配套奖励", 20),
                ("E05", "中国专利奖配套奖励", 30)]
        for key, cat, amt in rows:
            self.funds.append(dict(holder=key, category=cat, amount=amt))
        # pledge-interest subsidies for a few 2025/2026 loans
        for ln in self.loans[1:8:2]:
            self.funds.append(dict(holder=ln["pledgor"], category="质押融资贴息", amount=rng.choice([3, 5, 6, 8, 12])))

    def build_cases(self):
        rng = self.rng
        shops = [("云溪区城东恒发日用品商行", "美琪"), ("云溪区白沙镇鑫源五金店", "精锻"),
                 ("杭州青山佳佳副食品超市", "禾润"), ("云溪区滨江惠民药房", "溪康"), ("杭州湖滨时尚服饰店", "星河"),
                 ("云溪区城西老周茶叶店", "溪谷"), ("杭州临港宏达汽配经营部", "恒拓"), ("云溪区青山镇万福酒行", "云溪坊"),
                 ("杭州云溪优品电子商行", "巨能"), ("云溪区高新园区捷达通讯器材店", "海澄"),
                 ("杭州白沙美佳化妆品店", "美琪"), ("云溪区城东小陈服装店", "溪裳"), ("杭州滨江益康保健品店", "利康"),
                 ("云溪区湖滨天天数码店", "巨能"), ("杭州城西锦绣家纺店", "星河")]
        plan = [  # open date, close date or None, type
            (date(2025, 11, 12), date(2026, 2, 10), "侵权假冒"), (date(2025, 12, 3), date(2026, 3, 19), "一般违法"),
            (date(2026, 1, 15), date(2026, 3, 27), "侵权假冒"), (date(2026, 2, 24), date(2026, 5, 8), "侵权假冒"),
            (date(2026, 3, 10), date(2026, 6, 12), "一般违法"), (date(2026, 4, 2), date(2026, 6, 26), "侵权假冒"),
            (date(2026, 4, 20), date(2026, 7, 9), "侵权假冒"), (date(2026, 5, 6), date(2026, 8, 4), "侵权假冒"),
            (date(2026, 5, 28), date(2026, 8, 21), "一般违法"), (date(2026, 6, 17), date(2026, 9, 11), "侵权假冒"),
            (date(2026, 7, 21), date(2026, 9, 29), "侵权假冒"), (date(2026, 8, 5), None, "侵权假冒"),
            (date(2026, 9, 2), None, "一般违法"), (date(2026, 9, 18), None, "侵权假冒"),
            (date(2025, 6, 11), date(2025, 9, 2), "侵权假冒"),
        ]
        plan.sort(key=lambda r: r[0])
        seq = {2025: 40, 2026: 0}
        for (opened, closed, kind), (shop, brand) in zip(plan, shops, strict=False):
            seq[opened.year] += rng.randint(1, 6)
            if kind == "侵权假冒":
                title = f"{shop}销售侵犯“{brand}”注册商标专用权商品案"
            else:
                title = rng.choice([f"{shop}将未注册商标冒充注册商标使用案",
                                    f"{shop}违反商标使用管理规定案", f"{shop}商品标注“驰名商标”字样案"])
            value = round(rng.uniform(0.3, 25), 2)
            fine = round(value * rng.uniform(0.5, 3), 2) if closed else None
            self.cases.append(dict(no=f"云市监立字〔{opened.year}〕{seq[opened.year]:03d}号", title=title,
                                   party=shop, kind=kind, opened=opened, closed=closed, value=value, fine=fine,
                                   date_style=rng.choice(["iso", "iso", "slash_text", "cn"])))
