"""Shared bits for the ingest tests: where the fixtures are, and reading a source to lists."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from newsprism.config import Settings
from newsprism.ingest import read_sources
from newsprism.model import Article, Skipped

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def read_all(
    sources: Iterable[str | Path],
    settings: Settings | None = None,
    fields: Mapping[str, str] | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """Everything read_sources gives for `sources`, split into articles and skipped."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in read_sources([str(s) for s in sources], settings, fields):
        (articles if isinstance(item, Article) else skipped).append(item)  # type: ignore[arg-type]
    return articles, skipped
