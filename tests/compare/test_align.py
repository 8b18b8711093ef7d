"""Alignment: the same quote across outlets, the same figure about the same thing."""

from __future__ import annotations

import pytest

from newsprism.compare.align import quote_segments, quote_strength, quotes_match, shown_quote
from newsprism.compare.judge import figure_interval, value_interval
from newsprism.model import Figure, Span


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # partial quoting: a short distinctive phrase inside the full quote
        (
            "deeply regrets",
            "deeply regrets that conflict has broken out between the two countries",
            True,
        ),
        # changed punctuation and typographic quotes
        (
            "We will rebuild every street, and we won’t wait.",
            "we will rebuild every street and we won't wait",
            True,
        ),
        # truncation plus a scraping slip inside the words
        (
            "The best guarantee of security for citizens is the pressure of their governments",
            "the best guarantee of security for citizens is the presure of their governments on",
            True,
        ),
        # one common word is not a quote match
        ("regret", "we deeply regret the loss of life", False),
        # different statements on the same topic
        (
            "the ceasefire must hold for the talks to continue",
            "the talks will continue whatever happens to the ceasefire",
            False,
        ),
        ("stop the war", "we must stop the war now", True),
    ],
)
def test_quotes_match(a: str, b: str, same: bool) -> None:
    assert quotes_match(a, b) is same


def _figure(written: str, value: float, qualifier: str | None = None) -> Figure:
    return Figure(value, "people", Span(written, 0, len(written)), written, qualifier=qualifier)


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        (_figure("more than 500", 500, "more than"), _figure("hundreds", 100, "hundreds"), True),
        (_figure("more than 500", 500, "more than"), _figure("about 600", 600, "about"), True),
        (_figure("more than 500", 500, "more than"), _figure("300", 300), False),
        (_figure("nearly 700,000", 700_000, "nearly"), _figure("680,000", 680_000), True),
        (_figure("nearly 700,000", 700_000, "nearly"), _figure("400,000", 400_000), False),
        (_figure("Three", 3), _figure("five", 5), False),
        (_figure("15.4", 15.4), _figure("15", 15), True),
        (_figure("1.5 million", 1_500_000), _figure("1,500,000", 1_500_000), True),
        (_figure("12", 12), _figure("14", 14), False),
        # a lower bound reaches a quarter further: "at least 17 dead" is not 23 dead
        (_figure("at least 17", 17, "at least"), _figure("Twenty-three", 23), False),
        (_figure("more than 100", 100, "more than"), _figure("some 120", 120, "some"), True),
        # "about" allows a tenth either way, "just under" a little less
        (_figure("About 1,500", 1500, "about"), _figure("1,200", 1200), False),
        (_figure("just under 64", 64, "just under"), _figure("61.4", 61.4), False),
        (_figure("just under 64", 64, "just under"), _figure("63.5", 63.5), True),
    ],
)
def test_figure_values_agree_within_qualifier_and_rounding(
    a: Figure, b: Figure, agree: bool
) -> None:
    ia, ib = figure_interval(a), figure_interval(b)
    overlap = ia is None or ib is None or (ia[0] <= ib[1] and ib[0] <= ia[1])
    assert overlap is agree


def test_vague_figures_have_no_interval() -> None:
    assert value_interval(100, "dozens of", None) is None
    assert value_interval(100, "hundreds of civilians", None) is None
    assert value_interval(3, "three", None) is not None


def test_a_quote_split_by_its_attribution_matches_the_whole_quote() -> None:
    """Regression: in a split direct quote the marks enclose the attribution, which was taken
    for the quoted words, so the split version never aligned with other outlets' full one."""
    split = (
        "We are treating this as a major incident,” Chief Fire Officer Adaeze Okafor said, "
        "“and nobody will be allowed back into their homes until the air is safe to breathe."
    )
    whole = (
        "We are treating this as a major incident, and nobody will be allowed back into their "
        "homes until the air is safe to breathe,"
    )
    [segment] = quote_segments(split, direct=True)
    assert "okafor" not in segment and "nobody will be allowed back" in segment
    assert quote_strength(quote_segments(split, True), quote_segments(whole, True)) > 0


@pytest.mark.parametrize(
    ("content", "direct", "shown"),
    [
        (
            "We are nowhere near the end game,” Devine declared. “The end game comes at the end.",
            True,
            "We are nowhere near the end game, … The end game comes at the end.",
        ),
        ('a major incident," Okafor said, "and nobody', True, "a major incident, … and nobody"),
        ("The crews held the line overnight.", True, "The crews held the line overnight."),
        # reported speech keeps its marks: they enclose what was quoted
        ('China "deeply regrets" the war', False, 'China "deeply regrets" the war'),
    ],
)
def test_a_split_quote_shows_without_its_attribution(
    content: str, direct: bool, shown: str
) -> None:
    assert shown_quote(content, direct) == shown
