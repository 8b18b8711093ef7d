"""Concurrency: ingests into one database at the same time all complete, and every article is
stored exactly once (issue 6, point 4). WAL mode, the busy timeout and BEGIN IMMEDIATE with
retries in the store are what make this work; these tests hold them to it.
"""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
import time
from pathlib import Path

import pytest
from relhelp import clean_env, cli, db_facts, expected_ids, jsonl_records, real_bodies, write_jsonl

from newsprism.store.sqlite import SQLiteStore
from newsprism.stories import persist
from newsprism.stories.freeze import FrozenStories


def _start(db: Path, source: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        cli("--db", str(db), "ingest", "--no-analyze", "--no-cluster", "--json", str(source)),
        env=clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("ranges", "why"),
    [
        (((0, 1500), (750, 2250)), "two ingests whose inputs overlap by half"),
        (((0, 1000), (0, 1000), (400, 1400)), "the same file twice plus a third overlapping one"),
    ],
)
def test_simultaneous_ingests_store_every_article_once(
    tmp_path: Path, ranges: tuple[tuple[int, int], ...], why: str
) -> None:
    bodies = real_bodies(max_chars=1500)
    sources = [
        write_jsonl(tmp_path / f"part{n}.jsonl", jsonl_records(start, stop, bodies))
        for n, (start, stop) in enumerate(ranges)
    ]
    db = tmp_path / "shared.db"
    every = expected_ids(*sources)
    distinct = len({n for start, stop in ranges for n in range(start, stop)})
    assert len(every) == distinct

    procs = [_start(db, source) for source in sources]
    outputs = [proc.communicate(timeout=300) for proc in procs]

    for proc, (_, stderr) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, f"{why}: {stderr}"
    summaries = [json.loads(stdout) for stdout, _ in outputs]
    # Each article is new to exactly one of the runs, and every other sighting is a duplicate.
    assert sum(s["new"] for s in summaries) == distinct, why
    assert sum(s["new"] + s["duplicate"] for s in summaries) == sum(b - a for a, b in ranges)
    assert all(s["skipped"] == [] for s in summaries)

    facts = db_facts(db)
    assert facts["integrity"] == "ok"
    assert facts["ids"] == every
    assert facts["rows"] == distinct == facts["distinct_bodies"] == facts["fts_rows"]


# Two processes placing different articles into stories at the same moment, through the
# library: the clusterer's learned state must end up knowing every article (regression test
# for the lost update where the last process to save its state dropped the other's articles).
_CLUSTER_WORKER = """
import sys, time
from newsprism.store.sqlite import SQLiteStore
from newsprism.stories import update_stories
db, part, start = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
with SQLiteStore(db) as store:
    ids = [row["id"] for row in store.execute("SELECT id FROM articles ORDER BY rowid")]
    mine = ids[: len(ids) // 2] if part == 0 else ids[len(ids) // 2 :]
    while time.time() < start:
        time.sleep(0.001)
    update_stories(store, mine)
"""


@pytest.mark.slow
def test_simultaneous_clustering_keeps_every_article_in_the_learned_state(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "all.jsonl", jsonl_records(0, 400, real_bodies(max_chars=1200)))
    db = tmp_path / "stories.db"
    stored = subprocess.run(
        cli("--db", str(db), "ingest", "--no-analyze", "--no-cluster", str(source)),
        env=clean_env(),
        capture_output=True,
        check=False,
    )
    assert stored.returncode == 0, stored.stderr
    start = time.time() + 3  # both workers loaded and waiting before either begins
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _CLUSTER_WORKER, str(db), str(part), str(start)],
            env=clean_env(),
            stderr=subprocess.PIPE,
            text=True,
        )
        for part in (0, 1)
    ]
    for worker in workers:
        _, stderr = worker.communicate(timeout=300)
        assert worker.returncode == 0, stderr

    with SQLiteStore(db) as store:
        known = set(persist.load(store).article_row_) | FrozenStories(store).article_ids()
        every = {row["id"] for row in store.execute("SELECT id FROM articles")}
        placed = {
            row["article_id"] for row in store.execute("SELECT article_id FROM story_articles")
        }
        listed = [aid for story in store.iter_stories() for aid in story.article_ids]
    assert known == every == placed
    assert sorted(listed) == sorted(every), "each article listed in exactly one story"


def _open_and_close(path: str) -> str:
    try:
        SQLiteStore(path).close()
    except Exception as exc:  # reported back to the test, which names it
        return str(exc)
    return "ok"


def test_processes_opening_one_new_database_together_all_succeed(tmp_path: Path) -> None:
    """Switching a new file to WAL fails at once with "database is locked" while another process
    is switching it too (SQLite calls no busy handler there). CI met this as two ingests starting
    together on a fresh --db: one called the file damaged and gave up. Before the fix, about one
    opening in 25 failed in this test."""
    paths = [str(tmp_path / f"fresh{n}.db") for n in range(12)]
    with multiprocessing.get_context("fork").Pool(8) as pool:
        outcomes = [pool.map(_open_and_close, [path] * 8) for path in paths]
    failures = [result for results in outcomes for result in results if result != "ok"]
    assert failures == []
    for path in paths:
        with SQLiteStore(path) as store:
            assert store.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
