"""Analyze-stage throughput against spaCy's own nlp.pipe on the same texts, in one run.

Reads N real articles (PolNeAR train+dev texts, by path from ../shared), warms both up, then
times them alternately (A, B, A, B, ...) so machine noise hits both, and prints one JSON line:
the median articles per second of `analyze_articles` (parse + every rule layer, no storage)
and of `nlp.pipe` alone (the same model exactly as spaCy ships it, full default pipeline, same
batch size, one process), their ratio, and the same for CPU seconds per article (which a
loaded machine distorts less than the wall clock).

    .venv/bin/python bench/analyze_speed.py --n 300 --rounds 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from shared_data import shared_or_exit

from newsprism.analyze import analyze_articles
from newsprism.analyze.nlp import load_spacy
from newsprism.config import Settings
from newsprism.model import Article


def polnear_articles(data: Path, n: int) -> list[Article]:
    titles: dict[str, str] = {}
    meta = data / "metadata.tsv"
    if meta.exists():
        lines = meta.read_text(encoding="utf-8").splitlines()
        header = lines[0].split("\t")
        for line in lines[1:]:
            row = dict(zip(header, line.split("\t"), strict=False))
            titles[row.get("filename", "")] = row.get("title", "")
    paths = sorted((data / "train" / "text").glob("*.txt")) + sorted(
        (data / "dev" / "text").glob("*.txt")
    )
    articles = []
    for path in paths[:n]:
        paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
        articles.append(Article.create(title=titles.get(path.stem, ""), paragraphs=paragraphs))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="PolNeAR folder (default ../shared/...)")
    parser.add_argument("--n", type=int, default=300, help="articles (default 300)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of each (default 3)")
    parser.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size")
    parser.add_argument("--model", default="en_core_web_sm")
    args = parser.parse_args()

    data = args.data or shared_or_exit() / "datasets" / "polnear"
    articles = polnear_articles(data, args.n)
    if not articles:
        sys.exit(f"no PolNeAR texts under {data}")
    settings = Settings(model=args.model, batch_size=args.batch_size, n_process=1)
    # The peer: spaCy's own nlp.pipe, the full default pipeline exactly as the package ships
    # it (analyze's copy matches its attribute ruler by lookup), over the same texts analyze
    # parses: bodies and headlines.
    nlp = load_spacy(args.model)
    texts = [t for a in articles for t in (a.body, a.title)]

    def timed(run: Callable[[], object]) -> tuple[float, float]:
        """Articles per second (wall clock) and CPU seconds per article of one round."""
        start, cpu = time.perf_counter(), time.process_time()
        run()
        n = len(articles)
        return n / (time.perf_counter() - start), (time.process_time() - cpu) / n

    def run_analyze() -> None:
        for _ in analyze_articles(articles, settings):
            pass

    def run_spacy() -> None:
        for _ in nlp.pipe(texts, batch_size=args.batch_size):
            pass

    warm = articles[: min(20, len(articles))]
    list(analyze_articles(warm, settings))
    list(nlp.pipe([a.body for a in warm], batch_size=args.batch_size))

    ours: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    for _ in range(args.rounds):
        ours.append(timed(run_analyze))
        theirs.append(timed(run_spacy))
    rate, peer = statistics.median(r for r, _ in ours), statistics.median(r for r, _ in theirs)
    cpu, peer_cpu = statistics.median(c for _, c in ours), statistics.median(c for _, c in theirs)
    print(
        json.dumps(
            {
                "dataset": str(data),
                "articles": len(articles),
                "rounds": args.rounds,
                "batch_size": args.batch_size,
                "model": args.model,
                "analyze_articles_per_s": round(rate, 2),
                "spacy_pipe_articles_per_s": round(peer, 2),
                "ratio": round(rate / peer, 3),
                # Each round's analyze run beside the spaCy run right after it: drift in the
                # machine's load between rounds cancels out.
                "median_paired_ratio": round(
                    statistics.median(a / b for (a, _), (b, _) in zip(ours, theirs, strict=True)),
                    3,
                ),
                "analyze_cpu_s_per_article": round(cpu, 4),
                "spacy_pipe_cpu_s_per_article": round(peer_cpu, 4),
                "cpu_ratio": round(peer_cpu / cpu, 3),
                "analyze_rounds": [round(r, 2) for r, _ in ours],
                "spacy_rounds": [round(r, 2) for r, _ in theirs],
            }
        )
    )


if __name__ == "__main__":
    main()
