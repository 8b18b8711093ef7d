"""Quotes and speakers against PolNeAR-style gold: newsprism and textacy, scored in one run.

Usage: python bench/quotes.py --data DIR [--predictions OUT.jsonl] [--annotator ID]
                              [--cache FILE.spacy]

DIR holds `text/NAME.txt` and `attributions/NAME_ANNOTATOR.ann` (brat standoff, as PolNeAR).
Each text is parsed once with the configured spaCy model; newsprism's entities + quotes and
textacy 0.13's `direct_quotations` run on the same parsed documents. Scoring follows
EVAL.md (the Gender Gap Tracker's method): a predicted quote matches a gold attribution when
their Content overlap covers at least T of the gold Content (T = 0.3 and 0.8), one-to-one,
greedy by overlap; speaker accuracy is, of matched quotes whose gold has a Source, the share
whose predicted speaker span overlaps that Source. Prints one JSON line.

`--cache FILE` keeps the parsed documents in a spaCy DocBin: the first run writes it, later
runs read it instead of parsing again (a rule change scored on train in about a minute; a
cache made from other texts or another model is refused). Its `parse` seconds are then the
reading time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Interval = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Gold:
    """One gold attribution: its Content (possibly discontinuous) and Source intervals."""

    content: tuple[Interval, ...]
    source: tuple[Interval, ...] = ()


@dataclass(frozen=True, slots=True)
class Predicted:
    content: Interval
    speaker: Interval | None = None


@dataclass(slots=True)
class Tally:
    """Counts summed over articles for one system at one threshold."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    with_source: int = 0
    speaker_right: int = 0

    def add(self, other: Tally) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.matched += other.matched
        self.with_source += other.with_source
        self.speaker_right += other.speaker_right

    def figures(self) -> dict[str, float | int]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        speaker = self.speaker_right / self.with_source if self.with_source else 0.0
        return {
            "p": round(p, 4),
            "r": round(r, 4),
            "f1": round(f1, 4),
            "speaker_acc": round(speaker, 4),
            "matched": self.matched,
            "predicted": self.predicted,
            "gold": self.gold,
        }


def _overlap(a: Interval, intervals: Iterable[Interval]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in intervals)


def score(predicted: Sequence[Predicted], gold: Sequence[Gold], threshold: float) -> Tally:
    """Match one article's predictions to its gold attributions and count the results."""
    pairs: list[tuple[int, int, int]] = []
    for i, pred in enumerate(predicted):
        for j, g in enumerate(gold):
            size = sum(e - s for s, e in g.content)
            shared = _overlap(pred.content, g.content)
            if size and shared and shared / size >= threshold:
                pairs.append((shared, i, j))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    tally = Tally(predicted=len(predicted), gold=len(gold))
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        tally.matched += 1
        if gold[j].source:
            tally.with_source += 1
            speaker = predicted[i].speaker
            if speaker is not None and _overlap(speaker, gold[j].source) > 0:
                tally.speaker_right += 1
    return tally


def read_ann(path: Path) -> list[Gold]:
    """The attributions of one brat standoff file."""
    spans: dict[str, tuple[Interval, ...]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            kind_and_offsets = parts[1].split(" ", 1)
            if len(kind_and_offsets) < 2:
                continue
            intervals = []
            for piece in kind_and_offsets[1].split(";"):
                s, e = piece.split()
                intervals.append((int(s), int(e)))
            spans[parts[0]] = tuple(intervals)
        elif line.startswith("E"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            roles = {}
            for item in parts[1].split():
                role, _, ref = item.partition(":")
                roles[role.rstrip("0123456789")] = ref
            events.append(roles)
    gold = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if not content:
            continue
        gold.append(Gold(content=content, source=spans.get(roles.get("Source", ""), ())))
    return gold


def pick_annotations(data: Path, annotator: str | None) -> dict[str, Path]:
    """NAME -> the .ann file used: `annotator`'s where present, else the first by name."""
    chosen: dict[str, Path] = {}
    for path in sorted((data / "attributions").glob("*.ann")):
        name, _, who = path.stem.rpartition("_")
        if name not in chosen or (annotator is not None and who == annotator):
            chosen[name] = path
    return chosen


def _newsprism(doc: object) -> list[dict[str, object]]:
    from newsprism.analyze.entities import extract_entities
    from newsprism.analyze.quotes import extract_quotes

    quotes = extract_quotes(doc, extract_entities(doc))  # type: ignore[arg-type]
    return [
        {
            "content": [q.content.start, q.content.end],
            "speaker": [q.speaker.start, q.speaker.end] if q.speaker else None,
            "speaker_name": q.speaker_name,
            "cue": q.cue.text if q.cue else None,
            "kind": q.kind,
        }
        for q in quotes
    ]


def _textacy(doc: object) -> list[dict[str, object]]:
    from textacy.extract.triples import direct_quotations

    out: list[dict[str, object]] = []
    try:
        triples = list(direct_quotations(doc))  # type: ignore[arg-type]
    except ValueError:
        # textacy refuses documents with an odd number of quotation marks: it finds nothing.
        return out
    for triple in triples:
        speaker = list(triple.speaker)
        out.append(
            {
                "content": [triple.content.start_char, triple.content.end_char],
                "speaker": [speaker[0].idx, speaker[-1].idx + len(speaker[-1].text)]
                if speaker
                else None,
                "speaker_name": " ".join(t.text for t in speaker) or None,
                "cue": " ".join(t.text for t in triple.cue) or None,
            }
        )
    return out


def _as_predicted(rows: list[dict[str, object]]) -> list[Predicted]:
    out = []
    for row in rows:
        c = row["content"]
        s = row["speaker"]
        out.append(
            Predicted(
                content=(c[0], c[1]),  # type: ignore[index]
                speaker=(s[0], s[1]) if s else None,  # type: ignore[index]
            )
        )
    return out


def _parsed(nlp: Any, texts: list[str], cache: Path, model: str) -> Iterator[Any]:
    """The parsed `texts`, read from the DocBin `cache` when it holds these texts parsed by
    `model`, else parsed and written there."""
    from spacy.tokens import DocBin

    stamp = cache.with_name(cache.name + ".json")
    digest = hashlib.sha256("\0".join(texts).encode("utf-8")).hexdigest()
    wanted = {"model": model, "texts": digest}
    if cache.exists():
        if not stamp.exists() or json.loads(stamp.read_text(encoding="utf-8")) != wanted:
            raise SystemExit(
                f"{cache}: this cache holds other texts or another model's parse; "
                "delete it or name another file"
            )
        yield from DocBin().from_disk(cache).get_docs(nlp.vocab)
        return
    docs = list(nlp.pipe(texts, batch_size=16))
    bin_ = DocBin(store_user_data=True)
    for doc in docs:
        bin_.add(doc)
    bin_.to_disk(cache)
    stamp.write_text(json.dumps(wanted), encoding="utf-8")
    yield from docs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, type=Path, help="folder with text/, attributions/")
    parser.add_argument("--predictions", type=Path, help="write newsprism's quotes as JSONL here")
    parser.add_argument("--annotator", help="annotator id to prefer where several annotated")
    parser.add_argument("--model", default="en_core_web_sm", help="spaCy model")
    parser.add_argument("--limit", type=int, help="only the first N articles (quick checks)")
    parser.add_argument(
        "--cache", type=Path, help="DocBin of the parsed texts: written if absent, else read"
    )
    args = parser.parse_args(argv)

    from newsprism.analyze.nlp import load_model

    annotations = pick_annotations(args.data, args.annotator)
    names = sorted(n for n in annotations if (args.data / "text" / f"{n}.txt").exists())
    if args.limit:
        names = names[: args.limit]
    if not names:
        print(f"no annotated texts under {args.data}", file=sys.stderr)
        return 2
    texts = [(args.data / "text" / f"{n}.txt").read_text(encoding="utf-8") for n in names]
    nlp = load_model(args.model)

    thresholds = (0.3, 0.8)
    tallies = {(system, t): Tally() for system in ("newsprism", "textacy") for t in thresholds}
    seconds = {"parse": 0.0, "newsprism": 0.0, "textacy": 0.0}
    out = args.predictions.open("w", encoding="utf-8") if args.predictions else None
    started = time.perf_counter()
    docs = (
        _parsed(nlp, texts, args.cache, args.model)
        if args.cache
        else nlp.pipe(texts, batch_size=16)
    )
    for name in names:
        tick = time.perf_counter()
        doc = next(docs)
        seconds["parse"] += time.perf_counter() - tick
        gold = read_ann(annotations[name])
        for system, run in (("newsprism", _newsprism), ("textacy", _textacy)):
            tick = time.perf_counter()
            rows = run(doc)
            seconds[system] += time.perf_counter() - tick
            predicted = _as_predicted(rows)
            for t in thresholds:
                tallies[(system, t)].add(score(predicted, gold, t))
            if out is not None and system == "newsprism":
                quotes = [{k: v for k, v in row.items() if k != "kind"} for row in rows]
                out.write(json.dumps({"name": name, "quotes": quotes}) + "\n")
    if out is not None:
        out.close()

    result: dict[str, object] = {"data": str(args.data), "articles": len(names)}
    for system in ("newsprism", "textacy"):
        figures: dict[str, object] = {}
        for t in thresholds:
            f = tallies[(system, t)].figures()
            figures[f"t{t}"] = f
        figures["speaker_acc"] = figures["t0.3"]["speaker_acc"]  # type: ignore[index]
        figures["seconds"] = round(seconds[system], 2)
        result[system] = figures
    result["parse_seconds"] = round(seconds["parse"], 2)
    result["newsprism_cost_vs_parse"] = round(seconds["newsprism"] / seconds["parse"], 3)
    result["wall_seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
