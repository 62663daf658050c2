"""What the office configures (``ipdb config``): the settings, their checks, and the one code that stores them.

The ``setting`` table is read and written only here; the resident population (``population``) is written only
here (metrics read it with the figures). A value is checked before it is stored, so a figure never meets a
setting it cannot use.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ipdb.errors import InvalidValue
from ipdb.reading import as_reader
from ipdb.store import Store

DISTRICT_NAME = "district_name"
PLEDGE_MIN = "high_value_pledge_min_yuan"
RESTORATION_MONTHS = "restoration_months"
ISSUER_NAME = "issuer_name"
ISSUER_SUFFIX = "市场监督管理局（知识产权局）"  # a district's IP office since the 2018 reform, as its briefings sign
DEFAULT_DISTRICT = "全区"  # a report's district while district_name is not set
SETTINGS = {  # name -> what it is, in the words of `ipdb config set --help`
    DISTRICT_NAME: "区名",
    PLEDGE_MIN: "高价值专利质押金额门槛，元",
    RESTORATION_MONTHS: "未缴年费终止后可请求恢复权利的月数（年费提醒用，默认2）",
    ISSUER_NAME: f"Word 版简报报头的编发单位（默认：区名后接{ISSUER_SUFFIX}）",
}
DEFAULT_RESTORATION_MONTHS = 2  # domain.md Part I "Fee watch": the 2 months are a setting


def read_setting(conn: Any, key: str) -> str | None:
    """The stored value, stripped; None when it was never set or is blank (``conn``: a Reader or a SQLAlchemy
    connection, so that the reading commands need no SQLAlchemy)."""
    value = as_reader(conn).scalar("SELECT value FROM setting WHERE key = :k", {"k": key})
    text_value = "" if value is None else str(value).strip()
    return text_value or None


def pledge_threshold(conn: Any) -> int | None:
    """The configured criterion-4 threshold in 元 (setting high_value_pledge_min_yuan), else None."""
    raw = read_setting(conn, PLEDGE_MIN)
    try:
        return int(Decimal(raw)) if raw is not None else None
    except ArithmeticError:
        return None


def restoration_months(conn: Any) -> int:
    """Months after a register first marks a patent dead for unpaid fees during which it stays on the fee list."""
    raw = read_setting(conn, RESTORATION_MONTHS)
    return int(raw) if raw is not None and raw.isdigit() else DEFAULT_RESTORATION_MONTHS


def check_setting(key: str, value: str) -> None:
    if key not in SETTINGS:
        raise InvalidValue(f"可设置的项目：{'、'.join(SETTINGS)}。")
    if key == PLEDGE_MIN and not value.isdigit():
        raise InvalidValue(f"{PLEDGE_MIN} 应为以元为单位的整数，如 10000000（即 1000 万元）。")
    if key == RESTORATION_MONTHS and not (value.isdigit() and 1 <= int(value) <= 24):
        raise InvalidValue(f"{RESTORATION_MONTHS} 应为 1 至 24 之间的整数（月），如 2。")


def set_setting(store: Store, key: str, value: str) -> None:
    check_setting(key, value)
    with store.atomic() as conn:
        conn.exec_driver_sql(
            "INSERT INTO setting (key, value) VALUES (:k, :v) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            {"k": key, "v": str(value)},
        )


def parse_population(text: str) -> Decimal:
    """A population in 万人 as typed (51.2, full-width digits, 51.2万); anything else is one Chinese sentence."""
    from ipdb.vocabulary import fold

    cleaned = fold(text).removesuffix("万人").removesuffix("万").replace(",", "")
    try:
        wan = Decimal(cleaned)
    except ArithmeticError:
        raise InvalidValue(f"常住人口应写成以万人为单位的数字，如 51.2；收到的是「{text}」。") from None
    if not wan.is_finite():
        raise InvalidValue(f"常住人口应写成以万人为单位的数字，如 51.2；收到的是「{text}」。")
    return wan


def check_population(year: int, wan: float | Decimal) -> None:
    if not 1900 <= year <= 2100 or wan <= 0:
        raise InvalidValue("年度应在 1900 至 2100 之间，人口应为正数（单位：万人）。")


def set_population(store: Store, year: int, wan: float | Decimal) -> None:
    """Resident population (常住人口) of ``year`` in 万人, stored as whole persons."""
    check_population(year, wan)
    persons = int((Decimal(str(wan)) * 10_000).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    with store.atomic() as conn:
        conn.exec_driver_sql(
            "INSERT INTO population (year, persons) VALUES (:y, :p) "
            "ON CONFLICT(year) DO UPDATE SET persons = excluded.persons",
            {"y": year, "p": persons},
        )


def district_name(conn: Any) -> str:
    """The district's name for a report's title (setting district_name), else 全区."""
    return read_setting(conn, DISTRICT_NAME) or DEFAULT_DISTRICT


def issuer_name(conn: Any) -> str:
    """Who issues the briefing (setting issuer_name), else the district's office under its usual name."""
    district = read_setting(conn, DISTRICT_NAME) or ""
    return read_setting(conn, ISSUER_NAME) or f"{district}{ISSUER_SUFFIX}"


@dataclass(frozen=True)
class Configuration:
    """What ``ipdb config show`` prints: each setting (None when unset) and the population of each year."""

    settings: tuple[tuple[str, str, str | None], ...]  # key, what it is, value
    population: tuple[tuple[int, Decimal], ...]  # year, 万人


def read_configuration(store: Store) -> Configuration:
    with store.reading() as conn:
        settings = tuple((key, what, read_setting(conn, key)) for key, what in SETTINGS.items())
        rows = conn.rows("SELECT year, persons FROM population ORDER BY year")
    return Configuration(settings, tuple((int(year), Decimal(persons) / 10_000) for year, persons in rows))
