"""Sensationalism score as a clickbait detector: ROC AUC on the Stop Clickbait headlines.

The weights and word list in newsprism.analyze.headline were set by judgement, not fitted to
this data; this only measures them. Peer in the same run: the share of hyperbolic words from
the dataset's own lexicon (../shared/datasets/lexicons/hyperbolic.txt) used as the score.
Prints one JSON line.

    .venv/bin/python bench/headlines.py --n 2000
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from pathlib import Path

from shared_data import shared_or_exit

from newsprism.analyze.headline import sensationalism
from newsprism.analyze.nlp import load_model


def _auc(positive: list[float], negative: list[float]) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    ranked = sorted([(s, 1) for s in positive] + [(s, 0) for s in negative])
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mean_rank = (i + j + 1) / 2  # 1-based ranks i+1..j
        rank_sum += mean_rank * sum(label for _, label in ranked[i:j])
        i = j
    n_pos, n_neg = len(positive), len(negative)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def _read(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="headlines of each kind (sampled)")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()

    data = shared_or_exit() / "datasets"
    rng = random.Random(args.seed)
    bait = _read(data / "clickbait" / "clickbait_data.gz")
    news = _read(data / "clickbait" / "non_clickbait_data.gz")
    bait = rng.sample(bait, min(args.n, len(bait)))
    news = rng.sample(news, min(args.n, len(news)))
    hyperbolic = {
        w.strip().lower()
        for w in (data / "lexicons" / "hyperbolic.txt").read_text(encoding="utf-8").split()
    }
    nlp = load_model("en_core_web_sm")

    def ours(titles: list[str]) -> list[float]:
        return [sensationalism(t, doc)[0] for t, doc in zip(titles, nlp.pipe(titles), strict=True)]

    def peer(titles: list[str]) -> list[float]:
        scores = []
        for title in titles:
            words = [w.strip(".,!?:;'\"").lower() for w in title.split()]
            scores.append(sum(w in hyperbolic for w in words) / max(1, len(words)))
        return scores

    print(
        json.dumps(
            {
                "dataset": "stop-clickbait (sampled)",
                "n_each": len(bait),
                "auc_newsprism": round(_auc(ours(bait), ours(news)), 4),
                "auc_peer_hyperbolic_lexicon_share": round(_auc(peer(bait), peer(news)), 4),
            }
        )
    )


if __name__ == "__main__":
    main()
