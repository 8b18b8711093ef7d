"""Everything in the corpus as rows: articles, quotes, people, figures, dates, stories.

`export_rows` streams one kind of record as flat dicts (one row per quote, per person in an
article, per figure...), read article by article from the store, so a corpus of any size is
written in constant memory; `write_rows` writes them as CSV or JSON Lines. The CLI's
`newsprism export` is a thin wrapper over the two.

Rows of people and quotes carry two keys: `key` / `speaker_key`, whom the article itself names
("person:biden" in an article that never writes the first name), and `person_key` with its
name `person`, whom the corpus resolved it to once stories were known ("person:joe-biden",
`analyze/resolve.py`). Group by `person_key` to count each person once.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TextIO

from newsprism.errors import ConfigError
from newsprism.model import Analysis, Article
from newsprism.store.sqlite import SQLiteStore

_ARTICLE = ("article_id", "outlet", "published", "title")
COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": (*_ARTICLE, "url", "author", "language", "source", "story_id", "text"),
    "quotes": (
        *_ARTICLE,
        "speaker",
        "speaker_key",
        "person_key",
        "person",
        "cue",
        "kind",
        "quote",
        "start",
        "end",
    ),
    "people": (*_ARTICLE, "key", "name", "label", "mentions", "person_key", "person"),
    "figures": (*_ARTICLE, "value", "upper", "unit", "qualifier", "subject", "as_written"),
    "dates": (*_ARTICLE, "as_written", "start", "end", "grain", "sentence"),
    "stories": ("story_id", "label", "articles", "copies", "first", "last", "outlets", "ids"),
}
KINDS = tuple(COLUMNS)
FORMATS = ("csv", "jsonl")


@dataclass(frozen=True, slots=True)
class ExportFilter:
    """Which articles to export: stored outlet names, a date range, one story's articles."""

    outlets: Sequence[str] | None = None
    since: date | None = None
    until: date | None = None
    story_id: str | None = None


def export_rows(
    store: SQLiteStore, kind: str, where: ExportFilter | None = None
) -> Iterator[dict[str, Any]]:
    """The rows of one kind (see COLUMNS) for the articles the filter keeps, streamed."""
    if kind not in COLUMNS:
        raise ConfigError(f"Unknown export '{kind}'. Choose one of: {', '.join(KINDS)}.")
    return _rows(store, kind, where or ExportFilter())


def _rows(store: SQLiteStore, kind: str, where: ExportFilter) -> Iterator[dict[str, Any]]:
    if kind == "stories":
        yield from _story_rows(store, where)
        return
    ids = store.get_story(where.story_id).article_ids if where.story_id else None
    people = _People(store)
    for article in store.iter_articles(where.outlets, where.since, where.until, ids=ids):
        if kind == "articles":
            yield _article_row(store, article)
            continue
        analysis = store.get_analysis(article.id)
        if analysis is not None:
            yield from _analysis_rows(kind, article, analysis, people)


class _People:
    """Whom an article's entity keys name across the corpus, and by what name: the person keys
    the store resolved, each person's name read once per export."""

    def __init__(self, store: SQLiteStore) -> None:
        self._store = store
        self._names: dict[str, str] = {}
        self._article = ""
        self._keys: dict[tuple[str, str], str] = {}

    def resolve(self, article_id: str, key: str | None, name: str | None) -> tuple[Any, Any]:
        """(person key, person's name) of `key` in this article; `name` when the person's
        own key is never written (a thing, "misc:brexit"); (None, None) without a key."""
        if key is None:
            return None, None
        if article_id != self._article:
            self._article = article_id
            self._keys = self._store.person_keys_of([article_id])
        person = self._keys.get((article_id, key), key)
        if person not in self._names:
            found = self._store.person_names([person]).get(person)
            if found is None:
                return person, name
            self._names[person] = found
        return person, self._names[person]


def write_rows(rows: Iterator[dict[str, Any]], kind: str, fmt: str, out: TextIO) -> int:
    """Write rows as CSV (with a header) or JSON Lines; returns how many were written."""
    if fmt not in FORMATS:
        raise ConfigError(f"Unknown export format '{fmt}'. Choose one of: {', '.join(FORMATS)}.")
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=COLUMNS[kind], lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: _cell(value) for key, value in row.items()})
            count += 1
        return count
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        count += 1
    return count


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return "; ".join(map(str, value))
    return "" if value is None else value


def _head(article: Article) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "title": article.title,
    }


def _article_row(store: SQLiteStore, article: Article) -> dict[str, Any]:
    return {
        **_head(article),
        "url": article.url,
        "author": article.author,
        "language": article.language,
        "source": article.source,
        "story_id": store.story_of(article.id),
        "text": article.body,
    }


def _analysis_rows(
    kind: str, article: Article, analysis: Analysis, people: _People
) -> Iterator[dict[str, Any]]:
    head = _head(article)
    if kind == "quotes":
        for q in analysis.quotes:
            person, name = people.resolve(article.id, q.speaker_key, q.speaker_name)
            yield {
                **head,
                "speaker": q.speaker_name or (q.speaker.text if q.speaker else None),
                "speaker_key": q.speaker_key,
                "person_key": person,
                "person": name,
                "cue": q.cue.text if q.cue else None,
                "kind": q.kind,
                "quote": q.content.text,
                "start": q.content.start,
                "end": q.content.end,
            }
    elif kind == "people":
        for e in analysis.entities:
            person, name = people.resolve(article.id, e.key, e.name)
            yield {
                **head,
                "key": e.key,
                "name": e.name,
                "label": e.label,
                "mentions": e.count,
                "person_key": person,
                "person": name,
            }
    elif kind == "figures":
        for f in analysis.figures:
            yield {
                **head,
                "value": f.value,
                "upper": f.upper,
                "unit": f.unit,
                "qualifier": f.qualifier,
                "subject": f.subject,
                "as_written": f.text.text,
            }
    else:
        for t in analysis.times:
            yield {
                **head,
                "as_written": t.text.text,
                "start": t.start.isoformat() if t.start else None,
                "end": t.end.isoformat() if t.end else None,
                "grain": t.grain,
                "sentence": t.sentence,
            }


def _story_rows(store: SQLiteStore, where: ExportFilter) -> Iterator[dict[str, Any]]:
    from newsprism.stories import find_stories

    if where.story_id:
        stories = [store.get_story(where.story_id)]
    else:
        stories = find_stories(store, since=where.since, until=where.until, outlets=where.outlets)
    for s in stories:
        yield {
            "story_id": s.id,
            "label": s.label,
            "articles": s.size,
            "copies": len(s.duplicates),
            "first": s.first.isoformat() if s.first else None,
            "last": s.last.isoformat() if s.last else None,
            "outlets": list(s.outlets),
            "ids": list(s.article_ids),
        }
