"""Rule discovery: built-in rules, Python plugins (entry points and local modules) and YAML rules.

A plugin is a Python `Rule` subclass. It reaches recoupe in one of two ways:

- an installed distribution declares it in the entry-point group `recoupe.rules`:

      [project.entry-points."recoupe.rules"]
      my-rule = "mypackage.rules:MyRule"     # a Rule subclass
      my-rules = "mypackage.rules"           # a module with a RULES list

- the project names it in config under `plugins`: a dotted module name importable from the project
  root (`plugins = ["newsroom_rules"]`, or `"newsroom_rules:MyRule"`) or the path of a .py file
  (`plugins = ["rules/newsroom.py"]`), relative to the config file's folder.

A module provides its `RULES` list (Rule subclasses or instances), else its `RULE`, else the Rule
subclasses it defines. Plugins are imported only when a run discovers its rules. A plugin that
cannot be imported, or that gives something that is not a usable rule, is reported with the entry
point or file it came from, never as a traceback; so is a code or name that two rules share.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import re
import sys
import traceback
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from recoupe.errors import InputError, Problem, RuleFailed, did_you_mean, shorten
from recoupe.findings import CATEGORIES, Severity
from recoupe.rules.base import Rule

if TYPE_CHECKING:
    from recoupe.config import Settings

__all__ = [
    "ENTRY_POINT_GROUP",
    "discover_rules",
    "entry_point_rules",
    "local_plugin_rules",
    "rules_from",
]

ENTRY_POINT_GROUP = "recoupe.rules"
CODE = re.compile(r"^[A-Z][A-Z0-9-]*[0-9]{3}$")
NAME = re.compile(r"^[a-z][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)+$")
SCOPES = ("group", "source", "event")
_RECOUPE_DIR = str(Path(__file__).resolve().parent.parent)
_DOTTED = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(:[A-Za-z_][A-Za-z0-9_.]*)?$")


@dataclass(slots=True)
class _Found:
    """Rules found so far and the problems met on the way."""

    rules: list[Rule] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, where: str, message: str, line: int | None = None, kind: str = "plugin") -> None:
        self.problems.append(Problem(where, line, None, "", message, kind))


def _describe_error(e: BaseException) -> tuple[str, int | None]:
    """A one-line reason for an import failure, with the innermost place it happened."""
    if isinstance(e, SyntaxError):
        return f"SyntaxError: {e.msg} ({e.filename}:{e.lineno})", e.lineno
    frames = traceback.extract_tb(e.__traceback__)
    # the innermost frame outside the import machinery and recoupe itself is the plugin's own line
    own = [
        f
        for f in frames
        if "importlib" not in f.filename
        and not f.filename.startswith("<frozen")
        and not f.filename.startswith(_RECOUPE_DIR)
    ]
    where = f" ({own[-1].filename}:{own[-1].lineno})" if own else ""
    return f"{type(e).__name__}: {shorten(str(e))}{where}", own[-1].lineno if own else None


def rules_from(obj: object, where: str) -> tuple[list[Rule], list[Problem]]:
    """The rules a plugin object gives: a Rule subclass, a Rule instance, or a module (RULES, RULE, or the
    Rule subclasses it defines)."""
    found = _Found()
    items: Iterable[object]
    if isinstance(obj, ModuleType):
        listed = getattr(obj, "RULES", None)
        if listed is None and hasattr(obj, "RULE"):
            listed = [obj.RULE]
        if listed is None:
            listed = [
                v
                for v in vars(obj).values()
                if isinstance(v, type)
                and issubclass(v, Rule)
                and v.__module__ == obj.__name__
                and "code" in vars(v)
            ]
            if not listed:
                found.problem(
                    where,
                    f"module '{obj.__name__}' defines no rules: give it a RULES list of Rule subclasses",
                )
                return found.rules, found.problems
        if not isinstance(listed, (list, tuple)):
            found.problem(where, f"RULES of module '{obj.__name__}' must be a list of Rule subclasses")
            return found.rules, found.problems
        items = listed
    else:
        items = [obj]
    for item in items:
        rule = _instantiate(item, where, found)
        if rule is not None and _valid(rule, where, found):
            if not rule.origin:
                rule.origin = where
            found.rules.append(rule)
    return found.rules, found.problems


def _instantiate(item: object, where: str, found: _Found) -> Rule | None:
    if isinstance(item, Rule):
        return item
    if not (isinstance(item, type) and issubclass(item, Rule)):
        shown = getattr(item, "__qualname__", None) or repr(item)
        found.problem(where, f"{shown} is not a subclass of recoupe.rules.base.Rule")
        return None
    try:
        return item()
    except Exception as e:
        found.problem(where, f"cannot create rule {item.__qualname__}: {_describe_error(e)[0]}")
        return None


def _valid(rule: Rule, where: str, found: _Found) -> bool:
    """A rule needs a code, a dotted name, a known category, a severity and a scope the engine runs."""
    cls = type(rule).__qualname__
    code = getattr(rule, "code", None)
    name = getattr(rule, "name", None)
    category = getattr(rule, "category", None)
    bad: list[str] = []
    if not isinstance(code, str) or not CODE.match(code):
        bad.append(
            f"code {code!r} must be capitals, digits and '-', ending in three digits (e.g. 'X-ENT001')"
        )
    if not isinstance(name, str) or not NAME.match(name):
        bad.append(f"name {name!r} must be a dotted lower-case name (e.g. 'newsroom.instrument-names')")
    if category not in CATEGORIES:
        bad.append(
            f"category {category!r} is not one of {', '.join(CATEGORIES)}{did_you_mean(str(category), CATEGORIES)}"
        )
    if not isinstance(rule.severity, Severity):
        bad.append(f"severity {rule.severity!r} must be a recoupe.findings.Severity")
    if rule.scope not in SCOPES:
        bad.append(f"scope {rule.scope!r} is not one of {', '.join(SCOPES)}")
    for reason in bad:
        found.problem(where, f"rule {cls}: {reason}")
    return not bad


def entry_point_rules() -> tuple[list[Rule], list[Problem]]:
    """The rules of every installed distribution's `recoupe.rules` entry points."""
    from importlib.metadata import entry_points

    found = _Found()
    seen: set[tuple[str, str]] = set()
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if (ep.name, ep.value) in seen:  # one distribution seen twice on sys.path
            continue
        seen.add((ep.name, ep.value))
        dist = getattr(ep, "dist", None)
        origin = f" from {dist.name} {dist.version}" if dist is not None else ""
        where = f"entry point '{ep.name} = {ep.value}'{origin}"
        try:
            obj = ep.load()
        except BaseException as e:  # any exception class a plugin raises is the plugin's fault
            if isinstance(e, KeyboardInterrupt):  # (that one is the user's)
                raise
            reason, _ = _describe_error(e)
            found.problem(where, f"cannot load: {reason}")
            continue
        rules, problems = rules_from(obj, where)
        found.rules.extend(rules)
        found.problems.extend(problems)
    return found.rules, found.problems


def _load_file(path: Path) -> ModuleType:
    # One module name per file and version of it: re-discovery in one process reuses the module, and
    # two plugin files with the same name do not overwrite each other.
    digest = hashlib.sha1(f"{path}:{path.stat().st_mtime_ns}".encode()).hexdigest()[:12]
    stem = re.sub(r"\W", "_", path.stem)
    name = f"_recoupe_plugin_{stem}_{digest}"
    loaded = sys.modules.get(name)
    if loaded is not None:
        return loaded
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:  # pragma: no cover - only for paths that are not .py files
        raise ImportError(f"cannot load {path} as a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and pickling look the module up while it executes
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def _import_dotted(dotted: str, root: Path) -> object:
    module_name, _, attr = dotted.partition(":")
    added = str(root) not in sys.path
    if added:
        sys.path.insert(0, str(root))
    try:
        obj: object = importlib.import_module(module_name)
    finally:
        if added:
            sys.path.remove(str(root))
    for part in attr.split(".") if attr else ():
        obj = getattr(obj, part)
    return obj


def local_plugin_rules(plugins: Sequence[str], root: Path) -> tuple[list[Rule], list[Problem]]:
    """The rules of the plugins a project names in config: .py paths (relative to `root`) or dotted
    module names importable from `root`."""
    found = _Found()
    for entry in plugins:
        is_path = entry.endswith(".py") or "/" in entry or "\\" in entry
        if is_path:
            path = Path(entry) if Path(entry).is_absolute() else root / entry
            where = entry
            if not path.is_file():
                found.problem(where, f"plugin file not found (looked for {path})", kind="io")
                continue
        elif not _DOTTED.match(entry):
            found.problem(
                entry, "a plugin is a dotted module name (optionally 'module:Class') or a path to a .py file"
            )
            continue
        else:
            where = f"plugin module '{entry}'"
        try:
            obj = _load_file(path) if is_path else _import_dotted(entry, root)
        except ModuleNotFoundError as e:
            if not is_path and e.name is not None and entry.partition(":")[0].startswith(e.name):
                found.problem(where, f"no module named '{e.name}' in {root} or the installed packages")
            else:
                found.problem(where, f"cannot import: {_describe_error(e)[0]}")
            continue
        except BaseException as e:  # any exception class a plugin raises is the plugin's fault
            if isinstance(e, KeyboardInterrupt):  # (that one is the user's)
                raise
            reason, line = _describe_error(e)
            found.problem(where, f"cannot import: {reason}", line if is_path else None)
            continue
        rules, problems = rules_from(obj, where)
        found.rules.extend(rules)
        found.problems.extend(problems)
    return found.rules, found.problems


def _owner(rule: Rule) -> str:
    if rule.kind == "builtin" and not rule.origin:
        return f"the built-in rule {rule.code} {rule.name}"
    return f"rule {rule.code} {rule.name} ({rule.origin or type(rule).__module__})"


def check_unique(
    rules: Sequence[Rule], taken: Mapping[str, str] | None = None
) -> tuple[dict[str, str], list[Problem]]:
    """Codes and names must each belong to one rule. Returns who owns each, and the clashes."""
    owners: dict[str, str] = dict(taken or {})
    problems: list[Problem] = []
    for rule in rules:
        me = _owner(rule)
        for what, value in (("code", rule.code), ("name", rule.name)):
            first = owners.get(value)
            if first is not None and first != me:
                problems.append(
                    Problem(
                        rule.origin or type(rule).__module__,
                        None,
                        None,
                        "",
                        f"{what} '{value}' of {me} is already used by {first}",
                        f"duplicate-{what}",
                    )
                )
            owners.setdefault(value, me)
    return owners, problems


def discover_rules(settings: Settings) -> list[Rule]:
    """Every rule a run can use: built-ins, entry-point plugins, local plugins, then the project's YAML
    rules. Raises InputError with every problem found."""
    from recoupe.rules.kinds.loader import load_rule_files
    from recoupe.rules.registry import builtin_rules
    from recoupe.slots import load_slots

    rules: list[Rule] = list(builtin_rules())
    problems: list[Problem] = []
    classes = {type(r) for r in rules}
    for found, trouble in (entry_point_rules(), local_plugin_rules(settings.plugins, settings.root)):
        # a class reached twice (its own entry point and its module's RULES) is one rule
        for rule in found:
            if type(rule) not in classes:
                classes.add(type(rule))
                rules.append(rule)
        problems.extend(trouble)
    owners, clashes = check_unique(rules)
    problems.extend(clashes)
    if settings.rules:
        try:
            rules.extend(
                load_rule_files(
                    [settings.resolve(p) for p in settings.rules],
                    taken=owners,
                    slots=load_slots([settings.resolve(p) for p in settings.slots]),
                    display_root=settings.root,
                )
            )
        except InputError as e:
            problems.extend(e.problems)
    if problems:
        raise InputError(problems)
    return rules


def plugin_failure(rules: Sequence[Rule], e: BaseException) -> RuleFailed | None:
    """A plugin rule that raised while checking, as that plugin's fault: its file and line, its code and
    the exception's message. None when no plugin's code is in the traceback (the fault is recoupe's).

    The rule is the innermost frame's `self` among the run's rules, else the rule whose module's file
    that frame is in.
    """
    import inspect

    plugins = [r for r in rules if not type(r).__module__.startswith("recoupe.")]
    by_file: dict[str, Rule] = {}
    for r in plugins:
        try:
            by_file.setdefault(str(Path(inspect.getfile(type(r))).resolve()), r)
        except (TypeError, OSError):  # a class made at run time has no file
            continue
    for frame, line in reversed(list(traceback.walk_tb(e.__traceback__))):
        owner = frame.f_locals.get("self")
        rule = owner if any(owner is r for r in plugins) else None
        file = str(Path(frame.f_code.co_filename).resolve())
        rule = rule or by_file.get(file)
        if rule is None:
            continue
        shown = _shown(file)
        message = f"rule {rule.code} ({rule.name}) raised {type(e).__name__}: {shorten(str(e))}"
        return RuleFailed(
            [Problem(shown, line if file in by_file else None, None, "", message, "plugin-error")]
        )
    return None


def not_a_draft(rule: Rule, got: object) -> RuleFailed:
    """A rule that yielded something other than a Draft: its fault, at its class's file and line."""
    import inspect

    try:
        file: str | None = _shown(str(Path(inspect.getfile(type(rule))).resolve()))
        line: int | None = inspect.getsourcelines(type(rule))[1]
    except (TypeError, OSError):  # a class made at run time has no file
        file, line = None, None
    message = (
        f"rule {rule.code} ({rule.name}) yielded {type(got).__name__} {shorten(repr(got), 60)}, not a Draft"
    )
    return RuleFailed([Problem(file or f"rule {rule.code}", line, None, "", message, "plugin-error")])


def _shown(file: str) -> str:
    """A path as the user wrote it: relative to the working folder when under it."""
    try:
        return str(Path(file).relative_to(Path.cwd().resolve()))
    except ValueError:
        return file
