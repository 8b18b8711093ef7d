"""Helpers shared by the reliability tests: real article text, JSONL corpora, running the CLI.

Real text comes from PolNeAR (../shared/datasets/polnear) when it is there, else from the
project's own samples/ (written for the project), so the tests that need bulk text never skip.
Each record gets a numbered first paragraph, so every record is a distinct article.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from conftest import SAMPLES, shared_dir

from newsprism.ingest import read_sources
from newsprism.model import Article


def real_bodies(limit: int = 400, max_chars: int | None = None) -> list[str]:
    """Article texts: PolNeAR training texts if present, else the project's sample articles.

    `max_chars` cuts each text at the last paragraph break before it (shorter texts keep
    subprocess tests fast).
    """
    base = shared_dir()
    folder = base / "datasets" / "polnear" / "train" / "text" if base else None
    files = sorted(folder.glob("*.txt"))[:limit] if folder and folder.is_dir() else []
    if not files:
        files = sorted(SAMPLES.glob("*.txt"))
    texts = [path.read_text(encoding="utf-8", errors="replace").strip() for path in files]
    if max_chars is not None:
        texts = [_cut(text, max_chars) for text in texts]
    return [text for text in texts if len(text) > 200]


def _cut(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return text
    cut = text.rfind("\n", 0, max_chars)
    return text[: cut if cut > 200 else max_chars]


def jsonl_records(start: int, stop: int, bodies: Sequence[str]) -> list[str]:
    """JSON Lines records number `start` to `stop - 1`, each a distinct real-text article."""
    lines = []
    for number in range(start, stop):
        text = bodies[number % len(bodies)]
        lines.append(
            json.dumps(
                {
                    "title": f"Report {number}",
                    "text": f"Archive record {number} follows.\n\n{text}",
                    "url": f"https://news.example.org/archive/{number}",
                }
            )
        )
    return lines


def write_jsonl(path: Path, lines: Sequence[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def expected_ids(*paths: Path) -> set[str]:
    """Ids of the articles the library reads from these files (the ground truth)."""
    return {item.id for item in read_sources([str(p) for p in paths]) if isinstance(item, Article)}


def cli(*args: str) -> list[str]:
    """The argv that runs the real `newsprism` entry point with this interpreter."""
    return [sys.executable, "-m", "newsprism", *args]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSPRISM_")}
    env.update(extra)
    return env


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cli(*args),
        cwd=cwd,
        env=env or clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def db_facts(db: Path) -> dict[str, object]:
    """Integrity and counts of a database file, read with plain sqlite3."""
    con = sqlite3.connect(db, timeout=60)
    try:
        return {
            "integrity": con.execute("PRAGMA integrity_check").fetchone()[0],
            "rows": con.execute("SELECT count(*) FROM articles").fetchone()[0],
            "ids": {row[0] for row in con.execute("SELECT id FROM articles")},
            "distinct_bodies": con.execute("SELECT count(DISTINCT body) FROM articles").fetchone()[
                0
            ],
            "fts_rows": con.execute("SELECT count(*) FROM articles_fts").fetchone()[0],
        }
    finally:
        con.close()
