"""Saving and loading the clusterer's active state in the store's `state` table.

The state is a set of plain arrays (NumPy's .npz format, loaded with allow_pickle=False):
the vocabulary and its document frequencies, every active article's story, date, original and
vector, every active story's centroid, members and dates, the MinHash signatures, and the
stories waiting for the next re-clustering (`story_refine_days`). The
inverted index and the LSH index are rebuilt from those on load, so nothing executable is ever
stored. Stories whose window has passed are not in it: they are frozen, one row each, in the
store's `frozen_stories` table (freeze.py), so the state stays the size of the active window.
"""

from __future__ import annotations

import io
import json
import logging
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsprism.config import Settings
from newsprism.store.sqlite import SQLiteStore
from newsprism.stories.cluster import SETTING_OF, StoryClusterer
from newsprism.stories.dedup import NearDuplicateIndex
from newsprism.stories.features import Vocabulary
from newsprism.stories.freeze import FrozenStories, pack, split_text, text_array, text_of, unpack

log = logging.getLogger(__name__)

STATE_NAME = "stories.clusterer"
FORMAT = 3
"""2 added each article's vector and each story's seed (needed by the local re-clustering);
3 numbers articles and stories by key, since frozen ones leave (and the clock)."""

_PARAMS = tuple(SETTING_OF)


def params_of(clusterer: StoryClusterer) -> dict[str, Any]:
    return {name: getattr(clusterer, name) for name in _PARAMS}


def dumps(clusterer: StoryClusterer) -> bytes:
    """The clusterer's parameters and learned (active) state as bytes."""
    c = clusterer
    keys, signatures, sizes = c.duplicates_.arrays()
    rows, sids = list(c.article_ids_), list(c.story_key_)
    arrays: dict[str, NDArray[Any]] = {
        "meta": text_array(json.dumps({"format": FORMAT, "params": params_of(c)})),
        "counters": np.asarray(
            [c.next_row_, c.next_story_, c.clock_, c.refined_clock_], dtype=np.int64
        ),
        "unrefined": np.asarray(sorted(c.unrefined_), dtype=np.int64),
        "terms": text_array("\n".join(c.vocabulary_.terms_)),
        "df": c.vocabulary_.df_[: len(c.vocabulary_)].copy(),
        "n_docs": np.asarray([c.vocabulary_.n_docs_], dtype=np.int64),
        "rows": np.asarray(rows, dtype=np.int64),
        "article_ids": text_array("\n".join(c.article_ids_[r] for r in rows)),
        "article_story": np.asarray([c.article_story_[r] for r in rows], dtype=np.int64),
        "article_date": np.asarray([c.article_date_[r] for r in rows], dtype=np.int32),
        "duplicate_of": np.asarray([c.duplicate_of_[r] for r in rows], dtype=np.int64),
        "stories": np.asarray(sids, dtype=np.int64),
        "story_key": text_array("\n".join(c.story_key_[s] for s in sids)),
        "parent": np.asarray([c.parent_[s] for s in sids], dtype=np.int64),
        "seed": np.asarray([c.seed_[s] for s in sids], dtype=np.int64),
        "centroid_norm": np.asarray([c.centroid_norm_[s] for s in sids], dtype=np.float64),
        "centroid_count": np.asarray([c.centroid_count_[s] for s in sids], dtype=np.int32),
        "first": np.asarray([c.first_[s] for s in sids], dtype=np.int32),
        "last": np.asarray([c.last_[s] for s in sids], dtype=np.int32),
        "dup_keys": keys,
        "dup_signatures": signatures,
        "dup_sizes": sizes,
    }
    for name, packed in (
        ("members", [np.asarray(c.members_[s], dtype=np.int64) for s in sids]),
        ("centroid_ids", [c.centroid_ids_[s] for s in sids]),
        ("centroid_weights", [c.centroid_weights_[s] for s in sids]),
        ("indexed", [c.indexed_[s] for s in sids]),
        ("vector_ids", [_or_empty(c.vector_ids_[r], np.int32) for r in rows]),
        ("vector_weights", [_or_empty(c.vector_weights_[r], np.float32) for r in rows]),
    ):
        offsets, flat = pack(packed)
        arrays[f"{name}_offsets"] = offsets
        arrays[f"{name}_flat"] = flat
    buffer = io.BytesIO()
    savez: Any = np.savez  # NumPy's stubs reject **arrays (a key could be "allow_pickle")
    savez(buffer, **arrays)
    return buffer.getvalue()


def loads(data: bytes, settings: Settings | None = None) -> StoryClusterer:
    """A clusterer restored from `dumps` output.

    With `settings`, the clusterer takes those parameters (a warning is logged when they
    differ from the ones the state was learned with: `recluster` rebuilds it with them).
    """
    with np.load(io.BytesIO(data), allow_pickle=False) as z:
        arrays = {name: z[name] for name in z.files}
    meta = json.loads(text_of(arrays["meta"]))
    saved = meta["params"]
    if settings:
        clusterer = StoryClusterer.from_settings(settings)
    else:
        known = {name: saved[name] for name in _PARAMS if name in saved}
        clusterer = StoryClusterer(**known)
    now = params_of(clusterer)
    if settings and any(now[name] != value for name, value in saved.items() if name in now):
        log.warning(
            "Story settings changed since the stories were built; new articles use the new"
            " settings. Run `newsprism recluster` to rebuild every story with them."
        )
    c = clusterer
    c.vocabulary_ = Vocabulary.restore(
        split_text(arrays["terms"]), arrays["df"], int(arrays["n_docs"][0])
    )
    article_ids = split_text(arrays["article_ids"])
    story_keys = split_text(arrays["story_key"])
    if meta["format"] >= 3:
        rows, sids = arrays["rows"].tolist(), arrays["stories"].tolist()
        counters = [int(x) for x in arrays["counters"]]
        c.next_row_, c.next_story_, c.clock_ = counters[:3]
        if "unrefined" in arrays:  # stories waiting for the next re-clustering
            c.refined_clock_ = counters[3]
            c.unrefined_ = set(arrays["unrefined"].tolist())
    else:  # numbered by position; the clock is the newest date
        rows, sids = list(range(len(article_ids))), list(range(len(story_keys)))
        c.next_row_, c.next_story_ = len(rows), len(sids)
        c.clock_ = int(arrays["article_date"].max(initial=0))
    c.article_ids_ = dict(zip(rows, article_ids, strict=True))
    c.article_row_ = {aid: row for row, aid in c.article_ids_.items()}
    c.article_story_ = dict(zip(rows, arrays["article_story"].tolist(), strict=True))
    c.article_date_ = dict(zip(rows, arrays["article_date"].tolist(), strict=True))
    c.duplicate_of_ = dict(zip(rows, arrays["duplicate_of"].tolist(), strict=True))
    c.story_key_ = dict(zip(sids, story_keys, strict=True))
    c.story_number_ = {key: sid for sid, key in c.story_key_.items()}
    for name in ("parent", "centroid_norm", "centroid_count", "first", "last"):
        setattr(c, f"{name}_", dict(zip(sids, arrays[name].tolist(), strict=True)))
    c.members_ = dict(zip(sids, (m.tolist() for m in unpack(arrays, "members")), strict=True))
    for name in ("centroid_ids", "centroid_weights", "indexed"):
        setattr(c, f"{name}_", dict(zip(sids, unpack(arrays, name), strict=True)))
    if meta["format"] >= 2:
        c.seed_ = dict(zip(sids, arrays["seed"].tolist(), strict=True))
        for name in ("vector_ids", "vector_weights"):
            vectors = [
                None if c.duplicate_of_[r] >= 0 else v
                for r, v in zip(rows, unpack(arrays, name), strict=True)
            ]
            setattr(c, f"{name}_", dict(zip(rows, vectors, strict=True)))
    else:  # no vectors: these stories are not re-clustered until `recluster` rebuilds them
        c.seed_ = {sid: min(m) if m else -1 for sid, m in c.members_.items()}
        c.vector_ids_ = dict.fromkeys(rows)
        c.vector_weights_ = dict.fromkeys(rows)
    c.postings_ = {}
    for sid, terms_of_story in c.indexed_.items():
        if c.parent_[sid] == sid:
            for term in terms_of_story.tolist():
                c.postings_.setdefault(term, []).append(sid)
    for term, posting in c.postings_.items():
        if len(posting) > c.posting_limit:
            c.postings_[term] = posting[-c.posting_limit :]
    c.duplicates_ = NearDuplicateIndex.restore(
        arrays["dup_keys"],
        arrays["dup_signatures"],
        threshold=c.dedup_threshold,
        sizes=arrays.get("dup_sizes"),
    )
    return c


def load(store: SQLiteStore, settings: Settings | None = None) -> StoryClusterer:
    """The clusterer saved in the store (or a new one), freezing into the store's archive."""
    data = store.get_state(STATE_NAME)
    if data is None:
        clusterer = StoryClusterer.from_settings(settings or Settings())
    else:
        clusterer = loads(data, settings)
    clusterer.archive = FrozenStories(store)
    return clusterer


def save(store: SQLiteStore, clusterer: StoryClusterer) -> int:
    """Save the clusterer in the store; returns the size of the saved state in bytes."""
    data = dumps(clusterer)
    store.set_state(STATE_NAME, data)
    return len(data)


def _or_empty(array: NDArray[Any] | None, dtype: type) -> NDArray[Any]:
    return np.zeros(0, dtype=dtype) if array is None else array
