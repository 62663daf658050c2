"""中国专利奖获奖名单: one award per patent and year; the session (届) is kept apart from the year."""

from __future__ import annotations

from typing import Any

from ipdb.importers.kinds.columns import holders_column
from ipdb.importers.kinds.common import parse_award_level, parse_text
from ipdb.importers.kinds.writers import fields, list_writer
from ipdb.importers.spec import Column, Record, SheetSpec
from ipdb.importers.upserts import WriteContext
from ipdb.models import PatentAward
from ipdb.values.dates import parse_year
from ipdb.values.patent_numbers import parse_application_no


def to_row(ctx: WriteContext, r: Record, holder_id: int | None) -> dict[str, Any]:
    return {
        "patent_key": r["patent_no"].body,
        "patent_number": r["patent_no"].formatted,
        "award_name": r.get("award_name") or "中国专利奖",
        "holders": "；".join(r.get("holders") or ()),
        "holder_id": holder_id,
        **fields(r, "title", "level", "award_year", "session"),
    }


# fmt: off
COLUMNS = (
    Column("patent_no", "专利号", ("申请号", "专利申请号", "专利号/申请号"), parse_application_no, infer=True, required=True, example="201610311380.X"),
    Column("title", "专利名称", ("名称", "项目名称"), parse_text),
    holders_column("holders", "专利权人", ("获奖单位", "权利人", "单位名称", "专利权人(单位)")),
    Column("award_name", "奖项名称", ("奖励名称", "奖项类别"), parse_text, example="中国专利奖"),
    Column("level", "奖项等级", ("获奖等级", "等级", "奖项", "奖励等级", "获奖类别"), parse_award_level, infer=True, required=True, example="银奖"),
    Column("session", "届次", ("届别", "届"), parse_text, example="第二十五届"),
    Column("award_year", "获奖年度", ("年度", "获奖年份", "授奖年度", "评选年度"), parse_year, required=True, example="2024"),
)
# fmt: on


SPEC = SheetSpec(
    kind="awards",
    title="专利奖获奖名单",
    columns=COLUMNS,
    write=list_writer(PatentAward.__table__, ("patent_key", "award_name", "award_year"), to_row),
)
