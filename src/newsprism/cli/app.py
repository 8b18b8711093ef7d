"""The typer application, shared options, and how errors become exit codes."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, ParamSpec, TypeVar

import typer
from rich.console import Console

from newsprism.config import Settings, load_settings
from newsprism.errors import ConfigError, InputError, ModelError, NewsprismError, NotFoundError
from newsprism.model import to_dict
from newsprism.store.sqlite import SQLiteStore

app = typer.Typer(
    help="Read news from many outlets, group it into stories, and compare outlets fact by fact.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

EXIT_CODES: dict[type[NewsprismError], int] = {
    ConfigError: 2,
    InputError: 3,
    NotFoundError: 4,
    ModelError: 5,
}


@dataclass
class State:
    db: str | None = None
    config: str | None = None

    def settings(self, **overrides: Any) -> Settings:
        return load_settings(self.config, {"db": self.db, **overrides})

    def store(self) -> SQLiteStore:
        return SQLiteStore(self.settings().db)


state = State()


@app.callback()
def main(
    db: str = typer.Option(
        None, "--db", help="SQLite database file (default: newsprism.db, or the setting 'db')."
    ),
    config: str = typer.Option(
        None, "--config", help="Settings file (TOML). Default: newsprism.toml if present."
    ),
) -> None:
    """newsprism: every outlet's version of a story, side by side."""
    state.db = db
    state.config = config


P = ParamSpec("P")
R = TypeVar("R")


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn newsprism errors into one red line on stderr and a non-zero exit code."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except NewsprismError as exc:
            err_console.print(f"[red]error:[/red] {exc}")
            code = next((c for kind, c in EXIT_CODES.items() if isinstance(exc, kind)), 1)
            raise typer.Exit(code) from exc

    return wrapper


STORY_HELP = "Story id (or a unique prefix of it), or 'largest' / 'latest'."


def story_ref(store: SQLiteStore, ref: str) -> str:
    """A story id from what the user typed: an id or prefix, or 'largest' / 'latest'."""
    if ref in ("largest", "latest"):
        story = next(store.iter_stories("size" if ref == "largest" else "recent"), None)
        if story is None:
            raise NotFoundError("There are no stories yet: ingest some articles first.")
        return story.id
    return ref


def print_json(data: Any) -> None:
    """Data as JSON on stdout (records converted with model.to_dict)."""
    sys.stdout.write(json.dumps(to_dict(data), ensure_ascii=False, indent=2) + "\n")
