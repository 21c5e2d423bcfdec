"""Term spans: every label of the loaded vocabularies found in the text, slotted by its vocabulary."""

from __future__ import annotations

from collections.abc import Iterator

from recoupe.draft.lexicon import AUXILIARIES, COMPLEMENT_LEADS, SLOT_CUES
from recoupe.draft.model import Candidate
from recoupe.draft.text import PUNCT_STOPS, Text
from recoupe.vocab import VocabIndex
from recoupe.vocab.fold import fold_tokens

_FUNCTION = frozenset({"le", "la", "les", "l'", "l’", "des", "du", "de", "the", "of"})
Hits = tuple[tuple[str, str, str], ...]  # (vocabulary, concept, label) of one label found


def _words(text: Text) -> list[tuple[list[str], list[int]]]:
    """Runs of folded content words between punctuation, each word with its token's index: a label
    never spans a comma or a full stop."""
    runs: list[tuple[list[str], list[int]]] = [([], [])]
    for i, tok in enumerate(text.tokens):
        if tok.text in PUNCT_STOPS:
            runs.append(([], []))
            continue
        for key in fold_tokens(tok.text)[0]:
            runs[-1][0].append(key)
            runs[-1][1].append(i)
    return [r for r in runs if r[0]]


def _before(text: Text, i: int, n: int = 4) -> set[str]:
    """The folded words of the n tokens before token i (« l'occasion » counts as « occasion »)."""
    out: set[str] = set()
    for j in range(max(0, i - n), i):
        if text.tokens[j].text in PUNCT_STOPS:
            out.clear()
            continue
        out.add(text.keys[j].replace("’", "'").rsplit("'", 1)[-1])
    return out


def _slot(index: VocabIndex, text: Text, hits: Hits, first: int, last: int) -> str:
    """The slot of a label. Its vocabularies are ranked (where it is a concept's preferred label
    first, then in load order) and their slots taken in that order; a cue before the label picks a
    later one (« à l'occasion de » the occasion), and a list in brackets or a rubric before a colon
    makes an offence a topic (« (immigration, drogue, prostitution) »)."""
    order = list(index.vocabularies)

    def rank(hit: tuple[str, str, str]) -> tuple[int, int]:
        vocab, concept, label = hit
        pref = label in index.concept(concept).pref_label.values()
        return (0 if pref else 1, order.index(vocab))

    slots = list(
        dict.fromkeys(s for h in sorted(hits, key=rank) for s in index.vocabularies[h[0]].applies_to)
    )
    if not slots:
        return "topic"
    cued = _cued_slot(slots, _before(text, first))
    if cued is not None:
        return cued
    if "topic" in slots and _listed(text, first, last):
        return "topic"
    return slots[0]


def _cued_slot(slots: list[str], before: set[str]) -> str | None:
    return next((s for s in slots if s in SLOT_CUES and SLOT_CUES[s] & before), None)


def _listed(text: Text, first: int, last: int) -> bool:
    """Inside brackets, or a rubric before a colon: a subject named, not a wrong stated."""
    a, _ = text.sentence_of(text.tokens[first].start)
    opened = text.text.rfind("(", a, text.tokens[first].start)
    if opened >= 0 and text.text.rfind(")", opened, text.tokens[first].start) < 0:
        return True
    return last + 1 < len(text.tokens) and text.tokens[last + 1].text == ":"


def _cued_inside(
    index: VocabIndex, text: Text, words: list[str], at: list[int], k: int, n: int
) -> int | None:
    """Where, inside the label words[k:k+n] that opens with cue words, the cued term starts
    (« lutte contre | la traite »): the offence is what the text states, not the field of action."""
    for j in range(k + 1, k + n):
        m, hits = index.labels_at(words, j)
        if not m or j + m > k + n:
            continue
        slots = [s for h in hits for s in index.vocabularies[h[0]].applies_to]
        lead = {text.keys[i] for i in range(at[k], at[j])}
        cues = set().union(*(SLOT_CUES.get(s, frozenset()) for s in slots))
        if cues & lead and lead <= cues | _FUNCTION:
            return j
    return None


def find_terms(text: Text, index: VocabIndex) -> Iterator[Candidate]:
    """Term claims, longest label first and without overlaps, as the text words them."""
    for words, at in _words(text):
        k = 0
        control = False  # the last action introduced another (« ont décidé | de lancer »)
        while k < len(words):
            n, hits = index.labels_at(words, k)
            if not n:
                k += 1
                continue
            inner = _cued_inside(index, text, words, at, k, n)
            if inner is not None:
                k = inner
                continue
            first, last = at[k], at[k + n - 1]
            start, end = text.tokens[first].start, text.tokens[last].end
            slot = _slot(index, text, hits, first, last)
            k += n
            if text.in_url(start):
                continue
            if slot == "action":
                keep, control = _action(text, first, last, control)
                if not keep:
                    continue
            yield Candidate(start, end, slot, text.text[start:end], "term", found_by="terms")


def _action(text: Text, first: int, last: int, control: bool) -> tuple[bool, bool]:
    """(keep this action, it introduces another). « décidé de lancer »: « lancer » is what was done;
    « la volonté d'intensifier »: nothing was; « une coopération consolidée »: a participle without
    an auxiliary describes, it does not tell an action."""
    after = text.keys[last + 1] if last + 1 < len(text.tokens) else ""
    if after in ("de", "to") or after.startswith(("d'", "d’")):
        return False, True
    prev = text.keys[first - 1] if first > 0 else ""
    if (prev in COMPLEMENT_LEADS or text.tokens[first].text.lower().startswith(("d'", "d’"))) and not control:
        return False, False
    word = text.tokens[last].text.lower()
    if word.endswith(("é", "ée", "és", "ées")) and prev not in AUXILIARIES:
        return False, False
    return True, False
