"""The `sarif` report: SARIF 2.1.0 for code-scanning tools, each result located at its claims' lines."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path, PurePath
from typing import Any, ClassVar
from urllib.parse import quote as percent

from recoupe.errors import line_col
from recoupe.findings import ClaimRef, Finding, Severity
from recoupe.gcpause import no_collection
from recoupe.reporters.base import ReportData, Reporter
from recoupe.reporters.capped import RANK, Capped
from recoupe.reporters.pieces import Piece, Totals, totals_of
from recoupe.reporters.sarif_rules import LEVEL, descriptors, unlisted_codes

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://recoupe.dev"
FINGERPRINT_KEY = "recoupe/v1"
SRCROOT = "%SRCROOT%"
SUPPRESSION_KIND = {"waiver": "inSource", "baseline": "external"}
CHANGED_CATEGORY = "recoupe/changed-since/"


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
    separator: ClassVar[bytes] = b""

    def __init__(self, *, root: Path | None = None, sarif_level: str = "warning") -> None:
        self.root = root
        self.level = Severity(sarif_level)
        self._uris: dict[str, str] = {}  # file -> URI: a corpus has far fewer files than locations

    def render(self, data: ReportData) -> str:
        return _dumps(self.build(data)).decode("utf-8")

    def chunks(self, data: ReportData) -> Iterator[bytes]:
        with no_collection():
            out = _dumps(self.build(data))
        yield out

    def build(self, data: ReportData) -> dict[str, Any]:
        findings = data.ordered()
        unlisted = unlisted_codes(findings, data.rules)
        # only the results that may be kept are made: a million findings cost a pass to pick them
        chosen = (
            self._result(f, data)
            for level in _LEVELS_FIRST
            if level.at_least(self.level)
            for f in findings
            if f.severity is level
        )
        return self._document(totals_of(data), unlisted, chosen)

    def piece(self, data: ReportData, event: str) -> Piece:
        """No bytes: the event's results (at or above the level, as many as could be kept) and the
        codes of its findings that no rule of the run has; `assemble` picks from all events'."""
        findings = data.ordered()
        if not findings:
            return Piece(event)
        kept: Capped[dict[str, Any]] = Capped(MAX_RESULTS)
        for f in findings:
            rank = RANK[f.severity]
            if f.severity.at_least(self.level) and kept.open(rank):
                kept.add(rank, self._result(f, data), 1)
        rules = [[code, name] for code, name in unlisted_codes(findings, data.rules).items()]
        return Piece(event, meta={"rules": rules, **kept.to_json()})

    def assemble(self, totals: Totals, pieces: Iterable[Piece]) -> Iterator[bytes]:
        unlisted: dict[str, str] = {}
        kept: Capped[dict[str, Any]] = Capped(MAX_RESULTS)
        for p in pieces:
            if p.meta is None:
                continue
            for code, name in p.meta["rules"]:
                unlisted.setdefault(code, name)
            kept.merge(p.meta, lambda _, result: (result, 1))
        yield _dumps(self._document(totals, unlisted, kept.items()))

    def _document(
        self, totals: Totals, unlisted: dict[str, str], chosen: Iterable[dict[str, Any]]
    ) -> dict[str, Any]:
        """The SARIF file, with the first `chosen` results (errors first) that fit GitHub's limits."""
        rules = descriptors(totals.rules, unlisted)
        index = {r["id"]: i for i, r in enumerate(rules)}
        artifacts: dict[str, int] = {}
        results = _within_limits(chosen, index, artifacts)
        summary = totals.summary()
        tally = totals.tally
        offered = sum(
            tally.count(severity=s.value, active=False) for s in _LEVELS_FIRST if s.at_least(self.level)
        )
        below = tally.count(active=False) - offered
        over = offered - len(results)
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "recoupe",
                    "version": totals.version,
                    "semanticVersion": totals.version,
                    "informationUri": INFORMATION_URI,
                    "rules": rules,
                }
            },
            "artifacts": [_artifact(uri) for uri in artifacts],
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"summary": summary},
        }
        if not artifacts:
            del run["artifacts"]
        if below or over:
            run["invocations"] = [
                {
                    "executionSuccessful": True,
                    "toolExecutionNotifications": [_omitted_note(self.level, below, over)],
                }
            ]
            run["properties"]["omitted"] = {"belowLevel": below, "overLimits": over}
        since = totals.extra.get("changed_since")
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
                "changedClaims": totals.extra.get("changed_claims"),
            }
        return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}

    def _result(self, f: Finding, data: ReportData) -> dict[str, Any]:
        """The result of `f`, its rule and artifact indices left for `_within_limits` to set: they
        depend on the whole run (which rules its findings name, which files its results name first)."""
        text = f.message if not f.suggestion else f"{f.message} — suggestion: {f.suggestion}"
        message: dict[str, str] = {"text": text}
        if f.positions:
            message["markdown"] = _markdown(f)
        result: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": -1,
            "level": LEVEL[f.severity],
            "message": message,
        }
        locations = [self._claim_location(c) for c in f.claims]
        if locations:
            result["locations"] = locations
        related = [loc for loc in (self._quote_location(c, data) for c in f.claims) if loc is not None]
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

    def _claim_location(self, c: ClaimRef) -> dict[str, Any]:
        physical: dict[str, Any] = {"artifactLocation": self._artifact_location(c.file)}
        if c.line is not None:
            physical["region"] = {"startLine": c.line}
        if not c.source:  # a problem with a file (an input finding): no claim to describe
            return {"physicalLocation": physical}
        return {"physicalLocation": physical, "message": {"text": f"{c.source}: « {c.value} » ({c.claim})"}}

    def _quote_location(self, c: ClaimRef, data: ReportData) -> dict[str, Any] | None:
        """Where the quote stands in the source's text file, when it was placed there."""
        src = data.corpus.sources.get(c.source)
        if src is None or src.text is None or src.text_file is None or c.start is None or c.end is None:
            return None
        region = _region(src.text, c.start, c.end)
        return {
            "physicalLocation": {
                "artifactLocation": self._artifact_location(src.text_file),
                "region": region,
            },
            "message": {"text": f"quote of {c.source}/{c.claim}"},
        }

    def _artifact_location(self, file: str) -> dict[str, Any]:
        uri = self._uri(file)
        loc: dict[str, Any] = {"uri": uri, "index": -1}
        if _based(uri):
            loc["uriBaseId"] = SRCROOT
        return loc

    def _uri(self, file: str) -> str:
        uri = self._uris.get(file)
        if uri is None:
            if len(self._uris) >= 10_000:  # a bound, for a worker that goes through a huge corpus
                self._uris.clear()
            uri = self._uris[file] = self._uri_of(file)
        return uri

    def _uri_of(self, file: str) -> str:
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


def _dumps(doc: dict[str, Any]) -> bytes:
    import orjson

    return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def _within_limits(
    chosen: Iterable[dict[str, Any]], index: dict[str, int], artifacts: dict[str, int]
) -> list[dict[str, Any]]:
    """The first `chosen` results that fit GitHub's limits, with their rule and artifact indices set
    (an artifact's index is its place among the files the results name, as they first name them).

    The gzipped size is counted as the results come, a batch at a time, with the indentation the
    file has: results stop before the batch that would pass the budget, and so do the artifacts that
    only that batch named.
    """
    import zlib

    import orjson

    results: list[dict[str, Any]] = []
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)  # gzip, as uploaders compress it
    packed = 0
    rest = islice(chosen, MAX_RESULTS)
    while batch := list(islice(rest, _ESTIMATE_BATCH)):
        named = len(artifacts)
        for r in batch:
            _place(r, index, artifacts)
        # (a sync flush per batch: zlib writes out all it holds, so the count is exact)
        packed += len(packer.compress(orjson.dumps(batch, option=orjson.OPT_INDENT_2)))
        packed += len(packer.flush(zlib.Z_SYNC_FLUSH))
        if packed > RESULTS_GZIP_BUDGET:
            for uri in list(artifacts)[named:]:
                del artifacts[uri]
            break
        results.extend(batch)
    return results


def _place(result: dict[str, Any], index: dict[str, int], artifacts: dict[str, int]) -> None:
    """Set the indices `_result` left: the rule's, and each location's artifact's (claims, then quotes)."""
    result["ruleIndex"] = index[result["ruleId"]]
    for key in ("locations", "relatedLocations"):
        for loc in result.get(key, ()):
            artifact = loc["physicalLocation"]["artifactLocation"]
            artifact["index"] = artifacts.setdefault(artifact["uri"], len(artifacts))


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
