"""The forms a date wording can take, as regular expressions over the merged lexicon, and the wording's clean-up."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from recoupe.normalize.dates.lexicon import WORDS


def alt(words: Iterable[str]) -> str:
    """An alternation of the words, longest first; one that never matches when there are none."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


_MON = f"(?:{alt(WORDS.months)})"
_WD = f"(?:{alt(WORDS.weekdays)})"
_DAY = rf"(?:\d{{1,2}}(?:{alt(WORDS.day_suffixes)})?|{alt(WORDS.first_day)})"
_MOD = f"(?:{alt(k for k, v in WORDS.modifiers.items() if v[0] in ('last', 'next', 'year'))})"
_THIS = alt(w for w in WORDS.before if WORDS.modifiers[w][0] == "this")
_WDPRE = rf"(?:(?:{_THIS})\s)?(?:(?P<wd>{_WD})\s)?"

# Text clean-up, in order.
# Ordinal suffixes as typeset: « 1ᵉʳ », « 1^{er} » (LaTeX-ish, in the seed text), « 1<sup>er</sup> », « 1 er ».
_MODIFIER_LETTERS: Final = str.maketrans("ᵉʳᵈˢᵗⁿʰ", "erdstnh")
_SUPERSCRIPT_RE: Final = re.compile(
    rf"(\d)\s*(?:\^\s*\{{?\s*([a-z]+)\s*\}}?|<sup>\s*([a-z]+)\s*</sup>|\s({alt(WORDS.detached_day_suffixes)})\b)"
)
_PUNCT_RE: Final = re.compile(r"[,;!?()\[\]{}]|:(?!\d)")
_ABBR_DOT_RE: Final = re.compile(r"(?<=[a-z])\.|\.$")
_ELISION_RE: Final = re.compile(rf"\b({alt(WORDS.elisions)})'\s*")
_HYPHEN_PREFIX_RE: Final = re.compile(rf"\b({alt(WORDS.hyphen_prefixes)})-")
_DROPPED_RE: Final = re.compile(rf"(?:{alt(WORDS.dropped_suffixes)})\b")

# « vient d'être confiée », « a récemment signé », « has just been »: on or before the publication day, no
# more can be said without guessing how recent "recent" is.
RECENT_RE: Final = re.compile(rf"(?:{alt(WORDS.recent)})\b.*")
OPEN_RE: Final = re.compile(rf"(?P<pre>{alt(WORDS.open)})\s(?P<rest>.+)")
VAGUE_RE: Final = re.compile(rf"(?:{alt(WORDS.vague)})\s(?P<rest>.+)")
# « il y a deux semaines » (the cleaner has dropped « a »), « three days ago »
AGO_RE: Final = re.compile(
    rf"(?:(?P<pre>{alt(WORDS.ago_before)})\s)?(?P<n>\d{{1,3}}|{alt(WORDS.numbers)})\s(?P<u>{alt(WORDS.units)})"
    rf"(?:\s(?P<post>{alt(WORDS.ago_after)}))?"
)
# « dans la nuit de samedi à dimanche » cleans to "nuit samedi dimanche"
NIGHT_RE: Final = re.compile(
    rf"(?:nuit|night|overnight)\s(?:from\s)?(?P<a>{_WD})\s(?:to\s|into\s|a\s)?(?P<b>{_WD})"
)
WEEKDAY_RE: Final = re.compile(
    rf"(?:(?P<pre>{alt(WORDS.before)})\s)?(?P<wd>{_WD})(?:\s(?P<post>{alt(WORDS.after_weekday)}))?"
)
ISO_RE: Final = re.compile(
    _WDPRE + r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:t\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}(?::?\d{2})?)?)?"
)
YMD_RE: Final = re.compile(_WDPRE + r"(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})")
DMY_RE: Final = re.compile(_WDPRE + r"(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})")
DM_RE: Final = re.compile(
    _WDPRE + rf"(?P<d>{_DAY})\s(?P<mn>{_MON})(?:\s(?P<y>\d{{4}}))?(?:\s(?P<mod>{_MOD}))?"
)
MD_RE: Final = re.compile(
    _WDPRE + rf"(?P<mn>{_MON})\s(?P<d>{_DAY})(?:\s(?P<y>\d{{4}}))?(?:\s(?P<mod>{_MOD}))?"
)
MONTH_RE: Final = re.compile(
    rf"(?:(?P<pre>{alt(WORDS.before)})\s)?(?:(?:{alt(WORDS.month_nouns)})\s)?(?P<mn>{_MON})"
    rf"(?:\s(?P<y>\d{{4}}))?(?:\s(?P<mod>{_MOD}))?"
)
NUM_MONTH_RE: Final = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})|(?P<m2>\d{1,2})[/.](?P<y2>\d{4})")
PERIOD_RE: Final = re.compile(
    rf"(?P<o>{alt(WORDS.ordinals)})\s(?P<u>{alt(WORDS.period_units)})(?:\s(?P<y>\d{{4}}))?"
    rf"(?:\s(?P<mod>{_MOD}))?"
)
_CODE = alt(WORDS.period_codes)
PERIOD_CODE_RE: Final = re.compile(
    rf"(?P<u>{_CODE})(?P<n>[1-4])(?:\s?[-/]?\s?(?P<y>\d{{4}}))?|(?P<y2>\d{{4}})\s?[-/]?\s?(?P<u2>{_CODE})(?P<n2>[1-4])"
)
YEAR_RE: Final = re.compile(rf"(?:(?:{alt(WORDS.year_nouns)})\s)?(?P<y>\d{{4}})")

_FILLERS: Final = WORDS.fillers
# characters that no clean-up acts on: a wording made of these alone skips the punctuation pass
_PLAIN: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 '-./")


def clean(folded: str) -> str:
    """A folded wording with typesetting, punctuation, elisions and filler words taken out."""
    # Each clean-up runs only when the character it acts on is there: most wordings need one or two of them.
    s = folded.translate(_MODIFIER_LETTERS)
    if "^" in s or "<" in s or " e" in s or " r" in s:
        s = _SUPERSCRIPT_RE.sub(lambda m: m.group(1) + (m.group(2) or m.group(3) or m.group(4)), s)
    if not _PLAIN.issuperset(s):
        s = _PUNCT_RE.sub(" ", s)
    if "." in s:
        s = _ABBR_DOT_RE.sub("", s)
    if "'" in s:
        s = _ELISION_RE.sub(r"\1' ", s)
    if "-" in s:
        s = _HYPHEN_PREFIX_RE.sub(r"\1 ", s)
        s = _DROPPED_RE.sub("", s)
    return " ".join(t for t in s.split() if t not in _FILLERS)
