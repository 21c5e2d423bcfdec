"""The `html` report: one self-contained page with the sources side by side, highlighted by verdict.

Everything the page needs is inline (CSS, a small script); it loads nothing, and its
Content-Security-Policy forbids loading anything. Every piece of user data (texts, quotes, values,
messages, file names, ids) goes through `html.escape`; the only class names and ids in the markup
are ones this module makes, never ones taken from a claim.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, ClassVar

from recoupe.findings import ClaimRef, Finding
from recoupe.reporters._common import (
    SEVERITIES,
    VERDICT_LABELS,
    VERDICTS,
    by_event,
    event_label,
    group_title,
    plural,
    status_line,
    subject_label,
    verdict_of,
    where,
    worst_of,
    worst_verdict,
)
from recoupe.reporters.base import ReportData, Reporter

if TYPE_CHECKING:
    from recoupe.corpus import LoadedClaim, LoadedSource

ClaimKey = tuple[str, str]  # (source, claim id)

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def e(s: object) -> str:
    return escape(str(s), quote=True)


def _severity_word(severity: str, n: int) -> str:
    return severity if n == 1 or severity == "info" else severity + "s"


def _value_text(raw: object) -> str:
    return ", ".join(str(x) for x in raw) if isinstance(raw, list) else str(raw)


@dataclass(slots=True)
class _Index:
    """Ids for the page's anchors, the claims by event and by source, and what findings name each claim."""

    claim_ids: dict[ClaimKey, str] = field(default_factory=dict)
    finding_ids: dict[int, str] = field(default_factory=dict)  # id(finding) -> anchor
    named_by: dict[ClaimKey, list[Finding]] = field(default_factory=dict)
    refs: dict[ClaimKey, ClaimRef] = field(default_factory=dict)
    loaded: dict[ClaimKey, LoadedClaim] = field(default_factory=dict)
    by_event: dict[str, list[LoadedClaim]] = field(default_factory=dict)
    by_source: dict[str, list[LoadedClaim]] = field(default_factory=dict)
    _verdicts: dict[ClaimKey, str] = field(default_factory=dict)

    def claim_id(self, key: ClaimKey) -> str:
        return self.claim_ids.setdefault(key, f"c{len(self.claim_ids)}")

    def verdict(self, key: ClaimKey) -> str:
        """The worst verdict among the findings that count and name the claim ('none' if none)."""
        v = self._verdicts.get(key)
        if v is None:
            v = worst_verdict(f.category for f in self.named_by.get(key, ()) if f.suppressed is None)
            self._verdicts[key] = v
        return v

    def under_review(self, keys: Iterable[ClaimKey]) -> bool:
        """Whether any of these claims is a draft still marked `review: true`."""
        loaded = self.loaded
        return any((c := loaded.get(k)) is not None and c.claim.review for k in keys)

    def value(self, key: ClaimKey) -> str:
        ref = self.refs.get(key)
        if ref is not None:
            return ref.value
        c = self.loaded.get(key)
        return _value_text(c.claim.value) if c is not None else ""

    def title(self, keys: Iterable[ClaimKey]) -> str:
        """The tooltip of a highlight: each claim, and the findings that name it."""
        lines: list[str] = []
        for key in keys:
            lines.append(f"{key[0]} / {key[1]}: « {self.value(key)} »")
            findings = self.named_by.get(key, ())
            for f in findings:
                tag = " (suppressed)" if f.suppressed else ""
                lines.append(f"  {f.severity.value} {f.code}{tag}: {f.message}")
            if not findings:
                lines.append("  no finding")
        return "\n".join(lines)


class HtmlReporter(Reporter):
    """Summary, legend, then per event: the sources' texts side by side with the claims highlighted,
    the subject × slot × source matrix of wordings, and the findings. A click on a highlight or a
    matrix cell opens a panel with the claim and its findings; hovering shows the same as a tooltip.
    """

    name: ClassVar[str] = "html"
    suffix: ClassVar[str] = ".html"

    def __init__(self, *, title: str = "recoupe report") -> None:
        self.title = title

    def render(self, data: ReportData) -> str:
        idx = self._index(data)
        events = self._events(data)
        by_ev = by_event(data.ordered())
        body: list[str] = [self._header(data, events), self._legend()]
        for n, event in enumerate(events):
            body.append(self._event(data, idx, event, f"ev{n}", by_ev.get(event, {})))
        body.append(self._templates(idx))
        body.append(
            '<aside id="panel" class="panel" hidden aria-live="polite">'
            '<button type="button" id="panel-close" class="panel-close" aria-label="Close">×</button>'
            '<div id="panel-body"></div></aside>'
        )
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="referrer" content="no-referrer">\n'
            f"<title>{e(self.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            '<main class="page">\n' + "\n".join(body) + "\n</main>\n"
            f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
        )

    # -- indexing ---------------------------------------------------------------------------------
    def _index(self, data: ReportData) -> _Index:
        idx = _Index()
        for c in data.corpus.claims:
            key = (c.source, c.id)
            idx.claim_id(key)
            idx.loaded[key] = c
            idx.by_event.setdefault(c.event, []).append(c)
            idx.by_source.setdefault(c.source, []).append(c)
        for n, f in enumerate(data.ordered()):
            idx.finding_ids[id(f)] = f"f{n}"
            for ref in f.claims:
                key = (ref.source, ref.claim)
                idx.claim_id(key)
                idx.refs.setdefault(key, ref)
                named = idx.named_by.setdefault(key, [])
                if not named or named[-1] is not f:
                    named.append(f)
        return idx

    def _events(self, data: ReportData) -> list[str]:
        seen = dict.fromkeys(data.corpus.events)
        for c in data.corpus.claims:
            seen.setdefault(c.event)
        for f in data.findings:
            seen.setdefault(f.event)
        return list(seen)

    # -- page parts -------------------------------------------------------------------------------
    def _header(self, data: ReportData, events: list[str]) -> str:
        s = data.summary()
        sev = s["by_severity"]
        failing = s["failing"] > 0
        cards = [
            *(
                f'<div class="card sev-{sv.value}{"" if sev[sv.value] else " zero"}"><span class="num">{sev[sv.value]}</span>'
                f'<span class="lbl">{_severity_word(sv.value, sev[sv.value])}</span></div>'
                for sv in SEVERITIES
            ),
            *(
                f'<div class="card muted{"" if s["suppressed"][k] else " zero"}"><span class="num">{s["suppressed"][k]}</span>'
                f'<span class="lbl">{k}</span></div>'
                for k in ("waived", "baselined")
            ),
        ]
        # Info findings can outnumber the rest many times over: shown on demand when there are others.
        hide_info = bool(sev["error"] or sev["warning"])
        filters = "".join(
            f'<label><input type="checkbox" id="show-{sv.value}"'
            f"{'' if sv.value == 'info' and hide_info else ' checked'}> {sv.value} ({sev[sv.value]})</label>"
            for sv in SEVERITIES
        )
        cats = "".join(
            f'<li class="chip v-{verdict_of(c)}"><span>{e(c)}</span><b>{n}</b></li>'
            for c, n in s["by_category"].items()
        )
        toc = ""
        if len(events) > 1:
            toc = (
                '<nav class="toc"><h2>Events</h2><ol>'
                + "".join(
                    f'<li><a href="#ev{i}">{e(event_label(ev))}</a></li>' for i, ev in enumerate(events)
                )
                + "</ol></nav>"
            )
        unmatched = ""
        if s["baseline_unmatched"]:
            n = s["baseline_unmatched"]
            unmatched = (
                f'<p class="note">{plural(n, "baseline entry", "baseline entries")} matched no finding.</p>'
            )
        return (
            '<header class="top">'
            f'<div class="brand"><h1>{e(self.title)}</h1>'
            f'<p class="meta">recoupe {e(data.version)} · {plural(s["events"], "event")} · '
            f"{plural(s['sources'], 'source')} · {plural(s['claims'], 'claim')}</p></div>"
            f'<p class="status {"fail" if failing else "pass"}">{e(status_line(s))}</p>'
            "</header>"
            '<section class="summary" aria-label="Summary">'
            f'<div class="cards">{"".join(cards)}</div>'
            f'<p class="filters">Show findings: {filters}</p>'
            + (f'<ul class="chips" aria-label="Findings by category">{cats}</ul>' if cats else "")
            + unmatched
            + "</section>"
            + toc
        )

    def _legend(self) -> str:
        items = "".join(
            f'<li><span class="swatch v-{v}"></span>{e(VERDICT_LABELS[v])}</li>' for v in VERDICTS
        )
        return (
            '<section class="legend" aria-label="Legend"><h2>Legend</h2>'
            f'<ul>{items}<li><span class="swatch review"></span>drafted by recoupe draft, under review</li></ul>'
            '<p class="hint">Each highlight is a claim\'s quote, coloured by the worst finding that names it. '
            "Hover for a summary; click (or press Enter) for the claim and its findings.</p></section>"
        )

    def _event(
        self,
        data: ReportData,
        idx: _Index,
        event: str,
        anchor: str,
        groups: dict[tuple[str, str], list[Finding]],
    ) -> str:
        loaded = data.corpus.events.get(event)
        ev = loaded.event if loaded is not None else None
        claims = idx.by_event.get(event, [])
        source_ids = list(
            dict.fromkeys(
                [
                    *(sid for sid, s in data.corpus.sources.items() if s.event == event),
                    *(c.source for c in claims),
                    *(ref.source for fs in groups.values() for f in fs for ref in f.claims),
                ]
            )
        )
        facts = [
            x
            for x in (
                f"<code>{e(event_label(event))}</code>",
                e(ev.date.isoformat()) if ev is not None and ev.date else "",
                e(ev.place) if ev is not None and ev.place else "",
            )
            if x
        ]
        parts = [
            f'<section class="event" id="{anchor}">',
            f"<h2>{e(ev.title) if ev is not None and ev.title else e(event_label(event))}</h2>",
            f'<p class="meta">{" · ".join(facts)}</p>',
        ]
        if ev is not None and ev.description:
            parts.append(f'<p class="description">{e(ev.description)}</p>')
        sources = [data.corpus.sources[s] for s in source_ids if s in data.corpus.sources]
        if sources:
            parts.append(
                f'<h3>Sources side by side</h3>\n<div class="sources">{"".join(self._source(s, idx) for s in sources)}</div>'
            )
        if claims:
            parts.append(self._matrix(claims, source_ids, idx))
        parts.append(self._findings(groups, idx))
        parts.append("</section>")
        return "\n".join(parts)

    def _source(self, s: LoadedSource, idx: _Index) -> str:
        src = s.source
        facts = [
            e(x)
            for x in (
                src.outlet,
                src.published.isoformat() if src.published else None,
                src.kind,
                src.language,
            )
            if x
        ]
        head = (
            f'<header><h4><span class="sid">{e(src.id)}</span></h4>'
            + (f'<p class="stitle">{e(src.title)}</p>' if src.title else "")
            + f'<p class="meta">{" · ".join(facts)}</p>'
            + (f'<p class="url">{e(src.url)}</p>' if src.url else "")
            + "</header>"
        )
        banner = ""
        if s.stale:
            pinned = src.text.sha256 if src.text else ""
            banner = (
                '<p class="banner stale" role="note"><b>Text changed since claims were pinned.</b> '
                f"Its claims are reported but not compared or highlighted (sha256 {e(s.actual_sha256 or '')[:12]}…, "
                f"pinned {e(pinned[:12])}…).</p>"
            )
        drafts = sum(1 for c in idx.by_source.get(src.id, []) if c.claim.review)
        if drafts:
            banner += (
                f'<p class="banner review" role="note"><b>{plural(drafts, "claim")} drafted, under review.</b> '
                "Their quotes are outlined in violet until someone checks them and removes their "
                "<code>review: true</code>.</p>"
            )
        if s.text is None:
            body = '<p class="muted">No text pinned for this source.</p>'
        else:
            spans = [
                (c.start, c.end, (c.source, c.id))
                for c in idx.by_source.get(src.id, [])
                if c.start is not None and c.end is not None
            ]
            body = f'<div class="text" lang="{e(src.language)}">{self._highlight(s.text, spans, idx)}</div>'
        file = f'<p class="file">{e(s.text_file or s.file)}</p>'
        return f'<article class="source{" is-stale" if s.stale else ""}">{head}{banner}{body}{file}</article>'

    def _highlight(self, text: str, spans: list[tuple[int, int, ClaimKey]], idx: _Index) -> str:
        """The text with a <mark> per segment that claims cover; overlapping quotes split into segments,
        each naming every claim that covers it and coloured by the worst of their verdicts."""
        lead = len(text) - len(text.lstrip())
        tail = len(text.rstrip())
        bounds = sorted({lead, tail, *(max(lead, min(tail, p)) for s, t, _ in spans for p in (s, t))})
        out: list[str] = []
        for a, b in itertools.pairwise(bounds):
            if a >= b:
                continue
            covering = [key for s, t, key in spans if s <= a and t >= b]
            piece = e(text[a:b])
            if not covering:
                out.append(piece)
                continue
            # the worst first: the tooltip and the panel open with the claim that explains the colour
            keys = sorted(dict.fromkeys(covering), key=lambda k: VERDICTS.index(idx.verdict(k)))
            verdict = worst_of(idx.verdict(k) for k in keys)
            multi = " multi" if len(keys) > 1 else ""
            if idx.under_review(keys):
                multi += " review"
            ids = " ".join(idx.claim_id(k) for k in keys)
            out.append(
                f'<mark class="hl v-{verdict}{multi}" data-claims="{ids}" tabindex="0" '
                f'title="{e(idx.title(keys))}">{piece}</mark>'
            )
        return "".join(out)

    def _matrix(self, claims: list[LoadedClaim], source_ids: list[str], idx: _Index) -> str:
        rows: dict[tuple[str, str], dict[str, list[LoadedClaim]]] = {}
        for c in sorted(claims, key=lambda c: (c.subject != "", c.subject, c.slot)):
            rows.setdefault((c.subject, c.slot), {}).setdefault(c.source, []).append(c)
        head = "".join(f'<th scope="col">{e(s)}</th>' for s in source_ids)
        out = [
            "<h3>Matrix: subject × slot × source</h3>",
            '<div class="matrix-wrap"><table class="matrix">',
            f'<thead><tr><th scope="col">slot</th>{head}</tr></thead><tbody>',
        ]
        subject: str | None = None
        for (subj, slot), cells in rows.items():
            if subj != subject:
                subject = subj
                out.append(
                    f'<tr class="subject"><th colspan="{len(source_ids) + 1}" scope="rowgroup">'
                    f"{e(subject_label(subj) if subj else 'the event itself')}</th></tr>"
                )
            tds = []
            for sid in source_ids:
                cs = cells.get(sid, [])
                if not cs:
                    tds.append('<td class="empty">—</td>')
                    continue
                # one chip per wording: a source that says « Rabat » twice shows it once, naming both claims
                wordings: dict[str, list[ClaimKey]] = {}
                for c in cs:
                    wordings.setdefault(_value_text(c.claim.value), []).append((c.source, c.id))
                verdict = worst_of(idx.verdict(k) for ks in wordings.values() for k in ks)
                words = "".join(
                    f'<span class="w v-{worst_of(idx.verdict(k) for k in ks)}{" review" if idx.under_review(ks) else ""}" '
                    f'data-claims="{" ".join(idx.claim_id(k) for k in ks)}" tabindex="0" '
                    f'title="{e(idx.title(ks))}">{e(w)}</span>'
                    for w, ks in wordings.items()
                )
                tds.append(f'<td class="v-{verdict}">{words}</td>')
            out.append(f'<tr><th scope="row">{e(slot)}</th>{"".join(tds)}</tr>')
        out.append("</tbody></table></div>")
        return "\n".join(out)

    def _findings(self, groups: dict[tuple[str, str], list[Finding]], idx: _Index) -> str:
        active = {k: [f for f in fs if f.suppressed is None] for k, fs in groups.items()}
        suppressed = [f for fs in groups.values() for f in fs if f.suppressed is not None]
        n = sum(len(fs) for fs in active.values())
        out = [f'<h3>Findings <span class="count">{n}</span></h3>']
        if not n:
            out.append('<p class="muted">No findings for this event.</p>')
        for (subject, slot), fs in active.items():
            if not fs:
                continue
            about = group_title(subject, slot)
            has = " ".join(f"has-{sv}" for sv in dict.fromkeys(f.severity.value for f in fs))
            out.append(
                f'<div class="group {has}"><h4>{e(about)}</h4>{"".join(self._finding(f, idx) for f in fs)}</div>'
            )
        if suppressed:
            out.append(
                f'<details class="suppressed"><summary>{plural(len(suppressed), "suppressed finding")} '
                "(waived or baselined)</summary>"
                + "".join(self._finding(f, idx) for f in suppressed)
                + "</details>"
            )
        return "\n".join(out)

    def _finding(self, f: Finding, idx: _Index) -> str:
        badges = [
            f'<span class="badge sev-{f.severity.value}">{e(f.severity.value)}</span>',
            f'<code class="code">{e(f.code)}</code>',
            f'<span class="name">{e(f.name)}</span>',
            f'<span class="chip v-{verdict_of(f.category)}">{e(f.category)}</span>',
        ]
        if f.relation is not None:
            badges.append(f'<span class="rel">{e(f.relation.value)}</span>')
        if f.suppressed is not None:
            kind = "waived" if f.suppressed.kind == "waiver" else "baselined"
            badges.append(f'<span class="sup">{kind}: {e(f.suppressed.reason)}</span>')
        rows = "".join(
            f"<tr><td>{e(c.source)}</td>"
            f'<td><span class="w v-{idx.verdict((c.source, c.claim))}" data-claims="{idx.claim_id((c.source, c.claim))}" '
            f'tabindex="0">{e(c.value)}</span></td>'
            f'<td class="quote">{e(c.quote) if c.quote else ""}</td><td class="loc">{e(where(c))}</td></tr>'
            for c in f.claims
        )
        table = (
            '<table class="claims"><thead><tr><th>source</th><th>wording</th><th>quote</th><th>line</th></tr>'
            f"</thead><tbody>{rows}</tbody></table>"
            if f.claims
            else ""
        )
        suggestion = f'<p class="suggestion"><b>Suggestion:</b> {e(f.suggestion)}</p>' if f.suggestion else ""
        return (
            f'<article class="finding sev-{f.severity.value}" id="{idx.finding_ids[id(f)]}">'
            f'<div class="fhead">{"".join(badges)}</div><p class="msg">{e(f.message)}</p>{table}{suggestion}</article>'
        )

    def _templates(self, idx: _Index) -> str:
        """What the panel shows for each claim, rendered (and escaped) here; the script only clones it."""
        out = []
        for key, cid in idx.claim_ids.items():
            ref, c = idx.refs.get(key), idx.loaded.get(key)
            if ref is not None:
                quote, at, said_by = ref.quote, where(ref), ref.attributed_to
            elif c is not None:
                quote, said_by = c.claim.quote, c.claim.attributed_to
                at = f"{c.file}:{c.line}" if c.line is not None else c.file
            else:
                continue
            items = "".join(
                f'<li><span class="badge sev-{f.severity.value}">{e(f.severity.value)}</span> '
                f"<code>{e(f.code)}</code> {e(f.message)}{' <i>(suppressed)</i>' if f.suppressed else ''} "
                f'<a href="#{idx.finding_ids[id(f)]}">details</a></li>'
                for f in idx.named_by.get(key, [])
            )
            out.append(
                f'<template id="info-{cid}"><section class="claim-info">'
                f'<h5>{e(key[0])} <span class="muted">/ {e(key[1])}</span></h5>'
                f'<p class="wording v-{idx.verdict(key)}">« {e(idx.value(key))} »</p>'
                + (f'<p class="muted">according to {e(said_by)}</p>' if said_by else "")
                + (f"<blockquote>{e(quote)}</blockquote>" if quote else "")
                + f'<p class="loc">{e(at)}</p>'
                + (f"<ul>{items}</ul>" if items else '<p class="muted">No finding names this claim.</p>')
                + "</section></template>"
            )
        return "\n".join(out)


STYLE = """
:root{--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--bg:#f6f8fa;--card:#fff;
--red:#cf222e;--red-bg:#ffe1df;--orange:#d1560a;--orange-bg:#ffe4c8;--yellow:#b88700;--yellow-bg:#fff3a8;
--green:#1a7f37;--green-bg:#d6f5de;--grey:#8c959f;--grey-bg:#eaeef2;--blue:#0969da;--blue-bg:#ddf4ff;
--violet:#8250df;--violet-bg:#f3e8ff}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.page{max-width:1600px;margin:0 auto;padding:1.5rem clamp(.75rem,3vw,2.5rem) 4rem}
h1{font-size:1.6rem;margin:0}h2{font-size:1.35rem;margin:0 0 .25rem}h3{font-size:1.05rem;margin:1.75rem 0 .6rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
h4{margin:0;font-size:1rem}h5{margin:0 0 .4rem;font-size:1rem}
code{font:.85em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.muted,.meta{color:var(--muted)}.meta{margin:.15rem 0;font-size:.9rem}
.top{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;margin-bottom:1rem}
.status{margin:0;padding:.4rem .9rem;border-radius:999px;font-weight:600}
.status.fail{background:var(--red-bg);color:var(--red)}.status.pass{background:var(--green-bg);color:var(--green)}
.summary,.legend,.toc,.event{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem 1.25rem;margin-bottom:1rem}
.cards{display:flex;flex-wrap:wrap;gap:.75rem}
.card{min-width:7.5rem;padding:.5rem .9rem;border-radius:8px;background:var(--bg);border-left:4px solid var(--grey)}
.card .num{display:block;font-size:1.6rem;font-weight:700;line-height:1.1}.card .lbl{color:var(--muted);font-size:.85rem}
.card.sev-error{border-color:var(--red)}.card.sev-warning{border-color:var(--yellow)}.card.sev-info{border-color:var(--blue)}
.chips{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem;padding:0;margin:.9rem 0 0}
.chip{display:inline-flex;gap:.4rem;align-items:center;padding:.1rem .6rem;border-radius:999px;font-size:.82rem;border:1px solid}
.legend h2,.toc h2{font-size:1rem;margin:0 0 .4rem}
.legend ul{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem 1.25rem;margin:0;padding:0}
.legend li{display:flex;align-items:center;gap:.4rem;font-size:.9rem}
.swatch{flex:none;width:1.6rem;height:1rem;border-radius:3px;border-bottom:3px solid}
.hint{margin:.5rem 0 0;font-size:.85rem;color:var(--muted)}
.v-contradiction{background:var(--red-bg);border-color:var(--red)}
.v-partial{background:var(--orange-bg);border-color:var(--orange)}
.v-less-specific{background:var(--yellow-bg);border-color:var(--yellow)}
.v-agreement{background:var(--green-bg);border-color:var(--green)}
.v-none{background:var(--grey-bg);border-color:var(--grey)}
.description{max-width:75ch}
.sources{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,26rem),1fr));gap:1rem}
.source{border:1px solid var(--line);border-radius:8px;background:#fff;display:flex;flex-direction:column;min-width:0}
.source header{padding:.7rem 1rem;border-bottom:1px solid var(--line);background:var(--bg);border-radius:8px 8px 0 0}
.source .sid{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.stitle{margin:.2rem 0;font-weight:600;line-height:1.35}
.url,.file{margin:0;font-size:.78rem;color:var(--muted);overflow-wrap:anywhere}
.file{padding:.4rem 1rem;border-top:1px solid var(--line)}
.text{padding:.8rem 1rem;white-space:pre-wrap;font:16px/1.7 Charter,"Iowan Old Style",Georgia,Cambria,"Times New Roman",serif;hyphens:auto;max-height:75vh;overflow:auto;flex:1}
.banner{margin:0;padding:.6rem 1rem;font-size:.88rem}
.banner.stale{background:var(--orange-bg);color:#7a3000;border-bottom:2px solid var(--orange)}
.banner.review{background:var(--violet-bg);color:#4c1d95;border-bottom:2px solid var(--violet)}
.swatch.review{background:var(--violet-bg);border-bottom:3px dashed var(--violet)}
mark.hl.review{background:var(--violet-bg);border-bottom:2px dashed var(--violet)}
.w.review{border-style:dashed;box-shadow:inset 0 -2px 0 var(--violet)}
mark.hl{color:inherit;border-bottom:2px solid;padding:0;cursor:pointer}
mark.hl.v-none{background:#f1f3f5;border-bottom:1px dashed var(--grey)}
mark.hl.multi{border-bottom-width:4px;border-bottom-style:double}
mark.hl.v-none.multi{border-bottom-width:3px}
mark.hl:hover,mark.hl:focus,.w:hover,.w:focus,.active{outline:2px solid var(--blue);outline-offset:1px}
.matrix-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:8px}
table{border-collapse:collapse;width:100%}
.matrix th,.matrix td{border-bottom:1px solid var(--line);padding:.35rem .6rem;text-align:left;vertical-align:top;font-size:.9rem}
.matrix thead th{background:var(--bg);position:sticky;top:0;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.matrix tbody th{font-weight:600;overflow-wrap:anywhere}
.matrix tr.subject th{background:#f0f3f6;color:var(--muted);font-size:.78rem;text-transform:uppercase;letter-spacing:.05em}
.matrix{table-layout:fixed}.matrix thead th:first-child{width:13rem}
.matrix td{border-left:4px solid transparent;border-bottom-color:var(--line)}
.matrix td.v-none,.matrix td.empty{background:#fff;border-left-color:transparent}
.matrix td.empty{color:var(--grey)}
.w.v-none{border-color:#d8dee4;background:#f6f8fa}
.w{display:inline-block;margin:.1rem .3rem .1rem 0;padding:0 .35rem;border-radius:4px;border:1px solid;cursor:pointer}
.group{margin-bottom:1rem}.group h4{margin:.75rem 0 .4rem}
.finding{border:1px solid var(--line);border-left:5px solid var(--grey);border-radius:6px;padding:.6rem .9rem;margin:.5rem 0;background:#fff}
.finding.sev-error{border-left-color:var(--red)}.finding.sev-warning{border-left-color:var(--yellow)}.finding.sev-info{border-left-color:var(--blue)}
.finding:target{box-shadow:0 0 0 3px var(--blue-bg),0 0 0 4px var(--blue)}
.fhead{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.badge{display:inline-block;padding:0 .5rem;border-radius:4px;font-size:.75rem;font-weight:700;text-transform:uppercase;color:#fff;background:var(--grey)}
.badge.sev-error{background:var(--red)}.badge.sev-warning{background:var(--yellow)}.badge.sev-info{background:var(--blue)}
.name{color:var(--muted);font-size:.88rem}.rel{font-size:.75rem;color:var(--muted);border:1px solid var(--line);border-radius:4px;padding:0 .35rem}
.sup{font-size:.8rem;color:var(--muted);font-style:italic}
.msg{margin:.4rem 0}
.claims{font-size:.88rem;margin:.3rem 0;table-layout:fixed}
.claims th:nth-child(1){width:14%}.claims th:nth-child(2){width:24%}.claims th:nth-child(3){width:36%}
.claims th{text-align:left;color:var(--muted);font-weight:600;border-bottom:1px solid var(--line);padding:.2rem .5rem}
.claims td{padding:.25rem .5rem;vertical-align:top;border-bottom:1px solid #eaeef2}
.claims .quote{font-family:Charter,"Iowan Old Style",Georgia,serif;font-style:italic}
.loc{font:.8rem ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted);overflow-wrap:anywhere}
.suggestion{margin:.4rem 0 0;padding:.35rem .6rem;background:var(--green-bg);border-radius:4px;font-size:.9rem}
.count{display:inline-block;min-width:1.6rem;text-align:center;border-radius:999px;background:var(--bg);border:1px solid var(--line);font-size:.8rem;color:var(--fg)}
details.suppressed{margin-top:.75rem}details.suppressed summary{cursor:pointer;color:var(--muted)}
.note{margin:.75rem 0 0;color:var(--muted);font-size:.9rem}
.toc ol{margin:0;padding-left:1.25rem}
.panel{position:fixed;right:1rem;bottom:1rem;width:min(30rem,calc(100vw - 2rem));max-height:65vh;overflow:auto;background:#fff;border:1px solid var(--line);border-radius:10px;box-shadow:0 10px 30px rgba(31,35,40,.25);padding:1rem 1.1rem;z-index:10}
.panel-close{position:sticky;top:0;float:right;border:0;background:var(--bg);border-radius:6px;font-size:1.2rem;line-height:1;padding:.2rem .5rem;cursor:pointer}
.claim-info+.claim-info{border-top:1px solid var(--line);margin-top:.75rem;padding-top:.75rem}
.claim-info .wording{display:inline-block;margin:.2rem 0;padding:.1rem .5rem;border-radius:4px;border:1px solid;font-weight:600}
.claim-info blockquote{margin:.4rem 0;padding-left:.75rem;border-left:3px solid var(--line);font-family:Charter,Georgia,serif;font-style:italic}
.claim-info ul{padding-left:1.1rem;margin:.4rem 0 0}.claim-info li{margin:.25rem 0}
.card.zero{opacity:.55}.card.zero{border-left-color:var(--line)}
.filters{margin:.8rem 0 0;font-size:.9rem;color:var(--muted);display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center}
.filters label{color:var(--fg);cursor:pointer;display:inline-flex;gap:.3rem;align-items:center}
@supports selector(:has(a)){
body:has(#show-error:not(:checked)) .finding.sev-error,body:has(#show-warning:not(:checked)) .finding.sev-warning,
body:has(#show-info:not(:checked)) .finding.sev-info{display:none}
.group{display:none}
body:has(#show-error:checked) .group.has-error,body:has(#show-warning:checked) .group.has-warning,
body:has(#show-info:checked) .group.has-info{display:block}}
@media (max-width:700px){.text{max-height:none}.card{min-width:6rem}}
@media print{.panel{display:none}.text{max-height:none}body{background:#fff}}
"""

# Fills the panel with copies of the pre-rendered (already escaped) <template>s of the claims, and
# makes sure a finding a link points to is shown (its severity filter on, its <details> open).
SCRIPT = """
(()=>{const p=document.getElementById('panel'),b=document.getElementById('panel-body');
const mark=ids=>{document.querySelectorAll('.active').forEach(x=>x.classList.remove('active'));
if(ids)ids.split(' ').forEach(i=>document.querySelectorAll('[data-claims~="'+i+'"]').forEach(x=>x.classList.add('active')));};
const show=ids=>{b.replaceChildren();ids.split(' ').forEach(i=>{const t=document.getElementById('info-'+i);if(t)b.append(t.content.cloneNode(true));});p.hidden=false;mark(ids);};
const hide=()=>{p.hidden=true;mark('');};
document.addEventListener('click',ev=>{const t=ev.target.closest('[data-claims]');if(t)show(t.dataset.claims);
const a=ev.target.closest('a[href^="#f"]'),f=a&&document.getElementById(a.getAttribute('href').slice(1));
if(f){const s=[...f.classList].find(c=>c.startsWith('sev-')),box=s&&document.getElementById('show-'+s.slice(4));
if(box)box.checked=true;const d=f.closest('details');if(d)d.open=true;}});
document.addEventListener('keydown',ev=>{if(ev.key==='Escape')hide();
else if((ev.key==='Enter'||ev.key===' ')&&ev.target.matches&&ev.target.matches('[data-claims]')){ev.preventDefault();show(ev.target.dataset.claims);}});
document.getElementById('panel-close').addEventListener('click',hide);})();
"""
