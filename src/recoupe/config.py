"""Settings (pydantic, extra="forbid") and their discovery in recoupe.toml or [tool.recoupe]."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from recoupe.errors import InputError, Problem, did_you_mean, line_col, problems_from_validation
from recoupe.models import SCHEMA_BASE, _Model
from recoupe.safefile import Limits, set_limits

Level = Literal["error", "warning", "info"]
HTML_SPLIT_MIB = 8  # a page of a few megabytes opens in a second
FailOn = Literal["error", "warning", "info", "never"]


class ToleranceSettings(_Model):
    """Widths of approximate quantities, as fractions of the stated number."""

    approximate: float = Field(
        default=0.10, ge=0, le=1, description="« quelque », « environ », « about »: ± this."
    )
    nearly: float = Field(
        default=0.10, ge=0, le=1, description="« près de », « nearly »: down to minus this."
    )
    precision: Literal["round-or-truncate", "round", "exact"] = Field(
        default="round-or-truncate",
        description=(
            "What a number written to a given digit covers (« 1,08 million »): every count that rounds "
            "or truncates to it, only what rounds to it, or the number alone."
        ),
    )


class ClaimReviewSettings(_Model):
    """Who publishes the ClaimReview entries of `--format claimreview`, and where."""

    url: str | None = Field(
        default=None,
        description="The page that publishes the reviews; each review's url is this plus '#' and its fingerprint.",
    )
    author: str | None = Field(default=None, description="The organisation that publishes the reviews.")


class LimitSettings(_Model):
    """How much recoupe reads before refusing an input with a located error: a claims repository
    comes in pull requests, and no file of it may exhaust the CI runner."""

    file_bytes: int = Field(
        default=64 * 2**20,
        ge=1,
        alias="file-bytes",
        description="Bytes of a claims, config, rules or baseline file.",
    )
    text_bytes: int = Field(
        default=64 * 2**20, ge=1, alias="text-bytes", description="Bytes of a source's text."
    )
    line_bytes: int = Field(
        default=2**20, ge=1, alias="line-bytes", description="Bytes of one JSON Lines line."
    )
    depth: int = Field(
        default=100, ge=1, le=500, description="Nesting of lists and mappings in YAML and JSON."
    )
    claims_per_file: int = Field(
        default=100_000, ge=1, alias="claims-per-file", description="Claims in one YAML or JSON source file."
    )
    string_chars: int = Field(
        default=100_000, ge=1, alias="string-chars", description="Characters of one string value."
    )

    def in_force(self) -> Limits:
        return Limits(**self.model_dump())


class Settings(_Model):
    """Everything a run can be configured with. Paths are relative to the config file's folder."""

    model_config = {
        "title": "recoupe settings",
        "json_schema_extra": {"$id": SCHEMA_BASE + "config.schema.json"},
    }

    paths: list[str] = Field(default_factory=lambda: ["claims"], description="Corpus folders or files.")
    vocabularies: list[str] = Field(default_factory=list, description="Extra vocabulary files.")
    registries: list[str] = Field(default_factory=list, description="Entity registry files.")
    slots: list[str] = Field(default_factory=list, description="Extra slot vocabulary files.")
    rules: list[str] = Field(default_factory=list, description="Folders (or files) of YAML rules.")
    plugins: list[str] = Field(
        default_factory=list,
        description="Local Python rule modules: a dotted module name or a path to a .py file.",
    )
    select: list[str] = Field(default_factory=list, description="Rule codes, names or prefixes to run.")
    ignore: list[str] = Field(default_factory=list, description="Rule codes, names or prefixes to skip.")
    severity: dict[str, Level] = Field(
        default_factory=dict, description="Severity overrides by rule code, name or prefix."
    )
    fail_on: FailOn = Field(default="error", alias="fail-on")
    tolerances: ToleranceSettings = Field(default_factory=ToleranceSettings)
    limits: LimitSettings = Field(default_factory=LimitSettings)
    claimreview: ClaimReviewSettings = Field(default_factory=ClaimReviewSettings)
    cache: bool = Field(default=True, description="Cache parsed and normalized claims by content hash.")
    cache_dir: str = Field(default=".recoupe_cache", alias="cache-dir")
    jobs: int = Field(
        default=0,
        ge=0,
        description="Processes that check events at once; 0: every usable core (a small corpus is checked in-process).",
    )
    html_split_mib: float = Field(
        default=HTML_SPLIT_MIB,
        ge=0,
        alias="html-split-mib",
        description=(
            "Size in MiB (estimated before rendering) past which the html report becomes an index page "
            "and a page per event; 0: always."
        ),
    )

    # Where the settings came from; not a setting itself.
    root: Path = Field(default_factory=Path.cwd, exclude=True)
    config_file: Path | None = Field(default=None, exclude=True)

    def resolve(self, path: str) -> Path:
        p = Path(path)
        return p if p.is_absolute() else self.root / p


def _read_toml(path: Path) -> dict[str, Any]:
    from recoupe.yamlio import read_text  # (every command that reads the config goes on to read YAML)

    text = read_text(path, str(path))  # located problems: unreadable, too large, not UTF-8
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise InputError([_toml_problem(str(path), text, e)]) from None


def _toml_problem(file: str, text: str, e: tomllib.TOMLDecodeError) -> Problem:
    """The syntax error located: tomllib (before Python 3.14) gives its position only in the message."""
    msg = str(e.args[0]) if e.args else str(e)
    line: int | None = getattr(e, "lineno", None)
    col: int | None = getattr(e, "colno", None)
    if (m := re.search(r" \(at line (\d+), column (\d+)\)$", msg)) is not None:
        msg, line, col = msg[: m.start()], int(m.group(1)), int(m.group(2))
    elif msg.endswith(" (at end of document)"):
        msg = msg.removesuffix(" (at end of document)") + " at the end of the file"
        line, col = line_col(text, len(text))
    return Problem(file, line, col, "", f"not valid TOML: {msg[:1].lower()}{msg[1:]}", "syntax")


def _toml_line(text: str, table: str, key: str | int | None) -> int | None:
    """TOML has no marks in tomllib: find the key's line within its table by a plain scan."""
    lines = text.splitlines()
    in_table = table == ""
    for i, raw in enumerate(lines, 1):
        stripped = raw.strip()
        if stripped.startswith("["):  # a table header, perhaps with a comment after it
            in_table = stripped.lstrip("[").split("]", 1)[0].strip() == table
            continue
        if in_table and key is not None and stripped.split("=", 1)[0].strip().strip('"') == str(key):
            return i
    return None


def find_config(start: Path) -> tuple[Path, dict[str, Any], str] | None:
    """The nearest recoupe.toml, or pyproject.toml with a [tool.recoupe] table, from `start` upwards."""
    for folder in [start, *start.parents]:
        own = folder / "recoupe.toml"
        if own.is_file():
            data = _read_toml(own)
            if "recoupe" in data:
                return own, _table(data, own, "recoupe"), "recoupe"
            return own, data, ""
        py = folder / "pyproject.toml"
        if py.is_file():
            data = _read_toml(py)
            if "tool" in data and "recoupe" in _table(data, py, "tool"):
                return py, _table(data, py, "tool.recoupe"), "tool.recoupe"
    return None


def _read_config(config: Path) -> tuple[Path, dict[str, Any], str]:
    """A config file named on the command line: its recoupe table, wherever in the file it is."""
    data = _read_toml(config)
    if "tool" in data and "recoupe" in _table(data, config, "tool"):
        return config, _table(data, config, "tool.recoupe"), "tool.recoupe"
    if "recoupe" in data:
        return config, _table(data, config, "recoupe"), "recoupe"
    return config, data, "tool.recoupe" if "tool" in data else ""


_TOML_TYPES = {
    "str": "a string",
    "int": "a number",
    "float": "a number",
    "bool": "true or false",
    "list": "a list",
}


def _table(data: dict[str, Any], file: Path, dotted: str) -> dict[str, Any]:
    """The table at `dotted` ("tool.recoupe"); InputError at its line when it is something else
    (`tool = 5`, `recoupe = "x"`): any shape of file gives a located problem, never a crash."""
    current: Any = data
    parts = dotted.split(".")
    for i, part in enumerate(parts):
        current = current[part]
        if not isinstance(current, dict):
            text = file.read_text("utf-8")
            line = _toml_line(text, ".".join(parts[:i]), part)
            what = _TOML_TYPES.get(type(current).__name__, type(current).__name__)
            raise InputError(
                [
                    Problem(
                        str(file),
                        line,
                        None,
                        "/" + "/".join(parts[: i + 1]),
                        f"'{dotted if i == len(parts) - 1 else part}' must be a table of settings, not {what}",
                        "type",
                    )
                ]
            )
    return dict(current)


def load_settings(start: Path | None = None, config: Path | None = None, **overrides: Any) -> Settings:
    """Discover and validate the config, then apply CLI overrides (which win)."""
    start = (start or Path.cwd()).resolve()
    found = _read_config(config) if config is not None else find_config(start)
    raw: dict[str, Any] = {}
    root = start
    file: Path | None = None
    table = ""
    if found is not None:
        file, raw, table = found
        root = file.parent.resolve()
    # the file spells some keys with dashes (fail-on); an override must replace that key, not add a twin
    aliases = {name: f.alias for name, f in Settings.model_fields.items() if f.alias}
    merged = {**raw}
    for key, value in overrides.items():
        if value is not None:
            merged.pop(key, None)
            merged[aliases.get(key, key)] = value
    try:
        settings = Settings.model_validate({**merged, "root": root, "config_file": file})
    except ValidationError as e:
        if file is None:
            raise InputError(problems_from_validation(e, "<command line>", None, model=Settings)) from None
        text = file.read_text("utf-8")
        problems = []
        for p in problems_from_validation(e, str(file), None, model=Settings):
            parts = p.pointer.split("/")[1:] if p.pointer else []
            line = _toml_line(text, table, parts[0] if parts else None)
            if line is None and len(parts) > 1:  # a key of a sub-table such as [tolerances]
                sub = f"{table}.{parts[0]}" if table else parts[0]
                line = _toml_line(text, sub, parts[1])
            problems.append(Problem(p.file, line, None, p.pointer, p.message, p.kind))
        raise InputError(problems) from None
    if file is not None:
        missing = _missing_files(settings, raw, file, table)
        if missing:
            raise InputError(missing)
    set_limits(settings.limits.in_force())  # every reader from here on holds to the configured bounds
    return settings


# The settings that name files, and what each file is, for a located "not found".
_FILE_SETTINGS = {
    "vocabularies": "vocabulary file",
    "registries": "registry file",
    "slots": "slot file",
    "rules": "rules file or folder",
    "plugins": "plugin file",
}


def _missing_files(settings: Settings, raw: dict[str, Any], file: Path, table: str) -> list[Problem]:
    """A file the config names that does not exist, reported at the config's line that names it
    rather than as an unreadable file with no line. (A plugin may be a module name: only paths count.)"""
    problems: list[Problem] = []
    text: str | None = None
    for key, what in _FILE_SETTINGS.items():
        if key not in raw:  # a command-line value is checked where it is used
            continue
        for i, entry in enumerate(getattr(settings, key)):
            if key == "plugins" and not (entry.endswith(".py") or "/" in entry or "\\" in entry):
                continue
            path = settings.resolve(entry)
            message = _not_a_file(path, entry, what, folder_ok=key == "rules")
            if message is None:
                continue
            if text is None:
                text = file.read_text("utf-8")
            kind = "missing-file" if " not found " in message else "special-file"
            problems.append(
                Problem(str(file), _toml_line(text, table, key), None, f"/{key}/{i}", message, kind)
            )
    return problems


def _not_a_file(path: Path, entry: str, what: str, folder_ok: bool) -> str | None:
    """Why a file the config names cannot be read, or None. It may be anywhere the user chooses,
    but must be a regular file (or, for rules, a folder): a FIFO or a device would hang the run."""
    import os
    import stat

    from recoupe.safefile import describe

    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        near = [p.name for p in path.parent.iterdir()] if path.parent.is_dir() else []
        return f"{what} '{entry}' not found (looked for {path}){did_you_mean(path.name, near)}"
    if stat.S_ISREG(mode) or (folder_ok and stat.S_ISDIR(mode)):
        return None
    return f"{what} '{entry}' is {describe(mode)}, not a regular file: refused"


def setting_source(settings: Settings, key: str) -> tuple[str, int | None, list[Any]] | None:
    """Where the config file sets `key`: (file, line, its raw values); None when the value came from the
    command line or the defaults. Lets a problem with a value point at the line that wrote it."""
    if settings.config_file is None:
        return None
    file, raw, table = _read_config(settings.config_file)
    value = raw.get(key)
    if value is None:
        return None
    values = list(value) if isinstance(value, (list, dict)) else [value]
    return str(file), _toml_line(file.read_text("utf-8"), table, key), values
