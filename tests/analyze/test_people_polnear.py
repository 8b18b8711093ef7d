"""The people check on PolNeAR's 924 real articles: each of the most written-about people is
one row under their full name, and what spaCy mistakes for people is not listed among them."""

from __future__ import annotations

from collections import defaultdict

import pytest
from conftest import require_shared

from newsprism.analyze.aliases import NameRow, corpus_aliases
from newsprism.analyze.entities import extract_entities

# The 40 people in the most PolNeAR articles, read by hand from the merged listing.
_TOP = """
Hillary Clinton; Donald Trump; Barack Obama; Bernie Sanders; Ted Cruz; Marco Rubio;
Bill Clinton; John Kasich; Jeb Bush; George W. Bush; Ben Carson; Mitt Romney; Chris Christie;
Ronald Reagan; John McCain; Paul Ryan; Joe Biden; Rand Paul; Mike Huckabee; Martin O’Malley;
Corey Lewandowski; Lindsey Graham; Mitch McConnell; James Comey; Mike Pence; John Kerry;
Harry Reid; Vladimir Putin; Elizabeth Warren; Debbie Wasserman Schultz; Paul Manafort;
Megyn Kelly; Josh Earnest; Jeff Weaver; Tim Kaine; David Axelrod; Loretta Lynch;
Reince Priebus; Huma Abedin; Newt Gingrich
"""


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
    aliases = corpus_aliases(rows)
    groups: dict[str, set[int]] = defaultdict(set)
    for key, found in articles.items():
        groups[aliases[key]] |= found
    ranked = sorted(groups, key=lambda k: -len(groups[k]))
    shown = [max(names[k], key=names[k].__getitem__) for k in ranked[:60]]

    expected = [name.strip() for name in _TOP.replace("\n", " ").split(";")]
    for name in expected:
        assert shown.count(name) == 1, f"{name} is not one row among the top 60: {shown}"
    # Surnames and given names alone are merged into the person, not rows of their own.
    for alone in ("Trump", "Clinton", "Obama", "Biden", "Sanders", "Cruz", "Hillary", "Bernie"):
        assert alone not in shown
    # Platforms, outlets, families and buildings are not people.
    person_names = {name for key in articles for name in names[key]}
    for thing in ("Twitter", "Politico", "Clintons", "Trump Tower"):
        assert thing not in person_names
