"""Direct quotes: where a quotation ends, which quoted paragraphs are one quote, who said it."""

from __future__ import annotations

from newsprism.analyze.entities import extract_entities
from newsprism.analyze.quotes import extract_quotes
from newsprism.model import Quote


def _quotes(nlp, text: str) -> tuple[Quote, ...]:
    doc = nlp(text)
    return extract_quotes(doc, extract_entities(doc))


def test_a_quoted_paragraph_with_its_own_cue_is_a_quote_of_its_own(nlp) -> None:
    # Its speaker follows the cue ("added a councillor"), which the parse does not make
    # the verb's subject: it is still not the previous quote running on.
    text = (
        "“The levy is dead,” Mara Lind told the council on Tuesday.\n\n"
        "“We will find the money somewhere else, and we will start this week,” added"
        " a councillor from the north."
    )
    quotes = _quotes(nlp, text)
    second = [q for q in quotes if "find the money" in q.content.text]
    assert len(second) == 1, [q.content.text for q in quotes]
    assert "The levy is dead" not in second[0].content.text
    assert second[0].speaker is not None and second[0].speaker.text == "a councillor"


def test_a_quote_split_by_a_long_attribution_is_one_quote(nlp) -> None:
    text = (
        "“Facts may be losing their value in today’s world,” said Robert Mason, a professor"
        " at the University of Eastbrook who has studied how false reports spread for more"
        " than two decades. “If you say it loud enough, people will believe it.”"
    )
    quotes = _quotes(nlp, text)
    joined = [q for q in quotes if "Facts may be losing" in q.content.text]
    assert len(joined) == 1 and "people will believe it" in joined[0].content.text
    assert joined[0].speaker_name == "Robert Mason"
    assert len(quotes) == 1, [q.content.text for q in quotes]


def test_a_word_of_the_quotation_parsed_as_subject_gives_way_to_the_name_before_the_cue(
    nlp,
) -> None:
    quotes = _quotes(nlp, "“My apologies, I’m sorry,” Quick said after a back-and-forth.")
    quote = [q for q in quotes if "My apologies" in q.content.text]
    assert quote and quote[0].speaker is not None and quote[0].speaker.text == "Quick"
