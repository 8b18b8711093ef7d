"""Stances told by a noun ("his support for", "attacks on", "her decision to", "the claim
that") or an adjective ("is eager to", "wary of", "critical of")."""

from __future__ import annotations

import pytest

from newsprism.analyze.entities import extract_entities
from newsprism.analyze.quotes import extract_quotes
from newsprism.model import Quote


def _quotes(nlp, text: str) -> tuple[Quote, ...]:
    doc = nlp(text)
    return extract_quotes(doc, extract_entities(doc))


def test_an_owned_stance_is_attributed_to_its_owner(nlp) -> None:
    quotes = _quotes(nlp, "Gordon Ashby’s attacks on the port authority have grown sharper.")
    attacks = [q for q in quotes if q.content.text == "the port authority"]
    assert attacks and attacks[0].speaker_name == "Gordon Ashby"
    assert attacks[0].cue is not None and attacks[0].cue.text == "attacks"


def test_their_support_goes_to_the_clause_subject(nlp) -> None:
    quotes = _quotes(
        nlp, "The Harbour Party leaders have signalled their support for the ferry levy delay."
    )
    support = [q for q in quotes if q.content.text == "the ferry levy delay"]
    assert support and support[0].speaker is not None
    assert "Harbour Party leaders" in support[0].speaker.text


def test_a_decision_reports_what_was_decided_with_its_negation(nlp) -> None:
    quotes = _quotes(
        nlp, "Mara Lind spoke on Monday. Her decision not to attend the final debate hurt her."
    )
    decided = [q for q in quotes if q.content.text == "not to attend the final debate"]
    assert decided, [q.content.text for q in quotes]
    assert decided[0].speaker_name == "Mara Lind"


def test_support_without_an_owner_is_no_ones_stance(nlp) -> None:
    quotes = _quotes(nlp, "Support for Mara Lind among students rose to 40 percent.")
    assert not any("Mara Lind" in q.content.text for q in quotes)


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Mara Lind is eager to move on from the levy fight.", "to move on", "Mara Lind"),
        ("Harbour Party members are wary of a contested vote.", "a contested vote", "members"),
        ("Gordon Ashby is confident that the port will reopen.", "the port will reopen", "Ashby"),
    ],
)
def test_a_stance_told_by_an_adjective_is_its_subjects(
    nlp, text: str, content: str, speaker: str
) -> None:
    quotes = _quotes(nlp, text)
    held = [q for q in quotes if content in q.content.text]
    assert held, [q.content.text for q in quotes]
    assert held[0].speaker is not None and speaker in held[0].speaker.text


def test_an_adjective_that_holds_no_stance_reports_nothing(nlp) -> None:
    assert not _quotes(nlp, "The harbour was quiet and the ferries were ready to sail at dawn.")


def test_a_claim_that_is_what_was_claimed_by_its_owner(nlp) -> None:
    quotes = _quotes(nlp, "The council heard Lind's complaint that the ferry levy was unfair.")
    claimed = [q for q in quotes if "the ferry levy was unfair" in q.content.text]
    assert claimed, [q.content.text for q in quotes]
    assert claimed[0].content.text.startswith("that the ferry levy")
    assert claimed[0].speaker is not None and "Lind" in claimed[0].speaker.text


def test_a_claim_after_a_preposition_is_held_by_the_subject_of_its_verb(nlp) -> None:
    quotes = _quotes(
        nlp,
        "Mayor Lena Ortiz stirred anger last spring with an assertion that the flood maps"
        " were out of date.",
    )
    claimed = [q for q in quotes if "the flood maps were out of date" in q.content.text]
    assert claimed, [q.content.text for q in quotes]
    assert claimed[0].speaker_name == "Lena Ortiz"


@pytest.mark.parametrize(
    ("text", "said", "cue"),
    [
        (
            "Mara Lind made the case that the harbour levy would pass easily.",
            "that the harbour levy would pass easily",
            "case",
        ),
        ("The mayor took aim at the harbour board on Monday.", "the harbour board", "aim"),
        ("Gordon Ashby made no mention of the ferry strike.", "the ferry strike", "mention"),
    ],
)
def test_a_light_verb_and_its_noun_of_speech_say_something(
    nlp, text: str, said: str, cue: str
) -> None:
    quotes = _quotes(nlp, text)
    found = [q for q in quotes if q.content.text == said]
    assert found, [q.content.text for q in quotes]
    assert found[0].cue is not None and found[0].cue.text == cue
    assert found[0].speaker is not None


def test_a_light_verb_with_a_noun_of_no_speech_says_nothing(nlp) -> None:
    # "made a cake for" and "took a photo of" carry no one's words.
    quotes = _quotes(nlp, "Mara Lind made a cake for the harbour board and took a photo of it.")
    assert not quotes, [q.content.text for q in quotes]
