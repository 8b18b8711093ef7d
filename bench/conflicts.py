"""Score the conflicts newsprism reports against an annotated set, and on the bundled samples.

Ingests `--articles` (JSON Lines: title, text, url, date, outlet) into a fresh database,
reports every story as JSON (the `newsprism report STORY --format json` data) and scores the
reported conflicts with the rule of ../shared/datasets/conflicts/README.md: a reported conflict
is right when its kind is the gold kind and, for each gold side, one of its sides belongs to
that side's article and shows that side's evidence in its text or context (case-insensitive,
quotation marks and runs of white space ignored). Precision = right / reported; recall = gold
conflicts matched / all gold conflicts; traps = reported conflicts that fall on a
`not_conflicts` pair. The same three figures are given for the planted conflicts of the bundled
samples (samples/README.md). Prints one JSON line.

Usage: python bench/conflicts.py [--articles FILE --gold FILE] [--samples DIR] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from compare_samples import PLANTED
from shared_data import find_shared

from newsprism.compare import compare_stored_story
from newsprism.config import Settings
from newsprism.pipeline import ingest
from newsprism.report.data import render_json
from newsprism.store.sqlite import SQLiteStore

REPO = Path(__file__).resolve().parents[1]

_MARKS = re.compile(r"[\"'“”‘’]")


def _norm(text: str) -> str:
    return " ".join(_MARKS.sub("", text).casefold().split())


def _reports(paths: list[str], settings: Settings) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Every story's report as JSON data, and article id -> url."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        with SQLiteStore(db) as store:
            ingest(paths, store, settings)
            urls = {a.id: a.url or "" for a in store.iter_articles()}
            reports = [
                json.loads(render_json(compare_stored_story(store, s.id)))
                for s in store.iter_stories()
            ]
    return reports, urls


def _side_shows(side: dict[str, Any], want: dict[str, str], urls: dict[str, str]) -> bool:
    if urls.get(side["article_id"]) != want["url"]:
        return False
    evidence = _norm(want["evidence"])
    shown = _norm(f"{side.get('text', '')} {side.get('context', '')}")
    return evidence in shown


def _fits(conflict: dict[str, Any], gold: dict[str, Any], urls: dict[str, str]) -> bool:
    sides = conflict["sides"]
    return all(any(_side_shows(s, gold[k], urls) for s in sides) for k in ("a", "b"))


def score_gold(articles: str, gold_path: str, settings: Settings) -> dict[str, Any]:
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    started = time.perf_counter()
    reports, urls = _reports([articles], settings)
    seconds = time.perf_counter() - started
    reported = [c for r in reports for c in r["conflicts"]]
    right = [
        c
        for c in reported
        if any(c["kind"] == g["kind"] and _fits(c, g, urls) for g in gold["conflicts"])
    ]
    found = [
        g["id"]
        for g in gold["conflicts"]
        if any(c["kind"] == g["kind"] and _fits(c, g, urls) for c in reported)
    ]
    traps = [c for c in reported if any(_fits(c, t, urls) for t in gold["not_conflicts"])]
    wrong = [
        {"kind": c["kind"], "topic": c["topic"], "description": c["description"]}
        for c in reported
        if c not in right
    ]
    return {
        "reported": len(reported),
        "right": len(right),
        "precision": round(len(right) / len(reported), 3) if reported else None,
        "found": len(found),
        "gold": len(gold["conflicts"]),
        "recall": round(len(found) / len(gold["conflicts"]), 3),
        "traps_reported": len(traps),
        "missed": [g["id"] for g in gold["conflicts"] if g["id"] not in found],
        "wrong": wrong,
        "stories": len(reports),
        "seconds": round(seconds, 1),
    }


def _planted_fits(conflict: dict[str, Any], planted: tuple[str, str, str]) -> bool:
    kind, one, other = planted
    shown = [f"{s['text']} {s['context']} {s.get('speaker') or ''}" for s in conflict["sides"]]
    return (
        conflict["kind"] == kind and any(one in e for e in shown) and any(other in e for e in shown)
    )


def score_samples(samples: str, settings: Settings) -> dict[str, Any]:
    reports, _ = _reports([samples], settings)
    reported = [c for r in reports for c in r["conflicts"]]
    right = [c for c in reported if any(_planted_fits(c, p) for p in PLANTED)]
    found = sum(any(_planted_fits(c, p) for c in reported) for p in PLANTED)
    return {
        "reported": len(reported),
        "right": len(right),
        "precision": round(len(right) / len(reported), 3) if reported else None,
        "found": found,
        "planted": len(PLANTED),
        "recall": round(found / len(PLANTED), 3),
        "not_planted": [c["description"] for c in reported if c not in right],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = find_shared()
    folder = shared / "datasets" / "conflicts" if shared else None
    parser.add_argument("--articles", default=str(folder / "articles.jsonl") if folder else None)
    parser.add_argument("--gold", default=str(folder / "gold.json") if folder else None)
    parser.add_argument("--samples", default=str(REPO / "samples"), help="Samples folder.")
    parser.add_argument("--verbose", action="store_true", help="List misses and wrong reports.")
    args = parser.parse_args()
    if not args.articles or not Path(args.articles).is_file():
        raise SystemExit("--articles: the conflicts set (articles.jsonl) was not found")
    out: dict[str, Any] = {
        "dataset": "conflicts",
        **score_gold(args.articles, args.gold, Settings()),
    }
    out["samples"] = score_samples(
        args.samples, Settings(outlets_file=str(REPO / "demo/outlets.csv"))
    )
    if not args.verbose:
        out.pop("wrong")
        out["samples"].pop("not_planted")
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
