"""newsprism: read news from many outlets, group it into stories, compare outlets fact by fact."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from newsprism.config import Settings, load_settings
from newsprism.errors import NewsprismError
from newsprism.model import (
    Analysis,
    Article,
    Entity,
    Figure,
    HeadlineConflict,
    HeadlineSignals,
    Quote,
    Skipped,
    Span,
    Story,
    TimeRef,
)
from newsprism.store.sqlite import SQLiteStore

if TYPE_CHECKING:  # what the lazy names below resolve to, for type checkers
    from newsprism.analyze import analyze_articles
    from newsprism.compare import compare_stored_story, compare_story
    from newsprism.export import export_rows, write_rows
    from newsprism.ingest import read_sources
    from newsprism.pipeline import ingest
    from newsprism.report import render_csv, render_html, render_json, render_markdown
    from newsprism.stories import recluster, update_stories

logging.getLogger(__name__).addHandler(logging.NullHandler())

# The stage functions are imported on first use, so `import newsprism` stays quick and does
# not load spaCy, trafilatura or scikit-learn until a stage runs.
_LAZY = {
    "read_sources": "newsprism.ingest",
    "analyze_articles": "newsprism.analyze",
    "update_stories": "newsprism.stories",
    "recluster": "newsprism.stories",
    "compare_story": "newsprism.compare",
    "compare_stored_story": "newsprism.compare",
    "render_markdown": "newsprism.report",
    "render_html": "newsprism.report",
    "render_json": "newsprism.report",
    "render_csv": "newsprism.report",
    "ingest": "newsprism.pipeline",
    "export_rows": "newsprism.export",
    "write_rows": "newsprism.export",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsprism' has no attribute '{name}'")


__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Article",
    "Entity",
    "Figure",
    "HeadlineConflict",
    "HeadlineSignals",
    "NewsprismError",
    "Quote",
    "SQLiteStore",
    "Settings",
    "Skipped",
    "Span",
    "Story",
    "TimeRef",
    "__version__",
    "analyze_articles",
    "compare_stored_story",
    "compare_story",
    "export_rows",
    "ingest",
    "load_settings",
    "read_sources",
    "recluster",
    "render_csv",
    "render_html",
    "render_json",
    "render_markdown",
    "update_stories",
    "write_rows",
]
