"""Locate claim quotes in their pinned source texts; SHA-256 pinning of those texts."""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

from recoupe.errors import shorten
from recoupe.textnorm import _APOSTROPHES, _DQUOTES, _SPACES, fold_typography

_WS = re.compile(r"\s+")
# Every character str.isspace() (and so regex `\s`, str.split(), str.strip()) takes for whitespace.
# Listed rather than computed: scanning all of Unicode costs ~50 ms at import. A unit test checks the
# list against the scan, so a Python with other Unicode data fails the tests rather than fold wrongly.
_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# fold_typography's one-to-one replacements as str.replace pairs: str.translate with a dict looks up
# every character of a non-ASCII text (~25x slower here), while `in` + replace only scan for the few
# characters that occur.
_TYPO_PAIRS = (
    *((c, "'") for c in _APOSTROPHES),
    *((c, '"') for c in _DQUOTES),
    *((c, " ") for c in _SPACES),
)
# One regex scan tells whether a quote has any typographic variant at all; most have none.
_TYPO_ANY = re.compile("[" + re.escape("".join(a for a, _ in _TYPO_PAIRS)) + "]")
# For source texts, every whitespace character becomes a plain space as well (each whitespace character
# folds to one space, then runs collapse): runs are then just "  ", which str.find locates at C speed.
_SOURCE_PAIRS = (
    *_TYPO_PAIRS,
    *((c, " ") for c in _WHITESPACE if c != " " and c not in _SPACES),
)
_SPACE_RUN = re.compile(" +")
# Combining marks all sit at U+0300 or above: a text with nothing up there has none.
_HIGH = re.compile("[\u0300-\U0010ffff]")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class FoldedText:
    """A text folded for quote matching, with a map from folded offsets back to the original.

    The map is sparse, so that it costs memory per whitespace run rather than per character: folded
    character k maps one to one onto original [o, o + 1), o counting on from the last anchor before k
    (or from `base`); an anchor is a folded character that does not, a collapsed whitespace run
    (or a character of a base + combining marks cluster, in the rare texts that have one), and holds
    its original start and end.
    """

    original: str
    folded: str
    base: int  # original offset of folded character 0 when no anchor comes first
    anchors: tuple[int, ...]  # folded offsets of the anchors, increasing
    anchor_starts: tuple[int, ...]  # original start offset of each anchor
    anchor_ends: tuple[int, ...]  # original end offset (exclusive) of each anchor

    def start_of(self, k: int) -> int:
        """Original start offset of folded character k."""
        r = bisect_right(self.anchors, k) - 1
        if r < 0:
            return self.base + k
        at = self.anchors[r]
        return self.anchor_starts[r] if at == k else self.anchor_ends[r] + (k - at - 1)

    def end_of(self, k: int) -> int:
        """Original end offset (exclusive) of folded character k."""
        r = bisect_right(self.anchors, k) - 1
        if r < 0:
            return self.base + k + 1
        at = self.anchors[r]
        return self.anchor_ends[r] if at == k else self.anchor_ends[r] + (k - at)

    def span(self, fstart: int, fend: int) -> tuple[int, int]:
        """Original offsets of the folded slice [fstart, fend), which must be a non-empty slice."""
        if not 0 <= fstart < fend <= len(self.folded):
            raise IndexError(f"folded span [{fstart}, {fend}) is not a non-empty slice of the text")
        # Most slices hold no anchor (a collapsed whitespace run): the whole slice then maps one to
        # one, shifted by what the anchors before it removed.
        anchors = self.anchors
        r = bisect_right(anchors, fstart)
        if r == bisect_right(anchors, fend - 1, r) and (r == 0 or anchors[r - 1] != fstart):
            shift = self.base if r == 0 else self.anchor_ends[r - 1] - anchors[r - 1] - 1
            return fstart + shift, fend + shift
        return self.start_of(fstart), self.end_of(fend - 1)


def _replace_pairs(s: str, pairs: tuple[tuple[str, str], ...]) -> str:
    for a, b in pairs:
        if a in s:
            s = s.replace(a, b)
    return s


def fold_quote(s: str) -> str:
    """Fold a quote the way texts are folded: NFC, typography, whitespace runs as one space."""
    # str.split() splits on exactly the characters `\s` matches and str.strip() strips (str.isspace),
    # so this is `\s+` -> " " then strip(), without the regex.
    if s.isascii():  # NFC leaves ASCII alone, and no typographic variant is ASCII (textnorm)
        return " ".join(s.split())
    s = unicodedata.normalize("NFC", s)
    if _TYPO_ANY.search(s) is not None:
        s = _replace_pairs(s, _TYPO_PAIRS)
    return " ".join(s.split())


def fold_source(text: str) -> FoldedText:
    """Fold a source text, keeping where each folded character came from.

    Folding is NFC, typography (one character to one), and whitespace runs as one space, leading
    whitespace dropped; see `_fold_source_reference` for the mapping it must reproduce.
    """
    if not unicodedata.is_normalized("NFC", text):
        return _sparse(text, *_fold_source_reference(text))
    t = _replace_pairs(text, _SOURCE_PAIRS)
    # A combining mark NFC left uncomposed (q + U+0303) makes a cluster whose characters all map to the
    # whole cluster: rare, left to the reference algorithm.
    # (A set of the text's characters, not a list of its high ones: that list would hold a string per
    # character of a long text in a non-Latin script.)
    if _HIGH.search(t) is not None and any(unicodedata.combining(c) for c in set(t)):
        return _sparse(text, *_fold_source_reference(text))
    # In an NFC text without combining marks every character is its own cluster and folds to one
    # character, so the map only breaks where a whitespace run (now a run of spaces) of two or more
    # becomes one space. Those runs are few (paragraph breaks): a Python step per run is cheap.
    body = t.lstrip(" ")
    if not body:
        return FoldedText(text, "", 0, (), (), ())
    lead = len(t) - len(body)  # leading whitespace is dropped, as fold_quote's strip() does
    parts: list[str] = []
    anchors: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    shift = lead  # original offset minus folded offset, after the runs seen so far
    pos = lead
    find, run_at = t.find, _SPACE_RUN.match
    while (a := find("  ", pos)) >= 0:
        b = run_at(t, a).end()  # type: ignore[union-attr]  # it matches: t[a:a+2] == "  "
        parts.append(t[pos:a])
        anchors.append(a - shift)
        starts.append(a)
        ends.append(b)
        shift += b - a - 1
        pos = b
    parts.append(t[pos:])
    return FoldedText(text, " ".join(parts), lead, tuple(anchors), tuple(starts), tuple(ends))


def _sparse(text: str, folded: str, starts: list[int], ends: list[int]) -> FoldedText:
    """The sparse FoldedText of a dense per-character map: anchors where it is not one to one."""
    base = starts[0] if starts and ends[0] == starts[0] + 1 else 0
    expect = base  # where the next character starts if it maps one to one
    anchors: list[int] = []
    astarts: list[int] = []
    aends: list[int] = []
    for k, (s, e) in enumerate(zip(starts, ends, strict=True)):
        if s != expect or e != s + 1:
            anchors.append(k)
            astarts.append(s)
            aends.append(e)
        expect = e
    return FoldedText(text, folded, base, tuple(anchors), tuple(astarts), tuple(aends))


def _fold_quote_reference(s: str) -> str:
    """fold_quote as first written (regex collapse, then strip), kept as the tests' oracle."""
    return _WS.sub(" ", fold_typography(s)).strip()


def _fold_source_reference(text: str) -> tuple[str, list[int], list[int]]:
    """The folded text and its dense map: original start and end offsets of each folded character.

    NFC may merge a base letter with its combining marks, so we fold per cluster (a base character
    and the combining marks after it); typography and whitespace folding are one character to one.
    Slow (a Python loop per character): fold_source's fallback for rare texts and the tests' oracle.
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
    return "".join(out), starts, ends


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


def place(quote: str, text: FoldedText) -> tuple[int, int] | None:
    """The original offsets of a quote that occurs exactly once in `text`, else None.

    The common case, without the bookkeeping of `locate`, which says why a quote is not placed.
    """
    q = fold_quote(quote)
    folded = text.folded
    at = folded.find(q) if q else -1
    if at < 0 or folded.find(q, at + 1) >= 0:
        return None
    return text.span(at, at + len(q))


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


SEARCH_BUDGET = 20_000_000  # characters of quote times characters of text, about 20 ms of rapidfuzz
DIFF_WORDS = 500


def closest_passage(q: str, text: FoldedText) -> str:
    """A message naming the passage most like the quote, and how the two differ."""
    from rapidfuzz import fuzz  # lazy: only needed when a quote is wrong

    if not text.folded:
        return "quote not found: the text is empty"
    if len(q) > len(text.folded):  # no passage of the text can hold it: nothing to search
        return f"quote not found: it is longer than the text ({len(q):,} characters against {len(text.folded):,})"
    # The alignment costs len(q) * len(text): past the budget, the quote's beginning finds the place
    # and the passage is taken as long as the quote, so that a diagnostic never costs more than a check.
    probe = (
        q if len(q) * len(text.folded) <= SEARCH_BUDGET else q[: max(SEARCH_BUDGET // len(text.folded), 1)]
    )
    al = fuzz.partial_ratio_alignment(probe, text.folded)
    if al is None or al.score < 50:
        return "quote not found in the text, nor anything close to it"
    passage = (
        text.folded[al.dest_start : al.dest_start + len(q)]
        if probe is not q
        else text.folded[al.dest_start : al.dest_end]
    )
    return (
        f"quote not found in the text; closest passage ({al.score:.0f}% alike): «{shorten(passage, 300)}»; "
        f"{describe_diff(q, passage)}"
    )


def describe_diff(quote: str, passage: str) -> str:
    """Word-level differences, e.g. "the quote has 'trafic' where the text has 'traite'"."""
    a, b = quote.split()[:DIFF_WORDS], passage.split()[:DIFF_WORDS]  # (quadratic at worst: bounded)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "replace":
            parts.append(f"the quote has '{' '.join(a[i1:i2])}' where the text has '{' '.join(b[j1:j2])}'")
        elif op == "delete":
            parts.append(f"the quote adds '{' '.join(a[i1:i2])}'")
        elif op == "insert":
            parts.append(f"the quote leaves out '{' '.join(b[j1:j2])}'")
    return "; ".join(parts[:3]) if parts else "they differ in punctuation or spacing only"
