"""`recoupe normalize`: each claim's normalized value, to see what the rules compare."""

from __future__ import annotations

import json

import click

from recoupe.cli.shared import input_errors, settings_from


@click.command()
@click.argument("path", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
@input_errors("fmt")
def normalize(ctx: click.Context, path: str, fmt: str) -> None:
    """Print each claim's normalized value (a claims file, a folder, or a JSON Lines file)."""
    from recoupe import api

    settings = settings_from(ctx)
    corpus = api.load(settings, [path])
    norm = api.normalizer(settings)
    rows = []
    for c in corpus.claims:
        value = norm.normalize(c, corpus.sources.get(c.source))
        rows.append(
            {
                "source": c.source,
                "claim": c.id,
                "slot": c.slot,
                "type": c.type,
                "value": c.claim.value,
                "normalized": value.to_dict(),
                "display": str(value),
            }
        )
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    for r in rows:
        shown = r["value"] if isinstance(r["value"], str) else json.dumps(r["value"], ensure_ascii=False)
        click.echo(f"{r['source']}/{r['claim']}  {r['slot']} ({r['type']}): {shown}  ->  {r['display']}")
