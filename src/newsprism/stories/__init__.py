"""The stories stage: articles of one event grouped incrementally, near-duplicates linked.

`update_stories` places newly stored articles into stories (never re-clustering the rest) and
saves both the stories and the clusterer's state; `recluster` forgets every story and builds
them again (after settings change). Both replay the user's merges and moves (edits.py).
`StoryClusterer` is the in-memory clusterer underneath.
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
from newsprism.stories.labels import story_label
from newsprism.stories.query import StoryFilter, find_stories
from newsprism.stories.records import (
    StoryArticle,
    build_stories,
    story_detail,
)

log = logging.getLogger(__name__)

BATCH = 2000
"""Articles read and placed per step: bounds memory when clustering a large store."""

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
    merged_before = set(clusterer.merged_away_())
    fresh = [aid for aid in dict.fromkeys(article_ids) if aid not in clusterer.article_row_]
    touched = _place(store, clusterer, fresh)
    if not touched:
        return []
    touched |= replay(clusterer, load_edits(store))  # the user's corrections stay final
    stories = save_touched(store, clusterer, touched, merged_before)
    persist.save(store, clusterer)
    log.info("placed %d article(s); %d story(ies) touched", len(fresh), len(stories))
    return stories


def recluster(store: SQLiteStore, settings: Settings | None = None) -> list[Story]:
    """Forget every story and cluster all stored articles again, oldest first."""
    settings = settings or Settings()
    with store.transaction():  # the write lock: see update_stories
        clusterer = StoryClusterer.from_settings(settings)
        ids = [
            row["id"]
            for row in store.execute(
                "SELECT id FROM articles ORDER BY published IS NULL, published, rowid"
            )
        ]
        _place(store, clusterer, ids)
        replay(clusterer, load_edits(store))
        stories = build_stories(store, clusterer, clusterer.story_ids())
        store.save_stories(stories, replace_all=True)
        persist.save(store, clusterer)
    return stories


def _place(store: SQLiteStore, clusterer: StoryClusterer, ids: Sequence[str]) -> set[str]:
    """Add stored articles (and their analyses) to the clusterer in batches; story ids touched."""
    touched: set[str] = set()
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        articles = list(store.iter_articles(ids=chunk))
        analyses = [store.get_analysis(article.id) for article in articles]
        touched.update(clusterer.add(articles, analyses))
        # Stories the re-clustering took articles from must be saved too.
        touched.update(clusterer.changed_story_ids())
    return touched
