"""SQLite storage: one file, WAL mode, FTS5 search, migrations in order.

`SQLiteStore` is the repository every stage reads and writes through. Writes are in short
transactions (one per batch), so a crash loses at most the batch in flight and never leaves a
half-written article; articles are keyed by their content id, so writing one twice is a no-op.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from newsprism.errors import NotFoundError, QueryError, StoreError
from newsprism.model import Analysis, Article, Story, from_dict, to_dict
from newsprism.store.migrations import MIGRATIONS, migrate
from newsprism.store.people import PeopleQueries, escape_like

BUSY_TIMEOUT_MS = 60_000
# What makes a query FTS5 syntax rather than plain words, and the snippet's match markers
# (control characters, which cleaned article text does not hold).
_FTS_SYNTAX = re.compile(r'\b(?:AND|OR|NOT|NEAR)\b|["()*]')
_MARK_ON, _MARK_OFF = "\x02", "\x03"
_FTS_HELP = (
    "Write words to find articles with all of them (storm surge), a phrase in double"
    ' quotes ("storm surge"), either word (storm OR surge), one without the other'
    " (storm NOT surge: NOT takes a word on each side, so not 'AND NOT'), a prefix (evacu*),"
    " words near each other (NEAR(storm surge, 5)), and parentheses to group."
)


@dataclass(frozen=True, slots=True)
class AddResult:
    """What writing a batch of articles did."""

    new: tuple[str, ...]
    duplicate: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result: the article, a snippet of its body and where in it the words matched."""

    article: Article
    snippet: str
    rank: float
    matches: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class EncodedAnalysis:
    """An analysis in the form the store writes: what a Dask worker sends back, so that the
    process saving it neither rebuilds the records nor encodes them again (strings cross
    processes at a fraction of the cost of the records they encode)."""

    article_id: str
    model: str
    data: str
    """The analysis as JSON (`to_dict`)."""
    mentions: tuple[tuple[str, str, str, int, int], ...]
    """Per entity: key, name, label, mentions, quotes given to it."""

    @classmethod
    def of(cls, analysis: Analysis) -> EncodedAnalysis:
        quoted: dict[str, int] = {}
        for quote in analysis.quotes:
            if quote.speaker_key:
                quoted[quote.speaker_key] = quoted.get(quote.speaker_key, 0) + 1
        return cls(
            analysis.article_id,
            analysis.model,
            json.dumps(to_dict(analysis), ensure_ascii=False),
            tuple(
                (e.key, e.name, e.label, e.count, quoted.get(e.key, 0)) for e in analysis.entities
            ),
        )


def _is_busy(exc: sqlite3.Error) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _now(timespec: str = "seconds") -> str:
    return datetime.now(timezone.utc).isoformat(timespec=timespec)


def _row_to_article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        title=row["title"],
        paragraphs=tuple(json.loads(row["paragraphs"])),
        url=row["url"],
        outlet=row["outlet"],
        published=date.fromisoformat(row["published"]) if row["published"] else None,
        language=row["language"],
        source=row["source"],
        author=row["author"],
        removed=tuple(json.loads(row["removed"])),
    )


class SQLiteStore(PeopleQueries):
    """Articles, analyses and stories in one SQLite file (":memory:" for a throwaway store)."""

    def __init__(self, path: str | Path = "newsprism.db") -> None:
        self.path = str(path)
        try:
            self._db = sqlite3.connect(
                self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000
            )
        except sqlite3.Error as exc:
            raise StoreError(f"Cannot open database {self.path}: {exc}") from exc
        self._db.row_factory = sqlite3.Row
        try:
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._retry_while_busy(self._prepare)
        except sqlite3.DatabaseError as exc:
            self._db.close()
            if _is_busy(exc):
                raise StoreError(
                    f"{self.path} stayed locked by another process; try again."
                ) from exc
            raise StoreError(
                f"{self.path} is not a newsprism database or is damaged ({exc}). "
                "Give another --db path."
            ) from exc

    @classmethod
    def read_only(cls, path: str | Path) -> SQLiteStore:
        """A store that can only read (what web pages use): no migration, no write.

        The file must exist and be at this newsprism's schema version.
        """
        store = cls.__new__(cls)
        store.path = str(path)
        if not Path(path).is_file():
            raise NotFoundError(f"No database at {path}: ingest some articles first.")
        try:
            uri = Path(path).resolve().as_uri() + "?mode=ro"
            store._db = sqlite3.connect(
                uri, uri=True, isolation_level=None, check_same_thread=False
            )
            store._db.row_factory = sqlite3.Row
            store._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = int(store._db.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path} is not a newsprism database or is damaged ({exc}).") from exc
        if version != len(MIGRATIONS):
            store._db.close()
            raise StoreError(
                f"{path} has schema version {version}, this newsprism needs {len(MIGRATIONS)}:"
                " run any newsprism command on it (e.g. `newsprism --db FILE stories`) to upgrade."
            )
        return store

    def _prepare(self) -> None:
        """WAL mode and the schema. Switching a new file to WAL can fail at once with
        "database is locked" (SQLite calls no busy handler there) while another process is
        creating the same file, so the caller retries this step."""
        if self.path != ":memory:":
            self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.execute("PRAGMA foreign_keys = ON")
        migrate(self._db)

    def _retry_while_busy(self, step: Callable[[], object]) -> None:
        """Run `step`, again while it fails as busy, until the busy timeout has passed in all.

        SQLite's own busy handler covers most waits; this covers the places where SQLite
        reports "locked" at once (journal-mode switches, WAL recovery, lock upgrades).
        """
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        pause = 0.05
        while True:
            try:
                step()
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() + pause > deadline:
                    raise
                time.sleep(pause)
                pause = min(pause * 2, 2.0)

    # --- plumbing ----------------------------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction taken up front (BEGIN IMMEDIATE), retried while the file is busy.

        Nested use joins the transaction already open (the outer one commits or rolls back),
        so a caller can hold the write lock across several store methods.
        """
        if self._db.in_transaction:
            yield self._db
            return
        try:
            self._retry_while_busy(lambda: self._db.execute("BEGIN IMMEDIATE"))
        except sqlite3.OperationalError as exc:
            if _is_busy(exc):
                raise StoreError(
                    f"{self.path} stayed locked by another process; try again."
                ) from exc
            raise StoreError(f"Cannot write to {self.path}: {exc}") from exc
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")

    def execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        return self._db.execute(sql, tuple(params))

    # --- articles ----------------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        """Store articles not yet stored, in one transaction. Same id twice is a duplicate."""
        new: list[str] = []
        duplicate: list[str] = []
        with self.transaction() as db:
            for article in articles:
                cursor = db.execute(
                    "INSERT OR IGNORE INTO articles (id, title, body, paragraphs, url, outlet,"
                    " published, language, source, author, removed, ingested_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        article.id,
                        article.title,
                        article.body,
                        json.dumps(list(article.paragraphs), ensure_ascii=False),
                        article.url,
                        article.outlet,
                        article.published.isoformat() if article.published else None,
                        article.language,
                        article.source,
                        article.author,
                        json.dumps(list(article.removed), ensure_ascii=False),
                        _now(),
                    ),
                )
                (new if cursor.rowcount == 1 else duplicate).append(article.id)
        return AddResult(tuple(new), tuple(duplicate))

    def has_article(self, article_id: str) -> bool:
        row = self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def get_article(self, article_id: str) -> Article:
        """The article with this id, or with the only id starting with this prefix."""
        rows = self._db.execute(
            "SELECT * FROM articles WHERE id = ? OR id LIKE ? ESCAPE '\\' LIMIT 2",
            (article_id, escape_like(article_id) + "%"),
        ).fetchall()
        exact = [row for row in rows if row["id"] == article_id]
        if exact:
            return _row_to_article(exact[0])
        if len(rows) == 1 and len(article_id) >= 4:
            return _row_to_article(rows[0])
        if len(rows) == 1:
            raise NotFoundError(
                f"Article id '{article_id}' is too short: give 4 characters or more."
            )
        if rows:
            raise NotFoundError(f"Article id '{article_id}' is ambiguous; give more characters.")
        raise NotFoundError(
            f"No article with id '{article_id}'. List ids with `newsprism articles`."
        )

    def iter_articles(
        self,
        outlets: Sequence[str] | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int | None = None,
        ids: Iterable[str] | None = None,
    ) -> Iterator[Article]:
        """Stored articles, newest first (undated last), filtered as asked.

        `outlets` are stored outlet names (any case); `since` and `until` compare the
        published date, or for an undated article the date inferred from its story.
        """
        where, params = _article_filter(outlets, since, until, ids)
        sql = f"SELECT * FROM articles{where} ORDER BY published IS NULL, published DESC, rowid"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        for row in self._db.execute(sql, params):
            yield _row_to_article(row)

    def count_articles(
        self,
        outlets: Sequence[str] | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> int:
        """How many stored articles `iter_articles` gives with the same filters."""
        where, params = _article_filter(outlets, since, until, None)
        return int(self._db.execute(f"SELECT count(*) FROM articles{where}", params).fetchone()[0])

    def outlet_counts(self) -> dict[str, int]:
        """Every stored outlet name and how many articles it has, most articles first."""
        rows = self._db.execute(
            "SELECT outlet, count(*) AS n FROM articles GROUP BY outlet ORDER BY n DESC, outlet"
        )
        return {row["outlet"]: int(row["n"]) for row in rows}

    def search(self, query: str, limit: int | None = 20) -> list[SearchHit]:
        """Full-text search over titles and bodies (FTS5, best match first).

        Plain words are matched as words (punctuation inside them is no syntax error); a
        query that uses FTS5 syntax (AND, OR, NOT, NEAR, "phrases", parentheses, prefix*)
        must be valid FTS5, else QueryError says what works.
        """
        match = self._fts_query(query)
        if match is None:
            return []
        rows = self._db.execute(
            f"SELECT a.*, snippet(articles_fts, 1, '{_MARK_ON}', '{_MARK_OFF}', ' … ', 12)"
            " AS snip, bm25(articles_fts) AS rank FROM articles_fts"
            " JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, -1 if limit is None else limit),
        ).fetchall()
        return [_search_hit(row) for row in rows]

    def count_matches(self, query: str) -> int:
        """How many articles `search` finds for this query, without a limit."""
        match = self._fts_query(query)
        if match is None:
            return 0
        sql = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
        return int(self._db.execute(sql, (match,)).fetchone()[0])

    def _fts_query(self, query: str) -> str | None:
        """The query as FTS5 is to run it: as typed when valid, plain words quoted one by
        one, None when it holds no word; QueryError when FTS5 syntax in it is invalid."""
        try:
            self._db.execute(
                "SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (query,)
            ).fetchall()
            return query
        except sqlite3.OperationalError as exc:
            if _FTS_SYNTAX.search(query):
                raise QueryError(_fts_help(query, exc)) from exc
        words = re.findall(r"\w+", query)
        return " ".join(f'"{word}"' for word in words) if words else None

    def fts_query(self, query: str) -> str | None:
        """The FTS5 query `search` runs for `query`: the query itself when it is valid FTS5,
        else its words quoted one by one; None when it has no words at all."""
        if self.query_error(query) is None:
            return query
        words = [w for w in re.findall(r"\w+", query) if w not in {"AND", "OR", "NOT", "NEAR"}]
        return " ".join(f'"{word}"' for word in words) or None

    def query_error(self, query: str) -> str | None:
        """Why `query` is not valid FTS5 syntax (SQLite's words), or None when it is."""
        try:
            self._db.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (query,)
            ).fetchall()
        except sqlite3.OperationalError as exc:
            return str(exc)
        return None

    # --- analyses ----------------------------------------------------------------------------

    def save_analyses(self, analyses: Iterable[Analysis | EncodedAnalysis]) -> int:
        """Store analyses (replacing earlier ones of the same articles); returns how many."""
        count = 0
        with self.transaction() as db:
            for item in analyses:
                encoded = item if isinstance(item, EncodedAnalysis) else EncodedAnalysis.of(item)
                db.execute(
                    "INSERT OR REPLACE INTO analyses (article_id, data, model, analyzed_at)"
                    " VALUES (?, ?, ?, ?)",
                    (
                        encoded.article_id,
                        encoded.data,
                        encoded.model,
                        _now("microseconds"),  # tells re-analyses apart (compare.saved)
                    ),
                )
                db.execute(
                    "DELETE FROM entity_mentions WHERE article_id = ?", (encoded.article_id,)
                )
                # Each name is its own person until `resolve_people` says whom it names here.
                db.executemany(
                    "INSERT OR REPLACE INTO entity_mentions"
                    " (article_id, entity_key, name, label, mentions, quotes, person_key)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(encoded.article_id, *row, row[0]) for row in encoded.mentions],
                )
                count += 1
        return count

    def get_analysis(self, article_id: str) -> Analysis | None:
        row = self._db.execute(
            "SELECT data FROM analyses WHERE article_id = ?", (article_id,)
        ).fetchone()
        return from_dict(Analysis, json.loads(row["data"])) if row else None

    def unanalyzed_ids(self) -> list[str]:
        rows = self._db.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM analyses)"
            " ORDER BY rowid"
        )
        return [row["id"] for row in rows]

    # --- stories -----------------------------------------------------------------------------

    def save_stories(self, stories: Iterable[Story], replace_all: bool = False) -> None:
        """Store stories and their membership; `replace_all` first forgets every story."""
        with self.transaction() as db:
            if replace_all:
                db.execute("DELETE FROM story_articles")
                db.execute("DELETE FROM story_outlets")
                db.execute("DELETE FROM stories")
            for story in stories:
                db.execute(
                    "INSERT OR REPLACE INTO stories (id, label, first, last, size, data,"
                    " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        story.id,
                        story.label,
                        story.first.isoformat() if story.first else None,
                        story.last.isoformat() if story.last else None,
                        story.size,
                        json.dumps(to_dict(story), ensure_ascii=False),
                        _now(),
                    ),
                )
                db.execute("DELETE FROM story_outlets WHERE story_id = ?", (story.id,))
                db.executemany(
                    "INSERT OR IGNORE INTO story_outlets (story_id, outlet) VALUES (?, ?)",
                    [(story.id, outlet) for outlet in story.outlets],
                )
                copies = dict(story.duplicates)
                inferred = dict(story.inferred_dates)
                for aid in story.article_ids:
                    day = inferred.get(aid)
                    guess = day.isoformat() if day else None
                    db.execute(  # day and outlet copied beside it: see migration m005
                        "INSERT OR REPLACE INTO story_articles (article_id, story_id,"
                        " duplicate_of, inferred_date, day, outlet) SELECT ?, ?, ?, ?,"
                        " coalesce(published, ?), outlet FROM articles WHERE id = ?",
                        (aid, story.id, copies.get(aid), guess, guess, aid),
                    )
            if replace_all:  # comparisons of stories that are gone; the others stay if fresh
                db.execute("DELETE FROM comparisons WHERE story_id NOT IN (SELECT id FROM stories)")

    def delete_stories(self, story_ids: Iterable[str]) -> None:
        with self.transaction() as db:
            for sid in story_ids:
                db.execute("DELETE FROM stories WHERE id = ?", (sid,))
                db.execute("DELETE FROM story_articles WHERE story_id = ?", (sid,))
                db.execute("DELETE FROM story_outlets WHERE story_id = ?", (sid,))
                db.execute("DELETE FROM comparisons WHERE story_id = ?", (sid,))

    def get_story(self, story_id: str) -> Story:
        rows = self._db.execute(
            "SELECT id, data FROM stories WHERE id = ? OR id LIKE ? ESCAPE '\\' LIMIT 2",
            (story_id, escape_like(story_id) + "%"),
        ).fetchall()
        exact = [row for row in rows if row["id"] == story_id]
        if exact or len(rows) == 1:
            return from_dict(Story, json.loads((exact or rows)[0]["data"]))
        if rows:
            raise NotFoundError(f"Story id '{story_id}' is ambiguous; give more characters.")
        raise NotFoundError(f"No story with id '{story_id}'. List them with `newsprism stories`.")

    def iter_stories(self, order: str = "size") -> Iterator[Story]:
        by = "size DESC, last DESC" if order == "size" else "last IS NULL, last DESC, size DESC"
        for row in self._db.execute(f"SELECT data FROM stories ORDER BY {by}"):
            yield from_dict(Story, json.loads(row["data"]))

    def unclustered_ids(self) -> list[str]:
        """Articles in no story yet, in the order they were stored."""
        rows = self._db.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles)"
            " ORDER BY rowid"
        )
        return [row["id"] for row in rows]

    def story_of(self, article_id: str) -> str | None:
        row = self._db.execute(
            "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
        ).fetchone()
        return row["story_id"] if row else None

    # --- comparisons computed ahead (newsprism.compare.saved) ------------------------------

    def comparison_inputs(
        self, story_id: str | None = None, min_analysed: int = 0
    ) -> list[tuple[str, str, int, str | None, str | None]]:
        """What each story's comparison is computed from, and the fingerprint saved with it:
        (story id, story JSON, analysed articles, last analysis time, saved fingerprint), for
        one story or for every story with at least `min_analysed` analysed articles, largest
        first."""
        if story_id:  # one story: count its analyses only
            inner, where = "WHERE sa.story_id = ?", "s.id = ?"
            params: list[object] = [story_id, story_id]
        else:
            inner, where, params = "", "coalesce(a.n, 0) >= ?", [min_analysed]
        rows = self._db.execute(
            "SELECT s.id, s.data, coalesce(a.n, 0) AS n, a.last, c.fingerprint FROM stories s"
            " LEFT JOIN (SELECT sa.story_id, count(*) AS n, max(an.analyzed_at) AS last"
            "   FROM story_articles sa JOIN analyses an ON an.article_id = sa.article_id"
            f"  {inner} GROUP BY sa.story_id) a ON a.story_id = s.id"
            f" LEFT JOIN comparisons c ON c.story_id = s.id WHERE {where}"
            " ORDER BY s.size DESC, s.id",
            params,
        )
        return [(row["id"], row["data"], row["n"], row["last"], row["fingerprint"]) for row in rows]

    def get_comparison(self, story_id: str) -> bytes | None:
        """The saved comparison of a story (as `save_comparison` got it), if any."""
        row = self._db.execute(
            "SELECT data FROM comparisons WHERE story_id = ?", (story_id,)
        ).fetchone()
        return bytes(row["data"]) if row else None

    def save_comparison(self, story_id: str, fingerprint: str, data: bytes) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO comparisons (story_id, fingerprint, data) VALUES (?, ?, ?)",
                (story_id, fingerprint, data),
            )

    # --- learned state -----------------------------------------------------------------------

    def get_state(self, name: str) -> bytes | None:
        row = self._db.execute("SELECT value FROM state WHERE name = ?", (name,)).fetchone()
        return bytes(row["value"]) if row else None

    def set_state(self, name: str, value: bytes) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO state (name, value) VALUES (?, ?)", (name, value))


def _article_filter(
    outlets: Sequence[str] | None,
    since: date | None,
    until: date | None,
    ids: Iterable[str] | None,
) -> tuple[str, list[Any]]:
    """The WHERE clause (with its leading space, or empty) and parameters of an article filter."""
    clauses: list[str] = []
    params: list[Any] = []
    if outlets is not None:
        names = [name.casefold() for name in outlets]
        clauses.append(f"lower(outlet) IN ({','.join('?' * len(names))})")
        params.extend(names)
    # An undated article counts on the day its story gives it (inferred when clustered).
    day = (
        "coalesce(published, (SELECT inferred_date FROM story_articles s"
        " WHERE s.article_id = articles.id))"
    )
    if since:
        clauses.append(f"{day} >= ?")
        params.append(since.isoformat())
    if until:
        clauses.append(f"{day} <= ?")
        params.append(until.isoformat())
    if ids is not None:
        id_list = list(ids)
        clauses.append(f"id IN ({','.join('?' * len(id_list))})")
        params.extend(id_list)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _search_hit(row: sqlite3.Row) -> SearchHit:
    """A search row as a hit: the snippet as plain text, and the matched words' offsets in it."""
    parts = re.split(f"({_MARK_ON}|{_MARK_OFF})", row["snip"] or "")
    text, matches, start = "", [], -1
    for part in parts:
        if part == _MARK_ON:
            start = len(text)
        elif part == _MARK_OFF:
            if start >= 0:
                matches.append((start, len(text)))
            start = -1
        else:
            text += part
    return SearchHit(_row_to_article(row), text, float(row["rank"]), tuple(matches))


def _fts_help(query: str, exc: sqlite3.Error) -> str:
    quotes = query.count('"')
    problem = "an unbalanced double quote" if quotes % 2 else f"invalid syntax ({exc})"
    return f"The search query {query!r} has {problem}. {_FTS_HELP}"
