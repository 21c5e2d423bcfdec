"""`recoupe init`: start a project from the scaffold."""

from __future__ import annotations

from pathlib import Path

import click

from recoupe.cli.shared import input_errors


@click.command()
@click.argument("folder", type=click.Path(file_okay=False), default=".")
@input_errors()
def init(folder: str) -> None:
    """Start a project: recoupe.toml, an example event folder and an example rule."""
    from recoupe.scaffold import scaffold

    for path in scaffold(Path(folder)):
        click.echo(f"wrote {path}")
    click.echo("next: recoupe check")
