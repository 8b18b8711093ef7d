"""The Dask runner against a real `dask scheduler` and two `dask worker` processes on localhost:
the same analyses and stories as one process, a worker killed mid-run loses nothing, and a
run killed after a part was written does not count that part's articles twice (issue 14).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from conftest import SAMPLES

from newsprism.analyze import analyze_articles
from newsprism.config import Settings
from newsprism.errors import ConfigError
from newsprism.pipeline import Progress, ingest
from newsprism.scale import dask_analyze, dask_ingest
from newsprism.scale.parquet import write_analyses
from newsprism.scale.runner import (
    PARTITION_SIZE,
    SMALLEST_PARTITION,
    check_address,
    partition_sizes,
)
from newsprism.store.sqlite import SQLiteStore


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real scheduler and two one-threaded workers, each a separate process."""
    from distributed import Client

    work = tmp_path_factory.mktemp("dask")
    address = f"tcp://127.0.0.1:{_free_port()}"
    log = (work / "cluster.log").open("wb")
    dask = [sys.executable, "-m", "dask"]
    procs = [
        subprocess.Popen(
            [
                *dask,
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                address.rsplit(":", 1)[1],
                "--no-dashboard",
            ],
            stdout=log,
            stderr=log,
        )
    ]
    for name in ("w1", "w2"):
        procs.append(
            subprocess.Popen(
                [
                    *dask,
                    "worker",
                    address,
                    "--nthreads",
                    "1",
                    "--name",
                    name,
                    "--no-dashboard",
                    "--local-directory",
                    str(work / name),
                ],
                stdout=log,
                stderr=log,
            )
        )
    try:
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        log.close()


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "newsprism", *args], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    return result


def _analyses(db: Path) -> dict[str, dict[str, object]]:
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT article_id, data FROM analyses").fetchall()
    return {aid: json.loads(data) for aid, data in rows}


def _stories(db: Path) -> set[frozenset[str]]:
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT story_id, article_id FROM story_articles").fetchall()
    members: dict[str, set[str]] = {}
    for story, article in rows:
        members.setdefault(story, set()).add(article)
    return {frozenset(ids) for ids in members.values()}


def _table(root: Path, name: str) -> pd.DataFrame:
    frame = pd.read_parquet(root / name)
    return frame.sort_values(list(frame.columns[:4])).reset_index(drop=True)


def test_ingest_on_workers_gets_what_one_process_gets(tmp_path: Path, scheduler: str) -> None:
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    _cli("--db", str(one), "ingest", str(SAMPLES))
    out = _cli("--db", str(two), "ingest", str(SAMPLES), "--dask", scheduler, "--parquet",
               str(tmp_path / "two.parquet"))  # fmt: skip
    assert "analysed 18" in out.stdout

    assert _analyses(two) == _analyses(one)
    assert _stories(two) == _stories(one)
    assert len(_stories(one)) >= 4

    # The dataset the workers wrote is the one `export` writes from the one-process store.
    _cli("--db", str(one), "export", "--format", "parquet", "--out", str(tmp_path / "one.pq"))
    tables = ("articles", "entities", "quotes", "figures", "times", "story_articles")
    # The people tables, written by this process after clustering: whom each name means.
    for table in (*tables, "people", "person_keys"):
        assert _table(tmp_path / "two.parquet", table).equals(_table(tmp_path / "one.pq", table))
    articles = pd.read_parquet(tmp_path / "two.parquet" / "articles")
    assert len(articles) == 18 and articles["article_id"].is_unique
    quotes = pd.read_parquet(tmp_path / "two.parquet" / "quotes")
    assert len(quotes) == sum(len(a["quotes"]) for a in _analyses(two).values())  # type: ignore[arg-type]


def test_a_worker_killed_mid_run_loses_nothing(tmp_path: Path, scheduler: str) -> None:
    from distributed import Client

    with Client(scheduler, timeout="60s") as client:
        pids = list(client.run(os.getpid).values())
    killed: list[int] = []

    def kill_one() -> None:
        if not killed:
            os.kill(pids[0], signal.SIGKILL)
            killed.append(pids[0])

    folder = tmp_path / "out.parquet"
    with SQLiteStore(tmp_path / "k.db") as store:
        report = dask_ingest(
            [str(SAMPLES)],
            store,
            Settings(db=str(tmp_path / "k.db")),
            address=scheduler,
            parquet_dir=folder,
            progress=Progress(on_partition_done=kill_one),
            partition_size=2,
        )
        assert killed
        assert report.analyzed == 18 and not report.analysis_failed
        assert store.unanalyzed_ids() == []
        stored = {row[0] for row in store.execute("SELECT id FROM articles")}
    articles = pd.read_parquet(folder / "articles")
    assert articles["article_id"].is_unique
    assert set(articles["article_id"]) == stored
    # The nanny restarts the killed worker, so the next test has two again.
    with Client(scheduler, timeout="60s") as client:
        client.wait_for_workers(2, timeout=120)


def test_a_resumed_run_drops_the_parts_of_the_killed_one(tmp_path: Path, scheduler: str) -> None:
    settings = Settings(db=str(tmp_path / "r.db"))
    folder = tmp_path / "r.parquet"
    with SQLiteStore(settings.db) as store:
        ingest([str(SAMPLES)], store, settings, analyze=False, cluster=False)
        # What a run killed after a worker wrote its part, before the store had it, leaves:
        first = list(store.iter_articles(limit=3))
        write_analyses(folder, first, list(analyze_articles(first, settings)))
        (folder / "quotes" / ".part-x.parquet.tmp").write_bytes(b"half a file")
        partitions: list[int] = []
        done = dask_analyze(
            store,
            settings,
            address=scheduler,
            parquet_dir=folder,
            progress=Progress(on_partitions=partitions.append),
        )
        assert done == 18
    # 18 articles on 2 workers: small partitions, several per worker, so neither worker is
    # left alone with a long last partition.
    assert partitions == [len(partition_sizes(18, 2))] and partitions[0] >= 4
    articles = pd.read_parquet(folder / "articles")
    assert len(articles) == 18 and articles["article_id"].is_unique
    assert not list(folder.glob("*/.*.tmp"))


@pytest.mark.parametrize("articles", [1, 7, 18, 1000, 2000, 100_000])
def test_partitions_shrink_so_workers_run_out_of_work_together(articles: int) -> None:
    sizes = partition_sizes(articles, workers=2)
    assert sum(sizes) == articles and min(sizes) >= 1 and max(sizes) <= PARTITION_SIZE
    # The last partitions are small: the end of a run is not one worker on a long partition.
    assert all(size <= SMALLEST_PARTITION for size in sizes[-4:])
    # And a large run is not cut finer than it needs to be.
    assert len(sizes) <= articles // PARTITION_SIZE + 40


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:8786", "scheduler.local:8786", None, "local"])
def test_scheduler_addresses_are_taken(address: str | None) -> None:
    assert check_address(address) in (address, None)


def test_a_path_given_as_address_says_where_to_put_dask(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="put --dask after the sources"):
        check_address(str(tmp_path))
    started = time.monotonic()
    with pytest.raises(ConfigError, match="not a scheduler address"):
        check_address("no address")
    assert time.monotonic() - started < 1


def test_a_scheduler_without_workers_is_an_error_not_a_hang() -> None:
    from distributed import Client, LocalCluster

    from newsprism.scale.runner import _count_workers

    with (
        LocalCluster(n_workers=0, processes=False, dashboard_address=None) as cluster,
        Client(cluster) as client,
        pytest.raises(ConfigError, match="has no workers"),
    ):
        _count_workers(client, wait="1s")


def test_the_local_cluster_works_without_the_profiler() -> None:
    import dask

    from newsprism.scale.runner import dask_client

    with dask_client(n_workers=1) as client:
        enabled = client.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
    assert list(enabled.values()) == [False]
