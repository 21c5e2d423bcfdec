"""English date words (folded: lower case)."""

from __future__ import annotations

from typing import Final

from recoupe.normalize.dates.lexicon.model import DateLexicon

_MONTHS: Final = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS: Final = {
    "monday": 0, "mon": 0,
    "tuesday": 1, "tue": 1, "tues": 1,
    "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
_ORDINALS: Final = {
    "first": 1, "1st": 1,
    "second": 2, "2nd": 2,
    "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4,
    "last": -1,
}  # fmt: skip
_RELATIVE: Final = {
    "today": ("day", 0),
    "this morning": ("day", 0), "this afternoon": ("day", 0), "this evening": ("day", 0),
    "tonight": ("day", 0),
    "yesterday": ("day", -1),
    "tomorrow": ("day", 1),
    "day before yesterday": ("day", -2),
    "day after tomorrow": ("day", 2),
    "last night": ("night", 0),
    "this week": ("week", 0), "last week": ("week", -1), "next week": ("week", 1),
    "this weekend": ("weekend", 0), "last weekend": ("weekend", -1), "next weekend": ("weekend", 1),
    "this month": ("month", 0), "last month": ("month", -1), "next month": ("month", 1),
    "this quarter": ("quarter", 0), "last quarter": ("quarter", -1), "next quarter": ("quarter", 1),
    "this year": ("year", 0), "current year": ("year", 0), "last year": ("year", -1),
    "next year": ("year", 1),
    "early this week": ("week_start", 0), "earlier this week": ("week_start", 0),
    "early last week": ("week_start", -1), "early next week": ("week_start", 1),
    "late this week": ("week_end", 0), "later this week": ("week_end", 0),
    "late last week": ("week_end", -1), "late next week": ("week_end", 1),
}  # fmt: skip
_NUMBERS: Final = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
}  # fmt: skip
_UNITS: Final = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
    "year": "year", "years": "year",
}  # fmt: skip
_MODIFIERS: Final = {
    "last": ("last", 0),
    "next": ("next", 0), "coming": ("next", 0),
    "this": ("this", 0),
    "this year": ("year", 0), "last year": ("year", -1), "next year": ("year", 1),
}  # fmt: skip
_OPEN: Final = {
    "from": ("from", "forward"), "starting": ("from", "forward"), "starting from": ("from", "forward"),
    "as from": ("from", "forward"),
    "as": ("from", "forward"),  # « as of », once the filler « of » is gone
    "beginning": ("from", "forward"),
    "since": ("from", "past"),
    "after": ("after", "forward"), "later than": ("after", "forward"),
    "before": ("before", "forward"), "prior to": ("before", "forward"), "earlier than": ("before", "forward"),
    "until": ("until", "forward"), "till": ("until", "forward"), "through": ("until", "forward"),
    "up to": ("until", "forward"), "by": ("until", "forward"),
}  # fmt: skip

LEXICON: Final = DateLexicon(
    language="en",
    months=_MONTHS,
    weekdays=_WEEKDAYS,
    ordinals=_ORDINALS,
    first_day=("first",),
    day_suffixes=("st", "nd", "rd", "th"),
    hyphen_prefixes=("mid",),
    fillers=frozenset(("on", "in", "the", "of", "at", "during")),
    relative=_RELATIVE,
    modifiers=_MODIFIERS,
    before=("this", "last", "next", "coming"),
    after_weekday=("last", "next"),
    month_nouns=("month",),
    year_nouns=("year",),
    period_units={"quarter": 3, "half": 6},
    period_codes={"q": 3, "h": 6},
    open=_OPEN,
    vague=("early", "late", "mid"),
    times_of_day=("morning", "afternoon", "evening", "night"),
    local_time=("local time",),
    recent=("recently", "lately", "has just", "have just"),
    numbers=_NUMBERS,
    units=_UNITS,
    ago_after=("ago",),
)
