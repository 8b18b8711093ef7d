"""People across the corpus, from stored analyses: who is written about, and what they said.

This module owns the queries behind `newsprism people`, `newsprism person NAME` and
`stories --person`: it reads what the analyze stage stored (entity mentions per article, quotes
with speaker keys), merges the keys that name one person across the corpus (`aliases`: "Biden"
and "Joe Biden" are one row) and puts one person's articles and quotes together. Nothing is
re-parsed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from newsprism.analyze.aliases import NameRow, corpus_aliases
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
    """Every name the person goes by: the other names merged into this one ("Biden", "Joseph
    R. Biden Jr.") and every way the articles write them ("Mr Wang"), most frequent first."""


def corpus_keys(store: SQLiteStore) -> dict[str, str]:
    """Every stored person key -> the corpus key of the person it names ("person:biden" ->
    "person:joe-biden"); keys of other kinds map to themselves (absent keys too, by `.get`)."""
    rows = store.people(label="PERSON", limit=-1)

    def together(a: str, b: str) -> int:
        found = store.execute(
            "SELECT count(*) AS n FROM entity_mentions x JOIN entity_mentions y"
            " ON x.article_id = y.article_id WHERE x.entity_key = ? AND y.entity_key = ?",
            (a, b),
        )
        return int(found.fetchone()[0])

    return corpus_aliases((NameRow(r.key, r.name, r.articles) for r in rows), together)


def _groups(store: SQLiteStore, label: str | None) -> dict[str, list[PersonSummary]]:
    """Corpus key -> the stored rows (one per per-article key) it merges, most used first."""
    rows = store.people(label=label, limit=-1)
    aliases = corpus_keys(store) if label in {None, "PERSON"} else {}
    groups: dict[str, list[PersonSummary]] = {}
    for row in rows:
        groups.setdefault(aliases.get(row.key, row.key), []).append(row)
    return groups


def _summary(store: SQLiteStore, key: str, rows: list[PersonSummary]) -> PersonSummary:
    lead = next((r for r in rows if r.key == key), rows[0])
    if len(rows) == 1:
        return lead
    articles, mentions, quotes, outlets = store.entity_totals([r.key for r in rows])
    others = tuple(r.name for r in rows if r.key != lead.key and r.name != lead.name)
    return replace(
        lead,
        articles=articles,
        mentions=mentions,
        quotes=quotes,
        outlets=outlets,
        aliases=tuple(dict.fromkeys(others)),
    )


def list_people(
    store: SQLiteStore, label: str | None = "PERSON", limit: int | None = 50
) -> list[PersonSummary]:
    """Entities of this label (None: every label), most written-about first, each person once
    with the other names merged into it in `aliases`."""
    groups = _groups(store, label)
    # Rank by the stored counts summed (cheap), then count the shown ones exactly.
    ranked = sorted(
        groups.items(),
        key=lambda item: (-sum(r.articles for r in item[1]), -sum(r.mentions for r in item[1])),
    )
    cap = -1 if limit is None else limit
    shown = [_summary(store, key, rows) for key, rows in ranked[: max(cap, 0) * 2 or None]]
    shown.sort(key=lambda p: (-p.articles, -p.mentions, p.name))
    return shown[:cap] if cap >= 0 else shown


def _matching(
    store: SQLiteStore, name: str, label: str | None
) -> list[tuple[PersonSummary, list[str]]]:
    """The merged entities with a name (or key) that is `name` or contains it, each with the
    per-article keys it merges: people before other kinds, then an exact name before a
    partial one, then the most written-about."""
    hits = store.people(label=label, name=name, limit=-1)
    if not hits:
        return []
    groups = _groups(store, label)
    aliases = {row.key: key for key, rows in groups.items() for row in rows}
    folded = name.casefold()
    ranked: dict[str, tuple[bool, bool, int]] = {}
    for hit in hits:
        key = aliases.get(hit.key, hit.key)
        exact = hit.name.casefold() == folded or hit.key == name or key == name
        rank = (hit.label == "PERSON", exact, hit.articles)
        ranked[key] = max(ranked.get(key, rank), rank)
    order = sorted(ranked, key=lambda k: ranked[k], reverse=True)
    best = ranked[order[0]][:2]
    found = []
    for key in order:
        if ranked[key][:2] != best:
            continue
        rows = groups.get(key) or [h for h in hits if h.key == key]
        found.append((_summary(store, key, rows), [r.key for r in rows]))
    return found


def person_keys(store: SQLiteStore, name: str, label: str | None = None) -> list[str]:
    """Every per-article key of the person (or people) `name` picks out, as `find_person`
    chooses them: all names of each merged person."""
    return [key for _, keys in _matching(store, name, label) for key in keys]


def find_person(store: SQLiteStore, name: str, label: str | None = None) -> PersonSummary:
    """The entity called `name` (any of its names, or its key): people before other kinds,
    an exact name before a partial one, then the most written-about."""
    return _find(store, name, label)[0]


def _find(store: SQLiteStore, name: str, label: str | None) -> tuple[PersonSummary, list[str]]:
    matches = _matching(store, name, label)
    if not matches:
        raise NotFoundError(
            f"No one called '{name}' in the analysed articles. List names with "
            "`newsprism people` (run `newsprism analyze` first if it is empty)."
        )
    return matches[0]


def person_report(store: SQLiteStore, name: str, label: str | None = None) -> PersonReport:
    """The person's articles (newest first) and every quote the analyses give them."""
    who, merged = _find(store, name, label)
    keys = set(merged)
    ids = list(dict.fromkeys(i for key in sorted(keys) for i in store.articles_mentioning(key)))
    articles: list[PersonArticle] = []
    quotes: list[PersonQuote] = []
    names: Counter[str] = Counter()
    for article in store.iter_articles(ids=ids):
        analysis = store.get_analysis(article.id)
        if analysis is None:
            continue
        for entity in analysis.entities:
            if entity.key in keys:
                names.update(" ".join(m.text.split()) for m in entity.mentions)
                names[entity.name] += 0  # the canonical name, even when never written so
        mine = [q for q in analysis.quotes if q.speaker_key in keys]
        mentions = sum(e.count for e in analysis.entities if e.key in keys)
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
        aliases=tuple(dict.fromkeys([*who.aliases, *(n for n, _ in names.most_common())])),
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
