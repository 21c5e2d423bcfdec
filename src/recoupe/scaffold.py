"""`recoupe init`: a starter config, an example event folder and an example rule, never overwriting."""

from __future__ import annotations

import hashlib
from pathlib import Path

from recoupe.errors import InputError, Problem
from recoupe.yamlio import write_atomic

CONFIG = """\
#:schema ./schemas/config.schema.json
paths = ["claims"]          # corpus folders (one sub-folder per event)
rules = ["rules"]           # folders of YAML rules
vocabularies = []           # extra vocabulary files (SKOS-like YAML)
registries = []             # entity registries (persons, organisations, places)
fail-on = "error"           # exit 1 when a finding is at or above: error, warning, info, never
select = []                 # only these rules (codes, names or prefixes)
ignore = []                 # skip these rules

[severity]                  # per-rule severity overrides, e.g. "CMP003" = "error"

[tolerances]                # widths of approximate quantities
approximate = 0.10          # « quelque », « environ », « about »: ± 10 %
nearly = 0.10               # « près de », « nearly »: down to − 10 %
"""

EVENT = """\
# yaml-language-server: $schema=../../schemas/event.schema.json
id: example-event
title: Example event
date: 2024-03-04
place: Rabat
"""

TEXT = "Signed on Monday in Rabat, the agreement covers training. About 300 officers will take part.\n"

SOURCE = """\
# yaml-language-server: $schema=../../schemas/source.schema.json
id: example-source
title: An example article
language: en
published: 2024-03-04
kind: article
text:
  path: example-source.txt
  sha256: {sha}
claims:
  - id: place
    slot: place
    value: Rabat
    quote: in Rabat
  - id: date
    slot: date
    value: on Monday
    quote: on Monday
  - id: instrument
    slot: instrument
    value: agreement
    quote: the agreement
  - id: officers
    slot: quantity:officers
    value: about 300
    quote: About 300 officers
"""

RULE = """\
# yaml-language-server: $schema=../schemas/rules.schema.json
rules:
  - kind: require
    code: X-REQ001
    name: newsroom.date-corroborated
    description: >
      Every event's date must be stated by at least two sources before it is published.
      Passing: two articles give the date. Failing: only one does.
    slot: date
    min_sources: 2
    severity: warning
  - kind: expression
    code: X-EXP001
    name: newsroom.hedged-only
    description: >
      A point that every source states only with reservation is not established.
      Passing: one source states it plainly. Failing: all claims on it are hedged.
    when: claims.all(c, c.hedged)
    message: "the {slot} of {subject} is only stated with reservation ({count} claims)"
    severity: info
"""


def shipped_schemas() -> dict[str, str]:
    """The package's JSON Schemas, by file name."""
    from importlib import resources

    folder = resources.files("recoupe").joinpath("schemas")
    return {
        f.name: f.read_text("utf-8")
        for f in sorted(folder.iterdir(), key=lambda f: f.name)
        if f.name.endswith(".json")
    }


def scaffold(root: Path) -> list[Path]:
    """Write the starter files under `root`; refuse (exit 2) if any of them exists already."""
    text_sha = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    files = {
        root / "recoupe.toml": CONFIG,
        root / "claims" / "example-event" / "event.yaml": EVENT,
        root / "claims" / "example-event" / "example-source.txt": TEXT,
        root / "claims" / "example-event" / "example-source.yaml": SOURCE.format(sha=text_sha),
        root / "rules" / "example.yaml": RULE,
        # the JSON Schemas the files above name by relative path, so that editors complete and check
        # them offline (the wheel ships them as package data)
        **{root / "schemas" / name: text for name, text in shipped_schemas().items()},
    }
    existing = [p for p in files if p.exists()]
    if existing:
        raise InputError(
            [
                Problem(
                    str(p),
                    None,
                    None,
                    "",
                    "already exists; recoupe init writes nothing over your files",
                    "exists",
                )
                for p in existing
            ]
        )
    for path, content in files.items():
        write_atomic(path, content)
    return list(files)
