"""Finding stored stories: filters, counts, facets and articles per day, all in SQL.

`find_stories` (the CLI's `stories`, the web app's story list) filters in the database and
reads only the stories it returns, so a list stays quick on a large store; `count_stories`,
`outlet_facets` and `articles_per_day` answer the same filters for totals, facets and charts.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from newsprism.model import Story, from_dict
from newsprism.store.sqlite import SQLiteStore

TEXT_MATCHES = 5000
"""Most articles a text filter takes from full-text search (best matches first): a word
common to a large share of a big corpus would otherwise select nearly every story."""

_ORDER = {
    "size": "s.size DESC, s.last DESC",
    "recent": "s.last IS NULL, s.last DESC, s.size DESC",
}


@dataclass(frozen=True, slots=True)
class Selection:
    """A StoryFilter as SQL: a condition on `stories s` ("1" for every story) and parameters."""

    where: str
    params: tuple[object, ...]


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """What a story list is narrowed to; every field optional."""

    since: date | None = None
    """Stories with an article on or after this day."""
    until: date | None = None
    outlet: str | None = None
    """Stories with an article from this outlet (case-insensitive)."""
    person: str | None = None
    """Stories with an article naming the person `newsprism person` finds by this name
    (any name they are written as, or part of one)."""
    text: str | None = None
    """Stories whose label contains this, or with an article matching it in full-text search."""
    outlets: tuple[str, ...] | None = None
    """Stories with an article from any of these stored outlet names (an empty tuple: none)."""

    def select(self, store: SQLiteStore) -> Selection:
        """The SQL condition on `stories s` that keeps these stories (worked out once)."""
        sql, params = self._where(store)
        return Selection(sql, tuple(params))

    def _where(self, store: SQLiteStore) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        if self.since:
            clauses.append("s.last >= ?")
            params.append(self.since.isoformat())
        if self.until:
            clauses.append("s.first <= ?")
            params.append(self.until.isoformat())
        if self.outlet:
            clauses.append("s.id IN (SELECT story_id FROM story_outlets WHERE outlet = ?)")
            params.append(self.outlet)
        if self.outlets is not None:
            clauses.append(
                "s.id IN (SELECT story_id FROM story_outlets"
                f" WHERE outlet IN ({_marks(self.outlets)}))"
            )
            params.extend(self.outlets)
        if self.person:
            # Imported here: the analyze package loads spaCy, which listing stories does not need.
            from newsprism.analyze.people import person_keys

            keys = person_keys(store, self.person)
            clauses.append(
                "s.id IN (SELECT sa.story_id FROM story_articles sa JOIN entity_mentions m"
                f" ON m.article_id = sa.article_id WHERE m.person_key IN ({_marks(keys)}))"
            )
            params.extend(keys)
        if self.text:
            label = "instr(lower(s.label), lower(?)) > 0"
            params.append(self.text)
            fts = store.fts_query(self.text)
            matched = [] if fts is None else _matching_stories(store, fts)
            clauses.append(f"({label} OR s.id IN ({_marks(matched)}))")
            params.extend(matched)
        return (" AND ".join(clauses) or "1"), params


def _matching_stories(store: SQLiteStore, fts: str) -> list[str]:
    """Ids of the stories holding one of the TEXT_MATCHES best matches of the FTS5 query."""
    rows = store.execute(
        "SELECT DISTINCT sa.story_id FROM (SELECT rowid FROM articles_fts"
        " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?) f"
        " JOIN articles a ON a.rowid = f.rowid JOIN story_articles sa ON sa.article_id = a.id",
        (fts, TEXT_MATCHES),
    )
    return [row[0] for row in rows]


def _marks(values: Sequence[str]) -> str:
    return ",".join("?" * len(values)) or "NULL"


def find_stories(
    store: SQLiteStore,
    sort: str = "size",
    since: date | None = None,
    until: date | None = None,
    outlet: str | None = None,
    person: str | None = None,
    text: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    outlets: Sequence[str] | None = None,
) -> list[Story]:
    """Stored stories, biggest or most recent first, filtered as asked (see StoryFilter)."""
    if sort not in _ORDER:
        raise ValueError("sort must be 'size' or 'recent'")
    chosen = tuple(outlets) if outlets is not None else None
    kept = StoryFilter(since, until, outlet, person, text, chosen).select(store)
    rows = store.execute(
        f"SELECT s.data FROM stories s WHERE {kept.where} ORDER BY {_ORDER[sort]} LIMIT ? OFFSET ?",
        [*kept.params, -1 if limit is None else limit, offset],
    )
    return [from_dict(Story, json.loads(row["data"])) for row in rows]


def count_stories(store: SQLiteStore, kept: Selection) -> int:
    """How many stories the selection keeps."""
    sql = f"SELECT count(*) FROM stories s WHERE {kept.where}"
    return int(store.execute(sql, kept.params).fetchone()[0])


def outlet_facets(store: SQLiteStore, kept: Selection, limit: int = 30) -> list[tuple[str, int]]:
    """(outlet, number of the kept stories it reports in), most stories first."""
    where = kept.where
    if where != "1":
        where = f"o.story_id IN (SELECT s.id FROM stories s WHERE {where})"
    rows = store.execute(
        f"SELECT o.outlet AS outlet, count(*) AS n FROM story_outlets o WHERE {where}"
        " GROUP BY o.outlet ORDER BY n DESC, o.outlet LIMIT ?",
        [*kept.params, limit],
    )
    return [(row["outlet"], int(row["n"])) for row in rows]


def date_span(store: SQLiteStore, kept: Selection) -> tuple[date, date] | None:
    """The first and last day of the kept stories, or None when none is dated."""
    if kept.where == "1":
        sql = "SELECT min(day), max(day) FROM story_articles"
    else:
        sql = f"SELECT min(s.first), max(s.last) FROM stories s WHERE {kept.where}"
    first, last = store.execute(sql, kept.params).fetchone()
    return (date.fromisoformat(first), date.fromisoformat(last)) if first and last else None


_BUCKETS = {
    "day": "day",
    "week": "date(day, '-' || ((CAST(strftime('%w', day) AS INTEGER) + 6) % 7) || ' days')",
    "month": "strftime('%Y-%m-01', day)",
}


OTHER_OUTLETS = "other outlets"


def articles_per_day(
    store: SQLiteStore, kept: Selection, grain: str = "day", outlets: Sequence[str] = ()
) -> list[tuple[date, str, int]]:
    """(day, outlet, articles) over the kept stories' articles, by day, week (its Monday) or
    month (its first day); inferred dates count, undated articles do not.

    With `outlets`, only those are counted apart and every other outlet's articles come as
    one OTHER_OUTLETS row per day (a chart shows a few outlets; counting all of them apart
    is what makes a chart of a large store slow).
    """
    where = ""
    if kept.where != "1":
        where = f"AND story_id IN (SELECT s.id FROM stories s WHERE {kept.where})"
    named = f"AND outlet IN ({_marks(list(outlets))})" if outlets else ""
    # Count by day on the (day, outlet) index first, then put the few rows left in buckets.
    by_outlet = (
        f"SELECT {_BUCKETS[grain]} AS bucket, outlet, sum(n) AS n FROM (SELECT day, outlet,"
        f" count(*) AS n FROM story_articles WHERE day IS NOT NULL {where} {named}"
        " GROUP BY day, outlet) GROUP BY bucket, outlet ORDER BY bucket"
    )
    rows = [
        (date.fromisoformat(row["bucket"]), row["outlet"], int(row["n"]))
        for row in store.execute(by_outlet, [*kept.params, *outlets])
    ]
    if not outlets:
        return rows
    totals = (
        f"SELECT {_BUCKETS[grain]} AS bucket, sum(n) AS n FROM (SELECT day, count(*) AS n"
        f" FROM story_articles WHERE day IS NOT NULL {where} GROUP BY day) GROUP BY bucket"
    )
    shown: Counter[date] = Counter()
    for day, _, n in rows:
        shown[day] += n
    for row in store.execute(totals, kept.params):
        day = date.fromisoformat(row["bucket"])
        if int(row["n"]) > shown[day]:
            rows.append((day, OTHER_OUTLETS, int(row["n"]) - shown[day]))
    return sorted(rows)
