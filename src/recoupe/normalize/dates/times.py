"""Times of day: a clock time (« 13h », « vers 22 heures », « 10 pm ») or a part of the day (« au soir »)
ending a wording, read as the hours of the day it allows. Dates keep hour granularity, no finer."""

from __future__ import annotations

import re
from typing import Final

# « vers 22 heures », « aux alentours de 22h » (the cleaner has dropped « aux » and « de »), « around 10 pm »
_ABOUT: Final = ("vers", "environ", "alentours", "autour", "around", "about", "approximately", "circa")
_CLOCK_RE: Final = re.compile(
    rf"(?:^|\s)(?:(?P<about>{'|'.join(_ABOUT)})\s)?(?P<h>\d{{1,2}})"
    r"(?:\s?(?:h|heures?)(?:\s?\d{2})?(?:\s?(?:min|mn))?|:\d{2}(?::\d{2})?|(?=\s?(?:am|pm)))"
    r"(?:\s?(?P<ampm>am|pm))?(?:\s(?:gmt|utc|heure locale|local time))?(?:\s(?P<about2>environ|or so))?$"
)
# Parts of the day, generous at their edges: a false contradiction costs more than a missed one.
_PARTS: Final = {
    "matin": (5, 12), "matinee": (5, 12), "morning": (5, 12),
    "midi": (11, 14), "noon": (11, 14), "midday": (11, 14),
    "apres-midi": (12, 19), "afternoon": (12, 19),
    "soir": (17, 23), "soiree": (17, 23), "evening": (17, 23),
    "nuit": None, "night": None,  # a night straddles two days: it says nothing of the hour
}  # fmt: skip
_PART_RE: Final = re.compile(
    rf"(?:^|\s)(?P<part>{'|'.join(sorted(map(re.escape, _PARTS), key=len, reverse=True))})"
    r"(?:\s(?:gmt|utc|heure locale|local time))?$"
)


_LAST_WORDS: Final = frozenset(
    ("am", "pm", "h", "heure", "heures", "environ", "so", "gmt", "utc", "locale", "time", *_PARTS)
)


def hour_mask(first: int, last: int) -> int:
    """The bit mask of the hours first..last (inclusive, 0..23)."""
    return sum(1 << h for h in range(max(first, 0), min(last, 23) + 1))


def split_time(s: str) -> tuple[str, int | None] | None:
    """(what precedes the time, the hours it allows or None when it tells no hour), or None when
    `s` does not end on a time. `s` is a cleaned wording."""
    # Most wordings end on no time: their last word says so before any regular expression runs.
    last = s[s.rfind(" ") + 1 :]
    if last not in _LAST_WORDS and not (last[:1].isdigit() and ("h" in last or ":" in last)):
        return None
    m = _CLOCK_RE.search(s)
    if m is not None:
        h = int(m["h"])
        if m["ampm"] == "pm" and h < 12:
            h += 12
        elif m["ampm"] == "am" and h == 12:
            h = 0
        if h == 24:
            h = 0
        if h > 23:
            return None
        about = m["about"] or m["about2"]
        return s[: m.start()].strip(), hour_mask(h - 1, h + 1) if about else 1 << h
    m = _PART_RE.search(s)
    if m is not None:
        span = _PARTS[m["part"]]
        return s[: m.start()].strip(), hour_mask(*span) if span is not None else None
    return None
