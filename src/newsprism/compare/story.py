"""Comparing one story: the compare stage's entry points.

`compare_story` runs every step on records (articles, their analyses, the story) and returns a
`Comparison`; `compare_stored_story` reads those records from the store first. Near-duplicate
copies are shown in the report but counted once in every fact.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date

from newsprism.compare.align import align_figures, align_quotes, figure_items, quote_items
from newsprism.compare.conflicts import (
    date_conflicts,
    figure_conflicts,
    figure_status,
    headline_conflicts,
    speaker_conflicts,
)
from newsprism.compare.records import ArticleView, Comparison
from newsprism.compare.sources import Source, story_people, story_sources
from newsprism.compare.summary import summarise
from newsprism.compare.timeline import build_timeline, event_items
from newsprism.compare.unique import speaker_matrix, unique_facts
from newsprism.errors import NotFoundError
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
    articles: Sequence[Article], analyses: Sequence[Analysis], story: Story | None = None
) -> Comparison:
    """Every outlet's version of one story: aligned quotes and figures, conflicts, unique
    facts, the speaker x outlet matrix, the timeline and the cited brief.

    `analyses` are matched to `articles` by article id; an article without one still appears.
    Without `story`, the articles are taken as one story with no known copies.
    """
    ordered = _order(articles, story)
    sources, copies = story_sources(ordered, analyses, story)
    outlets = tuple(dict.fromkeys(source.outlet for source in sources))
    people = story_people(sources)

    quotes = quote_items(sources, people)
    aligned_quotes = align_quotes(quotes)
    aligned_figures = align_figures(figure_items(sources))
    events = event_items(sources)

    found_figures, disagreeing = figure_conflicts(aligned_figures)
    conflicts = [
        *headline_conflicts(sources, quotes, people),
        *speaker_conflicts(aligned_quotes),
        *found_figures,
        *date_conflicts(events),
    ]
    figures = tuple(
        dataclasses.replace(
            group,
            agree=index not in disagreeing,
            status=figure_status(group, items, index in disagreeing),
        )
        for index, (group, items) in enumerate(aligned_figures)
    )
    quote_groups = tuple(group for group, _ in aligned_quotes)
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
    )


def _adhoc_id(sources: Sequence[Source]) -> str:
    return "+".join(source.id[:6] for source in sources) or "empty"


def compare_stored_story(store: SQLiteStore, story_id: str) -> Comparison:
    """The comparison of a stored story (id or unique prefix), from its stored analyses."""
    story = store.get_story(story_id)
    articles = list(store.iter_articles(ids=story.article_ids))
    if not articles:
        raise NotFoundError(
            f"Story '{story.id}' has no stored articles. Re-run `newsprism stories` to rebuild it."
        )
    analyses = [a for a in (store.get_analysis(article.id) for article in articles) if a]
    return compare_story(articles, analyses, story)
