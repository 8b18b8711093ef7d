"""The compare stage on real pipeline output: the two real articles in ../shared/samples, and
the bundled samples corpus with its planted conflicts (samples/README.md).

Both run the whole pipeline (ingest, spaCy analysis, stories) into a real SQLite file and
compare the stored stories, as `newsprism compare` does.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import SAMPLES, require_shared

from newsprism.compare import Comparison, compare_stored_story
from newsprism.config import Settings
from newsprism.pipeline import ingest
from newsprism.report import render_html
from newsprism.store.sqlite import SQLiteStore


def _compare_all(source: Path, db: Path) -> list[Comparison]:
    with SQLiteStore(db) as store:
        ingest([str(source)], store, Settings(db=str(db)))
        return [compare_stored_story(store, story.id) for story in store.iter_stories()]


# --- the two real articles ------------------------------------------------------------------


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    comparisons = _compare_all(
        require_shared("samples"), tmp_path_factory.mktemp("pair") / "pair.db"
    )
    both = [c for c in comparisons if len(c.articles) == 2]
    assert both, "the two sample articles should form one story"
    return both[0]


def _article_id(c: Comparison, title_word: str) -> str:
    return next(view.article_id for view in c.articles if title_word in view.title)


@pytest.mark.slow
def test_deeply_regrets_is_reported_by_both_and_given_to_wang_yi_by_both(pair: Comparison) -> None:
    quote = next(q for q in pair.quotes if "deeply regrets" in q.text)
    assert len(quote.outlets) == 2
    assert quote.speaker == "Wang Yi"
    for view in pair.articles:
        speakers = {c.speaker for c in quote.citations if c.article_id == view.article_id}
        assert "Wang Yi" in speakers, (view.title, speakers)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("figure", "title_word"),
    [
        ("more than 500", "Ukraine Speaks"),
        ("Nearly 700,000", "Ukraine Speaks"),
        ("15.4 percent", "CRUMBLING"),
    ],
)
def test_figures_reported_by_one_outlet_only(
    pair: Comparison, figure: str, title_word: str
) -> None:
    only = _article_id(pair, title_word)
    found = [u for u in pair.unique if u.kind == "figure" and figure in u.text]
    assert found and all(u.article_id == only for u in found), pair.unique


@pytest.mark.slow
def test_headline_regret_conflicts_with_its_own_body(pair: Comparison) -> None:
    express = _article_id(pair, "CRUMBLING")
    conflict = next(k for k in pair.conflicts if k.kind == "headline")
    assert "regret" in conflict.topic
    assert "Xi" in conflict.description
    assert any(s.article_id == express and "Xi admits" in s.context for s in conflict.sides)
    assert any(s.article_id == express and s.speaker == "Wang Yi" for s in conflict.sides)


@pytest.mark.slow
def test_no_other_conflict_between_the_real_articles(pair: Comparison) -> None:
    assert [k.kind for k in pair.conflicts] == ["headline"]


@pytest.mark.slow
@pytest.mark.parametrize("day", [date(2022, 2, 24), date(2022, 3, 1)])
def test_timeline_has_the_invasion_and_the_call(pair: Comparison, day: date) -> None:
    assert day in {event.start for event in pair.timeline}


@pytest.mark.slow
def test_brief_cites_the_shared_quote_to_both_outlets(pair: Comparison) -> None:
    assert 5 <= len(pair.brief.sentences) <= 8
    cited = [s for s in pair.brief.sentences if "deeply regrets" in s.text]
    assert cited and all(len(s.outlets) == 2 for s in cited)
    assert "Wang Yi" in pair.brief.key_people


@pytest.mark.slow
def test_html_report_of_the_real_pair(pair: Comparison) -> None:
    page = render_html(pair)
    assert "deeply regrets" in page and "15.4 percent" in page


# --- the bundled samples and their planted conflicts -----------------------------------------

# (kind, words that must appear in the evidence of one side, of the other side); from
# samples/README.md, "Planted conflicts".
PLANTED = {
    1: ("figure", "At least 40", "27"),
    2: ("figure", "14", "19"),
    3: ("figure", "2.8 percent", "3.1 percent"),
    4: ("speaker", "Ilona Varga", "Anton Greiss"),
    5: ("headline", "a disaster waiting to happen", "Hana Petrovic"),
    6: ("date", "Monday night", "Sunday night"),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Comparison]:
    if not (SAMPLES / "README.md").exists():
        pytest.skip(f"bundled samples not found at {SAMPLES}")
    return _compare_all(SAMPLES, tmp_path_factory.mktemp("samples") / "samples.db")


def _evidence(side_text: str, side_context: str, speaker: str | None) -> str:
    return f"{side_text} {side_context} {speaker or ''}"


def _matches(conflict_kind: str, sides: list[str], planted: tuple[str, str, str]) -> bool:
    kind, one, other = planted
    return conflict_kind == kind and any(one in s for s in sides) and any(other in s for s in sides)


@pytest.mark.slow
@pytest.mark.parametrize("number", sorted(PLANTED))
def test_every_planted_conflict_is_found(corpus: list[Comparison], number: int) -> None:
    found = [
        k
        for c in corpus
        for k in c.conflicts
        if _matches(
            k.kind, [_evidence(s.text, s.context, s.speaker) for s in k.sides], PLANTED[number]
        )
    ]
    assert len(found) == 1, [k.description for c in corpus for k in c.conflicts]


@pytest.mark.slow
def test_no_conflict_where_none_was_planted(corpus: list[Comparison]) -> None:
    unplanted = [
        k.description
        for c in corpus
        for k in c.conflicts
        if not any(
            _matches(k.kind, [_evidence(s.text, s.context, s.speaker) for s in k.sides], p)
            for p in PLANTED.values()
        )
    ]
    assert unplanted == []


@pytest.mark.slow
def test_samples_agreements_are_aligned(corpus: list[Comparison]) -> None:
    okafor = [
        q for c in corpus for q in c.quotes if "until we are certain the air is safe" in q.text
    ]
    assert okafor and max(len(q.outlets) for q in okafor) >= 3
    assert all(q.speaker == "Adaeze Okafor" for q in okafor)
