"""The engine: normalize claims, group them by (event, subject, slot), run rules, stamp findings.

Grouping keeps the cost linear in the number of claims: rules only ever compare claims that share
a key. Each group is handled by a pure function of (group, rules, context), so the order of groups
does not matter and they could run anywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from recoupe.findings import (
    ClaimRef,
    Finding,
    PositionRef,
    Severity,
    Suppression,
    fingerprint,
    position_fingerprint,
    sort_key,
)
from recoupe.normalize.values import value_text
from recoupe.rules.base import Draft, Group, Rule, RuleContext

if TYPE_CHECKING:
    from recoupe.corpus import Corpus, LoadedClaim
    from recoupe.normalize.values import Normalizer
    from recoupe.rules.positions import Position
    from recoupe.slots import Slots


def _most_specific(rule: Rule, table: dict[str, str]) -> str | None:
    """The value of the longest pattern in `table` that matches `rule` (code, name or prefix)."""
    best: tuple[int, str] | None = None
    for pattern, value in table.items():
        if rule.matches(pattern) and (best is None or len(pattern) > best[0]):
            best = (len(pattern), value)
    return best[1] if best else None


@dataclass(slots=True)
class Selection:
    """Which rules run and at what severity: select / ignore / overrides by code, name or prefix."""

    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    severity: dict[str, str] = field(default_factory=dict)

    def enabled(self, rule: Rule) -> bool:
        if self.select and not any(rule.matches(p) for p in self.select):
            return False
        if not self.ignore:
            return True
        # the more specific of a matching select and a matching ignore wins
        sel = max((len(p) for p in self.select if rule.matches(p)), default=-1)
        ign = max((len(p) for p in self.ignore if rule.matches(p)), default=-1)
        return ign < 0 or sel > ign

    def unmatched(self, rules: Sequence[Rule]) -> list[tuple[str, str]]:
        """(option, pattern) for every pattern that selects no rule: a typo would otherwise run no rule,
        or skip nothing, and say nothing about it."""
        out = []
        for option, patterns in (
            ("select", self.select),
            ("ignore", self.ignore),
            ("severity", self.severity),
        ):
            out += [(option, p) for p in patterns if not any(r.matches(p) for r in rules)]
        return out

    def severity_of(self, rule: Rule) -> Severity | None:
        """The user's override for this rule, if any."""
        override = _most_specific(rule, self.severity)
        return Severity(override) if override else None


# ClaimRef and Finding are NamedTuples made a million times in a large run: tuple.__new__ with the
# fields in order skips the keyword parsing of their generated __new__ (147 ns a Finding against
# 563 ns, 3.8x: benchmarks/bench_micro.py).
_new = tuple.__new__


def claim_ref(c: LoadedClaim, display: Callable[[Any], str] = str) -> ClaimRef:
    """The claim as findings name it; made once per claim, however many findings name it."""
    if c.ref is not None:
        ref: ClaimRef = c.ref
        return ref
    claim = c.claim
    made = _new(
        ClaimRef,
        (
            c.source,
            claim.id,
            c.file,
            c.line,
            value_text(claim.value),
            display(c.value),
            claim.quote,
            c.start,
            c.end,
            claim.attributed_to,
        ),
    )
    c.ref = made
    return made


class Engine:
    def __init__(
        self,
        rules: Sequence[Rule],
        normalizer: Normalizer,
        selection: Selection | None = None,
        options: dict[str, dict[str, Any]] | None = None,
        slots: Slots | None = None,
    ) -> None:
        self.selection = selection or Selection()
        self.rules = [r for r in rules if self.selection.enabled(r)]
        self.overrides = {r.code: self.selection.severity_of(r) for r in self.rules}
        self.group_rules = [r for r in self.rules if r.scope == "group"]
        self.source_rules = [r for r in self.rules if r.scope == "source"]
        self.event_rules = [r for r in self.rules if r.scope == "event"]
        self.normalizer = normalizer
        self.options = options or {}
        self.slots = slots

    def normalize(
        self,
        corpus: Corpus,
        progress: Callable[[str, int, int], None] | None = None,
        events: set[str] | None = None,
    ) -> None:
        """Give every claim its normalized value (claims of stale sources too: reports show them).

        With `events`, only the claims a run over those events looks at: theirs, and those of their
        sources (a source-level rule sees all of a source's claims, whatever their event).
        """
        norm = self.normalizer.normalize
        sources = corpus.sources
        claims = corpus.claims
        total = len(claims)
        # in slices, to tell the progress display now and then without a test in the loop
        for start in range(0, total, 4096):
            if events is None:
                for c in claims[start : start + 4096]:
                    if c.value is None:
                        c.value = norm(c, sources.get(c.source))
            else:
                for c in claims[start : start + 4096]:
                    if c.value is None:
                        src = sources.get(c.source)
                        if c.event in events or (src is not None and src.event in events):
                            c.value = norm(c, src)
            if progress is not None:
                progress("normalizing", min(start + 4096, total), total)

    def groups(
        self, corpus: Corpus, events: set[str] | None = None
    ) -> dict[tuple[str, str, str], list[LoadedClaim]]:
        """Claims by (event, subject, slot); claims of a stale text are left out, never compared."""
        stale = {s.source.id for s in corpus.stale_sources()}
        out: dict[tuple[str, str, str], list[LoadedClaim]] = {}
        for c in corpus.claims:
            if c.source not in stale and (events is None or c.event in events):
                out.setdefault(c.key, []).append(c)
        return out

    def run(
        self,
        corpus: Corpus,
        events: set[str] | None = None,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> list[Finding]:
        """All findings, or with `events` only those about these events (diff-aware runs).

        `progress(stage, done, total)` is told how far the run is, now and then (not per group: it is
        a hot loop).
        """
        say = progress or (lambda *_: None)
        say("normalizing", 0, len(corpus.claims))
        self.normalize(corpus, progress, events)
        ctx = RuleContext(self.normalizer, corpus.sources, self.options, slots=self.slots)
        groups = self.groups(corpus, events)
        for claims in groups.values():
            for c in claims:
                ctx.event_sources.setdefault(c.event, set()).add(c.source)
        try:
            findings = self._check(corpus, events, ctx, groups, say)
        except BaseException as e:  # a plugin may raise any class of exception: still its fault
            from recoupe.errors import RuleFailed
            from recoupe.rules.plugins import plugin_failure

            if isinstance(e, (KeyboardInterrupt, RuleFailed)):
                raise

            failure = plugin_failure(self.rules, e)
            if failure is None:  # a rule of recoupe's own: a bug of ours, said so by the CLI
                raise
            raise failure from e
        if any(s.source.waive for s in corpus.sources.values()) or any(c.claim.waive for c in corpus.claims):
            findings = [apply_waivers(f, corpus) for f in findings]
        findings.sort(key=sort_key)
        return findings

    def _check(
        self,
        corpus: Corpus,
        events: set[str] | None,
        ctx: RuleContext,
        groups: dict[tuple[str, str, str], list[LoadedClaim]],
        say: Callable[[str, int, int], None],
    ) -> list[Finding]:
        """Every rule over its groups, events and sources: the findings, not yet waived or sorted."""
        findings: list[Finding] = []
        by_event: dict[str, list[Group]] = {}
        total = len(groups)
        say("checking", 0, total)
        group_rules, stamp, found = self.group_rules, self.stamp, findings.append
        for n, (key, claims) in enumerate(groups.items(), 1):
            if n % 2048 == 0:
                say("checking", n, total)
            group = Group(key, claims, ctx)
            for rule in group_rules:
                for d in rule.check(group):
                    found(stamp(rule, d, group))
            if self.event_rules:
                by_event.setdefault(group.event, []).append(group)
        for event in corpus.events:
            if events is not None and event not in events:
                continue
            for rule in self.event_rules:
                for d in rule.check_event(event, by_event.get(event, []), ctx):
                    findings.append(self.stamp(rule, d, None, event))
        if self.source_rules:
            by_source: dict[str, list[LoadedClaim]] = {}
            for c in corpus.claims:
                by_source.setdefault(c.source, []).append(c)
            for sid, src in corpus.sources.items():
                if events is not None and src.event not in events:
                    continue
                for rule in self.source_rules:
                    for d in rule.check_source(src, by_source.get(sid, []), ctx):
                        findings.append(self.stamp(rule, d, None, src.event))
        say("checking", total, total)
        return findings

    def stamp(self, rule: Rule, d: Draft, group: Group | None, event: str = "") -> Finding:
        if not isinstance(d, Draft):
            from recoupe.rules.plugins import not_a_draft

            raise not_a_draft(rule, d)
        display = self.normalizer.display
        refs = tuple([c.ref or claim_ref(c, display) for c in d.claims])
        if d.key is not None:
            event, subject, slot = d.key
        elif group is not None:
            event, subject, slot = group.event, group.subject, group.slot
        else:  # a source- or event-level finding is about no one subject or slot
            subject = slot = ""
        code = rule.code
        if d.positions:
            positions = tuple([self.position_ref(p) for p in d.positions])
            keys = [
                f"{p.counter.key}\x1f{ref.as_of or ''}\x1f{p.negated:d}\x1f{ref.normalized}"
                for p, ref in zip(d.positions, positions, strict=True)
            ]
            print_ = position_fingerprint(code, event, subject, slot, keys)
        else:
            positions = ()
            print_ = fingerprint(code, event, subject, slot, refs)
        return _new(
            Finding,
            (
                code,
                rule.name,
                self.overrides[code] or d.severity or rule.severity,
                d.category or rule.category,
                event,
                subject,
                slot,
                d.message,
                refs,
                d.relation,
                d.suggestion,
                print_,
                None,  # suppressed: waivers and the baseline decide later
                positions,
            ),
        )

    def position_ref(self, p: Position) -> PositionRef:
        return PositionRef(
            p.counter.label if p.counter.attributed else None,
            p.text,
            self.normalizer.display(p.value),
            p.moment.text if p.moment is not None else None,
            p.sources,
            tuple([f"{c.source}/{c.claim.id}" for c in p.claims]),
            p.negated,
        )


def apply_waivers(f: Finding, corpus: Corpus, today: dt.date | None = None) -> Finding:
    """A waiver on any claim the finding names (or on that claim's source) suppresses it, up to its
    `until` day. An expired waiver suppresses nothing: the finding counts again, and says so."""
    expired: list[str] = []
    for ref in f.claims:
        src = corpus.sources.get(ref.source)
        if src is None:
            continue
        claim = corpus.claim(ref.source, ref.claim)
        waivers = [*src.source.waive, *(claim.claim.waive if claim is not None else ())]
        for w in waivers:
            if f.code.startswith(w.code) or f.name == w.code or f.name.startswith(w.code + "."):
                if w.until is not None and w.until < (today or dt.date.today()):
                    expired.append(
                        f"the waiver of {ref.source}/{ref.claim} expired on {w.until} ({w.reason})"
                    )
                    continue
                return f.with_suppression(Suppression("waiver", w.reason))
    if expired:
        note = "; ".join(dict.fromkeys(expired)) + ": renew its 'until' or fix the claims"
        return f._replace(suggestion=f"{f.suggestion}; {note}" if f.suggestion else note)
    return f
