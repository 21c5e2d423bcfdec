"""YAML rules: each kind from a rule file, with its exact findings; located load errors; the CEL sandbox."""

from __future__ import annotations

import string
import textwrap
from pathlib import Path
from typing import Any, get_args

import pytest

from recoupe.engine import Engine, Selection
from recoupe.errors import InputError, Problem
from recoupe.findings import CATEGORIES, Category, Finding
from recoupe.normalize.values import Normalizer
from recoupe.rules.base import Group, Rule
from recoupe.rules.kinds.base import COMMON_FIELDS
from recoupe.rules.kinds.expression import fields_read
from recoupe.rules.kinds.loader import load_rule_files
from recoupe.rules.kinds.model import KINDS, SPECS
from recoupe.testing import Case, build_corpus

Brief = tuple[str, tuple[str, ...], str | None, str]


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer.default()


def rule_file(tmp_path: Path, text: str, name: str = "rules.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def load(tmp_path: Path, text: str) -> list[Rule]:
    return load_rule_files([rule_file(tmp_path, text)])


def run(
    rules: list[Rule],
    normalizer: Normalizer,
    claims: list[dict[str, Any]],
    *,
    sources: dict[str, Any] | None = None,
    events: tuple[str, ...] = (),
    selection: Selection | None = None,
) -> list[Finding]:
    case = Case.model_validate(
        {"name": "t", "claims": claims, "sources": sources or {}, "events": events, "expect": []}
    )
    return Engine(rules, normalizer, selection).run(build_corpus(case))


def brief(findings: list[Finding]) -> list[Brief]:
    """Code, claims, relation and severity of each finding, sorted: what a test must pin exactly."""
    out = []
    for f in findings:
        refs = tuple(sorted(f"{c.source}/{c.claim}" for c in f.claims))
        out.append((f.code, refs, f.relation.value if f.relation else None, f.severity.value))
    return sorted(out)


def problems(paths: list[Path], **kw: Any) -> list[Problem]:
    with pytest.raises(InputError) as info:
        load_rule_files(paths, **kw)
    return info.value.problems


def where(p: Problem) -> tuple[str, int | None, int | None, str, str]:
    return (Path(p.file).name, p.line, p.column, p.pointer, p.kind)


# -- compare -----------------------------------------------------------------------------------------

COMPARE = """
rules:
  - kind: compare
    code: X-CMP001
    name: newsroom.counts
    description: Casualty and attempt counts must agree across sources.
    relations: {DISJOINT: error, NARROWER: info, OVERLAP: warning}
    slots: ["quantity:"]
"""


def test_compare_reports_mapped_relations_each_at_its_severity(
    tmp_path: Path, normalizer: Normalizer
) -> None:
    rules = load(tmp_path, COMPARE)
    findings = run(
        rules,
        normalizer,
        [
            {"source": "a", "id": "c1", "slot": "quantity:dead", "value": "23"},
            {"source": "b", "id": "c2", "slot": "quantity:dead", "value": "37"},
            {"source": "a", "id": "c3", "slot": "quantity:injured", "value": "23"},
            {"source": "b", "id": "c4", "slot": "quantity:injured", "value": "plus de 20"},
            {"source": "a", "id": "c5", "slot": "quantity:attempts", "value": "quelque 15.000"},
            {"source": "b", "id": "c6", "slot": "quantity:attempts", "value": "plus de 14 000"},
            # equal counts: EQUAL is not mapped, so nothing
            {"source": "a", "id": "c7", "slot": "quantity:arrests", "value": "12"},
            {"source": "b", "id": "c8", "slot": "quantity:arrests", "value": "douze"},
            # a contradiction outside the rule's slots
            {"source": "a", "id": "c9", "slot": "offence", "value": "traite des êtres humains"},
            {"source": "b", "id": "c10", "slot": "offence", "value": "trafic illicite de migrants"},
        ],
    )
    assert brief(findings) == [
        ("X-CMP001", ("a/c1", "b/c2"), "DISJOINT", "error"),
        ("X-CMP001", ("a/c3", "b/c4"), "NARROWER", "info"),
        ("X-CMP001", ("a/c5", "b/c6"), "OVERLAP", "warning"),
    ]
    by_relation = {f.relation.value: f for f in findings if f.relation}
    assert by_relation["DISJOINT"].category == "contradiction"
    assert by_relation["NARROWER"].category == "less-specific"
    assert (
        by_relation["DISJOINT"].message
        == "a says « 23 », b says « 37 »: DISJOINT (quantity:dead of the event)"
    )
    rule = rules[0]
    assert (rule.code, rule.name, rule.kind, rule.severity.value) == (
        "X-CMP001",
        "newsroom.counts",
        "compare",
        "error",
    )
    assert rule.summary() == "Casualty and attempt counts must agree across sources."
    assert rule.origin == f"{tmp_path / 'rules.yaml'}:2"


def test_a_severity_set_in_config_wins_over_the_relations_severity(
    tmp_path: Path, normalizer: Normalizer
) -> None:
    rules = load(tmp_path, COMPARE)
    findings = run(
        rules,
        normalizer,
        [
            {"source": "a", "id": "c1", "slot": "quantity:dead", "value": "23"},
            {"source": "b", "id": "c2", "slot": "quantity:dead", "value": "37"},
        ],
        selection=Selection(severity={"newsroom": "info"}),
    )
    assert brief(findings) == [("X-CMP001", ("a/c1", "b/c2"), "DISJOINT", "info")]


def test_compare_by_type_and_with_a_message_template(tmp_path: Path, normalizer: Normalizer) -> None:
    rules = load(
        tmp_path,
        """
        rules:
          - kind: compare
            code: X-CMP002
            name: newsroom.dates
            description: Dates must agree.
            relations: {DISJOINT: warning}
            types: [date]
            message: "{left_source} dates it {left}, {right_source} {right} ({relation}, {slot} of {subject})"
        """,
    )
    findings = run(
        rules,
        normalizer,
        [
            {"source": "a", "id": "c1", "slot": "date", "value": "1er août 2022"},
            {"source": "b", "id": "c2", "slot": "date", "value": "3 août 2022"},
            {"source": "a", "id": "c3", "slot": "quantity:dead", "value": "23"},
            {"source": "b", "id": "c4", "slot": "quantity:dead", "value": "37"},
        ],
        sources={"b": {"outlet": "Le360"}},
    )
    assert brief(findings) == [("X-CMP002", ("a/c1", "b/c2"), "DISJOINT", "warning")]
    assert (
        findings[0].message == "a dates it 1er août 2022, b (Le360) 3 août 2022 (DISJOINT, date of the event)"
    )


# -- consistency -------------------------------------------------------------------------------------


def test_consistency_flags_a_source_that_mixes_terms(tmp_path: Path, normalizer: Normalizer) -> None:
    rules = load(
        tmp_path,
        """
        rules:
          - kind: consistency
            code: X-CON001
            name: newsroom.declaration-names
            description: Name the declaration one way throughout an article.
            terms: [déclaration d'entente, declaration-of-intent]
            slots: [instrument]
        """,
    )
    findings = run(
        rules,
        normalizer,
        [
            # a mixes them: a label (folded: article, typographic apostrophe) and a concept id's wording
            {"source": "a", "id": "c1", "slot": "instrument", "value": "la déclaration d’entente"},
            {"source": "a", "id": "c2", "slot": "instrument", "value": "lettre d'intention"},
            {"source": "a", "id": "c3", "slot": "instrument", "value": "coopération"},  # neither term
            # b says « déclaration d'entente » twice: consistent
            {"source": "b", "id": "c4", "slot": "instrument", "value": "déclaration d'entente"},
            {"source": "b", "id": "c5", "slot": "instrument", "value": "Déclaration d'entente"},
        ],
    )
    assert brief(findings) == [("X-CON001", ("a/c1", "a/c2"), None, "warning")]
    assert findings[0].category == "intra-source"
    assert findings[0].message == (
        "a mixes 2 terms for the instrument of the event: « la déclaration d’entente », « lettre d'intention »"
    )


# -- substitution ------------------------------------------------------------------------------------


def test_substitution_suggests_the_preferred_term(tmp_path: Path, normalizer: Normalizer) -> None:
    rules = load(
        tmp_path,
        """
        rules:
          - kind: substitution
            code: X-SUB001
            name: newsroom.traite
            description: « Trafic des êtres humains » is ambiguous; the offence is « traite ».
            avoid: [trafic des êtres humains, trafic d'êtres humains]
            prefer: traite des êtres humains
            severity: info
        """,
    )
    findings = run(
        rules,
        normalizer,
        [
            {"source": "a", "id": "c1", "slot": "offence", "value": "Trafic des êtres humains"},
            {"source": "b", "id": "c2", "slot": "offence", "value": "traite des êtres humains"},
            {"source": "b", "id": "c3", "slot": "topic", "value": ["migrations", "trafic d’êtres humains"]},
        ],
    )
    assert brief(findings) == [
        ("X-SUB001", ("a/c1",), None, "info"),
        ("X-SUB001", ("b/c3",), None, "info"),
    ]
    assert {f.suggestion for f in findings} == {"traite des êtres humains"}
    assert {f.category for f in findings} == {"terminology"}
    assert sorted(f.message for f in findings) == [
        "a writes « Trafic des êtres humains » for the offence of the event: prefer « traite des êtres humains »",
        "b writes « trafic d’êtres humains » for the topic of the event: prefer « traite des êtres humains »",
    ]


# -- require -----------------------------------------------------------------------------------------


def test_require_checks_every_event_even_one_without_the_slot(tmp_path: Path, normalizer: Normalizer) -> None:
    rules = load(
        tmp_path,
        """
        rules:
          - kind: require
            code: X-REQ001
            name: newsroom.date-corroborated
            description: Every event's date must be stated by two sources.
            slot: date
            min_sources: 2
            severity: error
        """,
    )
    findings = run(
        rules,
        normalizer,
        [
            {"source": "a", "id": "c1", "slot": "date", "value": "1er août 2022", "event": "e1"},
            {
                "source": "b",
                "id": "c2",
                "slot": "date",
                "value": "1er août 2022",
                "event": "e1",
                "negated": True,
            },
            {"source": "a", "id": "c3", "slot": "date", "value": "2 août 2022", "event": "e2"},
            {"source": "b", "id": "c4", "slot": "date", "value": "2 août 2022", "event": "e2"},
        ],
        events=("e1", "e2", "e3"),
    )
    assert brief(findings) == [
        ("X-REQ001", (), None, "error"),
        ("X-REQ001", ("a/c1",), None, "error"),
    ]
    by_event = {f.event: f for f in findings}
    assert set(by_event) == {"e1", "e3"}
    assert (by_event["e3"].slot, by_event["e3"].subject, by_event["e3"].category) == (
        "date",
        "",
        "uncorroborated",
    )
    assert by_event["e1"].message == "the date of the event is stated by 1 source(s) (a); at least 2 required"
    assert (
        by_event["e3"].message == "the date of the event is stated by 0 source(s) (none); at least 2 required"
    )


# -- expression --------------------------------------------------------------------------------------


def test_expression_is_evaluated_once_per_group(tmp_path: Path, normalizer: Normalizer) -> None:
    rules = load(
        tmp_path,
        """
        rules:
          - kind: expression
            code: X-EXP001
            name: newsroom.hedged-alone
            description: A point only hedged sources make.
            when: claims.all(c, c.hedged) && size(group.sources) >= 1
            message: "only hedged: {values} ({count} claims from {sources})"
          - kind: expression
            code: X-EXP002
            name: newsroom.reference-contradicted
            description: An article contradicts the reference.
            severity: error
            slots: [date]
            when: |
              pairs.exists(p, p.relation == "DISJOINT"
                && claims.exists(c, c.source == p.left_source && c.source_kind == "reference"))
        """,
    )
    findings = run(
        rules,
        normalizer,
        [
            {"source": "a", "id": "c1", "slot": "quantity:dead", "value": "23", "hedged": True},
            {"source": "b", "id": "c2", "slot": "quantity:dead", "value": "24", "hedged": True},
            {"source": "a", "id": "c3", "slot": "offence", "value": "traite des êtres humains"},
            {"source": "ref", "id": "r1", "slot": "date", "value": "1er août 2022"},
            {"source": "b", "id": "c4", "slot": "date", "value": "3 août 2022"},
        ],
        sources={"ref": {"kind": "reference"}},
    )
    assert brief(findings) == [
        ("X-EXP001", ("a/c1", "b/c2"), None, "warning"),
        ("X-EXP002", ("b/c4", "ref/r1"), None, "error"),
    ]
    hedged = next(f for f in findings if f.code == "X-EXP001")
    assert hedged.message == "only hedged: « 23 », « 24 » (2 claims from a, b)"
    assert hedged.category == "custom"


def test_pairs_are_only_computed_for_expressions_that_read_them(
    tmp_path: Path, normalizer: Normalizer
) -> None:
    rules = load(
        tmp_path,
        """
        rules:
          - {kind: expression, code: X-EXP003, name: x.size, description: d, when: "group.size > 1"}
        """,
    )
    case = Case.model_validate(
        {
            "name": "t",
            "claims": [
                {"source": "a", "id": "c1", "slot": "quantity:dead", "value": "23"},
                {"source": "b", "id": "c2", "slot": "quantity:dead", "value": "37"},
            ],
            "expect": [],
        }
    )
    corpus = build_corpus(case)
    engine = Engine(rules, normalizer)
    engine.normalize(corpus)
    from recoupe.rules.base import RuleContext

    group = Group(("e", "", "quantity:dead"), corpus.claims, RuleContext(normalizer, corpus.sources))
    assert [d.claims for d in rules[0].check(group)] == [tuple(corpus.claims)]
    assert "cross_source_pairs" not in group.__dict__
    # and claim maps hold only the fields an expression names
    assert fields_read("claims.exists(c, c.hedged) && group.size > 1 && pairs[0].relation == 'EQUAL'") == {
        "hedged",
        "size",
        "relation",
    }


def test_an_expression_failing_on_a_group_is_an_error_finding_naming_the_rule(
    tmp_path: Path, normalizer: Normalizer
) -> None:
    # The sample data at load time has quotes and two claims, so both expressions compile; real groups
    # then lack a quote (null has no startsWith) or have one claim (the result is a string).
    rules = load(
        tmp_path,
        """
        rules:
          - kind: expression
            code: X-EXP004
            name: newsroom.quoted
            description: d
            when: claims[0].quote.startsWith("«")
          - kind: expression
            code: X-EXP005
            name: newsroom.not-bool
            description: d
            when: 'size(claims) > 1 ? true : claims[0].value'
        """,
    )
    findings = run(rules, normalizer, [{"source": "a", "id": "c1", "slot": "quantity:dead", "value": "23"}])
    assert brief(findings) == [
        ("X-EXP004", ("a/c1",), None, "error"),
        ("X-EXP005", ("a/c1",), None, "error"),
    ]
    first, second = sorted(findings, key=lambda f: f.code)
    file = tmp_path / "rules.yaml"
    assert first.category == second.category == "custom"
    assert first.message.startswith(
        f"rule X-EXP004 ({file}:2) could not be evaluated on the quantity:dead of the event: "
    )
    assert second.message == (
        f"rule X-EXP005 ({file}:7) could not be evaluated on the quantity:dead of the event: "
        "the expression must give true or false, not a string '23'"
    )


# -- located load errors -----------------------------------------------------------------------------


def test_unknown_kind_missing_field_and_bad_severity_are_located(tmp_path: Path) -> None:
    path = rule_file(
        tmp_path,
        """
        rules:
          - kind: comparre
            code: X-BAD001
            name: x.a
            description: d
          - kind: substitution
            code: X-BAD002
            name: x.b
            description: d
            avoid: [a]
          - kind: require
            code: X-BAD003
            name: x.c
            description: d
            slot: date
            severity: fatal
          - code: X-BAD004
            name: x.d
        """,
    )
    found = problems([path])
    assert [(*where(p), p.message) for p in found] == [
        (
            "rules.yaml", 2, 11, "/rules/0/kind", "unknown-kind",
            "unknown kind 'comparre' (did you mean 'compare'?); the kinds are compare, consistency, "
            "substitution, require, expression, sum",
        ),
        ("rules.yaml", 6, 5, "/rules/1/prefer", "missing", "missing required field 'prefer'"),
        (
            "rules.yaml", 16, 15, "/rules/2/severity", "type",
            "input should be 'error', 'warning' or 'info' (got 'fatal')",
        ),
        (
            "rules.yaml", 17, 5, "/rules/3", "missing",
            "missing required field 'kind': one of compare, consistency, substitution, require, expression, sum",
        ),
    ]  # fmt: skip


def test_unknown_key_slot_and_placeholder_are_located(tmp_path: Path) -> None:
    path = rule_file(
        tmp_path,
        """
        rules:
          - kind: substitution
            code: X-BAD001
            name: x.a
            description: d
            avoid: [a]
            prefer: b
            slots: [offense]
            message: "{source} wrote {valeu}"
          - kind: compare
            code: X-BAD002
            name: x.b
            description: d
            relation: {DISJOINT: error}
        """,
    )
    found = problems([path])
    assert [(*where(p), p.message) for p in found] == [
        ("rules.yaml", 8, 13, "/rules/0/slots/0", "unknown-slot", "unknown slot 'offense' (did you mean 'offence'?)"),
        (
            "rules.yaml", 9, 14, "/rules/0/message", "template",
            "unknown placeholder '{valeu}' (did you mean {value}?); this kind allows {event}, {subject}, "
            "{slot}, {label}, {code}, {name}, {source}, {value}, {prefer}",
        ),
        (
            "rules.yaml", 14, 5, "/rules/1/relation", "unknown-key",
            "unknown key 'relation' (did you mean 'relations'?)",
        ),
    ]  # fmt: skip


def test_codes_and_names_must_be_unique_across_files_and_builtins(tmp_path: Path) -> None:
    one = rule_file(
        tmp_path,
        """
        rules:
          - {kind: require, code: X-REQ001, name: x.date, description: d, slot: date}
          - {kind: require, code: CMP004, name: x.place, description: d, slot: place}
        """,
        "one.yaml",
    )
    two = rule_file(
        tmp_path,
        """
        rules:
          - {kind: require, code: X-REQ001, name: x.other, description: d, slot: date}
        """,
        "two.yaml",
    )
    found = problems([tmp_path])
    assert [(*where(p), p.message) for p in found] == [
        (
            "one.yaml", 3, 27, "/rules/1/code", "duplicate-code",
            "code 'CMP004' is already used by the built-in rule CMP004 compare.contradiction",
        ),
        (
            "two.yaml", 2, 27, "/rules/0/code", "duplicate-code",
            f"code 'X-REQ001' is already used by the rule at {one}:2",
        ),
    ]  # fmt: skip
    assert two.exists()


def test_cel_syntax_error_is_located_in_the_file(tmp_path: Path) -> None:
    path = rule_file(
        tmp_path,
        """
        rules:
          - kind: expression
            code: X-CEL001
            name: x.one-line
            description: d
            when: size(claims) >
          - kind: expression
            code: X-CEL002
            name: x.quoted
            description: d
            when: "claims.exists(c, c.hedged"
          - kind: expression
            code: X-CEL003
            name: x.block
            description: d
            when: |
              claims.exists(c, c.hedged)
                && group.size >== 2
          - kind: expression
            code: X-CEL004
            name: x.folded
            description: d
            when: >
              claims.exists(c, c.hedged)
              && group.size >== 2
        """,
    )
    found = problems([path])
    assert [(*where(p), p.message) for p in found] == [
        # one line: the column in the file is the value's column plus the column in the expression
        (
            "rules.yaml", 6, 25, "/rules/0/when", "cel-syntax",
            "CEL syntax error: mismatched input '<EOF>' (at expression line 1, column 15)",
        ),
        (
            "rules.yaml", 11, 37, "/rules/1/when", "cel-syntax",
            "CEL syntax error: missing ')' at '<EOF>' (at expression line 1, column 26)",
        ),
        # a literal block keeps lines: expression line 2 is the file's line 18
        (
            "rules.yaml", 18, 25, "/rules/2/when", "cel-syntax",
            "CEL syntax error: token recognition error at: '= ' (at expression line 2, column 19)",
        ),
        # a folded block joins lines: we point at the `when:` key and give the place in the expression
        (
            "rules.yaml", 23, None, "/rules/3/when", "cel-syntax",
            "CEL syntax error: token recognition error at: '= ' (at expression line 1, column 44)",
        ),
    ]  # fmt: skip


def test_unknown_variable_field_and_non_boolean_are_load_errors(tmp_path: Path) -> None:
    path = rule_file(
        tmp_path,
        """
        rules:
          - {kind: expression, code: X-CEL001, name: x.a, description: d, when: "claim.hedged"}
          - {kind: expression, code: X-CEL002, name: x.b, description: d, when: "claims.exists(c, c.hedge)"}
          - {kind: expression, code: X-CEL003, name: x.c, description: d, when: "size(claims)"}
          - {kind: expression, code: X-CEL004, name: x.d, description: d, when: "claims.exists(c, c.value.lower() == 'x')"}
        """,
    )
    found = problems([path])
    assert [(*where(p), p.message) for p in found] == [
        (
            "rules.yaml", 2, 74, "/rules/0/when", "cel-name",
            "unknown variable 'claim' (did you mean 'claims'?); the variables are claims, group, pairs "
            "(at expression line 1, column 1)",
        ),
        (
            "rules.yaml", 3, 93, "/rules/1/when", "cel-name",
            "unknown field 'hedge' (did you mean 'hedged'?) (at expression line 1, column 20)",
        ),
        (
            "rules.yaml", 4, 74, "/rules/2/when", "cel-type",
            "the expression must give true or false, not an int (at expression line 1, column 1)",
        ),
        (
            "rules.yaml", 5, 99, "/rules/3/when", "cel-name",
            "unknown function 'lower' (at expression line 1, column 26)",
        ),
    ]  # fmt: skip


# -- sandbox -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "kind"),
    [
        ("__import__('os').system('touch pwned')", "cel-name"),  # no such function in CEL
        ("open('/etc/passwd') != null", "cel-name"),
        ("group.__class__ != null", "cel-name"),  # maps have keys, not Python attributes
        ("eval('1') == 1", "cel-name"),
        ("exec == null", "cel-name"),
    ],
)
def test_an_expression_cannot_reach_python(tmp_path: Path, expression: str, kind: str) -> None:
    path = rule_file(
        tmp_path,
        """
        rules:
          - kind: expression
            code: X-SBX001
            name: x.sandbox
            description: d
            when: |
              EXPRESSION
        """.replace("EXPRESSION", expression),
    )
    found = problems([path])
    assert [p.kind for p in found] == [kind]
    assert not (tmp_path / "pwned").exists()


def test_a_placeholder_cannot_reach_python_objects(tmp_path: Path) -> None:
    path = rule_file(
        tmp_path,
        """
        rules:
          - kind: substitution
            code: X-SBX002
            name: x.format
            description: d
            avoid: [a]
            prefer: b
            message: "{source.__class__.__mro__}"
        """,
    )
    found = problems([path])
    assert [(*where(p), p.message) for p in found] == [
        (
            "rules.yaml", 8, 14, "/rules/0/message", "template",
            "placeholder '{source.__class__.__mro__}' must be a plain name, e.g. {event}",
        )
    ]  # fmt: skip


def test_the_category_type_lists_every_category() -> None:
    assert get_args(Category) == CATEGORIES


def test_the_kinds_are_the_union_s_members_each_in_its_module() -> None:
    assert KINDS == ("compare", "consistency", "substitution", "require", "expression", "sum")
    for kind in KINDS:
        spec, rule = SPECS[kind], SPECS[kind].rule_class  # a spec without @rule_of has no rule_class
        assert (rule.kind, spec.__module__, rule.__module__) == (
            kind,
            f"recoupe.rules.kinds.{kind}",
            f"recoupe.rules.kinds.{kind}",
        )


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_s_default_message_uses_only_its_placeholders(kind: str) -> None:
    rule = SPECS[kind].rule_class
    used = {f for _, f, _, _ in string.Formatter().parse(rule.default_message) if f}
    assert used and used <= {*COMMON_FIELDS, *rule.placeholders}
