"""`recoupe check --explain FINGERPRINT`: why one finding fired, in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from recoupe.cli.shared import EXIT_INPUT, Exit

if TYPE_CHECKING:
    from recoupe.findings import Finding
    from recoupe.reporters.base import ReportData
    from recoupe.rules.base import Rule


def explain(data: ReportData, fingerprint: str) -> str:
    """The finding whose fingerprint starts with `fingerprint`: its group, the claims with their
    normalized values, the relation the rule saw, its message and the rule's own documentation."""
    import click

    from recoupe.reporters._common import event_label, group_title, suppression_label, where

    found = [f for f in data.findings if f.fingerprint.startswith(fingerprint.strip())]
    if len(found) != 1:
        what = "no finding has" if not found else f"{len(found)} findings have"
        click.echo(f"error: {what} a fingerprint starting with '{fingerprint}'", err=True)
        raise Exit(EXIT_INPUT)
    f = found[0]
    rule = next((r for r in data.rules if r.code == f.code), None)
    lines = [
        f"{f.code} {f.name} [{f.severity.value}, {f.category}]  fingerprint {f.fingerprint}",
        f"group: {group_title(f.subject, f.slot)}, in event {event_label(f.event)}",
        "claims compared:",
    ]
    for c in f.claims:
        said = f" according to {c.attributed_to}" if c.attributed_to else ""
        lines.append(f"  {c.source}/{c.claim} at {where(c)}: « {c.value} »{said} -> {c.normalized}")
    for p in f.positions:
        counter = p.counter or "the sources themselves"
        when = f" as of {p.as_of}" if p.as_of else ""
        lines.append(f"  position of {counter}{when}: {p.normalized} ({', '.join(p.sources)})")
    relation = f.relation.value if f.relation is not None else "none (the rule compared no two values)"
    lines.append(f"relation: {relation}")
    lines.append(f"finding: {f.message}")
    if f.suggestion:
        lines.append(f"suggestion: {f.suggestion}")
    tag = suppression_label(f)
    if tag:
        lines.append(f"suppressed: {tag}")
    lines.extend(_reasoning(f, rule))
    return "\n".join(lines) + "\n"


def _reasoning(f: Finding, rule: Rule | None) -> list[str]:
    doc = rule.documentation() if rule is not None else ""
    out = ["why the rule fires:"]
    out.extend(
        f"  {line}" if line else "" for line in (doc or "(the rule has no documentation)").splitlines()
    )
    uri = rule.doc_uri() if rule is not None else None
    if uri:
        out.append(f"documentation: {uri}")
    return out
