"""`newsprism export`: every article, quote, person, figure, date or story as CSV / JSON Lines."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from newsprism.cli.app import app, handle_errors, outlet_names, state, story_ref
from newsprism.cli.articles import _parse_day
from newsprism.cli.render import err_console
from newsprism.export import FORMATS, KINDS, ExportFilter, export_rows, write_rows


@app.command("export")
@handle_errors
def export_command(
    kind: str = typer.Argument(..., help=f"What to export: {', '.join(KINDS)}."),
    fmt: str = typer.Option(
        None,
        "--format",
        "-f",
        help=f"{' or '.join(FORMATS)} (default: from --out's suffix, else csv).",
    ),
    out: Path = typer.Option(
        None, "--out", "-o", help="Write to this file (default: standard output)."
    ),
    outlet: str = typer.Option(None, help="Only this outlet (name in any case, alias, domain)."),
    since: str = typer.Option(None, help="Only articles published on or after YYYY-MM-DD."),
    until: str = typer.Option(None, help="Only articles published on or before YYYY-MM-DD."),
    story: str = typer.Option(None, help="Only the articles of this story (id, prefix, largest)."),
) -> None:
    """Export every row of one kind from the corpus (or a filter of it), streamed."""
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
