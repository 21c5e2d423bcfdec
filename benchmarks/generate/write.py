"""Writing the corpus: YAML files (events, sources) and JSON Lines, with the texts they pin."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from generate.model import EventModel, SourceOut, iso_day
from generate.sources import build_event

_YAML_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"}
_PLAIN_BAD = set(':#{}[],&*!|>%@`"\n\t\u202f\u00a0\\')


def yaml_scalar(v: Any) -> str:
    """A YAML scalar: plain when that is unambiguous (as people write it), else JSON-quoted."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return str(v)
    s = str(v)
    if s and s[0].isalpha() and not (_PLAIN_BAD & set(s)) and s[-1] != " " and s.lower() not in _YAML_WORDS:
        return s
    return orjson.dumps(s).decode()


def yaml_value(v: Any) -> str:
    if isinstance(v, list):
        return (
            "["
            + ", ".join(yaml_scalar(x) if "," not in str(x) else orjson.dumps(x).decode() for x in v)
            + "]"
        )
    return yaml_scalar(v)


_CLAIM_KEYS = (
    "id",
    "event",
    "subject",
    "slot",
    "type",
    "value",
    "quote",
    "approximate",
    "attributed_to",
    "hedged",
    "note",
)


def source_yaml(src: SourceOut, text_name: str, sha: str, event_id: str, rng: random.Random) -> str:
    lines = ["# yaml-language-server: $schema=../../../src/recoupe/schemas/source.schema.json"]
    for k, mv in src.meta.items():
        # Dates stay plain, as people write them (the loader keeps YAML timestamps as strings).
        lines.append(f"{k}: {mv}" if k == "published" else f"{k}: {yaml_scalar(mv)}")
    lines += ["text:", f"  path: {text_name}", f"  sha256: {sha}", "claims:"]
    prev_subject: str | None = None
    for c in src.claims:
        subject = c.get("subject", "")
        if subject != prev_subject:
            lines.append(f"  # --- {subject or 'the event itself'} ---")
            prev_subject = subject
        first = True
        for key in _CLAIM_KEYS:
            if key == "event":
                if rng.random() < 0.05:  # an explicit event, equal to the folder's: the override path
                    v: Any = event_id
                else:
                    continue
            elif key in c:
                v = c[key]
            else:
                continue
            lines.append(f"  {'- ' if first else '  '}{key}: {yaml_value(v)}")
            first = False
    return "\n".join(lines) + "\n"


def event_yaml(ev: EventModel) -> str:
    return (
        "# yaml-language-server: $schema=../../../src/recoupe/schemas/event.schema.json\n"
        f"id: {ev.id}\n"
        f"title: {yaml_scalar(f'{ev.host.name} and {ev.guest.name}: cooperation against human trafficking')}\n"
        f"date: {iso_day(ev.date)}\n"
        f"place: {yaml_scalar(ev.host.capital)}\n"
        f"description: {yaml_scalar(f'{ev.host.name} and {ev.guest.name} met in {ev.host.capital} and agreed to work together against trafficking; the press tells it in different words.')}\n"
    )


def split_counts(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


@dataclass(slots=True)
class Stats:
    events: int = 0
    sources: int = 0
    claims: int = 0
    files: int = 0
    bytes: int = 0
    by_type: dict[str, int] = field(default_factory=dict)


def generate(
    out: Path,
    events: int,
    sources_per_event: int,
    claims: int,
    fmt: str = "jsonl",
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> Stats:
    if events < 1 or sources_per_event < 1 or claims < events * sources_per_event:
        raise SystemExit("need events >= 1, sources-per-event >= 1 and claims >= events x sources-per-event")
    out.mkdir(parents=True, exist_ok=True)
    want_yaml = fmt in ("yaml", "both")
    want_jsonl = fmt in ("jsonl", "both")
    per_source = split_counts(claims, events * sources_per_event)
    stats = Stats()
    jsonl = None
    texts_dir = out / "texts"
    if want_jsonl:
        texts_dir.mkdir(exist_ok=True)
        jsonl = (out / "claims.jsonl").open("wb")
    buf: list[bytes] = []
    buf_size = 0
    dumps = orjson.dumps
    try:
        for e in range(events):
            counts = per_source[e * sources_per_event : (e + 1) * sources_per_event]
            ev, sources = build_event(seed, e, counts)
            stats.events += 1
            ev_dir = out / "yaml" / ev.id
            if want_yaml:
                ev_dir.mkdir(parents=True, exist_ok=True)
                data = event_yaml(ev).encode()
                (ev_dir / "event.yaml").write_bytes(data)
                stats.files += 1
                stats.bytes += len(data)
            if jsonl is not None:
                line = (
                    dumps(
                        {
                            "record": "event",
                            "id": ev.id,
                            "title": f"{ev.host.name} and {ev.guest.name}",
                            "date": iso_day(ev.date),
                            "place": ev.host.capital,
                        }
                    )
                    + b"\n"
                )
                buf.append(line)
                buf_size += len(line)
            yrng = random.Random(seed * 7919 + e)
            for src in sources:
                raw = src.text.encode()
                sha = hashlib.sha256(raw).hexdigest()
                stats.sources += 1
                stats.claims += len(src.claims)
                for c in src.claims:
                    t = c.get("type") or _default_type(c["slot"])
                    stats.by_type[t] = stats.by_type.get(t, 0) + 1
                if want_yaml:
                    (ev_dir / f"{src.id}.txt").write_bytes(raw)
                    data = source_yaml(src, f"{src.id}.txt", sha, ev.id, yrng).encode()
                    (ev_dir / f"{src.id}.yaml").write_bytes(data)
                    stats.files += 2
                    stats.bytes += len(raw) + len(data)
                if jsonl is not None:
                    (texts_dir / f"{src.id}.txt").write_bytes(raw)
                    stats.files += 1
                    stats.bytes += len(raw)
                    rec = {
                        "record": "source",
                        **src.meta,
                        "event": ev.id,
                        "text": {"path": f"texts/{src.id}.txt", "sha256": sha},
                    }
                    line = dumps(rec) + b"\n"
                    buf.append(line)
                    buf_size += len(line)
                    head = {"source": src.id, "event": ev.id}
                    for c in src.claims:
                        line = dumps({**head, **c}) + b"\n"
                        buf.append(line)
                        buf_size += len(line)
            if jsonl is not None and buf_size > 4 << 20:  # write in ~4 MiB chunks
                jsonl.write(b"".join(buf))
                stats.bytes += buf_size
                buf.clear()
                buf_size = 0
            if progress is not None and (e + 1) % 2000 == 0:
                progress(f"  {e + 1}/{events} events, {stats.claims} claims")
        if jsonl is not None and buf:
            jsonl.write(b"".join(buf))
            stats.bytes += buf_size
    finally:
        if jsonl is not None:
            jsonl.close()
            stats.files += 1
    write_rules(out)
    return stats


# One project rule in CEL, so that every end-to-end run evaluates an expression per group, as a
# newsroom's own rules would. It fires on groups where two sources agree and a third disagrees.
CEL_RULES = """\
# The generated corpus's own rule: a CEL expression evaluated on every group of claims.
rules:
  - kind: expression
    code: X-BENCH001
    name: bench.split-verdict
    severity: info
    category: custom
    description: >-
      Three or more sources state the key, and their wordings do not all normalize alike.
    when: >-
      size(group.sources) >= 3
      && claims.exists(c, claims.exists(d, c.source != d.source && c.normalized != d.normalized))
    message: "{count} claims from {sources} do not all say the same: {values}"
"""


def write_rules(out: Path) -> None:
    """DIR/rules/bench.yaml and DIR/recoupe.toml naming it (a run with --config DIR/recoupe.toml)."""
    (out / "rules").mkdir(exist_ok=True)
    (out / "rules" / "bench.yaml").write_text(CEL_RULES, "utf-8")
    (out / "recoupe.toml").write_text('rules = ["rules"]\n', "utf-8")


_SLOT_TYPES = {
    "offence": "term",
    "instrument": "term",
    "content": "term",
    "event-kind": "term",
    "date": "date",
    "place": "entity",
    "destination": "entity",
    "location": "entity",
    "parties": "entity",
    "signatories": "entity",
    "participant-role": "text",
    "name": "text",
}


def _default_type(slot: str) -> str:
    return "quantity" if slot.startswith("quantity:") else _SLOT_TYPES[slot]
