"""Extending concepts by id: a project vocabulary adds labels, broader links and notes to a built-in concept.

The concept stays defined once, where it was; the additions merge into it before the graph is checked,
so a broader link that makes it fall under two disjoint concepts is reported like any other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from recoupe.errors import Problem, did_you_mean, pointer
from recoupe.vocab.fold import fold_tokens

if TYPE_CHECKING:
    from recoupe.vocab.model import Concept, ConceptExtension, VocabularyFile


class _Located(Protocol):
    @property
    def data(self) -> VocabularyFile: ...

    def at(self, ptr: str, message: str, kind: str, key: bool = False) -> Problem: ...


def apply_extensions(
    docs: Sequence[_Located], concepts: Mapping[str, Concept], problems: list[Problem]
) -> dict[str, Concept]:
    """`concepts` with every document's `extend` entries merged in; problems for unknown ids."""
    out = dict(concepts)
    for doc in docs:
        for cid, ext in doc.data.extend.items():
            if cid not in out:
                problems.append(
                    doc.at(
                        pointer(["extend", cid]),
                        f"cannot extend unknown concept '{cid}'{did_you_mean(cid, out)}",
                        "unknown-concept",
                        key=True,
                    )
                )
                continue
            for i, ref in enumerate(ext.broader):
                if ref not in out:
                    problems.append(
                        doc.at(
                            pointer(["extend", cid, "broader", i]),
                            f"unknown concept '{ref}' in broader{did_you_mean(ref, out)}",
                            "unknown-concept",
                        )
                    )
            for lang, labels in ext.alt_label.items():
                for i, label in enumerate(labels):
                    if not fold_tokens(label)[0]:
                        problems.append(
                            doc.at(
                                pointer(["extend", cid, "altLabel", lang, i]),
                                f"label '{label}' has no words left once articles are folded",
                                "label",
                            )
                        )
            out[cid] = _merged(out[cid], ext, frozenset(out))
    return out


def _merged(c: Concept, ext: ConceptExtension, known: frozenset[str]) -> Concept:
    alt = {lang: tuple(labels) for lang, labels in c.alt_label.items()}
    for lang, labels in ext.alt_label.items():
        alt[lang] = tuple(dict.fromkeys((*alt.get(lang, ()), *labels)))
    notes = dict(c.scope_note)
    for lang, note in ext.scope_note.items():
        notes[lang] = f"{notes[lang]} {note}" if lang in notes else note
    broader = tuple(dict.fromkeys((*c.broader, *(b for b in ext.broader if b in known))))
    return c.model_copy(
        update={
            "alt_label": alt,
            "scope_note": notes,
            "broader": broader,
            "nonstandard": (*c.nonstandard, *ext.nonstandard),
        }
    )
