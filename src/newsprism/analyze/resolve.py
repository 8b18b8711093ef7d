"""Who each name means, article by article: (article, entity key) -> the corpus key of a person.

The analyze stage resolves names inside one article ("Mr. Biden" -> "Joe Biden" when the
article names him in full). What is left is a name the article never spells out: a bare surname
("Bush") or a variant of a full name ("Joseph R. Biden Jr."). `resolve_people` decides those
once stories exist, from what the store holds, without re-parsing:

- variants of one full name, and a surname or given name only one person of the corpus goes by,
  are that person everywhere (`aliases.corpus_aliases`);
- a surname several people of the corpus share ("Bush": Jeb, George W., Laura) goes, in each
  article, to the one the other articles of its story name (`DOMINANT_SHARE` of the story's
  articles that name any of them); failing that (no other article of the story names any), to
  the one the articles of the weeks around it name (`PERIOD_DAYS` either side of its day);
  failing that (an undated article, or weeks that name none of them), to the one the whole
  corpus names. Where the story or
  the weeks name two of them alike, the bare surname is kept: it is not a guess;
- a one-word name no rule above settles, no given name, that is the first word of a longer
  person's name ("Jihadi" of "Jihadi John", a nickname's first word) is, in each
  article, the one person of that first word its article names, else the one its story's
  other articles name; when none or several, it stays as written (`resolve_first_words`);
- a name no other rule settles that more articles write as another kind (an organisation,
  place, group or thing, often because their words say so: "Boko Haram militants", see
  `namecues`) than as a person is that: its key is that kind's key ("org:boko-haram");
- a one-word "person" that is written about in `THING_MIN_ARTICLES` or more articles, is never
  part of any person's full name in the corpus, is never a given name and is quoted in one
  article at most (a quote finder's slip), is not a person ("Brexit", "Obamacare"): a
  journalist names a person in full at least once.

Other kinds than people keep their own key. Nothing here reads the database: the store hands
it the rows (`SQLiteStore.person_rows`) and saves what it returns.
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsprism.analyze.aliases import (
    DOMINANT_SHARE,
    NameRow,
    corpus_aliases,
    surname_candidates,
)

PERIOD_DAYS = 28
"""Days either side of an article whose articles say which of several people a bare surname
means when its story does not: about the weeks a news cycle lasts. A choice, not a fit."""

THING_MIN_ARTICLES = 3
"""Articles from which a one-word name never written in full, seldom quoted, is not a person.
Below it a real person named by surname alone in one or two articles keeps their row."""


OTHER_KIND_MIN_ARTICLES = 3
"""Articles that must write a "person" as another kind (and more than write it as a person)
for it to be that kind. On PolNeAR train+dev, 2 took "Rahm Emanuel" (ORG in 2 lists of names,
PERSON in 1) for an organisation; from 3, no person of the corpus is taken."""


@dataclass(frozen=True, slots=True)
class MentionRow:
    """One entity of one stored article, with where the article stands."""

    article_id: str
    key: str
    name: str
    label: str
    quotes: int
    story_id: str | None
    day: int | None
    """The article's date (published, else inferred from its story) as a date ordinal."""


@dataclass(frozen=True, slots=True)
class Resolution:
    """What the corpus alone decides, and what is left to each article's context."""

    persons: dict[str, str]
    """Every PERSON key -> the key of the person (or thing, "misc:...") it names everywhere;
    a shared surname maps to itself here."""
    shared: dict[str, tuple[str, ...]]
    """Surnames several people share -> those people's keys, most written-about first."""

    def context_keys(self) -> set[str]:
        """The keys whose rows `resolve_in_context` needs: the shared surnames and every
        name of the people they may be."""
        wanted = {c for candidates in self.shared.values() for c in candidates}
        return set(self.shared) | {k for k, p in self.persons.items() if p in wanted}


def resolve_keys(
    rows: Sequence[NameRow],
    quoted: Mapping[str, int],
    together: Callable[[str, str], int] | None = None,
    other_kinds: Mapping[str, tuple[str, int]] | None = None,
) -> Resolution:
    """The corpus's part: `rows` are the PERSON keys with their articles, `quoted` how many
    articles quote each key, `together(a, b)` how many articles name both, `other_kinds`
    the most written key of another kind with the same name ("org:boko-haram" for
    "person:boko-haram") and its articles."""
    aliases = corpus_aliases(rows, together)
    shared = surname_candidates(rows, together)
    things = _things(list(rows), aliases, quoted)
    persons: dict[str, str] = {}
    for row in rows:
        other, articles = (other_kinds or {}).get(row.key, ("", 0))
        if row.key in things:
            persons[row.key] = "misc:" + row.key.partition(":")[2]
        elif (
            articles > row.articles
            and articles >= OTHER_KIND_MIN_ARTICLES
            and aliases[row.key] == row.key
            and not _is_given_name(row.name.split()[0])
        ):
            # More articles write the name as an organisation, place or group than as a
            # person: the articles that took it for a person took the tagger's slip. Not a
            # name that starts with a given name ("Carly Fiorina", which spaCy tags ORG in
            # most lists of candidates).
            persons[row.key] = other
        else:
            persons[row.key] = aliases[row.key]
    return Resolution(persons, shared)


def resolve_in_context(
    resolution: Resolution, rows: Iterable[MentionRow]
) -> dict[tuple[str, str], str]:
    """(article id, shared surname's key) -> the person it names there, from `rows`: the rows
    of `resolution.context_keys()` (every other row's person is `resolution.persons`)."""
    shared, persons = resolution.shared, resolution.persons
    rows = list(rows)
    # Which of the candidates each article names in full, by story and by day.
    named: dict[str, set[str]] = defaultdict(set)
    where: dict[str, tuple[str | None, int | None]] = {}
    for row in rows:
        where[row.article_id] = (row.story_id, row.day)
        if row.key not in shared:
            named[row.article_id].add(persons.get(row.key, row.key))
    story_names: dict[str, Counter[str]] = defaultdict(Counter)
    days: dict[str, list[int]] = defaultdict(list)
    corpus: Counter[str] = Counter()
    for article_id, keys in named.items():
        story, day = where[article_id]
        for key in keys:
            corpus[key] += 1
            if story is not None:
                story_names[story][key] += 1
            if day is not None:
                days[key].append(day)
    for found in days.values():
        found.sort()

    result: dict[tuple[str, str], str] = {}
    for row in rows:
        if row.key not in shared:
            continue
        candidates = shared[row.key]
        own = named[row.article_id]
        chosen = _in_context(candidates, own, story_names.get(row.story_id or ""), days, row)
        # Neither the story nor the weeks around name any of them: the corpus does.
        if chosen is None:
            chosen = _share(candidates, corpus) or row.key
        result[(row.article_id, row.key)] = chosen
    return result


def first_word_candidates(resolution: Resolution) -> dict[str, tuple[str, ...]]:
    """One-word PERSON keys the corpus leaves as written (not merged, not shared, no thing)
    -> the longer person keys whose first word they are ("person:jihadi" ->
    ("person:jihadi-john",))."""
    persons = resolution.persons
    longer: dict[str, list[str]] = defaultdict(list)
    for key, person in persons.items():
        words = key.partition(":")[2].split("-")
        if len(words) > 1 and person.startswith("person:"):
            longer[words[0]].append(key)
    found: dict[str, tuple[str, ...]] = {}
    for key, person in persons.items():
        kind, _, slug = key.partition(":")
        alone = kind == "person" and "-" not in slug and person == key
        # A given name ("Oscar" beside "Oscar Isaac") is `corpus_aliases`' to match, by
        # its relatives; a first word that is none ("Jihadi") can only be a longer name's.
        if (
            alone
            and key not in resolution.shared
            and slug in longer
            and not _is_given_name(slug.capitalize())
        ):
            found[key] = tuple(sorted(longer[slug]))
    return found


def resolve_first_words(
    candidates: Mapping[str, tuple[str, ...]],
    persons: Mapping[str, str],
    rows: Iterable[MentionRow],
) -> dict[tuple[str, str], str]:
    """(article id, one-word key) -> the person it names there, for the rows of
    `first_word_candidates`' keys that their article, else their story, decides: the one
    person among the candidates named there. `rows` are the rows of the one-word keys and of
    their candidates."""
    rows = list(rows)
    wanted = {c for cs in candidates.values() for c in cs}
    in_article: dict[str, set[str]] = defaultdict(set)
    in_story: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        if row.key in wanted:
            person = persons.get(row.key, row.key)
            in_article[row.article_id].add(row.key)
            if row.story_id is not None:
                in_story[row.story_id][person].add(row.article_id)
    result: dict[tuple[str, str], str] = {}
    for row in rows:
        if row.key not in candidates:
            continue
        mine = candidates[row.key]
        here = {persons.get(c, c) for c in in_article[row.article_id] if c in mine}
        if not here and row.story_id is not None:
            own = {persons.get(c, c) for c in mine}
            story = in_story[row.story_id]
            here = {p for p in own if story.get(p, set()) - {row.article_id}}
        if len(here) == 1:
            result[(row.article_id, row.key)] = here.pop()
    return result


def resolve_people(rows: Iterable[MentionRow]) -> dict[tuple[str, str], str]:
    """(article id, entity key) -> the key of the person (or thing) it names, for every row:
    `resolve_keys` and `resolve_in_context` on rows held in memory."""
    rows = list(rows)
    articles: dict[str, set[str]] = defaultdict(set)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    quoted: Counter[str] = Counter()
    for row in rows:
        if row.label == "PERSON":
            articles[row.key].add(row.article_id)
            names[row.key][row.name] += 1
            quoted[row.key] += row.quotes > 0

    def together(a: str, b: str) -> int:
        return len(articles.get(a, set()) & articles.get(b, set()))

    keys = [NameRow(k, names[k].most_common(1)[0][0], len(a)) for k, a in articles.items()]
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        if row.label != "PERSON":
            kinds["person:" + row.key.partition(":")[2]][row.key] += 1
    other = {k: kinds[k].most_common(1)[0] for k in articles if k in kinds}
    resolution = resolve_keys(keys, quoted, together, other)
    wanted = resolution.context_keys()
    decided = resolve_in_context(resolution, (r for r in rows if r.key in wanted))
    firsts = first_word_candidates(resolution)
    needed = set(firsts) | {c for cs in firsts.values() for c in cs}
    decided.update(
        resolve_first_words(firsts, resolution.persons, (r for r in rows if r.key in needed))
    )
    return {
        (row.article_id, row.key): decided.get(
            (row.article_id, row.key),
            resolution.persons.get(row.key, row.key) if row.label == "PERSON" else row.key,
        )
        for row in rows
    }


def _in_context(
    candidates: tuple[str, ...],
    own: set[str],
    story: Counter[str] | None,
    days: dict[str, list[int]],
    row: MentionRow,
) -> str | None:
    """The candidate the article's story, else its weeks, name most; the bare key itself
    when they name several alike; None when neither names any."""
    if story is not None:
        # The other articles of the story: this one left out, or a story of one article
        # would always take the full name that article writes later about someone else.
        others = Counter({c: story[c] - (c in own) for c in candidates})
        if sum(others.values()):
            return _share(candidates, others) or row.key
    if row.day is not None:
        near = Counter(
            {
                c: bisect.bisect_right(days[c], row.day + PERIOD_DAYS)
                - bisect.bisect_left(days[c], row.day - PERIOD_DAYS)
                for c in candidates
            }
        )
        if sum(near.values()):
            return _share(candidates, near) or row.key
    return None


def _share(candidates: tuple[str, ...], counts: Counter[str]) -> str | None:
    """The candidate with `DOMINANT_SHARE` of the counts, if one has."""
    total = sum(counts[c] for c in candidates)
    if not total:
        return None
    best = max(candidates, key=lambda c: (counts[c], -candidates.index(c)))
    return best if counts[best] >= DOMINANT_SHARE * total else None


def _things(rows: list[NameRow], aliases: dict[str, str], quoted: Mapping[str, int]) -> set[str]:
    """One-word "people" that are no one: see the module's docstring."""
    words: set[str] = set()
    for row in rows:
        slug = row.key.partition(":")[2].split("-")
        if len(slug) > 1:
            words.update(slug)
    merged = {k for k, v in aliases.items() if k != v}
    return {
        row.key
        for row in rows
        if row.articles >= THING_MIN_ARTICLES
        and "-" not in row.key.partition(":")[2]
        and row.key not in merged
        and row.key.partition(":")[2] not in words
        and quoted.get(row.key, 0) <= 1
        and not _is_given_name(row.name)
    }


@functools.lru_cache(maxsize=1)
def _given_names() -> Callable[[str], str]:
    """gender-guesser's look-up of a first name (its list of names by country; offline)."""
    import gender_guesser.detector as detector

    return detector.Detector().get_gender


def _is_given_name(name: str) -> bool:
    """Whether a word is a given name in `gender-guesser`'s list ("Bernie", "Hillary")."""
    return _given_names()(name) != "unknown"
