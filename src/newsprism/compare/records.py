"""The Comparison records: one story seen through every outlet at once.

A `Comparison` is what the compare stage returns and what every report renders. Like the
records in `newsprism.model`, these are frozen, slotted dataclasses of tuples, so `to_dict`
turns them into JSON-ready data. A `Citation` is one article's version of a fact (a quote, a
figure, a dated event, a sentence); aligned facts and conflicts are made of citations, so every
claim in a report points back to the article text it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Citation:
    """One article's version of a fact, with the sentence it stands in."""

    article_id: str
    outlet: str
    text: str
    """The fact as written in this article (the quote's words, "nearly 700,000", ...)."""
    context: str = ""
    """The sentence around it (or the headline, for a headline claim)."""
    start: int = -1
    end: int = -1
    """Character offsets of `text` in the article body; -1 when it is not in the body."""
    speaker: str | None = None
    """For a quote: the speaker this article gives the words to."""
    value: float | None = None
    qualifier: str | None = None
    """For a figure: its normalised value and qualifier ("nearly", "more than")."""
    day: date | None = None
    """For a dated event: the date this article gives it, or the article's publication date."""
    inferred: bool = False
    """True when `day` comes from the story (the article itself is undated)."""


@dataclass(frozen=True, slots=True)
class AlignedQuote:
    """The same words quoted by one or more outlets."""

    text: str
    """The fullest version of the quote found."""
    speaker: str | None
    """The speaker most outlets give it to (None when no outlet names one)."""
    citations: tuple[Citation, ...]
    outlets: tuple[str, ...]

    @property
    def unique(self) -> bool:
        return len(self.outlets) == 1


@dataclass(frozen=True, slots=True)
class AlignedFigure:
    """Figures about the same thing, as each outlet gives them."""

    subject: str
    unit: str
    text: str
    """The figure as first written ("more than 500")."""
    citations: tuple[Citation, ...]
    outlets: tuple[str, ...]
    agree: bool = True
    """False when outlets give values for it that cannot both be right."""
    status: str = "one outlet"
    """"one outlet"; "agree" (every outlet's value fits every other's); "conflict" (values
    that cannot both be right); "differ" (values differ, but not as a conflict: reports days
    apart, a count that grew, or an outlet giving several values for it)."""

    @property
    def unique(self) -> bool:
        return len(self.outlets) == 1


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """A dated event of the story and every article that dates it."""

    start: date
    end: date
    grain: str
    description: str
    """The sentence that says what happened (from the first source)."""
    citations: tuple[Citation, ...]
    outlets: tuple[str, ...]
    inferred: bool = False
    """True when the only date is one inferred from the story (undated articles)."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two or more versions of a fact that cannot all be right, with evidence from each side."""

    kind: str
    """"figure", "speaker", "headline" or "date"."""
    topic: str
    """What the versions are about ("civilian casualties", the quoted words, ...)."""
    description: str
    sides: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class UniqueFact:
    """Something only one outlet reports."""

    kind: str
    """"quote", "figure", "person" or "organisation"."""
    outlet: str
    article_id: str
    text: str
    context: str = ""


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    """How many quotes each outlet gives one speaker (a row of the speaker x outlet matrix)."""

    speaker: str
    counts: tuple[int, ...]
    """One count per outlet, in the order of `Comparison.outlets`."""

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One source of the story and how often each outlet cites it (a row of the source x
    outlet table), with every sentence that cites it."""

    name: str
    kind: str
    """person, government, institution, organisation, outlet, document or anonymous."""
    counts: tuple[int, ...]
    """One count per outlet, in the order of `Comparison.outlets`."""
    citations: tuple[Citation, ...] = ()
    """Each citation's `text` is the attribution as written; `speaker` holds its role."""
    copied_by: tuple[str, ...] = ()
    """Outlets that ran a syndicated copy of this outlet's report (copies are counted once
    in every fact, so they show here rather than in `counts`)."""

    @property
    def outlets_citing(self) -> int:
        return sum(1 for n in self.counts if n)


@dataclass(frozen=True, slots=True)
class BriefSentence:
    """A sentence of the brief, cited to every outlet that reports it."""

    text: str
    article_id: str
    outlets: tuple[str, ...]
    """Every outlet that reports it; the outlet of `article_id` first."""


@dataclass(frozen=True, slots=True)
class Brief:
    """An extractive summary of the story and its key people, figures and quotes."""

    sentences: tuple[BriefSentence, ...] = ()
    key_people: tuple[str, ...] = ()
    key_figures: tuple[str, ...] = ()
    key_quotes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleView:
    """One article of the story as the report shows it, side by side with the others."""

    article_id: str
    outlet: str
    title: str
    paragraphs: tuple[str, ...]
    published: date | None = None
    inferred_date: date | None = None
    url: str | None = None
    duplicate_of: str | None = None
    """The id of the article this one is a near-duplicate copy of, if any."""
    headline_score: float = 0.0
    headline_drivers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Comparison:
    """A story compared across its outlets: agreements, conflicts, unique facts, timeline, brief."""

    story_id: str
    label: str
    outlets: tuple[str, ...]
    articles: tuple[ArticleView, ...]
    quotes: tuple[AlignedQuote, ...] = ()
    figures: tuple[AlignedFigure, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    unique: tuple[UniqueFact, ...] = ()
    speakers: tuple[SpeakerRow, ...] = ()
    brief: Brief = field(default_factory=Brief)
    sources: tuple[SourceRow, ...] = ()
    """Who each outlet relies on: the source x outlet table, most widely cited first."""

    @property
    def shared_sources(self) -> tuple[SourceRow, ...]:
        """Sources every outlet of the story cites."""
        return tuple(r for r in self.sources if len(self.outlets) > 1 and all(r.counts))

    @property
    def single_outlet_sources(self) -> tuple[SourceRow, ...]:
        """Sources only one outlet cites (when the story has several)."""
        return tuple(r for r in self.sources if len(self.outlets) > 1 and r.outlets_citing == 1)
