"""The bundled samples (samples/README.md) form the stories their README lists.

The samples are read here with the standard library, feedparser and trafilatura, so that this
test does not depend on the ingest stage: it checks the clustering alone, on the 18 articles
of the fire, bank, dam, chess and tram stories.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from datetime import date
from email.utils import parsedate_to_datetime

import feedparser
import pytest
import trafilatura
from conftest import SAMPLES

from newsprism.model import Article
from newsprism.stories import StoryClusterer


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _read(name: str) -> list[tuple[str, Article]]:
    """(record, Article) pairs of one sample file; record as the README names it."""
    path = SAMPLES / name
    text = path.read_text(encoding="utf-8")
    if name.endswith(".jsonl"):
        out = []
        for n, line in enumerate(text.splitlines(), start=1):
            row = json.loads(line)
            out.append(
                (
                    f"line {n}",
                    Article.create(
                        title=row["title"],
                        paragraphs=_paragraphs(row["text"]),
                        outlet=row["source"],
                        published=date.fromisoformat(row["date"][:10]),
                    ),
                )
            )
        return out
    if name.endswith(".csv"):
        rows = list(csv.DictReader(text.splitlines(keepends=True)))
        return [
            (
                f"row {n}",
                Article.create(
                    title=row["headline"],
                    paragraphs=_paragraphs(row["body"]),
                    outlet=row["outlet"],
                    published=parsedate_to_datetime(row["published"]).date(),
                ),
            )
            for n, row in enumerate(rows, start=1)
        ]
    if name.endswith(".xml"):
        feed = feedparser.parse(text)
        out = []
        for n, item in enumerate(feed.entries, start=1):
            html = item.content[0].value if "content" in item else item.summary
            body = trafilatura.extract(f"<html><body><article>{html}</article></body></html>")
            out.append(
                (
                    f"item {n}",
                    Article.create(
                        title=item.title,
                        paragraphs=_paragraphs(body or ""),
                        outlet="Coastline Wire",
                        published=date(*item.published_parsed[:3]),
                    ),
                )
            )
        return out
    if name.endswith(".html"):
        body = trafilatura.extract(text) or ""
        meta = trafilatura.extract_metadata(text)
        return [
            (
                "-",
                Article.create(
                    title=meta.title or "", paragraphs=_paragraphs(body), outlet="Harbour Gazette"
                ),
            )
        ]
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    if lines[1].isdigit():  # txt-header: title, YYYYMMDD, URL, paragraphs
        day = date(int(lines[1][:4]), int(lines[1][4:6]), int(lines[1][6:]))
        return [("-", Article.create(title=lines[0], paragraphs=lines[3:], published=day))]
    return [("-", Article.create(title=lines[1], paragraphs=lines[2:]))]  # txt-loose


def _readme_table() -> list[dict[str, str]]:
    rows = []
    for line in (SAMPLES / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 8 and cells[0][:1] in "FBDS" and cells[0][1:].isdigit():
            rows.append(
                dict(
                    zip(
                        [
                            "id",
                            "file",
                            "record",
                            "format",
                            "outlet",
                            "domain",
                            "published",
                            "story",
                        ],
                        cells,
                        strict=True,
                    )
                )
            )
    return rows


def test_bundled_samples_form_the_stories_their_readme_lists() -> None:
    if not (SAMPLES / "README.md").exists():
        pytest.skip(f"bundled samples not found at {SAMPLES}")
    table = _readme_table()
    assert len(table) == 18
    read = {(name, rec): art for name in {r["file"] for r in table} for rec, art in _read(name)}
    articles = [read[(r["file"], r["record"])] for r in table]
    clusterer = StoryClusterer()
    placed = clusterer.add(articles)
    expected: dict[str, set[str]] = defaultdict(set)
    for row, story in zip(table, placed, strict=True):
        expected[row["story"]].add(story)
    assert all(len(ids) == 1 for ids in expected.values()), expected
    assert len({next(iter(ids)) for ids in expected.values()}) == len(expected)
    undated = articles[[r["id"] for r in table].index("F4")]
    assert undated.published is None
    assert clusterer.story_id(undated.id) == clusterer.story_id(articles[0].id)
