"""Reading a corpus from event folders and JSON Lines files (see loader.py); re-exports only."""

from recoupe.load.loader import load_corpus, load_partial, store_in_cache
from recoupe.load.texts import stale_problems

__all__ = ["load_corpus", "load_partial", "stale_problems", "store_in_cache"]
