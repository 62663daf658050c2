"""ipdb: intellectual-property portfolio tracker for one district's enterprises."""

__version__ = "0.1.0"
