"""The `sarif` report: SARIF 2.1.0 for code-scanning tools, each result located at its claims' lines."""

from __future__ import annotations

import os
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import quote as percent

from recoupe.errors import line_col
from recoupe.findings import INPUT_CODE, INPUT_NAME, ClaimRef, Finding, Severity
from recoupe.reporters.base import ReportData, Reporter

if TYPE_CHECKING:
    from recoupe.rules.base import Rule

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://recoupe.dev"
FINGERPRINT_KEY = "recoupe/v1"
SRCROOT = "%SRCROOT%"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SUPPRESSION_KIND = {"waiver": "inSource", "baseline": "external"}
CHANGED_CATEGORY = "recoupe/changed-since/"
INPUT_DESCRIPTOR: dict[str, Any] = {
    "id": INPUT_CODE,
    "name": INPUT_NAME,
    "shortDescription": {"text": "A file recoupe could not read or validate."},
    "help": {"text": "Fix the file at the location given; `recoupe validate` lists every problem at once."},
    "defaultConfiguration": {"level": "error"},
    "properties": {"category": "input", "tags": ["input"]},
}


# GitHub code scanning refuses a run of more than 25,000 results, or an upload of more than 10 MB
# gzipped (docs.github.com, "SARIF support for code scanning"). The report keeps within both.
MAX_RESULTS = 25_000
MAX_GZIP_BYTES = 10 * 1000 * 1000
# what the results may take, gzipped: the rest of the file (rules with their documentation, the
# artifacts) and the gap between the estimate and the file as written need the remainder
RESULTS_GZIP_BUDGET = MAX_GZIP_BYTES - 1_500_000
_ESTIMATE_BATCH = 500


class SarifReporter(Reporter):
    """One run; every rule of the run as a reportingDescriptor; one result per finding at or above
    `level` (default warning: agreements and other info findings are left out), errors first, within
    GitHub's limits (MAX_RESULTS, MAX_GZIP_BYTES); a run notification says what was left out.

    A result's locations are the lines of its claims in their YAML files; its related locations
    are the quotes in the source texts. URIs are relative, under the base id %SRCROOT%: a relative
    path is kept as the loader showed it; an absolute one is made relative to `root` (by default
    the working directory), or, outside it, becomes a file: URI.
    """

    name: ClassVar[str] = "sarif"
    suffix: ClassVar[str] = ".sarif"

    def __init__(self, *, root: Path | None = None, sarif_level: str = "warning") -> None:
        self.root = root
        self.level = Severity(sarif_level)

    def render(self, data: ReportData) -> str:
        import orjson

        return orjson.dumps(self.build(data), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode(
            "utf-8"
        )

    def build(self, data: ReportData) -> dict[str, Any]:
        rules = [_descriptor(r) for r in data.rules]
        index = {r["id"]: i for i, r in enumerate(rules)}
        findings = data.ordered()
        for f in findings:
            if f.code not in index:  # a finding whose rule was not passed in: still a valid ruleIndex
                index[f.code] = len(rules)
                rules.append(INPUT_DESCRIPTOR if f.code == INPUT_CODE else {"id": f.code, "name": f.name})
        artifacts: dict[str, int] = {}
        chosen = [
            f
            for level in _LEVELS_FIRST
            for f in findings
            if f.severity is level and level.at_least(self.level)
        ]
        results, over = self._within_limits(chosen, index, data, artifacts)
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "recoupe",
                    "version": data.version,
                    "semanticVersion": data.version,
                    "informationUri": INFORMATION_URI,
                    "rules": rules,
                }
            },
            "artifacts": [_artifact(uri) for uri in artifacts],
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"summary": data.summary()},
        }
        if not artifacts:
            del run["artifacts"]
        below = len(findings) - len(chosen)
        if below or over:
            run["invocations"] = [
                {
                    "executionSuccessful": True,
                    "toolExecutionNotifications": [_omitted_note(self.level, below, over)],
                }
            ]
            run["properties"]["omitted"] = {"belowLevel": below, "overLimits": over}
        since = data.extra.get("changed_since")
        if since is not None:
            # A diff-aware run is partial: under its own category (GitHub's documented way to upload
            # several analyses of one commit), so that code scanning never closes the alerts of the
            # full analysis that this run did not look at.
            run["automationDetails"] = {
                "id": CHANGED_CATEGORY,
                "description": {"text": f"only findings that involve claims files changed since {since}"},
            }
            run["properties"]["partial"] = {
                "changedSince": since,
                "changedClaims": data.extra.get("changed_claims"),
            }
        return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}

    def _within_limits(
        self, chosen: list[Finding], index: dict[str, int], data: ReportData, artifacts: dict[str, int]
    ) -> tuple[list[dict[str, Any]], int]:
        """The results of the first findings that fit GitHub's limits, and how many did not fit.

        The gzipped size is estimated as the results are made, a batch at a time, with the
        indentation the file has: results stop before the batch that would pass the budget.
        """
        import zlib

        import orjson

        results: list[dict[str, Any]] = []
        packer = zlib.compressobj(6, zlib.DEFLATED, 31)  # gzip, as uploaders compress it
        packed = 0
        limit = min(len(chosen), MAX_RESULTS)
        for start in range(0, limit, _ESTIMATE_BATCH):
            batch = [
                self._result(f, index[f.code], data, artifacts)
                for f in chosen[start : min(start + _ESTIMATE_BATCH, limit)]
            ]
            # (a sync flush per batch: zlib writes out all it holds, so the count is exact)
            packed += len(packer.compress(orjson.dumps(batch, option=orjson.OPT_INDENT_2)))
            packed += len(packer.flush(zlib.Z_SYNC_FLUSH))
            if packed > RESULTS_GZIP_BUDGET:
                break
            results.extend(batch)
        return results, len(chosen) - len(results)

    def _result(
        self, f: Finding, rule_index: int, data: ReportData, artifacts: dict[str, int]
    ) -> dict[str, Any]:
        text = f.message if not f.suggestion else f"{f.message} — suggestion: {f.suggestion}"
        message: dict[str, str] = {"text": text}
        if f.positions:
            message["markdown"] = _markdown(f)
        result: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": rule_index,
            "level": LEVEL[f.severity],
            "message": message,
        }
        locations = [self._claim_location(c, artifacts) for c in f.claims]
        if locations:
            result["locations"] = locations
        related = [
            loc for loc in (self._quote_location(c, data, artifacts) for c in f.claims) if loc is not None
        ]
        if related:
            for i, loc in enumerate(related):
                loc["id"] = i
            result["relatedLocations"] = related
        if f.fingerprint:
            result["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
        props: dict[str, Any] = {
            "category": f.category,
            "relation": f.relation.value if f.relation is not None else None,
            "event": f.event,
            "subject": f.subject,
            "slot": f.slot,
            "tags": [f.category],
        }
        if f.suggestion:
            props["suggestion"] = f.suggestion
        if f.positions:
            props["positions"] = [p.to_dict() for p in f.positions]
        result["properties"] = props
        if f.suppressed is not None:
            result["suppressions"] = [
                {
                    "kind": SUPPRESSION_KIND.get(f.suppressed.kind, "external"),
                    "state": "accepted",
                    "justification": f.suppressed.reason,
                }
            ]
        return result

    def _claim_location(self, c: ClaimRef, artifacts: dict[str, int]) -> dict[str, Any]:
        physical: dict[str, Any] = {"artifactLocation": self._artifact_location(c.file, artifacts)}
        if c.line is not None:
            physical["region"] = {"startLine": c.line}
        if not c.source:  # a problem with a file (an input finding): no claim to describe
            return {"physicalLocation": physical}
        return {"physicalLocation": physical, "message": {"text": f"{c.source}: « {c.value} » ({c.claim})"}}

    def _quote_location(
        self, c: ClaimRef, data: ReportData, artifacts: dict[str, int]
    ) -> dict[str, Any] | None:
        """Where the quote stands in the source's text file, when it was placed there."""
        src = data.corpus.sources.get(c.source)
        if src is None or src.text is None or src.text_file is None or c.start is None or c.end is None:
            return None
        region = _region(src.text, c.start, c.end)
        return {
            "physicalLocation": {
                "artifactLocation": self._artifact_location(src.text_file, artifacts),
                "region": region,
            },
            "message": {"text": f"quote of {c.source}/{c.claim}"},
        }

    def _artifact_location(self, file: str, artifacts: dict[str, int]) -> dict[str, Any]:
        uri = self._uri(file)
        index = artifacts.setdefault(uri, len(artifacts))
        loc: dict[str, Any] = {"uri": uri, "index": index}
        if _based(uri):
            loc["uriBaseId"] = SRCROOT
        return loc

    def _uri(self, file: str) -> str:
        """A relative URI with forward slashes, under %SRCROOT%; a file: URI for a path outside the root.

        A relative path is already relative to where the loader showed paths from (the project
        root, for the CLI), so it is kept; an absolute one is made relative to `root` when it can be.
        """
        path = PurePath(file)
        if not path.is_absolute():
            return percent(PurePath(os.path.normpath(path)).as_posix(), safe="/")
        root = (self.root or Path.cwd()).resolve()
        try:
            return percent(Path(os.path.normpath(path)).relative_to(root).as_posix(), safe="/")
        except ValueError:
            return Path(os.path.normpath(path)).as_uri()


_LEVELS_FIRST = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def _omitted_note(level: Severity, below: int, over: int) -> dict[str, Any]:
    """The run's notification of what the report left out, and why."""
    parts = []
    if below:
        parts.append(f"{below} findings below {LEVEL[level]} (--sarif-level {level.value})")
    if over:
        parts.append(
            f"{over} findings past GitHub code scanning's limits ({MAX_RESULTS:,} results, "
            f"{MAX_GZIP_BYTES // 1000 // 1000} MB gzipped; errors come first)"
        )
    text = "recoupe left out " + " and ".join(parts) + ": the JSON report lists every finding."
    return {"level": "note", "message": {"text": text}}


def _based(uri: str) -> bool:
    return not uri.startswith("file:")


def _artifact(uri: str) -> dict[str, Any]:
    loc: dict[str, Any] = {"uri": uri}
    if _based(uri):
        loc["uriBaseId"] = SRCROOT
    return {"location": loc}


def _region(text: str, start: int, end: int) -> dict[str, Any]:
    """Lines and columns (1-based, in code points, as the run's columnKind says) of text[start:end]."""

    start_line, start_col = line_col(text, start)
    end_line, end_col = line_col(text, end)
    return {
        "startLine": start_line,
        "startColumn": start_col,
        "endLine": end_line,
        "endColumn": end_col,
        "snippet": {"text": text[start:end]},
    }


def _markdown(f: Finding) -> str:
    """A finding about positions as code scanning can show it: the message, then the positions table."""
    from recoupe.reporters.markdown import escape, positions_markdown

    suggestion = f"\n\n**Suggestion:** {escape(f.suggestion)}" if f.suggestion else ""
    return "\n".join([escape(f.message), "", *positions_markdown(f)]) + suggestion


def _help_markdown(rule: Rule, doc: str) -> str:
    """The rule's documentation as code scanning shows it beside an alert: a title, the text, the link."""
    uri = rule.doc_uri()
    link = f"\n\n[{rule.code} documentation]({uri})" if uri else ""
    return f"**{rule.code} {rule.name}** ({rule.category}, {rule.severity.value})\n\n{doc}{link}"


def _descriptor(rule: Rule) -> dict[str, Any]:
    doc = rule.documentation()
    first = doc.splitlines()[0] if doc else rule.name
    out: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": first},
        "fullDescription": {"text": doc or first},
        "help": {"text": doc or first, "markdown": _help_markdown(rule, doc or first)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }
    uri = rule.doc_uri()
    if uri:
        out["helpUri"] = uri
    if rule.aliases:
        out["properties"]["aliases"] = list(rule.aliases)
    return out
