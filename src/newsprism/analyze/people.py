"""People across the corpus, from stored analyses: who is written about, and what they said.

This module owns the queries behind `newsprism people`, `newsprism person NAME` and
`stories --person`: it reads what the analyze stage stored (entity mentions per article, quotes
with speaker keys), has `resolve` decide whom each name means in each article after clustering
(`resolve_stored`: "Biden" and "Joe Biden" are one person; "Bush" is Jeb in a story about Jeb),
and puts one person's articles and quotes together. Nothing is re-parsed.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass
from datetime import date

from newsprism.analyze.aliases import NameRow
from newsprism.analyze.resolve import (
    MentionRow,
    first_word_candidates,
    resolve_first_words,
    resolve_in_context,
    resolve_keys,
)
from newsprism.errors import NotFoundError
from newsprism.store.people import PersonSummary, StoredMention
from newsprism.store.sqlite import SQLiteStore


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
    """Every other name the person goes by: the names merged into this one ("Biden",
    "Joseph R. Biden Jr.") and every way the articles write them ("Mr Wang"), most frequent
    first."""
    others: tuple[str, ...] = ()
    """Other people the name asked for also names, as written about as this one ("Bush":
    George W. Bush beside Jeb Bush): ask for them by their full name."""


def resolve_stored(store: SQLiteStore, settle: bool = True) -> int:
    """Decide whom every stored PERSON row names in its article (`resolve`) and save what
    changed; returns how many rows changed. Run after clustering: a surname several people
    share is read in the light of its story. Only those surnames' rows and their candidates'
    rows are read one by one; every other key is settled for all its rows at once, unless
    `settle` is False (after a merge or move of stories, which settles nothing new: the
    corpus's counts of names are the same)."""
    counts = store.person_key_counts()
    resolution = resolve_keys(
        [NameRow(key, name, n) for key, name, n, _ in counts],
        {key: quoted for key, _, _, quoted in counts},
        store.articles_naming_both,
        store.other_kinds([key for key, _, _, _ in counts]),
    )
    # One-word names that a longer name begins ("Jihadi") are decided article by article too.
    firsts = first_word_candidates(resolution)
    settled = {
        k: p
        for k, p in resolution.persons.items()
        if k not in resolution.shared and k not in firsts
    }
    changed = store.set_key_persons(settled) if settle else 0
    stored = list(store.person_rows(resolution.context_keys()))
    decided = resolve_in_context(resolution, (_mention(row) for row in stored))
    changed += store.set_person_keys(
        (row.article_id, row.key, person)
        for row in stored
        if (person := decided.get((row.article_id, row.key))) is not None
        and person != row.person_key
    )
    first_rows = list(store.person_rows({*firsts, *(c for cs in firsts.values() for c in cs)}))
    by_first = resolve_first_words(
        firsts, resolution.persons, (_mention(row) for row in first_rows)
    )
    changed += store.set_person_keys(
        (row.article_id, row.key, chosen)
        for row in first_rows
        if row.key in firsts
        and (chosen := by_first.get((row.article_id, row.key), row.key)) != row.person_key
    )
    left = {key for (_, key), person in decided.items() if person == key}
    store.set_undecided({key: resolution.shared[key] for key in left})
    return changed


def _mention(row: StoredMention) -> MentionRow:
    return MentionRow(
        row.article_id, row.key, row.name, "PERSON", row.quotes, row.story_id, _ordinal(row.day)
    )


@functools.lru_cache(maxsize=4096)
def _ordinal(day: str | None) -> int | None:
    try:
        return date.fromisoformat(day[:10]).toordinal() if day else None
    except ValueError:
        return None


def list_people(
    store: SQLiteStore, label: str | None = "PERSON", limit: int | None = 50
) -> list[PersonSummary]:
    """Entities of this label (None: every label), most written-about first, each person once
    with the other names they are written as in `aliases`."""
    return store.people(label=label, limit=-1 if limit is None else limit)


def _matching(store: SQLiteStore, name: str, label: str | None) -> list[PersonSummary]:
    """The people with a name (or key) that is `name` or contains it: people before other
    kinds, then one written exactly so before one whose name only contains it, then the most
    written-about."""
    hits = store.people(label=label, name=name, limit=-1)
    folded = name.casefold()

    def rank(hit: PersonSummary) -> tuple[bool, bool, int]:
        names = (hit.name, *hit.aliases)
        exact = hit.key == name or any(n.casefold() == folded for n in names)
        return (hit.label == "PERSON", exact, hit.articles)

    if not hits:
        return []
    hits.sort(key=rank, reverse=True)
    best = rank(hits[0])[:2]
    return [hit for hit in hits if rank(hit)[:2] == best]


def person_keys(store: SQLiteStore, name: str, label: str | None = None) -> list[str]:
    """The person key of the one `find_person` finds by `name` (a list: empty when no one)."""
    found = _matching(store, name, label)
    return [found[0].key] if found else []


def find_person(store: SQLiteStore, name: str, label: str | None = None) -> PersonSummary:
    """The entity called `name` (any of its names, or its key): people before other kinds,
    an exact name before a partial one, then the most written-about."""
    return _find(store, name, label)[0]


def _find(store: SQLiteStore, name: str, label: str | None) -> list[PersonSummary]:
    matches = _matching(store, name, label)
    if not matches:
        raise NotFoundError(
            f"No one called '{name}' in the analysed articles. List names with "
            "`newsprism people` (run `newsprism analyze` first if it is empty)."
        )
    return matches


def person_report(store: SQLiteStore, name: str, label: str | None = None) -> PersonReport:
    """The person's articles (newest first) and every quote the analyses give them."""
    who, *others = _find(store, name, label)
    ids = store.articles_of_people([who.key])
    keys = store.person_keys_of(ids)
    articles: list[PersonArticle] = []
    quotes: list[PersonQuote] = []
    names: Counter[str] = Counter()
    for article in store.iter_articles(ids=ids):
        analysis = store.get_analysis(article.id)
        if analysis is None:
            continue
        entities = [e for e in analysis.entities if keys.get((article.id, e.key), e.key) == who.key]
        for entity in entities:
            names.update(" ".join(m.text.split()) for m in entity.mentions)
            names[entity.name] += 0  # the canonical name, even when never written so
        mine = [
            q
            for q in analysis.quotes
            if q.speaker_key and keys.get((article.id, q.speaker_key), q.speaker_key) == who.key
        ]
        mentions = sum(e.count for e in entities)
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
        aliases=tuple(
            n
            for n in dict.fromkeys([*who.aliases, *(n for n, _ in names.most_common())])
            if n != who.name
        ),
        others=_others(who, others),
    )


def _others(who: PersonSummary, rest: list[PersonSummary]) -> tuple[str, ...]:
    """The other people a name finds beside `who`: a surname left undecided in some articles
    ("Bush") stands for each person it may be, and for those articles."""
    found = list(who.may_be)
    for other in rest:
        if other.may_be:
            found.append(f"{other.name} (undecided in {other.articles} articles)")
            found.extend(other.may_be)
        else:
            found.append(other.name)
    return tuple(n for n in dict.fromkeys(found) if n != who.name)


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
