"""Every seed claim of type term, date, quantity or entity normalizes (issue: no UNKNOWN left)."""

from __future__ import annotations

from recoupe.config import load_settings
from recoupe.load import load_corpus
from recoupe.normalize.entities import EntityValue
from recoupe.normalize.values import Normalizer, Unresolved
from tests.conftest import ROOT, SEED

# « plusieurs régions de l'Afrique de l'Ouest » names some part of West Africa: resolving it to West
# Africa would overstate it, so it stays a free wording that compares only by its words.
KNOWN_FREE = {("le360", "trafficking-west-africa")}


def test_no_seed_value_is_left_unnormalized() -> None:
    settings = load_settings(ROOT)
    corpus = load_corpus([SEED])
    norm = Normalizer.from_settings(settings)
    left: list[tuple[str, str, str]] = []
    for c in corpus.claims:
        if c.type == "text":
            continue
        v = norm.normalize(c, corpus.sources[c.source])
        if isinstance(v, Unresolved) or (isinstance(v, EntityValue) and not all(m.id for m in v.members)):
            left.append((c.source, c.id, str(c.claim.value)))
    assert [(s, i) for s, i, _ in left] == sorted(KNOWN_FREE)
    assert len([c for c in corpus.claims if c.type != "text"]) > 60
