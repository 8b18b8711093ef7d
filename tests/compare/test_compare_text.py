"""Text helpers of the compare stage: sentences, names, relative dates."""

from __future__ import annotations

from datetime import date

import pytest

from newsprism.compare.text import colon_speaker, merge_names, same_person, sentences
from newsprism.compare.timeline import resolve_relative


def test_sentences_keep_titles_and_paragraphs() -> None:
    text = 'Mr. Wang said it. "We regret it," he said.\n\nDr. Lee left on Jan. 5 at noon.'
    found = [text[s:e] for s, e in sentences(text)]
    assert found == [
        "Mr. Wang said it.",
        '"We regret it," he said.',
        "Dr. Lee left on Jan. 5 at noon.",
    ]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Wang", "Wang Yi", True),
        ("Mr Wang", "Wang Yi", True),
        ("Kuleba", "Dmytro Kuleba", True),
        ("Wang Yi", "Xi Jinping", False),
        ("Anna Smith", "John Smith", False),
    ],
)
def test_same_person(a: str, b: str, same: bool) -> None:
    assert same_person(a, b) is same


def test_merge_names_leaves_ambiguous_surnames_alone() -> None:
    mapping = merge_names(["Smith", "John Smith", "Anna Smith", "Kuleba", "Dmytro Kuleba"])
    assert mapping["Smith"] == "Smith"
    assert mapping["Kuleba"] == "Dmytro Kuleba"


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("today", date(2022, 3, 1)),
        ("yesterday", date(2022, 2, 28)),
        ("on Tuesday", date(2022, 3, 1)),  # 1 March 2022 was a Tuesday
        ("last Thursday", date(2022, 2, 24)),
        ("last Tuesday", date(2022, 2, 22)),
    ],
)
def test_resolve_relative_against_an_inferred_date(expression: str, expected: date) -> None:
    resolved = resolve_relative(expression, date(2022, 3, 1))
    assert resolved is not None and resolved[0] == expected


def test_unknown_expressions_stay_unresolved() -> None:
    assert resolve_relative("in the coming weeks", date(2022, 3, 1)) is None


@pytest.mark.parametrize(
    ("headline", "speaker"),
    [
        ("Khans: Trump stirs 'ugliness'", "Khans"),
        ("CNN President On Trump: 'We Do Not Pay Candidates'", "CNN President"),
        ("Mayor Ames: 'We will rebuild'", "Mayor Ames"),
        ("Breaking: Senator quits", None),
        ("The Latest: Trump delivers defense of 'New York values'", None),
        ("Port Calder fire: 27 injured as investigators turn to chlorine tanks", None),
        ("China support for Russia CRUMBLING: Xi admits ‘regret’", None),
        ("Senator quits over 'betrayal'", None),
    ],
)
def test_colon_speaker_of_a_headline(headline: str, speaker: str | None) -> None:
    assert colon_speaker(headline) == speaker
