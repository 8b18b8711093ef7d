"""Commands over stories: stories (list), story (one, by outlet and date), recluster."""

from __future__ import annotations

import typer
from rich.table import Table

from newsprism.cli.app import (
    ALL_HELP,
    LIMIT_HELP,
    NO_COMPARE_HELP,
    STORY_HELP,
    app,
    handle_errors,
    listing_limit,
    outlet_names,
    print_json,
    print_listing,
    print_listing_json,
    state,
    story_ref,
)
from newsprism.cli.articles import _parse_day
from newsprism.cli.render import console, id_column
from newsprism.pipeline import compare_ahead, resolve_people


@app.command("stories")
@handle_errors
def stories_command(
    sort: str = typer.Option("size", help="Order: 'size' (most articles first) or 'recent'."),
    since: str = typer.Option(None, help="Only stories with articles on or after YYYY-MM-DD."),
    until: str = typer.Option(None, help="Only stories with articles on or before YYYY-MM-DD."),
    outlet: str = typer.Option(
        None,
        help="Only stories with an article from this outlet (name in any case, alias, domain).",
    ),
    person: str = typer.Option(None, help="Only stories with an article mentioning this name."),
    text: str = typer.Option(None, help="Only stories whose label or articles match these words."),
    limit: int = typer.Option(50, help=LIMIT_HELP),
    show_all: bool = typer.Option(False, "--all", help=ALL_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """List stories: label, article count, outlets and date range."""
    from newsprism.stories import find_stories

    if sort not in {"size", "recent"}:
        raise typer.BadParameter("--sort takes 'size' or 'recent'")
    cap = listing_limit(limit, show_all)
    with state.store() as store:
        found = find_stories(
            store,
            sort=sort,
            since=_parse_day(since, "--since"),
            until=_parse_day(until, "--until"),
            outlets=outlet_names(store, outlet),
            person=person,
            text=text,
        )
    total, found = len(found), found[:cap]
    if as_json:
        print_listing_json(
            "stories",
            [
                {
                    "id": s.id,
                    "label": s.label,
                    "articles": s.size,
                    "counted": s.size - len(s.duplicates),
                    "duplicates": len(s.duplicates),
                    "outlets": s.outlets,
                    "first": s.first,
                    "last": s.last,
                }
                for s in found
            ],
            total,
        )
        return
    table = Table(id_column(), "articles", "dates", "outlets", "label")
    for s in found:
        count = str(s.size - len(s.duplicates))
        if s.duplicates:
            count += f" (+{len(s.duplicates)} copies)"
        dates = f"{s.first} – {s.last}" if s.first and s.first != s.last else str(s.first or "-")
        table.add_row(s.id, count, dates, ", ".join(s.outlets), s.label)
    console.print(table)
    print_listing(len(found), total, "story(ies)")


@app.command("story")
@handle_errors
def story_command(
    story_id: str = typer.Argument(..., help=STORY_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show one story: its articles by outlet and date, copies and inferred dates marked."""
    from newsprism.stories import story_detail

    with state.store() as store:
        story, rows = story_detail(store, story_ref(store, story_id))
    if as_json:
        print_json({"story": story, "articles": rows})
        return
    console.print(story.label, style="bold")
    console.print(
        f"story {story.id} · {story.size} article(s), {len(story.duplicates)} copy(ies)"
        f" · {len(story.outlets)} outlet(s) · {story.first or '?'} – {story.last or '?'}"
    )
    table = Table("outlet", "date", id_column(), "title", "note")
    for row in rows:
        day = "-" if row.date is None else f"{row.date}{' (inferred)' if row.inferred else ''}"
        note = f"copy of {row.duplicate_of}" if row.duplicate_of else ""
        table.add_row(row.outlet, day, row.id, row.title, note)
    console.print(table)


@app.command("recluster")
@handle_errors
def recluster_command(
    no_compare: bool = typer.Option(False, "--no-compare", help=NO_COMPARE_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON summary."),
) -> None:
    """Forget all stories and rebuild them from every stored article (after settings change)."""
    from newsprism.stories import recluster

    with state.store() as store:
        stories = recluster(store, state.settings())
        resolve_people(store)
        compared = 0 if no_compare else compare_ahead(store)
    summary = {
        "stories": len(stories),
        "articles": sum(s.size for s in stories),
        "duplicates": sum(len(s.duplicates) for s in stories),
        "compared": compared,
    }
    if as_json:
        print_json(summary)
        return
    console.print(
        f"rebuilt {summary['stories']} story(ies) from {summary['articles']} article(s)"
        f" ({summary['duplicates']} near-duplicate copies linked)"
        + (f"; {compared} comparison(s) computed ahead" if compared else "")
    )
