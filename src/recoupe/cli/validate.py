"""`recoupe validate`: everything `check` loads (config, slots, vocabularies, registries, rules, plugins,
claims files and their pinned texts), without running the rules."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from recoupe.cli.shared import EXIT_INPUT, Exit, input_errors, kept, print_problems, settings_from

if TYPE_CHECKING:
    from recoupe.errors import Problem


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
@input_errors("fmt")
def validate(ctx: click.Context, paths: tuple[str, ...], fmt: str) -> None:
    """Check the config, slots, vocabularies, registries, rule files, plugins and claims files, and the
    claims' pinned texts: every problem at once, on standard output.

    Exit 0 when everything is valid (warnings, on stderr, name values that may not say what the text
    says: a figure its quote does not bear out, a word YAML read as a boolean, a subject one edit
    away from the others'); exit 2 with every located problem otherwise.
    """
    from recoupe import api
    from recoupe.load import load_partial, stale_problems
    from recoupe.load.lint import warnings
    from recoupe.slots import load_slots

    settings = settings_from(ctx)  # nothing else can be read without it: its problems come alone
    problems: list[Problem] = []
    slots = _collect(problems, lambda: load_slots([settings.resolve(p) for p in settings.slots]))
    corpus, trouble = load_partial(api.corpus_paths(settings, paths), slots, api.display_root())
    kept.append(corpus)
    problems += trouble + stale_problems(corpus)
    rules = _collect(problems, lambda: api.discover(settings))
    if rules is not None:
        _collect(problems, lambda: api.selection_of(settings, rules))
    _collect(problems, lambda: api.normalizer(settings))
    if problems:
        problems.sort(key=lambda p: (p.file, p.line or 0, p.column or 0))
        if fmt == "json":
            errors = [p.to_dict() for p in problems]
            click.echo(json.dumps({"valid": False, "errors": errors}, ensure_ascii=False, indent=2))
        else:
            print_problems(problems, err=False)
        raise Exit(EXIT_INPUT)
    found = warnings(corpus)
    n_claims = len(corpus.claims)
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "valid": True,
                    "errors": [],
                    "warnings": [w.to_dict() for w in found],
                    "events": len(corpus.events),
                    "sources": len(corpus.sources),
                    "claims": n_claims,
                },
                ensure_ascii=False,
            )
        )
    else:
        for w in found:
            click.echo(f"warning: {w}", err=True)
        tail = f"; {len(found)} warning{'s' if len(found) != 1 else ''}" if found else ""
        click.echo(f"ok: {len(corpus.events)} events, {len(corpus.sources)} sources, {n_claims} claims{tail}")


def _collect(problems: list[Problem], load: Callable[[], Any]) -> Any:
    """What `load` returns, or None with its problems added to `problems`."""
    from recoupe.errors import InputError

    try:
        return load()
    except InputError as e:
        problems.extend(e.problems)
        return None
