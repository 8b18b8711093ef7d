"""Whom a name means, article by article: a surname several people share goes to the one its
story names, else the one its weeks name, and stays the surname where they name several."""

from __future__ import annotations

from datetime import date

import pytest

from newsprism.analyze.resolve import MentionRow, resolve_people

_DAY = date(2016, 2, 1).toordinal()


def _row(
    article: str, name: str, story: str | None, day: int | None = _DAY, quotes: int = 0
) -> MentionRow:
    key = "person:" + name.lower().replace(".", "").replace(" ", "-")
    return MentionRow(article, key, name, "PERSON", quotes, story, day)


def _bushes() -> list[MentionRow]:
    # Two stories a few days apart, one about Jeb, one about his brother; both name a "Bush".
    return [
        _row("a1", "Jeb Bush", "jeb"),
        _row("a2", "Jeb Bush", "jeb"),
        _row("a3", "Bush", "jeb"),
        _row("b1", "George W. Bush", "library", _DAY + 3),
        _row("b2", "Bush", "library", _DAY + 3),
    ]


def test_a_shared_surname_goes_to_the_one_its_story_names() -> None:
    people = resolve_people(_bushes())
    assert people[("a3", "person:bush")] == "person:jeb-bush"
    assert people[("b2", "person:bush")] == "person:george-w-bush"
    assert people[("a1", "person:jeb-bush")] == "person:jeb-bush"


def test_a_story_that_names_both_alike_keeps_the_surname() -> None:
    rows = [*_bushes(), _row("c1", "Jeb Bush", "debate"), _row("c2", "George W. Bush", "debate")]
    rows.append(_row("c3", "Bush", "debate"))
    assert resolve_people(rows)[("c3", "person:bush")] == "person:bush"


def test_without_a_story_the_weeks_around_decide() -> None:
    rows = [
        *(_row(f"d{n}", "Donald Trump", f"s{n}", _DAY + n) for n in range(8)),
        _row("i1", "Ivanka Trump", "s-ivanka", _DAY),
        # One article alone in its story says "Trump" before it names Ivanka: the weeks
        # around it are about her father.
        _row("x1", "Trump", "alone", _DAY + 2),
        _row("x1", "Ivanka Trump", "alone", _DAY + 2),
    ]
    people = resolve_people(rows)
    assert people[("x1", "person:trump")] == "person:donald-trump"
    assert people[("x1", "person:ivanka-trump")] == "person:ivanka-trump"


def test_weeks_that_name_two_alike_keep_the_surname() -> None:
    rows = [
        _row("k1", "Charles Koch", "s1"),
        _row("k2", "David Koch", "s2"),
        _row("k3", "Koch", "s3"),
    ]
    assert resolve_people(rows)[("k3", "person:koch")] == "person:koch"


def test_the_weeks_are_the_article_s_own_not_the_corpus() -> None:
    # Jeb is news in 2016, his father in 1990: a "Bush" of 1990 with no story is the father.
    rows = [
        *(_row(f"j{n}", "Jeb Bush", f"j{n}", _DAY + n) for n in range(6)),
        *(_row(f"h{n}", "George H.W. Bush", f"h{n}", _DAY - 9000 + n) for n in range(2)),
        _row("old", "Bush", None, _DAY - 9000),
        _row("undated", "Bush", None, None),
    ]
    people = resolve_people(rows)
    assert people[("old", "person:bush")] == "person:george-hw-bush"
    # Undated and unclustered: the person most of the corpus means.
    assert people[("undated", "person:bush")] == "person:jeb-bush"


def test_a_surname_only_one_person_goes_by_is_that_person_everywhere() -> None:
    rows = [_row("a", "Joe Biden", "s1"), _row("b", "Biden", "s2", _DAY + 200)]
    rows.append(_row("c", "Joseph R. Biden Jr.", "s3"))
    people = resolve_people(rows)
    assert people[("b", "person:biden")] == "person:joe-biden"
    assert people[("c", "person:joseph-r-biden-jr")] == "person:joe-biden"


def test_a_name_never_written_in_full_and_seldom_quoted_is_no_person() -> None:
    rows = [_row(f"v{n}", "Brexit", f"s{n}") for n in range(3)]
    rows += [
        _row("o1", "Barack Obama", "s0"),
        *(_row(f"o{n}", "Obama", f"s{n}") for n in range(2, 6)),
    ]
    rows += [_row(f"q{n}", "Okonkwo", f"q{n}", quotes=int(n < 2)) for n in range(3)]
    # Given a quote once, by the quote finder's slip ("Brexit said").
    rows += [_row(f"w{n}", "Obamacare", f"w{n}", quotes=int(n == 0)) for n in range(3)]
    rows += [_row(f"h{n}", "Hillary", f"h{n}") for n in range(3)]
    people = resolve_people(rows)
    assert people[("v0", "person:brexit")] == "misc:brexit"
    assert people[("o3", "person:obama")] == "person:barack-obama"
    assert people[("w1", "person:obamacare")] == "misc:obamacare"
    # Quoted in two articles: a person, if one the corpus never names in full.
    assert people[("q1", "person:okonkwo")] == "person:okonkwo"
    # A given name is a person's.
    assert people[("h1", "person:hillary")] == "person:hillary"


def test_other_kinds_keep_their_key() -> None:
    row = MentionRow("a", "org:bush-foundation", "Bush Foundation", "ORG", 0, "s", _DAY)
    assert resolve_people([*_bushes(), row])[("a", "org:bush-foundation")] == "org:bush-foundation"


def test_a_first_word_of_a_longer_name_goes_to_it_in_its_article_or_story() -> None:
    rows = [
        _row("j1", "Jihadi Jack", "video"),
        _row("j2", "Jihadi", "video"),  # the story's other article names him in full
        _row("j3", "Jihadi", "video"),
        _row("j3", "Jihadi Jack", "video"),
        _row("j4", "Jihadi", "alone"),  # nothing in its story names anyone it begins
        _row("k1", "Jihadi Joe", "other"),
        _row("k2", "Jihadi Jack", "other"),
        _row("k3", "Jihadi", "other"),  # its story names two: left as written
    ]
    people = resolve_people(rows)
    assert people[("j2", "person:jihadi")] == "person:jihadi-jack"
    assert people[("j3", "person:jihadi")] == "person:jihadi-jack"
    assert people[("j4", "person:jihadi")] == "person:jihadi"
    assert people[("k3", "person:jihadi")] == "person:jihadi"


def test_a_given_name_is_not_taken_for_the_longer_name_it_begins() -> None:
    # "Oscar" beside "Oscar Isaac" may be the award: given names are matched by their
    # relatives (aliases), not by the story.
    rows = [_row("o1", "Oscar Isaac", "film"), _row("o2", "Oscar", "film")]
    assert resolve_people(rows)[("o2", "person:oscar")] == "person:oscar"


def _org(article: str, name: str) -> MentionRow:
    return MentionRow(article, "org:" + name.lower().replace(" ", "-"), name, "ORG", 0, None, _DAY)


def test_a_name_more_articles_write_as_an_organisation_is_that_organisation() -> None:
    # Three articles write "Zor Khadra militants" (an organisation); two took it for a person.
    rows = [*(_org(f"o{n}", "Zor Khadra") for n in range(3))]
    rows += [_row("p1", "Zor Khadra", "s1"), _row("p2", "Zor Khadra", "s2")]
    people = resolve_people(rows)
    assert people[("p1", "person:zor-khadra")] == "org:zor-khadra"


@pytest.mark.parametrize(
    "names",
    [
        # Two articles as an organisation are too few to overrule the person.
        ["Zor Khadra", "Zor Khadra"],
        # A name that begins with a given name is a person spaCy put in a list of names.
        ["Carly Fiorina"] * 4,
    ],
)
def test_a_person_is_kept_where_few_articles_say_otherwise(names: list[str]) -> None:
    rows = [_org(f"o{n}", name) for n, name in enumerate(names)]
    key = "person:" + names[0].lower().replace(" ", "-")
    rows.append(_row("p1", names[0], "s1"))
    assert resolve_people(rows)[("p1", key)] == key
