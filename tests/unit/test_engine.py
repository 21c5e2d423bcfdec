"""The engine: grouping, selection, severity overrides, fingerprints, waivers and stale texts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from recoupe.engine import Engine, Selection
from recoupe.errors import InputError
from recoupe.findings import Finding, Severity
from recoupe.load import load_corpus
from recoupe.normalize.values import Normalizer
from recoupe.rules import builtin_rules
from recoupe.slots import load_slots
from tests.conftest import write

A_TEXT = "Le Maroc et le Niger ont signé à Rabat une déclaration d'entente contre la traite des êtres humains. 23 morts selon la police.\n"
B_TEXT = "Accord à Rabat contre le trafic illicite de migrants : 37 morts selon la police.\n"


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer.default()


def corpus_of(make_source: Callable[..., Path]) -> Path:
    make_source(
        """
        - {id: place, slot: place, value: Rabat, quote: à Rabat}
        - {id: offence, slot: offence, value: traite des êtres humains, quote: la traite des êtres humains}
        - {id: dead, slot: "quantity:dead", value: "23", quote: 23 morts, attributed_to: la police}
        """,
        text=A_TEXT,
        source_id="a",
    )
    return make_source(
        """
        - {id: place, slot: place, value: à Rabat, quote: à Rabat}
        - {id: offence, slot: offence, value: trafic illicite de migrants, quote: trafic illicite de migrants}
        - {id: dead, slot: "quantity:dead", value: "37", quote: 37 morts, attributed_to: la police}
        """,
        text=B_TEXT,
        source_id="b",
    )


def run(root: Path, normalizer: Normalizer, selection: Selection | None = None) -> list[Finding]:
    corpus = load_corpus([root])
    return Engine(builtin_rules(), normalizer, selection, slots=load_slots()).run(corpus)


def summary(findings: list[Finding]) -> list[tuple[str, str, str | None, list[str]]]:
    return [
        (
            f.code,
            f.slot,
            f.relation.value if f.relation else None,
            [f"{c.source}/{c.claim}" for c in f.claims],
        )
        for f in findings
    ]


def test_groups_compare_only_claims_with_the_same_key(
    make_source: Callable[..., Path], normalizer: Normalizer
) -> None:
    found = run(corpus_of(make_source), normalizer)
    # findings come sorted by event, subject, slot
    assert summary(found) == [
        ("CMP004", "offence", "DISJOINT", ["a/offence", "b/offence"]),
        ("CMP001", "place", "EQUAL", ["a/place", "b/place"]),
        ("CMP004", "quantity:dead", "DISJOINT", ["a/dead", "b/dead"]),
    ]
    offence = found[0]
    assert offence.severity is Severity.ERROR
    assert "(two distinct concepts, both under « " in offence.message
    dead = found[2]
    assert dead.message == (
        "a and b (according to la police) contradict each other on the quantity:dead of the event: « 23 » excludes « 37 »"
    )


def test_select_ignore_and_prefixes(make_source: Callable[..., Path], normalizer: Normalizer) -> None:
    root = corpus_of(make_source)
    assert [f.code for f in run(root, normalizer, Selection(select=["CMP001"]))] == ["CMP001"]
    assert [f.code for f in run(root, normalizer, Selection(ignore=["compare.contradiction"]))] == ["CMP001"]
    # a more specific select wins over a broader ignore
    assert [f.code for f in run(root, normalizer, Selection(select=["CMP004"], ignore=["CMP"]))] == [
        "CMP004",
        "CMP004",
    ]
    assert run(root, normalizer, Selection(ignore=["compare"])) == []


def test_severity_override_beats_rule_and_draft(
    make_source: Callable[..., Path], normalizer: Normalizer
) -> None:
    root = corpus_of(make_source)
    found = run(root, normalizer, Selection(severity={"compare.contradiction": "warning", "CMP001": "error"}))
    assert [(f.code, f.severity.value) for f in found] == [
        ("CMP004", "warning"),
        ("CMP001", "error"),
        ("CMP004", "warning"),
    ]


def test_fingerprints_survive_unrelated_claims_and_file_order(
    make_source: Callable[..., Path], normalizer: Normalizer, tmp_path: Path
) -> None:
    root = corpus_of(make_source)
    before = {f.code + f.slot: f.fingerprint for f in run(root, normalizer)}
    # an unrelated claim, and the sources' files renamed so they load in the other order
    b = root / "ev" / "b.yaml"
    b.write_text(b.read_text("utf-8") + '  - {id: date, slot: date, value: "2022-08-01"}\n', "utf-8")
    (root / "ev" / "a.yaml").rename(root / "ev" / "z-a.yaml")
    after = {f.code + f.slot: f.fingerprint for f in run(root, normalizer) if f.slot != "date"}
    assert after == before
    assert len(set(before.values())) == 3


def test_waiver_suppresses_and_needs_a_reason(
    make_source: Callable[..., Path], normalizer: Normalizer
) -> None:
    root = corpus_of(make_source)
    b = root / "ev" / "b.yaml"
    text = b.read_text("utf-8").replace(
        "attributed_to: la police}",
        "attributed_to: la police, waive: [{code: CMP004, reason: police toll, checked}]}",
    )
    b.write_text(text.replace("reason: police toll, checked", "reason: 'police toll, checked'"), "utf-8")
    found = run(root, normalizer)
    dead = next(f for f in found if f.slot == "quantity:dead")
    assert dead.suppressed is not None and (dead.suppressed.kind, dead.suppressed.reason) == (
        "waiver",
        "police toll, checked",
    )
    offence = next(f for f in found if f.slot == "offence")
    assert offence.suppressed is None

    b.write_text(text.replace(", reason: police toll, checked", ""), "utf-8")
    with pytest.raises(InputError) as info:
        load_corpus([root])
    [p] = info.value.problems
    assert (p.kind, p.pointer, p.message) == (
        "missing",
        "/claims/2/waive/0/reason",
        "missing required field 'reason'",
    )


def test_stale_text_is_reported_and_its_claims_not_compared(
    make_source: Callable[..., Path], normalizer: Normalizer
) -> None:
    root = corpus_of(make_source)
    (root / "ev" / "b.txt").write_text(B_TEXT.replace("37", "38"), "utf-8")
    found = run(root, normalizer)
    # a's claims are not uncorroborated: b's are only set aside until the pin is checked
    assert summary(found) == [("EVD001", "", None, ["b/place", "b/offence", "b/dead"])]
    [stale] = found
    assert stale.severity is Severity.ERROR
    assert "its 3 claims were not compared" in stale.message


def test_multi_valued_slot_matches_members_instead_of_comparing_all(
    make_source: Callable[..., Path], normalizer: Normalizer
) -> None:
    text = "formation ; échange d'expériences ; suivi ; renforcement des capacités ; bonnes pratiques\n"
    make_source(
        """
        - {id: c1, slot: content, value: formation}
        - {id: c2, slot: content, value: échange d'expériences}
        - {id: c3, slot: content, value: suivi de la relation bilatérale}
        """,
        text=text,
        source_id="a",
    )
    root = make_source(
        """
        - {id: d1, slot: content, value: renforcement des capacités}
        - {id: d2, slot: content, value: échange d'expériences}
        """,
        text=text,
        source_id="b",
    )
    found = run(root, normalizer)
    assert summary(found) == [
        ("CMP001", "content", "EQUAL", ["a/c2", "b/d2"]),
        ("CMP002", "content", "NARROWER", ["a/c1", "b/d1"]),
        ("COR001", "content", None, ["a/c3"]),
    ]
    assert (
        found[2].message
        == "only a mentions « suivi de la relation bilatérale » among the content of the event"
    )


def test_jsonl_corpus_runs_the_same_rules(tmp_path: Path, normalizer: Normalizer) -> None:
    write(
        tmp_path / "c.jsonl",
        """
        {"record": "event", "id": "e"}
        {"record": "source", "id": "a", "event": "e"}
        {"record": "source", "id": "b", "event": "e"}
        {"source": "a", "event": "e", "id": "x", "slot": "quantity:dead", "value": "quelque 15.000"}
        {"source": "b", "event": "e", "id": "y", "slot": "quantity:dead", "value": "plus de 14 000"}
        """,
    )
    found = run(tmp_path / "c.jsonl", normalizer)
    assert summary(found) == [("CMP003", "quantity:dead", "OVERLAP", ["a/x", "b/y"])]


def test_a_group_works_out_what_rules_derive_from_it_once(
    make_source: Callable[..., Path], normalizer: Normalizer
) -> None:
    from recoupe.rules.base import Group, RuleContext

    corpus = load_corpus([corpus_of(make_source)])
    engine = Engine(builtin_rules(), normalizer, slots=load_slots())
    engine.normalize(corpus)
    ctx = RuleContext(normalizer, corpus.sources, slots=engine.slots)
    key, claims = next((k, cs) for k, cs in engine.groups(corpus).items() if k[2] == "place")
    group = Group(key, claims, ctx)
    assert group.label == "place of the event"
    assert [w.text for w in group.wordings] == ["« Rabat »", "« à Rabat »"]
    assert group.wordings is group.wordings
    pairs = group.all_cross_source_pairs
    assert [(p.left.source, p.right.source, p.relation.value) for p in pairs] == [("a", "b", "EQUAL")]
    assert group.cross_source_pairs is pairs is group.all_cross_source_pairs
    assert [(p.sources, p.text) for p in group.positions] == [(("a", "b"), "« Rabat » / « à Rabat »")]
    assert group.positions is group.positions
    assert "pair of wordings" in (Group.all_cross_source_pairs.__doc__ or "")  # the docs still reach it
    assert ctx.source_label("a") == ctx.source_label("a") == "a"


def test_stamped_findings_hold_each_field_under_its_own_name(
    make_source: Callable[..., Path], normalizer: Normalizer
) -> None:
    # The engine makes Finding and ClaimRef from their fields in order (tuple.__new__, for speed):
    # a field added or moved in either must not shift the others.
    from recoupe.engine import claim_ref
    from recoupe.findings import ClaimRef, PositionRef, position_fingerprint

    corpus = load_corpus([corpus_of(make_source)])
    found = Engine(builtin_rules(), normalizer, slots=load_slots()).run(corpus)
    place = next(f for f in found if f.code == "CMP001")
    a_place = corpus.claim("a", "place")
    assert a_place is not None
    assert place.claims[0] == ClaimRef(
        source="a",
        claim="place",
        file=a_place.file,
        line=a_place.line,
        value="Rabat",
        normalized=normalizer.display(a_place.value),
        quote="à Rabat",
        start=A_TEXT.index("à Rabat"),
        end=A_TEXT.index("à Rabat") + len("à Rabat"),
        attributed_to=None,
    )
    assert len(place) == len(Finding._fields) and len(place.claims[0]) == len(ClaimRef._fields)
    assert claim_ref(a_place) is place.claims[0]  # made once, kept on the claim
    assert place == Finding(
        code="CMP001",
        name="compare.agreement",
        severity=Severity.INFO,
        category="agreement",
        event="ev",
        subject="",
        slot="place",
        message=place.message,
        claims=place.claims,
        relation=place.relation,
        suggestion=None,
        fingerprint=position_fingerprint(
            "CMP001", "ev", "", "place", [f"\x1f\x1f0\x1f{place.claims[0].normalized}"]
        ),
        suppressed=None,
        positions=(
            PositionRef(
                None,
                "« Rabat » / « à Rabat »",
                place.claims[0].normalized,
                None,
                ("a", "b"),
                ("a/place", "b/place"),
            ),
        ),
    )
    assert place.message == "a and b agree on the place of the event: « Rabat » = « à Rabat »"
