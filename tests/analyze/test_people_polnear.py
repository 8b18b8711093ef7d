"""The people check on PolNeAR's 924 real articles: each of the 100 most written-about people is
one row under their full name, and what spaCy mistakes for people is not listed among them."""

from __future__ import annotations

from collections import defaultdict

import pytest
from conftest import require_shared

from newsprism.analyze.aliases import NameRow, corpus_aliases
from newsprism.analyze.entities import extract_entities

# The people in the most PolNeAR articles, read by hand from the merged listing: the first 100
# rows and those tied with the 100th (six articles each), each a real person ("Ian Hanchett"
# is a Breitbart writer named in his bylines).
_TOP = """
Hillary Clinton; Donald Trump; Barack Obama; Bernie Sanders; Ted Cruz; Marco Rubio;
Bill Clinton; John Kasich; Jeb Bush; George W. Bush; Ben Carson; Mitt Romney; Chris Christie;
Ronald Reagan; John McCain; Joe Biden; Paul Ryan; Rand Paul; James Comey; Martin O’Malley;
Mike Huckabee; Corey Lewandowski; Lindsey Graham; Mike Pence; Mitch McConnell; Harry Reid;
John Kerry; Elizabeth Warren; Vladimir Putin; Debbie Wasserman Schultz; Paul Manafort;
Jeff Weaver; Josh Earnest; Megyn Kelly; Tim Kaine; David Axelrod; Loretta Lynch;
Reince Priebus; Huma Abedin; Jennifer Palmieri; Newt Gingrich; Richard Nixon; Antonin Scalia;
Brian Fallon; Chuck Grassley; George H.W. Bush; Kelly Ayotte; Rick Santorum; Robby Mook;
Scott Walker; Angela Merkel; John Podesta; Merrick Garland; Michelle Obama; Rudy Giuliani;
Al Gore; Chelsea Clinton; Chuck Schumer; Jake Sullivan; Jeff Sessions; Jimmy Carter;
Tad Devine; Cheryl Mills; Hope Hicks; Ron Johnson; Abraham Lincoln; Chris Wallace;
Gary Johnson; Hugh Hewitt; Mark Kirk; Pat Toomey; Paul Singer; Ron Paul; Al Sharpton;
Benjamin Netanyahu; Bill de Blasio; Colin Powell; Geoff Garin; George Stephanopoulos;
Glenn Beck; Howard Dean; Janet Yellen; Jason Miller; John Roberts; Michael Bloomberg;
Monica Lewinsky; Nancy Pelosi; Roger Ailes; Trey Gowdy; Andrew Cuomo; Bashar al-Assad;
Chris Stevens; David Petraeus; Ed Rendell; Gonzalo Curiel; Ian Hanchett; Jill Stein;
John F. Kennedy; Laura Bush; Melania Trump; Osama bin Laden; Recep Tayyip Erdogan; Sean Smith;
Sonia Sotomayor; Ted Kennedy; Tim Canova; Tom Fitton
"""

# Rows among the top 100 that are still no one person: a surname three people share in this
# corpus (Jeb, George W. and George H.W. Bush; resolving it needs the story it is in), a family
# ("the Koch brothers") and an event tagged as a person ("Brexit").
_STILL_WRONG = {"Bush", "Koch", "Brexit"}


@pytest.mark.slow
def test_the_most_written_about_people_are_each_one_row(nlp) -> None:
    texts = sorted(require_shared("datasets", "polnear").glob("*/text/*.txt"))
    articles: dict[str, set[int]] = defaultdict(set)
    names: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    docs = nlp.pipe((p.read_text(encoding="utf-8") for p in texts), batch_size=32)
    for n, doc in enumerate(docs):
        for entity in extract_entities(doc):
            if entity.label == "PERSON":
                articles[entity.key].add(n)
                names[entity.key][entity.name] += 1
    rows = [
        NameRow(k, max(names[k], key=names[k].__getitem__), len(v)) for k, v in articles.items()
    ]
    aliases = corpus_aliases(rows, lambda a, b: len(articles[a] & articles[b]))
    groups: dict[str, set[int]] = defaultdict(set)
    for key, found in articles.items():
        groups[aliases[key]] |= found
    listing = sorted(
        ((max(names[k], key=names[k].__getitem__), len(groups[k])) for k in groups),
        key=lambda row: (-row[1], row[0]),
    )
    # The first 100 rows and every row tied with the 100th.
    top = [name for name, count in listing if count >= listing[99][1]]

    expected = [name.strip() for name in _TOP.replace("\n", " ").split(";")]
    assert len(expected) == 107
    assert len(top) == len(set(top)), "two rows show the same name"
    missing = [name for name in expected if name not in top]
    assert not missing, f"not among the top 100 and their ties: {missing}; shown: {top}"
    assert set(top) - set(expected) <= _STILL_WRONG, sorted(set(top) - set(expected))
    # Surnames and given names alone are merged into the person, not rows of their own; a
    # formal name with "Jr." is the same person as the short one.
    for alone in ("Trump", "Clinton", "Obama", "Biden", "Sanders", "Cruz", "Hillary", "Bill"):
        assert alone not in top
    assert "Joseph R. Biden Jr." not in top
    # Platforms, outlets, families, groups and buildings are not people.
    person_names = {name for key in articles for name in names[key]}
    for thing in ("Twitter", "Politico", "Clintons", "Trump Tower", "Fox"):
        assert thing not in person_names, thing
    # "Latinos" is a group where the article also writes "Latino"; in five articles that never
    # do, it is still taken for a person, though no longer among the most written-about.
    assert "Latinos" not in top
