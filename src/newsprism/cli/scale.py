"""Research-scale options: `--dask [ADDRESS]` (`export --format parquet` is in `export`).

`--dask` takes a value only when the next word is a scheduler address (tcp://HOST:PORT or
HOST:PORT): `newsprism ingest corpus/ --dask` starts a local cluster, `newsprism ingest
corpus/ --dask tcp://10.0.0.5:8786` uses a running one. typer has no option with an optional
value, so `main` (the console script) writes a bare `--dask` as `--dask local` first.
"""

from __future__ import annotations

import sys

from newsprism.cli.app import app
from newsprism.scale.runner import looks_like_address

DASK_HELP = (
    "Analyse on Dask: alone, a local cluster of one worker process per core; with a "
    "scheduler's address (tcp://HOST:PORT), its workers."
)
PARQUET_HELP = (
    "With --dask: folder of the Parquet dataset the workers write "
    "(default: beside the database, DB.parquet)."
)
WORKERS_HELP = "With a bare --dask: worker processes of the local cluster (default: one per core)."


def with_dask_default(args: list[str]) -> list[str]:
    """The command line with `local` after every `--dask` not followed by an address."""
    out: list[str] = []
    for index, arg in enumerate(args):
        out.append(arg)
        following = args[index + 1] if index + 1 < len(args) else None
        if arg == "--dask" and (following is None or not looks_like_address(following)):
            out.append("local")
    return out


def main() -> None:
    """The `newsprism` console script."""
    app(args=with_dask_default(sys.argv[1:]), prog_name="newsprism")
