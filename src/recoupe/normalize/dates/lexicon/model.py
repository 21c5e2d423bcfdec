"""The shape of one language's date words (DateLexicon), and how the languages' tables merge into one."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from recoupe.textnorm import fold_text


@dataclass(frozen=True, slots=True, kw_only=True)
class DateLexicon:
    """One language's date words, folded as the parser sees them (lower case, no accents).

    A language fills in the fields it has words for. The parser reads every language at once (a French
    article quotes « 5 August », an English one « le 5 août »), so a word must mean the same in every
    table that gives it: `merge` refuses a clash. Clock notation (« 13h », « 13:00 », « 1 pm »), ISO and
    numeric dates are not words and are read in every language.
    """

    language: str
    months: Mapping[str, int] = field(default_factory=dict)
    """Month names and abbreviations -> 1..12."""
    weekdays: Mapping[str, int] = field(default_factory=dict)
    """Weekday names and abbreviations -> 0 (Monday)..6."""
    ordinals: Mapping[str, int] = field(default_factory=dict)
    """Which quarter or half (« premier trimestre », « 2nd half ») -> 1..4; -1 is the last one."""
    first_day: tuple[str, ...] = ()
    """Words for day 1 of a month (« le premier août »)."""
    day_suffixes: tuple[str, ...] = ()
    """Ordinal endings after a day number (« 1er », « 2nd »)."""
    detached_day_suffixes: tuple[str, ...] = ()
    """The endings that typesetting also puts apart from the number (« 1 er »): they are joined back."""
    elisions: tuple[str, ...] = ()
    """Elided words, written before an apostrophe (« l' », « jusqu' »): a space is put after it."""
    hyphen_prefixes: tuple[str, ...] = ()
    """Vague words joined to the period by a hyphen (« mi-août »): the hyphen becomes a space."""
    dropped_suffixes: tuple[str, ...] = ()
    """Endings that add nothing (« ce mois-ci »): removed."""
    fillers: frozenset[str] = frozenset()
    """Words that carry no date information once a wording is known to be a date (articles, prepositions)."""
    relative: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    """Wordings anchored on the publication day: (unit, offset in units). Units: day, night, week,
    weekend, week_start (Monday to Wednesday), week_end (Thursday to Sunday), month, quarter, half, year."""
    modifiers: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    """How a weekday, month or day-month is placed relative to the publication day: (kind, year offset).
    Kinds: last, next, this, and year (an explicit year, `offset` years from the publication's)."""
    before: tuple[str, ...] = ()
    """Modifiers written before a weekday or month (« ce lundi », « last May »)."""
    after_weekday: tuple[str, ...] = ()
    """Modifiers written after a weekday (« lundi dernier »). After a month, any last/next/year one is read."""
    month_nouns: tuple[str, ...] = ()
    """« le mois de mai »."""
    year_nouns: tuple[str, ...] = ()
    """« l'année 2022 », « l'exercice 2022 »."""
    period_units: Mapping[str, int] = field(default_factory=dict)
    """Quarters and halves by name -> their length in months (3 or 6)."""
    period_codes: Mapping[str, int] = field(default_factory=dict)
    """Their one-letter codes (« T2 », « Q2 », « S1 », « H1 ») -> length in months."""
    open: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Open-ended prefixes: (which side of the inner date the set extends to: from, after, before, until;
    which way a year-less inner date leans: past looks back, forward takes the nearest)."""
    vague: tuple[str, ...] = ()
    """Vague positions inside a period (« début août », « late 2021 »): the period is the faithful superset."""
    times_of_day: tuple[str, ...] = ()
    """Times of day, which say nothing more about the day after a date (« le 2 août au soir »)."""
    local_time: tuple[str, ...] = ()
    """« heure locale » after a clock time."""
    recent: tuple[str, ...] = ()
    """Wordings of the recent past (« récemment », « has just »): on or before the publication day."""
    numbers: Mapping[str, int] = field(default_factory=dict)
    """Number words counting units back (« deux » in « il y a deux semaines »)."""
    units: Mapping[str, str] = field(default_factory=dict)
    """Units counted back -> day, week, month or year (« semaines » -> week)."""
    ago_before: tuple[str, ...] = ()
    """What comes before a count of units back (« il y a »; the cleaner has dropped « a »)."""
    ago_after: tuple[str, ...] = ()
    """What comes after it (« ago »)."""

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "language":
                continue
            for word in value:
                if not isinstance(word, str) or fold_text(word) != word:
                    raise ValueError(f"date lexicon {self.language!r}: {f.name} word {word!r} is not folded")
        for name in ("before", "after_weekday"):
            for word in getattr(self, name):
                if word not in self.modifiers:
                    raise ValueError(
                        f"date lexicon {self.language!r}: {name} word {word!r} is not a modifier"
                    )


def merge(language: str, lexicons: Iterable[DateLexicon]) -> DateLexicon:
    """One table holding every table's words; a word that two tables give different meanings is an error."""
    tables = tuple(lexicons)
    empty = DateLexicon(language=language)
    merged: dict[str, Any] = {"language": language}
    for f in fields(DateLexicon):
        kind = getattr(empty, f.name)
        if f.name == "language":
            continue
        if isinstance(kind, Mapping):
            merged[f.name] = _merge_maps(f.name, tables)
        elif isinstance(kind, frozenset):
            merged[f.name] = frozenset().union(*(getattr(t, f.name) for t in tables))
        else:  # tuples: in table order, each word once
            merged[f.name] = tuple(dict.fromkeys(w for t in tables for w in getattr(t, f.name)))
    return DateLexicon(**merged)


def _merge_maps(name: str, tables: tuple[DateLexicon, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    said: dict[str, str] = {}
    for t in tables:
        for word, meaning in getattr(t, name).items():
            if word in out and out[word] != meaning:
                raise ValueError(
                    f"date lexicons {said[word]!r} and {t.language!r} give {name} word {word!r} two meanings: "
                    f"{out[word]!r} and {meaning!r}"
                )
            out.setdefault(word, meaning)
            said.setdefault(word, t.language)
    return out
