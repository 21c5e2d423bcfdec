"""Vocabularies: label folding, resolution, lookup, the built-in files, and every loading problem, located."""

from __future__ import annotations

from pathlib import Path

import pytest

from recoupe.errors import InputError
from recoupe.vocab import (
    BUILTIN_VOCABULARIES,
    Resolution,
    VocabIndex,
    builtin_vocabulary_paths,
    fold_label,
    load_vocabularies,
)
from tests.conftest import write

TIP = "trafficking-in-persons"
SOM = "smuggling-of-migrants"
WORLD_DAY = "world-day-against-trafficking-in-persons"
TRAFIC_NOTE = (
    "Ambiguous press wording: it may mean trafficking in persons (« traite des personnes ») or smuggling of "
    "migrants (« trafic illicite de migrants »), two distinct offences. Use the legal term."
)


@pytest.fixture(scope="module")
def ix() -> VocabIndex:
    return load_vocabularies([])


# -- folding ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "traite des êtres humains",
        "traite d'êtres humains",
        "la traite d\u2019êtres humains",
        "Traite des Êtres humains",
        "TRAITE DE L'ÊTRE HUMAIN",
        "traite  d’un être humain",
    ],
)
def test_fold_label_variants_share_one_key(text: str) -> None:
    assert fold_label(text) == "trait etr humain"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("traite de personnes", "traite des personnes"),
        ("déclaration d’entente", "Declaration d'entente"),
        ("accord-cadre", "accord cadre"),
        ("journée mondiale de la lutte", "Journées mondiales de lutte"),
        ("échanges internationaux", "échange international"),
        ("the exchange of notes", "exchanges of note"),
        ("activities", "activity"),
        ("boxes", "box"),
        ("bureaux", "bureau"),
        ("document de mise en œuvre", "documents de mise en oeuvre"),
    ],
)
def test_fold_label_is_symmetric_over_articles_and_plurals(a: str, b: str) -> None:
    assert fold_label(a) == fold_label(b)


def test_fold_label_keeps_words_that_matter() -> None:
    assert fold_label("trafic des personnes") != fold_label("traite des personnes")
    assert fold_label("coopération et partenariat") == "cooperation et partenariat"
    assert fold_label("de la") == ""


# -- resolution ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["traite de personnes", "traite des personnes", "la traite d'êtres humains", "Traite des Êtres humains"],
)
def test_trafficking_wordings_resolve_exactly(ix: VocabIndex, value: str) -> None:
    res = ix.resolve(value, "offence", "fr")
    assert res is not None
    assert (res.concepts, res.exact, res.nonstandard) == (frozenset({TIP}), True, False)


def test_ambiguous_trafic_resolves_to_both_offences(ix: VocabIndex) -> None:
    assert ix.resolve("le trafic des êtres humains", "offence", "fr") == Resolution(
        concepts=frozenset({TIP, SOM}),
        label="trafic des êtres humains",
        text="le trafic des êtres humains",
        exact=True,
        nonstandard=True,
        note=TRAFIC_NOTE,
        preferred=("traite des personnes", "trafic illicite de migrants"),
        lang="fr",
    )


def test_preferred_labels_follow_the_requested_language(ix: VocabIndex) -> None:
    res = ix.resolve("trafic humain", "offence", "en")
    assert res is not None
    assert res.preferred == ("trafficking in persons", "smuggling of migrants")
    assert res.lang == "fr"  # the matched label's own language


@pytest.mark.parametrize(
    ("value", "slot", "concept", "label"),
    [
        ("ont signé une déclaration d'entente", "instrument", "declaration-of-understanding", "déclaration d'entente"),
        ("lancent une coopération", "instrument", "cooperation", "coopération"),
        ("la signature d'un protocole d'accord de coopération", "instrument", "memorandum-of-understanding", "protocole d'accord"),
        ("L’accord a été paraphé", "instrument", "agreement", "accord"),
        ("coopération judiciaire", "instrument", "cooperation", "coopération"),
        ("renforcer la coopération judiciaire", "content", "judicial-cooperation", "coopération judiciaire"),
        ("organiser des simulations de procès virtuels", "content", "mock-trial", "simulation de procès virtuel"),
        ("prévoit le suivi de la relation bilatérale", "content", "bilateral-relationship-follow-up", "suivi de la relation bilatérale"),
        ("contre l'immigration clandestine", "offence", "irregular-migration", "immigration clandestine"),
    ],
)  # fmt: skip
def test_longest_label_inside_the_value(
    ix: VocabIndex, value: str, slot: str, concept: str, label: str
) -> None:
    res = ix.resolve(value, slot, "fr")
    assert res is not None
    assert (res.concepts, res.label, res.exact) == (frozenset({concept}), label, False)


def test_longest_label_wins_then_the_earliest(ix: VocabIndex) -> None:
    res = ix.resolve("l'échange d'expériences et de bonnes pratiques", "content")
    assert res is not None and res.concepts == {"exchange-of-experience"}  # two 2-word labels: the first
    res = ix.resolve("la formation et le suivi de la relation bilatérale", "content")
    assert res is not None and res.concepts == {"bilateral-relationship-follow-up"}  # 3 words beat 1


@pytest.mark.parametrize(
    ("value", "concept"),
    [
        ("protocole d'accord", "memorandum-of-understanding"),
        ("protocole", "protocol"),
        ("protocole additionnel", "protocol"),
        ("convention", "agreement"),
        ("accord", "agreement"),
        ("convention internationale", "international-convention"),
        ("accord-cadre", "framework-agreement"),
        ("MoU", "memorandum-of-understanding"),
        ("déclaration conjointe", "declaration-of-understanding"),
        ("lettre d'intention", "declaration-of-intent"),
        ("feuille de route", "roadmap"),
        ("partenariat", "cooperation"),
    ],
)
def test_instrument_labels(ix: VocabIndex, value: str, concept: str) -> None:
    res = ix.resolve(value, "instrument", "fr")
    assert res is not None and res.concepts == {concept} and res.exact


def test_accents_break_ties_between_labels_that_differ_by_accents_only(ix: VocabIndex) -> None:
    def concepts(value: str, slot: str | None = None) -> frozenset[str] | None:
        res = ix.resolve(value, slot)
        return None if res is None else res.concepts

    assert concepts("traite") == frozenset({TIP})
    assert concepts("traité") == frozenset({"treaty"})
    assert concepts("TRAITÉ") == frozenset({"treaty"})
    assert concepts("traite", "instrument") == frozenset({"treaty"})  # only the treaty is left in that slot


def test_slot_restricts_vocabularies(ix: VocabIndex) -> None:
    assert ix.resolve("formation", "instrument") is None
    assert ix.resolve("formation", "content") is not None
    assert ix.resolve("formation", "no-such-slot") is None
    assert ix.resolve("formation", None) is not None
    assert ix.resolve("rien à voir", "content") is None
    assert ix.resolve("", "content") is None
    assert ix.resolve("de la", None) is None


def test_observance_variants(ix: VocabIndex) -> None:
    a = ix.resolve("journée mondiale de lutte contre la traite des êtres humains", "occasion")
    b = ix.resolve("Journée internationale de lutte contre la traite des êtres humains", "occasion")
    assert a is not None and b is not None
    assert a.concepts == b.concepts == {WORLD_DAY}
    assert not a.nonstandard and not b.nonstandard
    seed = (
        "les deux pays célèbrent la journée mondiale de lutte contre le trafic des êtres humains "
        "(immigration, drogue, prostitution, blanchiment d'argent)"
    )
    res = ix.resolve(seed, "occasion", "fr")
    assert res is not None
    assert (res.concepts, res.nonstandard, res.exact) == (frozenset({WORLD_DAY}), True, False)
    assert res.preferred == ("Journée mondiale de la lutte contre la traite d'êtres humains",)
    assert res.note == (
        "« trafic » stands for « traite » here: the day concerns trafficking in persons, and its UN name "
        "says « traite d'êtres humains »."
    )
    assert ix.properties(WORLD_DAY)["date"] == "--07-30"
    assert ix.properties(WORLD_DAY)["establishedBy"] == "A/RES/68/192"


def test_resolutions_are_cached(ix: VocabIndex) -> None:
    first = ix.resolve("lancent une coopération", "instrument", "fr")
    assert ix.resolve("lancent une coopération", "instrument", "fr") is first


# -- hierarchy and lookup -----------------------------------------------------------------------------


def test_ancestors_and_descendants(ix: VocabIndex) -> None:
    instruments = ix.vocabularies["instruments"]
    assert instruments.ancestors("declaration-of-understanding") == {
        "declaration",
        "non-binding-instrument",
        "agreement",
        "cooperation",
    }
    assert instruments.descendants("binding-instrument") == {
        "treaty",
        "international-convention",
        "framework-agreement",
        "protocol",
        "exchange-of-notes",
    }
    assert ix.broader_chain("mock-trial") == ("training", "capacity-building")
    assert ix.vocabulary_of(TIP).id == "offences"
    assert "cooperation" in instruments and "cooperation" in ix and "nope" not in ix
    with pytest.raises(KeyError):
        ix.ancestors("nope")


def test_nearest_common_ancestor(ix: VocabIndex) -> None:
    assert ix.nearest_common_ancestor(TIP, SOM) == "transnational-organized-crime"
    assert ix.nearest_common_ancestor(TIP, "terrorism") == "crime"
    assert ix.nearest_common_ancestor(TIP, "irregular-migration") is None
    assert ix.nearest_common_ancestor({TIP, SOM}, "drug-trafficking") == "transnational-organized-crime"
    assert ix.nearest_common_ancestor("treaty", "agreement") == "agreement"
    assert ix.label("transnational-organized-crime", "fr") == "criminalité transnationale organisée"
    assert (
        ix.nearest_common_ancestor("declaration-of-intent", "memorandum-of-understanding")
        == "non-binding-instrument"
    )


def test_lookup_ambiguous_label(ix: VocabIndex) -> None:
    found = ix.lookup("trafic d'êtres humains", "fr")
    assert [r["id"] for r in found] == [TIP, SOM]
    tip, som = found
    assert tip == {
        "id": TIP,
        "vocabulary": "offences",
        "prefLabel": {
            "fr": "traite des personnes",
            "en": "trafficking in persons",
            "es": "trata de personas",
            "de": "Menschenhandel",
            "nl": "mensenhandel",
            "ar": "الاتجار بالبشر",
        },
        "matched": "trafic des êtres humains",
        "matchedLang": "fr",
        "exact": True,
        "ambiguous": True,
        "nonstandard": True,
        "note": TRAFIC_NOTE,
        "preferred": "traite des personnes",
        "broader": ["transnational-organized-crime"],
        "broaderChain": ["transnational-organized-crime", "crime"],
        "disjointWith": [SOM, "drug-trafficking", "money-laundering", "terrorism", "irregular-migration"],
        "related": [],
        "exactMatch": [],
        "scopeNote": ix.concept(TIP).scope_note,
        "properties": {
            "instrument": "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children (2000)"
        },
    }
    assert (som["preferred"], som["broaderChain"]) == (
        "trafic illicite de migrants",
        ["transnational-organized-crime", "crime"],
    )


def test_lookup_protocole_d_accord(ix: VocabIndex) -> None:
    [mou] = ix.lookup("protocole d'accord")
    assert (mou["id"], mou["nonstandard"], mou["preferred"], mou["broaderChain"], mou["disjointWith"]) == (
        "memorandum-of-understanding",
        False,
        "mémorandum d'entente",
        ["non-binding-instrument", "agreement", "cooperation"],
        ["binding-instrument"],
    )
    assert mou["properties"] == {"level": 3, "binding": False}
    assert ix.lookup("quelque chose d'inconnu") == []


# -- the built-in files -------------------------------------------------------------------------------


def test_builtin_files(ix: VocabIndex) -> None:
    assert [p.name for p in builtin_vocabulary_paths()] == list(BUILTIN_VOCABULARIES)
    assert list(ix.vocabularies) == [
        "offences",
        "instruments",
        "observances",
        "cooperation",
        "actions",
        "event-kinds",
        "domains",
        "modalities",
    ]
    assert {v.id: v.applies_to for v in ix.vocabularies.values()} == {
        "offences": ("offence", "topic"),
        "instruments": ("instrument",),
        "observances": ("occasion",),
        "cooperation": ("content",),
        "actions": ("action",),
        "event-kinds": ("event-kind", "occasion"),
        "domains": ("domain",),
        "modalities": ("modality",),
    }
    for cid in ix.concept_ids:  # every concept speaks both languages
        assert set(ix.concept(cid).pref_label) >= {"fr", "en"}, cid


def test_builtin_instruments_carry_level_and_binding(ix: VocabIndex) -> None:
    for cid in ix.vocabularies["instruments"]:
        props = ix.properties(cid)
        assert props["level"] in (0, 1, 2, 3) and props["binding"] in (True, False, None), cid
    assert ix.properties("treaty")["binding"] is True
    assert ix.properties("declaration-of-understanding")["binding"] is False
    assert ix.properties("cooperation")["level"] == 0


def test_builtin_ambiguous_labels_are_only_the_intended_ones(ix: VocabIndex) -> None:
    # A new label that collides with another concept's after folding, in a slot both serve, shows up here.
    # Across slots a label may repeat: « rencontre » is level-0 cooperation (instrument) and a meeting
    # (event-kind), and resolution only ever looks at the claim's own slot.
    ambiguous = {}
    for v in ix.vocabularies.values():
        for cid in v:
            for text in _labels(ix, cid):
                for slot in v.applies_to:
                    res = ix.resolve(text, slot)
                    if res is not None and res.ambiguous:
                        ambiguous[fold_label(text)] = res.concepts
    assert ambiguous == {
        **{
            key: frozenset({TIP, SOM})
            for key in [
                "trafic etr humain",
                "trafic personn",
                "trafic humain",
                "human traffic",
                "traffic in person",
                "trafficking migrant",
                "migrant trafficking",
            ]
        },
        **{
            key: frozenset({"anti-trafficking", "anti-smuggling"})
            for key in [
                "lutt contr trafic etr humain",
                "lutt contr trafic personn",
                "lutt contr trafic humain",
            ]
        },
    }


def _labels(ix: VocabIndex, cid: str) -> list[str]:
    c = ix.concept(cid)
    return [
        *c.pref_label.values(),
        *(label for labels in c.alt_label.values() for label in labels),
        *(ns.label for ns in c.nonstandard),
    ]


def test_builtin_files_validate_against_the_generated_schema() -> None:
    import jsonschema

    from recoupe.vocab.model import VocabularyFile
    from recoupe.yamlio import parse_yaml

    schema = VocabularyFile.model_json_schema()
    assert schema["$id"] == "https://recoupe.dev/schemas/vocabulary.schema.json"
    for res in builtin_vocabulary_paths():
        data, _ = parse_yaml(res.read_text("utf-8"), res.name)
        jsonschema.validate(data, schema)


# -- loading problems, each with its exact location ---------------------------------------------------


def problems(paths: list[Path], include_builtin: bool = False) -> list[tuple[str, int | None, str, str]]:
    with pytest.raises(InputError) as info:
        load_vocabularies(paths, include_builtin=include_builtin)
    return [(Path(p.file).name, p.line, p.message, p.kind) for p in info.value.problems]


GOOD = """
id: mine
concepts:
  parent:
    prefLabel: {en: parent}
  child:
    prefLabel: {en: child}
    broader: [parent]
"""


def test_unknown_key_says_did_you_mean(tmp_path: Path) -> None:
    f = write(tmp_path / "v.yaml", GOOD.replace("    broader: [parent]", "    broadr: [parent]"))
    assert problems([f]) == [("v.yaml", 7, "unknown key 'broadr' (did you mean 'broader'?)", "unknown-key")]


def test_unknown_top_level_key_and_nonstandard_key(tmp_path: Path) -> None:
    f = write(
        tmp_path / "v.yaml",
        GOOD.replace("concepts:", "appliesto: [offence]\nconcepts:")
        + "    nonstandard:\n      - {label: kid, lang: en, not: childish}\n",
    )
    assert problems([f]) == [
        ("v.yaml", 2, "unknown key 'appliesto' (did you mean 'appliesTo'?)", "unknown-key"),
        ("v.yaml", 10, "unknown key 'not' (did you mean 'note'?)", "unknown-key"),
    ]


def test_unknown_broader_id(tmp_path: Path) -> None:
    f = write(tmp_path / "v.yaml", GOOD.replace("broader: [parent]", "broader: [parnet]"))
    assert problems([f]) == [
        ("v.yaml", 7, "unknown concept 'parnet' in broader (did you mean 'parent'?)", "unknown-concept")
    ]


def test_unknown_ids_in_related_and_disjoint(tmp_path: Path) -> None:
    f = write(tmp_path / "v.yaml", GOOD + "    related: [ghost]\n    disjointWith: [spectre]\n")
    assert problems([f]) == [
        ("v.yaml", 8, "unknown concept 'ghost' in related", "unknown-concept"),
        ("v.yaml", 9, "unknown concept 'spectre' in disjointWith", "unknown-concept"),
    ]


def test_broader_cycle(tmp_path: Path) -> None:
    f = write(
        tmp_path / "v.yaml",
        """
        id: loop
        concepts:
          a:
            prefLabel: {en: alpha}
            broader: [b]
          b:
            prefLabel: {en: beta}
            broader: [c]
          c:
            prefLabel: {en: gamma}
            broader: [a]
          d:
            prefLabel: {en: delta}
            broader: [d]
        """,
    )
    assert problems([f]) == [
        ("v.yaml", 5, "broader cycle: a → b → c → a", "cycle"),
        ("v.yaml", 14, "broader cycle: d → d", "cycle"),
    ]


def test_duplicate_concept_id_across_files(tmp_path: Path) -> None:
    f1 = write(tmp_path / "one.yaml", GOOD)
    f2 = write(tmp_path / "two.yaml", GOOD.replace("id: mine", "id: yours").replace("  parent:", "  other:"))
    assert problems([f1, f2]) == [
        ("two.yaml", 5, f"concept 'child' is already defined in {f1}:5", "duplicate"),
    ]


def test_duplicate_of_a_builtin_concept_and_vocabulary(tmp_path: Path) -> None:
    f = write(
        tmp_path / "v.yaml",
        """
        id: offences
        concepts:
          trafficking-in-persons:
            prefLabel: {fr: traite}
        """,
    )
    assert problems([f], include_builtin=True) == [
        ("v.yaml", 1, "vocabulary 'offences' is already defined in <builtin>/offences.yaml:5", "duplicate"),
    ]
    f = write(tmp_path / "v.yaml", f.read_text().replace("id: offences", "id: mine"))
    assert problems([f], include_builtin=True) == [
        (
            "v.yaml",
            3,
            "concept 'trafficking-in-persons' is already defined in <builtin>/offences.yaml:44; "
            "to add labels, broader links or notes to it, list it under `extend:`",
            "duplicate",
        ),
    ]


def test_disjoint_with_own_ancestor_and_with_itself(tmp_path: Path) -> None:
    f = write(
        tmp_path / "v.yaml",
        GOOD
        + """
    disjointWith: [parent]
  grandchild:
    prefLabel: {en: grandchild}
    broader: [child]
  odd:
    prefLabel: {en: odd}
    disjointWith: [odd]
""",
    )
    assert problems([f]) == [
        ("v.yaml", 9, "concept 'child' is declared disjoint with its own ancestor 'parent'", "disjoint"),
        ("v.yaml", 15, "concept 'odd' is declared disjoint with itself", "disjoint"),
    ]


def test_under_two_disjoint_concepts(tmp_path: Path) -> None:
    f = write(
        tmp_path / "v.yaml",
        """
        id: mine
        concepts:
          cat: {prefLabel: {en: cat}, disjointWith: [dog]}
          dog: {prefLabel: {en: dog}}
          catdog: {prefLabel: {en: catdog}, broader: [cat, dog]}
        """,
    )
    assert problems([f]) == [
        (
            "v.yaml",
            5,
            "concept 'catdog' falls under both 'cat' and 'dog', which are declared disjoint",
            "disjoint",
        )
    ]


def test_exact_match_that_merges_disjoint_concepts(tmp_path: Path) -> None:
    f = write(
        tmp_path / "v.yaml",
        """
        id: mine
        concepts:
          cat: {prefLabel: {en: cat}, disjointWith: [dog], exactMatch: ["urn:x:pet"]}
          dog: {prefLabel: {en: dog}, exactMatch: ["urn:x:pet"]}
        """,
    )
    assert problems([f]) == [
        (
            "v.yaml",
            3,
            "concept 'cat' cannot have members: through exactMatch it falls under concepts declared disjoint",
            "disjoint",
        )
    ]


def test_label_that_folds_to_nothing(tmp_path: Path) -> None:
    f = write(
        tmp_path / "v.yaml", GOOD.replace("prefLabel: {en: child}", "prefLabel: {en: child, fr: de la}")
    )
    assert problems([f]) == [
        ("v.yaml", 6, "label 'de la' has no words left once articles are folded", "label")
    ]


def test_all_problems_at_once_across_files(tmp_path: Path) -> None:
    bad_key = write(tmp_path / "a.yaml", GOOD.replace("prefLabel: {en: parent}", "preflabel: {en: parent}"))
    bad_refs = write(
        tmp_path / "b.yaml",
        """
        id: other
        concepts:
          x:
            prefLabel: {en: x}
            broader: [parent, nowhere]
          y:
            prefLabel: {en: y}
            broader: [z]
          z:
            prefLabel: {en: z}
            broader: [y]
          child:
            prefLabel: {en: child again}
        """,
    )
    assert problems([bad_key, bad_refs]) == [
        # one problem for a misspelled key, not also the field it was meant to be as missing
        ("a.yaml", 4, "unknown key 'preflabel' (did you mean 'prefLabel'?)", "unknown-key"),
        ("b.yaml", 5, "unknown concept 'nowhere' in broader", "unknown-concept"),
        ("b.yaml", 8, "broader cycle: y → z → y", "cycle"),
    ]
    # 'parent' is not called unknown although its file is invalid; 'child' is not reported twice: a.yaml
    # was rejected, so b.yaml's 'child' is the only valid one.


def test_not_a_mapping_and_bad_yaml(tmp_path: Path) -> None:
    f = write(tmp_path / "v.yaml", "- just\n- a list\n")
    g = write(tmp_path / "w.yaml", "id: [unclosed\n")
    found = problems([f, g])
    assert [(name, kind) for name, _, _, kind in found] == [("v.yaml", "type"), ("w.yaml", "syntax")]


def test_from_data_builds_in_memory() -> None:
    ix = VocabIndex.from_data([("mem", {"id": "m", "concepts": {"a": {"prefLabel": {"en": "alpha"}}}})])
    res = ix.resolve("Alphas")
    assert res is not None and res.concepts == {"a"}
    with pytest.raises(InputError) as info:
        VocabIndex.from_data([("mem", {"id": "m", "concepts": {"a": {"prefLabel": {}}}})])
    assert [(p.file, p.line, p.pointer, p.kind) for p in info.value.problems] == [
        ("mem", None, "/concepts/a/prefLabel", "type")
    ]
