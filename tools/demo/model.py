"""The internal model of the demo district: enterprises, patents with one view per export, marks, programmes."""

from __future__ import annotations

import random

from demo.data import SEED
from demo.entities import Enterprise, Patent, Trademark
from demo.model_marks import MarkBuilder
from demo.model_patents import EnterpriseBuilder, PatentBuilder
from demo.model_programmes import ProgrammeBuilder


class Demo(EnterpriseBuilder, PatentBuilder, MarkBuilder, ProgrammeBuilder):
    """The district as the generator knows it; every written file is a view of it (see demo.writers)."""

    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        self.ents: dict[str, Enterprise] = {}
        self.patents: list[Patent] = []
        self.used_bodies: set[str] = set()
        self.used_titles: set[str] = set()
        self.trademarks: list[Trademark] = []
        self.used_tm: set[str] = set()
        self.madrid: list[dict] = []
        self.wellknown: list[dict] = []
        self.honours: list[dict] = []
        self.ipstd: list[dict] = []
        self.awards: list[dict] = []
        self.projects: list[dict] = []
        self.loans: list[dict] = []
        self.funds: list[dict] = []
        self.cases: list[dict] = []
        self.files: dict[str, dict] = {}
        self.story: dict[str, list] = {}
