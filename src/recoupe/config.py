"""Settings (pydantic, extra="forbid") and their discovery in recoupe.toml or [tool.recoupe]."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from recoupe.errors import InputError, Problem, did_you_mean, line_col, problems_from_validation
from recoupe.models import SCHEMA_BASE, _Model

Level = Literal["error", "warning", "info"]
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
    claimreview: ClaimReviewSettings = Field(default_factory=ClaimReviewSettings)
    cache: bool = Field(default=True, description="Cache parsed and normalized claims by content hash.")
    cache_dir: str = Field(default=".recoupe_cache", alias="cache-dir")
    jobs: int = Field(
        default=0,
        ge=0,
        description="Processes that check events at once; 0: every usable core (a small corpus is checked in-process).",
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
            return own, data.get("recoupe", data), "recoupe" if "recoupe" in data else ""
        py = folder / "pyproject.toml"
        if py.is_file():
            data = _read_toml(py)
            table = data.get("tool", {}).get("recoupe")
            if table is not None:
                return py, table, "tool.recoupe"
    return None


def _read_config(config: Path) -> tuple[Path, dict[str, Any], str]:
    """A config file named on the command line: its recoupe table, wherever in the file it is."""
    data = _read_toml(config)
    return (
        config,
        data.get("tool", {}).get("recoupe", data.get("recoupe", data)),
        "tool.recoupe" if "tool" in data else ("recoupe" if "recoupe" in data else ""),
    )


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
            if path.exists():
                continue
            if text is None:
                text = file.read_text("utf-8")
            near = [p.name for p in path.parent.iterdir()] if path.parent.is_dir() else []
            problems.append(
                Problem(
                    str(file),
                    _toml_line(text, table, key),
                    None,
                    f"/{key}/{i}",
                    f"{what} '{entry}' not found (looked for {path}){did_you_mean(path.name, near)}",
                    "missing-file",
                )
            )
    return problems


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
