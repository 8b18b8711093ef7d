"""Freezing: stories whose window has passed leave memory for the store and come back for late
articles, user edits and `recluster`; on real PolNeAR articles the stories are the in-memory
ones."""

from __future__ import annotations

import csv
import sqlite3
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import require_shared

from newsprism.model import Article
from newsprism.store.migrations import MIGRATIONS, m009_frozen_terms_by_date
from newsprism.store.sqlite import SQLiteStore
from newsprism.stories import (
    StoryClusterer,
    merge_stories,
    persist,
    recluster,
    update_stories,
)
from newsprism.stories.freeze import FrozenStories, reach_days

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

# Three events written for these tests, each told by three outlets in their own words.
_EVENTS = {
    "flood": [
        "The Turia river burst its banks near Valencia, flooding orange farms and roads while "
        "emergency crews evacuated villages south of Valencia through the night.",
        "Villages south of Valencia were evacuated after the Turia overflowed; orange farms "
        "and roads around Valencia lay under water as emergency crews worked on.",
        "Emergency crews kept evacuating Valencia's southern villages as the Turia flood "
        "covered orange farms, and the regional government promised aid to farmers.",
    ],
    "chess": [
        "A fourteen-year-old prodigy from Riga won the Latvian chess championship, beating "
        "three grandmasters and the defending champion in the final game.",
        "The Latvian chess championship in Riga went to a fourteen-year-old prodigy who beat "
        "the defending champion; grandmasters praised the teenager's tournament.",
        "Riga's teenage chess prodigy took the national championship after wins over three "
        "grandmasters, the youngest Latvian champion in the tournament's history.",
    ],
    "strike": [
        "Dock workers in Rotterdam walked out over pay, leaving container ships waiting at "
        "anchor as the port's unions rejected the employers' latest wage offer.",
        "Rotterdam's port stood still as dock workers struck over wages; unions said the "
        "employers' offer left container crews behind inflation.",
        "Container ships queued outside Rotterdam while the dock workers' strike over pay "
        "went on, and port employers called the unions back to talks.",
    ],
}
_START = date(2025, 1, 6)


def _article(event: str, n: int, day: date) -> Article:
    text = _EVENTS[event][n % 3] + (f" A later report, the {n}th." if n >= 3 else "")
    return Article.create(
        title=text.split(",")[0], paragraphs=[text], outlet=f"outlet{n}", published=day
    )


def _reports(event: str, day: date, copies: int = 3) -> list[Article]:
    return [_article(event, n, day + timedelta(days=n % 2)) for n in range(copies)]


def _frozen_clusterer(store: SQLiteStore) -> StoryClusterer:
    clusterer = StoryClusterer()
    clusterer.archive = FrozenStories(store)
    return clusterer


def _add_and_freeze(clusterer: StoryClusterer, articles: list[Article]) -> list[str]:
    ids = clusterer.add(articles)
    clusterer.freeze(clusterer.passed_story_ids())
    return ids


def test_the_reach_is_the_day_from_which_no_article_can_join() -> None:
    # 0.21 and 7 as shipped: e^-(gap/7) < 0.21 past 7 × ln(1/0.21) ≈ 10.9 days beyond the window.
    assert reach_days(0.21, 7) == pytest.approx(17.92, abs=0.01)
    assert reach_days(0.0, 7) == float("inf")  # a threshold of 0: nothing ever freezes


def test_a_story_whose_window_has_passed_leaves_memory_and_keeps_its_id(
    store: SQLiteStore,
) -> None:
    clusterer = _frozen_clusterer(store)
    flood_ids = _add_and_freeze(clusterer, _reports("flood", _START))
    assert len(set(flood_ids)) == 1
    chess_ids = _add_and_freeze(clusterer, _reports("chess", _START + timedelta(days=60)))

    assert clusterer.n_articles_ == 3, "only the chess reports are still in memory"
    assert set(FrozenStories(store).article_ids()) == {a.id for a in _reports("flood", _START)}
    assert flood_ids[0] not in clusterer.story_ids()
    # Adding a frozen article again is harmless: it is in its story already.
    again = clusterer.add(_reports("flood", _START)[:1])
    assert again == flood_ids[:1]
    assert clusterer.n_articles_ == 3
    assert set(chess_ids) != set(flood_ids)


def test_a_late_article_joins_its_frozen_story_as_it_would_in_memory(store: SQLiteStore) -> None:
    stream = [
        _reports("flood", _START)[:2],
        _reports("chess", _START + timedelta(days=40)),
        _reports("strike", _START + timedelta(days=80)),
        [_article("flood", 2, _START + timedelta(days=3))],  # 77 days late
    ]
    frozen, in_memory = _frozen_clusterer(store), StoryClusterer()
    for batch in stream:
        _add_and_freeze(frozen, batch)
        in_memory.add(batch)
    late = stream[-1][0]
    first_flood = stream[0][0]

    assert (
        frozen.story_id(late.id) == in_memory.story_id(late.id) == frozen.story_id(first_flood.id)
    ), "the late report joined the thawed flood story"
    # Thawed for the late article; frozen again once placed (its window is still passed).
    assert frozen.passed_story_ids() == []
    assert FrozenStories(store).story_of([late.id, first_flood.id]) == {
        late.id: in_memory.story_id(first_flood.id),
        first_flood.id: in_memory.story_id(first_flood.id),
    }


def test_stories_frozen_before_migration_9_are_still_found_by_late_articles(
    tmp_path: Path,
) -> None:
    """Migration m009 puts each frozen story's last date beside its terms (the late look-up reads
    by term and date): stories frozen before it must still be found."""
    clusterer = _frozen_clusterer(SQLiteStore(tmp_path / "new.db"))
    for batch in (
        _reports("flood", _START)[:2],
        _reports("chess", _START + timedelta(days=40)),
        _reports("strike", _START + timedelta(days=80)),
    ):
        _add_and_freeze(clusterer, batch)
    assert clusterer.archive is not None
    new = clusterer.archive.store
    tables = {
        name: [tuple(row) for row in new.execute(f"SELECT {columns} FROM {name}")]
        for name, columns in (
            ("frozen_stories", "story_id, first, last, data"),
            ("frozen_articles", "article_id, story_id"),
            ("frozen_terms", "term, story_id"),  # as migration m007 made them
        )
    }
    old_path = tmp_path / "old.db"
    db = sqlite3.connect(old_path)
    before = MIGRATIONS.index(m009_frozen_terms_by_date)
    for migration in MIGRATIONS[:before]:
        migration(db)
    db.execute(f"PRAGMA user_version = {before}")
    for name, rows in tables.items():
        db.executemany(f"INSERT INTO {name} VALUES ({','.join('?' * len(rows[0]))})", rows)
    db.commit()
    db.close()

    clusterer.archive = FrozenStories(SQLiteStore(old_path))  # migrated on opening
    late = _article("flood", 2, _START + timedelta(days=3))
    first_flood = _reports("flood", _START)[0]
    [story] = clusterer.add([late])
    assert story == clusterer.story_id(first_flood.id), "the late report found the flood story"


def test_an_undated_article_finds_its_frozen_story_by_its_words(store: SQLiteStore) -> None:
    clusterer = _frozen_clusterer(store)
    [flood, *_] = _add_and_freeze(clusterer, _reports("flood", _START))
    _add_and_freeze(clusterer, _reports("chess", _START + timedelta(days=200)))
    undated = Article.create(
        title="Turia flood",
        paragraphs=[_EVENTS["flood"][0] + " Orange farmers counted their losses."],
        outlet="outlet9",
    )
    assert flood not in clusterer.story_ids(), "the flood story is frozen"

    assert _add_and_freeze(clusterer, [undated]) == [flood]
    assert clusterer.story_id(undated.id) == flood


def test_a_merged_away_id_taken_by_a_new_story_meanwhile_does_not_break_thaw_and_freeze(
    store: SQLiteStore,
) -> None:
    # Regression (1M grown articles): a story merged into another was frozen with it; its
    # seed had moved to a third story, which a re-clustering split, naming a new story after
    # that seed, so with the same id. Thawing the first story then gave one id to two stories,
    # and freezing both failed with a KeyError.
    clusterer = _frozen_clusterer(store)
    [flood, *_] = clusterer.add(_reports("flood", _START))
    [chess, *_] = clusterer.add(_reports("chess", _START + timedelta(days=1)))
    clusterer._merge(clusterer._story_number(flood), clusterer._story_number(chess))
    clusterer.freeze([flood])
    [strike, *_] = clusterer.add(_reports("strike", _START + timedelta(days=2)))
    namesake = clusterer._blank_story(
        clusterer.article_row_[_reports("strike", _START)[0].id], key=chess
    )
    clusterer._fill(namesake, [])

    clusterer.thaw_holding([_reports("flood", _START)[0].id])
    assert clusterer.resolve(chess) == chess, "the id stays with the new story"
    assert clusterer.freeze([flood, chess, strike]) == 3
    assert clusterer.n_articles_ == 0


def test_update_stories_freezes_into_the_store_and_keeps_every_article_once(
    tmp_path: Path,
) -> None:
    with SQLiteStore(tmp_path / "news.db") as store:
        events = [("flood", 0), ("chess", 45), ("strike", 90)]
        for event, offset in events:
            articles = _reports(event, _START + timedelta(days=offset))
            store.add_articles(articles)
            update_stories(store, [a.id for a in articles])
        clusterer = persist.load(store)
        held = set(clusterer.article_row_)
        frozen = FrozenStories(store).article_ids()
        every = {row["id"] for row in store.execute("SELECT id FROM articles")}
        listed = [aid for story in store.iter_stories() for aid in story.article_ids]

        assert len(held) == 3, "the saved state holds the last event only"
        assert held | frozen == every and not held & frozen
        assert sorted(listed) == sorted(every)
        assert store.execute("SELECT count(*) FROM stories").fetchone()[0] == 3

        late = _article("flood", 5, _START + timedelta(days=2))
        store.add_articles([late])
        [touched] = update_stories(store, [late.id])
        flood = store.story_of(_reports("flood", _START)[0].id)
        assert touched.id == flood
        assert late.id in store.get_story(flood).article_ids


def test_a_merge_of_two_frozen_stories_is_kept_by_updates_and_recluster(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "news.db") as store:
        for event, offset in [("flood", 0), ("chess", 1), ("strike", 60)]:
            articles = _reports(event, _START + timedelta(days=offset))
            store.add_articles(articles)
            update_stories(store, [a.id for a in articles])
        flood = store.story_of(_reports("flood", _START)[0].id)
        chess = store.story_of(_reports("chess", _START + timedelta(days=1))[0].id)
        assert flood and chess and flood != chess
        assert {flood, chess} <= {
            row["story_id"] for row in store.execute("SELECT story_id FROM frozen_stories")
        }

        merged = merge_stories(store, flood, chess)
        assert len(merged.article_ids) == 6

        later = [_article("strike", n, _START + timedelta(days=61)) for n in (3, 4, 5)]
        store.add_articles(later)
        update_stories(store, [a.id for a in later])
        assert len(store.get_story(merged.id).article_ids) == 6

        rebuilt = recluster(store)
        sizes = sorted(len(s.article_ids) for s in rebuilt)
        assert sizes == [6, 6], "the merge survives recluster; the strike is one story"
        assert FrozenStories(store).article_ids(), "recluster froze the passed stories again"


def _polnear() -> list[Article]:
    base = require_shared("datasets", "polnear")
    with (base / "metadata.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    articles = []
    for row in rows:
        path = base / row["compartment"] / "text" / f"{row['filename']}.txt"
        if not path.exists() or not row["publication_date"]:
            continue
        articles.append(
            Article.create(
                title=row["title"],
                paragraphs=[p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()],
                outlet=row["publisher"],
                published=date.fromisoformat(row["publication_date"]),
            )
        )
    return articles


def test_real_polnear_stories_come_out_as_in_memory_with_late_articles(tmp_path: Path) -> None:
    from stories import bcubed

    articles = sorted(_polnear(), key=lambda a: (a.published, a.id))
    assert len(articles) > 800
    # One in ten arrives at the end, weeks or months late, as a late feed would.
    stream = [a for i, a in enumerate(articles) if i % 10] + articles[::10]
    with SQLiteStore(tmp_path / "frozen.db") as store:
        frozen, in_memory = _frozen_clusterer(store), StoryClusterer()
        most_held = 0
        for start in range(0, len(stream), 50):
            _add_and_freeze(frozen, stream[start : start + 50])
            in_memory.add(stream[start : start + 50])
            most_held = max(most_held, frozen.n_articles_)
        frozen_ids = {a.id: frozen.story_id(a.id) for a in stream}
    ids = [a.id for a in articles]
    _, _, f1 = bcubed([frozen_ids[i] for i in ids], [in_memory.story_id(i) for i in ids])

    assert f1 >= 0.99
    assert most_held < len(articles) / 2, "freezing bounded what was held"
