"""People queries and name resolution on a store grown to ~100k articles, in CPU seconds.

Copies an analysed, clustered store (e.g. PolNeAR's 924 articles ingested with outlets and
dates) COPIES times under new article and story ids: every entity row, story and story
membership is copied; bodies are not (the people queries never read them). Then times, in one
process: resolving every name (`resolve_stored`, what ingest runs after clustering), the
`people` listing, finding a person by name, and the stories of a person. Prints one JSON line.

    .venv/bin/python bench/people_scale.py --db polnear.db --copies 108
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from newsprism.analyze.people import find_person, list_people, resolve_stored
from newsprism.store.sqlite import SQLiteStore
from newsprism.stories import find_stories


def grow(source: Path, target: Path, copies: int) -> None:
    shutil.copy(source, target)
    db = sqlite3.connect(target, isolation_level=None)
    db.execute("CREATE TEMP TABLE n (i INTEGER)")
    db.executemany("INSERT INTO n VALUES (?)", [(i,) for i in range(1, copies)])
    db.execute("BEGIN")
    db.execute("DROP TRIGGER articles_ai")  # no full-text index of the empty bodies
    db.execute(
        "INSERT INTO articles (id, title, body, paragraphs, url, outlet, published, language,"
        " source, author, removed, ingested_at) SELECT a.id || '-' || n.i, a.title, '', '[]',"
        " NULL, a.outlet, a.published, a.language, a.source, NULL, '[]', a.ingested_at"
        " FROM articles a, n"
    )
    db.execute(
        "INSERT INTO entity_mentions (article_id, entity_key, name, label, mentions, quotes,"
        " person_key) SELECT m.article_id || '-' || n.i, m.entity_key, m.name, m.label,"
        " m.mentions, m.quotes, m.person_key FROM entity_mentions m, n"
    )
    db.execute(
        "INSERT INTO story_articles (article_id, story_id, duplicate_of, inferred_date, day,"
        " outlet) SELECT sa.article_id || '-' || n.i, sa.story_id || '-' || n.i, NULL,"
        " sa.inferred_date, sa.day, sa.outlet FROM story_articles sa, n"
    )
    db.execute(
        "INSERT INTO stories (id, label, first, last, size, data, updated_at)"
        " SELECT s.id || '-' || n.i, s.label, s.first, s.last, s.size, s.data, s.updated_at"
        " FROM stories s, n"
    )
    db.execute("COMMIT")
    db.close()


def timed(step: Callable[[], object]) -> tuple[float, float]:
    """CPU and wall seconds of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    step()
    return round(time.process_time() - cpu, 3), round(time.perf_counter() - wall, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="An analysed, clustered store to grow.")
    parser.add_argument("--copies", type=int, default=108)
    parser.add_argument("--name", action="append", default=None, help="Names to look up.")
    args = parser.parse_args()
    names = args.name or ["Trump", "Biden", "Bush"]
    with tempfile.TemporaryDirectory() as tmp:
        grown = Path(tmp) / "grown.db"
        grow(Path(args.db), grown, args.copies)
        with SQLiteStore(grown) as store:
            articles = store.count_articles()
            rows = int(store.execute("SELECT count(*) FROM entity_mentions").fetchone()[0])
            result: dict[str, object] = {"articles": articles, "entity_rows": rows}
            result["resolve_cpu_wall_s"] = timed(lambda: resolve_stored(store))
            result["people_50_cpu_wall_s"] = timed(lambda: list_people(store, limit=50))
            for name in names:
                result[f"find {name}"] = timed(lambda n=name: find_person(store, n))
                result[f"stories --person {name}"] = timed(
                    lambda n=name: find_stories(store, person=n, limit=20)
                )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
