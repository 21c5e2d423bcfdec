"""The progress bar a long command shows on stderr while it works, and the time each phase took."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

Say = Callable[[str, int, int], None]


class progress_display:
    """A progress bar on stderr, only for a person at a terminal: never in CI logs or into a pipe."""

    def __init__(self, enabled: bool = True) -> None:
        import os

        self.enabled = enabled and sys.stderr.isatty() and not os.environ.get("CI")
        self._bar: Any = None
        self._tasks: dict[str, Any] = {}

    def __enter__(self) -> Say:
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


class Phases:
    """The wall-clock time of each phase a run reports through its progress callback (for -v)."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}
        self._current: str | None = None
        self._since = time.perf_counter()

    def wrap(self, say: Say) -> Say:
        def told(stage: str, done: int, total: int) -> None:
            if stage != self._current:
                self.stop()
                self._current = stage
            say(stage, done, total)

        return told

    def stop(self) -> None:
        now = time.perf_counter()
        if self._current is not None:
            self.times[self._current] = self.times.get(self._current, 0.0) + now - self._since
        self._current = None
        self._since = now

    def line(self) -> str:
        return ", ".join(f"{stage} {seconds:.3f} s" for stage, seconds in self.times.items())
