"""The Parquet dataset: rows per table, parts written whole, orphans pruned, export from a store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from newsprism.errors import StoreError
from newsprism.model import Analysis, Article, Entity, Quote, Span, Story, TimeRef
from newsprism.scale.parquet import (
    export_parquet,
    part_name,
    prune_orphans,
    write_analyses,
    write_stories,
)
from newsprism.store.sqlite import SQLiteStore


def _article(n: int) -> Article:
    return Article.create(
        title=f"Harbour council votes on ferry fares, round {n}",
        paragraphs=(
            f"The council voted {n} times on the fares, Mayor Ilse Brandt said on Tuesday.",
            "“We will not raise them again,” Brandt told reporters.",
        ),
        outlet="Harbour Gazette",
        published=date(2025, 3, 11),
    )


def _analysis(article: Article) -> Analysis:
    body = article.body
    start = body.index("We will")
    said = Span("We will not raise them again", start, start + 28, 1)
    return Analysis(
        article_id=article.id,
        entities=(Entity("ilse brandt", "Ilse Brandt", "PERSON", (Span("Ilse Brandt", 0, 1),)),),
        quotes=(Quote(said, "direct", speaker=Span("Brandt", 0, 1), speaker_name="Ilse Brandt"),),
        times=(TimeRef(Span("Tuesday", 1, 2), date(2025, 3, 11), date(2025, 3, 11)),),
        model="en_core_web_sm-test",
    )


def test_a_part_holds_every_table_of_its_articles(tmp_path: Path) -> None:
    articles = [_article(n) for n in range(3)]
    name = write_analyses(tmp_path, articles, [_analysis(a) for a in articles])
    assert name == part_name([a.id for a in articles])
    frame = pd.read_parquet(tmp_path / "articles")
    assert sorted(frame["article_id"]) == sorted(a.id for a in articles)
    assert "Mayor Ilse Brandt said on Tuesday" in frame["body"][0]
    quotes = pd.read_parquet(tmp_path / "quotes")
    assert set(quotes["speaker_name"]) == {"Ilse Brandt"}
    body = articles[0].body
    row = quotes[quotes["article_id"] == articles[0].id].iloc[0]
    assert body[row["start"] : row["end"]] == row["content"]
    times = pd.read_parquet(tmp_path / "times")
    assert list(times["date_start"].astype(str)) == ["2025-03-11"] * 3


def test_a_part_written_again_replaces_itself(tmp_path: Path) -> None:
    articles = [_article(n) for n in range(2)]
    analyses = [_analysis(a) for a in articles]
    write_analyses(tmp_path, articles, analyses)
    write_analyses(tmp_path, articles, analyses)  # a task retried after its worker died
    assert len(pd.read_parquet(tmp_path / "articles")) == 2


def test_parts_the_store_never_saved_are_pruned(store: SQLiteStore, tmp_path: Path) -> None:
    saved, lost = [_article(n) for n in range(2)], [_article(n) for n in range(2, 4)]
    store.add_articles(saved + lost)
    store.save_analyses([_analysis(a) for a in saved])
    write_analyses(tmp_path, saved, [_analysis(a) for a in saved])
    write_analyses(tmp_path, lost, [_analysis(a) for a in lost])
    (tmp_path / "articles" / ".part-x.parquet.tmp").write_bytes(b"cut short")
    assert prune_orphans(tmp_path, store) == 1
    assert sorted(pd.read_parquet(tmp_path / "articles")["article_id"]) == sorted(
        a.id for a in saved
    )
    assert len(pd.read_parquet(tmp_path / "quotes")) == 2
    assert not list(tmp_path.glob("*/.*.tmp"))


def test_export_writes_every_analysed_article_and_story(store: SQLiteStore, tmp_path: Path) -> None:
    articles = [_article(n) for n in range(5)]
    store.add_articles(articles)
    store.save_analyses([_analysis(a) for a in articles[:4]])
    story = Story("s1", "Ferry fares", tuple(a.id for a in articles[:2]), ("Harbour Gazette",))
    store.save_stories([story])
    counts = export_parquet(store, tmp_path / "out", part_size=3)
    assert counts["articles"] == 4 and counts["quotes"] == 4 and counts["story_articles"] == 2
    assert len(list((tmp_path / "out" / "articles").glob("part-*.parquet"))) == 2
    members = pd.read_parquet(tmp_path / "out" / "story_articles")
    assert set(members["story_id"]) == {"s1"}
    # Exporting again replaces the dataset rather than adding to it.
    export_parquet(store, tmp_path / "out")
    assert len(pd.read_parquet(tmp_path / "out" / "articles")) == 4


def test_story_tables_are_rewritten_whole(tmp_path: Path) -> None:
    write_stories(tmp_path, [Story("s1", "one", ("a", "b")), Story("s2", "two", ("c",))])
    write_stories(tmp_path, [Story("s1", "one", ("a", "b", "c"))])
    members = pd.read_parquet(tmp_path / "story_articles")
    assert sorted(members["article_id"]) == ["a", "b", "c"]
    assert set(members["story_id"]) == {"s1"}


def test_a_file_in_place_of_the_dataset_folder_is_a_clear_error(
    store: SQLiteStore, tmp_path: Path
) -> None:
    target = tmp_path / "taken"
    target.write_text("not a folder")
    with pytest.raises(StoreError, match="is a file; give a folder"):
        export_parquet(store, target)
