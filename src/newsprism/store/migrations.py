"""Schema migrations, applied in order. `PRAGMA user_version` records how many have run.

Add a migration by appending a function; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def _run_script(db: sqlite3.Connection, script: str) -> None:
    """Run SQL statements one by one inside the caller's transaction.

    `executescript` would commit the open transaction first, so statements are split here
    (sqlite3.complete_statement knows where a CREATE TRIGGER ... END; ends).
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        db.execute(statement)


def m001_articles(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            paragraphs TEXT NOT NULL,      -- JSON list
            url TEXT,
            outlet TEXT NOT NULL,
            published TEXT,                -- ISO date or NULL
            language TEXT NOT NULL,
            source TEXT NOT NULL,
            author TEXT,
            removed TEXT NOT NULL,         -- JSON list of boilerplate lines
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_url ON articles(url);
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body, content='articles', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, body)
            VALUES ('delete', old.rowid, old.title, old.body);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, body)
            VALUES ('delete', old.rowid, old.title, old.body);
            INSERT INTO articles_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
        END;
        """,
    )


def m002_analyses(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        CREATE TABLE analyses (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            data TEXT NOT NULL,            -- JSON of model.Analysis
            model TEXT NOT NULL,
            analyzed_at TEXT NOT NULL
        );
        CREATE TABLE entity_mentions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            entity_key TEXT NOT NULL,
            name TEXT NOT NULL,
            label TEXT NOT NULL,
            mentions INTEGER NOT NULL,
            quotes INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (article_id, entity_key)
        );
        CREATE INDEX entity_mentions_key ON entity_mentions(entity_key);
        """,
    )


def m003_stories(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            label TEXT NOT NULL,
            first TEXT,
            last TEXT,
            size INTEGER NOT NULL,
            data TEXT NOT NULL,            -- JSON of model.Story
            updated_at TEXT NOT NULL
        );
        CREATE INDEX stories_last ON stories(last);
        CREATE INDEX stories_size ON stories(size);
        CREATE TABLE story_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story_id TEXT NOT NULL,
            duplicate_of TEXT,
            inferred_date TEXT
        );
        CREATE INDEX story_articles_story ON story_articles(story_id);
        CREATE TABLE state (
            name TEXT PRIMARY KEY,
            value BLOB NOT NULL            -- e.g. the incremental clusterer's learned state
        );
        """,
    )


def m004_story_edits(db: sqlite3.Connection) -> None:
    # A user's merges and moves, by article id (story ids change as stories grow), replayed
    # in order every time stories are updated so that the user's word stays final.
    _run_script(
        db,
        """
        CREATE TABLE story_edits (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,            -- 'merge' or 'move'
            article_id TEXT NOT NULL, -- merge: one of the story merged away; move: the one moved
            target_id TEXT NOT NULL,       -- an article of the story it joins
            created_at TEXT NOT NULL
        );
        """,
    )


def m005_story_outlets(db: sqlite3.Connection) -> None:
    # Each story's outlets as rows, and each story article's day (published or inferred) and
    # outlet beside it: what the story list's outlet filter, outlet facets and per-day chart
    # read from indexes, without joining every article.
    _run_script(
        db,
        """
        CREATE TABLE story_outlets (
            story_id TEXT NOT NULL,
            outlet TEXT NOT NULL COLLATE NOCASE,
            PRIMARY KEY (story_id, outlet)
        );
        CREATE INDEX story_outlets_outlet ON story_outlets(outlet, story_id);
        INSERT OR IGNORE INTO story_outlets (story_id, outlet)
            SELECT s.id, j.value FROM stories s, json_each(s.data, '$.outlets') j;
        ALTER TABLE story_articles ADD COLUMN day TEXT;
        ALTER TABLE story_articles ADD COLUMN outlet TEXT;
        UPDATE story_articles SET
            day = coalesce(
                (SELECT published FROM articles a WHERE a.id = story_articles.article_id),
                inferred_date),
            outlet = (SELECT outlet FROM articles a WHERE a.id = story_articles.article_id);
        CREATE INDEX story_articles_day ON story_articles(day, outlet);
        CREATE INDEX story_articles_story_day ON story_articles(story_id, day, outlet);
        """,
    )


def m006_comparisons(db: sqlite3.Connection) -> None:
    # Each story's comparison, computed ahead (see newsprism.compare.saved), with the
    # fingerprint of what it was computed from: a changed story or analysis makes it stale.
    _run_script(
        db,
        """
        CREATE TABLE comparisons (
            story_id TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            data BLOB NOT NULL            -- zlib-compressed JSON of compare.Comparison
        );
        """,
    )


def m007_frozen_stories(db: sqlite3.Connection) -> None:
    # Stories whose time window has passed, out of the clusterer's memory (stories/freeze.py):
    # each story's learned state as one blob, found again by its dates and index terms (a late
    # article) or by one of its articles (an edit, or an article given twice).
    _run_script(
        db,
        """
        CREATE TABLE frozen_stories (
            story_id TEXT PRIMARY KEY,
            first INTEGER NOT NULL,        -- date ordinals (date.toordinal())
            last INTEGER NOT NULL,
            data BLOB NOT NULL             -- arrays: a JSON header, then raw numbers (no pickle)
        );
        CREATE INDEX frozen_stories_last ON frozen_stories(last);
        CREATE TABLE frozen_articles (
            article_id TEXT PRIMARY KEY,
            story_id TEXT NOT NULL
        );
        CREATE INDEX frozen_articles_story ON frozen_articles(story_id);
        CREATE TABLE frozen_terms (    -- the index terms each frozen story was filed under
            term INTEGER NOT NULL,         -- a term id of the clusterer's vocabulary
            story_id TEXT NOT NULL,
            PRIMARY KEY (term, story_id)
        ) WITHOUT ROWID;
        CREATE INDEX frozen_terms_story ON frozen_terms(story_id);
        """,
    )


def m008_person_keys(db: sqlite3.Connection) -> None:
    # Each entity row's person: the corpus key of whom the name means in that article
    # (analyze/resolve.py), decided after clustering from the article's story and weeks, so
    # that "Bush" in a story about Jeb is Jeb. Until resolved it is the row's own key.
    _run_script(
        db,
        """
        ALTER TABLE entity_mentions ADD COLUMN person_key TEXT;
        UPDATE entity_mentions SET person_key = entity_key;
        CREATE INDEX entity_mentions_person ON entity_mentions(person_key, name, article_id);
        CREATE INDEX entity_mentions_label_person
            ON entity_mentions(label, person_key, article_id, mentions, quotes);
        CREATE INDEX entity_mentions_label_key ON entity_mentions(label, entity_key, name, quotes);
        CREATE TABLE undecided_names (     -- surnames left as written: whom they may be
            entity_key TEXT PRIMARY KEY,
            may_be TEXT NOT NULL           -- JSON list of person keys, most written-about first
        );
        """,
    )


def m009_frozen_terms_by_date(db: sqlite3.Connection) -> None:
    # A late article looks frozen stories up by term and date (stories/freeze.py). Read by term
    # alone, a common term returned every story ever filed under it, so the look-up grew with
    # the archive; with each story's last date beside its terms, the index reads only the
    # stories the article can still reach.
    _run_script(
        db,
        """
        ALTER TABLE frozen_terms ADD COLUMN last INTEGER NOT NULL DEFAULT 0;
        UPDATE frozen_terms SET last = coalesce(
            (SELECT s.last FROM frozen_stories s WHERE s.story_id = frozen_terms.story_id), 0
        );
        CREATE INDEX frozen_terms_term_last ON frozen_terms(term, last);
        """,
    )


MIGRATIONS: list[Migration] = [
    m001_articles,
    m002_analyses,
    m003_stories,
    m004_story_edits,
    m005_story_outlets,
    m006_comparisons,
    m007_frozen_stories,
    m008_person_keys,
    m009_frozen_terms_by_date,
]


def migrate(db: sqlite3.Connection) -> int:
    """Apply every migration not yet applied; returns the schema version reached."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > len(MIGRATIONS):
        from newsprism.errors import StoreError

        raise StoreError(
            f"Database schema version {version} is newer than this newsprism "
            f"({len(MIGRATIONS)}). Upgrade newsprism to open it."
        )
    for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the write lock: another process may have migrated meanwhile.
            current = int(db.execute("PRAGMA user_version").fetchone()[0])
            if current >= number:
                db.execute("COMMIT")
                continue
            migration(db)
            db.execute(f"PRAGMA user_version = {number}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return len(MIGRATIONS)
