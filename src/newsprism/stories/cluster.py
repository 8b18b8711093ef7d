"""Incremental story clustering: each new article joins its best story or starts one.

`StoryClusterer` follows scikit-learn's habits: the constructor stores parameters, `add` learns,
and the learned state is in attributes ending in `_`. It never compares all pairs:

- every story is a centroid (the sum of its articles' unit TF-IDF vectors, pruned to its
  heaviest terms) and is listed in an inverted index under its heaviest terms;
- a new article looks up the stories filed under its own heaviest terms (rare names and
  words weigh most), keeps the few that share most of them, and scores only those;
- the score is the cosine between the article and the story centroid, lowered when the
  article's date lies outside the story's dates widened by the time window;
- the article joins the best story scoring at least `threshold`, or starts a new story;
- when another candidate also scores above the threshold and its centroid is close to the
  chosen story's (`merge_threshold`), the two stories are merged: the article bridged them;
- a near-duplicate (MinHash/LSH, see dedup.py) joins its original's story directly and is
  left out of the centroid, so a syndicated text counts once;
- after each batch (on a busy dated stream, once the clock has moved `refine_days`), the
  stories touched since and their close neighbours are clustered again with average linkage,
  in groups of bounded size (refine.py): this undoes the single pass's early wrong turns,
  including splitting a story that two events had been merged into;
- with an `archive`, stories whose time window has passed can be frozen out of memory into
  the store and come back for late articles (freeze.py), so memory follows the active weeks.

Articles of one `add` call are placed in date order (undated last, by content alone), which
makes the result depend little on the order they were given in.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from datetime import date
from itertools import chain

import numpy as np

from newsprism.config import Settings
from newsprism.model import Analysis, Article
from newsprism.stories.dedup import NearDuplicateIndex
from newsprism.stories.features import (
    FloatArray,
    IntArray,
    SparseVector,
    Vocabulary,
    article_terms,
    top_terms,
    vectorize,
)
from newsprism.stories.freeze import FrozenStories, freeze, reach_days, thaw, thaw_late
from newsprism.stories.refine import refine_touched

log = logging.getLogger(__name__)

_DEFAULTS = Settings()

NO_DATE = 0
"""Date ordinal meaning 'no date' (date.toordinal() is never 0)."""

SETTING_OF = {
    "threshold": "story_threshold",
    "merge_threshold": "story_merge_threshold",
    "time_window_days": "story_window_days",
    "title_weight": "story_title_weight",
    "body_weight": "story_body_weight",
    "entity_weight": "story_entity_weight",
    "max_terms": "story_max_terms",
    "centroid_terms": "story_centroid_terms",
    "index_terms": "story_index_terms",
    "query_terms": "story_query_terms",
    "max_candidates": "story_candidates",
    "posting_limit": "story_posting_limit",
    "dedup_threshold": "duplicate_threshold",
    "linkage": "story_linkage",
    "refine_threshold": "story_refine_threshold",
    "refine_floor": "story_refine_floor",
    "refine_cap": "story_refine_cap",
    "refine_days": "story_refine_days",
}
"""Each parameter of the clusterer and the setting (newsprism.config) it comes from."""


class StoryClusterer:
    """Places articles into stories one at a time; see the module docstring for the method.

    Parameters are documented (and their tuned values justified) on the matching fields of
    `newsprism.config.Settings`; `from_settings` builds a clusterer from them.
    """

    def __init__(
        self,
        threshold: float = _DEFAULTS.story_threshold,
        merge_threshold: float = _DEFAULTS.story_merge_threshold,
        time_window_days: int = _DEFAULTS.story_window_days,
        title_weight: float = _DEFAULTS.story_title_weight,
        body_weight: float = _DEFAULTS.story_body_weight,
        entity_weight: float = _DEFAULTS.story_entity_weight,
        max_terms: int = _DEFAULTS.story_max_terms,
        centroid_terms: int = _DEFAULTS.story_centroid_terms,
        index_terms: int = _DEFAULTS.story_index_terms,
        query_terms: int = _DEFAULTS.story_query_terms,
        max_candidates: int = _DEFAULTS.story_candidates,
        posting_limit: int = _DEFAULTS.story_posting_limit,
        dedup_threshold: float = _DEFAULTS.duplicate_threshold,
        linkage: float = _DEFAULTS.story_linkage,
        refine_threshold: float = _DEFAULTS.story_refine_threshold,
        refine_floor: float = _DEFAULTS.story_refine_floor,
        refine_cap: int = _DEFAULTS.story_refine_cap,
        refine_days: int = _DEFAULTS.story_refine_days,
    ) -> None:
        self.threshold = threshold
        self.merge_threshold = merge_threshold
        self.time_window_days = time_window_days
        self.title_weight = title_weight
        self.body_weight = body_weight
        self.entity_weight = entity_weight
        self.max_terms = max_terms
        self.centroid_terms = centroid_terms
        self.index_terms = index_terms
        self.query_terms = query_terms
        self.max_candidates = max_candidates
        self.posting_limit = posting_limit
        self.dedup_threshold = dedup_threshold
        self.linkage = linkage
        self.refine_threshold = refine_threshold
        self.refine_floor = refine_floor
        self.refine_cap = refine_cap
        self.refine_days = refine_days
        self.archive: FrozenStories | None = None
        """Where stories whose window has passed go (`freeze`) and come back from for late
        articles (`add`); None keeps every story in memory."""
        self._reset()

    @classmethod
    def from_settings(cls, settings: Settings) -> StoryClusterer:
        """A clusterer with the story settings of `settings`."""
        return cls(**{param: getattr(settings, name) for param, name in SETTING_OF.items()})

    def _reset(self) -> None:
        self.vocabulary_ = Vocabulary()
        # Articles by number (row), numbered in order of arrival. Dicts, not lists: a frozen
        # story's articles leave them (freeze.py), so they hold the active window only.
        self.article_ids_: dict[int, str] = {}
        self.article_row_: dict[str, int] = {}
        self.article_story_: dict[int, int] = {}
        self.article_date_: dict[int, int] = {}
        self.duplicate_of_: dict[int, int] = {}
        # Each article's own vector (None for a copy, or when loaded from a state without
        # vectors): what the local re-clustering compares.
        self.vector_ids_: dict[int, IntArray | None] = {}
        self.vector_weights_: dict[int, FloatArray | None] = {}
        # Stories by number; a merged story points at the one it was merged into.
        self.story_key_: dict[int, str] = {}
        self.story_number_: dict[str, int] = {}
        self.parent_: dict[int, int] = {}
        self.members_: dict[int, list[int]] = {}
        self.seed_: dict[int, int] = {}  # the article (row) whose id gave the story its id
        self.centroid_ids_: dict[int, IntArray] = {}
        self.centroid_weights_: dict[int, FloatArray] = {}
        self.centroid_norm_: dict[int, float] = {}
        self.centroid_count_: dict[int, int] = {}
        self.first_: dict[int, int] = {}
        self.last_: dict[int, int] = {}
        self.indexed_: dict[int, IntArray] = {}
        self.postings_: dict[int, list[int]] = {}
        self.duplicates_ = NearDuplicateIndex(threshold=self.dedup_threshold)
        self.changed_: set[int] = set()  # stories changed by the last `add`
        # Stories touched since the last re-clustering (`refine_days`), and the clock then.
        self.unrefined_: set[int] = set()
        self.refined_clock_ = NO_DATE
        self.clock_ = NO_DATE  # the newest date placed so far
        self.next_row_ = 0
        self.next_story_ = 0
        self._scratch = np.zeros(0, dtype=np.float32)

    # --- public --------------------------------------------------------------------------------

    @property
    def n_articles_(self) -> int:
        """Articles held in memory (a frozen story's are in the archive)."""
        return len(self.article_ids_)

    @property
    def n_stories_(self) -> int:
        """Stories held in memory (merged ones and frozen ones left out)."""
        return sum(1 for sid, parent in self.parent_.items() if sid == parent)

    def add(
        self,
        articles: Sequence[Article],
        analyses: Sequence[Analysis | None] | None = None,
        refine: bool | None = None,
    ) -> list[str]:
        """Place articles into stories; returns the story id of each, in the order given.

        Articles already placed keep their story (adding twice is harmless). The stories the
        batch touched are re-clustered with their neighbours (refine.py) when `refine` is True,
        or by default once the clock has moved `refine_days` since the last time (every batch
        with undated articles, or with `refine_days` 0); until then they wait, and the ids
        returned are the stories as placed. The last batch of a run passes True.
        """
        if analyses is not None and len(analyses) != len(articles):
            raise ValueError("analyses must be None or one per article")
        fresh: dict[str, int] = {}
        for position, article in enumerate(articles):
            if article.id not in self.article_row_ and article.id not in fresh:
                fresh[article.id] = position
        frozen: dict[str, str] = {}
        if self.archive is not None:
            frozen = self.archive.story_of(fresh)
            for article_id in frozen:
                del fresh[article_id]
        positions = sorted(fresh.values(), key=lambda p: _arrival_key(articles[p], p))
        parts = {
            p: article_terms(articles[p], analyses[p] if analyses is not None else None)
            for p in positions
        }
        # Count the whole batch first: a large first batch then gets the IDF a refit would give.
        self.vocabulary_.count(
            chain.from_iterable(part.keys() for part in parts[p]) for p in positions
        )
        self._grow_scratch()
        if self.archive is not None:
            thaw_late(self, [(articles[p], parts[p]) for p in positions])
        self.changed_ = set()
        touched = {self._place(articles[p], parts[p]) for p in positions}
        self._consolidate(touched)
        self.unrefined_ |= touched | self.changed_
        if refine is None:
            undated = any(articles[p].published is None for p in positions)
            refine = undated or self._refine_due()
        if refine:
            due, self.refined_clock_ = self.unrefined_, self.clock_
        else:  # stories a late article joined are done now: their window has passed
            horizon = self._horizon()
            due = {sid for sid in self.unrefined_ if self._passed(self._find(sid), horizon)}
        if due:
            refine_touched(self, due)
            self.unrefined_ -= due
        return [frozen.get(a.id) or self.story_id(a.id) for a in articles]

    def passed_story_ids(self) -> list[str]:
        """Ids of the stories whose time window has passed (see freeze.py): no dated article
        from the clock on can join them, nor a new story merge with them."""
        horizon = self._horizon()
        return [
            self.story_key_[sid]
            for sid, parent in self.parent_.items()
            if sid == parent and self._passed(sid, horizon)
        ]

    def freeze(self, story_ids: Sequence[str]) -> int:
        """Move these stories out of memory into the archive; returns how many moved."""
        if self.archive is None:
            raise ValueError("freezing needs an archive (StoryClusterer.archive)")
        frozen = freeze(self, story_ids)
        self.archive.put(frozen)
        return len(frozen)

    def thaw_holding(self, article_ids: Sequence[str]) -> None:
        """Bring back from the archive the frozen stories holding these articles."""
        if self.archive is not None:
            missing = [aid for aid in article_ids if aid not in self.article_row_]
            thaw(self, self.archive.take_holding(missing))

    def changed_story_ids(self) -> list[str]:
        """Ids of the current stories that the last `add` created or changed.

        Besides the stories the new articles are in, these include stories that lost articles
        when a neighbourhood was clustered again.
        """
        held = (sid for sid in self.changed_ if sid in self.parent_)  # not frozen since
        return sorted({self.story_key_[self._find(sid)] for sid in held})

    def story_id(self, article_id: str) -> str:
        """The id of the story an article is in, frozen or not (KeyError when never added)."""
        if article_id not in self.article_row_ and self.archive is not None:
            return self.archive.story_of([article_id])[article_id]
        return self.story_key_[self._find(self.article_story_[self.article_row_[article_id]])]

    def resolve(self, story_id: str) -> str:
        """The id a story goes by now (itself, or the story it was merged into)."""
        return self.story_key_[self._story_number(story_id)]

    def story_members(self, story_id: str) -> list[str]:
        """Ids of the articles in a story, in order of arrival."""
        sid = self._story_number(story_id)
        return [self.article_ids_[row] for row in sorted(self.members_[sid])]

    def duplicate_of(self, article_id: str) -> str | None:
        """The id of the article this one is a near-duplicate of, or None."""
        original = self.duplicate_of_[self.article_row_[article_id]]
        return None if original < 0 else self.article_ids_[original]

    def key_terms(self, story_id: str, n: int = 5) -> list[str]:
        """The heaviest words of a story's centroid (entity terms left out)."""
        sid = self._story_number(story_id)
        vector = SparseVector(self.centroid_ids_[sid], self.centroid_weights_[sid])
        words = [self.vocabulary_.terms_[int(t)] for t in top_terms(vector, n * 3)]
        return [w for w in words if not w.startswith("\x1f")][:n]

    def story_ids(self) -> list[str]:
        """Ids of every current story (merged stories excluded)."""
        return [self.story_key_[sid] for sid, parent in self.parent_.items() if sid == parent]

    def merged_away_(self) -> dict[str, str]:
        """Story ids that were merged into another story -> the id they live on under."""
        return {
            self.story_key_[sid]: self.story_key_[self._find(sid)]
            for sid, parent in self.parent_.items()
            if sid != parent
        }

    def _horizon(self) -> float:
        """The last date a story may have and be passed (see `passed_story_ids`)."""
        horizon = self.clock_ - reach_days(self.threshold, self.time_window_days)
        return horizon - max(1, self.time_window_days)

    def _passed(self, sid: int, horizon: float) -> bool:
        return self.last_[sid] != NO_DATE and self.last_[sid] < horizon

    def _refine_due(self) -> bool:
        """Whether the clock has moved `refine_days` since the last re-clustering.

        On busy days a batch of 2,000 articles spans two days, and a story runs about a
        week: re-clustering after every batch re-clustered each active story several times
        (with its neighbours, ~9 times the batch's articles). Once per span of days, each
        story is re-clustered about once whatever the batch size (see story_refine_days).
        """
        if self.refine_days <= 0 or self.clock_ == NO_DATE:
            return True
        return self.clock_ - self.refined_clock_ >= self.refine_days

    # --- placing one article ----------------------------------------------------------------------

    def _place(self, article: Article, parts: tuple[Counter[str], ...]) -> int:
        day = article.published.toordinal() if article.published else NO_DATE
        row = self._new_row(article.id, day)
        self.clock_ = max(self.clock_, day)

        signed = self.duplicates_.signature(article.body)
        if signed is not None:
            originals = self.duplicates_.find(*signed)
            self.duplicates_.add(row, *signed)
            if originals:
                original = min(originals, key=lambda r: (self.article_date_[r] or day, r))
                self.duplicate_of_[row] = original
                sid = self._find(self.article_story_[original])
                self._join(sid, row, None)
                return sid

        weights = (self.title_weight, self.body_weight, self.entity_weight)
        vector = vectorize(parts, self.vocabulary_, weights, self.max_terms)
        self.vector_ids_[row], self.vector_weights_[row] = vector.ids, vector.weights
        scored = self._score(vector, day)
        if scored and scored[0][0] >= self.threshold:
            best = scored[0][1]
            self._join(best, row, vector)
            for score, other in scored[1:]:
                if score < self.threshold:
                    break
                best = self._find(best)
                other = self._find(other)
                if other != best and self._centroid_cosine(best, other) >= self.merge_threshold:
                    self._merge(best, other)
            return self._find(best)
        return self._new_story(row, vector)

    def _consolidate(self, touched: set[int]) -> None:
        """Merge stories this batch touched into close stories (centroid cosine).

        Early in a batch a story may start before the articles that tie it to another one
        arrive; looking again at the touched stories once the batch is placed undoes most of
        that order effect, without revisiting stories the batch did not touch.
        """
        pending = sorted({self._find(sid) for sid in touched})
        while pending:
            sid = self._find(pending.pop())
            for other in self._neighbours(sid):
                other, sid = self._find(other), self._find(sid)
                if other == sid or not self._dates_close(sid, other):
                    continue
                if self._centroid_cosine(sid, other) >= self.merge_threshold:
                    self._merge(sid, other)
                    pending.append(self._find(sid))  # it changed: look at it again
                    break

    def _neighbours(self, sid: int) -> list[int]:
        """Candidate stories near a story: those filed under most of its heaviest terms."""
        vector = SparseVector(self.centroid_ids_[sid], self.centroid_weights_[sid])
        hits: Counter[int] = Counter()
        for term in top_terms(vector, self.query_terms).tolist():
            for other in self.postings_.get(term, ()):
                hits[self._find(other)] += 1
        hits.pop(sid, None)
        return [other for other, _ in hits.most_common(self.max_candidates)]

    # --- local re-clustering ----------------------------------------------------------------------

    def _original(self, row: int) -> int:
        while self.duplicate_of_[row] >= 0:
            row = self.duplicate_of_[row]
        return row

    def _fill(self, sid: int, rows: list[int]) -> None:
        """Make these articles a story's members, with its centroid and dates from them."""
        self.members_[sid] = rows
        own = [r for r in rows if self.duplicate_of_[r] < 0]
        self.centroid_ids_[sid] = np.zeros(0, dtype=np.int32)
        self.centroid_weights_[sid] = np.zeros(0, dtype=np.float32)
        ids = [self.vector_ids_[r] for r in own]
        weights = [self.vector_weights_[r] for r in own]
        self._add_to_centroid(  # the empty arrays: a story of copies only has no vectors
            sid,
            np.concatenate([np.zeros(0, np.int32), *(x for x in ids if x is not None)]),
            np.concatenate([np.zeros(0, np.float32), *(x for x in weights if x is not None)]),
        )
        self.centroid_count_[sid] = max(1, len(own))
        dated = [self.article_date_[r] for r in rows if self.article_date_[r] != NO_DATE]
        self.first_[sid] = min(dated, default=NO_DATE)
        self.last_[sid] = max(dated, default=NO_DATE)
        for r in rows:
            self.article_story_[r] = sid
        self._index(sid)

    def _new_row(self, article_id: str, day: int) -> int:
        """A new article number, with no story, copy link or vector yet."""
        row = self.next_row_
        self.next_row_ += 1
        self.article_ids_[row] = article_id
        self.article_row_[article_id] = row
        self.article_date_[row] = day
        self.duplicate_of_[row] = -1
        self.article_story_[row] = -1
        self.vector_ids_[row] = None
        self.vector_weights_[row] = None
        return row

    def _blank_story(self, seed: int, key: str | None = None) -> int:
        """A new, empty story number named after its seed article (filled by `_fill`)."""
        sid = self.next_story_
        self.next_story_ += 1
        if key is None:
            key = base = _story_key(self.article_ids_[seed])
            n = 1
            while key in self.story_number_:  # the seed's id already named a story once
                n += 1
                key = f"{base}.{n}"
        self.story_key_[sid] = key
        self.story_number_[key] = sid
        self.parent_[sid] = sid
        self.members_[sid] = []
        self.seed_[sid] = seed
        self.first_[sid] = NO_DATE
        self.last_[sid] = NO_DATE
        self.centroid_ids_[sid] = np.zeros(0, dtype=np.int32)
        self.centroid_weights_[sid] = np.zeros(0, dtype=np.float32)
        self.centroid_norm_[sid] = 1e-9
        self.centroid_count_[sid] = 0
        self.indexed_[sid] = np.zeros(0, dtype=np.int32)
        return sid

    def _dates_close(self, a: int, b: int) -> bool:
        """Whether two stories' date ranges, widened by the window, meet (undated always do)."""
        if self.first_[a] == NO_DATE or self.first_[b] == NO_DATE:
            return True
        window = max(1, self.time_window_days)
        return self.first_[a] - window <= self.last_[b] and self.first_[b] - window <= self.last_[a]

    def _score(self, vector: SparseVector, day: int) -> list[tuple[float, int]]:
        """(score, story) of candidate stories, best first."""
        if not len(vector):
            return []
        query = top_terms(vector, self.query_terms)
        lists = [self.postings_.get(int(t), ()) for t in query]
        hits = Counter(chain.from_iterable(lists))
        if not hits:
            return []
        resolved: Counter[int] = Counter()
        for sid, count in hits.items():
            resolved[self._find(sid)] += count
        candidates = [sid for sid, _ in resolved.most_common(self.max_candidates)]
        scratch = self._scratch
        scratch[vector.ids] = vector.weights
        scored = []
        for sid in candidates:
            dot = float(scratch[self.centroid_ids_[sid]] @ self.centroid_weights_[sid])
            score = dot / self._scale(sid)
            if day != NO_DATE and self.first_[sid] != NO_DATE:
                score *= self._time_factor(day, sid)
            scored.append((score, sid))
        scratch[vector.ids] = 0.0
        scored.sort(reverse=True)
        return scored

    def _scale(self, sid: int) -> float:
        """What a dot product with a story's centroid is divided by.

        linkage 0: the centroid's norm (cosine with the centroid); linkage 1: the number of
        articles (mean cosine with the members, as average-linkage clustering uses), which
        keeps a large, loose story from absorbing whatever is near its middle.
        """
        norm, count = self.centroid_norm_[sid], self.centroid_count_[sid]
        return float(norm ** (1.0 - self.linkage) * count**self.linkage)

    def _time_factor(self, day: int, sid: int) -> float:
        """1 inside the story's dates widened by the window, decaying by e per window beyond."""
        window = max(1, self.time_window_days)
        gap = max(self.first_[sid] - day, day - self.last_[sid], 0) - window
        return 1.0 if gap <= 0 else float(np.exp(-gap / window))

    # --- story bookkeeping ------------------------------------------------------------------------

    def _new_story(self, row: int, vector: SparseVector) -> int:
        sid = self._blank_story(row)
        self.members_[sid] = [row]
        self.article_story_[row] = sid
        self.changed_.add(sid)
        self.first_[sid] = self.last_[sid] = self.article_date_[row]
        self.centroid_ids_[sid] = vector.ids
        self.centroid_weights_[sid] = vector.weights
        self.centroid_norm_[sid] = max(float(np.linalg.norm(vector.weights)), 1e-9)
        self.centroid_count_[sid] = 1
        self._index(sid)
        return sid

    def _join(self, sid: int, row: int, vector: SparseVector | None) -> None:
        self.changed_.add(sid)
        self.members_[sid].append(row)
        self.article_story_[row] = sid
        self._widen_dates(sid, self.article_date_[row], self.article_date_[row])
        if vector is not None:
            self._add_to_centroid(sid, vector.ids, vector.weights)
            self.centroid_count_[sid] += 1
            self._index(sid)

    def _merge(self, keep: int, gone: int) -> None:
        if gone < keep:  # the older story keeps its id
            keep, gone = gone, keep
        self.changed_.update((keep, gone))
        self.parent_[gone] = keep
        self.members_[keep].extend(self.members_[gone])
        self.members_[gone] = []
        self._widen_dates(keep, self.first_[gone], self.last_[gone])
        self._add_to_centroid(keep, self.centroid_ids_[gone], self.centroid_weights_[gone])
        self.centroid_count_[keep] += self.centroid_count_[gone]
        self.centroid_ids_[gone] = np.zeros(0, dtype=np.int32)
        self.centroid_weights_[gone] = np.zeros(0, dtype=np.float32)
        self._index(keep)

    def _widen_dates(self, sid: int, first: int, last: int) -> None:
        if first != NO_DATE:
            current = self.first_[sid]
            self.first_[sid] = first if current == NO_DATE else min(current, first)
        if last != NO_DATE:
            self.last_[sid] = max(self.last_[sid], last)

    def _add_to_centroid(self, sid: int, ids: IntArray, weights: FloatArray) -> None:
        all_ids = np.concatenate([self.centroid_ids_[sid], ids])
        all_weights = np.concatenate([self.centroid_weights_[sid], weights])
        unique, inverse = np.unique(all_ids, return_inverse=True)
        summed = np.bincount(inverse, weights=all_weights)
        if len(unique) > self.centroid_terms:
            keep = np.sort(np.argpartition(-summed, self.centroid_terms - 1)[: self.centroid_terms])
            unique, summed = unique[keep], summed[keep]
        self.centroid_ids_[sid] = unique.astype(np.int32)
        self.centroid_weights_[sid] = summed.astype(np.float32)
        self.centroid_norm_[sid] = max(float(np.sqrt(summed @ summed)), 1e-9)

    def _index(self, sid: int) -> None:
        """File the story under its heaviest terms not yet filed (postings keep recent ones)."""
        vector = SparseVector(self.centroid_ids_[sid], self.centroid_weights_[sid])
        heaviest = top_terms(vector, self.index_terms)
        new = np.setdiff1d(heaviest, self.indexed_[sid], assume_unique=True)
        if not len(new):
            return
        self.indexed_[sid] = np.union1d(self.indexed_[sid], new).astype(np.int32)
        limit = self.posting_limit
        for term in new.tolist():
            posting = self.postings_.setdefault(term, [])
            posting.append(sid)
            if len(posting) > 2 * limit:
                # Keep the most recently filed stories: old ones rarely gain new articles.
                del posting[:-limit]

    def _centroid_cosine(self, a: int, b: int) -> float:
        _, ia, ib = np.intersect1d(
            self.centroid_ids_[a], self.centroid_ids_[b], assume_unique=True, return_indices=True
        )
        dot = float(self.centroid_weights_[a][ia] @ self.centroid_weights_[b][ib])
        return dot / (self._scale(a) * self._scale(b))

    def _find(self, sid: int) -> int:
        root = sid
        while self.parent_[root] != root:
            root = self.parent_[root]
        while self.parent_[sid] != root:  # path compression
            self.parent_[sid], sid = root, self.parent_[sid]
        return root

    def _story_number(self, story_id: str) -> int:
        return self._find(self.story_number_[story_id])

    def _grow_scratch(self) -> None:
        if len(self._scratch) < len(self.vocabulary_):
            grown = np.zeros(max(1024, 2 * len(self.vocabulary_)), dtype=np.float32)
            self._scratch = grown


def _story_key(seed_article_id: str) -> str:
    """A story's id: derived from its first article's id, so it is stable across runs."""
    return "s" + seed_article_id[:15]


def _arrival_key(article: Article, position: int) -> tuple[int, int]:
    """Dated articles first, oldest first; undated ones after, in the order given."""
    if article.published is None:
        return (date.max.toordinal() + 1, position)
    return (article.published.toordinal(), position)
