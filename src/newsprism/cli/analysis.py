"""Commands over analyses: analyze, people, person."""

from __future__ import annotations

import time

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from newsprism.cli.app import (
    ALL_HELP,
    LIMIT_HELP,
    NO_COMPARE_HELP,
    app,
    handle_errors,
    listing_limit,
    print_json,
    print_listing,
    print_listing_json,
    state,
)
from newsprism.cli.render import console, id_column
from newsprism.cli.scale import DASK_HELP, PARQUET_HELP, WORKERS_HELP
from newsprism.pipeline import Progress as PipelineProgress
from newsprism.pipeline import analyze_stored, compare_ahead, resolve_people

# newsprism.analyze is imported inside the commands: it loads spaCy, which every other
# command would otherwise pay for at start-up.


@app.command("analyze")
@handle_errors
def analyze_command(
    all_articles: bool = typer.Option(
        False, "--all", help="Re-analyse every stored article, not only those without analysis."
    ),
    n_process: int = typer.Option(None, "--n-process", help="Processes for spaCy's nlp.pipe."),
    batch_size: int = typer.Option(None, "--batch-size", help="Articles per spaCy batch."),
    dask: str = typer.Option(None, "--dask", metavar="[ADDRESS]", help=DASK_HELP),
    parquet: str = typer.Option(None, "--parquet", help=PARQUET_HELP),
    workers: int = typer.Option(None, "--workers", help=WORKERS_HELP),
    no_compare: bool = typer.Option(False, "--no-compare", help=NO_COMPARE_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Analyse stored articles: entities, quotes, figures, dates and headline signals; then
    compute ahead the comparisons of stories whose analyses changed."""
    settings = state.settings(n_process=n_process, batch_size=batch_size)
    started = time.perf_counter()
    with state.store() as store:
        ids = None
        if all_articles:
            ids = [row[0] for row in store.execute("SELECT id FROM articles ORDER BY rowid")]
        with Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            disable=as_json,
        ) as bar:
            parts = bar.add_task("partitions", total=None, visible=False)
            task = bar.add_task("analysing", total=None)
            comparing = bar.add_task("comparing", total=None, visible=False)
            progress = PipelineProgress(
                on_analyze_start=lambda total: bar.update(task, total=total),
                on_analyzed=lambda count: bar.advance(task, count),
                on_partitions=lambda total: bar.update(parts, total=total, visible=True),
                on_partition_done=lambda: bar.advance(parts),
                on_compare_start=lambda total: bar.update(comparing, total=total, visible=True),
                on_compared=lambda: bar.advance(comparing),
            )
            if dask is None:
                done = analyze_stored(store, settings, article_ids=ids, progress=progress)
            else:
                from newsprism.scale import dask_analyze, default_parquet_dir

                done = dask_analyze(
                    store,
                    settings,
                    address=dask,
                    n_workers=workers,
                    parquet_dir=parquet or default_parquet_dir(settings.db),
                    article_ids=ids,
                    progress=progress,
                )
            seconds = time.perf_counter() - started
            if done and dask is None:  # dask_analyze resolved them before writing Parquet
                resolve_people(store)
            compared = 0 if no_compare else compare_ahead(store, progress)
        remaining = len(store.unanalyzed_ids())
    summary = {
        "analyzed": done,
        "seconds": round(seconds, 2),
        "articles_per_second": round(done / seconds, 2) if seconds > 0 and done else 0.0,
        "unanalyzed": remaining,
        "compared": compared,
    }
    if as_json:
        print_json(summary)
        return
    ahead = f"; {compared} story comparison(s) computed ahead" if compared else ""
    if done == 0:
        console.print(
            f"Nothing to analyse: every stored article has an analysis (use --all){ahead}."
        )
        return
    console.print(
        f"analysed {done} article(s) in {seconds:.1f}s"
        f" ({summary['articles_per_second']} per second){ahead}"
    )


@app.command("people")
@handle_errors
def people_command(
    label: str = typer.Option(
        "PERSON", "--label", help="PERSON, ORG, GPE, NORP, LOC, ... or ALL for every kind."
    ),
    limit: int = typer.Option(50, help=LIMIT_HELP),
    show_all: bool = typer.Option(False, "--all", help=ALL_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """People (or organisations, places, groups) across the corpus, most written-about first."""
    from newsprism.analyze.people import list_people

    cap = listing_limit(limit, show_all)
    wanted = None if label.upper() == "ALL" else label.upper()
    with state.store() as store:
        found = list_people(store, label=wanted, limit=cap)
        total = store.count_people(label=wanted)
    if as_json:
        print_listing_json("people", found, total)
        return
    table = Table("name", "kind", "articles", "mentions", "quoted", "outlets", "also written")
    for person in found:
        table.add_row(
            f"{person.name} (one of: {', '.join(person.may_be)})" if person.may_be else person.name,
            person.label,
            str(person.articles),
            str(person.mentions),
            str(person.quotes),
            ", ".join(person.outlets),
            ", ".join(person.aliases),
        )
    console.print(table)
    print_listing(len(found), total, "name(s)")


@app.command("person")
@handle_errors
def person_command(
    name: str = typer.Argument(
        ..., help="Any of the person's names (or part of one, or the key): 'Biden' finds Joe Biden."
    ),
    label: str = typer.Option(None, "--label", help="Only entities of this kind (PERSON, ORG...)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """One person's articles and what they are quoted saying, from the stored analyses."""
    from newsprism.analyze.people import person_report

    with state.store() as store:
        report = person_report(store, name, label=label.upper() if label else None)
    if as_json:
        print_json(report)
        return
    console.print(f"{report.name} ({report.label}, key {report.key})", style="bold")
    if report.aliases:
        console.print("also written: " + ", ".join(report.aliases))
    if report.others:
        console.print(
            f"'{name}' also names: " + ", ".join(report.others) + " (ask for them by full name)"
        )
    table = Table(id_column("article"), "published", "outlet", "mentions", "quoted", "title")
    for article in report.articles:
        table.add_row(
            article.article_id,
            str(article.published or "-"),
            article.outlet,
            str(article.mentions),
            str(article.quotes),
            article.title,
        )
    console.print(table)
    if not report.quotes:
        console.print("No quotes attributed.")
        return
    quotes = Table("outlet", "cue", "kind", "quote", title="Quoted")
    for quote in report.quotes:
        quotes.add_row(quote.outlet, quote.cue or "", quote.kind, quote.text)
    console.print(quotes)
