"""The `serve` command: the local web app and JSON API over the same database."""

from __future__ import annotations

from pathlib import Path

import typer

from newsprism.cli.app import app, console, handle_errors, state
from newsprism.errors import NotFoundError
from newsprism.store.sqlite import SQLiteStore


@app.command("serve")
@handle_errors
def serve_command(
    host: str = typer.Option(
        "127.0.0.1", help="Address to listen on. Anything but 127.0.0.1 opens it to your network."
    ),
    port: int = typer.Option(8001, help="Port to listen on."),
    allow_host: list[str] = typer.Option(
        None,
        "--allow-host",
        help="Another host name the app may be reached by (repeatable); others are refused.",
    ),
) -> None:
    """Browse stories, articles, people and outlets in a web browser (also as JSON and CSV)."""
    import uvicorn

    from newsprism.compare.saved import stale_stories
    from newsprism.web import create_app
    from newsprism.web.app import LOCAL_HOSTS

    settings = state.settings()
    if not Path(settings.db).is_file():
        raise NotFoundError(
            f"No database at {settings.db}: run `newsprism ingest PATH` first, or give --db."
        )
    with SQLiteStore(settings.db) as store:  # brings an older database's schema up to date
        stale = len(stale_stories(store))
    hosts = [*LOCAL_HOSTS, host, *(allow_host or [])]
    web_app = create_app(settings.db, settings, allowed_hosts=hosts)
    shown = f"[{host}]" if ":" in host else host
    console.print(f"newsprism: serving {settings.db} on http://{shown}:{port}/ (Ctrl+C stops)")
    if stale:
        console.print(
            f"{stale} story(ies) have no up-to-date comparison: each is computed when first"
            " opened, which takes seconds for a large story. `newsprism analyze` computes"
            " them ahead."
        )
    uvicorn.run(web_app, host=host, port=port, log_level="warning")
