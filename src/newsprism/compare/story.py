"""Comparing one story: the compare stage's entry points.

`compare_story` runs every step on records (articles, their analyses, the story) and returns a
`Comparison`; `compare_stored_story` reads those records from the store first. Near-duplicate
copies are shown in the report but counted once in every fact.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Sequence
from datetime import date

import numpy as np

from newsprism.compare.align import (
    align_figure_facts,
    align_quotes,
    could_be_same,
    quote_items,
    same_kind_pairs,
    several_values,
)
from newsprism.compare.claims import headline_paraphrase_conflicts
from newsprism.compare.conflicts import date_conflicts, headline_conflicts, speaker_conflicts
from newsprism.compare.embed import DIMENSIONS, VectorCache, embed_by_article, pack, unpack
from newsprism.compare.facts import CONCEPT_NAMES, FigureFact, figure_facts
from newsprism.compare.judge import figure_citation, figure_conflict, group_status
from newsprism.compare.records import AlignedFigure, ArticleView, Comparison, Conflict
from newsprism.compare.saved import ready_comparison, save_comparison
from newsprism.compare.sources import Source, story_people, story_sources, with_persons
from newsprism.compare.sourcing import article_sources, source_rows
from newsprism.compare.summary import summarise
from newsprism.compare.timeline import build_timeline, event_items
from newsprism.compare.unique import speaker_matrix, unique_facts
from newsprism.errors import NotFoundError, StoreError
from newsprism.model import Analysis, Article, Story
from newsprism.store.sqlite import SQLiteStore


def _order(articles: Sequence[Article], story: Story | None) -> list[Article]:
    """Articles oldest first (inferred dates count), undated ones last, stable otherwise."""
    inferred = dict(story.inferred_dates) if story else {}

    def when(article: Article) -> tuple[bool, date]:
        day = article.published or inferred.get(article.id)
        return (day is None, day or date.max)

    return sorted(articles, key=when)


def _views(
    articles: Sequence[Article],
    analyses: Sequence[Analysis],
    story: Story | None,
    copies: dict[str, str],
) -> tuple[ArticleView, ...]:
    by_id = {a.article_id: a for a in analyses}
    inferred = dict(story.inferred_dates) if story else {}
    views = []
    for article in articles:
        analysis = by_id.get(article.id)
        views.append(
            ArticleView(
                article_id=article.id,
                outlet=article.outlet,
                title=article.title,
                paragraphs=article.paragraphs,
                published=article.published,
                inferred_date=None if article.published else inferred.get(article.id),
                url=article.url,
                duplicate_of=copies.get(article.id),
                headline_score=analysis.headline.score if analysis else 0.0,
                headline_drivers=analysis.headline.drivers if analysis else (),
            )
        )
    return tuple(views)


def compare_story(
    articles: Sequence[Article],
    analyses: Sequence[Analysis],
    story: Story | None = None,
    vectors: VectorCache | None = None,
) -> Comparison:
    """Every outlet's version of one story: aligned quotes and figures, conflicts, unique
    facts, the speaker x outlet matrix, the timeline and the cited brief.

    `analyses` are matched to `articles` by article id; an article without one still appears.
    Without `story`, the articles are taken as one story with no known copies. `vectors` holds
    sentence vectors by article from earlier comparisons, and receives the new ones.
    """
    ordered = _order(articles, story)
    sources, copies = story_sources(ordered, analyses, story)
    outlets = tuple(dict.fromkeys(source.outlet for source in sources))
    people = story_people(sources)

    quotes = quote_items(sources, people)
    aligned_quotes = align_quotes(quotes)
    cache: VectorCache = {} if vectors is None else vectors
    figures, figure_clashes = _figures(figure_facts(sources), cache)
    events = event_items(sources)
    conflicts = [
        *headline_conflicts(sources, quotes, people),
        *headline_paraphrase_conflicts(sources, quotes, people, cache),
        *speaker_conflicts(aligned_quotes),
        *figure_clashes,
        *date_conflicts(events),
    ]
    quote_groups = tuple(group for group, _ in aligned_quotes)
    person_keys = {
        e.key for source in sources for e in source.analysis.entities if e.label == "PERSON"
    }
    attributed = [
        (
            source.outlet,
            source.id,
            source.article,
            article_sources(
                source.article,
                source.analysis,
                [
                    people.is_person(people.speaker(q)) or q.speaker_key in person_keys
                    for q in source.analysis.quotes
                ],
                outlets,
            ),
        )
        for source in sources
    ]
    outlet_of = {a.id: a.outlet for a in ordered}
    wire = [
        (copy, outlet_of[copy], outlet_of[original])
        for copy, original in copies.items()
        if outlet_of[copy] != outlet_of[original]
    ]
    return Comparison(
        story_id=story.id if story else _adhoc_id(sources),
        label=story.label if story else (ordered[0].title if ordered else ""),
        outlets=outlets,
        articles=_views(ordered, analyses, story, copies),
        quotes=quote_groups,
        figures=figures,
        timeline=tuple(build_timeline(events)),
        conflicts=tuple(conflicts),
        unique=tuple(unique_facts(sources, quote_groups, figures, people, outlets)),
        speakers=tuple(speaker_matrix(sources, people, outlets)),
        brief=summarise(sources, quote_groups, figures, people, outlets, conflicts),
        sources=tuple(
            source_rows(attributed, outlets, wire, lambda name: people.by_name.get(name, name))
        ),
    )


def _figures(
    facts: list[FigureFact], cache: VectorCache
) -> tuple[tuple[AlignedFigure, ...], list[Conflict]]:
    """Every figure fact aligned across outlets and judged, with the conflicts found."""
    # Only figures that some other outlet's figure could match need their sentence embedded.
    wanted = sorted(
        {k for i, j in same_kind_pairs(facts) if could_be_same(facts[i], facts[j]) for k in (i, j)}
    )
    vectors = np.zeros((len(facts), DIMENSIONS), dtype=np.float32)
    if wanted:
        items = [(facts[i].source.id, facts[i].masked) for i in wanted]
        vectors[wanted] = embed_by_article(items, cache)
    similarity = vectors @ vectors.T
    figures = []
    conflicts = []
    groups = align_figure_facts(facts, similarity)
    aligned = {id(f) for g in groups if len({x.source.id for x in g}) > 1 for f in g}
    for group in groups:
        several = several_values(group, facts, similarity, aligned)
        status, clashes = group_status(group, several)
        what = _what(group)
        citations = tuple(figure_citation(fact) for fact in group)
        figures.append(
            AlignedFigure(
                subject=what,
                unit=group[0].figure.unit,
                text=group[0].figure.text.text,
                citations=citations,
                outlets=tuple(dict.fromkeys(c.outlet for c in citations)),
                agree=status != "conflict",
                status=status,
            )
        )
        if clashes:
            conflicts.append(figure_conflict(what, clashes))
    return tuple(figures), conflicts


def _what(group: list[FigureFact]) -> str:
    """The group's name: the most informative member's words for what it counts."""
    concepts = {f.concept for f in group}
    # One wording is the best name for itself; outlets' different wordings get the concept.
    if len(concepts) == 1 and group[0].concept and len({f.what for f in group}) > 1:
        what = CONCEPT_NAMES[group[0].concept]
        holders = sorted({f.holder for f in group if f.holder[:1].isupper()}, key=len)
        return f"{what} ({holders[0]})" if holders else what
    best = max(group, key=lambda f: (bool(f.figure.counted), bool(f.concept), -len(f.what)))
    return best.what


def _adhoc_id(sources: Sequence[Source]) -> str:
    return "+".join(source.id[:6] for source in sources) or "empty"


def compare_stored_story(store: SQLiteStore, story_id: str) -> Comparison:
    """The comparison of a stored story (id or unique prefix), from its stored analyses.

    A comparison saved ahead (`newsprism.compare.saved`) is returned when it is up to date;
    otherwise the story is compared now and the result saved, when the store can be written.
    """
    story = store.get_story(story_id)
    key, ready = ready_comparison(store, story.id)
    if ready is not None:
        return ready
    articles = list(store.iter_articles(ids=story.article_ids))
    if not articles:
        raise NotFoundError(
            f"Story '{story.id}' has no stored articles. Re-run `newsprism stories` to rebuild it."
        )
    analyses = [a for a in (store.get_analysis(article.id) for article in articles) if a]
    # Speakers and people by the person each name means here, as `people` lists them.
    persons = store.person_keys_of([a.article_id for a in analyses])
    analyses = with_persons(analyses, persons, store.person_names(persons.values()))
    vectors: VectorCache = {}
    for article in articles:
        packed = store.get_state(_VECTORS + article.id)
        vectors[article.id] = unpack(packed) if packed else {}
    known = {aid: len(found) for aid, found in vectors.items()}
    comparison = compare_story(articles, analyses, story, vectors)
    # Each article's sentence vectors are computed once and kept; a read-only store (the web
    # app's pages) computes them again next time instead.
    for article_id, found in vectors.items():
        if len(found) > known.get(article_id, 0):
            with contextlib.suppress(sqlite3.OperationalError, StoreError):
                store.set_state(_VECTORS + article_id, pack(found))
    save_comparison(store, story.id, key, comparison)
    return comparison


_VECTORS = "vectors/"
