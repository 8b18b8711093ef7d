"""The brief: an extractive summary of the story, each sentence cited to every outlet that
reports it, plus key people, figures and quotes.

Sentences are scored by how central they are to the story (TF-IDF cosine to the centroid of all
sentences), how many outlets report them, and how early they come in their article; then
picked by maximal marginal relevance so that no two say the same thing. A sentence is cited to
another outlet when that outlet has a sentence close to it (TF-IDF cosine or fuzzy word match),
or reports a quote or figure that the sentence contains.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from newsprism.compare.judge import intervals_overlap, value_interval
from newsprism.compare.records import (
    AlignedFigure,
    AlignedQuote,
    Brief,
    BriefSentence,
    Citation,
    Conflict,
)
from newsprism.compare.sources import People, Source
from newsprism.compare.text import content_words, normalise, same_person, sentences, words

BRIEF_MIN = 5
BRIEF_MAX = 8
# MMR trade-off between relevance and novelty, and the similarity above which a candidate
# repeats a chosen sentence outright. Set by hand on the sample articles (no labelled data).
MMR_LAMBDA = 0.7
REDUNDANT_SIMILARITY = 0.55
# A sentence of another outlet reports the same thing above this TF-IDF cosine or this
# rapidfuzz ratio of normalised words (wire copy with small edits).
SAME_SENTENCE_COSINE = 0.5
SAME_SENTENCE_RATIO = 85.0

_MIN_WORDS, _MAX_WORDS = 6, 60
# A sentence that opens on a pronoun leans on the one before it; out of context it confuses.
_DANGLING = frozenset(
    ["he", "she", "they", "it", "this", "that", "these", "those", "his", "her", "their", "its"]
)


@dataclass(frozen=True, slots=True)
class _Candidate:
    source: Source
    order: int
    start: int
    end: int
    text: str
    paragraph: int


def _candidates(sources: Sequence[Source]) -> list[_Candidate]:
    found = []
    for order, source in enumerate(sources):
        body = source.article.body
        for start, end in sentences(body):
            text = body[start:end].strip()
            count = len(words(text))
            if not _MIN_WORDS <= count <= _MAX_WORDS or text.endswith("?") or "[" in text:
                continue
            paragraph = body.count("\n\n", 0, start)
            found.append(_Candidate(source, order, start, end, text, paragraph))
    return found


_COPY_FLOOR = 0.2
_Span = tuple[Citation, Sequence[Citation], bool]


def _spans_by_article(
    quotes: Sequence[AlignedQuote], figures: Sequence[AlignedFigure]
) -> dict[str, list[_Span]]:
    """Each article's quote and figure citations, with their group's citations (and whether
    the group is a figure), so that a sentence looks only at its own article's."""
    found: dict[str, list[_Span]] = {}
    for group, is_figure in [(q.citations, False) for q in quotes] + [
        (f.citations, True) for f in figures
    ]:
        for citation in group:
            found.setdefault(citation.article_id, []).append((citation, group, is_figure))
    return found


def _span_outlets(candidate: _Candidate, spans: Sequence[_Span]) -> set[str]:
    """Outlets that report a quote, or a figure of the same value, found in the sentence."""
    found: set[str] = set()
    for mine, group, is_figure in spans:
        if not candidate.start <= mine.start < candidate.end:
            continue
        if is_figure:
            here = _interval(mine)
            found.update(
                other.outlet
                for other in group
                if here is not None and intervals_overlap(here, _interval(other))
            )
        else:
            # An outlet that gives the words to someone else does not report this sentence.
            found.update(
                other.outlet
                for other in group
                if not (mine.speaker and other.speaker) or same_person(mine.speaker, other.speaker)
            )
    return found


def _interval(citation: Citation) -> tuple[float, float] | None:
    if citation.value is None:
        return None
    return value_interval(citation.value, citation.text, citation.qualifier)


def _conflict_sides(
    candidates: Sequence[_Candidate], conflicts: Sequence[Conflict]
) -> list[set[int]]:
    """For each candidate, the conflicts (by index) that have a side inside it."""
    found: list[set[int]] = [set() for _ in candidates]
    for index, conflict in enumerate(conflicts):
        for side in conflict.sides:
            for i, candidate in enumerate(candidates):
                if (
                    side.article_id == candidate.source.id
                    and candidate.start <= side.start < candidate.end
                ):
                    found[i].add(index)
    return found


def _cite(
    candidates: Sequence[_Candidate],
    similarity: np.ndarray,
    quotes: Sequence[AlignedQuote],
    figures: Sequence[AlignedFigure],
    conflicts: Sequence[Conflict],
) -> list[tuple[str, ...]]:
    """For each candidate: its own outlet first, then every other outlet that reports it.

    A similar sentence on the other side of a conflict (the same event, another date) is not
    a report of the same thing.
    """
    norms = [normalise(c.text) for c in candidates]
    sides = _conflict_sides(candidates, conflicts)
    spans = _spans_by_article(quotes, figures)
    cited = []
    for i, candidate in enumerate(candidates):
        outlets = {candidate.source.outlet} | _span_outlets(
            candidate, spans.get(candidate.source.id, ())
        )
        # Two sentences 85% alike in their words share words: the rest cannot be a copy.
        for j in map(int, np.nonzero(similarity[i] >= _COPY_FLOOR)[0]):
            other = candidates[j]
            if other.source.outlet in outlets or sides[i] & sides[j]:
                continue
            if (
                similarity[i, j] >= SAME_SENTENCE_COSINE
                or fuzz.ratio(norms[i], norms[j]) >= SAME_SENTENCE_RATIO
            ):
                outlets.add(other.source.outlet)
        own = candidate.source.outlet
        cited.append((own, *sorted(outlets - {own})))
    return cited


def summarise(
    sources: Sequence[Source],
    quotes: Sequence[AlignedQuote],
    figures: Sequence[AlignedFigure],
    people: People,
    outlets: Sequence[str],
    conflicts: Sequence[Conflict] = (),
) -> Brief:
    """The story's brief: 5-8 cited sentences, key people, key figures, key quotes."""
    return Brief(
        sentences=tuple(brief_sentences(sources, quotes, figures, outlets, conflicts)),
        key_people=tuple(key_people(sources, people)),
        key_figures=tuple(_key_figures(figures)),
        key_quotes=tuple(_key_quotes(quotes, people)),
    )


def brief_sentences(
    sources: Sequence[Source],
    quotes: Sequence[AlignedQuote],
    figures: Sequence[AlignedFigure],
    outlets: Sequence[str],
    conflicts: Sequence[Conflict] = (),
) -> list[BriefSentence]:
    """5-8 central, non-redundant sentences, in story order, each with its outlets."""
    # Imported here: scikit-learn takes a second to import, and every CLI command imports this.
    from sklearn.feature_extraction.text import TfidfVectorizer

    candidates = _candidates(sources)
    if not candidates:
        return []
    try:
        matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
            [c.text for c in candidates]
        )
    except ValueError:  # only stop words: nothing to rank by
        return []
    similarity = (matrix @ matrix.T).toarray()
    centroid = np.asarray(matrix.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid) or 1.0
    centrality = matrix @ (centroid / norm)
    if centrality.max() > 0:
        centrality = centrality / centrality.max()
    cited = _cite(candidates, similarity, quotes, figures, conflicts)
    n_outlets = max(1, len(outlets))
    scores = []
    for i, candidate in enumerate(candidates):
        support = (len(cited[i]) - 1) / max(1, n_outlets - 1) if n_outlets > 1 else 0.0
        position = 1.0 / (1.0 + 0.25 * candidate.paragraph)
        score = 0.5 * centrality[i] + 0.3 * support + 0.2 * position
        if words(candidate.text)[0] in _DANGLING:
            score *= 0.5
        scores.append(score)

    target = min(BRIEF_MAX, max(BRIEF_MIN, len(candidates) // 4))
    chosen: list[int] = []
    remaining = set(range(len(candidates)))
    while remaining and len(chosen) < target:
        best, best_value = -1, -np.inf
        for i in remaining:
            redundancy = max((similarity[i, j] for j in chosen), default=0.0)
            if redundancy >= REDUNDANT_SIMILARITY:
                continue
            value = MMR_LAMBDA * scores[i] - (1 - MMR_LAMBDA) * redundancy
            if value > best_value:
                best, best_value = i, value
        if best < 0:
            break
        chosen.append(best)
        remaining.discard(best)
    chosen.sort(key=lambda i: (candidates[i].order, candidates[i].start))
    return [BriefSentence(candidates[i].text, candidates[i].source.id, cited[i]) for i in chosen]


def key_people(sources: Sequence[Source], people: People, limit: int = 6) -> list[str]:
    """People most written about: by how many outlets name them, then how often."""
    outlets: dict[str, set[str]] = {}
    mentions: Counter[str] = Counter()
    for source in sources:
        for entity in source.analysis.entities:
            if entity.label != "PERSON":
                continue
            name = people.name(entity.key, entity.name) or entity.name
            outlets.setdefault(name, set()).add(source.outlet)
            mentions[name] += max(1, entity.count)
    ranked = sorted(outlets, key=lambda n: (-len(outlets[n]), -mentions[n], n))
    return ranked[:limit]


def _key_figures(figures: Sequence[AlignedFigure], limit: int = 6) -> list[str]:
    # A figure whose subject is only "it" or a number says nothing on its own.
    usable = [f for f in figures if content_words(f.subject)]
    ranked = sorted(usable, key=lambda f: -len(f.outlets))[:limit]
    return [
        f"{figure.subject}: "
        + ", ".join(f"{c.text} ({c.outlet})" for c in _one_per_outlet(figure.citations))
        for figure in ranked
    ]


def _one_per_outlet(citations: Sequence[Citation]) -> list[Citation]:
    seen: dict[tuple[str, str], Citation] = {}
    for citation in citations:
        seen.setdefault((citation.outlet, citation.text.casefold()), citation)
    return list(seen.values())


def _key_quotes(quotes: Sequence[AlignedQuote], people: People, limit: int = 5) -> list[str]:
    usable = [q for q in quotes if len(words(q.text)) >= 3]
    # Words of a named person first: "the fire service" or "a report" as speaker usually marks
    # reported speech rather than a quotation.
    ranked = sorted(
        usable,
        key=lambda q: (not people.is_person(q.speaker), -len(q.outlets), -len(q.text)),
    )
    return [
        (f"{q.speaker}: " if q.speaker else "") + f"\u201c{q.text}\u201d ({', '.join(q.outlets)})"
        for q in ranked[:limit]
    ]
