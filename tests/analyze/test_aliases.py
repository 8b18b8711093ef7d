"""One person across the corpus: which per-article keys are merged, and which stay apart."""

from __future__ import annotations

import pytest

from newsprism.analyze.aliases import NameRow, corpus_aliases


def _rows(*rows: tuple[str, int]) -> list[NameRow]:
    return [NameRow(key, key.split(":")[1].replace("-", " ").title(), n) for key, n in rows]


def test_a_bare_surname_joins_the_full_name_most_articles_use() -> None:
    aliases = corpus_aliases(
        _rows(("person:joe-biden", 58), ("person:biden", 29), ("person:hunter-biden", 3))
    )
    assert aliases["person:biden"] == "person:joe-biden"
    assert aliases["person:hunter-biden"] == "person:hunter-biden"


def test_relatives_stay_apart_and_a_bare_surname_goes_to_the_dominant_one() -> None:
    aliases = corpus_aliases(
        _rows(
            ("person:donald-trump", 57),
            ("person:trump", 37),
            ("person:ivanka-trump", 6),
            ("person:eric-trump", 2),
            ("person:donald-trump-jr", 4),
        )
    )
    assert aliases["person:trump"] == "person:donald-trump"
    assert aliases["person:ivanka-trump"] == "person:ivanka-trump"
    assert aliases["person:eric-trump"] == "person:eric-trump"
    assert aliases["person:donald-trump-jr"] == "person:donald-trump-jr"


def test_an_ambiguous_surname_stays_its_own_row() -> None:
    aliases = corpus_aliases(
        _rows(("person:ted-kennedy", 10), ("person:joe-kennedy", 9), ("person:kennedy", 5))
    )
    assert aliases["person:kennedy"] == "person:kennedy"


@pytest.mark.parametrize(
    ("variant", "full"),
    [
        ("person:joseph-r-biden", "person:joseph-biden"),
        ("person:hillary-rodham-clinton", "person:hillary-clinton"),
        ("person:chris-christie", "person:christopher-christie"),
    ],
)
def test_middle_names_initials_and_short_first_names_are_one_person(
    variant: str, full: str
) -> None:
    aliases = corpus_aliases(_rows((full, 20), (variant, 5)))
    assert aliases[variant] == full


def test_a_bare_given_name_joins_the_one_full_name_with_it() -> None:
    aliases = corpus_aliases(_rows(("person:bernie-sanders", 40), ("person:bernie", 4)))
    assert aliases["person:bernie"] == "person:bernie-sanders"


def test_organisations_are_not_merged() -> None:
    aliases = corpus_aliases(_rows(("org:biden-campaign", 5), ("person:joe-biden", 9)))
    assert aliases["org:biden-campaign"] == "org:biden-campaign"


def test_a_formal_name_with_jr_is_the_short_name_when_never_beside_it() -> None:
    rows = _rows(
        ("person:joe-biden", 30),
        ("person:joseph-r-biden-jr", 9),
        ("person:donald-trump", 50),
        ("person:donald-trump-jr", 4),
    )
    # Articles that name both keys as two people: a son beside his father.
    shared = {frozenset({"person:donald-trump", "person:donald-trump-jr"}): 3}

    def together(a: str, b: str) -> int:
        return shared.get(frozenset({a, b}), 0)

    aliases = corpus_aliases(rows, together)
    assert aliases["person:joseph-r-biden-jr"] == "person:joe-biden"
    assert aliases["person:donald-trump-jr"] == "person:donald-trump-jr"
    # Without knowing which articles name whom, a suffix keeps a name apart.
    assert corpus_aliases(rows)["person:joseph-r-biden-jr"] == "person:joseph-r-biden-jr"


def test_a_bare_given_name_goes_to_the_one_whose_relative_is_named_beside_it() -> None:
    rows = _rows(
        ("person:bill-clinton", 90),
        ("person:hillary-clinton", 600),
        ("person:bill-de-blasio", 7),
        ("person:bill-kristol", 20),
        ("person:bill-oreilly", 15),
        ("person:bill", 12),
    )

    def together(a: str, b: str) -> int:
        return 9 if {a, b} == {"person:bill", "person:hillary-clinton"} else 0

    assert corpus_aliases(rows, together)["person:bill"] == "person:bill-clinton"
    # Nothing written beside it: no Bill is sure enough.
    assert corpus_aliases(rows)["person:bill"] == "person:bill"


def test_middle_names_that_differ_are_two_people() -> None:
    aliases = corpus_aliases(
        _rows(("person:kim-jong-il", 20), ("person:kim-sun-il", 2), ("person:kim-il", 3))
    )
    assert aliases["person:kim-sun-il"] == "person:kim-sun-il"
    # One middle name left out is the same person.
    aliases = corpus_aliases(
        _rows(("person:hillary-clinton", 20), ("person:hillary-rodham-clinton", 2))
    )
    assert aliases["person:hillary-rodham-clinton"] == "person:hillary-clinton"


def test_a_short_given_name_beside_a_relative_is_the_relative_s_family_member() -> None:
    rows = _rows(
        ("person:james-foley", 75),
        ("person:diane-foley", 9),
        ("person:jim", 12),
        ("person:jim-watson", 3),
    )
    # "We have never been prouder of our son Jim": the articles that say "Jim" name his mother.
    shared = {frozenset({"person:jim", "person:diane-foley"}): 8}

    def together(a: str, b: str) -> int:
        return shared.get(frozenset({a, b}), 0)

    assert corpus_aliases(rows, together)["person:jim"] == "person:james-foley"
    assert corpus_aliases(rows)["person:jim"] == "person:jim"
