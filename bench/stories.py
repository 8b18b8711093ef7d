"""Story clustering on FNC-1 layout files: newsprism (settings as shipped) against a peer.

Gold stories: a body belongs to the story of every headline it is related to (agree, disagree
or discuss); stories are the connected components of that relation. Bodies that appear only in
unrelated pairs (random pairings) form stories of their own. The derivation reproduces
../shared/datasets/fnc1/story_clusters_train.jsonl (191 stories over 1,683 bodies).

newsprism: `StoryClusterer.from_settings(Settings())`, bodies added in file order, with the
body's first line as its title and the remaining lines as paragraphs. Nothing is tuned here.

Peer: scikit-learn AgglomerativeClustering (cosine, average linkage) on TF-IDF (sublinear tf,
English stop words, max_df 0.5), with its distance threshold tuned ON THE GIVEN DATA over a
grid (the way its published 0.925 was obtained): an all-pairs method, and an optimistic one.

Prints ONE JSON line. Usage:
    python bench/stories.py --bodies train_bodies.csv --stances train_stances.csv \
        [--predictions OUT.tsv]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from newsprism.config import Settings
from newsprism.model import Article
from newsprism.stories.cluster import StoryClusterer

csv.field_size_limit(sys.maxsize)


def read_bodies(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}


def gold_stories(stances: Path, body_ids: Iterable[str]) -> dict[str, int]:
    """body id -> gold story number (connected components over related pairs)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_headline: dict[str, list[str]] = defaultdict(list)
    with stances.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Stance"].strip().lower() != "unrelated":
                by_headline[row["Headline"]].append(row["Body ID"])
    for bodies in by_headline.values():
        for body in bodies[1:]:
            parent[find(body)] = find(bodies[0])
    roots: dict[str, int] = {}
    gold: dict[str, int] = {}
    for body in body_ids:
        gold[body] = roots.setdefault(find(body), len(roots))
    return gold


def body_article(body_id: str, text: str) -> Article:
    """An FNC-1 body as an Article: first non-empty line as title, the rest as paragraphs."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title, rest = (lines[0], lines[1:]) if len(lines) > 1 else ("", lines)
    return Article(id=f"fnc-{body_id}", title=title, paragraphs=tuple(rest), outlet="fnc1")


def bcubed(pred: Sequence[object], gold: Sequence[object]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 (Amigó et al. 2009), averaged over items."""
    pred_sets: dict[object, set[int]] = defaultdict(set)
    gold_sets: dict[object, set[int]] = defaultdict(set)
    for i, (p, g) in enumerate(zip(pred, gold, strict=True)):
        pred_sets[p].add(i)
        gold_sets[g].add(i)
    precision = recall = 0.0
    for i, (p, g) in enumerate(zip(pred, gold, strict=True)):
        common = len(pred_sets[p] & gold_sets[g])
        precision += common / len(pred_sets[p])
        recall += common / len(gold_sets[g])
        del i
    n = len(pred)
    precision, recall = precision / n, recall / n
    return precision, recall, _f1(precision, recall)


def pairwise(pred: Sequence[object], gold: Sequence[object]) -> tuple[float, float, float]:
    """Precision, recall and F1 over pairs of items put in one story."""
    from collections import Counter

    def pairs(counts: Iterable[int]) -> int:
        return sum(c * (c - 1) // 2 for c in counts)

    both = pairs(Counter(zip(pred, gold, strict=True)).values())
    in_pred = pairs(Counter(pred).values())
    in_gold = pairs(Counter(gold).values())
    precision = both / in_pred if in_pred else 1.0
    recall = both / in_gold if in_gold else 1.0
    return precision, recall, _f1(precision, recall)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def cluster_newsprism(bodies: dict[str, str], settings: Settings) -> dict[str, str]:
    clusterer = StoryClusterer.from_settings(settings)
    articles = [body_article(bid, text) for bid, text in bodies.items()]
    stories = clusterer.add(articles)
    return dict(zip(bodies, stories, strict=True))


PEER_GRID = [round(x, 3) for x in np.arange(0.50, 0.99, 0.01)]


def cluster_peer(texts: list[str], gold: list[int]) -> tuple[list[int], float]:
    """The peer's labels at its best distance threshold on this data, and that threshold."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english", max_df=0.5).fit_transform(
        texts
    )
    # Cosine distances computed once (rows are L2-normalised): the same clustering as
    # metric="cosine" on the vectors, without densifying the vocabulary.
    distances = np.clip(1.0 - (matrix @ matrix.T).toarray(), 0.0, 2.0)
    best: tuple[float, list[int], float] = (-1.0, [], 0.0)
    for cut in PEER_GRID:
        labels = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=cut
        ).fit_predict(distances)
        score = bcubed(list(labels), gold)[2]
        if score > best[0]:
            best = (score, [int(x) for x in labels], cut)
    return best[1], best[2]


def scores(pred: Sequence[object], gold: Sequence[object]) -> dict[str, float]:
    bp, br, bf = bcubed(pred, gold)
    pp, pr, pf = pairwise(pred, gold)
    return {
        "bcubed_p": round(bp, 4),
        "bcubed_r": round(br, 4),
        "bcubed_f1": round(bf, 4),
        "pairwise_p": round(pp, 4),
        "pairwise_r": round(pr, 4),
        "pairwise_f1": round(pf, 4),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bodies", type=Path, required=True, help="FNC-1 bodies CSV.")
    parser.add_argument("--stances", type=Path, required=True, help="FNC-1 stances CSV.")
    parser.add_argument("--predictions", type=Path, help="Write body_id<TAB>story_id here.")
    parser.add_argument("--no-peer", action="store_true", help="Skip the (slow) peer.")
    args = parser.parse_args(argv)

    bodies = read_bodies(args.bodies)
    gold_map = gold_stories(args.stances, bodies)
    ids = list(bodies)
    gold = [gold_map[b] for b in ids]

    started = time.perf_counter()
    predicted = cluster_newsprism(bodies, Settings())
    seconds = time.perf_counter() - started
    result: dict[str, object] = {
        "dataset": str(args.bodies),
        "bodies": len(ids),
        "gold_stories": len(set(gold)),
        "newsprism": {
            **scores([predicted[b] for b in ids], gold),
            "stories": len(set(predicted.values())),
            "seconds": round(seconds, 2),
        },
    }
    if not args.no_peer:
        started = time.perf_counter()
        labels, cut = cluster_peer([bodies[b] for b in ids], gold)
        result["peer"] = {
            "method": "AgglomerativeClustering(cosine, average) on TF-IDF, threshold tuned here",
            **scores(labels, gold),
            "stories": len(set(labels)),
            "distance_threshold": cut,
            "seconds_for_grid": round(time.perf_counter() - started, 2),
        }
    if args.predictions:
        with args.predictions.open("w", encoding="utf-8") as out:
            for body in ids:
                out.write(f"{body}\t{predicted[body]}\n")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
