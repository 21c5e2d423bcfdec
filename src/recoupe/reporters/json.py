"""The `json` report, and `Report`, the pydantic model its schema (`recoupe/schemas/report.schema.json`) comes from.

The report is written straight from `Finding.to_dict()` and `ReportData.summary()`; the models only
describe that output (a test checks that they match it key for key, in order).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from recoupe.gcpause import no_collection
from recoupe.models import SCHEMA_BASE
from recoupe.normalize.relation import Relation
from recoupe.reporters.base import ReportData, Reporter
from recoupe.reporters.pieces import Piece, Totals

if TYPE_CHECKING:
    from recoupe.findings import Finding
    from recoupe.rules.base import Rule

SeverityName = Literal["error", "warning", "info"]
FailOn = Literal["error", "warning", "info", "never"]

# Findings per orjson call and per write: one call per finding costs more than the encoding itself.
_BATCH = 1000
_OPEN = len(b'{\n  "findings": [')
_CLOSE = len(b"\n  ]\n}")


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReportClaim(_Out):
    """One claim a finding names: where it is written and what it quotes."""

    model_config = ConfigDict(title="ReportClaim")

    source: str = Field(description="Id of the source that makes the claim.")
    claim: str = Field(description="Id of the claim, unique within its source.")
    file: str = Field(description="The file the claim is written in, as given to recoupe.")
    line: int | None = Field(ge=1, description="Line of the claim in that file; null when unknown.")
    value: str = Field(description="The value as the source words it (a list is joined with ', ').")
    normalized: str = Field(description="The normalized value the rules compared.")
    quote: str | None = Field(description="The span of the source text that supports the claim.")
    start: int | None = Field(
        ge=0, description="Offset (in Unicode code points) where the quote starts in the source text."
    )
    end: int | None = Field(ge=0, description="Offset (exclusive) where the quote ends in the source text.")
    attributed_to: str | None = Field(
        description="Whom the source attributes the statement to (reported speech)."
    )


class ReportPosition(_Out):
    """One position a finding relates: what one counter says at one time, and the sources that say it."""

    model_config = ConfigDict(title="ReportPosition")

    counter: str | None = Field(
        description="Who gives the value (the claims' attributed_to); null when the sources give it as their own."
    )
    value: str = Field(description="The wordings of the position, « 23 » / « vingt-trois ».")
    normalized: str = Field(description="The normalized value the rules compared.")
    as_of: str | None = Field(
        description="When the value held (as_of, or the publication date for evolving slots); null when timeless."
    )
    sources: list[str] = Field(description="The sources that hold the position.")
    claims: list[str] = Field(description="The claims of the position, as 'source/claim'.")
    negated: bool = Field(description="The sources deny the value (a counter denying a figure).")


class ReportSuppression(_Out):
    """Why a finding does not count."""

    model_config = ConfigDict(title="ReportSuppression")

    kind: Literal["waiver", "baseline"] = Field(
        description="'waiver': waived on a claim or source; 'baseline': listed in the baseline file."
    )
    reason: str = Field(description="The reason given with the waiver or baseline entry.")


class ReportFinding(_Out):
    """One finding: what a rule said about the claims of one (event, subject, slot) group."""

    model_config = ConfigDict(title="ReportFinding")

    code: str = Field(description="The rule's stable code, e.g. 'CMP004'.", examples=["CMP004"])
    name: str = Field(description="The rule's dotted name.", examples=["compare.contradiction"])
    severity: SeverityName
    category: str = Field(
        description=(
            "agreement, less-specific, partial, contradiction, divergent, update, attribution, parts, "
            "terminology, intra-source, uncorroborated, evidence, reference, normalization, review, custom, or "
            "input (a file that could not be read or validated: the run exited 2)."
        ),
        examples=["contradiction"],
    )
    event: str = Field(description="Id of the event.")
    subject: str = Field(description="What the claims are about; '' for the event itself.")
    slot: str = Field(description="The property the claims state.", examples=["offence"])
    relation: Relation | None = Field(
        description="How the compared values relate, when the rule compared two."
    )
    message: str
    claims: list[ReportClaim] = Field(description="The claims the finding names.")
    suggestion: str | None = Field(description="What to write instead, when the rule knows.")
    fingerprint: str = Field(description="Stable id of the finding; baselines and waivers key on it.")
    suppressed: ReportSuppression | None = Field(
        description="Set when a waiver or the baseline silences the finding."
    )
    positions: list[ReportPosition] = Field(
        description=(
            "For comparison findings, the positions related: each counter's value at a time, with the "
            "sources that hold it. Empty for findings about single claims or sources."
        )
    )
    help_uri: str | None = Field(description="The page that documents the rule, when it has one.")


class SeverityCounts(_Out):
    model_config = ConfigDict(title="SeverityCounts")

    error: int = Field(ge=0)
    warning: int = Field(ge=0)
    info: int = Field(ge=0)


class SuppressedCounts(_Out):
    model_config = ConfigDict(title="SuppressedCounts")

    waived: int = Field(ge=0, description="Findings silenced by a waiver.")
    baselined: int = Field(ge=0, description="Findings silenced by the baseline.")


class Summary(_Out):
    """Counts of the findings that count (neither waived nor baselined), and of the corpus."""

    model_config = ConfigDict(title="Summary")

    findings: int = Field(ge=0, description="Findings that count.")
    by_severity: SeverityCounts
    by_category: dict[str, int] = Field(
        description="Findings that count, per category (categories with none left out)."
    )
    suppressed: SuppressedCounts
    baseline_unmatched: int = Field(ge=0, description="Baseline entries that matched no finding any more.")
    events: int = Field(ge=0)
    sources: int = Field(ge=0)
    claims: int = Field(ge=0)
    fail_on: FailOn = Field(description="The severity at or above which a finding fails the run.")
    failing: int = Field(ge=0, description="Findings at or above fail_on: the run fails when this is not 0.")


class Report(_Out):
    """The JSON report of `recoupe check --format json`."""

    model_config = ConfigDict(
        title="recoupe report",
        json_schema_extra={"$id": SCHEMA_BASE + "report.schema.json"},
    )

    version: str = Field(description="The recoupe version that wrote the report.")
    summary: Summary
    findings: list[ReportFinding] = Field(
        description="Every finding, suppressed ones included (see 'suppressed'), by event, subject and slot."
    )


class JsonReporter(Reporter):
    """The findings and the summary as JSON, for other programs; `Report` is its schema."""

    name: ClassVar[str] = "json"
    suffix: ClassVar[str] = ".json"

    def render(self, data: ReportData) -> str:
        return b"".join(self.chunks(data)).decode("utf-8")

    separator: ClassVar[bytes] = b","

    def chunks(self, data: ReportData) -> Iterator[bytes]:
        """The report piece by piece, a batch of findings at a time: a million findings never sit in
        memory as one string (orjson's bytes, then a decoded copy, would take gigabytes)."""
        with no_collection():
            findings = data.ordered()
            uris = _uris(data.rules)
            bodies = (_body(findings[i : i + _BATCH], uris) for i in range(0, len(findings), _BATCH))
            yield from self._around(data.version, data.summary(), bodies)

    def piece(self, data: ReportData, event: str) -> Piece:
        findings = data.ordered()
        uris = _uris(data.rules)
        return Piece(
            event, b",".join(_body(findings[i : i + _BATCH], uris) for i in range(0, len(findings), _BATCH))
        )

    def assemble(self, totals: Totals, pieces: Iterable[Piece]) -> Iterator[bytes]:
        yield from self._around(totals.version, totals.summary(), (p.body for p in pieces))

    def _around(self, version: str, summary: dict[str, Any], bodies: Iterable[bytes]) -> Iterator[bytes]:
        """The head, the findings' bodies (each a run of findings as the list holds them) with commas
        between them, and the tail."""
        import orjson

        head = orjson.dumps({"version": version, "summary": summary}, option=orjson.OPT_INDENT_2)
        written = False
        for body in bodies:
            if not body:
                continue
            # (b"," apart, not b"," + body: that copies a megabyte or two per batch)
            yield b"," if written else head[:-2] + b',\n  "findings": ['
            yield body
            written = True
        if not written:
            yield head[:-2] + b',\n  "findings": []\n}\n'  # reopen the object: drop its closing "\n}"
            return
        yield b"\n  ]\n}\n"


def _uris(rules: Iterable[Rule]) -> dict[str, str | None]:
    return {r.code: r.doc_uri() for r in rules}


def _body(findings: list[Finding], uris: dict[str, str | None]) -> bytes:
    """Findings as they stand in the report's list, indented, without the brackets around them."""
    import orjson

    if not findings:
        return b""
    batch = [f.to_dict() for f in findings]
    for d in batch:
        d["help_uri"] = uris.get(d["code"])
        # orjson keeps the UTF-8 of every non-ASCII string it writes inside that string, for as
        # long as the string lives: a finding's message (and suggestion) would carry a second copy
        # of itself to the end of the run, 300 MB at a million findings. It writes a throwaway copy
        # instead (made in 60 ns), freed with the batch.
        d["message"] = "".join((d["message"], ""))
        if d["suggestion"] is not None:
            d["suggestion"] = "".join((d["suggestion"], ""))
    # Wrapped as the report wraps them, the findings come out indented as they stand in the report:
    # keep what lies between the list's "[" and its closing "\n  ]".
    return orjson.dumps({"findings": batch}, option=orjson.OPT_INDENT_2)[_OPEN:-_CLOSE]
