"""Entities: canonical names per article and corpus-wide keys, on real text."""

from __future__ import annotations

import pytest
from conftest import require_shared

from newsprism.analyze.entities import entity_key, extract_entities


@pytest.mark.parametrize(
    ("name", "label", "key"),
    [
        ("Wang Yi", "PERSON", "person:wang-yi"),
        ("Vladimir Putin", "PERSON", "person:vladimir-putin"),
        ("the Chinese Foreign Ministry", "ORG", "org:chinese-foreign-ministry"),
        ("Zelenskyy’s", "PERSON", "person:zelenskyys"),
        ("São Paulo", "GPE", "place:sao-paulo"),
        ("Ukrainians", "NORP", "group:ukrainians"),
    ],
)
def test_entity_key_is_kind_and_folded_name(name: str, label: str, key: str) -> None:
    assert entity_key(name, label) == key


@pytest.mark.parametrize(
    ("text", "mention", "canonical"),
    [
        (
            "Angela Merkel met the press in Berlin. Later, Mrs Merkel said little. Merkel left.",
            "Merkel",
            "Angela Merkel",
        ),
        (
            "Chinese Foreign Minister Wang Yi spoke on Monday. Mr Wang then flew to Paris.",
            "Wang",
            "Wang Yi",
        ),
        (
            "Senator Elizabeth Warren criticised the bill. Warren's office declined to comment.",
            "Warren",
            "Elizabeth Warren",
        ),
        (
            "President Joe Biden arrived in Warsaw. Mr. Biden met troops there.",
            "Biden",
            "Joe Biden",
        ),
    ],
)
def test_partial_mentions_take_the_full_name(nlp, text: str, mention: str, canonical: str) -> None:
    entities = extract_entities(nlp(text))
    holders = [e for e in entities if any(m.text == mention for m in e.mentions)]
    assert holders, f"{mention!r} not found among {[e.name for e in entities]}"
    assert all(e.name == canonical for e in holders)
    # Titles and possessives are not part of the name as located in the text.
    assert all(not m.text.startswith(("Mr", "Mrs", "Senator")) for e in holders for m in e.mentions)
    assert all(not m.text.endswith("'s") for e in holders for m in e.mentions)


def test_a_title_case_headline_does_not_rename_the_person(nlp) -> None:
    """Regression (HuffPost in PolNeAR): the tagger ran the headline's person into its verb,
    and "Bernie Sanders Suffered" became the name of every Sanders mention in the article
    and a person of its own in the corpus."""
    text = (
        "Maria Lopez Suffered A Big Blow. Here’s Her Plan Now.\n\n"
        "Maria Lopez lost three of the four county primaries on Tuesday. Lopez said she "
        "would stay in the race."
    )
    people = {e.name for e in extract_entities(nlp(text)) if e.label == "PERSON"}
    assert "Maria Lopez" in people
    assert not any("Suffered" in name for name in people)


def test_mentions_are_counted_and_located(nlp) -> None:
    text = "Emmanuel Macron spoke.\n\nMacron then left Paris.\n\nParis was calm."
    doc = nlp(text)
    macron = next(e for e in extract_entities(doc) if e.name == "Emmanuel Macron")
    assert macron.count == 2
    assert [m.paragraph for m in macron.mentions] == [0, 1]
    assert all(text[m.start : m.end] == m.text for m in macron.mentions)


def test_same_person_same_key_across_articles(nlp) -> None:
    first = extract_entities(nlp("Vladimir Putin spoke in Moscow. Putin was angry."))
    second = extract_entities(nlp("Russia's President Vladimir Putin said nothing."))
    keys_first = {e.key for e in first if e.label == "PERSON"}
    keys_second = {e.key for e in second if e.label == "PERSON"}
    assert "person:vladimir-putin" in keys_first & keys_second


@pytest.mark.parametrize(
    ("sample", "surname", "full"),
    [
        ("000_e63656aad12f7183.txt", "Kuleba", "Dmytro Kuleba"),
        ("000_e63656aad12f7183.txt", "Wang", "Wang Yi"),
        ("003_7962d71c0f30091b.txt", "Kuleba", "Dmytro Kuleba"),
        ("003_7962d71c0f30091b.txt", "Wang", "Wang Yi"),
    ],
)
def test_sample_surnames_resolve(nlp, sample: str, surname: str, full: str) -> None:
    text = require_shared("samples", sample).read_text(encoding="utf-8")
    entities = extract_entities(nlp(text))
    person = next(e for e in entities if e.name == full)
    assert person.label == "PERSON"
    assert surname in [m.text for m in person.mentions]
    # No separate entity keeps the bare surname.
    assert surname not in [e.name for e in entities]


def test_a_surname_used_before_a_relative_is_named_is_not_that_relative(nlp) -> None:
    text = (
        "Campaign opens new office\n\n"
        "The campaign opened an office in Ohio on Monday.\n\n"
        "Trump said in an email blast that the office would stay open all year.\n\n"
        "His daughter, Ivanka Trump, said she would visit the office on Friday."
    )
    entities = extract_entities(nlp(text))
    ivanka = next(e for e in entities if e.name == "Ivanka Trump")
    assert all(m.text != "Trump" for m in ivanka.mentions)


def test_a_surname_in_the_headline_is_the_person_the_body_names(nlp) -> None:
    text = (
        "Kuleba asks China to help\n\n"
        "Ukraine's foreign minister Dmytro Kuleba called his Chinese counterpart on Tuesday.\n\n"
        "Kuleba said the call had been useful."
    )
    entities = extract_entities(nlp(text))
    kuleba = next(e for e in entities if e.name == "Dmytro Kuleba")
    assert len(kuleba.mentions) >= 2


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # spaCy tags "Ms Holt" an organisation here; the title says it is a person.
        (
            "Governor Maren Holt chose her words with care. According to Ms Holt, the bank"
            ' could now "afford to take a careful first step".',
            "org:ms-holt",
        ),
    ],
)
def test_a_personal_title_makes_a_person_whatever_the_tag(nlp, text: str, absent: str) -> None:
    entities = extract_entities(nlp(text))
    assert absent not in {e.key for e in entities}
    [holt] = [e for e in entities if e.key == "person:maren-holt"]
    assert len(holt.mentions) == 2


def test_a_family_is_a_group_not_a_person(nlp) -> None:
    doc = nlp("The Koch brothers spent millions. Charles Koch said the network would stay out.")
    kinds = {e.name: e.label for e in extract_entities(doc)}
    assert kinds["Koch brothers"] == "NORP"
    assert kinds["Charles Koch"] == "PERSON"
    assert "Koch" not in kinds


# What the words around a name say it is (`namecues`): sentences written for these tests,
# with names of our own, each a way writers name a group, a publication or a thing, and each
# a name spaCy's small model tags as a person at least once here.
@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Dozens of Tal Warsa militants attacked the border post. Tal Warsa denied it on"
         " Sunday. A spokesman said Tal Warsa had lost no fighters.", "Tal Warsa", "ORG"),
        ("Tal Warsa has not confirmed the truce. Fighting between Tal Warsa and the army went"
         " on. The rebel group Tal Warsa seized the town.", "Tal Warsa", "ORG"),
        ("Local newspaper Dar Hayat said the clinic had closed. Dar Hayat gave no source.",
         "Dar Hayat", "ORG"),
        ("Dar Hayat, an Iraqi newspaper, said the clinic had closed on Monday.",
         "Dar Hayat", "ORG"),
        ("Hal Brody, which first reported the leak, said the offices would move.",
         "Hal Brody", "ORG"),
        ("The suspect is a Yorkshireman from a small town. The Yorkshireman was arrested on"
         " Monday.", "Yorkshireman", "MISC"),
        ("Oscar winner Jane Holloway directs the film. She won an Oscar for her last film.",
         "Oscar", "MISC"),
    ],
)  # fmt: skip
def test_a_name_the_sentence_says_is_no_person_is_not_one(
    nlp, text: str, name: str, label: str
) -> None:
    doc = nlp(text)
    assert any(e.text == name and e.label_ == "PERSON" for e in doc.ents)  # the tagger's slip
    found = {e.name: e.label for e in extract_entities(doc)}
    assert found[name] == label, found


@pytest.mark.parametrize(
    "text",
    [
        "Donald Trump spoke in Ohio. The Trump movement grew, and Trump said he would win.",
        "A Clinton presidency worried donors. Hillary Clinton said Clinton voters would turn out.",
        "Hillary Clinton, who spoke on Monday, said she would win the primary in Ohio.",
    ],
)
def test_a_person_beside_such_words_stays_a_person(nlp, text: str) -> None:
    people = {e.name for e in extract_entities(nlp(text)) if e.label == "PERSON"}
    assert people & {"Donald Trump", "Hillary Clinton"}, people
