"""Figures: numeric facts with normalised values, what they count, and what they are about."""

from __future__ import annotations

import pytest
from conftest import require_shared

from newsprism.analyze.entities import extract_entities
from newsprism.analyze.figures import extract_figures
from newsprism.model import Figure


def _figures(nlp, text: str) -> tuple[Figure, ...]:
    doc = nlp(text)
    return extract_figures(doc, extract_entities(doc))


def _figure(figures: tuple[Figure, ...], written: str) -> Figure:
    hits = [f for f in figures if f.text.text == written]
    assert hits, f"{written!r} not among {[f.text.text for f in figures]}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "written", "value", "unit", "qualifier"),
    [
        (
            "Nearly 700,000 refugees crossed the border.",
            "Nearly 700,000",
            700_000,
            "refugees",
            "nearly",
        ),
        ("More than 500 homes were damaged.", "More than 500", 500, "homes", "more than"),
        ("Unemployment reached 15.4 percent in May.", "15.4 percent", 15.4, "%", None),
        ("Unemployment reached 15.4% in May.", "15.4%", 15.4, "%", None),
        ("Inflation hit 3.2 per cent.", "3.2 per cent", 3.2, "%", None),
        ("Police arrested 13 protesters.", "13", 13, "protesters", None),
        ("Three countries abstained.", "Three", 3, "countries", None),
        ("The fund pledged $2.5 billion in aid.", "$2.5 billion", 2.5e9, "USD", None),
        ("The club paid £40m for the striker.", "£40m", 40e6, "GBP", None),
        ("The floods displaced 1.2 million people.", "1.2 million", 1.2e6, "people", None),
        ("At least 20 people died.", "At least 20", 20, "people", "at least"),
        ("Twenty-five schools closed.", "Twenty-five", 25, "schools", None),
        # shares written as ratios or fractions (PolNeAR's exit polls read "8 in 10" as 8)
        ("Nearly 8 in 10 voters backed the levy.", "Nearly 8 in 10", 80, "%", "nearly"),
        ("Nine out of 10 doctors agreed.", "Nine out of 10", 90, "%", None),
        ("Two-thirds of members voted yes.", "Two-thirds", 66.7, "%", None),
        ("Three quarters of voters agreed.", "Three quarters", 75, "%", None),
        # ... and not what only looks like one
        ("Sales fell for two quarters in a row.", "two", 2, "quarters", None),
        ("He won 3 in 2016.", "3", 3, "", None),
    ],
)
def test_values_units_and_qualifiers(
    nlp, text: str, written: str, value: float, unit: str, qualifier: str | None
) -> None:
    figure = _figure(_figures(nlp, text), written)
    assert figure.value == pytest.approx(value)
    assert figure.unit == unit
    assert figure.qualifier == qualifier
    assert figure.sentence == text


def test_a_range_keeps_both_bounds(nlp) -> None:
    figure = _figures(nlp, "Between 10 and 20 soldiers were wounded.")[0]
    assert (figure.value, figure.upper, figure.unit) == (10, 20, "soldiers")


@pytest.mark.parametrize(
    "text",
    [
        "The treaty was signed in 2014.",
        "She finished second in the race.",
        "Article 5 of the treaty applies.",
        "One of the men was released.",
        "The meeting started at 10:30 on March 3.",
    ],
)
def test_years_ordinals_names_and_pronoun_one_are_not_figures(nlp, text: str) -> None:
    assert _figures(nlp, text) == ()


@pytest.mark.parametrize(
    ("text", "written", "words"),
    [
        (
            "Nearly 700,000 Ukrainians have fled the country.",
            "Nearly 700,000",
            ["Ukrainians", "flee"],
        ),
        (
            "Officials counted more than 500 civilian casualties, including 13 children.",
            "13",
            ["children", "civilian casualties"],
        ),
        (
            "Brazil is Japan's largest supplier of iron ore, accounting for 40 percent of its "
            "imports.",
            "40 percent",
            ["Brazil", "Japan", "iron ore", "imports"],
        ),
        ("Inflation rose 5% last year.", "5%", ["inflation", "rise"]),
        ("Clinton won 55 percent of the vote.", "55 percent", ["Clinton", "share", "vote"]),
    ],
)
def test_subject_says_what_the_figure_is_about(
    nlp, text: str, written: str, words: list[str]
) -> None:
    subject = _figure(_figures(nlp, text), written).subject
    for word in words:
        assert word.lower() in subject.lower(), subject


def test_sample_article_figures_have_sensible_subjects(nlp) -> None:
    lines = [
        line
        for line in require_shared("samples", "000_e63656aad12f7183.txt")
        .read_text(encoding="utf-8")
        .splitlines()
        if line.strip()
    ]
    body = "\n\n".join(lines[3:])
    figures = _figures(nlp, body)
    casualties = _figure(figures, "more than 500")
    assert (casualties.value, casualties.qualifier) == (500, "more than")
    assert "civilian casualties" in casualties.subject
    children = _figure(figures, "13")
    assert "children" in children.subject and "casualties" in children.subject
    fled = _figure(figures, "Nearly 700,000")
    assert (fled.value, fled.qualifier) == (700_000, "nearly")
    assert "Ukrainians" in fled.subject and "flee" in fled.subject
    for figure in figures:
        assert body[figure.text.start : figure.text.end] == figure.text.text


def test_sample_share_of_imports_names_crude_oil_and_china(nlp) -> None:
    path = require_shared("samples", "003_7962d71c0f30091b.txt")
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    share = _figure(_figures(nlp, "\n\n".join(lines[3:])), "15.4 percent")
    assert (share.value, share.unit) == (15.4, "%")
    assert "crude oil imports" in share.subject
    assert "China" in share.subject and "Russia" in share.subject
