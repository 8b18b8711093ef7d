"""Two processes updating stories in one SQLite file at once: neither loses the other's work.

`update_stories` reads the clusterer's state, changes it and writes it back; without the
store's write lock around all of that, the later writer would drop the earlier one's articles
from the state and leave story rows that disagree with each other.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import require_shared

from newsprism.model import Article
from newsprism.store.sqlite import SQLiteStore
from newsprism.stories import persist

# Each worker places its share of the articles a few at a time, so that the two processes'
# read-modify-write cycles overlap many times over.
_WORKER = """
import sys
from newsprism.store.sqlite import SQLiteStore
from newsprism.stories import update_stories

db, ids = sys.argv[1], sys.argv[2].split(",")
with SQLiteStore(db) as store:
    for start in range(0, len(ids), 8):
        update_stories(store, ids[start : start + 8])
"""


def _bodies(n: int) -> list[Article]:
    csv.field_size_limit(sys.maxsize)
    path = require_shared("datasets", "fnc1", "train_bodies.csv")
    articles = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            lines = [x.strip() for x in row["articleBody"].splitlines() if x.strip()]
            if len(lines) < 2:
                continue
            articles.append(
                Article(id=f"fnc-{row['Body ID']}", title=lines[0], paragraphs=tuple(lines[1:]))
            )
            if len(articles) == n:
                break
    return articles


@pytest.mark.slow
def test_two_processes_updating_at_once_place_every_article_once(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    articles = _bodies(160)
    with SQLiteStore(db) as store:
        store.add_articles(articles)
    ids = [a.id for a in articles]
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(db), ",".join(ids[k::2])],
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in (0, 1)
    ]
    for worker in workers:
        _, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err

    with SQLiteStore(db) as store:
        listed = Counter(aid for story in store.iter_stories() for aid in story.article_ids)
        assert set(listed) == set(ids)
        assert max(listed.values()) == 1  # no article listed by two stories
        owner = {aid: story.id for story in store.iter_stories() for aid in story.article_ids}
        assert all(store.story_of(aid) == owner[aid] for aid in ids)
        state = persist.load(store)
        assert state.n_articles_ == len(ids)  # neither process's articles were dropped
        assert all(state.story_id(aid) == owner[aid] for aid in ids)
