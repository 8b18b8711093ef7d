"""The `sources` command: each outlet's sourcing profile across the corpus."""

from __future__ import annotations

import csv
import sys

import typer
from rich.table import Table

from newsprism.cli.app import app, console, handle_errors, print_json, state
from newsprism.compare.profiles import outlet_profiles
from newsprism.compare.sourcing import KINDS
from newsprism.model import to_dict


@app.command("sources")
@handle_errors
def sources_command(
    outlet: str = typer.Option(None, "--outlet", help="Only this outlet (name, any case)."),
    top: int = typer.Option(8, "--top", help="How many of its most cited sources to list."),
    as_json: bool = typer.Option(False, "--json", help="Print the profiles as JSON."),
    as_csv: bool = typer.Option(False, "--csv", help="Print one CSV row per outlet."),
) -> None:
    """Who each outlet relies on: shares of named people, government, institutions,
    organisations, other outlets and agencies, documents and anonymous sources, and the
    sources it cites most."""
    with state.store() as store:
        records = (
            (article, analysis)
            for article in store.iter_articles()
            if (analysis := store.get_analysis(article.id)) is not None
        )
        profiles = outlet_profiles(records, outlet=outlet, top=top)
    if as_json:
        print_json([to_dict(p) for p in profiles])
        return
    if as_csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(["outlet", "articles", "attributions", *KINDS, "top_sources"])
        for p in profiles:
            top_sources = "; ".join(f"{name} ({n})" for name, n in p.top)
            values = [p.share(k) for k in KINDS]
            writer.writerow([p.outlet, p.articles, p.attributions, *values, top_sources])
        return
    table = Table("outlet", "articles", "attributions", *KINDS, "most cited", title="Sources")
    for p in profiles:
        shares = [f"{p.share(k):.0%}" for k in KINDS]
        most = ", ".join(name for name, _ in p.top[:4])
        table.add_row(
            p.outlet, str(p.articles), str(p.attributions), *shares, most, end_section=False
        )
    console.print(
        table if profiles else "No analysed articles" + (f" from {outlet}." if outlet else ".")
    )
