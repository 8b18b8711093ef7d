"""`newsprism export`: every article, quote, person, figure, date or story as CSV / JSON Lines."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from newsprism.cli.app import app, handle_errors, outlet_names, state, story_ref
from newsprism.cli.articles import _parse_day
from newsprism.cli.render import console, err_console
from newsprism.errors import ConfigError
from newsprism.export import FORMATS, KINDS, ExportFilter, export_rows, write_rows


@app.command("export")
@handle_errors
def export_command(
    kind: str = typer.Argument(
        None, help=f"What to export: {', '.join(KINDS)} (none with --format parquet)."
    ),
    fmt: str = typer.Option(
        None,
        "--format",
        "-f",
        help=f"{', '.join(FORMATS)} or parquet: every table as a partitioned dataset in the"
        " --out folder (default: from --out's suffix, else csv).",
    ),
    out: Path = typer.Option(
        None, "--out", "-o", help="Write to this file (default: standard output)."
    ),
    outlet: str = typer.Option(None, help="Only this outlet (name in any case, alias, domain)."),
    since: str = typer.Option(None, help="Only articles published on or after YYYY-MM-DD."),
    until: str = typer.Option(None, help="Only articles published on or before YYYY-MM-DD."),
    story: str = typer.Option(None, help="Only the articles of this story (id, prefix, largest)."),
) -> None:
    """Export every row of one kind from the corpus (or a filter of it), streamed; or, with
    --format parquet, every table as a Parquet dataset for pandas, DuckDB or R."""
    if fmt is not None and fmt not in (*FORMATS, "parquet"):
        raise ConfigError(f"--format {fmt!r} is not known: give {', '.join(FORMATS)} or parquet.")
    if fmt == "parquet":
        _export_parquet(out)
        return
    if kind is None:
        raise ConfigError(f"Say what to export: one of {', '.join(KINDS)}.")
    if fmt is None:
        fmt = "jsonl" if out is not None and out.suffix in {".jsonl", ".ndjson"} else "csv"
    with state.store() as store:
        where = ExportFilter(
            outlets=outlet_names(store, outlet),
            since=_parse_day(since, "--since"),
            until=_parse_day(until, "--until"),
            story_id=story_ref(store, story) if story else None,
        )
        rows = export_rows(store, kind, where)
        if out is None:
            write_rows(rows, kind, fmt, sys.stdout)
            return
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8", newline="") as stream:
            count = write_rows(rows, kind, fmt, stream)
    err_console.print(f"wrote {count} {kind} row(s) to {out.resolve()}", soft_wrap=True)


def _export_parquet(out: Path | None) -> None:
    from newsprism.scale.parquet import export_parquet

    if out is None:
        raise ConfigError("--format parquet writes a folder: give it with --out DIR.")
    with state.store() as store:
        counts = export_parquet(store, out)
    console.print(f"wrote {out}: " + ", ".join(f"{n} {table}" for table, n in counts.items()))
