"""`recoupe slots`: the properties a claim can state (built-in and the project's), and what each means."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from recoupe.cli.shared import input_errors, settings_from

if TYPE_CHECKING:
    from recoupe.slots import SlotDef, Slots

# How a value of each type is written: a claim's `value` is the source's wording, normalized by type.
TYPE_EXAMPLES = {
    "date": ["1er août 2022", "on Monday", "2022-08-01", "in June 2022"],
    "entity": ["Rabat", "le ministère de l'Intérieur", "Niger"],
    "term": ["déclaration d'entente", "traite des êtres humains", "agreement"],
    "quantity": ["23", "about 300", "at least 40", "vingt-trois"],
    "text": ["the source's own words, compared as written"],
}
FLAGS = ("prefix", "multiple", "evolving", "cumulative")


@click.group()
def slots() -> None:
    """List the slots a claim can state, and explain one."""


@slots.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
@input_errors("fmt")
def slots_list(ctx: click.Context, fmt: str) -> None:
    """One line per slot: name, type, what it means (the project's slot files included)."""
    known = _slots(ctx)
    if fmt == "json":
        rows = [{"slot": _shown(n, d), **d.model_dump(exclude_defaults=True)} for n, d in known.defs.items()]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max(len(_shown(n, d)) for n, d in known.defs.items())
    for name, d in known.defs.items():
        click.echo(f"{_shown(name, d):<{width}}  {d.type:<8}  {d.description}")


@slots.command("explain")
@click.argument("slot")
@click.pass_context
@input_errors()
def slots_explain(ctx: click.Context, slot: str) -> None:
    """A slot's type, meaning, behaviour and example values."""
    known = _slots(ctx)
    d = known.get(slot)
    if d is None:
        raise click.BadParameter(known.unknown_message(slot), param_hint="'SLOT'")
    click.echo(f"{slot}: {d.type}")
    click.echo(d.description)
    flags = [f for f in FLAGS if getattr(d, f)]
    if flags:
        click.echo(f"flags: {', '.join(flags)}")
    if d.within:
        click.echo(f"part of: {d.within}")
    if d.represented_by:
        click.echo(f"represented by its {d.represented_by}")
    examples = ", ".join(f"« {e} »" for e in TYPE_EXAMPLES[d.type])
    click.echo(f"example values: {examples}")
    shown = slot if not (d.prefix and slot in known.defs) else f"{slot}:dead"
    click.echo(f'in a source file:  - {{id: my-claim, slot: "{shown}", value: "{TYPE_EXAMPLES[d.type][0]}"}}')


def _slots(ctx: click.Context) -> Slots:
    from recoupe.slots import load_slots

    settings = settings_from(ctx)
    return load_slots([settings.resolve(p) for p in settings.slots])


def _shown(name: str, d: SlotDef) -> str:
    return f"{name}:<what>" if d.prefix else name
