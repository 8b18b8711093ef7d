"""Story records from the clusterer's state and the stored articles, and queries over stories.

`build_stories` turns the clusterer's view of a story (its members, duplicates, key terms)
into the `Story` record the store keeps: label, outlets, date range, copies, inferred dates.
`find_stories` and `story_detail` answer the CLI's `stories` and `story` commands.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from newsprism.model import Story
from newsprism.store.sqlite import SQLiteStore
from newsprism.stories.cluster import StoryClusterer
from newsprism.stories.labels import story_label

_CHUNK = 500  # ids per SQL query (well under SQLite's variable limit)


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What a story listing needs of an article (no body)."""

    id: str
    title: str
    outlet: str
    published: date | None
    url: str | None


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """One article of a story as `newsprism story` shows it."""

    id: str
    title: str
    outlet: str
    published: date | None
    date: date | None
    """The published date, or the inferred one when `inferred`."""
    inferred: bool
    duplicate_of: str | None
    url: str | None


def article_meta(store: SQLiteStore, ids: Iterable[str]) -> dict[str, ArticleMeta]:
    """Titles, outlets, dates and URLs of stored articles, by id."""
    found: dict[str, ArticleMeta] = {}
    id_list = list(ids)
    for start in range(0, len(id_list), _CHUNK):
        chunk = id_list[start : start + _CHUNK]
        rows = store.execute(
            "SELECT id, title, outlet, published, url FROM articles"
            f" WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        for row in rows:
            found[row["id"]] = ArticleMeta(
                row["id"],
                row["title"],
                row["outlet"],
                date.fromisoformat(row["published"]) if row["published"] else None,
                row["url"],
            )
    return found


def build_story(clusterer: StoryClusterer, story_id: str, meta: dict[str, ArticleMeta]) -> Story:
    """The Story record of one of the clusterer's stories."""
    members = [aid for aid in clusterer.story_members(story_id) if aid in meta]
    dated = sorted(d for aid in members if (d := meta[aid].published) is not None)
    inferred_day = _median_day(dated)
    members.sort(key=lambda aid: (meta[aid].published or inferred_day or date.max, aid))
    duplicates = tuple(
        (aid, original) for aid in members if (original := clusterer.duplicate_of(aid))
    )
    originals = [aid for aid in members if clusterer.duplicate_of(aid) is None]
    return Story(
        id=story_id,
        label=story_label([meta[aid].title for aid in originals], clusterer.key_terms(story_id, 6)),
        article_ids=tuple(members),
        outlets=tuple(sorted({meta[aid].outlet for aid in members})),
        first=dated[0] if dated else None,
        last=dated[-1] if dated else None,
        duplicates=duplicates,
        inferred_dates=tuple(
            (aid, inferred_day)
            for aid in members
            if meta[aid].published is None and inferred_day is not None
        ),
    )


def build_stories(
    store: SQLiteStore, clusterer: StoryClusterer, story_ids: Iterable[str]
) -> list[Story]:
    """Story records for these story ids, reading article metadata from the store."""
    wanted = sorted(set(story_ids))
    members = {sid: clusterer.story_members(sid) for sid in wanted}
    meta = article_meta(store, (aid for ids in members.values() for aid in ids))
    return [build_story(clusterer, sid, meta) for sid in wanted]


def _median_day(days: Sequence[date]) -> date | None:
    """The median of dated members: where an undated article of the story most likely falls."""
    if not days:
        return None
    return date.fromordinal(int(statistics.median_low([d.toordinal() for d in days])))


def find_stories(
    store: SQLiteStore,
    sort: str = "size",
    since: date | None = None,
    until: date | None = None,
    outlet: str | None = None,
    person: str | None = None,
    text: str | None = None,
    limit: int | None = None,
) -> list[Story]:
    """Stored stories, biggest or most recent first, filtered as asked.

    `since`/`until` keep stories whose date range meets the period; `outlet` those with an
    article from that outlet; `person` those with an article mentioning the person of that
    name under any of their names (as `newsprism person` finds them); `text` those whose
    label or articles match a full-text search.
    """
    if sort not in {"size", "recent"}:
        raise ValueError("sort must be 'size' or 'recent'")
    allowed: set[str] | None = None
    if person:
        # Imported here: the analyze package loads spaCy, which listing stories does not need.
        from newsprism.analyze.people import person_keys

        keys = person_keys(store, person)
        allowed = {aid for key in keys for aid in store.articles_mentioning(key)}
    matched: set[str] | None = None
    needle = text.casefold() if text else None
    if text:
        matched = {hit.article.id for hit in store.search(text, limit=5000)}
    found: list[Story] = []
    for story in store.iter_stories(order=sort):
        if since and (story.last is None or story.last < since):
            continue
        if until and (story.first is None or story.first > until):
            continue
        if outlet and outlet.casefold() not in {o.casefold() for o in story.outlets}:
            continue
        if allowed is not None and not allowed.intersection(story.article_ids):
            continue
        if matched is not None and needle is not None:
            in_label = needle in story.label.casefold()
            if not in_label and not matched.intersection(story.article_ids):
                continue
        found.append(story)
        if limit is not None and len(found) >= limit:
            break
    return found


def story_detail(store: SQLiteStore, story_id: str) -> tuple[Story, list[StoryArticle]]:
    """A stored story and its articles by outlet then date (copies, inferred dates marked)."""
    story = store.get_story(story_id)
    meta = article_meta(store, story.article_ids)
    copies = dict(story.duplicates)
    inferred = dict(story.inferred_dates)
    rows = []
    for aid in story.article_ids:
        m = meta.get(aid)
        if m is None:
            continue  # deleted since the story was built
        day = m.published or inferred.get(aid)
        rows.append(
            StoryArticle(
                id=aid,
                title=m.title,
                outlet=m.outlet,
                published=m.published,
                date=day,
                inferred=m.published is None and aid in inferred,
                duplicate_of=copies.get(aid),
                url=m.url,
            )
        )
    rows.sort(key=lambda r: (r.outlet.casefold(), r.date or date.max, r.id))
    return story, rows
