"""Web app latency on a large database grown from real bodies, with the CLI for comparison.

    python bench/web_latency.py [--size 100000] [--db /tmp/web_bench.db] [--requests 60]

1. Builds (or reuses, when --db exists) a database of --size articles grown from real FNC-1 and
   PolNeAR bodies exactly as bench/cluster_scale.py grows them (new ids, edits, outlets, dates
   over three years), clustered into stories by newsprism's own clusterer. The articles of the
   stories timed below are analysed with spaCy (the story page compares analyses); the rest are
   not, which the story list and search do not need. Their comparisons are then computed
   ahead, as `newsprism ingest` and `analyze` do last (timed: `compare_ahead`).
2. Serves it with the real `newsprism serve` in a subprocess and times requests from this
   process with an HTTP client (loopback): story lists (with and without filters: each first
   view, when its total, facets and chart are computed, then again and their second pages,
   when the app has those in memory), story
   pages (each story once, its comparison read from the store, then each again), and
   full-text searches for words drawn from the real texts. p50 / p95
   in ms. The server is warmed up with one story-list request first (not counted).
3. Times the same queries through the CLI (`newsprism stories`, `compare`, `search`, each a
   fresh process, so Python start-up is included: that is what a CLI user waits for).

Prints ONE JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cluster_scale import base_texts, grow
from live_server import free_port

from newsprism import SQLiteStore, analyze_articles, load_settings, recluster
from newsprism.pipeline import compare_ahead

BIN = Path(sys.executable).parent
TIMED_STORIES = 30


def build(db: Path, size: int, seed: int) -> dict[str, float]:
    """Grow, store and cluster `size` articles; analyse the stories that will be timed."""
    started = time.perf_counter()
    articles = grow(size, seed)
    with SQLiteStore(db) as store:
        for i in range(0, len(articles), 5000):
            store.add_articles(articles[i : i + 5000])  # type: ignore[arg-type]
        stored = time.perf_counter()
        recluster(store, load_settings())
        clustered = time.perf_counter()
        analyse_timed_stories(store, seed)
    return {
        "store_seconds": round(stored - started, 1),
        "cluster_seconds": round(clustered - stored, 1),
        "analyse_seconds": round(time.perf_counter() - clustered, 1),
    }


def timed_stories(store: SQLiteStore, seed: int) -> list[str]:
    """The stories whose pages are timed, the same ones on every run: 24 of 2 to 12 articles
    and 6 of 13 to 60 (the grown corpus's middle), so both small and large stories count."""
    rng = random.Random(seed)
    chosen: list[str] = []
    for low, high, n in ((2, 12, TIMED_STORIES - 6), (13, 60, 6)):
        rows = store.execute(
            "SELECT id FROM stories WHERE size BETWEEN ? AND ? ORDER BY id", (low, high)
        )
        ids = [row["id"] for row in rows]
        chosen += rng.sample(ids, min(n, len(ids)))
    return chosen


def analyse_timed_stories(store: SQLiteStore, seed: int) -> None:
    settings = load_settings()
    wanted = [aid for sid in timed_stories(store, seed) for aid in store.get_story(sid).article_ids]
    missing = set(store.unanalyzed_ids()) & set(wanted)
    articles = list(store.iter_articles(ids=sorted(missing)))
    store.save_analyses(analyze_articles(articles, settings))


def search_words(seed: int, n: int) -> list[str]:
    """Words of the real texts, from common to rare (5+ letters, not all capitals)."""
    rng = random.Random(seed)
    words = [w.strip(".,;:\"'()") for t in rng.sample(base_texts(), 200) for w in t.split()]
    words = [w.lower() for w in words if len(w) >= 5 and w.isalpha()]
    return rng.sample(sorted(set(words)), n)


def percentiles(samples: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples, n=20, method="inclusive")  # never past the maximum
    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(samples) * 1000, 1),
        "p95_ms": round(cuts[18] * 1000, 1),
        "max_ms": round(max(samples) * 1000, 1),
    }


def time_requests(base: str, paths: list[str], warm_up: bool = True) -> dict[str, float]:
    samples = []
    with httpx.Client(base_url=base, timeout=60) as client:
        if warm_up:
            client.get(paths[0])  # the first request warms the server up; not counted
        for path in paths:
            started = time.perf_counter()
            response = client.get(path)
            samples.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}: {response.text[:300]}")
    return percentiles(samples)


def time_cli(db: Path, commands: list[list[str]]) -> dict[str, float]:
    samples = []
    for command in commands:
        started = time.perf_counter()
        subprocess.run(
            [str(BIN / "newsprism"), "--db", str(db), *command],
            check=True,
            capture_output=True,
        )
        samples.append(time.perf_counter() - started)
    return percentiles(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--db", default=None, help="Database to build or reuse.")
    parser.add_argument("--requests", type=int, default=60, help="Requests per page kind.")
    parser.add_argument("--cli-runs", type=int, default=6, help="CLI runs per query kind.")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    db = Path(args.db or f"/tmp/newsprism_web_{args.size}.db")
    built = None if db.exists() else build(db, args.size, args.seed)
    with SQLiteStore(db) as store:
        analyse_timed_stories(store, args.seed)  # (again: only those not analysed yet)
        started = time.perf_counter()
        ahead = {"stories": compare_ahead(store)}  # what `ingest` and `analyze` do last
        ahead["seconds"] = round(time.perf_counter() - started, 1)
        articles = store.count_articles()
        stories = timed_stories(store, args.seed)
        n_stories = int(store.execute("SELECT count(*) FROM stories").fetchone()[0])
        outlets = [r[0] for r in store.execute("SELECT DISTINCT outlet FROM articles LIMIT 10")]
    rng = random.Random(args.seed)
    words = search_words(args.seed, args.requests)
    months = [f"2020-{m:02d}" for m in range(1, 13)] + [f"2021-{m:02d}" for m in range(1, 13)]
    # Distinct story lists (each filter once: its total, facets and chart are computed), then
    # the same lists again, and their second pages (what the app keeps in memory is reused).
    lists = [
        "/",
        "/?sort=recent",
        *(f"/?outlet={outlet}" for outlet in outlets[:6]),
        *(f"/?since={m}-01&until={m}-28" for m in rng.sample(months, 8)),
        *(f"/?q={word}" for word in words[-8:]),
        *(
            f"/?outlet={o}&since={m}-01&until={m}-28"
            for o, m in zip(outlets[6:10], months[:4], strict=False)
        ),
    ]
    again = [*lists, *(f"{path}&page=2" if "?" in path else "/?page=2" for path in lists)]
    story_paths = [f"/stories/{sid}" for sid in stories]
    search_paths = [f"/search?q={w}" for w in words]

    port = free_port()
    env = {**os.environ, "NO_COLOR": "1"}
    server = subprocess.Popen(
        [str(BIN / "newsprism"), "--db", str(db), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/static/style.css", timeout=5)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise SystemExit("newsprism serve did not start within 60 s") from None
                time.sleep(0.2)
        httpx.get(base + "/", timeout=60)  # imports and first connection: not counted
        web = {
            "story_list_first_view": time_requests(base, lists, warm_up=False),
            "story_list_again_or_next_page": time_requests(base, again),
            # each story once (its comparison read from the store, where it was saved ahead),
            # then each again
            "story_page_first_view": time_requests(base, story_paths, warm_up=False),
            "story_page_again": time_requests(base, story_paths),
            "search": time_requests(base, search_paths),
        }
    finally:
        server.terminate()
        server.wait(timeout=10)
    runs = args.cli_runs
    picked = [*stories[: runs - runs // 3], *stories[len(stories) - runs // 3 :]]
    cli = {
        "stories": time_cli(db, [["stories", "--json", "--limit", "25"]] * runs),
        # small and large stories, as the web's story pages were timed
        "compare": time_cli(db, [["compare", sid, "--json"] for sid in picked]),
        "search": time_cli(db, [["search", w, "--json"] for w in words[:runs]]),
    }
    print(
        json.dumps(
            {
                "articles": articles,
                "stories": n_stories,
                "build": built,
                "compare_ahead": ahead,
                "web": web,
                "cli": cli,
                "machine": f"{os.cpu_count()} cores, shared",
            }
        )
    )


if __name__ == "__main__":
    main()
