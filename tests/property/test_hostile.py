"""A claims repository is untrusted: whatever a pull request puts in it, recoupe gives a result or
located problems, reads nothing outside the corpus, and never crashes, hangs or loops.

One hypothesis property per class of attack (paths, encodings, nesting, configs, CEL, cache,
baselines), each bounded to a few dozen examples so that the file runs in well under a minute;
benchmarks/fuzz.py runs the long campaign through the command line.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recoupe.baseline import read as read_baseline
from recoupe.config import load_settings
from recoupe.errors import InputError
from recoupe.load import load_corpus
from recoupe.load.cache import Cache
from recoupe.rules.cel import CelCompileError, compile_expression
from recoupe.yamlio import parse_yaml
from tests.conftest import TEXT, sha

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
CANARY = "CANARY-9e2b never read"


@pytest.fixture(autouse=True)
def _bounded(bounded: None) -> Iterator[None]:
    yield


def located_or_loaded(root: Path) -> None:
    """The loader's contract: a corpus, or InputError whose every problem names a file."""
    try:
        load_corpus([root])
    except InputError as e:
        assert e.problems
        for p in e.problems:
            assert p.file and p.message and CANARY not in str(p) and sha(CANARY) not in str(p)


def project(text_path: str) -> Path:
    top = Path(tempfile.mkdtemp())
    (top / "secret.txt").write_text(CANARY, "utf-8")
    folder = top / "claims" / "ev"
    folder.mkdir(parents=True)
    (folder / "src.txt").write_text(TEXT, "utf-8")
    body = (
        f"id: src\ntitle: T\nlanguage: fr\ntext:\n  path: {json.dumps(text_path)}\n  sha256: {sha(TEXT)}\n"
        "claims:\n  - {id: c1, slot: place, value: Rabat, quote: à Rabat}\n"
    )
    (folder / "src.yaml").write_text(body, "utf-8")
    return top


PATH_PARTS = st.sampled_from(["..", ".", "src.txt", "secret.txt", "/", "/etc", "/proc/self", "environ", "passwd",
                              "\x00", "link", "fifo", "loop", "ev", "claims", "x" * 300])  # fmt: skip
LINKS = st.sampled_from(
    [None, "../../secret.txt", "/dev/zero", "/proc/self/environ", "link", "src.txt", ".."]
)


@SETTINGS
@given(parts=st.lists(PATH_PARTS, min_size=1, max_size=6), link=LINKS, fifo=st.booleans())
def test_a_text_path_never_reads_outside_the_corpus(parts: list[str], link: str | None, fifo: bool) -> None:
    text_path = "/".join(parts).replace("//", "/")
    top = project(text_path)
    folder = top / "claims" / "ev"
    try:
        if link is not None:
            (folder / "link").symlink_to(link)
        if fifo:
            os.mkfifo(folder / "fifo")
        (folder / "loop").symlink_to("loop")
        located_or_loaded(top / "claims")
    finally:
        shutil.rmtree(top)


BYTES = st.sampled_from(
    [b"\xff", b"\xfe\xff", b"\xef\xbb\xbf", b"\x00", b"\xc3", b"\xe2\x80", b"\x1b[2J", b"\r", b"\x85"]
)


@SETTINGS
@given(
    at=st.floats(0, 1),
    junk=st.lists(BYTES, min_size=1, max_size=3),
    target=st.sampled_from(["src.yaml", "src.txt"]),
)
def test_any_encoding_gives_claims_or_a_located_problem(at: float, junk: list[bytes], target: str) -> None:
    top = project("src.txt")
    try:
        path = top / "claims" / "ev" / target
        data = path.read_bytes()
        i = int(at * len(data))
        path.write_bytes(data[:i] + b"".join(junk) + data[i:])
        located_or_loaded(top / "claims")
    finally:
        shutil.rmtree(top)


NESTED = st.recursive(
    st.sampled_from(["1", "x", "*a", "&a [1]", "!!bool maybe", "!!int x", "null", "'" + "y" * 300 + "'"]),
    lambda inner: st.one_of(
        st.builds(lambda xs: "[" + ", ".join(xs) + "]", st.lists(inner, max_size=3)),
        st.builds(lambda x, n: "[" * n + x + "]" * n, inner, st.integers(1, 400)),
        st.builds(lambda x: "{k: " + x + "}", inner),
    ),
    max_leaves=8,
)


@SETTINGS
@given(value=NESTED)
def test_any_nesting_or_alias_gives_data_or_a_located_problem(value: str) -> None:
    try:
        parse_yaml(f"a: &a [1]\nvalue: {value}\n", "f.yaml")
    except InputError as e:
        assert all(p.file == "f.yaml" and p.line is not None for p in e.problems)


@SETTINGS
@given(depth=st.integers(1, 3000), number=st.integers(1, 6000))
def test_deep_json_lines_and_long_numbers_are_located(depth: int, number: int) -> None:
    top = Path(tempfile.mkdtemp())
    try:
        line = '{"source":"s","event":"e","id":"c","slot":"note","value":' + "[" * depth + "]" * depth + "}\n"
        line += '{"source":"s","event":"e","id":"d","slot":"note","value":' + "1" * number + "}\n"
        (top / "c.jsonl").write_text(line, "utf-8")
        with pytest.raises(InputError) as info:
            load_corpus([top / "c.jsonl"])
        assert all(p.line in (1, 2) for p in info.value.problems)
    finally:
        shutil.rmtree(top)


TOML_KEYS = st.sampled_from(
    ["recoupe", "tool", "paths", "limits", "tolerances", "vocabularies", "rules", "severity", "x"]
)
TOML_VALUES = st.sampled_from(
    ["5", '"x"', "[1]", "true", "{a = 1}", "[[1]]", '["/dev/zero"]', "-1", '"' + "z" * 3000 + '"']
)


@SETTINGS
@given(
    entries=st.lists(
        st.tuples(
            st.sampled_from(["", "[recoupe]\n", "[tool]\n", "[tool.recoupe]\n", "[recoupe.limits]\n"]),
            TOML_KEYS,
            TOML_VALUES,
        ),
        max_size=4,
    ),
    name=st.sampled_from(["recoupe.toml", "pyproject.toml"]),
)
def test_a_config_of_any_shape_loads_or_is_located(entries: list[tuple[str, str, str]], name: str) -> None:
    top = Path(tempfile.mkdtemp())
    try:
        (top / name).write_text(
            "".join(f"{table}{key} = {value}\n" for table, key, value in entries), "utf-8"
        )
        try:
            load_settings(start=top)
        except InputError as e:
            assert all(Path(p.file).name == name for p in e.problems)
    finally:
        shutil.rmtree(top)
        from recoupe import safefile

        safefile.set_limits(safefile.Limits())


CEL_PIECES = st.sampled_from(["claims", ".exists(c, ", ".all(x, ", ".map(y, ", ")", "(", "[1, 2, 3]", "true", " && ", " + 1",
                              "size(", "c.hedged", "group.size", '"s"', "[", "]", "==", "1", "!", "?", ":", "pairs"])  # fmt: skip


@SETTINGS
@given(pieces=st.lists(CEL_PIECES, min_size=1, max_size=40), repeat=st.integers(1, 400))
def test_any_expression_compiles_or_is_refused_and_never_crashes(pieces: list[str], repeat: int) -> None:
    source = "".join(pieces) * repeat
    try:
        expr = compile_expression(
            source, ("group", "claims", "pairs"), {"group": {"size": 2}, "claims": [], "pairs": []}
        )
    except CelCompileError as e:
        assert e.problem.message
        return
    try:
        expr.evaluate({"group": {"size": 2}, "claims": [], "pairs": []}, 2)
    except Exception as e:
        assert type(e).__name__ in ("CelEvaluationError", "CelOverBudget")


@SETTINGS
@given(
    value=st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(-(2**63), 2**63 - 1), st.text(max_size=20)),
        lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c, max_size=3),
        max_leaves=10,
    ),
    damage=st.sampled_from(["flip", "truncate", "garbage", "empty", "swap", "none"]),
    at=st.floats(0, 1),
)
def test_a_damaged_cache_entry_is_a_miss_never_a_wrong_value(value: object, damage: str, at: float) -> None:
    top = Path(tempfile.mkdtemp())
    try:
        cache = Cache(top / "c")
        key, other = cache.key(b"one", "x"), cache.key(b"two", "x")
        cache.store(key, "source", value)
        cache.store(other, "source", ["another value"])
        [path] = [p for p in (top / "c").rglob(f"{key}*") if p.is_file()]
        data = path.read_bytes()
        i = min(int(at * len(data)), len(data) - 1)
        damaged = {
            "flip": data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1 :],
            "truncate": data[:i],
            "garbage": os.urandom(i),
            "empty": b"",
            "swap": next(p for p in (top / "c").rglob(f"{other}*") if p.is_file()).read_bytes(),
            "none": data,
        }[damage]
        path.write_bytes(damaged)
        got = cache.load(key, "source")
        assert got is None or (damaged == data and got == value)
    finally:
        shutil.rmtree(top)


@SETTINGS
@given(
    text=st.text(max_size=200)
    | st.sampled_from(['{"entries": ' + "[" * 2000 + "]" * 2000 + "}", "[1]", "entries: &a [*a]", "{" * 3000])
)
def test_a_baseline_of_any_content_is_read_or_located(text: str) -> None:
    top = Path(tempfile.mkdtemp())
    try:
        path = top / "b.json"
        path.write_text(text, "utf-8", errors="surrogatepass")
        try:
            read_baseline(path)
        except InputError as e:
            assert all(p.file == str(path) for p in e.problems)
    except UnicodeEncodeError:
        pass
    finally:
        shutil.rmtree(top)
