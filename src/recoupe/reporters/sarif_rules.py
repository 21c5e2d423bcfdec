"""The rules of a SARIF run: a reportingDescriptor for each rule of the run, and for each code its
findings name that no rule has (an input error, a rule the caller did not pass in)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from recoupe.findings import INPUT_CODE, INPUT_NAME, Finding, Severity

if TYPE_CHECKING:
    from recoupe.rules.base import Rule

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
INPUT_DESCRIPTOR: dict[str, Any] = {
    "id": INPUT_CODE,
    "name": INPUT_NAME,
    "shortDescription": {"text": "A file recoupe could not read or validate."},
    "help": {"text": "Fix the file at the location given; `recoupe validate` lists every problem at once."},
    "defaultConfiguration": {"level": "error"},
    "properties": {"category": "input", "tags": ["input"]},
}


def descriptors(rules: Iterable[Rule], unlisted: dict[str, str]) -> list[dict[str, Any]]:
    """The run's rules, then the codes (with their names) that `unlisted_codes` gave, in that order."""
    out = [_descriptor(r) for r in rules]
    out += [INPUT_DESCRIPTOR if c == INPUT_CODE else {"id": c, "name": n} for c, n in unlisted.items()]
    return out


def unlisted_codes(findings: Iterable[Finding], rules: Iterable[Rule]) -> dict[str, str]:
    """The codes (with their names) of findings whose rule was not passed in, as they first come: each
    still gets a descriptor, so that its results have a valid ruleIndex."""
    listed = {r.code for r in rules}
    out: dict[str, str] = {}
    for f in findings:
        if f.code not in listed:
            out.setdefault(f.code, f.name)
    return out


def _help_markdown(rule: Rule, doc: str) -> str:
    """The rule's documentation as code scanning shows it beside an alert: a title, the text, the link."""
    uri = rule.doc_uri()
    link = f"\n\n[{rule.code} documentation]({uri})" if uri else ""
    return f"**{rule.code} {rule.name}** ({rule.category}, {rule.severity.value})\n\n{doc}{link}"


def _descriptor(rule: Rule) -> dict[str, Any]:
    doc = rule.documentation()
    first = doc.splitlines()[0] if doc else rule.name
    out: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": first},
        "fullDescription": {"text": doc or first},
        "help": {"text": doc or first, "markdown": _help_markdown(rule, doc or first)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }
    uri = rule.doc_uri()
    if uri:
        out["helpUri"] = uri
    if rule.aliases:
        out["properties"]["aliases"] = list(rule.aliases)
    return out
