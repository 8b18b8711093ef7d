"""The articles of one story as the compare stage sees them: each with its analysis, its
effective date, and the story-wide names of the people it quotes.

Near-duplicate copies (Story.duplicates) are set aside here, so that every later step counts a
syndicated report once. An undated article takes its date from the story (Story.inferred_dates)
and is marked inferred.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from newsprism.compare.text import merge_names
from newsprism.model import Analysis, Article, Entity, Quote, Story


@dataclass(frozen=True, slots=True)
class Source:
    """One article of the story with its analysis."""

    article: Article
    analysis: Analysis
    day: date | None
    """Publication date, or the date inferred from the story."""
    inferred: bool
    """True when `day` was inferred from the story."""

    @property
    def outlet(self) -> str:
        return self.article.outlet

    @property
    def id(self) -> str:
        return self.article.id


@dataclass(frozen=True, slots=True)
class People:
    """Story-wide canonical names: entity keys and name variants mapped to one name."""

    by_key: dict[str, str]
    by_name: dict[str, str]
    persons: frozenset[str] = frozenset()
    """Story-wide names of people (PERSON entities), as opposed to organisations or sources."""

    def is_person(self, name: str | None) -> bool:
        return bool(name) and name in self.persons

    def name(self, key: str | None, name: str | None) -> str | None:
        """The story-wide name of a person given by key and/or in-article name."""
        if key and key in self.by_key:
            return self.by_key[key]
        if name:
            return self.by_name.get(name, name)
        return None

    def speaker(self, quote: Quote) -> str | None:
        return self.name(quote.speaker_key, quote.speaker_name)


def story_sources(
    articles: Sequence[Article], analyses: Sequence[Analysis], story: Story | None
) -> tuple[list[Source], dict[str, str]]:
    """The story's original articles (copies left out) and a copy id -> original id map.

    Articles without an analysis are compared with an empty one, so they still show in the
    report and the brief.
    """
    by_id = {analysis.article_id: analysis for analysis in analyses}
    copies: dict[str, str] = {}
    inferred: dict[str, date] = {}
    if story is not None:
        present = {a.id for a in articles}
        copies = {c: o for c, o in story.duplicates if c in present and o in present and c != o}
        inferred = dict(story.inferred_dates)
    sources: list[Source] = []
    for article in articles:
        if article.id in copies:
            continue
        analysis = by_id.get(article.id, Analysis(article_id=article.id))
        day = article.published
        guessed = False
        if day is None and article.id in inferred:
            day, guessed = inferred[article.id], True
        sources.append(Source(article, analysis, day, guessed))
    return sources, copies


def story_people(sources: Sequence[Source]) -> People:
    """One name per person across the story's articles.

    Entity keys are corpus-wide, so they decide first; names without a shared key are merged
    when one is a shorter form of exactly one fuller name ("Wang" -> "Wang Yi").
    """
    key_names: dict[str, list[str]] = {}
    names: list[str] = []
    for source in sources:
        for entity in source.analysis.entities:
            if entity.label == "PERSON":
                key_names.setdefault(entity.key, []).append(entity.name)
                names.append(entity.name)
        for quote in source.analysis.quotes:
            if quote.speaker_name:
                names.append(quote.speaker_name)
                if quote.speaker_key:
                    key_names.setdefault(quote.speaker_key, []).append(quote.speaker_name)
    by_name = merge_names(names)
    by_key = {
        key: by_name.get(max(found, key=len), max(found, key=len))
        for key, found in key_names.items()
    }
    persons = frozenset(
        by_name.get(entity.name, entity.name)
        for source in sources
        for entity in source.analysis.entities
        if entity.label == "PERSON"
    )
    return People(by_key=by_key, by_name=by_name, persons=persons)


def with_persons(
    analyses: Sequence[Analysis],
    persons: Mapping[tuple[str, str], str],
    names: Mapping[str, str],
) -> list[Analysis]:
    """The analyses with every entity and speaker that names a person known across the corpus
    given that person's key and name: `persons` maps (article id, entity key) to the person's
    key as the store resolved it ("Bush" in a story about Jeb: person:jeb-bush), `names` a
    person key to their name."""
    by_article: dict[str, dict[str, str]] = {}
    for (article, key), person in persons.items():
        by_article.setdefault(article, {})[key] = person
    out = []
    for analysis in analyses:
        mine = by_article.get(analysis.article_id)
        if not mine:
            out.append(analysis)
            continue

        def entity(e: Entity, mine: dict[str, str] = mine) -> Entity:
            key = mine.get(e.key)
            return e if key is None else replace(e, key=key, name=names.get(key, e.name))

        def quote(q: Quote, mine: dict[str, str] = mine) -> Quote:
            key = mine.get(q.speaker_key or "")
            if key is None:
                return q
            return replace(q, speaker_key=key, speaker_name=names.get(key, q.speaker_name))

        out.append(
            replace(
                analysis,
                entities=tuple(entity(e) for e in analysis.entities),
                quotes=tuple(quote(q) for q in analysis.quotes),
            )
        )
    return out
