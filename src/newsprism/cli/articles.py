"""Commands over stored articles: articles, article, search."""

from __future__ import annotations

from datetime import date

import typer
from rich.table import Table

from newsprism.cli.app import app, console, handle_errors, print_json, state


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
    outlet: str = typer.Option(None, help="Only this outlet (name as listed)."),
    since: str = typer.Option(None, help="Only articles published on or after YYYY-MM-DD."),
    until: str = typer.Option(None, help="Only articles published on or before YYYY-MM-DD."),
    limit: int = typer.Option(50, help="At most this many."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """List stored articles, newest first."""
    with state.store() as store:
        found = list(
            store.iter_articles(
                outlet=outlet,
                since=_parse_day(since, "--since"),
                until=_parse_day(until, "--until"),
                limit=limit,
            )
        )
    if as_json:
        print_json(
            [
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
        )
        return
    table = Table("id", "published", "outlet", "title")
    for a in found:
        table.add_row(a.id, str(a.published or "-"), a.outlet, a.title)
    console.print(table)
    console.print(f"{len(found)} article(s)")


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
    console.print(f"[bold]{article.title}[/bold]")
    console.print(
        f"id {article.id} · {article.outlet} · {article.published or 'date unknown'}"
        f" · {article.url or 'no url'}\nsource: {article.source}"
    )
    console.print()
    for paragraph in article.paragraphs:
        console.print(paragraph, markup=False)
        console.print()
    if article.removed:
        console.print(f"[dim]removed as boilerplate ({len(article.removed)} line(s)):[/dim]")
        for line in article.removed:
            console.print(f"[dim]  - {line}[/dim]", markup=False, style="dim")
    if analysis is not None:
        from newsprism.cli.render import print_analysis

        print_analysis(analysis)


@app.command("search")
@handle_errors
def search_command(
    query: str = typer.Argument(..., help="Words to find (FTS5 syntax allowed)."),
    limit: int = typer.Option(20, help="At most this many."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Full-text search over stored titles and bodies."""
    with state.store() as store:
        hits = store.search(query, limit=limit)
    if as_json:
        print_json(
            [
                {
                    "id": h.article.id,
                    "title": h.article.title,
                    "outlet": h.article.outlet,
                    "published": h.article.published,
                    "snippet": h.snippet,
                    "rank": h.rank,
                }
                for h in hits
            ]
        )
        return
    table = Table("id", "outlet", "title", "snippet")
    for h in hits:
        table.add_row(h.article.id, h.article.outlet, h.article.title, h.snippet)
    console.print(table)
    console.print(f"{len(hits)} match(es)")
