"""Every format shows the positions a finding relates as a table (counter, value, as of, sources), on
a corpus shaped like the Melilla toll: the authorities' 5, 18, then 23 (held by two sources) and a
misread 37 on the last day, Caminando Fronteras' 37 and the AMDH's 27 to 30."""

from __future__ import annotations

import html
import json
import re
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from recoupe import api
from recoupe.config import load_settings
from recoupe.normalize.quantities import QuantityValue
from recoupe.reporters import get_reporter
from recoupe.reporters.base import ReportData
from recoupe.reporters.html_chart import Span, quantity_span
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


# -- html -------------------------------------------------------------------------------------------


def element(page: str, start: str, end: str) -> str:
    """The one piece of markup from `start` to the first `end` after it."""
    [at] = [m.start() for m in re.finditer(re.escape(start), page)]
    return page[at : page.index(end, at) + len(end)]


def text_of(markup: str) -> str:
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", markup).split()))


def test_html_draws_each_counters_figures_over_time(melilla_run: ReportData) -> None:
    page = get_reporter("html").render(melilla_run)
    figure = element(page, '<figure class="chart" id="ev0-chart0">', "</figure>")
    assert page.count('<figure class="chart"') == 1  # one group, one chart
    # the axes: 0 to 40 in steps of 10, and the three days
    assert re.findall(r'<text class="ytick" x="38" y="([\d.]+)">([^<]*)</text>', figure) == [
        ("180.0", "0"),
        ("139.5", "10"),
        ("99.0", "20"),
        ("58.5", "30"),
        ("18.0", "40"),
    ]
    assert re.findall(r'<text class="xtick" x="([\d.]+)" y="196">([^<]*)</text>', figure) == [
        ("64.0", "2022-06-24"),
        ("250.0", "2022-06-25"),
        ("436.0", "2022-06-26"),
    ]
    series = re.findall(r'<g class="series (hue\d)">(.*?)</g></g>', figure)
    assert [hue for hue, _ in series] == ["hue0", "hue1", "hue2"]
    # the authorities' line: 5 → 18 → 23, through the figure two sources give on the last day
    assert re.findall(r'<polyline points="([^"]*)"/>', figure) == ["59.0,155.8 245.0,103.1 431.0,82.9"]
    marks = re.findall(
        r'<g class="mark (\w+)" data-claims="([^"]*)" tabindex="0"><title>([^<]*)</title>'
        r'(?:<circle cx="([\d.]+)" cy="([\d.]+)" r="4"/>|<rect x="([\d.]+)" y="([\d.]+)" width="8" height="([\d.]+)" rx="3"/>)'
        r'(?:<text x="[\d.]+" y="[\d.]+">([^<]*)</text>)?</g>',
        figure,
    )
    ids = {f"{c.source}": f"c{i}" for i, c in enumerate(melilla_run.corpus.claims)}
    assert [(kind, claims, html.unescape(title), cx, cy, rx, ry, height, label) for kind, claims, title, cx, cy, rx, ry, height, label in marks] == [
        ("point", ids["first"], "les autorités, 2022-06-24: « 5 » — first", "59.0", "155.8", "", "", "", "5"),
        ("point", ids["early"], "les autorités, 2022-06-25: « 18 » — early", "245.0", "103.1", "", "", "", "18"),
        ("point", f"{ids['efe']} {ids['elpais']}", "les autorités, 2022-06-26: « 23 » — efe, elpais", "431.0", "82.9", "", "", "", "23"),
        ("point", ids["misread"], "les autorités, 2022-06-26: « 37 » — misread", "431.0", "26.2", "", "", "", "37"),
        # Caminando Fronteras' 37 stands beside the authorities' 37, its label not drawn twice
        ("point", ids["caminando"], "Caminando Fronteras, 2022-06-26: « 37 » — caminando", "436.0", "26.2", "", "", "", ""),
        # the AMDH's range is a band from 27 to 30
        ("band", ids["amdh"], "l'AMDH, 2022-06-26: « entre 27 et 30 » — amdh", "", "", "437.0", "54.5", "12.1", "entre 27 et 30"),
    ]  # fmt: skip
    caption = element(figure, "<figcaption>", "</figcaption>")
    assert [text_of(li) for li in re.findall(r"<li>.*?</li>", caption)] == [
        "les autorités : 5 (first) → 18 (early) → 23 (efe, elpais) / 37 (misread)",
        "Caminando Fronteras : 37 (caminando)",
        "l'AMDH : entre 27 et 30 (amdh)",
    ]


def test_html_finding_shows_its_positions_table(melilla_run: ReportData) -> None:
    page = get_reporter("html").render(melilla_run)
    error = element(page, '<article class="finding sev-error"', "</article>")
    table = element(error, '<table class="positions">', "</table>")
    assert [text_of(row) for row in re.findall(r"<tr>.*?</tr>", table)] == [
        "counter value as of sources",
        "les autorités « 23 » 2022-06-26 efe 23 morts elpais 23 morts",
        "les autorités « 37 » 2022-06-26 misread 37 morts",
    ]
    # each source opens its claim's panel, coloured by its verdict, its file and line as tooltip
    ids = {c.source: f"c{i}" for i, c in enumerate(melilla_run.corpus.claims)}
    assert re.findall(
        r'<span class="w (v-\w+)" data-claims="(c\d+)" tabindex="0" title="([^"]*)">', table
    ) == [
        ("v-contradiction", ids["efe"], "claims/melilla-2022-06-24/efe.yaml:9"),
        ("v-contradiction", ids["elpais"], "claims/melilla-2022-06-24/elpais.yaml:9"),
        ("v-contradiction", ids["misread"], "claims/melilla-2022-06-24/misread.yaml:9"),
    ]
    assert '<table class="claims">' not in page  # every finding here relates positions


def test_html_panel_shows_a_claims_position_the_competing_ones_and_its_groups_chart(
    melilla_run: ReportData,
) -> None:
    page = get_reporter("html").render(melilla_run)
    ids = {c.source: f"c{i}" for i, c in enumerate(melilla_run.corpus.claims)}
    panel = element(page, f'<template id="info-{ids["elpais"]}">', "</template>")
    rows = re.findall(
        r"<tr( class=\"mine\"[^>]*)?>(.*?)</tr>", element(panel, '<table class="positions">', "</table>")
    )
    assert [(bool(mine), text_of(row)) for mine, row in rows] == [
        (False, "counter value as of sources"),
        (True, "les autorités « 23 » 2022-06-26 efe, elpais"),
        (False, "les autorités « 37 » 2022-06-26 misread"),
        (False, "l'AMDH « entre 27 et 30 » 2022-06-26 amdh"),
        (False, "Caminando Fronteras « 37 » 2022-06-26 caminando"),
        (False, "les autorités « 5 » 2022-06-24 first"),
        (False, "les autorités « 18 » 2022-06-25 early"),
    ]
    assert '<div data-chart="ev0-chart0"></div>' in panel  # the script puts a copy of the chart there
    assert "data-chart" in get_reporter("html").render(melilla_run).split("<script>")[1]


def test_html_draws_no_chart_for_figures_of_one_day_and_no_table_without_positions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_source: Callable[..., Path]
) -> None:
    monkeypatch.chdir(tmp_path)
    data = check([t for t in TOLLS if t[1] == "2022-06-26"], make_source)
    page = get_reporter("html").render(data)
    assert "<figure" not in page and "data-chart" not in page.split("<script>")[0]
    assert page.count('<table class="positions">') == 5 + len(data.corpus.claims)  # findings, panels
    bare = ReportData([f._replace(positions=()) for f in data.findings], data.corpus, data.rules)
    page = get_reporter("html").render(bare)
    assert '<table class="positions">' not in page
    assert page.count('<table class="claims">') == len(data.findings)


@pytest.mark.parametrize(
    ("value", "span"),
    [
        (QuantityValue(23, 23), Span(23, 23, "")),
        (QuantityValue(27, 30), Span(27, 30, "")),
        (QuantityValue(1_075_000, 1_085_000, low_open=True), Span(1_075_000, 1_085_000, "")),
        (QuantityValue(100, None, low_open=True), Span(100, None, "")),
        (QuantityValue(None, 50), Span(None, 50, "")),
        (QuantityValue(2.5, 2.5, unit="%"), Span(2.5, 2.5, "%")),
        (QuantityValue(-3, -3, unit="km"), Span(-3, -3, "km")),
        (QuantityValue(3, 3, ordinal=True), None),
        (QuantityValue(None, None), None),
    ],
)
def test_the_chart_reads_quantities_as_they_are_printed(value: QuantityValue, span: Span | None) -> None:
    assert quantity_span(str(value)) == span
    assert quantity_span("2022-06-24") is None


def test_a_counters_control_characters_reach_no_terminal(melilla_run: ReportData) -> None:
    f = next(f for f in melilla_run.findings if f.code == "CMP004")
    hostile = f._replace(
        positions=(f.positions[0]._replace(counter="les \x1b[31mautorités"), *f.positions[1:])
    )
    out = get_reporter("text", width=100).render(ReportData([hostile], melilla_run.corpus, melilla_run.rules))
    assert "\x1b" not in out
    assert "│ les \\x1b[31mautorités │" in out


def test_a_figure_given_with_no_counter_is_the_sources_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_source: Callable[..., Path]
) -> None:
    monkeypatch.chdir(tmp_path)
    data = check([("a", "2022-06-26", "23", None), ("b", "2022-06-26", "23", None)], make_source)
    [agreement] = [f for f in data.findings if f.code == "CMP001"]
    md = get_reporter("markdown").render(ReportData([agreement], data.corpus, data.rules))
    assert (
        "| (source's own) | « 23 » | 2022-06-26 | a “23 morts” (claims/melilla-2022-06-24/a.yaml:9)<br>" in md
    )
