"""A user's corrections to stories: merge two stories, move an article to another story.

Clustering is automatic, so a user's correction must survive it: every edit is recorded in the
store's `story_edits` table by article ids (story ids change as stories grow and split) and is
replayed, in order, on the clusterer each time stories are updated or rebuilt. A merge says
"the story holding article A and the story holding article B are one"; a move says "article X
belongs to the story holding article T". Replaying an edit that already holds changes nothing.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timezone

from newsprism.config import Settings
from newsprism.errors import EditError
from newsprism.model import Story
from newsprism.store.sqlite import SQLiteStore
from newsprism.stories import persist
from newsprism.stories.cluster import StoryClusterer
from newsprism.stories.records import build_stories


@dataclass(frozen=True, slots=True)
class StoryEdit:
    """One recorded correction."""

    kind: str
    """"merge" or "move"."""
    article_id: str
    """merge: an article of the story merged away; move: the article moved."""
    target_id: str
    """An article of the story that receives it."""


def load_edits(store: SQLiteStore) -> list[StoryEdit]:
    """Every recorded edit, oldest first."""
    rows = store.execute("SELECT kind, article_id, target_id FROM story_edits ORDER BY id")
    return [StoryEdit(row["kind"], row["article_id"], row["target_id"]) for row in rows]


def merge_stories(
    store: SQLiteStore, keep_id: str, other_id: str, settings: Settings | None = None
) -> Story:
    """Merge the story `other_id` into `keep_id` (ids or unique prefixes); returns the result.

    The merge is recorded, so later updates and `recluster` keep the two together.
    """
    keep, other = store.get_story(keep_id), store.get_story(other_id)
    if keep.id == other.id:
        raise EditError(f"Cannot merge story {keep.id} with itself: choose another story.")
    return _record(store, StoryEdit("merge", other.article_ids[0], keep.article_ids[0]), settings)


def move_article(
    store: SQLiteStore, article_id: str, story_id: str, settings: Settings | None = None
) -> Story:
    """Move an article (and its near-duplicate copies) into another story; returns that story.

    The move is recorded, so later updates and `recluster` keep the article there.
    """
    article = store.get_article(article_id)
    target = store.get_story(story_id)
    if store.story_of(article.id) is None:
        raise EditError(f"Article {article.id} is in no story yet: run `newsprism ingest` first.")
    if article.id in target.article_ids:
        raise EditError(f"Article {article.id} is already in story {target.id}.")
    anchor = next(aid for aid in target.article_ids if aid != article.id)
    return _record(store, StoryEdit("move", article.id, anchor), settings)


def _record(store: SQLiteStore, edit: StoryEdit, settings: Settings | None) -> Story:
    """Record an edit and apply it to the stored stories under one write lock."""
    with store.transaction() as db:
        db.execute(
            "INSERT INTO story_edits (kind, article_id, target_id, created_at) VALUES (?, ?, ?, ?)",
            (
                edit.kind,
                edit.article_id,
                edit.target_id,
                datetime.now(timezone.utc).isoformat(timespec="seconds"),
            ),
        )
        clusterer = persist.load(store, settings)
        clusterer.thaw_holding([edit.article_id, edit.target_id])
        if not {edit.article_id, edit.target_id} <= clusterer.article_row_.keys():
            raise EditError(
                "These stories were not built by newsprism's clustering, so a correction"
                " could not be kept: run `newsprism recluster` first."
            )
        merged_before = set(clusterer.merged_away_())
        touched = replay(clusterer, [edit])
        save_touched(store, clusterer, touched, merged_before)
        story = store.get_story(clusterer.story_id(edit.target_id))
        clusterer.freeze(clusterer.passed_story_ids())
        persist.save(store, clusterer)
        return story


def save_touched(
    store: SQLiteStore, clusterer: StoryClusterer, touched: set[str], merged_before: set[str]
) -> list[Story]:
    """Rebuild and save the stories `touched` names; forget stories merged away since
    `merged_before` (or left empty)."""
    merged = {old for old in clusterer.merged_away_() if old not in merged_before}
    current = {clusterer.resolve(sid) for sid in touched | merged}
    stories = [s for s in build_stories(store, clusterer, current) if s.article_ids]
    gone = merged | {sid for sid in current if sid not in {s.id for s in stories}}
    if gone:
        store.delete_stories(gone)
    store.save_stories(stories)
    return stories


def replay(
    clusterer: StoryClusterer, edits: list[StoryEdit], placed: Collection[str] = ()
) -> set[str]:
    """Apply edits to the clusterer in order; ids of the stories they changed.

    Edits naming an article just `placed` bring the other article's story back from the
    frozen ones first; other edits naming an article the clusterer does not hold (frozen with
    the edit applied, or deleted) are passed over.
    """
    if placed:
        placed = set(placed)
        needed = [e for e in edits if e.article_id in placed or e.target_id in placed]
        clusterer.thaw_holding([aid for e in needed for aid in (e.article_id, e.target_id)])
    touched: set[str] = set()
    for edit in edits:
        if edit.article_id not in clusterer.article_row_:
            continue
        if edit.target_id not in clusterer.article_row_:
            continue
        source = clusterer.story_id(edit.article_id)
        target = clusterer.story_id(edit.target_id)
        if source == target:
            continue
        touched.update((source, target))
        if edit.kind == "merge":
            clusterer._merge(clusterer._story_number(target), clusterer._story_number(source))
        else:
            _move(clusterer, edit.article_id, target)
    return touched


def _move(clusterer: StoryClusterer, article_id: str, target: str) -> None:
    """Move an article and its copies into the story `target`, rebuilding both centroids.

    Uses the clusterer's own bookkeeping (`_fill`, as its re-clustering does); a story left
    empty lives on as merged into the target, like a story merged away.
    """
    c = clusterer
    row = c.article_row_[article_id]
    old, new = c._find(c.article_story_[row]), c._story_number(target)
    moving = [r for r in c.members_[old] if c._original(r) == row or r == row]
    rest = [r for r in c.members_[old] if r not in moving]
    if rest:
        if c.seed_[old] not in rest:  # the story's seed must stay among its members
            c.seed_[old] = min(rest)
        c._fill(old, rest)
    else:
        c.parent_[old] = new
        c.members_[old] = []
    c._fill(new, sorted(c.members_[new] + moving))
