"""Crash safety: SIGKILL in the middle of an ingest loses nothing committed and duplicates
nothing; running the same ingest again completes it (issue 6, point 3).

The ingest runs through the real entry point (`python -m newsprism`) in a subprocess, on a
JSON Lines file of real article text, and is killed once the database holds its first
committed batches.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from relhelp import (
    clean_env,
    cli,
    db_facts,
    expected_ids,
    jsonl_records,
    real_bodies,
    run_cli,
    write_jsonl,
)

from newsprism.pipeline import ANALYZE_BATCH, INGEST_BATCH
from newsprism.store.sqlite import SQLiteStore
from newsprism.stories import persist
from newsprism.stories.freeze import FrozenStories

RECORDS = 2500
KILL_AFTER = 2 * INGEST_BATCH
"""Kill once this many articles are committed: mid-way, with whole batches behind it."""


def _stored(db: Path, table: str = "articles") -> int:
    """Rows committed so far, as another process sees them (0 before the schema exists)."""
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _kill_when_stored(
    proc: subprocess.Popen[bytes], db: Path, count: int, table: str = "articles"
) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(
                f"the ingest ended (exit {proc.returncode}) before {count} articles were stored, "
                "so it could not be killed mid-way; give it more records"
            )
        if _stored(db, table) >= count:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            return
        time.sleep(0.01)
    proc.kill()
    pytest.fail("the ingest stored nothing within two minutes")


@pytest.mark.slow
def test_sigkill_mid_ingest_loses_nothing_and_rerun_completes(tmp_path: Path) -> None:
    source = write_jsonl(
        tmp_path / "archive.jsonl", jsonl_records(0, RECORDS, real_bodies(max_chars=1500))
    )
    db = tmp_path / "news.db"
    every = expected_ids(source)
    assert len(every) == RECORDS

    args = ("--db", str(db), "ingest", "--no-analyze", "--no-cluster", "--json", str(source))
    proc = subprocess.Popen(
        cli(*args), env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _kill_when_stored(proc, db, KILL_AFTER)
    assert proc.returncode == -signal.SIGKILL

    after_kill = db_facts(db)
    assert after_kill["integrity"] == "ok"
    stored = after_kill["ids"]
    assert isinstance(stored, set)
    # What was committed is there once, intact, and is what the file holds: no stray rows,
    # no half-written batch, and the full-text index agrees with the table.
    assert KILL_AFTER <= after_kill["rows"] < RECORDS
    assert after_kill["rows"] == len(stored) == after_kill["distinct_bodies"]
    assert after_kill["fts_rows"] == after_kill["rows"]
    assert stored <= every
    assert after_kill["rows"] % INGEST_BATCH == 0

    rerun = run_cli(*args)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["new"] == RECORDS - len(stored)
    assert summary["duplicate"] == len(stored)
    assert summary["skipped"] == []

    final = db_facts(db)
    assert final["integrity"] == "ok"
    assert final["ids"] == every
    assert final["rows"] == RECORDS == final["distinct_bodies"] == final["fts_rows"]


@pytest.mark.slow
def test_sigkill_mid_analysis_then_rerun_analyses_every_article_once(tmp_path: Path) -> None:
    records = 3 * ANALYZE_BATCH
    source = write_jsonl(
        tmp_path / "archive.jsonl", jsonl_records(0, records, real_bodies(max_chars=600))
    )
    db = tmp_path / "news.db"
    args = ("--db", str(db), "ingest", "--no-cluster", "--json", str(source))
    proc = subprocess.Popen(
        cli(*args), env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _kill_when_stored(proc, db, ANALYZE_BATCH, table="analyses")

    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == records
        analysed = con.execute("SELECT count(*) FROM analyses").fetchone()[0]
    finally:
        con.close()
    assert ANALYZE_BATCH <= analysed < records

    rerun = run_cli(*args)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["new"] == 0 and summary["duplicate"] == records
    assert summary["analyzed"] == records - analysed, "only what was left is analysed"

    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM analyses").fetchone()[0] == records
        orphans = con.execute(
            "SELECT count(*) FROM entity_mentions WHERE article_id NOT IN"
            " (SELECT article_id FROM analyses)"
        ).fetchone()[0]
        assert orphans == 0, "no entity rows from a half-saved analysis"
    finally:
        con.close()


def _story_facts(db: Path) -> tuple[set[str], set[str], set[str]]:
    """(stored article ids, ids placed in stories, ids the clusterer's saved state knows)."""
    with SQLiteStore(db) as store:
        every = {row["id"] for row in store.execute("SELECT id FROM articles")}
        placed = {
            row["article_id"] for row in store.execute("SELECT article_id FROM story_articles")
        }
        known = set(persist.load(store).article_row_) | FrozenStories(store).article_ids()
    return every, placed, known


@pytest.mark.slow
def test_sigkill_while_clustering_leaves_stories_and_learned_state_in_step(tmp_path: Path) -> None:
    records = 1200
    source = write_jsonl(
        tmp_path / "archive.jsonl", jsonl_records(0, records, real_bodies(max_chars=1200))
    )
    db = tmp_path / "news.db"
    args = ("--db", str(db), "ingest", "--no-analyze", "--json", str(source))
    proc = subprocess.Popen(
        cli(*args), env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _kill_when_stored(proc, db, records)  # every article read: it is clustering now, or soon

    every, placed, known = _story_facts(db)
    assert len(every) == records
    assert placed == known, "stories and the learned state are saved together or not at all"

    rerun = run_cli(*args)
    assert rerun.returncode == 0, rerun.stderr
    every, placed, known = _story_facts(db)
    assert every == placed == known
