"""newsprism: read news from many outlets, group it into stories, compare outlets fact by fact."""

from __future__ import annotations

import logging

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

logging.getLogger(__name__).addHandler(logging.NullHandler())

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
    "load_settings",
]
