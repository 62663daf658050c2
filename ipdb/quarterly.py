"""The main job of a quarter: import the inbox, compute the figures and rankings, write the briefing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ipdb.figures.rankings import Ranking, rank_window
from ipdb.figures.summary import Summary, summarize
from ipdb.importers.pipeline import ImportOptions, Progress
from ipdb.importers.report import ImportReport
from ipdb.inbox import import_inbox
from ipdb.periods import previous_quarter_end
from ipdb.store import Store
from ipdb.windows import resolve_window


@dataclass(frozen=True)
class QuarterRun:
    quarter: str
    reports: tuple[ImportReport, ...]
    summary: Summary
    rankings: tuple[Ranking, ...]
    workbook: Path
    document: Path | None


def demo_folder() -> Path:
    """The fictional demo district's inbox (imports/demo of the checkout ipdb runs from, else of the working folder)."""
    beside = Path(__file__).resolve().parents[1] / "imports" / "demo"
    return beside if beside.is_dir() else Path("imports") / "demo"


def last_complete_quarter(today: date) -> str:
    end = previous_quarter_end(today)
    return f"{end.year}Q{(end.month - 1) // 3 + 1}"


def run_quarter(
    store: Store, folder: Path, quarter: str, *, top: int = 10, docx: bool = True, on_progress: Progress | None = None
) -> QuarterRun:
    from ipdb.briefing.build import build_briefing
    from ipdb.briefing.docx import write_briefing_docx
    from ipdb.briefing.xlsx import write_briefing_xlsx

    window = resolve_window(quarter_text=quarter, default_compare=True)
    reports = import_inbox(store, folder, ImportOptions(quarter_end=window.as_of), on_progress)
    rankings = tuple(rank_window(store, "invention_patents", window, by=by, top=top) for by in ("enterprise", "town"))
    briefing = build_briefing(store, quarter)
    workbook = write_briefing_xlsx(briefing, briefing.default_path())
    document = write_briefing_docx(briefing, workbook.with_suffix(".docx")) if docx else None
    return QuarterRun(quarter, tuple(reports), summarize(store, window), rankings, workbook, document)
