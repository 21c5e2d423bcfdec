"""Entity spans: registry names and aliases (and, with the NLP extra, recognized names), slotted by the
words around them, plus the titles that introduce a person (« le ministre de la Justice, X »)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from recoupe.draft.lexicon import CHAIRS, LEADER_CUES, ORIGIN_CUES, PLACE_BEFORE, TITLES
from recoupe.draft.model import Candidate
from recoupe.draft.text import Text, slug
from recoupe.normalize.entities import Registry
from recoupe.normalize.entities.names import tokenize
from recoupe.textnorm import fold_text, fold_typography

# Two places joined by « et », « and », a hyphen or a comma, articles allowed: the parties.
_JOIN = re.compile(r"\s*(?:,|-|\bet\b|\band\b)\s*(?:(?:le|la|les|l'|l’|the)\s+)?", re.IGNORECASE)
# A title before a name: article, title word, anything up to the comma that introduces the name.
_TITLE = re.compile(
    r"\b(?:le|la|l'|l’|the|du|au|de la|of)\s+(?P<title>[^\W\d_][\w'’ -]*?)\s*,\s*$", re.IGNORECASE
)
_KINDS = {"LOC": "place", "GPE": "place", "PER": "person", "PERSON": "person", "ORG": "organisation"}


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    kind: str  # person, organisation, place
    name: str


def registry_mentions(text: Text, registry: Registry) -> list[Mention]:
    """Registered names and aliases in the text. A one-word match in lower case (« nigérienne ») is
    an adjective, not a name, and is left out."""
    typo = fold_typography(text.text)
    if len(typo) != len(text.text):  # offsets must map one to one
        return []
    words = [t for t in tokenize(typo) if not t.sep]
    folded, cased = [w.folded for w in words], [w.cased for w in words]
    out: list[Mention] = []
    i = 0
    while i < len(words):
        found = registry.match_at(folded, cased, i, len(words))
        if found is None:
            i += 1
            continue
        n, ids = found
        start, end = words[i].start, words[i + n - 1].end
        span = text.text[start:end]
        kinds = {registry[e].kind for e in ids}
        if (n > 1 or span[0].isupper()) and len(kinds) == 1 and (kind := kinds.pop()) != "other":
            out.append(Mention(start, end, kind, span))
        i += n
    return out


def nlp_mentions(text: Text, entities: list[tuple[int, int, str]], known: list[Mention]) -> list[Mention]:
    """Recognized names that no registry mention covers, with what a recognizer gets wrong left out:
    names in lower case, single letters, one-word persons (often a title cut short)."""
    out = []
    for start, end, label in entities:
        kind = _KINDS.get(label)
        span = text.text[start:end].strip()
        if kind is None or len(span) < 3 or not span[0].isupper() or span[-1] in "'’":
            continue
        if kind == "person" and len(span.split()) < 2:
            continue
        if any(m.start < end and start < m.end for m in known):
            continue
        out.append(Mention(start, start + len(span), kind, span))
    return out


def _before(text: Text, start: int, limit: int = 40) -> str:
    """The folded words just before `start`, within its sentence."""
    a, _ = text.sentence_of(start)
    return fold_text(text.text[max(a, start - limit) : start])


def title_of(text: Text, m: Mention) -> str | None:
    """The title that introduces a person: « le ministre de la Justice, » before the name."""
    a, _ = text.sentence_of(m.start)
    found = _TITLE.search(text.text[max(a, m.start - 200) : m.start])
    if found is None:
        return None
    title = found.group("title")
    words = fold_text(title).split()
    # the title word may be preceded by others the regex took (« ministre nigérien des Affaires… »)
    return title if words and (words[0] in TITLES or fold_text(title.split()[0]) in TITLES) else None


def _slot(text: Text, m: Mention, title: str | None) -> str:
    before = _before(text, m.start)
    words = before.replace("’", "'").replace("l'", "l' ").split()
    while words and words[-1] in ("l'", "le", "la", "les", "the"):
        words.pop()
    if m.kind == "place":
        if words and words[-1] in PLACE_BEFORE:
            return PLACE_BEFORE[words[-1]]
        if words and words[-1] in ("de", "d'", "du", "des") and any(w in ORIGIN_CUES for w in words[-3:]):
            return "origin"
        if before.rstrip().endswith(("d'", "d’")) and any(w.rstrip("d'") in ORIGIN_CUES for w in words[-3:]):
            return "origin"
        return "location"
    if any(before.endswith(cue) for cue in LEADER_CUES):
        return "leader"
    if title is not None and fold_text(title).split()[0] in CHAIRS:
        return "chair"
    return "participants"


def find_entities(text: Text, mentions: list[Mention]) -> Iterator[Candidate]:
    """Entity claims from the mentions, and a role claim for each titled person."""
    mentions = sorted(mentions, key=lambda m: m.start)
    i = 0
    while i < len(mentions):
        m = mentions[i]
        # « le Maroc et le Niger »: coordinated places are the parties
        group = [m]
        while m.kind == "place" and i + len(group) < len(mentions):
            nxt = mentions[i + len(group)]
            gap = text.text[group[-1].end : nxt.start]
            if nxt.kind != "place" or not _JOIN.fullmatch(gap) or gap.strip() == "":
                break
            group.append(nxt)
        if len(group) > 1:
            names = [g.name for g in group]
            yield Candidate(group[0].start, group[-1].end, "parties", names, "entity", found_by="registry")
            i += len(group)
            continue
        title = title_of(text, m) if m.kind == "person" else None
        slot = _slot(text, m, title)
        yield Candidate(m.start, m.end, slot, m.name, "entity", found_by="entities")
        if title is not None:
            start = text.text.rfind(title, 0, m.start)
            role = "participant-role" if slot in ("participants", "leader") else "role"
            yield Candidate(start, m.end, role, title, "text", subject=slug(m.name), found_by="roles")
        i += 1
