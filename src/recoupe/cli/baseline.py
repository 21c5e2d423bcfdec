"""`recoupe baseline`: record the current findings, so that CI fails only on new ones."""

from __future__ import annotations

from pathlib import Path

import click

from recoupe.cli.shared import input_errors, settings_from


@click.group()
def baseline() -> None:
    """Record the current findings, so that CI fails only on new ones."""


@baseline.command("create")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), default=".recoupe-baseline.json", show_default=True
)
@click.option(
    "--reason", required=True, help="Why these findings are accepted (stored in the file, with who and when)."
)
@click.pass_context
@input_errors()
def baseline_create(ctx: click.Context, paths: tuple[str, ...], output: str, reason: str) -> None:
    """Write the fingerprints of every current finding (waived ones excepted) to a baseline file, with
    the reason given, when, and who (from git's user.name and user.email, where set)."""
    from recoupe import api
    from recoupe import baseline as baselines
    from recoupe.outfile import check_target

    check_target(Path(output))
    settings = settings_from(ctx)
    data = api.check(paths, settings)
    made = baselines.build(data.findings, reason, baselines.git_author(settings.root))
    baselines.write(Path(output), made)
    click.echo(f"wrote {output}: {len(made.entries)} findings")
