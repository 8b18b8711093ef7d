"""Comparisons computed ahead: saved once, read back the same, never served stale."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from story_builders import dam_db
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.compare import compare_stored_story, compare_story
from newsprism.compare.saved import compare_ahead, saved_comparison, stale_stories
from newsprism.store.sqlite import SQLiteStore


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return dam_db(tmp_path / "saved.db")


def _fresh(store: SQLiteStore, story_id: str):  # type: ignore[no-untyped-def]
    story = store.get_story(story_id)
    articles = list(store.iter_articles(ids=story.article_ids))
    analyses = [a for a in (store.get_analysis(x.id) for x in articles) if a]
    return compare_story(articles, analyses, story)


def test_compare_ahead_saves_what_compare_then_reads(db: Path) -> None:
    with SQLiteStore(db) as store:
        story_id = next(store.iter_stories()).id
        assert stale_stories(store) == [story_id]
        assert saved_comparison(store, story_id) is None
        assert compare_ahead(store) == 1
        assert stale_stories(store) == []
        saved = saved_comparison(store, story_id)
        assert saved is not None
        assert saved == _fresh(store, story_id)
        assert compare_stored_story(store, story_id) == saved
        assert compare_ahead(store) == 0  # nothing left to do


def test_a_changed_analysis_or_story_is_never_served_stale(db: Path) -> None:
    with SQLiteStore(db) as store:
        story = next(store.iter_stories())
        before = compare_stored_story(store, story.id)
        assert any(c.kind == "speaker" for c in before.conflicts)
        # One outlet's article is re-analysed without its quotes: the speaker conflict goes.
        quoted = [
            a
            for a in (store.get_analysis(x) for x in story.article_ids)
            if a and any("rebuild every street" in q.content.text for q in a.quotes)
        ]
        store.save_analyses([dataclasses.replace(quoted[0], quotes=())])
        assert stale_stories(store) == [story.id]
        after = compare_stored_story(store, story.id)
        assert not any(c.kind == "speaker" for c in after.conflicts)
        assert after == _fresh(store, story.id)
        # The story loses an article: the saved comparison is stale again.
        smaller = dataclasses.replace(story, article_ids=story.article_ids[:-1])
        store.save_stories([smaller])
        assert stale_stories(store) == [story.id]
        assert len(compare_stored_story(store, story.id).articles) == len(story.article_ids) - 1


def test_an_unreadable_saved_comparison_is_computed_again(db: Path) -> None:
    with SQLiteStore(db) as store:
        story_id = next(store.iter_stories()).id
        good = compare_stored_story(store, story_id)
        store.execute("UPDATE comparisons SET data = ?", (b"not a comparison",))
        assert compare_stored_story(store, story_id) == good


def test_a_read_only_store_compares_without_saving(db: Path) -> None:
    store = SQLiteStore.read_only(db)
    try:
        story_id = next(store.iter_stories()).id
        assert compare_stored_story(store, story_id).conflicts
        assert stale_stories(store) == [story_id]
    finally:
        store.close()


def test_cli_analyze_computes_ahead_and_compare_reads_it(db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["--db", str(db), "analyze", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["compared"] == 1
    with SQLiteStore(db) as store:
        assert stale_stories(store) == []
    shown = runner.invoke(app, ["--db", str(db), "compare", "dam", "--json"])
    assert shown.exit_code == 0, shown.output
    assert {c["kind"] for c in json.loads(shown.output)["conflicts"]} >= {"speaker", "figure"}
    again = runner.invoke(app, ["--db", str(db), "analyze", "--no-compare", "--json"])
    assert json.loads(again.output)["compared"] == 0
