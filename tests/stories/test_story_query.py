"""Story filters in SQL: counts, outlet facets, date span and articles per day agree with the
stories themselves (on the web tests' written database)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from newsprism.store.sqlite import SQLiteStore
from newsprism.stories import StoryFilter, find_stories
from newsprism.stories.query import (
    OTHER_OUTLETS,
    articles_per_day,
    count_stories,
    date_span,
    outlet_facets,
)


def test_counts_and_facets_match_the_stories_found(built_db: Path) -> None:
    with SQLiteStore(built_db) as store:
        for found in (StoryFilter(), StoryFilter(outlet="state wire"), StoryFilter(text="chess")):
            kept = found.select(store)
            stories = find_stories(
                store, outlet=found.outlet, text=found.text, since=found.since, until=found.until
            )
            assert count_stories(store, kept) == len(stories)
            expected = Counter(outlet for s in stories for outlet in s.outlets)
            assert dict(outlet_facets(store, kept)) == dict(expected)


def test_articles_per_day_count_every_dated_article_once(built_db: Path) -> None:
    with SQLiteStore(built_db) as store:
        kept = StoryFilter().select(store)
        counts: Counter[tuple[date, str]] = Counter()
        for day, outlet, n in articles_per_day(store, kept):
            counts[(day, outlet)] += n
        dated = [a for a in store.iter_articles() if a.published]
        inferred = store.execute(
            "SELECT count(*) FROM story_articles WHERE inferred_date IS NOT NULL"
        )
        assert sum(counts.values()) == len(dated) + inferred.fetchone()[0]
        by_week = list(articles_per_day(store, kept, "week"))
        assert all(day.weekday() == 0 for day, _, _ in by_week)
        assert sum(n for _, _, n in by_week) == sum(counts.values())
        span = date_span(store, kept)
        assert span is not None and span[0] == min(d for d, _ in counts)


def test_a_text_filter_with_bad_syntax_still_finds_by_words(built_db: Path) -> None:
    with SQLiteStore(built_db) as store:
        assert [s.label for s in find_stories(store, text='"prodigy')] == [
            s.label for s in find_stories(store, text="prodigy")
        ]
        assert find_stories(store, text="prodigy")


def test_outlets_not_named_are_counted_together_and_nothing_is_lost(built_db: Path) -> None:
    with SQLiteStore(built_db) as store:
        kept = StoryFilter().select(store)
        every = articles_per_day(store, kept)
        some = articles_per_day(store, kept, outlets=["Valley Herald"])
    assert sum(n for _, _, n in some) == sum(n for _, _, n in every)
    assert {outlet for _, outlet, _ in some} == {"Valley Herald", OTHER_OUTLETS}
