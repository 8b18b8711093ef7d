"""Article text cut into marked pieces; the linked sentence is found whole."""

from __future__ import annotations

from story_builders import dam_story

from newsprism.web.highlight import marked_paragraphs, target_sentence


def test_quotes_speakers_figures_and_dates_are_marked_and_text_kept_whole() -> None:
    articles, analyses, _ = dam_story()
    herald, analysis = articles[0], analyses[0]
    paragraphs = marked_paragraphs(herald, analysis)
    assert ["".join(p.text for p in pieces) for pieces in paragraphs] == list(herald.paragraphs)
    marks = {m for pieces in paragraphs for p in pieces for m in p.marks}
    assert {"quote", "figure", "date"} <= marks
    three = next(p for pieces in paragraphs for p in pieces if p.text == "Three people")
    assert three.marks == ("figure",) and "3 people" in three.notes[0]


def test_the_target_is_the_whole_sentence_around_the_cited_words() -> None:
    articles, analyses, _ = dam_story()
    wire = articles[1]
    start = wire.body.index("Five people")
    span = target_sentence(wire.body, start, start + len("Five people"))
    assert span is not None
    sentence = wire.body[span[0] : span[1]]
    assert sentence.startswith("Five people died") and "emergency office said" in sentence
    pieces = [p for para in marked_paragraphs(wire, analyses[1], span) for p in para if p.target]
    assert "".join(p.text for p in pieces).strip() == sentence.strip()
    assert target_sentence(wire.body, 5, 99999) is None
