"""Concurrency: ingests into one database at the same time all complete, and every article is
stored exactly once (issue 6, point 4). WAL mode, the busy timeout and BEGIN IMMEDIATE with
retries in the store are what make this work; these tests hold them to it.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from relhelp import clean_env, cli, db_facts, expected_ids, jsonl_records, real_bodies, write_jsonl


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
