"""The html report's chart of a group's figures over time: each counter's figures, from the positions
its findings relate, as the geometry of an inline SVG that chart.html.j2 draws (no script library).

Moments are evenly spaced, in time order; a counter's line passes through the figure most sources
give at each moment; a range is a band; a denial a hollow mark. The sources are named in each mark's
tooltip and, in words, in the caption: « les autorités: 5 (first) → 18 (early) → 23 (efe, elpais) ».
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from recoupe.findings import Finding, PositionRef
from recoupe.reporters._common import UNATTRIBUTED, position_cells

PositionKey = tuple[str | None, str | None, bool, str]


def position_key(p: PositionRef) -> PositionKey:
    """What makes a position the same in every finding that relates it."""
    return (p.counter, p.as_of, p.negated, p.normalized)


# How QuantityValue prints a normalized quantity (normalize/quantities/value.py, __str__): a number,
# an interval with its brackets, or a bound, then the unit. tests/unit/test_position_html.py holds
# this reading to that printing.
_NUMBER = r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?"
_QUANTITY = re.compile(
    rf"^(?:(?P<point>{_NUMBER})|[\[(](?P<low>{_NUMBER}), (?P<high>{_NUMBER})[\])]"
    rf"|(?P<above>>=?) (?P<min>{_NUMBER})|(?P<below><=?) (?P<max>{_NUMBER}))(?: (?P<unit>\S+))?$"
)


class Span(NamedTuple):
    """A quantity as the chart draws it: the interval of numbers, unbounded ends as None."""

    low: float | None
    high: float | None
    unit: str


def quantity_span(normalized: str) -> Span | None:
    """The numbers a normalized quantity allows; None for anything else (a date, a name, an ordinal)."""
    m = _QUANTITY.match(normalized)
    if m is None:
        return None
    unit = m["unit"] or ""
    if m["point"] is not None:
        v = float(m["point"])
        return Span(v, v, unit)
    if m["low"] is not None:
        return Span(float(m["low"]), float(m["high"]), unit)
    if m["min"] is not None:
        return Span(float(m["min"]), None, unit)
    return Span(None, float(m["max"]), unit)


# The chart's frame, in SVG user units: the plot lies within these margins.
WIDTH, HEIGHT = 560, 210
LEFT, RIGHT, TOP, BOTTOM = 44, 104, 14, 34
PALETTE = 8  # series colours (style.css .hue0 … .hue7), taken in turn
LABEL_CHARS = 14


class Mark(NamedTuple):
    """A position on the chart: a point, or a band for a range; its label and tooltip, and the claims
    a click opens."""

    x: float
    y: float  # the middle of the band, where the series' line passes
    top: float  # the band's top and bottom; equal to y for a single figure
    bottom: float
    kind: str  # "point", "band", or "denied"
    label: str  # "" when another label at that moment already shows it
    title: str
    claims: str


class Series(NamedTuple):
    """One counter: its colour class, its line, its marks, and its figures in words for the legend."""

    colour: str
    counter: str
    line: str  # SVG polyline points, "" when the counter has one moment
    marks: list[Mark]
    story: str  # « 5 (first) → 18 (early) → 23 (efe, elpais) / 37 (misread) »


class Chart(NamedTuple):
    id: str
    title: str
    width: int
    height: int
    left: int
    right: int  # x of the plot's right edge
    top: int
    bottom: int  # y of the plot's bottom edge
    yticks: list[tuple[float, str]]
    xticks: list[tuple[float, str]]
    series: list[Series]


def chart(
    chart_id: str, title: str, findings: Iterable[Finding], claim_ids: Callable[[], dict[str, str]]
) -> Chart | None:
    """The chart of a group's figures over time, from the positions its findings relate; None unless
    it has numbers (of one unit) at two moments or more. `claim_ids` gives "source/claim" -> the
    claim's anchor, asked for only when there is a chart to draw."""
    positions: dict[PositionKey, tuple[PositionRef, Span]] = {}
    for f in findings:
        for p in f.positions:
            span = quantity_span(p.normalized)
            if span is not None and p.as_of is not None:
                positions.setdefault(position_key(p), (p, span))
    if len({span.unit for _, span in positions.values()}) != 1:
        return None
    moments = sorted({p.as_of for p, _ in positions.values() if p.as_of is not None})
    if len(moments) < 2:
        return None
    ids = claim_ids()
    bounds = [b for _, s in positions.values() for b in (s.low, s.high) if b is not None]
    low, high, step = _scale(min(0.0, *bounds), max(bounds))
    plot_right, plot_bottom = WIDTH - RIGHT, HEIGHT - BOTTOM

    def y_of(v: float | None, default: float) -> float:
        if v is None:
            return default
        return round(plot_bottom - (v - low) / (high - low) * (plot_bottom - TOP), 1)

    inset = 20
    gap = (plot_right - LEFT - 2 * inset) / (len(moments) - 1)
    xs = {m: LEFT + inset + i * gap for i, m in enumerate(moments)}
    counters = list(dict.fromkeys(p.counter for p, _ in positions.values()))
    offset = {c: (i - (len(counters) - 1) / 2) * 5 for i, c in enumerate(counters)}
    labelled: dict[str, list[float]] = {}  # moment -> the y of the labels shown there
    series: list[Series] = []
    for n, counter in enumerate(counters):
        mine = sorted(
            (pair for pair in positions.values() if pair[0].counter == counter),
            key=lambda pair: pair[0].as_of or "",
        )
        marks: list[Mark] = []
        line: list[str] = []
        steps: list[str] = []
        for moment in dict.fromkeys(p.as_of or "" for p, _ in mine):
            here = [pair for pair in mine if pair[0].as_of == moment]
            x = round(xs[moment] + offset[counter], 1)
            placed: list[tuple[PositionRef, float]] = []
            for p, span in here:
                top = y_of(span.high, TOP)
                bottom = y_of(span.low, plot_bottom)
                y = round((top + bottom) / 2, 1)
                text = _label(p)
                near = labelled.setdefault(moment, [])
                show = not any(abs(y - other) < 10 for other in near)
                if show:
                    near.append(y)
                kind = "denied" if p.negated else "point" if span.low == span.high else "band"
                who = p.counter if p.counter is not None else UNATTRIBUTED
                marks.append(
                    Mark(
                        x,
                        y,
                        top,
                        bottom,
                        kind,
                        text if show else "",
                        f"{who}, {moment}: {'denies ' if p.negated else ''}{p.value} — {', '.join(p.sources)}",
                        " ".join(ids[k] for k in p.claims if k in ids),
                    )
                )
                placed.append((p, y))
            # the line passes through the figure most sources hold at each moment; a figure the
            # counter is also credited with at that moment stands beside it, unjoined
            held = [(p, y) for p, y in placed if not p.negated]
            if held:
                line.append(f"{x},{max(held, key=lambda pair: len(pair[0].sources))[1]}")
            steps.append(" / ".join(f"{_label(p)} ({position_cells(p)[3]})" for p, _ in here))
        series.append(
            Series(
                f"hue{n % PALETTE}",
                counter if counter is not None else UNATTRIBUTED,
                " ".join(line) if len(line) > 1 else "",
                marks,
                " → ".join(steps),
            )
        )
    ticks = [(y_of(v, 0), _number(v)) for v in _ticks(low, high, step)]
    every = max(1, math.ceil(72 / gap))  # a date label is about 60 units wide
    xticks = [(round(xs[m], 1), m) for i, m in enumerate(moments) if i % every == 0 or i == len(moments) - 1]
    return Chart(chart_id, title, WIDTH, HEIGHT, LEFT, plot_right, TOP, plot_bottom, ticks, xticks, series)


def _label(p: PositionRef) -> str:
    """The first wording of a position, without its quotes: « 23 » / « vingt-trois » is 23."""
    text = p.value.split(" / ")[0].strip().removeprefix("« ").removesuffix(" »")
    if len(text) > LABEL_CHARS:
        text = text[: LABEL_CHARS - 1] + "…"
    return f"not {text}" if p.negated else text


def _scale(low: float, high: float) -> tuple[float, float, float]:
    """The axis from `low` to `high` in round steps: about four of 1, 2 or 5 times a power of ten."""
    if high <= low:
        high = low + 1
    rough = (high - low) / 4
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _ticks(low: float, high: float, step: float) -> list[float]:
    count = round((high - low) / step)
    return [low + i * step for i in range(count + 1)]


def _number(v: float) -> str:
    if abs(v) >= 1_000_000 and v % 100_000 == 0:
        return f"{v / 1_000_000:g}M"
    if abs(v) >= 10_000 and v % 1000 == 0:
        return f"{v / 1000:g}k"
    return f"{v:g}"
