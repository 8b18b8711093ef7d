"""Speakers a reader would agree with: interviews, "he also said", people who speak for an
organisation, and subjects the parse hides behind an aside. All text written for these tests."""

from __future__ import annotations

import pytest

from newsprism.analyze.entities import extract_entities
from newsprism.analyze.quotes import extract_quotes
from newsprism.model import Quote

INTERVIEW = (
    "Governor Lena Marsh sat down with the Harbor Ledger's Tom Ellery on Tuesday to talk "
    "about the port strike and the state budget.\n\n"
    "Q: Will you send the National Guard to the docks?\n\n"
    "A: No. The dockworkers have every right to strike, and I will not use soldiers against "
    "them.\n\n"
    "Q: The Port Authority says the strike costs $40 million a day. Is that right?\n\n"
    "A: The Port Authority always says that. The real figure is lower, and we will publish "
    "it.\n\n"
    "Ellery: Will you run again next year?\n\n"
    "Marsh: Ask me again in the spring."
)


def _quotes(nlp, text: str) -> tuple[Quote, ...]:
    doc = nlp(text)
    return extract_quotes(doc, extract_entities(doc))


def _holding(quotes: tuple[Quote, ...], words: str) -> Quote:
    hits = [q for q in quotes if words in q.content.text]
    assert hits, f"no quote holds {words!r}: {[q.content.text for q in quotes]}"
    return min(hits, key=lambda q: len(q.content.text))


@pytest.mark.parametrize(
    ("words", "name"),
    [
        ("send the National Guard", "Tom Ellery"),
        ("Is that right", "Tom Ellery"),
        ("Will you run again", "Tom Ellery"),
        ("every right to strike", "Lena Marsh"),
        ("The real figure is lower", "Lena Marsh"),
        ("Ask me again in the spring", "Lena Marsh"),
    ],
)
def test_questions_are_the_interviewers_and_answers_the_interviewees(
    nlp, words: str, name: str
) -> None:
    """Regression: an "A:" answer went to the organisation last named before it (its name
    holds the letter "a"), a "Q:" question to nobody, "Ellery:" to a bare surname."""
    quote = _holding(_quotes(nlp, INTERVIEW), words)
    assert quote.speaker_name == name
    assert quote.speaker_key is not None and quote.speaker_key.startswith("person:")


def test_an_unnamed_interviewers_questions_are_still_not_the_answer_givers(nlp) -> None:
    text = (
        "The Port Authority fined the union on Monday. Dock manager Ruth Abara answered our "
        "questions by phone.\n\n"
        "Q: Why did the Port Authority fine the union?\n\n"
        "A: Because the contract says strikes must be announced a week ahead."
    )
    quotes = _quotes(nlp, text)
    question = _holding(quotes, "Why did the Port Authority")
    assert question.speaker_name == "the interviewer"
    answer = _holding(quotes, "strikes must be announced")
    assert answer.speaker_name == "Ruth Abara"
    assert answer.speaker_key is None or not answer.speaker_key.startswith("org:")


def test_he_also_said_goes_to_the_person_the_passage_is_about(nlp) -> None:
    """Not to the man quoted in between: the passage is about the mayor."""
    text = (
        "Mayor Tom Brandt unveiled the harbour plan on Monday.\n\n"
        "Brandt said the city would borrow $30 million. \u201cThis is the biggest investment "
        "in a generation,\u201d said council member Paul Ortiz, who backs the plan.\n\n"
        "He also said the first ships would dock in 2026."
    )
    quote = _holding(_quotes(nlp, text), "the first ships would dock")
    assert quote.speaker_name == "Tom Brandt"


def test_he_also_said_in_a_new_speakers_paragraph_is_that_speakers(nlp) -> None:
    """The passage is the pronoun's own paragraph first: there the senator speaks."""
    text = (
        "Governor Tom Marsh attacked the budget on Monday. Marsh said it was reckless.\n\n"
        "Senator Paul Drake, speaking in Dover, said the budget would pass. He also said the "
        "vote would come in May."
    )
    quote = _holding(_quotes(nlp, text), "the vote would come in May")
    assert quote.speaker_name == "Paul Drake"


@pytest.mark.parametrize(
    "sentence",
    [
        "The company's lawyers said the fine was unlawful and would be appealed.",
        "A company spokeswoman said the fine was unlawful and would be appealed.",
    ],
)
def test_the_companys_lawyers_speak_for_the_company_not_its_owner(nlp, sentence: str) -> None:
    text = (
        "Halvorsen Chemicals, the fertiliser maker owned by Donald Halvorsen, was fined "
        f"$2 million on Monday.\n\n{sentence}"
    )
    quote = _holding(_quotes(nlp, text), "the fine was unlawful")
    assert quote.speaker_name == "Halvorsen Chemicals"
    assert quote.speaker_key is not None and quote.speaker_key.startswith("org:")


def test_a_who_aside_does_not_hide_who_is_speaking(nlp) -> None:
    """Guards the aside rule; this sentence the model parses right on its own, the PolNeAR
    cases the rule mends it hung on the aside's last noun."""
    text = (
        "Mara Lind, who has run the ferry company since 2009, said the levy would push "
        "islanders off the boats."
    )
    quote = _holding(_quotes(nlp, text), "push islanders off the boats")
    assert quote.speaker is not None and "Lind" in quote.speaker.text


def test_a_statement_under_a_line_ending_in_a_colon_is_that_lines_subjects(nlp) -> None:
    text = (
        "In response to the loss of life, the harbour master Ines Varga issued the following "
        "statement:\n\n"
        "\u201cOur thoughts are with all those affected by the collision in the channel. "
        "This cannot happen again.\u201d"
    )
    quote = _holding(_quotes(nlp, text), "Our thoughts are with all those")
    assert quote.speaker_name == "Ines Varga"


def test_a_question_put_by_a_host_is_the_hosts(nlp) -> None:
    text = (
        "On Sunday, Lind was asked by radio host Omar Nasser whether the ferry levy would "
        "survive the winter."
    )
    quote = _holding(_quotes(nlp, text), "the ferry levy would survive")
    assert quote.speaker is not None and "Omar Nasser" in quote.speaker.text


def test_a_share_of_respondents_speaks_through_its_poll(nlp) -> None:
    text = "Some 40 percent of voters in a recent Ledger poll said they would back the ferry levy."
    quote = _holding(_quotes(nlp, text), "they would back the ferry levy")
    assert quote.speaker is not None and "poll" in quote.speaker.text


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Three of the nine judges on the panel wanted to send the case back to the lower "
            "court, the ruling shows.",
            "Three of the nine judges on the panel",
        ),
        (
            "Most of the growers in the valley said the frost had cost them half the harvest.",
            "Most of the growers in the valley",
        ),
    ],
)
def test_a_count_of_a_group_speaks_with_its_group(nlp, text: str, speaker: str) -> None:
    quotes = _quotes(nlp, text)
    assert quotes, text
    assert quotes[0].speaker is not None and quotes[0].speaker.text == speaker
