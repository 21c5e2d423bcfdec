"""Where `recoupe check` writes its reports: formats matched with outputs, colour, and the terminal summary.

Refuses what would mislead a pipeline: two reports mixed on standard output, a file whose format cannot
be told from its name.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from recoupe.reporters.base import ReportData
    from recoupe.reporters.pieces import Piece, Pieced, Totals

# the format `--output FILE` means when no --format is given
EXTENSIONS = {
    ".json": "json",
    ".sarif": "sarif",
    ".xml": "junit",
    ".md": "markdown",
    ".html": "html",
    ".txt": "text",
}


@dataclass(frozen=True, slots=True)
class Target:
    format: str
    path: str | None  # None: standard output


def targets(formats: Sequence[str], outputs: Sequence[str]) -> list[Target]:
    """Each report with where it goes. Without --format, the formats are told by the outputs' extensions."""
    if not formats:
        formats = [_format_of(o) for o in outputs] or ["text"]
    if len(outputs) > len(formats):
        raise click.BadParameter("more --output than --format", param_hint="'--output'")
    out = [
        Target(fmt, outputs[i] if i < len(outputs) and outputs[i] != "-" else None)
        for i, fmt in enumerate(formats)
    ]
    shared = [t.format for t in out if t.path is None]
    if len(shared) > 1:
        raise click.BadParameter(
            f"{', '.join(shared[:-1])} and {shared[-1]} would {'both' if len(shared) == 2 else 'all'} be "
            "written to standard output, one after the other; "
            f"give {', '.join(shared[1:])} an --output file (--output matches --format in order)",
            param_hint="'--format'",
        )
    return out


def check_targets(plan: Sequence[Target]) -> None:
    """Raise InputError for the first report file that could not be written (outfile.check_target)."""
    from recoupe.outfile import check_target

    for t in plan:
        if t.path is not None:
            check_target(Path(t.path))


def _format_of(output: str) -> str:
    suffix = Path(output).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    raise click.BadParameter(
        f"cannot tell the report format of '{output}' from its extension "
        f"({', '.join(EXTENSIONS)}); give --format",
        param_hint="'--output'",
    )


def use_color(flag: bool | None, to_terminal: bool) -> bool:
    """--color/--no-color, else NO_COLOR (https://no-color.org), else FORCE_COLOR, else a terminal."""
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return to_terminal


def write_reports(data: ReportData, plan: Sequence[Target], options: dict[str, Any]) -> None:
    """Every report of the plan, each to its file (atomically) or to standard output."""
    from recoupe.reporters import get_reporter

    for target in plan:
        reporter = get_reporter(target.format, **target_options(target, options))
        # piece by piece where the format allows: a report of a million findings is large
        if target.path is None:
            to_stdout(reporter.chunks(data))
        else:
            reporter.write(data, Path(target.path))


def target_options(target: Target, options: dict[str, Any]) -> dict[str, Any]:
    """The reporter options of one report: colour and width depend on where it goes."""
    import shutil

    to_terminal = target.path is None and sys.stdout.isatty()
    return {
        **options,
        "color": use_color(options.get("color"), to_terminal),
        "width": shutil.get_terminal_size().columns if to_terminal else 100,
    }


def write_pieced(reporter: Pieced, totals: Totals, pieces: Iterator[Piece], path: Path | None) -> None:
    """One report of a run over parts, from its pieces: to its file (atomically) or standard output."""
    from recoupe.outfile import write_atomic

    writer = getattr(reporter, "write_pieces", None)  # a format of several files (the HTML folder)
    if path is None:
        to_stdout(reporter.assemble(totals, pieces))
    elif writer is not None:
        writer(totals, pieces, path)
    else:
        write_atomic(path, reporter.assemble(totals, pieces))


def to_stdout(chunks: Iterable[bytes]) -> None:
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


def terminal_summary(summary: dict[str, Any], plan: Sequence[Target]) -> str:
    """The one line said on stderr when every report went to a file: counts, verdict, where they went."""
    from recoupe.reporters._common import counts_line, status_line

    files = ", ".join(f"{t.path} ({t.format})" for t in plan)
    return f"recoupe: {counts_line(summary)}; {status_line(summary)}; wrote {files}"
