"""One person across the corpus: which per-article entity keys name the same person.

Each article resolves its own mentions ("Mr. Biden" -> "Joe Biden" when the article names him
in full), but an article that only ever says "Biden" gets the key `person:biden`, and outlets
write one name several ways ("Joseph R. Biden Jr.", "Joe Biden"). `corpus_aliases` maps every
person key to one corpus key, from the stored names and how many articles use each:

- full names that agree on surname, suffix and first name (or one first name begins the other,
  "Chris"/"Christopher", or is a common short form of it, "Joe"/"Joseph") are one person,
  whatever middle names they carry, unless both give middle initials and these differ ("George
  H. W. Bush" is not "George W. Bush");
- a name with a suffix ("Joseph R. Biden Jr.") is the same name without it ("Joe Biden") when
  the two never appear as two people in one article: nothing in a name tells a son from a
  formal full name, but a son is written about with his father ("Donald Trump Jr." beside
  "Donald Trump"), a formal name instead of the short one;
- a bare surname ("Biden") is the full name with that surname that most articles use, when that
  name has at least `DOMINANT_SHARE` of the articles of all full names with that surname; else
  the surname is ambiguous ("Kennedy" with several Kennedys alike) and stays a row of its own. A
  bare given name ("Hillary") is matched the same way, among full names with that word first or
  last ("Crooked Hillary" is one of them), or failing that, to the one whose relative of the
  same surname is named beside it in at least half of its articles ("Bill" beside "Hillary
  Clinton").

The corpus key of a group is the key of its most written-about full name. Other kinds than
people are not merged. Nothing here reads the database: `people` feeds it stored rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# Share of a surname's articles (over all full names with that surname) from which a bare
# surname is taken for the most written-about of them. A choice, not a fit: on the PolNeAR
# corpus (2015-16) "Trump" goes to Donald Trump (Ivanka, Eric, Melania and Donald Jr. together
# are far fewer) and "Clinton" to Hillary Clinton rather than Bill; a surname shared by two
# people written about about as often stays apart.
DOMINANT_SHARE = 0.7

# Name endings that tell relatives apart; kept as part of the name.
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@dataclass(frozen=True, slots=True)
class NameRow:
    """One per-article entity key as stored: its name and how many articles use it."""

    key: str
    name: str
    articles: int


@dataclass(frozen=True, slots=True)
class _Parsed:
    first: str
    last: str
    suffix: str
    single: bool
    middle: tuple[str, ...] = ()
    middle_names: frozenset[str] = frozenset()


def _parse(key: str) -> _Parsed | None:
    """Given name, surname and suffix of a person key ("person:joseph-r-biden-jr")."""
    kind, _, slug = key.partition(":")
    if kind != "person" or not slug:
        return None
    words = [w for w in slug.split("-") if w]
    suffix = words.pop() if len(words) > 1 and words[-1] in _SUFFIXES else ""
    if not words:
        return None
    if len(words) == 1:
        return _Parsed(words[0], words[0], suffix, True)
    # Middle initials tell a father from a son ("George H. W. Bush", "George W. Bush");
    # middle names are left out as often as not ("Hillary Rodham Clinton").
    middle = tuple(ch for w in words[1:-1] if len(w) <= 2 for ch in w)
    names = frozenset(w for w in words[1:-1] if len(w) > 2)
    return _Parsed(words[0], words[-1], suffix, False, middle, names)


def _same_person(a: _Parsed, b: _Parsed) -> bool:
    """Whether two full names with one surname and suffix can name one person."""
    if a.middle and b.middle and a.middle != b.middle:
        return False
    # Middle names written out in both, neither among the other's, are two people: "Kim Jong
    # Il" is not "Kim Sun Il" (a family name first), "John Ellis Bush" not "John Prescott Bush".
    if (
        a.middle_names
        and b.middle_names
        and not (a.middle_names <= b.middle_names or b.middle_names <= a.middle_names)
    ):
        return False
    if a.first == b.first or _NICKNAMES.get(a.first) == b.first:
        return True
    if _NICKNAMES.get(b.first) == a.first:
        return True
    short, long = sorted((a.first, b.first), key=len)
    return len(short) >= 3 and long.startswith(short)


# Common English short forms that are not a prefix of the full given name.
_NICKNAMES = {
    "joe": "joseph",
    "bill": "william",
    "will": "william",
    "bob": "robert",
    "bobby": "robert",
    "mike": "michael",
    "jim": "james",
    "jimmy": "james",
    "tom": "thomas",
    "dick": "richard",
    "rick": "richard",
    "chuck": "charles",
    "charlie": "charles",
    "jack": "john",
    "ted": "edward",
    "hank": "henry",
    "liz": "elizabeth",
    "beth": "elizabeth",
    "peggy": "margaret",
    "bernie": "bernard",
    "rudy": "rudolph",
}


@dataclass(slots=True)
class _Groups:
    """Full names grouped into people, and the bare names left to resolve."""

    aliases: dict[str, str]
    parsed: dict[str, _Parsed]
    leaders: dict[tuple[str, str], list[str]]
    totals: dict[str, int]
    words: dict[str, tuple[str, ...]]
    by_tail: dict[tuple[str, ...], list[str]]
    by_given: dict[str, list[str]]

    def bare(self, rows: list[NameRow]) -> list[NameRow]:
        """Rows of names that no full name of their own claims: a surname ("Biden"), a
        surname of several words ("Wasserman Schultz") or a given name ("Hillary")."""
        led = {v for k, v in self.aliases.items() if k != v}
        return [
            row
            for row in rows
            if row.key in self.parsed
            and self.aliases[row.key] == row.key
            and not self.parsed[row.key].suffix
            and row.key not in led  # a full name that leads others is a person of its own
        ]

    def tail_candidates(self, row: NameRow) -> list[str]:
        """The people whose full name ends in the bare name, leaving out any written about
        far less than the bare name itself ("Jeb Bush" is not one "Floridians Jeb Bush";
        "Obama" alone is written more than "Barack Obama", and is him)."""
        found = dict.fromkeys(self.by_tail.get(self.words[row.key], []))
        return [k for k in found if k != row.key and 4 * self.totals[k] >= row.articles]


def _group(rows: list[NameRow], together: Callable[[str, str], int] | None) -> _Groups:
    aliases = {row.key: row.key for row in rows}
    parsed = {row.key: p for row in rows if (p := _parse(row.key)) is not None}

    # Full names: one group per (surname, suffix), then per compatible first name; the most
    # written-about name of a group leads it.
    full = sorted(
        (row for row in rows if row.key in parsed and not parsed[row.key].single),
        key=lambda row: (-row.articles, row.key),
    )
    leaders: dict[tuple[str, str], list[str]] = defaultdict(list)
    totals: dict[str, int] = defaultdict(int)
    for row in full:
        p = parsed[row.key]
        group = leaders[(p.last, p.suffix)]
        lead = next((k for k in group if _same_person(parsed[k], p)), None)
        if lead is None:
            group.append(row.key)
            lead = row.key
        aliases[row.key] = lead
        totals[lead] += row.articles

    if together is not None:
        _merge_suffixed(leaders, parsed, aliases, totals, together)

    words = {row.key: _slug_words(row.key) for row in rows}
    by_tail: dict[tuple[str, ...], list[str]] = defaultdict(list)
    by_given: dict[str, list[str]] = defaultdict(list)
    for (_, suffix), group in leaders.items():
        for lead in group:
            # "Roberts" may be "John G. Roberts Jr.": a suffix is no part of the surname.
            named = words[lead][:-1] if suffix else words[lead]
            for n in range(1, len(named)):
                by_tail[named[-n:]].append(lead)
            if not suffix:
                by_given[parsed[lead].first].append(lead)
    return _Groups(aliases, parsed, leaders, totals, words, by_tail, by_given)


def corpus_aliases(
    rows: Iterable[NameRow], together: Callable[[str, str], int] | None = None
) -> dict[str, str]:
    """Every key of `rows` -> the corpus key of the person it names (itself if unmerged).

    `together(a, b)` counts the articles that name both keys as two entities; without it a
    name with a suffix stays apart from the name without. A bare surname goes to the person
    most articles of the whole corpus mean by it; `surname_candidates` gives the surnames
    that context (the story, the weeks around an article) should decide instead."""
    rows = list(rows)
    groups = _group(rows, together)
    aliases, totals = groups.aliases, groups.totals
    for row in groups.bare(rows):
        best = _dominant(groups.tail_candidates(row), totals)
        if best is None and groups.parsed[row.key].single:
            # A given name alone names a well-known person only when that person is written
            # about far more often than the bare name is ("Hillary"; not the Pope's "Francis").
            word = groups.words[row.key][0]
            given = [k for k in groups.by_given.get(word, []) if k != row.key]
            best = _dominant(given, totals)
            if best is not None and totals[best] < 3 * row.articles:
                best = None
            if best is None and together is not None:
                # "our son Jim" beside "Diane Foley" is James Foley: a short form counts.
                formal = groups.by_given.get(_NICKNAMES.get(word, ""), [])
                best = _by_family(row, [*given, *formal], groups.leaders, together)
        if best is not None:
            aliases[row.key] = best
    return aliases


def surname_candidates(
    rows: Iterable[NameRow], together: Callable[[str, str], int] | None = None
) -> dict[str, tuple[str, ...]]:
    """Bare surnames that two or more people of the corpus share ("Bush": Jeb Bush, George
    W. Bush, Laura Bush), each with the corpus keys of those people, most written-about
    first. Which of them an article means is for its story and its weeks to say
    (`newsprism.analyze.resolve`)."""
    rows = list(rows)
    groups = _group(rows, together)
    found: dict[str, tuple[str, ...]] = {}
    for row in groups.bare(rows):
        candidates = groups.tail_candidates(row)
        if len(candidates) > 1:
            found[row.key] = tuple(sorted(candidates, key=lambda k: (-groups.totals[k], k)))
    return found


def _by_family(
    row: NameRow,
    candidates: list[str],
    leaders: dict[tuple[str, str], list[str]],
    together: Callable[[str, str], int],
) -> str | None:
    """The one candidate for a bare given name whose relative (another person of that
    surname) is named in at least half of the bare name's articles: "Bill" written beside
    "Hillary Clinton" ("Bill, Hillary and Chelsea") is Bill Clinton, not Bill de Blasio."""
    found = []
    for lead in dict.fromkeys(candidates):
        last = _slug_words(lead)[-1]
        relatives = [k for k in leaders.get((last, ""), []) if k != lead]
        if any(2 * together(row.key, k) >= row.articles for k in relatives):
            found.append(lead)
    return found[0] if len(found) == 1 else None


def _merge_suffixed(
    leaders: dict[tuple[str, str], list[str]],
    parsed: dict[str, _Parsed],
    aliases: dict[str, str],
    totals: dict[str, int],
    together: Callable[[str, str], int],
) -> None:
    """Each group with a suffix into the group without it that names the same person, when
    no article names the two apart."""
    for (last, suffix), group in leaders.items():
        if not suffix:
            continue
        plain = leaders.get((last, ""), [])
        for lead in list(group):
            members = [k for k, v in aliases.items() if v == lead]
            match = next(
                (
                    other
                    for other in plain
                    if _same_person(parsed[other], parsed[lead])
                    and not any(
                        together(m, k) for m in members for k, v in aliases.items() if v == other
                    )
                ),
                None,
            )
            if match is None:
                continue
            for m in members:
                aliases[m] = match
            totals[match] += totals.pop(lead, 0)
            group.remove(lead)


def _dominant(candidates: list[str], totals: dict[str, int]) -> str | None:
    """The candidate with `DOMINANT_SHARE` of the candidates' articles, if any."""
    candidates = list(dict.fromkeys(candidates))
    if not candidates:
        return None
    best = max(candidates, key=lambda k: (totals[k], k))
    if totals[best] < DOMINANT_SHARE * sum(totals[k] for k in candidates):
        return None
    return best


def _slug_words(key: str) -> tuple[str, ...]:
    return tuple(w for w in key.partition(":")[2].split("-") if w)
