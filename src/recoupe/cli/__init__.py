"""The `recoupe` command line: `run` is the installed program, `main` the same for tests and embedding."""

from recoupe.cli.app import main, run

__all__ = ["main", "run"]
