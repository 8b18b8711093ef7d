"""Names spaCy tags as people that are places, platforms or publications; glued names."""

from __future__ import annotations

import pytest

from newsprism.analyze.entities import extract_entities
from newsprism.analyze.kinds import glued_end, person_kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Kyiv", "GPE"),
        ("Kiev", "GPE"),
        ("Philadelphia", "GPE"),
        ("Twitter", "ORG"),
        ("Email", "ORG"),
        ("Gazette", "ORG"),
        ("Dow Chemical", "ORG"),
        ("Fox News", "ORG"),
        ("App Store", "FAC"),
        ("Play Store", "FAC"),
        ("Bernie Sanders", "PERSON"),
        ("Carson", "PERSON"),
        ("Warren", "PERSON"),
        ("Pence", "PERSON"),
    ],
)
def test_what_a_name_tagged_person_is(name: str, kind: str) -> None:
    assert person_kind(name) == kind


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kristi NoemKristi Lynn NoemSouth Dakota", "Kristi Noem"),
        ("Mitch McConnell", "Mitch McConnell"),
        ("Ron DeSantis", "Ron DeSantis"),
        ("JoAnne Kloppenburg", "JoAnne Kloppenburg"),
        ("Beto O'Rourke", "Beto O'Rourke"),
    ],
)
def test_a_glued_name_is_cut_where_the_next_begins(text: str, name: str) -> None:
    assert text[: glued_end(text)] == name


def test_a_platform_in_an_article_is_not_a_person(nlp) -> None:
    doc = nlp(
        "Twitter suspended the account on Monday. Senator Ana Ruiz said Twitter had acted"
        " too late, and Twitter declined to comment."
    )
    labels = {e.name: e.label for e in extract_entities(doc)}
    assert labels.get("Twitter", "ORG") != "PERSON"
    assert labels["Ana Ruiz"] == "PERSON"


def test_a_family_and_a_building_are_not_people(nlp) -> None:
    doc = nlp(
        "The Clintons arrived late. Hillary Clinton spoke first and Bill Clinton waved from"
        " the stage before the crowd moved on to Trump Tower."
    )
    labels = {e.name: e.label for e in extract_entities(doc)}
    assert labels.get("Clintons") != "PERSON"
    assert labels.get("Trump Tower") != "PERSON"
    assert labels["Hillary Clinton"] == labels["Bill Clinton"] == "PERSON"
