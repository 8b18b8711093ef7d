"""Finding stored stories: filters, counts, facets and articles per day, all in SQL.

`find_stories` (the CLI's `stories`, the web app's story list) filters in the database and
reads only the stories it returns, so a list stays quick on a large store; `count_stories`,
`outlet_facets` and `articles_per_day` answer the same filters for totals, facets and charts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from newsprism.model import Story, from_dict
from newsprism.store.sqlite import SQLiteStore

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
    """Stories with an article mentioning an entity whose name contains this."""
    text: str | None = None
    """Stories whose label contains this, or with an article matching it in full-text search."""

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
        if self.person:
            keys = [p.key for p in store.people(label=None, name=self.person, limit=1000)]
            clauses.append(
                "s.id IN (SELECT sa.story_id FROM story_articles sa JOIN entity_mentions m"
                f" ON m.article_id = sa.article_id WHERE m.entity_key IN ({_marks(keys)}))"
            )
            params.extend(keys)
        if self.text:
            label = "instr(lower(s.label), lower(?)) > 0"
            params.append(self.text)
            fts = store.fts_query(self.text)
            if fts is None:
                clauses.append(label)
            else:
                clauses.append(
                    f"({label} OR s.id IN (SELECT sa.story_id FROM story_articles sa"
                    " JOIN articles a ON a.id = sa.article_id WHERE a.rowid IN"
                    " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)))"
                )
                params.append(fts)
        return (" AND ".join(clauses) or "1"), params


def _marks(values: list[str]) -> str:
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
) -> list[Story]:
    """Stored stories, biggest or most recent first, filtered as asked (see StoryFilter)."""
    if sort not in _ORDER:
        raise ValueError("sort must be 'size' or 'recent'")
    kept = StoryFilter(since, until, outlet, person, text).select(store)
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
        sql = "SELECT min(published), max(published) FROM articles"
    else:
        sql = f"SELECT min(s.first), max(s.last) FROM stories s WHERE {kept.where}"
    first, last = store.execute(sql, kept.params).fetchone()
    return (date.fromisoformat(first), date.fromisoformat(last)) if first and last else None


_BUCKETS = {
    "day": "{0}",
    "week": "date({0}, '-' || ((CAST(strftime('%w', {0}) AS INTEGER) + 6) % 7) || ' days')",
    "month": "strftime('%Y-%m-01', {0})",
}


def articles_per_day(
    store: SQLiteStore, kept: Selection, grain: str = "day"
) -> Iterator[tuple[date, str, int]]:
    """(day, outlet, articles) over the kept stories' articles, by day, week (its Monday) or
    month (its first day); inferred dates count, undated articles do not. A (day, outlet)
    pair may come more than once: sum them."""
    where, params = kept.where, kept.params
    bucket = _BUCKETS[grain]
    inferred = (
        f"SELECT {bucket.format('sa.inferred_date')} AS day, a.outlet AS outlet, count(*) AS n"
        " FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
        " WHERE sa.inferred_date IS NOT NULL {0} GROUP BY day, a.outlet"
    )
    if where == "1":  # every article: read from the (published, outlet) index alone
        sql = (
            f"SELECT {bucket.format('published')} AS day, outlet, count(*) AS n FROM articles"
            " WHERE published IS NOT NULL GROUP BY day, outlet UNION ALL " + inferred.format("")
        )
    else:
        sql = (
            f"SELECT {bucket.format('coalesce(a.published, sa.inferred_date)')} AS day,"
            " a.outlet AS outlet, count(*) AS n FROM story_articles sa"
            " JOIN articles a ON a.id = sa.article_id"
            f" WHERE sa.story_id IN (SELECT s.id FROM stories s WHERE {where})"
            " AND coalesce(a.published, sa.inferred_date) IS NOT NULL GROUP BY day, a.outlet"
        )
    for row in store.execute(sql, params):
        yield date.fromisoformat(row["day"]), row["outlet"], int(row["n"])
