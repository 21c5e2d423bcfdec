"""The `recoupe` command: options -> Settings -> engine; the exit code is decided here only.

Heavy modules are imported inside commands so that `recoupe --help` stays instant.
"""

from __future__ import annotations

import json
import sys
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
        for p in problems:
            click.echo(f"error: {p}", err=True)
        n = len(problems)
        click.echo(f"{n} problem{'s' if n != 1 else ''} found", err=True)
    raise Exit(EXIT_INPUT)


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


def corpus_paths(settings: Settings, paths: Sequence[str]) -> list[Path]:
    return [Path(p) for p in paths] if paths else [settings.resolve(p) for p in settings.paths]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="recoupe")
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    help="Config file (default: recoupe.toml or pyproject.toml found upwards).",
)
def cli(config: str | None) -> None:
    """recoupe: cross-check the claims several sources make about one event.

    Validate claims files, normalize their values, and report where sources agree, where one is
    only less precise, and where they contradict each other.
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
@input_errors("fmt")
def validate(ctx: click.Context, paths: tuple[str, ...], fmt: str) -> None:
    """Check claims files against the schema, the slots and their pinned texts.

    Exit 0 when everything is valid; exit 2 with every located problem otherwise.
    """
    from recoupe.loading import load_corpus, stale_problems
    from recoupe.slots import load_slots

    settings = settings_from(ctx)
    slots = load_slots([settings.resolve(p) for p in settings.slots])
    corpus = load_corpus(corpus_paths(settings, paths), slots)
    stale = stale_problems(corpus)
    if stale:
        report_problems(stale, fmt)
    n_claims = len(corpus.claims)
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "valid": True,
                    "errors": [],
                    "events": len(corpus.events),
                    "sources": len(corpus.sources),
                    "claims": n_claims,
                }
            )
        )
    else:
        click.echo(f"ok: {len(corpus.events)} events, {len(corpus.sources)} sources, {n_claims} claims")


@cli.group()
def schema() -> None:
    """The JSON Schemas generated from recoupe's models."""


@schema.command("export")
@click.option("--dir", "folder", type=click.Path(file_okay=False), default="schemas", show_default=True)
@click.option("--check", is_flag=True, help="Write nothing; fail if the files differ from the models.")
def schema_export(folder: str, check: bool) -> None:
    """Write schemas/*.schema.json from the models (or, with --check, detect drift)."""
    from recoupe import schema as schemas

    target = Path(folder)
    if check:
        stale = schemas.drift(target)
        if stale:
            for name in stale:
                click.echo(
                    f"error: {target / name} differs from the models; run 'recoupe schema export'", err=True
                )
            raise Exit(EXIT_FINDINGS)
        click.echo(f"ok: {len(schemas.all_schemas())} schemas match the models")
        return
    for name in schemas.export(target):
        click.echo(f"wrote {target / name}")


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Entry point: run the command and map its outcome to an exit status, here and nowhere else."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="recoupe", standalone_mode=False)
        status = EXIT_OK
    except Exit as e:
        status = e.status
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        status = EXIT_INPUT
    except click.ClickException as e:  # bad usage: unknown option, bad choice, missing argument
        e.show()
        status = EXIT_INPUT
    except BrokenPipeError:
        status = EXIT_OK
    sys.exit(status)
