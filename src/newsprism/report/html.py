"""The HTML report: one self-contained file (inline CSS, the timeline as inline SVG, no script,
no external assets), the outlets side by side with conflicts highlighted in their text.

Every piece of article text reaches the page through Jinja2 with autoescaping on, so markup in
an article (a `<script>`, an `onerror=`) shows as text and never runs. This module only
prepares plain values (text segments, chart coordinates) for the template.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import jinja2

from newsprism.compare.records import (
    AlignedFigure,
    AlignedQuote,
    ArticleView,
    Citation,
    Comparison,
    TimelineEvent,
)
from newsprism.model import PARAGRAPH_SEPARATOR, date_label

_KINDS = {
    "figure": "Different figures",
    "speaker": "Same words, different speakers",
    "headline": "Headline contradicted",
    "date": "Different dates",
}
# Highlight classes, strongest first: where spans overlap, the stronger one is shown.
_PRIORITY = {"conflict": 0, "shared": 1, "unique": 2}


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    css: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Column:
    view: ArticleView
    paragraphs: tuple[tuple[Segment, ...], ...]
    headline_conflict: bool


@dataclass(frozen=True, slots=True)
class ChartPoint:
    x: float
    y: float
    r: float
    label: str
    day: str
    title: str
    inferred: bool
    anchor: str = "start"
    """"start": label to the right of the dot; "end": to its left (near the right edge)."""

    @property
    def label_x(self) -> float:
        gap = self.r + 4
        return self.x + gap if self.anchor == "start" else self.x - gap


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    axis_y: float
    points: tuple[ChartPoint, ...]
    ticks: tuple[tuple[float, str], ...]
    hidden: int = 0
    """Events outside the story's period, listed in the table but not charted."""


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newsprism.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["date_label"] = date_label
    return env


def _spans(c: Comparison) -> dict[str, list[tuple[int, int, str, str]]]:
    """(start, end, class, note) highlight spans per article id."""
    spans: dict[str, list[tuple[int, int, str, str]]] = {}

    def add(citation: Citation, css: str, note: str) -> None:
        if citation.start >= 0 and citation.end > citation.start:
            spans.setdefault(citation.article_id, []).append(
                (citation.start, citation.end, css, note)
            )

    for conflict in c.conflicts:
        for side in conflict.sides:
            add(side, "conflict", conflict.description)
    for quote in c.quotes:
        if len(quote.outlets) > 1:
            for cite in quote.citations:
                add(cite, "shared", "Also reported by " + ", ".join(quote.outlets))
    for figure in c.figures:
        if figure.status == "agree":
            for cite in figure.citations:
                add(cite, "shared", "Also reported by " + ", ".join(figure.outlets))
    if len(c.outlets) > 1:
        singles: list[AlignedQuote | AlignedFigure] = [
            *(q for q in c.quotes if len(q.outlets) == 1),
            *(f for f in c.figures if len(f.outlets) == 1),
        ]
        for group in singles:
            for cite in group.citations:
                add(cite, "unique", f"Only {cite.outlet} reports this")
    return spans


def _segments(
    paragraph: str, base: int, spans: list[tuple[int, int, str, str]]
) -> tuple[Segment, ...]:
    """The paragraph cut into plain and highlighted pieces (no overlaps, stronger wins)."""
    end_of = base + len(paragraph)
    inside = [s for s in spans if s[0] < end_of and s[1] > base]
    inside.sort(key=lambda s: (_PRIORITY[s[2]], s[0]))
    chosen: list[tuple[int, int, str, str]] = []
    for start, end, css, note in inside:
        start, end = max(start, base), min(end, end_of)
        if all(end <= s or start >= e for s, e, _, _ in chosen):
            chosen.append((start, end, css, note))
    chosen.sort()
    pieces: list[Segment] = []
    at = base
    for start, end, css, note in chosen:
        if start > at:
            pieces.append(Segment(paragraph[at - base : start - base]))
        pieces.append(Segment(paragraph[start - base : end - base], css, note))
        at = end
    if at < end_of:
        pieces.append(Segment(paragraph[at - base :]))
    return tuple(pieces)


def _columns(c: Comparison) -> tuple[Column, ...]:
    spans = _spans(c)
    conflicted = {
        side.article_id for k in c.conflicts if k.kind == "headline" for side in k.sides[:1]
    }
    columns = []
    for view in c.articles:
        own = spans.get(view.article_id, [])
        paragraphs = []
        base = 0
        for paragraph in view.paragraphs:
            paragraphs.append(_segments(paragraph, base, own))
            base += len(paragraph) + len(PARAGRAPH_SEPARATOR)
        columns.append(Column(view, tuple(paragraphs), view.article_id in conflicted))
    return tuple(columns)


def _short(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# The chart shows the story's own period: events this many days around its articles' dates.
# Background dates ("operated since 1987") stay in the table, so they do not squash the axis.
CHART_MARGIN_DAYS = 30


def _charted(c: Comparison) -> tuple[TimelineEvent, ...]:
    days = [a.published or a.inferred_date for a in c.articles]
    known = [d for d in days if d is not None]
    if not known:
        return c.timeline
    low = min(known) - timedelta(days=CHART_MARGIN_DAYS)
    high = max(known) + timedelta(days=CHART_MARGIN_DAYS)
    inside = tuple(e for e in c.timeline if low <= e.start <= high)
    return inside or c.timeline


def timeline_chart(c: Comparison, width: int = 1000) -> Chart:
    """Coordinates of the timeline chart: one dot per event on a date axis, labels in lanes."""
    events = _charted(c)
    hidden = len(c.timeline) - len(events)
    margin, lane_height = 70, 34
    if not events:
        return Chart(width, 60, 30.0, (), (), hidden)
    first: date = min(e.start for e in events)
    last: date = max(e.start for e in events)
    span = max(1, (last - first).days)

    def x_of(day: date) -> float:
        return margin + (width - 2 * margin) * (day - first).days / span

    # Labels go in lanes above the axis; a lane takes a label when it is free from the
    # label's left edge to its right edge. Near the right edge a label sits left of its dot.
    lanes: list[float] = []
    placed: list[tuple[float, int, int, str]] = []
    for index, event in enumerate(events):
        x = x_of(event.start) if last != first else width / 2
        label_width = 6.5 * len(_short(event.description, 36)) + 16
        anchor = "end" if x + label_width > width - 10 else "start"
        left, right = (x, x + label_width) if anchor == "start" else (x - label_width, x)
        lane = next((i for i, end in enumerate(lanes) if end < left - 4), len(lanes))
        if lane == len(lanes):
            lanes.append(0.0)
        lanes[lane] = right
        placed.append((x, lane, index, anchor))
    axis_y = 30 + lane_height * len(lanes) + 10
    points = tuple(
        ChartPoint(
            x=round(x, 1),
            y=round(30 + lane_height * lane, 1),
            r=4.0 + 2.0 * min(3, len(events[i].outlets)),
            label=_short(events[i].description, 36),
            day=date_label(events[i].start, events[i].end, events[i].grain),
            title=(
                date_label(events[i].start, events[i].end, events[i].grain)
                + (" (date inferred)" if events[i].inferred else "")
                + f": {events[i].description} [{', '.join(events[i].outlets)}]"
            ),
            inferred=events[i].inferred,
            anchor=anchor,
        )
        for x, lane, i, anchor in placed
    )
    ticks: list[tuple[float, str]] = []
    labels = {e.start: date_label(e.start, e.end, e.grain) for e in reversed(events)}
    for day in sorted(labels):
        x = round(x_of(day) if last != first else width / 2, 1)
        if not ticks or x - ticks[-1][0] >= 90:  # room for a date label
            ticks.append((x, labels[day]))
    return Chart(width, int(axis_y + 40), axis_y, points, tuple(ticks), hidden)


def render_html(c: Comparison) -> str:
    """The comparison as one self-contained HTML page."""
    template = _environment().get_template("report.html.j2")
    return template.render(
        c=c,
        kinds=_KINDS,
        columns=_columns(c),
        chart=timeline_chart(c),
        shared_quotes=[q for q in c.quotes if len(q.outlets) > 1],
    )
