"""Facts from real parses: what a figure counts, whose it is, where, and whether it is a fact;
then alignment by meaning and the editor's judgement. Text written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from newsprism.analyze import analyze_articles
from newsprism.compare import compare_story
from newsprism.compare.facts import figure_facts
from newsprism.compare.sources import story_sources
from newsprism.config import Settings
from newsprism.model import Article

DAY = date(2025, 6, 8)


def _article(outlet: str, title: str, paragraphs: list[str], day: date = DAY) -> Article:
    return Article.create(title=title, paragraphs=paragraphs, outlet=outlet, published=day)


def _facts(text: str) -> dict[str, object]:
    article = _article("Tidewater Gazette", "Test", [text])
    (analysis,) = analyze_articles([article], Settings())
    sources, _ = story_sources([article], [analysis], None)
    return {f.figure.text.text: f for f in figure_facts(sources)}


@pytest.mark.parametrize(
    ("text", "written", "concept"),
    [
        (
            "At least 12 climbers died in the avalanche near Brekka on Tuesday.",
            "At least 12",
            "killed",
        ),
        ("Nine hikers were killed when the bridge collapsed.", "Nine", "killed"),
        ("The mill will eliminate 400 positions by the spring.", "400", "jobs cut"),
        ("Some 2,000 workers will lose their jobs at the mill.", "Some 2,000", "jobs cut"),
        ("Roughly 18,000 households lost power overnight.", "Roughly 18,000", "without power"),
        ("The storm left 7,500 homes without electricity.", "7,500", "without power"),
        ("Turnout in the referendum was 58 percent.", "58 percent", "turnout"),
    ],
)
def test_the_same_count_told_with_other_verbs_has_one_concept(
    text: str, written: str, concept: str
) -> None:
    facts = _facts(text)
    assert facts[written].concept == concept  # type: ignore[attr-defined]


def test_a_request_a_threshold_and_a_part_are_not_reported_facts() -> None:
    facts = _facts(
        "The court jailed Ostrander for eight years; prosecutors had asked for 11 years. "
        "The Liberals won 52 of the 130 seats, 14 short of a majority."
    )
    assert facts["eight years"].modality == ""  # type: ignore[attr-defined]
    assert facts["11 years"].modality == "requested"  # type: ignore[attr-defined]
    assert facts["130"].modality == "total"  # type: ignore[attr-defined]
    assert facts["14"].modality == "difference"  # type: ignore[attr-defined]


def test_ages_dates_and_years_ago_are_not_durations() -> None:
    facts = _facts(
        "Ostrander, 58, who was first elected in 2009, was jailed for six years three weeks ago."
    )
    assert "six years" in facts
    assert not {"58", "2009", "three weeks"} & set(facts)


def _compare(*articles: Article):  # type: ignore[no-untyped-def]
    analyses = list(analyze_articles(list(articles), Settings()))
    return compare_story(list(articles), analyses)


def test_a_death_toll_in_other_words_on_the_same_day_is_a_conflict() -> None:
    comparison = _compare(
        _article(
            "Tidewater Gazette",
            "Avalanche",
            ["At least 12 climbers died in the avalanche on Tuesday, police said."],
        ),
        _article(
            "Coast Radio",
            "Avalanche",
            ["Nineteen people were killed by the avalanche on Tuesday, rescuers said."],
        ),
    )
    (conflict,) = [c for c in comparison.conflicts if c.kind == "figure"]
    assert {s.text for s in conflict.sides} == {"At least 12", "Nineteen"}
    assert conflict.topic == "people killed"


def test_a_higher_toll_a_day_later_is_an_update() -> None:
    comparison = _compare(
        _article(
            "Tidewater Gazette",
            "Avalanche",
            ["At least 12 climbers died in the avalanche on Tuesday, police said."],
        ),
        _article(
            "Coast Radio",
            "Avalanche",
            ["The number of people killed by the avalanche rose to 19 on Wednesday."],
            date(2025, 6, 9),
        ),
    )
    assert not [c for c in comparison.conflicts if c.kind == "figure"]
    assert [f.status for f in comparison.figures if f.subject == "people killed"] == ["update"]


def test_figures_of_different_parties_or_places_are_different_facts() -> None:
    comparison = _compare(
        _article(
            "Tidewater Gazette",
            "Vote",
            ["The Liberals won 52 seats, while the Farmers' League came third with 17 seats."],
        ),
        _article("Coast Radio", "Vote", ["The Liberals secured 52 seats in the new assembly."]),
    )
    assert not comparison.conflicts
    seats = [f for f in comparison.figures if len(f.outlets) == 2]
    assert [f.status for f in seats] == ["agree"]


def test_hedged_values_that_can_both_be_right_are_compatible() -> None:
    comparison = _compare(
        _article(
            "Tidewater Gazette", "Fire", ["More than 100 firefighters fought the blaze overnight."]
        ),
        _article(
            "Coast Radio", "Fire", ["Some 120 firefighters fought the blaze through the night."]
        ),
    )
    assert not comparison.conflicts
    assert [f.status for f in comparison.figures if len(f.outlets) == 2] == ["compatible"]
