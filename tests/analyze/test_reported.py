"""Reported speech where the small model's parse goes wrong: sentences run over a paragraph
break, a clause parsed as the object of "say", verbs the lemmatizer cuts short."""

from __future__ import annotations

import pytest

from newsprism.analyze.entities import extract_entities
from newsprism.analyze.quotes import extract_quotes
from newsprism.model import Quote


def _quotes(nlp, text: str) -> tuple[Quote, ...]:
    doc = nlp(text)
    return extract_quotes(doc, extract_entities(doc))


def test_a_sentence_parsed_over_a_paragraph_break_reports_its_own_clause(nlp) -> None:
    text = (
        "“A lot of people who are shouting have no answers,” said Dana Whitlock, a committee"
        " member from Ohio. “They say there’s a problem, but they don’t have a plan.”\n\n"
        "Pruitt, for example, said he’s hopeful that the effort ends with Mara Lind winning"
        " the vote."
    )
    quotes = _quotes(nlp, text)
    hopeful = [q for q in quotes if "he’s hopeful that the effort ends" in q.content.text]
    assert hopeful, [q.content.text for q in quotes]
    assert "Pruitt" not in hopeful[0].content.text
    assert hopeful[0].speaker is not None and hopeful[0].speaker.text == "Pruitt"
    # The previous paragraph's words are not what Pruitt said.
    assert not any(q.content.text == "Pruitt" for q in quotes)


def test_what_someone_says_is_a_clause_even_when_parsed_as_an_object(nlp) -> None:
    quotes = _quotes(
        nlp,
        "Gordon Ashby says the rise in turnout that organisers predicted makes a runoff unlikely.",
    )
    said = [q for q in quotes if "makes a runoff unlikely" in q.content.text]
    assert said and said[0].speaker_name == "Gordon Ashby"
    assert "the rise in turnout" in said[0].content.text


def test_hopes_and_hoping_are_cues(nlp) -> None:
    quotes = _quotes(
        nlp,
        "Senator Mara Lind hopes to win the nomination in July. Her rival was hoping that"
        " voters would stay home.",
    )
    texts = [q.content.text for q in quotes]
    assert any("win the nomination in July" in t for t in texts), texts
    assert any("voters would stay home" in t for t in texts), texts


def test_a_question_asked_is_what_was_asked(nlp) -> None:
    quotes = _quotes(nlp, "Asked if he would ever quit the race, the Republican candidate said no.")
    asked = [q for q in quotes if q.content.text == "if he would ever quit the race"]
    assert asked, [q.content.text for q in quotes]
    # The candidate was asked; who asked is not said.
    assert asked[0].speaker is None


def test_a_headline_name_and_colon_is_a_speaker_even_tagged_a_noun(nlp) -> None:
    text = (
        "Ashby: My housing plans aren't set in stone.\n\n"
        "Gordon Ashby says parts of his housing proposals are negotiable."
    )
    quotes = _quotes(nlp, text)
    headline = [q for q in quotes if q.content.text.startswith("My housing plans")]
    assert headline, [q.content.text for q in quotes]
    assert headline[0].speaker is not None and headline[0].speaker.text == "Ashby"


def test_a_second_that_clause_is_part_of_what_was_claimed(nlp) -> None:
    quotes = _quotes(
        nlp,
        "Gordon Ashby claims he was the only one punished for the spill, and that his firing"
        " was improper.",
    )
    claimed = [q for q in quotes if "he was the only one punished" in q.content.text]
    assert claimed and "his firing was improper" in claimed[0].content.text


def test_the_second_of_two_verbs_parsed_under_the_first_keeps_the_subject(nlp) -> None:
    quotes = _quotes(
        nlp,
        "Gordon Ashby further summed up the levy as “unfair,” denounced the council's record on"
        " ferries and said the islanders should not pay twice.",
    )
    said = [q for q in quotes if q.content.text == "the islanders should not pay twice"]
    assert said and said[0].speaker_name == "Gordon Ashby"


def test_a_subject_on_the_verbs_own_line_beats_one_a_paragraph_earlier(nlp) -> None:
    quotes = _quotes(
        nlp,
        "Dock workers rallied outside the harbour office on Friday.\n\n"
        "Not surprisingly, Harbour Party leader Mara Lind supports the proposal.",
    )
    supports = [q for q in quotes if q.content.text == "the proposal"]
    assert supports and supports[0].speaker_name == "Mara Lind"


def test_what_was_said_starts_at_its_that(nlp) -> None:
    # PolNeAR's Content starts at the complementizer: without it a short clause is under
    # 0.8 of the gold span.
    quotes = _quotes(nlp, "Mayor Ilse Brandt said that the bridge would reopen in May.")
    assert [q.content.text for q in quotes] == ["that the bridge would reopen in May"]
    assert quotes[0].speaker_name == "Ilse Brandt"


def test_what_is_expected_of_someone_holds_its_subject_and_no_speaker(nlp) -> None:
    quotes = _quotes(nlp, "Senator Mara Lind is expected to endorse the harbour plan on Friday.")
    expected = [q for q in quotes if "to endorse the harbour plan" in q.content.text]
    assert expected, [q.content.text for q in quotes]
    assert expected[0].content.text.startswith("Senator Mara Lind")
    assert expected[0].speaker is None


def test_what_was_condemned_runs_to_the_end_of_its_clause(nlp) -> None:
    # PolNeAR's Content of "condemned X for Y" is "X for Y", not X alone.
    quotes = _quotes(nlp, "Mayor Ilse Brandt condemned the harbour board for its secret vote.")
    condemned = [q for q in quotes if "the harbour board" in q.content.text]
    assert condemned, [q.content.text for q in quotes]
    assert condemned[0].content.text == "the harbour board for its secret vote"
    assert condemned[0].speaker_name == "Ilse Brandt"


def test_a_clause_the_parse_hangs_on_the_cue_is_part_of_what_was_said(nlp) -> None:
    quotes = _quotes(
        nlp,
        "Ilse Brandt said she had read the report, and the council was still studying it on"
        " Saturday.",
    )
    said = [q for q in quotes if "she had read the report" in q.content.text]
    assert said and said[0].content.text.endswith("still studying it on Saturday")


def test_a_second_cue_hung_on_the_first_reports_on_its_own(nlp) -> None:
    quotes = _quotes(
        nlp, "Ilse Brandt said the bridge was safe, and added that it would reopen in May."
    )
    texts = [q.content.text for q in quotes]
    assert any(t.startswith("the bridge was safe") and "reopen" not in t for t in texts), texts


def test_the_clause_after_said_is_what_was_said(nlp) -> None:
    # The parse also hangs the words before "he said" on it, as a second clause.
    quotes = _quotes(
        nlp,
        "Keyworth was one of the more trusted minds on the board, and he was so fired up about"
        " the deal he said she should call the chief executive right away.",
    )
    texts = [q.content.text for q in quotes]
    assert "she should call the chief executive right away" in texts, texts


def test_a_clause_parsed_as_two_is_one_report(nlp) -> None:
    quotes = _quotes(
        nlp,
        "But 16 percent of registered voters still say they don’t yet know enough about Lind"
        " to form an opinion.",
    )
    texts = [q.content.text for q in quotes]
    assert "they don’t yet know enough about Lind to form an opinion" in texts, texts


def test_a_speaker_the_parse_hangs_on_the_verb_as_a_clause_still_speaks(nlp) -> None:
    quotes = _quotes(
        nlp,
        "Jeffrey Salkin, a Hollywood, Fla., rabbi helping to organize the boycott, said he and"
        " other rabbis were alarmed about the candidate's rhetoric.",
    )
    said = [q for q in quotes if "other rabbis were alarmed" in q.content.text]
    assert said and said[0].speaker_name == "Jeffrey Salkin"


def test_endorsing_someone_is_an_attribution_however_short(nlp) -> None:
    quotes = _quotes(nlp, "Mayor Ilse Brandt endorsed Ashby.")
    assert any(q.content.text == "Ashby" for q in quotes), [q.content.text for q in quotes]


def test_who_was_criticized_is_what_the_passive_reports(nlp) -> None:
    quotes = _quotes(
        nlp, "Mayor Ilse Brandt was criticized by Gordon Ashby for closing the bridge."
    )
    passive = [q for q in quotes if "for closing the bridge" in q.content.text]
    assert passive and passive[0].content.text.startswith("Mayor Ilse Brandt")
    assert passive[0].speaker_name == "Gordon Ashby"
    seen = _quotes(nlp, "The harbour board is seen as close to the mayor.")
    assert [q.content.text for q in seen] == ["The harbour board is seen as close to the mayor"]
    assert seen[0].speaker is None


def test_who_is_likely_to_say_is_the_speaker(nlp) -> None:
    # "to say" hangs on an adjective, not on a verb with a subject: the subject before it.
    quotes = _quotes(
        nlp, "Older voters were slightly more likely to say that Lind represents their views."
    )
    said = [q for q in quotes if "Lind represents their views" in q.content.text]
    assert said and said[0].speaker is not None and said[0].speaker.text == "Older voters"


@pytest.mark.parametrize(
    "text",
    [
        "Party officials made clear Monday they have no plans to spend money on the race.",
        "Party officials made it clear that they have no plans to spend money on the race.",
    ],
)
def test_what_someone_made_clear_is_what_they_said(nlp, text: str) -> None:
    quotes = _quotes(nlp, text)
    clear = [q for q in quotes if "no plans to spend money" in q.content.text]
    assert clear, [q.content.text for q in quotes]
    assert clear[0].speaker is not None and clear[0].speaker.text == "Party officials"


def test_what_was_called_for_runs_to_the_end_of_its_clause(nlp) -> None:
    quotes = _quotes(nlp, "Mayor Ilse Brandt called for a ban on night flights in her speech.")
    called = [q for q in quotes if q.content.text.startswith("a ban on night flights")]
    assert called and called[0].content.text.endswith("in her speech")


def test_what_someone_calls_something_is_what_they_said(nlp) -> None:
    quotes = _quotes(
        nlp, "Mara Lind won the vote and ended what she calls corruption in the harbour board."
    )
    called = [q for q in quotes if q.content.text.startswith("what she calls corruption")]
    assert called and called[0].speaker_name == "Mara Lind"


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "Mayor Dana Whitlock endorsed Gordon Ashby on Monday, saying he would bring order"
            " to the council budget.",
            "Gordon Ashby on Monday",
            "he would bring order to the council budget",
        ),
        (
            "The union backed the strike in March, arguing that wages had fallen behind prices.",
            "the strike in March",
            "that wages had fallen behind prices",
        ),
    ],
)
def test_a_second_cue_after_what_the_first_reports_is_a_report_of_its_own(
    nlp, text: str, first: str, second: str
) -> None:
    # "endorsed X, saying Y": X is what was endorsed, Y what was said; neither holds the other.
    texts = [q.content.text for q in _quotes(nlp, text)]
    assert first in texts, texts
    assert second in texts, texts


def test_what_was_reported_by_someone_is_theirs(nlp) -> None:
    quotes = _quotes(nlp, "The harbour deal was first reported by the Northern Ledger.")
    reported = [q for q in quotes if q.content.text == "The harbour deal"]
    assert reported, [q.content.text for q in quotes]
    assert reported[0].speaker is not None and reported[0].speaker.text == "the Northern Ledger"


def test_someone_asked_by_reporters_is_not_what_they_reported(nlp) -> None:
    quotes = _quotes(nlp, "The mayor was asked by reporters about the ferry levy.")
    assert not any(q.content.text.startswith("The mayor") for q in quotes)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "Councillor Mara Lind stressed the need for a second ferry.",
            "the need for a second ferry",
        ),
        (
            "Gordon Ashby tweeted a photograph of the flooded harbour road.",
            "a photograph of the flooded harbour road",
        ),
        (
            "The mayor reiterated her support for the ferry levy.",
            "her support for the ferry levy",
        ),
    ],
)
def test_what_a_verb_of_saying_has_as_its_object_is_what_was_said(
    nlp, text: str, said: str
) -> None:
    texts = [q.content.text for q in _quotes(nlp, text)]
    assert said in texts, texts


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "Gordon Ashby pointed to the council's record on housing.",
            "the council's record on housing",
        ),
        ("The mayor spoke about the need for a second ferry.", "the need for a second ferry"),
        (
            "Mara Lind railed against the harbour deal at a rally on Friday.",
            "the harbour deal at a rally on Friday",
        ),
    ],
)
def test_what_a_verb_of_saying_has_after_its_own_preposition_is_what_was_said(
    nlp, text: str, said: str
) -> None:
    texts = [q.content.text for q in _quotes(nlp, text)]
    assert said in texts, texts


def test_where_and_when_someone_spoke_is_not_what_they_said(nlp) -> None:
    assert not _quotes(nlp, "The mayor spoke on Friday at the harbour.")


def test_a_clause_that_opens_with_a_gerund_is_what_was_said(nlp) -> None:
    # The small model parses "keeping ..." as an infinitive of "said", not a clause.
    quotes = _quotes(nlp, "She said keeping the ferry running costs the town too much.")
    texts = [q.content.text for q in quotes]
    assert "keeping the ferry running costs the town too much" in texts, texts
