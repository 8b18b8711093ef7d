"""The local re-clustering after each batch: what it changes, and that it says so."""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import require_shared

from newsprism.model import Article
from newsprism.stories import StoryClusterer, persist
from newsprism.stories.features import Vocabulary, article_terms, vectorize
from newsprism.stories.refine import capped_groups, regroup

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

_REPORTS = [
    (
        "Dock workers strike at the port of Calder",
        "Dock workers at the port of Calder walked out on Tuesday over night-shift pay, leaving "
        "container ships waiting offshore. The dockers' union said the strike at Calder would "
        "last until the port authority reopened pay talks.",
    ),
    (
        "Calder port strike strands container ships",
        "Container ships queued outside Calder as the dock workers' strike over night-shift "
        "pay entered its second day. The port authority said talks with the dockers' union "
        "could resume once the strike ended.",
    ),
    (
        "Orchestra cancels its winter tour after the conductor falls ill",
        "The Northern Symphony Orchestra cancelled its winter tour of six cities on Friday "
        "after its principal conductor fell ill during rehearsals. Ticket holders for the tour "
        "will be refunded, the orchestra said.",
    ),
    (
        "Conductor's illness ends orchestra's winter tour",
        "Six concerts of the Northern Symphony Orchestra's winter tour were called off after "
        "the conductor was taken ill in rehearsal. The orchestra promised refunds to every "
        "ticket holder of the tour.",
    ),
]


def _articles() -> list[Article]:
    return [Article.create(title=t, paragraphs=[b], outlet="desk") for t, b in _REPORTS]


def test_regroup_finds_the_two_events_among_four_reports() -> None:
    articles = _articles()
    vocab = Vocabulary()
    parts = [article_terms(a, None) for a in articles]
    vocab.count(p[0] + p[1] for p in parts)
    vectors = [vectorize(p, vocab, (1.0, 1.0, 1.0), 150) for p in parts]
    labels = regroup(vectors, [0, 0, 0, 0], 0.15, 7, len(vocab)).tolist()
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]


@pytest.mark.parametrize(
    ("sizes", "edges", "cap", "expected"),
    [
        # the strongest link first; the weakest one would pass the cap and is left out
        ({1: 2, 2: 2, 3: 2}, [(0.9, 1, 2), (0.2, 2, 3)], 4, [[1, 2], [3]]),
        ({1: 2, 2: 2, 3: 2}, [(0.9, 1, 2), (0.2, 2, 3)], 6, [[1, 2, 3]]),
        ({1: 5, 2: 1}, [(0.9, 1, 2)], 5, [[1], [2]]),
        ({7: 1}, [], 10, [[7]]),
    ],
)
def test_groups_never_pass_the_cap(
    sizes: dict[int, int], edges: list[tuple[float, int, int]], cap: int, expected: list[list[int]]
) -> None:
    groups = sorted(sorted(g) for g in capped_groups(sizes, edges, cap))
    assert groups == expected


def _fnc1(n: int) -> list[Article]:
    from stories import body_article, read_bodies

    folder = require_shared("datasets", "fnc1")
    bodies = read_bodies(folder / "train_bodies.csv")
    return [body_article(b, t) for b, t in list(bodies.items())[:n]]


def _members(clusterer: StoryClusterer) -> dict[str, frozenset[str]]:
    stories: dict[str, set[str]] = defaultdict(set)
    for aid in clusterer.article_ids_.values():
        stories[clusterer.story_id(aid)].add(aid)
    return {sid: frozenset(m) for sid, m in stories.items()}


@pytest.mark.slow
def test_every_story_whose_articles_changed_is_reported() -> None:
    """What update_stories saves: a story that lost or gained articles must be listed."""
    articles = _fnc1(400)
    clusterer = StoryClusterer()
    for start in range(0, len(articles), 50):
        before = _members(clusterer)
        clusterer.add(articles[start : start + 50])
        after = _members(clusterer)
        changed = {sid for sid, m in after.items() if before.get(sid) != m}
        gone = set(before) - set(after)
        assert changed <= set(clusterer.changed_story_ids())
        assert all(clusterer.resolve(sid) in after for sid in gone)


def _dated(articles: list[Article], per_day: int) -> list[Article]:
    """These articles published `per_day` a day, in order (FNC-1 bodies have no dates)."""
    start = date(2024, 3, 1)
    return [
        replace(a, published=start + timedelta(days=i // per_day)) for i, a in enumerate(articles)
    ]


@pytest.mark.slow
@pytest.mark.parametrize("per_day", [None, 20])
def test_saving_and_loading_midway_changes_nothing(per_day: int | None) -> None:
    """Dated at 20 a day, a batch of 100 spans 5 days: some batches leave their stories
    waiting for the next re-clustering (story_refine_days 7), and the saved state keeps them."""
    articles = _fnc1(300)
    if per_day:
        articles = _dated(articles, per_day)
    straight = StoryClusterer()
    resumed = StoryClusterer()
    waited = False
    for start in range(0, len(articles), 100):
        batch = articles[start : start + 100]
        straight.add(batch)
        waited |= bool(straight.unrefined_)
        resumed = persist.loads(persist.dumps(resumed))
        resumed.add(batch)
    assert _members(straight) == _members(resumed)
    assert waited == bool(per_day)


@pytest.mark.slow
def test_re_clustering_once_a_week_ends_with_the_stories_of_every_batch() -> None:
    """Busy days: batches of 50 articles at 25 a day. Re-clustering once the clock has moved
    a week (and at the end of the run) gives the stories re-clustering every batch gives."""
    from stories import bcubed

    articles = _dated(_fnc1(400), 25)
    every, weekly = StoryClusterer(refine_days=0), StoryClusterer(refine_days=7)
    for start in range(0, len(articles), 50):
        batch = articles[start : start + 50]
        every.add(batch)
        weekly.add(batch, refine=True if start + 50 >= len(articles) else None)
    assert not weekly.unrefined_, "the run ends re-clustered"
    ids = [a.id for a in articles]
    _, _, f1 = bcubed([weekly.story_id(a) for a in ids], [every.story_id(a) for a in ids])
    assert f1 >= 0.99  # 1.0 when written
