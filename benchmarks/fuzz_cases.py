"""The hostile inputs of the fuzz campaign (benchmarks/fuzz.py): a small valid project, and one
generator per class of attack, each drawing a case from a seeded random source.

A case is files (bytes, or a special file: a FIFO, a symlink, a folder) laid over the base project,
and the command lines to run on it. Files outside the project are named through `{outside}`, the
folder beside it that holds the canary: no byte of it may reach an output.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field

CANARY = b"RECOUPE-CANARY-5f3a9d outside the corpus: must never be read"
CANARY_SHA = hashlib.sha256(CANARY).hexdigest()

TEXT_A = (
    "Le Maroc et le Niger ont signé, ce lundi à Rabat, une déclaration d'entente. Le bilan est de 23 morts.\n"
)
TEXT_B = "Rabat, 1er août. Les deux pays ont signé une déclaration. On compte 37 morts selon la police.\n"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _source(sid: str, text: str, claims: list[str]) -> str:
    head = f"id: {sid}\ntitle: Source {sid.upper()}\nlanguage: fr\ntext:\n  path: {sid}.txt\n  sha256: {_sha(text)}\nclaims:\n"
    return head + "".join(f"  - {{{c}}}\n" for c in claims)


SOURCE_A = _source(
    "a",
    TEXT_A,
    [
        'id: place, slot: place, value: Rabat, quote: "à Rabat"',
        'id: dead, slot: "quantity:dead", value: "23", quote: "23 morts"',
        "id: instrument, slot: instrument, value: déclaration d'entente, quote: \"une déclaration d'entente\"",
    ],
)
SOURCE_B = _source(
    "b",
    TEXT_B,
    [
        'id: place, slot: place, value: Rabat, quote: "Rabat"',
        'id: dead, slot: "quantity:dead", value: "37", quote: "37 morts"',
    ],
)
EVENT = "id: ev\ntitle: Signature\ndate: 2022-08-01\n"
BULK = (
    "\n".join(
        json.dumps(r, ensure_ascii=False)
        for r in [
            {"record": "event", "id": "bulk-ev", "title": "Bulk"},
            {
                "record": "source",
                "id": "c",
                "event": "bulk-ev",
                "title": "C",
                "text": {"path": "c.txt", "sha256": _sha(TEXT_A)},
            },
            {"record": "source", "id": "d", "event": "bulk-ev", "title": "D"},
            {
                "source": "c",
                "event": "bulk-ev",
                "id": "dead",
                "slot": "quantity:dead",
                "value": "23",
                "quote": "23 morts",
            },
            {"source": "d", "event": "bulk-ev", "id": "dead", "slot": "quantity:dead", "value": "40"},
            {"source": "d", "event": "bulk-ev", "id": "place", "slot": "place", "value": "Niamey"},
        ]
    )
    + "\n"
)
RULES = """rules:
  - kind: expression
    code: X-FZ001
    name: fuzz.two-values
    description: d
    when: 'claims.exists(a, claims.exists(b, a.source != b.source && a.normalized != b.normalized))'
"""
CONFIG = 'paths = ["claims"]\nrules = ["rules"]\n'

BASE: dict[str, str] = {
    "claims/ev/event.yaml": EVENT,
    "claims/ev/a.yaml": SOURCE_A,
    "claims/ev/a.txt": TEXT_A,
    "claims/ev/b.yaml": SOURCE_B,
    "claims/ev/b.txt": TEXT_B,
    "claims/bulk/claims.jsonl": BULK,
    "claims/bulk/c.txt": TEXT_A,
    "rules/r.yaml": RULES,
    "recoupe.toml": CONFIG,
}

CHECK = ["check", "claims", "--format", "json", "--no-cache"]


@dataclass
class Case:
    kind: str
    files: dict[str, bytes | tuple[str, ...]] = field(
        default_factory=dict
    )  # tuple: ("fifo",), ("symlink", to), ("dir",)
    commands: list[list[str]] = field(default_factory=lambda: [list(CHECK)])
    cache: str | None = (
        None  # compare cached with uncached reports, attacking the cache this way between runs
    )
    named: list[str] = field(
        default_factory=list
    )  # files outside the project that the config names (allowed reads)


PIECES = [
    b":", b"-", b"{", b"[", b'"', b"'", b"&a", b"*a", b"!!python/object:os.system", b"\t", b"?", b"|", b">",
    b"%", b"@", b"`", b"#", b"\x00", b"\x07", b"\x1b[2J", b"\xef\xbb\xbf", b"\xff", b"\xc3", b"\xe2\x80",
    b"value: [", b"value: {a: 1}", b"value: 1e999", b"value: null", b"value: !!binary aGk=", b"value: !!bool maybe",
    b"value: !!int x", b"value: !!float x", b"quote: 5", b"occurrence: 0", b"slot: quantity:", b"type: [term]",
    b"\n  - id: x\n", b"note: &a [*a]\n", b"value: " + b"1" * 5000, b"value: \"\\e[31m\\0\"",
    b"x: " + b"[" * 300 + b"]" * 300, b"x: " + b"[" * 1200, b"path: /etc/passwd", b"path: ../../outside/secret.txt",
    b"claims: 5", b"id: [1]", b"as_of: x", b"hedged: 2", b"<<: {a: 1}", b"? [a]\n: b",
]  # fmt: skip


def corrupt(data: bytes, rng: random.Random, pieces: list[bytes] = PIECES) -> bytes:
    for _ in range(rng.randint(1, 4)):
        at = rng.randint(0, len(data))
        what = rng.choice(["insert", "insert", "delete", "drop-line", "double-line"])
        piece = rng.choice(pieces)
        if what == "insert":
            data = data[:at] + piece + data[at:]
        elif what == "delete":
            data = data[:at] + data[at + rng.randint(1, 20) :]
        else:
            lines = data.split(b"\n")
            i = rng.randrange(len(lines))
            lines[i : i + 1] = [] if what == "drop-line" else [lines[i], lines[i]]
            data = b"\n".join(lines)
    return data


def yaml_case(rng: random.Random) -> Case:
    target = rng.choice(["claims/ev/a.yaml", "claims/ev/b.yaml", "claims/ev/event.yaml"])
    return Case("yaml", {target: corrupt(BASE[target].encode(), rng)})


JSONL_PIECES = [
    b'{"source":"d","event":"bulk-ev","id":"x","slot":"note","value":' + b"[" * 1100 + b"]" * 1100 + b"}",
    b'{"source":"d","event":"bulk-ev","id":"x","slot":"note","value":' + b"1" * 5000 + b"}",
    b'{"record":"source","id":"e","event":"bulk-ev","x":' + b"{\"a\":" * 600 + b"1" + b"}" * 600 + b"}",
    b'{"source":"d","event":"bulk-ev","id":"y","slot":"place","value":"\\u001b[2J\\u0000"}',
    b'{"record":"source","id":"f","event":"bulk-ev","text":{"path":"../../outside/secret.txt","sha256":"' + CANARY_SHA.encode() + b'"}}',
    b'{"record":"source","id":"g","event":"bulk-ev","text":{"path":"/proc/self/environ","sha256":"00"}}',
    b'{"record":"source","id":"h","event":"bulk-ev","text":{"path":"a\\u0000b","sha256":"00"}}',
    b'{"record":5}', b"[1,2]", b"null", b'"x"', b"\xff\xfe", b'{"source":"d"', b"{}", b'{"record":"event","id":[1]}',
    b'{"source":"d","event":"bulk-ev","id":"z","slot":"note","value":"' + b"x" * 200_000 + b'"}',
    b"[" * 2000, b'{"source":"d","event":"bulk-ev","id":"dead","slot":"quantity:dead","value":1e999}',
]  # fmt: skip


def jsonl_case(rng: random.Random) -> Case:
    lines = BULK.encode().splitlines()
    for _ in range(rng.randint(1, 3)):
        if rng.random() < 0.6:
            lines.insert(rng.randint(0, len(lines)), rng.choice(JSONL_PIECES))
        else:
            i = rng.randrange(len(lines))
            lines[i] = corrupt(
                lines[i], rng, [b'"', b"{", b"}", b",", b":", b"\\", b"\x00", b"\xff", b"1e999", b"-"]
            )
    return Case("jsonl", {"claims/bulk/claims.jsonl": b"\n".join(lines) + b"\n"})


TEXT_TARGETS: list[tuple[str, bytes | tuple[str, ...] | None]] = [
    ("../../../outside/secret.txt", None),
    ("{outside}/secret.txt", None),
    ("/proc/self/environ", None),
    ("/etc/passwd", None),
    ("link.txt", ("symlink", "{outside}/secret.txt")),
    ("link.txt", ("symlink", "../../../outside/secret.txt")),
    ("link.txt", ("symlink", "/dev/zero")),
    ("link.txt", ("symlink", "/dev/urandom")),
    ("fifo.txt", ("fifo",)),
    ("loop.txt", ("symlink", "loop.txt")),
    ("folder.txt", ("dir",)),
    ("missing.txt", None),
    ("a\\0b.txt", None),
    ("x" * 300 + ".txt", None),
    ("inside/../a.txt", None),
]


def path_case(rng: random.Random) -> Case:
    name, special = rng.choice(TEXT_TARGETS)
    case = Case("paths")
    source = SOURCE_A.replace("path: a.txt", f'path: "{name}"')
    case.files["claims/ev/a.yaml"] = source.encode()
    if special is not None:
        case.files[f"claims/ev/{name}"] = special
    if rng.random() < 0.3:  # the pin command reads texts too
        case.commands = [["pin", "claims"], list(CHECK)]
    return case


WALK: list[dict[str, bytes | tuple[str, ...]]] = [
    {"claims/a": ("symlink", "."), "claims/b": ("symlink", ".")},
    {"claims/ev/again": ("symlink", "..")},
    {"claims/out": ("symlink", "{outside}")},
    {"claims/ev/x.yaml": ("symlink", "{outside}/secret.yaml")},
    {"claims/ev/fifo.yaml": ("fifo",)},
    {"claims/ev/zero.jsonl": ("symlink", "/dev/zero")},
    {"claims/bulk/fifo.jsonl": ("fifo",)},
    {b"claims/ev\xff/s.yaml".decode("utf-8", "surrogateescape"): b"id: s2\nclaims: []\n"},
    {b"claims/ev/n\xe9.yaml".decode("utf-8", "surrogateescape"): b"id: s3\nclaims: []\n"},
    {"claims/ev/loop.yaml": ("symlink", "loop.yaml")},
    {"claims/deep/" + "/".join("d" * 8 for _ in range(30)) + "/s.yaml": b"id: s4\nclaims: []\n"},
]


def walk_case(rng: random.Random) -> Case:
    case = Case("walk")
    for _ in range(rng.randint(1, 2)):
        case.files.update(rng.choice(WALK))
    if rng.random() < 0.3:
        case.commands = [["validate", "claims"]]
    return case


def encoding_case(rng: random.Random) -> Case:
    text = SOURCE_A
    how = rng.choice(["utf-16", "latin-1", "bom", "nul", "cp1252", "truncated", "crlf", "bidi"])
    if how == "utf-16":
        data = text.encode("utf-16")
    elif how in ("latin-1", "cp1252"):
        data = text.encode(how, "replace")
    elif how == "bom":
        data = b"\xef\xbb\xbf" + text.encode()
    elif how == "nul":
        data = text.encode().replace(b"Source A", b"Source\x00A")
    elif how == "truncated":
        raw = text.encode()
        data = raw[: rng.randint(1, len(raw))]
    elif how == "crlf":
        data = text.replace("\n", "\r\n").encode()
    else:
        data = text.replace("Source A", "Source \u202eA\u2066").encode()
    target = rng.choice(["claims/ev/a.yaml", "claims/ev/a.txt", "rules/r.yaml", "recoupe.toml"])
    if target != "claims/ev/a.yaml":
        raw_target = BASE[target]
        data = (
            raw_target.encode("utf-16")
            if how == "utf-16"
            else corrupt(raw_target.encode(), rng, [b"\xff", b"\x00", b"\xc3"])
        )
    return Case("encoding", {target: data})


TOML_VALUES = ["5", '"x"', "[1]", "true", "[[1]]", "{a = 1}", '["/dev/zero"]', '["{outside}/secret.txt"]', '["fifo.yaml"]',
               '["missing.yaml"]', "1e999", "-1", "0", '"' + "x" * 5000 + '"', "[" * 50 + "]" * 50]  # fmt: skip
TOML_KEYS = ["paths", "vocabularies", "registries", "slots", "rules", "plugins", "select", "ignore", "severity",
             "fail-on", "tolerances", "cache", "cache-dir", "limits", "jobs", "claimreview", "nonsense"]  # fmt: skip
TOML_SHAPES = ["recoupe = 5\n", 'recoupe = "x"\n', "recoupe = [1]\n", "[recoupe]\nrecoupe = 5\n",
               "[recoupe.limits]\ndepth = 0\n", "[recoupe.limits]\nclaims-per-file = 1\n", "[recoupe.limits]\nstring-chars = 3\n",
               "[recoupe.limits]\nfile-bytes = 10\n", "[recoupe.tolerances]\napproximate = 2\n", "[[recoupe]]\n", "x = \n"]  # fmt: skip
PYPROJECT = [
    "tool = 5\n",
    '[tool]\nrecoupe = "x"\n',
    "tool = [1]\n",
    "[tool.recoupe]\nrecoupe = 5\n",
    "[tool.recoupe]\npaths = 5\n",
]


def config_case(rng: random.Random) -> Case:
    case = Case("config")
    roll = rng.random()
    if roll < 0.3:
        case.files["recoupe.toml"] = (
            (CONFIG + rng.choice(TOML_SHAPES)).encode()
            if rng.random() < 0.5
            else rng.choice(TOML_SHAPES).encode()
        )
    elif roll < 0.45:
        case.files["recoupe.toml"] = ("delete",)
        case.files["pyproject.toml"] = rng.choice(PYPROJECT).encode()
    else:
        lines = [CONFIG]
        for _ in range(rng.randint(1, 3)):
            lines.append(f"{rng.choice(TOML_KEYS)} = {rng.choice(TOML_VALUES)}\n")
        case.files["recoupe.toml"] = "".join(lines).encode()
        case.files["fifo.yaml"] = ("fifo",)
    if b"outside" in case.files.get("recoupe.toml", b""):
        case.named.append("{outside}/secret.txt")
    case.commands = [rng.choice([list(CHECK), ["validate", "claims"], ["rules", "list"]])]
    return case


L30 = "[" + ", ".join(str(i) for i in range(30)) + "]"
L100 = "[" + ", ".join(str(i) for i in range(100)) + "]"
CEL_ATOMS = [
    "claims",
    "pairs",
    "group.sources",
    L30,
    L100,
    "[1, 2, 3]",
    '"x"',
    "1",
    "true",
    "c.value",
    "group.size",
]


def _cel(rng: random.Random, depth: int) -> str:
    roll = rng.random()
    if depth > 7 or roll < 0.25:
        return rng.choice(
            ["true", "false", "1 == 1", "size(claims) > 1", 'group.slot == "place"', "c.hedged"]
        )
    if roll < 0.55:
        macro = rng.choice(["all", "exists", "exists_one", "filter", "map"])
        body = _cel(rng, depth + 1)
        call = f"{rng.choice(CEL_ATOMS)}.{macro}(c, {body})"
        return call if macro in ("all", "exists", "exists_one") else f"size({call}) > 0"
    if roll < 0.7:
        return f"({_cel(rng, depth + 1)}) {rng.choice(['&&', '||', '==', '!='])} ({_cel(rng, depth + 1)})"
    if roll < 0.8:
        return "1" + " + 1" * rng.choice([10, 1000, 5000, 20000]) + " > 0"
    if roll < 0.9:
        return rng.choice(["(" * 200 + "1" + ")" * 200, "1 + " + " " * 70000 + ")", "x" * rng.choice([10, 5000, 2_000_000]),
                           '"' + "a" * 3000 + '" == "a"', "claims[0].__class__", "c.value.lower()"])  # fmt: skip
    return "".join(rng.choice("()[]{}.,!&|=<>+-*/%?:'\"abc123 \\") for _ in range(rng.randint(1, 60)))


TEMPLATES = ["{source.__class__}", "{source[0]}", "{0.__class__}", "{source!r}", "{source:>{width}}", "{__import__}",
             "{event.__globals__[os]}", "{{}}{", "{values}", "%s%n", "{count:" + "9" * 50 + "}"]  # fmt: skip


def cel_case(rng: random.Random) -> Case:
    when = _cel(rng, 0)
    body = "rules:\n  - kind: expression\n    code: X-FZ001\n    name: fuzz.cel\n    description: d\n"
    body += f"    when: {json.dumps(when)}\n"
    if rng.random() < 0.3:
        body += f"    message: {json.dumps(rng.choice(TEMPLATES))}\n"
    if rng.random() < 0.1:
        body = f"rules:\n  - kind: {rng.choice(['{a: 1}', '[1]', '5', 'expression', 'null'])}\n    code: X-A001\n"
    case = Case("cel", {"rules/r.yaml": body.encode()})
    case.commands = [rng.choice([list(CHECK), ["rules", "list"]])]
    return case


BASELINES = [b'{"entries": ' + b"[" * 2000 + b"]" * 2000 + b"}", b"[1]", b"5", b'{"version": "1", "created": "x", "entries": [{"fingerprint": 5}]}',
             b"\xff\xfe", b"entries: &a [*a]\n", b'{"version": "' + b"9" * 5000 + b'"}', b"", b"{" * 3000]  # fmt: skip


def baseline_case(rng: random.Random) -> Case:
    case = Case("baseline")
    which = rng.random()
    if which < 0.2:
        case.files["base.json"] = ("fifo",)
    elif which < 0.3:  # named on the command line: opened (and refused), as the user asked
        case.files["base.json"] = ("symlink", "/dev/zero")
        case.named.append("/dev/zero")
    else:
        case.files["base.json"] = (
            corrupt(rng.choice(BASELINES), rng) if rng.random() < 0.5 else rng.choice(BASELINES)
        )
    case.commands = [[*CHECK, "--baseline", "base.json"]]
    return case


OUTPUTS = [
    "out.json",
    "dir.json",
    "fifo.json",
    "missing/r.json",
    "file.txt/r.json",
    "/proc/recoupe.json",
    "r" * 300 + ".json",
    "-",
    "/dev/null",
]


def output_case(rng: random.Random) -> Case:
    case = Case("output", {"dir.json": ("dir",), "fifo.json": ("fifo",), "file.txt": b"x"})
    target = rng.choice(OUTPUTS)
    case.commands = [
        [
            "check",
            "claims",
            "--no-cache",
            "--format",
            rng.choice(["json", "text", "markdown", "html", "sarif"]),
            "--output",
            target,
        ]
    ]
    if rng.random() < 0.3:
        case.commands = [["baseline", "create", "claims", "--output", target, "--reason", "fuzz"]]
    return case


CACHE_ATTACKS = [
    "none",
    "flip",
    "truncate",
    "swap",
    "garbage",
    "fifo",
    "zero",
    "delete",
    "empty",
    "edit-source",
]


def cache_case(rng: random.Random) -> Case:
    case = Case("cache", cache=rng.choice(CACHE_ATTACKS))
    if rng.random() < 0.4:  # a corpus with problems is cached (or not) as faithfully as a good one
        mutate = rng.choice([yaml_case, jsonl_case])(rng)
        case.files.update(mutate.files)
    return case


GENERATORS = {
    "yaml": yaml_case, "jsonl": jsonl_case, "paths": path_case, "walk": walk_case, "encoding": encoding_case,
    "config": config_case, "cel": cel_case, "baseline": baseline_case, "output": output_case, "cache": cache_case,
}  # fmt: skip


def make_case(seed: int, index: int) -> Case:
    rng = random.Random(f"{seed}:{index}")
    kind = list(GENERATORS)[index % len(GENERATORS)]
    return GENERATORS[kind](rng)
