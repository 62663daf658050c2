"""One error hierarchy; each error carries a Chinese sentence that says where and what to do."""

from __future__ import annotations


class IpdbError(Exception):
    """Base of every error shown to the user; the message is Chinese and names the fix."""

    exit_code = 1

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


class BadOption(IpdbError):
    """A command-line value (date, period, metric, mapping) is malformed."""

    exit_code = 2


class StoreError(IpdbError):
    """The database file cannot be opened or has an unexpected schema."""
