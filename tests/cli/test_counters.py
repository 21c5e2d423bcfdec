"""Who says it and when, end to end: corpora shaped like real disputed tolls, checked by the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Runner

Source = tuple[str, str, str, str | None]  # id, published, the toll as written, attributed to


def melilla(make_source: Callable[..., Path], sources: list[Source]) -> Path:
    """One event, one article a source: « … morts selon X », its claim quoting it."""
    root = Path()
    for sid, published, toll, counter in sources:
        says = f" selon {counter}" if counter else ""
        text = f"Le bilan du passage à Melilla est de {toll} morts{says}.\n"
        claim = f'- id: dead\n  slot: "quantity:dead"\n  value: "{toll}"\n  quote: "{toll} morts"\n'
        if counter:
            claim += f"  attributed_to: {counter}\n"
        root = make_source(
            claim,
            text=text,
            source_id=sid,
            extra=f"published: {published}\n",
            event="melilla-2022-06-24",
        )
    return root


def check(run: Runner, root: Path) -> tuple[int, list[dict[str, object]]]:
    result = run("check", str(root), "--format", "json", "--no-cache")
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)["findings"]


def codes(found: list[dict[str, object]], severity: str) -> list[tuple[str, list[str]]]:
    return [
        (str(f["code"]), [f"{c['source']}/{c['claim']}" for c in f["claims"]])  # type: ignore[attr-defined]
        for f in found
        if f["severity"] == severity
    ]


def test_one_counter_23_23_37_on_one_day_is_one_contradiction_naming_two_positions(
    run: Runner, make_source: Callable[..., Path]
) -> None:
    root = melilla(
        make_source,
        [
            ("a", "2022-06-25", "23", "les autorités"),
            ("b", "2022-06-25", "23", "les autorités"),
            ("c", "2022-06-25", "37", "les autorités"),
        ],
    )
    status, found = check(run, root)
    assert status == 1
    assert codes(found, "error") == [("CMP004", ["a/dead", "b/dead", "c/dead"])]
    [error] = [f for f in found if f["code"] == "CMP004"]
    positions = [(p["counter"], p["value"], p["as_of"], p["sources"]) for p in error["positions"]]  # type: ignore[union-attr,index]
    assert positions == [
        ("les autorités", "« 23 »", "2022-06-25", ["a", "b"]),
        ("les autorités", "« 37 »", "2022-06-25", ["c"]),
    ]
    assert [f["code"] for f in found if f["code"] == "CMP001"] == ["CMP001"]  # a and b: one agreement


def test_the_melilla_pattern_gives_exactly_one_error(run: Runner, make_source: Callable[..., Path]) -> None:
    root = melilla(
        make_source,
        [
            ("elpais", "2022-06-25", "23", "les autorités"),
            ("caminando", "2022-06-25", "37", "Caminando Fronteras"),
            ("amdh", "2022-06-25", "27", "l'AMDH"),
            ("misread", "2022-06-25", "37", "les autorités"),
            ("early", "2022-06-24", "18", "les autorités"),
        ],
    )
    status, found = check(run, root)
    assert status == 1
    assert codes(found, "error") == [("CMP004", ["elpais/dead", "misread/dead"])]
    assert codes(found, "warning") == [("ATT001", ["caminando/dead", "misread/dead"])]
    info = {code for code, _ in codes(found, "info")}
    assert {"CMP005", "CMP006"} <= info
    [update] = [f for f in found if f["code"] == "CMP006"]
    assert "« 18 » (2022-06-24: early) → « 23 » (2022-06-25: elpais) / « 37 » (2022-06-25: misread)" in str(
        update["message"]
    )


def test_counters_alone_never_fail_the_build(run: Runner, make_source: Callable[..., Path]) -> None:
    root = melilla(
        make_source,
        [
            ("elpais", "2022-06-25", "23", "les autorités"),
            ("caminando", "2022-06-25", "37", "Caminando Fronteras"),
            ("early", "2022-06-24", "18", "les autorités"),
        ],
    )
    status, found = check(run, root)
    assert status == 0
    assert codes(found, "error") == []
    [divergent] = [f for f in found if f["code"] == "CMP005"]
    assert [c["claim"] for c in divergent["claims"]] == ["dead", "dead"]  # type: ignore[union-attr,index]
    assert [c["source"] for c in divergent["claims"]] == ["caminando", "elpais"]  # type: ignore[union-attr,index]


def test_a_new_source_joining_a_position_keeps_the_fingerprint(
    run: Runner, make_source: Callable[..., Path]
) -> None:
    base = [("a", "2022-06-25", "23", "les autorités"), ("c", "2022-06-25", "37", "les autorités")]
    _, before = check(run, melilla(make_source, base))
    _, after = check(run, melilla(make_source, [*base, ("b", "2022-06-25", "23", "les autorités")]))
    [x] = [f["fingerprint"] for f in before if f["code"] == "CMP004"]
    [y] = [f["fingerprint"] for f in after if f["code"] == "CMP004"]
    assert x == y
