"""Every format shows the positions a finding relates as a table (counter, value, as of, sources), on
a corpus shaped like the Melilla toll: the authorities' 5, 18, then 23 (held by two sources) and a
misread 37 on the last day, Caminando Fronteras' 37 and the AMDH's 27 to 30."""

from __future__ import annotations

import json
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from recoupe import api
from recoupe.config import load_settings
from recoupe.reporters import get_reporter
from recoupe.reporters.base import ReportData
from tests.cli.test_counters import Source, melilla
from tests.unit.test_reporters import sarif_errors

TOLLS: list[Source] = [
    ("first", "2022-06-24", "5", "les autorités"),
    ("early", "2022-06-25", "18", "les autorités"),
    ("elpais", "2022-06-26", "23", "les autorités"),
    ("efe", "2022-06-26", "23", "les autorités"),
    ("caminando", "2022-06-26", "37", "Caminando Fronteras"),
    ("amdh", "2022-06-26", "entre 27 et 30", "l'AMDH"),
    ("misread", "2022-06-26", "37", "les autorités"),
]


def check(tolls: list[Source], make_source: Callable[..., Path]) -> ReportData:
    """The run of `recoupe check` on the corpus, its claims files shown as claims/…/elpais.yaml."""
    root = melilla(make_source, tolls)
    return api.check([root.relative_to(root.parent)], load_settings(root.parent))


@pytest.fixture
def melilla_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_source: Callable[..., Path]
) -> ReportData:
    monkeypatch.chdir(tmp_path)
    return check(TOLLS, make_source)


def test_the_corpus_gives_the_findings_the_tables_are_about(melilla_run: ReportData) -> None:
    assert [(f.code, f.severity.value, len(f.positions)) for f in melilla_run.ordered()] == [
        ("CMP004", "error", 2),
        ("ATT001", "warning", 2),
        ("CMP001", "info", 2),
        ("CMP001", "info", 1),
        ("CMP005", "info", 4),
        ("CMP006", "info", 4),
    ]


def test_text_shows_a_positions_table_in_place_of_the_claims_table(melilla_run: ReportData) -> None:
    out = get_reporter("text", width=100).render(melilla_run)
    start = out.index("  error   CMP004")
    assert out[start : out.index("  warning ATT001")] == textwrap.indent(
        textwrap.dedent(
            """\
          error   CMP004  compare.contradiction  [contradiction]
            efe and elpais and misread (according to les autorités, as of 2022-06-26) contradict each other
            on the quantity:dead of the event: « 23 » excludes « 37 »
            ╭───────────────┬────────┬────────────┬──────────────────────────────────────────╮
            │ counter       │ value  │ as of      │ sources                                  │
            ├───────────────┼────────┼────────────┼──────────────────────────────────────────┤
            │ les autorités │ « 23 » │ 2022-06-26 │ efe "23 morts"                           │
            │               │        │            │ claims/melilla-2022-06-24/efe.yaml:9     │
            │               │        │            │ elpais "23 morts"                        │
            │               │        │            │ claims/melilla-2022-06-24/elpais.yaml:9  │
            │ les autorités │ « 37 » │ 2022-06-26 │ misread "37 morts"                       │
            │               │        │            │ claims/melilla-2022-06-24/misread.yaml:9 │
            ╰───────────────┴────────┴────────────┴──────────────────────────────────────────╯
        """
        ),
        "  ",
    )
    # info findings are folded: only the error and the warning are listed
    assert "CMP006" not in out
    shown = get_reporter("text", width=100, show_info=True).render(melilla_run)
    update = shown[shown.index("  info    CMP006") :]
    assert [line[4:].split("│")[1:4] for line in update.splitlines() if "│ les" in line] == [
        [" les autorités ", " « 5 »  ", " 2022-06-24 "],
        [" les autorités ", " « 18 » ", " 2022-06-25 "],
        [" les autorités ", " « 23 » ", " 2022-06-26 "],
        [" les autorités ", " « 37 » ", " 2022-06-26 "],
    ]
    divergent = shown[shown.index("  info    CMP005") : shown.index("  info    CMP006")]
    assert (
        '│ l\'AMDH              │ « entre 27 et 30 » │ 2022-06-26 │ amdh "entre 27 et 30 morts"' in divergent
    )


def test_text_names_a_few_sources_of_a_crowded_position_and_counts_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_source: Callable[..., Path]
) -> None:
    monkeypatch.chdir(tmp_path)
    tolls: list[Source] = [(f"s{i}", "2022-06-26", "23", "les autorités") for i in range(8)]
    data = check([*tolls, ("x", "2022-06-26", "37", "les autorités")], make_source)
    [error] = [f for f in data.findings if f.code == "CMP004"]
    assert error.positions[0].sources == tuple(f"s{i}" for i in range(8))
    out = get_reporter("text", width=100).render(ReportData([error], data.corpus, data.rules))
    cells = [line.split("│")[4].strip() for line in out.splitlines() if line.count("│") == 5]
    assert cells == [
        "sources",
        's0 "23 morts"',
        "claims/melilla-2022-06-24/s0.yaml:9",
        's1 "23 morts"',
        "claims/melilla-2022-06-24/s1.yaml:9",
        's2 "23 morts"',
        "claims/melilla-2022-06-24/s2.yaml:9",
        's3 "23 morts"',
        "claims/melilla-2022-06-24/s3.yaml:9",
        's4 "23 morts"',
        "claims/melilla-2022-06-24/s4.yaml:9",
        "and 3 more sources",
        'x "37 morts"',
        "claims/melilla-2022-06-24/x.yaml:9",
    ]
    md = get_reporter("markdown").render(ReportData([error], data.corpus, data.rules))
    assert (
        "| les autorités | « 23 » | 2022-06-26 | s0 “23 morts” (claims/melilla-2022-06-24/s0.yaml:9)<br>"
        in md
    )
    assert "<br>and 3 more sources |" in md
    junit = get_reporter("junit").render(ReportData([error], data.corpus, data.rules))
    assert "  les autorités  « 23 »  2022-06-26  s0, s1, s2, s3, s4 and 3 more\n" in junit


def test_a_finding_without_positions_keeps_its_claims_table(melilla_run: ReportData) -> None:
    f = next(f for f in melilla_run.findings if f.code == "CMP004")._replace(positions=())
    data = ReportData([f], melilla_run.corpus, melilla_run.rules)
    out = get_reporter("text", width=100).render(data)
    assert "│ counter" not in out
    assert out.splitlines()[7].split() == [
        "│",
        "efe",
        "│",
        "elpais",
        "│",
        "misread",
        "│",
    ]  # a column a source
    assert "| Counter |" not in get_reporter("markdown").render(data)
    assert "  counter  " not in get_reporter("junit").render(data)
    sarif = json.loads(get_reporter("sarif").render(data))
    [result] = sarif["runs"][0]["results"]
    assert "markdown" not in result["message"]
    assert "positions" not in result["properties"]


def test_markdown_positions_tables(melilla_run: ReportData) -> None:
    md = get_reporter("markdown").render(melilla_run)
    at = "claims/melilla-2022-06-24"
    assert (
        textwrap.dedent(
            f"""\
            **error** `CMP004` compare.contradiction (contradiction): efe and elpais and misread (according to les autorités, as of 2022-06-26) contradict each other on the quantity:dead of the event: « 23 » excludes « 37 »

            | Counter | Value | As of | Sources |
            |:--|:--|:--|:--|
            | les autorités | « 23 » | 2022-06-26 | efe “23 morts” ({at}/efe.yaml:9)<br>elpais “23 morts” ({at}/elpais.yaml:9) |
            | les autorités | « 37 » | 2022-06-26 | misread “37 morts” ({at}/misread.yaml:9) |

            """
        )
        in md
    )
    # an info finding: its line, then its table indented under it, inside the folded block
    assert (
        textwrap.dedent(
            f"""\
            - `CMP006` quantity:dead of the event: les autorités's figure for the quantity:dead of the event changed over time: « 5 » (2022-06-24: first) → « 18 » (2022-06-25: early) → « 23 » (2022-06-26: efe and elpais) / « 37 » (2022-06-26: misread); the current figure is « 23 » / « 37 »

              | Counter | Value | As of | Sources |
              |:--|:--|:--|:--|
              | les autorités | « 5 » | 2022-06-24 | first “5 morts” ({at}/first.yaml:9) |
              | les autorités | « 18 » | 2022-06-25 | early “18 morts” ({at}/early.yaml:9) |
              | les autorités | « 23 » | 2022-06-26 | efe “23 morts” ({at}/efe.yaml:9)<br>elpais “23 morts” ({at}/elpais.yaml:9) |
              | les autorités | « 37 » | 2022-06-26 | misread “37 morts” ({at}/misread.yaml:9) |
            """
        )
        in md
    )
    assert "| Source | Wording | Quote | Line |" not in md  # every finding here relates positions


def test_junit_failure_text_holds_the_positions_table(melilla_run: ReportData) -> None:
    root = ET.fromstring(get_reporter("junit").render(melilla_run))
    [failure] = root.iter("failure")
    at = "claims/melilla-2022-06-24"
    assert (failure.text or "").splitlines() == [
        "[error] CMP004 compare.contradiction (contradiction)",
        "efe and elpais and misread (according to les autorités, as of 2022-06-26) contradict each other"
        " on the quantity:dead of the event: « 23 » excludes « 37 »",
        "  counter        value   as of       sources",
        "  les autorités  « 23 »  2022-06-26  efe, elpais",
        "  les autorités  « 37 »  2022-06-26  misread",
        f'  efe/dead: « 23 » "23 morts" at {at}/efe.yaml:9',
        f'  elpais/dead: « 23 » "23 morts" at {at}/elpais.yaml:9',
        f'  misread/dead: « 37 » "37 morts" at {at}/misread.yaml:9',
    ]


def test_sarif_message_markdown_and_properties_hold_the_positions(melilla_run: ReportData) -> None:
    out = json.loads(get_reporter("sarif").render(melilla_run))
    assert sarif_errors(out) == []
    results = {r["ruleId"]: r for r in out["runs"][0]["results"]}
    error = results["CMP004"]
    assert error["message"]["text"].startswith("efe and elpais and misread")
    at = "claims/melilla-2022-06-24"
    assert error["message"]["markdown"].splitlines() == [
        "efe and elpais and misread (according to les autorités, as of 2022-06-26) contradict each other"
        " on the quantity:dead of the event: « 23 » excludes « 37 »",
        "",
        "| Counter | Value | As of | Sources |",
        "|:--|:--|:--|:--|",
        f"| les autorités | « 23 » | 2022-06-26 | efe “23 morts” ({at}/efe.yaml:9)<br>elpais “23 morts” ({at}/elpais.yaml:9) |",
        f"| les autorités | « 37 » | 2022-06-26 | misread “37 morts” ({at}/misread.yaml:9) |",
    ]
    assert error["properties"]["positions"] == [
        {
            "counter": "les autorités",
            "value": "« 23 »",
            "normalized": "23",
            "as_of": "2022-06-26",
            "sources": ["efe", "elpais"],
            "claims": ["efe/dead", "elpais/dead"],
            "negated": False,
        },
        {
            "counter": "les autorités",
            "value": "« 37 »",
            "normalized": "37",
            "as_of": "2022-06-26",
            "sources": ["misread"],
            "claims": ["misread/dead"],
            "negated": False,
        },
    ]
    assert results["ATT001"]["message"]["markdown"].endswith(
        "**Suggestion:** check who gave the figure first"
    )
