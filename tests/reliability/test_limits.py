"""Limits (issue 6, point 2): an article over settings.max_article_bytes is skipped with a
message that names the limit and the setting, the records around it are still read, and
record files are streamed (memory stays well below the file's size). The 1 GB run is
bench/ingest_memory.py; this is its quick in-suite counterpart.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import tracemalloc
from pathlib import Path

import pytest
from relhelp import clean_env, real_bodies, run_cli

from newsprism.config import Settings, load_settings
from newsprism.ingest import read_sources
from newsprism.model import Article, Skipped

LIMIT = 20_000
SMALL = Settings(max_article_bytes=LIMIT)
# Written for these tests.
LEAD = "The ferry service between the two islands resumed on Sunday after the storm passed."
TAIL = "Officials said the new timetable would be published online later this week."


def _long_body(size: int) -> str:
    sentence = "Crews worked through the night to clear fallen trees from the coast road. "
    return (sentence * (size // len(sentence) + 1))[:size].strip()


def _write(path: Path, kind: str, bodies: list[str]) -> Path:
    if kind == "jsonl":
        path.write_text("".join(json.dumps({"text": b}) + "\n" for b in bodies), encoding="utf-8")
    elif kind == "json":
        path.write_text(json.dumps([{"text": b} for b in bodies]), encoding="utf-8")
    elif kind == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["title", "body"])
        writer.writerows([[f"Row {n}", b] for n, b in enumerate(bodies)])
        path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["jsonl", "json", "csv"])
@pytest.mark.parametrize(
    ("size", "kept"),
    [(LIMIT - 100, True), (LIMIT + 200, False), (3 * LIMIT, False), (5 * LIMIT, False)],
)
def test_article_over_the_limit_is_skipped_with_a_clear_message(
    tmp_path: Path, kind: str, size: int, kept: bool
) -> None:
    path = _write(tmp_path / f"big.{kind}", kind, [LEAD, _long_body(size), TAIL])
    items = list(read_sources([str(path)], SMALL))
    articles = [i for i in items if isinstance(i, Article)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    bodies = [a.body for a in articles]
    assert LEAD in bodies and TAIL in bodies, "the records around a large one are read"
    if kept:
        assert len(articles) == 3 and not skipped
        return
    assert len(articles) == 2 and len(skipped) == 1
    where, reason = skipped[0].where, skipped[0].reason
    assert where.startswith(str(path)) and where != str(path), "names the record"
    assert "max_article_bytes" in reason and "too large" in reason
    assert f"{LIMIT:,}" in reason


@pytest.mark.parametrize("extension", ["txt", "html"])
def test_single_document_over_the_limit(tmp_path: Path, extension: str) -> None:
    body = _long_body(2 * LIMIT)
    text = (
        f"<html><body><article><p>{body}</p></article></body></html>"
        if extension == "html"
        else body
    )
    path = tmp_path / f"page.{extension}"
    path.write_text(text, encoding="utf-8")
    (item,) = list(read_sources([str(path)], SMALL))
    assert isinstance(item, Skipped)
    assert item.where == str(path) and "max_article_bytes" in item.reason


def test_limit_is_a_setting_with_a_sensible_default() -> None:
    assert 100_000 <= Settings().max_article_bytes <= 50_000_000
    env = {"NEWSPRISM_MAX_ARTICLE_BYTES": "12_345"}
    assert load_settings(None, environ=env).max_article_bytes == 12345


@pytest.mark.slow
def test_cli_reports_the_limit(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.jsonl", "jsonl", [LEAD, _long_body(3 * LIMIT), TAIL])
    env = clean_env(NEWSPRISM_MAX_ARTICLE_BYTES=str(LIMIT))
    db = tmp_path / "limits.db"
    result = run_cli(
        "--db", str(db), "ingest", "--no-analyze", "--no-cluster", "--json", str(path), env=env
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["new"] == 2
    (skip,) = summary["skipped"]
    assert skip["where"] == f"{path}:2"
    assert "max_article_bytes" in skip["reason"]
    plain = run_cli("--db", str(db), "ingest", "--no-analyze", "--no-cluster", str(path), env=env)
    assert "max_article_bytes" in plain.stderr + plain.stdout


def _peak_while_reading(path: Path, chosen: Settings) -> tuple[int, int]:
    """(articles read, peak bytes allocated by Python while reading them one by one)."""
    tracemalloc.start()
    try:
        count = sum(1 for item in read_sources([str(path)], chosen) if isinstance(item, Article))
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kind", "counts"),
    # A JSON array is decoded in 1 MB chunks, so its files must be several chunks long.
    [("json", (150, 600)), ("jsonl.gz", (50, 200))],
)
def test_record_files_are_streamed(tmp_path: Path, kind: str, counts: tuple[int, int]) -> None:
    """Four times the records must not take anything like four times the memory."""
    bodies = real_bodies(max_chars=4000)
    plain = kind.removesuffix(".gz")
    peaks = []
    for count in counts:
        records = [
            f"Record {n} of the streaming test.\n\n" + "\n\n".join(bodies[n % 50 :: 50][:4])
            for n in range(count)
        ]
        path = _write(tmp_path / f"many{count}.{plain}", plain, records)
        size = path.stat().st_size
        if kind.endswith(".gz"):
            packed = path.with_name(path.name + ".gz")
            packed.write_bytes(gzip.compress(path.read_bytes()))
            path.unlink()
            path = packed
        # The whole-file limit is far below the file: record files must not be read whole.
        read, peak = _peak_while_reading(path, Settings(max_file_bytes=size // 10))
        assert read == count
        peaks.append((size, peak))
    (small_size, small_peak), (big_size, big_peak) = peaks
    assert big_size > 3.5 * small_size
    assert big_peak < 1.5 * small_peak + 1_000_000, f"peaks {peaks} (file size, bytes)"
