"""The report formats: exact output on a tiny hand-made run, schema validity, escaping, self-containment."""

from __future__ import annotations

import html
import json
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from recoupe.corpus import Corpus, LoadedClaim
from recoupe.findings import ClaimRef, Finding, Severity, Suppression, fingerprint
from recoupe.load import load_corpus
from recoupe.normalize.relation import Relation
from recoupe.reporters import REPORTER_PATHS, REPORTERS, get_reporter, reporter_class
from recoupe.reporters.base import ReportData, Reporter
from recoupe.rules.base import Rule
from tests.conftest import ROOT, SEED, SHARED, sha, write

SARIF_SCHEMA = SHARED / "testdata" / "sarif-schema-2.1.0.json"
REPORT_SCHEMA = ROOT / "src" / "recoupe" / "schemas" / "report.schema.json"

TEXT_A = "Le Maroc et le Niger ont signé une déclaration d\u2019entente contre la traite des êtres humains, à Rabat.\n"
TEXT_B = "Le Maroc et le Niger lancent une coopération contre le trafic des êtres humains, à Rabat.\n"


def write_source(
    folder: Path, sid: str, text: str, claims: str, *, title: str = "T", pin: str | None = None
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{sid}.txt").write_text(text, encoding="utf-8")
    write(
        folder / f"{sid}.yaml",
        f"id: {sid}\ntitle: {json.dumps(title)}\nlanguage: fr\ntext:\n  path: {sid}.txt\n"
        f"  sha256: {pin or sha(text)}\nclaims:\n"
        + textwrap.indent(textwrap.dedent(claims).strip("\n"), "  ")
        + "\n",
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    """Event `ev` with sources `a` and `b`; in `a`, two quotes overlap ('ont signé')."""
    folder = tmp_path / "claims" / "ev"
    write(folder / "event.yaml", "id: ev\ntitle: Signing in Rabat\ndate: 2022-08-01\nplace: Rabat\n")
    write_source(
        folder,
        "a",
        TEXT_A,
        """
        - {id: parties, slot: parties, value: [Maroc, Niger], quote: "Le Maroc et le Niger ont signé"}
        - {id: action, slot: action, value: ont signé, quote: "ont signé une déclaration"}
        - {id: instrument, slot: instrument, value: "déclaration d'entente", quote: "une déclaration d'entente"}
        - {id: offence, slot: offence, value: traite des êtres humains, quote: "la traite des êtres humains"}
        - {id: place, slot: place, value: Rabat, quote: "à Rabat"}
        """,
    )
    write_source(
        folder,
        "b",
        TEXT_B,
        """
        - {id: instrument, slot: instrument, value: coopération, quote: "une coopération"}
        - {id: offence, slot: offence, value: trafic des êtres humains, quote: "le trafic des êtres humains"}
        - {id: place, slot: place, value: Rabat, quote: "à Rabat"}
        """,
    )
    return load_corpus([tmp_path / "claims"], display_root=tmp_path.resolve())


def ref(corpus: Corpus, source: str, claim: str) -> ClaimRef:
    c = corpus.claim(source, claim)
    assert c is not None
    return claim_ref(c)


def claim_ref(c: LoadedClaim) -> ClaimRef:
    raw = c.claim.value
    value = ", ".join(raw) if isinstance(raw, list) else str(raw)
    return ClaimRef(c.source, c.id, c.file, c.line, value, value.lower(), c.claim.quote, c.start, c.end)


def finding(
    code: str,
    name: str,
    severity: Severity,
    category: str,
    slot: str,
    message: str,
    claims: list[ClaimRef],
    *,
    event: str = "ev",
    subject: str = "",
    relation: Relation | None = None,
    suggestion: str | None = None,
    suppressed: Suppression | None = None,
) -> Finding:
    return Finding(
        code,
        name,
        severity,
        category,
        event,
        subject,
        slot,
        message,
        tuple(claims),
        relation,
        suggestion,
        fingerprint(code, event, subject, slot, claims),
        suppressed,
    )


class Contradiction(Rule):
    """Two sources state disjoint values.

    Passing: « Rabat » and « à Rabat ». Failing: « 1 août » and « 3 août ».
    """

    code = "CMP004"
    name = "compare.contradiction"
    category = "contradiction"
    severity = Severity.ERROR


class LessSpecific(Rule):
    """One source is less precise than another."""

    code = "CMP002"
    name = "compare.less-specific"
    category = "less-specific"
    severity = Severity.WARNING


class Agreement(Rule):
    """The sources agree."""

    code = "CMP001"
    name = "compare.agreement"
    category = "agreement"
    severity = Severity.INFO


@pytest.fixture
def data(corpus: Corpus) -> ReportData:
    findings = [
        finding(
            "CMP004",
            "compare.contradiction",
            Severity.ERROR,
            "contradiction",
            "offence",
            "« traite » and « trafic » name different offences",
            [ref(corpus, "a", "offence"), ref(corpus, "b", "offence")],
            relation=Relation.DISJOINT,
            suggestion="Check which offence the agreement covers.",
        ),
        finding(
            "CMP002",
            "compare.less-specific",
            Severity.WARNING,
            "less-specific",
            "instrument",
            "« coopération » is less specific than « déclaration d'entente »",
            [ref(corpus, "b", "instrument"), ref(corpus, "a", "instrument")],
            relation=Relation.BROADER,
        ),
        finding(
            "CMP001",
            "compare.agreement",
            Severity.INFO,
            "agreement",
            "place",
            "the sources agree: Rabat",
            [ref(corpus, "a", "place"), ref(corpus, "b", "place")],
            relation=Relation.EQUAL,
        ),
        finding(
            "TRM001",
            "terms.nonstandard",
            Severity.WARNING,
            "terminology",
            "offence",
            "« trafic des êtres humains » is not the legal term",
            [ref(corpus, "b", "offence")],
            suppressed=Suppression("waiver", "the outlet's wording"),
        ),
    ]
    return ReportData(
        findings=findings, corpus=corpus, rules=[Contradiction(), LessSpecific(), Agreement()], baselined=2
    )


# -- registry ---------------------------------------------------------------------------------------


def test_registry_lists_every_format_and_builds_each() -> None:
    assert list(REPORTERS) == [
        "text", "markdown", "json", "sarif", "junit", "html", "concise", "github", "claimreview"
    ]  # fmt: skip
    assert list(REPORTERS) == list(REPORTER_PATHS)
    suffixes = {name: REPORTERS[name].suffix for name in REPORTERS}
    assert suffixes == {
        "text": ".txt",
        "markdown": ".md",
        "json": ".json",
        "sarif": ".sarif",
        "junit": ".xml",
        "html": ".html",
        "concise": ".txt",
        "github": ".txt",
        "claimreview": ".jsonld",
    }
    assert all(REPORTERS[n].name == n for n in REPORTERS)
    # options a format does not take are dropped; those it takes are passed
    text = get_reporter("text", color=True, width=80, root=Path("."))
    assert (text.color, text.width) == (True, 80)  # type: ignore[attr-defined]
    assert get_reporter("json", color=True, width=80).name == "json"
    with pytest.raises(KeyError, match="unknown report format 'yaml'; use one of: text, markdown"):
        reporter_class("yaml")


def test_listing_the_formats_imports_neither_rich_nor_a_reporter() -> None:
    code = (
        "import sys; from recoupe.reporters import REPORTERS; names = list(REPORTERS); "
        "print(sorted(m for m in sys.modules if m.startswith(('rich', 'recoupe.reporters.'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['recoupe.reporters.registry']"


# -- text -------------------------------------------------------------------------------------------


def test_text_exact_lines(data: ReportData) -> None:
    out = get_reporter("text", color=False, width=100, show_info=True).render(data)
    assert out == textwrap.dedent(
        """\
        ev  Signing in Rabat

          instrument of the event
          warning CMP002  compare.less-specific  [less-specific]
            « coopération » is less specific than « déclaration d'entente »
            ╭────────────────────┬─────────────────────────────╮
            │ b                  │ a                           │
            ├────────────────────┼─────────────────────────────┤
            │ « coopération »    │ « déclaration d'entente »   │
            │ "une coopération"  │ "une déclaration d'entente" │
            │ claims/ev/b.yaml:8 │ claims/ev/a.yaml:10         │
            ╰────────────────────┴─────────────────────────────╯

          offence of the event
          error   CMP004  compare.contradiction  [contradiction]
            « traite » and « trafic » name different offences
            ╭───────────────────────────────┬───────────────────────────────╮
            │ a                             │ b                             │
            ├───────────────────────────────┼───────────────────────────────┤
            │ « traite des êtres humains »  │ « trafic des êtres humains »  │
            │ "la traite des êtres humains" │ "le trafic des êtres humains" │
            │ claims/ev/a.yaml:11           │ claims/ev/b.yaml:9            │
            ╰───────────────────────────────┴───────────────────────────────╯
            suggestion: Check which offence the agreement covers.

          place of the event
          info    CMP001  compare.agreement  [agreement]
            the sources agree: Rabat
            ╭─────────────────────┬─────────────────────╮
            │ a                   │ b                   │
            ├─────────────────────┼─────────────────────┤
            │ « Rabat »           │ « Rabat »           │
            │ "à Rabat"           │ "à Rabat"           │
            │ claims/ev/a.yaml:12 │ claims/ev/b.yaml:10 │
            ╰─────────────────────┴─────────────────────╯

        1 error, 1 warning, 1 info; 1 waived, 2 baselined
        """
    )


def test_text_colour_and_suppressed(data: ReportData) -> None:
    plain = get_reporter("text").render(data)
    assert "\x1b[" not in plain
    assert "TRM001" not in plain  # waived: only counted
    assert plain.splitlines()[-1] == "1 error, 1 warning, 1 info; 1 waived, 2 baselined"
    coloured = get_reporter("text", color=True).render(data)
    assert "\x1b[1;31merror" in coloured  # errors in bold red
    shown = get_reporter("text", show_suppressed=True).render(data)
    assert "TRM001  terms.nonstandard  [terminology]  (waived: the outlet's wording)" in shown


def test_text_claim_markup_is_not_interpreted(corpus: Corpus) -> None:
    f = finding(
        "X1", "x.y", Severity.ERROR, "custom", "place", "[bold red]not markup[/]", [ref(corpus, "a", "place")]
    )
    out = get_reporter("text", color=True).render(ReportData([f], corpus, []))
    assert "[bold red]not markup[/]" in out


# -- markdown ---------------------------------------------------------------------------------------


def test_markdown_summary_and_tables(data: ReportData) -> None:
    out = get_reporter("markdown").render(data)
    lines = out.splitlines()
    assert lines[:4] == [
        "## recoupe report",
        "",
        "❌ **1 error, 1 warning, 1 info; 1 waived, 2 baselined**: 1 finding at or above error.",
        "",
    ]
    assert "| Severity | Findings |\n|:--|--:|\n| error | 1 |\n| warning | 1 |\n| info | 1 |" in out
    assert (
        "| Category | Findings |\n|:--|--:|\n| agreement | 1 |\n| less-specific | 1 |\n| contradiction | 1 |"
        in out
    )
    assert "### `ev`: Signing in Rabat" in out
    offence = out.index("#### offence of the event")
    assert out[offence:].splitlines()[:10] == [
        "#### offence of the event",
        "",
        "**error** `CMP004` compare.contradiction (contradiction): « traite » and « trafic » name different offences",
        "",
        "| Source | Wording | Quote | Line |",
        "|:--|:--|:--|:--|",
        "| a | traite des êtres humains | la traite des êtres humains | claims/ev/a.yaml:11 |",
        "| b | trafic des êtres humains | le trafic des êtres humains | claims/ev/b.yaml:9 |",
        "",
        "> **Suggestion:** Check which offence the agreement covers.",
    ]
    assert "TRM001" not in out  # waived: counted, not listed


def test_markdown_folds_info_and_stays_under_the_comment_limit(data: ReportData) -> None:
    out = get_reporter("markdown").render(data)
    assert "#### place of the event" not in out  # info only: no table of its own
    block = out[out.index("<details>") :]
    assert block.splitlines() == [
        "<details><summary>1 info finding</summary>",
        "",
        "- `CMP001` place of the event: the sources agree: Rabat (claims/ev/a.yaml:12, claims/ev/b.yaml:10)",
        "",
        "</details>",
    ]
    short = get_reporter("markdown", max_chars=1200).render(data)
    assert len(short) <= 1200
    # errors first, whatever their event: the contradiction is shown, the rest counted
    assert "`CMP004`" in short and "`CMP002`" not in short and "<details>" not in short
    assert (
        short.splitlines()[-1]
        == "_2 more findings not shown: the comment would be too long. See the full report._"
    )
    for limit in range(600, 2600, 50):  # never past the limit, wherever it cuts
        assert len(get_reporter("markdown", max_chars=limit).render(data)) <= limit


def test_markdown_escapes_cells(corpus: Corpus) -> None:
    c = ref(corpus, "a", "place")
    evil = ClaimRef(c.source, c.claim, c.file, c.line, "a | b\nc <b>*x*</b>", "", "q|uote", c.start, c.end)
    out = get_reporter("markdown").render(
        ReportData([finding("X1", "x.y", Severity.ERROR, "custom", "place", "m", [evil])], corpus, [])
    )
    assert "| a | a \\| b<br>c &lt;b&gt;\\*x\\*&lt;/b&gt; | q\\|uote | claims/ev/a.yaml:12 |" in out


# -- json -------------------------------------------------------------------------------------------


def test_json_matches_its_schema_and_model(data: ReportData) -> None:
    from recoupe.reporters.json import Report, ReportClaim, ReportFinding, Summary

    out = json.loads(get_reporter("json").render(data))
    schema = json.loads(REPORT_SCHEMA.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(out)]
    assert errors == []
    Report.model_validate(out)
    # the models describe exactly what to_dict() and summary() write, in the same order
    f = data.findings[0]
    assert list(ReportFinding.model_fields) == [*f.to_dict(), "help_uri"]  # the reporter adds the rule's page
    assert list(ReportClaim.model_fields) == list(f.claims[0].to_dict())
    assert list(Summary.model_fields) == list(data.summary())
    assert list(out) == ["version", "summary", "findings"]
    assert [(x["code"], x["slot"], x["suppressed"]) for x in out["findings"]] == [
        ("CMP002", "instrument", None),
        ("CMP004", "offence", None),
        ("TRM001", "offence", {"kind": "waiver", "reason": "the outlet's wording"}),
        ("CMP001", "place", None),
    ]
    assert out["summary"]["suppressed"] == {"waived": 1, "baselined": 2}


@pytest.mark.parametrize("batch", [1, 2, 3, 1000])
def test_json_streamed_in_batches_is_the_whole_report_dumped_at_once(
    data: ReportData, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import orjson

    from recoupe.reporters import json as json_report
    from recoupe.reporters.base import ordered

    monkeypatch.setattr(json_report, "_BATCH", batch)
    whole = {
        "version": data.version,
        "summary": data.summary(),
        "findings": [{**f.to_dict(), "help_uri": None} for f in ordered(data.findings)],
    }
    expected = orjson.dumps(whole, option=orjson.OPT_INDENT_2) + b"\n"
    assert b"".join(get_reporter("json").chunks(data)) == expected
    data.findings = []
    whole["summary"], whole["findings"] = data.summary(), []
    assert (
        get_reporter("json").render(data).encode() == orjson.dumps(whole, option=orjson.OPT_INDENT_2) + b"\n"
    )


def test_json_report_leaves_no_utf8_copy_inside_the_findings_messages(data: ReportData) -> None:
    """orjson caches the UTF-8 of a non-ASCII string inside the string; at a million findings the
    messages would carry a second copy of themselves to the end of the run. The report writes copies."""
    import orjson

    probe = "".join(["« traite » ", "vs « trafic »"])
    before = sys.getsizeof(probe)
    orjson.dumps(probe)
    if sys.getsizeof(probe) == before:
        pytest.skip("this orjson does not cache UTF-8 in the strings it writes")
    texts = [t for f in data.findings for t in (f.message, f.suggestion) if t is not None]
    assert sum(not t.isascii() for t in texts) == 3  # (the test is about non-ASCII ones)
    sizes = [sys.getsizeof(t) for t in texts]
    report = b"".join(get_reporter("json").chunks(data))
    assert [sys.getsizeof(t) for t in texts] == sizes
    assert [f["message"] for f in orjson.loads(report)["findings"]] == [
        f.message for f in ordered_findings(data)
    ]


def ordered_findings(data: ReportData) -> list[Finding]:
    from recoupe.reporters.base import ordered

    return list(ordered(data.findings))


def test_no_garbage_collection_while_a_report_is_made(data: ReportData) -> None:
    import gc

    assert gc.isenabled()
    for fmt in ("json", "text", "junit", "claimreview"):  # the formats that write as they go
        streamed = [gc.isenabled() for _ in get_reporter(fmt).chunks(data)]
        assert (fmt, bool(streamed), any(streamed)) == (fmt, True, False)
        assert gc.isenabled()  # and back on once the report is written

    rendered: list[bool] = []

    class Whole(Reporter):
        """A format made in one piece (Reporter.chunks around render)."""

        name = "whole"

        def render(self, d: ReportData) -> str:
            rendered.append(gc.isenabled())
            return "all of it"

    assert b"".join(Whole().chunks(data)) == b"all of it"
    assert rendered == [False]
    assert gc.isenabled()


def test_json_schema_file_is_up_to_date() -> None:
    from recoupe.schema import all_schemas

    assert REPORT_SCHEMA.read_text("utf-8") == all_schemas()["report.schema.json"], (
        "run: recoupe schema export"
    )


# -- sarif ------------------------------------------------------------------------------------------


def sarif_errors(out: object) -> list[str]:
    """What makes `out` invalid SARIF 2.1.0, checked through pydantic-sarif (a test dependency): its
    models are generated from the official schema, additionalProperties false included, so every clone
    validates without a copy of the schema. Where CI provides the schema file itself, that too."""
    from pydantic import ValidationError
    from pydantic_sarif.model import StaticAnalysisResultsFormatSarifVersion210JsonSchema as Sarif

    errors: list[str] = []
    try:
        Sarif.model_validate(out)
    except ValidationError as e:
        errors += [f"{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors()]
    if SARIF_SCHEMA.is_file():
        validator = jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text("utf-8")))
        errors += [e.message for e in validator.iter_errors(out)]
    return errors


def test_sarif_validation_catches_what_the_schema_forbids() -> None:
    """The check is not a formality: what the schema refuses, it refuses."""
    minimal = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "recoupe"}}, "results": []}]}
    assert sarif_errors(minimal) == []
    assert sarif_errors({**minimal, "version": "2.0.0"}) != []
    run = {"tool": {"driver": {"name": "recoupe"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}
    assert sarif_errors({**minimal, "runs": [run]}) != []
    assert sarif_errors({**minimal, "runs": [{**minimal["runs"][0], "bogus": 1}]}) != []


def test_sarif_is_valid_and_exact(data: ReportData, tmp_path: Path) -> None:
    out = json.loads(get_reporter("sarif", root=tmp_path, sarif_level="info").render(data))
    assert sarif_errors(out) == []
    run = out["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [(r["id"], r["name"], r["defaultConfiguration"]["level"]) for r in rules[:3]] == [
        ("CMP004", "compare.contradiction", "error"),
        ("CMP002", "compare.less-specific", "warning"),
        ("CMP001", "compare.agreement", "note"),
    ]
    assert rules[0]["shortDescription"]["text"] == "Two sources state disjoint values."
    assert rules[0]["fullDescription"]["text"].endswith("Failing: « 1 août » and « 3 août ».")
    assert rules[3] == {"id": "TRM001", "name": "terms.nonstandard"}  # named by a finding, not in data.rules
    by_rule = {r["ruleId"]: r for r in run["results"]}
    cmp4 = by_rule["CMP004"]
    assert (cmp4["ruleIndex"], cmp4["level"]) == (0, "error")
    assert [
        (loc["physicalLocation"]["artifactLocation"]["uri"], loc["physicalLocation"]["region"]["startLine"])
        for loc in cmp4["locations"]
    ] == [("claims/ev/a.yaml", 11), ("claims/ev/b.yaml", 9)]
    assert {loc["physicalLocation"]["artifactLocation"]["uriBaseId"] for loc in cmp4["locations"]} == {
        "%SRCROOT%"
    }
    quote = cmp4["relatedLocations"][0]["physicalLocation"]
    assert quote["artifactLocation"]["uri"] == "claims/ev/a.txt"
    assert quote["region"]["snippet"]["text"] == "la traite des êtres humains"
    col = TEXT_A.index("la traite") + 1
    assert (quote["region"]["startColumn"], quote["region"]["endColumn"]) == (
        col,
        col + len("la traite des êtres humains"),
    )
    assert cmp4["partialFingerprints"] == {"recoupe/v1": data.findings[0].fingerprint}
    assert cmp4["properties"]["category"] == "contradiction"
    assert (cmp4["properties"]["relation"], cmp4["properties"]["slot"]) == ("DISJOINT", "offence")
    assert "suppressions" not in cmp4
    assert by_rule["TRM001"]["suppressions"] == [
        {"kind": "inSource", "state": "accepted", "justification": "the outlet's wording"}
    ]
    assert by_rule["CMP001"]["level"] == "note"


def test_sarif_leaves_info_out_by_default_and_says_so(data: ReportData, tmp_path: Path) -> None:
    out = json.loads(get_reporter("sarif", root=tmp_path).render(data))
    assert sarif_errors(out) == []
    run = out["runs"][0]
    levels = [r["level"] for r in run["results"]]
    assert "note" not in levels and levels == sorted(levels)  # errors first ("error" < "warning")
    below = sum(1 for f in data.findings if f.severity.value == "info")
    assert run["properties"]["omitted"] == {"belowLevel": below, "overLimits": 0}
    [note] = run["invocations"][0]["toolExecutionNotifications"]
    assert note["message"]["text"] == (
        f"recoupe left out {below} findings below warning (--sarif-level warning): the JSON report lists "
        "every finding."
    )
    errors = json.loads(get_reporter("sarif", root=tmp_path, sarif_level="error").render(data))
    assert {r["level"] for r in errors["runs"][0]["results"]} == {"error"}


def test_sarif_keeps_within_githubs_limits_errors_first(
    data: ReportData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recoupe.reporters import sarif

    findings = [f._replace(fingerprint=f"{f.fingerprint}{i}") for i in range(40) for f in data.findings]
    big = ReportData(findings, data.corpus, data.rules)
    monkeypatch.setattr(sarif, "MAX_RESULTS", 30)
    out = json.loads(get_reporter("sarif", root=tmp_path, sarif_level="info").render(big))
    run = out["runs"][0]
    errors = sum(1 for f in findings if f.severity.value == "error")
    assert len(run["results"]) == 30
    assert [r["level"] for r in run["results"]][: min(errors, 30)] == ["error"] * min(errors, 30)
    assert run["properties"]["omitted"] == {"belowLevel": 0, "overLimits": len(findings) - 30}
    assert (
        "past GitHub code scanning's limits (30 results, 10 MB gzipped; errors come first)"
        in (run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"])
    )
    monkeypatch.setattr(sarif, "MAX_RESULTS", 25_000)
    monkeypatch.setattr(sarif, "RESULTS_GZIP_BUDGET", 2_000)  # a few results' worth
    monkeypatch.setattr(sarif, "_ESTIMATE_BATCH", 1)
    cut = json.loads(get_reporter("sarif", root=tmp_path, sarif_level="info").render(big))["runs"][0]
    assert 0 < len(cut["results"]) < len(findings)
    assert cut["properties"]["omitted"]["overLimits"] == len(findings) - len(cut["results"])


def test_sarif_baseline_is_external_and_outside_paths_are_file_uris(corpus: Corpus, tmp_path: Path) -> None:
    corpus = load_corpus([tmp_path / "claims"])  # no display root: the paths are absolute
    f = finding(
        "CMP001",
        "compare.agreement",
        Severity.INFO,
        "agreement",
        "place",
        "m",
        [ref(corpus, "a", "place")],
        suppressed=Suppression("baseline", "reviewed in #12"),
    )
    out = json.loads(
        get_reporter("sarif", root=tmp_path / "claims", sarif_level="info").render(
            ReportData([f], corpus, [])
        )
    )
    assert sarif_errors(out) == []
    [result] = out["runs"][0]["results"]
    assert result["suppressions"][0]["kind"] == "external"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "ev/a.yaml",
        "index": 0,
        "uriBaseId": "%SRCROOT%",
    }
    # a file outside the root keeps its absolute path, as a file: URI without a base
    outside = json.loads(
        get_reporter("sarif", root=tmp_path / "elsewhere", sarif_level="info").render(
            ReportData([f], corpus, [])
        )
    )
    uri = outside["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": (tmp_path / "claims" / "ev" / "a.yaml").resolve().as_uri(), "index": 0}


# -- junit ------------------------------------------------------------------------------------------


def junit_cases(xml: str) -> list[tuple[str, str, list[tuple[str, str]], str]]:
    root = ET.fromstring(xml)
    out = []
    for case in root.iter("testcase"):
        failures = [(f.get("type", ""), f.get("message", "")) for f in case.findall("failure")]
        system_out = case.findtext("system-out") or ""
        out.append((case.get("classname", ""), case.get("name", ""), failures, system_out))
    return out


def test_junit_exact_cases(data: ReportData) -> None:
    xml = get_reporter("junit").render(data)
    root = ET.fromstring(xml)
    assert root.tag == "testsuites"
    assert dict(root.attrib) == {
        "name": "recoupe",
        "tests": "5",
        "failures": "1",
        "errors": "0",
        "skipped": "0",
    }
    [suite] = root.findall("testsuite")
    assert dict(suite.attrib) == {"name": "ev", "tests": "5", "failures": "1", "errors": "0", "skipped": "0"}
    assert junit_cases(xml) == [
        ("ev", "event / action", [], ""),
        (
            "ev",
            "event / instrument",
            [],
            "[warning] CMP002 compare.less-specific: « coopération » is less specific than "
            "« déclaration d'entente » (claims/ev/b.yaml:8, claims/ev/a.yaml:10)",
        ),
        (
            "ev",
            "event / offence",
            [("CMP004", "CMP004: « traite » and « trafic » name different offences")],
            "[waived: the outlet's wording] [warning] TRM001 terms.nonstandard: "
            "« trafic des êtres humains » is not the legal term (claims/ev/b.yaml:9)",
        ),
        ("ev", "event / parties", [], ""),
        (
            "ev",
            "event / place",
            [],
            "[info] CMP001 compare.agreement: the sources agree: Rabat (claims/ev/a.yaml:12, claims/ev/b.yaml:10)",
        ),
    ]
    failure = root.find(".//failure")
    assert failure is not None and failure.text is not None
    assert failure.text.splitlines() == [
        "[error] CMP004 compare.contradiction (contradiction)",
        "« traite » and « trafic » name different offences",
        '  a/offence: « traite des êtres humains » "la traite des êtres humains" at claims/ev/a.yaml:11',
        '  b/offence: « trafic des êtres humains » "le trafic des êtres humains" at claims/ev/b.yaml:9',
        "suggestion: Check which offence the agreement covers.",
    ]


def test_junit_fail_on_warning_and_never(data: ReportData) -> None:
    data.fail_on = "warning"
    cases = junit_cases(get_reporter("junit").render(data))
    assert [(name, [t for t, _ in fails]) for _, name, fails, _ in cases if fails] == [
        ("event / instrument", ["CMP002"]),
        ("event / offence", ["CMP004"]),  # the waived TRM001 never fails
    ]
    data.fail_on = "never"
    assert ET.fromstring(get_reporter("junit").render(data)).get("failures") == "0"


def test_junit_drops_characters_xml_cannot_hold(corpus: Corpus) -> None:
    f = finding("X1", "x.y", Severity.ERROR, "custom", "place", "bad \x0b char", [ref(corpus, "a", "place")])
    xml = get_reporter("junit").render(ReportData([f], corpus, []))
    assert junit_cases(xml)[-1][2] == [("X1", "X1: bad \ufffd char")]


# -- html -------------------------------------------------------------------------------------------


class Page(HTMLParser):
    """What a browser would see: the marks and their text, every attribute, scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[tuple[dict[str, str], str]] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.tags: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._stack: list[str] = []
        self._mark: dict[str, str] | None = None
        self._mark_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        clean = {k: v or "" for k, v in attrs}
        self.attrs.extend((tag, k, v) for k, v in clean.items())
        if tag not in ("meta", "br", "input", "img", "link"):
            self._stack.append(tag)
        if tag == "mark":
            self._mark, self._mark_text = clean, []

    def handle_endtag(self, tag: str) -> None:
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()
        if tag == "mark" and self._mark is not None:
            self.marks.append((self._mark, "".join(self._mark_text)))
            self._mark = None

    def handle_data(self, data: str) -> None:
        top = self._stack[-1] if self._stack else ""
        if top == "script":
            self.scripts.append(data)
        elif top == "style":
            self.styles.append(data)
        else:
            self.text.append(data)
        if self._mark is not None:
            self._mark_text.append(data)

    def claim_text(self, claim_id: str) -> str:
        """The text of a claim's highlight: the marks naming it, in order (overlaps split it)."""
        return "".join(t for attrs, t in self.marks if claim_id in attrs.get("data-claims", "").split())

    def mark_class(self, claim_id: str) -> set[str]:
        return {
            c
            for attrs, _ in self.marks
            if claim_id in attrs["data-claims"].split()
            for c in attrs["class"].split()
        }


def parse(page: str) -> Page:
    p = Page()
    p.feed(page)
    p.close()
    return p


def assert_self_contained(page: str, parsed: Page) -> None:
    for tag, name, value in parsed.attrs:
        if name in ("src", "href", "action", "srcset", "poster", "data"):
            assert not value.lower().startswith(("http:", "https:", "//", "javascript:")), (tag, name, value)
    assert "@import" not in page
    assert "url(" not in page
    assert not {"img", "link", "iframe", "object", "embed"} & set(parsed.tags)
    assert parsed.tags.count("script") == 1  # ours, and nothing a claim brought in
    csp = [v for tag, k, v in parsed.attrs if tag == "meta" and k == "content" and "default-src" in v]
    assert csp and csp[0].startswith("default-src 'none'")


def test_html_highlights_every_quote_by_verdict(data: ReportData) -> None:
    page = get_reporter("html").render(data)
    parsed = parse(page)
    assert_self_contained(page, parsed)
    # the page numbers claims in corpus order: a's five, then b's three
    order = [(c.source, c.id) for c in data.corpus.claims]
    anchor = {key: f"c{i}" for i, key in enumerate(order)}
    texts = {"a": TEXT_A, "b": TEXT_B}
    for c in data.corpus.claims:
        assert c.start is not None and c.end is not None
        assert parsed.claim_text(anchor[(c.source, c.id)]) == texts[c.source][c.start : c.end]
    # colour: the worst active finding naming the claim (the waived TRM001 does not count)
    assert "v-contradiction" in parsed.mark_class(anchor[("a", "offence")])
    assert "v-contradiction" in parsed.mark_class(anchor[("b", "offence")])
    assert "v-less-specific" in parsed.mark_class(anchor[("b", "instrument")])
    assert "v-agreement" in parsed.mark_class(anchor[("a", "place")])
    assert "v-none" in parsed.mark_class(anchor[("a", "parties")])
    # overlap: 'ont signé' belongs to both claims, in one segment that names both
    shared = [attrs for attrs, t in parsed.marks if t == "ont signé"]
    assert [a["data-claims"] for a in shared] == [f"{anchor[('a', 'parties')]} {anchor[('a', 'action')]}"]
    assert "multi" in shared[0]["class"].split()
    # hover: the title names the findings
    [title] = [attrs["title"] for attrs, t in parsed.marks if t == "la traite des êtres humains"]
    assert title.splitlines() == [
        "a / offence: « traite des êtres humains »",
        "  error CMP004: « traite » and « trafic » name different offences",
    ]


def test_html_has_summary_matrix_findings_and_legend(data: ReportData) -> None:
    page = get_reporter("html").render(data)
    text = " ".join(" ".join(parse(page).text).split())
    for expected in (
        "1 finding at or above error",
        "1 error 1 warning 1 info 1 waived 2 baselined",
        "Legend",
        "Signing in Rabat",
        "Matrix: subject × slot × source",
        "offence traite des êtres humains trafic des êtres humains",  # a matrix row: slot, then a, then b
        "1 suppressed finding (waived or baselined)",
        "Suggestion: Check which offence the agreement covers.",
    ):
        assert expected in text, expected


def test_html_escapes_claims(tmp_path: Path) -> None:
    evil = "<script>alert(1)</script>"
    attr = '" onmouseover="x'
    text = f"Il a écrit {evil} puis {attr} dans le texte.\n"
    folder = tmp_path / "claims" / "ev"
    write_source(
        folder,
        "c",
        text,
        f"""
        - {{id: s, slot: content, value: {json.dumps(evil)}, quote: {json.dumps(evil)}}}
        - {{id: t, slot: topic, value: {json.dumps(attr)}, quote: {json.dumps(attr)}}}
        """,
        title='<img src="https://evil.example/x.png">',
    )
    corpus = load_corpus([tmp_path / "claims"], display_root=tmp_path.resolve())
    f = finding(
        "X1",
        "x.y",
        Severity.ERROR,
        "custom",
        "content",
        evil + attr,
        [ref(corpus, "c", "s"), ref(corpus, "c", "t")],
    )
    page = get_reporter("html").render(ReportData([f], corpus, []))
    parsed = parse(page)
    assert_self_contained(page, parsed)
    assert evil not in page
    assert not [name for _, name, _ in parsed.attrs if name.startswith("on")]
    assert parsed.claim_text("c0") == evil
    assert parsed.claim_text("c1") == attr
    assert html.escape(evil) in page
    assert html.escape(attr) in page  # quotes spelled as html.escape spells them, as pages always had
    assert "&#34;" not in page


def test_html_templates_hold_none_of_the_references_the_page_respells() -> None:
    """The html reporter respells Jinja2's &#39; and &#34; as &#x27; and &quot; across the whole page,
    which only escaped user data may hold: no template, nor the CSS or the script, may hold them."""
    from importlib import resources

    folder = resources.files("recoupe.reporters") / "templates" / "html"
    names = sorted(f.name for f in folder.iterdir())
    assert {"page.html.j2", "style.css", "script.js"} <= set(names)
    for name in names:
        text = (folder / name).read_text(encoding="utf-8")
        assert "&#39;" not in text and "&#34;" not in text, name


def test_html_marks_stale_texts(tmp_path: Path) -> None:
    folder = tmp_path / "claims" / "ev"
    write_source(
        folder, "a", TEXT_A, "- {id: place, slot: place, value: Rabat, quote: à Rabat}", pin="ab" * 32
    )
    corpus = load_corpus([tmp_path / "claims"], display_root=tmp_path.resolve())
    parsed = parse(get_reporter("html").render(ReportData([], corpus, [])))
    assert "Text changed since claims were pinned." in parsed.text
    assert parsed.marks == []  # a stale text's quotes are not placed, so not highlighted


def test_html_marks_claims_under_review_in_their_own_colour(tmp_path: Path) -> None:
    folder = tmp_path / "claims" / "ev"
    write_source(
        folder,
        "a",
        TEXT_A,
        """
        - {id: place, slot: place, value: Rabat, quote: à Rabat, review: true}
        - {id: offence, slot: offence, value: traite des êtres humains, quote: la traite des êtres humains}
        """,
    )
    corpus = load_corpus([tmp_path / "claims"], display_root=tmp_path.resolve())
    parsed = parse(get_reporter("html").render(ReportData([], corpus, [])))
    assert parsed.mark_class("c0") == {"hl", "v-none", "review"}
    assert parsed.mark_class("c1") == {"hl", "v-none"}
    text = " ".join(" ".join(parsed.text).split())
    assert "1 claim drafted, under review." in text
    assert "drafted by recoupe draft, under review" in text  # the legend


# -- the seed corpus --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_data() -> ReportData:
    corpus = load_corpus([SEED], display_root=ROOT)

    def r(source: str, claim: str) -> ClaimRef:
        c = corpus.claim(source, claim)
        assert c is not None
        return claim_ref(c)

    findings = [
        finding(
            "CMP004",
            "compare.contradiction",
            Severity.ERROR,
            "contradiction",
            "offence",
            "« trafic » (smuggling or trafficking) against « traite » (trafficking)",
            [
                r("le360", "offence-trafic-etres-humains"),
                r("declaration-entente", "offence-traite-etres-humains"),
            ],
            event=SEED.name,
            relation=Relation.BROADER,
        ),
        finding(
            "CMP002",
            "compare.less-specific",
            Severity.WARNING,
            "less-specific",
            "date",
            "« ce lundi » is less specific than 1 August 2022",
            [r("declaration-entente", "date-ce-lundi"), r("le360", "date-lundi-1er-aout-2022")],
            event=SEED.name,
            relation=Relation.BROADER,
        ),
    ]
    return ReportData(findings, corpus, [Contradiction(), LessSpecific()])


@pytest.mark.parametrize("fmt", list(REPORTER_PATHS))
def test_every_format_renders_the_seed(seed_data: ReportData, fmt: str) -> None:
    out = get_reporter(fmt).render(seed_data)
    assert out.endswith("\n")
    if fmt == "json":
        schema = json.loads(REPORT_SCHEMA.read_text("utf-8"))
        assert list(jsonschema.Draft202012Validator(schema).iter_errors(json.loads(out))) == []
    elif fmt == "sarif":
        assert sarif_errors(json.loads(out)) == []
    elif fmt == "junit":
        assert ET.fromstring(out).get("failures") == "1"
    elif fmt == "html":
        parsed = parse(out)
        assert_self_contained(out, parsed)
        for i, c in enumerate(seed_data.corpus.claims):
            src = seed_data.corpus.sources[c.source]
            assert src.text is not None and c.start is not None and c.end is not None
            assert parsed.claim_text(f"c{i}") == src.text[c.start : c.end], c.id


def test_seed_check_through_the_api() -> None:
    api = pytest.importorskip("recoupe.api", reason="recoupe.api.check is not written yet")
    data = api.check([SEED])
    for fmt in REPORTER_PATHS:
        out = get_reporter(fmt).render(data)
        if fmt == "sarif":
            assert sarif_errors(json.loads(out)) == []
        if fmt == "json":
            schema = json.loads(REPORT_SCHEMA.read_text("utf-8"))
            assert list(jsonschema.Draft202012Validator(schema).iter_errors(json.loads(out))) == []
