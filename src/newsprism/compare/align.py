"""Alignment within a story: the same quote across outlets, the same figure about the same thing.

Quotes match when their normalised words are contained one in the other or nearly so
(rapidfuzz partial_ratio), which tolerates truncation, changed punctuation and partial quoting.
Figures match when they count the same kind of thing (unit and subject words); whether their
values agree is decided from intervals that honour qualifiers ("nearly", "more than") and the
rounding of the number as written. Groups are built by union-find over matching pairs, so a
quote given in full by one outlet and in two pieces by another ends up in one group.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from newsprism.compare.records import AlignedFigure, AlignedQuote, Citation
from newsprism.compare.sources import People, Source
from newsprism.compare.text import (
    content_words,
    fold,
    jaccard,
    normalise,
    sentence_at,
    stem,
    stems,
    words,
)
from newsprism.model import Figure, Quote

# partial_ratio (0-100) above which two quotes of 4+ words are the same words quoted with
# changed punctuation or small scraping damage. Set by hand on quotes written for the tests
# (truncated, re-punctuated and re-ordered versions); there is no labelled data for it.
QUOTE_PARTIAL_RATIO = 90.0
# Shortest quote (in content words) that may match by containment alone: two words such as
# "deeply regrets" are distinctive, one word ("regret") is not.
QUOTE_MIN_CONTENT_WORDS = 2

# Words that name what is counted but not which thing: such a figure needs its sentence to
# agree too before it is taken as the same fact ("300 people" arrested vs "300 people" fled).
_GENERIC_THINGS = frozenset(
    stem(w)
    for w in [
        "people",
        "person",
        "percent",
        "per",
        "cent",
        "time",
        "year",
        "month",
        "week",
        "day",
        "number",
        "total",
        "figure",
        "one",
        "thing",
        "member",
        "resident",
        "man",
        "woman",
        "share",
        "rate",
    ]
)
# Words news uses interchangeably for the same count, folded to one concept so that "three
# people were killed" and "five people died" are seen as figures for the same thing.
# Written for this project.
_CONCEPT_WORDS = {
    "dead": "killed died dead death deaths fatality fatalities life lives toll",
    "injured": "injured injure injuries injury wounded hurt",
    "displaced": "fled flee refugee refugees displaced evacuated evacuee evacuees",
    "arrested": "arrested arrest arrests detained detention",
}
_CONCEPTS = {stem(w): concept for concept, ws in _CONCEPT_WORDS.items() for w in ws.split()}
# Words either side of a figure that say what it is about ("inflation stood at 3.1 percent in
# February"), compared when the subjects alone do not decide.
FIGURE_WINDOW = 8


@dataclass(frozen=True, slots=True)
class QuoteItem:
    source: Source
    quote: Quote
    segments: tuple[str, ...]
    """The quoted words, normalised (see `quote_segments`)."""
    speaker: str | None
    person: bool
    """Whether the speaker is a person named in the story (not "a report", "the ministry")."""


@dataclass(frozen=True, slots=True)
class FigureItem:
    source: Source
    figure: Figure
    things: frozenset[str]
    context: frozenset[str]
    sentence: str


def _groups(n: int, linked: Callable[[int, int], bool]) -> list[list[int]]:
    """Connected components of the pairs (i, j) for which `linked(i, j)` holds."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
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


def segment_match(a: str, b: str) -> int:
    """How many content words two normalised passages share as the same words (0: none).

    The shorter must be inside the longer (partial quoting, truncation) or nearly so
    (rapidfuzz partial_ratio, for changed punctuation and scraping slips).
    """
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    content = len(content_words(short))
    if not short or content < QUOTE_MIN_CONTENT_WORDS:
        return 0
    if f" {short} " in f" {long} ":
        return content
    if len(short.split()) < 4 or content < 3:
        return 0
    return content if fuzz.partial_ratio(short, long) >= QUOTE_PARTIAL_RATIO else 0


def quote_strength(a: Sequence[str], b: Sequence[str]) -> int:
    """The strongest `segment_match` between two quotes' segments."""
    return max((segment_match(x, y) for x in a for y in b), default=0)


def quotes_match(a: str, b: str) -> bool:
    """Whether two quotes (contents as written) carry the same quoted words."""
    return quote_strength(quote_segments(a), quote_segments(b)) > 0


def quote_items(sources: Sequence[Source], people: People) -> list[QuoteItem]:
    items = []
    for source in sources:
        for quote in source.analysis.quotes:
            segments = quote_segments(quote.content.text, quote.kind == "direct")
            if segments:
                speaker = people.speaker(quote)
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


def align_quotes(items: Sequence[QuoteItem]) -> list[tuple[AlignedQuote, list[QuoteItem]]]:
    """Groups of the same quote, most widely reported first, each with its items."""

    def linked(i: int, j: int) -> bool:
        return quote_strength(items[i].segments, items[j].segments) > 0

    aligned = []
    for group in _groups(len(items), linked):
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

_LOWER_BOUND = ("more than", "over", "at least", "above", "upwards of", "in excess of", "exceed")
_UPPER_BOUND = ("fewer than", "less than", "under", "below", "up to", "at most", "as many as")
_JUST_BELOW = ("nearly", "almost", "close to", "just under", "just shy of", "approaching")
_ABOUT = ("about", "around", "approximately", "roughly", "some", "estimated", "an estimated")


# Words that make a figure an order of magnitude rather than a number ("hundreds of homes").
_VAGUE = frozenset(
    [
        "dozens",
        "scores",
        "hundreds",
        "thousands",
        "millions",
        "billions",
        "several",
        "a few",
        "many",
        "numerous",
        "countless",
        "tens of",
    ]
)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _rounding(written: str, value: float) -> float:
    """Half the place of the last significant digit as written: "700,000" -> 50,000.

    Digits decide where there are digits; a number in words ("three", "two million") is taken
    as exact to its leading digit.
    """
    found = _NUMBER.search(written)
    if not found:
        magnitude = abs(value)
        return 0.5 if magnitude < 100 else 0.5 * 10 ** math.floor(math.log10(magnitude))
    number = found.group().replace(",", "")
    shown = float(number)
    scale = max(1.0, abs(value) / shown) if shown and value else 1.0
    if "." in number:
        return 0.5 * 10 ** -len(number.split(".")[1]) * scale
    stripped = number.rstrip("0")
    place = 10 ** (len(number) - len(stripped)) if stripped else 1
    return 0.5 * place * scale


def is_vague(written: str, qualifier: str | None) -> bool:
    """Whether a figure is an order of magnitude ("hundreds") rather than a number."""
    text = " ".join(words(f"{qualifier or ''} {written}"))
    return any(f" {v} " in f" {text} " for v in _VAGUE)


def value_interval(value: float, written: str, qualifier: str | None) -> tuple[float, float] | None:
    """The values a figure allows, from its qualifier and its rounding; None when vague.

    A vague figure ("hundreds", "dozens") agrees with anything, so it never makes a conflict.
    """
    if is_vague(written, qualifier):
        return None
    q = (qualifier or "").casefold()
    tolerance = max(_rounding(written, value), abs(value) * 0.01)
    if any(word in q for word in _LOWER_BOUND):
        return (value - tolerance, math.inf)
    if any(word in q for word in _UPPER_BOUND):
        return (-math.inf, value + tolerance)
    if any(word in q for word in _JUST_BELOW):
        return (value * 0.85 - tolerance, value + tolerance)
    if any(word in q for word in _ABOUT):
        return (value * 0.8 - tolerance, value * 1.2 + tolerance)
    if q:  # a qualifier we do not know: do not claim precision it may not have
        return (value * 0.7 - tolerance, value * 1.3 + tolerance)
    return (value - tolerance, value + tolerance)


def figure_interval(figure: Figure) -> tuple[float, float] | None:
    """`value_interval` of a Figure record."""
    return value_interval(figure.value, figure.text.text, figure.qualifier)


def intervals_overlap(a: tuple[float, float] | None, b: tuple[float, float] | None) -> bool:
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


def figures_agree(a: Figure, b: Figure) -> bool:
    """Whether two figures for the same thing can both be right."""
    return intervals_overlap(figure_interval(a), figure_interval(b))


def _unit_kind(figure: Figure) -> str:
    unit = figure.unit.strip()
    if unit in {"%", "percent", "per cent", "percentage"}:
        return "%"
    if re.fullmatch(r"[A-Z]{3}|[$€£¥]", unit):
        return unit
    return "count"


def _concepts(words: set[str]) -> frozenset[str]:
    return frozenset(_CONCEPTS.get(word, word) for word in words)


def figure_things(figure: Figure) -> frozenset[str]:
    """Stemmed words naming what a figure counts (subject, counted noun, unit noun)."""
    things = stems(figure.subject) | stems(figure.counted)
    if _unit_kind(figure) == "count":
        things |= stems(figure.unit)
    return _concepts(things)


def _window(sentence: str, written: str) -> set[str]:
    tokens = words(sentence)
    target = words(written)
    at = next(
        (i for i in range(len(tokens)) if target and tokens[i : i + len(target)] == target), 0
    )
    near = tokens[max(0, at - FIGURE_WINDOW) : at + len(target) + FIGURE_WINDOW]
    return stems(" ".join(near))


def figure_sentence(source: Source, figure: Figure) -> str:
    """The figure's sentence, cut at paragraph breaks (the parser's may run across them)."""
    body = source.article.body
    if 0 <= figure.text.start < len(body) and body.startswith(figure.text.text, figure.text.start):
        found = sentence_at(body, figure.text.start)
        if found:
            return found
    return figure.sentence.strip()


def figure_items(sources: Sequence[Source]) -> list[FigureItem]:
    items = []
    for source in sources:
        for figure in source.analysis.figures:
            things = figure_things(figure)
            sentence = figure_sentence(source, figure)
            context = _concepts(_window(sentence, figure.text.text)) - things
            items.append(FigureItem(source, figure, things, frozenset(context), sentence))
    return items


def _unit_nouns(figure: Figure) -> frozenset[str]:
    return _concepts(stems(figure.unit)) if _unit_kind(figure) == "count" else frozenset()


def same_thing(a: FigureItem, b: FigureItem) -> bool:
    """Whether two figures count the same thing (so their values should agree).

    Subjects decide when they share specific words; otherwise the words around the two
    figures must overlap as well. Counts of different nouns ("villages", "homes") never match.
    """
    kind = _unit_kind(a.figure)
    if kind != _unit_kind(b.figure) or not a.things or not b.things:
        return False
    ua, ub = _unit_nouns(a.figure), _unit_nouns(b.figure)
    if ua and ub and not ua & ub:
        return False
    shared = a.things & b.things
    # The counted noun alone ("votes", "villages") does not say which count: what is said
    # about it (its subject words or its sentence) must agree too.
    specific = shared - _GENERIC_THINGS - ua - ub
    context = len(a.context & b.context), jaccard(set(a.context), set(b.context))
    # A share or a sum of money is about something only its named subject tells; a count of
    # "people" says little. Without enough specific words, the sentences must agree too.
    enough = 1 if kind == "count" else 2
    if specific and jaccard(set(a.things), set(b.things)) >= 0.5 and len(specific) >= enough:
        return True
    if specific and context[0] >= 2 and context[1] >= 0.15:
        return True
    counted = bool(ua & ub - _GENERIC_THINGS)
    # "520 superdelegates" in two outlets: the same specific noun with the same exact value
    # and a word of context in common is one fact reported twice (PolNeAR's delegate counts).
    if counted and _same_exact_value(a.figure, b.figure) and context[0] >= 1:
        return True
    return counted and context[0] >= 3 and context[1] >= 0.25


def _same_exact_value(a: Figure, b: Figure) -> bool:
    return (
        a.value == b.value
        and a.upper is None
        and b.upper is None
        and not a.qualifier
        and not b.qualifier
    )


def figure_citation(item: FigureItem) -> Citation:
    figure = item.figure
    return Citation(
        article_id=item.source.id,
        outlet=item.source.outlet,
        text=figure.text.text,
        context=item.sentence,
        start=figure.text.start,
        end=figure.text.end,
        value=figure.value,
        qualifier=figure.qualifier,
        day=item.source.day,
        inferred=item.source.inferred,
    )


def align_figures(items: Sequence[FigureItem]) -> list[tuple[AlignedFigure, list[FigureItem]]]:
    """Groups of figures about the same thing, most widely reported first."""
    aligned = []
    for group in _groups(len(items), lambda i, j: same_thing(items[i], items[j])):
        members = [items[i] for i in group]
        citations = [figure_citation(m) for m in members]
        first = members[0].figure
        subject = first.subject or first.counted or first.unit
        aligned.append(
            (
                AlignedFigure(
                    subject=subject,
                    unit=first.unit,
                    text=first.text.text,
                    citations=tuple(citations),
                    outlets=_outlets(citations),
                ),
                members,
            )
        )
    aligned.sort(key=lambda pair: -len(pair[0].outlets))
    return aligned


__all__ = [
    "QUOTE_MIN_CONTENT_WORDS",
    "QUOTE_PARTIAL_RATIO",
    "FigureItem",
    "QuoteItem",
    "align_figures",
    "align_quotes",
    "figure_interval",
    "figure_items",
    "figures_agree",
    "quote_items",
    "quotes_match",
    "same_thing",
]
