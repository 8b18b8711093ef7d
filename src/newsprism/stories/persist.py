"""Saving and loading the clusterer's learned state in the store's `state` table.

The state is a set of plain arrays (NumPy's .npz format, loaded with allow_pickle=False):
the vocabulary and its document frequencies, every article's story, date and original, every
story's centroid, members and dates, and the MinHash signatures. The inverted index and the
LSH index are rebuilt from those on load, so nothing executable is ever stored.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsprism.config import Settings
from newsprism.store.sqlite import SQLiteStore
from newsprism.stories.cluster import StoryClusterer
from newsprism.stories.dedup import NearDuplicateIndex
from newsprism.stories.features import Vocabulary

log = logging.getLogger(__name__)

STATE_NAME = "stories.clusterer"
FORMAT = 2
"""2 added each article's vector and each story's seed (needed by the local re-clustering)."""

_PARAMS = (
    "threshold",
    "merge_threshold",
    "time_window_days",
    "title_weight",
    "body_weight",
    "entity_weight",
    "max_terms",
    "centroid_terms",
    "index_terms",
    "query_terms",
    "max_candidates",
    "posting_limit",
    "dedup_threshold",
    "linkage",
    "refine_threshold",
    "refine_floor",
    "refine_cap",
)


def params_of(clusterer: StoryClusterer) -> dict[str, Any]:
    return {name: getattr(clusterer, name) for name in _PARAMS}


def dumps(clusterer: StoryClusterer) -> bytes:
    """The clusterer's parameters and learned state as bytes."""
    c = clusterer
    keys, signatures, sizes = c.duplicates_.arrays()
    arrays: dict[str, NDArray[Any]] = {
        "meta": _text(json.dumps({"format": FORMAT, "params": params_of(c)})),
        "terms": _text("\n".join(c.vocabulary_.terms_)),
        "df": c.vocabulary_.df_[: len(c.vocabulary_)].copy(),
        "n_docs": np.asarray([c.vocabulary_.n_docs_], dtype=np.int64),
        "article_ids": _text("\n".join(c.article_ids_)),
        "article_story": np.asarray(c.article_story_, dtype=np.int32),
        "article_date": np.asarray(c.article_date_, dtype=np.int32),
        "duplicate_of": np.asarray(c.duplicate_of_, dtype=np.int32),
        "story_key": _text("\n".join(c.story_key_)),
        "parent": np.asarray(c.parent_, dtype=np.int32),
        "seed": np.asarray(c.seed_, dtype=np.int32),
        "centroid_norm": np.asarray(c.centroid_norm_, dtype=np.float64),
        "centroid_count": np.asarray(c.centroid_count_, dtype=np.int32),
        "first": np.asarray(c.first_, dtype=np.int32),
        "last": np.asarray(c.last_, dtype=np.int32),
        "dup_keys": keys,
        "dup_signatures": signatures,
        "dup_sizes": sizes,
    }
    for name, rows in (
        ("members", [np.asarray(m, dtype=np.int32) for m in c.members_]),
        ("centroid_ids", c.centroid_ids_),
        ("centroid_weights", c.centroid_weights_),
        ("indexed", c.indexed_),
        ("vector_ids", [_or_empty(v, np.int32) for v in c.vector_ids_]),
        ("vector_weights", [_or_empty(v, np.float32) for v in c.vector_weights_]),
    ):
        offsets, flat = _pack(rows)
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
    meta = json.loads(_untext(arrays["meta"]))
    saved = meta["params"]
    if settings:
        clusterer = StoryClusterer.from_settings(settings)
    else:
        known = {name: saved[name] for name in _PARAMS if name in saved}
        clusterer = StoryClusterer(**known)
    if settings and params_of(clusterer) != saved:
        log.warning(
            "Story settings changed since the stories were built; new articles use the new"
            " settings. Run `newsprism recluster` to rebuild every story with them."
        )
    c = clusterer
    terms = _split(arrays["terms"])
    c.vocabulary_ = Vocabulary.restore(terms, arrays["df"], int(arrays["n_docs"][0]))
    c.article_ids_ = _split(arrays["article_ids"])
    c.article_row_ = {aid: row for row, aid in enumerate(c.article_ids_)}
    c.article_story_ = arrays["article_story"].tolist()
    c.article_date_ = arrays["article_date"].tolist()
    c.duplicate_of_ = arrays["duplicate_of"].tolist()
    c.story_key_ = _split(arrays["story_key"])
    c.story_number_ = {key: sid for sid, key in enumerate(c.story_key_)}
    c.parent_ = arrays["parent"].tolist()
    c.centroid_norm_ = arrays["centroid_norm"].tolist()
    c.centroid_count_ = arrays["centroid_count"].tolist()
    c.first_ = arrays["first"].tolist()
    c.last_ = arrays["last"].tolist()
    c.members_ = [row.tolist() for row in _unpack(arrays, "members")]
    c.centroid_ids_ = _unpack(arrays, "centroid_ids")
    c.centroid_weights_ = _unpack(arrays, "centroid_weights")
    c.indexed_ = _unpack(arrays, "indexed")
    if meta["format"] >= 2:
        c.seed_ = arrays["seed"].tolist()
        c.vector_ids_ = _vectors(arrays, "vector_ids", c.duplicate_of_)
        c.vector_weights_ = _vectors(arrays, "vector_weights", c.duplicate_of_)
    else:  # no vectors: these stories are not re-clustered until `recluster` rebuilds them
        c.seed_ = [min(m) if m else -1 for m in c.members_]
        c.vector_ids_ = [None] * len(c.article_ids_)
        c.vector_weights_ = [None] * len(c.article_ids_)
    c.postings_ = {}
    for sid, terms_of_story in enumerate(c.indexed_):
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
    """The clusterer saved in the store, or a new one when none was saved."""
    data = store.get_state(STATE_NAME)
    if data is None:
        return StoryClusterer.from_settings(settings or Settings())
    return loads(data, settings)


def save(store: SQLiteStore, clusterer: StoryClusterer) -> int:
    """Save the clusterer in the store; returns the size of the saved state in bytes."""
    data = dumps(clusterer)
    store.set_state(STATE_NAME, data)
    return len(data)


def _or_empty(array: NDArray[Any] | None, dtype: type) -> NDArray[Any]:
    return np.zeros(0, dtype=dtype) if array is None else array


def _vectors(
    arrays: dict[str, NDArray[Any]], name: str, duplicate_of: list[int]
) -> list[NDArray[Any] | None]:
    """Article vectors unpacked; copies have none (they are never compared)."""
    rows = _unpack(arrays, name)
    return [None if duplicate_of[i] >= 0 else row for i, row in enumerate(rows)]


def _text(text: str) -> NDArray[np.uint8]:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def _untext(array: NDArray[np.uint8]) -> str:
    return array.tobytes().decode("utf-8")


def _split(array: NDArray[np.uint8]) -> list[str]:
    text = _untext(array)
    return text.split("\n") if text else []


def _pack(rows: Sequence[NDArray[Any]]) -> tuple[NDArray[np.int64], NDArray[Any]]:
    offsets = np.zeros(len(rows) + 1, dtype=np.int64)
    if rows:
        offsets[1:] = np.cumsum([len(r) for r in rows])
        flat = np.concatenate(rows) if offsets[-1] else np.zeros(0, dtype=rows[0].dtype)
    else:
        flat = np.zeros(0, dtype=np.int32)
    return offsets, flat


def _unpack(arrays: dict[str, NDArray[Any]], name: str) -> list[NDArray[Any]]:
    offsets, flat = arrays[f"{name}_offsets"], arrays[f"{name}_flat"]
    return [flat[offsets[i] : offsets[i + 1]].copy() for i in range(len(offsets) - 1)]
