"""Resolving --kind, kept light so the CLI can check it without loading the importers (names: ipdb.vocabulary)."""

from __future__ import annotations

from ipdb.errors import InvalidValue
from ipdb.vocabulary import KIND_WORDS, KIND_ZH, REGISTER_KINDS

__all__ = ["KIND_WORDS", "KIND_ZH", "REGISTER_KINDS", "resolve_kind"]


def resolve_kind(text: str | None) -> str | None:
    if text is None:
        return None
    word = text.strip().lower().replace("_", "-")
    kind = word if word in KIND_ZH else KIND_WORDS.get(text.strip())
    if kind is None:
        raise InvalidValue(f"不认识的清单类型「{text}」：可用 {', '.join(KIND_ZH)}（或 专利、商标、企业 等中文名）。")
    return kind
