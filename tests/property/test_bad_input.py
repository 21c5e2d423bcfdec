"""Whatever a claims file holds, loading it gives claims or located problems: never another exception.

Hypothesis corrupts a copy of the seed's source file, or a JSON Lines corpus, in the ways hands and
tools do (a character typed, deleted or pasted, a line lost or doubled, a value of the wrong shape,
bytes that are not UTF-8), and holds the loader to its contract: InputError, each problem with its
file and line, or a corpus.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recoupe.errors import InputError
from recoupe.load import load_corpus
from tests.conftest import SEED

PIECES = [
    b":", b"-", b"{", b"[", b'"', b"'", b"&a", b"*a", b"!!python/object:os.system", b"\t", b"  ", b"?",
    b"|", b">", b"%", b"@", b"`", b"#", b"\x00", b"\x07", b"\xef\xbb\xbf", b"\xff", b"\xc3", b"\xe2\x80",
    b"value: [", b"value: {a: 1}", b"value: 1e999", b"value: null", b"value: !!binary aGk=",
    b"quote: 5", b"occurrence: 0", b"slot: quantity:", b"type: [term]", b"\n  - id: x\n",
]  # fmt: skip

# (what, where in the file as a fraction of its length, which piece)
EDITS = st.lists(
    st.tuples(
        st.sampled_from(["insert", "delete", "drop-line", "double-line"]),
        st.floats(0, 1),
        st.sampled_from(PIECES),
    ),
    min_size=1,
    max_size=4,
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def corrupt(data: bytes, edits: list[tuple[str, float, bytes]]) -> bytes:
    for what, where, piece in edits:
        at = int(where * len(data))
        if what == "insert":
            data = data[:at] + piece + data[at:]
        elif what == "delete":
            data = data[:at] + data[at + len(piece) :]
        else:
            lines = data.split(b"\n")
            i = min(int(where * len(lines)), len(lines) - 1)
            lines[i : i + 1] = [] if what == "drop-line" else [lines[i], lines[i]]
            data = b"\n".join(lines)
    return data


def assert_loads_or_is_located(root: Path) -> None:
    try:
        load_corpus([root])
    except InputError as e:
        assert e.problems
        unlocated = [str(p) for p in e.problems if not p.file or p.line is None]
        assert unlocated == []


@SETTINGS
@given(which=st.sampled_from(sorted(p.name for p in SEED.glob("*.yaml"))), edits=EDITS)
def test_a_corrupted_seed_file_loads_or_yields_located_problems(
    which: str, edits: list[tuple[str, float, bytes]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "claims"
        shutil.copytree(SEED, root / SEED.name)
        f = root / SEED.name / which
        f.write_bytes(corrupt(f.read_bytes(), edits))
        assert_loads_or_is_located(root)


VALUES = [None, True, 0, -1, 1.5, 1e308, 2**70, "", "x", "a b", [], [1], ["a", 2], {}, {"a": 1}, "\u0000"]


def jsonl_corpus(folder: Path) -> list[bytes]:
    """The seed's first source as JSON Lines: its event, the source (its text beside it) and claims."""
    import yaml

    event = yaml.safe_load((SEED / "event.yaml").read_text("utf-8"))
    src_file = sorted(p for p in SEED.glob("*.yaml") if p.name != "event.yaml")[0]
    src = yaml.safe_load(src_file.read_text("utf-8"))
    shutil.copy(SEED / src["text"]["path"], folder / src["text"]["path"])
    claims = src.pop("claims")
    lines = [{"record": "event", **event}, {"record": "source", "event": event["id"], **src}]
    lines += [{"source": src["id"], "event": event["id"], **c} for c in claims[:30]]
    return [json.dumps(x, default=str, ensure_ascii=False).encode() for x in lines]


@SETTINGS
@given(
    changes=st.lists(
        st.tuples(
            st.floats(0, 1),
            st.sampled_from(
                ["id", "source", "event", "slot", "value", "quote", "occurrence", "text", "waive", "typo"]
            ),
            st.sampled_from(VALUES),
        ),
        max_size=3,
    ),
    edits=EDITS,
)
def test_a_corrupted_jsonl_corpus_loads_or_yields_located_problems(
    changes: list[tuple[float, str, object]], edits: list[tuple[str, float, bytes]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        lines = jsonl_corpus(folder)
        for where, key, value in changes:
            i = min(int(where * len(lines)), len(lines) - 1)
            record = json.loads(lines[i])
            record[key] = value
            lines[i] = json.dumps(record, ensure_ascii=False).encode()
        (folder / "claims.jsonl").write_bytes(corrupt(b"\n".join(lines) + b"\n", edits))
        assert_loads_or_is_located(folder / "claims.jsonl")
