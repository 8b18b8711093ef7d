"""Clustering time and peak memory at 1k, 10k and 100k articles grown from real bodies.

The corpus is grown from real texts (FNC-1 bodies and PolNeAR articles, read from
../shared/datasets): each grown article takes a random base text, keeps about two thirds of
its sentences, drops one word in ten, adds two sentences of another text, and gets a new id,
an outlet, and a date a few days after its base text's own random date (spread over three
years). Grown copies of one base are therefore reports of one event, different enough that
most go through clustering rather than the near-duplicate shortcut.

Each size runs in a fresh subprocess so that its peak RSS (resource.getrusage) is its own.
Measured (wall and CPU seconds, since the machine is shared): building the corpus (not
counted), `StoryClusterer.add` in batches of 1,000 (the clusterer itself: articles in memory
-> story ids), then saving the state to bytes and loading it back (persistence).
Prints ONE JSON line.

Usage: python bench/cluster_scale.py [--sizes 1000 10000 100000] [--seed 1]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import resource
import subprocess
import sys
import time
from datetime import date, timedelta

from shared_data import shared_or_exit

csv.field_size_limit(sys.maxsize)

_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def base_texts() -> list[str]:
    data = shared_or_exit() / "datasets"
    texts: list[str] = []
    with (data / "fnc1" / "train_bodies.csv").open(encoding="utf-8", newline="") as handle:
        texts.extend(row["articleBody"] for row in csv.DictReader(handle))
    for folder in ("train", "dev"):
        for path in sorted((data / "polnear" / folder / "text").glob("*.txt")):
            texts.append(path.read_text(encoding="utf-8"))
    return [t for t in texts if len(t.split()) >= 50]


def grow(n: int, seed: int) -> list[object]:
    """n Articles grown from the real base texts (see the module docstring)."""
    from newsprism.model import Article

    rng = random.Random(seed)
    bases = base_texts()
    sentences = [[s for s in _SENTENCE.split(t) if s.strip()] for t in bases]
    start = date(2020, 1, 1)
    event_day = [start + timedelta(days=rng.randrange(3 * 365)) for _ in bases]
    articles = []
    for i in range(n):
        b = rng.randrange(len(bases))
        kept = [s for s in sentences[b] if rng.random() < 0.67] or sentences[b][:1]
        other = sentences[rng.randrange(len(bases))]
        kept.extend(rng.sample(other, min(2, len(other))))
        words = [w for w in " ".join(kept).split() if rng.random() >= 0.1]
        text = " ".join(words)
        paragraphs = [" ".join(words[k : k + 80]) for k in range(0, len(words), 80)]
        articles.append(
            Article(
                id=f"grown-{seed}-{i:07d}",
                title=text.split(".")[0][:120],
                paragraphs=tuple(paragraphs),
                outlet=f"outlet{rng.randrange(40)}",
                published=event_day[b] + timedelta(days=rng.randrange(6)),
            )
        )
    return articles


def worker(n: int, seed: int, batch: int) -> dict[str, float]:
    from newsprism.stories import persist
    from newsprism.stories.cluster import StoryClusterer

    articles = grow(n, seed)
    rss_corpus = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    clusterer = StoryClusterer()
    started, cpu_started = time.perf_counter(), time.process_time()
    for i in range(0, n, batch):
        clusterer.add(articles[i : i + batch])  # type: ignore[arg-type]
    cluster_s = time.perf_counter() - started
    cluster_cpu = time.process_time() - cpu_started
    started = time.perf_counter()
    data = persist.dumps(clusterer)
    save_s = time.perf_counter() - started
    started = time.perf_counter()
    persist.loads(data)
    load_s = time.perf_counter() - started
    return {
        "articles": n,
        "stories": clusterer.n_stories_,
        "duplicates": sum(1 for d in clusterer.duplicate_of_ if d >= 0),
        "cluster_seconds": round(cluster_s, 2),
        "cluster_cpu_seconds": round(cluster_cpu, 2),
        "articles_per_second": round(n / cluster_s, 1),
        "state_save_seconds": round(save_s, 2),
        "state_load_seconds": round(load_s, 2),
        "state_megabytes": round(len(data) / 2**20, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "rss_after_corpus_mb": round(rss_corpus, 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=1000, help="Articles per add() call.")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.seed, args.batch)))
        return
    runs = []
    for n in args.sizes:
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--worker",
                str(n),
                "--seed",
                str(args.seed),
                "--batch",
                str(args.batch),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    by_size = {r["articles"]: r for r in runs}
    result: dict[str, object] = {"runs": runs}
    if 10000 in by_size and 100000 in by_size:
        big, small = by_size[100000], by_size[10000]
        result["t100k_over_t10k"] = round(big["cluster_seconds"] / small["cluster_seconds"], 2)
        # CPU time as well: the machine is shared, and wall time counts the others' load.
        result["cpu100k_over_cpu10k"] = round(
            big["cluster_cpu_seconds"] / small["cluster_cpu_seconds"], 2
        )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
