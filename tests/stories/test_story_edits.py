"""A user's merges and moves: applied to the stored stories and kept when stories update."""

from __future__ import annotations

import pytest

from newsprism.errors import EditError
from newsprism.model import Article
from newsprism.store.sqlite import SQLiteStore
from newsprism.stories import merge_stories, move_article, recluster, update_stories

# Short reports written for these tests: two unrelated events, two outlets each.
_FLOOD = [
    (
        "Flood waters rise in Valencia as river bursts its banks",
        "The Turia river burst its banks near Valencia on Monday, flooding farms and roads. "
        "Emergency crews evacuated villages south of Valencia while rain kept falling.",
    ),
    (
        "Valencia floods: villages evacuated after the Turia overflows",
        "Villages south of Valencia were evacuated after the Turia overflowed, the regional "
        "government said. Orange farms and roads around Valencia lay under water.",
    ),
]
_CHESS = [
    (
        "Chess prodigy wins national title at fourteen",
        "A fourteen-year-old chess prodigy from Riga won the Latvian national chess "
        "championship on Sunday, beating three grandmasters in the final rounds.",
    ),
    (
        "Riga teenager takes Latvian chess crown",
        "A Riga teenager of fourteen is the new Latvian chess champion after beating three "
        "grandmasters; the prodigy called the final game the hardest of the championship.",
    ),
]
_LATE_CHESS = (
    "Latvian chess champion, fourteen, returns to Riga school",
    "The fourteen-year-old Latvian chess champion from Riga went back to school on Monday, "
    "a day after beating three grandmasters to take the national chess title.",
)


def _articles(pairs: list[tuple[str, str]], outlets: tuple[str, ...]) -> list[Article]:
    return [
        Article.create(title=title, paragraphs=[body], outlet=outlet)
        for (title, body), outlet in zip(pairs, outlets, strict=True)
    ]


def _ingest(store: SQLiteStore, articles: list[Article]) -> None:
    store.add_articles(articles)
    update_stories(store, [a.id for a in articles])


def _story_of(store: SQLiteStore, article: Article) -> str:
    story_id = store.story_of(article.id)
    assert story_id is not None
    return story_id


@pytest.fixture
def two_stories(store: SQLiteStore) -> tuple[list[Article], list[Article]]:
    flood = _articles(_FLOOD, ("Daily", "Herald"))
    chess = _articles(_CHESS, ("Daily", "Herald"))
    _ingest(store, flood + chess)
    assert _story_of(store, flood[0]) == _story_of(store, flood[1])
    assert _story_of(store, chess[0]) != _story_of(store, flood[0])
    return flood, chess


def test_merging_two_stories_leaves_one_story_with_all_their_articles(
    store: SQLiteStore, two_stories: tuple[list[Article], list[Article]]
) -> None:
    flood, chess = two_stories
    merged = merge_stories(store, _story_of(store, flood[0]), _story_of(store, chess[0]))
    assert set(merged.article_ids) == {a.id for a in flood + chess}
    assert [s.id for s in store.iter_stories()] == [merged.id]


def test_a_merge_is_kept_when_new_articles_arrive_and_after_recluster(
    store: SQLiteStore, two_stories: tuple[list[Article], list[Article]]
) -> None:
    flood, chess = two_stories
    merge_stories(store, _story_of(store, flood[0]), _story_of(store, chess[0]))
    late = Article.create(title=_LATE_CHESS[0], paragraphs=[_LATE_CHESS[1]], outlet="Courier")
    _ingest(store, [late])
    assert len({_story_of(store, a) for a in [*flood, *chess, late]}) == 1
    recluster(store)
    assert len({_story_of(store, a) for a in [*flood, *chess]}) == 1
    assert len(list(store.iter_stories())) == 1


def test_moving_an_article_puts_it_in_the_target_story_and_keeps_it_there(
    store: SQLiteStore, two_stories: tuple[list[Article], list[Article]]
) -> None:
    flood, chess = two_stories
    target = _story_of(store, flood[0])
    story = move_article(store, chess[1].id, target)
    assert chess[1].id in story.article_ids
    assert chess[1].id not in store.get_story(_story_of(store, chess[0])).article_ids
    assert chess[1].outlet in store.get_story(story.id).outlets
    late = Article.create(title=_LATE_CHESS[0], paragraphs=[_LATE_CHESS[1]], outlet="Courier")
    _ingest(store, [late])
    recluster(store)
    assert _story_of(store, chess[1]) == _story_of(store, flood[0])
    assert _story_of(store, chess[0]) != _story_of(store, flood[0])


def test_moving_the_only_article_of_a_story_removes_that_story(store: SQLiteStore) -> None:
    flood = _articles(_FLOOD, ("Daily", "Herald"))
    lone = Article.create(title=_CHESS[0][0], paragraphs=[_CHESS[0][1]], outlet="Courier")
    _ingest(store, [*flood, lone])
    lone_story = _story_of(store, lone)
    move_article(store, lone.id, _story_of(store, flood[0]))
    assert lone_story not in {s.id for s in store.iter_stories()}
    assert len(list(store.iter_stories())) == 1


def test_merging_a_story_with_itself_or_moving_into_its_own_story_is_refused(
    store: SQLiteStore, two_stories: tuple[list[Article], list[Article]]
) -> None:
    flood, _ = two_stories
    story_id = _story_of(store, flood[0])
    with pytest.raises(EditError, match="itself"):
        merge_stories(store, story_id, story_id)
    with pytest.raises(EditError, match="already in story"):
        move_article(store, flood[1].id, story_id)
