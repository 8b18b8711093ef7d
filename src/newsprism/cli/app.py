"""The typer application, shared options, and how errors become exit codes.

`--db` and `--config` belong to the whole program but may be typed before or after the
command (`newsprism --db x.db stories` or `newsprism stories --db x.db`): `_Group` moves them
to the front before click parses. Listings share `listing_limit` and `print_listing`, so each
says "showing N of M" when it shows fewer than it has.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import typer
from typer.core import TyperGroup

from newsprism.cli.render import console, err_console, styled
from newsprism.config import Settings, load_settings
from newsprism.errors import (
    ConfigError,
    InputError,
    ModelError,
    NewsprismError,
    NotFoundError,
    QueryError,
)
from newsprism.ingest.outlets import match_outlets, similar_outlets
from newsprism.model import to_dict
from newsprism.store.sqlite import SQLiteStore

_GLOBAL_OPTIONS = ("--db", "--config")


def globals_first(args: Sequence[str]) -> list[str]:
    """The arguments with `--db X` / `--config X` (or `--db=X`) moved before the command."""
    front: list[str] = []
    rest: list[str] = []
    items = list(args)
    index = 0
    while index < len(items):
        arg = items[index]
        if arg == "--":
            rest.extend(items[index:])
            break
        if arg in _GLOBAL_OPTIONS and index + 1 < len(items):
            front.extend(items[index : index + 2])
            index += 2
            continue
        if arg.split("=", 1)[0] in _GLOBAL_OPTIONS and "=" in arg:
            front.append(arg)
        else:
            rest.append(arg)
        index += 1
    return front + rest


class _Group(TyperGroup):
    # `ctx` is typer's vendored click Context, which typer does not export by name.
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, globals_first(args))


app = typer.Typer(
    cls=_Group,
    help="Read news from many outlets, group it into stories, and compare outlets fact by fact."
    " --db and --config may be given before or after the command.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_CODES: dict[type[NewsprismError], int] = {
    ConfigError: 2,
    QueryError: 2,
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

    def store(self, create: bool = False) -> SQLiteStore:
        """The database; only `create` (ingest) may start a new file, so a mistyped path is
        an error naming it rather than an empty database."""
        path = self.settings().db
        if not create and str(path) != ":memory:" and not Path(path).exists():
            raise NotFoundError(
                f"No database at {path}: ingest some articles first "
                f"(`newsprism --db {path} ingest PATH`), or give the right --db."
            )
        return SQLiteStore(path)


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
            # Not wrapped by rich: a path or id in the message stays whole, to be copied.
            err_console.print(styled(("error:", "red"), f" {exc}"), soft_wrap=True)
            code = next((c for kind, c in EXIT_CODES.items() if isinstance(exc, kind)), 1)
            raise typer.Exit(code) from exc

    return wrapper


STORY_HELP = "Story id (or a unique prefix of it), or 'largest' / 'latest'."
LIMIT_HELP = "At most this many (see --all)."
ALL_HELP = "Show every one (no --limit)."
NO_COMPARE_HELP = (
    "Do not compute ahead the comparisons of changed stories (they are then computed when "
    "first opened)."
)


def story_ref(store: SQLiteStore, ref: str) -> str:
    """A story id from what the user typed: an id or prefix, or 'largest' / 'latest'."""
    if ref in ("largest", "latest"):
        story = next(store.iter_stories("size" if ref == "largest" else "recent"), None)
        if story is None:
            raise NotFoundError("There are no stories yet: ingest some articles first.")
        return story.id
    return ref


def outlet_names(store: SQLiteStore, query: str | None) -> list[str] | None:
    """The stored outlet names `--outlet query` means (None when not given); a query that
    matches none is an error listing the closest names."""
    if not query:
        return None
    stored = list(store.outlet_counts())
    found = match_outlets(query, stored)
    if found:
        return found
    close = similar_outlets(query, stored)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise NotFoundError(
        f"No outlet matches '{query}'.{hint} List outlets with `newsprism outlets`."
    )


def listing_limit(limit: int, show_all: bool) -> int | None:
    """The number of rows a listing shows: None for --all; --limit must be at least 1."""
    if show_all:
        return None
    if limit < 1:
        raise typer.BadParameter(f"--limit takes a number of 1 or more (got {limit}); use --all")
    return limit


def print_listing(shown: int, total: int, noun: str) -> None:
    """The line under a listing: how many, and how to see the rest when some are not shown."""
    if shown < total:
        console.print(f"showing {shown} of {total} {noun}; --limit N or --all to see more")
    else:
        console.print(f"{total} {noun}")


# Characters a terminal obeys that json.dumps leaves raw with ensure_ascii=False (it escapes
# only C0 controls): C1 controls and bidirectional overrides, written as \u escapes instead.
# Inside JSON strings only, so the data read back is the same.
_JSON_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def print_json(data: Any) -> None:
    """Data as JSON on stdout (records converted with model.to_dict)."""
    text = json.dumps(to_dict(data), ensure_ascii=False, indent=2)
    sys.stdout.write(_JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def print_listing_json(key: str, items: Sequence[Any], total: int) -> None:
    """A listing as JSON: the rows under `key`, with how many exist and how many are given."""
    print_json({"total": total, "shown": len(items), key: list(items)})
