"""The candidates a capped report keeps while its events come one by one: those that can still be
shown, errors first across all events (SARIF's result limit, Markdown's comment length)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import chain
from typing import Any, Generic, TypeVar

from recoupe.findings import Severity

T = TypeVar("T")

# a finding's place in the order a capped report shows findings in: errors, warnings, then info
RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_LEVELS = len(RANK)


class Capped(Generic[T]):
    """The items, in show order, that a report showing only its first items within `budget` may show.

    Show order is by level (errors first), then by arrival; items of one level arrive in their order,
    while levels may interleave (an event's errors and warnings, then the next event's). Each item
    weighs at most what showing it costs (a SARIF result counts 1; a Markdown block, its own length
    without the headings it may bring). An item whose prefix in show order outweighs the budget can
    never be shown, nor can anything after it: such items are dropped, and the level they were of
    is closed. So what is kept weighs at most the budget, whatever the number of items offered.
    """

    __slots__ = ("budget", "closed", "kept", "weight")

    def __init__(self, budget: int) -> None:
        self.budget = max(budget, 0)  # (a budget below nothing keeps nothing, as 0 does)
        self.kept: list[list[tuple[int, T]]] = [[] for _ in range(_LEVELS)]
        self.weight = 0
        # levels from this one on take nothing more (and those after it hold nothing)
        self.closed = _LEVELS

    def open(self, level: int) -> bool:
        """Whether an item of `level` may still be shown (else it need not even be made)."""
        return level < self.closed

    def add(self, level: int, item: T, weight: int) -> None:
        if level >= self.closed:
            return
        self.kept[level].append((weight, item))
        self.weight += weight
        while self.weight > self.budget:
            # the last item in show order is the last of the lowest level that holds any
            last = max(i for i, k in enumerate(self.kept) if k)
            self.weight -= self.kept[last].pop()[0]
            self.closed = last

    def close(self, level: int) -> None:
        """An item of `level` could not be shown: nothing after it can be (see `merge`)."""
        for k in self.kept[level + 1 :]:
            self.weight -= sum(w for w, _ in k)
            k.clear()
        self.closed = min(self.closed, level)

    def items(self) -> Iterator[T]:
        """The items kept, in show order."""
        return (item for _, item in chain.from_iterable(self.kept))

    def to_json(self) -> dict[str, Any]:
        """What another Capped needs to go on from this one (for an event's piece of a report)."""
        return {"kept": [[item for _, item in k] for k in self.kept], "closed": self.closed}

    def merge(self, d: dict[str, Any], make: Callable[[int, Any], tuple[T, int]]) -> None:
        """Take in what `to_json` gave of the next event's items; `make(level, raw)` gives an item and
        its weight. An event that could not keep an item of a level (past a bound at least the budget)
        closes that level here too: that item, and all that come after it, are past the budget."""
        for level, raw in enumerate(d["kept"]):
            for r in raw:
                self.add(level, *make(level, r))
        if d["closed"] < _LEVELS:
            self.close(d["closed"])
