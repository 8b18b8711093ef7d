"""Speakers of the quotes several outlets share, story by story, from an analysed store.

For every story with articles from two or more outlets, compares it (`compare_stored_story`,
which names speakers by the person each name resolves to) and lists each quote that two or
more outlets carry with the speaker names the outlets' articles give it. Prints one JSON line
of counts, then one line per quote given more than one speaker name, for reading by hand.

    .venv/bin/python bench/shared_speakers.py --db polnear.db
"""

from __future__ import annotations

import argparse
import json

from newsprism.compare.story import compare_stored_story
from newsprism.store.sqlite import SQLiteStore


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="An analysed, clustered store.")
    args = parser.parse_args()
    shared = 0
    mixed: list[tuple[str, str, list[str]]] = []
    with SQLiteStore(args.db) as store:
        ids = [
            row[0]
            for row in store.execute(
                "SELECT story_id FROM story_outlets GROUP BY story_id HAVING count(*) > 1"
            )
        ]
        for story_id in ids:
            for quote in compare_stored_story(store, story_id).quotes:
                if len(quote.outlets) < 2:
                    continue
                shared += 1
                names = sorted({c.speaker for c in quote.citations if c.speaker})
                if len(names) > 1:
                    mixed.append((story_id, quote.text[:100], names))
    print(json.dumps({"stories": len(ids), "shared_quotes": shared, "several_names": len(mixed)}))
    for row in mixed:
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
