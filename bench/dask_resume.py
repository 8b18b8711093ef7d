"""A Dask ingest of real articles, SIGKILLed mid-analysis and run again, read back with pandas.

Writes PolNeAR's train+dev texts (by path from ../shared; title, outlet and date from its
metadata) as one JSON Lines file in a temporary folder, runs `newsprism ingest FILE --dask
--workers 2` through the real entry point, kills its whole process group once `--kill-at`
analyses are saved, runs the same command again, and prints one JSON line: input records,
articles and analyses in the store, rows and distinct ids in the Parquet dataset, quotes in
both, story membership rows.

    .venv/bin/python bench/dask_resume.py --kill-at 100
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from shared_data import shared_or_exit


def _write_corpus(data: Path, out: Path, limit: int | None) -> int:
    with (data / "metadata.tsv").open(encoding="utf-8") as handle:
        meta = {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}
    paths = sorted((data / "train" / "text").glob("*.txt")) + sorted(
        (data / "dev" / "text").glob("*.txt")
    )
    paths = paths[:limit] if limit else paths
    with out.open("w", encoding="utf-8") as handle:
        for path in paths:
            row = meta.get(path.stem, {})
            record = {
                "title": row.get("title", ""),
                "text": path.read_text(encoding="utf-8"),
                "date": row.get("publication_date"),
                "outlet": row.get("publisher"),
            }
            handle.write(json.dumps(record) + "\n")
    return len(paths)


def _analyses(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as con:
            return int(con.execute("SELECT count(*) FROM analyses").fetchone()[0])
    except sqlite3.Error:
        return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="PolNeAR folder (default ../shared/...)")
    parser.add_argument("--limit", type=int, help="only the first N texts")
    parser.add_argument("--kill-at", type=int, default=100, help="analyses saved before the kill")
    args = parser.parse_args()

    data = args.data or shared_or_exit() / "datasets" / "polnear"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus, db = root / "corpus.jsonl", root / "news.db"
        records = _write_corpus(data, corpus, args.limit)
        command = [sys.executable, "-m", "newsprism", "--db", str(db), "ingest", str(corpus)]
        command += ["--dask", "--workers", "2"]
        first = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL)
        while _analyses(db) < args.kill_at and first.poll() is None:
            time.sleep(2)
        killed_at = _analyses(db)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - started
        with sqlite3.connect(db) as con:
            stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            analysed = con.execute("SELECT data FROM analyses").fetchall()
        dataset = root / "news.parquet"
        articles = pd.read_parquet(dataset / "articles")
        members = pd.read_parquet(dataset / "story_articles")
        print(
            json.dumps(
                {
                    "input_records": records,
                    "killed_at_analyses": killed_at,
                    "second_run_seconds": round(seconds, 1),
                    "store_articles": stored,
                    "store_analyses": len(analysed),
                    "parquet_articles": len(articles),
                    "parquet_distinct_ids": int(articles["article_id"].nunique()),
                    "store_quotes": sum(len(json.loads(d)["quotes"]) for (d,) in analysed),
                    "parquet_quotes": len(pd.read_parquet(dataset / "quotes")),
                    "story_rows": len(members),
                    "story_distinct_ids": int(members["article_id"].nunique()),
                }
            )
        )


if __name__ == "__main__":
    main()
