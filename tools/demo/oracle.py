"""The ground truth (tools/demo_facts.json), computed from the model following Part I of domain.md, never by reading the written files back."""

from __future__ import annotations

from datetime import date

from demo.data import (
    DEAD_STATUSES,
    FORMER_NAMES,
    LEGACY_ASOF,
    NEW_IN_Q3,
    PENDING_STATUSES,
    Q2,
    Q3,
    Q3_START,
    SEED,
    TOWNS,
    YEAR_START,
)
from demo.entities import Patent, View
from demo.model import Demo
from demo.values import add_years, org_check, pat_check, uscc_check


class Oracle:
    """The figures Part I of domain.md gives for the model at a date (the expected values of the tests)."""

    def __init__(self, demo: Demo):
        self.d = demo

    def patent_imports(self):
        """(export key, as-of date, complete snapshot?)"""
        return [("LEGACY", LEGACY_ASOF, False), ("Q2", Q2, True), ("Q3", Q3, True)]

    def patent_state(self, p: Patent, d: date):
        """Part I: the register as of D (snapshot rule), then the latest observation on or before D."""
        imps = self.patent_imports()
        snaps = [(k, a) for k, a, s in imps if s and a <= d]
        if snaps:
            sk, sa = max(snaps, key=lambda x: x[1])
            listed = sk in p.views or any(k in p.views for k, a, s in imps if not s and sa < a <= d)
            if not listed:
                return None
        obs = [(a, k) for k, a, s in imps if k in p.views and a <= d]
        if not obs:
            obs = [min((a, k) for k, a, s in imps if k in p.views)]
        a, k = max(obs)
        return p.views[k], a

    def patent_in_force(self, p: Patent, d: date) -> tuple[bool, View | None]:
        st = self.patent_state(p, d)
        if st is None:
            return False, None
        v, asof = st
        if v.status in PENDING_STATUSES or v.granted is None or v.granted > d:
            return False, v
        end = v.lapse if (v.lapse and v.lapse_shown) else None
        if v.status in DEAD_STATUSES and end is None:
            end = asof
        if end is not None and end <= d:
            return False, v
        return True, v

    def figures_at(self, d: date) -> dict:
        inv, inv10, all_types = [], [], {"1": [], "8": [], "2": [], "3": []}
        for p in self.d.patents:
            ok, _ = self.patent_in_force(p, d)
            if not ok:
                continue
            all_types[p.ptype].append(p.body)
            if p.is_invention:
                inv.append(p.body)
                if d >= add_years(p.filed, 10):
                    inv10.append(p.body)
        tm = [f"{t.regno}/{t.cls}" for t in self.d.trademarks if self.d.tm_in_force(t, d)]
        wk = sorted({w["regno"] for w in self.d.wellknown if w["year"] <= d.year})
        std = sorted({r["holder"] for r in self.d.ipstd if r["issued"] <= d and not r["valid_to"] < d})

        def holding(cat):
            return sorted({k for k, c, y, vt in self.d.honours if c == cat and y <= d.year and (vt is None or vt >= d)})
        return {
            "invention_patents": len(inv),
            "invention_patents_10y": len(inv10),
            "patents_in_force": sum(len(v) for v in all_types.values()),
            "patents_in_force_by_type": {"发明": len(all_types["1"]) + len(all_types["8"]),
                                         "实用新型": len(all_types["2"]), "外观设计": len(all_types["3"])},
            "pct_route_invention_patents": len(all_types["8"]),
            "trademarks_registered": len(tm),
            "madrid_registrations": len(self.d.madrid_in_force(d)),
            "well_known_marks": len(wk),
            "ip_standard_enterprises": len(std),
            "national_demo_enterprises": len(holding("国家知识产权示范企业")),
            "national_advantage_enterprises": len(holding("国家知识产权优势企业")),
            "_lists": {"invention_patents_10y": sorted(inv10), "madrid": self.d.madrid_in_force(d),
                       "ip_standard_enterprises": [self.d.ents[k].code for k in std],
                       "national_demo_enterprises": [self.d.ents[k].code for k in holding("国家知识产权示范企业")],
                       "national_advantage_enterprises": [self.d.ents[k].code for k in holding("国家知识产权优势企业")]},
        }

    def enterprise_inventions(self, d: date) -> dict[str, int]:
        counts: dict[str, set] = {}
        for p in self.d.patents:
            ok, v = self.patent_in_force(p, d)
            if ok and p.is_invention:
                for h in v.holders:
                    if not h.startswith("U:"):
                        counts.setdefault(h, set()).add(p.body)
        return {k: len(v) for k, v in counts.items()}

    def ranking(self, d: date, top: int = 5) -> list[dict]:
        counts = self.enterprise_inventions(d)
        rows = sorted(counts.items(), key=lambda kv: (-kv[1], self.d.ents[kv[0]].name_at(d)))
        out, rank = [], 0
        for i, (k, n) in enumerate(rows):
            if i == 0 or n != rows[i - 1][1]:
                rank = i + 1
            if rank > top:
                break
            out.append({"rank": rank, "code": self.d.ents[k].code, "name": self.d.ents[k].name_at(d), "value": n})
        # the demo keeps the top-5 boundary clear of ties
        assert len(out) == top and rows[top][1] < rows[top - 1][1], rows[:8]
        return out

    def by_town(self, d: date) -> dict[str, int]:
        sets = {t: set() for t in TOWNS}
        for p in self.d.patents:
            ok, v = self.patent_in_force(p, d)
            if ok and p.is_invention:
                for h in v.holders:
                    if not h.startswith("U:"):
                        sets[self.d.ents[h].town].add(p.body)
        return {t: len(s) for t, s in sets.items()}

    def flows(self, a: date, b: date) -> dict:
        loans = [ln for ln in self.d.loans if a <= ln["date"] <= b]
        grants = sorted({p.body for p in self.d.patents for k, v in p.views.items()
                         if k in ("Q2", "Q3") and v.granted and a <= v.granted <= b})
        closed = [c for c in self.d.cases if c["closed"] and a <= c["closed"] <= b]
        return {"period": [a.isoformat(), b.isoformat()],
                "pledge_amount_wan": sum(ln["amount"] for ln in loans),
                "pledge_loans": len(loans),
                "pledge_enterprises": len({ln["pledgor"] for ln in loans}),
                "patent_grants": len(grants),
                "trademark_cases_closed": len(closed)}




def build_facts(demo: Demo) -> dict:
    truth = Oracle(demo)
    D2, D3 = Q2, Q3
    f2, f3 = truth.figures_at(D2), truth.figures_at(D3)
    lists = {"2026-06-30": f2.pop("_lists"), "2026-09-30": f3.pop("_lists")}
    nav = [p for p in demo.projects if p[1] == "专利导航"]
    approved = ("立项", "获批", "在建", "实施中", "已验收", "结项")
    nav26 = [p for p in nav if p[5] == 2026 and p[7] in approved]
    hv26 = [p for p in demo.projects if p[1] == "高价值专利组合培育" and p[5] == 2026 and p[7] in approved]

    def split(rows, idx):
        out = {}
        for r in rows:
            out[r[idx]] = out.get(r[idx], 0) + 1
        return dict(sorted(out.items()))
    S = demo.story
    ids = lambda ps: [f"{p.body}.{p.chk}" for p in ps]  # noqa: E731
    awards_by_year = {}
    for a in demo.awards:
        awards_by_year.setdefault(str(a["year"]), {}).setdefault(a["level"], 0)
        awards_by_year[str(a["year"])][a["level"]] += 1
    facts = {
        "about": "Ground truth of the 云溪区 demo (imports/demo/), computed by tools/make_demo.py from its internal "
                 "model following domain.md Part I - not by reading the files back.",
        "seed": SEED,
        "as_of_dates": {"2026Q2": D2.isoformat(), "2026Q3": D3.isoformat()},
        "import_plan": {
            "专利清单_2026Q2.xlsx": {"as_of": "2026-06-30", "snapshot": True},
            "专利清单_2026Q3.xlsx": {"as_of": "2026-09-30", "snapshot": True},
            "专利清单_补充_老系统导出.xls": {"as_of": LEGACY_ASOF.isoformat(), "snapshot": False},
            "商标清单_2026Q3.xlsx": {"as_of": "2026-09-30", "snapshot": True},
            "企业名录_2026Q2.xlsx": {"as_of": "2026-06-30"}, "企业名录_2026Q3.xlsx": {"as_of": "2026-09-30"},
            "other files": {"as_of": "2026-09-30 (or the date/year in the title)", "snapshot": False},
        },
        "files": demo.files,
        "figures": {
            "2026-06-30": f2,
            "2026-09-30": f3,
            "2026Q3": truth.flows(Q3_START, D3),
            "2026YTD": truth.flows(YEAR_START, D3),
            "2026": {
                "navigation_projects": len(nav26),
                "navigation_projects_by_kind": split(nav26, 2),
                "navigation_projects_by_level": split(nav26, 3),
                "high_value_portfolio_projects": len(hv26),
                "fund_enterprises": len({f["holder"] for f in demo.funds}),
                "fund_amount_wan": sum(f["amount"] for f in demo.funds),
            },
            "patent_awards_by_year": dict(sorted(awards_by_year.items())),
        },
        "rankings": {"invention_patents": {"2026-06-30": truth.ranking(D2), "2026-09-30": truth.ranking(D3)}},
        "invention_patents_by_town": {"2026-06-30": truth.by_town(D2), "2026-09-30": truth.by_town(D3)},
        "lists": lists,
        "story": {
            "renamed_in_q3": {"code": demo.ents["E05"].code, "old": demo.ents["E05"].name_q2,
                              "new": demo.ents["E05"].name_q3},
            "former_name_in_both_lists": {"code": demo.ents["E04"].code, "former": FORMER_NAMES["E04"],
                                          "patents_under_former_name": ids(S["former_name"])},
            "new_enterprises_q3": [demo.ents[k].code for k in NEW_IN_Q3],
            "new_grants_q3": ids(S["new_grants_q3"]),
            "new_applications_q3": ids(S["new_applications_q3"]),
            "lapsed_no_date_q3": ids(S["lapsed_no_date_q3"]),
            "lapsed_dated_q3": ids(S["lapsed_dated_q3"]),
            "transferred_out": ids(S["transferred_out"]),
            "transferred_in": ids(S["transferred_in"]),
            "moved": {"patent": ids(S["moved"])[0], "from": demo.ents["E02"].code, "to": demo.ents["E06"].code},
            "ten_year_boundary": ids(S["ten_year_boundary"]),
            "pct_route_10y": ids(S["pct_10y"]),
            "co_held_enterprise_pair": ids([p for p in S["co_held"] if "E04+E10" in p.tag]),
        },
        "notes": {
            "invention_patents": "Distinct patents of type digit 1 or 8 in force on D. For D the register is the latest "
                                 "complete snapshot on or before D (Q2 list for 2026-06-30, Q3 list for 2026-09-30); "
                                 "the legacy .xls (as-of 2025-12-31, not a snapshot) adds nothing at either date. "
                                 "In force = status not pending, granted on or before D, and end date after D, where "
                                 "end = 失效日 if given, else the export's as-of date when the status is dead "
                                 "(失效/未缴年费专利权终止/届满终止). 等年费滞纳金 is in force. Rejected rows are "
                                 "excluded; the wrong-check row is kept; the duplicate row counts once.",
            "invention_patents_10y": "Of invention_patents, D >= 申请日 + 10 years (anniversary reached). One invention "
                                     "filed 2016-09-30 counts at 2026-09-30 exactly; one filed 2016-08-10 counts at Q3 "
                                     "only; a PCT-route patent numbered 2017… with 申请日 2016-04-12 counts at both.",
            "patents_in_force": "Same rule as invention_patents for all types; by_type 发明 includes type 8.",
            "Q2_vs_Q3_patents": "A patent listed at Q2 but not at Q3 (transferred out) counts at Q2 only; the patent "
                                "first listed at Q3 (transferred in, granted 2015) counts at Q3 only; the two rows "
                                "dead at Q3 without a date count at Q2 (Q2 list says in force).",
            "trademarks_registered": "Registrations (number + class) of the Q3 trademark snapshot. For 2026-06-30 (before "
                                     "the first trademark snapshot) each mark's own dates decide. Counted when "
                                     "注册公告日期 <= D, status not pending, term end (专用权期限 as last known, renewals "
                                     "included) not before D (end >= D; a term ending exactly 2026-09-30 counts on "
                                     "2026-09-30), and not 注销/无效 on or before D - 注销/无效 without a date = ended "
                                     "2026-09-30 (snapshot date), so the two invalidated marks with running terms count "
                                     "at 2026-06-30 only. Cancelled (注销) marks' terms all ended before 2026.",
            "madrid_registrations": "Distinct 国际注册号 with 国际注册日期 <= D and 到期日期 > D and status 有效; the 后期指定 "
                                    "row repeats an IR number; one IR dated 2026-08-18 counts at Q3 only; one expired "
                                    "2025-03-10.",
            "well_known_marks": "Distinct registration numbers with 认定年份 <= D's year; the mark recognised in 2015 "
                                "and 2023 counts once.",
            "ip_standard_enterprises": "Distinct enterprises with 发证日期 <= D and 有效期至 >= D (not expired before D): "
                                       "one certified 2026-08-18 (Q3 only), one valid to 2026-08-14 (Q2 only), two "
                                       "expired in 2025.",
            "national_demo_enterprises": "Rows 类别=国家知识产权示范企业 with 认定年度 <= D's year and (有效期至 empty or >= D).",
            "national_advantage_enterprises": "Same for 国家知识产权优势企业; one valid to 2026-07-31 (Q2 only), one to "
                                              "2025-07-31, one with empty 有效期至 (counts), E01's old 2020 advantage "
                                              "designation (to 2023-07-31) does not count.",
            "pledge": "Loans with 质押登记日 in the period; amount in 万元 counted once per loan ('500万元' = 500, "
                      "'0.12亿元' = 1200); the loan registered 2025-12-26 is outside 2026. The 合计 row is not a loan.",
            "patent_grants": "Distinct patents (Q2/Q3 exports) with 授权公告日 in the period (flow).",
            "trademark_cases_closed": "Cases with 结案日期 in the period; open cases (empty 结案日期) never count.",
            "navigation_projects": "专利导航 rows with 立项年度 2026 and status 立项/在建 (推荐 and 拟立项 excluded).",
            "high_value_portfolio_projects": "高价值专利组合培育 rows with 立项年度 2026 and an approval status.",
            "fund": "All rows of the 2026年度 list (dated by the title year); one enterprise name written with half-width "
                    "brackets; enterprises counted distinct.",
            "rankings": "Valid invention patents per enterprise of the list, each co-holder credited in full, holders "
                        "linked by code, normalised name, or 曾用名 (E04's three patents under its former name count "
                        "for it). Names as of D (the renamed enterprise shows its old name at 2026-06-30). Ties share "
                        "a rank; the top-5 boundary has no tie at either date.",
            "invention_patents_by_town": "Distinct invention patents in force per town (each right once per town).",
            "identifiers": "lists.* give patent keys as the application-number body (no check character), Madrid as "
                           "国际注册号, enterprises as 统一社会信用代码; story.* give application numbers with check char.",
            "old_8digit_numbers": "The 8-digit numbers (filed 1988-2003) are all past their 20/10-year term and dead "
                                  "(届满终止/未缴年费专利权终止), so no 8-digit patent counts as in force or as 10年以上; "
                                  "the 10年以上 stock comes from 12-digit inventions filed 2008-2016.",
        },
    }
    return facts


def check_identifiers(demo: Demo):
    assert uscc_check("91440300192203821") == "6"
    assert org_check("19220382") == "1"
    assert pat_check("201610311380") == "X" and pat_check("97101765") == "4"
    for e in demo.ents.values():
        assert uscc_check(e.code[:17]) == e.code[17] and org_check(e.code[8:16]) == e.code[16]
