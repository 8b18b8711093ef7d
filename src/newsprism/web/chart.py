"""Articles per day per outlet as an SVG bar chart, laid out here and drawn by a template.

The layout is plain numbers (bars, ticks, legend), so the chart needs no script and no
library; every label is escaped by the template like any other text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from newsprism.stories.query import OTHER_OUTLETS

WIDTH, HEIGHT = 720, 180
_LEFT, _BOTTOM, _TOP = 36, 22, 8
COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#7f7f7f")
"""One colour per outlet shown (the last one for all other outlets)."""


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    y: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    legend: tuple[tuple[str, str], ...]
    """(outlet, colour)."""
    grain: str
    """"day", "week" or "month": what one bar counts."""


def _bucket(day: date, grain: str) -> date:
    if grain == "week":
        return day - timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    return day


def grain_for(first: date, last: date) -> str:
    """What one bar counts: a day; a week beyond 90 days; a month beyond two years, so that
    bars stay visible."""
    span = (last - first).days
    return "day" if span <= 90 else "week" if span <= 730 else "month"


def per_day_chart(
    counts: Iterable[tuple[date, str, int]], grain: str | None = None, outlets_shown: int = 6
) -> Chart | None:
    """A stacked bar chart of (day, outlet, articles); None when nothing is dated.

    `grain` says what the counts are per (default: `grain_for` their span); the counts may be
    per day, or already per week or month.
    """
    rows = list(counts)
    if not rows:
        return None
    first, last = min(r[0] for r in rows), max(r[0] for r in rows)
    grain = grain or grain_for(first, last)
    totals: Counter[str] = Counter()
    for _, outlet, n in rows:
        totals[outlet] += n
    shown = [o for o, _ in totals.most_common() if o != OTHER_OUTLETS][:outlets_shown]
    colour = {outlet: COLOURS[i] for i, outlet in enumerate(shown)}
    stacks: dict[date, Counter[str]] = {}
    for day, outlet, n in rows:
        name = outlet if outlet in colour else OTHER_OUTLETS
        stacks.setdefault(_bucket(day, grain), Counter())[name] += n
    buckets = sorted(stacks)
    slots = _slots(buckets[0], buckets[-1], grain)
    top = max(sum(stack.values()) for stack in stacks.values())
    plot_w, plot_h = WIDTH - _LEFT - 4, HEIGHT - _BOTTOM - _TOP
    step = plot_w / len(slots)
    bars = []
    for index, bucket in enumerate(slots):
        y = float(HEIGHT - _BOTTOM)
        for name in [*shown, OTHER_OUTLETS]:
            n = stacks.get(bucket, Counter())[name]
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            bars.append(
                Bar(
                    x=round(_LEFT + index * step + step * 0.1, 2),
                    y=round(y, 2),
                    width=round(max(step * 0.8, 1.0), 2),
                    height=round(h, 2),
                    colour=colour.get(name, COLOURS[-1]),
                    title=f"{bucket.isoformat()} ({grain}) · {name}: {n}",
                )
            )
    every = max(1, len(slots) // 6)
    x_ticks = tuple(
        Tick(round(_LEFT + i * step + step / 2, 2), HEIGHT - 6, slots[i].isoformat())
        for i in range(0, len(slots), every)
    )
    y_ticks = tuple(
        Tick(_LEFT - 4, round(HEIGHT - _BOTTOM - plot_h * v / top, 2), str(v))
        for v in sorted({0, top // 2, top})
    )
    legend = tuple((name, colour[name]) for name in shown)
    if len(totals) > len(shown):
        legend += ((OTHER_OUTLETS, COLOURS[-1]),)
    return Chart(WIDTH, HEIGHT, tuple(bars), x_ticks, y_ticks, legend, grain)


def _slots(first: date, last: date, grain: str) -> list[date]:
    """Every bucket from first to last, empty ones included, so time runs evenly."""
    slots = [first]
    while slots[-1] < last:
        current = slots[-1]
        if grain == "day":
            slots.append(current + timedelta(days=1))
        elif grain == "week":
            slots.append(current + timedelta(days=7))
        else:
            slots.append((current.replace(day=28) + timedelta(days=4)).replace(day=1))
    return slots
