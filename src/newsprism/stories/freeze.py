"""Freezing: stories whose time window has passed leave the clusterer's memory for the store.

A dated article scores against a story at most its cosine (at most 1) times e^-(gap/window),
where gap counts the days beyond the story's dates widened by the window, and it joins only
from `threshold`; so no article dated more than `window × (1 + ln(1/threshold))` days after a
story's last date can join it (18 days with the shipped 0.21 and 7: the story's *reach*), and
two stories are merged or re-clustered together only when their dates come within a window of
each other. Once the newest date placed (the clusterer's clock) is past a story's last date by
its reach plus a window, the story is frozen: its centroid, index entries, member vectors and
MinHash signatures leave memory and go to the store's `frozen_stories` table (its articles to
`frozen_articles`, its index terms to `frozen_terms`), so memory follows the articles of the
last few weeks, not the corpus.

A late article (dated more than a window before the clock) thaws first the frozen stories it
could have as candidates: of those filed under one of the terms it looks up in the index and
dated within a reach of it, the `max_candidates` filed under most of those terms (the index
offers it no others). They are read back and put into the index as they were, so the article
is placed as if they had never left; they freeze again once the clock has passed them. An
undated article is scored without time, so it thaws the `max_candidates` frozen stories filed
under most of its lookup terms, whatever their dates, as the in-memory index would offer them.

What freezing changes against keeping everything in memory (bench/cluster_scale.py measures
it): a frozen story no longer merges with an active story that has run on since within a
window of it (nor with a story a late article joins, unless that article looked it up too),
and a copy of a frozen article arriving later is clustered by its words instead of joining its
original's story.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from newsprism.model import Article
from newsprism.store.sqlite import SQLiteStore
from newsprism.stories.features import top_terms, vectorize

if TYPE_CHECKING:
    from newsprism.stories.cluster import StoryClusterer

_CHUNK = 500  # ids per SQL query (well under SQLite's variable limit)


def reach_days(threshold: float, window_days: int) -> float:
    """Days after a story's last date beyond which no dated article can join it (inf: never
    frozen, for a threshold of 0 or less)."""
    window = max(1, window_days)
    if threshold <= 0:
        return math.inf
    return window * (1.0 + max(0.0, math.log(1.0 / threshold)))


@dataclass(frozen=True, slots=True)
class FrozenStory:
    """One story's learned state out of memory: its articles and named arrays (see `freeze`)."""

    key: str
    first: int
    last: int
    article_ids: tuple[str, ...]
    arrays: dict[str, NDArray[Any]]

    def to_bytes(self) -> bytes:
        """The arrays as raw bytes behind a JSON header (np.savez took 2 ms per story)."""
        arrays = {"ids": text_array("\n".join(self.article_ids)), **self.arrays}
        header = [[name, a.dtype.str, list(a.shape)] for name, a in arrays.items()]
        head = json.dumps(header).encode("utf-8")
        parts = [len(head).to_bytes(4, "little"), head]
        parts.extend(np.ascontiguousarray(a).tobytes() for a in arrays.values())
        return b"".join(parts)

    @classmethod
    def from_bytes(cls, key: str, first: int, last: int, data: bytes) -> FrozenStory:
        size = int.from_bytes(data[:4], "little")
        offset = 4 + size
        arrays: dict[str, NDArray[Any]] = {}
        for name, dtype, shape in json.loads(data[4:offset]):
            kind = np.dtype(dtype)
            if kind.hasobject:
                raise ValueError(f"frozen story {key}: object arrays are never stored")
            count = int(np.prod(shape))
            arrays[name] = np.frombuffer(data, kind, count, offset).reshape(shape).copy()
            offset += count * kind.itemsize
        ids = tuple(split_text(arrays.pop("ids")))
        return cls(key, first, last, ids, arrays)


class FrozenStories:
    """The frozen stories of a store (tables `frozen_stories` and `frozen_articles`).

    Taking a story back (`take_near`, `take_holding`) removes it: a story is either in the
    clusterer's memory or here, never both.
    """

    def __init__(self, store: SQLiteStore) -> None:
        self.store = store

    def put(self, stories: Sequence[FrozenStory]) -> None:
        with self.store.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO frozen_stories (story_id, first, last, data)"
                " VALUES (?, ?, ?, ?)",
                [(s.key, s.first, s.last, s.to_bytes()) for s in stories],
            )
            db.executemany(
                "INSERT OR REPLACE INTO frozen_articles (article_id, story_id) VALUES (?, ?)",
                [(aid, s.key) for s in stories for aid in s.article_ids],
            )
            db.executemany(
                "INSERT OR IGNORE INTO frozen_terms (term, story_id, last) VALUES (?, ?, ?)",
                [(term, s.key, s.last) for s in stories for term in s.arrays["indexed"].tolist()],
            )

    def take_candidates(
        self, lookups: Sequence[tuple[int | None, list[int]]], reach: float, most: int
    ) -> list[FrozenStory]:
        """Take out the frozen stories that could be candidates for articles dated `day` that
        look up `terms`: of those filed under one of the terms with dates within `reach` days,
        the `most` filed under most of them (the clusterer scores only its `most` stories
        sharing most lookup terms, so no other frozen story could be one); for an undated
        article (day None), the same whatever their dates."""
        keys: set[str] = set()
        pad = math.ceil(reach)
        for day, terms in lookups:
            if not terms:
                continue
            marks = ",".join("?" * len(terms))
            if day is None:
                rows = self.store.execute(
                    f"SELECT story_id FROM frozen_terms WHERE term IN ({marks})"
                    " GROUP BY story_id ORDER BY count(*) DESC, story_id LIMIT ?",
                    (*terms, most),
                )
            else:
                # By (term, last): only the stories filed under a term that end within reach
                # (migration m009), however many the archive holds under it. Taking all of
                # them, not the `most`, on days of ~900 articles, thawing and freezing them
                # again took ~40% of the 1M run (py-spy at 100-130k articles).
                rows = self.store.execute(
                    "SELECT t.story_id FROM frozen_terms t JOIN frozen_stories s"
                    f" ON s.story_id = t.story_id WHERE t.term IN ({marks})"
                    " AND t.last >= ? AND s.first <= ?"
                    " GROUP BY t.story_id ORDER BY count(*) DESC, t.story_id LIMIT ?",
                    (*terms, day - pad, day + pad, most),
                )
            keys.update(row["story_id"] for row in rows)
        return self._take(keys)

    def take_holding(self, article_ids: Iterable[str]) -> list[FrozenStory]:
        """Take out the frozen stories that hold any of these articles."""
        return self._take(set(self.story_of(article_ids).values()))

    def story_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """The frozen story id of each of these articles that is in a frozen story."""
        found: dict[str, str] = {}
        ids = list(article_ids)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            rows = self.store.execute(
                "SELECT article_id, story_id FROM frozen_articles"
                f" WHERE article_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            found.update((row["article_id"], row["story_id"]) for row in rows)
        return found

    def article_ids(self) -> set[str]:
        """Every article of a frozen story."""
        return {
            row["article_id"]
            for row in self.store.execute("SELECT article_id FROM frozen_articles")
        }

    def clear(self) -> None:
        with self.store.transaction() as db:
            db.execute("DELETE FROM frozen_articles")
            db.execute("DELETE FROM frozen_terms")
            db.execute("DELETE FROM frozen_stories")

    def _take(self, keys: set[str]) -> list[FrozenStory]:
        if not keys:
            return []
        taken = []
        with self.store.transaction() as db:
            for key in sorted(keys):
                row = db.execute(
                    "SELECT first, last, data FROM frozen_stories WHERE story_id = ?", (key,)
                ).fetchone()
                if row is None:
                    continue
                taken.append(FrozenStory.from_bytes(key, row[0], row[1], bytes(row[2])))
                db.execute("DELETE FROM frozen_stories WHERE story_id = ?", (key,))
                db.execute("DELETE FROM frozen_articles WHERE story_id = ?", (key,))
                db.execute("DELETE FROM frozen_terms WHERE story_id = ?", (key,))
        return taken


# --- between the clusterer and a FrozenStory ----------------------------------------------------


def freeze(clusterer: StoryClusterer, story_ids: Iterable[str]) -> list[FrozenStory]:
    """Take these stories (and the stories merged into them) out of the clusterer's memory."""
    c = clusterer
    roots = {c._story_number(key) for key in story_ids}
    if not roots:
        return []
    family: dict[int, list[int]] = {root: [] for root in roots}
    for sid in list(c.parent_):
        root = c._find(sid)
        if root in family and sid != root:
            family[root].append(sid)
    frozen = [_pack_story(c, root, family[root]) for root in sorted(roots)]
    gone_rows: set[int] = set()
    for root in sorted(roots):
        gone_rows.update(c.members_[root])
        for sid in [root, *family[root]]:
            _drop_story(c, sid)
    for row in gone_rows:
        c.article_row_.pop(c.article_ids_.pop(row), None)
        for table in (
            c.article_story_,
            c.article_date_,
            c.duplicate_of_,
            c.vector_ids_,
            c.vector_weights_,
        ):
            del table[row]
        c.duplicates_.remove(row)
    for row, original in c.duplicate_of_.items():
        if original in gone_rows:  # a copy moved away from its original: it stands alone now
            c.duplicate_of_[row] = -1
    return frozen


def thaw_late(
    clusterer: StoryClusterer, articles: Sequence[tuple[Article, tuple[Counter[str], ...]]]
) -> None:
    """Bring back the frozen stories that late or undated articles (with their term counts)
    could have as candidates (see `FrozenStories.take_candidates`)."""
    c = clusterer
    if c.archive is None:
        return
    window = max(1, c.time_window_days)
    weights = (c.title_weight, c.body_weight, c.entity_weight)
    lookups: list[tuple[int | None, list[int]]] = []
    for article, parts in articles:
        day = article.published.toordinal() if article.published else None
        # A frozen story's last date is more than a reach and a window behind the clock, so
        # only an article dated over a window behind it can reach one; an undated one can.
        if day is None or day < c.clock_ - window:
            vector = vectorize(parts, c.vocabulary_, weights, c.max_terms)
            lookups.append((day, top_terms(vector, c.query_terms).tolist()))
    if lookups:
        reach = reach_days(c.threshold, c.time_window_days)
        thaw(c, c.archive.take_candidates(lookups, reach, c.max_candidates))


def thaw(clusterer: StoryClusterer, stories: Iterable[FrozenStory]) -> None:
    """Put frozen stories back into the clusterer's memory and index, as they were."""
    c = clusterer
    for story in stories:
        a = story.arrays
        meta = json.loads(text_of(a["meta"]))
        rows = [
            c._new_row(aid, int(day))
            for aid, day in zip(story.article_ids, a["dates"].tolist(), strict=True)
        ]
        vector_ids, vector_weights = unpack(a, "vector_ids"), unpack(a, "vector_weights")
        for i, row in enumerate(rows):
            original = int(a["duplicate_of"][i])
            c.duplicate_of_[row] = rows[original] if original >= 0 else -1
            if a["has_vector"][i]:
                c.vector_ids_[row], c.vector_weights_[row] = vector_ids[i], vector_weights[i]
            if a["has_signature"][i]:
                c.duplicates_.add_signature(row, a["signatures"][i], int(a["sizes"][i]))
        seed = int(meta["seed"])
        root = c._blank_story(rows[seed if seed >= 0 else 0], key=story.key)
        c.members_[root] = rows
        for row in rows:
            c.article_story_[row] = root
        c.first_[root], c.last_[root] = story.first, story.last
        c.centroid_ids_[root] = a["centroid_ids"]
        c.centroid_weights_[root] = a["centroid_weights"]
        c.centroid_norm_[root] = float(meta["norm"])
        c.centroid_count_[root] = int(meta["count"])
        c.indexed_[root] = a["indexed"]
        for term in a["indexed"].tolist():
            c.postings_.setdefault(term, []).append(root)
        for key in meta["merged"]:
            # A merged-away id only redirects to its story; while it was frozen, a new story
            # may have been named after the same article (its seed had moved on): that one
            # keeps the id.
            if key not in c.story_number_:
                c.parent_[c._blank_story(rows[0], key=key)] = root


def _pack_story(c: StoryClusterer, root: int, merged: list[int]) -> FrozenStory:
    rows = sorted(c.members_[root])
    position = {row: i for i, row in enumerate(rows)}
    signed = [c.duplicates_.signature_of(row) for row in rows]
    width, dtype = c.duplicates_.num_perm, c.duplicates_.dtype
    meta = {
        "seed": position.get(c.seed_[root], -1),
        "norm": c.centroid_norm_[root],
        "count": c.centroid_count_[root],
        "merged": [c.story_key_[sid] for sid in merged],
    }
    arrays: dict[str, NDArray[Any]] = {
        "meta": text_array(json.dumps(meta)),
        "dates": np.asarray([c.article_date_[r] for r in rows], dtype=np.int32),
        "duplicate_of": np.asarray(
            [position.get(c.duplicate_of_[r], -1) for r in rows], dtype=np.int32
        ),
        "has_vector": np.asarray([c.vector_ids_[r] is not None for r in rows], dtype=np.bool_),
        "has_signature": np.asarray([s is not None for s in signed], dtype=np.bool_),
        "signatures": np.vstack(
            [s[0] if s is not None else np.zeros(width, dtype) for s in signed]
            or [np.zeros((0, width), dtype)]
        ),
        "sizes": np.asarray([s[1] if s is not None else 0 for s in signed], dtype=np.int32),
        "centroid_ids": c.centroid_ids_[root],
        "centroid_weights": c.centroid_weights_[root],
        "indexed": c.indexed_[root],
    }
    for name, table, dtype in (
        ("vector_ids", c.vector_ids_, np.int32),
        ("vector_weights", c.vector_weights_, np.float32),
    ):
        vectors = [table[r] for r in rows]
        offsets, flat = pack([np.zeros(0, dtype) if v is None else v for v in vectors])
        arrays[f"{name}_offsets"], arrays[f"{name}_flat"] = offsets, flat
    key = c.story_key_[root]
    ids = tuple(c.article_ids_[r] for r in rows)
    return FrozenStory(key, c.first_[root], c.last_[root], ids, arrays)


def _drop_story(c: StoryClusterer, sid: int) -> None:
    for term in c.indexed_[sid].tolist():
        posting = c.postings_.get(term)
        if posting is not None and sid in posting:
            posting.remove(sid)
            if not posting:
                del c.postings_[term]
    key = c.story_key_.pop(sid)
    if c.story_number_.get(key) == sid:
        del c.story_number_[key]
    for table in (
        c.parent_,
        c.members_,
        c.seed_,
        c.centroid_ids_,
        c.centroid_weights_,
        c.centroid_norm_,
        c.centroid_count_,
        c.first_,
        c.last_,
        c.indexed_,
    ):
        del table[sid]
    c.changed_.discard(sid)
    c.unrefined_.discard(sid)


# --- arrays (shared with persist.py) -------------------------------------------------------------


def text_array(text: str) -> NDArray[np.uint8]:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def text_of(array: NDArray[np.uint8]) -> str:
    return array.tobytes().decode("utf-8")


def split_text(array: NDArray[np.uint8]) -> list[str]:
    text = text_of(array)
    return text.split("\n") if text else []


def pack(rows: Sequence[NDArray[Any]]) -> tuple[NDArray[np.int64], NDArray[Any]]:
    """Arrays of different lengths as (offsets, one flat array)."""
    offsets = np.zeros(len(rows) + 1, dtype=np.int64)
    if rows:
        offsets[1:] = np.cumsum([len(r) for r in rows])
        flat = np.concatenate(rows) if offsets[-1] else np.zeros(0, dtype=rows[0].dtype)
    else:
        flat = np.zeros(0, dtype=np.int32)
    return offsets, flat


def unpack(arrays: dict[str, NDArray[Any]], name: str) -> list[NDArray[Any]]:
    """The arrays `pack` packed under `name`_offsets and `name`_flat."""
    offsets, flat = arrays[f"{name}_offsets"], arrays[f"{name}_flat"]
    return [flat[offsets[i] : offsets[i + 1]].copy() for i in range(len(offsets) - 1)]
