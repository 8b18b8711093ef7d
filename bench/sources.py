"""Sourcing profiles of PolNeAR's seven outlets: the share of each kind of source per outlet, the
anonymous share above all, and a random sample of classified attributions to read by hand.

PolNeAR's train and dev articles (never test) are ingested with their outlets and dates from
metadata.tsv into `--db` (reused when it exists, so a re-run classifies without re-parsing).
Prints one JSON line; `--sample N` writes N classified attributions (seeded) to `--sample-out`
as JSON Lines, each with the sentence it stands in, for reading by hand.

Usage: python bench/sources.py [--db FILE] [--sample 50] [--sample-out FILE]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import tempfile
from pathlib import Path

from shared_data import shared_or_exit

from newsprism.compare.profiles import outlet_profiles
from newsprism.compare.sourcing import KINDS, article_sources
from newsprism.compare.text import sentence_at
from newsprism.config import Settings
from newsprism.pipeline import ingest
from newsprism.store.sqlite import SQLiteStore

OUTLETS = {
    "breitbart": "Breitbart",
    "huff-post": "HuffPost",
    "nyt": "The New York Times",
    "politico": "Politico",
    "usa-today": "USA Today",
    "wash-post": "The Washington Post",
    "west-journal": "Western Journalism",
}


def _polnear_jsonl(root: Path, out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8") as sink, (root / "metadata.tsv").open() as meta:
        for row in csv.DictReader(meta, delimiter="\t"):
            if row["compartment"] not in {"train", "dev"}:
                continue  # the test split is held out
            text = root / row["compartment"] / "text" / f"{row['filename']}.txt"
            if not text.is_file():
                continue
            record = {
                "title": row["title"],
                "text": text.read_text(encoding="utf-8"),
                "date": row["publication_date"],
                "outlet": OUTLETS.get(row["publisher"], row["publisher"]),
            }
            sink.write(json.dumps(record) + "\n")
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="", help="Database to build or reuse.")
    parser.add_argument("--sample", type=int, default=0, help="Attributions to sample.")
    parser.add_argument("--sample-out", default="sources_sample.jsonl")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    root = shared_or_exit() / "datasets" / "polnear"
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "polnear.db"
        with SQLiteStore(db) as store:
            if store.count_articles() == 0:
                source = Path(tmp) / "polnear.jsonl"
                _polnear_jsonl(root, source)
                ingest([str(source)], store, Settings(db=str(db)), cluster=False)
            records = [
                (article, analysis)
                for article in store.iter_articles()
                if (analysis := store.get_analysis(article.id)) is not None
            ]
    profiles = outlet_profiles(records)
    known = {article.outlet for article, _ in records}
    result = {
        "dataset": "PolNeAR train+dev",
        "articles": len(records),
        "attributions": sum(p.attributions for p in profiles),
        "anonymous_share": {p.outlet: p.share("anonymous") for p in profiles},
        "profiles": {
            p.outlet: {kind: p.share(kind) for kind in KINDS} | {"top": p.top[:5]} for p in profiles
        },
    }
    if args.sample:
        found = [
            (article, quote, ref)
            for article, analysis in records
            for quote, ref in article_sources(article, analysis, outlets=known)
        ]
        picked = random.Random(args.seed).sample(found, min(args.sample, len(found)))
        with open(args.sample_out, "w", encoding="utf-8") as sink:
            for article, quote, ref in picked:
                start = quote.speaker.start if quote.speaker else quote.content.start
                sink.write(
                    json.dumps(
                        {
                            "outlet": article.outlet,
                            "kind": ref.kind,
                            "source": ref.name,
                            "role": ref.role,
                            "written": ref.written,
                            "sentence": sentence_at(article.body, start),
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
        result["sample_written"] = args.sample_out
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
