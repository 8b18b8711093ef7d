"""Tune the story settings on one half of the FNC-1 stories and check them on the other half.

Gold stories (see bench/stories.py) are split in two halves by story, seeded; every body of a
story goes to the same half. A coordinate search over the story settings maximises BCubed F1 on
the tuning half; the chosen settings are then scored once on the check half, and the peer
(agglomerative TF-IDF, threshold tuned on the tuning half) is scored on the check half too.
The figures go next to the defaults in newsprism/config.py. Prints ONE JSON line.

Usage: python bench/tune_stories.py --bodies train_bodies.csv --stances train_stances.csv
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stories import (
    PEER_GRID,
    bcubed,
    cluster_newsprism,
    gold_stories,
    read_bodies,
)

from newsprism.config import Settings

GRID: dict[str, list[Any]] = {
    "story_linkage": [0.0, 0.5, 0.75, 1.0],
    "story_threshold": [0.15, 0.17, 0.19, 0.21, 0.23, 0.25, 0.27, 0.3, 0.35],
    "story_merge_threshold": [0.15, 0.17, 0.19, 0.21, 0.23, 0.25, 0.3, 0.4, 1.01],
    "story_title_weight": [0.0, 0.5, 1.0, 1.5, 2.0],
    "story_max_terms": [100, 150, 250, 400],
    "story_centroid_terms": [300, 600, 1000],
    "story_query_terms": [8, 12, 20],
    "story_index_terms": [8, 12, 20],
    "story_refine_threshold": [0.12, 0.14, 0.15, 0.16, 0.17, 0.18, 0.19, 0.2, 0.22, 0.25],
    "story_refine_floor": [0.03, 0.05, 0.08, 0.1, 0.15, 0.2],
}


def _score(bodies: dict[str, str], gold: dict[str, int], settings: Settings) -> float:
    predicted = cluster_newsprism(bodies, settings)
    ids = list(bodies)
    return bcubed([predicted[b] for b in ids], [gold[b] for b in ids])[2]


def _peer_on(
    bodies: dict[str, str], gold: dict[str, int], cut: float | None
) -> tuple[float, float]:
    """Peer BCubed F1 at `cut` (or at its best cut on this data when None) and the cut."""
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    ids = list(bodies)
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english", max_df=0.5).fit_transform(
        [bodies[b] for b in ids]
    )
    distances = np.clip(1.0 - (matrix @ matrix.T).toarray(), 0.0, 2.0)
    best = (-1.0, 0.0)
    for c in [cut] if cut is not None else PEER_GRID:
        labels = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=c
        ).fit_predict(distances)
        f1 = bcubed(list(labels), [gold[b] for b in ids])[2]
        best = max(best, (f1, c))
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bodies", type=Path, required=True)
    parser.add_argument("--stances", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=13, help="Seed of the split by story.")
    parser.add_argument("--rounds", type=int, default=2, help="Passes of the coordinate search.")
    args = parser.parse_args(argv)

    bodies = read_bodies(args.bodies)
    gold = gold_stories(args.stances, bodies)
    stories = sorted(set(gold.values()))
    random.Random(args.seed).shuffle(stories)
    tune_set = set(stories[: len(stories) // 2])
    tune = {b: t for b, t in bodies.items() if gold[b] in tune_set}
    check = {b: t for b, t in bodies.items() if gold[b] not in tune_set}

    settings = Settings()
    best = _score(tune, gold, settings)
    for _ in range(args.rounds):
        for name, values in GRID.items():
            for value in values:
                trial = dataclasses.replace(settings, **{name: value})
                f1 = _score(tune, gold, trial)
                if f1 > best + 1e-4:
                    best, settings = f1, trial
                    print(f"# {name}={value}: {f1:.4f}", file=sys.stderr)
    chosen = {name: getattr(settings, name) for name in GRID}
    peer_tune, cut = _peer_on(tune, gold, None)
    peer_check, _ = _peer_on(check, gold, cut)
    print(
        json.dumps(
            {
                "seed": args.seed,
                "tune_bodies": len(tune),
                "check_bodies": len(check),
                "chosen": chosen,
                "newsprism_tune_bcubed_f1": round(best, 4),
                "newsprism_check_bcubed_f1": round(_score(check, gold, settings), 4),
                "peer_tune_bcubed_f1": round(peer_tune, 4),
                "peer_cut_from_tune": cut,
                "peer_check_bcubed_f1": round(peer_check, 4),
            }
        )
    )


if __name__ == "__main__":
    main()
