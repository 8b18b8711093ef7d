"""Analysis throughput of one process, spaCy's n_process=2 and a 2-worker Dask LocalCluster.

The same N real articles (PolNeAR train+dev texts, by path from ../shared; past its 923
distinct texts the same texts again under new ids) are stored in a
fresh SQLite file for each runner, and each runner analyses and saves all of them: one process
(`pipeline.analyze_stored`, n_process=1), spaCy's own worker processes (n_process=2), and the
Dask runner (`scale.analyze_on_dask`) on the LocalCluster `--dask` starts (2 one-threaded
worker processes), whose workers write the Parquet dataset as well. Every runner has its model
loaded before the clock starts (the cluster is started and each worker loads spaCy first), so
the figures are steady-state throughput. Prints one JSON line with, for each runner, articles
per second, CPU seconds per article (this process, spaCy's finished worker processes and the
cluster's live processes; a loaded machine distorts it less than the wall clock), this
process's share of it, and the cores the run had (CPU seconds per wall second); and the
throughput ratios.

    .venv/bin/python bench/scale.py --n 2000
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from analyze_speed import polnear_articles
from shared_data import shared_or_exit

from newsprism.analyze.nlp import load_model
from newsprism.config import Settings
from newsprism.model import Article, article_id
from newsprism.pipeline import analyze_stored
from newsprism.scale.runner import analyze_on_dask, dask_client
from newsprism.store.sqlite import SQLiteStore


def _cpu_seconds() -> float:
    """CPU seconds used so far by this process, its finished children (spaCy's n_process
    workers) and its live descendants (the LocalCluster's nannies and workers)."""
    import psutil

    finished = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = time.process_time() + finished.ru_utime + finished.ru_stime
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


@dataclasses.dataclass
class _Run:
    per_s: float
    cpu_s_per_article: float
    driver_cpu_s_per_article: float
    """This process's share: for the parallel runs, handing out work and saving results."""


def _timed(articles: list[Article], folder: Path, run: Callable[[SQLiteStore], int]) -> _Run:
    """Throughput and CPU cost of `run` over a fresh store holding `articles`."""
    with SQLiteStore(folder / "bench.db") as store:
        store.add_articles(articles)
        start, cpu, driver = time.perf_counter(), _cpu_seconds(), time.process_time()
        done = run(store)
        seconds = time.perf_counter() - start
        cpu, driver = _cpu_seconds() - cpu, time.process_time() - driver
    if done != len(articles):
        sys.exit(f"analysed {done} of {len(articles)} articles")
    n = len(articles)
    return _Run(n / seconds, cpu / n, driver / n)


def _grown(real: list[Article], n: int) -> list[Article]:
    """`n` articles with distinct ids: PolNeAR's distinct texts (924 files, 923 texts), then
    the same texts again under new ids, for as many rounds as it takes."""
    unique = list({a.id: a for a in real}.values())
    grown = unique[:n]
    copy = 1
    while unique and len(grown) < n:
        for article in unique[: n - len(grown)]:
            grown.append(dataclasses.replace(article, id=article_id(f"{copy}:{article.body}")))
        copy += 1
    return grown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="PolNeAR folder (default ../shared/...)")
    parser.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
    parser.add_argument("--workers", type=int, default=2, help="processes of each parallel run")
    args = parser.parse_args()

    data = args.data or shared_or_exit() / "datasets" / "polnear"
    articles = _grown(polnear_articles(data, args.n), args.n)
    if not articles:
        sys.exit(f"no PolNeAR texts under {data}")
    one = Settings(n_process=1)
    many = dataclasses.replace(one, n_process=args.workers)
    load_model(one.model)
    rates: dict[str, _Run] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, settings in (("one_process", one), ("n_process", many)):
            (root / name).mkdir()
            rates[name] = _timed(
                articles, root / name, lambda store, s=settings: analyze_stored(store, s)
            )
        # The LocalCluster `--dask` starts (runner.dask_client), with its settings.
        with dask_client(n_workers=args.workers) as client:
            client.run(load_model, one.model)
            address = client.scheduler.address
            (root / "dask").mkdir()
            rates["dask"] = _timed(
                articles,
                root / "dask",
                lambda store: analyze_on_dask(store, one, address=address, parquet_dir=root / "pq"),
            )
    one_s = rates["one_process"].per_s
    figures: dict[str, object] = {
        "articles": len(articles),
        "workers": args.workers,
        "cores": os.cpu_count(),
        "load_average_1m_after": round(os.getloadavg()[0], 2),
    }
    for name, run in rates.items():
        figures[f"{name}_per_s"] = round(run.per_s, 2)
        figures[f"{name}_cpu_s_per_article"] = round(run.cpu_s_per_article, 4)
        figures[f"{name}_driver_cpu_s_per_article"] = round(run.driver_cpu_s_per_article, 4)
        # CPU seconds per wall second: how many cores the run had (at most `workers`).
        figures[f"{name}_cores_used"] = round(run.cpu_s_per_article * run.per_s, 2)
    figures["n_process_vs_one"] = round(rates["n_process"].per_s / one_s, 3)
    figures["dask_vs_one"] = round(rates["dask"].per_s / one_s, 3)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
