"""`recoupe check`: validate, normalize and cross-check the claims, then write the reports."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from recoupe.cli.progress import progress_display
from recoupe.cli.shared import EXIT_FINDINGS, Exit, input_errors, kept, settings_from
from recoupe.reporters import REPORTERS


@click.command()
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
    "--show-suppressed", is_flag=True, help="List waived and baselined findings in the text report too."
)
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
            paths,
            settings,
            baseline=Path(baseline) if baseline else None,
            changed_since=changed_since,
            progress=say,
        )
    kept.append(data)
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


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


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
