"""The story page's view of a `Comparison`: the one place that knows the comparison's shape.

Everything the story page shows comes from `story_view(comparison)`: headlines per outlet,
the brief, the fact-by-outlet grid (rows are figures, quotes and dated events; columns are
outlets; each cell is that outlet's own words with a status), conflicts with their sides,
who is quoted by whom, the timeline and the copies. When the compare stage's records change,
only this module has to follow.

Cell statuses: "agree" (the outlet reports it as the others do), "update" (a different value
that is not a contradiction: reports days apart, a count that grew), "conflict" (versions
that cannot all be right), "only" (the one outlet that reports it) and "absent".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from newsprism.compare.records import Citation, Comparison, Conflict

STATUSES = ("agree", "update", "conflict", "only", "absent")

_FIGURE_STATUS = {
    "agree": "agree",
    "compatible": "agree",
    "update": "update",
    "differ": "update",
    "conflict": "conflict",
}


@dataclass(frozen=True, slots=True)
class Cite:
    """One article's words for a fact, and where they are in it."""

    article_id: str
    outlet: str
    text: str
    context: str
    start: int
    end: int
    speaker: str | None = None
    day: date | None = None
    """For a dated event: the date this article gives it."""

    @property
    def link(self) -> str:
        """The article page, the cited words' sentence highlighted."""
        if 0 <= self.start < self.end:
            return f"/articles/{self.article_id}?hl={self.start}-{self.end}#hl"
        return f"/articles/{self.article_id}"  # words not in the body (a headline)


@dataclass(frozen=True, slots=True)
class Cell:
    status: str
    cites: tuple[Cite, ...] = ()


@dataclass(frozen=True, slots=True)
class FactRow:
    kind: str
    """"figure", "quote" or "date"."""
    about: str
    status: str
    """The row's status: the worst of its cells (conflict > update > agree > only)."""
    cells: tuple[Cell, ...]
    """One per outlet, in the order of `StoryView.outlets`."""


@dataclass(frozen=True, slots=True)
class ConflictView:
    kind: str
    topic: str
    description: str
    sides: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class Headline:
    article_id: str
    outlet: str
    title: str
    day: date | None
    inferred: bool
    url: str | None
    copy_of: str | None
    sensational: float
    drivers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BriefLine:
    text: str
    article_id: str
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TimelineRow:
    start: date
    end: date
    description: str
    outlets: tuple[str, ...]
    inferred: bool
    cites: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class StoryView:
    story_id: str
    label: str
    outlets: tuple[str, ...]
    headlines: tuple[Headline, ...]
    brief: tuple[BriefLine, ...]
    facts: tuple[FactRow, ...]
    conflicts: tuple[ConflictView, ...]
    speakers: tuple[tuple[str, tuple[int, ...]], ...]
    """(speaker, quotes per outlet) in the order of `outlets`."""
    timeline: tuple[TimelineRow, ...]
    copies: int
    """Near-duplicate copies: shown with the headlines, counted once in every fact."""


def _cite(c: Citation) -> Cite:
    return Cite(c.article_id, c.outlet, c.text, c.context, c.start, c.end, c.speaker, c.day)


def _in_conflict(citations: Sequence[Citation], conflicts: Sequence[Conflict]) -> set[str]:
    """Outlets whose citation here is a side of some conflict."""
    keys = {(c.article_id, c.start, c.text) for c in citations}
    return {
        side.outlet
        for conflict in conflicts
        for side in conflict.sides
        if (side.article_id, side.start, side.text) in keys
    }


def _row(
    kind: str,
    about: str,
    citations: Sequence[Citation],
    outlets: Sequence[str],
    status_of: dict[str, str],
) -> FactRow:
    by_outlet: dict[str, list[Cite]] = {}
    for c in citations:
        by_outlet.setdefault(c.outlet, []).append(_cite(c))
    cells = tuple(
        Cell(status_of.get(outlet, "absent"), tuple(by_outlet[outlet]))
        if outlet in by_outlet
        else Cell("absent")
        for outlet in outlets
    )
    statuses = {cell.status for cell in cells}
    status = next((s for s in ("conflict", "update", "agree", "only") if s in statuses), "absent")
    return FactRow(kind, about, status, cells)


def _reported(present: set[str], status: str, conflicted: set[str]) -> dict[str, str]:
    if len(present) == 1:
        return dict.fromkeys(present, "only")
    return {o: "conflict" if o in conflicted else status for o in present}


def _facts(c: Comparison) -> list[FactRow]:
    rows: list[FactRow] = []
    for figure in c.figures:
        present = {cite.outlet for cite in figure.citations}
        status = _FIGURE_STATUS.get(figure.status, "agree")
        conflicted = _in_conflict(figure.citations, c.conflicts)
        if status == "conflict":
            conflicted |= present
        about = f"{figure.subject} ({figure.unit})" if figure.unit else figure.subject
        reported = _reported(present, status, conflicted)
        rows.append(_row("figure", about, figure.citations, c.outlets, reported))
    for quote in c.quotes:
        present = {cite.outlet for cite in quote.citations}
        conflicted = _in_conflict(quote.citations, c.conflicts)
        about = f"{quote.speaker or 'unknown speaker'}: “{quote.text}”"
        rows.append(
            _row(
                "quote", about, quote.citations, c.outlets, _reported(present, "agree", conflicted)
            )
        )
    for event in c.timeline:
        present = {cite.outlet for cite in event.citations}
        days = {(cite.day, cite.outlet) for cite in event.citations if cite.day}
        status = "update" if len({day for day, _ in days}) > 1 else "agree"
        conflicted = _in_conflict(event.citations, c.conflicts)
        about = f"{event.start}" + (f" – {event.end}" if event.end != event.start else "")
        rows.append(
            _row(
                "date",
                f"{about}: {event.description}",
                event.citations,
                c.outlets,
                _reported(present, status, conflicted),
            )
        )
    order = {"conflict": 0, "update": 1, "agree": 2, "only": 3, "absent": 4}
    rows.sort(
        key=lambda row: (order[row.status], -sum(cell.status != "absent" for cell in row.cells))
    )
    return rows


def story_view(c: Comparison) -> StoryView:
    """What the story page shows, from the library's comparison of the story."""
    headlines = tuple(
        Headline(
            article_id=a.article_id,
            outlet=a.outlet,
            title=a.title,
            day=a.published or a.inferred_date,
            inferred=a.published is None and a.inferred_date is not None,
            url=a.url,
            copy_of=a.duplicate_of,
            sensational=a.headline_score,
            drivers=a.headline_drivers,
        )
        for a in c.articles
    )
    return StoryView(
        story_id=c.story_id,
        label=c.label,
        outlets=c.outlets,
        headlines=headlines,
        brief=tuple(BriefLine(s.text, s.article_id, s.outlets) for s in c.brief.sentences),
        facts=tuple(_facts(c)),
        conflicts=tuple(
            ConflictView(x.kind, x.topic, x.description, tuple(_cite(s) for s in x.sides))
            for x in c.conflicts
        ),
        speakers=tuple((row.speaker, row.counts) for row in c.speakers),
        timeline=tuple(
            TimelineRow(
                e.start,
                e.end,
                e.description,
                e.outlets,
                e.inferred,
                tuple(_cite(x) for x in e.citations),
            )
            for e in c.timeline
        ),
        copies=sum(1 for a in c.articles if a.duplicate_of),
    )
