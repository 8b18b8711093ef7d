"""Research scale: the analyze stage on a Dask cluster, results as a Parquet dataset.

- runner.py: `analyze_on_dask` runs `newsprism.analyze.analyze_articles` over partitions of
  the store's articles on a running scheduler's workers or on a LocalCluster of processes
- parquet.py: the partitioned Parquet dataset (schemas, parts written whole by the workers,
  `export_parquet` from an existing database, `prune_orphans` for resumed runs)

`dask_ingest` and `dask_analyze` are `newsprism ingest --dask` and `newsprism analyze --dask`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from newsprism.config import Settings
from newsprism.model import Skipped
from newsprism.pipeline import IngestReport, Progress, ingest, resolve_people
from newsprism.scale.parquet import SCHEMAS, export_parquet, write_corpus_tables
from newsprism.scale.runner import PARTITION_SIZE, analyze_on_dask, check_address, dask_client
from newsprism.store.sqlite import SQLiteStore

__all__ = [
    "SCHEMAS",
    "analyze_on_dask",
    "check_address",
    "dask_analyze",
    "dask_client",
    "dask_ingest",
    "default_parquet_dir",
    "export_parquet",
]


def default_parquet_dir(db: str) -> str:
    """Where `--dask` writes the Parquet dataset unless told: beside the database."""
    return str(Path(db).with_suffix("")) + ".parquet"


def dask_ingest(
    sources: Iterable[str],
    store: SQLiteStore,
    settings: Settings,
    *,
    address: str | None = None,
    n_workers: int | None = None,
    parquet_dir: str | Path | None = None,
    fields: Mapping[str, str] | None = None,
    analyze: bool = True,
    cluster: bool = True,
    compare: bool = True,
    progress: Progress | None = None,
    partition_size: int = PARTITION_SIZE,
) -> IngestReport:
    """`pipeline.ingest` with the analysis on a Dask cluster; the story and people tables of
    the Parquet dataset are rewritten after clustering and name resolution (the workers wrote
    their parts before either)."""
    check_address(address)

    def on_dask(
        store: SQLiteStore, settings: Settings, progress: Progress, failed: list[Skipped]
    ) -> int:
        return analyze_on_dask(
            store,
            settings,
            address=address,
            n_workers=n_workers,
            parquet_dir=parquet_dir,
            progress=progress,
            failed=failed,
            partition_size=partition_size,
        )

    report = ingest(
        sources,
        store,
        settings,
        fields=fields,
        analyze=analyze,
        cluster=cluster,
        compare=compare,
        progress=progress,
        analyzer=on_dask,
    )
    if parquet_dir is not None:
        write_corpus_tables(parquet_dir, store)
    return report


def dask_analyze(
    store: SQLiteStore,
    settings: Settings,
    *,
    address: str | None = None,
    n_workers: int | None = None,
    parquet_dir: str | Path | None = None,
    article_ids: Sequence[str] | None = None,
    progress: Progress | None = None,
    failed: list[Skipped] | None = None,
    partition_size: int = PARTITION_SIZE,
) -> int:
    """`newsprism analyze --dask`: analyse on the cluster, decide whom the names mean
    (`pipeline.resolve_people`), then refresh the story and people tables."""
    done = analyze_on_dask(
        store,
        settings,
        address=address,
        n_workers=n_workers,
        article_ids=article_ids,
        parquet_dir=parquet_dir,
        progress=progress,
        failed=failed,
        partition_size=partition_size,
    )
    if done:
        resolve_people(store)
    if parquet_dir is not None:
        write_corpus_tables(parquet_dir, store)
    return done
