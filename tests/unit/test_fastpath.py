"""The msgspec fast path for JSON Lines claims accepts only what the pydantic model accepts, as it reads it.

msgspec's typing is stricter ("2" is no integer): such lines go to pydantic, which decides.
"""

from __future__ import annotations

import json

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from recoupe.load.fastpath import FastClaim, decode_claim
from recoupe.models import BulkClaim

BASE = {"source": "s1", "event": "e1", "id": "c1", "slot": "quantity:dead", "value": "23"}


def agree(line: str) -> bool:
    """msgspec accepts only lines pydantic accepts, and then reads every field the same."""
    fast = decode_claim(line)
    try:
        slow = BulkClaim.model_validate_json(line)
    except ValidationError:
        return fast is None
    if fast is None:
        return True  # stricter: pydantic will take it
    as_fast = json.loads(msgspec.json.encode(fast))
    as_slow = slow.model_dump(mode="json")
    return all(as_fast.get(k, as_slow[k]) == v for k, v in as_slow.items())


def test_same_fields_and_defaults() -> None:
    fast = {f.name: f.default for f in msgspec.structs.fields(FastClaim)}
    slow = BulkClaim.model_fields
    assert set(fast) == set(slow)
    for name, info in slow.items():
        expected = msgspec.NODEFAULT if info.is_required() else info.default
        assert fast[name] == expected, name


VARIANTS = [
    {},
    {"record": "claim"},
    {"record": "source"},
    {"id": ""},
    {"id": "-bad"},
    {"id": "x" * 201},
    {"id": "a\n"},  # `$` is the end of the string, as pydantic reads it (msgspec's own pattern took this)
    {"source": "s1\n"},
    {"event": " e1"},
    {"slot": "date\n"},
    {"slot": "Quantity"},
    {"slot": "quantity:dead:x"},
    {"value": 23},
    {"value": 2.5},
    {"value": ["Maroc", "Niger"]},
    {"value": [1, 2]},
    {"value": None},
    {"value": {"a": 1}},
    {"type": "term"},
    {"type": "number"},
    {"quote": ""},
    {"quote": "23 morts"},
    {"occurrence": 0},
    {"occurrence": 2},
    {"occurrence": "2"},
    {"hedged": "yes"},
    {"hedged": 1},
    {"negated": True},
    {"subject": ""},
    {"subject": "x"},
    {"waive": [{"code": "CMP004", "reason": "checked"}]},
    {"waive": [{"code": "CMP004"}]},
    {"waive": [{"code": "CMP004", "reason": ""}]},
    {"extra": 1},
    {"attributed_to": None},
    {"note": 3},
]


@pytest.mark.parametrize("change", VARIANTS, ids=lambda c: json.dumps(c, ensure_ascii=False)[:40])
def test_fast_path_agrees_with_pydantic(change: dict[str, object]) -> None:
    assert agree(json.dumps({**BASE, **change}))


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "id",
                "source",
                "event",
                "slot",
                "value",
                "type",
                "quote",
                "occurrence",
                "hedged",
                "subject",
                "x",
            ]
        ),
        st.one_of(
            st.none(),
            st.booleans(),
            st.integers(-2, 3),
            st.text(max_size=6),
            st.lists(st.text(max_size=3), max_size=2),
        ),
        max_size=5,
    )
)
def test_fast_path_agrees_on_random_lines(change: dict[str, object]) -> None:
    line = json.dumps({**BASE, **change})
    assert agree(line), line


def test_lax_lines_still_load(tmp_path: object) -> None:
    from pathlib import Path

    from recoupe.load import load_corpus

    folder = Path(str(tmp_path))
    (folder / "c.jsonl").write_text(
        '{"record": "event", "id": "e1"}\n{"record": "source", "id": "s1"}\n'
        + json.dumps({**BASE, "occurrence": "1", "hedged": "yes"})
        + "\n",
        "utf-8",
    )
    [c] = load_corpus([folder / "c.jsonl"]).claims
    assert (c.claim.occurrence, c.claim.hedged, type(c.claim).__name__) == (1, True, "BulkClaim")


def test_not_json() -> None:
    assert decode_claim("{not json") is None
    # msgspec raises UnicodeDecodeError, not its own error, for a string that is not UTF-8
    assert (
        decode_claim(b'{"source": "s", "event": "e", "id": "c", "slot": "date", "value": "ao\xfbt"}') is None
    )


def test_repeated_ids_are_kept_once() -> None:
    """Claims share one copy of a source, event, slot or id that many lines repeat."""
    a = decode_claim(json.dumps(BASE))
    b = decode_claim(json.dumps({**BASE, "value": "24"}))
    assert a is not None and b is not None
    assert (a.source, a.event, a.slot, a.id) == ("s1", "e1", "quantity:dead", "c1")
    assert a.source is b.source and a.event is b.event and a.slot is b.slot and a.id is b.id


def test_repeated_wordings_and_subjects_are_kept_once() -> None:
    """A wording or subject that many lines repeat is held once; other values are left as decoded."""
    a = decode_claim(json.dumps({**BASE, "value": "traite des êtres humains", "subject": "opération Sahel"}))
    b = decode_claim(json.dumps({**BASE, "value": "traite des êtres humains", "subject": "opération Sahel"}))
    c = decode_claim(json.dumps({**BASE, "value": ["Maroc", "Niger"]}))
    assert a is not None and b is not None and c is not None
    assert (a.value, a.subject) == ("traite des êtres humains", "opération Sahel")
    assert a.value is b.value and a.subject is b.subject
    assert (c.value, c.subject) == (["Maroc", "Niger"], None)
