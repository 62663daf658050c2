"""ipdb summary / rank / company / config (figures and rankings)."""

from __future__ import annotations
