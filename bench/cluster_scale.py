"""Clustering time and peak memory from 10k to 1M articles grown from real bodies, with freezing
(stories whose window has passed leave memory for the store) against keeping every story in
memory, and how far the two results agree (BCubed).

The corpus is grown from real texts (FNC-1 bodies and PolNeAR articles, read from
../shared/datasets): each grown article takes a base text, keeps about two thirds of its
sentences, drops one word in ten, adds two sentences of another text, and gets a new id, an
outlet, and a date 0-5 days after its event's day. An event is a base text on a day; events are
spread over three years, and each base text is reused for more events as the corpus grows (one
each up to ~100k articles, then ~38 articles per event; a base's events are months apart), so
stories keep their size and the corpus grows in time, as a longer crawl does.

Articles arrive in date order, except that one in twenty arrives 1-60 days late (a late feed,
a re-crawl): those meet stories frozen meanwhile, which are thawed for them.

Each run is a fresh subprocess (its peak RSS, resource.getrusage, is its own) that streams the
corpus through `StoryClusterer.add` in batches of 2,000 (as `newsprism ingest` does), either:
- `frozen`: with the store's archive (a real SQLite file) attached, freezing passed stories
  after each batch, the way update_stories and recluster run; or
- `in_memory`: every story kept in memory (the one-process clusterer before freezing).
Measured: wall and CPU seconds inside `add` and `freeze` (building the corpus not counted, the
archive's SQLite writes counted), peak RSS, and the saved state's size and save/load time. At
the sizes given by --compare, both run, and the frozen result is scored against the in-memory
one with BCubed P/R/F1 (the in-memory result as the reference). Prints ONE JSON line.

Usage: python bench/cluster_scale.py [--sizes 10000 100000 1000000] [--compare 100000]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from shared_data import shared_or_exit
from stories import bcubed

csv.field_size_limit(sys.maxsize)

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
SPAN_DAYS = 3 * 365
PER_EVENT = 38
"""Articles per event once bases are reused (about what 100k articles on one event per base
give)."""
LATE_SHARE, LATE_DAYS = 0.05, 60


def base_texts() -> list[str]:
    data = shared_or_exit() / "datasets"
    texts: list[str] = []
    with (data / "fnc1" / "train_bodies.csv").open(encoding="utf-8", newline="") as handle:
        texts.extend(row["articleBody"] for row in csv.DictReader(handle))
    for folder in ("train", "dev"):
        for path in sorted((data / "polnear" / folder / "text").glob("*.txt")):
            texts.append(path.read_text(encoding="utf-8"))
    return [t for t in texts if len(t.split()) >= 50]


def plan(n: int, seed: int, n_bases: int) -> list[tuple[int, int, int, int]]:
    """(arrival key, article number, base, day ordinal) of each article, in arrival order."""
    rng = random.Random(seed)
    reuse = max(1, round(n / (PER_EVENT * n_bases)))
    slot = SPAN_DAYS // reuse
    start = date(2020, 1, 1).toordinal()
    event_day = [
        [start + k * slot + rng.randrange(max(1, slot - 10)) for k in range(reuse)]
        for _ in range(n_bases)
    ]
    rows = []
    for i in range(n):
        base = rng.randrange(n_bases)
        day = rng.choice(event_day[base]) + rng.randrange(6)
        late = rng.randrange(1, LATE_DAYS + 1) if rng.random() < LATE_SHARE else 0
        rows.append((day + late, i, base, day))
    rows.sort()
    return rows


def grow(n: int, seed: int, planned: int | None = None) -> Iterator[object]:
    """n Articles grown from the real base texts, in arrival order (see the module docstring):
    the first n of a corpus planned for `planned` articles (n itself by default), so a prefix
    of the 1M corpus has its articles per day.

    Each article's text comes from its own random generator, so the stream is the same
    whatever the order, and only the plan (four numbers per article) is held in memory.
    """
    from newsprism.model import Article

    bases = base_texts()
    sentences = [[s for s in _SENTENCE.split(t) if s.strip()] for t in bases]
    for _, i, base, day in plan(max(n, planned or n), seed, len(bases))[:n]:
        rng = random.Random(seed * 1_000_003 + i)
        kept = [s for s in sentences[base] if rng.random() < 0.67] or sentences[base][:1]
        other = sentences[rng.randrange(len(bases))]
        kept.extend(rng.sample(other, min(2, len(other))))
        words = [w for w in " ".join(kept).split() if rng.random() >= 0.1]
        text = " ".join(words)
        yield Article(
            id=f"grown-{seed}-{i:07d}",
            title=text.split(".")[0][:120],
            paragraphs=tuple(" ".join(words[k : k + 80]) for k in range(0, len(words), 80)),
            outlet=f"outlet{rng.randrange(40)}",
            published=date.fromordinal(day),
        )


def worker(
    n: int, seed: int, batch: int, mode: str, out: Path, nice: int, planned: int | None
) -> dict[str, object]:
    from newsprism.store.sqlite import SQLiteStore
    from newsprism.stories import persist
    from newsprism.stories.cluster import StoryClusterer
    from newsprism.stories.freeze import FrozenStories

    niced = n >= nice
    if niced:  # the long runs give way to other work on a shared machine
        os.nice(10)
    stream = grow(n, seed, planned)
    first = [next(stream)]  # the plan is built: count its memory with the corpus
    rss_corpus = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    clusterer = StoryClusterer()
    store = SQLiteStore(out.with_suffix(".db")) if mode == "frozen" else None
    if store is not None:
        clusterer.archive = FrozenStories(store)
    pending: list[object] = first
    ids: list[str] = []
    most_active = 0
    cluster_s = cluster_cpu = last_cpu = 0.0
    last_number = 0
    for number, article in enumerate(stream, start=2):
        pending.append(article)
        if len(pending) == batch or number == n:
            started, cpu_started = time.perf_counter(), time.process_time()
            ids.extend(_add(clusterer, pending, last=number == n))
            cluster_s += time.perf_counter() - started
            cluster_cpu += time.process_time() - cpu_started
            most_active = max(most_active, clusterer.n_articles_)
            pending = []
            if number % 20_000 < batch:  # progress of the long runs, on stderr
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                step_ms = 1000 * (cluster_cpu - last_cpu) / (number - last_number)
                last_cpu, last_number = cluster_cpu, number
                print(
                    f"{mode} {number}: {cluster_s:.0f} s wall, {cluster_cpu:.0f} s CPU"
                    f" ({step_ms:.2f} ms CPU per article since the last line),"
                    f" peak {rss:.0f} MB, {clusterer.n_articles_} articles held,"
                    f" load {os.getloadavg()[0]:.1f}",
                    file=sys.stderr,
                    flush=True,
                )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    data = persist.dumps(clusterer)
    save_s = time.perf_counter() - started
    started = time.perf_counter()
    persist.loads(data)
    load_s = time.perf_counter() - started
    story_of = {aid: clusterer.story_id(aid) for aid in clusterer.article_row_}
    frozen_stories = 0
    if store is not None:
        rows = store.execute("SELECT article_id, story_id FROM frozen_articles")
        story_of.update((row["article_id"], row["story_id"]) for row in rows)
        frozen_stories = store.execute("SELECT count(*) FROM frozen_stories").fetchone()[0]
        store.close()
    with out.open("w", encoding="utf-8") as handle:
        handle.writelines(f"{aid}\t{story_of[aid]}\n" for aid in sorted(story_of))
    return {
        "mode": mode,
        "articles": n,
        "planned": max(n, planned or n),
        "nice": 10 if niced else 0,
        "placed": len(story_of),
        "stories": clusterer.n_stories_ + frozen_stories,
        "frozen_stories": frozen_stories,
        "most_active_articles": most_active,
        "cluster_seconds": round(cluster_s, 1),
        "cluster_cpu_seconds": round(cluster_cpu, 1),
        "articles_per_second": round(n / cluster_s, 1),
        "peak_rss_mb": round(peak, 1),
        "rss_after_corpus_plan_mb": round(rss_corpus, 1),
        "state_megabytes": round(len(data) / 2**20, 1),
        "state_save_seconds": round(save_s, 2),
        "state_load_seconds": round(load_s, 2),
    }


def _add(clusterer: object, articles: list[object], last: bool) -> list[str]:
    from newsprism.stories.cluster import StoryClusterer

    assert isinstance(clusterer, StoryClusterer)
    ids = clusterer.add(articles, refine=True if last else None)  # type: ignore[arg-type]
    if clusterer.archive is not None:
        clusterer.freeze(clusterer.passed_story_ids())
    return ids


def _run(n: int, args: argparse.Namespace, mode: str, folder: Path) -> dict[str, object]:
    out = folder / f"{mode}-{n}.tsv"
    command = [sys.executable, __file__, "--worker", str(n), "--mode", mode, "--out", str(out)]
    command += ["--seed", str(args.seed), "--batch", str(args.batch), "--nice", str(args.nice)]
    if args.planned:
        command += ["--planned", str(args.planned)]
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    print(json.dumps(result), file=sys.stderr)  # progress: the long runs report as they end
    return result


def _assignments(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as handle:
        return dict(line.rstrip("\n").split("\t") for line in handle)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000, 1000000])
    parser.add_argument(
        "--compare", type=int, nargs="*", default=[100000], help="Sizes also run in memory."
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=2000, help="Articles per add() call.")
    parser.add_argument(
        "--nice", type=int, default=1000000, help="Runs of this size and over run at nice 10."
    )
    parser.add_argument(
        "--planned",
        type=int,
        help="Take each size from the front of a corpus planned for this many articles (its"
        " articles per day): e.g. --sizes 100000 --planned 1000000.",
    )
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--mode", choices=["frozen", "in_memory"], help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        result = worker(
            args.worker, args.seed, args.batch, args.mode, args.out, args.nice, args.planned
        )
        print(json.dumps(result))
        return
    runs: list[dict[str, object]] = []
    agreement = []
    with tempfile.TemporaryDirectory(prefix="cluster-scale-") as tmp:
        folder = Path(tmp)
        for n in sorted(set(args.sizes) | set(args.compare)):
            runs.append(_run(n, args, "frozen", folder))
            if n in args.compare:
                runs.append(_run(n, args, "in_memory", folder))
                frozen = _assignments(folder / f"frozen-{n}.tsv")
                reference = _assignments(folder / f"in_memory-{n}.tsv")
                ids = sorted(reference)
                p, r, f1 = bcubed([frozen[a] for a in ids], [reference[a] for a in ids])
                agreement.append(
                    {
                        "articles": n,
                        "bcubed_precision": round(p, 4),
                        "bcubed_recall": round(r, 4),
                        "bcubed_f1": round(f1, 4),
                    }
                )
    result: dict[str, object] = {"runs": runs, "frozen_vs_in_memory": agreement}
    frozen_runs = {r["articles"]: r for r in runs if r["mode"] == "frozen"}
    for small, big in ((10000, 100000), (100000, 1000000)):
        if small in frozen_runs and big in frozen_runs:
            a, b = frozen_runs[small], frozen_runs[big]
            name = f"t{big // 1000}k_over_t{small // 1000}k"
            result[name] = round(float(b["cluster_seconds"]) / float(a["cluster_seconds"]), 2)  # type: ignore[arg-type]
            result["cpu_" + name] = round(
                float(b["cluster_cpu_seconds"]) / float(a["cluster_cpu_seconds"]),  # type: ignore[arg-type]
                2,
            )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
