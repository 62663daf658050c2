"""Match a table's headers to a kind's columns, and tell the kind from the headers."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ipdb.errors import UnknownSheetKind
from ipdb.importers.spec import Column, SheetSpec, header_key, header_keys
from ipdb.values.money import unit_from_text


@dataclass(frozen=True)
class Binding:
    column: Column
    label: str  # the header as the user sees it (or the --set header)
    index: int | None  # position in the row; None for a --set constant
    constant: str | None = None
    unit: str | None = None  # money columns: unit read from the header


@dataclass(frozen=True)
class Options:
    """What the user said about headers: --map 原表头=字段 and --set 表头=值."""

    maps: dict[str, str]
    sets: dict[str, str]


def target_column(spec: SheetSpec, label: str, options: Options) -> Column | None:
    mapped = options.maps.get(header_key(label))
    if mapped is not None:
        return spec.column_for(mapped) or next((c for c in spec.columns if c.field == mapped), None)
    return spec.column_for(label)


def bind(spec: SheetSpec, headers: tuple[str, ...], options: Options, title_unit: str | None) -> list[Binding]:
    """One binding per field: the best-ranked matching header, leftmost on ties; --set fills the rest."""
    chosen: dict[str, tuple[int, Binding]] = {}
    for index, label in enumerate(headers):
        column = target_column(spec, label, options) if label else None
        if column is None:
            continue
        rank = _alias_rank(column, label, options)
        if column.field not in chosen or rank < chosen[column.field][0]:
            unit = (unit_from_text(label) or title_unit) if column.money else None
            chosen[column.field] = (rank, Binding(column, label, index, unit=unit))
    return _with_constants(spec, options, [b for _, b in chosen.values()])


def _alias_rank(column: Column, label: str, options: Options) -> int:
    if header_key(label) in options.maps:
        return -1
    keys = [header_key(x) for x in column.labels()]
    found = [keys.index(k) for k in header_keys(label) if k in keys]
    return min(found) if found else len(keys)


def _with_constants(spec: SheetSpec, options: Options, bound: list[Binding]) -> list[Binding]:
    """--set 表头=值 supplies a column for every row, or fills the empty cells of an existing one."""
    by_field = {b.column.field: b for b in bound}
    for label, value in options.sets.items():
        column = target_column(spec, label, options)
        if column is None:
            continue
        if column.field in by_field:
            by_field[column.field] = replace(by_field[column.field], constant=value)
        else:
            unit = unit_from_text(label) if column.money else None
            by_field[column.field] = Binding(column, label, None, constant=value, unit=unit)
    return list(by_field.values())


def missing_fields(spec: SheetSpec, bindings: list[Binding]) -> list[str]:
    present = {b.column.field for b in bindings}
    missing = [c.header for c in spec.columns if c.required and c.field not in present]
    for group in spec.one_of:
        if not present.intersection(group):
            missing.append(" 或 ".join(spec.field_header(f) for f in group))
    return missing


@dataclass(frozen=True)
class Candidate:
    spec: SheetSpec
    matched: int
    complete: bool


def score(spec: SheetSpec, headers: tuple[str, ...], options: Options) -> Candidate:
    bindings = bind(spec, headers, options, None)
    return Candidate(spec, len(bindings), not missing_fields(spec, bindings))


def detect(specs: list[SheetSpec], headers: tuple[str, ...], options: Options, where: str) -> SheetSpec:
    """The kind whose columns the headers match best; ambiguity is a question back, not a guess."""
    ranked = sorted((score(s, headers, options) for s in specs), key=lambda c: -c.matched)
    complete = [c for c in ranked if c.complete]
    best_complete = complete[0].matched if complete else 0
    nearly = [c for c in ranked if not c.complete and c.matched > best_complete]
    if nearly:
        best = nearly[0].spec
        missing = "、".join(missing_fields(best, bind(best, headers, options, None)))
        raise UnknownSheetKind(
            f"{where}的表头看起来最像「{best.title}」（--kind {best.kind}），但缺少必需的列：{missing}。"
            f"请补上这些列，或用 --set 表头=值 为每一行补上（例如 --set {missing.split('、')[0].split(' 或 ')[0]}=…），"
            f"或用 --map 原表头=字段 指明对应的列。"
        )
    if not complete:
        raise UnknownSheetKind(f"{where}的表头无法识别为任何一种清单。请检查表头，或用 --kind 指定类型。")
    ties = [c for c in complete if c.matched == best_complete]
    if len(ties) > 1:
        names = "、".join(f"「{c.spec.title}」（--kind {c.spec.kind}）" for c in ties)
        raise UnknownSheetKind(f"{where}既像{names}，无法确定是哪一种清单。请用 --kind 指明。")
    return complete[0].spec


def known_label(specs: list[SheetSpec], options: Options):  # type: ignore[no-untyped-def]
    """A predicate telling whether a header label belongs to any kind (used to find the header row)."""
    keys = set(options.maps)

    def is_known(label: str) -> bool:
        return header_key(label) in keys or any(s.column_for(label) for s in specs)

    return is_known
