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
