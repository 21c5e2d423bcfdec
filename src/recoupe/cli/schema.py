"""`recoupe schema`: the JSON Schemas generated from recoupe's models."""

from __future__ import annotations

from pathlib import Path

import click

from recoupe.cli.shared import EXIT_FINDINGS, Exit


@click.group()
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
