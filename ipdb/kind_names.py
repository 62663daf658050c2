"""Resolving --kind, kept light so the CLI can check it without loading the importers (names: ipdb.vocabulary)."""

from __future__ import annotations

from ipdb.errors import InvalidValue
from ipdb.vocabulary import KIND_WORDS, KIND_ZH, REGISTER_KINDS, closest

__all__ = ["KIND_WORDS", "KIND_ZH", "REGISTER_KINDS", "kind_choices", "resolve_kind"]


def kind_choices() -> str:
    """Every kind as the office writes it: 企业名录（companies）、专利清单（patents）…"""
    return "、".join(f"{zh}（{code}）" for code, zh in KIND_ZH.items())


def resolve_kind(text: str | None) -> str | None:
    """A kind from its code (patents), its title (专利清单) or a word for it (专利、企业)."""
    if text is None:
        return None
    word = text.strip().lower().replace("_", "-")
    titles = {zh: code for code, zh in KIND_ZH.items()}
    kind = word if word in KIND_ZH else KIND_WORDS.get(text.strip()) or titles.get(text.strip())
    if kind is None:
        hint = closest(text, [*KIND_ZH, *KIND_ZH.values(), *KIND_WORDS])
        raise InvalidValue(f"不认识的清单类型「{text}」{hint}：可用 {kind_choices()}，或 专利、商标、企业 等简称。")
    return kind
