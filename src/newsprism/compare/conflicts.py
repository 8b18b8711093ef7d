"""Conflicts within a story, each with the evidence from every side.

Four kinds: different figures for the same thing; the same words given to different speakers;
a headline claim that its own body or another outlet contradicts; different dates for the same
event. Precision comes first: a vague figure ("hundreds") never conflicts with a precise one,
a figure that grows between reports on different days is an update, not a conflict, and a date
from an undated article (inferred from its story) is never evidence of a date conflict.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import combinations

from newsprism.compare.align import (
    FigureItem,
    QuoteItem,
    figure_citation,
    figure_interval,
    figures_agree,
    quote_citation,
)
from newsprism.compare.records import AlignedFigure, AlignedQuote, Citation, Conflict
from newsprism.compare.sources import People, Source
from newsprism.compare.text import content_words, fold, jaccard, normalise, same_person, stems
from newsprism.compare.timeline import EventItem, event_citation
from newsprism.model import HeadlineConflict

# Counts that only grow as a story develops: a later report may give more, never fewer.
# Written for this project.
_CUMULATIVE = frozenset(
    stems(
        "dead deaths died killed killing casualties victims injured wounded hurt fled refugees "
        "displaced evacuated evacuees missing arrested arrests detained cases infections "
        "infected hospitalised hospitalized homes destroyed damaged affected"
    )
)
# Two dated sentences report the same event when the words around their dates overlap this
# much and in at least DATE_MIN_SHARED words. Set high by hand (no labelled data): a date
# conflict is only claimed when the two sentences plainly tell the same thing.
DATE_SAME_EVENT_OVERLAP = 0.5
DATE_MIN_SHARED = 3
# Shortest quote (content words) whose speaker can be contested: shorter phrases ("stop the
# war") are said by many people.
SPEAKER_MIN_CONTENT_WORDS = 3


def _dedupe(citations: Sequence[Citation]) -> tuple[Citation, ...]:
    seen: dict[tuple[str, int, str], Citation] = {}
    for citation in citations:
        seen.setdefault((citation.article_id, citation.start, citation.text), citation)
    return tuple(seen.values())


# --- figures ---------------------------------------------------------------------------------


def _figure_pair_conflicts(a: FigureItem, b: FigureItem) -> bool:
    if a.source.id == b.source.id or figures_agree(a.figure, b.figure):
        return False
    da, db = a.source.day, b.source.day
    if da is None or db is None or a.source.inferred or b.source.inferred or da == db:
        return True
    # Reports from different days: a rise is an update of a developing count; a fall is only
    # a contradiction for counts that cannot fall (deaths, refugees, arrests ...).
    earlier, later = (a, b) if da < db else (b, a)
    if not (earlier.things & _CUMULATIVE):
        return False
    low_later = figure_interval(later.figure)
    low_earlier = figure_interval(earlier.figure)
    if low_later is None or low_earlier is None:
        return False
    return low_later[1] < low_earlier[0]


def figure_conflicts(
    aligned: Sequence[tuple[AlignedFigure, list[FigureItem]]],
) -> tuple[list[Conflict], set[int]]:
    """Conflicts between figures for the same thing, and the indexes of disagreeing groups."""
    conflicts = []
    disagreeing: set[int] = set()
    for index, (group, items) in enumerate(aligned):
        sides: list[Citation] = []
        for a, b in combinations(items, 2):
            if _figure_pair_conflicts(a, b):
                sides += [figure_citation(a), figure_citation(b)]
        if not sides:
            continue
        disagreeing.add(index)
        sides_t = _dedupe(sides)
        versions = "; ".join(f"{c.outlet}: {c.text}" for c in sides_t)
        conflicts.append(
            Conflict(
                kind="figure",
                topic=group.subject,
                description=f"Different figures for {group.subject}: {versions}.",
                sides=sides_t,
            )
        )
    return conflicts, disagreeing


# --- speakers --------------------------------------------------------------------------------


def speaker_conflicts(
    aligned: Sequence[tuple[AlignedQuote, list[QuoteItem]]],
) -> list[Conflict]:
    """The same words given to different speakers by different articles."""
    conflicts = []
    for group, items in aligned:
        sides: list[Citation] = []
        for a, b in combinations(items, 2):
            if a.source.id == b.source.id or not a.speaker or not b.speaker:
                continue
            shorter = a if len(a.norm) <= len(b.norm) else b
            if len(content_words(shorter.norm)) < SPEAKER_MIN_CONTENT_WORDS:
                continue
            if not same_person(a.speaker, b.speaker):
                sides += [quote_citation(a), quote_citation(b)]
        if not sides:
            continue
        sides_t = _dedupe(sides)
        who = "; ".join(f"{c.outlet}: {c.speaker}" for c in sides_t)
        conflicts.append(
            Conflict(
                kind="speaker",
                topic=group.text,
                description=f"The same words are given to different speakers ({who}).",
                sides=sides_t,
            )
        )
    return conflicts


# --- headlines -------------------------------------------------------------------------------

# Quoted words in a headline: an opening mark not preceded by a letter (so "Russia's" is not
# one) and a closing mark not followed by one.
_HEADLINE_QUOTE = re.compile(r"(?<!\w)['\"]([^'\"]{2,120}?)['\"](?!\w)")


def _says(quote_text: str, claim: str) -> bool:
    """Whether quoted words contain the headline's claim (word stems, any order)."""
    wanted = stems(claim)
    return bool(wanted) and wanted <= stems(quote_text)


def _headline_citation(source: Source, claim: str, person: str | None) -> Citation:
    return Citation(
        article_id=source.id,
        outlet=source.outlet,
        text=claim,
        context=source.article.title,
        speaker=person,
    )


def _evidence_citation(source: Source, conflict: HeadlineConflict) -> Citation:
    body = source.article.body
    start = body.find(conflict.evidence) if conflict.evidence else -1
    return Citation(
        article_id=source.id,
        outlet=source.outlet,
        text=conflict.evidence,
        context=conflict.evidence,
        start=start,
        end=start + len(conflict.evidence) if start >= 0 else -1,
        speaker=conflict.body_speaker,
    )


def _giving_to_others(
    claim: str, person: str, quotes: Sequence[QuoteItem], skip: str | None = None
) -> list[QuoteItem]:
    """Quotes (outside article `skip`) that give the headline's claim to someone not `person`."""
    return [
        item
        for item in quotes
        if item.source.id != skip
        and item.speaker
        and not same_person(item.speaker, person)
        and _says(item.quote.content.text, claim)
    ]


def _title_people(source: Source, people: People) -> list[str]:
    title = normalise(source.article.title)
    found = []
    for entity in source.analysis.entities:
        if entity.label != "PERSON":
            continue
        names = {normalise(entity.name), normalise(entity.name.split()[-1])}
        if any(n and f" {n} " in f" {title} " for n in names):
            found.append(people.name(entity.key, entity.name) or entity.name)
    return list(dict.fromkeys(found))


def headline_conflicts(
    sources: Sequence[Source], quotes: Sequence[QuoteItem], people: People
) -> list[Conflict]:
    """Headline claims contradicted by the article's own body or by another outlet."""
    conflicts = []
    for source in sources:
        claimed = set()
        for found in source.analysis.headline.conflicts:
            claimed.add(normalise(found.claim))
            others = _giving_to_others(found.claim, found.headline_person, quotes, skip=source.id)
            sides = [
                _headline_citation(source, found.claim, found.headline_person),
                _evidence_citation(source, found),
                *(quote_citation(item) for item in others),
            ]
            body_speaker = found.body_speaker or "someone else"
            also = sorted({item.source.outlet for item in others})
            conflicts.append(
                Conflict(
                    kind="headline",
                    topic=found.claim,
                    description=(
                        f"{source.outlet}'s headline gives '{found.claim}' to "
                        f"{found.headline_person}; its own body gives the words to {body_speaker}"
                        + (f", and so does {', '.join(also)}" if also else "")
                        + "."
                    ),
                    sides=_dedupe(sides),
                )
            )
        conflicts += _headline_against_others(source, quotes, people, claimed)
    return conflicts


def _headline_against_others(
    source: Source, quotes: Sequence[QuoteItem], people: People, claimed: set[str]
) -> list[Conflict]:
    """A headline quoting words of the one person it names, where the article's own body or
    another outlet gives those words to someone else and no article gives them to that person.

    This catches what the analysis' headline check (HeadlineSignals.conflicts) leaves out,
    including contradictions that only another outlet's report reveals.
    """
    persons = _title_people(source, people)
    if len(persons) != 1:
        return []
    person = persons[0]
    conflicts = []
    for match in _HEADLINE_QUOTE.finditer(fold(source.article.title)):
        claim = match.group(1)
        if normalise(claim) in claimed or not stems(claim):
            continue
        supported = (
            item.speaker
            and same_person(item.speaker, person)
            and _says(item.quote.content.text, claim)
            for item in quotes
        )
        if any(supported):
            continue
        others = _giving_to_others(claim, person, quotes)
        if not others:
            continue
        own = [item for item in others if item.source.id == source.id]
        elsewhere = sorted({item.source.outlet for item in others if item.source.id != source.id})
        givers = sorted({item.speaker or "someone else" for item in others})
        where = (["its own body"] if own else []) + elsewhere
        conflicts.append(
            Conflict(
                kind="headline",
                topic=claim,
                description=(
                    f"{source.outlet}'s headline gives '{claim}' to {person}; "
                    f"{' and '.join(where)} {'give' if len(where) > 1 else 'gives'} the words to "
                    f"{', '.join(givers)}."
                ),
                sides=_dedupe(
                    [
                        _headline_citation(source, claim, person),
                        *(quote_citation(item) for item in own),
                        *(quote_citation(item) for item in others if item not in own),
                    ]
                ),
            )
        )
    return conflicts


# --- dates -----------------------------------------------------------------------------------


def date_conflicts(items: Sequence[EventItem]) -> list[Conflict]:
    """The same event given different dates by different articles (inferred dates excluded)."""
    usable = [i for i in items if not i.inferred and i.grain == "day" and i.window]
    conflicts = []
    reported: set[tuple[str, str]] = set()
    for a, b in combinations(usable, 2):
        if a.source.id == b.source.id or a.start == b.start:
            continue
        shared = a.window & b.window
        if len(shared) < DATE_MIN_SHARED:
            continue
        if jaccard(set(a.window), set(b.window)) < DATE_SAME_EVENT_OVERLAP:
            continue
        key = (min(a.source.id, b.source.id), " ".join(sorted(shared)))
        if key in reported:
            continue
        reported.add(key)
        first, second = (a, b) if a.start < b.start else (b, a)
        topic = min((a.sentence, b.sentence), key=len)
        conflicts.append(
            Conflict(
                kind="date",
                topic=topic if len(topic) <= 90 else topic[:89].rstrip() + "…",
                description=(
                    f"{first.source.outlet} dates it {first.start.isoformat()}, "
                    f"{second.source.outlet} {second.start.isoformat()}."
                ),
                sides=(event_citation(first), event_citation(second)),
            )
        )
    return conflicts
