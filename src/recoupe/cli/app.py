"""The `recoupe` command: the click group, its root options, and main/run, where exit codes are decided.

Each command lives in its own module and imports its heavy modules inside the command function,
so that `recoupe --help` stays instant.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import NoReturn

import click

from recoupe.cli.baseline import baseline
from recoupe.cli.check import check
from recoupe.cli.draft import draft
from recoupe.cli.init import init
from recoupe.cli.normalize import normalize
from recoupe.cli.pin import pin
from recoupe.cli.rules import rules
from recoupe.cli.schema import schema
from recoupe.cli.shared import EXIT_INPUT, EXIT_OK, Exit, kept
from recoupe.cli.slots import slots
from recoupe.cli.validate import validate
from recoupe.cli.vocab import vocab


@click.group(
    commands=[baseline, check, draft, init, normalize, pin, rules, schema, slots, validate, vocab],
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
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


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Entry point: run the command and map its outcome to an exit status, here and nowhere else."""
    status = _status(argv)
    kept.clear()
    sys.exit(status)


def run() -> NoReturn:
    """The `recoupe` program: main(), ended without freeing what the run made.

    A large check holds tens of millions of objects; freeing them one by one at exit took seconds
    for nothing (ten at a million claims), since the process ends anyway. Files are all closed by
    then; the standard streams are flushed here.
    """
    import os

    status = _status(None)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # a reader that left, or a stream already closed
        pass
    os._exit(status)


def _status(argv: Sequence[str] | None) -> int:
    """Run the command line; its exit status."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="recoupe", standalone_mode=False)
        return EXIT_OK
    except Exit as e:
        return e.status
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return EXIT_INPUT
    except click.ClickException as e:  # bad usage: unknown option, bad choice, missing argument
        e.show()
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except Exception as e:  # a bug of ours: say so plainly; the traceback only on request
        import os
        import traceback

        from recoupe.errors import InputError, escape_controls, shorten

        if isinstance(e, InputError):  # located problems outside a command's own handling (a failed write)
            for p in e.problems:
                click.echo(f"error: {p}", err=True)
            return EXIT_INPUT
        if os.environ.get("RECOUPE_DEBUG"):
            traceback.print_exc()
        click.echo(
            f"recoupe: internal error: {type(e).__name__}: {escape_controls(shorten(str(e), 300))}\n"
            "This is a bug in recoupe, not in your files; set RECOUPE_DEBUG=1 to see where, and please report it.",
            err=True,
        )
        return EXIT_INPUT
