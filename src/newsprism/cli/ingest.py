"""`newsprism ingest`: read sources into the database with a progress bar and a summary."""

from __future__ import annotations

from collections import Counter

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from newsprism.cli.app import NO_COMPARE_HELP, app, handle_errors, print_json, state
from newsprism.cli.render import console, err_console, styled
from newsprism.cli.scale import DASK_HELP, PARQUET_HELP, WORKERS_HELP
from newsprism.model import Article, Skipped
from newsprism.pipeline import IngestReport, ingest
from newsprism.pipeline import Progress as PipelineProgress


def _parse_fields(pairs: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for pair in pairs:
        name, sep, key = pair.partition("=")
        if not sep or not name.strip() or not key.strip():
            raise typer.BadParameter(
                f"--field takes FIELD=KEY (e.g. body=story_text), got {pair!r}"
            )
        fields[name.strip()] = key.strip()
    return fields


@app.command("ingest")
@handle_errors
def ingest_command(
    sources: list[str] = typer.Argument(
        ...,
        help="Files, directories, glob patterns, '-' for standard input, or http(s) URLs of "
        "pages or feeds (the only case that uses the network).",
    ),
    field: list[str] = typer.Option(
        [],
        "--field",
        help="Map an article field to a JSONL/CSV key, e.g. --field body=story_text "
        "(fields: title, body, url, published, outlet, author, language).",
    ),
    no_analyze: bool = typer.Option(False, "--no-analyze", help="Store only; analyse later."),
    no_cluster: bool = typer.Option(False, "--no-cluster", help="Do not update stories."),
    no_compare: bool = typer.Option(False, "--no-compare", help=NO_COMPARE_HELP),
    n_process: int = typer.Option(None, "--n-process", help="Processes for spaCy analysis."),
    dask: str = typer.Option(None, "--dask", metavar="[ADDRESS]", help=DASK_HELP),
    parquet: str = typer.Option(None, "--parquet", help=PARQUET_HELP),
    workers: int = typer.Option(None, "--workers", help=WORKERS_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Read articles from files, directories, feeds, WARC, or stdin into the database."""
    settings = state.settings(n_process=n_process)
    fields = _parse_fields(field)
    quiet = as_json or not console.is_terminal
    with (
        state.store(create=True) as store,
        Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=err_console,
            disable=quiet,
            transient=True,
        ) as bar,
    ):
        reading = bar.add_task("reading", total=None)
        partitions = bar.add_task("partitions", total=None, visible=False)
        analyzing = bar.add_task("analysing", total=None, visible=False)
        comparing = bar.add_task("comparing", total=None, visible=False)

        def on_article(_: Article) -> None:
            bar.advance(reading)

        def on_skip(item: Skipped) -> None:
            if not as_json:
                err_console.print(styled(("skipped", "yellow"), f" {item}"))

        def on_analyze_start(total: int) -> None:
            bar.update(reading, visible=False)
            bar.update(analyzing, total=total, visible=total > 0)

        def on_analyzed(count: int) -> None:
            bar.advance(analyzing, count)

        def on_partitions(total: int) -> None:
            bar.update(partitions, total=total, visible=total > 0)

        def on_compare_start(total: int) -> None:
            bar.update(analyzing, visible=False)
            bar.update(comparing, total=total, visible=total > 0)

        progress = PipelineProgress(
            on_article,
            on_skip,
            on_analyze_start,
            on_analyzed,
            on_partitions,
            lambda: bar.advance(partitions),
            on_compare_start,
            lambda: bar.advance(comparing),
        )
        if dask is None:
            report = ingest(
                sources,
                store,
                settings,
                fields=fields,
                analyze=not no_analyze,
                cluster=not no_cluster,
                compare=not no_compare,
                progress=progress,
            )
        else:
            from newsprism.scale import dask_ingest, default_parquet_dir

            report = dask_ingest(
                sources,
                store,
                settings,
                address=dask,
                n_workers=workers,
                parquet_dir=parquet or default_parquet_dir(settings.db),
                fields=fields,
                analyze=not no_analyze,
                cluster=not no_cluster,
                compare=not no_compare,
                progress=progress,
            )
    if as_json:
        print_json(_summary(report))
    else:
        _print_summary(report)
    if not report.ok:
        raise typer.Exit(3)


def _summary(report: IngestReport) -> dict[str, object]:
    return {
        "read": report.read,
        "new": len(report.new),
        "duplicate": len(report.duplicate),
        "skipped": [{"where": s.where, "reason": s.reason} for s in report.skipped],
        "analyzed": report.analyzed,
        "analysis_failed": [{"where": s.where, "reason": s.reason} for s in report.analysis_failed],
        "stories_touched": len(report.stories),
        "compared": report.compared,
        "new_ids": report.new,
    }


def _print_summary(report: IngestReport) -> None:
    console.print(
        styled(
            f"read {report.read} article(s): ",
            (f"{len(report.new)} new", "green"),
            f", {len(report.duplicate)} duplicate, ",
            (f"{len(report.skipped)} skipped", "yellow"),
            (f"; analysed {report.analyzed}" if report.analyzed else "")
            + (f" ({len(report.analysis_failed)} failed)" if report.analysis_failed else "")
            + (f"; {len(report.stories)} story(ies) updated" if report.stories else "")
            + (f", {report.compared} compared" if report.compared else ""),
        )
    )
    if report.skipped:
        reasons = Counter(s.reason.split(":")[0] for s in report.skipped)
        for reason, count in reasons.most_common():
            console.print(f"  skipped {count} × {reason}")
