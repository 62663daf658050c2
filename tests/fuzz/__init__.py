"""A mutation fuzz of whole imports: ``python -m tests.fuzz --budget 2000`` before a release (issue 9, item 7)."""
