"""Baselines: the fingerprints of findings already reviewed, so that CI fails only on new ones."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from recoupe import __version__
from recoupe.errors import InputError, problems_from_validation
from recoupe.findings import Finding, Suppression
from recoupe.models import SCHEMA_BASE, _Model
from recoupe.yamlio import read_yaml, write_atomic

DEFAULT_BASELINE = ".recoupe-baseline.json"


class BaselineEntry(_Model):
    fingerprint: str = Field(min_length=1)
    code: str
    event: str = ""
    subject: str = ""
    slot: str = ""
    claims: list[str] = Field(
        default_factory=list, description="source/claim ids, for people reading the file."
    )
    message: str = ""
    reason: str | None = None


class BaselineFile(_Model):
    """Findings accepted as they are: `recoupe check --baseline` reports only findings not listed here."""

    model_config = {
        "title": "recoupe baseline",
        "json_schema_extra": {"$id": SCHEMA_BASE + "baseline.schema.json"},
    }

    version: str
    created: str
    created_by: str | None = Field(
        default=None, description="Who made the baseline: git's user.name <user.email>, where set."
    )
    reason: str | None = None
    entries: list[BaselineEntry]


def git_author(root: Path) -> str | None:
    """'Name <email>' from git's config, as a commit would be signed; None outside git or unset."""
    import subprocess

    def get(key: str) -> str:
        try:
            done = subprocess.run(
                ["git", "config", key], cwd=root, capture_output=True, text=True, timeout=10, check=False
            )
        except (OSError, subprocess.SubprocessError):
            return ""
        return done.stdout.strip() if done.returncode == 0 else ""

    name, email = get("user.name"), get("user.email")
    if not name and not email:
        return None
    return f"{name} <{email}>" if name and email else name or email


def build(findings: Iterable[Finding], reason: str | None, created_by: str | None = None) -> BaselineFile:
    entries = [
        BaselineEntry(
            fingerprint=f.fingerprint,
            code=f.code,
            event=f.event,
            subject=f.subject,
            slot=f.slot,
            claims=[f"{c.source}/{c.claim}" for c in f.claims],
            message=f.message,
        )
        for f in findings
        if f.suppressed is None
    ]
    entries.sort(key=lambda e: (e.event, e.subject, e.slot, e.code, e.fingerprint))
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    return BaselineFile(
        version=__version__, created=now, created_by=created_by, reason=reason, entries=entries
    )


def write(path: Path, baseline: BaselineFile) -> None:
    text = json.dumps(baseline.model_dump(exclude_none=True), ensure_ascii=False, indent=2) + "\n"
    write_atomic(path, text)


def read(path: Path) -> BaselineFile:
    shown = str(path)
    # JSON is YAML: this gives line marks for free, and a .json file is held to JSON's grammar
    data, marks = read_yaml(path, shown)
    try:
        return BaselineFile.model_validate(data)
    except ValidationError as e:
        raise InputError(problems_from_validation(e, shown, marks, model=BaselineFile)) from None


@dataclass(frozen=True, slots=True)
class Applied:
    findings: list[Finding]
    baselined: int
    unmatched: int


def apply(findings: list[Finding], baseline: BaselineFile) -> Applied:
    """Mark findings the baseline lists; count them, and the entries that no longer match anything."""
    entries: dict[str, BaselineEntry] = {e.fingerprint: e for e in baseline.entries}
    seen: set[str] = set()
    out: list[Finding] = []
    for f in findings:
        entry = entries.get(f.fingerprint)
        if entry is not None and f.suppressed is None:
            seen.add(f.fingerprint)
            reason = entry.reason or baseline.reason or "in the baseline"
            f = f.with_suppression(Suppression("baseline", reason))
        out.append(f)
    return Applied(
        out,
        len([f for f in out if f.suppressed and f.suppressed.kind == "baseline"]),
        len(entries) - len(seen),
    )


def to_json(baseline: BaselineFile) -> dict[str, Any]:
    return baseline.model_dump(exclude_none=True)
