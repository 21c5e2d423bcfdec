"""JSON Schemas generated from the pydantic models: the registry of exported files, export and drift check."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _model(path: str) -> Callable[[], Any]:
    def get() -> Any:
        module, _, name = path.rpartition(".")
        return getattr(importlib.import_module(module), name)

    return get


def _claim_line() -> dict[str, Any]:
    from recoupe.models import SCHEMA_BASE, BulkClaim, EventRecord, SourceRecord

    schema = TypeAdapter(BulkClaim | SourceRecord | EventRecord).json_schema()
    schema["$id"] = SCHEMA_BASE + "claim-line.schema.json"
    schema["title"] = "recoupe JSON Lines record"
    schema["description"] = (
        "One line of a JSON Lines corpus: a claim (the default), or a source or an event declared with "
        "'record'."
    )
    return schema


# file name -> what generates it (a dotted path to a pydantic model, or a function)
SCHEMAS: dict[str, Callable[[], Any]] = {
    "source.schema.json": _model("recoupe.models.Source"),
    "event.schema.json": _model("recoupe.models.Event"),
    "claim-line.schema.json": _claim_line,
    "slots.schema.json": _model("recoupe.slots.SlotFile"),
    "config.schema.json": _model("recoupe.config.Settings"),
    "baseline.schema.json": _model("recoupe.baseline.BaselineFile"),
    "vocabulary.schema.json": _model("recoupe.vocab.model.VocabularyFile"),
    "registry.schema.json": _model("recoupe.normalize.entities.model.RegistryFile"),
    "rules.schema.json": _model("recoupe.rules.kinds.model.RuleFile"),
    "rule-cases.schema.json": _model("recoupe.testing.cases.CaseFile"),
    "report.schema.json": _model("recoupe.reporters.json.Report"),
}


def generate(name: str) -> dict[str, Any]:
    made = SCHEMAS[name]()
    if isinstance(made, type) and issubclass(made, BaseModel):
        schema = made.model_json_schema(by_alias=True)
    else:
        schema = dict(made)
    return {"$schema": DRAFT, **schema}


def render(name: str) -> str:
    return json.dumps(generate(name), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def all_schemas() -> dict[str, str]:
    return {name: render(name) for name in sorted(SCHEMAS)}


def export(folder: Path) -> list[str]:
    """Write every schema into `folder` atomically; return the names written."""
    from recoupe.yamlio import write_atomic

    written = []
    for name, text in all_schemas().items():
        write_atomic(folder / name, text)
        written.append(name)
    return written


def drift(folder: Path) -> list[str]:
    """Names of schemas whose committed file is missing or differs from the models."""
    out = []
    for name, text in all_schemas().items():
        path = folder / name
        if not path.is_file() or path.read_text("utf-8") != text:
            out.append(name)
    return out
