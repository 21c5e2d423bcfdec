"""`recoupe draft` on files: read the text, draft it, write the source file (and the event file) beside it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from recoupe.draft.core import draft_text
from recoupe.draft.model import Drafted
from recoupe.draft.text import slug
from recoupe.draft.writer import merge, render
from recoupe.errors import InputError, Problem
from recoupe.models import ID_PATTERN
from recoupe.normalize.values import Normalizer
from recoupe.yamlio import read_text, read_yaml, write_atomic

_LANGUAGE = re.compile(r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*")  # as the source model holds it


@dataclass(slots=True)
class Outcome:
    target: Path
    drafted: Drafted
    written: int  # claims written (all of them, or those --merge added)
    merged: bool
    event_file: Path | None = None  # the event.yaml written, if any


def _problem(shown: str, message: str, kind: str = "usage") -> InputError:
    return InputError([Problem(shown, None, None, "", message, kind)])


def _event_file(folder: Path, event: str | None) -> Path | None:
    """The event.yaml to write for --event, or None; refuse an event.yaml that names another event."""
    path = folder / "event.yaml"
    if event is None:
        return None
    if not re.fullmatch(ID_PATTERN.strip("^$"), event):
        raise _problem("--event", f"'{event}' is not a valid id (letters, digits, '.', '_', ':' and '-')")
    if not path.exists():
        return path
    data, _ = read_yaml(path, str(path))
    if isinstance(data, dict) and data.get("id") not in (None, event):
        raise _problem(
            str(path), f"declares event '{data.get('id')}', not '{event}'; drafts take the folder's event"
        )
    return None


def draft_file(
    text_path: Path,
    normalizer: Normalizer,
    *,
    output: Path | None = None,
    source_id: str | None = None,
    event: str | None = None,
    lang: str | None = None,
    published: dt.date | None = None,
    do_merge: bool = False,
    use_nlp: bool = True,
) -> Outcome:
    """Draft `text_path` into `output` (default: the text's name with .yaml, beside it).

    An existing file is never overwritten: with `do_merge`, only claims whose quote and slot it lacks
    are added; without, it is an error (exit 2) and nothing is written.
    """
    shown = str(text_path)
    text = read_text(text_path, shown)
    target = output or text_path.with_suffix(".yaml")
    sid = source_id or slug(text_path.stem, 60)
    if not re.fullmatch(ID_PATTERN.strip("^$"), sid):
        raise _problem("--source", f"'{sid}' is not a valid id (letters, digits, '.', '_', ':' and '-')")
    if lang is not None and not _LANGUAGE.fullmatch(lang):
        raise _problem("--language", f"'{lang}' is not a language tag (fr, en, pt-BR…)")
    if target.exists() and not do_merge:
        raise _problem(
            str(target),
            "already exists; recoupe draft never overwrites a source file: add --merge to add only the "
            "claims it lacks, or choose another --output",
            "exists",
        )
    event_path = _event_file(target.parent, event)
    drafted = draft_text(text, normalizer, lang=lang, published=published, use_nlp=use_nlp)
    if target.exists():
        return Outcome(target, drafted, merge(target, str(target), drafted), True)
    try:
        rel = text_path.resolve().relative_to(target.parent.resolve()).as_posix()
    except ValueError:
        raise _problem(str(target), "the source file must be in the text's folder or above it") from None
    write_atomic(target, render(drafted, sid, rel, text_path.read_bytes()))
    if event_path is not None:
        write_atomic(event_path, f"id: {event}\n")
    return Outcome(target, drafted, len(drafted.claims), False, event_path)
