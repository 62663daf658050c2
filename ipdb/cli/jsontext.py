"""JSON on stdout written as it is made, so a list of 223k items never exists as one text (0.98 GiB before).

The text is exactly ``json.dumps(data, ensure_ascii=False, indent=2, default=str)``: the JSON contracts in the
README are kept to the byte. Objects are written key by key and lists (and iterators, written as lists) item by
item, each item through ``json.dumps`` itself; only one item's text is held at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, fields, is_dataclass
from itertools import islice
from typing import Any, TextIO

INDENT = "  "
FLUSH = 64  # pieces gathered before a write
FLUSH_CHARS = 1 << 20  # or this much text (64 blocks of rights were 20 MB, 90 MiB of peak RSS at 1M)
BLOCK = 500  # list items encoded at a time
_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=2, default=str)  # json.dumps makes one a call


def write_json(data: Any, out: TextIO) -> None:
    """``data`` as ``print(json.dumps(data, ensure_ascii=False, indent=2, default=str))`` prints it."""
    pieces: list[str] = []
    held = 0
    for piece in _pieces(data, 0):
        pieces.append(piece)
        held += len(piece)
        if len(pieces) >= FLUSH or held >= FLUSH_CHARS:  # a piece may be a block of 500 objects (~0.3 MB)
            out.write("".join(pieces))
            pieces.clear()
            held = 0
    pieces.append("\n")
    out.write("".join(pieces))


def lazy_asdict(value: Any) -> dict[str, Any]:
    """``dataclasses.asdict(value)`` for writing: a field holding a tuple of dataclasses becomes an iterator
    of their dicts, made as they are written."""
    found: dict[str, Any] = {}
    for field in fields(value):
        item = getattr(value, field.name)
        if isinstance(item, tuple) and item and is_dataclass(item[0]):
            found[field.name] = map(asdict, item)
        else:
            found[field.name] = asdict(item) if is_dataclass(item) and not isinstance(item, type) else item
    return found


def _pieces(value: Any, level: int) -> Iterator[str]:
    if isinstance(value, dict) and value and all(isinstance(key, str) for key in value):
        yield from _object(value, level)
    elif isinstance(value, list | tuple) or (isinstance(value, Iterator) and not isinstance(value, str)):
        yield from _array(value, level)
    else:
        yield _dumped(value, level)


def _object(value: dict[str, Any], level: int) -> Iterator[str]:
    inner = "\n" + INDENT * (level + 1)
    separator = "{"
    for key, item in value.items():
        yield f"{separator}{inner}{json.dumps(key, ensure_ascii=False)}: "
        yield from _pieces(item, level + 1)
        separator = ","
    yield "\n" + INDENT * level + "}"


def _array(items: Iterable[Any], level: int) -> Iterator[str]:
    """Items a block at a time: a block of objects (due items, rights) is one ``encode`` of the block as a list,
    its brackets cut and its lines indented to this depth (encoding them one by one costs a third more)."""
    inner = "\n" + INDENT * (level + 1)
    separator = "["
    for block in _blocks(items):
        if all(isinstance(item, dict) for item in block):
            yield separator + _ENCODER.encode(block)[1:-2].replace("\n", "\n" + INDENT * level)
            separator = ","
            continue
        for item in block:
            yield separator + inner
            yield from _pieces(item, level + 1)
            separator = ","
    yield "[]" if separator == "[" else "\n" + INDENT * level + "]"


def _blocks(items: Iterable[Any]) -> Iterator[list[Any]]:
    iterator = iter(items)
    while block := list(islice(iterator, BLOCK)):
        yield block


def _dumped(value: Any, level: int) -> str:
    """One value as json.dumps writes it ``level`` deep (a JSON string holds no raw newline: each is a line's)."""
    text = _ENCODER.encode(value)
    return text.replace("\n", "\n" + INDENT * level) if level else text
