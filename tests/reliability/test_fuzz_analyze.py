"""Hostile text through the analyze stage (issue 6, point 1): the real spaCy model and every
rule layer, on random unicode, degenerate articles, extreme numbers and dates at the edges of
the calendar.

What must hold: one Analysis per article, in order, with the article's id; every span lies
inside the body (or the headline) and its text is what the body holds there; the analysis
survives the store and the plain-data round trip.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.analyze import analyze_articles
from newsprism.config import Settings
from newsprism.model import Analysis, Article, Span, from_dict, to_dict
from newsprism.store.sqlite import SQLiteStore

# FUZZ_EXAMPLES raises the budget for a deeper run outside the suite (e.g. 500).
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "20")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
# Right-to-left text and marks, invisible and control characters, separators, combining
# marks, quotation marks of every kind, digits and signs: what breaks rule layers.
ALPHABET = (
    "\u202e\u200f\u061c مرحبا שלום \u200b\u200d\ufeff\u00ad\x00\x07\x1b\x85\u2028\u2029"
    "e\u0301\u20dd 😀 “”‘’\"'«»„ 0123456789.,%$€£-–— said Mr Dr President Smith told Monday "
    "last week ago million percent\n"
)
hostile = st.text(alphabet=st.sampled_from(ALPHABET), max_size=400)
published = st.one_of(
    st.none(), st.sampled_from([date.min, date.max, date(1970, 1, 1)]), st.dates()
)

# Degenerate and extreme articles, written for these tests.
EDGE_BODIES = [
    ("x", "a one-character body"),
    ("“" * 500, "five hundred opening quotes"),
    ("“He said " * 100, "quotes that never close"),
    ('"' * 999, "an odd run of straight quotes"),
    ("said " * 600, "a cue word and nothing else"),
    ("Smith said. " * 150, "a speaker and cue with no content"),
    ("The deficit is 1e308 dollars, or 10^400 percent, or 99999999999999999999999 people.", "huge"),
    ("Prices fell -0.0% and -∞ percent; NaN people; 1,2,3,4,5,6,7,8,9,0,1,2,3 million.", "odd"),
    ("It happened 99999 days ago, 10000000 weeks ago, and will happen in 99999 years.", "far"),
    ("On February 30, 2022, on 31/31/2031 and in the year 0 and in 10000 AD, it rained.", "bad"),
    ("Last Tuesday, next Friday, this weekend, yesterday, tomorrow, the 1990s.", "relative"),
    ("A" * 20_000, "one twenty-thousand-character token"),
    ("Mr " * 600, "titles with no name"),
    ("\n\n".join(["Paragraph."] * 300), "three hundred tiny paragraphs"),
]
EDGE_DATES = [None, date.min, date(1, 1, 7), date.max, date(9999, 12, 25), date(2024, 2, 29)]


def _article(body: str, title: str = "", when: date | None = None) -> Article:
    paragraphs = [p for p in body.split("\n\n")] or [body]
    return Article.create(title=title, paragraphs=paragraphs, published=when, outlet="fuzz")


def _spans(value: object) -> list[tuple[Span, str]]:
    """Every Span in an analysis, with the name of the field it came from."""
    found: list[tuple[Span, str]] = []

    def walk(item: object, name: str) -> None:
        if isinstance(item, Span):
            found.append((item, name))
        elif isinstance(item, (tuple, list)):
            for inner in item:
                walk(inner, name)
        elif hasattr(item, "__dataclass_fields__"):
            for field_name in item.__dataclass_fields__:  # type: ignore[attr-defined]
                walk(getattr(item, field_name), field_name)

    walk(value, "analysis")
    return found


def check(articles: list[Article], tmp_path: Path) -> list[Analysis]:
    analyses = list(analyze_articles(articles, Settings()))
    assert [a.article_id for a in analyses] == [a.id for a in articles]
    for article, analysis in zip(articles, analyses, strict=True):
        body = article.body
        for span, _ in _spans(analysis.entities) + _spans(analysis.quotes):
            assert 0 <= span.start <= span.end <= len(body)
            assert body[span.start : span.end] == span.text
        for span, _ in _spans(analysis.figures) + _spans(analysis.times):
            assert 0 <= span.start <= span.end <= len(body)
        assert 0.0 <= analysis.headline.score <= 1.0
        for time in analysis.times:
            if time.start is not None and time.end is not None:
                assert time.start <= time.end
        assert from_dict(Analysis, to_dict(analysis)) == analysis
    with SQLiteStore(tmp_path / "analyze.db") as store:
        store.add_articles(articles)
        store.save_analyses(analyses)
    return analyses


@pytest.mark.slow
@FUZZ
@given(body=hostile, title=hostile, when=published)
def test_hostile_text_through_analysis(
    tmp_path: Path, body: str, title: str, when: date | None
) -> None:
    paragraphs = [p for p in body.split("\n\n") if p.strip()] or ["(empty)"]
    article = Article.create(title=title, paragraphs=paragraphs, published=when)
    check([article], tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize(("body", "case"), EDGE_BODIES)
def test_degenerate_articles_through_analysis(tmp_path: Path, body: str, case: str) -> None:
    # Every calendar edge for the bodies full of dates; one ordinary date for the rest.
    dates = EDGE_DATES if case in {"far", "bad", "relative"} else [date(2024, 2, 29)]
    articles = [_article(body, title=case, when=when) for when in dates]
    analyses = check(articles, tmp_path)
    assert len(analyses) == len(dates)


def test_quote_and_dates_at_the_edge_of_the_calendar(tmp_path: Path) -> None:
    body = (
        "The mayor, Jane Ortiz, said on Tuesday that the bridge would reopen. "
        '"We will be ready by next Friday," Ortiz told reporters seven days ago.'
    )
    for when in EDGE_DATES:
        (analysis,) = check([_article(body, "Bridge to reopen", when)], tmp_path)
        assert any("bridge would reopen" in q.content.text for q in analysis.quotes) or any(
            "ready by next Friday" in q.content.text for q in analysis.quotes
        )
