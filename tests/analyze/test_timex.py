"""Dates: temporal expressions resolved against the publication date (or kept unresolved)."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import require_shared

from newsprism.analyze.timex import extract_times
from newsprism.model import TimeRef, date_label

WEDNESDAY = date(2022, 3, 2)


def _find(refs: tuple[TimeRef, ...], text: str) -> TimeRef:
    hits = [r for r in refs if r.text.text == text]
    assert hits, f"{text!r} not found among {[r.text.text for r in refs]}"
    return hits[0]


@pytest.mark.parametrize(
    ("sentence", "expression", "start", "end", "grain"),
    [
        ("The ministers spoke on Tuesday.", "Tuesday", date(2022, 3, 1), date(2022, 3, 1), "day"),
        ("The briefing on Wednesday was short.", "Wednesday", WEDNESDAY, WEDNESDAY, "day"),
        ("During Tuesday's call, he said little.", "Tuesday's", date(2022, 3, 1), None, "day"),
        ("The war began last Thursday.", "last Thursday", date(2022, 2, 24), None, "day"),
        ("The talks began seven days ago.", "seven days ago", date(2022, 2, 23), None, "day"),
        ("The invasion began on February 24.", "February 24", date(2022, 2, 24), None, "day"),
        ("They met last month.", "last month", date(2022, 2, 1), date(2022, 2, 28), "month"),
        ("They met last week.", "last week", date(2022, 2, 21), date(2022, 2, 27), "week"),
        ("Prices rose yesterday.", "yesterday", date(2022, 3, 1), None, "day"),
        ("He spoke today (Tuesday) at noon.", "today (Tuesday)", WEDNESDAY, None, "day"),
        ("Sales fell this year.", "this year", date(2022, 1, 1), date(2022, 12, 31), "year"),
        ("Crimea was annexed in 2014.", "in 2014", date(2014, 1, 1), date(2014, 12, 31), "year"),
        ("The call was on March 1, 2022.", "March 1, 2022", date(2022, 3, 1), None, "day"),
        ("The summit will be held on Friday.", "Friday", date(2022, 3, 4), None, "day"),
        # Forward-looking verbs resolve forward through the verbs that share their tense.
        ("Families will be able to apply from Monday.", "Monday", date(2022, 3, 7), None, "day"),
        ("The bridge will shut and reopen on Friday.", "Friday", date(2022, 3, 4), None, "day"),
        ("The council is going to vote on Monday.", "Monday", date(2022, 3, 7), None, "day"),
        ("The rules will start to apply on Monday.", "Monday", date(2022, 3, 7), None, "day"),
        ("Families were able to apply from Monday.", "Monday", date(2022, 2, 28), None, "day"),
        # "from", "until", "starting" in the present look forward; in the past they do not.
        ("Families can apply from Monday.", "Monday", date(2022, 3, 7), None, "day"),
        ("The exhibition runs until Friday.", "Friday", date(2022, 3, 4), None, "day"),
        ("The new fares apply starting Monday.", "Monday", date(2022, 3, 7), None, "day"),
        ("The strike ran from Monday.", "Monday", date(2022, 2, 28), None, "day"),
        ("Prices have risen since Monday.", "Monday", date(2022, 2, 28), None, "day"),
        ("Apart from Monday, she campaigns alone.", "Monday", date(2022, 2, 28), None, "day"),
        # a day and month at the end of a sentence (regression: left unresolved)
        ("The board next meets on 24 April.", "24 April", date(2022, 4, 24), None, "day"),
        ("It last met on 24 February.", "24 February", date(2022, 2, 24), None, "day"),
        # A possessive weekday is the nearest one: the verb's tense belongs to the sentence.
        (
            "Tuesday's vote will force the council to act.",
            "Tuesday's",
            date(2022, 3, 1),
            None,
            "day",
        ),
        ("Friday's vote will decide it.", "Friday's", date(2022, 3, 4), None, "day"),
        (
            "Turnout rose in the past three days.",
            "the past three days",
            date(2022, 2, 27),
            WEDNESDAY,
            "day",
        ),
    ],
)
def test_expression_resolves_against_publication_date(
    nlp, sentence: str, expression: str, start: date, end: date | None, grain: str
) -> None:
    ref = _find(extract_times(nlp(sentence), WEDNESDAY), expression)
    assert (ref.start, ref.end, ref.grain) == (start, end or start, grain)
    assert ref.resolved
    assert ref.sentence.strip() == sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "The two countries marked 30 years of diplomatic ties.",
        "He may march on the capital.",
        "It took months of tensions.",
    ],
)
def test_durations_and_ordinary_words_are_not_dates(nlp, sentence: str) -> None:
    assert extract_times(nlp(sentence), WEDNESDAY) == ()


def test_undated_article_keeps_relative_dates_unresolved_but_resolves_absolute(nlp) -> None:
    doc = nlp(
        "On Saturday the vote failed. Last month they met. The deal was signed March 1, 2022."
    )
    refs = extract_times(doc, None)
    assert not _find(refs, "Saturday").resolved
    assert not _find(refs, "Last month").resolved
    assert _find(refs, "March 1, 2022").start == date(2022, 3, 1)


def _sample_body(name: str, skip: int) -> str:
    path = require_shared("samples", name)
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return "\n\n".join(lines[skip:])


def test_sample_dated_article_resolves_its_relative_dates(nlp) -> None:
    body = _sample_body("000_e63656aad12f7183.txt", skip=3)
    refs = extract_times(nlp(body), WEDNESDAY)
    assert _find(refs, "Tuesday").start == date(2022, 3, 1)
    assert _find(refs, "February 24").start == date(2022, 2, 24)
    assert _find(refs, "seven days ago").start == date(2022, 2, 23)
    last_month = _find(refs, "last month")
    assert (last_month.start, last_month.end) == (date(2022, 2, 1), date(2022, 2, 28))
    for ref in refs:
        assert body[ref.text.start : ref.text.end] == ref.text.text
        assert body.split("\n\n")[ref.text.paragraph].count(ref.text.text) >= 1


def test_sample_undated_article_keeps_relative_dates_unresolved(nlp) -> None:
    body = _sample_body("003_7962d71c0f30091b.txt", skip=3)
    refs = extract_times(nlp(body), None)
    found = {r.text.text for r in refs}
    assert {"last Thursday", "last Friday", "Saturday"} <= found
    assert not any(r.resolved for r in refs)


@pytest.mark.parametrize(
    ("start", "end", "grain", "label"),
    [
        (date(1987, 1, 1), date(1987, 12, 31), "year", "1987"),
        (date(1990, 1, 1), date(1999, 12, 31), "year", "1990–1999"),
        (date(2022, 2, 1), date(2022, 2, 28), "month", "2022-02"),
        (date(2022, 2, 21), date(2022, 2, 27), "week", "week of 2022-02-21"),
        (date(2022, 3, 1), date(2022, 3, 1), "day", "2022-03-01"),
        (date(2022, 2, 27), date(2022, 3, 2), "day", "2022-02-27 – 2022-03-02"),
        (None, None, "day", "unresolved"),
    ],
)
def test_a_date_is_shown_as_precise_as_it_is(
    start: date | None, end: date | None, grain: str, label: str
) -> None:
    assert date_label(start, end, grain) == label
