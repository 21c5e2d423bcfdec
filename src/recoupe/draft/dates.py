"""Date spans: every run of words that the date normalizer resolves, widened as far as it still does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from recoupe.draft.model import Candidate
from recoupe.draft.text import PUNCT_STOPS, Text, widest
from recoupe.normalize.dates import DateValue, parse_date
from recoupe.normalize.relation import Relation

LEFT, RIGHT = 4, 7  # how many tokens a date may reach before and after the words that start it
# Words that are dates only in some uses: English modals and abbreviations, the French « sept »
# (seven). Alone they start a date only when capitalized, or followed by a full stop.
_AMBIGUOUS = frozenset(
    {"may", "march", "sept", "sun", "sat", "wed", "mon", "tue", "thu", "fri", "jan", "feb", "mar", "apr",
     "jun", "jul", "aug", "sep", "oct", "nov", "dec", "avr", "juil", "second"}
)  # fmt: skip
# A bare number the date parser would read as a year only when it looks like one.
_MIN_YEAR, _MAX_YEAR = 1900, 2100
_REFERENCE = dt.date(2000, 6, 15)  # any day: relative wordings differ once placed against one


def _value(text: Text, a: int, b: int, published: dt.date | None, lang: str) -> DateValue | None:
    """The date that tokens [a, b) word, or None. The span crosses no stop, and a comma only inside
    (« Friday, June 24, 2022 »), never at its ends."""
    toks = text.tokens[a:b]
    if (
        toks[0].text == ","
        or toks[-1].text == ","
        or any(t.text in PUNCT_STOPS and t.text != "," for t in toks)
    ):
        return None
    return parse_date(text.text[toks[0].start : toks[-1].end], published, lang)


def _starts_date(text: Text, i: int, published: dt.date | None, lang: str) -> bool:
    tok = text.tokens[i]
    key = text.keys[i]
    if key in _AMBIGUOUS and not tok.text[0].isupper():
        nxt = text.tokens[i + 1].text if i + 1 < len(text.tokens) else ""
        if nxt != ".":
            return False
    if key.isdigit() and not (len(key) == 4 and _MIN_YEAR <= int(key) <= _MAX_YEAR):
        return False  # « 16 accords »: a count; a day number starts a date only with its month
    return _value(text, i, i + 1, published, lang) is not None


def _same(text: Text, a: int, b: int, c: int, lang: str) -> bool:
    """Whether tokens [a, b) and [a, c) word the same date, whatever the publication day: without
    one, « mai dernier » is « mai », yet it says which May once the day is known."""
    for day in (None, _REFERENCE):
        v, w = _value(text, a, b, day, lang), _value(text, a, c, day, lang)
        if v is None or w is None or v.relate(w) is not Relation.EQUAL or v.partial != w.partial:
            return False
    return True


def find_dates(text: Text, published: dt.date | None, lang: str) -> Iterator[Candidate]:
    """Date claims: each span as wide as the parser reads it, then cut back on the right to the last
    word that changes the date (« vient d'être confiée au ministre » reads as « vient »)."""
    n = len(text.tokens)
    i = 0
    while i < n:
        if not text.tokens[i].is_word or not _two_word_start(text, i, published, lang):
            i += 1
            continue
        best = widest(n, i, LEFT, RIGHT, lambda a, b: _value(text, a, b, published, lang))
        if best is None:
            i += 1
            continue
        a, b, _ = best
        while b - 1 > i:
            cut = b - 2 if text.tokens[b - 2].text == "," else b - 1  # no comma left at the end
            if cut <= i or not _same(text, a, b, cut, lang):
                break
            b = cut
        start, end = text.tokens[a].start, text.tokens[b - 1].end
        if not text.in_url(start):
            yield Candidate(start, end, "date", text.text[start:end], "date", found_by="dates")
        i = b


def _two_word_start(text: Text, i: int, published: dt.date | None, lang: str) -> bool:
    """Whether a date starts at word i alone, or with the next word (« ce matin », « mois dernier »)."""
    if _starts_date(text, i, published, lang):
        return True
    return (
        i + 1 < len(text.tokens)
        and _value(text, i, i + 2, published, lang) is not None
        and (text.keys[i] not in _AMBIGUOUS or text.tokens[i].text[0].isupper())
    )


def dateline(text: Text, dates: list[Candidate], published: dt.date | None, lang: str) -> Candidate | None:
    """The date that opens one of the first lines (a dateline), as a `published` claim."""
    lines_seen = 0
    pos = 0
    for line in text.text.splitlines(keepends=True):
        if line.strip():
            lines_seen += 1
            lead = pos + len(line) - len(line.lstrip())
            for c in dates:
                if c.start == lead:
                    v = parse_date(text.text[c.start : c.end], None, lang)
                    if v is not None and v.first_day() is not None and v.first_day() == v.last_day():
                        return Candidate(c.start, c.end, "published", c.value, "date", found_by="dates")
        if lines_seen >= 3:
            break
        pos += len(line)
    return None
