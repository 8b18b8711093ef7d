"""The people check on PolNeAR's 924 real articles: each of the 100 most written-about people is
one row under their full name, and what spaCy mistakes for people is not listed among them."""

from __future__ import annotations

from collections import defaultdict

import pytest
from conftest import require_shared

from newsprism.analyze.aliases import NameRow, corpus_aliases
from newsprism.analyze.entities import extract_entities

# The people in the most PolNeAR articles, read by hand from the merged listing (each a real
# person; "Ian Hanchett" is a Breitbart writer named in his bylines).
_TOP = """
Hillary Clinton; Donald Trump; Barack Obama; Bernie Sanders; Ted Cruz; Marco Rubio;
Bill Clinton; John Kasich; Jeb Bush; George W. Bush; Ben Carson; Mitt Romney; Chris Christie;
Ronald Reagan; John McCain; Joe Biden; Paul Ryan; Rand Paul; Mike Huckabee; Martin O’Malley;
James Comey; Corey Lewandowski; Lindsey Graham; Mitch McConnell; Mike Pence; John Kerry;
Harry Reid; Vladimir Putin; Elizabeth Warren; Debbie Wasserman Schultz; Paul Manafort;
Megyn Kelly; Josh Earnest; Jeff Weaver; Tim Kaine; David Axelrod; Loretta Lynch;
Reince Priebus; Huma Abedin; Newt Gingrich; Jennifer Palmieri; Richard Nixon;
George H.W. Bush; Antonin Scalia; Brian Fallon; Chuck Grassley; Kelly Ayotte; Robby Mook;
Rick Santorum; Scott Walker; Rudy Giuliani; Michelle Obama; Angela Merkel; Merrick Garland;
John Podesta; Jimmy Carter; Chelsea Clinton; Chuck Schumer; Al Gore; Jake Sullivan;
Jeff Sessions; Tad Devine; Ron Johnson; Cheryl Mills; Hope Hicks; Paul Singer; Ron Paul;
Pat Toomey; Mark Kirk; Hugh Hewitt; Chris Wallace; Gary Johnson; Abraham Lincoln;
Benjamin Netanyahu; Michael Bloomberg; Trey Gowdy; Al Sharpton; Glenn Beck; Jason Miller;
George Stephanopoulos; Janet Yellen; Nancy Pelosi; Monica Lewinsky; John Roberts; Howard Dean;
Roger Ailes; Geoff Garin; Bill de Blasio; Colin Powell; Osama bin Laden; David Petraeus;
Chris Stevens; Ian Hanchett; Melania Trump; Sean Smith; Ted Kennedy; Bashar al-Assad
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
    shown = sorted(
        (max(names[k], key=names[k].__getitem__) for k in groups),
        key=lambda name: name,
    )
    by_name = {max(names[k], key=names[k].__getitem__): len(groups[k]) for k in groups}
    shown = sorted(shown, key=lambda name: (-by_name[name], name))
    top = shown[:100]

    expected = [name.strip() for name in _TOP.replace("\n", " ").split(";")]
    assert len(expected) == 97
    # Ties at the cut (six articles each) may order either way: each listed person is one row
    # among the first 110, and the first 100 hold no one else but the rows still wrong.
    for name in expected:
        assert shown[:110].count(name) == 1, f"{name} is not one row among the top 110: {shown}"
    assert set(top) - set(expected) <= _STILL_WRONG, sorted(set(top) - set(expected))
    # Surnames and given names alone are merged into the person, not rows of their own; a
    # formal name with "Jr." is the same person as the short one.
    for alone in ("Trump", "Clinton", "Obama", "Biden", "Sanders", "Cruz", "Hillary", "Bill"):
        assert alone not in shown[:110]
    assert "Joseph R. Biden Jr." not in shown[:110]
    # Platforms, outlets, families, groups and buildings are not people.
    person_names = {name for key in articles for name in names[key]}
    for thing in ("Twitter", "Politico", "Clintons", "Trump Tower", "Fox", "Latinos"):
        assert thing not in person_names
