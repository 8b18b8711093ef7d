"""The `newsprism` command: a thin layer that parses options and calls the Python API.

Each group of commands lives in its own module and registers itself on `app`; the imports
below are in the order the commands are listed by `newsprism --help` (the pipeline's order).
"""

# isort: skip_file
from __future__ import annotations

from newsprism.cli.app import app
from newsprism.cli import ingest as _ingest  # noqa: F401  (registers commands)
from newsprism.cli import articles as _articles  # noqa: F401
from newsprism.cli import analysis as _analysis  # noqa: F401
from newsprism.cli import stories as _stories  # noqa: F401
from newsprism.cli import compare as _compare  # noqa: F401
from newsprism.cli import sources as _sources  # noqa: F401
from newsprism.cli import serve as _serve  # noqa: F401
from newsprism.cli import export as _export  # noqa: F401
from newsprism.cli import scale as _scale  # noqa: F401
from newsprism.cli.scale import main

__all__ = ["app", "main"]
