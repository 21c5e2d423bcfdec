"""What every rule may consult besides its group: the normalizer, the sources, options, slots, and
who gives each claim and when (its counter and moment)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from recoupe.rules.positions import NOBODY, Counter, Moment, moment_of, resolve_counter

if TYPE_CHECKING:
    from recoupe.corpus import LoadedClaim, LoadedSource
    from recoupe.normalize.values import Normalizer
    from recoupe.slots import Slots


@dataclass(slots=True)
class RuleContext:
    """What every rule may consult besides its group: the normalizer (vocabularies) and the sources."""

    normalizer: Normalizer
    sources: dict[str, LoadedSource]
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    event_sources: dict[str, set[str]] = field(default_factory=dict)  # the sources with claims on each event
    slots: Slots | None = None
    # source_label's answers: messages name a source once per finding, hundreds of times per source
    _labels: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    # counters by attributed_to, moments by (as_of, source, evolving): a few per corpus, asked per claim
    _counters: dict[str, Counter] = field(default_factory=dict, init=False, repr=False)
    _moments: dict[tuple[Any, str, bool], Moment | None] = field(default_factory=dict, init=False, repr=False)

    def source_kind(self, source_id: str) -> str:
        s = self.sources.get(source_id)
        return s.source.kind if s is not None else "article"

    def counter_of(self, c: LoadedClaim) -> Counter:
        """Who gives the claim's value: its resolved `attributed_to`."""
        name = c.claim.attributed_to
        if not name:
            return NOBODY
        found = self._counters.get(name)
        if found is None:
            found = self._counters[name] = resolve_counter(name, self.normalizer.registry)
        return found

    def moment_of(self, c: LoadedClaim, evolving: bool) -> Moment | None:
        """When the claim's value held: its `as_of`, or for an evolving slot its source's publication."""
        when = getattr(c.claim, "as_of", None)
        if when is None and not evolving:
            return None
        key = (when, c.source, evolving)
        if key in self._moments:
            return self._moments[key]
        s = self.sources.get(c.source)
        published = s.source.published if s is not None else None
        lang = s.source.language.split("-")[0] if s is not None else "fr"
        found = self._moments[key] = moment_of(when if when is not None else published, published, lang)
        return found

    def source_label(self, source_id: str) -> str:
        label = self._labels.get(source_id)
        if label is None:
            s = self.sources.get(source_id)
            label = f"{source_id} ({s.source.outlet})" if s is not None and s.source.outlet else source_id
            self._labels[source_id] = label
        return label
