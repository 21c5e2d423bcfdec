"""Locate claim quotes in their pinned source texts; SHA-256 pinning of those texts."""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from recoupe.textnorm import fold_typography

_WS = re.compile(r"\s+")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class FoldedText:
    """A text folded for quote matching, with a map from folded offsets back to the original."""

    original: str
    folded: str
    starts: tuple[int, ...]  # original start offset of each folded character
    ends: tuple[int, ...]  # original end offset (exclusive) of each folded character

    def span(self, fstart: int, fend: int) -> tuple[int, int]:
        return self.starts[fstart], self.ends[fend - 1]


def fold_quote(s: str) -> str:
    """Fold a quote the way texts are folded: NFC, typography, whitespace runs as one space."""
    return _WS.sub(" ", fold_typography(s)).strip()


def fold_source(text: str) -> FoldedText:
    """Fold a source text, keeping where each folded character came from.

    NFC may merge a base letter with its combining marks, so we fold per cluster (a base character
    and the combining marks after it); typography and whitespace folding are one character to one.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    n = len(text)
    i = 0
    prev_space = True  # drops leading whitespace, as fold_quote's strip() does
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = text[i:j]
        piece = fold_typography(cluster) if j - i > 1 or not cluster.isascii() else cluster
        if piece.isspace():
            if not prev_space:
                out.append(" ")
                starts.append(i)
                ends.append(j)
                prev_space = True
            else:
                ends[-1:] = [j] if ends else []
        else:
            for ch in piece:
                out.append(ch)
                starts.append(i)
                ends.append(j)
            prev_space = False
        i = j
    return FoldedText(text, "".join(out), tuple(starts), tuple(ends))


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    start: int
    end: int
    count: int


@dataclass(frozen=True, slots=True)
class QuoteMiss:
    """Why a quote was not placed: not found (with the closest passage) or ambiguous."""

    message: str


def find_all(haystack: str, needle: str) -> list[int]:
    found = []
    at = haystack.find(needle)
    while at != -1:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def locate(quote: str, text: FoldedText, occurrence: int | None) -> QuoteMatch | QuoteMiss:
    """Where `quote` stands in `text` (original offsets), or why it cannot be placed."""
    q = fold_quote(quote)
    hits = find_all(text.folded, q) if q else []
    if not hits:
        return QuoteMiss(closest_passage(q, text))
    if occurrence is None:
        if len(hits) > 1:
            return QuoteMiss(
                f"quote occurs {len(hits)} times in the text; say which with 'occurrence' (1 to {len(hits)})"
            )
        occurrence = 1
    if occurrence > len(hits):
        return QuoteMiss(f"occurrence {occurrence} asked, but the quote occurs {len(hits)} time(s)")
    fstart = hits[occurrence - 1]
    start, end = text.span(fstart, fstart + len(q))
    return QuoteMatch(start, end, len(hits))


def closest_passage(q: str, text: FoldedText) -> str:
    """A message naming the passage most like the quote, and how the two differ."""
    from rapidfuzz import fuzz  # lazy: only needed when a quote is wrong

    if not text.folded:
        return "quote not found: the text is empty"
    al = fuzz.partial_ratio_alignment(q, text.folded)
    if al is None or al.score < 50:
        return "quote not found in the text, nor anything close to it"
    passage = text.folded[al.dest_start : al.dest_end]
    return f"quote not found in the text; closest passage ({al.score:.0f}% alike): «{passage}»; {describe_diff(q, passage)}"


def describe_diff(quote: str, passage: str) -> str:
    """Word-level differences, e.g. "the quote has 'trafic' where the text has 'traite'"."""
    a, b = quote.split(), passage.split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "replace":
            parts.append(f"the quote has '{' '.join(a[i1:i2])}' where the text has '{' '.join(b[j1:j2])}'")
        elif op == "delete":
            parts.append(f"the quote adds '{' '.join(a[i1:i2])}'")
        elif op == "insert":
            parts.append(f"the quote leaves out '{' '.join(b[j1:j2])}'")
    return "; ".join(parts[:3]) if parts else "they differ in punctuation or spacing only"
