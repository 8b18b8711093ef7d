"""Headline signals: sensational wording, and claims the body gives to someone else."""

from __future__ import annotations

import pytest
from conftest import require_shared

from newsprism.analyze.entities import extract_entities
from newsprism.analyze.headline import headline_signals, loaded_words, sensationalism
from newsprism.analyze.quotes import extract_quotes
from newsprism.model import HeadlineSignals


def _signals(nlp, title: str, body: str) -> HeadlineSignals:
    body_doc = nlp(body)
    entities = extract_entities(body_doc)
    quotes = extract_quotes(body_doc, entities)
    return headline_signals(title, nlp(title), body_doc, entities, quotes)


@pytest.mark.parametrize(
    ("title", "drivers"),
    [
        ("Markets in MELTDOWN as shocking losses mount", ["MELTDOWN", "shocking"]),
        ("You won't believe what this senator said!", ["You won't believe", "!"]),
        ("17 Things Only Nineties Kids Will Remember", ["17 Things"]),
        ("Is this the worst budget ever?", ["?", "worst"]),
    ],
)
def test_sensational_headlines_score_high_with_their_drivers(
    nlp, title: str, drivers: list[str]
) -> None:
    score, found = sensationalism(title, nlp(title))
    assert score >= 0.5
    for driver in drivers:
        assert driver in found


@pytest.mark.parametrize(
    "title",
    [
        "NATO and UN officials meet BBC reporters in Brussels",
        "Senate passes budget bill after overnight session",
        "Ukraine Speaks With China About Reining In Vladimir Putin",
    ],
)
def test_plain_headlines_and_acronyms_score_low(nlp, title: str) -> None:
    score, drivers = sensationalism(title, nlp(title))
    assert score < 0.3, drivers
    assert not {"NATO", "UN", "BBC"} & set(drivers)


def test_caps_word_written_the_same_in_the_body_is_an_acronym(nlp) -> None:
    title = "ICBC halts lending to Russian traders"
    _, drivers = sensationalism(title, nlp(title), "Lenders such as ICBC have paused deals.")
    assert "ICBC" not in drivers


def test_word_list_is_ours_and_loaded() -> None:
    words = loaded_words()
    assert {"nightmarish", "crumbling", "slams"} <= words
    assert "killed" not in words  # plain reporting, not loaded


_BODY_OTHER = (
    "Foreign minister Wang Yi spoke to his Ukrainian counterpart on Tuesday.\n\n"
    "Mr Wang said China “deeply regrets that conflict has broken out”.\n\n"
    "Last month, President Xi Jinping met Vladimir Putin in Beijing."
)
_BODY_SAME = (
    "President Xi Jinping spoke to reporters on Tuesday.\n\n"
    "Mr Xi said China “deeply regrets that conflict has broken out”.\n\n"
    "Foreign minister Wang Yi later met his counterpart."
)


def test_headline_claim_given_to_someone_else_in_the_body_is_flagged(nlp) -> None:
    signals = _signals(nlp, "Xi admits ‘regret’ over war", _BODY_OTHER)
    assert len(signals.conflicts) == 1
    conflict = signals.conflicts[0]
    assert conflict.claim == "regret"
    assert conflict.headline_person == "Xi Jinping"
    assert conflict.body_speaker == "Wang Yi"
    assert "deeply regrets" in conflict.evidence


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Xi admits ‘regret’ over war", _BODY_SAME),
        ("Xi admits ‘regret’ over war", "President Xi Jinping met Vladimir Putin in Beijing."),
        ("China regrets the war, says minister", _BODY_OTHER),
        # PolNeAR: the quoted words belong to another clause of the headline, not to the
        # person named first ("Ginsburg apologizes for Trump comments; Justice vows ...")
        (
            "Xi admits defeat on tariffs; his minister voices ‘deep regret’ over the war",
            _BODY_OTHER,
        ),
        # "Speaker: claim": the claim after the colon is the speaker's, not Xi's
        ("Envoy Wang: Xi admits ‘regret’ over war", _BODY_OTHER),
        # words the body gives to several people are a phrase in circulation
        (
            "Xi admits ‘regret’ over war",
            _BODY_OTHER + "\n\nPrime Minister Anna Lind said Sweden “deeply regrets the war”.",
        ),
        # a role is no evidence that someone else said it: it may be the headline's person
        (
            "Xi admits ‘regret’ over war",
            "The president spoke on Tuesday.\n\nThe president said China “deeply regrets the "
            "war”.\n\nXi Jinping later met Vladimir Putin.",
        ),
    ],
)
def test_no_conflict_when_body_agrees_or_is_silent(nlp, title: str, body: str) -> None:
    assert _signals(nlp, title, body).conflicts == ()


def test_sample_headline_crediting_xi_with_regret_is_flagged(nlp) -> None:
    path = require_shared("samples", "003_7962d71c0f30091b.txt")
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    title = lines[1]
    assert "Xi admits" in title
    signals = _signals(nlp, title, "\n\n".join(lines[3:]))
    assert signals.score >= 0.5
    assert "CRUMBLING" in signals.drivers and "nightmarish" in signals.drivers
    assert [c.body_speaker for c in signals.conflicts] == ["Wang Yi"]
    assert signals.conflicts[0].claim == "regret"
    assert "Xi" in signals.conflicts[0].headline_person
