"""Judging aligned figures as an editor would: agree, compatible, update, differ or conflict.

Values are compared as the intervals their wording allows: "about 1,500" is not 1,200, but
"more than 100" and "some 120" can both be right; "at least 17 dead" and "23 died", reported on
the same day, cannot (an outlet that knew of 23 deaths would not write "at least 17"). Two
reports on different days of a count that moves (deaths, people missing, homes without power)
are an update, not a conflict; nor is a sentence that marks its count as later ("still",
"rose to"). Precision comes first: a vague figure ("hundreds") agrees with anything.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from itertools import combinations

from newsprism.compare.facts import CUMULATIVE, DEVELOPING, FigureFact
from newsprism.compare.records import Citation, Conflict
from newsprism.compare.text import words
from newsprism.model import Figure

_LOWER_BOUND = ("more than", "over", "at least", "above", "upwards of", "in excess of", "exceed")
_JUST_OVER = ("just over", "a little over", "slightly more than")
_UPPER_BOUND = ("fewer than", "less than", "under", "below", "up to", "at most", "as many as")
_JUST_BELOW = ("just under", "just shy of", "a little under", "slightly less than")
_NEARLY = ("nearly", "almost", "close to", "approaching", "nearly half")
_ABOUT = ("about", "around", "approximately", "roughly", "some", "estimated", "an estimated")
# How far a bound reaches: news writes "at least 17 dead" when 17 are confirmed, and "more than
# 100 firefighters" for 100-odd, so a lower bound allows up to a quarter more. "about" allows a
# tenth either way (beyond the rounding of the number as written), "nearly" up to a tenth less.
# Chosen by reading how outlets hedge counts (the conflicts development set and the bundled
# samples); not fitted to either.
LOWER_BOUND_REACH = 1.25
ABOUT_REACH = 0.10
NEARLY_REACH = 0.10
JUST_REACH = 0.02

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
        "few",
        "many",
        "numerous",
        "countless",
    ]
)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")

# Values further apart than this factor are different quantities that happen to share words
# ("the plant employs 4,800", "the unit employs 300"), not two reports of one.
MAX_CONFLICT_RATIO = 3.0
# Reports further apart than this (days) are not compared on figures: polls, prices and counts
# move on, and the older figure was right when it was printed (PolNeAR's poll stories).
FIGURE_MAX_DAYS_APART = 2


def _rounding(written: str, value: float) -> float:
    """Half the place of the last significant digit as written: "700,000" -> 50,000; a number
    in words ("three", "two million") is exact to its leading digit."""
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
    text = " " + " ".join(words(f"{qualifier or ''} {written}")) + " "
    return any(f" {v} " in text for v in _VAGUE) or " tens of " in text or " a few " in text


def _has(q: str, options: Sequence[str]) -> bool:
    return any(f" {o} " in f" {q} " for o in options)


@functools.lru_cache(maxsize=65536)
def value_interval(value: float, written: str, qualifier: str | None) -> tuple[float, float] | None:
    """The values a figure's wording allows; None when vague (agrees with anything)."""
    if is_vague(written, qualifier):
        return None
    q = (qualifier or "").casefold()
    tolerance = max(_rounding(written, value), abs(value) * 0.01)
    if _has(q, _JUST_OVER):
        return (value - tolerance, value * (1 + JUST_REACH) + tolerance)
    if _has(q, _JUST_BELOW):
        return (value * (1 - JUST_REACH) - tolerance, value + tolerance)
    if _has(q, _NEARLY):
        return (value * (1 - NEARLY_REACH) - tolerance, value + tolerance)
    if _has(q, _LOWER_BOUND):
        return (value - tolerance, value * LOWER_BOUND_REACH + tolerance)
    if _has(q, _UPPER_BOUND):
        return (-math.inf, value + tolerance)
    if _has(q, _ABOUT):
        return (value * (1 - ABOUT_REACH) - tolerance, value * (1 + ABOUT_REACH) + tolerance)
    if q:  # a qualifier we do not know ("only", "a further"): claim no precision
        return (value * 0.7 - tolerance, value * 1.3 + tolerance)
    return (value - tolerance, value + tolerance)


def figure_interval(figure: Figure) -> tuple[float, float] | None:
    """`value_interval` of a Figure record (a range "10 to 20" allows both ends)."""
    low = value_interval(figure.value, figure.text.text, figure.qualifier)
    if low is not None and figure.upper is not None:
        return (low[0], max(low[1], figure.upper))
    return low


def intervals_overlap(a: tuple[float, float] | None, b: tuple[float, float] | None) -> bool:
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


def figures_agree(a: Figure, b: Figure) -> bool:
    """Whether two figures for the same thing can both be right."""
    return intervals_overlap(figure_interval(a), figure_interval(b))


def _same_party(a: FigureFact, b: FigureFact) -> bool:
    """Whether both figures are known to be the same party's: a party one names must be named
    in the other's sentence too ("Korval Motors will cut 1,200 jobs" and "1,500 workers at
    Korval Motors' factory"; not "he raised $5.7 million" and "the group raised $4 million")."""
    for x, y in ((a, b), (b, a)):
        named = x.holder and re.search(r"\b" + re.escape(x.holder) + r"\b", y.sentence)
        if x.holder and x.holder != y.holder and not named:
            return False
    return True


def another_measurement(a: FigureFact, b: FigureFact) -> bool:
    """Values that cannot be one fact reported twice: several times apart ("the plant employs
    4,800", "the unit employs 300"), or different in reports days apart (polls, tallies and
    prices move on: the older figure was right when it was printed). Alignment keeps such
    figures apart, so `pair_status` never sees them."""
    if figures_agree(a.figure, b.figure):
        return False
    low, high = sorted([abs(a.figure.value), abs(b.figure.value)])
    if low == 0 or high / low > MAX_CONFLICT_RATIO:
        return True
    if a.day is None or b.day is None or a.source.inferred or b.source.inferred:
        return False
    return abs((a.day - b.day).days) > FIGURE_MAX_DAYS_APART


def pair_status(a: FigureFact, b: FigureFact) -> str:
    """How two outlets' values for the same fact stand: "agree", "compatible", "update",
    "differ" or "conflict". The two are of one aligned group, so not `another_measurement`."""
    if figures_agree(a.figure, b.figure):
        fa, fb = a.figure, b.figure
        worded_alike = (fa.qualifier or "").casefold() == (fb.qualifier or "").casefold()
        same = fa.value == fb.value and fa.upper == fb.upper and worded_alike
        return "agree" if same and not is_vague(fa.text.text, fa.qualifier) else "compatible"
    if not (a.contestable and b.contestable) or not _same_party(a, b):
        return "differ"  # polls, side-by-side figures, or a party only one of them names
    if a.day is None or b.day is None or a.source.inferred or b.source.inferred:
        # No dates: a count that moves may have moved; anything else should not differ.
        return "differ" if a.concept in DEVELOPING else "conflict"
    apart = abs((a.day - b.day).days)
    if not apart:
        return "conflict"
    earlier, later = (a, b) if a.day < b.day else (b, a)
    if a.concept in CUMULATIVE and later.figure.value < earlier.figure.value:
        return "conflict"  # a toll that falls a day later contradicts the first report
    if a.concept in DEVELOPING or a.update or b.update:
        return "update"  # a later count ("still 9,000 without power", "rose to five")
    return "conflict"


_ORDER = ("conflict", "update", "differ", "compatible", "agree")


def group_status(
    facts: Sequence[FigureFact], several: set[str] | frozenset[str] = frozenset()
) -> tuple[str, list[tuple[FigureFact, FigureFact]]]:
    """The status of an aligned group and its conflicting pairs ("one outlet" when only one
    outlet gives the fact). An outlet that agrees with another on some value confirms it,
    whatever else it gives; an article in `several` gives more than one value for the fact, so
    it differs from others but contradicts no one."""
    if len({fact.outlet for fact in facts}) < 2:
        return "one outlet", []
    by_article: dict[str, list[FigureFact]] = {}
    for fact in facts:
        by_article.setdefault(fact.source.id, []).append(fact)
    statuses: list[str] = []
    clashes: list[tuple[FigureFact, FigureFact]] = []
    for mine, theirs in combinations(by_article.values(), 2):
        # Outlets are compared, not one outlet's articles (its later one updates the earlier).
        if mine[0].outlet == theirs[0].outlet:
            continue
        pairs = [(x, y, pair_status(x, y)) for x in mine for y in theirs]
        best = min(pairs, key=lambda p: _ORDER[::-1].index(p[2]))
        if best[2] == "conflict" and {best[0].source.id, best[1].source.id} & several:
            best = (best[0], best[1], "differ")
        statuses.append(best[2])
        if best[2] == "conflict":
            clashes.append((best[0], best[1]))
    return min(statuses, key=_ORDER.index), clashes


def figure_citation(fact: FigureFact) -> Citation:
    figure = fact.figure
    return Citation(
        article_id=fact.source.id,
        outlet=fact.source.outlet,
        text=figure.text.text,
        context=fact.sentence,
        start=figure.text.start,
        end=figure.text.end,
        value=figure.value,
        qualifier=figure.qualifier,
        day=fact.source.day,
        inferred=fact.source.inferred,
    )


def figure_conflict(what: str, clashes: Sequence[tuple[FigureFact, FigureFact]]) -> Conflict:
    """One conflict for an aligned group, with every clashing side's own words."""
    seen: dict[tuple[str, int], Citation] = {}
    for pair in clashes:
        for fact in pair:
            seen.setdefault((fact.source.id, fact.figure.text.start), figure_citation(fact))
    sides = tuple(seen.values())
    versions = "; ".join(f"{c.outlet}: {c.text}" for c in sides)
    return Conflict(
        kind="figure",
        topic=what,
        description=f"Different figures for {what}: {versions}.",
        sides=sides,
    )
