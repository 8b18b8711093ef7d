"""Peak memory of `newsprism ingest` on a large JSON Lines file, against merely parsing it.

Generates a JSON Lines file of about --size-mb megabytes in a temporary folder from real
article texts (PolNeAR's text files by default), each record numbered so that every body is a
distinct article, then runs `python -m newsprism ingest --no-analyze --no-cluster` on it in a
subprocess and measures that process's peak resident memory (os.wait4's ru_maxrss) and time.
The peer, run in the same invocation on the same file, is a subprocess that only reads the file
line by line and `json.loads` each line: the floor for any streaming reader in Python.

Prints one JSON line:
  {"file_mb", "records", "stored", "skipped", "lost",
   "newsprism": {"peak_rss_mb", "seconds", "articles_per_s"},
   "peer_json_loads": {"peak_rss_mb", "seconds", "records_per_s"}, "rss_over_peer_mb"}
`lost` = records - stored - skipped, and must be 0.

Usage: python bench/ingest_memory.py [--size-mb 1024] [--texts DIR] [--workdir DIR] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from shared_data import REPO, find_shared

_PEER = """
import json, sys
count = 0
with open(sys.argv[1], "rb") as handle:
    for line in handle:
        if line.strip():
            json.loads(line)
            count += 1
print(count)
"""


def _default_texts() -> Path:
    base = find_shared()
    folder = base / "datasets" / "polnear" / "train" / "text" if base else None
    return folder if folder is not None and folder.is_dir() else REPO / "samples"


def generate(path: Path, texts_dir: Path, size_mb: float) -> int:
    """Write about `size_mb` MB of JSON Lines to `path`; returns the number of records."""
    texts = [
        p.read_text(encoding="utf-8", errors="replace").strip()
        for p in sorted(texts_dir.glob("*.txt"))
    ]
    texts = [t for t in texts if len(t) > 200]
    if not texts:
        sys.exit(f"no article texts (*.txt over 200 characters) in {texts_dir}")
    target = int(size_mb * 1024 * 1024)
    written = 0
    records = 0
    with path.open("w", encoding="utf-8") as out:
        while written < target:
            text = texts[records % len(texts)]
            line = json.dumps(
                {
                    "title": f"Archive report {records}",
                    "text": f"Archive record {records} follows.\n\n{text}",
                    "url": f"https://news.example.org/archive/{records}",
                    "date": f"2016-{1 + records % 12:02d}-{1 + records % 28:02d}",
                }
            )
            out.write(line + "\n")
            written += len(line.encode("utf-8")) + 1
            records += 1
    return records


def _measure(argv: list[str], stdout_path: Path) -> tuple[float, float, int]:
    """(peak RSS in MB, seconds, exit status) of one child process."""
    start = time.perf_counter()
    with stdout_path.open("wb") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024, seconds, proc.returncode  # ru_maxrss is in KB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=1024, help="Size of the JSONL file.")
    parser.add_argument("--texts", type=Path, default=None, help="Folder of *.txt articles.")
    parser.add_argument("--workdir", type=Path, default=None, help="Where to write (temp dir).")
    parser.add_argument("--keep", action="store_true", help="Keep the file and database.")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="newsprism-mem-", dir=args.workdir))
    try:
        source = work / "articles.jsonl"
        records = generate(source, args.texts or _default_texts(), args.size_mb)
        db = work / "bench.db"
        env_db = ["--db", str(db)]
        ingest_argv = [sys.executable, "-m", "newsprism", *env_db, "ingest", "--no-analyze"]
        ingest_argv += ["--no-cluster", "--json", str(source)]
        rss, seconds, status = _measure(ingest_argv, work / "summary.json")
        if status != 0:
            sys.exit(f"newsprism ingest failed with exit status {status}")
        summary = json.loads((work / "summary.json").read_text(encoding="utf-8"))
        peer_rss, peer_seconds, peer_status = _measure(
            [sys.executable, "-c", _PEER, str(source)], work / "peer.txt"
        )
        if peer_status != 0:
            sys.exit("the json.loads peer failed")
        con = sqlite3.connect(db)
        stored = int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        con.close()
        skipped = len(summary["skipped"])
        print(
            json.dumps(
                {
                    "file_mb": round(source.stat().st_size / 2**20, 1),
                    "records": records,
                    "stored": stored,
                    "skipped": skipped,
                    "lost": records - stored - skipped,
                    "newsprism": {
                        "peak_rss_mb": round(rss, 1),
                        "seconds": round(seconds, 1),
                        "articles_per_s": round(stored / seconds, 1),
                    },
                    "peer_json_loads": {
                        "peak_rss_mb": round(peer_rss, 1),
                        "seconds": round(peer_seconds, 1),
                        "records_per_s": round(records / peer_seconds, 1),
                    },
                    "rss_over_peer_mb": round(rss - peer_rss, 1),
                }
            )
        )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
