"""Commands over one story: `compare` (tables in the terminal) and `report` (md/html/json/csv)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from newsprism.cli.app import STORY_HELP, app, handle_errors, print_json, state, story_ref
from newsprism.cli.render import console, styled
from newsprism.compare import Comparison, compare_stored_story
from newsprism.errors import ConfigError
from newsprism.model import date_label
from newsprism.report import (
    CSV_TABLES,
    FORMATS,
    render_csv,
    render_html,
    render_json,
    render_markdown,
)

# Rows shown per table in the terminal; `--json` and `report` give everything.
_TERMINAL_ROWS = 40
_STATUS_STYLE = {"conflict": "red", "agree": "green"}


def _print_comparison(c: Comparison) -> None:
    console.print(c.label, style="bold")
    console.print(f"story {c.story_id} · {len(c.articles)} article(s) · {', '.join(c.outlets)}")
    if c.brief.sentences:
        console.print("\nBrief", style="bold")
        for s in c.brief.sentences:
            console.print(f"- {s.text} [{', '.join(s.outlets)}]")
    table = Table("kind", "about", "evidence", title="Conflicts", show_lines=True)
    for k in c.conflicts:
        evidence = "\n".join(
            f"{side.outlet}{' (' + side.speaker + ')' if side.speaker else ''}: {side.text}"
            for side in k.sides
        )
        table.add_row(k.kind, k.topic, evidence)
    console.print(table if c.conflicts else "No conflicts found.")
    shared = [q for q in c.quotes if len(q.outlets) > 1]
    table = Table("quote", "speaker", "outlets", title="Quotes reported by several outlets")
    for q in shared:
        table.add_row(q.text, q.speaker or "?", ", ".join(q.outlets))
    console.print(table if shared else "No quote is reported by more than one outlet.")
    table = Table("about", "as reported", "status", title="Figures")
    for f in c.figures[:_TERMINAL_ROWS]:
        reported = "; ".join(f"{x.outlet}: {x.text}" for x in f.citations)
        table.add_row(f.subject, reported, styled((f.status, _STATUS_STYLE.get(f.status, ""))))
    console.print(table)
    _print_more(len(c.figures), "figures")
    table = Table("outlet", "kind", "fact", title="Reported by one outlet only")
    for u in c.unique[:_TERMINAL_ROWS]:
        table.add_row(u.outlet, u.kind, u.text)
    console.print(table)
    _print_more(len(c.unique), "unique")
    table = Table("speaker", *c.outlets, title="Who is quoted by whom")
    for row in c.speakers:
        table.add_row(row.speaker, *map(str, row.counts))
    console.print(table)
    table = Table("source", "kind", *c.outlets, title="Who each outlet relies on")
    for source in c.sources[:_TERMINAL_ROWS]:
        name = source.name
        if source.copied_by:
            name += f" (copied by {', '.join(source.copied_by)})"
        table.add_row(name, source.kind, *map(str, source.counts))
    console.print(table if c.sources else "No attributed sources.")
    table = Table("date", "event", "sources", title="Timeline")
    for e in c.timeline:
        day = date_label(e.start, e.end, e.grain) + (" (inferred)" if e.inferred else "")
        table.add_row(day, e.description, ", ".join(e.outlets))
    console.print(table)


def _print_more(total: int, table: str) -> None:
    if total > _TERMINAL_ROWS:
        console.print(
            f"showing {_TERMINAL_ROWS} of {total}; all of them: `newsprism report STORY"
            f" --format csv --table {table}` or `--json`"
        )


@app.command("compare")
@handle_errors
def compare_command(
    story_id: str = typer.Argument(..., help=STORY_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the comparison as JSON."),
) -> None:
    """Compare the outlets of one story: conflicts, shared and unique facts, timeline, brief."""
    with state.store() as store:
        comparison = compare_stored_story(store, story_ref(store, story_id))
    if as_json:
        print_json(comparison)
        return
    _print_comparison(comparison)


@app.command("report")
@handle_errors
def report_command(
    story_id: str = typer.Argument(..., help=STORY_HELP),
    fmt: str = typer.Option("html", "--format", "-f", help=f"Report format: {', '.join(FORMATS)}."),
    out: Path = typer.Option(
        None, "--out", "-o", help="Write the report to this file (default: standard output)."
    ),
    table: str = typer.Option(
        "conflicts", "--table", help=f"For --format csv: {', '.join(CSV_TABLES)}."
    ),
) -> None:
    """Write the report of one story as Markdown, a self-contained HTML page, JSON or CSV."""
    if fmt not in FORMATS:
        raise ConfigError(f"Unknown report format '{fmt}'. Choose one of: {', '.join(FORMATS)}.")
    with state.store() as store:
        comparison = compare_stored_story(store, story_ref(store, story_id))
    if fmt == "md":
        text = render_markdown(comparison)
    elif fmt == "html":
        text = render_html(comparison)
    elif fmt == "json":
        text = render_json(comparison)
    else:
        text = render_csv(comparison, table)
    if out is None:
        typer.echo(text, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    console.print(str(out.resolve()))
