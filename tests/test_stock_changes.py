"""The stocks as of D summed from the stock changes equal the count over the right facts (ipdb.stock_changes)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine

from ipdb import stock_changes
from ipdb.figures import predicates
from ipdb.figures.query import ten_year_cutoff
from ipdb.migrations import metadata
from ipdb.reading import as_reader

DAYS = ("2006-02-28", "2008-02-29", "2010-03-01", "2016-02-29", "2018-02-28", "2018-03-01", "2025-06-30", "9999-12-31")
dates = st.sampled_from(DAYS)
spans = st.tuples(dates, dates).map(sorted).map(lambda s: (s[0], s[1] if s[0] < s[1] else "9999-12-31"))
facts = st.lists(
    st.tuples(
        st.sampled_from(("invention", "utility", None)),
        spans,  # lo, hi
        st.one_of(st.none(), dates),  # filing date
        st.one_of(st.none(), dates),  # in force from
        st.one_of(st.none(), dates),  # ends on
    ),
    max_size=12,
)
AS_OF = [date.fromisoformat(d) for d in DAYS[:-1]] + [date(2018, 2, 27), date(2026, 2, 28), date(2028, 2, 29)]

COUNTS = f"""SELECT COALESCE(f.category, ''), COUNT(*), SUM(CASE WHEN {predicates.TEN_YEARS} THEN 1 ELSE 0 END)
FROM right_fact f WHERE f.kind = :kind AND {predicates.IN_FORCE} GROUP BY 1"""


def _row(i: int, fact: tuple) -> tuple:
    category, (lo, hi), filed, since, ends = fact
    return (i, "patents", category, lo, hi, 1, lo, filed, None, since, ends, "other")


def _insert(conn, rows: list[tuple]) -> None:
    if rows:
        conn.exec_driver_sql(f"INSERT INTO right_fact VALUES ({', '.join('?' * 12)})", rows)
    stock_changes.apply(conn, rows)


def _counted(conn, d: date) -> dict[str, tuple[int, int]]:
    rows = as_reader(conn).rows(
        COUNTS, {"kind": "patents", "d": d.isoformat(), "cutoff": ten_year_cutoff(d).isoformat()}
    )
    return {c: (n, t) for c, n, t in rows}


@settings(max_examples=200, deadline=None)
@given(kept=facts, removed=facts)
def test_stocks_from_the_changes_equal_the_count_over_the_facts(kept, removed):
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        metadata().tables["stock_change"].create(conn)
        conn.exec_driver_sql(  # the columns ipdb.facts writes, in its order
            "CREATE TABLE right_fact (right_id, kind, category, lo, hi, state_id, observed_on, filing_date, "
            "granted_on, in_force_from, ends_on, holder_group)"
        )
        gone = [_row(100 + i, f) for i, f in enumerate(removed)]
        _insert(conn, [_row(i, f) for i, f in enumerate(kept)] + gone)
        conn.exec_driver_sql("DELETE FROM right_fact WHERE right_id >= 100")
        stock_changes.apply(conn, (), gone)
        for d in AS_OF:
            found = stock_changes.stocks(as_reader(conn), "patents", d.isoformat())
            assert {c: v for c, v in found.items() if v != (0, 0)} == _counted(conn, d), d
        zero = conn.exec_driver_sql("SELECT COUNT(*) FROM stock_change WHERE in_force = 0 AND ten_years = 0")
        assert zero.scalar() == 0
        kept_rows = sorted(conn.exec_driver_sql("SELECT * FROM stock_change").all())
        stock_changes.rebuild(conn)
        assert sorted(conn.exec_driver_sql("SELECT * FROM stock_change").all()) == kept_rows


def test_the_tenth_anniversary_is_the_first_day_whose_cutoff_reaches_the_filing():
    day = date(1995, 1, 1)
    while day < date(2013, 1, 1):
        first = date.fromisoformat(stock_changes.anniversary(day.isoformat()))
        assert ten_year_cutoff(first) >= day > ten_year_cutoff(first - timedelta(days=1)), day
        day += timedelta(days=1)
    # a 29 February filing reaches its tenth year on 28 February of a common year (2100 is one)
    assert stock_changes.anniversary("2090-02-28") == "2100-02-28"
    assert stock_changes.anniversary("2008-02-29") == "2018-02-28"
    assert stock_changes.anniversary("2012-02-29") == "2022-02-28"


def test_stocks_by_hand():
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        metadata().tables["stock_change"].create(conn)
        rows = [
            # in force 2015-01-01 .. 2020-06-30 (ends), filed 2008-02-29: 10 years from 2018-02-28
            (
                1,
                "patents",
                "invention",
                "2010-01-01",
                "9999-12-31",
                1,
                "x",
                "2008-02-29",
                None,
                "2015-01-01",
                "2020-06-30",
            ),
            # in force from lo (2019-01-01; granted earlier) until the fact ends on 2021-01-01; never 10 years
            (2, "patents", "invention", "2019-01-01", "2021-01-01", 1, "x", "2014-05-05", None, "2012-01-01", None),
            (3, "patents", "invention", "2019-01-01", "9999-12-31", 1, "x", "2014-05-05", None, None, None),  # pending
        ]
        stock_changes.apply(conn, rows)
        reader = as_reader(conn)
        by_day = {d: stock_changes.stocks(reader, "patents", d).get("invention", (0, 0)) for d in DAYS}
        assert by_day == {
            "2006-02-28": (0, 0),
            "2008-02-29": (0, 0),
            "2010-03-01": (0, 0),
            "2016-02-29": (1, 0),
            "2018-02-28": (1, 1),
            "2018-03-01": (1, 1),
            "2025-06-30": (0, 0),
            "9999-12-31": (0, 0),
        }
        assert stock_changes.stocks(reader, "patents", "2020-06-29")["invention"] == (2, 1)
        assert stock_changes.stocks(reader, "patents", "2020-06-30")["invention"] == (1, 0)
