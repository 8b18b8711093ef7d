"""The SQLite store: idempotent writes, search, migrations, analyses round trip."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from newsprism.errors import NotFoundError, QueryError, StoreError
from newsprism.model import Analysis, Article, Entity, Quote, Span, Story
from newsprism.store.migrations import MIGRATIONS
from newsprism.store.sqlite import SQLiteStore

ARTICLE = Article.create(
    title="Port fire forces evacuation",
    paragraphs=[
        "About 3,000 residents were evacuated after a fire at the chemical plant on Monday.",
        "“We acted as fast as we could,” the harbour master said.",
    ],
    url="https://www.example.org/fire",
    outlet="Example Post",
    published=date(2025, 3, 11),
    source="fire.txt",
)


def test_same_article_twice_is_stored_once(store: SQLiteStore) -> None:
    first = store.add_articles([ARTICLE])
    second = store.add_articles([ARTICLE])
    assert first.new == (ARTICLE.id,)
    assert second.duplicate == (ARTICLE.id,) and not second.new
    assert store.count_articles() == 1


def test_article_round_trips_with_every_field(store: SQLiteStore) -> None:
    store.add_articles([ARTICLE])
    assert store.get_article(ARTICLE.id) == ARTICLE
    assert store.get_article(ARTICLE.id[:6]) == ARTICLE


def test_unknown_article_id_names_the_fix(store: SQLiteStore) -> None:
    with pytest.raises(NotFoundError, match="newsprism articles"):
        store.get_article("ffffffffffff")


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("evacuated", True),
        ("harbour master", True),
        ("EVACUATION", True),
        ("tsunami", False),
        ("U.S.-backed fire", False),
    ],
)
def test_full_text_search(store: SQLiteStore, query: str, found: bool) -> None:
    store.add_articles([ARTICLE])
    hits = store.search(query)
    assert bool(hits) is found
    if found:
        assert hits[0].article.id == ARTICLE.id


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ('fire" OR (', "unbalanced double quote"),
        ("Holt AND NOT Okafor", "storm NOT surge"),
        ("(harbour", "invalid syntax"),
    ],
)
def test_invalid_search_syntax_is_explained_not_silent(
    store: SQLiteStore, query: str, problem: str
) -> None:
    store.add_articles([ARTICLE])
    with pytest.raises(QueryError, match=re.escape(problem)):
        store.search(query)


def test_search_snippet_keeps_the_matched_words(store: SQLiteStore) -> None:
    store.add_articles([ARTICLE])
    hit = store.search("harbour master")[0]
    words = [hit.snippet[start:end].casefold() for start, end in hit.matches]
    assert "harbour" in words and "master" in words
    assert "[" not in hit.snippet
    assert store.count_matches("harbour master") == 1


def test_filters_by_outlet_and_date(store: SQLiteStore) -> None:
    store.add_articles([ARTICLE])
    assert [a.id for a in store.iter_articles(outlets=["example post"])] == [ARTICLE.id]
    assert not list(store.iter_articles(since=date(2025, 3, 12)))
    assert list(store.iter_articles(until=date(2025, 3, 11)))
    assert store.count_articles(outlets=["EXAMPLE POST"], until=date(2025, 3, 11)) == 1


def test_an_undated_article_is_filtered_by_the_date_its_story_gives(store: SQLiteStore) -> None:
    undated = Article.create(title="Fire follow-up", paragraphs=["The plant reopened."])
    store.add_articles([ARTICLE, undated])
    inferred = ((undated.id, date(2025, 3, 12)),)
    ids = (ARTICLE.id, undated.id)
    store.save_stories([Story(id="s1", label="Fire", article_ids=ids, inferred_dates=inferred)])
    assert [a.id for a in store.iter_articles(since=date(2025, 3, 12))] == [undated.id]
    assert store.count_articles(until=date(2025, 3, 11)) == 1


def test_analysis_round_trips_and_feeds_people(store: SQLiteStore) -> None:
    store.add_articles([ARTICLE])
    speaker = Entity("person:ana-okafor", "Ana Okafor", "PERSON", (Span("Ana Okafor", 0, 10),))
    quote = Quote(
        content=Span("We acted as fast as we could", 1, 29, 1),
        kind="direct",
        speaker_name="Ana Okafor",
        speaker_key="person:ana-okafor",
    )
    analysis = Analysis(ARTICLE.id, entities=(speaker,), quotes=(quote,), model="test")
    store.save_analyses([analysis])
    store.save_analyses([analysis])  # replacing is not duplicating
    assert store.get_analysis(ARTICLE.id) == analysis
    [person] = store.people()
    assert (person.name, person.articles, person.quotes) == ("Ana Okafor", 1, 1)
    assert store.unanalyzed_ids() == []


def test_stories_and_membership(store: SQLiteStore) -> None:
    store.add_articles([ARTICLE])
    story = Story("s1", "Port fire", (ARTICLE.id,), ("Example Post",), date(2025, 3, 11))
    store.save_stories([story])
    assert store.get_story("s1") == story
    assert store.story_of(ARTICLE.id) == "s1"
    assert store.unclustered_ids() == []


def test_reopening_keeps_data_and_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "keep.db"
    with SQLiteStore(path) as first:
        first.add_articles([ARTICLE])
    with SQLiteStore(path) as again:
        assert again.count_articles() == 1
    version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
    assert version == len(MIGRATIONS)


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a newsprism database"):
        SQLiteStore(path)
    assert path.read_text().startswith("these are my notes")
