"""The schema's versions (PRAGMA user_version): ``MIGRATIONS[n]`` upgrades a file of version n to n+1 inside one
transaction (``ipdb.store.open_store`` applies the missing ones in order).

Version 1 is the first release (``SQLModel.metadata.create_all``); version 2 names a pledged right's register by its kind code;
version 3 keeps the rows an import overwrites (``superseded_row``), so that an import can be undone;
version 4 numbers equal-looking rows of event lists (``occurrence``) and keeps each problem row whole (``cells``);
version 5 keys the holding facts by right (they are kept incrementally, one right at a time);
version 6 records the period a list of events covers (``import_batch.covers_from`` / ``covers_to``);
version 7 marks special-fund rows dated only by their year (``fund_application.year_only``).
version 8 keys the right facts by (right_id, lo); version 9 adds state_id to their covering index;
version 10 records the spreadsheet row that stated each observation and list row (``source_row``).
version 11 keeps each holder's name group and each right fact's holder group (ipdb.right_groups);
version 12 serves the grants in P from the right facts' kind index (granted_on in it) instead of a granted-led one;
version 13 keeps the registers' stock changes by day (``stock_change``, ipdb.stock_changes);
version 14 marks the holding facts of rights another enterprise holds too (``holding_fact.co_held``);
version 15 keeps the fingerprint of the raw row that stated each observation (``right_observation.fingerprint``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection, MetaData, Table

SCHEMA_VERSION = 15


def metadata() -> MetaData:
    """The schema declared in ipdb.models, imported only to create or migrate a file: a reading command that
    finds its schema current never loads SQLModel (and pydantic), a third of its start-up time."""
    from ipdb import models

    return models.SQLModel.metadata


def _pledged_kinds_as_registers(conn: Connection) -> None:
    """1 -> 2: a pledged right names its register as every other table does ('patent' becomes 'patents')."""
    conn.exec_driver_sql(
        "DELETE FROM pledged_right WHERE right_kind IN ('patent', 'trademark') AND EXISTS (SELECT 1 FROM "
        "pledged_right t WHERE t.loan_id = pledged_right.loan_id AND t.right_key = pledged_right.right_key "
        "AND t.right_kind = pledged_right.right_kind || 's')"
    )
    conn.exec_driver_sql(
        "UPDATE pledged_right SET right_kind = right_kind || 's' WHERE right_kind IN ('patent', 'trademark')"
    )


def _keep_superseded_rows(conn: Connection) -> None:
    """2 -> 3: the table of overwritten rows (imports made before it cannot restore what they overwrote)."""
    from ipdb import models

    models.SupersededRow.__table__.create(conn, checkfirst=True)


EVENT_TABLES = ("fund_application", "designation", "patent_award", "project")
RENAMED_CODES = {"check_mismatch": "bad_check_char", "required": "missing_required"}


def _event_occurrences_and_whole_rows(conn: Connection) -> None:
    """3 -> 4: event tables get ``occurrence`` in their natural key (rebuilt: SQLite cannot change a UNIQUE
    constraint in place), problem rows get ``cells``, and two codes take their catalogue names."""
    for name in EVENT_TABLES:
        table = metadata().tables[name]
        old = [row[1] for row in conn.exec_driver_sql(f'PRAGMA table_info("{name}")')]
        conn.exec_driver_sql(f'ALTER TABLE "{name}" RENAME TO "{name}_v2"')
        for index in table.indexes:
            conn.exec_driver_sql(f'DROP INDEX IF EXISTS "{index.name}"')
        table.create(conn)
        columns = ", ".join(f'"{c}"' for c in old)
        conn.exec_driver_sql(f'INSERT INTO "{name}" ({columns}) SELECT {columns} FROM "{name}_v2"')
        conn.exec_driver_sql(f'DROP TABLE "{name}_v2"')
    if "cells" not in [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(row_issue)")]:
        conn.exec_driver_sql("ALTER TABLE row_issue ADD COLUMN cells VARCHAR NOT NULL DEFAULT ''")
    for old_code, new_code in RENAMED_CODES.items():
        conn.exec_driver_sql("UPDATE row_issue SET code = ? WHERE code = ?", (new_code, old_code))


def _rekeyed(conn: Connection, table: Table) -> None:
    """A derived table rebuilt in its new layout, its rows carried over (SQLite cannot change a key in place);
    a column declared since gets its default (a later migration fills it)."""
    present = {row[1] for row in conn.exec_driver_sql(f'PRAGMA table_info("{table.name}")')}
    columns = ", ".join(c.name for c in table.columns if c.name in present)
    old = f"{table.name}_old"
    conn.exec_driver_sql(f'ALTER TABLE "{table.name}" RENAME TO "{old}"')
    indexes = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (old,))
    for (index,) in indexes.all():  # read them all first: a schema change under an open cursor is refused
        if not index.startswith("sqlite_autoindex"):
            conn.exec_driver_sql(f'DROP INDEX "{index}"')
    table.create(conn)
    conn.exec_driver_sql(f'INSERT OR IGNORE INTO "{table.name}" ({columns}) SELECT {columns} FROM "{old}"')
    conn.exec_driver_sql(f'DROP TABLE "{old}"')


def _holdings_keyed_by_right(conn: Connection) -> None:
    """4 -> 5: holding_fact is keyed by (right_id, lo, company_id) without a rowid."""
    _rekeyed(conn, metadata().tables["holding_fact"])


def _fact_index_covers_states(conn: Connection) -> None:
    """8 -> 9: ix_right_fact_kind also holds state_id, so the holders of the rights in force are joined from
    the index alone (bench/bench_rank.py: 4.2-4.9 s -> against 7.9 s for the rowid layout, 1M patents)."""
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_right_fact_kind")
    if "holder_group" in {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(right_fact)")}:
        _fact_index(conn)  # else 10 -> 11 makes it, with the column it adds


def _fact_index(conn: Connection) -> None:
    next(i for i in metadata().tables["right_fact"].indexes if i.name == "ix_right_fact_kind").create(conn)


def _right_facts_keyed_by_right(conn: Connection) -> None:
    """7 -> 8: right_fact is keyed by (right_id, lo) without a rowid (its per-right index goes)."""
    _rekeyed(conn, metadata().tables["right_fact"])


def _batch_coverage(conn: Connection) -> None:
    """5 -> 6: the period a list of events covers; lists imported before it are taken to cover up to their as-of."""
    columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(import_batch)")}
    for column in ("covers_from", "covers_to"):
        if column not in columns:
            conn.exec_driver_sql(f"ALTER TABLE import_batch ADD COLUMN {column} DATE")


def _year_only_funds(conn: Connection) -> None:
    """6 -> 7: a fund row dated only by its year says so (rows imported before are taken as dated)."""
    columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(fund_application)")}
    if "year_only" not in columns:
        conn.exec_driver_sql("ALTER TABLE fund_application ADD COLUMN year_only BOOLEAN NOT NULL DEFAULT 0")


SOURCE_ROW_TABLES = ("right_observation", *EVENT_TABLES, "well_known_mark", "pledge_loan", "trademark_case")


def _source_rows(conn: Connection) -> None:
    """9 -> 10: the file row that stated an observation or a list row (rows imported before stay NULL); the
    kept images of overwritten rows get the new last column too, so that undo still puts them back whole."""
    for name in SOURCE_ROW_TABLES:
        columns = {row[1] for row in conn.exec_driver_sql(f'PRAGMA table_info("{name}")')}
        if "source_row" not in columns:
            conn.exec_driver_sql(f'ALTER TABLE "{name}" ADD COLUMN source_row INTEGER')
    width = {name: len(metadata().tables[name].columns) for name in SOURCE_ROW_TABLES}
    images = conn.exec_driver_sql(
        f"SELECT id, table_name, image FROM superseded_row WHERE table_name IN ({', '.join('?' * len(width))})",
        tuple(width),
    ).all()
    padded = []
    for image_id, table_name, image in images:
        values = json.loads(image)
        if len(values) < width[table_name]:
            padded.append((json.dumps([*values, None], ensure_ascii=False), image_id))
    if padded:
        conn.exec_driver_sql("UPDATE superseded_row SET image = ? WHERE id = ?", padded)


def _holder_groups(conn: Connection) -> None:
    """10 -> 11: each holder's name group, and each right fact's holder group in the covering index
    (ipdb.right_groups); the kept images of holders get the new last column, so that undo puts them back whole."""
    from ipdb import right_groups
    from ipdb.vocabulary import REGISTER_KINDS, holder_group

    for table, column in (("holder", "name_group"), ("right_fact", "holder_group")):
        if column not in {row[1] for row in conn.exec_driver_sql(f'PRAGMA table_info("{table}")')}:
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} VARCHAR NOT NULL DEFAULT 'other'")
    groups = [(holder_group(name), i) for i, name in conn.exec_driver_sql("SELECT id, name FROM holder")]
    if groups:
        conn.exec_driver_sql("UPDATE holder SET name_group = ? WHERE id = ?", groups)
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_right_fact_kind")  # filled first, indexed once
    for kind in REGISTER_KINDS:
        right_groups.regroup(conn, kind)
    _fact_index(conn)
    images = conn.exec_driver_sql("SELECT id, image FROM superseded_row WHERE table_name = 'holder'").all()
    width = len(metadata().tables["holder"].columns)
    padded = []
    for image_id, image in images:
        values = json.loads(image)  # id, name_key, name, credit_code, company_id
        if len(values) < width:
            padded.append((json.dumps([*values, holder_group(values[2])], ensure_ascii=False), image_id))
    if padded:
        conn.exec_driver_sql("UPDATE superseded_row SET image = ? WHERE id = ?", padded)


def _grants_from_the_kind_index(conn: Connection) -> None:
    """11 -> 12: ix_right_fact_kind holds granted_on right after hi, and serves the grants in P; the granted-led
    index goes (one B-tree fewer to write on every import of a register)."""
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_right_fact_granted")
    if "granted_on" not in {row[2] for row in conn.exec_driver_sql("PRAGMA index_info(ix_right_fact_kind)")}:
        conn.exec_driver_sql("DROP INDEX IF EXISTS ix_right_fact_kind")  # else 10 -> 11 made it as declared
        _fact_index(conn)


def _stock_changes(conn: Connection) -> None:
    """12 -> 13: the stock changes by day, from the right facts (ipdb.stock_changes)."""
    from ipdb import stock_changes

    metadata().tables["stock_change"].create(conn, checkfirst=True)
    stock_changes.rebuild(conn)


def _co_held_holdings(conn: Connection) -> None:
    """13 -> 14: each holding fact says whether another enterprise holds the right in the same fact, in the
    ranking index, so a town or industry ranking counts only those rows distinctly (ipdb.figures.rankings)."""
    if "co_held" not in {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(holding_fact)")}:
        conn.exec_driver_sql("ALTER TABLE holding_fact ADD COLUMN co_held BOOLEAN NOT NULL DEFAULT 0")
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_holding_fact_rank")  # filled first, indexed once
    conn.exec_driver_sql(
        "UPDATE holding_fact SET co_held = 1 WHERE (right_id, lo) IN "
        "(SELECT right_id, lo FROM holding_fact GROUP BY right_id, lo HAVING COUNT(*) > 1)"
    )
    next(i for i in metadata().tables["holding_fact"].indexes if i.name == "ix_holding_fact_rank").create(conn)


def _observation_fingerprints(conn: Connection) -> None:
    """14 -> 15: observations keep the fingerprint of the raw row that stated them (ipdb.importers.known); the
    stored ones have none, so their rights are parsed in full once more, at the next import. The kept images of
    overwritten observations get the new last column, so that undo still puts them back whole."""
    if "fingerprint" not in {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(right_observation)")}:
        conn.exec_driver_sql("ALTER TABLE right_observation ADD COLUMN fingerprint VARCHAR")
    width = len(metadata().tables["right_observation"].columns)
    padded = []
    for image_id, image in conn.exec_driver_sql(
        "SELECT id, image FROM superseded_row WHERE table_name = 'right_observation'"
    ).all():
        values = json.loads(image)
        if len(values) < width:
            padded.append((json.dumps([*values, None], ensure_ascii=False), image_id))
    if padded:
        conn.exec_driver_sql("UPDATE superseded_row SET image = ? WHERE id = ?", padded)


# version n -> function upgrading n to n+1
MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    1: _pledged_kinds_as_registers,
    2: _keep_superseded_rows,
    3: _event_occurrences_and_whole_rows,
    4: _holdings_keyed_by_right,
    5: _batch_coverage,
    6: _year_only_funds,
    7: _right_facts_keyed_by_right,
    8: _fact_index_covers_states,
    9: _source_rows,
    10: _holder_groups,
    11: _grants_from_the_kind_index,
    12: _stock_changes,
    13: _co_held_holdings,
    14: _observation_fingerprints,
}
