"""The runner that chains the stages: read -> store -> analyze -> stories -> compare.

Stages are plain functions over records; this module decides batching and what is resumed.
Articles are committed in batches as they are read, so a crash loses at most the batch in
flight; analysis, clustering and comparing then work from what the store lacks (articles without an
analysis, articles in no story, stories without an up-to-date comparison), so running the same
ingest again completes an interrupted one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from newsprism.config import Settings
from newsprism.model import Analysis, Article, Skipped, Story
from newsprism.store.sqlite import SQLiteStore

log = logging.getLogger(__name__)

INGEST_BATCH = 200
"""Articles per write transaction while ingesting."""

ANALYZE_BATCH = 64
"""Analyses per write transaction."""


@dataclass
class IngestReport:
    """What one ingest did."""

    read: int = 0
    new: list[str] = field(default_factory=list)
    duplicate: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    analyzed: int = 0
    analysis_failed: list[Skipped] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    compared: int = 0

    @property
    def ok(self) -> bool:
        """False only when something was given but no article could be read from it."""
        return self.read > 0 or not self.skipped


@dataclass
class Progress:
    """Callbacks a front end can give to follow a long run; all optional."""

    on_article: Callable[[Article], None] | None = None
    on_skip: Callable[[Skipped], None] | None = None
    on_analyze_start: Callable[[int], None] | None = None
    on_analyzed: Callable[[int], None] | None = None
    on_partitions: Callable[[int], None] | None = None
    """Called once by a runner that analyses in partitions, with their number."""
    on_partition_done: Callable[[], None] | None = None
    on_compare_start: Callable[[int], None] | None = None
    """Called with the number of stories whose comparison will be computed ahead."""
    on_compared: Callable[[], None] | None = None


def store_articles(
    items: Iterable[Article | Skipped],
    store: SQLiteStore,
    report: IngestReport,
    progress: Progress | None = None,
    batch_size: int = INGEST_BATCH,
) -> None:
    """Write articles to the store in batches, recording new, duplicate and skipped."""
    progress = progress or Progress()
    batch: list[Article] = []

    def flush() -> None:
        if batch:
            result = store.add_articles(batch)
            report.new.extend(result.new)
            report.duplicate.extend(result.duplicate)
            batch.clear()

    for item in items:
        if isinstance(item, Skipped):
            report.skipped.append(item)
            log.warning("skipped %s", item)
            if progress.on_skip:
                progress.on_skip(item)
            continue
        report.read += 1
        batch.append(item)
        if progress.on_article:
            progress.on_article(item)
        if len(batch) >= batch_size:
            flush()
    flush()


def analyze_stored(
    store: SQLiteStore,
    settings: Settings,
    article_ids: list[str] | None = None,
    progress: Progress | None = None,
    failed: list[Skipped] | None = None,
) -> int:
    """Analyse stored articles (by default every one without an analysis); returns how many.

    An article whose analysis fails is reported (to `failed` and progress.on_skip) and left
    without an analysis, so a later run retries it; it does not stop the others.
    """
    from newsprism.analyze import analyze_articles

    progress = progress or Progress()

    def _report_failure(article: Article, exc: Exception) -> None:
        item = Skipped(f"{article.source or article.id}", f"analysis failed: {exc!r}")
        if failed is not None:
            failed.append(item)
        if progress.on_skip:
            progress.on_skip(item)

    ids = store.unanalyzed_ids() if article_ids is None else article_ids
    if progress.on_analyze_start:
        progress.on_analyze_start(len(ids))

    def stored() -> Iterator[Article]:
        for start in range(0, len(ids), ANALYZE_BATCH):
            yield from list(store.iter_articles(ids=ids[start : start + ANALYZE_BATCH]))

    done = 0
    batch: list[Analysis] = []

    def save() -> None:
        nonlocal done
        store.save_analyses(batch)
        done += len(batch)
        if progress.on_analyzed:
            progress.on_analyzed(len(batch))
        batch.clear()

    # One stream through spaCy for the whole run: with n_process > 1, each call of nlp.pipe
    # starts (and loads the model in) new worker processes, so a call per batch cost seconds.
    for analysis in analyze_articles(stored(), settings, on_error=_report_failure):
        batch.append(analysis)
        if len(batch) >= ANALYZE_BATCH:
            save()
    if batch:
        save()
    return done


Analyzer = Callable[[SQLiteStore, Settings, Progress, list[Skipped]], int]
"""A runner of the analyze stage over the store's unanalysed articles: returns how many it
analysed, reporting failures to the list. `analyze_stored` runs here; `newsprism.scale`
runs the same stage on a Dask cluster."""


def _analyze_here(
    store: SQLiteStore, settings: Settings, progress: Progress, failed: list[Skipped]
) -> int:
    return analyze_stored(store, settings, progress=progress, failed=failed)


def ingest(
    sources: Iterable[str],
    store: SQLiteStore,
    settings: Settings,
    *,
    fields: Mapping[str, str] | None = None,
    analyze: bool = True,
    cluster: bool = True,
    compare: bool = True,
    progress: Progress | None = None,
    analyzer: Analyzer | None = None,
) -> IngestReport:
    """Read sources into the store, then analyse and cluster what is new (or left over), and
    compute ahead the comparisons of the stories that changed (`compare_ahead`).

    `analyzer` decides where analysis runs (default: this process, `settings.n_process`).
    """
    from newsprism.ingest import read_sources

    progress = progress or Progress()
    report = IngestReport()
    store_articles(read_sources(sources, settings, fields), store, report, progress)
    if analyze:
        run = analyzer or _analyze_here
        report.analyzed = run(store, settings, progress, report.analysis_failed)
    if cluster:
        from newsprism.stories import update_stories

        report.stories = update_stories(store, store.unclustered_ids(), settings)
        resolve_people(store)
        if compare:
            report.compared = compare_ahead(store, progress)
    return report


def resolve_people(store: SQLiteStore, settle: bool = True) -> int:
    """Decide whom each stored name means in its article, now that stories are known ("Bush"
    in a story about Jeb is Jeb); returns how many entity rows changed person. `settle=False`
    after an edit of stories (a merge, a move), which changes no name's count in the corpus:
    only the names read in the light of their story are decided again."""
    from newsprism.analyze.people import resolve_stored

    return resolve_stored(store, settle=settle)


def compare_ahead(store: SQLiteStore, progress: Progress | None = None) -> int:
    """Compute and save every missing or stale comparison of a story with two or more
    analysed articles, so that `compare`, reports and the web app read it at once."""
    from newsprism.compare.saved import compare_ahead as run

    progress = progress or Progress()
    return run(store, progress.on_compare_start, progress.on_compared)
