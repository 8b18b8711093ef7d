"""Evaluate the compare stage on the bundled samples: planted conflicts found, unplanted ones
reported, and the time compare takes (sentence embeddings included) against spaCy's own
nlp.pipe over the same articles.

The planted conflicts are those of samples/README.md ("Planted conflicts"). Prints one JSON
line. Usage: python bench/compare_samples.py [--samples DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from newsprism.analyze.nlp import load_model
from newsprism.compare import Comparison, compare_stored_story
from newsprism.compare.embed import embedder
from newsprism.config import Settings
from newsprism.pipeline import ingest
from newsprism.store.sqlite import SQLiteStore

REPO = Path(__file__).resolve().parents[1]

# (kind, words in the evidence of one side, words in the evidence of the other side)
PLANTED = (
    ("figure", "At least 40", "27"),
    ("figure", "14", "19"),
    ("figure", "2.8 percent", "3.1 percent"),
    ("speaker", "Ilona Varga", "Anton Greiss"),
    ("headline", "a disaster waiting to happen", "Hana Petrovic"),
    ("date", "Monday night", "Sunday night"),
)


def _matches(kind: str, evidence: list[str], planted: tuple[str, str, str]) -> bool:
    want, one, other = planted
    return kind == want and any(one in e for e in evidence) and any(other in e for e in evidence)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", default=str(REPO / "samples"), help="Samples folder.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        settings = Settings(db=str(db))
        with SQLiteStore(db) as store:
            ingest([args.samples], store, settings)
            stories = list(store.iter_stories())
            articles = list(store.iter_articles())
            # The embedding model loads once per process, as spaCy's does (not timed for
            # spaCy below either); its load is reported apart. Every sentence vector is
            # computed inside the timed compare: the database is fresh.
            started = time.perf_counter()
            embedder()
            load_seconds = time.perf_counter() - started
            started = time.perf_counter()
            comparisons: list[Comparison] = [compare_stored_story(store, s.id) for s in stories]
            compare_seconds = time.perf_counter() - started
    nlp = load_model(settings.model)
    started = time.perf_counter()
    for _ in nlp.pipe([a.body for a in articles], batch_size=settings.batch_size):
        pass
    pipe_seconds = time.perf_counter() - started

    found = 0
    unplanted = []
    for planted in PLANTED:
        found += any(
            _matches(k.kind, [f"{s.text} {s.context} {s.speaker or ''}" for s in k.sides], planted)
            for c in comparisons
            for k in c.conflicts
        )
    for c in comparisons:
        for k in c.conflicts:
            evidence = [f"{s.text} {s.context} {s.speaker or ''}" for s in k.sides]
            if not any(_matches(k.kind, evidence, p) for p in PLANTED):
                unplanted.append(k.description)
    reported = sum(len(c.conflicts) for c in comparisons)
    print(
        json.dumps(
            {
                "dataset": "bundled samples",
                "stories": len(stories),
                "articles": len(articles),
                "planted_conflicts": len(PLANTED),
                "found": found,
                "recall": round(found / len(PLANTED), 3),
                "reported": reported,
                "unplanted": len(unplanted),
                "precision": round((reported - len(unplanted)) / reported, 3) if reported else None,
                "compare_seconds": round(compare_seconds, 3),
                "spacy_pipe_seconds": round(pipe_seconds, 3),
                "compare_to_pipe_ratio": round(compare_seconds / pipe_seconds, 3),
                "embedding_model_load_seconds": round(load_seconds, 3),
                "with_load_to_pipe_ratio": round(
                    (compare_seconds + load_seconds) / pipe_seconds, 3
                ),
                "unplanted_descriptions": unplanted,
            }
        )
    )


if __name__ == "__main__":
    sys.exit(main())
