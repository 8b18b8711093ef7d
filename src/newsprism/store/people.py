"""The store's people: entity rows per article, each with the person it names (`person_key`).

`SQLiteStore` takes these queries from `PeopleQueries`. Every entity row of an article keeps
its own key (what the article wrote, "person:bush") and the key of the person it names there
(`person_key`, decided by `newsprism.analyze.resolve` once stories exist: "person:jeb-bush" in
a story about Jeb). Listings group by the person, so one person is one row however the
articles write the name; both columns are indexed, so a listing reads an index, not the rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass

# Keys of people: "person:..." sorts from this prefix up to the next character after ":".
_PEOPLE = "m.person_key >= 'person:' AND m.person_key < 'person;'"


@dataclass(frozen=True, slots=True)
class PersonSummary:
    key: str
    name: str
    label: str
    articles: int
    mentions: int
    quotes: int
    outlets: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    """Other names the person is written as across the corpus ("Biden", "Mr. Biden" for Joe
    Biden), most used first."""
    may_be: tuple[str, ...] = ()
    """For a surname that articles use where neither their story nor their weeks tell which
    of several people it means ("Bush"): those people, most written-about first."""


@dataclass(frozen=True, slots=True)
class StoredMention:
    """A PERSON row as stored, with where its article stands (for the resolver)."""

    article_id: str
    key: str
    name: str
    quotes: int
    person_key: str
    story_id: str | None
    day: str | None
    """Published date, else the date inferred from its story (ISO), else None."""


class PeopleQueries:
    """Person listings and person keys over `entity_mentions`; mixed into SQLiteStore."""

    _db: sqlite3.Connection

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def people(
        self, label: str | None = "PERSON", name: str | None = None, limit: int | None = 50
    ) -> list[PersonSummary]:
        """People (or entities of `label`; None: every kind) across the corpus, one row per
        person, most written-about first; `name` keeps those any of whose names contains it
        (or whose key it is)."""
        where, params = _filter(label)
        if name:
            where += (
                " AND m.person_key IN (SELECT n.person_key FROM entity_mentions n"
                " WHERE n.entity_key = ? OR n.person_key = ?"
                " OR lower(n.name) LIKE lower(?) ESCAPE '\\')"
            )
            params.extend([name, name, f"%{_escape_like(name)}%"])
        rows = self._db.execute(
            "SELECT m.person_key AS key, max(m.label) AS label,"
            " count(DISTINCT m.article_id) AS articles, sum(m.mentions) AS mentions,"
            f" sum(m.quotes) AS quotes FROM entity_mentions m WHERE {where}"
            " GROUP BY m.person_key ORDER BY articles DESC, mentions DESC, key LIMIT ?",
            (*params, -1 if limit is None else limit),
        ).fetchall()
        return [self._summary(row) for row in rows]

    def _summary(self, row: sqlite3.Row) -> PersonSummary:
        key = row["key"]
        names = self._db.execute(
            "SELECT name, max(entity_key = person_key) AS own, count(*) AS n"
            " FROM entity_mentions WHERE person_key = ? GROUP BY name ORDER BY n DESC, name",
            (key,),
        ).fetchall()
        # The name the person's own key is written as most ("Hillary Clinton", not a stray
        # "Hillary] Clinton" that folds to the same key); else the most written.
        lead = next((n["name"] for n in names if n["own"]), names[0]["name"])
        outlets = self._db.execute(
            "SELECT DISTINCT a.outlet FROM entity_mentions m JOIN articles a"
            " ON a.id = m.article_id WHERE m.person_key = ?",
            (key,),
        )
        return PersonSummary(
            key=key,
            name=lead,
            label="MISC" if key.startswith("misc:") else row["label"],
            articles=row["articles"],
            mentions=row["mentions"],
            quotes=row["quotes"],
            outlets=tuple(sorted(o[0] for o in outlets)),
            aliases=tuple(n["name"] for n in names if n["name"] != lead),
            may_be=self._bearers(key),
        )

    def _bearers(self, key: str) -> tuple[str, ...]:
        """The people (up to three) whose full name ends in a one-word person key's word."""
        kind, _, word = key.partition(":")
        if kind != "person" or "-" in word:
            return ()
        rows = self._db.execute(
            "SELECT m.person_key, count(DISTINCT m.article_id) AS n FROM entity_mentions m"
            f" WHERE m.label = 'PERSON' AND {_PEOPLE} AND m.person_key LIKE ? ESCAPE '\\'"
            " GROUP BY m.person_key ORDER BY n DESC, m.person_key LIMIT 3",
            (f"person:%-{_escape_like(word)}",),
        ).fetchall()
        names = self.person_names(r[0] for r in rows)
        return tuple(names[r[0]] for r in rows if r[0] in names)

    def count_people(self, label: str | None = "PERSON") -> int:
        """How many rows `people` can list with this label (None: every label)."""
        where, params = _filter(label)
        sql = f"SELECT count(DISTINCT m.person_key) FROM entity_mentions m WHERE {where}"
        return int(self._db.execute(sql, params).fetchone()[0])

    def articles_of_people(self, person_keys: Sequence[str]) -> list[str]:
        """Ids of the articles that name any of these people, in order of storing."""
        marks = ",".join("?" * len(person_keys)) or "NULL"
        rows = self._db.execute(
            "SELECT DISTINCT m.article_id FROM entity_mentions m JOIN articles a"
            f" ON a.id = m.article_id WHERE m.person_key IN ({marks}) ORDER BY a.rowid",
            tuple(person_keys),
        )
        return [row[0] for row in rows]

    def person_keys_of(self, article_ids: Sequence[str]) -> dict[tuple[str, str], str]:
        """(article id, entity key) -> person key, for the rows of these articles whose person
        is not their own key."""
        found: dict[tuple[str, str], str] = {}
        for start in range(0, len(article_ids), 500):
            chunk = article_ids[start : start + 500]
            rows = self._db.execute(
                "SELECT article_id, entity_key, person_key FROM entity_mentions"
                f" WHERE article_id IN ({','.join('?' * len(chunk))})"
                " AND person_key != entity_key",
                tuple(chunk),
            )
            found.update(((r[0], r[1]), r[2]) for r in rows)
        return found

    def person_names(self, person_keys: Iterable[str]) -> dict[str, str]:
        """The name each person key's own rows are written as most."""
        found: dict[str, str] = {}
        for key in set(person_keys):
            row = self._db.execute(
                "SELECT name FROM entity_mentions WHERE entity_key = ?"
                " GROUP BY name ORDER BY count(*) DESC, name LIMIT 1",
                (key,),
            ).fetchone()
            if row is not None:
                found[key] = row[0]
        return found

    def person_rows(self) -> Iterator[StoredMention]:
        """Every PERSON row, with its article's story and date."""
        rows = self._db.execute(
            "SELECT m.article_id, m.entity_key, m.name, m.quotes, m.person_key, sa.story_id,"
            " coalesce(a.published, sa.inferred_date) AS day FROM entity_mentions m"
            " JOIN articles a ON a.id = m.article_id"
            " LEFT JOIN story_articles sa ON sa.article_id = m.article_id"
            " WHERE m.label = 'PERSON'"
        )
        for r in rows:
            yield StoredMention(r[0], r[1], r[2], r[3], r[4] or r[1], r[5], r[6])

    def set_person_keys(self, changes: Iterable[tuple[str, str, str]]) -> int:
        """Give rows (article id, entity key) a new person key; the saved comparisons of their
        stories are dropped (their speakers' names may change) and are computed again.
        Returns how many rows changed."""
        changes = list(changes)
        with self.transaction() as db:
            db.executemany(
                "UPDATE entity_mentions SET person_key = ? WHERE article_id = ? AND entity_key = ?",
                [(person, article, key) for article, key, person in changes],
            )
            articles = sorted({article for article, _, _ in changes})
            for start in range(0, len(articles), 500):
                chunk = articles[start : start + 500]
                db.execute(
                    "DELETE FROM comparisons WHERE story_id IN (SELECT story_id FROM"
                    f" story_articles WHERE article_id IN ({','.join('?' * len(chunk))}))",
                    chunk,
                )
        return len(changes)


def _filter(label: str | None) -> tuple[str, list[object]]:
    if not label:
        return "1", []
    if label == "PERSON":
        return f"m.label = ? AND {_PEOPLE}", [label]
    return "m.label = ?", [label]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
