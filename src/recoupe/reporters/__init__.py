"""The report formats, one module each; their registry (name -> Reporter class) is `registry`."""

from recoupe.reporters.registry import REPORTER_PATHS, REPORTERS, get_reporter, reporter_class

__all__ = ["REPORTERS", "REPORTER_PATHS", "get_reporter", "reporter_class"]
