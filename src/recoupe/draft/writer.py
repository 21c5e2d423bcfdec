"""Writing a draft: a new source file beside the text, or new claims merged into an existing one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from recoupe.draft.model import Candidate, Drafted
from recoupe.errors import InputError, Problem
from recoupe.load.evidence import fold_quote, sha256_hex
from recoupe.yamlio import read_text, write_atomic

HEADER = (
    "# Drafted by `recoupe draft`: each claim is marked `review: true` until a person has read it\n"
    "# against the text, fixed or deleted it, and removed the flag. `recoupe check` lists those left.\n"
)


def _s(value: object) -> str:
    """A YAML scalar or flow sequence: JSON's double-quoted strings are YAML's too."""
    return json.dumps(value, ensure_ascii=False)


def claim_lines(cid: str, c: Candidate, quote: str, occurrence: int | None) -> list[str]:
    lines = [f"  - id: {cid}"]
    if c.subject:
        lines.append(f"    subject: {c.subject}")
    lines += [
        f"    slot: {c.slot}",
        f"    type: {c.type}",
        f"    value: {_s(c.value)}",
        f"    quote: {_s(quote)}",
    ]
    if occurrence is not None:
        lines.append(f"    occurrence: {occurrence}")
    if c.attributed_to:
        lines.append(f"    attributed_to: {_s(c.attributed_to)}")
    if c.as_of:
        lines.append(f"    as_of: {_s(c.as_of)}")
    lines += [f"    {flag}: true" for flag in ("hedged", "negated", "approximate") if getattr(c, flag)]
    lines.append("    review: true")
    return lines


def render(drafted: Drafted, source_id: str, text_name: str, text_bytes: bytes) -> str:
    head = [HEADER.rstrip("\n"), f"id: {source_id}"]
    if drafted.title:
        head.append(f"title: {_s(drafted.title)}")
    head.append(f"language: {drafted.language}")
    if drafted.published is not None:
        head.append(f"published: {drafted.published.isoformat()}")
    head += ["text:", f"  path: {_s(text_name)}", f"  sha256: {sha256_hex(text_bytes)}"]
    if not drafted.claims:
        return "\n".join([*head, "claims: []"]) + "\n"
    body = [line for cid, c, quote, occ in drafted.claims for line in claim_lines(cid, c, quote, occ)]
    return "\n".join([*head, "claims:", *body]) + "\n"


def existing_claims(path: Path, shown: str) -> tuple[Any, set[tuple[str, str]], set[str]]:
    """An existing source file, round-trip parsed, with its claims' (folded quote, slot) pairs and ids."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        doc = YAML(typ="rt").load(read_text(path, shown))
    except YAMLError as e:
        raise InputError([Problem(shown, None, None, "", f"not valid YAML: {e}", "syntax")]) from None
    claims = doc.get("claims") if hasattr(doc, "get") else None
    if claims is None:
        claims = []
    if not isinstance(claims, list):
        raise InputError([Problem(shown, None, None, "/claims", "'claims' must be a list of claims", "type")])
    pairs = {
        (fold_quote(str(c.get("quote", ""))), str(c.get("slot", ""))) for c in claims if hasattr(c, "get")
    }
    ids = {str(c.get("id")) for c in claims if hasattr(c, "get")}
    return doc, pairs, ids


def merge(path: Path, shown: str, drafted: Drafted) -> int:
    """Append the drafted claims whose quote and slot the file lacks; how many were added."""
    from ruamel.yaml import YAML

    doc, pairs, ids = existing_claims(path, shown)
    fresh = [
        (cid, c, quote, occ)
        for cid, c, quote, occ in drafted.claims
        if (fold_quote(quote), c.slot) not in pairs
    ]
    if not fresh:
        return 0
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    added = yaml.load("\n".join(line for item in fresh for line in claim_lines(*_renamed(item, ids))) + "\n")
    if doc.get("claims") is None:
        doc["claims"] = added
    else:
        doc["claims"].extend(added)
    from io import StringIO

    out = StringIO()
    yaml.dump(doc, out)
    write_atomic(path, out.getvalue())
    return len(fresh)


def _renamed(
    item: tuple[str, Candidate, str, int | None], taken: set[str]
) -> tuple[str, Candidate, str, int | None]:
    cid, c, quote, occ = item
    new, n = cid, 1
    while new in taken:
        n += 1
        new = f"{cid}-{n}"
    taken.add(new)
    return new, c, quote, occ
