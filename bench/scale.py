"""Analysis throughput of one process, spaCy's n_process=2 and a 2-worker Dask LocalCluster.

The same N real articles (PolNeAR train+dev texts, by path from ../shared) are stored in a
fresh SQLite file for each runner, and each runner analyses and saves all of them: one process
(`pipeline.analyze_stored`, n_process=1), spaCy's own worker processes (n_process=2), and the
Dask runner (`scale.analyze_on_dask`) on a LocalCluster of 2 one-threaded worker processes,
whose workers write the Parquet dataset as well. Every runner has its model loaded before the
clock starts (the cluster is started and each worker loads spaCy first), so the figures are
steady-state throughput. Prints one JSON line with articles per second of each and the ratios.

    .venv/bin/python bench/scale.py --n 2000
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from analyze_speed import polnear_articles
from shared_data import shared_or_exit

from newsprism.analyze.nlp import load_model
from newsprism.config import Settings
from newsprism.model import Article
from newsprism.pipeline import analyze_stored
from newsprism.scale.runner import analyze_on_dask
from newsprism.store.sqlite import SQLiteStore


def _timed(articles: list[Article], folder: Path, run: Callable[[SQLiteStore], int]) -> float:
    """Articles per second of `run` over a fresh store holding `articles`."""
    with SQLiteStore(folder / "bench.db") as store:
        store.add_articles(articles)
        start = time.perf_counter()
        done = run(store)
        seconds = time.perf_counter() - start
    if done != len(articles):
        sys.exit(f"analysed {done} of {len(articles)} articles")
    return len(articles) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="PolNeAR folder (default ../shared/...)")
    parser.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
    parser.add_argument("--workers", type=int, default=2, help="processes of each parallel run")
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    data = args.data or shared_or_exit() / "datasets" / "polnear"
    articles = polnear_articles(data, args.n)
    if not articles:
        sys.exit(f"no PolNeAR texts under {data}")
    one = Settings(n_process=1)
    many = dataclasses.replace(one, n_process=args.workers)
    load_model(one.model)
    rates: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, settings in (("one_process", one), ("n_process", many)):
            (root / name).mkdir()
            rates[name] = _timed(
                articles, root / name, lambda store, s=settings: analyze_stored(store, s)
            )
        with (
            LocalCluster(
                n_workers=args.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            ) as cluster,
            Client(cluster) as client,
        ):
            client.run(load_model, one.model)
            (root / "dask").mkdir()
            rates["dask"] = _timed(
                articles,
                root / "dask",
                lambda store: analyze_on_dask(
                    store, one, address=cluster.scheduler_address, parquet_dir=root / "pq"
                ),
            )
    print(
        json.dumps(
            {
                "articles": len(articles),
                "workers": args.workers,
                "one_process_per_s": round(rates["one_process"], 2),
                "n_process_per_s": round(rates["n_process"], 2),
                "dask_local_cluster_per_s": round(rates["dask"], 2),
                "n_process_vs_one": round(rates["n_process"] / rates["one_process"], 3),
                "dask_vs_one": round(rates["dask"] / rates["one_process"], 3),
            }
        )
    )


if __name__ == "__main__":
    main()
