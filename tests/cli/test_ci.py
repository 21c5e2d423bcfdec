"""`recoupe check` in a pipeline: nothing that misleads CI, the one-line formats, colour and verbosity."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, Runner, write
from tests.unit.test_reporters import sarif_errors

CONCISE = [
    "claims/ev/a.yaml:8:1: info CMP001 a (Daily A) and b agree on the place of the event: « Rabat »",
    "claims/ev/a.yaml:7:1: error CMP004 a (Daily A) and b (as of 2024-03-04) contradict each other on the "
    "quantity:dead of the event: « 23 » excludes « 37 »",
    "1 error, 0 warnings, 1 info",
]


@pytest.fixture
def proj(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two sources that contradict each other on a toll and agree on the place."""
    write(
        tmp_path / "claims" / "ev" / "a.yaml",
        """
        id: a
        title: Article A
        outlet: Daily A
        url: https://a.example/story
        published: 2024-03-04
        claims:
          - {id: dead, slot: "quantity:dead", value: "23"}
          - {id: place, slot: place, value: Rabat}
        """,
    )
    write(
        tmp_path / "claims" / "ev" / "b.yaml",
        """
        id: b
        published: 2024-03-04
        claims:
          - {id: dead, slot: "quantity:dead", value: "37"}
          - {id: place, slot: place, value: Rabat}
        """,
    )
    (tmp_path / "recoupe.toml").write_text("cache = false\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- never mislead CI ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "errors"),
    [
        (
            ["--select", "CMP12345"],
            [
                "error: <command line>: --select 'CMP12345' matches no rule (the CMP rules are CMP001, CMP002, "
                "CMP003, CMP004, CMP005, CMP006, CMP007, CMP008, CMP009) [unknown-rule]"
            ],
        ),
        (
            ["--select", "compare.contradictoin", "--ignore", "COR01"],
            [
                "error: <command line>: --select 'compare.contradictoin' matches no rule (did you mean "
                "'compare.contradiction'?) [unknown-rule]",
                "error: <command line>: --ignore 'COR01' matches no rule (did you mean 'COR001'?) [unknown-rule]",
            ],
        ),
    ],
)
def test_a_typo_in_select_or_ignore_is_an_error(
    run: Runner, proj: Path, args: list[str], errors: list[str]
) -> None:
    result = run("check", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        *errors,
        f"{len(errors)} problem{'s' if len(errors) > 1 else ''} found",
    ]


def test_a_typo_in_the_configs_severity_table_points_at_its_line(run: Runner, proj: Path) -> None:
    (proj / "recoupe.toml").write_text('cache = false\n\n[severity]\n"CMP04" = "warning"\n', "utf-8")
    result = run("check")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"error: {proj / 'recoupe.toml'}: 'CMP04' matches no rule (did you mean 'CMP004'?) at /severity [unknown-rule]"
    )


def test_two_formats_on_standard_output_are_refused(run: Runner, proj: Path) -> None:
    result = run("check", "--format", "sarif", "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--format': sarif and json would both be written to standard output, one "
        "after the other; give json an --output file (--output matches --format in order)"
    )
    assert run("check", "--format", "sarif", "--format", "json", "--output", "-").exit_code == 2
    assert run("check", "--format", "json", "--format", "concise", "--output", "r.json").exit_code == 1


def test_the_output_files_extension_says_its_format(run: Runner, proj: Path) -> None:
    result = run("check", "--output", "r.sarif", "--output", "r.xml", "--output", "r.txt")
    assert result.exit_code == 1
    assert json.loads((proj / "r.sarif").read_text("utf-8"))["version"] == "2.1.0"
    assert (
        (proj / "r.xml").read_text("utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')
    )
    assert (proj / "r.txt").read_text("utf-8").startswith("ev\n")
    # nothing went to the terminal but the one-line summary
    assert result.stdout == ""
    assert result.stderr == (
        "recoupe: 1 error, 0 warnings, 1 info; 1 finding at or above error; "
        "wrote r.sarif (sarif), r.xml (junit), r.txt (text)\n"
    )
    unknown = run("check", "--output", "r.yaml")
    assert unknown.exit_code == 2
    assert unknown.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--output': cannot tell the report format of 'r.yaml' from its extension "
        "(.json, .sarif, .xml, .md, .html, .txt); give --format"
    )
    assert not (proj / "r.yaml").exists()


def test_on_invalid_input_every_report_is_written_with_the_problems(run: Runner, proj: Path) -> None:
    (proj / "claims" / "ev" / "b.yaml").write_text(
        'id: b\nclaims:\n  - {id: dead, slot: "quantity:dead", valeu: "37"}\n', "utf-8"
    )
    result = run(
        "check", "--format", "sarif", "--output", "r.sarif", "--format", "json", "--output", "r.json"
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: claims/ev/b.yaml:3:39: unknown key 'valeu' (did you mean 'value'?) at /claims/0/valeu [unknown-key]",
        "1 problem found",
    ]
    sarif = json.loads((proj / "r.sarif").read_text("utf-8"))
    assert sarif_errors(sarif) == []
    [res] = sarif["runs"][0]["results"]
    assert (res["ruleId"], res["level"], res["message"]["text"]) == (
        "INP001",
        "error",
        "unknown key 'valeu' (did you mean 'value'?) at /claims/0/valeu [unknown-key]",
    )
    location = res["locations"][0]["physicalLocation"]
    assert (location["artifactLocation"]["uri"], location["region"]["startLine"]) == ("claims/ev/b.yaml", 3)
    assert sarif["runs"][0]["tool"]["driver"]["rules"][0]["id"] == "INP001"
    report = json.loads((proj / "r.json").read_text("utf-8"))
    assert report["summary"]["by_category"] == {"input": 1}
    [found] = report["findings"]
    assert (found["code"], found["category"], found["claims"][0]["file"], found["claims"][0]["line"]) == (
        "INP001",
        "input",
        "claims/ev/b.yaml",
        3,
    )


def test_a_plugin_that_raises_is_reported_as_that_plugins_fault(run: Runner, proj: Path) -> None:
    (proj / "desk_rules.py").write_text(
        "from recoupe.rules.base import Rule\n\n\n"
        "class Broken(Rule):\n"
        '    """Fails on every group."""\n\n'
        '    code = "X-BAD001"\n'
        '    name = "desk.broken"\n'
        '    category = "custom"\n\n'
        "    def check(self, group):\n"
        "        return [len(group.claims) / 0]\n",
        "utf-8",
    )
    (proj / "recoupe.toml").write_text('cache = false\nplugins = ["desk_rules.py"]\n', "utf-8")
    message = "error: desk_rules.py:12: rule X-BAD001 (desk.broken) raised ZeroDivisionError: division by zero [plugin-error]"
    result = run("check")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [message, "1 problem found"]
    verbose = run("check", "-v")
    assert verbose.exit_code == 2
    assert verbose.stderr.startswith("Traceback (most recent call last):\n")
    assert '  File "' + str(proj / "desk_rules.py") + '", line 12, in check\n' in verbose.stderr
    assert verbose.stderr.splitlines()[-2:] == [message, "1 problem found"]


# -- the terminal -------------------------------------------------------------------------------------


def test_quiet_and_verbose(run: Runner, proj: Path) -> None:
    quiet = run("check", "-q")
    assert quiet.exit_code == 1
    assert quiet.stderr == ""
    assert "CMP004" in quiet.stdout and "CMP001" not in quiet.stdout and "info finding" not in quiet.stdout
    assert quiet.stdout.splitlines()[-1] == "1 error, 0 warnings, 1 info"
    verbose = run("check", "-v", "--format", "concise")
    assert verbose.stdout.splitlines() == CONCISE
    lines = verbose.stderr.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["timings:", "rules:"]
    assert [part.split(" ")[0] for part in lines[0].removeprefix("timings: ").split(", ")] == [
        "loading",
        "normalizing",
        "checking",
    ]
    assert lines[1].startswith("rules: 23 run: CMP001 CMP002 CMP003 CMP004")
    assert run("check", "-q", "-v").exit_code == 2


def test_min_severity_and_show_info_change_the_display_not_the_status(run: Runner, proj: Path) -> None:
    text = run("check").stdout
    assert "CMP001" not in text
    assert text.splitlines()[-2:] == [
        "1 info finding not listed (--show-info lists them)",
        "1 error, 0 warnings, 1 info",
    ]
    assert "CMP001" in run("check", "--show-info").stdout
    concise = run("check", "--format", "concise", "--min-severity", "error")
    assert (concise.exit_code, concise.stdout.splitlines()) == (1, CONCISE[1:])
    assert run("check", "--min-severity", "error", "--fail-on", "never").exit_code == 0


def test_concise(run: Runner, proj: Path) -> None:
    result = run("check", "--format", "concise")
    assert (result.exit_code, result.stdout.splitlines()) == (1, CONCISE)


def test_github_annotations(run: Runner, proj: Path) -> None:
    result = run("check", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::notice file=claims/ev/a.yaml,line=8,title=CMP001 compare.agreement::a (Daily A) and b agree on the "
        "place of the event: « Rabat »",
        "::error file=claims/ev/a.yaml,line=7,title=CMP004 compare.contradiction::a (Daily A) and b (as of "
        "2024-03-04) contradict each other on the quantity:dead of the event: « 23 » excludes « 37 »",
        "recoupe: 1 error, 0 warnings, 1 info",
    ]


def test_claimreview(run: Runner, proj: Path) -> None:
    missing = run("check", "--format", "claimreview")
    assert missing.exit_code == 2
    assert missing.stderr.splitlines()[-1] == (
        "Error: --format claimreview needs the page that publishes the reviews and who publishes them: "
        'set url = "https://…" and author = "…" in the [claimreview] table of the config'
    )
    (proj / "recoupe.toml").write_text(
        'cache = false\n[claimreview]\nurl = "https://desk.example/checks/ev"\nauthor = "The Desk"\n', "utf-8"
    )
    result = run("check", "--format", "claimreview")
    assert result.exit_code == 1
    fingerprint = json.loads(run("check", "--format", "json").stdout)["findings"][1]["fingerprint"]
    # one review per finding at or above warning: the agreement (info) is none
    [review] = json.loads(result.stdout)
    # every property Google's ClaimReview documentation requires, and those it recommends that we know
    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://desk.example/checks/ev#{fingerprint}",
        "claimReviewed": "quantity:dead of the event: « 23 » / « 37 »",
        "author": {"@type": "Organization", "name": "The Desk"},
        "reviewRating": {
            "@type": "Rating",
            "alternateName": "Contradicted by another source",
            "ratingExplanation": "a (Daily A) and b (as of 2024-03-04) contradict each other on the "
            "quantity:dead of the event: « 23 » excludes « 37 »",
        },
        "itemReviewed": {
            "@type": "Claim",
            "appearance": [
                {
                    "@type": "CreativeWork",
                    "url": "https://a.example/story",
                    "headline": "Article A",
                    "publisher": {"@type": "Organization", "name": "Daily A"},
                    "datePublished": "2024-03-04",
                },
                {"@type": "CreativeWork", "name": "b", "datePublished": "2024-03-04"},
            ],
            "datePublished": "2024-03-04",
        },
    }


def _on_a_terminal(args: list[str], env: dict[str, str], cwd: Path) -> bytes:
    """What `recoupe` writes to standard output when that is a pseudo-terminal."""
    import pty

    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "recoupe", *args],
            cwd=cwd,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src"), **env},
            stdout=follower,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        os.close(follower)
        out = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed once everything was read
                break
            if not chunk:
                break
            out += chunk
    finally:
        os.close(leader)
    assert proc.returncode == 1
    return out


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_no_color_is_honoured_on_a_terminal(proj: Path) -> None:
    clean = {k: "" for k in ("NO_COLOR", "FORCE_COLOR")}
    assert b"\x1b[1;31merror" in _on_a_terminal(["check"], clean, proj)
    plain = _on_a_terminal(["check"], {**clean, "NO_COLOR": "1"}, proj)
    assert b"\x1b[" not in plain
    assert b"error   CMP004  compare.contradiction  [contradiction]" in plain
    # FORCE_COLOR colours a pipe; --color and --no-color win over both
    piped = subprocess.run(
        [sys.executable, "-m", "recoupe", "check"],
        cwd=proj,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "", "FORCE_COLOR": "1"},
        capture_output=True,
        check=False,
    )
    assert b"\x1b[1;31merror" in piped.stdout
    assert b"\x1b[1;31merror" in _on_a_terminal(["check", "--color"], {"NO_COLOR": "1"}, proj)


# -- rules that explain themselves --------------------------------------------------------------------


def test_explain_a_finding(run: Runner, proj: Path) -> None:
    fingerprint = json.loads(run("check", "--format", "json").stdout)["findings"][1]["fingerprint"]
    result = run("check", "--explain", fingerprint[:8])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:7] == [
        f"CMP004 compare.contradiction [error, contradiction]  fingerprint {fingerprint}",
        "group: quantity:dead of the event, in event ev",
        "claims compared:",
        "  a/dead at claims/ev/a.yaml:7: « 23 » -> 23",
        "  b/dead at claims/ev/b.yaml:4: « 37 » -> 37",
        "  position of the sources themselves as of 2024-03-04: 23 (a)",
        "  position of the sources themselves as of 2024-03-04: 37 (b)",
    ]
    assert lines[7:10] == [
        "relation: DISJOINT",
        "finding: a (Daily A) and b (as of 2024-03-04) contradict each other on the quantity:dead of the "
        "event: « 23 » excludes « 37 »",
        "why the rule fires:",
    ]
    assert lines[10].startswith("  Two sources state values that exclude each other")
    assert lines[-1] == "documentation: https://recoupe.dev/rules/CMP004"
    unknown = run("check", "--explain", "zzzz")
    assert unknown.exit_code == 2
    assert unknown.stderr == "error: no finding has a fingerprint starting with 'zzzz'\n"


def test_json_findings_and_sarif_rules_link_their_documentation(run: Runner, proj: Path) -> None:
    found = json.loads(run("check", "--format", "json").stdout)["findings"]
    assert [f["help_uri"] for f in found] == [
        "https://recoupe.dev/rules/CMP001",
        "https://recoupe.dev/rules/CMP004",
    ]
    sarif = json.loads(run("check", "--format", "sarif").stdout)
    [cmp4] = [r for r in sarif["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "CMP004"]
    assert cmp4["helpUri"] == "https://recoupe.dev/rules/CMP004"
    assert cmp4["help"]["markdown"].startswith("**CMP004 compare.contradiction** (contradiction, error)\n\n")
    assert cmp4["help"]["markdown"].endswith("\n\n[CMP004 documentation](https://recoupe.dev/rules/CMP004)")


def test_junit_cases_carry_file_and_line(run: Runner, proj: Path) -> None:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(run("check", "--format", "junit").stdout)
    assert [(c.get("name"), c.get("file"), c.get("line")) for c in root.iter("testcase")] == [
        ("event / place", "claims/ev/a.yaml", "8"),
        ("event / quantity:dead", "claims/ev/a.yaml", "7"),
    ]


# -- slots, waivers, baselines -----------------------------------------------------------------------


def test_slots_list_and_explain(run: Runner, proj: Path) -> None:
    listed = run("slots", "list")
    assert listed.exit_code == 0
    lines = listed.stdout.splitlines()
    from recoupe.slots import load_slots

    assert len(lines) == len(load_slots().defs)
    assert lines[0].split()[:2] == ["date", "date"]
    assert lines[0].endswith("  When the event (or the subject) took place.")
    assert [line.split()[:2] for line in lines if line.startswith("quantity")][:2] == [
        ["quantity:<what>", "quantity"],
        ["quantity:dead", "quantity"],
    ]
    write(proj / "slots.yaml", "slots:\n  vessel: {type: entity, description: The boat that sank.}\n")
    (proj / "recoupe.toml").write_text('cache = false\nslots = ["slots.yaml"]\n', "utf-8")
    assert run("slots", "list").stdout.splitlines()[-1].split(None, 2) == [
        "vessel",
        "entity",
        "The boat that sank.",
    ]
    explained = run("slots", "explain", "quantity:dead")
    assert explained.stdout.splitlines() == [
        "quantity:dead: quantity",
        "How many people died: a death toll.",
        "flags: evolving, cumulative",
        "part of: quantity:dead-or-missing",
        "example values: « 23 », « about 300 », « at least 40 », « vingt-trois »",
        'in a source file:  - {id: my-claim, slot: "quantity:dead", value: "23"}',
    ]
    typo = run("slots", "explain", "plaec")
    assert typo.exit_code == 2
    assert (
        typo.stderr.splitlines()[-1]
        == "Error: Invalid value for 'SLOT': unknown slot 'plaec' (did you mean 'place'?)"
    )


def test_a_waiver_applies_until_its_day_then_the_report_says_it_expired(run: Runner, proj: Path) -> None:
    b = proj / "claims" / "ev" / "b.yaml"
    body = b.read_text("utf-8")
    waived = body.replace(
        "claims:\n", "waive: [{code: CMP004, reason: the desk checked it, until: 2999-12-31}]\nclaims:\n"
    )
    b.write_text(waived, "utf-8")
    assert run("check").exit_code == 0
    b.write_text(waived.replace("2999-12-31", "2020-01-31"), "utf-8")
    result = run("check", "--format", "concise", "--min-severity", "error")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "claims/ev/a.yaml:7:1: error CMP004 a (Daily A) and b (as of 2024-03-04) contradict each other on the "
        "quantity:dead of the event: « 23 » excludes « 37 » (suggestion: the waiver of b/dead expired on "
        "2020-01-31 (the desk checked it): renew its 'until' or fix the claims)"
    )


def test_baseline_create_asks_for_a_reason_and_records_who_and_when(run: Runner, proj: Path) -> None:
    missing = run("baseline", "create")
    assert missing.exit_code == 2
    assert missing.stderr.splitlines()[-1] == "Error: Missing option '--reason'."
    subprocess.run(["git", "init", "-q"], cwd=proj, check=True)
    subprocess.run(["git", "config", "user.name", "Ana Desk"], cwd=proj, check=True)
    subprocess.run(["git", "config", "user.email", "ana@desk.example"], cwd=proj, check=True)
    assert run("baseline", "create", "--reason", "known at launch").exit_code == 0
    made = json.loads((proj / ".recoupe-baseline.json").read_text("utf-8"))
    assert (made["reason"], made["created_by"]) == ("known at launch", "Ana Desk <ana@desk.example>")
    assert made["created"].startswith("20")


def test_the_source_schema_offers_the_built_in_slots_and_still_takes_any_other() -> None:
    import jsonschema

    from recoupe.schema import generate
    from recoupe.slots import load_slots

    schema = generate("source.schema.json")
    offered = schema["$defs"]["Claim"]["properties"]["slot"]["anyOf"]
    consts = {o["const"]: o["description"] for o in offered if "const" in o}
    defs = load_slots().defs
    assert consts == {n: d.description for n, d in defs.items() if not d.prefix}
    validator = jsonschema.Draft202012Validator(schema)

    def errors(slot: str) -> list[str]:
        source = {"id": "a", "claims": [{"id": "c", "slot": slot, "value": "x"}]}
        return [e.message for e in validator.iter_errors(source)]

    assert errors("place") == errors("quantity:boats") == errors("vessel") == []
    assert errors("Not A Slot") != []


def _git(proj: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=proj, check=True, capture_output=True
    )


def test_a_diff_aware_sarif_run_is_marked_partial_under_its_own_category(run: Runner, proj: Path) -> None:
    _git(proj, "init", "-q")
    _git(proj, "add", "-A")
    _git(proj, "commit", "-qm", "claims")
    b = proj / "claims" / "ev" / "b.yaml"
    b.write_text(b.read_text("utf-8").replace('value: "37"', 'value: "38"'), "utf-8")
    result = run("check", "--changed-since", "HEAD", "--format", "sarif")
    assert result.exit_code == 1
    sarif = json.loads(result.stdout)
    assert sarif_errors(sarif) == []
    [sarif_run] = sarif["runs"]
    assert sarif_run["automationDetails"] == {
        "id": "recoupe/changed-since/",
        "description": {"text": "only findings that involve claims files changed since HEAD"},
    }
    assert sarif_run["properties"]["partial"] == {"changedSince": "HEAD", "changedClaims": 1}
    assert [r["ruleId"] for r in sarif_run["results"]] == ["CMP004"]
    full = json.loads(run("check", "--format", "sarif").stdout)
    assert "automationDetails" not in full["runs"][0]


def test_a_revision_the_clone_lacks_says_to_fetch_the_history(run: Runner, proj: Path) -> None:
    _git(proj, "init", "-q")
    _git(proj, "add", "-A")
    _git(proj, "commit", "-qm", "claims")
    result = run("check", "--changed-since", "origin/main")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: <git>: --changed-since: no commit 'origin/main' in this clone's history; a CI checkout is "
        "shallow unless asked otherwise: fetch the history first (actions/checkout with fetch-depth: 0) [usage]",
        "1 problem found",
    ]


def test_init_points_its_files_at_the_schemas_it_copies(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recoupe.schema import all_schemas

    monkeypatch.chdir(tmp_path)
    assert run("init").exit_code == 0
    firsts = {
        p: (tmp_path / p).read_text("utf-8").splitlines()[0]
        for p in (
            "recoupe.toml",
            "claims/example-event/event.yaml",
            "claims/example-event/example-source.yaml",
            "rules/example.yaml",
        )
    }
    assert firsts == {
        "recoupe.toml": "#:schema ./schemas/config.schema.json",
        "claims/example-event/event.yaml": "# yaml-language-server: $schema=../../schemas/event.schema.json",
        "claims/example-event/example-source.yaml": "# yaml-language-server: $schema=../../schemas/source.schema.json",
        "rules/example.yaml": "# yaml-language-server: $schema=../schemas/rules.schema.json",
    }
    for p, first in firsts.items():  # each named schema is there, beside the files, and current
        target = (tmp_path / p).parent / first.rsplit(" ", 1)[-1].removeprefix("$schema=")
        assert target.read_text("utf-8") == all_schemas()[target.name], p
    copied = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert copied == sorted(all_schemas())


def test_the_wheel_ships_the_schemas() -> None:
    """Each schema the package holds is package data, and is what the models generate."""
    import fnmatch
    import tomllib

    from recoupe.schema import all_schemas

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["recoupe"]
    folder = ROOT / "src" / "recoupe" / "schemas"
    assert sorted(p.name for p in folder.glob("*.json")) == sorted(all_schemas())
    for name in all_schemas():
        assert any(fnmatch.fnmatch(f"schemas/{name}", pattern) for pattern in patterns), name


def test_stdin_filename_checks_the_editors_buffer_in_place_of_the_file(run: Runner, proj: Path) -> None:
    b = proj / "claims" / "ev" / "b.yaml"
    buffer = b.read_text("utf-8").replace('value: "37"', 'value: "23"')
    result = run("check", "--stdin-filename", "claims/ev/b.yaml", "--format", "concise", input=buffer)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "claims/ev/b.yaml:5:1: info CMP001 a (Daily A) and b agree on the place of the event: « Rabat »",
        "claims/ev/b.yaml:4:1: info CMP001 a (Daily A) and b (as of 2024-03-04) agree on the quantity:dead of "
        "the event: « 23 »",
        "0 errors, 0 warnings, 2 info",
    ]
    assert '"37"' in b.read_text("utf-8")  # the file on disk is only read around
    saved = run(
        "check", "--stdin-filename", "claims/ev/b.yaml", "--format", "concise", input=b.read_text("utf-8")
    )
    assert saved.exit_code == 1
    # a finding that names no claim of the file is not the editor's business
    write(
        proj / "claims" / "ev" / "c.yaml",
        'id: c\npublished: 2024-03-04\nclaims:\n  - {id: dead, slot: "quantity:dead", value: "41"}\n',
    )
    assert [
        line.split(" ")[2]
        for line in run(
            "check", "--stdin-filename", "claims/ev/b.yaml", "--format", "concise", input=buffer
        ).stdout.splitlines()[:-1]
    ] == ["CMP001", "CMP004", "CMP001"]
    missing = run("check", "--stdin-filename", "claims/ev/new.yaml", input=buffer)
    assert missing.exit_code == 2
    assert missing.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--stdin-filename': 'claims/ev/new.yaml' is not a file: save it once in its "
        "event folder, so that its event is known"
    )


def test_the_progress_display_advances_through_loading_normalizing_and_checking(proj: Path) -> None:
    from recoupe import api
    from recoupe.config import load_settings

    for i in range(40):  # more files than one progress step (16) reads
        write(
            proj / "claims" / "ev" / f"s{i:02}.yaml",
            f"id: s{i:02}\nclaims:\n  - {{id: p, slot: place, value: Rabat}}\n",
        )
    told: list[tuple[str, int, int]] = []
    api.check(settings=load_settings(proj), progress=lambda *a: told.append(a))
    loading = [t for t in told if t[0] == "loading"]
    assert loading == [("loading", 0, 0), ("loading", 16, 0), ("loading", 32, 0), ("loading", 42, 42)]
    assert [t for t in told if t[0] == "normalizing"] == [("normalizing", 0, 44), ("normalizing", 44, 44)]
    assert [t for t in told if t[0] == "checking"][-1][1:] == (2, 2)
