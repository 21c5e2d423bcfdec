"""`recoupe validate`: claims files against the schema, the slots and their pinned texts."""

from __future__ import annotations

import json

import click

from recoupe.cli.shared import input_errors, kept, report_problems, settings_from


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
@input_errors("fmt")
def validate(ctx: click.Context, paths: tuple[str, ...], fmt: str) -> None:
    """Check claims files against the schema, the slots and their pinned texts.

    Exit 0 when everything is valid; exit 2 with every located problem otherwise.
    """
    from recoupe import api
    from recoupe.load import stale_problems

    corpus = api.load(settings_from(ctx), paths)
    kept.append(corpus)
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
