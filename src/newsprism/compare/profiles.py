"""Each outlet's sourcing profile across the corpus: what kinds of source it relies on, in what
shares, and which sources it cites most.

Built from the stored articles and analyses with the same classification a story's source x
outlet table uses (`sourcing.article_sources`); a pronoun speaker ("he said") is the person
already counted for the quote it continues, so it adds no source.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from newsprism.compare.sourcing import KINDS, article_sources
from newsprism.model import Analysis, Article


@dataclass(frozen=True, slots=True)
class OutletProfile:
    """How one outlet sources its reporting."""

    outlet: str
    articles: int
    attributions: int
    shares: tuple[tuple[str, float], ...]
    """(kind, share of attributions) for every kind in `sourcing.KINDS`."""
    top: tuple[tuple[str, int], ...]
    """The most cited sources and how often."""

    def share(self, kind: str) -> float:
        return dict(self.shares).get(kind, 0.0)


def outlet_profiles(
    records: Iterable[tuple[Article, Analysis]], outlet: str | None = None, top: int = 8
) -> list[OutletProfile]:
    """Sourcing profiles by outlet (one outlet's with `outlet`), most attributions first."""
    kinds: dict[str, Counter[str]] = {}
    names: dict[str, Counter[str]] = {}
    articles: Counter[str] = Counter()
    records = list(records)
    known = {article.outlet for article, _ in records}  # outlets of the corpus cite each other
    for article, analysis in records:
        if outlet is not None and article.outlet.casefold() != outlet.casefold():
            continue
        articles[article.outlet] += 1
        for _, ref in article_sources(article, analysis, outlets=known):
            kinds.setdefault(article.outlet, Counter())[ref.kind] += 1
            names.setdefault(article.outlet, Counter())[ref.name] += 1
    profiles = []
    for name, count in articles.items():
        by_kind = kinds.get(name, Counter())
        total = sum(by_kind.values())
        profiles.append(
            OutletProfile(
                outlet=name,
                articles=count,
                attributions=total,
                shares=tuple((k, round(by_kind[k] / total, 3) if total else 0.0) for k in KINDS),
                top=tuple(names.get(name, Counter()).most_common(top)),
            )
        )
    profiles.sort(key=lambda p: (-p.attributions, p.outlet))
    return profiles
