"""parse_date: a date wording to the set of days it allows, analysed once per wording and cached."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Final

from recoupe.normalize.dates.parsing import parse_cleaned
from recoupe.normalize.dates.patterns import clean
from recoupe.normalize.dates.plans import Plan
from recoupe.normalize.dates.ranges import parse_range
from recoupe.normalize.dates.resolving import resolve
from recoupe.normalize.dates.value import DateValue, with_text
from recoupe.textnorm import fold_text

# How a language tag reads numeric dates (05/12/2024): month first in American English, either way in
# English with no region (a warning says so), day first everywhere else.
_MONTH_FIRST: Final = frozenset({"en-us", "en_us"})
_EITHER: Final = frozenset({"en", "en-ca"})


def numeric_order(lang: str) -> str:
    lang = lang.lower()
    return "mdy" if lang in _MONTH_FIRST else "either" if lang in _EITHER else "dmy"


@lru_cache(maxsize=16384)
def _parse_folded(folded: str, order: str) -> Plan | None:
    def parse(part: str) -> Plan | None:
        s = clean(part)
        return parse_cleaned(s, "bare", order) if s else None

    try:
        return parse_range(folded, parse) or parse(folded)
    except (OverflowError, ValueError):  # dates pushed past year 1 or 9999
        return None


@lru_cache(maxsize=16384)
def _analyse_text(raw: str, lang: str) -> DateValue | Plan | None:
    """A wording analysed once whatever the publication day: a final value (with its text) when the
    wording needs no publication day, else the plan `_parse_text` resolves against one."""
    plan = _parse_folded(fold_text(raw), numeric_order(lang))
    if isinstance(plan, DateValue):
        return with_text(plan, raw)
    return plan


@lru_cache(maxsize=16384)
def _parse_text(raw: str, published: date | None, lang: str) -> DateValue | None:
    plan = _analyse_text(raw, lang)
    if plan is None or isinstance(plan, DateValue):
        return plan
    try:
        v = resolve(plan, published)
    except (OverflowError, ValueError):  # dates pushed past year 1 or 9999
        return None
    return with_text(v, raw) if v is not None else None


def parse_date(
    raw: str | int | date | datetime, published: date | None = None, lang: str = "fr"
) -> DateValue | None:
    """The set of days a date wording allows, relative forms resolved against `published`.

    Without `published`, relative wordings stay partial (`partial=True`): « ce lundi » is some Monday,
    « en mai dernier » some May, and what cannot be placed at all (« hier ») is the whole timeline.
    Returns None when the text is not a date wording this parser knows. An int is a year (YAML reads
    `2022` as one), a date or datetime its day.
    """
    if isinstance(raw, datetime):
        return DateValue(raw.date(), raw.date(), text=raw.isoformat())
    if isinstance(raw, date):
        return DateValue(raw, raw, text=raw.isoformat())
    if isinstance(raw, int):
        raw = str(raw)
    if isinstance(published, datetime):
        published = published.date()
    # Analysis (folding, cleaning, matching the forms) depends on the wording only, so a corpus with many
    # publication days analyses each wording once; only relative forms go on to the publication day.
    lang = lang.lower()
    plan = _analyse_text(raw, lang)
    if plan is None or isinstance(plan, DateValue):
        return plan
    return _parse_text(raw, published, lang)
