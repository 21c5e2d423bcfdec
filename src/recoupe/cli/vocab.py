"""`recoupe vocab`: look terms up in the vocabularies."""

from __future__ import annotations

import json
from typing import Any

import click

from recoupe.cli.shared import EXIT_FINDINGS, Exit, input_errors, settings_from


@click.group()
def vocab() -> None:
    """Look terms up in the vocabularies."""


@vocab.command("lookup")
@click.argument("term")
@click.option(
    "--lang",
    default=None,
    help="Language of the term (fr, en, es, de, nl, ar): its labels are tried first; default: any.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
@input_errors("fmt")
def vocab_lookup(ctx: click.Context, term: str, lang: str | None, fmt: str) -> None:
    """The concepts a label resolves to, with broader chain, nonstandard flag and preferred term."""
    from recoupe import api

    index = api.normalizer(settings_from(ctx)).vocab
    found = index.lookup(term, lang=lang)
    if fmt == "json":
        click.echo(json.dumps({"term": term, "concepts": found}, ensure_ascii=False, indent=2, default=str))
    elif not found:
        click.echo(f"no concept for « {term} »")
    else:
        for c in found:
            click.echo(_describe_concept(c))
    if not found:
        raise Exit(EXIT_FINDINGS)


def _describe_concept(c: dict[str, Any]) -> str:
    labels = c.get("prefLabel") or {}
    lines = [f"{c['id']} ({c.get('vocabulary', '')}): " + "; ".join(f"{k}: {v}" for k, v in labels.items())]
    if c.get("matched"):
        lines.append(f"  matched: « {c['matched']} » ({c.get('matchedLang') or 'no language'})")
    chain = c.get("broaderChain") or c.get("broader") or []
    if chain:
        lines.append("  broader: " + " > ".join(chain))
    if c.get("nonstandard"):
        pref = c.get("preferred") or []
        lines.append(
            "  nonstandard label"
            + (
                f"; prefer « {pref} »"
                if isinstance(pref, str)
                else f"; prefer {', '.join(f'« {p} »' for p in pref)}"
            )
        )
        if c.get("note"):
            lines.append(f"  note: {c['note']}")
    if c.get("disjointWith"):
        lines.append("  disjoint with: " + ", ".join(c["disjointWith"]))
    return "\n".join(lines)
