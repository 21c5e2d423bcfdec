"""`recoupe rules`: list, explain and test rules (built-in, plugins and the project's YAML rules)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from recoupe.cli.shared import EXIT_FINDINGS, Exit, input_errors, settings_from


@click.group()
def rules() -> None:
    """List, explain and test rules (built-in, plugins and the project's YAML rules)."""


@rules.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
@input_errors("fmt")
def rules_list(ctx: click.Context, fmt: str) -> None:
    """One line per rule: code, name, kind, default severity, summary."""
    from recoupe import api

    found = api.discover(settings_from(ctx))
    if fmt == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "kind": r.kind,
                "severity": r.severity.value,
                "category": r.category,
                "summary": r.summary(),
            }
            for r in found
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max((len(r.name) for r in found), default=10)
    for r in found:
        click.echo(f"{r.code:<9} {r.name:<{width}}  {r.kind:<11} {r.severity.value:<8} {r.summary()}")


@rules.command("explain")
@click.argument("code")
@click.pass_context
@input_errors()
def rules_explain(ctx: click.Context, code: str) -> None:
    """Show a rule's documentation, with its passing and failing examples."""
    from recoupe import api
    from recoupe.errors import did_you_mean

    found = api.discover(settings_from(ctx))
    rule = next((r for r in found if code in (r.code, r.name) or code in r.aliases), None)
    if rule is None:
        hint = did_you_mean(code, [r.code for r in found] + [r.name for r in found])
        raise click.BadParameter(f"no rule '{code}'{hint}", param_hint="'CODE'")
    doc = rule.documentation()
    click.echo(f"{rule.code} {rule.name} ({rule.kind}; {rule.severity.value}; category {rule.category})")
    if rule.aliases:
        click.echo(f"aliases: {', '.join(rule.aliases)}")
    if rule.origin:
        click.echo(f"defined in {rule.origin}")
    click.echo("")
    click.echo(doc)
    uri = rule.doc_uri()
    if uri:
        click.echo(f"\ndocumentation: {uri}")


@rules.command("test")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.pass_context
@input_errors()
def rules_test(ctx: click.Context, paths: tuple[str, ...]) -> None:
    """Run rule test cases (YAML files of claims and the exact findings expected)."""
    from recoupe.testing import run_cases

    targets = [Path(p) for p in paths] or [Path("tests/rules/cases")]
    passed, failed = run_cases(targets)
    for case, diff in failed:
        click.echo(f"FAIL {case}\n{diff}", err=True)
    click.echo(f"{len(passed)} passed, {len(failed)} failed")
    if failed:
        raise Exit(EXIT_FINDINGS)
