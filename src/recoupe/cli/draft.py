"""`recoupe draft`: a source file of candidate claims from a text (the work is in recoupe.draft)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import click

from recoupe.cli.shared import input_errors, settings_from


@click.command()
@click.argument("text", type=click.Path(exists=True, dir_okay=False))
@click.option("--event", help="The event's id: writes event.yaml beside the text when there is none.")
@click.option("--source", "source_id", help="The source's id (default: from the text's file name).")
@click.option("--language", help="The text's language, e.g. fr or en (default: guessed from the text).")
@click.option("--published", type=click.DateTime(["%Y-%m-%d"]), help="Publication date, YYYY-MM-DD.")
@click.option("--output", type=click.Path(dir_okay=False), help="The source file (default: TEXT with .yaml).")
@click.option("--merge", is_flag=True, help="Add to an existing source file the claims it lacks.")
@click.option("--no-nlp", is_flag=True, help="Do not use the NLP extra even when it is installed.")
@click.pass_context
@input_errors()
def draft(
    ctx: click.Context,
    text: str,
    event: str | None,
    source_id: str | None,
    language: str | None,
    published: dt.datetime | None,
    output: str | None,
    merge: bool,
    no_nlp: bool,
) -> None:
    """Draft a source file from a text: its claims found, quoted and marked for review.

    Dates, quantities, vocabulary terms and registry names become claims with an exact quote, a
    slot and a value; reported speech, hedges and negations are flagged. Every claim carries
    `review: true` until a person has checked it. An existing file is never overwritten.
    """
    from recoupe import api
    from recoupe.draft import draft_file

    done = draft_file(
        Path(text),
        api.normalizer(settings_from(ctx)),
        output=Path(output) if output else None,
        source_id=source_id,
        event=event,
        lang=language,
        published=published.date() if published else None,
        do_merge=merge,
        use_nlp=not no_nlp,
    )
    if done.event_file is not None:
        click.echo(f"wrote {done.event_file}")
    kinds = Counter(c.type for _, c, _, _ in done.drafted.claims)
    what = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    verb = "merged into" if done.merged else "wrote"
    click.echo(f"{verb} {done.target}: {done.written} claims drafted for review ({what or 'none found'})")
    for line in done.drafted.skipped:
        click.echo(f"skipped: {line}")
    click.echo(
        "next: check each claim against the text, fix or delete it, remove its review: true; then recoupe check"
    )
