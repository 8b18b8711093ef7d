"""The Dask runner: the analyze stage's partitions on a cluster's workers.

The stage is the same function in every runner (`newsprism.analyze.analyze_articles`); this
module only decides where it runs. The driver (the process that owns the SQLite store) cuts
the articles still to analyse into partitions, hands a bounded number at a time to the
cluster, and saves each partition's analyses as it comes back. Each worker is one process
with one thread: it loads spaCy once (`load_model` is cached per process) and keeps it for
every partition it is given; when a Parquet folder is given, it writes its partition's part
of the dataset itself, so parts are written in parallel.

Recovery: Dask runs a task again on another worker when its worker dies; the retried task
writes the same part name (a part is named by its articles), so nothing is written twice. A
killed run loses only the partitions in flight: the store has no analyses of them, so the
next run analyses them again, after `parquet.prune_orphans` has removed their parts.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import functools
import itertools
import logging
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsprism.config import Settings
from newsprism.errors import ConfigError
from newsprism.model import Article, Skipped
from newsprism.pipeline import Progress
from newsprism.scale import parquet
from newsprism.store.sqlite import EncodedAnalysis, SQLiteStore

log = logging.getLogger(__name__)

PARTITION_SIZE = 128
"""Articles per task: large enough that scheduling costs nothing against ~0.2 s of analysis
per article, small enough that a killed worker loses a few seconds of work."""

IN_FLIGHT_PER_WORKER = 2
"""Partitions handed out per worker at a time: one running, one waiting, so the driver's
memory stays bounded however large the corpus is."""

SMALLEST_PARTITION = 8
"""The run's last partitions shrink to this size. A run ends with its last partition while the
other workers have run out of work; partitions that shrink as the work left does (each about
a quarter of a worker's share of what is left) keep that end short without paying a task's
overhead for every few articles through the run."""

QUIET_WORKERS = {
    # No dashboard is served, so nothing reads the workers' statistical profiler, which would
    # otherwise walk the analysing thread's stack 100 times a second under the GIL.
    "distributed.worker.profile.enabled": False,
    # Each wake-up of a worker's event loop takes the GIL from the analysis. At Dask's
    # defaults (a health tick every 20 ms, memory checks every 100 ms, system figures every
    # 500 ms) the loop used about 15 ms of CPU per article analysed (~6%); at these, about 3.
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}
"""Settings of the LocalCluster's workers; workers started by `dask worker` take theirs from
their own Dask configuration (the README shows the same settings as a YAML file)."""

_ADDRESS = re.compile(r"^(tcp|tls|inproc|ucx|ws|wss)://|^[\w.-]+:\d+$")


def looks_like_address(text: str) -> bool:
    """Whether `text` is written like a Dask scheduler address (tcp://HOST:PORT, HOST:PORT)."""
    return bool(_ADDRESS.search(text)) and not Path(text).exists()


def check_address(address: str | None) -> str | None:
    """The scheduler address as given, or a ConfigError that says what an address looks like."""
    if address is None or address == "" or address == "local":
        return None
    if not _ADDRESS.search(address):
        hint = (
            " It is a path: put --dask after the sources, or write --dask local."
            if Path(address).exists()
            else ""
        )
        raise ConfigError(
            f"--dask {address!r} is not a scheduler address (tcp://HOST:PORT or HOST:PORT).{hint}"
        )
    return address


@contextmanager
def dask_client(address: str | None = None, n_workers: int | None = None) -> Iterator[Any]:
    """A Dask client: of the running scheduler at `address`, else of a new LocalCluster of
    one-threaded worker processes, one per core (spaCy holds the GIL: threads would not help)."""
    from distributed import Client, LocalCluster

    address = check_address(address)
    if address is not None:
        try:
            client = Client(address, timeout="30s")
        except OSError as exc:
            raise ConfigError(
                f"Cannot reach the Dask scheduler at {address}: {exc}. Start one with "
                "`dask scheduler` and workers with `dask worker ADDRESS`, or omit the address "
                "to run a local cluster."
            ) from exc
        with client:
            yield client
        return
    import dask

    workers = n_workers or os.cpu_count() or 1
    with (
        dask.config.set(QUIET_WORKERS),
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


MMAP_THRESHOLD = 32 * 1024 * 1024
"""glibc's own ceiling for the threshold above which it maps memory for one allocation."""


@functools.cache
def _steady_allocator() -> None:
    """Let glibc keep freed blocks for reuse, as it does in a process Dask did not start.

    A Dask nanny starts its worker with MALLOC_TRIM_THRESHOLD_ set, and setting any malloc
    tunable switches off glibc's sliding mmap threshold: every allocation over 128 KiB (spaCy
    makes many per document) is then a fresh mmap and munmap: 20-85 ms of kernel time per
    PolNeAR article in a worker, against 1-12 ms in a plain process. Fixing the threshold at
    the ceiling glibc would slide it to, once per worker process, brings the kernel's share
    back to one process's.
    """
    name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(name) if name else None
    mallopt = getattr(libc, "mallopt", None)
    if mallopt is not None:
        m_mmap_threshold = -3  # from glibc's malloc.h
        mallopt(m_mmap_threshold, MMAP_THRESHOLD)


def analyze_partition(
    articles: list[Article], settings: Settings, parquet_dir: str | None
) -> tuple[list[EncodedAnalysis], list[Skipped]]:
    """Run on a worker: the analyze stage over one partition, and its Parquet part; the
    analyses go back encoded as the store writes them."""
    from newsprism.analyze import analyze_articles

    _steady_allocator()
    failed: list[Skipped] = []

    def _failed(article: Article, exc: Exception) -> None:
        failed.append(Skipped(article.source or article.id, f"analysis failed: {exc!r}"))

    # One process per worker already: spaCy's own worker processes would only compete.
    local = dataclasses.replace(settings, n_process=1)
    analyses = list(analyze_articles(articles, local, on_error=_failed))
    if parquet_dir is not None and analyses:
        parquet.write_analyses(parquet_dir, articles, analyses)
    return [EncodedAnalysis.of(analysis) for analysis in analyses], failed


def analyze_on_dask(
    store: SQLiteStore,
    settings: Settings,
    *,
    address: str | None = None,
    n_workers: int | None = None,
    article_ids: Sequence[str] | None = None,
    parquet_dir: str | Path | None = None,
    progress: Progress | None = None,
    failed: list[Skipped] | None = None,
    partition_size: int = PARTITION_SIZE,
) -> int:
    """Analyse stored articles on a Dask cluster (by default every one without an analysis)
    and save the analyses in the store; returns how many were analysed.

    `address` is a running scheduler's; without it a LocalCluster of `n_workers` processes
    (default: one per core) is started for this call. With `parquet_dir`, the workers write
    the analysis tables of the Parquet dataset there (a folder every worker can reach); with
    `article_ids` (analyse these again) that folder's analysis tables are rewritten whole.
    """
    progress = progress or Progress()
    # Absolute: a worker on another machine, or in another directory, writes to the same place.
    folder = str(Path(parquet_dir).resolve()) if parquet_dir is not None else None
    ids = list(store.unanalyzed_ids() if article_ids is None else article_ids)
    if progress.on_analyze_start:
        progress.on_analyze_start(len(ids))
    if not ids:
        return 0
    with dask_client(address, n_workers) as client:
        # The dataset is touched only once the cluster is there to rewrite it.
        if folder is not None:
            if article_ids is not None:
                parquet.clear(folder)
            removed = parquet.prune_orphans(folder, store)
            if removed:
                log.info("removed %d Parquet part(s) of an interrupted run", removed)
        workers = _count_workers(client)
        ends = list(itertools.accumulate(partition_sizes(len(ids), workers, partition_size)))
        chunks = [ids[start:end] for start, end in zip([0, *ends], ends, strict=False)]
        if progress.on_partitions:
            progress.on_partitions(len(chunks))
        return _run(store, settings, client, chunks, workers, folder, progress, failed)


def partition_sizes(articles: int, workers: int, largest: int = PARTITION_SIZE) -> list[int]:
    """Sizes of the partitions `articles` are cut into for `workers`: `largest` while much
    is left, then a quarter of each worker's share of what is left, down to
    SMALLEST_PARTITION, so the workers run out of work within a few articles of each other."""
    sizes = []
    left = articles
    # A small run's partitions are all small, so that every worker gets a share of it.
    smallest = min(SMALLEST_PARTITION, -(-articles // (4 * workers)))
    while left > 0:
        share = -(-left // (4 * workers))
        size = min(left, largest, max(smallest, share))
        sizes.append(size)
        left -= size
    return sizes


def _run(
    store: SQLiteStore,
    settings: Settings,
    client: Any,
    chunks: list[list[str]],
    workers: int,
    folder: str | None,
    progress: Progress,
    failed: list[Skipped] | None,
) -> int:
    from distributed import as_completed

    pending = iter(chunks)

    def submit(chunk: list[str]) -> Any:
        articles = list(store.iter_articles(ids=chunk))
        return client.submit(
            analyze_partition,
            articles,
            settings,
            folder,
            key=f"newsprism-analyze-{parquet.part_name(chunk)}",
        )

    running = as_completed([submit(c) for c in _take(pending, workers * IN_FLIGHT_PER_WORKER)])
    done = 0
    for future in running:
        analyses, failures = future.result()
        store.save_analyses(analyses)
        done += len(analyses)
        for item in failures:
            log.warning("skipped %s", item)
            if failed is not None:
                failed.append(item)
            if progress.on_skip:
                progress.on_skip(item)
        if progress.on_analyzed:
            progress.on_analyzed(len(analyses) + len(failures))
        if progress.on_partition_done:
            progress.on_partition_done()
        future.release()
        for chunk in _take(pending, 1):
            running.add(submit(chunk))
    return done


def _count_workers(client: Any, wait: str = "60s") -> int:
    """The cluster's workers, waiting a while for a first one to join a bare scheduler."""
    workers = len(client.scheduler_info(n_workers=-1).get("workers", {}))
    if workers:
        return workers
    try:
        client.wait_for_workers(1, timeout=wait)
    except TimeoutError as exc:
        raise ConfigError(
            f"The Dask scheduler at {client.scheduler.address} has no workers (waited {wait}). "
            "Start some with `dask worker ADDRESS --nthreads 1`."
        ) from exc
    return max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))


def _take(chunks: Iterator[list[str]], count: int) -> list[list[str]]:
    return [chunk for _, chunk in zip(range(count), chunks, strict=False)]
