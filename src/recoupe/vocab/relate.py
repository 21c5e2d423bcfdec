"""The concept graph, closed once, and the open-world relation between concept sets over it.

Closing the graph precomputes each concept's ancestors and descendants by broader, folds concepts that
share an exactMatch URI into one class, and gives each class the classes it is declared disjoint with,
inherited down the hierarchy. Relating two values is then a few set operations. The broader cycles that
the loader reports are found here too, since they are a property of the same graph.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from recoupe.normalize.relation import Relation, from_inclusion

if TYPE_CHECKING:
    from recoupe.vocab.model import Concept


@dataclass(frozen=True, slots=True)
class Graph:
    """The hierarchy over all loaded concepts, closed once at build time."""

    order: dict[str, int]  # declaration order: the tie-breaker wherever a choice must be stable
    concept: dict[str, Concept]
    ancestors: dict[str, frozenset[str]]  # strict, by broader
    descendants: dict[str, frozenset[str]]  # strict
    disjoint: dict[str, frozenset[str]]  # declared, made symmetric
    # The same, over exactMatch classes: each concept maps to its class's representative.
    rep: dict[str, str]
    up: dict[str, frozenset[str]]  # representative -> itself and the representatives above it
    excluded: dict[str, frozenset[str]]  # representative -> representatives declared disjoint with its `up`

    def same(self, a: str, b: str) -> bool:
        """The same concept, directly or through a shared exactMatch URI."""
        rep = self.rep
        return rep[a] == rep[b]

    def is_disjoint(self, a: str, b: str) -> bool:
        """Declared disjoint, directly or through ancestors (or exactMatch equivalents)."""
        return not self.excluded[self.rep[a]].isdisjoint(self.up[self.rep[b]])

    def relate(self, fa: frozenset[str], fb: frozenset[str]) -> Relation:
        """Open-world set relation between two unions of concepts.

        A ⊆ B when each concept of A is, or falls under, some concept of B. A and B are disjoint when
        every pair is declared disjoint. Siblings nobody declared disjoint may share members: OVERLAP.
        An empty set or an unknown concept id gives UNKNOWN.
        """
        try:
            ra = {self.rep[c] for c in fa}
            rb = {self.rep[c] for c in fb}
        except KeyError:
            return Relation.UNKNOWN
        if not ra or not rb:
            return Relation.UNKNOWN
        up, excluded = self.up, self.excluded
        a_in_b = all(not up[x].isdisjoint(rb) for x in ra)
        b_in_a = all(not up[y].isdisjoint(ra) for y in rb)
        disjoint = all(not excluded[x].isdisjoint(up[y]) for x in ra for y in rb)
        return from_inclusion(a_in_b, b_in_a, disjoint)

    def nearest_common_ancestor(self, a: str | Iterable[str], b: str | Iterable[str]) -> str | None:
        """The closest concept that everything in `a` and `b` falls under (a concept counts as its own).

        "Closest" is the smallest total number of broader steps from each concept; ties go to the concept
        declared first. None when they share no ancestor.
        """
        concepts = {a} if isinstance(a, str) else set(a)
        concepts |= {b} if isinstance(b, str) else set(b)
        if not concepts:
            return None
        common: dict[str, int] | None = None
        for c in concepts:
            dist = self._distances_up(c)
            common = dist if common is None else {k: d + dist[k] for k, d in common.items() if k in dist}
        if not common:
            return None
        found, order = common, self.order
        return min(found, key=lambda k: (found[k], order[k]))

    def _distances_up(self, concept_id: str) -> dict[str, int]:
        dist = {concept_id: 0}
        queue = deque([concept_id])
        concepts = self.concept
        while queue:
            c = queue.popleft()
            for p in concepts[c].broader:
                if p not in dist:
                    dist[p] = dist[c] + 1
                    queue.append(p)
        return dist


def close(
    concepts: dict[str, Concept],
    parents: Mapping[str, tuple[str, ...]],
    disjoint: dict[str, frozenset[str]],
    order: dict[str, int],
) -> Graph:
    """The graph over `concepts`, given each one's known broader concepts and its declared disjointness."""
    ancestors = {cid: _reach(cid, parents) for cid in concepts}
    children: dict[str, list[str]] = {cid: [] for cid in concepts}
    for cid, ps in parents.items():
        for p in ps:
            children[p].append(cid)
    descendants = {cid: _reach(cid, children) for cid in concepts}

    # exactMatch classes: a union-find over shared URIs; the first-declared member represents the class
    rep = _exact_match_classes(concepts, order)
    members: dict[str, list[str]] = {}
    for cid in concepts:
        members.setdefault(rep[cid], []).append(cid)
    rep_parents = {r: tuple({rep[p] for m in ms for p in parents[m]} - {r}) for r, ms in members.items()}
    up = {r: _reach(r, rep_parents) | {r} for r in members}
    rep_disjoint = {r: {rep[d] for m in ms for d in disjoint[m]} for r, ms in members.items()}
    excluded = {r: frozenset(set[str]().union(*(rep_disjoint[x] for x in up[r]))) for r in members}
    return Graph(
        order=order,
        concept=concepts,
        ancestors=ancestors,
        descendants=descendants,
        disjoint=disjoint,
        rep=rep,
        up={r: frozenset(s) for r, s in up.items()},
        excluded=excluded,
    )


def _reach(start: str, edges: Mapping[str, Iterable[str]]) -> frozenset[str]:
    """Everything reachable from `start` in one or more steps (cycles tolerated)."""
    seen: set[str] = set()
    stack = list(edges[start])
    while stack:
        n = stack.pop()
        if n not in seen:
            seen.add(n)
            stack.extend(edges[n])
    return frozenset(seen)


def cycles(parents: Mapping[str, tuple[str, ...]], order: Mapping[str, int]) -> list[list[str]]:
    """One broader cycle per strongly connected component that has one, starting at its first-declared concept."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in parents:
        if root in index:
            continue
        # Iterative Tarjan: a frame is (node, iterator over its parents).
        work: list[tuple[str, Iterator[str]]] = [(root, iter(parents[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(parents[nxt])))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                comp: list[str] = []
                while True:
                    n = stack.pop()
                    on_stack.discard(n)
                    comp.append(n)
                    if n == node:
                        break
                if len(comp) > 1 or node in parents[node]:
                    components.append(comp)
    cycles: list[list[str]] = []
    for comp in sorted(components, key=lambda c: min(order[n] for n in c)):
        inside = set(comp)
        start = min(comp, key=order.__getitem__)
        cycles.append(_shortest_cycle(start, parents, inside))
    return cycles


def _shortest_cycle(start: str, parents: Mapping[str, tuple[str, ...]], inside: set[str]) -> list[str]:
    back: dict[str, str] = {}
    queue = deque([start])
    while queue:
        n = queue.popleft()
        for p in parents[n]:
            if p not in inside:
                continue
            if p == start:
                path = [n]
                while path[-1] != start:
                    path.append(back[path[-1]])
                return path[::-1]
            if p not in back:
                back[p] = n
                queue.append(p)
    return [start]  # pragma: no cover - a strongly connected component always has a way back


def _exact_match_classes(concepts: Mapping[str, Concept], order: Mapping[str, int]) -> dict[str, str]:
    parent = {cid: cid for cid in concepts}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_uri: dict[str, str] = {}
    for cid, c in concepts.items():
        for uri in c.exact_match:
            other = by_uri.setdefault(uri, cid)
            ra, rb = find(cid), find(other)
            if ra != rb:
                # keep the first-declared concept as the representative
                if order[ra] < order[rb]:
                    parent[rb] = ra
                else:
                    parent[ra] = rb
    return {cid: find(cid) for cid in concepts}
