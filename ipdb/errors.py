"""One error hierarchy; each error carries a Chinese sentence that says where and what to do.

Each class names the condition (sqlite-utils style), not who noticed it: the core raises these, and the one
boundary in ``ipdb/cli`` turns them into a red sentence and an exit code (``ipdb.cli.exit_code``).
"""

from __future__ import annotations


class IpdbError(Exception):
    """Base of every error shown to the user; the message is Chinese and names the fix."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnreadableFile(IpdbError):
    """The file is not a spreadsheet we can read (broken, encrypted, hostile, too large)."""


class NoTableFound(IpdbError):
    """No sheet of the file holds a table with recognisable headers."""


class UnknownSheetKind(IpdbError):
    """The kind of list cannot be told from the headers, or could be several."""


class MissingColumns(IpdbError):
    """Required columns are absent."""


class UnmappedColumns(IpdbError):
    """Columns that bind to no field, where the caller asked that none be ignored (--strict)."""


class InvalidValue(IpdbError):
    """A value given to ipdb (a date, period, quarter, metric, kind, count, limit, setting) cannot be understood."""


class ConflictingOptions(IpdbError):
    """Two values given together contradict each other."""


class NotFound(IpdbError):
    """What was asked for (a right, a batch, an enterprise, a snapshot, a folder, a listed file) is not there."""


class NoSuchBatch(IpdbError):
    """The import batch named does not exist (or was undone); ``ipdb undo`` then exits 1, as its contract says."""


class AmbiguousName(IpdbError):
    """A name matches several enterprises."""


class BadOption(IpdbError):
    """A command-line option is missing or malformed; raised by ``ipdb/cli`` only (the core raises the above)."""


class StoreError(IpdbError):
    """The database file cannot be opened or has an unexpected schema."""


class FileNotWritten(IpdbError):
    """A file ipdb was asked to write (a briefing, an export, a template) could not be saved."""


class StoreMissing(StoreError):
    """A command that only reads was pointed at a database file that does not exist."""


class StoreBusy(StoreError):
    """Another import holds the write lock longer than the busy timeout."""


class StoreReadOnly(StoreError):
    """The database file (or its folder) cannot be written."""


class StoreFull(StoreError):
    """The disk holding the database is full."""


class StoreCorrupt(StoreError):
    """The file is not an ipdb database, or it is damaged."""


class EmptySnapshot(IpdbError):
    """A complete snapshot (--snapshot) with no row to store: every right of the register would leave.
    ``report``: the refused file's import report, whose rejected rows are shown and exported, never stored."""

    def __init__(self, message: str, report: object = None) -> None:
        super().__init__(message)
        self.report = report


class NothingImported(IpdbError):
    """The store holds no import at all: a report (the briefing) would be empty."""
