"""Events as the unit of work: which events a run covers, how they split into parts, and what each
event's findings depend on (its cache key).

An event's findings depend only on the claims of that event and of its sources: groups are keyed by
event, event rules see one event, and a source rule sees its source's claims. So a run can check
events anywhere (another process, another machine) and take an unchanged event's findings from the
cache, and the merged findings are those of one run over everything.
"""

from __future__ import annotations

import hashlib
import inspect
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recoupe.config import Settings
    from recoupe.corpus import Corpus
    from recoupe.findings import Finding
    from recoupe.rules.base import Rule


def universe(corpus: Corpus) -> list[str]:
    """Every event a full run reports on, sorted (reports list findings by event)."""
    names = set(corpus.events)
    names.update(s.event for s in corpus.sources.values())
    names.update({c.event for c in corpus.claims})
    return sorted(names)


def split(corpus: Corpus, events: list[str], parts: int) -> list[list[str]]:
    """`events` (sorted) cut into at most `parts` runs of neighbours with about as many claims each.

    Neighbours, so that the parts' findings, concatenated in order, are already in report order.
    """
    return split_weighted(events, Counter(c.event for c in corpus.claims), parts)


def split_weighted(events: list[str], weight: Mapping[str, int], parts: int) -> list[list[str]]:
    """`events` (sorted) cut into at most `parts` runs of neighbours of about equal `weight` each (an
    event of no weight still costs a little)."""
    if parts <= 1 or len(events) <= 1:
        return [events] if events else []
    total = sum(weight.get(e, 0) + 1 for e in events)
    share = total / parts
    out: list[list[str]] = [[]]
    done = 0.0
    for e in events:
        if out[-1] and done >= share * len(out) and len(out) < parts:
            out.append([])
        out[-1].append(e)
        done += weight.get(e, 0) + 1
    return out


def in_report_order(parts: list[list[Finding]]) -> list[Finding]:
    """Parts' findings (each part sorted, parts in event order) as one list in report order."""
    from recoupe.findings import sort_key

    merged = [f for part in parts for f in part]
    last: tuple[object, ...] | None = None
    for part in parts:
        if not part:
            continue
        # each part is sorted; the whole is when each part starts at or after where the last ended
        if last is not None and sort_key(part[0]) < last:
            merged.sort(key=sort_key)
            return merged
        last = sort_key(part[-1])
    return merged


_NOT_FINDINGS = {"jobs", "cache", "cache_dir", "fail_on", "paths", "html_split_mib"}


def rules_salt(settings: Settings, rules: list[Rule]) -> str:
    """What findings depend on beyond the claims: the settings and the code and files of the rules."""
    # (how and where a run goes, and what fails it, change no finding: --jobs 2 reuses --jobs 1's cache)
    h = hashlib.sha256(settings.model_dump_json(exclude=_NOT_FINDINGS).encode())
    files: set[Path] = set()
    for rule in rules:
        try:
            source = inspect.getsourcefile(type(rule))
        except TypeError:
            source = None
        if source:
            files.add(Path(source))
        if rule.origin:  # a YAML rule: file:line
            files.add(settings.resolve(rule.origin.rpartition(":")[0] or rule.origin))
    for p in sorted(files):
        h.update(str(p).encode() + b"\x00")
        try:
            h.update(p.read_bytes())
        except OSError:
            h.update(b"<missing>")
    return h.hexdigest()


def event_keys(corpus: Corpus, salt: str) -> dict[str, str]:
    """The cache key of each event's findings, for the events whose files all have a key.

    An event's key covers the files of its claims, of its sources and of their claims (wherever they
    are), the texts those sources pin, its own record, and `salt`.
    """
    files: dict[str, set[str]] = {}
    sources: dict[str, set[str]] = {}
    by_id = corpus.sources
    for c in corpus.claims:
        src = by_id.get(c.source)
        home = src.event if src is not None else c.event
        for ev in (c.event, home) if home != c.event else (c.event,):
            fs = files.get(ev)
            if fs is None:
                fs = files[ev] = set()
                sources[ev] = set()
            fs.add(c.file)
            if src is not None:
                fs.add(src.file)
            sources[ev].add(c.source)
    for sid, src in by_id.items():
        files.setdefault(src.event, set()).add(src.file)
        sources.setdefault(src.event, set()).add(sid)
    keys: dict[str, str] = {}
    known = corpus.file_keys
    for ev in universe(corpus):
        h = hashlib.sha256(salt.encode())
        record = corpus.events.get(ev)
        h.update(f"{ev}\x00{record.event.model_dump_json() if record else ''}\x00".encode())
        cacheable = True
        for f in sorted(files.get(ev, ())):
            key = known.get(f)
            if key is None:
                cacheable = False
                break
            h.update(f"{f}\x00{key}\x00".encode())
        if not cacheable:
            continue
        for sid in sorted(sources.get(ev, ())):
            src = by_id.get(sid)
            if src is not None:
                h.update(f"{sid}\x00{src.file}\x00{src.actual_sha256}\x00{src.stale:d}\x00".encode())
        keys[ev] = h.hexdigest()
    return keys
