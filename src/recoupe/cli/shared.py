"""What every command shares: the exit statuses, located input errors, settings from the root options.

Its own module, not app.py, because app.py imports every command module to register it: commands
importing app.py back would be an import circle.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

if TYPE_CHECKING:
    from recoupe.config import Settings
    from recoupe.errors import Problem

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
F = TypeVar("F", bound=Callable[..., Any])

# What a command made that may be large (a check's corpus and findings), kept until the process
# ends: see app.run().
kept: list[object] = []


class Exit(Exception):
    """Raised by a command to end with a given status; the one place statuses are mapped is `main`."""

    def __init__(self, status: int) -> None:
        self.status = status


def report_problems(problems: Sequence[Problem], fmt: str = "text") -> NoReturn:
    if fmt == "json":
        click.echo(
            json.dumps(
                {"valid": False, "errors": [p.to_dict() for p in problems]}, ensure_ascii=False, indent=2
            )
        )
    else:
        print_problems(problems)
    raise Exit(EXIT_INPUT)


def print_problems(problems: Sequence[Problem], err: bool = True) -> None:
    """Every problem on its own line, then how many (on stderr, unless the problems are the output)."""
    for p in problems:
        click.echo(f"error: {p}", err=err)
    n = len(problems)
    click.echo(f"{n} problem{'s' if n != 1 else ''} found", err=err)


def input_errors(fmt_param: str | None = None) -> Callable[[F], F]:
    """Turn InputError (bad files, bad config) into located messages and exit status 2."""

    def deco(fn: F) -> F:
        @wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            from recoupe.errors import InputError

            try:
                return fn(*args, **kwargs)
            except InputError as e:
                report_problems(e.problems, kwargs.get(fmt_param, "text") if fmt_param else "text")

        return wrapper  # type: ignore[return-value]

    return deco


def settings_from(ctx: click.Context, **overrides: Any) -> Settings:
    from recoupe.config import load_settings

    config = ctx.find_root().params.get("config")
    return load_settings(config=Path(config) if config else None, **overrides)
