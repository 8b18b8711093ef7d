"""The store's people: entity rows per article, each with the person it names (`person_key`).

`SQLiteStore` takes these queries from `PeopleQueries`. Every entity row of an article keeps
its own key (what the article wrote, "person:bush") and the key of the person it names there
(`person_key`, decided by `newsprism.analyze.resolve` once stories exist: "person:jeb-bush" in
a story about Jeb). Listings group by the person, so one person is one row however the
articles write the name; both columns are indexed, so a listing reads an index, not the rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass

# The kinds of key a name tagged as a person may turn out to be (entities.KINDS, and "misc").
_OTHER_KINDS = ("org", "place", "group", "misc")

# PERSON rows that name no one ("misc:brexit", "org:boko-haram", see analyze/resolve.py) are
# left out of people: "misc:..." sorts from this prefix up to the next character after ":".
_PEOPLE = " AND ".join(
    f"NOT (m.person_key >= '{kind}:' AND m.person_key < '{kind};')" for kind in _OTHER_KINDS
)


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
class CorpusPerson:
    """One row of the corpus's people table (`person_table`): a person key and its names."""

    key: str
    name: str
    label: str
    articles: int
    mentions: int
    quotes: int
    aliases: tuple[str, ...]


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
            params.extend([name, name, f"%{escape_like(name)}%"])
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
            label=_label(key, row["label"]),
            articles=row["articles"],
            mentions=row["mentions"],
            quotes=row["quotes"],
            outlets=tuple(sorted(o[0] for o in outlets)),
            aliases=tuple(n["name"] for n in names if n["name"] != lead),
            may_be=self._bearers(key),
        )

    def _bearers(self, key: str) -> tuple[str, ...]:
        """Whom a surname left as written may be (`set_undecided`), by name."""
        row = self._db.execute(
            "SELECT may_be FROM undecided_names WHERE entity_key = ?", (key,)
        ).fetchone()
        if row is None:
            return ()
        keys = json.loads(row[0])
        names = self.person_names(keys)
        return tuple(names[k] for k in keys if k in names)

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
        for marks, chunk in _in_chunks(article_ids):
            rows = self._db.execute(
                "SELECT article_id, entity_key, person_key FROM entity_mentions"
                f" WHERE article_id IN ({marks})"
                " AND person_key != entity_key",
                chunk,
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

    def person_key_counts(self) -> list[tuple[str, str, int, int]]:
        """Every PERSON key: (key, the name most written for it, articles, articles quoting
        it)."""
        rows = self._db.execute(
            "SELECT entity_key, name, count(*), sum(quotes > 0) FROM entity_mentions"
            " WHERE label = 'PERSON' GROUP BY entity_key, name"
        )
        found: dict[str, tuple[str, int, int, int]] = {}
        for key, name, n, quoted in rows:
            best, top, total, quotes = found.get(key, (name, 0, 0, 0))
            if n > top:
                best, top = name, n
            found[key] = (best, top, total + n, quotes + quoted)
        return [(key, v[0], v[2], v[3]) for key, v in found.items()]

    def person_table(self) -> list[CorpusPerson]:
        """Every person key of the corpus (of every label), with its name, label, counts and
        other names, in two grouped scans: what `people` gives row by row, for an export."""
        names: dict[str, list[tuple[int, int, str]]] = {}
        for key, name, own, n in self._db.execute(
            "SELECT person_key, name, max(entity_key = person_key), count(*)"
            " FROM entity_mentions GROUP BY person_key, name"
        ):
            names.setdefault(key, []).append((own, n, name))
        found = []
        for key, label, articles, mentions, quotes in self._db.execute(
            "SELECT person_key, max(label), count(DISTINCT article_id), sum(mentions),"
            " sum(quotes) FROM entity_mentions GROUP BY person_key ORDER BY person_key"
        ):
            ranked = sorted(names[key], key=lambda r: (-r[1], r[2]))
            # As `_summary`: the name the person's own key is written as most, else the most.
            lead = next((r for r in ranked if r[0]), ranked[0])
            found.append(
                CorpusPerson(
                    key=key,
                    name=lead[2],
                    label=_label(key, label),
                    articles=articles,
                    mentions=mentions,
                    quotes=quotes,
                    aliases=tuple(r[2] for r in ranked if r[2] != lead[2]),
                )
            )
        return found

    def resolved_keys(self) -> Iterator[tuple[str, str, str]]:
        """(article id, entity key, person key) of every entity row of the store, streamed."""
        cursor = self._db.execute(
            "SELECT article_id, entity_key, coalesce(person_key, entity_key) FROM entity_mentions"
        )
        while rows := cursor.fetchmany(10_000):
            yield from ((r[0], r[1], r[2]) for r in rows)

    def other_kinds(self, person_keys: Sequence[str]) -> dict[str, tuple[str, int]]:
        """PERSON key -> the key of another kind with the same name that the most articles
        use, and how many ("person:boko-haram" -> ("org:boko-haram", 30)); keys with none are
        left out."""
        by_other = {
            f"{kind}:{key.partition(':')[2]}": key for key in person_keys for kind in _OTHER_KINDS
        }
        wanted = sorted(by_other)
        found: dict[str, tuple[str, int]] = {}
        for marks, chunk in _in_chunks(wanted):
            rows = self._db.execute(
                "SELECT entity_key, count(*) FROM entity_mentions"
                f" WHERE entity_key IN ({marks}) GROUP BY entity_key",
                chunk,
            )
            for other, n in rows:
                person = by_other[other]
                if n > found.get(person, ("", 0))[1]:
                    found[person] = (other, n)
        return found

    def articles_naming_both(self, a: str, b: str) -> int:
        """How many articles name both entity keys."""
        row = self._db.execute(
            "SELECT count(*) FROM entity_mentions x JOIN entity_mentions y"
            " ON x.article_id = y.article_id WHERE x.entity_key = ? AND y.entity_key = ?",
            (a, b),
        ).fetchone()
        return int(row[0])

    def person_rows(self, keys: Iterable[str]) -> Iterator[StoredMention]:
        """The PERSON rows of these entity keys, with their article's story and date (an
        article not yet in a story has neither)."""
        wanted = sorted(set(keys))
        for marks, chunk in _in_chunks(wanted):
            rows = self._db.execute(
                "SELECT m.article_id, m.entity_key, m.name, m.quotes, m.person_key,"
                " sa.story_id, sa.day FROM entity_mentions m"
                " LEFT JOIN story_articles sa ON sa.article_id = m.article_id"
                f" WHERE m.entity_key IN ({marks}) AND m.label = 'PERSON'",
                chunk,
            )
            for r in rows:
                yield StoredMention(r[0], r[1], r[2], r[3], r[4] or r[1], r[5], r[6])

    def set_key_persons(self, persons: dict[str, str]) -> int:
        """Give every PERSON row of each entity key that person key, except the rows of keys
        decided article by article (not in `persons`). Saved comparisons of the stories whose
        rows changed are dropped. Returns how many rows changed."""
        changed = 0
        with self.transaction() as db:
            for key, person in persons.items():
                found = db.execute(
                    "UPDATE entity_mentions SET person_key = ?"
                    " WHERE entity_key = ? AND label = 'PERSON' AND person_key IS NOT ?",
                    (person, key, person),
                ).rowcount
                if found:
                    changed += found
                    db.execute(
                        "DELETE FROM comparisons WHERE story_id IN (SELECT sa.story_id"
                        " FROM story_articles sa JOIN entity_mentions m"
                        " ON m.article_id = sa.article_id WHERE m.entity_key = ?)",
                        (key,),
                    )
        return changed

    def set_undecided(self, may_be: dict[str, tuple[str, ...]]) -> None:
        """The surnames left as written somewhere, each with whom it may be."""
        with self.transaction() as db:
            db.execute("DELETE FROM undecided_names")
            db.executemany(
                "INSERT INTO undecided_names (entity_key, may_be) VALUES (?, ?)",
                [(key, json.dumps(list(keys))) for key, keys in may_be.items()],
            )

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
            for marks, chunk in _in_chunks(articles):
                db.execute(
                    "DELETE FROM comparisons WHERE story_id IN (SELECT story_id FROM"
                    f" story_articles WHERE article_id IN ({marks}))",
                    chunk,
                )
        return len(changes)


def _in_chunks(values: Sequence[str]) -> Iterator[tuple[str, Sequence[str]]]:
    """`values` 500 at a time (SQLite's limit on bound parameters is 999 in old builds), each
    with its IN list's placeholders."""
    for start in range(0, len(values), 500):
        chunk = values[start : start + 500]
        yield ",".join("?" * len(chunk)), chunk


def _label(key: str, label: str) -> str:
    """The label of a person key's row: a "person" the corpus found to be something else
    ("org:boko-haram") takes that kind's label."""
    kind = key.partition(":")[0]
    if kind == "misc":
        return "MISC"
    if label == "PERSON" and kind != "person":
        return {"org": "ORG", "place": "GPE", "group": "NORP"}.get(kind, label)
    return label


def _filter(label: str | None) -> tuple[str, list[object]]:
    if not label:
        return "1", []
    if label == "PERSON":
        return f"m.label = ? AND {_PEOPLE}", [label]
    return "m.label = ?", [label]


def escape_like(text: str) -> str:
    """`text` as a LIKE pattern's literal part (with ESCAPE '\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
