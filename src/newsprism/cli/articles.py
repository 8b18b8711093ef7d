"""Commands over stored articles: articles, article, search, outlets."""

from __future__ import annotations

from datetime import date

import typer
from rich.table import Table
from rich.text import Text

from newsprism.cli.app import (
    ALL_HELP,
    LIMIT_HELP,
    app,
    handle_errors,
    listing_limit,
    outlet_names,
    print_json,
    print_listing,
    print_listing_json,
    state,
)
from newsprism.cli.render import clean, console, id_column
from newsprism.store.sqlite import SearchHit


def _parse_day(text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise typer.BadParameter(f"{option} takes a date as YYYY-MM-DD, got {text!r}") from exc


@app.command("articles")
@handle_errors
def articles_command(
    outlet: str = typer.Option(
        None, help="Only this outlet: its name in any case, an alias or its domain."
    ),
    since: str = typer.Option(None, help="Only articles published on or after YYYY-MM-DD."),
    until: str = typer.Option(None, help="Only articles published on or before YYYY-MM-DD."),
    limit: int = typer.Option(50, help=LIMIT_HELP),
    show_all: bool = typer.Option(False, "--all", help=ALL_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """List stored articles, newest first (an undated article by the date its story gives)."""
    cap = listing_limit(limit, show_all)
    with state.store() as store:
        outlets = outlet_names(store, outlet)
        first, last = _parse_day(since, "--since"), _parse_day(until, "--until")
        total = store.count_articles(outlets=outlets, since=first, until=last)
        found = list(store.iter_articles(outlets=outlets, since=first, until=last, limit=cap))
    if as_json:
        rows = [
            {
                "id": a.id,
                "title": a.title,
                "outlet": a.outlet,
                "published": a.published,
                "url": a.url,
                "source": a.source,
                "paragraphs": len(a.paragraphs),
            }
            for a in found
        ]
        print_listing_json("articles", rows, total)
        return
    table = Table(id_column(), "published", "outlet", "title")
    for a in found:
        table.add_row(a.id, str(a.published or "-"), a.outlet, a.title)
    console.print(table)
    print_listing(len(found), total, "article(s)")


@app.command("outlets")
@handle_errors
def outlets_command(
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """List the stored outlets and how many articles each has (the names --outlet takes)."""
    with state.store() as store:
        counts = store.outlet_counts()
    if as_json:
        rows = [{"outlet": name, "articles": n} for name, n in counts.items()]
        print_listing_json("outlets", rows, len(rows))
        return
    table = Table("outlet", "articles")
    for name, n in counts.items():
        table.add_row(name, str(n))
    console.print(table)
    print_listing(len(counts), len(counts), "outlet(s)")


@app.command("article")
@handle_errors
def article_command(
    article_id: str = typer.Argument(..., help="Article id (or a unique prefix of it)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show one article: its metadata, text, what cleaning removed, and its analysis."""
    with state.store() as store:
        article = store.get_article(article_id)
        analysis = store.get_analysis(article.id)
    if as_json:
        print_json({"article": article, "analysis": analysis})
        return
    console.print(article.title, style="bold")
    console.print(
        f"id {article.id} · {article.outlet} · {article.published or 'date unknown'}"
        f" · {article.url or 'no url'}\nsource: {article.source}"
    )
    console.print()
    for paragraph in article.paragraphs:
        console.print(paragraph)
        console.print()
    if article.removed:
        console.print(f"removed as boilerplate ({len(article.removed)} line(s)):", style="dim")
        for line in article.removed:
            console.print(f"  - {line}", style="dim")
    if analysis is not None:
        from newsprism.cli.render import print_analysis

        print_analysis(analysis)


def _snippet(hit: SearchHit) -> Text:
    """The snippet with the matched words in bold (offsets from the store, text cleaned)."""
    text = Text()
    at = 0
    for start, end in hit.matches:
        text.append(clean(hit.snippet[at:start]))
        text.append(clean(hit.snippet[start:end]), style="bold")
        at = end
    text.append(clean(hit.snippet[at:]))
    return text


@app.command("search")
@handle_errors
def search_command(
    query: str = typer.Argument(
        ..., help='Words to find; FTS5 syntax: "a phrase", A OR B, A NOT B, prefix*, NEAR(a b).'
    ),
    limit: int = typer.Option(20, help=LIMIT_HELP),
    show_all: bool = typer.Option(False, "--all", help=ALL_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Full-text search over stored titles and bodies, best match first."""
    cap = listing_limit(limit, show_all)
    with state.store() as store:
        hits = store.search(query, limit=cap)
        total = store.count_matches(query)
    if as_json:
        rows = [
            {
                "id": h.article.id,
                "title": h.article.title,
                "outlet": h.article.outlet,
                "published": h.article.published,
                "snippet": h.snippet,
                "matches": [h.snippet[s:e] for s, e in h.matches],
                "rank": h.rank,
            }
            for h in hits
        ]
        print_listing_json("matches", rows, total)
        return
    table = Table(id_column(), "outlet", "title", "snippet")
    for h in hits:
        table.add_row(h.article.id, h.article.outlet, h.article.title, _snippet(h))
    console.print(table)
    print_listing(len(hits), total, "match(es)")
