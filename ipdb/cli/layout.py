"""Tables that fit the console: identifiers, dates, numbers and codes never wrap; names fold; secondary
columns are dropped, least important first, when the console is too narrow for all of them.

Rich squeezes every column of a table that is too wide, breaking "2026-06-30" into "2026-06-3 / 0"; so the
columns are chosen here, from the widths of their content, before Rich lays the table out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rich import box
from rich.cells import cell_len
from rich.console import JustifyMethod
from rich.table import Table
from rich.text import Text

from ipdb.cli.consoles import make_console
from ipdb.cli.streamed import StreamedTable, rows_table

NAME_MIN = 12  # a folded name keeps at least this many cells (six Chinese characters) a line


@dataclass(frozen=True)
class Col:
    """A column: ``code`` (identifier, date, code: never wraps), ``number`` (right-aligned, never wraps),
    ``name`` (folds when the console is narrow). ``drop``: 0 is always shown; the highest goes first."""

    header: str
    kind: Literal["code", "number", "name"] = "code"
    drop: int = 0
    min_width: int = NAME_MIN


def fitted_table(
    title: str | None, columns: Sequence[Col], rows: Sequence[Sequence[str]], width: int | None = None
) -> Table | StreamedTable[Sequence[str]]:
    """A table of ``rows`` showing as many of ``columns`` as the console width allows (dropped ones named below)."""
    width = width or make_console().width
    natural = [_widest(col.header, [row[i] for row in rows]) for i, col in enumerate(columns)]
    shown = list(range(len(columns)))
    droppable = sorted((i for i, c in enumerate(columns) if c.drop), key=lambda i: -columns[i].drop)
    for index in droppable:
        if _needed(columns, natural, shown) <= width:
            break
        shown.remove(index)
    for index in reversed(droppable):  # the most important of the dropped columns back, while they fit
        if index not in shown and _needed(columns, natural, sorted([*shown, index])) <= width:
            shown = sorted([*shown, index])
    table = Table(title=title, box=box.SIMPLE_HEAVY, title_justify="left", pad_edge=False)
    widen = _widening(columns, natural, shown, min(cell_len(title or ""), width))
    for i in shown:
        col, extra = columns[i], (widen if i == shown[-1] else 0)
        if col.kind == "name":
            table.add_column(col.header, overflow="fold", min_width=min(natural[i], col.min_width) + extra)
        else:
            justify: JustifyMethod = "right" if col.kind == "number" else "left"
            table.add_column(col.header, no_wrap=True, justify=justify, min_width=natural[i] + extra)
    dropped = [columns[i].header for i in range(len(columns)) if i not in shown]
    if dropped:
        table.caption = f"（窗口较窄，未显示：{'、'.join(dropped)}；加宽窗口或用 --format json 查看）"
        table.caption_justify = "left"
    return rows_table(table, rows, lambda row: [row[i] for i in shown])


def _widest(header: str, cells: Sequence[str]) -> int:
    plain = (Text.from_markup(cell).plain if "[" in cell else cell for cell in cells)  # markup parsed when there
    return max(cell_len(line) for cell in (header, *plain) for line in cell.splitlines() or [""])


def _widening(columns: Sequence[Col], natural: Sequence[int], shown: Sequence[int], title: int) -> int:
    """Cells to add to the last column so that a narrow table is as wide as its title (which then stays whole)."""
    return max(0, title - (sum(natural[i] for i in shown) + 3 * len(shown) - 1))


def _needed(columns: Sequence[Col], natural: Sequence[int], shown: Sequence[int]) -> int:
    """Cells a table of the shown columns needs: code and number columns whole, names at their minimum,
    plus three cells of padding and rule a column (less one: the edges are not padded)."""
    cells = sum(natural[i] if columns[i].kind != "name" else min(natural[i], columns[i].min_width) for i in shown)
    return cells + 3 * len(shown) - 1
