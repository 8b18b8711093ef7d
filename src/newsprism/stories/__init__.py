"""The stories stage: articles of one event grouped incrementally, near-duplicates linked.

`update_stories` places newly stored articles into stories (never re-clustering the rest) and
saves both the stories and the clusterer's state; `recluster` forgets every story and builds
them again (after settings change). Both place articles oldest first, replay the user's merges
and moves (edits.py), and freeze stories whose time window has passed into the store
(freeze.py), so memory is bounded by the active weeks. `StoryClusterer` is the clusterer.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from newsprism.config import Settings
from newsprism.model import Story
from newsprism.store.sqlite import SQLiteStore
from newsprism.stories import persist
from newsprism.stories.cluster import StoryClusterer
from newsprism.stories.dedup import NearDuplicateIndex
from newsprism.stories.edits import load_edits, merge_stories, move_article, replay, save_touched
from newsprism.stories.freeze import FrozenStories
from newsprism.stories.labels import story_label
from newsprism.stories.query import StoryFilter, find_stories
from newsprism.stories.records import (
    StoryArticle,
    story_detail,
)

log = logging.getLogger(__name__)

BATCH = 2000
"""Articles read and placed per step: bounds memory when clustering a large store."""
_CHUNK = 500  # ids per SQL query (well under SQLite's variable limit)

__all__ = [
    "NearDuplicateIndex",
    "StoryArticle",
    "StoryClusterer",
    "StoryFilter",
    "find_stories",
    "merge_stories",
    "move_article",
    "recluster",
    "story_detail",
    "story_label",
    "update_stories",
]


def update_stories(
    store: SQLiteStore, article_ids: Sequence[str], settings: Settings | None = None
) -> list[Story]:
    """Place these stored articles into stories, save them, and return the stories touched.

    Articles already placed are left where they are; unknown ids are ignored. The clusterer's
    state is read, changed and written back under the store's write lock, so processes
    updating stories at once take turns instead of overwriting each other's state.
    """
    settings = settings or Settings()
    with store.transaction():
        return _update(store, article_ids, settings)


def _update(store: SQLiteStore, article_ids: Sequence[str], settings: Settings) -> list[Story]:
    clusterer = persist.load(store, settings)
    fresh = [aid for aid in dict.fromkeys(article_ids) if aid not in clusterer.article_row_]
    if clusterer.archive is not None:
        frozen = clusterer.archive.story_of(fresh)
        fresh = [aid for aid in fresh if aid not in frozen]
    stories = _run(store, clusterer, _in_date_order(store, fresh))
    if stories:
        persist.save(store, clusterer)
    log.info("placed %d article(s); %d story(ies) touched", len(fresh), len(stories))
    return stories


def recluster(store: SQLiteStore, settings: Settings | None = None) -> list[Story]:
    """Forget every story and cluster all stored articles again, oldest first."""
    settings = settings or Settings()
    with store.transaction():  # the write lock: see update_stories
        store.save_stories([], replace_all=True)
        archive = FrozenStories(store)
        archive.clear()
        clusterer = StoryClusterer.from_settings(settings)
        clusterer.archive = archive
        ids = [row["id"] for row in store.execute("SELECT id FROM articles")]
        stories = _run(store, clusterer, _in_date_order(store, ids))
        persist.save(store, clusterer)
    return stories


def _run(store: SQLiteStore, clusterer: StoryClusterer, ids: Sequence[str]) -> list[Story]:
    """Place stored articles in batches, oldest first; after each batch, replay the user's
    edits, save the stories it touched and freeze those whose window has passed (freeze.py),
    so memory follows the batch's weeks, not the corpus. Returns the stories touched."""
    edits = load_edits(store)
    saved: dict[str, Story] = {}
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        merged_before = set(clusterer.merged_away_())
        articles = list(store.iter_articles(ids=chunk))
        analyses = [store.get_analysis(article.id) for article in articles]
        last = start + BATCH >= len(ids)  # the run ends with its stories re-clustered
        touched = set(clusterer.add(articles, analyses, refine=True if last else None))
        # Stories the re-clustering took articles from must be saved too.
        touched.update(clusterer.changed_story_ids())
        touched |= replay(clusterer, edits, placed=chunk)  # the user's corrections stay final
        saved.update((s.id, s) for s in save_touched(store, clusterer, touched, merged_before))
        clusterer.freeze(clusterer.passed_story_ids())
    alive = _existing(store, list(saved))  # some were merged into others since
    return [saved[sid] for sid in sorted(alive)]


def _in_date_order(store: SQLiteStore, ids: Sequence[str]) -> list[str]:
    """These stored articles oldest first, undated last (each in the order given)."""
    published: dict[str, str] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        rows = store.execute(
            f"SELECT id, published FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        published.update((row["id"], row["published"]) for row in rows if row["published"])
    order = {aid: i for i, aid in enumerate(ids)}
    return sorted(ids, key=lambda aid: (aid not in published, published.get(aid, ""), order[aid]))


def _existing(store: SQLiteStore, story_ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(story_ids), _CHUNK):
        chunk = story_ids[start : start + _CHUNK]
        rows = store.execute(
            f"SELECT id FROM stories WHERE id IN ({','.join('?' * len(chunk))})", chunk
        )
        found.update(row["id"] for row in rows)
    return found
