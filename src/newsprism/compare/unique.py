"""What only one outlet reports (quotes, figures, people, organisations), and who is quoted by
whom: the speaker x outlet matrix.

Both only make sense across outlets: a story told by a single outlet has no unique facts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from newsprism.compare.records import (
    AlignedFigure,
    AlignedQuote,
    SpeakerRow,
    UniqueFact,
)
from newsprism.compare.sources import People, Source
from newsprism.compare.text import content_words, sentence_at

_ENTITY_KINDS = {"PERSON": "person", "ORG": "organisation"}
# A quoted word or two ("closed" primaries, "regional") is the writer's scare quotes, not a
# statement another outlet could have reported: the unique list starts at this many words.
UNIQUE_QUOTE_MIN_CONTENT_WORDS = 3


def unique_facts(
    sources: Sequence[Source],
    quotes: Sequence[AlignedQuote],
    figures: Sequence[AlignedFigure],
    people: People,
    outlets: Sequence[str],
) -> list[UniqueFact]:
    """Quotes, figures, people and organisations that only one outlet reports."""
    if len(outlets) < 2:
        return []
    facts: list[UniqueFact] = []
    for quote in quotes:
        if quote.unique and len(content_words(quote.text)) >= UNIQUE_QUOTE_MIN_CONTENT_WORDS:
            first = quote.citations[0]
            who = f"{quote.speaker}: " if quote.speaker else ""
            facts.append(
                UniqueFact("quote", first.outlet, first.article_id, who + quote.text, first.context)
            )
    for figure in figures:
        # A bare number is nothing a reader can use: a unique figure always says what it counts.
        if figure.unique and content_words(figure.subject):
            first = figure.citations[0]
            text = f"{figure.subject}: {first.text}"
            facts.append(UniqueFact("figure", first.outlet, first.article_id, text, first.context))
    facts += _unique_entities(sources, people)
    return facts


def _unique_entities(sources: Sequence[Source], people: People) -> list[UniqueFact]:
    # A person is the same across outlets by corpus-wide key or by story-wide name, whichever
    # links them: analyses of different outlets may key a surname-only mention differently.
    outlets_of: dict[tuple[str, str], set[str]] = {}
    first_seen: dict[tuple[str, str], tuple[Source, str, str]] = {}
    for source in sources:
        for entity in source.analysis.entities:
            kind = _ENTITY_KINDS.get(entity.label)
            if kind is None:
                continue
            name = people.name(entity.key, entity.name) if kind == "person" else entity.name
            ident = (kind, (name or entity.name).casefold())
            outlets_of.setdefault(ident, set()).add(source.outlet)
            if ident not in first_seen:
                context = ""
                if entity.mentions:
                    context = sentence_at(source.article.body, entity.mentions[0].start)
                first_seen[ident] = (source, name or entity.name, context)
    facts = []
    for ident, outlets in outlets_of.items():
        if len(outlets) == 1:
            source, name, context = first_seen[ident]
            facts.append(UniqueFact(ident[0], source.outlet, source.id, name, context))
    return facts


def speaker_matrix(
    sources: Sequence[Source], people: People, outlets: Sequence[str]
) -> list[SpeakerRow]:
    """Quotes per speaker and outlet, the most quoted speaker first."""
    counts: dict[str, Counter[str]] = {}
    for source in sources:
        for quote in source.analysis.quotes:
            speaker = people.speaker(quote)
            if speaker:
                counts.setdefault(speaker, Counter())[source.outlet] += 1
    rows = [
        SpeakerRow(speaker, tuple(by_outlet.get(o, 0) for o in outlets))
        for speaker, by_outlet in counts.items()
    ]
    rows.sort(key=lambda row: (-row.total, row.speaker))
    return rows
