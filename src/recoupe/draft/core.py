"""Drafting a text: run the span finders, set each sentence's qualifiers, give the claims ids and quotes."""

from __future__ import annotations

import datetime as dt
import re

from recoupe.draft import nlp
from recoupe.draft.dates import dateline, find_dates
from recoupe.draft.entities import Mention, find_entities, nlp_mentions, registry_mentions, title_of
from recoupe.draft.model import Candidate, Drafted
from recoupe.draft.qualifiers import hedged, is_pronoun, negated, speaker
from recoupe.draft.quantities import find_quantities
from recoupe.draft.terms import find_terms
from recoupe.draft.text import Text, guess_language, slug
from recoupe.normalize.dates import parse_date
from recoupe.normalize.values import Normalizer
from recoupe.textnorm import fold_text

_APPOSITION = re.compile(r"\s*,\s*")
# A date that says when a count held: « au 30 juin », « as of Tuesday ».
_AS_OF = re.compile(r"(?:au|à la date du|en date du|as of|as at)\s", re.IGNORECASE)
NO_NLP = "names that no registry lists (persons, organisations, places) were not drafted"


def draft_text(
    text: str,
    normalizer: Normalizer,
    *,
    lang: str | None = None,
    published: dt.date | None = None,
    use_nlp: bool = True,
) -> Drafted:
    """Candidate claims for `text`, in text order, each with an id, a quote and its qualifiers."""
    lang = (lang or guess_language(text)).lower()
    skipped: list[str] = []
    analysis: nlp.Analysis | None = None
    if use_nlp:
        why = nlp.missing(lang)
        if why is None:
            analysis = nlp.analyse(text, lang)
        else:
            skipped.append(f"{why}: {NO_NLP}; sentences, hedges and speakers came from recoupe's own rules")
    else:
        skipped.append(f"the NLP extra was not used: {NO_NLP}")
    t = Text(text, analysis.sentences if analysis is not None else None)

    dates = list(find_dates(t, published, lang))
    opening = dateline(t, dates, published, lang)
    if opening is not None:
        dates = [opening if (c.start, c.end) == (opening.start, opening.end) else c for c in dates]
        if published is None:
            day = parse_date(t.text[opening.start : opening.end], None, lang)
            published = day.first_day() if day is not None else None
    mentions = registry_mentions(t, normalizer.registry)
    if analysis is not None:
        mentions += nlp_mentions(t, analysis.entities, mentions)
    found = [
        *dates,
        *find_quantities(t, [(c.start, c.end) for c in dates], lang),
        *find_terms(t, normalizer.vocab),
        *find_entities(t, mentions),
    ]
    found.sort(key=lambda c: (c.start, -c.end, c.slot))
    _qualify(t, found, [m for m in mentions if m.kind == "person"], analysis)
    out = Drafted(_title(text), published, lang, skipped=skipped)
    seen: set[str] = set()
    for c in found:
        placed = t.quote(c.start, c.end)
        if placed is None:
            continue
        quote, occurrence = placed
        base = _id(c)
        cid, n = base, 1
        while cid in seen:
            n += 1
            cid = f"{base}-{n}"
        seen.add(cid)
        out.claims.append((cid, c, quote, occurrence))
    return out


def _title(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())[:300]
    return None


def _id(c: Candidate) -> str:
    """A readable slug: « dead-37 », « date-ce-lundi », « parties-maroc-niger », « abdellatif-ouahbi-role »."""
    if c.type == "text" and c.subject:
        return f"{c.subject}-{c.slot}"
    head = c.slot.split(":", 1)[-1]
    value = " ".join(c.value) if isinstance(c.value, list) else c.value
    return f"{head}-{slug(value)}"


def _speaker_name(t: Text, start: int, end: int, persons: list[Mention]) -> str:
    """Whom a speaker phrase names: the person named in or right after it, the last person named
    before for a pronoun or a bare title (one with that title first), else the phrase itself."""
    inside = [p for p in persons if start <= p.start and p.end <= end]
    if inside:
        return inside[-1].name
    after = _APPOSITION.match(t.text, end)
    if after is not None:
        for p in persons:
            if p.start == after.end():
                return p.name
    phrase = t.text[start:end].strip()
    earlier = [p for p in persons if p.end <= start]
    words = fold_text(phrase).split()
    if earlier and (is_pronoun(phrase) or (len(words) <= 3 and words[0] in ("le", "la", "the"))):
        titled = [p for p in earlier if (title := title_of(t, p)) and words[-1] in fold_text(title).split()]
        return (titled or earlier)[-1].name
    return phrase


def _qualify(t: Text, found: list[Candidate], persons: list[Mention], analysis: nlp.Analysis | None) -> None:
    for a, b in t.sentences:
        inside = [c for c in found if a <= c.start < b and c.type != "text"]
        if not inside:
            continue
        sentence = t.text[a:b]
        who: tuple[int, int] | None = None
        rel = speaker(sentence)
        if rel is not None:
            who = (a + rel[0], a + rel[1])
        elif analysis is not None:
            who = next(((x, y) for x, y in analysis.speakers if a <= x < b), None)
        name = _speaker_name(t, who[0], who[1], persons) if who is not None else None
        hedges = [(a + x, a + y) for x, y in hedged(sentence)]
        if analysis is not None and any(a <= x < b for x, _ in analysis.conditional):
            hedges.append((a, b))
        is_negated = negated(sentence)
        as_of = next((c.value for c in inside if c.type == "date" and _AS_OF.match(t.text, c.start)), None)
        for c in inside:
            if name and who is not None and not _speaks(c, who):
                c.attributed_to = name
            c.hedged = c.hedged or any(x <= c.start < y for x, y in hedges)
            c.negated = c.negated or is_negated
            if c.type == "quantity" and isinstance(as_of, str):
                c.as_of = as_of


def _speaks(c: Candidate, who: tuple[int, int]) -> bool:
    """Whether a claim is part of the speaker's phrase, or the name in apposition right after it."""
    return (c.start < who[1] and who[0] < c.end) or (c.type == "entity" and who[1] <= c.start <= who[1] + 3)
