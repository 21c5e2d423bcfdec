"""Sources' texts: reading them, holding them to their pinned sha256, and folding them to place quotes."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from recoupe import safefile
from recoupe.corpus import Corpus, LoadedSource
from recoupe.errors import Problem, ProblemSink, not_utf8, shorten
from recoupe.load.evidence import FoldedText, fold_source, sha256_hex
from recoupe.models import TextRef

FOLDED_CHARS = 32 * 1024 * 1024  # folded text kept while placing quotes (FoldedTexts.get)


def read_text(
    loaded: LoadedSource,
    ref: TextRef,
    path: Path,
    shown: str,
    at: tuple[int | None, int | None],
    sink: ProblemSink,
    roots: tuple[Path, ...],
) -> None:
    """Read the text a source pins into `loaded`, and whether it is stale; `at` locates its path's key.

    The text must resolve, symlinks followed, to a regular file inside one of `roots` (the corpus
    folders): anything else is refused at the `text.path` line, and no byte of it is read.
    """
    try:
        raw = safefile.read_regular(safefile.confine(path, roots), safefile.current.text_bytes)
    except safefile.Refused as e:
        if e.kind in ("missing", "folder"):
            message = f"text file '{shorten(ref.path)}' not found (looked for {shorten(shown)})"
            kind = "missing-text"
        else:
            message = f"text file '{shorten(ref.path)}' is refused: {e.reason}"
            kind = "outside" if e.kind == "outside" else "text"
        sink.add(Problem(loaded.file, *at, "/text/path", message, kind))
        return
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        sink.add(not_utf8(shown, raw, e))
        return
    loaded.text_file = shown
    loaded.actual_sha256 = sha256_hex(raw)
    loaded.stale = loaded.actual_sha256 != ref.sha256
    loaded.text = text


class FoldedTexts:
    """Sources' texts folded for placing quotes, folded on first use (a source restored from the
    cache, or one no quote points into, needs none).

    Only the texts folded last are kept, up to FOLDED_CHARS characters: a source's claims mostly
    come together, and a million-claim corpus holds some 250 MB of text, which all its folded
    copies would double (pages the process touches once and never gives back). A source whose
    claims come back after its folded text was dropped is folded again.
    """

    __slots__ = ("_chars", "_kept")

    def __init__(self) -> None:
        self._kept: OrderedDict[str, FoldedText] = OrderedDict()
        self._chars = 0

    def get(self, src: LoadedSource) -> FoldedText | None:
        sid = src.source.id
        folded = self._kept.get(sid)
        if folded is None and src.text is not None:
            folded = fold_source(src.text)
            kept = self._kept
            self._chars += len(folded.folded)
            # oldest first; OrderedDict, as a dict's first item is found by skipping the holes its
            # deletions left, which made this quadratic for many small texts (a million tweets)
            while self._chars > FOLDED_CHARS and kept:
                self._chars -= len(kept.popitem(last=False)[1].folded)
            kept[sid] = folded
        return folded

    def clear(self) -> None:
        self._kept.clear()
        self._chars = 0


def stale_problems(corpus: Corpus) -> list[Problem]:
    """Sources whose text no longer has its pinned sha256, as problems (for `recoupe validate`)."""
    out = []
    for s in corpus.stale_sources():
        assert s.source.text is not None
        out.append(
            Problem(
                s.file,
                s.line,
                None,
                "/text/sha256",
                f"text '{s.source.text.path}' has sha256 {s.actual_sha256}, not the pinned {s.source.text.sha256}: "
                "the text changed since its claims were written; check them, then run 'recoupe pin' to update the pin",
                "stale-text",
            )
        )
    return out
