"""The drafter's view of a text: word tokens with offsets, sentences, quotes that validate, slugs."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from recoupe.draft.lexicon import EN_WORDS, FR_WORDS
from recoupe.load.evidence import FoldedText, find_all, fold_quote, fold_source
from recoupe.textnorm import fold_text

# A number (with grouping, decimals, an ordinal suffix or a typeset one: « 1^{er} »), a word (with
# inner apostrophes and hyphens: « aujourd'hui », « week-end »), or one other non-space character.
_TOKEN = re.compile(
    r"\d+(?:[.,'/:\u00a0\u202f-]\d+)*(?:\^\{?[A-Za-z]+\}?|ᵉʳ|ᵉ|(?:er|re|ère|eme|ème|e|st|nd|rd|th)\b)?"
    r"|[^\W\d_]+(?:[-'’][^\W\d_]+)*"
    r"|\S"
)
_URL = re.compile(r"<?(?:https?://|www\.)\S+")
# Sentence ends: . ! ? … then space and a capital, an opening quote or a digit; or a blank line.
_SENTENCE_END = re.compile(r"(?<=[.!?…»\"])\s+(?=[«\"A-ZÀ-ÖØ-Þ0-9])|\n\s*\n|(?<=[^\s.!?…:,;])\n(?=\S)")
_SLUG = re.compile(r"[^a-z0-9]+")
PUNCT_STOPS = frozenset(',;:.!?()[]«»"“”')


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return fold_text(self.text)

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()


class Text:
    """A source text, tokenized once, with its sentences and its folded form for quotes."""

    def __init__(self, text: str, sentences: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self.tokens = [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        self.urls = [(m.start(), m.end()) for m in _URL.finditer(text)]
        self.sentences = sentences if sentences is not None else split_sentences(text)

    @cached_property
    def folded(self) -> FoldedText:
        return fold_source(self.text)

    @cached_property
    def keys(self) -> list[str]:
        return [t.key for t in self.tokens]

    def sentence_of(self, start: int) -> tuple[int, int]:
        for a, b in self.sentences:
            if a <= start < b:
                return a, b
        return 0, len(self.text)

    def in_url(self, start: int) -> bool:
        return any(a <= start < b for a, b in self.urls)

    def quote(self, start: int, end: int) -> tuple[str, int | None] | None:
        """The quote for [start, end): the exact text, and its occurrence number when it repeats;
        None when folding moves it (the loader could not place it where it stands)."""
        quote = self.text[start:end]
        q = fold_quote(quote)
        hits = find_all(self.folded.folded, q) if q else []
        at = [self.folded.span(h, h + len(q))[0] for h in hits]
        if start not in at:
            return None
        return quote, (at.index(start) + 1 if len(at) > 1 else None)


T = TypeVar("T")


def widest(
    n: int, i: int, left: int, right: int, read: Callable[[int, int], T | None]
) -> tuple[int, int, T] | None:
    """The widest token window [a, b) around token i, reaching at most `left` before and `right`
    after it, that `read` makes something of (a date, a number), with what it made; None if none."""
    best: tuple[int, int, T] | None = None
    for a in range(max(0, i - left), i + 1):
        for b in range(min(n, i + right + 1), i, -1):
            if best is not None and b - a <= best[1] - best[0]:
                break
            v = read(a, b)
            if v is not None:
                best = (a, b, v)
                break
    return best


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence bounds by punctuation and line breaks (a title or a dateline is a sentence of its own)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        if text[pos : m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def slug(s: str, limit: int = 40) -> str:
    """A readable id part: « ce lundi 1er août » -> "ce-lundi-1er-aout"."""
    words = _SLUG.sub("-", fold_text(s)).strip("-")
    if len(words) > limit:
        words = words[:limit].rsplit("-", 1)[0]
    return words or "x"


def guess_language(text: str) -> str:
    """fr or en, by which language's commonest words the text uses more."""
    words = re.findall(r"[^\W\d_]+", text.casefold())
    en = sum(1 for w in words if w in EN_WORDS)
    fr = sum(1 for w in words if w in FR_WORDS)
    return "en" if en > fr else "fr"
