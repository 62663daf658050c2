"""The registry of spreadsheet kinds: one SheetSpec each, looked up by kind name."""

from __future__ import annotations

from ipdb.importers.kinds import (
    awards,
    cases,
    companies,
    designations,
    funds,
    madrid,
    patents,
    pledges,
    projects,
    trademarks,
    well_known,
)
from ipdb.importers.spec import SheetSpec

KINDS: dict[str, SheetSpec] = {
    spec.kind: spec
    for spec in (
        companies.SPEC,
        patents.SPEC,
        trademarks.SPEC,
        madrid.SPEC,
        well_known.SPEC,
        designations.SPEC,
        awards.SPEC,
        projects.SPEC,
        pledges.SPEC,
        funds.SPEC,
        cases.SPEC,
    )
}
