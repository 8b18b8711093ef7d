"""Comparisons computed ahead and kept in the store, so that a story opens at once.

A story's comparison depends only on the story record (its articles, copies and inferred
dates), its articles' analyses, and the code that compares them. Its fingerprint hashes those
three, so a merge, a move, a new article, a re-analysis or another newsprism version makes a
saved comparison stale, and a stale one is never returned. `compare_ahead` computes the
missing and stale ones after an ingest or analysis; the CLI and the web app then read them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import zlib
from collections.abc import Callable

from newsprism import __version__
from newsprism.compare.records import Comparison
from newsprism.errors import StoreError
from newsprism.model import from_dict, to_dict
from newsprism.store.sqlite import SQLiteStore

FORMAT = 1
"""Bumped when the saved payload's shape changes without a version change."""

AHEAD_MIN_ANALYSED = 2
"""Stories computed ahead have at least this many analysed articles: a story of one article
has nothing to align, and its comparison takes milliseconds on demand."""


def fingerprint(story_json: str, analysed: int, last_analysis: str | None) -> str:
    """The fingerprint of what a comparison is computed from."""
    made_from = f"{FORMAT}|{__version__}|{story_json}|{analysed}|{last_analysis}"
    return hashlib.sha1(made_from.encode()).hexdigest()


def current_fingerprint(store: SQLiteStore, story_id: str) -> tuple[str, bool]:
    """The fingerprint a fresh comparison of this story would be saved with, and whether the
    saved one (if any) has it."""
    rows = store.comparison_inputs(story_id)
    if not rows:
        return "", False
    _, story_json, analysed, last, saved = rows[0]
    key = fingerprint(story_json, analysed, last)
    return key, saved == key


def saved_comparison(store: SQLiteStore, story_id: str) -> Comparison | None:
    """The story's saved comparison when it is up to date, else None."""
    return ready_comparison(store, story_id)[1]


def ready_comparison(store: SQLiteStore, story_id: str) -> tuple[str, Comparison | None]:
    """The fingerprint a fresh comparison of this story would be saved with, and the saved
    comparison when it has that fingerprint and can be read (else None)."""
    key, fresh = current_fingerprint(store, story_id)
    data = store.get_comparison(story_id) if fresh else None
    return key, decode(data) if data else None


def save_comparison(store: SQLiteStore, story_id: str, key: str, comparison: Comparison) -> bool:
    """Keep a comparison made from inputs with fingerprint `key`; False on a read-only store."""
    try:
        store.save_comparison(story_id, key, encode(comparison))
    except (sqlite3.OperationalError, StoreError):
        return False
    return True


def encode(comparison: Comparison) -> bytes:
    return zlib.compress(json.dumps(to_dict(comparison), ensure_ascii=False).encode(), 6)


def decode(data: bytes) -> Comparison | None:
    """The comparison in a saved payload, or None when it cannot be read (it is then
    computed again, as a stale one would be)."""
    with contextlib.suppress(zlib.error, ValueError, TypeError, KeyError, AttributeError):
        return from_dict(Comparison, json.loads(zlib.decompress(data)))
    return None


def stale_stories(store: SQLiteStore) -> list[str]:
    """Stories worth computing ahead whose saved comparison is missing or stale, largest
    first."""
    return [
        story_id
        for story_id, story_json, analysed, last, saved in store.comparison_inputs(
            min_analysed=AHEAD_MIN_ANALYSED
        )
        if saved != fingerprint(story_json, analysed, last)
    ]


def compare_ahead(
    store: SQLiteStore,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[], None] | None = None,
) -> int:
    """Compute and save every missing or stale comparison; returns how many."""
    from newsprism.compare.story import compare_stored_story

    todo = stale_stories(store)
    if on_start:
        on_start(len(todo))
    for story_id in todo:
        compare_stored_story(store, story_id)
        if on_done:
            on_done()
    return len(todo)
