"""A run over parts: the check of a large corpus that never holds it whole.

1. The input is indexed (scale.index): which lines and folders each event's check reads, and a
   digest of their bytes.
2. An event whose outputs are in the cache (same input, texts, settings, rules, recoupe and report
   options) is not loaded at all: its counts and its pieces of each report come from the cache.
3. The other events are cut into parts, runs of neighbouring events with about as many claims each.
   Each part is loaded, checked and rendered (scale.parts) in a forked worker (`--jobs`), on a Dask
   cluster, or here, one part after another: memory stays that of one part whatever the corpus.
4. Each report is written from the merged counts and the pieces, in event order
   (reporters.pieces): byte for byte the report of a whole run.

Input the index cannot place, or a part whose input has a problem, sends the run back to the whole
load (`run_pieced` returns None), which reports problems exactly, located, as it always has.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recoupe.reporters.pieces import Piece, Pieced, Tally, Totals

if TYPE_CHECKING:
    from recoupe.config import Settings
    from recoupe.load.cache import Cache
    from recoupe.scale.index import InputIndex
    from recoupe.scale.parts import PartResult, PartRunner
    from recoupe.scale.runner import Plan

# Claims per part when one process checks the parts one after another: what bounds its memory.
PART_CLAIMS = 50_000
# Below this many claims a run loads whole (a pool, an index and spooled pieces cost more than they
# save); RECOUPE_PARTS_MIN_CLAIMS overrides it (0: always over parts, as the tests do).
MIN_CLAIMS = 20_000


@dataclass(slots=True)
class Outcome:
    """What the command needs of a run over parts once its reports are written."""

    summary: dict[str, Any]
    stats: dict[str, int]


def min_claims() -> int:
    try:
        return int(os.environ.get("RECOUPE_PARTS_MIN_CLAIMS", MIN_CLAIMS))
    except ValueError:
        return MIN_CLAIMS


Write = Callable[[Pieced, Totals, Iterator[Piece], "Path | None"], None]


def run_pieced(
    settings: Settings,
    paths: Sequence[Path],
    targets: Sequence[tuple[str, dict[str, Any], Path | None]],
    plan: Plan,
    write: Write,
    progress: Callable[[str, int, int], None] | None = None,
) -> Outcome | None:
    """Check `paths` over parts and have `write` write each target (format, reporter options, file or
    None for standard output) from its pieces; None when the run must load whole instead (nothing is
    written then)."""
    from recoupe import api
    from recoupe.scale.index import index_input
    from recoupe.slots import load_slots

    say = progress or (lambda *_: None)
    say("indexing", 0, 0)
    index = index_input(list(paths), digest=settings.cache)
    if index is None or index.claims < min_claims():
        return None
    # An HTML report small enough for one page is made from the whole run's data: said before any
    # part runs when the claims are all counted (the findings only add), else once they have run.
    if index.counted == index.claims and not _folders(targets, Totals(Tally(claims=index.counted), [])):
        return None
    slots = load_slots([settings.resolve(p) for p in settings.slots])
    engine = api.make_engine(settings, slots)
    cache = api.make_cache(settings)
    events = index.events()
    with tempfile.TemporaryDirectory(prefix="recoupe-parts-") as spool:
        from recoupe.scale.parts import PartRunner

        runner = PartRunner(
            index,
            engine,
            slots,
            [(fmt, options) for fmt, options, _ in targets],
            api.display_root(),
            Path(spool),
            fail_on=settings.fail_on,
            cache=cache,
        )
        if cache is not None:
            runner.event_keys = _event_keys(settings, cache, index, engine.rules)
        cached = _cached(cache, runner.event_keys, runner.piece_keys)
        todo = [e for e in events if e not in cached]
        results = _run_parts(runner, settings, plan, _split(index, todo, plan), say)
        if any(r.failed for r in results):
            return None
        tallies: dict[str, dict[str, Any]] = {e: t["tally"] for e, t in cached.items()}
        for r in results:
            tallies.update(zip(r.events, r.tallies, strict=True))
        tally = Tally()
        for e in events:
            tally.merge(Tally.from_json(tallies[e]))
        totals = Totals(tally, engine.rules, fail_on=settings.fail_on)
        if not _folders(targets, totals):
            return None
        say("reporting", 0, len(targets))
        remade: list[str] = []
        for n, (_, _, path) in enumerate(targets):
            pieces = _pieces(events, cached, results, n, runner, remade)
            write(runner.reporters[n], totals, pieces, path)
            say("reporting", n + 1, len(targets))
    stats = {"events_checked": len(todo), "events_cached": len(cached)}
    if remade:
        stats["events_remade"] = len(set(remade))
    return Outcome(totals.summary(), stats)


def _folders(targets: Sequence[tuple[str, dict[str, Any], Path | None]], totals: Totals) -> bool:
    """Whether every HTML report asked for is a folder with these counts (what pieces make)."""
    from recoupe.scale.parts import pieced_reporter

    for fmt, options, _ in targets:
        decides = getattr(pieced_reporter(fmt, options), "in_folder", None)
        if decides is not None and not decides(totals):
            return False
    return True


def _event_keys(settings: Settings, cache: Cache, index: InputIndex, rules: list[Any]) -> dict[str, str]:
    """Each event's cache key: its input's digest, and all that its findings and pieces depend on."""
    from recoupe import api
    from recoupe.scale.partition import rules_salt

    salt = hashlib.sha256(
        "\x00".join((cache.salt, rules_salt(settings, rules), str(api.display_root()))).encode()
    ).hexdigest()
    return {e: hashlib.sha256(f"{salt}\x00{u.digest}".encode()).hexdigest() for e, u in index.units.items()}


def _cached(cache: Cache | None, keys: dict[str, str], piece_keys: list[str]) -> dict[str, dict[str, Any]]:
    """The entries of the events whose outputs can be taken from the cache: same input, the same texts
    (hashed again: a text is read, not parsed), and a piece of every report asked for."""
    from recoupe.scale.parts import piece_key

    if cache is None:
        return {}
    out: dict[str, dict[str, Any]] = {}
    texts: dict[str, str | None] = {}
    for event, key in keys.items():
        entry = cache.load(key, "event")
        if not isinstance(entry, dict) or not _texts_unchanged(entry.get("texts"), texts):
            continue
        if all(cache.has(piece_key(key, p)) for p in piece_keys):
            out[event] = entry
    return out


def _texts_unchanged(listed: Any, seen: dict[str, str | None]) -> bool:
    from recoupe.load.evidence import sha256_hex

    if not isinstance(listed, list):
        return False
    for item in listed:
        if not (isinstance(item, list) and len(item) == 2):
            return False
        name, sha = item
        if name not in seen:
            try:
                seen[name] = sha256_hex(Path(name).read_bytes())
            except OSError:
                seen[name] = None
        if seen[name] != sha:
            return False
    return True


def _split(index: InputIndex, todo: list[str], plan: Plan) -> list[list[str]]:
    """`todo` (sorted) in runs of neighbours of about equal claims: a few per worker, and never more
    than PART_CLAIMS claims each (the memory of one part)."""
    from recoupe.scale.partition import split_weighted

    weight = {e: index.units[e].claims for e in todo}
    claims = sum(weight.values())
    workers = plan.workers(claims)
    return split_weighted(todo, weight, max(workers * 4 if workers > 1 else 1, -(-claims // PART_CLAIMS)))


def _run_parts(
    runner: PartRunner,
    settings: Settings,
    plan: Plan,
    parts: list[list[str]],
    say: Callable[[str, int, int], None],
) -> list[PartResult]:
    claims = sum(runner.index.units[e].claims for p in parts for e in p)
    workers = plan.workers(claims)
    say("checking", 0, len(parts))
    if plan.engine == "dask":
        from recoupe.scale.on_dask import run_parts_on_dask

        return run_parts_on_dask(runner, settings, parts, plan.scheduler, workers, say)
    if workers > 1 and len(parts) > 1:
        from recoupe.scale.pool import run_part_pool

        return run_part_pool(runner, parts, workers, say)
    out = []
    for n, part in enumerate(parts):
        out.append(runner.run(n, part))
        if out[-1].failed:
            break
        say("checking", n + 1, len(parts))
    return out


def _pieces(
    events: list[str],
    cached: dict[str, dict[str, Any]],
    results: list[PartResult],
    target: int,
    runner: PartRunner,
    remade: list[str],
) -> Iterator[Piece]:
    """Target `target`'s pieces in event order: from the cache, or from the parts' spools; an event
    whose cached piece was damaged since it was looked up is made again (and listed in `remade`)."""
    from recoupe.scale.parts import piece_key, read_pieces

    fresh = iter(p for r in results for p in read_pieces(r.spools[target]))
    key = runner.piece_keys[target]
    for n, e in enumerate(events):
        if e in cached:
            assert runner.cache is not None
            entry = runner.cache.load_blob(piece_key(runner.event_keys[e], key), "piece")
            if entry is not None and isinstance(entry[0], dict):
                yield Piece(e, entry[1], entry[0].get("meta"))
                continue
            # (made again, alone, under a part number of its own)
            remade.append(e)
            again = runner.run(len(events) * (target + 1) + n, [e])
            yield next(p for p in read_pieces(again.spools[target]))
            continue
        piece = next(fresh)
        assert piece.event == e, f"pieces out of order: {piece.event} for {e}"
        yield piece
