"""`recoupe pin`: write changed texts' sha256 into their source files (the work is in recoupe.pin)."""

from __future__ import annotations

from pathlib import Path

import click

from recoupe.cli.shared import EXIT_FINDINGS, Exit, input_errors, settings_from


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--force", is_flag=True, help="Pin even sources whose quotes the new text no longer holds.")
@click.pass_context
@input_errors()
def pin(ctx: click.Context, paths: tuple[str, ...], force: bool) -> None:
    """Write each changed text's sha256 into its source file, keeping comments and layout.

    A source whose claims quote passages the new text no longer has is listed, with the closest
    passage, and left unpinned (exit 1) unless --force.
    """
    from recoupe import api
    from recoupe.pin import pin as repin

    results = repin(api.corpus_paths(settings_from(ctx), paths), Path.cwd().resolve(), force=force)
    for r in results:
        was = f", was {r.old[:12]}…" if r.old else ", was unpinned"
        if r.status == "pinned":
            click.echo(f"pinned {r.file} (sha256 {r.new[:12]}…{was})")
        elif r.status == "refused":
            n = len(r.broken)
            click.echo(
                f"refused {r.file}: {n} quote{'s' if n != 1 else ''} no longer in the new text "
                "(fix them, or pin anyway with --force)"
            )
        for b in r.broken:
            click.echo(f"  {r.file}:{b.line} claim '{b.claim}': « {b.quote} »: {b.reason}")
    counts = {s: sum(1 for r in results if r.status == s) for s in ("pinned", "refused", "unchanged")}
    click.echo(", ".join(f"{n} {s}" for s, n in counts.items()))
    if counts["refused"]:
        raise Exit(EXIT_FINDINGS)
