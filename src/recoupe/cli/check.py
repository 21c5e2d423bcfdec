"""`recoupe check`: validate, normalize and cross-check the claims, then write the reports."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from recoupe.cli.explain import explain
from recoupe.cli.outputs import Target, check_targets, targets, terminal_summary, write_reports
from recoupe.cli.progress import progress_display
from recoupe.cli.shared import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, Exit, kept, print_problems, settings_from
from recoupe.reporters import REPORTERS

if TYPE_CHECKING:
    from recoupe.config import Settings
    from recoupe.errors import InputError

LEVELS = ["error", "warning", "info"]


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(list(REPORTERS)),
    help="Report format; repeat it for several reports, each with its own --output (only one may go to "
    "standard output). Default: text, or what the --output file's extension says.",
)
@click.option(
    "--output",
    "outputs",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="File for the matching --format (repeatable); default standard output. Without --format, "
    ".json, .sarif, .xml (junit), .md, .html and .txt say the format.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    help="Exit 1 when a finding is at or above this level (default: error).",
)
@click.option(
    "--min-severity",
    type=click.Choice(LEVELS),
    default="info",
    help="List only findings at or above this level in text, concise, github and markdown reports "
    "(display only: --fail-on decides the exit status).",
)
@click.option(
    "--sarif-level",
    type=click.Choice(LEVELS),
    default="warning",
    show_default=True,
    help="Findings at or above this level go into the SARIF report (info: SARIF's note); it keeps "
    "within GitHub code scanning's 25,000 results and 10 MB, errors first.",
)
@click.option(
    "--html-split",
    metavar="MIB",
    type=click.FloatRange(min=0),
    help="Past this size (MiB, estimated before rendering) the html report becomes an index page and a "
    "page per event in <name>_files/; 0: always (default 8, or html-split-mib in the config).",
)
@click.option(
    "--show-info", is_flag=True, help="List info findings in the text report (default: count them)."
)
@click.option(
    "--select",
    multiple=True,
    help="Only these rules (codes, names or prefixes; comma-separated or repeated).",
)
@click.option("--ignore", multiple=True, help="Skip these rules (codes, names or prefixes).")
@click.option(
    "--baseline", type=click.Path(dir_okay=False), help="Report only findings not in this baseline file."
)
@click.option(
    "--changed-since",
    metavar="REF",
    help="Only findings that involve claims files changed since this git revision.",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache of parsed claims.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    help="Processes that check events at once (default: every usable core; 0 likewise).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where events are checked: local processes, or a Dask cluster (pip install 'recoupe[dask]').",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="With --engine dask: the scheduler to use (tcp://host:8786); default a local cluster of --jobs workers.",
)
@click.option(
    "--show-suppressed", is_flag=True, help="List waived and baselined findings in the text report too."
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text report (default: on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it).",
)
@click.option(
    "--explain",
    metavar="FINGERPRINT",
    help="Print why the finding with this fingerprint (or a prefix of it) fired, instead of the reports.",
)
@click.option(
    "--stdin-filename",
    metavar="PATH",
    type=click.Path(dir_okay=False),
    help="Read the claims file PATH from standard input (an editor's unsaved buffer) and report only "
    "the findings that name its claims.",
)
@click.option("-q", "--quiet", is_flag=True, help="Only errors and the summary; no progress bar.")
@click.option(
    "-v", "--verbose", is_flag=True, help="Also the time each phase took, and tracebacks of failing plugins."
)
@click.pass_context
def check(ctx: click.Context, /, paths: tuple[str, ...], **opts: Any) -> None:
    """Validate, normalize and cross-check the claims, then report.

    Exit 0 when no finding is at or above --fail-on, 1 when one is, 2 for bad input or usage. On bad
    input every requested report is still written, holding the problems as findings.
    """
    from recoupe.errors import InputError

    if opts["quiet"] and opts["verbose"]:
        raise click.UsageError("-q and -v ask for opposite things; give one")
    plan = targets(opts["formats"], opts["outputs"])
    check_targets(plan)  # a report that could not be written is said before any work, not after
    try:
        settings = _settings(ctx, opts, plan)
        options = {
            "root": settings.root,
            "color": opts["color"],
            "show_suppressed": opts["show_suppressed"],
            "show_info": opts["show_info"],
            "sarif_level": opts["sarif_level"],
            "split_bytes": settings.html_split_mib * 2**20,
            "min_severity": "error" if opts["quiet"] else opts["min_severity"],
            "review_url": settings.claimreview.url,
            "review_author": settings.claimreview.author,
        }
        summary = _run_pieced(settings, paths, plan, options, opts)
        if summary is None:
            data = _run(settings, paths, opts)
    except InputError as e:
        _bad_input(e, plan, opts)
    if summary is None:
        if opts["explain"]:
            click.echo(explain(data, opts["explain"]), nl=False)
            raise Exit(EXIT_OK)
        from recoupe.gcpause import no_collection

        with no_collection():  # api.check turned it back on; it would only walk the corpus again and again
            write_reports(data, plan, options)
        summary = data.summary()
    if all(t.path is not None for t in plan):
        click.echo(terminal_summary(summary, plan), err=True)
    if summary["failing"]:
        raise Exit(EXIT_FINDINGS)


def _settings(ctx: click.Context, opts: dict[str, Any], plan: list[Target]) -> Settings:
    overrides: dict[str, Any] = {"fail_on": opts["fail_on"]}
    if opts["select"]:
        overrides["select"] = _split(opts["select"])
    if opts["ignore"]:
        overrides["ignore"] = _split(opts["ignore"])
    if opts["no_cache"]:
        overrides["cache"] = False
    if opts["jobs"] is not None:
        overrides["jobs"] = opts["jobs"]
    if opts["html_split"] is not None:
        overrides["html_split_mib"] = opts["html_split"]
    if opts["scheduler"] is not None and opts["engine"] != "dask":
        raise click.BadParameter("needs --engine dask", param_hint="'--scheduler'")
    if opts["engine"] == "dask":
        from recoupe.scale.on_dask import INSTALL_HINT, extra_installed

        if not extra_installed():  # before any work: a usage error, not a run that fails at the end
            raise click.UsageError(INSTALL_HINT)
    settings = settings_from(ctx, **overrides)
    review = settings.claimreview
    if any(t.format == "claimreview" for t in plan) and not (review.url and review.author):
        raise click.UsageError(
            "--format claimreview needs the page that publishes the reviews and who publishes them: "
            'set url = "https://…" and author = "…" in the [claimreview] table of the config'
        )
    return settings


def _run(settings: Settings, paths: tuple[str, ...], opts: dict[str, Any]) -> Any:
    from recoupe import api
    from recoupe.cli.progress import Phases
    from recoupe.scale.runner import Plan

    phases = Phases()
    given = _stdin(opts["stdin_filename"])
    with progress_display(enabled=not opts["quiet"] and not given) as say:
        data = api.check(
            paths,
            settings,
            baseline=Path(opts["baseline"]) if opts["baseline"] else None,
            changed_since=opts["changed_since"],
            progress=phases.wrap(say),
            plan=Plan(settings.jobs, opts["engine"], opts["scheduler"]),
            given=given,
        )
    kept.append(data)
    if given:  # the findings on the editor's file, each placed at its first claim in that file
        [stdin_path] = given
        data.findings = [
            f._replace(claims=tuple(sorted(f.claims, key=lambda c: Path(c.file).resolve() != stdin_path)))
            for f in data.findings
            if any(Path(c.file).resolve() == stdin_path for c in f.claims)
        ]
    if opts["verbose"]:
        phases.stop()
        click.echo(f"timings: {phases.line()}", err=True)
        click.echo(f"rules: {len(data.rules)} run: {' '.join(r.code for r in data.rules)}", err=True)
        for key, value in data.extra.items():
            click.echo(f"{key}: {value}", err=True)
    return data


def _run_pieced(
    settings: Settings,
    paths: tuple[str, ...],
    plan: list[Target],
    options: dict[str, Any],
    opts: dict[str, Any],
) -> dict[str, Any] | None:
    """The run over parts (scale.pieced) when it gives the same reports: its summary once the reports
    are written, or None for a run that loads whole (a small corpus, options that need every finding
    at once, a format that cannot be made event by event)."""
    if opts["explain"] or opts["stdin_filename"] or opts["changed_since"] or opts["baseline"]:
        return None
    from recoupe.reporters import reporter_class

    for t in plan:
        cls = reporter_class(t.format)
        if not hasattr(cls, "piece") or (t.path is None and hasattr(cls, "write_pieces")):
            return None
    from recoupe import api
    from recoupe.cli.outputs import target_options, write_pieced
    from recoupe.cli.progress import Phases
    from recoupe.scale.pieced import run_pieced
    from recoupe.scale.runner import Plan

    phases = Phases()
    with progress_display(enabled=not opts["quiet"]) as say:
        outcome = run_pieced(
            settings,
            api.corpus_paths(settings, paths),
            [(t.format, target_options(t, options), Path(t.path) if t.path else None) for t in plan],
            Plan(settings.jobs, opts["engine"], opts["scheduler"]),
            write_pieced,
            progress=phases.wrap(say),
        )
    if outcome is None:
        return None
    if opts["verbose"]:
        phases.stop()
        click.echo(f"timings: {phases.line()}", err=True)
        for key, value in outcome.stats.items():
            click.echo(f"{key}: {value}", err=True)
    return outcome.summary


def _stdin(filename: str | None) -> dict[Path, bytes] | None:
    """The file --stdin-filename names, read from standard input, by its resolved path."""
    if filename is None:
        return None
    path = Path(filename)
    if not path.is_file():  # its folder and neighbours say which event it belongs to
        raise click.BadParameter(
            f"'{filename}' is not a file: save it once in its event folder, so that its event is known",
            param_hint="'--stdin-filename'",
        )
    return {path.resolve(): sys.stdin.buffer.read()}


def _bad_input(e: InputError, plan: list[Target], opts: dict[str, Any]) -> None:
    """Say every problem, and still write every report asked for, with the problems as findings: the
    steps of a workflow that upload or comment a report then show them on the pull request."""
    if opts["verbose"] and e.__cause__ is not None:
        import traceback

        traceback.print_exception(e.__cause__, file=sys.stderr)
    print_problems(e.problems)
    if opts["formats"] or opts["outputs"]:
        from recoupe.corpus import Corpus
        from recoupe.findings import input_finding
        from recoupe.reporters.base import ReportData

        data = ReportData([input_finding(p) for p in e.problems], Corpus(), [])
        write_reports(data, [t for t in plan if t.format != "claimreview"], {"color": opts["color"]})
    raise Exit(EXIT_INPUT)


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]
