"""Qualifiers of a sentence: who it is attributed to, whether it is hedged, whether it is negated.

Each function reads one sentence; `recoupe draft` applies what they find to the claims drafted inside
it. Rule-based, in French and English; the NLP extra adds the conditional mood of any verb.
"""

from __future__ import annotations

import re

from recoupe.draft.lexicon import (
    CONDITIONALS,
    EN_HEDGE_MODALS,
    FR_NEGATION_ENDS,
    HEDGES,
    HEDGING_ADJECTIVES,
    NEGATIONS,
    SPEECH_VERBS,
)
from recoupe.textnorm import fold_text

_WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|n['’]t\b", re.IGNORECASE)
# The conditional of any -er verb (« transporterait », « chavireraient ») or of a -dre one
# (« prendrait »): the imperfect never ends so, except after an accent (« considérait »).
_CONDITIONAL = re.compile(r"\w{2,}(?<![éè])erai(?:t|ent)$|\w{2,}drai(?:t|ent)$")
ADJECTIVE_REACH = 40  # characters after « présumé » that it hedges: the noun phrase it qualifies
_PRONOUNS = frozenset({"il", "elle", "ils", "elles", "he", "she", "they"})

# « selon X », « d'après X », « according to X »: X runs to the next comma or stop.
_ACCORDING = re.compile(r"\b(?:selon|d['’]après|according to)\s+(?P<who>[^,.;:«»\"]+)", re.IGNORECASE)
# « a-t-il déclaré », « avait-il déclaré », « a ajouté le ministre », « said John Smith ».
_INVERTED = re.compile(
    r"\b(?:a|avait|ont|avaient|aurait)(?:-t)?-(?P<who>il|elle|ils|elles)\s+(?P<verb>\w+(?:\s+savoir)?)",
    re.IGNORECASE,
)
_POSTPOSED = re.compile(
    r"(?:,|»|\")\s*(?:a\s+|avait\s+)?(?P<verb>\w+(?:\s+savoir)?)\s+(?P<who>(?:le|la|l['’]|the\s)?\s*[^\W\d_][^,.;«»\"]*)",
    re.IGNORECASE,
)
# « X a déclaré que », « X avait fait savoir », « X said », « X has told »: X is the subject before.
_AUXILIARY = re.compile(
    r"\s+(?:(?:a|ont|avait|avaient|has|have|had)\s+(?:(?:notamment|également|aussi|encore|déjà|also)\s+)?)?"
    r"(?P<verb>\w+(?:\s+savoir)?)\b",
    re.IGNORECASE,
)


# « n'a pas », « ne l'a jamais » between a subject and its verb: the subject is the speaker still.
_NEGATION_TAIL = re.compile(r"\s+(?:n['’]\w+|ne(?:\s+\w+)?)\s+(?:pas|jamais|plus|guère)$", re.IGNORECASE)


def _speech(verb: str) -> bool:
    return fold_text(verb) in SPEECH_VERBS


def speaker(sentence: str) -> tuple[int, int] | None:
    """Where the sentence names whom it reports (offsets in `sentence`), or None when it reports no one.

    The span is the speaker as worded: a name, a title, or a pronoun that the caller resolves.
    """
    m = _ACCORDING.search(sentence)
    if m is not None:
        return m.start("who"), m.start("who") + len(m.group("who").rstrip())
    m = _INVERTED.search(sentence)
    if m is not None and _speech(m.group("verb")):
        return m.span("who")
    for m in _AUXILIARY.finditer(sentence):
        if not _speech(m.group("verb")):
            continue
        head = _NEGATION_TAIL.sub("", sentence[: m.start()].rstrip().rstrip(",").rstrip())
        segment = head.rsplit(",", 1)[-1].lstrip(' «»"')
        if not segment or segment[-1] in '»"':
            continue
        words = segment.split()
        if len(words) > 12:  # no subject of its own: a clause, not a speaker
            continue
        start = len(head) - len(segment)
        return start, len(head)
    for m in _POSTPOSED.finditer(sentence):
        if _speech(m.group("verb")):
            who = m.group("who").rstrip()
            return m.start("who"), m.start("who") + len(who)
    return None


def is_pronoun(phrase: str) -> bool:
    return fold_text(phrase) in _PRONOUNS


def hedged(sentence: str) -> list[tuple[int, int]]:
    """What the sentence hedges, as spans of it: all of it for the conditional of the verbs the press
    hedges with (« aurait », « seraient »), « allegedly », or an English modal before « have »/« been »
    (« would have »); the few words after an adjective like « présumé » or « alleged »."""
    found = list(_WORDS.finditer(sentence))
    words = [fold_text(m.group()) for m in found]
    out: list[tuple[int, int]] = []
    for i, w in enumerate(words):
        if w in CONDITIONALS or w in HEDGES or _CONDITIONAL.search(found[i].group().lower()):
            return [(0, len(sentence))]
        if w in EN_HEDGE_MODALS and i + 1 < len(words) and words[i + 1] in ("have", "be", "been"):
            return [(0, len(sentence))]
        if w in HEDGING_ADJECTIVES:
            out.append((found[i].start(), found[i].end() + ADJECTIVE_REACH))
    return out


def negated(sentence: str) -> bool:
    """« ne … pas », « n'a jamais », « aucun », « démenti », « not », « never », « denied »."""
    words = [fold_text(w) for w in _WORDS.findall(sentence)]
    for i, w in enumerate(words):
        if w in NEGATIONS or w.endswith("n't"):
            return True
        if (w == "ne" or w.startswith(("n'", "n’"))) and any(x in FR_NEGATION_ENDS for x in words[i : i + 5]):
            return True
    return False
