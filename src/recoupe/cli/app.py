"""The `recoupe` command: options -> Settings -> engine; the exit code is decided here only.

Heavy modules are imported inside commands so that `recoupe --help` stays instant.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from recoupe.reporters import REPORTERS

if TYPE_CHECKING:
    from recoupe.config import Settings
    from recoupe.errors import Problem

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
F = TypeVar("F", bound=Callable[..., Any])


class Exit(Exception):
    """Raised by a command to end with a given status; the one place statuses are mapped is `main`."""

    def __init__(self, status: int) -> None:
        self.status = status


def report_problems(problems: Sequence[Problem], fmt: str = "text") -> NoReturn:
    if fmt == "json":
        click.echo(
            json.dumps(
                {"valid": False, "errors": [p.to_dict() for p in problems]}, ensure_ascii=False, indent=2
            )
        )
    else:
        for p in problems:
            click.echo(f"error: {p}", err=True)
        n = len(problems)
        click.echo(f"{n} problem{'s' if n != 1 else ''} found", err=True)
    raise Exit(EXIT_INPUT)


def input_errors(fmt_param: str | None = None) -> Callable[[F], F]:
    """Turn InputError (bad files, bad config) into located messages and exit status 2."""

    def deco(fn: F) -> F:
        @wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            from recoupe.errors import InputError

            try:
                return fn(*args, **kwargs)
            except InputError as e:
                report_problems(e.problems, kwargs.get(fmt_param, "text") if fmt_param else "text")

        return wrapper  # type: ignore[return-value]

    return deco


def settings_from(ctx: click.Context, **overrides: Any) -> Settings:
    from recoupe.config import load_settings

    config = ctx.find_root().params.get("config")
    return load_settings(config=Path(config) if config else None, **overrides)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="recoupe")
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    help="Config file (default: recoupe.toml or pyproject.toml found upwards).",
)
def cli(config: str | None) -> None:
    """recoupe: cross-check the claims several sources make about one event.

    Validate claims files, normalize their values, and report where sources agree, where one is
    only less precise, and where they contradict each other.
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
@input_errors("fmt")
def validate(ctx: click.Context, paths: tuple[str, ...], fmt: str) -> None:
    """Check claims files against the schema, the slots and their pinned texts.

    Exit 0 when everything is valid; exit 2 with every located problem otherwise.
    """
    from recoupe import api
    from recoupe.loading import stale_problems

    corpus = api.load(settings_from(ctx), paths)
    _kept.append(corpus)
    stale = stale_problems(corpus)
    if stale:
        report_problems(stale, fmt)
    n_claims = len(corpus.claims)
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "valid": True,
                    "errors": [],
                    "events": len(corpus.events),
                    "sources": len(corpus.sources),
                    "claims": n_claims,
                }
            )
        )
    else:
        click.echo(f"ok: {len(corpus.events)} events, {len(corpus.sources)} sources, {n_claims} claims")


@cli.group()
def schema() -> None:
    """The JSON Schemas generated from recoupe's models."""


@schema.command("export")
@click.option("--dir", "folder", type=click.Path(file_okay=False), default="schemas", show_default=True)
@click.option("--check", is_flag=True, help="Write nothing; fail if the files differ from the models.")
def schema_export(folder: str, check: bool) -> None:
    """Write schemas/*.schema.json from the models (or, with --check, detect drift)."""
    from recoupe import schema as schemas

    target = Path(folder)
    if check:
        stale = schemas.drift(target)
        if stale:
            for name in stale:
                click.echo(
                    f"error: {target / name} differs from the models; run 'recoupe schema export'", err=True
                )
            raise Exit(EXIT_FINDINGS)
        click.echo(f"ok: {len(schemas.all_schemas())} schemas match the models")
        return
    for name in schemas.export(target):
        click.echo(f"wrote {target / name}")


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(list(REPORTERS)),
    help="Report format; repeat it for several reports, each with its own --output.",
)
@click.option(
    "--output",
    "outputs",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="File for the matching --format (repeatable); default standard output.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    help="Exit 1 when a finding is at or above this level (default: error).",
)
@click.option(
    "--select",
    multiple=True,
    help="Only these rules (codes, names or prefixes; comma-separated or repeated).",
)
@click.option("--ignore", multiple=True, help="Skip these rules (codes, names or prefixes).")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Report only findings not in this baseline file.")
@click.option("--changed-since", metavar="REF", help="Only findings that involve claims files changed since this git revision.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache of parsed claims.")
@click.option("--show-suppressed", is_flag=True, help="List waived and baselined findings in the text report too.")
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text report (default: when standard output is a terminal).",
)
@click.pass_context
@input_errors()
def check(
    ctx: click.Context,
    paths: tuple[str, ...],
    formats: tuple[str, ...],
    outputs: tuple[str, ...],
    fail_on: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    baseline: str | None,
    changed_since: str | None,
    no_cache: bool,
    show_suppressed: bool,
    color: bool | None,
) -> None:
    """Validate, normalize and cross-check the claims, then report.

    Exit 0 when no finding is at or above --fail-on, 1 when one is, 2 for bad input or usage.
    """
    import shutil

    from recoupe import api
    from recoupe.gcpause import no_collection
    from recoupe.reporters import get_reporter
    from recoupe.yamlio import write_atomic

    fmts = list(formats) or ["text"]
    if len(outputs) > len(fmts):
        raise click.BadParameter("more --output than --format", param_hint="'--output'")
    overrides: dict[str, Any] = {"fail_on": fail_on}
    if select:
        overrides["select"] = _split(select)
    if ignore:
        overrides["ignore"] = _split(ignore)
    if no_cache:
        overrides["cache"] = False
    settings = settings_from(ctx, **overrides)
    with progress_display() as say:
        data = api.check(
            paths, settings, baseline=Path(baseline) if baseline else None, changed_since=changed_since, progress=say
        )
    _kept.append(data)
    with no_collection():  # api.check turned it back on; it would only walk the corpus again and again
        for i, name in enumerate(fmts):
            target = outputs[i] if i < len(outputs) else None
            to_terminal = target is None and sys.stdout.isatty()
            use_color = color if color is not None else to_terminal
            width = shutil.get_terminal_size().columns if to_terminal else 100
            reporter = get_reporter(
                name, color=use_color, width=width, root=settings.root, show_suppressed=show_suppressed
            )
            # piece by piece where the format allows: a report of a million findings is large
            if target is None or target == "-":
                _to_stdout(reporter.chunks(data))
            else:
                write_atomic(Path(target), reporter.chunks(data))
    if data.failing():
        raise Exit(EXIT_FINDINGS)


def _to_stdout(chunks: Iterable[bytes]) -> None:
    """A report's UTF-8 pieces on standard output as they come, ending with a newline.

    Bytes, not click.echo: colour asked for with --color stays in a pipe (`| less -R`).
    """
    sys.stdout.flush()
    out = sys.stdout.buffer
    last = b""
    for chunk in chunks:
        if chunk:
            out.write(chunk)
            last = chunk
    if not last.endswith(b"\n"):
        out.write(b"\n")
    out.flush()


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False), default=".")
@input_errors()
def init(folder: str) -> None:
    """Start a project: recoupe.toml, an example event folder and an example rule."""
    from recoupe.scaffold import scaffold

    for path in scaffold(Path(folder)):
        click.echo(f"wrote {path}")
    click.echo("next: recoupe check")


@cli.group()
def baseline() -> None:
    """Record the current findings, so that CI fails only on new ones."""


@baseline.command("create")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=".recoupe-baseline.json", show_default=True)
@click.option("--reason", help="Why these findings are accepted (stored in the file).")
@click.pass_context
@input_errors()
def baseline_create(ctx: click.Context, paths: tuple[str, ...], output: str, reason: str | None) -> None:
    """Write the fingerprints of every current finding (waived ones excepted) to a baseline file."""
    from recoupe import api
    from recoupe import baseline as baselines

    data = api.check(paths, settings_from(ctx))
    made = baselines.build(data.findings, reason)
    baselines.write(Path(output), made)
    click.echo(f"wrote {output}: {len(made.entries)} findings")


@cli.group()
def rules() -> None:
    """List, explain and test rules (built-in, plugins and the project's YAML rules)."""


@rules.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
@input_errors("fmt")
def rules_list(ctx: click.Context, fmt: str) -> None:
    """One line per rule: code, name, kind, default severity, summary."""
    from recoupe import api

    found = api.discover(settings_from(ctx))
    if fmt == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "kind": r.kind,
                "severity": r.severity.value,
                "category": r.category,
                "summary": r.summary(),
            }
            for r in found
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max((len(r.name) for r in found), default=10)
    for r in found:
        click.echo(f"{r.code:<9} {r.name:<{width}}  {r.kind:<11} {r.severity.value:<8} {r.summary()}")


@rules.command("explain")
@click.argument("code")
@click.pass_context
@input_errors()
def rules_explain(ctx: click.Context, code: str) -> None:
    """Show a rule's documentation, with its passing and failing examples."""
    import inspect

    from recoupe import api
    from recoupe.errors import did_you_mean

    found = api.discover(settings_from(ctx))
    rule = next((r for r in found if code in (r.code, r.name) or code in r.aliases), None)
    if rule is None:
        hint = did_you_mean(code, [r.code for r in found] + [r.name for r in found])
        raise click.BadParameter(f"no rule '{code}'{hint}", param_hint="'CODE'")
    doc = getattr(rule, "description", None) or inspect.getdoc(type(rule)) or ""
    click.echo(f"{rule.code} {rule.name} ({rule.kind}; {rule.severity.value}; category {rule.category})")
    if rule.aliases:
        click.echo(f"aliases: {', '.join(rule.aliases)}")
    if rule.origin:
        click.echo(f"defined in {rule.origin}")
    click.echo("")
    click.echo(doc)


@rules.command("test")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.pass_context
@input_errors()
def rules_test(ctx: click.Context, paths: tuple[str, ...]) -> None:
    """Run rule test cases (YAML files of claims and the exact findings expected)."""
    from recoupe.testing import run_cases

    targets = [Path(p) for p in paths] or [Path("tests/rules/cases")]
    passed, failed = run_cases(targets)
    for case, diff in failed:
        click.echo(f"FAIL {case}\n{diff}", err=True)
    click.echo(f"{len(passed)} passed, {len(failed)} failed")
    if failed:
        raise Exit(EXIT_FINDINGS)


@cli.command()
@click.argument("path", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
@input_errors("fmt")
def normalize(ctx: click.Context, path: str, fmt: str) -> None:
    """Print each claim's normalized value (a claims file, a folder, or a JSON Lines file)."""
    from recoupe import api

    settings = settings_from(ctx)
    corpus = api.load(settings, [path])
    norm = api.normalizer(settings)
    rows = []
    for c in corpus.claims:
        value = norm.normalize(c, corpus.sources.get(c.source))
        rows.append(
            {
                "source": c.source,
                "claim": c.id,
                "slot": c.slot,
                "type": c.type,
                "value": c.claim.value,
                "normalized": value.to_dict(),
                "display": str(value),
            }
        )
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    for r in rows:
        shown = r["value"] if isinstance(r["value"], str) else json.dumps(r["value"], ensure_ascii=False)
        click.echo(f"{r['source']}/{r['claim']}  {r['slot']} ({r['type']}): {shown}  ->  {r['display']}")


@cli.group()
def vocab() -> None:
    """Look terms up in the vocabularies."""


@vocab.command("lookup")
@click.argument("term")
@click.option("--lang", default=None, help="Language of the term (fr, en); default: any.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
@input_errors("fmt")
def vocab_lookup(ctx: click.Context, term: str, lang: str | None, fmt: str) -> None:
    """The concepts a label resolves to, with broader chain, nonstandard flag and preferred term."""
    from recoupe import api

    index = api.normalizer(settings_from(ctx)).vocab
    found = index.lookup(term, lang=lang)
    if fmt == "json":
        click.echo(json.dumps({"term": term, "concepts": found}, ensure_ascii=False, indent=2, default=str))
    elif not found:
        click.echo(f"no concept for « {term} »")
    else:
        for c in found:
            click.echo(_describe_concept(c))
    if not found:
        raise Exit(EXIT_FINDINGS)


def _describe_concept(c: dict[str, Any]) -> str:
    labels = c.get("prefLabel") or {}
    lines = [f"{c['id']} ({c.get('vocabulary', '')}): " + "; ".join(f"{k}: {v}" for k, v in labels.items())]
    chain = c.get("broaderChain") or c.get("broader") or []
    if chain:
        lines.append("  broader: " + " > ".join(chain))
    if c.get("nonstandard"):
        pref = c.get("preferred") or []
        lines.append(
            "  nonstandard label"
            + (
                f"; prefer « {pref} »"
                if isinstance(pref, str)
                else f"; prefer {', '.join(f'« {p} »' for p in pref)}"
            )
        )
        if c.get("note"):
            lines.append(f"  note: {c['note']}")
    if c.get("disjointWith"):
        lines.append("  disjoint with: " + ", ".join(c["disjointWith"]))
    return "\n".join(lines)


class progress_display:
    """A progress bar on stderr, only for a person at a terminal: never in CI logs or into a pipe."""

    def __init__(self) -> None:
        import os

        self.enabled = sys.stderr.isatty() and not os.environ.get("CI")
        self._bar: Any = None
        self._tasks: dict[str, Any] = {}

    def __enter__(self) -> Callable[[str, int, int], None]:
        if not self.enabled:
            return lambda *_: None
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self._bar = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._bar.__enter__()
        return self._update

    def _update(self, stage: str, done: int, total: int) -> None:
        task = self._tasks.get(stage)
        if task is None:
            task = self._tasks[stage] = self._bar.add_task(stage, total=total or None)
        self._bar.update(task, completed=done, total=total or None)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)


# What a command made that may be large (a check's corpus and findings), kept until the process
# ends: see run().
_kept: list[object] = []


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Entry point: run the command and map its outcome to an exit status, here and nowhere else."""
    status = _status(argv)
    _kept.clear()
    sys.exit(status)


def run() -> NoReturn:
    """The `recoupe` program: main(), ended without freeing what the run made.

    A large check holds tens of millions of objects; freeing them one by one at exit took seconds
    for nothing (ten at a million claims), since the process ends anyway. Files are all closed by
    then; the standard streams are flushed here.
    """
    import os

    status = _status(None)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # a reader that left, or a stream already closed
        pass
    os._exit(status)


def _status(argv: Sequence[str] | None) -> int:
    """Run the command line; its exit status."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="recoupe", standalone_mode=False)
        return EXIT_OK
    except Exit as e:
        return e.status
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return EXIT_INPUT
    except click.ClickException as e:  # bad usage: unknown option, bad choice, missing argument
        e.show()
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except Exception as e:  # a bug of ours: say so plainly; the traceback only on request
        import os
        import traceback

        if os.environ.get("RECOUPE_DEBUG"):
            traceback.print_exc()
        click.echo(
            f"recoupe: internal error: {type(e).__name__}: {e}\n"
            "This is a bug in recoupe, not in your files; set RECOUPE_DEBUG=1 to see where, and please report it.",
            err=True,
        )
        return EXIT_INPUT
