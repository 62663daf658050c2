"""Builders of the model (mixins of demo.model.Demo): enterprises and patents."""

from __future__ import annotations

from datetime import date, timedelta

from demo.data import (
    COLLEGE,
    DEAD_STATUSES,
    ENTERPRISES,
    FORMER_NAMES,
    GROUP_OVERRIDE,
    IND_GROUP,
    INDIVIDUALS,
    LEGACY_ASOF,
    NEW_IN_Q3,
    RENAMED_IN_Q3,
    TECHS,
    TITLES,
    UNIVERSITIES,
    UTIL_ADJ,
)
from demo.entities import Enterprise, Patent, View
from demo.values import DATE_STYLES, add_years, halfwidth_brackets, make_uscc, pat_check, rand_date


class EnterpriseBuilder:
    """Enterprises, the holder names each export writes, and the patent factory."""

    # ------------------------------------------------------------------ enterprises
    def build_enterprises(self):
        rng = self.rng
        used: set[str] = set()
        for key, name, town, industry, area, style in ENTERPRISES:
            code = make_uscc(rng, area, style, used)
            name_q3 = RENAMED_IN_Q3.get(key, name)
            former = []
            if key in FORMER_NAMES:
                former.append(FORMER_NAMES[key])
            if key in RENAMED_IN_Q3:
                former.insert(0, name)
            self.ents[key] = Enterprise(
                key=key, name_q2=None if key in NEW_IN_Q3 else name, name_q3=name_q3, former=former,
                town=town, industry=industry, code=code,
                group=GROUP_OVERRIDE.get(key, IND_GROUP[industry]))

    def holder_name(self, hid: str, export: str, p: Patent | None = None) -> str:
        if hid.startswith("U:"):
            return hid[2:]
        e = self.ents[hid]
        if p is not None and p.former_name and hid in FORMER_NAMES:
            return FORMER_NAMES[hid]
        name = e.name_q2 if export in ("Q2", "LEGACY") and e.name_q2 else e.name_q3
        if p is not None and p.halfwidth:
            name = halfwidth_brackets(name)
        return name

    # ------------------------------------------------------------------ patent factory
    def new_body(self, year: int, ptype: str) -> str:
        rng = self.rng
        while True:
            if year >= 2004:
                hi = {"1": 1_600_000, "2": 2_999_999, "3": 899_999, "8": 89_999}[ptype]
                body = f"{year}{ptype}{rng.randint(10_000, hi):07d}"
            else:
                body = f"{year % 100:02d}{ptype}{rng.randint(10_000, 99_999):05d}"
            if body not in self.used_bodies:
                self.used_bodies.add(body)
                return body

    def title(self, group: str, ptype: str) -> str:
        rng = self.rng
        nouns, methods, utils, designs = TITLES[group]
        for _ in range(50):
            if ptype in ("1", "8"):
                form = rng.random()
                if group == "soft":
                    t = (f"基于{rng.choice(TECHS)}的{rng.choice(methods)}方法及系统" if form < 0.5 else
                         f"一种{rng.choice(methods)}方法、装置、设备及存储介质" if form < 0.8 else
                         f"一种{rng.choice(nouns)}")
                elif group in ("chem", "pharma", "food", "light"):
                    n = rng.choice(nouns)
                    t = (f"一种{n}及其制备方法" if form < 0.45 else
                         f"一种{n}的{rng.choice(methods)}方法" if form < 0.7 else
                         f"{n}在制备抗肿瘤药物中的应用" if group == "pharma" and form < 0.8 else f"一种{n}")
                else:
                    n = rng.choice(nouns)
                    t = (f"一种{n}" if form < 0.35 else
                         f"一种{n}的{rng.choice(methods)}方法" if form < 0.65 else
                         f"基于{rng.choice(TECHS)}的{rng.choice(methods)}方法" if form < 0.8 else
                         f"一种{n}及其控制方法")
            elif ptype == "2":
                t = f"一种{rng.choice(UTIL_ADJ)}{rng.choice(utils)}"
            else:
                d = rng.choice(designs)
                t = d if rng.random() < 0.5 else f"{d}（{rng.choice('ABCDEFGHKLMSTXY')}{rng.randint(1, 9)}）"
            if t not in self.used_titles:
                self.used_titles.add(t)
                return t
        return t

    def add_patent(self, ptype: str, holders: list[str], filed: date, q2: View | None, q3: View | None,
                   tag: str = "", body_year: int | None = None, group: str | None = None) -> Patent:
        rng = self.rng
        first = holders[0]
        grp = group or (self.ents[first].group if not first.startswith("U:") else "env")
        if first == f"U:{COLLEGE}":
            grp = rng.choice(["equip", "soft", "elecmach"])
        body = self.new_body(body_year or filed.year, ptype)
        p = Patent(pid=len(self.patents) + 1, body=body, ptype=ptype, title=self.title(grp, ptype),
                   filed=filed, tag=tag)
        if q2:
            p.views["Q2"] = q2
        if q3:
            p.views["Q3"] = q3
        # presentation, stable across exports
        p.date_styles = tuple(rng.choice(DATE_STYLES) for _ in range(3))
        p.show_code = not first.startswith("U:") and rng.random() < 0.6
        p.sep = "；" if rng.random() < 0.75 else "; "
        self.patents.append(p)
        return p

    # sampling helpers ------------------------------------------------------------
    def sample_filed(self, ptype: str) -> date:
        rng = self.rng
        while True:
            if ptype in ("1", "8"):
                year = rng.choices(range(2008, 2024), weights=[1, 1, 1, 1, 2, 2, 3, 3, 5, 6, 7, 8, 8, 7, 6, 5])[0]
            else:
                year = rng.choices(range(2017, 2026), weights=[2, 3, 4, 5, 6, 7, 7, 7, 5])[0]
            d = rand_date(rng, date(year, 1, 3), date(year, 12, 28))
            # keep the 10-year boundary windows and term ends around the quarter ends clean
            if date(2016, 6, 1) <= d <= date(2016, 10, 31):
                continue
            return d

    def sample_grant(self, ptype: str, filed: date) -> date:
        rng = self.rng
        lag = {"1": (480, 1400), "8": (600, 1500), "2": (150, 330), "3": (100, 250)}[ptype]
        return filed + timedelta(days=rng.randint(*lag))

    def inforce_status(self) -> str:
        return self.rng.choices(["有效", "专利权维持", "等年费滞纳金"], weights=[60, 36, 4])[0]

    def add_inforce(self, ptype: str, holders: list[str], filed: date | None = None, tag: str = "",
                    body_year: int | None = None) -> Patent:
        young = not holders[0].startswith("U:") and self.ents[holders[0]].code[8:10] == "MA"
        while True:
            f = filed or self.sample_filed(ptype)
            if young and not filed and f < date(2015, 10, 1):   # an MA-coded firm was registered after 2015
                continue
            g = self.sample_grant(ptype, f)
            if g <= date(2026, 5, 31):
                break
        st = self.inforce_status()
        st3 = "专利权维持" if st == "等年费滞纳金" else st      # the fee was paid in the quarter
        return self.add_patent(ptype, holders, f, View(list(holders), st, g), View(list(holders), st3, g),
                               tag=tag, body_year=body_year)

    def add_pending(self, holders: list[str], filed: date | None = None, in_q2: bool = True,
                    tag: str = "") -> Patent:
        rng = self.rng
        f = filed or rand_date(rng, date(2023, 3, 1), date(2024, 10, 31))
        st = rng.choices(["实质审查", "审中"], weights=[7, 3])[0]
        v2 = View(list(holders), st, None) if in_q2 else None
        return self.add_patent("1", holders, f, v2, View(list(holders), st, None), tag=tag)

    def add_dead(self, ptype: str, holders: list[str]) -> Patent:
        rng = self.rng
        young = not holders[0].startswith("U:") and self.ents[holders[0]].code[8:10] == "MA"
        while True:
            start = date(2015, 10, 1) if young else date(2008, 1, 1)
            if ptype in ("1", "8"):
                f = rand_date(rng, start, date(2019, 12, 31))
            else:
                f = rand_date(rng, start, date(2021, 5, 31))
            g = self.sample_grant(ptype, f)
            term = 20 if ptype in ("1", "8") else 10
            expiry = add_years(f, term)
            if expiry <= date(2026, 3, 31) and rng.random() < 0.7:
                status, lapse = "届满终止", expiry
            else:
                # unpaid annuity: ends at an anniversary of the filing date after grant
                years = [y for y in range(g.year + 1, 2026) if add_years(f, y - f.year) > g]
                if not years:
                    continue
                lapse = add_years(f, rng.choice(years) - f.year)
                if lapse > date(2026, 3, 31) or lapse >= expiry:
                    continue
                status = rng.choice(["未缴年费专利权终止", "未缴年费专利权终止", "失效"])
            if f.month == 2 and f.day == 29:
                continue
            shown = rng.random() < 0.6
            v = View(list(holders), status, g, lapse, shown)
            return self.add_patent(ptype, holders, f, v, View(list(holders), status, g, lapse, shown))



class PatentBuilder:
    """The patents of both snapshots with their planted stories, and the old-system export."""

    # ------------------------------------------------------------------ patents
    def build_patents(self):
        rng = self.rng
        # base portfolios: (in-force inventions, utility, design, pending, dead) for the leading enterprises;
        # the story patents below add to these
        plan = {
            "E01": (11, 5, 1, 2, 2), "E02": (6, 2, 0, 1, 1), "E03": (6, 1, 1, 2, 1),
            "E04": (7, 3, 1, 2, 1), "E05": (10, 1, 1, 1, 1), "E06": (6, 3, 0, 1, 1),
            "E07": (5, 3, 1, 1, 1), "E08": (5, 2, 1, 1, 1), "E09": (3, 2, 0, 0, 1), "E10": (3, 1, 0, 1, 0),
        }
        for key in sorted(self.ents):
            if key in NEW_IN_Q3:
                continue
            if key in plan:
                n_inv, n_util, n_des, n_pend, n_dead = plan[key]
            else:
                n_inv = rng.choices([0, 1, 2, 3, 4], weights=[52, 26, 13, 6, 3])[0]
                n_util = rng.choices([0, 1, 2, 3], weights=[55, 28, 12, 5])[0]
                n_des = rng.choices([0, 1, 2], weights=[85, 12, 3])[0]
                n_pend = rng.choices([0, 1], weights=[80, 20])[0]
                n_dead = rng.choices([0, 1], weights=[72, 28])[0]
            for _ in range(n_inv):
                pt = "8" if key in ("E04", "E03", "E10", "E05") and rng.random() < 0.12 else "1"
                if pt == "8":
                    f = self.sample_filed("1")
                    self.add_inforce("8", [key], filed=f, body_year=f.year + 1)
                else:
                    self.add_inforce("1", [key])
            for _ in range(n_util):
                self.add_inforce("2", [key])
            for _ in range(n_des):
                self.add_inforce("3", [key])
            for _ in range(n_pend):
                self.add_pending([key])
            for _ in range(n_dead):
                self.add_dead(rng.choice(["1", "2", "2", "3"]), [key])

        # non-enterprise holders (count in the district total only)
        for _ in range(3):
            self.add_inforce("1", [f"U:{COLLEGE}"])
        for _ in range(2):
            self.add_inforce("2", [f"U:{COLLEGE}"])
        self.add_inforce("1", ["U:陈立新"])
        self.add_inforce("2", ["U:王海峰"])
        self.add_inforce("3", ["U:王海峰"])
        self.add_dead("2", ["U:周晓梅"])
        self.add_pending(["U:浙江工业大学", "U:陈立新"])

        # random university / individual co-holders on some base rows (do not change enterprise counts)
        base = [p for p in self.patents if not p.views["Q3"].holders[0].startswith("U:")]
        for p in rng.sample(base, 18):
            co = rng.choice(UNIVERSITIES[:4] + INDIVIDUALS[:2])
            for v in p.views.values():
                v.holders.append(f"U:{co}")
        for p in rng.sample([p for p in base if len(p.views["Q3"].holders) == 1], 4):
            co = rng.choice(UNIVERSITIES[:3])       # university first, enterprise second
            for v in p.views.values():
                v.holders.insert(0, f"U:{co}")
            p.show_code = False

        self.build_story_patents()
        self.build_old_numbers()
        self.apply_presentation()

    def build_story_patents(self):
        """The changes between the Q2 and Q3 exports, and other planted cases."""
        rng = self.rng
        S = self.story
        s = lambda k, p: S.setdefault(k, []).append(p)  # noqa: E731

        # co-held inventions
        for _ in range(2):
            s("co_held", self.add_inforce("1", ["E01", "U:浙江大学"], tag="co-held E01+浙江大学"))
        s("co_held", self.add_inforce("1", ["E04", "E10"], tag="co-held E04+E10 (both credited)"))
        s("co_held", self.add_inforce("1", ["E03", "U:中国药科大学"], tag="co-held E03+中国药科大学"))
        s("co_held", self.add_inforce("2", ["E16", "E64"], tag="co-held utility E16+E64"))
        s("co_held", self.add_inforce("2", ["E20", "U:李娜"], tag="co-held utility E20+individual"))

        # E04 patents still recorded under its former name (曾用名), no code on the row
        for _ in range(3):
            p = self.add_inforce("1", ["E04"], tag="E04 under former name")
            p.former_name, p.show_code = True, False
            s("former_name", p)

        # 10-year boundaries and PCT national phase
        p = self.add_inforce("1", ["E04"], filed=date(2016, 9, 30), tag="filed 2016-09-30: 10y reached on Q3 exactly")
        s("ten_year_boundary", p)
        p = self.add_inforce("1", ["E01"], filed=date(2016, 8, 10), tag="filed 2016-08-10: 10y at Q3, not at Q2")
        s("ten_year_boundary", p)
        p = self.add_inforce("8", ["E03"], filed=date(2016, 4, 12), body_year=2017,
                             tag="PCT national phase: number year 2017, 申请日 2016-04-12 (10y at both dates)")
        s("pct_10y", p)

        # ~10 new grants in Q3: 4 inventions pending at Q2, 6 utility/design rows new in Q3
        for key in ("E01", "E01", "E05", "E08"):
            f = rand_date(rng, date(2022, 3, 1), date(2023, 8, 31))
            p = self.add_pending([key], filed=f, tag="pending at Q2, granted in Q3")
            p.views["Q3"] = View([key], "有效", rand_date(rng, date(2026, 7, 3), date(2026, 9, 25)))
            s("new_grants_q3", p)
        for key, pt in (("E16", "2"), ("E26", "3"), ("E81", "2"), ("E34", "2"), ("E57", "3"), ("E82", "2")):
            f = rand_date(rng, date(2025, 9, 1), date(2026, 2, 28))
            g = rand_date(rng, date(2026, 7, 3), date(2026, 9, 25))
            s("new_grants_q3", self.add_patent(pt, [key], f, None, View([key], "有效", g), tag="new row in Q3, granted in Q3"))

        # new published applications in Q3
        for key in ("E01", "E04", "E05", "E10", "E12", "E14", "E16", "E22", "E41", "E56", "E81", "E03", "E02", "E06",
                    "E08", "E09", "E24", "E32", "E44", "E64"):
            f = rand_date(rng, date(2025, 1, 5), date(2025, 3, 28))
            s("new_applications_q3", self.add_pending([key], filed=f, in_q2=False, tag="new application row in Q3"))

        # two lapse without a date (Q3 status 失效): an invention of E02, a utility model of E12
        p = self.add_inforce("1", ["E02"], tag="lapsed in Q3, no date")
        p.views["Q2"].status = "等年费滞纳金"
        p.views["Q3"] = View(["E02"], "失效", p.views["Q2"].granted, None, False)
        s("lapsed_no_date_q3", p)
        p = self.add_inforce("2", ["E12"], tag="lapsed in Q3, no date")
        p.views["Q3"] = View(["E12"], "失效", p.views["Q2"].granted, None, False)
        s("lapsed_no_date_q3", p)
        # one lapses with a 失效日 in the quarter: an invention of E09
        p = self.add_inforce("1", ["E09"], tag="lapsed in Q3 with 失效日 2026-07-20")
        p.views["Q2"].status = "专利权维持"
        p.views["Q3"] = View(["E09"], "未缴年费专利权终止", p.views["Q2"].granted, date(2026, 7, 20), True)
        s("lapsed_dated_q3", p)
        # transferred out of the district (in Q2, absent from Q3)
        p = self.add_inforce("1", ["E03"], tag="transferred out: in Q2, absent from Q3")
        del p.views["Q3"]
        s("transferred_out", p)
        # transferred in (old invention, first listed in Q3)
        p = self.add_inforce("1", ["E07"], filed=date(2013, 5, 16), tag="transferred in: first listed in Q3")
        p.views["Q2"] = None
        del p.views["Q2"]
        s("transferred_in", p)
        # moved between two district enterprises
        p = self.add_inforce("1", ["E02"], tag="moved E02 -> E06")
        p.views["Q3"] = View(["E06"], "专利权维持", p.views["Q2"].granted)
        p.show_code = True
        s("moved", p)
        # a utility model whose Q3 row carries a wrong check character (warning, row kept)
        p = self.add_inforce("2", ["E12"], tag="Q3 row written with a wrong check character")
        s("wrong_check_q3", p)
        # a patent of E14 written in full-width characters in Q3
        p = self.add_inforce("1", ["E14"], tag="Q3 row in full-width digits")
        p.show_code = False
        s("fullwidth_q3", p)

    def build_old_numbers(self):
        """8-digit (pre-Oct-2003) numbers in the snapshots: all long expired."""
        S = self.story
        for key, year, ptype, shown in (("E07", 2001, "1", True), ("E07", 2002, "1", False),
                                        ("E02", 2003, "1", True), ("E13", 2001, "2", True)):
            f = rand_date(self.rng, date(year, 1, 5), date(year, 8, 30))
            g = self.sample_grant(ptype, f)
            end = add_years(f, 20 if ptype == "1" else 10)
            v = View([key], "届满终止", g, end, shown)
            p = self.add_patent(ptype, [key], f, v, View([key], "届满终止", g, end, shown), tag="old 8-digit number")
            S.setdefault("old_8digit", []).append(p)

    def apply_presentation(self):
        """Application-number styles and name variants (stable across exports)."""
        rng = self.rng
        S = self.story
        plain = [p for p in self.patents if len(p.body) == 12 and not p.tag]
        granted = [p for p in plain if p.views.get("Q3") and p.views["Q3"].granted]
        picks = rng.sample(granted, 30)
        for p in picks[:14]:
            p.no_style = "cn"
        for p in picks[14:20]:
            p.no_style = "zl"
        for p in picks[20:23]:
            p.no_style = "zl_spaced"
        for p in picks[23:27]:
            p.no_style = "nocheck"
        for p in picks[27:29]:
            p.no_style = "nodot"
        floats = [p for p in granted if p not in picks and p.chk not in ("X", "0")]
        floats[0].no_style = "float"
        S["nocheck"] = picks[23:27]
        S["float_cell"] = [floats[0]]
        for p in S["old_8digit"]:
            p.no_style = "zl" if p.body.startswith("03") else "plain"
        # full-width brackets of the enterprise list written half-width on some rows (no code on them)
        fw = [p for p in self.patents if not p.tag and self.ents.get(p.views.get("Q3", p.views.get("Q2")).holders[0])
              and "（" in self.ents[p.views.get("Q3", p.views.get("Q2")).holders[0]].name_q3]
        for p in fw[::2]:
            p.halfwidth, p.show_code = True, False
            S.setdefault("halfwidth_names", []).append(p)
        # E05 (renamed in Q3): code shown on half its rows
        for p in self.patents:
            v = p.views.get("Q3") or p.views.get("Q2")
            if v.holders[0] == "E05":
                p.show_code = p.pid % 2 == 0

    # ------------------------------------------------------------------ legacy .xls
    def build_legacy(self):
        """20 rows of an old system export: 12 overlap the snapshots, 8 are old numbers found only here."""
        rng = self.rng
        cands = [p for p in self.patents if not p.tag and p.no_style == "plain" and len(p.body) == 12
                 and "Q2" in p.views and "Q3" in p.views and p.views["Q3"].granted
                 and p.views["Q3"].granted <= date(2025, 6, 30) and p.filed <= date(2016, 1, 1)
                 and not p.halfwidth and not p.former_name
                 and p.views["Q3"].holders == p.views["Q2"].holders
                 and p.views["Q3"].holders[0] not in RENAMED_IN_Q3
                 and (p.views["Q3"].status not in DEAD_STATUSES or p.views["Q3"].lapse_shown)]
        cands.sort(key=lambda p: p.body)
        alive = [p for p in cands if p.views["Q3"].status not in DEAD_STATUSES]
        dead = [p for p in cands if p.views["Q3"].status in DEAD_STATUSES and p.views["Q3"].lapse <= LEGACY_ASOF]
        overlap = rng.sample(alive, 9) + rng.sample(dead, 3)
        for p in overlap:
            v = p.views["Q3"]
            st = "有效" if v.status not in DEAD_STATUSES else v.status
            p.views["LEGACY"] = View(list(v.holders), st, v.granted, v.lapse, v.lapse_shown)
        self.story["legacy_overlap"] = sorted(overlap, key=lambda p: p.body)
        only = []
        spec = [  # holder, filing date, type, status, body year, style
            ("E07", date(1988, 3, 14), "1", "届满终止", 1988, "nocheck88"),
            ("E13", date(1999, 6, 2), "2", "届满终止", 1999, "zl"),
            ("E02", date(2001, 4, 18), "1", "届满终止", 2001, "float_lost_zero"),
            ("E23", date(2002, 9, 9), "3", "届满终止", 2002, "plain"),
            ("E04", date(2003, 2, 20), "8", "未缴年费专利权终止", 2003, "zl"),
            ("E07", date(2005, 7, 11), "1", "未缴年费专利权终止", 2005, "zl"),
            ("E27", date(2006, 5, 23), "2", "届满终止", 2006, "plain"),
            ("E31", date(2010, 10, 8), "3", "未缴年费专利权终止", 2010, "zl"),
        ]
        for key, f, pt, status, by, style in spec:
            while True:
                body = self.new_body(by, pt)
                if style == "float_lost_zero" and pat_check(body) in ("X", "0"):
                    continue
                break
            g = self.sample_grant(pt, f)
            if status == "届满终止":
                end = add_years(f, 10 if pt in ("2", "3") else 20)
            else:
                end = add_years(f, rng.randint(4, 9))
            grp = self.ents[key].group
            p = Patent(pid=len(self.patents) + 1, body=body, ptype=pt, title=self.title(grp, pt), filed=f,
                       tag="legacy only (expired long ago)", no_style=style)
            p.views["LEGACY"] = View([key], status, g, end, True)
            p.date_styles = tuple(rng.choice(["date", "date", "iso", "int8"]) for _ in range(3))
            p.show_code = rng.random() < 0.4
            self.patents.append(p)
            only.append(p)
        self.story["legacy_only"] = only
