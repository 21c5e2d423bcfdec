"""The progress bar a long command shows on stderr while it works."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any


class progress_display:
    """A progress bar on stderr, only for a person at a terminal: never in CI logs or into a pipe."""

    def __init__(self) -> None:
        import os

        self.enabled = sys.stderr.isatty() and not os.environ.get("CI")
        self._bar: Any = None
        self._tasks: dict[str, Any] = {}

    def __enter__(self) -> Callable[[str, int, int], None]:
        if not self.enabled:
            return lambda *_: None
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self._bar = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._bar.__enter__()
        return self._update

    def _update(self, stage: str, done: int, total: int) -> None:
        task = self._tasks.get(stage)
        if task is None:
            task = self._tasks[stage] = self._bar.add_task(stage, total=total or None)
        self._bar.update(task, completed=done, total=total or None)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)
