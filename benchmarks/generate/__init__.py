"""Synthetic corpus generator for recoupe benchmarks: events, sources, pinned texts and claims (YAML and JSON Lines).

    python benchmarks/generate --events N --sources-per-event S --claims M --out DIR [--format yaml|jsonl|both] [--seed 0]

Writes exactly M claims in total, spread over N events of S sources each:

- YAML:  DIR/yaml/<event>/event.yaml, DIR/yaml/<event>/<source>.txt and DIR/yaml/<event>/<source>.yaml
- JSONL: DIR/claims.jsonl (per event: one event record, its source records, then its claims) with the
  texts under DIR/texts/<source>.txt

Every text is assembled from the very sentences the claims quote, so each quote occurs in its text
exactly once (after recoupe's typographic folding: texts use ’ and narrow no-break spaces where the
quotes use ' and plain spaces, as real claim authors do). Sources of one event state the same
(event, subject, slot) keys, worded to agree, to be less specific, or to contradict each other.

The output is a pure function of the arguments: the same --seed gives byte-identical files.
DIR/manifest.json records the arguments and a hash of this package's code, so the benchmark scripts can
reuse a corpus they made before.

Where things are: words.py, terms.py and phrasing.py (the word lists), model.py (one event's truths),
wordings.py (a value worded to agree, be less specific or contradict), sources.py (a source's claims
and text), write.py (YAML and JSON Lines output), cli.py (the command line, the manifest, ensure_corpus).
"""

from generate.cli import ensure_corpus, main, manifest_args
from generate.sources import build_event
from generate.write import generate

__all__ = ["build_event", "ensure_corpus", "generate", "main", "manifest_args"]
