"""Alignment within a story: the same quote across outlets, the same figure about the same thing.

Quotes match when their normalised words are contained one in the other or nearly so
(rapidfuzz partial_ratio), which tolerates truncation, changed punctuation and partial quoting;
groups are built by union-find over matching pairs, so a quote given in full by one outlet and
in two pieces by another ends up in one group. Figures (`facts.FigureFact`) match by meaning:
the same kind of number, the same concept or thing counted, no different party or place, and
sentences that say the same thing (sentence embeddings, numbers masked); whether their values
agree is `judge`'s question, never alignment's.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from newsprism.compare.facts import CHANGE_VERBS, FigureFact
from newsprism.compare.judge import another_measurement
from newsprism.compare.records import AlignedQuote, Citation
from newsprism.compare.sources import People, Source
from newsprism.compare.text import (
    content_words,
    fold,
    normalise,
    same_person,
    sentence_at,
    stem,
)
from newsprism.model import Quote

# partial_ratio (0-100) above which two quotes of 4+ words are the same words quoted with
# changed punctuation or small scraping damage. Set by hand on quotes written for the tests
# (truncated, re-punctuated and re-ordered versions); there is no labelled data for it.
QUOTE_PARTIAL_RATIO = 90.0
# Shortest quote (in content words) that may match by containment alone: two words such as
# "deeply regrets" are distinctive, one word ("regret") is not.
QUOTE_MIN_CONTENT_WORDS = 2


@dataclass(frozen=True, slots=True)
class QuoteItem:
    source: Source
    quote: Quote
    segments: tuple[str, ...]
    """The quoted words, normalised (see `quote_segments`)."""
    speaker: str | None
    person: bool
    """Whether the speaker is a person named in the story (not "a report", "the ministry")."""


def _groups(
    n: int, linked: Callable[[int, int], bool], pairs: Iterable[tuple[int, int]]
) -> list[list[int]]:
    """Connected components of the candidate `pairs` (i < j) for which `linked(i, j)` holds."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        if find(i) != find(j) and linked(i, j):
            parent[find(j)] = find(i)
    components: dict[int, list[int]] = {}
    for i in range(n):
        components.setdefault(find(i), []).append(i)
    return list(components.values())


def _outlets(citations: Sequence[Citation]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.outlet for c in citations))


# --- quotes ----------------------------------------------------------------------------------


_DOUBLE_QUOTED = re.compile(r'"([^"]+)(?:"|$)')
# Curly single quotes mark quotations in British outlets; found before folding, where "’" as
# an apostrophe inside a word ("Beijing’s") can still be told apart.
_SINGLE_QUOTED = re.compile(r"(?<!\w)\u2018([^\u2018\u2019]+)\u2019(?!\w)")


def _quoted_pieces(text: str) -> list[str]:
    """The passages of `text` inside quotation marks, as written (curly singles, then doubles)."""
    pieces = [m.group(1) for m in _SINGLE_QUOTED.finditer(text)]
    folded = fold(text)
    if '"' in folded:
        pieces += [m.group(1) for m in _DOUBLE_QUOTED.finditer(folded)]
    return pieces


_INTERRUPTION = re.compile(r'"[^"]*"')
# The same on text as written: from a closing mark to the next opening one.
_WRITTEN_INTERRUPTION = re.compile(r'\s*[”"][^“”"]*[“"]\s*')


def shown_quote(text: str, direct: bool) -> str:
    """A quote for display: a direct quote split by its attribution ('end game," Devine
    declared. "The end') shows its two parts joined by an ellipsis."""
    if not direct:
        return text.strip()
    return _WRITTEN_INTERRUPTION.sub(" … ", text).strip()


def quote_segments(text: str, direct: bool = False) -> tuple[str, ...]:
    """The quoted words of a quote's content, normalised.

    A quote's content may carry its framing ('Wang said China "deeply regrets" the war');
    only the words inside the quotation marks are the same across outlets. Content with no
    quotation marks is one segment. A direct quote's content is itself inside the marks, so
    marks within it enclose what is NOT quoted: the attribution that splits it
    ('major incident," Okafor said, "and nobody'), which is cut out and the parts rejoined.
    """
    if direct:
        folded = fold(text)
        if folded.count('"') >= 2:
            whole = normalise(_INTERRUPTION.sub(" ", folded))
            return (whole,) if whole else ()
    segments = [normalise(piece) for piece in _quoted_pieces(text)]
    segments = [seg for seg in segments if len(seg.split()) >= 2]
    if not segments:
        whole = normalise(text)
        return (whole,) if whole else ()
    return tuple(dict.fromkeys(segments))


@functools.lru_cache(maxsize=65536)
def segment_match(a: str, b: str) -> int:
    """How many content words two normalised passages share as the same words (0: none).

    The shorter must be inside the longer (partial quoting, truncation) or nearly so
    (rapidfuzz partial_ratio, for changed punctuation and scraping slips). Cached: a large
    story asks the same pairs again for alignment and for speaker conflicts.
    """
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    content = content_words(short)
    if not short or len(content) < QUOTE_MIN_CONTENT_WORDS:
        return 0
    if f" {short} " in f" {long} ":
        return len(content)
    if len(short.split()) < 4 or len(content) < 3:
        return 0
    # A near copy keeps most of its content words whole (at least 0.6 of them in every match
    # on the grown 100k corpus's largest stories); most candidate pairs share two or three
    # words and are rejected here, before the costly fuzzy alignment.
    words = set(content)
    if 2 * len(words & set(content_words(long))) < len(words):
        return 0
    return len(content) if fuzz.partial_ratio(short, long) >= QUOTE_PARTIAL_RATIO else 0


def quote_strength(a: Sequence[str], b: Sequence[str]) -> int:
    """The strongest `segment_match` between two quotes' segments."""
    return max((segment_match(x, y) for x in a for y in b), default=0)


def quotes_match(a: str, b: str) -> bool:
    """Whether two quotes (contents as written) carry the same quoted words."""
    return quote_strength(quote_segments(a), quote_segments(b)) > 0


# "Korval's operations director, Jonas Wik, told analysts", "A spokeswoman for the company,
# Lene Dahl, said": a role followed by the name it belongs to, between commas.
APPOSITIVE = re.compile(r"^(?:\s+(?:for|of|at|from|with)\s+[^,.;]{1,40})?,\s+([^,.;]{3,40}),")


def _named_in_apposition(source: Source, quote: Quote, people: People) -> str | None:
    """The person a role speaker is named as right after it, when the parse kept only the role."""
    span = quote.speaker
    body = source.article.body
    if span is None or not body.startswith(span.text, span.start):
        return None
    found = APPOSITIVE.match(body[span.end : span.end + 120])
    if found is None:
        return None
    written = found.group(1).strip()
    name = people.by_name.get(written, written)
    if people.is_person(name):
        return name
    # The entity layer may know the person by part of the name ("Holm" for "Anders Holm").
    known = [p for p in people.persons if same_person(written, p)]
    return known[0] if len(known) == 1 else None


def quote_items(sources: Sequence[Source], people: People) -> list[QuoteItem]:
    items = []
    for source in sources:
        for quote in source.analysis.quotes:
            segments = quote_segments(quote.content.text, quote.kind == "direct")
            if segments:
                speaker = people.speaker(quote)
                if not people.is_person(speaker):
                    speaker = _named_in_apposition(source, quote, people) or speaker
                items.append(QuoteItem(source, quote, segments, speaker, people.is_person(speaker)))
    return items


def quote_citation(item: QuoteItem) -> Citation:
    quote = item.quote
    body = item.source.article.body
    return Citation(
        article_id=item.source.id,
        outlet=item.source.outlet,
        text=quote.content.text,
        context=sentence_at(body, quote.content.start) or quote.content.text,
        start=quote.content.start,
        end=quote.content.end,
        speaker=item.speaker,
    )


def _sharing_words(items: Sequence[QuoteItem]) -> list[tuple[int, int]]:
    """Pairs of quotes with content words in common, from an index of their words: others
    cannot be the same words, and a large story has hundreds of quotes."""
    index: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        for word in {w for segment in item.segments for w in content_words(segment)}:
            index.setdefault(word, []).append(i)
    shared: Counter[tuple[int, int]] = Counter(
        (holders[a], holders[b])
        for holders in index.values()
        for a in range(len(holders))
        for b in range(a + 1, len(holders))
    )
    # Any match needs QUOTE_MIN_CONTENT_WORDS content words of one quote in the other.
    return sorted(pair for pair, n in shared.items() if n >= QUOTE_MIN_CONTENT_WORDS)


def align_quotes(items: Sequence[QuoteItem]) -> list[tuple[AlignedQuote, list[QuoteItem]]]:
    """Groups of the same quote, most widely reported first, each with its items."""

    def linked(i: int, j: int) -> bool:
        return quote_strength(items[i].segments, items[j].segments) > 0

    aligned = []
    for group in _groups(len(items), linked, _sharing_words(items)):
        members = [items[i] for i in group]
        citations = [quote_citation(m) for m in members]
        # A person named as speaker outranks "a report" or "state media" for the same words.
        speakers = Counter(m.speaker for m in members if m.speaker and m.person)
        speakers = speakers or Counter(m.speaker for m in members if m.speaker)
        fullest = max((seg for m in members for seg in m.segments), key=len)
        shown = max(
            (m for m in members if fullest in m.segments),
            key=lambda m: m.quote.kind == "direct",
        )
        text = next(
            (p for p in _quoted_pieces(shown.quote.content.text) if normalise(p) == fullest),
            shown_quote(shown.quote.content.text, shown.quote.kind == "direct"),
        )
        aligned.append(
            (
                AlignedQuote(
                    text=text.strip(),
                    speaker=speakers.most_common(1)[0][0] if speakers else None,
                    citations=tuple(citations),
                    outlets=_outlets(citations),
                ),
                members,
            )
        )
    aligned.sort(key=lambda pair: (-len(pair[0].outlets), pair[0].citations[0].start))
    return aligned


# --- figures ---------------------------------------------------------------------------------

# Cosine similarity (all-MiniLM-L6-v2, numbers masked) above which two figures' sentences say
# the same thing about the same kind of count, when no concept settles it. Set on the
# conflicts development set and the bundled samples: same-fact pairs there score 0.6-0.95,
# different facts of one story with the same unit mostly 0.2-0.55.
FIGURE_SAME_SENTENCE = 0.6
# Added to the similarity when one figure's party is named in the other's sentence.
HOLDER_NAMED_BONUS = 0.15
# With the same concept ("killed", "jobs cut") the sentences need only be about the same event.
FIGURE_SAME_CONCEPT = 0.2


def _holders_differ(a: FigureFact, b: FigureFact) -> bool:
    if not a.holder or not b.holder:
        return False
    x, y = normalise(a.holder), normalise(b.holder)
    return not (x in y or y in x or same_person(a.holder, b.holder))


def _places_differ(a: FigureFact, b: FigureFact) -> bool:
    if not a.places or not b.places:
        return False
    x = {normalise(p) for p in a.places}
    y = {normalise(p) for p in b.places}
    return not any(p in q or q in p for p in x for q in y)


_NOT_FACTS = frozenset({"needed", "difference", "total", "conditional", "additional", "margin"})


_GENERIC_SHARE_WORDS = frozenset(
    {"share", "percent", "percentage", "point", "rate", "number", "total", "people", "level"}
)


def _specific(fact: FigureFact) -> set[str]:
    words = content_words(f"{fact.figure.subject} {fact.figure.counted}")
    return {stem(w) for w in words} - {stem(w) for w in _GENERIC_SHARE_WORDS}


def could_be_same(a: FigureFact, b: FigureFact) -> bool:
    """Whether two figures may be the same fact before their sentences are compared: the same
    kind of number, both reported facts, no different party, place, concept or thing counted,
    and not two figures of one article."""
    if a.source.id == b.source.id or a.kind != b.kind:
        return False
    if a.modality != b.modality or a.modality in _NOT_FACTS:
        return False
    if _holders_differ(a, b) or _places_differ(a, b) or another_measurement(a, b):
        return False
    classes = a.counted_class, b.counted_class
    if a.concept and b.concept:
        # One concept, but not of different things counted: "won 2,383 delegates" is not
        # "won 15.6 million votes" (workers who lose jobs and jobs cut are one count).
        alike = not all(classes) or classes[0] == classes[1] or "people" in classes
        return a.concept == b.concept and alike
    # Without a concept, two known verbs must be the same verb ("raised $58 million" is not
    # "began March with $20 million").
    # "Inflation stood at 3.1 percent" and "eased to 2.8 percent" give one level, though.
    verbs = a.figure.predicate.split()[:1], b.figure.predicate.split()[:1]
    if all(verbs) and verbs[0] != verbs[1] and not set(verbs[0] + verbs[1]) <= CHANGE_VERBS:
        return False
    # A share says of what only in its words: "inflation" in both, not any two percentages.
    if a.kind in {"%", "percentage points"} and not _specific(a) & _specific(b):
        return False
    if a.kind == "count" and not all(classes):
        return False  # a bare number: nothing says what it counts
    return not (all(classes) and classes[0] != classes[1])


def figure_affinity(a: FigureFact, b: FigureFact, similarity: float) -> float | None:
    """How strongly two figures are the same fact (higher is stronger); None when they cannot
    be (`could_be_same`) or their sentences say different things."""
    if not could_be_same(a, b):
        return None
    # One names the party and the other's sentence names it too ("Unity came second with 31").
    if any(
        x.holder[:1].isupper() and not y.holder and x.holder in y.sentence
        for x, y in ((a, b), (b, a))
    ):
        similarity += HOLDER_NAMED_BONUS
    if a.concept and b.concept:
        return 1.0 + similarity if similarity >= FIGURE_SAME_CONCEPT else None
    return similarity if similarity >= FIGURE_SAME_SENTENCE else None


def same_kind_pairs(facts: Sequence[FigureFact]) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) of figures of one kind of number from different articles: the only
    pairs that can be one fact."""
    by_kind: dict[str, list[int]] = {}
    for i, fact in enumerate(facts):
        by_kind.setdefault(fact.kind, []).append(i)
    for members in by_kind.values():
        for a, i in enumerate(members):
            for j in members[a + 1 :]:
                if facts[i].source.id != facts[j].source.id:
                    yield i, j


def align_figure_facts(
    facts: Sequence[FigureFact], similarity: np.ndarray
) -> list[list[FigureFact]]:
    """Groups of figures that are the same fact, strongest pairs first; a figure joins a group
    only when it could be the same fact as every member, and never beside another figure of
    its own article (one article gives two different counts, not one count twice)."""
    n = len(facts)
    pairs = []
    for i, j in same_kind_pairs(facts):
        score = figure_affinity(facts[i], facts[j], float(similarity[i, j]))
        if score is not None:
            pairs.append((score, i, j))
    pairs.sort(reverse=True)
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _, i, j in pairs:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        joined = members[gi] + members[gj]
        articles = [facts[k].source.id for k in joined]
        if len(set(articles)) < len(articles):
            continue
        if any(
            figure_affinity(facts[x], facts[y], float(similarity[x, y])) is None
            for x in members[gi]
            for y in members[gj]
        ):
            continue
        for k in members[gj]:
            group_of[k] = gi
        members[gi] = joined
        del members[gj]
    groups = [[facts[k] for k in sorted(ks)] for ks in members.values()]
    groups.sort(key=lambda g: (-len({f.outlet for f in g}), g[0].figure.text.start))
    return groups


def several_values(
    group: Sequence[FigureFact],
    facts: Sequence[FigureFact],
    similarity: np.ndarray,
    aligned: set[int],
) -> set[str]:
    """Articles of the group that give another value for the same fact too ("leads by 5 points
    in one poll and by 7 in another"): such an article has no single figure to contradict.
    A figure aligned with other outlets' elsewhere (`aligned`, by id) is another fact, and a
    group with a concept ("killed") takes only figures of that concept as its other values."""
    index = {id(fact): i for i, fact in enumerate(facts)}
    members = [index[id(fact)] for fact in group]
    articles = {facts[m].source.id for m in members}
    concept = group[0].concept
    found = set()
    for k, other in enumerate(facts):
        if k in members or other.source.id not in articles or id(other) in aligned:
            continue
        if concept and other.concept != concept:
            continue
        # Another party's or place's figure is another fact ("the Greens' 19 seats" beside
        # "Unity's 34"), even where a member of another article names no party.
        if any(
            _holders_differ(other, facts[m]) or _places_differ(other, facts[m]) for m in members
        ):
            continue
        if any(
            figure_affinity(other, facts[m], float(similarity[k, m])) is not None
            for m in members
            if facts[m].source.id != other.source.id
        ):
            found.add(other.source.id)
    return found


__all__ = [
    "QUOTE_MIN_CONTENT_WORDS",
    "QUOTE_PARTIAL_RATIO",
    "QuoteItem",
    "align_figure_facts",
    "align_quotes",
    "could_be_same",
    "figure_affinity",
    "quote_items",
    "quotes_match",
    "same_kind_pairs",
    "several_values",
]
