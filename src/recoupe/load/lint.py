"""Warnings on claims that load but may not say what their author meant: `recoupe validate` prints them.

- a quantity or date whose value cannot be found in its quote (« 81.000 » read by YAML as 81.0);
- a word or number that YAML 1.1 turned into something else (`off` into false, `1:30` into 90);
- a subject that one source uses and that is one edit away from a subject other sources use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recoupe.errors import Problem, did_you_mean, pointer
from recoupe.textnorm import fold_text

if TYPE_CHECKING:
    from recoupe.corpus import Corpus, LoadedClaim
    from recoupe.yamlio import Marks

# Claim fields that hold words or figures, never a boolean or a number read from another spelling.
_TEXT_FIELDS = ("id", "subject", "slot", "value", "quote", "attributed_to", "as_of", "event", "note")
# A number as the press writes it: digits with thousands separators, a decimal part, a suffix word.
_NUMBER = re.compile(r"\d[\d\u00a0\u202f .,']*\d|\d")
_TOKEN_END = re.compile(r"[,}\]#]")


def warnings(corpus: Corpus) -> list[Problem]:
    """Every warning on the corpus's YAML claims files, in file and line order."""
    from recoupe.errors import InputError
    from recoupe.yamlio import read_yaml

    out: list[Problem] = []
    for source in corpus.sources.values():
        if not source.file.endswith((".yaml", ".yml")):
            continue
        try:
            data, marks = read_yaml(Path(source.file), source.file)
        except InputError:
            continue  # already reported as an error
        out.extend(yaml_surprises(source.file, data, marks))
    by_source = {s.source.id: s for s in corpus.sources.values()}
    for c in corpus.claims:
        src = by_source.get(c.source)
        lang = src.source.language.split("-")[0] if src is not None else "fr"
        problem = value_not_in_quote(c, lang)
        if problem is not None:
            out.append(problem)
    out.extend(subject_typos(corpus.claims))
    return sorted(out, key=lambda p: (p.file, p.line or 0, p.column or 0))


# --- YAML 1.1 ---------------------------------------------------------------------------------------


def yaml_surprises(file: str, data: Any, marks: Marks) -> Iterator[Problem]:
    """Claim fields that YAML read as a boolean or as a number other than the one written."""
    if not isinstance(data, Mapping) or not isinstance(data.get("claims"), list):
        return
    try:
        with open(file, encoding="utf-8") as f:
            lines = f.read().split("\n")
    except OSError:
        return
    for i, claim in enumerate(data["claims"]):
        if not isinstance(claim, Mapping):
            continue
        for key in _TEXT_FIELDS:
            got = claim.get(key)
            if got is None or isinstance(got, str) or not isinstance(got, (bool, int, float)):
                continue
            ptr = pointer(["claims", i, key])
            line, col = marks.find(ptr)
            written = _token(lines, line, col)
            hint = _surprise(got, written)
            if hint:
                yield Problem(file, line, col, ptr, f"{key}: {hint}", "yaml-1.1")


def _token(lines: Sequence[str], line: int | None, col: int | None) -> str:
    if line is None or col is None or not 0 < line <= len(lines):
        return ""
    rest = lines[line - 1][col - 1 :]
    end = _TOKEN_END.search(rest)
    return (rest[: end.start()] if end else rest).strip()


def _surprise(got: bool | int | float, written: str) -> str:
    """Why YAML's reading of `written` may not be what its author meant, or ""."""
    if isinstance(got, bool):
        return (
            f"YAML read `{written or got}` as the boolean {str(got).lower()}; put it in quotes "
            f'("{written}") if it is a word'
        )
    if not written or written == str(got):
        return ""
    if isinstance(got, float) and re.fullmatch(r"\d{1,3}(\.\d{3})+", written):
        return (
            f"YAML read `{written}` as the number {got}, not {written.replace('.', ' ')}; put it in quotes "
            f'("{written}") to keep the thousands'
        )
    if ":" in written or written.lstrip("+-").startswith("0") or "_" in written:
        return (
            f'YAML read `{written}` as the number {got}; put it in quotes ("{written}") to keep it as written'
        )
    return ""


# --- values and quotes ------------------------------------------------------------------------------


def _numbers(text: str, lang: str) -> set[float]:
    """The numbers a text writes in digits, read as the source's language reads them."""
    from recoupe.normalize.quantities import parse_quantity

    found: set[float] = set()
    for m in _NUMBER.finditer(text):
        q = parse_quantity(m.group().strip(" .,'"), lang=lang)
        if q is not None and q.low is not None and q.low == q.high:
            found.add(float(q.low))
    return found


def value_not_in_quote(c: LoadedClaim, lang: str) -> Problem | None:
    """A quantity or date claim whose value the quote does not bear out, as a located warning."""
    message = value_quote_message(c, lang)
    return Problem(c.file, c.line, None, "", message, "value-quote") if message else None


def stands_alone(needle: str, text: str) -> bool:
    r"""Whether `needle` occurs in `text` neither inside a word nor inside a longer number: what the
    pattern (?<!\w)(?<!\d[.,])NEEDLE(?!\w)(?![.,]\d) finds. Without a pattern: each claim's value
    would make a pattern of its own, compiled again and again once more than re's cache holds
    (a tenth of a large check's CPU)."""
    if not needle:
        return re.search(r"(?<!\w)(?<!\d[.,])(?!\w)(?![.,]\d)", text) is not None
    size = len(text)
    start = text.find(needle)
    while start >= 0:
        end = start + len(needle)
        if not (
            (start >= 1 and _word(text[start - 1]))
            or (start >= 2 and text[start - 1] in ".," and text[start - 2].isdecimal())
            or (end < size and _word(text[end]))
            or (end + 1 < size and text[end] in ".," and text[end + 1].isdecimal())
        ):
            return True
        start = text.find(needle, start + 1)
    return False


def _word(c: str) -> bool:
    r"""A character that re's \w matches in a str pattern."""
    return c.isalnum() or c == "_"


def value_quote_message(c: LoadedClaim, lang: str) -> str | None:
    """Why a quantity or date claim's value is not borne out by its quote, after normalization; None
    when it is (or when the quote writes no figure in digits to hold it against)."""
    claim = c.claim
    quote, raw = claim.quote, claim.value
    if c.type not in ("quantity", "date") or not quote or isinstance(raw, (list, bool)):
        return None
    text = str(raw)
    # the wording itself, not inside a longer number: « 81.0 » is not in « 81.000 »
    if stands_alone(fold_text(text), fold_text(quote)):
        return None
    in_quote = _numbers(quote, lang)
    if not in_quote:
        return None  # figures in words (« vingt-trois »): nothing to hold the value against
    if isinstance(raw, (int, float)):
        mine = {float(raw)}
    else:
        # a date's year and day (its month is often a word), a quantity's figures
        mine = _numbers(re.sub(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", r"\1 \3", text), lang)
    missing = sorted(n for n in mine if n not in in_quote)
    if not missing:
        return None
    hint = ""
    if isinstance(raw, float) and float(f"{raw:.3f}".replace(".", "")) in in_quote:
        hint = f'; YAML read {raw:.3f} as {raw}: write the value in quotes (value: "{raw:.3f}")'
    shown = ", ".join(f"{n:g}" for n in missing)
    return f"claim '{claim.id}': the value « {text} » ({shown}) is not in its quote « {quote} »{hint}"


# --- subjects ---------------------------------------------------------------------------------------


def subject_typos(claims: Sequence[LoadedClaim]) -> Iterator[Problem]:
    """A subject only one source of an event uses, one edit away from one that other sources use."""
    for c, message in subject_typo_messages(claims):
        yield Problem(c.file, c.line, None, "", message, "subject-typo")


def subject_typo_messages(claims: Sequence[LoadedClaim]) -> Iterator[tuple[LoadedClaim, str]]:
    """(the first claim, why) for each subject that looks like another's typo (see subject_typos)."""
    by: dict[tuple[str, str], dict[str, LoadedClaim]] = {}
    for c in claims:
        if c.subject:
            by.setdefault((c.event, c.subject), {}).setdefault(c.source, c)
    for (event, subject), sources in by.items():
        if len(sources) != 1:
            continue
        [(source, first)] = sources.items()
        others = [s for (e, s), srcs in by.items() if e == event and s != subject and set(srcs) - {source}]
        # of two spellings that one source each uses, the one that sorts last is reported, once
        close = [s for s in others if _one_edit(subject, s) and (len(by[(event, s)]) > 1 or s < subject)]
        if close:
            yield (
                first,
                f"subject '{subject}' is used by {source} alone, and other sources of event '{event}' use "
                f"'{close[0]}'{did_you_mean(subject, close) or ''}",
            )


def _one_edit(a: str, b: str) -> bool:
    """a and b differ by one insertion, deletion, substitution or swap of neighbours."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
