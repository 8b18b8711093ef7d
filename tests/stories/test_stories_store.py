"""update_stories / recluster against a real SQLite file, and the stories CLI end to end."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import require_shared
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.model import Article
from newsprism.store.sqlite import SQLiteStore
from newsprism.stories import find_stories, persist, recluster, story_detail, update_stories

_FLOOD = (
    "The Turia river burst its banks near Valencia on Monday, flooding farms and roads. "
    "Emergency crews evacuated villages south of Valencia while rain kept falling over the "
    "region, the regional government of Valencia said. Farmers lost orange harvests, and "
    "the regional government promised aid to every farm and village hit by the flood waters "
    "once the Turia river falls back below its banks later this week."
)
_CHESS = (
    "A fourteen-year-old chess prodigy from Riga won the Latvian national chess "
    "championship on Sunday, beating three grandmasters. The prodigy said the final game "
    "against the defending champion was the hardest of the tournament in Riga."
)


def _articles() -> list[Article]:
    flood = Article.create(
        title="Flood waters rise in Valencia",
        paragraphs=[_FLOOD],
        outlet="Daily One",
        published=date(2024, 10, 28),
    )
    copy = Article.create(
        title="Valencia flood",
        paragraphs=[_FLOOD + " Reporting by a wire agency."],
        outlet="Wire Reprint",
        published=date(2024, 10, 29),
    )
    undated = Article.create(
        title="Valencia villages evacuated as the Turia overflows",
        paragraphs=[
            "Villages south of Valencia were evacuated after the Turia overflowed, the regional "
            "government said. Orange farms and roads around Valencia lay under water as rain "
            "fell and emergency crews worked through the night."
        ],
        outlet="Evening Two",
    )
    chess = Article.create(
        title="Chess prodigy wins Latvian title",
        paragraphs=[_CHESS],
        outlet="Daily One",
        published=date(2024, 11, 3),
    )
    return [flood, copy, undated, chess]


def test_update_stories_places_copies_and_infers_dates(store: SQLiteStore) -> None:
    flood, copy, undated, chess = _articles()
    store.add_articles([flood, copy, undated, chess])
    update_stories(store, [flood.id, chess.id])
    touched = update_stories(store, [copy.id, undated.id])
    assert len(touched) == 1
    story = touched[0]
    assert set(story.article_ids) == {flood.id, copy.id, undated.id}
    assert dict(story.duplicates) == {copy.id: flood.id}
    # the median of its story's dates (the earlier middle one): 28 and 29 October -> 28
    assert dict(story.inferred_dates)[undated.id] == date(2024, 10, 28)
    assert story.first == date(2024, 10, 28) and "Valencia" in story.label
    assert store.story_of(chess.id) != story.id
    assert update_stories(store, [flood.id]) == []  # already placed: nothing touched


def test_state_survives_reopening_the_file(tmp_path: Path) -> None:
    flood, copy, undated, chess = _articles()
    with SQLiteStore(tmp_path / "a.db") as first:
        first.add_articles([flood, chess, copy, undated])
        update_stories(first, [flood.id, chess.id])
    with SQLiteStore(tmp_path / "a.db") as second:
        update_stories(second, [copy.id, undated.id])
        assert second.story_of(copy.id) == second.story_of(flood.id)
        assert second.story_of(undated.id) == second.story_of(flood.id)
        restored = persist.load(second)
        assert restored.n_articles_ == 4 and restored.duplicate_of(copy.id) == flood.id


def test_recluster_rebuilds_the_same_stories(store: SQLiteStore) -> None:
    articles = _articles()
    store.add_articles(articles)
    update_stories(store, [a.id for a in articles])
    before = {a.id: store.story_of(a.id) for a in articles}
    stories = recluster(store)
    assert len(stories) == 2
    assert {a.id: store.story_of(a.id) for a in articles} == before


def test_find_stories_filters_and_story_detail_orders_by_outlet(store: SQLiteStore) -> None:
    articles = _articles()
    store.add_articles(articles)
    update_stories(store, [a.id for a in articles])
    assert [s.size for s in find_stories(store)] == [3, 1]
    assert [s.size for s in find_stories(store, outlets=["evening two"])] == [3]
    assert [s.size for s in find_stories(store, text="prodigy")] == [1]
    assert find_stories(store, since=date(2024, 11, 1))[0].size == 1
    assert find_stories(store, until=date(2024, 10, 1)) == []
    story, rows = story_detail(store, store.story_of(articles[0].id) or "")
    assert story.size == 3
    assert [r.outlet for r in rows] == ["Daily One", "Evening Two", "Wire Reprint"]
    assert [r.inferred for r in rows] == [False, True, False]
    assert rows[2].duplicate_of == articles[0].id


def test_the_sample_reports_form_one_story_in_the_store(store: SQLiteStore) -> None:
    base = require_shared("samples")
    texts = []
    for name in ("000_e63656aad12f7183.txt", "003_7962d71c0f30091b.txt"):
        texts.append([x.strip() for x in (base / name).read_text().splitlines() if x.strip()])
    a = Article.create(
        title=texts[0][0], paragraphs=texts[0][3:], outlet="newsweek", published=date(2022, 3, 2)
    )
    b = Article.create(title=texts[1][1], paragraphs=texts[1][2:], outlet="express")
    store.add_articles([a, b])
    (story,) = update_stories(store, [a.id, b.id])
    assert story.outlets == ("express", "newsweek")
    assert dict(story.inferred_dates) == {b.id: date(2022, 3, 2)}


@pytest.mark.parametrize(
    "args", [["stories"], ["stories", "--sort", "recent"], ["stories", "--outlet", "Daily One"]]
)
def test_cli_lists_stories_as_json(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "cli.db"
    with SQLiteStore(db) as store:
        articles = _articles()
        store.add_articles(articles)
        update_stories(store, [a.id for a in articles])
    result = CliRunner().invoke(app, ["--db", str(db), *args, "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)["stories"]
    assert {s["articles"] for s in listed} == {3, 1}
    assert any(s["duplicates"] == 1 and s["counted"] == 2 for s in listed)


def test_cli_story_marks_copies_and_inferred_dates(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    with SQLiteStore(db) as store:
        articles = _articles()
        store.add_articles(articles)
        update_stories(store, [a.id for a in articles])
        sid = store.story_of(articles[0].id)
    runner = CliRunner()
    shown = runner.invoke(app, ["--db", str(db), "story", str(sid)])
    assert shown.exit_code == 0, shown.output
    assert "copy of" in shown.stdout and "(inferred)" in shown.stdout
    missing = runner.invoke(app, ["--db", str(db), "story", "nosuchstory"])
    assert missing.exit_code == 4
    rebuilt = runner.invoke(app, ["--db", str(db), "recluster", "--json"])
    assert json.loads(rebuilt.stdout)["stories"] == 2
