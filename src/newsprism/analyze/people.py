"""People across the corpus, from stored analyses: who is written about, and what they said.

This module owns the queries behind `newsprism people` and `newsprism person NAME`: it reads
what the analyze stage stored (entity mentions per article, quotes with speaker keys) and
puts one person's articles and quotes together. Nothing is re-parsed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from newsprism.errors import NotFoundError
from newsprism.store.sqlite import PersonSummary, SQLiteStore


@dataclass(frozen=True, slots=True)
class PersonQuote:
    """One thing the person is quoted saying, and where."""

    article_id: str
    outlet: str
    published: date | None
    text: str
    kind: str
    cue: str | None


@dataclass(frozen=True, slots=True)
class PersonArticle:
    article_id: str
    title: str
    outlet: str
    published: date | None
    mentions: int
    quotes: int


@dataclass(frozen=True, slots=True)
class PersonReport:
    """A person (or organisation, place, group) across the stored articles."""

    key: str
    name: str
    label: str
    articles: tuple[PersonArticle, ...]
    quotes: tuple[PersonQuote, ...]
    aliases: tuple[str, ...] = ()
    """Every way the articles name them ("Wang Yi", "Mr Wang", "Wang"), most frequent first."""


def list_people(
    store: SQLiteStore, label: str | None = "PERSON", limit: int | None = 50
) -> list[PersonSummary]:
    """Entities of this label (None: every label), most written-about first."""
    return store.people(label=label, limit=limit)


def find_person(store: SQLiteStore, name: str, label: str | None = None) -> PersonSummary:
    """The entity called `name` (or with this key); an exact name beats a partial one, and
    among partial matches the most written-about wins."""
    matches = store.people(label=label, name=name, limit=200)
    if not matches:
        raise NotFoundError(
            f"No one called '{name}' in the analysed articles. List names with "
            "`newsprism people` (run `newsprism analyze` first if it is empty)."
        )
    folded = name.casefold()
    exact = [m for m in matches if m.name.casefold() == folded or m.key == name]
    people = [m for m in matches if m.label == "PERSON"]
    return (exact or people or matches)[0]


def person_report(store: SQLiteStore, name: str, label: str | None = None) -> PersonReport:
    """The person's articles (newest first) and every quote the analyses give them."""
    who = find_person(store, name, label)
    ids = store.articles_mentioning(who.key)
    articles: list[PersonArticle] = []
    quotes: list[PersonQuote] = []
    names: Counter[str] = Counter()
    for article in store.iter_articles(ids=ids):
        analysis = store.get_analysis(article.id)
        if analysis is None:
            continue
        for entity in analysis.entities:
            if entity.key == who.key:
                names.update(" ".join(m.text.split()) for m in entity.mentions)
                names[entity.name] += 0  # the canonical name, even when never written so
        mine = [q for q in analysis.quotes if q.speaker_key == who.key]
        mentions = sum(e.count for e in analysis.entities if e.key == who.key)
        articles.append(
            PersonArticle(
                article_id=article.id,
                title=article.title,
                outlet=article.outlet,
                published=article.published,
                mentions=mentions,
                quotes=len(mine),
            )
        )
        quotes.extend(
            PersonQuote(
                article_id=article.id,
                outlet=article.outlet,
                published=article.published,
                text=quote.content.text,
                kind=quote.kind,
                cue=quote.cue.text if quote.cue else None,
            )
            for quote in mine
        )
    return PersonReport(
        key=who.key,
        name=who.name,
        label=who.label,
        articles=tuple(articles),
        quotes=tuple(quotes),
        aliases=tuple(name for name, _ in names.most_common()),
    )


@dataclass(frozen=True, slots=True)
class OutletSource:
    """Someone an outlet quotes, and how often."""

    key: str
    name: str
    label: str
    articles: int
    quotes: int


def outlet_sources(store: SQLiteStore, outlet: str, limit: int = 30) -> list[OutletSource]:
    """Whom an outlet quotes (people, organisations, ...), most quotes first: its sourcing
    profile as the stored analyses give it."""
    rows = store.execute(
        "SELECT m.entity_key AS key, max(m.name) AS name, max(m.label) AS label,"
        " count(*) AS articles, sum(m.quotes) AS quotes FROM entity_mentions m"
        " JOIN articles a ON a.id = m.article_id WHERE lower(a.outlet) = lower(?)"
        " AND m.quotes > 0 GROUP BY m.entity_key ORDER BY quotes DESC, articles DESC LIMIT ?",
        (outlet, limit),
    )
    return [
        OutletSource(row["key"], row["name"], row["label"], row["articles"], row["quotes"])
        for row in rows
    ]
